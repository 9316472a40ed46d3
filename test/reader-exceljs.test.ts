/**
 * Issue 13: "build → add rows / change inputs with ExcelJS → read → the case has them". A program
 * (ExcelJS here) loads the workbook we wrote, changes an input, writes a new register row directly
 * below the table (a program does not extend the table as Excel does) and a row into a table's
 * spare empty rows, and saves; the reader gives a case with those edits. Expected values: the
 * case JSON and the values typed here.
 */
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readCase } from "../src/reader/read-case";
import { xlsxSource } from "../src/reader/xlsx-source";
import { validateCase } from "../src/worksheets/case";
import type { Lang } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";

const raw = JSON.parse(readFileSync("cases/power-plant-workshop.json", "utf8")) as { options: { id: string; name: string; investment?: number }[]; team?: unknown[] };
const v = validateCase(raw);
if (!v.ok) throw new Error("case invalid");
const CASE = v.value;

/** The worksheet holding table `name`, and the table's range (1-based rows and columns as ExcelJS counts). */
function tableOf(wb: ExcelJS.Workbook, name: string): { ws: ExcelJS.Worksheet; top: number; left: number; bottom: number; right: number } {
  for (const ws of wb.worksheets) {
    const t = (ws as unknown as { tables: Record<string, { table: { tableRef: string } }> }).tables[name];
    if (!t) continue;
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(t.table.tableRef)!;
    const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return { ws, top: Number(m[2]), left: col(m[1]!), bottom: Number(m[4]), right: col(m[3]!) };
  }
  throw new Error(`no table ${name}`);
}

/** Column (1-based) of header `header` in the table's header row. */
function colOf(t: ReturnType<typeof tableOf>, header: string): number {
  for (let c = t.left; c <= t.right; c++) if (t.ws.getCell(t.top, c).text === header) return c;
  throw new Error(`no column ${header}`);
}

describe.each(["zh-CN", "en-US"] as Lang[])("edited with ExcelJS (%s)", (lang) => {
  it("a changed input, a row written below the register and a row in the team's spare rows are read back", async () => {
    const zh = lang === "zh-CN";
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeXlsx(buildWorkbook(CASE, { lang }))).slice().buffer);
    const reg = tableOf(wb, "tblOptions");
    const idCol = colOf(reg, zh ? "方案编号" : "Option ID");
    const nameCol = colOf(reg, zh ? "方案名称" : "Option name");
    const invCol = colOf(reg, zh ? "预计投资" : "Investment");
    // the first option's investment changed
    const firstId = raw.options[0]!.id;
    let firstRow = 0;
    for (let r = reg.top + 1; r <= reg.bottom; r++) if (reg.ws.getCell(r, idCol).value === firstId) firstRow = r;
    expect(firstRow).toBeGreaterThan(0);
    reg.ws.getCell(firstRow, invCol).value = 123.45;
    // a new option typed directly below the table's last row
    reg.ws.getCell(reg.bottom + 1, idCol).value = "F-99";
    reg.ws.getCell(reg.bottom + 1, nameCol).value = zh ? "新增方案" : "New option";
    // a team member typed into the team table's first empty row
    const team = tableOf(wb, "tblTeam");
    const teamName = colOf(team, zh ? "姓名" : "Name");
    let empty = 0;
    for (let r = team.bottom; r > team.top; r--) if (team.ws.getCell(r, teamName).value === null) empty = r;
    expect(empty).toBeGreaterThan(0);
    team.ws.getCell(empty, teamName).value = "王五";
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());

    const r = readCase(await xlsxSource(bytes));
    if (!r.ok) throw new Error(r.problems.map((p) => `${p.where}: ${p.message}`).join("\n"));
    const back = validateCase(r.caseFile);
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    const options = back.value.options ?? [];
    expect(options.find((o) => o.id === firstId)?.investment).toBe(123.45);
    expect(options.find((o) => o.id === "F-99")?.name).toBe(zh ? "新增方案" : "New option");
    expect(options.length).toBe(raw.options.length + 1);
    expect((back.value.team ?? []).some((m) => m.name === "王五")).toBe(true);
    expect((back.value.team ?? []).length).toBe((raw.team ?? []).length + 1);
  });
});
