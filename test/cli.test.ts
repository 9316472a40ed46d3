/**
 * The `cp-audit` command line, run as a user runs it (`node bin/cp-audit.mjs ...`, through tsx,
 * no build step): a mistyped or missing field exits non-zero with the field's JSON path and
 * writes nothing (guide §3 "bad input writes nothing"); build, template and demo write .xlsx
 * files; an unknown flag prints the usage and exits 2.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli-run";
import { SHEET_NAMES } from "./fixtures/sheet-names";

const ROOT = resolve(import.meta.dirname, "..");

const run = runCli;

/** Sheet names of an .xlsx file (read with JSZip, independent of the writer). */
async function sheetNames(path: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  return [...wb.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]!);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cp-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("cp-audit CLI", () => {
  it('rejects "discountRate": "6%" with the JSON path and writes nothing', async () => {
    const out = join(dir, "bad.xlsx");
    const r = await run(["build", join(ROOT, "test/fixtures/bad-discount-rate.json"), "--out", out], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('$.parameters.discountRate: expected a number (decimal, e.g. 0.06), got "6%"');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes("bad"))).toEqual([]); // no partial/temporary file either
  });

  it("reports every missing required field with its path, exit 1, no file", async () => {
    const out = join(dir, "missing.xlsx");
    const r = await run(["build", join(ROOT, "test/fixtures/missing-required.json"), "--out", out], dir);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines.every((l) => l.startsWith("$.")), r.stderr).toBe(true); // one line per problem, JSON path first
    expect(lines.some((l) => l.startsWith("$.meta.title: "))).toBe(true);
    expect(lines.some((l) => l.startsWith("$.economics[1].investment: "))).toBe(true);
    expect(existsSync(out)).toBe(false);
  });

  it("rejects a file that is not JSON, exit 1", async () => {
    const out = join(dir, "notjson.xlsx");
    const r = await run(["build", join(ROOT, "README.md"), "--out", out], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not valid JSON/);
    expect(existsSync(out)).toBe(false);
  });

  it("builds a case (en-US) and writes the workbook", async () => {
    const out = join(dir, "sub", "textbook.xlsx");
    const r = await run(["build", join(ROOT, "cases/textbook-150wan.json"), "--out", out, "--lang", "en-US"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(out);
    expect(await sheetNames(out)).toEqual(SHEET_NAMES["en-US"]);
  });

  it("writes the blank template (zh-CN default)", async () => {
    const out = join(dir, "template.xlsx");
    const r = await run(["template", "--out", out], dir);
    expect(r.code).toBe(0);
    expect(await sheetNames(out)).toEqual(SHEET_NAMES["zh-CN"]);
  });

  it("demo prints the absolute path it wrote and the summary", async () => {
    const r = await run(["demo", "--out", "demo/pp.xlsx"], dir);
    expect(r.code).toBe(0);
    const written = join(dir, "demo", "pp.xlsx");
    expect(r.stdout).toContain(`已写入 ${written}`);
    expect(existsSync(written)).toBe(true);
    expect(r.stdout).toContain("审核重点：锅炉工段");
    expect(r.stdout).toMatch(/汽机工段 水平衡.*相对误差 1\.36 %（合格/);
    expect(r.stdout).toMatch(/Z-01 冷凝水余热回收：NPV 32\.18 万元，NPVR 101\.60 %，IRR 33\.73 %.*经济可行/);
    expect(r.stdout).toMatch(/Z-02 电除尘器仪表改造：NPV 47\.66 万元，NPVR 64\.56 %，IRR 26\.31 %.*经济可行/);
    // the demo's technical and environmental conclusions are filled (可行): both options are recommended
    expect(r.stdout.match(/可行性分析综合结论：推荐实施/g)?.length).toBe(2);
    expect(r.stdout).not.toContain("未填");
  });

  it("unknown flag → usage on stderr, exit 2, nothing written", async () => {
    const r = await run(["template", "--out", join(dir, "x.xlsx"), "--colour", "red"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option --colour");
    expect(r.stderr).toContain("Usage:");
    expect(existsSync(join(dir, "x.xlsx"))).toBe(false);
  });

  it("17,000 focus factors (more than a sheet's 16,384 columns hold): one line at the JSON path, no stack trace, exit 1, no file", async () => {
    const c = JSON.parse(readFileSync(join(ROOT, "cases/power-plant-workshop.json"), "utf8")) as { focusSelection: { factors: unknown[]; candidates: unknown[] } };
    c.focusSelection.factors = Array.from({ length: 17000 }, (_, k) => ({ name: `F${k}`, weight: 5 }));
    const scores = c.focusSelection.factors.map(() => 5);
    c.focusSelection.candidates = Array.from({ length: 3 }, (_, k) => ({ name: `C${k}`, scores }));
    const casePath = join(dir, "big-cand.json");
    writeFileSync(casePath, JSON.stringify(c));
    const out = join(dir, "big-cand.xlsx");
    const r = await run(["build", casePath, "--out", out], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("$.focusSelection.factors: 17,000 factors need 17,008 columns but a sheet has 16,384: at most 16,376 factors fit in one sheet\n");
    expect(existsSync(out)).toBe(false);
  });

  it("unknown command → usage, exit 2; --help → usage on stdout, exit 0", async () => {
    const bad = await run(["frobnicate"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Usage:");
    const help = await run(["--help"], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("cp-audit build CASE.json --out FILE.xlsx");
  });
});
