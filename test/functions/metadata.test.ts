// Metadata snapshot (engineering guide §4): the metadata generated from src/functions/functions.ts must equal
// the committed test/golden/functions.json, so an id or signature change shows as a diff. After a deliberate
// change (never of an id), regenerate the golden with
//   npx custom-functions-metadata generate src/functions/functions.ts test/golden/functions.json
// The ids and argument lists are also checked against the issue's table (issue 4), an independent source.
import { readFileSync } from "node:fs";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { describe, expect, test } from "vitest";
// typed by ./functions-metadata.d.ts
import * as metaScript from "../../scripts/functions-metadata.mjs"; // not "meta": vite's SSR transform then also rewrites import.meta
import type { FunctionMetadata as Fn, Metadata } from "../../scripts/functions-metadata.mjs";

const root = new URL("../../", import.meta.url);
const source = new URL("src/functions/functions.ts", root).pathname;

async function generate(): Promise<Metadata> {
  const r = await generateCustomFunctionsMetadata(source);
  expect(r.errors, "custom-functions-metadata errors").toEqual([]);
  return JSON.parse(r.metadataJson) as Metadata;
}

/** The issue's table: id → arguments in order ([x] = optional). */
const ISSUE_TABLE: Record<string, string> = {
  NPV: "rate, investment, cashFlows, [years]",
  IRR: "investment, cashFlows, [years], [guess]",
  NPVR: "rate, investment, cashFlows, [years]",
  PAYBACK: "investment, cashFlows, [years]",
  CASHFLOW: "annualSavings, investment, depreciationYears, taxRate",
  ECONOMICS: "investment, annualSavings, rate, depreciationYears, taxRate, [years]",
  IRRINTERP: "investment, cashFlows, [years], [step]",
  BALANCEGAP: "inputs, outputs",
  BALANCEERROR: "inputs, outputs",
  BALANCECHECK: "inputs, outputs, [tolerance]",
  WEIGHTEDSCORE: "weights, scores",
  PROPSCORE: "value, values, [lowerIsBetter]",
  CONVERT: "value, fromUnit, toUnit",
};
/** Added from the spec's list of further helpers (§3.5), with their own stable ids. */
const ADDED: Record<string, string> = {
  ANNUITYFACTOR: "rate, years",
  // issue 12: energy and carbon accounting
  TCE: "quantity, carrier, [convention]",
  CO2: "quantity, carrier, [year], [region]",
};

const args = (f: Fn) => f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");

describe("functions.json", () => {
  test("the generated metadata equals the committed golden", async () => {
    const golden = JSON.parse(readFileSync(new URL("test/golden/functions.json", root), "utf8")) as Metadata;
    expect(await generate()).toEqual(golden);
  });

  test("ids and arguments are exactly the issue's table (plus the spec's ANNUITYFACTOR), ids = names", async () => {
    const m = await generate();
    const table = { ...ISSUE_TABLE, ...ADDED };
    expect(m.functions.map((f) => f.id).sort()).toEqual(Object.keys(table).sort());
    for (const f of m.functions) {
      expect(f.name, `${f.id} name`).toBe(f.id);
      expect(args(f), `CP.${f.id} arguments`).toBe(table[f.id]);
      expect(f.id).toMatch(/^[A-Z][A-Z0-9]*$/); // ASCII, upper case
    }
  });

  test("ranges are matrices of any (blanks and text reach the function); scalars are any (no Excel text→number)", async () => {
    const ranges = new Set(["cashFlows", "inputs", "outputs", "weights", "scores", "values"]);
    for (const f of (await generate()).functions) {
      for (const p of f.parameters) {
        expect(p.type, `${f.id}.${p.name} type`).toBe("any");
        expect(p.dimensionality === "matrix", `${f.id}.${p.name} is a range`).toBe(ranges.has(p.name));
      }
      // optional arguments last
      const firstOptional = f.parameters.findIndex((p) => p.optional);
      if (firstOptional >= 0) expect(f.parameters.slice(firstOptional).every((p) => p.optional), `${f.id}: optional last`).toBe(true);
    }
  });

  test("results: ECONOMICS spills a row; BALANCECHECK is a boolean; the rest numbers", async () => {
    for (const f of (await generate()).functions) {
      const expected = f.id === "ECONOMICS" ? { dimensionality: "matrix", type: "number" } : f.id === "BALANCECHECK" ? { type: "boolean" } : { type: "number" };
      expect(f.result, f.id).toEqual(expected);
    }
  });

  test("every description and argument help is present and at most 128 characters", async () => {
    for (const f of (await generate()).functions) {
      expect(f.description?.length ?? 0, `${f.id} description`).toBeGreaterThan(10);
      expect(f.description!.length, `${f.id} description`).toBeLessThanOrEqual(metaScript.MAX_DESCRIPTION);
      for (const p of f.parameters) {
        expect(p.description?.length ?? 0, `${f.id}.${p.name}`).toBeGreaterThan(3);
        expect(p.description!.length, `${f.id}.${p.name}`).toBeLessThanOrEqual(metaScript.MAX_DESCRIPTION);
      }
    }
  });
});

describe("functions-zh-cn.json", () => {
  test("the zh-CN dictionary covers every function and argument; ids, names and shapes unchanged", async () => {
    const en = await generate();
    const zh = metaScript.localizeMetadata(en, metaScript.readZhDictionary());
    expect(zh.functions.map((f) => f.id)).toEqual(en.functions.map((f) => f.id));
    zh.functions.forEach((z, i) => {
      const e = en.functions[i]!;
      expect(z.name).toBe(e.name);
      expect(z.result).toEqual(e.result);
      expect(z.parameters.map(({ description: _d, ...rest }) => rest)).toEqual(e.parameters.map(({ description: _d, ...rest }) => rest));
      expect(z.description).not.toBe(e.description);
      expect(z.description).toMatch(/[\u4e00-\u9fff]/); // Chinese text
      z.parameters.forEach((p) => expect(p.description, `${z.id}.${p.name}`).toMatch(/[\u4e00-\u9fff]/));
    });
  });

  test("a dictionary missing an argument, or naming an unknown function, is refused", async () => {
    const en = await generate();
    const dict = metaScript.readZhDictionary();
    const missing = structuredClone(dict);
    delete missing.NPV!.parameters.years;
    expect(() => metaScript.localizeMetadata(en, missing)).toThrow(/NPV\.years: missing zh-CN text/);
    const extra = { ...structuredClone(dict), NPV2: { description: "x", parameters: {} } };
    expect(() => metaScript.localizeMetadata(en, extra)).toThrow(/NPV2, which is not a function/);
  });
});

describe("docs/FUNCTIONS.md", () => {
  test("is the current rendering of the metadata (node scripts/functions-metadata.mjs docs)", async () => {
    const en = await generate();
    const zh = metaScript.localizeMetadata(en, metaScript.readZhDictionary());
    const expected = metaScript.renderFunctionsMarkdown(en, zh, metaScript.readRemarks());
    expect(readFileSync(new URL("docs/FUNCTIONS.md", root), "utf8")).toBe(expected);
    for (const f of en.functions) expect(expected).toContain(`CP.${f.id}(${args(f)})`);
  });
});
