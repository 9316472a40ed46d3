/**
 * writers/xlsx: the sample WorkbookModel is written, then
 * - read back with ExcelJS and compared cell by cell with the model (model-check);
 * - inspected in the file's XML for what a reader would not show (E11 cached value, E12 text cells,
 *   E13 rule formula without "=", _xlfn. prefixes, list validation from a range, protection, names);
 * - recalculated by LibreOffice from a copy without cached values: every cell must show the model's value
 *   (sources: edge-cases.md E11–E13, formulajs as oracle for RANK.EQ/MAXIFS/..., LibreOffice itself).
 */
import JSZip from "jszip";
import * as formulajs from "@formulajs/formulajs";
import { beforeAll, describe, expect, it } from "vitest";
import { footerCode, toFileFormula, writeXlsx } from "../../src/writers/xlsx/index";
import type { WorkbookModel } from "../../src/worksheets/model";
import { rect } from "../../src/worksheets/a1";
import {
  checkRecalculatedAgainstModel,
  checkSheetAgainstModel,
  exceljsReader,
  readXlsx,
} from "../helpers/model-check";
import {
  exportOds,
  exportPdf,
  findErrorCells,
  makeTempDir,
  parseSpreadsheetNumber,
  recalculate,
  requireSoffice,
  stripCachedValues,
} from "../helpers/libreoffice";
import { expectClose } from "../helpers/tolerance";
import {
  DISCOUNT_RATE,
  E11_SHEET,
  E12_TEXTS,
  FUNCS_SHEET,
  INVESTMENTS,
  LISTS_SHEET,
  OPTIONS_SHEET,
  PARAMS_SHEET,
  sampleWorkbook,
} from "./sample-model";
import { join } from "node:path";
import { readFile, rm } from "node:fs/promises";

/** XML entity decoding for the few entities ExcelJS writes. */
function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Sheet name → its worksheet XML, resolved through workbook.xml and its relationships. */
async function sheetXmlByName(zip: JSZip): Promise<Map<string, string>> {
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?xl\//, ""));
  }
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = decodeXml(/\bname="([^"]*)"/.exec(m[0])![1]!);
    const rid = /\br:id="([^"]+)"/.exec(m[0])![1]!;
    out.set(name, await zip.file(`xl/${targets.get(rid)!}`)!.async("string"));
  }
  return out;
}

/** The `<c>` element of one cell (A1 address) in a sheet's XML. */
function cellXml(sheetXml: string, address: string): string {
  const m = new RegExp(`<c r="${address}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`).exec(sheetXml);
  if (m === null) throw new Error(`no cell ${address}`);
  return m[0];
}

const book: WorkbookModel = sampleWorkbook();
let bytes: Uint8Array;
let zip: JSZip;
let xml: Map<string, string>;
let sharedStrings: string[];

beforeAll(async () => {
  bytes = await writeXlsx(book);
  zip = await JSZip.loadAsync(bytes);
  xml = await sheetXmlByName(zip);
  const sst = await zip.file("xl/sharedStrings.xml")!.async("string");
  sharedStrings = [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    decodeXml([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join("")),
  );
});

describe("writeXlsx: the file", () => {
  it("is a plain Uint8Array holding a zip (PK header)", () => {
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe("PK");
    expect([...xml.keys()]).toEqual(book.sheets.map((s) => s.name));
  });

  it("reads back with ExcelJS exactly as the model says, cell by cell (values, formulas, results, formats)", async () => {
    const wb = await readXlsx(bytes);
    for (const sheet of book.sheets) {
      const ws = wb.getWorksheet(sheet.name);
      expect(ws, sheet.name).toBeDefined();
      const mismatches = checkSheetAgainstModel(sheet, exceljsReader(ws!));
      expect(mismatches.map((m) => m.message), sheet.name).toEqual([]);
    }
  });

  it("model-check reports a wrong value, formula, result and number format (the check can fail)", async () => {
    const wb = await readXlsx(bytes);
    const altered = sampleWorkbook().sheets.find((s) => s.name === E11_SHEET)!;
    altered.cells[0] = { ...altered.cells[0]!, value: 101, numberFormat: "0.00" };
    altered.cells[3] = { ...altered.cells[3]!, formula: "SUM(B2:B3)", result: 300 };
    const mismatches = checkSheetAgainstModel(altered, exceljsReader(wb.getWorksheet(E11_SHEET)!));
    expect(mismatches.map((m) => `${m.address} ${m.field}`).sort()).toEqual([
      "B2 numberFormat",
      "B2 value",
      "B5 formula",
      "B5 result",
    ]);
    // A value the model puts in a cell covered by a merge is not in the file: reported too.
    const funcs = sampleWorkbook().sheets.find((s) => s.name === FUNCS_SHEET)!;
    const covered = funcs.cells.findIndex((c) => c.row === 14 && c.col === 1);
    funcs.cells[covered] = { ...funcs.cells[covered]!, value: "lost" };
    const coveredMismatches = checkSheetAgainstModel(funcs, exceljsReader(wb.getWorksheet(FUNCS_SHEET)!));
    expect(coveredMismatches.map((m) => `${m.address} ${m.field}`)).toEqual(["B15 value"]);
  });

  it("E11: stores SUM(B2:B4) with its cached value 600", () => {
    const c = cellXml(xml.get(E11_SHEET)!, "B5");
    expect(c).toMatch(/<f>SUM\(B2:B4\)<\/f><v>600<\/v>/);
  });

  it("E12: texts beginning with =, + and - are shared-string text cells, never formulas", () => {
    const sheet = xml.get(OPTIONS_SHEET)!;
    E12_TEXTS.forEach((text, i) => {
      const c = cellXml(sheet, `B${3 + i}`);
      expect(c).not.toMatch(/<f[\s>]/);
      expect(c).toMatch(/t="s"/);
      const index = Number(/<v>(\d+)<\/v>/.exec(c)![1]);
      expect(sharedStrings[index]).toBe(text);
    });
  });

  it("an empty-text result (null) is stored as a string result \"\"", () => {
    const c = cellXml(xml.get(FUNCS_SHEET)!, "D8");
    expect(c).toMatch(/t="str"/);
    expect(c).toMatch(/<v><\/v>|<v\/>/);
  });

  it("E13: the conditional-format formulas are stored without a leading = and have a dxf fill", async () => {
    const sheet = xml.get(OPTIONS_SHEET)!;
    const rules = [...sheet.matchAll(/<conditionalFormatting sqref="([^"]+)">([\s\S]*?)<\/conditionalFormatting>/g)].map(
      (m) => ({ sqref: m[1], formula: decodeXml(/<formula>([\s\S]*?)<\/formula>/.exec(m[2]!)![1]!), dxf: /dxfId="(\d+)"/.exec(m[2]!)?.[1] }),
    );
    expect(rules.map((r) => [r.sqref, r.formula])).toEqual([
      ["A3:I6", "$H3>3"],
      ["D3:D6", "D3=1"],
    ]);
    for (const r of rules) expect(r.formula.startsWith("=")).toBe(false);
    const styles = await zip.file("xl/styles.xml")!.async("string");
    const dxfs = [...styles.matchAll(/<dxf>([\s\S]*?)<\/dxf>/g)].map((m) => m[1]!);
    expect(dxfs[Number(rules[0]!.dxf)]).toMatch(/<bgColor rgb="FFFFC7CE"\/>/);
    expect(dxfs[Number(rules[1]!.dxf)]).toMatch(/<bgColor rgb="FFC6EFCE"\/>/);
  });

  it("prefixes post-2007 functions with _xlfn. in the file, not inside string literals", () => {
    expect(cellXml(xml.get(OPTIONS_SHEET)!, "D3")).toContain("<f>_xlfn.RANK.EQ(C3,$C$3:$C$6,0)</f>");
    const funcs = xml.get(FUNCS_SHEET)!;
    const formulas = [...funcs.matchAll(/<f>([\s\S]*?)<\/f>/g)].map((m) => decodeXml(m[1]!));
    expect(formulas).toEqual([
      '_xlfn.MAXIFS(A2:A6,B2:B6,"x")',
      '_xlfn.MINIFS(A2:A6,B2:B6,"y")',
      "_xlfn.STDEV.S(A2:A6)",
      '_xlfn.TEXTJOIN("-",TRUE,B2:B4)',
      "_xlfn.CONCAT(B2,B3)",
      '_xlfn.IFS(A2>3,"big",TRUE,"small")',
      'IF(A2>100,"RANK.EQ(","")',
      "A2>1",
      "CP_DiscountRate",
      "AVERAGE(A2:A6)",
      'COUNTIF(B2:B6,"z")',
      "A2>100",
    ]);
    expect(cellXml(funcs, "D12")).toMatch(/<v>0<\/v>/);
    expect(cellXml(funcs, "D13")).toMatch(/t="b"[^>]*>.*<v>0<\/v>/);
  });

  it("list validations take their source from a range on the lists sheet, never an inline list", () => {
    const sheet = xml.get(OPTIONS_SHEET)!;
    const list = /<dataValidation type="list"[^>]*sqref="([^"]+)"[^>]*>\s*<formula1>([\s\S]*?)<\/formula1>/.exec(sheet);
    expect(list).not.toBeNull();
    expect(list![1]).toBe("G3:G6");
    expect(decodeXml(list![2]!)).toBe(`'${LISTS_SHEET}'!$A$2:$A$4`);
    expect(decodeXml(list![2]!)).not.toMatch(/^"/);
    const decimals = [...xml.get(PARAMS_SHEET)!.matchAll(/<dataValidation type="(decimal|whole)"[^>]*sqref="([^"]+)"[^>]*>([\s\S]*?)<\/dataValidation>/g)];
    const formulas = (body: string) => [...body.matchAll(/<formula\d>([^<]*)<\/formula\d>/g)].map((f) => f[1]);
    expect(decimals.map((m) => [m[1], m[2], ...formulas(m[3]!)])).toEqual([
      ["decimal", "C3:C4", "0", "1"],
      ["whole", "C5", "1", "50"],
      ["decimal", "C6", "-1E+307"],
    ]);
  });

  it("protects sheets without a password and leaves only input cells unlocked", async () => {
    for (const name of [PARAMS_SHEET, OPTIONS_SHEET]) {
      const p = /<sheetProtection\b[^>]*\/>/.exec(xml.get(name)!)?.[0];
      expect(p, name).toBeDefined();
      expect(p).toMatch(/sheet="1"/);
      expect(p).toMatch(/formatColumns="0"/);
      expect(p).toMatch(/formatRows="0"/);
      expect(p).not.toMatch(/hashValue|password/);
    }
    expect(xml.get(FUNCS_SHEET)!).not.toMatch(/<sheetProtection/);
    const wb = await readXlsx(bytes);
    for (const sheet of book.sheets.filter((s) => s.protect)) {
      const ws = wb.getWorksheet(sheet.name)!;
      for (const c of sheet.cells) {
        const locked = ws.getCell(c.row + 1, c.col + 1).protection?.locked !== false;
        expect(locked, `${sheet.name} ${c.row},${c.col} (${c.style})`).toBe(c.style !== "input");
      }
    }
  });

  it("writes the workbook's defined names and asks for a full recalculation on load", async () => {
    const wbXml = await zip.file("xl/workbook.xml")!.async("string");
    const names = new Map(
      [...wbXml.matchAll(/<definedName name="([^"]+)"[^>]*>([\s\S]*?)<\/definedName>/g)].map((m) => [m[1]!, decodeXml(m[2]!)]),
    );
    expect(names.get("CP_DiscountRate")).toBe(`'${PARAMS_SHEET}'!$C$6`);
    expect(names.get("CP_EvaluationYears")).toBe(`'${PARAMS_SHEET}'!$C$5`);
    expect(names.get("CP_StatusList")).toBe(`'${LISTS_SHEET}'!$A$2:$A$4`);
    expect(wbXml).toMatch(/fullCalcOnLoad="1"/);
  });

  it("renders merges, column widths, frozen panes, hidden sheets and print setup", async () => {
    const wb = await readXlsx(bytes);
    const params = wb.getWorksheet(PARAMS_SHEET)!;
    const options = wb.getWorksheet(OPTIONS_SHEET)!;
    expect(params.getCell("A1").isMerged && params.getCell("C1").master.address).toBe("A1");
    expect(options.getCell("I1").master.address).toBe("A1");
    expect(params.getColumn(1).width).toBe(16);
    expect(options.getColumn(2).width).toBe(24);
    expect(options.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 2 });
    expect(params.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(wb.getWorksheet(LISTS_SHEET)!.state).toBe("hidden");
    expect(options.state).toBe("visible");
    expect(options.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:2" });
    expect(params.pageSetup).toMatchObject({ paperSize: 9, orientation: "portrait", printTitlesRow: "2:2" });
    expect(params.headerFooter.oddFooter).toBe("&L制表：张三 && 李四&R第 &P 页 共 &N 页"); // the model's footer holds 制表 and 审核
    expect(options.headerFooter.oddFooter).toBe("&L制表：&C审核：&R第 &P 页 共 &N 页");
    expect(footerCode("en-US", undefined)).toBe("&LPrepared by:&CChecked by:&RPage &P of &N");
  });

  it("maps style tokens to fills, fonts and borders (input yellow FFF2CC, header bold grey centred)", async () => {
    const wb = await readXlsx(bytes);
    const params = wb.getWorksheet(PARAMS_SHEET)!;
    const options = wb.getWorksheet(OPTIONS_SHEET)!;
    const fill = (c: { fill?: unknown }) => ((c.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb);
    const input = params.getCell("C6");
    expect(fill(input)).toBe("FFFFF2CC");
    expect(input.font.name).toBe("等线");
    expect(input.font.size).toBeGreaterThanOrEqual(10);
    expect(input.font.size).toBeLessThanOrEqual(11);
    const header = params.getCell("A2");
    expect(header.font.bold).toBe(true);
    expect(fill(header)).toBe("FFD9D9D9");
    expect(header.alignment).toMatchObject({ horizontal: "center", wrapText: true });
    expect(header.border.top?.style).toBe("thin");
    expect(params.getCell("A1").font).toMatchObject({ bold: true, size: 14 });
    expect(fill(options.getCell("D3"))).toBe("FFDDEBF7"); // computed
    expect(fill(options.getCell("E3"))).toBe("FFE2EFDA"); // lookup
    expect(options.getCell("C7").font.bold).toBe(true); // total
    expect(params.getCell("A7").font.italic).toBe(true); // note
  });

  it("refuses a model that would corrupt the file (NaN, illegal or duplicate names, missing result)", async () => {
    const base = (): WorkbookModel => ({
      lang: "en-US",
      names: [],
      sheets: [{ key: "A", name: "A", title: "", cells: [], columnWidths: [], merges: [], validations: [], conditionalFormats: [], protect: false, tables: [], rowHeights: [], hiddenColumns: [] }],
    });
    const nan = base();
    nan.sheets[0]!.cells.push({ row: 0, col: 0, value: Number.NaN });
    await expect(writeXlsx(nan)).rejects.toThrow(/A1.*not a finite number/);
    const inf = base();
    inf.sheets[0]!.cells.push({ row: 0, col: 0, formula: "1/0", result: Number.POSITIVE_INFINITY });
    await expect(writeXlsx(inf)).rejects.toThrow(/cached result/);
    const noResult = base();
    noResult.sheets[0]!.cells.push({ row: 2, col: 1, formula: "1+1" });
    await expect(writeXlsx(noResult)).rejects.toThrow(/B3.*no cached result/);
    const longName = base();
    longName.sheets[0]!.name = "x".repeat(32);
    await expect(writeXlsx(longName)).rejects.toThrow(/not a legal Excel sheet name/);
    const dup = base();
    dup.sheets.push({ ...dup.sheets[0]!, key: "B", name: "a" });
    await expect(writeXlsx(dup)).rejects.toThrow(/used twice/);
    const badName = base();
    badName.names.push({ name: "CP_X", sheet: "Nope", ref: rect(0, 0) });
    await expect(writeXlsx(badName)).rejects.toThrow(/Nope/);
  });
});

describe("toFileFormula (_xlfn. prefixes)", () => {
  it("prefixes function calls and leaves 2007 functions, strings, sheet names and existing prefixes alone", () => {
    expect(toFileFormula("RANK.EQ(B2,$B$2:$B$9,0)")).toBe("_xlfn.RANK.EQ(B2,$B$2:$B$9,0)");
    expect(toFileFormula("IF(ISNUMBER(A1),XLOOKUP(A1,B:B,C:C),\"\")")).toBe('IF(ISNUMBER(A1),_xlfn.XLOOKUP(A1,B:B,C:C),"")');
    expect(toFileFormula("stdev.s(A1:A3)+STDEV(A1:A3)")).toBe("_xlfn.STDEV.S(A1:A3)+STDEV(A1:A3)");
    expect(toFileFormula("_xlfn.RANK.EQ(A1,A:A)")).toBe("_xlfn.RANK.EQ(A1,A:A)");
    expect(toFileFormula('CONCAT("IFS(",\'IFS(x\'!A1)')).toBe('_xlfn.CONCAT("IFS(",\'IFS(x\'!A1)');
    expect(toFileFormula("SUM(Table1[[#This Row],[IFS(]])")).toBe("SUM(Table1[[#This Row],[IFS(]])");
    expect(toFileFormula("FILTER(A1:A9,B1:B9>0)")).toBe("_xlfn._xlws.FILTER(A1:A9,B1:B9>0)");
    expect(toFileFormula("MAXIFS (A:A,B:B,1)")).toBe("_xlfn.MAXIFS (A:A,B:B,1)");
    expect(toFileFormula("SUMPRODUCT(B2:B9/(1+CP_DiscountRate)^A2:A9)")).toBe("SUMPRODUCT(B2:B9/(1+CP_DiscountRate)^A2:A9)");
    expect(toFileFormula("MIN(IFS(1,2),MINIFS(A:A,B:B,1))")).toBe("MIN(_xlfn.IFS(1,2),_xlfn.MINIFS(A:A,B:B,1))");
  });
});

const hasSoffice = requireSoffice();

describe.skipIf(!hasSoffice)("writeXlsx: LibreOffice recalculation of a copy without cached values", () => {
  let grids: Map<string, string[][]>;
  let ods: { content: string; styles: string };
  let pdfBytes: Buffer;

  beforeAll(async () => {
    const stripped = await stripCachedValues(bytes);
    const strippedZip = await JSZip.loadAsync(stripped);
    const e11 = (await sheetXmlByName(strippedZip)).get(E11_SHEET)!;
    // The copy really has no cached result left.
    expect(cellXml(e11, "B5")).not.toMatch(/<v>/);
    const dir = await makeTempDir();
    try {
      const pdfPath = join(dir, "book.pdf");
      [grids, ods] = await Promise.all([recalculate(stripped), exportOds(bytes), exportPdf(bytes, pdfPath)]).then(
        ([g, o]) => [g, o] as const,
      );
      pdfBytes = await readFile(pdfPath);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it("every model cell of every sheet shows the model's value after recalculation", () => {
    for (const sheet of book.sheets) {
      const mismatches = checkRecalculatedAgainstModel(sheet, grids.get(sheet.name));
      expect(mismatches.map((m) => m.message), sheet.name).toEqual([]);
    }
  });

  it("E11: SUM(B2:B4) over 100, 200, 300 recalculates to 600", () => {
    expect(grids.get(E11_SHEET)![4]![1]).toBe("600");
  });

  it("E12: the three texts stay text and no cell anywhere is an error", () => {
    const options = grids.get(OPTIONS_SHEET)!;
    E12_TEXTS.forEach((t, i) => expect(options[2 + i]![1]).toBe(t));
    expect(findErrorCells(grids)).toEqual([]);
  });

  it("_xlfn.RANK.EQ gives Excel's ranks (formulajs RANK.EQ, ties equal) with no #NAME?", () => {
    const options = grids.get(OPTIONS_SHEET)!;
    const ranks = INVESTMENTS.map((_v, i) => parseSpreadsheetNumber(options[2 + i]![3]!));
    expect(ranks).toEqual(INVESTMENTS.map((v) => formulajs.RANK.EQ(v, [...INVESTMENTS], 0) as number)); // (formulajs is typed any)
    expect(ranks).toEqual([1, 3, 2, 3]);
  });

  it("a formula on a quoted Chinese sheet name and one on a defined name both recalculate", () => {
    const options = grids.get(OPTIONS_SHEET)!;
    INVESTMENTS.forEach((inv, i) => {
      expectClose(parseSpreadsheetNumber(options[2 + i]![4]!)!, inv * DISCOUNT_RATE, { rel: 1e-12 }, `E${3 + i}`);
      expectClose(parseSpreadsheetNumber(options[2 + i]![5]!)!, inv * (1 + DISCOUNT_RATE), { rel: 1e-12 }, `F${3 + i}`);
    });
    // A % formatted result comes out as "8%" and parses back to the decimal rate.
    expectClose(parseSpreadsheetNumber(grids.get(FUNCS_SHEET)![9]![3]!)!, DISCOUNT_RATE, { rel: 1e-12 }, "CP_DiscountRate");
  });

  it("E13: LibreOffice reads the conditional format with its formula and shows the dxf fill", () => {
    const cf = [...ods.content.matchAll(/<calcext:conditional-format calcext:target-range-address="([^"]+)">([\s\S]*?)<\/calcext:conditional-format>/g)];
    const conditions = cf.map((m) => ({
      range: m[1],
      value: decodeXml(/calcext:value="([^"]+)"/.exec(m[2]!)![1]!),
      style: /calcext:apply-style-name="([^"]+)"/.exec(m[2]!)![1]!,
    }));
    const payback = conditions.find((c) => c.value.includes("$H3"));
    expect(payback, JSON.stringify(conditions)).toBeDefined();
    expect(payback!.value).toBe("formula-is([.$H3]>3)");
    // ODF escapes "_" in style:name ("ConditionalStyle_5f_1") and keeps the original as style:display-name.
    const style = new RegExp(
      `<style:style [^>]*style:(?:display-)?name="${payback!.style}"[^>]*>([\\s\\S]*?)</style:style>`,
    ).exec(ods.styles);
    expect(style?.[1]).toMatch(/fo:background-color="#ffc7ce"/);
  });

  it("LibreOffice sees the list validation as a cell range and the protected sheets as protected", () => {
    expect(ods.content).toContain(`cell-content-is-in-list([$${LISTS_SHEET}.$A$2:.$A$4])`);
    for (const name of [PARAMS_SHEET, OPTIONS_SHEET]) {
      expect(ods.content).toMatch(new RegExp(`<table:table table:name="${name.replace(/[()]/g, "\\$&")}"[^>]*table:protected="true"`));
    }
  });

  it("prints to a PDF", () => {
    expect(pdfBytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // 参数 (1 page), 方案 (1 page), Functions, E11 — the hidden 列表 is not printed.
    const pages = (pdfBytes.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;
    expect(pages).toBe(4);
  });
});
