/**
 * writers/xlsx: renders a WorkbookModel into .xlsx bytes with ExcelJS (engineering guide §1).
 *
 * This folder is the only place that imports ExcelJS (keep it swappable) and it imports no Node module:
 * `writeXlsx` returns the file as a Uint8Array; the CLI writes it to disk, the browser offers a download.
 *
 * What the file holds, per SheetModel:
 * - literal values: strings always as text (shared strings, even "=10% less water", "+3 t/a", "-5%": E12),
 *   finite numbers, booleans; `null` is a blank (styled if it has a style token);
 * - formulas with core's value as cached result (E11); `result: null` is an empty-text result "";
 *   post-2007 functions get `_xlfn.` (formula.ts); the workbook asks for a full recalculation on load;
 * - number formats, style tokens → fonts/fills/borders/lock state (styles.ts), merges, column widths,
 *   frozen panes, hidden state, list validations from a range, decimal/whole validations, formula
 *   conditional formats (stored without "=": E13) with a dxf fill and font, sheet protection without
 *   password (only "input" cells unlocked), A4 print setup (fit to width, narrow margins, print area) with
 *   repeated rows and a footer; texts of input/computed/lookup cells wrap, and a row holding a text
 *   with explicit line breaks (two-line headers) gets the height for them;
 * - workbook-scoped defined names (CP_DiscountRate → '参数'!$C$6).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { a1, quoteSheet, rangeA1 } from "../../worksheets/a1";
import type {
  CellModel,
  ConditionalFormatModel,
  Lang,
  PrintModel,
  SheetModel,
  TableModel,
  ValidationModel,
  WorkbookModel,
} from "../../worksheets/model";
import { footerSections } from "../../worksheets/print-footer";
import { toFileFormula, withoutEquals } from "./formula";
import { CONDITIONAL_STYLES, StyleCache, wrapsText } from "./styles";

export { toFileFormula } from "./formula";

/** Excel's paper size code for A4. */
export const PAPER_A4 = 9;

/** Excel's limits on data-validation texts (longer ones make Excel repair the file). */
const MAX_PROMPT = 255;
const MAX_ERROR = 225;

/**
 * Writes the workbook described by `book` and returns the .xlsx file's bytes.
 *
 * @throws Error when the model breaks its contract in a way that would corrupt the file: a non-finite
 *   number (value or result), a formula cell without `result`, an illegal or duplicate sheet name, a
 *   defined name pointing at a sheet that is not in the book. Nothing is returned in that case.
 */
export async function writeXlsx(book: WorkbookModel): Promise<Uint8Array> {
  checkSheetNames(book);
  const wb = new ExcelJS.Workbook();
  wb.creator = "CP Audit for Excel";
  wb.created = new Date();
  // Excel recalculates on open, so the cached results only matter to viewers that cannot.
  wb.calcProperties.fullCalcOnLoad = true;

  const styles = new StyleCache(book.lang);
  for (const sheet of book.sheets) await renderSheet(wb, sheet, styles, book.lang);

  const firstVisible = book.sheets.findIndex((s) => !s.hidden);
  if (firstVisible > 0) {
    wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: firstVisible, visibility: "visible" }];
  }

  const sheetNames = new Set(book.sheets.map((s) => s.name));
  const formulaNames: { name: string; formula: string }[] = [];
  for (const n of book.names) {
    if ("formula" in n) {
      formulaNames.push(n);
      continue;
    }
    if (!sheetNames.has(n.sheet)) throw new Error(`defined name ${n.name}: sheet "${n.sheet}" is not in the workbook`);
    wb.definedNames.add(`${quoteSheet(n.sheet)}!${rangeA1(n.ref, true)}`, n.name);
  }
  checkTables(book);

  // ExcelJS stores the parts uncompressed; the file is compressed once, after the table parts are added
  const out: unknown = await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } } as unknown as Partial<ExcelJS.XlsxWriteOptions>);
  const bytes = out instanceof Uint8Array ? new Uint8Array(out.buffer, out.byteOffset, out.byteLength) : new Uint8Array(out as ArrayBuffer);
  return addTablesAndNames(bytes, book, formulaNames);
}

/** Rejects tables Excel would refuse: illegal or duplicate names, a header cell that is not the column's name. */
function checkTables(book: WorkbookModel): void {
  const seen = new Set<string>();
  for (const s of book.sheets) {
    for (const t of s.tables) {
      if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(t.name) || /^[A-Za-z]{1,3}\d+$/.test(t.name)) throw new Error(`table "${t.name}" on ${s.key}: not a legal table name`);
      const k = t.name.toUpperCase();
      if (seen.has(k)) throw new Error(`table "${t.name}" is used twice`);
      seen.add(k);
      if (t.columns.length !== t.ref.right - t.ref.left + 1) throw new Error(`table ${t.name}: ${t.columns.length} columns for a ${t.ref.right - t.ref.left + 1}-column range`);
      t.columns.forEach((c, i) => {
        const cell = s.cells.find((x) => x.row === t.ref.top && x.col === t.ref.left + i);
        if (cell?.value !== c.name) throw new Error(`table ${t.name}: header cell ${a1(t.ref.top, t.ref.left + i)} must hold the column name "${c.name}"`);
      });
    }
  }
}

/** XML text escaping (element content and attribute values). */
function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The table part (xl/tables/tableN.xml) of a table: columns, calculated-column formulas, no autofilter buttons, no banding. */
function tableXml(t: TableModel, id: number): string {
  const ref = rangeA1(t.ref);
  const cols = t.columns
    .map((c, i) => {
      const name = xmlEscape(c.name);
      if (c.formula === undefined) return `<tableColumn id="${i + 1}" name="${name}"/>`;
      return `<tableColumn id="${i + 1}" name="${name}"><calculatedColumnFormula>${xmlEscape(toFileFormula(withoutEquals(c.formula)))}</calculatedColumnFormula></tableColumn>`;
    })
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${t.name}" displayName="${t.name}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<tableColumns count="${t.columns.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="TableStyleLight1" showFirstColumn="0" showLastColumn="0" showRowStripes="0" showColumnStripes="0"/></table>`
  );
}

const REL_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table";

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Index of the last occurrence of `needle` in `hay`, or −1. */
function lastIndexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = hay.length - needle.length; i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * The sheet part with `<tableParts>` inserted where the schema wants it: before `<extLst>` when
 * there is one, else before `</worksheet>`. Refuses a part that already has table parts or lacks the
 * relationships namespace (ExcelJS always declares xmlns:r) rather than writing a corrupt file.
 */
function withTableParts(xml: Uint8Array, tableParts: string, key: string): Uint8Array {
  const head = new TextDecoder().decode(xml.subarray(0, 2000));
  if (!head.includes('xmlns:r="')) throw new Error(`writeXlsx: sheet ${key} has no relationships namespace for its table parts`);
  if (lastIndexOf(xml, ascii("<tableParts")) >= 0) throw new Error(`writeXlsx: sheet ${key} already has table parts`);
  const ext = lastIndexOf(xml, ascii("<extLst"));
  const at = ext >= 0 ? ext : lastIndexOf(xml, ascii("</worksheet>"));
  if (at < 0) throw new Error(`writeXlsx: sheet ${key} has no closing </worksheet>`);
  const insert = ascii(tableParts);
  const out = new Uint8Array(xml.length + insert.length);
  out.set(xml.subarray(0, at), 0);
  out.set(insert, at);
  out.set(xml.subarray(at), at + insert.length);
  return out;
}
const CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";

/**
 * Adds what ExcelJS 4.4 does not write (engineering guide §1b): the table parts with their
 * `<calculatedColumnFormula>` (so Excel fills a row the user adds), the sheets' `<tableParts>` and
 * relationships, and the defined names whose formula is a structured reference
 * (`CP_OptionIds` → `tblOptions[方案编号]`). Sheet N of the model is xl/worksheets/sheetN.xml.
 */
async function addTablesAndNames(bytes: Uint8Array, book: WorkbookModel, names: readonly { name: string; formula: string }[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  let tableId = 0;
  const contentTypes: string[] = [];
  for (let i = 0; i < book.sheets.length; i++) {
    const sheet = book.sheets[i]!;
    if (sheet.tables.length === 0) continue;
    const sheetPath = `xl/worksheets/sheet${i + 1}.xml`;
    const relsPath = `xl/worksheets/_rels/sheet${i + 1}.xml.rels`;
    const sheetFile = zip.file(sheetPath);
    if (!sheetFile) throw new Error(`writeXlsx: ${sheetPath} missing (sheet ${sheet.key})`);
    // the sheet part is edited as bytes (a large sheet is never decoded into a string): ExcelJS
    // writes no <tableParts> and no <extLst> for this model, so the parts go before </worksheet>
    const xml = await sheetFile.async("uint8array");
    let rels = zip.file(relsPath)
      ? await zip.file(relsPath)!.async("string")
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    const parts: string[] = [];
    for (const t of sheet.tables) {
      tableId++;
      const rid = `rIdCpTable${tableId}`;
      zip.file(`xl/tables/table${tableId}.xml`, tableXml(t, tableId));
      contentTypes.push(`<Override PartName="/xl/tables/table${tableId}.xml" ContentType="${CT_TABLE}"/>`);
      rels = rels.replace("</Relationships>", `<Relationship Id="${rid}" Type="${REL_TABLE}" Target="../tables/table${tableId}.xml"/></Relationships>`);
      parts.push(`<tablePart r:id="${rid}"/>`);
    }
    zip.file(sheetPath, withTableParts(xml, `<tableParts count="${parts.length}">${parts.join("")}</tableParts>`, sheet.key));
    zip.file(relsPath, rels);
  }
  if (contentTypes.length > 0) {
    let ct = await zip.file("[Content_Types].xml")!.async("string");
    ct = ct.replace("</Types>", `${contentTypes.join("")}</Types>`);
    zip.file("[Content_Types].xml", ct);
  }
  if (names.length > 0) {
    let wbx = await zip.file("xl/workbook.xml")!.async("string");
    const dn = names.map((n) => `<definedName name="${xmlEscape(n.name)}">${xmlEscape(toFileFormula(withoutEquals(n.formula)))}</definedName>`).join("");
    if (/<definedNames>/.test(wbx)) wbx = wbx.replace("<definedNames>", `<definedNames>${dn}`);
    else if (/<definedNames\/>/.test(wbx)) wbx = wbx.replace("<definedNames/>", `<definedNames>${dn}</definedNames>`);
    else if (wbx.includes("<calcPr")) wbx = wbx.replace("<calcPr", `<definedNames>${dn}</definedNames><calcPr`);
    else wbx = wbx.replace("</workbook>", `<definedNames>${dn}</definedNames></workbook>`);
    zip.file("xl/workbook.xml", wbx);
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** Rejects sheet names Excel (or ExcelJS, which would silently truncate) cannot take. */
function checkSheetNames(book: WorkbookModel): void {
  const seen = new Set<string>();
  for (const s of book.sheets) {
    const n = s.name;
    if (n.length < 1 || n.length > 31 || /[[\]:*?/\\]/.test(n) || /^'|'$/.test(n) || n.toUpperCase() === "HISTORY") {
      throw new Error(`sheet ${s.key}: "${n}" is not a legal Excel sheet name (use legalSheetName)`);
    }
    const k = n.toUpperCase();
    if (seen.has(k)) throw new Error(`sheet ${s.key}: name "${n}" is used twice (names are compared ignoring case)`);
    seen.add(k);
  }
}

async function renderSheet(wb: ExcelJS.Workbook, sheet: SheetModel, styles: StyleCache, lang: Lang): Promise<void> {
  const ws = wb.addWorksheet(sheet.name, {
    state: sheet.hidden ? "hidden" : "visible",
    views: sheet.freeze && (sheet.freeze.rows > 0 || sheet.freeze.cols > 0)
      ? [{
          state: "frozen",
          xSplit: sheet.freeze.cols,
          ySplit: sheet.freeze.rows,
          topLeftCell: a1(sheet.freeze.rows, sheet.freeze.cols),
        }]
      : [{}],
  });

  // Every width is written: ExcelJS drops a column whose width is exactly 9 (its default), which
  // then prints at the sheet's default width (narrower) and shows ### in LibreOffice and WPS.
  sheet.columnWidths.forEach((w, i) => {
    if (Number.isFinite(w) && w > 0) ws.getColumn(i + 1).width = w === 9 ? 9.01 : w;
  });
  for (const c of sheet.hiddenColumns) ws.getColumn(c + 1).hidden = true;

  writeCells(ws, sheet, styles);

  for (const m of sheet.merges) {
    if (m.top === m.bottom && m.left === m.right) continue;
    ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }

  for (const v of sheet.validations) addValidation(ws, v);

  sheet.conditionalFormats.forEach((cf, i) => addConditionalFormat(ws, cf, i + 1));

  setupPrint(ws, sheet, lang);

  if (sheet.protect) {
    await ws.protect("", {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
    });
  }
}

/** Key of a cell in {@link mergedCells} (Excel has at most 16,384 columns). */
const cellKey = (row: number, col: number): number => row * 16384 + col;

/** Keys of every cell inside a merge (its top-left included). */
function mergedCells(sheet: SheetModel): Set<number> {
  const covered = new Set<number>();
  for (const m of sheet.merges) {
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) covered.add(cellKey(r, c));
  }
  return covered;
}

function writeCells(ws: ExcelJS.Worksheet, sheet: SheetModel, styles: StyleCache): void {
  const merged = sheet.merges.length > 0 ? mergedCells(sheet) : undefined;
  let rowIndex = -1;
  let row: ExcelJS.Row | undefined;
  for (const c of sheet.cells) {
    if (c.row !== rowIndex || row === undefined) {
      rowIndex = c.row;
      row = ws.getRow(c.row + 1);
    }
    const isMerged = merged?.has(cellKey(c.row, c.col)) ?? false;
    const text = c.value ?? c.result;
    const wrap = wrapsText(c.style, text, isMerged);
    const cell = row.getCell(c.col + 1);
    if (c.formula !== undefined) {
      cell.value = { formula: toFileFormula(withoutEquals(c.formula)), result: fileResult(sheet, c) };
    } else if (c.value !== undefined && c.value !== null) {
      if (typeof c.value === "number" && !Number.isFinite(c.value)) {
        throw new Error(`sheet ${sheet.key} cell ${a1(c.row, c.col)}: value ${c.value} is not a finite number`);
      }
      // A string is stored as a (shared) string whatever it begins with: ExcelJS never parses "=..." (E12).
      cell.value = c.value;
    }
    cell.style = styles.get(c.style, c.numberFormat, wrap);
  }
  // the heights the layout computed for wrapped texts and the title (docs/MODEL.md)
  for (const h of sheet.rowHeights) ws.getRow(h.row + 1).height = h.height;
}

/** The cached result as ExcelJS wants it: `null` (empty-text result) becomes "". */
function fileResult(sheet: SheetModel, c: CellModel): string | number | boolean {
  const r = c.result;
  if (r === undefined) {
    throw new Error(`sheet ${sheet.key} cell ${a1(c.row, c.col)}: formula ${c.formula} has no cached result`);
  }
  if (r === null) return "";
  if (typeof r === "number" && !Number.isFinite(r)) {
    throw new Error(`sheet ${sheet.key} cell ${a1(c.row, c.col)}: cached result ${r} is not a finite number`);
  }
  return r;
}

function clip(text: string | undefined, max: number): string | undefined {
  if (text === undefined || text === "") return undefined;
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** The part of ExcelJS's Worksheet that index.d.ts does not declare. */
interface SheetValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

function addValidation(ws: ExcelJS.Worksheet, v: ValidationModel): void {
  const prompt = clip(v.prompt, MAX_PROMPT);
  const error = clip(v.error, MAX_ERROR);
  const common = {
    allowBlank: v.allowBlank,
    showErrorMessage: true,
    errorStyle: "stop",
    ...(error !== undefined ? { error } : {}),
    ...(prompt !== undefined ? { prompt, showInputMessage: true } : {}),
  };
  let dv: ExcelJS.DataValidation;
  if (v.kind === "list") {
    dv = { type: "list", formulae: [toFileFormula(withoutEquals(v.source))], ...common };
  } else {
    const { min, max } = v;
    if (min !== undefined && max !== undefined) dv = { type: v.kind, operator: "between", formulae: [min, max], ...common };
    else if (min !== undefined) dv = { type: v.kind, operator: "greaterThanOrEqual", formulae: [min], ...common };
    else if (max !== undefined) dv = { type: v.kind, operator: "lessThanOrEqual", formulae: [max], ...common };
    else {
      // Any number, but a number: Excel needs a bound, so use the widest one of the type.
      const lowest = v.kind === "whole" ? "-2147483648" : "-1E+307";
      dv = { type: v.kind, operator: "greaterThanOrEqual", formulae: [lowest], ...common };
    }
  }
  // ExcelJS 4.4 has the sheet-level collection but its typings omit it.
  (ws as unknown as SheetValidations).dataValidations.add(rangeA1(v.range), dv);
}

function addConditionalFormat(ws: ExcelJS.Worksheet, cf: ConditionalFormatModel, priority: number): void {
  ws.addConditionalFormatting({
    ref: rangeA1(cf.range),
    rules: [
      {
        type: "expression",
        // E13: stored without "=" (Excel refuses the file otherwise).
        formulae: [toFileFormula(withoutEquals(cf.formula))],
        style: CONDITIONAL_STYLES[cf.style],
        priority,
      },
    ],
  });
}

/** The footer of a printed page as an .xlsx header/footer code (sections: worksheets/print-footer). */
export function footerCode(lang: Lang, footer: string | undefined): string {
  const f = footerSections(lang, footer);
  return `&L${f.left}${f.center !== "" ? `&C${f.center}` : ""}&R${f.right}`;
}

/**
 * Page margins in inches: Excel's "Narrow" preset (0.25 in left and right, 0.75 in top and bottom,
 * header and footer 0.3 in), so a wide table fitted to the width of A4 prints as large as it can.
 */
export const PAGE_MARGINS = { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } as const;

function setupPrint(ws: ExcelJS.Worksheet, sheet: SheetModel, lang: Lang): void {
  const p: PrintModel = sheet.print ?? { orientation: "portrait" };
  ws.pageSetup.paperSize = PAPER_A4;
  ws.pageSetup.orientation = p.orientation;
  ws.pageSetup.fitToPage = true;
  ws.pageSetup.fitToWidth = 1;
  ws.pageSetup.fitToHeight = 0;
  ws.pageSetup.horizontalCentered = true;
  ws.pageSetup.margins = { ...PAGE_MARGINS };
  // ExcelJS writes the print area as '<name>'!$<first part>:$<second part>, adding only the leading
  // "$": given "A$1:Q$40" it writes $A$1:$Q$40 (LibreOffice ignores a print area that is not fully
  // absolute, such as $A1:$Q40). Same apostrophe caveat as the print titles below.
  if (p.printArea && !sheet.name.includes("'")) {
    const a = p.printArea;
    ws.pageSetup.printArea = `${a1(a.top, a.left, true).slice(1)}:${a1(a.bottom, a.right, true).slice(1)}`;
  }
  // ExcelJS writes print titles as '<name>'!$1:$2 without doubling an inner apostrophe: a name holding
  // one (legalSheetName never makes such a name) gets no print titles rather than a corrupt file.
  if (p.repeatRows && !sheet.name.includes("'")) {
    ws.pageSetup.printTitlesRow = `${p.repeatRows.first + 1}:${p.repeatRows.last + 1}`;
  }
  ws.headerFooter.oddFooter = footerCode(lang, p.footer);
  ws.headerFooter.evenFooter = ws.headerFooter.oddFooter;
}
