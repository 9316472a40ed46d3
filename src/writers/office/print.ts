/**
 * The printed footer of a generated sheet, as the Office.js writer sets it through
 * `pageLayout.headersFooters.defaultForAllPages` (ExcelApi 1.9).
 *
 * Same sections as writers/xlsx's `footerCode` (left: the model's footer text, or 制表：/审核：
 * left and centre when the model has none; right: the page numbers). That function lives in the
 * ExcelJS module, which the task pane must not load, hence this second copy of the rule; both
 * should move into one place outside the writers (worksheets/ or core/), which is outside this
 * module's files.
 *
 * Header and footer texts use Excel's format codes ("&P" page, "&N" pages); a literal "&" in the
 * user's text must be written "&&" or Excel reads it as the start of a code (Microsoft's
 * "Formatting and VBA codes for headers and footers", the page the HeaderFooter reference links).
 */
import type { Lang } from "../../worksheets/model";

/** Escapes "&" for a header/footer section. */
export function footerEscape(s: string): string {
  return s.replace(/&/g, "&&");
}

export interface FooterSections {
  left: string;
  center: string;
  right: string;
}

/** The footer's three sections for a sheet in `lang` with the model's footer text (if any). */
export function footerSections(lang: Lang, footer: string | undefined): FooterSections {
  const zh = lang === "zh-CN";
  const right = zh ? "第 &P 页 共 &N 页" : "Page &P of &N";
  if (footer !== undefined && footer !== "") return { left: footerEscape(footer), center: "", right };
  return { left: footerEscape(zh ? "制表：" : "Prepared by:"), center: footerEscape(zh ? "审核：" : "Checked by:"), right };
}
