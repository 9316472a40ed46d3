import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Checkbox,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { CATALOGUE, PHASES, phaseName as termPhaseName, type PhaseInfo, type WorksheetInfo } from "../../worksheets/catalogue";
import { termTitle, type Terminology } from "../../worksheets/terminology";
import type { Lang } from "../../worksheets/model";
import type { Host } from "../actions";
import type { Strings } from "../i18n";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  item: {
    display: "grid",
    gridTemplateColumns: "auto 1fr auto",
    alignItems: "start",
    columnGap: tokens.spacingHorizontalS,
    paddingBlock: tokens.spacingVerticalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  text: { display: "flex", flexDirection: "column", rowGap: "2px", minWidth: 0 },
  title: { fontWeight: tokens.fontWeightSemibold },
  purpose: { color: tokens.colorNeutralForeground2 },
  coming: { color: tokens.colorNeutralForeground2 },
  phaseActions: { display: "flex", justifyContent: "flex-end", paddingTop: tokens.spacingVerticalS },
  header: { display: "flex", flexDirection: "column" },
  count: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  key: { flexShrink: 0 },
});

export interface PhaseNavigatorProps {
  lang: Lang;
  /** the terms of phase names and titles (spec §8.2) */
  terminology: Terminology;
  t: Strings;
  host: Host;
  busy: boolean;
  chosen: ReadonlySet<string>;
  onToggle: (key: string, on: boolean) => void;
  /** Insert (inside Excel) or download (outside) one worksheet. */
  onSheet: (info: WorksheetInfo) => void;
  /** Insert all / download the workbook of a phase. */
  onPhase: (phase: PhaseInfo, keys: string[]) => void;
}

/** A phase's name in the pane's language and terms. */
export function phaseName(p: PhaseInfo, lang: Lang, terminology: Terminology): string {
  return termPhaseName(p.no, lang, terminology);
}

/** A worksheet's title in the pane's language and terms (as the inserted sheet's title writes it). */
export function sheetTitle(w: WorksheetInfo, lang: Lang, terminology: Terminology): string {
  return termTitle(lang, lang === "zh-CN" ? w.zh : w.en, terminology);
}

/** The 7 phases of spec §1.1, each listing its worksheets; those not built yet show as coming. */
export function PhaseNavigator(props: PhaseNavigatorProps) {
  const { lang, t, host, busy, chosen, terminology } = props;
  const s = useStyles();
  return (
    <nav aria-label={t.phasesLabel}>
      <Accordion multiple collapsible defaultOpenItems={[1]}>
        {PHASES.map((phase) => {
          const sheets = CATALOGUE.filter((w) => w.phase === phase.no);
          const built = sheets.filter((w) => w.built);
          const name = phaseName(phase, lang, terminology);
          return (
            <AccordionItem key={phase.no} value={phase.no}>
              <AccordionHeader>
                <span className={s.header}>
                  <span>{t.phaseLabel(phase.no, name)}</span>
                  <span className={s.count}>{t.worksheetCount(built.length, sheets.length)}</span>
                </span>
              </AccordionHeader>
              <AccordionPanel>
                <ul className={s.list} aria-label={t.phaseLabel(phase.no, name)}>
                  {sheets.map((w) => {
                    const title = sheetTitle(w, lang, terminology);
                    return (
                      <li key={w.key} className={s.item}>
                        <Checkbox
                          aria-label={t.choose(title)}
                          checked={chosen.has(w.key)}
                          disabled={!w.built || busy}
                          onChange={(_, d) => props.onToggle(w.key, d.checked === true)}
                        />
                        <span className={s.text}>
                          <Text className={w.built ? s.title : s.coming}>
                            <Badge appearance="outline" size="small" className={s.key}>
                              {w.key}
                            </Badge>{" "}
                            {title}
                          </Text>
                          <Text size={200} className={w.built ? s.purpose : s.coming}>
                            {lang === "zh-CN" ? w.purposeZh : w.purposeEn}
                          </Text>
                        </span>
                        {w.built ? (
                          <Button
                            size="small"
                            disabled={busy}
                            aria-label={host === "excel" ? t.insertSheetLabel(title) : t.downloadSheetLabel(title)}
                            onClick={() => props.onSheet(w)}
                          >
                            {host === "excel" ? t.insert : t.download}
                          </Button>
                        ) : (
                          <Badge appearance="tint" color="informative" aria-label={`${title}: ${t.comingSoon}`}>
                            {t.comingSoon}
                          </Badge>
                        )}
                      </li>
                    );
                  })}
                </ul>
                <div className={s.phaseActions}>
                  {built.length === 0 ? (
                    <Text size={200} className={s.coming}>
                      {t.nothingBuilt}
                    </Text>
                  ) : (
                    <Button
                      appearance="primary"
                      disabled={busy}
                      aria-label={host === "excel" ? t.insertAllLabel(name) : t.downloadPhaseLabel(name)}
                      onClick={() => props.onPhase(phase, built.map((w) => w.key))}
                    >
                      {host === "excel" ? t.insertAll : t.downloadPhase}
                    </Button>
                  )}
                </div>
              </AccordionPanel>
            </AccordionItem>
          );
        })}
      </Accordion>
    </nav>
  );
}
