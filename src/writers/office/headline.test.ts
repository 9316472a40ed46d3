/**
 * The demo workbook (every worksheet of the power-plant case) written by writers/office into the
 * recording fake, checked cell by cell against the SheetModel by the SAME checker as writers/xlsx
 * (test/helpers/model-check.ts), with the tables, names, row heights, hidden columns, footers
 * and the number of syncs. The fake refuses what Excel refuses (a structured reference to a
 * table that does not exist yet, a request over 5 MB, a locked cell on a protected sheet), so a
 * wrong order of operations fails here.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateCase } from "../../worksheets/case";
import type { Lang } from "../../worksheets/model";
import { buildWorkbook } from "../../worksheets/workbook";
import { FakeExcel, asExcelContext } from "../../../test/fakes/excel-fake";
import { fakeReader, withoutResultMismatches } from "../../../test/fakes/fake-reader";
import { checkSheetAgainstModel } from "../../../test/helpers/model-check";
import { SheetConflictError, TABLE_STYLE, renderWorkbook } from "./render";

function powerPlantCase() {
  const json: unknown = JSON.parse(readFileSync(new URL("../../../cases/power-plant-workshop.json", import.meta.url), "utf8"));
  const v = validateCase(json);
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
  return v.value;
}

describe.each<Lang>(["zh-CN", "en-US"])("the demo workbook of the power-plant case (%s)", (lang) => {
  const book = buildWorkbook(powerPlantCase(), { lang });

  it("every cell matches the model (same checker as the xlsx writer), in 1 probe + 1 sync per sheet", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Sheet1");
    const ctx = fake.newContext();
    const res = await renderWorkbook(asExcelContext(ctx), book);
    expect(res.created).toEqual(book.sheets.map((s) => s.name));
    expect(book.sheets.length).toBe(14);
    expect(ctx.syncCount).toBe(1 + book.sheets.length);
    expect(res.syncs).toBe(ctx.syncCount);
    for (const b of ctx.requestBytes) expect(b).toBeLessThan(2_100_000);
    let checked = 0;
    for (const sheet of book.sheets) {
      const mismatches = withoutResultMismatches(checkSheetAgainstModel(sheet, fakeReader(fake, sheet.name)));
      expect(mismatches.map((m) => m.message), sheet.name).toEqual([]);
      checked += sheet.cells.length;
    }
    expect(checked).toBeGreaterThan(1000);
    // every model formula cell holds a formula in the fake, every literal none
    for (const sheet of book.sheets) {
      for (const c of sheet.cells) {
        const got = fake.cell(sheet.name, c.row, c.col);
        expect(got?.formula ?? null, `${sheet.name} ${c.row},${c.col}`).toBe(c.formula !== undefined ? `=${c.formula}` : null);
      }
    }
  });

  it("creates every table with its name, address, header names and calculated columns", async () => {
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, book));
    const modelTables = book.sheets.flatMap((s) => s.tables.map((t) => ({ sheet: s.name, t })));
    expect(modelTables.map((x) => x.t.name)).toEqual(expect.arrayContaining(["tblOptions", "tblEconomics", "tblFeasibility", "tblCashFlows", "tblUnits"]));
    expect(fake.tables.map((t) => t.name).sort()).toEqual(modelTables.map((x) => x.t.name).sort());
    for (const { sheet, t } of modelTables) {
      const got = fake.table(t.name);
      expect(got.sheet.name, t.name).toBe(sheet);
      expect(got.rect, t.name).toEqual(t.ref);
      expect(fake.tableColumns(got), t.name).toEqual(t.columns.map((c) => c.name));
      const calculated = Object.fromEntries(t.columns.flatMap((c, j) => (c.formula !== undefined ? [[j, `=${c.formula}`]] : [])));
      expect(Object.fromEntries(got.calculated), t.name).toEqual(calculated);
      expect([got.style, got.showBandedRows, got.showBandedColumns, got.showFilterButton], t.name).toEqual([TABLE_STYLE, false, false, false]);
    }
    // tblEconomics: 23 columns, most of them calculated
    expect(fake.table("tblEconomics").calculated.size).toBeGreaterThan(15);
  });

  it("adds each table-backed name after the tables it refers to, and validations after their names", async () => {
    const fake = new FakeExcel();
    const ctx = fake.newContext();
    await renderWorkbook(asExcelContext(ctx), book);
    const formulaNames = book.names.flatMap((n) => ("formula" in n ? [n] : []));
    expect(formulaNames.map((n) => n.name)).toContain("CP_OptionIds");
    for (const n of formulaNames) expect(fake.names.get(n.name.toLowerCase())!.formula).toBe(`=${n.formula}`);
    const log = ctx.log;
    const at = (pred: (i: number) => boolean) => log.findIndex((_, i) => pred(i));
    for (const n of formulaNames) {
      const added = at((i) => log[i]!.op === "add" && log[i]!.target === "workbook.names" && log[i]!.args[0] === n.name);
      const table = /^([A-Za-z_][A-Za-z0-9_]*)\[/.exec(n.formula)![1]!;
      const named = at((i) => log[i]!.op === "name=" && log[i]!.args[0] === table);
      expect(named, `${table} named`).toBeGreaterThanOrEqual(0);
      expect(added, `${n.name} added after ${table}`).toBeGreaterThan(named);
      const used = at((i) => log[i]!.op === "rule=" && JSON.stringify(log[i]!.args).includes(`"=${n.name}"`));
      if (used >= 0) expect(used, `${n.name} used after it exists`).toBeGreaterThan(added);
    }
  });

  it("sets the model's row heights, hidden helper columns and footers ('&' escaped)", async () => {
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, book));
    let heights = 0;
    for (const s of book.sheets) {
      const got = fake.sheet(s.name);
      expect([...got.rowHeights.entries()].sort((a, b) => a[0] - b[0]), s.name).toEqual(s.rowHeights.map((h) => [h.row, h.height]));
      expect([...got.hiddenColumns].sort((a, b) => a - b), s.name).toEqual(s.hiddenColumns);
      heights += s.rowHeights.length;
      if (s.print?.footer) expect(got.pageLayout.leftFooter, s.name).toBe(s.print.footer.replace(/&/g, "&&"));
    }
    expect(heights).toBeGreaterThan(5);
    expect(fake.sheet(book.sheets.find((s) => s.key === "CASHFLOWS")!.name).hiddenColumns.size).toBeGreaterThan(10);
  });

  it("protects nothing unless the model asks for it; with `protect`, inputs stay unlocked", async () => {
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, book));
    for (const s of book.sheets) expect(fake.sheet(s.name).protected, s.name).toBe(false);

    const handOver = { ...book, sheets: book.sheets.map((s) => ({ ...s, protect: !s.hidden })) };
    const locked = new FakeExcel();
    await locked.run((ctx) => renderWorkbook(ctx, handOver));
    for (const sheet of handOver.sheets) {
      expect(locked.sheet(sheet.name).protected, sheet.name).toBe(sheet.protect);
      for (const c of sheet.cells) {
        expect(locked.cell(sheet.name, c.row, c.col)!.locked, `${sheet.name} ${c.row},${c.col}`).toBe(c.style !== "input");
      }
    }
  });

  it("a workbook holding a sheet of the same name with user data: nothing of it changes", async () => {
    const fake = new FakeExcel();
    const victim = book.sheets.find((s) => s.key === "WS5-3")!.name;
    fake.seedSheet(victim, { A1: "用户自己的表", B2: 123.45, C3: "=B2*2", D4: "备注" });
    const before = fake.snapshot(victim);
    const err = await fake.run((ctx) => renderWorkbook(ctx, book)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SheetConflictError);
    expect(fake.snapshot(victim)).toEqual(before);
    expect(fake.sheets.map((s) => s.name)).toEqual([victim]);
    // The caller rebuilds with the taken names: a new sheet with a free name, the user's untouched.
    const again = buildWorkbook(powerPlantCase(), { lang, takenSheetNames: (err as SheetConflictError).takenSheetNames });
    const res = await fake.run((ctx) => renderWorkbook(ctx, again));
    const fresh = again.sheets.find((s) => s.key === "WS5-3")!.name;
    expect(fresh).not.toBe(victim);
    expect(res.created).toContain(fresh);
    expect(fake.snapshot(victim)).toEqual(before);
    expect(withoutResultMismatches(checkSheetAgainstModel(again.sheets.find((s) => s.key === "WS5-3")!, fakeReader(fake, fresh)))).toEqual([]);
  });

  it("refresh after the user filled every input cell keeps every user-entered value, in 2 probes + 1 sync per sheet", async () => {
    const blank = buildWorkbook(null, { lang });
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, blank));
    // The user types into every input cell of every sheet (unique values).
    const typed = new Map<string, number>();
    await fake.run(async (ctx) => {
      let n = 1;
      for (const sheet of blank.sheets) {
        const ws = ctx.workbook.worksheets.getItem(sheet.name);
        for (const c of sheet.cells) {
          if (c.style !== "input" || c.formula !== undefined) continue;
          const v = 1000 + n++;
          ws.getRangeByIndexes(c.row, c.col, 1, 1).values = [[v]];
          typed.set(`${sheet.name}!${c.row},${c.col}`, v);
        }
      }
      await ctx.sync();
    });
    expect(typed.size).toBeGreaterThan(100);
    const ctx = fake.newContext();
    const res = await renderWorkbook(asExcelContext(ctx), blank, { refreshKeys: blank.sheets.map((s) => s.key) });
    expect(res.refreshed).toEqual(blank.sheets.map((s) => s.name));
    expect(res.syncs).toBe(2 + blank.sheets.length);
    for (const [k, v] of typed) {
      const [name, rc] = k.split("!") as [string, string];
      const [r, c] = rc.split(",").map(Number) as [number, number];
      expect(fake.cell(name, r, c)!.value, k).toBe(v);
    }
    // Every cell is the model's again, except the input cells, which hold what the user typed.
    for (const sheet of blank.sheets) {
      const expected = {
        ...sheet,
        cells: sheet.cells.map((c) => {
          const v = typed.get(`${sheet.name}!${c.row},${c.col}`);
          return v === undefined ? c : { ...c, value: v };
        }),
      };
      const ms = withoutResultMismatches(checkSheetAgainstModel(expected, fakeReader(fake, sheet.name)));
      expect(ms.map((m) => m.message), sheet.name).toEqual([]);
    }
  });
});
