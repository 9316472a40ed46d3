import { Button, Field, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Host } from "../actions";
import type { Strings } from "../i18n";
import type { SettingsState } from "../hooks/useSettings";
import { PARAMETER_KEYS, PERCENT_KEYS, type ParameterKey } from "../settings";
import { HEADER_FIELDS } from "../settings-draft";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingInline: tokens.spacingHorizontalXS },
  buttons: { display: "flex", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  note: { color: tokens.colorNeutralForeground2 },
});

export interface SettingsFormProps {
  t: Strings;
  host: Host;
  settings: SettingsState;
  onSave: () => void;
}

function hint(t: Strings, k: ParameterKey): string | undefined {
  if (k === "evaluationYears") return t.defaultHint(t.sameAsY);
  if (k === "benchmarkRate") return t.defaultHint(t.sameAsI);
  if (k === "paybackQuota") return t.defaultHint(t.sameAsN);
  return undefined;
}

/**
 * Header block and parameters, entered once and kept in the workbook. While saving or reading,
 * the fields are read-only and the buttons disabled but focusable, so the focus stays where it was.
 */
export function SettingsForm({ t, host, settings, onSave }: SettingsFormProps) {
  const s = useStyles();
  const { draft, errors, setField, busy } = settings;
  return (
    <form
      className={s.form}
      onSubmit={(e) => {
        e.preventDefault();
        if (host === "excel" && !busy) onSave();
      }}
      noValidate
    >
      <fieldset className={s.fieldset}>
        <legend className={s.legend}>{t.headerSection}</legend>
        {HEADER_FIELDS.map((k) => (
          <Field key={k} label={t[k]}>
            <Input value={draft[k]} onChange={(_, d) => setField(k, d.value)} readOnly={busy} />
          </Field>
        ))}
      </fieldset>
      <fieldset className={s.fieldset}>
        <legend className={s.legend}>{t.parametersSection}</legend>
        {PARAMETER_KEYS.map((k) => (
          <Field
            key={k}
            label={t[k]}
            hint={hint(t, k)}
            validationState={errors[k] ? "error" : "none"}
            validationMessage={errors[k]}
          >
            <Input
              value={draft[k]}
              inputMode="decimal"
              contentAfter={PERCENT_KEYS.has(k) ? "%" : undefined}
              onChange={(_, d) => setField(k, d.value)}
              readOnly={busy}
            />
          </Field>
        ))}
      </fieldset>
      <Text size={200} className={s.note}>
        {host === "excel" ? t.settingsStored : t.settingsBrowser}
      </Text>
      {host === "excel" && (
        <div className={s.buttons}>
          {/* disabledFocusable: the button keeps the focus while it works (a disabled one drops it to the page body) */}
          <Button appearance="primary" type="submit" disabledFocusable={busy}>
            {t.saveSettings}
          </Button>
          <Button type="button" onClick={() => void settings.reload()} disabledFocusable={busy}>
            {t.reloadSettings}
          </Button>
        </div>
      )}
    </form>
  );
}
