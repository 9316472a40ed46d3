/**
 * Phase 7 持续清洁生产: 表7-1 持续清洁生产计划 and 表7-2 清洁生产组织机构与管理制度 (spec WS7-1, WS7-2,
 * §7; issue 12).
 *
 * WS7-1, table `tblContinuousPlan`: 计划分类 (list of the four plans of spec §7: 下一轮清洁生产审核
 * 工作计划, 本轮审核清洁生产方案的实施计划, 清洁生产新技术的研究与开发计划, 企业职工的清洁生产培训计划) |
 * 主要内容 | 开始时间 | 结束时间 (dates) | 负责部门 | 备注 | 检查 (缺少计划分类, 分类不在列表中, a text in a
 * date cell, 结束早于开始). The four categories are pre-filled, one row each, in the template and when
 * the case has no plan; a row holding only its category is no error (its 检查 is blank). Above the
 * table: the number of plan items with content and of rows to check.
 *
 * WS7-2, two tables side by side: `tblCpOrganisation` (机构名称 | 负责人 | 成员 | 职责 | 隶属) and
 * `tblCpRules` (制度名称 | 主要内容 (incl. 奖惩, 考核) | 发布日期 | 执行部门). Inputs only.
 */
import { colLetter } from "../a1";
import { l, PLAN_CATEGORIES, tr, type L } from "../i18n";
import { FMT, t, type BuildContext, type SheetBuilder } from "../layout";
import { defineTable, listName, tableWorksheet, whole, type Column, type TableSchema } from "../table";
import { columnMakers, compact, keyedRow, labelOrNull, listValue, summaryBlock } from "./after-common";
import { storeSection } from "./read-kit";
import { dateValue } from "./read-back-fields";
import { DATE_VALIDATION, DATE_WIDTH, dateSerial, listText, type SummaryFigure } from "./phase13-common";
import { firstProblem } from "./annual-data.worksheet";

type AuditCaseOf = NonNullable<BuildContext["auditCase"]>;
/** One item of the continuous plan (case file `continuousPlan`). */
export type PlanItem = NonNullable<AuditCaseOf["continuousPlan"]>[number];
/** One body of the CP organisation (case file `cpOrganisation`). */
export type CpBody = NonNullable<AuditCaseOf["cpOrganisation"]>[number];
/** One management rule (case file `cpRules`). */
export type CpRule = NonNullable<AuditCaseOf["cpRules"]>[number];

// ---------------------------------------------------------------------------------------------
// WS7-1

export const TBL_CONTINUOUS_PLAN = {
  name: "tblContinuousPlan",
  columns: {
    category: l("计划分类", "Plan category"),
    content: l("主要内容", "Main content"),
    start: l("开始时间", "Start"),
    end: l("结束时间", "End"),
    department: l("负责部门", "Department"),
    remark: l("备注", "Remarks"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type PK = keyof typeof TBL_CONTINUOUS_PLAN.columns;

export const PLAN_CHECK_LABELS = {
  noCategory: l("缺少计划分类", "Category missing"),
  badCategory: l("分类不在列表中", "Category not in the list"),
  startNaN: l("开始时间不是日期", "Start is not a date"),
  endNaN: l("结束时间不是日期", "End is not a date"),
  endFirst: l("结束早于开始", "Ends before it starts"),
  summary: l("计划汇总", "Plan"),
  items: l("有内容的计划条目", "Items with content"),
  flagged: l("需检查", "To check"),
};

/** The plan's rows: the case's, or one row per standard category (category only). */
export function continuousPlanRows(ctx: BuildContext): readonly PlanItem[] {
  return ctx.auditCase?.continuousPlan ?? PLAN_CATEGORIES.map((c) => ({ category: c.zh }));
}

/** What the 检查 column says for a plan row (the order of its formula). */
export function planCheck(x: PlanItem): L | null {
  const any = [x.category, x.content, x.start, x.end, x.department, x.remark].some((v) => v !== undefined && v.trim() !== "");
  if (!any) return null;
  const cat = x.category?.trim() ?? "";
  if (cat === "") return PLAN_CHECK_LABELS.noCategory;
  if (!PLAN_CATEGORIES.some((c) => c.zh === cat)) return PLAN_CHECK_LABELS.badCategory;
  const s = dateSerial(x.start);
  const e = dateSerial(x.end);
  if (s !== undefined && e !== undefined && e < s) return PLAN_CHECK_LABELS.endFirst;
  return null;
}

const plan = columnMakers<PlanItem, PK>();
const dateColumn = (key: "start" | "end"): Column<PlanItem, PK> => plan.input(key, DATE_WIDTH, (x) => dateSerial(x[key]), { format: FMT.date, validation: DATE_VALIDATION });

const planColumns: readonly Column<PlanItem, PK>[] = [
  plan.input("category", 16, (x, ctx) => listText(ctx, PLAN_CATEGORIES, x.category), { band: l("从列表选择", "from the list"), validation: { list: "planCategory" } }),
  plan.input("content", 26, (x) => x.content),
  dateColumn("start"),
  dateColumn("end"),
  plan.input("department", 10, (x) => x.department),
  plan.input("remark", 12, (x) => x.remark),
  plan.computed(
    "check",
    (x) => {
      const cat = `TRIM(${x.r("category")})`;
      const [s, e] = [x.r("start"), x.r("end")];
      return firstProblem(x, `COUNTA(${x.span("category", "remark")})`, [
        [`${cat}=""`, PLAN_CHECK_LABELS.noCategory],
        [`SUMPRODUCT(--(${listName("planCategory")}=${cat}))=0`, PLAN_CHECK_LABELS.badCategory],
        [`AND(${s}<>"",NOT(ISNUMBER(${s})))`, PLAN_CHECK_LABELS.startNaN],
        [`AND(${e}<>"",NOT(ISNUMBER(${e})))`, PLAN_CHECK_LABELS.endNaN],
        [`AND(ISNUMBER(${s}),ISNUMBER(${e}),N(${e})<N(${s}))`, PLAN_CHECK_LABELS.endFirst],
      ]);
    },
    (x, _k, ctx) => labelOrNull(ctx, planCheck(x)),
    { width: 12 },
  ),
];

function planSummary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = continuousPlanRows(ctx);
  const w = (k: PK) => whole(TBL_CONTINUOUS_PLAN, k, ctx.lang);
  const items: SummaryFigure[] = [
    [PLAN_CHECK_LABELS.items, `SUMPRODUCT(--(TRIM(${w("content")})<>""))`, rows.filter((x) => (x.content ?? "").trim() !== "").length, FMT.integer],
    [PLAN_CHECK_LABELS.flagged, `SUMPRODUCT(--(${w("check")}<>""))`, rows.filter((x) => planCheck(x) !== null).length, FMT.integer],
  ];
  return summaryBlock(b, ctx, top, PLAN_CHECK_LABELS.summary, items);
}

export const continuousPlanWorksheet = tableWorksheet({
  key: "WS7-1",
  number: "7-1",
  sheetName: l("持续清洁生产计划", "Continuous CP plan"),
  title: l("持续清洁生产计划", "Continuous cleaner-production plan"),
  dependsOn: ["PARAMS", "LISTS"],
  note: l(
    "黄色单元格为输入；计划分类从下拉列表选择（下一轮审核工作计划、本轮方案的实施计划、新技术研究与开发计划、职工培训计划），每类可填多行。只填了分类的行不是错误；结束时间早于开始时间时检查列提示。",
    "Yellow cells are inputs; pick the plan category from the list (next audit round, remaining options, R&D of new CP technology, staff training); several rows per category are fine. A row with only its category is no error; the check column flags an end before the start.",
  ),
  freezeCols: 1,
  orientation: "landscape",
  summary: planSummary,
  tables: [
    defineTable({
      schema: TBL_CONTINUOUS_PLAN,
      columns: planColumns,
      rows: continuousPlanRows,
      decorate(b, ctx, g) {
        const cell = (k: PK) => `$${colLetter(g.col[k])}${g.firstRow + 1}`;
        b.conditional({ top: g.firstRow, left: g.col.check, bottom: g.lastRow, right: g.col.check }, `${cell("check")}<>""`, "bad");
        for (const x of Object.values(PLAN_CHECK_LABELS).slice(0, 5)) b.fit(g.col.check, t(ctx, x), 2);
      },
      readBack: {
        row(c) {
          const x = compact({
            category: listValue(c, "category", PLAN_CATEGORIES),
            content: c.text("content"),
            start: dateValue(c, "start"),
            end: dateValue(c, "end"),
            department: c.text("department"),
            remark: c.text("remark"),
          });
          return Object.keys(x).length === 0 ? undefined : x;
        },
        // the four categories the sheet pre-fills, and nothing else typed: the case had no plan
        store: (draft, rows) => {
          const onlyCategories = rows.length === PLAN_CATEGORIES.length && rows.every((r, i) => {
            const x = r as Record<string, unknown>;
            return Object.keys(x).length === 1 && x.category === PLAN_CATEGORIES[i]!.zh;
          });
          if (!onlyCategories) storeSection("continuousPlan")(draft, rows);
        },
      },
    }),
  ],
});

// ---------------------------------------------------------------------------------------------
// WS7-2

export const TBL_CP_ORGANISATION = {
  name: "tblCpOrganisation",
  columns: {
    name: l("机构名称", "Body"),
    head: l("负责人", "Head"),
    members: l("成员", "Members"),
    duties: l("职责", "Duties"),
    reportsTo: l("隶属", "Reports to"),
  },
} as const satisfies TableSchema;
type OK = keyof typeof TBL_CP_ORGANISATION.columns;

export const TBL_CP_RULES = {
  name: "tblCpRules",
  columns: {
    name: l("制度名称", "Rule"),
    content: l("主要内容", "Main content"),
    issued: l("发布日期", "Issued"),
    department: l("执行部门", "Applied by"),
  },
} as const satisfies TableSchema;
type RK = keyof typeof TBL_CP_RULES.columns;

const body = columnMakers<CpBody, OK>();
const rule = columnMakers<CpRule, RK>();

export const cpOrganisationWorksheet = tableWorksheet({
  key: "WS7-2",
  number: "7-2",
  sheetName: l("清洁生产组织与制度", "CP organisation and rules"),
  title: l("清洁生产组织机构与管理制度", "Cleaner-production organisation and management rules"),
  dependsOn: ["PARAMS", "LISTS"],
  note: l(
    "黄色单元格为输入。左表：清洁生产组织机构（如清洁生产领导小组、清洁生产办公室）；右表：清洁生产管理制度，主要内容含奖惩与考核办法。在表格下方输入即可添加行。",
    "Yellow cells are inputs. Left: the CP organisation (e.g. CP leadership group, CP office); right: the CP management rules, including rewards, penalties and assessment. Type below a table to add a row.",
  ),
  freezeCols: 1,
  orientation: "landscape",
  tables: [
    defineTable({
      schema: TBL_CP_ORGANISATION,
      columns: [
        body.input("name", 12, (x) => x.name),
        body.input("head", 8, (x) => x.head),
        body.input("members", 14, (x) => x.members),
        body.input("duties", 18, (x) => x.duties),
        body.input("reportsTo", 10, (x) => x.reportsTo),
      ],
      rows: (ctx) => ctx.auditCase?.cpOrganisation ?? [],
      readBack: {
        row: (c) => keyedRow(c, "name", compact({ name: c.text("name"), head: c.text("head"), members: c.text("members"), duties: c.text("duties"), reportsTo: c.text("reportsTo") }), "name", l("缺少机构名称", "Body name missing")),
        store: storeSection("cpOrganisation"),
      },
    }),
    defineTable({
      schema: TBL_CP_RULES,
      columns: [
        rule.input("name", 12, (x) => x.name),
        rule.input("content", 22, (x) => x.content, { band: l("含奖惩、考核", "incl. rewards, assessment") }),
        rule.input("issued", DATE_WIDTH, (x) => dateSerial(x.issued), { format: FMT.date, validation: DATE_VALIDATION }),
        rule.input("department", 10, (x) => x.department),
      ],
      rows: (ctx) => ctx.auditCase?.cpRules ?? [],
      readBack: {
        row: (c) => keyedRow(c, "name", compact({ name: c.text("name"), content: c.text("content"), issued: dateValue(c, "issued"), department: c.text("department") }), "name", l("缺少制度名称", "Rule name missing")),
        store: storeSection("cpRules"),
      },
    }),
  ],
});

/** The standard plan categories in a language (tests, docs). */
export function planCategoryTexts(lang: BuildContext["lang"]): string[] {
  return PLAN_CATEGORIES.map((c) => tr(lang, c));
}
