/**
 * 表2-3/2-4 企业主要产品生产情况 · 主要原辅材料和能源消耗 — the enterprise's annual data (spec WS2-3,
 * WS2-4; issue 10): ONE table, `tblAnnualData`, in which every product, raw and auxiliary material,
 * water and energy carrier is entered once with its last three years and the audit year. Every
 * figure of WS2-3 and WS2-4 is a calculated column of this table, and the benchmark (WS2-8) and the
 * targets (WS2-12) look rows up by 名称 (exact match), so one edited number flows everywhere.
 *
 * Table `tblAnnualData` (inputs): 类别 (产品/原料/辅料/水/能源, list) | 名称 (unique key) | 单位 |
 * Y-3 | Y-2 | Y-1 | Y0 (quantities; the band above shows the calendar years from `CP_AuditYear`) |
 * 设计能力 (products, 单位/a) | 单价 (元/单位) | 折标系数 (tce/单位, energy rows; the case build fills
 * the GB/T 2589 factor of a known carrier and unit, see {@link ENERGY_FACTORS}; the user may
 * overwrite) | 基准值 (benchmark specific consumption, 单位 per unit of the reference product).
 *
 * Calculated columns (blank while an input they need is blank; never #DIV/0!):
 * 能力利用率 = Y0/设计能力 | 年费用 (万元) = Y0×单价/10⁴ | 单位产品消耗 = Y0/prod (not for products) |
 * 差距 = 单位产品消耗 − 基准值 | 差距率 = 差距/基准值 | 折标煤量 (tce) = Y0×折标系数 (energy rows) |
 * 检查 (the first problem of the row).
 *
 * Above the table: the reference product (an input cell, `CP_RefProduct`, picked from the names:
 * the product `prod` of every specific figure), its Y0 (`CP_ProdOutput`, the divisor of specific
 * figures) and a check of the pick, the total energy consumption (Σ tce), the specific energy consumption (tce per unit
 * product) and the total annual cost of the materials, water and energy.
 */
import { ENERGY_CARBON } from "../../core";
import { a1, colLetter, rect } from "../a1";
import type { AuditCase } from "../case";
import { ANNUAL_CLASSES, itemText, l, type L } from "../i18n";
import { FMT, str, t, TABLE_TOP, type BuildContext, type SheetBuilder } from "../layout";
import type { BookReader, CaseDraft, CellReader } from "../read-back";
import { defineTable, listName, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { literalCriterion } from "./exact-match";
import { AUDIT_YEAR_NAME } from "./parameters.worksheet";
import { f, same, readRow, sameName, type Field } from "./read-back-fields";
import { storeSection } from "./read-kit";

export const TBL_ANNUAL = {
  name: "tblAnnualData",
  columns: {
    category: l("类别", "Class"),
    name: l("名称", "Name"),
    unit: l("单位", "Unit"),
    y3: l("Y-3", "Y-3"),
    y2: l("Y-2", "Y-2"),
    y1: l("Y-1", "Y-1"),
    y0: l("Y0", "Y0"),
    capacity: l("设计能力", "Capacity"),
    price: l("单价", "Price"),
    factor: l("折标系数", "tce factor"),
    bench: l("基准值", "Benchmark"),
    util: l("能力利用率", "Utilisation"),
    cost: l("年费用", "Annual cost"),
    spec: l("单位产品消耗", "Specific use"),
    gap: l("差距", "Gap"),
    gapPct: l("差距率", "Gap %"),
    tce: l("折标煤量", "tce"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_ANNUAL.columns;

/** One row of the annual data as the case gives it. */
export type AnnualItem = NonNullable<AuditCase["annualData"]>[number];

/** Defined name of the reference product's Y0 output (prod, the divisor of every specific figure). */
export const PROD_OUTPUT_NAME = "CP_ProdOutput";
/** Defined name of the annual data's item names (dropdown of the sheets that link to an item). */
export const ANNUAL_ITEMS_NAME = "CP_AnnualItems";

export const ANNUAL_LABELS = {
  noClass: l("缺少类别", "Class missing"),
  unknownClass: l("类别不在列表中", "Class not in the list"),
  noName: l("缺少名称", "Name missing"),
  duplicate: l("名称重复", "Duplicate name"),
  noUnit: l("缺少单位", "Unit missing"),
  noY0: l("缺少审核年数据", "Y0 missing"),
  y0NaN: l("Y0 不是数值", "Y0 is not a number"),
  noFactor: l("能源缺少折标系数", "tce factor missing"),
  refNotProduct: l("参照产品须为产品", "Reference must be a product"),
  noRef: l("请选择参照产品", "Pick the reference product"),
  refUnknown: l("不在年度数据中", "Not in the annual data"),
  noProd: l("缺少参照产品产量", "Reference output missing"),
  summaryTitle: l("汇总（单位产品消耗 = 审核年 Y0 ÷ 参照产品产量）", "Summary (specific consumption = Y0 ÷ output of the reference product)"),
  refProduct: l("参照产品", "Reference product"),
  prod: l("参照产品产量 Y0", "Reference output Y0"),
  totalTce: l("综合能源消费量 tce", "Total energy, tce"),
  specTce: l("单位产品综合能耗 tce/单位", "Specific energy, tce per unit"),
  totalCost: l("原辅料、水、能源费用 万元", "Cost of inputs, 10⁴ CNY/a"),
};

/** The class items by role. */
const PRODUCT = ANNUAL_CLASSES[0]!;
const ENERGY = ANNUAL_CLASSES[4]!;

/**
 * tce per `scale` units of a carrier of the coefficient data (src/data/energy-carbon, GB/T 2589:
 * the carrier's 当量值 in kgce per its unit), to 12 significant digits (no binary noise in a factor
 * written into the sheet).
 */
function tcePer(carrierId: string, scales: Readonly<Record<string, number>>): Record<string, number> {
  const c = ENERGY_CARBON.carriers.find((x) => x.id === carrierId);
  const kgce = c?.kgceEquivalent;
  if (kgce === undefined) throw new Error(`energy-carbon data: no 当量值 for ${carrierId}`);
  return Object.fromEntries(Object.entries(scales).map(([unit, k]) => [unit, Number(((kgce * k) / 1000).toPrecision(12))]));
}

/**
 * Default coal-equivalent factors, tce per unit, from the coefficient data (GB/T 2589 as
 * ../shared/docs/energy-carbon-report.md T1 gives them: electricity at its equivalent value 0.1229
 * kgce/kWh, natural gas at the gas-field value 1.2143 kgce/m³, low-pressure steam 128.6 kgce/t).
 * A carrier matches when the row's name contains one of its words and its unit is listed; the
 * scale converts the unit to the data's (万kWh = 10 000 kWh).
 */
export const ENERGY_FACTORS: readonly { words: readonly string[]; units: Readonly<Record<string, number>> }[] = [
  { words: ["电", "electricity", "power"], units: tcePer("electricity", { kWh: 1, "万kWh": 10_000, MWh: 1000 }) },
  { words: ["原煤", "煤炭", "coal"], units: tcePer("rawCoal", { t: 1, kg: 0.001 }) },
  { words: ["天然气", "natural gas"], units: tcePer("naturalGas", { m3: 1, "万m3": 10_000 }) },
  { words: ["柴油", "diesel"], units: tcePer("diesel", { t: 1, kg: 0.001 }) },
  { words: ["汽油", "gasoline"], units: tcePer("gasoline", { t: 1, kg: 0.001 }) },
  { words: ["燃料油", "重油", "fuel oil"], units: tcePer("fuelOil", { t: 1 }) },
  { words: ["液化石油气", "LPG"], units: tcePer("lpg", { t: 1, kg: 0.001 }) },
  { words: ["焦炭", "coke"], units: tcePer("coke", { t: 1 }) },
  { words: ["蒸汽", "steam"], units: tcePer("steam", { t: 1 }) },
  { words: ["热力", "heat"], units: tcePer("heat", { GJ: 1 }) },
];

/** The default factor (tce per unit) of an energy row's name and unit, or undefined. */
export function defaultEnergyFactor(name: string, unit: string): number | undefined {
  const n = name.toLowerCase();
  for (const f of ENERGY_FACTORS) {
    if (f.words.some((w) => n.includes(w.toLowerCase()))) {
      const v = f.units[unit.trim()];
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

/** The canonical zh class of a row. */
function classOf(a: AnnualItem): string | undefined {
  const v = a.category.trim().toLowerCase();
  return ANNUAL_CLASSES.find((c) => c.zh.toLowerCase() === v || c.en.toLowerCase() === v)?.zh;
}

/** The tce factor a row's cell holds: the case's, or the default of an energy carrier. */
export function factorOf(a: AnnualItem): number | undefined {
  if (a.tceFactor !== undefined) return a.tceFactor;
  return classOf(a) === ENERGY.zh ? defaultEnergyFactor(a.name, a.unit) : undefined;
}

/** The case's rows (none for the template). */
export function annualRows(ctx: BuildContext): readonly AnnualItem[] {
  return ctx.auditCase?.annualData ?? [];
}

/** prod: Y0 of the one reference product, or undefined (none, several, no Y0, or 0). */
export function prodOutput(rows: readonly AnnualItem[]): number | undefined {
  const refs = rows.filter((a) => a.reference === true);
  if (refs.length !== 1) return undefined;
  const y0 = refs[0]!.y0;
  return y0 === undefined || y0 === 0 ? undefined : y0;
}

/** The calculated figures of one row as the sheet computes them (undefined = blank). */
export interface AnnualFigures {
  util?: number;
  cost?: number;
  spec?: number;
  gap?: number;
  gapPct?: number;
  tce?: number;
}

/** The calculated columns of row `a` (the same operations in the same order as the formulas). */
export function annualFigures(a: AnnualItem, rows: readonly AnnualItem[]): AnnualFigures {
  const out: AnnualFigures = {};
  const y0 = a.y0;
  const cls = classOf(a);
  if (y0 !== undefined && a.capacity !== undefined && a.capacity > 0) out.util = y0 / a.capacity;
  if (y0 !== undefined && a.price !== undefined) out.cost = (y0 * a.price) / 10000;
  const prod = prodOutput(rows);
  if (cls !== PRODUCT.zh && y0 !== undefined && prod !== undefined) out.spec = y0 / prod;
  if (out.spec !== undefined && a.benchmark !== undefined) {
    out.gap = out.spec - a.benchmark;
    if (a.benchmark !== 0) out.gapPct = out.gap / a.benchmark;
  }
  const f = factorOf(a);
  if (cls === ENERGY.zh && y0 !== undefined && f !== undefined) out.tce = y0 * f;
  return out;
}

/** What the 检查 column says for a case row (same order as its formula; the case is validated, so fewer cases). */
function checkOf(ctx: BuildContext, a: AnnualItem | undefined, rows: readonly AnnualItem[]): string | null {
  if (!a) return null;
  const cls = classOf(a);
  if (a.category.trim() === "") return t(ctx, ANNUAL_LABELS.noClass);
  if (cls === undefined) return t(ctx, ANNUAL_LABELS.unknownClass);
  if (a.y0 === undefined) return t(ctx, ANNUAL_LABELS.noY0);
  if (cls === ENERGY.zh && factorOf(a) === undefined) return t(ctx, ANNUAL_LABELS.noFactor);
  if (a.benchmark !== undefined && annualFigures(a, rows).spec === undefined && cls !== PRODUCT.zh) return t(ctx, ANNUAL_LABELS.noProd);
  return null;
}

/**
 * The first problem of a row as a formula: `steps` are [condition, label] in order; "" when none,
 * and "" for an empty row (`anyInput` is the COUNTA of the row's inputs).
 */
export function firstProblem<Key extends string>(x: Refs<Key>, anyInput: string, steps: readonly (readonly [string, L])[]): string {
  let f = `""`;
  for (let i = steps.length - 1; i >= 0; i--) f = `IF(${steps[i]![0]},${x.s(steps[i]![1])},${f})`;
  return `IF(${anyInput}=0,"",${f})`;
}

function checkFormula(x: Refs<K>): string {
  const cls = `TRIM(${x.r("category")})`;
  const y0 = x.r("y0");
  return firstProblem(x, `COUNTA(${x.span("category", "bench")})`, [
    [`${cls}=""`, ANNUAL_LABELS.noClass],
    [`SUMPRODUCT(--(${listName("annualClass")}=${cls}))=0`, ANNUAL_LABELS.unknownClass],
    [`TRIM(${x.r("name")})=""`, ANNUAL_LABELS.noName],
    [`SUMPRODUCT(--(${x.all("name")}=${x.r("name")}))>1`, ANNUAL_LABELS.duplicate],
    [`TRIM(${x.r("unit")})=""`, ANNUAL_LABELS.noUnit],
    [`${y0}=""`, ANNUAL_LABELS.noY0],
    [`NOT(ISNUMBER(${y0}))`, ANNUAL_LABELS.y0NaN],
    [`AND(${cls}=${x.s(ENERGY)},NOT(ISNUMBER(${x.r("factor")})))`, ANNUAL_LABELS.noFactor],
    [`AND(ISNUMBER(${x.r("bench")}),${cls}<>${x.s(PRODUCT)},${x.r("spec")}="")`, ANNUAL_LABELS.noProd],
  ]);
}

const nonNegative = (what: L): { number: { min: number; error: L } } => ({ number: { min: 0, error: what } });
const QTY_ERROR = l("数量须为 ≥ 0 的数值", "A quantity is a number ≥ 0");

/** A year column: the case's quantity of that year. */
function yearColumn(key: "y3" | "y2" | "y1" | "y0"): Column<AnnualItem, K> {
  return { key, role: "input", format: FMT.general, validation: nonNegative(QTY_ERROR), value: (a) => a?.[key] };
}

/** A calculated figure column: formula and the cached figure. */
function figure(key: keyof AnnualFigures & K, band: L, format: string, formula: (x: Refs<K>) => string): Column<AnnualItem, K> {
  return { key, role: "computed", band, format, formula, value: (a, _k, ctx) => (a ? (annualFigures(a, annualRows(ctx))[key] ?? null) : null) };
}

const columns: readonly Column<AnnualItem, K>[] = [
  {
    key: "category",
    role: "input",
    width: 8,
    band: l("从列表选择", "from the list"),
    validation: { list: "annualClass" },
    value: (a, _k, ctx) => (a ? itemText(ctx.lang, ANNUAL_CLASSES, a.category) : undefined),
  },
  { key: "name", role: "input", width: 12, band: l("唯一", "unique"), value: (a) => a?.name },
  { key: "unit", role: "input", width: 7, value: (a) => a?.unit },
  yearColumn("y3"),
  yearColumn("y2"),
  yearColumn("y1"),
  yearColumn("y0"),
  { key: "capacity", role: "input", band: l("产品，单位/a", "products, unit/a"), format: FMT.general, validation: nonNegative(QTY_ERROR), value: (a) => a?.capacity },
  { key: "price", role: "input", band: l("元/单位", "CNY/unit"), format: FMT.general, validation: nonNegative(l("单价须为 ≥ 0 的数值（元/单位）", "A price is a number ≥ 0 (CNY per unit)")), value: (a) => a?.price },
  { key: "factor", role: "input", band: l("tce/单位", "tce/unit"), format: FMT.general, validation: nonNegative(l("折标系数须为 ≥ 0 的数值（tce/单位）", "A factor is a number ≥ 0 (tce per unit)")), value: (a) => (a ? factorOf(a) : undefined) },
  { key: "bench", role: "input", band: l("单位/单位产品", "per unit product"), format: FMT.general, value: (a) => a?.benchmark },
  figure("util", l("Y0/设计能力", "Y0/capacity"), FMT.percent, (x) => `IF(AND(ISNUMBER(${x.r("y0")}),ISNUMBER(${x.r("capacity")})),IF(${x.r("capacity")}>0,${x.r("y0")}/${x.r("capacity")},""),"")`),
  figure("cost", l("万元", "10⁴ CNY"), FMT.money, (x) => `IF(AND(ISNUMBER(${x.r("y0")}),ISNUMBER(${x.r("price")})),${x.r("y0")}*${x.r("price")}/10000,"")`),
  figure(
    "spec",
    l("Y0/prod", "Y0/prod"),
    FMT.general,
    (x) => `IF(OR(TRIM(${x.r("category")})=${x.s(PRODUCT)},NOT(ISNUMBER(${x.r("y0")})),NOT(ISNUMBER(${PROD_OUTPUT_NAME}))),"",${x.r("y0")}/${PROD_OUTPUT_NAME})`,
  ),
  figure("gap", l("单耗−基准值", "spec. − benchmark"), FMT.general, (x) => `IF(AND(ISNUMBER(${x.r("spec")}),ISNUMBER(${x.r("bench")})),${x.r("spec")}-${x.r("bench")},"")`),
  figure("gapPct", l("差距/基准值", "gap/benchmark"), FMT.percent, (x) => `IF(AND(ISNUMBER(${x.r("gap")}),ISNUMBER(${x.r("bench")})),IF(${x.r("bench")}=0,"",${x.r("gap")}/${x.r("bench")}),"")`),
  figure("tce", l("Y0×折标系数", "Y0 × factor"), FMT.general, (x) => `IF(AND(TRIM(${x.r("category")})=${x.s(ENERGY)},ISNUMBER(${x.r("y0")}),ISNUMBER(${x.r("factor")})),${x.r("y0")}*${x.r("factor")},"")`),
  { key: "check", role: "computed", width: 12, formula: checkFormula, value: (a, _k, ctx) => checkOf(ctx, a, annualRows(ctx)) },
];

/** The year label above a year column: `2021年` from CP_AuditYear, or `Y0−3` while it is blank. */
function yearLabel(ctx: BuildContext, back: number): { formula: string; value: string } {
  const suffix = ctx.lang === "zh-CN" ? "年" : "";
  const fallback = back === 0 ? "Y0" : `Y0−${back}`;
  const year = ctx.auditCase?.parameters.auditYear;
  return {
    formula: `IF(ISNUMBER(${AUDIT_YEAR_NAME}),(${AUDIT_YEAR_NAME}-${back})&${str(suffix)},${str(fallback)})`,
    value: year !== undefined ? `${year - back}${suffix}` : fallback,
  };
}

/** Writes the year labels ({@link yearLabel}) in band row `row` above year columns `cols`, oldest first, the last being Y0. */
export function yearBand(b: SheetBuilder, ctx: BuildContext, row: number, cols: readonly number[]): void {
  cols.forEach((c, i) => {
    const y = yearLabel(ctx, cols.length - 1 - i);
    b.formula(row, c, y.formula, y.value, "header");
  });
}

/** Σ left to right (as SUM adds). */
function total(xs: readonly (number | undefined)[]): number | undefined {
  let s: number | undefined;
  for (const x of xs) if (x !== undefined) s = (s ?? 0) + x;
  return s;
}

/** Summary rows above the table: label in column A, value in column C (defined name CP_ProdOutput on prod). */
const SUMMARY_VALUE_COL = 3;

function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = annualRows(ctx);
  const w = (k: K) => whole(TBL_ANNUAL, k, ctx.lang);
  b.label(top, 0, t(ctx, ANNUAL_LABELS.summaryTitle), "meta", false);
  const refName = rows.find((a) => a.reference === true)?.name ?? null;
  const prod = prodOutput(rows);
  const figs = rows.map((a) => annualFigures(a, rows));
  const tceTotal = total(figs.map((f) => f.tce));
  const costTotal = total(rows.map((a, i) => (classOf(a) !== PRODUCT.zh ? figs[i]!.cost : undefined)));
  const v = SUMMARY_VALUE_COL;
  const cell = (r: number) => a1(r, v);
  const items: [L, string, string | number | null, string][] = [];
  const r0 = top + 1;
  const refCell = `$${colLetter(v)}$${r0 + 1}`;
  const prodLookup = annualNumber(ctx, "y0", refCell);
  items.push([ANNUAL_LABELS.prod, `IF(${prodLookup}=0,"",${prodLookup})`, prod ?? null, FMT.general]);
  items.push([ANNUAL_LABELS.totalTce, `IF(COUNT(${w("tce")})=0,"",SUM(${w("tce")}))`, tceTotal ?? null, FMT.general]);
  items.push([ANNUAL_LABELS.specTce, `IF(AND(ISNUMBER(${cell(r0 + 2)}),ISNUMBER(${cell(r0 + 1)})),${cell(r0 + 2)}/${cell(r0 + 1)},"")`, tceTotal !== undefined && prod !== undefined ? tceTotal / prod : null, FMT.general]);
  items.push([
    ANNUAL_LABELS.totalCost,
    `IF(COUNT(${w("cost")})=0,"",SUMPRODUCT(--(TRIM(${w("category")})<>${str(t(ctx, PRODUCT))}),${w("cost")}))`,
    costTotal ?? null,
    FMT.money,
  ]);
  // the reference product: an input cell (dropdown of the names) and the check of the pick
  b.label(r0, 0, t(ctx, ANNUAL_LABELS.refProduct), "label", false);
  b.merge(r0, 0, r0, v - 1);
  b.input(r0, v, refName, FMT.text);
  b.listValidationByName(rect(r0, v), ANNUAL_ITEMS_NAME, t(ctx, l("请从年度数据的名称中选择", "Choose a name of the annual data")));
  const m = annualMatch(ctx, refCell);
  b.formula(
    r0,
    v + 1,
    `IF(TRIM(${refCell})="",${str(t(ctx, ANNUAL_LABELS.noRef))},IF(ISNA(${m}),${str(t(ctx, ANNUAL_LABELS.refUnknown))},IF(TRIM(INDEX(${w("category")},${m}))<>${str(t(ctx, PRODUCT))},${str(t(ctx, ANNUAL_LABELS.refNotProduct))},"")))`,
    refName === null ? t(ctx, ANNUAL_LABELS.noRef) : null,
    "computed",
  );
  b.conditional(rect(r0, v + 1), `${colLetter(v + 1)}${r0 + 1}<>""`, "warn");
  items.forEach(([label, f, val, fmt], i) => {
    const r = r0 + 1 + i;
    b.label(r, 0, t(ctx, label), "label", false);
    b.merge(r, 0, r, v - 1);
    b.formula(r, v, f, val, "total", fmt);
  });
  b.minWidth(v, 12); // a bold total of up to 9 999 999.99 with a wider substitute font's digits
  return r0 + 1 + items.length;
}

/** The case's `annualData[]` fields read back from tblAnnualData (类别 as its zh-CN item). */
const ANNUAL_FIELDS: readonly Field<K>[] = [
  f("category", "category", ANNUAL_CLASSES, "缺少类别 (class missing)"),
  f("name", "name", "text", "缺少名称 (name missing)"),
  f("unit", "unit", "text", "缺少单位 (unit missing)"),
  ...same<K>("num", "y3", "y2", "y1", "y0", "capacity", "price"),
  f("tceFactor", "factor", "num"),
  f("benchmark", "bench", "num"),
];

/**
 * One row of the annual data as the case writes it. The 折标系数 the build filled in from GB/T 2589
 * ({@link defaultEnergyFactor}) is not written back: a factor equal to the default of the row's
 * carrier and unit is the default (the case without it builds the same cell).
 */
function annualReadRow(c: CellReader<K>): unknown {
  const row = readRow(c, ANNUAL_FIELDS);
  if (!row) return undefined;
  const a = row as Partial<AnnualItem>;
  if (a.tceFactor !== undefined && a.name !== undefined && a.unit !== undefined && a.category === ENERGY.zh && defaultEnergyFactor(a.name, a.unit) === a.tceFactor) delete row.tceFactor;
  return row;
}

/**
 * The reference product (`CP_RefProduct`, an input above the table) back into the case: `reference:
 * true` on the annual item of that name (ignoring case, as MATCH does). Runs after the table's rows
 * are stored (the reader reads a sheet's tables before its other cells); a name that is not an item
 * is reported.
 */
function readReference(book: BookReader, draft: CaseDraft): void {
  const v = book.name(REF_PRODUCT_NAME);
  const name = v === undefined ? "" : String(v).trim();
  if (name === "") return;
  const rows = (draft.annualData ?? []) as Record<string, unknown>[];
  const hit = rows.find((a) => typeof a.name === "string" && sameName(a.name, name));
  if (hit) hit.reference = true;
  else book.problem(book.where(REF_PRODUCT_NAME), `参照产品 "${name}" 不在年度数据中 (not an item of the annual data)`);
}

/** Rows of the reference product's input cell and of the prod cell (below the summary's title). */
const REF_ROW = TABLE_TOP + 1;
const PROD_ROW = TABLE_TOP + 2;
/** Defined name of the reference product's name (input cell). */
export const REF_PRODUCT_NAME = "CP_RefProduct";

export const annualDataWorksheet = tableWorksheet({
  key: "WS2-3",
  number: "2-3/2-4",
  sheetName: l("年度数据", "Annual data"),
  title: l("企业主要产品生产情况及原辅材料和能源消耗（近三年及审核年）", "Main products, materials, water and energy (last three years and the audit year)"),
  dependsOn: ["PARAMS", "LISTS"],
  note: l(
    "黄色单元格为输入；每一产品、原辅材料、水和能源只在本表录入一次（名称唯一），表2-8、表2-12 按名称引用。年份随参数表的审核年份变化。单位产品消耗 = Y0 ÷ 参照产品（表上方选择）的 Y0；折标煤量只计能源行，折标系数缺省按 GB/T 2589（电力按当量值 0.1229 kgce/kWh），可改写。",
    "Yellow cells are inputs; each product, material, water and energy carrier is entered here once (unique name); Tables 2-8 and 2-12 look rows up by name. Years follow the audit year on the parameters sheet. Specific consumption = Y0 ÷ Y0 of the reference product (picked above the table); tce only for energy rows, factors by default from GB/T 2589 (electricity at its equivalent value 0.1229 kgce/kWh), may be overwritten.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  summary,
  readBack: { read: readReference },
  tables: [
    defineTable({
      schema: TBL_ANNUAL,
      columns,
      rows: annualRows,
      readBack: { row: annualReadRow, store: storeSection("annualData") },
      decorate(b, ctx, g) {
        yearBand(b, ctx, g.headerRow - 1, [g.col.y3, g.col.y2, g.col.y1, g.col.y0]);
        const cell = (k: K) => `$${colLetter(g.col[k])}${g.firstRow + 1}`;
        const range = (k: K) => ({ top: g.firstRow, left: g.col[k], bottom: g.lastRow, right: g.col[k] });
        b.conditional(range("check"), `${cell("check")}<>""`, "bad");
        b.conditional(range("gap"), `AND(ISNUMBER(${cell("gap")}),${cell("gap")}>0)`, "warn");
            },
    }),
  ],
  names: (ctx) => [
    { name: PROD_OUTPUT_NAME, sheet: ctx.names["WS2-3"], ref: rect(PROD_ROW, SUMMARY_VALUE_COL) },
    { name: ANNUAL_ITEMS_NAME, formula: whole(TBL_ANNUAL, "name", ctx.lang) },
    { name: REF_PRODUCT_NAME, sheet: ctx.names["WS2-3"], ref: rect(REF_ROW, SUMMARY_VALUE_COL) },
  ],
});

/** MATCH of an item name (`nameRef`, a cell) in the annual data's names: exact, wildcards escaped. */
export function annualMatch(ctx: BuildContext, nameRef: string): string {
  return `MATCH(${literalCriterion(`TRIM(${nameRef})`)},${whole(TBL_ANNUAL, "name", ctx.lang)},0)`;
}

/**
 * Formula of a numeric lookup of column `key` of the annual data by item name (`nameRef`): the
 * number, or "" when the name is blank, not in the table, or its cell holds no number.
 */
export function annualNumber(ctx: BuildContext, key: K, nameRef: string): string {
  const m = annualMatch(ctx, nameRef);
  const v = `INDEX(${whole(TBL_ANNUAL, key, ctx.lang)},${m})`;
  return `IF(TRIM(${nameRef})="","",IF(ISNA(${m}),"",IF(ISNUMBER(${v}),${v},"")))`;
}

/** The annual item of a name (trimmed, ignoring case as MATCH does), or undefined. */
export function annualItem(rows: readonly AnnualItem[], name: string | undefined): AnnualItem | undefined {
  if (name === undefined) return undefined;
  const v = name.trim().toLowerCase();
  if (v === "") return undefined;
  return rows.find((a) => a.name.toLowerCase() === v);
}
