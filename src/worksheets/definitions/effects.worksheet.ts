/**
 * 表6-2 已实施的无/低费方案环境效果对比一览表 (spec WS6-2) and 表6-4 已实施的中/高费方案环境效果对比一览表
 * (WS6-4), issue 12: the environmental effects of the implemented options, in long form — one row
 * per option × effect item (比较项目), so that a row typed below the table (Excel extends it) is
 * counted by 表6-9 and every total.
 *
 * Tables `tblLowCostEffects` / `tblHighCostEffects` (names and the columns other sheets read:
 * phase6-schemas.ts EFFECT_COLUMNS): 方案编号 (dropdown CP_OptionIds, never retyped) | 方案名称
 * (looked up in 表4-1 by exact id) | 比较项目 (dropdown CP_EffectItems: the coefficient table's items —
 * carriers, media, pollutants) | 单位 (looked up in tblFactors) | 实施前 | [表6-4: 设计值] | 实施后
 * (amounts per year in the item's unit, ≥ 0) | 削减量 = 实施前 − 实施后 | 削减率 = 削减量/实施前 (%;
 * blank when 实施前 is 0) | [表6-4: 达成率 = (实施前 − 实施后)/(实施前 − 设计值), blank when 设计值 =
 * 实施前] | 节能量 = 削减量 × 采用折标系数 / 1000 (tce/a) | 减碳量 = 削减量 × 采用CO2因子 (tCO2/a;
 * electricity: the grid factor of CP_FactorYear / CP_GridRegion directly, never through tce) — both
 * energy-carbon.ts's tceFormula / co2Formula, blank for a pollutant | 检查 ‖ hidden: 费用类别 (the
 * register's, for the class check).
 *
 * Blank or text inputs give a blank result, never 0 and never #DIV/0!. 检查 names the first problem
 * of a row: 缺少方案编号, 编号不在方案汇总表, 不是无/低费方案 (表6-2) / 不是中/高费方案 (表6-4), 缺少比较项目,
 * 项目不在系数表, 方案与项目重复 (an option's item twice), 数值列含文字, 缺少实施前 (after without before),
 * 缺少实施后. Flagged rows are left out of the totals above the table and of 表6-9.
 *
 * Above the table: the number of rows counted and of rows to check; Σ 节能量 and Σ 减碳量 of the
 * counted rows above their columns.
 */
import { colLetter } from "../a1";
import type { LowCostEffect } from "../case";
import { canonicalItem, HIGH_COST_CLASSES, l, LOW_COST_CLASSES, type L } from "../i18n";
import { FMT, t, type BuildContext, type BuiltKey, type SheetBuilder } from "../layout";
import type { TableReadBack } from "../read-back";
import { defineTable, tableWorksheet, whole, type Column, type Refs, type TableDef, type TableSchema } from "../table";
import { literalCriterion, lookupExact, lookupOrBlank } from "./exact-match";
import { co2Formula, co2Value, factorRows, TBL_FACTORS, tceFormula, tceValue, type FactorRow } from "./energy-carbon";
import { inClassGroup, TBL_OPTIONS } from "./option-register.worksheet";
import { optionIdColumn, PICK_LABELS, registerEntryOf, registerTextColumn } from "./option-pick";
import { EFFECT_ITEM_LIST } from "./phase6-items";
import { EFFECT_COLUMNS, EFFECT_ITEMS_NAME, TBL_HIGH_COST_EFFECTS_NAME, TBL_LOW_COST_EFFECTS } from "./phase6-schemas";
import { sumNumbers } from "./phase6-kit";
import { costGroup } from "./screening-rules";

/** A row of either effect table (表6-4's rows carry `design`). */
export type EffectRow = LowCostEffect & { design?: number | undefined };

/** 表6-2's table: the shared columns plus the hidden cost-class lookup. */
export const TBL_LOW_EFFECTS = {
  name: TBL_LOW_COST_EFFECTS.name,
  columns: { ...EFFECT_COLUMNS, costClass: l("费用类别", "Cost class") },
} as const satisfies TableSchema;

/** 表6-4's table: the shared columns, 设计值, 达成率 and the hidden cost-class lookup. */
export const TBL_HIGH_EFFECTS = {
  name: TBL_HIGH_COST_EFFECTS_NAME,
  columns: { ...EFFECT_COLUMNS, design: l("设计值", "Design"), achievement: l("达成率", "Achievement"), costClass: l("费用类别", "Cost class") },
} as const satisfies TableSchema;

type K = keyof typeof TBL_HIGH_EFFECTS.columns;

export const EFFECT_LABELS = {
  notLow: l("不是无/低费方案", "Not a no/low-cost option"),
  notHigh: l("不是中/高费方案", "Not a medium/high-cost option"),
  noItem: l("缺少比较项目", "Item missing"),
  unknownItem: l("项目不在系数表", "Item not in the factor table"),
  pairTwice: l("方案与项目重复", "Option and item twice"),
  textInNumbers: l("数值列含文字", "Text in a number column"),
  noBefore: l("缺少实施前", "Before missing"),
  noAfter: l("缺少实施后", "After missing"),
  counted: l("计入汇总的行数", "Rows counted"),
  flagged: l("需检查的行", "Rows to check"),
  totals: l("合计", "Total"),
};

/** What differs between 表6-2 and 表6-4. */
interface EffectSheet {
  key: BuiltKey;
  number: string;
  schema: TableSchema<K>;
  /** the register's cost classes this sheet lists */
  classes: readonly string[];
  group: "low" | "high";
  wrongClass: L;
  design: boolean;
  rows: (ctx: BuildContext) => readonly EffectRow[];
}

const LOW: EffectSheet = {
  key: "WS6-2",
  number: "6-2",
  schema: TBL_LOW_EFFECTS as TableSchema<K>,
  classes: LOW_COST_CLASSES,
  group: "low",
  wrongClass: EFFECT_LABELS.notLow,
  design: false,
  rows: (ctx) => ctx.auditCase?.lowCostEffects ?? [],
};

const HIGH: EffectSheet = {
  key: "WS6-4",
  number: "6-4",
  schema: TBL_HIGH_EFFECTS,
  classes: HIGH_COST_CLASSES,
  group: "high",
  wrongClass: EFFECT_LABELS.notHigh,
  design: true,
  rows: (ctx) => (ctx.auditCase?.highCostEffects ?? []),
};

/**
 * The item text the 比较项目 cell shows: the coefficient table's item (bundled, or added by the case's
 * `factors`) in the workbook's language, another text as written.
 */
export function itemCell(ctx: BuildContext, r: EffectRow): string {
  const v = r.item.trim().toLowerCase();
  const f = factorRows(ctx).find((x) => x.item.zh.toLowerCase() === v || x.item.en.toLowerCase() === v);
  return f ? t(ctx, f.item) : r.item;
}

/** The coefficient table's row of a row's item (as MATCH finds it: the shown text, ignoring case). */
function factorOf(ctx: BuildContext, r: EffectRow): FactorRow | undefined {
  const v = itemCell(ctx, r).toLowerCase();
  return factorRows(ctx).find((x) => t(ctx, x.item).toLowerCase() === v);
}

/** 削减量 = 实施前 − 实施后, or null when either is absent. */
export function reductionOf(r: EffectRow | undefined): number | null {
  return r && r.before !== undefined && r.after !== undefined ? r.before - r.after : null;
}

/** 削减率 = 削减量/实施前, null when absent or 实施前 = 0. */
export function reductionRateOf(r: EffectRow | undefined): number | null {
  const d = reductionOf(r);
  return d === null || r!.before === 0 ? null : d / r!.before!;
}

/** 达成率 = (实施前 − 实施后)/(实施前 − 设计值), null when an input is absent or 设计值 = 实施前. */
export function achievementOf(r: EffectRow | undefined): number | null {
  if (!r || r.before === undefined || r.after === undefined || r.design === undefined || r.before === r.design) return null;
  return (r.before - r.after) / (r.before - r.design);
}

/** 节能量 of a row, tce/a (削减量 × the coefficient table's 采用折标系数 / 1000), null when blank. */
export function rowTce(ctx: BuildContext, r: EffectRow): number | null {
  const v = tceValue(ctx, itemCell(ctx, r), reductionOf(r));
  return v === "" ? null : v;
}

/** 减碳量 of a row, tCO2/a (削减量 × 采用CO2因子; electricity: the grid factor directly, never through tce), null when blank. */
export function rowCo2(ctx: BuildContext, r: EffectRow): number | null {
  const v = co2Value(ctx, itemCell(ctx, r), reductionOf(r));
  return v === "" ? null : v;
}

/** The label of the first problem of a case row (as the 检查 formula gives it), or null. */
export function effectCheck(ctx: BuildContext, s: EffectSheet, r: EffectRow, all: readonly EffectRow[]): L | null {
  if (r.optionId === "") return PICK_LABELS.noId;
  const o = registerEntryOf(ctx, r.optionId);
  if (!o) return PICK_LABELS.unknownId;
  if (costGroup(o.costClass) !== s.group) return s.wrongClass;
  if (r.item.trim() === "") return EFFECT_LABELS.noItem;
  if (!factorOf(ctx, r)) return EFFECT_LABELS.unknownItem;
  const shown = itemCell(ctx, r).toUpperCase();
  if (all.filter((x) => x.optionId.toUpperCase() === r.optionId.toUpperCase() && itemCell(ctx, x).toUpperCase() === shown).length > 1) return EFFECT_LABELS.pairTwice;
  if (r.after !== undefined && r.before === undefined) return EFFECT_LABELS.noBefore;
  if (r.before !== undefined && r.after === undefined) return EFFECT_LABELS.noAfter;
  return null;
}

/** The 检查 formula (see the module comment). */
function checkFormula(s: EffectSheet, x: Refs<K>): string {
  const id = x.r("id");
  const item = x.r("item");
  const before = x.r("before");
  const after = x.r("after");
  const numbers = s.design ? [before, x.r("design"), after] : [before, after];
  const steps: [string, L][] = [
    [`${id}=""`, PICK_LABELS.noId],
    [`ISNA(MATCH(${literalCriterion(id)},${whole(TBL_OPTIONS, "id", x.lang)},0))`, PICK_LABELS.unknownId],
    [`NOT(${inClassGroup(x, x.r("costClass"), s.classes)})`, s.wrongClass],
    [`TRIM(${item})=""`, EFFECT_LABELS.noItem],
    [`ISNA(MATCH(${literalCriterion(item)},${whole(TBL_FACTORS, "item", x.lang)},0))`, EFFECT_LABELS.unknownItem],
    [`SUMPRODUCT((${x.all("id")}=${id})*(${x.all("item")}=${item}))>1`, EFFECT_LABELS.pairTwice],
    [`OR(${numbers.map((c) => `AND(${c}<>"",NOT(ISNUMBER(${c})))`).join(",")})`, EFFECT_LABELS.textInNumbers],
    [`AND(${after}<>"",${before}="")`, EFFECT_LABELS.noBefore],
    [`AND(${before}<>"",${after}="")`, EFFECT_LABELS.noAfter],
  ];
  let f = `""`;
  for (let i = steps.length - 1; i >= 0; i--) f = `IF(${steps[i]![0]},${x.s(steps[i]![1])},${f})`;
  const inputs = [id, item, ...numbers];
  return `IF(AND(${inputs.map((c) => `${c}=""`).join(",")}),"",${f})`;
}

const amount = (key: "before" | "after" | "design", what: L): Column<EffectRow, K> => ({
  key,
  role: "input",
  band: l("按项目单位/a", "item's unit/a"),
  format: FMT.money,
  // room for 1250000.00 (kWh/a)
  numberWidth: 13,
  validation: { number: { min: 0, error: l(`${what.zh}须为 ≥ 0 的数值（按项目单位）`, `${what.en} is a number ≥ 0 (in the item's unit)`) } },
  value: (r) => r?.[key],
});

/** 节能量 / 减碳量 of this row's 削减量 (the carbon API's formula; core's value cached). */
function carbonColumn(
  key: "tce" | "co2",
  band: L,
  formula: (lang: BuildContext["lang"], itemRef: string, qtyRef: string) => string,
  value: (ctx: BuildContext, r: EffectRow) => number | null,
): Column<EffectRow, K> {
  return { key, role: "computed", band, format: FMT.money, formula: (x) => formula(x.lang, x.r("item"), x.r("reduction")), value: (r, _k, ctx) => (r ? (value(ctx, r) ?? "") : null) };
}

function columns(s: EffectSheet): Column<EffectRow, K>[] {
  const cols: Column<EffectRow, K>[] = [
    optionIdColumn<EffectRow>((r) => r?.optionId),
    registerTextColumn<EffectRow>("name", (r) => r.optionId) as Column<EffectRow, K>,
    {
      key: "item",
      role: "input",
      width: 10,
      validation: { listName: EFFECT_ITEMS_NAME, error: l("请从下拉列表选择系数表中的项目", "Choose an item of the factor table from the list") },
      value: (r, _k, ctx) => (r ? itemCell(ctx, r) : undefined),
    },
    {
      key: "unit",
      role: "lookup",
      width: 6,
      formula: (x) => lookupOrBlank(lookupExact(whole(TBL_FACTORS, "unit", x.lang), whole(TBL_FACTORS, "item", x.lang), x.r("item"))),
      value: (r, _k, ctx) => (r ? (factorOf(ctx, r)?.unit ?? "") : null),
    },
    amount("before", l("实施前", "Before")),
  ];
  if (s.design) cols.push(amount("design", l("设计值", "Design")));
  cols.push(
    amount("after", l("实施后", "After")),
    {
      key: "reduction",
      role: "computed",
      band: l("实施前 − 实施后", "before − after"),
      format: FMT.money,
      numberWidth: 13,
      formula: (x) => `IF(AND(ISNUMBER(${x.r("before")}),ISNUMBER(${x.r("after")})),${x.r("before")}-${x.r("after")},"")`,
      value: (r) => (r ? reductionOf(r) ?? "" : null),
    },
    {
      key: "reductionRate",
      role: "computed",
      band: l("削减量/实施前", "reduction/before"),
      format: FMT.percent,
      formula: (x) => `IF(ISNUMBER(${x.r("reduction")}),IF(${x.r("before")}=0,"",${x.r("reduction")}/${x.r("before")}),"")`,
      value: (r) => (r ? reductionRateOf(r) ?? "" : null),
    },
  );
  if (s.design) {
    cols.push({
      key: "achievement",
      role: "computed",
      band: l("(前−后)/(前−设计)", "(b − a)/(b − d)"),
      format: FMT.percent,
      formula: (x) => {
        const [b, a, d] = [x.r("before"), x.r("after"), x.r("design")];
        return `IF(AND(ISNUMBER(${b}),ISNUMBER(${a}),ISNUMBER(${d})),IF(${b}=${d},"",(${b}-${a})/(${b}-${d})),"")`;
      },
      value: (r) => (r ? achievementOf(r) ?? "" : null),
    });
  }
  cols.push(
    carbonColumn("tce", l("tce/a", "tce/a"), tceFormula, rowTce),
    carbonColumn("co2", l("tCO2/a", "tCO2/a"), co2Formula, rowCo2),
    {
      key: "check",
      role: "computed",
      width: 12,
      formula: (x) => checkFormula(s, x),
      value: (r, _k, ctx) => {
        if (!r) return null;
        const c = effectCheck(ctx, s, r, s.rows(ctx));
        return c ? t(ctx, c) : "";
      },
    },
    { ...(registerTextColumn<EffectRow>("costClass", (r) => r.optionId) as Column<EffectRow, K>), hidden: true },
  );
  return cols;
}

/** Rows of a sheet whose 检查 is empty (those 表6-9 and the totals count). */
export function countedRows(ctx: BuildContext, s: EffectSheet): EffectRow[] {
  const all = s.rows(ctx);
  return all.filter((r) => effectCheck(ctx, s, r, all) === null);
}

function summary(s: EffectSheet) {
  return (b: SheetBuilder, ctx: BuildContext, top: number): number => {
    const all = s.rows(ctx);
    const w = (k: K) => whole(s.schema, k, ctx.lang);
    b.label(top, 0, t(ctx, EFFECT_LABELS.counted), "label", false);
    b.merge(top, 0, top, 1);
    b.formula(top, 2, `SUMPRODUCT((${w("id")}<>"")*(${w("check")}=""))`, countedRows(ctx, s).length, "total", FMT.integer);
    b.label(top + 1, 0, t(ctx, EFFECT_LABELS.flagged), "label", false);
    b.merge(top + 1, 0, top + 1, 1);
    const flagged = all.filter((r) => effectCheck(ctx, s, r, all) !== null).length;
    b.formula(top + 1, 2, `SUMPRODUCT(--(${w("check")}<>""))`, flagged, "total", FMT.integer);
    b.conditional({ top: top + 1, left: 2, bottom: top + 1, right: 2 }, `${colLetter(2)}${top + 2}>0`, "warn");
    // Σ 节能量 and Σ 减碳量 of the counted rows, above their columns (表6-9 sums the same)
    const keys = columns(s).map((c) => c.key);
    const counted = countedRows(ctx, s);
    const total = (f: (r: EffectRow) => number | null) => sumNumbers(counted.map(f));
    b.label(top, keys.indexOf("tce") - 1, t(ctx, EFFECT_LABELS.totals), "total");
    b.formula(top, keys.indexOf("tce"), `SUMPRODUCT(--(${w("check")}=""),${w("tce")})`, total((r) => rowTce(ctx, r)), "total", FMT.money);
    b.formula(top, keys.indexOf("co2"), `SUMPRODUCT(--(${w("check")}=""),${w("co2")})`, total((r) => rowCo2(ctx, r)), "total", FMT.money);
    return top + 2;
  };
}

/**
 * How a row goes back into the case file (`lowCostEffects` / `highCostEffects`): the inputs only
 * (id, item — a known item as its zh-CN form —, before, [design,] after); undefined for an empty row.
 */
function effectReadBack(s: EffectSheet): TableReadBack<K> {
  const section = s.group === "low" ? "lowCostEffects" : "highCostEffects";
  const amounts: ("before" | "design" | "after")[] = s.design ? ["before", "design", "after"] : ["before", "after"];
  return {
    row(c) {
      const id = c.text("id");
      const item = c.text("item");
      const nums = amounts.map((k) => [k, c.num(k)] as const);
      if (id === undefined && item === undefined && nums.every(([, v]) => v === undefined)) return undefined;
      const row: Record<string, unknown> = { optionId: id ?? "", item: item === undefined ? "" : (canonicalItem(EFFECT_ITEM_LIST, item) ?? item) };
      for (const [k, v] of nums) if (v !== undefined) row[k] = v;
      return row;
    },
    store(draft, rows) {
      if (rows.length > 0) draft[section] = rows;
      else delete draft[section];
    },
  };
}

function effectTable(s: EffectSheet): TableDef<EffectRow, K> {
  return defineTable<EffectRow, K>({
    schema: s.schema,
    columns: columns(s),
    rows: s.rows,
    readBack: effectReadBack(s),
    decorate(b, ctx, g) {
      const check = `$${colLetter(g.col.check)}${g.firstRow + 1}`;
      b.conditional({ top: g.firstRow, left: g.col.check, bottom: g.lastRow, right: g.col.check }, `${check}<>""`, "bad");
      for (const x of [s.wrongClass, EFFECT_LABELS.pairTwice, EFFECT_LABELS.textInNumbers]) b.fit(g.col.check, t(ctx, x), 2);
    },
  });
}

export const EFFECT_SHEETS = { low: LOW, high: HIGH } as const;

export const lowCostEffectsWorksheet = tableWorksheet({
  key: "WS6-2",
  number: "6-2",
  sheetName: l("无低费方案环境效果", "No-low-cost effects"),
  title: l("已实施的无/低费方案环境效果对比一览表", "Environmental results of implemented no/low-cost options"),
  dependsOn: ["PARAMS", "COEFF", "WS4-1"],
  note: l(
    "每行一个方案的一个比较项目（选方案编号和系数表中的项目，名称和单位自动引用）；实施前、实施后按项目单位填写年量，削减量、削减率、节能量和减碳量自动计算。检查列非空的行不计入汇总。在表格下方输入即可添加行。",
    "One row per option and item (pick the option ID and an item of the factor table; name and unit are looked up); before and after are annual amounts in the item's unit; reduction, rate, energy saved and CO2 avoided are computed. Rows with a check text are not counted. Type below the table to add a row.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  summary: summary(LOW),
  tables: [effectTable(LOW)],
});

export const highCostEffectsWorksheet = tableWorksheet({
  key: "WS6-4",
  number: "6-4",
  sheetName: l("中高费方案环境效果", "Mid-high-cost effects"),
  title: l("已实施的中/高费方案环境效果对比一览表", "Environmental results of implemented medium/high-cost options"),
  dependsOn: ["PARAMS", "COEFF", "WS4-1"],
  note: l(
    "每行一个方案的一个比较项目（选方案编号和系数表中的项目，名称和单位自动引用）；实施前、设计值、实施后按项目单位填写年量；削减量、削减率、达成率、节能量和减碳量自动计算。检查列非空的行不计入汇总。在表格下方输入即可添加行。",
    "One row per option and item (pick the option ID and an item of the factor table; name and unit are looked up); before, design and after are annual amounts in the item's unit; reduction, rate, achievement, energy saved and CO2 avoided are computed. Rows with a check text are not counted. Type below the table to add a row.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  summary: summary(HIGH),
  tables: [effectTable(HIGH)],
});
