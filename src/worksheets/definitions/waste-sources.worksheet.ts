/**
 * 表2-6 废弃物产生源清单 Waste-source inventory (spec WS2-6; issue 8 items 4, 5).
 *
 * Table `tblWasteSources`, one row per waste stream: 序号 (ROW() minus the header row: LibreOffice
 * 7.4 does not read `[#Headers]`) | 车间/工段 | 产生源 | 类别 (dropdown of the standard terms 废水 /
 * 废气 / 一般工业固体废物 / 危险废物 / 噪声) | 名称/主要污染物 | 产生量 | 单位 | 处理处置方式 | 年处理费用
 * (万元/a in the band row) | 备注 | 检查 (缺少类别, 类别不在列表中, 缺少产生量, 产生量不是数值, …) ‖ hidden:
 * 标准类别, the standard term of the row's category in the workbook's language: the short forms
 * 固废 / 危废, the older "Solid waste" and the other language's term are read as their standard term
 * (i18n's WASTE_CATEGORIES and its aliases), an item the user added to the category list is kept.
 *
 * Above the table (nothing is written below it, so a row typed under it counts), per standard
 * category over whole table columns: the number of entries, the quantity total ONLY when every
 * entry of the category has a numeric quantity and the same unit (the unit beside it; otherwise
 * 单位不一致，未合计 / 产生量不全，未合计), the annual cost; noise levels are never added. The grand
 * total adds the count and the money only, never quantities of different media.
 */
import { colLetter } from "../a1";
import type { WasteSource } from "../case";
import { canonicalItem, itemSpellings, itemText, l, tr, WASTE_CATEGORIES, type Item, type L } from "../i18n";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import { defineTable, listName, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { f, readRow, type Field } from "./read-back-fields";
import { storeSection } from "./read-kit";

export const TBL_WASTE_SOURCES = {
  name: "tblWasteSources",
  columns: {
    no: l("序号", "No."),
    workshop: l("车间/工段", "Workshop"),
    source: l("产生源", "Source"),
    category: l("类别", "Category"),
    name: l("名称/主要污染物", "Stream/pollutant"),
    quantity: l("产生量", "Quantity"),
    unit: l("单位", "Unit"),
    treatment: l("处理处置方式", "Treatment/disposal"),
    cost: l("年处理费用", "Annual cost"),
    remark: l("备注", "Remarks"),
    check: l("检查", "Check"),
    std: l("标准类别", "Standard category"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_WASTE_SOURCES.columns;

/** Defined name of the stream names (名称/主要污染物): the dropdown of the waste streams by year (WS2-6B). */
export const WASTE_NAMES_NAME = "CP_WasteNames";

/** Texts of the sheet (flags, summary). */
export const WASTE_LABELS = {
  noCategory: l("缺少类别", "Category missing"),
  unknownCategory: l("类别不在列表中", "Category not in the list"),
  noQuantity: l("缺少产生量", "Quantity missing"),
  quantityNaN: l("产生量不是数值", "Quantity is not a number"),
  quantityNegative: l("产生量为负", "Quantity is negative"),
  noUnit: l("缺少单位", "Unit missing"),
  costNaN: l("费用不是数值", "Cost is not a number"),
  costNegative: l("费用为负", "Cost is negative"),
  summaryTitle: l("按类别汇总（产生量只在同一类别、同一单位内合计，不同类别不相加）", "Totals by category (quantities are added within one category and one unit only, never across categories)"),
  category: l("类别", "Category"),
  entries: l("条目数", "Entries"),
  quantityTotal: l("产生量合计", "Quantity total"),
  unit: l("单位", "Unit"),
  costTotal: l("年处理费用合计\n万元/a", "Annual cost\n10⁴ CNY/a"),
  unitsDiffer: l("单位不一致，未合计", "Units differ: not added"),
  incomplete: l("产生量不全，未合计", "Quantities incomplete: not added"),
  noiseNotAdded: l("声级不相加", "Levels are not added"),
  total: l("合计（全部条目）", "Total (all entries)"),
  notAcross: l("不同类别不相加", "Not added across categories"),
  flagged: l("需检查的条目", "Entries to check"),
};

/** The noise category: its levels (dB(A)) are never added. */
const NOISE = WASTE_CATEGORIES.find((c) => c.zh === "噪声")!;

/** Plain left-to-right sum (the order SUM/SUMIFS add in). */
export function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** Excel's TRIM: ASCII spaces only, leading and trailing removed, inner runs read as one. */
function excelTrim(s: string): string {
  return s.replace(/^ +| +$/g, "").replace(/ {2,}/g, " ");
}

/** The category text the cell shows (the standard term in the workbook's language when recognised). */
export function categoryCell(ctx: BuildContext, w: WasteSource): string | undefined {
  return w.category !== undefined ? itemText(ctx.lang, WASTE_CATEGORIES, w.category) : undefined;
}

/** The standard category of a row (as the hidden 标准类别 column gives it), or undefined. */
function categoryOf(w: WasteSource): Item | undefined {
  const zh = canonicalItem(WASTE_CATEGORIES, w.category ?? "");
  return WASTE_CATEGORIES.find((c) => c.zh === zh);
}

/** What the 检查 column says for a case row (same order as its formula). */
function checkOf(ctx: BuildContext, w: WasteSource | undefined): string | null {
  if (!w) return null;
  const cat = excelTrim(categoryCell(ctx, w) ?? "");
  if (cat === "") return t(ctx, WASTE_LABELS.noCategory);
  if (!categoryOf(w)) return t(ctx, WASTE_LABELS.unknownCategory);
  if (w.quantity < 0) return t(ctx, WASTE_LABELS.quantityNegative);
  if (excelTrim(w.unit) === "") return t(ctx, WASTE_LABELS.noUnit);
  if (w.annualCost !== undefined && w.annualCost < 0) return t(ctx, WASTE_LABELS.costNegative);
  return null;
}

/** The hidden column's formula: the standard term of TRIM(类别) in the workbook's language, "" when unknown. */
function standardCategoryFormula(x: Refs<K>): string {
  const c = `TRIM(${x.r("category")})`;
  let f = `IF(SUMPRODUCT(--(${listName("category")}=${c}))>0,${c},"")`;
  for (let i = WASTE_CATEGORIES.length - 1; i >= 0; i--) {
    const item = WASTE_CATEGORIES[i]!;
    const any = itemSpellings(item).map((s) => `${c}=${str(s)}`).join(",");
    f = `IF(OR(${any}),${x.s(item)},${f})`;
  }
  return `IF(${c}="","",${f})`;
}

/** The 检查 column's formula: the first problem of the row, "" when none (or the row is empty). */
function checkFormula(x: Refs<K>): string {
  const q = x.r("quantity");
  const cost = x.r("cost");
  const steps: [string, L][] = [
    [`TRIM(${x.r("category")})=""`, WASTE_LABELS.noCategory],
    [`${x.r("std")}=""`, WASTE_LABELS.unknownCategory],
    [`${q}=""`, WASTE_LABELS.noQuantity],
    [`NOT(ISNUMBER(${q}))`, WASTE_LABELS.quantityNaN],
    [`${q}<0`, WASTE_LABELS.quantityNegative],
    [`TRIM(${x.r("unit")})=""`, WASTE_LABELS.noUnit],
    [`AND(${cost}<>"",NOT(ISNUMBER(${cost})))`, WASTE_LABELS.costNaN],
    [`AND(ISNUMBER(${cost}),${cost}<0)`, WASTE_LABELS.costNegative],
  ];
  let f = `""`;
  for (let i = steps.length - 1; i >= 0; i--) f = `IF(${steps[i]![0]},${x.s(steps[i]![1])},${f})`;
  return `IF(COUNTA(${x.span("workshop", "remark")})=0,"",${f})`;
}

const nonNegative = (what: L): { number: { min: number; error: L } } => ({ number: { min: 0, error: what } });

const columns: readonly Column<WasteSource, K>[] = [
  {
    key: "no",
    role: "computed",
    width: 6,
    format: FMT.integer,
    formula: (x) => `IF(COUNTA(${x.span("workshop", "remark")})=0,"",ROW()-ROW(${x.headerCell("no")}))`,
    value: (w, k) => (w ? k + 1 : null),
  },
  { key: "workshop", role: "input", width: 14, value: (w) => w?.workshop },
  { key: "source", role: "input", width: 14, value: (w) => w?.source },
  {
    key: "category",
    role: "input",
    band: l("从列表选择", "from the list"),
    validation: {
      listName: listName("category"),
      error: l("请从列表选择：废水、废气、一般工业固体废物（固废）、危险废物（危废）、噪声", "Choose from the list: Wastewater, Waste gas, General industrial solid waste, Hazardous waste, Noise"),
    },
    value: (w, _k, ctx) => (w ? categoryCell(ctx, w) : undefined),
  },
  { key: "name", role: "input", width: 16, value: (w) => w?.name },
  {
    key: "quantity",
    role: "input",
    band: l("≥ 0，按所填单位", "≥ 0, in its unit"),
    format: FMT.general,
    validation: nonNegative(l("产生量须为 ≥ 0 的数值", "A quantity is a number ≥ 0")),
    value: (w) => w?.quantity,
  },
  { key: "unit", role: "input", width: 8, value: (w) => w?.unit },
  { key: "treatment", role: "input", width: 16, value: (w) => w?.treatment },
  {
    key: "cost",
    role: "input",
    band: l("万元/a", "10⁴ CNY/a"),
    format: FMT.money,
    validation: nonNegative(l("年处理费用须为 ≥ 0 的数值（万元/a）", "An annual cost is a number ≥ 0 (10⁴ CNY/a)")),
    value: (w) => w?.annualCost,
  },
  { key: "remark", role: "input", width: 12, value: (w) => w?.remark },
  { key: "check", role: "computed", width: 12, formula: checkFormula, value: (w, _k, ctx) => checkOf(ctx, w) },
  {
    key: "std",
    role: "computed",
    hidden: true,
    formula: standardCategoryFormula,
    value: (w, _k, ctx) => {
      if (!w) return null;
      const item = categoryOf(w);
      return item ? t(ctx, item) : null;
    },
  },
];

/**
 * The case's `wasteSources[]` fields read back from tblWasteSources (类别 as its standard zh-CN term;
 * 固废 / 危废 come back as 一般工业固体废物 / 危险废物, which the case format reads alike). The
 * three-year fields of an entry come from tblWasteHistory (waste-history.worksheet.ts).
 */
const WASTE_FIELDS: readonly Field<K>[] = [
  f("workshop", "workshop"),
  f("source", "source"),
  f("category", "category", WASTE_CATEGORIES),
  f("name", "name", "text", "缺少名称 (name missing)"),
  f("quantity", "quantity", "num", "缺少产生量 (quantity missing)"),
  f("unit", "unit", "text", "缺少单位 (unit missing)"),
  f("treatment", "treatment"),
  f("annualCost", "cost", "num"),
  f("remark", "remark"),
];

/** The case's rows (none for the template). */
function wasteRows(ctx: BuildContext): readonly WasteSource[] {
  return ctx.auditCase?.wasteSources ?? [];
}

/** The quantity total of a category as the summary shows it: a number, a flag text, or null (no entry). */
function quantityTotal(ctx: BuildContext, item: Item, these: readonly WasteSource[]): number | string | null {
  if (these.length === 0) return null;
  if (item === NOISE) return t(ctx, WASTE_LABELS.noiseNotAdded);
  const first = excelTrim(these[0]!.unit);
  if (these.some((w) => excelTrim(w.unit) !== first)) return t(ctx, WASTE_LABELS.unitsDiffer);
  return sum(these.map((w) => w.quantity));
}

/** Columns of the summary block (they sit over table columns wide enough for their contents). */
const S = { label: 1, count: 2, quantity: 3, unit: 4, cost: 5 } as const;

/** The summary block above the table: per category count, quantity (one unit only), cost; totals of count and money. */
function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = wasteRows(ctx);
  const w = (k: K) => whole(TBL_WASTE_SOURCES, k, ctx.lang);
  b.label(top, S.label, t(ctx, WASTE_LABELS.summaryTitle), "meta", false);
  const h = top + 1;
  b.header(h, S.label, t(ctx, WASTE_LABELS.category));
  b.header(h, S.count, t(ctx, WASTE_LABELS.entries));
  b.header(h, S.quantity, t(ctx, WASTE_LABELS.quantityTotal));
  b.header(h, S.unit, t(ctx, WASTE_LABELS.unit));
  b.header(h, S.cost, t(ctx, WASTE_LABELS.costTotal));
  const std = w("std");
  WASTE_CATEGORIES.forEach((item, i) => {
    const r = h + 1 + i;
    const these = rows.filter((x) => categoryOf(x) === item);
    const term = str(t(ctx, item));
    const countCell = `${colLetter(S.count)}${r + 1}`;
    const qtyCell = `${colLetter(S.quantity)}${r + 1}`;
    b.label(r, S.label, t(ctx, item));
    b.formula(r, S.count, `COUNTIF(${std},${term})`, these.length, "total", FMT.integer);
    const q = quantityTotal(ctx, item, these);
    const inCat = `(${std}=${term})`;
    const qf =
      item === NOISE
        ? `IF(${countCell}=0,"",${str(t(ctx, WASTE_LABELS.noiseNotAdded))})`
        : `IF(${countCell}=0,"",IF(SUMPRODUCT(${inCat}*ISNUMBER(${w("quantity")}))<${countCell},${str(t(ctx, WASTE_LABELS.incomplete))},` +
          `IF(SUMPRODUCT(${inCat}*EXACT(TRIM(${w("unit")}),TRIM(INDEX(${w("unit")},MATCH(${term},${std},0)))))<${countCell},${str(t(ctx, WASTE_LABELS.unitsDiffer))},` +
          `SUMIFS(${w("quantity")},${std},${term}))))`;
    b.formula(r, S.quantity, qf, q, "total", FMT.general);
    b.formula(
      r,
      S.unit,
      `IF(ISNUMBER(${qtyCell}),TRIM(INDEX(${w("unit")},MATCH(${term},${std},0))),"")`,
      typeof q === "number" ? excelTrim(these[0]!.unit) : null,
      "total",
    );
    b.formula(r, S.cost, `SUMIFS(${w("cost")},${std},${term})`, sum(these.map((x) => x.annualCost ?? 0)), "total", FMT.money);
    if (item !== NOISE) b.conditional({ top: r, left: S.quantity, bottom: r, right: S.quantity }, `AND(${qtyCell}<>"",NOT(ISNUMBER(${qtyCell})))`, "warn");
  });
  const tr0 = h + 1 + WASTE_CATEGORIES.length;
  b.label(tr0, S.label, t(ctx, WASTE_LABELS.total), "total");
  b.formula(tr0, S.count, `COUNT(${w("no")})`, rows.length, "total", FMT.integer);
  b.set(tr0, S.quantity, { value: t(ctx, WASTE_LABELS.notAcross), style: "note" });
  b.set(tr0, S.unit, { style: "total" });
  b.formula(tr0, S.cost, `SUM(${w("cost")})`, sum(rows.map((x) => x.annualCost ?? 0)), "total", FMT.money);
  const fr = tr0 + 1;
  const flagged = rows.filter((x) => checkOf(ctx, x) !== null).length;
  b.label(fr, S.label, t(ctx, WASTE_LABELS.flagged));
  b.formula(fr, S.count, `SUMPRODUCT(--(${w("check")}<>""))`, flagged, "total", FMT.integer);
  b.conditional({ top: fr, left: S.count, bottom: fr, right: S.count }, `${colLetter(S.count)}${fr + 1}>0`, "warn");
  // the flag texts on one line
  for (const x of [WASTE_LABELS.unitsDiffer, WASTE_LABELS.incomplete, WASTE_LABELS.noiseNotAdded, WASTE_LABELS.notAcross]) b.fit(S.quantity, t(ctx, x), 2);
  b.minWidth(S.count, 8);
  return fr + 1;
}

export const wasteSourcesWorksheet = tableWorksheet({
  key: "WS2-6",
  number: "2-6",
  sheetName: l("废弃物产生源清单", "Waste sources"),
  title: l("废弃物产生源清单", "Waste-source inventory"),
  dependsOn: ["PARAMS", "LISTS"],
  note: l(
    "黄色单元格为输入；类别从下拉列表选择（固废、危废分别计入一般工业固体废物、危险废物）；年处理费用单位 万元/a。产生量只在同一类别且单位相同时合计，不同类别（介质）不相加，噪声声级不相加。在表格下方输入即可添加条目。",
    "Yellow cells are inputs; choose the category from the list; annual cost in 10⁴ CNY/a. Quantities are added only within one category and one unit, never across categories (media); noise levels are not added. Type below the table to add an entry.",
  ),
  freezeCols: 1,
  orientation: "landscape",
  summary,
  names: (ctx) => [{ name: WASTE_NAMES_NAME, formula: whole(TBL_WASTE_SOURCES, "name", ctx.lang) }],
  tables: [
    defineTable({
      schema: TBL_WASTE_SOURCES,
      columns,
      rows: wasteRows,
      readBack: { row: (c) => readRow(c, WASTE_FIELDS), store: storeSection("wasteSources") },
      decorate(b, ctx, g) {
        const cell = (k: K) => `$${colLetter(g.col[k])}${g.firstRow + 1}`;
        const range = (k: K) => ({ top: g.firstRow, left: g.col[k], bottom: g.lastRow, right: g.col[k] });
        b.conditional(range("check"), `${cell("check")}<>""`, "bad");
        b.conditional(range("category"), `AND(TRIM(${cell("category")})<>"",${cell("std")}="")`, "bad");
        b.conditional(range("quantity"), `AND(${cell("quantity")}<>"",NOT(ISNUMBER(${cell("quantity")})))`, "bad");
        b.conditional(range("cost"), `AND(${cell("cost")}<>"",NOT(ISNUMBER(${cell("cost")})))`, "bad");
        // the category dropdown's items and the flags on one line
        for (const item of WASTE_CATEGORIES) b.fit(g.col.category, tr(ctx.lang, item), 3);
        for (const x of [WASTE_LABELS.noCategory, WASTE_LABELS.unknownCategory, WASTE_LABELS.quantityNaN, WASTE_LABELS.costNaN]) b.fit(g.col.check, t(ctx, x), 2);
      },
    }),
  ],
});
