/**
 * The pane's 生成审核报告 (issue 13): the audit report (.docx, src/report) of the open workbook
 * (inside Excel: read back through Office.js by table name and header, the same engine as
 * `cp-audit read`: excel/read-workbook.ts) or of the workbook the pane would download (outside
 * Excel: the settings' case). The report modules, the reader and docx are this chunk's (loaded on
 * the first click, never at start-up: the pane's start-up budget).
 */
import { buildReport } from "../report/index";
import type { ReadResult } from "../reader/read-case";
import type { ExcelRunner } from "../writers/office/excel-run";
import { readOpenWorkbook } from "./excel/read-workbook";
import { formatIssue, validateCase } from "../worksheets/case";
import type { Lang } from "../worksheets/model";
import type { Terminology } from "../worksheets/terminology";
import { caseFromSettings, type AuditSettings } from "./settings";

/** MIME type of a .docx file. */
export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** A workbook whose case could not be read: each problem with its sheet and cell (or the case's JSON path). */
export class ReportInputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "ReportInputError";
  }
}

/**
 * The report of a workbook read back.
 * @param opts lang: the report's language (default the workbook's); terminology: default the workbook's
 * @throws ReportInputError when the reader could not follow the workbook or the case read is not valid
 */
export async function reportOfReadResult(r: ReadResult, opts: { lang?: Lang; terminology?: Terminology } = {}): Promise<Uint8Array> {
  if (!r.ok) throw new ReportInputError(r.problems.map((p) => `${p.where}: ${p.message}`));
  const v = validateCase(r.caseFile);
  if (!v.ok) throw new ReportInputError(v.errors.map((e) => formatIssue(e)));
  return buildReport(v.value, { lang: opts.lang ?? r.lang, ...(opts.terminology ? { terminology: opts.terminology } : {}) });
}

/** The report of the workbook open in Excel (see {@link reportOfReadResult}). */
export async function reportOfOpenWorkbook(run: ExcelRunner, opts: { lang?: Lang; terminology?: Terminology } = {}): Promise<Uint8Array> {
  return reportOfReadResult(await readOpenWorkbook(run), opts);
}

/** The report of the workbook the pane would download outside Excel: the case of the settings. */
export async function reportOfSettings(settings: AuditSettings, lang: Lang, terminology?: Terminology): Promise<Uint8Array> {
  return buildReport(caseFromSettings(settings), { lang, ...(terminology ? { terminology } : {}) });
}
