import { Button, Field, Input, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { isCpError } from "../../core/errors";
import type { Host } from "../actions";
import { FORMULA_KINDS, calculate, calculatorFormula, parseNumberInput, type CalcInputs, type FormulaKind } from "../calculator";
import type { Strings } from "../i18n";
import type { AuditParameters } from "../settings";
import { percentText } from "../settings-draft";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  // minmax(0, 1fr) and a shrinkable input: the grid never grows past a 320 px pane (an <input>'s
  // intrinsic width of 20 characters made it 463–475 px wide)
  grid: { display: "grid", gridTemplateColumns: "repeat(2, minmax(0, 1fr))", alignItems: "end", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  input: { minWidth: 0, width: "100%" },
  inputEl: { minWidth: 0, width: "100%" },
  table: { borderCollapse: "collapse", width: "100%" },
  th: { textAlign: "left", fontWeight: tokens.fontWeightRegular, paddingBlock: "2px", color: tokens.colorNeutralForeground2 },
  td: { textAlign: "right", fontVariantNumeric: "tabular-nums", fontWeight: tokens.fontWeightSemibold },
  row: { borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  insert: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  // the options' long labels must not widen the select past the pane
  kindField: { minWidth: 0 },
  kind: { minWidth: 0, maxWidth: "100%" },
  kindSelect: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
  note: { color: tokens.colorNeutralForeground2 },
  formula: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: "break-all" },
});

type Field = "investment" | "annualSavings" | "taxRate" | "discountRate" | "depreciationYears";
const FIELDS: readonly Field[] = ["investment", "annualSavings", "taxRate", "discountRate", "depreciationYears"];
const PERCENT: ReadonlySet<Field> = new Set(["taxRate", "discountRate"]);

export interface QuickCalculatorProps {
  t: Strings;
  host: Host;
  busy: boolean;
  /** Parameters of the form, proposed as t, i and Y. */
  parameters: AuditParameters;
  /** Insert `formula` at the selection; `cells`: how many cells it fills in a row from there. */
  onInsertFormula: (formula: string, cells: number) => void;
}

function labelOf(t: Strings, f: Field): string {
  return {
    investment: t.calcInvestment,
    annualSavings: t.calcSavings,
    taxRate: t.calcTax,
    discountRate: t.calcRate,
    depreciationYears: t.calcYears,
  }[f];
}

function kindLabel(t: Strings, k: FormulaKind): string {
  return {
    ECONOMICS: t.formulaEconomics,
    NPV: t.formulaNpv,
    NPVR: t.formulaNpvr,
    IRR: t.formulaIrr,
    PAYBACK: t.formulaPayback,
    CASHFLOW: t.formulaCashflow,
  }[k];
}

/** Cells a formula fills from the selected cell rightwards: CP.ECONOMICS returns a row of 8 (D, T, E, F, N, NPV, NPVR, IRR). */
export function formulaCells(kind: FormulaKind): number {
  return kind === "ECONOMICS" ? 8 : 1;
}

const money = (v: number) => v.toFixed(2);
const pct = (v: number) => `${(v * 100).toFixed(2)} %`;

/** I, P, t, i, Y → D, F, N, NPV, NPVR, IRR at once (core), and the CP.* formula for the selected cell. */
export function QuickCalculator({ t, host, busy, parameters, onInsertFormula }: QuickCalculatorProps) {
  const s = useStyles();
  const [draft, setDraft] = useState<Record<Field, string>>(() => ({
    investment: "",
    annualSavings: "",
    taxRate: parameters.taxRate !== undefined ? percentText(parameters.taxRate) : "",
    discountRate: parameters.discountRate !== undefined ? percentText(parameters.discountRate) : "",
    depreciationYears: parameters.depreciationYears !== undefined ? String(parameters.depreciationYears) : "",
  }));
  const [kind, setKind] = useState<FormulaKind>("ECONOMICS");

  const parsed = useMemo(() => {
    const errors: Partial<Record<Field, string>> = {};
    const values: Partial<Record<Field, number>> = {};
    for (const f of FIELDS) {
      const v = parseNumberInput(draft[f]);
      if (v === undefined) continue;
      if (Number.isNaN(v)) errors[f] = t.invalidNumber;
      else values[f] = PERCENT.has(f) ? v / 100 : v;
    }
    const complete = FIELDS.every((f) => values[f] !== undefined);
    return { errors, inputs: complete && Object.keys(errors).length === 0 ? (values as CalcInputs) : null };
  }, [draft, t]);

  const outcome = useMemo(() => {
    if (!parsed.inputs) return null;
    try {
      return { result: calculate(parsed.inputs), error: null };
    } catch (e) {
      return { result: null, error: isCpError(e) ? `${e.code} ${e.message}` : e instanceof Error ? e.message : String(e) };
    }
  }, [parsed.inputs]);

  const r = outcome?.result ?? null;
  const formula = parsed.inputs ? calculatorFormula(kind, parsed.inputs) : null;

  return (
    <section className={s.root} aria-label={t.tabCalculator}>
      <Text size={200} className={s.note}>
        {t.calcIntro}
      </Text>
      <div className={s.grid}>
        {FIELDS.map((f) => (
          <Field key={f} label={labelOf(t, f)} validationState={parsed.errors[f] ? "error" : "none"} validationMessage={parsed.errors[f]}>
            <Input
              className={s.input}
              input={{ className: s.inputEl }}
              value={draft[f]}
              inputMode="decimal"
              contentAfter={PERCENT.has(f) ? "%" : undefined}
              onChange={(_, d) => setDraft((x) => ({ ...x, [f]: d.value }))}
            />
          </Field>
        ))}
      </div>
      {outcome?.error && (
        <MessageBar intent="error">
          <MessageBarBody>{outcome.error}</MessageBarBody>
        </MessageBar>
      )}
      {r ? (
        <table className={s.table} aria-label={t.calcResults}>
          <tbody>
            {(
              [
                [t.resD, r.depreciation === null ? "—" : money(r.depreciation)],
                [t.resF, r.annualCashFlow === null ? "—" : money(r.annualCashFlow)],
                [t.resN, r.paybackYears === null ? t.notRecovered : r.paybackYears.toFixed(2)],
                [t.resNPV, money(r.npv)],
                [t.resNPVR, pct(r.npvr)],
                [t.resIRR, r.irr === null ? t.noIrr : pct(r.irr)],
              ] as const
            ).map(([label, value]) => (
              <tr key={label} className={s.row}>
                <th scope="row" className={s.th}>
                  {label}
                </th>
                <td className={s.td}>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        !outcome?.error && (
          <Text size={200} className={s.note}>
            {t.calcFill}
          </Text>
        )
      )}
      <div className={s.insert}>
        <Field label={t.formulaKind} className={s.kindField}>
          <Select className={s.kind} select={{ className: s.kindSelect }} value={kind} onChange={(_, d) => setKind(d.value as FormulaKind)}>
            {FORMULA_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(t, k)}
              </option>
            ))}
          </Select>
        </Field>
        {formula && (
          <Text className={s.formula} aria-label="formula">
            {formula}
          </Text>
        )}
        <Text size={200} className={s.note}>
          {t.formulaCells(formulaCells(kind))}
        </Text>
        <Button
          appearance="primary"
          disabled={host !== "excel" || busy || !formula || !r}
          onClick={() => formula && onInsertFormula(formula, formulaCells(kind))}
        >
          {t.insertFormula}
        </Button>
        <Text size={200} className={s.note}>
          {host === "excel" ? t.insertFormulaHint : t.insertFormulaBrowser}
        </Text>
      </div>
    </section>
  );
}
