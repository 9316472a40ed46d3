/**
 * A large synthetic audit case for `npm run bench` (issue 3 item 6), deterministic: the same seed gives the
 * same case, byte for byte, on every machine.
 *
 * Shape (defaults):
 * - 1,000 options (方案汇总表 WS4-1): ids F-0001..F-1000, the 8 aspects and 4 cost classes in rotation with
 *   random investment (万元) and annual benefit (万元/a); every 中费/高费 option (half of them, 500) also has an
 *   economics entry (WS5-3/WS5-4) with I and P (F derived from P with t and Y), a tenth of those with a
 *   given F (annualCashFlow) instead;
 * - focus selection (WS2-11): 200 candidates × 10 factors, weights 1–10, scores 1–10;
 * - material balance (WS3-4): 2,000 streams over 20 unit operations (100 each, half inputs, half outputs),
 *   each balance roughly closed (relative error within a few %); the basis is t/d, most streams in t/d,
 *   one in five in t/a, one in twenty in kg/d, so the conversion column has work to do;
 * - 300 waste sources (WS2-6) over 12 workshops and the 5 categories.
 *
 * The case is plain JSON (what a case file holds) and passes `validateCase`.
 */
import type { AuditCase, BalanceEntry, BalanceStream, EconomicsEntry, OptionEntry, WasteSource } from "../src/worksheets/case";

export interface SyntheticSize {
  options: number;
  candidates: number;
  factors: number;
  balanceStreams: number;
  unitOperations: number;
  wasteSources: number;
}

export const DEFAULT_SIZE: SyntheticSize = {
  options: 1000,
  candidates: 200,
  factors: 10,
  balanceStreams: 2000,
  unitOperations: 20,
  wasteSources: 300,
};

export const DEFAULT_SEED = 20240603;

/** mulberry32: small, fast, seeded PRNG in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ASPECTS = ["原辅材料和能源", "技术工艺", "设备", "过程控制", "产品", "废弃物", "管理", "员工"];
const COST_CLASSES = ["无费", "低费", "中费", "高费"];
const STATUSES = ["待筛选", "可行无低费", "初步可行中高费", "不可行", "已实施"];
const CATEGORIES = ["废水", "废气", "固废", "危废", "噪声"];
const WASTE_UNITS: Record<string, string[]> = {
  废水: ["t/a", "m3/a", "t/d"],
  废气: ["t/a", "kg/a"],
  固废: ["t/a", "kg/d"],
  危废: ["t/a", "kg/a"],
  噪声: ["t/a"], // no audit unit for dB(A); a placeholder quantity of 0 t/a
};
const WORKSHOPS = ["原料车间", "配料工段", "反应工段", "精馏工段", "干燥工段", "包装车间", "锅炉房", "空压站", "污水站", "循环水站", "仓储", "机修车间"];
const STREAM_WORDS = ["原料", "辅料", "新鲜水", "蒸汽", "回用水", "产品", "副产品", "废水", "废气", "废渣", "损耗", "蒸发"];

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/**
 * Builds the synthetic case.
 * @param seed PRNG seed (default {@link DEFAULT_SEED})
 * @param size counts (default {@link DEFAULT_SIZE})
 */
export function syntheticCase(seed = DEFAULT_SEED, size: SyntheticSize = DEFAULT_SIZE): AuditCase {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

  // --- waste sources
  const wasteSources: WasteSource[] = [];
  for (let k = 0; k < size.wasteSources; k++) {
    const category = CATEGORIES[k % CATEGORIES.length]!;
    const noise = category === "噪声";
    wasteSources.push({
      workshop: WORKSHOPS[k % WORKSHOPS.length]!,
      source: `产生源${k + 1}`,
      category,
      name: `${category}${k + 1}`,
      quantity: noise ? 0 : round(1 + 50000 * rnd() * rnd(), 2),
      unit: pick(WASTE_UNITS[category]!),
      treatment: pick(["厂内处理", "外委处置", "回用", "直排", "综合利用"]),
      annualCost: round(20 * rnd(), 2),
      ...(k % 10 === 0 ? { remark: "合成数据" } : {}),
    });
  }

  // --- focus selection
  const factors = Array.from({ length: size.factors }, (_, j) => ({ name: `因素${j + 1}`, weight: int(1, 10) }));
  const candidates = Array.from({ length: size.candidates }, (_, k) => ({
    name: `备选${String(k + 1).padStart(3, "0")}`,
    scores: Array.from({ length: size.factors }, () => int(1, 10)),
  }));

  // --- material balance: streams spread evenly over the unit operations, half inputs, half outputs
  const materialBalance: BalanceEntry[] = [];
  const perOp = Math.floor(size.balanceStreams / size.unitOperations);
  let streamNo = 0;
  for (let u = 0; u < size.unitOperations; u++) {
    const count = u === size.unitOperations - 1 ? size.balanceStreams - perOp * u : perOp;
    const nIn = Math.ceil(count / 2);
    const nOut = count - nIn;
    const inputsTd = Array.from({ length: nIn }, () => round(1 + 200 * rnd(), 3));
    const totalIn = inputsTd.reduce((s, x) => s + x, 0);
    // outputs share ΣIn·(1 − e), e within ±3 %: the balance closes within the default 5 % tolerance
    const closing = 1 - (rnd() * 0.06 - 0.03);
    const shares = Array.from({ length: nOut }, () => 0.2 + rnd());
    const shareSum = shares.reduce((s, x) => s + x, 0);
    const outputsTd = shares.map((s) => (totalIn * closing * s) / shareSum);
    const stream = (td: number, dir: string): BalanceStream => {
      streamNo++;
      const name = `${pick(STREAM_WORDS)}${dir}${streamNo}`;
      // one in five in t/a (× 365), one in twenty in kg/d (× 1000), the rest in the basis t/d
      if (streamNo % 5 === 0) return { stream: name, quantity: round(td * 365, 2), unit: "t/a" };
      if (streamNo % 20 === 1) return { stream: name, quantity: round(td * 1000, 1), unit: "kg/d" };
      return { stream: name, quantity: round(td, 3), unit: "t/d" };
    };
    materialBalance.push({
      unitOperation: `单元${String(u + 1).padStart(2, "0")}`,
      basis: "t/d",
      inputs: inputsTd.map((x) => stream(x, "入")),
      outputs: outputsTd.map((x) => stream(x, "出")),
    });
  }

  // --- options and the economics of the 中费/高费 ones
  const options: OptionEntry[] = [];
  const economics: EconomicsEntry[] = [];
  for (let k = 0; k < size.options; k++) {
    const id = `F-${String(k + 1).padStart(4, "0")}`;
    const costClass = COST_CLASSES[k % COST_CLASSES.length]!;
    const medHigh = costClass === "中费" || costClass === "高费";
    const investment = medHigh
      ? round(costClass === "中费" ? 10 + 90 * rnd() : 100 + 900 * rnd(), 2)
      : costClass === "低费"
        ? round(0.5 + 9 * rnd(), 2)
        : 0;
    // P between 15 % and 60 % of I (payback well inside 10 years, so IRR exists); no-cost options save a little
    const annualBenefit = investment > 0 ? round(investment * (0.15 + 0.45 * rnd()), 2) : round(0.1 + 5 * rnd(), 2);
    options.push({
      id,
      name: `方案${k + 1}：${pick(ASPECTS)}改进`,
      aspect: ASPECTS[(k >> 2) % ASPECTS.length]!,
      costClass,
      investment,
      annualBenefit,
      description: `合成方案 ${id}`,
      environmentalEffect: pick(["减少废水排放", "降低能耗", "减少固废", "减少VOCs", "节约原料"]),
      status: medHigh ? "初步可行中高费" : pick(STATUSES),
    });
    if (medHigh) {
      const e: EconomicsEntry = { optionId: id, investment, annualSavings: annualBenefit };
      if (economics.length % 10 === 9) e.annualCashFlow = round(annualBenefit * 0.8 + investment / 10 * 0.25, 2);
      if (economics.length % 25 === 7) e.technical = "不可行";
      economics.push(e);
    }
  }

  return {
    meta: {
      title: "合成基准案例 Synthetic bench case",
      enterprise: "Synthetic Enterprise",
      auditRound: "第一轮",
      preparedBy: "bench",
      checkedBy: "bench",
      date: "2024-06-03",
      industry: "合成",
      currency: "万元",
      source: `bench/synthetic-case.ts, seed ${seed}`,
    },
    parameters: {
      discountRate: 0.08,
      taxRate: 0.25,
      depreciationYears: 10,
      evaluationYears: 10,
      benchmarkRate: 0.1,
      balanceTolerance: 0.05,
    },
    wasteSources,
    focusSelection: { factors, candidates },
    materialBalance,
    options,
    economics,
  };
}
