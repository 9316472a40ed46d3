/**
 * The task pane's actions outside Excel (the page opened in a plain browser): nothing can be
 * written into a workbook, but the chosen worksheets can be downloaded as .xlsx, built in the
 * browser from the same model with the same writers/xlsx. ExcelJS is loaded only on this path,
 * through a dynamic import() (its own chunk), so the Excel path stays small.
 */
import type { DownloadRequest, TaskpaneActions } from "../actions";
import { withHandOverProtection } from "../hand-over";
import { caseFromSettings } from "../settings";

const OUTSIDE = "Not available outside Excel.";

/** Builds the workbook's bytes (exported for tests: no DOM needed). */
export async function buildXlsxBytes(req: Omit<DownloadRequest, "fileName">): Promise<Uint8Array> {
  const { buildWorkbook } = await import(/* webpackChunkName: "insert" */ "../../worksheets/workbook");
  const built = buildWorkbook(caseFromSettings(req.settings), { lang: req.lang, keys: req.keys, ...(req.terminology ? { terminology: req.terminology } : {}) });
  const book = req.protect ? withHandOverProtection(built) : built;
  const { writeXlsx } = await import(/* webpackChunkName: "xlsx-writer" */ "../../writers/xlsx");
  return writeXlsx(book);
}

/** MIME type of an .xlsx file. */
const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The report modules (docx, the reader): a chunk loaded on the first 生成审核报告. */
export const loadReport = () => import(/* webpackChunkName: "report" */ "../report");

/** Offers bytes as a file download through a temporary object URL (default type: .xlsx). */
export function saveBytes(bytes: Uint8Array, fileName: string, doc: Document = document, type: string = XLSX_MIME): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  a.style.display = "none";
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function createBrowserActions(displayLanguage?: string): TaskpaneActions {
  return {
    host: "browser",
    displayLanguage,
    readSettings: async () => null,
    saveSettings: async () => {
      throw new Error(OUTSIDE);
    },
    insertWorksheets: async () => {
      throw new Error(OUTSIDE);
    },
    inspectFormulaTarget: async () => {
      throw new Error(OUTSIDE);
    },
    insertFormula: async () => {
      throw new Error(OUTSIDE);
    },
    appendLibraryOptions: async () => {
      throw new Error(OUTSIDE);
    },
    async downloadWorkbook(req) {
      const bytes = await buildXlsxBytes(req);
      saveBytes(bytes, req.fileName);
      return req.fileName;
    },
    async downloadReport(req) {
      const { reportOfSettings, DOCX_MIME } = await loadReport();
      saveBytes(await reportOfSettings(req.settings, req.lang, req.terminology), req.fileName, document, DOCX_MIME);
      return req.fileName;
    },
  };
}
