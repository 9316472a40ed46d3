// Expected values: hand arithmetic from the research notes' published numbers (../shared/docs/energy-carbon-report.md
// T1–T3), written out here, never read from the data file.
import { describe, expect, it } from "vitest";
import { expectCpError } from "../../test/helpers/cp-error";
import { co2Of, ENERGY_CARBON, findCarrier, gridFactor, kgcePerUnit, parseConvention, tceOf } from "./energy-carbon";

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

describe("tceOf", () => {
  it("electricity 当量: 10 000 kWh × 0.1229 kgce/kWh = 1.229 tce; by zh, en or id", () => {
    close(tceOf(10000, "电力"), 1.229);
    close(tceOf(10000, "Electricity", "equivalent"), 1.229);
    close(tceOf(10000, " electricity "), 1.229);
  });
  it("electricity 等价 uses the equal value (shipped 0.30 kgce/kWh, an editable estimate)", () => {
    close(tceOf(10000, "电力", "equal"), 3.0);
  });
  it("fuels: 1 万 m³ natural gas × 1.2143 = 12.143 tce; 100 t raw coal × 714.3 kgce/t = 71.43 tce; the convention does not matter", () => {
    close(tceOf(10000, "天然气"), 12.143);
    close(tceOf(10000, "天然气", "equal"), 12.143);
    close(tceOf(100, "原煤"), 71.43);
    close(tceOf(50, "蒸汽"), 6.43); // 50 t × 128.6 kgce/t
  });
  it("media count at their equal value under either convention: 10 000 t fresh water × 0.0857 = 0.857 tce", () => {
    close(tceOf(10000, "新水"), 0.857);
    close(tceOf(10000, "新水", "equal"), 0.857);
    expect(kgcePerUnit({ kgceEqual: 0.04 }, "equivalent")).toBe(0.04);
  });
  it("errors: a pollutant has no tce (#N/A), an unknown carrier (#N/A), a non-number (#VALUE!)", () => {
    expectCpError(() => tceOf(1, "COD"), "#N/A", /standard-coal/);
    expectCpError(() => tceOf(1, "unobtainium"), "#N/A", /unknown carrier/);
    expectCpError(() => tceOf(Number.NaN, "电力"), "#VALUE!", /quantity/);
  });
});

describe("co2Of", () => {
  it("electricity uses the grid factor directly: 10 000 kWh × 0.5306 / 1000 = 5.306 tCO2 (2023 national, the default)", () => {
    close(co2Of(10000, "电力"), 5.306);
    close(co2Of(10000, "电力", 2023, "全国"), 5.306);
    close(co2Of(10000, "电力", 2022, "National"), 5.366);
    close(co2Of(10000, "电力", 2021, "national"), 5.568);
    close(co2Of(10000, "电力", 2022, "华北"), 6.776);
    close(co2Of(10000, "电力", 2023, "西南"), 2.472);
    close(co2Of(10000, "电力", 2022, "全国碳市场"), 5.703);
  });
  it("never through tce: 0.5306 kg/kWh is not 0.1229 kgce × any fuel's factor", () => {
    expect(co2Of(1000, "电力") / tceOf(1000, "电力")).toBeGreaterThan(4); // ≈ 4.3 tCO2/tce, unlike any fuel
  });
  it("natural gas: 1 万 m³ = 389.31 GJ × 0.01530 tC/GJ × 99 % × 44/12 = 21.62 tCO2", () => {
    close(co2Of(10000, "天然气"), (389.31 * 0.0153 * 0.99 * 44) / 12);
    expect(co2Of(10000, "天然气")).toBeCloseTo(21.62, 2);
  });
  it("fuels by the guides' formula (T3's derived factors): crude 3.020, diesel 3.096, anthracite 2.323 tCO2/t", () => {
    expect(co2Of(1, "原油")).toBeCloseTo(3.02, 3);
    expect(co2Of(1, "柴油")).toBeCloseTo(3.096, 3);
    expect(co2Of(1, "无烟煤")).toBeCloseTo(2.323, 3);
    close(co2Of(1, "无烟煤"), (24.515 * 0.02749 * 0.94 * 44) / 12);
  });
  it("heat 0.11 tCO2/GJ; steam 3.763 GJ/t × 0.11 ≈ 0.414 tCO2/t", () => {
    close(co2Of(100, "热力"), 11);
    close(co2Of(100, "蒸汽"), 100 * 3.763 * 0.11);
  });
  it("errors: unknown year or region (#N/A, naming what is stored), pollutant without factor (#N/A)", () => {
    expectCpError(() => co2Of(1, "电力", 2019), "#N/A", /2019/);
    expectCpError(() => co2Of(1, "电力", 2023, "火星"), "#N/A", /region/);
    expectCpError(() => co2Of(1, "氨氮"), "#N/A", /CO2/);
    expectCpError(() => gridFactor(2021, "华北"), "#N/A", /2022, 2023/);
  });
});

describe("data", () => {
  it("pollutant and effect items carry the EFFECT_ITEMS names; conventions parse in both languages", () => {
    for (const n of ["电力", "新水", "COD", "氨氮", "SO2", "NOx", "VOCs", "颗粒物", "一般固废", "危险废物"]) expect(findCarrier(n).zh).toBe(n);
    expect(parseConvention("当量值")).toBe("equivalent");
    expect(parseConvention("Equal")).toBe("equal");
    expectCpError(() => parseConvention("both"), "#VALUE!", /当量/);
    // every (year, region) names one factor
    const keys = ENERGY_CARBON.gridFactors.map((g) => `${g.year}|${g.region}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
