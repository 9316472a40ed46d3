/**
 * The key figures of the report written into sentences (issue 13): the audit focus chosen and its
 * score (表2-11), the targets (表2-12), the balances' errors and verdicts (表3-4, the element and
 * water balances), the options by cost class (表4-1), each option's I, F, N, NPV, IRR and verdict
 * (表5-3), the recommended options (表5-4), the target attainment (表6-8) and the totals of the
 * performance table (表6-9).
 *
 * Every figure is read from the built workbook model (buildWorkbook of the case): core's values,
 * the same numbers LibreOffice recalculates (test/cases.test.ts), formatted as the sheet shows
 * them. One entry per worksheet key in {@link FIGURES}; a sheet without an entry gets no sentence,
 * only its tables.
 */
import { BALANCE_LABELS, TBL_BALANCES } from "../worksheets/definitions/material-balance.worksheet";
import { TBL_COMPONENT_BALANCES } from "../worksheets/definitions/component-balance.worksheet";
import { TBL_WATER } from "../worksheets/definitions/water-balance.worksheet";
import { TBL_ECONOMICS } from "../worksheets/definitions/economics.worksheet";
import { FEASIBILITY_LABELS, TBL_FEASIBILITY } from "../worksheets/definitions/feasibility.worksheet";
import { FOCUS_LABELS, TBL_FOCUS_NAME } from "../worksheets/definitions/focus-selection.worksheet";
import { TBL_OPTIONS } from "../worksheets/definitions/option-register.worksheet";
import { TBL_TARGETS } from "../worksheets/definitions/targets.worksheet";
import { ATTAINMENT_LABELS, TBL_TARGET_ATTAINMENT } from "../worksheets/definitions/target-attainment.worksheet";
import { PERFORMANCE_INDICATORS, PERFORMANCE_LABELS } from "../worksheets/definitions/performance.worksheet";
import { COST_CLASSES, HIGH_COST_CLASSES, LOW_COST_CLASSES, tr } from "../worksheets/i18n";
import type { Lang, WorkbookModel } from "../worksheets/model";
import { roundHalfAwayFromZero } from "./format";
import { CellGrid } from "./sheet-tables";
import { columnsOf, TableView, type ViewRow } from "./table-view";

/** What a figure writer reads. */
export interface FigureContext {
  book: WorkbookModel;
  lang: Lang;
}

/** Sentences of one worksheet: under its table (`paragraphs`) and in the 结论 chapter (`conclusion`). */
export interface FigureWriter {
  paragraphs(fx: FigureContext): string[];
  conclusion?(fx: FigureContext): string[];
}

const zhOf = (fx: FigureContext) => fx.lang === "zh-CN";
/** 万元 with 2 decimals. */
const money = (n: number) => roundHalfAwayFromZero(n, 2);

/** "表2-11" / "Table 2-11" at the start of a sheet title; undefined for a sheet without a number. */
export function tableNumber(title: string): string | undefined {
  const m = /^(表\s?[0-9][0-9\-/]*|Table [0-9][0-9\-/]*)/.exec(title);
  return m ? m[1]! : undefined;
}

/** " (表2-11)" in the language's brackets, or "" for a sheet without a number. */
function refOf(fx: FigureContext, view: TableView): string {
  const n = tableNumber(view.sheet.title);
  if (!n) return "";
  return zhOf(fx) ? `（${n}）` : ` (${n})`;
}

/** A list of phrases joined as the language writes a series. */
function series(lang: Lang, items: string[]): string {
  return lang === "zh-CN" ? items.join("、") : items.join(", ");
}

// ---- 表2-11 audit focus ----------------------------------------------------------------

function focusRanking(fx: FigureContext): { view: TableView; ranked: { name: string; total: string; rank: number }[] } | undefined {
  const view = TableView.of(fx.book, TBL_FOCUS_NAME);
  if (!view) return undefined;
  const name = tr(fx.lang, FOCUS_LABELS.candidate);
  const total = tr(fx.lang, FOCUS_LABELS.total);
  const rank = tr(fx.lang, FOCUS_LABELS.rank);
  const ranked = view.rows
    .filter((r) => r.num(rank) !== undefined && r.text(name) !== "")
    .map((r) => ({ name: r.text(name), total: r.text(total), rank: r.num(rank)! }))
    .sort((a, b) => a.rank - b.rank);
  return { view, ranked };
}

function focusSentences(fx: FigureContext): string[] {
  const f = focusRanking(fx);
  if (!f) return [];
  const zh = zhOf(fx);
  const ref = refOf(fx, f.view);
  const first = f.ranked.filter((r) => r.rank === 1);
  if (first.length === 0) {
    return [zh ? `${tr(fx.lang, FOCUS_LABELS.conclusion)}${ref}尚未确定：备选审核重点的评分或权重值不全。` : `No audit focus is selected yet${ref}: scores or weights are incomplete.`];
  }
  const others = f.ranked.filter((r) => r.rank !== 1).map((r) => (zh ? `${r.name}（${r.total}分）` : `${r.name} (${r.total})`));
  if (first.length > 1) {
    const names = series(fx.lang, first.map((r) => r.name));
    return [zh ? `按权重总和计分排序法${ref}，${names}总分并列第一（${first[0]!.total}分），需审核小组讨论确定审核重点。` : `By the weighted-sum ranking${ref}, ${names} tie for first place (total ${first[0]!.total}); the audit team decides the audit focus.`];
  }
  const top = first[0]!;
  const rest = others.length ? (zh ? `其余备选审核重点依次为${series(fx.lang, others)}。` : ` The other candidates follow: ${series(fx.lang, others)}.`) : "";
  return [
    zh
      ? `按权重总和计分排序法${ref}，${top.name}总分最高（${top.total}分），确定为本轮审核重点。${rest}`
      : `By the weighted-sum ranking${ref}, ${top.name} has the highest total score (${top.total}) and is the audit focus of this round.${rest}`,
  ];
}

// ---- 表2-12 targets ---------------------------------------------------------------------

function targetSentences(fx: FigureContext): string[] {
  const view = TableView.of(fx.book, TBL_TARGETS.name);
  if (!view || view.rows.length === 0) return [];
  const c = columnsOf(TBL_TARGETS, fx.lang);
  const zh = zhOf(fx);
  const items = view.rows
    .filter((r) => r.text(c.item) !== "")
    .map((r) => {
      const unit = r.text(c.unit);
      const base = r.text(c.base);
      const short = r.text(c.sAbs) ? (zh ? `近期目标 ${r.text(c.sAbs)}（改善率 ${r.text(c.sRel)}）` : `short-term target ${r.text(c.sAbs)} (improvement ${r.text(c.sRel)})`) : "";
      const long = r.text(c.lAbs) ? (zh ? `中远期目标 ${r.text(c.lAbs)}（改善率 ${r.text(c.lRel)}）` : `long-term target ${r.text(c.lAbs)} (improvement ${r.text(c.lRel)})`) : "";
      const parts = [zh ? `现状 ${base || "—"}` : `baseline ${base || "—"}`, short, long].filter((x) => x !== "");
      return zh ? `${r.text(c.item)}${unit ? `（${unit}）` : ""}：${parts.join("，")}` : `${r.text(c.item)}${unit ? ` (${unit})` : ""}: ${parts.join(", ")}`;
    });
  if (items.length === 0) return [];
  return [zh ? `本轮审核设定清洁生产目标 ${items.length} 项${refOf(fx, view)}：${items.join("；")}。` : `The audit sets ${items.length} cleaner-production targets${refOf(fx, view)}: ${items.join("; ")}.`];
}

// ---- balances ---------------------------------------------------------------------------

interface BalanceCols {
  name: (r: ViewRow) => string;
  tin: string;
  tout: string;
  gap: string;
  err: string;
  verdict: string;
  unit?: string;
}

function balanceSentences(fx: FigureContext, view: TableView | undefined, cols: BalanceCols, kind: { zh: string; en: string }): string[] {
  if (!view) return [];
  const zh = zhOf(fx);
  const rows = view.rows.filter((r) => cols.name(r) !== "");
  if (rows.length === 0) return [];
  const pass = tr(fx.lang, BALANCE_LABELS.pass);
  const fail = tr(fx.lang, BALANCE_LABELS.fail);
  const nPass = rows.filter((r) => r.text(cols.verdict) === pass).length;
  const nFail = rows.filter((r) => r.text(cols.verdict) === fail).length;
  const nOther = rows.length - nPass - nFail;
  const ref = refOf(fx, view);
  const head = zh
    ? `${kind.zh}${ref}共 ${rows.length} 个，合格 ${nPass} 个，不合格 ${nFail} 个${nOther ? `，待定 ${nOther} 个` : ""}。`
    : `${kind.en}${ref}: ${rows.length} in all, ${nPass} pass, ${nFail} fail${nOther ? `, ${nOther} pending` : ""}.`;
  const each = rows.map((r) => {
    const u = cols.unit ? r.text(cols.unit) : "";
    const q = (col: string) => (r.text(col) === "" ? "—" : `${r.text(col)}${u ? ` ${u}` : ""}`);
    return zh
      ? `${cols.name(r)}：输入 ${q(cols.tin)}，输出 ${q(cols.tout)}，差值 ${q(cols.gap)}，相对误差 ${r.text(cols.err) || "—"}，判定${r.text(cols.verdict) || "—"}`
      : `${cols.name(r)}: in ${q(cols.tin)}, out ${q(cols.tout)}, gap ${q(cols.gap)}, relative error ${r.text(cols.err) || "—"}, result ${r.text(cols.verdict) || "—"}`;
  });
  return [head + (zh ? `${each.join("；")}。` : ` ${each.join("; ")}.`)];
}

function materialBalance(fx: FigureContext): string[] {
  const c = columnsOf(TBL_BALANCES, fx.lang);
  return balanceSentences(fx, TableView.of(fx.book, TBL_BALANCES.name), { name: (r) => r.text(c.op), tin: c.tin, tout: c.tout, gap: c.gap, err: c.err, verdict: c.verdict, unit: c.basis }, { zh: "审核重点物料平衡", en: "Material balances of the audit focus" });
}

function componentBalance(fx: FigureContext): string[] {
  const c = columnsOf(TBL_COMPONENT_BALANCES, fx.lang);
  const sep = fx.lang === "zh-CN" ? " " : " / ";
  return balanceSentences(fx, TableView.of(fx.book, TBL_COMPONENT_BALANCES.name), { name: (r) => [r.text(c.op), r.text(c.component)].filter((x) => x).join(sep), tin: c.tin, tout: c.tout, gap: c.gap, err: c.err, verdict: c.verdict }, { zh: "元素/污染因子平衡", en: "Element / pollutant balances" });
}

function waterBalance(fx: FigureContext): string[] {
  const c = columnsOf(TBL_WATER, fx.lang);
  const view = TableView.of(fx.book, TBL_WATER.name);
  if (!view) return [];
  const zh = zhOf(fx);
  const rows = view.rows.filter((r) => r.text(c.system) !== "");
  if (rows.length === 0) return [];
  const each = rows.map((r) =>
    zh
      ? `${r.text(c.system)}：新水量 ${r.text(c.fresh) || "—"} ${r.text(c.basis)}，差值 ${r.text(c.gap) || "—"}，相对误差 ${r.text(c.err) || "—"}，判定${r.text(c.verdict) || "—"}，重复利用率 ${r.text(c.reuseRate) || "—"}`
      : `${r.text(c.system)}: fresh water ${r.text(c.fresh) || "—"} ${r.text(c.basis)}, gap ${r.text(c.gap) || "—"}, relative error ${r.text(c.err) || "—"}, result ${r.text(c.verdict) || "—"}, reuse rate ${r.text(c.reuseRate) || "—"}`,
  );
  return [zh ? `水平衡${refOf(fx, view)}：${each.join("；")}。` : `Water balance${refOf(fx, view)}: ${each.join("; ")}.`];
}

// ---- 表4-1 options by cost class ----------------------------------------------------------

/** Counts and sums of the register by cost class group (无/低费, 中/高费, other). */
export function registerTotals(fx: FigureContext): { view: TableView; low: Sums; high: Sums; other: Sums } | undefined {
  const view = TableView.of(fx.book, TBL_OPTIONS.name);
  if (!view) return undefined;
  const c = columnsOf(TBL_OPTIONS, fx.lang);
  const names = (zhList: readonly string[]) => new Set(COST_CLASSES.filter((x) => zhList.includes(x.zh)).map((x) => tr(fx.lang, x)));
  const lowNames = names(LOW_COST_CLASSES);
  const highNames = names(HIGH_COST_CLASSES);
  const empty = (): Sums => ({ count: 0, investment: 0, benefit: 0 });
  const out = { view, low: empty(), high: empty(), other: empty() };
  for (const r of view.rows) {
    if (r.text(c.id) === "") continue;
    const cls = r.text(c.costClass);
    const s = lowNames.has(cls) ? out.low : highNames.has(cls) ? out.high : out.other;
    s.count++;
    s.investment += r.num(c.investment) ?? 0;
    s.benefit += r.num(c.benefit) ?? 0;
  }
  return out;
}

/** Count, investment (万元) and annual benefit (万元/a) of a group of options. */
export interface Sums {
  count: number;
  investment: number;
  benefit: number;
}

function registerSentences(fx: FigureContext): string[] {
  const t = registerTotals(fx);
  if (!t) return [];
  const zh = zhOf(fx);
  const total = t.low.count + t.high.count + t.other.count;
  const ref = refOf(fx, t.view);
  const other = t.other.count ? (zh ? `；未定费用类别 ${t.other.count} 项` : `; ${t.other.count} without a cost class`) : "";
  return [
    zh
      ? `本轮审核共产生清洁生产方案 ${total} 项${ref}，其中无/低费方案 ${t.low.count} 项，预计投资 ${money(t.low.investment)} 万元，预计年效益 ${money(t.low.benefit)} 万元/a；中/高费方案 ${t.high.count} 项，预计投资 ${money(t.high.investment)} 万元，预计年效益 ${money(t.high.benefit)} 万元/a${other}。`
      : `The audit generated ${total} cleaner-production options${ref}: ${t.low.count} no/low-cost options with an estimated investment of ${money(t.low.investment)} 10⁴ CNY and an annual benefit of ${money(t.low.benefit)} 10⁴ CNY/a; ${t.high.count} medium/high-cost options with an investment of ${money(t.high.investment)} 10⁴ CNY and an annual benefit of ${money(t.high.benefit)} 10⁴ CNY/a${other}.`,
  ];
}

// ---- 表5-3 economics, 表5-4 feasibility ------------------------------------------------------

function economicsSentences(fx: FigureContext): string[] {
  const view = TableView.of(fx.book, TBL_ECONOMICS.name);
  if (!view) return [];
  const c = columnsOf(TBL_ECONOMICS, fx.lang);
  const zh = zhOf(fx);
  const rows = view.rows.filter((r) => r.text(c.id) !== "");
  if (rows.length === 0) return [];
  const v = (r: ViewRow, col: string) => r.text(col) || "—";
  return rows.map((r) =>
    zh
      ? `${r.text(c.id)} ${r.text(c.name)}：总投资 I = ${v(r, c.investment)} 万元，年增现金流量 F = ${v(r, c.cashFlow)} 万元/a，投资偿还期 N = ${v(r, c.payback)} 年，净现值 NPV = ${v(r, c.npv)} 万元，内部收益率 IRR = ${v(r, c.irr)}，经济评估结论：${v(r, c.verdict)}。`
      : `${r.text(c.id)} ${r.text(c.name)}: investment I = ${v(r, c.investment)} 10⁴ CNY, cash flow F = ${v(r, c.cashFlow)} 10⁴ CNY/a, payback N = ${v(r, c.payback)} a, NPV = ${v(r, c.npv)} 10⁴ CNY, IRR = ${v(r, c.irr)}, verdict: ${v(r, c.verdict)}.`,
  );
}

function economicsConclusion(fx: FigureContext): string[] {
  const view = TableView.of(fx.book, TBL_ECONOMICS.name);
  if (!view) return [];
  const c = columnsOf(TBL_ECONOMICS, fx.lang);
  const rows = view.rows.filter((r) => r.text(c.id) !== "");
  if (rows.length === 0) return [];
  const zh = zhOf(fx);
  const byVerdict = new Map<string, string[]>();
  for (const r of rows) {
    const k = r.text(c.verdict) || "—";
    byVerdict.set(k, [...(byVerdict.get(k) ?? []), r.text(c.id)]);
  }
  const parts = [...byVerdict].map(([k, ids]) => (zh ? `${k} ${ids.length} 项（${series(fx.lang, ids)}）` : `${k}: ${ids.length} (${series(fx.lang, ids)})`));
  return [zh ? `经济评估${refOf(fx, view)}共评估方案 ${rows.length} 项：${parts.join("，")}。` : `Economic evaluation${refOf(fx, view)} of ${rows.length} options: ${parts.join("; ")}.`];
}

function feasibilitySentences(fx: FigureContext): string[] {
  const view = TableView.of(fx.book, TBL_FEASIBILITY.name);
  if (!view) return [];
  const c = columnsOf(TBL_FEASIBILITY, fx.lang);
  const zh = zhOf(fx);
  const rows = view.rows.filter((r) => r.text(c.id) !== "");
  if (rows.length === 0) return [];
  const recommend = tr(fx.lang, FEASIBILITY_LABELS.recommend);
  const rec = rows
    .filter((r) => r.text(c.overall) === recommend)
    .sort((a, b) => (a.num(c.order) ?? Infinity) - (b.num(c.order) ?? Infinity))
    .map((r) => `${r.text(c.id)} ${r.text(c.name)}`);
  const others = rows.filter((r) => r.text(c.overall) !== recommend).map((r) => (zh ? `${r.text(c.id)}（${r.text(c.overall) || "—"}）` : `${r.text(c.id)} (${r.text(c.overall) || "—"})`));
  const ref = refOf(fx, view);
  const recText = rec.length
    ? zh
      ? `推荐实施的方案 ${rec.length} 项，按实施顺序为：${series(fx.lang, rec)}`
      : `${rec.length} options are recommended, in order of implementation: ${series(fx.lang, rec)}`
    : zh
      ? "尚无推荐实施的方案"
      : "no option is recommended yet";
  const otherText = others.length ? (zh ? `；其余方案：${series(fx.lang, others)}` : `; the others: ${series(fx.lang, others)}`) : "";
  return [zh ? `综合技术、环境和经济评估${ref}，${recText}${otherText}。` : `Combining the technical, environmental and economic evaluations${ref}, ${recText}${otherText}.`];
}

// ---- 表6-8 target attainment -------------------------------------------------------------

/** The columns of 表6-8 this writer reads and its verdict texts (target-attainment.worksheet.ts). */
const ATTAINMENT_TABLE = { ...TBL_TARGET_ATTAINMENT, ...ATTAINMENT_LABELS };

function attainmentSentences(fx: FigureContext): string[] {
  const view = TableView.of(fx.book, ATTAINMENT_TABLE.name);
  if (!view) return [];
  const c = columnsOf(ATTAINMENT_TABLE, fx.lang);
  const zh = zhOf(fx);
  const rows = view.rows.filter((r) => r.text(c.target) !== "");
  if (rows.length === 0) return [];
  const met = tr(fx.lang, ATTAINMENT_TABLE.met);
  const notMet = tr(fx.lang, ATTAINMENT_TABLE.notMet);
  const nMet = rows.filter((r) => r.text(c.met) === met).length;
  const nNot = rows.filter((r) => r.text(c.met) === notMet).length;
  const each = rows.map((r) => {
    const u = r.text(c.unit) ? ` ${r.text(c.unit)}` : "";
    const rate = r.text(c.rate);
    return zh
      ? `${r.text(c.target)}：目标值 ${r.text(c.goal) || "—"}${u}，实际值 ${r.text(c.actual) || "—"}${u}，${r.text(c.met) || "待定"}${rate ? `（完成率 ${rate}）` : ""}`
      : `${r.text(c.target)}: target ${r.text(c.goal) || "—"}${u}, actual ${r.text(c.actual) || "—"}${u}, ${r.text(c.met) || "pending"}${rate ? ` (attainment ${rate})` : ""}`;
  });
  const open = rows.length - nMet - nNot;
  return [
    zh
      ? `清洁生产目标完成情况${refOf(fx, view)}：共 ${rows.length} 项目标，完成 ${nMet} 项，未完成 ${nNot} 项${open ? `，待定 ${open} 项` : ""}。${each.join("；")}。`
      : `Target attainment${refOf(fx, view)}: ${rows.length} targets, ${nMet} met, ${nNot} not met${open ? `, ${open} pending` : ""}. ${each.join("; ")}.`,
  ];
}

// ---- 表6-9 performance table ----------------------------------------------------------------

/** One indicator of the performance block as the sheet shows it: 无/低费, 中/高费 and 合计 texts, the note beside it. */
interface PerformanceRow {
  label: string;
  unit: string;
  low: string;
  high: string;
  total: string;
  note: string;
  /** 合计 as a number (0 when blank) */
  totalValue: number;
  always: boolean;
}

/**
 * The performance block above 表6-9's notes table (performance.worksheet.ts), read from the built
 * sheet's cells: the header row is the one whose cell reads 指标, its columns are found by their
 * header texts, each indicator's row by its label in the 指标 column.
 */
export function performanceRows(fx: FigureContext): { sheet: TableView["sheet"]; rows: PerformanceRow[] } | undefined {
  const sheet = fx.book.sheets.find((s) => s.key === "WS6-9");
  if (!sheet) return undefined;
  const grid = new CellGrid(sheet);
  const header = sheet.cells.find((c) => grid.text(c.row, c.col) === tr(fx.lang, PERFORMANCE_LABELS.indicator));
  if (!header) return undefined;
  const colOf = (label: keyof typeof PERFORMANCE_LABELS) => sheet.cells.find((c) => c.row === header.row && grid.text(c.row, c.col) === tr(fx.lang, PERFORMANCE_LABELS[label]))?.col;
  const [unit, low, high, total, note] = (["unit", "low", "high", "total", "note"] as const).map(colOf);
  if (low === undefined || high === undefined || total === undefined) return undefined;
  const rows: PerformanceRow[] = [];
  for (const ind of PERFORMANCE_INDICATORS) {
    const label = tr(fx.lang, ind.label);
    const cell = sheet.cells.find((c) => c.col === header.col && c.row > header.row && grid.text(c.row, c.col) === label);
    if (!cell) continue;
    const r = cell.row;
    const v = grid.value(r, total);
    rows.push({
      label,
      unit: unit === undefined ? tr(fx.lang, ind.unit) : grid.text(r, unit),
      low: grid.text(r, low),
      high: grid.text(r, high),
      total: grid.text(r, total),
      note: note === undefined ? "" : grid.text(r, note),
      totalValue: typeof v === "number" && Number.isFinite(v) ? v : 0,
      always: ind.always === true,
    });
  }
  return rows.length ? { sheet, rows } : undefined;
}

function performanceSentences(fx: FigureContext): string[] {
  const p = performanceRows(fx);
  if (!p) return [];
  const zh = zhOf(fx);
  const n = tableNumber(p.sheet.title);
  const ref = n ? (zh ? `（${n}）` : ` (${n})`) : "";
  const lowName = tr(fx.lang, PERFORMANCE_LABELS.low);
  const highName = tr(fx.lang, PERFORMANCE_LABELS.high);
  // the indicators the sheet counts always, and the reductions that are not 0
  const each = p.rows
    .filter((r) => r.always || r.totalValue !== 0)
    .map((r) => {
      const u = r.unit ? ` ${r.unit}` : "";
      const note = r.note ? (zh ? `，${r.note}` : `, ${r.note}`) : "";
      return zh
        ? `${r.label} ${r.total || "—"}${u}（${lowName} ${r.low || "—"}，${highName} ${r.high || "—"}${note}）`
        : `${r.label} ${r.total || "—"}${u} (${lowName} ${r.low || "—"}, ${highName} ${r.high || "—"}${note})`;
    });
  if (each.length === 0) return [];
  return [zh ? `清洁生产审核绩效${ref}合计：${each.join("；")}。` : `Performance of the audit${ref}, in total: ${each.join("; ")}.`];
}

/**
 * The figure writers by worksheet key (one place per worksheet): a sheet added later gets its
 * sentences by an entry here; without one it still appears with its tables.
 */
export const FIGURES: Readonly<Record<string, FigureWriter>> = {
  "WS2-11": { paragraphs: focusSentences, conclusion: focusSentences },
  "WS2-12": { paragraphs: targetSentences },
  "WS3-4": { paragraphs: materialBalance, conclusion: materialBalance },
  COMPONENTS: { paragraphs: componentBalance },
  WATER: { paragraphs: waterBalance, conclusion: waterBalance },
  "WS4-1": { paragraphs: registerSentences, conclusion: registerSentences },
  "WS5-3": { paragraphs: economicsSentences, conclusion: economicsConclusion },
  "WS5-4": { paragraphs: feasibilitySentences, conclusion: feasibilitySentences },
  "WS6-8": { paragraphs: attainmentSentences, conclusion: attainmentSentences },
  "WS6-9": { paragraphs: performanceSentences, conclusion: performanceSentences },
};
