/**
 * 组分平衡 Element / pollutant balance (spec WS3-4 "separate blocks for each element/pollutant
 * balance", §4.5; issue 10 part C), a support sheet beside 表3-4, as two Excel tables side by side:
 *
 * - `tblComponents` (left), one row per stream and component (a stream may carry several: Cr and
 *   COD are two rows): 单元操作 | 物流名称 | 组分 | 组分含量 (mass fraction, %) | looked up from the
 *   stream of tblStreams with this unit operation AND this name (exact text, ignoring case; a name
 *   found twice in the balance is flagged, never summed): 方向, 物流量（基准单位） | 组分量 = 物流量 ×
 *   含量 | 检查 ‖ hidden: 物流行 (the stream's row in tblStreams).
 * - `tblComponentBalances` (right), one row per (unit operation, component): 输入 In_c = Σ 组分量 of
 *   the input rows, 输出 Out_c likewise | 差值 = In − Out | 相对误差 = 差值/In | 判定 (合格 when
 *   |相对误差| ≤ CP_BalanceTolerance; 待定 while a row of the component is flagged or 检查 names a
 *   problem) | 检查 ‖ hidden: 有误行.
 *
 * Everything is blank-safe: a missing fraction or a stream without a quantity leaves the row's 组分量
 * blank and the balance pending, never a plausible 0.
 */
import { balanceGap, evaluateBalance, sumFlows } from "../../core";
import { DIRECTIONS, l } from "../i18n";
import { FMT, t, type BuildContext, type SheetBuilder } from "../layout";
import { defineTable, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { countSummary, decorateCheck, decorateVerdict, errorColumn, gapColumn, productColumn, verdictColumn, verdictCounts, type CountLine, type Verdict } from "./balance-columns";
import { chain } from "./formula";
import { balanceStreams, TBL_STREAMS } from "./material-balance.worksheet";
import { PICK_UNIT_OPERATION } from "./unit-operations.worksheet";
import type { CaseDraft, TableReader } from "../read-back";
import { f, readRow, sameName } from "./read-back-fields";

export const TBL_COMPONENTS = {
  name: "tblComponents",
  columns: {
    op: l("单元操作", "Unit operation"),
    stream: l("物流名称", "Stream"),
    component: l("组分", "Component"),
    fraction: l("组分含量", "Fraction"),
    dir: l("方向", "Direction"),
    qty: l("物流量（基准单位）", "Stream (basis)"),
    cqty: l("组分量", "Component quantity"),
    check: l("检查", "Check"),
    row: l("物流行", "Stream row"),
  },
} as const satisfies TableSchema;
type CK = keyof typeof TBL_COMPONENTS.columns;

export const TBL_COMPONENT_BALANCES = {
  name: "tblComponentBalances",
  columns: {
    op: l("单元操作", "Unit operation"),
    component: l("组分", "Component"),
    tin: l("输入In", "In"),
    tout: l("输出Out", "Out"),
    gap: l("差值", "Gap"),
    err: l("相对误差", "Relative error"),
    verdict: l("判定", "Result"),
    check: l("检查", "Check"),
    bad: l("有误行", "Flagged rows"),
  },
} as const satisfies TableSchema;
type BK = keyof typeof TBL_COMPONENT_BALANCES.columns;

export const COMPONENT_LABELS = {
  noOp: l("缺少单元操作", "Unit operation missing"),
  noStream: l("缺少物流名称", "Stream missing"),
  streamUnknown: l("物流不在物料平衡表中", "Stream not in the material balance"),
  streamTwice: l("物流名称重复", "Stream name used twice"),
  noComponent: l("缺少组分", "Component missing"),
  noFraction: l("缺少含量", "Fraction missing"),
  fractionNaN: l("含量不是数值", "Fraction is not a number"),
  fractionRange: l("含量应在0–1之间", "Fraction must be from 0 to 1"),
  streamQty: l("物流数量有误", "Stream quantity flagged"),
  duplicate: l("组分平衡重复", "Duplicate component balance"),
  noRows: l("无组分数据", "No component data"),
  badRows: l("组分数据有误", "Component data flagged"),
  zeroIn: l("输入合计为0", "Total in is 0"),
  noTolerance: l("缺少允许误差", "Tolerance missing"),
  count: l("组分平衡数", "Component balances"),
};
type Flag = keyof typeof COMPONENT_LABELS;

const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** A component row as the sheet evaluates it. */
interface ComponentRow {
  op: string;
  stream: string;
  component: string;
  fraction: number;
  dir: 0 | 1 | null;
  qty: number | null;
  cqty: number | null;
  row: number | null;
  check: Flag | null;
}

/** A component balance as the sheet evaluates it. */
interface CBalanceRow {
  op: string;
  component: string;
  bad: number;
  tin: number | null;
  tout: number | null;
  gap: number | null;
  err: number | null;
  verdict: Verdict | null;
  check: Flag | null;
}

const cache = new WeakMap<BuildContext, { rows: ComponentRow[]; balances: CBalanceRow[] }>();

/** The case's component rows (one per stream component) and balances (one per unit operation and component). */
function evaluate(ctx: BuildContext): { rows: ComponentRow[]; balances: CBalanceRow[] } {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const streams = balanceStreams(ctx);
  const rows: ComponentRow[] = [];
  for (const s of streams) {
    for (const c of s.components) {
      const matches = streams.map((x, k) => [x, k] as const).filter(([x]) => same(x.op, s.op) && same(x.stream, s.stream));
      const one = matches.length === 1 ? matches[0]! : undefined;
      const qty = one ? one[0].basisQty : null;
      let check: Flag | null = null;
      if (matches.length > 1) check = "streamTwice";
      else if (qty === null) check = "streamQty";
      rows.push({ op: s.op, stream: s.stream, component: c.name, fraction: c.fraction, dir: one ? one[0].dir : null, qty, cqty: qty !== null ? qty * c.fraction : null, row: one ? one[1] + 1 : null, check });
    }
  }
  const tol = ctx.params?.balanceTolerance;
  const keys: { op: string; component: string }[] = [];
  for (const r of rows) if (!keys.some((k) => same(k.op, r.op) && same(k.component, r.component))) keys.push({ op: r.op, component: r.component });
  const balances = keys.map(({ op, component }): CBalanceRow => {
    const mine = rows.filter((r) => same(r.op, op) && same(r.component, component));
    const bad = mine.filter((r) => r.check !== null).length;
    const out: CBalanceRow = { op, component, bad, tin: null, tout: null, gap: null, err: null, verdict: null, check: null };
    if (bad === 0) {
      const ins = mine.filter((r) => r.dir === 0).map((r) => r.cqty!);
      const outs = mine.filter((r) => r.dir === 1).map((r) => r.cqty!);
      out.tin = sumFlows(ins, "input");
      out.tout = sumFlows(outs, "output");
      out.gap = balanceGap(ins, outs);
      const res = out.tin !== 0 ? evaluateBalance(ins, outs, tol !== undefined && tol >= 0 ? tol : null) : null;
      out.err = res ? res.relativeError : null;
      if (out.tin === 0) out.check = "zeroIn";
      else if (tol === undefined) out.check = "noTolerance";
      // core's acceptance (exact decimal), the same as the sheet's ROUND(|e|, 12) ≤ tolerance
      out.verdict = out.check !== null || res === null ? "pending" : res.withinTolerance ? "pass" : "fail";
    } else {
      out.check = "badRows";
      out.verdict = "pending";
    }
    return out;
  });
  const result = { rows, balances };
  cache.set(ctx, result);
  return result;
}

const flag = (ctx: BuildContext, f: Flag | null) => (f === null ? null : t(ctx, COMPONENT_LABELS[f]));
const sw = (k: "op" | "stream" | "dir" | "basisQty", x: Refs<CK>) => whole(TBL_STREAMS, k, x.lang);
/** Number of streams of tblStreams with this row's unit operation and name. */
const streamCount = (x: Refs<CK>) => `SUMPRODUCT((${sw("op", x)}=${x.r("op")})*(${sw("stream", x)}=${x.r("stream")}))`;

const componentColumns: readonly Column<ComponentRow, CK>[] = [
  {
    key: "op",
    role: "input",
    band: l("从单元操作表选择", "from the unit operations"),
    width: 14,
    validation: PICK_UNIT_OPERATION,
    value: (r) => r?.op,
  },
  { key: "stream", role: "input", band: l("物料平衡表中的名称", "as in the balance"), width: 14, value: (r) => r?.stream },
  { key: "component", role: "input", band: l("元素/污染物", "element/pollutant"), width: 8, value: (r) => r?.component },
  {
    key: "fraction",
    role: "input",
    band: l("质量分数 0–1", "mass fraction 0–1"),
    format: FMT.general,
    validation: { number: { min: 0, max: 1, error: l("含量为 0–1 的质量分数（0.012 = 1.2%）", "A fraction is a mass fraction from 0 to 1 (0.012 = 1.2 %)") } },
    value: (r) => r?.fraction,
  },
  {
    key: "dir",
    role: "lookup",
    width: 6,
    formula: (x) => `IF(ISNUMBER(${x.r("row")}),INDEX(${sw("dir", x)},${x.r("row")})&"","")`,
    value: (r, _k, ctx) => (r && r.dir !== null ? t(ctx, DIRECTIONS[r.dir]!) : null),
  },
  {
    key: "qty",
    role: "lookup",
    band: l("表3-4", "WS3-4"),
    format: FMT.general,
    formula: (x) => `IF(ISNUMBER(${x.r("row")}),INDEX(${sw("basisQty", x)},${x.r("row")}),"")`,
    value: (r) => (r ? r.qty : null),
  },
  productColumn<ComponentRow, CK>("cqty", l("= 物流量 × 含量", "= stream × fraction"), "qty", "fraction", (r) => r.cqty),
  {
    key: "check",
    role: "computed",
    width: 12,
    formula: (x) => {
      const L = COMPONENT_LABELS;
      const f = x.r("fraction");
      return chain(
        [
          [`COUNTA(${x.span("op", "fraction")})=0`, `""`],
          [`${x.r("op")}=""`, x.s(L.noOp)],
          [`${x.r("stream")}=""`, x.s(L.noStream)],
          [`${streamCount(x)}=0`, x.s(L.streamUnknown)],
          [`${streamCount(x)}>1`, x.s(L.streamTwice)],
          [`${x.r("component")}=""`, x.s(L.noComponent)],
          [`${f}=""`, x.s(L.noFraction)],
          [`NOT(ISNUMBER(${f}))`, x.s(L.fractionNaN)],
          [`OR(${f}<0,${f}>1)`, x.s(L.fractionRange)],
          [`NOT(ISNUMBER(${x.r("qty")}))`, x.s(L.streamQty)],
        ],
        `""`,
      );
    },
    value: (r, _k, ctx) => (r ? flag(ctx, r.check) : null),
  },
  {
    key: "row",
    role: "computed",
    hidden: true,
    format: FMT.integer,
    formula: (x) => {
      const ops = sw("op", x);
      return `IF(OR(${x.r("op")}="",${x.r("stream")}=""),"",IF(${streamCount(x)}<>1,"",SUMPRODUCT((${ops}=${x.r("op")})*(${sw("stream", x)}=${x.r("stream")})*(ROW(${ops})-ROW(INDEX(${ops},1,1))+1))))`;
    },
    value: (r) => (r ? r.row : null),
  },
];

/** Rows of this balance's unit operation and component (`=`: compared literally, ignoring case). */
const cw = (k: CK, x: Refs<BK>) => whole(TBL_COMPONENTS, k, x.lang);
const mine = (x: Refs<BK>) => `(${cw("op", x)}=${x.r("op")})*(${cw("component", x)}=${x.r("component")})`;

const balanceColumns: readonly Column<CBalanceRow, BK>[] = [
  {
    key: "op",
    role: "input",
    band: l("每个组分平衡一行", "one row per balance"),
    width: 14,
    validation: PICK_UNIT_OPERATION,
    value: (b) => b?.op,
  },
  { key: "component", role: "input", width: 8, value: (b) => b?.component },
  ...([0, 1] as const).map(
    (d): Column<CBalanceRow, BK> => ({
      key: d === 0 ? "tin" : "tout",
      role: "computed",
      band: l("Σ组分量", "Σ component"),
      format: FMT.general,
      style: "total",
      formula: (x) => `IF(OR(${x.r("op")}="",${x.r("component")}=""),"",IF(${x.r("bad")}>0,"",SUMPRODUCT(${mine(x)}*(${cw("dir", x)}=${x.s(DIRECTIONS[d]!)}),${cw("cqty", x)})))`,
      value: (b) => (b ? (d === 0 ? b.tin : b.tout) : null),
    }),
  ),
  gapColumn<CBalanceRow, BK>("gap", l("In − Out", "In − Out"), "tin", ["tout"], (b) => b.gap),
  errorColumn<CBalanceRow, BK>("err", l("差值/In", "gap/In"), "gap", "tin", (b) => b.err),
  verdictColumn<CBalanceRow, BK>("verdict", (x) => `OR(${x.r("op")}="",${x.r("component")}="")`, "check", "err", (b) => b.verdict),
  {
    key: "check",
    role: "computed",
    width: 12,
    formula: (x) => {
      const L = COMPONENT_LABELS;
      return chain(
        [
          [`COUNTA(${x.span("op", "component")})=0`, `""`],
          [`${x.r("op")}=""`, x.s(L.noOp)],
          [`${x.r("component")}=""`, x.s(L.noComponent)],
          [`SUMPRODUCT((${x.all("op")}=${x.r("op")})*(${x.all("component")}=${x.r("component")}))>1`, x.s(L.duplicate)],
          [`SUMPRODUCT(${mine(x)})=0`, x.s(L.noRows)],
          [`${x.r("bad")}>0`, x.s(L.badRows)],
          [`${x.r("tin")}=0`, x.s(L.zeroIn)],
          [`NOT(ISNUMBER(CP_BalanceTolerance))`, x.s(L.noTolerance)],
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
    formula: (x) => `IF(OR(${x.r("op")}="",${x.r("component")}=""),"",SUMPRODUCT(${mine(x)}*(${cw("check", x)}<>"")))`,
    value: (b) => (b ? b.bad : null),
  },
];

/** A stream of a balance as the case file writes it (the fields the components need). */
interface DraftStream {
  stream?: string;
  components?: { name: string; fraction: number }[];
}

/**
 * The component rows into the streams of `materialBalance` (表3-4's read-back, which comes first in
 * the workbook): each row's component goes to the one stream with its unit operation and name
 * (ignoring case, as the sheet's lookup compares; unnamed balances and streams are #1, #2 … as the
 * build names them). A row whose stream is not found once is reported.
 */
function storeComponents(draft: CaseDraft, rows: unknown[], table: TableReader<CK>): void {
  const balances = (draft.materialBalance ?? []) as { unitOperation?: string; inputs?: DraftStream[]; outputs?: DraftStream[] }[];
  const named = (list: DraftStream[] = []) => list.map((s, k) => ({ s, name: s.stream ?? `#${k + 1}` }));
  for (const r of rows as { unitOperation?: string; stream?: string; name?: string; fraction?: number }[]) {
    const { unitOperation: op, stream, name, fraction } = r;
    if (op === undefined || stream === undefined || name === undefined || fraction === undefined) continue;
    const hits = balances.flatMap((b, i) => (sameName(b.unitOperation ?? `#${i + 1}`, op) ? [...named(b.inputs), ...named(b.outputs)].filter((x) => sameName(x.name, stream)).map((x) => x.s) : []));
    if (hits.length !== 1) {
      table.problem(`${op} / ${stream}: ${hits.length === 0 ? "物流不在物料平衡表中 (stream not in the material balance)" : "物流名称重复 (stream name used twice)"}`);
      continue;
    }
    (hits[0]!.components ??= []).push({ name, fraction });
  }
}

/** Left column of tblComponentBalances (one empty column after tblComponents). */
const BALANCES_LEFT = componentColumns.length + 1;

function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const { balances } = evaluate(ctx);
  const bw = (k: BK) => whole(TBL_COMPONENT_BALANCES, k, ctx.lang);
  const count: CountLine = [COMPONENT_LABELS.count, `SUMPRODUCT((${bw("op")}<>"")*(${bw("component")}<>""))`, balances.length, null];
  return countSummary(b, ctx, top, [count, ...verdictCounts(ctx, bw("verdict"), balances.map((x) => x.verdict))], BALANCES_LEFT, BALANCES_LEFT + 2);
}

export const componentBalanceWorksheet = tableWorksheet({
  key: "COMPONENTS",
  sheetName: l("组分平衡", "Component balance"),
  title: l("审核重点元素/污染因子平衡", "Element / pollutant balance of the audit focus"),
  dependsOn: ["PARAMS", "LISTS", "WS3-4"],
  note: l(
    "左表每股物流的每个组分一行：单元操作和物流名称与物料平衡表（表3-4）一致，方向和物流量（基准单位）自动查出，组分量 = 物流量 × 含量。右表每个单元操作的每个组分一行：In = Σ输入组分量，Out = Σ输出组分量，相对误差 = (In − Out)/In，|相对误差| ≤ 允许误差为合格；有误的行使平衡待定。",
    "One row per stream and component on the left: unit operation and stream name as in the material balance (Table 3-4); direction and stream quantity (basis) are looked up, component quantity = stream × fraction. One row per unit operation and component on the right: In = Σ input component quantities, Out likewise; relative error = (In − Out)/In, pass when |error| ≤ the tolerance; a flagged row leaves its balance pending.",
  ),
  freezeCols: 0,
  orientation: "landscape",
  summary,
  tables: [
    defineTable({
      schema: TBL_COMPONENTS,
      columns: componentColumns,
      rows: (ctx) => evaluate(ctx).rows,
      readBack: {
        row: (c) =>
          readRow(c, [
            f("unitOperation", "op", "text", "缺少单元操作 (unit operation missing)"),
            f("stream", "stream", "text", "缺少物流名称 (stream missing)"),
            f("name", "component", "text", "缺少组分 (component missing)"),
            f("fraction", "fraction", "num", "缺少含量 (fraction missing)"),
          ]),
        store: storeComponents,
      },
      decorate: (b, _ctx, g) => decorateCheck(b, g, "check"),
    }),
    defineTable({
      schema: TBL_COMPONENT_BALANCES,
      columns: balanceColumns,
      rows: (ctx) => evaluate(ctx).balances,
      // one row per (unit operation, component) of tblComponents: derived, the case keeps nothing of it
      readBack: { row: () => undefined, store: () => undefined },
      decorate: (b, ctx, g) => decorateVerdict(b, ctx, g, "verdict", "check"),
    }),
  ],
});
