/**
 * The recording fake fails the way Excel fails (issue 14). Expected behaviour from Microsoft's
 * documentation: "Error handling with the application-specific JavaScript APIs" (codes and
 * messages), "Resource limits" (5 MB per request on the web), the *OrNullObject article
 * (getItem throws ItemNotFound), the batch model (queued calls run in order at sync), "Work with
 * tables" and the Excel performance article (tables.add, auto-expansion, calculated columns).
 */
import { describe, expect, it } from "vitest";
import { FakeExcel, FakeOfficeError, structuredRefs } from "./excel-fake";

async function failure(p: Promise<unknown>): Promise<FakeOfficeError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(FakeOfficeError);
  return e as FakeOfficeError;
}

describe("errors carry Excel's codes and messages", () => {
  it("a write to a protected sheet is refused as a whole when any target cell is locked, null entries included", async () => {
    const fake = new FakeExcel();
    const s = fake.seedSheet("S", { A1: 1, B1: 2 });
    s.cells.get("0,1")!.locked = false; // B1 unlocked (an input cell)
    s.protected = true;
    // the only non-null entry goes to the unlocked B1; A1 (locked) gets null
    const e = await failure(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1:B1").values = [[null, 5]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("AccessDenied");
    expect(e.message).toBe("You cannot perform the requested operation.");
    expect(fake.cell("S", 0, 1)!.value).toBe(2);
    // the unlocked cell alone can be written
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("B1").values = [[5]];
      await ctx.sync();
    });
    expect(fake.cell("S", 0, 1)!.value).toBe(5);
  });

  it("messages are localised (the code is not): a Chinese Excel's AccessDenied", async () => {
    const fake = new FakeExcel();
    fake.messageLanguage = "zh";
    fake.seedSheet("S").protected = true;
    const e = await failure(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1").values = [[1]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("AccessDenied");
    expect(e.message).not.toMatch(/protect/i);
  });

  it("loading an item getItem did not find rejects the sync with ItemNotFound (no silent null)", async () => {
    const fake = new FakeExcel();
    const e = await failure(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Nope").load("name");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ItemNotFound");
    expect(e.message).toBe("The requested resource doesn't exist.");
    // the *OrNullObject variant answers isNullObject instead
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      ws.load("name");
      await ctx.sync();
      expect(ws.isNullObject).toBe(true);
    });
  });

  it("load results are filled in queue order: a load queued before a write sees the old value", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("S", { A1: 1 });
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1");
      const before = r.load("values");
      const later = ctx.workbook.worksheets.getItem("S").getRange("A1");
      r.values = [[2]];
      later.load("values");
      await ctx.sync();
      expect(before.values).toEqual([[1]]);
      expect(later.values).toEqual([[2]]);
    });
  });

  it("a request over 5 MB is refused with RequestPayloadSizeLimitExceeded and nothing of it is applied", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("S");
    const rows = Array.from({ length: 50_000 }, () => ["清洁生产审核方案说明".repeat(4)]);
    const ctx = fake.newContext();
    ctx.workbook.worksheets.getItem("S").getRange("A1").values = [["first"]];
    ctx.workbook.worksheets.getItem("S").getRangeByIndexes(1, 0, rows.length, 1).values = rows;
    const e = await failure(ctx.sync());
    expect(e.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(ctx.requestBytes[0]).toBeGreaterThan(5_000_000);
    expect(fake.cell("S", 0, 0)?.value ?? null).toBeNull();
  });

  it("an injected failure (InactiveWorkbook) rejects that sync and applies nothing", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("S");
    fake.failSync("InactiveWorkbook");
    const e = await failure(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1").values = [[1]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InactiveWorkbook");
    expect(fake.cell("S", 0, 0)).toBeUndefined();
  });
});

describe("tables", () => {
  it("tables.add takes the header texts as column names; an address without a sheet means the active sheet", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Active", {});
    fake.seedSheet("Data", { A1: "名称", B1: "数量", A2: "x", B2: 1 });
    fake.activeSheet = "Active";
    await fake.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem("Data").tables.add("A1:B2", true);
      t.name = "tblA";
      const u = ctx.workbook.worksheets.getItem("Data").tables.add("'Data'!A1:B2", true);
      u.name = "tblB";
      await ctx.sync().catch(() => undefined);
    });
    // the unqualified address went to the ACTIVE sheet; the qualified one to Data
    expect(fake.table("tblA").sheet.name).toBe("Active");
    expect(fake.tableColumns(fake.table("tblA"))).toEqual(["Column1", "Column2"]);
    expect(fake.table("tblB").sheet.name).toBe("Data");
    expect(fake.tableColumns(fake.table("tblB"))).toEqual(["名称", "数量"]);
  });

  it("refuses a structured reference to a missing table or column, and structured references in validations", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("S", { A1: "名称", A2: "x" });
    const write = (f: string) =>
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("C1").formulas = [[f]];
        await ctx.sync();
      });
    expect((await failure(write("=COUNTA(tblX[名称])"))).code).toBe("InvalidArgument");
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").tables.add("'S'!A1:A2", true).name = "tblX";
      await ctx.sync();
    });
    await write("=COUNTA(tblX[名称])");
    expect((await failure(write("=COUNTA(tblX[数量])"))).code).toBe("InvalidArgument");
    const dv = await failure(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("D1").dataValidation.rule = { list: { inCellDropDown: true, source: "=tblX[名称]" } };
        await ctx.sync();
      }),
    );
    expect(dv.code).toBe("InvalidArgument");
    expect(structuredRefs("tblX[[#This Row],[a'[b']]]+\"t[x]\"")).toEqual([{ table: "tblX", columns: ["a[b]"], specials: ["#THIS ROW"] }]);
  });

  it("a row typed below a table makes it grow, and its calculated columns fill the new row; rows.add inserts inside", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("S", { A1: "数量", B1: "两倍", A2: 1 });
    await fake.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem("S").tables.add("'S'!A1:B3", true);
      t.name = "tblQ";
      t.columns.getItemAt(1).getDataBodyRange().formulas = [["=tblQ[[#This Row],[数量]]*2"], ["=tblQ[[#This Row],[数量]]*2"]];
      await ctx.sync();
    });
    expect(fake.table("tblQ").calculated.get(1)).toBe("=tblQ[[#This Row],[数量]]*2");
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A4").values = [[7]];
      await ctx.sync();
    });
    expect(fake.table("tblQ").rect.bottom).toBe(3);
    expect(fake.cell("S", 3, 1)!.formula).toBe("=tblQ[[#This Row],[数量]]*2");
    await fake.run(async (ctx) => {
      ctx.workbook.tables.getItem("tblQ").rows.add(0, [[9, ""]]);
      await ctx.sync();
    });
    expect(fake.table("tblQ").rect.bottom).toBe(4);
    expect([1, 2, 3, 4].map((r) => fake.cell("S", r, 0)?.value ?? null)).toEqual([9, 1, null, 7]);
  });

  it("a table name must be free in the workbook (ItemAlreadyExists) and legal (InvalidArgument)", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("S", { A1: "a", A2: 1, C1: "b", C2: 2 });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").tables.add("'S'!A1:A2", true).name = "tblA";
      await ctx.sync();
    });
    const taken = await failure(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").tables.add("'S'!C1:C2", true).name = "TBLA";
        await ctx.sync();
      }),
    );
    expect(taken.code).toBe("ItemAlreadyExists");
    const illegal = await failure(
      fake.run(async (ctx) => {
        ctx.workbook.tables.getItem(fake.tables[1]!.name).name = "A1";
        await ctx.sync();
      }),
    );
    expect(illegal.code).toBe("InvalidArgument");
  });
});
