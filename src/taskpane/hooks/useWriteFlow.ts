import { useCallback, useRef, useState } from "react";
import type { LibraryOption } from "../../core/option-library";
import type { Lang } from "../../worksheets/model";
import type { ConflictAnswer, ConflictQuestion, FormulaTarget, TaskpaneActions } from "../actions";
import { officeErrorCode, writeErrorText } from "../errors";
import type { Strings } from "../i18n";
import type { AuditSettings } from "../settings";
import type { Terminology } from "../../worksheets/terminology";

export interface Progress {
  done: number;
  total: number;
  sheet: string | null;
}

export interface Notice {
  intent: "success" | "error" | "info" | "warning";
  title: string;
  body: string;
}

/** "Insert as formula" found something in the cells the formula fills: overwrite? */
export interface FormulaQuestion extends FormulaTarget {
  /** Cells the formula fills. */
  cells: number;
}

/** An insert interrupted because another workbook became active: what "retry" inserts. */
export interface PendingRetry {
  keys: readonly string[];
  settings: AuditSettings;
  lang: Lang;
  opts: WriteOptions;
}

export interface WriteFlow {
  busy: boolean;
  progress: Progress | null;
  /** Pending question about taken sheet names; answer() resolves it. */
  conflict: ConflictQuestion | null;
  answer: (a: ConflictAnswer) => void;
  /** Pending "overwrite these cells?" of insert-as-formula; answerFormula() resolves it. */
  formulaQuestion: FormulaQuestion | null;
  answerFormula: (overwrite: boolean) => void;
  /** Set after an insert stopped because another workbook became active; retry() inserts the remaining sheets. */
  retry: PendingRetry | null;
  retryRemaining: () => Promise<void>;
  notice: Notice | null;
  dismiss: () => void;
  insert: (keys: readonly string[], settings: AuditSettings, lang: Lang, opts?: WriteOptions) => Promise<void>;
  download: (keys: readonly string[], settings: AuditSettings, lang: Lang, fileName: string, opts?: WriteOptions) => Promise<void>;
  /** Writes `formula` at the selection; `cells`: how many cells it fills (its top-left and the ones to its right). */
  insertFormula: (formula: string, cells?: number) => Promise<void>;
  fail: (n: Notice) => void;
  /**
   * Appends library options to the options register (Excel only); resolves true when they were
   * appended. When the workbook has no register, `registerMissing` is set (the pane offers to insert it).
   */
  appendOptions: (picked: readonly LibraryOption[]) => Promise<boolean>;
  /** The last append found no options register (tblOptions) in the workbook. */
  registerMissing: boolean;
  /** Builds the audit report (.docx) and offers it as a download (生成审核报告). */
  report: (settings: AuditSettings, lang: Lang, fileName: string, terminology?: Terminology) => Promise<void>;
}

/** Choices of the pane that go with a write. */
export interface WriteOptions {
  /** The hand-over switch: protect the written sheets. */
  protect?: boolean;
  /** The terms of the sheet titles and work-plan stages (spec §8.2); absent: the builder's default. */
  terminology?: Terminology;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Insert / download / formula with progress, the conflict question and one notice at a time. */
export function useWriteFlow(actions: TaskpaneActions, t: Strings): WriteFlow {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [conflict, setConflict] = useState<ConflictQuestion | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [formulaQuestion, setFormulaQuestion] = useState<FormulaQuestion | null>(null);
  const [retry, setRetry] = useState<PendingRetry | null>(null);
  const [registerMissing, setRegisterMissing] = useState(false);
  const resolver = useRef<((a: ConflictAnswer) => void) | null>(null);
  const formulaResolver = useRef<((overwrite: boolean) => void) | null>(null);
  const tRef = useRef(t);
  tRef.current = t;

  const answer = useCallback((a: ConflictAnswer) => {
    const r = resolver.current;
    resolver.current = null;
    setConflict(null);
    r?.(a);
  }, []);

  const answerFormula = useCallback((overwrite: boolean) => {
    const r = formulaResolver.current;
    formulaResolver.current = null;
    setFormulaQuestion(null);
    r?.(overwrite);
  }, []);

  const run = useCallback(
    async (keys: readonly string[], settings: AuditSettings, lang: Lang, opts: WriteOptions, resume: boolean) => {
      setBusy(true);
      setNotice(null);
      setRetry(null);
      setRegisterMissing(false);
      setProgress({ done: 0, total: 0, sheet: null });
      try {
        const out = await actions.insertWorksheets(
          { keys, lang, settings, ...(opts.protect ? { protect: true } : {}), ...(opts.terminology ? { terminology: opts.terminology } : {}), ...(resume ? { resume: true } : {}) },
          {
            onProgress: (p) => setProgress({ done: p.done, total: p.total, sheet: p.sheet }),
            askConflict: (q) =>
              new Promise<ConflictAnswer>((resolve) => {
                resolver.current = resolve;
                setProgress(null);
                setConflict(q);
              }),
          },
        );
        const tt = tRef.current;
        const notes = [
          out.lang && out.lang !== lang ? tt.langFollowed(out.lang === "zh-CN" ? tt.langZh : tt.langEn) : "",
          out.unprotected?.length ? tt.unprotectedNotice(out.unprotected) : "",
        ].filter(Boolean);
        setNotice(
          out.cancelled
            ? { intent: "info", title: tt.cancel, body: tt.cancelled }
            : { intent: "success", title: tt.insertedTitle, body: [tt.inserted(out.created, out.refreshed), ...notes].join(" ") },
        );
      } catch (e) {
        const tt = tRef.current;
        // chosen by the Office error's code, never by its (localised) message
        setNotice({ intent: "error", title: tt.errorTitle, body: writeErrorText(e, tt) });
        const remaining = (e as { remainingKeys?: unknown }).remainingKeys;
        if (officeErrorCode(e) === "InactiveWorkbook" && Array.isArray(remaining) && remaining.length > 0) {
          setRetry({ keys: remaining as string[], settings, lang, opts });
        }
      } finally {
        setBusy(false);
        setProgress(null);
        setConflict(null);
        resolver.current = null;
      }
    },
    [actions],
  );

  const insert = useCallback(
    (keys: readonly string[], settings: AuditSettings, lang: Lang, opts: WriteOptions = {}) => run(keys, settings, lang, opts, false),
    [run],
  );

  const retryRemaining = useCallback(async () => {
    if (retry) await run(retry.keys, retry.settings, retry.lang, retry.opts, true);
  }, [retry, run]);

  const download = useCallback(
    async (keys: readonly string[], settings: AuditSettings, lang: Lang, fileName: string, opts: WriteOptions = {}) => {
      setBusy(true);
      setNotice(null);
      setProgress({ done: 0, total: 0, sheet: null });
      try {
        const file = await actions.downloadWorkbook({ keys, lang, settings, fileName, ...(opts.protect ? { protect: true } : {}), ...(opts.terminology ? { terminology: opts.terminology } : {}) });
        setNotice({ intent: "success", title: tRef.current.insertedTitle, body: tRef.current.downloaded(file) });
      } catch (e) {
        setNotice({ intent: "error", title: tRef.current.errorTitle, body: tRef.current.errorDownload(message(e)) });
      } finally {
        setBusy(false);
        setProgress(null);
      }
    },
    [actions],
  );

  const report = useCallback(
    async (settings: AuditSettings, lang: Lang, fileName: string, terminology?: Terminology) => {
      setBusy(true);
      setNotice(null);
      setProgress({ done: 0, total: 0, sheet: null });
      try {
        const file = await actions.downloadReport({ lang, settings, fileName, ...(terminology ? { terminology } : {}) });
        setNotice({ intent: "success", title: tRef.current.reportDoneTitle, body: tRef.current.reportDone(file) });
      } catch (e) {
        setNotice({ intent: "error", title: tRef.current.errorTitle, body: tRef.current.errorReport(message(e)) });
      } finally {
        setBusy(false);
        setProgress(null);
      }
    },
    [actions],
  );

  const insertFormula = useCallback(
    async (formula: string, cells = 1) => {
      setBusy(true);
      setNotice(null);
      try {
        const target = await actions.inspectFormulaTarget(cells);
        if (target.filled > 0) {
          const overwrite = await new Promise<boolean>((resolve) => {
            formulaResolver.current = resolve;
            setFormulaQuestion({ ...target, cells });
          });
          if (!overwrite) {
            setNotice({ intent: "info", title: tRef.current.cancel, body: tRef.current.cancelled });
            return;
          }
        }
        const address = await actions.insertFormula(formula);
        setNotice({ intent: "success", title: tRef.current.insertedTitle, body: tRef.current.formulaInserted(address) });
      } catch (e) {
        setNotice({ intent: "error", title: tRef.current.errorTitle, body: writeErrorText(e, tRef.current, tRef.current.errorFormula) });
      } finally {
        setBusy(false);
        setFormulaQuestion(null);
        formulaResolver.current = null;
      }
    },
    [actions],
  );

  const appendOptions = useCallback(
    async (picked: readonly LibraryOption[]) => {
      setBusy(true);
      setNotice(null);
      setRetry(null);
      setRegisterMissing(false);
      setProgress({ done: 0, total: 0, sheet: null });
      const tt = () => tRef.current;
      try {
        const out = await actions.appendLibraryOptions(picked);
        if (out.status === "noRegister") {
          setRegisterMissing(true);
          setNotice({ intent: "warning", title: tt().noRegisterTitle, body: tt().noRegisterBody });
          return false;
        }
        setNotice({ intent: "success", title: tt().insertedTitle, body: tt().optionsAppended(out.appended.map((a) => a.id)) });
        return true;
      } catch (e) {
        setNotice({ intent: "error", title: tt().errorTitle, body: writeErrorText(e, tt()) });
        return false;
      } finally {
        setBusy(false);
        setProgress(null);
      }
    },
    [actions],
  );

  const dismiss = useCallback(() => {
    setNotice(null);
    setRetry(null);
    setRegisterMissing(false);
  }, []);
  const fail = useCallback((n: Notice) => setNotice(n), []);

  return {
    busy,
    progress,
    conflict,
    answer,
    formulaQuestion,
    answerFormula,
    retry,
    retryRemaining,
    notice,
    dismiss,
    insert,
    download,
    insertFormula,
    fail,
    appendOptions,
    registerMissing,
    report,
  };
}
