/**
 * The quick calculator of the task pane (spec §3): I, P, t, i, Y → D, F, N, NPV, NPVR, IRR through
 * core's `evaluateEconomics`, and the matching CP.* formula for "insert as formula".
 *
 * Units: money in 万元, rates as decimals (the form shows per cent), years.
 */
import { evaluateEconomics, type EconomicsResult } from "../core/finance";

export interface CalcInputs {
  /** I 总投资, 万元 */
  investment: number;
  /** P 年运行费用总节省金额, 万元/a */
  annualSavings: number;
  /** t 税率, decimal */
  taxRate: number;
  /** i 贴现率, decimal */
  discountRate: number;
  /** Y 折旧年限 (= evaluation years n), years */
  depreciationYears: number;
}

export type FormulaKind = "ECONOMICS" | "NPV" | "NPVR" | "IRR" | "PAYBACK" | "CASHFLOW";

export const FORMULA_KINDS: readonly FormulaKind[] = ["ECONOMICS", "NPV", "NPVR", "IRR", "PAYBACK", "CASHFLOW"];

/** One result of core for the inputs (n = Y). Throws core's CpError on inputs it cannot evaluate. */
export function calculate(x: CalcInputs): EconomicsResult {
  return evaluateEconomics(
    { investment: x.investment, annualSavings: x.annualSavings },
    { discountRate: x.discountRate, taxRate: x.taxRate, depreciationYears: x.depreciationYears },
  );
}

/** A number as a formula literal in invariant syntax ("." decimal point, no grouping). */
function lit(n: number): string {
  return String(n);
}

/**
 * The CP.* formula (with "=") computing `kind` for the inputs; argument orders are those of the
 * shipped functions (spec §3.5): CP.ECONOMICS(I, P, i, Y, t), CP.CASHFLOW(P, I, Y, t),
 * CP.NPV(i, I, F, n), CP.NPVR(i, I, F, n), CP.IRR(I, F, n), CP.PAYBACK(I, F, n), where the
 * constant F is itself CP.CASHFLOW(P, I, Y, t) so the cell shows the whole chain.
 */
export function calculatorFormula(kind: FormulaKind, x: CalcInputs): string {
  const I = lit(x.investment);
  const P = lit(x.annualSavings);
  const i = lit(x.discountRate);
  const Y = lit(x.depreciationYears);
  const t = lit(x.taxRate);
  const F = `CP.CASHFLOW(${P},${I},${Y},${t})`;
  switch (kind) {
    case "ECONOMICS":
      return `=CP.ECONOMICS(${I},${P},${i},${Y},${t})`;
    case "CASHFLOW":
      return `=${F}`;
    case "NPV":
      return `=CP.NPV(${i},${I},${F},${Y})`;
    case "NPVR":
      return `=CP.NPVR(${i},${I},${F},${Y})`;
    case "IRR":
      return `=CP.IRR(${I},${F},${Y})`;
    case "PAYBACK":
      return `=CP.PAYBACK(${I},${F},${Y})`;
  }
}

/**
 * A number typed into the pane: "12", "12.5", " 12 ", "１２" (full-width digits), "12%" (the %
 * is dropped: percent fields already mean per cent); "" → undefined; anything else → NaN.
 */
export function parseNumberInput(raw: string): number | undefined {
  const s = raw
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, ".")
    .replace(/[％%]$/, "")
    .trim();
  if (s === "") return undefined;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return NaN;
  return Number(s);
}
