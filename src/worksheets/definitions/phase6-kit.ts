/**
 * Pieces shared by the phase 6 result sheets of issue 12 (表6-1, 6-3, 6-5, 6-6): the 检查 column of a
 * table whose rows pick an option (formula, cached value, its mark), reading a row back into the
 * case file (dates as ISO texts, optional fields left out), storing two tables in one section, and
 * the sum of numbers as SUM / SUMPRODUCT add them. A whole section is stored by read-kit's storeSection.
 */
import { colLetter, rect } from "../a1";
import type { L } from "../i18n";
import { t, type BuildContext, type SheetBuilder } from "../layout";
import type { CaseDraft, CellReader } from "../read-back";
import type { Refs, TableGeometry } from "../table";
import { idCheckFormula, idCheckValue } from "./option-pick";
import { readField } from "./read-back-fields";

/**
 * The case-file object of a row: `fields` maps case keys to how each is read (`text`, `num` or
 * `date` of a column key); a field whose cell is empty is left out. Undefined when `id` (the
 * column of `optionId`) is empty and nothing else is filled; a row with figures but no id is
 * reported and dropped.
 */
export function readRow<K extends string>(c: CellReader<K>, id: K, fields: Readonly<Record<string, [kind: "text" | "num" | "date", key: K]>>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [field, [kind, key]] of Object.entries(fields)) {
    if (!c.has(key)) continue;
    const v = readField(c, key, kind);
    if (v !== undefined) out[field] = v;
  }
  const optionId = c.text(id);
  if (optionId === undefined) {
    if (Object.keys(out).length > 0) c.problem(id, "缺少方案编号 / option ID missing: the row is not read");
    return undefined;
  }
  return { optionId, ...out };
}

/**
 * Sets `draft[section][key]` to the rows, or removes that key when there are none (and the section
 * when it is then empty): two tables fill one section (表6-5's items and ex-post rows), in any order.
 */
export function storeSubsection(draft: CaseDraft, section: string, key: string, rows: unknown[]): void {
  const prev = draft[section];
  const h: Record<string, unknown> = typeof prev === "object" && prev !== null ? { ...(prev as Record<string, unknown>) } : {};
  if (rows.length > 0) h[key] = rows;
  else delete h[key];
  if (Object.keys(h).length > 0) draft[section] = h;
  else delete draft[section];
}

/** Σ of the numbers among `values` left to right (SUM skips texts and blanks); 0 when none. */
export function sumNumbers(values: readonly unknown[]): number {
  let s = 0;
  for (const v of values) if (typeof v === "number") s += v;
  return s;
}

/**
 * The 检查 formula of a table whose rows pick an option by id: "" while the id and the cells
 * `others` (a comma-separated list of references for COUNTA) are empty; else the id's problem
 * (option-pick.ts: missing, not in the register, twice), else `rest` (a formula giving a text or "").
 */
export function pickedCheckFormula(x: Refs<string>, others: string, rest: string): string {
  return `IF(AND(${x.r("id")}="",COUNTA(${others})=0),"",${idCheckFormula(x, rest)})`;
}

/** The cached value of {@link pickedCheckFormula}: the id's problem among `ids`, else `rest()`'s label; null when none. */
export function pickedCheckValue(ctx: BuildContext, id: string, ids: readonly string[], rest: () => L | null): string | null {
  const p = idCheckValue(ctx, id, ids) ?? rest();
  return p ? t(ctx, p) : null;
}

/** Marks the non-empty cells of a table's 检查 column (conditional format, `bad` red or `warn`). */
export function markChecks(b: SheetBuilder, g: TableGeometry<string>, style: "bad" | "warn" = "bad"): void {
  const col = g.col["check"]!;
  b.conditional(rect(g.firstRow, col, g.lastRow, col), `$${colLetter(col)}${g.firstRow + 1}<>""`, style);
}
