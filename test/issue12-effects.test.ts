/**
 * Issue 12 (helper E): 表6-2 / 表6-4 effect tables and the 表6-9 performance table.
 *
 * - the demo case's effect rows show 削减量, 削减率 and 达成率 as computed here by hand from the
 *   case JSON's before / design / after, with an empty 检查;
 * - the demo and the blank template, in zh-CN and en-US, recalculated by LibreOffice with every
 *   cached value removed: no error cell, every cached value equal;
 * - rows appended below 表6-2, 表6-4 and 表6-6 (as Excel does when the user types under a table) are
 *   in the performance table's totals, which equal the sums of the sheets' rows (hand sums of the
 *   JSON plus the typed rows); a row of the wrong cost class is flagged and not counted;
 * - the CLI summary prints the performance totals of the demo (hand sums of the JSON).
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { summarizeCase } from "../src/cli/summary";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { EFFECT_LABELS, TBL_HIGH_EFFECTS, TBL_LOW_EFFECTS } from "../src/worksheets/definitions/effects.worksheet";
import { TBL_IMPLEMENTED_SUMMARY } from "../src/worksheets/definitions/implemented-summary.worksheet";
import { PERFORMANCE_INDICATORS, type Indicator } from "../src/worksheets/definitions/performance.worksheet";
import { EFFECT_ITEMS } from "../src/worksheets/definitions/phase6-schemas";
import { tr } from "../src/worksheets/i18n";
import type { Lang, WorkbookModel } from "../src/worksheets/model";
import type { BuildContext } from "../src/worksheets/layout";
import type { CellReader, TableReader } from "../src/worksheets/read-back";
import type { TableDef } from "../src/worksheets/table";
import { buildWorkbook, DEFINITIONS } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "./helpers/model-check";
import { pool } from "./helpers/pool";
import { cellAt, col } from "./helpers/tables";
import { appendTableRows } from "./helpers/workbook-edit";

const hasSoffice = requireSoffice();
const DEMO = "cases/power-plant-workshop.json";
const KEYS = ["WS6-2", "WS6-4", "WS6-9"];
const LANGS: Lang[] = ["zh-CN", "en-US"];

interface EffectJson {
  optionId: string;
  item: string;
  before?: number;
  design?: number;
  after?: number;
}

function demo(): { json: { lowCostEffects: EffectJson[]; highCostEffects: EffectJson[] }; c: AuditCase } {
  const json = JSON.parse(readFileSync(DEMO, "utf8")) as { lowCostEffects: EffectJson[]; highCostEffects: EffectJson[] };
  const v = validateCase(json);
  if (!v.ok) throw new Error(v.errors.map((e) => e.message).join("; "));
  return { json, c: v.value };
}

describe("effect rows of the demo (model)", () => {
  const { json, c } = demo();
  for (const lang of LANGS) {
    const book = buildWorkbook(c, { lang, keys: KEYS });
    const sheets = [
      { schema: TBL_LOW_EFFECTS, rows: json.lowCostEffects },
      { schema: TBL_HIGH_EFFECTS, rows: json.highCostEffects },
    ];
    it(`${lang}: reduction = before − after, rate = reduction/before, achievement = (before − after)/(before − design), no check text`, () => {
      // by hand: the demo's 表6-2 rows 1 250 000 → 1 238 000 kWh, 48 000 → 46 500 t, 2.4 → 2.16 t; 表6-4 rows
      // (before / design / after) 120 000 / 100 000 / 104 000 t water, 3 000 / 2 400 / 2 500 t steam, 1.8 / 1.2 / 1.3 t COD
      const expected = {
        tblLowCostEffects: [
          { reduction: 12000, rate: 12000 / 1250000 },
          { reduction: 1500, rate: 1500 / 48000 },
          { reduction: 0.24, rate: 0.1 },
        ],
        tblHighCostEffects: [
          { reduction: 16000, rate: 16000 / 120000, achievement: 0.8 },
          { reduction: 500, rate: 500 / 3000, achievement: 500 / 600 },
          { reduction: 0.5, rate: 0.5 / 1.8, achievement: 0.5 / 0.6 },
        ],
      } as const;
      for (const s of sheets) {
        const rows = expected[s.schema.name];
        expect(s.rows.length).toBe(rows.length);
        rows.forEach((e, k) => {
          const at = (key: keyof typeof TBL_HIGH_EFFECTS.columns) => cellAt(book, s.schema.name, k, col(TBL_HIGH_EFFECTS, key, lang))?.result;
          expect(at("reduction") as number).toBeCloseTo(e.reduction, 9);
          expect(at("reductionRate") as number).toBeCloseTo(e.rate, 12);
          if ("achievement" in e) expect(at("achievement") as number).toBeCloseTo(e.achievement, 12);
          expect(at("check")).toBe("");
        });
      }
    });
  }
});

interface Built {
  lang: Lang;
  name: string;
  book: WorkbookModel;
  grids: Map<string, string[][]>;
}

describe.skipIf(!hasSoffice)("表6-2, 6-4, 6-9 recalculated by LibreOffice", () => {
  const built: Built[] = [];
  beforeAll(async () => {
    const { c } = demo();
    const tasks = [c, null].flatMap((ac) =>
      LANGS.map((lang) => async (): Promise<Built> => {
        const book = buildWorkbook(ac, { lang, keys: KEYS });
        const grids = await recalculate(await stripCachedValues(await writeXlsx(book)));
        return { lang, name: ac ? "demo" : "template", book, grids };
      }),
    );
    built.push(...(await pool(tasks, 2)));
  }, 300_000);

  it("no error cell, every cached value equals LibreOffice's (demo and template, both languages)", () => {
    expect(built.length).toBe(4);
    for (const b of built) {
      expect(findErrorCells(b.grids), `${b.name}/${b.lang}`).toEqual([]);
      const mismatches = b.book.sheets.flatMap((s) => checkRecalculatedAgainstModel(s, b.grids.get(s.name), { rel: 1e-9, abs: 1e-9 }).map((m) => m.message));
      expect(mismatches, `${b.name}/${b.lang}`).toEqual([]);
    }
  });
});

/**
 * Coefficients of the research notes (energy-carbon-report.md T1–T3): 当量 kgce/kWh, 新水 kgce/t (等价), steam
 * kgce/t, national grid tCO2/MWh by data year, steam GJ/t and heat tCO2/GJ.
 */
const KGCE_KWH = 0.1229;
const KGCE_WATER = 0.0857;
const KGCE_STEAM = 128.6;
const GRID_NATIONAL: Record<number, number> = { 2021: 0.5568, 2022: 0.5366, 2023: 0.5306 };
const STEAM_GJ = 3.763;
const HEAT_CO2 = 0.11;

/** The demo's grid factor: the national one of its data year (the test relies on 全国 and 当量, asserted here). */
function demoGrid(): number {
  const p = (JSON.parse(readFileSync(DEMO, "utf8")) as { parameters: { factorYear?: number; gridRegion?: string; electricityConvention?: string } }).parameters;
  expect(p.gridRegion ?? "全国").toBe("全国");
  expect(p.electricityConvention ?? "当量").toBe("当量");
  return GRID_NATIONAL[p.factorYear ?? 2023]!;
}

/** tce and tCO2 of reductions by hand: kWh, t water, t steam. */
const tceOf = (kwh: number, water: number, steam: number) => (kwh * KGCE_KWH + water * KGCE_WATER + steam * KGCE_STEAM) / 1000;
const co2Of = (kwh: number, steam: number) => (kwh * demoGrid()) / 1000 + steam * STEAM_GJ * HEAT_CO2;

const within = (actual: number | null, expected: number) => actual !== null && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));

describe.skipIf(!hasSoffice)("rows typed below 表6-2 and 表6-4 are in the performance table (LibreOffice)", () => {
  for (const lang of LANGS) {
    it(`${lang}: the totals equal the sums of the sheets' rows; a row of the wrong cost class is flagged and not counted`, async () => {
      const { json, c } = demo();
      const book = buildWorkbook(c, { lang, keys: KEYS });
      const L = (k: keyof typeof TBL_HIGH_EFFECTS.columns) => col(TBL_HIGH_EFFECTS, k, lang);
      const item = (k: keyof typeof EFFECT_ITEMS) => tr(lang, EFFECT_ITEMS[k]);
      const typedLow = [
        { id: "F-03", item: "electricity", before: 50000, after: 42000 },
        { id: "F-03", item: "so2", before: 1.5, after: 1.2 },
        { id: "Z-01", item: "electricity", before: 1000, after: 0 }, // a medium/high-cost option: flagged
      ] as const;
      const typedHigh = [
        { id: "Z-01", item: "so2", before: 3, design: 2, after: 2.5 },
        { id: "Z-01", item: "electricity", before: 300000, design: 200000, after: 250000 },
      ] as const;
      let bytes = await writeXlsx(book);
      bytes = await appendTableRows(bytes, TBL_LOW_EFFECTS.name, typedLow.map((r) => ({ [L("id")]: r.id, [L("item")]: item(r.item), [L("before")]: r.before, [L("after")]: r.after })));
      bytes = await appendTableRows(bytes, TBL_HIGH_EFFECTS.name, typedHigh.map((r) => ({ [L("id")]: r.id, [L("item")]: item(r.item), [L("before")]: r.before, [L("design")]: r.design, [L("after")]: r.after })));
      // 表6-6: the medium/high-cost option Z-02 typed below the summary (no ex-post figures: no money)
      bytes = await appendTableRows(bytes, TBL_IMPLEMENTED_SUMMARY.name, [{ [col(TBL_IMPLEMENTED_SUMMARY, "id", lang)]: "Z-02" }]);
      const grids = await recalculate(await stripCachedValues(bytes));
      expect(findErrorCells(grids)).toEqual([]);

      // the flagged row: 不是无/低费方案, and its reduction is not in the totals
      const lowLoc = book.sheets.find((s) => s.tables.some((t) => t.name === TBL_LOW_EFFECTS.name))!;
      const lowTable = lowLoc.tables.find((t) => t.name === TBL_LOW_EFFECTS.name)!;
      const lastLow = lowTable.ref.bottom + typedLow.length;
      const checkCol = lowTable.ref.left + lowTable.columns.findIndex((x) => x.name === L("check"));
      expect(grids.get(lowLoc.name)![lastLow]![checkCol]).toBe(tr(lang, EFFECT_LABELS.notLow));

      // hand sums: the JSON's rows plus the typed ones (the flagged one left out)
      const sumOf = (rows: readonly { item: string; before?: number; after?: number }[], it: string) => rows.filter((r) => r.item === it).reduce((s, r) => s + (r.before! - r.after!), 0);
      const lowRows = json.lowCostEffects.map((r) => ({ item: r.item, before: r.before, after: r.after }));
      const highRows = json.highCostEffects.map((r) => ({ item: r.item, before: r.before, after: r.after }));
      const lowKwh = sumOf(lowRows, "电力") + 8000;
      const highKwh = sumOf(highRows, "电力") + 50000;
      expect(lowKwh).toBe(20000);
      expect(highKwh).toBe(50000);
      const lowWater = sumOf(lowRows, "新水");
      const highWater = sumOf(highRows, "新水");
      const highSteam = sumOf(highRows, "蒸汽");
      const expected: Record<string, [number, number]> = {
        节电: [lowKwh / 10000, highKwh / 10000],
        节水: [lowWater, highWater],
        COD: [sumOf(lowRows, "COD"), sumOf(highRows, "COD")],
        SO2: [0.3, 0.5],
        节能量: [tceOf(lowKwh, lowWater, 0), tceOf(highKwh, highWater, highSteam)],
        CO2: [co2Of(lowKwh, 0), co2Of(highKwh, highSteam)],
      };
      const perf = book.sheets.find((s) => s.key === "WS6-9")!;
      const grid = grids.get(perf.name)!;
      const rowOf = (ind: Indicator) => perf.cells.find((x) => x.col === 0 && x.value === tr(lang, ind.label))!.row;
      const ind = (zh: string) => PERFORMANCE_INDICATORS.find((i) => i.label.zh === zh)!;
      const byKey: Record<string, Indicator> = { 节电: ind("节电"), 节水: ind("节水（新水）"), COD: ind("削减 COD"), SO2: ind("削减 SO2"), 节能量: ind("节能量"), CO2: ind("减碳量 CO2") };
      // implemented: the JSON's 表6-6 ids by class (F-01, F-02, F-03 | Z-01) plus Z-02; money as in the JSON (Z-02 has none)
      const implemented = (c.implementedSummary ?? []).map((x) => x.optionId);
      expected.实施 = [implemented.filter((id) => id.startsWith("F")).length, implemented.filter((id) => id.startsWith("Z")).length + 1];
      expected.投资 = [0.8, 33.2];
      byKey.实施 = ind("实施方案数");
      byKey.投资 = ind("投资");
      expect(expected.实施).toEqual([3, 2]);
      for (const [k, [lo, hi]] of Object.entries(expected)) {
        const r = rowOf(byKey[k]!);
        const shown = [2, 3, 4].map((cc) => parseSpreadsheetNumber(grid[r]![cc]!));
        expect(within(shown[0]!, lo), `${k} 无/低费 ${shown[0]} vs ${lo}`).toBe(true);
        expect(within(shown[1]!, hi), `${k} 中/高费 ${shown[1]} vs ${hi}`).toBe(true);
        expect(within(shown[2]!, lo + hi), `${k} 合计 ${shown[2]} vs ${lo + hi}`).toBe(true);
      }

      // and they equal the sums of the sheets' own recalculated columns over the rows whose 检查 is empty
      for (const [schema, g] of [[TBL_LOW_EFFECTS, 2], [TBL_HIGH_EFFECTS, 3]] as const) {
        const sheet = book.sheets.find((s) => s.tables.some((t) => t.name === schema.name))!;
        const t = sheet.tables.find((x) => x.name === schema.name)!;
        const at = (row: number, key: keyof typeof TBL_HIGH_EFFECTS.columns) => grids.get(sheet.name)![row]?.[t.ref.left + t.columns.findIndex((x) => x.name === L(key))] ?? "";
        let tce = 0;
        let co2 = 0;
        for (let row = t.ref.top + 1; row <= t.ref.bottom + (schema === TBL_LOW_EFFECTS ? typedLow.length : typedHigh.length); row++) {
          if (at(row, "id") === "" || at(row, "check") !== "") continue;
          tce += parseSpreadsheetNumber(at(row, "tce")) ?? 0;
          co2 += parseSpreadsheetNumber(at(row, "co2")) ?? 0;
        }
        expect(within(parseSpreadsheetNumber(grid[rowOf(byKey.节能量!)]![g]!), tce)).toBe(true);
        expect(within(parseSpreadsheetNumber(grid[rowOf(byKey.CO2!)]![g]!), co2)).toBe(true);
      }
    }, 120_000);
  }
});

describe("CLI summary: the demo's performance totals", () => {
  it("prints options proposed and implemented, investment, benefit, tce, 节电, 节水, COD and CO2 per group and in total, as summed by hand from the case JSON", () => {
    const { json, c } = demo();
    const lines = summarizeCase(c, "zh-CN");
    const start = lines.findIndex((x) => x.startsWith("绩效汇总"));
    expect(start).toBeGreaterThan(0);
    const numbersOf = (label: string) => {
      const line = lines.slice(start).find((x) => x.startsWith(`  ${label}：`));
      expect(line, label).toBeDefined();
      return line!.slice(label.length + 3).split("|").map((x) => parseFloat(x));
    };
    const d = (rows: EffectJson[], it: string) => rows.filter((r) => r.item === it).reduce((s, r) => s + (r.before! - r.after!), 0);
    const [lowKwh, highKwh] = [d(json.lowCostEffects, "电力"), d(json.highCostEffects, "电力")];
    const [lowWater, highWater] = [d(json.lowCostEffects, "新水"), d(json.highCostEffects, "新水")];
    const [lowSteam, highSteam] = [d(json.lowCostEffects, "蒸汽"), d(json.highCostEffects, "蒸汽")];
    const [lowCod, highCod] = [d(json.lowCostEffects, "COD"), d(json.highCostEffects, "COD")];
    // the register: F-01, F-02 (library GEN-11, 无/低费), F-03 no/low-cost; Z-01, Z-02 medium/high-cost
    expect(numbersOf("提出方案数")).toEqual([3, 2, 5]);
    // 表6-6 lists F-01, F-02, F-03 and Z-01; investment: 表4-6's 0 + 0.8, 表6-3's F-03 0, 表6-5B's Z-01 33.2;
    // benefit: 1.2 + 2.5 + 0.9, and Z-01's Δ net profit = (310 − 300.2) + (25 − 20.5) + (8 − 7.4) + (12 − 12.3)
    expect(numbersOf("实施方案数")).toEqual([3, 1, 4]);
    const close = (got: number[], want: number[]) => want.forEach((w, k) => expect(got[k]).toBeCloseTo(w, 3));
    close(numbersOf("投资"), [0.8, 33.2, 34]);
    close(numbersOf("经济效益"), [4.6, 14.6, 19.2]);
    close(numbersOf("节能量"), [tceOf(lowKwh, lowWater, lowSteam), tceOf(highKwh, highWater, highSteam), tceOf(lowKwh + highKwh, lowWater + highWater, lowSteam + highSteam)]);
    close(numbersOf("节电"), [lowKwh / 10000, highKwh / 10000, (lowKwh + highKwh) / 10000]);
    close(numbersOf("节水（新水）"), [lowWater, highWater, lowWater + highWater]);
    close(numbersOf("削减 COD"), [lowCod, highCod, lowCod + highCod]);
    close(numbersOf("减碳量 CO2"), [co2Of(lowKwh, lowSteam), co2Of(highKwh, highSteam), co2Of(lowKwh + highKwh, lowSteam + highSteam)]);
    // items that are 0 in both groups are not printed
    expect(lines.some((x) => x.includes("氨氮"))).toBe(false);
  });
});

describe("read-back of 表6-2, 表6-4, 表6-9 (the inputs of each data row, as the reader will see them)", () => {
  /** A CellReader over a model table's data row (input values as written; formula cells are not read back). */
  function rowsRead(book: WorkbookModel, table: string, def: TableDef<unknown, string>): { rows: unknown[]; draft: Record<string, unknown> } {
    const sheet = book.sheets.find((s) => s.tables.some((t) => t.name === table))!;
    const t = sheet.tables.find((x) => x.name === table)!;
    const colOf = new Map(def.columns.map((c, k) => [c.key, t.ref.left + k]));
    const rows: unknown[] = [];
    for (let r = t.ref.top + 1; r <= t.ref.bottom; r++) {
      const raw = (key: string) => {
        const cell = sheet.cells.find((x) => x.row === r && x.col === colOf.get(key));
        const v = cell?.formula !== undefined ? cell.result : cell?.value;
        return v === null || v === "" ? undefined : (v);
      };
      // only the methods the effect and note tables call (the reader's interface may grow)
      const reader: Pick<CellReader<string>, "raw" | "text" | "num" | "has" | "problem"> = {
        raw,
        text: (k) => (raw(k) === undefined ? undefined : String(raw(k)).trim()),
        num: (k) => (typeof raw(k) === "number" ? (raw(k) as number) : undefined),
        has: (k) => colOf.has(k),
        problem: (k, m) => {
          throw new Error(`${table} row ${r} ${k}: ${m}`);
        },
      };
       
      const x = def.readBack!.row(reader as CellReader<string>);
      if (x !== undefined) rows.push(x);
    }
    const draft: Record<string, unknown> = {};
    def.readBack!.store(draft, rows, {} as TableReader<string>);
    return { rows, draft };
  }
  const strip = (xs: readonly object[]) => xs.map((x) => Object.fromEntries(Object.entries(x).filter(([k]) => k !== "illustrative")));

  for (const lang of LANGS) {
    it(`${lang}: the demo's rows come back as the case file writes them; the template gives no section`, () => {
      const raw = JSON.parse(readFileSync(DEMO, "utf8")) as Record<string, object[]>;
      const { c } = demo();
      const book = buildWorkbook(c, { lang, keys: KEYS });
      const ctx = { lang, auditCase: c, params: null, names: {} } as unknown as BuildContext;
      for (const [key, section] of [["WS6-2", "lowCostEffects"], ["WS6-4", "highCostEffects"], ["WS6-9", "performanceNotes"]] as const) {
        const def = DEFINITIONS.find((d) => d.key === key)!.tables!(ctx)[0]! as TableDef<unknown, string>;
        const { draft } = rowsRead(book, def.schema.name, def);
        expect(draft[section], `${key} ${section}`).toEqual(strip(raw[section]!));
      }
      const blank = buildWorkbook(null, { lang, keys: KEYS });
      const tctx = { lang, auditCase: null, params: null, names: {} } as unknown as BuildContext;
      for (const key of ["WS6-2", "WS6-4", "WS6-9"]) {
        const def = DEFINITIONS.find((d) => d.key === key)!.tables!(tctx)[0]! as TableDef<unknown, string>;
        expect(rowsRead(blank, def.schema.name, def).draft).toEqual({});
      }
    });
  }
});
