/**
 * The structure of the audit report (issue 13; ../shared/docs/energy-carbon-report.md table T5,
 * the provincial outline): cover pages, 前言, the seven chapters named as the audit phases in the
 * workbook's terminology (2016: 审核准备 … 持续清洁生产; 2001: 筹划和组织 … 持续清洁生产), 结论.
 *
 * Each built worksheet appears under the chapter of its phase (catalogue.ts), as a second-level
 * section with its key-figure sentences (figures.ts) and its tables (sheet-tables.ts) captioned
 * with the sheet's number and title. A sheet added to the workbook later appears by itself: its
 * chapter comes from the catalogue (or its key's phase number), its tables generically. Narrative
 * the consultant writes is a marked placeholder (【待填写：…】 / [To be written: …]).
 *
 * The outline is plain data (no docx): `render.ts` turns it into the Word document.
 */
import type { AuditCase } from "../worksheets/case";
import { CATALOGUE, phaseName, type PhaseNo } from "../worksheets/catalogue";
import { l, tr, type L } from "../worksheets/i18n";
import type { Lang, SheetModel, WorkbookModel } from "../worksheets/model";
import { DEFAULT_TERMINOLOGY, termTitle, type Terminology } from "../worksheets/terminology";
import { FIGURES, type FigureContext } from "./figures";
import { lineWidth, PORTRAIT_CHARS, sheetTables, type ReportTable } from "./sheet-tables";

/** One element of the report body. */
export type Block =
  | { kind: "heading"; level: 1 | 2; text: string }
  | { kind: "para"; text: string }
  /** narrative the consultant writes: shown highlighted */
  | { kind: "placeholder"; text: string }
  | { kind: "table"; table: ReportTable };

/** A run of blocks on pages of one orientation (wide tables go on landscape pages). */
export interface ReportPart {
  landscape: boolean;
  blocks: Block[];
}

/** The cover page's lines. */
export interface Cover {
  enterprise: string;
  title: string;
  lines: string[];
  /** the second cover page (signatures, compilers) */
  signatures: Block[];
}

export interface ReportOutline {
  lang: Lang;
  terminology: Terminology;
  cover: Cover;
  parts: ReportPart[];
}

/**
 * Sheets that are not in the catalogue but belong to a phase (companions and extra sheets), or to
 * the preface (0: support sheets beside the parameters, such as issue 12's coefficient sheet COEFF).
 */
const EXTRA_PHASE: Readonly<Record<string, PhaseNo | 0>> = { "WS2-6B": 2, COMPONENTS: 3, WATER: 3, CASHFLOWS: 5, COEFF: 0 };

/**
 * Chapter of a built sheet: 0 for the preface (parameters and support sheets), 1–7 the phases
 * (catalogue, else the key's phase number: WS6-5B → 6), undefined = not in the report (lists).
 */
export function chapterOf(key: string): PhaseNo | 0 | undefined {
  if (key === "LISTS") return undefined;
  if (key === "PARAMS") return 0;
  const c = CATALOGUE.find((x) => x.key === key);
  if (c) return c.phase;
  if (key in EXTRA_PHASE) return EXTRA_PHASE[key];
  const m = /^WS([1-7])-/.exec(key);
  return m ? (Number(m[1]) as PhaseNo) : 0;
}


/** Narrative sections of a chapter: before its worksheets and after them (T5 "main content"). */
interface Narrative {
  title: L;
  placeholder: L;
}

const N = (zhTitle: string, enTitle: string, zhWhat: string, enWhat: string): Narrative => ({ title: l(zhTitle, enTitle), placeholder: l(zhWhat, enWhat) });

const PREFACE: Narrative[] = [
  N("企业概况", "Company profile", "企业历史沿革、地理位置、规模、主要产品和生产能力", "history, location, size, main products and capacity of the enterprise"),
  N("开展清洁生产审核的意义", "Why the audit", "开展本轮清洁生产审核的背景、依据和意义", "background, legal basis and significance of this audit round"),
];

const CHAPTER_NARRATIVE: Readonly<Record<PhaseNo, { before: Narrative[]; after: Narrative[] }>> = {
  1: {
    before: [N("领导重视与审核小组", "Management commitment and audit team", "企业领导的支持和审核小组的组建过程", "management commitment and how the audit team was formed")],
    after: [
      N("宣传、动员和培训", "Awareness and training", "宣传动员和培训的形式、次数、人数", "awareness raising and training: form, sessions, participants"),
      N("克服障碍", "Barriers overcome", "审核中遇到的思想、技术和管理障碍及解决办法", "barriers met (attitude, technical, management) and how they were overcome"),
    ],
  },
  2: {
    before: [
      N("企业生产工艺", "Production process", "主要生产工艺流程简述（附工艺流程图）", "description of the main production process (with the process flow diagram)"),
      N("环境保护与管理现状", "Environmental management", "污染物排放、治理设施运行和环境管理现状", "emissions, treatment facilities and environmental management"),
    ],
    after: [N("清洁生产潜力分析", "Cleaner-production potential", "对标结果、产排污原因和清洁生产潜力", "benchmark results, causes of waste and the potential for improvement")],
  },
  3: {
    before: [N("审核重点概况", "The audit focus", "审核重点的工艺流程、单元操作和物料流程图", "process, unit operations and material-flow diagram of the audit focus")],
    after: [N("废弃物产生原因分析", "Causes of waste", "物料平衡结果的分析和废弃物产生原因", "analysis of the balance results and the causes of waste")],
  },
  4: {
    before: [N("方案的产生", "How options were generated", "方案征集的途径和过程", "how options were collected")],
    after: [N("无/低费方案的实施效果", "Results of the no/low-cost options", "已实施无/低费方案的效果说明", "what the implemented no/low-cost options achieved")],
  },
  5: {
    before: [
      N("市场调查和技术评估", "Market and technical evaluation", "中/高费方案的市场调查和技术评估", "market study and technical evaluation of the medium/high-cost options"),
      N("环境评估", "Environmental evaluation", "中/高费方案的环境评估", "environmental evaluation of the medium/high-cost options"),
    ],
    after: [N("推荐实施方案", "Recommended options", "推荐实施方案的说明和实施安排", "the recommended options and how they will be implemented")],
  },
  6: {
    before: [N("方案实施情况", "Implementation", "方案实施的组织、资金、进度", "organisation, funding and schedule of the implementation")],
    after: [N("清洁生产目标完成情况及水平对比", "Targets and cleaner-production level", "清洁生产目标完成情况和审核前后清洁生产水平对比", "attainment of the targets and the cleaner-production level before and after")],
  },
  7: {
    before: [],
    after: [
      N("建立和完善清洁生产组织", "Cleaner-production organisation", "清洁生产常设机构及其职责", "the standing cleaner-production organisation and its duties"),
      N("建立和完善清洁生产管理制度", "Management rules", "清洁生产管理、激励制度", "management and incentive rules"),
      N("持续清洁生产计划", "Continuous cleaner-production plan", "下一轮审核和后续方案的计划", "plan of the next audit round and the remaining options"),
    ],
  },
};

const CN_NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** "第一章 审核准备" / "1 Audit preparation". */
export function chapterTitle(no: PhaseNo, lang: Lang, terminology: Terminology): string {
  const name = phaseName(no, lang, terminology);
  return lang === "zh-CN" ? `第${CN_NUMERALS[no]}章 ${name}` : `${no} ${name}`;
}

/** A placeholder text: 【待填写：…】 / [To be written: …]. */
export function placeholder(lang: Lang, what: string): string {
  return lang === "zh-CN" ? `【待填写：${what}】` : `[To be written: ${what}]`;
}

const PREFACE_TITLE = l("前言", "Preface");
const CONCLUSION_TITLE = l("结论", "Conclusions");
const PARAMS_TITLE = l("审核参数", "Audit parameters");

/** The title of a sheet's section: its title without the table number. */
function sectionTitleOf(sheet: SheetModel): string {
  return sheet.title.replace(/^(表\s?[0-9][0-9\-/]*|Table [0-9][0-9\-/]*)\s*/, "");
}

interface Builder {
  parts: ReportPart[];
  push(block: Block, landscape?: boolean): void;
}

function builder(): Builder {
  const parts: ReportPart[] = [];
  return {
    parts,
    push(block, landscape = false) {
      const last = parts[parts.length - 1];
      if (last && last.landscape === landscape) last.blocks.push(block);
      else parts.push({ landscape, blocks: [block] });
    },
  };
}

/** Whether a table needs a landscape page: its line is longer than a portrait page's. */
export function isWide(t: ReportTable): boolean {
  return lineWidth(t.widths) > PORTRAIT_CHARS;
}

/** Adds a sheet's section: heading, sentences, tables; all on landscape pages when one of its tables is wide. */
function addSheet(b: Builder, sheet: SheetModel, heading: string, fx: FigureContext): void {
  const tables = sheetTables(sheet, fx.lang);
  const landscape = tables.some(isWide);
  b.push({ kind: "heading", level: 2, text: heading }, landscape);
  for (const p of FIGURES[sheet.key]?.paragraphs(fx) ?? []) b.push({ kind: "para", text: p }, landscape);
  if (tables.length === 0) b.push({ kind: "para", text: fx.lang === "zh-CN" ? "（本表无数据。）" : "(No data in this table.)" }, landscape);
  for (const t of tables) b.push({ kind: "table", table: t }, landscape);
}

/**
 * The report's outline from the built workbook.
 * @param book buildWorkbook's model of the (read-back) case
 * @param auditCase the case (cover: enterprise, round, date)
 * @param terminology chapter names and 审核/审计 of the titles
 */
export function reportOutline(book: WorkbookModel, auditCase: AuditCase, terminology: Terminology = auditCase.meta.terminology ?? DEFAULT_TERMINOLOGY): ReportOutline {
  const lang = book.lang;
  const zh = lang === "zh-CN";
  const fx: FigureContext = { book, lang };
  const b = builder();
  const sheets = book.sheets.filter((s) => chapterOf(s.key) !== undefined);

  // 前言
  b.push({ kind: "heading", level: 1, text: tr(lang, PREFACE_TITLE) });
  let n = 0;
  for (const p of PREFACE) {
    b.push({ kind: "heading", level: 2, text: `${++n} ${tr(lang, p.title)}` });
    b.push({ kind: "placeholder", text: placeholder(lang, tr(lang, p.placeholder)) });
  }
  for (const s of sheets.filter((x) => chapterOf(x.key) === 0)) addSheet(b, s, `${++n} ${s.key === "PARAMS" ? tr(lang, PARAMS_TITLE) : sectionTitleOf(s)}`, fx);

  for (const no of [1, 2, 3, 4, 5, 6, 7] as PhaseNo[]) {
    b.push({ kind: "heading", level: 1, text: chapterTitle(no, lang, terminology) });
    let k = 0;
    const narrative = (list: Narrative[]) => {
      for (const p of list) {
        b.push({ kind: "heading", level: 2, text: `${no}.${++k} ${termTitle(lang, tr(lang, p.title), terminology)}` });
        b.push({ kind: "placeholder", text: placeholder(lang, termTitle(lang, tr(lang, p.placeholder), terminology)) });
      }
    };
    narrative(CHAPTER_NARRATIVE[no].before);
    for (const s of sheets.filter((x) => chapterOf(x.key) === no)) addSheet(b, s, `${no}.${++k} ${sectionTitleOf(s)}`, fx);
    narrative(CHAPTER_NARRATIVE[no].after);
  }

  // 结论
  b.push({ kind: "heading", level: 1, text: tr(lang, CONCLUSION_TITLE) });
  for (const s of sheets) for (const p of FIGURES[s.key]?.conclusion?.(fx) ?? []) b.push({ kind: "para", text: p });
  b.push({ kind: "placeholder", text: placeholder(lang, zh ? "审核结论、存在的问题和建议" : "conclusions of the audit, open issues and recommendations") });

  const m = auditCase.meta;
  const enterprise = m.enterprise ?? m.title;
  const title = termTitle(lang, zh ? "清洁生产审核报告" : "Cleaner Production Audit Report", terminology);
  const lines = [
    ...(m.auditRound ? [zh ? `审核轮次：${m.auditRound}` : `Audit round: ${m.auditRound}`] : []),
    zh ? `编制单位：${placeholder(lang, "编制单位")}` : `Prepared by: ${m.preparedBy ?? placeholder(lang, "consultancy")}`,
    zh ? `编制日期：${m.date ?? placeholder(lang, "日期")}` : `Date: ${m.date ?? placeholder(lang, "date")}`,
  ];
  if (zh && m.preparedBy) lines[lines.length - 2] = `编制单位：${m.preparedBy}`;
  const signatures: Block[] = [
    { kind: "heading", level: 2, text: zh ? "报告编制人员" : "Compiled by" },
    { kind: "placeholder", text: placeholder(lang, zh ? "企业负责人、审核小组组长、报告编制人员及签字" : "head of the enterprise, audit team leader, report authors and signatures") },
  ];
  return { lang, terminology, cover: { enterprise, title, lines, signatures }, parts: b.parts };
}
