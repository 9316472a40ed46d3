/**
 * Declarative table worksheets (engineering guide §1b, docs/MODEL.md "Tables").
 *
 * Most standard worksheets are one or two input tables with a few row formulas, plus totals. A
 * definition states them as data:
 *
 * - a {@link TableSchema}: the stable ASCII table name (`tblOptions`) and its columns (key and
 *   zh/en column name). Other sheets build their structured references from the schema
 *   (`whole(TBL_OPTIONS, "id", lang)` → `tblOptions[方案编号]`), never from cell positions;
 * - per column ({@link Column}): input / computed / lookup, the band text above the header (unit,
 *   symbol, rule), number format, width, validation (list or number), the calculated-column formula
 *   in structured references, and the value: the case's input, or core's result cached in the
 *   formula cell;
 * - per sheet ({@link TableSheetDef}): title with the standard's number, note, an optional summary
 *   block ABOVE the tables (totals and counts over whole table columns), the tables side by side.
 *
 * {@link layoutTableSheet} turns that into a SheetModel: header block (rows 0–3), summary, a band
 * row and the header row of each table, the data rows (the case's rows plus empty ones), and
 * nothing below a table, so a row the user types under it (Excel extends the table) is counted by
 * every total, count, rank and lookup. Helper columns are hidden, never printed.
 */
import { a1, rect } from "./a1";
import type { WorksheetDefinition } from "./definition";
import { displayWidth, LISTS, tr, type L, type ListId } from "./i18n";
import { finishSheet, headerBlock, SheetBuilder, SPARE_ROWS, str, t, TABLE_TOP, TEMPLATE_ROWS, type BuildContext, type BuiltKey } from "./layout";
import { termTitle } from "./terminology";
import type { CellValue, NamedRangeModel, SheetModel, StyleToken, TableColumnModel } from "./model";
import type { SheetReadBack, TableReadBack } from "./read-back";

/** A table's stable name and its columns' names in both languages (docs/MODEL.md lists them). */
export interface TableSchema<K extends string = string> {
  /** ASCII, starts with "tbl"; part of the file format: never renamed once shipped. */
  name: string;
  columns: Readonly<Record<K, L>>;
}

/** Characters that must be escaped with `'` inside a structured reference's column name. */
const ESCAPE = /[[\]#']/g;

/** A column name as it appears inside a structured reference: `'` before `[ ] # '`. */
export function escapeColumn(name: string): string {
  return name.replace(ESCAPE, "'$&");
}

/** The column's name (header text) in `lang`. */
export function columnName<K extends string>(schema: TableSchema<K>, key: K, lang: BuildContext["lang"]): string {
  return tr(lang, schema.columns[key]);
}

/** Whole data column of a table: `tblOptions[方案编号]`, or `tblOptions[[Option ID]]` when the name has other characters. */
export function whole<K extends string>(schema: TableSchema<K>, key: K, lang: BuildContext["lang"]): string {
  const name = columnName(schema, key, lang);
  const simple = /^[\p{L}\p{N}_]+$/u.test(name);
  return simple ? `${schema.name}[${name}]` : `${schema.name}[[${escapeColumn(name)}]]`;
}

/** The same row's cell of a column: `tblOptions[[#This Row],[预计投资]]` (the canonical form LibreOffice reads). */
export function thisRow<K extends string>(schema: TableSchema<K>, key: K, lang: BuildContext["lang"]): string {
  return `${schema.name}[[#This Row],[${escapeColumn(columnName(schema, key, lang))}]]`;
}

/** The same row's cells from column `from` to column `to`: `tblFocus[[#This Row],[废弃物量]:[车间积极性]]`. */
export function thisRowSpan<K extends string>(schema: TableSchema<K>, from: K, to: K, lang: BuildContext["lang"]): string {
  return `${schema.name}[[#This Row],[${escapeColumn(columnName(schema, from, lang))}]:[${escapeColumn(columnName(schema, to, lang))}]]`;
}

/** What a column is: typed by the user, computed on this sheet, or linked from another table. */
export type ColumnRole = "input" | "computed" | "lookup";

/** Validation of a column's data cells. */
export type ColumnValidation =
  | { list: ListId }
  /** a list from a defined name over a table column (`CP_OptionIds`) */
  | { listName: string; error: L }
  | { number: { min?: number; max?: number; whole?: boolean; error: L } };

/** Formula helpers handed to a column's formula: references in the workbook's language. */
export interface Refs<K extends string> {
  lang: BuildContext["lang"];
  ctx: BuildContext;
  /** this row's cell of column `key` of this table */
  r(key: K): string;
  /** this row's cells from `from` to `to` */
  span(from: K, to: K): string;
  /** the whole column `key` of this table */
  all(key: K): string;
  /** a text of the workbook's language as a formula string literal */
  s(label: L): string;
  /** the text of a label */
  t(label: L): string;
  /** absolute A1 reference of this table's header cell of `key` (ROW() arithmetic; `[#Headers]` is not read by LibreOffice 7.4) */
  headerCell(key: K): string;
  /** absolute A1 reference of this table's band cell of `key` (the focus table's weights) */
  bandCell(key: K): string;
}

/** One column of a table worksheet. */
export interface Column<R, K extends string> {
  key: K;
  role: ColumnRole;
  /** Band text above the header: unit, symbol or rule ("万元", "D = I/Y"); several lines allowed. */
  band?: L;
  /**
   * An input cell in the band row instead of a text (the focus table's weight W of a factor
   * column): its value and number format; the cell is styled "input".
   */
  bandInput?: (ctx: BuildContext) => { value: CellValue | undefined; format?: string };
  /** Excel number format. */
  format?: string;
  /** Minimum width in characters (the header and band texts widen it further). */
  width?: number;
  /**
   * Characters the column's numbers take at most, where they are known to be short (non-negative
   * figures of a few digits): replaces the format's default room for −99 999.99, and the header
   * name wraps at this width. Default: from the format.
   */
  numberWidth?: number;
  /** A helper column: hidden, so it never prints (rank keys, start values). */
  hidden?: boolean;
  validation?: ColumnValidation;
  /** Style token of the data cells; default from the role (input / computed / lookup). */
  style?: StyleToken;
  /** The calculated-column formula (computed and lookup columns), structured references, no "=". */
  formula?: (x: Refs<K>) => string;
  /**
   * The cell's content for data row `k` (`row` undefined for the empty rows below the case's):
   * an input's value, or the cached result of the formula (core's value). Default null.
   */
  value?: (row: R | undefined, k: number, ctx: BuildContext) => CellValue | undefined;
}

/** One table of a worksheet. */
export interface TableDef<R, K extends string> {
  schema: TableSchema<K>;
  columns: readonly Column<R, K>[];
  /** The case's rows (none for the blank template). */
  rows(ctx: BuildContext): readonly R[];
  /** Data rows to lay out; default: the case's rows + {@link SPARE_ROWS} (the template: {@link TEMPLATE_ROWS}). */
  rowCount?(ctx: BuildContext): number;
  /** Conditional formats etc. on this table once laid out (`g` gives its geometry). */
  decorate?(b: SheetBuilder, ctx: BuildContext, g: TableGeometry<K>): void;
  /** How the reader puts this table's rows back into the case file (src/worksheets/read-back.ts). */
  readBack?: TableReadBack<K>;
}

/** Keeps a table definition's row and key types (so `decorate` sees `g.col.verdict` as a number). */
export function defineTable<R, K extends string>(def: TableDef<R, K>): TableDef<R, K> {
  return def;
}

/** Where a table landed on the sheet (0-based). */
export interface TableGeometry<K extends string> {
  headerRow: number;
  firstRow: number;
  lastRow: number;
  /** column index of each key */
  col: Record<K, number>;
  left: number;
  right: number;
}

/** A worksheet made of a summary block and tables side by side. */
export interface TableSheetDef {
  key: BuiltKey;
  /** the standard's worksheet number shown in the title ("5-3" → 表5-3 / Table 5-3); none for support sheets */
  number?: string;
  sheetName: L;
  title: L;
  dependsOn: readonly BuiltKey[];
  note: L;
  /**
   * The tables, side by side; a function of the context where the columns depend on the case (the
   * focus table has one column per factor).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each table has its own row and key types (an existential: TableDef<unknown, string> would not accept them)
  tables: readonly TableDef<any, any>[] | ((ctx: BuildContext) => readonly TableDef<any, any>[]);
  /**
   * Writes the summary block from row `top` (totals, counts, conclusions over whole table columns)
   * and returns the first row after it. Nothing is ever written below a table.
   */
  summary?(b: SheetBuilder, ctx: BuildContext, top: number): number;
  /** Columns frozen at the left (id and name). */
  freezeCols: number;
  orientation: "portrait" | "landscape";
  /** Defined names over whole table columns (dropdown sources); a function value, handed on as is. */
  names?: (ctx: BuildContext) => NamedRangeModel[];
  /** Columns the header block may use at most (default: the first table's width). */
  enterpriseEnd?: number;
  /** What the reader takes from the sheet besides its tables (named cells); see read-back.ts. */
  readBack?: SheetReadBack;
}

/** The sheet title with the standard's number: 表5-3 方案经济评估指标汇总表 / Table 5-3 Economic … */
export function numberedTitle(ctx: BuildContext, number: string | undefined, title: L): string {
  const text = termTitle(ctx.lang, t(ctx, title), ctx.terminology);
  if (!number) return text;
  return ctx.lang === "zh-CN" ? `表${number} ${text}` : `Table ${number} ${text}`;
}

/** Data rows a table gets: the case's rows plus spare empty rows (the template: {@link TEMPLATE_ROWS}). */
export function defaultRowCount(ctx: BuildContext, n: number): number {
  return ctx.auditCase === null ? TEMPLATE_ROWS : n + SPARE_ROWS;
}

/** The list source of a list id on the lists sheet: the defined name over its table column. */
export function listName(id: ListId): string {
  return `CP_List_${id}`;
}

/**
 * Width (characters of the default font's "0") a number format needs: money up to −99 999.99,
 * rates up to −100.00 % or 999.99 %, years up to 999.99, ranks; with the room a wider substitute
 * font needs (Noto Sans CJK's digits are about 15 % wider than Calibri's/Carlito's, and LibreOffice
 * or WPS use it where 等线 is missing), so that no printed number shows ###.
 */
function numericWidth(format: string | undefined): number {
  if (format === undefined || format === "@" || format === "General") return format === "General" ? 10 : 0;
  if (format.includes("%")) return 9;
  if (format === "0") return 5;
  return 10;
}

/** Width (characters) of the empty column between two tables side by side. */
const TABLE_GAP_WIDTH = 3;

/** Widest a column grows to show its header name on one line; longer names wrap in the header cell. */
const HEADER_CAP_NUMERIC = 10;
const HEADER_CAP_TEXT = 16;

/**
 * Lays out a table worksheet: header block, summary, band + header rows, data rows of each table
 * side by side (one empty column between tables), validations, hidden helpers, freeze and print.
 */
export function layoutTableSheet(def: TableSheetDef, ctx: BuildContext): SheetModel {
  const b = new SheetBuilder(def.key, ctx.names[def.key], numberedTitle(ctx, def.number, def.title));
  const tables = typeof def.tables === "function" ? def.tables(ctx) : def.tables;
  // columns of every table, side by side
  const lefts: number[] = [];
  let next = 0;
  for (const tdef of tables) {
    lefts.push(next);
    next += tdef.columns.length + 1;
  }
  const lastCol = next - 2;
  // printed width: every column that is not hidden
  const hidden = new Set(tables.flatMap((tdef, ti) => tdef.columns.flatMap((c, i) => (c.hidden ? [lefts[ti]! + i] : []))));
  headerBlock(b, ctx, lastCol, t(ctx, def.note), false, def.enterpriseEnd ?? 3, hidden);
  let top = TABLE_TOP;
  if (def.summary) top = def.summary(b, ctx, top) + 1;
  const bandRow = top;
  const headerRow = top + 1;
  const firstRow = top + 2;
  tables.forEach((tdef, ti) => layoutTable(b, ctx, tdef, lefts[ti]!, bandRow, headerRow, firstRow));
  // the empty column between two tables is a narrow gap (unless the summary above needs it wider)
  for (const left of lefts.slice(1)) b.minWidth(left - 1, TABLE_GAP_WIDTH);
  // hidden helper columns stay off the paper; everything else prints (no fixed print area: rows the
  // user adds are printed too)
  const model = finishSheet(b, ctx, { headerLast: headerRow, freezeCols: def.freezeCols, orientation: def.orientation, repeatFirst: bandRow });
  return model;
}

function layoutTable<R, K extends string>(b: SheetBuilder, ctx: BuildContext, tdef: TableDef<R, K>, left: number, bandRow: number, headerRow: number, firstRow: number): void {
  const lang = ctx.lang;
  const schema = tdef.schema;
  const rows = tdef.rows(ctx);
  const n = Math.max(1, tdef.rowCount ? tdef.rowCount(ctx) : defaultRowCount(ctx, rows.length));
  const lastRow = firstRow + n - 1;
  const col = {} as Record<K, number>;
  tdef.columns.forEach((c, i) => (col[c.key] = left + i));
  const names = new Set<string>();
  for (const c of tdef.columns) {
    const name = columnName(schema, c.key, lang);
    if (name.includes("\n") || name.trim() !== name || name === "") throw new Error(`${schema.name}.${c.key}: a column name is one line without edge spaces ("${name}")`);
    if (names.has(name.toUpperCase())) throw new Error(`${schema.name}: column name "${name}" is used twice`);
    names.add(name.toUpperCase());
  }
  const refs: Refs<K> = {
    lang,
    ctx,
    r: (k) => thisRow(schema, k, lang),
    span: (a, z) => thisRowSpan(schema, a, z, lang),
    all: (k) => whole(schema, k, lang),
    s: (label) => str(tr(lang, label)),
    t: (label) => tr(lang, label),
    headerCell: (k) => a1(headerRow, col[k], true),
    bandCell: (k) => a1(bandRow, col[k], true),
  };
  const tableColumns: TableColumnModel[] = [];
  for (const c of tdef.columns) {
    const x = col[c.key];
    const name = columnName(schema, c.key, lang);
    const formula = c.formula ? c.formula(refs) : undefined;
    tableColumns.push(formula !== undefined ? { name, formula } : { name });
    if (c.bandInput) {
      const bi = c.bandInput(ctx);
      b.input(bandRow, x, bi.value ?? null, bi.format);
    } else if (c.band) b.set(bandRow, x, { value: tr(lang, c.band), style: "header" });
    else b.set(bandRow, x, { style: "header" });
    b.set(headerRow, x, { value: name, style: "header" });
    // widths: numbers without ###, the header name on one line where it is short (else it wraps
    // in the header cell, whose row the layout makes tall enough); band texts wrap likewise
    const numeric = c.numberWidth ?? numericWidth(c.format);
    const cap = c.numberWidth ?? (numeric > 0 ? Math.max(numeric, HEADER_CAP_NUMERIC) : Math.max(c.width ?? 0, HEADER_CAP_TEXT));
    // a wrapped name breaks between words, never inside one ("Depreciation D", not "Depreciatio / n D")
    const longestWord = Math.max(0, ...name.split(/\s+/).filter((w) => !/[\u2e80-\uffff]/.test(w)).map((w) => displayWidth(w) + 2));
    // a short name (≤ 9 characters of display width) stays on one line even in a narrow number column
    const shortName = c.numberWidth !== undefined && displayWidth(name) <= 9 ? displayWidth(name) + 1 : 0;
    b.minWidth(x, Math.max(c.width ?? 0, numeric, Math.min(cap, displayWidth(name) + 1), shortName, Math.min(longestWord, 16)));
    if (c.hidden) b.hiddenColumns.push(x);
    const style: StyleToken = c.style ?? c.role;
    for (let k = 0; k < n; k++) {
      const r = firstRow + k;
      const row = rows[k];
      const v = c.value ? c.value(row, k, ctx) : undefined;
      if (formula === undefined) {
        if (c.role !== "input") throw new Error(`${schema.name}.${c.key}: a ${c.role} column needs a formula`);
        b.input(r, x, v ?? null, c.format);
        const cell = b.get(r, x)!;
        if (style !== "input") cell.style = style;
      } else {
        b.formula(r, x, formula, v === undefined ? null : v, style, c.format);
      }
    }
    const range = rect(firstRow, x, lastRow, x);
    const v = c.validation;
    if (v && "list" in v) b.listValidationByName(range, listName(v.list), listError(ctx, v.list));
    else if (v && "listName" in v) b.listValidationByName(range, v.listName, tr(lang, v.error));
    else if (v && "number" in v) b.numberValidation(range, v.number.whole ? "whole" : "decimal", v.number.min, v.number.max, tr(lang, v.number.error));
  }
  b.tables.push({ name: schema.name, ref: rect(headerRow, left, lastRow, left + tdef.columns.length - 1), columns: tableColumns });
  tdef.decorate?.(b, ctx, { headerRow, firstRow, lastRow, col, left, right: left + tdef.columns.length - 1 });
}

function listError(ctx: BuildContext, id: ListId): string {
  const lst = LISTS.find((x) => x.id === id)!;
  return ctx.lang === "zh-CN" ? `请从下拉列表选择${lst.header.zh}` : `Choose a ${lst.header.en.toLowerCase()} from the list`;
}

/** A {@link TableSheetDef} as a {@link WorksheetDefinition} (what buildWorkbook runs). */
export function tableWorksheet(def: TableSheetDef): WorksheetDefinition {
  const wd: WorksheetDefinition = {
    key: def.key,
    sheetName: def.sheetName,
    title: def.title,
    dependsOn: def.dependsOn,
    build: (ctx) => layoutTableSheet(def, ctx),
  };
  if (def.names) wd.names = def.names;
  if (def.readBack) wd.readBack = def.readBack;
  wd.tables = (ctx) => (typeof def.tables === "function" ? def.tables(ctx) : def.tables);
  return wd;
}
