/**
 * Energy and carbon accounting in the workbook (issue 12): the coefficient tables' schemas and rows, the three
 * parameters that choose among the coefficients, and the formula helpers the effect sheets (表6-2, 表6-4 …) use.
 *
 * Data: core's bundled coefficients (src/data/energy-carbon/coefficients.json) with the case's `factors` and
 * `gridFactors` laid over them (a row of the same item / year and region is replaced field by field, others are
 * added). The coefficient sheet (coefficients.worksheet.ts) shows them as two tables:
 *
 * - `tblFactors` (one row per item): 项目 (the key, = the effect tables' 比较项目) | 类别 | 单位 | 当量值 | 等价值
 *   (kgce per unit, inputs) | 采用折标系数 (computed: the 等价值 when CP_ElecConvention is 等价值 and the row has one,
 *   else the 当量值, else the 等价值 — media count at their equal value) | CO2因子 (tCO2 per unit, input; fuels:
 *   NCV × carbon content × oxidation × 44/12 computed by core from the stored parameters) | 采用CO2因子 (computed:
 *   电力 rows take the grid factor of CP_FactorYear and CP_GridRegion / 1000, never through tce; others their CO2
 *   因子) | 来源 | 版本 | 说明 | 检查.
 * - `tblGridFactors`: 年份 | 区域 | 排放因子 (tCO2/MWh) | 系列 | 来源 | 检查 ‖ hidden 键 (year|region, the exact
 *   two-key match's key).
 *
 * The parameters (on the parameters sheet, named cells): CP_FactorYear (data year of the grid factor),
 * CP_GridRegion (dropdown of the regions), CP_ElecConvention (当量值 / 等价值). Defaults: the data's (2023, 全国,
 * 当量值), also in the blank template, so that every coefficient shows a value.
 *
 * Formula helpers: {@link tceFormula} / {@link co2Formula} give tce/a = qty × 采用折标系数 / 1000 and tCO2/a =
 * qty × 采用CO2因子 by exact item match, "" when the item or the quantity is blank (or not a number) or the item
 * has no such factor (a pollutant) — never 0; {@link tceValue} / {@link co2Value} the same in TypeScript for the
 * cached values.
 */
import {
  ENERGY_CARBON,
  energyCarbonDefaults,
  fixedCo2PerUnit,
  kgcePerUnit,
  parseConvention,
  type CarrierCategory,
  type ElectricityConvention,
} from "../../core/energy-carbon";
import type { FactorEntry, GridFactorEntry } from "../case";
import { canonicalItem, ELEC_CONVENTIONS, FACTOR_CATEGORIES, GRID_REGIONS, l, tr, type Item, type L } from "../i18n";
import { t, type BuildContext } from "../layout";
import type { Lang } from "../model";
import type { CaseDraft, CellReader } from "../read-back";
import { whole, type TableSchema } from "../table";
import { lookupExact } from "./exact-match";
import { TBL_FACTORS_NAME, TBL_GRID_FACTORS_NAME } from "./phase6-schemas";

/** Defined names of the three parameters (parameters sheet). */
export const FACTOR_YEAR_NAME = "CP_FactorYear";
export const GRID_REGION_NAME = "CP_GridRegion";
export const ELEC_CONVENTION_NAME = "CP_ElecConvention";

/** The coefficient table (phase6-schemas: TBL_FACTORS_NAME; columns listed in docs/MODEL.md). */
export const TBL_FACTORS = {
  name: TBL_FACTORS_NAME,
  columns: {
    item: l("项目", "Item"),
    category: l("类别", "Category"),
    unit: l("单位", "Unit"),
    kgceEquivalent: l("当量值", "Equiv."),
    kgceEqual: l("等价值", "Equal"),
    tceUsed: l("采用折标系数", "kgce used"),
    co2Factor: l("CO2因子", "CO2 factor"),
    co2Used: l("采用CO2因子", "CO2 used"),
    source: l("来源", "Source"),
    edition: l("版本", "Edition"),
    note: l("说明", "Note"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
export type FactorKey = keyof typeof TBL_FACTORS.columns;

/** Grid emission factors by data year and region. */
export const TBL_GRID_FACTORS = {
  name: TBL_GRID_FACTORS_NAME,
  columns: {
    year: l("年份", "Year"),
    region: l("区域", "Region"),
    value: l("排放因子", "Factor"),
    series: l("系列", "Series"),
    source: l("来源", "Source"),
    check: l("检查", "Check"),
    key: l("键", "Key"),
  },
} as const satisfies TableSchema;
export type GridKey = keyof typeof TBL_GRID_FACTORS.columns;

/** Texts of the 检查 columns and the sheet. */
export const COEFF_LABELS = {
  noItem: l("缺少项目", "Item missing"),
  duplicate: l("项目重复", "Duplicate item"),
  noGrid: l("无该年份/区域的电网因子", "No grid factor for the year/region"),
  notNumber: l("系数不是数值", "Factor is not a number"),
  gridDuplicate: l("年份/区域重复", "Duplicate year/region"),
  gridMissing: l("缺少年份或区域", "Year or region missing"),
  gridNaN: l("因子不是数值", "Factor is not a number"),
};

/** Series of the grid factors. */
export const GRID_SERIES: Readonly<Record<string, L>> = {
  statistical: l("统计", "Stats"),
  carbonMarket: l("碳市场", "Market"),
};

/** Category key (core) → its list item. */
const CATEGORY_ORDER: readonly CarrierCategory[] = ["electricity", "fuel", "heat", "medium", "pollutant"];
export function categoryItem(c: CarrierCategory): Item {
  return FACTOR_CATEGORIES[CATEGORY_ORDER.indexOf(c)]!;
}

/** One row of tblFactors as laid out (bundled or from the case). */
export interface FactorRow {
  item: L;
  category?: L;
  unit?: string;
  kgceEquivalent?: number;
  kgceEqual?: number;
  /** tCO2 per unit (not used for 电力 rows) */
  co2Factor?: number;
  source?: L;
  edition?: string;
  note?: L;
}

/** One row of tblGridFactors. */
export interface GridRow {
  year: number;
  region: L;
  /** tCO2/MWh */
  value: number;
  series?: L;
  source?: L;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const both = (s: string): L => ({ zh: s, en: s });

/** The bundled rows of tblFactors (core's data), in data order. */
export function bundledFactorRows(): FactorRow[] {
  const src = ENERGY_CARBON.sources;
  return ENERGY_CARBON.carriers.map((c) => {
    const r: FactorRow = { item: { zh: c.zh, en: c.en }, category: categoryItem(c.category), unit: c.unit, note: c.note };
    if (c.kgceEquivalent !== undefined) r.kgceEquivalent = c.kgceEquivalent;
    if (c.kgceEqual !== undefined) r.kgceEqual = c.kgceEqual;
    const co2 = fixedCo2PerUnit(c);
    if (co2 !== null) r.co2Factor = co2;
    const s = src[c.source];
    if (s) r.source = s.short;
    const ed = c.edition ?? s?.edition;
    if (ed) r.edition = ed;
    return r;
  });
}

/** The bundled rows of tblGridFactors. */
export function bundledGridRows(): GridRow[] {
  return ENERGY_CARBON.gridFactors.map((g) => {
    const region = ENERGY_CARBON.regions.find((r) => r.id === g.region)!;
    const r: GridRow = { year: g.year, region: { zh: region.zh, en: region.en }, value: g.value };
    const series = GRID_SERIES[g.series];
    if (series) r.series = series;
    const s = ENERGY_CARBON.sources[g.source];
    if (s) r.source = s.short;
    return r;
  });
}

/** Whether a case's item text names bundled row `r` (zh, en or the carrier id). */
function namesRow(r: FactorRow, item: string): boolean {
  if (same(r.item.zh, item) || same(r.item.en, item)) return true;
  const c = ENERGY_CARBON.carriers.find((x) => x.zh === r.item.zh);
  return c !== undefined && same(c.id, item);
}

/** A category text of the case as a list item (canonical), or the text itself. */
function categoryOf(text: string): L {
  const zh = canonicalItem(FACTOR_CATEGORIES, text);
  return zh ? FACTOR_CATEGORIES.find((c) => c.zh === zh)! : both(text);
}

/** A region text of the case as a region item, or the text itself (a province the case adds). */
function regionOf(text: string): L {
  const zh = canonicalItem(GRID_REGIONS, text);
  return zh ? GRID_REGIONS.find((c) => c.zh === zh)! : both(text);
}

/** The bundled rows with a case's `factors` laid over them. */
export function mergeFactorRows(entries: readonly FactorEntry[] | undefined): FactorRow[] {
  const rows = bundledFactorRows();
  for (const e of entries ?? []) {
    let r = rows.find((x) => namesRow(x, e.item));
    if (!r) rows.push((r = { item: both(e.item) }));
    if (e.category !== undefined) r.category = categoryOf(e.category);
    if (e.unit !== undefined) r.unit = e.unit;
    if (e.kgceEquivalent !== undefined) r.kgceEquivalent = e.kgceEquivalent;
    if (e.kgceEqual !== undefined) r.kgceEqual = e.kgceEqual;
    if (e.co2Factor !== undefined) r.co2Factor = e.co2Factor;
    if (e.source !== undefined) r.source = both(e.source);
    if (e.edition !== undefined) r.edition = e.edition;
    if (e.note !== undefined) r.note = both(e.note);
  }
  return rows;
}

/** The bundled grid factors with a case's `gridFactors` laid over them (same year and region: replaced). */
export function mergeGridRows(entries: readonly GridFactorEntry[] | undefined): GridRow[] {
  const rows = bundledGridRows();
  for (const e of entries ?? []) {
    const region = regionOf(e.region);
    let r = rows.find((x) => x.year === e.year && same(x.region.zh, region.zh));
    if (!r) rows.push((r = { year: e.year, region, value: e.value }));
    r.value = e.value;
    if (e.series !== undefined) r.series = canonicalSeries(e.series);
    if (e.source !== undefined) r.source = both(e.source);
  }
  return rows;
}

function canonicalSeries(text: string): L {
  return Object.values(GRID_SERIES).find((s) => same(s.zh, text) || same(s.en, text)) ?? both(text);
}

const factorCache = new WeakMap<object, FactorRow[]>();
const gridCache = new WeakMap<object, GridRow[]>();
const NO_CASE = {};

/** The rows of tblFactors for the context (bundled + case), once per case. */
export function factorRows(ctx: BuildContext): FactorRow[] {
  const key = ctx.auditCase ?? NO_CASE;
  let v = factorCache.get(key);
  if (!v) factorCache.set(key, (v = mergeFactorRows(ctx.auditCase?.factors)));
  return v;
}

/** The rows of tblGridFactors for the context (bundled + case), once per case. */
export function gridRows(ctx: BuildContext): GridRow[] {
  const key = ctx.auditCase ?? NO_CASE;
  let v = gridCache.get(key);
  if (!v) gridCache.set(key, (v = mergeGridRows(ctx.auditCase?.gridFactors)));
  return v;
}

/** The three energy parameters as the workbook holds them. */
export interface EnergySettings {
  /** CP_FactorYear */
  year: number;
  /** CP_GridRegion: the region's text in the workbook's language */
  region: string;
  /** CP_ElecConvention */
  convention: ElectricityConvention;
}

/** The case's energy parameters, else the data's defaults (the blank template too). */
export function energySettings(ctx: BuildContext): EnergySettings {
  const d = energyCarbonDefaults();
  const p = ctx.auditCase?.parameters;
  const region = p?.gridRegion !== undefined ? regionOf(p.gridRegion) : { zh: d.region.zh, en: d.region.en };
  return {
    year: p?.factorYear ?? d.factorYear,
    region: tr(ctx.lang, region),
    convention: p?.electricityConvention !== undefined ? parseConvention(p.electricityConvention) : d.convention,
  };
}

/** The text of a convention in the workbook's language (the CP_ElecConvention dropdown's item). */
export function conventionText(lang: Lang, c: ElectricityConvention): string {
  return tr(lang, ELEC_CONVENTIONS[c === "equal" ? 1 : 0]!);
}

/** The value of an energy parameter cell. */
export function energyParameterValue(ctx: BuildContext, key: "factorYear" | "gridRegion" | "electricityConvention"): number | string {
  const s = energySettings(ctx);
  if (key === "factorYear") return s.year;
  if (key === "gridRegion") return s.region;
  return conventionText(ctx.lang, s.convention);
}

/** 采用折标系数 of a row (kgce per unit) under the context's convention; "" when it has none. */
export function tceUsedOf(ctx: BuildContext, r: FactorRow): number | "" {
  return kgcePerUnit(r, energySettings(ctx).convention) ?? "";
}

/** The grid factor (tCO2/MWh) of the context's year and region; undefined when the table has none. */
export function selectedGridFactor(ctx: BuildContext): number | undefined {
  const s = energySettings(ctx);
  const key = `${s.year}|${s.region}`.toLowerCase();
  return gridRows(ctx).find((g) => `${g.year}|${t(ctx, g.region)}`.toLowerCase() === key)?.value;
}

/** Whether a row takes its CO2 from the grid (category 电力). */
function isGrid(r: FactorRow): boolean {
  return r.category !== undefined && r.category.zh === FACTOR_CATEGORIES[0]!.zh;
}

/** 采用CO2因子 of a row (tCO2 per unit): 电力 rows the grid factor / 1000, others their CO2 factor; "" when none. */
export function co2UsedOf(ctx: BuildContext, r: FactorRow): number | "" {
  if (isGrid(r)) {
    const g = selectedGridFactor(ctx);
    return g === undefined ? "" : g / 1000;
  }
  return r.co2Factor ?? "";
}

/** The row whose item text (workbook language) is `item` (first match, ignoring case, as MATCH does). */
function rowOf(ctx: BuildContext, item: string): FactorRow | undefined {
  const v = item.toLowerCase();
  return factorRows(ctx).find((r) => t(ctx, r.item).toLowerCase() === v);
}

/** INDEX/MATCH of column `col` of tblFactors for the item in `itemRef` (exact, no wildcards). */
function factorLookup(lang: Lang, col: FactorKey, itemRef: string): string {
  return lookupExact(whole(TBL_FACTORS, col, lang), whole(TBL_FACTORS, "item", lang), itemRef);
}

function perItemFormula(lang: Lang, col: FactorKey, itemRef: string, qtyRef: string, scale: string): string {
  const f = factorLookup(lang, col, itemRef);
  return `IF(OR(${itemRef}="",NOT(ISNUMBER(${qtyRef}))),"",IFERROR(IF(ISNUMBER(${f}),${qtyRef}*${f}${scale},""),""))`;
}

/**
 * tce/a of a quantity of an item: `qty × 采用折标系数 / 1000` (kgce per unit → tce), by exact match of the item in
 * tblFactors[项目]. "" when the item is blank, the quantity blank or not a number, the item unknown or without a
 * kgce factor (pollutants). Native functions only (INDEX, MATCH, IFERROR).
 * @param itemRef a cell reference (e.g. `tblLowCostEffects[[#This Row],[比较项目]]`) holding the item's text
 * @param qtyRef a cell reference holding the quantity in the item's unit (per year)
 */
export function tceFormula(lang: Lang, itemRef: string, qtyRef: string): string {
  return perItemFormula(lang, "tceUsed", itemRef, qtyRef, "/1000");
}

/**
 * tCO2/a of a quantity of an item: `qty × 采用CO2因子` (tCO2 per unit; electricity: the chosen grid factor /
 * 1000, never through tce). "" as {@link tceFormula} (pollutants have no CO2 factor).
 */
export function co2Formula(lang: Lang, itemRef: string, qtyRef: string): string {
  return perItemFormula(lang, "co2Used", itemRef, qtyRef, "");
}

/** The cached value of {@link tceFormula}: a number, or "" where the formula gives "". */
export function tceValue(ctx: BuildContext, item: string | undefined, qty: unknown): number | "" {
  if (item === undefined || item === "" || typeof qty !== "number") return "";
  const r = rowOf(ctx, item);
  const f = r ? tceUsedOf(ctx, r) : "";
  return f === "" ? "" : (qty * f) / 1000;
}

/** The cached value of {@link co2Formula}: a number, or "" where the formula gives "". */
export function co2Value(ctx: BuildContext, item: string | undefined, qty: unknown): number | "" {
  if (item === undefined || item === "" || typeof qty !== "number") return "";
  const r = rowOf(ctx, item);
  const f = r ? co2UsedOf(ctx, r) : "";
  return f === "" ? "" : qty * f;
}

/** The grid factor lookup of the chosen year and region (tCO2/MWh), #N/A when none. */
export function selectedGridFormula(lang: Lang): string {
  return lookupExact(whole(TBL_GRID_FACTORS, "value", lang), whole(TBL_GRID_FACTORS, "key", lang), `${FACTOR_YEAR_NAME}&"|"&${GRID_REGION_NAME}`);
}

// ---------------------------------------------------------------------------------------------
// read-back (issue 13): rows that differ from the bundled data travel in the case file

const textOf = (l: L | undefined) => (l ? [l.zh, l.en] : []);
const sameText = (v: string | undefined, l: L | undefined) => (v === undefined ? l === undefined : textOf(l).some((x) => same(x, v)));

/** The case-file row of a tblFactors data row (inputs only); undefined for an empty row. */
export function readFactorRow(c: CellReader<FactorKey>): FactorEntry | undefined {
  const item = c.text("item");
  if (item === undefined) return undefined;
  const e: FactorEntry = { item };
  const cat = c.text("category");
  if (cat !== undefined) e.category = canonicalItem(FACTOR_CATEGORIES, cat) ?? cat;
  const unit = c.text("unit");
  if (unit !== undefined) e.unit = unit;
  const dl = c.num("kgceEquivalent");
  if (dl !== undefined) e.kgceEquivalent = dl;
  const eq = c.num("kgceEqual");
  if (eq !== undefined) e.kgceEqual = eq;
  const co2 = c.num("co2Factor");
  if (co2 !== undefined) e.co2Factor = co2;
  const source = c.text("source");
  if (source !== undefined) e.source = source;
  const edition = c.text("edition");
  if (edition !== undefined) e.edition = edition;
  const note = c.text("note");
  if (note !== undefined) e.note = note;
  return e;
}

/** Whether a read row equals the bundled row of its item (then the case need not carry it). */
function isBundledFactor(e: FactorEntry): boolean {
  const b = bundledFactorRows().find((r) => namesRow(r, e.item));
  if (!b) return false;
  const num = (x: number | undefined, y: number | undefined) => (x === undefined ? y === undefined : y !== undefined && Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(y)));
  return (
    sameText(e.category, b.category) &&
    (e.unit ?? "") === (b.unit ?? "") &&
    num(e.kgceEquivalent, b.kgceEquivalent) &&
    num(e.kgceEqual, b.kgceEqual) &&
    num(e.co2Factor, b.co2Factor) &&
    sameText(e.source, b.source) &&
    (e.edition ?? "") === (b.edition ?? "") &&
    sameText(e.note, b.note)
  );
}

/** Puts the rows that differ from the bundled data into `draft.factors` (omitted when none). */
export function storeFactorRows(draft: CaseDraft, rows: unknown[]): void {
  const changed = (rows as FactorEntry[]).filter((e) => !isBundledFactor(e));
  if (changed.length > 0) draft.factors = changed;
}

/** The case-file row of a tblGridFactors data row; undefined for an empty row. */
export function readGridRow(c: CellReader<GridKey>): GridFactorEntry | undefined {
  const year = c.num("year");
  const region = c.text("region");
  const value = c.num("value");
  if (year === undefined && region === undefined && value === undefined) return undefined;
  if (year === undefined || region === undefined || value === undefined) {
    c.problem(year === undefined ? "year" : region === undefined ? "region" : "value", tr("zh-CN", COEFF_LABELS.gridMissing));
    return undefined;
  }
  const e: GridFactorEntry = { year, region: canonicalItem(GRID_REGIONS, region) ?? region, value };
  const series = c.text("series");
  if (series !== undefined) e.series = series;
  const source = c.text("source");
  if (source !== undefined) e.source = source;
  return e;
}

/** Puts the grid factors that differ from the bundled data into `draft.gridFactors` (omitted when none). */
export function storeGridRows(draft: CaseDraft, rows: unknown[]): void {
  const bundled = bundledGridRows();
  const changed = (rows as GridFactorEntry[]).filter((e) => {
    const b = bundled.find((g) => g.year === e.year && sameText(e.region, g.region));
    return !b || b.value !== e.value || !sameText(e.series, b.series) || !sameText(e.source, b.source);
  });
  if (changed.length > 0) draft.gridFactors = changed;
}

