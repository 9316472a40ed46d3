/**
 * The read-back contract (src/worksheets/read-back.ts) run over a WorkbookModel instead of an .xlsx,
 * until the reader engine is merged: each table of the model is found by its name, its columns by
 * their header text in the model's language (never by position), and every data row is handed to
 * the definition's `readBack.row` through a small CellReader over the model's cells (an input's
 * value, a formula cell's cached result). Named cells go through a BookReader over the model's
 * defined names. Problems are collected, not thrown.
 */
import { resolveParameters, type AuditCase } from "../../src/worksheets/case";
import { DEFINITIONS } from "../../src/worksheets/workbook";
import type { BuildContext, BuiltKey } from "../../src/worksheets/layout";
import type { CellValue, SheetModel, TableModel, WorkbookModel } from "../../src/worksheets/model";
import type { BookReader, CaseDraft, CellReader, ReadValue, TableReader } from "../../src/worksheets/read-back";
import { columnName, type TableDef } from "../../src/worksheets/table";

/** A model cell's content as the reader sees it: "" reads as empty. */
function readValue(v: CellValue | undefined): ReadValue {
  if (v === null || v === undefined || v === "") return undefined;
  return v;
}

/** The cell (value or cached result) at (row, col) of a sheet. */
function at(sheet: SheetModel, row: number, col: number): ReadValue {
  const c = sheet.cells.find((x) => x.row === row && x.col === col);
  return readValue(c?.formula !== undefined ? c.result : c?.value);
}

/** The context the book was built with (the definitions' table lists may depend on it). */
export function contextOf(book: WorkbookModel, auditCase: AuditCase | null): BuildContext {
  const names = {} as Record<BuiltKey, string>;
  for (const s of book.sheets) names[s.key as BuiltKey] = s.name;
  return { lang: book.lang, auditCase, params: auditCase ? resolveParameters(auditCase) : null, names };
}

/** CellReaders over the data rows of one model table, by column key (header text in the book's language). */
export function tableReaders<K extends string>(book: WorkbookModel, sheet: SheetModel, table: TableModel, def: TableDef<unknown, K>, problems: string[]): { rows: CellReader<K>[]; table: TableReader<K> } {
  const index = (key: K) => table.columns.findIndex((c) => c.name === columnName(def.schema, key, book.lang));
  const first = table.ref.top + 1;
  const n = table.ref.bottom - table.ref.top;
  const rows = Array.from({ length: n }, (_x, i): CellReader<K> => {
    const raw = (key: K): ReadValue => (index(key) < 0 ? undefined : at(sheet, first + i, table.ref.left + index(key)));
    const problem = (key: K, message: string) => problems.push(`${sheet.name}!${table.name}[${i}].${key}: ${message}`);
    return {
      raw,
      has: (key) => index(key) >= 0,
      text: (key) => {
        const v = raw(key);
        if (v === undefined) return undefined;
        const s = String(v).trim();
        return s === "" ? undefined : s;
      },
      num: (key) => {
        const v = raw(key);
        if (v === undefined || typeof v === "number") return v;
        const x = typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
        if (Number.isFinite(x)) return x;
        problem(key, `数值列含文字 ${String(v)}`);
        return undefined;
      },
      problem,
    };
  });
  const reader: TableReader<K> = {
    band: (key) => (index(key) < 0 ? undefined : at(sheet, table.ref.top - 1, table.ref.left + index(key))),
    headers: () => table.columns.map((c) => c.name),
    byHeader: (i, header) => {
      const k = table.columns.findIndex((c) => c.name === header);
      return k < 0 ? undefined : at(sheet, first + i, table.ref.left + k);
    },
    rowCount: () => n,
    problem: (message) => problems.push(`${sheet.name}!${table.name}: ${message}`),
  };
  return { rows, table: reader };
}

/** A BookReader over the model's single-cell defined names. */
export function bookReader(book: WorkbookModel, problems: string[]): BookReader {
  return {
    name: (definedName) => {
      const n = book.names.find((x) => x.name === definedName);
      if (!n || !("sheet" in n)) return undefined;
      const sheet = book.sheets.find((s) => s.name === n.sheet);
      return sheet ? at(sheet, n.ref.top, n.ref.left) : undefined;
    },
    problem: (where, message) => problems.push(`${where}: ${message}`),
  };
}

/**
 * Reads the sheets `keys` of a model back into `draft` as the reader does: in workbook order, each
 * sheet's tables (rows in order, empty rows dropped, then store), then the sheet's own readBack.
 * Returns the problems reported.
 */
export function readBackModel(book: WorkbookModel, auditCase: AuditCase | null, keys: readonly string[], draft: CaseDraft): string[] {
  const problems: string[] = [];
  const ctx = contextOf(book, auditCase);
  for (const d of DEFINITIONS) {
    if (!keys.includes(d.key)) continue;
    const sheet = book.sheets.find((s) => s.key === d.key);
    if (!sheet) continue;
    for (const def of d.tables?.(ctx) ?? []) {
      const t = def as TableDef<unknown, string>;
      if (!t.readBack) {
        problems.push(`${t.schema.name}: no readBack`);
        continue;
      }
      const model = sheet.tables.find((x) => x.name === t.schema.name);
      if (!model) continue;
      const { rows, table } = tableReaders(book, sheet, model, t, problems);
      const read = rows.map((c) => t.readBack!.row(c)).filter((r) => r !== undefined);
      t.readBack.store(draft, read, table);
    }
    d.readBack?.read(bookReader(book, problems), draft);
  }
  return problems;
}
