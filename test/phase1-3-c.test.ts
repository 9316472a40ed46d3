/**
 * Issue 10 part C: candidate data → suggested focus scores (表2-10 → 表2-11), unit operations (表3-2),
 * the measurement plan whose means feed the balance (表3-3 → 表3-4), the component balance and the
 * water balance — built from the power-plant case and the blank template in zh-CN and en-US,
 * recalculated by LibreOffice, then edited as a user edits them in Excel and recalculated again.
 *
 * Expected values are hand arithmetic written below from the case file's figures (its readings,
 * fractions, water quantities and candidate data), never read from our own output:
 * - 锅炉来蒸汽 is measured at M1: readings 1850, 1872, (blank), 1858 → mean 5580/3 = 1860 t/d;
 *   冷却塔蒸发及风吹损失 at M2: 195, 201, 198 → 198 t/d; so ΣIn 412 + 1860 = 2272, ΣOut 2241;
 * - TDS: In 412 × 0.0004 = 0.1648, Out 1795 × 0.00001 + 236 × 0.0006 + 12 × 0.0004 = 0.16435;
 * - water: Q新 412, Q重 24000, Q耗 170, Q排 230, Q漏 8, 1440 万kWh;
 * - proportional rule (spec §2.3) R = ROUND(10·x/max), at least 1 when x > 0.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { TBL_CANDIDATES } from "../src/worksheets/definitions/candidates.worksheet";
import { TBL_COMPONENT_BALANCES, TBL_COMPONENTS } from "../src/worksheets/definitions/component-balance.worksheet";
import { TBL_BALANCES, TBL_STREAMS } from "../src/worksheets/definitions/material-balance.worksheet";
import { TBL_MEASUREMENTS } from "../src/worksheets/definitions/measurements.worksheet";
import { TBL_UNIT_OPS } from "../src/worksheets/definitions/unit-operations.worksheet";
import { TBL_WATER } from "../src/worksheets/definitions/water-balance.worksheet";
import type { Lang, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "./helpers/model-check";
import { pool } from "./helpers/pool";
import { col, rowIndexOf, shownAt } from "./helpers/tables";
import { expectClose } from "./helpers/tolerance";
import { insertTableRow, setTableCells } from "./helpers/workbook-edit";

const hasSoffice = requireSoffice();
const LANGS: Lang[] = ["zh-CN", "en-US"];
const zh = (lang: Lang) => lang === "zh-CN";

const POWER_JSON = JSON.parse(readFileSync("cases/power-plant-workshop.json", "utf8")) as Record<string, unknown>;
const OP = "汽机工段 水平衡";

/** The power-plant case with 锅炉工段's three quantitative scores left blank (null: take the suggestion). */
function powerWithSuggestions(): AuditCase {
  const json = structuredClone(POWER_JSON) as { focusSelection: { candidates: { name: string; scores: (number | null)[] }[] } };
  const boiler = json.focusSelection.candidates.find((c) => c.name === "锅炉工段")!;
  boiler.scores = [null, null, null, 6, 8, 7];
  const v = validateCase(json);
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
  return v.value;
}

/** Texts the sheets show (written here, not read from src). */
const TEXT = {
  "zh-CN": { pass: "合格", fail: "不合格", pending: "待定", in: "输入", out: "输出", fewCycles: "周期数不足3个", shortHours: "实测不足72 h", noPoint: "监测点不存在", incomplete: "耗水、排水或漏失水量不全", batch: "间歇", cont: "连续" },
  "en-US": { pass: "Pass", fail: "Fail", pending: "Pending", in: "In", out: "Out", fewCycles: "Fewer than 3 cycles", shortHours: "Less than 72 h measured", noPoint: "No such measurement point", incomplete: "Consumed, discharged or leaks missing", batch: "Batch", cont: "Continuous" },
};

interface Run {
  lang: Lang;
  book: WorkbookModel;
  grids: Map<string, string[][]>;
}

async function recalc(book: WorkbookModel, bytes?: Uint8Array): Promise<Map<string, string[][]>> {
  return recalculate(await stripCachedValues(bytes ?? (await writeXlsx(book))));
}

const num = (t: string) => {
  const n = parseSpreadsheetNumber(t);
  if (n === null) throw new Error(`not a number: "${t}"`);
  return n;
};

/** The edits of a user (see each test for what they change). */
async function edited(c: AuditCase, lang: Lang): Promise<Run> {
  const book = buildWorkbook(c, { lang });
  let bytes = await writeXlsx(book);
  const M = (k: keyof typeof TBL_MEASUREMENTS.columns) => col(TBL_MEASUREMENTS, k, lang);
  const S = (k: keyof typeof TBL_STREAMS.columns) => col(TBL_STREAMS, k, lang);
  const W = (k: keyof typeof TBL_WATER.columns) => col(TBL_WATER, k, lang);
  const C = (k: keyof typeof TBL_COMPONENTS.columns) => col(TBL_COMPONENTS, k, lang);
  const CB = (k: keyof typeof TBL_COMPONENT_BALANCES.columns) => col(TBL_COMPONENT_BALANCES, k, lang);
  const T = TEXT[lang];
  // 1. M1's first reading 1850 → 1900
  bytes = await setTableCells(bytes, "tblMeasurements", 0, { [M("c1")]: 1900 });
  // 2. two new points in the plan's spare rows: a batch point with 2 cycles, a continuous one of 48 h
  bytes = await setTableCells(bytes, "tblMeasurements", 2, { [M("point")]: "M3", [M("op")]: OP, [M("mode")]: T.batch, [M("c1")]: 5, [M("c2")]: 7, [M("unit")]: "t/d" });
  bytes = await setTableCells(bytes, "tblMeasurements", 3, { [M("point")]: "M4", [M("op")]: OP, [M("mode")]: T.cont, [M("hours")]: 48, [M("c1")]: 4, [M("c2")]: 6, [M("c3")]: 8, [M("c4")]: 10, [M("unit")]: "t/d" });
  // 3. a stream that names M3 (mean 6 t/d, in), and one that names a point that does not exist
  bytes = await setTableCells(bytes, "tblStreams", 6, { [S("op")]: OP, [S("dir")]: T.in, [S("stream")]: "M3 补水", [S("point")]: "M3" });
  bytes = await setTableCells(bytes, "tblStreams", 7, { [S("op")]: OP, [S("dir")]: T.out, [S("stream")]: "未知", [S("point")]: "M9" });
  // 4. the water balance's leak cleared
  bytes = await setTableCells(bytes, "tblWaterBalance", 0, { [W("leak")]: null });
  // 5. a second component, Cl, on two streams, and its balance
  bytes = await setTableCells(bytes, "tblComponents", 6, { [C("op")]: OP, [C("stream")]: "补充新水", [C("component")]: "Cl", [C("fraction")]: 0.00005 });
  bytes = await setTableCells(bytes, "tblComponents", 7, { [C("op")]: OP, [C("stream")]: "冷凝水外排", [C("component")]: "Cl", [C("fraction")]: 0.00008 });
  bytes = await setTableCells(bytes, "tblComponentBalances", 1, { [CB("op")]: OP, [CB("component")]: "Cl" });
  // 6. a new candidate inserted ABOVE the others in 表2-10 with the largest waste (by name, not position)
  bytes = await insertTableRow(bytes, "tblCandidates", 0, { [col(TBL_CANDIDATES, "name", lang)]: "新工段", [col(TBL_CANDIDATES, "wasteWater", lang)]: 200000 });
  // 7. 汽机工段's typed 环保费用 score cleared: its suggestion is used
  // (the case's own factor names are kept as written in both languages)
  bytes = await setTableCells(bytes, "tblFocus", 1, { 环保费用: null });
  return { lang, book, grids: await recalc(book, bytes) };
}

describe.skipIf(!hasSoffice)("issue 10 part C: 表2-10 → 2-11, 表3-2, 3-3 → 3-4, component and water balances (LibreOffice)", () => {
  const plain = new Map<string, Run>();
  const edits = new Map<Lang, Run>();
  beforeAll(async () => {
    const c = powerWithSuggestions();
    const tasks = [
      ...LANGS.map((lang) => async () => ["power/" + lang, { lang, book: buildWorkbook(c, { lang }), grids: new Map() }] as const),
      ...LANGS.map((lang) => async () => ["template/" + lang, { lang, book: buildWorkbook(null, { lang }), grids: new Map() }] as const),
    ];
    const built = await pool(tasks, 2);
    await pool(
      built.map(([k, r]) => async () => {
        plain.set(k, { ...r, grids: await recalc(r.book) });
      }),
      2,
    );
    for (const [lang, r] of await pool(LANGS.map((lang) => async () => [lang, await edited(c, lang)] as const), 2)) edits.set(lang, r);
  }, 900_000);

  for (const name of ["power", "template"]) {
    for (const lang of LANGS) {
      it(`${name} ${lang}: no error cell, every cached value equals LibreOffice's`, () => {
        const r = plain.get(`${name}/${lang}`)!;
        expect(findErrorCells(r.grids)).toEqual([]);
        for (const s of r.book.sheets) expect(checkRecalculatedAgainstModel(s, r.grids.get(s.name), { rel: 1e-9, abs: 1e-9 }).map((m) => m.message), s.name).toEqual([]);
      });
    }
  }

  describe.each(LANGS)("%s", (lang) => {
    const T = TEXT[lang];
    const at = (r: Run, table: string, k: number, column: string) => shownAt(r.grids, r.book, table, k, column);

    it("表3-2 lists the unit operations and is the dropdown source of the balances, streams and points (CP_UnitOperations)", () => {
      const r = plain.get(`power/${lang}`)!;
      expect(at(r, "tblUnitOps", 0, col(TBL_UNIT_OPS, "name", lang))).toBe(OP);
      expect(at(r, "tblUnitOps", 1, col(TBL_UNIT_OPS, "name", lang))).toBe("锅炉工段");
      const name = r.book.names.find((n) => n.name === "CP_UnitOperations");
      expect(name && "formula" in name ? name.formula : "").toMatch(/^tblUnitOps\[/);
    });

    it("the measurement means are the balance quantities: 锅炉来蒸汽 = (1850+1872+1858)/3 = 1860, 冷却塔 = (195+201+198)/3 = 198; ΣIn 2272, ΣOut 2241", () => {
      const r = plain.get(`power/${lang}`)!;
      const M = (k: keyof typeof TBL_MEASUREMENTS.columns) => col(TBL_MEASUREMENTS, k, lang);
      expectClose(num(at(r, "tblMeasurements", 0, M("mean"))), (1850 + 1872 + 1858) / 3, {}, "M1 mean");
      expect(at(r, "tblMeasurements", 0, M("n"))).toBe("3");
      expectClose(num(at(r, "tblMeasurements", 1, M("mean"))), (195 + 201 + 198) / 3, {}, "M2 mean");
      expect(at(r, "tblMeasurements", 0, M("check"))).toBe(""); // continuous, 72 h
      const S = (k: keyof typeof TBL_STREAMS.columns) => col(TBL_STREAMS, k, lang);
      const steam = rowIndexOf(r.book, "tblStreams", S("stream"), "锅炉来蒸汽");
      expect(at(r, "tblStreams", steam, S("qty"))).toBe(""); // nothing typed: the point gives it
      expectClose(num(at(r, "tblStreams", steam, S("basisQty"))), 1860, {}, "steam from M1");
      const tower = rowIndexOf(r.book, "tblStreams", S("stream"), "冷却塔蒸发及风吹损失");
      expectClose(num(at(r, "tblStreams", tower, S("basisQty"))), 198, {}, "tower from M2");
      const typed = rowIndexOf(r.book, "tblStreams", S("stream"), "补充新水");
      expect(num(at(r, "tblStreams", typed, S("qty")))).toBe(412); // typed where no point is named
      const B = (k: keyof typeof TBL_BALANCES.columns) => col(TBL_BALANCES, k, lang);
      expectClose(num(at(r, "tblBalances", 0, B("tin"))), 412 + 1860, {}, "ΣIn");
      expectClose(num(at(r, "tblBalances", 0, B("tout"))), 1795 + 236 + 198 + 12, {}, "ΣOut");
    });

    it("edited readings flow into the balance; a batch point with 2 cycles and a continuous one of 48 h are flagged (spec §4.2); an unknown point is flagged", () => {
      const r = edits.get(lang)!;
      expect(findErrorCells(r.grids)).toEqual([]);
      const M = (k: keyof typeof TBL_MEASUREMENTS.columns) => col(TBL_MEASUREMENTS, k, lang);
      const m1 = (1900 + 1872 + 1858) / 3;
      expectClose(num(at(r, "tblMeasurements", 0, M("mean"))), m1, {}, "M1 mean after the edit");
      expectClose(num(at(r, "tblMeasurements", 2, M("mean"))), 6, {}, "M3 mean");
      expect(at(r, "tblMeasurements", 2, M("n"))).toBe("2");
      expect(at(r, "tblMeasurements", 2, M("check"))).toBe(T.fewCycles);
      expectClose(num(at(r, "tblMeasurements", 3, M("mean"))), (4 + 6 + 8 + 10) / 4, {}, "M4 mean");
      expect(at(r, "tblMeasurements", 3, M("check"))).toBe(T.shortHours);
      const S = (k: keyof typeof TBL_STREAMS.columns) => col(TBL_STREAMS, k, lang);
      expectClose(num(at(r, "tblStreams", 1, S("basisQty"))), m1, {}, "steam = new M1 mean");
      expectClose(num(at(r, "tblStreams", 6, S("basisQty"))), 6, {}, "M3 stream");
      expect(at(r, "tblStreams", 7, S("check"))).toBe(T.noPoint);
      expect(at(r, "tblStreams", 7, S("basisQty"))).toBe("");
      // the balance with a flagged stream shows no totals and is pending
      const B = (k: keyof typeof TBL_BALANCES.columns) => col(TBL_BALANCES, k, lang);
      expect(at(r, "tblBalances", 0, B("tin"))).toBe("");
      expect(at(r, "tblBalances", 0, B("verdict"))).toBe(T.pending);
    });

    it("component balance TDS: In 412×0.0004 = 0.1648, Out 1795×0.00001 + 236×0.0006 + 12×0.0004 = 0.16435, error 0.27 %, pass", () => {
      const r = plain.get(`power/${lang}`)!;
      const CB = (k: keyof typeof TBL_COMPONENT_BALANCES.columns) => col(TBL_COMPONENT_BALANCES, k, lang);
      const tin = 412 * 0.0004 + 1860 * 0;
      const tout = 1795 * 0.00001 + 236 * 0.0006 + 198 * 0 + 12 * 0.0004;
      expectClose(tin, 0.1648, { abs: 1e-12 }, "hand In");
      expectClose(tout, 0.16435, { abs: 1e-12 }, "hand Out");
      expect(at(r, "tblComponentBalances", 0, CB("component"))).toBe("TDS");
      expectClose(num(at(r, "tblComponentBalances", 0, CB("tin"))), tin, {}, "In");
      expectClose(num(at(r, "tblComponentBalances", 0, CB("tout"))), tout, {}, "Out");
      expectClose(num(at(r, "tblComponentBalances", 0, CB("gap"))), tin - tout, { rel: 1e-6 }, "gap");
      expectClose(num(at(r, "tblComponentBalances", 0, CB("err"))), (tin - tout) / tin, { rel: 1e-6 }, "error");
      expect(at(r, "tblComponentBalances", 0, CB("verdict"))).toBe(T.pass);
      const C = (k: keyof typeof TBL_COMPONENTS.columns) => col(TBL_COMPONENTS, k, lang);
      expect(at(r, "tblComponents", 0, C("dir"))).toBe(T.in);
      expectClose(num(at(r, "tblComponents", 3, C("cqty"))), 236 * 0.0006, {}, "冷凝水外排 TDS");
    });

    it("a component added by the user: Cl In 412×0.00005 = 0.0206, Out 236×0.00008 = 0.01888, error 8.35 % > 5 %: fail", () => {
      const r = edits.get(lang)!;
      const CB = (k: keyof typeof TBL_COMPONENT_BALANCES.columns) => col(TBL_COMPONENT_BALANCES, k, lang);
      const tin = 412 * 0.00005;
      const tout = 236 * 0.00008;
      expectClose(num(at(r, "tblComponentBalances", 1, CB("tin"))), tin, {}, "Cl In");
      expectClose(num(at(r, "tblComponentBalances", 1, CB("tout"))), tout, {}, "Cl Out");
      expectClose(num(at(r, "tblComponentBalances", 1, CB("err"))), (tin - tout) / tin, { rel: 1e-6 }, "Cl error");
      expect(at(r, "tblComponentBalances", 1, CB("verdict"))).toBe(T.fail);
    });

    it("water balance: gap 412 − (170+230+8) = 4, error 4/412, reuse 24000/24412, leak 8/412, discharge 230/412, 412/1440 per 万kWh; a cleared leak blanks what needs it", () => {
      const r = plain.get(`power/${lang}`)!;
      const W = (k: keyof typeof TBL_WATER.columns) => col(TBL_WATER, k, lang);
      const v = (k: keyof typeof TBL_WATER.columns, run = r) => at(run, "tblWaterBalance", 0, W(k));
      expectClose(num(v("gap")), 412 - (170 + 230 + 8), {}, "gap");
      expectClose(num(v("err")), 4 / 412, { rel: 1e-6 }, "error");
      expect(v("verdict")).toBe(T.pass);
      expectClose(num(v("reuseRate")), 24000 / (412 + 24000), { rel: 1e-6 }, "reuse rate");
      expectClose(num(v("leakRate")), 8 / 412, { rel: 1e-6 }, "leak rate");
      expectClose(num(v("dischargeRate")), 230 / 412, { rel: 1e-6 }, "discharge rate");
      expectClose(num(v("specific")), 412 / 1440, { rel: 1e-9 }, "fresh water per product");
      const e = edits.get(lang)!;
      for (const k of ["gap", "err", "leakRate"] as const) expect(v(k, e), k).toBe("");
      expect(v("verdict", e)).toBe(T.pending);
      expect(v("check", e)).toBe(T.incomplete);
      expectClose(num(v("reuseRate", e)), 24000 / 24412, { rel: 1e-6 }, "reuse rate still shown");
    });

    it("suggested scores: 锅炉工段's blank scores take ROUND(10·x/max) (waste 52310/86000 → 6, consumption 1862/1862 → 10, env 24.7/39 → 6): total 284; typed scores win", () => {
      const r = plain.get(`power/${lang}`)!;
      const name = lang === "zh-CN" ? "备选审核重点" : "Candidate";
      const total = lang === "zh-CN" ? "总分" : "Total";
      const boiler = rowIndexOf(r.book, "tblFocus", name, "锅炉工段");
      // the proportional rule by hand, from the case's candidate data
      const waste = [52000 + 0 + 310, 86000, 68000, 9500];
      const consumption = [1850 + 12 + 0, 45 + 820, 20 + 150, 60 + 30 + 25];
      const env = [18.5 + 6.2, 3.1, 35 + 4, 8 + 1.5];
      const R = (x: number, xs: number[]) => Math.max(1, Math.round((10 * x) / Math.max(...xs)));
      expect([R(waste[0]!, waste), R(consumption[0]!, consumption), R(env[0]!, env)]).toEqual([6, 10, 6]);
      expect(at(r, "tblFocus", boiler, "废弃物量")).toBe(""); // the score cell stays blank
      expect(at(r, "tblFocus", boiler, zh(lang) ? "废弃物量建议" : "废弃物量 (suggested)")).toBe("6");
      expect(num(at(r, "tblFocus", boiler, total))).toBe(10 * 6 + 8 * 10 + 8 * 6 + 7 * 6 + 5 * 8 + 2 * 7);
      // 汽机工段's typed scores (10, 7, 4 …) win over its suggestions (10, 5, 1): total as typed, 263
      const turbine = rowIndexOf(r.book, "tblFocus", name, "汽机工段");
      expect([R(waste[1]!, waste), R(consumption[1]!, consumption), R(env[1]!, env)]).toEqual([10, 5, 1]);
      expect(num(at(r, "tblFocus", turbine, total))).toBe(10 * 10 + 8 * 7 + 8 * 4 + 7 * 2 + 5 * 9 + 2 * 8);
    });

    it("suggestions follow the candidate by NAME when a larger candidate is inserted above, and a cleared typed score takes its suggestion", () => {
      const r = edits.get(lang)!;
      const name = lang === "zh-CN" ? "备选审核重点" : "Candidate";
      const total = lang === "zh-CN" ? "总分" : "Total";
      const boiler = rowIndexOf(r.book, "tblFocus", name, "锅炉工段");
      const turbine = rowIndexOf(r.book, "tblFocus", name, "汽机工段");
      const waste = [200000, 52310, 86000, 68000, 9500];
      const R = (x: number, xs: number[]) => Math.max(1, Math.round((10 * x) / Math.max(...xs)));
      expect(R(52310, waste)).toBe(3);
      expect(num(at(r, "tblFocus", boiler, total))).toBe(10 * 3 + 8 * 10 + 8 * 6 + 7 * 6 + 5 * 8 + 2 * 7);
      // 汽机工段: 环保费用 cleared → suggestion 3.1/39 → 0.79 → at least 1
      expect(R(3.1, [24.7, 3.1, 39, 9.5])).toBe(1);
      expect(num(at(r, "tblFocus", turbine, total))).toBe(10 * 10 + 8 * 7 + 8 * 1 + 7 * 2 + 5 * 9 + 2 * 8);
    });
  });
});
