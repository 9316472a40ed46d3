/**
 * Issue 12 (helper T): 表6-7 specific indicators before/after (tblSpecificIndicators), 表6-8 target
 * attainment (tblTargetAttainment), 表7-1 continuous CP plan (tblContinuousPlan), 表7-2 CP
 * organisation and rules (tblCpOrganisation, tblCpRules) — built, recalculated by LibreOffice,
 * edited and recalculated again; expected figures by hand arithmetic written here.
 *
 * The test enterprise (written below, not a bundled case) makes 1 000 t of product in the audit
 * year with 5 000 m³ of fresh water (5 m³/t) and 200 000 kWh (200 kWh/t). Its benchmark (typed
 * here) rates fresh water ≤ I 3 / II 4.5 / III 6 m³/t through 数据来源 新鲜水, and 产品合格率 ≥ I 99 /
 * II 97 / III 95 % by its 二级指标 name.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { TBL_ANNUAL } from "../src/worksheets/definitions/annual-data.worksheet";
import { TBL_CONTINUOUS_PLAN } from "../src/worksheets/definitions/continuous-cp.worksheet";
import { TBL_SPECIFIC_INDICATORS } from "../src/worksheets/definitions/indicators-after.worksheet";
import { TBL_TARGET_ATTAINMENT } from "../src/worksheets/definitions/target-attainment.worksheet";
import type { Lang, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "./helpers/model-check";
import { col, rowIndexOf, shownAt, shownRows } from "./helpers/tables";
import { expectClose } from "./helpers/tolerance";
import { appendTableRows, setTableCells } from "./helpers/workbook-edit";

const hasSoffice = requireSoffice();
const LANGS: Lang[] = ["zh-CN", "en-US"];
const KEYS = ["WS6-8", "WS7-1", "WS7-2"];

function enterpriseJson(): Record<string, unknown> {
  return {
    meta: { title: "Issue 12 test enterprise", enterprise: "测试厂" },
    parameters: { auditYear: 2024 },
    annualData: [
      { category: "产品", name: "成品", unit: "t", y0: 1000, reference: true },
      { category: "水", name: "新鲜水", unit: "m3", y0: 5000 },
      { category: "能源", name: "电", unit: "kWh", y0: 200_000 },
    ],
    benchmark: {
      indicators: [
        { no: "1", level1: "资源消耗", weight1: 1, level2: "单位产品新鲜水耗", weight2: 1, unit: "m3/t", I: 3, II: 4.5, III: 6, direction: "≤" },
        { no: "2", level1: "产品", weight1: 1, level2: "产品合格率", weight2: 1, unit: "%", I: 99, II: 97, III: 95, direction: "≥" },
      ],
      sources: { "1": "新鲜水" },
      values: { "2": 96 },
    },
    targets: [
      { item: "新鲜水", unit: "m3/t", direction: "越低越好", shortTerm: { relative: 0.1 } },
      { item: "电", unit: "kWh/t", direction: "越低越好", shortTerm: { absolute: 190 } },
      { item: "产品合格率", unit: "%", direction: "越高越好", baseline: 96, shortTerm: { absolute: 98.5 } },
      { item: "COD排放浓度", unit: "mg/L", direction: "越低越好", baseline: 80, shortTerm: { absolute: 60 } },
    ],
    specificIndicators: [
      { indicator: "新鲜水", unit: "m3/t", direction: "越低越好", after: 4.2 },
      { indicator: "电", unit: "kWh/t", direction: "越低越好", before: 210, after: 195 },
      { indicator: "产品合格率", unit: "%", direction: "越高越好", before: 96, after: 98 },
      { indicator: "蒸汽", unit: "t/t", direction: "越低越好", before: 10 },
    ],
    targetAttainment: [{ target: "新鲜水" }, { target: "电" }, { target: "产品合格率", actual: 99 }, { target: "COD排放浓度", actual: 55 }, { target: "废水回用率", actual: 50 }],
    continuousPlan: [
      { category: "下一轮清洁生产审核工作计划", content: "以包装工段为下一轮审核重点", start: "2025-03-01", end: "2025-12-31", department: "清洁生产办公室" },
      { category: "企业职工的清洁生产培训计划", content: "全员培训", start: "2025-06-30", end: "2025-06-01", department: "人力资源部" },
      { category: "Staff CP training" },
    ],
    cpOrganisation: [{ name: "清洁生产领导小组", head: "厂长", members: "各部门负责人", duties: "审定目标与奖惩", reportsTo: "厂部" }],
    cpRules: [{ name: "清洁生产管理办法", content: "考核与奖惩", issued: "2025-01-10", department: "清洁生产办公室" }],
  };
}

function enterpriseCase(): AuditCase {
  const v = validateCase(enterpriseJson());
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.value;
}

interface Built {
  book: WorkbookModel;
  grids: Map<string, string[][]>;
  edited: Map<string, string[][]>;
}
const built = new Map<Lang, Built>();
const num = (t: string) => parseSpreadsheetNumber(t);

const TEXT = {
  "zh-CN": { better: "改善", worse: "变差", met: "完成", notMet: "未完成", fromIndicators: "表6-7", typed: "输入", II: "II级", III: "III级", noAfter: "缺少审核后数值", unusedBefore: "已取年度数据，审核前输入值未用", unused: "已取表6-7审核后值，输入值未用", unknown: "不在表2-12中", endFirst: "结束早于开始", lower: "越低越好", training: "企业职工的清洁生产培训计划" },
  "en-US": { better: "Better", worse: "Worse", met: "Met", notMet: "Not met", fromIndicators: "Table 6-7", typed: "Typed", II: "Level II", III: "Level III", noAfter: "After missing", unusedBefore: "Annual data used, typed Before ignored", unused: "Table 6-7 value used, typed one ignored", unknown: "Not in Table 2-12", endFirst: "Ends before it starts", lower: "Lower is better", training: "Staff CP training" },
} as const;

describe.skipIf(!hasSoffice)("issue 12 (T): indicators before/after, target attainment, continuous CP — LibreOffice", () => {
  beforeAll(async () => {
    const c = enterpriseCase();
    for (const lang of LANGS) {
      const book = buildWorkbook(c, { lang, keys: KEYS });
      const bytes = await writeXlsx(book);
      const grids = await recalculate(await stripCachedValues(bytes));
      // three edits in independent rows: an actual value typed in 表6-8, an 审核后 of 表6-7, an annual quantity;
      // and two rows typed below the continuous plan
      const A = (k: keyof typeof TBL_ANNUAL.columns) => col(TBL_ANNUAL, k, lang);
      const I = (k: keyof typeof TBL_SPECIFIC_INDICATORS.columns) => col(TBL_SPECIFIC_INDICATORS, k, lang);
      const T = (k: keyof typeof TBL_TARGET_ATTAINMENT.columns) => col(TBL_TARGET_ATTAINMENT, k, lang);
      const P = (k: keyof typeof TBL_CONTINUOUS_PLAN.columns) => col(TBL_CONTINUOUS_PLAN, k, lang);
      let e = await setTableCells(bytes, "tblTargetAttainment", rowIndexOf(book, "tblTargetAttainment", T("target"), "COD排放浓度"), { [T("actualIn")]: 70 });
      e = await setTableCells(e, "tblSpecificIndicators", rowIndexOf(book, "tblSpecificIndicators", I("item"), "电"), { [I("after")]: 185 });
      e = await setTableCells(e, "tblAnnualData", rowIndexOf(book, "tblAnnualData", A("name"), "新鲜水"), { [A("y0")]: 6000 });
      e = await appendTableRows(e, "tblContinuousPlan", [
        { [P("category")]: TEXT[lang].training, [P("content")]: "班组长培训", [P("start")]: 45_900, [P("end")]: 45_800 },
        { [P("category")]: TEXT[lang].training },
      ]);
      // a row typed below 表6-7 and one below 表6-8: counted above their tables
      e = await appendTableRows(e, "tblSpecificIndicators", [{ [I("item")]: "氨氮", [I("dir")]: TEXT[lang].lower, [I("beforeIn")]: 8, [I("after")]: 6 }]);
      e = await appendTableRows(e, "tblTargetAttainment", [{ [T("target")]: "COD排放浓度", [T("actualIn")]: 58 }]);
      const edited = await recalculate(await stripCachedValues(e));
      built.set(lang, { book, grids, edited });
    }
  }, 240_000);

  for (const lang of LANGS) {
    describe(lang, () => {
      const I = (k: keyof typeof TBL_SPECIFIC_INDICATORS.columns) => col(TBL_SPECIFIC_INDICATORS, k, lang);
      const T = (k: keyof typeof TBL_TARGET_ATTAINMENT.columns) => col(TBL_TARGET_ATTAINMENT, k, lang);
      const P = (k: keyof typeof TBL_CONTINUOUS_PLAN.columns) => col(TBL_CONTINUOUS_PLAN, k, lang);
      const X = TEXT[lang];
      const ind = (g: Map<string, string[][]>, item: string, k: keyof typeof TBL_SPECIFIC_INDICATORS.columns) =>
        shownAt(g, built.get(lang)!.book, "tblSpecificIndicators", rowIndexOf(built.get(lang)!.book, "tblSpecificIndicators", I("item"), item), I(k));
      const att = (g: Map<string, string[][]>, target: string, k: keyof typeof TBL_TARGET_ATTAINMENT.columns) =>
        shownAt(g, built.get(lang)!.book, "tblTargetAttainment", rowIndexOf(built.get(lang)!.book, "tblTargetAttainment", T("target"), target), T(k));

      it("has no error cell before and after the edits, and every cached value is LibreOffice's", () => {
        const b = built.get(lang)!;
        expect(findErrorCells(b.grids)).toEqual([]);
        expect(findErrorCells(b.edited)).toEqual([]);
        for (const s of b.book.sheets) expect(checkRecalculatedAgainstModel(s, b.grids.get(s.name)).map((m) => m.message)).toEqual([]);
      });

      it("表6-7: baseline linked from the annual data or typed, change, rate, verdict, benchmark levels", () => {
        const g = built.get(lang)!.grids;
        // 新鲜水: 5 000 m³ / 1 000 t = 5 → 4.2: −0.8, −16 %; benchmark via 数据来源: 5 ≤ III 6 → III, 4.2 ≤ II 4.5 → II
        expectClose(num(ind(g, "新鲜水", "before"))!, 5);
        expectClose(num(ind(g, "新鲜水", "change"))!, 4.2 - 5);
        expectClose(num(ind(g, "新鲜水", "rate"))!, -0.8 / 5);
        expect(ind(g, "新鲜水", "verdict")).toBe(X.better);
        expect(ind(g, "新鲜水", "levelBefore")).toBe(X.III);
        expect(ind(g, "新鲜水", "levelAfter")).toBe(X.II);
        // 电: 200 000 / 1 000 = 200 kWh/t (the typed 210 is not used, and flagged) → 195; not in the benchmark: no level
        expectClose(num(ind(g, "电", "before"))!, 200);
        expect(ind(g, "电", "check")).toBe(X.unusedBefore);
        expectClose(num(ind(g, "电", "rate"))!, -5 / 200);
        expect(ind(g, "电", "levelBefore")).toBe("");
        // 产品合格率: typed 96 → 98 (higher is better): +2, +2/96; by 二级指标: 96 ≥ III 95 → III, 98 ≥ II 97 → II
        expectClose(num(ind(g, "产品合格率", "before"))!, 96);
        expectClose(num(ind(g, "产品合格率", "rate"))!, 2 / 96);
        expect(ind(g, "产品合格率", "verdict")).toBe(X.better);
        expect(ind(g, "产品合格率", "levelBefore")).toBe(X.III);
        expect(ind(g, "产品合格率", "levelAfter")).toBe(X.II);
        // 蒸汽: no 审核后 → blank results and a check
        expect(ind(g, "蒸汽", "change")).toBe("");
        expect(ind(g, "蒸汽", "rate")).toBe("");
        expect(ind(g, "蒸汽", "verdict")).toBe("");
        expect(ind(g, "蒸汽", "check")).toBe(X.noAfter);
        expect(ind(g, "新鲜水", "check")).toBe("");
      });

      it("表6-8: baseline, direction and short-term target looked up from 表2-12, actual from 表6-7 or typed, 完成 and 完成率", () => {
        const g = built.get(lang)!.grids;
        // 新鲜水: 现状 5, target 5 × (1 − 0.1) = 4.5, actual 4.2 (表6-7) ≤ 4.5 → met; (5 − 4.2)/(5 − 4.5) = 1.6
        expectClose(num(att(g, "新鲜水", "base"))!, 5);
        expectClose(num(att(g, "新鲜水", "goal"))!, 4.5);
        expect(att(g, "新鲜水", "dir")).toBe(X.lower);
        expectClose(num(att(g, "新鲜水", "actual"))!, 4.2);
        expect(att(g, "新鲜水", "from")).toBe(X.fromIndicators);
        expect(att(g, "新鲜水", "met")).toBe(X.met);
        expectClose(num(att(g, "新鲜水", "rate"))!, 1.6);
        // 电: 200 → target 190, actual 195 > 190 → not met; (200 − 195)/(200 − 190) = 0.5
        expect(att(g, "电", "met")).toBe(X.notMet);
        expectClose(num(att(g, "电", "rate"))!, 0.5);
        // 产品合格率 (higher is better): actual 98 from 表6-7 (the typed 99 is ignored and flagged) < 98.5 → not met; (96 − 98)/(96 − 98.5) = 0.8
        expectClose(num(att(g, "产品合格率", "actual"))!, 98);
        expect(att(g, "产品合格率", "met")).toBe(X.notMet);
        expectClose(num(att(g, "产品合格率", "rate"))!, 0.8);
        expect(att(g, "产品合格率", "check")).toBe(X.unused);
        // COD: typed 55 ≤ 60 → met; (80 − 55)/(80 − 60) = 1.25
        expect(att(g, "COD排放浓度", "from")).toBe(X.typed);
        expect(att(g, "COD排放浓度", "met")).toBe(X.met);
        expectClose(num(att(g, "COD排放浓度", "rate"))!, 1.25);
        // not a target of 表2-12: nothing looked up, no verdict, flagged
        expect(att(g, "废水回用率", "base")).toBe("");
        expect(att(g, "废水回用率", "met")).toBe("");
        expect(att(g, "废水回用率", "check")).toBe(X.unknown);
        // counts above the table: 4 known targets, 2 met, 2 not met
        const sheet = built.get(lang)!.book.sheets.find((s) => s.key === "WS6-8")!;
        const grid = g.get(sheet.name)!;
        const line = grid.find((r) => r.includes(X.met) && r.includes(X.notMet))!;
        expect(num(line[line.indexOf(X.met) + 1]!)).toBe(2);
        expect(num(line[line.indexOf(X.notMet) + 1]!)).toBe(2);
      });

      it("after the edits: a typed actual, an 审核后 of 表6-7 and an annual quantity flow into 完成 and 完成率", () => {
        const e = built.get(lang)!.edited;
        // COD actual 55 → 70: 70 > 60 → not met, (80 − 70)/(80 − 60) = 0.5
        expect(att(e, "COD排放浓度", "met")).toBe(X.notMet);
        expectClose(num(att(e, "COD排放浓度", "rate"))!, 0.5);
        // 电 审核后 195 → 185 in 表6-7: 表6-8 takes it, 185 ≤ 190 → met, (200 − 185)/(200 − 190) = 1.5
        expectClose(num(att(e, "电", "actual"))!, 185);
        expect(att(e, "电", "met")).toBe(X.met);
        expectClose(num(att(e, "电", "rate"))!, 1.5);
        // 新鲜水 Y0 5 000 → 6 000 m³: 表6-7 审核前 6, change −1.8, rate −0.3, level before III (6 ≤ 6);
        // 表6-8 现状 6, target 6 × 0.9 = 5.4, 4.2 → met, (6 − 4.2)/(6 − 5.4) = 3
        expectClose(num(ind(e, "新鲜水", "before"))!, 6);
        expectClose(num(ind(e, "新鲜水", "change"))!, 4.2 - 6);
        expectClose(num(ind(e, "新鲜水", "rate"))!, -1.8 / 6);
        expect(ind(e, "新鲜水", "levelBefore")).toBe(X.III);
        expectClose(num(att(e, "新鲜水", "base"))!, 6);
        expectClose(num(att(e, "新鲜水", "goal"))!, 5.4);
        expectClose(num(att(e, "新鲜水", "rate"))!, 3);
      });

      it("rows typed below 表6-7 and 表6-8 compute like the others and count in the summaries above", () => {
        const { book, edited } = built.get(lang)!;
        const nh3 = shownRows(edited, book, "tblSpecificIndicators", 1).find((r) => r[I("item")] === "氨氮")!;
        // typed 8 → 6 (lower is better): −2, −25 %, better
        expectClose(num(nh3[I("before")]!)!, 8);
        expectClose(num(nh3[I("rate")]!)!, -0.25);
        expect(nh3[I("verdict")]).toBe(X.better);
        const cod = shownRows(edited, book, "tblTargetAttainment", 1).filter((r) => r[T("target")] === "COD排放浓度").at(-1)!;
        // 58 ≤ 60 → met; (80 − 58)/(80 − 60) = 1.1
        expect(cod[T("met")]).toBe(X.met);
        expectClose(num(cod[T("rate")]!)!, 1.1);
        const summary = (key: string, label: string) => {
          const grid = edited.get(book.sheets.find((s) => s.key === key)!.name)!;
          const line = grid.find((r) => r.includes(label))!;
          return num(line[line.indexOf(label) + 1]!);
        };
        // 表6-7: 新鲜水, 电, 产品合格率 and 氨氮 better (石灰石-like worsening: none here)
        expect(summary("WS6-7", X.better)).toBe(4);
        // 表6-8 after the edits: met 新鲜水, 电, the typed COD row; not met 产品合格率, the edited COD (70)
        expect(summary("WS6-8", X.met)).toBe(3);
        expect(summary("WS6-8", X.notMet)).toBe(2);
      });

      it("表7-1: an end before the start is flagged, a row with only its category is not; rows typed below are checked too", () => {
        const { book, grids, edited } = built.get(lang)!;
        const rows = shownRows(grids, book, "tblContinuousPlan");
        expect(rows[0]![P("check")]).toBe("");
        expect(rows[1]![P("check")]).toBe(X.endFirst);
        expect(rows[2]![P("category")]).toBe(X.training);
        expect(rows[2]![P("check")]).toBe("");
        const grown = shownRows(edited, book, "tblContinuousPlan", 2);
        const typed = grown.filter((r) => r[P("category")] === X.training);
        // the case's two training rows, then the two typed below: 班组长培训 ends before it starts, the other holds only its category
        expect(typed.map((r) => r[P("check")])).toEqual([X.endFirst, "", X.endFirst, ""]);
      });
    });
  }

  it("the blank template: 表7-1 lists the four categories with a blank check; the other tables show nothing", async () => {
    for (const lang of LANGS) {
      const book = buildWorkbook(null, { lang, keys: KEYS });
      const grids = await recalculate(await stripCachedValues(await writeXlsx(book)));
      expect(findErrorCells(grids)).toEqual([]);
      const plan = shownRows(grids, book, "tblContinuousPlan");
      expect(plan.slice(0, 4).map((r) => r[col(TBL_CONTINUOUS_PLAN, "category", lang)] !== "")).toEqual([true, true, true, true]);
      for (const r of plan) expect(r[col(TBL_CONTINUOUS_PLAN, "check", lang)]).toBe("");
      for (const table of ["tblSpecificIndicators", "tblTargetAttainment", "tblCpOrganisation", "tblCpRules"]) {
        for (const row of shownRows(grids, book, table)) for (const [k, v] of Object.entries(row)) expect(v, `${lang} ${table} ${k}`).toBe("");
      }
    }
  }, 120_000);
});
