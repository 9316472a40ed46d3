/**
 * Layout of the model (no spreadsheet engine; test/cases.test.ts recalculates in LibreOffice):
 * the F-given override, blank rows giving "", parameters only through the CP_* names, the
 * dropdown lists as tables read through defined names, no protection unless asked, freeze, print
 * setup and column widths, the en-US workbook, dependencies of a key subset, free sheet names,
 * the catalogue. Cells are addressed by table and column (test/helpers/tables.ts).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SHEET_NAMES } from "../../test/fixtures/sheet-names";
import { cellAt, col, findTable, rowIndexOf } from "../../test/helpers/tables";
import { expectClose } from "../../test/helpers/tolerance";
import { a1 } from "./a1";
import { validateCase, type AuditCase } from "./case";
import { BUILT_KEYS, CATALOGUE, PHASES } from "./catalogue";
import { TBL_ECONOMICS } from "./definitions/economics.worksheet";
import { LIST_TABLES } from "./definitions/lists.worksheet";
import { displayWidth, LISTS } from "./i18n";
import { rowHeightFor, wrappedLines } from "./text-metrics";
import type { CellModel, Lang, SheetModel, WorkbookModel } from "./model";
import { buildWorkbook, DEFINITIONS, KEY_ALIASES } from "./workbook";

function loadCase(path: string): AuditCase {
  const v = validateCase(JSON.parse(readFileSync(path, "utf8")));
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.value;
}

const powerPlant = loadCase("cases/power-plant-workshop.json");
const textbook = loadCase("cases/textbook-150wan.json");

function sheet(book: WorkbookModel, key: string): SheetModel {
  const s = book.sheets.find((x) => x.key === key);
  if (!s) throw new Error(`no ${key}`);
  return s;
}

function cell(s: SheetModel, row: number, col: number): CellModel | undefined {
  return s.cells.find((c) => c.row === row && c.col === col);
}

/** The economics cell of option `id`, column `key`. */
function econ(book: WorkbookModel, id: string, key: keyof typeof TBL_ECONOMICS.columns, lang: Lang = "zh-CN"): CellModel {
  const idCol = col(TBL_ECONOMICS, "id", lang);
  const k = rowIndexOf(book, "tblEconomics", idCol, id);
  expect(k, `economics row of ${id}`).toBeGreaterThanOrEqual(0);
  return cellAt(book, "tblEconomics", k, col(TBL_ECONOMICS, key, lang))!;
}

describe("economics layout", () => {
  it("a given F overrides the derived one; D, T, tax, E read 未使用", () => {
    const book = buildWorkbook(powerPlant, { lang: "zh-CN" });
    for (const k of ["depreciation", "taxable", "tax", "net"] as const) expect(econ(book, "Z-01", k).result).toBe("未使用");
    const F = econ(book, "Z-01", "cashFlow");
    expect(F.formula).toContain("tblEconomics[[#This Row],[给定F]]");
    expect(F.result).toBe(11.3); // the given F, not (15.03 − 3.167)(1 − 0.25) + 3.167 = 12.06
    expect(econ(book, "Z-01", "fGiven").value).toBe(11.3);
    // published oracle E3 (spec §3.6): NPV @12 % = 32.1775, IRR 33.730 %
    expectClose(econ(book, "Z-01", "npv").result as number, 32.1775, { abs: 1e-4 }, "NPV Z-01");
    expectClose(econ(book, "Z-01", "irr").result as number, 0.3373, { abs: 1e-5 }, "IRR Z-01");
  });

  it("the investment comes from the register; an override is written only where it differs", () => {
    const book = buildWorkbook(powerPlant, { lang: "zh-CN" });
    const I = econ(book, "Z-01", "investment");
    expect(I.formula).toContain("tblOptions[预计投资]");
    expect(I.result).toBe(31.67);
    expect(econ(book, "Z-01", "override").value).toBeUndefined();
    const c = structuredClone(powerPlant);
    c.economics![0]!.investment = 35;
    const b2 = buildWorkbook(c, { lang: "zh-CN" });
    expect(econ(b2, "Z-01", "override").value).toBe(35);
    expect(econ(b2, "Z-01", "investment").result).toBe(35);
    expect(econ(b2, "Z-01", "check").result).toBe("投资与方案汇总表不同");
  });

  it("without a given F the chain D → T → tax → E → F is derived (textbook: 15, 25, 7.5, 17.5, 32.5)", () => {
    const book = buildWorkbook(textbook, { lang: "zh-CN" });
    const r = (k: keyof typeof TBL_ECONOMICS.columns) => econ(book, "D-01", k).result as number;
    expectClose(r("depreciation"), 15, {}, "D");
    expectClose(r("taxable"), 25, {}, "T");
    expectClose(r("tax"), 7.5, {}, "tax");
    expectClose(r("net"), 17.5, {}, "E");
    expectClose(r("cashFlow"), 32.5, {}, "F");
    expectClose(r("irrInterp"), 0.172627, { abs: 1e-6 }, "textbook interpolated IRR");
    expect(econ(book, "D-01", "fGiven").value).toBeUndefined();
    expect(econ(book, "D-01", "fGiven").style).toBe("input");
  });

  it("no payback / no IRR are texts, never errors", () => {
    const c = loadCase("test/fixtures/edge-values.json");
    const book = buildWorkbook(c, { lang: "zh-CN" });
    const id = c.economics![2]!.optionId; // F = −5
    expect(econ(book, id, "payback").result).toBe("不可回收");
    expect(econ(book, id, "irr").result).toBe("无内部收益率");
    expect(econ(book, id, "irrInterp").result).toBe("无内部收益率");
    expect(econ(book, id, "verdict").result).toBe("经济不可行：投资不可回收，净现值为负，无内部收益率");
    expect(econ(book, id, "irr").formula).toMatch(/IFERROR\(RATE\(CP_EvaluationYears,/);
  });

  it("a missing parameter is named in the column that needs it and the verdict is pending", () => {
    const c = structuredClone(textbook);
    const book = buildWorkbook(c, { lang: "zh-CN" });
    const npv = econ(book, "D-01", "npv").formula!;
    expect(npv).toMatch(/IF\(NOT\(ISNUMBER\(CP_DiscountRate\)\),"缺少贴现率"/);
    expect(econ(book, "D-01", "depreciation").formula).toContain('"缺少折旧年限"');
    expect(econ(book, "D-01", "tax").formula).toContain('"缺少税率"');
    expect(econ(book, "D-01", "verdict").formula).toContain('"待定："');
  });
});

describe("blank rows and the blank template", () => {
  const books = [buildWorkbook(null, { lang: "zh-CN" }), buildWorkbook(powerPlant, { lang: "en-US" })];

  it("every calculated column gives \"\" (result null) in an empty row of every table", () => {
    for (const book of books) {
      for (const s of book.sheets) {
        for (const t of s.tables) {
          const last = t.ref.bottom; // the last data row is always an empty spare row
          const formulas = s.cells.filter((c) => c.row === last && c.col >= t.ref.left && c.col <= t.ref.right && c.formula !== undefined && !s.hiddenColumns.includes(c.col));
          for (const f of formulas) expect(f.result, `${t.name} ${s.name}!${a1(f.row, f.col)} ${f.formula}`).toBeNull();
        }
      }
    }
  });

  it("every calculated column of a table carries its formula in the table part, the same in every row", () => {
    for (const book of books) {
      for (const s of book.sheets) {
        for (const t of s.tables) {
          t.columns.forEach((c, k) => {
            const cells = s.cells.filter((x) => x.col === t.ref.left + k && x.row > t.ref.top && x.row <= t.ref.bottom);
            if (c.formula === undefined) {
              for (const x of cells) expect(x.formula, `${t.name}.${c.name}`).toBeUndefined();
            } else {
              expect(cells.length, `${t.name}.${c.name}`).toBe(t.ref.bottom - t.ref.top);
              for (const x of cells) expect(x.formula, `${t.name}.${c.name}`).toBe(c.formula);
              // canonical structured references: the short form [@col] gives Err:507 in LibreOffice 7.4
              expect(c.formula, `${t.name}.${c.name}`).not.toContain("[@");
            }
          });
        }
      }
    }
  });
});

describe("parameters", () => {
  it("defines the 8 CP_* names on input cells of the parameters sheet", () => {
    const book = buildWorkbook(powerPlant, { lang: "zh-CN" });
    const p = sheet(book, "PARAMS");
    expect(book.names.map((n) => n.name).filter((n) => !/^CP_(List_|Units|OptionIds|EconomicsIds|UnitOperations|AnnualItems|RefProduct|ProdOutput|MeasurementPoints|WasteNames)/.test(n))).toEqual([
      "CP_DiscountRate",
      "CP_TaxRate",
      "CP_DepreciationYears",
      "CP_EvaluationYears",
      "CP_BenchmarkRate",
      "CP_BalanceTolerance",
      "CP_PaybackQuota",
      "CP_AuditYear", // issue 10: a named input below the parameters (not a PARAMETER_ROWS entry)
      "CP_QuotaClasses",
      "CP_QuotaYears",
      "CP_FactorYear", // issue 12: energy and carbon parameters below the quotas
      "CP_GridRegion",
      "CP_ElecConvention",
      "CP_EffectItems", // issue 12: the coefficient sheet's items (tblFactors[项目])
    ]);
    // the annual data's CP_RefProduct (input) and CP_ProdOutput (computed) are named cells of their own sheet
    const ranges = book.names.flatMap((n) => ("sheet" in n && !/^CP_(RefProduct|ProdOutput)$/.test(n.name) ? [n] : []));
    for (const n of ranges) {
      expect(n.sheet).toBe(p.name);
      // CP_QuotaClasses: the labels of the per-class quotas (CP_QuotaYears: their input cells)
      if (n.name !== "CP_QuotaClasses") expect(cell(p, n.ref.top, n.ref.left)?.style).toBe("input");
    }
    const valueOf = (name: string) => {
      const n = ranges.find((x) => x.name === name)!;
      const c = cell(p, n.ref.top, n.ref.left)!;
      return c.formula !== undefined ? { formula: c.formula, result: c.result } : c.value;
    };
    expect(valueOf("CP_DiscountRate")).toBe(0.12);
    expect(valueOf("CP_BalanceTolerance")).toBe(0.05);
    // absent in the case: default = another parameter, as a formula the user may type over; blank
    // (never a plausible 0) while that parameter is blank
    expect(valueOf("CP_PaybackQuota")).toEqual({ formula: 'IF(ISNUMBER(CP_EvaluationYears),CP_EvaluationYears,"")', result: 10 });
    const blank = buildWorkbook(null, { lang: "zh-CN" });
    const bp = sheet(blank, "PARAMS");
    const bn = blank.names.flatMap((n) => ("sheet" in n && n.name === "CP_BenchmarkRate" ? [n] : []))[0]!;
    expect(cell(bp, bn.ref.top, bn.ref.left)).toMatchObject({ formula: 'IF(ISNUMBER(CP_DiscountRate),CP_DiscountRate,"")', result: null });
  });

  it("no formula carries a parameter as a literal", () => {
    const c = structuredClone(textbook);
    c.parameters = { discountRate: 0.0731, taxRate: 0.2713, depreciationYears: 7, evaluationYears: 9, benchmarkRate: 0.0917, balanceTolerance: 0.0437, paybackQuota: 6 };
    c.materialBalance = powerPlant.materialBalance;
    const book = buildWorkbook(c, { lang: "zh-CN" });
    const formulas = book.sheets.flatMap((s) => s.cells.flatMap((x) => (x.formula ? [x.formula] : [])));
    for (const lit of ["0.0731", "0.2713", "0.0917", "0.0437", ",7)", ",9,", ",6)", "0.05", "0.12", "0.25"]) {
      expect(formulas.filter((f) => f.includes(lit)), lit).toEqual([]);
    }
    const t = findTable(book, "tblEconomics");
    const econFormulas = t.sheet.cells.filter((x) => x.row === t.table.ref.top + 1 && x.formula).map((x) => x.formula!).join(" ");
    for (const name of ["CP_DiscountRate", "CP_EvaluationYears", "CP_DepreciationYears", "CP_TaxRate", "CP_BenchmarkRate", "CP_PaybackQuota"]) expect(econFormulas).toContain(name);
    expect(sheet(book, "WS3-4").cells.some((x) => x.formula?.includes("CP_BalanceTolerance"))).toBe(true);
  });
});

describe("sheet finish", () => {
  const zh = buildWorkbook(powerPlant, { lang: "zh-CN" });
  const en = buildWorkbook(powerPlant, { lang: "en-US" });

  it("dropdowns read whole table columns through defined names (lists, option ids), never inline lists", () => {
    const names = new Map(zh.names.map((n) => [n.name, n]));
    const used = new Set<string>();
    for (const s of zh.sheets) {
      for (const v of s.validations) {
        if (v.kind !== "list") continue;
        const n = names.get(v.source);
        expect(n, `${s.name}: ${v.source}`).toBeDefined();
        expect("formula" in n! && /^tbl\w+\[/.test(n.formula), `${v.source} = a table column`).toBe(true);
        used.add(v.source);
      }
    }
    for (const list of LISTS) {
      const n = names.get(`CP_List_${list.id}`);
      expect(n && "formula" in n ? n.formula : "").toBe(`${LIST_TABLES[list.id]}[[${list.header.zh}]]`);
      const t = findTable(zh, LIST_TABLES[list.id]);
      const items = t.sheet.cells.filter((c) => c.col === t.table.ref.left && c.row > t.table.ref.top && c.row <= t.table.ref.bottom).map((c) => c.value);
      expect(items).toEqual(list.items.map((x) => x.zh));
    }
    expect(used.has("CP_OptionIds")).toBe(true);
    expect(names.get("CP_OptionIds")).toEqual({ name: "CP_OptionIds", formula: "tblOptions[方案编号]" });
    expect(sheet(zh, "LISTS").protect).toBe(false);
  });

  it("no sheet is protected unless asked (tables must grow); --protect protects all but the lists", () => {
    for (const s of zh.sheets) expect(s.protect, s.name).toBe(false);
    const p = buildWorkbook(powerPlant, { lang: "zh-CN", protect: true });
    for (const s of p.sheets) expect(s.protect, s.name).toBe(s.key !== "LISTS");
  });

  it("every sheet is frozen below its table header and printed with its band and header rows repeated and the audit footer", () => {
    for (const s of zh.sheets) {
      if (s.key === "LISTS") continue;
      const t = s.tables[0];
      if (t) {
        expect(s.freeze!.rows, s.name).toBe(t.ref.top + 1);
        expect(s.print!.repeatRows, s.name).toEqual({ first: t.ref.top - 1, last: t.ref.top });
        // nothing below a table: a row typed under it joins the table
        for (const tt of s.tables) {
          const below = s.cells.filter((c) => c.row > tt.ref.bottom && c.col >= tt.ref.left && c.col <= tt.ref.right);
          expect(below, `${s.name} below ${tt.name}`).toEqual([]);
        }
      }
      expect(s.print!.footer).toMatch(/^制表：.*审核：/);
      expect(cell(s, 0, 0)?.style).toBe("title");
    }
    expect(sheet(en, "WS5-3").print!.footer).toMatch(/^Prepared by: .*Checked by: /);
    expect(cell(sheet(zh, "WS5-3"), 0, 0)?.value).toBe("表5-3 方案经济评估指标汇总表");
    expect(cell(sheet(en, "WS4-1"), 0, 0)?.value).toBe("Table 4-1 Options register");
  });

  it("every header is shown whole: on one line where its column is wide enough, else wrapped in a row tall enough for its lines", () => {
    for (const s of zh.sheets) {
      const merged = (c: CellModel) => s.merges.some((m) => c.row >= m.top && c.row <= m.bottom && c.col >= m.left && c.col <= m.right && m.left !== m.right);
      for (const c of s.cells) {
        if (c.style !== "header" || typeof c.value !== "string" || merged(c) || s.hiddenColumns.includes(c.col)) continue;
        const lines = wrappedLines(c.value, s.columnWidths[c.col]!, 11);
        const height = s.rowHeights.find((h) => h.row === c.row)?.height ?? 15;
        expect(height, `${s.name}!${a1(c.row, c.col)} "${c.value}" on ${lines} lines`).toBeGreaterThanOrEqual(lines === 1 ? 0 : rowHeightFor(lines, 11));
        // a short table column name never wraps (≤ 9 characters of display width)
        const isName = s.tables.some((t) => t.ref.top === c.row && c.col >= t.ref.left && c.col <= t.ref.right);
        if (isName && displayWidth(c.value) <= 9) expect(lines, `${s.name}!${a1(c.row, c.col)} "${c.value}"`).toBe(1);
      }
    }
  });

  it("prints legibly: a compact header block, helper columns hidden, table column names on one line", () => {
    for (const book of [zh, en]) {
      for (const s of book.sheets) {
        if (s.hidden) continue;
        // 企业名称 … 日期 take the first 8 visible columns at most, whatever the table's width
        const hiddenCols = new Set(s.hiddenColumns ?? []);
        const visibleUpTo = (c: number) => Array.from({ length: c + 1 }, (_, k) => k).filter((k) => !hiddenCols.has(k)).length;
        for (const m of s.merges) if (m.top >= 1 && m.bottom <= 2) expect(visibleUpTo(m.right), `${s.name} header merge`).toBeLessThanOrEqual(8);
        for (const t of s.tables) for (const c of t.columns) expect(c.name, `${t.name}`).not.toContain("\n");
      }
      const e = findTable(book, "tblEconomics");
      const key = e.table.columns.findIndex((c) => c.name === col(TBL_ECONOMICS, "key", book.lang));
      expect(e.sheet.hiddenColumns).toContain(e.table.ref.left + key);
      expect(econ(book, "Z-01", "key", book.lang).numberFormat).toBe("0.0000000%"); // the rounded NPVR
      for (let c = 0; c < e.sheet.columnWidths.length; c++) expect(e.sheet.columnWidths[c], `${book.lang} col ${c}`).toBeLessThanOrEqual(42);
    }
  });

  it("en-US is the same workbook with English sheet names and labels", () => {
    expect(en.sheets.map((s) => s.name)).toEqual(SHEET_NAMES["en-US"]);
    expect(zh.sheets.map((s) => s.name)).toEqual(SHEET_NAMES["zh-CN"]);
    const cjk = /[\u3400-\u9fff]/;
    zh.sheets.forEach((z, k) => {
      const e = en.sheets[k]!;
      expect(e.cells.map((c) => [c.row, c.col, c.style])).toEqual(z.cells.map((c) => [c.row, c.col, c.style]));
      expect(e.cells.filter((c) => c.formula).length).toBe(z.cells.filter((c) => c.formula).length);
      for (const c of e.cells) {
        if (["header", "label", "title", "note", "meta", "total"].includes(c.style ?? "") && typeof c.value === "string" && c.style !== "input") {
          // only the case's own texts (names of streams, candidates ...) may stay Chinese
          const fromCase = JSON.stringify(powerPlant).includes(c.value);
          // (a case's factor name also heads its suggested-score column: "废弃物量 (suggested)")
          const own = (powerPlant.focusSelection?.factors ?? []).reduce((v, f) => v.replace(f.name, ""), c.value.replace(powerPlant.meta.title, ""));
          if (!fromCase) expect(cjk.test(own), `${e.name}!${a1(c.row, c.col)} "${c.value}"`).toBe(false);
        }
      }
    });
  });
});

describe("buildWorkbook options", () => {
  it("adds the sheets a requested one links to", () => {
    const book = buildWorkbook(powerPlant, { lang: "zh-CN", keys: ["WS5-4"] });
    expect(book.sheets.map((s) => s.key)).toEqual(["PARAMS", "WS4-1", "WS4-2", "WS5-1", "WS5-2", "WS5-3", "WS5-4", "CASHFLOWS", "LISTS"]); // the register's status looks up the screening (issue 11)
    // the focus sheet's suggested scores read 表2-10 (issue 10)
    expect(buildWorkbook(null, { lang: "zh-CN", keys: ["WS2-11"] }).sheets.map((s) => s.key)).toEqual(["PARAMS", "WS2-10", "WS2-11", "LISTS"]);
    // the material balance brings its unit operations, measurements, component and water balances
    expect(buildWorkbook(null, { lang: "zh-CN", keys: ["WS3-4"] }).sheets.map((s) => s.key)).toEqual(["PARAMS", "WS3-2", "WS3-3", "WS3-4", "COMPONENTS", "WATER", "LISTS"]);
  });

  it("gives new sheets free names next to taken ones and every formula follows", () => {
    const book = buildWorkbook(powerPlant, { lang: "zh-CN", takenSheetNames: ["参数", "经济评估", "列表"] });
    expect(sheet(book, "PARAMS").name).toBe("参数 (2)");
    expect(sheet(book, "WS5-3").name).toBe("经济评估 (2)");
    const first = book.names[0]!;
    expect("sheet" in first ? first.sheet : "").toBe("参数 (2)");
    // other sheets are reached through table names and defined names, which follow any sheet name
    const header = sheet(book, "WS5-4").cells.filter((c) => c.formula?.includes("参数"));
    expect(header.length).toBeGreaterThan(0);
    for (const c of header) expect(c.formula).toContain("'参数 (2)'!");
  });

});

describe("catalogue", () => {
  it("lists the 41 worksheets of spec §1.3 (2/13/5/6/4/9/2 per phase) plus PARAMS", () => {
    const ws = CATALOGUE.filter((w) => w.key !== "PARAMS");
    expect(ws.length).toBe(41);
    expect(PHASES.map((p) => ws.filter((w) => w.phase === p.no).length)).toEqual([2, 13, 5, 6, 4, 9, 2]);
    expect(new Set(CATALOGUE.map((w) => w.key)).size).toBe(CATALOGUE.length);
    expect(CATALOGUE.filter((w) => w.built).map((w) => w.key)).toEqual([...BUILT_KEYS]);
    for (const k of BUILT_KEYS) expect(DEFINITIONS.some((d) => d.key === (KEY_ALIASES[k] ?? k))).toBe(true);
    expect(CATALOGUE.find((w) => w.key === "WS1-1")?.zh).toBe("审核小组成员表");
  });
});

describe("header block", () => {
  it("every label and value of the header block (rows 1–3) is in a visible column of its sheet", () => {
    for (const lang of ["zh-CN", "en-US"] as const) {
      for (const book of [buildWorkbook(powerPlant, { lang }), buildWorkbook(null, { lang })]) {
        for (const s of book.sheets) {
          if (s.hidden) continue;
          const hidden = new Set(s.hiddenColumns ?? []);
          const inHidden = s.cells.filter((c) => c.row >= 1 && c.row <= 3 && hidden.has(c.col) && (c.value !== undefined || c.formula !== undefined));
          expect(inHidden.map((c) => `${s.name}!${a1(c.row, c.col)}`), `${lang} ${s.name}`).toEqual([]);
        }
      }
    }
  });
});
