/**
 * Edits a written .xlsx the way a person does in Excel, at the file level, so that tests can check
 * what the living workbook promises (engineering guide §1b) after LibreOffice recalculates:
 *
 * - {@link appendTableRows}: rows typed just below a table. Excel extends the table (its `ref`
 *   grows) and fills each calculated column with the table part's `<calculatedColumnFormula>`;
 *   the typed values go into the other columns (a value for a calculated column throws); data
 *   validations and conditional formats that end on the table's last row inside its columns grow
 *   with it.
 * - {@link insertSheetRow} / {@link deleteSheetRow}: a whole sheet row inserted or deleted inside a
 *   table: the cells below move, and every table, merge, validation and conditional-format range
 *   and every same-sheet A1 reference to a moved row follows (structured references need nothing).
 * - {@link setTableCells} / {@link setCells}: values typed or pasted into cells (a text into a
 *   number cell, a blank).
 * - {@link readTable}: where a table is (sheet, `ref`) and its columns, as the file holds them.
 *
 * Values: a number is written as a number (a non-finite one throws), a string as an inline string,
 * null clears the cell. No cached values are written: recalculate (LibreOffice) before reading.
 */
import JSZip from "jszip";
import { colLetter } from "../../src/worksheets/a1";

export type TypedValue = string | number | null;

interface TablePart {
  path: string;
  xml: string;
  name: string;
  ref: { top: number; left: number; bottom: number; right: number };
  columns: { name: string; formula?: string }[];
  sheetPath: string;
}

const A1 = /^\$?([A-Z]+)\$?(\d+)$/;

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function parseRef(ref: string): TablePart["ref"] {
  const [a, b] = ref.split(":");
  const m1 = A1.exec(a!)!;
  const m2 = A1.exec((b ?? a)!)!;
  return { top: Number(m1[2]) - 1, left: colIndex(m1[1]!), bottom: Number(m2[2]) - 1, right: colIndex(m2[1]!) };
}

function refText(r: TablePart["ref"]): string {
  return `${colLetter(r.left)}${r.top + 1}:${colLetter(r.right)}${r.bottom + 1}`;
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Sheet XML path by sheet name (workbook.xml + its relationships). */
async function sheetPaths(zip: JSZip): Promise<Map<string, string>> {
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /Id="([^"]+)"/.exec(m[0])?.[1];
    const t = /Target="([^"]+)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t.startsWith("/") ? t.slice(1) : `xl/${t}`);
  }
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = unescapeXml(/name="([^"]*)"/.exec(m[0])![1]!);
    const rid = /r:id="([^"]+)"/.exec(m[0])![1]!;
    out.set(name, target.get(rid)!);
  }
  return out;
}

/** Every table part with the sheet it belongs to. */
async function tableParts(zip: JSZip): Promise<TablePart[]> {
  const out: TablePart[] = [];
  const sheets = Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p));
  for (const sheetPath of sheets) {
    const relsPath = sheetPath.replace("worksheets/", "worksheets/_rels/") + ".rels";
    const rels = await zip.file(relsPath)?.async("string");
    if (!rels) continue;
    for (const m of rels.matchAll(/<Relationship\b[^>]*relationships\/table"[^>]*>/g)) {
      const t = /Target="([^"]+)"/.exec(m[0])![1]!;
      const path = t.startsWith("/") ? t.slice(1) : `xl/${t.replace(/^\.\.\//, "")}`;
      const xml = await zip.file(path)!.async("string");
      const name = /<table\b[^>]*\bname="([^"]+)"/.exec(xml)![1]!;
      const ref = parseRef(/<table\b[^>]*\bref="([^"]+)"/.exec(xml)![1]!);
      const columns = [...xml.matchAll(/<tableColumn\b[^>]*\bname="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/tableColumn>)/g)].map((c) => {
        const f = c[2] ? /<calculatedColumnFormula>([\s\S]*?)<\/calculatedColumnFormula>/.exec(c[2])?.[1] : undefined;
        return f !== undefined ? { name: unescapeXml(c[1]!), formula: unescapeXml(f) } : { name: unescapeXml(c[1]!) };
      });
      out.push({ path, xml, name, ref, columns, sheetPath });
    }
  }
  return out;
}

/** The table part of table `name` (path, XML, ref, columns, its sheet part); throws when there is none. */
export async function findTable(zip: JSZip, name: string): Promise<TablePart> {
  const t = (await tableParts(zip)).find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in the workbook`);
  return t;
}

/** Cell XML for a typed value (no style: the column's format is applied by the writer's cell style only for written cells). */
function cellXml(ref: string, v: TypedValue, style?: string): string {
  const s = style ? ` s="${style}"` : "";
  if (v === null) return `<c r="${ref}"${s}/>`;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`cell ${ref}: ${v} is not a finite number`);
    return `<c r="${ref}"${s}><v>${v}</v></c>`;
  }
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
}

function formulaCellXml(ref: string, formula: string, style?: string): string {
  const s = style ? ` s="${style}"` : "";
  return `<c r="${ref}"${s}><f>${escapeXml(formula)}</f></c>`;
}

/** Rows of sheetData as a map row number (1-based) → cell XML strings by column index. */
interface SheetRows {
  before: string;
  after: string;
  rows: Map<number, { attrs: string; cells: Map<number, string> }>;
}

function parseSheetData(xml: string): SheetRows {
  const start = xml.indexOf("<sheetData");
  const openEnd = xml.indexOf(">", start);
  const selfClosing = xml[openEnd - 1] === "/";
  const end = selfClosing ? openEnd + 1 : xml.indexOf("</sheetData>") + "</sheetData>".length;
  const inner = selfClosing ? "" : xml.slice(openEnd + 1, xml.indexOf("</sheetData>"));
  const rows = new Map<number, { attrs: string; cells: Map<number, string> }>();
  for (const m of inner.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = Number(/\br="(\d+)"/.exec(m[1]!)![1]);
    const cells = new Map<number, string>();
    for (const c of (m[2] ?? "").matchAll(/<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)) {
      const ref = /\br="([A-Z]+)(\d+)"/.exec(c[0])!;
      cells.set(colIndex(ref[1]!), c[0]);
    }
    rows.set(r, { attrs: m[1]!.replace(/\s*\bspans="[^"]*"/, ""), cells });
  }
  return { before: xml.slice(0, start), after: xml.slice(end), rows };
}

function renderSheetData(s: SheetRows): string {
  const rows = [...s.rows.entries()].sort((a, b) => a[0] - b[0]);
  const body = rows
    .map(([, row]) => {
      const cells = [...row.cells.entries()].sort((a, b) => a[0] - b[0]).map((c) => c[1]);
      return `<row${row.attrs}>${cells.join("")}</row>`;
    })
    .join("");
  return `${s.before}<sheetData>${body}</sheetData>${s.after}`;
}

/** The style index of a cell XML (to keep formats of the row above on typed cells). */
function styleOf(cell: string | undefined): string | undefined {
  return cell ? /\bs="(\d+)"/.exec(cell)?.[1] : undefined;
}

/** Extends every sqref area that ends on sheet row `lastRow` (1-based) within columns left..right (0-based) by `n` rows. */
function growSqref(sqref: string, lastRow: number, left: number, right: number, n: number): string {
  return sqref
    .split(/\s+/)
    .filter(Boolean)
    .map((area) => {
      const [a, b] = area.split(":");
      const ma = A1.exec(a!);
      const mb = A1.exec((b ?? a)!);
      if (!ma || !mb) return area;
      const l = colIndex(ma[1]!);
      const r = colIndex(mb[1]!);
      return Number(mb[2]) === lastRow && l >= left && r <= right ? `${ma[1]}${ma[2]}:${mb[1]}${lastRow + n}` : area;
    })
    .join(" ");
}

/**
 * Appends rows to a table as Excel does when the user types just below it: the table's `ref`
 * grows, each calculated column gets the table part's formula, each other column the typed value
 * (by column name; missing = blank; a calculated column given a value throws). Cells keep the
 * style of the table's last row; validations and conditional formats that end on that row inside
 * the table's columns are extended over the new rows.
 */
export async function appendTableRows(xlsx: Uint8Array, table: string, rows: readonly Record<string, TypedValue>[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const t = await findTable(zip, table);
  const known = new Set(t.columns.map((c) => c.name));
  const calculated = new Set(t.columns.filter((c) => c.formula !== undefined).map((c) => c.name));
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      if (!known.has(k)) throw new Error(`table ${table} has no column "${k}" (columns: ${[...known].join(", ")})`);
      if (calculated.has(k)) throw new Error(`${table}[${k}] is a calculated column: Excel fills it in`);
    }
  }
  let sheet = await zip.file(t.sheetPath)!.async("string");
  const data = parseSheetData(sheet);
  const last = data.rows.get(t.ref.bottom + 1);
  rows.forEach((values, i) => {
    const rowNo = t.ref.bottom + 2 + i; // 1-based
    let row = data.rows.get(rowNo);
    if (!row) {
      row = { attrs: ` r="${rowNo}"`, cells: new Map() };
      data.rows.set(rowNo, row);
    }
    t.columns.forEach((c, k) => {
      const col = t.ref.left + k;
      const ref = `${colLetter(col)}${rowNo}`;
      const style = styleOf(last?.cells.get(col));
      const typed = values[c.name];
      if (typed !== undefined) row.cells.set(col, cellXml(ref, typed, style));
      else if (c.formula !== undefined) row.cells.set(col, formulaCellXml(ref, c.formula, style));
      else row.cells.set(col, cellXml(ref, null, style));
    });
  });
  sheet = renderSheetData(data);
  const grow = (sq: string) => growSqref(sq, t.ref.bottom + 1, t.ref.left, t.ref.right, rows.length);
  sheet = sheet
    .replace(/(<(?:conditionalFormatting|dataValidation)\b[^>]*\ssqref=")([^"]*)(")/g, (_m, a: string, sq: string, b: string) => a + grow(sq) + b)
    .replace(/(<xm:sqref>)([^<]*)(<\/xm:sqref>)/g, (_m, a: string, sq: string, b: string) => a + grow(sq) + b);
  zip.file(t.sheetPath, sheet);
  const ref = refText({ ...t.ref, bottom: t.ref.bottom + rows.length });
  zip.file(t.path, t.xml.replace(/(<table\b[^>]*\bref=")[^"]+"/, `$1${ref}"`).replace(/(<autoFilter\b[^>]*\bref=")[^"]+"/, `$1${ref}"`));
  return zip.generateAsync({ type: "uint8array" });
}

/**
 * Shifts the row part of unquoted same-sheet A1 references at or below `from` (1-based) by `delta`.
 * A name followed by "(" is a function (LOG10, ATAN2), never a reference.
 */
function shiftFormula(f: string, from: number, delta: number): string {
  // skip string literals, quoted sheet names + their reference, and structured references [..]
  return f.replace(/("(?:[^"]|"")*")|('(?:[^']|'')*'![$A-Z0-9:]+)|(\[[^\]]*(?:\][^\]]*)*?\])|(\b[A-Za-z_]+!\$?[A-Z]+\$?\d+)|(\$?\b[A-Z]{1,3}\$?)(\d+)\b(?!\s*\()/g, (m, str, other, struct, otherBare, col: string | undefined, row: string | undefined) => {
    if (str || other || struct || otherBare || col === undefined || row === undefined) return m;
    const r = Number(row);
    return r >= from ? `${col}${r + delta}` : m;
  });
}

function shiftSqref(sqref: string, from: number, delta: number): string {
  return sqref
    .split(/\s+/)
    .map((part) => {
      const [a, b] = part.split(":");
      const ma = /^([A-Z]+)(\d+)$/.exec(a!)!;
      const mb = /^([A-Z]+)(\d+)$/.exec((b ?? a)!)!;
      let top = Number(ma[2]);
      let bottom = Number(mb[2]);
      if (delta > 0) {
        if (top >= from) top += delta;
        if (bottom >= from) bottom += delta;
      } else {
        if (top > from) top += delta;
        if (bottom >= from) bottom += delta;
      }
      return b === undefined && top === bottom ? `${ma[1]}${top}` : `${ma[1]}${top}:${mb[1]}${bottom}`;
    })
    .join(" ");
}

async function shiftRows(xlsx: Uint8Array, table: string, sheetRow: number, delta: 1 | -1): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const t = await findTable(zip, table);
  const from = sheetRow; // 1-based first moved row (insert) / deleted row (delete)
  let sheet = await zip.file(t.sheetPath)!.async("string");
  const data = parseSheetData(sheet);
  const moved = new Map<number, { attrs: string; cells: Map<number, string> }>();
  for (const [r, row] of data.rows) {
    if (delta < 0 && r === from) continue;
    const nr = r >= from + (delta < 0 ? 1 : 0) ? r + delta : r;
    const cells = new Map<number, string>();
    for (const [c, xml] of row.cells) {
      let x = xml.replace(/\br="([A-Z]+)\d+"/, `r="$1${nr}"`);
      x = x.replace(/<f>([\s\S]*?)<\/f>/, (_m, f: string) => `<f>${escapeXml(shiftFormula(unescapeXml(f), delta > 0 ? from : from + 1, delta))}</f>`);
      cells.set(c, x);
    }
    moved.set(nr, { attrs: row.attrs.replace(/\br="\d+"/, `r="${nr}"`), cells });
  }
  data.rows = moved;
  if (delta > 0) {
    // the inserted row: empty cells formatted as the table's data rows (Excel keeps a table column's
    // format in a row inserted inside the table: the row pushed down is a data row, the one above may
    // be the header), calculated columns filled
    const above = moved.get(from + 1) ?? moved.get(from - 1);
    const row = { attrs: ` r="${from}"`, cells: new Map<number, string>() };
    t.columns.forEach((c, k) => {
      const col = t.ref.left + k;
      const ref = `${colLetter(col)}${from}`;
      const style = styleOf(above?.cells.get(col));
      row.cells.set(col, c.formula !== undefined ? formulaCellXml(ref, c.formula, style) : cellXml(ref, null, style));
    });
    moved.set(from, row);
  }
  sheet = renderSheetData(data);
  sheet = sheet.replace(/(<(?:mergeCell|dataValidation|conditionalFormatting)\b[^>]*\b(?:ref|sqref)=")([^"]+)"/g, (_m, head: string, sq: string) => `${head}${shiftSqref(sq, from, delta)}"`);
  sheet = sheet.replace(/<(formula1?|formula2)>([\s\S]*?)<\/\1>/g, (_m, tag: string, f: string) => `<${tag}>${escapeXml(shiftFormula(unescapeXml(f), delta > 0 ? from : from + 1, delta))}</${tag}>`);
  zip.file(t.sheetPath, sheet);
  // every table on the same sheet
  for (const other of await tableParts(zip)) {
    if (other.sheetPath !== t.sheetPath) continue;
    const r = { ...other.ref };
    if (delta > 0) {
      if (r.top + 1 >= from) r.top += 1;
      if (r.bottom + 1 >= from) r.bottom += 1;
    } else {
      if (r.top + 1 > from) r.top -= 1;
      if (r.bottom + 1 >= from) r.bottom -= 1;
    }
    zip.file(other.path, other.xml.replace(/(<table\b[^>]*\bref=")[^"]+"/, `$1${refText(r)}"`));
  }
  return zip.generateAsync({ type: "uint8array" });
}

/**
 * Inserts a whole sheet row inside a table before its data row `index` (0 = the first data row),
 * as Excel's Insert ▸ Sheet Rows: everything below moves down, the tables on the sheet grow,
 * calculated columns are filled, and `values` (by column name) are typed into the new row.
 */
export async function insertTableRow(xlsx: Uint8Array, table: string, index: number, values: Record<string, TypedValue> = {}): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const t = await findTable(zip, table);
  const sheetRow = t.ref.top + 2 + index;
  if (sheetRow > t.ref.bottom + 1) throw new Error(`insertTableRow: row ${index} is past the end of ${table}`);
  let bytes = await shiftRows(xlsx, table, sheetRow, 1);
  const cells: Record<string, TypedValue> = {};
  for (const [k, v] of Object.entries(values)) cells[k] = v;
  if (Object.keys(cells).length > 0) bytes = await setTableCells(bytes, table, index, cells);
  return bytes;
}

/** Deletes the whole sheet row of a table's data row `index`; everything below moves up. */
export async function deleteTableRow(xlsx: Uint8Array, table: string, index: number): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const t = await findTable(zip, table);
  const sheetRow = t.ref.top + 2 + index;
  if (sheetRow > t.ref.bottom + 1) throw new Error(`deleteTableRow: row ${index} is past the end of ${table}`);
  return shiftRows(xlsx, table, sheetRow, -1);
}

/** Types values into a table's data row `index` (by column name); a formula cell typed over loses its formula, as in Excel. */
export async function setTableCells(xlsx: Uint8Array, table: string, index: number, values: Record<string, TypedValue>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const t = await findTable(zip, table);
  const rowNo = t.ref.top + 2 + index;
  if (index < 0 || rowNo > t.ref.bottom + 1) throw new Error(`setTableCells: ${table} has no data row ${index}`);
  let sheet = await zip.file(t.sheetPath)!.async("string");
  const data = parseSheetData(sheet);
  let row = data.rows.get(rowNo);
  if (!row) {
    row = { attrs: ` r="${rowNo}"`, cells: new Map() };
    data.rows.set(rowNo, row);
  }
  for (const [name, v] of Object.entries(values)) {
    const k = t.columns.findIndex((c) => c.name === name);
    if (k < 0) throw new Error(`table ${table} has no column "${name}"`);
    const col = t.ref.left + k;
    row.cells.set(col, cellXml(`${colLetter(col)}${rowNo}`, v, styleOf(row.cells.get(col))));
  }
  sheet = renderSheetData(data);
  zip.file(t.sheetPath, sheet);
  return zip.generateAsync({ type: "uint8array" });
}

/**
 * Types values into cells of a sheet by A1 address (a parameter, a header cell). A string that
 * begins with "=" is entered as a formula (as Excel takes it), e.g. "=ROWS(CP_List_aspect)".
 */
export async function setCells(xlsx: Uint8Array, sheetName: string, values: Record<string, TypedValue>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const path = (await sheetPaths(zip)).get(sheetName);
  if (!path) throw new Error(`no sheet "${sheetName}"`);
  let sheet = await zip.file(path)!.async("string");
  const data = parseSheetData(sheet);
  for (const [addr, v] of Object.entries(values)) {
    const m = A1.exec(addr)!;
    const rowNo = Number(m[2]);
    const col = colIndex(m[1]!);
    let row = data.rows.get(rowNo);
    if (!row) {
      row = { attrs: ` r="${rowNo}"`, cells: new Map() };
      data.rows.set(rowNo, row);
    }
    const ref = `${m[1]}${rowNo}`;
    const style = styleOf(row.cells.get(col));
    row.cells.set(col, typeof v === "string" && v.startsWith("=") ? formulaCellXml(ref, v.slice(1), style) : cellXml(ref, v, style));
  }
  sheet = renderSheetData(data);
  zip.file(path, sheet);
  return zip.generateAsync({ type: "uint8array" });
}

/** Where a table is and what its columns are, as the file holds them. */
export interface TableInfo {
  /** The sheet's name as on its tab, and the zip path of its XML. */
  sheetName: string;
  sheetPath: string;
  /** `ref`, 0-based and inclusive: the header row is `top`, the data rows below it down to `bottom`. */
  ref: TablePart["ref"];
  /** Column names in order, with the calculated-column formula as stored in the table part (if any). */
  columns: TablePart["columns"];
}

/** A table's place and columns as the file holds them. */
export async function readTable(xlsx: Uint8Array, table: string): Promise<TableInfo> {
  const zip = await JSZip.loadAsync(xlsx);
  const t = await findTable(zip, table);
  const sheetName = [...(await sheetPaths(zip))].find(([, path]) => path === t.sheetPath)?.[0];
  if (sheetName === undefined) throw new Error(`table ${table}: no sheet of workbook.xml is ${t.sheetPath}`);
  return { sheetName, sheetPath: t.sheetPath, ref: t.ref, columns: t.columns };
}
