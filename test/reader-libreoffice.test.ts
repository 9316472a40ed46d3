/**
 * Issue 13: a workbook a person saved again in another spreadsheet (LibreOffice writes its own table
 * parts, shared strings, styles and cached values) reads back the same case — after an edit too:
 * an option typed below the register, then the file saved by LibreOffice.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCase } from "../src/reader/read-case";
import { xlsxSource } from "../src/reader/xlsx-source";
import { validateCase } from "../src/worksheets/case";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { requireSoffice, resaveXlsx } from "./helpers/libreoffice";
import { appendTableRows } from "./helpers/workbook-edit";

const hasSoffice = requireSoffice();

describe.skipIf(!hasSoffice)("a workbook saved again by LibreOffice", () => {
  it("reads the same case as the file this tool wrote, with the row typed before saving", async () => {
    const v = validateCase(JSON.parse(readFileSync("cases/power-plant-workshop.json", "utf8")));
    if (!v.ok) throw new Error("case invalid");
    const written = await appendTableRows(await writeXlsx(buildWorkbook(v.value, { lang: "zh-CN" })), "tblOptions", [
      { 方案编号: "X-99", 方案名称: "新增方案", 方案类型: "设备", 费用类别: "中费", 预计投资: 12.5, 预计年效益: 3 },
    ]);
    const ours = readCase(await xlsxSource(written));
    const theirs = readCase(await xlsxSource(await resaveXlsx(written)));
    if (!ours.ok || !theirs.ok) throw new Error(JSON.stringify(ours.ok ? theirs : ours));
    expect(theirs.caseFile).toEqual(ours.caseFile);
    expect((theirs.caseFile.options as { id: string }[]).at(-1)).toEqual({ id: "X-99", name: "新增方案", aspect: "设备", costClass: "中费", investment: 12.5, annualBenefit: 3 });
  }, 180_000);
});
