/**
 * The command line's arguments and inputs, run in-process through `main()` (src/cli/run.ts) with
 * captured output: --out is required by build and template, given once, never empty and never the
 * case file itself (usage errors exit 2, the refusal exits 1 and leaves the case file unchanged); a
 * UTF-8 byte-order mark before the JSON is accepted; validation warnings go to stderr with exit 0.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, USAGE } from "../src/cli/run";
import { deleteAt, setAt } from "./helpers/json-edit";

const ROOT = resolve(import.meta.dirname, "..");
const TEXTBOOK = readFileSync(join(ROOT, "cases/textbook-150wan.json"), "utf8");

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cp-cli-args-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd: dir });
  return { code, out, err };
}

describe("cp-audit --out", () => {
  it("the usage text says what --out writes per command and that all but demo require it", () => {
    expect(USAGE).toContain("cp-audit build CASE.json --out FILE.xlsx");
    expect(USAGE).toContain("cp-audit template --out FILE.xlsx");
    expect(USAGE).toContain("cp-audit read WORKBOOK.xlsx --out CASE.json");
    expect(USAGE).toContain("cp-audit report WORKBOOK.xlsx --out REPORT.docx");
    const out = USAGE.slice(USAGE.indexOf("  --out FILE"), USAGE.indexOf("  --lang LANG")).replace(/\s+/g, " ");
    expect(out).toContain("the .xlsx of build, template and demo, the CASE.json of read, the REPORT.docx of report");
    expect(out).toContain("required by all but demo");
    expect(out).not.toMatch(/where to write the \.xlsx/);
  });

  it("build and template without --out: usage error, exit 2, nothing written", async () => {
    writeFileSync(join(dir, "case.json"), TEXTBOOK);
    const b = await cli("build", "case.json");
    expect(b.code).toBe(2);
    expect(b.err[0]).toBe("cp-audit: build needs --out FILE.xlsx");
    expect(b.err[1]).toBe(USAGE);
    const t = await cli("template");
    expect(t.code).toBe(2);
    expect(t.err[0]).toBe("cp-audit: template needs --out FILE.xlsx");
    expect(existsSync(join(dir, "case.xlsx"))).toBe(false);
    expect(existsSync(join(dir, "cp-audit-template.xlsx"))).toBe(false);
  });

  it("--out= (empty) and --out given twice: usage error, exit 2", async () => {
    const empty = await cli("template", "--out=");
    expect(empty.code).toBe(2);
    expect(empty.err[0]).toBe("cp-audit: --out needs a value (got an empty one)");
    const twice = await cli("template", "--out", "a.xlsx", "--out=b.xlsx");
    expect(twice.code).toBe(2);
    expect(twice.err[0]).toBe("cp-audit: --out is given twice");
    expect(existsSync(join(dir, "a.xlsx")) || existsSync(join(dir, "b.xlsx"))).toBe(false);
    const lang = await cli("template", "--out", "a.xlsx", "--lang", "en-US", "--lang=zh-CN");
    expect(lang.code).toBe(2);
    expect(lang.err[0]).toBe("cp-audit: --lang is given twice");
  });

  it("--out naming the case file (also as ./case.json): exit 1, the case file is unchanged", async () => {
    writeFileSync(join(dir, "case.json"), TEXTBOOK);
    for (const out of ["case.json", "./case.json", join(dir, "case.json")]) {
      const r = await cli("build", "case.json", "--out", out);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([`${join(dir, "case.json")}: --out names the case file itself; refusing to overwrite it with the workbook (choose another FILE.xlsx)`]);
      expect(readFileSync(join(dir, "case.json"), "utf8")).toBe(TEXTBOOK);
    }
  });
});

describe("cp-audit build inputs", () => {
  it("a UTF-8 byte-order mark before the JSON is accepted (Windows editors write one)", async () => {
    writeFileSync(join(dir, "bom.json"), `\uFEFF${TEXTBOOK}`, "utf8");
    expect(readFileSync(join(dir, "bom.json"))[0]).toBe(0xef);
    const r = await cli("build", "bom.json", "--out", "bom.xlsx");
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "bom.xlsx"))).toBe(true);
  });

  it("warnings (flows that change sign twice, annualCashFlow beside cashFlows) on stderr, exit 0, workbook written", async () => {
    const c: unknown = JSON.parse(TEXTBOOK);
    deleteAt(c, "$.options");
    setAt(c, "$.parameters.evaluationYears", 10);
    setAt(c, "$.economics", [
      { optionId: "E03", investment: 50, cashFlows: [-100, 600, 300, -100] },
      { optionId: "BOTH", investment: 100, annualCashFlow: 20, cashFlows: [30, 30, 30, 30, 30] },
    ]);
    writeFileSync(join(dir, "warn.json"), JSON.stringify(c));
    const r = await cli("build", "warn.json", "--out", "warn.xlsx");
    expect(r.code).toBe(0);
    expect(r.err.map((l) => l.split(": ").slice(0, 2).join(": "))).toEqual(["warning: $.economics[0].cashFlows", "warning: $.economics[1].annualCashFlow"]);
    expect(r.err[0]).toMatch(/several IRRs may exist; the IRR shown is the one found from 10 %/);
    expect(r.err[1]).toContain("$.economics[1].cashFlows is also given, and the per-year flows win");
    expect(existsSync(join(dir, "warn.xlsx"))).toBe(true);
  });
});
