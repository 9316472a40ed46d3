/**
 * schemas/case.schema.json, the JSON Schema editors use for case files: generated from the one
 * description of the case shape (src/worksheets/case-schema.ts), and checked here with an
 * independent validator (ajv, JSON Schema draft 2020-12) against the bundled cases and the
 * fixtures, and against validateCase on the structural rules both can express.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Ajv2020, { type ErrorObject } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { caseJsonSchemaText } from "../src/worksheets/case-schema";
import { validateCase } from "../src/worksheets/case";
import { deleteAt, setAt } from "./helpers/json-edit";

const ROOT = resolve(import.meta.dirname, "..");
const SCHEMA_FILE = join(ROOT, "schemas", "case.schema.json");
const committed = readFileSync(SCHEMA_FILE, "utf8");
const read = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), "utf8"));

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }) // (anyOf [{ required: [P] }, ...] names fields declared beside it);
const check = ajv.compile(JSON.parse(committed) as object);

/** ajv's errors as JSON paths of validateCase: `/economics/1` + missing `investment` → `$.economics[1].investment`. */
function ajvPaths(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const keys = e.instancePath.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (e.keyword === "required") keys.push(String(e.params.missingProperty));
    return keys.reduce((p, k) => (/^\d+$/.test(k) ? `${p}[${k}]` : `${p}.${k}`), "$");
  });
}

describe("schemas/case.schema.json", () => {
  it("is the file `npm run schema` generates from src/worksheets/case-schema.ts", () => {
    expect(committed, "schemas/case.schema.json is stale: run npm run schema").toBe(caseJsonSchemaText());
  });

  it("is a JSON Schema draft 2020-12 that ajv compiles in strict mode, with descriptions in English and Chinese", () => {
    const s = JSON.parse(committed) as { $schema: string; properties: Record<string, { description?: string }> };
    expect(s.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(typeof check).toBe("function");
    for (const key of ["meta", "parameters", "wasteSources", "focusSelection", "materialBalance", "options", "economics"]) {
      expect(s.properties[key]!.description, key).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(committed).toContain("万元/a");
  });

  const accepted = [...readdirSync(join(ROOT, "cases")).filter((f) => f.endsWith(".json")).map((f) => `cases/${f}`), "test/fixtures/edge-values.json"];
  it.each(accepted)("accepts %s", (path) => {
    const ok = check(read(path));
    expect(ajvPaths(check.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects test/fixtures/bad-discount-rate.json at $.parameters.discountRate ("6%")', () => {
    expect(check(read("test/fixtures/bad-discount-rate.json"))).toBe(false);
    expect(ajvPaths(check.errors)).toEqual(["$.parameters.discountRate"]);
  });

  it("rejects test/fixtures/missing-required.json at $.meta.title and $.economics[1].investment", () => {
    expect(check(read("test/fixtures/missing-required.json"))).toBe(false);
    expect(ajvPaths(check.errors).sort()).toEqual(["$.economics[1].investment", "$.meta.title"]);
  });

  it("lets every object carry \"illustrative\": true and a case name its schema with \"$schema\"", () => {
    const c = read("cases/textbook-150wan.json");
    setAt(c, "$.$schema", "../schemas/case.schema.json");
    setAt(c, "$.meta.illustrative", true);
    setAt(c, "$.parameters.illustrative", true);
    setAt(c, "$.economics[0].illustrative", true);
    expect(check(c)).toBe(true);
    expect(validateCase(c).ok).toBe(true);
  });
});

describe("the published schema and validateCase agree on the structural rules", () => {
  const base = read("cases/power-plant-workshop.json");
  const mutations: [string, (c: unknown) => void][] = [
    ["meta missing", (c) => deleteAt(c, "$.meta")],
    ["title blank", (c) => setAt(c, "$.meta.title", "  ")],
    ["discountRate −1", (c) => setAt(c, "$.parameters.discountRate", -1)],
    ["benchmarkRate a text", (c) => setAt(c, "$.parameters.benchmarkRate", "12%")],
    ["taxRate 1", (c) => setAt(c, "$.parameters.taxRate", 1)],
    ["taxRate −0.1", (c) => setAt(c, "$.parameters.taxRate", -0.1)],
    ["depreciationYears 0", (c) => setAt(c, "$.parameters.depreciationYears", 0)],
    ["evaluationYears 10.5", (c) => setAt(c, "$.parameters.evaluationYears", 10.5)],
    ["evaluationYears 0", (c) => setAt(c, "$.parameters.evaluationYears", 0)],
    ["evaluationYears 1001", (c) => setAt(c, "$.parameters.evaluationYears", 1001)],
    ["balanceTolerance −0.01", (c) => setAt(c, "$.parameters.balanceTolerance", -0.01)],
    ["paybackQuota 0", (c) => setAt(c, "$.parameters.paybackQuota", 0)],
    ["waste quantity −1", (c) => setAt(c, "$.wasteSources[0].quantity", -1)],
    ["waste unit blank", (c) => setAt(c, "$.wasteSources[0].unit", " ")],
    ["waste name missing", (c) => deleteAt(c, "$.wasteSources[1].name")],
    ["annualCost −1", (c) => setAt(c, "$.wasteSources[0].annualCost", -1)],
    ["weight 0", (c) => setAt(c, "$.focusSelection.factors[0].weight", 0)],
    ["no factors", (c) => setAt(c, "$.focusSelection.factors", [])],
    ["score −1", (c) => setAt(c, "$.focusSelection.candidates[0].scores[0]", -1)],
    ["score a text", (c) => setAt(c, "$.focusSelection.candidates[0].scores[0]", "8")],
    ["no inputs", (c) => setAt(c, "$.materialBalance[0].inputs", [])],
    ["stream quantity −1", (c) => setAt(c, "$.materialBalance[0].outputs[0].quantity", -1)],
    ["basis blank", (c) => setAt(c, "$.materialBalance[0].basis", "")],
    ["option id missing", (c) => deleteAt(c, "$.options[0].id")],
    ["option id with a wildcard", (c) => setAt(c, "$.options[0].id", "F*")],
    ["option id with a trailing space", (c) => setAt(c, "$.options[0].id", "F-01 ")],
    ["option investment −1", (c) => setAt(c, "$.options[0].investment", -1)],
    ["economics investment 0", (c) => setAt(c, "$.economics[0].investment", 0)],
    ["no P, F or cashFlows", (c) => (deleteAt(c, "$.economics[0].annualSavings"), deleteAt(c, "$.economics[0].annualCashFlow"))],
    ["cashFlows empty", (c) => setAt(c, "$.economics[0].cashFlows", [])],
    ["cashFlows with a text", (c) => setAt(c, "$.economics[0].cashFlows", [1, "2"])],
    ["technical a number", (c) => setAt(c, "$.economics[0].technical", 1)],
    ["options not a list", (c) => setAt(c, "$.options", { id: "F-01" })],
  ];

  it.each(mutations)("%s: both reject, at the same field", (_, mutate) => {
    const c = structuredClone(base);
    mutate(c);
    expect(check(c)).toBe(false);
    const v = validateCase(c);
    expect(v.ok).toBe(false);
    const ours = v.ok ? [] : v.errors.map((e) => e.path);
    // ajv names the entry of a rule over several fields (anyOf), validateCase the field it asks for
    const theirs = ajvPaths(check.errors);
    expect(ours.some((p) => theirs.some((q) => p === q || p.startsWith(`${q}.`))), `${ours.join(", ")} vs ${theirs.join(", ")}`).toBe(true);
  });

  it("both accept what the schema allows: cashFlows with blank years, true/false conclusions, unknown fields", () => {
    const c = structuredClone(base);
    setAt(c, "$.economics[0].cashFlows", [11.3, null, 11.3]);
    setAt(c, "$.economics[0].technical", true);
    setAt(c, "$.economics[1].environmental", "Feasible");
    setAt(c, "$.options[0].colour", "red");
    expect(ajvPaths(check(c) ? [] : check.errors)).toEqual([]);
    expect(validateCase(c).ok).toBe(true);
  });
});
