/**
 * 表6-6 已实施清洁生产方案实施效果的核定与汇总 Summary of all implemented options (spec WS6-6, §7;
 * issue 12). Every figure is looked up, never retyped; only the option ids are typed.
 *
 * Table `tblImplementedSummary` (name and the columns 表6-9 reads: phase6-schemas.ts), one row per
 * implemented option: 方案编号 (dropdown CP_OptionIds) | 方案名称 (looked up) | 方案类型 (无/低费 |
 * 中/高费, from the register's 费用类别; "" when the class is not set) | 实施时间 (表6-1's 实际完成 of the
 * id) | 投资, 运行费, 经济效益 (万元, 万元/a): a 无/低费 option's from 表6-3 (投资, 运行费变化, 年经济效益),
 * a 中/高费 option's from 表6-5 (实际投资 I; Σ 差值 of its cost items other than 税金; P = the change of
 * 净利润) | one column per environmental indicator, the option's 削减量 in 表6-2 and 表6-4 summed by
 * 方案编号 and 比较项目 (SUMPRODUCT with exact "=", rows whose 检查 is not empty left out; "" when the
 * option has no counted row of the item): 节电 (电力, kWh/a), 节水 (新水, t/a), COD, SO2, 一般固废 (t/a);
 * 节能 (tce/a) and 减碳 (tCO2/a) = Σ of the effect tables' 节能量 / 减碳量 columns of the option's rows
 * (their factors are the coefficient sheet's) | 检查 (id missing / not in the register / twice; 费用类别未定; not in
 * 表6-3 / 表6-5).
 *
 * Above the table: count and Σ of every figure column per 方案类型 (SUMIFS / COUNTIFS on 方案类型) and
 * in total, and the number of options 已完成 in 表6-1 that are not listed here.
 */
import { colLetter, rect } from "../a1";
import type { AuditCase } from "../case";
import { COST_CLASSES, HIGH_COST_CLASSES, HIGH_COST_ITEMS, l, LOW_COST_CLASSES, type L } from "../i18n";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import type { CellValue } from "../model";
import { defineTable, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { countedRows, EFFECT_SHEETS, reductionOf, rowCo2, rowTce, TBL_HIGH_EFFECTS, TBL_LOW_EFFECTS, type EffectRow } from "./effects.worksheet";
import { literalCriterion, lookupExact, lookupOrBlank } from "./exact-match";
import { expostOf, TBL_EXPOST, TBL_HIGH_COST_ITEMS } from "./high-cost-economics.worksheet";
import { IMPLEMENTATION_STATUS, statusOf, TBL_IMPLEMENTATION } from "./implementation.worksheet";
import { lowCostFigures, TBL_LOW_COST_ECONOMICS } from "./low-cost-economics.worksheet";
import { optionIdColumn, registerEntryOf, registerLookup, registerTextColumn } from "./option-pick";
import { inClassGroup } from "./option-register.worksheet";
import { DATE_WIDTH, dateSerial } from "./phase13-common";
import { EFFECT_COLUMNS, EFFECT_ITEMS, IMPLEMENTED_SUMMARY_COLUMNS, TBL_IMPLEMENTED_SUMMARY_NAME } from "./phase6-schemas";
import { markChecks, pickedCheckFormula, pickedCheckValue, readRow, sumNumbers } from "./phase6-kit";
import { storeSection } from "./read-kit";
import { costGroup } from "./screening-rules";
import { firstById } from "./statement-kit";

export const TBL_IMPLEMENTED_SUMMARY = {
  name: TBL_IMPLEMENTED_SUMMARY_NAME,
  columns: {
    id: IMPLEMENTED_SUMMARY_COLUMNS.id,
    name: l("方案名称", "Option name"),
    classGroup: IMPLEMENTED_SUMMARY_COLUMNS.classGroup,
    date: l("实施时间", "Implemented"),
    investment: IMPLEMENTED_SUMMARY_COLUMNS.investment,
    operatingCost: IMPLEMENTED_SUMMARY_COLUMNS.operatingCost,
    benefit: IMPLEMENTED_SUMMARY_COLUMNS.benefit,
    electricity: l("节电", "Power saved"),
    water: l("节水", "Water saved"),
    tce: l("节能", "Energy saved"),
    cod: l("COD削减", "COD cut"),
    so2: l("SO2削减", "SO2 cut"),
    solidWaste: l("固废削减", "Solid waste cut"),
    co2: l("减碳", "CO2 avoided"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_IMPLEMENTED_SUMMARY.columns;

/** The two 方案类型 values (the combined cost classes' texts). */
export const CLASS_GROUPS = { low: COST_CLASSES[4]!, high: COST_CLASSES[5]! } as const;
type Group = keyof typeof CLASS_GROUPS;

export const SUMMARY_LABELS = {
  noClass: l("费用类别未定", "Cost class not set"),
  notIn63: l("表6-3中无此方案", "Not in WS6-3"),
  notIn65: l("表6-5中无此方案", "Not in WS6-5"),
  count: l("方案数", "Options"),
  lowTotal: l("无/低费小计", "No/low-cost"),
  highTotal: l("中/高费小计", "Mid/high-cost"),
  total: l("合计", "Total"),
  missing: l("表6-1已完成未列入本表", "Completed in WS6-1, not listed here"),
};

/** The environmental indicator columns: the effect item they sum (by 比较项目), or the effect tables' column they sum. */
const INDICATORS: readonly { key: K; band: L; item?: L; column?: "tce" | "co2" }[] = [
  { key: "electricity", band: l("kWh/a", "kWh/a"), item: EFFECT_ITEMS.electricity },
  { key: "water", band: l("t/a", "t/a"), item: EFFECT_ITEMS.freshWater },
  { key: "tce", band: l("tce/a", "tce/a"), column: "tce" },
  { key: "cod", band: l("t/a", "t/a"), item: EFFECT_ITEMS.cod },
  { key: "so2", band: l("t/a", "t/a"), item: EFFECT_ITEMS.so2 },
  { key: "solidWaste", band: l("t/a", "t/a"), item: EFFECT_ITEMS.solidWaste },
  { key: "co2", band: l("tCO2/a", "tCO2/a"), column: "co2" },
];

const rowsOf = (ctx: BuildContext): readonly { optionId: string }[] => ctx.auditCase?.implementedSummary ?? [];

function groupOf(ctx: BuildContext, id: string): Group | null {
  return costGroup(registerEntryOf(ctx, id)?.costClass);
}

/** 运行费 of a 中/高费 option: Σ 差值 of its 表6-5 cost items other than 税金 (null while its P is not a number). */
function highOperatingCost(ctx: BuildContext, id: string): number | null {
  const x = expostOf(ctx, { optionId: id });
  if (x.profit === null) return null;
  const items = ctx.auditCase?.highCostEconomics?.items ?? [];
  let s = 0;
  for (const r of items) {
    if (r.optionId.toUpperCase() !== id.toUpperCase() || r.item === HIGH_COST_ITEMS[0]!.zh || r.item === HIGH_COST_ITEMS[8]!.zh) continue;
    if (typeof r.before === "number" && typeof r.after === "number") s += r.after - r.before;
  }
  return s;
}

/** The money figures of an option as the sheet looks them up (null: "" on the sheet). */
export function summaryMoney(ctx: BuildContext, id: string): { investment: number | null; operatingCost: number | null; benefit: number | null } {
  const g = groupOf(ctx, id);
  if (g === "low") {
    const r = firstById(ctx.auditCase?.lowCostEconomics, id);
    if (!r) return { investment: null, operatingCost: null, benefit: null };
    const f = lowCostFigures(ctx, r);
    return { investment: f.investment, operatingCost: f.operatingCost, benefit: f.annualBenefit };
  }
  if (g === "high") {
    const r = firstById(ctx.auditCase?.highCostEconomics?.expost, id);
    if (!r) return { investment: null, operatingCost: null, benefit: null };
    return { investment: r.investment ?? null, operatingCost: highOperatingCost(ctx, id), benefit: expostOf(ctx, r).profit };
  }
  return { investment: null, operatingCost: null, benefit: null };
}

/** The counted effect rows of an option (both tables). */
function effectRowsOf(ctx: BuildContext, id: string): EffectRow[] {
  return [...countedRows(ctx, EFFECT_SHEETS.low), ...countedRows(ctx, EFFECT_SHEETS.high)].filter((r) => r.optionId.toUpperCase() === id.toUpperCase());
}

/** The cached value of an indicator column: Σ over the option's counted rows, null when none has a number. */
export function indicatorValue(ctx: BuildContext, id: string, ind: (typeof INDICATORS)[number]): number | null {
  const rows = effectRowsOf(ctx, id);
  const vals = ind.item ? rows.filter((r) => r.item === ind.item!.zh).map(reductionOf) : rows.map((r) => (ind.column === "tce" ? rowTce(ctx, r) : rowCo2(ctx, r)));
  const nums = vals.filter((v): v is number => typeof v === "number");
  return nums.length === 0 ? null : sumNumbers(nums);
}

/** Σ over both effect tables of `col` for this row's id and the rows `extra` selects, "" when no counted number. */
function effectSum(x: Refs<K>, col: keyof typeof EFFECT_COLUMNS, extra: (table: typeof TBL_LOW_EFFECTS | typeof TBL_HIGH_EFFECTS) => string): string {
  const part = (table: typeof TBL_LOW_EFFECTS | typeof TBL_HIGH_EFFECTS) => {
    const w = (k: keyof typeof EFFECT_COLUMNS) => whole(table, k, x.lang);
    const mine = `(${w("id")}=${x.r("id")})*(${w("check")}="")${extra(table)}`;
    return { sum: `SUMPRODUCT(${mine},${w(col)})`, count: `SUMPRODUCT(${mine}*ISNUMBER(${w(col)}))` };
  };
  const a = part(TBL_LOW_EFFECTS);
  const b = part(TBL_HIGH_EFFECTS);
  return `IF(${x.r("id")}="","",IF(${a.count}+${b.count}=0,"",${a.sum}+${b.sum}))`;
}

function indicatorColumn(ind: (typeof INDICATORS)[number]): Column<{ optionId: string }, K> {
  return {
    key: ind.key,
    role: "lookup",
    band: ind.band,
    format: FMT.money,
    // kWh/a and t/a of water run to seven digits (1250000.00)
    numberWidth: ind.key === "electricity" || ind.key === "water" ? 11 : 9,
    formula: (x) => {
      if (ind.item) return effectSum(x, "reduction", (table) => `*(${whole(table, "item", x.lang)}=${x.s(ind.item!)})`);
      return effectSum(x, ind.column!, () => "");
    },
    value: (r, _k, ctx) => (r ? (indicatorValue(ctx, r.optionId, ind) ?? "") : null),
  };
}

/** This row's 方案类型 is `g`. */
const isGroup = (x: Refs<K>, g: Group) => `${x.r("classGroup")}=${x.s(CLASS_GROUPS[g])}`;

/** A money column: 表6-3's `low` of the id for a 无/低费 option, `high` (a formula) for a 中/高费 one. */
function moneyColumn(key: "investment" | "operatingCost" | "benefit", low: keyof typeof TBL_LOW_COST_ECONOMICS.columns, high: (x: Refs<K>) => string, band: L): Column<{ optionId: string }, K> {
  return {
    key,
    role: "lookup",
    band,
    format: FMT.money,
    formula: (x) => {
      const fromLow = lookupOrBlank(lookupExact(whole(TBL_LOW_COST_ECONOMICS, low, x.lang), whole(TBL_LOW_COST_ECONOMICS, "id", x.lang), x.r("id")));
      return `IF(${x.r("id")}="","",IF(${isGroup(x, "low")},${fromLow},IF(${isGroup(x, "high")},${high(x)},"")))`;
    },
    value: (r, _k, ctx) => (r ? (summaryMoney(ctx, r.optionId)[key] ?? "") : null),
  };
}

/** 表6-5B's `k` of this row's id ("" when absent or blank). */
const expostLookup = (x: Refs<K>, k: keyof typeof TBL_EXPOST.columns) => lookupOrBlank(lookupExact(whole(TBL_EXPOST, k, x.lang), whole(TBL_EXPOST, "id", x.lang), x.r("id")));

/** Σ 差值 of this row's option's cost items other than 税金 in 表6-5 ("" while its P is not a number). */
function highOperatingFormula(x: Refs<K>): string {
  const w = (k: keyof typeof TBL_HIGH_COST_ITEMS.columns) => whole(TBL_HIGH_COST_ITEMS, k, x.lang);
  return `IF(ISNUMBER(${expostLookup(x, "profit")}),SUMPRODUCT((${w("id")}=${x.r("id")})*(${w("item")}<>${x.s(HIGH_COST_ITEMS[0]!)})*(${w("item")}<>${x.s(HIGH_COST_ITEMS[8]!)}),${w("diff")}),"")`;
}

const columns: Column<{ optionId: string }, K>[] = [
  optionIdColumn<{ optionId: string }>((r) => r?.optionId),
  { ...(registerTextColumn<{ optionId: string }>("name", (r) => r.optionId) as Column<{ optionId: string }, K>), width: 12 },
  {
    key: "classGroup",
    role: "lookup",
    width: 9,
    formula: (x) => {
      const cc = registerLookup(x, "costClass");
      return `IF(${x.r("id")}="","",IF(${inClassGroup(x, cc, LOW_COST_CLASSES)},${x.s(CLASS_GROUPS.low)},IF(${inClassGroup(x, cc, HIGH_COST_CLASSES)},${x.s(CLASS_GROUPS.high)},"")))`;
    },
    value: (r, _k, ctx) => {
      if (!r) return null;
      const g = groupOf(ctx, r.optionId);
      return g ? t(ctx, CLASS_GROUPS[g]) : "";
    },
  },
  {
    key: "date",
    role: "lookup",
    band: l("表6-1实际完成", "WS6-1 finish"),
    format: FMT.date,
    width: DATE_WIDTH,
    formula: (x) => `IF(${x.r("id")}="","",${lookupOrBlank(lookupExact(whole(TBL_IMPLEMENTATION, "actualFinish", x.lang), whole(TBL_IMPLEMENTATION, "id", x.lang), x.r("id")))})`,
    value: (r, _k, ctx) => (r ? (dateSerial(firstById(ctx.auditCase?.implementation, r.optionId)?.actualEnd) ?? "") : null),
  },
  moneyColumn("investment", "investment", (x) => expostLookup(x, "investment"), l("万元", "10⁴ CNY")),
  moneyColumn("operatingCost", "operatingCost", highOperatingFormula, l("万元/a", "10⁴ CNY/a")),
  moneyColumn("benefit", "benefit", (x) => expostLookup(x, "profit"), l("万元/a", "10⁴ CNY/a")),
  ...INDICATORS.map(indicatorColumn),
  {
    key: "check",
    role: "computed",
    width: 12,
    formula: (x) => {
      const in63 = `ISNUMBER(MATCH(${literalCriterion(x.r("id"))},${whole(TBL_LOW_COST_ECONOMICS, "id", x.lang)},0))`;
      const in65 = `ISNUMBER(MATCH(${literalCriterion(x.r("id"))},${whole(TBL_EXPOST, "id", x.lang)},0))`;
      return pickedCheckFormula(
        x,
        x.r("id"),
        `IF(${x.r("classGroup")}="",${x.s(SUMMARY_LABELS.noClass)},IF(AND(${isGroup(x, "low")},NOT(${in63})),${x.s(SUMMARY_LABELS.notIn63)},IF(AND(${isGroup(x, "high")},NOT(${in65})),${x.s(SUMMARY_LABELS.notIn65)},"")))`,
      );
    },
    value: (r, _k, ctx) => {
      if (!r) return null;
      const g = groupOf(ctx, r.optionId);
      return pickedCheckValue(
        ctx,
        r.optionId,
        rowsOf(ctx).map((x) => x.optionId),
        () =>
          g === null
            ? SUMMARY_LABELS.noClass
            : g === "low" && !firstById(ctx.auditCase?.lowCostEconomics, r.optionId)
              ? SUMMARY_LABELS.notIn63
              : g === "high" && !firstById(ctx.auditCase?.highCostEconomics?.expost, r.optionId)
                ? SUMMARY_LABELS.notIn65
                : null,
      );
    },
  },
];

/** The summed columns (money and indicators), in table order. */
const SUMMED: readonly K[] = ["investment", "operatingCost", "benefit", ...INDICATORS.map((i) => i.key)];

/** The cached value of a summed column for one row (as the table's cell holds it). */
function cellOf(ctx: BuildContext, id: string, k: K): number | null {
  if (k === "investment" || k === "operatingCost" || k === "benefit") return summaryMoney(ctx, id)[k];
  const ind = INDICATORS.find((i) => i.key === k)!;
  return indicatorValue(ctx, id, ind);
}

/** Options 已完成 in 表6-1 whose id is not listed in this table. */
function completedMissing(c: AuditCase | null): number {
  const listed = new Set((c?.implementedSummary ?? []).map((r) => r.optionId.toUpperCase()));
  return (c?.implementation ?? []).filter((r) => statusOf(r) === IMPLEMENTATION_STATUS.done && !listed.has(r.optionId.toUpperCase())).length;
}

/**
 * Above the table: count and Σ of every figure column per 方案类型 and in total (in the column of the
 * table they sum), then the options 已完成 in 表6-1 but not listed here.
 */
function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = rowsOf(ctx);
  const keys = Object.keys(TBL_IMPLEMENTED_SUMMARY.columns) as K[];
  const at = (k: K) => keys.indexOf(k);
  const w = (k: K) => whole(TBL_IMPLEMENTED_SUMMARY, k, ctx.lang);
  b.header(top, at("classGroup"), t(ctx, SUMMARY_LABELS.count));
  const lines: [L, Group | null][] = [
    [SUMMARY_LABELS.lowTotal, "low"],
    [SUMMARY_LABELS.highTotal, "high"],
    [SUMMARY_LABELS.total, null],
  ];
  lines.forEach(([label, g], i) => {
    const r = top + 1 + i;
    b.label(r, 0, t(ctx, label), "total", false);
    b.merge(r, 0, r, 1);
    const mine = rows.filter((x) => g === null || groupOf(ctx, x.optionId) === g);
    const crit = g === null ? "" : `,${w("classGroup")},${str(t(ctx, CLASS_GROUPS[g]))}`;
    b.formula(r, at("classGroup"), g === null ? `SUMPRODUCT(--(${w("id")}<>""))` : `COUNTIFS(${w("id")},"<>"${crit})`, mine.length, "total", FMT.integer);
    for (const k of SUMMED) {
      const v: CellValue = sumNumbers(mine.map((x) => cellOf(ctx, x.optionId, k)));
      b.formula(r, at(k), g === null ? `SUM(${w(k)})` : `SUMIFS(${w(k)}${crit})`, v, "total", FMT.money);
    }
  });
  const r = top + 4;
  const impl = (k: keyof typeof TBL_IMPLEMENTATION.columns) => whole(TBL_IMPLEMENTATION, k, ctx.lang);
  b.label(r, 0, t(ctx, SUMMARY_LABELS.missing), "label", false);
  b.merge(r, 0, r, 1);
  b.formula(
    r,
    at("classGroup"),
    `SUMPRODUCT((${impl("status")}=${str(t(ctx, IMPLEMENTATION_STATUS.done))})*(${impl("id")}<>"")*ISNA(MATCH(${literalCriterion(impl("id"))},${w("id")},0)))`,
    completedMissing(ctx.auditCase),
    "total",
    FMT.integer,
  );
  b.conditional(rect(r, at("classGroup"), r, at("classGroup")), `${colLetter(at("classGroup"))}${r + 1}>0`, "warn");
  return r + 1;
}

export const implementedSummaryWorksheet = tableWorksheet({
  key: "WS6-6",
  number: "6-6",
  sheetName: l("已实施方案效果汇总", "Implemented summary"),
  title: l("已实施清洁生产方案实施效果的核定与汇总", "Summary of the implemented cleaner-production options"),
  dependsOn: ["PARAMS", "WS4-1", "WS6-1", "WS6-2", "WS6-3", "WS6-4", "WS6-5"],
  note: l(
    "每行一个已实施的方案，只选方案编号：方案类型由方案汇总表的费用类别得出；实施时间取自表6-1；无/低费方案的投资、运行费、经济效益取自表6-3，中/高费方案的取自表6-5（实际投资、除税金外各项费用差值之和、净利润增加）；环境效果为表6-2、表6-4中该方案各比较项目削减量之和（检查有误的行不计）。小计和合计在表格上方。",
    "One implemented option per row; pick its ID only: the class group follows from the register's cost class; the date comes from WS6-1; investment, operating cost and benefit of a no/low-cost option from WS6-3, of a medium/high-cost option from WS6-5 (actual investment, Σ differences of the cost items except taxes, net profit increase); the effects are the option's reductions per item in WS6-2 and WS6-4 (flagged rows not counted). Subtotals and totals above the table.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  summary,
  tables: [
    defineTable({
      schema: TBL_IMPLEMENTED_SUMMARY,
      columns,
      rows: rowsOf,
      decorate: (b, _ctx, g) => markChecks(b, g),
      readBack: {
        row: (c) => readRow(c, "id", {}),
        store: storeSection("implementedSummary"),
      },
    }),
  ],
});
