/**
 * The reader (issue 13): a workbook this project generated, edited by a person, back into the
 * case file (cases/README.md), by table name and column header, never by cell position.
 *
 * {@link readCase} walks the worksheet definitions (workbook.ts DEFINITIONS) in workbook order.
 * For each definition it finds its sheet — the sheet holding its tables (by table name), else the
 * sheet its defined names point to, else the sheet whose title cell A1 is its title — and:
 *
 * - a sheet not in the workbook: its case section is absent (the user deleted or never built it);
 * - each table of the definition found by its schema name, wherever it is; its columns by header
 *   name in the workbook's language (detected from the headers: zh-CN or en-US), the other
 *   language accepted too; each data row where something is typed (a cell neither blank nor a formula) goes to the
 *   table's {@link TableReadBack.row} through a {@link CellReader}, the rows to its `store`;
 * - the sheet's own {@link SheetReadBack} (named cells) through a {@link BookReader};
 * - a table of a sheet that is present but missing from it, a column a read-back reads but the
 *   table no longer has, a text in a number column: a {@link ReadProblem} naming the sheet and the
 *   cell. Any problem: no case (`ok: false`), nothing is guessed.
 *
 * A definition without a read-back yet gives a warning ("not read back") and its section stays
 * absent. meta.terminology is "2001" when the zh-CN titles read 审计 (else absent: the default).
 */
import { tr, type L, l } from "../worksheets/i18n";
import type { BuildContext, BuiltKey } from "../worksheets/layout";
import type { Lang } from "../worksheets/model";
import type { BookReader, CaseDraft, CellReader, ReadValue, TableReader } from "../worksheets/read-back";
import type { TableDef } from "../worksheets/table";
import { termTitle, type Terminology } from "../worksheets/terminology";
import type { WorksheetDefinition } from "../worksheets/definition";
import { DEFINITIONS } from "../worksheets/workbook";
import { cellAddress, quote, type SourceTable, type WorkbookSource } from "./source";

/** Something the reader cannot read (problem) or did not read (warning), with where it is. */
export interface ReadProblem {
  /** "'表4-1'!C7", "'表4-1'" (a sheet), or a defined name */
  where: string;
  message: string;
}

/** What {@link readCase} gives. */
export type ReadResult =
  | { ok: true; caseFile: CaseDraft; lang: Lang; warnings: ReadProblem[] }
  | { ok: false; lang: Lang; problems: ReadProblem[]; warnings: ReadProblem[] };

/** Options of {@link readCase}. */
export interface ReadOptions {
  /** meta.title when the workbook has none (the parameters sheet's title cell holds it): e.g. the file name */
  fallbackTitle?: string;
}

/** Definitions whose sheets hold nothing of the case (the lists of the dropdowns). */
const NOT_CASE_DATA: ReadonlySet<BuiltKey> = new Set<BuiltKey>(["LISTS"]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each table has its own row and key types
type AnyTable = TableDef<any, any>;

const norm = (s: string): string => s.trim().toUpperCase();

/** An empty cell, or one holding only spaces. */
const blank = (v: ReadValue): boolean => v === undefined || (typeof v === "string" && v.trim() === "");

/** Context for the definitions' tables: the template's (no case) in `lang`, with the sheet names found. */
function readContext(lang: Lang, names: Partial<Record<BuiltKey, string>>): BuildContext {
  const all = {} as Record<BuiltKey, string>;
  for (const d of DEFINITIONS) all[d.key] = names[d.key] ?? tr(lang, d.sheetName);
  return { lang, auditCase: null, params: null, names: all };
}

function tablesOf(d: WorksheetDefinition, ctx: BuildContext): readonly AnyTable[] {
  return d.tables ? d.tables(ctx) : [];
}

/** zh-CN or en-US: the language whose column names more of the workbook's table headers are. */
function detectLang(source: WorkbookSource, byName: Map<string, SourceTable>): Lang {
  const ctx = readContext("zh-CN", {});
  let zh = 0;
  let en = 0;
  for (const d of DEFINITIONS)
    for (const t of tablesOf(d, ctx)) {
      const st = byName.get(norm(t.schema.name));
      if (!st) continue;
      const headers = new Set(st.headers.map(norm));
      for (const label of Object.values<L>(t.schema.columns)) {
        if (label.zh === label.en) continue;
        if (headers.has(norm(label.zh))) zh++;
        if (headers.has(norm(label.en))) en++;
      }
    }
  if (en === 0 && zh === 0) {
    // no table of ours: the sheet names tell
    for (const d of DEFINITIONS) {
      if (source.sheets.some((s) => s.name === d.sheetName.en && d.sheetName.en !== d.sheetName.zh)) en++;
      if (source.sheets.some((s) => s.name === d.sheetName.zh && d.sheetName.en !== d.sheetName.zh)) zh++;
    }
  }
  return en > zh ? "en-US" : "zh-CN";
}

/** The title text of A1 without the standard's number ("表4-1 " / "Table 4-1 "). */
function bareTitle(a1: string | undefined): string | undefined {
  return a1?.replace(/^(表\s*[\dA-Za-z.-]+|Table\s+[\dA-Za-z.-]+)\s+/, "").trim();
}

/** Whether A1 of a sheet is the definition's title in the terms `terms` (the parameters title may carry ": case title"). */
function titleMatches(a1: string | undefined, d: WorksheetDefinition, lang: Lang, terms: readonly Terminology[] = ["2001", "2016"]): boolean {
  const bare = bareTitle(a1);
  if (!bare) return false;
  return terms.some((term) => {
    const want = termTitle(lang, tr(lang, d.title), term);
    return bare === want || bare.startsWith(`${want}：`) || bare.startsWith(`${want}: `);
  });
}

/** "2001" when a sheet found reads its title in the 2001 terms where they differ from the 2016 ones (审计 for 审核; zh-CN only). */
function terminologyOf(source: WorkbookSource, sheetOf: Map<BuiltKey, string>, lang: Lang): Terminology | undefined {
  for (const d of DEFINITIONS) {
    const sheet = sheetOf.get(d.key);
    if (sheet === undefined || termTitle(lang, tr(lang, d.title), "2001") === termTitle(lang, tr(lang, d.title), "2016")) continue;
    const a1 = source.sheets.find((s) => s.name === sheet)?.title;
    if (titleMatches(a1, d, lang, ["2001"])) return "2001";
  }
  return undefined;
}

const MSG = {
  tableMissing: (name: string) => l(`表格 ${name} 已被删除或改名，无法读取此表`, `table ${name} is missing (deleted or renamed): its rows cannot be read`),
  columnMissing: (col: string, table: string) => l(`表格 ${table} 缺少列「${col}」（已被删除或改名）`, `table ${table} has no column "${col}" (deleted or renamed)`),
  textInNumber: (col: string, v: string) => l(`「${col}」应为数值，却是文字 "${v}"`, `"${col}" must be a number, but holds the text "${v}"`),
  notReadBack: l("此工作表尚不能读回（其内容不写入案例文件）", "this sheet is not read back yet (its contents are not written to the case file)"),
};

/** Reads a number from a cell value: numbers, and texts that are a plain number ("12.5"); else undefined + `bad`. */
function toNumber(v: ReadValue): { n?: number; bad?: string } {
  if (v === undefined) return {};
  if (typeof v === "number") return { n: v };
  if (typeof v === "boolean") return { bad: String(v) };
  const s = v.trim();
  if (s === "") return {};
  const n = Number(s.replace(/,/g, ""));
  return /^[+-]?(\d[\d,]*\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) && Number.isFinite(n) ? { n } : { bad: s };
}

/**
 * Reads the case of a workbook.
 * @param source the workbook (xlsxSource, or the open workbook in the pane)
 * @returns the case file (JSON object as cases/README.md writes it; validate it with validateCase),
 *   or the problems (sheet and cell each) when anything could not be read
 */
export function readCase(source: WorkbookSource, opts: ReadOptions = {}): ReadResult {
  const byName = new Map<string, SourceTable>();
  for (const t of source.tables) byName.set(norm(t.name), t);
  const lang = detectLang(source, byName);
  const problems: ReadProblem[] = [];
  const warnings: ReadProblem[] = [];
  const msg = (label: L) => tr(lang, label);

  // where each definition's sheet is now: the sheet of its tables, else of its names, else (among
  // the sheets no other definition holds) the one titled as it
  const firstCtx = readContext(lang, {});
  const sheetOf = new Map<BuiltKey, string>();
  for (const d of DEFINITIONS) {
    let sheet = tablesOf(d, firstCtx)
      .map((t) => byName.get(norm(t.schema.name)))
      .find((t) => t !== undefined)?.sheet;
    if (!sheet && d.names) {
      const want = new Set(d.names(firstCtx).map((n) => norm(n.name)));
      sheet = source.names.find((n) => want.has(norm(n.name)))?.sheet;
    }
    if (sheet) sheetOf.set(d.key, sheet);
  }
  const held = new Set(sheetOf.values());
  for (const d of DEFINITIONS) {
    if (sheetOf.has(d.key)) continue;
    const sheet = source.sheets.find((s) => !held.has(s.name) && titleMatches(s.title, d, lang))?.name;
    if (sheet) sheetOf.set(d.key, sheet);
  }
  const ctx = readContext(lang, Object.fromEntries(sheetOf));
  // meta and parameters are objects of every case file (the parameters sheet may be gone)
  const draft: CaseDraft = { meta: {}, parameters: {} };

  for (const d of DEFINITIONS) {
    const sheet = sheetOf.get(d.key);
    if (!sheet || NOT_CASE_DATA.has(d.key)) continue;
    const tables = tablesOf(d, ctx);
    // a table of lookups and formulas only (表4-4) holds nothing to read
    const unread = tables.filter((t) => !t.readBack && hasInputs(t));
    if (!d.readBack && tables.every((t) => !t.readBack)) {
      if (unread.length > 0 || tables.length === 0) warnings.push({ where: quote(sheet), message: msg(MSG.notReadBack) });
      continue;
    }
    for (const t of unread) warnings.push({ where: quote(sheet), message: `${t.schema.name}: ${msg(MSG.notReadBack)}` });
    for (const t of tables) {
      const st = byName.get(norm(t.schema.name));
      if (!st) {
        problems.push({ where: quote(sheet), message: msg(MSG.tableMissing(t.schema.name)) });
        continue;
      }
      if (t.readBack) readTable(t, st, lang, problems, msg, draft);
    }
    d.readBack?.read(bookReader(source, ctx, sheetOf, problems), draft);
  }
  const meta = draft.meta as Record<string, unknown>;
  // the terms of the titles: "2001" when the zh-CN titles read 审计 (2016, the default, is left out)
  if (terminologyOf(source, sheetOf, lang) === "2001") meta.terminology = "2001";
  if (meta.title === undefined) meta.title = opts.fallbackTitle ?? msg(l("（未命名）", "(untitled)"));
  if (problems.length > 0) return { ok: false, lang, problems, warnings };
  return { ok: true, caseFile: orderMeta(draft), lang, warnings };
}

/** Whether a table has cells the user types (input columns, or input cells in its band). */
function hasInputs(t: AnyTable): boolean {
  return (t.columns as readonly { role: string; bandInput?: unknown }[]).some((c) => c.role === "input" || c.bandInput !== undefined);
}


/** meta and parameters first (the case files' order). */
function orderMeta(draft: CaseDraft): CaseDraft {
  const { meta, parameters, ...rest } = draft;
  return { meta, parameters, ...rest };
}

/** The columns of a source table by key: index, or -1 when the table has no such column. */
function columnIndex(t: AnyTable, st: SourceTable, lang: Lang): Map<string, number> {
  const headers = st.headers.map(norm);
  const out = new Map<string, number>();
  for (const [key, label] of Object.entries<L>(t.schema.columns)) {
    const first = lang === "zh-CN" ? label.zh : label.en;
    const other = lang === "zh-CN" ? label.en : label.zh;
    let i = headers.indexOf(norm(first));
    if (i < 0) i = headers.indexOf(norm(other));
    out.set(key, i);
  }
  return out;
}

function readTable(t: AnyTable, st: SourceTable, lang: Lang, problems: ReadProblem[], msg: (l: L) => string, draft: CaseDraft): void {
  const idx = columnIndex(t, st, lang);
  const inputs = (t.columns as { key: string; role: string }[]).filter((c) => c.role === "input").map((c) => idx.get(c.key) ?? -1).filter((i) => i >= 0);
  const reported = new Set<string>();
  const colName = (key: string): string => tr(lang, (t.schema.columns as Record<string, L>)[key] ?? l(key, key));
  const missing = (key: string): void => {
    if (reported.has(key)) return;
    reported.add(key);
    problems.push({ where: cellAddress(st.sheet, st.headerRow, st.left), message: msg(MSG.columnMissing(colName(key), st.name)) });
  };
  const rows: unknown[] = [];
  st.rows.forEach((cells, r) => {
    // empty: nothing typed — every cell blank or a formula (dynamic columns such as the focus
    // factors count too); a source without formula flags: every input column blank
    const typed = st.formulas?.[r];
    if (typed ? cells.every((v, i) => blank(v) || typed[i] === true) : inputs.every((i) => blank(cells[i]))) return;
    const at = (key: string): number | undefined => {
      const i = idx.get(key) ?? -1;
      if (i < 0) {
        missing(key);
        return undefined;
      }
      return i;
    };
    const where = (key: string): string => cellAddress(st.sheet, st.headerRow + 1 + r, st.left + Math.max(0, idx.get(key) ?? 0));
    const raw = (key: string): ReadValue => {
      const i = at(key);
      return i === undefined ? undefined : cells[i];
    };
    const c: CellReader<string> = {
      raw,
      has: (key) => (idx.get(key) ?? -1) >= 0,
      text(key) {
        const v = raw(key);
        if (v === undefined) return undefined;
        const s = (typeof v === "number" ? String(v) : String(v)).trim();
        return s === "" ? undefined : s;
      },
      num(key) {
        const v = toNumber(raw(key));
        if (v.bad !== undefined) problems.push({ where: where(key), message: msg(MSG.textInNumber(colName(key), v.bad)) });
        return v.n;
      },
      problem(key, message) {
        problems.push({ where: where(key), message });
      },
      byHeader(header) {
        const k = st.headers.map(norm).indexOf(norm(header));
        return k < 0 ? undefined : cells[k];
      },
      headers: () => [...st.headers],
      numByHeader(header) {
        const k = st.headers.map(norm).indexOf(norm(header));
        if (k < 0) return undefined;
        const v = toNumber(cells[k]);
        if (v.bad !== undefined) problems.push({ where: cellAddress(st.sheet, st.headerRow + 1 + r, st.left + k), message: msg(MSG.textInNumber(st.headers[k]!, v.bad)) });
        return v.n;
      },
    };
    const row = t.readBack!.row(c);
    if (row !== undefined) rows.push(row);
  });
  const tr2: TableReader<string> = {
    band(key) {
      const i = idx.get(key) ?? -1;
      return i < 0 ? undefined : st.band[i];
    },
    headers: () => [...st.headers],
    bandByHeader(header) {
      const k = st.headers.map(norm).indexOf(norm(header));
      return k < 0 ? undefined : st.band[k];
    },
    byHeader(i, header) {
      const k = st.headers.map(norm).indexOf(norm(header));
      return k < 0 ? undefined : st.rows[i]?.[k];
    },
    rowCount: () => st.rows.length,
    problem(message) {
      problems.push({ where: cellAddress(st.sheet, st.headerRow, st.left), message });
    },
  };
  t.readBack!.store(draft, rows, tr2);
}

function bookReader(source: WorkbookSource, ctx: BuildContext, sheetOf: Map<BuiltKey, string>, problems: ReadProblem[]): BookReader {
  const find = (name: string) => source.names.find((n) => norm(n.name) === norm(name));
  return {
    name: (n) => find(n)?.values[0],
    problem(where, message) {
      problems.push({ where, message });
    },
    names: (n) => find(n)?.values ?? [],
    isFormula: (n) => find(n)?.formulas[0] ?? false,
    where(n) {
      const x = find(n);
      return x ? cellAddress(x.sheet, x.top, x.left) : n;
    },
    address: (key, row, col) => cellAddress(sheetOf.get(key) ?? key, row, col),
    cell(key, row, col) {
      const sheet = sheetOf.get(key);
      return sheet === undefined ? undefined : source.cell(sheet, row, col);
    },
    lang: ctx.lang,
  };
}
