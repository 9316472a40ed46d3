/**
 * 表6-8 清洁生产目标完成情况 Target attainment (spec WS6-8, §7; issue 12).
 *
 * Table `tblTargetAttainment`, one row per target: 目标项 (dropdown `CP_TargetItems` = the 项目 of
 * 表2-12 tblTargets) | 单位, 方向, 现状, 目标值 (looked up from 表2-12 by 项目, exact match, never
 * retyped; 目标值 is the 近期 target, the one due at the end of this audit round) | 实际值（输入） |
 * 实际值 (the 审核后 of 表6-7 when 目标项 is an indicator there with a number — one fact entered once —,
 * else the typed value) | 来源 (表6-7 / 输入) | 完成情况 (越低越好: 完成 when 实际值 ≤ 目标值; 越高越好:
 * 实际值 ≥ 目标值; compared to 9 decimals) | 完成率 = (现状 − 实际值) ÷ (现状 − 目标值) (the same for both directions; blank
 * when 现状 = 目标值) | 检查 ‖ hidden: 目标行, 指标行 (positions in tblTargets and
 * tblSpecificIndicators).
 *
 * Every computed cell is "" while an input it needs is blank; never #DIV/0!. Above the table: the
 * number of targets, how many are met and not met, and the rows to check.
 */
import { colLetter } from "../a1";
import { BETTER, itemText, l, type L } from "../i18n";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import { defineTable, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { annualBaseline, columnMakers, compact, keyedRow, labelOrNull, matchRowFormula, summaryBlock } from "./after-common";
import { storeSection } from "./read-kit";
import { firstProblem } from "./annual-data.worksheet";
import { afterOf, TBL_SPECIFIC_INDICATORS } from "./indicators-after.worksheet";
import type { SummaryFigure } from "./phase13-common";
import { horizonOf, TBL_TARGETS, type TargetEntry } from "./targets.worksheet";

export const TBL_TARGET_ATTAINMENT = {
  name: "tblTargetAttainment",
  columns: {
    target: l("目标项", "Target"),
    unit: l("单位", "Unit"),
    dir: l("方向", "Direction"),
    base: l("现状", "Baseline"),
    goal: l("目标值", "Target value"),
    actualIn: l("实际值（输入）", "Actual typed"),
    actual: l("实际值", "Actual"),
    from: l("来源", "Source"),
    met: l("完成情况", "Attained"),
    rate: l("完成率", "Attainment"),
    check: l("检查", "Check"),
    tr: l("目标行", "Target row"),
    ir: l("指标行", "Indicator row"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_TARGET_ATTAINMENT.columns;

/** Dropdown source of 目标项: the items of 表2-12. */
export const TARGET_ITEMS_NAME = "CP_TargetItems";

/** One row of the case (case file `targetAttainment`). */
export type AttainmentEntry = NonNullable<NonNullable<BuildContext["auditCase"]>["targetAttainment"]>[number];

export const ATTAINMENT_LABELS = {
  met: l("完成", "Met"),
  notMet: l("未完成", "Not met"),
  fromIndicators: l("表6-7", "Table 6-7"),
  typed: l("输入", "Typed"),
  noTarget: l("缺少目标项", "Target missing"),
  unknown: l("不在表2-12中", "Not in Table 2-12"),
  noGoal: l("表2-12缺少目标值", "No target value (2-12)"),
  noBase: l("表2-12缺少现状", "No baseline (2-12)"),
  actualNaN: l("实际值不是数值", "Actual is not a number"),
  noActual: l("缺少实际值", "Actual missing"),
  unused: l("已取表6-7审核后值，输入值未用", "Table 6-7 value used, typed one ignored"),
  summary: l("目标完成汇总", "Targets"),
  count: l("目标项数", "Targets"),
  flagged: l("需检查", "To check"),
};

const LOWER = BETTER[0]!;
const HIGHER = BETTER[1]!;

/** The rows of the case (none for the template). */
export function attainmentRows(ctx: BuildContext): readonly AttainmentEntry[] {
  return ctx.auditCase?.targetAttainment ?? [];
}

/** What the sheet computes for one row (undefined = blank). */
export interface AttainmentFigures {
  target?: TargetEntry;
  tr?: number;
  ir?: number;
  unit?: string;
  /** the target's direction, canonical zh-CN (the cell shows it in the workbook's language) */
  dir?: string;
  base?: number;
  goal?: number;
  actual?: number;
  linked: boolean;
  met?: boolean;
  rate?: number;
  check: L | null;
}

/** The figures of one case row, in the same operations as the formulas. */
export function attainmentFigures(ctx: BuildContext, x: AttainmentEntry): AttainmentFigures {
  const name = x.target.trim().toLowerCase();
  const targets = ctx.auditCase?.targets ?? [];
  const i = name === "" ? -1 : targets.findIndex((y) => y.item.toLowerCase() === name);
  const out: AttainmentFigures = { linked: false, check: null };
  const after = afterOf(ctx, x.target);
  const ir = name === "" ? -1 : (ctx.auditCase?.specificIndicators ?? []).findIndex((y) => y.indicator.toLowerCase() === name);
  if (ir >= 0) out.ir = ir + 1;
  if (i >= 0) {
    const y = targets[i]!;
    out.target = y;
    out.tr = i + 1;
    if (y.unit !== undefined) out.unit = y.unit;
    out.dir = y.direction.trim();
    const b = annualBaseline(ctx, y.item);
    const base = b.linked ? b.value : y.baseline;
    if (base !== undefined) out.base = base;
    const goal = horizonOf(y.direction, base, y.shortTerm).abs;
    if (goal !== undefined) out.goal = goal;
  }
  if (name !== "") {
    if (after !== undefined) {
      out.actual = after;
      out.linked = true;
    } else if (x.actual !== undefined) out.actual = x.actual;
  }
  const lower = out.dir === LOWER.zh;
  const higher = out.dir === HIGHER.zh;
  if (out.actual !== undefined && out.goal !== undefined && (lower || higher)) {
    // compared to 9 decimals, as the formula's ROUND: a typed actual equal to a computed target counts as met
    const d = Math.round((out.actual - out.goal) * 1e9) / 1e9;
    out.met = lower ? d <= 0 : d >= 0;
  }
  if (out.actual !== undefined && out.goal !== undefined && out.base !== undefined && out.base !== out.goal) out.rate = (out.base - out.actual) / (out.base - out.goal);
  if (name === "") out.check = ATTAINMENT_LABELS.noTarget;
  else if (out.tr === undefined) out.check = ATTAINMENT_LABELS.unknown;
  else if (out.goal === undefined) out.check = ATTAINMENT_LABELS.noGoal;
  else if (out.base === undefined) out.check = ATTAINMENT_LABELS.noBase;
  else if (out.actual === undefined) out.check = ATTAINMENT_LABELS.noActual;
  else if (out.linked && x.actual !== undefined) out.check = ATTAINMENT_LABELS.unused;
  return out;
}

const cache = new WeakMap<object, AttainmentFigures>();
function fig(ctx: BuildContext, x: AttainmentEntry): AttainmentFigures {
  let f = cache.get(x);
  if (!f) cache.set(x, (f = attainmentFigures(ctx, x)));
  return f;
}

/** The number in column `key` of tblTargets at this row's 目标行, or "". */
function targetNumber(x: Refs<K>, key: keyof typeof TBL_TARGETS.columns): string {
  const v = `INDEX(${whole(TBL_TARGETS, key, x.lang)},${x.r("tr")})`;
  return `IF(${x.r("tr")}="","",IF(ISNUMBER(${v}),${v},""))`;
}

/** Whether this row's 实际值 comes from 表6-7 (its 审核后 at 指标行 is a number). */
function linkedFormula(x: Refs<K>): string {
  return `AND(${x.r("ir")}<>"",ISNUMBER(INDEX(${whole(TBL_SPECIFIC_INDICATORS, "after", x.lang)},MAX(1,N(${x.r("ir")})))))`;
}

const { input, computed } = columnMakers<AttainmentEntry, K>();

const columns: readonly Column<AttainmentEntry, K>[] = [
  input("target", 14, (x) => x.target, {
    band: l("从表2-12选择", "from Table 2-12"),
    validation: { listName: TARGET_ITEMS_NAME, error: l("请从表2-12的目标项目中选择", "Choose an item of Table 2-12") },
  }),
  computed("unit", (x) => `IF(${x.r("tr")}="","",INDEX(${whole(TBL_TARGETS, "unit", x.lang)},${x.r("tr")})&"")`, (x, _k, ctx) => fig(ctx, x).unit, { style: "lookup", width: 10 }),
  computed("dir", (x) => `IF(${x.r("tr")}="","",TRIM(INDEX(${whole(TBL_TARGETS, "dir", x.lang)},${x.r("tr")})&""))`, (x, _k, ctx) => {
      const d = fig(ctx, x).dir;
      return d === undefined ? null : itemText(ctx.lang, BETTER, d).trim();
    },
    { style: "lookup", width: 9 },),
  computed("base", (x) => targetNumber(x, "base"), (x, _k, ctx) => fig(ctx, x).base, { style: "lookup", format: FMT.general, band: l("表2-12", "Table 2-12") }),
  computed("goal", (x) => targetNumber(x, "sAbs"), (x, _k, ctx) => fig(ctx, x).goal, { style: "lookup", format: FMT.general, band: l("近期", "short term") }),
  input("actualIn", 9, (x) => x.actual, { format: FMT.general, band: l("不在表6-7时", "if not in 6-7") }),
  computed(
    "actual",
    (x) => {
      const typed = x.r("actualIn");
      return `IF(TRIM(${x.r("target")})="","",IF(${linkedFormula(x)},INDEX(${whole(TBL_SPECIFIC_INDICATORS, "after", x.lang)},${x.r("ir")}),IF(ISNUMBER(${typed}),${typed},"")))`;
    },
    (x, _k, ctx) => fig(ctx, x).actual,
    { style: "lookup", format: FMT.general },
  ),
  computed(
    "from",
    (x) => `IF(NOT(ISNUMBER(${x.r("actual")})),"",IF(${linkedFormula(x)},${x.s(ATTAINMENT_LABELS.fromIndicators)},${x.s(ATTAINMENT_LABELS.typed)}))`,
    (x, _k, ctx) => {
      const f = fig(ctx, x);
      return f.actual === undefined ? null : t(ctx, f.linked ? ATTAINMENT_LABELS.fromIndicators : ATTAINMENT_LABELS.typed);
    },
    { width: 7 },
  ),
  computed(
    "met",
    (x) => {
      const [a, g, d] = [x.r("actual"), x.r("goal"), x.r("dir")];
      return `IF(OR(NOT(ISNUMBER(${a})),NOT(ISNUMBER(${g})),AND(${d}<>${x.s(LOWER)},${d}<>${x.s(HIGHER)})),"",IF(IF(${d}=${x.s(LOWER)},ROUND(${a}-${g},9)<=0,ROUND(${a}-${g},9)>=0),${x.s(ATTAINMENT_LABELS.met)},${x.s(ATTAINMENT_LABELS.notMet)}))`;
    },
    (x, _k, ctx) => {
      const m = fig(ctx, x).met;
      return m === undefined ? null : t(ctx, m ? ATTAINMENT_LABELS.met : ATTAINMENT_LABELS.notMet);
    },
    { width: 8 },
  ),
  computed(
    "rate",
    (x) => {
      const [a, g, b] = [x.r("actual"), x.r("goal"), x.r("base")];
      return `IF(OR(NOT(ISNUMBER(${a})),NOT(ISNUMBER(${g})),NOT(ISNUMBER(${b}))),"",IF(${b}=${g},"",(${b}-${a})/(${b}-${g})))`;
    },
    (x, _k, ctx) => fig(ctx, x).rate,
    { format: FMT.percent, width: 10, band: l("(现状−实际)/(现状−目标)", "(base−actual)/(base−target)") }, // 120.00 % in a substitute font's wider digits
  ),
  computed(
    "check",
    (x) => {
      const typed = x.r("actualIn");
      return firstProblem(x, `COUNTA(${x.r("target")})+COUNTA(${typed})`, [
        [`TRIM(${x.r("target")})=""`, ATTAINMENT_LABELS.noTarget],
        [`${x.r("tr")}=""`, ATTAINMENT_LABELS.unknown],
        [`NOT(ISNUMBER(${x.r("goal")}))`, ATTAINMENT_LABELS.noGoal],
        [`NOT(ISNUMBER(${x.r("base")}))`, ATTAINMENT_LABELS.noBase],
        [`AND(${typed}<>"",NOT(ISNUMBER(${typed})),NOT(${linkedFormula(x)}))`, ATTAINMENT_LABELS.actualNaN],
        [`NOT(ISNUMBER(${x.r("actual")}))`, ATTAINMENT_LABELS.noActual],
        [`AND(${linkedFormula(x)},${typed}<>"")`, ATTAINMENT_LABELS.unused],
      ]);
    },
    (x, _k, ctx) => labelOrNull(ctx, fig(ctx, x).check),
    { width: 12 },
  ),
  computed(
    "tr",
    (x) => matchRowFormula(x.r("target"), whole(TBL_TARGETS, "item", x.lang)),
    (x, _k, ctx) => fig(ctx, x).tr,
    { format: FMT.integer, hidden: true },
  ),
  computed(
    "ir",
    (x) => matchRowFormula(x.r("target"), whole(TBL_SPECIFIC_INDICATORS, "item", x.lang)),
    (x, _k, ctx) => fig(ctx, x).ir,
    { format: FMT.integer, hidden: true },
  ),
];

function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = attainmentRows(ctx);
  const w = (k: K) => whole(TBL_TARGET_ATTAINMENT, k, ctx.lang);
  const figs = rows.map((x) => fig(ctx, x));
  const items: SummaryFigure[] = [
    [ATTAINMENT_LABELS.count, `COUNT(${w("tr")})`, figs.filter((f) => f.tr !== undefined).length, FMT.integer],
    [ATTAINMENT_LABELS.met, `COUNTIF(${w("met")},${str(t(ctx, ATTAINMENT_LABELS.met))})`, figs.filter((f) => f.met === true).length, FMT.integer],
    [ATTAINMENT_LABELS.notMet, `COUNTIF(${w("met")},${str(t(ctx, ATTAINMENT_LABELS.notMet))})`, figs.filter((f) => f.met === false).length, FMT.integer],
    [ATTAINMENT_LABELS.flagged, `SUMPRODUCT(--(${w("check")}<>""))`, figs.filter((f) => f.check !== null).length, FMT.integer],
  ];
  return summaryBlock(b, ctx, top, ATTAINMENT_LABELS.summary, items);
}

export const targetAttainmentWorksheet = tableWorksheet({
  key: "WS6-8",
  number: "6-8",
  sheetName: l("目标完成情况", "Target attainment"),
  title: l("清洁生产目标完成情况", "Attainment of the cleaner-production targets"),
  dependsOn: ["PARAMS", "LISTS", "WS2-12", "WS6-7"],
  note: l(
    "黄色单元格为输入。目标项从表2-12 选择，单位、方向、现状和近期目标值自动引用。实际值：目标项在表6-7 中有审核后数值时自动引用，否则填“实际值（输入）”。越低越好：实际值 ≤ 目标值为完成；越高越好：实际值 ≥ 目标值为完成。完成率 = （现状 − 实际值）÷（现状 − 目标值）。",
    "Yellow cells are inputs. Pick the target from Table 2-12; unit, direction, baseline and short-term target are looked up. Actual: the After of Table 6-7 when the target is an indicator there, otherwise type it. Lower is better: met when actual ≤ target; higher is better: actual ≥ target. Attainment = (baseline − actual) ÷ (baseline − target).",
  ),
  freezeCols: 1,
  orientation: "landscape",
  summary,
  names: (ctx) => [{ name: TARGET_ITEMS_NAME, formula: whole(TBL_TARGETS, "item", ctx.lang) }],
  tables: [
    defineTable({
      schema: TBL_TARGET_ATTAINMENT,
      columns,
      rows: attainmentRows,
      decorate(b, ctx, g) {
        const cell = (k: K) => `$${colLetter(g.col[k])}${g.firstRow + 1}`;
        const range = (k: K) => ({ top: g.firstRow, left: g.col[k], bottom: g.lastRow, right: g.col[k] });
        b.conditional(range("check"), `${cell("check")}<>""`, "bad");
        b.conditional(range("met"), `${cell("met")}=${str(t(ctx, ATTAINMENT_LABELS.notMet))}`, "bad");
        b.conditional(range("met"), `${cell("met")}=${str(t(ctx, ATTAINMENT_LABELS.met))}`, "good");
      },
      readBack: {
        row: (c) => keyedRow(c, "target", compact({ target: c.text("target"), actual: c.num("actualIn") }), "target", ATTAINMENT_LABELS.noTarget),
        store: storeSection("targetAttainment"),
      },
    }),
  ],
});
