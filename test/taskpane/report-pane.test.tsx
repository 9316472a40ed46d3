// @vitest-environment jsdom
/**
 * The pane's 生成审核报告 (issue 13): the button asks the actions for the report in the pane's
 * language and terms and says where it was saved; a workbook the reader cannot follow shows the
 * reader's problems (sheet and cell) in the status area.
 */
import "./jsdom-env";
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../src/taskpane/App";
import { fakeActions } from "./fake-actions";

afterEach(cleanup);

describe("生成审核报告", () => {
  it("outside Excel: the report of the workbook the page downloads, in the pane's language and terms", async () => {
    const actions = fakeActions("browser", { displayLanguage: "zh-CN" });
    render(<App actions={actions} />);
    await userEvent.click(screen.getByRole("button", { name: "生成审核报告" }));
    await waitFor(() => expect(actions.downloadReport).toHaveBeenCalledTimes(1));
    const req = actions.downloadReport.mock.calls[0]![0];
    expect(req).toMatchObject({ lang: "zh-CN", terminology: "2016", fileName: "cp-audit-report.docx" });
    expect(req.settings).toBeTruthy();
    const status = screen.getByRole("region", { name: "状态" });
    expect(await within(status).findByText(/已保存 cp-audit-report.docx/)).toBeTruthy();
  });

  it("inside Excel, English: a problem of the reader is shown with its sheet and cell", async () => {
    const actions = fakeActions("excel", {
      displayLanguage: "en-US",
    });
    actions.downloadReport.mockRejectedValueOnce(new Error("'Parameters'!C6: CP_DiscountRate must be a number, got the text \"twelve\""));
    render(<App actions={actions} />);
    await userEvent.click(await screen.findByRole("button", { name: "Create the audit report" }));
    const status = screen.getByRole("region", { name: "Status" });
    expect(await within(status).findByText(/Could not create the report: 'Parameters'!C6/)).toBeTruthy();
  });
});
