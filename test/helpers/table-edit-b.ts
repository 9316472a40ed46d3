/**
 * Edits a written .xlsx as a user does in Excel, for growth tests (issue 8): type values into cells
 * and append a row to an Excel table the way Excel does when the user types just below it — the
 * table part's `ref` grows by one row, the typed values land in the new row, and every calculated
 * column's `<calculatedColumnFormula>` becomes the new row's cell formula. The new cells take the
 * style of the cell above (Excel extends the table's formatting).
 *
 * Self-contained (JSZip and string edits of the sheet XML): independent of the writer that made the
 * file, so a test checks what the file says, not what the writer meant.
 */
import JSZip from "jszip";

/** A value typed into a cell: a number, a text (stored as an inline string), or a formula. */
export type TypedValue = number | string | { formula: string };

/** One table part as found in the file. */
export interface TablePart {
  /** xl/tables/tableN.xml */
  path: string;
  /** xl/worksheets/sheetK.xml holding the table */
  sheetPath: string;
  /** 0-based rectangle of `ref` (header row included) */
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** column names and calculated-column formulas (XML-unescaped), in order */
  columns: { name: string; formula?: string }[];
}

/** 0-based column index of letters ("A" → 0, "AA" → 26). */
function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Column letters of a 0-based index. */
function colName(i: number): string {
  let s = "";
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "B12" of 0-based row and column. */
export function cellRef(row: number, col: number): string {
  return `${colName(col)}${row + 1}`;
}

function parseCell(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(ref);
  if (!m) throw new Error(`not a cell reference: ${ref}`);
  return { row: Number(m[2]) - 1, col: colIndex(m[1]!) };
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#[0-9]+);/g, (_m, e: string) => {
    switch (e) {
      case "lt": return "<";
      case "gt": return ">";
      case "quot": return '"';
      case "apos": return "'";
      case "amp": return "&";
      default: return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The table part named `name` (case-insensitive, as Excel compares table names) and the sheet it is on. */
export async function findTable(zip: JSZip, name: string): Promise<TablePart> {
  const tablePaths = Object.keys(zip.files).filter((p) => /^xl\/tables\/table\d+\.xml$/.test(p));
  for (const path of tablePaths) {
    const xml = await zip.file(path)!.async("string");
    const head = /<table\b[^>]*>/.exec(xml)?.[0] ?? "";
    const tName = /\bname="([^"]*)"/.exec(head)?.[1];
    if (tName === undefined || tName.toUpperCase() !== name.toUpperCase()) continue;
    const ref = /\bref="([^"]*)"/.exec(head)?.[1];
    if (!ref) throw new Error(`${path}: table without ref`);
    const [a, b] = ref.split(":");
    const tl = parseCell(a!);
    const br = parseCell(b ?? a!);
    const columns = [...xml.matchAll(/<tableColumn\b([^>]*?)(\/>|>([\s\S]*?)<\/tableColumn>)/g)].map((m) => {
      const colName = unescapeXml(/\bname="([^"]*)"/.exec(m[1]!)?.[1] ?? "");
      const f = m[3] ? /<calculatedColumnFormula>([\s\S]*?)<\/calculatedColumnFormula>/.exec(m[3])?.[1] : undefined;
      return f === undefined ? { name: colName } : { name: colName, formula: unescapeXml(f) };
    });
    // the sheet whose relationships point at this table part
    const file = path.slice("xl/tables/".length);
    let sheetPath: string | undefined;
    for (const rels of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/_rels\/sheet\d+\.xml\.rels$/.test(p))) {
      const rx = await zip.file(rels)!.async("string");
      if (rx.includes(`Target="../tables/${file}"`)) sheetPath = rels.replace("_rels/", "").replace(/\.rels$/, "");
    }
    if (!sheetPath) throw new Error(`no sheet refers to ${path}`);
    return { path, sheetPath, top: tl.row, left: tl.col, bottom: br.row, right: br.col, columns };
  }
  throw new Error(`no table named ${name} in the file`);
}

/** The XML of one cell holding `value` (style `s` kept). */
function cellXml(ref: string, style: string | undefined, value: TypedValue | null): string {
  const s = style !== undefined ? ` s="${style}"` : "";
  if (value === null) return `<c r="${ref}"${s}/>`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot type ${value}`);
    return `<c r="${ref}"${s}><v>${value}</v></c>`;
  }
  if (typeof value === "string") return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
  return `<c r="${ref}"${s}><f>${escapeXml(value.formula)}</f></c>`;
}

const CELL = /<c\b([^>]*?)(?:\/>|>[\s\S]*?<\/c>)/g;

/** Style index of a cell in the sheet XML, if the cell exists. */
function styleOf(xml: string, ref: string): string | undefined {
  for (const m of xml.matchAll(CELL)) {
    if (new RegExp(`\\br="${ref}"`).test(m[1]!)) return /\bs="(\d+)"/.exec(m[1]!)?.[1];
  }
  return undefined;
}

/**
 * Sets one cell of a sheet's XML (0-based row and column) to `value`: replaces the cell if present
 * (keeping its style unless `style` is given), else inserts it in column order, creating the row
 * in row order when needed. Returns the new XML.
 */
export function setCellXml(xml: string, row: number, col: number, value: TypedValue | null, style?: string): string {
  const ref = cellRef(row, col);
  const rowRe = new RegExp(`<row\\b[^>]*\\br="${row + 1}"[^>]*?(?:/>|>[\\s\\S]*?</row>)`);
  const rowMatch = rowRe.exec(xml);
  if (!rowMatch) {
    // a new row, placed before the first row with a greater number
    const newRow = `<row r="${row + 1}">${cellXml(ref, style, value)}</row>`;
    const rows = [...xml.matchAll(/<row\b[^>]*\br="(\d+)"/g)];
    const after = rows.find((m) => Number(m[1]) > row + 1);
    if (after) return xml.slice(0, after.index) + newRow + xml.slice(after.index);
    if (/<sheetData\/>/.test(xml)) return xml.replace("<sheetData/>", `<sheetData>${newRow}</sheetData>`);
    return xml.replace("</sheetData>", `${newRow}</sheetData>`);
  }
  let rowXml = rowMatch[0];
  if (rowXml.endsWith("/>")) rowXml = rowXml.slice(0, -2) + "></row>";
  const cells = [...rowXml.matchAll(CELL)];
  const existing = cells.find((m) => new RegExp(`\\br="${ref}"`).test(m[1]!));
  let next: string;
  if (existing) {
    const keep = style ?? /\bs="(\d+)"/.exec(existing[1]!)?.[1];
    next = rowXml.slice(0, existing.index) + cellXml(ref, keep, value) + rowXml.slice(existing.index! + existing[0].length);
  } else {
    const after = cells.find((m) => {
      const r = /\br="([A-Z]+)\d+"/.exec(m[1]!)?.[1];
      return r !== undefined && colIndex(r) > col;
    });
    const c = cellXml(ref, style, value);
    next = after ? rowXml.slice(0, after.index) + c + rowXml.slice(after.index) : rowXml.replace("</row>", `${c}</row>`);
  }
  // the row's optional spans hint may no longer cover the cell: drop it
  next = next.replace(/^<row\b([^>]*?)\sspans="[^"]*"/, "<row$1");
  return xml.slice(0, rowMatch.index) + next + xml.slice(rowMatch.index + rowMatch[0].length);
}

/** Sets cells of the sheet at `sheetPath` in the zip. */
export async function setCells(zip: JSZip, sheetPath: string, cells: readonly { row: number; col: number; value: TypedValue | null }[]): Promise<void> {
  let xml = await zip.file(sheetPath)!.async("string");
  for (const c of cells) xml = setCellXml(xml, c.row, c.col, c.value);
  zip.file(sheetPath, xml);
}

/**
 * Appends a row to table `name` as Excel does when the user types just below it: `ref` (and an
 * autoFilter's ref) grows by one row; each column named in `values` gets the typed value; each
 * calculated column gets its calculatedColumnFormula as the cell formula; the new cells take the
 * style of the cell above. Returns the new row's 0-based index.
 *
 * @throws when a key of `values` names no column, or a calculated column is given a value.
 */
export async function appendTableRow(zip: JSZip, name: string, values: Readonly<Record<string, TypedValue>>): Promise<number> {
  const t = await findTable(zip, name);
  const names = new Set(t.columns.map((c) => c.name));
  for (const k of Object.keys(values)) if (!names.has(k)) throw new Error(`${name} has no column "${k}" (columns: ${[...names].join(", ")})`);
  const row = t.bottom + 1;
  let xml = await zip.file(t.sheetPath)!.async("string");
  t.columns.forEach((c, i) => {
    const col = t.left + i;
    const style = styleOf(xml, cellRef(t.bottom, col));
    if (c.formula !== undefined) {
      if (c.name in values) throw new Error(`${name}[${c.name}] is a calculated column`);
      xml = setCellXml(xml, row, col, { formula: c.formula }, style);
    } else {
      xml = setCellXml(xml, row, col, values[c.name] ?? null, style);
    }
  });
  // the sheet's used range
  xml = xml.replace(/<dimension ref="([A-Z]+\d+):([A-Z]+)(\d+)"\/>/, (whole, a: string, bc: string, br: string) =>
    Number(br) < row + 1 ? `<dimension ref="${a}:${bc}${row + 1}"/>` : whole,
  );
  zip.file(t.sheetPath, xml);
  const newRef = `${cellRef(t.top, t.left)}:${cellRef(row, t.right)}`;
  const oldRef = `${cellRef(t.top, t.left)}:${cellRef(t.bottom, t.right)}`;
  let txml = await zip.file(t.path)!.async("string");
  txml = txml.split(`ref="${oldRef}"`).join(`ref="${newRef}"`);
  zip.file(t.path, txml);
  return row;
}

/** Opens .xlsx bytes for editing. */
export async function openXlsx(bytes: Uint8Array): Promise<JSZip> {
  return JSZip.loadAsync(bytes);
}

/** The edited file's bytes. */
export async function saveXlsx(zip: JSZip): Promise<Uint8Array> {
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
