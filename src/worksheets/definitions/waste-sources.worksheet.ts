/**
 * 废弃物产生源清单 Waste-source inventory (spec WS2-6, issue 3 item 1).
 *
 * Columns: 序号 | 车间/工段 | 产生源 | 类别 (dropdown 废水/废气/固废/危废/噪声) | 名称/主要污染物 |
 * 产生量 | 单位 | 处理处置方式 | 年处理费用 万元/a | 备注. Below the rows: per category the number
 * of entries (COUNTIFS), the quantity of the t/a entries (SUMIFS) and the annual cost (SUMIFS),
 * then the totals (annual-cost total = SUM).
 */
import { rect } from "../a1";
import type { WasteSource } from "../case";
import type { WorksheetDefinition } from "../definition";
import { itemText, l, WASTE_CATEGORIES } from "../i18n";
import { A, colRange, finishSheet, FMT, headerBlock, rowCount, SheetBuilder, str, t, TABLE_TOP } from "../layout";

const COL = { no: 0, workshop: 1, source: 2, category: 3, name: 4, quantity: 5, unit: 6, treatment: 7, cost: 8, remark: 9 } as const;
const LAST = 9;

/** Table headers on short lines (term, unit). */
const HEAD = [
  l("序号", "No."),
  l("车间/工段", "Workshop /\nsection"),
  l("产生源", "Source"),
  l("类别", "Category"),
  l("名称/\n主要污染物", "Stream /\nmain pollutant"),
  l("产生量", "Quantity"),
  l("单位", "Unit"),
  l("处理处置\n方式", "Treatment /\ndisposal"),
  l("年处理费用\n万元/a", "Annual cost\n10⁴ CNY/a"),
  l("备注", "Remarks"),
];

/** The t/a unit whose quantities are added per category (other units are not added). */
const TOTAL_UNIT = "t/a";

export const wasteSourcesWorksheet: WorksheetDefinition = {
  key: "WS2-6",
  sheetName: l("废弃物产生源清单", "Waste sources"),
  title: l("废弃物产生源清单", "Waste-source inventory"),
  dependsOn: ["PARAMS", "LISTS"],

  build(ctx) {
    const b = new SheetBuilder("WS2-6", ctx.names["WS2-6"], t(ctx, this.title));
    headerBlock(b, ctx, LAST, t(ctx, l("黄色单元格为输入；类别从下拉列表选择；年处理费用单位 万元/a。", "Yellow cells are inputs; choose the category from the list; annual cost in 10⁴ CNY/a.")));
    HEAD.forEach((h, c) => b.header(TABLE_TOP, c, t(ctx, h)));
    const rows: readonly WasteSource[] = ctx.auditCase?.wasteSources ?? [];
    const n = rowCount(ctx, rows.length);
    const first = TABLE_TOP + 1;
    const last = first + n - 1;
    for (let k = 0; k < n; k++) {
      const r = first + k;
      const w = rows[k];
      b.formula(r, COL.no, `IF(COUNTA(${A(r, 1)}:${A(r, LAST)})=0,"",ROW()-${first})`, w ? k + 1 : null, "computed", FMT.integer);
      b.input(r, COL.workshop, w?.workshop ?? null);
      b.input(r, COL.source, w?.source ?? null);
      b.input(r, COL.category, w?.category !== undefined ? itemText(ctx.lang, WASTE_CATEGORIES, w.category) : null);
      b.input(r, COL.name, w?.name ?? null);
      b.input(r, COL.quantity, w?.quantity ?? null, FMT.general);
      b.input(r, COL.unit, w?.unit ?? null);
      b.input(r, COL.treatment, w?.treatment ?? null);
      b.input(r, COL.cost, w?.annualCost ?? null, FMT.money);
      b.input(r, COL.remark, w?.remark ?? null);
    }
    b.listValidation(ctx, rect(first, COL.category, last, COL.category), "category");
    const numErr = t(ctx, l("请输入 ≥ 0 的数值", "Enter a number ≥ 0"));
    b.numberValidation(rect(first, COL.quantity, last, COL.quantity), "decimal", 0, undefined, numErr);
    b.numberValidation(rect(first, COL.cost, last, COL.cost), "decimal", 0, undefined, numErr);

    // ---- totals per category
    const catR = colRange(COL.category, first, last);
    const qtyR = colRange(COL.quantity, first, last);
    const unitR = colRange(COL.unit, first, last);
    const costR = colRange(COL.cost, first, last);
    const nameR = colRange(COL.name, first, last);
    const s0 = last + 2;
    b.label(s0, COL.workshop, t(ctx, l("按类别汇总", "Totals by category")), "label");
    const sh = s0 + 1;
    b.header(sh, COL.workshop, t(ctx, l("类别", "Category")));
    b.header(sh, COL.source, t(ctx, l("条目数", "Entries")));
    b.header(sh, COL.category, t(ctx, l(`产生量合计\n${TOTAL_UNIT}`, `Quantity\n${TOTAL_UNIT}`)));
    b.header(sh, COL.name, t(ctx, l("年处理费用合计\n万元/a", "Annual cost\n10⁴ CNY/a")));
    const inCat = (cat: string) => rows.filter((w) => w.category === cat);
    WASTE_CATEGORIES.forEach((cat, k) => {
      const r = sh + 1 + k;
      const these = inCat(cat.zh);
      b.label(r, COL.workshop, t(ctx, cat));
      const key = A(r, COL.workshop);
      b.formula(r, COL.source, `COUNTIFS(${catR},${key})`, these.length, "total", FMT.integer);
      b.formula(r, COL.category, `SUMIFS(${qtyR},${catR},${key},${unitR},${str(TOTAL_UNIT)})`, sum(these.filter((w) => w.unit === TOTAL_UNIT).map((w) => w.quantity)), "total", FMT.general);
      b.formula(r, COL.name, `SUMIFS(${costR},${catR},${key})`, sum(these.map((w) => w.annualCost ?? 0)), "total", FMT.money);
    });
    const tr = sh + 1 + WASTE_CATEGORIES.length;
    b.label(tr, COL.workshop, t(ctx, l("合计（全部条目）", "Total (all entries)")), "total");
    b.formula(tr, COL.source, `COUNTA(${nameR})`, rows.filter((w) => w.name !== "").length, "total", FMT.integer);
    b.formula(tr, COL.category, `SUMIFS(${qtyR},${unitR},${str(TOTAL_UNIT)})`, sum(rows.filter((w) => w.unit === TOTAL_UNIT).map((w) => w.quantity)), "total", FMT.general);
    b.formula(tr, COL.name, `SUM(${costR})`, sum(rows.map((w) => w.annualCost ?? 0)), "total", FMT.money);
    b.set(tr + 1, COL.workshop, {
      value: t(ctx, l(`产生量只合计单位为 ${TOTAL_UNIT} 的条目。`, `Quantities are added only for entries in ${TOTAL_UNIT}.`)),
      style: "note",
    });

    b.minWidth(COL.no, 6);
    b.minWidth(COL.workshop, 12);
    b.minWidth(COL.source, 12);
    b.minWidth(COL.category, 9);
    b.minWidth(COL.name, 16);
    b.minWidth(COL.quantity, 10);
    b.minWidth(COL.unit, 6);
    b.minWidth(COL.treatment, 14);
    b.minWidth(COL.cost, 10);
    b.minWidth(COL.remark, 12);
    return finishSheet(b, ctx, { headerLast: TABLE_TOP, freezeCols: 1, orientation: "landscape" });
  },
};

/** Plain left-to-right sum (the order SUM/SUMIFS add in). */
export function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
