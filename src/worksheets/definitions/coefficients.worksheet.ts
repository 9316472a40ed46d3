/**
 * 能源与碳排放系数 Energy & carbon factors (issue 12): a support sheet (no standard number) holding the coefficient
 * table `tblFactors` and the grid emission factors `tblGridFactors` (columns and rules: energy-carbon.ts). Every
 * value is an input the consultant can read and edit; the bundled data (src/data/energy-carbon, with source,
 * edition and a note per row) fills them, the case's `factors` / `gridFactors` override or add rows.
 *
 * Above the tables: the electricity convention chosen on the parameters sheet (CP_ElecConvention) and the grid
 * factor of CP_FactorYear / CP_GridRegion, and the rule that electricity's CO2 uses the grid factor, never tce.
 * `CP_EffectItems` (= tblFactors[项目]) is the effect tables' dropdown of items. Sheets whose formulas read the
 * coefficients (tceFormula / co2Formula) list "COEFF" in dependsOn.
 */
import { colLetter } from "../a1";
import { FACTOR_CATEGORIES, l, LISTS, type L } from "../i18n";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import type { Lang } from "../model";
import { defineTable, tableWorksheet, whole, type Column, type Refs, type TableGeometry } from "../table";
import { countEqual } from "./exact-match";
import { chain } from "./formula";
import {
  co2UsedOf,
  COEFF_LABELS,
  conventionText,
  ELEC_CONVENTION_NAME,
  energySettings,
  factorRows,
  FACTOR_YEAR_NAME,
  GRID_REGION_NAME,
  gridRows,
  readFactorRow,
  readGridRow,
  selectedGridFactor,
  selectedGridFormula,
  storeFactorRows,
  storeGridRows,
  TBL_FACTORS,
  TBL_GRID_FACTORS,
  tceUsedOf,
  type FactorKey,
  type FactorRow,
  type GridKey,
  type GridRow,
} from "./energy-carbon";
import { EFFECT_ITEMS_NAME } from "./phase6-schemas";

const ELECTRICITY_CATEGORY = FACTOR_CATEGORIES[0]!;
const EQUAL = LISTS.find((x) => x.id === "elecConvention")!.items[1]!;

/** Duplicate items (ignoring case, as `=` compares) among the rows. */
function duplicates(ctx: BuildContext, rows: readonly FactorRow[]): Set<string> {
  const seen = new Map<string, number>();
  for (const r of rows) {
    const k = t(ctx, r.item).toLowerCase();
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, n]) => n > 1).map(([k]) => k));
}

function factorCheck(ctx: BuildContext, r: FactorRow | undefined): string | null {
  if (!r) return null;
  if (duplicates(ctx, factorRows(ctx)).has(t(ctx, r.item).toLowerCase())) return t(ctx, COEFF_LABELS.duplicate);
  if (r.category?.zh === ELECTRICITY_CATEGORY.zh && co2UsedOf(ctx, r) === "") return t(ctx, COEFF_LABELS.noGrid);
  return "";
}

const KGCE_ERROR = l("折标系数须为 ≥ 0 的数（kgce/单位）", "A factor is a number ≥ 0 (kgce per unit)");

/**
 * Number formats of the factors: kgce per unit with one to four decimals (0.04, 0.0857, 1714.3), tCO2 per unit
 * with six (the smallest, coke-oven gas 0.000858 tCO2/m³ and electricity 0.000537 tCO2/kWh, keep three significant
 * digits). The cells keep the exact values.
 */
const KGCE_FORMAT = "0.0###";
const CO2_FORMAT = "0.000000";

/** An input column of a factor (a number ≥ 0). */
function factorInput(key: "kgceEquivalent" | "kgceEqual" | "co2Factor", band: L, error: L, format: string, numberWidth = 8): Column<FactorRow, FactorKey> {
  return { key, role: "input", band, format, numberWidth, validation: { number: { min: 0, error } }, value: (r) => (r ? r[key] : undefined) };
}

/**
 * Widths of the text columns per language: the English names are longer (a wrapped name would make its row two
 * lines tall); the other columns are as narrow as their texts, so the note column takes the room left — the
 * sheet prints on one A4 page at 75 % or more in both languages (the scale follows the width, and the height
 * leaves room for a few two-line rows only: the bundled notes are one line).
 */
const NAME_WIDTHS: Readonly<Record<Lang, { item: number; category: number; region: number; note: number; check: number; gridSource: number; doc: number; edition: number }>> = {
  "zh-CN": { item: 11, category: 9, region: 11, note: 33, check: 8, gridSource: 11, doc: 11, edition: 13 },
  "en-US": { item: 16, category: 12, region: 14, note: 21, check: 7, gridSource: 10, doc: 10, edition: 10 },
};

const factorColumns = (lang: Lang): readonly Column<FactorRow, FactorKey>[] => [
  { key: "item", role: "input", format: FMT.text, width: NAME_WIDTHS[lang].item, value: (r, _k, ctx) => (r ? t(ctx, r.item) : undefined) },
  { key: "category", role: "input", width: NAME_WIDTHS[lang].category, validation: { list: "factorCategory" }, value: (r, _k, ctx) => (r?.category ? t(ctx, r.category) : undefined) },
  { key: "unit", role: "input", format: FMT.text, width: 5, value: (r) => r?.unit },
  factorInput("kgceEquivalent", l("kgce/单位", "kgce/unit"), KGCE_ERROR, KGCE_FORMAT),
  factorInput("kgceEqual", l("空白=同当量值", "blank = equiv."), KGCE_ERROR, KGCE_FORMAT),
  {
    key: "tceUsed",
    role: "computed",
    band: l("kgce/单位", "kgce/unit"),
    format: KGCE_FORMAT,
    numberWidth: 8,
    formula: (x) => {
      const eq = x.r("kgceEqual");
      const dl = x.r("kgceEquivalent");
      return `IF(${x.r("item")}="","",IF(AND(${ELEC_CONVENTION_NAME}=${x.s(EQUAL)},ISNUMBER(${eq})),${eq},IF(ISNUMBER(${dl}),${dl},IF(ISNUMBER(${eq}),${eq},""))))`;
    },
    value: (r, _k, ctx) => (r ? tceUsedOf(ctx, r) : null),
  },
  factorInput("co2Factor", l("tCO2/单位", "tCO2/unit"), l("CO2因子须为 ≥ 0 的数（tCO2/单位）", "A CO2 factor is a number ≥ 0 (tCO2 per unit)"), CO2_FORMAT, 10),
  {
    key: "co2Used",
    role: "computed",
    band: l("电网因子/1000", "grid/1000"),
    format: CO2_FORMAT,
    numberWidth: 10,
    formula: (x) =>
      `IF(${x.r("item")}="","",IF(${x.r("category")}=${x.s(ELECTRICITY_CATEGORY)},IFERROR(${selectedGridFormula(x.lang)}/1000,""),IF(ISNUMBER(${x.r("co2Factor")}),${x.r("co2Factor")},"")))`,
    value: (r, _k, ctx) => (r ? co2UsedOf(ctx, r) : null),
  },
  {
    key: "check",
    role: "computed",
    width: NAME_WIDTHS[lang].check,
    formula: (x) => {
      const notNum = (k: FactorKey) => `AND(${x.r(k)}<>"",NOT(ISNUMBER(${x.r(k)})))`;
      const inputs = (["category", "unit", "kgceEquivalent", "kgceEqual", "co2Factor", "source", "edition", "note"] as const).map((k) => x.r(k)).join(",");
      return chain(
        [
          [`${x.r("item")}=""`, `IF(COUNTA(${inputs})>0,${x.s(COEFF_LABELS.noItem)},"")`],
          [`${countEqual(x.all("item"), x.r("item"))}>1`, x.s(COEFF_LABELS.duplicate)],
          [`OR(${notNum("kgceEquivalent")},${notNum("kgceEqual")},${notNum("co2Factor")})`, x.s(COEFF_LABELS.notNumber)],
          [`AND(${x.r("category")}=${x.s(ELECTRICITY_CATEGORY)},${x.r("co2Used")}="")`, x.s(COEFF_LABELS.noGrid)],
        ],
        `""`,
      );
    },
    value: (r, _k, ctx) => factorCheck(ctx, r),
  },
  // documentation texts (source, edition, note): input cells like the others, wrapping in their column (a long
  // text makes its row taller rather than running into the grid table beside it)
  // GB/T 2589 and 2013–2015 on one line (a zh-CN workbook sets digits and the dash in the wider Chinese font)
  { key: "source", role: "input", format: FMT.text, width: NAME_WIDTHS[lang].doc, value: (r, _k, ctx) => (r?.source ? t(ctx, r.source) : undefined) },
  { key: "edition", role: "input", format: FMT.text, width: NAME_WIDTHS[lang].edition, value: (r) => r?.edition },
  { key: "note", role: "input", format: FMT.text, width: NAME_WIDTHS[lang].note, value: (r, _k, ctx) => (r?.note ? t(ctx, r.note) : undefined) },
];

/** Keys of the grid table (year|region) that occur more than once (ignoring case). */
function gridDuplicates(ctx: BuildContext): Set<string> {
  const seen = new Map<string, number>();
  for (const g of gridRows(ctx)) {
    const k = `${g.year}|${t(ctx, g.region)}`.toLowerCase();
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, n]) => n > 1).map(([k]) => k));
}

const gridColumns = (lang: Lang): readonly Column<GridRow, GridKey>[] => [
  {
    key: "year",
    role: "input",
    format: FMT.integer,
    numberWidth: 6,
    validation: { number: { whole: true, min: 1990, max: 2100, error: l("年份为 1990 至 2100 的整数", "A year is a whole number from 1990 to 2100") } },
    value: (g) => g?.year,
  },
  { key: "region", role: "input", format: FMT.text, width: NAME_WIDTHS[lang].region, value: (g, _k, ctx) => (g ? t(ctx, g.region) : undefined) },
  {
    key: "value",
    role: "input",
    band: l("tCO2/MWh", "tCO2/MWh"),
    format: FMT.fixed4,
    numberWidth: 8,
    validation: { number: { min: 0, error: l("排放因子须为 ≥ 0 的数（tCO2/MWh）", "A factor is a number ≥ 0 (tCO2/MWh)") } },
    value: (g) => g?.value,
  },
  { key: "series", role: "input", format: FMT.text, width: 7, value: (g, _k, ctx) => (g?.series ? t(ctx, g.series) : undefined) },
  // 生态环境部 (10 display columns) on one line
  { key: "source", role: "input", format: FMT.text, width: NAME_WIDTHS[lang].gridSource, value: (g, _k, ctx) => (g?.source ? t(ctx, g.source) : undefined) },
  {
    key: "check",
    role: "computed",
    width: NAME_WIDTHS[lang].check,
    formula: (x: Refs<GridKey>) =>
      chain(
        [
          [`AND(${x.r("year")}="",${x.r("region")}="")`, `IF(${x.r("value")}<>"",${x.s(COEFF_LABELS.gridMissing)},"")`],
          [`OR(${x.r("year")}="",${x.r("region")}="")`, x.s(COEFF_LABELS.gridMissing)],
          [`${countEqual(x.all("key"), x.r("key"))}>1`, x.s(COEFF_LABELS.gridDuplicate)],
          [`NOT(ISNUMBER(${x.r("value")}))`, x.s(COEFF_LABELS.gridNaN)],
        ],
        `""`,
      ),
    value: (g, _k, ctx) => (g ? (gridDuplicates(ctx).has(`${g.year}|${t(ctx, g.region)}`.toLowerCase()) ? t(ctx, COEFF_LABELS.gridDuplicate) : "") : null),
  },
  {
    key: "key",
    role: "computed",
    hidden: true,
    formula: (x) => `IF(OR(${x.r("year")}="",${x.r("region")}=""),"",${x.r("year")}&"|"&${x.r("region")})`,
    value: (g, _k, ctx) => (g ? `${g.year}|${t(ctx, g.region)}` : null),
  },
];

/** Marks a table's 检查 cells (and the key cell) red when they hold a text. */
function markChecks<K extends string>(b: SheetBuilder, g: TableGeometry<K>, check: K, key: K): void {
  const cell = `$${colLetter(g.col[check])}${g.firstRow + 1}`;
  for (const c of [g.col[key], g.col[check]]) b.conditional({ top: g.firstRow, left: c, bottom: g.lastRow, right: c }, `${cell}<>""`, "bad");
}

/**
 * The chosen convention and grid factor, above the tables, as one sentence (a formula over the parameters, so it
 * follows them); the sheet's note states the rule that electricity's CO2 uses the grid factor, never tce.
 */
function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const s = energySettings(ctx);
  const g = selectedGridFactor(ctx);
  const w = (zh: string, en: string) => t(ctx, l(zh, en));
  const none = w("无此年份/区域的因子", "no factor for this year/region");
  const formula =
    `${str(w("电力折标方法：", "Electricity to standard coal: "))}&${ELEC_CONVENTION_NAME}&${str(w("；电网排放因子 ", "; grid factor "))}&${FACTOR_YEAR_NAME}&" "&${GRID_REGION_NAME}&": "&` +
    `IFERROR(TEXT(${selectedGridFormula(ctx.lang)},"0.0000")&" tCO2/MWh",${str(none)})`;
  const value = `${w("电力折标方法：", "Electricity to standard coal: ")}${conventionText(ctx.lang, s.convention)}${w("；电网排放因子 ", "; grid factor ")}${s.year} ${s.region}: ${g === undefined ? none : `${g.toFixed(4)} tCO2/MWh`}`;
  b.formula(top, 0, formula, value, "meta");
  return top + 1;
}

export const coefficientsWorksheet = tableWorksheet({
  key: "COEFF",
  sheetName: l("能源与碳排放系数", "Energy and carbon factors"),
  // the title is the sheet's name (the tab and the printed page say the same)
  title: l("能源与碳排放系数", "Energy and carbon factors"),
  dependsOn: ["PARAMS", "LISTS"],
  note: l(
    "GB/T 2589 折标系数（电力按参数表的当量值/等价值）、化石燃料 CO2 因子（低位发热量×含碳量×氧化率×44/12）、热力 0.11 tCO2/GJ、电网排放因子；折标煤 = 量 × 采用折标系数/1000，CO2 = 量 × 采用CO2因子，电力直接用电网因子、不经折标煤。各值可改，来源与争议见说明列。",
    "GB/T 2589 factors (electricity: equivalent or equal value per the parameters sheet), fuel CO2 (NCV × carbon × oxidation × 44/12), heat 0.11 tCO2/GJ, grid factors; tce = qty × kgce used / 1000, CO2 = qty × CO2 used, electricity by the grid factor, never via tce. All editable; sources and disagreements in Note.",
  ),
  freezeCols: 1,
  orientation: "landscape",
  summary,
  tables: (ctx) => [
    defineTable({
      schema: TBL_FACTORS,
      columns: factorColumns(ctx.lang),
      rows: factorRows,
      // one empty row below the data (the table grows as the user types under it)
      rowCount: (ctx) => factorRows(ctx).length + 1,
      decorate: (b, _ctx, g) => markChecks(b, g, "check", "item"),
      readBack: { row: readFactorRow, store: (draft, rows) => storeFactorRows(draft, rows) },
    }),
    defineTable({
      schema: TBL_GRID_FACTORS,
      columns: gridColumns(ctx.lang),
      rows: gridRows,
      rowCount: (ctx) => gridRows(ctx).length + 1,
      decorate: (b, _ctx, g) => markChecks(b, g, "check", "region"),
      readBack: { row: readGridRow, store: (draft, rows) => storeGridRows(draft, rows) },
    }),
  ],
  names: (ctx) => [{ name: EFFECT_ITEMS_NAME, formula: whole(TBL_FACTORS, "item", ctx.lang) }],
});
