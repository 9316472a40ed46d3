/**
 * 表4-1 方案汇总表 Options register (spec WS4-1): the one place where an option's id, name, aspect,
 * cost class, estimated investment and benefit are entered. Every other sheet picks an id from
 * the dropdown `CP_OptionIds` (= `tblOptions[方案编号]`) and looks the rest up.
 *
 * Table `tblOptions`: 方案编号 | 方案名称 | 方案类型 (the 8 aspects, list) | 来源 (list: 现场考察,
 * 审核重点分析, 专家建议, 员工建议, 方案库, 对标; other text allowed) | 方案简介 | 费用类别 (list of the four
 * single classes 无费/低费/中费/高费; the combined 无/低费 and 中/高费 of older case files are kept as
 * written and counted in their own summary columns and in the subtotals) | 预计投资 (万元, ≥ 0) |
 * 预计年效益 (万元/a, a number) | 环境效果 | 状态 (computed, never typed: the screening conclusion of
 * 表4-2 looked up by id, with the cost class, gives 可行无低费 / 初步可行中高费 / 不可行 / 待筛选 —
 * screening-rules.ts; a typed status of an older case file is not used) | 检查 (编号重复 ignoring
 * case — an exact SUMPRODUCT comparison, COUNTIF would read * ? ~ as wildcards —, 缺少方案编号,
 * 投资不是数值 …) ‖ hidden: 筛选结论 (the lookup), 结果键 (状态|n, the option's place among the options
 * of its status, top to bottom: 表4-4 lists its blocks by this key).
 *
 * Above the table (so a row the user adds is counted and nothing prints apart from the table),
 * one block: the counts per aspect × cost class (COUNTIFS over whole table columns), the count,
 * investment and benefit per class, the subtotals 无/低费 vs 中/高费 and the totals.
 */
import { colLetter } from "../a1";
import type { OptionEntry } from "../case";
import { ASPECTS, COST_CLASSES, HIGH_COST_CLASSES, itemText, l, LOW_COST_CLASSES, OPTION_SOURCES, type L } from "../i18n";
import { FMT, t, type BuildContext, type SheetBuilder } from "../layout";
import { defineTable, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { lookupExact, lookupOrBlank } from "./exact-match";
import { fieldsReadBack } from "./read-kit";
import { RESULT_BLOCKS, SCREENING_CONCLUSIONS, screeningConclusion, STATUS, statusOf, TBL_SCREENING } from "./screening-rules";

export const TBL_OPTIONS = {
  name: "tblOptions",
  columns: {
    id: l("方案编号", "Option ID"),
    name: l("方案名称", "Option name"),
    aspect: l("方案类型", "Aspect"),
    source: l("来源", "Source"),
    description: l("方案简介", "Description"),
    costClass: l("费用类别", "Cost class"),
    investment: l("预计投资", "Investment"),
    benefit: l("预计年效益", "Annual benefit"),
    effect: l("环境效果", "Environmental effect"),
    screened: l("筛选结论", "Screening"),
    status: l("状态", "Status"),
    resultKey: l("结果键", "Result key"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_OPTIONS.columns;

/** Defined name of the register's ids (dropdown source of every sheet that picks an option). */
export const OPTION_IDS_NAME = "CP_OptionIds";

export const REGISTER_LABELS = {
  duplicate: l("编号重复", "Duplicate ID"),
  noId: l("缺少方案编号", "ID missing"),
  investmentNaN: l("投资不是数值", "Investment is not a number"),
  benefitNaN: l("效益不是数值", "Benefit is not a number"),
  total: l("合计", "Total"),
  lowCost: l("无/低费小计", "No/low-cost subtotal"),
  highCost: l("中/高费小计", "Medium/high-cost subtotal"),
  count: l("方案数", "Options"),
  counts: l("方案统计（方案类型 × 费用类别；合计含未定类别的方案）", "Options by aspect × cost class (totals include options without a class)"),
};

/** Cost classes that count as 无/低费 and 中/高费 (spec §5.2). */
const LOW = LOW_COST_CLASSES;
const HIGH = HIGH_COST_CLASSES;

/** `OR(cell = class, …)` over the classes `members` (zh-CN forms) in the workbook's language. */
export function inClassGroup(x: { s(label: L): string }, cell: string, members: readonly string[]): string {
  return `OR(${members.map((m) => `${cell}=${x.s(COST_CLASSES.find((c) => c.zh === m)!)}`).join(",")})`;
}

/** The cached status of each register row, and its result key (状态|n for the three result blocks). */
function statusesOf(ctx: BuildContext, all: readonly OptionEntry[]): { status: L | null; key: string | null }[] {
  const seen = new Map<L, number>();
  return all.map((o) => {
    if (o.id === "") return { status: null, key: null };
    const status = statusOf(screeningConclusion(ctx.auditCase, o.id), o.costClass);
    if (!RESULT_BLOCKS.some((b) => b.status === status)) return { status, key: null };
    const n = (seen.get(status) ?? 0) + 1;
    seen.set(status, n);
    return { status, key: `${t(ctx, status)}|${n}` };
  });
}

const statusCache = new WeakMap<object, Map<string, ReturnType<typeof statusesOf>>>();

/** {@link statusesOf} of the register's rows, once per case and language. */
export function registerStatuses(ctx: BuildContext): ReturnType<typeof statusesOf> {
  const rows = registerRows(ctx);
  let m = statusCache.get(rows);
  if (!m) statusCache.set(rows, (m = new Map<string, ReturnType<typeof statusesOf>>()));
  let v = m.get(ctx.lang);
  if (!v) m.set(ctx.lang, (v = statusesOf(ctx, rows)));
  return v;
}

/** The screening conclusion of this row's id (表4-2, by exact id), "" when not screened. */
function screenedFormula(x: Refs<K>): string {
  return lookupOrBlank(lookupExact(whole(TBL_SCREENING, "conclusion", x.lang), whole(TBL_SCREENING, "id", x.lang), x.r("id")));
}

/**
 * The register's rows: the case's options; a case with economics but no options gets one row per
 * evaluated option (id and investment), so that the economics sheet can look them up.
 */
export function registerRows(ctx: BuildContext): readonly OptionEntry[] {
  const c = ctx.auditCase;
  if (!c) return [];
  if (c.options) return c.options;
  return (c.economics ?? []).map((e) => ({ id: e.optionId, investment: e.investment }));
}

const idCountCache = new WeakMap<object, Map<string, number>>();

/** How often each id occurs ignoring case (the duplicate check's SUMPRODUCT(--(ids = id))). */
function idCounts(all: readonly OptionEntry[]): Map<string, number> {
  let m = idCountCache.get(all);
  if (!m) {
    m = new Map();
    for (const x of all) m.set(x.id.toUpperCase(), (m.get(x.id.toUpperCase()) ?? 0) + 1);
    idCountCache.set(all, m);
  }
  return m;
}

/** The check text of an option row (as the 检查 column's formula gives it). */
function checkOf(ctx: BuildContext, o: OptionEntry | undefined, all: readonly OptionEntry[]): string | null {
  if (!o) return null;
  if (o.id === "") return t(ctx, REGISTER_LABELS.noId);
  if ((idCounts(all).get(o.id.toUpperCase()) ?? 0) > 1) return t(ctx, REGISTER_LABELS.duplicate);
  return null;
}

const columns: readonly Column<OptionEntry, K>[] = [
  { key: "id", role: "input", format: FMT.text, width: 8, value: (o) => o?.id },
  { key: "name", role: "input", width: 20, value: (o) => o?.name },
  { key: "aspect", role: "input", width: 12, validation: { list: "aspect" }, value: (o, _k, ctx) => (o?.aspect !== undefined ? itemText(ctx.lang, ASPECTS, o.aspect) : undefined) },
  { key: "source", role: "input", width: 13, validation: { list: "source" }, value: (o, _k, ctx) => (o?.source !== undefined ? itemText(ctx.lang, OPTION_SOURCES, o.source) : undefined) },
  { key: "description", role: "input", format: FMT.text, width: 20, value: (o) => o?.description },
  { key: "costClass", role: "input", width: 11, validation: { list: "costClass" }, value: (o, _k, ctx) => (o?.costClass !== undefined ? itemText(ctx.lang, COST_CLASSES, o.costClass) : undefined) },
  {
    key: "investment",
    role: "input",
    band: l("万元", "10⁴ CNY"),
    format: FMT.money,
    validation: { number: { min: 0, error: l("投资须为 ≥ 0 的数（万元）", "An investment is a number ≥ 0 (10⁴ CNY)") } },
    value: (o) => o?.investment,
  },
  {
    key: "benefit",
    role: "input",
    band: l("万元/a", "10⁴ CNY/a"),
    format: FMT.money,
    validation: { number: { error: l("年效益须为数值（万元/a）", "A benefit is a number (10⁴ CNY/a)") } },
    value: (o) => o?.annualBenefit,
  },
  { key: "effect", role: "input", format: FMT.text, width: 14, value: (o) => o?.environmentalEffect },
  {
    key: "screened",
    role: "lookup",
    hidden: true,
    formula: screenedFormula,
    value: (o, _k, ctx) => {
      if (!o || o.id === "") return o ? "" : null;
      const c = screeningConclusion(ctx.auditCase, o.id);
      return c ? t(ctx, c) : "";
    },
  },
  {
    key: "status",
    role: "computed",
    width: 15,
    formula: (x) => {
      const cc = x.r("costClass");
      const sc = x.r("screened");
      return (
        `IF(${x.r("id")}="","",IF(${sc}=${x.s(SCREENING_CONCLUSIONS.feasible)},` +
        `IF(${inClassGroup(x, cc, LOW)},${x.s(STATUS.lowFeasible)},IF(${inClassGroup(x, cc, HIGH)},${x.s(STATUS.highFeasible)},${x.s(STATUS.toScreen)})),` +
        `IF(${sc}=${x.s(SCREENING_CONCLUSIONS.infeasible)},${x.s(STATUS.infeasible)},${x.s(STATUS.toScreen)})))`
      );
    },
    value: (o, k, ctx) => {
      if (!o) return null;
      const st = registerStatuses(ctx)[k]!.status;
      return st ? t(ctx, st) : "";
    },
  },
  {
    key: "resultKey",
    role: "computed",
    hidden: true,
    formula: (x) =>
      `IF(OR(${RESULT_BLOCKS.map((b) => `${x.r("status")}=${x.s(b.status)}`).join(",")}),` +
      `${x.r("status")}&"|"&SUMPRODUCT((${x.all("status")}=${x.r("status")})*(ROW(${x.all("status")})<=ROW())),"")`,
    value: (o, k, ctx) => (o ? (registerStatuses(ctx)[k]!.key ?? "") : null),
  },
  {
    key: "check",
    role: "computed",
    width: 10,
    formula: (x) =>
      `IF(${x.r("id")}="",IF(COUNTA(${x.span("name", "effect")})>0,${x.s(REGISTER_LABELS.noId)},""),` +
      `IF(SUMPRODUCT(--(${x.all("id")}=${x.r("id")}))>1,${x.s(REGISTER_LABELS.duplicate)},` +
      `IF(AND(${x.r("investment")}<>"",NOT(ISNUMBER(${x.r("investment")}))),${x.s(REGISTER_LABELS.investmentNaN)},` +
      `IF(AND(${x.r("benefit")}<>"",NOT(ISNUMBER(${x.r("benefit")}))),${x.s(REGISTER_LABELS.benefitNaN)},""))))`,
    value: (o, _k, ctx) => checkOf(ctx, o, registerRows(ctx)),
  },
];

/** Σ of the options' `field` (left to right, as SUM/SUMIFS add) over those `keep` selects. */
function sumOf(opts: readonly OptionEntry[], field: "investment" | "annualBenefit", keep: (o: OptionEntry) => boolean): number {
  let s = 0;
  for (const o of opts) {
    const v = o[field];
    if (keep(o) && typeof v === "number") s += v;
  }
  return s;
}

/**
 * The summary above the register, one block (spec WS4-1 "counts per 类型 × 费用类别", and the
 * report's 无/低费 vs 中/高费 totals): rows = the 8 aspects, 合计, 预计投资, 预计年效益; columns = the
 * six cost classes, 无/低费 subtotal (无费 + 低费 + 无/低费), 中/高费 subtotal, 合计 (every option with
 * an id, cost class set or not).
 */
function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const opts = registerRows(ctx);
  const w = (k: K) => whole(TBL_OPTIONS, k, ctx.lang);
  b.label(top, 0, t(ctx, REGISTER_LABELS.counts), "meta", false);
  const h = top + 1;
  b.header(h, 0, t(ctx, l("方案类型", "Aspect")));
  // the class headers are the list items COUNTIFS compares with (never broken into lines)
  COST_CLASSES.forEach((cc, k) => b.set(h, 1 + k, { value: t(ctx, cc), style: "header" }));
  const lowCol = 1 + COST_CLASSES.length;
  const highCol = lowCol + 1;
  const totCol = highCol + 1;
  b.header(h, lowCol, t(ctx, REGISTER_LABELS.lowCost));
  b.header(h, highCol, t(ctx, REGISTER_LABELS.highCost));
  b.header(h, totCol, t(ctx, REGISTER_LABELS.total));
  const classCol = (zh: string) => 1 + COST_CLASSES.findIndex((c) => c.zh === zh);
  const group = (r: number, members: readonly string[]) => members.map((m) => `${colLetter(classCol(m))}${r + 1}`).join("+");
  const inClasses = (members: readonly string[]) => (o: OptionEntry) => o.costClass !== undefined && members.includes(o.costClass);
  const cls = (c: number) => `${colLetter(c)}$${h + 1}`;
  ASPECTS.forEach((asp, i) => {
    const r = h + 1 + i;
    b.label(r, 0, t(ctx, asp));
    const these = opts.filter((o) => o.aspect === asp.zh && o.id !== "");
    COST_CLASSES.forEach((cc, k) => {
      const c = 1 + k;
      b.formula(r, c, `COUNTIFS(${w("aspect")},$A${r + 1},${w("costClass")},${cls(c)},${w("id")},"<>")`, these.filter((o) => o.costClass === cc.zh).length, "computed", FMT.integer);
    });
    b.formula(r, lowCol, group(r, LOW), these.filter(inClasses(LOW)).length, "computed", FMT.integer);
    b.formula(r, highCol, group(r, HIGH), these.filter(inClasses(HIGH)).length, "computed", FMT.integer);
    b.formula(r, totCol, `COUNTIFS(${w("aspect")},$A${r + 1},${w("id")},"<>")`, these.length, "total", FMT.integer);
  });
  // 合计 (count), 预计投资, 预计年效益 per class, subtotal and overall
  const countRow = h + 1 + ASPECTS.length;
  const invRow = countRow + 1;
  const benRow = countRow + 2;
  const withId = opts.filter((o) => o.id !== "");
  b.label(countRow, 0, t(ctx, REGISTER_LABELS.count), "total");
  b.label(invRow, 0, t(ctx, l("投资 万元", "Investment")), "total");
  b.label(benRow, 0, t(ctx, l("年效益 万元/a", "Benefit /a")), "total");
  COST_CLASSES.forEach((cc, k) => {
    const c = 1 + k;
    const inClass = (o: OptionEntry) => o.costClass === cc.zh;
    b.formula(countRow, c, `COUNTIFS(${w("costClass")},${cls(c)},${w("id")},"<>")`, withId.filter(inClass).length, "total", FMT.integer);
    b.formula(invRow, c, `SUMIFS(${w("investment")},${w("costClass")},${cls(c)})`, sumOf(opts, "investment", inClass), "total", FMT.money);
    b.formula(benRow, c, `SUMIFS(${w("benefit")},${w("costClass")},${cls(c)})`, sumOf(opts, "annualBenefit", inClass), "total", FMT.money);
  });
  const groupValue = (members: readonly string[], field: "investment" | "annualBenefit") => {
    // the sheet adds the class totals left to right
    let v = 0;
    for (const m of members) v += sumOf(opts, field, (o) => o.costClass === m);
    return v;
  };
  for (const [c, members] of [[lowCol, LOW], [highCol, HIGH]] as const) {
    b.formula(countRow, c, group(countRow, members), withId.filter(inClasses(members)).length, "total", FMT.integer);
    b.formula(invRow, c, group(invRow, members), groupValue(members, "investment"), "total", FMT.money);
    b.formula(benRow, c, group(benRow, members), groupValue(members, "annualBenefit"), "total", FMT.money);
  }
  b.formula(countRow, totCol, `SUMPRODUCT(--(${w("id")}<>""))`, withId.length, "total", FMT.integer);
  b.formula(invRow, totCol, `SUM(${w("investment")})`, sumOf(opts, "investment", () => true), "total", FMT.money);
  b.formula(benRow, totCol, `SUM(${w("benefit")})`, sumOf(opts, "annualBenefit", () => true), "total", FMT.money);
  b.minWidth(0, 14);
  return benRow + 1;
}

export const optionRegisterWorksheet = tableWorksheet({
  key: "WS4-1",
  number: "4-1",
  sheetName: l("方案汇总表", "Options register"),
  title: l("方案汇总表", "Options register"),
  dependsOn: ["PARAMS", "LISTS", "WS4-2"],
  note: l(
    "每个方案只在本表录入一次（编号须唯一，重复者标红）；其他表从下拉列表选择方案编号并引用名称、费用类别和投资。F- 为无/低费方案，Z- 为中/高费方案。状态由表4-2的筛选结论和费用类别得出，无需填写。在表格下方输入即可添加方案。",
    "Each option is entered here once (IDs must be unique; duplicates in red); the other sheets pick the ID from a dropdown and look up name, cost class and investment. F- no/low-cost, Z- medium/high-cost. The status follows from the Table 4-2 conclusion and the cost class (not typed). Type below the table to add an option.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  summary,
  tables: [
    defineTable({
      schema: TBL_OPTIONS,
      columns,
      rows: registerRows,
      readBack: fieldsReadBack<K>(
        "options",
        {
          id: ["id", "text"],
          name: ["name", "text"],
          aspect: ["aspect", ASPECTS],
          costClass: ["costClass", COST_CLASSES],
          investment: ["investment", "num"],
          annualBenefit: ["benefit", "num"],
          description: ["description", "text"],
          environmentalEffect: ["effect", "text"],
          source: ["source", OPTION_SOURCES],
        },
        "id",
      ),
      decorate(b, _ctx, g) {
        const check = `$${colLetter(g.col.check)}${g.firstRow + 1}`;
        b.conditional({ top: g.firstRow, left: g.col.id, bottom: g.lastRow, right: g.col.id }, `${check}<>""`, "bad");
        b.conditional({ top: g.firstRow, left: g.col.check, bottom: g.lastRow, right: g.col.check }, `${check}<>""`, "bad");
      },
    }),
  ],
  names: (ctx) => [{ name: OPTION_IDS_NAME, formula: whole(TBL_OPTIONS, "id", ctx.lang) }],
});
