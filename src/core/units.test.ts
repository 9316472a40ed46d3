/**
 * Tests of the audit units. Expected values come from ../shared/cases/edge-cases.md (E14, E15, E16
 * and its units conventions: t = 1000 kg, a = yr = year = 365 d, tce = 29.3076 GJ, no m3 → t without
 * a density) and from the definitions those conventions state (1 kWh = 3.6 MJ by SI, so
 * 1 tce = 29307.6 MJ / 3.6 MJ = 8141 kWh).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectClose } from "../../test/helpers/tolerance";
import { CpError, isCpError } from "./errors";
import {
  AUDIT_UNIT_SYMBOLS,
  convertQuantity,
  convertWithDensity,
  formatNumber,
  formatQuantity,
  isKnownUnit,
  parseQuantity,
  sumQuantities,
  toBasis,
  unitKind,
} from "./units";

/** Runs `f` and returns the CpError it throws (fails the test if it throws anything else or nothing). */
function cpErrorOf(f: () => unknown): CpError {
  try {
    f();
  } catch (e) {
    expect(isCpError(e), `expected a CpError, got ${String(e)}`).toBe(true);
    return e as CpError;
  }
  throw new Error("expected a CpError, but nothing was thrown");
}

const EXACT = { rel: 0, abs: 0 };

describe("E14: t is the metric tonne, ton is refused", () => {
  it("E14: 12.5 t = 12500 kg exactly", () => {
    expectClose(convertQuantity(12.5, "t", "kg"), 12500, EXACT, "12.5 t in kg");
    const q = parseQuantity("12.5 t");
    expect(q).toEqual({ value: 12.5, unit: "t" });
    expectClose(convertQuantity(q.value, q.unit, "kg"), 12500, EXACT, "parsed 12.5 t in kg");
  });

  it("E14: 1 tonne = 1000 kg exactly (also tonnes)", () => {
    const q = parseQuantity("1 tonne");
    expectClose(convertQuantity(q.value, q.unit, "kg"), 1000, EXACT, "1 tonne in kg");
    expectClose(convertQuantity(3, "tonnes", "kg"), 3000, EXACT, "3 tonnes in kg");
    expectClose(convertQuantity(1, "tonne", "t"), 1, EXACT, "1 tonne in t");
  });

  it("E14: 1 ton is refused with #VALUE! pointing to t, never converted to 907.18 kg", () => {
    for (const f of [
      () => convertQuantity(1, "ton", "kg"),
      () => convertQuantity(1, "kg", "ton"),
      () => parseQuantity("1 ton"),
      () => unitKind("tons"),
      () => unitKind("ton/a"),
      () => unitKind("kton"),
      () => toBasis(1, "ton/d", "t/d", "inputs[0]"),
    ]) {
      const e = cpErrorOf(f);
      expect(e.code).toBe("#VALUE!");
      expect(e.message).toMatch(/ton/);
      expect(e.message).toMatch(/use t \(metric tonne/);
    }
    expect(isKnownUnit("ton")).toBe(false);
    expect(isKnownUnit("t")).toBe(true);
    expect(isKnownUnit("tonne")).toBe(true);
  });
});

describe("E15: tonnes are shown as t, never Mg", () => {
  it("E15: 3 kg + 2 t shown in tonnes is \"2.003 t\"", () => {
    const sum = sumQuantities(
      [
        { value: 3, unit: "kg" },
        { value: 2, unit: "t" },
      ],
      "t",
    );
    expectClose(sum, 2.003, { rel: 0, abs: 1e-15 }, "3 kg + 2 t in t");
    expect(formatQuantity(sum, "t")).toBe("2.003 t");
  });

  it("E15: 2000 kg shown in tonnes is \"2 t\" (not \"2 Mg\")", () => {
    const t = convertQuantity(2000, "kg", "t");
    expectClose(t, 2, EXACT, "2000 kg in t");
    const shown = formatQuantity(t, "t");
    expect(shown).toBe("2 t");
    expect(shown).not.toMatch(/Mg/);
  });

  it("E15: Mg is not an audit unit (the tonne is written t)", () => {
    const e = cpErrorOf(() => unitKind("Mg"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/use t/);
  });
});

describe("E16: annual rates use the 365-day audit year", () => {
  it.each(["t/a", "t/yr", "t/year", "t/years"])("E16: 1200 %s = 3287.671233 kg/d", (unit) => {
    const kgPerDay = convertQuantity(1200, unit, "kg/d");
    expectClose(kgPerDay, 3287.671233, { rel: 0, abs: 1e-6 }, `1200 ${unit} in kg/d`);
    // mathjs's 365.25-day year would give 3285.42: make sure that is not what we get.
    expect(Math.abs(kgPerDay - 3285.42)).toBeGreaterThan(2);
  });

  it("E16: 1 a = 1 yr = 1 year = 365 d exactly; 1 d = 24 h", () => {
    for (const year of ["a", "yr", "year"]) {
      expectClose(convertQuantity(1, year, "d"), 365, EXACT, `1 ${year} in d`);
    }
    expectClose(convertQuantity(1, "d", "h"), 24, EXACT, "1 d in h");
    expectClose(convertQuantity(1, "a", "h"), 8760, EXACT, "1 a in h");
  });

  it("E16: the result carries no float noise (15 significant digits)", () => {
    const kgPerDay = convertQuantity(1200, "t/a", "kg/d");
    expect(String(kgPerDay).replace(/^0\.0*|\./g, "").length).toBeLessThanOrEqual(15);
    expect(formatQuantity(kgPerDay, "kg/d")).toBe("3287.67123288 kg/d");
  });
});

describe("rates and energy (edge-cases.md units conventions)", () => {
  it("m3/d ↔ m3/a with the 365-day year", () => {
    expectClose(convertQuantity(100, "m3/d", "m3/a"), 36500, EXACT, "100 m3/d in m3/a");
    expectClose(convertQuantity(36500, "m3/a", "m3/d"), 100, EXACT, "36500 m3/a in m3/d");
    expectClose(convertQuantity(52000, "m³/a", "m3/d"), 52000 / 365, { rel: 1e-13, abs: 0 }, "52000 m³/a in m3/d");
    expectClose(convertQuantity(1, "m3", "L"), 1000, EXACT, "1 m3 in L");
  });

  it("t/d vs t/a: 412 t/d = 150380 t/a; 52000 t/a = 52000/365 t/d", () => {
    expectClose(convertQuantity(412, "t/d", "t/a"), 150380, EXACT, "412 t/d in t/a");
    expectClose(convertQuantity(52000, "t/a", "t/d"), 52000 / 365, { rel: 1e-13, abs: 0 }, "52000 t/a in t/d");
    expectClose(convertQuantity(1, "t/h", "t/a"), 8760, EXACT, "1 t/h in t/a");
    expectClose(convertQuantity(50, "kg/h", "t/d"), 1.2, { rel: 1e-15, abs: 0 }, "50 kg/h in t/d");
  });

  it("tce = 29.3076 GJ = 8141 kWh (29307.6 MJ / 3.6 MJ), kgce = 29.3076 MJ", () => {
    expectClose(convertQuantity(1, "tce", "GJ"), 29.3076, { rel: 1e-15, abs: 0 }, "1 tce in GJ");
    expectClose(convertQuantity(1, "tce", "kWh"), 8141, EXACT, "1 tce in kWh");
    expectClose(convertQuantity(8141, "kWh", "tce"), 1, EXACT, "8141 kWh in tce");
    expectClose(convertQuantity(1e4, "MWh", "tce"), 1e7 / 8141, { rel: 1e-13, abs: 0 }, "1e4 MWh in tce");
    expectClose(convertQuantity(1, "kgce", "MJ"), 29.3076, { rel: 1e-15, abs: 0 }, "1 kgce in MJ");
    expectClose(convertQuantity(1000, "kgce", "tce"), 1, EXACT, "1000 kgce in tce");
    expectClose(convertQuantity(365, "tce/a", "kWh/d"), 8141, EXACT, "365 tce/a in kWh/d");
    expectClose(convertQuantity(1, "kW", "kWh/a"), 8760, EXACT, "1 kW running a 365-day year");
  });

  it("kinds are stable names", () => {
    const kinds: [string, string][] = [
      ["t", "mass"],
      ["kg", "mass"],
      ["m3", "volume"],
      ["m³", "volume"],
      ["L", "volume"],
      ["kWh", "energy"],
      ["GJ", "energy"],
      ["tce", "energy"],
      ["a", "time"],
      ["d", "time"],
      ["h", "time"],
      ["t/a", "mass/time"],
      ["t/d", "mass/time"],
      ["kg/h", "mass/time"],
      ["m3/a", "volume/time"],
      ["m3/d", "volume/time"],
      ["kWh/a", "energy/time"],
      ["tce/a", "energy/time"],
      ["kW", "energy/time"],
      ["kg/batch", "mass/batch"],
      ["kWh/t", "energy/mass"],
      ["m3/t", "volume/mass"],
      ["mg/L", "mass/volume"],
      ["kg/t", "mass/mass"],
      ["m3/m3", "volume/volume"],
      [" t / a ", "mass/time"],
    ];
    for (const [unit, kind] of kinds) expect(unitKind(unit), unit).toBe(kind);
  });

  it("kg/batch converts within its own kind only", () => {
    expectClose(convertQuantity(1500, "kg/batch", "t/batch"), 1.5, EXACT, "1500 kg/batch in t/batch");
    const e = cpErrorOf(() => convertQuantity(1, "kg/batch", "t/a"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("mass/batch");
    expect(e.message).toContain("mass/time");
  });

  it("Chinese unit words (spec §1.3 单位: t, m³, kWh, t标煤)", () => {
    expect(unitKind("吨/年")).toBe("mass/time");
    expect(unitKind("立方米/天")).toBe("volume/time");
    expectClose(convertQuantity(1, "t标煤", "kWh"), 8141, EXACT, "1 t标煤 in kWh");
    expectClose(convertQuantity(1, "吨标准煤/年", "tce/a"), 1, EXACT, "1 吨标准煤/年 in tce/a");
    expectClose(convertQuantity(1, "吨/年", "kg/a"), 1000, EXACT, "1 吨/年 in kg/a");
  });
});

describe("errors", () => {
  it("mixed kinds: #VALUE! naming both units and both kinds", () => {
    const e = cpErrorOf(() => convertQuantity(1, "m3", "t"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain('"m3" (volume)');
    expect(e.message).toContain('"t" (mass)');
    expect(e.message).toMatch(/density/);

    const e2 = cpErrorOf(() => convertQuantity(1200, "t/a", "t"));
    expect(e2.message).toContain('"t/a" (mass/time)');
    expect(e2.message).toContain('"t" (mass)');

    const e3 = cpErrorOf(() => convertQuantity(1, "kg/t", "m3/m3"));
    expect(e3.message).toContain("mass/mass");
    expect(e3.message).toContain("volume/volume");
    expect(e3.message).not.toMatch(/density/);

    expect(cpErrorOf(() => convertQuantity(1, "kWh", "t")).code).toBe("#VALUE!");
  });

  it("unknown, blank, non-text units and units with a number: #VALUE! naming the unit", () => {
    for (const unit of ["xyz", "lb", "T", "A", "m", "gal", "month", "degC", "t/a/d", "kg m", "5 kg", "t)", "constructor", "__proto__", "万元"]) {
      const e = cpErrorOf(() => unitKind(unit));
      expect(e.code, unit).toBe("#VALUE!");
      expect(e.message, unit).toMatch(/unit|month/);
      expect(isKnownUnit(unit), unit).toBe(false);
    }
    expect(cpErrorOf(() => unitKind("")).message).toMatch(/blank/);
    expect(cpErrorOf(() => unitKind("   ")).message).toMatch(/blank/);
    expect(cpErrorOf(() => unitKind(42 as unknown as string)).message).toMatch(/must be a text/);
    expect(cpErrorOf(() => unitKind(null as unknown as string)).message).toMatch(/blank/);
    expect(isKnownUnit(undefined as unknown as string)).toBe(false);
    expect(cpErrorOf(() => unitKind("xyz")).message).toContain('"xyz"');
  });

  it("non-finite values: #VALUE!; overflow: #NUM!", () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "12" as unknown as number, null as unknown as number]) {
      expect(cpErrorOf(() => convertQuantity(v, "t", "kg")).code).toBe("#VALUE!");
      expect(cpErrorOf(() => formatQuantity(v, "t")).code).toBe("#VALUE!");
    }
    const e = cpErrorOf(() => convertQuantity(1e308, "tce", "J"));
    expect(e.code).toBe("#NUM!");
  });

  it("parseQuantity refuses texts without a number or with a thousands separator (E09)", () => {
    expect(parseQuantity(" 1200 t/a ")).toEqual({ value: 1200, unit: "t/a" });
    expect(parseQuantity("3.5e3kWh/a")).toEqual({ value: 3500, unit: "kWh/a" });
    for (const text of ["t", "12.5", "", "1,2 t", "abc kg", "1 ton"]) {
      expect(cpErrorOf(() => parseQuantity(text)).code, text).toBe("#VALUE!");
    }
  });
});

describe("toBasis (material balance, spec §4.2)", () => {
  it("converts a stream to the balance basis", () => {
    expectClose(toBasis(365, "t/a", "t/d", "inputs[0]"), 1, EXACT, "365 t/a in t/d");
    expectClose(toBasis(412, "t/d", "t/d", "inputs[0]"), 412, EXACT, "same unit");
    expectClose(toBasis(5000, "kg/d", "t/d", "outputs[1]"), 5, EXACT, "5000 kg/d in t/d");
  });

  it("a stream of another kind is #VALUE! prefixed with where", () => {
    const where = "materialBalance[0].inputs[1] (新鲜水)";
    const e = cpErrorOf(() => toBasis(120, "m3/d", "t/d", where));
    expect(e.code).toBe("#VALUE!");
    expect(e.message.startsWith(`${where}: `)).toBe(true);
    expect(e.message).toContain("volume/time");
    expect(e.message).toContain("mass/time");
    const e2 = cpErrorOf(() => toBasis(Number.NaN, "t/d", "t/d", "outputs[3]"));
    expect(e2.message.startsWith("outputs[3]: ")).toBe(true);
    const e3 = cpErrorOf(() => toBasis(1, "ton/d", "t/d", "outputs[0]"));
    expect(e3.message.startsWith("outputs[0]: ")).toBe(true);
  });

  it("sumQuantities names the 1-based item of a bad entry", () => {
    const e = cpErrorOf(() => sumQuantities([{ value: 1, unit: "t" }, { value: 1, unit: "m3" }], "t"));
    expect(e.message.startsWith("item 2: ")).toBe(true);
    expectClose(sumQuantities([], "t"), 0, EXACT, "empty sum");
  });
});

describe("convertWithDensity (spec §4.2: m³ water ≈ t, gas via density)", () => {
  it("volume ↔ mass with a density in t/m3", () => {
    expectClose(convertWithDensity(100, "m3/d", "t/a", 1), 36500, EXACT, "100 m3/d water in t/a");
    expectClose(convertWithDensity(1000, "kg/h", "L/h", 0.8), 1250, EXACT, "1000 kg/h at 0.8 t/m3 in L/h");
    expectClose(convertWithDensity(5, "m3", "t", 2.5), 12.5, EXACT, "5 m3 at 2.5 t/m3 in t");
    expectClose(convertWithDensity(2, "t", "kg", 0.7), 2000, EXACT, "same kind ignores the density");
  });

  it("refuses kinds a density does not bridge and non-positive densities", () => {
    expect(cpErrorOf(() => convertWithDensity(1, "m3/batch", "t/a", 1)).code).toBe("#VALUE!");
    expect(cpErrorOf(() => convertWithDensity(1, "m3", "kWh", 1)).code).toBe("#VALUE!");
    expect(cpErrorOf(() => convertWithDensity(1, "m3", "t", 0)).code).toBe("#NUM!");
    expect(cpErrorOf(() => convertWithDensity(1, "m3", "t", Number.NaN)).code).toBe("#VALUE!");
  });
});

describe("formatNumber / formatQuantity", () => {
  it("12 significant digits, trailing zeros trimmed, no float noise", () => {
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(12500)).toBe("12500");
    expect(formatNumber(12500000)).toBe("12500000");
    expect(formatNumber(0.003)).toBe("0.003");
    expect(formatNumber(1e-7)).toBe("1e-7");
    expect(formatNumber(1e20)).toBe("1e+20");
    expect(formatQuantity(36500, "m3/a")).toBe("36500 m3/a");
    expect(formatQuantity(1, " tce/a ")).toBe("1 tce/a");
    expect(cpErrorOf(() => formatQuantity(1, "ton")).code).toBe("#VALUE!");
  });
});

describe("properties (fast-check)", () => {
  // Unit pairs of the same kind, built from the accepted symbols.
  const groups: Record<string, string[]> = {
    mass: [...AUDIT_UNIT_SYMBOLS.mass],
    volume: ["m3", "m³", "L", "mL"],
    energy: [...AUDIT_UNIT_SYMBOLS.energy],
    time: [...AUDIT_UNIT_SYMBOLS.time],
    "mass/time": ["t/a", "t/d", "kg/h", "kg/d", "t/yr", "g/s", "mg/min", "tonne/year"],
    "volume/time": ["m3/a", "m3/d", "L/h", "m³/h", "mL/s"],
    "energy/time": ["kWh/a", "tce/a", "kW", "GJ/d", "MWh/a", "kgce/h", "W"],
    "mass/batch": ["kg/batch", "t/batch", "g/batches"],
    "energy/mass": ["kWh/t", "GJ/t", "kgce/t", "MJ/kg"],
  };
  it("each group of the property holds units of its kind", () => {
    for (const [kind, units] of Object.entries(groups)) {
      for (const unit of units) expect(unitKind(unit), unit).toBe(kind);
    }
  });
  const pair = fc.constantFrom(...Object.values(groups)).chain((units) => fc.tuple(fc.constantFrom(...units), fc.constantFrom(...units)));
  const magnitude = fc.oneof(
    fc.constant(0),
    fc.tuple(fc.double({ min: 1e-100, max: 1e100, noNaN: true }), fc.boolean()).map(([x, neg]) => (neg ? -x : x)),
  );

  it("convertQuantity there and back gives x within 1e-12 relative", () => {
    fc.assert(
      fc.property(magnitude, pair, (x, [u1, u2]) => {
        const there = convertQuantity(x, u1, u2);
        expect(Number.isFinite(there)).toBe(true);
        const back = convertQuantity(there, u2, u1);
        expectClose(back, x, { rel: 1e-12, abs: 0 }, `${x} ${u1} → ${u2} → ${u1}`);
      }),
      { numRuns: 2000 },
    );
  });

  const token = fc.constantFrom("t", "kg", "ton", "a", "yr", "d", "h", "m3", "m³", "L", "kWh", "tce", "batch", "Mg", "month", "lb", "m", "s", "J", "吨", "年", "万元", "%");
  const op = fc.constantFrom("/", "*", " ", "^2", "^-1", "(", ")", "/(", "", "1", "2.5 ", ",", "__proto__");
  const unitLike = fc.array(fc.oneof(token, op), { minLength: 0, maxLength: 6 }).map((parts) => parts.join(""));
  const anyUnit = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), unitLike);

  it("any text unit either converts to a finite number or throws a CpError", () => {
    fc.assert(
      fc.property(anyUnit, anyUnit, fc.double({ noNaN: false }), (u1, u2, x) => {
        for (const f of [() => convertQuantity(x, u1, u2), () => convertQuantity(1, u1, "t/a"), () => convertQuantity(1, "kWh", u2)]) {
          try {
            const r = f();
            expect(Number.isFinite(r)).toBe(true);
          } catch (e) {
            expect(isCpError(e), `${JSON.stringify(u1)} → ${JSON.stringify(u2)}: ${String(e)}`).toBe(true);
          }
        }
        for (const f of [() => unitKind(u1), () => formatQuantity(x, u1), () => toBasis(x, u1, u2, "row 1")]) {
          try {
            f();
          } catch (e) {
            expect(isCpError(e), `${JSON.stringify(u1)}: ${String(e)}`).toBe(true);
          }
        }
        expect(typeof isKnownUnit(u1)).toBe("boolean");
      }),
      { numRuns: 3000 },
    );
  });
});
