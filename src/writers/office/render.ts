/**
 * writers/office: renders a WorkbookModel into the open workbook through the Excel JavaScript API.
 *
 * Habits (engineering guide §6):
 * - everything of one worksheet is queued as whole 2-D blocks (`getRangeByIndexes` of the exact
 *   shape: `numberFormat` first, then `formulas`) and sent with ONE `context.sync()`; the whole
 *   workbook costs 1 probe sync (+1 when a sheet of the same name already exists) + 1 per sheet.
 *   There is no sync inside a loop over cells, rows, formats or names.
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
 * - refresh keeps every user-entered value: an "input" cell of the model that is not blank in the
 *   existing sheet is left as it is (null in the 2-D arrays = "leave unchanged", as documented
 *   for the Excel JavaScript API); cells outside the model are never written.
 *
 * Imports only the model types and Office.js types (no ExcelJS, no Node).
 */
import type { CellModel, CellValue, SheetModel, ValidationModel, WorkbookModel, RangeRef } from "../../worksheets/model";
import { needsTextFormat, rectanglesBy, sheetBlock, toRectangles } from "./cells";
import { BORDER_COLOR, BORDER_EDGES, CONDITIONAL_FORMATS, TOKEN_FORMATS, columnWidthPoints } from "./styles";
import { rangeA1 } from "../../worksheets/a1";

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
 * How generated sheets are protected (no password): input cells unlocked; the user may still
 * resize, insert and delete rows, sort and filter.
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
   * Keys whose input cells take the model's values even on refresh (e.g. "PARAMS" when the user
   * saves new parameters from the task pane). Default: none, user input is kept.
   */
  overwriteInputKeys?: readonly string[];
  /** Called after each sheet's sync. */
  onProgress?: (p: RenderProgress) => void;
  /** Activate the first visible sheet written (default true). */
  activate?: boolean;
  /** Largest 2-D block written in one assignment (cells); default 20 000 (Excel on the web refuses requests over 5 MB). */
  maxCellsPerBlock?: number;
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
  /** Existing sheet of ours that is not written (keepKeys). */
  keep: boolean;
  /** Existing sheet's formulas over the model's block (refresh only). */
  before?: unknown[][];
  wasProtected: boolean;
  overwriteInputs: boolean;
}

/**
 * Writes `book` into the workbook of `context` (one `Excel.run` batch context).
 *
 * Syncs: 1 (probe) + 1 when any model sheet name already exists + 1 per sheet written. Throws
 * `SheetConflictError` (nothing written) on a taken name that may not be refreshed, and
 * `OfficeWriteError` when a sync fails.
 */
export async function renderWorkbook(
  context: Excel.RequestContext,
  book: WorkbookModel,
  opts: RenderOptions = {},
): Promise<RenderResult> {
  let syncs = 0;
  const sync = async (): Promise<void> => {
    syncs++;
    await context.sync();
  };
  const refreshKeys = new Set(opts.refreshKeys ?? []);
  const keepKeys = new Set(opts.keepKeys ?? []);
  const overwriteKeys = new Set(opts.overwriteInputKeys ?? []);
  const maxCells = Math.max(1, opts.maxCellsPerBlock ?? 20_000);
  const worksheets = context.workbook.worksheets;

  // ---- probe 1: which names exist (sheets and defined names) -------------------------------
  const lookups = book.sheets.map((s) => {
    const ws = worksheets.getItemOrNullObject(s.name);
    ws.load("name");
    return ws;
  });
  worksheets.load("items/name");
  const names = context.workbook.names;
  names.load("items/name,items/formula");
  try {
    await sync();
  } catch (e) {
    throw new OfficeWriteError(null, [], e);
  }
  const takenSheetNames = worksheets.items.map((w) => w.name);

  // ---- probe 2 (only if needed): markers, protection and contents of existing sheets --------
  const existingIdx = book.sheets.map((_, i) => i).filter((i) => !lookups[i]!.isNullObject);
  const probes = new Map<
    number,
    { marker: Excel.NamedItem; protection: Excel.WorksheetProtection; block: Excel.Range | null }
  >();
  if (existingIdx.length > 0) {
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
    try {
      await sync();
    } catch (e) {
      throw new OfficeWriteError(null, [], e);
    }
  }

  const conflicts: SheetConflict[] = [];
  const plans: SheetPlan[] = book.sheets.map((model, i) => {
    const p = probes.get(i);
    if (!p) return { model, existing: false, keep: false, wasProtected: false, overwriteInputs: false };
    const found = p.marker.isNullObject ? null : parseMarkerFormula(p.marker.formula);
    const refreshable = found === model.key;
    const keep = refreshable && keepKeys.has(model.key);
    if (!refreshable || !(refreshKeys.has(model.key) || keep)) {
      conflicts.push({ key: model.key, name: model.name, existingTemplateKey: found, refreshable });
    }
    return {
      model,
      existing: true,
      keep,
      before: p.block ? (p.block.formulas as unknown[][]) : [],
      wasProtected: p.protection.protected === true,
      overwriteInputs: overwriteKeys.has(model.key),
    };
  });
  if (conflicts.length > 0) throw new SheetConflictError(conflicts, takenSheetNames, syncs);

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

  // ---- one write batch per sheet ------------------------------------------------------------
  const created: string[] = [];
  const refreshed: string[] = [];
  const kept = plans.filter((p) => p.keep).map((p) => p.model.name);
  const toWrite = plans.filter((p) => !p.keep);
  const handles = new Map<string, Excel.Worksheet>();
  const written: string[] = [];
  const queueStructure = (): void => {
    // Structure first, so that cross-sheet formulas, list sources and names resolve.
    plans.forEach((p, j) => {
      if (p.existing) {
        handles.set(p.model.name, lookups[j]!);
      } else {
        const ws = worksheets.add(p.model.name);
        ws.names.add(TEMPLATE_MARKER, markerFormula(p.model.key));
        handles.set(p.model.name, ws);
      }
    });
    for (const old of namesToDelete) old.delete();
    for (const n of namesToAdd) {
      if ("formula" in n) {
        // a structured reference to a whole table column (tables are created with the sheets' batches)
        names.add(n.name, `=${n.formula}`);
      } else {
        const ws = handles.get(n.sheet) ?? worksheets.getItem(n.sheet);
        names.add(n.name, rangeOf(ws, n.ref));
      }
      namesAdded.push(n.name);
    }
  };
  if (toWrite.length === 0 && (namesToAdd.length > 0 || namesToDelete.length > 0)) {
    queueStructure();
    try {
      await sync();
    } catch (e) {
      throw new OfficeWriteError(null, written, e);
    }
  }
  for (let i = 0; i < toWrite.length; i++) {
    const plan = toWrite[i]!;
    context.application.suspendApiCalculationUntilNextSync();
    if (i === 0) queueStructure();
    queueSheet(handles.get(plan.model.name)!, plan, book.lang, maxCells, opts.pageLayout ?? true);
    if (i === toWrite.length - 1 && (opts.activate ?? true)) {
      const first = toWrite.find((p) => !p.model.hidden);
      if (first) handles.get(first.model.name)!.activate();
    }
    try {
      await sync();
    } catch (e) {
      throw new OfficeWriteError(plan.model.name, written, e);
    }
    written.push(plan.model.name);
    (plan.existing ? refreshed : created).push(plan.model.name);
    opts.onProgress?.({ done: i + 1, total: toWrite.length, sheet: plan.model.name });
  }
  return { created, refreshed, kept, namesAdded, namesKept, syncs };
}

function rangeOf(ws: Excel.Worksheet, r: RangeRef): Excel.Range {
  return ws.getRangeByIndexes(r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1);
}

function isBlank(x: unknown): boolean {
  return x === null || x === undefined || x === "";
}

/** What the 2-D `formulas` array receives for a model cell ("=" + formula, or the literal). */
function formulaEntry(cell: CellModel): string | number | boolean {
  if (cell.formula !== undefined) return `=${cell.formula}`;
  const v: CellValue | undefined = cell.value;
  if (v === null || v === undefined) return "";
  return v;
}

/** Queues every operation of one sheet (no sync). */
function queueSheet(ws: Excel.Worksheet, plan: SheetPlan, lang: string, maxCells: number, pageLayout: boolean): void {
  const { model } = plan;
  if (plan.existing && plan.wasProtected) ws.protection.unprotect();

  // Values, formulas and number formats: whole 2-D blocks of the exact shape.
  const box = sheetBlock(model);
  if (box) {
    const rows = box.bottom + 1;
    const cols = box.right + 1;
    const formulas: (string | number | boolean | null)[][] = Array.from({ length: rows }, () =>
      new Array<string | number | boolean | null>(cols).fill(null),
    );
    const formats: (string | null)[][] = Array.from({ length: rows }, () => new Array<string | null>(cols).fill(null));
    // Text cells are written into "@" cells, then their format is set back to the model's (a
    // format change does not re-read the content, so the cell keeps the text; writers/xlsx stores
    // the same cell as a shared string in a General cell).
    const restore: (string | null)[][] = Array.from({ length: rows }, () => new Array<string | null>(cols).fill(null));
    let anyText = false;
    for (const cell of model.cells) {
      const keep =
        plan.existing &&
        !plan.overwriteInputs &&
        cell.style === "input" &&
        !isBlank(plan.before?.[cell.row]?.[cell.col]);
      if (keep) continue;
      const entry = formulaEntry(cell);
      formulas[cell.row]![cell.col] = entry;
      const modelFormat = cell.numberFormat ?? (plan.existing ? "General" : null);
      if (cell.formula === undefined && typeof entry === "string" && needsTextFormat(entry)) {
        formats[cell.row]![cell.col] = "@";
        restore[cell.row]![cell.col] = cell.numberFormat ?? "General";
        anyText = true;
      } else {
        formats[cell.row]![cell.col] = modelFormat;
      }
    }
    const rowsPerBlock = Math.max(1, Math.floor(maxCells / cols));
    const hasAny = (block: (string | null)[][]) => block.some((r) => r.some((x) => x !== null));
    for (let top = 0; top < rows; top += rowsPerBlock) {
      const h = Math.min(rowsPerBlock, rows - top);
      const range = ws.getRangeByIndexes(top, 0, h, cols);
      const nf = formats.slice(top, top + h);
      if (hasAny(nf)) range.numberFormat = nf as string[][];
      range.formulas = formulas.slice(top, top + h) as unknown as string[][];
      const back = restore.slice(top, top + h);
      if (anyText && hasAny(back)) range.numberFormat = back as string[][];
    }
  }

  // Style tokens → formats, one assignment per rectangle.
  for (const [token, rects] of rectanglesBy(model.cells, (c) => c.style)) {
    const f = TOKEN_FORMATS[token];
    for (const r of rects) {
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

  for (const m of model.merges) rangeOf(ws, m).merge(false);

  // Column widths: one assignment per run of equal widths.
  const widths = model.columnWidths;
  for (let c = 0; c < widths.length; ) {
    const w = widths[c];
    let end = c;
    while (end + 1 < widths.length && widths[end + 1] === w) end++;
    if (typeof w === "number" && w > 0) {
      ws.getRangeByIndexes(0, c, 1, end - c + 1).format.columnWidth = columnWidthPoints(w);
    }
    c = end + 1;
  }

  for (const v of model.validations) queueValidation(rangeOf(ws, v.range), v);

  // Conditional formats: custom formula rules ("=" added here). On refresh the model's ranges are
  // cleared first so that rules do not pile up.
  if (plan.existing) {
    const seen = new Set<string>();
    for (const cf of model.conditionalFormats) {
      const k = `${cf.range.top}:${cf.range.left}:${cf.range.bottom}:${cf.range.right}`;
      if (seen.has(k)) continue;
      seen.add(k);
      rangeOf(ws, cf.range).conditionalFormats.clearAll();
    }
  }
  for (const cf of model.conditionalFormats) {
    const c = CONDITIONAL_FORMATS[cf.style];
    const fmt = rangeOf(ws, cf.range).conditionalFormats.add("Custom");
    fmt.custom.rule.formula = `=${cf.formula}`;
    fmt.custom.format.fill.color = c.fill;
    fmt.custom.format.font.color = c.fontColor;
    if (c.bold) fmt.custom.format.font.bold = true;
  }

  if (model.freeze && (model.freeze.rows > 0 || model.freeze.cols > 0)) {
    const { rows, cols } = model.freeze;
    if (cols === 0) ws.freezePanes.freezeRows(rows);
    else if (rows === 0) ws.freezePanes.freezeColumns(cols);
    else ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, rows, cols));
  }

  if (pageLayout && model.print) {
    const pl = ws.pageLayout;
    pl.orientation = model.print.orientation === "landscape" ? "Landscape" : "Portrait";
    pl.paperSize = "A4";
    pl.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 }; // fit to width, as many pages down as needed
    if (model.print.repeatRows) pl.setPrintTitleRows(`$${model.print.repeatRows.first + 1}:$${model.print.repeatRows.last + 1}`);
    if (model.print.printArea) pl.setPrintArea(rangeA1(model.print.printArea, true));
    const pages = lang === "zh-CN" ? "第 &P 页 共 &N 页" : "Page &P of &N";
    pl.headersFooters.defaultForAllPages.centerFooter = model.print.footer ? `${model.print.footer}  ${pages}` : pages;
  }

  // Protection: input cells unlocked, then protect (protect fails on a protected sheet, hence
  // the unprotect above for a refreshed protected sheet).
  const inputs = model.cells.filter((c) => c.style === "input");
  for (const r of toRectangles(inputs)) rangeOf(ws, r).format.protection.locked = false;
  if (model.protect || plan.wasProtected) {
    ws.protection.protect(PROTECTION_OPTIONS);
  }

  if (model.hidden) ws.visibility = "Hidden";
}

function queueValidation(range: Excel.Range, v: ValidationModel): void {
  const dv = range.dataValidation;
  dv.clear();
  if (v.kind === "list") {
    dv.rule = { list: { inCellDropDown: true, source: `=${v.source}` } };
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
