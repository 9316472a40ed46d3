/**
 * Issue 12, energy and carbon accounting in the workbook: the coefficient sheet (tblFactors, tblGridFactors) and the
 * formula helpers tceFormula / co2Formula, recalculated by LibreOffice.
 *
 * Expected values are hand arithmetic written here from the research notes' published coefficients
 * (../shared/docs/energy-carbon-report.md T1–T3: 0.1229 kgce/kWh, 1.2143 kgce/m³, 128.6 kgce/t steam, 0.0857 kgce/t
 * water, 714.3 kgce/t raw coal; grid 0.5306 (2023 national), 0.6776 (2022 华北), 0.5366 (2022 national); natural gas
 * 389.31 GJ/10⁴ m³ × 0.01530 tC/GJ × 99 % × 44/12; heat 0.11 tCO2/GJ, steam 3.763 GJ/t), never read from our output.
 * A tiny effect table (item, quantity, tce formula, CO2 formula) is typed into free cells of the parameters sheet;
 * switching CP_FactorYear, CP_GridRegion and CP_ElecConvention there changes its results as the hand arithmetic says.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { a1 } from "../src/worksheets/a1";
import { validateCase } from "../src/worksheets/case";
import { co2Formula, co2Value, tceFormula, tceValue, TBL_FACTORS } from "../src/worksheets/definitions/energy-carbon";
import { ELEC_CONVENTIONS, GRID_REGIONS, tr } from "../src/worksheets/i18n";
import type { BuildContext } from "../src/worksheets/layout";
import type { Lang, NamedRangeModel, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { cellText, findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "./helpers/model-check";
import { shownRows } from "./helpers/tables";
import { setCells, type TypedValue } from "./helpers/workbook-edit";

const hasSoffice = requireSoffice();

const GAS_CO2_PER_M3 = (389.31 * 0.0153 * 0.99 * 44) / 12 / 10000; // tCO2/m³ (21.62 t per 10⁴ m³)

/** The effects typed into the scratch table: item (zh, en), quantity, and the hand results at 2023 / 全国 / 当量. */
const EFFECTS: { zh: string; en: string; qty: TypedValue; tce: number | ""; co2: number | "" }[] = [
  { zh: "电力", en: "Electricity", qty: 10000, tce: 1.229, co2: 5.306 }, // 10 000 kWh × 0.1229 / 1000; × 0.5306 / 1000
  { zh: "天然气", en: "Natural gas", qty: 10000, tce: 12.143, co2: 10000 * GAS_CO2_PER_M3 }, // ≈ 21.62 tCO2
  { zh: "蒸汽", en: "Steam", qty: 50, tce: 6.43, co2: 50 * 3.763 * 0.11 }, // 50 t × 128.6 kgce/t; 50 × 3.763 GJ/t × 0.11
  { zh: "热力", en: "Heat", qty: 100, tce: 3.412, co2: 11 }, // 100 GJ × 34.12 kgce/GJ; × 0.11 tCO2/GJ
  { zh: "新水", en: "Fresh water", qty: 10000, tce: 0.857, co2: "" }, // a medium: no CO2 factor → blank, never 0
  { zh: "原煤", en: "Raw coal", qty: 100, tce: 71.43, co2: "" }, // the guides give no raw-coal CO2 default
  { zh: "COD", en: "COD", qty: 2, tce: "", co2: "" }, // a pollutant: no factor
  { zh: "电力", en: "Electricity", qty: null, tce: "", co2: "" }, // blank quantity
  { zh: "电力", en: "Electricity", qty: "十万", tce: "", co2: "" }, // a text quantity
  { zh: "无此项", en: "No such item", qty: 5, tce: "", co2: "" }, // unknown item
];

/** Scratch cells on the parameters sheet: columns K.. (item, qty, tce, CO2), from row 30 on. */
const FIRST = 29; // 0-based row
const COL = { item: 10, qty: 11, tce: 12, co2: 13 };

function namedCell(book: WorkbookModel, name: string): string {
  const n = book.names.find((x) => x.name === name) as Extract<NamedRangeModel, { sheet: string }>;
  return a1(n.ref.top, n.ref.left);
}

function scratch(lang: Lang): Record<string, TypedValue> {
  const cells: Record<string, TypedValue> = {};
  EFFECTS.forEach((e, k) => {
    const r = FIRST + k;
    const item = a1(r, COL.item);
    const qty = a1(r, COL.qty);
    cells[item] = lang === "zh-CN" ? e.zh : e.en;
    cells[qty] = e.qty;
    cells[a1(r, COL.tce)] = `=${tceFormula(lang, item, qty)}`;
    cells[a1(r, COL.co2)] = `=${co2Formula(lang, item, qty)}`;
  });
  return cells;
}

function expectShown(text: string, want: number | "", what: string): void {
  if (want === "") {
    expect(text, what).toBe("");
    return;
  }
  const n = parseSpreadsheetNumber(text);
  expect(n, `${what}: "${text}"`).not.toBeNull();
  expect(Math.abs(n! - want), `${what}: ${n} vs ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
}

interface Run {
  book: WorkbookModel;
  grids: Map<string, string[][]>;
}

async function run(lang: Lang, params: Record<string, TypedValue> = {}): Promise<Run> {
  const book = buildWorkbook(null, { lang, keys: ["COEFF"] });
  const p = book.sheets.find((s) => s.key === "PARAMS")!.name;
  const set: Record<string, TypedValue> = { ...scratch(lang) };
  for (const [name, v] of Object.entries(params)) set[namedCell(book, name)] = v;
  const bytes = await setCells(await stripCachedValues(await writeXlsx(book)), p, set);
  return { book, grids: await recalculate(bytes) };
}

function scratchResults(r: Run): { tce: string; co2: string }[] {
  const grid = r.grids.get(r.book.sheets.find((s) => s.key === "PARAMS")!.name);
  return EFFECTS.map((_e, k) => ({ tce: cellText(grid, FIRST + k, COL.tce), co2: cellText(grid, FIRST + k, COL.co2) }));
}

describe.skipIf(!hasSoffice)("coefficient sheet and tce/CO2 formulas recalculated by LibreOffice", () => {
  const runs = new Map<string, Run>();
  const zhRegion = (zh: string) => GRID_REGIONS.find((r) => r.zh === zh)!;
  beforeAll(async () => {
    const equal = (lang: Lang) => tr(lang, ELEC_CONVENTIONS[1]!);
    const jobs: [string, Lang, Record<string, TypedValue>][] = [
      ["zh default", "zh-CN", {}],
      ["en default", "en-US", {}],
      ["zh 2022 华北 等价", "zh-CN", { CP_FactorYear: 2022, CP_GridRegion: "华北", CP_ElecConvention: equal("zh-CN") }],
      ["en 2022 national", "en-US", { CP_FactorYear: 2022, CP_GridRegion: tr("en-US", zhRegion("全国")) }],
      ["zh 2019", "zh-CN", { CP_FactorYear: 2019 }],
    ];
    const out = await Promise.all(jobs.map(([, lang, p]) => run(lang, p)));
    jobs.forEach(([name], k) => runs.set(name, out[k]!));
  }, 300_000);

  it("the template's coefficient and parameters sheets: no error cell, every cached value equals LibreOffice's", () => {
    for (const name of ["zh default", "en default"]) {
      const r = runs.get(name)!;
      expect(findErrorCells(r.grids), name).toEqual([]);
      for (const s of r.book.sheets.filter((x) => x.key === "COEFF")) expect(checkRecalculatedAgainstModel(s, r.grids.get(s.name)), `${name} ${s.name}`).toEqual([]);
    }
  });

  it("tce and tCO2 of a set of effects equal the hand arithmetic (2023, 全国, 当量值: the data's defaults)", () => {
    for (const name of ["zh default", "en default"]) {
      const got = scratchResults(runs.get(name)!);
      EFFECTS.forEach((e, k) => {
        expectShown(got[k]!.tce, e.tce, `${name} ${e.zh} tce`);
        expectShown(got[k]!.co2, e.co2, `${name} ${e.zh} CO2`);
      });
    }
  });

  it("switching the factor year, region and convention changes electricity's results accordingly, and nothing else", () => {
    const a = scratchResults(runs.get("zh 2022 华北 等价")!);
    expectShown(a[0]!.co2, (10000 * 0.6776) / 1000, "2022 华北 electricity CO2"); // 6.776
    expectShown(a[0]!.tce, (10000 * 0.3) / 1000, "等价值 electricity tce"); // the shipped equal-value estimate 0.30
    expectShown(a[1]!.tce, 12.143, "natural gas tce (the same under both conventions)");
    expectShown(a[4]!.tce, 0.857, "water tce (a medium: its equal value either way)");
    expectShown(a[1]!.co2, 10000 * GAS_CO2_PER_M3, "natural gas CO2 (no grid)");
    const b = scratchResults(runs.get("en 2022 national")!);
    expectShown(b[0]!.co2, 5.366, "2022 national electricity CO2");
    expectShown(b[0]!.tce, 1.229, "equivalent value unchanged");
  });

  it("a year without a grid factor: electricity CO2 blank (never 0), the 检查 column and the summary say why; no error cell", () => {
    const r = runs.get("zh 2019")!;
    expect(findErrorCells(r.grids)).toEqual([]);
    const got = scratchResults(r);
    expectShown(got[0]!.co2, "", "2019 electricity CO2");
    expectShown(got[0]!.tce, 1.229, "2019 electricity tce");
    const rows = shownRows(r.grids, r.book, TBL_FACTORS.name);
    const elec = rows.find((x) => x[tr("zh-CN", TBL_FACTORS.columns.item)] === "电力")!;
    expect(elec[tr("zh-CN", TBL_FACTORS.columns.co2Used)]).toBe("");
    expect(elec[tr("zh-CN", TBL_FACTORS.columns.check)]).toBe("无该年份/区域的电网因子");
  });

  it("the cached values of the helpers (tceValue / co2Value) equal LibreOffice's results", () => {
    for (const [name, lang] of [["zh default", "zh-CN"], ["en default", "en-US"]] as const) {
      const ctx = { lang, auditCase: null, params: null, names: {} } as unknown as BuildContext;
      const got = scratchResults(runs.get(name)!);
      EFFECTS.forEach((e, k) => {
        const item = lang === "zh-CN" ? e.zh : e.en;
        expectShown(got[k]!.tce, tceValue(ctx, item, e.qty), `${name} ${item} tceValue`);
        expectShown(got[k]!.co2, co2Value(ctx, item, e.qty), `${name} ${item} co2Value`);
      });
    }
  });
});

describe.skipIf(!hasSoffice)("the bundled cases' energy parameters and coefficient overrides", () => {
  const built = new Map<string, Run>();
  beforeAll(async () => {
    const names = ["power-plant-workshop", "textbook-150wan"];
    const out = await Promise.all(
      names.map(async (n) => {
        const v = validateCase(JSON.parse(readFileSync(`cases/${n}.json`, "utf8")));
        if (!v.ok) throw new Error(`${n}: ${JSON.stringify(v.errors)}`);
        const c = v.value;
        const book = buildWorkbook(c, { lang: "zh-CN", keys: ["COEFF"] });
        return { book, grids: await recalculate(await stripCachedValues(await writeXlsx(book))) };
      }),
    );
    names.forEach((n, k) => built.set(n, out[k]!));
  }, 300_000);

  const factor = (r: Run, item: string, key: keyof typeof TBL_FACTORS.columns) =>
    shownRows(r.grids, r.book, TBL_FACTORS.name).find((x) => x[tr("zh-CN", TBL_FACTORS.columns.item)] === item)![tr("zh-CN", TBL_FACTORS.columns[key])]!;

  it("no error cell; every cached value of the coefficient and parameters sheets equals LibreOffice's", () => {
    for (const [name, r] of built) {
      expect(findErrorCells(r.grids), name).toEqual([]);
      for (const s of r.book.sheets.filter((x) => x.key === "COEFF" || x.key === "PARAMS")) expect(checkRecalculatedAgainstModel(s, r.grids.get(s.name)), `${name} ${s.name}`).toEqual([]);
    }
  });

  it("power plant: factor year 2022 (Y0 − 2), 全国 → electricity 0.5366 tCO2/MWh; the case's 江苏 2023 factor is a row of tblGridFactors", () => {
    const r = built.get("power-plant-workshop")!;
    expectShown(factor(r, "电力", "co2Used"), 0.5366 / 1000, "electricity tCO2/kWh");
    expectShown(factor(r, "电力", "tceUsed"), 0.1229, "当量值");
    const grid = shownRows(r.grids, r.book, "tblGridFactors").find((x) => x["区域"] === "江苏");
    expect(grid && parseSpreadsheetNumber(grid["排放因子"]!)).toBe(0.5827);
  });

  it("textbook: 等价 with the case's overrides → electricity 0.305 kgce/kWh, fresh water 0.2571 kgce/t; 2023 华东 0.5500", () => {
    const r = built.get("textbook-150wan")!;
    expectShown(factor(r, "电力", "tceUsed"), 0.305, "electricity 等价值 (case override)");
    expectShown(factor(r, "新水", "tceUsed"), 0.2571, "fresh water (case override)");
    expectShown(factor(r, "天然气", "tceUsed"), 1.2143, "natural gas unchanged");
    expectShown(factor(r, "电力", "co2Used"), 0.55 / 1000, "2023 华东");
  });
});
