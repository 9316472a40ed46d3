/**
 * The audit report (issue 13): `buildReport(case, { lang, terminology })` → the .docx bytes.
 *
 * The case is the one read back from the workbook (src/reader) or a case file; the report's tables
 * and figures come from the workbook model buildWorkbook makes of it — core's values, equal to
 * LibreOffice's recalculation of the workbook (test/cases.test.ts) — never from cached values of a
 * file. Structure: outline.ts; sentences: figures.ts; tables: sheet-tables.ts; Word: render.ts.
 */
import type { AuditCase } from "../worksheets/case";
import type { Lang } from "../worksheets/model";
import type { Terminology } from "../worksheets/terminology";
import { buildWorkbook } from "../worksheets/workbook";
import { reportOutline, type ReportOutline } from "./outline";
import { renderReport } from "./render";

export interface ReportOptions {
  lang: Lang;
  /** chapter names and 审核/审计 (spec §8.2); default the case's meta.terminology, else 2016 */
  terminology?: Terminology;
}

/** The outline of the report of a validated case (plain data; tests and the renderer read it). */
export function buildReportOutline(auditCase: AuditCase, opts: ReportOptions): ReportOutline {
  const book = buildWorkbook(auditCase, { lang: opts.lang, ...(opts.terminology ? { terminology: opts.terminology } : {}) });
  return reportOutline(book, auditCase, opts.terminology ?? auditCase.meta.terminology);
}

/**
 * The .docx report of a validated case.
 * @throws a CpError when core cannot evaluate the case (as buildWorkbook does)
 */
export async function buildReport(auditCase: AuditCase, opts: ReportOptions): Promise<Uint8Array> {
  return renderReport(buildReportOutline(auditCase, opts));
}
