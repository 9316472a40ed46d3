/**
 * The settings form's text fields ↔ AuditSettings: per-cent display of rates, parsing and the
 * validation rules of the parameters sheet (its data validations, PARAMETER_ROWS), so the pane
 * refuses what the sheet would refuse.
 */
import { PARAMETER_ROWS } from "../worksheets/definitions/parameters.worksheet";
import { parseNumberInput } from "./calculator";
import type { Strings } from "./i18n";
import { PARAMETER_KEYS, PERCENT_KEYS, type AuditHeader, type AuditSettings, type ParameterKey } from "./settings";

export const HEADER_FIELDS: readonly (keyof AuditHeader)[] = ["enterprise", "auditRound", "preparedBy", "checkedBy", "date"];

export type DraftKey = keyof AuditHeader | ParameterKey;
export type SettingsDraft = Record<DraftKey, string>;

/** A decimal shown as per cent without float noise: 0.07 → "7", 0.125 → "12.5". */
export function percentText(v: number): string {
  return String(Math.round(v * 100 * 1e9) / 1e9);
}

export function draftFromSettings(s: AuditSettings): SettingsDraft {
  const d = { ...s.header } as SettingsDraft;
  for (const k of PARAMETER_KEYS) {
    const v = s.parameters[k];
    d[k] = v === undefined ? "" : PERCENT_KEYS.has(k) ? percentText(v) : String(v);
  }
  return d;
}

/** Settings of a draft, or the errors by field (messages in the pane's language). */
export function settingsFromDraft(
  d: SettingsDraft,
  t: Strings,
): { ok: true; settings: AuditSettings } | { ok: false; errors: Partial<Record<DraftKey, string>> } {
  const errors: Partial<Record<DraftKey, string>> = {};
  const settings: AuditSettings = {
    header: {
      enterprise: d.enterprise.trim(),
      auditRound: d.auditRound.trim(),
      preparedBy: d.preparedBy.trim(),
      checkedBy: d.checkedBy.trim(),
      date: d.date.trim(),
    },
    parameters: {},
  };
  for (const row of PARAMETER_ROWS) {
    const k = row.key;
    const raw = parseNumberInput(d[k]);
    if (raw === undefined) continue;
    if (Number.isNaN(raw)) {
      errors[k] = t.invalidNumber;
      continue;
    }
    const pct = PERCENT_KEYS.has(k);
    const v = pct ? raw / 100 : raw;
    const { kind, min, max } = row.validation;
    if (kind === "whole" && (!Number.isInteger(v) || v < (min ?? 1))) {
      errors[k] = t.invalidWhole;
      continue;
    }
    if ((min !== undefined && v < min) || (max !== undefined && v > max)) {
      const show = (x: number | undefined, inf: string) => (x === undefined ? inf : pct ? `${percentText(x)} %` : String(x));
      errors[k] = t.invalidRange(show(min, "−∞"), show(max, "∞"));
      continue;
    }
    settings.parameters[k] = v;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, settings };
}
