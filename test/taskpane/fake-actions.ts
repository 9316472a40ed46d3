/** TaskpaneActions for component tests: every action a vi.fn with a plausible default. */
import { vi } from "vitest";
import type { Host, TaskpaneActions } from "../../src/taskpane/actions";

export function fakeActions(host: Host, overrides: Partial<TaskpaneActions> = {}): TaskpaneActions & {
  [K in keyof TaskpaneActions]: TaskpaneActions[K];
} {
  return {
    host,
    displayLanguage: "zh-CN",
    readSettings: vi.fn(async () => null),
    saveSettings: vi.fn(async () => "saved" as const),
    insertWorksheets: vi.fn(async () => ({ created: [], refreshed: [], syncs: 0, cancelled: false })),
    insertFormula: vi.fn(async () => "Sheet1!A1"),
    downloadWorkbook: vi.fn(async (req) => req.fileName),
    ...overrides,
  };
}
