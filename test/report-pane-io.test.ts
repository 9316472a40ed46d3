/**
 * What the pane's 生成审核报告 runs (src/taskpane/report.ts): inside Excel the open workbook read
 * back through Office.js (the recording Excel fake, excel/read-workbook.ts) and reported; a
 * workbook the reader cannot follow → ReportInputError naming the sheet, no report; outside Excel
 * the report of the settings' workbook.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { ReportInputError, reportOfOpenWorkbook, reportOfSettings } from "../src/taskpane/report";
import { DEFAULT_SETTINGS } from "../src/taskpane/settings";
import { validateCase } from "../src/worksheets/case";
import { buildWorkbook } from "../src/worksheets/workbook";
import { renderWorkbook } from "../src/writers/office/render";
import { FakeExcel } from "./fakes/excel-fake";

const ROOT = resolve(import.meta.dirname, "..");

/** The visible text of a .docx body. */
async function docxText(bytes: Uint8Array): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
}

describe("the report the pane builds", () => {
  it("of the workbook open in Excel (the blank template, en-US): the chapters, in the workbook's language", async () => {
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, buildWorkbook(null, { lang: "en-US" })));
    const text = await docxText(await reportOfOpenWorkbook((b) => fake.run(b)));
    for (const h of ["Cleaner Production Audit Report", "Preface", "1 Audit preparation", "7 Continuous cleaner production", "Conclusions"]) expect(text).toContain(h);
  }, 60_000);

  it("of a workbook the reader cannot follow (a table deleted in Excel): ReportInputError naming the sheet", async () => {
    const v = validateCase(JSON.parse(readFileSync(join(ROOT, "cases/power-plant-workshop.json"), "utf8")));
    if (!v.ok) throw new Error("invalid demo case");
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, buildWorkbook(v.value, { lang: "zh-CN" })));
    await fake.run(async (ctx) => {
      ctx.workbook.tables.getItem("tblOperating").delete();
      await ctx.sync();
    });
    const err = await reportOfOpenWorkbook((b) => fake.run(b)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReportInputError);
    expect((err as ReportInputError).problems.some((p) => p.startsWith("'运行费用和收益'"))).toBe(true);
  }, 60_000);

  it("of the settings outside Excel: the enterprise on the cover, the 2001 terms when asked", async () => {
    const settings = { ...DEFAULT_SETTINGS, header: { ...DEFAULT_SETTINGS.header, enterprise: "某化工厂" } };
    const text = await docxText(await reportOfSettings(settings, "zh-CN", "2001"));
    expect(text).toContain("某化工厂");
    expect(text).toContain("清洁生产审计报告");
    expect(text).toContain("第一章 筹划和组织");
  }, 60_000);
});
