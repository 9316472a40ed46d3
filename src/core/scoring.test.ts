import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import * as fc from "fast-check";
import * as formulajs from "@formulajs/formulajs";
import { expectClose } from "../../test/helpers/tolerance";
import { isCpError } from "./errors";
import { competitionRanks, competitionRanksByKey, evaluateFocusSelection, proportionalScore, RANK_KEY_DECIMALS, round9, weightedScore } from "./scoring";
import { evaluateEconomics, npvrRankKey, rankByNpvr } from "./finance";
import { expectCpError } from "../../test/helpers/cp-error";

/** The parts of cases/power-plant-workshop.json this test reads; the expected totals are keyed by candidate name. */
interface PublishedFocusCase {
  meta: { expected: { focusSelection: { totals: Partial<Record<string, number>>; focus: string } } };
  focusSelection: { factors: { weight: number }[]; candidates: { name: string; scores: number[] }[] };
}

describe("edge cases (shared/cases/edge-cases.md)", () => {
  test("E19 fractional weights: totals A 3.7, B 3.3, C 3.5; ranks A 1, C 2, B 3", () => {
    const weights = [0.3, 0.5, 0.2];
    const scores = [
      [4, 3, 5],
      [5, 2, 4],
      [3, 4, 3],
    ];
    const r = evaluateFocusSelection(weights, scores);
    const expected = [3.7, 3.3, 3.5];
    r.totals.forEach((t, j) => expectClose(t, expected[j]!, { rel: 0, abs: 1e-12 }, `E19 total ${j}`));
    expect(r.ranks).toEqual([1, 3, 2]);
    expect(r.selected).toEqual([0]);
    expect(r.tieAtTop).toBe(false);
    // SUMPRODUCT as formulajs computes it agrees
    scores.forEach((s, j) => expectClose(weightedScore(weights, s), formulajs.SUMPRODUCT(weights, s) as number, { rel: 1e-15, abs: 1e-15 }, `E19 SUMPRODUCT ${j}`));
  });

  test("E20 totals equal up to float noise share a rank: 1, 2, 2, 4 (RANK.EQ on ROUND(total, 9))", () => {
    const a = 1.9;
    const b = 1.9000000000000001;
    expect(a).not.toBe(b); // the two really are different doubles
    expect(competitionRanks([2, a, b, 1])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([b, a])).toEqual([1, 1]);
    // noise produced by arithmetic: 0.1·3 vs 0.3
    expect(competitionRanks([0.1 * 3, 0.3, 0.2])).toEqual([1, 1, 3]);
    // a tie at the top is reported
    const r = evaluateFocusSelection([1], [[a], [b], [1]]);
    expect(r.selected).toEqual([0, 1]);
    expect(r.tieAtTop).toBe(true);
  });
});

describe("published case (cases/power-plant-workshop.json)", () => {
  test("focus selection totals 336 / 263 / 239 / 208 and focus 锅炉工段", () => {
    const c = JSON.parse(readFileSync(new URL("../../cases/power-plant-workshop.json", import.meta.url), "utf8")) as PublishedFocusCase;
    const fs = c.focusSelection;
    const weights = fs.factors.map((f) => f.weight);
    const names = fs.candidates.map((k) => k.name);
    const r = evaluateFocusSelection(weights, fs.candidates.map((k) => k.scores));
    const x = c.meta.expected.focusSelection;
    names.forEach((n, j) => expectClose(r.totals[j]!, x.totals[n] ?? NaN, { rel: 0, abs: 1e-12 }, `total ${n}`));
    expect(r.selected.map((j) => names[j])).toEqual([x.focus]);
    expect(r.tieAtTop).toBe(false);
  });
});

describe("scoring rules (spec §2)", () => {
  test("proportional score: 500 / 250 / 120 → 10 / 5 / 2.4 (spec §2.3 example), lower is better 10·min/x", () => {
    const xs = [500, 250, 120];
    expectClose(proportionalScore(500, xs), 10, { rel: 0, abs: 1e-12 }, "500");
    expectClose(proportionalScore(250, xs), 5, { rel: 0, abs: 1e-12 }, "250");
    expectClose(proportionalScore(120, xs), 2.4, { rel: 0, abs: 1e-12 }, "120");
    expectClose(proportionalScore(120, xs, true), 10, { rel: 0, abs: 1e-12 }, "lower 120");
    expectClose(proportionalScore(500, xs, true), 2.4, { rel: 0, abs: 1e-12 }, "lower 500");
    expect(proportionalScore(250, xs, null)).toBe(proportionalScore(250, xs, false)); // E08 default
  });

  test("errors: lengths differ #VALUE!, max 0 / x 0 #DIV/0!, non-finite #VALUE!, negative #NUM!", () => {
    expectCpError(() => weightedScore([1, 2], [3]), "#VALUE!", /same length/);
    expectCpError(() => weightedScore([1, Number.NaN], [3, 4]), "#VALUE!", /weight 2/);
    expectCpError(() => evaluateFocusSelection([1, 2], [[1, 2], [3]]), "#VALUE!", /candidate 2/);
    expectCpError(() => proportionalScore(0, [0, 0]), "#DIV/0!", /largest/);
    expectCpError(() => proportionalScore(0, [0, 5], true), "#DIV/0!", /value is 0/);
    expectCpError(() => proportionalScore(1, []), "#DIV/0!", /empty/);
    expectCpError(() => proportionalScore(Infinity, [1]), "#VALUE!", /value/);
    expectCpError(() => proportionalScore(-1, [1]), "#NUM!", /value/);
    expectCpError(() => competitionRanks([1, Number.NaN]), "#VALUE!", /total 2/);
    expect(weightedScore([], [])).toBe(0);
    expect(competitionRanks([])).toEqual([]);
  });

  test("competition ranks match formulajs RANK.EQ (descending) on integer totals", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 12 }), (totals) => {
        const expected = totals.map((t) => formulajs.RANK.EQ(t, totals, 0) as number);
        expect(competitionRanks(totals)).toEqual(expected);
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  test("property: any numbers give finite numbers or a CpError", () => {
    const anyNum = fc.oneof(fc.double(), fc.integer({ min: -10, max: 10 }), fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, 1e308));
    const arr = fc.array(anyNum, { maxLength: 8 });
    fc.assert(
      fc.property(anyNum, arr, arr, fc.array(arr, { maxLength: 5 }), fc.boolean(), (x, w, s, cands, lower) => {
        for (const f of [
          () => weightedScore(w, s),
          () => proportionalScore(x, s, lower),
          () => competitionRanks(s),
          () => evaluateFocusSelection(w, cands),
        ]) {
          let v: unknown;
          try {
            v = f();
          } catch (e) {
            expect(isCpError(e), `threw ${String(e)}`).toBe(true);
            continue;
          }
          const flat = JSON.stringify(v, (_k, val: unknown) => (typeof val === "number" && !Number.isFinite(val) ? "NONFINITE" : val));
          expect(flat).not.toContain("NONFINITE");
        }
      }),
      { numRuns: 1500, seed: 9 },
    );
  });
});

describe("rank keys and ranks, defined once for the sheets (issue 14)", () => {
  test("round9 is ROUND(x, 9) as the sheets' rank keys: noise removed, no −0, huge values unchanged", () => {
    expect(RANK_KEY_DECIMALS).toBe(9);
    expect(round9(1.9000000000000001)).toBe(1.9);
    expect(round9(0.1 * 3)).toBe(0.3);
    expect(round9(1.23456789049)).toBe(1.23456789); // hand: the 10th decimal 4 rounds down
    expect(round9(1.2345678905)).toBe(1.234567891); // hand: …5 rounds up
    expect(Object.is(round9(-1e-12), 0)).toBe(true); // not −0
    expect(Object.is(round9(-0), 0)).toBe(true);
    expect(round9(1e21)).toBe(1e21);
    expect(round9(-2.5e-10)).toBe(0);
  });

  test("competitionRanksByKey: lexicographic, larger first, −Infinity worst; equals RANK.EQ on one key", () => {
    expect(competitionRanksByKey([[1, 2], [1, 3], [0, 9], [1, 3]])).toEqual([3, 1, 4, 1]);
    expect(competitionRanksByKey([[1, -Infinity], [1, 0]])).toEqual([2, 1]);
    expect(competitionRanksByKey([])).toEqual([]);
    expectCpError(() => competitionRanksByKey([[Number.NaN]]), "#VALUE!", /key 1/);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 40 }), (totals) => {
        const expected = totals.map((t) => formulajs.RANK.EQ(t, totals, 0) as number);
        expect(competitionRanksByKey(totals.map((t) => [t]))).toEqual(expected);
      }),
      { numRuns: 300, seed: 6 },
    );
  });

  test("the NPVR order's tie-break (spec §3.4: NPVR, then IRR, then N) is npvrRankKey", () => {
    const a = { npvr: 0.5, irr: 0.2, paybackYears: 3 };
    const b = { npvr: 0.5 + 1e-12, irr: 0.25, paybackYears: 3 }; // NPVR equal after ROUND(·, 9): IRR decides
    const c = { npvr: 0.5, irr: 0.25, paybackYears: 2.5 }; // same IRR as b: the shorter payback wins
    const d = { npvr: 0.5, irr: null, paybackYears: null }; // no IRR, never recovered: last of the tie
    expect(npvrRankKey(a)).toEqual([0.5, 0.2, -3]);
    expect(npvrRankKey(d)).toEqual([0.5, -Infinity, -Infinity]);
    expect(rankByNpvr([a, b, c, d])).toEqual([3, 2, 1, 4]);
    const e = evaluateEconomics({ investment: 100, annualCashFlow: 30 }, { discountRate: 0.1, evaluationYears: 5 });
    expect(rankByNpvr([e, e])).toEqual([1, 1]);
  });
});

describe("issue 9: weighted and proportional scores never overflow on the way", () => {
  test("products beyond the largest double that cancel: weights 1e308, 1e308 · scores 10, −10 → 0 (was #NUM!)", () => {
    expect(weightedScore([1e308, 1e308], [10, -10])).toBe(0);
    // hand: 1e308·10 − 1e308·9.5 = 5e307
    expectClose(weightedScore([1e308, 1e308], [10, -9.5]), 5e307, { rel: 1e-15, abs: 0 }, "Σ W·R");
    expectCpError(() => weightedScore([1e308], [10]), "#NUM!", /overflow/); // a true overflow
  });

  test("proportional score 10·x/max with x near the largest double: 10·1.7e308/1.7e308 = 10 (was #NUM!)", () => {
    expect(proportionalScore(1.7e308, [1.7e308, 1])).toBe(10);
    expect(proportionalScore(8.5e307, [1.7e308])).toBe(5);
    // subnormal quantities: hand 10·(3u)/(4u) = 7.5
    const u = 2 ** -1074;
    expect(proportionalScore(3 * u, [4 * u, u])).toBe(7.5);
    expect(proportionalScore(4 * u, [4 * u, u], true)).toBe(2.5);
  });
});
