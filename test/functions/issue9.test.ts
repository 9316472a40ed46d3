// Issue 9 ("functions that never give a wrong number"), called as Excel calls the CP.* functions. Each case
// names the old output and where the expected value comes from (a hand calculation written here, or
// formulajs's IRR/NPV over explicit flows); none comes from the function under test.
import * as formulajs from "@formulajs/formulajs";
import { describe, expect, test } from "vitest";
import * as CP from "../../src/functions/functions";
import { expectClose } from "../helpers/tolerance";
import { col, expectCfError, num, rowRange } from "./cf-helpers";

describe("a per-year range whose years are all equal is per-year", () => {
  test("CP.PAYBACK(100, 10·3 years) is not recovered within the range (was 10)", () => {
    // hand: the cumulative flow 10, 20, 30 never reaches 100 in the 3 years given
    expectCfError(CP.payback(100, col(10, 10, 10)), "#N/A", /within the 3 years/);
    expectCfError(CP.payback(100, rowRange(10, 10, 10)), "#N/A", /not recovered/);
    // one number is the constant F: N = I/F = 10 whatever the horizon (documented)
    expect(CP.payback(100, [[10]], 3)).toBe(10);
  });
  test("within the range the equal years give the interpolated year (hand: 150 = 4·32.5 + 20 → 4 + 20/32.5)", () => {
    expectClose(num(CP.payback(150, col(...new Array<number>(10).fill(32.5)))), 4 + 20 / 32.5, { rel: 1e-15, abs: 0 });
    expect(CP.payback(1, col(...new Array<number>(10).fill(0.1)))).toBe(10); // recovered in the last year
  });
});

describe("IRR over every rate a double holds", () => {
  test("a root near −100 %: I 1, F 1e-15 → −1 + 1e-15 (was #NUM!; formulajs returns its guess 0.1)", () => {
    expectClose(num(CP.irr(1, [[1e-15]], 1)), -1 + 1e-15, { rel: 0, abs: 2.3e-16 }, "hand: 1 + r = F/I");
    expect(formulajs.IRR([-1, 1e-15])).toBe(0.1); // why formulajs is no oracle here
  });
  test("an absurd guess finds the ordinary root: 100; 60, 60 from 1e286 (was #NUM!)", () => {
    const fj = formulajs.IRR([-100, 60, 60]) as number;
    expectClose(num(CP.irr(100, col(60, 60), null, 1e286)), fj, { rel: 0, abs: 1e-9 }, "formulajs from 0.1");
  });
  test("an IRR beyond the number range is said so", () => {
    expectCfError(CP.irr(1, [[1e-20]], 1), "#NUM!", /closer to −100 %/);
    expectCfError(CP.irr(1e-10, [[1e300]], 1), "#NUM!", /larger than the largest number/);
  });
  test("subnormal amounts: 2u; u, u, u (u = 5e-324) gives IRR(−2, 1, 1, 1) (was 0.3)", () => {
    const u = 5e-324;
    expectClose(num(CP.irr(2 * u, col(u, u, u))), formulajs.IRR([-2, 1, 1, 1]) as number, { rel: 0, abs: 1e-9 }, "scale-free");
  });
});

describe("no overflow on the way to a representable result", () => {
  test("CP.NPV(10 %, 1.7e308, 1.7e308, 1.7e308) = 1.7e308·(1/1.1 + 1/1.21 − 1) (was #NUM!)", () => {
    expectClose(num(CP.npv(0.1, 1.7e308, col(1.7e308, 1.7e308))), 1.7e308 * (1 / 1.1 + 1 / 1.21 - 1), { rel: 1e-14, abs: 0 }, "hand");
  });
  test("CP.BALANCEERROR(1.7e308, 1.7e308; 1.7e308) = 0.5 and CP.BALANCECHECK is FALSE (was 0 and TRUE)", () => {
    expect(CP.balanceerror(col(1.7e308, 1.7e308), col(1.7e308))).toBe(0.5);
    expect(CP.balancecheck(col(1.7e308, 1.7e308), col(1.7e308))).toBe(false);
  });
  test("CP.BALANCEERROR on subnormal amounts as typed: 5e-323 vs 4.4e-323 → 0.12 (was 0.1)", () => {
    expect(CP.balanceerror(col(5e-323), col(4.4e-323))).toBe(0.12); // hand: (5 − 4.4)/5
  });
});

describe("CP.IRRINTERP when the IRR lies on a grid rate", () => {
  test("IRR 0 with step 1: 0 (was #NUM!); coupon −99 % with step 1 %: −0.99 (was #NUM!)", () => {
    // hand: −100 + 0 + 100/(1+r)² = 0 → r = 0; −100 − 99/(1+r) + 1/(1+r)² = −100 − 9900 + 10000 = 0 at 1 + r = 0.01
    expect(CP.irrinterp(100, col(0, 100), null, 1)).toBe(0);
    expectClose(num(CP.irrinterp(100, col(-99, 1))), -0.99, { rel: 0, abs: 1e-12 }, "coupon rate");
    expectClose(num(CP.irrinterp(100, [[110]], 1)), 0.1, { rel: 0, abs: 1e-15 }, "110/100 − 1");
  });
});
