import { useCallback, useEffect, useRef, useState } from "react";
import type { Lang } from "../../worksheets/model";
import type { TaskpaneActions } from "../actions";
import { writeErrorText } from "../errors";
import type { Strings } from "../i18n";
import { DEFAULT_SETTINGS, type AuditSettings } from "../settings";
import { DRAFT_KEYS, changedFields, draftFromSettings, mergeSettings, settingsFromDraft, type DraftKey, type SettingsDraft } from "../settings-draft";

export type SettingsStatus = "loading" | "loaded" | "none" | "saved" | "error";

export interface SettingsState {
  draft: SettingsDraft;
  errors: Partial<Record<DraftKey, string>>;
  status: SettingsStatus;
  /** The last read/save failure; `message` of a save failure is the full text to show (chosen by the error's code). */
  failure: { kind: "read" | "save"; message: string } | null;
  busy: boolean;
  setField: (k: DraftKey, v: string) => void;
  /** The current, valid settings; null (and errors shown) when a field is invalid. */
  validSettings: () => AuditSettings | null;
  reload: () => Promise<void>;
  save: (lang: Lang) => Promise<void>;
}

/**
 * The header and parameters form, read from the workbook when the pane opens (never from browser
 * storage) and saved into it on request. Saving re-reads the workbook first and writes only the
 * fields the user changed in the form since the last read or save: a parameter typed into the
 * parameters sheet meanwhile survives a save of another field, and the form then shows it.
 */
export function useSettings(actions: TaskpaneActions, t: Strings): SettingsState {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(DEFAULT_SETTINGS));
  const [errors, setErrors] = useState<Partial<Record<DraftKey, string>>>({});
  const [status, setStatus] = useState<SettingsStatus>(actions.host === "excel" ? "loading" : "none");
  const [failure, setFailure] = useState<SettingsState["failure"]>(null);
  const [busy, setBusy] = useState(false);
  const tRef = useRef(t);
  tRef.current = t;
  const draftRef = useRef(draft);
  draftRef.current = draft;
  /** The draft as last read from or saved to the workbook (what "changed" is measured against). */
  const baselineRef = useRef<SettingsDraft>(draft);

  const reload = useCallback(async () => {
    if (actions.host !== "excel") return;
    setBusy(true);
    setStatus("loading");
    try {
      const s = await actions.readSettings();
      if (s) {
        const d = draftFromSettings(s);
        baselineRef.current = d;
        setDraft(d);
      }
      setErrors({});
      setFailure(null);
      setStatus(s ? "loaded" : "none");
    } catch (e) {
      setFailure({ kind: "read", message: e instanceof Error ? e.message : String(e) });
      setStatus("error");
    } finally {
      setBusy(false);
    }
  }, [actions]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const setField = useCallback((k: DraftKey, v: string) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors((e) => {
      if (!(k in e)) return e;
      const { [k]: _drop, ...rest } = e;
      return rest;
    });
  }, []);

  const validSettings = useCallback((): AuditSettings | null => {
    const r = settingsFromDraft(draftRef.current, tRef.current);
    if (!r.ok) {
      setErrors(r.errors);
      return null;
    }
    setErrors({});
    return r.settings;
  }, []);

  const save = useCallback(
    async (lang: Lang) => {
      const form = validSettings();
      if (!form) return;
      setBusy(true);
      try {
        // the workbook as it is now (the user may have typed into the parameters sheet)
        const current = await actions.readSettings();
        const changed = current ? changedFields(baselineRef.current, draftRef.current) : [...DRAFT_KEYS];
        const merged = current ? mergeSettings(current, form, changed) : form;
        await actions.saveSettings(merged, lang, changed);
        const d = draftFromSettings(merged);
        baselineRef.current = d;
        setDraft(d);
        setFailure(null);
        setStatus("saved");
      } catch (e) {
        setFailure({ kind: "save", message: writeErrorText(e, tRef.current, tRef.current.errorSave) });
        setStatus("error");
      } finally {
        setBusy(false);
      }
    },
    [actions, validSettings],
  );

  return { draft, errors, status, failure, busy, setField, validSettings, reload, save };
}
