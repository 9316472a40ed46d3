/**
 * Appends options of the option library (core/option-library.ts) to the options register
 * (`tblOptions`, 表4-1) of an open workbook: the task pane's "add typical options" action.
 *
 * The options get fresh ids (`appendLibraryOptions`: F-/Z- by cost class, numbering continued after
 * the register's highest) and land at the END of the register: in the table's empty rows after its
 * last filled row (the spare rows the builder leaves), then in rows added below (`rows.add`). No
 * filled row, and no calculated column, is ever written. The id, name, aspect, cost class and
 * effect columns are filled in the workbook's language (read from the table's header); the others
 * stay blank. Two syncs.
 *
 * Errors: the sync's (ItemNotFound when the workbook has no `tblOptions`); an Error when the table
 * has no 方案编号 / Option ID column (not a register this package built).
 */
import { appendLibraryOptions, effectsText, type AppendedOption, type LibraryOption } from "../../core/option-library";
import { TBL_OPTIONS } from "../../worksheets/definitions/option-register.worksheet";
import { ASPECTS, COST_CLASSES, itemText } from "../../worksheets/i18n";
import type { Lang } from "../../worksheets/model";

/** The register's columns this function fills. */
const FILLED = ["id", "name", "aspect", "costClass", "effect"] as const;
type Filled = (typeof FILLED)[number];

/** The cell texts of an appended option in `lang`. */
export function libraryRowTexts(a: AppendedOption, lang: Lang): Record<Filled, string> {
  const o = a.option;
  return {
    id: a.id,
    name: lang === "zh-CN" ? o.nameZh : o.nameEn,
    aspect: itemText(lang, ASPECTS, o.aspect),
    costClass: itemText(lang, COST_CLASSES, o.costClass),
    effect: effectsText(o, lang),
  };
}

/** A data cell's formula text holds user content (a constant, not a formula, not blank). */
const filled = (f: unknown): boolean => f !== "" && f !== null && f !== undefined && !(typeof f === "string" && f.startsWith("="));

/**
 * Appends `picked` to the end of `tblOptions` with fresh ids.
 * @returns the options with the ids they got, in the order written
 */
export async function appendOptionsToRegister(context: Excel.RequestContext, picked: readonly LibraryOption[]): Promise<AppendedOption[]> {
  const table = context.workbook.tables.getItem(TBL_OPTIONS.name);
  const header = table.getHeaderRowRange().load("values");
  const body = table.getDataBodyRange().load("formulas");
  await context.sync();
  const names = (header.values[0] ?? []).map((v) => String(v));
  const lang: Lang | null = names.includes(TBL_OPTIONS.columns.id.zh) ? "zh-CN" : names.includes(TBL_OPTIONS.columns.id.en) ? "en-US" : null;
  if (lang === null) throw new Error(`${TBL_OPTIONS.name} has no ${TBL_OPTIONS.columns.id.zh} / ${TBL_OPTIONS.columns.id.en} column: not an options register of CP Audit`);
  const col = {} as Record<Filled, number>;
  for (const k of FILLED) col[k] = names.indexOf(TBL_OPTIONS.columns[k][lang === "zh-CN" ? "zh" : "en"]);
  const rows = body.formulas;
  const ids = rows.map((r) => String(r[col.id] ?? "")).filter((id) => id.trim() !== "" && !id.startsWith("="));
  const appended = appendLibraryOptions(ids, picked);
  // the first empty row after the last filled one
  let next = rows.length;
  while (next > 0 && !rows[next - 1]!.some(filled)) next--;
  const width = names.length;
  const extra: (string | null)[][] = [];
  for (const a of appended) {
    const texts = libraryRowTexts(a, lang);
    if (next < rows.length) {
      for (const k of FILLED) if (col[k] >= 0) body.getCell(next, col[k]).values = [[texts[k]]];
      next++;
    } else {
      const row: (string | null)[] = Array.from({ length: width }, () => null);
      for (const k of FILLED) if (col[k] >= 0) row[col[k]] = texts[k];
      extra.push(row);
    }
  }
  // null leaves a cell as Excel fills it (a calculated column keeps its formula); the typings omit null
  if (extra.length > 0) table.rows.add(undefined, extra as unknown as (string | number | boolean)[][]);
  await context.sync();
  return appended;
}
