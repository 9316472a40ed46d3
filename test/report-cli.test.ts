/**
 * `cp-audit report` as a user runs it (node bin/cp-audit.mjs): the report of a built workbook
 * (read back by table name and header) or of a case file is written as .docx; a workbook the
 * reader cannot follow gives the sheet and cell and no report (exit 1); usage errors exit 2.
 *
 * The round trip (the demo workbook's report equals the demo case file's) needs every sheet's
 * readBack; while some sheet is not read back yet (the reader warns "此工作表尚不能读回", the
 * read-back case may not even validate), that test is skipped and the pipeline is checked on the
 * blank template instead.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli-run";
import { setCells } from "./helpers/workbook-edit";

const ROOT = resolve(import.meta.dirname, "..");
const DEMO_CASE = join(ROOT, "cases", "power-plant-workshop.json");

const run = runCli;

/** The visible text of a .docx body (w:t runs, in order). */
async function docxText(path: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const xml = await zip.file("word/document.xml")!.async("string");
  const decode = (t: string) => t.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[e]!);
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join("");
}

let dir: string;
let workbook: string;
let demo: string;
/** Whether every sheet of the demo workbook is read back (no "cannot be read back yet" warning). */
let demoReadsBack: boolean;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cp-report-cli-"));
  workbook = join(dir, "blank.xlsx");
  demo = join(dir, "demo.xlsx");
  const [t, b] = await Promise.all([run(["template", "--out", workbook], dir), run(["build", DEMO_CASE, "--out", demo], dir)]);
  expect(t.code).toBe(0);
  expect(b.code).toBe(0);
  const r = await run(["read", demo, "--out", join(dir, "demo-read.json")], dir);
  demoReadsBack = r.code === 0 && !r.stderr.includes("尚不能读回");
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("cp-audit report", () => {
  it("writes the report of a workbook in the workbook's language, with its chapters", async () => {
    const out = join(dir, "report.docx");
    const r = await run(["report", workbook, "--out", out], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("已写入审核报告");
    const text = await docxText(out);
    for (const h of ["清洁生产审核报告", "前言", "第一章 审核准备", "第七章 持续清洁生产", "结论"]) expect(text).toContain(h);
  }, 120_000);

  it("--lang en-US --terminology 2001: English chapters in the 2001 terms", async () => {
    const out = join(dir, "report-en.docx");
    const r = await run(["report", workbook, "--out", out, "--lang", "en-US", "--terminology", "2001"], dir);
    expect(r.code, r.stderr).toBe(0);
    const text = await docxText(out);
    for (const h of ["Cleaner Production Audit Report", "1 Planning & organisation", "3 Assessment", "5 Feasibility analysis"]) expect(text).toContain(h);
  }, 120_000);

  it("the demo workbook's report (read back) equals the demo case file's report", async (ctx) => {
    if (!demoReadsBack) ctx.skip(); // some sheet has no readBack yet (see the file's comment)
    const [a, b] = [join(dir, "demo-wb.docx"), join(dir, "demo-case.docx")];
    const [ra, rb] = await Promise.all([run(["report", demo, "--out", a], dir), run(["report", DEMO_CASE, "--out", b], dir)]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    const text = await docxText(a);
    expect(text).toContain("净现值 NPV = 32.18 万元");
    expect(text).toBe(await docxText(b));
  }, 120_000);

  it("a case file: the report with its key figures", async () => {
    const out = join(dir, "from-case.docx");
    const r = await run(["report", DEMO_CASE, "--out", out], dir);
    expect(r.code, r.stderr).toBe(0);
    // NPV of Z-01: meta.expected 32.1775 → 32.18 万元
    expect(await docxText(out)).toContain("净现值 NPV = 32.18 万元");
  }, 120_000);

  it("a workbook the reader cannot follow: the sheet and cell, exit 1, no report", async () => {
    const broken = join(dir, "broken.xlsx");
    writeFileSync(broken, await setCells(new Uint8Array(readFileSync(demo)), "参数", { C6: "twelve" }));
    const out = join(dir, "broken.docx");
    const r = await run(["report", broken, "--out", out], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("'参数'!C6");
    expect(r.stderr).toContain("twelve");
    expect(r.stderr).toContain("未写入审核报告");
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it("an English workbook the reader cannot follow: every message in English, none in Chinese", async () => {
    const en = join(dir, "demo-en.xlsx");
    expect((await run(["build", DEMO_CASE, "--out", en, "--lang", "en-US"], dir)).code).toBe(0);
    const broken = join(dir, "broken-en.xlsx");
    writeFileSync(broken, await setCells(new Uint8Array(readFileSync(en)), "Parameters", { C6: "twelve" }));
    const out = join(dir, "broken-en.docx");
    const r = await run(["report", broken, "--out", out], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Parameters!C6");
    expect(r.stderr).toContain("No report written (correct the problems above first)");
    expect(r.stderr).not.toContain("未写入");
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it("a file that cannot be opened as a workbook: its language is unknown, the last line in both languages", async () => {
    const junk = join(dir, "junk.xlsx");
    writeFileSync(junk, "not a zip");
    const r = await run(["report", junk, "--out", join(dir, "junk.docx")], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("未写入审核报告（上述问题须先改正） / No report written (correct the problems above first)");
  }, 120_000);

  it("usage: --out is required, one input, no --protect; --out may not name the input", async () => {
    expect((await run(["report", workbook], dir)).code).toBe(2);
    expect((await run(["report", "--out", join(dir, "x.docx")], dir)).code).toBe(2);
    expect((await run(["report", workbook, "--out", join(dir, "x.docx"), "--protect"], dir)).code).toBe(2);
    const same = await run(["report", workbook, "--out", workbook], dir);
    expect(same.code).toBe(1);
    expect(same.stderr).toContain("--out names the input itself");
  }, 120_000);
});
