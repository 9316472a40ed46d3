/**
 * An insert interrupted after its first write sync (another workbook became active) leaves the
 * sheets it had added but not yet written as empty sheets carrying this add-in's marker. Writing
 * them again must complete them as new sheets (their tables created), whether they are asked for
 * (refreshKeys) or only linked (keepKeys): "refresh" would refuse them (their tables are missing)
 * and "keep" would leave formulas of other sheets pointing at tables that do not exist.
 * A sheet of ours with content is never treated so: it is refreshed or refused as before.
 */
import { describe, expect, it } from "vitest";
import { FakeExcel, asExcelContext } from "../../../test/fakes/excel-fake";
import { stockBook } from "../../../test/fakes/office-fixtures";
import { OfficeWriteError, TableLayoutError, TEMPLATE_MARKER, markerFormula, renderWorkbook } from "./render";

/** The model's sheets as empty sheets with their markers: what an interrupted insert leaves. */
async function placeholders(fake: FakeExcel, names: readonly { name: string; key: string }[]): Promise<void> {
  await fake.run(async (ctx) => {
    for (const s of names) ctx.workbook.worksheets.add(s.name).names.add(TEMPLATE_MARKER, markerFormula(s.key));
    await ctx.sync();
  });
}

describe("empty sheets of ours left by an interrupted insert", () => {
  it("are written as new sheets (tables created) when refreshed or kept", async () => {
    const book = stockBook();
    const fake = new FakeExcel();
    await placeholders(fake, book.sheets);
    const keys = book.sheets.map((s) => s.key);
    const res = await renderWorkbook(asExcelContext(fake.newContext()), book, { refreshKeys: [keys[0]!], keepKeys: keys.slice(1) });
    expect(res.refreshed).toEqual([]);
    expect(res.kept).toEqual([]);
    expect(res.created.sort()).toEqual(book.sheets.map((s) => s.name).sort());
    for (const s of book.sheets) for (const t of s.tables) expect(fake.table(t.name).sheet.name).toBe(s.name);
    // one sheet each: nothing was added a second time
    expect(fake.sheets.map((s) => s.name).sort()).toEqual(book.sheets.map((s) => s.name).sort());
  });

  it("an empty sheet of ours is still a conflict unless the caller allows refreshing or keeping it", async () => {
    const book = stockBook();
    const fake = new FakeExcel();
    await placeholders(fake, book.sheets);
    const err = await renderWorkbook(asExcelContext(fake.newContext()), book).catch((e: unknown) => e);
    expect((err as { name?: string }).name).toBe("SheetConflictError");
  });

  it("a sheet of ours with content and no table is refused as before (TableLayoutError), not overwritten", async () => {
    const book = stockBook();
    const withTable = book.sheets.find((s) => s.tables.length > 0)!;
    const fake = new FakeExcel();
    await placeholders(fake, [withTable]);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(withTable.name).getRange("A1").values = [["user text"]];
      await ctx.sync();
    });
    const err = await renderWorkbook(asExcelContext(fake.newContext()), book, { refreshKeys: [withTable.key] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TableLayoutError);
    expect(err).not.toBeInstanceOf(OfficeWriteError);
    expect(fake.cell(withTable.name, 0, 0)!.value).toBe("user text");
  });
});
