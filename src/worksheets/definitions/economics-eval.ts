/**
 * Core's economic evaluation of a case as the economics sheets show it (spec §3): one result per
 * `economics` entry, with the IRR, interpolated IRR and verdict the sheet's native formulas give
 * (LibreOffice's RATE and IRR emulated: where they stop short of core's root or do not converge, the
 * cached value is theirs, issue 9), the verdict text, and the labels the sheets write and compare against. Used by the economics
 * and cash-flow sheets (cached results), the feasibility sheet and the CLI's summary.
 */
import {
  countSignChanges,
  evaluateEconomics,
  IRR_INTERPOLATION_STEP,
  nativeInt,
  nativeIrr,
  nativePower,
  nativePv,
  nativeRate,
  NeumaierSum,
  type EconomicsResult,
} from "../../core";
import { l, tr } from "../i18n";
import type { BuildContext } from "../layout";
import type { Lang } from "../model";
import { registerRows } from "./option-register.worksheet";

/**
 * The payback quota an entry is judged against (spec §3.4): its cost class's quota (the case's
 * `paybackQuotas`, by the register's class of the option, ids compared ignoring case as MATCH does)
 * when given, else the single quota (undefined when that is absent too).
 */
export function quotaOf(ctx: BuildContext, optionId: string): number | undefined {
  const key = optionId.toUpperCase();
  const cls = registerRows(ctx).find((o) => o.id.toUpperCase() === key)?.costClass;
  const q = ctx.auditCase?.paybackQuotas;
  const own = q && cls !== undefined && cls in q ? q[cls as keyof typeof q] : undefined;
  return own ?? ctx.params?.paybackQuota;
}

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
  pending: l("待定：", "Pending: "),
  incomplete: l("数据不全", "data incomplete"),
  notInEconomics: l("编号不在经济评估表中", "ID not on the economics sheet"),
  missingFlows: l("缺少逐年现金流量", "no yearly flows"),
  missingRate: l("缺少贴现率", "discount rate missing"),
  missingTax: l("缺少税率", "tax rate missing"),
  missingY: l("缺少折旧年限", "depreciation life missing"),
  missingN: l("缺少计算期", "evaluation horizon missing"),
  missingBenchmark: l("缺少基准收益率", "benchmark rate missing"),
  missingQuota: l("缺少定额投资偿还期", "payback quota missing"),
  unknownId: l("编号不在方案汇总表中", "ID not in the options register"),
  missingI: l("缺少投资", "investment missing"),
  iNaN: l("投资不是数值", "investment is not a number"),
  iNotPositive: l("投资须大于 0", "investment must be > 0"),
  missingP: l("缺少年运行费用节省额 P", "savings P missing"),
  pNaN: l("P 不是数值", "P is not a number"),
  fNaN: l("给定 F 不是数值", "given F is not a number"),
  invDiffers: l("投资与方案汇总表不同", "investment differs from the register"),
  flowsNaN: l("逐年现金流量含非数值", "a yearly flow is not a number"),
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

/** Sign changes of a series, zeros ignored (core's rule). */
export const signChanges = countSignChanges;

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
          paybackQuota: quotaOf(ctx, e.optionId),
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
 * What the IRR cell's formula gives, computed as the spreadsheet computes it (core's emulations of
 * LibreOffice's RATE and IRR, src/core/finance-native.ts); null = 无内部收益率.
 * - constant F (表5-3): IF(F ≤ 0, 无内部收益率, IFERROR(RATE(n, F, −I), IFERROR(RATE(n, F, −I, 0, 0, F/I), 无内部收益率)));
 * - per year (逐年现金流量): IRR(series, 10 %) if it converges to a rate > −100 %, else the same from the
 *   试算初值 (blank where its formula has no value, which makes IRR an error), else 无内部收益率.
 */
export function sheetIrrOf(r: EconomicsResult, perYear: boolean): number | null {
  if (perYear) {
    const series = seriesOf(r);
    const tryIrr = (guess: number | null) => {
      if (guess === null) return null;
      const x = nativeIrr(series, guess);
      return x !== null && x > -1 ? x : null;
    };
    return tryIrr(IRR_FIRST_GUESS) ?? tryIrr(durationGuess(series));
  }
  const F = r.annualCashFlow;
  if (F === null || F <= 0) return null;
  const guess = irrGuessOf(r, false);
  return nativeRate(r.years, F, -r.investment) ?? (guess === null ? null : nativeRate(r.years, F, -r.investment, 0, false, guess));
}

/**
 * What the 内插IRR cell's formula gives around the IRR cell's value `irr`: with k = INT(irr/h), h = 1 %,
 * k·h + (PV(k·h) − I)·h/(PV(k·h) − PV((k+1)·h)), where PV is PV(rate, n, −F) for a constant F and
 * SUMPRODUCT(F_j/(1+rate)^j) per year; null (无内部收益率) where the formula is an error (a power beyond
 * the number range, a division by 0).
 */
export function sheetIrrInterpolatedOf(irr: number, r: EconomicsResult, perYear: boolean): number | null {
  const h = IRR_INTERPOLATION_STEP;
  const k = nativeInt(irr / h);
  const pvAt = (rate: number): number | null => {
    if (!perYear) return r.annualCashFlow === null ? null : nativePv(rate, r.years, -r.annualCashFlow);
    const sum = new NeumaierSum();
    for (let j = 1; j <= r.flows.length; j++) {
      const d = nativePower(1 + rate, j);
      if (d === null || d === 0) return null;
      sum.add(r.flows[j - 1]! / d);
    }
    return sum.get();
  };
  const pv1 = pvAt(k * h);
  const pv2 = pvAt((k + 1) * h);
  if (pv1 === null || pv2 === null || pv1 === pv2) return null;
  const v = k * h + ((pv1 - r.investment) * h) / (pv1 - pv2);
  return Number.isFinite(v) ? v : null;
}

/**
 * core's result with the IRR, the interpolated IRR and the verdict the sheet's formulas give
 * ({@link sheetIrrOf}, {@link sheetIrrInterpolatedOf}): the rate the native chain stops at — core's root
 * where it converges to it (to within its 1e-7 step), another root where the flows change sign more
 * than once (spec §3.3, E03), a rate that is no root where Newton's steps fall below 1e-7 far from one
 * or the amounts are below RATE's 1e-14 test — and 无内部收益率 where it does not converge. The value
 * itself, not core's exact root, is cached: the IRR rank key ROUND(IRR, 9) is formed from it. The IRR
 * test and the verdict follow it.
 */
function asTheSheetFindsIrr(r: EconomicsResult, perYear: boolean, benchmark: number): EconomicsResult {
  const found = sheetIrrOf(r, perYear);
  const interpolated = found === null ? null : sheetIrrInterpolatedOf(found, r, perYear);
  if (found === r.irr && interpolated === r.irrInterpolated) return r;
  const irrOk = found !== null && found >= benchmark;
  return {
    ...r,
    irr: found,
    irrInterpolated: interpolated,
    verdict: { ...r.verdict, irrOk, feasible: r.verdict.paybackOk && r.verdict.npvOk && irrOk },
  };
}
