/**
 * CP.* custom functions (spec §2.7, §3.5, §4.6; issue 4): thin wrappers over core.
 *
 * Ids are stored in users' workbooks and never change. Every function returns a number (or TRUE/FALSE, or one
 * spilled row) or a `CustomFunctions.Error`; it never throws, never returns NaN or ±Infinity:
 * `coerce.ts` reads the arguments, core computes, `excel-errors.ts` maps failures at one point.
 *
 * Metadata (functions.json) is generated from the JSDoc below by custom-functions-metadata: the first
 * paragraph is the description Excel shows (≤ 128 characters), `@param` lines are the argument help, and
 * `@remarks` carries the details for developers (not shipped). Arguments are typed `unknown` (metadata "any")
 * and ranges `unknown[][]` (metadata "any" matrix) so that Excel passes the raw cells and text is never turned
 * into a number by Excel's locale rules (E09). zh-CN descriptions: functions.zh-CN.json (same ids and names).
 *
 * Conventions: money in 万元 (or the user's unit, consistently), rates as decimal fractions (0.12, not 12),
 * years as whole numbers; a range argument is one row or one column.
 */
// Core's modules one by one, not core/index.ts: that also re-exports core/units.ts, whose mathjs instance is about
// 67 KB gzip of the pane's start-up. CP.CONVERT loads units on its first call instead (see `convert` below).
import { balanceCheck, balanceGap, relativeError } from "../core/balance";
import { CpError } from "../core/errors";
import {
  annualCashFlow,
  annuityFactor,
  evaluateEconomics,
  irr as coreIrr,
  irrInterpolated,
  IRR_INTERPOLATION_STEP,
  MAX_YEARS,
  npv as coreNpv,
  npvr as coreNpvr,
  paybackYears,
} from "../core/finance";
import { co2Of, parseConvention, tceOf, type ElectricityConvention } from "../core/energy-carbon";
import { proportionalScore, weightedScore as coreWeightedScore } from "../core/scoring";
import { cashFlowsArg, cashFlowsInput, optionalBoolean, optionalNumber, requiredNumber, requiredText, vector } from "./coerce";
import { cell, excelError, row, type CellResult } from "./excel-errors";

// The build appends `CustomFunctions.associate("ID", fn)` to this module (CustomFunctionsMetadataPlugin's
// loader). Inside Excel the runtime defines the CustomFunctions global before this script runs; outside Excel
// (taskpane.html opened in a plain browser, e.g. the task pane's browser test) there is none, so the appended
// calls go through this module-local binding, which then registers nothing instead of throwing.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const CustomFunctions: { associate: (id: string, fn: (...args: never[]) => unknown) => void } = (
  globalThis as { CustomFunctions?: { associate: (id: string, fn: (...args: never[]) => unknown) => void } }
).CustomFunctions ?? { associate: () => undefined };

// ---------------------------------------------------------------------------------------------------------
// Economic evaluation (spec §3.5)

/**
 * Net present value 净现值 NPV = −I + Σ F_j/(1+rate)^j; the investment at year 0 is not discounted.
 * @customfunction NPV
 * @param rate Discount rate i as a decimal (0.12 for 12 %), greater than −1.
 * @param investment Investment I at year 0 (万元), not discounted.
 * @param cashFlows Annual cash flow F (one number, needs years) or yearly flows F1..Fn in one row or column (blank year = 0).
 * @param [years] Number of years n when cashFlows is one number; not used with a range.
 * @returns {number} NPV in the unit of the money arguments (万元).
 * @remarks
 * Shapes: rate, investment, years scalars; cashFlows 1×1, 1×n or n×1. Result scalar, 万元.
 * Errors: #VALUE! text/TRUE/blank where a number is expected, one-number cashFlows without years, a 2-D range;
 * #NUM! rate ≤ −1, years not a whole number 1..1000. Spec §3.1, §3.5; edge cases E01, E02, E06.
 * Native equivalent: NPV(rate, F1..Fn) − I over a contiguous range without blanks.
 */
export function npv(rate: unknown, investment: unknown, cashFlows: unknown[][], years?: unknown) {
  return cell(
    () => coreNpv(requiredNumber(rate, "rate"), requiredNumber(investment, "investment"), cashFlowsArg(cashFlows, years, "required")),
    "NPV",
  );
}

/**
 * Internal rate of return 内部收益率: the rate where NPV = 0 (Newton from the guess, then bracketing + Brent).
 * @customfunction IRR
 * @param investment Investment I at year 0 (万元).
 * @param cashFlows Annual cash flow F (one number, needs years) or yearly flows F1..Fn in one row or column (blank year = 0).
 * @param [years] Number of years n when cashFlows is one number; not used with a range.
 * @param [guess] Starting rate as a decimal; default 0.1, like Excel's IRR. Flows changing sign more than once may have several IRRs.
 * @returns {number} IRR as a decimal (0.3373 = 33.73 %).
 * @remarks
 * Shapes as CP.NPV. Result scalar, decimal. Errors: #NUM! when the series −I, F1..Fn never changes sign
 * (无内部收益率, E04), when the IRR lies closer to −100 % or above 1.8e308 than a number can show, or when
 * no rate gives NPV = 0 (the message says what was searched: every rate from −100 % + 1e−16 to 1.8e308,
 * outward from the guess); #VALUE! as CP.NPV. With several sign changes (E03) several IRRs may
 * exist: the one reached from `guess` is returned, as Excel's IRR does (1.854418 from 0.1, −0.768895 from −0.75).
 * Long horizons where Newton diverges are solved by bracketing (E05). Spec §3.1, §3.5.
 */
export function irr(investment: unknown, cashFlows: unknown[][], years?: unknown, guess?: unknown) {
  return cell(() => {
    const flows = cashFlowsArg(cashFlows, years, "required");
    const I = requiredNumber(investment, "investment");
    return coreIrr(I, flows, optionalNumber(guess, "guess", 0.1)).rate;
  }, "IRR");
}

/**
 * Net present value ratio 净现值率 NPVR = NPV / I, a decimal.
 * @customfunction NPVR
 * @param rate Discount rate i as a decimal (0.12 for 12 %), greater than −1.
 * @param investment Investment I at year 0 (万元), not 0.
 * @param cashFlows Annual cash flow F (one number, needs years) or yearly flows F1..Fn in one row or column (blank year = 0).
 * @param [years] Number of years n when cashFlows is one number; not used with a range.
 * @returns {number} NPVR as a decimal (1.016 = 101.6 %).
 * @remarks
 * Shapes as CP.NPV. Errors: #DIV/0! when investment is 0; otherwise as CP.NPV. Spec §3.1, §3.4, §3.5.
 */
export function npvr(rate: unknown, investment: unknown, cashFlows: unknown[][], years?: unknown) {
  return cell(
    () => coreNpvr(requiredNumber(rate, "rate"), requiredNumber(investment, "investment"), cashFlowsArg(cashFlows, years, "required")),
    "NPVR",
  );
}

/**
 * Static payback 投资偿还期 N = I/F; with yearly flows, the interpolated year the cumulative flow reaches I.
 * @customfunction PAYBACK
 * @param investment Investment I at year 0 (万元), 0 or more.
 * @param cashFlows Annual cash flow F (one number) or yearly flows F1..Fn in one row or column (blank year = 0).
 * @param [years] Number of years n when cashFlows is one number (I/F does not depend on it); not used with a range.
 * @returns {number} Payback period in years.
 * @remarks
 * Result scalar, years (not rounded). Constant F (one number): N = I/F exactly, even when larger than `years`.
 * Yearly flows (a range of two or more cells, also when every year is equal): N = (k − 1) + (I − Σ_{j<k} F_j)/F_k
 * for the first year k where Σ_{j≤k} F_j ≥ I, so never beyond the range's last year (sums exact in decimal).
 * Errors: #N/A "not recovered (不可回收)" when the cumulative flow does not reach I within the range (F ≤ 0 included);
 * #NUM! investment < 0; #VALUE! as CP.NPV. Spec §3.1, §3.3, §3.5.
 */
export function payback(investment: unknown, cashFlows: unknown[][], years?: unknown) {
  return cell(() => {
    const c = cashFlowsInput(cashFlows, years, "optional");
    return paybackYears(requiredNumber(investment, "investment"), c.kind === "constant" ? c.F : c.flows);
  }, "payback");
}

/**
 * Annual cash-flow increment 年增加现金流量 F = (P − I/Y)(1 − t) + I/Y (after tax, with depreciation).
 * @customfunction CASHFLOW
 * @param annualSavings Annual net operating savings P (万元 per year).
 * @param investment Investment I (万元).
 * @param depreciationYears Depreciation life Y in years, greater than 0 (straight line, no salvage).
 * @param taxRate Tax rate t as a decimal from 0 up to 1 (0.25 for 25 %).
 * @returns {number} F in 万元 per year.
 * @remarks
 * Scalars in, scalar out. T = P − D below 0 is taxed literally (E = T(1 − t), the depreciation tax shield).
 * Errors: #DIV/0! Y = 0; #NUM! Y < 0, t outside [0, 1); #VALUE! text/blank/TRUE. Spec §3.1; E02 (F = 350).
 */
export function cashflow(annualSavings: unknown, investment: unknown, depreciationYears: unknown, taxRate: unknown) {
  return cell(
    () =>
      annualCashFlow(
        requiredNumber(annualSavings, "annualSavings"),
        requiredNumber(investment, "investment"),
        requiredNumber(depreciationYears, "depreciationYears"),
        requiredNumber(taxRate, "taxRate"),
      ),
    "F",
  );
}

/**
 * One row for WS5-3: depreciation D, taxable profit T, net profit E, cash flow F, payback N, NPV, NPVR, IRR.
 * @customfunction ECONOMICS
 * @param investment Investment I at year 0 (万元), 0 or more.
 * @param annualSavings Annual net operating savings P (万元 per year).
 * @param rate Discount rate i as a decimal (0.12 for 12 %).
 * @param depreciationYears Depreciation life Y in whole years (straight line, no salvage).
 * @param taxRate Tax rate t as a decimal from 0 up to 1 (0.25 for 25 %).
 * @param [years] Evaluation years n; default Y.
 * @returns {number[][]} A row of 8 values: D, T, E, F, N, NPV, NPVR, IRR.
 * @remarks
 * Result 1×8 (spills right): D = I/Y, T = P − D, E = T(1 − t), F = E + D (万元/a), N (years), NPV (万元),
 * NPVR and IRR (decimals). Inside the row N is #N/A when never recovered (不可回收) and IRR #NUM! when there is
 * none (无内部收益率); the other values still show. Whole-call errors (one error in the anchor cell):
 * #VALUE! text/blank/TRUE; #NUM! rate ≤ −1, t outside [0, 1), Y or n not a whole number 1..1000;
 * #DIV/0! I = 0 (NPVR). Spec §3.1, §3.4, §3.5 (WS5-3). Textbook case: 15, 25, 17.5, 32.5, 4.6154, 100.9564, 0.6730, 0.17257.
 */
export function economics(
  investment: unknown,
  annualSavings: unknown,
  rate: unknown,
  depreciationYears: unknown,
  taxRate: unknown,
  years?: unknown,
) {
  return row(() => {
    // Y is checked whether or not `years` is given (it is also the default n): a whole number 1..1000
    const Y = requiredNumber(depreciationYears, "depreciationYears");
    if (!Number.isInteger(Y) || Y < 1 || Y > MAX_YEARS) {
      throw new CpError("#NUM!", `depreciationYears must be a whole number of years from 1 to ${MAX_YEARS}; got ${Y}`);
    }
    const r = evaluateEconomics(
      { investment: requiredNumber(investment, "investment"), annualSavings: requiredNumber(annualSavings, "annualSavings") },
      {
        discountRate: requiredNumber(rate, "rate"),
        depreciationYears: Y,
        taxRate: requiredNumber(taxRate, "taxRate"),
        evaluationYears: optionalNumber(years, "years", undefined),
      },
    );
    const need = (x: number | null, what: string): number => {
      if (x === null) throw new CpError("#VALUE!", `internal error: ${what} missing for a derived F`);
      return x;
    };
    return [
      need(r.depreciation, "D"),
      need(r.taxableProfit, "T"),
      need(r.netProfit, "E"),
      need(r.annualCashFlow, "F"),
      r.paybackYears ?? excelError("#N/A", `the investment is never recovered within ${r.years} years (不可回收): F = ${r.annualCashFlow}`),
      r.npv,
      r.npvr,
      r.irr ?? excelError("#NUM!", "no internal rate of return: the cash flows never change sign (无内部收益率)"),
    ];
  }, "ECONOMICS");
}

/**
 * Textbook IRR by linear interpolation between the grid rates (step apart) that bracket NPV = 0.
 * @customfunction IRRINTERP
 * @param investment Investment I at year 0 (万元).
 * @param cashFlows Annual cash flow F (one number, needs years) or yearly flows F1..Fn in one row or column (blank year = 0).
 * @param [years] Number of years n when cashFlows is one number; not used with a range.
 * @param [step] Grid spacing as a decimal; default 0.01 (1 %).
 * @returns {number} Interpolated IRR as a decimal.
 * @remarks
 * IRR = i1 + NPV1·(i2 − i1)/(NPV1 + |NPV2|) with i1, i2 adjacent multiples of `step` around the exact IRR:
 * reproduces the textbook's 17.26 % (0.172627) where the exact IRR is 0.172570; an IRR on a grid rate is that
 * rate. Errors: #NUM! no IRR, step ≤ 0, or a grid cell reaching −100 %; #VALUE! as CP.NPV.
 * Spec §3.1 (试算内插法), §3.3, §3.5 (CP.IRR_INTERP).
 */
export function irrinterp(investment: unknown, cashFlows: unknown[][], years?: unknown, step?: unknown) {
  return cell(() => {
    const flows = cashFlowsArg(cashFlows, years, "required");
    const I = requiredNumber(investment, "investment");
    return irrInterpolated(I, flows, optionalNumber(step, "step", IRR_INTERPOLATION_STEP));
  }, "interpolated IRR");
}

/**
 * Annuity present-value factor 年金现值系数 a(i, n) = (1 − (1+i)^−n)/i, as in the textbook's discount table.
 * @customfunction ANNUITYFACTOR
 * @param rate Rate i as a decimal (0.05 for 5 %), greater than −1.
 * @param years Number of years n, 0 or more.
 * @returns {number} The factor a(i, n); a(0, n) = n.
 * @remarks
 * Scalars. a(0.05, 10) = 7.7217 (spec §3.1, §3.6); NPV = F·a(i, n) − I for a constant F.
 * Same value as PV(i, n, −1). Errors: #NUM! rate ≤ −1 or years < 0; #VALUE! text/blank/TRUE.
 */
export function annuityfactor(rate: unknown, years: unknown) {
  return cell(() => annuityFactor(requiredNumber(rate, "rate"), requiredNumber(years, "years")), "annuity factor");
}

// ---------------------------------------------------------------------------------------------------------
// Material balance (spec §4.6)

/**
 * Balance gap 差值 ΣIn − ΣOut of measured flows in one unit (blank cells skipped, like SUM).
 * @customfunction BALANCEGAP
 * @param inputs Measured inputs, one row or column, 0 or more each.
 * @param outputs Measured outputs, one row or column, 0 or more each.
 * @returns {number} ΣIn − ΣOut in the unit of the flows (positive = unaccounted loss).
 * @remarks
 * Shapes 1×n or n×1 each (lengths may differ). Sums are exact in decimal: 0.3+0.3+0.3+0.1 − 1 is exactly 0 (E17).
 * Errors: #VALUE! text/TRUE in a range (names the row), a 2-D range; #NUM! a negative flow (names "input row k",
 * E18). Spec §4.3, §4.6; E07.
 */
export function balancegap(inputs: unknown[][], outputs: unknown[][]) {
  return cell(() => balanceGap(vector(inputs, "inputs", "input row"), vector(outputs, "outputs", "output row")), "balance gap");
}

/**
 * Relative balance error 相对误差 (ΣIn − ΣOut)/ΣIn as a decimal (blank cells skipped).
 * @customfunction BALANCEERROR
 * @param inputs Measured inputs, one row or column, 0 or more each.
 * @param outputs Measured outputs, one row or column, 0 or more each.
 * @returns {number} The relative error as a decimal (0.0136 = 1.36 %).
 * @remarks
 * The exact decimal gap over the exact ΣIn, rounded once: no overflow through the totals (1.7e308, 1.7e308 vs
 * 1.7e308 → 0.5). Errors: #DIV/0! when ΣIn = 0; #NUM! when the ratio itself is beyond the number range; otherwise
 * as CP.BALANCEGAP. Spec §4.3, §4.6; E07 (0.0666667), E17, E18 (−0.12).
 */
export function balanceerror(inputs: unknown[][], outputs: unknown[][]) {
  return cell(() => relativeError(vector(inputs, "inputs", "input row"), vector(outputs, "outputs", "output row")), "relative error");
}

/**
 * TRUE when the balance closes: |(ΣIn − ΣOut)/ΣIn| is within the tolerance (default 0.05).
 * @customfunction BALANCECHECK
 * @param inputs Measured inputs, one row or column, 0 or more each.
 * @param outputs Measured outputs, one row or column, 0 or more each.
 * @param [tolerance] Accepted relative error as a decimal, 0 or more; default 0.05 (5 %).
 * @returns {boolean} TRUE within tolerance, FALSE outside.
 * @remarks
 * Decided exactly on the decimals (|ΣIn − ΣOut| ≤ tolerance·ΣIn), so a relative error beyond the number range is
 * FALSE. Errors: #DIV/0! ΣIn = 0; #NUM! tolerance < 0; otherwise as CP.BALANCEGAP. Spec §4.3 (|e| ≤ 5 %), §4.6; E18.
 */
export function balancecheck(inputs: unknown[][], outputs: unknown[][], tolerance?: unknown) {
  return cell(
    () =>
      balanceCheck(
        vector(inputs, "inputs", "input row"),
        vector(outputs, "outputs", "output row"),
        optionalNumber(tolerance, "tolerance", undefined),
      ),
    "balance check",
  );
}

// ---------------------------------------------------------------------------------------------------------
// Weighted-sum scoring (spec §2.7)

/**
 * Weighted score 权重总和 Σ W·R of one candidate (like SUMPRODUCT); weights need not sum to 1 or 100.
 * @customfunction WEIGHTEDSCORE
 * @param weights Factor weights W (1 to 10 by convention), one row or column.
 * @param scores The candidate's scores R (1 to 10), one row or column, same number of cells as weights.
 * @returns {number} Σ W·R.
 * @remarks
 * A blank weight or score is #VALUE! (a missing score is not 0, spec §2.6); lengths differ → #VALUE!;
 * text/TRUE → #VALUE! naming the row. Spec §2.1, §2.7; E19 (0.3, 0.5, 0.2 × 4, 3, 5 = 3.7).
 */
export function weightedscore(weights: unknown[][], scores: unknown[][]) {
  return cell(() => {
    const w = vector(weights, "weights", "weight row");
    const s = vector(scores, "scores", "score row");
    const filled = (xs: (number | null)[], label: string) =>
      xs.map((x, k) => {
        if (x === null) throw new CpError("#VALUE!", `${label} ${k + 1} is blank: a missing value is not 0 (fill it in or remove the factor)`);
        return x;
      });
    return coreWeightedScore(filled(w, "weight row"), filled(s, "score row"));
  }, "weighted score");
}

/**
 * Proportional score 10·x/max(values), or 10·min(values)/x when lower is better; not rounded.
 * @customfunction PROPSCORE
 * @param value The candidate's quantity x, 0 or more.
 * @param values The quantities of all candidates, one row or column (blank cells skipped).
 * @param [lowerIsBetter] TRUE to score 10·min/x (lower is better); default FALSE.
 * @returns {number} The score, 0 to 10 when value is one of values.
 * @remarks
 * Round in the sheet where integer scores are wanted (spec §2.3). Errors: #DIV/0! max(values) = 0, or x = 0 with
 * lowerIsBetter; #NUM! a negative quantity; #VALUE! text/TRUE. Spec §2.3, §2.7 (500/250/120 → 10/5/2.4).
 */
export function propscore(value: unknown, values: unknown[][], lowerIsBetter?: unknown) {
  return cell(() => {
    const xs = vector(values, "values", "values row").filter((v): v is number => v !== null);
    return proportionalScore(requiredNumber(value, "value"), xs, optionalBoolean(lowerIsBetter, "lowerIsBetter", false));
  }, "proportional score");
}

// ---------------------------------------------------------------------------------------------------------
// Units

/**
 * Converts a quantity between audit units of one kind: t, kg, t/a, t/d, m3, kWh, tce (t = tonne, a = 365 d).
 * @customfunction CONVERT
 * @param value The quantity in fromUnit.
 * @param fromUnit Unit of value, e.g. "t/a", "kg", "m3/d", "kWh", "tce".
 * @param toUnit Unit wanted, of the same kind, e.g. "kg/d".
 * @returns {number} The quantity in toUnit.
 * @remarks
 * "ton" (a US short ton in unit libraries) is refused, never converted (E14); the audit year is 365 days
 * (1200 t/a = 3287.671233 kg/d, E16); tce = 29.3076 GJ; a volume does not become a mass (m3 → t is #VALUE!).
 * Errors: #VALUE! unknown unit, units of different kinds, text value; #NUM! overflow. Edge cases E14–E16.
 * The first call loads the unit table (mathjs) and answers asynchronously; #N/A when it cannot be loaded.
 */
export function convert(value: unknown, fromUnit: unknown, toUnit: unknown) {
  const run = (units: UnitsModule) =>
    cell(
      () => units.convertQuantity(requiredNumber(value, "value"), requiredText(fromUnit, "fromUnit"), requiredText(toUnit, "toUnit")),
      "converted quantity",
    );
  return unitsModule ? run(unitsModule) : loadUnits().then(run, unitsUnavailable);
}

// core/units.ts (mathjs and the audit unit table) is not part of the start-up bundle: CP.CONVERT's first call
// loads it (a lazy chunk under webpack) and returns a Promise, which Excel's runtime awaits like any async
// custom function; every later call returns its value at once. A failed load is not remembered, so a
// recalculation tries again.
type UnitsModule = typeof import("../core/units");
let unitsModule: UnitsModule | undefined;
let unitsLoading: Promise<UnitsModule> | undefined;

/** Loads core/units once (concurrent first calls share the load); resolves when CP.CONVERT answers synchronously. */
export function loadUnits(): Promise<UnitsModule> {
  unitsLoading ??= import(/* webpackChunkName: "units" */ "../core/units").then(
    (m) => (unitsModule = m),
    (e: unknown) => {
      unitsLoading = undefined;
      throw e;
    },
  );
  return unitsLoading;
}

function unitsUnavailable(e: unknown): CellResult {
  const detail = e instanceof Error ? e.message : String(e);
  return excelError("#N/A", `the unit table could not be loaded (${detail}); recalculate to try again`);
}

// ---------------------------------------------------------------------------------------------------------
// Energy and carbon (issue 12)

/** The electricity convention argument: omitted → the data's default (当量); else 当量/等价 (or equivalent/equal). */
function conventionArg(x: unknown): ElectricityConvention | undefined {
  if (x === undefined || x === null || x === "") return undefined;
  return parseConvention(requiredText(x, "convention"));
}

/**
 * Standard coal 折标准煤 (tce) of a quantity of an energy carrier: quantity × kgce per unit (GB/T 2589) / 1000.
 * @customfunction TCE
 * @param quantity Quantity in the carrier's unit: kWh, t (coal, oil, steam, water), m3 (gas), GJ (heat).
 * @param carrier Carrier name as on the coefficient sheet, zh or en: "电力", "天然气", "Steam" …
 * @param [convention] Electricity: "当量" (equivalent, 0.1229 kgce/kWh, the default) or "等价" (equal value).
 * @returns {number} tce (10 000 kWh → 1.229 tce).
 * @remarks
 * Over the bundled coefficients (src/data/energy-carbon/coefficients.json, the sheet's defaults; edits on the
 * sheet do not reach this function). Energy-carrying media (新水, 压缩空气, 氧气) count at their equal value under
 * either convention. Errors: #VALUE! quantity not a number (text, TRUE, blank) or an unknown convention; #N/A an
 * unknown carrier or one without a kgce factor (pollutants). Issue 12; research notes T1.
 */
export function tce(quantity: unknown, carrier: unknown, convention?: unknown) {
  return cell(() => tceOf(requiredNumber(quantity, "quantity"), requiredText(carrier, "carrier"), conventionArg(convention)), "tce");
}

/**
 * CO2 (tCO2) of a quantity of an energy carrier; electricity uses the grid factor of a data year and region, never tce.
 * @customfunction CO2
 * @param quantity Quantity in the carrier's unit: kWh, t (coal, oil, steam), m3 (gas), GJ (heat).
 * @param carrier Carrier name as on the coefficient sheet, zh or en: "电力", "天然气", "Steam" …
 * @param [year] Data year of the grid factor (electricity only); default 2023, the latest in the data.
 * @param [region] Grid region (electricity only): "全国" (default), "华北" … or "全国碳市场".
 * @returns {number} tCO2 (10 000 kWh at 2023 national 0.5306 → 5.306 tCO2).
 * @remarks
 * Fuels: NCV × carbon content × oxidation × 44/12 of the accounting guides; heat 0.11 tCO2/GJ, steam 3.763 GJ/t ×
 * 0.11. Over the bundled coefficients (as CP.TCE). Errors: #VALUE! quantity or year not a number; #N/A an unknown
 * carrier, region or data year (the message lists the years stored), or a carrier without a CO2 factor
 * (pollutants, fresh water). Issue 12; research notes T2, T3.
 */
export function co2(quantity: unknown, carrier: unknown, year?: unknown, region?: unknown) {
  return cell(() => {
    const q = requiredNumber(quantity, "quantity");
    const c = requiredText(carrier, "carrier");
    const y = optionalNumber(year, "year", undefined);
    const r = region === undefined || region === null || region === "" ? undefined : requiredText(region, "region");
    return co2Of(q, c, y, r);
  }, "tCO2");
}
