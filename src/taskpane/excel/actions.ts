/** The task pane's actions inside Excel (Office.js through an ExcelRunner). */
import type { Lang } from "../../worksheets/model";
import { excelRun, type ExcelRunner } from "../../writers/office/excel-run";
import type { TaskpaneActions } from "../actions";
import type { AuditSettings } from "../settings";
import { insertFormulaAtSelection, insertWorksheets } from "./insert";
import { readSettingsFromWorkbook, saveSettingsToWorkbook } from "./settings";

export function createExcelActions(
  run: ExcelRunner = excelRun,
  displayLanguage?: string,
  download?: TaskpaneActions["downloadWorkbook"],
): TaskpaneActions {
  return {
    host: "excel",
    displayLanguage,
    readSettings: () => run((ctx) => readSettingsFromWorkbook(ctx)),
    async saveSettings(settings: AuditSettings, lang: Lang) {
      if (await run((ctx) => saveSettingsToWorkbook(ctx, settings))) return "saved";
      await insertWorksheets(
        run,
        { keys: ["PARAMS"], lang, settings, overwriteInputKeys: ["PARAMS"] },
        { askConflict: async () => "addNew" },
      );
      return "created";
    },
    insertWorksheets: (req, cb) => insertWorksheets(run, req, cb),
    insertFormula: (formula) => run((ctx) => insertFormulaAtSelection(ctx, formula)),
    downloadWorkbook:
      download ??
      (async () => {
        throw new Error("Download is offered outside Excel only.");
      }),
  };
}
