/**
 * Issue 13: a workbook edited by a person is read back by table name and column header — rows
 * added, rows deleted, values changed, a sheet renamed or deleted — and what the reader cannot
 * follow (a table deleted, a column renamed away, a text in a number column or a parameter) is a
 * problem naming the sheet and the cell, and no case. Edits at the file level as Excel makes them
 * (test/helpers/workbook-edit.ts, reader-edit.ts); expected values from the case JSON and hand
 * arithmetic.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/run";
import { readCase, type ReadResult } from "../src/reader/read-case";
import { xlsxSource } from "../src/reader/xlsx-source";
import { colLetter } from "../src/worksheets/a1";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { ASPECTS, COST_CLASSES, tr } from "../src/worksheets/i18n";
import type { Lang } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { deleteSheet, deleteTable, renameSheet, renameTableColumn } from "./helpers/reader-edit";
import { appendTableRows, deleteTableRow, readTable, setCells, setTableCells } from "./helpers/workbook-edit";

const PATH = "cases/power-plant-workshop.json";
const raw = JSON.parse(readFileSync(PATH, "utf8")) as {
  options: { id: string; investment: number }[];
  investment: { optionId: string; equipment: number; construction: number; contingency: number }[];
  focusSelection: { factors: { name: string; weight: number }[]; candidates: { name: string; scores: number[] }[] };
};
const v = validateCase(raw);
if (!v.ok) throw new Error("case invalid");
const CASE: AuditCase = v.value;

const books = new Map<Lang, Uint8Array>();
beforeAll(async () => {
  for (const lang of ["zh-CN", "en-US"] as Lang[]) books.set(lang, await writeXlsx(buildWorkbook(CASE, { lang })));
});

async function read(bytes: Uint8Array): Promise<ReadResult> {
  return readCase(await xlsxSource(bytes));
}

/** The case read; fails with the problems when there are any. */
async function readOk(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const r = await read(bytes);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.caseFile;
}

type Rows = Record<string, unknown>[];

describe("edits are read back", () => {
  it("an option typed below the register is in the case, its list items in their zh-CN form (zh-CN and en-US workbooks)", async () => {
    for (const lang of ["zh-CN", "en-US"] as Lang[]) {
      const zh = lang === "zh-CN";
      const bytes = await appendTableRows(books.get(lang)!, "tblOptions", [
        {
          [zh ? "方案编号" : "Option ID"]: "X-99",
          [zh ? "方案名称" : "Option name"]: "新增方案",
          [zh ? "方案类型" : "Aspect"]: tr(lang, ASPECTS.find((a) => a.zh === "设备")!),
          [zh ? "费用类别" : "Cost class"]: tr(lang, COST_CLASSES.find((a) => a.zh === "中费")!),
          [zh ? "预计投资" : "Investment"]: 12.5,
          [zh ? "预计年效益" : "Annual benefit"]: 3,
        },
      ]);
      const c = await readOk(bytes);
      const options = c.options as Rows;
      expect(options.map((o) => o.id)).toEqual([...raw.options.map((o) => o.id), "X-99"]);
      expect(options.at(-1)).toEqual({ id: "X-99", name: "新增方案", aspect: "设备", costClass: "中费", investment: 12.5, annualBenefit: 3 });
    }
  });

  it("a changed investment item is read, and the economics entry's I follows 表5-1 as the sheet does", async () => {
    const bytes = await setTableCells(books.get("zh-CN")!, "tblInvestment", 0, { 设备购置: 30 });
    const c = await readOk(bytes);
    expect((c.investment as Rows)[0]).toEqual({ optionId: "Z-01", equipment: 30, construction: 4.67, contingency: 3 });
    // I = 30 + 4.67 + 3 (the other items of Z-01 in the case file)
    const z01 = (c.economics as Rows).find((e) => e.optionId === "Z-01")!;
    expect(z01.investment).toBeCloseTo(37.67, 10);
  });

  it("a candidate typed below the focus table and a changed weight W are read (factors by their column headers)", async () => {
    let bytes = await appendTableRows(books.get("zh-CN")!, "tblFocus", [{ 备选审核重点: "新工段", 废弃物量: 5, 主要消耗: 5, 环保费用: 5, 废弃物毒性: 5, 清洁生产潜力: 5, 车间积极性: 5 }]);
    const t = await readTable(bytes, "tblFocus");
    const col = t.ref.left + t.columns.findIndex((x) => x.name === "废弃物量");
    // the band row is the row above the header (ref.top is the 0-based header row: its 1-based number is the band's)
    bytes = await setCells(bytes, t.sheetName, { [`${colLetter(col)}${t.ref.top}`]: 9 });
    const fs = (await readOk(bytes)).focusSelection as { factors: { name: string; weight: number }[]; candidates: { name: string; scores: (number | null)[] }[] };
    expect(fs.factors).toEqual(raw.focusSelection.factors.map((f, i) => (i === 0 ? { ...f, weight: 9 } : f)));
    expect(fs.candidates.at(-1)).toEqual({ name: "新工段", scores: [5, 5, 5, 5, 5, 5] });
    expect(fs.candidates.slice(0, -1)).toEqual(raw.focusSelection.candidates);
  });

  it("a deleted register row is gone", async () => {
    const c = await readOk(await deleteTableRow(books.get("zh-CN")!, "tblOptions", 0));
    expect((c.options as Rows).map((o) => o.id)).toEqual(raw.options.slice(1).map((o) => o.id));
  });

  it("a stream typed below tblStreams joins its balance's outputs", async () => {
    const bytes = await appendTableRows(books.get("zh-CN")!, "tblStreams", [{ 单元操作: "汽机工段 水平衡", 方向: "输出", 物流名称: "新排水", 分类: "废水", 数量: 5, 单位: "t/d" }]);
    const mb = (await readOk(bytes)).materialBalance as { unitOperation: string; outputs: Rows }[];
    expect(mb[0]!.unitOperation).toBe("汽机工段 水平衡");
    expect(mb[0]!.outputs.at(-1)).toEqual({ stream: "新排水", class: "废水", quantity: 5, unit: "t/d" });
  });

  it("a renamed sheet does not matter (tables by name)", async () => {
    const before = await readOk(books.get("zh-CN")!);
    const after = await readOk(await renameSheet(books.get("zh-CN")!, "方案汇总表", "我的方案"));
    expect(after.options).toEqual(before.options);
    expect(after).toEqual(before);
  });

  it("without the parameters sheet the case has no parameters and the caller's title; the rest is read", async () => {
    const r = readCase(await xlsxSource(await deleteSheet(books.get("zh-CN")!, "参数")), { fallbackTitle: "edited.xlsx" });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.caseFile.meta).toEqual({ title: "edited.xlsx" });
    expect(r.caseFile.parameters).toEqual({});
    expect((r.caseFile.options as Rows).map((o) => o.id)).toEqual(raw.options.map((o) => o.id));
  });

  it("the 2001 terms of the zh-CN titles (审计) are read as meta.terminology", async () => {
    const c = await readOk(await writeXlsx(buildWorkbook(CASE, { lang: "zh-CN", terminology: "2001" })));
    expect((c.meta as Record<string, unknown>).terminology).toBe("2001");
    expect((await readOk(books.get("zh-CN")!)).meta).not.toHaveProperty("terminology");
    // a case title with 审计 in it (shown in 参数's title) is not the 2001 terms
    const titled = await readOk(await writeXlsx(buildWorkbook({ ...CASE, meta: { ...CASE.meta, title: "某厂清洁生产审计" } }, { lang: "zh-CN" })));
    expect(titled.meta).toEqual({ title: "某厂清洁生产审计", enterprise: CASE.meta.enterprise });
  });

  it("a deleted sheet's section is absent; the economics sheet's I then comes from the register, as the sheet's lookup would", async () => {
    const c = await readOk(await deleteSheet(books.get("zh-CN")!, "投资费用"));
    expect(c.investment).toBeUndefined();
    const z02 = (c.economics as Rows).find((e) => e.optionId === "Z-02")!;
    expect(z02.investment).toBe(raw.options.find((o) => o.id === "Z-02")!.investment);
  });
});

describe("what cannot be read is a problem with the sheet and cell, and no case", () => {
  it("a table deleted from a sheet that is still there", async () => {
    const r = await read(await deleteTable(books.get("zh-CN")!, "tblOperating"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.where).toBe("'运行费用和收益'");
    expect(r.problems[0]!.message).toContain("tblOperating");
  });

  it("a text in a number column, named by its cell (zh-CN and en-US)", async () => {
    for (const lang of ["zh-CN", "en-US"] as Lang[]) {
      const column = lang === "zh-CN" ? "设备购置" : "Equipment";
      const bytes = await setTableCells(books.get(lang)!, "tblInvestment", 1, { [column]: "abc" });
      const t = await readTable(bytes, "tblInvestment");
      const cell = `${colLetter(t.ref.left + t.columns.findIndex((x) => x.name === column))}${t.ref.top + 3}`; // data row 1: two rows below the header
      const r = await read(bytes);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      // Excel quotes a sheet name in a reference only when it is not letters and digits
      expect(r.problems.map((p) => p.where)).toEqual([lang === "zh-CN" ? `'投资费用'!${cell}` : `Investment!${cell}`]);
      expect(r.problems[0]!.message).toContain("abc");
      expect(r.problems[0]!.message).toContain(column);
    }
  });

  it("a column renamed away that the read-back needs", async () => {
    const bytes = await renameTableColumn(books.get("zh-CN")!, "tblOptions", "方案名称", "名称（改）");
    const t = await readTable(bytes, "tblOptions");
    const r = await read(bytes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.where).toBe(`'方案汇总表'!${colLetter(t.ref.left)}${t.ref.top + 1}`);
    expect(r.problems[0]!.message).toContain("方案名称");
  });

  it("a text typed as a parameter (CP_DiscountRate, 参数!C6)", async () => {
    const r = await read(await setCells(books.get("zh-CN")!, "参数", { C6: "百分之十二" }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.where)).toEqual(["'参数'!C6"]);
    expect(r.problems[0]!.message).toContain("百分之十二");
  });
});

describe("cp-audit read", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cp-read-"));
    return () => rm(dir, { recursive: true, force: true });
  });
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), cwd: dir }, out, err };
  };

  it("writes the case of a workbook, which builds again", async () => {
    // the textbook case: its sections are all read back by this reader (the power-plant case's
    // material balance names measurement points, whose sheet other helpers read back)
    const tb = validateCase(JSON.parse(readFileSync("cases/textbook-150wan.json", "utf8")));
    if (!tb.ok) throw new Error("textbook case invalid");
    writeFileSync(join(dir, "book.xlsx"), await writeXlsx(buildWorkbook(tb.value, { lang: "en-US" })));
    const x = io();
    expect(await main(["read", "book.xlsx", "--out", "case.json"], x.io)).toBe(0);
    expect(x.out.join("\n")).toContain("case.json");
    const c = JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as { meta: { title: string }; economics: Rows };
    expect(c.meta.title).toBe(tb.value.meta.title);
    // the published inputs: I 150, P 40 (cases/textbook-150wan.json)
    expect(c.economics).toEqual([{ optionId: "D-01", investment: 150, annualSavings: 40 }]);
    expect(await main(["build", "case.json", "--out", "again.xlsx"], io().io)).toBe(0);
  });

  it("exits 1 naming the sheet, and writes nothing, when a table was deleted", async () => {
    writeFileSync(join(dir, "broken.xlsx"), await deleteTable(books.get("zh-CN")!, "tblOperating"));
    const x = io();
    expect(await main(["read", "broken.xlsx", "--out", "broken.json"], x.io)).toBe(1);
    expect(existsSync(join(dir, "broken.json"))).toBe(false);
    expect(x.err.some((l) => l.startsWith("'运行费用和收益': ") && l.includes("tblOperating"))).toBe(true);
  });

  it("refuses to overwrite the workbook, and says when a file is no workbook (exit 1, nothing written)", async () => {
    writeFileSync(join(dir, "same.xlsx"), books.get("zh-CN")!);
    const a = io();
    expect(await main(["read", "same.xlsx", "--out", "same.xlsx"], a.io)).toBe(1);
    expect(readFileSync(join(dir, "same.xlsx"))).toEqual(Buffer.from(books.get("zh-CN")!));
    writeFileSync(join(dir, "text.xlsx"), "not a zip");
    const b = io();
    expect(await main(["read", "text.xlsx", "--out", "text.json"], b.io)).toBe(1);
    expect(b.err.join("\n")).toContain("not an .xlsx workbook");
    expect(existsSync(join(dir, "text.json"))).toBe(false);
  });

  it("is a usage error without --out or with build's options", async () => {
    expect(await main(["read", "book.xlsx"], io().io)).toBe(2);
    expect(await main(["read", "book.xlsx", "--out", "x.json", "--lang", "en-US"], io().io)).toBe(2);
  });
});

describe("the economics sheet's figures come from the inputs they are computed from", () => {
  it("an option evaluated on 表5-3 with no I anywhere (no override, no 表5-1 row, none in the register) is a problem on its I cell", async () => {
    // the textbook case: D-01's I = 150 is the register's (no 表5-1); clearing it leaves the economics row without I
    const tb = validateCase(JSON.parse(readFileSync("cases/textbook-150wan.json", "utf8")));
    if (!tb.ok) throw new Error("textbook case invalid");
    const bytes = await setTableCells(await writeXlsx(buildWorkbook(tb.value, { lang: "zh-CN" })), "tblOptions", 0, { 预计投资: null });
    const t = await readTable(bytes, "tblEconomics");
    const r = await read(bytes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const col = colLetter(t.ref.left + t.columns.findIndex((c) => c.name === "总投资I"));
    expect(r.problems.map((p) => p.where)).toEqual([`'经济评估'!${col}${t.ref.top + 2}`]);
    expect(r.problems[0]!.message).toContain("D-01");
  });
});
