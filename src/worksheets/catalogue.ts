/**
 * The worksheet catalogue: the 41 worksheets of a CNCPC-style 工作用表 set (spec §1.3; per-phase
 * counts 2/13/5/6/4/9/2 verified [V:S1], numbers and titles other than 1-1, 1-2, 2-1 are the
 * spec's reconstruction [U]) plus the parameters sheet. `built` marks the ones this package
 * generates (buildWorkbook keys). The task pane lists it; the stable key never changes, the display
 * number may be renumbered by a consultancy.
 */

import type { Lang } from "./model";
import type { Terminology } from "./terminology";

export type PhaseNo = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface PhaseInfo {
  no: PhaseNo;
  /** the 1996/2001 handbook's name (spec §8.2 left column) */
  zh: string;
  en: string;
  /** the 2016 《清洁生产审核办法》 name (spec §8.2 right column) */
  zh2016: string;
  en2016: string;
}

export interface WorksheetInfo {
  /** stable key, e.g. "WS2-11" ("PARAMS" for the parameters sheet) */
  key: string;
  phase: PhaseNo;
  /** title as the standard writes it */
  zh: string;
  en: string;
  purposeZh: string;
  purposeEn: string;
  /** true when buildWorkbook generates this sheet */
  built: boolean;
}

/** The 7 phases of the 1996/2001 method (spec §1.1). */
export const PHASES: readonly PhaseInfo[] = [
  { no: 1, zh: "筹划和组织", en: "Planning & organisation", zh2016: "审核准备", en2016: "Audit preparation" },
  { no: 2, zh: "预评估", en: "Pre-assessment", zh2016: "预审核", en2016: "Pre-audit" },
  { no: 3, zh: "评估", en: "Assessment", zh2016: "审核", en2016: "Audit" },
  { no: 4, zh: "方案产生和筛选", en: "Option generation & screening", zh2016: "方案的产生和筛选", en2016: "Option generation & screening" },
  { no: 5, zh: "可行性分析", en: "Feasibility analysis", zh2016: "方案的确定", en2016: "Option determination" },
  { no: 6, zh: "方案实施", en: "Implementation", zh2016: "方案的实施", en2016: "Option implementation" },
  { no: 7, zh: "持续清洁生产", en: "Continuous cleaner production", zh2016: "持续清洁生产", en2016: "Continuous cleaner production" },
];

/**
 * The name of phase `no` in `lang` and the terms of `terminology` (spec §8.2): "2001" the handbook's
 * (筹划和组织, 预评估, 评估 …), "2016" the current Measures' (审核准备, 预审核, 审核 …). For the task
 * pane's switch and the work plan's stages.
 */
export function phaseName(no: PhaseNo, lang: Lang, terminology: Terminology): string {
  const p = PHASES.find((x) => x.no === no)!;
  if (terminology === "2001") return lang === "zh-CN" ? p.zh : p.en;
  return lang === "zh-CN" ? p.zh2016 : p.en2016;
}

type Row = [key: string, phase: PhaseNo, zh: string, en: string, purposeZh: string, purposeEn: string];

const ROWS: readonly Row[] = [
  ["PARAMS", 1, "审核参数及基本信息", "Audit parameters and header information", "企业名称、审核轮次及贴现率、税率等命名参数，供各表公式引用", "Enterprise, audit round and the named parameters (discount rate, tax rate …) every formula reads"],
  ["WS1-1", 1, "审核小组成员表", "Audit team members", "审核小组成员的姓名、职务、专业、职责和投入时间", "Names, roles, disciplines, duties and time of the audit team"],
  ["WS1-2", 1, "审核工作计划表", "Audit work plan", "各阶段工作内容、完成时间、责任部门和产出", "Work content, dates, responsible departments and deliverables per phase"],
  ["WS2-1", 2, "企业简述", "Enterprise profile", "企业名称、行业、规模、产品、环保机构等基本情况", "Name, sector, size, products and environmental organisation of the enterprise"],
  ["WS2-2", 2, "企业组织机构与人员", "Organisation & staffing", "部门、人数和班次", "Departments, head count and shifts"],
  ["WS2-3", 2, "企业主要产品生产情况", "Main products (last 3 years)", "近三年产量、产值及能力利用率", "Output and value of the last three years and capacity utilisation"],
  ["WS2-4", 2, "企业主要原辅材料和能源消耗", "Raw/auxiliary materials & energy", "近三年原辅材料、水和能源消耗、单耗及与基准的差距", "Material, water and energy use, specific consumption and the gap to the benchmark"],
  ["WS2-5", 2, "企业主要设备一览表", "Main equipment", "主要设备型号、功率、投产年份及是否淘汰类", "Main equipment, power, year commissioned and obsolete-equipment flag"],
  ["WS2-6", 2, "废弃物产生源清单（企业历年废弃物流情况）", "Waste-source inventory (waste streams)", "各产生源的废弃物类别、产生量、处理处置方式和年处理费用，按类别汇总；第二张表：近三年产生量、排放量、浓度达标和单位产品产生量", "Waste category, quantity, treatment and annual cost of each source, with totals by category; a second sheet: three-year generation, discharge, compliance with the limit and specific generation"],
  ["WS2-7", 2, "企业环保设施及环保费用", "End-of-pipe facilities & environmental costs", "环保设施负荷率和各项环保费用合计", "Load factor of the facilities and the total environmental cost"],
  ["WS2-8", 2, "清洁生产水平对标", "Benchmark vs sector CP standard", "各指标与行业清洁生产评价指标体系 I/II/III 级基准对标", "Each indicator against the sector's level I/II/III benchmarks"],
  ["WS2-9", 2, "企业废弃物产生原因分析", "Qualitative cause analysis", "按八个方面定性分析全厂废弃物产生原因", "Causes of waste at plant level along the 8 aspects"],
  ["WS2-10", 2, "备选审核重点情况汇总", "Candidate audit-focus data", "备选审核重点的废弃物量、消耗和环保费用", "Waste, consumption and environmental costs of the candidate foci"],
  ["WS2-11", 2, "权重总和计分排序法确定审核重点", "Weighted-sum ranking of audit-focus candidates", "按 Σ 权重×评分 排序确定审核重点，并列时提示", "Ranks candidates by Σ weight × score and marks the audit focus; flags ties"],
  ["WS2-12", 2, "清洁生产目标一览表", "CP targets", "近期和中远期清洁生产目标的绝对量和相对量", "Short- and long-term targets as absolute and relative values"],
  ["WS2-13", 2, "现场考察记录/内部管理检查清单", "Walk-through record / housekeeping checklist", "现场考察发现的问题和可立即实施的无/低费方案", "Findings of the site walk-through and quick no/low-cost options"],
  ["WS3-1", 3, "审核重点资料收集名录", "Audit-focus data inventory", "审核重点资料的来源、提供人和收集情况", "Sources and collection status of the audit-focus data"],
  ["WS3-2", 3, "审核重点单元操作功能说明表", "Unit-operation description", "各单元操作的功能、设备、输入输出和废弃物", "Function, equipment, inputs, outputs and wastes of each unit operation"],
  ["WS3-3", 3, "实测准备/实测计划及数据表", "Measurement plan & readings", "监测点、项目、频次和各周期实测值及均值", "Measurement points, items, frequency, readings per cycle and means"],
  ["WS3-4", 3, "审核重点物料平衡（输入输出）", "Material balance (inputs and outputs)", "各单元操作输入输出物流换算到基准单位，求差值、相对误差并判定", "Inputs and outputs per unit operation in one basis unit: gap, relative error, pass/fail"],
  ["WS3-5", 3, "审核重点废弃物产生原因分析表", "Waste-cause analysis (8 aspects)", "按八个方面分析审核重点废弃物的产生原因", "Causes of the audit focus's wastes along the 8 aspects"],
  ["WS4-1", 4, "方案汇总表", "Options register", "全部清洁生产方案的编号、类型、费用类别、投资、效益和状态，按类型×费用类别统计", "Every option's ID, aspect, cost class, investment, benefit and status, with counts per aspect × class"],
  ["WS4-2", 4, "方案初步筛选（简易筛选）表", "Preliminary (simple) screening", "按技术、环境、经济、实施难易等简易筛选方案", "Screens options on technical, environmental, economic and practical grounds"],
  ["WS4-3", 4, "方案的权重总和计分排序", "Weighted-sum ranking of options", "用权重总和计分法为方案排序", "Ranks options by weighted sum"],
  ["WS4-4", 4, "方案筛选结果汇总表", "Screening result summary", "可行的无/低费、初步可行的中/高费和不可行方案", "Feasible no/low-cost, preliminarily feasible medium/high-cost and rejected options"],
  ["WS4-5", 4, "方案说明表", "Option description", "中/高费方案的要点、主要设备、技术经济指标和环境影响", "Key points, equipment, figures and environmental effects of each medium/high-cost option"],
  ["WS4-6", 4, "无/低费方案实施效果的核定与汇总", "Verified results of no/low-cost options", "已实施无/低费方案的投资、效益和削减量合计", "Investment, benefit and reductions of the implemented no/low-cost options"],
  ["WS5-1", 5, "投资费用统计表", "Investment cost statement", "各方案基建投资、建设期利息、流动资金及总投资费用 I", "Construction investment, interest, working capital and total investment I per option"],
  ["WS5-2", 5, "运行费用和收益统计表", "Operating cost & revenue statement", "收入增加额、运行费用减少额及年运行费用总节省金额 P", "Revenue increase, operating-cost decrease and annual savings P"],
  ["WS5-3", 5, "方案经济评估指标汇总表", "Economic indicator summary", "各方案 D、T、E、F、N、NPV、NPVR、IRR 及经济可行性结论，按 NPVR 排序", "D, T, E, F, N, NPV, NPVR, IRR and the economic verdict per option, ordered by NPVR"],
  ["WS5-4", 5, "方案可行性分析结果表", "Feasibility result table", "技术、环境、经济评估结论汇总，给出推荐实施方案及顺序", "Technical, environmental and economic conclusions, the recommended options and their order"],
  ["WS6-1", 6, "方案实施计划/进度表", "Implementation plan & schedule", "方案实施内容、资金来源、计划和实际进度", "Content, funding, planned and actual schedule of implementation"],
  ["WS6-2", 6, "已实施的无/低费方案环境效果对比一览表", "Environmental results of no/low-cost options", "实施前后资源消耗和废弃物的削减量与削减率", "Reductions and reduction rates before/after implementation"],
  ["WS6-3", 6, "已实施的无/低费方案经济效益一览表", "Economic results of no/low-cost options", "投资、运行费变化、年经济效益和回收期", "Investment, operating-cost change, annual benefit and payback"],
  ["WS6-4", 6, "已实施的中/高费方案环境效果对比一览表", "Environmental results of medium/high-cost options", "实施前、设计值、实施后对比及达成率", "Before, design and after values and the achievement rate"],
  ["WS6-5", 6, "已实施的中/高费方案经济效益对比一览表", "Economic results of medium/high-cost options", "实施前后产值、各项费用和净利润对比", "Output value, cost items and net profit before and after"],
  ["WS6-6", 6, "已实施清洁生产方案实施效果的核定与汇总", "Summary of all implemented options", "全部已实施方案的投资、效益和环境效果，按费用类别小计", "Investment, benefit and environmental effects of all implemented options, by cost class"],
  ["WS6-7", 6, "审核前后企业各项单位产品指标对比", "Specific indicators before/after", "单位产品消耗和产污指标的变化量和变化率", "Change of specific consumption and generation indicators"],
  ["WS6-8", 6, "清洁生产目标完成情况", "Target attainment", "各项清洁生产目标的实际值和完成率", "Actual values and attainment of each CP target"],
  ["WS6-9", 6, "方案实施对企业的影响/绩效汇总", "Overall impact / performance summary", "经济、环境、资源能源和管理方面的绩效汇总", "Economic, environmental, resource and management performance"],
  ["WS7-1", 7, "持续清洁生产计划", "Continuous CP plan", "下一轮审核、剩余方案实施、技术研发和培训计划", "Next audit round, remaining options, R&D and training plans"],
  ["WS7-2", 7, "清洁生产组织机构与管理制度", "CP organisation & management rules", "清洁生产组织机构及管理、奖惩制度", "CP organisation and management / incentive rules"],
];

const BUILT = new Set<string>([
  "PARAMS",
  "WS1-1", "WS1-2",
  "WS2-1", "WS2-2", "WS2-3", "WS2-4", "WS2-5", "WS2-6", "WS2-7", "WS2-8", "WS2-9", "WS2-10", "WS2-11", "WS2-12", "WS2-13",
  "WS3-1", "WS3-2", "WS3-3", "WS3-4", "WS3-5",
  "WS4-1", "WS4-2", "WS4-3", "WS4-4", "WS4-5", "WS4-6",
  "WS5-1", "WS5-2", "WS5-3", "WS5-4",
  // issue 12 (helper T)
  "WS6-7", "WS6-8", "WS7-1", "WS7-2",
  "WS6-2", "WS6-4", "WS6-9", // issue 12 (helper E)
  "WS6-1", "WS6-3", "WS6-5", "WS6-6", // issue 12 (helper I)
]);

/** Keys buildWorkbook generates (besides the hidden lists sheet), in catalogue order; WS2-4 is WS2-3's sheet (workbook.ts KEY_ALIASES). */
export const BUILT_KEYS: readonly string[] = ROWS.map((r) => r[0]).filter((k) => BUILT.has(k));

/** All 41 worksheets of spec §1.3 plus PARAMS, in phase order. */
export const CATALOGUE: readonly WorksheetInfo[] = ROWS.map(([key, phase, zh, en, purposeZh, purposeEn]) => ({
  key,
  phase,
  zh,
  en,
  purposeZh,
  purposeEn,
  built: BUILT_KEYS.includes(key),
}));
