/**
 * "Insert" and "Insert all" of the task pane inside Excel: build the model of the chosen worksheets
 * (plus the parameters and lists sheets they reference) from the pane's settings, and render it with
 * writers/office, asking the user what to do when a sheet name is already taken.
 *
 * Sync budget: survey 1 (+1 when a name the model uses exists) + renderWorkbook's 1 probe (+1 when
 * a sheet or table name is taken) + 1 per sheet written (+1 per block of a very large sheet). For
 * the headline set (parameters, lists, waste sources, focus selection, material balance, options,
 * economics, feasibility, per-year cash flows: 9 sheets) that is 11 syncs in a new workbook and 13
 * when every sheet exists and is refreshed.
 *
 * One workbook holds one language: a table's column names are its header texts and appear in
 * every structured reference (`tblUnits[单位]`), so sheets in English cannot refer to the Chinese
 * lists sheet's tables. When the workbook already holds this add-in's table-backed names, new
 * sheets are built in the language of those names, whatever the pane's language
 * (`InsertOutcome.lang` tells which).
 */
import { quoteSheet } from "../../worksheets/a1";
import type { Terminology } from "../../worksheets/terminology";
import type { Lang, WorkbookModel } from "../../worksheets/model";
import { buildWorkbook } from "../../worksheets/workbook";
import type { ExcelRunner } from "../../writers/office/excel-run";
import {
  OfficeWriteError,
  SheetConflictError,
  TEMPLATE_MARKER,
  parseMarkerFormula,
  renderWorkbook,
  type RenderProgress,
  type RenderResult,
  type SheetConflict,
} from "../../writers/office/render";
import { withHandOverProtection } from "../hand-over";
import { caseFromSettings, PARAMETER_NAMES, type AuditSettings } from "../settings";

/** Sheets every generated worksheet depends on; refreshed silently when they are ours. */
export const SUPPORT_KEYS: readonly string[] = ["PARAMS", "LISTS"];

/** Support sheets refreshed (user input kept) when they are ours; the others are kept as they are. */
const REFRESHED_SUPPORT_KEYS: readonly string[] = ["LISTS"];

export interface InsertRequest {
  /** Worksheet keys to insert ("WS2-11"). */
  keys: readonly string[];
  lang: Lang;
  settings: AuditSettings;
  /**
   * Protect the written sheets for a hand-over (input cells stay editable). Off by default: on a
   * protected sheet Excel does not let a table grow, so rows typed below a table are not added.
   */
  protect?: boolean;
  /** The terms of the sheet titles and work-plan stages (spec §8.2); absent: the builder's default. */
  terminology?: Terminology;
  /** Keys whose input cells take the model's values on refresh ("PARAMS" when saving parameters). */
  overwriteInputKeys?: readonly string[];
  /**
   * Resuming an interrupted insert ("retry the remaining sheets"): sheets of ours for the requested
   * keys are completed or refreshed without asking (an interrupted insert leaves its not yet
   * written sheets as empty sheets of ours; they are written as new).
   */
  resume?: boolean;
}

/**
 * An insert stopped by a failed sync (`cause`: the OfficeWriteError, whose cause is Excel's error,
 * e.g. InactiveWorkbook when another workbook became active). `remainingKeys`: the requested keys
 * whose sheets were not completely written, in request order (what "retry" inserts again).
 */
export class InsertInterruptedError extends OfficeWriteError {
  readonly remainingKeys: readonly string[];
  constructor(e: OfficeWriteError, remainingKeys: readonly string[]) {
    super(e.sheet, e.written, e.cause);
    this.name = "InsertInterruptedError";
    this.remainingKeys = remainingKeys;
  }
}

/** Names the user is asked about: sheets that are not ours, and ours (refreshable). */
export interface ConflictQuestion {
  foreign: string[];
  ours: string[];
}

/** refresh: refresh ours, new names for the others; addNew: new names for all; cancel: write nothing. */
export type ConflictAnswer = "refresh" | "addNew" | "cancel";

/** Writer options fixed by the host (not by the user). */
export interface HostRenderOptions {
  /** Print orientation, title rows and footer need ExcelApi 1.9; false skips them. Default true. */
  pageLayout?: boolean;
}

export interface InsertCallbacks {
  onProgress?: (p: RenderProgress) => void;
  /** Asked at most once per insert, only about the requested keys (not the support sheets). */
  askConflict: (q: ConflictQuestion) => Promise<ConflictAnswer>;
}

export interface InsertOutcome {
  created: string[];
  refreshed: string[];
  /** Refreshed sheets found protected and left unprotected (the hand-over switch was off). */
  unprotected?: string[];
  /** Syncs made by the whole insert (survey + every render attempt). */
  syncs: number;
  cancelled: boolean;
  /** Language the sheets were written in: the workbook's when it already has sheets of this add-in. */
  lang?: Lang;
}

/**
 * Renames the sheet of `key` inside a model and every reference to it (formulas, list sources,
 * conditional formats, defined names): used to write into the parameters sheet the workbook
 * already has under another name (other language, renamed by the user).
 */
export function renameModelSheet(book: WorkbookModel, key: string, newName: string): WorkbookModel {
  const sheet = book.sheets.find((s) => s.key === key);
  if (!sheet || sheet.name === newName) return book;
  const oldRef = `${quoteSheet(sheet.name)}!`;
  const newRef = `${quoteSheet(newName)}!`;
  const fix = (f: string) => f.split(oldRef).join(newRef);
  const oldName = sheet.name;
  return {
    ...book,
    sheets: book.sheets.map((s) => ({
      ...s,
      name: s.key === key ? newName : s.name,
      cells: s.cells.map((c) => (c.formula !== undefined ? { ...c, formula: fix(c.formula) } : c)),
      validations: s.validations.map((v) => (v.kind === "list" ? { ...v, source: fix(v.source) } : v)),
      conditionalFormats: s.conditionalFormats.map((cf) => ({ ...cf, formula: fix(cf.formula) })),
    })),
    names: book.names.map((n) => ("sheet" in n && n.sheet === oldName ? { ...n, sheet: newName } : n)),
  };
}

/** Sheet name a defined name's formula refers to: `='参数'!$C$6` or `=Params!$C$6` → the sheet. */
export function sheetOfNameFormula(formula: unknown): string | null {
  if (typeof formula !== "string") return null;
  const m = /^=(?:'((?:[^']|'')+)'|([^'!]+))!/.exec(formula.trim());
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!;
}

interface Survey {
  sheetNames: string[];
  /** Language of this add-in's table-backed names already in the workbook (null: none). */
  lang: Lang | null;
  /** Sheet the CP_DiscountRate name points at (our parameters sheet), if any. */
  paramsSheet: string | null;
  /** Template key of the marker of each existing sheet among the candidate names (upper-case name → key or null). */
  markers: Map<string, string | null>;
  /** Syncs the survey made (1 or 2). */
  syncs: number;
}

/**
 * 1 sync (+1 when a candidate name exists): the workbook's sheet names, where our parameters
 * live, and the template markers of the existing sheets whose names the model would use.
 */
async function survey(context: Excel.RequestContext, candidates: (paramsSheet: string | null) => string[]): Promise<Survey> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const names = context.workbook.names;
  names.load("items/name,items/formula");
  await context.sync();
  const sheetNames = sheets.items.map((s) => s.name);
  const dr = names.items.find((n) => n.name.toLowerCase() === PARAMETER_NAMES.discountRate.toLowerCase());
  const target = dr ? sheetOfNameFormula(dr.formula) : null;
  const paramsSheet = target && sheetNames.some((n) => n.toUpperCase() === target.toUpperCase()) ? target : null;
  const lang = workbookLanguage(names.items.map((n) => ({ name: n.name, formula: n.formula as unknown })));
  const existing = new Map(sheetNames.map((n) => [n.toUpperCase(), n] as const));
  const probes = new Map<string, Excel.NamedItem>();
  for (const c of candidates(paramsSheet)) {
    const actual = existing.get(c.toUpperCase());
    if (!actual || probes.has(c.toUpperCase())) continue;
    const marker = sheets.getItem(actual).names.getItemOrNullObject(TEMPLATE_MARKER);
    marker.load("formula");
    probes.set(c.toUpperCase(), marker);
  }
  const markers = new Map<string, string | null>();
  if (probes.size > 0) {
    await context.sync();
    for (const [k, m] of probes) markers.set(k, m.isNullObject ? null : parseMarkerFormula(m.formula));
  }
  return { sheetNames, lang, paramsSheet, markers, syncs: probes.size > 0 ? 2 : 1 };
}

/** The table-backed defined names of each language (`CP_List_category` → `tblListCategory[[废弃物类别]]`). */
const LANGUAGE_NAMES: readonly { lang: Lang; formulas: Map<string, string> }[] = (["zh-CN", "en-US"] as const).map((lang) => ({
  lang,
  formulas: new Map(
    buildWorkbook(null, { lang, keys: [] }).names.flatMap((n) => ("formula" in n ? [[n.name.toUpperCase(), n.formula] as const] : [])),
  ),
}));

/**
 * The language of this add-in's sheets in a workbook, told by its table-backed names (their
 * formulas hold the tables' column names): null when it has none of them.
 */
export function workbookLanguage(names: readonly { name: string; formula: unknown }[]): Lang | null {
  // Excel may show `tbl[[name]]` as `tbl[name]` (not checked): compare without the inner brackets
  const norm = (f: string) => f.replace(/^=/, "").replace(/\[\[([^[\]]*)\]\]/g, "[$1]");
  for (const n of names) {
    if (typeof n.formula !== "string") continue;
    const f = norm(n.formula);
    const langs = LANGUAGE_NAMES.filter(({ formulas }) => {
      const mine = formulas.get(n.name.toUpperCase());
      return mine !== undefined && norm(mine) === f;
    });
    if (langs.length === 1) return langs[0]!.lang;
  }
  return null;
}


/** The model to write: requested keys plus the support sheets, our parameters sheet's name kept. */
function model(req: InsertRequest, taken: readonly string[], paramsSheet: string | null, lang: Lang): WorkbookModel {
  const keys = [...new Set([...SUPPORT_KEYS, ...req.keys])];
  const takenForBuild = paramsSheet ? taken.filter((n) => n.toUpperCase() !== paramsSheet.toUpperCase()) : taken;
  const built = buildWorkbook(caseFromSettings(req.settings), { lang, keys, takenSheetNames: takenForBuild, ...(req.terminology ? { terminology: req.terminology } : {}) });
  const book = req.protect ? withHandOverProtection(built) : built;
  return paramsSheet ? renameModelSheet(book, "PARAMS", paramsSheet) : book;
}

/**
 * Inserts the requested worksheets into the workbook of `run` (Excel.run or the fake's run).
 * Nothing of an existing sheet that is not ours is ever touched. Of ours: a requested one is
 * refreshed (user input kept) only when the user answers "refresh"; the lists sheet is refreshed;
 * the parameters sheet and linked sheets that were not requested are left exactly as they are.
 * When a name is taken by a sheet that is not ours, the new sheet gets a free name (… (2)).
 *
 * The question is asked from the survey, before anything is written, so the usual path is
 * survey (1–2 syncs) + renderWorkbook (1–2 probes + 1 per sheet written): at most 12 for the
 * headline set even when every sheet is refreshed. Should the workbook change between the survey
 * and the write (renderWorkbook refuses then), the decision is made again from its report.
 */
export async function insertWorksheets(
  run: ExcelRunner,
  req: InsertRequest,
  cb: InsertCallbacks,
  host: HostRenderOptions = {},
): Promise<InsertOutcome> {
  let syncs = 0;
  // the workbook's language is only known after the first survey sync: candidates in both
  const s = await run((ctx) =>
    survey(ctx, (paramsSheet) => [...new Set((["zh-CN", "en-US"] as const).flatMap((l) => model(req, [], paramsSheet, l).sheets.map((sh) => sh.name)))]),
  );
  syncs += s.syncs;
  const lang = s.lang ?? req.lang;
  const requested = new Set(req.keys);
  const refreshKeys = new Set([...REFRESHED_SUPPORT_KEYS, ...(req.resume ? req.keys : [])]);
  let asked = false;

  /**
   * Applies what renderWorkbook would refuse (`conflicts`): asks the user once about requested
   * sheets, then returns the names the next model must avoid, or null when the user cancelled.
   */
  const decide = async (book: WorkbookModel, conflicts: readonly SheetConflict[], allNames: readonly string[]): Promise<string[] | null> => {
    const keptOrRefreshed = (c: SheetConflict) => c.refreshable && (refreshKeys.has(c.key) || !requested.has(c.key));
    const blocking = conflicts.filter((c) => !keptOrRefreshed(c));
    const mine = blocking.filter((c) => requested.has(c.key));
    if (mine.length > 0 && !asked) {
      asked = true;
      const answer = await cb.askConflict({
        foreign: mine.filter((c) => !c.refreshable).map((c) => c.name),
        ours: mine.filter((c) => c.refreshable).map((c) => c.name),
      });
      if (answer === "cancel") return null;
      if (answer === "refresh") for (const c of mine) if (c.refreshable) refreshKeys.add(c.key);
    }
    // The model may keep the names of sheets that are absent, or ours and kept/refreshed; every
    // other name of the workbook is taken (new sheets get free names).
    const blocked = new Set(conflicts.filter((c) => !keptOrRefreshed(c)).map((c) => c.key));
    const free = new Set(book.sheets.filter((sh) => !blocked.has(sh.key)).map((sh) => sh.name.toUpperCase()));
    return allNames.filter((n) => !free.has(n.toUpperCase()));
  };

  // Conflicts as renderWorkbook would see them, from the survey.
  const first = model(req, [], s.paramsSheet, lang);
  const exists = new Set(s.sheetNames.map((n) => n.toUpperCase()));
  const pre: SheetConflict[] = first.sheets
    .filter((sh) => exists.has(sh.name.toUpperCase()))
    .map((sh) => {
      const found = s.markers.get(sh.name.toUpperCase()) ?? null;
      return { key: sh.key, name: sh.name, existingTemplateKey: found, refreshable: found === sh.key };
    });
  let taken = await decide(first, pre, s.sheetNames);
  if (taken === null) return { created: [], refreshed: [], syncs, cancelled: true, lang };

  for (let attempt = 0; attempt < 3; attempt++) {
    const book = model(req, taken, s.paramsSheet, lang);
    try {
      let result: RenderResult | undefined;
      await run(async (ctx) => {
        result = await renderWorkbook(ctx, book, {
          refreshKeys: [...refreshKeys],
          // Sheets not asked for (parameters, linked sheets such as the options register) are
          // left as they are when they are ours.
          keepKeys: book.sheets.map((sh) => sh.key).filter((k) => !requested.has(k) && !refreshKeys.has(k)),
          overwriteInputKeys: req.overwriteInputKeys,
          onProgress: cb.onProgress,
          pageLayout: host.pageLayout ?? true,
        });
      });
      syncs += result!.syncs;
      return { created: result!.created, refreshed: result!.refreshed, unprotected: result!.unprotected, syncs, cancelled: false, lang };
    } catch (e) {
      if (e instanceof OfficeWriteError) {
        const done = new Set(e.written.map((n) => n.toUpperCase()));
        const names = new Map(book.sheets.map((sh) => [sh.key, sh.name.toUpperCase()] as const));
        throw new InsertInterruptedError(e, req.keys.filter((k) => !done.has(names.get(k) ?? "")));
      }
      if (!(e instanceof SheetConflictError)) throw e;
      syncs += e.probeSyncs;
      taken = await decide(book, e.conflicts, e.takenSheetNames);
      if (taken === null) return { created: [], refreshed: [], syncs, cancelled: true, lang };
    }
  }
  throw new Error("The workbook kept changing while the worksheets were being inserted; nothing more was written. Try again.");
}

/** Writes `formula` ("=CP.NPV(...)", invariant syntax) into the top-left cell of the selection; returns its address. 1 sync. */
export async function insertFormulaAtSelection(context: Excel.RequestContext, formula: string): Promise<string> {
  const cell = context.workbook.getSelectedRange().getCell(0, 0);
  cell.formulas = [[formula]];
  cell.load("address");
  await context.sync();
  return cell.address;
}

/** What "insert as formula" would overwrite: the cells it fills from the selection's top-left cell. */
export interface FormulaTarget {
  /** Address of the cells the formula fills ("Sheet1!D3:K3"). */
  address: string;
  /** How many of them are not empty (a value or a formula). */
  filled: number;
}

/**
 * Reads the `cells` cells (a row: the selection's top-left cell and the `cells − 1` to its right)
 * that a formula would fill; 1 sync. A spilling formula such as CP.ECONOMICS (8 values in a row)
 * shows #SPILL! instead of its values when any of them is taken, and a single-cell formula
 * replaces what the cell held: the pane asks before overwriting.
 */
export async function inspectFormulaTarget(context: Excel.RequestContext, cells: number): Promise<FormulaTarget> {
  const range = context.workbook.getSelectedRange().getCell(0, 0).getResizedRange(0, Math.max(1, cells) - 1);
  range.load("address,formulas");
  await context.sync();
  const formulas = range.formulas as unknown[][];
  const filled = formulas.flat().filter((v) => v !== "" && v !== null && v !== undefined).length;
  return { address: range.address, filled };
}
