/**
 * 方案汇总表 Options register (spec WS4-1, issue 3 item 2).
 *
 * Columns: 方案编号 | 方案名称 | 方案类型 (the 8 aspects, dropdown) | 方案简介 | 费用类别 (dropdown) |
 * 预计投资 万元 | 预计年效益 万元/a | 环境效果 | 状态 (dropdown) | 编号检查 (编号重复 when another id
 * equals it ignoring case: SUMPRODUCT(--(ids = id)) > 1, exact, where COUNTIF would read * ? ~ as
 * wildcards). A duplicate id is also highlighted by a conditional format. Below: investment and benefit
 * totals, and the counts per aspect × cost class (COUNTIFS). The economic sheet looks names up
 * here by id (INDEX/MATCH).
 */
import { colLetter, rect } from "../a1";
import type { OptionEntry } from "../case";
import type { WorksheetDefinition } from "../definition";
import { ASPECTS, COST_CLASSES, itemText, l, STATUSES } from "../i18n";
import { A, colRange, finishSheet, FMT, headerBlock, rowCount, SheetBuilder, str, t, TABLE_TOP, type BuildContext } from "../layout";
import { countEqual } from "./exact-match";
import { sum } from "./waste-sources.worksheet";

export const REG = { id: 0, name: 1, aspect: 2, description: 3, costClass: 4, investment: 5, benefit: 6, effect: 7, status: 8, check: 9 } as const;
const LAST = 9;

/** Table headers on short lines (term, unit). */
const HEAD = [
  l("方案\n编号", "Option\nID"),
  l("方案名称", "Option name"),
  l("方案类型", "Aspect"),
  l("方案简介", "Description"),
  l("费用\n类别", "Cost\nclass"),
  l("预计投资\n万元", "Investment\n10⁴ CNY"),
  l("预计年效益\n万元/a", "Annual\nbenefit\n10⁴ CNY/a"),
  l("环境效果", "Environmental\neffect"),
  l("状态", "Status"),
  l("编号\n检查", "ID\ncheck"),
];

export const REGISTER_LABELS = {
  duplicate: l("编号重复", "Duplicate ID"),
  total: l("合计", "Total"),
  counts: l("方案数量统计（方案类型 × 费用类别）", "Number of options (aspect × cost class)"),
};

/**
 * Rows of the register (0-based, inclusive) and the sheet's last row: the totals row after the
 * register, a blank row, the counts' title and header rows, one row per aspect and the totals row.
 */
export function registerGeometry(ctx: BuildContext) {
  const n = rowCount(ctx, ctx.auditCase?.options?.length ?? 0);
  const first = TABLE_TOP + 1;
  const last = first + n - 1;
  return { first, last, lastRow: last + 4 + ASPECTS.length + 1 };
}

export const optionRegisterWorksheet: WorksheetDefinition = {
  key: "WS4-1",
  sheetName: l("方案汇总表", "Options register"),
  title: l("方案汇总表", "Options register"),
  dependsOn: ["PARAMS", "LISTS"],

  build(ctx) {
    const b = new SheetBuilder("WS4-1", ctx.names["WS4-1"], t(ctx, this.title));
    headerBlock(
      b,
      ctx,
      LAST,
      t(ctx, l("方案编号须唯一（重复者标红）；F- 为无/低费方案，Z- 为中/高费方案；方案类型、费用类别、状态从下拉列表选择。", "Option IDs must be unique (duplicates in red); F- no/low-cost, Z- medium/high-cost; choose aspect, cost class and status from the lists.")),
    );
    HEAD.forEach((h, c) => b.header(TABLE_TOP, c, t(ctx, h)));
    const opts: readonly OptionEntry[] = ctx.auditCase?.options ?? [];
    const { first, last, lastRow } = registerGeometry(ctx);
    const idR = colRange(REG.id, first, last);
    const idCount = new Map<string, number>();
    for (const o of opts) idCount.set(o.id.toUpperCase(), (idCount.get(o.id.toUpperCase()) ?? 0) + 1);
    const dup = t(ctx, REGISTER_LABELS.duplicate);
    for (let r = first; r <= last; r++) {
      const o = opts[r - first];
      b.input(r, REG.id, o?.id ?? null, FMT.text);
      b.input(r, REG.name, o?.name ?? null);
      b.input(r, REG.aspect, o?.aspect !== undefined ? itemText(ctx.lang, ASPECTS, o.aspect) : null);
      b.input(r, REG.description, o?.description ?? null, FMT.text);
      b.input(r, REG.costClass, o?.costClass !== undefined ? itemText(ctx.lang, COST_CLASSES, o.costClass) : null);
      b.input(r, REG.investment, o?.investment ?? null, FMT.money);
      b.input(r, REG.benefit, o?.annualBenefit ?? null, FMT.money);
      b.input(r, REG.effect, o?.environmentalEffect ?? null, FMT.text);
      b.input(r, REG.status, o?.status !== undefined ? itemText(ctx.lang, STATUSES, o.status) : null);
      const isDup = o !== undefined && (idCount.get(o.id.toUpperCase()) ?? 0) > 1;
      b.formula(r, REG.check, `IF(${A(r, REG.id)}="","",IF(${countEqual(idR, A(r, REG.id))}>1,${str(dup)},""))`, isDup ? dup : null, "computed");
    }
    b.listValidation(ctx, rect(first, REG.aspect, last, REG.aspect), "aspect");
    b.listValidation(ctx, rect(first, REG.costClass, last, REG.costClass), "costClass");
    b.listValidation(ctx, rect(first, REG.status, last, REG.status), "status");
    b.numberValidation(rect(first, REG.investment, last, REG.investment), "decimal", 0, undefined, t(ctx, l("投资须 ≥ 0 万元", "An investment is ≥ 0")));
    b.conditional(rect(first, REG.id, last, REG.id), `AND(${A(first, REG.id)}<>"",${countEqual(idR, A(first, REG.id))}>1)`, "bad");
    b.conditional(rect(first, REG.check, last, REG.check), `${A(first, REG.check)}<>""`, "bad");

    // ---- totals
    const tr = last + 1;
    b.label(tr, REG.id, t(ctx, REGISTER_LABELS.total), "total");
    const invR = colRange(REG.investment, first, last);
    const benR = colRange(REG.benefit, first, last);
    const invs = opts.flatMap((o) => (o.investment === undefined ? [] : [o.investment]));
    const bens = opts.flatMap((o) => (o.annualBenefit === undefined ? [] : [o.annualBenefit]));
    b.formula(tr, REG.investment, `IF(COUNT(${invR})=0,"",SUM(${invR}))`, invs.length ? sum(invs) : null, "total", FMT.money);
    b.formula(tr, REG.benefit, `IF(COUNT(${benR})=0,"",SUM(${benR}))`, bens.length ? sum(bens) : null, "total", FMT.money);

    // ---- counts per aspect × cost class
    const c0 = tr + 2;
    b.label(c0, REG.id, t(ctx, REGISTER_LABELS.counts), "label", false);
    const ch = c0 + 1;
    b.header(ch, REG.id, t(ctx, l("方案类型", "Aspect")));
    // the class headers are the list items COUNTIFS compares with (no line breaks); they wrap in
    // their column rather than widen it (Medium/high-cost)
    COST_CLASSES.forEach((cc, k) => b.set(ch, 1 + k, { value: t(ctx, cc), style: "header" }));
    const totCol = 1 + COST_CLASSES.length;
    b.header(ch, totCol, t(ctx, REGISTER_LABELS.total));
    const aspR = colRange(REG.aspect, first, last);
    const clsR = colRange(REG.costClass, first, last);
    ASPECTS.forEach((asp, i) => {
      const r = ch + 1 + i;
      b.label(r, REG.id, t(ctx, asp));
      COST_CLASSES.forEach((cc, k) => {
        const c = 1 + k;
        const n = opts.filter((o) => o.aspect === asp.zh && o.costClass === cc.zh).length;
        b.formula(r, c, `COUNTIFS(${aspR},$${colLetter(REG.id)}${r + 1},${clsR},${colLetter(c)}$${ch + 1})`, n, "computed", FMT.integer);
      });
      b.formula(r, totCol, `COUNTIF(${aspR},$${colLetter(REG.id)}${r + 1})`, opts.filter((o) => o.aspect === asp.zh).length, "total", FMT.integer);
    });
    const sr = ch + 1 + ASPECTS.length;
    if (sr !== lastRow) throw new Error(`registerGeometry: last row ${lastRow}, built ${sr}`);
    b.label(sr, REG.id, t(ctx, REGISTER_LABELS.total), "total");
    COST_CLASSES.forEach((cc, k) => {
      const c = 1 + k;
      b.formula(sr, c, `COUNTIF(${clsR},${colLetter(c)}$${ch + 1})`, opts.filter((o) => o.costClass === cc.zh).length, "total", FMT.integer);
    });
    b.formula(sr, totCol, `COUNTA(${idR})`, opts.filter((o) => o.id !== "").length, "total", FMT.integer);
    b.minWidth(REG.name, 18);
    b.minWidth(REG.aspect, 12);
    b.minWidth(REG.description, 20);
    b.minWidth(REG.costClass, 9);
    b.minWidth(REG.investment, 9);
    b.minWidth(REG.benefit, 9);
    b.minWidth(REG.effect, 14);
    b.minWidth(REG.status, 12);
    b.minWidth(REG.check, 9);
    return finishSheet(b, ctx, { headerLast: TABLE_TOP, freezeCols: 2, orientation: "landscape" });
  },
};
