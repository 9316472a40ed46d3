/**
 * Growth of the issue 12 (helper I) tables, by a metamorphic relation (as test/growth.test.ts does for
 * the earlier tables): rows typed into a table as Excel appends them (below it) and inserts them
 * (inside it) must give the same results, everywhere in the workbook, as the workbook built from the
 * case with those entries added. Both files are recalculated by LibreOffice with every cached value
 * removed. Checked for 表6-5's items (the ex-post evaluation and 表6-6 read them by option) and for
 * 表6-1's rows (the funding totals and status counts above it).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditCase } from "../src/worksheets/case";
import type { Lang, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { loadCase, rowInputs } from "./helpers/model-rows";
import { findErrorCells, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { appendTableRows, insertTableRow, type TypedValue } from "./helpers/workbook-edit";

const hasSoffice = requireSoffice();
const KEYS = ["WS6-1", "WS6-2", "WS6-3", "WS6-4", "WS6-5", "WS6-6"];

/** Every non-empty row of every table (as a sorted list of texts) and every cell outside the tables, per sheet. */
function shape(book: WorkbookModel, grids: Map<string, string[][]>): Record<string, { outside: string[]; rows: string[] }> {
  const out: Record<string, { outside: string[]; rows: string[] }> = {};
  for (const s of book.sheets) {
    const g = grids.get(s.name) ?? [];
    const inTable = (r: number, c: number) => s.tables.some((t) => r >= t.ref.top && c >= t.ref.left && c <= t.ref.right);
    const outside: string[] = [];
    g.forEach((row, r) => row.forEach((v, c) => !inTable(r, c) && v !== "" && outside.push(`R${r + 1}C${c + 1}=${v}`)));
    const rows: string[] = [];
    for (const t of s.tables) {
      for (let r = t.ref.top + 1; r < g.length; r++) {
        const cells = (g[r] ?? []).slice(t.ref.left, t.ref.right + 1).map((v, i) => (s.hiddenColumns.includes(t.ref.left + i) ? "" : v));
        if (cells.some((v) => v !== "")) rows.push(`${t.name}: ${cells.join(" | ")}`);
      }
    }
    out[s.key] = { outside, rows: rows.sort() };
  }
  return out;
}

interface Case {
  name: string;
  path: string;
  table: string;
  /** index of the case row copied into the typed rows */
  row: (book: WorkbookModel) => number;
  /** the typed rows' inputs (from the copied row), changed so that the relation is not trivial */
  typed: (base: Record<string, TypedValue>, lang: Lang) => Record<string, TypedValue>[];
  /** the same entries added to the case */
  grow: (c: AuditCase) => AuditCase;
}

const CASES: Case[] = [
  {
    name: "表6-5 items (textbook): 维修费 and 其他支出 rows typed for D-01",
    path: "cases/textbook-150wan.json",
    table: "tblHighCostItems",
    row: () => 0,
    typed: (base, lang) => {
      const [item, before, after] = lang === "zh-CN" ? ["项目", "实施前", "实施后"] : ["Item", "Before", "After"];
      return [
        { ...base, [item]: lang === "zh-CN" ? "维修费" : "Maintenance", [before]: 10, [after]: 12 },
        { ...base, [item]: lang === "zh-CN" ? "其他支出" : "Other expenses", [before]: 5, [after]: 4.5 },
      ];
    },
    grow: (c) => ({
      ...c,
      highCostEconomics: {
        ...c.highCostEconomics,
        items: [
          ...c.highCostEconomics!.items!,
          { optionId: "D-01", item: "维修费", before: 10, after: 12 },
          { optionId: "D-01", item: "其他支出", before: 5, after: 4.5 },
        ],
      },
    }),
  },
  {
    name: "表6-1 rows (power plant): F-03 typed twice (funding 其他, dates)",
    path: "cases/power-plant-workshop.json",
    table: "tblImplementation",
    row: () => 0,
    typed: (base, lang) => {
      const [id, funding, ps, pe] = lang === "zh-CN" ? ["方案编号", "资金来源", "计划开始", "计划完成"] : ["Option ID", "Funding", "Planned start", "Planned finish"];
      const row = { ...base, [id]: "F-03", [funding]: lang === "zh-CN" ? "其他" : "Other", [ps]: 45383, [pe]: 45404 }; // 2024-04-01 … 2024-04-22
      return [row, row];
    },
    grow: (c) => {
      const { optionId: _id, ...first } = c.implementation![0]!;
      const row = { ...first, optionId: "F-03", funding: "其他", plannedStart: "2024-04-01", plannedEnd: "2024-04-22" };
      return { ...c, implementation: [...c.implementation!, row, row] };
    },
  },
];

describe.skipIf(!hasSoffice)("issue 12 tables grow: typed rows = the case with the entries added", () => {
  const results = new Map<string, { typed: ReturnType<typeof shape>; rebuilt: ReturnType<typeof shape>; errors: unknown[] }>();
  beforeAll(async () => {
    for (const k of CASES) {
      for (const lang of ["zh-CN", "en-US"] as Lang[]) {
        const c = loadCase(k.path);
        const book = buildWorkbook(c, { lang, keys: KEYS });
        const [first, second] = k.typed(rowInputs(book, k.table, k.row(book)), lang);
        let bytes = await writeXlsx(book);
        bytes = await appendTableRows(bytes, k.table, [first!]);
        bytes = await insertTableRow(bytes, k.table, 0, second);
        const rebuilt = buildWorkbook(k.grow(c), { lang, keys: KEYS });
        const [a, b] = await Promise.all([recalculate(await stripCachedValues(bytes)), recalculate(await stripCachedValues(await writeXlsx(rebuilt)))]);
        results.set(`${k.name} ${lang}`, { typed: shape(book, a), rebuilt: shape(rebuilt, b), errors: [...findErrorCells(a), ...findErrorCells(b)] });
      }
    }
  }, 600_000);

  for (const k of CASES) {
    for (const lang of ["zh-CN", "en-US"] as Lang[]) {
      it(`${k.name} ${lang}`, () => {
        const r = results.get(`${k.name} ${lang}`)!;
        expect(r.errors).toEqual([]);
        for (const key of Object.keys(r.rebuilt)) {
          // the typed rows sit after the empty rows: compare the tables as multisets, the rest cell by cell
          expect(r.typed[key]!.rows, `${key} table rows`).toEqual(r.rebuilt[key]!.rows);
          expect(r.typed[key]!.outside, `${key} outside the tables`).toEqual(r.rebuilt[key]!.outside);
        }
      });
    }
  }
});
