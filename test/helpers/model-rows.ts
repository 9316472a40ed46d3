/** Cases and table rows of a built workbook model, for the growth tests (rows typed below a table). */
import { readFileSync } from "node:fs";
import { validateCase, type AuditCase } from "../../src/worksheets/case";
import type { WorkbookModel } from "../../src/worksheets/model";
import type { TypedValue } from "./workbook-edit";

/** A case file, validated (throws on an invalid one). */
export function loadCase(path: string): AuditCase {
  const v = validateCase(JSON.parse(readFileSync(path, "utf8")));
  if (!v.ok) throw new Error(path);
  return v.value;
}

/** The input values of a table's data row k, by column name, as the model writes them. */
export function rowInputs(book: WorkbookModel, table: string, k: number): Record<string, TypedValue> {
  for (const s of book.sheets) {
    const t = s.tables.find((x) => x.name === table);
    if (!t) continue;
    const out: Record<string, TypedValue> = {};
    t.columns.forEach((c, i) => {
      if (c.formula !== undefined) return;
      const cell = s.cells.find((x) => x.row === t.ref.top + 1 + k && x.col === t.ref.left + i);
      const v = cell?.value;
      if (typeof v === "string" || typeof v === "number") out[c.name] = v;
    });
    return out;
  }
  throw new Error(`no table ${table}`);
}
