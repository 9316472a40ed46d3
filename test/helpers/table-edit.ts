/**
 * Edits a written .xlsx as a user does in Excel, for growth tests (issue 8 "How we will know it
 * works"): append a row to an Excel table (ListObject) the way Excel does when the user types just
 * below it, change a table cell, or change any cell.
 *
 * `appendTableRow` grows the table's `ref` in xl/tables/tableN.xml by one row and writes the new
 * row into the sheet XML: the values given (by column name) and, in every other column that has a
 * `<calculatedColumnFormula>`, that formula as the cell formula (what Excel fills in itself). The
 * new cells take the style of the cell above; data validations and conditional formats that end on
 * the table's last row inside its columns are extended by one row, and so are the sheet's
 * dimension and the table's autoFilter. No cached values are written: recalculate the result
 * (LibreOffice) before reading it.
 *
 * Self-contained (JSZip and string edits of the XML parts only), so any test can use it.
 */
import JSZip from "jszip";

/** A value typed into a cell: a number, a text, a boolean, or null (the cell is emptied). */
export type TypedValue = string | number | boolean | null;

/** Where a table is and what its columns are. Rows and columns 0-based, inclusive. */
export interface TableInfo {
  name: string;
  /** Sheet name as shown on its tab. */
  sheetName: string;
  /** Zip path of the sheet XML (xl/worksheets/sheetN.xml). */
  sheetPath: string;
  /** Zip path of the table part (xl/tables/tableN.xml). */
  tablePath: string;
  /** `ref`: header row `top`, data rows below down to `bottom`. */
  ref: { top: number; left: number; bottom: number; right: number };
  /** Column names in order, with the calculated-column formula as stored in the file (if any). */
  columns: { name: string; formula?: string }[];
}

// ---------------------------------------------------------------- XML and A1 helpers

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#[0-9]+);/g, (_m, e: string) => {
    switch (e) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return '"';
      case "apos":
        return "'";
      case "amp":
        return "&";
      default:
        return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

function encodeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** "A" → 0, "AB" → 27. */
function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0 → "A". */
function colLetters(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "B7" → { row: 6, col: 1 } (a `$` is ignored). */
export function parseA1(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) throw new Error(`not an A1 cell reference: ${ref}`);
  return { row: Number(m[2]) - 1, col: colIndex(m[1]!) };
}

function toA1(row: number, col: number): string {
  return `${colLetters(col)}${row + 1}`;
}

function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b] = ref.split(":");
  const p = parseA1(a!);
  const q = parseA1(b ?? a!);
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

function rangeText(r: { top: number; left: number; bottom: number; right: number }): string {
  const a = toA1(r.top, r.left);
  const b = toA1(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]!) : undefined;
}

/** Resolves a relationship target against the folder of the part that holds the relationship. */
function resolveTarget(baseDir: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = baseDir.split("/").filter(Boolean);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

// ---------------------------------------------------------------- locating sheets and tables

/** Sheet name → zip path of its XML. */
async function sheetPaths(zip: JSZip): Promise<Map<string, string>> {
  const wb = await zip.file("xl/workbook.xml")?.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (wb === undefined || rels === undefined) throw new Error("not an .xlsx: xl/workbook.xml or its rels missing");
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id && target) targets.set(id, resolveTarget("xl", target));
  }
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*\/?>/g)) {
    const name = attr(m[0], "name");
    const rid = attr(m[0], "r:id");
    const path = rid ? targets.get(rid) : undefined;
    if (name !== undefined && path !== undefined) out.set(name, path);
  }
  return out;
}

/** Where table `tableName` (its displayName, compared ignoring case) is, and its columns. */
export async function tableInfo(xlsx: Uint8Array, tableName: string): Promise<TableInfo> {
  return findTable(await JSZip.loadAsync(xlsx), tableName);
}

async function findTable(zip: JSZip, tableName: string): Promise<TableInfo> {
  const wanted = tableName.toUpperCase();
  let tablePath: string | undefined;
  let xml = "";
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/tables\/[^/]+\.xml$/.test(p))) {
    const text = await zip.file(path)!.async("string");
    const head = /<table\b[^>]*>/.exec(text)?.[0] ?? "";
    const name = attr(head, "displayName") ?? attr(head, "name");
    if (name?.toUpperCase() === wanted) {
      tablePath = path;
      xml = text;
      break;
    }
  }
  if (tablePath === undefined) throw new Error(`no table named ${tableName} in the workbook`);
  const head = /<table\b[^>]*>/.exec(xml)![0];
  const ref = parseRange(attr(head, "ref")!);
  const columns: TableInfo["columns"] = [];
  for (const m of xml.matchAll(/<tableColumn\b([^>]*?)(\/>|>([\s\S]*?)<\/tableColumn>)/g)) {
    const name = attr(`<x ${m[1]!}>`, "name") ?? "";
    const f = m[3] !== undefined ? /<calculatedColumnFormula[^>]*>([\s\S]*?)<\/calculatedColumnFormula>/.exec(m[3]) : null;
    columns.push(f ? { name, formula: decodeXml(f[1]!) } : { name });
  }
  // the sheet whose relationships point at this table part
  for (const [sheetName, sheetPath] of await sheetPaths(zip)) {
    const dir = sheetPath.slice(0, sheetPath.lastIndexOf("/"));
    const relsPath = `${dir}/_rels/${sheetPath.slice(dir.length + 1)}.rels`;
    const rels = await zip.file(relsPath)?.async("string");
    if (rels === undefined) continue;
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      const target = attr(m[0], "Target");
      if (target !== undefined && resolveTarget(dir, target) === tablePath) {
        return { name: attr(head, "displayName") ?? tableName, sheetName, sheetPath, tablePath, ref, columns };
      }
    }
  }
  throw new Error(`table ${tableName}: no sheet refers to ${tablePath}`);
}

// ---------------------------------------------------------------- cells in the sheet XML

/** What to write into one cell: a typed value, or a formula (text as stored in the file, no "="). */
type CellContent = { value: TypedValue } | { formula: string };

function cellXml(ref: string, style: string | undefined, content: CellContent): string {
  const s = style !== undefined ? ` s="${style}"` : "";
  if ("formula" in content) return `<c r="${ref}"${s}><f>${encodeXml(content.formula)}</f></c>`;
  const v = content.value;
  if (v === null || v === "") return `<c r="${ref}"${s}/>`;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`cell ${ref}: ${v} is not a finite number`);
    return `<c r="${ref}"${s}><v>${v}</v></c>`;
  }
  if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${encodeXml(v)}</t></is></c>`;
}

const ROW_RE = /<row\b([^>]*?)(\/>|>([\s\S]*?)<\/row>)/g;
const CELL_RE = /<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g;

/** The style index (`s`) of a cell, if the cell exists. */
function styleOf(sheetXml: string, row: number, col: number): string | undefined {
  const ref = toA1(row, col);
  for (const m of sheetXml.matchAll(CELL_RE)) {
    if (attr(`<c ${m[1]!}>`, "r") === ref) return attr(`<c ${m[1]!}>`, "s");
  }
  return undefined;
}

/**
 * Writes cells of one row (0-based `row`; `cells` by 0-based column) into the sheet XML: replaces
 * existing cells, inserts new ones in column order, creates the row in row order when absent.
 * `content(col, oldStyle)` gives the new cell's XML.
 */
function writeRow(sheetXml: string, row: number, cols: readonly number[], content: (col: number, oldStyle: string | undefined) => string): string {
  const r = row + 1;
  const dataStart = sheetXml.indexOf("<sheetData");
  if (dataStart < 0) throw new Error("sheet XML without <sheetData>");
  if (/<sheetData\s*\/>/.test(sheetXml)) sheetXml = sheetXml.replace(/<sheetData\s*\/>/, "<sheetData></sheetData>");
  const open = sheetXml.indexOf(">", sheetXml.indexOf("<sheetData")) + 1;
  const close = sheetXml.indexOf("</sheetData>");
  const data = sheetXml.slice(open, close);
  // find the row, or where it goes
  let found: { start: number; end: number; attrs: string; inner: string } | undefined;
  let insertAt = data.length;
  for (const m of data.matchAll(ROW_RE)) {
    const n = Number(attr(`<row ${m[1]!}>`, "r"));
    if (n === r) {
      found = { start: m.index!, end: m.index! + m[0].length, attrs: m[1]!, inner: m[3] ?? "" };
      break;
    }
    if (n > r) {
      insertAt = m.index!;
      break;
    }
  }
  // the row's cells by column
  const cells = new Map<number, string>();
  const styles = new Map<number, string | undefined>();
  if (found) {
    for (const m of found.inner.matchAll(CELL_RE)) {
      const tag = `<c ${m[1]!}>`;
      const c = parseA1(attr(tag, "r")!).col;
      cells.set(c, m[0]);
      styles.set(c, attr(tag, "s"));
    }
  }
  for (const c of cols) cells.set(c, content(c, styles.get(c)));
  const inner = [...cells.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]).join("");
  const attrs = found ? found.attrs.replace(/\s+spans="[^"]*"/, "") : ` r="${r}"`;
  const rowXml = `<row${attrs}>${inner}</row>`;
  const newData = found ? data.slice(0, found.start) + rowXml + data.slice(found.end) : data.slice(0, insertAt) + rowXml + data.slice(insertAt);
  let out = sheetXml.slice(0, open) + newData + sheetXml.slice(close);
  // the dimension covers the row
  out = out.replace(/<dimension ref="([^"]*)"\s*\/>/, (whole, ref: string) => {
    const d = parseRange(ref);
    const maxCol = Math.max(d.right, ...cols);
    return `<dimension ref="${rangeText({ top: Math.min(d.top, row), left: Math.min(d.left, ...cols), bottom: Math.max(d.bottom, row), right: maxCol })}"/>`;
  });
  return out;
}

/** Extends every sqref area that ends on `lastRow` within columns left..right by one row. */
function extendRanges(sheetXml: string, lastRow: number, left: number, right: number): string {
  const grow = (sqref: string) =>
    sqref
      .split(/\s+/)
      .filter(Boolean)
      .map((area) => {
        const a = parseRange(area);
        return a.bottom === lastRow && a.left >= left && a.right <= right ? rangeText({ ...a, bottom: a.bottom + 1 }) : area;
      })
      .join(" ");
  return sheetXml
    .replace(/(<(?:conditionalFormatting|dataValidation)\b[^>]*\ssqref=")([^"]*)(")/g, (_m, a: string, sq: string, b: string) => a + grow(sq) + b)
    .replace(/(<xm:sqref>)([^<]*)(<\/xm:sqref>)/g, (_m, a: string, sq: string, b: string) => a + grow(sq) + b);
}

// ---------------------------------------------------------------- public edits

/**
 * Appends one row to table `tableName` as Excel does when the user types just below it: the table's
 * ref grows by one row; the new row holds `valuesByColumnName` (keys are column names exactly as in
 * the table; unknown names throw) and, in every other column with a calculated-column formula, that
 * formula. Returns the new file's bytes.
 */
export async function appendTableRow(xlsx: Uint8Array, tableName: string, valuesByColumnName: Readonly<Record<string, TypedValue>>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const t = await findTable(zip, tableName);
  const names = new Set(t.columns.map((c) => c.name));
  for (const k of Object.keys(valuesByColumnName)) {
    if (!names.has(k)) throw new Error(`table ${t.name} has no column "${k}" (columns: ${[...names].join(", ")})`);
  }
  const newRow = t.ref.bottom + 1;
  let sheet = await zip.file(t.sheetPath)!.async("string");
  const above = new Map<number, string | undefined>();
  t.columns.forEach((_c, i) => above.set(t.ref.left + i, styleOf(sheet, t.ref.bottom, t.ref.left + i)));
  const cols: number[] = [];
  const contents = new Map<number, CellContent>();
  t.columns.forEach((c, i) => {
    const col = t.ref.left + i;
    if (Object.prototype.hasOwnProperty.call(valuesByColumnName, c.name)) contents.set(col, { value: valuesByColumnName[c.name]! });
    else if (c.formula !== undefined) contents.set(col, { formula: c.formula });
    else return;
    cols.push(col);
  });
  sheet = writeRow(sheet, newRow, cols, (col) => cellXml(toA1(newRow, col), above.get(col), contents.get(col)!));
  sheet = extendRanges(sheet, t.ref.bottom, t.ref.left, t.ref.right);
  zip.file(t.sheetPath, sheet);
  let table = await zip.file(t.tablePath)!.async("string");
  const grown = rangeText({ ...t.ref, bottom: newRow });
  table = table.replace(/(<table\b[^>]*\sref=")([^"]*)(")/, `$1${grown}$3`);
  table = table.replace(/(<autoFilter\b[^>]*\sref=")([^"]*)(")/, `$1${grown}$3`);
  zip.file(t.tablePath, table);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/**
 * Types `value` into data row `rowIndex` (0 = the first row below the header) of column
 * `columnName` of table `tableName` (null empties the cell). Returns the new file's bytes.
 */
export async function setTableCell(xlsx: Uint8Array, tableName: string, rowIndex: number, columnName: string, value: TypedValue): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const t = await findTable(zip, tableName);
  const i = t.columns.findIndex((c) => c.name === columnName);
  if (i < 0) throw new Error(`table ${t.name} has no column "${columnName}"`);
  const row = t.ref.top + 1 + rowIndex;
  if (rowIndex < 0 || row > t.ref.bottom) throw new Error(`table ${t.name} has no data row ${rowIndex}`);
  return writeCells(zip, t.sheetPath, row, [[t.ref.left + i, value]]);
}

/** Types `value` into cell `address` ("B7") of sheet `sheetName` (null empties it). Returns the new file's bytes. */
export async function setCell(xlsx: Uint8Array, sheetName: string, address: string, value: TypedValue): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const path = (await sheetPaths(zip)).get(sheetName);
  if (path === undefined) throw new Error(`no sheet named ${sheetName}`);
  const { row, col } = parseA1(address);
  return writeCells(zip, path, row, [[col, value]]);
}

async function writeCells(zip: JSZip, sheetPath: string, row: number, cells: readonly [number, TypedValue][]): Promise<Uint8Array> {
  const byCol = new Map(cells);
  let sheet = await zip.file(sheetPath)!.async("string");
  sheet = writeRow(sheet, row, [...byCol.keys()], (col, style) => cellXml(toA1(row, col), style, { value: byCol.get(col)! }));
  zip.file(sheetPath, sheet);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
