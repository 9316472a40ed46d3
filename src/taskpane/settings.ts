/**
 * The audit's header block and parameters as the task pane edits them, and their conversion to an
 * AuditCase for `buildWorkbook`. They are kept in the workbook itself (the parameters sheet and
 * the CP_* defined names), never in browser storage.
 *
 * Rates are decimals (0.12, not 12); the form shows them as per cent.
 */
import type { AuditCase, CaseParameters } from "../worksheets/case";

export interface AuditHeader {
  /** 企业名称 */
  enterprise: string;
  /** 审核轮次 */
  auditRound: string;
  /** 制表 */
  preparedBy: string;
  /** 审核 */
  checkedBy: string;
  /** 日期, as typed or ISO yyyy-mm-dd */
  date: string;
}

/**
 * Parameters of spec §3 / §4 (the case file's `parameters`); undefined = not given (the sheet's default applies).
 * The energy and carbon parameters (factorYear, gridRegion, electricityConvention; issue 12) are chosen on the
 * parameters sheet's dropdowns, not in the pane.
 */
export type AuditParameters = Omit<CaseParameters, "factorYear" | "gridRegion" | "electricityConvention">;

export type ParameterKey = keyof AuditParameters;

export interface AuditSettings {
  header: AuditHeader;
  parameters: AuditParameters;
}

/** One field of the settings: a header value or a parameter. */
export type SettingsField = keyof AuditHeader | ParameterKey;

/** The CP_* defined name of each parameter (engineering guide §1; same in every language). */
export const PARAMETER_NAMES: Readonly<Record<ParameterKey, string>> = {
  discountRate: "CP_DiscountRate",
  taxRate: "CP_TaxRate",
  depreciationYears: "CP_DepreciationYears",
  evaluationYears: "CP_EvaluationYears",
  benchmarkRate: "CP_BenchmarkRate",
  balanceTolerance: "CP_BalanceTolerance",
  paybackQuota: "CP_PaybackQuota",
  auditYear: "CP_AuditYear",
};

export const PARAMETER_KEYS = Object.keys(PARAMETER_NAMES) as ParameterKey[];

/** Parameters shown as per cent in the form. */
export const PERCENT_KEYS: ReadonlySet<ParameterKey> = new Set(["discountRate", "taxRate", "benchmarkRate", "balanceTolerance"]);

/** What a new pane proposes (the blank template's values: t = 25 %, Y = 10, tolerance 5 %). */
export const DEFAULT_SETTINGS: AuditSettings = {
  header: { enterprise: "", auditRound: "", preparedBy: "", checkedBy: "", date: "" },
  parameters: { taxRate: 0.25, depreciationYears: 10, balanceTolerance: 0.05 },
};

/** An AuditCase holding only the header and the parameters (a blank template with them filled in). */
export function caseFromSettings(s: AuditSettings): AuditCase {
  const h = s.header;
  const meta: AuditCase["meta"] = { title: h.enterprise || "CP Audit" };
  if (h.enterprise) meta.enterprise = h.enterprise;
  if (h.auditRound) meta.auditRound = h.auditRound;
  if (h.preparedBy) meta.preparedBy = h.preparedBy;
  if (h.checkedBy) meta.checkedBy = h.checkedBy;
  if (h.date) meta.date = h.date;
  const parameters: AuditCase["parameters"] = {};
  for (const k of PARAMETER_KEYS) {
    const v = s.parameters[k];
    if (v !== undefined) parameters[k] = v;
  }
  return { meta, parameters };
}

/** Excel 1900-system date serial → "yyyy-mm-dd" (serials ≥ 61; Excel's 1900 leap-year bug is before that). */
export function serialToIsoDate(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}
