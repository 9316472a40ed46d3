/**
 * Pieces shared by the phase 6 result sheets of issue 12 (表6-1, 6-3, 6-5, 6-6): reading a row back
 * into the case file (dates as ISO texts, optional fields left out), storing a section, and the
 * sum of numbers as SUM / SUMPRODUCT add them.
 */
import type { CaseDraft, CellReader } from "../read-back";

/** `YYYY-MM-DD` of an Excel serial date (days since 1899-12-30; the fraction of a day dropped). */
export function isoOfSerial(serial: number): string {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

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
    let v: unknown;
    if (kind === "text") v = c.text(key);
    else {
      const n = c.num(key);
      v = n === undefined ? undefined : kind === "date" ? isoOfSerial(n) : n;
    }
    if (v !== undefined) out[field] = v;
  }
  const optionId = c.text(id);
  if (optionId === undefined) {
    if (Object.keys(out).length > 0) c.problem(id, "缺少方案编号 / option ID missing: the row is not read");
    return undefined;
  }
  return { optionId, ...out };
}

/** Sets `draft[key]` to the rows, or removes it when there are none. */
export function storeSection(draft: CaseDraft, key: string, rows: unknown[]): void {
  if (rows.length > 0) draft[key] = rows;
  else delete draft[key];
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
