/**
 * validateCase against the rules of ../shared/cases/README.md ("Required, optional, defaults,
 * cross-field rules"): every problem reported at once with its JSON path, warnings apart,
 * unknown fields ignored, defaults of resolveParameters.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clone, deleteAt, getAt, pushAt, setAt } from "../../test/helpers/json-edit";
import { resolveParameters, validateCase, type AuditCase, type CaseIssue } from "./case";

const powerPlant = JSON.parse(readFileSync("cases/power-plant-workshop.json", "utf8")) as Record<string, unknown>;
const textbook = JSON.parse(readFileSync("cases/textbook-150wan.json", "utf8")) as Record<string, unknown>;

function errorsOf(json: unknown): CaseIssue[] {
  const v = validateCase(json);
  if (v.ok) throw new Error("expected the case to be rejected");
  return v.errors;
}

function paths(json: unknown): string[] {
  return errorsOf(json).map((e) => e.path);
}

describe("validateCase", () => {
  it("accepts both real cases as they are, without warnings", () => {
    for (const c of [powerPlant, textbook]) {
      const v = validateCase(c);
      expect(v.ok).toBe(true);
      if (v.ok) expect(v.warnings).toEqual([]);
    }
  });

  it('reports "discountRate": "6%" with its path and the expected form', () => {
    const c = clone(powerPlant);
    setAt(c, "$.parameters.discountRate", "6%");
    expect(errorsOf(c)).toEqual([{ path: "$.parameters.discountRate", message: 'expected a number (decimal, e.g. 0.06), got "6%"' }]);
  });

  it("reports every problem of the whole case at once", () => {
    const c = clone(powerPlant);
    deleteAt(c, "$.meta.title");
    setAt(c, "$.parameters.taxRate", 25);
    setAt(c, "$.wasteSources[1].quantity", -3);
    setAt(c, "$.wasteSources[2].unit", "ton");
    setAt(c, "$.options[4].id", "Z-01");
    setAt(c, "$.economics[0].optionId", "Z-99");
    setAt(c, "$.focusSelection.candidates[2].scores", [1, 2]);
    setAt(c, "$.materialBalance[0].outputs[1].unit", "m3/d");
    expect(paths(c).sort()).toEqual(
      [
        "$.meta.title",
        "$.parameters.taxRate",
        "$.wasteSources[1].quantity",
        "$.wasteSources[2].unit",
        "$.options[4].id",
        "$.economics[0].optionId",
        "$.economics[1].optionId", // Z-02 no longer exists after the duplicate
        "$.investment[1].optionId", // so do its statements (表5-1, 表5-2)
        "$.operating[1].optionId",
        "$.focusSelection.candidates[2].scores",
        "$.materialBalance[0].outputs[1].unit",
      ].sort(),
    );
  });

  it("explains a unit of another kind than the balance basis and refuses 'ton'", () => {
    const c = clone(powerPlant);
    setAt(c, "$.materialBalance[0].outputs[1].unit", "m3/d");
    setAt(c, "$.wasteSources[0].unit", "ton");
    const errs = errorsOf(c);
    expect(errs.find((e) => e.path === "$.materialBalance[0].outputs[1].unit")!.message).toMatch(/m3\/d.*t\/d|density/);
    expect(errs.find((e) => e.path === "$.wasteSources[0].unit")!.message).toMatch(/ton/);
  });

  it("an unknown but plausible unit of the waste inventory (Nm3/h, dB(A)) is a warning; in a balance an error", () => {
    const c = clone(powerPlant);
    setAt(c, "$.wasteSources[1].unit", "Nm3/h");
    const v = validateCase(c);
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.warnings.map((w) => w.path)).toEqual(["$.wasteSources[1].unit"]);
    setAt(c, "$.materialBalance[0].inputs[0].unit", "Nm3/h");
    expect(paths(c)).toEqual(["$.materialBalance[0].inputs[0].unit"]);
  });

  it("converts balance streams of the same kind (kg/d, t/a into a t/d basis)", () => {
    const c = clone(powerPlant);
    setAt(c, "$.materialBalance[0].inputs[0]", { stream: "补充新水", quantity: 412000, unit: "kg/d" });
    setAt(c, "$.materialBalance[0].inputs[1]", { stream: "锅炉来蒸汽", quantity: 1860 * 365, unit: "t/a" });
    expect(validateCase(c).ok).toBe(true);
  });

  it("requires discountRate when economics is present, and taxRate/depreciationYears when F is derived", () => {
    const c = clone(textbook);
    deleteAt(c, "$.parameters.discountRate");
    deleteAt(c, "$.parameters.taxRate");
    deleteAt(c, "$.parameters.depreciationYears");
    expect(paths(c).sort()).toEqual(["$.parameters.depreciationYears", "$.parameters.discountRate", "$.parameters.taxRate"]);
    // with F given for every option (power plant), t and Y are not needed
    const pp = clone(powerPlant);
    deleteAt(pp, "$.parameters.taxRate");
    deleteAt(pp, "$.parameters.depreciationYears");
    expect(validateCase(pp).ok).toBe(true);
  });

  it("requires an option id, investment > 0 and one of annualSavings/annualCashFlow/cashFlows", () => {
    const c = clone(powerPlant);
    deleteAt(c, "$.options[0].id");
    setAt(c, "$.economics[0].investment", 0);
    deleteAt(c, "$.economics[1].annualSavings");
    deleteAt(c, "$.economics[1].annualCashFlow");
    expect(paths(c).sort()).toEqual(["$.economics[0].investment", "$.economics[1].annualSavings", "$.options[0].id"]);
  });

  it("rejects a cost class outside the list and wrong types", () => {
    const c = clone(powerPlant);
    setAt(c, "$.options[0].costClass", "cheap");
    setAt(c, "$.options[1].investment", "0.8");
    setAt(c, "$.focusSelection.factors[0].weight", 0);
    setAt(c, "$.meta", "x");
    const errs = errorsOf(c);
    expect(errs.map((e) => e.path).sort()).toEqual(["$.focusSelection.factors[0].weight", "$.meta", "$.options[0].costClass", "$.options[1].investment"]);
    expect(errs.find((e) => e.path === "$.options[1].investment")!.message).toBe('expected a number (万元), got "0.8"');
  });

  it("a non-object is rejected at $", () => {
    const errs = errorsOf([1, 2]);
    expect(errs.map((e) => e.path)).toEqual(["$"]);
    expect(errs[0]!.message).toMatch(/expected a case object/);
    expect(paths("x")).toEqual(["$"]);
  });

  it("warns (not errors) when options[].investment differs from economics[].investment, and on unusual scales", () => {
    const c = clone(powerPlant);
    setAt(c, "$.options[3].investment", 30);
    setAt(c, "$.focusSelection.factors[0].weight", 12);
    setAt(c, "$.wasteSources[0].category", "污泥");
    const v = validateCase(c);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.warnings.map((w) => w.path)).toEqual(["$.wasteSources[0].category", "$.focusSelection.factors[0].weight", "$.economics[0].investment"]);
    expect(v.value.economics![0]!.investment).toBe(31.67);
  });

  it("ignores unknown fields and normalises English enumerations to their zh-CN form", () => {
    const c = clone(powerPlant);
    setAt(c, "$.extra", { anything: true });
    setAt(c, "$.options[0].colour", "red");
    setAt(c, "$.options[0].aspect", "process control");
    setAt(c, "$.wasteSources[0].category", "Wastewater");
    const v = validateCase(c);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.value.options![0]!.aspect).toBe("过程控制");
    expect(v.value.wasteSources![0]!.category).toBe("废水");
    expect("extra" in v.value).toBe(false);
  });

  it("per-year cash flows: null years allowed, longer than the horizon rejected at the list's path", () => {
    const c = clone(textbook);
    setAt(c, "$.economics[0]", { optionId: "D-01", investment: 1000, cashFlows: [300, null, 500, 600] });
    expect(validateCase(c).ok).toBe(true);
    setAt(c, "$.economics[0].cashFlows", new Array(11).fill(100));
    expect(errorsOf(c)).toEqual([
      { path: "$.economics[0].cashFlows", message: "lists 11 years but the evaluation horizon n is 10 (evaluationYears): set evaluationYears to 11 or shorten the list" },
    ]);
    setAt(c, "$.economics[0].cashFlows", [300, "x"]);
    expect(paths(c)).toEqual(["$.economics[0].cashFlows[1]"]);
  });

  it("a balance needs input streams, unique unit-operation names and quantities ≥ 0", () => {
    const c = clone(powerPlant);
    pushAt(c, "$.materialBalance", clone(getAt(c, "$.materialBalance[0]")));
    setAt(c, "$.materialBalance[0].inputs", []);
    setAt(c, "$.materialBalance[1].outputs[0].quantity", -1);
    expect(paths(c).sort()).toEqual(["$.materialBalance[0].inputs", "$.materialBalance[1].outputs[0].quantity", "$.materialBalance[1].unitOperation"]);
  });
});

describe("resolveParameters", () => {
  it("applies the README defaults: n = Y, i_b = i, tolerance 0.05, quota = n", () => {
    const c: AuditCase = { meta: { title: "x" }, parameters: { discountRate: 0.08, taxRate: 0.25, depreciationYears: 7 } };
    expect(resolveParameters(c)).toEqual({
      discountRate: 0.08,
      taxRate: 0.25,
      depreciationYears: 7,
      evaluationYears: 7,
      benchmarkRate: 0.08,
      balanceTolerance: 0.05,
      paybackQuota: 7,
    });
  });

  it("n from the longest per-year list when neither n nor Y is given", () => {
    const c: AuditCase = { meta: { title: "x" }, parameters: { discountRate: 0.1 }, economics: [{ optionId: "a", investment: 1, cashFlows: [1, 2, 3] }] };
    expect(resolveParameters(c).evaluationYears).toBe(3);
  });
});

describe("validateCase: option ids as the sheets look them up (MATCH/COUNTIF ignore case, read * ? ~ as wildcards)", () => {
  it("refuses ids and optionIds with *, ? or ~ (reviewer's v-idwild.json: id and optionId \"Z*\")", () => {
    const c = clone(powerPlant);
    const option = pushAt(c, "$.options", { id: "Z*", name: "STAR option", costClass: "中费" });
    const economics = pushAt(c, "$.economics", { optionId: "Z*", investment: 5, annualCashFlow: 2 });
    const errs = errorsOf(c);
    expect(errs.map((e) => e.path)).toEqual([`$.options[${option}].id`, `$.economics[${economics}].optionId`]);
    expect(errs[0]!.message).toMatch(/wildcard/);
    for (const id of ["A?1", "Z~01"]) {
      const d = clone(powerPlant);
      setAt(d, "$.options[0].id", id);
      expect(paths(d)).toContain("$.options[0].id");
    }
  });

  it("refuses leading/trailing spaces in ids and optionIds (reviewer's v-idspace.json: \"Z-01 \", \" Z-02\")", () => {
    const c = clone(powerPlant);
    setAt(c, "$.economics[0].optionId", `${getAt(c, "$.economics[0].optionId") as string} `);
    setAt(c, "$.economics[1].optionId", ` ${getAt(c, "$.economics[1].optionId") as string}`);
    setAt(c, "$.options[0].id", ` ${getAt(c, "$.options[0].id") as string}`);
    expect(paths(c).sort()).toEqual(["$.economics[0].optionId", "$.economics[1].optionId", "$.options[0].id"]);
    expect(errorsOf(c)[0]!.message).toMatch(/leading or trailing space/);
  });

  it("ids equal ignoring case are duplicates (reviewer's v-caseid.json: \"Z-01\" and \"z-01\")", () => {
    const c = clone(powerPlant);
    const k = (getAt(c, "$.options") as { id: string }[]).findIndex((o) => o.id === "Z-01");
    const lower = pushAt(c, "$.options", { id: "z-01", name: "LOWERCASE option", investment: 5, costClass: "中费" });
    const errs = errorsOf(c);
    expect(errs.map((e) => e.path)).toEqual([`$.options[${lower}].id`]);
    expect(errs[0]!.message).toContain(`$.options[${k}].id is "Z-01"`);
  });

  it("economics[].optionId must be the option id exactly (not another case)", () => {
    const c = clone(powerPlant);
    setAt(c, "$.economics[0].optionId", "z-01");
    const errs = errorsOf(c);
    expect(errs.map((e) => e.path)).toEqual(["$.economics[0].optionId"]);
    expect(errs[0]!.message).toMatch(/"Z-01" in upper\/lower case/);
  });
});

describe("validateCase: warnings and limits", () => {
  const perYear = (cashFlows: (number | null)[], extra: Record<string, unknown> = {}) => {
    const c = clone(textbook);
    setAt(c, "$.economics[0]", { optionId: "D-01", investment: 50, cashFlows, ...extra });
    deleteAt(c, "$.options"); // (no register: no warning about a different investment)
    setAt(c, "$.parameters.evaluationYears", Math.max(10, cashFlows.length));
    return c;
  };
  const warningsOf = (json: unknown): CaseIssue[] => {
    const v = validateCase(json);
    if (!v.ok) throw new Error(`expected the case to be accepted: ${JSON.stringify(v.errors)}`);
    return v.warnings;
  };

  it("E03 flows (−50 | −100, 600, 300, −100) change sign twice: a warning at $.economics[0].cashFlows, the case still builds", () => {
    const w = warningsOf(perYear([-100, 600, 300, -100]));
    expect(w.map((x) => x.path)).toEqual(["$.economics[0].cashFlows"]);
    expect(w[0]!.message).toMatch(/change sign 2 times.*several IRRs may exist.*found from 10 %/);
  });

  it("one sign change, blank and zero years are no warning; a sign change across a blank year counts", () => {
    expect(warningsOf(perYear([100, null, 0, 100]))).toEqual([]);
    expect(warningsOf(perYear([-10, null, 300, 0]))).toEqual([]); // −50, −10, 300: one change
    expect(warningsOf(perYear([300, null, 0, -100])).map((x) => x.path)).toEqual(["$.economics[0].cashFlows"]); // −, +, −
  });

  it("annualCashFlow and cashFlows both given: the per-year flows win, a warning names both paths", () => {
    const w = warningsOf(perYear([10, 20, 30], { annualCashFlow: 11.3 }));
    expect(w).toEqual([
      { path: "$.economics[0].annualCashFlow", message: "not used: $.economics[0].cashFlows is also given, and the per-year flows win (give one of the two)" },
    ]);
  });

  it("1,500 cashFlows without evaluationYears: the error names the list and the 1000-year limit (reviewer's cf1500.json)", () => {
    const c = { meta: { title: "x" }, parameters: { discountRate: 0.1 }, economics: [{ optionId: "A", investment: 100, cashFlows: new Array(1500).fill(1) }] };
    expect(errorsOf(c)).toEqual([
      {
        path: "$.economics[0].cashFlows",
        message: "lists 1500 years, more than the longest evaluation horizon (without evaluationYears and depreciationYears, n is the longest cashFlows): n is at most 1000 years",
      },
    ]);
    c.economics[0]!.cashFlows = new Array(1000).fill(1);
    expect(validateCase(c).ok).toBe(true);
  });

  it("focus factors: one column each plus 8 others, so 16,376 fit in 16,384 columns and 16,377 do not", () => {
    const focus = (n: number) => ({
      meta: { title: "x" },
      focusSelection: { factors: Array.from({ length: n }, (_, k) => ({ name: `F${k}`, weight: 1 })), candidates: [{ name: "C", scores: new Array<number>(n).fill(1) }] },
    });
    expect(validateCase(focus(16376)).ok).toBe(true);
    expect(errorsOf(focus(16377))).toEqual([
      { path: "$.focusSelection.factors", message: "16,377 factors need 16,385 columns but a sheet has 16,384: at most 16,376 factors fit in one sheet" },
    ]);
  });

  it("rows: an options register longer than 1,048,576 rows is refused at $.options with the number that fits", () => {
    const n = 1_048_576;
    const options = Array.from({ length: n }, (_, k) => ({ id: `O${k}` }));
    const errs = errorsOf({ meta: { title: "x" }, options });
    expect(errs.map((e) => e.path)).toEqual(["$.options"]);
    // at most 40 rows above a table (header block, summary, band and header rows) and 8 empty rows below its own
    const fits = 1_048_576 - 40 - 8;
    expect(errs[0]!.message).toContain(`at most ${fits.toLocaleString("en-US")} options fit in one sheet`);
    expect(validateCase({ meta: { title: "x" }, options: options.slice(0, fits) }).ok).toBe(true);
  });
});

describe("validateCase: the structure from the case schema (src/worksheets/case-schema.ts)", () => {
  it("null for an optional field is read as absent; a required one is missing; a null list entry is an error", () => {
    const c = clone(powerPlant);
    setAt(c, "$.parameters.benchmarkRate", null);
    setAt(c, "$.options[0].costClass", null);
    setAt(c, "$.focusSelection", null);
    expect(validateCase(c).ok).toBe(true);
    setAt(c, "$.meta.title", null);
    const entry = pushAt(c, "$.options", null);
    expect(errorsOf(c)).toEqual([
      { path: "$.meta.title", message: "required text is missing" },
      { path: `$.options[${entry}]`, message: "expected an object, got null" },
    ]);
  });

  it("a value of the wrong type or out of range is reported once, at its path", () => {
    const c = clone(powerPlant);
    setAt(c, "$.parameters.evaluationYears", 10.5);
    setAt(c, "$.focusSelection.factors", "");
    setAt(c, "$.options[0].id", "   ");
    setAt(c, "$.economics[0].cashFlows", [11.3, "x"]);
    setAt(c, "$.economics[1].technical", 3);
    expect(errorsOf(c)).toEqual([
      { path: "$.parameters.evaluationYears", message: "must be a whole number of years from 1 to 1000, got 10.5" },
      { path: "$.focusSelection.factors", message: 'expected a list ([...]), got ""' },
      { path: "$.options[0].id", message: "required text is empty" },
      { path: "$.economics[0].cashFlows[1]", message: 'expected a number (万元, year 2) or null, got "x"' },
      { path: "$.economics[1].technical", message: "expected 可行/不可行 (or true/false), got 3" },
    ]);
  });

  it("the rules across fields still run beside structural errors, without repeating them", () => {
    const c = clone(textbook);
    setAt(c, "$.parameters.discountRate", "12%");
    deleteAt(c, "$.parameters.taxRate");
    setAt(c, "$.options[0].investment", "150");
    expect(errorsOf(c)).toEqual([
      { path: "$.parameters.discountRate", message: 'expected a number (decimal, e.g. 0.06), got "12%"' },
      { path: "$.options[0].investment", message: 'expected a number (万元), got "150"' },
      { path: "$.parameters.taxRate", message: "required number (decimal, e.g. 0.25) is missing: $.economics[0] derives F from annualSavings (no annualCashFlow)" },
    ]);
  });

  it("the validated value: unknown fields stripped, unnamed factors, streams and balances numbered, the basis from the first input, true/false as 可行/不可行", () => {
    const c = clone(powerPlant);
    deleteAt(c, "$.focusSelection.factors[1].name");
    deleteAt(c, "$.materialBalance[0].basis");
    deleteAt(c, "$.materialBalance[0].unitOperation");
    deleteAt(c, "$.materialBalance[0].outputs[2].stream");
    setAt(c, "$.economics[0].technical", false);
    setAt(c, "$.economics[1].environmental", "feasible");
    setAt(c, "$.economics[1].illustrative", "yes"); // ignored, like any unknown field
    const v = validateCase(c);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.value.focusSelection!.factors[1]!.name).toBe("#2");
    expect(v.value.materialBalance![0]).toMatchObject({ unitOperation: "#1", basis: "t/d" });
    expect(v.value.materialBalance![0]!.outputs[2]!.stream).toBe("#3");
    expect(v.value.economics!.map((e) => [e.technical, e.environmental])).toEqual([
      // the demo's own conclusions (可行) where the test sets nothing
      ["不可行", "可行"],
      ["可行", "可行"],
    ]);
    expect("illustrative" in v.value.economics![1]!).toBe(false);
  });
});
