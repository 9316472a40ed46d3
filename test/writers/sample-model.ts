/**
 * A small hand-made WorkbookModel that uses every feature of the SheetModel, for the writer tests
 * (both writers can render it and be checked with test/helpers/model-check.ts).
 *
 * Cached results are computed here the way core would (plain arithmetic) or with formulajs as an
 * independent oracle for the spreadsheet functions (RANK.EQ, MAXIFS, MINIFS, STDEV.S, TEXTJOIN, CONCAT, IFS);
 * LibreOffice's recalculation of the written file must then give the same values.
 */
import * as formulajs from "@formulajs/formulajs";
import { rect, sheetRef } from "../../src/worksheets/a1";
import type { CellModel, SheetModel, WorkbookModel } from "../../src/worksheets/model";

export const PARAMS_SHEET = "参数";
export const OPTIONS_SHEET = "方案 (A-B)";
export const FUNCS_SHEET = "Functions";
export const E11_SHEET = "E11";
export const LISTS_SHEET = "列表";

/** 折现率 (decimal, 0.08 not 8) at '参数'!$C$6, named CP_DiscountRate. */
export const DISCOUNT_RATE = 0.08;
/** 评价年限 (a) at '参数'!$C$5, named CP_EvaluationYears. */
export const EVALUATION_YEARS = 10;

/** E12: option descriptions that begin with "=", "+" and "-" and must stay text. */
export const E12_TEXTS = ["=10% less water", "+3 t/a steam saved", "-5% energy"] as const;

/** Investments 投资 (万元) of the four options; ties on purpose (RANK.EQ gives equal ranks). */
export const INVESTMENTS = [30, 10, 20, 10] as const;
/** Payback years 投资偿还期 N (a); rows with N > 3 are highlighted (E13). */
export const PAYBACKS = [2.5, 4, 1.2, 3.5] as const;

export const FUNC_DATA = [2, 4, 4, 5, 9] as const;
export const FUNC_KEYS = ["x", "y", "x", "y", "x"] as const;

function empty(key: string, name: string, title: string): SheetModel {
  return { key, name, title, cells: [], columnWidths: [], merges: [], validations: [], conditionalFormats: [], protect: false, tables: [], rowHeights: [], hiddenColumns: [] };
}

function paramsSheet(): SheetModel {
  const s = empty("PARAMS", PARAMS_SHEET, "参数");
  const c: CellModel[] = [
    { row: 0, col: 0, value: "参数", style: "title" },
    { row: 1, col: 0, value: "名称", style: "header" },
    { row: 1, col: 1, value: "单位", style: "header" },
    { row: 1, col: 2, value: "值", style: "header" },
    { row: 2, col: 0, value: "基准收益率", style: "label" },
    { row: 2, col: 1, value: "—", style: "label" },
    { row: 2, col: 2, value: 0.12, numberFormat: "0.00%", style: "input" },
    { row: 3, col: 0, value: "所得税率", style: "label" },
    { row: 3, col: 1, value: "—", style: "label" },
    { row: 3, col: 2, value: 0.25, numberFormat: "0.00%", style: "input" },
    { row: 4, col: 0, value: "评价年限", style: "label" },
    { row: 4, col: 1, value: "a", style: "label" },
    { row: 4, col: 2, value: EVALUATION_YEARS, numberFormat: "0", style: "input" },
    { row: 5, col: 0, value: "折现率", style: "label" },
    { row: 5, col: 1, value: "—", style: "label" },
    { row: 5, col: 2, value: DISCOUNT_RATE, numberFormat: "0.00%", style: "input" },
    { row: 6, col: 0, value: "说明：黄色单元格可修改。", style: "note" },
  ];
  return {
    ...s,
    cells: c,
    columnWidths: [16, 8, 12],
    merges: [rect(0, 0, 0, 2)],
    freeze: { rows: 2, cols: 0 },
    validations: [
      { kind: "decimal", range: rect(2, 2, 3, 2), min: 0, max: 1, allowBlank: false, prompt: "0–1 的小数", error: "请输入 0 到 1 之间的小数" },
      { kind: "whole", range: rect(4, 2), min: 1, max: 50, allowBlank: false },
      { kind: "decimal", range: rect(5, 2), allowBlank: true },
    ],
    protect: true,
    print: { orientation: "portrait", repeatRows: { first: 1, last: 1 }, footer: "制表：张三 & 李四" },
  };
}

function optionsSheet(): SheetModel {
  const s = empty("WS-OPTIONS", OPTIONS_SHEET, "方案汇总");
  const first = 2;
  const last = first + INVESTMENTS.length - 1;
  const c: CellModel[] = [
    { row: 0, col: 0, value: "方案汇总", style: "title" },
    ...["编号", "说明", "投资（万元）", "投资排序", "年折现额", "含折现投资", "状态", "投资偿还期（a）", "可行"].map(
      (h, col): CellModel => ({ row: 1, col, value: h, style: "header" }),
    ),
  ];
  const invRange = `$C$${first + 1}:$C$${last + 1}`;
  INVESTMENTS.forEach((inv, i) => {
    const row = first + i;
    const r = row + 1; // 1-based row in formulas
    c.push(
      { row, col: 0, value: `F${i + 1}`, style: "label" },
      { row, col: 1, value: i < E12_TEXTS.length ? E12_TEXTS[i]! : null, style: "input" },
      { row, col: 2, value: inv, numberFormat: "0.00", style: "input" },
      {
        row, col: 3, formula: `RANK.EQ(C${r},${invRange},0)`,
        result: formulajs.RANK.EQ(inv, [...INVESTMENTS], 0) as number, numberFormat: "0", style: "computed",
      },
      // Cross-sheet reference to a quoted Chinese sheet name.
      { row, col: 4, formula: `C${r}*${sheetRef(PARAMS_SHEET, rect(5, 2))}`, result: inv * DISCOUNT_RATE, numberFormat: "0.00", style: "lookup" },
      // Defined name.
      { row, col: 5, formula: `C${r}*(1+CP_DiscountRate)`, result: inv * (1 + DISCOUNT_RATE), numberFormat: "0.00", style: "computed" },
      { row, col: 6, value: i === 0 ? "可行" : null, style: "input" },
      { row, col: 7, value: PAYBACKS[i]!, numberFormat: "0.0", style: "input" },
      { row, col: 8, formula: `H${r}<=CP_EvaluationYears`, result: PAYBACKS[i]! <= EVALUATION_YEARS, style: "computed" },
    );
  });
  const totalRow = last + 1;
  c.push(
    { row: totalRow, col: 0, value: "合计", style: "total" },
    {
      row: totalRow, col: 2, formula: `SUM(C${first + 1}:C${last + 1})`,
      result: INVESTMENTS.reduce((a, b) => a + b, 0), numberFormat: "0.00", style: "total",
    },
    { row: totalRow + 1, col: 0, value: "黄色为输入，蓝灰为计算。", style: "note" },
  );
  return {
    ...s,
    cells: c,
    columnWidths: [8, 24, 12, 10, 12, 12, 10, 14, 8],
    merges: [rect(0, 0, 0, 8)],
    freeze: { rows: 2, cols: 2 },
    validations: [
      { kind: "list", range: rect(first, 6, last, 6), source: `${sheetRef(LISTS_SHEET, rect(1, 0, 3, 0))}`, allowBlank: true, prompt: "从列表中选择" },
      { kind: "decimal", range: rect(first, 2, last, 2), min: 0, allowBlank: true, error: "投资不能为负" },
    ],
    // E13: highlight rows whose payback exceeds 3 a.
    conditionalFormats: [
      { range: rect(first, 0, last, 8), formula: `$H${first + 1}>3`, style: "bad" },
      { range: rect(first, 3, last, 3), formula: `D${first + 1}=1`, style: "good" },
    ],
    protect: true,
    print: { orientation: "landscape", repeatRows: { first: 0, last: 1 } },
  };
}

function functionsSheet(): SheetModel {
  const s = empty("FUNCS", FUNCS_SHEET, "Post-2007 functions");
  const data = [...FUNC_DATA];
  const keys = [...FUNC_KEYS];
  const c: CellModel[] = [{ row: 0, col: 0, value: "value", style: "header" }, { row: 0, col: 1, value: "key", style: "header" }];
  data.forEach((v, i) => c.push({ row: i + 1, col: 0, value: v }, { row: i + 1, col: 1, value: keys[i]! }));
  const f = (row: number, formula: string, result: CellModel["result"], numberFormat?: string): CellModel => ({
    row, col: 3, formula, result, style: "computed", ...(numberFormat ? { numberFormat } : {}),
  });
  c.push(
    f(1, 'MAXIFS(A2:A6,B2:B6,"x")', formulajs.MAXIFS(data, keys, "x") as number),
    f(2, 'MINIFS(A2:A6,B2:B6,"y")', formulajs.MINIFS(data, keys, "y") as number),
    f(3, "STDEV.S(A2:A6)", formulajs.STDEV.S(data), "0.0000"),
    f(4, 'TEXTJOIN("-",TRUE,B2:B4)', formulajs.TEXTJOIN("-", true, ...keys.slice(0, 3)) as string),
    f(5, "CONCAT(B2,B3)", formulajs.CONCAT(keys[0], keys[1]) as string),
    f(6, 'IFS(A2>3,"big",TRUE,"small")', formulajs.IFS(data[0]! > 3, "big", true, "small") as string),
    // A text that looks like a function call must not get a prefix inside the string literal.
    f(7, 'IF(A2>100,"RANK.EQ(","")', null),
    f(8, "A2>1", data[0]! > 1),
    f(9, "CP_DiscountRate", DISCOUNT_RATE, "0.00%"),
    f(10, "AVERAGE(A2:A6)", data.reduce((a, b) => a + b, 0) / data.length, "0.00"),
    // Falsy results must survive as cached values too: 0, FALSE.
    f(11, 'COUNTIF(B2:B6,"z")', formulajs.COUNTIF(keys, "z") as number),
    f(12, "A2>100", data[0]! > 100),
    // A merged note: the model may list the covered cells as blanks.
    { row: 14, col: 0, value: "merged note", style: "note" },
    { row: 14, col: 1, value: null, style: "note" },
    { row: 15, col: 0, value: 0.5, numberFormat: "0%", style: "computed" },
    { row: 15, col: 1, value: null, style: "computed" },
  );
  return { ...s, cells: c, columnWidths: [10, 10, 4, 16], merges: [rect(14, 0, 14, 3), rect(15, 0, 15, 1)] };
}

/** E11 exactly as written in edge-cases.md: SUM(B2:B4) over 100, 200, 300. */
function e11Sheet(): SheetModel {
  const s = empty("E11", E11_SHEET, "E11");
  return {
    ...s,
    cells: [
      { row: 1, col: 1, value: 100 },
      { row: 2, col: 1, value: 200 },
      { row: 3, col: 1, value: 300 },
      { row: 4, col: 1, formula: "SUM(B2:B4)", result: 600, style: "total" },
    ],
  };
}

function listsSheet(): SheetModel {
  const s = empty("LISTS", LISTS_SHEET, "列表");
  return {
    ...s,
    cells: [
      { row: 0, col: 0, value: "状态", style: "header" },
      { row: 1, col: 0, value: "可行" },
      { row: 2, col: 0, value: "待定" },
      { row: 3, col: 0, value: "不可行" },
    ],
    hidden: true,
  };
}

/** The sample workbook: 参数, 方案 (A-B), Functions, E11 and the hidden 列表. */
export function sampleWorkbook(): WorkbookModel {
  return {
    lang: "zh-CN",
    sheets: [paramsSheet(), optionsSheet(), functionsSheet(), e11Sheet(), listsSheet()],
    names: [
      { name: "CP_DiscountRate", sheet: PARAMS_SHEET, ref: rect(5, 2) },
      { name: "CP_EvaluationYears", sheet: PARAMS_SHEET, ref: rect(4, 2) },
      { name: "CP_StatusList", sheet: LISTS_SHEET, ref: rect(1, 0, 3, 0) },
    ],
  };
}
