/**
 * The demo's printed summary of a case: the audit focus chosen, each balance's relative error and
 * verdict, per option NPV, NPVR, IRR, N and the economic verdict, and the performance totals of
 * 表6-9 (core's values, the same the workbook's formulas compute).
 */
import { competitionRanks, evaluateBalance, evaluateFocusSelection, formatNumber, toBasis } from "../core";
import { resolveParameters, type AuditCase } from "../worksheets/case";
import { evaluateCaseEconomics, verdictText } from "../worksheets/definitions/economics-eval";
import { FEASIBILITY_LABELS } from "../worksheets/definitions/feasibility.worksheet";
import { PERFORMANCE_INDICATORS, performanceOf } from "../worksheets/definitions/performance.worksheet";
import { tr } from "../worksheets/i18n";
import type { BuildContext } from "../worksheets/layout";
import type { Lang } from "../worksheets/model";

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const money = (x: number) => x.toFixed(2);

/** Lines describing the case's results in `lang`. */
export function summarizeCase(c: AuditCase, lang: Lang): string[] {
  const zh = lang === "zh-CN";
  const out: string[] = [];
  out.push(zh ? `案例：${c.meta.title}` : `Case: ${c.meta.title}`);
  const fs = c.focusSelection;
  if (fs && fs.candidates.length > 0) {
    const res = evaluateFocusSelection(fs.factors.map((f) => f.weight), fs.candidates.map((x) => x.scores));
    const top = res.selected.map((j) => `${fs.candidates[j]!.name}（${zh ? "总分" : "total"} ${formatNumber(res.totals[j]!)}）`);
    if (res.tieAtTop) out.push(zh ? `审核重点：并列 — 需审核小组讨论确定：${top.join("、")}` : `Audit focus: tie — to be decided by the audit team: ${top.join(", ")}`);
    else out.push(zh ? `审核重点：${top[0]}` : `Audit focus: ${top[0]!.replace("（", " (").replace("）", ")")}`);
  }
  const p = resolveParameters(c);
  for (const b of c.materialBalance ?? []) {
    const ins = b.inputs.map((s, k) => toBasis(s.quantity, s.unit, b.basis, `inputs[${k}]`));
    const outs = b.outputs.map((s, k) => toBasis(s.quantity, s.unit, b.basis, `outputs[${k}]`));
    const r = evaluateBalance(ins, outs, p.balanceTolerance);
    out.push(
      zh
        ? `物料平衡：${b.unitOperation}  ΣIn ${formatNumber(r.totalIn)} ${b.basis}，ΣOut ${formatNumber(r.totalOut)} ${b.basis}，相对误差 ${pct(r.relativeError)}（${r.withinTolerance ? "合格" : "不合格"}，允许 ${pct(p.balanceTolerance)}）`
        : `Material balance: ${b.unitOperation}  in ${formatNumber(r.totalIn)} ${b.basis}, out ${formatNumber(r.totalOut)} ${b.basis}, relative error ${pct(r.relativeError)} (${r.withinTolerance ? "pass" : "fail"}, tolerance ${pct(p.balanceTolerance)})`,
    );
  }
  const econ = c.economics ?? [];
  if (econ.length > 0 && p.discountRate !== undefined) {
    // the economic sheet's results (its IRR where flows change sign more than once)
    const results = evaluateCaseEconomics({ lang, auditCase: c, params: p, names: {} as BuildContext["names"] });
    const ranks = competitionRanks(results.map((r) => r.npvr));
    out.push(
      zh
        ? `经济评估（贴现率 ${pct(p.discountRate)}，计算期 ${p.evaluationYears} 年，基准收益率 ${pct(p.benchmarkRate!)}）：`
        : `Economic evaluation (discount rate ${pct(p.discountRate)}, horizon ${p.evaluationYears} years, benchmark ${pct(p.benchmarkRate!)}):`,
    );
    econ.forEach((e, k) => {
      const r = results[k]!;
      const name = (c.options ?? []).find((o) => o.id === e.optionId)?.name;
      const label = name ? `${e.optionId} ${name}` : e.optionId;
      const irr = r.irr === null ? (zh ? "无内部收益率" : "no IRR") : pct(r.irr);
      const n = r.paybackYears === null ? (zh ? "不可回收" : "not recovered") : r.paybackYears.toFixed(2);
      out.push(
        zh
          ? `  ${label}：NPV ${money(r.npv)} 万元，NPVR ${pct(r.npvr)}，IRR ${irr}，N ${n} 年 → ${verdictText(lang, r)}（NPVR 排序 ${ranks[k]}）`
          : `  ${label}: NPV ${money(r.npv)} (10⁴ CNY), NPVR ${pct(r.npvr)}, IRR ${irr}, N ${n} years → ${verdictText(lang, r)} (NPVR order ${ranks[k]})`,
      );
      // the feasibility sheet's overall conclusion: pending until both evaluations are entered
      const missing = [e.technical === undefined ? (zh ? "技术评估结论" : "technical evaluation") : null, e.environmental === undefined ? (zh ? "环境评估结论" : "environmental evaluation") : null].filter((x) => x !== null);
      const overall =
        missing.length > 0
          ? `${tr(lang, FEASIBILITY_LABELS.pending)}${zh ? `（${missing.join("、")}未填）` : ` (${missing.join(", ")} not entered)`}`
          : e.technical === "可行" && e.environmental === "可行" && r.verdict.feasible
            ? tr(lang, FEASIBILITY_LABELS.recommend)
            : tr(lang, FEASIBILITY_LABELS.notRecommend);
      out.push(zh ? `    可行性分析综合结论：${overall}` : `    Feasibility, overall conclusion: ${overall}`);
    });
  }
  out.push(...performanceLines(c, lang));
  return out;
}

/**
 * The performance table of 表6-9 (issue 12) as lines: per indicator 无/低费 | 中/高费 | 合计, the same
 * figures the sheet sums (counted rows of 表6-2 / 表6-4 only); indicators that are 0 in both groups
 * are left out, except the options proposed, the energy saved and the CO2 avoided. Nothing when
 * the case has no options and no effects.
 */
export function performanceLines(c: AuditCase, lang: Lang): string[] {
  const zh = lang === "zh-CN";
  if (!c.options && !c.lowCostEffects && !c.highCostEffects) return [];
  const p = performanceOf(c, lang);
  const ctx: BuildContext = { lang, auditCase: c, params: resolveParameters(c), names: {} as BuildContext["names"] };
  const out = [zh ? "绩效汇总（无/低费 | 中/高费 | 合计）：" : "Performance (no/low-cost | medium/high-cost | total):"];
  for (const ind of PERFORMANCE_INDICATORS) {
    const lo = ind.of(p.low);
    const hi = ind.of(p.high);
    if (!ind.always && lo === 0 && hi === 0) continue;
    const f = ind.integer ? (x: number) => String(x) : (x: number) => formatNumber(Number(x.toFixed(4)));
    const note = ind.note ? (zh ? `（${ind.note.value(ctx)}）` : ` (${ind.note.value(ctx)})`) : "";
    out.push(`  ${tr(lang, ind.label)}${zh ? "：" : ": "}${f(lo)} | ${f(hi)} | ${f(lo + hi)} ${tr(lang, ind.unit)}${note}`);
  }
  return out;
}
