/**
 * Issue 12 (helper T) × issue 13's contract: every table of 表6-7, 表6-8, 表7-1 and 表7-2 reads its
 * rows back into the case file as cases/README.md writes them. The reader engine is built
 * elsewhere; here a minimal CellReader over the built model's input cells stands in for it, and
 * the rows read back must equal the case file's own entries (the JSON below and the demo case,
 * without their "illustrative" flags), in both languages; the case rebuilt from them builds the
 * same cells.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import type { CaseDraft, CellReader, ReadValue, TableReader } from "../src/worksheets/read-back";
import type { Lang, WorkbookModel } from "../src/worksheets/model";
import { columnName, type TableDef } from "../src/worksheets/table";
import { buildWorkbook, DEFINITIONS } from "../src/worksheets/workbook";
import type { BuildContext } from "../src/worksheets/layout";
import { isoOfSerial } from "../src/worksheets/definitions/read-back-fields";

const LANGS: Lang[] = ["zh-CN", "en-US"];
const KEYS = ["WS6-7", "WS6-8", "WS7-1", "WS7-2"] as const;
const SECTIONS = ["specificIndicators", "targetAttainment", "continuousPlan", "cpOrganisation", "cpRules"] as const;

function load(json: unknown): AuditCase {
  const v = validateCase(json);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.value;
}

/** The case's sections as written in the file, without "illustrative". */
function sectionsOf(json: Record<string, unknown>): Record<string, unknown> {
  const strip = (x: unknown): unknown => (Array.isArray(x) ? x.map(strip) : x && typeof x === "object" ? Object.fromEntries(Object.entries(x).filter(([k]) => k !== "illustrative").map(([k, v]) => [k, strip(v)])) : x);
  return Object.fromEntries(SECTIONS.filter((s) => json[s] !== undefined).map((s) => [s, strip(json[s])]));
}

/** Reads the tables of our four sheets back from the model (input cells only) into a draft. */
function readBackAll(book: WorkbookModel, lang: Lang): { draft: CaseDraft; problems: string[] } {
  const draft: CaseDraft = {};
  const problems: string[] = [];
  const ctx = { lang } as BuildContext;
  for (const key of KEYS) {
    const def = DEFINITIONS.find((d) => d.key === key)!;
    const sheet = book.sheets.find((s) => s.key === key)!;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each table has its own key type
    for (const tdef of def.tables!(ctx) as readonly TableDef<any, string>[]) {
      const rb = tdef.readBack;
      expect(rb, `${tdef.schema.name} has a readBack`).toBeDefined();
      const t = sheet.tables.find((x) => x.name === tdef.schema.name)!;
      const colOf = (k: string) => t.ref.left + t.columns.findIndex((c) => c.name === columnName(tdef.schema, k, lang));
      const rows: unknown[] = [];
      for (let r = t.ref.top + 1; r <= t.ref.bottom; r++) {
        const raw = (k: string): ReadValue => {
          const c = sheet.cells.find((x) => x.row === r && x.col === colOf(k));
          const v = c?.formula !== undefined ? c.result : c?.value;
          return v === null || v === undefined || v === "" ? undefined : (v);
        };
        const reader: CellReader<string> = {
          raw,
          text: (k) => {
            const v = raw(k);
            return v === undefined ? undefined : String(v).trim() || undefined;
          },
          num: (k) => {
            const v = raw(k);
            if (v === undefined) return undefined;
            if (typeof v === "number") return v;
            problems.push(`${tdef.schema.name} ${k}: not a number`);
            return undefined;
          },
          has: (k) => colOf(k) >= t.ref.left,
          byHeader: () => undefined,
          numByHeader: () => undefined,
          headers: () => t.columns.map((c) => c.name),
          problem: (k, m) => problems.push(`${tdef.schema.name} ${k}: ${m}`),
        };
        const row = rb!.row(reader);
        if (row !== undefined) rows.push(row);
      }
      rb!.store(draft, rows, {} as TableReader<string>);
    }
  }
  return { draft, problems };
}

/** The cells of our four sheets (row, column, value or formula) for comparing two builds. */
function cellsOf(book: WorkbookModel): unknown[] {
  return book.sheets.filter((s) => (KEYS as readonly string[]).includes(s.key)).map((s) => s.cells.map((c) => [c.row, c.col, c.value ?? null, c.formula ?? null, c.result ?? null]));
}

const TEST_CASE = {
  meta: { title: "read-back" },
  parameters: {},
  targets: [{ item: "电", direction: "越低越好", baseline: 200, shortTerm: { absolute: 190 } }],
  specificIndicators: [
    { indicator: "电", unit: "kWh/t", direction: "越低越好", before: 200, after: 195 },
    { indicator: "合格率", direction: "越高越好", after: 98 },
  ],
  targetAttainment: [{ target: "电" }, { target: "电", actual: 188 }],
  continuousPlan: [
    { category: "下一轮清洁生产审核工作计划", content: "下一轮", start: "2025-03-01", end: "2025-12-31", department: "办公室", remark: "备注" },
    { category: "自定分类", content: "kept as written" },
  ],
  cpOrganisation: [{ name: "领导小组", head: "厂长", members: "成员", duties: "职责", reportsTo: "厂部" }, { name: "办公室" }],
  cpRules: [{ name: "管理办法", content: "奖惩", issued: "2024-02-29", department: "办公室" }],
};

describe("issue 12 (T): the tables read back into the case file (issue 13 contract)", () => {
  const demo = JSON.parse(readFileSync("cases/power-plant-workshop.json", "utf8")) as Record<string, unknown>;
  for (const [name, json] of [
    ["test case", TEST_CASE],
    ["power-plant demo", demo],
  ] as const) {
    for (const lang of LANGS) {
      it(`${name}, ${lang}: rows read back equal the case file's entries, and rebuild the same cells`, () => {
        const c = load(json);
        const book = buildWorkbook(c, { lang });
        const { draft, problems } = readBackAll(book, lang);
        expect(problems).toEqual([]);
        expect(draft).toEqual(sectionsOf(json as Record<string, unknown>));
        const again = buildWorkbook(load({ ...c, ...draft }), { lang });
        expect(cellsOf(again)).toEqual(cellsOf(book));
      });
    }
  }

  it("a case without the sections reads back without them (the four pre-filled plan categories alone are no plan)", () => {
    for (const lang of LANGS) {
      const { draft, problems } = readBackAll(buildWorkbook(load({ meta: { title: "t" }, parameters: {} }), { lang }), lang);
      expect(problems).toEqual([]);
      expect(draft).toEqual({});
    }
  });

  it("a date serial reads back as its ISO day (1900 leap-year bug not involved after 1900-03-01)", () => {
    expect(isoOfSerial(45_667)).toBe("2025-01-10"); // Excel: =DATE(2025,1,10) is 45667
    expect(isoOfSerial(45_351)).toBe("2024-02-29");
    expect(isoOfSerial(61)).toBe("1900-03-01");
  });
});

describe("issue 12 (T): case validation of the sections", () => {
  const base = { meta: { title: "t" }, parameters: {} };
  it("rejects a direction not in the list and wildcards in an indicator, with JSON paths", () => {
    const v = validateCase({ ...base, specificIndicators: [{ indicator: "电*", direction: "smaller" }] });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors.map((e) => e.path).sort()).toEqual(["$.specificIndicators[0].direction", "$.specificIndicators[0].indicator"]);
  });
  it("warns on a target that names no targets item, a plan category not in the list and an end before the start", () => {
    const v = validateCase({
      ...base,
      targets: [{ item: "电", direction: "lower" }],
      targetAttainment: [{ target: "电" }, { target: "水" }],
      continuousPlan: [{ category: "其他计划", start: "2025-05-01", end: "2025-04-01" }],
    });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.warnings.map((w) => w.path)).toEqual(["$.targetAttainment[1].target", "$.continuousPlan[0].category", "$.continuousPlan[0].end"]);
  });
  it("requires the key of each entry and a real date", () => {
    const v = validateCase({ ...base, specificIndicators: [{ after: 1 }], targetAttainment: [{}], cpOrganisation: [{ head: "x" }], cpRules: [{ name: "r", issued: "2025-02-30" }] });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors.map((e) => e.path)).toEqual(["$.specificIndicators[0].indicator", "$.targetAttainment[0].target", "$.cpOrganisation[0].name", "$.cpRules[0].issued"]);
  });
});
