/**
 * Weighted-sum scoring (权重总和计分排序法), spec §2: audit-focus selection (审核重点) and option
 * screening (方案筛选). Weights W_i (1–10 by convention, need not sum to 1 or 100) and scores
 * R_ij (1–10) are plain numbers; totals S_j = Σ_i W_i·R_ij; ranks like RANK.EQ descending on
 * ROUND(S_j, 9), so float noise never splits a tie.
 */
import { CpError, describe } from "./errors";
import { EXT_ZERO, extAdd, extDiv, extMul, fromExt, isNormalOrZero, RANK_KEY_DECIMALS, round9, toExt, type Ext } from "./float";

export { RANK_KEY_DECIMALS, round9 };

function num(x: unknown, what: string): number {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new CpError("#VALUE!", `${what} must be a finite number (got ${describe(x)})`);
  }
  return x;
}

function list(x: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(x)) throw new CpError("#VALUE!", `${what} must be a list of numbers (got ${describe(x)})`);
  return x;
}

function finite(x: number, what: string): number {
  if (!Number.isFinite(x)) throw new CpError("#NUM!", `${what} overflows the number range`);
  return x === 0 ? 0 : x;
}

function weighted(weights: readonly number[], scores: readonly number[], label: string): number {
  const w = list(weights, "weights");
  const s = list(scores, `${label}scores`);
  if (w.length !== s.length) {
    throw new CpError("#VALUE!", `${label}weights and scores must have the same length (${w.length} weights, ${s.length} scores)`);
  }
  const ws: number[] = [];
  const ss: number[] = [];
  for (let i = 0; i < w.length; i++) {
    ws.push(num(w[i], `weight ${i + 1}`));
    ss.push(num(s[i], `${label}score ${i + 1}`));
  }
  // plain doubles (SUMPRODUCT's rounding) while every value stays normal; otherwise the same sum with an
  // unbounded exponent: an overflowing product that a later one cancels, or subnormal weights, never give
  // a wrong total
  let total = 0;
  let plain = true;
  for (let i = 0; i < ws.length && plain; i++) {
    const p = ws[i]! * ss[i]!;
    total += p;
    plain = isNormalOrZero(ws[i]!) && isNormalOrZero(ss[i]!) && isNormalOrZero(p) && isNormalOrZero(total);
  }
  if (plain) return finite(total, `${label}weighted score`);
  let t: Ext = EXT_ZERO;
  for (let i = 0; i < ws.length; i++) t = extAdd(t, extMul(toExt(ws[i]!), toExt(ss[i]!)));
  return finite(fromExt(t), `${label}weighted score`);
}

/**
 * 权重总和 S = Σ_i W_i·R_i (like SUMPRODUCT), spec §2.1/§2.7, CP.WEIGHTEDSCORE.
 * E19: weights 0.3, 0.5, 0.2 and scores 4, 3, 5 → 3.7. Empty lists → 0.
 * @param weights W_i (1×k or k×1); any finite numbers, need not sum to 1 or 100
 * @param scores R_i, same length (else #VALUE!); text/NaN/±Infinity → #VALUE!
 */
export function weightedScore(weights: readonly number[], scores: readonly number[]): number {
  return weighted(weights, scores, "");
}

/**
 * Proportional score for a quantitative factor (spec §2.3, CP.PROPSCORE), unrounded:
 * 10·x/max(values) (more is "better", e.g. waste t/a), or with lowerIsBetter 10·min(values)/x.
 * Quantities are ≥ 0 (negative → #NUM!); max = 0 (or no values) → #DIV/0!; x = 0 with
 * lowerIsBetter → #DIV/0!; text/NaN/±Infinity → #VALUE!.
 * @example proportionalScore(250, [500, 250, 120]) // 5
 */
export function proportionalScore(value: number, values: readonly number[], lowerIsBetter?: boolean | null): number {
  const x = num(value, "value");
  const xs = list(values, "values").map((v, k) => num(v, `values item ${k + 1}`));
  if (x < 0) throw new CpError("#NUM!", `value must be ≥ 0 (a quantity); got ${x}`);
  xs.forEach((v, k) => {
    if (v < 0) throw new CpError("#NUM!", `values item ${k + 1} must be ≥ 0 (a quantity); got ${v}`);
  });
  if (xs.length === 0) throw new CpError("#DIV/0!", "values is empty: there is no maximum/minimum to score against");
  if (lowerIsBetter === true) {
    if (x === 0) throw new CpError("#DIV/0!", "value is 0: the lower-is-better score 10·min/x is undefined");
    return tenTimesRatio(xs.reduce((m, v) => (v < m ? v : m), Infinity), x);
  }
  const max = xs.reduce((m, v) => (v > m ? v : m), 0);
  if (max === 0) throw new CpError("#DIV/0!", "the largest of values is 0: the score 10·x/max is undefined");
  return tenTimesRatio(x, max);
}

/** 10·a/b as the sheet's formula rounds it, without the overflow of 10·a or the lost digits of subnormals. */
function tenTimesRatio(a: number, b: number): number {
  const ten = 10 * a;
  const v = ten / b;
  if (isNormalOrZero(a) && isNormalOrZero(b) && isNormalOrZero(ten) && isNormalOrZero(v)) return finite(v, "proportional score");
  return finite(fromExt(extDiv(extMul(toExt(10), toExt(a)), toExt(b))), "proportional score");
}

/**
 * Competition ranks, 1 = largest total, like Excel RANK.EQ(ROUND(total, 9), …, 0): ties share the
 * rank and the next rank is skipped (1, 2, 2, 4). Totals equal after rounding to 9 decimals tie
 * (E20: 1.9 and 1.9000000000000001). Non-finite → #VALUE!.
 */
export function competitionRanks(totals: readonly number[]): number[] {
  const keys = list(totals, "totals").map((t, k) => [round9(num(t, `total ${k + 1}`))]);
  return competitionRanksByKey(keys);
}

/**
 * Competition ranks (1 = best, like RANK.EQ descending: ties share a rank and the next rank is skipped)
 * of keys compared left to right, larger is better (−Infinity allowed as "worst"). The keys are compared
 * as given: round them first where float noise must not split a tie ({@link round9}). O(n log n).
 * Used for the option order by NPVR with its tie-break (finance's npvrRankKey) and for weighted totals.
 */
export function competitionRanksByKey(keys: readonly (readonly number[])[]): number[] {
  const cmp = (a: readonly number[], b: readonly number[]): number => {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a[i] ?? -Infinity;
      const y = b[i] ?? -Infinity;
      if (x > y) return -1;
      if (x < y) return 1;
    }
    return 0;
  };
  list(keys, "keys").forEach((k, i) => {
    if (!Array.isArray(k)) throw new CpError("#VALUE!", `key ${i + 1} must be a list of numbers`);
    k.forEach((v: unknown) => {
      if (typeof v !== "number" || Number.isNaN(v) || v === Infinity) {
        throw new CpError("#VALUE!", `key ${i + 1} must hold finite numbers or −Infinity (got ${describe(v)})`);
      }
    });
  });
  const order = keys.map((_, i) => i).sort((i, j) => cmp(keys[i]!, keys[j]!));
  const ranks = new Array<number>(keys.length);
  for (let p = 0; p < order.length; p++) {
    const i = order[p]!;
    ranks[i] = p > 0 && cmp(keys[order[p - 1]!]!, keys[i]!) === 0 ? ranks[order[p - 1]!]! : p + 1;
  }
  return ranks;
}

/** Result of {@link evaluateFocusSelection}. */
export interface FocusResult {
  /** S_j per candidate, same order as the input */
  totals: number[];
  /** competition rank per candidate (1 = best) */
  ranks: number[];
  /** indexes (0-based) of the candidates with rank 1 */
  selected: number[];
  /** more than one candidate shares rank 1 ("并列 — 需审核小组讨论确定", spec §2.6) */
  tieAtTop: boolean;
}

/**
 * Audit-focus selection by weighted sum (spec §2.1, §2.6; WS2-x 审核重点确定):
 * totals S_j = Σ_i W_i·R_ij per candidate, competition ranks, the rank-1 candidates and whether
 * the top is tied. A candidate with the wrong number of scores → #VALUE! naming the candidate.
 * @param weights W_i per factor
 * @param scores one list R_·j per candidate, in factor order
 */
export function evaluateFocusSelection(weights: readonly number[], scores: readonly (readonly number[])[]): FocusResult {
  const candidates = list(scores, "scores") as readonly (readonly number[])[];
  const totals = candidates.map((s, j) => weighted(weights, s, `candidate ${j + 1}: `));
  const ranks = competitionRanks(totals);
  const selected = ranks.flatMap((r, j) => (r === 1 ? [j] : []));
  return { totals, ranks, selected, tieAtTop: selected.length > 1 };
}
