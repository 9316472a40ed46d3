/**
 * writers/xlsx print layout (issue 3 item 4 "Finish": legible on A4):
 * - a print area is written as a fully absolute _xlnm.Print_Area (LibreOffice ignores $A1:$Q40) and
 *   LibreOffice reads it back as the sheet's print range;
 * - texts written on several lines get a row tall enough for their lines; wrapped texts of input,
 *   computed and lookup cells wrap (merged ones do not) and their row grows with the lines the
 *   column's width gives them (LibreOffice does not grow rows when it opens an .xlsx);
 * - narrow page margins, A4 fitted to the width; the model's footer (制表 … 审核 …) is printed once.
 * Sources: ECMA-376 §18.2.5 definedName _xlnm.Print_Area, LibreOffice's own reading of the file.
 */
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { rect } from "../../src/worksheets/a1";
import { computeRowHeights } from "../../src/worksheets/layout";
import type { SheetModel, WorkbookModel } from "../../src/worksheets/model";
import { footerCode, PAGE_MARGINS, writeXlsx } from "../../src/writers/xlsx/index";
import { wrappedLines } from "../../src/writers/xlsx/styles";
import { readXlsx } from "../helpers/model-check";
import { exportOds, requireSoffice } from "../helpers/libreoffice";

const hasSoffice = requireSoffice();
const LONG = "经济不可行：投资不可回收，净现值为负，无内部收益率"; // 25 CJK characters = 50 columns

function sheet(): SheetModel {
  return {
    key: "WS5-3",
    name: "经济评估",
    title: "方案经济评估指标汇总表",
    cells: [
      { row: 0, col: 0, value: "方案经济评估指标汇总表", style: "title" },
      { row: 1, col: 0, value: "方案\n编号", style: "header" },
      { row: 1, col: 1, value: "年运行费用\n节省额 P\n万元/a", style: "header" },
      { row: 1, col: 2, value: "结论", style: "header" },
      { row: 1, col: 3, value: "NPVR\n排序键", style: "header" },
      { row: 2, col: 0, value: "Z-01", style: "input" },
      { row: 2, col: 1, value: 15.03, style: "input", numberFormat: "0.00" },
      { row: 2, col: 2, formula: '"经济可行"', result: "经济可行", style: "computed" },
      { row: 2, col: 3, formula: "ROUND(1.016025267,9)", result: 1.016025267, style: "computed", numberFormat: "0.0000000%" },
      { row: 3, col: 0, value: "Z-02", style: "input" },
      { row: 3, col: 2, formula: `"${LONG}"`, result: LONG, style: "computed" },
      { row: 4, col: 0, value: LONG, style: "lookup" },
    ],
    columnWidths: [8, 11, 18, 13],
    merges: [rect(0, 0, 0, 2), rect(4, 0, 4, 2)],
    validations: [],
    conditionalFormats: [],
    protect: true,
    print: { orientation: "landscape", repeatRows: { first: 1, last: 1 }, footer: "制表：张三\u3000\u3000审核：李四", printArea: rect(0, 0, 4, 2) },
    tables: [],
    hiddenColumns: [],
    rowHeights: [],
  };
}

/** The sheet with the row heights the layout computes (src/worksheets/layout.ts computeRowHeights). */
function laidOut(): SheetModel {
  const s = sheet();
  return { ...s, rowHeights: computeRowHeights(s.cells, s.columnWidths, s.merges) };
}

const book: WorkbookModel = { lang: "zh-CN", sheets: [laidOut()], names: [] };

describe("xlsx print layout", () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await writeXlsx(book);
  });

  it("writes the print area fully absolute, scoped to its sheet", async () => {
    const wb = await (await JSZip.loadAsync(bytes)).file("xl/workbook.xml")!.async("string");
    expect(wb).toMatch(/<definedName name="_xlnm\.Print_Area" localSheetId="0">&apos;经济评估&apos;!\$A\$1:\$C\$5<\/definedName>/);
  });

  it("gives multi-line headers and wrapped texts the height of their lines; a merged text does not wrap", async () => {
    const ws = (await readXlsx(bytes)).getWorksheet("经济评估")!;
    // 3 explicit lines of 11 pt: ⌈3 × 11 × 1.45 + 3⌉ = ⌈50.85⌉ = 51 pt (by hand)
    expect(ws.getRow(2).height).toBe(51);
    // the title row holds its 14 pt text: ⌈14 × 1.45 + 3⌉ = ⌈23.3⌉ = 24 pt
    expect(ws.getRow(1).height).toBe(24);
    // one-line row: automatic height
    expect(ws.getRow(3).height ?? 15).toBeLessThanOrEqual(15);
    // 25 CJK characters in an 18-character column: 17 columns per line hold 8 of them → 4 lines
    expect(wrappedLines(LONG, 18)).toBe(4);
    // 4 lines of 11 pt: ⌈4 × 11 × 1.45 + 3⌉ = ⌈66.8⌉ = 67 pt
    expect(ws.getRow(4).height).toBe(67);
    expect(ws.getCell("C4").alignment).toMatchObject({ wrapText: true });
    expect(ws.getCell("A3").alignment).toMatchObject({ wrapText: true }); // input
    expect(ws.getCell("A5").alignment?.wrapText).toBeFalsy(); // merged lookup: cut at the merge's edge
    expect(ws.getRow(5).height ?? 15).toBeLessThanOrEqual(15);
    expect(ws.getCell("D3").numFmt).toBe("0.0000000%");
  });

  it("fits A4 to the width with narrow margins and prints the model's footer once", async () => {
    const ws = (await readXlsx(bytes)).getWorksheet("经济评估")!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.margins).toMatchObject({ left: 0.25, right: 0.25 });
    expect(PAGE_MARGINS.left + PAGE_MARGINS.right).toBeLessThan(1.4); // Excel's default 0.7 + 0.7
    expect(ws.headerFooter.oddFooter).toBe("&L制表：张三\u3000\u3000审核：李四&R第 &P 页 共 &N 页");
    expect(footerCode("zh-CN", undefined)).toBe("&L制表：&C审核：&R第 &P 页 共 &N 页");
  });

  it("counts wrapped lines word by word (Latin) and character by character (CJK)", () => {
    expect(wrappedLines("经济可行", 18)).toBe(1);
    expect(wrappedLines("方案\n编号", 8)).toBe(2);
    expect(wrappedLines("Economically feasible", 18)).toBe(2); // 12 + 1 + 8 > 17
    expect(wrappedLines("Economically feasible", 30)).toBe(1);
    expect(wrappedLines("x".repeat(40), 11)).toBe(4); // a word wider than a line is broken: 10 per line
    // a 10 pt note of 44 columns in a 46-character column: one line (at 11 pt it would take two)
    const note = "由年运行费用节省额 P 推算 F 时使用；现行企业";
    expect(wrappedLines(note, 46, 10)).toBe(1);
    expect(wrappedLines(note, 46)).toBe(2);
  });

  it.skipIf(!hasSoffice)("LibreOffice reads the print area as the sheet's print range", async () => {
    const ods = await exportOds(bytes);
    expect(ods.content).toMatch(/<table:table table:name="经济评估"[^>]*table:print-ranges="经济评估\.A1:经济评估\.C5"/);
  }, 180_000);
});
