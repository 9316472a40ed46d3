/**
 * 表3-4 审核重点物料平衡（输入输出） Material balance of the audit focus (spec WS3-4, §4), as two
 * Excel tables side by side, each fact entered once:
 *
 * - `tblStreams` (left), one row per measured stream: 序号 | 单元操作 (picked from the balances:
 *   `CP_UnitOperations` = `tblBalances[单元操作]`) | 方向 (输入/输出) | 物流名称 | 数量 (as measured) |
 *   单位 (picked from the unit table: `CP_Units`) | 基准单位 (looked up from the stream's balance) |
 *   换算系数 (looked up: factor(unit)/factor(basis) of `tblUnits` when the two units are of the same
 *   kind; "" when they are not, never 1) | 数量（基准单位） = 数量 × 换算系数 | 检查 (缺少单元操作,
 *   单元操作不在平衡汇总中, 缺少方向, 数量不是数值, 单位无法换算 …).
 * - `tblBalances` (right), one row per balance: 单元操作 | 基准单位 | 输入合计ΣIn | 输出合计ΣOut |
 *   差值 = ΣIn − ΣOut | 相对误差 = 差值/ΣIn | 判定 (合格/不合格 against CP_BalanceTolerance, 待定
 *   whenever 检查 names a problem) | 检查 (单元操作重复, 缺少基准单位, 物流数据有误, 输入合计为0,
 *   缺少允许误差 …) ‖ hidden: 有误物流 (the number of flagged streams of the balance).
 *
 * Totals add the streams whose unit operation equals the balance's (SUMPRODUCT with `=`: a name
 * with * ? ~ or a leading < adds only its own streams, which SUMIFS would not; exact-match.ts).
 * A balance with a flagged stream (text quantity, unit that cannot convert, missing direction …)
 * shows no totals and is never 合格; ΣIn = 0 gives no relative error (flag, never #DIV/0!).
 *
 * Above the tables (nothing is written below a table, so both grow downward): the number of
 * streams, of flagged streams and of streams whose unit operation is in no balance (a typo is
 * counted, not silently dropped), and the balances' 合格 / 不合格 / 待定 counts and the tolerance.
 *
 * Cached results are core's values: the factor as the sheet computes it (lists.worksheet.ts
 * sheetFactor over the unit table), totals, gap, relative error and verdict from core's
 * evaluateBalance on the converted quantities, the flags as the 检查 formulas give them.
 */
import { colLetter } from "../a1";
import { balanceGap, evaluateBalance, sumFlows, type BalanceResult } from "../../core";
import type { BalanceEntry } from "../case";
import { DEFAULT_BALANCE_TOLERANCE as DEFAULT_TOLERANCE } from "../../core/balance";
import { canonicalItem, DIRECTIONS, INPUT_CLASS_COUNT, itemText, l, STREAM_CLASSES, type L } from "../i18n";
import type { CaseDraft, CellReader, TableReadBack, TableReader } from "../read-back";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import { defineTable, listName, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { literalCriterion } from "./exact-match";
import { decorateVerdict, errorColumn, gapColumn, productColumn, verdictColumn, type Verdict } from "./balance-columns";
import { chain } from "./formula";
import { MEASUREMENT_POINTS_NAME, TBL_MEASUREMENTS } from "./measurements.worksheet";
import { PICK_UNIT_OPERATION, UNIT_OPERATIONS_NAME } from "./unit-operations.worksheet";
import { sheetFactor, unitRows, unitsRef, UNITS_NAME } from "./lists.worksheet";

export const TBL_STREAMS = {
  name: "tblStreams",
  columns: {
    no: l("序号", "No."),
    op: l("单元操作", "Unit operation"),
    dir: l("方向", "Direction"),
    stream: l("物流名称", "Stream"),
    class: l("分类", "Class"),
    point: l("监测点", "Point"),
    qty: l("数量", "Quantity"),
    unit: l("单位", "Unit"),
    usedQty: l("采用数量", "Quantity used"),
    usedUnit: l("采用单位", "Unit used"),
    basis: l("基准单位", "Basis unit"),
    factor: l("换算系数", "Factor"),
    basisQty: l("数量（基准单位）", "Quantity (basis)"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type SK = keyof typeof TBL_STREAMS.columns;

export const TBL_BALANCES = {
  name: "tblBalances",
  columns: {
    op: l("单元操作", "Unit operation"),
    basis: l("基准单位", "Basis unit"),
    tin: l("输入合计ΣIn", "Total in ΣIn"),
    tout: l("输出合计ΣOut", "Total out ΣOut"),
    gap: l("差值", "Gap"),
    err: l("相对误差", "Relative error"),
    verdict: l("判定", "Result"),
    check: l("检查", "Check"),
    bad: l("有误物流", "Flagged streams"),
  },
} as const satisfies TableSchema;
type BK = keyof typeof TBL_BALANCES.columns;

export { UNIT_OPERATIONS_NAME };

export const BALANCE_LABELS = {
  pass: l("合格", "Pass"),
  fail: l("不合格", "Fail"),
  pending: l("待定", "Pending"),
  // stream flags (tblStreams[检查])
  noOp: l("缺少单元操作", "Unit operation missing"),
  orphan: l("单元操作不在平衡汇总中", "Unit operation has no balance"),
  noDir: l("缺少方向", "Direction missing"),
  classUnknown: l("分类不在列表中", "Class not in the list"),
  classSide: l("分类与方向不符", "Class does not fit the direction"),
  pointUnknown: l("监测点不存在", "No such measurement point"),
  pointNoMean: l("监测点无均值", "Measurement point has no mean"),
  badDir: l("方向应为输入或输出", "Direction must be In or Out"),
  noQty: l("缺少数量", "Quantity missing"),
  qtyNaN: l("数量不是数值", "Quantity is not a number"),
  qtyNegative: l("数量为负", "Quantity is negative"),
  noUnit: l("缺少单位", "Unit missing"),
  noBasisOfBalance: l("平衡缺少基准单位", "Balance has no basis unit"),
  unitUnknown: l("单位不在单位表中", "Unit not in the unit table"),
  noConversion: l("单位无法换算", "Unit cannot convert"),
  // balance flags (tblBalances[检查])
  duplicate: l("单元操作重复", "Duplicate unit operation"),
  noBasis: l("缺少基准单位", "Basis unit missing"),
  basisUnknown: l("基准单位不在单位表中", "Basis unit not in the unit table"),
  badStreams: l("物流数据有误", "Stream data flagged"),
  zeroIn: l("输入合计为0", "Total in is 0"),
  noTolerance: l("缺少允许误差", "Tolerance missing"),
  badTolerance: l("允许误差无效", "Tolerance invalid"),
  // summary
  streamsTitle: l("物流汇总", "Stream summary"),
  streamCount: l("物流数", "Streams entered"),
  flaggedCount: l("有误物流数（见检查列）", "Streams flagged (see Check)"),
  orphanCount: l("单元操作不在平衡汇总中的物流数", "Streams whose unit operation has no balance"),
  balancesTitle: l("平衡汇总", "Balance summary"),
  balanceCount: l("平衡数", "Balances"),
  passCount: l("合格", "Pass"),
  failCount: l("不合格", "Fail"),
  pendingCount: l("待定（见检查列）", "Pending (see Check)"),
  tolerance: l("允许误差", "Tolerance"),
};
type Flag = keyof typeof BALANCE_LABELS;

/** A stream as the sheet evaluates it. */
export interface StreamRow {
  op: string;
  dir: 0 | 1;
  stream: string;
  /** 分类 as written (canonical zh-CN when known) */
  cls: string | undefined;
  point: string | undefined;
  /** the typed quantity and unit (none when a measurement point gives them) */
  qty: number | undefined;
  unit: string | undefined;
  /** the quantity and unit used: typed, or the point's mean and unit */
  usedQty: number;
  usedUnit: string;
  /** the case's component fractions of the stream (the component sheet's rows) */
  components: readonly { name: string; fraction: number }[];
  /** the balance's basis unit as looked up ("" when none) */
  basis: string;
  factor: number | null;
  basisQty: number | null;
  check: Flag | null;
}

/** A balance as the sheet evaluates it. */
interface BalanceRow {
  e: BalanceEntry;
  bad: number;
  tin: number | null;
  tout: number | null;
  gap: number | null;
  err: number | null;
  check: Flag | null;
  verdict: Flag | null;
}

/** Text equality as the sheet's `=` and MATCH compare (ignoring case). */
const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** The unit table's spelling of `unit` as MATCH finds it (trimmed, ignoring case), or undefined. */
function tableUnit(rows: readonly { unit: string }[], unit: string): string | undefined {
  const u = unit.trim();
  return rows.find((r) => same(r.unit, u))?.unit;
}

const evaluated = new WeakMap<BuildContext, { streams: StreamRow[]; balances: BalanceRow[] }>();

/** The case's streams and balances with every computed column's value, as the formulas give them. */
function evaluateSheet(ctx: BuildContext): { streams: StreamRow[]; balances: BalanceRow[] } {
  const hit = evaluated.get(ctx);
  if (hit) return hit;
  const c = ctx.auditCase;
  const entries = c?.materialBalance ?? [];
  const units = unitRows(c);
  const streams: StreamRow[] = [];
  for (const e of entries) {
    const add = (dir: 0 | 1, s: BalanceEntry["inputs"][number]) => {
      const op = e.unitOperation;
      const owner = op === "" ? undefined : entries.find((b) => same(b.unitOperation, op));
      const basis = owner?.basis ?? "";
      const u = tableUnit(units, s.unit);
      const b = tableUnit(units, basis);
      const factor = s.unit !== "" && basis !== "" && u !== undefined && b !== undefined ? sheetFactor(c, u, b) : null;
      const basisQty = factor !== null ? s.quantity * factor : null;
      const at = s.class === undefined ? -1 : STREAM_CLASSES.findIndex((x) => x.zh === s.class);
      let check: Flag | null = null;
      if (op === "") check = "noOp";
      else if (!owner) check = "orphan";
      else if (s.class !== undefined && at < 0) check = "classUnknown";
      else if (at >= 0 && at < INPUT_CLASS_COUNT !== (dir === 0)) check = "classSide";
      else if (s.quantity < 0) check = "qtyNegative";
      else if (s.unit === "") check = "noUnit";
      else if (basis === "") check = "noBasisOfBalance";
      else if (u === undefined) check = "unitUnknown";
      else if (factor === null) check = "noConversion";
      const typed = s.measurementPoint === undefined;
      streams.push({
        op,
        dir,
        stream: s.stream,
        cls: s.class,
        point: s.measurementPoint,
        qty: typed ? s.quantity : undefined,
        unit: typed ? s.unit : undefined,
        usedQty: s.quantity,
        usedUnit: s.unit,
        components: s.components ?? [],
        basis,
        factor,
        basisQty,
        check,
      });
    };
    e.inputs.forEach((s) => add(0, s));
    e.outputs.forEach((s) => add(1, s));
  }
  const tol = ctx.params?.balanceTolerance;
  const balances: BalanceRow[] = entries.map((e) => {
    const op = e.unitOperation;
    const row: BalanceRow = { e, bad: 0, tin: null, tout: null, gap: null, err: null, check: null, verdict: null };
    if (op === "") {
      if (e.basis !== "") row.check = "noOp";
      return row;
    }
    const mine = streams.filter((s) => same(s.op, op));
    row.bad = mine.filter((s) => s.check !== null).length;
    let res: BalanceResult | null = null;
    if (row.bad === 0) {
      const ins = mine.filter((s) => s.dir === 0).map((s) => s.basisQty!);
      const outs = mine.filter((s) => s.dir === 1).map((s) => s.basisQty!);
      row.tin = sumFlows(ins, "input");
      row.tout = sumFlows(outs, "output");
      row.gap = balanceGap(ins, outs);
      if (row.tin !== 0) {
        res = evaluateBalance(ins, outs, tol !== undefined && tol >= 0 ? tol : null);
        row.err = res.relativeError;
      }
    }
    if (entries.filter((b) => same(b.unitOperation, op)).length > 1) row.check = "duplicate";
    else if (e.basis === "") row.check = "noBasis";
    else if (tableUnit(units, e.basis) === undefined) row.check = "basisUnknown";
    else if (row.bad > 0) row.check = "badStreams";
    else if (row.tin === 0) row.check = "zeroIn";
    else if (tol === undefined) row.check = "noTolerance";
    else if (tol < 0) row.check = "badTolerance";
    row.verdict = row.check !== null || res === null ? "pending" : res.withinTolerance ? "pass" : "fail";
    return row;
  });
  const out = { streams, balances };
  evaluated.set(ctx, out);
  return out;
}

/** The case's streams (tblStreams rows) with their computed columns, as the sheet gives them. */
export function balanceStreams(ctx: BuildContext): readonly StreamRow[] {
  return evaluateSheet(ctx).streams;
}

const flag = (ctx: BuildContext, f: Flag | null) => (f === null ? null : t(ctx, BALANCE_LABELS[f]));

/** Formula pieces of the unit table: the row of a unit text (trimmed, wildcards escaped). */
function unitMatch(ctx: BuildContext, ref: string): string {
  return `MATCH(${literalCriterion(`TRIM(${ref})`)},${unitsRef(ctx, "unit")},0)`;
}

const streamColumns: readonly Column<StreamRow, SK>[] = [
  {
    key: "no",
    role: "computed",
    format: FMT.integer,
    width: 5,
    formula: (x) => `IF(COUNTA(${x.span("op", "unit")})=0,"",ROW()-ROW(${x.headerCell("no")}))`,
    value: (s, k) => (s ? k + 1 : null),
  },
  {
    key: "op",
    role: "input",
    band: l("从单元操作表选择", "from the unit operations"),
    width: 12,
    validation: PICK_UNIT_OPERATION,
    value: (s) => s?.op,
  },
  { key: "dir", role: "input", band: l("输入/输出", "In/Out"), width: 7, validation: { list: "direction" }, value: (s, _k, ctx) => (s ? t(ctx, DIRECTIONS[s.dir]!) : undefined) },
  { key: "stream", role: "input", width: 12, value: (s) => s?.stream },
  { key: "class", role: "input", width: 7, validation: { list: "streamClass" }, value: (s, _k, ctx) => (s && s.cls !== undefined ? itemText(ctx.lang, STREAM_CLASSES, s.cls) : undefined) },
  {
    key: "point",
    role: "input",
    band: l("表3-3，可空", "WS3-3, optional"),
    width: 9,
    validation: { listName: MEASUREMENT_POINTS_NAME, error: l("请从实测数据表的监测点中选择", "Choose a measurement point of the measurement sheet") },
    value: (s) => s?.point,
  },
  {
    key: "qty",
    role: "input",
    band: l("无监测点时填写", "typed if no point"),
    format: FMT.general,
    validation: { number: { min: 0, error: l("实测数量须为 ≥ 0 的数", "A measured quantity is a number ≥ 0") } },
    value: (s) => s?.qty,
  },
  {
    key: "unit",
    role: "input",
    band: l("从单位表选择", "from the unit table"),
    width: 7,
    validation: { listName: UNITS_NAME, error: l("请从列表的单位表中选择单位", "Choose a unit of the unit table (Lists)") },
    value: (s) => s?.unit,
  },
  {
    key: "usedQty",
    role: "lookup",
    band: l("监测点均值或填写值", "point's mean or typed"),
    hidden: true,
    format: FMT.general,
    formula: (x) => `IF(${x.r("point")}<>"",IFERROR(INDEX(${mw("mean", x)},${pointMatch(x)}),""),IF(${x.r("qty")}="","",${x.r("qty")}))`,
    value: (s) => (s ? s.usedQty : null),
  },
  {
    key: "usedUnit",
    role: "lookup",
    hidden: true,
    width: 7,
    formula: (x) => `IF(${x.r("point")}<>"",IFERROR(INDEX(${mw("unit", x)},${pointMatch(x)})&"",""),${x.r("unit")}&"")`,
    value: (s) => (s ? s.usedUnit : null),
  },
  {
    key: "basis",
    role: "lookup",
    band: l("平衡的基准单位", "of the balance"),
    width: 9,
    formula: (x) => {
      const ops = whole(TBL_BALANCES, "op", x.lang);
      const bases = whole(TBL_BALANCES, "basis", x.lang);
      return `IF(${x.r("op")}="","",IFERROR(INDEX(${bases},MATCH(${literalCriterion(x.r("op"))},${ops},0))&"",""))`;
    },
    value: (s) => (s ? s.basis : null),
  },
  {
    key: "factor",
    role: "lookup",
    band: l("单位 → 基准单位", "unit → basis"),
    format: FMT.general,
    formula: (x) => {
      const kind = unitsRef(x.ctx, "kind");
      const fac = unitsRef(x.ctx, "factor");
      const u = unitMatch(x.ctx, x.r("usedUnit"));
      const b = unitMatch(x.ctx, x.r("basis"));
      return `IF(OR(${x.r("usedUnit")}="",${x.r("basis")}=""),"",IFERROR(IF(INDEX(${kind},${u})=INDEX(${kind},${b}),INDEX(${fac},${u})/INDEX(${fac},${b}),""),""))`;
    },
    value: (s) => (s ? s.factor : null),
  },
  productColumn<StreamRow, SK>("basisQty", l("= 数量 × 换算系数", "= quantity × factor"), "usedQty", "factor", (s) => s.basisQty),
  {
    key: "check",
    role: "computed",
    width: 12,
    formula: (x) => {
      const L = BALANCE_LABELS;
      const [inT, outT] = DIRECTIONS.map((d) => x.s(d));
      const dir = x.r("dir");
      const qty = x.r("qty");
      const cls = x.r("class");
      const classAt = `MATCH(${literalCriterion(cls)},${listName("streamClass")},0)`;
      const point = x.r("point");
      return chain(
        [
          [`COUNTA(${x.span("op", "unit")})=0`, `""`],
          [`${x.r("op")}=""`, x.s(L.noOp)],
          [`SUMPRODUCT(--(${whole(TBL_BALANCES, "op", x.lang)}=${x.r("op")}))=0`, x.s(L.orphan)],
          [`${dir}=""`, x.s(L.noDir)],
          [`AND(${dir}<>${inT},${dir}<>${outT})`, x.s(L.badDir)],
          [`AND(${cls}<>"",ISNA(${classAt}))`, x.s(L.classUnknown)],
          [`AND(${cls}<>"",IFERROR((${classAt}<=${INPUT_CLASS_COUNT})<>(${dir}=${inT}),FALSE))`, x.s(L.classSide)],
          [`AND(${point}<>"",ISNA(${pointMatch(x)}))`, x.s(L.pointUnknown)],
          [`AND(${point}<>"",NOT(ISNUMBER(${x.r("usedQty")})))`, x.s(L.pointNoMean)],
          [`AND(${point}="",${qty}="")`, x.s(L.noQty)],
          [`AND(${point}="",NOT(ISNUMBER(${qty})))`, x.s(L.qtyNaN)],
          [`${x.r("usedQty")}<0`, x.s(L.qtyNegative)],
          [`${x.r("usedUnit")}=""`, x.s(L.noUnit)],
          [`${x.r("basis")}=""`, x.s(L.noBasisOfBalance)],
          [`ISNA(${unitMatch(x.ctx, x.r("usedUnit"))})`, x.s(L.unitUnknown)],
          [`NOT(ISNUMBER(${x.r("factor")}))`, x.s(L.noConversion)],
        ],
        `""`,
      );
    },
    value: (s, _k, ctx) => (s ? flag(ctx, s.check) : null),
  },
];

/** The whole column `key` of the measurement table. */
const mw = (key: "point" | "mean" | "unit", x: Refs<SK>) => whole(TBL_MEASUREMENTS, key, x.lang);
/** Row of this stream's measurement point in the measurement table (exact text, ignoring case). */
const pointMatch = (x: Refs<SK>) => `MATCH(${literalCriterion(x.r("point"))},${mw("point", x)},0)`;

/** Streams of this balance (`=`, not SUMIFS: the name is compared literally) in direction `d` (0 in, 1 out). */
function streamSum(x: Refs<BK>, d: 0 | 1): string {
  const sw = (k: SK) => whole(TBL_STREAMS, k, x.lang);
  return `SUMPRODUCT((${sw("op")}=${x.r("op")})*(${sw("dir")}=${x.s(DIRECTIONS[d]!)}),${sw("basisQty")})`;
}

const balanceColumns: readonly Column<BalanceRow, BK>[] = [
  {
    key: "op",
    role: "input",
    band: l("每个平衡一行", "one row per balance"),
    width: 12,
    validation: PICK_UNIT_OPERATION,
    value: (b) => b?.e.unitOperation,
  },
  {
    key: "basis",
    role: "input",
    band: l("从单位表选择", "from the unit table"),
    width: 9,
    validation: { listName: UNITS_NAME, error: l("请从列表的单位表中选择单位", "Choose a unit of the unit table (Lists)") },
    value: (b) => b?.e.basis,
  },
  {
    key: "tin",
    role: "computed",
    band: l("基准单位", "basis unit"),
    format: FMT.general,
    width: 11,
    style: "total",
    formula: (x) => `IF(${x.r("op")}="","",IF(${x.r("bad")}>0,"",${streamSum(x, 0)}))`,
    value: (b) => (b ? b.tin : null),
  },
  {
    key: "tout",
    role: "computed",
    band: l("基准单位", "basis unit"),
    format: FMT.general,
    width: 11,
    style: "total",
    formula: (x) => `IF(${x.r("op")}="","",IF(${x.r("bad")}>0,"",${streamSum(x, 1)}))`,
    value: (b) => (b ? b.tout : null),
  },
  gapColumn<BalanceRow, BK>("gap", l("ΣIn − ΣOut", "ΣIn − ΣOut"), "tin", ["tout"], (b) => b.gap, 11),
  errorColumn<BalanceRow, BK>("err", l("差值/ΣIn", "gap/ΣIn"), "gap", "tin", (b) => b.err),
  verdictColumn<BalanceRow, BK>("verdict", (x) => `${x.r("op")}=""`, "check", "err", (b) => b.verdict as Verdict | null),
  {
    key: "check",
    role: "computed",
    width: 12,
    formula: (x) => {
      const L = BALANCE_LABELS;
      const op = x.r("op");
      const basis = x.r("basis");
      return chain(
        [
          [`${op}=""`, `IF(${basis}<>"",${x.s(L.noOp)},"")`],
          [`SUMPRODUCT(--(${x.all("op")}=${op}))>1`, x.s(L.duplicate)],
          [`${basis}=""`, x.s(L.noBasis)],
          [`ISNA(${unitMatch(x.ctx, basis)})`, x.s(L.basisUnknown)],
          [`${x.r("bad")}>0`, x.s(L.badStreams)],
          [`${x.r("tin")}=0`, x.s(L.zeroIn)],
          [`NOT(ISNUMBER(CP_BalanceTolerance))`, x.s(L.noTolerance)],
          [`CP_BalanceTolerance<0`, x.s(L.badTolerance)],
        ],
        `""`,
      );
    },
    value: (b, _k, ctx) => (b ? flag(ctx, b.check) : null),
  },
  {
    key: "bad",
    role: "computed",
    hidden: true,
    format: FMT.integer,
    formula: (x) => {
      const sw = (k: SK) => whole(TBL_STREAMS, k, x.lang);
      return `IF(${x.r("op")}="","",SUMPRODUCT((${sw("op")}=${x.r("op")})*(${sw("check")}<>"")))`;
    },
    value: (b) => (b ? (b.e.unitOperation === "" ? null : b.bad) : null),
  },
];

/** Left column of `tblBalances` (the layout puts one empty column after `tblStreams`). */
const BALANCES_LEFT = streamColumns.length + 1;

/** The summary above the tables: streams (left, above tblStreams) and balances (right, above tblBalances). */
function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const L = BALANCE_LABELS;
  const { streams, balances } = evaluateSheet(ctx);
  const sw = (k: SK) => whole(TBL_STREAMS, k, ctx.lang);
  const bw = (k: BK) => whole(TBL_BALANCES, k, ctx.lang);
  const s = (label: L) => str(t(ctx, label));
  const count = (f: Flag | null, list: readonly { check?: Flag | null; verdict?: Flag | null }[], key: "check" | "verdict") =>
    list.filter((r) => (f === null ? r[key] !== null : r[key] === f)).length;
  const tol = ctx.params?.balanceTolerance ?? DEFAULT_TOLERANCE;

  // streams block: label in column A merged over the columns left of 数量, value in the 数量 column
  const sv = streamColumns.findIndex((c) => c.key === "qty");
  b.label(top, 0, t(ctx, L.streamsTitle), "meta", false);
  const streamItems: [L, string, number, "warn" | null][] = [
    [L.streamCount, `COUNT(${sw("no")})`, streams.length, null],
    [L.flaggedCount, `SUMPRODUCT(--(${sw("check")}<>""))`, count(null, streams, "check"), "warn"],
    [L.orphanCount, `SUMPRODUCT(--(${sw("check")}=${s(L.orphan)}))`, count("orphan", streams, "check"), "warn"],
  ];
  streamItems.forEach(([label, f, v, cf], i) => {
    const r = top + 1 + i;
    b.label(r, 0, t(ctx, label), "label", false);
    b.merge(r, 0, r, sv - 1);
    b.formula(r, sv, f, v, "total", FMT.integer);
    if (cf) b.conditional({ top: r, left: sv, bottom: r, right: sv }, `${colLetter(sv)}${r + 1}>0`, cf);
  });

  // balances block: label in tblBalances' first columns (merged), value in its ΣIn column
  const bl = BALANCES_LEFT;
  const bv = BALANCES_LEFT + balanceColumns.findIndex((c) => c.key === "tin");
  b.label(top, bl, t(ctx, L.balancesTitle), "meta", false);
  const verdictCount = (f: Flag) => `SUMPRODUCT(--(${bw("verdict")}=${s(L[f])}))`;
  const balanceItems: [L, string, number, "warn" | "bad" | null][] = [
    [L.balanceCount, `SUMPRODUCT(--(${bw("op")}<>""))`, balances.filter((x) => x.e.unitOperation !== "").length, null],
    [L.passCount, verdictCount("pass"), count("pass", balances, "verdict"), null],
    [L.failCount, verdictCount("fail"), count("fail", balances, "verdict"), "bad"],
    [L.pendingCount, verdictCount("pending"), count("pending", balances, "verdict"), "warn"],
  ];
  balanceItems.forEach(([label, f, v, cf], i) => {
    const r = top + 1 + i;
    b.label(r, bl, t(ctx, label), "label", false);
    b.merge(r, bl, r, bv - 1);
    b.formula(r, bv, f, v, "total", FMT.integer);
    if (cf) b.conditional({ top: r, left: bv, bottom: r, right: bv }, `${colLetter(bv)}${r + 1}>0`, cf);
  });
  const tr = top + 1 + balanceItems.length;
  b.label(tr, bl, t(ctx, L.tolerance), "label", false);
  b.merge(tr, bl, tr, bv - 1);
  b.formula(tr, bv, `IF(ISNUMBER(CP_BalanceTolerance),CP_BalanceTolerance,${s(L.noTolerance)})`, tol, "lookup", FMT.percent);
  b.conditional({ top: tr, left: bv, bottom: tr, right: bv }, `NOT(ISNUMBER(${colLetter(bv)}${tr + 1}))`, "warn");
  return tr + 1;
}

/** A stream as read (issue 13): its case-file stream, its balance and side, and how to report on its row. */
interface StreamRead {
  op: string | undefined;
  dir: string | undefined;
  stream: Record<string, unknown>;
  report: (message: string) => void;
}

/** The streams read from tblStreams, per draft, until tblBalances (right of it) is read. */
const streamsRead = new WeakMap<CaseDraft, StreamRead[]>();

/** Read-back of a stream row: 单元操作, 方向, and the case stream (name, class, point, typed quantity and unit). */
const STREAMS_READ_BACK: TableReadBack<SK> = {
  row(c: CellReader<SK>): StreamRead {
    const stream: Record<string, unknown> = {};
    const name = c.text("stream");
    const cls = c.text("class");
    const point = c.text("point");
    const qty = c.num("qty");
    const unit = c.text("unit");
    if (name !== undefined) stream.stream = name;
    if (cls !== undefined) stream.class = canonicalItem(STREAM_CLASSES, cls) ?? cls;
    if (point !== undefined) stream.measurementPoint = point;
    if (qty !== undefined) stream.quantity = qty;
    if (unit !== undefined) stream.unit = unit;
    const dir = c.text("dir");
    return { op: c.text("op"), dir: dir === undefined ? undefined : (canonicalItem(DIRECTIONS, dir) ?? dir), stream, report: (m) => c.problem(m.startsWith("dir") ? "dir" : "op", m) };
  },
  store(draft: CaseDraft, rows: unknown[]) {
    streamsRead.set(draft, rows as StreamRead[]);
  },
};

/**
 * Read-back of the balances (issue 13): each balance row (单元操作, 基准单位) with the streams of its
 * unit operation (ignoring case, as the sheet's totals match) as inputs (输入) and outputs (输出), in
 * table order. A stream whose unit operation is in no balance, or without a direction, cannot be
 * placed in the case: it is reported on its row.
 */
const BALANCES_READ_BACK: TableReadBack<BK> = {
  row(c: CellReader<BK>) {
    const op = c.text("op");
    const basis = c.text("basis");
    if (op === undefined) c.problem("op", "unitOperation: 此平衡缺少单元操作 / this balance has no unit operation");
    const out: Record<string, unknown> = { unitOperation: op ?? "" };
    if (basis !== undefined) out.basis = basis;
    return out;
  },
  store(draft: CaseDraft, rows: unknown[], _table: TableReader<BK>) {
    const streams = streamsRead.get(draft) ?? [];
    streamsRead.delete(draft);
    const balances = (rows as Record<string, unknown>[]).map((b): Record<string, unknown> & { inputs: unknown[]; outputs: unknown[] } => ({ ...b, inputs: [], outputs: [] }));
    for (const s of streams) {
      const b = s.op === undefined ? undefined : balances.find((x) => same(String(x.unitOperation), s.op!));
      if (!b) {
        s.report(s.op === undefined ? "单元操作: 物流缺少单元操作 / the stream has no unit operation" : `单元操作 "${s.op}" 不在右侧平衡表中 / unit operation "${s.op}" is in no balance of the table on the right`);
        continue;
      }
      if (s.dir === DIRECTIONS[0]!.zh) b.inputs.push(s.stream);
      else if (s.dir === DIRECTIONS[1]!.zh) b.outputs.push(s.stream);
      else s.report(`dir: 方向须为 输入/输出 / the direction must be In or Out${s.dir === undefined ? "" : ` ("${s.dir}")`}`);
    }
    if (balances.length > 0) draft.materialBalance = balances;
  },
};

export const materialBalanceWorksheet = tableWorksheet({
  key: "WS3-4",
  number: "3-4",
  sheetName: l("物料平衡", "Material balance"),
  title: l("审核重点物料平衡（输入输出）", "Material balance of the audit focus (inputs and outputs)"),
  dependsOn: ["PARAMS", "LISTS", "WS3-2", "WS3-3", "COMPONENTS", "WATER"],
  note: l(
    "右表每个平衡（单元操作）一行并选基准单位；左表每股物流一行，单元操作（表3-2）、分类和单位从下拉列表选择；选了监测点（表3-3）的物流，数量和单位取该监测点的均值和单位，否则填写数量和单位。换算系数按列表的单位表自动查出，量纲不同的单位不换算（标出）。相对误差 = (ΣIn − ΣOut)/ΣIn，|相对误差| ≤ 允许误差（参数表）为合格；物流有误时平衡为待定。在表格下方输入即可添加物流或平衡。",
    "One row per balance (unit operation) on the right, with its basis unit; one row per stream on the left, unit operation (Table 3-2), class and unit picked from the dropdowns; a stream that names a measurement point (Table 3-3) takes the point's mean and unit, otherwise type its quantity and unit. The factor comes from the unit table (Lists); units of another kind are flagged, never converted. Relative error = (ΣIn − ΣOut)/ΣIn, pass when |error| ≤ the tolerance (Parameters); a flagged stream leaves its balance pending. Type below a table to add a stream or a balance.",
  ),
  freezeCols: 0,
  orientation: "landscape",
  summary,
  tables: [
    defineTable({
      schema: TBL_STREAMS,
      columns: streamColumns,
      rows: (ctx) => evaluateSheet(ctx).streams,
      readBack: STREAMS_READ_BACK,
      decorate(b, ctx, g) {
        const L = BALANCE_LABELS;
        const chk = `$${colLetter(g.col.check)}${g.firstRow + 1}`;
        const range = (c: number) => ({ top: g.firstRow, left: c, bottom: g.lastRow, right: c });
        const is = (...fs: Flag[]) => (fs.length === 1 ? `${chk}=${str(t(ctx, L[fs[0]!]))}` : `OR(${fs.map((f) => `${chk}=${str(t(ctx, L[f]))}`).join(",")})`);
        b.conditional(range(g.col.check), `${chk}<>""`, "warn");
        b.conditional(range(g.col.op), is("orphan", "noOp"), "warn");
        b.conditional(range(g.col.dir), is("noDir", "badDir"), "warn");
        b.conditional(range(g.col.qty), is("noQty", "qtyNaN", "qtyNegative"), "warn");
        b.conditional(range(g.col.unit), is("noUnit", "unitUnknown", "noConversion"), "warn");
      },
    }),
    defineTable({
      schema: TBL_BALANCES,
      columns: balanceColumns,
      rows: (ctx) => evaluateSheet(ctx).balances,
      readBack: BALANCES_READ_BACK,
      decorate: (b, ctx, g) => decorateVerdict(b, ctx, g, "verdict", "check", "op"),
    }),
  ],
});
