/**
 * The pane's "protect for hand-over" switch: the model with `protect` on every visible sheet
 * (input cells stay editable). Off by default, because Excel does not let a table grow on a
 * protected sheet: rows typed below a protected table are not added to it (engineering guide §1b).
 * The lists sheet (and any hidden helper sheet) stays open so its lists can still be extended.
 */
import type { WorkbookModel } from "../worksheets/model";

/** Key of the lists sheet (its tables are the dropdown sources the user may extend). */
const LISTS_KEY = "LISTS";

export function withHandOverProtection(book: WorkbookModel): WorkbookModel {
  return { ...book, sheets: book.sheets.map((s) => ({ ...s, protect: s.key !== LISTS_KEY && !s.hidden })) };
}
