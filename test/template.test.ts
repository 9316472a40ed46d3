/**
 * The blank template and the printed workbook (issue 3 item 4 "Finish"):
 * - the blank template (zh-CN and en-US) has the header block on every visible sheet and empty
 *   input rows whose formulas give "" after LibreOffice recalculates them (no error, no 0);
 * - LibreOffice prints the demo and the template on A4, landscape as the model asks, one page
 *   wide per sheet (fit to width), with the audit footer; the demo's PDF is kept in
 *   test-artifacts/ to look at;
 * - the print is legible: fitted to the width of A4, LibreOffice's own layout (its column widths and
 *   page style) gives the economics sheet a scale of 65 % or more and every other sheet 75 % or more,
 *   and the rank key column is outside the print range.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { validateCase } from "../src/worksheets/case";
import { HEADER_LABELS } from "../src/worksheets/layout";
import type { Lang, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { exportOds, exportPdf, findErrorCells, recalculate, requireSoffice, stripCachedValues, type OdsXml } from "./helpers/libreoffice";

const hasSoffice = requireSoffice();

/** The text of a PDF (pdftotext from poppler-utils, installed by .ci/run). */
async function pdfText(path: string): Promise<string> {
  const { execFile } = await import("node:child_process");
  const { promisify } = await import("node:util");
  const { stdout } = await promisify(execFile)("pdftotext", ["-layout", path, "-"], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}
const ARTIFACTS = "test-artifacts";

/** Every /MediaBox of a PDF (the page tree's and each page's). */
function pageBoxes(pdf: Buffer): [number, number][] {
  const text = pdf.toString("latin1");
  return [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Number of page objects (/Type /Page, not /Pages). */
function pageCount(pdf: Buffer): number {
  return [...pdf.toString("latin1").matchAll(/\/Type\s*\/Page(?![a-zA-Z])/g)].length;
}

/** Inches of an ODF length ("0.972in", "2.47cm"). */
function inches(len: string): number {
  const m = /^([\d.]+)(in|cm|mm|pt)$/.exec(len);
  if (!m) throw new Error(`unknown length ${len}`);
  const v = Number(m[1]);
  return m[2] === "in" ? v : m[2] === "cm" ? v / 2.54 : m[2] === "mm" ? v / 25.4 : v / 72;
}

/**
 * The scale at which LibreOffice prints a sheet fitted to one page wide: the page's width between
 * its margins over the width of the printed columns, as LibreOffice itself laid them out (its
 * column widths and page style, read from the .ods it saves), at most 1.
 */
function printScale(ods: OdsXml, sheetName: string, printedCols: number): number {
  const table = new RegExp(`<table:table table:name="${sheetName}" table:style-name="([^"]+)"[^>]*>([\\s\\S]*?)</table:table>`).exec(ods.content);
  if (!table) throw new Error(`no table ${sheetName} in the .ods`);
  const colWidth = new Map(
    [...ods.content.matchAll(/<style:style style:name="(co\d+)" style:family="table-column"><style:table-column-properties [^>]*style:column-width="([^"]+)"/g)].map((m) => [m[1]!, inches(m[2]!)]),
  );
  const widths: number[] = [];
  let seen = 0;
  for (const m of table[2]!.matchAll(/<table:table-column table:style-name="(co\d+)"([^>]*)>/g)) {
    const repeat = Number(/number-columns-repeated="(\d+)"/.exec(m[2]!)?.[1] ?? 1);
    const hidden = /table:visibility="collapse"/.test(m[2]!); // hidden helper columns are not printed
    for (let k = 0; k < repeat && seen < printedCols; k++, seen++) if (!hidden) widths.push(colWidth.get(m[1]!)!);
    if (seen >= printedCols) break;
  }
  const sheetWidth = widths.reduce((a, b) => a + b, 0);
  const master = new RegExp(`<style:style style:name="${table[1]}"[^>]*style:master-page-name="([^"]+)"`).exec(ods.content)?.[1];
  const layout = new RegExp(`<style:master-page style:name="${master}"[^>]*style:page-layout-name="([^"]+)"`).exec(ods.styles)?.[1];
  const props = new RegExp(`<style:page-layout style:name="${layout}"[^>]*><style:page-layout-properties ([^>]*)>`).exec(ods.styles)?.[1];
  if (!props) throw new Error(`no page layout for ${sheetName}`);
  const attr = (n: string) => inches(new RegExp(`${n}="([^"]+)"`).exec(props)![1]!);
  const printable = attr("fo:page-width") - attr("fo:margin-left") - attr("fo:margin-right");
  return Math.min(1, printable / sheetWidth);
}

const A4_LONG = 841.89; // 297 mm in points
const A4_SHORT = 595.3; // 210 mm

describe.skipIf(!hasSoffice)("blank template recalculated", () => {
  const grids = new Map<Lang, { book: WorkbookModel; grids: Map<string, string[][]> }>();
  beforeAll(async () => {
    await Promise.all(
      (["zh-CN", "en-US"] as Lang[]).map(async (lang) => {
        const book = buildWorkbook(null, { lang });
        grids.set(lang, { book, grids: await recalculate(await stripCachedValues(await writeXlsx(book))) });
      }),
    );
  }, 300_000);

  for (const lang of ["zh-CN", "en-US"] as Lang[]) {
    it(`${lang}: header block on every visible sheet, empty rows blank, no error`, () => {
      const { book, grids: g } = grids.get(lang)!;
      expect(findErrorCells(g)).toEqual([]);
      for (const s of book.sheets) {
        if (s.hidden) continue;
        const grid = g.get(s.name)!;
        expect(grid[0]![0], `${s.name} title`).toBe(s.title);
        const want = Object.values(HEADER_LABELS).map((x) => (lang === "zh-CN" ? x.zh : x.en));
        const shown = [...(grid[1] ?? []), ...(grid[2] ?? [])];
        for (const w of want) expect(shown, `${s.name} header ${w}`).toContain(w);
        // every calculated cell of the first data row of each table shows nothing (hidden helpers aside)
        for (const t of s.tables) {
          const inRow = (c: { row: number; col: number }) => c.row === t.ref.top + 1 && c.col >= t.ref.left && c.col <= t.ref.right;
          // a first row of shipped reference data (the coefficient table, issue 12) holds inputs: it is not an empty row
          if (s.cells.some((c) => inRow(c) && c.formula === undefined && c.value !== undefined && c.value !== null && c.value !== "")) continue;
          const first = s.cells.filter((c) => inRow(c) && c.formula !== undefined && !s.hiddenColumns.includes(c.col));
          for (const c of first) expect(grid[c.row]?.[c.col] ?? "", `${s.name} ${t.name} row ${c.row + 1} col ${c.col + 1}`).toBe("");
        }
      }
    });
  }
});

describe.skipIf(!hasSoffice)("printing on A4", () => {
  it("the demo and the template print on A4 landscape, one page per sheet; the demo PDF is kept", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const v = validateCase(JSON.parse(readFileSync("cases/power-plant-workshop.json", "utf8")));
    if (!v.ok) throw new Error("power-plant case invalid");
    for (const [name, c, lang] of [
      ["demo-power-plant-zh-CN", v.value, "zh-CN"],
      ["template-en-US", null, "en-US"],
    ] as const) {
      const book = buildWorkbook(c, { lang });
      const xlsx = await writeXlsx(book);
      writeFileSync(join(ARTIFACTS, `${name}.xlsx`), xlsx);
      const pdfPath = await exportPdf(xlsx, join(ARTIFACTS, `${name}.pdf`));
      const pdf = readFileSync(pdfPath);
      const boxes = pageBoxes(pdf);
      const visible = book.sheets.filter((s) => !s.hidden);
      for (const s of visible) expect(s.print?.orientation).toBe("landscape");
      expect(pageCount(pdf), `${name}: pages`).toBe(visible.length); // fit to width: few rows → one page each
      expect(boxes.length).toBeGreaterThanOrEqual(visible.length);
      for (const [w, h] of boxes) {
        expect(Math.abs(w - A4_LONG)).toBeLessThan(1);
        expect(Math.abs(h - A4_SHORT)).toBeLessThan(1);
      }
      // no printed number is replaced by ### (a column too narrow for it in the fonts CI installs:
      // Carlito for Calibri, Noto Sans CJK for 等线)
      const text = await pdfText(pdfPath);
      expect(text.length, `${name}: text of the PDF`).toBeGreaterThan(200);
      expect(text.match(/#{3,}/g) ?? [], `${name}: ### in the printed PDF`).toEqual([]);
    }
  }, 300_000);

  it("prints every sheet legibly: the economics sheet (one row per option) at 65 % or more, the others at 75 % or more", async () => {
    const v = validateCase(JSON.parse(readFileSync("cases/power-plant-workshop.json", "utf8")));
    if (!v.ok) throw new Error("power-plant case invalid");
    for (const [c, lang] of [[v.value, "zh-CN"], [null, "en-US"]] as const) {
      const book = buildWorkbook(c, { lang });
      const ods = await exportOds(await writeXlsx(book));
      for (const s of book.sheets.filter((x) => !x.hidden)) {
        const printed = (s.print?.printArea?.right ?? s.columnWidths.length - 1) + 1;
        const scale = printScale(ods, s.name, printed);
        // one row per option (economics) or two tables side by side (material balance): 65 %
        expect(scale, `${lang} ${s.name}`).toBeGreaterThanOrEqual(s.key === "WS5-3" || s.key === "WS3-4" ? 0.65 : 0.75);
      }
      // the economics sheet's helper columns (rank key, IRR start value) are hidden, so never printed
      const econ = book.sheets.find((x) => x.key === "WS5-3")!;
      const table = new RegExp(`<table:table table:name="${econ.name}"[^>]*>([\\s\\S]*?)</table:table>`).exec(ods.content)![1]!;
      const collapsed = [...table.matchAll(/<table:table-column [^>]*>/g)].filter((m) => /visibility="collapse"/.test(m[0])).length;
      expect(collapsed).toBeGreaterThanOrEqual(econ.hiddenColumns.length > 0 ? 1 : 0);
      expect(econ.hiddenColumns.length).toBeGreaterThanOrEqual(2);
    }
  }, 300_000);
});
