/**
 * 方案可行性分析结果表 Feasibility analysis results (spec WS5-4, §6.4).
 *
 * One row per row of the economic sheet (same order): 方案编号 and 方案名称 (linked) | 技术评估结论
 * and 环境评估结论 (input, dropdown 可行/不可行) | I, F, N, NPV, NPVR, IRR (linked from 经济评估) |
 * 经济评估结论 (可行 when the economic verdict is 经济可行) | 综合结论 推荐实施 / 不推荐 (待定 while a
 * technical or environmental conclusion is missing) = AND(技术可行, 环境可行, 经济可行) |
 * 实施顺序: the order by NPVR among the recommended options (COUNTIFS on the economic sheet's
 * rounded NPVR key).
 *
 * Case default for the technical and environmental conclusions: 可行 — an option reaches the
 * economic evaluation only after passing both (spec §6.1); `technical` / `environmental` of an
 * economics entry override it.
 */
import { colLetter, rect } from "../a1";
import type { WorksheetDefinition } from "../definition";
import { CONCLUSIONS, l, type L } from "../i18n";
import { A, colRange, finishSheet, FMT, headerBlock, onSheet, SheetBuilder, str, t, TABLE_TOP } from "../layout";
import { EC, ECON_LABELS, economicsGeometry, evaluateCaseEconomics, optionNames } from "./economics.worksheet";

const FC = { id: 0, name: 1, tech: 2, env: 3, investment: 4, cashFlow: 5, payback: 6, npv: 7, npvr: 8, irr: 9, econ: 10, overall: 11, order: 12 } as const;
const LAST = FC.order;

/** Table headers: term, symbol, unit on short lines (as on the economics sheet). */
const HEAD: readonly L[] = [
  l("方案\n编号", "Option\nID"),
  l("方案名称", "Option name"),
  l("技术评估\n结论", "Technical\nevaluation"),
  l("环境评估\n结论", "Environ-\nmental\nevaluation"),
  l("总投资\nI\n万元", "Invest-\nment I\n10⁴ CNY"),
  l("年增现金流量\nF\n万元/a", "Cash flow\nF\n10⁴ CNY/a"),
  l("投资偿还期\nN\n年", "Payback\nN\nyears"),
  l("净现值\nNPV\n万元", "NPV\n\n10⁴ CNY"),
  l("净现值率\nNPVR", "NPVR\n= NPV/I"),
  l("内部收益率\nIRR", "IRR"),
  l("经济评估\n结论", "Economic\nevaluation"),
  l("综合结论", "Overall\nconclusion"),
  l("实施\n顺序", "Imple-\nmentation\norder"),
];

export const FEASIBILITY_LABELS = {
  recommend: l("推荐实施", "Recommended"),
  notRecommend: l("不推荐", "Not recommended"),
  pending: l("待定", "Pending"),
};

export const feasibilityWorksheet: WorksheetDefinition = {
  key: "WS5-4",
  sheetName: l("可行性分析", "Feasibility"),
  title: l("方案可行性分析结果表", "Feasibility analysis results"),
  dependsOn: ["PARAMS", "LISTS", "WS4-1", "WS5-3"],

  build(ctx) {
    const g = economicsGeometry(ctx);
    const b = new SheetBuilder("WS5-4", ctx.names["WS5-4"], t(ctx, this.title));
    headerBlock(
      b,
      ctx,
      LAST,
      t(ctx, l("技术、环境评估结论从下拉列表选择；经济评估指标取自“经济评估”表；三项均可行者推荐实施，按 NPVR 排定实施顺序。", "Choose the technical and environmental conclusions from the lists; the economic figures come from the economics sheet; options feasible on all three counts are recommended and ordered by NPVR.")),
      false,
      4, // the enterprise name over B..E
    );
    HEAD.forEach((h, c) => b.header(TABLE_TOP, c, t(ctx, h)));
    const entries = ctx.auditCase?.economics ?? [];
    const results = evaluateCaseEconomics(ctx);
    const econ = ctx.names["WS5-3"];
    const yes = t(ctx, CONCLUSIONS[0]!);
    const no = t(ctx, CONCLUSIONS[1]!);
    const rec = t(ctx, FEASIBILITY_LABELS.recommend);
    const notRec = t(ctx, FEASIBILITY_LABELS.notRecommend);
    const pending = t(ctx, FEASIBILITY_LABELS.pending);
    const feasibleText = t(ctx, ECON_LABELS.feasible);
    const first = g.first;
    const last = g.last;
    const overallR = colRange(FC.overall, first, last);
    const keyR = onSheet(econ, colRange(EC.key, first, last));

    // overall conclusions and their order (computed the same way as the formulas)
    const overall = entries.map((e, k) => {
      const tech = e.technical ?? "可行";
      const env = e.environmental ?? "可行";
      const ok = tech === "可行" && env === "可行" && results[k]!.verdict.feasible;
      return ok ? rec : notRec;
    });
    const keys = results.map((r) => Number(r.npvr.toFixed(9)));
    const names = optionNames(ctx);
    // implementation order: 1 + number of recommended options with a larger key (sorted once)
    const recKeys = keys.filter((_, j) => overall[j] === rec).sort((a, b) => b - a);
    const orderOf = (key: number) => {
      let lo = 0;
      let hi = recKeys.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (recKeys[mid]! > key) lo = mid + 1;
        else hi = mid;
      }
      return lo + 1;
    };

    for (let r = first; r <= last; r++) {
      const k = r - first;
      const e = entries[k];
      const res = results[k];
      const er = (col: number) => onSheet(econ, A(r, col));
      const id = A(r, FC.id);
      const link = (col: number, fromCol: number, value: string | number | null, fmt?: string) =>
        b.formula(r, col, `IF(${id}="","",${er(fromCol)})`, value, "lookup", fmt);
      b.formula(r, FC.id, `IF(${er(EC.id)}="","",${er(EC.id)})`, e ? e.optionId : null, "lookup");
      b.formula(r, FC.name, `IF(${id}="","",${er(EC.name)})`, e ? (names.get(e.optionId.toUpperCase()) ?? null) : null, "lookup");
      b.input(r, FC.tech, e ? (e.technical === "不可行" ? no : yes) : null);
      b.input(r, FC.env, e ? (e.environmental === "不可行" ? no : yes) : null);
      link(FC.investment, EC.investment, res ? res.investment : null, FMT.money);
      link(FC.cashFlow, EC.cashFlow, res ? (res.annualCashFlow ?? t(ctx, ECON_LABELS.perYear)) : null, FMT.money);
      link(FC.payback, EC.payback, res ? (res.paybackYears ?? t(ctx, ECON_LABELS.notRecovered)) : null, FMT.years);
      link(FC.npv, EC.npv, res ? res.npv : null, FMT.money);
      link(FC.npvr, EC.npvr, res ? res.npvr : null, FMT.percent);
      link(FC.irr, EC.irr, res ? (res.irr ?? t(ctx, ECON_LABELS.noIrr)) : null, FMT.percent);
      b.formula(
        r,
        FC.econ,
        `IF(${id}="","",IF(${er(EC.verdict)}=${str(feasibleText)},${str(yes)},${str(no)}))`,
        res ? (res.verdict.feasible ? yes : no) : null,
        "lookup",
      );
      b.formula(
        r,
        FC.overall,
        `IF(${id}="","",IF(OR(${A(r, FC.tech)}="",${A(r, FC.env)}=""),${str(pending)},IF(AND(${A(r, FC.tech)}=${str(yes)},${A(r, FC.env)}=${str(yes)},${A(r, FC.econ)}=${str(yes)}),${str(rec)},${str(notRec)})))`,
        e ? overall[k]! : null,
        "computed",
      );
      let order: number | null = null;
      if (e && overall[k] === rec) order = orderOf(keys[k]!);
      b.formula(
        r,
        FC.order,
        `IF(${A(r, FC.overall)}<>${str(rec)},"",1+COUNTIFS(${overallR},${str(rec)},${keyR},">"&${er(EC.key)}))`,
        order,
        "computed",
        FMT.integer,
      );
    }
    b.listValidation(ctx, rect(first, FC.tech, last, FC.env), "conclusion");
    b.conditional(rect(first, FC.overall, last, FC.overall), `${A(first, FC.overall)}=${str(rec)}`, "good");
    b.conditional(rect(first, FC.overall, last, FC.overall), `${A(first, FC.overall)}=${str(notRec)}`, "bad");
    b.conditional(rect(first, FC.id, last, FC.name), `$${colLetter(FC.order)}${first + 1}=1`, "highlight");
    b.minWidth(FC.id, 7);
    b.minWidth(FC.name, 16);
    for (let col = FC.tech; col <= FC.overall; col++) b.minWidth(col, 9);
    b.minWidth(FC.order, 7);
    return finishSheet(b, ctx, { headerLast: TABLE_TOP, freezeCols: 2, orientation: "landscape" });
  },
};

