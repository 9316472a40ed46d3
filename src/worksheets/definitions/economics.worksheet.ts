/**
 * 方案经济评估指标汇总表 Economic evaluation of medium/high-cost options (spec WS5-3, §3).
 *
 * One row per option (prints on A4 landscape and scales to many options):
 * 方案编号 | 方案名称 (INDEX/MATCH on the options register, wildcards escaped) | I | P | D = I/Y |
 * T = P − D | 税 = T·t | E = T − 税 | F（给定） | F = IF(给定 blank, E + D, 给定) | N = I/F |
 * NPV = PV(i, n, −F) − I | NPVR = NPV/I | IRR = RATE(n, F, −I) | 内插 IRR (1 % grid) | 结论 |
 * 排序 (RANK.EQ) ‖ NPVR 排序键 | IRR 试算初值.
 *
 * Printing: the headers are the standard's terms with symbol and unit on up to three short lines
 * ("年增现金流量\nF\n万元/a"), the numeric columns 9–13 characters wide, and the two helper columns —
 * the rank key, ROUND(NPVR, 9) shown as a % with 7 decimals, and the IRR's start value — sit right
 * of the table, outside the print area, so the sheet prints on A4 landscape at a readable scale.
 *
 * A given F overrides the derived one and D, T, 税, E then read 未使用 (not used). No payback and
 * no IRR show as 不可回收 / 无内部收益率 through IF/IFERROR, never as an error cell; F ≤ 0 is tested
 * explicitly (spec §3.3: never paid back, no IRR — RATE alone would return about −97 % for F = 0).
 * The IRR is searched from more than one start value so that the native formula finds the rate core
 * finds: RATE's own search, then RATE from F/I; per year IRR from 10 %, then from the 试算初值
 * (P/N)^(1/(T₊ − T₋)) − 1 (see {@link IRR_FIRST_GUESS}), where a result ≤ −100 % counts as none.
 * Options with per-year cash flows (case `cashFlows`) get per-year blocks below the table (flows,
 * the series −I, F_1..F_n, the cumulative net cash flow and the payback year), and their NPV, IRR
 * and N are computed from those blocks (SUMPRODUCT, IRR, the first year the cumulative flow reaches
 * 0). A series that changes sign more than once gets a note right of its series row (several IRRs
 * may exist, spec §3.3, E03) and a pointer under the table.
 * Every parameter comes from a CP_* name.
 */
import { colLetter, rect } from "../a1";
import { CpError, evaluateEconomics, irr as coreIrr, npv as coreNpv, type EconomicsResult } from "../../core";
import type { EconomicsEntry } from "../case";
import type { WorksheetDefinition } from "../definition";
import { displayWidth, l, tr, type L } from "../i18n";
import { A, colRange, finishSheet, FMT, headerBlock, onSheet, ranksOfKeys, rowCount, rowRange, SheetBuilder, str, t, TABLE_TOP, type BuildContext } from "../layout";
import type { Lang } from "../model";
import { literalCriterion } from "./exact-match";
import { REG, registerGeometry } from "./option-register.worksheet";

/** Columns of the economics table. */
export const EC = {
  id: 0,
  name: 1,
  investment: 2,
  savings: 3,
  depreciation: 4,
  taxable: 5,
  tax: 6,
  net: 7,
  fGiven: 8,
  cashFlow: 9,
  payback: 10,
  npv: 11,
  npvr: 12,
  irr: 13,
  irrInterp: 14,
  verdict: 15,
  rank: 16,
  /** helper column right of the printed table: ROUND(NPVR, 9), read by RANK.EQ and the feasibility sheet */
  key: 17,
  /** helper column, not printed: the IRR's second start value (F/I; per year: from the flows' weighted mean years) */
  irrGuess: 18,
} as const;
/** Last column of the printed table (the rank key right of it is not printed). */
const PRINT_LAST = EC.rank;

/** Table headers: term, symbol (formula), unit on short lines. */
const HEAD: readonly L[] = [
  l("方案\n编号", "Option\nID"),
  l("方案名称", "Option name"),
  l("总投资\nI\n万元", "Invest-\nment I\n10⁴ CNY"),
  l("年运行费用\n节省额 P\n万元/a", "Annual\nsavings P\n10⁴ CNY/a"),
  l("年折旧费\nD = I/Y\n万元/a", "Deprec.\nD = I/Y\n10⁴ CNY/a"),
  l("应税利润\nT = P−D\n万元/a", "Taxable\nT = P−D\n10⁴ CNY/a"),
  l("应纳税额\n税 = T×t\n万元/a", "Tax\ntax = T×t\n10⁴ CNY/a"),
  l("净利润\nE = T−税\n万元/a", "Net profit\nE = T−tax\n10⁴ CNY/a"),
  l("给定 F\n（可选）\n万元/a", "Given F\n(if any)\n10⁴ CNY/a"),
  l("年增现金流量\nF\n万元/a", "Cash flow\nF\n10⁴ CNY/a"),
  l("投资偿还期\nN\n年", "Payback\nN\nyears"),
  l("净现值\nNPV\n万元", "NPV\n\n10⁴ CNY"),
  l("净现值率\nNPVR", "NPVR\n= NPV/I"),
  l("内部收益率\nIRR", "IRR"),
  l("内插 IRR\n1 % 步长", "Interpol.\nIRR\n1 % grid"),
  l("经济评估结论", "Economic\nverdict"),
  l("排序\n按 NPVR", "Order\nby NPVR"),
  l("NPVR\n排序键", "NPVR\nrank key"),
  l("IRR 试算\n初值", "IRR start\nvalue"),
];

/** Format of the rank key: the rounded NPVR as a % with 7 decimals (= 9 decimals of the ratio). */
const KEY_FORMAT = "0.0000000%";

/** Texts the economics sheet writes (and the feasibility sheet compares against). */
export const ECON_LABELS = {
  notUsed: l("未使用", "not used"),
  notRecovered: l("不可回收", "not recovered"),
  noIrr: l("无内部收益率", "no IRR"),
  perYear: l("逐年（见下表）", "per year (below)"),
  feasible: l("经济可行", "Economically feasible"),
  infeasible: l("经济不可行：", "Not economically feasible: "),
  rPayback: l("投资偿还期超过定额", "payback exceeds the quota"),
  rNotRecovered: l("投资不可回收", "investment not recovered"),
  rNpv: l("净现值为负", "NPV < 0"),
  rNoIrr: l("无内部收益率", "no IRR"),
  rIrr: l("内部收益率低于基准收益率", "IRR below the benchmark rate"),
  sep: l("，", ", "),
  flowsTitle: l("逐年现金流量 F_j（万元，输入）", "Per-year cash flows F_j (10⁴ CNY, input)"),
  seriesTitle: l("现金流量序列（计算用：第 0 年 = −I，空白年份 = 0）", "Cash-flow series (year 0 = −I, a blank year = 0)"),
  cumTitle: l("累计净现金流量", "Cumulative net cash flow"),
  paybackTitle: l("投资偿还期（累计净现金流量首次 ≥ 0 的年份内插）", "Payback (first year the cumulative flow reaches 0, interpolated)"),
  year: l("年份", "Year"),
  multipleIrr: l(
    "注：现金流量多次变号，可能有多个内部收益率；表中 IRR 为从 10 % 起（再从试算初值起）迭代求得的一个",
    "Note: the flows change sign more than once, so several IRRs may exist; the IRR shown is the one found from 10 % (then from the start value)",
  ),
  multipleIrrTable: l(
    "注：有方案的逐年现金流量多次变号，可能有多个内部收益率（见下方现金流量序列表右侧的注）。",
    "Note: an option's per-year flows change sign more than once, so several IRRs may exist (see the note right of the cash-flow series below).",
  ),
};

/**
 * Start values of the sheet's IRR: 10 % (Excel's default, the spec's E03 answer), then the
 * row's 试算初值 — F/I for a constant F (RATE's own search misses IRRs above ~300 %), per year
 * (P/N)^(1/(T₊ − T₋)) − 1 with P, N the sums of the positive and negative flows of the series and
 * T₊, T₋ their flow-weighted mean years (found for E05, where Newton from 10 % diverges, and for
 * IRRs far below 0, where IRR(…, 0.1) fails or lands below −100 %).
 */
export const IRR_FIRST_GUESS = 0.1;

/** The per-year start value (P/N)^(1/(T₊ − T₋)) − 1 of the series c_0..c_n, or null where the formula has no value. */
export function durationGuess(series: readonly number[]): number | null {
  let p = 0;
  let n = 0;
  let tp = 0;
  let tn = 0;
  series.forEach((c, j) => {
    if (c > 0) {
      p += c;
      tp += c * j;
    } else if (c < 0) {
      n += c;
      tn += c * j;
    }
  });
  if (p === 0 || n === 0) return null;
  const span = tp / p - tn / n;
  if (span === 0) return null;
  const g = Math.pow(p / -n, 1 / span) - 1;
  return Number.isFinite(g) ? g : null;
}

/** Sign changes of a series, zeros ignored. */
export function signChanges(series: readonly number[]): number {
  let prev = 0;
  let changes = 0;
  for (const v of series) {
    if (v === 0) continue;
    const sgn = Math.sign(v);
    if (prev !== 0 && sgn !== prev) changes++;
    prev = sgn;
  }
  return changes;
}

/** The verdict text of one option, exactly as the sheet's formula builds it. */
export function verdictText(lang: Lang, r: EconomicsResult): string {
  if (r.verdict.feasible) return tr(lang, ECON_LABELS.feasible);
  const reasons: string[] = [];
  if (!r.verdict.paybackOk) reasons.push(tr(lang, r.paybackYears === null ? ECON_LABELS.rNotRecovered : ECON_LABELS.rPayback));
  if (!r.verdict.npvOk) reasons.push(tr(lang, ECON_LABELS.rNpv));
  if (!r.verdict.irrOk) reasons.push(tr(lang, r.irr === null ? ECON_LABELS.rNoIrr : ECON_LABELS.rIrr));
  return tr(lang, ECON_LABELS.infeasible) + reasons.join(tr(lang, ECON_LABELS.sep));
}

const economicsCache = new WeakMap<object, EconomicsResult[]>();

/** Core's evaluation of every economics entry of the case (same order; computed once per case). */
export function evaluateCaseEconomics(ctx: BuildContext): EconomicsResult[] {
  const entries = ctx.auditCase?.economics ?? [];
  const p = ctx.params;
  if (!p || entries.length === 0) return [];
  const cached = economicsCache.get(entries);
  if (cached) return cached;
  const benchmark = p.benchmarkRate ?? p.discountRate!;
  const results = entries.map((e) =>
    asTheSheetFindsIrr(
      evaluateEconomics(
        { investment: e.investment, annualSavings: e.annualSavings, annualCashFlow: e.annualCashFlow, cashFlows: e.cashFlows },
        {
          discountRate: p.discountRate!,
          taxRate: p.taxRate,
          depreciationYears: p.depreciationYears,
          evaluationYears: p.evaluationYears,
          benchmarkRate: p.benchmarkRate,
          paybackQuota: p.paybackQuota,
        },
      ),
      e.cashFlows !== undefined,
      benchmark,
    ),
  );
  economicsCache.set(entries, results);
  return results;
}

/** The series −I, F_1..F_n of a result. */
function seriesOf(r: EconomicsResult): number[] {
  return [-r.investment, ...r.flows];
}

/** The 试算初值 cell's value: F/I for a constant F, the duration guess for per-year flows. */
export function irrGuessOf(r: EconomicsResult, perYear: boolean): number | null {
  if (perYear) return durationGuess(seriesOf(r));
  if (r.annualCashFlow === null || r.investment === 0) return null;
  return r.annualCashFlow / r.investment;
}

/**
 * core's result with the IRR the sheet's formulas find. With at most one sign change the IRR is
 * unique, and core's (Newton, then bracketing) is the one the native chain reaches. With several
 * sign changes (spec §3.3, E03) the sheet shows the root Newton reaches from 10 %, else from the
 * 试算初值, else 无内部收益率; the interpolated IRR, the IRR test and the verdict follow.
 */
function asTheSheetFindsIrr(r: EconomicsResult, perYear: boolean, benchmark: number): EconomicsResult {
  const series = seriesOf(r);
  if (r.irr === null || signChanges(series) <= 1) return r;
  let found: number | null = null;
  for (const guess of [IRR_FIRST_GUESS, irrGuessOf(r, perYear)]) {
    if (guess === null || guess <= -1) continue;
    try {
      const x = coreIrr(r.investment, r.flows, guess);
      if (x.method === "newton") {
        found = x.rate;
        break;
      }
    } catch (e) {
      if (!(e instanceof CpError)) throw e;
    }
  }
  if (found === r.irr) return r;
  const irrOk = found !== null && found >= benchmark;
  return {
    ...r,
    irr: found,
    irrInterpolated: found === null ? null : interpolatedAsTheSheet(found, r),
    verdict: { ...r.verdict, irrOk, feasible: r.verdict.paybackOk && r.verdict.npvOk && irrOk },
  };
}

/** The 内插 IRR formula of a per-year row: k = INT(IRR/1 %), linear between k % and (k + 1) %; null where it has no value. */
function interpolatedAsTheSheet(irr: number, r: EconomicsResult): number | null {
  const k = Math.floor(irr / 0.01);
  const pv = (rate: number) => coreNpv(rate, 0, r.flows);
  try {
    const p1 = pv(k * 0.01);
    const x = k * 0.01 + ((p1 - r.investment) * 0.01) / (p1 - pv((k + 1) * 0.01));
    return Number.isFinite(x) ? x : null;
  } catch (e) {
    if (e instanceof CpError) return null;
    throw e;
  }
}

/** Option id (upper case, as MATCH compares) → name, from the case's register. */
export function optionNames(ctx: BuildContext): Map<string, string | undefined> {
  const m = new Map<string, string | undefined>();
  for (const o of ctx.auditCase?.options ?? []) {
    const k = o.id.toUpperCase();
    if (!m.has(k)) m.set(k, o.name);
  }
  return m;
}

function round9(x: number): number {
  const r = Number(x.toFixed(9));
  return r === 0 ? 0 : r;
}

/** Rows of the table and of the per-year blocks (0-based); `lastRow` is the sheet's last row. */
export function economicsGeometry(ctx: BuildContext) {
  const entries = ctx.auditCase?.economics ?? [];
  const n = rowCount(ctx, entries.length);
  const first = TABLE_TOP + 1;
  const last = first + n - 1;
  const perYear = entries.flatMap((e, k) => (e.cashFlows ? [k] : []));
  const years = perYear.length > 0 ? (ctx.params?.evaluationYears ?? 0) : 0;
  // per-year blocks: title row, header row, one row per per-year option; 4 blocks
  const blockRows = perYear.length;
  const blockTop = (b: number) => last + 2 + b * (blockRows + 3);
  const lastRow = blockRows > 0 ? blockTop(3) + 1 + blockRows : last;
  return { first, last, perYear, years, blockRows, blockTop, lastRow };
}

export const economicsWorksheet: WorksheetDefinition = {
  key: "WS5-3",
  sheetName: l("经济评估", "Economics"),
  title: l("方案经济评估指标汇总表", "Economic evaluation of medium/high-cost options"),
  dependsOn: ["PARAMS", "LISTS", "WS4-1"],

  build(ctx) {
    const g = economicsGeometry(ctx);
    const b = new SheetBuilder("WS5-3", ctx.names["WS5-3"], t(ctx, this.title));
    headerBlock(
      b,
      ctx,
      PRINT_LAST,
      t(ctx, l(
        "金额单位 万元；比率以 % 显示。F = E + D，给定 F 时取给定值（D、T、E 不使用）；NPV = PV(i, n, −F) − I；IRR = RATE(n, F, −I)。\n可行条件：N ≤ 定额投资偿还期、NPV ≥ 0、IRR ≥ 基准收益率；按 NPVR 排序（NPVR 排序键在表右侧，不打印）。",
        "Money in 10⁴ CNY; rates shown as %. F = E + D, or the given F (D, T, E then not used); NPV = PV(i, n, −F) − I; IRR = RATE(n, F, −I).\nFeasible when N ≤ payback quota, NPV ≥ 0 and IRR ≥ benchmark; ordered by NPVR (the NPVR rank key, right of the table, is not printed).",
      )),
      false,
      4,
    );
    HEAD.forEach((h, c) => b.header(TABLE_TOP, c, t(ctx, h)));
    const entries: readonly EconomicsEntry[] = ctx.auditCase?.economics ?? [];
    const results = evaluateCaseEconomics(ctx);
    const ranks = ranksOfKeys(results.map((r) => round9(r.npvr)));
    const reg = registerGeometry(ctx);
    const regIds = onSheet(ctx.names["WS4-1"], colRange(REG.id, reg.first, reg.last));
    const regNames = onSheet(ctx.names["WS4-1"], colRange(REG.name, reg.first, reg.last));
    const names = optionNames(ctx);
    const regName = (id: string): string | null => names.get(id.toUpperCase()) ?? null;

    const NU = str(t(ctx, ECON_LABELS.notUsed));
    const keyRange = colRange(EC.key, g.first, g.last);
    const sep = t(ctx, ECON_LABELS.sep);
    for (let r = g.first; r <= g.last; r++) {
      const k = r - g.first;
      const e = entries[k];
      const res = results[k];
      const c = (col: number) => A(r, col);
      const I = c(EC.investment);
      const blank = `${I}=""`;
      b.input(r, EC.id, e?.optionId ?? null, FMT.text);
      b.formula(r, EC.name, `IF(${c(EC.id)}="","",IFERROR(INDEX(${regNames},MATCH(${literalCriterion(c(EC.id))},${regIds},0))&"",""))`, e ? regName(e.optionId) : null, "lookup");
      b.input(r, EC.investment, e?.investment ?? null, FMT.money);
      b.input(r, EC.savings, e?.annualSavings ?? null, FMT.money);
      const perYearIdx = e?.cashFlows ? g.perYear.indexOf(k) : -1;
      const notUsed = res ? res.depreciation === null : false;
      const nu = t(ctx, ECON_LABELS.notUsed);
      if (perYearIdx >= 0) {
        // per-year option: D, T, tax, E not used; F "per year"
        for (const col of [EC.depreciation, EC.taxable, EC.tax, EC.net]) b.formula(r, col, `IF(${blank},"",${NU})`, nu, "computed");
        b.formula(r, EC.fGiven, `IF(${blank},"",${NU})`, nu, "computed");
        b.formula(r, EC.cashFlow, `IF(${blank},"",${str(t(ctx, ECON_LABELS.perYear))})`, t(ctx, ECON_LABELS.perYear), "computed");
        perYearFormulas(b, ctx, g, r, perYearIdx, res!);
      } else {
        const given = c(EC.fGiven);
        b.formula(r, EC.depreciation, `IF(${blank},"",IF(${given}<>"",${NU},${I}/CP_DepreciationYears))`, res ? (notUsed ? nu : res.depreciation) : null, "computed", FMT.money);
        b.formula(r, EC.taxable, `IF(${blank},"",IF(${given}<>"",${NU},${c(EC.savings)}-${c(EC.depreciation)}))`, res ? (notUsed ? nu : res.taxableProfit) : null, "computed", FMT.money);
        b.formula(r, EC.tax, `IF(${blank},"",IF(${given}<>"",${NU},${c(EC.taxable)}*CP_TaxRate))`, res ? (notUsed ? nu : res.tax) : null, "computed", FMT.money);
        b.formula(r, EC.net, `IF(${blank},"",IF(${given}<>"",${NU},${c(EC.taxable)}-${c(EC.tax)}))`, res ? (notUsed ? nu : res.netProfit) : null, "computed", FMT.money);
        b.input(r, EC.fGiven, e?.annualCashFlow ?? null, FMT.money);
        const F = c(EC.cashFlow);
        b.formula(r, EC.cashFlow, `IF(${blank},"",IF(${given}="",${c(EC.net)}+${c(EC.depreciation)},${given}))`, res ? res.annualCashFlow : null, "computed", FMT.money);
        b.formula(r, EC.payback, `IF(${blank},"",IF(${F}>0,${I}/${F},${str(t(ctx, ECON_LABELS.notRecovered))}))`, res ? (res.paybackYears ?? t(ctx, ECON_LABELS.notRecovered)) : null, "computed", FMT.years);
        b.formula(r, EC.npv, `IF(${blank},"",PV(CP_DiscountRate,CP_EvaluationYears,-${F})-${I})`, res ? res.npv : null, "computed", FMT.money);
        // F ≤ 0: never paid back, no IRR (spec §3.3) — RATE would return a rate below −90 % for F = 0.
        // Else RATE's own search, then RATE from F/I (finds IRRs above ~300 %).
        const G = c(EC.irrGuess);
        b.formula(r, EC.irrGuess, `IF(${blank},"",IFERROR(${F}/${I},""))`, res ? irrGuessOf(res, false) : null, "computed", FMT.general);
        const rate = (guess: string) => `RATE(CP_EvaluationYears,${F},-${I}${guess})`;
        const tryRate = (guess: string, otherwise: string) => `IFERROR(${rate(guess)},${otherwise})`;
        b.formula(
          r,
          EC.irr,
          `IF(${blank},"",IF(${F}<=0,${str(t(ctx, ECON_LABELS.noIrr))},${tryRate("", tryRate(`,0,0,${G}`, str(t(ctx, ECON_LABELS.noIrr))))}))`,
          res ? (res.irr ?? t(ctx, ECON_LABELS.noIrr)) : null,
          "computed",
          FMT.percent,
        );
        const irrC = c(EC.irr);
        const k1 = `INT(${irrC}/0.01)`;
        const pv = (rate: string) => `PV(${rate},CP_EvaluationYears,-${F})`;
        b.formula(
          r,
          EC.irrInterp,
          `IF(${blank},"",IF(ISNUMBER(${irrC}),IFERROR(${k1}*0.01+(${pv(`${k1}*0.01`)}-${I})*0.01/(${pv(`${k1}*0.01`)}-${pv(`(${k1}+1)*0.01`)}),${str(t(ctx, ECON_LABELS.noIrr))}),${str(t(ctx, ECON_LABELS.noIrr))}))`,
          res ? (res.irrInterpolated ?? t(ctx, ECON_LABELS.noIrr)) : null,
          "computed",
          FMT.percent,
        );
      }
      b.formula(r, EC.npvr, `IF(OR(${blank},${I}=0),"",${c(EC.npv)}/${I})`, res ? res.npvr : null, "computed", FMT.percent);
      const N = c(EC.payback);
      const irrC = c(EC.irr);
      const payOk = `IF(ISNUMBER(${N}),${N}<=CP_PaybackQuota,FALSE)`;
      const irrOk = `IF(ISNUMBER(${irrC}),${irrC}>=CP_BenchmarkRate,FALSE)`;
      const reasons =
        `IF(${payOk},"",IF(ISNUMBER(${N}),${str(sep + t(ctx, ECON_LABELS.rPayback))},${str(sep + t(ctx, ECON_LABELS.rNotRecovered))}))` +
        `&IF(${c(EC.npv)}>=0,"",${str(sep + t(ctx, ECON_LABELS.rNpv))})` +
        `&IF(ISNUMBER(${irrC}),IF(${irrC}>=CP_BenchmarkRate,"",${str(sep + t(ctx, ECON_LABELS.rIrr))}),${str(sep + t(ctx, ECON_LABELS.rNoIrr))})`;
      b.formula(
        r,
        EC.verdict,
        `IF(${blank},"",IF(AND(${payOk},${c(EC.npv)}>=0,${irrOk}),${str(t(ctx, ECON_LABELS.feasible))},${str(t(ctx, ECON_LABELS.infeasible))}&MID(${reasons},${sep.length + 1},400)))`,
        res ? verdictText(ctx.lang, res) : null,
        "computed",
      );
      b.formula(r, EC.key, `IF(OR(${blank},${c(EC.npvr)}=""),"",ROUND(${c(EC.npvr)},9))`, res ? round9(res.npvr) : null, "computed", KEY_FORMAT);
      b.formula(r, EC.rank, `IF(${c(EC.key)}="","",RANK.EQ(${c(EC.key)},${keyRange},0))`, res ? ranks[k]! : null, "computed", FMT.integer);
    }
    if (g.perYear.length > 0) {
      // a visible pointer under the table when some option's flows change sign more than once
      const noteCol = g.years + 2;
      const notes = colRange(noteCol, g.blockTop(1) + 2, g.blockTop(1) + 1 + g.perYear.length);
      const any = g.perYear.some((k) => {
        const res = results[k];
        return res !== undefined && signChanges([-res.investment, ...res.flows]) > 1;
      });
      b.formula(g.last + 1, EC.id, `IF(SUMPRODUCT(--(${notes}<>""))>0,${str(t(ctx, ECON_LABELS.multipleIrrTable))},"")`, any ? t(ctx, ECON_LABELS.multipleIrrTable) : null, "computed");
    }
    const moneyErr = t(ctx, l("投资须大于 0 万元", "An investment must be greater than 0"));
    b.numberValidation(rect(g.first, EC.investment, g.last, EC.investment), "decimal", 0.000001, undefined, moneyErr);
    const feasible = str(t(ctx, ECON_LABELS.feasible));
    b.conditional(rect(g.first, EC.verdict, g.last, EC.verdict), `${A(g.first, EC.verdict)}=${feasible}`, "good");
    b.conditional(rect(g.first, EC.verdict, g.last, EC.verdict), `AND(${A(g.first, EC.verdict)}<>"",${A(g.first, EC.verdict)}<>${feasible})`, "bad");
    b.conditional(rect(g.first, EC.id, g.last, EC.name), `$${colLetter(EC.rank)}${g.first + 1}=1`, "highlight");

    // narrow columns: numbers (up to 99999.99, 101.60 %) need 9; texts (option names, verdicts,
    // 不可回收, 无内部收益率) wrap inside their cells
    b.minWidth(EC.id, 7);
    b.minWidth(EC.name, 17); // 8 CJK characters (冷凝水余热回收, 电除尘器仪表改造) on one line
    b.minWidth(EC.verdict, 16);
    for (let col = EC.investment; col <= EC.irrInterp; col++) b.minWidth(col, 9);
    // the interpolated IRR's 无内部收益率 / no IRR on as few lines as in the IRR column
    b.minWidth(EC.irrInterp, Math.min(11, displayWidth(t(ctx, ECON_LABELS.noIrr)) + 1));
    b.minWidth(EC.rank, 8);
    b.minWidth(EC.key, 13);
    b.minWidth(EC.irrGuess, 11);
    const right = Math.max(PRINT_LAST, g.years > 0 ? g.years + 2 : 0); // per-year blocks: years 0..n and the note column
    return finishSheet(b, ctx, { headerLast: TABLE_TOP, freezeCols: 2, orientation: "landscape", printRight: right });
  },
};

/**
 * Formulas of a per-year option's row (N, NPV, IRR, interpolated IRR) and its rows in the four
 * per-year blocks below the table.
 */
function perYearFormulas(b: SheetBuilder, ctx: BuildContext, g: ReturnType<typeof economicsGeometry>, r: number, idx: number, res: EconomicsResult): void {
  const n = g.years;
  const I = A(r, EC.investment);
  const blank = `${I}=""`;
  const flowsTop = g.blockTop(0);
  const seriesTop = g.blockTop(1);
  const cumTop = g.blockTop(2);
  const payTop = g.blockTop(3);
  const fr = flowsTop + 2 + idx; // this option's row in each block
  const sr = seriesTop + 2 + idx;
  const cr = cumTop + 2 + idx;
  const pr = payTop + 2 + idx;
  const firstCol = 1; // years start in column B (year 0 of the series) / C (year 1)
  const yearCol = (j: number) => firstCol + j; // j = 0..n

  if (idx === 0) {
    // block titles and year headers, written once
    const titles = [ECON_LABELS.flowsTitle, ECON_LABELS.seriesTitle, ECON_LABELS.cumTitle, ECON_LABELS.paybackTitle];
    titles.forEach((title, k) => {
      const top = g.blockTop(k);
      b.label(top, 0, t(ctx, title), "label", false);
      b.header(top + 1, 0, t(ctx, l("方案编号", "Option ID")));
      const from = k === 0 || k === 3 ? 1 : 0;
      for (let j = from; j <= n; j++) b.set(top + 1, yearCol(j), { value: j, style: "header", numberFormat: FMT.integer });
    });
  }
  const flows = res.flows; // F_1..F_n (blank = 0)
  const given = (ctx.auditCase!.economics![g.perYear[idx]!]!.cashFlows ?? []) as (number | null)[];
  const idLink = (row: number) => b.formula(row, 0, `IF(${A(r, EC.id)}="","",${A(r, EC.id)})`, ctx.auditCase!.economics![g.perYear[idx]!]!.optionId, "lookup");
  idLink(fr);
  idLink(sr);
  idLink(cr);
  idLink(pr);
  for (let j = 1; j <= n; j++) {
    const v = given[j - 1];
    b.input(fr, yearCol(j), v === undefined || v === null ? null : v, FMT.money);
  }
  // series c_0 = −I, c_j = N(F_j)
  b.formula(sr, yearCol(0), `IF(${blank},0,-${I})`, -res.investment, "computed", FMT.money);
  for (let j = 1; j <= n; j++) b.formula(sr, yearCol(j), `N(${A(fr, yearCol(j))})`, flows[j - 1]!, "computed", FMT.money);
  // cumulative net cash flow
  let cum = -res.investment;
  const cums: number[] = [cum];
  b.formula(cr, yearCol(0), A(sr, yearCol(0)), cum, "computed", FMT.money);
  for (let j = 1; j <= n; j++) {
    cum += flows[j - 1]!;
    cums.push(cum);
    b.formula(cr, yearCol(j), `${A(cr, yearCol(j - 1))}+${A(sr, yearCol(j))}`, cum, "computed", FMT.money);
  }
  // payback carry: the first year j with cum_j ≥ 0, interpolated; "" before it
  let found: number | null = null;
  for (let j = 1; j <= n; j++) {
    const here = `IF(${A(cr, yearCol(j))}>=0,${j - 1}+(-${A(cr, yearCol(j - 1))})/${A(sr, yearCol(j))},"")`;
    const f = j === 1 ? here : `IF(ISNUMBER(${A(pr, yearCol(j - 1))}),${A(pr, yearCol(j - 1))},${here})`;
    if (found === null && cums[j]! >= 0) found = j - 1 + -cums[j - 1]! / flows[j - 1]!;
    b.formula(pr, yearCol(j), f, found, "computed", FMT.years);
  }
  const seriesRange = rowRange(sr, yearCol(0), yearCol(n));
  const seriesYears = rowRange(seriesTop + 1, yearCol(0), yearCol(n));
  const flowsRange = rowRange(sr, yearCol(1), yearCol(n));
  const yearsRange = rowRange(seriesTop + 1, yearCol(1), yearCol(n));
  const lastPay = A(pr, yearCol(n));
  const notRec = str(t(ctx, ECON_LABELS.notRecovered));
  const noIrr = str(t(ctx, ECON_LABELS.noIrr));
  b.formula(r, EC.payback, `IF(${blank},"",IF(ISNUMBER(${lastPay}),${lastPay},${notRec}))`, res.paybackYears ?? t(ctx, ECON_LABELS.notRecovered), "computed", FMT.years);
  const pvAt = (rate: string) => `SUMPRODUCT(${flowsRange}/(1+${rate})^${yearsRange})`;
  b.formula(r, EC.npv, `IF(${blank},"",${pvAt("CP_DiscountRate")}-${I})`, res.npv, "computed", FMT.money);
  // 试算初值 (P/N)^(1/(T₊ − T₋)) − 1 from the series; blank where it has no value
  const s = seriesRange;
  const pos = `SUMIF(${s},">0")`;
  const neg = `SUMIF(${s},"<0")`;
  const G = A(r, EC.irrGuess);
  b.formula(
    r,
    EC.irrGuess,
    `IF(${blank},"",IFERROR((${pos}/-${neg})^(1/(SUMPRODUCT((${s}>0)*${s},${seriesYears})/${pos}-SUMPRODUCT((${s}<0)*${s},${seriesYears})/${neg}))-1,""))`,
    irrGuessOf(res, true),
    "computed",
    FMT.general,
  );
  // IRR from 10 % (Excel's default; E03), then from the 试算初值; a result ≤ −100 % is no IRR
  const tryIrr = (guess: string, otherwise: string) => `IFERROR(IF(IRR(${s},${guess})>-1,IRR(${s},${guess}),NA()),${otherwise})`;
  b.formula(r, EC.irr, `IF(${blank},"",${tryIrr(String(IRR_FIRST_GUESS), tryIrr(G, noIrr))})`, res.irr ?? t(ctx, ECON_LABELS.noIrr), "computed", FMT.percent);
  // several sign changes (a positive flow before a negative one): several IRRs may exist (spec §3.3, E03)
  const multi = signChanges([-res.investment, ...res.flows]) > 1;
  b.formula(
    sr,
    yearCol(n) + 1,
    `IF(${blank},"",IF(SUMPRODUCT((${s}>0)*(${seriesYears}<SUMPRODUCT(MAX((${s}<0)*${seriesYears}))))>0,${str(t(ctx, ECON_LABELS.multipleIrr))},""))`,
    multi ? t(ctx, ECON_LABELS.multipleIrr) : null,
    "computed",
  );
  const irrC = A(r, EC.irr);
  const k1 = `INT(${irrC}/0.01)`;
  b.formula(
    r,
    EC.irrInterp,
    `IF(${blank},"",IF(ISNUMBER(${irrC}),IFERROR(${k1}*0.01+(${pvAt(`${k1}*0.01`)}-${I})*0.01/(${pvAt(`${k1}*0.01`)}-${pvAt(`(${k1}+1)*0.01`)}),${noIrr}),${noIrr}))`,
    res.irrInterpolated ?? t(ctx, ECON_LABELS.noIrr),
    "computed",
    FMT.percent,
  );
}
