/**
 * The settings form's text fields ↔ AuditSettings: per-cent display of rates, parsing and the
 * validation rules of the parameters sheet (its data validations, PARAMETER_ROWS), so the pane
 * refuses what the sheet would refuse.
 */
import { PARAMETER_ROWS } from "../worksheets/definitions/parameters.worksheet";
import { parseNumberInput } from "./calculator";
import type { Strings } from "./i18n";
import { PARAMETER_KEYS, PERCENT_KEYS, type AuditHeader, type AuditSettings, type ParameterKey, type SettingsField } from "./settings";

export const HEADER_FIELDS: readonly (keyof AuditHeader)[] = ["enterprise", "auditRound", "preparedBy", "checkedBy", "date"];

export type DraftKey = SettingsField;
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

/** Every field of the form, header first. */
export const DRAFT_KEYS: readonly DraftKey[] = [...HEADER_FIELDS, ...PARAMETER_KEYS];

/** The fields whose text differs between two drafts (surrounding spaces ignored). */
export function changedFields(before: SettingsDraft, after: SettingsDraft): DraftKey[] {
  return DRAFT_KEYS.filter((k) => before[k].trim() !== after[k].trim());
}

/**
 * The settings to save: what the workbook holds now (`current`, re-read just before saving), with
 * the fields the user changed in the form taken from `form`. A parameter the user typed into the
 * parameters sheet meanwhile survives a save of another field.
 */
export function mergeSettings(current: AuditSettings, form: AuditSettings, changed: readonly DraftKey[]): AuditSettings {
  const out: AuditSettings = { header: { ...current.header }, parameters: { ...current.parameters } };
  const header = new Set<string>(HEADER_FIELDS);
  for (const k of changed) {
    if (header.has(k)) {
      const h = k as keyof AuditHeader;
      out.header[h] = form.header[h];
    } else {
      const p = k as ParameterKey;
      const v = form.parameters[p];
      if (v === undefined) delete out.parameters[p];
      else out.parameters[p] = v;
    }
  }
  return out;
}
