/**
 * Issue 11 part B: the investment and operating statements (表5-1 tblInvestment, 表5-2 tblOperating)
 * feeding the economic evaluation, and the option library.
 *
 * - Filling WS5-1/5-2 for an option (the input cells edited in the written .xlsx, LibreOffice
 *   recalculating with every cached value removed) changes its I, P, NPV, IRR and verdict; the
 *   expected figures are computed here by hand (spec §3.1) and with formulajs's RATE.
 * - The published cases' economics are unchanged when their I and P come from WS5-1/5-2 instead of
 *   the register (both cases, both languages, recalculated), and the 来源 column says which.
 * - Library options appended to the register get fresh ids at its end: core, the case file and the
 *   Office writer against the Excel fake.
 * - `cp-audit options --industry 啤酒` lists the industry's options of the data file; an unknown
 *   industry is an error listing the known ones.
 */
import { readFileSync } from "node:fs";
import * as formulajs from "@formulajs/formulajs";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/run";
import { appendLibraryOptions, libraryIndustry, libraryOption } from "../src/core/option-library";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { SOURCE_LABELS, TBL_ECONOMICS } from "../src/worksheets/definitions/economics.worksheet";
import { TBL_INVESTMENT } from "../src/worksheets/definitions/investment.worksheet";
import { TBL_OPERATING } from "../src/worksheets/definitions/operating.worksheet";
import { TBL_OPTIONS } from "../src/worksheets/definitions/option-register.worksheet";
import { QUOTA_CLASSES, quotaFirstRow } from "../src/worksheets/definitions/parameters.worksheet";
import { tr } from "../src/worksheets/i18n";
import type { Lang } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { appendOptionsToRegister } from "../src/writers/office/append-options";
import { renderWorkbook } from "../src/writers/office/render";
import { writeXlsx } from "../src/writers/xlsx";
import { FakeExcel } from "./fakes/excel-fake";
import { findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { pool } from "./helpers/pool";
import { col, findTable, shownRows } from "./helpers/tables";
import { appendTableRows, setCells, setTableCells } from "./helpers/workbook-edit";

const hasSoffice = requireSoffice();
const LANGS: Lang[] = ["zh-CN", "en-US"];
const num = (t: string | undefined) => parseSpreadsheetNumber(t ?? "");

function loadJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}
function valid(json: unknown): AuditCase {
  const v = validateCase(json);
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
  return v.value;
}

/** The library file as shipped, read directly (the independent source of names and classes). */
const LIBRARY = loadJson("src/data/option-library.json") as unknown as { industry_zh: string; options: { name_zh: string; aspect: string; cost_class: string }[] }[];
const BEER = LIBRARY.find((i) => i.industry_zh === "啤酒")!;

describe("the option library", () => {
  it("ships 17 industries and 314 options, each with a stable id", () => {
    expect(LIBRARY.length).toBe(17);
    expect(LIBRARY.reduce((n, i) => n + i.options.length, 0)).toBe(314);
    const beer = libraryIndustry("啤酒")!;
    expect(beer.options.map((o) => o.nameZh)).toEqual(BEER.options.map((o) => o.name_zh));
    expect(beer.options[2]!.id).toBe("BEER-03");
    expect(libraryOption("beer-03")!.nameZh).toBe(BEER.options[2]!.name_zh);
    expect(libraryIndustry("Beer brewing")).toBe(beer);
    expect(libraryIndustry("电厂")).toBeUndefined();
  });

  it("appendLibraryOptions continues the register's numbering per prefix and never reuses an id", () => {
    const beer = libraryIndustry("啤酒")!.options;
    const low = beer.filter((o) => o.costClass === "无/低费");
    const high = beer.filter((o) => o.costClass === "中/高费");
    // register: F-01, F-07, z-02 (lower case), a free-form id; F-08 taken as "f-08"
    const got = appendLibraryOptions(["F-01", "F-07", "z-02", "X", "f-08", ""], [low[0]!, high[0]!, low[1]!, high[1]!]);
    expect(got.map((a) => a.id)).toEqual(["F-09", "Z-03", "F-10", "Z-04"]);
    expect(got.map((a) => a.option)).toEqual([low[0], high[0], low[1], high[1]]);
    // an empty register starts at 01
    expect(appendLibraryOptions([], [high[0]!]).map((a) => a.id)).toEqual(["Z-01"]);
  });
});

describe("cp-audit options", () => {
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd: process.cwd() });
    return { code, out, err };
  };

  it("lists an industry's options: id, name, aspect, cost class, effects", async () => {
    const r = await run(["options", "--industry", "啤酒"]);
    expect(r.code).toBe(0);
    const rows = r.out.filter((l) => l.startsWith("BEER-"));
    expect(rows.length).toBe(BEER.options.length);
    BEER.options.forEach((o, k) => {
      const cells = rows[k]!.split("\t");
      expect(cells.slice(0, 4)).toEqual([`BEER-${String(k + 1).padStart(2, "0")}`, o.name_zh, o.aspect, o.cost_class]);
    });
    expect(r.out[0]).toMatch(/high/);
  });

  it("an unknown industry is an error that lists the known ones", async () => {
    const r = await run(["options", "--industry", "电厂"]);
    expect(r.code).toBe(1);
    expect(r.err[0]).toContain("电厂");
    for (const ind of LIBRARY) expect(r.err.some((l) => l.includes(ind.industry_zh))).toBe(true);
  });
});

describe("case file: library references and statements", () => {
  const base = { meta: { title: "t" }, parameters: {} };

  it("an option may reference the library: name, aspect and cost class from it, the case's own fields win", () => {
    const c = valid({ ...base, options: [{ id: "F-01", library: "BEER-03" }, { id: "Z-01", library: "BEER-20", name: "自定名称" }] });
    const b20 = BEER.options[19]!;
    expect(c.options![0]).toMatchObject({ id: "F-01", name: BEER.options[2]!.name_zh, aspect: BEER.options[2]!.aspect, costClass: BEER.options[2]!.cost_class });
    expect(c.options![1]).toMatchObject({ id: "Z-01", name: "自定名称", aspect: b20.aspect, costClass: b20.cost_class });
  });

  it("names the JSON path of a wrong library id, amount or option id", () => {
    const v = validateCase({
      ...base,
      options: [{ id: "Z-01", library: "BEER-99" }],
      investment: [{ optionId: "Z-01", equipment: -1 }, { optionId: "Z-09", equipment: 1 }, { optionId: "Z-01" }],
      operating: [{ optionId: "Z-01", costDecrease: { water: "x" } }],
    });
    expect(v.ok).toBe(false);
    const paths = v.ok ? [] : v.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["$.options[0].library", "$.investment[0].equipment", "$.investment[1].optionId", "$.investment[2]", "$.operating[0].costDecrease.water"]));
  });

  it("library options of a case land at the end of the register with the ids appendLibraryOptions gives (the written model)", () => {
    const pp = loadJson("cases/power-plant-workshop.json") as { options: { id: string }[] };
    const beer = libraryIndustry("啤酒")!.options;
    const fresh = appendLibraryOptions(
      pp.options.map((o) => o.id),
      [beer[0]!, beer[3]!], // 无/低费, 中/高费 (BEER-01, BEER-04 of the data file)
    );
    const json = { ...pp, options: [...pp.options, ...fresh.map((a) => ({ id: a.id, library: a.option.id }))] };
    const book = buildWorkbook(valid(json), { lang: "zh-CN" });
    const loc = findTable(book, "tblOptions");
    const idCol = loc.table.ref.left;
    const ids = loc.sheet.cells.filter((c) => c.col === idCol && c.row > loc.table.ref.top && typeof c.value === "string").map((c) => c.value);
    expect(ids).toEqual([...pp.options.map((o) => o.id), "F-04", "Z-03"]);
  });
});

describe("the Office writer appends library options to tblOptions (Excel fake)", () => {
  it("fills the empty rows after the last option, then adds rows; nothing filled is overwritten", async () => {
    const c = valid(loadJson("cases/power-plant-workshop.json"));
    const book = buildWorkbook(c, { lang: "en-US" });
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, book));
    const before = fake.table("tblOptions");
    const rowsBefore = before.rect.bottom - before.rect.top;
    const n = c.options!.length; // case rows; 3 spare rows follow
    const sheetName = before.sheet.name;
    const snapshot = Array.from({ length: n }, (_, r) => Array.from({ length: 10 }, (_, k) => fake.cell(sheetName, before.rect.top + 1 + r, before.rect.left + k)?.value ?? null));
    const beer = libraryIndustry("啤酒")!.options;
    const picked = [beer[0]!, beer[1]!, beer[3]!, beer[2]!, beer[5]!]; // low, low, high, low, high
    expect(picked.map((o) => o.costClass)).toEqual([0, 1, 3, 2, 5].map((k) => BEER.options[k]!.cost_class));
    const got = await fake.run((ctx) => appendOptionsToRegister(ctx, picked));
    // power plant: F-01..F-03, Z-01, Z-02
    const expectIds = ["F-04", "F-05", "Z-03", "F-06", "Z-04"];
    expect(got.map((a) => a.id)).toEqual(expectIds);
    const t = fake.table("tblOptions");
    expect(t.rect.bottom - t.rect.top).toBe(Math.max(rowsBefore, n + picked.length));
    const names = fake.tableColumns(t);
    const at = (r: number, key: keyof typeof TBL_OPTIONS.columns) => fake.cell(sheetName, t.rect.top + 1 + r, t.rect.left + names.indexOf(tr("en-US", TBL_OPTIONS.columns[key])))?.value ?? null;
    for (let r = 0; r < n; r++) for (let k = 0; k < 10; k++) expect(fake.cell(sheetName, t.rect.top + 1 + r, t.rect.left + k)?.value ?? null).toEqual(snapshot[r]![k]);
    picked.forEach((o, k) => {
      expect(at(n + k, "id")).toBe(expectIds[k]);
      expect(at(n + k, "name")).toBe(o.nameEn);
      expect(at(n + k, "costClass")).toBe(o.costClass === "无/低费" ? "No/low-cost" : "Medium/high-cost");
    });
    // the check column of an added row keeps its calculated formula
    const checkCol = t.rect.left + names.indexOf(tr("en-US", TBL_OPTIONS.columns.check));
    expect(fake.cell(sheetName, t.rect.bottom, checkCol)?.formula).toMatch(/^=/);
  });
});

/**
 * Economics of the textbook case (D-01: t = 30 %, Y = n = 10, i = 5 %, i_b = 10 %) for I and P,
 * by hand (spec §3.1): D = I/Y, T = P − D, E = T(1 − t), F = E + D, N = I/F, NPV = F·a(5 %, 10) − I.
 */
function textbook(I: number, P: number) {
  const D = I / 10;
  const F = (P - D) * (1 - 0.3) + D;
  const a = (1 - Math.pow(1.05, -10)) / 0.05;
  const npv = F * a - I;
  const irr = formulajs.RATE(10, F, -I) as number;
  return { F, N: I / F, npv, irr, feasible: I / F <= 10 && npv >= 0 && irr >= 0.1 };
}

describe.skipIf(!hasSoffice)("statements feeding the economics, recalculated by LibreOffice", () => {
  const grids = new Map<string, { book: ReturnType<typeof buildWorkbook>; grids: Map<string, string[][]> }>();

  /** The published case with its I and P moved into WS5-1 / WS5-2 (the register keeps its own). */
  const withStatements = (json: Record<string, unknown>) => {
    const econ = json.economics as { optionId: string; investment: number; annualSavings?: number }[];
    return {
      ...json,
      investment: econ.map((e) => ({ optionId: e.optionId, equipment: e.investment })),
      operating: econ.filter((e) => e.annualSavings !== undefined).map((e) => ({ optionId: e.optionId, revenue: { other: e.annualSavings } })),
    };
  };
  const withoutStatements = (json: Record<string, unknown>) => {
    const { investment: _i, operating: _o, ...rest } = json;
    return rest;
  };
  const CASES = ["cases/power-plant-workshop.json", "cases/textbook-150wan.json"];

  beforeAll(async () => {
    const tasks: (() => Promise<[string, { book: ReturnType<typeof buildWorkbook>; grids: Map<string, string[][]> }]>)[] = [];
    for (const path of CASES) {
      for (const lang of LANGS) {
        for (const variant of ["register", "statements"] as const) {
          tasks.push(async () => {
            const json = loadJson(path);
            const c = valid(variant === "register" ? withoutStatements(json) : withStatements(withoutStatements(json)));
            const book = buildWorkbook(c, { lang });
            const g = await recalculate(await stripCachedValues(await writeXlsx(book)));
            return [`${path}/${lang}/${variant}`, { book, grids: g }];
          });
        }
      }
    }
    // the edit: the textbook case's D-01 gets statements typed into the empty rows
    for (const lang of LANGS) {
      tasks.push(async () => {
        const book = buildWorkbook(valid(loadJson("cases/textbook-150wan.json")), { lang });
        let bytes = await writeXlsx(book);
        const I = (k: keyof typeof TBL_INVESTMENT.columns) => col(TBL_INVESTMENT, k, lang);
        const O = (k: keyof typeof TBL_OPERATING.columns) => col(TBL_OPERATING, k, lang);
        bytes = await setTableCells(bytes, "tblInvestment", 0, { [I("id")]: "D-01", [I("equipment")]: 170, [I("startup")]: 10, [I("workingCapital")]: 20, [I("subsidy")]: 20 });
        // typed just below the table (Excel extends it; the spare rows stay empty above it)
        bytes = await appendTableRows(bytes, "tblOperating", [{ [O("id")]: "D-01", [O("output")]: 20, [O("materials")]: 8, [O("water")]: -3 }]);
        return [`edit/${lang}`, { book, grids: await recalculate(await stripCachedValues(bytes)) }];
      });
      // the per-class quota: 中/高费 (D-01's class) gets 4 years on the parameters sheet
      tasks.push(async () => {
        const book = buildWorkbook(valid(loadJson("cases/textbook-150wan.json")), { lang });
        const params = book.sheets.find((s) => s.key === "PARAMS")!;
        const row = quotaFirstRow() + QUOTA_CLASSES.indexOf("中/高费") + 1;
        const bytes = await setCells(await writeXlsx(book), params.name, { [`C${row}`]: 4 });
        return [`quota/${lang}`, { book, grids: await recalculate(await stripCachedValues(bytes)) }];
      });
    }
    for (const [k, v] of await pool(tasks, 2)) grids.set(k, v);
  }, 600_000);

  for (const lang of LANGS) {
    const E = (k: keyof typeof TBL_ECONOMICS.columns) => col(TBL_ECONOMICS, k, lang);
    const src = (i: keyof typeof SOURCE_LABELS, p: keyof typeof SOURCE_LABELS) => `${tr(lang, SOURCE_LABELS[i])}/${tr(lang, SOURCE_LABELS[p])}`;

    it(`${lang}: filling WS5-1/5-2 for D-01 changes its I, P, NPV, IRR and verdict`, () => {
      const { book, grids: g } = grids.get(`edit/${lang}`)!;
      expect(findErrorCells(g)).toEqual([]);
      const row = shownRows(g, book, "tblEconomics")[0]!;
      // I = 170 + 10 + 20 − 20 = 180; P = 20 + 8 − 3 = 25 (register: I = 150, P = 40)
      const before = textbook(150, 40);
      const want = textbook(180, 25);
      expect(num(row[E("investment")])).toBeCloseTo(180, 9);
      expect(num(row[E("pUsed")])).toBeCloseTo(25, 9);
      expect(row[E("source")]).toBe(src("investment", "operating"));
      expect(num(row[E("cashFlow")])).toBeCloseTo(want.F, 9);
      expect(num(row[E("payback")])).toBeCloseTo(want.N, 9);
      expect(num(row[E("npv")])).toBeCloseTo(want.npv, 8);
      expect(num(row[E("irr")])).toBeCloseTo(want.irr, 7);
      expect(num(row[E("npv")])).not.toBeCloseTo(before.npv, 2);
      expect(before.feasible).toBe(true);
      expect(want.feasible).toBe(false);
      expect(row[E("verdict")]).not.toBe(tr(lang, { zh: "经济可行", en: "Economically feasible" }));
      expect(row[E("verdict")]).toMatch(lang === "zh-CN" ? /^经济不可行/ : /^Not economically feasible/);
      // the statements' own subtotals
      const inv = shownRows(g, book, "tblInvestment")[0]!;
      expect([inv[col(TBL_INVESTMENT, "capex", lang)], inv[col(TBL_INVESTMENT, "total", lang)], inv[col(TBL_INVESTMENT, "investment", lang)]].map(num)).toEqual([180, 200, 180]);
      // the row typed below the table (after its empty spare rows)
      const op = shownRows(g, book, "tblOperating", 1).at(-1)!;
      expect([op[col(TBL_OPERATING, "revenue", lang)], op[col(TBL_OPERATING, "costs", lang)], op[col(TBL_OPERATING, "savings", lang)]].map(num)).toEqual([20, 5, 25]);
      // the empty statement rows stay blank
      expect(shownRows(g, book, "tblInvestment")[1]![col(TBL_INVESTMENT, "investment", lang)]).toBe("");
    });

    it(`${lang}: a quota for the option's cost class replaces the single quota (N = 4.615 > 4: payback exceeds the quota)`, () => {
      const { book, grids: g } = grids.get(`quota/${lang}`)!;
      expect(findErrorCells(g)).toEqual([]);
      const row = shownRows(g, book, "tblEconomics")[0]!;
      const want = textbook(150, 40);
      expect(num(row[E("payback")])).toBeCloseTo(want.N, 9);
      expect(num(row[E("quota")])).toBe(4);
      expect(want.N).toBeGreaterThan(4);
      // NPV ≥ 0 and IRR ≥ 10 % still hold: the payback rule alone fails
      expect(want.npv).toBeGreaterThan(0);
      expect(want.irr).toBeGreaterThan(0.1);
      expect(row[E("verdict")]).toBe(lang === "zh-CN" ? "经济不可行：投资偿还期超过定额" : "Not economically feasible: payback exceeds the quota");
    });

    for (const path of CASES) {
      it(`${lang}: ${path} — the economics are unchanged when I and P come from WS5-1/5-2`, () => {
        const reg = grids.get(`${path}/${lang}/register`)!;
        const st = grids.get(`${path}/${lang}/statements`)!;
        expect(findErrorCells(reg.grids)).toEqual([]);
        expect(findErrorCells(st.grids)).toEqual([]);
        const a = shownRows(reg.grids, reg.book, "tblEconomics");
        const b = shownRows(st.grids, st.book, "tblEconomics");
        const econ = (loadJson(path).economics as unknown[]).length;
        const keys: (keyof typeof TBL_ECONOMICS.columns)[] = ["investment", "pUsed", "depreciation", "taxable", "tax", "net", "cashFlow", "payback", "npv", "npvr", "irr", "irrInterp", "verdict", "rank", "check"];
        for (let r = 0; r < econ; r++) {
          for (const k of keys) {
            const x = a[r]![E(k)]!;
            const y = b[r]![E(k)]!;
            if (num(x) !== null) expect(num(y), `${r} ${k}`).toBeCloseTo(num(x)!, 9);
            else expect(y, `${r} ${k}`).toBe(x);
          }
          expect(a[r]![E("source")]).toBe(src("register", "register"));
          expect(b[r]![E("source")]).toBe(src("investment", "operating"));
        }
      });
    }
  }
});
