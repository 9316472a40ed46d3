/**
 * writers/office: renders a WorkbookModel into the open workbook through the Excel JavaScript API.
 *
 * Habits (engineering guide §6):
 * - everything of a worksheet is queued as whole 2-D blocks (`getRangeByIndexes` of the exact
 *   shape: `numberFormat` first, then `formulas`); no sync inside a loop over cells, rows,
 *   formats, tables or names.
 * - `application.suspendApiCalculationUntilNextSync()` opens every write batch.
 * - formulas are written through `range.formulas` as "=" + the model's invariant English formula.
 * - a string that Excel would turn into a formula, number, date or boolean is written into a cell
 *   formatted "@" first, so it stays text; the model's number format is set back afterwards (a
 *   format change does not re-read a cell's content).
 * - non-destructive: each sheet name is looked up with `worksheets.getItemOrNullObject` before
 *   anything is written; a sheet that exists is never touched unless it carries this add-in's
 *   template marker for the same key AND the caller asked to refresh that key. Otherwise a
 *   `SheetConflictError` is thrown before the first write, carrying the names already taken so
 *   the caller can rebuild the model with free names (…(2)).
 *
 * Tables (engineering guide §1b): each model table is created after its sheet's data with
 * `sheet.tables.add("'<sheet>'!<range>", true)` (the header row holds the model's column names;
 * the address names the sheet because the TableCollection.add reference says an address without
 * one means the ACTIVE sheet), then `table.name`, style "TableStyleLight1" without banded rows or
 * columns and without filter buttons (the same table style the xlsx writer declares, so the
 * input/computed/lookup fills of the style tokens stay visible). A calculated column is written as
 * ONE formula over the column's data body (every row the same formula), which Excel turns into a
 * calculated column (the "Add a column that contains formulas" sample of "Work with tables").
 * Structured references only resolve once their table exists, so the order matters:
 * - phase A of a sheet: its content without the formulas that refer to a table or to a
 *   table-backed defined name, its tables, formats, widths, hidden columns, row heights, print;
 * - a defined name with a formula (`CP_OptionIds` → `tblOptions[方案编号]`) is added as soon as
 *   every table it refers to exists;
 * - phase B of a sheet: calculated columns, the formulas left out of phase A (summary blocks
 *   over whole columns), validations, conditional formats, protection; queued as soon as every
 *   table and name it refers to exists. Sheets are taken in model order, a sheet whose tables
 *   are needed by a ready sheet first (the hidden lists sheet before the sheets whose dropdowns
 *   use it); sheets that refer to each other (economics ↔ per-year cash flows) get their phase B
 *   in the batch that completes the pair.
 *
 * Sync budget (no sync in a loop over cells, rows, formats, tables or names):
 * - probe 1, always: sheet names, defined names, table names;
 * - probe 2, only when a model sheet name or table name already exists: markers, protection,
 *   the content above the tables, and each existing table's sheet, header values and extent;
 * - one sync per sheet written (its phase A and the phase B's that became ready), and one more
 *   per block when a sheet's queued requests would exceed `maxRequestBytes` (default 2 MB;
 *   Excel on the web refuses requests over 5 MB): a very large sheet is written in several
 *   syncs, each request estimated from its payload (the JSON of the values written, in UTF-8).
 * For the demo workbook (power-plant case, all 9 sheets, a new workbook): 1 + 9 = 10 syncs;
 * refreshing all of them: 2 + 9 = 11.
 *
 * "Refresh, keep my entries" works per table: the user's rows are the user's (also rows inserted
 * inside a table or typed below it: the table may be longer or shorter than the model's). Only
 * the header names, the calculated columns (over the table's CURRENT data body), and the
 * template's cells outside tables (title, summary blocks; an input cell there is kept when not
 * blank) are rewritten; validations and conditional formats of table columns are set again over
 * the current data body. Before anything is written the existing tables are checked against the
 * model; a table that is missing, renamed, on another sheet, moved, or whose header names differ
 * makes the whole render refuse with a `TableLayoutError` (nothing written).
 *
 * Protection only where the model asks for it (`protect`; the pane's hand-over switch): input
 * cells unlocked, then `protection.protect`. A refreshed sheet found protected is unprotected to
 * be written and protected again only when the model says so (reported in `unprotected`).
 *
 * Not verified against a real Excel (no Excel on the machine this was written on; checked
 * against test/fakes/excel-fake.ts, which follows the documentation): that a structured
 * reference to a table that does not exist yet is refused (assumed, hence the phases); that
 * `NamedItemCollection.add` accepts a structured-reference formula (documented as "the formula
 * or the range"); that data validation and conditional formats extended by Excel to rows the
 * user adds keep working after refresh re-applies them over the current data body; the Excel
 * error code for a table name that is taken; the exact size accounting of the 5 MB limit.
 *
 * Imports only the model types and Office.js types (no ExcelJS, no Node).
 */
import type { CellModel, CellValue, Lang, NamedRangeModel, RangeRef, SheetModel, TableModel, ValidationModel, WorkbookModel } from "../../worksheets/model";
import { a1, quoteSheet, rangeA1 } from "../../worksheets/a1";
import { identifiers, jsonBytes, needsTextFormat, rectanglesBy, sheetBlock, tablesReferenced, toRectangles, utf8Bytes } from "./cells";
import { footerSections } from "../../worksheets/print-footer";
import { BORDER_COLOR, BORDER_EDGES, CONDITIONAL_FORMATS, TOKEN_FORMATS, columnWidthPoints } from "./styles";

/**
 * Name of the worksheet-scoped defined name that marks a sheet written by this add-in. Its formula
 * is the template key as a text constant, e.g. `="WS2-11"`. A named item travels with the file
 * (also through .xlsx) and follows a renamed sheet.
 */
export const TEMPLATE_MARKER = "CP_TEMPLATE";

/** Formula of the template marker of `key`: `="WS2-11"` (quotes doubled inside). */
export function markerFormula(key: string): string {
  return `="${key.replace(/"/g, '""')}"`;
}

/** Reads a template key back from a marker formula; null when it is not one. */
export function parseMarkerFormula(formula: unknown): string | null {
  if (typeof formula !== "string") return null;
  const m = /^="((?:[^"]|"")*)"$/.exec(formula.trim());
  return m ? m[1]!.replace(/""/g, '"') : null;
}

/**
 * How a sheet is protected when the model asks for it (no password): input cells unlocked; the
 * user may still resize, insert and delete rows, sort and filter. Tables cannot grow on a
 * protected sheet whatever these options say.
 */
export const PROTECTION_OPTIONS: Excel.WorksheetProtectionOptions = {
  allowFormatCells: false,
  allowFormatColumns: true,
  allowFormatRows: true,
  allowInsertRows: true,
  allowDeleteRows: true,
  allowSort: true,
  allowAutoFilter: true,
};

/** Table style of every generated table: light, no banding, so the style tokens' fills show. */
export const TABLE_STYLE = "TableStyleLight1";

/** Default largest estimated request per sync (bytes); Excel on the web refuses requests over 5 MB. */
export const DEFAULT_MAX_REQUEST_BYTES = 2_000_000;

/** Estimated bytes of one small queued call (object path, property, a short argument). */
const SMALL_OP_BYTES = 400;

/** A model sheet whose name is already used in the workbook. */
export interface SheetConflict {
  /** Model key of the sheet we wanted to write ("WS2-11"). */
  key: string;
  /** The sheet name that is taken. */
  name: string;
  /** Template key found in the existing sheet's marker; null when the sheet is not ours. */
  existingTemplateKey: string | null;
  /** True when the existing sheet was written by this add-in for the same key (refreshable). */
  refreshable: boolean;
}

/**
 * Thrown by `renderWorkbook` BEFORE anything is written when a sheet name of the model already
 * exists and may not be refreshed. `takenSheetNames` lists every sheet name of the workbook, so
 * the caller can rebuild the model with `buildWorkbook(..., { takenSheetNames })` (free names …(2)).
 */
export class SheetConflictError extends Error {
  readonly conflicts: readonly SheetConflict[];
  readonly takenSheetNames: readonly string[];
  /** Syncs made (probing) before the conflict was found. */
  readonly probeSyncs: number;
  constructor(conflicts: readonly SheetConflict[], takenSheetNames: readonly string[], probeSyncs = 0) {
    super(
      `The workbook already has ${conflicts.length === 1 ? "a sheet" : "sheets"} named ` +
        conflicts.map((c) => `'${c.name}'`).join(", ") +
        "; nothing was written.",
    );
    this.name = "SheetConflictError";
    this.conflicts = conflicts;
    this.takenSheetNames = takenSheetNames;
    this.probeSyncs = probeSyncs;
  }
}

/** Why a sheet's tables do not match the model (refresh) or a table name is taken (new sheet). */
export type TableProblem =
  /** the refreshed sheet has no table of that name (renamed, converted to a range or deleted) */
  | { kind: "missing"; sheet: string; table: string }
  /** the table exists, but on another sheet */
  | { kind: "elsewhere"; sheet: string; table: string; actualSheet: string }
  /** the header row no longer starts where the model's does (rows or columns inserted above or left) */
  | { kind: "moved"; sheet: string; table: string; expected: string; actual: string }
  /** the header names differ from the model's column names */
  | { kind: "columns"; sheet: string; table: string; expected: readonly string[]; actual: readonly string[] }
  /** a new sheet's table name is already used by a table of the workbook */
  | { kind: "taken"; sheet: string; table: string; actualSheet: string };

function describeProblem(p: TableProblem): string {
  switch (p.kind) {
    case "missing":
      return `table ${p.table} is missing on '${p.sheet}' (renamed, converted to a range or deleted)`;
    case "elsewhere":
      return `table ${p.table} of '${p.sheet}' is on '${p.actualSheet}'`;
    case "moved":
      return `table ${p.table} on '${p.sheet}' starts at ${p.actual} instead of ${p.expected}`;
    case "columns":
      return `the header of table ${p.table} on '${p.sheet}' is ${p.actual.join(" | ")} instead of ${p.expected.join(" | ")}`;
    case "taken":
      return `a table named ${p.table} already exists on '${p.actualSheet}'`;
  }
}

/**
 * Thrown by `renderWorkbook` BEFORE anything is written when the tables of a sheet to refresh no
 * longer match the model, or a new sheet's table name is taken.
 */
export class TableLayoutError extends Error {
  readonly problems: readonly TableProblem[];
  /** Syncs made (probing) before the problems were found. */
  readonly probeSyncs: number;
  constructor(problems: readonly TableProblem[], probeSyncs = 0) {
    super(`The worksheet layout does not match the template: ${problems.map(describeProblem).join("; ")}. Nothing was written.`);
    this.name = "TableLayoutError";
    this.problems = problems;
    this.probeSyncs = probeSyncs;
  }
}

/** A sync failed while writing; `written` lists the sheets completely written before it. */
export class OfficeWriteError extends Error {
  readonly sheet: string | null;
  readonly written: readonly string[];
  override readonly cause: unknown;
  constructor(sheet: string | null, written: readonly string[], cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(sheet ? `Writing sheet '${sheet}' failed: ${why}` : `Writing to the workbook failed: ${why}`);
    this.name = "OfficeWriteError";
    this.sheet = sheet;
    this.written = written;
    this.cause = cause;
  }
}

export interface RenderProgress {
  /** Sheets written so far. */
  done: number;
  /** Sheets to write. */
  total: number;
  /** Sheet just written. */
  sheet: string;
}

export interface RenderOptions {
  /**
   * Model keys whose existing sheet (same name, marker of the same key) may be refreshed in place.
   * Default: none, i.e. every existing name is a conflict.
   */
  refreshKeys?: readonly string[];
  /**
   * Model keys whose existing sheet of ours (marker of the same key) is left exactly as it is:
   * not written at all; the other sheets still refer to it by name (e.g. the parameters sheet or
   * the options register when only the economics sheet is inserted). Default: none.
   */
  keepKeys?: readonly string[];
  /**
   * Keys whose input cells OUTSIDE tables take the model's values even on refresh (e.g. "PARAMS"
   * when the user saves new parameters from the task pane). Table rows are always the user's.
   */
  overwriteInputKeys?: readonly string[];
  /** Called when a sheet is completely written. */
  onProgress?: (p: RenderProgress) => void;
  /** Activate the first visible sheet written (default true). */
  activate?: boolean;
  /** Largest 2-D block written in one assignment (cells); default 20 000. */
  maxCellsPerBlock?: number;
  /**
   * Largest estimated request per sync in bytes (default {@link DEFAULT_MAX_REQUEST_BYTES}): a
   * sheet whose writes would exceed it is sent in several syncs, one per block.
   */
  maxRequestBytes?: number;
  /** Set print orientation, title rows and footer (ExcelApi 1.9). Default true. */
  pageLayout?: boolean;
}

export interface RenderResult {
  /** Sheets added, in model order. */
  created: string[];
  /** Existing sheets refreshed in place (user input kept). */
  refreshed: string[];
  /** Existing sheets of ours left untouched (`keepKeys`). */
  kept: string[];
  /** Refreshed sheets that were protected and are not any more (the model does not ask for protection). */
  unprotected: string[];
  /** Defined names added (or re-added because the old one was broken: #REF!). */
  namesAdded: string[];
  /** Defined names that already existed and were left as they were. */
  namesKept: string[];
  /** Number of `context.sync()` calls made. */
  syncs: number;
}

interface SheetPlan {
  model: SheetModel;
  existing: boolean;
  /**
   * An existing sheet of ours for this key that was never written: added with its marker by an
   * insert interrupted before its content (InactiveWorkbook), no table of the model and nothing in
   * its block (every sheet of ours has at least its title there). Written as a new sheet into the
   * existing one (`existing` is false then), also when kept: other sheets need its tables.
   */
  placeholder?: Excel.Worksheet;
  /** Existing sheet of ours that is not written (keepKeys). */
  keep: boolean;
  /** Existing sheet's formulas over the model's block (refresh only). */
  before?: unknown[][];
  wasProtected: boolean;
  overwriteInputs: boolean;
  /** Refresh: the last data row (0-based) each table of the model has in the workbook now, by upper-case name. */
  tableBottoms: Map<string, number>;
}

type FormulaName = Extract<NamedRangeModel, { formula: string }>;

/**
 * The queue of one `Excel.run` context with its size budget: calls are queued until the next big
 * one would take the estimated request over the budget, then synced.
 */
class Batch {
  syncs = 0;
  /** Sheet being written (for the error report). */
  current: string | null = null;
  readonly written: string[] = [];
  private pending = 0;
  private open = false;
  constructor(
    private readonly context: Excel.RequestContext,
    readonly limit: number,
  ) {}

  /** Opens a write batch: calculation suspended until its sync. */
  private start(): void {
    if (this.open) return;
    this.context.application.suspendApiCalculationUntilNextSync();
    this.open = true;
    this.pending = SMALL_OP_BYTES;
  }

  /** Makes room for a call of about `bytes`: syncs first when the request would exceed the budget. */
  async reserve(bytes: number): Promise<void> {
    this.start();
    if (this.pending > SMALL_OP_BYTES && this.pending + bytes > this.limit) await this.flush();
    this.start();
    this.pending += bytes;
  }

  /** Sends what is queued. */
  async flush(): Promise<void> {
    this.syncs++;
    try {
      await this.context.sync();
    } catch (e) {
      throw new OfficeWriteError(this.current, [...this.written], e);
    } finally {
      this.open = false;
      this.pending = 0;
    }
  }

  /** A read-only probe sync. */
  async probe(): Promise<void> {
    this.syncs++;
    try {
      await this.context.sync();
    } catch (e) {
      throw new OfficeWriteError(null, [], e);
    }
  }
}

/**
 * Writes `book` into the workbook of `context` (one `Excel.run` batch context).
 *
 * Throws `SheetConflictError` or `TableLayoutError` (nothing written) on a taken name that may
 * not be refreshed or a table layout that does not match, and `OfficeWriteError` when a sync
 * fails.
 */
export async function renderWorkbook(
  context: Excel.RequestContext,
  book: WorkbookModel,
  opts: RenderOptions = {},
): Promise<RenderResult> {
  const io = new Batch(context, Math.max(50_000, opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES));
  const refreshKeys = new Set(opts.refreshKeys ?? []);
  const keepKeys = new Set(opts.keepKeys ?? []);
  const overwriteKeys = new Set(opts.overwriteInputKeys ?? []);
  const maxCells = Math.max(1, opts.maxCellsPerBlock ?? 20_000);
  const worksheets = context.workbook.worksheets;

  // ---- probe 1: which names exist (sheets, defined names, tables) -----------------------------
  const lookups = book.sheets.map((s) => {
    const ws = worksheets.getItemOrNullObject(s.name);
    ws.load("name");
    return ws;
  });
  worksheets.load("items/name");
  const names = context.workbook.names;
  names.load("items/name,items/formula");
  const workbookTables = context.workbook.tables;
  workbookTables.load("items/name");
  await io.probe();
  const takenSheetNames = worksheets.items.map((w) => w.name);
  const tableItems = new Map(workbookTables.items.map((t) => [t.name.toUpperCase(), t] as const));

  // ---- probe 2 (only if needed): markers, protection, contents, existing tables ---------------
  const existingIdx = book.sheets.map((_, i) => i).filter((i) => !lookups[i]!.isNullObject);
  const modelTables = book.sheets.flatMap((s) => s.tables.map((t) => ({ sheet: s, table: t })));
  const probes = new Map<number, { marker: Excel.NamedItem; protection: Excel.WorksheetProtection; block: Excel.Range | null }>();
  const tableProbes = new Map<string, { ws: Excel.Worksheet; header: Excel.Range; body: Excel.Range }>();
  if (existingIdx.length > 0 || modelTables.some((mt) => tableItems.has(mt.table.name.toUpperCase()))) {
    for (const i of existingIdx) {
      const ws = lookups[i]!;
      const model = book.sheets[i]!;
      const marker = ws.names.getItemOrNullObject(TEMPLATE_MARKER);
      marker.load("formula");
      const protection = ws.protection;
      protection.load("protected");
      const box = sheetBlock(model);
      const block = box ? ws.getRangeByIndexes(0, 0, box.bottom + 1, box.right + 1) : null;
      block?.load("formulas");
      probes.set(i, { marker, protection, block });
    }
    for (const { table } of modelTables) {
      const item = tableItems.get(table.name.toUpperCase());
      if (!item) continue;
      const ws = item.worksheet;
      ws.load("name");
      const header = item.getHeaderRowRange();
      header.load("values,rowIndex,columnIndex,columnCount");
      const body = item.getDataBodyRange();
      body.load("rowIndex,rowCount");
      tableProbes.set(table.name.toUpperCase(), { ws, header, body });
    }
    await io.probe();
  }

  const conflicts: SheetConflict[] = [];
  const plans: SheetPlan[] = book.sheets.map((model, i) => {
    const p = probes.get(i);
    const base = { model, tableBottoms: new Map<string, number>() };
    if (!p) return { ...base, existing: false, keep: false, wasProtected: false, overwriteInputs: false };
    const found = p.marker.isNullObject ? null : parseMarkerFormula(p.marker.formula);
    const refreshable = found === model.key;
    const keep = refreshable && keepKeys.has(model.key);
    if (!refreshable || !(refreshKeys.has(model.key) || keep)) {
      conflicts.push({ key: model.key, name: model.name, existingTemplateKey: found, refreshable });
    }
    const blank = p.block !== null && (p.block.formulas as unknown[][]).every((row) => row.every(isBlank));
    // (also when kept: a linked sheet the interrupted insert never wrote is needed by the others)
    if (refreshable && blank && model.tables.every((t) => !tableItems.has(t.name.toUpperCase()))) {
      return { ...base, existing: false, placeholder: lookups[i]!, keep: false, wasProtected: p.protection.protected === true, overwriteInputs: false };
    }
    return {
      ...base,
      existing: true,
      keep,
      before: p.block ? (p.block.formulas as unknown[][]) : [],
      wasProtected: p.protection.protected === true,
      overwriteInputs: overwriteKeys.has(model.key),
    };
  });
  if (conflicts.length > 0) throw new SheetConflictError(conflicts, takenSheetNames, io.syncs);

  // ---- the tables of every sheet to write: refresh must match, new names must be free ------------
  const problems: TableProblem[] = [];
  for (const plan of plans) {
    if (plan.keep) continue;
    for (const t of plan.model.tables) {
      const found = tableProbes.get(t.name.toUpperCase());
      const sheet = plan.model.name;
      if (!plan.existing) {
        if (found) problems.push({ kind: "taken", sheet, table: t.name, actualSheet: found.ws.name });
        continue;
      }
      if (!found) {
        problems.push({ kind: "missing", sheet, table: t.name });
        continue;
      }
      if (found.ws.name.toUpperCase() !== sheet.toUpperCase()) {
        problems.push({ kind: "elsewhere", sheet, table: t.name, actualSheet: found.ws.name });
        continue;
      }
      if (found.header.rowIndex !== t.ref.top || found.header.columnIndex !== t.ref.left) {
        problems.push({ kind: "moved", sheet, table: t.name, expected: a1(t.ref.top, t.ref.left), actual: a1(found.header.rowIndex, found.header.columnIndex) });
        continue;
      }
      const actual = (found.header.values[0] ?? []).map((v) => String(v ?? ""));
      const expected = t.columns.map((c) => c.name);
      if (actual.length !== expected.length || actual.some((v, i) => v !== expected[i])) {
        problems.push({ kind: "columns", sheet, table: t.name, expected, actual });
        continue;
      }
      plan.tableBottoms.set(t.name.toUpperCase(), found.body.rowIndex + found.body.rowCount - 1);
    }
  }
  if (problems.length > 0) throw new TableLayoutError(problems, io.syncs);

  // ---- defined names: keep sound existing ones, replace broken (#REF!) ones ----------------
  const existingNames = new Map<string, Excel.NamedItem>();
  for (const item of names.items) existingNames.set(item.name.toLowerCase(), item);
  const namesAdded: string[] = [];
  const namesKept: string[] = [];
  const namesToDelete: Excel.NamedItem[] = [];
  const namesToAdd = book.names.filter((n) => {
    const old = existingNames.get(n.name.toLowerCase());
    if (!old) return true;
    if (typeof old.formula === "string" && old.formula.includes("#REF!")) {
      namesToDelete.push(old);
      return true;
    }
    namesKept.push(n.name);
    return false;
  });

  // Which tables each table-backed name and each sheet needs before its formulas can be written.
  const nameTables = new Map<string, string[]>();
  for (const n of book.names) if ("formula" in n) nameTables.set(n.name.toUpperCase(), tablesReferenced(n.formula));
  const needs = (model: SheetModel): Set<string> => {
    const out = new Set<string>();
    const texts = [
      ...model.cells.map((c) => c.formula ?? ""),
      ...model.conditionalFormats.map((cf) => cf.formula),
      ...model.validations.map((v) => (v.kind === "list" ? v.source : "")),
    ];
    for (const text of texts) {
      if (text === "") continue;
      for (const t of tablesReferenced(text)) out.add(t);
      for (const id of identifiers(text)) for (const t of nameTables.get(id) ?? []) out.add(t);
    }
    return out;
  };
  const available = new Set(tableItems.keys());
  const pendingNames: FormulaName[] = [];

  // ---- write ---------------------------------------------------------------------------------
  const created: string[] = [];
  const refreshed: string[] = [];
  const unprotected: string[] = [];
  const kept = plans.filter((p) => p.keep).map((p) => p.model.name);
  const toWrite = plans.filter((p) => !p.keep);
  const handles = new Map<string, Excel.Worksheet>();
  const lang = book.lang;
  const writer: SheetWriter = {
    io,
    lang,
    maxCells,
    pageLayout: opts.pageLayout ?? true,
    tableRefs: (f) => tablesReferenced(f).length > 0 || identifiers(f).some((id) => nameTables.has(id)),
    tables: new Map(),
  };

  const addReadyNames = async (): Promise<void> => {
    for (let k = 0; k < pendingNames.length; ) {
      const n = pendingNames[k]!;
      if (nameTables.get(n.name.toUpperCase())!.every((t) => available.has(t))) {
        await io.reserve(SMALL_OP_BYTES + utf8Bytes(n.formula));
        names.add(n.name, `=${n.formula}`);
        namesAdded.push(n.name);
        pendingNames.splice(k, 1);
      } else k++;
    }
  };
  const queueStructure = async (): Promise<void> => {
    // Structure first, so that cross-sheet formulas, list sources and names resolve.
    for (let j = 0; j < plans.length; j++) {
      const p = plans[j]!;
      if (p.existing || p.placeholder) {
        handles.set(p.model.name, lookups[j]!);
      } else {
        await io.reserve(2 * SMALL_OP_BYTES);
        const ws = worksheets.add(p.model.name);
        ws.names.add(TEMPLATE_MARKER, markerFormula(p.model.key));
        handles.set(p.model.name, ws);
      }
    }
    for (const old of namesToDelete) {
      await io.reserve(SMALL_OP_BYTES);
      old.delete();
    }
    for (const n of namesToAdd) {
      if ("formula" in n) {
        pendingNames.push(n);
        continue;
      }
      await io.reserve(SMALL_OP_BYTES);
      const ws = handles.get(n.sheet) ?? worksheets.getItem(n.sheet);
      names.add(n.name, rangeOf(ws, n.ref));
      namesAdded.push(n.name);
    }
    await addReadyNames();
  };

  if (toWrite.length === 0) {
    if (namesToAdd.length > 0 || namesToDelete.length > 0) {
      await queueStructure();
      for (const n of pendingNames.splice(0)) {
        names.add(n.name, `=${n.formula}`);
        namesAdded.push(n.name);
      }
      await io.flush();
    }
    return { created, refreshed, kept, unprotected, namesAdded, namesKept, syncs: io.syncs };
  }

  const remaining = [...toWrite];
  const waiting: SheetPlan[] = [];
  const sheetNeeds = new Map(toWrite.map((p) => [p, needs(p.model)] as const));
  const ready = (p: SheetPlan, extra: readonly TableModel[] = []): boolean => {
    const own = new Set(extra.map((t) => t.name.toUpperCase()));
    return [...sheetNeeds.get(p)!].every((t) => available.has(t) || own.has(t));
  };
  let first = true;
  let done = 0;
  while (remaining.length > 0) {
    // model order, but a sheet whose references are all there first (the lists sheet before the
    // sheets whose dropdowns use its tables); a cycle takes the first remaining one
    let idx = remaining.findIndex((p) => ready(p, p.model.tables));
    if (idx < 0) idx = 0;
    const plan = remaining.splice(idx, 1)[0]!;
    io.current = plan.model.name;
    if (first) {
      await queueStructure();
      first = false;
    }
    const ws = handles.get(plan.model.name)!;
    await queueSheetA(writer, ws, plan);
    for (const t of plan.model.tables) available.add(t.name.toUpperCase());
    await addReadyNames();
    waiting.push(plan);
    const completed: SheetPlan[] = [];
    for (let k = 0; k < waiting.length; ) {
      const p = waiting[k]!;
      if (ready(p) || remaining.length === 0) {
        // (with nothing left to write, whatever is still missing is missing for good: Excel reports it)
        io.current = p.model.name;
        await queueSheetB(writer, handles.get(p.model.name)!, p, unprotected);
        completed.push(p);
        waiting.splice(k, 1);
      } else k++;
    }
    if (remaining.length === 0) {
      for (const n of pendingNames.splice(0)) {
        names.add(n.name, `=${n.formula}`);
        namesAdded.push(n.name);
      }
      if (opts.activate ?? true) {
        const firstVisible = toWrite.find((p) => !p.model.hidden);
        if (firstVisible) handles.get(firstVisible.model.name)!.activate();
      }
    }
    await io.flush();
    for (const p of completed) {
      io.written.push(p.model.name);
      (p.existing ? refreshed : created).push(p.model.name);
      done++;
      opts.onProgress?.({ done, total: toWrite.length, sheet: p.model.name });
    }
  }
  const modelOrder = (a: string, b: string) => book.sheets.findIndex((s) => s.name === a) - book.sheets.findIndex((s) => s.name === b);
  return { created: created.sort(modelOrder), refreshed: refreshed.sort(modelOrder), kept, unprotected, namesAdded, namesKept, syncs: io.syncs };
}

/** What the per-sheet queueing needs. */
interface SheetWriter {
  io: Batch;
  lang: Lang;
  maxCells: number;
  pageLayout: boolean;
  /** True when a formula needs a table (structured reference or a table-backed name). */
  tableRefs: (formula: string) => boolean;
  /** Table handles of the sheets written in this context, by upper-case table name. */
  tables: Map<string, Excel.Table>;
}

function rangeOf(ws: Excel.Worksheet, r: RangeRef): Excel.Range {
  return ws.getRangeByIndexes(r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1);
}

function isBlank(x: unknown): boolean {
  return x === null || x === undefined || x === "";
}

/** The model formula without a leading "=". */
function bare(f: string): string {
  return f.startsWith("=") ? f.slice(1) : f;
}

/** What the 2-D `formulas` array receives for a model cell ("=" + formula, or the literal). */
function formulaEntry(cell: CellModel): string | number | boolean {
  if (cell.formula !== undefined) return `=${bare(cell.formula)}`;
  const v: CellValue | undefined = cell.value;
  if (v === null || v === undefined) return "";
  return v;
}

/** The model table whose range (header included) holds the cell, if any. */
function tableAt(model: SheetModel, row: number, col: number): TableModel | undefined {
  return model.tables.find((t) => row >= t.ref.top && row <= t.ref.bottom && col >= t.ref.left && col <= t.ref.right);
}

/** The calculated-column formula of the cell's column when the cell is in a table's data body. */
function calculatedFormula(t: TableModel | undefined, row: number, col: number): string | undefined {
  if (!t || row <= t.ref.top) return undefined;
  return t.columns[col - t.ref.left]?.formula;
}

/** Last data row a table has in the sheet being written: the model's, or the workbook's on refresh. */
function bottomOf(plan: SheetPlan, t: TableModel): number {
  return plan.existing ? (plan.tableBottoms.get(t.name.toUpperCase()) ?? t.ref.bottom) : t.ref.bottom;
}

/**
 * A model range on the sheet being written: ranges inside a table's data body follow the table's
 * rows in the workbook (refresh: a range down to the model's last row goes down to the table's
 * last row now; a range below the table's end is dropped).
 */
function mapRange(plan: SheetPlan, r: RangeRef): RangeRef | null {
  if (!plan.existing) return r;
  for (const t of plan.model.tables) {
    const first = t.ref.top + 1;
    if (r.left >= t.ref.left && r.right <= t.ref.right && r.top >= first && r.bottom <= t.ref.bottom) {
      const end = bottomOf(plan, t);
      const bottom = r.bottom === t.ref.bottom ? end : Math.min(r.bottom, end);
      return r.top > bottom ? null : { ...r, bottom };
    }
  }
  return r;
}

/** True when the cell lies in a table's data body (the rows the user owns on refresh). */
function inTableBody(model: SheetModel, row: number, col: number): boolean {
  const t = tableAt(model, row, col);
  return t !== undefined && row > t.ref.top;
}

/**
 * Writes a sparse 2-D array (null = leave unchanged) at (top, left) in blocks: at most
 * `maxCells` cells and half the request budget per block; each block's request is reserved, so a
 * block that would take the batch over the budget is sent in the next sync.
 */
async function writeBlocks(
  w: SheetWriter,
  ws: Excel.Worksheet,
  top: number,
  left: number,
  formulas: (string | number | boolean | null)[][],
  formats: (string | null)[][] | null,
  restore: (string | null)[][] | null,
): Promise<void> {
  const rows = formulas.length;
  if (rows === 0) return;
  const cols = formulas[0]!.length;
  const rowBytes = formulas.map((r, i) => jsonBytes(r) + (formats ? jsonBytes(formats[i]) : 0) + (restore ? jsonBytes(restore[i]) : 0));
  const hasAny = (block: (string | null)[][]) => block.some((r) => r.some((x) => x !== null));
  const maxRows = Math.max(1, Math.floor(w.maxCells / cols));
  for (let start = 0; start < rows; ) {
    let end = start;
    let bytes = rowBytes[start]!;
    while (end + 1 < rows && end + 1 - start < maxRows && bytes + rowBytes[end + 1]! <= w.io.limit / 2) {
      end++;
      bytes += rowBytes[end]!;
    }
    const h = end - start + 1;
    await w.io.reserve(bytes + 3 * SMALL_OP_BYTES);
    const range = ws.getRangeByIndexes(top + start, left, h, cols);
    const nf = formats?.slice(start, end + 1);
    if (nf && hasAny(nf)) range.numberFormat = nf as string[][];
    range.formulas = formulas.slice(start, end + 1);
    const back = restore?.slice(start, end + 1);
    if (back && hasAny(back)) range.numberFormat = back as string[][];
    start = end + 1;
  }
}

/** Phase A: content without table-dependent formulas, tables, formats, layout, print. */
async function queueSheetA(w: SheetWriter, ws: Excel.Worksheet, plan: SheetPlan): Promise<void> {
  const { model } = plan;
  const io = w.io;
  if ((plan.existing || plan.placeholder) && plan.wasProtected) {
    await io.reserve(SMALL_OP_BYTES);
    ws.protection.unprotect();
  }

  // Values, formulas and number formats: whole 2-D blocks of the exact shape.
  const box = sheetBlock(model);
  if (box) {
    const rows = box.bottom + 1;
    const cols = box.right + 1;
    const grid = <T>() => Array.from({ length: rows }, () => new Array<T | null>(cols).fill(null));
    const formulas = grid<string | number | boolean>();
    const formats = grid<string>();
    // Text cells are written into "@" cells, then their format is set back to the model's (a
    // format change does not re-read the content, so the cell keeps the text; writers/xlsx stores
    // the same cell as a shared string in a General cell).
    const restore = grid<string>();
    let anyText = false;
    for (const cell of model.cells) {
      const t = tableAt(model, cell.row, cell.col);
      // refresh: a table is the user's; its header and calculated columns are rewritten in phase B
      if (plan.existing && t) continue;
      const modelFormat = cell.numberFormat ?? (plan.existing ? "General" : null);
      const colFormula = calculatedFormula(t, cell.row, cell.col);
      if (colFormula !== undefined || (cell.formula !== undefined && w.tableRefs(cell.formula))) {
        // written in phase B (calculated column or a formula that needs a table); format now
        formats[cell.row]![cell.col] = modelFormat;
        continue;
      }
      const keep = plan.existing && !plan.overwriteInputs && cell.style === "input" && !isBlank(plan.before?.[cell.row]?.[cell.col]);
      if (keep) continue;
      const entry = formulaEntry(cell);
      formulas[cell.row]![cell.col] = entry;
      if (cell.formula === undefined && typeof entry === "string" && needsTextFormat(entry)) {
        formats[cell.row]![cell.col] = "@";
        restore[cell.row]![cell.col] = cell.numberFormat ?? "General";
        anyText = true;
      } else {
        formats[cell.row]![cell.col] = modelFormat;
      }
    }
    await writeBlocks(w, ws, 0, 0, formulas, formats, anyText ? restore : null);
  }

  // Tables, over the data just written (the header row holds the column names).
  for (const t of model.tables) {
    await io.reserve(6 * SMALL_OP_BYTES);
    if (plan.existing) {
      w.tables.set(t.name.toUpperCase(), ws.tables.getItem(t.name));
      continue;
    }
    const table = ws.tables.add(`${quoteSheet(model.name)}!${rangeA1(t.ref)}`, true);
    table.name = t.name;
    table.style = TABLE_STYLE;
    table.showBandedRows = false;
    table.showBandedColumns = false;
    table.showFilterButton = false;
    w.tables.set(t.name.toUpperCase(), table);
  }

  // Style tokens → formats, one assignment per rectangle. On refresh the user's table rows keep
  // their formats, except the calculated columns (over the table's current rows).
  const styled = plan.existing
    ? model.cells.filter((c) => !inTableBody(model, c.row, c.col) || calculatedFormula(tableAt(model, c.row, c.col), c.row, c.col) !== undefined)
    : model.cells;
  for (const [token, rects] of rectanglesBy(styled, (c) => c.style)) {
    const f = TOKEN_FORMATS[token];
    for (const raw of rects) {
      const r = mapRange(plan, raw);
      if (!r) continue;
      await io.reserve(12 * SMALL_OP_BYTES);
      const fmt = rangeOf(ws, r).format;
      if (f.fill) fmt.fill.color = f.fill;
      if (f.bold !== undefined) fmt.font.bold = f.bold;
      if (f.italic !== undefined) fmt.font.italic = f.italic;
      if (f.fontColor) fmt.font.color = f.fontColor;
      if (f.fontSize) fmt.font.size = f.fontSize;
      if (f.wrapText !== undefined) fmt.wrapText = f.wrapText;
      if (f.horizontalAlignment) fmt.horizontalAlignment = f.horizontalAlignment;
      if (f.verticalAlignment) fmt.verticalAlignment = f.verticalAlignment;
      if (f.borders) {
        for (const edge of BORDER_EDGES) {
          if (edge === "InsideHorizontal" && r.top === r.bottom) continue;
          if (edge === "InsideVertical" && r.left === r.right) continue;
          const b = fmt.borders.getItem(edge);
          b.style = "Continuous";
          b.color = BORDER_COLOR;
        }
      }
    }
  }

  for (const m of model.merges) {
    await io.reserve(SMALL_OP_BYTES);
    rangeOf(ws, m).merge(false);
  }

  // Column widths: one assignment per run of equal widths.
  const widths = model.columnWidths;
  for (let c = 0; c < widths.length; ) {
    const width = widths[c];
    let end = c;
    while (end + 1 < widths.length && widths[end + 1] === width) end++;
    if (typeof width === "number" && width > 0) {
      await io.reserve(SMALL_OP_BYTES);
      ws.getRangeByIndexes(0, c, 1, end - c + 1).format.columnWidth = columnWidthPoints(width);
    }
    c = end + 1;
  }

  // Hidden helper columns: one assignment per run of adjacent columns.
  const hidden = [...new Set(model.hiddenColumns)].sort((a, b) => a - b);
  for (let k = 0; k < hidden.length; ) {
    let end = k;
    while (end + 1 < hidden.length && hidden[end + 1] === hidden[end]! + 1) end++;
    await io.reserve(SMALL_OP_BYTES);
    ws.getRangeByIndexes(0, hidden[k]!, 1, hidden[end]! - hidden[k]! + 1).getEntireColumn().columnHidden = true;
    k = end + 1;
  }

  // Row heights (points), one assignment per run of adjacent rows of equal height; on refresh not
  // in a table's rows (they are the user's).
  const heights = [...model.rowHeights]
    .filter((h) => !(plan.existing && model.tables.some((t) => h.row > t.ref.top && h.row <= Math.max(t.ref.bottom, bottomOf(plan, t)))))
    .sort((a, b) => a.row - b.row);
  for (let k = 0; k < heights.length; ) {
    let end = k;
    while (end + 1 < heights.length && heights[end + 1]!.row === heights[end]!.row + 1 && heights[end + 1]!.height === heights[k]!.height) end++;
    await io.reserve(SMALL_OP_BYTES);
    ws.getRangeByIndexes(heights[k]!.row, 0, end - k + 1, 1).format.rowHeight = heights[k]!.height;
    k = end + 1;
  }

  // A refresh keeps the user's view: freeze panes and sheet visibility are set on a new sheet only.
  if (!plan.existing && model.freeze && (model.freeze.rows > 0 || model.freeze.cols > 0)) {
    await io.reserve(SMALL_OP_BYTES);
    const { rows, cols } = model.freeze;
    if (cols === 0) ws.freezePanes.freezeRows(rows);
    else if (rows === 0) ws.freezePanes.freezeColumns(cols);
    else ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, rows, cols));
  }

  if (w.pageLayout && model.print) {
    const p = model.print;
    const footer = footerSections(w.lang, p.footer);
    await io.reserve(8 * SMALL_OP_BYTES + utf8Bytes(footer.left + footer.center + footer.right));
    const pl = ws.pageLayout;
    pl.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
    pl.paperSize = "A4";
    pl.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 }; // fit to width, as many pages down as needed
    if (p.repeatRows) pl.setPrintTitleRows(`$${p.repeatRows.first + 1}:$${p.repeatRows.last + 1}`);
    if (p.printArea) pl.setPrintArea(rangeA1(p.printArea, true));
    const f = pl.headersFooters.defaultForAllPages;
    f.leftFooter = footer.left;
    f.centerFooter = footer.center;
    f.rightFooter = footer.right;
  }

  if (!plan.existing && model.hidden) {
    await io.reserve(SMALL_OP_BYTES);
    ws.visibility = "Hidden";
  }
}

/** Phase B: calculated columns, table-dependent formulas, validations, conditional formats, protection. */
async function queueSheetB(w: SheetWriter, ws: Excel.Worksheet, plan: SheetPlan, unprotected: string[]): Promise<void> {
  const { model } = plan;
  const io = w.io;

  for (const t of model.tables) {
    const table = w.tables.get(t.name.toUpperCase())!;
    const rows = bottomOf(plan, t) - t.ref.top;
    if (plan.existing) {
      // the header names (they match the model: checked before anything was written)
      const header = t.columns.map((c) => c.name);
      await io.reserve(jsonBytes(header) + 3 * SMALL_OP_BYTES);
      const headerRange = table.getHeaderRowRange();
      if (header.some(needsTextFormat)) {
        // a name Excel would read as a number (表6-1's months 1…12) is written into "@" cells, as
        // phase A writes text cells, then the format is set back
        headerRange.numberFormat = [header.map(() => "@")];
        headerRange.formulas = [header];
        headerRange.numberFormat = [header.map(() => "General")];
      } else headerRange.values = [header];
    }
    for (let j = 0; j < t.columns.length; j++) {
      const f = t.columns[j]!.formula;
      if (f === undefined || rows < 1) continue;
      const entry = `=${bare(f)}`;
      const rowBytes = utf8Bytes(entry) + 8;
      const body = table.columns.getItemAt(j).getDataBodyRange();
      if (plan.existing) {
        // the column's number format over the current rows (the user's rows included)
        const fmt = model.cells.find((c) => c.col === t.ref.left + j && c.row > t.ref.top)?.numberFormat ?? "General";
        await io.reserve(rows * (utf8Bytes(fmt) + 8) + SMALL_OP_BYTES);
        body.numberFormat = Array.from({ length: rows }, () => [fmt]);
      }
      if (rows * rowBytes <= io.limit / 2) {
        // one formula over the whole data body: Excel makes it a calculated column
        await io.reserve(rows * rowBytes + SMALL_OP_BYTES);
        body.formulas = Array.from({ length: rows }, () => [entry]);
      } else {
        // A column too large for one request is written in row blocks. Whether Excel then still
        // makes it a calculated column is not documented (the xlsx writer stores the column
        // formula in the table part); at 150-byte formulas this needs more than 6,000 rows.
        const per = Math.max(1, Math.floor(io.limit / 2 / rowBytes));
        for (let k = 0; k < rows; k += per) {
          const n = Math.min(per, rows - k);
          await io.reserve(n * rowBytes + SMALL_OP_BYTES);
          ws.getRangeByIndexes(t.ref.top + 1 + k, t.ref.left + j, n, 1).formulas = Array.from({ length: n }, () => [entry]);
        }
      }
    }
  }

  // Formulas that needed a table (summaries over whole columns), and cells of a calculated column
  // whose formula differs from the column's (new sheets only).
  const deferred = model.cells.filter((c) => {
    if (c.formula === undefined) return false;
    const t = tableAt(model, c.row, c.col);
    const colFormula = calculatedFormula(t, c.row, c.col);
    if (colFormula !== undefined) return !plan.existing && bare(c.formula) !== bare(colFormula);
    if (plan.existing && t) return false;
    return w.tableRefs(c.formula);
  });
  if (deferred.length > 0) {
    const top = Math.min(...deferred.map((c) => c.row));
    const left = Math.min(...deferred.map((c) => c.col));
    const bottom = Math.max(...deferred.map((c) => c.row));
    const right = Math.max(...deferred.map((c) => c.col));
    const grid = Array.from({ length: bottom - top + 1 }, () => new Array<string | number | boolean | null>(right - left + 1).fill(null));
    for (const c of deferred) grid[c.row - top]![c.col - left] = formulaEntry(c);
    await writeBlocks(w, ws, top, left, grid, null, null);
  }

  for (const v of model.validations) {
    const r = mapRange(plan, v.range);
    if (!r) continue;
    await io.reserve(6 * SMALL_OP_BYTES + utf8Bytes((v.prompt ?? "") + (v.error ?? "") + (v.kind === "list" ? v.source : "")));
    queueValidation(rangeOf(ws, r), v);
  }

  // Conditional formats: custom formula rules ("=" added here). On refresh the model's ranges are
  // cleared first so that rules do not pile up.
  const cfs = model.conditionalFormats.map((cf) => ({ cf, r: mapRange(plan, cf.range) })).filter((x): x is { cf: (typeof x)["cf"]; r: RangeRef } => x.r !== null);
  if (plan.existing) {
    const seen = new Set<string>();
    for (const { r } of cfs) {
      const k = `${r.top}:${r.left}:${r.bottom}:${r.right}`;
      if (seen.has(k)) continue;
      seen.add(k);
      await io.reserve(SMALL_OP_BYTES);
      rangeOf(ws, r).conditionalFormats.clearAll();
    }
  }
  for (const { cf, r } of cfs) {
    const c = CONDITIONAL_FORMATS[cf.style];
    await io.reserve(5 * SMALL_OP_BYTES + utf8Bytes(cf.formula));
    const fmt = rangeOf(ws, r).conditionalFormats.add("Custom");
    fmt.custom.rule.formula = `=${cf.formula}`;
    fmt.custom.format.fill.color = c.fill;
    fmt.custom.format.font.color = c.fontColor;
    if (c.bold) fmt.custom.format.font.bold = true;
  }

  // Input cells unlocked (so a protection the user or the hand-over switch adds leaves them
  // editable), then protection only when the model asks for it (protect() fails on a protected
  // sheet, hence the unprotect of phase A for a refreshed protected sheet).
  const inputs = model.cells.filter((c) => c.style === "input" && !(plan.existing && inTableBody(model, c.row, c.col)));
  const inputRects = toRectangles(inputs);
  if (plan.existing) {
    // the user's rows of the input columns too
    for (const t of model.tables) {
      t.columns.forEach((col, j) => {
        const isInput = col.formula === undefined && model.cells.some((c) => c.col === t.ref.left + j && c.row > t.ref.top && c.style === "input");
        const end = bottomOf(plan, t);
        if (isInput && end > t.ref.top) inputRects.push({ top: t.ref.top + 1, left: t.ref.left + j, bottom: end, right: t.ref.left + j });
      });
    }
  }
  for (const r of inputRects) {
    await io.reserve(SMALL_OP_BYTES);
    rangeOf(ws, r).format.protection.locked = false;
  }
  if (model.protect) {
    await io.reserve(SMALL_OP_BYTES);
    ws.protection.protect(PROTECTION_OPTIONS);
  } else if (plan.existing && plan.wasProtected) {
    unprotected.push(model.name);
  }
}

function queueValidation(range: Excel.Range, v: ValidationModel): void {
  const dv = range.dataValidation;
  dv.clear();
  if (v.kind === "list") {
    dv.rule = { list: { inCellDropDown: true, source: `=${bare(v.source)}` } };
  } else {
    const basic: Excel.BasicDataValidation =
      v.min !== undefined && v.max !== undefined
        ? { formula1: v.min, formula2: v.max, operator: "Between" }
        : v.min !== undefined
          ? { formula1: v.min, operator: "GreaterThanOrEqualTo" }
          : v.max !== undefined
            ? { formula1: v.max, operator: "LessThanOrEqualTo" }
            : { formula1: -9.99e307, operator: "GreaterThanOrEqualTo" };
    dv.rule = v.kind === "decimal" ? { decimal: basic } : { wholeNumber: basic };
  }
  dv.ignoreBlanks = v.allowBlank;
  if (v.prompt) dv.prompt = { showPrompt: true, message: v.prompt, title: "" };
  if (v.error) dv.errorAlert = { showAlert: true, style: "Stop", message: v.error, title: "" };
}
