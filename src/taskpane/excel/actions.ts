/** The task pane's actions inside Excel (Office.js through an ExcelRunner). */
import type { Lang } from "../../worksheets/model";
import { excelRun, type ExcelRunner } from "../../writers/office/excel-run";
import type { AppendOptionsOutcome, TaskpaneActions } from "../actions";
import { loadReport, saveBytes } from "../browser/actions";
import { officeErrorCode } from "../errors";
import type { AuditSettings, SettingsField } from "../settings";
import type { HostRenderOptions } from "./insert";
import { readSettingsFromWorkbook, saveSettingsToWorkbook } from "./settings";

/**
 * The insert path (the worksheet definitions, core's units with mathjs, writers/office) is loaded
 * when the user first inserts, not before the pane's first paint (start-up bundle budget).
 */
const loadInsert = () => import(/* webpackChunkName: "insert" */ "./insert");
/** The register writer and the option library's data (~77 KB), loaded on the first append. */
const loadAppend = () => import(/* webpackChunkName: "option-append" */ "../../writers/office/append-options");

/**
 * What the running Excel supports: page layout (print setup) needs ExcelApi 1.9. Outside Office
 * (tests) everything is assumed.
 */
export function hostRenderOptions(): HostRenderOptions {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported?: (n: string, v: string) => boolean } } } }).Office;
  const check = office?.context?.requirements?.isSetSupported;
  return { pageLayout: typeof check === "function" ? check.call(office!.context!.requirements, "ExcelApi", "1.9") : true };
}

export function createExcelActions(
  run: ExcelRunner = excelRun,
  displayLanguage?: string,
  download?: TaskpaneActions["downloadWorkbook"],
  host: HostRenderOptions = hostRenderOptions(),
): TaskpaneActions {
  return {
    host: "excel",
    displayLanguage,
    readSettings: () => run((ctx) => readSettingsFromWorkbook(ctx)),
    async saveSettings(settings: AuditSettings, lang: Lang, changed?: readonly SettingsField[]) {
      if (await run((ctx) => saveSettingsToWorkbook(ctx, settings, changed))) return "saved";
      const { insertWorksheets } = await loadInsert();
      await insertWorksheets(
        run,
        { keys: ["PARAMS"], lang, settings, overwriteInputKeys: ["PARAMS"] },
        { askConflict: async () => "addNew" },
        host,
      );
      return "created";
    },
    insertWorksheets: async (req, cb) => (await loadInsert()).insertWorksheets(run, req, cb, host),
    inspectFormulaTarget: async (cells) => {
      const { inspectFormulaTarget } = await loadInsert();
      return run((ctx) => inspectFormulaTarget(ctx, cells));
    },
    insertFormula: async (formula) => {
      const { insertFormulaAtSelection } = await loadInsert();
      return run((ctx) => insertFormulaAtSelection(ctx, formula));
    },
    async appendLibraryOptions(picked): Promise<AppendOptionsOutcome> {
      const { appendOptionsToRegister } = await loadAppend();
      try {
        const got = await run((ctx) => appendOptionsToRegister(ctx, picked));
        return { status: "appended", appended: got.map((a) => ({ id: a.id, libraryId: a.option.id })) };
      } catch (e) {
        // the writer's first sync: tables.getItem("tblOptions") of a workbook without the register
        if (officeErrorCode(e) === "ItemNotFound") return { status: "noRegister" };
        throw e;
      }
    },
    downloadWorkbook:
      download ??
      (async () => {
        throw new Error("Download is offered outside Excel only.");
      }),
    async downloadReport(req) {
      // the open workbook read back through Office.js, as `cp-audit report` reads a file
      const { reportOfOpenWorkbook, DOCX_MIME } = await loadReport();
      const report = await reportOfOpenWorkbook(run, { lang: req.lang, ...(req.terminology ? { terminology: req.terminology } : {}) });
      saveBytes(report, req.fileName, document, DOCX_MIME);
      return req.fileName;
    },
  };
}
