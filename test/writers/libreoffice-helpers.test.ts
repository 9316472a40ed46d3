/**
 * The LibreOffice test helpers themselves: CSV parsing (RFC 4180), number parsing of LibreOffice's
 * unrounded export, the cached-value stripping, error detection (against a real LibreOffice run of
 * formulas whose errors Excel documents: 1/0 is #DIV/0!, an unknown function is #NAME?), and the
 * CI rule of requireSoffice.
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { writeXlsx } from "../../src/writers/xlsx/index";
import {
  cellText,
  findErrorCells,
  parseCsv,
  parseSpreadsheetNumber,
  recalculate,
  requireSoffice,
  stripCachedValues,
  stripSheetXml,
} from "../helpers/libreoffice";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks; CRLF and LF; no phantom last row", () => {
    const text = 'a,"b,c","say ""hi"""\r\n"two\nlines",,x\n';
    expect(parseCsv(text)).toEqual([
      ["a", "b,c", 'say "hi"'],
      ["two\nlines", "", "x"],
    ]);
    expect(parseCsv("1,2")).toEqual([["1", "2"]]);
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("\n")).toEqual([[""]]);
    expect(parseCsv('"=10% less water",x')).toEqual([["=10% less water", "x"]]);
  });

  it("rejects an unterminated quoted field", () => {
    expect(() => parseCsv('"abc')).toThrow(/unterminated/);
  });
});

describe("parseSpreadsheetNumber", () => {
  it("reads plain, signed, exponent and per-cent texts", () => {
    expect(parseSpreadsheetNumber("600")).toBe(600);
    expect(parseSpreadsheetNumber("-1.5")).toBe(-1.5);
    expect(parseSpreadsheetNumber("1E-05")).toBe(1e-5);
    // The decimal point is shifted in the text: exactly the double nearest to 1.01602526747846.
    expect(parseSpreadsheetNumber("101.602526747846%")).toBe(1.01602526747846);
    expect(parseSpreadsheetNumber("8%")).toBe(0.08);
    expect(parseSpreadsheetNumber("1.5E-03%")).toBe(1.5e-5);
  });

  it("returns null for blanks, text, booleans, errors and thousands separators", () => {
    for (const t of ["", "abc", "TRUE", "#NAME?", "1,234", "12 t", "--1"]) expect(parseSpreadsheetNumber(t), t).toBeNull();
  });
});

describe("stripSheetXml", () => {
  it("removes the cached value and type of formula cells only", () => {
    const xml =
      '<sheetData><row r="1"><c r="A1" s="1"><v>5</v></c><c r="B1" t="str"><f>IF(A1&gt;1,"a","")</f><v>a</v></c>' +
      '<c r="C1"><f>SUM(A1)</f><v>5</v></c><c r="D1" t="b"><f>A1&gt;1</f><v>1</v></c><c r="E1" s="2"/>' +
      '<c r="F1" t="s"><v>0</v></c><c r="G1" t="str"><f>""</f><v></v></c></row></sheetData><cols><col min="1"/></cols>';
    expect(stripSheetXml(xml)).toBe(
      '<sheetData><row r="1"><c r="A1" s="1"><v>5</v></c><c r="B1"><f>IF(A1&gt;1,"a","")</f></c>' +
        '<c r="C1"><f>SUM(A1)</f></c><c r="D1"><f>A1&gt;1</f></c><c r="E1" s="2"/>' +
        '<c r="F1" t="s"><v>0</v></c><c r="G1"><f>""</f></c></row></sheetData><cols><col min="1"/></cols>',
    );
  });
});

describe("findErrorCells", () => {
  it("lists error texts with their A1 address", () => {
    const grids = new Map([
      ["S", [["1", "#NAME?"], ["Err:502", "ok", "#DIV/0!"]]],
      ["T", [["#N/A is only an error when alone", "#REF!"]]],
    ]);
    expect(findErrorCells(grids).map((e) => `${e.sheet}!${e.address}=${e.text}`)).toEqual([
      "S!B1=#NAME?",
      "S!A2=Err:502",
      "S!C2=#DIV/0!",
      "T!B1=#REF!",
    ]);
  });
});

describe("requireSoffice", () => {
  it("throws under CI when soffice is missing, returns false locally", () => {
    expect(() => requireSoffice({ PATH: "/nonexistent", CI: "true" })).toThrow(/soffice/);
    expect(requireSoffice({ PATH: "/nonexistent" })).toBe(false);
    expect(requireSoffice({ PATH: "/nonexistent", CI: "false" })).toBe(false);
  });
});

const hasSoffice = requireSoffice();

describe.skipIf(!hasSoffice)("recalculate + findErrorCells on a real LibreOffice run", () => {
  it("finds #DIV/0! and #NAME? computed by LibreOffice, and values come from the formulas, not the cache", async () => {
    const bytes = await writeXlsx({
      lang: "en-US",
      names: [],
      sheets: [
        {
          key: "E", name: "Errors", title: "", columnWidths: [], merges: [], validations: [], conditionalFormats: [], protect: false, tables: [], rowHeights: [], hiddenColumns: [],
          cells: [
            { row: 0, col: 0, value: 2 },
            // Deliberately wrong cached results: only a recalculation can give 4, #DIV/0! and #NAME?.
            { row: 0, col: 1, formula: "A1*2", result: 999 },
            { row: 1, col: 0, formula: "1/0", result: 0 },
            { row: 1, col: 1, formula: "NOSUCHFUNCTION(1)", result: 0 },
          ],
        },
        {
          key: "Q", name: "It’s 方案 (2)", title: "", columnWidths: [], merges: [], validations: [], conditionalFormats: [], protect: false, tables: [], rowHeights: [], hiddenColumns: [],
          cells: [{ row: 0, col: 0, formula: "'Errors'!A1+1", result: -1 }],
        },
      ],
    });
    const stripped = await stripCachedValues(bytes);
    const zip = await JSZip.loadAsync(stripped);
    expect(await zip.file("xl/worksheets/sheet1.xml")!.async("string")).not.toMatch(/<v>999<\/v>/);
    const grids = await recalculate(stripped);
    expect([...grids.keys()]).toEqual(["Errors", "It’s 方案 (2)"]);
    expect(cellText(grids.get("Errors"), 0, 1)).toBe("4");
    expect(cellText(grids.get("It’s 方案 (2)"), 0, 0)).toBe("3");
    expect(findErrorCells(grids).map((e) => `${e.address}=${e.text}`)).toEqual(["A2=#DIV/0!", "B2=#NAME?"]);
  });
});
