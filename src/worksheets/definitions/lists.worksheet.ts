/**
 * 列表 Lists: the hidden sheet holding every dropdown list of the workbook, one column per list
 * (waste category, option aspect, cost class, status, conclusion, balance direction). Validations
 * point at these ranges (`'列表'!$A$4:$A$8`), never at an inline comma list, because an item may
 * contain a comma. Items are in the workbook's language; formulas compare against the same texts.
 */
import type { WorksheetDefinition } from "../definition";
import { l, LISTS } from "../i18n";
import { LIST_FIRST_ROW, SheetBuilder, t } from "../layout";

export const listsWorksheet: WorksheetDefinition = {
  key: "LISTS",
  sheetName: l("列表", "Lists"),
  title: l("下拉列表（供数据验证引用，请勿删除）", "Dropdown lists (used by data validation; do not delete)"),
  dependsOn: [],

  build(ctx) {
    const b = new SheetBuilder("LISTS", ctx.names.LISTS, t(ctx, this.title));
    b.set(0, 0, { value: b.title, style: "title" });
    b.merge(0, 0, 0, LISTS.length - 1);
    b.set(1, 0, {
      value: t(ctx, l("各工作表的下拉选项取自本表；条目可含逗号。", "The dropdowns of every sheet read these ranges; an item may contain a comma.")),
      style: "note",
    });
    b.merge(1, 0, 1, LISTS.length - 1);
    LISTS.forEach((list, col) => {
      b.header(LIST_FIRST_ROW - 1, col, t(ctx, list.header));
      list.items.forEach((item, k) => b.label(LIST_FIRST_ROW + k, col, t(ctx, item)));
    });
    b.hidden = true;
    b.freeze = { rows: LIST_FIRST_ROW, cols: 0 };
    b.print = { orientation: "portrait", repeatRows: { first: LIST_FIRST_ROW - 1, last: LIST_FIRST_ROW - 1 } };
    return b.build();
  },
};
