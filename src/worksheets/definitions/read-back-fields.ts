/**
 * Reading the phase 1–3 tables back into the case file (issue 13, read-back.ts): one declarative
 * field list per table (case field ← column key, and how the cell's value becomes the field's),
 * so that each definition's `readBack` states its inputs once, symmetric with its columns' `value:`.
 * Builds on read-kit.ts (texts, numbers, list items) and adds what these sheets need besides:
 *
 * - `"int"`: a whole number; a fraction is reported ("须为整数") and gives nothing;
 * - `"date"`: an Excel date serial (what the sheets hold, phase13-common's `dateSerial`) as
 *   `YYYY-MM-DD`; a text already in that form (the .xlsx reader gives a date cell so) is kept,
 *   another text is reported;
 * - per field, whether it is required: a row with data but without it is reported on that cell and
 *   still returned, so the reader writes no case (read-back.ts: "Nothing is guessed").
 *
 * Every field's column is read: a column the user deleted is reported by the reader.
 */
import type { CellReader } from "../read-back";
import { fieldValue, type FieldKind as KitKind } from "./read-kit";

/** How one cell becomes a case field: read-kit's text, number or list item (its zh-CN form), a whole number, a date. */
export type FieldKind = KitKind | "int" | "date";

/** One input of a table: case field, column key, kind; `required` names the problem when it is missing in a non-empty row. */
export interface Field<K extends string> {
  field: string;
  key: K;
  kind: FieldKind;
  required?: string;
}

/** Shorthand of a {@link Field}. */
export function f<K extends string>(field: string, key: K, kind: FieldKind = "text", required?: string): Field<K> {
  return required === undefined ? { field, key, kind } : { field, key, kind, required };
}

/** Fields whose case name is their column key, all of one kind: `same("num", "y3", "y2")`. */
export function same<K extends string>(kind: FieldKind, ...keys: K[]): Field<K>[] {
  return keys.map((k) => f(k, k, kind));
}

/** `YYYY-MM-DD` of an Excel date serial (days since 1899-12-30; the time of day is dropped). */
export function isoOfSerial(serial: number): string {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  const p = (n: number, w: number) => String(n).padStart(w, "0");
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1, 2)}-${p(d.getUTCDate(), 2)}`;
}

/**
 * A date cell as `YYYY-MM-DD`, undefined when empty: a date serial (the reader gives a date cell's
 * number), or a text already in that form; anything else is reported on the cell.
 */
export function dateValue<K extends string>(c: CellReader<K>, key: K): string | undefined {
  const v = c.raw(key);
  if (v === undefined || v === "") return undefined;
  if (typeof v === "number" && Number.isFinite(v) && v >= 1) return isoOfSerial(v);
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v.trim())) return v.trim();
  c.problem(key, `日期格式应为 yyyy-mm-dd (a date), got "${String(v)}"`);
  return undefined;
}

/** The value of one cell as its case field, undefined when empty (problems reported on the cell). */
export function readField<K extends string>(c: CellReader<K>, key: K, kind: FieldKind): unknown {
  if (kind === "int") {
    const n = c.num(key);
    if (n === undefined || Number.isInteger(n)) return n;
    c.problem(key, `须为整数 (a whole number), got ${n}`);
    return undefined;
  }
  if (kind === "date") return dateValue(c, key);
  return fieldValue(c, key, kind);
}

/**
 * The case-file row of a table row: each field that is not empty, in field order; undefined when
 * every field is empty. A missing required field of a non-empty row is reported.
 */
export function readRow<K extends string>(c: CellReader<K>, fields: readonly Field<K>[]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const x of fields) {
    const v = readField(c, x.key, x.kind);
    if (v !== undefined) out[x.field] = v;
  }
  if (Object.keys(out).length === 0) return undefined;
  for (const x of fields) if (x.required !== undefined && out[x.field] === undefined) c.problem(x.key, x.required);
  return out;
}

/** Upper case, as the sheets' lookups (MATCH, `=`) compare names. */
export function sameName(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}
