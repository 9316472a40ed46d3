/**
 * The headline worksheets of the power-plant case, written by writers/office into the recording
 * fake, checked cell by cell against the SheetModel by the SAME checker as writers/xlsx
 * (test/helpers/model-check.ts), with the number of syncs counted.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateCase } from "../../worksheets/case";
import type { Lang } from "../../worksheets/model";
import { buildWorkbook } from "../../worksheets/workbook";
import { FakeExcel, asExcelContext } from "../../../test/fakes/excel-fake";
import { fakeReader, withoutResultMismatches } from "../../../test/fakes/fake-reader";
import { checkSheetAgainstModel } from "../../../test/helpers/model-check";
import { SheetConflictError, renderWorkbook } from "./render";

/** parameters, waste sources, focus selection, options, balance, economics (+ feasibility, lists). */
export const HEADLINE_KEYS = ["PARAMS", "WS2-6", "WS2-11", "WS3-4", "WS4-1", "WS5-3", "WS5-4"] as const;

function powerPlantCase() {
  const json: unknown = JSON.parse(readFileSync(new URL("../../../cases/power-plant-workshop.json", import.meta.url), "utf8"));
  const v = validateCase(json);
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
  return v.value;
}

describe.each<Lang>(["zh-CN", "en-US"])("headline worksheets of the power-plant case (%s)", (lang) => {
  const book = buildWorkbook(powerPlantCase(), { lang, keys: HEADLINE_KEYS });

  it("contains every headline sheet", () => {
    expect(book.sheets.map((s) => s.key)).toEqual(["PARAMS", "WS2-6", "WS2-11", "WS3-4", "WS4-1", "WS5-3", "WS5-4", "LISTS"]);
  });

  it("every cell matches the model (same checker as the xlsx writer), in ≤ 12 syncs, ≤ 2 per sheet", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Sheet1");
    const ctx = fake.newContext();
    const res = await renderWorkbook(asExcelContext(ctx), book);
    expect(res.created).toEqual(book.sheets.map((s) => s.name));
    // 1 probe + 1 per sheet
    expect(ctx.syncCount).toBe(1 + book.sheets.length);
    expect(res.syncs).toBe(ctx.syncCount);
    expect(ctx.syncCount).toBeLessThanOrEqual(12);
    expect(ctx.syncCount / book.sheets.length).toBeLessThanOrEqual(2);
    let checked = 0;
    for (const sheet of book.sheets) {
      const mismatches = withoutResultMismatches(checkSheetAgainstModel(sheet, fakeReader(fake, sheet.name)));
      expect(mismatches.map((m) => m.message), sheet.name).toEqual([]);
      checked += sheet.cells.length;
    }
    expect(checked).toBeGreaterThan(300);
    // every model formula cell holds a formula in the fake, every literal none
    for (const sheet of book.sheets) {
      for (const c of sheet.cells) {
        const got = fake.cell(sheet.name, c.row, c.col);
        expect(got?.formula ?? null, `${sheet.name} ${c.row},${c.col}`).toBe(c.formula !== undefined ? `=${c.formula}` : null);
      }
    }
  });

  it("one content write per sheet (formulas, number formats) and no sync in between", async () => {
    const fake = new FakeExcel();
    const ctx = fake.newContext();
    await renderWorkbook(asExcelContext(ctx), book);
    const writes = ctx.calls("formulas=");
    expect(writes.length).toBe(book.sheets.length);
    // batch k (1-based after the probe) writes sheet k; each write is the sheet's exact block
    writes.forEach((w, k) => {
      expect(w.batch).toBe(k + 1);
      const sheet = book.sheets[k]!;
      const rows = Math.max(...sheet.cells.map((c) => c.row)) + 1;
      const cols = Math.max(...sheet.cells.map((c) => c.col)) + 1;
      expect(w.target).toContain(`getRangeByIndexes(0,0,${rows},${cols})`);
      const data = w.args[0] as unknown[][];
      expect([data.length, data[0]!.length]).toEqual([rows, cols]);
    });
    expect([...ctx.suspendedBatches].sort((a, b) => a - b)).toEqual(book.sheets.map((_, k) => k + 1));
  });

  it("renders protection with unlocked inputs, the hidden lists sheet, the CP_* names and list validations", async () => {
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, book));
    for (const sheet of book.sheets) {
      const s = fake.sheet(sheet.name);
      expect(s.protected, sheet.name).toBe(sheet.protect);
      expect(s.visibility, sheet.name).toBe(sheet.hidden ? "Hidden" : "Visible");
      expect(s.validations.length, sheet.name).toBe(sheet.validations.length);
      expect(s.conditionalFormats.length, sheet.name).toBe(sheet.conditionalFormats.length);
      expect(s.merges.length, sheet.name).toBe(sheet.merges.length);
      expect(s.freeze, sheet.name).toEqual(sheet.freeze && (sheet.freeze.rows || sheet.freeze.cols) ? sheet.freeze : null);
      for (const c of sheet.cells) {
        const locked = fake.cell(sheet.name, c.row, c.col)!.locked;
        expect(locked, `${sheet.name} ${c.row},${c.col}`).toBe(c.style !== "input");
      }
    }
    expect([...fake.names.values()].map((n) => n.name).sort()).toEqual(book.names.map((n) => n.name).sort());
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
    const again = buildWorkbook(powerPlantCase(), { lang, keys: HEADLINE_KEYS, takenSheetNames: (err as SheetConflictError).takenSheetNames });
    const res = await fake.run((ctx) => renderWorkbook(ctx, again));
    const fresh = again.sheets.find((s) => s.key === "WS5-3")!.name;
    expect(fresh).not.toBe(victim);
    expect(res.created).toContain(fresh);
    expect(fake.snapshot(victim)).toEqual(before);
    expect(withoutResultMismatches(checkSheetAgainstModel(again.sheets.find((s) => s.key === "WS5-3")!, fakeReader(fake, fresh)))).toEqual([]);
  });

  it("refresh after the user filled input cells keeps every user-entered value", async () => {
    const blank = buildWorkbook(null, { lang, keys: HEADLINE_KEYS });
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
    expect(typed.size).toBeGreaterThan(20);
    const ctx = fake.newContext();
    const res = await renderWorkbook(asExcelContext(ctx), blank, { refreshKeys: blank.sheets.map((s) => s.key) });
    expect(res.refreshed).toEqual(blank.sheets.map((s) => s.name));
    // 2 probes + 1 per sheet
    expect(res.syncs).toBe(2 + blank.sheets.length);
    expect(res.syncs).toBeLessThanOrEqual(12);
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
