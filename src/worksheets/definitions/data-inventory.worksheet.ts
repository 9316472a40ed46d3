/**
 * 表3-1 审核重点资料收集名录 Audit-focus data inventory (spec §1.3 WS3-1; issue 10).
 *
 * Table `tblDataInventory`: 序号 | 资料名称 | 内容 | 来源/部门 | 提供人 | 日期 (validated date) | 是否已收集
 * (是/否, list). Above: entries (资料名称 filled), collected (是) and the share collected =
 * collected / entries ("" while there is no entry).
 */
import { colLetter } from "../a1";
import type { DataInventoryEntry } from "../case";
import { l, YES_NO } from "../i18n";
import { FMT, str, t, type BuildContext } from "../layout";
import { defineTable, tableWorksheet, whole, type Column, type TableSchema } from "../table";
import { f, readRow } from "./read-back-fields";
import { storeSection } from "./read-kit";
import { DATE_VALIDATION, DATE_WIDTH, dateSerial, isItem, listText, rowNumberColumn, summaryLine } from "./phase13-common";

export const TBL_DATA_INVENTORY = {
  name: "tblDataInventory",
  columns: {
    no: l("序号", "No."),
    name: l("资料名称", "Document/data"),
    content: l("内容", "Content"),
    source: l("来源/部门", "Source/department"),
    provider: l("提供人", "Provided by"),
    date: l("日期", "Date"),
    collected: l("是否已收集", "Collected"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_DATA_INVENTORY.columns;

export const INVENTORY_LABELS = {
  entries: l("资料条目", "Entries"),
  collected: l("已收集", "Collected"),
  share: l("收集率", "Share collected"),
};

function rows(ctx: BuildContext): readonly DataInventoryEntry[] {
  return ctx.auditCase?.dataInventory ?? [];
}

const columns: readonly Column<DataInventoryEntry, K>[] = [
  rowNumberColumn("no", "name", "collected"),
  { key: "name", role: "input", width: 16, value: (d) => d?.name },
  { key: "content", role: "input", width: 18, value: (d) => d?.content },
  { key: "source", role: "input", width: 12, value: (d) => d?.source },
  { key: "provider", role: "input", width: 10, value: (d) => d?.provider },
  { key: "date", role: "input", format: FMT.date, width: DATE_WIDTH, validation: DATE_VALIDATION, value: (d) => dateSerial(d?.date) },
  { key: "collected", role: "input", band: l("是/否", "Yes/No"), validation: { list: "yesNo" }, value: (d, _k, ctx) => listText(ctx, YES_NO, d?.collected) },
];

export const dataInventoryWorksheet = tableWorksheet({
  key: "WS3-1",
  number: "3-1",
  sheetName: l("资料收集名录", "Data inventory"),
  title: l("审核重点资料收集名录", "Audit-focus data inventory"),
  dependsOn: ["PARAMS", "LISTS"],
  note: l(
    "黄色单元格为输入；是否已收集从下拉列表选择。收集率 = 已收集 / 资料条目。在表格下方输入即可添加资料。",
    "Yellow cells are inputs; choose Collected from the list. Share collected = collected / entries. Type below the table to add an entry.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  summary(b, ctx, top) {
    const w = (k: K) => whole(TBL_DATA_INVENTORY, k, ctx.lang);
    const all = rows(ctx);
    const done = all.filter((d) => isItem(YES_NO, d.collected, "是")).length;
    const n = `${colLetter(2)}${top + 1}`;
    const c = `${colLetter(4)}${top + 1}`;
    summaryLine(b, ctx, top, [
      [INVENTORY_LABELS.entries, `COUNTIFS(${w("name")},"<>")`, all.length, FMT.integer],
      [INVENTORY_LABELS.collected, `COUNTIFS(${w("collected")},${str(t(ctx, YES_NO[0]!))},${w("name")},"<>")`, done, FMT.integer],
      [INVENTORY_LABELS.share, `IF(${n}=0,"",${c}/${n})`, all.length === 0 ? null : done / all.length, FMT.percent],
    ]);
    return top + 1;
  },
  tables: [
    defineTable({
      schema: TBL_DATA_INVENTORY,
      columns,
      rows,
      readBack: {
        row: (c) =>
          readRow(c, [
            f("name", "name", "text", "缺少资料名称 (name missing)"),
            f("content", "content"),
            f("source", "source"),
            f("provider", "provider"),
            f("date", "date", "date"),
            f("collected", "collected", YES_NO),
          ]),
        store: storeSection("dataInventory"),
      },
    }),
  ],
});
