/**
 * The audit case file (../shared/cases/README.md "Case file format") and its validation.
 *
 * `validateCase` checks the WHOLE case before anything is written (engineering guide §3: bad input
 * writes nothing) and reports every problem with the JSON path of the field, e.g.
 * `$.parameters.discountRate: expected a number (decimal, e.g. 0.06), got "6%"`.
 * Unknown fields are ignored. Warnings (a case that builds but looks suspicious) are returned
 * separately from errors.
 *
 * Money in 万元, rates as decimal fractions (0.12, not 12), quantities with an explicit unit text.
 */
import { convertQuantity, CpError, DEFAULT_BALANCE_TOLERANCE, evaluateBalance, evaluateEconomics, isKnownUnit, toBasis, unitKind } from "../core";
import { ASPECTS, canonicalItem, CONCLUSIONS, COST_CLASSES, STATUSES, WASTE_CATEGORIES } from "./i18n";

/** Case header. Only `title` is required. */
export interface CaseMeta {
  title: string;
  /** 企业名称 */
  enterprise?: string;
  /** 审核轮次, e.g. "第一轮" */
  auditRound?: string;
  /** 制表 (prepared by) */
  preparedBy?: string;
  /** 审核 (checked by) */
  checkedBy?: string;
  /** 日期, as text (e.g. "2024-05-01") */
  date?: string;
  industry?: string;
  currency?: string;
  source?: string;
  /** Free-form values a correct workbook shows after recalculation (tests only). */
  expected?: unknown;
}

/** Evaluation parameters; decimals and years. Defaults: {@link resolveParameters}. */
export interface CaseParameters {
  /** i, 贴现率, decimal > −1; required when `economics` is present */
  discountRate?: number;
  /** t, 税率, decimal in [0, 1); required when an economics entry derives F from P */
  taxRate?: number;
  /** Y, 折旧年限 > 0; required when an economics entry derives F from P */
  depreciationYears?: number;
  /** n, 计算期, whole years 1..1000; default Y (or the longest cashFlows) */
  evaluationYears?: number;
  /** i_b, 基准收益率, decimal > −1; default i */
  benchmarkRate?: number;
  /** |relative error| accepted by a material balance, decimal ≥ 0; default 0.05 */
  balanceTolerance?: number;
  /** 定额投资偿还期, years > 0; default n */
  paybackQuota?: number;
}

/** 废弃物产生源清单 row (WS2-6). */
export interface WasteSource {
  /** 车间/工段 */
  workshop?: string;
  /** 产生源 */
  source?: string;
  /**
   * 类别: 废水|废气|一般工业固体废物|危险废物|噪声, in either language; the short forms 固废 / 危废 and
   * the older "Solid waste" are accepted. Canonical zh-CN standard term when recognised (i18n's
   * WASTE_CATEGORIES with its aliases), else kept as given.
   */
  category?: string;
  /** 名称/主要污染物 */
  name: string;
  /** 产生量 ≥ 0, in `unit` */
  quantity: number;
  /** an audit unit text such as "t/a" */
  unit: string;
  /** 处理处置方式 */
  treatment?: string;
  /** 年处理费用, 万元/a */
  annualCost?: number;
  /** 备注 */
  remark?: string;
}

export interface FocusFactor {
  name: string;
  /** W > 0 (1–10 by convention) */
  weight: number;
}

export interface FocusCandidate {
  name: string;
  /** R per factor, same order as the factors (1–10 by convention) */
  scores: number[];
}

/** 权重总和计分排序法 input (WS2-11). */
export interface FocusSelection {
  factors: FocusFactor[];
  candidates: FocusCandidate[];
}

export interface BalanceStream {
  stream: string;
  /** ≥ 0 in `unit` */
  quantity: number;
  unit: string;
}

/** One balance (WS3-4): a unit operation or the audit focus, all streams converted to `basis`. */
export interface BalanceEntry {
  unitOperation: string;
  /** basis unit, e.g. "t/d"; default: the first input's unit */
  basis: string;
  inputs: BalanceStream[];
  outputs: BalanceStream[];
}

/** 方案汇总表 row (WS4-1). */
export interface OptionEntry {
  /** 方案编号, unique */
  id: string;
  name?: string;
  /** 方案类型: one of the 8 aspects (canonical zh-CN when recognised) */
  aspect?: string;
  /** 费用类别: 无费|低费|中费|高费|无/低费|中/高费 (canonical zh-CN) */
  costClass?: string;
  /** 预计投资, 万元 */
  investment?: number;
  /** 预计年效益, 万元/a */
  annualBenefit?: number;
  /** 方案简介 */
  description?: string;
  /** 环境效果 */
  environmentalEffect?: string;
  /** 状态 (canonical zh-CN when recognised) */
  status?: string;
}

/** 中/高费方案经济评估 row (WS5-3). */
export interface EconomicsEntry {
  /** names an options[].id when options are present */
  optionId: string;
  /** I, 万元 > 0 */
  investment: number;
  /** P, 万元/a */
  annualSavings?: number;
  /** F given directly, 万元/a: overrides F = (P − I/Y)(1 − t) + I/Y */
  annualCashFlow?: number;
  /** per-year after-tax flows F_1..F_n, 万元/a (blank year = null = 0) */
  cashFlows?: (number | null)[];
  /** 技术评估结论 可行|不可行; default 可行 (spec §6.1: only options that passed go on to economics) */
  technical?: string;
  /** 环境评估结论 可行|不可行; default 可行 */
  environmental?: string;
}

/** A validated audit case. */
export interface AuditCase {
  meta: CaseMeta;
  parameters: CaseParameters;
  wasteSources?: WasteSource[];
  focusSelection?: FocusSelection;
  materialBalance?: BalanceEntry[];
  options?: OptionEntry[];
  economics?: EconomicsEntry[];
}

/** One problem (error or warning) with the JSON path of the field, e.g. `$.parameters.discountRate`. */
export interface CaseIssue {
  path: string;
  message: string;
}

/** Parameters with the README's defaults applied. Undefined = absent and without a default. */
export interface ResolvedParameters {
  discountRate?: number;
  taxRate?: number;
  depreciationYears?: number;
  evaluationYears?: number;
  benchmarkRate?: number;
  balanceTolerance: number;
  paybackQuota?: number;
}

/** Default |relative error| accepted by a material balance (spec §4.3). */
export const DEFAULT_TOLERANCE = DEFAULT_BALANCE_TOLERANCE;

/**
 * The parameters of a case with the README's defaults: n = Y (or the longest cashFlows),
 * i_b = i, tolerance 0.05, quota = n.
 */
export function resolveParameters(c: AuditCase): ResolvedParameters {
  const p = c.parameters;
  const longest = Math.max(0, ...(c.economics ?? []).map((e) => e.cashFlows?.length ?? 0));
  const n = p.evaluationYears ?? p.depreciationYears ?? (longest > 0 ? longest : undefined);
  return {
    discountRate: p.discountRate,
    taxRate: p.taxRate,
    depreciationYears: p.depreciationYears,
    evaluationYears: n,
    benchmarkRate: p.benchmarkRate ?? p.discountRate,
    balanceTolerance: p.balanceTolerance ?? DEFAULT_TOLERANCE,
    paybackQuota: p.paybackQuota ?? n,
  };
}

// ---------------------------------------------------------------------------------------------
// validation

type Json = unknown;

function got(x: Json): string {
  if (x === null) return "null";
  if (x === undefined) return "nothing";
  if (Array.isArray(x)) return "an array";
  if (typeof x === "object") return "an object";
  if (typeof x === "string") return JSON.stringify(x);
  return String(x);
}

function isObject(x: Json): x is Record<string, Json> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

class Checker {
  readonly errors: CaseIssue[] = [];
  readonly warnings: CaseIssue[] = [];

  error(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  warn(path: string, message: string): void {
    this.warnings.push({ path, message });
  }

  /** A required or optional string; undefined when absent or wrong (wrong → error). */
  str(obj: Record<string, Json>, key: string, path: string, required: boolean): string | undefined {
    const v = obj[key];
    const p = `${path}.${key}`;
    if (v === undefined || v === null) {
      if (required) this.error(p, "required text is missing");
      return undefined;
    }
    if (typeof v !== "string") {
      this.error(p, `expected a text, got ${got(v)}`);
      return undefined;
    }
    if (required && v.trim() === "") {
      this.error(p, "required text is empty");
      return undefined;
    }
    return v;
  }

  /** A required or optional finite number; `hint` describes the expected form. */
  num(obj: Record<string, Json>, key: string, path: string, required: boolean, hint = ""): number | undefined {
    const v = obj[key];
    const p = `${path}.${key}`;
    const what = hint ? `a number (${hint})` : "a number";
    if (v === undefined || v === null) {
      if (required) this.error(p, `required ${what} is missing`);
      return undefined;
    }
    if (typeof v !== "number" || !Number.isFinite(v)) {
      this.error(p, `expected ${what}, got ${got(v)}`);
      return undefined;
    }
    return v;
  }

  /** An optional array (required → error when absent); undefined when absent or not an array. */
  arr(obj: Record<string, Json>, key: string, path: string, required: boolean): Json[] | undefined {
    const v = obj[key];
    const p = `${path}.${key}`;
    if (v === undefined || v === null) {
      if (required) this.error(p, "required list is missing");
      return undefined;
    }
    if (!Array.isArray(v)) {
      this.error(p, `expected a list ([...]), got ${got(v)}`);
      return undefined;
    }
    return v;
  }
}

const RATE_HINT = "decimal, e.g. 0.06";
const YEARS_HINT = "years, e.g. 10";

function checkMeta(ck: Checker, root: Record<string, Json>): CaseMeta | undefined {
  const m = root.meta;
  if (m === undefined || m === null) {
    ck.error("$.meta", "required object is missing (it needs at least a title)");
    return undefined;
  }
  if (!isObject(m)) {
    ck.error("$.meta", `expected an object, got ${got(m)}`);
    return undefined;
  }
  const title = ck.str(m, "title", "$.meta", true);
  const meta: CaseMeta = { title: title ?? "" };
  for (const key of ["enterprise", "auditRound", "preparedBy", "checkedBy", "date", "industry", "currency", "source"] as const) {
    const v = ck.str(m, key, "$.meta", false);
    if (v !== undefined) meta[key] = v;
  }
  if (m.expected !== undefined) meta.expected = m.expected;
  return title === undefined ? undefined : meta;
}

function checkParameters(ck: Checker, root: Record<string, Json>): CaseParameters {
  const out: CaseParameters = {};
  const pv = root.parameters;
  if (pv === undefined || pv === null) return out;
  if (!isObject(pv)) {
    ck.error("$.parameters", `expected an object, got ${got(pv)}`);
    return out;
  }
  const P = "$.parameters";
  const rate = (key: "discountRate" | "benchmarkRate") => {
    const v = ck.num(pv, key, P, false, RATE_HINT);
    if (v === undefined) return;
    if (v <= -1) ck.error(`${P}.${key}`, `must be greater than −1 (a decimal, 0.12 = 12 %), got ${v}`);
    else {
      out[key] = v;
      if (v > 1) ck.warn(`${P}.${key}`, `${v} is more than 100 %: rates are decimals (0.12 = 12 %, not 12)`);
    }
  };
  rate("discountRate");
  rate("benchmarkRate");
  const t = ck.num(pv, "taxRate", P, false, RATE_HINT);
  if (t !== undefined) {
    if (t < 0 || t >= 1) ck.error(`${P}.taxRate`, `must be a decimal from 0 up to (not including) 1 (0.25 = 25 %), got ${t}`);
    else out.taxRate = t;
  }
  const y = ck.num(pv, "depreciationYears", P, false, YEARS_HINT);
  if (y !== undefined) {
    if (y <= 0) ck.error(`${P}.depreciationYears`, `must be greater than 0, got ${y}`);
    else out.depreciationYears = y;
  }
  const n = ck.num(pv, "evaluationYears", P, false, YEARS_HINT);
  if (n !== undefined) {
    if (!Number.isInteger(n) || n < 1 || n > 1000) ck.error(`${P}.evaluationYears`, `must be a whole number of years from 1 to 1000, got ${n}`);
    else out.evaluationYears = n;
  }
  const tol = ck.num(pv, "balanceTolerance", P, false, "decimal, e.g. 0.05");
  if (tol !== undefined) {
    if (tol < 0) ck.error(`${P}.balanceTolerance`, `must be ≥ 0 (a decimal, 0.05 = 5 %), got ${tol}`);
    else {
      out.balanceTolerance = tol;
      if (tol >= 1) ck.warn(`${P}.balanceTolerance`, `${tol} is 100 % or more: tolerances are decimals (0.05 = 5 %)`);
    }
  }
  const q = ck.num(pv, "paybackQuota", P, false, YEARS_HINT);
  if (q !== undefined) {
    if (q <= 0) ck.error(`${P}.paybackQuota`, `must be greater than 0, got ${q}`);
    else out.paybackQuota = q;
  }
  return out;
}

/**
 * Checks an audit unit text. A refused unit ("ton", "Mg", "month": ambiguous, E14) is always an
 * error. Another unknown unit is an error where quantities are converted (balances); where the
 * unit is only shown (`showOnly`, the waste inventory: Nm3/h of waste gas, dB(A) of noise) it is
 * a warning and the text is kept as written.
 */
function checkUnit(ck: Checker, unit: string | undefined, path: string, showOnly = false): boolean {
  if (unit === undefined) return false;
  if (!isKnownUnit(unit)) {
    let why = "";
    let refused = false;
    try {
      unitKind(unit);
    } catch (e) {
      if (e instanceof CpError) {
        why = e.message;
        refused = /not an audit unit/.test(e.message);
      }
    }
    if (unit.trim() === "") ck.error(path, "required unit is empty");
    else if (refused) ck.error(path, why);
    else if (showOnly) ck.warn(path, `${JSON.stringify(unit)} is not a known audit unit; shown as written (${why})`);
    else ck.error(path, why || `unknown unit ${JSON.stringify(unit)}`);
    return false;
  }
  return true;
}

function checkWasteSources(ck: Checker, root: Record<string, Json>): WasteSource[] | undefined {
  const list = ck.arr(root, "wasteSources", "$", false);
  if (!list) return undefined;
  const out: WasteSource[] = [];
  list.forEach((item, k) => {
    const p = `$.wasteSources[${k}]`;
    if (!isObject(item)) {
      ck.error(p, `expected an object, got ${got(item)}`);
      return;
    }
    const name = ck.str(item, "name", p, true);
    const quantity = ck.num(item, "quantity", p, true, "≥ 0, in `unit`");
    if (quantity !== undefined && quantity < 0) ck.error(`${p}.quantity`, `must be ≥ 0, got ${quantity}`);
    const unit = ck.str(item, "unit", p, true);
    checkUnit(ck, unit, `${p}.unit`, true);
    const ws: WasteSource = { name: name ?? "", quantity: quantity ?? 0, unit: unit ?? "" };
    for (const key of ["workshop", "source", "treatment", "remark"] as const) {
      const v = ck.str(item, key, p, false);
      if (v !== undefined) ws[key] = v;
    }
    const cat = ck.str(item, "category", p, false);
    if (cat !== undefined) {
      const c = canonicalItem(WASTE_CATEGORIES, cat);
      if (c === undefined && cat.trim() !== "") {
        ck.warn(`${p}.category`, `${JSON.stringify(cat)} is not one of ${WASTE_CATEGORIES.map((x) => x.zh).join("/")} (or 固废/危废); kept as written (not counted in the category totals)`);
      }
      ws.category = c ?? cat;
    }
    const cost = ck.num(item, "annualCost", p, false, "万元/a");
    if (cost !== undefined) {
      if (cost < 0) ck.error(`${p}.annualCost`, `must be ≥ 0 万元/a, got ${cost}`);
      ws.annualCost = cost;
    }
    out.push(ws);
  });
  return out;
}

function checkFocus(ck: Checker, root: Record<string, Json>): FocusSelection | undefined {
  const v = root.focusSelection;
  if (v === undefined || v === null) return undefined;
  const P = "$.focusSelection";
  if (!isObject(v)) {
    ck.error(P, `expected an object, got ${got(v)}`);
    return undefined;
  }
  const factorsJ = ck.arr(v, "factors", P, true);
  const candJ = ck.arr(v, "candidates", P, true);
  const factors: FocusFactor[] = [];
  if (factorsJ) {
    if (factorsJ.length === 0) ck.error(`${P}.factors`, "needs at least one factor");
    factorsJ.forEach((f, k) => {
      const p = `${P}.factors[${k}]`;
      if (!isObject(f)) {
        ck.error(p, `expected an object, got ${got(f)}`);
        return;
      }
      const name = ck.str(f, "name", p, false);
      const weight = ck.num(f, "weight", p, true, "W, e.g. 10");
      if (weight !== undefined && weight <= 0) ck.error(`${p}.weight`, `must be greater than 0, got ${weight}`);
      else if (weight !== undefined && (weight < 1 || weight > 10)) ck.warn(`${p}.weight`, `${weight} is outside the usual 1–10 scale`);
      factors.push({ name: name ?? `#${k + 1}`, weight: weight ?? 0 });
    });
  }
  const candidates: FocusCandidate[] = [];
  const names = new Map<string, number>();
  if (candJ) {
    if (candJ.length === 0) ck.error(`${P}.candidates`, "needs at least one candidate");
    candJ.forEach((c, k) => {
      const p = `${P}.candidates[${k}]`;
      if (!isObject(c)) {
        ck.error(p, `expected an object, got ${got(c)}`);
        return;
      }
      const name = ck.str(c, "name", p, true);
      if (name !== undefined) {
        const prev = names.get(name);
        if (prev !== undefined) ck.warn(`${p}.name`, `the same name as ${P}.candidates[${prev}]`);
        else names.set(name, k);
      }
      const sJ = ck.arr(c, "scores", p, true);
      const scores: number[] = [];
      if (sJ) {
        if (factorsJ && sJ.length !== factorsJ.length) {
          ck.error(`${p}.scores`, `expected one score per factor (${factorsJ.length}), got ${sJ.length}`);
        }
        sJ.forEach((s, j) => {
          if (typeof s !== "number" || !Number.isFinite(s)) {
            ck.error(`${p}.scores[${j}]`, `expected a number (R, 1–10), got ${got(s)}`);
            return;
          }
          if (s < 0) ck.error(`${p}.scores[${j}]`, `must be ≥ 0, got ${s}`);
          else if (s < 1 || s > 10) ck.warn(`${p}.scores[${j}]`, `${s} is outside the usual 1–10 scale`);
          scores.push(s);
        });
      }
      candidates.push({ name: name ?? "", scores });
    });
  }
  return { factors, candidates };
}

/** Conversion problems per (unit, basis) pair: null = converts; one parse per pair. */
const pairProblems = new Map<string, string | null>();

function conversionProblem(unit: string, basis: string): string | null {
  const key = `${unit}\u0000${basis}`;
  let p = pairProblems.get(key);
  if (p === undefined) {
    try {
      toBasis(1, unit, basis, "unit");
      p = null;
    } catch (e) {
      if (!(e instanceof CpError)) throw e;
      p = e.message.replace(/^unit: /, "");
    }
    if (pairProblems.size > 10_000) pairProblems.clear();
    pairProblems.set(key, p);
  }
  return p;
}

function checkStreams(ck: Checker, list: Json[] | undefined, path: string, basis: string | undefined, basisOk: boolean): BalanceStream[] {
  const out: BalanceStream[] = [];
  (list ?? []).forEach((s, k) => {
    const p = `${path}[${k}]`;
    if (!isObject(s)) {
      ck.error(p, `expected an object, got ${got(s)}`);
      return;
    }
    const stream = ck.str(s, "stream", p, false);
    const quantity = ck.num(s, "quantity", p, true, "≥ 0, in `unit`");
    if (quantity !== undefined && quantity < 0) ck.error(`${p}.quantity`, `must be ≥ 0 (a measured flow cannot be negative), got ${quantity}`);
    const unit = ck.str(s, "unit", p, true);
    const unitOk = checkUnit(ck, unit, `${p}.unit`);
    if (unitOk && basisOk && basis !== undefined && unit !== undefined) {
      const problem = conversionProblem(unit, basis);
      if (problem !== null) ck.error(`${p}.unit`, problem);
    }
    out.push({ stream: stream ?? `#${k + 1}`, quantity: quantity ?? 0, unit: unit ?? "" });
  });
  return out;
}

function checkBalances(ck: Checker, root: Record<string, Json>): BalanceEntry[] | undefined {
  const list = ck.arr(root, "materialBalance", "$", false);
  if (!list) return undefined;
  const out: BalanceEntry[] = [];
  const ops = new Map<string, number>();
  list.forEach((b, k) => {
    const p = `$.materialBalance[${k}]`;
    if (!isObject(b)) {
      ck.error(p, `expected an object, got ${got(b)}`);
      return;
    }
    const op = ck.str(b, "unitOperation", p, false);
    if (op !== undefined) {
      const key = op.trim().toUpperCase();
      const prev = ops.get(key);
      if (prev !== undefined) ck.error(`${p}.unitOperation`, `${JSON.stringify(op)} is also the unit operation of $.materialBalance[${prev}]: the sheet adds streams by unit operation, so each balance needs its own name`);
      else ops.set(key, k);
    }
    const inJ = ck.arr(b, "inputs", p, true);
    const outJ = ck.arr(b, "outputs", p, true);
    let basis = ck.str(b, "basis", p, false);
    let basisOk = true;
    if (basis !== undefined) basisOk = checkUnit(ck, basis, `${p}.basis`);
    else {
      const first = inJ?.[0];
      if (isObject(first) && typeof first.unit === "string" && isKnownUnit(first.unit)) basis = first.unit;
    }
    const inputs = checkStreams(ck, inJ, `${p}.inputs`, basis, basisOk);
    const outputs = checkStreams(ck, outJ, `${p}.outputs`, basis, basisOk);
    if (inJ && inJ.length === 0) ck.error(`${p}.inputs`, "needs at least one input stream (the relative error divides by ΣIn)");
    out.push({ unitOperation: op ?? `#${k + 1}`, basis: basis ?? "", inputs, outputs });
  });
  return out;
}

/**
 * An option id as the sheets can look it up: no `*`, `?` or `~` (wildcards of MATCH/COUNTIF in
 * Excel and LibreOffice) and no leading or trailing space (invisible in a cell, yet part of the
 * id). Reports an error at `path` and returns false when the id is unusable.
 */
function checkIdText(ck: Checker, id: string, path: string): boolean {
  let ok = true;
  const wild = [...new Set(id.match(/[*?~]/g) ?? [])];
  if (wild.length > 0) {
    ck.error(path, `${JSON.stringify(id)} contains ${wild.map((w) => `"${w}"`).join(", ")}: * ? ~ are wildcards in Excel's lookups, so an option id must not use them`);
    ok = false;
  }
  if (id !== id.trim()) {
    ck.error(path, `${JSON.stringify(id)} has a leading or trailing space: write the id without it (${JSON.stringify(id.trim())})`);
    ok = false;
  }
  return ok;
}

function checkOptions(ck: Checker, root: Record<string, Json>): OptionEntry[] | undefined {
  const list = ck.arr(root, "options", "$", false);
  if (!list) return undefined;
  const out: OptionEntry[] = [];
  const seen = new Map<string, { k: number; id: string }>();
  list.forEach((o, k) => {
    const p = `$.options[${k}]`;
    if (!isObject(o)) {
      ck.error(p, `expected an object, got ${got(o)}`);
      return;
    }
    const id = ck.str(o, "id", p, true);
    if (id !== undefined && checkIdText(ck, id, `${p}.id`)) {
      // the sheet finds ids with = and MATCH, which ignore case: "Z-01" and "z-01" are one id there
      const key = id.toUpperCase();
      const prev = seen.get(key);
      if (prev === undefined) seen.set(key, { k, id });
      else if (prev.id === id) ck.error(`${p}.id`, `duplicate option id ${JSON.stringify(id)} (also $.options[${prev.k}].id): ids must be unique`);
      else ck.error(`${p}.id`, `duplicate option id ${JSON.stringify(id)}: $.options[${prev.k}].id is ${JSON.stringify(prev.id)}, the same ignoring upper/lower case as Excel's lookups compare; ids must be unique`);
    }
    const opt: OptionEntry = { id: id ?? "" };
    for (const key of ["name", "description", "environmentalEffect"] as const) {
      const v = ck.str(o, key, p, false);
      if (v !== undefined) opt[key] = v;
    }
    const aspect = ck.str(o, "aspect", p, false);
    if (aspect !== undefined) {
      const a = canonicalItem(ASPECTS, aspect);
      if (a === undefined && aspect.trim() !== "") {
        ck.warn(`${p}.aspect`, `${JSON.stringify(aspect)} is not one of the 8 aspects (${ASPECTS.map((x) => x.zh).join("/")}); kept as written`);
      }
      opt.aspect = a ?? aspect;
    }
    const cc = ck.str(o, "costClass", p, false);
    if (cc !== undefined && cc.trim() !== "") {
      const c = canonicalItem(COST_CLASSES, cc);
      if (c === undefined) ck.error(`${p}.costClass`, `expected one of ${COST_CLASSES.map((x) => x.zh).join(", ")}, got ${got(cc)}`);
      else opt.costClass = c;
    }
    const st = ck.str(o, "status", p, false);
    if (st !== undefined) {
      const s = canonicalItem(STATUSES, st);
      if (s === undefined && st.trim() !== "") ck.warn(`${p}.status`, `${JSON.stringify(st)} is not one of ${STATUSES.map((x) => x.zh).join("/")}; kept as written`);
      opt.status = s ?? st;
    }
    const inv = ck.num(o, "investment", p, false, "万元");
    if (inv !== undefined) {
      if (inv < 0) ck.error(`${p}.investment`, `must be ≥ 0 万元, got ${inv}`);
      opt.investment = inv;
    }
    const ben = ck.num(o, "annualBenefit", p, false, "万元/a");
    if (ben !== undefined) opt.annualBenefit = ben;
    out.push(opt);
  });
  return out;
}

function conclusion(ck: Checker, obj: Record<string, Json>, key: string, path: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return v ? "可行" : "不可行";
  if (typeof v !== "string") {
    ck.error(`${path}.${key}`, `expected 可行/不可行 (or true/false), got ${got(v)}`);
    return undefined;
  }
  const c = canonicalItem(CONCLUSIONS, v);
  if (c === undefined) ck.error(`${path}.${key}`, `expected 可行 or 不可行, got ${got(v)}`);
  return c;
}

function checkEconomics(ck: Checker, root: Record<string, Json>, options: OptionEntry[] | undefined): EconomicsEntry[] | undefined {
  const list = ck.arr(root, "economics", "$", false);
  if (!list) return undefined;
  const out: EconomicsEntry[] = [];
  const ids = options ? new Map(options.map((o) => [o.id, o])) : undefined;
  const seen = new Map<string, number>();
  list.forEach((e, k) => {
    const p = `$.economics[${k}]`;
    if (!isObject(e)) {
      ck.error(p, `expected an object, got ${got(e)}`);
      return;
    }
    const optionId = ck.str(e, "optionId", p, true);
    const investment = ck.num(e, "investment", p, true, "I, 万元 > 0");
    if (investment !== undefined && investment <= 0) ck.error(`${p}.investment`, `must be greater than 0 万元, got ${investment}`);
    const annualSavings = ck.num(e, "annualSavings", p, false, "P, 万元/a");
    const annualCashFlow = ck.num(e, "annualCashFlow", p, false, "F, 万元/a");
    let cashFlows: (number | null)[] | undefined;
    const cfJ = ck.arr(e, "cashFlows", p, false);
    if (cfJ) {
      if (cfJ.length === 0) ck.error(`${p}.cashFlows`, "needs at least one year");
      cashFlows = [];
      cfJ.forEach((f, j) => {
        if (f === null) cashFlows!.push(null);
        else if (typeof f === "number" && Number.isFinite(f)) cashFlows!.push(f);
        else ck.error(`${p}.cashFlows[${j}]`, `expected a number (万元, year ${j + 1}) or null, got ${got(f)}`);
      });
    }
    const absent = (key: string) => e[key] === undefined || e[key] === null;
    if (absent("annualSavings") && absent("annualCashFlow") && absent("cashFlows")) {
      ck.error(`${p}.annualSavings`, "required number (P, 万元/a) is missing: give annualSavings, annualCashFlow or cashFlows");
    }
    if (annualCashFlow !== undefined && cashFlows !== undefined) {
      ck.warn(`${p}.annualCashFlow`, `not used: ${p}.cashFlows is also given, and the per-year flows win (give one of the two)`);
    }
    if (cashFlows !== undefined && cfJ !== undefined && cashFlows.length === cfJ.length && investment !== undefined && investment > 0) {
      // spec §3.3, E03: with more than one sign change several IRRs may exist
      let prev = -1;
      let changes = 0;
      for (const f of cashFlows) {
        if (f === null || f === 0) continue;
        const sign = Math.sign(f);
        if (sign !== prev) changes++;
        prev = sign;
      }
      if (changes > 1) {
        ck.warn(
          `${p}.cashFlows`,
          `the flows −I, F_1..F_n change sign ${changes} times (more than once): several IRRs may exist; the IRR shown is the one found from 10 % (else from the sheet's start value), and the sheet notes it`,
        );
      }
    }
    if (optionId !== undefined && checkIdText(ck, optionId, `${p}.optionId`)) {
      const key = optionId.toUpperCase();
      const prev = seen.get(key);
      if (prev !== undefined) ck.warn(`${p}.optionId`, `option ${JSON.stringify(optionId)} is evaluated twice (also $.economics[${prev}])`);
      else seen.set(key, k);
      if (ids) {
        // exact: the id written on the economic sheet is the register's own text
        const opt = ids.get(optionId);
        if (!opt) {
          const near = [...ids.keys()].find((id) => id.toUpperCase() === key);
          ck.error(
            `${p}.optionId`,
            near !== undefined
              ? `${JSON.stringify(optionId)} differs from the option id ${JSON.stringify(near)} in upper/lower case: write it exactly as in $.options[].id`
              : `${JSON.stringify(optionId)} names no option: expected one of the $.options[].id (${[...ids.keys()].join(", ")})`,
          );
        }
        else if (opt.investment !== undefined && investment !== undefined && opt.investment !== investment) {
          ck.warn(`${p}.investment`, `${investment} differs from the option register's investment ${opt.investment} ($.options[].investment of ${optionId}); the economic sheet uses ${investment}`);
        }
      }
    }
    const entry: EconomicsEntry = { optionId: optionId ?? "", investment: investment ?? 0 };
    if (annualSavings !== undefined) entry.annualSavings = annualSavings;
    if (annualCashFlow !== undefined) entry.annualCashFlow = annualCashFlow;
    if (cashFlows !== undefined) entry.cashFlows = cashFlows;
    const tech = conclusion(ck, e, "technical", p);
    if (tech !== undefined) entry.technical = tech;
    const env = conclusion(ck, e, "environmental", p);
    if (env !== undefined) entry.environmental = env;
    out.push(entry);
  });
  return out;
}

/** Cross-field rules of the README table and a dry run of core on every entry. */
function checkCrossField(ck: Checker, c: AuditCase): void {
  const P = "$.parameters";
  const econ = c.economics ?? [];
  if (econ.length > 0) {
    if (c.parameters.discountRate === undefined && !hasIssue(ck, `${P}.discountRate`)) {
      ck.error(`${P}.discountRate`, "required number (decimal, e.g. 0.06) is missing: economics is present");
    }
    const derived = econ.findIndex((e) => e.annualCashFlow === undefined && e.cashFlows === undefined);
    if (derived >= 0) {
      const why = `$.economics[${derived}] derives F from annualSavings (no annualCashFlow)`;
      if (c.parameters.taxRate === undefined && !hasIssue(ck, `${P}.taxRate`)) ck.error(`${P}.taxRate`, `required number (decimal, e.g. 0.25) is missing: ${why}`);
      if (c.parameters.depreciationYears === undefined && !hasIssue(ck, `${P}.depreciationYears`)) ck.error(`${P}.depreciationYears`, `required number (years, e.g. 10) is missing: ${why}`);
    }
    const rp = resolveParameters(c);
    econ.forEach((e, k) => {
      const years = e.cashFlows?.length ?? 0;
      if (years <= MAX_YEARS) return;
      const why = c.parameters.evaluationYears !== undefined || c.parameters.depreciationYears !== undefined ? "" : " (without evaluationYears and depreciationYears, n is the longest cashFlows)";
      ck.error(`$.economics[${k}].cashFlows`, `lists ${years} years, more than the longest evaluation horizon${why}: n is at most ${MAX_YEARS} years`);
    });
    if (rp.evaluationYears === undefined) {
      if (!hasIssue(ck, `${P}.evaluationYears`)) ck.error(`${P}.evaluationYears`, "required number (years, e.g. 10) is missing: the evaluation horizon n is unknown (no evaluationYears, no depreciationYears)");
    } else if (c.parameters.evaluationYears === undefined && c.parameters.depreciationYears !== undefined) {
      const y = c.parameters.depreciationYears;
      if (!Number.isInteger(y) || y > MAX_YEARS) ck.error(`${P}.depreciationYears`, `${y} is used as the evaluation horizon n (no evaluationYears) and must then be a whole number of years from 1 to ${MAX_YEARS}`);
    } else if (rp.evaluationYears <= MAX_YEARS) {
      const n = rp.evaluationYears;
      econ.forEach((e, k) => {
        const years = e.cashFlows?.length ?? 0;
        if (years > n && years <= MAX_YEARS) ck.error(`$.economics[${k}].cashFlows`, `lists ${years} years but the evaluation horizon n is ${n} (${c.parameters.evaluationYears !== undefined ? "evaluationYears" : "depreciationYears, no evaluationYears"}): set evaluationYears to ${years} or shorten the list`);
      });
    }
  }
  checkSheetExtents(ck, c);
  // Dry run of core only when the structure is sound (core's messages name the entry).
  if (ck.errors.length > 0) return;
  const rp = resolveParameters(c);
  if (econ.length > 0 && rp.discountRate !== undefined && rp.evaluationYears !== undefined) {
    econ.forEach((e, k) => {
      try {
        evaluateEconomics(
          { investment: e.investment, annualSavings: e.annualSavings, annualCashFlow: e.annualCashFlow, cashFlows: e.cashFlows },
          { ...rp, discountRate: rp.discountRate! },
        );
      } catch (err) {
        if (err instanceof CpError) ck.error(`$.economics[${k}]`, err.message);
        else throw err;
      }
    });
  }
  const factors = new Map<string, number>();
  (c.materialBalance ?? []).forEach((b, k) => {
    try {
      const factor = (unit: string) => {
        const key = `${unit}\u0000${b.basis}`;
        let f = factors.get(key);
        if (f === undefined) factors.set(key, (f = unit.trim() === b.basis.trim() ? 1 : convertQuantity(1, unit, b.basis)));
        return f;
      };
      const ins = b.inputs.map((s) => s.quantity * factor(s.unit));
      const outs = b.outputs.map((s) => s.quantity * factor(s.unit));
      evaluateBalance(ins, outs, rp.balanceTolerance);
    } catch (err) {
      if (err instanceof CpError) ck.error(`$.materialBalance[${k}]`, err.message);
      else throw err;
    }
  });
}

/** The longest evaluation horizon n, years (core's limit). */
const MAX_YEARS = 1000;
/** Rows and columns of one worksheet (Excel 2007+, also LibreOffice's limit for .xlsx). */
export const MAX_SHEET_ROWS = 1_048_576;
export const MAX_SHEET_COLUMNS = 16_384;

/**
 * Rows above a table at most (header block, summary blocks such as the register's counts, band and
 * header rows): a generous bound so that the extents check never depends on a sheet's layout.
 */
const ROWS_ABOVE_TABLES = 40;
/** Empty rows laid out below a case's rows (layout's SPARE_ROWS and the feasibility sheet's extra ones). */
const ROWS_BELOW = 8;

/**
 * Every table of the case must fit in one sheet (at most {@link MAX_SHEET_ROWS} rows and
 * {@link MAX_SHEET_COLUMNS} columns): one row per entry (waste source, focus candidate, stream,
 * option), the focus table one column per factor, the cash-flow table four columns per year.
 */
function checkSheetExtents(ck: Checker, c: AuditCase): void {
  const fmt = (x: number) => x.toLocaleString("en-US");
  const fit = (path: string, count: number, used: number, limit: number, per: number, what: string, unit: "rows" | "columns") => {
    const over = used - limit;
    if (over <= 0) return;
    const most = Math.max(0, count - Math.ceil(over / per));
    ck.error(path, `${fmt(count)} ${what} need ${fmt(used)} ${unit} but a sheet has ${fmt(limit)}: at most ${fmt(most)} ${what} fit in one sheet`);
  };
  const rows = (n: number) => ROWS_ABOVE_TABLES + n + ROWS_BELOW;
  const fs = c.focusSelection;
  if (fs) {
    fit("$.focusSelection.candidates", fs.candidates.length, rows(fs.candidates.length), MAX_SHEET_ROWS, 1, "candidates", "rows");
    fit("$.focusSelection.factors", fs.factors.length, fs.factors.length + 8, MAX_SHEET_COLUMNS, 1, "factors", "columns");
  }
  if (c.wasteSources) fit("$.wasteSources", c.wasteSources.length, rows(c.wasteSources.length), MAX_SHEET_ROWS, 1, "waste sources", "rows");
  const mb = c.materialBalance;
  if (mb) {
    const streams = mb.reduce((n, b) => n + b.inputs.length + b.outputs.length, 0);
    fit("$.materialBalance", streams, rows(streams), MAX_SHEET_ROWS, 1, "streams", "rows");
  }
  if (c.options) fit("$.options", c.options.length, rows(c.options.length), MAX_SHEET_ROWS, 1, "options", "rows");
  if (c.economics) fit("$.economics", c.economics.length, rows(c.economics.length), MAX_SHEET_ROWS, 1, "options", "rows");
}

function hasIssue(ck: Checker, path: string): boolean {
  return ck.errors.some((e) => e.path === path);
}

/**
 * Validates a parsed case file (JSON.parse output) against the case format of
 * ../shared/cases/README.md: required fields, types, ranges, the cross-field rules (discountRate
 * when economics is present; taxRate and depreciationYears when F is derived; unique option ids;
 * economics[].optionId names an option; units known and of the balance basis's kind; quantities
 * ≥ 0; one score per factor) and a dry run of core on every economics entry and balance.
 *
 * @returns `{ ok: true, value, warnings }` with enumerations normalised to their zh-CN form, or
 *   `{ ok: false, errors }` listing EVERY problem, each with its JSON path (`$.options[2].id`).
 */
export function validateCase(json: unknown): { ok: true; value: AuditCase; warnings: CaseIssue[] } | { ok: false; errors: CaseIssue[] } {
  const ck = new Checker();
  if (!isObject(json)) {
    ck.error("$", `expected a case object ({ "meta": ..., "parameters": ... }), got ${got(json)}`);
    return { ok: false, errors: ck.errors };
  }
  const meta = checkMeta(ck, json);
  const parameters = checkParameters(ck, json);
  const wasteSources = checkWasteSources(ck, json);
  const focusSelection = checkFocus(ck, json);
  const materialBalance = checkBalances(ck, json);
  const options = checkOptions(ck, json);
  const economics = checkEconomics(ck, json, options);
  const value: AuditCase = { meta: meta ?? { title: "" }, parameters };
  if (wasteSources) value.wasteSources = wasteSources;
  if (focusSelection) value.focusSelection = focusSelection;
  if (materialBalance) value.materialBalance = materialBalance;
  if (options) value.options = options;
  if (economics) value.economics = economics;
  checkCrossField(ck, value);
  if (ck.errors.length > 0) return { ok: false, errors: ck.errors };
  return { ok: true, value, warnings: ck.warnings };
}

/** One line per issue: `$.parameters.discountRate: expected a number ...`. */
export function formatIssue(issue: CaseIssue): string {
  return `${issue.path}: ${issue.message}`;
}
