/**
 * The report grows with the workbook (issue 13, "one place per worksheet"): a sheet of the model —
 * here a stand-in for 表6-8 清洁生产目标完成情况 (tblTargetAttainment, issue 12)
 * added to the demo's model — lands in chapter 6 with its caption and table, and its figure writer
 * (figures.ts "WS6-8") writes the attainment into sentences, from the cells as given here by hand.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { reportOutline } from "../src/report/outline";
import { validateCase } from "../src/worksheets/case";
import type { CellModel, SheetModel, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";

const ROOT = resolve(import.meta.dirname, "..");

/** A 表6-8 sheet: header row 5, two targets (one met, one not), one growth row. */
function attainmentSheet(): SheetModel {
  const header = ["目标项", "单位", "目标值", "实际值（输入）", "实际值", "完成情况", "完成率", "检查"];
  const rows: (string | number | null)[][] = [
    ["原煤", "t/万kWh", 4.1, null, 4.05, "完成", 1.333333333, null],
    ["新鲜水", "m3/万kWh", 24, 24.5, 24.5, "未完成", 0.5, null],
    [null, null, null, null, null, null, null, null],
  ];
  const formats = ["@", "@", "General", "General", "General", "General", "0.00%", "General"];
  const cells: CellModel[] = [{ row: 0, col: 0, value: "表6-8 清洁生产目标完成情况", style: "title" }];
  header.forEach((h, c) => cells.push({ row: 5, col: c, value: h, style: "header" }));
  rows.forEach((r, i) => r.forEach((v, c) => cells.push({ row: 6 + i, col: c, ...(c >= 4 ? { formula: "X", result: v } : { value: v }), numberFormat: formats[c]!, style: c >= 4 ? "computed" : "input" })));
  return {
    key: "WS6-8",
    name: "目标完成情况",
    title: "表6-8 清洁生产目标完成情况",
    cells,
    columnWidths: header.map(() => 10),
    merges: [],
    validations: [],
    conditionalFormats: [],
    protect: false,
    tables: [{ name: "tblTargetAttainment", ref: { top: 5, left: 0, bottom: 8, right: header.length - 1 }, columns: header.map((name) => ({ name })) }],
    rowHeights: [],
    hiddenColumns: [],
  };
}

describe("a sheet built later (表6-8)", () => {
  it("appears in chapter 6 with its table and its attainment sentences", () => {
    const v = validateCase(JSON.parse(readFileSync(join(ROOT, "cases/power-plant-workshop.json"), "utf8")));
    if (!v.ok) throw new Error("invalid demo");
    const built = buildWorkbook(v.value, { lang: "zh-CN" });
    // the stand-in replaces the built 表6-8 (its cells are given here by hand)
    const others = built.sheets.filter((s) => s.key !== "WS6-8");
    const book: WorkbookModel = { ...built, sheets: [...others.slice(0, -1), attainmentSheet(), others[others.length - 1]!] };
    const blocks = reportOutline(book, v.value).parts.flatMap((p) => p.blocks);
    const ch6 = blocks.findIndex((b) => b.kind === "heading" && b.text === "第六章 方案的实施");
    const ch7 = blocks.findIndex((b) => b.kind === "heading" && b.text === "第七章 持续清洁生产");
    const chapter6 = blocks.slice(ch6, ch7);
    const table = chapter6.find((b) => b.kind === "table" && b.table.tableName === "tblTargetAttainment");
    expect(table && table.kind === "table" && table.table.caption).toBe("表6-8 清洁生产目标完成情况");
    // the growth row is dropped, the blank 检查 and 实际值（输入） columns only where all blank (实际值（输入） has 24.5)
    expect(table && table.kind === "table" && table.table.rows.map((r) => r.cells)).toEqual([
      ["原煤", "t/万kWh", "4.1", "", "4.05", "完成", "133.33%"],
      ["新鲜水", "m3/万kWh", "24", "24.5", "24.5", "未完成", "50.00%"],
    ]);
    const sentence = "清洁生产目标完成情况（表6-8）：共 2 项目标，完成 1 项，未完成 1 项。原煤：目标值 4.1 t/万kWh，实际值 4.05 t/万kWh，完成（完成率 133.33%）；新鲜水：目标值 24 m3/万kWh，实际值 24.5 m3/万kWh，未完成（完成率 50.00%）。";
    expect(chapter6.some((b) => b.kind === "para" && b.text === sentence)).toBe(true);
    // and in the conclusions
    expect(blocks.slice(blocks.findIndex((b) => b.kind === "heading" && b.text === "结论")).some((b) => b.kind === "para" && b.text === sentence)).toBe(true);
  });
});
