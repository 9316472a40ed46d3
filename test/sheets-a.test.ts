/**
 * 表2-6 废弃物产生源清单 (tblWasteSources) and 表2-11 权重总和计分排序法确定审核重点 (tblFocus) as growable
 * Excel tables (issue 8 items 1, 4, 5; engineering guide §1b).
 *
 * Both bundled cases, the edge-value case and the blank template are built in zh-CN and en-US with
 * buildWorkbook + writeXlsx, the cached results are removed, LibreOffice recalculates, and the
 * values are checked against independent ones: the case JSON counted and added here, hand
 * arithmetic written below (power plant: 锅炉工段 336, 汽机工段 263, 除灰工段 239, 化学水处理 208;
 * edge values E19: A 3.7, B 3.3, C 3.5). Then the files are edited as a user edits them in Excel —
 * a row appended below each table (test/helpers/workbook-edit.ts), an empty score, a text score
 * ("约5"), a tie at the top, a blank weight — and recalculated again.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { factorColumnNames } from "../src/worksheets/definitions/focus-selection.worksheet";
import { canonicalItem, WASTE_CATEGORIES } from "../src/worksheets/i18n";
import type { Lang, SheetModel, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "./helpers/model-check";
import { pool } from "./helpers/pool";
import { expectClose } from "./helpers/tolerance";
import { appendTableRows, readTable, setCells, setTableCells, type TypedValue } from "./helpers/workbook-edit";

const hasSoffice = requireSoffice();

// ------------------------------------------------------------------ independent facts (not from src)

const LANGS: Lang[] = ["zh-CN", "en-US"];
const zh = (lang: Lang) => lang === "zh-CN";

/** The standard waste categories (GB terms) and the spellings accepted as input. */
const CATEGORIES = [
  { zh: "废水", en: "Wastewater", also: [] as string[] },
  { zh: "废气", en: "Waste gas", also: [] },
  { zh: "一般工业固体废物", en: "General industrial solid waste", also: ["固废", "Solid waste"] },
  { zh: "危险废物", en: "Hazardous waste", also: ["危废"] },
  { zh: "噪声", en: "Noise", also: [] },
];
const NOISE = 4;

/** Spec §2.2 standard factors and weights (the template's preset). */
const STANDARD_WEIGHTS = [10, 8, 8, 8, 5, 2];

/** Column names of tblWasteSources. */
const WASTE_COL = {
  "zh-CN": { no: "序号", workshop: "车间/工段", category: "类别", name: "名称/主要污染物", quantity: "产生量", unit: "单位", cost: "年处理费用", check: "检查" },
  "en-US": { no: "No.", workshop: "Workshop", category: "Category", name: "Stream/pollutant", quantity: "Quantity", unit: "Unit", cost: "Annual cost", check: "Check" },
};
const FOCUS_COL = {
  "zh-CN": { name: "备选审核重点", total: "总分", rank: "排序", selected: "是否选为审核重点", check: "检查" },
  "en-US": { name: "Candidate", total: "Total", rank: "Rank", selected: "Selected", check: "Check" },
};
const TEXT = {
  "zh-CN": {
    unitsDiffer: "单位不一致，未合计",
    incompleteQty: "产生量不全，未合计",
    total: "合计（全部条目）",
    flagged: "需检查的条目",
    quantityNaN: "产生量不是数值",
    focus: "审核重点",
    ranked: "参与排序",
    incompleteCount: "评分不全",
    incomplete: "评分不全",
    missingWeight: "缺少权重值",
    tie: "并列 — 需审核小组讨论确定",
    yes: "是",
    no: "否",
  },
  "en-US": {
    unitsDiffer: "Units differ: not added",
    incompleteQty: "Quantities incomplete: not added",
    total: "Total (all entries)",
    flagged: "Entries to check",
    quantityNaN: "Quantity is not a number",
    focus: "Audit focus",
    ranked: "Ranked candidates",
    incompleteCount: "Incomplete scores",
    incomplete: "Scores incomplete",
    missingWeight: "Weight missing",
    tie: "Tie — to be decided by the audit team",
    yes: "Yes",
    no: "No",
  },
};

interface WasteRow {
  category?: string;
  quantity: number;
  unit: string;
  annualCost?: number;
}

/** Index of a category text in {@link CATEGORIES} (any spelling, ignoring case), or -1. */
function categoryIndex(text: string | undefined): number {
  const v = (text ?? "").trim().toLowerCase();
  return CATEGORIES.findIndex((c) => [c.zh, c.en, ...c.also].some((s) => s.toLowerCase() === v));
}

interface CategoryTotal {
  count: number;
  /** a number, "differ" (units differ), "" (no entry), "noise" (never added) */
  quantity: number | "differ" | "" | "noise";
  unit: string;
  cost: number;
}

/** Per category, counted from the rows: what the summary must show. */
function categoryTotals(rows: readonly WasteRow[]): CategoryTotal[] {
  return CATEGORIES.map((_c, i) => {
    const these = rows.filter((r) => categoryIndex(r.category) === i);
    const cost = these.reduce((s, r) => s + (r.annualCost ?? 0), 0);
    if (these.length === 0) return { count: 0, quantity: "", unit: "", cost };
    if (i === NOISE) return { count: these.length, quantity: "noise", unit: "", cost };
    const unit = these[0]!.unit;
    if (these.some((r) => r.unit !== unit)) return { count: these.length, quantity: "differ", unit: "", cost };
    return { count: these.length, quantity: these.reduce((s, r) => s + r.quantity, 0), unit, cost };
  });
}

/** Σ W·R by hand. */
function weighted(weights: readonly number[], scores: readonly number[]): number {
  let s = 0;
  weights.forEach((w, i) => (s += w * scores[i]!));
  return s;
}

// ------------------------------------------------------------------ building and reading

interface Input {
  name: string;
  path: string | null;
}
const INPUTS: Input[] = [
  { name: "power-plant-workshop", path: "cases/power-plant-workshop.json" },
  { name: "textbook-150wan", path: "cases/textbook-150wan.json" },
  { name: "edge-values", path: "test/fixtures/edge-values.json" },
  { name: "template", path: null },
];

interface Json {
  wasteSources?: WasteRow[];
  focusSelection?: { factors: { name: string; weight: number }[]; candidates: { name: string; scores: number[] }[] };
}

interface Built {
  input: Input;
  lang: Lang;
  json: Json | null;
  book: WorkbookModel;
  bytes: Uint8Array;
  grids: Map<string, string[][]>;
}

function loadCase(path: string | null): { json: Json | null; auditCase: AuditCase | null } {
  if (path === null) return { json: null, auditCase: null };
  const json = JSON.parse(readFileSync(path, "utf8")) as Json;
  const v = validateCase(json);
  if (!v.ok) throw new Error(`${path}: ${v.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
  return { json, auditCase: v.value };
}

async function build(input: Input, lang: Lang): Promise<Built> {
  const { json, auditCase } = loadCase(input.path);
  const book = buildWorkbook(auditCase, { lang });
  const bytes = await writeXlsx(book);
  const grids = await recalculate(await stripCachedValues(bytes));
  return { input, lang, json, book, bytes, grids };
}

function sheetOf(book: WorkbookModel, key: string): SheetModel {
  const s = book.sheets.find((x) => x.key === key);
  if (!s) throw new Error(`no sheet ${key}`);
  return s;
}

function gridOf(b: { book: WorkbookModel; grids: Map<string, string[][]> }, key: string): string[][] {
  const g = b.grids.get(sheetOf(b.book, key).name);
  if (!g) throw new Error(`no grid for ${key}`);
  return g;
}

const cell = (g: string[][], r: number, c: number) => g[r]?.[c] ?? "";
const num = (text: string) => parseSpreadsheetNumber(text);

/** First row whose cell `col` is `text`. */
function rowWhere(g: string[][], col: number, text: string): number {
  const r = g.findIndex((row) => (row[col] ?? "") === text);
  if (r < 0) throw new Error(`no row with "${text}" in column ${col}`);
  return r;
}

/** The table's header row in a grid and its column indexes by name. */
function tableIn(g: string[][], firstHeader: string): { header: number; col: (name: string) => number; rows: string[][] } {
  const header = rowWhere(g, 0, firstHeader);
  const names = g[header]!;
  const col = (name: string) => {
    const i = names.indexOf(name);
    if (i < 0) throw new Error(`no column "${name}" in ${names.join(" | ")}`);
    return i;
  };
  const rows: string[][] = [];
  for (let r = header + 1; r < g.length; r++) rows.push(g[r]!);
  return { header, col, rows };
}

// ------------------------------------------------------------------ assertions shared by the runs

/** The summary of 表2-6 shows `totals` per category and the grand count and money only. */
function expectWasteSummary(g: string[][], lang: Lang, rows: readonly WasteRow[]): void {
  const T = TEXT[lang];
  const totals = categoryTotals(rows);
  CATEGORIES.forEach((c, i) => {
    const term = zh(lang) ? c.zh : c.en;
    const r = rowWhere(g, 1, term);
    const e = totals[i]!;
    expect(num(cell(g, r, 2)), `${term} count`).toBe(e.count);
    const q = cell(g, r, 3);
    if (typeof e.quantity === "number") {
      expectClose(num(q) ?? NaN, e.quantity, {}, `${term} quantity`);
      expect(cell(g, r, 4), `${term} unit`).toBe(e.unit);
    } else if (e.quantity === "differ") {
      expect(q, `${term} quantity`).toBe(T.unitsDiffer);
      expect(cell(g, r, 4)).toBe("");
    } else if (e.quantity === "noise") {
      expect(q === "" || num(q) !== null, `${term}: noise levels are never added (got "${q}")`).toBe(false);
    } else expect(q, `${term} quantity`).toBe("");
    expectClose(num(cell(g, r, 5)) ?? NaN, e.cost, {}, `${term} cost`);
  });
  const tr = rowWhere(g, 1, T.total);
  expect(num(cell(g, tr, 2)), "number of entries").toBe(rows.length);
  expect(num(cell(g, tr, 3)), "no grand total of quantities").toBeNull();
  expectClose(num(cell(g, tr, 5)) ?? NaN, rows.reduce((s, r) => s + (r.annualCost ?? 0), 0), {}, "total annual cost");
  // no cell adds quantities of different categories (all, or all in t/a as the old sheet did)
  const cats = new Set(rows.map((r) => categoryIndex(r.category)));
  if (cats.size > 1) {
    const all = rows.reduce((s, r) => s + r.quantity, 0);
    const ta = rows.filter((r) => r.unit === "t/a");
    const taSum = ta.reduce((s, r) => s + r.quantity, 0);
    const taCats = new Set(ta.map((r) => categoryIndex(r.category)));
    for (const row of g) {
      for (const text of row) {
        const v = num(text);
        if (v === null) continue;
        expect(Math.abs(v - all) < 1e-9, `a cell adds every quantity: ${text}`).toBe(false);
        if (taCats.size > 1) expect(Math.abs(v - taSum) < 1e-9, `a cell adds t/a quantities of different categories: ${text}`).toBe(false);
      }
    }
  }
}

interface Candidate {
  name: string;
  total: number | null;
  rank: number | null;
}

/** The focus table's rows show `cands` (total, rank, 是/否) and the summary names the focus. */
function expectFocus(g: string[][], lang: Lang, cands: readonly Candidate[], focus: string): void {
  const C = FOCUS_COL[lang];
  const T = TEXT[lang];
  const t = tableIn(g, C.name);
  for (const c of cands) {
    const row = t.rows.find((r) => r[0] === c.name);
    expect(row, `candidate ${c.name}`).toBeDefined();
    if (c.total === null) expect(row![t.col(C.total)], `${c.name}: no total`).toBe("");
    else expectClose(num(row![t.col(C.total)]!) ?? NaN, c.total, {}, `${c.name} total`);
    expect(row![t.col(C.rank)], `${c.name} rank`).toBe(c.rank === null ? "" : String(c.rank));
    expect(row![t.col(C.selected)], `${c.name} selected`).toBe(c.rank === null ? "" : c.rank === 1 ? T.yes : T.no);
  }
  expect(cell(g, rowWhere(g, 0, T.focus), 1), "audit focus").toBe(focus);
  expect(num(cell(g, rowWhere(g, 0, T.ranked), 1)), "ranked candidates").toBe(cands.filter((c) => c.rank !== null).length);
}

/** Competition ranks by hand (1 = largest; ties share; the next rank is skipped). */
function ranksOf(totals: readonly number[]): number[] {
  return totals.map((x) => 1 + totals.filter((y) => y > x + 1e-9).length);
}

// ------------------------------------------------------------------ model checks (no LibreOffice)

describe("tblWasteSources and tblFocus in the model", () => {
  for (const lang of LANGS) {
    it(`${lang}: one table per sheet, nothing below it, helper columns hidden, validations and widths`, () => {
      for (const input of INPUTS) {
        const { auditCase } = loadCase(input.path);
        const book = buildWorkbook(auditCase, { lang });
        for (const [key, table] of [["WS2-6", "tblWasteSources"], ["WS2-11", "tblFocus"]] as const) {
          const s = sheetOf(book, key);
          expect(s.tables.map((x) => x.name)).toEqual([table]);
          const ref = s.tables[0]!.ref;
          expect(s.cells.filter((c) => c.row > ref.bottom), `${key}: nothing below the table`).toEqual([]);
          expect(s.title.startsWith(zh(lang) ? `表${key.slice(2)} ` : `Table ${key.slice(2)} `)).toBe(true);
          expect(s.protect).toBe(false);
          for (const c of s.tables[0]!.columns) expect(c.name).not.toMatch(/\n|^\s|\s$/);
        }
        const waste = sheetOf(book, "WS2-6");
        const wt = waste.tables[0]!;
        const wcol = (name: string) => wt.ref.left + wt.columns.findIndex((c) => c.name === name);
        const W = WASTE_COL[lang];
        expect(waste.hiddenColumns).toEqual([wt.ref.right]);
        expect(wt.columns.filter((c) => c.formula !== undefined).map((c) => c.name)).toEqual([W.no, W.check, zh(lang) ? "标准类别" : "Standard category"]);
        const dv = (col: number) => waste.validations.find((v) => v.range.left === col && v.range.top === wt.ref.top + 1);
        expect(dv(wcol(W.quantity))).toMatchObject({ kind: "decimal", min: 0 });
        expect(dv(wcol(W.cost))).toMatchObject({ kind: "decimal", min: 0 });
        expect(dv(wcol(W.category))).toMatchObject({ kind: "list", source: "CP_List_category" });
        for (const k of [W.quantity, W.cost]) expect(waste.columnWidths[wcol(k)]!).toBeGreaterThanOrEqual(10); // the PDF test (template.test.ts) checks that no number prints ###

        const focus = sheetOf(book, "WS2-11");
        const ft = focus.tables[0]!;
        const F = FOCUS_COL[lang];
        const fcol = (name: string) => ft.ref.left + ft.columns.findIndex((c) => c.name === name);
        const nFactors = fcol(F.total) - fcol(F.name) - 1;
        // then one suggested-score column per factor scored from 表2-10 (废弃物量, 主要消耗, 环保费用: issue 10)
        const quantitative = ["废弃物量", "主要消耗", "环保费用", "Waste quantity", "Main consumption", "Environmental costs"];
        const factorNames = ft.columns.slice(1, 1 + (fcol(F.total) - fcol(F.name) - 1)).map((c) => c.name);
        const suggested = factorNames.filter((f) => quantitative.includes(f)).map((f) => (zh(lang) ? `${f}建议` : `${f} (suggested)`));
        expect(ft.columns.filter((c) => c.formula !== undefined).map((c) => c.name)).toEqual([F.total, zh(lang) ? "排序键" : "Rank key", F.rank, F.selected, F.check, ...suggested]);
        expect(focus.hiddenColumns).toEqual([fcol(F.total) + 1]);
        // the weights are input cells of the band row, validated ≥ 0; scores 0–10
        const band = ft.ref.top - 1;
        for (let k = 1; k <= nFactors; k++) {
          expect(focus.cells.find((c) => c.row === band && c.col === k)?.style).toBe("input");
          expect(focus.columnWidths[k]!).toBeGreaterThanOrEqual(10);
        }
        expect(focus.validations.find((v) => v.range.top === band)).toMatchObject({ kind: "decimal", min: 0, range: { left: 1, right: nFactors } });
        for (let k = 1; k <= nFactors; k++) {
          expect(focus.validations.find((v) => v.range.top === ft.ref.top + 1 && v.range.left === k)).toMatchObject({ kind: "decimal", min: 0, max: 10, range: { right: k, bottom: ft.ref.bottom } });
        }
        expect(focus.columnWidths[fcol(F.total)]!).toBeGreaterThanOrEqual(10);
        expect(focus.conditionalFormats.some((c) => c.style === "highlight" && /=1$/.test(c.formula))).toBe(true);
      }
    });
  }

  it("factor column names are one line, not empty and unique ignoring case", () => {
    expect(factorColumnNames(["废弃物量", " a\nb ", "", "总分", "X", "x", "x"], ["总分", "检查"], (k) => `因素${k + 1}`)).toEqual(["废弃物量", "a b", "因素3", "总分(2)", "X", "x(2)", "x(3)"]);
  });

  it("the standard category terms; 固废 / 危废 / Solid waste are read as them (case files)", () => {
    expect(WASTE_CATEGORIES.map((c) => c.zh)).toEqual(CATEGORIES.map((c) => c.zh));
    expect(WASTE_CATEGORIES.map((c) => c.en)).toEqual(CATEGORIES.map((c) => c.en));
    expect(canonicalItem(WASTE_CATEGORIES, " 固废 ")).toBe("一般工业固体废物");
    expect(canonicalItem(WASTE_CATEGORIES, "solid  WASTE")).toBe("一般工业固体废物");
    expect(canonicalItem(WASTE_CATEGORIES, "危废")).toBe("危险废物");
    expect(canonicalItem(WASTE_CATEGORIES, "Hazardous waste")).toBe("危险废物");
    expect(canonicalItem(WASTE_CATEGORIES, "污泥")).toBeUndefined();
    const v = validateCase({
      meta: { title: "t" },
      wasteSources: [
        { name: "a", quantity: 1, unit: "t/a", category: "固废" },
        { name: "b", quantity: 1, unit: "t/a", category: "Solid waste" },
        { name: "c", quantity: 1, unit: "t/a", category: "危废" },
      ],
    });
    expect(v.ok).toBe(true);
    if (v.ok) {
      expect(v.value.wasteSources!.map((w) => w.category)).toEqual(["一般工业固体废物", "一般工业固体废物", "危险废物"]);
      expect(v.warnings).toEqual([]);
    }
  });
});

// ------------------------------------------------------------------ LibreOffice

describe.skipIf(!hasSoffice)("表2-6 and 表2-11 recalculated by LibreOffice", () => {
  const built = new Map<string, Built>();
  const grown = new Map<string, { grids: Map<string, string[][]>; waste: WasteRow[]; newCandidate: string; newTotal: number; weights: number[] }>();
  const edited = new Map<Lang, Map<string, string[][]>>();
  const noWeight = new Map<Lang, Map<string, string[][]>>();
  const id = (input: Input, lang: Lang) => `${input.name} ${lang}`;

  /** The rows appended below tblWasteSources: an alias typed into the category cell, the other language's term. */
  const appendedWaste = (lang: Lang): (WasteRow & { name: string })[] => [
    { category: "危废", name: zh(lang) ? "废矿物油" : "Waste mineral oil", quantity: 1.2, unit: "t/a", annualCost: 0.8 },
    { category: zh(lang) ? "固废" : "Solid waste", name: zh(lang) ? "污泥" : "Sludge", quantity: 3, unit: "t/a", annualCost: 0.5 },
  ];

  beforeAll(async () => {
    const jobs: (() => Promise<void>)[] = [];
    for (const input of INPUTS) {
      for (const lang of LANGS) {
        jobs.push(async () => {
          const b = await build(input, lang);
          built.set(id(input, lang), b);
          // growth: one row typed below each table, as Excel appends it
          const W = WASTE_COL[lang];
          let bytes = b.bytes;
          bytes = await appendTableRows(
            bytes,
            "tblWasteSources",
            appendedWaste(lang).map((w) => ({ [W.workshop]: "新车间", [W.category]: w.category!, [W.name]: w.name, [W.quantity]: w.quantity, [W.unit]: w.unit, [W.cost]: w.annualCost! })),
          );
          const info = await readTable(bytes, "tblFocus");
          const F = FOCUS_COL[lang];
          const names = info.columns.map((c) => c.name);
          const factorNames = names.slice(names.indexOf(F.name) + 1, names.indexOf(F.total));
          const weights = b.json?.focusSelection?.factors.map((f) => f.weight) ?? STANDARD_WEIGHTS;
          expect(factorNames.length).toBe(weights.length);
          const scores = factorNames.map((_n, i) => (i === 0 ? 9 : 10));
          const newCandidate = zh(lang) ? "新增工段" : "New section";
          const values: Record<string, TypedValue> = { [F.name]: newCandidate };
          factorNames.forEach((n, i) => (values[n] = scores[i]!));
          bytes = await appendTableRows(bytes, "tblFocus", [values]);
          grown.set(id(input, lang), {
            grids: await recalculate(await stripCachedValues(bytes)),
            waste: [...(b.json?.wasteSources ?? []), ...appendedWaste(lang)],
            newCandidate,
            newTotal: weighted(weights, scores),
            weights,
          });
        });
      }
    }
    // edits of the power-plant workbook: an empty score, a text score, a tie at the top, a text quantity; a blank weight
    for (const lang of LANGS) {
      jobs.push(async () => {
        const { auditCase } = loadCase(INPUTS[0]!.path);
        const bytes = await writeXlsx(buildWorkbook(auditCase, { lang }));
        const info = await readTable(bytes, "tblFocus");
        const F = FOCUS_COL[lang];
        const names = info.columns.map((c) => c.name);
        const factors = names.slice(names.indexOf(F.name) + 1, names.indexOf(F.total));
        // 汽机工段: an empty score of a factor without a suggested score (废弃物毒性: a judgement, not
        // scored from 表2-10; a blank 废弃物量 would take its suggested score, test/phase1-3-c.test.ts)
        let e = await setTableCells(bytes, "tblFocus", 1, { [factors[3]!]: null });
        e = await setTableCells(e, "tblFocus", 2, { [factors[1]!]: "约5" }); // 除灰工段: a text score
        e = await setTableCells(e, "tblFocus", 3, Object.fromEntries([8, 10, 10, 6, 8, 7].map((s, i) => [factors[i]!, s]))); // 化学水处理 = 锅炉工段's scores
        e = await setTableCells(e, "tblWasteSources", 0, { [WASTE_COL[lang].quantity]: "约5" });
        // a category the user adds to the list (the list table grows), used on a new row
        const W = WASTE_COL[lang];
        e = await appendTableRows(e, "tblListCategory", [{ [zh(lang) ? "废弃物类别" : "Waste category"]: "放射性废物" }]);
        e = await appendTableRows(e, "tblWasteSources", [{ [W.category]: "放射性废物", [W.name]: "废源", [W.quantity]: 2, [W.unit]: "枚", [W.cost]: 1.5 }]);
        edited.set(lang, await recalculate(await stripCachedValues(e)));
        // a blank weight: the band cell above the third factor column
        const band = `${String.fromCharCode(65 + info.ref.left + 3)}${info.ref.top}`; // ref.top is the 0-based header row: the band row's 1-based number
        const w = await setCells(bytes, info.sheetName, { [band]: null });
        noWeight.set(lang, await recalculate(await stripCachedValues(w)));
      });
    }
    await pool(jobs, 4);
  }, 900_000);

  for (const input of INPUTS) {
    for (const lang of LANGS) {
      describe(id(input, lang), () => {
        it("no error cell; every cached result equals LibreOffice's recalculation", () => {
          const b = built.get(id(input, lang))!;
          expect(findErrorCells(b.grids)).toEqual([]);
          for (const s of b.book.sheets) {
            expect(checkRecalculatedAgainstModel(s, b.grids.get(s.name), { rel: 1e-9, abs: 1e-9 }).map((m) => m.message), s.name).toEqual([]);
          }
        });

        it("表2-6: totals per category and unit as counted from the case; count and money only in the grand total", () => {
          const b = built.get(id(input, lang))!;
          const rows = b.json?.wasteSources ?? [];
          const g = gridOf(b, "WS2-6");
          expectWasteSummary(g, lang, rows);
          const t = tableIn(g, WASTE_COL[lang].no);
          rows.forEach((_r, k) => expect(t.rows[k]![0], `序号 ${k + 1}`).toBe(String(k + 1)));
          expect(t.rows[rows.length]![0], "an empty row has no number").toBe("");
        });

        it("表2-11: totals, ranks, the selected candidate (hand arithmetic)", () => {
          const b = built.get(id(input, lang))!;
          const g = gridOf(b, "WS2-11");
          if (input.name === "power-plant-workshop") {
            expectFocus(
              g,
              lang,
              [
                { name: "锅炉工段", total: 336, rank: 1 },
                { name: "汽机工段", total: 263, rank: 2 },
                { name: "除灰工段", total: 239, rank: 3 },
                { name: "化学水处理", total: 208, rank: 4 },
              ],
              "锅炉工段",
            );
          } else if (input.name === "edge-values") {
            expectFocus(
              g,
              lang,
              [
                { name: "A", total: 3.7, rank: 1 },
                { name: "B", total: 3.3, rank: 3 },
                { name: "C", total: 3.5, rank: 2 },
              ],
              "A",
            );
          } else {
            // no candidates: the standard factors and weights of spec §2.2 in the band row, nothing ranked
            expectFocus(g, lang, [], "");
            const t = tableIn(g, FOCUS_COL[lang].name);
            expect(g[t.header - 1]!.slice(1, 7).map(Number)).toEqual(STANDARD_WEIGHTS);
          }
        });

        it("growth: rows appended below both tables are counted and ranked", () => {
          const b = built.get(id(input, lang))!;
          const gr = grown.get(id(input, lang))!;
          expect(findErrorCells(gr.grids)).toEqual([]);
          // 表2-6: the new rows are numbered, categorised (alias typed in the cell) and in the totals
          const g = gr.grids.get(sheetOf(b.book, "WS2-6").name)!;
          const W = WASTE_COL[lang];
          const t = tableIn(g, W.no);
          const n = b.json?.wasteSources?.length ?? 0;
          const rowCount = sheetOf(b.book, "WS2-6").tables[0]!.ref.bottom - sheetOf(b.book, "WS2-6").tables[0]!.ref.top;
          const added = t.rows.slice(rowCount, rowCount + 2);
          expect(added.map((r) => r[t.col(W.check)])).toEqual(["", ""]);
          expect(added.map((r) => r[0])).toEqual([String(rowCount + 1), String(rowCount + 2)]);
          expect(n).toBeLessThanOrEqual(rowCount);
          expectWasteSummary(g, lang, gr.waste);
          // 表2-11: the new candidate (9, 10, 10, …) is totalled and ranked first
          const fg = gr.grids.get(sheetOf(b.book, "WS2-11").name)!;
          const existing = (b.json?.focusSelection?.candidates ?? []).map((c) => ({ name: c.name, total: weighted(gr.weights, c.scores) }));
          const all = [...existing, { name: gr.newCandidate, total: gr.newTotal }];
          const ranks = ranksOf(all.map((c) => c.total));
          expectFocus(
            fg,
            lang,
            all.map((c, i) => ({ ...c, rank: ranks[i]! })),
            gr.newCandidate,
          );
        });

        it("the table parts carry the calculated-column formula of every computed column", async () => {
          const b = built.get(id(input, lang))!;
          const w = await readTable(b.bytes, "tblWasteSources");
          expect(w.columns.filter((c) => c.formula).length).toBe(3);
          const f = await readTable(b.bytes, "tblFocus");
          expect(f.columns.filter((c) => c.formula).map((c) => c.name)).toEqual(sheetOf(b.book, "WS2-11").tables[0]!.columns.filter((c) => c.formula).map((c) => c.name));
          expect(f.columns.find((c) => c.name === FOCUS_COL[lang].total)!.formula).toMatch(/SUMPRODUCT\(\$B\$\d+:\$[A-Z]+\$\d+,tblFocus\[\[#This Row\],\[[^\]]+\]:\[[^\]]+\]\]\)/);
        });
      });
    }
  }

  for (const lang of LANGS) {
    it(`${lang} power plant edited: an empty score and a text score are flagged and not ranked, a tie at the top, a text quantity; no error anywhere`, () => {
      const grids = edited.get(lang)!;
      const T = TEXT[lang];
      const book = buildWorkbook(loadCase(INPUTS[0]!.path).auditCase, { lang });
      expect(findErrorCells(grids)).toEqual([]);
      const g = grids.get(sheetOf(book, "WS2-11").name)!;
      expectFocus(
        g,
        lang,
        [
          { name: "锅炉工段", total: 336, rank: 1 },
          { name: "汽机工段", total: null, rank: null },
          { name: "除灰工段", total: null, rank: null },
          { name: "化学水处理", total: 336, rank: 1 },
        ],
        T.tie,
      );
      const t = tableIn(g, FOCUS_COL[lang].name);
      const check = (name: string) => t.rows.find((r) => r[0] === name)![t.col(FOCUS_COL[lang].check)];
      expect(check("汽机工段")).toBe(T.incomplete);
      expect(check("除灰工段")).toBe(T.incomplete);
      expect(check("锅炉工段")).toBe("");
      expect(num(cell(g, rowWhere(g, 0, T.incompleteCount), 1))).toBe(2);
      // 表2-6: the text quantity flags its row; the wastewater quantity is not totalled
      const wg = grids.get(sheetOf(book, "WS2-6").name)!;
      const wt = tableIn(wg, WASTE_COL[lang].no);
      expect(wt.rows[0]![wt.col(WASTE_COL[lang].check)]).toBe(T.quantityNaN);
      expect(cell(wg, rowWhere(wg, 1, zh(lang) ? "废水" : "Wastewater"), 3)).toBe(T.incompleteQty);
      expect(num(cell(wg, rowWhere(wg, 1, zh(lang) ? "废水" : "Wastewater"), 2))).toBe(3);
      expect(num(cell(wg, rowWhere(wg, 1, T.flagged), 2))).toBe(1);
      // the user's own category is accepted (no flag) and in the grand total, in no standard category
      const own = wt.rows.find((r) => r[wt.col(WASTE_COL[lang].category)] === "放射性废物")!;
      expect(own[wt.col(WASTE_COL[lang].check)]).toBe("");
      expect(num(cell(wg, rowWhere(wg, 1, T.total), 2))).toBe(6);
      expectClose(num(cell(wg, rowWhere(wg, 1, T.total), 5)) ?? NaN, 34.4 + 1.5, {}, "total annual cost");
      expect(CATEGORIES.map((c) => num(cell(wg, rowWhere(wg, 1, zh(lang) ? c.zh : c.en), 2)))).toEqual([3, 1, 1, 0, 0]);
    });

    it(`${lang} power plant with a blank weight: nobody is ranked, 缺少权重值`, () => {
      const grids = noWeight.get(lang)!;
      const T = TEXT[lang];
      const book = buildWorkbook(loadCase(INPUTS[0]!.path).auditCase, { lang });
      expect(findErrorCells(grids)).toEqual([]);
      const g = grids.get(sheetOf(book, "WS2-11").name)!;
      const names = ["锅炉工段", "汽机工段", "除灰工段", "化学水处理"];
      expectFocus(
        g,
        lang,
        names.map((name) => ({ name, total: null, rank: null })),
        T.missingWeight,
      );
      const t = tableIn(g, FOCUS_COL[lang].name);
      expect(g[t.header - 1]![3]).toBe("");
      for (const name of names) expect(t.rows.find((r) => r[0] === name)![t.col(FOCUS_COL[lang].check)]).toBe(T.missingWeight);
    });
  }
});
