/**
 * The pane's 生成审核报告 (issue 13): the audit report (.docx, src/report) of the open workbook
 * (inside Excel: the document's file, read back by table name and header as `cp-audit read` does)
 * or of the workbook the pane would download (outside Excel: the settings' case). The report
 * modules, the reader, ExcelJS and docx are this chunk's (loaded on the first click, never at
 * start-up: the pane's start-up budget).
 */
import { buildReport } from "../report/index";
import { readCase } from "../reader/read-case";
import { xlsxSource } from "../reader/xlsx-source";
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
 * The report of a workbook's bytes (.xlsx).
 * @param opts lang: the report's language (default the workbook's); terminology: default the workbook's
 * @throws ReportInputError when the reader cannot follow the workbook or the case read is not valid
 */
export async function reportOfWorkbook(bytes: Uint8Array, opts: { lang?: Lang; terminology?: Terminology } = {}): Promise<Uint8Array> {
  const r = readCase(await xlsxSource(bytes));
  if (!r.ok) throw new ReportInputError(r.problems.map((p) => `${p.where}: ${p.message}`));
  const v = validateCase(r.caseFile);
  if (!v.ok) throw new ReportInputError(v.errors.map((e) => formatIssue(e)));
  return buildReport(v.value, { lang: opts.lang ?? r.lang, ...(opts.terminology ? { terminology: opts.terminology } : {}) });
}

/** The report of the workbook the pane would download outside Excel: the case of the settings. */
export async function reportOfSettings(settings: AuditSettings, lang: Lang, terminology?: Terminology): Promise<Uint8Array> {
  return buildReport(caseFromSettings(settings), { lang, ...(terminology ? { terminology } : {}) });
}
