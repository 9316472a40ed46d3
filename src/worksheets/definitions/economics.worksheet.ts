/**
 * 表5-3 方案经济评估指标汇总表 Economic evaluation of medium/high-cost options (spec WS5-3, §3).
 *
 * Table `tblEconomics`, one row per option:
 * 方案编号 (picked from the register: `CP_OptionIds`) | 方案名称 and 费用类别 (looked up) |
 * 投资修正 (input, only when the evaluated I differs from its source) | 总投资I (= the correction, else
 * 表5-1's I of the id when a number, else the register's 预计投资) | 年运行费用节省额P (input, only when
 * P differs from its source) | 采用P (= the typed P, else 表5-2's P, else the register's 预计年效益) |
 * 来源 ("I source/P source": 修正/本表, 表5-1/表5-2, 汇总表, 无) | D = I/Y | T = P − D | 税 = T·t | E = T − 税 | 给定F | F |
 * N = I/F | NPV = PV(i, n, −F) − I | NPVR | IRR = RATE(n, F, −I) | 内插IRR (1 % grid) | 结论 | 排序
 * (RANK.EQ on the hidden NPVR key) | 检查 ‖ hidden: 排序键, IRR初值, 逐年.
 *
 * A given F overrides the derived one (D, T, 税, E read 未使用). No payback and no IRR show as
 * 不可回收 / 无内部收益率, never as an error cell; F ≤ 0 is tested explicitly (spec §3.3). A blank
 * parameter never gives a plausible number: the column that needs it says which one is missing
 * (缺少贴现率 …), later columns stay blank and the verdict reads 待定. A text in a number cell flags its
 * own row (检查) and is never ranked. Options with per-year cash flows (the 逐年现金流量 sheet, table
 * `tblCashFlows`) take N, NPV, IRR and the interpolated IRR from there.
 */
import type { EconomicsResult } from "../../core";
import { colLetter } from "../a1";
import type { EconomicsEntry } from "../case";
import { COST_CLASSES, itemText, l } from "../i18n";
import { IRR_INTERPOLATION_STEP, rankByNpvr, rankKey, rankKeyFormula } from "../../core";
import { FMT, str, t, type BuildContext } from "../layout";
import { columnName, defineTable, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { ECON_LABELS, evaluateCaseEconomics, irrGuessOf, quotaOf, verdictText } from "./economics-eval";
import { QUOTA_CLASSES_NAME, QUOTA_YEARS_NAME } from "./parameters.worksheet";
import { literalCriterion, lookupExact, lookupOrBlank } from "./exact-match";
import { investmentFigures, TBL_INVESTMENT } from "./investment.worksheet";
import { operatingFigures, TBL_OPERATING } from "./operating.worksheet";
import { OPTION_IDS_NAME, TBL_OPTIONS } from "./option-register.worksheet";
import { firstById, registerEntryOf } from "./statement-kit";
import type { CaseDraft, CellReader } from "../read-back";
import type { InvestmentEntry, OperatingEntry, OptionEntry } from "../case";

export { ECON_LABELS, evaluateCaseEconomics, verdictText } from "./economics-eval";

export const TBL_ECONOMICS = {
  name: "tblEconomics",
  columns: {
    id: l("方案编号", "Option ID"),
    name: l("方案名称", "Option name"),
    costClass: l("费用类别", "Cost class"),
    override: l("投资修正", "Investment override"),
    investment: l("总投资I", "Investment I"),
    savings: l("年运行费用节省额P", "Annual savings P"),
    pUsed: l("采用P", "P used"),
    source: l("来源", "Source"),
    depreciation: l("年折旧费D", "Depreciation D"),
    taxable: l("应税利润T", "Taxable profit T"),
    tax: l("应纳税额", "Tax"),
    net: l("净利润E", "Net profit E"),
    fGiven: l("给定F", "Given F"),
    cashFlow: l("年增现金流量F", "Cash flow F"),
    payback: l("投资偿还期N", "Payback N"),
    quota: l("定额N0", "Quota N0"),
    npv: l("净现值NPV", "NPV"),
    npvr: l("净现值率NPVR", "NPVR"),
    irr: l("内部收益率IRR", "IRR"),
    irrInterp: l("内插IRR", "Interpolated IRR"),
    verdict: l("经济评估结论", "Economic verdict"),
    rank: l("排序", "Order"),
    check: l("检查", "Check"),
    key: l("排序键", "Rank key"),
    irrKey: l("IRR排序键", "IRR rank key"),
    nKey: l("N排序键", "N rank key"),
    irrGuess: l("IRR初值", "IRR start value"),
    perYear: l("逐年", "Per year"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_ECONOMICS.columns;

/** The cash-flow table's schema (its sheet is cashflows.worksheet.ts; declared here to avoid an import cycle). */
export const TBL_CASHFLOWS_NAME = "tblCashFlows";
export const CASHFLOW_RESULT_COLUMNS = {
  id: l("方案编号", "Option ID"),
  payback: l("投资偿还期N", "Payback N"),
  npv: l("净现值NPV", "NPV"),
  irr: l("内部收益率IRR", "IRR"),
  irrInterp: l("内插IRR", "Interpolated IRR"),
} as const;

/** Defined name of the economics sheet's option ids (the feasibility and cash-flow sheets pick from it). */
export const ECONOMICS_IDS_NAME = "CP_EconomicsIds";

/**
 * The rank keys' "worst" value in the sheet (core's −∞ for no IRR / never recovered): a number below
 * any real key, which COUNTIFS compares like the others.
 */
const WORST_KEY = -1e300;

/** Where the evaluated I and P come from (the 来源 column: "I source/P source"). */
export const SOURCE_LABELS = {
  override: l("修正", "override"),
  typed: l("本表", "typed"),
  investment: l("表5-1", "WS5-1"),
  operating: l("表5-2", "WS5-2"),
  register: l("汇总表", "register"),
  none: l("无", "none"),
};

/** A row of the table: the case's entry, core's result and the sources of I and P. */
interface Row {
  e: EconomicsEntry;
  res: EconomicsResult;
  rank: number;
  src: Sources;
}

/**
 * I and P of an entry as the sheet finds them: the statement's (表5-1 / 表5-2, first row of the id,
 * when its result is a number), else the register's 预计投资 / 预计年效益; the case's figure is typed
 * on this sheet (投资修正, 年运行费用节省额P) only where it differs from that source (or there is none).
 */
interface Sources {
  /** the source's I / P (null: none) */
  i: number | null;
  p: number | null;
  /** which source: 表5-1 / 表5-2, 汇总表, or none */
  iFrom: keyof typeof SOURCE_LABELS;
  pFrom: keyof typeof SOURCE_LABELS;
  /** the figures typed on this sheet (undefined: blank) */
  override: number | undefined;
  typedP: number | undefined;
}

function sourcesOf(ctx: BuildContext, e: EconomicsEntry): Sources {
  const o = registerEntry(ctx, e.optionId);
  const inv = firstById(ctx.auditCase?.investment, e.optionId);
  const op = firstById(ctx.auditCase?.operating, e.optionId);
  const stmtI = inv ? investmentFigures(inv).investment : null;
  const stmtP = op ? operatingFigures(op).savings : null;
  const regI = typeof o?.investment === "number" ? o.investment : null;
  const regP = typeof o?.annualBenefit === "number" ? o.annualBenefit : null;
  const i = stmtI ?? regI;
  const p = stmtP ?? regP;
  const override = e.investment !== i ? e.investment : undefined;
  const typedP = e.annualSavings !== undefined && e.annualSavings !== p ? e.annualSavings : undefined;
  return {
    i,
    p,
    iFrom: override !== undefined ? "override" : stmtI !== null ? "investment" : regI !== null ? "register" : "none",
    pFrom: typedP !== undefined ? "typed" : stmtP !== null ? "operating" : regP !== null ? "register" : "none",
    override,
    typedP,
  };
}


/** The case's rows with core's results and the NPVR order. */
export function economicsRows(ctx: BuildContext): readonly Row[] {
  const entries = ctx.auditCase?.economics ?? [];
  const results = evaluateCaseEconomics(ctx);
  // spec §3.4: by NPVR, ties broken by IRR, then N (core's one rule; the sheet's COUNTIFS mirror it)
  const ranks = rankByNpvr(results);
  return entries.map((e, k) => ({ e, res: results[k]!, rank: ranks[k]!, src: sourcesOf(ctx, e) }));
}

/** The register's entry of an option id (the first equal ignoring case, as MATCH finds it). */
const registerEntry = registerEntryOf;

/** Formula pieces shared by the columns. */
function kit(x: Refs<K>) {
  const ids = whole(TBL_OPTIONS, "id", x.lang);
  const match = `MATCH(${literalCriterion(x.r("id"))},${ids},0)`;
  const reg = (k: keyof typeof TBL_OPTIONS.columns) => lookupExact(whole(TBL_OPTIONS, k, x.lang), ids, x.r("id"));
  const cf = (k: keyof typeof CASHFLOW_RESULT_COLUMNS) => `${TBL_CASHFLOWS_NAME}[[${columnName({ name: TBL_CASHFLOWS_NAME, columns: CASHFLOW_RESULT_COLUMNS }, k, x.lang)}]]`;
  const cfLookup = (k: keyof typeof CASHFLOW_RESULT_COLUMNS) => lookupExact(cf(k), cf("id"), x.r("id"));
  const NU = x.s(ECON_LABELS.notUsed);
  const blank = `${x.r("id")}=""`;
  const derivedOff = `OR(${x.r("perYear")},${x.r("fGiven")}<>"")`;
  const stmtI = lookupExact(whole(TBL_INVESTMENT, "investment", x.lang), whole(TBL_INVESTMENT, "id", x.lang), x.r("id"));
  const stmtP = lookupExact(whole(TBL_OPERATING, "savings", x.lang), whole(TBL_OPERATING, "id", x.lang), x.r("id"));
  return { match, reg, cf, cfLookup, NU, blank, derivedOff, stmtI, stmtP };
}

const num = (ref: string) => `ISNUMBER(${ref})`;

/** What the check column says for a case row (case rows are complete: only the register difference can show). */
function checkValue(ctx: BuildContext, r: Row): string | null {
  const o = registerEntry(ctx, r.e.optionId);
  if (!o) return t(ctx, ECON_LABELS.unknownId);
  if (r.src.override !== undefined && typeof o.investment === "number" && o.investment !== r.src.override) return t(ctx, ECON_LABELS.invDiffers);
  return null;
}

const notUsedOr = (ctx: BuildContext, r: Row | undefined, v: number | null | undefined): string | number | null => {
  if (!r) return null;
  if (r.e.cashFlows !== undefined || r.res.depreciation === null) return t(ctx, ECON_LABELS.notUsed);
  return v ?? null;
};

const columns: readonly Column<Row, K>[] = [
  { key: "id", role: "input", format: FMT.text, width: 7, validation: { listName: OPTION_IDS_NAME, error: l("请从方案汇总表的方案编号中选择", "Choose an option ID of the options register") }, value: (r) => r?.e.optionId },
  {
    key: "name",
    role: "lookup",
    width: 14,
    formula: (x) => `IF(${x.r("id")}="","",IFERROR(${kit(x).reg("name")}&"",""))`,
    value: (r, _k, ctx) => (r ? (registerEntry(ctx, r.e.optionId)?.name ?? "") : null),
  },
  {
    key: "costClass",
    role: "lookup",
    width: 7,
    formula: (x) => `IF(${x.r("id")}="","",IFERROR(${kit(x).reg("costClass")}&"",""))`,
    value: (r, _k, ctx) => {
      if (!r) return null;
      const cc = registerEntry(ctx, r.e.optionId)?.costClass;
      return cc === undefined ? "" : itemText(ctx.lang, COST_CLASSES, cc);
    },
  },
  {
    key: "override",
    role: "input",
    // rarely typed (I is entered once, in 表5-1 or the register): hidden so the sheet prints at
    // ≥ 65 %; unhide to type an override, which the 来源 column and 检查 then show
    hidden: true,
    band: l("万元，与汇总表不同时填", "10⁴ CNY, overrides the register"),
    format: FMT.money,
    validation: { number: { min: 0.000001, error: l("投资须大于 0 万元", "An investment must be greater than 0") } },
    value: (r) => r?.src.override,
  },
  {
    key: "investment",
    role: "computed",
    band: l("万元", "10⁴ CNY"),
    format: FMT.money,
    formula: (x) => {
      const k = kit(x);
      return `IF(${x.r("id")}="","",IF(${x.r("override")}<>"",${x.r("override")},IF(ISNUMBER(${k.stmtI}),${k.stmtI},${lookupOrBlank(k.reg("investment"))})))`;
    },
    value: (r) => (r ? r.e.investment : null),
  },
  {
    key: "savings",
    role: "input",
    // rarely typed (P is entered once, in 表5-2 or the register): hidden like the I override
    hidden: true,
    band: l("万元/a，与表5-2/汇总表不同时填", "10⁴ CNY/a, overrides WS5-2/register"),
    format: FMT.money,
    validation: { number: { error: l("P 须为数值（万元/a）", "P is a number (10⁴ CNY/a)") } },
    value: (r) => r?.src.typedP,
  },
  {
    key: "pUsed",
    role: "computed",
    band: l("P，万元/a", "P, 10⁴ CNY/a"),
    format: FMT.money,
    formula: (x) => {
      const k = kit(x);
      return `IF(${k.blank},"",IF(${x.r("savings")}<>"",${x.r("savings")},IF(ISNUMBER(${k.stmtP}),${k.stmtP},${lookupOrBlank(k.reg("benefit"))})))`;
    },
    value: (r) => (r ? (r.src.typedP ?? r.src.p) : null),
  },
  {
    key: "source",
    role: "computed",
    band: l("I / P 取自", "I / P from"),
    width: 9,
    formula: (x) => {
      const k = kit(x);
      const s = (key: keyof typeof SOURCE_LABELS) => x.s(SOURCE_LABELS[key]);
      const iFrom = `IF(${x.r("override")}<>"",${s("override")},IF(ISNUMBER(${k.stmtI}),${s("investment")},IF(ISNUMBER(${lookupOrBlank(k.reg("investment"))}),${s("register")},${s("none")})))`;
      const pFrom = `IF(${x.r("savings")}<>"",${s("typed")},IF(ISNUMBER(${k.stmtP}),${s("operating")},IF(ISNUMBER(${lookupOrBlank(k.reg("benefit"))}),${s("register")},${s("none")})))`;
      return `IF(${k.blank},"",${iFrom}&"/"&${pFrom})`;
    },
    value: (r, _k, ctx) => (r ? `${t(ctx, SOURCE_LABELS[r.src.iFrom])}/${t(ctx, SOURCE_LABELS[r.src.pFrom])}` : null),
  },
  {
    key: "depreciation",
    role: "computed",
    band: l("D = I/Y，万元/a", "D = I/Y, 10⁴ CNY/a"),
    format: FMT.money,
    formula: (x) => {
      const k = kit(x);
      return `IF(${k.blank},"",IF(${k.derivedOff},${k.NU},IF(NOT(${num(x.r("investment"))}),"",IF(AND(ISNUMBER(CP_DepreciationYears),CP_DepreciationYears>0),${x.r("investment")}/CP_DepreciationYears,${x.s(ECON_LABELS.missingY)}))))`;
    },
    value: (r, _k, ctx) => notUsedOr(ctx, r, r?.res.depreciation),
  },
  {
    key: "taxable",
    role: "computed",
    band: l("T = P − D", "T = P − D"),
    format: FMT.money,
    formula: (x) => {
      const k = kit(x);
      return `IF(${k.blank},"",IF(${k.derivedOff},${k.NU},IF(AND(${num(x.r("pUsed"))},${num(x.r("depreciation"))}),${x.r("pUsed")}-${x.r("depreciation")},"")))`;
    },
    value: (r, _k, ctx) => notUsedOr(ctx, r, r?.res.taxableProfit),
  },
  {
    key: "tax",
    role: "computed",
    band: l("税 = T × t\nT < 0 时为负（抵税）", "tax = T × t\n< 0 when T < 0 (shield)"),
    format: FMT.money,
    formula: (x) => {
      const k = kit(x);
      return `IF(${k.blank},"",IF(${k.derivedOff},${k.NU},IF(NOT(${num(x.r("taxable"))}),"",IF(ISNUMBER(CP_TaxRate),${x.r("taxable")}*CP_TaxRate,${x.s(ECON_LABELS.missingTax)}))))`;
    },
    value: (r, _k, ctx) => notUsedOr(ctx, r, r?.res.tax),
  },
  {
    key: "net",
    role: "computed",
    band: l("E = T − 税", "E = T − tax"),
    format: FMT.money,
    formula: (x) => {
      const k = kit(x);
      return `IF(${k.blank},"",IF(${k.derivedOff},${k.NU},IF(AND(${num(x.r("taxable"))},${num(x.r("tax"))}),${x.r("taxable")}-${x.r("tax")},"")))`;
    },
    value: (r, _k, ctx) => notUsedOr(ctx, r, r?.res.netProfit),
  },
  {
    key: "fGiven",
    role: "input",
    band: l("万元/a（可选）", "10⁴ CNY/a (optional)"),
    format: FMT.money,
    validation: { number: { error: l("F 须为数值（万元/a）", "F is a number (10⁴ CNY/a)") } },
    value: (r) => (r && r.e.cashFlows === undefined ? r.e.annualCashFlow : undefined),
  },
  {
    key: "cashFlow",
    role: "computed",
    band: l("F = E + D，万元/a", "F = E + D, 10⁴ CNY/a"),
    format: FMT.money,
    formula: (x) => {
      const k = kit(x);
      return (
        `IF(${k.blank},"",IF(${x.r("perYear")},${x.s(ECON_LABELS.perYear)},IF(${x.r("fGiven")}<>"",IF(${num(x.r("fGiven"))},${x.r("fGiven")},""),` +
        `IF(AND(${num(x.r("net"))},${num(x.r("depreciation"))}),${x.r("net")}+${x.r("depreciation")},""))))`
      );
    },
    value: (r, _k, ctx) => (r ? (r.e.cashFlows !== undefined ? t(ctx, ECON_LABELS.perYear) : r.res.annualCashFlow) : null),
  },
  {
    key: "payback",
    role: "computed",
    band: l("N = I/F，年", "N = I/F, years"),
    format: FMT.years,
    formula: (x) => {
      const k = kit(x);
      const F = x.r("cashFlow");
      return `IF(${k.blank},"",IF(${x.r("perYear")},IFERROR(IF(ISNUMBER(${k.cfLookup("payback")}),${k.cfLookup("payback")},${k.cfLookup("payback")}&""),""),IF(AND(${num(F)},${num(x.r("investment"))}),IF(${F}>0,${x.r("investment")}/${F},${x.s(ECON_LABELS.notRecovered)}),"")))`;
    },
    value: (r, _k, ctx) => (r ? (r.res.paybackYears ?? t(ctx, ECON_LABELS.notRecovered)) : null),
  },
  {
    key: "quota",
    role: "computed",
    // a helper (the sheet must print at ≥ 65 %): the note names the rule, 参数 shows the quotas
    hidden: true,
    band: l("分类定额或 N₀，年", "class quota or N₀, years"),
    format: FMT.years,
    // the cost class's own quota (参数, CP_QuotaYears) when it is a number, else the single quota
    formula: (x) => {
      const cls = `IFERROR(INDEX(${QUOTA_YEARS_NAME},MATCH(${x.r("costClass")},${QUOTA_CLASSES_NAME},0)),"")`;
      return `IF(${kit(x).blank},"",IF(ISNUMBER(${cls}),${cls},IF(ISNUMBER(CP_PaybackQuota),CP_PaybackQuota,"")))`;
    },
    value: (r, _k, ctx) => (r ? (quotaOf(ctx, r.e.optionId) ?? null) : null),
  },
  {
    key: "npv",
    role: "computed",
    band: l("万元", "10⁴ CNY"),
    format: FMT.money,
    formula: (x) => {
      const k = kit(x);
      const F = x.r("cashFlow");
      const I = x.r("investment");
      return (
        `IF(${k.blank},"",IF(${x.r("perYear")},IFERROR(IF(ISNUMBER(${k.cfLookup("npv")}),${k.cfLookup("npv")},${k.cfLookup("npv")}&""),""),` +
        `IF(AND(${num(F)},${num(I)}),IF(NOT(ISNUMBER(CP_DiscountRate)),${x.s(ECON_LABELS.missingRate)},IF(NOT(ISNUMBER(CP_EvaluationYears)),${x.s(ECON_LABELS.missingN)},PV(CP_DiscountRate,CP_EvaluationYears,-${F})-${I})),"")))`
      );
    },
    value: (r) => (r ? r.res.npv : null),
  },
  {
    key: "npvr",
    role: "computed",
    band: l("NPV/I", "NPV/I"),
    format: FMT.percent,
    formula: (x) => `IF(AND(${num(x.r("npv"))},${num(x.r("investment"))}),IF(${x.r("investment")}<>0,${x.r("npv")}/${x.r("investment")},""),"")`,
    value: (r) => (r ? r.res.npvr : null),
  },
  {
    key: "irr",
    role: "computed",
    band: l("RATE(n, F, −I)", "RATE(n, F, −I)"),
    format: FMT.percent,
    formula: (x) => {
      const k = kit(x);
      const F = x.r("cashFlow");
      const I = x.r("investment");
      const noIrr = x.s(ECON_LABELS.noIrr);
      const rate = (guess: string) => `RATE(CP_EvaluationYears,${F},-${I}${guess})`;
      return (
        `IF(${k.blank},"",IF(${x.r("perYear")},IFERROR(IF(ISNUMBER(${k.cfLookup("irr")}),${k.cfLookup("irr")},${k.cfLookup("irr")}&""),""),` +
        `IF(AND(${num(F)},${num(I)}),IF(NOT(ISNUMBER(CP_EvaluationYears)),${x.s(ECON_LABELS.missingN)},IF(${F}<=0,${noIrr},IFERROR(${rate("")},IFERROR(${rate(`,0,0,${x.r("irrGuess")}`)},${noIrr})))),"")))`
      );
    },
    value: (r, _k, ctx) => (r ? (r.res.irr ?? t(ctx, ECON_LABELS.noIrr)) : null),
  },
  {
    key: "irrInterp",
    role: "computed",
    band: l("1 % 步长内插", "1 % grid"),
    format: FMT.percent,
    formula: (x) => {
      const k = kit(x);
      const F = x.r("cashFlow");
      const I = x.r("investment");
      const irr = x.r("irr");
      const h = IRR_INTERPOLATION_STEP;
      const k1 = `INT(${irr}/${h})`;
      const pv = (rate: string) => `PV(${rate},CP_EvaluationYears,-${F})`;
      const noIrr = x.s(ECON_LABELS.noIrr);
      return (
        `IF(${k.blank},"",IF(${x.r("perYear")},IFERROR(IF(ISNUMBER(${k.cfLookup("irrInterp")}),${k.cfLookup("irrInterp")},${k.cfLookup("irrInterp")}&""),""),` +
        `IF(ISNUMBER(${irr}),IFERROR(${k1}*${h}+(${pv(`${k1}*${h}`)}-${I})*${h}/(${pv(`${k1}*${h}`)}-${pv(`(${k1}+1)*${h}`)}),${noIrr}),IF(${irr}=${noIrr},${noIrr},""))))`
      );
    },
    value: (r, _k, ctx) => (r ? (r.res.irrInterpolated ?? t(ctx, ECON_LABELS.noIrr)) : null),
  },
  {
    key: "verdict",
    role: "computed",
    width: 14,
    formula: (x) => {
      const k = kit(x);
      const N = x.r("payback");
      const irr = x.r("irr");
      const npv = x.r("npv");
      const sep = x.t(ECON_LABELS.sep);
      const payOk = `IF(AND(ISNUMBER(${N}),ISNUMBER(${x.r("quota")})),${N}<=${x.r("quota")},FALSE)`;
      const irrOk = `IF(ISNUMBER(${irr}),${irr}>=CP_BenchmarkRate,FALSE)`;
      const reasons =
        `IF(${payOk},"",IF(ISNUMBER(${N}),${str(sep + x.t(ECON_LABELS.rPayback))},${str(sep + x.t(ECON_LABELS.rNotRecovered))}))` +
        `&IF(${npv}>=0,"",${str(sep + x.t(ECON_LABELS.rNpv))})` +
        `&IF(ISNUMBER(${irr}),IF(${irr}>=CP_BenchmarkRate,"",${str(sep + x.t(ECON_LABELS.rIrr))}),${str(sep + x.t(ECON_LABELS.rNoIrr))})`;
      const check = x.r("check");
      return (
        `IF(${k.blank},"",IF(AND(${check}<>"",${check}<>${x.s(ECON_LABELS.invDiffers)}),${x.s(ECON_LABELS.pending)}&${check},` +
        `IF(NOT(${num(npv)}),${x.s(ECON_LABELS.pending)}&IF(${npv}<>"",${npv},${x.s(ECON_LABELS.incomplete)}),` +
        `IF(AND(${payOk},${npv}>=0,${irrOk}),${x.s(ECON_LABELS.feasible)},${x.s(ECON_LABELS.infeasible)}&MID(${reasons},${sep.length + 1},400)))))`
      );
    },
    value: (r, _k, ctx) => (r ? verdictText(ctx.lang, r.res) : null),
  },
  {
    key: "rank",
    role: "computed",
    width: 5,
    format: FMT.integer,
    // competition rank by NPVR, ties broken by IRR (none = worst), then N (不可回收 = worst): spec §3.4
    formula: (x) => {
      const k = x.r("key");
      const ik = x.r("irrKey");
      const nk = x.r("nKey");
      return (
        `IF(ISNUMBER(${k}),1+COUNTIFS(${x.all("key")},">"&${k})+COUNTIFS(${x.all("key")},${k},${x.all("irrKey")},">"&${ik})` +
        `+COUNTIFS(${x.all("key")},${k},${x.all("irrKey")},${ik},${x.all("nKey")},">"&${nk}),"")`
      );
    },
    value: (r) => (r ? r.rank : null),
  },
  {
    key: "check",
    role: "computed",
    width: 10,
    formula: (x) => {
      const k = kit(x);
      const I = x.r("investment");
      const P = x.r("pUsed");
      const typedP = x.r("savings");
      const G = x.r("fGiven");
      const derived = `AND(${G}="",NOT(${x.r("perYear")}))`;
      const reg = k.reg("investment");
      const steps: [string, string][] = [
        [`ISNA(${k.match})`, x.s(ECON_LABELS.unknownId)],
        [`${I}=""`, x.s(ECON_LABELS.missingI)],
        [`NOT(ISNUMBER(${I}))`, x.s(ECON_LABELS.iNaN)],
        [`${I}<=0`, x.s(ECON_LABELS.iNotPositive)],
        [`AND(${P}="",${derived})`, x.s(ECON_LABELS.missingP)],
        [`AND(${typedP}<>"",NOT(ISNUMBER(${typedP})))`, x.s(ECON_LABELS.pNaN)],
        [`AND(${G}<>"",NOT(ISNUMBER(${G})))`, x.s(ECON_LABELS.fNaN)],
        [`NOT(ISNUMBER(CP_DiscountRate))`, x.s(ECON_LABELS.missingRate)],
        [`NOT(ISNUMBER(CP_EvaluationYears))`, x.s(ECON_LABELS.missingN)],
        [`AND(${derived},NOT(ISNUMBER(CP_TaxRate)))`, x.s(ECON_LABELS.missingTax)],
        [`AND(${derived},NOT(ISNUMBER(CP_DepreciationYears)))`, x.s(ECON_LABELS.missingY)],
        [`NOT(ISNUMBER(CP_BenchmarkRate))`, x.s(ECON_LABELS.missingBenchmark)],
        [`NOT(ISNUMBER(${x.r("quota")}))`, x.s(ECON_LABELS.missingQuota)],
        [`AND(${x.r("override")}<>"",IFERROR(ISNUMBER(${reg}),FALSE),IFERROR(${reg}<>${x.r("override")},FALSE))`, x.s(ECON_LABELS.invDiffers)],
      ];
      let f = `""`;
      for (let i = steps.length - 1; i >= 0; i--) f = `IF(${steps[i]![0]},${steps[i]![1]},${f})`;
      return `IF(${x.r("id")}="","",${f})`;
    },
    value: (r, _k, ctx) => (r ? checkValue(ctx, r) : null),
  },
  {
    key: "key",
    role: "computed",
    hidden: true,
    format: "0.0000000%",
    formula: (x) => `IF(AND(${num(x.r("npvr"))},LEFT(${x.r("verdict")},${x.t(ECON_LABELS.pending).length})<>${x.s(ECON_LABELS.pending)}),${rankKeyFormula(x.r("npvr"))},"")`,
    value: (r) => (r ? rankKey(r.res.npvr) : null),
  },
  {
    key: "irrKey",
    role: "computed",
    hidden: true,
    format: FMT.general,
    formula: (x) => `IF(NOT(ISNUMBER(${x.r("key")})),"",IF(ISNUMBER(${x.r("irr")}),${rankKeyFormula(x.r("irr"))},${WORST_KEY}))`,
    value: (r) => (r ? (r.res.irr === null ? WORST_KEY : rankKey(r.res.irr)) : null),
  },
  {
    key: "nKey",
    role: "computed",
    hidden: true,
    format: FMT.general,
    formula: (x) => `IF(NOT(ISNUMBER(${x.r("key")})),"",IF(ISNUMBER(${x.r("payback")}),-${rankKeyFormula(x.r("payback"))},${WORST_KEY}))`,
    value: (r) => (r ? (r.res.paybackYears === null ? WORST_KEY : -rankKey(r.res.paybackYears)) : null),
  },
  {
    key: "irrGuess",
    role: "computed",
    hidden: true,
    format: FMT.general,
    formula: (x) => `IF(AND(${num(x.r("cashFlow"))},${num(x.r("investment"))}),IF(${x.r("investment")}<>0,${x.r("cashFlow")}/${x.r("investment")},""),"")`,
    value: (r) => (r ? (r.e.cashFlows !== undefined ? null : irrGuessOf(r.res, false)) : null),
  },
  {
    key: "perYear",
    role: "computed",
    hidden: true,
    formula: (x) => `IF(${x.r("id")}="",FALSE,ISNUMBER(MATCH(${literalCriterion(x.r("id"))},${TBL_CASHFLOWS_NAME}[[${x.t(CASHFLOW_RESULT_COLUMNS.id)}]],0)))`,
    value: (r) => (r ? r.e.cashFlows !== undefined : false),
  },
];

/** What a row of the economics table holds that the case keeps: the id and the typed figures. */
interface EconomicsRead {
  optionId: string;
  override?: number;
  typedP?: number;
  annualCashFlow?: number;
  /** reports a problem on this row's I cell */
  noInvestment: (message: string) => void;
}

/** Read-back of an economics row (issue 13): id, the I override, the typed P and the given F. */
function readEconomicsRow(c: CellReader<K>): EconomicsRead {
  const out: EconomicsRead = { optionId: c.text("id") ?? "", noInvestment: (m) => c.problem("investment", m) };
  const override = c.num("override");
  const typedP = c.num("savings");
  const f = c.num("fGiven");
  if (override !== undefined) out.override = override;
  if (typedP !== undefined) out.typedP = typedP;
  if (f !== undefined) out.annualCashFlow = f;
  if (out.optionId === "") c.problem("id", "optionId: 此行缺少方案编号 / this row has no option ID");
  return out;
}

/** The first row of a section read so far whose `field` equals `id` ignoring case (MATCH's rule). */
function firstIn<T>(draft: CaseDraft, section: string, field: string, id: string): T | undefined {
  const rows = draft[section];
  if (!Array.isArray(rows)) return undefined;
  return (rows as Record<string, unknown>[]).find((r) => typeof r[field] === "string" && (r[field]).toUpperCase() === id.toUpperCase()) as T | undefined;
}

/**
 * The economics entries: I is the override where one is typed, else the sheet's source — the I of
 * 表5-1 (from the statement rows read), else the register's investment; P likewise (typed, 表5-2,
 * register), as the README's rule writes economics[].investment / annualSavings. Computed cells are
 * not read: the figures come from the inputs they are computed from.
 */
function storeEconomics(draft: CaseDraft, rows: unknown[]): void {
  if (rows.length === 0) return;
  draft.economics = (rows as EconomicsRead[]).map((r) => {
    const inv = firstIn<InvestmentEntry>(draft, "investment", "optionId", r.optionId);
    const op = firstIn<OperatingEntry>(draft, "operating", "optionId", r.optionId);
    const o = firstIn<OptionEntry>(draft, "options", "id", r.optionId);
    const stmtI = inv ? investmentFigures(inv).investment : null;
    const stmtP = op ? operatingFigures(op).savings : null;
    const investment = r.override ?? stmtI ?? (typeof o?.investment === "number" ? o.investment : undefined);
    const savings = r.typedP ?? stmtP ?? (typeof o?.annualBenefit === "number" ? o.annualBenefit : undefined);
    const e: Record<string, unknown> = { optionId: r.optionId };
    if (investment !== undefined) e.investment = investment;
    else if (r.optionId !== "") r.noInvestment(`${r.optionId}: 无总投资 I（未修正，表5-1 和方案汇总表均无）/ no investment I (no override, none in WS5-1 or the register)`);
    if (savings !== undefined) e.annualSavings = savings;
    if (r.annualCashFlow !== undefined) e.annualCashFlow = r.annualCashFlow;
    return e;
  });
}

export const economicsWorksheet = tableWorksheet({
  key: "WS5-3",
  number: "5-3",
  sheetName: l("经济评估", "Economics"),
  title: l("方案经济评估指标汇总表", "Economic evaluation of medium/high-cost options"),
  dependsOn: ["PARAMS", "LISTS", "WS4-1", "WS5-1", "WS5-2", "CASHFLOWS"],
  note: l(
    "方案编号从方案汇总表选择，名称和费用类别自动引用；I 取自投资费用统计表（表5-1），P 取自运行费用和收益统计表（表5-2），未填时取自方案汇总表，“来源”列注明（需要改用其他数值时取消隐藏“投资修正”“年运行费用节省额P”两列填写，来源显示为修正/本表）。金额单位 万元；比率以 % 显示。应税利润 T 为负时税额按 T × t 计为负数（折旧抵减企业其他利润的所得税，增量法）。F = E + D，给定 F 时取给定值；逐年现金流量见“逐年现金流量”表。可行条件：N ≤ 定额投资偿还期（参数表中该费用类别的定额，未填时用 N₀）、NPV ≥ 0、IRR ≥ 基准收益率；按 NPVR 排序（排序第 1 的方案以蓝色粗体标出）。缺少参数时显示缺少哪一项，结论为待定。",
    "Pick the option ID from the register; name and cost class are looked up; I comes from the investment statement (WS5-1), P from the operating statement (WS5-2), else from the register; the Source column says which (to use another figure, unhide the Investment override and Annual savings P columns and type it there: the source then reads override/typed). Money in 10⁴ CNY; rates as %. A negative taxable profit T gives a negative tax T × t (the depreciation shields other profits: incremental view). F = E + D, or the given F; per-year flows on the Cash flows sheet. Feasible when N ≤ payback quota (the cost class's quota on the parameters sheet, else N₀), NPV ≥ 0 and IRR ≥ benchmark; ordered by NPVR (the first in bold blue). A missing parameter is named and the verdict is pending.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  enterpriseEnd: 4,
  tables: [
    defineTable({
      schema: TBL_ECONOMICS,
      columns,
      rows: economicsRows,
      readBack: { row: readEconomicsRow, store: storeEconomics },
      decorate(b, ctx, g) {
        const v = (col: number) => `$${colLetter(col)}${g.firstRow + 1}`;
        const feasible = str(t(ctx, ECON_LABELS.feasible));
        const range = (c: number) => ({ top: g.firstRow, left: c, bottom: g.lastRow, right: c });
        b.conditional(range(g.col.verdict), `${v(g.col.verdict)}=${feasible}`, "good");
        b.conditional(range(g.col.verdict), `AND(${v(g.col.verdict)}<>"",${v(g.col.verdict)}<>${feasible})`, "bad");
        b.conditional(range(g.col.check), `${v(g.col.check)}<>""`, "warn");
        b.conditional({ top: g.firstRow, left: g.col.id, bottom: g.lastRow, right: g.col.name }, `${v(g.col.rank)}=1`, "highlight");
      },
    }),
  ],
  names: (ctx) => [{ name: ECONOMICS_IDS_NAME, formula: whole(TBL_ECONOMICS, "id", ctx.lang) }],
});
