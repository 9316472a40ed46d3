/**
 * Ribbon commands (manifest.xml, Home tab → CP Audit group). The task-pane button is a ShowTaskpane action and
 * needs no code; the "Recalculate" button is an ExecuteFunction action handled here.
 *
 * In the shared runtime the ribbon's FunctionFile is taskpane.html: this script is bundled as the `commands`
 * entry and injected into that page beside the task pane and the custom functions (webpack.config.js).
 */

/** Minimal view of the ribbon event Office passes to an ExecuteFunction handler. */
export interface CommandEvent {
  completed: () => void;
}

/** The narrow part of Excel.run this command uses (injected for tests). */
export type ExcelRun = (batch: (context: Excel.RequestContext) => Promise<void>) => Promise<void>;

/**
 * Recalculates every formula of the workbook, CP.* functions included (`Application.calculate("Full")`,
 * ExcelApi 1.1): useful after the add-in was reloaded and CP.* cells still show #BUSY! or old values.
 * Always calls `event.completed()`, also when Excel refuses, so the ribbon button never stays busy.
 */
export async function recalculateWorkbook(event: CommandEvent, run: ExcelRun = (b) => Excel.run(b)): Promise<void> {
  try {
    await run(async (context) => {
      context.workbook.application.calculate("Full" as Excel.CalculationType);
      await context.sync();
    });
  } catch (e) {
    console.error("CP Audit: recalculation failed:", e);
  } finally {
    event.completed();
  }
}

// Register the handler under the <FunctionName> of manifest.xml once Office is ready.
// Outside Office (a plain browser, a test) there is no Office global and nothing is registered.
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  void Office.onReady(() => {
    // the handler never rejects: it reports a failure itself and always completes the event
    Office.actions.associate("recalculateWorkbook", (event: CommandEvent) => void recalculateWorkbook(event));
  });
}
