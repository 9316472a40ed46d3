/**
 * Issue 12: CP.TCE and CP.CO2 over the bundled coefficients. Expected values: hand arithmetic from the research
 * notes' published coefficients (../shared/docs/energy-carbon-report.md T1–T3), written out here; errors as the
 * issue asks: #VALUE! for a non-number quantity, #N/A (with a message) for an unknown carrier, year or region.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { co2, tce } from "../src/functions/functions";

const close = (x: unknown, want: number) => {
  expect(typeof x, `got ${String(x)}`).toBe("number");
  expect(Math.abs((x as number) - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
};
const err = (x: unknown, code: string, re: RegExp) => {
  expect(x).toBeInstanceOf(CustomFunctions.Error);
  const e = x as CustomFunctions.Error;
  expect(e.code).toBe(code);
  expect(e.message).toMatch(re);
};

describe("CP.TCE", () => {
  it("10 000 kWh × 0.1229 kgce/kWh = 1.229 tce (当量, the default); 等价 uses the equal value 0.30", () => {
    close(tce(10000, "电力"), 1.229);
    close(tce(10000, "Electricity", "当量"), 1.229);
    close(tce(10000, "电力", "等价"), 3);
    close(tce(10000, "电力", "equal"), 3);
  });
  it("fuels and media: 1 万 m³ gas × 1.2143 = 12.143; 50 t steam × 128.6 = 6.43; 10 000 t water × 0.0857 = 0.857 tce", () => {
    close(tce(10000, "天然气"), 12.143);
    close(tce(50, "Steam"), 6.43);
    close(tce(10000, "新水", "当量"), 0.857);
  });
  it("errors: #VALUE! for text or blank quantity and an unknown convention; #N/A for an unknown carrier or a pollutant", () => {
    err(tce("abc", "电力"), CustomFunctions.ErrorCode.invalidValue, /quantity/);
    err(tce(null, "电力"), CustomFunctions.ErrorCode.invalidValue, /quantity/);
    err(tce(1, "电力", "both"), CustomFunctions.ErrorCode.invalidValue, /当量/);
    err(tce(1, "unobtainium"), CustomFunctions.ErrorCode.notAvailable, /unknown carrier/);
    err(tce(1, "COD"), CustomFunctions.ErrorCode.notAvailable, /standard-coal/);
  });
});

describe("CP.CO2", () => {
  it("electricity by the grid factor: 2023 national 0.5306 (default) → 5.306 tCO2 per 10 000 kWh; 2022 华北 0.6776; carbon market 0.5703", () => {
    close(co2(10000, "电力"), 5.306);
    close(co2(10000, "电力", 2022, "华北"), 6.776);
    close(co2(10000, "Electricity", 2022, "National"), 5.366);
    close(co2(10000, "电力", 2022, "全国碳市场"), 5.703);
  });
  it("natural gas 1 万 m³ = 389.31 GJ × 0.01530 × 99 % × 44/12 ≈ 21.62 tCO2; heat 100 GJ × 0.11 = 11 tCO2; year and region ignored", () => {
    close(co2(10000, "天然气"), (389.31 * 0.0153 * 0.99 * 44) / 12);
    close(co2(100, "热力", 1900, "nowhere"), 11);
  });
  it("errors: #VALUE! quantity or year not a number; #N/A unknown carrier, year (listing those stored) or region; no factor", () => {
    err(co2("x", "电力"), CustomFunctions.ErrorCode.invalidValue, /quantity/);
    err(co2(1, "电力", "2023年"), CustomFunctions.ErrorCode.invalidValue, /year/);
    err(co2(1, "电力", 2019), CustomFunctions.ErrorCode.notAvailable, /2019.*2021, 2022, 2023/);
    err(co2(1, "电力", 2023, "火星"), CustomFunctions.ErrorCode.notAvailable, /region/);
    err(co2(1, "煤气罐"), CustomFunctions.ErrorCode.notAvailable, /unknown carrier/);
    err(co2(1, "新水"), CustomFunctions.ErrorCode.notAvailable, /CO2/);
  });
});

describe("CP.TCE / CP.CO2 properties", () => {
  const valueOrError = (x: unknown) => (typeof x === "number" && Number.isFinite(x)) || x instanceof CustomFunctions.Error;
  it("any arguments give a finite number or an Excel error, never an exception, NaN or Infinity", () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), fc.anything(), (q, c, v) => valueOrError(tce(q, c, v))), { numRuns: 500 });
    fc.assert(fc.property(fc.anything(), fc.anything(), fc.anything(), fc.anything(), (q, c, y, r) => valueOrError(co2(q, c, y, r))), { numRuns: 500 });
  });
  it("plausible arguments: linear in the quantity (CO2 of 2q = 2 × CO2 of q, up to rounding)", () => {
    const carriers = ["电力", "天然气", "柴油", "蒸汽", "热力", "Coke"];
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.constantFrom(...carriers), (q, c) => {
        const a = co2(q, c) as number;
        const b = co2(2 * q, c) as number;
        return Math.abs(b - 2 * a) <= 1e-9 * Math.max(1, Math.abs(b));
      }),
      { numRuns: 300 },
    );
  });
});
