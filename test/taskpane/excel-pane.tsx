/** The whole pane "inside Excel" for jsdom tests: <App> with the real Excel actions over the recording fake. */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/App";
import { createExcelActions } from "../../src/taskpane/excel/actions";
import type { FakeExcel } from "../fakes/excel-fake";

/** Building and writing a workbook takes a few seconds when the machine is busy (2 cores). */
export const SLOW = { timeout: 30_000 };

export function excelPane(fake: FakeExcel, displayLanguage = "zh-CN") {
  const actions = createExcelActions((b) => fake.run(b), displayLanguage);
  return render(<App actions={actions} />);
}

/** en-US pane: opens the quick calculator and types I = 31.67, P = 15.03, i = 12 % (t and Y keep the defaults 25 %, 10). */
export async function fillCalculator(): Promise<void> {
  await userEvent.click(screen.getByRole("tab", { name: "Quick calculator" }));
  await screen.findByLabelText("Investment I (10k CNY)", {}, SLOW); // the tab's chunk loads on first selection
  for (const [label, v] of [
    ["Investment I (10k CNY)", "31.67"],
    ["Annual savings P (10k CNY/a)", "15.03"],
    ["Discount rate i (%)", "12"],
  ] as const) {
    await userEvent.type(screen.getByLabelText(label), v);
  }
}
