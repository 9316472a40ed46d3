/**
 * 表2-13 现场考察记录/内部管理检查清单 Walk-through record / housekeeping checklist (spec §1.3 WS2-13;
 * issue 10).
 *
 * Table `tblWalkthrough`: 检查区域 (list: the 9 typical groups of the spec) | 检查项目 | 结果 (是/否/不适用,
 * list) | 发现的问题 | 可能的无/低费方案 | 方案编号 (the id the quick option got in the options register,
 * once it was sent there) | 检查 (方案编号不在方案汇总表中: the id is not one of `tblOptions[方案编号]`,
 * the column CP_OptionIds names, compared with "=" so no wildcard applies; 方案未登记: a quick option
 * without an id) | 责任人. The blank template is pre-filled with two typical items per group.
 *
 * Above, in two blocks side by side: per group the count of 是 and 否 and the share compliant
 * 是 / (是 + 否) ("" while a group has neither; 不适用 is left out), and the same over all groups
 * (合计; items of a group not in the list count there). The blank template is pre-filled with one
 * typical item per group.
 */
import { colLetter } from "../a1";
import type { WalkthroughEntry } from "../case";
import { l, tr, WALK_AREAS, YES_NO_NA, type L } from "../i18n";
import { FMT, SPARE_ROWS, str, t, type BuildContext } from "../layout";
import { defineTable, tableWorksheet, whole, type Column, type TableSchema } from "../table";
import { checkFormula, firstFlag, isItem, listText } from "./phase13-common";
import { registerRows, TBL_OPTIONS } from "./option-register.worksheet";
import { f, readRow } from "./read-back-fields";
import { storeSection } from "./read-kit";

export const TBL_WALKTHROUGH = {
  name: "tblWalkthrough",
  columns: {
    area: l("检查区域", "Area"),
    item: l("检查项目", "Check item"),
    result: l("结果", "Result"),
    finding: l("发现的问题", "Finding"),
    quickOption: l("可能的无/低费方案", "No/low-cost option"),
    optionId: l("方案编号", "Option ID"),
    check: l("检查", "Check"),
    responsible: l("责任人", "Responsible"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_WALKTHROUGH.columns;

export const WALK_LABELS = {
  unknownId: l("编号不在方案汇总表", "ID not in the register"),
  notRegistered: l("未登记到方案汇总表", "Not in the register yet"),
  area: l("检查区域", "Area"),
  compliant: l("符合率", "Compliant"),
  rule: l("是/(是+否)", "Yes/(Yes+No)"),
  total: l("合计", "Total"),
};

/**
 * Typical items of each group (spec §1.3 WS2-13 groups; items [U]); the blank template is pre-filled
 * with the first of each group (one page), the second is offered as a second idea in the docs.
 */
export const TYPICAL_ITEMS: readonly (readonly [L, L])[] = [
  [l("原辅料分类存放、标识清楚", "Materials stored, labelled"), l("搬运中无撒落和破损", "No spills in handling")],
  [l("管道、阀门、泵无泄漏", "No leaks at pipes/valves"), l("地面无积水、积料", "Floors dry and clean")],
  [l("设备按计划维护保养并有记录", "Maintenance plan kept"), l("设备无带病运行", "No faulty equipment running")],
  [l("水、电、汽和主要物料有计量器具", "Water/power/steam metered"), l("计量器具按期校准", "Meters calibrated on schedule")],
  [l("关键工艺参数按规程控制并记录", "Key parameters logged"), l("参数超限及时处理", "Deviations corrected")],
  [l("岗位有操作规程且执行", "Procedures followed"), l("交接班记录完整", "Shift records complete")],
  [l("废物分类收集、分类存放", "Waste segregated at source"), l("可回用物料回收利用", "Reusables recovered")],
  [l("无长流水、空转设备和长明灯", "No idling or lights left on"), l("蒸汽疏水阀工作正常", "Steam traps working")],
  [l("员工接受清洁生产培训", "Staff trained in CP"), l("有合理化建议和奖励制度", "Suggestion/reward scheme")],
];

/** The table's rows: the case's items, or (template) the typical items. */
export function walkRows(ctx: BuildContext): readonly WalkthroughEntry[] {
  if (ctx.auditCase) return ctx.auditCase.walkthrough ?? [];
  return TYPICAL_ITEMS.map((items, g) => ({ area: tr(ctx.lang, WALK_AREAS[g]!), item: tr(ctx.lang, items[0]) }));
}

/** Excel's TRIM (ASCII spaces: ends removed, inner runs as one). */
const trim = (s: string | undefined) => (s ?? "").replace(/^ +| +$/g, "").replace(/ {2,}/g, " ");

const walkCheck = checkFormula<K>("area", "responsible", [
  [(x) => `AND(TRIM(${x.r("optionId")})<>"",SUMPRODUCT(--(${whole(TBL_OPTIONS, "id", x.lang)}=TRIM(${x.r("optionId")})))=0)`, WALK_LABELS.unknownId],
  [(x) => `AND(TRIM(${x.r("quickOption")})<>"",TRIM(${x.r("optionId")})="")`, WALK_LABELS.notRegistered],
]);

const columns: readonly Column<WalkthroughEntry, K>[] = [
  { key: "area", role: "input", width: 24, validation: { list: "walkArea" }, value: (w, _k, ctx) => listText(ctx, WALK_AREAS, w?.area) },
  { key: "item", role: "input", width: 30, value: (w) => w?.item },
  { key: "result", role: "input", width: 8, validation: { list: "yesNoNa" }, value: (w, _k, ctx) => listText(ctx, YES_NO_NA, w?.result) },
  { key: "finding", role: "input", width: 14, value: (w) => w?.finding },
  { key: "quickOption", role: "input", width: 18, value: (w) => w?.quickOption },
  { key: "optionId", role: "input", width: 8, value: (w) => w?.optionId },
  {
    key: "check",
    role: "computed",
    width: 19,
    formula: walkCheck,
    value: (w, _k, ctx) => {
      if (!w) return null;
      const ids = registerRows(ctx).map((o) => o.id.toUpperCase());
      const id = trim(w.optionId);
      return firstFlag(ctx, [
        [id !== "" && !ids.includes(id.toUpperCase()), WALK_LABELS.unknownId],
        [trim(w.quickOption) !== "" && id === "", WALK_LABELS.notRegistered],
      ]);
    },
  },
  { key: "responsible", role: "input", width: 8, value: (w) => w?.responsible },
];

/** Items of the case in group `g` (undefined = all) whose result is `zh`. */
export function walkCount(ctx: BuildContext, g: L | undefined, zh: string): number {
  return walkRows(ctx).filter((w) => (g === undefined || listText(ctx, WALK_AREAS, w.area) === tr(ctx.lang, g)) && isItem(YES_NO_NA, w.result, zh)).length;
}

export const walkthroughWorksheet = tableWorksheet({
  key: "WS2-13",
  number: "2-13",
  sheetName: l("现场考察检查清单", "Walk-through"),
  title: l("现场考察记录/内部管理检查清单", "Walk-through record / housekeeping checklist"),
  dependsOn: ["PARAMS", "LISTS", "WS4-1"],
  note: l(
    "黄色单元格为输入；检查区域和结果从下拉列表选择。可立即实施的无/低费方案登记到方案汇总表后，在“方案编号”填其编号，“检查”列核对该编号。符合率 = 是/(是+否)，不适用不计。",
    "Yellow cells are inputs; choose area and result from the lists. Once a quick no/low-cost option is entered in the options register, type its ID under Option ID; the Check column verifies it. Compliant = Yes/(Yes+No); N/A is left out.",
  ),
  freezeCols: 1,
  orientation: "landscape",
  summary(b, ctx, top) {
    const w = (k: K) => whole(TBL_WALKTHROUGH, k, ctx.lang);
    const [yes, no] = [YES_NO_NA[0]!, YES_NO_NA[1]!].map((x) => str(t(ctx, x)));
    // two blocks side by side (groups 1–5 | groups 6–9 and the total): 检查区域 | 是 | 否 | 符合率
    const entries: (L | undefined)[] = [...WALK_AREAS, undefined];
    const perBlock = Math.ceil(entries.length / 2);
    for (let blk = 0; blk < 2; blk++) {
      const c0 = 4 * blk;
      b.header(top, c0, t(ctx, WALK_LABELS.area));
      b.header(top, c0 + 1, t(ctx, YES_NO_NA[0]!));
      b.header(top, c0 + 2, t(ctx, YES_NO_NA[1]!));
      b.header(top, c0 + 3, `${t(ctx, WALK_LABELS.compliant)}\n${t(ctx, WALK_LABELS.rule)}`);
    }
    entries.forEach((g, i) => {
      const blk = Math.floor(i / perBlock);
      const c0 = 4 * blk;
      const r = top + 1 + (i % perBlock);
      const style = g ? "computed" : "total";
      b.label(r, c0, t(ctx, g ?? WALK_LABELS.total), g ? "label" : "total", false);
      const area = g ? `${w("area")},${str(t(ctx, g))},` : "";
      const counts = ["是", "否"].map((zh) => walkCount(ctx, g, zh));
      b.formula(r, c0 + 1, `COUNTIFS(${area}${w("result")},${yes})`, counts[0]!, style, FMT.integer);
      b.formula(r, c0 + 2, `COUNTIFS(${area}${w("result")},${no})`, counts[1]!, style, FMT.integer);
      const y = `${colLetter(c0 + 1)}${r + 1}`;
      const n = `${colLetter(c0 + 2)}${r + 1}`;
      const share = counts[0]! + counts[1]! === 0 ? null : counts[0]! / (counts[0]! + counts[1]!);
      b.formula(r, c0 + 3, `IF(${y}+${n}=0,"",${y}/(${y}+${n}))`, share, style, FMT.percent);
      b.conditional({ top: r, left: c0 + 2, bottom: r, right: c0 + 2 }, `${n}>0`, "warn");
    });
    return top + perBlock;
  },
  tables: [
    defineTable({
      schema: TBL_WALKTHROUGH,
      columns,
      rows: walkRows,
      rowCount: (ctx) => walkRows(ctx).length + SPARE_ROWS,
      // the template's typical items come back as the case's items (a case without walkthrough has none)
      readBack: {
        row: (c) =>
          readRow(c, [
            f("area", "area", WALK_AREAS),
            f("item", "item", "text", "缺少检查项目 (check item missing)"),
            f("result", "result", YES_NO_NA),
            f("finding", "finding"),
            f("quickOption", "quickOption"),
            f("optionId", "optionId"),
            f("responsible", "responsible"),
          ]),
        store: storeSection("walkthrough"),
      },
      decorate(b, _ctx, g) {
        const cell = `$${colLetter(g.col.check)}${g.firstRow + 1}`;
        b.conditional({ top: g.firstRow, left: g.col.check, bottom: g.lastRow, right: g.col.check }, `${cell}<>""`, "bad");
        const res = `$${colLetter(g.col.result)}${g.firstRow + 1}`;
        b.conditional({ top: g.firstRow, left: g.col.result, bottom: g.lastRow, right: g.col.result }, `${res}=${str(tr(_ctx.lang, YES_NO_NA[1]!))}`, "warn");
      },
    }),
  ],
});
