/**
 * The audit case file (../shared/cases/README.md "Case file format") and its validation.
 *
 * `validateCase` checks the WHOLE case before anything is written (engineering guide §3: bad input
 * writes nothing) and reports every problem with the JSON path of the field, e.g.
 * `$.parameters.discountRate: expected a number (decimal, e.g. 0.06), got "6%"`.
 * Unknown fields are ignored. Warnings (a case that builds but looks suspicious) are returned
 * separately from errors.
 *
 * The file's shape (types, required fields, ranges, id text) is described once, in
 * ./case-schema.ts, and the types below come from it; this module keeps what a schema cannot
 * say: the rules across fields and entries, the units (core's audit units and their kinds), the
 * normalisation of enumerations to their zh-CN form, the warnings and a dry run of core.
 *
 * Money in 万元, rates as decimal fractions (0.12, not 12), quantities with an explicit unit text.
 */
import { convertQuantity, CpError, DEFAULT_BALANCE_TOLERANCE, ENERGY_CARBON, evaluateBalance, evaluateEconomics, isKnownUnit, MAX_YEARS, toBasis, unitKind } from "../core";
import { EFFECT_TAGS, libraryOption } from "../core/option-library";
import { got, parseCaseFile, type CaseFile } from "./case-schema";
import { ANNUAL_CLASSES, ASPECTS, BENCH_DIRECTIONS, BETTER, canonicalItem, CONCLUSIONS, COST_CLASSES, INPUT_CLASS_COUNT, PROCESS_MODES, STREAM_CLASSES, ENV_COST_ITEMS, FUNDING_SOURCES, GRID_REGIONS, HIGH_COST_CLASSES, HIGH_COST_ITEMS, LOW_COST_CLASSES, SCREENING_CRITERIA, STATUSES, TEAM_GROUPS, TEAM_ROLES, TICKS, WALK_AREAS, WASTE_CATEGORIES, YES_NO, YES_NO_NA, PLAN_CATEGORIES, type L } from "./i18n";
import { INDEX_SYSTEM_IDS } from "./index-system-ids";
import { EFFECT_ITEM_LIST } from "./definitions/phase6-items";
import { factorSubtotal, suggestionFor, type CandidateFigures } from "./focus-suggestions";

// ---------------------------------------------------------------------------------------------
// types (from the schema; the fields validateCase fills in are made definite)

type Entry<T> = T extends readonly (infer U)[] ? U : never;
type FileFocus = NonNullable<CaseFile["focusSelection"]>;
type FileBalance = Entry<NonNullable<CaseFile["materialBalance"]>>;
type FileEconomics = Entry<NonNullable<CaseFile["economics"]>>;

/** Case header. Only `title` is required. */
export type CaseMeta = CaseFile["meta"];

/** Evaluation parameters; decimals and years (ranges in the schema). Defaults: {@link resolveParameters}. */
export type CaseParameters = CaseFile["parameters"];

/** 废弃物产生源清单 row (WS2-6); `category` in its canonical zh-CN form when recognised. */
export type WasteSource = Entry<NonNullable<CaseFile["wasteSources"]>>;

/** A weighting factor; an unnamed one is called `#1`, `#2`, ... */
export interface FocusFactor extends Omit<Entry<FileFocus["factors"]>, "name"> {
  name: string;
}

/**
 * A candidate of 表2-11: `scores` are those the sheet ranks by (a typed score, or where the file
 * gives null the score suggested from `candidateData`, focus-suggestions.ts), `typed` the file's
 * scores (null = suggested; absent = all of `scores` were typed).
 */
export interface FocusCandidate extends Omit<Entry<FileFocus["candidates"]>, "scores"> {
  scores: number[];
  typed?: (number | null)[];
}

/** 备选审核重点情况 row (WS2-10). */
export type CandidateDataEntry = Entry<NonNullable<CaseFile["candidateData"]>>;

/** 权重总和计分排序法 input (WS2-11). */
export interface FocusSelection {
  factors: FocusFactor[];
  candidates: FocusCandidate[];
}

/**
 * A stream of a balance; an unnamed one is called `#1`, `#2`, ... `quantity` and `unit` are those
 * the sheet uses: the typed ones, or the mean and unit of the stream's `measurementPoint` (WS3-3).
 */
export interface BalanceStream extends Omit<Entry<FileBalance["inputs"]>, "stream" | "quantity" | "unit"> {
  stream: string;
  quantity: number;
  unit: string;
  /** 分类 in its canonical zh-CN form */
  class?: string;
}

/** 审核重点单元操作 row (WS3-2). */
export type UnitOperationEntry = Entry<NonNullable<CaseFile["unitOperations"]>>;

/** 实测计划及数据 row (WS3-3); `mode` in its canonical zh-CN form (间歇 / 连续). */
export type MeasurementEntry = Entry<NonNullable<CaseFile["measurements"]>>;

/** 水平衡 row (spec §4.4). */
export type WaterBalanceEntry = Entry<NonNullable<CaseFile["waterBalance"]>>;

/** A coefficient-table override or addition (issue 12: `factors`). */
export type FactorEntry = Entry<NonNullable<CaseFile["factors"]>>;

/** A grid emission factor override or addition (issue 12: `gridFactors`). */
export type GridFactorEntry = Entry<NonNullable<CaseFile["gridFactors"]>>;

/** Mean of the numeric readings (blank cycles ignored, as AVERAGE does), or null when there is none. */
export function readingsMean(readings: readonly (number | null | undefined)[]): number | null {
  const xs = readings.filter((x): x is number => typeof x === "number");
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** One balance (WS3-4): a unit operation or the audit focus, all streams converted to `basis`. */
export interface BalanceEntry extends Omit<FileBalance, "unitOperation" | "basis" | "inputs" | "outputs"> {
  /** default `#1`, `#2`, ... */
  unitOperation: string;
  /** basis unit, e.g. "t/d"; default: the first input's unit */
  basis: string;
  inputs: BalanceStream[];
  outputs: BalanceStream[];
}

/** 方案汇总表 row (WS4-1); aspect, costClass and status in their canonical zh-CN form when recognised. */
export type OptionEntry = Entry<NonNullable<CaseFile["options"]>>;

/** 中/高费方案经济评估 row (WS5-3). */
export interface EconomicsEntry extends Omit<FileEconomics, "technical" | "environmental"> {
  /** 技术评估结论 可行|不可行; default 可行 (spec §6.1: only options that passed go on to economics) */
  technical?: string;
  /** 环境评估结论 可行|不可行; default 可行 */
  environmental?: string;
}

/** Issue 10 part A sections (WS1-1 … WS3-5): the case file's rows as the schema gives them. */
export type TeamMember = Entry<NonNullable<CaseFile["team"]>>;
export type PlanStage = Entry<NonNullable<CaseFile["plan"]>>;
export type EnterpriseProfile = NonNullable<CaseFile["profile"]>;
export type StaffEntry = Entry<NonNullable<CaseFile["staff"]>>;
export type EquipmentEntry = Entry<NonNullable<CaseFile["equipment"]>>;
export type FacilityEntry = Entry<NonNullable<CaseFile["facilities"]>>;
export type EnvCostEntry = Entry<NonNullable<CaseFile["envCosts"]>>;
export type CauseEntry = Entry<NonNullable<NonNullable<CaseFile["causes"]>["plant"]>>;
export type WalkthroughEntry = Entry<NonNullable<CaseFile["walkthrough"]>>;
export type DataInventoryEntry = Entry<NonNullable<CaseFile["dataInventory"]>>;

/** The case-file keys of the issue 10 part A sections (copied as validated). */
const PHASE13_KEYS = ["team", "plan", "profile", "staff", "equipment", "facilities", "envCosts", "causes", "walkthrough", "dataInventory"] as const;
/** A screening criterion's case-file key (technical, environmental, economic, implementation, production). */
export type CriterionKey = (typeof SCREENING_CRITERIA)[number]["key"];

/** One option of the simple screening (WS4-2): a tick "√" / "×" per judged criterion. */
export interface ScreeningEntry {
  optionId: string;
  ticks: Partial<Record<CriterionKey, "√" | "×">>;
}

/** 方案初步筛选 input (WS4-2): the rule (× allowed outside the vetoes, the veto criteria) and the options. */
export interface Screening {
  allowedCrosses: number;
  vetoes: CriterionKey[];
  options: ScreeningEntry[];
}

/** 方案的权重总和计分排序 input (WS4-3). */
export interface OptionRanking {
  factors: FocusFactor[];
  options: { optionId: string; scores: number[] }[];
}

export type OptionDescription = Entry<NonNullable<CaseFile["optionDescriptions"]>>;
export type LowCostResult = Entry<NonNullable<CaseFile["lowCostResults"]>>;
/** 表6-2 row: one effect item of an implemented no/low-cost option (item in its canonical zh-CN form when known). */
export type LowCostEffect = Entry<NonNullable<CaseFile["lowCostEffects"]>>;
/** 表6-4 row: one effect item of an implemented medium/high-cost option, with its design value. */
export type HighCostEffect = Entry<NonNullable<CaseFile["highCostEffects"]>>;
/** 表6-9 qualitative impact (方面, 影响与成效, 备注). */
export type PerformanceNote = Entry<NonNullable<CaseFile["performanceNotes"]>>;
/** 表5-1 投资费用统计表 row (WS5-1), 万元. */
export type InvestmentEntry = Entry<NonNullable<CaseFile["investment"]>>;

/** 表5-2 运行费用和收益统计表 row (WS5-2), 万元/a. */
export type OperatingEntry = Entry<NonNullable<CaseFile["operating"]>>;

/** Issue 12 (phase 6, helper I): 表6-1 task, 表6-3 row, 表6-5 item and ex-post rows (funding and item in their zh-CN form). */
export type ImplementationTask = Entry<NonNullable<CaseFile["implementation"]>>;
export type LowCostEconomicsEntry = Entry<NonNullable<CaseFile["lowCostEconomics"]>>;
export type HighCostItem = Entry<NonNullable<NonNullable<CaseFile["highCostEconomics"]>["items"]>>;
export type ExpostEntry = Entry<NonNullable<NonNullable<CaseFile["highCostEconomics"]>["expost"]>>;

/** A validated audit case. */
export interface AuditCase extends Omit<CaseFile, "focusSelection" | "materialBalance" | "economics" | "screening" | "optionRanking"> {
  focusSelection?: FocusSelection;
  materialBalance?: BalanceEntry[];
  economics?: EconomicsEntry[];
  screening?: Screening;
  optionRanking?: OptionRanking;
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
export function resolveParameters(c: { parameters: CaseParameters; economics?: readonly ({ cashFlows?: readonly unknown[] } | undefined)[] }): ResolvedParameters {
  const p = c.parameters;
  const longest = (c.economics ?? []).reduce((n, e) => Math.max(n, e?.cashFlows?.length ?? 0), 0);
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
// validation: the schema (./case-schema.ts), then what it cannot say

/**
 * The case as far as the schema accepted it: every field the schema refused is taken out (a
 * refused list entry becomes `undefined`, so the indices stay those of the file); what is left
 * has the schema's types. The rules across fields run on it, so that every problem of the file
 * is reported at once without repeating the structural ones.
 */
type Loose<T> = T extends readonly (infer U)[] ? (Loose<U> | undefined)[] : T extends object ? { [K in keyof T]?: Loose<T[K]> } : T;
type LooseCase = Loose<CaseFile>;
type LooseEntry<T> = NonNullable<Entry<NonNullable<T>>>;
type LooseStream = LooseEntry<LooseEntry<LooseCase["materialBalance"]>["inputs"]>;

class Checker {
  readonly errors: CaseIssue[] = [];
  readonly warnings: CaseIssue[] = [];
  private readonly errorPaths = new Set<string>();

  error(path: string, message: string): void {
    this.errors.push({ path, message });
    this.errorPaths.add(path);
  }

  warn(path: string, message: string): void {
    this.warnings.push({ path, message });
  }

  /** Whether an error was reported at `path`. */
  has(path: string): boolean {
    return this.errorPaths.has(path);
  }
}

function isObject(x: unknown): x is Record<PropertyKey, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * `null` where a field would be is read as absent (JSON exported by other tools writes it): such
 * properties are dropped before the schema sees the case. A null list entry stays (a blank year of
 * `cashFlows`; elsewhere an error), and the free-form `meta.expected` is kept as written.
 * Copies only the objects it changes.
 */
function withoutNulls(x: unknown): unknown {
  if (Array.isArray(x)) {
    let out: unknown[] | undefined;
    for (let k = 0; k < x.length; k++) {
      const v: unknown = x[k];
      if (typeof v !== "object" || v === null) continue;
      const w = withoutNulls(v);
      if (w !== v) (out ??= x.slice())[k] = w;
    }
    return out ?? x;
  }
  if (!isObject(x)) return x;
  let out: Record<PropertyKey, unknown> | undefined;
  for (const key of Object.keys(x)) {
    const v = x[key];
    if (v === null) {
      out ??= { ...x };
      delete out[key];
    } else if (typeof v === "object" && key !== "expected") {
      const w = withoutNulls(v);
      if (w !== v) (out ??= { ...x })[key] = w;
    }
  }
  return out ?? x;
}

/** `root` without the values at `paths` (deleted from objects, `undefined` in lists); copies only what it changes. */
function withoutFields(root: Record<PropertyKey, unknown>, paths: readonly (readonly PropertyKey[])[]): Record<PropertyKey, unknown> {
  const copies = new Map<object, Record<PropertyKey, unknown>>();
  const copyOf = (o: object): Record<PropertyKey, unknown> => {
    let c = copies.get(o);
    if (!c) copies.set(o, (c = (Array.isArray(o) ? o.slice() : { ...o }) as Record<PropertyKey, unknown>));
    return c;
  };
  const top = copyOf(root);
  // deepest first, so that a refused container is not brought back by a path through it
  for (const keys of [...paths].sort((a, b) => b.length - a.length)) {
    let orig: unknown = root;
    let copy = top;
    for (let d = 0; d < keys.length; d++) {
      const key = keys[d]!;
      if (d === keys.length - 1) {
        if (Array.isArray(copy)) copy[key as number] = undefined;
        else delete copy[key];
        break;
      }
      const child: unknown = (orig as Record<PropertyKey, unknown>)[key];
      if (typeof child !== "object" || child === null) break;
      copy = copy[key] = copyOf(child);
      orig = child;
    }
  }
  return top;
}

/**
 * Checks an audit unit text. A refused unit ("ton", "Mg", "month": ambiguous, E14) is always an
 * error. Another unknown unit is an error where quantities are converted (balances); where the
 * unit is only shown (`showOnly`, the waste inventory: Nm3/h of waste gas, dB(A) of noise) it is
 * a warning and the text is kept as written. (A blank unit is refused by the schema.)
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
    if (refused) ck.error(path, why);
    else if (showOnly) ck.warn(path, `${JSON.stringify(unit)} is not a known audit unit; shown as written (${why})`);
    else ck.error(path, why || `unknown unit ${JSON.stringify(unit)}`);
    return false;
  }
  return true;
}

function checkParameters(ck: Checker, p: LooseCase["parameters"]): void {
  const P = "$.parameters";
  for (const key of ["discountRate", "benchmarkRate"] as const) {
    const v = p?.[key];
    if (v !== undefined && v > 1) ck.warn(`${P}.${key}`, `${v} is more than 100 %: rates are decimals (0.12 = 12 %, not 12)`);
  }
  const tol = p?.balanceTolerance;
  if (tol !== undefined && tol >= 1) ck.warn(`${P}.balanceTolerance`, `${tol} is 100 % or more: tolerances are decimals (0.05 = 5 %)`);
}

/**
 * The energy parameters (issue 12): a grid-factor year and region with no factor, bundled or in `gridFactors`, is a
 * warning (the coefficient sheet then shows electricity's CO2 factor blank and says why).
 */
function checkEnergy(ck: Checker, c: LooseCase): void {
  const p = c.parameters;
  if (p?.factorYear === undefined && p?.gridRegion === undefined) return;
  const year = p.factorYear ?? ENERGY_CARBON.defaults.factorYear;
  const regionOf = (text: string) => canonicalItem(GRID_REGIONS, text) ?? text.trim();
  const region = regionOf(p.gridRegion ?? ENERGY_CARBON.defaults.gridRegion);
  const zhOf = (id: string) => ENERGY_CARBON.regions.find((r) => r.id === id)?.zh ?? id;
  const years = [
    ...ENERGY_CARBON.gridFactors.filter((g) => zhOf(g.region) === region).map((g) => g.year),
    ...(c.gridFactors ?? []).flatMap((g) => (g !== undefined && typeof g.region === "string" && regionOf(g.region) === region ? [g.year] : [])),
  ];
  if (!years.includes(year)) {
    ck.warn(
      `$.parameters.${p.factorYear !== undefined ? "factorYear" : "gridRegion"}`,
      `no grid emission factor for ${year} ${region} (years of ${region}: ${[...new Set(years)].sort().join(", ") || "none"}; add one in gridFactors): electricity's CO2 stays blank`,
    );
  }
}

function checkWasteSources(ck: Checker, list: LooseCase["wasteSources"]): void {
  const names = new Set<string>();
  list?.forEach((ws, k) => {
    if (!ws) return;
    const p = `$.wasteSources[${k}]`;
    checkUnit(ck, ws.unit, `${p}.unit`, true);
    // the waste streams by year (WS2-6B) have one row per name: the first entry's
    const name = typeof ws.name === "string" ? ws.name.toLowerCase() : "";
    const history = (["y2", "y1", "discharge", "concentration", "limit", "concentrationUnit"] as const).filter((f) => ws[f] !== undefined);
    if (names.has(name) && history.length > 0) ck.warn(`${p}.${history[0]}`, `the waste streams by year have one row per name: ${JSON.stringify(ws.name)} is an earlier entry's name, so ${history.join(", ")} of this entry are not shown`);
    names.add(name);
    if ((ws.concentration === undefined) !== (ws.limit === undefined)) ck.warn(`${p}.${ws.limit === undefined ? "limit" : "concentration"}`, "达标 needs both concentration and limit; the sheet leaves it blank and flags the row");
    if (typeof ws.discharge === "number" && typeof ws.quantity === "number" && ws.discharge > ws.quantity) ck.warn(`${p}.discharge`, `discharge ${ws.discharge} is more than the quantity generated ${ws.quantity} (same unit); the sheet flags the row`);
    const cat = ws.category;
    if (cat !== undefined && cat.trim() !== "" && canonicalItem(WASTE_CATEGORIES, cat) === undefined) {
      ck.warn(`${p}.category`, `${JSON.stringify(cat)} is not one of ${WASTE_CATEGORIES.map((x) => x.zh).join("/")} (or 固废/危废); kept as written (not counted in the category totals)`);
    }
  });
}

/**
 * Issue 10 part A sections: a list value (role, group, 是/否, area, result, cost item) that is no
 * item of its list is kept as written, with a warning (the sheets' counts do not count it); a
 * completion date before its start and an equipment year after the audit year are warnings too.
 */
function checkPhase13(ck: Checker, c: LooseCase): void {
  const listed = (path: string, v: unknown, items: readonly L[], what: string) => {
    if (typeof v !== "string" || v.trim() === "" || canonicalItem(items, v) !== undefined) return;
    ck.warn(path, `${JSON.stringify(v)} is not one of ${items.map((x) => x.zh).join("/")}; kept as written (not counted as a ${what})`);
  };
  c.team?.forEach((m, k) => {
    listed(`$.team[${k}].role`, m?.role, TEAM_ROLES, "role");
    listed(`$.team[${k}].group`, m?.group, TEAM_GROUPS, "group");
  });
  c.plan?.forEach((s, k) => {
    for (const [a, b] of [["plannedStart", "plannedEnd"], ["actualStart", "actualEnd"]] as const) {
      const from = s?.[a];
      const to = s?.[b];
      if (from !== undefined && to !== undefined && to < from) ck.warn(`$.plan[${k}].${b}`, `${to} is before ${a} ${from}`);
    }
  });
  const year = c.parameters?.auditYear ?? c.meta?.auditYear;
  if (c.parameters?.auditYear !== undefined && c.meta?.auditYear !== undefined && c.parameters.auditYear !== c.meta.auditYear)
    ck.error("$.meta.auditYear", `differs from parameters.auditYear (${c.parameters.auditYear}): give the audit year once, as parameters.auditYear`);
  c.equipment?.forEach((e, k) => {
    listed(`$.equipment[${k}].obsolete`, e?.obsolete, YES_NO, "是/否");
    if (year !== undefined && e?.year !== undefined && e.year > year) ck.warn(`$.equipment[${k}].year`, `${e.year} is after the audit year ${year}`);
  });
  c.envCosts?.forEach((x, k) => listed(`$.envCosts[${k}].item`, x?.item, ENV_COST_ITEMS, "standard cost item"));
  c.walkthrough?.forEach((w, k) => {
    listed(`$.walkthrough[${k}].area`, w?.area, WALK_AREAS, "check area");
    listed(`$.walkthrough[${k}].result`, w?.result, YES_NO_NA, "result");
  });
  c.dataInventory?.forEach((d, k) => listed(`$.dataInventory[${k}].collected`, d?.collected, YES_NO, "是/否"));
}

function checkFocus(ck: Checker, fs: LooseCase["focusSelection"], candidateData?: LooseCase["candidateData"]): void {
  if (!fs) return;
  const P = "$.focusSelection";
  fs.factors?.forEach((f, k) => {
    const w = f?.weight;
    if (w !== undefined && (w < 1 || w > 10)) ck.warn(`${P}.factors[${k}].weight`, `${w} is outside the usual 1–10 scale`);
  });
  const names = new Map<string, number>();
  fs.candidates?.forEach((c, k) => {
    if (!c) return;
    const p = `${P}.candidates[${k}]`;
    if (c.name !== undefined) {
      const prev = names.get(c.name);
      if (prev !== undefined) ck.warn(`${p}.name`, `the same name as ${P}.candidates[${prev}]`);
      else names.set(c.name, k);
    }
    if (!c.scores) return;
    if (fs.factors && c.scores.length !== fs.factors.length) ck.error(`${p}.scores`, `expected one score per factor (${fs.factors.length}), got ${c.scores.length}`);
    c.scores.forEach((s, j) => {
      if (typeof s === "number" && (s < 1 || s > 10)) ck.warn(`${p}.scores[${j}]`, `${s} is outside the usual 1–10 scale`);
      if (s !== null || c.name === undefined) return;
      const factor = fs.factors?.[j]?.name ?? "";
      const data = (candidateData ?? []).filter((x): x is CandidateFigures => x?.name !== undefined);
      if (factorSubtotal(factor) === undefined) ck.error(`${p}.scores[${j}]`, `null (take the suggested score), but factor ${JSON.stringify(factor)} has no suggested score: only 废弃物量, 主要消耗 and 环保费用 (or their English names) are scored from candidateData`);
      else if (suggestionFor(data, factor, c.name) === null) ck.error(`${p}.scores[${j}]`, `null (take the suggested score), but $.candidateData gives no ${JSON.stringify(factor)} figure for ${JSON.stringify(c.name)} (or no candidate has a positive one)`);
    });
  });
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

/** The basis of a balance that names none: its first input's unit, when that is a known audit unit. */
function defaultBasis(inputs: readonly ({ unit?: string } | undefined)[] | undefined): string | undefined {
  const unit = inputs?.[0]?.unit;
  return unit !== undefined && isKnownUnit(unit) ? unit : undefined;
}

/** The measurement of `point` (exact text, as the case names it), or undefined. */
function measurementOf(list: LooseCase["measurements"], point: string): { m: LooseEntry<LooseCase["measurements"]>; k: number } | undefined {
  const k = list?.findIndex((m) => m?.point === point) ?? -1;
  return k >= 0 ? { m: list![k]!, k } : undefined;
}

function checkUnitOperations(ck: Checker, list: LooseCase["unitOperations"]): void {
  const seen = new Map<string, number>();
  list?.forEach((u, k) => {
    const name = u?.name;
    if (name === undefined) return;
    const key = name.trim().toUpperCase();
    const prev = seen.get(key);
    if (prev !== undefined) ck.error(`$.unitOperations[${k}].name`, `${JSON.stringify(name)} is also $.unitOperations[${prev}].name: each unit operation needs its own name (the sheets look it up by name)`);
    else seen.set(key, k);
  });
}

function checkMeasurements(ck: Checker, c: LooseCase): void {
  const seen = new Map<string, number>();
  const ops = c.unitOperations ? new Set(c.unitOperations.map((u) => u?.name)) : undefined;
  c.measurements?.forEach((m, k) => {
    if (!m) return;
    const p = `$.measurements[${k}]`;
    if (m.point !== undefined) {
      const key = m.point.trim().toUpperCase();
      const prev = seen.get(key);
      if (prev !== undefined) ck.error(`${p}.point`, `${JSON.stringify(m.point)} is also $.measurements[${prev}].point (ignoring upper/lower case, as the sheet's lookups compare): each point needs its own name`);
      else seen.set(key, k);
    }
    if (m.mode !== undefined && canonicalItem(PROCESS_MODES, m.mode) === undefined) ck.error(`${p}.mode`, `expected 间歇 (Batch) or 连续 (Continuous), got ${got(m.mode)}`);
    if (m.unit !== undefined) checkUnit(ck, m.unit, `${p}.unit`, true);
    if (ops && m.unitOperation !== undefined && !ops.has(m.unitOperation)) ck.warn(`${p}.unitOperation`, `${JSON.stringify(m.unitOperation)} is none of $.unitOperations[].name (the sheet flags it)`);
  });
}

/**
 * A stream's quantity and unit as the sheet uses them: typed, or its measurement point's mean and
 * unit. Reports a missing quantity, unit or point (JSON paths); fields undefined when unusable.
 */
function streamQuantity(ck: Checker, c: LooseCase, s: LooseStream, path: string): { quantity?: number; unit?: string } {
  const point = s.measurementPoint;
  if (point === undefined) {
    if (s.quantity === undefined && !ck.has(`${path}.quantity`)) ck.error(`${path}.quantity`, "required number (≥ 0, in `unit`) is missing: give quantity and unit, or a measurementPoint");
    if (s.unit === undefined && !ck.has(`${path}.unit`)) ck.error(`${path}.unit`, "required text is missing: give quantity and unit, or a measurementPoint");
    return { quantity: s.quantity, unit: s.unit };
  }
  if (s.quantity !== undefined || s.unit !== undefined) ck.warn(`${path}.quantity`, `not used: the stream names measurement point ${JSON.stringify(point)}, whose mean and unit are used`);
  const hit = measurementOf(c.measurements, point);
  if (!hit) {
    const near = c.measurements?.find((m) => m?.point?.toUpperCase() === point.toUpperCase())?.point;
    ck.error(
      `${path}.measurementPoint`,
      near !== undefined ? `${JSON.stringify(point)} differs from the point ${JSON.stringify(near)} in upper/lower case: write it exactly as in $.measurements[].point` : `${JSON.stringify(point)} names no $.measurements[].point`,
    );
    return {};
  }
  const mp = `$.measurements[${hit.k}]`;
  const mean = readingsMean(hit.m.readings ?? []);
  if (mean === null && !ck.has(`${mp}.readings`)) ck.error(`${mp}.readings`, `no reading: ${path} takes its quantity from this point's mean`);
  if (hit.m.unit === undefined) ck.error(`${mp}.unit`, `required text is missing: ${path} takes its unit from this point`);
  else if (mean !== null && mean < 0) ck.error(`${mp}.readings`, `the mean ${mean} is negative: ${path} takes its quantity from it (a measured flow cannot be negative)`);
  return { quantity: mean ?? undefined, unit: hit.m.unit };
}

function checkBalances(ck: Checker, c: LooseCase): void {
  const list = c.materialBalance;
  const ops = new Map<string, number>();
  list?.forEach((b, k) => {
    if (!b) return;
    const p = `$.materialBalance[${k}]`;
    const op = b.unitOperation;
    if (op !== undefined) {
      const key = op.trim().toUpperCase();
      const prev = ops.get(key);
      if (prev !== undefined) ck.error(`${p}.unitOperation`, `${JSON.stringify(op)} is also the unit operation of $.materialBalance[${prev}]: the sheet adds streams by unit operation, so each balance needs its own name`);
      else ops.set(key, k);
    }
    const used = (side: "inputs" | "outputs") => (b[side] ?? []).map((s, j) => (s ? streamQuantity(ck, c, s, `${p}.${side}[${j}]`) : {}));
    const resolved = { inputs: used("inputs"), outputs: used("outputs") };
    let basis = b.basis;
    let basisOk = !ck.has(`${p}.basis`);
    if (basis !== undefined) basisOk = checkUnit(ck, basis, `${p}.basis`);
    else if (basisOk) basis = defaultBasis(resolved.inputs);
    const streams = (side: "inputs" | "outputs") =>
      b[side]?.forEach((s, j) => {
        if (!s) return;
        const q = resolved[side][j]!;
        const path = s.measurementPoint === undefined ? `${p}.${side}[${j}].unit` : `${p}.${side}[${j}].measurementPoint`;
        if (checkUnit(ck, q.unit, path) && basisOk && basis !== undefined && q.unit !== undefined) {
          const problem = conversionProblem(q.unit, basis);
          if (problem !== null) ck.error(path, problem);
        }
        const cls = s.class;
        if (cls !== undefined) {
          const zh = canonicalItem(STREAM_CLASSES, cls);
          if (zh === undefined) ck.error(`${p}.${side}[${j}].class`, `expected one of ${STREAM_CLASSES.map((x) => x.zh).join("/")}, got ${got(cls)}`);
          else if (STREAM_CLASSES.findIndex((x) => x.zh === zh) < INPUT_CLASS_COUNT !== (side === "inputs")) {
            ck.warn(`${p}.${side}[${j}].class`, `${zh} is a class of ${side === "inputs" ? "outputs" : "inputs"} (the sheet flags it)`);
          }
        }
      });
    streams("inputs");
    streams("outputs");
  });
}

function checkOptions(ck: Checker, list: LooseCase["options"]): void {
  const seen = new Map<string, { k: number; id: string }>();
  list?.forEach((o, k) => {
    if (!o) return;
    const p = `$.options[${k}]`;
    const id = o.id;
    if (id !== undefined) {
      // the sheet finds ids with = and MATCH, which ignore case: "Z-01" and "z-01" are one id there
      const key = id.toUpperCase();
      const prev = seen.get(key);
      if (prev === undefined) seen.set(key, { k, id });
      else if (prev.id === id) ck.error(`${p}.id`, `duplicate option id ${JSON.stringify(id)} (also $.options[${prev.k}].id): ids must be unique`);
      else ck.error(`${p}.id`, `duplicate option id ${JSON.stringify(id)}: $.options[${prev.k}].id is ${JSON.stringify(prev.id)}, the same ignoring upper/lower case as Excel's lookups compare; ids must be unique`);
    }
    const aspect = o.aspect;
    if (aspect !== undefined && aspect.trim() !== "" && canonicalItem(ASPECTS, aspect) === undefined) {
      ck.warn(`${p}.aspect`, `${JSON.stringify(aspect)} is not one of the 8 aspects (${ASPECTS.map((x) => x.zh).join("/")}); kept as written`);
    }
    const cc = o.costClass;
    if (cc !== undefined && cc.trim() !== "" && canonicalItem(COST_CLASSES, cc) === undefined) {
      ck.error(`${p}.costClass`, `expected one of ${COST_CLASSES.map((x) => x.zh).join(", ")}, got ${got(cc)}`);
    }
    const st = o.status;
    if (st !== undefined && st.trim() !== "") {
      // issue 11: the register computes the status from the screening (WS4-2 → WS4-4); a typed one is not used
      const known = canonicalItem(STATUSES, st) !== undefined ? "" : ` (and is not one of ${STATUSES.map((x) => x.zh).join("/")})`;
      ck.warn(`${p}.status`, `${JSON.stringify(st)} is not used${known}: the register's status is computed from the screening ($.screening, sheet 4-2)`);
    }
    if (o.library !== undefined && !libraryOption(o.library)) {
      ck.error(`${p}.library`, `${JSON.stringify(o.library)} is no option of the option library: expected an id such as "BEER-03" (cp-audit options --industry 啤酒 lists them)`);
    }
  });
}

/**
 * The statements 表5-1 / 表5-2 (investment, operating): each entry names an option of the register
 * (exactly, when options are present) and gives at least one amount; an option listed twice is a
 * warning (the economics sheet uses the first).
 */
function checkStatements(ck: Checker, c: LooseCase): void {
  const ids = c.options ? new Set(c.options.flatMap((o) => (o?.id !== undefined ? [o.id] : []))) : undefined;
  for (const [key, list] of [["investment", c.investment], ["operating", c.operating]] as const) {
    const seen = new Map<string, number>();
    list?.forEach((e, k) => {
      if (!e) return;
      const p = `$.${key}[${k}]`;
      const amounts = key === "investment" ? Object.entries(e).filter(([f]) => f !== "optionId") : [...Object.entries((e as { revenue?: object }).revenue ?? {}), ...Object.entries((e as { costDecrease?: object }).costDecrease ?? {})];
      if (!amounts.some(([f, v]) => f !== "illustrative" && typeof v === "number")) ck.error(p, "needs at least one amount (a row with none gives no I or P)");
      const id = e.optionId;
      if (id === undefined) return;
      if (ids && !ids.has(id)) ck.error(`${p}.optionId`, `${JSON.stringify(id)} names no option: expected one of the $.options[].id (${[...ids].join(", ")})`);
      const prev = seen.get(id.toUpperCase());
      if (prev !== undefined) ck.warn(`${p}.optionId`, `option ${JSON.stringify(id)} is listed twice (also $.${key}[${prev}]); the economics sheet uses the first`);
      else seen.set(id.toUpperCase(), k);
    });
  }
}

function checkEconomics(ck: Checker, list: LooseCase["economics"], options: LooseCase["options"]): void {
  if (!list || list.length === 0) return;
  let ids: Map<string, LooseEntry<LooseCase["options"]>> | undefined;
  if (options) {
    ids = new Map();
    for (const o of options) if (o?.id !== undefined) ids.set(o.id, o);
  }
  const seen = new Map<string, number>();
  list.forEach((e, k) => {
    if (!e) return;
    const p = `$.economics[${k}]`;
    const cashFlows = e.cashFlows;
    if (e.annualCashFlow !== undefined && cashFlows !== undefined) {
      ck.warn(`${p}.annualCashFlow`, `not used: ${p}.cashFlows is also given, and the per-year flows win (give one of the two)`);
    }
    if (cashFlows !== undefined && cashFlows.every((f) => f !== undefined) && e.investment !== undefined) {
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
    const optionId = e.optionId;
    if (optionId !== undefined) {
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
        } else if (opt.investment !== undefined && e.investment !== undefined && opt.investment !== e.investment) {
          ck.warn(`${p}.investment`, `${e.investment} differs from the option register's investment ${opt.investment} ($.options[].investment of ${optionId}); the economic sheet uses ${e.investment}`);
        }
      }
    }
    for (const key of ["technical", "environmental"] as const) {
      const v = e[key];
      if (typeof v === "string" && canonicalItem(CONCLUSIONS, v) === undefined) ck.error(`${p}.${key}`, `expected 可行 or 不可行, got ${got(v)}`);
    }
  });
}

/**
 * Phase 4 sections (issue 11), errors: an option screened / ranked / described / verified twice,
 * a tick other than √ or × (or true/false), not one score per factor. Warnings: an optionId that
 * names no option exactly (the sheet shows the row with its 检查 flag), a description of a
 * no/low-cost option, a verified result of a medium/high-cost one.
 */
function checkPhase4(ck: Checker, c: LooseCase): void {
  const options = c.options?.filter((o) => o !== undefined);
  const byId = new Map<string, NonNullable<typeof options>[number]>();
  for (const o of options ?? []) if (o.id !== undefined) byId.set(o.id, o);
  const ref = (path: string, id: string | undefined) => {
    if (id === undefined || !options) return undefined;
    const o = byId.get(id);
    if (o) return o;
    // a warning: the sheet shows the row and its 检查 column names the problem (nothing is computed from a missing option)
    const near = [...byId.keys()].find((x) => x.toUpperCase() === id.toUpperCase());
    ck.warn(
      path,
      near !== undefined
        ? `${JSON.stringify(id)} differs from the option id ${JSON.stringify(near)} in upper/lower case: write it exactly as in $.options[].id`
        : `${JSON.stringify(id)} names no option (expected one of the $.options[].id: ${[...byId.keys()].join(", ")}); the sheet's 检查 column flags the row`,
    );
    return undefined;
  };
  const once = (base: string, list: readonly ({ optionId?: string } | undefined)[] | undefined, what: string) => {
    const seen = new Map<string, number>();
    list?.forEach((e, k) => {
      const id = e?.optionId;
      if (id === undefined) return;
      const prev = seen.get(id.toUpperCase());
      if (prev !== undefined) ck.error(`${base}[${k}].optionId`, `option ${JSON.stringify(id)} is ${what} twice (also ${base}[${prev}]): the sheets look up the first entry only`);
      else seen.set(id.toUpperCase(), k);
    });
  };
  const sc = c.screening;
  if (sc) {
    const rows = sc.options;
    once("$.screening.options", rows, "screened");
    rows?.forEach((e, k) => {
      if (!e) return;
      const p = `$.screening.options[${k}]`;
      ref(`${p}.optionId`, e.optionId);
      for (const cr of SCREENING_CRITERIA) {
        const v = e[cr.key];
        if (typeof v === "string" && canonicalItem(TICKS, v) === undefined) ck.error(`${p}.${cr.key}`, `expected √ or × (or true/false), got ${got(v)}`);
      }
    });
  }
  const rk = c.optionRanking;
  if (rk) {
    once("$.optionRanking.options", rk.options, "ranked");
    rk.factors?.forEach((f, k) => {
      const w = f?.weight;
      if (w !== undefined && (w < 1 || w > 10)) ck.warn(`$.optionRanking.factors[${k}].weight`, `${w} is outside the usual 1–10 scale`);
    });
    rk.options?.forEach((e, k) => {
      if (!e) return;
      const p = `$.optionRanking.options[${k}]`;
      ref(`${p}.optionId`, e.optionId);
      if (e.scores && rk.factors && e.scores.length !== rk.factors.length) ck.error(`${p}.scores`, `expected one score per factor (${rk.factors.length}), got ${e.scores.length}`);
    });
  }
  once("$.optionDescriptions", c.optionDescriptions, "described");
  c.optionDescriptions?.forEach((e, k) => {
    const o = ref(`$.optionDescriptions[${k}].optionId`, e?.optionId);
    if (o?.costClass !== undefined && LOW_COST_CLASSES.includes(canonicalItem(COST_CLASSES, o.costClass) ?? "")) {
      ck.warn(`$.optionDescriptions[${k}].optionId`, `${JSON.stringify(o.id)} is a ${o.costClass} option: the description sheet is for medium/high-cost options (its 检查 column flags it)`);
    }
  });
  checkEffects(ck, c, ref);
  once("$.lowCostResults", c.lowCostResults, "verified");
  c.lowCostResults?.forEach((e, k) => {
    const o = ref(`$.lowCostResults[${k}].optionId`, e?.optionId);
    if (o?.costClass !== undefined && HIGH_COST_CLASSES.includes(canonicalItem(COST_CLASSES, o.costClass) ?? "")) {
      ck.warn(`$.lowCostResults[${k}].optionId`, `${JSON.stringify(o.id)} is a ${o.costClass} option: the sheet verifies no/low-cost options (its 检查 column flags it)`);
    }
  });
}

/**
 * 表6-2 / 表6-4 entries (issue 12): the option is in the register (else a warning: the sheet's 检查
 * flags it) and of the sheet's cost group, an option × item pair once, the item one of the
 * coefficient table's (a warning otherwise: no tce/CO2), `after` not without `before`.
 */
function checkEffects(ck: Checker, c: LooseCase, ref: (path: string, id: string | undefined) => { costClass?: string | undefined } | undefined): void {
  const sections = [
    ["lowCostEffects", c.lowCostEffects, HIGH_COST_CLASSES, "no/low-cost"],
    ["highCostEffects", c.highCostEffects, LOW_COST_CLASSES, "medium/high-cost"],
  ] as const;
  for (const [key, list, wrong, cls] of sections) {
    const seen = new Map<string, number>();
    list?.forEach((e, k) => {
      if (!e) return;
      const p = `$.${key}[${k}]`;
      const o = ref(`${p}.optionId`, e.optionId);
      if (o?.costClass !== undefined && wrong.includes(canonicalItem(COST_CLASSES, o.costClass) ?? "")) {
        ck.warn(`${p}.optionId`, `${JSON.stringify(e.optionId)} is a ${o.costClass} option: this sheet lists ${cls} options (its 检查 column flags it)`);
      }
      if (e.item === undefined) return;
      const item = canonicalItem(EFFECT_ITEM_LIST, e.item);
      if (item === undefined && !(c.factors ?? []).some((f) => f?.item?.trim().toLowerCase() === e.item?.trim().toLowerCase())) ck.warn(`${p}.item`, `${JSON.stringify(e.item)} is not an item of the coefficient table (${EFFECT_ITEM_LIST.map((x) => x.zh).join(", ")}, or one added in $.factors): no tce or CO2 is computed and the 检查 column flags it`);
      const pair = `${(e.optionId ?? "").toUpperCase()}\u0000${(item ?? e.item).toUpperCase()}`;
      const prev = seen.get(pair);
      if (prev !== undefined) ck.error(`${p}.item`, `option ${JSON.stringify(e.optionId)} has item ${JSON.stringify(e.item)} twice (also $.${key}[${prev}]): enter each item of an option once`);
      else seen.set(pair, k);
      if (e.after !== undefined && e.before === undefined) ck.warn(`${p}.before`, "after without before: no reduction is computed (the 检查 column flags it)");
    });
  }
}

/** Cross-field rules of the README table over parameters, economics and the horizon n. */
function checkCrossField(ck: Checker, c: LooseCase): void {
  const P = "$.parameters";
  const p = c.parameters ?? {};
  const econ = c.economics ?? [];
  if (!econ.some((e) => e !== undefined)) return;
  if (p.discountRate === undefined && !ck.has(`${P}.discountRate`)) {
    ck.error(`${P}.discountRate`, "required number (decimal, e.g. 0.06) is missing: economics is present");
  }
  const derived = econ.findIndex((e) => e !== undefined && e.annualCashFlow === undefined && e.cashFlows === undefined);
  if (derived >= 0) {
    const why = `$.economics[${derived}] derives F from annualSavings (no annualCashFlow)`;
    if (p.taxRate === undefined && !ck.has(`${P}.taxRate`)) ck.error(`${P}.taxRate`, `required number (decimal, e.g. 0.25) is missing: ${why}`);
    if (p.depreciationYears === undefined && !ck.has(`${P}.depreciationYears`)) ck.error(`${P}.depreciationYears`, `required number (years, e.g. 10) is missing: ${why}`);
  }
  const rp = resolveParameters({ parameters: p, economics: econ });
  econ.forEach((e, k) => {
    const years = e?.cashFlows?.length ?? 0;
    if (years <= MAX_YEARS) return;
    const why = p.evaluationYears !== undefined || p.depreciationYears !== undefined ? "" : " (without evaluationYears and depreciationYears, n is the longest cashFlows)";
    ck.error(`$.economics[${k}].cashFlows`, `lists ${years} years, more than the longest evaluation horizon${why}: n is at most ${MAX_YEARS} years`);
  });
  if (rp.evaluationYears === undefined) {
    if (!ck.has(`${P}.evaluationYears`)) ck.error(`${P}.evaluationYears`, "required number (years, e.g. 10) is missing: the evaluation horizon n is unknown (no evaluationYears, no depreciationYears)");
  } else if (p.evaluationYears === undefined && p.depreciationYears !== undefined) {
    const y = p.depreciationYears;
    if (!Number.isInteger(y) || y > MAX_YEARS) ck.error(`${P}.depreciationYears`, `${y} is used as the evaluation horizon n (no evaluationYears) and must then be a whole number of years from 1 to ${MAX_YEARS}`);
  } else if (rp.evaluationYears <= MAX_YEARS) {
    const n = rp.evaluationYears;
    econ.forEach((e, k) => {
      const years = e?.cashFlows?.length ?? 0;
      if (years > n && years <= MAX_YEARS) ck.error(`$.economics[${k}].cashFlows`, `lists ${years} years but the evaluation horizon n is ${n} (${p.evaluationYears !== undefined ? "evaluationYears" : "depreciationYears, no evaluationYears"}): set evaluationYears to ${years} or shorten the list`);
    });
  }
}

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
function checkSheetExtents(ck: Checker, c: LooseCase): void {
  const fmt = (x: number) => x.toLocaleString("en-US");
  const fit = (path: string, count: number, used: number, limit: number, per: number, what: string, unit: "rows" | "columns") => {
    const over = used - limit;
    if (over <= 0) return;
    const most = Math.max(0, count - Math.ceil(over / per));
    ck.error(path, `${fmt(count)} ${what} need ${fmt(used)} ${unit} but a sheet has ${fmt(limit)}: at most ${fmt(most)} ${what} fit in one sheet`);
  };
  const rows = (n: number) => ROWS_ABOVE_TABLES + n + ROWS_BELOW;
  const fs = c.focusSelection;
  if (fs?.candidates) fit("$.focusSelection.candidates", fs.candidates.length, rows(fs.candidates.length), MAX_SHEET_ROWS, 1, "candidates", "rows");
  if (fs?.factors) fit("$.focusSelection.factors", fs.factors.length, fs.factors.length + 8, MAX_SHEET_COLUMNS, 1, "factors", "columns");
  if (c.wasteSources) fit("$.wasteSources", c.wasteSources.length, rows(c.wasteSources.length), MAX_SHEET_ROWS, 1, "waste sources", "rows");
  const mb = c.materialBalance;
  if (mb) {
    const streams = mb.reduce((n, b) => n + (b?.inputs?.length ?? 0) + (b?.outputs?.length ?? 0), 0);
    fit("$.materialBalance", streams, rows(streams), MAX_SHEET_ROWS, 1, "streams", "rows");
  }
  if (c.options) fit("$.options", c.options.length, rows(c.options.length), MAX_SHEET_ROWS, 1, "options", "rows");
  if (c.economics) fit("$.economics", c.economics.length, rows(c.economics.length), MAX_SHEET_ROWS, 1, "options", "rows");
  // issue 10 part A: one row per entry
  const lists: [string, readonly unknown[] | undefined, string][] = [
    ["$.team", c.team, "members"],
    ["$.plan", c.plan, "stages"],
    ["$.staff", c.staff, "departments"],
    ["$.equipment", c.equipment, "items of equipment"],
    ["$.facilities", c.facilities, "facilities"],
    ["$.envCosts", c.envCosts, "cost items"],
    ["$.causes.plant", c.causes?.plant, "wastes"],
    ["$.causes.focus", c.causes?.focus, "wastes"],
    ["$.walkthrough", c.walkthrough, "check items"],
    ["$.dataInventory", c.dataInventory, "entries"],
  ];
  for (const [path, list, what] of lists) if (list) fit(path, list.length, rows(list.length), MAX_SHEET_ROWS, 1, what, "rows");
  const so = c.screening?.options;
  if (so) fit("$.screening.options", so.length, rows(so.length), MAX_SHEET_ROWS, 1, "options", "rows");
  const ro = c.optionRanking;
  if (ro?.options) fit("$.optionRanking.options", ro.options.length, rows(ro.options.length), MAX_SHEET_ROWS, 1, "options", "rows");
  if (ro?.factors) fit("$.optionRanking.factors", ro.factors.length, ro.factors.length + 9, MAX_SHEET_COLUMNS, 1, "factors", "columns");
}

/** The validated case: enumerations in their zh-CN form, unnamed entries numbered, each balance's basis. */
function normalise(f: CaseFile): AuditCase {
  // the audit year is one parameter (CP_AuditYear); meta.auditYear is accepted as its older spelling
  const auditYear = f.parameters.auditYear ?? f.meta.auditYear;
  const value: AuditCase = { meta: f.meta, parameters: auditYear !== undefined ? { ...f.parameters, auditYear } : f.parameters };
  for (const k of PHASE13_KEYS) if (f[k] !== undefined) Object.assign(value, { [k]: f[k] });
  if (f.investment) value.investment = f.investment;
  if (f.operating) value.operating = f.operating;
  if (f.paybackQuotas) value.paybackQuotas = f.paybackQuotas;
  // coefficient overrides and additions (issue 12)
  if (f.factors) value.factors = f.factors;
  if (f.gridFactors) value.gridFactors = f.gridFactors;
  if (f.candidateData) value.candidateData = f.candidateData;
  if (f.unitOperations) value.unitOperations = f.unitOperations;
  if (f.waterBalance) value.waterBalance = f.waterBalance;
  if (f.wasteSources) {
    value.wasteSources = f.wasteSources.map((ws) => (ws.category === undefined ? ws : { ...ws, category: canonicalItem(WASTE_CATEGORIES, ws.category) ?? ws.category }));
  }
  if (f.focusSelection) {
    const factors = f.focusSelection.factors.map((x, k) => ({ ...x, name: x.name ?? `#${k + 1}` }));
    const data = f.candidateData ?? [];
    value.focusSelection = {
      factors,
      candidates: f.focusSelection.candidates.map((c) => ({ ...c, typed: c.scores, scores: c.scores.map((s, j) => s ?? suggestionFor(data, factors[j]!.name, c.name)!) })),
    };
  }
  if (f.materialBalance) {
    // a stream that names a measurement point takes the point's mean and unit (checked above)
    const named = (list: FileBalance["inputs"]): BalanceStream[] =>
      list.map(({ quantity, unit, class: cls, ...s }, k) => {
        const m = s.measurementPoint === undefined ? undefined : f.measurements?.find((x) => x.point === s.measurementPoint);
        const out: BalanceStream = { ...s, stream: s.stream ?? `#${k + 1}`, quantity: m ? readingsMean(m.readings)! : quantity!, unit: m ? m.unit! : unit! };
        if (cls !== undefined) out.class = canonicalItem(STREAM_CLASSES, cls) ?? cls;
        return out;
      });
    value.materialBalance = f.materialBalance.map((b, k) => ({
      ...b,
      unitOperation: b.unitOperation ?? `#${k + 1}`,
      basis: b.basis ?? defaultBasis(named(b.inputs)) ?? "",
      inputs: named(b.inputs),
      outputs: named(b.outputs),
    }));
  }
  if (f.measurements) value.measurements = f.measurements.map((m) => (m.mode === undefined ? m : { ...m, mode: canonicalItem(PROCESS_MODES, m.mode) ?? m.mode }));
  if (f.options) {
    value.options = f.options.map((given) => {
      // a library option gives name, aspect, cost class and effect where the case does not
      const lib = given.library !== undefined ? libraryOption(given.library) : undefined;
      const { aspect, costClass, status, ...o } = lib
        ? {
            name: lib.nameZh,
            aspect: lib.aspect,
            costClass: lib.costClass,
            environmentalEffect: lib.effects.map((e) => EFFECT_TAGS[e] ?? e).join("、"),
            ...given,
          }
        : given;
      const opt: OptionEntry = o;
      if (aspect !== undefined) opt.aspect = canonicalItem(ASPECTS, aspect) ?? aspect;
      if (costClass !== undefined && costClass.trim() !== "") opt.costClass = canonicalItem(COST_CLASSES, costClass) ?? costClass;
      if (status !== undefined) opt.status = canonicalItem(STATUSES, status) ?? status;
      return opt;
    });
  }
  if (f.screening) {
    const tick = (v: unknown): "√" | "×" | undefined => (typeof v === "boolean" ? (v ? "√" : "×") : typeof v === "string" ? (canonicalItem(TICKS, v) as "√" | "×" | undefined) : undefined);
    value.screening = {
      allowedCrosses: f.screening.allowedCrosses ?? 0,
      vetoes: (f.screening.vetoes as CriterionKey[] | undefined) ?? SCREENING_CRITERIA.filter((x) => x.veto).map((x) => x.key),
      options: f.screening.options.map((e) => {
        const ticks: ScreeningEntry["ticks"] = {};
        for (const cr of SCREENING_CRITERIA) {
          const t = tick(e[cr.key]);
          if (t !== undefined) ticks[cr.key] = t;
        }
        return { optionId: e.optionId, ticks };
      }),
    };
  }
  if (f.optionDescriptions) value.optionDescriptions = f.optionDescriptions;
  if (f.lowCostResults) value.lowCostResults = f.lowCostResults;
  if (f.lowCostEffects) value.lowCostEffects = f.lowCostEffects.map((e) => ({ ...e, item: canonicalItem(EFFECT_ITEM_LIST, e.item) ?? e.item }));
  if (f.highCostEffects) value.highCostEffects = f.highCostEffects.map((e) => ({ ...e, item: canonicalItem(EFFECT_ITEM_LIST, e.item) ?? e.item }));
  if (f.performanceNotes) value.performanceNotes = f.performanceNotes;
  if (f.optionRanking) {
    value.optionRanking = { factors: f.optionRanking.factors.map((x, k) => ({ ...x, name: x.name ?? `#${k + 1}` })), options: f.optionRanking.options };
  }
  if (f.economics) {
    const conclusion = (v: string | boolean) => (typeof v === "boolean" ? (v ? "可行" : "不可行") : (canonicalItem(CONCLUSIONS, v) ?? v));
    value.economics = f.economics.map(({ technical, environmental, ...e }) => {
      const entry: EconomicsEntry = e;
      if (technical !== undefined) entry.technical = conclusion(technical);
      if (environmental !== undefined) entry.environmental = conclusion(environmental);
      return entry;
    });
  }
  normaliseImplementation(f, value);
  if (f.annualData) value.annualData = f.annualData.map((a) => ({ ...a, category: canonicalItem(ANNUAL_CLASSES, a.category) ?? a.category }));
  if (f.benchmark) value.benchmark = f.benchmark;
  if (f.targets) value.targets = f.targets.map((x) => ({ ...x, direction: canonicalItem(BETTER, x.direction) ?? x.direction }));
  normaliseAfterAudit(f, value);
  return value;
}

/** Issue 12 (helper I): the implementation sections, funding and items in their zh-CN form. */
function normaliseImplementation(f: CaseFile, value: AuditCase): void {
  if (f.implementation) value.implementation = f.implementation.map((x) => (x.funding === undefined ? x : { ...x, funding: canonicalItem(FUNDING_SOURCES, x.funding) ?? x.funding }));
  if (f.lowCostEconomics) value.lowCostEconomics = f.lowCostEconomics;
  if (f.highCostEconomics) {
    const h = f.highCostEconomics;
    value.highCostEconomics = { ...h, ...(h.items ? { items: h.items.map((x) => ({ ...x, item: canonicalItem(HIGH_COST_ITEMS, x.item) ?? x.item })) } : {}) };
  }
  if (f.implementedSummary) value.implementedSummary = f.implementedSummary;
}

/**
 * The rules of the implementation sections (issue 12): option ids name options (a warning: the
 * sheets' 检查 columns flag the row), each option once per table (an option × item once in 表6-5),
 * items of 表6-5 from its list.
 */
function checkImplementation(ck: Checker, c: LooseCase): void {
  const ids = new Set((c.options ?? []).flatMap((o) => (o?.id === undefined ? [] : [o.id])));
  const once = (base: string, list: readonly ({ optionId?: string } | undefined)[] | undefined, key: (e: { optionId?: string }) => string | undefined = (e) => e.optionId?.toUpperCase()) => {
    const seen = new Map<string, number>();
    list?.forEach((e, k) => {
      if (!e?.optionId) return;
      if (c.options && !ids.has(e.optionId)) ck.warn(`${base}[${k}].optionId`, `${JSON.stringify(e.optionId)} names no option of $.options (the sheet's 检查 column flags the row)`);
      const id = key(e);
      if (id === undefined) return;
      const prev = seen.get(id);
      if (prev !== undefined) ck.error(`${base}[${k}].optionId`, `listed twice (also ${base}[${prev}]): the sheets look up the first entry only`);
      else seen.set(id, k);
    });
  };
  once("$.implementation", c.implementation);
  once("$.lowCostEconomics", c.lowCostEconomics);
  const items = c.highCostEconomics?.items;
  once("$.highCostEconomics.items", items, (e) => {
    const it = (e as { item?: string }).item;
    return it === undefined ? undefined : `${e.optionId?.toUpperCase()}\u0000${canonicalItem(HIGH_COST_ITEMS, it) ?? it}`;
  });
  items?.forEach((e, k) => {
    if (e?.item !== undefined && canonicalItem(HIGH_COST_ITEMS, e.item) === undefined) ck.error(`$.highCostEconomics.items[${k}].item`, `${JSON.stringify(e.item)} is not one of ${HIGH_COST_ITEMS.map((x) => `${x.zh} (${x.en})`).join(", ")}`);
  });
  once("$.highCostEconomics.expost", c.highCostEconomics?.expost);
  once("$.implementedSummary", c.implementedSummary);
}

/**
 * The rules of the annual data, benchmark and targets (issue 10): annual item names unique
 * (ignoring case, as the sheets' MATCH does; no * ? ~), classes and directions from their lists,
 * at most one reference product, a known index system, indicator numbers and sources that exist.
 */
function checkPhase2(ck: Checker, c: LooseCase): void {
  const names = new Map<string, number>();
  let refs = 0;
  c.annualData?.forEach((a, k) => {
    if (!a) return;
    const p = `$.annualData[${k}]`;
    if (a.category !== undefined && canonicalItem(ANNUAL_CLASSES, a.category) === undefined) ck.error(`${p}.category`, `${JSON.stringify(a.category)} is not one of ${ANNUAL_CLASSES.map((x) => `${x.zh} (${x.en})`).join(", ")}`);
    if (a.name !== undefined) {
      const key = a.name.trim().toLowerCase();
      if (/[*?~]/.test(a.name)) ck.error(`${p}.name`, `${JSON.stringify(a.name)} contains * ? or ~ (wildcards of Excel's lookups): other sheets link to the item by its name`);
      const prev = names.get(key);
      if (prev !== undefined) ck.error(`${p}.name`, `the same name as $.annualData[${prev}] (names are the key other sheets link by; upper/lower case is not told apart)`);
      else names.set(key, k);
    }
    if (a.reference === true) {
      refs++;
      if (refs > 1) ck.error(`${p}.reference`, "more than one reference product: specific figures divide by ONE product's output");
      if (a.category !== undefined && canonicalItem(ANNUAL_CLASSES, a.category) !== ANNUAL_CLASSES[0]!.zh) ck.error(`${p}.reference`, "the reference product must be of class 产品 (Product)");
    }
  });
  const known = (name: string | undefined) => name !== undefined && names.has(name.trim().toLowerCase());
  const b = c.benchmark;
  if (b) {
    if (b.system !== undefined && !(INDEX_SYSTEM_IDS as readonly string[]).includes(b.system)) ck.error("$.benchmark.system", `${JSON.stringify(b.system)} is not a shipped index system (${INDEX_SYSTEM_IDS.join(", ")})`);
    b.indicators?.forEach((x, k) => {
      if (x?.direction !== undefined && canonicalItem(BENCH_DIRECTIONS, x.direction) === undefined) ck.error(`$.benchmark.indicators[${k}].direction`, `${JSON.stringify(x.direction)} is not one of ${BENCH_DIRECTIONS.map((d) => d.zh).join(" ")}`);
    });
    for (const [no, src] of Object.entries(b.sources ?? {})) {
      if (!known(src)) ck.error(`$.benchmark.sources.${no}`, `${JSON.stringify(src)} is not the name of an annualData item`);
    }
  }
  c.targets?.forEach((x, k) => {
    if (!x) return;
    const p = `$.targets[${k}]`;
    if (x.direction !== undefined && canonicalItem(BETTER, x.direction) === undefined) ck.error(`${p}.direction`, `${JSON.stringify(x.direction)} is not one of ${BETTER.map((d) => `${d.zh} (${d.en})`).join(", ")}`);
    if (x.item !== undefined && /[*?~]/.test(x.item)) ck.error(`${p}.item`, `${JSON.stringify(x.item)} contains * ? or ~ (wildcards of Excel's lookups)`);
    if (x.item !== undefined && known(x.item) && x.baseline !== undefined) ck.warn(`${p}.baseline`, "the item is in the annual data: the sheet links its baseline from there; this value is shown as the typed baseline only");
    for (const h of ["shortTerm", "longTerm"] as const) {
      const t = x[h];
      if (t && t.absolute !== undefined && t.relative !== undefined) ck.error(`${p}.${h}`, "give absolute OR relative: the other one is computed");
    }
  });
}

/**
 * Issue 12 (helper T) sections, copied with their enumerations in zh-CN form: 表6-7 directions,
 * 表7-1 categories (another text is kept as written).
 */
function normaliseAfterAudit(f: CaseFile, value: AuditCase): void {
  if (f.specificIndicators) value.specificIndicators = f.specificIndicators.map((x) => (x.direction === undefined ? x : { ...x, direction: canonicalItem(BETTER, x.direction) ?? x.direction }));
  if (f.targetAttainment) value.targetAttainment = f.targetAttainment;
  if (f.continuousPlan) value.continuousPlan = f.continuousPlan.map((x) => (x.category === undefined ? x : { ...x, category: canonicalItem(PLAN_CATEGORIES, x.category) ?? x.category }));
  if (f.cpOrganisation) value.cpOrganisation = f.cpOrganisation;
  if (f.cpRules) value.cpRules = f.cpRules;
}

/**
 * The rules of the issue 12 (helper T) sections: a 表6-7 direction from its list and no * ? ~ in an
 * indicator (the sheets look it up by name); a typed 审核前 of an annual item (not used), a 表6-8 target that names no `targets` item, a plan
 * category not in the list and a plan ending before it starts are warnings.
 */
function checkAfterAudit(ck: Checker, c: LooseCase): void {
  const annualNames = new Set((c.annualData ?? []).map((a) => a?.name?.trim().toLowerCase()));
  c.specificIndicators?.forEach((x, k) => {
    const p = `$.specificIndicators[${k}]`;
    if (x?.direction !== undefined && canonicalItem(BETTER, x.direction) === undefined) ck.error(`${p}.direction`, `${JSON.stringify(x.direction)} is not one of ${BETTER.map((d) => `${d.zh} (${d.en})`).join(", ")}`);
    if (x?.indicator !== undefined && /[*?~]/.test(x.indicator)) ck.error(`${p}.indicator`, `${JSON.stringify(x.indicator)} contains * ? or ~ (wildcards of Excel's lookups)`);
    if (x?.before !== undefined && x.indicator !== undefined && annualNames.has(x.indicator.trim().toLowerCase())) ck.warn(`${p}.before`, "the indicator is in the annual data: the sheet links 审核前 from there; this value is not used (flagged on the sheet)");
  });
  const items = new Set((c.targets ?? []).map((x) => x?.item?.trim().toLowerCase()));
  c.targetAttainment?.forEach((x, k) => {
    if (x?.target !== undefined && !items.has(x.target.trim().toLowerCase())) ck.warn(`$.targetAttainment[${k}].target`, `${JSON.stringify(x.target)} is not the item of a targets entry: the sheet shows no baseline or target for it`);
  });
  c.continuousPlan?.forEach((x, k) => {
    const p = `$.continuousPlan[${k}]`;
    if (x?.category !== undefined && x.category.trim() !== "" && canonicalItem(PLAN_CATEGORIES, x.category) === undefined) ck.warn(`${p}.category`, `${JSON.stringify(x.category)} is not one of the four standard plan categories; kept as written (flagged on the sheet)`);
    if (x?.start !== undefined && x.end !== undefined && x.end < x.start) ck.warn(`${p}.end`, `${x.end} is before start ${x.start}`);
  });
}

/** A dry run of core on every economics entry and balance (core's messages name the entry). */
function dryRun(ck: Checker, c: AuditCase): void {
  const rp = resolveParameters(c);
  const econ = c.economics ?? [];
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

/**
 * Validates a parsed case file (JSON.parse output) against the case format of
 * ../shared/cases/README.md: the schema of ./case-schema.ts (required fields, types, ranges, id
 * text), then the cross-field rules (discountRate when economics is present; taxRate and
 * depreciationYears when F is derived; unique option ids; economics[].optionId names an option;
 * units known and of the balance basis's kind; one score per factor; the sheets' extents) and a
 * dry run of core on every economics entry and balance.
 *
 * @returns `{ ok: true, value, warnings }` with enumerations normalised to their zh-CN form, or
 *   `{ ok: false, errors }` listing EVERY problem, each with its JSON path (`$.options[2].id`).
 */
export function validateCase(json: unknown): { ok: true; value: AuditCase; warnings: CaseIssue[] } | { ok: false; errors: CaseIssue[] } {
  const ck = new Checker();
  const input = withoutNulls(json);
  const parsed = parseCaseFile(input);
  if (!parsed.ok) {
    for (const i of parsed.issues) ck.error(i.path, i.message);
    if (!isObject(input)) return { ok: false, errors: ck.errors };
  }
  // Loose<CaseFile>: the schema accepted every field that is left
  const c = (parsed.ok ? parsed.value : withoutFields(input as Record<PropertyKey, unknown>, parsed.issues.map((i) => i.keys))) as LooseCase;
  checkParameters(ck, c.parameters);
  checkEnergy(ck, c);
  checkWasteSources(ck, c.wasteSources);
  checkFocus(ck, c.focusSelection, c.candidateData);
  checkUnitOperations(ck, c.unitOperations);
  checkMeasurements(ck, c);
  checkBalances(ck, c);
  checkOptions(ck, c.options);
  checkEconomics(ck, c.economics, c.options);
  checkPhase4(ck, c);
  checkStatements(ck, c);
  checkCrossField(ck, c);
  checkPhase2(ck, c);
  checkSheetExtents(ck, c);
  checkPhase13(ck, c);
  checkAfterAudit(ck, c);
  checkImplementation(ck, c);
  if (!parsed.ok || ck.errors.length > 0) return { ok: false, errors: ck.errors };
  // Dry run of core only when the structure is sound.
  const value = normalise(parsed.value);
  dryRun(ck, value);
  if (ck.errors.length > 0) return { ok: false, errors: ck.errors };
  return { ok: true, value, warnings: ck.warnings };
}

/** One line per issue: `$.parameters.discountRate: expected a number ...`. */
export function formatIssue(issue: CaseIssue): string {
  return `${issue.path}: ${issue.message}`;
}
