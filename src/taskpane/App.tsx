import {
  Button,
  FluentProvider,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Select,
  Switch,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import type { WorksheetInfo } from "../worksheets/catalogue";
import type { Lang } from "../worksheets/model";
import type { TaskpaneActions } from "./actions";
import { PaneTabs, panelId, tabId } from "./components/PaneTabs";
import { PhaseNavigator } from "./components/PhaseNavigator";
import { DEFAULT_TERMINOLOGY, type Terminology } from "../worksheets/terminology";
import { useLanguage } from "./hooks/useLanguage";
import { useSettings } from "./hooks/useSettings";
import { useWriteFlow } from "./hooks/useWriteFlow";
import { settingsFromDraft } from "./settings-draft";

// The tabs not shown first are chunks of their own, loaded when first selected (the browser prefetches them
// at idle time after start-up): the calculator, the settings form and the Fluent Input they use are not part
// of the start-up JavaScript (issue 9's budget).
const SettingsForm = lazy(async () => ({
  default: (await import(/* webpackChunkName: "tab-settings", webpackPrefetch: true */ "./components/SettingsForm")).SettingsForm,
}));
// The option library (issue 11) brings its ~77 KB of data: loaded when the user opens it, not prefetched.
const OptionLibrary = lazy(async () => ({
  default: (await import(/* webpackChunkName: "option-library" */ "./components/OptionLibrary")).OptionLibrary,
}));
const QuickCalculator = lazy(async () => ({
  default: (await import(/* webpackChunkName: "tab-calculator", webpackPrefetch: true */ "./components/QuickCalculator")).QuickCalculator,
}));

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: "100vh",
    boxSizing: "border-box",
    // 320–350 px wide task pane: long words and paths wrap instead of widening the page
    maxWidth: "100%",
    overflowWrap: "anywhere",
  },
  top: { display: "flex", alignItems: "flex-end", justifyContent: "space-between", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS, flexWrap: "wrap" },
  titles: { display: "flex", flexDirection: "column", minWidth: 0 },
  subtitle: { color: tokens.colorNeutralForeground2 },
  lang: { minWidth: "130px" },
  panel: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  /**
   * Status, progress, questions and the chosen-sheets bar: always in view at the bottom of the
   * pane (sticky), whichever button far down the list started the work.
   */
  dock: {
    position: "sticky",
    bottom: 0,
    marginTop: "auto",
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    marginInline: `calc(-1 * ${tokens.spacingHorizontalM})`,
    marginBottom: `calc(-1 * ${tokens.spacingHorizontalM})`,
    zIndex: 1,
    maxHeight: "60vh",
    overflowY: "auto",
  },
  dockFilled: {
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow8,
  },
  status: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, outlineStyle: "none", ":empty": { display: "none" } },
  chosenBar: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    flexWrap: "wrap",
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  actions: { flexWrap: "wrap", rowGap: tokens.spacingVerticalXS },
  terms: { marginBottom: tokens.spacingVerticalS, maxWidth: "260px" },
  handOver: { display: "flex", flexDirection: "column", marginBottom: tokens.spacingVerticalS },
  handOverHint: { color: tokens.colorNeutralForeground2, paddingInlineStart: tokens.spacingHorizontalXXL },
  library: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    rowGap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    "& > *": { alignSelf: "stretch", minWidth: 0 },
  },
  libraryOpen: { alignSelf: "flex-start" },
  libraryHint: { color: tokens.colorNeutralForeground2 },
});

export interface AppProps {
  actions: TaskpaneActions;
}

/** The options register's worksheet key (表4-1, tblOptions): what the library appends to. */
const REGISTER_KEY = "WS4-1";

type TabId = "worksheets" | "settings" | "calculator";

/** The task pane. Everything it does to a workbook goes through `actions`. */
export function App({ actions }: AppProps) {
  const s = useStyles();
  const { lang, t, setLang } = useLanguage(actions.displayLanguage);
  const settings = useSettings(actions, t);
  const flow = useWriteFlow(actions, t);
  const [tab, setTab] = useState<TabId>("worksheets");
  const [chosen, setChosen] = useState<Set<string>>(() => new Set());
  /** "Protect inserted sheets for hand-over": off by default (protected tables cannot grow). */
  const [protect, setProtect] = useState(false);
  /** The terms of phase names and sheet titles (spec §8.2): the 2016 Measures' by default, the 2001 handbook's on request. */
  const [terminology, setTerminology] = useState<Terminology>(DEFAULT_TERMINOLOGY);
  /** The option library section is opened (its chunk loaded) on demand. */
  const [libraryOpen, setLibraryOpen] = useState(false);
  const excel = actions.host === "excel";
  const busy = flow.busy || settings.busy;
  const statusRef = useRef<HTMLDivElement>(null);
  const questionRef = useRef<HTMLDivElement>(null);

  // Focus: the button that started the work disables (a disabled button loses focus to the page
  // body), so focus moves to the status while working, to the first answer of a question, and to
  // the result when done.
  const working = flow.busy;
  const question = flow.conflict !== null || flow.formulaQuestion !== null;
  const wasWorking = useRef(false);
  useEffect(() => {
    if (question) questionRef.current?.querySelector<HTMLButtonElement>("button")?.focus();
    else if (working && !wasWorking.current) statusRef.current?.focus();
    else if (!working && wasWorking.current) statusRef.current?.focus();
    wasWorking.current = working;
  }, [working, question]);

  /** The settings to write, or null after switching to the form to show what is wrong. */
  const currentSettings = useCallback(() => {
    const v = settings.validSettings();
    if (!v) {
      setTab("settings");
      flow.fail({ intent: "error", title: t.errorTitle, body: t.errorInvalid });
    }
    return v;
  }, [settings, flow, t]);

  const write = useCallback(
    (keys: readonly string[], fileName: string) => {
      const v = currentSettings();
      if (!v) return;
      if (excel) void flow.insert(keys, v, lang, { protect, terminology });
      else void flow.download(keys, v, lang, fileName, { protect, terminology });
    },
    [currentSettings, excel, flow, lang, protect, terminology],
  );

  const onReport = useCallback(() => {
    const v = currentSettings();
    if (v) void flow.report(v, lang, "cp-audit-report.docx", terminology);
  }, [currentSettings, flow, lang, terminology]);

  const onSheet = useCallback((w: WorksheetInfo) => write([w.key], `cp-audit-${w.key}.xlsx`), [write]);

  const toggle = useCallback((key: string, on: boolean) => {
    setChosen((c) => {
      const n = new Set(c);
      if (on) n.add(key);
      else n.delete(key);
      return n;
    });
  }, []);

  const draftValid = settingsFromDraft(settings.draft, t);
  const parameters = draftValid.ok ? draftValid.settings.parameters : {};
  /** The first step: nothing to build on yet (no parameters in the workbook; outside Excel, an empty form). */
  const dockFilled =
    flow.progress !== null || question || flow.notice !== null || settings.failure !== null || (tab === "worksheets" && chosen.size > 0);
  const firstStep = excel ? settings.status === "none" : settings.draft.enterprise.trim() === "";

  return (
    <FluentProvider theme={webLightTheme} lang={lang}>
      <main className={s.root}>
        <header className={s.top}>
          <div className={s.titles}>
            <Text as="h1" size={500} weight="semibold">
              {t.appTitle}
            </Text>
            <Text size={200} className={s.subtitle}>
              {t.appSubtitle}
            </Text>
          </div>
          <Field label={t.language} className={s.lang}>
            <Select value={lang} onChange={(_, d) => setLang(d.value as Lang)}>
              <option value="zh-CN">{t.langZh}</option>
              <option value="en-US">{t.langEn}</option>
            </Select>
          </Field>
        </header>

        {!excel && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t.outsideExcelTitle}</MessageBarTitle>
              {t.outsideExcelBody}
            </MessageBarBody>
          </MessageBar>
        )}

        <PaneTabs
          idPrefix="cp-tab"
          selected={tab}
          onSelect={setTab}
          tabs={[
            { value: "worksheets", label: t.tabWorksheets },
            { value: "settings", label: t.tabSettings },
            { value: "calculator", label: t.tabCalculator },
          ]}
        />

        {tab === "worksheets" && (
          <div role="tabpanel" id={panelId("cp-tab", "worksheets")} aria-labelledby={tabId("cp-tab", "worksheets")} className={s.panel}>
            {firstStep && (
              <MessageBar intent="info" layout="multiline" data-testid="first-step">
                <MessageBarBody>
                  <MessageBarTitle>{t.firstStepTitle}</MessageBarTitle>
                  {excel ? t.firstStepBody : t.firstStepBrowser}
                </MessageBarBody>
                <MessageBarActions className={s.actions}>
                  <Button appearance="primary" onClick={() => setTab("settings")}>
                    {t.firstStepAction}
                  </Button>
                </MessageBarActions>
              </MessageBar>
            )}
            <div className={s.handOver}>
              <Switch
                checked={protect}
                disabled={busy}
                label={t.protectSwitch}
                aria-describedby="cp-hand-over-hint"
                onChange={(_, d) => setProtect(d.checked)}
              />
              <Text id="cp-hand-over-hint" size={200} className={s.handOverHint}>
                {t.protectHint}
              </Text>
            </div>
            <Field label={t.terminology} className={s.terms}>
              <Select value={terminology} disabled={busy} onChange={(_, d) => setTerminology(d.value as Terminology)}>
                <option value="2016">{t.terminology2016}</option>
                <option value="2001">{t.terminology2001}</option>
              </Select>
            </Field>
            <PhaseNavigator
              lang={lang}
              terminology={terminology}
              t={t}
              host={actions.host}
              busy={busy}
              chosen={chosen}
              onToggle={toggle}
              onSheet={onSheet}
              onPhase={(phase, keys) => write(keys, `cp-audit-phase-${phase.no}.xlsx`)}
            />
            <section className={s.library} aria-labelledby="cp-report-title">
              <Text as="h2" id="cp-report-title" size={400} weight="semibold">
                {t.reportTitle}
              </Text>
              <Text size={200} className={s.libraryHint}>
                {excel ? t.reportIntro : t.reportIntroBrowser}
              </Text>
              <Button className={s.libraryOpen} disabled={busy} onClick={onReport}>
                {t.reportButton}
              </Button>
            </section>
            <section className={s.library} aria-labelledby="cp-library-title">
              <Text as="h2" id="cp-library-title" size={400} weight="semibold">
                {t.libraryTitle}
              </Text>
              <Text size={200} className={s.libraryHint}>
                {t.libraryIntro}
              </Text>
              {libraryOpen ? (
                <Suspense fallback={<Text>{t.loading}</Text>}>
                  <OptionLibrary lang={lang} t={t} host={actions.host} busy={busy} onAppend={flow.appendOptions} />
                </Suspense>
              ) : (
                <Button className={s.libraryOpen} onClick={() => setLibraryOpen(true)}>
                  {t.libraryOpen}
                </Button>
              )}
            </section>
          </div>
        )}
        {tab === "settings" && (
          <div role="tabpanel" id={panelId("cp-tab", "settings")} aria-labelledby={tabId("cp-tab", "settings")} className={s.panel}>
            {settings.status === "loaded" && (
              <MessageBar intent="info">
                <MessageBarBody>{t.settingsLoaded}</MessageBarBody>
              </MessageBar>
            )}
            {excel && settings.status === "none" && (
              <MessageBar intent="info" layout="multiline">
                <MessageBarBody>{t.settingsNone}</MessageBarBody>
              </MessageBar>
            )}
            {settings.status === "saved" && (
              <MessageBar intent="success">
                <MessageBarBody>{t.settingsSaved}</MessageBarBody>
              </MessageBar>
            )}
            <Suspense fallback={<Text>{t.loading}</Text>}>
              <SettingsForm t={t} host={actions.host} settings={settings} onSave={() => void settings.save(lang)} />
            </Suspense>
          </div>
        )}
        {tab === "calculator" && (
          <div role="tabpanel" id={panelId("cp-tab", "calculator")} aria-labelledby={tabId("cp-tab", "calculator")} className={s.panel}>
            <Suspense fallback={<Text>{t.loading}</Text>}>
              <QuickCalculator
                t={t}
                host={actions.host}
                busy={busy}
                parameters={parameters}
                onInsertFormula={(f, cells) => void flow.insertFormula(f, cells)}
              />
            </Suspense>
          </div>
        )}

        <div className={mergeClasses(s.dock, dockFilled && s.dockFilled)}>
          <div
            ref={statusRef}
            className={s.status}
            role="region"
            aria-label={t.statusLabel}
            aria-live="polite"
            tabIndex={-1}
            data-testid="pane-status"
          >
            {flow.progress && (
              <Field
                validationState="none"
                validationMessage={
                  flow.progress.sheet ? t.writingSheet(flow.progress.done, flow.progress.total, flow.progress.sheet) : excel ? t.writing : t.building
                }
              >
                <ProgressBar
                  aria-label={excel ? t.writing : t.building}
                  value={flow.progress.total > 0 ? flow.progress.done / flow.progress.total : undefined}
                />
              </Field>
            )}
            {flow.conflict && (
              <MessageBar intent="warning" layout="multiline" ref={questionRef}>
                <MessageBarBody>
                  <MessageBarTitle>{t.conflictTitle}</MessageBarTitle>
                  {flow.conflict.foreign.length > 0 && <div>{t.conflictForeign(flow.conflict.foreign)}</div>}
                  {flow.conflict.ours.length > 0 && <div>{t.conflictOurs(flow.conflict.ours)}</div>}
                </MessageBarBody>
                <MessageBarActions className={s.actions}>
                  {flow.conflict.ours.length > 0 && (
                    <Button appearance="primary" onClick={() => flow.answer("refresh")}>
                      {t.conflictRefresh}
                    </Button>
                  )}
                  <Button onClick={() => flow.answer("addNew")}>{t.conflictAddNew}</Button>
                  <Button onClick={() => flow.answer("cancel")}>{t.cancel}</Button>
                </MessageBarActions>
              </MessageBar>
            )}
            {flow.formulaQuestion && (
              <MessageBar intent="warning" layout="multiline" ref={questionRef}>
                <MessageBarBody>
                  <MessageBarTitle>{t.formulaOverwriteTitle}</MessageBarTitle>
                  {t.formulaOverwrite(flow.formulaQuestion.address, flow.formulaQuestion.filled, flow.formulaQuestion.cells)}
                </MessageBarBody>
                <MessageBarActions className={s.actions}>
                  <Button appearance="primary" onClick={() => flow.answerFormula(true)}>
                    {t.overwrite}
                  </Button>
                  <Button onClick={() => flow.answerFormula(false)}>{t.cancel}</Button>
                </MessageBarActions>
              </MessageBar>
            )}
            {flow.notice && (
              <MessageBar intent={flow.notice.intent} layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{flow.notice.title}</MessageBarTitle>
                  {flow.notice.body}
                </MessageBarBody>
                <MessageBarActions
                  className={s.actions}
                  containerAction={
                    <Button appearance="transparent" aria-label={t.dismiss} onClick={flow.dismiss}>
                      ×
                    </Button>
                  }
                >
                  {flow.registerMissing && (
                    <Button appearance="primary" disabled={busy} onClick={() => write([REGISTER_KEY], `cp-audit-${REGISTER_KEY}.xlsx`)}>
                      {t.insertRegister}
                    </Button>
                  )}
                  {flow.retry && (
                    <Button appearance="primary" disabled={busy} onClick={() => void flow.retryRemaining()}>
                      {t.retryRemaining(flow.retry.keys.length)}
                    </Button>
                  )}
                </MessageBarActions>
              </MessageBar>
            )}
            {settings.failure && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{t.errorTitle}</MessageBarTitle>
                  {settings.failure.kind === "read" ? t.errorRead(settings.failure.message) : settings.failure.message}
                </MessageBarBody>
              </MessageBar>
            )}
          </div>
          {tab === "worksheets" && chosen.size > 0 && (
            <div className={s.chosenBar} role="region" aria-label={t.chosen(chosen.size)}>
              <Text>{t.chosen(chosen.size)}</Text>
              <Button appearance="primary" disabled={busy} onClick={() => write([...chosen], "cp-audit.xlsx")}>
                {excel ? t.insertChosen : t.downloadChosen}
              </Button>
              <Button appearance="subtle" onClick={() => setChosen(new Set())}>
                {t.clearChosen}
              </Button>
            </div>
          )}
        </div>
      </main>
    </FluentProvider>
  );
}
