/**
 * 审核重点水平衡 Water balance of the audit focus (spec WS3-4 "separate blocks for the water
 * balance", §4.4 after GB/T 12452; issue 10 part C), a support sheet beside 表3-4.
 *
 * Table `tblWaterBalance`, one row per unit or water system, every quantity in the row's 基准单位
 * (m3/d, t/d …): 单元/系统 | 基准单位 | 新水量 Q新 | 重复利用水量 Q重 | 耗水量 Q耗 | 排水量 Q排 | 漏失水量 Q漏 |
 * 产品产量 | 产品单位 | computed: 差值 = Q新 − (Q耗 + Q排 + Q漏) (the boundary equation Q新 = Q耗 + Q排 + Q漏;
 * reused water circulates inside the boundary and is not on either side) | 相对误差 = 差值/Q新 |
 * 判定 (合格 when |相对误差| ≤ CP_BalanceTolerance, like the material balance; 待定 while 检查 names a
 * problem) | 重复利用率 = Q重/(Q新 + Q重) | 单位产品新水量 = Q新/产量 | 漏失率 = Q漏/Q新 | 排水率 = Q排/Q新 | 检查.
 *
 * Blank-safe: an indicator whose inputs are blank is blank (never 0, never #DIV/0!): the reuse rate
 * needs Q新 and Q重, the balance needs Q新, Q耗, Q排 and Q漏; Q新 = 0 gives no rate. Above the table:
 * the number of water balances and their 合格 / 不合格 / 待定 counts.
 */
import type { WaterBalanceEntry } from "../case";
import { l, type L } from "../i18n";
import { FMT, t, type BuildContext, type SheetBuilder } from "../layout";
import { defineTable, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { UNITS_NAME } from "./lists.worksheet";
import { countSummary, decorateVerdict, errorColumn, gapColumn, verdictColumn, verdictCounts, verdictOf, type CountLine, type Verdict } from "./balance-columns";
import { chain } from "./formula";
import { f, same, readRow } from "./read-back-fields";
import { storeSection } from "./read-kit";

export const TBL_WATER = {
  name: "tblWaterBalance",
  columns: {
    system: l("单元/系统", "Unit/system"),
    basis: l("基准单位", "Basis unit"),
    fresh: l("新水量", "Fresh water"),
    reused: l("重复利用水量", "Reused water"),
    consumed: l("耗水量", "Consumed"),
    discharged: l("排水量", "Discharged"),
    leak: l("漏失水量", "Leaks"),
    production: l("产品产量", "Production"),
    productUnit: l("产品单位", "Product unit"),
    gap: l("差值", "Gap"),
    err: l("相对误差", "Relative error"),
    verdict: l("判定", "Result"),
    reuseRate: l("重复利用率", "Reuse rate"),
    specific: l("单位产品新水量", "Fresh water per product"),
    leakRate: l("漏失率", "Leak rate"),
    dischargeRate: l("排水率", "Discharge rate"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_WATER.columns;

export const WATER_LABELS = {
  noSystem: l("缺少单元/系统", "Unit/system missing"),
  noBasis: l("缺少基准单位", "Basis unit missing"),
  notNumber: l("水量不是数值", "A quantity is not a number"),
  negative: l("水量为负", "A quantity is negative"),
  noFresh: l("缺少新水量", "Fresh water missing"),
  incomplete: l("耗水、排水或漏失水量不全", "Consumed, discharged or leaks missing"),
  zeroFresh: l("新水量为0", "Fresh water is 0"),
  badProduction: l("产量应为 > 0 的数", "Production must be a number > 0"),
  noTolerance: l("缺少允许误差", "Tolerance missing"),
  count: l("水平衡数", "Water balances"),
};
type Flag = keyof typeof WATER_LABELS;

/** The quantity columns (input, in the basis unit). */
type QtyKey = "fresh" | "reused" | "consumed" | "discharged" | "leak";

/** A water balance as the sheet evaluates it. */
export interface WaterRow {
  e: WaterBalanceEntry;
  gap: number | null;
  err: number | null;
  verdict: Verdict | null;
  reuseRate: number | null;
  specific: number | null;
  leakRate: number | null;
  dischargeRate: number | null;
  check: Flag | null;
}

/** Core of the sheet: gap, error, verdict and indicators of one entry, blank where an input is. */
export function evaluateWater(e: WaterBalanceEntry, tolerance: number | undefined): WaterRow {
  const { fresh, reused, consumed, discharged, leak, production } = e;
  const has = (x: number | undefined): x is number => x !== undefined;
  const gap = has(fresh) && has(consumed) && has(discharged) && has(leak) ? fresh - (consumed + discharged + leak) : null;
  const err = gap !== null && fresh !== 0 ? gap / fresh! : null;
  const rate = (x: number | undefined) => (has(fresh) && has(x) && fresh !== 0 ? x / fresh : null);
  let check: Flag | null = null;
  if (e.system === "") check = "noSystem";
  else if (e.basis === undefined) check = "noBasis";
  else if (!has(fresh)) check = "noFresh";
  else if (!has(consumed) || !has(discharged) || !has(leak)) check = "incomplete";
  else if (fresh === 0) check = "zeroFresh";
  else if (tolerance === undefined) check = "noTolerance";
  const verdict = e.system === "" ? null : verdictOf(check !== null, err, tolerance);
  return {
    e,
    gap,
    err,
    verdict,
    reuseRate: has(fresh) && has(reused) && fresh + reused !== 0 ? reused / (fresh + reused) : null,
    specific: has(fresh) && has(production) && production > 0 ? fresh / production : null,
    leakRate: rate(leak),
    dischargeRate: rate(discharged),
    check,
  };
}

const rowsOf = (ctx: BuildContext): WaterRow[] => (ctx.auditCase?.waterBalance ?? []).map((e) => evaluateWater(e, ctx.params?.balanceTolerance));

const flag = (ctx: BuildContext, f: Flag | null) => (f === null ? null : t(ctx, WATER_LABELS[f]));
const num = (x: Refs<K>, ...keys: K[]) => `AND(${keys.map((k) => `ISNUMBER(${x.r(k)})`).join(",")})`;
/** `a/b` when both are numbers and b ≠ 0, else "". */
const ratio = (x: Refs<K>, a: K, b: string, bKeys: K[]) => `IF(${num(x, a, ...bKeys)},IF(${b}=0,"",${x.r(a)}/(${b})),"")`;

const qtyColumn = (key: QtyKey, band: L): Column<WaterRow, K> => ({
  key,
  role: "input",
  band,
  format: FMT.general,
  validation: { number: { min: 0, error: l("水量为 ≥ 0 的数（基准单位）", "A water quantity is a number ≥ 0 (basis unit)") } },
  value: (r) => r?.e[key],
});

const columns: readonly Column<WaterRow, K>[] = [
  { key: "system", role: "input", band: l("每个平衡一行", "one row per balance"), width: 12, value: (r) => r?.e.system },
  {
    key: "basis",
    role: "input",
    band: l("从单位表选择", "from the unit table"),
    width: 7,
    validation: { listName: UNITS_NAME, error: l("请从列表的单位表中选择单位", "Choose a unit of the unit table (Lists)") },
    value: (r) => r?.e.basis,
  },
  qtyColumn("fresh", l("Q新", "Q_new")),
  qtyColumn("reused", l("Q重（循环、回用）", "Q_reuse (recycled)")),
  qtyColumn("consumed", l("Q耗", "Q_consumed")),
  qtyColumn("discharged", l("Q排", "Q_discharged")),
  qtyColumn("leak", l("Q漏", "Q_leak")),
  {
    key: "production",
    role: "input",
    band: l("同期", "same period"),
    format: FMT.general,
    validation: { number: { min: 0, error: l("产量为 > 0 的数", "Production is a number > 0") } },
    value: (r) => r?.e.production,
  },
  { key: "productUnit", role: "input", width: 6, value: (r) => r?.e.productUnit },
  gapColumn<WaterRow, K>("gap", l("Q新 − (Q耗+Q排+Q漏)", "Q_new − (Q_c+Q_d+Q_l)"), "fresh", ["consumed", "discharged", "leak"], (r) => r.gap),
  errorColumn<WaterRow, K>("err", l("差值/Q新", "gap/Q_new"), "gap", "fresh", (r) => r.err),
  verdictColumn<WaterRow, K>("verdict", (x) => `${x.r("system")}=""`, "check", "err", (r) => r.verdict),
  {
    key: "reuseRate",
    role: "computed",
    band: l("Q重/(Q新+Q重)", "Q_reuse/(Q_new+Q_reuse)"),
    format: FMT.percent,
    formula: (x) => ratio(x, "reused", `${x.r("fresh")}+${x.r("reused")}`, ["fresh"]),
    value: (r) => (r ? r.reuseRate : null),
  },
  {
    key: "specific",
    role: "computed",
    band: l("Q新/产量", "Q_new/production"),
    format: FMT.general,
    formula: (x) => `IF(${num(x, "fresh", "production")},IF(${x.r("production")}<=0,"",${x.r("fresh")}/${x.r("production")}),"")`,
    value: (r) => (r ? r.specific : null),
  },
  { key: "leakRate", role: "computed", band: l("Q漏/Q新", "Q_leak/Q_new"), format: FMT.percent, formula: (x) => ratio(x, "leak", x.r("fresh"), ["fresh"]), value: (r) => (r ? r.leakRate : null) },
  {
    key: "dischargeRate",
    role: "computed",
    band: l("Q排/Q新", "Q_d/Q_new"),
    format: FMT.percent,
    formula: (x) => ratio(x, "discharged", x.r("fresh"), ["fresh"]),
    value: (r) => (r ? r.dischargeRate : null),
  },
  {
    key: "check",
    role: "computed",
    width: 12,
    formula: (x) => {
      const W = WATER_LABELS;
      const q = x.span("fresh", "leak");
      const miss = (...ks: K[]) => `OR(${ks.map((k) => `${x.r(k)}=""`).join(",")})`;
      return chain(
        [
          [`COUNTA(${x.span("system", "productUnit")})=0`, `""`],
          [`${x.r("system")}=""`, x.s(W.noSystem)],
          [`${x.r("basis")}=""`, x.s(W.noBasis)],
          [`COUNTA(${q})>COUNT(${q})`, x.s(W.notNumber)],
          [`COUNTIF(${q},"<0")>0`, x.s(W.negative)],
          [`${x.r("fresh")}=""`, x.s(W.noFresh)],
          [miss("consumed", "discharged", "leak"), x.s(W.incomplete)],
          [`${x.r("fresh")}=0`, x.s(W.zeroFresh)],
          [`AND(${x.r("production")}<>"",NOT(AND(ISNUMBER(${x.r("production")}),${x.r("production")}>0)))`, x.s(W.badProduction)],
          [`NOT(ISNUMBER(CP_BalanceTolerance))`, x.s(W.noTolerance)],
        ],
        `""`,
      );
    },
    value: (r, _k, ctx) => (r ? flag(ctx, r.check) : null),
  },
];

function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = rowsOf(ctx);
  const w = (k: K) => whole(TBL_WATER, k, ctx.lang);
  const count: CountLine = [WATER_LABELS.count, `SUMPRODUCT(--(${w("system")}<>""))`, rows.filter((r) => r.e.system !== "").length, null];
  return countSummary(b, ctx, top, [count, ...verdictCounts(ctx, w("verdict"), rows.map((r) => r.verdict))], 0, 2);
}

export const waterBalanceWorksheet = tableWorksheet({
  key: "WATER",
  sheetName: l("水平衡", "Water balance"),
  title: l("审核重点水平衡（GB/T 12452）", "Water balance of the audit focus (GB/T 12452)"),
  dependsOn: ["PARAMS", "LISTS"],
  note: l(
    "每个单元或用水系统一行，各水量用同一基准单位。Q新 = Q耗 + Q排 + Q漏（重复利用水在边界内循环，不计入两侧）；相对误差 = 差值/Q新，|相对误差| ≤ 允许误差（参数表）为合格。重复利用率 = Q重/(Q新+Q重)，漏失率 = Q漏/Q新，排水率 = Q排/Q新，单位产品新水量 = Q新/产量；缺少数据时不计算。",
    "One row per unit or water system, every quantity in the same basis unit. Q_new = Q_consumed + Q_discharged + Q_leak (reused water circulates inside the boundary and is on neither side); relative error = gap/Q_new, pass when |error| ≤ the tolerance (Parameters). Reuse rate = Q_reuse/(Q_new+Q_reuse), leak rate = Q_leak/Q_new, discharge rate = Q_discharged/Q_new, fresh water per product = Q_new/production; nothing is computed from missing data.",
  ),
  freezeCols: 1,
  orientation: "landscape",
  summary,
  tables: [
    defineTable({
      schema: TBL_WATER,
      columns,
      rows: rowsOf,
      readBack: {
        row: (c) =>
          readRow(c, [
            f("system", "system", "text", "缺少单元/系统 (unit/system missing)"),
            f("basis", "basis"),
            ...same<K>("num", "fresh", "reused", "consumed", "discharged", "leak", "production"),
            f("productUnit", "productUnit"),
          ]),
        store: storeSection("waterBalance"),
      },
      decorate: (b, ctx, g) => decorateVerdict(b, ctx, g, "verdict", "check"),
    }),
  ],
});
