/**
 * Helpers for the read-backs of table worksheets (issue 13, read-back.ts): one data row's input
 * cells → one case-file row, by a field map (case field ← column key and kind), and the store that
 * puts the rows into their case section (omitted when no row was read).
 */
import { canonicalItem, type Item } from "../i18n";
import type { CaseDraft, CellReader, TableReadBack } from "../read-back";

/** How a column's cell becomes a case field: a text, a number, or an item of a list (stored in its zh-CN form, another text as typed). */
export type FieldKind = "text" | "num" | readonly Item[];

/** case field (dotted for nested objects: "revenue.output") → [column key, kind] */
export type FieldMap<K extends string> = Readonly<Record<string, readonly [K, FieldKind]>>;

/** The value of one cell as `kind` reads it; undefined when empty (a text in a number column is reported by `num`). */
export function fieldValue<K extends string>(c: CellReader<K>, key: K, kind: FieldKind): string | number | undefined {
  if (kind === "num") return c.num(key);
  const s = c.text(key);
  if (kind === "text" || s === undefined) return s;
  return canonicalItem(kind, s) ?? s;
}

/** Sets `obj[path]` (dotted: nested objects are created). */
function setPath(obj: Record<string, unknown>, path: string, v: unknown): void {
  const parts = path.split(".");
  let o = obj;
  for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
  o[parts[parts.length - 1]!] = v;
}

/**
 * The case row of a data row: every field of `map` whose cell is not empty; undefined when none
 * is. `required` names the field whose cell must be filled when anything else is (an option id):
 * reported on its cell when empty.
 */
export function readFields<K extends string>(c: CellReader<K>, map: FieldMap<K>, required?: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [field, [key, kind]] of Object.entries(map)) {
    const v = fieldValue(c, key, kind);
    if (v === undefined) continue;
    setPath(out, field, v);
    any = true;
  }
  if (!any) return undefined;
  if (required !== undefined && !(required in out)) {
    const key = map[required]![0];
    c.problem(key, `${required}: 此行缺少必填项 / this row lacks its required ${required}`);
  }
  return out;
}

/** A store that sets `draft[section]` to the rows read, leaving it out when there are none. */
export function storeSection(section: string): (draft: CaseDraft, rows: unknown[]) => void {
  return (draft, rows) => {
    if (rows.length > 0) draft[section] = rows;
    else delete draft[section];
  };
}

/** The read-back of a table whose rows are one case section, field by field. */
export function fieldsReadBack<K extends string>(section: string, map: FieldMap<K>, required?: string): TableReadBack<K> {
  return { row: (c) => readFields(c, map, required), store: storeSection(section) };
}
