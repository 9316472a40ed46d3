/**
 * The report's key figures of 表6-9 (figures.ts "WS6-9"): the performance table's totals — options
 * proposed and implemented, investment, benefit, energy saved (tce/a, with the electricity
 * convention), electricity, water, COD, CO2 avoided — in a sentence under the sheet and in 结论,
 * read from the built sheet's cells. Expected numbers are hand sums from the demo case JSON (as in
 * test/issue12-effects.test.ts: 削减量 = before − after per item; tce and CO2 with the research
 * notes' coefficients: 当量 0.1229 kgce/kWh, 新水 0.0857 kgce/t, the national grid factor of the
 * case's data year).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FIGURES } from "../src/report/figures";
import { reportOutline } from "../src/report/outline";
import { validateCase } from "../src/worksheets/case";
import type { Lang } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";

const DEMO = "cases/power-plant-workshop.json";
const KGCE_KWH = 0.1229;
const KGCE_WATER = 0.0857;
const KGCE_STEAM = 128.6;
const GRID_NATIONAL: Record<number, number> = { 2021: 0.5568, 2022: 0.5366, 2023: 0.5306 };
const STEAM_GJ = 3.763;
const HEAT_CO2 = 0.11;

interface EffectJson {
  item: string;
  before?: number;
  after?: number;
}
interface DemoJson {
  parameters: { factorYear?: number; gridRegion?: string; electricityConvention?: string };
  options: { id: string; costClass?: string; library?: string }[];
  lowCostEffects: EffectJson[];
  highCostEffects: EffectJson[];
}

const json = JSON.parse(readFileSync(DEMO, "utf8")) as DemoJson;
const v = validateCase(json);
if (!v.ok) throw new Error(v.errors.map((e) => e.message).join("; "));
const c = v.value;

const d = (rows: EffectJson[], item: string) => rows.filter((r) => r.item === item).reduce((s, r) => s + (r.before! - r.after!), 0);
/** Every row of 表6-9 prints with 2 decimals (万元, tce, tCO2 and the reductions, format 0.00). */
const r2 = (x: number) => (Math.round(x * 100) / 100).toFixed(2);

describe("report: the performance table's totals (表6-9) in a sentence and in 结论", () => {
  // the hand sums (the test relies on 全国 and 当量, asserted here)
  expect(json.parameters.gridRegion ?? "全国").toBe("全国");
  expect(json.parameters.electricityConvention ?? "当量").toBe("当量");
  const grid = GRID_NATIONAL[json.parameters.factorYear ?? 2023]!;
  const kwh = [d(json.lowCostEffects, "电力"), d(json.highCostEffects, "电力")] as const;
  const water = [d(json.lowCostEffects, "新水"), d(json.highCostEffects, "新水")] as const;
  const steam = [d(json.lowCostEffects, "蒸汽"), d(json.highCostEffects, "蒸汽")] as const;
  const cod = [d(json.lowCostEffects, "COD"), d(json.highCostEffects, "COD")] as const;
  const tce = [0, 1].map((g) => (kwh[g]! * KGCE_KWH + water[g]! * KGCE_WATER + steam[g]! * KGCE_STEAM) / 1000);
  const co2 = [0, 1].map((g) => (kwh[g]! * grid) / 1000 + steam[g]! * STEAM_GJ * HEAT_CO2);
  // the register: F-01, F-02 (library GEN-11, 无/低费), F-03 no/low-cost; Z-01, Z-02 medium/high-cost
  // 表6-6: F-01, F-02, F-03 and Z-01; investment 0 + 0.8 + 0 and Z-01's ex-post 33.2; benefit 1.2 + 2.5 + 0.9 and 14.6

  for (const lang of ["zh-CN", "en-US"] as Lang[]) {
    it(`${lang}: every figure as summed by hand, the electricity convention beside the tce, zero items left out`, () => {
      const book = buildWorkbook(c, { lang });
      const [sentence] = FIGURES["WS6-9"]!.paragraphs({ book, lang });
      expect(sentence).toBeDefined();
      const zh = lang === "zh-CN";
      const L = zh ? "无/低费" : "No/low-cost";
      const H = zh ? "中/高费" : "Mid/high-cost";
      const part = (label: string, total: string, unit: string, lo: string, hi: string, note = "") =>
        zh ? `${label} ${total} ${unit}（${L} ${lo}，${H} ${hi}${note ? `，${note}` : ""}）` : `${label} ${total} ${unit} (${L} ${lo}, ${H} ${hi}${note ? `, ${note}` : ""})`;
      const expected = [
        part(zh ? "提出方案数" : "Options proposed", "5", zh ? "项" : "no.", "3", "2"),
        part(zh ? "实施方案数" : "Options implemented", "4", zh ? "项" : "no.", "3", "1"),
        part(zh ? "投资" : "Investment", r2(0.8 + 33.2), zh ? "万元" : "10⁴ CNY", r2(0.8), r2(33.2)),
        part(zh ? "经济效益" : "Economic benefit", r2(1.2 + 2.5 + 0.9 + 14.6), zh ? "万元/a" : "10⁴ CNY/a", r2(1.2 + 2.5 + 0.9), r2(14.6)),
        part(zh ? "节能量" : "Energy saved", r2(tce[0]! + tce[1]!), "tce/a", r2(tce[0]!), r2(tce[1]!), zh ? "电力按当量值折标" : "Power: Equivalent value"),
        part(zh ? "节电" : "Electricity saved", r2((kwh[0] + kwh[1]) / 10000), zh ? "万kWh/a" : "10⁴ kWh/a", r2(kwh[0] / 10000), r2(kwh[1] / 10000)),
        part(zh ? "节水（新水）" : "Fresh water saved", r2(water[0] + water[1]), "t/a", r2(water[0]), r2(water[1])),
        part(zh ? "削减 COD" : "COD reduced", r2(cod[0] + cod[1]), "t/a", r2(cod[0]), r2(cod[1])),
        part(zh ? "减碳量 CO2" : "CO2 avoided", r2(co2[0]! + co2[1]!), "tCO2/a", r2(co2[0]!), r2(co2[1]!)),
      ];
      expect(sentence).toBe(zh ? `清洁生产审核绩效（表6-9）合计：${expected.join("；")}。` : `Performance of the audit (Table 6-9), in total: ${expected.join("; ")}.`);
      // the items that are 0 in both groups are not named
      expect(sentence).not.toContain(zh ? "氨氮" : "NH3-N");
      // the same sentence in 结论
      const o = reportOutline(book, c);
      const blocks = o.parts.flatMap((p) => p.blocks);
      const concl = blocks.findIndex((b) => b.kind === "heading" && b.level === 1 && b.text === (zh ? "结论" : "Conclusions"));
      expect(concl).toBeGreaterThan(0);
      expect(blocks.slice(concl).some((b) => b.kind === "para" && b.text === sentence)).toBe(true);
    });
  }

  it("the demo's 结论 recommends Z-01 and Z-02 (表5-4), as chapter 6 implements them", () => {
    const book = buildWorkbook(c, { lang: "zh-CN" });
    const blocks = reportOutline(book, c).parts.flatMap((p) => p.blocks);
    const concl = blocks.findIndex((b) => b.kind === "heading" && b.level === 1 && b.text === "结论");
    const texts = blocks.slice(concl).flatMap((b) => (b.kind === "para" ? [b.text] : []));
    expect(texts).toContain("综合技术、环境和经济评估（表5-4），推荐实施的方案 2 项，按实施顺序为：Z-01 冷凝水余热回收、Z-02 电除尘器仪表改造。");
    expect(texts.join("")).not.toContain("待定");
  });
});
