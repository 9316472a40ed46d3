/**
 * TEST PAGE ONLY (taskpane-fake.html, built when PANE_FAKE=1; never part of the production
 * build's pages): the task pane as inside Excel, over the recording Excel fake, so the browser
 * test can show and measure every state (busy, success, conflict, error) of the real pane.
 *
 * Query: ?lang=zh-CN|en-US (Office's display language). `window.__pane` lets the test hold the
 * workbook (every Excel.run waits until released: the busy state), inject a failure
 * (fake.failSync) and read the fake.
 */
import { createRoot } from "react-dom/client";
import { App } from "../../src/taskpane/App";
import { createExcelActions } from "../../src/taskpane/excel/actions";
import type { ExcelRunner } from "../../src/writers/office/excel-run";
import { FakeExcel } from "../fakes/excel-fake";

const fake = new FakeExcel();
fake.seedSheet("Sheet1", { A1: "my data" });
fake.selection = { sheet: "Sheet1", row: 2, col: 3 };

let gate: Promise<void> | null = null;
let open: (() => void) | null = null;

const control = {
  fake,
  /** Every following Excel.run waits until release(). */
  hold(): void {
    gate = new Promise<void>((r) => (open = r));
  },
  release(): void {
    open?.();
    gate = null;
    open = null;
  },
};
(window as unknown as { __pane: typeof control }).__pane = control;

const run: ExcelRunner = async (batch) => {
  while (gate) await gate;
  return fake.run(batch);
};

const lang = new URLSearchParams(location.search).get("lang") ?? "zh-CN";
document.documentElement.lang = lang;
document.documentElement.dataset.host = "excel";
const container = document.getElementById("container");
if (container) createRoot(container).render(<App actions={createExcelActions(run, lang, undefined, { pageLayout: true })} />);
