/**
 * buildWorkbook: an audit case (or null for the blank template) → the WorkbookModel both writers
 * render. Pure (no I/O); the case must have passed `validateCase` (core throws a CpError on
 * values it cannot evaluate).
 */
import { resolveParameters, type AuditCase } from "./case";
import type { WorksheetDefinition } from "./definition";
import { annualDataWorksheet } from "./definitions/annual-data.worksheet";
import { benchmarkWorksheet } from "./definitions/benchmark.worksheet";
import { candidatesWorksheet } from "./definitions/candidates.worksheet";
import { cashFlowsWorksheet } from "./definitions/cashflows.worksheet";
import { coefficientsWorksheet } from "./definitions/coefficients.worksheet";
import { componentBalanceWorksheet } from "./definitions/component-balance.worksheet";
import { economicsWorksheet } from "./definitions/economics.worksheet";
import { highCostEffectsWorksheet, lowCostEffectsWorksheet } from "./definitions/effects.worksheet";
import { performanceWorksheet } from "./definitions/performance.worksheet";
import { feasibilityWorksheet } from "./definitions/feasibility.worksheet";
import { investmentWorksheet } from "./definitions/investment.worksheet";
import { operatingWorksheet } from "./definitions/operating.worksheet";
import { focusSelectionWorksheet } from "./definitions/focus-selection.worksheet";
import { listsWorksheet } from "./definitions/lists.worksheet";
import { materialBalanceWorksheet } from "./definitions/material-balance.worksheet";
import { lowCostResultsWorksheet } from "./definitions/low-cost-results.worksheet";
import { optionDescriptionWorksheet } from "./definitions/option-description.worksheet";
import { optionRankingWorksheet } from "./definitions/option-ranking.worksheet";
import { measurementsWorksheet } from "./definitions/measurements.worksheet";
import { unitOperationsWorksheet } from "./definitions/unit-operations.worksheet";
import { waterBalanceWorksheet } from "./definitions/water-balance.worksheet";
import { optionRegisterWorksheet } from "./definitions/option-register.worksheet";
import { parametersWorksheet } from "./definitions/parameters.worksheet";
import { screeningResultsWorksheet } from "./definitions/screening-results.worksheet";
import { screeningWorksheet } from "./definitions/screening.worksheet";
import { targetsWorksheet } from "./definitions/targets.worksheet";
import { wasteSourcesWorksheet } from "./definitions/waste-sources.worksheet";
import { wasteHistoryWorksheet } from "./definitions/waste-history.worksheet";
import { planWorksheet, teamWorksheet } from "./definitions/team-plan.worksheet";
import { envCostsWorksheet, equipmentWorksheet, profileWorksheet, staffWorksheet } from "./definitions/enterprise.worksheet";
import { focusCausesWorksheet, plantCausesWorksheet } from "./definitions/causes.worksheet";
import { walkthroughWorksheet } from "./definitions/walkthrough.worksheet";
import { dataInventoryWorksheet } from "./definitions/data-inventory.worksheet";
import { continuousPlanWorksheet, cpOrganisationWorksheet } from "./definitions/continuous-cp.worksheet";
import { indicatorsAfterWorksheet } from "./definitions/indicators-after.worksheet";
import { targetAttainmentWorksheet } from "./definitions/target-attainment.worksheet";
import { implementationWorksheet } from "./definitions/implementation.worksheet";
import { lowCostEconomicsWorksheet } from "./definitions/low-cost-economics.worksheet";
import { expostWorksheet, highCostItemsWorksheet } from "./definitions/high-cost-economics.worksheet";
import { implementedSummaryWorksheet } from "./definitions/implemented-summary.worksheet";
import { tr } from "./i18n";
import type { BuildContext, BuiltKey } from "./layout";
import type { Lang, WorkbookModel } from "./model";
import { legalSheetName } from "./sheet-names";
import type { Terminology } from "./terminology";

export interface BuildOptions {
  lang: Lang;
  /** which worksheets (keys of the catalogue with built = true); default all built ones.
   *  PARAMS and the hidden LISTS sheet are always added, and so is every sheet a requested one
   *  links to (WS5-3 → WS4-1; WS5-4 → WS5-3, WS4-1). Unknown keys are ignored. */
  keys?: readonly string[];
  /** names already in the target workbook: new sheets get free names (legalSheetName) */
  takenSheetNames?: readonly string[];
  /**
   * Protect every generated sheet (no password; only input cells editable) for a final hand-over.
   * Off by default: Excel does not let a table grow on a protected sheet, so rows can then no longer
   * be added below a table. The lists sheet is never protected (the user extends its lists).
   */
  protect?: boolean;
  /** terms of the sheet titles and work-plan stages (spec §8.2); default: the case's meta.terminology, else "2016" */
  terminology?: Terminology;
}

/** Every definition, in workbook order (the hidden lists sheet last). */
export const DEFINITIONS: readonly WorksheetDefinition[] = [
  parametersWorksheet,
  coefficientsWorksheet, // energy and carbon factors (issue 12), a support sheet beside the parameters
  // phase 1
  teamWorksheet,
  planWorksheet,
  // phase 2
  profileWorksheet,
  staffWorksheet,
  annualDataWorksheet, // WS2-3 (and WS2-4)
  equipmentWorksheet,
  wasteSourcesWorksheet,
  wasteHistoryWorksheet, // WS2-6B, WS2-6's waste streams by year
  envCostsWorksheet,
  benchmarkWorksheet,
  plantCausesWorksheet,
  candidatesWorksheet,
  focusSelectionWorksheet,
  targetsWorksheet,
  walkthroughWorksheet,
  // phase 3
  dataInventoryWorksheet,
  unitOperationsWorksheet,
  measurementsWorksheet,
  materialBalanceWorksheet,
  componentBalanceWorksheet,
  waterBalanceWorksheet,
  focusCausesWorksheet,
  // phase 4
  optionRegisterWorksheet,
  screeningWorksheet,
  optionRankingWorksheet,
  screeningResultsWorksheet,
  optionDescriptionWorksheet,
  lowCostResultsWorksheet,
  // phase 5
  investmentWorksheet,
  operatingWorksheet,
  economicsWorksheet,
  feasibilityWorksheet,
  cashFlowsWorksheet,
  // phase 6 (issue 12, helpers E, I and T)
  implementationWorksheet,
  lowCostEffectsWorksheet,
  lowCostEconomicsWorksheet,
  highCostEffectsWorksheet,
  highCostItemsWorksheet,
  expostWorksheet, // WS6-5B, WS6-5's ex-post evaluation per option
  implementedSummaryWorksheet,
  indicatorsAfterWorksheet,
  targetAttainmentWorksheet,
  performanceWorksheet,
  // phase 7 (issue 12, helper T)
  continuousPlanWorksheet,
  cpOrganisationWorksheet,
  listsWorksheet,
];

/**
 * Catalogue keys whose worksheet is another key's sheet: WS2-4 (materials, water, energy) is the
 * annual-data table of WS2-3 (one table, so that every item is entered once; docs/MODEL.md).
 */
export const KEY_ALIASES: Readonly<Record<string, BuiltKey>> = { "WS2-4": "WS2-3" };

/**
 * Sheets built whenever a key is: WS2-6 is two sheets, the waste-source inventory and its waste
 * streams by year (WS2-6B, which links back to it), so a request for WS2-6 builds both.
 */
export const COMPANIONS: Readonly<Record<string, readonly BuiltKey[]>> = { "WS2-6": ["WS2-6B"], "WS6-5": ["WS6-5B"] };

/** The keys that will be built for a request (dependencies added, aliases resolved, workbook order). */
export function resolveKeys(keys: readonly string[] | undefined): BuiltKey[] {
  const wanted = new Set<BuiltKey>(["PARAMS", "LISTS"]);
  const byKey = new Map(DEFINITIONS.map((d) => [d.key as string, d]));
  const add = (requested: string) => {
    const k = KEY_ALIASES[requested] ?? requested;
    const d = byKey.get(k);
    if (!d || (wanted.has(d.key) && k !== "PARAMS" && k !== "LISTS")) return;
    wanted.add(d.key);
    d.dependsOn.forEach(add);
    (COMPANIONS[d.key] ?? []).forEach(add);
  };
  (keys ?? DEFINITIONS.map((d) => d.key)).forEach(add);
  return DEFINITIONS.map((d) => d.key).filter((k) => wanted.has(k));
}

/**
 * Lays out the audit worksheets.
 * @param auditCase a validated case, or null for the blank template (a few empty input rows per
 *   sheet whose formulas give "")
 * @param opts language (zh-CN default labels and sheet names, or en-US), keys, taken names
 * @returns the WorkbookModel: sheets in workbook order (参数 first, the hidden 列表 last) and the
 *   CP_* defined names
 */
export function buildWorkbook(auditCase: AuditCase | null, opts: BuildOptions): WorkbookModel {
  const lang = opts.lang;
  const keys = resolveKeys(opts.keys);
  const taken: string[] = [...(opts.takenSheetNames ?? [])];
  const names = {} as Record<BuiltKey, string>;
  for (const d of DEFINITIONS) {
    if (!keys.includes(d.key)) continue;
    const name = legalSheetName(tr(lang, d.sheetName), taken);
    taken.push(name);
    names[d.key] = name;
  }
  // keys not built are never referenced (dependencies are always built); give them their wanted name
  for (const d of DEFINITIONS) if (!(d.key in names)) names[d.key] = tr(lang, d.sheetName);
  const ctx: BuildContext = { lang, auditCase, params: auditCase ? resolveParameters(auditCase) : null, names };
  const terminology = opts.terminology ?? auditCase?.meta.terminology;
  if (terminology) ctx.terminology = terminology;
  const defs = DEFINITIONS.filter((d) => keys.includes(d.key));
  const sheets = defs.map((d) => d.build(ctx));
  if (opts.protect) for (const s of sheets) s.protect = s.key !== "LISTS";
  return {
    lang,
    sheets,
    names: defs.flatMap((d) => (d.names ? d.names(ctx) : [])),
  };
}
