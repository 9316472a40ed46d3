// The numeric helpers under core's "never a wrong number" (issue 9). Expected values: plain IEEE double
// arithmetic where it is exact (the normal range), hand calculations, and LibreOffice's ROUND for ties.
import { describe, expect, test } from "vitest";
import * as fc from "fast-check";
import { decimalRatio, extAdd, extDiv, extMul, extSub, fromExt, roundDecimals, toDecimal, toExt } from "./float";

describe("Ext: binary floating point with an unbounded exponent", () => {
  test("in the normal range every operation equals the plain double operation bit for bit", () => {
    const d = fc.double({ min: -1e100, max: 1e100, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-100);
    fc.assert(
      fc.property(d, d, (a, b) => {
        const A = toExt(a);
        const B = toExt(b);
        expect(fromExt(extAdd(A, B))).toBe(a + b === 0 ? 0 : a + b);
        expect(fromExt(extSub(A, B))).toBe(a - b === 0 ? 0 : a - b);
        expect(fromExt(extMul(A, B))).toBe(a * b === 0 ? 0 : a * b);
        if (b !== 0) expect(fromExt(extDiv(A, B))).toBe(a / b === 0 ? 0 : a / b);
      }),
      { numRuns: 2000, seed: 12 },
    );
  });

  test("beyond it: no overflow or underflow on the way (hand values)", () => {
    const big = toExt(1.7e308);
    // (1.7e308 + 1.7e308) / 4 = 8.5e307: the sum alone is beyond the largest double
    expect(fromExt(extDiv(extAdd(big, big), toExt(4)))).toBe(8.5e307);
    // 5e-324 · 5e-324 · 2^2148 = 1 exactly, through a product far below the smallest double
    const twoTo2148 = extMul(extMul(toExt(2 ** 1000), toExt(2 ** 1000)), toExt(2 ** 148));
    expect(fromExt(extMul(extMul(toExt(5e-324), toExt(5e-324)), twoTo2148))).toBe(1);
    expect(fromExt(extAdd(big, big))).toBe(Infinity); // a true overflow stays one
    expect(fromExt(extMul(toExt(5e-324), toExt(0.25)))).toBe(0); // below half the smallest double
    expect(toExt(5e-324)).toEqual({ m: 1, e: -1074 });
  });
});

describe("decimalRatio: a/b of exact decimals, rounded once", () => {
  test("hand values, whatever the magnitudes", () => {
    expect(decimalRatio(toDecimal(1), toDecimal(3))).toBe(1 / 3);
    expect(decimalRatio(toDecimal(0.6), toDecimal(5))).toBe(0.12); // 0.6/5 in floats is 0.12000000000000001
    expect(decimalRatio(toDecimal(1e-320), toDecimal(1e-321))).toBe(10); // binary 1e-320/1e-321 is 10.0198…
    expect(decimalRatio(toDecimal(1.7e308), toDecimal(1e-10))).toBe(Infinity); // a true overflow: 1.7e318
    expect(decimalRatio(toDecimal(-7), toDecimal(2))).toBe(-3.5);
  });
  test("equals the correctly rounded double division on values exact in both (integers below 2^53)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), (a, b) => {
        expect(decimalRatio(toDecimal(a), toDecimal(b))).toBe(a / b === 0 ? 0 : a / b);
      }),
      { numRuns: 2000, seed: 13 },
    );
  });
});

describe("roundDecimals: ROUND(x, d) as the spreadsheet computes it", () => {
  test("decimal ties round away from zero although their binary value lies below (LibreOffice 7.4 gives these)", () => {
    expect(roundDecimals(2.675, 2)).toBe(2.68); // toFixed: 2.67
    expect(roundDecimals(1.005, 2)).toBe(1.01); // toFixed: 1.00
    expect(roundDecimals(1.2345678905, 9)).toBe(1.234567891);
    expect(roundDecimals(-1.2345678905, 9)).toBe(-1.234567891);
    expect(roundDecimals(0.1234567895, 9)).toBe(0.12345679);
  });
  test("float noise never splits a tie; integers, |x| ≥ 2^52, 0 and −0 pass unchanged (no −0)", () => {
    expect(roundDecimals(0.1 * 3, 9)).toBe(0.3);
    expect(roundDecimals(1.9000000000000001, 9)).toBe(1.9);
    expect(roundDecimals(12345, 9)).toBe(12345);
    expect(roundDecimals(2 ** 53 + 2, 9)).toBe(2 ** 53 + 2);
    expect(Object.is(roundDecimals(-0, 9), 0)).toBe(true);
    expect(Object.is(roundDecimals(-1e-12, 9), 0)).toBe(true);
  });
});
