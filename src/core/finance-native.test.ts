/**
 * The emulations of LibreOffice's RATE, IRR, PV, INT and ^ against LibreOffice itself. Every expected
 * value below is what LibreOffice 7.4.7.2 (Debian build, x86-64) showed after recalculating a sheet of
 * exactly these formulas (written with ExcelJS, cached values stripped, exported to CSV unrounded: the
 * compare() helper of test/probes/native-functions.probe.ts); "Err:523" (no convergence) and "#NUM!" are
 * the sheet's errors, null here. The same probe over ~8,700 random edge inputs found no difference.
 */
import { describe, expect, test } from "vitest";
import * as fc from "fast-check";
import { approxValue, nativeInt, nativeIrr, nativePower, nativePv, nativeRate, NeumaierSum, powInt } from "./finance-native";

/** A LibreOffice CSV number ("27.3198424104987%", 15 significant digits) against the emulation. */
function expectShown(emulated: number | null, shown: number | null): void {
  if (shown === null) {
    expect(emulated).toBeNull();
    return;
  }
  expect(emulated).not.toBeNull();
  expect(Math.abs(emulated! - shown)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(shown)));
}

describe("nativeRate: LibreOffice's RATE (ScRate + RateIteration)", () => {
  test.each([
    // [nper, pmt, pv, guess, LibreOffice shows]
    ["ordinary, from the default 0.1", 10, 3, -10, undefined, 0.273198424104987],
    ["the default start fails, the retry from 0.05·… succeeds", 5, 17223.9, -28094.5, undefined, 0.542969230970416],
    ["no retry converges (Newton wanders below −100 % and back): Err:523", 5, 13.284, -0.0476349, undefined, null],
    ["the same from F/I", 5, 13.284, -0.0476349, 278.87, 278.871163789412],
    ["F tiny against I: a rate just above −100 %", 2, 1.28272e-17, -4.97489e-8, undefined, -0.999731125227154],
    ["amounts below the absolute 1e-14 test: the start value itself", 10, 1e-16, -1e-15, undefined, 0.1],
    ["F = 3·I over 50 years: no start of the default search converges", 50, 30, -10, undefined, null],
    ["the same from 3", 50, 30, -10, 3, 3],
    ["F ≫ I, n = 3: Err:523 from the default", 3, 96.8406, -0.154481, undefined, null],
    ["the same from F/I", 3, 96.8406, -0.154481, 626.87, 626.877089148625],
  ] as const)("%s", (_what, nper, pmt, pv, guess, shown) => {
    expectShown(nativeRate(nper, pmt, pv, 0, false, guess), shown);
  });

  test("nper ≤ 0 is an error (ODFF)", () => {
    expect(nativeRate(0, 1, -1)).toBeNull();
    expect(nativeRate(-2, 1, -1)).toBeNull();
  });
});

describe("nativeIrr: LibreOffice's IRR (ScIRR)", () => {
  const e05 = [-1607, ...new Array<number>(19).fill(-1607), ...new Array<number>(30).fill(0), 250010];
  test.each([
    // [values, guess, LibreOffice shows]
    ["−1000, 100, 0, 100 from 10 %: Err:523", [-1000, 100, 0, 100], 0.1, null],
    ["the same from 5 %", [-1000, 100, 0, 100], 0.05, null],
    ["E03 from 10 %", [-50, -100, 600, 300, -100], 0.1, 1.85441782845618],
    ["E03 from −75 %", [-50, -100, 600, 300, -100], -0.75, -0.768895470680781],
    ["a root below −100 % is returned (the sheet rejects it)", [-1.74067, 0, 0.424151], 0.1, -1.49363054519075],
    ["a start of 0 ending within 1e-7 of 0 gives 0", [-100, 50, 50.000001], 0, 0],
    ["a start of −1 starts from 0.1", [-100, 50, 50.000001], -1, 0.0000000066666581248467],
    ["I ≫ the flows, from 10 %: Err:523", [-4191180000, 13.3565, 0.0930547, 0.12106], 0.1, null],
    ["the same from the duration guess: stops at a rate that is no root (steps < 1e-7 near −100 %)", [-4191180000, 13.3565, 0.0930547, 0.12106], -0.9999999948132724, -0.999999993084363],
    ["a start at the root stays there", [-39399400, 0.107396], -0.9999999972741717, -0.999999997274172],
    ["E05 from 10 %: Err:523", e05, 0.1, null],
    ["E05 from its duration guess", e05, 0.05195658127076852, 0.0509013274978376],
  ] as const)("%s", (_what, values, guess, shown) => {
    expectShown(nativeIrr(values, guess), shown);
  });
});

describe("nativePv, nativeInt, nativePower", () => {
  test.each([
    [0.1, 10, -3, 18.4337013171141],
    [-1, 5, -3, null], // #NUM!
    [0, 5, -3, 15],
    [0.12, 1000, -7, 58.3333333333333],
  ] as const)("PV(%s, %s, %s)", (rate, nper, pmt, shown) => {
    const v = nativePv(rate, nper, pmt);
    if (shown === null) expect(v).toBeNull();
    else expect(Math.abs(v! - shown)).toBeLessThanOrEqual(1e-13 * shown);
  });

  test("INT reads a value to 15 significant digits first: INT(9.999999999999998) = 10 (LibreOffice shows 10)", () => {
    expect(nativeInt(9.999999999999998)).toBe(10);
    expect(nativeInt(-0.5)).toBe(-1);
    expect(nativeInt(2.5)).toBe(2);
    expect(approxValue(0.1 + 0.2)).toBe(0.3);
  });

  test("3^1000 is #NUM! (LibreOffice shows #NUM!); 1.1^10 is a number", () => {
    expect(nativePower(3, 1000)).toBeNull();
    expect(nativePower(1.1, 10)).toBeCloseTo(2.5937424601, 12);
  });
});

/** The correctly rounded x^k from the exact rational power (BigInt), as an independent oracle. */
function exactPow(x: number, k: number): number {
  if (x < 0) return (k % 2 !== 0 ? -1 : 1) * exactPow(-x, k);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  let e = Number((bits >> 52n) & 0x7ffn);
  let m = bits & ((1n << 52n) - 1n);
  if (e === 0) e = 1;
  else m |= 1n << 52n;
  e -= 1075;
  // x^k = m^k · 2^(e·k); for k < 0 the quotient 2^s / m^|k| to 60 bits beyond the 53 kept
  let num: bigint;
  let E: number;
  if (k >= 0) {
    num = m ** BigInt(k);
    E = e * k;
  } else {
    const den = m ** BigInt(-k);
    const s = den.toString(2).length + 120;
    num = (1n << BigInt(s)) / den;
    const exactDivision = (1n << BigInt(s)) % den === 0n;
    num = num * 2n + (exactDivision ? 0n : 1n); // a sticky bit for "more below"
    E = -s - 1 - e * -k;
  }
  const len = num.toString(2).length;
  const shift = len - 53;
  if (shift > 0) {
    const q = num >> BigInt(shift);
    const rem = num - (q << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    num = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
    E += shift;
  }
  return Number(num) * 2 ** E;
}

describe("powInt: the correctly rounded integer power the C library gives", () => {
  test("equals the exactly rounded power wherever the result is a normal double", () => {
    fc.assert(
      fc.property(fc.double({ min: -4, max: 4, noNaN: true }), fc.integer({ min: -400, max: 400 }), (x, k) => {
        fc.pre(x !== 0);
        const want = exactPow(x, k);
        fc.pre(Number.isFinite(want) && Math.abs(want) > 2.3e-308 && Math.abs(want) < 1e300);
        expect(powInt(x, k)).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });

  test("near 1 with large exponents (the rates of RATE and IRR)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 1.5, noNaN: true }), fc.integer({ min: 1, max: 1001 }), (x, k) => {
        const want = exactPow(x, k);
        fc.pre(Math.abs(want) > 2.3e-308 && Math.abs(want) < 1e300);
        expect(powInt(x, k)).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });

  test("overflow, zero, k = 0 and non-integer k as pow does", () => {
    expect(powInt(3, 1000)).toBe(Infinity);
    expect(powInt(-3, 1001)).toBe(-Infinity);
    expect(powInt(0, 5)).toBe(0);
    expect(powInt(0, -5)).toBe(Infinity);
    expect(powInt(7, 0)).toBe(1);
    expect(powInt(2, 0.5)).toBe(Math.SQRT2);
  });
});

test("NeumaierSum keeps what plain addition loses", () => {
  const s = new NeumaierSum();
  for (const v of [1e16, 1, -1e16]) s.add(v);
  expect(s.get()).toBe(1);
});
