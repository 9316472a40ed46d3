/**
 * Formula text as the .xlsx file needs it (engineering guide §1 "Formulas in the model").
 *
 * The SheetModel stores invariant English formulas without "=" and without "_xlfn.". In the file,
 * functions added after Excel 2007 must carry the `_xlfn.` prefix (`_xlfn.RANK.EQ(...)`), or Excel and
 * LibreOffice show #NAME?. This module adds it to function-call names only: never inside string literals
 * ("..."), quoted sheet names ('...') or structured references ([...]).
 */

/** Functions that need `_xlfn._xlws.` (dynamic-array functions stored in the worksheet namespace). */
const XLWS_FUNCTIONS = ["FILTER", "SORT"];

/**
 * Functions newer than Excel 2007, stored in the file as `_xlfn.NAME` (Microsoft's list
 * "Issue: An _xlfn. prefix is displayed in front of a formula", plus the 2019–2024 functions).
 */
const XLFN_FUNCTIONS = [
  "ACOT", "ACOTH", "AGGREGATE", "ARABIC", "ARRAYTOTEXT", "BASE", "BETA.DIST", "BETA.INV", "BINOM.DIST",
  "BINOM.DIST.RANGE", "BINOM.INV", "BITAND", "BITLSHIFT", "BITOR", "BITRSHIFT", "BITXOR", "BYCOL", "BYROW",
  "CEILING.MATH", "CEILING.PRECISE", "CHISQ.DIST", "CHISQ.DIST.RT", "CHISQ.INV", "CHISQ.INV.RT", "CHISQ.TEST",
  "CHOOSECOLS", "CHOOSEROWS", "COMBINA", "CONCAT", "CONFIDENCE.NORM", "CONFIDENCE.T", "COT", "COTH",
  "COVARIANCE.P", "COVARIANCE.S", "CSC", "CSCH", "DAYS", "DECIMAL", "DROP", "ERF.PRECISE", "ERFC.PRECISE",
  "EXPAND", "EXPON.DIST", "F.DIST", "F.DIST.RT", "F.INV", "F.INV.RT", "F.TEST", "FILTERXML", "FLOOR.MATH",
  "FLOOR.PRECISE", "FORECAST.ETS", "FORECAST.ETS.CONFINT", "FORECAST.ETS.SEASONALITY", "FORECAST.ETS.STAT",
  "FORECAST.LINEAR", "FORMULATEXT", "GAMMA", "GAMMA.DIST", "GAMMA.INV", "GAMMALN.PRECISE", "GAUSS",
  "HSTACK", "HYPGEOM.DIST", "IFNA", "IFS", "IMCOSH", "IMCOT", "IMCSC", "IMCSCH", "IMSEC", "IMSECH", "IMSINH",
  "IMTAN", "ISFORMULA", "ISOMITTED", "ISOWEEKNUM", "LAMBDA", "LET", "LOGNORM.DIST", "LOGNORM.INV",
  "MAKEARRAY", "MAP", "MAXIFS", "MINIFS", "MODE.MULT", "MODE.SNGL", "MUNIT", "NEGBINOM.DIST",
  "NETWORKDAYS.INTL", "NORM.DIST", "NORM.INV", "NORM.S.DIST", "NORM.S.INV", "NUMBERVALUE", "PDURATION",
  "PERCENTILE.EXC", "PERCENTILE.INC", "PERCENTRANK.EXC", "PERCENTRANK.INC", "PERMUTATIONA", "PHI",
  "POISSON.DIST", "QUARTILE.EXC", "QUARTILE.INC", "RANDARRAY", "RANK.AVG", "RANK.EQ", "REDUCE", "RRI", "SCAN",
  "SEC", "SECH", "SEQUENCE", "SHEET", "SHEETS", "SKEW.P", "SORTBY", "STDEV.P", "STDEV.S", "SWITCH", "T.DIST",
  "T.DIST.2T", "T.DIST.RT", "T.INV", "T.INV.2T", "T.TEST", "TAKE", "TEXTAFTER", "TEXTBEFORE", "TEXTJOIN",
  "TEXTSPLIT", "TOCOL", "TOROW", "UNICHAR", "UNICODE", "UNIQUE", "VALUETOTEXT", "VAR.P", "VAR.S", "VSTACK",
  "WEBSERVICE", "WEIBULL.DIST", "WORKDAY.INTL", "WRAPCOLS", "WRAPROWS", "XLOOKUP", "XMATCH", "XOR", "Z.TEST",
];

/** Upper-case function name → prefix to put in front of it in the file. */
export const FUTURE_FUNCTION_PREFIX: ReadonlyMap<string, string> = new Map([
  ...XLFN_FUNCTIONS.map((f): [string, string] => [f, "_xlfn."]),
  ...XLWS_FUNCTIONS.map((f): [string, string] => [f, "_xlfn._xlws."]),
]);

/**
 * A name followed by "(" and not preceded by a character that would make it part of a longer name
 * (letters, digits, "_", ".", "$", "!" or a closing quote). Group 1 keeps the preceding character.
 */
const FUNCTION_CALL = /(^|[^A-Za-z0-9_.$!'\]])([A-Za-z][A-Za-z0-9.]*)(?=\s*\()/g;

/**
 * Fast pre-check: can the formula contain a call of a listed function at all? Most audit formulas
 * (SUM, IF, PV, RATE ...) cannot, and are then returned as the very same string (the bench showed
 * the scan costing ~4 µs a formula and fresh strings slowing ExcelJS's XML escaping).
 */
const MAY_NEED_PREFIX = new RegExp(
  `(?:${[...FUTURE_FUNCTION_PREFIX.keys()].map((f) => f.replace(/\./g, "\\.")).join("|")})\\s*\\(`,
  "i",
);

function prefixSegment(segment: string): string {
  return segment.replace(FUNCTION_CALL, (whole, before: string, name: string) => {
    const prefix = FUTURE_FUNCTION_PREFIX.get(name.toUpperCase());
    return prefix === undefined ? whole : `${before}${prefix}${name.toUpperCase()}`;
  });
}

/**
 * Adds `_xlfn.` (or `_xlfn._xlws.` for FILTER/SORT) in front of each call of a post-2007 function.
 * Text inside "string literals", 'quoted sheet names' and [structured references] is left untouched;
 * a name that already carries the prefix is not prefixed twice.
 *
 * @example toFileFormula('RANK.EQ(B2,$B$2:$B$9,0)') === '_xlfn.RANK.EQ(B2,$B$2:$B$9,0)'
 * @example toFileFormula('IF(A1="RANK.EQ(",1,2)') is unchanged
 */
export function toFileFormula(formula: string): string {
  if (formula.indexOf("(") < 0 || !MAY_NEED_PREFIX.test(formula)) return formula; // nothing to prefix
  let out = "";
  let start = 0;
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const c = formula.charCodeAt(i);
    if (c === 34 /* " */ || c === 39 /* ' */) {
      out += prefixSegment(formula.slice(start, i));
      let j = i + 1;
      while (j < n) {
        if (formula.charCodeAt(j) === c) {
          if (formula.charCodeAt(j + 1) === c) j += 2; // doubled quote inside
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      start = i;
    } else if (c === 91 /* [ */) {
      out += prefixSegment(formula.slice(start, i));
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        const d = formula.charCodeAt(j);
        if (d === 91) depth++;
        else if (d === 93 && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      start = i;
    } else i++;
  }
  out += prefixSegment(formula.slice(start));
  return out;
}

/** Removes a leading "=" the model should not have (the file stores formulas without it). */
export function withoutEquals(formula: string): string {
  return formula.charCodeAt(0) === 61 ? formula.slice(1) : formula;
}
