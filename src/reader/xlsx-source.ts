/**
 * A {@link WorkbookSource} over an .xlsx file: cells and defined names through ExcelJS, the tables
 * from the table parts (xl/tables/tableN.xml) through JSZip — ExcelJS 4.4 does not read a table's
 * columns back reliably, so the parts are read directly (name, `ref`, `<tableColumn name>`,
 * totals row) and each one's sheet from the sheet's relationships.
 *
 * Throws an Error with a plain message when the bytes are not an .xlsx workbook.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { ReadValue } from "../worksheets/read-back";
import { toReadValue, type SourceName, type SourceTable, type WorkbookSource } from "./source";

const A1 = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "A12:H21" (or one cell) → 0-based rectangle; undefined when it is not an A1 range. */
export function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const [a, b] = ref.split(":");
  const m1 = A1.exec(a ?? "");
  const m2 = A1.exec(b ?? a ?? "");
  if (!m1 || !m2) return undefined;
  return { top: Number(m1[2]) - 1, left: colIndex(m1[1]!), bottom: Number(m2[2]) - 1, right: colIndex(m2[1]!) };
}

function unescapeXml(s: string): string {
  return s
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&amp;/g, "&");
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]!) : undefined;
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

async function relationships(zip: JSZip, partPath: string): Promise<{ id: string; type: string; target: string }[]> {
  const relsPath = partPath.replace(/([^/]+)$/, "_rels/$1.rels");
  const xml = await zip.file(relsPath)?.async("string");
  if (!xml) return [];
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({
    id: attr(m[0], "Id") ?? "",
    type: attr(m[0], "Type") ?? "",
    target: resolveTarget(partPath, attr(m[0], "Target") ?? ""),
  }));
}

/** Table parts by sheet name: name, ref, column names, totals rows. */
async function tableParts(zip: JSZip): Promise<{ sheet: string; name: string; ref: string; columns: string[]; headerRows: number; totalsRows: number }[]> {
  const wb = await zip.file("xl/workbook.xml")?.async("string");
  if (!wb) throw new Error("not an .xlsx workbook (no xl/workbook.xml)");
  const wbRels = await relationships(zip, "xl/workbook.xml");
  const out: { sheet: string; name: string; ref: string; columns: string[]; headerRows: number; totalsRows: number }[] = [];
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const sheet = attr(m[0], "name") ?? "";
    const rid = attr(m[0], "r:id");
    const path = wbRels.find((r) => r.id === rid)?.target;
    if (!path) continue;
    for (const rel of await relationships(zip, path)) {
      if (!rel.type.endsWith("/table")) continue;
      const xml = await zip.file(rel.target)?.async("string");
      if (!xml) continue;
      const tag = /<table\b[^>]*>/.exec(xml)?.[0] ?? "";
      const columns = [...xml.matchAll(/<tableColumn\b[^>]*>/g)].map((c) => attr(c[0], "name") ?? "");
      out.push({
        sheet,
        name: attr(tag, "name") ?? attr(tag, "displayName") ?? "",
        ref: attr(tag, "ref") ?? "",
        columns,
        headerRows: Number(attr(tag, "headerRowCount") ?? "1"),
        totalsRows: Number(attr(tag, "totalsRowCount") ?? "0"),
      });
    }
  }
  return out;
}

/** "'参数'!$C$6" → sheet and range; undefined for anything else (constants, several areas). */
function parseNameRef(ref: string): { sheet: string; range: string } | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^!']+))!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)$/.exec(ref.trim());
  if (!m) return undefined;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!, range: m[3]! };
}

function isFormula(v: unknown): boolean {
  return typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v);
}

/**
 * Loads an .xlsx workbook (the bytes of the file) as a {@link WorkbookSource}.
 * @throws Error "not an .xlsx workbook …" when the bytes are no workbook
 */
export async function xlsxSource(bytes: Uint8Array): Promise<WorkbookSource> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw new Error(`not an .xlsx workbook (${(e as Error).message})`);
  }
  const parts = await tableParts(zip);
  const wb = new ExcelJS.Workbook();
  // ExcelJS loads an ArrayBuffer (a copy: the bytes may be a view into a larger buffer)
  await wb.xlsx.load(bytes.slice().buffer);
  const raw = (sheet: string, row: number, col: number): unknown => wb.getWorksheet(sheet)?.findCell(row + 1, col + 1)?.value;
  const cell = (sheet: string, row: number, col: number): ReadValue => toReadValue(raw(sheet, row, col));
  const tables: SourceTable[] = [];
  const ranges = parts.flatMap((p) => {
    const r = parseRange(p.ref);
    return r ? [{ sheet: p.sheet, ...r }] : [];
  });
  for (const p of parts) {
    const r = parseRange(p.ref);
    if (!r) continue;
    const width = r.right - r.left + 1;
    const cols = Array.from({ length: width }, (_, i) => r.left + i);
    // a table saved without a header row flag whose first row holds the column names (ExcelJS
    // rewrites a table it loaded with headerRowCount="0"): that row is the header all the same
    const namesOnTop = p.columns.length === width && cols.every((c, i) => String(cell(p.sheet, r.top, c) ?? "").trim() === p.columns[i]!.trim());
    const headerRow = p.headerRows > 0 || namesOnTop ? r.top : r.top - 1;
    const first = headerRow + 1;
    let last = r.bottom - p.totalsRows;
    // rows typed directly below the table (Excel and WPS extend the table as one types; a file
    // edited by a program may not): read while a row holds something in the table's columns and
    // belongs to no other table — our sheets never put anything below a table (docs/MODEL.md)
    if (p.totalsRows === 0) {
      const inOther = (row: number) => ranges.some((o) => o.sheet === p.sheet && row >= o.top && row <= o.bottom && o.left <= r.right && o.right >= r.left);
      while (!inOther(last + 1) && cols.some((c) => { const v = cell(p.sheet, last + 1, c); return v !== undefined && v !== ""; })) last++;
    }
    const rows: ReadValue[][] = [];
    const formulas: boolean[][] = [];
    for (let row = first; row <= last; row++) {
      rows.push(cols.map((c) => cell(p.sheet, row, c)));
      formulas.push(cols.map((c) => isFormula(raw(p.sheet, row, c))));
    }
    tables.push({
      name: p.name,
      sheet: p.sheet,
      headerRow,
      left: r.left,
      headers: p.columns.length === width ? p.columns : cols.map((c) => String(cell(p.sheet, headerRow, c) ?? "")),
      band: cols.map((c) => (headerRow > 0 ? cell(p.sheet, headerRow - 1, c) : undefined)),
      rows,
      formulas,
    });
  }
  const names: SourceName[] = [];
  for (const dn of wb.definedNames.model as { name: string; ranges: string[] }[]) {
    if (dn.ranges.length !== 1) continue;
    const ref = parseNameRef(dn.ranges[0]!);
    const r = ref && parseRange(ref.range);
    if (!ref || !r || !wb.getWorksheet(ref.sheet)) continue;
    const values: ReadValue[] = [];
    const formulas: boolean[] = [];
    for (let row = r.top; row <= r.bottom; row++)
      for (let c = r.left; c <= r.right; c++) {
        values.push(cell(ref.sheet, row, c));
        formulas.push(isFormula(raw(ref.sheet, row, c)));
      }
    names.push({ name: dn.name, sheet: ref.sheet, ...r, values, formulas });
  }
  const sheets = wb.worksheets.map((ws) => {
    const title = cell(ws.name, 0, 0);
    return { name: ws.name, title: title === undefined ? undefined : String(title).trim() };
  });
  return { sheets, tables, names, cell };
}
