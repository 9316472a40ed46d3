/**
 * Issue 12 (helper I): 表6-1 implementation plan, 表6-3 no/low-cost economics, 表6-5 medium/high-cost
 * economics with the ex-post evaluation (WS6-5B), 表6-6 summary of the implemented options.
 *
 * Expected values are independent of our code: hand arithmetic written here from the case files'
 * inputs (dates → days, sums of typed money), the textbook's published answers for the ex-post
 * evaluation (the same I and P as 表5-3 must give its NPV 100.9564 and IRR 17.257 % —
 * cases/textbook-150wan.json meta.expected), and the annuity factor (1 − 1.05⁻¹⁰)/0.05 computed here.
 * LibreOffice recalculates the edited workbooks (dates typed → status and delay; an item of 表6-5
 * changed → net profit → ex-post NPV; rows added to the register, 表6-3 and 表6-6 → the summary's
 * money and subtotals). The read-back of every table gives the case file's rows again.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { TBL_EXPOST, TBL_HIGH_COST_ITEMS } from "../src/worksheets/definitions/high-cost-economics.worksheet";
import { IMPLEMENTATION_STATUS, TBL_IMPLEMENTATION } from "../src/worksheets/definitions/implementation.worksheet";
import { CLASS_GROUPS, TBL_IMPLEMENTED_SUMMARY } from "../src/worksheets/definitions/implemented-summary.worksheet";
import { LOW_COST_ECONOMICS_LABELS, TBL_LOW_COST_ECONOMICS } from "../src/worksheets/definitions/low-cost-economics.worksheet";
import { TBL_OPTIONS } from "../src/worksheets/definitions/option-register.worksheet";
import { COST_CLASSES, ASPECTS, FUNDING_SOURCES, tr } from "../src/worksheets/i18n";
import type { Lang, SheetModel, WorkbookModel } from "../src/worksheets/model";
import type { CaseDraft, CellReader, ReadValue, TableReader } from "../src/worksheets/read-back";
import { columnName, type TableDef, type TableSchema } from "../src/worksheets/table";
import { buildWorkbook, DEFINITIONS } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "./helpers/model-check";
import { cellAt, col, findTable, rowIndexOf, shownAt } from "./helpers/tables";
import { appendTableRows, setTableCells } from "./helpers/workbook-edit";

const hasSoffice = requireSoffice();

function load(path: string): AuditCase {
  const v = validateCase(JSON.parse(readFileSync(path, "utf8")));
  if (!v.ok) throw new Error(`${path}: ${v.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
  return v.value;
}
const PLANT = "cases/power-plant-workshop.json";
const TEXTBOOK = "cases/textbook-150wan.json";
const KEYS = ["WS6-1", "WS6-2", "WS6-3", "WS6-4", "WS6-5", "WS6-6"];

/** Excel's serial of a date (days since 1899-12-30), written out here as the test's own arithmetic. */
const serial = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
const num = (text: string) => parseSpreadsheetNumber(text);
const close = (a: number | null, b: number, tol = 1e-9) => expect(a === null ? NaN : Math.abs(a - b)).toBeLessThanOrEqual(Math.max(tol, tol * Math.abs(b)));

/** The cached value of a table cell in the model, by the row's id. */
function cached(book: WorkbookModel, schema: TableSchema, idKey: string, id: string, key: string, lang: Lang): unknown {
  const s = schema;
  const k = rowIndexOf(book, s.name, columnName(s, idKey, lang), id);
  expect(k, `${s.name} row of ${id}`).toBeGreaterThanOrEqual(0);
  const c = cellAt(book, s.name, k, columnName(s, key, lang))!;
  return c.formula !== undefined ? c.result : c.value;
}

describe("表6-1 … 表6-6 in the model (hand arithmetic from the case files)", () => {
  const lang: Lang = "zh-CN";
  const book = buildWorkbook(load(PLANT), { lang, keys: KEYS });
  const I = (id: string, key: keyof typeof TBL_IMPLEMENTATION.columns) => cached(book, TBL_IMPLEMENTATION, "id", id, key, lang);

  it("表6-1: duration, delay and status from the dates; investment from 表5-3, else the register", () => {
    // F-01: planned 2024-03-01 … 03-15 (14 days), finished 03-20 (5 days late)
    expect(I("F-01", "duration")).toBe(14);
    expect(I("F-01", "delay")).toBe(5);
    expect(I("F-01", "status")).toBe(IMPLEMENTATION_STATUS.done.zh);
    // F-02: finished 04-08, planned 04-10: 2 days early
    expect(I("F-02", "delay")).toBe(-2);
    // Z-01: 2024-10-01 … 2025-01-31 = 31+30+31+31 − 1 + 1 … = 122 days; finished 2025-01-20: 11 days early
    expect(I("Z-01", "duration")).toBe(serial(2025, 1, 31) - serial(2024, 10, 1));
    expect(I("Z-01", "duration")).toBe(122);
    expect(I("Z-01", "delay")).toBe(-11);
    // Z-02 has no actual date: not started, no delay
    expect(I("Z-02", "status")).toBe(IMPLEMENTATION_STATUS.notStarted.zh);
    expect(I("Z-02", "delay")).toBe(null);
    // I: Z-01 is evaluated in 表5-3 (31.67), F-02 only in the register (0.8)
    expect(I("Z-01", "investment")).toBe(31.67);
    expect(I("Z-01", "source")).toBe("表5-3");
    expect(I("F-02", "investment")).toBe(0.8);
    expect(I("F-02", "source")).toBe("汇总表");
  });

  it("表6-3: an option of 表4-6 takes its figures from there, F-03 its typed ones; payback I/benefit", () => {
    const L = (id: string, key: keyof typeof TBL_LOW_COST_ECONOMICS.columns) => cached(book, TBL_LOW_COST_ECONOMICS, "id", id, key, lang);
    expect(L("F-02", "investment")).toBe(0.8); // lowCostResults F-02
    expect(L("F-02", "benefit")).toBe(2.5);
    expect(L("F-02", "source")).toBe(LOW_COST_ECONOMICS_LABELS.from46.zh);
    close(L("F-02", "payback") as number, 0.8 / 2.5);
    expect(L("F-03", "benefit")).toBe(0.9); // typed in lowCostEconomics
    expect(L("F-03", "source")).toBe(LOW_COST_ECONOMICS_LABELS.typed.zh);
    expect(L("F-03", "payback")).toBe(0);
  });

  it("表6-5: net profit = 产值 − Σ costs; P = its change; ex-post D, E, F, N as 表5-3 computes them", () => {
    const X = (key: keyof typeof TBL_EXPOST.columns) => cached(book, TBL_EXPOST, "id", "Z-01", key, lang) as number;
    // before: 1200 − (310 + 25 + 8 + 12) = 845; after: 1200 − (300.2 + 20.5 + 7.4 + 12.3) = 859.6
    close(X("netBefore"), 845);
    close(X("netAfter"), 859.6);
    const P = 859.6 - 845;
    close(X("profit"), P);
    // I 33.2, Y 10, t 25 %: D = 3.32, E = (P − D)(1 − 0.25), F = E + D, N = I/F
    const D = 3.32;
    const E = (P - D) * 0.75;
    close(X("depreciation"), D);
    close(X("net"), E);
    close(X("cashFlow"), E + D);
    close(X("payback"), 33.2 / (E + D));
    // NPV at 12 % over 10 years
    const annuity = (1 - Math.pow(1.12, -10)) / 0.12;
    close(X("npv"), (E + D) * annuity - 33.2);
  });

  it("表6-6: money from 表6-3 / 表6-5, reductions from 表6-2 / 表6-4, subtotals by 方案类型", () => {
    const S = (id: string, key: keyof typeof TBL_IMPLEMENTED_SUMMARY.columns) => cached(book, TBL_IMPLEMENTED_SUMMARY, "id", id, key, lang);
    expect(S("F-01", "classGroup")).toBe(CLASS_GROUPS.low.zh);
    expect(S("Z-01", "classGroup")).toBe(CLASS_GROUPS.high.zh);
    expect(S("F-02", "benefit")).toBe(2.5);
    close(S("Z-01", "investment") as number, 33.2);
    // Z-01's operating cost: Σ (after − before) of its cost items except 税金 = −9.8 − 4.5 − 0.6 + 0.3
    close(S("Z-01", "operatingCost") as number, -14.6);
    // reductions: F-01 电力 1 250 000 − 1 238 000; F-02 新水 48 000 − 46 500, COD 2.4 − 2.16; Z-01 新水 120 000 − 104 000
    expect(S("F-01", "electricity")).toBe(12000);
    expect(S("F-02", "water")).toBe(1500);
    close(S("F-02", "cod") as number, 0.24);
    expect(S("Z-01", "water")).toBe(16000);
    expect(S("F-03", "water")).toBe("");
    // 节能: F-01's 12 000 kWh at GB/T 2589's 当量值 0.1229 kgce/kWh (the workbook's default convention) = 1.4748 tce/a
    close(S("F-01", "tce") as number, (12000 * 0.1229) / 1000);
    // the implementation date is 表6-1's actual finish
    expect(S("F-01", "date")).toBe(serial(2024, 3, 20));
  });
});

/** A CellReader over a model table's row (inputs as written; formula cells: their cached result). */
function modelReader(sheet: SheetModel, t: SheetModel["tables"][number], row: number, schema: TableSchema, lang: Lang, problems: string[]): CellReader<string> {
  const s = schema;
  const colOf = (key: string) => t.ref.left + t.columns.findIndex((c) => c.name === columnName(s, key, lang));
  const raw = (key: string): ReadValue => {
    const c = sheet.cells.find((x) => x.row === row && x.col === colOf(key));
    const v = c === undefined ? undefined : c.formula !== undefined ? c.result : c.value;
    return v === null || v === "" ? undefined : v;
  };
  // the methods the phase 6 tables use (the reader's interface may offer more)
  const reader: Pick<CellReader<string>, "raw" | "has" | "text" | "num" | "problem"> = {
    raw,
    has: (key) => t.columns.some((c) => c.name === columnName(s, key, lang)),
    text: (key) => {
      const v = raw(key);
      return v === undefined ? undefined : String(v).trim();
    },
    num: (key) => {
      const v = raw(key);
      if (v === undefined) return undefined;
      if (typeof v === "number") return v;
      problems.push(`${key}: ${String(v)}`);
      return undefined;
    },
    problem: (key, message) => problems.push(`${key}: ${message}`),
  };
   
  return reader as CellReader<string>;
}

describe("read-back of the issue 12 tables gives the case file's rows", () => {
  for (const path of [PLANT, TEXTBOOK]) {
    it(path, () => {
      const lang: Lang = "zh-CN";
      const c = load(path);
      const book = buildWorkbook(c, { lang, keys: KEYS });
      const ctx = { lang, auditCase: c, params: null, names: {} } as never;
      const draft: CaseDraft = {};
      const problems: string[] = [];
      for (const key of ["WS6-1", "WS6-3", "WS6-5", "WS6-5B", "WS6-6"]) {
        const def = DEFINITIONS.find((d) => d.key === key)!;
        const sheet = book.sheets.find((s) => s.key === key)!;
        for (const tdef of def.tables!(ctx) as TableDef<unknown, string>[]) {
          const t = findTable(book, tdef.schema.name).table;
          const rows: unknown[] = [];
          for (let r = t.ref.top + 1; r <= t.ref.bottom; r++) {
            const row = tdef.readBack!.row(modelReader(sheet, t, r, tdef.schema, lang, problems));
            if (row !== undefined) rows.push(row);
          }
          tdef.readBack!.store(draft, rows, {} as TableReader<string>);
        }
      }
      expect(problems).toEqual([]);
      const file = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
      const strip = (x: unknown): unknown => x === undefined ? undefined : JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === "illustrative" ? undefined : v)));
      for (const k of ["implementation", "lowCostEconomics", "highCostEconomics", "implementedSummary"]) expect(draft[k], k).toEqual(strip(file[k]));
    });
  }
});

describe.skipIf(!hasSoffice)("表6-x edited and recalculated by LibreOffice", () => {
  const lang: Lang = "zh-CN";
  const results = new Map<string, { book: WorkbookModel; grids: Map<string, string[][]> }>();
  const F = (k: keyof typeof TBL_IMPLEMENTATION.columns) => col(TBL_IMPLEMENTATION, k, lang);

  beforeAll(async () => {
    // the power plant: dates typed into 表6-1; a new option added to the register, 表6-3 and 表6-6
    const plant = buildWorkbook(load(PLANT), { lang, keys: KEYS });
    let bytes = await writeXlsx(plant);
    const z02 = rowIndexOf(plant, TBL_IMPLEMENTATION.name, F("id"), "Z-02");
    bytes = await setTableCells(bytes, TBL_IMPLEMENTATION.name, z02, { [F("actualStart")]: serial(2024, 11, 5), [F("funding")]: tr(lang, FUNDING_SOURCES[0]!) });
    const f02 = rowIndexOf(plant, TBL_IMPLEMENTATION.name, F("id"), "F-02");
    bytes = await setTableCells(bytes, TBL_IMPLEMENTATION.name, f02, { [F("actualStart")]: serial(2024, 4, 9) }); // after its finish 04-08
    const O = (k: keyof typeof TBL_OPTIONS.columns) => col(TBL_OPTIONS, k, lang);
    bytes = await appendTableRows(bytes, TBL_OPTIONS.name, [{ [O("id")]: "F-09", [O("name")]: "新增低费方案", [O("aspect")]: tr(lang, ASPECTS[6]!), [O("costClass")]: tr(lang, COST_CLASSES[1]!), [O("investment")]: 0.5 }]);
    const L = (k: keyof typeof TBL_LOW_COST_ECONOMICS.columns) => col(TBL_LOW_COST_ECONOMICS, k, lang);
    bytes = await appendTableRows(bytes, TBL_LOW_COST_ECONOMICS.name, [{ [L("id")]: "F-09", [L("typedInvestment")]: 0.3, [L("typedOperatingCost")]: 0.05, [L("typedBenefit")]: 0.6 }]);
    bytes = await appendTableRows(bytes, TBL_IMPLEMENTED_SUMMARY.name, [{ [col(TBL_IMPLEMENTED_SUMMARY, "id", lang)]: "F-09" }]);
    results.set("plant", { book: plant, grids: await recalculate(await stripCachedValues(bytes)) });
    // the textbook: as built (ex-post = 表5-3), then 产值 after 1030 → 1040
    const tb = buildWorkbook(load(TEXTBOOK), { lang, keys: KEYS });
    const tbBytes = await writeXlsx(tb);
    results.set("textbook", { book: tb, grids: await recalculate(await stripCachedValues(tbBytes)) });
    const H = (k: keyof typeof TBL_HIGH_COST_ITEMS.columns) => col(TBL_HIGH_COST_ITEMS, k, lang);
    const out = rowIndexOf(tb, TBL_HIGH_COST_ITEMS.name, H("item"), "产值");
    const edited = await setTableCells(tbBytes, TBL_HIGH_COST_ITEMS.name, out, { [H("after")]: 1040 });
    results.set("textbook-edited", { book: tb, grids: await recalculate(await stripCachedValues(edited)) });
  }, 300_000);

  it("no error cell; the unedited textbook workbook's every cached value equals LibreOffice's", () => {
    for (const r of results.values()) expect(findErrorCells(r.grids)).toEqual([]);
    const { book, grids } = results.get("textbook")!;
    for (const s of book.sheets) expect(checkRecalculatedAgainstModel(s, grids.get(s.name), { rel: 1e-9, abs: 1e-9 }).map((m) => m.message)).toEqual([]);
  });

  it("表6-1: a typed actual start makes Z-02 进行中; a start after the finish is flagged; funding totals follow", () => {
    const { book, grids } = results.get("plant")!;
    const at = (id: string, k: keyof typeof TBL_IMPLEMENTATION.columns) => shownAt(grids, book, TBL_IMPLEMENTATION.name, rowIndexOf(book, TBL_IMPLEMENTATION.name, F("id"), id), F(k));
    expect(at("Z-02", "status")).toBe(IMPLEMENTATION_STATUS.running.zh);
    expect(at("Z-02", "delay")).toBe("");
    expect(at("F-02", "check")).toBe("实际完成早于开始");
    // 自筹 now: F-01 (register 0) + F-02 (0.8) + Z-02 (表5-3 73.82)
    const sheet = book.sheets.find((s) => s.key === "WS6-1")!;
    const g = grids.get(sheet.name)!;
    const label = tr(lang, FUNDING_SOURCES[0]!);
    const r = g.findIndex((row) => row.includes(label));
    close(num(g[r]![g[r]!.indexOf(label) + 1]!), 0 + 0.8 + 73.82);
  });

  it("rows added to the register, 表6-3 and 表6-6: the summary shows the typed money and its subtotal", () => {
    const { book, grids } = results.get("plant")!;
    const S = (k: keyof typeof TBL_IMPLEMENTED_SUMMARY.columns) => col(TBL_IMPLEMENTED_SUMMARY, k, lang);
    const n = findTable(book, TBL_IMPLEMENTED_SUMMARY.name).table.ref.bottom - findTable(book, TBL_IMPLEMENTED_SUMMARY.name).table.ref.top; // the appended row's index
    expect(shownAt(grids, book, TBL_IMPLEMENTED_SUMMARY.name, n, S("id"))).toBe("F-09");
    expect(shownAt(grids, book, TBL_IMPLEMENTED_SUMMARY.name, n, S("classGroup"))).toBe(CLASS_GROUPS.low.zh);
    close(num(shownAt(grids, book, TBL_IMPLEMENTED_SUMMARY.name, n, S("investment"))), 0.3);
    close(num(shownAt(grids, book, TBL_IMPLEMENTED_SUMMARY.name, n, S("benefit"))), 0.6);
    expect(shownAt(grids, book, TBL_IMPLEMENTED_SUMMARY.name, n, S("check"))).toBe("");
    // 无/低费 benefit subtotal: F-01 1.2 + F-02 2.5 (表4-6) + F-03 0.9 + F-09 0.6 (typed)
    const sheet = book.sheets.find((s) => s.key === "WS6-6")!;
    const g = grids.get(sheet.name)!;
    const r = g.findIndex((row) => row[0] === "无/低费小计");
    const benefitCol = findTable(book, TBL_IMPLEMENTED_SUMMARY.name).table.ref.left + findTable(book, TBL_IMPLEMENTED_SUMMARY.name).table.columns.findIndex((c) => c.name === S("benefit"));
    close(num(g[r]![benefitCol]!), 1.2 + 2.5 + 0.9 + 0.6);
    expect(g[r]![benefitCol - 4]).toBe("4"); // count column (方案类型)
  });

  it("表6-5 ex-post: the textbook's I and P give 表5-3's published NPV and IRR; 产值 +10 recomputes them", () => {
    const X = (k: keyof typeof TBL_EXPOST.columns) => col(TBL_EXPOST, k, lang);
    const expected = (JSON.parse(readFileSync(TEXTBOOK, "utf8")) as { meta: { expected: Record<string, { npv: number; irr: number; annualCashFlow: number }> } }).meta.expected["D-01"]!;
    const base = results.get("textbook")!;
    const at = (r: { book: WorkbookModel; grids: Map<string, string[][]> }, k: keyof typeof TBL_EXPOST.columns) => num(shownAt(r.grids, r.book, TBL_EXPOST.name, 0, X(k)));
    close(at(base, "profit"), 40); // (1030 − 1000) − ((594 − 600) + (76 − 80))
    close(at(base, "cashFlow"), expected.annualCashFlow, 1e-9);
    expect(Math.abs(at(base, "npv")! - expected.npv)).toBeLessThan(1e-4);
    expect(Math.abs(at(base, "irr")! - expected.irr)).toBeLessThan(1e-5);
    // beside it, 表5-3's feasibility values of the same option
    expect(Math.abs(at(base, "feasNpv")! - expected.npv)).toBeLessThan(1e-4);
    // 产值 after 1040: P = 50, F = (50 − 15)(1 − 0.3) + 15 = 39.5, NPV = 39.5 × (1 − 1.05⁻¹⁰)/0.05 − 150, N = 150/39.5
    const ed = results.get("textbook-edited")!;
    close(at(ed, "profit"), 50);
    close(at(ed, "cashFlow"), 39.5);
    close(at(ed, "npv"), (39.5 * (1 - Math.pow(1.05, -10))) / 0.05 - 150);
    close(at(ed, "payback"), 150 / 39.5);
    // the summary follows: D-01's benefit is the new P
    close(num(shownAt(ed.grids, ed.book, TBL_IMPLEMENTED_SUMMARY.name, 0, col(TBL_IMPLEMENTED_SUMMARY, "benefit", lang))), 50);
  });
});
