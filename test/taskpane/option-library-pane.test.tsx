// @vitest-environment jsdom
/**
 * The option library in the pane (issue 11): the whole pane over the Excel fake (real Excel actions,
 * real appendOptionsToRegister). Picked options land at the END of the register table with fresh ids
 * continuing its numbering, nothing filled is overwritten, a second append continues again; a
 * workbook without the register gets the offer to insert it; outside Excel the pane says appending
 * needs Excel.
 *
 * Expected values come from the case JSON (its ids F-01…F-03, Z-01, Z-02) and the library's data file
 * read raw here (names, cost classes), with the numbering worked out by hand in each test.
 */
import "./jsdom-env";
import { readFileSync } from "node:fs";
import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../src/taskpane/App";
import { validateCase } from "../../src/worksheets/case";
import { buildWorkbook } from "../../src/worksheets/workbook";
import { renderWorkbook } from "../../src/writers/office/render";
import { FakeExcel } from "../fakes/excel-fake";
import { excelPane, SLOW } from "./excel-pane";
import { fakeActions } from "./fake-actions";

afterEach(cleanup);

interface RawOption {
  name_zh: string;
  name_en: string;
  cost_class: string;
}
const LIBRARY = JSON.parse(readFileSync("src/data/option-library.json", "utf8")) as { industry_zh: string; options: RawOption[] }[];
const BEER = LIBRARY.find((i) => i.industry_zh === "啤酒")!.options;
const CASE = JSON.parse(readFileSync("cases/power-plant-workshop.json", "utf8")) as { options: { id: string }[] };

/** The register's column `header` (zh-CN workbook) as a list of its data cells' values. */
function registerColumn(fake: FakeExcel, header: string): unknown[] {
  const t = fake.table("tblOptions");
  const c = t.rect.left + fake.tableColumns(t).indexOf(header);
  expect(c).toBeGreaterThanOrEqual(t.rect.left);
  const out: unknown[] = [];
  for (let r = t.rect.top + 1; r <= t.rect.bottom; r++) out.push(fake.cell(t.sheet.name, r, c)?.value ?? null);
  return out;
}

/** The register's data rows 0…n-1, every column: what must never change. */
function registerRows(fake: FakeExcel, n: number): unknown[][] {
  const t = fake.table("tblOptions");
  return Array.from({ length: n }, (_, r) =>
    Array.from({ length: t.rect.right - t.rect.left + 1 }, (_, k) => {
      const cell = fake.cell(t.sheet.name, t.rect.top + 1 + r, t.rect.left + k);
      return [cell?.value ?? null, cell?.formula ?? null];
    }),
  );
}

async function openBeer(): Promise<void> {
  await userEvent.click(screen.getByRole("button", { name: "打开方案库" }));
  const select = await screen.findByRole("combobox", { name: "行业" }, SLOW); // the library's chunk loads on opening
  expect(document.activeElement).toBe(select); // the opening button went away: focus is on the industry
  // 17 industries plus the "choose" entry, each with the README's confidence (啤酒: high)
  expect(within(select).getAllByRole("option")).toHaveLength(18);
  await userEvent.selectOptions(select, within(select).getByRole("option", { name: "啤酒 (可信度高)" }));
}

const tick = (o: RawOption) => userEvent.click(screen.getByRole("checkbox", { name: o.name_zh }));

describe("option library in the pane over the Excel fake", () => {
  it("appends ticked options at the end of the register with ids continuing its numbering; a second append continues again", async () => {
    const v = validateCase(JSON.parse(readFileSync("cases/power-plant-workshop.json", "utf8")));
    if (!v.ok) throw new Error("case invalid");
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, buildWorkbook(v.value, { lang: "zh-CN" })));
    const n = CASE.options.length;
    expect(CASE.options.map((o) => o.id)).toEqual(["F-01", "F-02", "F-03", "Z-01", "Z-02"]);
    const kept = registerRows(fake, n);
    const rowsBefore = fake.table("tblOptions").rect.bottom - fake.table("tblOptions").rect.top;

    excelPane(fake);
    await openBeer();
    // 无/低费, 无/低费, 中/高费 in the data file
    expect([BEER[0]!, BEER[1]!, BEER[3]!].map((o) => o.cost_class)).toEqual(["无/低费", "无/低费", "中/高费"]);
    for (const o of [BEER[0]!, BEER[1]!, BEER[3]!]) await tick(o);
    expect(screen.getByText(`已选 3 / ${BEER.length}`)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "追加到方案汇总表" }));
    // F continues after F-03, Z after Z-02
    expect(await screen.findByText("已将 3 个方案追加到方案汇总表：F-04、F-05、Z-03。", {}, SLOW)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId("pane-status"));
    expect(screen.getByText(`已选 0 / ${BEER.length}`)).toBeTruthy(); // ticks cleared after the append

    let ids = registerColumn(fake, "方案编号");
    expect(ids.slice(0, n + 3)).toEqual([...CASE.options.map((o) => o.id), "F-04", "F-05", "Z-03"]);
    expect(registerColumn(fake, "方案名称").slice(n, n + 3)).toEqual([BEER[0]!.name_zh, BEER[1]!.name_zh, BEER[3]!.name_zh]);
    expect(registerColumn(fake, "费用类别").slice(n, n + 3)).toEqual(["无/低费", "无/低费", "中/高费"]);
    expect(registerRows(fake, n)).toEqual(kept);

    // second append: one 无/低费 (BEER[2]) and one 中/高费 (BEER[5]) → F-06, Z-04, after the first three
    expect([BEER[2]!, BEER[5]!].map((o) => o.cost_class)).toEqual(["无/低费", "中/高费"]);
    await tick(BEER[2]!);
    await tick(BEER[5]!);
    await userEvent.click(screen.getByRole("button", { name: "追加到方案汇总表" }));
    expect(await screen.findByText("已将 2 个方案追加到方案汇总表：F-06、Z-04。", {}, SLOW)).toBeTruthy();
    ids = registerColumn(fake, "方案编号");
    expect(ids.slice(0, n + 5)).toEqual([...CASE.options.map((o) => o.id), "F-04", "F-05", "Z-03", "F-06", "Z-04"]);
    expect(ids.slice(n + 5).every((x) => x === null || x === "")).toBe(true); // nothing after the last appended
    const t = fake.table("tblOptions");
    expect(t.rect.bottom - t.rect.top).toBe(Math.max(rowsBefore, n + 5));
    expect(registerRows(fake, n)).toEqual(kept);
  }, 60_000);

  it("select all ticks every option of the industry", async () => {
    const v = validateCase(JSON.parse(readFileSync("cases/power-plant-workshop.json", "utf8")));
    if (!v.ok) throw new Error("case invalid");
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, buildWorkbook(v.value, { lang: "zh-CN" })));
    excelPane(fake);
    await openBeer();
    await userEvent.click(screen.getByRole("checkbox", { name: "全选" }));
    expect(screen.getByText(`已选 ${BEER.length} / ${BEER.length}`)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "追加到方案汇总表" }));
    const lows = BEER.filter((o) => o.cost_class === "无/低费").length;
    const highs = BEER.length - lows;
    expect(await screen.findByText(new RegExp(`^已将 ${BEER.length} 个方案追加`), {}, SLOW)).toBeTruthy();
    const ids = registerColumn(fake, "方案编号").filter((x): x is string => typeof x === "string" && x !== "");
    // F-04 … F-(3+lows), Z-03 … Z-(2+highs), each once
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((x) => x.startsWith("F-")).sort()).toEqual(Array.from({ length: 3 + lows }, (_, k) => `F-${String(k + 1).padStart(2, "0")}`));
    expect(ids.filter((x) => x.startsWith("Z-")).sort()).toEqual(Array.from({ length: 2 + highs }, (_, k) => `Z-${String(k + 1).padStart(2, "0")}`));
  }, 60_000);

  it("a workbook without the register: the pane says so and offers to insert it; then the append lands in it", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Sheet1", { A1: "用户的数据" });
    excelPane(fake);
    await openBeer();
    await tick(BEER[0]!);
    await userEvent.click(screen.getByRole("button", { name: "追加到方案汇总表" }));
    expect(await screen.findByText("工作簿中没有方案汇总表", {}, SLOW)).toBeTruthy();
    expect(fake.findTable("tblOptions")).toBeUndefined();
    await userEvent.click(screen.getByRole("button", { name: "插入方案汇总表" }));
    expect(await screen.findByText(/已添加：/, {}, SLOW)).toBeTruthy();
    expect(fake.findTable("tblOptions")).toBeDefined();
    // the tick is kept: append again; an empty register starts at F-01
    await userEvent.click(screen.getByRole("button", { name: "追加到方案汇总表" }));
    expect(await screen.findByText("已将 1 个方案追加到方案汇总表：F-01。", {}, SLOW)).toBeTruthy();
    expect(registerColumn(fake, "方案编号")[0]).toBe("F-01");
    expect(registerColumn(fake, "方案名称")[0]).toBe(BEER[0]!.name_zh);
  }, 60_000);

  it("outside Excel the library can be browsed and the pane says appending needs Excel", async () => {
    const actions = fakeActions("browser", { displayLanguage: "en-US" });
    render(<App actions={actions} />);
    await userEvent.click(screen.getByRole("button", { name: "Open the option library" }));
    const select = await screen.findByRole("combobox", { name: "Industry" }, SLOW);
    expect(screen.getByText(/Appending to the options register needs Excel/)).toBeTruthy();
    await userEvent.selectOptions(select, within(select).getByRole("option", { name: /^Beer.*\(confidence high\)$/ }));
    await userEvent.click(screen.getByRole("checkbox", { name: BEER[0]!.name_en }));
    expect(screen.queryByRole("button", { name: /Append/ })).toBeNull();
    expect(actions.appendLibraryOptions).not.toHaveBeenCalled();
  }, 60_000);
});
