/**
 * What the task pane can do, passed to <App> as props (the official React template passes
 * `insertText` into its component): inside Excel the actions write through Office.js; outside
 * Excel (a plain browser) they build an .xlsx download. Tests pass fakes.
 */
import type { LibraryOption } from "../core/option-library";
import type { Lang } from "../worksheets/model";
import type { Terminology } from "../worksheets/terminology";
import type { FormulaTarget, InsertCallbacks, InsertOutcome, InsertRequest } from "./excel/insert";
import type { AuditSettings, SettingsField } from "./settings";

export type { ConflictAnswer, ConflictQuestion, FormulaTarget, InsertCallbacks, InsertOutcome, InsertRequest } from "./excel/insert";

/** Where the pane runs. */
export type Host = "excel" | "browser";

export interface DownloadRequest {
  keys: readonly string[];
  lang: Lang;
  settings: AuditSettings;
  /** Protect the sheets for a hand-over (see InsertRequest.protect). */
  protect?: boolean;
  /** The terms of the sheet titles (see InsertRequest.terminology). */
  terminology?: Terminology;
  /** Suggested file name, e.g. "cp-audit-phase-3.xlsx". */
  fileName: string;
}

/** The audit report (.docx) to build and offer as a download (生成审核报告, issue 13). */
export interface ReportRequest {
  /** The report's language (inside Excel: default the workbook's when absent). */
  lang: Lang;
  /** Outside Excel: the settings whose workbook the report describes (inside Excel the open workbook is read). */
  settings: AuditSettings;
  /** Chapter names and 审核/审计 (default: the workbook's / the settings'). */
  terminology?: Terminology;
  /** Suggested file name, e.g. "cp-audit-report.docx". */
  fileName: string;
}

/**
 * What appending library options to the register did: "appended" with the register ids the options
 * got (in the order picked), or "noRegister" when the workbook has no options register (tblOptions).
 */
export type AppendOptionsOutcome =
  | { status: "appended"; appended: { id: string; libraryId: string }[] }
  | { status: "noRegister" };

export interface TaskpaneActions {
  host: Host;
  /** Office's display language ("zh-CN", "en-US"), or the browser's outside Office. */
  displayLanguage?: string;
  /** Settings stored in the workbook (null: none yet, or outside Excel). */
  readSettings(): Promise<AuditSettings | null>;
  /**
   * Saves the settings into the workbook: only the fields in `changed` (default: all) are
   * written; "created" when the parameters sheet had to be inserted (with every field).
   */
  saveSettings(settings: AuditSettings, lang: Lang, changed?: readonly SettingsField[]): Promise<"saved" | "created">;
  /** Writes worksheets into the open workbook (Excel only). */
  insertWorksheets(req: InsertRequest, cb: InsertCallbacks): Promise<InsertOutcome>;
  /**
   * The `cells` cells a formula written at the selection would fill (its top-left cell and the
   * ones to its right) and how many of them hold something (Excel only).
   */
  inspectFormulaTarget(cells: number): Promise<FormulaTarget>;
  /** Writes a formula into the selected cell; returns its address (Excel only). */
  insertFormula(formula: string): Promise<string>;
  /**
   * Appends library options at the end of the options register (tblOptions) with fresh ids that
   * continue its numbering; nothing filled is overwritten (Excel only; outside Excel it rejects).
   */
  appendLibraryOptions(picked: readonly LibraryOption[]): Promise<AppendOptionsOutcome>;
  /** Builds the .xlsx of the chosen worksheets and offers it as a download; returns the file name. */
  downloadWorkbook(req: DownloadRequest): Promise<string>;
  /**
   * Builds the audit report (.docx) and offers it as a download; returns the file name. Inside
   * Excel the open workbook is read back (a problem: ReportInputError with sheet and cell each);
   * outside, the workbook of the settings.
   */
  downloadReport(req: ReportRequest): Promise<string>;
}
