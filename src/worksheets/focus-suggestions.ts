/**
 * Suggested audit-focus scores (spec §2.2–2.3; issue 10 part C): which factor of 表2-11 is scored
 * from which subtotal of 表2-10, the subtotals, and the proportional rule. Pure (no sheet code), so
 * that case validation, the CLI summary and the sheets share one definition.
 */
import { l, type L } from "./i18n";

/** Candidate data as the case file gives it (WS2-10); every figure optional, ≥ 0. */
export interface CandidateFigures {
  name: string;
  wasteWater?: number;
  wasteSolid?: number;
  wasteGas?: number;
  rawCost?: number;
  waterCost?: number;
  energyCost?: number;
  endOfPipe?: number;
  disposal?: number;
  dischargeFee?: number;
  fines?: number;
  otherEnv?: number;
}

/** The subtotals of 表2-10 and the items each adds (t/a for the waste, 万元/a for the costs). */
export const SUBTOTALS = {
  wasteTotal: ["wasteWater", "wasteSolid", "wasteGas"],
  consumption: ["rawCost", "waterCost", "energyCost"],
  envCost: ["endOfPipe", "disposal", "dischargeFee", "fines", "otherEnv"],
} as const;
export type SubtotalKey = keyof typeof SUBTOTALS;

/** The quantitative factors of spec §2.2 and the subtotal that drives each one's score. */
export const SUGGESTED_FACTORS: readonly { name: L; subtotal: SubtotalKey }[] = [
  { name: l("废弃物量", "Waste quantity"), subtotal: "wasteTotal" },
  { name: l("主要消耗", "Main consumption"), subtotal: "consumption" },
  { name: l("环保费用", "Environmental costs"), subtotal: "envCost" },
];

/** The subtotal a factor (by its name in either language, trimmed, ignoring case) is scored from, or undefined. */
export function factorSubtotal(name: string): SubtotalKey | undefined {
  const n = name.trim().toUpperCase();
  return SUGGESTED_FACTORS.find((f) => f.name.zh.toUpperCase() === n || f.name.en.toUpperCase() === n)?.subtotal;
}

/** Sum of the given items of a subtotal, or null when none is given (`IF(COUNT(…)=0,"",SUM(…))`). */
export function subtotalOf(c: CandidateFigures, key: SubtotalKey): number | null {
  const xs = SUBTOTALS[key].map((k) => c[k]).filter((x): x is number => x !== undefined);
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/**
 * The suggested score R of a quantity x among all candidates' quantities (spec §2.3, proportional
 * rule): ROUND(10·x/max, 0), at least 1 when x > 0; 0 when x = 0; null when x is missing or no
 * candidate has a positive quantity.
 */
export function suggestedScore(x: number | null, all: readonly (number | null)[]): number | null {
  if (x === null) return null;
  const max = Math.max(...all.filter((v): v is number => v !== null));
  if (!(max > 0)) return null;
  if (x <= 0) return 0;
  return Math.max(1, Math.round((10 * x) / max));
}

/**
 * The suggested score of factor `factorName` for the candidate named `candidate` (exact name,
 * ignoring case, as the sheet's MATCH finds it), or null (factor not quantitative, candidate not
 * in the data, quantity missing).
 */
export function suggestionFor(data: readonly CandidateFigures[], factorName: string, candidate: string): number | null {
  const key = factorSubtotal(factorName);
  if (key === undefined) return null;
  const row = data.find((c) => c.name.toUpperCase() === candidate.toUpperCase());
  if (!row) return null;
  return suggestedScore(subtotalOf(row, key), data.map((c) => subtotalOf(c, key)));
}
