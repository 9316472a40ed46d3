/**
 * 表6-5 已实施的中/高费方案经济效益对比一览表 Economic results of the implemented medium/high-cost
 * options (spec WS6-5, §7; issue 12), on two sheets (the two tables side by side would not print on
 * one A4 landscape page):
 *
 * WS6-5, table `tblHighCostItems` (long form, one row per option × item, grows): 方案编号 (dropdown
 * CP_OptionIds) | 方案名称 (looked up) | 项目 (list: 产值, 原材料费用, 能源费用, 公共设施费用, 水费, 污染控制费用,
 * 污染排放费用, 维修费, 税金, 其他支出) | 实施前 (or the feasibility study's design value) | 实施后 (actual
 * operation) | 差值 = 实施后 − 实施前 ("" unless both are numbers) | 检查 (id missing / not in the
 * register; item missing / not in the list / twice for the option; not a 中/高费 option; a text in a
 * number column; 实施前 or 实施后 missing). Above it: rows, options, rows to check.
 *
 * WS6-5B, table `tblExpost` (one row per option): 方案编号 | 方案名称 | 净利润 实施前 / 实施后 (= 产值 −
 * Σ cost items of the option's rows, by SUMPRODUCT over the whole columns; "" while the option has no
 * row or a row lacks its figure) | P = 实施后 − 实施前 净利润 (the actual annual net profit change) |
 * 实际投资 I (input) | D = I/Y | E = (P − D) − (P − D)·t | F = E + D | N = I/F | NPV = PV(i, n, −F) − I |
 * NPVR | IRR = RATE(n, F, −I) — the conventions of 表5-3 (economics.worksheet.ts; a negative T gives a
 * negative tax; a missing parameter is named, 不可回收 / 无内部收益率 never an error) | 可研NPV, 可研IRR
 * (表5-3's values of the id, for comparison) | 检查 ‖ hidden: IRR初值 (F/I, RATE's second start value).
 * Cached values: core's evaluateEconomics of (I, P) and the IRR the sheet's RATE finds (sheetIrrOf).
 */
import { evaluateEconomics, type EconomicsResult } from "../../core";
import type { ExpostEntry, HighCostItem } from "../case";
import { canonicalItem, HIGH_COST_CLASSES, HIGH_COST_ITEMS, itemText, l, type L } from "../i18n";
import { FMT, t, type BuildContext, type SheetBuilder } from "../layout";
import type { CellValue } from "../model";
import { defineTable, listName, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { ECON_LABELS, economicsRows, TBL_ECONOMICS } from "./economics.worksheet";
import { sheetIrrOf } from "./economics-eval";
import { countEqual, literalCriterion, lookupExact, lookupOrBlank } from "./exact-match";
import { optionIdColumn, PICK_LABELS, registerEntryOf, registerLookup, registerTextColumn } from "./option-pick";
import { inClassGroup, TBL_OPTIONS } from "./option-register.worksheet";
import { markChecks, pickedCheckFormula, pickedCheckValue, readRow, storeSubsection, sumNumbers } from "./phase6-kit";
import { summaryLine } from "./phase13-common";
import { costGroup } from "./screening-rules";

// ---------------------------------------------------------------------------------------------
// WS6-5: the items, long form

export const TBL_HIGH_COST_ITEMS = {
  name: "tblHighCostItems",
  columns: {
    id: l("方案编号", "Option ID"),
    name: l("方案名称", "Option name"),
    item: l("项目", "Item"),
    before: l("实施前", "Before"),
    after: l("实施后", "After"),
    diff: l("差值", "Difference"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type IK = keyof typeof TBL_HIGH_COST_ITEMS.columns;

export const HIGH_COST_LABELS = {
  noItem: l("缺少项目", "Item missing"),
  unknownItem: l("项目不在列表中", "Item not in the list"),
  itemTwice: l("项目重复", "Item listed twice"),
  notHigh: l("不是中/高费方案", "Not a medium/high-cost option"),
  textInNumbers: l("数值列含文字", "Text in a number column"),
  missingFigure: l("缺少实施前或实施后", "Before or after missing"),
  rows: l("行数", "Rows"),
  toCheck: l("待检查", "To check"),
  noRows: l("表6-5无此方案项目", "No WS6-5 items"),
  incomplete: l("项目数值不全", "Item figures incomplete"),
  itemsFlagged: l("项目表有误", "WS6-5 items flagged"),
  options: l("方案数", "Options"),
  investment: l("实际投资合计", "Actual investment"),
  profit: l("年净利润增加合计", "Net profit increase"),
};

/** 产值 (the one item added; every other item is a cost subtracted). */
const OUTPUT_ITEM = HIGH_COST_ITEMS[0]!;

const itemRows = (ctx: BuildContext): readonly HighCostItem[] => ctx.auditCase?.highCostEconomics?.items ?? [];

const isNum = (v: unknown): v is number => typeof v === "number";

/** The cached 检查 of an item row. */
function itemCheck(ctx: BuildContext, r: HighCostItem): L | null {
  if (!registerEntryOf(ctx, r.optionId)) return PICK_LABELS.unknownId;
  const zh = canonicalItem(HIGH_COST_ITEMS, r.item);
  if (zh === undefined) return HIGH_COST_LABELS.unknownItem;
  const same = itemRows(ctx).filter((x) => x.optionId.toUpperCase() === r.optionId.toUpperCase() && canonicalItem(HIGH_COST_ITEMS, x.item) === zh);
  if (same.length > 1) return HIGH_COST_LABELS.itemTwice;
  if (costGroup(registerEntryOf(ctx, r.optionId)?.costClass) !== "high") return HIGH_COST_LABELS.notHigh;
  if (!isNum(r.before) || !isNum(r.after)) return HIGH_COST_LABELS.missingFigure;
  return null;
}

const itemNumber = (key: "before" | "after", band: L): Column<HighCostItem, IK> => ({
  key,
  role: "input",
  band,
  format: FMT.money,
  validation: { number: { error: l("须为数值（万元/a）", "A number (10⁴ CNY/a)") } },
  value: (r) => r?.[key],
});

const itemColumns: Column<HighCostItem, IK>[] = [
  optionIdColumn<HighCostItem>((r) => r?.optionId),
  registerTextColumn<HighCostItem>("name", (r) => r.optionId) as Column<HighCostItem, IK>,
  { key: "item", role: "input", width: 12, validation: { list: "econItem" }, value: (r, _k, ctx) => (r ? itemText(ctx.lang, HIGH_COST_ITEMS, r.item) : undefined) },
  itemNumber("before", l("万元/a\n或可研设计值", "10⁴ CNY/a\nor design value")),
  itemNumber("after", l("万元/a\n实际运行", "10⁴ CNY/a\nactual")),
  {
    key: "diff",
    role: "computed",
    band: l("实施后 − 实施前", "after − before"),
    format: FMT.money,
    formula: (x) => `IF(AND(ISNUMBER(${x.r("before")}),ISNUMBER(${x.r("after")})),${x.r("after")}-${x.r("before")},"")`,
    value: (r) => (r && isNum(r.before) && isNum(r.after) ? r.after - r.before : null),
  },
  {
    key: "check",
    role: "computed",
    width: 12,
    formula: (x) => {
      const steps: [string, L][] = [
        [`${x.r("id")}=""`, PICK_LABELS.noId],
        [`ISNA(MATCH(${literalCriterion(x.r("id"))},${whole(TBL_OPTIONS, "id", x.lang)},0))`, PICK_LABELS.unknownId],
        [`${x.r("item")}=""`, HIGH_COST_LABELS.noItem],
        [`${countEqual(listName("econItem"), x.r("item"))}=0`, HIGH_COST_LABELS.unknownItem],
        [`SUMPRODUCT((${x.all("id")}=${x.r("id")})*(${x.all("item")}=${x.r("item")}))>1`, HIGH_COST_LABELS.itemTwice],
        [`NOT(${inClassGroup(x, registerLookup(x, "costClass"), HIGH_COST_CLASSES)})`, HIGH_COST_LABELS.notHigh],
        [`OR(ISTEXT(${x.r("before")}),ISTEXT(${x.r("after")}))`, HIGH_COST_LABELS.textInNumbers],
        [`OR(${x.r("before")}="",${x.r("after")}="")`, HIGH_COST_LABELS.missingFigure],
      ];
      let f = `""`;
      for (let i = steps.length - 1; i >= 0; i--) f = `IF(${steps[i]![0]},${x.s(steps[i]![1])},${f})`;
      return `IF(COUNTA(${x.r("id")},${x.span("item", "after")})=0,"",${f})`;
    },
    value: (r, _k, ctx) => {
      if (!r) return null;
      const c = itemCheck(ctx, r);
      return c ? t(ctx, c) : null;
    },
  },
];

function itemsSummary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = itemRows(ctx);
  const w = (k: IK) => whole(TBL_HIGH_COST_ITEMS, k, ctx.lang);
  summaryLine(b, ctx, top, [
    [HIGH_COST_LABELS.rows, `SUMPRODUCT(--(${w("id")}<>""))`, rows.length, FMT.integer],
    [HIGH_COST_LABELS.toCheck, `SUMPRODUCT(--(${w("check")}<>""))`, rows.filter((r) => itemCheck(ctx, r) !== null).length, FMT.integer],
  ]);
  return top + 1;
}

export const highCostItemsWorksheet = tableWorksheet({
  key: "WS6-5",
  number: "6-5",
  sheetName: l("中高费方案经济效益", "High-cost economics"),
  title: l("已实施的中/高费方案经济效益对比一览表", "Economic results of the implemented medium/high-cost options"),
  dependsOn: ["PARAMS", "LISTS", "WS4-1"],
  note: l(
    "每行一个方案的一个项目（选方案编号和项目）：产值及各项费用的实施前（或可研设计值）和实施后（实际运行）数值，万元/a；差值 = 实施后 − 实施前。净利润 = 产值 − 各项费用，在下一表（事后经济评估）中按方案计算，并据此重算 N、NPV、IRR。在表格下方输入即可添加项目。",
    "One item of one option per row (pick the ID and the item): output value and each cost before (or the design value of the feasibility study) and after implementation (actual), 10⁴ CNY/a; difference = after − before. Net profit = output value − the costs, per option on the next sheet (ex-post evaluation), which recomputes N, NPV and IRR from it. Type below the table to add an item.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  summary: itemsSummary,
  tables: [
    defineTable({
      schema: TBL_HIGH_COST_ITEMS,
      columns: itemColumns,
      rows: itemRows,
      decorate: (b, _ctx, g) => markChecks(b, g),
      readBack: {
        row: (c) => readRow(c, "id", { item: ["text", "item"], before: ["num", "before"], after: ["num", "after"] }),
        store: (draft, rows) => storeSubsection(draft, "highCostEconomics", "items", rows),
      },
    }),
  ],
});

// ---------------------------------------------------------------------------------------------
// WS6-5B: ex-post evaluation per option

export const TBL_EXPOST = {
  name: "tblExpost",
  columns: {
    id: l("方案编号", "Option ID"),
    name: l("方案名称", "Option name"),
    netBefore: l("净利润实施前", "Net profit before"),
    netAfter: l("净利润实施后", "Net profit after"),
    profit: l("年净利润增加P", "Net profit increase P"),
    investment: l("实际投资I", "Actual investment I"),
    depreciation: l("年折旧费D", "Depreciation D"),
    net: l("净利润E", "Net profit E"),
    cashFlow: l("年增现金流量F", "Cash flow F"),
    payback: l("投资偿还期N", "Payback N"),
    npv: l("净现值NPV", "NPV"),
    npvr: l("净现值率NPVR", "NPVR"),
    irr: l("内部收益率IRR", "IRR"),
    feasNpv: l("可研NPV", "Feasibility NPV"),
    feasIrr: l("可研IRR", "Feasibility IRR"),
    check: l("检查", "Check"),
    irrGuess: l("IRR初值", "IRR start value"),
  },
} as const satisfies TableSchema;
type EK = keyof typeof TBL_EXPOST.columns;

const expostRows = (ctx: BuildContext): readonly ExpostEntry[] => ctx.auditCase?.highCostEconomics?.expost ?? [];

/** Net profit before / after of an option from the items (产值 − Σ costs); null while it has no row or a row lacks the figure. */
export function netProfitOf(ctx: BuildContext, id: string, key: "before" | "after"): number | null {
  const mine = itemRows(ctx).filter((r) => r.optionId.toUpperCase() === id.toUpperCase());
  if (mine.length === 0 || mine.some((r) => !isNum(r[key]))) return null;
  let s = 0;
  for (const r of mine) s += (canonicalItem(HIGH_COST_ITEMS, r.item) === OUTPUT_ITEM.zh ? 1 : -1) * (r[key] as number);
  return s;
}

/**
 * What the ex-post row shows: the net profits, P, and core's evaluation of (I, P) (D, E, F, N; NPV,
 * NPVR and the IRR the sheet's RATE finds where the discount rate and the horizon are given). `res`
 * is null while I or P is missing or Y or t is (the sheet's D or E names the missing one).
 */
export interface Expost {
  netBefore: number | null;
  netAfter: number | null;
  profit: number | null;
  res: EconomicsResult | null;
  irr: number | null;
  /** the label NPV shows instead of a number (缺少贴现率 / 缺少计算期), null when it is a number */
  npvText: L | null;
}

export function expostOf(ctx: BuildContext, e: ExpostEntry): Expost {
  const netBefore = netProfitOf(ctx, e.optionId, "before");
  const netAfter = netProfitOf(ctx, e.optionId, "after");
  const profit = netBefore !== null && netAfter !== null ? netAfter - netBefore : null;
  const p = ctx.params;
  const npvText = p?.discountRate === undefined ? ECON_LABELS.missingRate : p.evaluationYears === undefined ? ECON_LABELS.missingN : null;
  if (profit === null || e.investment === undefined || !p || p.depreciationYears === undefined || p.taxRate === undefined) return { netBefore, netAfter, profit, res: null, irr: null, npvText };
  // a missing rate or horizon only hides NPV, NPVR and IRR (the sheet names it there): D, E, F, N do not depend on them
  const res = evaluateEconomics(
    { investment: e.investment, annualSavings: profit },
    { discountRate: p.discountRate ?? 0, taxRate: p.taxRate, depreciationYears: p.depreciationYears, evaluationYears: p.evaluationYears ?? 1, benchmarkRate: p.benchmarkRate },
  );
  return { netBefore, netAfter, profit, res, irr: p.evaluationYears === undefined ? null : sheetIrrOf(res, false), npvText };
}

/** The net profit of this row's option from the items: Σ (2·[产值] − 1)·figure, "" while incomplete. */
function netFormula(x: Refs<EK>, key: "before" | "after"): string {
  const ids = whole(TBL_HIGH_COST_ITEMS, "id", x.lang);
  const items = whole(TBL_HIGH_COST_ITEMS, "item", x.lang);
  const vals = whole(TBL_HIGH_COST_ITEMS, key, x.lang);
  const mine = `(${ids}=${x.r("id")})`;
  return (
    `IF(${x.r("id")}="","",IF(AND(SUMPRODUCT(--${mine})>0,SUMPRODUCT(${mine}*ISNUMBER(${vals}))=SUMPRODUCT(--${mine})),` +
    `SUMPRODUCT(${mine}*(2*(${items}=${x.s(OUTPUT_ITEM)})-1),${vals}),""))`
  );
}

const num = (ref: string) => `ISNUMBER(${ref})`;

/** 表5-3's value of this row's id ("" when the option is not evaluated there). */
const feasLookup = (x: Refs<EK>, key: "npv" | "irr") => lookupOrBlank(lookupExact(whole(TBL_ECONOMICS, key, x.lang), whole(TBL_ECONOMICS, "id", x.lang), x.r("id")));

/** 表5-3's cached value of an option (its first row), null when not there. */
function feasValue(ctx: BuildContext, id: string, key: "npv" | "irr"): CellValue {
  const r = economicsRows(ctx).find((x) => x.e.optionId.toUpperCase() === id.toUpperCase());
  if (!r) return null;
  if (key === "npv") return r.res.npv;
  return r.res.irr ?? t(ctx, ECON_LABELS.noIrr);
}

/** A chain column: "" for an empty row, the missing parameter's text where the chain stops, else the result. */
const chained = (pick: (x: Expost, ctx: BuildContext) => CellValue) => (r: ExpostEntry | undefined, _k: number, ctx: BuildContext) => (r ? pick(expostOf(ctx, r), ctx) : null);

const expostColumns: Column<ExpostEntry, EK>[] = [
  optionIdColumn<ExpostEntry>((r) => r?.optionId),
  { ...(registerTextColumn<ExpostEntry>("name", (r) => r.optionId) as Column<ExpostEntry, EK>), width: 12 },
  { key: "netBefore", role: "lookup", band: l("万元/a", "10⁴ CNY/a"), format: FMT.money, formula: (x) => netFormula(x, "before"), value: chained((x) => x.netBefore ?? "") },
  { key: "netAfter", role: "lookup", band: l("万元/a", "10⁴ CNY/a"), format: FMT.money, formula: (x) => netFormula(x, "after"), value: chained((x) => x.netAfter ?? "") },
  {
    key: "profit",
    role: "computed",
    band: l("实施后 − 实施前", "after − before"),
    format: FMT.money,
    formula: (x) => `IF(AND(${num(x.r("netBefore"))},${num(x.r("netAfter"))}),${x.r("netAfter")}-${x.r("netBefore")},"")`,
    value: chained((x) => x.profit),
  },
  {
    key: "investment",
    role: "input",
    band: l("万元", "10⁴ CNY"),
    format: FMT.money,
    validation: { number: { min: 0.000001, error: l("投资须大于 0 万元", "An investment must be greater than 0") } },
    value: (r) => r?.investment,
  },
  {
    key: "depreciation",
    role: "computed",
    band: l("D = I/Y", "D = I/Y"),
    format: FMT.money,
    formula: (x) => `IF(NOT(${num(x.r("investment"))}),"",IF(AND(ISNUMBER(CP_DepreciationYears),CP_DepreciationYears>0),${x.r("investment")}/CP_DepreciationYears,${x.s(ECON_LABELS.missingY)}))`,
    value: (r, _k, ctx) => {
      if (!r || r.investment === undefined) return null;
      const y = ctx.params?.depreciationYears;
      return y !== undefined && y > 0 ? r.investment / y : t(ctx, ECON_LABELS.missingY);
    },
  },
  {
    key: "net",
    role: "computed",
    band: l("E = (P − D)(1 − t)", "E = (P − D)(1 − t)"),
    format: FMT.money,
    formula: (x) => {
      const T = `(${x.r("profit")}-${x.r("depreciation")})`;
      return `IF(AND(${num(x.r("profit"))},${num(x.r("depreciation"))}),IF(ISNUMBER(CP_TaxRate),${T}-${T}*CP_TaxRate,${x.s(ECON_LABELS.missingTax)}),"")`;
    },
    value: (r, _k, ctx) => {
      if (!r) return null;
      const x = expostOf(ctx, r);
      if (x.res) return x.res.netProfit;
      const y = ctx.params?.depreciationYears;
      return x.profit !== null && r.investment !== undefined && y !== undefined && y > 0 && ctx.params?.taxRate === undefined ? t(ctx, ECON_LABELS.missingTax) : null;
    },
  },
  {
    key: "cashFlow",
    role: "computed",
    band: l("F = E + D", "F = E + D"),
    format: FMT.money,
    formula: (x) => `IF(AND(${num(x.r("net"))},${num(x.r("depreciation"))}),${x.r("net")}+${x.r("depreciation")},"")`,
    value: chained((x) => x.res?.annualCashFlow ?? null),
  },
  {
    key: "payback",
    role: "computed",
    band: l("N = I/F，年", "N = I/F, years"),
    format: FMT.years,
    formula: (x) => `IF(AND(${num(x.r("cashFlow"))},${num(x.r("investment"))}),IF(${x.r("cashFlow")}>0,${x.r("investment")}/${x.r("cashFlow")},${x.s(ECON_LABELS.notRecovered)}),"")`,
    value: chained((x, ctx) => (x.res ? (x.res.paybackYears ?? t(ctx, ECON_LABELS.notRecovered)) : null)),
  },
  {
    key: "npv",
    role: "computed",
    band: l("万元", "10⁴ CNY"),
    format: FMT.money,
    formula: (x) => {
      const F = x.r("cashFlow");
      const I = x.r("investment");
      return `IF(AND(${num(F)},${num(I)}),IF(NOT(ISNUMBER(CP_DiscountRate)),${x.s(ECON_LABELS.missingRate)},IF(NOT(ISNUMBER(CP_EvaluationYears)),${x.s(ECON_LABELS.missingN)},PV(CP_DiscountRate,CP_EvaluationYears,-${F})-${I})),"")`;
    },
    value: chained((x, ctx) => (x.res ? (x.npvText ? t(ctx, x.npvText) : x.res.npv) : null)),
  },
  {
    key: "npvr",
    role: "computed",
    band: l("NPV/I", "NPV/I"),
    format: FMT.percent,
    formula: (x) => `IF(AND(${num(x.r("npv"))},${num(x.r("investment"))}),IF(${x.r("investment")}<>0,${x.r("npv")}/${x.r("investment")},""),"")`,
    value: chained((x) => (x.res && !x.npvText ? x.res.npvr : null)),
  },
  {
    key: "irr",
    role: "computed",
    band: l("RATE(n, F, −I)", "RATE(n, F, −I)"),
    format: FMT.percent,
    formula: (x) => {
      const F = x.r("cashFlow");
      const I = x.r("investment");
      const noIrr = x.s(ECON_LABELS.noIrr);
      const rate = (guess: string) => `RATE(CP_EvaluationYears,${F},-${I}${guess})`;
      return `IF(AND(${num(F)},${num(I)}),IF(NOT(ISNUMBER(CP_EvaluationYears)),${x.s(ECON_LABELS.missingN)},IF(${F}<=0,${noIrr},IFERROR(${rate("")},IFERROR(${rate(`,0,0,${x.r("irrGuess")}`)},${noIrr})))),"")`;
    },
    value: chained((x, ctx) => (x.res ? (ctx.params?.evaluationYears === undefined ? t(ctx, ECON_LABELS.missingN) : (x.irr ?? t(ctx, ECON_LABELS.noIrr))) : null)),
  },
  { key: "feasNpv", role: "lookup", band: l("表5-3", "WS5-3"), format: FMT.money, formula: (x) => `IF(${x.r("id")}="","",${feasLookup(x, "npv")})`, value: (r, _k, ctx) => (r ? (feasValue(ctx, r.optionId, "npv") ?? "") : null) },
  { key: "feasIrr", role: "lookup", band: l("表5-3", "WS5-3"), format: FMT.percent, formula: (x) => `IF(${x.r("id")}="","",${feasLookup(x, "irr")})`, value: (r, _k, ctx) => (r ? (feasValue(ctx, r.optionId, "irr") ?? "") : null) },
  {
    key: "check",
    role: "computed",
    width: 12,
    formula: (x) => {
      const ids = whole(TBL_HIGH_COST_ITEMS, "id", x.lang);
      const checks = whole(TBL_HIGH_COST_ITEMS, "check", x.lang);
      const I = x.r("investment");
      const steps: [string, L][] = [
        [`NOT(${inClassGroup(x, registerLookup(x, "costClass"), HIGH_COST_CLASSES)})`, HIGH_COST_LABELS.notHigh],
        [`SUMPRODUCT((${ids}=${x.r("id")})*(${checks}<>""))>0`, HIGH_COST_LABELS.itemsFlagged],
        [`${countEqual(ids, x.r("id"))}=0`, HIGH_COST_LABELS.noRows],
        [`OR(${x.r("netBefore")}="",${x.r("netAfter")}="")`, HIGH_COST_LABELS.incomplete],
        [`${I}=""`, ECON_LABELS.missingI],
        [`NOT(ISNUMBER(${I}))`, ECON_LABELS.iNaN],
        [`${I}<=0`, ECON_LABELS.iNotPositive],
        [`NOT(AND(ISNUMBER(CP_DepreciationYears),CP_DepreciationYears>0))`, ECON_LABELS.missingY],
        [`NOT(ISNUMBER(CP_TaxRate))`, ECON_LABELS.missingTax],
        [`NOT(ISNUMBER(CP_DiscountRate))`, ECON_LABELS.missingRate],
        [`NOT(ISNUMBER(CP_EvaluationYears))`, ECON_LABELS.missingN],
      ];
      let f = `""`;
      for (let i = steps.length - 1; i >= 0; i--) f = `IF(${steps[i]![0]},${x.s(steps[i]![1])},${f})`;
      return pickedCheckFormula(x, I, f);
    },
    value: (r, _k, ctx) => {
      if (!r) return null;
      const x = expostOf(ctx, r);
      const mine = itemRows(ctx).filter((i) => i.optionId.toUpperCase() === r.optionId.toUpperCase());
      const tests: [boolean, L][] = [
        [costGroup(registerEntryOf(ctx, r.optionId)?.costClass) !== "high", HIGH_COST_LABELS.notHigh],
        [mine.some((i) => itemCheck(ctx, i) !== null), HIGH_COST_LABELS.itemsFlagged],
        [mine.length === 0, HIGH_COST_LABELS.noRows],
        [x.netBefore === null || x.netAfter === null, HIGH_COST_LABELS.incomplete],
        [r.investment === undefined, ECON_LABELS.missingI],
        [!(ctx.params?.depreciationYears !== undefined && ctx.params.depreciationYears > 0), ECON_LABELS.missingY],
        [ctx.params?.taxRate === undefined, ECON_LABELS.missingTax],
        [x.npvText !== null, x.npvText ?? ECON_LABELS.missingRate],
      ];
      return pickedCheckValue(
        ctx,
        r.optionId,
        expostRows(ctx).map((e) => e.optionId),
        () => tests.find(([b]) => b)?.[1] ?? null,
      );
    },
  },
  {
    key: "irrGuess",
    role: "computed",
    hidden: true,
    format: FMT.general,
    formula: (x) => `IF(AND(${num(x.r("cashFlow"))},${num(x.r("investment"))}),IF(${x.r("investment")}<>0,${x.r("cashFlow")}/${x.r("investment")},""),"")`,
    value: chained((x) => (x.res && x.res.annualCashFlow !== null && x.res.investment !== 0 ? x.res.annualCashFlow / x.res.investment : null)),
  },
];

function expostSummary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = expostRows(ctx);
  const w = (k: EK) => whole(TBL_EXPOST, k, ctx.lang);
  const xs = rows.map((r) => expostOf(ctx, r));
  summaryLine(b, ctx, top, [
    [HIGH_COST_LABELS.options, `SUMPRODUCT(--(${w("id")}<>""))`, rows.length, FMT.integer],
    [HIGH_COST_LABELS.investment, `SUM(${w("investment")})`, sumNumbers(rows.map((r) => r.investment)), FMT.money],
    [HIGH_COST_LABELS.profit, `SUM(${w("profit")})`, sumNumbers(xs.map((x) => x.profit)), FMT.money],
  ]);
  return top + 1;
}

export const expostWorksheet = tableWorksheet({
  key: "WS6-5B",
  number: "6-5",
  sheetName: l("中高费方案事后评估", "High-cost ex-post"),
  title: l("已实施的中/高费方案事后经济评估", "Ex-post economics of the implemented medium/high-cost options"),
  dependsOn: ["PARAMS", "WS4-1", "WS5-3", "WS6-5"],
  note: l(
    "每行一个已实施的中/高费方案（选方案编号）：净利润 = 产值 − 各项费用，由上一表（已实施的中/高费方案经济效益对比）按方案汇总；P = 实施后与实施前净利润之差。填实际投资 I 后，按表5-3的同一方法重算 D、E、F、N、NPV、NPVR、IRR（参数取自参数表），并列出表5-3的可研 NPV、IRR 以便对比。缺少参数时显示缺少哪一项。",
    "One implemented medium/high-cost option per row (pick its ID): net profit = output value − the costs, summed per option from the previous sheet (economic results); P = net profit after − before. With the actual investment I typed, D, E, F, N, NPV, NPVR and IRR are recomputed as on the economics sheet (WS5-3, same parameters), beside WS5-3's feasibility NPV and IRR for comparison. A missing parameter is named.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  enterpriseEnd: 4,
  summary: expostSummary,
  tables: [
    defineTable({
      schema: TBL_EXPOST,
      columns: expostColumns,
      rows: expostRows,
      decorate: (b, _ctx, g) => markChecks(b, g, "warn"),
      readBack: {
        row: (c) => readRow(c, "id", { investment: ["num", "investment"] }),
        store: (draft, rows) => storeSubsection(draft, "highCostEconomics", "expost", rows),
      },
    }),
  ],
});
