/**
 * The printed footer of every generated sheet, one rule for both writers (the .xlsx writer's
 * `oddFooter` code and the Office.js writer's `pageLayout.headersFooters.defaultForAllPages`,
 * ExcelApi 1.9): left = the model's footer text (制表：… 审核：…, docs/MODEL.md), or when absent
 * 制表：/ Prepared by: left and 审核：/ Checked by: centred; right = 第 &P 页 共 &N 页 / Page &P of &N
 * (spec §1.2 header block "制表 审核 第 页 共 页").
 *
 * Header and footer texts use Excel's format codes ("&P" page, "&N" pages); a literal "&" in the
 * user's text must be written "&&" or Excel reads it as the start of a code (Microsoft's
 * "Formatting and VBA codes for headers and footers").
 */
import type { Lang } from "./model";

/** Escapes "&" for a header/footer section. */
export function footerEscape(s: string): string {
  return s.replace(/&/g, "&&");
}

/** The three sections of a footer, already escaped; `center` is "" when unused. */
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
