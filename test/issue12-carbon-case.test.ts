/**
 * Issue 12 in the case file: the energy parameters and the coefficient sections are validated and reach the
 * AuditCase; a grid-factor year and region without a factor (bundled data 2021–2023, or the case's gridFactors) is a
 * warning naming the years stored.
 */
import { describe, expect, it } from "vitest";
import { validateCase } from "../src/worksheets/case";

const base = { meta: { title: "issue 12" } };

describe("case file: energy parameters, factors, gridFactors", () => {
  it("valid parameters and sections are kept", () => {
    const v = validateCase({
      ...base,
      parameters: { factorYear: 2022, gridRegion: "华北", electricityConvention: "等价" },
      factors: [{ item: "新水", kgceEqual: 0.2571 }],
      gridFactors: [{ year: 2023, region: "江苏", value: 0.5827 }],
    });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.warnings).toEqual([]);
    expect(v.value.parameters).toMatchObject({ factorYear: 2022, gridRegion: "华北", electricityConvention: "等价" });
    expect(v.value.factors).toEqual([{ item: "新水", kgceEqual: 0.2571 }]);
    expect(v.value.gridFactors).toEqual([{ year: 2023, region: "江苏", value: 0.5827 }]);
  });

  it("a year or region without a grid factor is a warning; a case grid factor for it silences it", () => {
    const w = (x: object) => {
      const v = validateCase({ ...base, ...x });
      return v.ok ? v.warnings.map((i) => `${i.path}: ${i.message}`) : v.errors.map((i) => i.message);
    };
    expect(w({ parameters: { factorYear: 2019 } })).toEqual([expect.stringMatching(/^\$\.parameters\.factorYear: no grid emission factor for 2019 全国 \(years of 全国: 2021, 2022, 2023/)]);
    expect(w({ parameters: { gridRegion: "江苏" } })).toEqual([expect.stringMatching(/^\$\.parameters\.gridRegion: no grid emission factor for 2023 江苏/)]);
    expect(w({ parameters: { gridRegion: "East", factorYear: 2022 } })).toEqual([]);
    expect(w({ parameters: { gridRegion: "江苏" }, gridFactors: [{ year: 2023, region: "江苏", value: 0.58 }] })).toEqual([]);
  });

  it("an unknown convention or a grid factor without its value is an error with its path", () => {
    const v = validateCase({ ...base, parameters: { electricityConvention: "both" }, gridFactors: [{ year: 2023, region: "江苏" }] });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors.map((e) => e.path).sort()).toEqual(["$.gridFactors[0].value", "$.parameters.electricityConvention"]);
  });
});
