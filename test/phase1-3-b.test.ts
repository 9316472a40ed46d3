/**
 * Issue 10 part B: the annual data (表2-3/2-4, tblAnnualData), benchmarking (表2-8, tblBenchmark),
 * targets (表2-12, tblTargets) — built, recalculated by LibreOffice, edited and recalculated again.
 *
 * A PCB test enterprise (written below, not a bundled case) makes double-sided boards only:
 * 100 000 m² in the audit year, 19 000 m³ of fresh water, 1 800 000 kWh of electricity. Its
 * benchmark against the PCB index system is computed HERE from ../shared/data/index-systems/pcb.json
 * (the source the project's copy came from) with the rule of spec WS2-8 and §8.4 written out again,
 * and compared with what LibreOffice shows. Then ONE number is changed in the annual data (the
 * electricity's Y0, 1 800 000 → 900 000 kWh): the specific consumption, the tce, the benchmark
 * level, the composite score and the target's baseline must follow, by hand arithmetic.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { TBL_ANNUAL } from "../src/worksheets/definitions/annual-data.worksheet";
import { TBL_BENCHMARK } from "../src/worksheets/definitions/benchmark.worksheet";
import { TBL_TARGETS } from "../src/worksheets/definitions/targets.worksheet";
import type { Lang, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook, resolveKeys } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "./helpers/model-check";
import { cellAt, col, rowIndexOf, shownAt, shownRows } from "./helpers/tables";
import { expectClose } from "./helpers/tolerance";
import { appendTableRows, setTableCells } from "./helpers/workbook-edit";

const hasSoffice = requireSoffice();
const LANGS: Lang[] = ["zh-CN", "en-US"];

// ------------------------------------------------------------------ the test enterprise

const PROD = 100_000; // m² of double-sided boards, Y0
const WATER = 19_000; // m³
const POWER = 1_800_000; // kWh
const POWER_EDITED = 900_000;
/** GB/T 2589 equivalent value of electricity: 0.1229 kgce/kWh = 0.0001229 tce/kWh. */
const TCE_PER_KWH = 0.0001229;

/** Qualitative levels the auditor gives (indicator no → I/II/III) and numeric values typed. */
const TYPED: Record<string, number | string> = { "1": "I", "2": "II", "3": "I", "4": "III", "5": "I", "6": "II", "19": 60, "29": 92, "54": "I", "55": "II", "57": 85, "60": "I", "62": "I" };
/** The dynamic product groups: only double-sided boards are made, so rows 8 and 16 carry their group's whole weight. */
const WEIGHTS: Record<string, number> = { "8": 1.0, "16": 0.5 };

function enterpriseCase(): AuditCase {
  const json = {
    meta: { title: "PCB test enterprise (issue 10 B)", enterprise: "测试印制电路板厂" },
    parameters: { auditYear: 2024 },
    annualData: [
      { category: "产品", name: "双面板", unit: "m2", y3: 90_000, y2: 95_000, y1: 98_000, y0: PROD, capacity: 125_000, price: 400, reference: true },
      { category: "水", name: "新鲜水", unit: "m3", y2: 20_000, y1: 19_500, y0: WATER, price: 4.5 },
      { category: "能源", name: "电", unit: "kWh", y2: 1_900_000, y1: 1_850_000, y0: POWER, price: 0.7, benchmark: 10 },
    ],
    benchmark: { system: "pcb", n: 2, sources: { "8": "电", "16": "新鲜水" }, values: TYPED, weights: WEIGHTS },
    targets: [
      { item: "电", unit: "kWh/m2", direction: "越低越好", shortTerm: { relative: 0.1 }, longTerm: { absolute: 12 }, basis: "PCB II级" },
      { item: "中高费方案实施率", unit: "%", direction: "越高越好", baseline: 85, shortTerm: { absolute: 90 } },
    ],
  };
  const v = validateCase(json);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.value;
}

// ------------------------------------------------------------------ the benchmark, independently

interface PcbIndicator {
  no: number;
  level1: string;
  weight_level1: number | null;
  weight_level2: number | null;
  thresholds: Record<string, unknown>;
  operator?: string;
  direction: string;
  mandatory: boolean;
}
const PCB = JSON.parse(readFileSync(new URL("../../shared/data/index-systems/pcb.json", import.meta.url), "utf8")) as { indicators: PcbIndicator[] };

/** A limit as a number (a+b·n with n = 2), or null. */
function limitOf(x: unknown): number | null {
  if (typeof x === "number") return x;
  if (x && typeof x === "object" && "a" in x && "b" in x) return (x as { a: number }).a + (x as { b: number }).b * 2;
  return null;
}

/** Level 1–4 (4 = below III) of one indicator for a value, or null (no value / no limit). */
function level(i: PcbIndicator, v: number | string | undefined): number | null {
  if (v === undefined) return null;
  const quantitative = (i.direction === "lower_is_better" || i.direction === "higher_is_better") && i.operator !== undefined;
  if (!quantitative) {
    const k = ["I", "II", "III"].indexOf(String(v));
    return k < 0 ? 4 : k + 1;
  }
  if (typeof v !== "number") return null;
  const lims = ["I", "II", "III"].map((k) => limitOf(i.thresholds[k]));
  if (lims.every((x) => x === null)) return null;
  const ok = (x: number, y: number) => (i.operator === "<=" ? x <= y : i.operator === "<" ? x < y : i.operator === ">=" ? x >= y : x > y);
  for (let k = 0; k < 3; k++) if (lims[k] !== null && ok(v, lims[k]!)) return k + 1;
  return 4;
}

interface Expected {
  levels: Map<number, number | null>;
  y: [number, number, number];
  grade: number;
}

/** Levels, Y_I/Y_II/Y_III and the grade of spec §8.4 for the enterprise with electricity `power`. */
function expectedBenchmark(power: number): Expected {
  const values: Record<string, number | string> = { ...TYPED, "8": power / PROD, "16": WATER / PROD };
  const levels = new Map<number, number | null>();
  const scored: { group: string; w1: number; w2: number; lvl: number }[] = [];
  let worstLimiting = 0;
  for (const i of PCB.indicators) {
    const lvl = level(i, values[String(i.no)]);
    levels.set(i.no, lvl);
    const w2 = WEIGHTS[String(i.no)] ?? i.weight_level2;
    if (lvl !== null && i.weight_level1 !== null && w2 !== null && w2 > 0) scored.push({ group: i.level1, w1: i.weight_level1, w2, lvl });
    if (i.mandatory) worstLimiting = Math.max(worstLimiting, lvl ?? 4);
  }
  // sub-weights re-normalised within each first-level group over the scored indicators
  const groupSum = new Map<string, number>();
  for (const s of scored) groupSum.set(s.group, (groupSum.get(s.group) ?? 0) + s.w2);
  const eff = scored.map((s) => (s.w1 * s.w2) / groupSum.get(s.group)!);
  const total = eff.reduce((a, b) => a + b, 0);
  const y = [1, 2, 3].map((k) => (100 * scored.reduce((a, s, j) => a + (s.lvl <= k ? eff[j]! : 0), 0)) / total) as [number, number, number];
  const grade = y[0] >= 85 && worstLimiting <= 1 ? 1 : y[1] >= 85 && worstLimiting <= 2 ? 2 : Math.round(y[2] * 1e9) / 1e9 >= 100 ? 3 : 4;
  return { levels, y, grade };
}

const LEVEL_TEXT: Record<Lang, string[]> = { "zh-CN": ["I级", "II级", "III级", "未达III级"], "en-US": ["Level I", "Level II", "Level III", "Below III"] };

// ------------------------------------------------------------------ build, recalculate, edit

interface Built {
  book: WorkbookModel;
  grids: Map<string, string[][]>;
  edited: Map<string, string[][]>;
  /** a natural-gas row typed below tblAnnualData and a target on it typed below tblTargets */
  grown: Map<string, string[][]>;
}
const built = new Map<Lang, Built>();
const num = (t: string) => parseSpreadsheetNumber(t);

/** Reads a number LibreOffice shows in a summary row (label in column A, value further right). */
function summaryValue(grid: string[][], label: string): number | null {
  const row = grid.find((r) => r[0] === label);
  if (!row) throw new Error(`no summary row "${label}"`);
  const v = row.slice(1).find((x) => x !== "");
  return v === undefined ? null : num(v);
}

describe.skipIf(!hasSoffice)("issue 10 B: annual data → specific consumption, tce, benchmark level, target baseline", () => {
  beforeAll(async () => {
    const c = enterpriseCase();
    for (const lang of LANGS) {
      const book = buildWorkbook(c, { lang });
      const bytes = await writeXlsx(book);
      const grids = await recalculate(await stripCachedValues(bytes));
      const powerRow = rowIndexOf(book, "tblAnnualData", col(TBL_ANNUAL, "name", lang), "电");
      const changed = await setTableCells(bytes, "tblAnnualData", powerRow, { [col(TBL_ANNUAL, "y0", lang)]: POWER_EDITED });
      const edited = await recalculate(await stripCachedValues(changed));
      const zhText = lang === "zh-CN";
      let more = await appendTableRows(bytes, "tblAnnualData", [
        { [col(TBL_ANNUAL, "category", lang)]: zhText ? "能源" : "Energy", [col(TBL_ANNUAL, "name", lang)]: "天然气", [col(TBL_ANNUAL, "unit", lang)]: "m3", [col(TBL_ANNUAL, "y0", lang)]: 50_000, [col(TBL_ANNUAL, "factor", lang)]: 0.0012143 },
      ]);
      more = await appendTableRows(more, "tblTargets", [
        { [col(TBL_TARGETS, "item", lang)]: "天然气", [col(TBL_TARGETS, "dir", lang)]: zhText ? "越低越好" : "Lower is better", [col(TBL_TARGETS, "sRelIn", lang)]: 0.2 },
      ]);
      const grown = await recalculate(await stripCachedValues(more));
      built.set(lang, { book, grids, edited, grown });
    }
  }, 240_000);

  for (const lang of LANGS) {
    describe(lang, () => {
      const A = (k: keyof typeof TBL_ANNUAL.columns) => col(TBL_ANNUAL, k, lang);
      const B = (k: keyof typeof TBL_BENCHMARK.columns) => col(TBL_BENCHMARK, k, lang);
      const T = (k: keyof typeof TBL_TARGETS.columns) => col(TBL_TARGETS, k, lang);

      it("has no error cell, before and after the edit, and every cached value is LibreOffice's", () => {
        const b = built.get(lang)!;
        expect(findErrorCells(b.grids)).toEqual([]);
        expect(findErrorCells(b.edited)).toEqual([]);
        for (const s of b.book.sheets) expect(checkRecalculatedAgainstModel(s, b.grids.get(s.name)).map((m) => m.message)).toEqual([]);
      });

      it("computes the annual figures by hand arithmetic (utilisation, cost, specific consumption, gap, tce, year labels)", () => {
        const { book, grids } = built.get(lang)!;
        const at = (name: string, k: keyof typeof TBL_ANNUAL.columns) => shownAt(grids, book, "tblAnnualData", rowIndexOf(book, "tblAnnualData", A("name"), name), A(k));
        expectClose(num(at("双面板", "util"))!, 100_000 / 125_000);
        expectClose(num(at("双面板", "cost"))!, (100_000 * 400) / 10_000); // 4000 万元 output value
        expect(at("双面板", "spec")).toBe("");
        expectClose(num(at("新鲜水", "spec"))!, 0.19);
        expectClose(num(at("电", "spec"))!, 18);
        expectClose(num(at("电", "gap"))!, 8);
        expectClose(num(at("电", "gapPct"))!, 0.8);
        expectClose(num(at("电", "tce"))!, 221.22); // 1 800 000 × 0.0001229
        expect(at("新鲜水", "tce")).toBe("");
        const sheet = book.sheets.find((s) => s.key === "WS2-3")!;
        const grid = grids.get(sheet.name)!;
        expect(grid.some((r) => r.includes(lang === "zh-CN" ? "2021年" : "2021") && r.includes(lang === "zh-CN" ? "2024年" : "2024"))).toBe(true);
        expectClose(summaryValue(grid, lang === "zh-CN" ? "综合能源消费量 tce" : "Total energy, tce")!, 221.22);
      });

      it("benchmarks the PCB test enterprise: levels and composite score equal those computed from pcb.json", () => {
        const { book, grids } = built.get(lang)!;
        const exp = expectedBenchmark(POWER);
        const rows = shownRows(grids, book, "tblBenchmark");
        for (const i of PCB.indicators) {
          const r = rows.find((x) => x[B("no")] === String(i.no));
          expect(r, `indicator ${i.no}`).toBeDefined();
          const lvl = exp.levels.get(i.no) ?? null;
          expect(r![B("level")], `indicator ${i.no}`).toBe(lvl === null ? "" : LEVEL_TEXT[lang][lvl - 1]);
        }
        // by hand: 18 kWh/m² ≤ II 20 (I 10) → II, gap 18 − 10 = 8; 0.19 m³/m² ≤ II 0.23 → II, gap 0.05
        const r8 = rows.find((x) => x[B("no")] === "8")!;
        expect(r8[B("level")]).toBe(LEVEL_TEXT[lang][1]);
        expectClose(num(r8[B("gap")]!)!, 8);
        expectClose(num(rows.find((x) => x[B("no")] === "16")![B("gap")]!)!, 0.05, { abs: 1e-12 });
        const sheet = book.sheets.find((s) => s.key === "WS2-8")!;
        const grid = grids.get(sheet.name)!;
        const [y1, y2, y3] = lang === "zh-CN" ? ["Y_I 得分", "Y_II 得分", "Y_III 得分"] : ["Y_I score", "Y_II score", "Y_III score"];
        expectClose(summaryValue(grid, y1)!, exp.y[0]);
        expectClose(summaryValue(grid, y2)!, exp.y[1]);
        expectClose(summaryValue(grid, y3)!, exp.y[2]);
        const gradeRow = grid.find((r) => r[0] === (lang === "zh-CN" ? "综合评价等级" : "Overall grade"))!;
        expect(gradeRow.slice(1).find((x) => x !== "")).toBe(LEVEL_TEXT[lang][exp.grade - 1]);
      });

      it("links the targets' baseline from the annual data and computes the other of absolute / relative", () => {
        const { book, grids } = built.get(lang)!;
        const t = (k: keyof typeof TBL_TARGETS.columns, i: number) => shownAt(grids, book, "tblTargets", i, T(k));
        expectClose(num(t("base", 0))!, 18);
        expect(t("from", 0)).toBe(lang === "zh-CN" ? "年度数据" : "Annual data");
        expectClose(num(t("sAbs", 0))!, 18 * (1 - 0.1));
        expectClose(num(t("sRel", 0))!, 0.1);
        expectClose(num(t("lRel", 0))!, (18 - 12) / 18);
        expectClose(num(t("base", 1))!, 85);
        expect(t("from", 1)).toBe(lang === "zh-CN" ? "输入" : "Typed");
        expectClose(num(t("sRel", 1))!, (90 - 85) / 85);
        expect(t("check", 0)).toBe("");
      });

      it("a row typed below the annual data counts in the total tce and a target typed below tblTargets links to it", () => {
        const { book, grown } = built.get(lang)!;
        expect(findErrorCells(grown)).toEqual([]);
        const grid = grown.get(book.sheets.find((s) => s.key === "WS2-3")!.name)!;
        expectClose(summaryValue(grid, lang === "zh-CN" ? "综合能源消费量 tce" : "Total energy, tce")!, 221.22 + 60.715); // + 50 000 m³ × 0.0012143
        const rows = shownRows(grown, book, "tblAnnualData", 1);
        const gas = rows.find((r) => r[A("name")] === "天然气")!;
        expectClose(num(gas[A("spec")]!)!, 0.5);
        const targets = shownRows(grown, book, "tblTargets", 1);
        const t = targets.find((r) => r[T("item")] === "天然气")!;
        expectClose(num(t[T("base")]!)!, 0.5);
        expectClose(num(t[T("sAbs")]!)!, 0.5 * 0.8);
      });

      it("after ONE edit (electricity Y0 1 800 000 → 900 000 kWh): specific consumption, tce, benchmark level, score and target baseline follow", () => {
        const { book, edited } = built.get(lang)!;
        const power = rowIndexOf(book, "tblAnnualData", A("name"), "电");
        expectClose(num(shownAt(edited, book, "tblAnnualData", power, A("spec")))!, 9);
        expectClose(num(shownAt(edited, book, "tblAnnualData", power, A("tce")))!, POWER_EDITED * TCE_PER_KWH); // 110.61
        expectClose(num(shownAt(edited, book, "tblAnnualData", power, A("gap")))!, -1);
        const rows = shownRows(edited, book, "tblBenchmark");
        const r8 = rows.find((x) => x[B("no")] === "8")!;
        expectClose(num(r8[B("value")]!)!, 9);
        expect(r8[B("level")]).toBe(LEVEL_TEXT[lang][0]); // 9 ≤ I 10
        expectClose(num(r8[B("gap")]!)!, 0);
        const exp = expectedBenchmark(POWER_EDITED);
        const grid = edited.get(book.sheets.find((s) => s.key === "WS2-8")!.name)!;
        expectClose(summaryValue(grid, lang === "zh-CN" ? "Y_I 得分" : "Y_I score")!, exp.y[0]);
        expect(exp.y[0]).toBeGreaterThan(expectedBenchmark(POWER).y[0]);
        expectClose(num(shownAt(edited, book, "tblTargets", 0, T("base")))!, 9);
        expectClose(num(shownAt(edited, book, "tblTargets", 0, T("sAbs")))!, 9 * 0.9);
        // the typed baseline of the second target does not move
        expectClose(num(shownAt(edited, book, "tblTargets", 1, T("base")))!, 85);
      });
    });
  }

  it("the blank template is blank-safe in both languages: no error, the new tables show nothing", async () => {
    for (const lang of LANGS) {
      const book = buildWorkbook(null, { lang });
      const grids = await recalculate(await stripCachedValues(await writeXlsx(book)));
      expect(findErrorCells(grids)).toEqual([]);
      for (const table of ["tblAnnualData", "tblBenchmark", "tblTargets"]) {
        for (const row of shownRows(grids, book, table)) {
          const hidden = new Set(["级别序号", "参评", "有效权重", "限定级别", "Level no", "Scored", "Effective weight", "Limiting level"]);
          for (const [k, v] of Object.entries(row)) if (!hidden.has(k)) expect(v, `${lang} ${table} ${k}`).toBe("");
        }
      }
    }
  }, 120_000);
});

describe("issue 10 B: case sections validated with JSON paths", () => {
  const base = { meta: { title: "t" }, parameters: {} };
  const errorsOf = (extra: Record<string, unknown>) => {
    const v = validateCase({ ...base, ...extra });
    return v.ok ? [] : v.errors.map((e) => `${e.path}: ${e.message}`);
  };

  it("refuses a duplicate item name, an unknown class, a second reference product, a negative year", () => {
    const errs = errorsOf({
      annualData: [
        { category: "产品", name: "A", unit: "t", y0: 1, reference: true },
        { category: "产品", name: "a", unit: "t", y0: 2, reference: true },
        { category: "燃料", name: "B", unit: "t", y0: -1 },
      ],
    });
    expect(errs.some((e) => e.startsWith("$.annualData[1].name:"))).toBe(true);
    expect(errs.some((e) => e.startsWith("$.annualData[1].reference:"))).toBe(true);
    expect(errs.some((e) => e.startsWith("$.annualData[2].y0:"))).toBe(true);
  });

  it("refuses an unknown index system, a source that is no annual item, a target direction not in the list, absolute AND relative", () => {
    const errs = errorsOf({
      annualData: [{ category: "水", name: "新鲜水", unit: "m3", y0: 1 }],
      benchmark: { system: "beer", sources: { "1": "电" } },
      targets: [{ item: "x", direction: "down", shortTerm: { absolute: 1, relative: 0.1 } }],
    });
    expect(errs.some((e) => e.startsWith("$.benchmark.system:"))).toBe(true);
    expect(errs.some((e) => e.startsWith("$.benchmark.sources.1:"))).toBe(true);
    expect(errs.some((e) => e.startsWith("$.targets[0].direction:"))).toBe(true);
    expect(errs.some((e) => e.startsWith("$.targets[0].shortTerm:"))).toBe(true);
  });
});

describe("issue 10 B: the shipped index systems", () => {
  for (const system of ["pcb", "electroplating", "hazardous-waste-incineration"]) {
    it(`${system}: one row of 表2-8 per indicator of ../shared/data/index-systems/${system}.json, in both languages`, () => {
      const json = JSON.parse(readFileSync(new URL(`../../shared/data/index-systems/${system}.json`, import.meta.url), "utf8")) as { indicators: { no: number | string; mandatory: boolean }[] };
      const v = validateCase({ meta: { title: system }, parameters: {}, benchmark: { system, n: 1 } });
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      for (const lang of LANGS) {
        const book = buildWorkbook(v.value, { lang });
        const nos = json.indicators.map((i) => String(i.no));
        for (const no of nos) expect(rowIndexOf(book, "tblBenchmark", col(TBL_BENCHMARK, "no", lang), no), `${system} ${no}`).toBeGreaterThanOrEqual(0);
        const limiting = json.indicators.filter((i) => i.mandatory).length;
        const yes = lang === "zh-CN" ? "是" : "Yes";
        const shown = nos.filter((no) => cellAt(book, "tblBenchmark", rowIndexOf(book, "tblBenchmark", col(TBL_BENCHMARK, "no", lang), no), col(TBL_BENCHMARK, "mand", lang))?.value === yes).length;
        expect(shown).toBe(limiting);
      }
    });
  }
});

describe("issue 10 B: registration", () => {
  it("WS2-4 is served by the annual-data sheet; WS2-8 and WS2-12 bring it with them", () => {
    expect(resolveKeys(["WS2-4"])).toEqual(["PARAMS", "WS2-3", "LISTS"]);
    expect(resolveKeys(["WS2-8"])).toContain("WS2-3");
    expect(resolveKeys(["WS2-12"])).toContain("WS2-3");
  });
});
