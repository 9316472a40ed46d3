/**
 * The reader on the open workbook (issue 13): the workbook the pane renders through Office.js (the
 * recording Excel fake) reads back the same case as the .xlsx file of the same model does with
 * `cp-audit read` — one engine, two sources — in three syncs; a table deleted in Excel is a problem
 * naming the sheet.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FakeExcel } from "../../../test/fakes/excel-fake";
import { readCase } from "../../reader/read-case";
import { xlsxSource } from "../../reader/xlsx-source";
import { validateCase } from "../../worksheets/case";
import type { Lang } from "../../worksheets/model";
import { buildWorkbook } from "../../worksheets/workbook";
import { renderWorkbook } from "../../writers/office/render";
import { writeXlsx } from "../../writers/xlsx";
import { readOpenWorkbook } from "./read-workbook";

const v = validateCase(JSON.parse(readFileSync("cases/power-plant-workshop.json", "utf8")));
if (!v.ok) throw new Error("case invalid");
const CASE = v.value;

describe("readOpenWorkbook", () => {
  for (const lang of ["zh-CN", "en-US"] as Lang[]) {
    it(`reads the rendered workbook as cp-audit read reads its .xlsx (${lang}), in 3 syncs`, async () => {
      const book = buildWorkbook(CASE, { lang });
      const fake = new FakeExcel();
      await fake.run((ctx) => renderWorkbook(ctx, book));
      const before = fake.totalSyncs;
      const pane = await readOpenWorkbook((b) => fake.run(b));
      expect(fake.totalSyncs - before).toBe(3);
      const file = readCase(await xlsxSource(await writeXlsx(book)));
      if (!pane.ok || !file.ok) throw new Error(JSON.stringify(pane.ok ? file : pane));
      expect(pane.lang).toBe(lang);
      expect(pane.caseFile).toEqual(file.caseFile);
      // read from the workbook, not empty: the register's five options and the two economics entries of the case file
      expect((pane.caseFile.options as unknown[]).length).toBe(5);
      expect((pane.caseFile.economics as unknown[]).length).toBe(2);
    });
  }

  it("a table deleted in Excel: a problem naming its sheet, no case", async () => {
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, buildWorkbook(CASE, { lang: "zh-CN" })));
    await fake.run(async (ctx) => {
      ctx.workbook.tables.getItem("tblOperating").delete();
      await ctx.sync();
    });
    const r = await readOpenWorkbook((b) => fake.run(b));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.where)).toEqual(["'运行费用和收益'"]);
  });
});
