import { useCallback, useRef, useState } from "react";
import type { Lang } from "../../worksheets/model";
import type { ConflictAnswer, ConflictQuestion, TaskpaneActions } from "../actions";
import { writeErrorText } from "../errors";
import type { Strings } from "../i18n";
import type { AuditSettings } from "../settings";

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

export interface WriteFlow {
  busy: boolean;
  progress: Progress | null;
  /** Pending question about taken sheet names; answer() resolves it. */
  conflict: ConflictQuestion | null;
  answer: (a: ConflictAnswer) => void;
  notice: Notice | null;
  dismiss: () => void;
  insert: (keys: readonly string[], settings: AuditSettings, lang: Lang, opts?: WriteOptions) => Promise<void>;
  download: (keys: readonly string[], settings: AuditSettings, lang: Lang, fileName: string, opts?: WriteOptions) => Promise<void>;
  insertFormula: (formula: string) => Promise<void>;
  fail: (n: Notice) => void;
}

/** Choices of the pane that go with a write. */
export interface WriteOptions {
  /** The hand-over switch: protect the written sheets. */
  protect?: boolean;
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
  const resolver = useRef<((a: ConflictAnswer) => void) | null>(null);
  const tRef = useRef(t);
  tRef.current = t;

  const answer = useCallback((a: ConflictAnswer) => {
    const r = resolver.current;
    resolver.current = null;
    setConflict(null);
    r?.(a);
  }, []);

  const insert = useCallback(
    async (keys: readonly string[], settings: AuditSettings, lang: Lang, opts: WriteOptions = {}) => {
      setBusy(true);
      setNotice(null);
      setProgress({ done: 0, total: 0, sheet: null });
      try {
        const out = await actions.insertWorksheets(
          { keys, lang, settings, ...(opts.protect ? { protect: true } : {}) },
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
      } finally {
        setBusy(false);
        setProgress(null);
        setConflict(null);
        resolver.current = null;
      }
    },
    [actions],
  );

  const download = useCallback(
    async (keys: readonly string[], settings: AuditSettings, lang: Lang, fileName: string, opts: WriteOptions = {}) => {
      setBusy(true);
      setNotice(null);
      setProgress({ done: 0, total: 0, sheet: null });
      try {
        const file = await actions.downloadWorkbook({ keys, lang, settings, fileName, ...(opts.protect ? { protect: true } : {}) });
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

  const insertFormula = useCallback(
    async (formula: string) => {
      setBusy(true);
      setNotice(null);
      try {
        const address = await actions.insertFormula(formula);
        setNotice({ intent: "success", title: tRef.current.insertedTitle, body: tRef.current.formulaInserted(address) });
      } catch (e) {
        setNotice({ intent: "error", title: tRef.current.errorTitle, body: writeErrorText(e, tRef.current, tRef.current.errorFormula) });
      } finally {
        setBusy(false);
      }
    },
    [actions],
  );

  const dismiss = useCallback(() => setNotice(null), []);
  const fail = useCallback((n: Notice) => setNotice(n), []);

  return { busy, progress, conflict, answer, notice, dismiss, insert, download, insertFormula, fail };
}
