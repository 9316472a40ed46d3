/**
 * 表6-1 方案实施计划/进度表 Implementation plan and schedule (spec WS6-1, §7; issue 12).
 *
 * Table `tblImplementation`, one row per option being implemented:
 * 方案编号 (dropdown CP_OptionIds) | 方案名称 (looked up) | 实施内容 | 资金来源 (list 自筹/贷款/补贴/其他) |
 * 投资 (万元, looked up, never typed: 表5-3's I of the id when a number, else the register's 预计投资) |
 * 投资来源 (表5-3 / 汇总表 / 无) | 计划开始 | 计划完成 | 实际开始 | 实际完成 (dates) |
 * 工期 = 计划完成 − 计划开始 (days) | 延误 = 实际完成 − 计划完成 (days; negative = early) — both ""
 * while a date is missing | 状态 (computed, never typed: 已完成 when 实际完成 is a date, else 进行中
 * when 实际开始 is, else 未开始) | 负责部门/人 | 检查 (id missing / not in the register / twice,
 * 计划完成早于开始, 实际完成早于开始, a text in a date column) | 1 … 12: the planned period as a bar
 * over the 12 months from the earliest 计划开始 (month-grid.ts; the band row shows the months).
 *
 * Above the table: investment by funding source (SUMIFS over the whole 投资 and 资金来源 columns)
 * and in total; options by status (COUNTIFS over 状态), the number of options and of late ones.
 */
import { colLetter, rect } from "../a1";
import type { ImplementationTask } from "../case";
import { FUNDING_SOURCES, l, type L } from "../i18n";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import type { CellValue, Lang } from "../model";
import { defineTable, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { TBL_ECONOMICS } from "./economics.worksheet";
import { lookupExact } from "./exact-match";
import { decorateMonthGrid, MONTH_COLUMNS, monthColumns } from "./month-grid";
import { optionIdColumn, registerEntryOf, registerLookup, registerTextColumn } from "./option-pick";
import { DATE_VALIDATION, DATE_WIDTH, dateSerial, listText, summaryLine } from "./phase13-common";
import { IMPLEMENTATION_COLUMNS, TBL_IMPLEMENTATION_NAME } from "./phase6-schemas";
import { markChecks, pickedCheckFormula, pickedCheckValue, readRow, sumNumbers } from "./phase6-kit";
import { storeSection } from "./read-kit";
import { firstById } from "./statement-kit";

export const TBL_IMPLEMENTATION = {
  name: TBL_IMPLEMENTATION_NAME,
  columns: {
    id: IMPLEMENTATION_COLUMNS.id,
    name: l("方案名称", "Option name"),
    content: l("实施内容", "Content"),
    funding: l("资金来源", "Funding"),
    investment: l("投资", "Investment"),
    source: l("投资来源", "I from"),
    plannedStart: l("计划开始", "Planned start"),
    plannedEnd: l("计划完成", "Planned finish"),
    actualStart: l("实际开始", "Actual start"),
    actualFinish: IMPLEMENTATION_COLUMNS.actualFinish,
    duration: l("工期", "Duration"),
    delay: l("延误", "Delay"),
    status: IMPLEMENTATION_COLUMNS.status,
    responsible: l("负责部门/人", "In charge"),
    check: l("检查", "Check"),
    ...MONTH_COLUMNS,
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_IMPLEMENTATION.columns;

/** The computed 状态 of 表6-1 (spec §7): from the dates, never typed. */
export const IMPLEMENTATION_STATUS = {
  done: l("已完成", "Completed"),
  running: l("进行中", "In progress"),
  notStarted: l("未开始", "Not started"),
};

/** Summary labels of the statuses (the same texts, broken where the column is narrow). */
const STATUS_HEADERS: Readonly<Record<keyof typeof IMPLEMENTATION_STATUS, L>> = {
  done: IMPLEMENTATION_STATUS.done,
  running: l("进行中", "In\nprogress"),
  notStarted: l("未开始", "Not\nstarted"),
};

export const IMPLEMENTATION_LABELS = {
  fromEconomics: l("表5-3", "WS5-3"),
  fromRegister: l("汇总表", "register"),
  none: l("无", "none"),
  planOrder: l("计划完成早于开始", "Planned finish before start"),
  actualOrder: l("实际完成早于开始", "Actual finish before start"),
  textInDates: l("日期列含文字", "Text in a date column"),
  total: l("投资合计", "Total"),
  options: l("方案数", "Options"),
  late: l("延误方案", "Late"),
  byFunding: l("按资金来源（万元）", "By funding (10⁴ CNY)"),
};

const rowsOf = (ctx: BuildContext): readonly ImplementationTask[] => ctx.auditCase?.implementation ?? [];

/** The row's dates as serial numbers. */
function datesOf(r: ImplementationTask | undefined) {
  return { ps: dateSerial(r?.plannedStart), pe: dateSerial(r?.plannedEnd), as: dateSerial(r?.actualStart), af: dateSerial(r?.actualEnd) };
}

/** I of an option as the sheet finds it: 表5-3's (the case's economics entry) when there, else the register's; and which. */
export function implementationInvestment(ctx: BuildContext, id: string): { value: number | null; from: L } {
  const e = firstById(ctx.auditCase?.economics, id);
  if (e) return { value: e.investment, from: IMPLEMENTATION_LABELS.fromEconomics };
  const reg = registerEntryOf(ctx, id)?.investment;
  return typeof reg === "number" ? { value: reg, from: IMPLEMENTATION_LABELS.fromRegister } : { value: null, from: IMPLEMENTATION_LABELS.none };
}

/** The cached 状态 of a row. */
export function statusOf(r: ImplementationTask): L {
  const d = datesOf(r);
  return d.af !== undefined ? IMPLEMENTATION_STATUS.done : d.as !== undefined ? IMPLEMENTATION_STATUS.running : IMPLEMENTATION_STATUS.notStarted;
}

/** Delay in days (actual − planned finish), undefined while either is blank. */
export function delayOf(r: ImplementationTask | undefined): number | undefined {
  const d = datesOf(r);
  return d.af !== undefined && d.pe !== undefined ? d.af - d.pe : undefined;
}

/** 表5-3's I of this row's id (#N/A when absent). */
const econI = (x: Refs<K>) => lookupExact(whole(TBL_ECONOMICS, "investment", x.lang), whole(TBL_ECONOMICS, "id", x.lang), x.r("id"));
/** The register's 预计投资 of this row's id ("" when absent or blank). */
const regI = (x: Refs<K>) => registerLookup(x, "investment");

const dateColumn = (lang: Lang, key: "plannedStart" | "plannedEnd" | "actualStart" | "actualFinish", field: "plannedStart" | "plannedEnd" | "actualStart" | "actualEnd"): Column<ImplementationTask, K> => ({
  key,
  role: "input",
  format: FMT.date,
  // yyyy-mm-dd: 12 for the wider digits of the Chinese fonts, 11 in English (Calibri) so the month grid prints at 75 %
  width: lang === "en-US" ? DATE_WIDTH - 1 : DATE_WIDTH,
  validation: DATE_VALIDATION,
  value: (r) => dateSerial(r?.[field]),
});

/** A day count `a − b` of two date columns, "" while either is not a date. */
const daysFormula = (x: Refs<K>, a: K, b: K) => `IF(OR(NOT(ISNUMBER(${x.r(a)})),NOT(ISNUMBER(${x.r(b)}))),"",${x.r(a)}-${x.r(b)})`;

const columns = (lang: Lang): Column<ImplementationTask, K>[] => [
  optionIdColumn<ImplementationTask>((r) => r?.optionId),
  { ...(registerTextColumn<ImplementationTask>("name", (r) => r.optionId) as Column<ImplementationTask, K>), width: 10 },
  { key: "content", role: "input", width: 9, value: (r) => r?.content },
  { key: "funding", role: "input", width: 8, validation: { list: "funding" }, value: (r, _k, ctx) => listText(ctx, FUNDING_SOURCES, r?.funding) },
  {
    key: "investment",
    role: "lookup",
    band: l("万元", "10⁴ CNY"),
    format: FMT.money,
    formula: (x) => `IF(${x.r("id")}="","",IF(ISNUMBER(${econI(x)}),${econI(x)},${regI(x)}))`,
    value: (r, _k, ctx) => (r ? (implementationInvestment(ctx, r.optionId).value ?? "") : null),
  },
  {
    key: "source",
    role: "computed",
    width: 7,
    formula: (x) =>
      `IF(${x.r("id")}="","",IF(ISNUMBER(${econI(x)}),${x.s(IMPLEMENTATION_LABELS.fromEconomics)},IF(ISNUMBER(${regI(x)}),${x.s(IMPLEMENTATION_LABELS.fromRegister)},${x.s(IMPLEMENTATION_LABELS.none)})))`,
    value: (r, _k, ctx) => (r ? t(ctx, implementationInvestment(ctx, r.optionId).from) : null),
  },
  dateColumn(lang, "plannedStart", "plannedStart"),
  dateColumn(lang, "plannedEnd", "plannedEnd"),
  dateColumn(lang, "actualStart", "actualStart"),
  dateColumn(lang, "actualFinish", "actualEnd"),
  {
    key: "duration",
    role: "computed",
    band: l("天\n计划", "days\nplanned"),
    format: FMT.integer,
    numberWidth: 6,
    formula: (x) => daysFormula(x, "plannedEnd", "plannedStart"),
    value: (r) => {
      const d = datesOf(r);
      return r && d.ps !== undefined && d.pe !== undefined ? d.pe - d.ps : null;
    },
  },
  {
    key: "delay",
    role: "computed",
    band: l("天", "days"),
    format: FMT.integer,
    numberWidth: 6,
    formula: (x) => daysFormula(x, "actualFinish", "plannedEnd"),
    value: (r) => delayOf(r) ?? null,
  },
  {
    key: "status",
    role: "computed",
    // "Completed" on one line; 已完成 needs less
    width: lang === "en-US" ? 10 : 8,
    formula: (x) =>
      `IF(${x.r("id")}="","",IF(ISNUMBER(${x.r("actualFinish")}),${x.s(IMPLEMENTATION_STATUS.done)},IF(ISNUMBER(${x.r("actualStart")}),${x.s(IMPLEMENTATION_STATUS.running)},${x.s(IMPLEMENTATION_STATUS.notStarted)})))`,
    value: (r, _k, ctx) => (r ? t(ctx, statusOf(r)) : null),
  },
  { key: "responsible", role: "input", width: 9, value: (r) => r?.responsible },
  {
    key: "check",
    role: "computed",
    width: 9,
    formula: (x) => {
      const before = (a: K, b: K) => `AND(ISNUMBER(${x.r(a)}),ISNUMBER(${x.r(b)}),${x.r(a)}<${x.r(b)})`;
      return pickedCheckFormula(
        x,
        `${x.r("content")},${x.r("funding")},${x.span("plannedStart", "actualFinish")},${x.r("responsible")}`,
        `IF(SUMPRODUCT(--ISTEXT(${x.span("plannedStart", "actualFinish")}))>0,${x.s(IMPLEMENTATION_LABELS.textInDates)},` +
          `IF(${before("plannedEnd", "plannedStart")},${x.s(IMPLEMENTATION_LABELS.planOrder)},` +
          `IF(${before("actualFinish", "actualStart")},${x.s(IMPLEMENTATION_LABELS.actualOrder)},"")))`,
      );
    },
    value: (r, _k, ctx) => {
      if (!r) return null;
      const d = datesOf(r);
      return pickedCheckValue(
        ctx,
        r.optionId,
        rowsOf(ctx).map((x) => x.optionId),
        () => (d.ps !== undefined && d.pe !== undefined && d.pe < d.ps ? IMPLEMENTATION_LABELS.planOrder : d.as !== undefined && d.af !== undefined && d.af < d.as ? IMPLEMENTATION_LABELS.actualOrder : null),
      );
    },
  },
  ...(monthColumns<ImplementationTask, K>(
    "plannedStart",
    "plannedEnd",
    (r) => {
      const d = datesOf(r);
      return { start: d.ps, end: d.pe };
    },
    (ctx) => firstStart(ctx),
  )),
];

/** The earliest planned start of the case's rows (serial), undefined when none. */
function firstStart(ctx: BuildContext): number | undefined {
  const s = rowsOf(ctx)
    .map((r) => dateSerial(r.plannedStart))
    .filter((x): x is number => x !== undefined);
  return s.length === 0 ? undefined : Math.min(...s);
}

/** Above the table: investment by funding source and in total; options by status, count, late ones. */
function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = rowsOf(ctx);
  const w = (k: K) => whole(TBL_IMPLEMENTATION, k, ctx.lang);
  const inv = rows.map((r) => implementationInvestment(ctx, r.optionId).value);
  const funding = (src: L): CellValue => sumNumbers(rows.map((r, k) => (r.funding !== undefined && listText(ctx, FUNDING_SOURCES, r.funding) === t(ctx, src) ? inv[k] : null)));
  summaryLine(b, ctx, top, [
    ...FUNDING_SOURCES.map((src): [L, string, CellValue, string] => [src, `SUMIFS(${w("investment")},${w("funding")},${str(t(ctx, src))})`, funding(src), FMT.money]),
  ]);
  const status = (s: L) => rows.filter((r) => statusOf(r) === s).length;
  // the total first (a wide column), the counts after it (the narrow day columns hold counts only)
  summaryLine(b, ctx, top + 1, [
    [IMPLEMENTATION_LABELS.total, `SUM(${w("investment")})`, sumNumbers(inv), FMT.money],
    [IMPLEMENTATION_LABELS.options, `SUMPRODUCT(--(${w("id")}<>""))`, rows.length, FMT.integer],
    ...(Object.keys(IMPLEMENTATION_STATUS) as (keyof typeof IMPLEMENTATION_STATUS)[]).map((k): [L, string, CellValue, string] => {
      const s = IMPLEMENTATION_STATUS[k];
      return [STATUS_HEADERS[k], `COUNTIFS(${w("status")},${str(t(ctx, s))})`, status(s), FMT.integer];
    }),
    [IMPLEMENTATION_LABELS.late, `COUNTIF(${w("delay")},">0")`, rows.filter((r) => (delayOf(r) ?? 0) > 0).length, FMT.integer],
  ]);
  return top + 2;
}

export const implementationWorksheet = tableWorksheet({
  key: "WS6-1",
  number: "6-1",
  sheetName: l("方案实施计划", "Implementation plan"),
  title: l("方案实施计划/进度表", "Implementation plan and schedule"),
  dependsOn: ["PARAMS", "LISTS", "WS4-1", "WS5-3"],
  note: l(
    "每行一个实施的方案（选方案编号，名称自动引用）；投资取自经济评估表（表5-3），不在其中时取自方案汇总表，“投资来源”列注明。日期按 yyyy-mm-dd 输入。工期 = 计划完成 − 计划开始，延误 = 实际完成 − 计划完成（天，负数为提前）；状态按日期得出：有实际完成为已完成，有实际开始为进行中，否则未开始。右侧 1…12 为自最早计划开始之月起的 12 个月（上方为日历月份），■ 为计划实施期，计划延续到第 12 个月之后时第 12 列为 ▶。",
    "One option being implemented per row (pick its ID; the name is looked up); the investment comes from the economics sheet (WS5-3), else the register (the I from column says which). Type dates as yyyy-mm-dd. Duration = planned finish − planned start; delay = actual finish − planned finish (days, negative = early); the status follows from the dates: an actual finish = completed, an actual start = in progress, else not started. Columns 1…12 are the 12 months from the earliest planned start (calendar month above); ■ marks the planned period, ▶ in column 12 a period that goes on after it.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  summary,
  tables: (ctx) => [
    defineTable({
      schema: TBL_IMPLEMENTATION,
      columns: columns(ctx.lang),
      rows: rowsOf,
      decorate(b, ctx, g) {
        decorateMonthGrid(b, ctx, g as never, whole(TBL_IMPLEMENTATION, "plannedStart", ctx.lang), firstStart(ctx));
        const cell = (k: K) => `$${colLetter(g.col[k])}${g.firstRow + 1}`;
        markChecks(b, g);
        b.conditional(rect(g.firstRow, g.col.delay, g.lastRow, g.col.delay), `AND(ISNUMBER(${cell("delay")}),${cell("delay")}>0)`, "warn");
        b.conditional(rect(g.firstRow, g.col.status, g.lastRow, g.col.status), `${cell("status")}=${str(t(ctx, IMPLEMENTATION_STATUS.done))}`, "good");
      },
      readBack: {
        row: (c) =>
          readRow(c, "id", {
            content: ["text", "content"],
            funding: ["text", "funding"],
            plannedStart: ["date", "plannedStart"],
            plannedEnd: ["date", "plannedEnd"],
            actualStart: ["date", "actualStart"],
            actualEnd: ["date", "actualFinish"],
            responsible: ["text", "responsible"],
          }),
        store: storeSection("implementation"),
      },
    }),
  ],
});

