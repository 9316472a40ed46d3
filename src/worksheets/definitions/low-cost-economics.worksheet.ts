/**
 * 表6-3 已实施的无/低费方案经济效益一览表 Economic results of the implemented no/low-cost options
 * (spec WS6-3, §7; issue 12).
 *
 * Each fact is entered once: 表4-6 (tblLowCostResults) already holds the verified investment,
 * operating cost and benefit of the implemented no/low-cost options, so an option listed there
 * takes its figures from there (looked up by id; 来源 = 表4-6) and only an option not there is typed
 * here (the 录入 columns at the right; 来源 = 本表). A figure typed for an option that is in 表4-6 is
 * not used and 检查 says so.
 *
 * Table `tblLowCostEconomics`: 方案编号 (dropdown CP_OptionIds) | 方案名称 (looked up) | 投资 (万元) |
 * 运行费变化 (万元/a, an increase positive) | 年经济效益 (万元/a) — the figures used (lookups) |
 * 回收期 = 投资/年经济效益 (years; "" unless both are numbers and the benefit > 0) | 来源 (表4-6 / 本表 /
 * 无) | 检查 (id missing / not in the register / twice; 不是无/低费方案; 录入列含文字; 已在表4-6，录入值未用;
 * 缺少投资或效益) | 录入投资, 录入运行费, 录入效益 (inputs, only for options not in 表4-6).
 *
 * Above the table: the number of options, Σ 投资, Σ 运行费变化, Σ 年经济效益 (SUM over the whole
 * columns) and the overall payback Σ投资/Σ年经济效益 ("" unless Σ年经济效益 > 0).
 */
import type { LowCostEconomicsEntry, LowCostResult } from "../case";
import { l, LOW_COST_CLASSES, type L } from "../i18n";
import { FMT, t, type BuildContext, type SheetBuilder } from "../layout";
import type { CellValue } from "../model";
import { defineTable, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { literalCriterion, lookupExact, lookupOrBlank } from "./exact-match";
import { TBL_LOW_COST_RESULTS } from "./low-cost-results.worksheet";
import { optionIdColumn, registerEntryOf, registerLookup, registerTextColumn } from "./option-pick";
import { inClassGroup } from "./option-register.worksheet";
import { markChecks, pickedCheckFormula, pickedCheckValue, readRow, sumNumbers } from "./phase6-kit";
import { storeSection } from "./read-kit";
import { summaryLine } from "./phase13-common";
import { costGroup } from "./screening-rules";
import { firstById } from "./statement-kit";

export const TBL_LOW_COST_ECONOMICS = {
  name: "tblLowCostEconomics",
  columns: {
    id: l("方案编号", "Option ID"),
    name: l("方案名称", "Option name"),
    investment: l("投资", "Investment"),
    operatingCost: l("运行费变化", "Operating cost change"),
    benefit: l("年经济效益", "Annual benefit"),
    payback: l("回收期", "Payback"),
    source: l("来源", "Source"),
    check: l("检查", "Check"),
    typedInvestment: l("录入投资", "Typed investment"),
    typedOperatingCost: l("录入运行费", "Typed operating cost"),
    typedBenefit: l("录入效益", "Typed benefit"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_LOW_COST_ECONOMICS.columns;

export const LOW_COST_ECONOMICS_LABELS = {
  from46: l("表4-6", "WS4-6"),
  typed: l("本表", "typed"),
  none: l("无", "none"),
  notLow: l("不是无/低费方案", "Not a no/low-cost option"),
  textInTyped: l("录入列含文字", "Text in a typed column"),
  typedIgnored: l("已在表4-6，录入值未用", "In WS4-6: typed figures not used"),
  missing: l("缺少投资或效益", "Investment or benefit missing"),
  count: l("方案数", "Options"),
  investment: l("投资合计", "Investment"),
  operatingCost: l("运行费变化合计", "Operating cost change"),
  benefit: l("年经济效益合计", "Annual benefit"),
  payback: l("总回收期（年）", "Overall payback (a)"),
};

/** The used figure ↔ its typed input ↔ the 表4-6 column and case fields. */
const FIGURES = [
  { key: "investment", typed: "typedInvestment", from: "investment", field: "investment", band: l("万元", "10⁴ CNY") },
  { key: "operatingCost", typed: "typedOperatingCost", from: "operatingCost", field: "operatingCost", band: l("万元/a", "10⁴ CNY/a") },
  { key: "benefit", typed: "typedBenefit", from: "benefit", field: "annualBenefit", band: l("万元/a", "10⁴ CNY/a") },
] as const satisfies readonly { key: K; typed: K; from: keyof typeof TBL_LOW_COST_RESULTS.columns; field: keyof LowCostResult & keyof LowCostEconomicsEntry; band: L }[];
type Figure = (typeof FIGURES)[number];

const rowsOf = (ctx: BuildContext): readonly LowCostEconomicsEntry[] => ctx.auditCase?.lowCostEconomics ?? [];

/** The figures of a row as the sheet finds them: 表4-6's entry of the id when there, else the typed ones. */
export function lowCostFigures(ctx: BuildContext, r: LowCostEconomicsEntry): { from: L; investment: number | null; operatingCost: number | null; annualBenefit: number | null } {
  const v = firstById(ctx.auditCase?.lowCostResults, r.optionId);
  const src = v ?? r;
  const n = (x: number | undefined) => (typeof x === "number" ? x : null);
  const from = v ? LOW_COST_ECONOMICS_LABELS.from46 : [r.investment, r.operatingCost, r.annualBenefit].some((x) => x !== undefined) ? LOW_COST_ECONOMICS_LABELS.typed : LOW_COST_ECONOMICS_LABELS.none;
  return { from, investment: n(src.investment), operatingCost: n(src.operatingCost), annualBenefit: n(src.annualBenefit) };
}

/** Payback 投资/年经济效益 in years, null unless both are numbers and the benefit > 0. */
export function lowCostPayback(investment: number | null, benefit: number | null): number | null {
  return investment !== null && benefit !== null && benefit > 0 ? investment / benefit : null;
}

/** Whether this row's id is in 表4-6 (exact match, ignoring case). */
const in46 = (x: Refs<K>) => `ISNUMBER(MATCH(${literalCriterion(x.r("id"))},${whole(TBL_LOW_COST_RESULTS, "id", x.lang)},0))`;

function figureColumn(f: Figure): Column<LowCostEconomicsEntry, K> {
  return {
    key: f.key,
    role: "lookup",
    band: f.band,
    format: FMT.money,
    formula: (x) => {
      const from = lookupOrBlank(lookupExact(whole(TBL_LOW_COST_RESULTS, f.from, x.lang), whole(TBL_LOW_COST_RESULTS, "id", x.lang), x.r("id")));
      const typed = x.r(f.typed);
      return `IF(${x.r("id")}="","",IF(${in46(x)},${from},IF(ISNUMBER(${typed}),${typed},"")))`;
    },
    value: (r, _k, ctx) => (r ? (lowCostFigures(ctx, r)[f.field] ?? "") : null),
  };
}

function typedColumn(f: Figure): Column<LowCostEconomicsEntry, K> {
  const money = f.key === "investment" ? { min: 0, error: l("投资须为 ≥ 0 的数（万元）", "An investment is a number ≥ 0 (10⁴ CNY)") } : { error: l("须为数值（万元/a）", "A number (10⁴ CNY/a)") };
  return {
    key: f.typed,
    role: "input",
    band: l("不在表4-6时填", "if not in WS4-6"),
    format: FMT.money,
    validation: { number: money },
    value: (r) => r?.[f.field],
  };
}

const columns: Column<LowCostEconomicsEntry, K>[] = [
  optionIdColumn<LowCostEconomicsEntry>((r) => r?.optionId),
  { ...(registerTextColumn<LowCostEconomicsEntry>("name", (r) => r.optionId) as Column<LowCostEconomicsEntry, K>), width: 14 },
  ...FIGURES.map(figureColumn),
  {
    key: "payback",
    role: "computed",
    band: l("年，投资/效益", "years, I/benefit"),
    format: FMT.years,
    formula: (x) => `IF(AND(ISNUMBER(${x.r("investment")}),ISNUMBER(${x.r("benefit")})),IF(${x.r("benefit")}>0,${x.r("investment")}/${x.r("benefit")},""),"")`,
    value: (r, _k, ctx) => {
      if (!r) return null;
      const f = lowCostFigures(ctx, r);
      return lowCostPayback(f.investment, f.annualBenefit);
    },
  },
  {
    key: "source",
    role: "computed",
    width: 6,
    formula: (x) =>
      `IF(${x.r("id")}="","",IF(${in46(x)},${x.s(LOW_COST_ECONOMICS_LABELS.from46)},IF(COUNTA(${x.span("typedInvestment", "typedBenefit")})>0,${x.s(LOW_COST_ECONOMICS_LABELS.typed)},${x.s(LOW_COST_ECONOMICS_LABELS.none)})))`,
    value: (r, _k, ctx) => (r ? t(ctx, lowCostFigures(ctx, r).from) : null),
  },
  {
    key: "check",
    role: "computed",
    width: 12,
    formula: (x) =>
      pickedCheckFormula(
        x,
        x.span("typedInvestment", "typedBenefit"),
        `IF(NOT(${inClassGroup(x, registerLookup(x, "costClass"), LOW_COST_CLASSES)}),${x.s(LOW_COST_ECONOMICS_LABELS.notLow)},` +
          `IF(SUMPRODUCT(--ISTEXT(${x.span("typedInvestment", "typedBenefit")}))>0,${x.s(LOW_COST_ECONOMICS_LABELS.textInTyped)},` +
          `IF(AND(${in46(x)},COUNTA(${x.span("typedInvestment", "typedBenefit")})>0),${x.s(LOW_COST_ECONOMICS_LABELS.typedIgnored)},` +
          `IF(OR(NOT(ISNUMBER(${x.r("investment")})),NOT(ISNUMBER(${x.r("benefit")}))),${x.s(LOW_COST_ECONOMICS_LABELS.missing)},""))))`,
      ),
    value: (r, _k, ctx) => {
      if (!r) return null;
      return pickedCheckValue(
        ctx,
        r.optionId,
        rowsOf(ctx).map((x) => x.optionId),
        () => {
          if (costGroup(registerEntryOf(ctx, r.optionId)?.costClass) !== "low") return LOW_COST_ECONOMICS_LABELS.notLow;
          const f = lowCostFigures(ctx, r);
          const typed = [r.investment, r.operatingCost, r.annualBenefit].some((v) => v !== undefined);
          if (f.from === LOW_COST_ECONOMICS_LABELS.from46 && typed) return LOW_COST_ECONOMICS_LABELS.typedIgnored;
          return f.investment === null || f.annualBenefit === null ? LOW_COST_ECONOMICS_LABELS.missing : null;
        },
      );
    },
  },
  ...FIGURES.map(typedColumn),
];

/** Above the table: count, the three totals and the overall payback. */
function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = rowsOf(ctx);
  const w = (k: K) => whole(TBL_LOW_COST_ECONOMICS, k, ctx.lang);
  const figs = rows.map((r) => lowCostFigures(ctx, r));
  const inv = sumNumbers(figs.map((f) => f.investment));
  const ben = sumNumbers(figs.map((f) => f.annualBenefit));
  const line: [L, string, CellValue, string][] = [
    [LOW_COST_ECONOMICS_LABELS.count, `SUMPRODUCT(--(${w("id")}<>""))`, rows.length, FMT.integer],
    [LOW_COST_ECONOMICS_LABELS.investment, `SUM(${w("investment")})`, inv, FMT.money],
    [LOW_COST_ECONOMICS_LABELS.operatingCost, `SUM(${w("operatingCost")})`, sumNumbers(figs.map((f) => f.operatingCost)), FMT.money],
    [LOW_COST_ECONOMICS_LABELS.benefit, `SUM(${w("benefit")})`, ben, FMT.money],
    [LOW_COST_ECONOMICS_LABELS.payback, `IF(SUM(${w("benefit")})>0,SUM(${w("investment")})/SUM(${w("benefit")}),"")`, ben > 0 ? inv / ben : null, FMT.years],
  ];
  summaryLine(b, ctx, top, line);
  return top + 1;
}

export const lowCostEconomicsWorksheet = tableWorksheet({
  key: "WS6-3",
  number: "6-3",
  sheetName: l("无低费方案经济效益", "No-low-cost economics"),
  title: l("已实施的无/低费方案经济效益一览表", "Economic results of the implemented no/low-cost options"),
  dependsOn: ["PARAMS", "WS4-1", "WS4-6"],
  note: l(
    "每行一个已实施的无/低费方案（选方案编号，名称自动引用）。已在表4-6核定的方案，投资、运行费和效益自动取自表4-6（来源 = 表4-6）；不在表4-6的方案在右侧“录入”列填写（来源 = 本表）。回收期 = 投资/年经济效益（效益 > 0 时）。合计在表格上方；在表格下方输入即可添加方案。",
    "One implemented no/low-cost option per row (pick its ID; the name is looked up). An option verified in WS4-6 takes investment, operating cost and benefit from there (source WS4-6); for an option not there, type them in the typed columns at the right (source typed). Payback = investment / annual benefit (when the benefit > 0). Totals above the table; type below it to add an option.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  summary,
  tables: [
    defineTable({
      schema: TBL_LOW_COST_ECONOMICS,
      columns,
      rows: rowsOf,
      decorate: (b, _ctx, g) => markChecks(b, g),
      readBack: {
        row: (c) => readRow(c, "id", { investment: ["num", "typedInvestment"], operatingCost: ["num", "typedOperatingCost"], annualBenefit: ["num", "typedBenefit"] }),
        store: storeSection("lowCostEconomics"),
      },
    }),
  ],
});
