/**
 * Phase 1 (筹划和组织 / 审核准备): 表1-1 审核小组成员表 and 表1-2 审核工作计划表 (spec §1.3 WS1-1, WS1-2;
 * issue 10).
 *
 * WS1-1, table `tblTeam`: 序号 | 姓名 | 审核小组职务 (组长/副组长/成员, list) | 小组 (领导小组/工作小组,
 * list) | 来自部门及职务、职称 | 专业 | 职责 | 应投入的时间. Above it: members per group and role
 * (COUNTIFS over the whole columns; the 合计 row counts every member with a name, also one without a
 * group or role).
 *
 * WS1-2, table `tblPlan`: 序号 | 阶段 | 工作内容 | 计划开始 | 计划完成 | 实际开始 | 实际完成 (dates,
 * validated) | 延误天数 = 实际完成 − 计划完成 (days; "" while either is blank; negative = early) |
 * 责任部门及负责人 | 考核部门及人员 | 产出 | 12 month columns M1 … M12, the months from the month of
 * the earliest 计划开始 on (the band row above them shows each one's calendar month): a cell shows ■
 * when its month overlaps the stage's planned period (计划开始 before the month's end and 计划完成 on or
 * after its first day), and a conditional format fills it, so the plan reads as a schedule. A
 * completion date before its start is marked red (conditional format; the sheet has no room for a
 * 检查 column and still prints on one A4 page). The 9 standard stages (spec §1.3, in the terms of
 * the case's terminology, spec §8.2) are pre-filled when the case has no plan and in the template.
 */
import { colLetter } from "../a1";
import type { PlanStage, TeamMember } from "../case";
import { l, TEAM_GROUPS, TEAM_ROLES, tr, type L } from "../i18n";
import { FMT, SPARE_ROWS, str, t, type BuildContext, type SheetBuilder } from "../layout";
import { phaseName, type PhaseNo } from "../catalogue";
import { defineTable, tableWorksheet, whole, type Column, type TableSchema } from "../table";
import { termLabel, type TermPair } from "../terminology";
import { DATE_VALIDATION, DATE_WIDTH, dateSerial, listText, monthStart, rowNumberColumn, summaryLine } from "./phase13-common";
import { f, same, readRow, type Field } from "./read-back-fields";
import { storeSection } from "./read-kit";

// ---------------------------------------------------------------------------------------------
// WS1-1

export const TBL_TEAM = {
  name: "tblTeam",
  columns: {
    no: l("序号", "No."),
    name: l("姓名", "Name"),
    role: l("审核小组职务", "Team role"),
    group: l("小组", "Group"),
    department: l("来自部门及职务、职称", "Department, job, title"),
    discipline: l("专业", "Discipline"),
    duties: l("职责", "Duties"),
    time: l("应投入的时间", "Time committed"),
  },
} as const satisfies TableSchema;
type TK = keyof typeof TBL_TEAM.columns;

export const TEAM_LABELS = {
  summary: l("成员人数（按小组和职务）", "Members by group and role"),
  group: l("小组", "Group"),
  total: l("合计", "Total"),
  allMembers: l("全部成员（含未填小组）", "All members (incl. no group)"),
};

const teamColumns: readonly Column<TeamMember, TK>[] = [
  rowNumberColumn("no", "name", "time"),
  { key: "name", role: "input", width: 10, value: (m) => m?.name },
  { key: "role", role: "input", width: 10, validation: { list: "teamRole" }, value: (m, _k, ctx) => listText(ctx, TEAM_ROLES, m?.role) },
  { key: "group", role: "input", width: 12, validation: { list: "teamGroup" }, value: (m, _k, ctx) => listText(ctx, TEAM_GROUPS, m?.group) },
  { key: "department", role: "input", width: 24, value: (m) => m?.department },
  { key: "discipline", role: "input", width: 10, value: (m) => m?.discipline },
  { key: "duties", role: "input", width: 20, value: (m) => m?.duties },
  { key: "time", role: "input", width: 10, value: (m) => m?.time },
];

/** The case's `team[]` fields read back from tblTeam (role and group as their zh-CN list items). */
const TEAM_FIELDS: readonly Field<TK>[] = [
  f("name", "name", "text", "缺少姓名 (name missing)"),
  f("role", "role", TEAM_ROLES),
  f("group", "group", TEAM_GROUPS),
  ...same<TK>("text", "department", "discipline", "duties", "time"),
];

function teamRows(ctx: BuildContext): readonly TeamMember[] {
  return ctx.auditCase?.team ?? [];
}

/** Members of the case in group `g` (zh) and role `r` (zh); undefined = any. */
export function teamCount(members: readonly TeamMember[], g: string | undefined, r: string | undefined, ctx: BuildContext): number {
  const text = (items: readonly L[], v: string | undefined) => listText(ctx, items, v);
  return members.filter(
    (m) => (g === undefined || text(TEAM_GROUPS, m.group) === tr(ctx.lang, TEAM_GROUPS.find((x) => x.zh === g)!)) && (r === undefined || text(TEAM_ROLES, m.role) === tr(ctx.lang, TEAM_ROLES.find((x) => x.zh === r)!)),
  ).length;
}

function teamSummary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = teamRows(ctx);
  const w = (k: TK) => whole(TBL_TEAM, k, ctx.lang);
  b.label(top, 1, t(ctx, TEAM_LABELS.summary), "meta", false);
  const h = top + 1;
  b.header(h, 1, t(ctx, TEAM_LABELS.group));
  TEAM_ROLES.forEach((role, i) => b.header(h, 2 + i, t(ctx, role)));
  const totCol = 2 + TEAM_ROLES.length;
  b.header(h, totCol, t(ctx, TEAM_LABELS.total));
  TEAM_GROUPS.forEach((g, gi) => {
    const r = h + 1 + gi;
    b.label(r, 1, t(ctx, g));
    const gl = str(t(ctx, g));
    TEAM_ROLES.forEach((role, i) => {
      b.formula(r, 2 + i, `COUNTIFS(${w("group")},${gl},${w("role")},${str(t(ctx, role))},${w("name")},"<>")`, teamCount(rows, g.zh, role.zh, ctx), "computed", FMT.integer);
    });
    b.formula(r, totCol, `COUNTIFS(${w("group")},${gl},${w("name")},"<>")`, teamCount(rows, g.zh, undefined, ctx), "total", FMT.integer);
  });
  const r = h + 1 + TEAM_GROUPS.length;
  b.label(r, 1, t(ctx, TEAM_LABELS.allMembers), "total");
  TEAM_ROLES.forEach((role, i) => {
    b.formula(r, 2 + i, `COUNTIFS(${w("role")},${str(t(ctx, role))},${w("name")},"<>")`, teamCount(rows, undefined, role.zh, ctx), "total", FMT.integer);
  });
  b.formula(r, totCol, `COUNTIFS(${w("name")},"<>")`, rows.length, "total", FMT.integer);
  return r + 1;
}

export const teamWorksheet = tableWorksheet({
  key: "WS1-1",
  number: "1-1",
  sheetName: l("审核小组", "Audit team"),
  title: l("审核小组成员表", "Audit team members"),
  dependsOn: ["PARAMS", "LISTS"],
  note: l(
    "黄色单元格为输入；职务和小组从下拉列表选择。设有领导小组和工作小组时在“小组”列区分。在表格下方输入即可添加成员，上方人数随之更新。",
    "Yellow cells are inputs; choose role and group from the lists. Where a leadership and a working group exist, tell them apart in the Group column. Type below the table to add a member; the counts above follow.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  summary: teamSummary,
  tables: [defineTable({ schema: TBL_TEAM, columns: teamColumns, rows: teamRows, readBack: { row: (c) => readRow(c, TEAM_FIELDS), store: storeSection("team") } })],
});

// ---------------------------------------------------------------------------------------------
// WS1-2


const monthKeys = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12"] as const;
type MonthKey = (typeof monthKeys)[number];
/** Month columns of the schedule (the band row holds each one's calendar month). */
export const PLAN_MONTHS = monthKeys.length;
/** Width of a month cell (characters): one ■ or a month number. */
const MONTH_WIDTH = 4;

export const TBL_PLAN = {
  name: "tblPlan",
  columns: {
    no: l("序号", "No."),
    stage: l("阶段", "Stage"),
    work: l("工作内容", "Work content"),
    plannedStart: l("计划开始", "Planned start"),
    plannedEnd: l("计划完成", "Planned end"),
    actualStart: l("实际开始", "Actual start"),
    actualEnd: l("实际完成", "Actual end"),
    delay: l("延误天数", "Delay days"),
    responsible: l("责任部门及负责人", "Responsible"),
    checker: l("考核部门及人员", "Checked by"),
    output: l("产出", "Deliverable"),
    ...(Object.fromEntries(monthKeys.map((k, i) => [k, l(`M${i + 1}`, `M${i + 1}`)])) as Record<MonthKey, L>),
  },
} as const satisfies TableSchema;
type PK = keyof typeof TBL_PLAN.columns;

/** The 9 standard stages of the work plan (spec §1.3 WS1-2), in both sets of terms (spec §8.2). */
export function standardStages(): TermPair[] {
  const phase = (no: PhaseNo): TermPair => ({
    t2001: l(phaseName(no, "zh-CN", "2001"), phaseName(no, "en-US", "2001")),
    t2016: l(phaseName(no, "zh-CN", "2016"), phaseName(no, "en-US", "2016")),
  });
  return [
    phase(1),
    phase(2),
    phase(3),
    phase(4),
    { t2001: l("中期审计报告", "Interim audit report"), t2016: l("中期审核报告", "Interim audit report") },
    phase(5),
    phase(6),
    phase(7),
    { t2001: l("审计报告", "Audit report"), t2016: l("审核报告", "Audit report") },
  ];
}

export const PLAN_LABELS = {
  stages: l("阶段数", "Stages"),
  done: l("已完成", "Completed"),
  late: l("延误阶段", "Stages late"),
  maxDelay: l("最大延误\n天数", "Longest\ndelay (d)"),
  bar: l("■", "■"),
};

/** A stage's dates as serial numbers. */
function dates(s: PlanStage | undefined) {
  return { ps: dateSerial(s?.plannedStart), pe: dateSerial(s?.plannedEnd), as: dateSerial(s?.actualStart), ae: dateSerial(s?.actualEnd) };
}

/** The plan's rows: the case's stages, or the 9 standard ones (blank dates). */
export function planRows(ctx: BuildContext): readonly PlanStage[] {
  const p = ctx.auditCase?.plan;
  if (p) return p;
  return standardStages().map((x) => ({ stage: tr(ctx.lang, termLabel(x, ctx.terminology)) }));
}

/** Delay in days (actual − planned completion), undefined while either is blank. */
export function delayOf(s: PlanStage | undefined): number | undefined {
  const d = dates(s);
  return d.ae !== undefined && d.pe !== undefined ? d.ae - d.pe : undefined;
}

/** First day (serial) of month `k` (0-based) of the schedule, undefined when no stage has a planned start. */
function monthOf(rows: readonly PlanStage[], k: number): number | undefined {
  const starts = rows.map((r) => dateSerial(r.plannedStart)).filter((x): x is number => x !== undefined);
  if (starts.length === 0) return undefined;
  return monthStart(Math.min(...starts), k);
}

const dateColumn = (key: "plannedStart" | "plannedEnd" | "actualStart" | "actualEnd"): Column<PlanStage, PK> => ({
  key,
  role: "input",
  format: FMT.date,
  width: DATE_WIDTH,
  validation: DATE_VALIDATION,
  value: (s) => dateSerial(s?.[key]),
});

/** First day of month `k` (0-based) of the schedule: DATE(YEAR(MIN(计划开始)),MONTH(MIN(计划开始))+k,1). */
function monthStartFormula(all: string, k: number): string {
  return `DATE(YEAR(MIN(${all})),MONTH(MIN(${all}))+${k},1)`;
}

function monthColumn(key: MonthKey, k: number): Column<PlanStage, PK> {
  return {
    key,
    role: "computed",
    formula: (x) => {
      const ps = x.r("plannedStart");
      const pe = x.r("plannedEnd");
      const all = x.all("plannedStart");
      return `IF(OR(NOT(ISNUMBER(${ps})),NOT(ISNUMBER(${pe}))),"",IF(AND(${ps}<${monthStartFormula(all, k + 1)},${pe}>=${monthStartFormula(all, k)}),${x.s(PLAN_LABELS.bar)},""))`;
    },
    value: (s, _k, ctx) => {
      const d = dates(s);
      const m = monthOf(planRows(ctx), k);
      if (d.ps === undefined || d.pe === undefined || m === undefined) return null;
      return d.ps < monthStart(m, 1) && d.pe >= m ? t(ctx, PLAN_LABELS.bar) : null;
    },
  };
}

const planColumns: readonly Column<PlanStage, PK>[] = [
  // an input: the standard's stage numbers 1–9 are pre-filled with the stages
  { key: "no", role: "input", width: 6, format: FMT.integer, value: (s, k) => (s ? k + 1 : undefined) },
  { key: "stage", role: "input", width: 18, value: (s) => s?.stage },
  { key: "work", role: "input", width: 10, value: (s) => s?.work },
  dateColumn("plannedStart"),
  dateColumn("plannedEnd"),
  dateColumn("actualStart"),
  dateColumn("actualEnd"),
  {
    key: "delay",
    role: "computed",
    band: l("天", "days"),
    format: FMT.integer,
    width: 8,
    formula: (x) => `IF(OR(NOT(ISNUMBER(${x.r("actualEnd")})),NOT(ISNUMBER(${x.r("plannedEnd")}))),"",${x.r("actualEnd")}-${x.r("plannedEnd")})`,
    value: (s) => delayOf(s) ?? null,
  },
  { key: "responsible", role: "input", width: 10, value: (s) => s?.responsible },
  { key: "checker", role: "input", width: 10, value: (s) => s?.checker },
  { key: "output", role: "input", width: 10, value: (s) => s?.output },
  ...monthKeys.map((k, i) => monthColumn(k, i)),
];

/** The case's `plan[]` fields read back from tblPlan (dates as YYYY-MM-DD; 序号 and the schedule are not kept). */
const PLAN_FIELDS: readonly Field<PK>[] = [
  f("stage", "stage", "text", "缺少阶段 (stage missing)"),
  f("work", "work"),
  ...same<PK>("date", "plannedStart", "plannedEnd", "actualStart", "actualEnd"),
  ...same<PK>("text", "responsible", "checker", "output"),
];

/**
 * Whether rows read back are the 9 standard stages and nothing else (in either language and either
 * terminology): what a case without `plan` (and the template) shows, so no `plan` is written.
 */
export function isStandardPlan(rows: readonly unknown[]): boolean {
  const stages = standardStages();
  if (rows.length !== stages.length) return false;
  const only = rows.every((r) => typeof r === "object" && r !== null && Object.keys(r).length === 1 && "stage" in r);
  if (!only) return false;
  const texts = rows.map((r) => (r as { stage: string }).stage);
  return (["zh-CN", "en-US"] as const).some((lang) => (["2001", "2016"] as const).some((term) => stages.every((x, i) => tr(lang, termLabel(x, term)) === texts[i])));
}

function planSummary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = planRows(ctx);
  const w = (k: PK) => whole(TBL_PLAN, k, ctx.lang);
  const delays = rows.map(delayOf).filter((x): x is number => x !== undefined);
  summaryLine(b, ctx, top, [
    [PLAN_LABELS.stages, `COUNTIFS(${w("stage")},"<>")`, rows.length, FMT.integer],
    [PLAN_LABELS.done, `COUNT(${w("actualEnd")})`, rows.filter((r) => r.actualEnd !== undefined).length, FMT.integer],
    [PLAN_LABELS.late, `COUNTIF(${w("delay")},">0")`, rows.filter((r) => (delayOf(r) ?? 0) > 0).length, FMT.integer],
    [PLAN_LABELS.maxDelay, `IF(COUNT(${w("delay")})=0,"",MAX(${w("delay")}))`, delays.length === 0 ? null : Math.max(...delays), FMT.integer],
  ]);
  return top + 1;
}

export const planWorksheet = tableWorksheet({
  key: "WS1-2",
  number: "1-2",
  sheetName: l("审核工作计划", "Audit plan"),
  title: l("审核工作计划表", "Audit work plan"),
  dependsOn: ["PARAMS"],
  note: l(
    "黄色单元格为输入；日期按 yyyy-mm-dd 输入。延误天数 = 实际完成 − 计划完成（负数为提前）。右侧 M1…M12 为自最早计划开始之月起的 12 个月（上方为月份），按计划日期显示进度条 ■；完成早于开始时日期标红。",
    "Yellow cells are inputs; type dates as yyyy-mm-dd. Delay days = actual end − planned end (negative = early). M1…M12 on the right are the 12 months from the earliest planned start (month number above); ■ marks the planned period; an end before its start is red.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  summary: planSummary,
  tables: [
    defineTable({
      schema: TBL_PLAN,
      columns: planColumns,
      rows: planRows,
      rowCount: (ctx) => planRows(ctx).length + SPARE_ROWS,
      readBack: {
        row: (c) => readRow(c, PLAN_FIELDS),
        store: (draft, rows) => {
          if (rows.length > 0 && !isStandardPlan(rows)) draft.plan = rows;
        },
      },
      decorate(b, ctx, g) {
        const band = g.headerRow - 1;
        const rows = planRows(ctx);
        const ps = whole(TBL_PLAN, "plannedStart", ctx.lang);
        // the band row: each month column's calendar month (the bars' formulas compute its first day)
        monthKeys.forEach((k, i) => {
          const m = monthOf(rows, i);
          b.formula(band, g.col[k], `IF(COUNT(${ps})=0,"",MONTH(${monthStartFormula(ps, i)}))`, m === undefined ? null : new Date(Date.UTC(1899, 11, 30) + m * 86_400_000).getUTCMonth() + 1, "computed", FMT.integer);
          b.fixWidth(g.col[k], MONTH_WIDTH);
        });
        const cell = (k: PK) => `$${colLetter(g.col[k])}${g.firstRow + 1}`;
        // the bar: a month cell showing ■ (its month overlaps the planned period) is filled
        b.conditional({ top: g.firstRow, left: g.col.m1, bottom: g.lastRow, right: g.col.m12 }, `${colLetter(g.col.m1)}${g.firstRow + 1}=${str(t(ctx, PLAN_LABELS.bar))}`, "highlight");
        b.conditional({ top: g.firstRow, left: g.col.delay, bottom: g.lastRow, right: g.col.delay }, `AND(ISNUMBER(${cell("delay")}),${cell("delay")}>0)`, "warn");
        // a completion before its start is marked on the completion date
        for (const [start, end] of [["plannedStart", "plannedEnd"], ["actualStart", "actualEnd"]] as const) {
          b.conditional({ top: g.firstRow, left: g.col[end], bottom: g.lastRow, right: g.col[end] }, `AND(ISNUMBER(${cell(start)}),ISNUMBER(${cell(end)}),${cell(end)}<${cell(start)})`, "bad");
        }
      },
    }),
  ],
});
