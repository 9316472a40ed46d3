/**
 * Layout of the model (no spreadsheet engine; test/cases.test.ts recalculates in LibreOffice):
 * the F-given override, blank rows giving "", parameters only through the CP_* names, the
 * dropdown lists on the lists sheet, protection, freeze, print setup and column widths, the
 * en-US workbook, dependencies of a key subset, free sheet names, ties at the top, the catalogue.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectClose } from "../../test/helpers/tolerance";
import { a1 } from "./a1";
import { validateCase, type AuditCase } from "./case";
import { BUILT_KEYS, CATALOGUE, PHASES } from "./catalogue";
import { EC } from "./definitions/economics.worksheet";
import { FOCUS_LABELS } from "./definitions/focus-selection.worksheet";
import { displayWidth, LISTS } from "./i18n";
import { LIST_FIRST_ROW, TABLE_TOP } from "./layout";
import type { CellModel, SheetModel, WorkbookModel } from "./model";
import { buildWorkbook, DEFINITIONS } from "./workbook";

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

const FIRST = TABLE_TOP + 1;

describe("economics layout", () => {
  it("a given F overrides the derived one; D, T, tax, E read 未使用", () => {
    const s = sheet(buildWorkbook(powerPlant, { lang: "zh-CN" }), "WS5-3");
    for (const col of [EC.depreciation, EC.taxable, EC.tax, EC.net]) expect(cell(s, FIRST, col)?.result).toBe("未使用");
    const F = cell(s, FIRST, EC.cashFlow)!;
    expect(F.formula).toBe('IF(C6="","",IF(I6="",H6+E6,I6))');
    expect(F.result).toBe(11.3); // the given F, not (15.03 − 3.167)(1 − 0.25) + 3.167 = 12.06
    expect(cell(s, FIRST, EC.fGiven)?.value).toBe(11.3);
    // published oracle E3 (spec §3.6): NPV @12 % = 32.1775, IRR 33.730 %
    expectClose(cell(s, FIRST, EC.npv)!.result as number, 32.1775, { abs: 1e-4 }, "NPV Z-01");
    expectClose(cell(s, FIRST, EC.irr)!.result as number, 0.3373, { abs: 1e-5 }, "IRR Z-01");
  });

  it("without a given F the chain D → T → tax → E → F is derived (textbook: 15, 25, 7.5, 17.5, 32.5)", () => {
    const s = sheet(buildWorkbook(textbook, { lang: "zh-CN" }), "WS5-3");
    const r = (col: number) => cell(s, FIRST, col)!.result as number;
    expectClose(r(EC.depreciation), 15, {}, "D");
    expectClose(r(EC.taxable), 25, {}, "T");
    expectClose(r(EC.tax), 7.5, {}, "tax");
    expectClose(r(EC.net), 17.5, {}, "E");
    expectClose(r(EC.cashFlow), 32.5, {}, "F");
    expectClose(r(EC.irrInterp), 0.172627, { abs: 1e-6 }, "textbook interpolated IRR");
    expect(cell(s, FIRST, EC.fGiven)?.value).toBeUndefined();
    expect(cell(s, FIRST, EC.fGiven)?.style).toBe("input");
  });

  it("no payback / no IRR are texts, never errors", () => {
    const c = loadCase("test/fixtures/edge-values.json");
    const s = sheet(buildWorkbook(c, { lang: "zh-CN" }), "WS5-3");
    const row = FIRST + 2; // NEG: F = −5
    expect(cell(s, row, EC.payback)?.result).toBe("不可回收");
    expect(cell(s, row, EC.irr)?.result).toBe("无内部收益率");
    expect(cell(s, row, EC.irrInterp)?.result).toBe("无内部收益率");
    expect(cell(s, row, EC.verdict)?.result).toBe("经济不可行：投资不可回收，净现值为负，无内部收益率");
    expect(cell(s, row, EC.irr)?.formula).toMatch(/IFERROR\(RATE\(CP_EvaluationYears,/);
  });
});

describe("blank rows and the blank template", () => {
  const books = [buildWorkbook(null, { lang: "zh-CN" }), buildWorkbook(powerPlant, { lang: "en-US" })];

  it("every formula in an empty input row gives \"\" (result null) and is guarded by IF", () => {
    for (const book of books) {
      for (const key of ["WS2-6", "WS3-4", "WS4-1", "WS5-3", "WS5-4"]) {
        const s = sheet(book, key);
        // the last data row of the first table is always an empty spare row
        const dataRows = s.cells.filter((c) => c.row > TABLE_TOP && c.style === "input").map((c) => c.row);
        const firstBlock: number[] = [];
        for (let r = TABLE_TOP + 1; dataRows.includes(r) || s.cells.some((c) => c.row === r && c.style === "lookup"); r++) firstBlock.push(r);
        const spare = firstBlock[firstBlock.length - 1]!;
        const formulas = s.cells.filter((c) => c.row === spare && c.formula !== undefined);
        expect(formulas.length, `${key} row ${spare + 1}`).toBeGreaterThan(0);
        for (const f of formulas) {
          expect(f.result, `${key}!${a1(f.row, f.col)}`).toBeNull();
          expect(f.formula!.startsWith("IF("), `${key}!${a1(f.row, f.col)} ${f.formula}`).toBe(true);
        }
      }
    }
  });

  it("the template proposes the standard focus factors and leaves candidates empty", () => {
    const s = sheet(books[0]!, "WS2-11");
    expect(cell(s, TABLE_TOP + 2, 0)?.value).toBe("废弃物量");
    expect(cell(s, TABLE_TOP + 2, 1)?.value).toBe(10);
    expect(cell(s, TABLE_TOP, 2)?.value).toBeUndefined();
  });
});

describe("parameters", () => {
  it("defines the 7 CP_* names on input cells of the parameters sheet", () => {
    const book = buildWorkbook(powerPlant, { lang: "zh-CN" });
    const p = sheet(book, "PARAMS");
    expect(book.names.map((n) => n.name)).toEqual([
      "CP_DiscountRate",
      "CP_TaxRate",
      "CP_DepreciationYears",
      "CP_EvaluationYears",
      "CP_BenchmarkRate",
      "CP_BalanceTolerance",
      "CP_PaybackQuota",
    ]);
    for (const n of book.names) {
      expect(n.sheet).toBe(p.name);
      expect(cell(p, n.ref.top, n.ref.left)?.style).toBe("input");
    }
    const valueOf = (name: string) => {
      const n = book.names.find((x) => x.name === name)!;
      const c = cell(p, n.ref.top, n.ref.left)!;
      return c.formula !== undefined ? { formula: c.formula, result: c.result } : c.value;
    };
    expect(valueOf("CP_DiscountRate")).toBe(0.12);
    expect(valueOf("CP_BalanceTolerance")).toBe(0.05);
    // absent in the case: default = another parameter, as a formula the user may type over
    expect(valueOf("CP_PaybackQuota")).toEqual({ formula: "CP_EvaluationYears", result: 10 });
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
    const econ = sheet(book, "WS5-3").cells.filter((x) => x.row === FIRST && x.formula).map((x) => x.formula!).join(" ");
    for (const name of ["CP_DiscountRate", "CP_EvaluationYears", "CP_DepreciationYears", "CP_TaxRate", "CP_BenchmarkRate", "CP_PaybackQuota"]) expect(econ).toContain(name);
    expect(sheet(book, "WS3-4").cells.some((x) => x.formula?.includes("CP_BalanceTolerance"))).toBe(true);
  });
});

describe("sheet finish", () => {
  const zh = buildWorkbook(powerPlant, { lang: "zh-CN" });
  const en = buildWorkbook(powerPlant, { lang: "en-US" });

  it("dropdowns read ranges of the hidden lists sheet holding the list items, never inline lists", () => {
    const lists = sheet(zh, "LISTS");
    expect(lists.hidden).toBe(true);
    const used = new Set<number>();
    for (const s of zh.sheets) {
      for (const v of s.validations) {
        if (v.kind !== "list") continue;
        const m = /^'(.+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(v.source);
        expect(m, v.source).not.toBeNull();
        expect(m![1]).toBe(lists.name);
        const col = m![2]!.charCodeAt(0) - 65;
        used.add(col);
        const items = LISTS[col]!.items.map((x) => x.zh);
        const shown = lists.cells.filter((c) => c.col === col && c.row >= LIST_FIRST_ROW).map((c) => c.value);
        expect(shown).toEqual(items);
        expect(Number(m![3]) - 1).toBe(LIST_FIRST_ROW);
        expect(Number(m![5]) - 1).toBe(LIST_FIRST_ROW + items.length - 1);
      }
    }
    expect(used.size).toBe(LISTS.length); // every list is used by some dropdown
  });

  it("every sheet is protected, frozen below its header, printed with repeated header rows and the audit footer", () => {
    for (const s of zh.sheets) {
      expect(s.protect, s.name).toBe(true);
      if (s.key === "LISTS") continue;
      expect(s.freeze!.rows).toBeGreaterThan(TABLE_TOP);
      expect(s.print!.repeatRows!.first).toBe(TABLE_TOP);
      expect(s.print!.footer).toMatch(/^制表：.*审核：/);
      expect(cell(s, 0, 0)?.style).toBe("title");
    }
    expect(sheet(en, "WS5-3").print!.footer).toMatch(/^Prepared by: .*Checked by: /);
  });

  it("column widths show the headers, each line of a wrapped header with a character to spare (a CJK character counts 2)", () => {
    for (const s of zh.sheets) {
      const merged = (c: CellModel) => s.merges.some((m) => c.row >= m.top && c.row <= m.bottom && c.col >= m.left && c.col <= m.right && m.left !== m.right);
      for (const c of s.cells) {
        if (c.style !== "header" || typeof c.value !== "string" || merged(c)) continue;
        const widest = Math.max(...c.value.split("\n").map(displayWidth));
        expect(s.columnWidths[c.col]!, `${s.name}!${a1(c.row, c.col)} "${c.value}"`).toBeGreaterThanOrEqual(Math.min(42, widest + 1));
      }
    }
  });

  it("prints legibly: short headers of at most 3 lines, a compact header block, the rank key outside the print area", () => {
    for (const book of [zh, en]) {
      for (const s of book.sheets) {
        if (s.hidden) continue;
        for (const c of s.cells) {
          if (c.style === "header" && typeof c.value === "string") expect(c.value.split("\n").length, `${s.name}!${a1(c.row, c.col)}`).toBeLessThanOrEqual(3);
        }
        // 企业名称 … 日期 take columns A..H at most, whatever the table's width
        for (const m of s.merges) if (m.top >= 1 && m.bottom <= 2) expect(m.right, `${s.name} header merge`).toBeLessThanOrEqual(7);
      }
      const econ = sheet(book, "WS5-3");
      const last = Math.max(...econ.cells.map((c) => c.row));
      expect(econ.print!.printArea).toEqual({ top: 0, left: 0, bottom: last, right: EC.rank });
      expect(EC.key).toBeGreaterThan(EC.rank);
      const key = cell(econ, FIRST, EC.key)!;
      expect(key.formula).toMatch(/^IF\(.*ROUND\(M6,9\)\)$/);
      expect(key.numberFormat).toBe("0.0000000%"); // the rounded NPVR, never a raw 1.016025267
      // one row per option, narrow numeric columns: the printed width stays within 180 characters
      // (about 65 % on A4 landscape fitted to the width in LibreOffice, more in Excel)
      const printed = econ.columnWidths.slice(0, EC.rank + 1);
      for (let col = EC.investment; col <= EC.irrInterp; col++) expect(printed[col], `${book.lang} col ${col}`).toBeLessThanOrEqual(13);
      expect(printed.reduce((a, b) => a + b, 0), book.lang).toBeLessThanOrEqual(180);
      for (const s of book.sheets) if (s.key !== "WS5-3") expect(s.print?.printArea, s.key).toBeUndefined();
    }
  });

  it("en-US is the same workbook with English sheet names and labels", () => {
    expect(en.sheets.map((s) => s.name)).toEqual(["Parameters", "Waste sources", "Focus selection", "Material balance", "Options register", "Economics", "Feasibility", "Lists"]);
    expect(zh.sheets.map((s) => s.name)).toEqual(["参数", "废弃物产生源清单", "审核重点权重计分", "物料平衡", "方案汇总表", "经济评估", "可行性分析", "列表"]);
    const cjk = /[\u3400-\u9fff]/;
    zh.sheets.forEach((z, k) => {
      const e = en.sheets[k]!;
      expect(e.cells.map((c) => [c.row, c.col, c.style])).toEqual(z.cells.map((c) => [c.row, c.col, c.style]));
      expect(e.cells.filter((c) => c.formula).length).toBe(z.cells.filter((c) => c.formula).length);
      for (const c of e.cells) {
        if (["header", "label", "title", "note", "meta", "total"].includes(c.style ?? "") && typeof c.value === "string" && c.style !== "input") {
          // only the case's own texts (names of streams, candidates ...) may stay Chinese
          const fromCase = JSON.stringify(powerPlant).includes(c.value);
          const own = c.value.replace(powerPlant.meta.title, "");
          if (!fromCase) expect(cjk.test(own), `${e.name}!${a1(c.row, c.col)} "${c.value}"`).toBe(false);
        }
      }
    });
  });
});

describe("buildWorkbook options", () => {
  it("adds the sheets a requested one links to", () => {
    const book = buildWorkbook(powerPlant, { lang: "zh-CN", keys: ["WS5-4"] });
    expect(book.sheets.map((s) => s.key)).toEqual(["PARAMS", "WS4-1", "WS5-3", "WS5-4", "LISTS"]);
    expect(buildWorkbook(null, { lang: "zh-CN", keys: ["WS2-11"] }).sheets.map((s) => s.key)).toEqual(["PARAMS", "WS2-11", "LISTS"]);
  });

  it("gives new sheets free names next to taken ones and every formula follows", () => {
    const book = buildWorkbook(powerPlant, { lang: "zh-CN", takenSheetNames: ["参数", "经济评估", "列表"] });
    expect(sheet(book, "PARAMS").name).toBe("参数 (2)");
    expect(sheet(book, "WS5-3").name).toBe("经济评估 (2)");
    expect(book.names[0]!.sheet).toBe("参数 (2)");
    const feas = sheet(book, "WS5-4").cells.filter((c) => c.formula?.includes("经济评估"));
    expect(feas.length).toBeGreaterThan(0);
    for (const c of feas) expect(c.formula).toContain("'经济评估 (2)'!");
    const dd = sheet(book, "WS4-1").validations.find((v) => v.kind === "list");
    expect(dd && dd.kind === "list" ? dd.source : "").toMatch(/^'列表 \(2\)'!/);
  });

  it("flags a tie at the top: both candidates 是, the conclusion 并列 — 需审核小组讨论确定", () => {
    const c = structuredClone(powerPlant);
    c.focusSelection = { factors: [{ name: "a", weight: 0.1 }, { name: "b", weight: 0.2 }], candidates: [{ name: "X", scores: [1, 2] }, { name: "Y", scores: [3, 1] }, { name: "Z", scores: [1, 1] }] };
    // X: 0.1 + 0.4 = 0.5; Y: 0.30000000000000004 + 0.2 = 0.5000000000000001 (float noise, E20)
    const s = sheet(buildWorkbook(c, { lang: "zh-CN" }), "WS2-11");
    const sel = s.cells.filter((x) => x.formula?.startsWith("IF(") && (x.result === "是" || x.result === "否")).map((x) => x.result);
    expect(sel).toEqual(["是", "是", "否"]);
    const concl = s.cells.find((x) => x.formula?.includes("COUNTIF("));
    expect(concl?.result).toBe(FOCUS_LABELS.tie.zh);
  });
});

describe("catalogue", () => {
  it("lists the 41 worksheets of spec §1.3 (2/13/5/6/4/9/2 per phase) plus PARAMS", () => {
    const ws = CATALOGUE.filter((w) => w.key !== "PARAMS");
    expect(ws.length).toBe(41);
    expect(PHASES.map((p) => ws.filter((w) => w.phase === p.no).length)).toEqual([2, 13, 5, 6, 4, 9, 2]);
    expect(new Set(CATALOGUE.map((w) => w.key)).size).toBe(CATALOGUE.length);
    expect(CATALOGUE.filter((w) => w.built).map((w) => w.key)).toEqual([...BUILT_KEYS]);
    for (const k of BUILT_KEYS) expect(DEFINITIONS.some((d) => d.key === k)).toBe(true);
    expect(CATALOGUE.find((w) => w.key === "WS1-1")?.zh).toBe("审核小组成员表");
  });
});

describe("ranksOfKeys", () => {
  it("gives core's competition ranks (RANK.EQ on ROUND(x, 9)) for random values with ties and float noise", async () => {
    const { competitionRanks } = await import("../core");
    const { ranksOfKeys } = await import("./layout");
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 50; trial++) {
      const xs = Array.from({ length: 1 + Math.floor(rnd() * 40) }, () => Math.round(rnd() * 10) / 10 + (rnd() < 0.3 ? 1e-12 : 0));
      expect(ranksOfKeys(xs.map((x) => Number(x.toFixed(9))))).toEqual(competitionRanks(xs));
    }
  });
});
