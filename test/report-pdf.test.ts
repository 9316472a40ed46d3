/**
 * The report of the demo case as its reader sees it (issue 13 "How we will know"): the .docx
 * printed to PDF by LibreOffice Writer and read with pdftotext has every chapter heading, every
 * built sheet's table title, and the key figures — focus score, balance error and verdict, each
 * option's I, F, N, NPV, IRR and verdict, the options by cost class — equal to LibreOffice's OWN
 * recalculation of the built workbook (cached values stripped; the cells of tblFocus,
 * tblBalances, tblEconomics and tblOptions read from its CSV export and formatted here by hand:
 * 万元 with 2 decimals, rates as % with 2 decimals). The en-US and 2001-terms variants print their
 * chapter names.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../src/report/index";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import type { SheetModel, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { docxToPdfText, normalizeText } from "./helpers/report-pdf";

const ROOT = resolve(import.meta.dirname, "..");
const hasSoffice = requireSoffice();

function demoCase(): AuditCase {
  const v = validateCase(JSON.parse(readFileSync(join(ROOT, "cases/power-plant-workshop.json"), "utf8")));
  if (!v.ok) throw new Error("invalid demo case");
  return v.value;
}

/** The data rows of table `name` as LibreOffice recalculated them: column name → cell text. */
function recalculatedRows(book: WorkbookModel, grids: Map<string, string[][]>, name: string): Record<string, string>[] {
  const sheet = book.sheets.find((s) => s.tables.some((t) => t.name === name)) as SheetModel;
  const t = sheet.tables.find((x) => x.name === name)!;
  const grid = grids.get(sheet.name)!;
  const rows: Record<string, string>[] = [];
  for (let r = t.ref.top + 1; r <= t.ref.bottom; r++) {
    const row: Record<string, string> = {};
    t.columns.forEach((c, i) => (row[c.name] = grid[r]?.[t.ref.left + i] ?? ""));
    rows.push(row);
  }
  return rows;
}

const num = (s: string | undefined): number => {
  const n = parseSpreadsheetNumber(s ?? "");
  if (n === null) throw new Error(`not a number: "${s}"`);
  return n;
};
/** 2 decimals, as the sheets show 万元 and years. */
const fixed2 = (s: string | undefined) => num(s).toFixed(2);
/** a rate as % with 2 decimals. */
const pct = (s: string | undefined) => `${(num(s) * 100).toFixed(2)}%`;

describe.skipIf(!hasSoffice)("the demo report printed by LibreOffice", () => {
  let text: string;
  let book: WorkbookModel;
  let grids: Map<string, string[][]>;
  let pages: number;

  beforeAll(async () => {
    const c = demoCase();
    book = buildWorkbook(c, { lang: "zh-CN" });
    const [recalculated, printed] = await Promise.all([
      writeXlsx(book).then((x) => stripCachedValues(x)).then((x) => recalculate(x)),
      buildReport(c, { lang: "zh-CN" }).then((d) => docxToPdfText(d)),
    ]);
    grids = recalculated;
    text = normalizeText(printed.text);
    pages = printed.pages;
  }, 300_000);

  it("has the cover, every chapter heading (2016 terms) and 结论", () => {
    expect(pages).toBeGreaterThan(10);
    for (const h of ["清洁生产审核报告", "前言", "第一章审核准备", "第二章预审核", "第三章审核", "第四章方案的产生和筛选", "第五章方案的确定", "第六章方案的实施", "第七章持续清洁生产", "结论"]) {
      expect(text, h).toContain(h);
    }
  });

  it("has every built sheet's table title", () => {
    for (const s of book.sheets) {
      if (s.key === "LISTS") continue;
      expect(text, s.key).toContain(normalizeText(s.title));
    }
  });

  it("says the focus and its score as LibreOffice ranks tblFocus", () => {
    const rows = recalculatedRows(book, grids, "tblFocus").filter((r) => r["排序"] !== "");
    const first = rows.filter((r) => num(r["排序"]) === 1);
    expect(first).toHaveLength(1);
    expect(first[0]!["备选审核重点"]).toBe("锅炉工段"); // meta.expected.focusSelection.focus
    expect(text).toContain(`${first[0]!["备选审核重点"]}总分最高（${first[0]!["总分"]}分），确定为本轮审核重点`);
    for (const r of rows.filter((x) => num(x["排序"]) !== 1)) expect(text).toContain(`${r["备选审核重点"]}（${r["总分"]}分）`);
  });

  it("gives each balance's totals, relative error and verdict as LibreOffice computes tblBalances", () => {
    const rows = recalculatedRows(book, grids, "tblBalances").filter((r) => r["单元操作"] !== "");
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const u = r["基准单位"];
      expect(text).toContain(`${r["单元操作"]}：输入${r["输入合计ΣIn"]}${u}，输出${r["输出合计ΣOut"]}${u}，差值${r["差值"]}${u}，相对误差${pct(r["相对误差"])}，判定${r["判定"]}`.replace(/\s+/g, ""));
    }
  });

  it("gives each option's I, F, N, NPV, IRR and verdict as LibreOffice computes tblEconomics", () => {
    const rows = recalculatedRows(book, grids, "tblEconomics").filter((r) => r["方案编号"] !== "");
    expect(rows.map((r) => r["方案编号"])).toEqual(["Z-01", "Z-02"]);
    for (const r of rows) {
      const sentence =
        `${r["方案编号"]}${r["方案名称"]}：总投资I=${fixed2(r["总投资I"])}万元，年增现金流量F=${fixed2(r["年增现金流量F"])}万元/a，` +
        `投资偿还期N=${fixed2(r["投资偿还期N"])}年，净现值NPV=${fixed2(r["净现值NPV"])}万元，内部收益率IRR=${pct(r["内部收益率IRR"])}，经济评估结论：${r["经济评估结论"]}。`;
      expect(text).toContain(sentence.replace(/\s+/g, ""));
    }
  });

  it("counts the options by cost class as LibreOffice's tblOptions holds them", () => {
    const rows = recalculatedRows(book, grids, "tblOptions").filter((r) => r["方案编号"] !== "");
    const low = rows.filter((r) => ["无费", "低费", "无/低费"].includes(r["费用类别"]!));
    const high = rows.filter((r) => ["中费", "高费", "中/高费"].includes(r["费用类别"]!));
    const sum = (rs: Record<string, string>[], col: string) => rs.reduce((a, r) => a + (r[col] === "" ? 0 : num(r[col])), 0).toFixed(2);
    expect(text).toContain(
      `共产生清洁生产方案${rows.length}项（表4-1），其中无/低费方案${low.length}项，预计投资${sum(low, "预计投资")}万元，预计年效益${sum(low, "预计年效益")}万元/a；中/高费方案${high.length}项，预计投资${sum(high, "预计投资")}万元，预计年效益${sum(high, "预计年效益")}万元/a`,
    );
  });

  it("prints the economics table with LibreOffice's figures of each option", () => {
    // the printed table: from its caption to the next section (pdftotext's order inside a table varies)
    const from = text.indexOf("表5-3方案经济评估指标汇总表", text.indexOf("5.5方案经济评估指标汇总表") + 1);
    const table = text.slice(from, text.indexOf("5.6方案可行性分析结果表", from));
    expect(table.length).toBeGreaterThan(0);
    for (const r of recalculatedRows(book, grids, "tblEconomics").filter((x) => x["方案编号"] !== "")) {
      for (const v of [r["方案编号"]!, fixed2(r["总投资I"]), fixed2(r["年增现金流量F"]), fixed2(r["投资偿还期N"]), fixed2(r["净现值NPV"]), pct(r["净现值率NPVR"]), pct(r["内部收益率IRR"])]) {
        expect(table, v).toContain(v);
      }
    }
  });
});

describe.skipIf(!hasSoffice)("other languages and terms", () => {
  it("en-US with the 2001 terms prints the 2001 phase names as chapters", async () => {
    const { text } = await docxToPdfText(await buildReport(demoCase(), { lang: "en-US", terminology: "2001" }));
    const t = normalizeText(text);
    for (const h of ["CleanerProductionAuditReport", "Preface", "1Planning&organisation", "2Pre-assessment", "3Assessment", "4Optiongeneration&screening", "5Feasibilityanalysis", "6Implementation", "7Continuouscleanerproduction", "Conclusions"]) {
      expect(t, h).toContain(h);
    }
    expect(t).toContain("Table5-3");
  }, 300_000);
});
