/** TaskpaneActions for component tests: every action a vi.fn with a plausible default. */
import { vi, type Mock } from "vitest";
import type { Host, TaskpaneActions } from "../../src/taskpane/actions";

type ActionName = "readSettings" | "saveSettings" | "insertWorksheets" | "inspectFormulaTarget" | "insertFormula" | "downloadWorkbook" | "downloadReport" | "appendLibraryOptions";

/** The actions with each one a typed mock, so a test reads `actions.saveSettings.mock.calls[0]` as the action's arguments. */
export type FakeActions = Omit<TaskpaneActions, ActionName> & { [K in ActionName]: Mock<TaskpaneActions[K]> };

export function fakeActions(host: Host, overrides: Partial<FakeActions> = {}): FakeActions {
  return {
    host,
    displayLanguage: "zh-CN",
    readSettings: vi.fn<TaskpaneActions["readSettings"]>(async () => null),
    saveSettings: vi.fn<TaskpaneActions["saveSettings"]>(async () => "saved"),
    insertWorksheets: vi.fn<TaskpaneActions["insertWorksheets"]>(async () => ({ created: [], refreshed: [], syncs: 0, cancelled: false })),
    inspectFormulaTarget: vi.fn<TaskpaneActions["inspectFormulaTarget"]>(async (cells) => ({ address: `Sheet1!A1${cells > 1 ? ":H1" : ""}`, filled: 0 })),
    insertFormula: vi.fn<TaskpaneActions["insertFormula"]>(async () => "Sheet1!A1"),
    appendLibraryOptions: vi.fn<TaskpaneActions["appendLibraryOptions"]>(async (picked) => ({
      status: "appended",
      appended: picked.map((o, k) => ({ id: `F-${String(k + 1).padStart(2, "0")}`, libraryId: o.id })),
    })),
    downloadWorkbook: vi.fn<TaskpaneActions["downloadWorkbook"]>(async (req) => req.fileName),
    downloadReport: vi.fn<TaskpaneActions["downloadReport"]>(async (req) => req.fileName),
    ...overrides,
  };
}
