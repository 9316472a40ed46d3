/**
 * The simple-screening rule (spec WS4-2, [rule U]: configurable) and the status it gives an option
 * in the register (spec WS4-1 状态 "lookup from WS4-4"), shared by the screening sheet (its cached
 * conclusions), the register (its cached statuses) and the results sheet (its cached blocks).
 *
 * Conclusion of one option from its ticks (√ / × per criterion of {@link SCREENING_CRITERIA}):
 * 1. a × on a veto criterion (default: 技术可行性, 环境效果) → 不可行 (decisive, even if other ticks
 *    are missing);
 * 2. a criterion without √ or × → 待定 (检查 names the criteria);
 * 3. at most `allowedCrosses` × (default 0, i.e. all √) → 可行, more → 需进一步研究.
 *
 * Status from the conclusion and the cost class: 可行 + 无/低费 class → 可行无低费; 可行 + 中/高费
 * class → 初步可行中高费; 不可行 → 不可行; otherwise (not screened, 待定, 需进一步研究, 可行 without a
 * cost class) → 待筛选. An option typed in a case file with a status keeps no typed status: the
 * status is always this lookup (the case's `status` only gets a warning).
 */
import type { AuditCase, CriterionKey } from "../case";
import { canonicalItem, COST_CLASSES, HIGH_COST_CLASSES, l, LOW_COST_CLASSES, SCREENING_CRITERIA, STATUSES, type L } from "../i18n";
import type { TableSchema } from "../table";

export const TBL_SCREENING = {
  name: "tblScreening",
  columns: {
    id: l("方案编号", "Option ID"),
    name: l("方案名称", "Option name"),
    technical: SCREENING_CRITERIA[0].label,
    environmental: SCREENING_CRITERIA[1].label,
    economic: SCREENING_CRITERIA[2].label,
    implementation: SCREENING_CRITERIA[3].label,
    production: SCREENING_CRITERIA[4].label,
    crosses: l("× 项", "× on"),
    conclusion: l("结论", "Conclusion"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;

/** The screening's conclusions (WS4-2 结论). */
export const SCREENING_CONCLUSIONS = {
  feasible: l("可行", "Feasible"),
  infeasible: l("不可行", "Infeasible"),
  study: l("需进一步研究", "Further study"),
  pending: l("待定", "Pending"),
} as const;

/** The statuses of {@link STATUSES} by meaning. */
export const STATUS = {
  toScreen: STATUSES[0]!,
  lowFeasible: STATUSES[1]!,
  highFeasible: STATUSES[2]!,
  infeasible: STATUSES[3]!,
} as const;

/** The three result blocks of WS4-4, in order, with the status each lists. */
export const RESULT_BLOCKS: readonly { status: L; title: L }[] = [
  { status: STATUS.lowFeasible, title: l("可行的无/低费方案", "Feasible no/low-cost options") },
  { status: STATUS.highFeasible, title: l("初步可行的中/高费方案", "Preliminarily feasible medium/high-cost options") },
  { status: STATUS.infeasible, title: l("不可行方案", "Infeasible options") },
];

/** The criteria keys in column order. */
export const CRITERIA_KEYS: readonly CriterionKey[] = SCREENING_CRITERIA.map((c) => c.key);

/** Default rule when the case has none (the template): × allowed 0, vetoes 技术可行性 and 环境效果. */
export function screeningRule(c: AuditCase | null): { allowedCrosses: number; vetoes: readonly CriterionKey[] } {
  return c?.screening ?? { allowedCrosses: 0, vetoes: SCREENING_CRITERIA.filter((x) => x.veto).map((x) => x.key) };
}

/** The conclusion of ticks under the rule (as the sheet's 结论 formula gives it). */
export function conclusionOfTicks(ticks: Partial<Record<CriterionKey, "√" | "×">>, rule: { allowedCrosses: number; vetoes: readonly CriterionKey[] }): L {
  if (rule.vetoes.some((k) => ticks[k] === "×")) return SCREENING_CONCLUSIONS.infeasible;
  if (CRITERIA_KEYS.some((k) => ticks[k] === undefined)) return SCREENING_CONCLUSIONS.pending;
  const crosses = CRITERIA_KEYS.filter((k) => ticks[k] === "×").length;
  return crosses <= rule.allowedCrosses ? SCREENING_CONCLUSIONS.feasible : SCREENING_CONCLUSIONS.study;
}

/** The screening conclusion of option `id` (its first screening entry, ids compared ignoring case), or null when not screened. */
export function screeningConclusion(c: AuditCase | null, id: string): L | null {
  const e = c?.screening?.options.find((x) => x.optionId.toUpperCase() === id.toUpperCase());
  if (!e) return null;
  return conclusionOfTicks(e.ticks, screeningRule(c));
}

/** Whether a cost class (any spelling) counts as 无/低费 or 中/高费. */
export function costGroup(costClass: string | undefined): "low" | "high" | null {
  const zh = costClass === undefined ? undefined : canonicalItem(COST_CLASSES, costClass);
  if (zh !== undefined && LOW_COST_CLASSES.includes(zh)) return "low";
  if (zh !== undefined && HIGH_COST_CLASSES.includes(zh)) return "high";
  return null;
}

/** The status of an option: see the module comment. */
export function statusOf(conclusion: L | null, costClass: string | undefined): L {
  if (conclusion === SCREENING_CONCLUSIONS.infeasible) return STATUS.infeasible;
  if (conclusion === SCREENING_CONCLUSIONS.feasible) {
    const g = costGroup(costClass);
    if (g === "low") return STATUS.lowFeasible;
    if (g === "high") return STATUS.highFeasible;
  }
  return STATUS.toScreen;
}
