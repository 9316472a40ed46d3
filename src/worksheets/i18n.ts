/**
 * Labels in both languages and the enumerations of the audit method (spec §1.3, §5).
 *
 * Every label a definition writes is a {@link L} pair: the zh-CN text as the standard writes it
 * and the en-US text beside it. {@link tr} picks one for the workbook's language. Enumerated values
 * (waste category, option aspect, cost class, status, conclusion, balance direction) have a
 * canonical zh-CN form used in cases and a en-US form; the lists sheet holds the items of the
 * workbook's language and every formula compares against those same texts.
 */
import { ENERGY_CARBON } from "../core/energy-carbon";
import type { Lang } from "./model";

/** A label in both languages. */
export interface L {
  zh: string;
  en: string;
}

/** The text of `l` in `lang`. */
export function tr(lang: Lang, l: L): string {
  return lang === "zh-CN" ? l.zh : l.en;
}

/** Shorthand constructor of a label pair. */
export function l(zh: string, en: string): L {
  return { zh, en };
}

/** Identifiers of the dropdown lists on the hidden lists sheet. */
export type ListId =
  | "category" | "aspect" | "costClass" | "status" | "conclusion" | "direction"
  | "teamRole" | "teamGroup" | "yesNo" | "yesNoNa" | "envCostItem" | "walkArea" // phase 1–3
  | "tick" | "source" // phase 4
  | "annualClass" | "better" | "benchDirection" // annual data, benchmarking, targets
  | "streamClass" | "processMode" // balances, measurements
  | "gridRegion" | "elecConvention" | "factorCategory" // energy and carbon accounting (issue 12)
  | "planCategory" // continuous CP plan (WS7-1)
  | "funding" | "econItem"; // phase 6 (implementation, economic results)

/**
 * An enumerated value: its standard zh-CN and en-US texts, and other spellings accepted as input
 * (short forms such as 固废, older English terms) that {@link canonicalItem} maps to it. The lists
 * sheet offers the standard texts only.
 */
export interface Item extends L {
  aliases?: readonly string[];
}

export interface ListDef {
  id: ListId;
  header: L;
  items: readonly Item[];
}

/**
 * 类别 of waste streams (spec WS2-6, issue 8 item 5): the standard terms (一般工业固体废物, 危险废物);
 * the short forms 固废 / 危废 and the older English "Solid waste" stay accepted as input.
 */
export const WASTE_CATEGORIES: readonly Item[] = [
  { ...l("废水", "Wastewater"), aliases: ["Waste water"] },
  { ...l("废气", "Waste gas"), aliases: ["Exhaust gas"] },
  { ...l("一般工业固体废物", "General industrial solid waste"), aliases: ["固废", "一般固废", "一般固体废物", "Solid waste", "General solid waste"] },
  { ...l("危险废物", "Hazardous waste"), aliases: ["危废"] },
  { ...l("噪声", "Noise"), aliases: [] },
];

/** The 8 aspects (八个方面) of cause analysis and option generation, spec §5.1. */
export const ASPECTS: readonly L[] = [
  l("原辅材料和能源", "Raw materials and energy"),
  l("技术工艺", "Technology and process"),
  l("设备", "Equipment"),
  l("过程控制", "Process control"),
  l("产品", "Product"),
  l("废弃物", "Waste"),
  l("管理", "Management"),
  l("员工", "Employees"),
];

/** 费用类别, spec §5.2 and the case README (无/低费 and 中/高费 as combined classes). */
export const COST_CLASSES: readonly L[] = [
  l("无费", "No-cost"),
  l("低费", "Low-cost"),
  l("中费", "Medium-cost"),
  l("高费", "High-cost"),
  l("无/低费", "No/low-cost"),
  l("中/高费", "Medium/high-cost"),
];

/**
 * The four single cost classes the dropdown offers (spec §5.2, issue 11). The combined 无/低费 and
 * 中/高费 of older case files stay accepted (kept as written and counted in the register's own
 * columns and in its 无/低费 / 中/高费 subtotals), but are no longer offered.
 */
export const SINGLE_COST_CLASSES: readonly L[] = COST_CLASSES.slice(0, 4);

/** The cost classes that count as 无/低费 and as 中/高费 (zh-CN forms), spec §5.2. */
export const LOW_COST_CLASSES: readonly string[] = ["无费", "低费", "无/低费"];
export const HIGH_COST_CLASSES: readonly string[] = ["中费", "高费", "中/高费"];

/** √ / × of the simple screening (WS4-2); the same in both languages. */
export const TICKS: readonly Item[] = [
  { ...l("√", "√"), aliases: ["✓", "✔", "v", "y", "yes", "是", "true"] },
  { ...l("×", "×"), aliases: ["x", "✗", "✘", "n", "no", "否", "false"] },
];

/** The criteria of the simple screening (spec WS4-2): case-file key and label; `veto` = a × rejects by default. */
export const SCREENING_CRITERIA = [
  { key: "technical", label: l("技术可行性", "Technical"), veto: true },
  { key: "environmental", label: l("环境效果", "Environmental"), veto: true },
  { key: "economic", label: l("经济效果", "Economic"), veto: false },
  { key: "implementation", label: l("实施难易程度", "Practicability"), veto: false },
  { key: "production", label: l("对生产和产品的影响", "Production"), veto: false },
] as const satisfies readonly { key: string; label: L; veto: boolean }[];

/** 来源 of an option (WS4-1): where it came from. */
export const OPTION_SOURCES: readonly L[] = [
  l("现场考察", "Site inspection"),
  l("审核重点分析", "Audit-focus analysis"),
  l("专家建议", "Expert advice"),
  l("员工建议", "Employee suggestion"),
  l("方案库", "Option library"),
  l("对标", "Benchmarking"),
];

/** 状态 of an option, spec WS4-1. */
export const STATUSES: readonly L[] = [
  l("待筛选", "To be screened"),
  l("可行无低费", "Feasible no/low-cost"),
  l("初步可行中高费", "Feasible med/high (prelim.)"),
  l("不可行", "Infeasible"),
  l("已实施", "Implemented"),
];

/** 结论 of the technical and environmental evaluations (WS5-4). */
export const CONCLUSIONS: readonly L[] = [l("可行", "Feasible"), l("不可行", "Infeasible")];

/** 方向 of a material-balance stream (WS3-4). */
export const DIRECTIONS: readonly L[] = [l("输入", "In"), l("输出", "Out")];

/** 审核小组职务 of a team member (WS1-1, spec §1.3). */
export const TEAM_ROLES: readonly L[] = [l("组长", "Leader"), l("副组长", "Deputy leader"), l("成员", "Member")];

/** 小组 of a team member: the leadership and the working group (WS1-1, spec §1.3 note). */
export const TEAM_GROUPS: readonly L[] = [l("领导小组", "Leadership group"), l("工作小组", "Working group")];

/** 是 / 否 (WS2-5 obsolete flag, WS3-1 collected, reference product, 限定性 indicator). */
export const YES_NO: readonly Item[] = [{ ...l("是", "Yes"), aliases: ["true", "Y"] }, { ...l("否", "No"), aliases: ["false", "N"] }];

/** 是/否/不适用 (WS2-13 checklist result). */
export const YES_NO_NA: readonly L[] = [...YES_NO, l("不适用", "N/A")];

/** 费用项目 of the environmental costs (WS2-7, spec §1.3). */
export const ENV_COST_ITEMS: readonly L[] = [l("排污费/环保税", "Discharge fee/env. tax"), l("罚款赔偿", "Fines & compensation"), l("厂外处置费", "Off-site disposal"), l("其他", "Other")];

/** 检查区域: the 9 typical item groups of the walk-through checklist (WS2-13, spec §1.3). */
export const WALK_AREAS: readonly L[] = [
  l("原辅料储存与搬运", "Storage & handling"),
  l("跑冒滴漏", "Leaks & spills"),
  l("设备维护保养", "Equipment maintenance"),
  l("计量器具配备与校准", "Metering & calibration"),
  l("工艺参数控制", "Process parameters"),
  l("操作规程执行", "Operating procedures"),
  l("废物分类收集与回用", "Waste sorting & reuse"),
  l("用水用电", "Water & power use"),
  l("员工培训与激励", "Training & incentives"),
];

/** 类别 of a row of the annual data (WS2-3/2-4): products, raw and auxiliary materials, water, energy. */
export const ANNUAL_CLASSES: readonly Item[] = [
  { ...l("产品", "Product") },
  { ...l("原料", "Raw material") },
  { ...l("辅料", "Auxiliary material") },
  { ...l("水", "Water") },
  { ...l("能源", "Energy") },
];

/** 方向 of a target (WS2-12): lower or higher is better. */
export const BETTER: readonly Item[] = [
  { ...l("越低越好", "Lower is better"), aliases: ["lower", "≤"] },
  { ...l("越高越好", "Higher is better"), aliases: ["higher", "≥"] },
];

/**
 * 方向 of a benchmark indicator (WS2-8): the comparison a value must pass to reach a level's
 * limit (≤ or < : lower is better; ≥ or > : higher is better), or 定性 (qualitative or compliance:
 * the auditor enters the level reached, I / II / III).
 */
export const BENCH_DIRECTIONS: readonly Item[] = [
  { ...l("≤", "≤"), aliases: ["<="] },
  { ...l("<", "<") },
  { ...l("≥", "≥"), aliases: [">="] },
  { ...l(">", ">") },
  { ...l("定性", "Qualitative"), aliases: ["qualitative", "compliance"] },
];

/**
 * 分类 of a material-balance stream (spec WS3-4): the first {@link INPUT_CLASS_COUNT} are input
 * classes (原料/辅料/水/空气), the others output classes.
 */
export const STREAM_CLASSES: readonly Item[] = [
  l("原料", "Raw material"),
  l("辅料", "Auxiliary material"),
  l("水", "Water"),
  l("空气", "Air"),
  l("产品", "Product"),
  l("副产品", "By-product"),
  l("回收", "Recovered"),
  l("废水", "Wastewater"),
  l("废气", "Waste gas"),
  l("固废", "Solid waste"),
  l("无组织", "Fugitive"),
  l("损失", "Loss"),
];
/** Number of input classes at the head of {@link STREAM_CLASSES}. */
export const INPUT_CLASS_COUNT = 4;

/** 生产方式 of a measurement point (spec §4.2): batch (≥ 3 cycles) or continuous (≥ 72 h). */
export const PROCESS_MODES: readonly Item[] = [l("间歇", "Batch"), l("连续", "Continuous")];

/** Grid regions of the coefficient data (the carbon-market series is a region of its own); the id is accepted as input too. */
export const GRID_REGIONS: readonly Item[] = ENERGY_CARBON.regions.map((r) => ({ zh: r.zh, en: r.en, aliases: [r.id] }));

/** Electricity's conversion to standard coal (GB/T 2589): 当量值 (3 600 kJ/kWh) or 等价值 (coal rate of power supply). */
export const ELEC_CONVENTIONS: readonly Item[] = [
  { ...l("当量值", "Equivalent value"), aliases: ["当量", "equivalent"] },
  { ...l("等价值", "Equal value"), aliases: ["等价", "equal"] },
];

/**
 * Categories of the coefficient table's rows (core's CarrierCategory, in this order): 电力 takes its CO2 from the
 * grid factor; the others from the row's CO2 factor.
 */
export const FACTOR_CATEGORIES: readonly Item[] = [
  { ...l("电力", "Electricity"), aliases: ["electricity"] },
  { ...l("化石燃料", "Fuel"), aliases: ["fuel", "fossil fuel"] },
  { ...l("热力", "Heat"), aliases: ["heat"] },
  { ...l("耗能工质", "Medium"), aliases: ["medium", "energy medium"] },
  { ...l("污染物", "Pollutant"), aliases: ["pollutant"] },
];

/** 计划分类 of the continuous CP plan (WS7-1, spec §7): the four plans the standard names. */
export const PLAN_CATEGORIES: readonly Item[] = [
  l("下一轮清洁生产审核工作计划", "Next audit round"),
  l("本轮审核清洁生产方案的实施计划", "Remaining options"),
  l("清洁生产新技术的研究与开发计划", "New CP technology R&D"),
  l("企业职工的清洁生产培训计划", "Staff CP training"),
];

/** 资金来源 of an option's implementation (spec WS6-1): the standard's 自筹/贷款/补贴, and 其他. */
export const FUNDING_SOURCES: readonly L[] = [l("自筹", "Own funds"), l("贷款", "Loan"), l("补贴", "Subsidy"), l("其他", "Other")];

/**
 * 项目 of 表6-5 (spec WS6-5): the output value first, then the cost rows; 净利润 = 产值 − Σ costs is
 * computed, never an item.
 */
export const HIGH_COST_ITEMS: readonly L[] = [
  l("产值", "Output value"),
  l("原材料费用", "Raw materials"),
  l("能源费用", "Energy"),
  l("公共设施费用", "Utilities"),
  l("水费", "Water"),
  l("污染控制费用", "Pollution control"),
  l("污染排放费用", "Discharge fees"),
  l("维修费", "Maintenance"),
  l("税金", "Taxes"),
  l("其他支出", "Other expenses"),
];

/** All dropdown lists, in the column order of the lists sheet. */
export const LISTS: readonly ListDef[] = [
  { id: "category", header: l("废弃物类别", "Waste category"), items: WASTE_CATEGORIES },
  { id: "aspect", header: l("方案类型", "Option aspect"), items: ASPECTS },
  { id: "costClass", header: l("费用类别", "Cost class"), items: SINGLE_COST_CLASSES },
  { id: "status", header: l("状态", "Status"), items: STATUSES },
  { id: "conclusion", header: l("结论", "Conclusion"), items: CONCLUSIONS },
  { id: "direction", header: l("方向", "Direction"), items: DIRECTIONS },
  { id: "teamRole", header: l("审核小组职务", "Team role"), items: TEAM_ROLES },
  { id: "teamGroup", header: l("小组", "Group"), items: TEAM_GROUPS },
  { id: "yesNo", header: l("是否", "Yes/no"), items: YES_NO },
  { id: "yesNoNa", header: l("检查结果", "Check result"), items: YES_NO_NA },
  { id: "envCostItem", header: l("环保费用项目", "Env. cost item"), items: ENV_COST_ITEMS },
  { id: "walkArea", header: l("检查区域", "Check area"), items: WALK_AREAS },
  { id: "tick", header: l("√/×", "√/×"), items: TICKS },
  { id: "source", header: l("来源", "Source"), items: OPTION_SOURCES },
  { id: "annualClass", header: l("年度数据类别", "Annual-data class"), items: ANNUAL_CLASSES },
  { id: "better", header: l("目标方向", "Target direction"), items: BETTER },
  { id: "benchDirection", header: l("对标方向", "Benchmark direction"), items: BENCH_DIRECTIONS },
  { id: "streamClass", header: l("物流分类", "Stream class"), items: STREAM_CLASSES },
  { id: "processMode", header: l("生产方式", "Process"), items: PROCESS_MODES },
  { id: "gridRegion", header: l("电网区域", "Grid region"), items: GRID_REGIONS },
  { id: "elecConvention", header: l("电力折标方法", "Electricity basis"), items: ELEC_CONVENTIONS },
  { id: "factorCategory", header: l("系数类别", "Factor category"), items: FACTOR_CATEGORIES },
  { id: "planCategory", header: l("计划分类", "Plan category"), items: PLAN_CATEGORIES },
  { id: "funding", header: l("资金来源", "Funding"), items: FUNDING_SOURCES },
  { id: "econItem", header: l("经济效益项目", "Economic item"), items: HIGH_COST_ITEMS },
];

/**
 * The canonical zh-CN form of an enumerated value given in either language or as one of the item's
 * aliases (trimmed, runs of white space read as one space, compared ignoring case as Excel's "="
 * does), or undefined when it is not an item of `items`.
 */
export function canonicalItem(items: readonly Item[], value: string): string | undefined {
  const v = value.trim().replace(/\s+/g, " ").toLowerCase();
  for (const it of items) {
    if (it.zh.toLowerCase() === v || it.en.toLowerCase() === v) return it.zh;
  }
  for (const it of items) {
    if (it.aliases?.some((a) => a.toLowerCase() === v)) return it.zh;
  }
  return undefined;
}

/** Every text that stands for `item` as input: zh, en and the aliases. */
export function itemSpellings(item: Item): string[] {
  return [item.zh, item.en, ...(item.aliases ?? [])];
}

/** `value` (canonical zh or any text) shown in `lang`: known items are translated, other text kept. */
export function itemText(lang: Lang, items: readonly Item[], value: string | undefined): string {
  if (value === undefined) return "";
  const zh = canonicalItem(items, value);
  if (zh === undefined) return value;
  const it = items.find((x) => x.zh === zh)!;
  return tr(lang, it);
}

/**
 * Display width of a text in "characters" as Excel column widths count them: a CJK (or other
 * full-width) character counts about 2, anything else 1.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += c >= 0x2e80 && !(c >= 0xff61 && c <= 0xff9f) ? 2 : 1;
  }
  return w;
}
