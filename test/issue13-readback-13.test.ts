/**
 * Issue 13 part 2: the phase 1–3 sheets read back into the case file (each table's `readBack`, the
 * profile's and the reference product's named cells), through the read-back contract run over the
 * built model (test/helpers/read-back-model.ts) until the reader engine reads .xlsx files.
 *
 * Build the power-plant case in zh-CN and en-US → read every table of these sheets back → the
 * draft is a valid case whose sections equal the case file's (both validated: enumerations in their
 * zh-CN form, `illustrative` dropped). The expected values are the case JSON itself, plus the few
 * differences written out here by hand (固废 → its standard term, the GB/T 2589 default factor not
 * written). The blank template and the textbook case (no phase 1–3 data) read back to nothing but
 * the template's typical walk-through items.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { isoOfSerial } from "../src/worksheets/definitions/read-back-fields";
import { unbreakLines } from "../src/worksheets/definitions/enterprise.worksheet";
import { isStandardPlan, standardStages } from "../src/worksheets/definitions/team-plan.worksheet";
import { TYPICAL_ITEMS } from "../src/worksheets/definitions/walkthrough.worksheet";
import { breakLines } from "../src/worksheets/layout";
import { tr, WALK_AREAS } from "../src/worksheets/i18n";
import type { Lang } from "../src/worksheets/model";
import type { CaseDraft } from "../src/worksheets/read-back";
import { termLabel } from "../src/worksheets/terminology";
import { buildWorkbook } from "../src/worksheets/workbook";
import { readBackModel } from "./helpers/read-back-model";
import { cellAt } from "./helpers/tables";

/** The sheets of this part (R reads PARAMS, 表2-11, 表3-4 and phases 4–5). */
const KEYS = ["WS1-1", "WS1-2", "WS2-1", "WS2-2", "WS2-3", "WS2-5", "WS2-6", "WS2-6B", "WS2-7", "WS2-8", "WS2-9", "WS2-10", "WS2-12", "WS2-13", "WS3-1", "WS3-2", "WS3-3", "WS3-5", "COMPONENTS", "WATER"];
/** The case sections they hold. */
const SECTIONS = ["team", "plan", "profile", "staff", "annualData", "equipment", "wasteSources", "facilities", "envCosts", "benchmark", "causes", "candidateData", "targets", "walkthrough", "dataInventory", "unitOperations", "measurements", "waterBalance"] as const;

const json = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
const POWER = json("cases/power-plant-workshop.json");
const TEXTBOOK = json("cases/textbook-150wan.json");

function valid(x: unknown): AuditCase {
  const r = validateCase(x);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return r.value;
}

/** The case file's material balance without components (what 表3-4's own read-back gives). */
function balancesWithoutComponents(file: Record<string, unknown>): unknown[] {
  const strip = (s: Record<string, unknown>) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== "components"));
  return (file.materialBalance as { inputs: Record<string, unknown>[]; outputs: Record<string, unknown>[] }[]).map((b) => ({ ...b, inputs: b.inputs.map(strip), outputs: b.outputs.map(strip) }));
}

/** Builds `file` in `lang` and reads this part's sheets back (meta, parameters and the balance given, as the other readers would). */
function roundTrip(file: Record<string, unknown> | null, lang: Lang): { draft: CaseDraft; problems: string[] } {
  const c = file ? valid(file) : null;
  const book = buildWorkbook(c, { lang });
  const draft: CaseDraft = file ? { meta: file.meta, parameters: file.parameters } : {};
  if (file?.materialBalance) draft.materialBalance = balancesWithoutComponents(file);
  const problems = readBackModel(book, c, KEYS, draft);
  return { draft, problems };
}

describe("issue 13: the phase 1–3 sheets read back into the case (power-plant case)", () => {
  for (const lang of ["zh-CN", "en-US"] as const) {
    it(`${lang}: every section comes back equal to the case file's`, () => {
      const { draft, problems } = roundTrip(POWER, lang);
      expect(problems).toEqual([]);
      const back = valid(draft);
      const orig = valid(POWER);
      for (const s of SECTIONS) {
        expect(orig[s], s).toBeDefined();
        expect(back[s], s).toEqual(orig[s]);
      }
      // the components went back into the balance's streams, in order
      expect(back.materialBalance).toEqual(orig.materialBalance);
    });
  }

  it("hand-checked differences: 固废 comes back as its standard term, a default tce factor is not written, lists in zh-CN", () => {
    const { draft } = roundTrip(POWER, "en-US");
    const ws = draft.wasteSources as Record<string, unknown>[];
    expect(ws.find((w) => w.name === "粉煤灰")!.category).toBe("一般工业固体废物");
    const annual = draft.annualData as Record<string, unknown>[];
    // 原煤 t: GB/T 2589 0.7143 tce/t is the default, so not written back; the case gave none
    expect(annual.find((a) => a.name === "原煤")).not.toHaveProperty("tceFactor");
    expect(annual.find((a) => a.name === "发电量")!.reference).toBe(true);
    expect((draft.team as Record<string, unknown>[])[0]).toMatchObject({ role: "组长", group: "领导小组" });
    expect((draft.equipment as Record<string, unknown>[])[2]!.obsolete).toBe("是");
    expect((draft.walkthrough as Record<string, unknown>[])[5]).toMatchObject({ area: "设备维护保养", result: "不适用" });
    // dates: Excel serials back to the case's text
    expect((draft.plan as Record<string, unknown>[])[0]).toMatchObject({ plannedStart: "2024-03-01", actualEnd: "2024-03-22" });
    // a blank cycle between readings stays a null, trailing blank cycles are dropped
    expect((draft.measurements as Record<string, unknown>[])[0]!.readings).toEqual([1850, 1872, null, 1858]);
    // the history's fields are merged into the inventory entry of the same name
    expect(ws[0]).toMatchObject({ name: "锅炉排污水", y2: 50500, y1: 51200, discharge: 52000, concentration: 45, limit: 50, concentrationUnit: "mg/L" });
    expect(ws[2]).not.toHaveProperty("y2");
  });
});

describe("issue 13: what cannot be read is reported", () => {
  it("a row without its required field, a text in a number cell, a history row of an unknown stream, an unknown reference product", () => {
    const c = valid(POWER);
    const book = buildWorkbook(c, { lang: "zh-CN" });
    const set = (table: string, i: number, column: string, v: string | null) => {
      const cell = cellAt(book, table, i, column);
      if (!cell) throw new Error(`${table}[${i}].${column}`);
      cell.value = v;
    };
    set("tblTeam", 1, "姓名", null);
    set("tblStaff", 0, "人数", "十八");
    set("tblWasteHistory", 0, "废弃物名称", "不存在的废水");
    const ref = book.names.find((n) => n.name === "CP_RefProduct")!;
    if (!("sheet" in ref)) throw new Error("CP_RefProduct is a cell");
    book.sheets.find((x) => x.name === ref.sheet)!.cells.find((x) => x.row === ref.ref.top && x.col === ref.ref.left)!.value = "无此产品";
    const problems = readBackModel(book, c, KEYS, { meta: POWER.meta, parameters: POWER.parameters, materialBalance: balancesWithoutComponents(POWER) });
    expect(problems).toEqual([
      expect.stringMatching(/tblTeam\[1\]\.name: 缺少姓名/),
      expect.stringMatching(/tblStaff\[0\]\.headCount: 数值列含文字 十八/),
      expect.stringMatching(/CP_RefProduct: 参照产品 "无此产品" 不在年度数据中/),
      expect.stringMatching(/tblWasteHistory: 废弃物名称 "不存在的废水" 不在产生源清单中/),
    ]);
  });
});

describe("issue 13: cases without phase 1–3 data and the template", () => {
  it("the textbook case reads back to no phase 1–3 section (its plan is the 9 standard stages: not written)", () => {
    for (const lang of ["zh-CN", "en-US"] as const) {
      const { draft, problems } = roundTrip(TEXTBOOK, lang);
      expect(problems).toEqual([]);
      expect(Object.keys(draft).sort()).toEqual(["meta", "parameters"]);
    }
  });

  it("the blank template reads back to its typical walk-through items only", () => {
    for (const lang of ["zh-CN", "en-US"] as const) {
      const { draft, problems } = roundTrip(null, lang);
      expect(problems).toEqual([]);
      expect(Object.keys(draft)).toEqual(["walkthrough"]);
      // area back as its zh-CN item, the item text as the template wrote it
      expect(draft.walkthrough).toEqual(TYPICAL_ITEMS.map((items, g) => ({ area: WALK_AREAS[g]!.zh, item: tr(lang, items[0]) })));
    }
  });
});

describe("issue 13: read-back pieces", () => {
  it("the profile's inputs are named cells of 表2-1 (CP_Profile_<field>), the lookups (enterprise, head count) are not", () => {
    const book = buildWorkbook(valid(POWER), { lang: "zh-CN" });
    const sheet = book.sheets.find((x) => x.key === "WS2-1")!;
    const named = book.names.flatMap((n) => ("sheet" in n && n.name.startsWith("CP_Profile_") ? [n] : []));
    expect(named.map((n) => n.name.slice("CP_Profile_".length))).toEqual(["sector", "type", "legalRepresentative", "address", "phone", "contact", "founded", "area", "products", "outputValue", "envOrganisation", "pollutants"]);
    for (const n of named) {
      expect(n.sheet).toBe(sheet.name);
      expect(sheet.cells.find((x) => x.row === n.ref.top && x.col === n.ref.left)?.style, n.name).toBe("input");
    }
  });

  it("Excel date serials: 45352 is 2024-03-01 (1900 date system), the time of day dropped", () => {
    // 2024-03-01 − 1899-12-30 = 45 352 days (counted by hand: 124 years incl. 31 leap days … = 45 352)
    expect(isoOfSerial(45352)).toBe("2024-03-01");
    expect(isoOfSerial(45352.75)).toBe("2024-03-01");
    expect(isoOfSerial(1)).toBe("1899-12-31");
  });

  it("the standard plan in either language and terminology is recognised, a changed one is not", () => {
    for (const lang of ["zh-CN", "en-US"] as const) {
      for (const term of ["2001", "2016"] as const) {
        expect(isStandardPlan(standardStages().map((x) => ({ stage: tr(lang, termLabel(x, term)) })))).toBe(true);
      }
    }
    const rows = standardStages().map((x) => ({ stage: tr("zh-CN", termLabel(x, "2016")) }));
    expect(isStandardPlan([...rows.slice(0, 8), { stage: "审核报告", work: "编写报告" }])).toBe(false);
    expect(isStandardPlan(rows.slice(0, 8))).toBe(false);
  });

  it("a profile text broken into lines by the build is joined back; a user's own line breaks are kept", () => {
    const en = "Main products: electricity from two 300 MW coal-fired units, steam for the district heating network and fly ash sold to building-material plants";
    const zh = "主要产品为电力（2×300 MW 燃煤机组），同时向城市供热管网供应蒸汽，粉煤灰和炉渣全部外售给建材厂综合利用，脱硫石膏外售";
    for (const text of [en, zh]) {
      const cell = breakLines(text, 60).join("\n");
      expect(cell).toContain("\n");
      expect(unbreakLines(cell)).toBe(text);
    }
    expect(unbreakLines("第一行\n第二行")).toBe("第一行\n第二行");
  });
});
