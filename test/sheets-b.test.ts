/**
 * 表3-4 物料平衡 as two growable Excel tables (issue 8): `tblStreams` (each measured stream once, its
 * unit operation and unit picked, basis unit and factor looked up) beside `tblBalances` (ΣIn, ΣOut,
 * gap, relative error and verdict per unit operation), with a summary above.
 *
 * Each workbook is built with buildWorkbook + writeXlsx, its cached results are removed, LibreOffice
 * recalculates it, and the values are compared with independent ones: the case JSON and hand
 * arithmetic written here (412 + 1860 = 2272, 1200 t/a = 1200/365 t/d …), never core's results.
 * Edits and growth are made in the written file as a user makes them in Excel (cells typed; rows
 * appended below a table: the table's ref grows and calculated columns take their formula from the
 * table part), then recalculated.
 */
import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { TBL_BALANCES, TBL_STREAMS } from "../src/worksheets/definitions/material-balance.worksheet";
import { colLetter } from "../src/worksheets/a1";
import { tr } from "../src/worksheets/i18n";
import type { Lang, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { cellText, findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "./helpers/model-check";
import { expectClose } from "./helpers/tolerance";
import { appendTableRows, readTable, setCells, setTableCells, type TypedValue } from "./helpers/workbook-edit";

const hasSoffice = requireSoffice();
const LANGS: Lang[] = ["zh-CN", "en-US"];

type Json = Record<string, unknown> & {
  materialBalance: { unitOperation: string; basis: string; inputs: JsonStream[]; outputs: JsonStream[] }[];
  measurements?: { point: string; readings: (number | null)[] }[];
};
interface JsonStream {
  stream: string;
  quantity?: number;
  unit?: string;
  measurementPoint?: string;
}
/** A stream's quantity as the case file gives it: typed, or the mean of its measurement point's readings (WS3-3). */
function jsonQuantity(json: Json, x: JsonStream): number {
  if (x.measurementPoint === undefined) return x.quantity!;
  const xs = json.measurements!.find((m) => m.point === x.measurementPoint)!.readings.filter((v): v is number => v !== null);
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Json;
const POWER = readJson("cases/power-plant-workshop.json");
const EDGE = readJson("test/fixtures/edge-values.json");

function validated(json: unknown): AuditCase {
  const v = validateCase(json);
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
  return v.value;
}

interface Run {
  lang: Lang;
  book: WorkbookModel;
  bytes: Uint8Array;
  grids: Map<string, string[][]>;
}

async function run(c: AuditCase | null, lang: Lang): Promise<Run> {
  const book = buildWorkbook(c, { lang });
  const bytes = await writeXlsx(book);
  const grids = await recalculate(await stripCachedValues(bytes));
  return { lang, book, bytes, grids };
}

/** No error cell anywhere and every cached result equal to LibreOffice's value. */
function expectAgreement(r: Run): void {
  expect(findErrorCells(r.grids)).toEqual([]);
  const mismatches = r.book.sheets.flatMap((s) => checkRecalculatedAgainstModel(s, r.grids.get(s.name), { rel: 1e-9, abs: 1e-9 }).map((m) => m.message));
  expect(mismatches).toEqual([]);
}

const num = (text: string, what: string): number => {
  const n = parseSpreadsheetNumber(text);
  if (n === null) throw new Error(`${what}: expected a number, LibreOffice shows ${JSON.stringify(text)}`);
  return n;
};

type SKey = keyof typeof TBL_STREAMS.columns;
type BKey = keyof typeof TBL_BALANCES.columns;

/**
 * A table of the balance sheet in a recalculated grid: its data rows (as laid out, plus `extra`
 * appended ones) read by column key, columns found by their header names in the model.
 */
function table<K extends string>(r: Run, schema: { name: string; columns: Readonly<Record<K, { zh: string; en: string }>> }, extra = 0) {
  const sheet = r.book.sheets.find((s) => s.tables.some((t) => t.name === schema.name))!;
  const t = sheet.tables.find((x) => x.name === schema.name)!;
  const grid = r.grids.get(sheet.name)!;
  const col = (k: K) => {
    const i = t.columns.findIndex((c) => c.name === tr(r.lang, schema.columns[k]));
    if (i < 0) throw new Error(`${schema.name}: no column ${k}`);
    return t.ref.left + i;
  };
  const n = t.ref.bottom - t.ref.top + extra;
  const text = (k: number, key: K) => cellText(grid, t.ref.top + 1 + k, col(key));
  const rows = Array.from({ length: n }, (_, k) => k);
  /** index of the data row whose `key` column shows `value` */
  const find = (key: K, value: string) => {
    const k = rows.find((i) => text(i, key) === value);
    if (k === undefined) throw new Error(`${schema.name}: no row with ${key} = ${value}`);
    return k;
  };
  return { sheet, t, grid, col, n, text, num: (k: number, key: K) => num(text(k, key), `${schema.name}[${key}] row ${k + 1}`), rows, find };
}
const streams = (r: Run, extra = 0) => table<SKey>(r, TBL_STREAMS, extra);
const balances = (r: Run, extra = 0) => table<BKey>(r, TBL_BALANCES, extra);

/** The value right of a summary label (first non-empty cell after it on its row). */
function summaryValue(r: Run, zh: string, en: string): string {
  const grid = streams(r).grid;
  const label = r.lang === "zh-CN" ? zh : en;
  for (const cells of grid) {
    const c = cells.indexOf(label);
    if (c < 0) continue;
    const v = cells.slice(c + 1).find((x) => x !== "");
    return v ?? "";
  }
  throw new Error(`summary label ${label} not found`);
}
const summaryNum = (r: Run, zh: string, en: string) => num(summaryValue(r, zh, en), zh);
const S = {
  streams: ["物流数", "Streams entered"],
  flagged: ["有误物流数（见检查列）", "Streams flagged (see Check)"],
  orphans: ["单元操作不在平衡汇总中的物流数", "Streams whose unit operation has no balance"],
  balances: ["平衡数", "Balances"],
  pass: ["合格", "Pass"],
  fail: ["不合格", "Fail"],
  pending: ["待定（见检查列）", "Pending (see Check)"],
  tolerance: ["允许误差", "Tolerance"],
} as const;
const sum = (r: Run, k: keyof typeof S) => summaryNum(r, S[k][0], S[k][1]);

const PASS = { "zh-CN": "合格", "en-US": "Pass" } as const;
const FAIL = { "zh-CN": "不合格", "en-US": "Fail" } as const;
const IN = { "zh-CN": "输入", "en-US": "In" } as const;
const OUT = { "zh-CN": "输出", "en-US": "Out" } as const;

const WATER = "汽机工段 水平衡";

describe.skipIf(!hasSoffice)("表3-4 material balance: two tables, recalculated by LibreOffice", () => {
  const power = new Map<Lang, Run>();
  const edge = new Map<Lang, Run>();
  const template = new Map<Lang, Run>();
  beforeAll(async () => {
    for (const lang of LANGS) {
      power.set(lang, await run(validated(POWER), lang));
      edge.set(lang, await run(validated(EDGE), lang));
      template.set(lang, await run(null, lang));
    }
  }, 600_000);

  describe.each(LANGS)("%s", (lang) => {
    it("power plant: no error cell, cached results = LibreOffice's, 汽机工段 水平衡 ΣIn 2272, ΣOut 2241, gap 31, error 1.3644 %, pass", () => {
      const r = power.get(lang)!;
      expectAgreement(r);
      const mb = POWER.materialBalance[0]!;
      const tin = mb.inputs.reduce((s, x) => s + jsonQuantity(POWER, x), 0);
      const tout = mb.outputs.reduce((s, x) => s + jsonQuantity(POWER, x), 0);
      expect(tin).toBe(412 + 1860);
      expect(tout).toBe(1795 + 236 + 198 + 12);
      const b = balances(r);
      const k = b.find("op", WATER);
      expect(b.text(k, "basis")).toBe("t/d");
      expectClose(b.num(k, "tin"), 2272, {}, "ΣIn");
      expectClose(b.num(k, "tout"), 2241, {}, "ΣOut");
      expectClose(b.num(k, "gap"), 31, {}, "gap");
      expectClose(b.num(k, "err"), 0.013644, { abs: 5e-7 }, "relative error");
      expectClose(b.num(k, "err"), 31 / 2272, {}, "relative error");
      expect(b.text(k, "verdict")).toBe(PASS[lang]);
      expect(b.text(k, "check")).toBe("");
      // every stream of the JSON on its own row, basis looked up, factor 1, no flag
      const s = streams(r);
      const all = [...mb.inputs.map((x) => [x, IN[lang]] as const), ...mb.outputs.map((x) => [x, OUT[lang]] as const)];
      all.forEach(([x, dir], i) => {
        expect(s.text(i, "no")).toBe(String(i + 1));
        expect(s.text(i, "op")).toBe(WATER);
        expect(s.text(i, "dir")).toBe(dir);
        expect(s.text(i, "stream")).toBe(x.stream);
        expect(s.text(i, "basis")).toBe("t/d");
        expect(s.num(i, "factor")).toBe(1);
        expect(s.num(i, "basisQty")).toBe(jsonQuantity(POWER, x));
        expect(s.text(i, "check")).toBe("");
      });
      // spare rows inside the table are blank in every computed column
      for (let i = all.length; i < s.n; i++) for (const key of ["no", "basis", "factor", "basisQty", "check"] as const) expect(s.text(i, key)).toBe("");
      expect(sum(r, "streams")).toBe(6);
      expect(sum(r, "flagged")).toBe(0);
      expect(sum(r, "orphans")).toBe(0);
      expect(sum(r, "balances")).toBe(1);
      expect(sum(r, "pass")).toBe(1);
      expect(sum(r, "fail")).toBe(0);
      expect(sum(r, "pending")).toBe(0);
      expectClose(num(summaryValue(r, ...S.tolerance), "tolerance"), 0.05, {}, "tolerance");
    });

    it("edge values: units balance 1200 t/a + 500 kg/d vs 3.6 t/d (3.787671233 / 0.187671233 / 4.9548 %, pass); E18 gap −12, −12 %, fail", () => {
      const r = edge.get(lang)!;
      expectAgreement(r);
      const b = balances(r);
      const u = b.find("op", "units");
      const tin = 1200 / 365 + 500 / 1000;
      expectClose(tin, 3.787671233, { abs: 1e-9 }, "hand arithmetic");
      expectClose(b.num(u, "tin"), tin, {}, "units ΣIn");
      expectClose(b.num(u, "tin"), 3.787671233, { abs: 1e-9 }, "units ΣIn (JSON)");
      expectClose(b.num(u, "tout"), 3.6, {}, "units ΣOut");
      expectClose(b.num(u, "gap"), 0.187671233, { abs: 1e-9 }, "units gap");
      expectClose(b.num(u, "err"), 0.049548, { abs: 5e-7 }, "units relative error");
      expect(b.text(u, "verdict")).toBe(PASS[lang]);
      const e18 = b.find("op", "E18");
      expectClose(b.num(e18, "gap"), -12, {}, "E18 gap");
      expectClose(b.num(e18, "err"), -0.12, {}, "E18 relative error");
      expect(b.text(e18, "verdict")).toBe(FAIL[lang]);
      const s = streams(r);
      const raw = s.find("stream", "raw");
      expect(s.text(raw, "unit")).toBe("t/yr");
      expectClose(s.num(raw, "factor"), 1 / 365, {}, "t/yr → t/d (a = 365 d)");
      expectClose(s.num(raw, "basisQty"), 1200 / 365, {}, "1200 t/yr in t/d");
      expectClose(s.num(s.find("stream", "aux"), "factor"), 0.001, {}, "kg/d → t/d");
      expect(sum(r, "pass")).toBe(1);
      expect(sum(r, "fail")).toBe(1);
      expect(sum(r, "streams")).toBe(5);
    });

    it("blank template: no error cell, cached results = LibreOffice's, computed columns blank, summary zero", () => {
      const r = template.get(lang)!;
      expectAgreement(r);
      const s = streams(r);
      const b = balances(r);
      for (const i of s.rows) for (const key of ["no", "basis", "factor", "basisQty", "check"] as const) expect(s.text(i, key)).toBe("");
      for (const i of b.rows) for (const key of ["tin", "tout", "gap", "err", "verdict", "check", "bad"] as const) expect(b.text(i, key)).toBe("");
      for (const k of ["streams", "flagged", "orphans", "balances", "pass", "fail", "pending"] as const) expect(sum(r, k)).toBe(0);
    });

    it("the table parts carry a calculatedColumnFormula on every computed column, and CP_UnitOperations names tblUnitOps' unit operations (WS3-2)", async () => {
      const bytes = power.get(lang)!.bytes;
      const st = await readTable(bytes, "tblStreams");
      const computed = (keys: readonly string[], schema: { columns: Record<string, { zh: string; en: string }> }) => keys.map((k) => tr(lang, schema.columns[k]!));
      for (const name of computed(["no", "basis", "factor", "basisQty", "check"], TBL_STREAMS)) expect(st.columns.find((c) => c.name === name)?.formula, name).toBeTruthy();
      for (const name of computed(["op", "dir", "stream", "qty", "unit"], TBL_STREAMS)) expect(st.columns.find((c) => c.name === name)?.formula, name).toBeUndefined();
      const bt = await readTable(bytes, "tblBalances");
      for (const name of computed(["tin", "tout", "gap", "err", "verdict", "check", "bad"], TBL_BALANCES)) expect(bt.columns.find((c) => c.name === name)?.formula, name).toBeTruthy();
      expect(bt.ref.left).toBe(st.ref.right + 2); // side by side, one empty column between
      expect(bt.ref.top).toBe(st.ref.top);
      const wb = await (await JSZip.loadAsync(bytes)).file("xl/workbook.xml")!.async("string");
      const opName = lang === "zh-CN" ? "单元操作名称" : "Unit operation";
      expect(wb).toContain(`<definedName name="CP_UnitOperations">tblUnitOps[${/^[\p{L}\p{N}_]+$/u.test(opName) ? opName : `[${opName}]`}]</definedName>`);
    });
  });

  it("a stream typed as 412000 kg/d in a t/d balance counts as 412 t/d (ΣIn still 2272, pass)", async () => {
    const json = structuredClone(POWER);
    json.materialBalance[0]!.inputs[0] = { stream: "补充新水", quantity: 412000, unit: "kg/d" };
    const r = await run(validated(json), "zh-CN");
    expectAgreement(r);
    const s = streams(r);
    const k = s.find("stream", "补充新水");
    expect(s.num(k, "qty")).toBe(412000);
    expect(s.text(k, "unit")).toBe("kg/d");
    expectClose(s.num(k, "factor"), 0.001, {}, "kg/d → t/d");
    expectClose(s.num(k, "basisQty"), 412, {}, "412000 kg/d in t/d");
    const b = balances(r);
    const w = b.find("op", WATER);
    expectClose(b.num(w, "tin"), 2272, {}, "ΣIn");
    expect(b.text(w, "verdict")).toBe("合格");
  }, 120_000);

  describe("streams the case file refuses, typed as a user could (built without validateCase)", () => {
    const m3 = "冷却水 (m3)";
    // the power plant's streams with their quantities typed (no measurement point: this case has no measurement sheet data)
    const typed = (side: "inputs" | "outputs") => POWER.materialBalance[0]![side].map((x) => ({ stream: x.stream, quantity: jsonQuantity(POWER, x), unit: x.unit ?? "t/d" }));
    const raw: AuditCase = {
      meta: { title: "flags" },
      parameters: { balanceTolerance: 0.05 },
      materialBalance: [
        { unitOperation: "工段*", basis: "t/d", inputs: typed("inputs"), outputs: typed("outputs") },
        { unitOperation: "工段A", basis: "t/d", inputs: typed("inputs"), outputs: typed("outputs") },
        { unitOperation: "冷却", basis: "t/d", inputs: [{ stream: m3, quantity: 100, unit: "m3/d" }, { stream: "补水", quantity: 20, unit: "t/d" }], outputs: [{ stream: "排水", quantity: 110, unit: "t/d" }] },
        { unitOperation: "short ton", basis: "t", inputs: [{ stream: "coal", quantity: 1, unit: "ton" }], outputs: [{ stream: "ash", quantity: 0.1, unit: "t" }] },
        { unitOperation: "无输入", basis: "t/d", inputs: [], outputs: [{ stream: "x", quantity: 5, unit: "t/d" }] },
        ...(
          [
            ["a?b", 10, 8],
            ["~x", 5, 5],
            ["<5", 3, 2],
            ["aXb", 100, 1],
          ] as const
        ).map(([op, i, o]) => ({ unitOperation: op, basis: "t/d", inputs: [{ stream: `${op} in`, quantity: i, unit: "t/d" }], outputs: [{ stream: `${op} out`, quantity: o, unit: "t/d" }] })),
      ],
    };
    let r: Run;
    beforeAll(async () => {
      r = await run(raw, "zh-CN");
    }, 120_000);

    it("validateCase reports the m3/d stream, the short ton and the empty inputs at their JSON paths", () => {
      const v = validateCase(raw);
      expect(v.ok).toBe(false);
      const errors = v.ok ? [] : v.errors;
      const at = (path: string) => errors.filter((e) => e.path === path).map((e) => e.message).join(" | ");
      expect(at("$.materialBalance[2].inputs[0].unit")).toMatch(/m3\/d.*cannot be converted.*t\/d/);
      expect(at("$.materialBalance[3].inputs[0].unit")).toMatch(/ton/);
      expect(at("$.materialBalance[4].inputs")).toMatch(/at least one input/);
    });

    it("no error cell and the cached flags equal LibreOffice's", () => expectAgreement(r));

    it("an m3/d stream in a t/d balance: 单位无法换算 on its row, no factor (never 1), the balance 物流数据有误 and 待定, never 合格", () => {
      const s = streams(r);
      const k = s.find("stream", m3);
      expect(s.text(k, "basis")).toBe("t/d");
      expect(s.text(k, "factor")).toBe("");
      expect(s.text(k, "basisQty")).toBe("");
      expect(s.text(k, "check")).toBe("单位无法换算");
      expect(s.text(s.find("stream", "补水"), "check")).toBe("");
      const b = balances(r);
      const c = b.find("op", "冷却");
      expect(b.text(c, "tin")).toBe("");
      expect(b.text(c, "err")).toBe("");
      expect(b.text(c, "check")).toBe("物流数据有误");
      expect(b.text(c, "verdict")).toBe("待定");
    });

    it('"ton" is not in the unit table: flagged, its balance pending (E14: never converted as a short ton)', () => {
      const s = streams(r);
      expect(s.text(s.find("stream", "coal"), "check")).toBe("单位不在单位表中");
      expect(s.text(s.find("stream", "coal"), "factor")).toBe("");
      const b = balances(r);
      expect(b.text(b.find("op", "short ton"), "verdict")).toBe("待定");
    });

    it("ΣIn = 0: no relative error and no #DIV/0!, a flag and 待定", () => {
      const b = balances(r);
      const z = b.find("op", "无输入");
      expect(b.num(z, "tin")).toBe(0);
      expect(b.num(z, "tout")).toBe(5);
      expect(b.text(z, "err")).toBe("");
      expect(b.text(z, "check")).toBe("输入合计为0");
      expect(b.text(z, "verdict")).toBe("待定");
    });

    it("names with * ? ~ < add only their own streams: 工段* and 工段A 2272 / 2241 each (not 4544), a?b 10/8, ~x 5/5, <5 3/2, aXb 100/1", () => {
      const b = balances(r);
      for (const op of ["工段*", "工段A"]) {
        const k = b.find("op", op);
        expectClose(b.num(k, "tin"), 2272, {}, `${op} ΣIn`);
        expectClose(b.num(k, "tout"), 2241, {}, `${op} ΣOut`);
        expect(b.text(k, "verdict")).toBe("合格");
      }
      for (const [op, tin, tout, verdict] of [["a?b", 10, 8, "不合格"], ["~x", 5, 5, "合格"], ["<5", 3, 2, "不合格"], ["aXb", 100, 1, "不合格"]] as const) {
        const k = b.find("op", op);
        expectClose(b.num(k, "tin"), tin, {}, `${op} ΣIn`);
        expectClose(b.num(k, "tout"), tout, {}, `${op} ΣOut`);
        expectClose(b.num(k, "gap"), tin - tout, {}, `${op} gap`);
        expect(b.text(k, "verdict"), op).toBe(verdict);
      }
      // each stream row finds its own balance's basis unit (MATCH with the wildcards escaped)
      const s = streams(r);
      for (const op of ["a?b", "~x", "<5"]) expect(s.text(s.find("stream", `${op} in`), "basis")).toBe("t/d");
      expect(sum(r, "flagged")).toBe(2);
      expect(sum(r, "pass")).toBe(3);
      expect(sum(r, "fail")).toBe(3);
      expect(sum(r, "pending")).toBe(3);
    });
  });

  describe("typed into the written power-plant workbook (zh-CN)", () => {
    /** Writes `cells` (by stream row k and column key) into the written file and recalculates it. */
    async function edit(cells: readonly [number, SKey, TypedValue][]): Promise<Run> {
      const base = power.get("zh-CN")!;
      const byRow = new Map<number, Record<string, TypedValue>>();
      for (const [k, key, value] of cells) byRow.set(k, { ...byRow.get(k), [tr("zh-CN", TBL_STREAMS.columns[key])]: value });
      let bytes = base.bytes;
      for (const [k, values] of byRow) bytes = await setTableCells(bytes, "tblStreams", k, values);
      return { ...base, bytes, grids: await recalculate(await stripCachedValues(bytes)) };
    }

    it("a stream whose unit operation has a typo is flagged and counted in the summary; the balance keeps its own streams", async () => {
      const spare = POWER.materialBalance[0]!.inputs.length + POWER.materialBalance[0]!.outputs.length; // first empty row of the table
      const r = await edit([
        [spare, "op", "汽机工段水平衡"],
        [spare, "dir", "输入"],
        [spare, "stream", "漏记的补水"],
        [spare, "qty", 100],
        [spare, "unit", "t/d"],
      ]);
      expect(findErrorCells(r.grids)).toEqual([]);
      const s = streams(r);
      expect(s.text(spare, "no")).toBe(String(spare + 1));
      expect(s.text(spare, "check")).toBe("单元操作不在平衡汇总中");
      expect(s.text(spare, "basis")).toBe("");
      expect(sum(r, "orphans")).toBe(1);
      expect(sum(r, "flagged")).toBe(1);
      expect(sum(r, "streams")).toBe(7);
      const b = balances(r);
      expectClose(b.num(b.find("op", WATER), "tin"), 2272, {}, "ΣIn");
    }, 120_000);

    it('a text quantity ("约5") flags its own row only; its balance shows 物流数据有误 instead of totals, no error spreads', async () => {
      const r = await edit([[0, "qty", "约5"]]);
      expect(findErrorCells(r.grids)).toEqual([]);
      const s = streams(r);
      expect(s.text(0, "check")).toBe("数量不是数值");
      expect(s.text(0, "basisQty")).toBe("");
      for (let i = 1; i < s.n; i++) expect(s.text(i, "check"), `row ${i + 1}`).toBe("");
      const b = balances(r);
      const w = b.find("op", WATER);
      expect(b.text(w, "tin")).toBe("");
      expect(b.text(w, "gap")).toBe("");
      expect(b.text(w, "check")).toBe("物流数据有误");
      expect(b.text(w, "verdict")).toBe("待定");
      expect(sum(r, "flagged")).toBe(1);
      expect(sum(r, "orphans")).toBe(0);
      expect(sum(r, "pass")).toBe(0);
      expect(sum(r, "pending")).toBe(1);
    }, 120_000);

    it("a blank tolerance is a flag, never a pass", async () => {
      const base = power.get("zh-CN")!;
      // the parameter cell the name CP_BalanceTolerance points at, emptied as a user would
      const name = base.book.names.find((n) => n.name === "CP_BalanceTolerance");
      if (!name || !("sheet" in name)) throw new Error("CP_BalanceTolerance is not a cell name");
      const bytes = await setCells(base.bytes, name.sheet, { [`${colLetter(name.ref.left)}${name.ref.top + 1}`]: null });
      const r: Run = { ...base, bytes, grids: await recalculate(await stripCachedValues(bytes)) };
      expect(findErrorCells(r.grids).filter((e) => e.sheet === streams(r).sheet.name)).toEqual([]);
      const b = balances(r);
      const w = b.find("op", WATER);
      expect(b.text(w, "check")).toBe("缺少允许误差");
      expect(b.text(w, "verdict")).toBe("待定");
      expect(summaryValue(r, ...S.tolerance)).toBe("缺少允许误差");
    }, 120_000);
  });

  describe("growth: rows appended below the tables as Excel appends them", () => {
    const cases: [string, Lang][] = [
      ["power plant", "zh-CN"],
      ["power plant", "en-US"],
      ["template", "zh-CN"],
    ];
    it.each(cases)("%s (%s): appended streams and a new balance are in ΣIn/ΣOut, the counts and the lookups", async (which, lang) => {
      const base = which === "template" ? template.get(lang)! : power.get(lang)!;
      const sc = (k: SKey) => tr(lang, TBL_STREAMS.columns[k]);
      const bc = (k: BKey) => tr(lang, TBL_BALANCES.columns[k]);
      const stream = (op: string, dir: string, name: string, qty: number, unit: string) => ({ [sc("op")]: op, [sc("dir")]: dir, [sc("stream")]: name, [sc("qty")]: qty, [sc("unit")]: unit });
      const NEW = lang === "zh-CN" ? "新增平衡" : "New balance";
      const appended: Record<string, TypedValue>[] = [];
      if (which !== "template") {
        appended.push(stream(WATER, IN[lang], "新增补水", 10, "t/d"), stream(WATER, OUT[lang], "新增排水", 5000, "kg/d"));
      }
      appended.push(stream(NEW, IN[lang], "a", 100, "t/d"), stream(NEW, IN[lang], "b", 50000, "kg/d"), stream(NEW, OUT[lang], "c", 140, "t/d"));
      const before = (await readTable(base.bytes, "tblStreams")).ref;
      let bytes = await appendTableRows(base.bytes, "tblStreams", appended);
      bytes = await appendTableRows(bytes, "tblBalances", [{ [bc("op")]: NEW, [bc("basis")]: "t/d" }]);
      const grown = (await readTable(bytes, "tblStreams")).ref;
      expect(grown).toEqual({ ...before, bottom: before.bottom + appended.length });
      const r: Run = { ...base, bytes, grids: await recalculate(await stripCachedValues(bytes)) };
      expect(findErrorCells(r.grids)).toEqual([]);

      const s = streams(r, appended.length);
      const firstNew = before.bottom - before.top; // data-row index of the first appended row
      appended.forEach((_, i) => {
        const k = firstNew + i;
        expect(s.text(k, "no")).toBe(String(k + 1));
        expect(s.text(k, "basis")).toBe("t/d");
        expect(s.text(k, "check")).toBe("");
      });
      const b = balances(r, 1);
      const nb = b.find("op", NEW);
      expect(nb).toBe(b.n - 1);
      // new balance: 100 + 50000 kg/d (= 50 t/d) in, 140 out → 150 / 140 / 10 / 6.67 % > 5 %: fail
      expectClose(b.num(nb, "tin"), 150, {}, "new ΣIn");
      expectClose(b.num(nb, "tout"), 140, {}, "new ΣOut");
      expectClose(b.num(nb, "gap"), 10, {}, "new gap");
      expectClose(b.num(nb, "err"), 10 / 150, {}, "new relative error");
      expect(b.text(nb, "verdict")).toBe(FAIL[lang]);
      const nStreams = (which === "template" ? 0 : 6) + appended.length;
      expect(sum(r, "streams")).toBe(nStreams);
      expect(sum(r, "balances")).toBe(which === "template" ? 1 : 2);
      expect(sum(r, "fail")).toBe(1);
      expect(sum(r, "orphans")).toBe(0);
      if (which !== "template") {
        // the water balance: + 10 t/d in, + 5000 kg/d = 5 t/d out
        const w = b.find("op", WATER);
        expectClose(b.num(w, "tin"), 2272 + 10, {}, "ΣIn with the appended stream");
        expectClose(b.num(w, "tout"), 2241 + 5, {}, "ΣOut with the appended stream");
        expectClose(b.num(w, "err"), (2282 - 2246) / 2282, {}, "relative error");
        expect(b.text(w, "verdict")).toBe(PASS[lang]);
        expect(sum(r, "pass")).toBe(1);
      }
    }, 180_000);
  });
});
