/**
 * The audit report (issue 13, src/report): its structure (cover, 前言, the seven phase chapters in
 * the workbook's terminology, 结论), every built sheet's tables under its chapter, and the Word
 * format the provincial standard prescribes, checked in the document XML (word/styles.xml,
 * word/document.xml, the footers): body 仿宋 小四 (24 half-points) with line spacing at least 24 pt
 * (480 twips, atLeast), heading 1 黑体 三号 (32) bold, heading 2 仿宋 四号 (28) bold, table text and
 * captions 五号 (21), A4 pages, a PAGE field in the footer. The expected values are the standard's
 * (sizes in points × 2) and the spec's phase names, written here by hand.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { buildReport, buildReportOutline } from "../src/report/index";
import { chapterOf } from "../src/report/outline";
import { A4, CHAR_TWIPS, columnTwips } from "../src/report/render";
import { formatCell, formatGeneral, roundHalfAwayFromZero } from "../src/report/format";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { buildWorkbook } from "../src/worksheets/workbook";

const ROOT = resolve(import.meta.dirname, "..");

function loadCase(file: string): AuditCase {
  const v = validateCase(JSON.parse(readFileSync(join(ROOT, "cases", file), "utf8")));
  if (!v.ok) throw new Error(`invalid case ${file}`);
  return v.value;
}

/** All text of an outline, blocks in order. */
function outlineText(o: ReturnType<typeof buildReportOutline>): string[] {
  const out: string[] = [o.cover.enterprise, o.cover.title, ...o.cover.lines];
  for (const p of o.parts)
    for (const b of p.blocks) {
      if (b.kind === "table") out.push(b.table.caption, ...b.table.header, ...b.table.rows.flatMap((r) => r.cells));
      else out.push(b.text);
    }
  return out;
}

const HEADINGS_2016_ZH = ["前言", "第一章 审核准备", "第二章 预审核", "第三章 审核", "第四章 方案的产生和筛选", "第五章 方案的确定", "第六章 方案的实施", "第七章 持续清洁生产", "结论"];
const HEADINGS_2001_ZH = ["前言", "第一章 筹划和组织", "第二章 预评估", "第三章 评估", "第四章 方案产生和筛选", "第五章 可行性分析", "第六章 方案实施", "第七章 持续清洁生产", "结论"];
const HEADINGS_2016_EN = ["Preface", "1 Audit preparation", "2 Pre-audit", "3 Audit", "4 Option generation & screening", "5 Option determination", "6 Option implementation", "7 Continuous cleaner production", "Conclusions"];
const HEADINGS_2001_EN = ["Preface", "1 Planning & organisation", "2 Pre-assessment", "3 Assessment", "4 Option generation & screening", "5 Feasibility analysis", "6 Implementation", "7 Continuous cleaner production", "Conclusions"];

describe("report outline", () => {
  const demo = loadCase("power-plant-workshop.json");

  it.each([
    ["zh-CN", "2016", HEADINGS_2016_ZH],
    ["zh-CN", "2001", HEADINGS_2001_ZH],
    ["en-US", "2016", HEADINGS_2016_EN],
    ["en-US", "2001", HEADINGS_2001_EN],
  ] as const)("%s, %s terms: the chapters in order", (lang, terminology, headings) => {
    const o = buildReportOutline(demo, { lang, terminology });
    const h1 = o.parts.flatMap((p) => p.blocks).flatMap((b) => (b.kind === "heading" && b.level === 1 ? [b.text] : []));
    expect(h1).toEqual(headings);
  });

  it("the 2001 terms write 审计 in the cover title and the sheet captions, 2016 审核", () => {
    const o2001 = buildReportOutline(demo, { lang: "zh-CN", terminology: "2001" });
    const o2016 = buildReportOutline(demo, { lang: "zh-CN", terminology: "2016" });
    expect(o2001.cover.title).toBe("清洁生产审计报告");
    expect(o2016.cover.title).toBe("清洁生产审核报告");
    expect(outlineText(o2001)).toContain("表1-1 审计小组成员表");
    expect(outlineText(o2016)).toContain("表1-1 审核小组成员表");
  });

  it.each(["zh-CN", "en-US"] as const)("%s: every built sheet's title is a table caption, under the chapter of its phase", (lang) => {
    const o = buildReportOutline(demo, { lang });
    const book = buildWorkbook(demo, { lang });
    let chapter = -1;
    const captionChapter = new Map<string, number>();
    for (const b of o.parts.flatMap((p) => p.blocks)) {
      if (b.kind === "heading" && b.level === 1) chapter++;
      if (b.kind === "table") captionChapter.set(b.table.caption, chapter);
    }
    for (const s of book.sheets) {
      const ch = chapterOf(s.key);
      if (ch === undefined) continue; // the hidden lists
      const found = [...captionChapter].filter(([c]) => c.startsWith(s.title));
      expect(found.length, `${s.key} ${s.title}`).toBeGreaterThan(0);
      // chapter index: 0 前言, 1..7 the phases (PARAMS in the preface)
      for (const [, c] of found) expect(c, s.key).toBe(ch);
    }
  });

  it("the sheets of phases 1–5 go to chapters 1–5; companions and extra sheets to their phase; a later sheet by its key", () => {
    expect(chapterOf("PARAMS")).toBe(0);
    expect(chapterOf("WS1-2")).toBe(1);
    expect(chapterOf("WS2-6B")).toBe(2);
    expect(chapterOf("COMPONENTS")).toBe(3);
    expect(chapterOf("WATER")).toBe(3);
    expect(chapterOf("CASHFLOWS")).toBe(5);
    expect(chapterOf("WS6-8")).toBe(6);
    expect(chapterOf("WS7-1")).toBe(7);
    expect(chapterOf("WS6-5B")).toBe(6);
    expect(chapterOf("COEFF")).toBe(0); // a support sheet: in the preface beside the parameters
    expect(chapterOf("LISTS")).toBeUndefined();
  });

  it("hidden helper columns never reach a table; the consultant's narrative is a marked placeholder", () => {
    const o = buildReportOutline(demo, { lang: "zh-CN" });
    const tables = o.parts.flatMap((p) => p.blocks).flatMap((b) => (b.kind === "table" ? [b.table] : []));
    const economics = tables.find((t) => t.tableName === "tblEconomics")!;
    // a table too wide for a page is printed transposed: its column names head the rows
    const names = economics.transposed ? economics.rows.map((r) => r.cells[0]!) : economics.header;
    const headers = names.map((h) => h.split("\n")[0]);
    for (const hidden of ["投资修正", "排序键", "IRR排序键", "N排序键", "IRR初值", "逐年"]) expect(headers).not.toContain(hidden);
    for (const shown of ["总投资I", "年增现金流量F", "投资偿还期N", "净现值NPV", "内部收益率IRR", "经济评估结论"]) expect(headers).toContain(shown);
    // 19 printed columns do not fit a landscape line: one column per option, one row per indicator
    expect(economics.transposed).toBe(true);
    expect(economics.header).toEqual(["方案编号", "Z-01", "Z-02"]);
    expect(economics.rows.find((r) => r.cells[0]!.startsWith("净现值NPV"))!.cells.slice(1)).toEqual(["32.18", "47.66"]);
    const placeholders = o.parts.flatMap((p) => p.blocks).filter((b) => b.kind === "placeholder");
    expect(placeholders.length).toBeGreaterThan(10);
    for (const p of placeholders) expect(p.kind === "placeholder" && /^【待填写：.+】$/.test(p.text)).toBe(true);
    expect(outlineText(o).join("\n")).toContain("【待填写：主要生产工艺流程简述（附工艺流程图）】");
  });

  it("the demo's key figures, in sentences (values of the case file and hand arithmetic)", () => {
    const text = outlineText(buildReportOutline(demo, { lang: "zh-CN" })).join("\n");
    // focus: totals of meta.expected.focusSelection, the highest 锅炉工段 336
    expect(text).toContain("锅炉工段总分最高（336分），确定为本轮审核重点");
    // Z-01: I = 31.67, F = 11.30, N = 31.67 / 11.3 = 2.80, NPV 32.1775 → 32.18, IRR 0.3373 → 33.73 %
    expect(text).toContain("Z-01 冷凝水余热回收：总投资 I = 31.67 万元，年增现金流量 F = 11.30 万元/a，投资偿还期 N = 2.80 年，净现值 NPV = 32.18 万元，内部收益率 IRR = 33.73%");
    // Z-02: 73.82 / 21.5 = 3.43; NPV 47.6598 → 47.66; IRR 0.263065 → 26.31 %
    expect(text).toContain("Z-02 电除尘器仪表改造：总投资 I = 73.82 万元，年增现金流量 F = 21.50 万元/a，投资偿还期 N = 3.43 年，净现值 NPV = 47.66 万元，内部收益率 IRR = 26.31%");
    // the options of the case file: F-01, F-02, F-03 no/low-cost, Z-01, Z-02 medium/high-cost
    expect(text).toMatch(/共产生清洁生产方案 5 项（表4-1），其中无\/低费方案 3 项.*中\/高费方案 2 项/);
    // balance: (2272 − 2241) / 2272 = 1.3644 % → 1.36 %
    expect(text).toContain("汽机工段 水平衡：输入 2272 t/d，输出 2241 t/d，差值 31 t/d，相对误差 1.36%，判定合格");
  });

  it("the textbook case builds its report too (en-US)", () => {
    const o = buildReportOutline(loadCase("textbook-150wan.json"), { lang: "en-US" });
    expect(outlineText(o).join("\n")).toContain("Table 5-3");
  });
});

describe("table column widths", () => {
  it("表1-2's date columns keep the width a date needs on its landscape page (never 2024 / -03- / 01); the other columns share the rest", () => {
    const o = buildReportOutline(loadCase("power-plant-workshop.json"), { lang: "zh-CN" });
    const part = o.parts.find((p) => p.blocks.some((b) => b.kind === "table" && b.table.caption === "表1-2 审核工作计划表"))!;
    const block = part.blocks.find((b) => b.kind === "table" && b.table.caption === "表1-2 审核工作计划表")!;
    if (block.kind !== "table") throw new Error("no table");
    const t = block.table;
    const textWidth = (part.landscape ? A4.height : A4.width) - 2 * 1440;
    const twips = columnTwips(t, textWidth);
    expect(twips.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(textWidth);
    const dates = t.header.map((_, i) => i).filter((i) => t.rows.some((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.cells[i] ?? "")));
    expect(dates.length).toBe(4);
    // ten digits and dashes of 五号 (5.25 pt = 105 twips each) and Word's cell margins (2 × 108 twips)
    for (const i of dates) expect(twips[i]!, t.header[i]).toBeGreaterThanOrEqual(10 * CHAR_TWIPS + 216);
  });
});

describe("format", () => {
  it("shows values as the sheet's number format does", () => {
    expect(formatCell(32.177520221042755, "0.00")).toBe("32.18");
    expect(formatCell(0.33729968092383045, "0.00%")).toBe("33.73%");
    expect(formatCell(3.9059999999999997, "General")).toBe("3.906");
    expect(formatCell(45352, "yyyy-mm-dd")).toBe("2024-03-01");
    expect(formatCell(2, "0")).toBe("2");
    expect(formatCell(null, "0.00")).toBe("");
    expect(formatCell("缺少贴现率", "0.00")).toBe("缺少贴现率");
    expect(roundHalfAwayFromZero(1.005, 2)).toBe("1.01");
    expect(roundHalfAwayFromZero(-2.5, 0)).toBe("-3");
    expect(roundHalfAwayFromZero(-0.001, 2)).toBe("0.00");
    expect(formatGeneral(336)).toBe("336");
    expect(formatGeneral(123456789012)).toBe("1.23457E+11");
    expect(formatGeneral(2e-10)).toBe("2E-10");
  });
});

describe("report document XML", () => {
  let styles: string;
  let document: string;
  let footers: string[];
  beforeAll(async () => {
    const bytes = await buildReport(loadCase("power-plant-workshop.json"), { lang: "zh-CN" });
    const zip = await JSZip.loadAsync(bytes);
    styles = await zip.file("word/styles.xml")!.async("string");
    document = await zip.file("word/document.xml")!.async("string");
    footers = await Promise.all(zip.file(/^word\/footer\d+\.xml$/).map((f) => f.async("string")));
  });

  /** The XML of style `id` in styles.xml. */
  const style = (id: string) => {
    const m = new RegExp(`<w:style\\b[^>]*w:styleId="${id}"[^>]*>([\\s\\S]*?)</w:style>`).exec(styles);
    if (!m) throw new Error(`no style ${id}`);
    return m[1]!;
  };

  it("body: 仿宋 小四 (24 half-points), line spacing at least 24 pt (480 twips)", () => {
    const defaults = /<w:docDefaults>([\s\S]*?)<\/w:docDefaults>/.exec(styles)![1]!;
    expect(defaults).toMatch(/w:eastAsia="仿宋"/);
    expect(defaults).toMatch(/<w:sz w:val="24"\/>/);
    expect(defaults).toMatch(/<w:spacing[^>]*w:line="480"[^>]*w:lineRule="atLeast"|<w:spacing[^>]*w:lineRule="atLeast"[^>]*w:line="480"/);
    const normal = style("Normal");
    expect(normal).toMatch(/w:eastAsia="仿宋"/);
    expect(normal).toMatch(/<w:sz w:val="24"\/>/);
    expect(normal).toMatch(/w:lineRule="atLeast"/);
    expect(normal).toMatch(/w:line="480"/);
  });

  it("heading 1 黑体 三号 (32) bold; heading 2 仿宋 四号 (28) bold, both with lines of at least 24 pt", () => {
    const h1 = style("Heading1");
    expect(h1).toMatch(/w:eastAsia="黑体"/);
    expect(h1).toMatch(/<w:sz w:val="32"\/>/);
    expect(h1).toMatch(/<w:b\/>/);
    expect(h1).toMatch(/w:lineRule="atLeast"/);
    const h2 = style("Heading2");
    expect(h2).toMatch(/w:eastAsia="仿宋"/);
    expect(h2).toMatch(/<w:sz w:val="28"\/>/);
    expect(h2).toMatch(/<w:b\/>/);
    // the headings are used
    expect(document).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(document).toMatch(/<w:pStyle w:val="Heading2"\/>/);
  });

  it("table text and captions 五号 (21 half-points), and every table cell uses the table style", () => {
    expect(style("TableText")).toMatch(/<w:sz w:val="21"\/>/);
    expect(style("TableCaption")).toMatch(/<w:sz w:val="21"\/>/);
    const cells = [...document.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => m[1]!);
    expect(cells.length).toBeGreaterThan(100);
    for (const c of cells) expect(c).toMatch(/<w:pStyle w:val="TableText"\/>/);
  });

  it("A4 pages (portrait 11906 × 16838 twips; wide tables on landscape A4), a PAGE field in every footer", () => {
    const sizes = [...document.matchAll(/<w:pgSz\b([^>]*)\/>/g)].map((m) => m[1]!);
    expect(sizes.length).toBeGreaterThan(2);
    for (const s of sizes) {
      const w = Number(/w:w="(\d+)"/.exec(s)![1]);
      const h = Number(/w:h="(\d+)"/.exec(s)![1]);
      const landscape = /w:orient="landscape"/.test(s);
      expect(landscape ? [h, w] : [w, h]).toEqual([11906, 16838]);
    }
    expect(sizes.some((s) => /w:orient="landscape"/.test(s))).toBe(true);
    expect(footers.length).toBeGreaterThan(0);
    for (const f of footers) expect(f).toMatch(/PAGE/);
    // every section references a footer
    const sects = [...document.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    for (const s of sects) expect(s).toMatch(/<w:footerReference /);
  });

  it("placeholders are highlighted", () => {
    const runs = [...document.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => m[1]!).filter((r) => r.includes("【待填写："));
    expect(runs.length).toBeGreaterThan(10);
    for (const r of runs) expect(r).toMatch(/<w:highlight w:val="yellow"\/>/);
  });
});
