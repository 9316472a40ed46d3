/**
 * 表3-3 实测准备/实测计划及数据表 Measurement plan and readings (spec WS3-3, §4.2; issue 10 part C).
 *
 * Table `tblMeasurements`, one row per measurement point: 监测点 | 所属单元操作 (dropdown of
 * `CP_UnitOperations`, WS3-2) | 物流名称 | 监测项目 | 方法/仪表 | 频次 | 时间/班次 | 负责人 | 生产方式
 * (间歇/连续) | 实测时长 (h) | 周期1 … 周期k (k = {@link MEASUREMENT_CYCLES} reading columns; blank
 * cycles are ignored) | 单位 | 均值 = AVERAGE of the numeric readings ("" when there is none or a
 * reading is a text) | 周期数 = COUNT of the numeric readings | 检查.
 *
 * The spec §4.2 rule: a batch process (间歇) is followed over at least 3 complete cycles, a
 * continuous one (连续) over at least 72 h of measurement; 检查 names what is missing or short
 * (缺少测量值, 测量值不是数值, 周期数不足3个, 实测不足72 h, 缺少实测时长, …).
 *
 * The means feed the balance: a stream of tblStreams (WS3-4) that names a point takes the point's
 * mean and unit (looked up by the point's exact name, `CP_MeasurementPoints` is its dropdown).
 * Above the table: the number of points and of flagged points.
 */
import { readingsMean, type MeasurementEntry } from "../case";
import { MEASUREMENT_CYCLES } from "../case-schema";
import { canonicalItem, itemText, l, PROCESS_MODES, type L } from "../i18n";
import { FMT, t, type BuildContext, type SheetBuilder } from "../layout";
import { defineTable, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { countSummary, decorateCheck } from "./balance-columns";
import { countEqual } from "./exact-match";
import { chain } from "./formula";
import type { CellReader } from "../read-back";
import { f, readField, readRow } from "./read-back-fields";
import { storeSection } from "./read-kit";
import { TBL_UNIT_OPS, PICK_UNIT_OPERATION, unitOperationsOf } from "./unit-operations.worksheet";

export { MEASUREMENT_CYCLES };

/** Reading column key of cycle `i` (0-based). */
const ck = (i: number) => `c${i + 1}` as CycleKey;
type CycleKey = `c${1 | 2 | 3 | 4 | 5 | 6}`;

const cycleColumns = Object.fromEntries(Array.from({ length: MEASUREMENT_CYCLES }, (_x, i) => [ck(i), l(`周期${i + 1}`, `Cycle ${i + 1}`)])) as Record<CycleKey, L>;

export const TBL_MEASUREMENTS = {
  name: "tblMeasurements",
  columns: {
    point: l("监测点", "Point"),
    op: l("所属单元操作", "Unit op."),
    stream: l("物流名称", "Stream"),
    item: l("监测项目", "Item"),
    method: l("方法/仪表", "Method"),
    frequency: l("频次", "Frequency"),
    time: l("时间/班次", "Shift"),
    person: l("负责人", "Person"),
    mode: l("生产方式", "Process"),
    hours: l("实测时长", "Duration"),
    ...cycleColumns,
    unit: l("单位", "Unit"),
    mean: l("均值", "Mean"),
    n: l("周期数", "Cycles"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_MEASUREMENTS.columns;

/** Defined name of the measurement points (the streams' dropdown). */
export const MEASUREMENT_POINTS_NAME = "CP_MeasurementPoints";

/** Minimum cycles of a batch process and hours of a continuous one (spec §4.2). */
export const MIN_BATCH_CYCLES = 3;
export const MIN_CONTINUOUS_HOURS = 72;

export const MEASUREMENT_LABELS = {
  noPoint: l("缺少监测点", "Point missing"),
  duplicate: l("监测点重复", "Duplicate point"),
  orphanOp: l("单元操作不在单元操作表中", "Unit operation not in the list"),
  readingNaN: l("测量值不是数值", "A reading is not a number"),
  noReading: l("缺少测量值", "No reading"),
  noUnit: l("缺少单位", "Unit missing"),
  noMode: l("缺少生产方式", "Process missing"),
  badMode: l("生产方式应为间歇或连续", "Process must be Batch or Continuous"),
  fewCycles: l("周期数不足3个", "Fewer than 3 cycles"),
  noHours: l("缺少实测时长", "Duration missing"),
  hoursNaN: l("实测时长不是数值", "Duration is not a number"),
  shortHours: l("实测不足72 h", "Less than 72 h measured"),
  points: l("监测点数", "Measurement points"),
  flagged: l("需检查的监测点（见检查列）", "Points to check (see Check)"),
};
type Flag = keyof typeof MEASUREMENT_LABELS;

/** A point as the sheet evaluates it. */
export interface MeasurementRow {
  e: MeasurementEntry;
  mean: number | null;
  n: number;
  check: Flag | null;
}

const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** The case's measurement points with mean, cycle count and flag, as the formulas give them. */
export function measurementRows(ctx: BuildContext, unitOps: readonly string[]): MeasurementRow[] {
  const list = ctx.auditCase?.measurements ?? [];
  return list.map((e) => {
    const xs = e.readings.filter((x): x is number => typeof x === "number");
    const n = xs.length;
    const mean = readingsMean(e.readings);
    const mode = e.mode === undefined ? undefined : canonicalItem(PROCESS_MODES, e.mode);
    let check: Flag | null = null;
    if (e.point === "") check = "noPoint";
    else if (list.filter((x) => same(x.point, e.point)).length > 1) check = "duplicate";
    else if (e.unitOperation !== undefined && e.unitOperation !== "" && !unitOps.some((u) => same(u, e.unitOperation!))) check = "orphanOp";
    else if (n === 0) check = "noReading";
    else if (e.unit === undefined || e.unit === "") check = "noUnit";
    else if (e.mode === undefined || e.mode === "") check = "noMode";
    else if (mode === undefined) check = "badMode";
    else if (mode === "间歇" && n < MIN_BATCH_CYCLES) check = "fewCycles";
    else if (mode === "连续" && e.durationHours === undefined) check = "noHours";
    else if (mode === "连续" && e.durationHours! < MIN_CONTINUOUS_HOURS) check = "shortHours";
    return { e, mean, n, check };
  });
}

/** This row's readings. */
const readings = (x: Refs<K>) => x.span(ck(0), ck(MEASUREMENT_CYCLES - 1));
/** The row is empty (nothing typed from 监测点 to 单位). */
const emptyRow = (x: Refs<K>) => `COUNTA(${x.span("point", "unit")})=0`;

function columns(): Column<MeasurementRow, K>[] {
  const text = (key: K, width: number, value: (e: MeasurementEntry) => string | undefined): Column<MeasurementRow, K> => ({
    key,
    role: "input",
    width,
    value: (r) => (r ? value(r.e) : undefined),
  });
  const M = MEASUREMENT_LABELS;
  return [
    {
      key: "point",
      role: "input",
      band: l("唯一名称", "unique name"),
      width: 10,
      value: (r) => r?.e.point,
    },
    {
      key: "op",
      role: "input",
      band: l("从单元操作表选择", "from the unit operations"),
      width: 12,
      validation: PICK_UNIT_OPERATION,
      value: (r) => r?.e.unitOperation,
    },
    text("stream", 10, (e) => e.stream),
    text("item", 8, (e) => e.item),
    text("method", 8, (e) => e.method),
    text("frequency", 6, (e) => e.frequency),
    text("time", 7, (e) => e.time),
    text("person", 7, (e) => e.responsible),
    {
      key: "mode",
      role: "input",
      band: l("间歇/连续", "batch/cont."),
      width: 6,
      validation: { list: "processMode" },
      value: (r, _k, ctx) => (r && r.e.mode !== undefined ? itemText(ctx.lang, PROCESS_MODES, r.e.mode) : undefined),
    },
    {
      key: "hours",
      role: "input",
      band: l("h（连续）", "h (cont.)"),
      format: FMT.general,
      validation: {
        number: {
          min: 0,
          error: l("实测时长为 ≥ 0 的小时数", "A duration is a number of hours ≥ 0"),
        },
      },
      value: (r) => r?.e.durationHours,
    },
    ...Array.from({ length: MEASUREMENT_CYCLES }, (_x, i): Column<MeasurementRow, K> => ({
      key: ck(i),
      role: "input",
      band: i === 0 ? l("测量值", "readings") : undefined,
      format: FMT.general,
      value: (r) => (r ? r.e.readings[i] : undefined),
    })),
    text("unit", 6, (e) => e.unit),
    {
      key: "mean",
      role: "computed",
      band: l("AVERAGE", "AVERAGE"),
      format: FMT.general,
      style: "total",
      formula: (x) => `IF(COUNT(${readings(x)})=0,"",IF(COUNTA(${readings(x)})>COUNT(${readings(x)}),"",AVERAGE(${readings(x)})))`,
      value: (r) => (r ? r.mean : null),
    },
    {
      key: "n",
      role: "computed",
      format: FMT.integer,
      formula: (x) => `IF(${emptyRow(x)},"",COUNT(${readings(x)}))`,
      value: (r) => (r ? r.n : null),
    },
    {
      key: "check",
      role: "computed",
      width: 12,
      formula: (x) => {
        const mode = x.r("mode");
        const hours = x.r("hours");
        const [batch, cont] = PROCESS_MODES.map((m) => x.s(m));
        return chain(
          [
            [emptyRow(x), `""`],
            [`${x.r("point")}=""`, x.s(M.noPoint)],
            [`${countEqual(x.all("point"), x.r("point"))}>1`, x.s(M.duplicate)],
            [`AND(${x.r("op")}<>"",${countEqual(whole(TBL_UNIT_OPS, "name", x.lang), x.r("op"))}=0)`, x.s(M.orphanOp)],
            [`COUNTA(${readings(x)})>COUNT(${readings(x)})`, x.s(M.readingNaN)],
            [`COUNT(${readings(x)})=0`, x.s(M.noReading)],
            [`${x.r("unit")}=""`, x.s(M.noUnit)],
            [`${mode}=""`, x.s(M.noMode)],
            [`AND(${mode}<>${batch},${mode}<>${cont})`, x.s(M.badMode)],
            [`AND(${mode}=${batch},COUNT(${readings(x)})<${MIN_BATCH_CYCLES})`, x.s(M.fewCycles)],
            [`AND(${mode}=${cont},${hours}="")`, x.s(M.noHours)],
            [`AND(${mode}=${cont},NOT(ISNUMBER(${hours})))`, x.s(M.hoursNaN)],
            [`AND(${mode}=${cont},${hours}<${MIN_CONTINUOUS_HOURS})`, x.s(M.shortHours)],
          ],
          `""`,
        );
      },
      value: (r, _k, ctx) => (r?.check ? t(ctx, M[r.check]) : null),
    },
  ];
}

function summary(b: SheetBuilder, ctx: BuildContext, top: number, rows: readonly MeasurementRow[]): number {
  const w = (k: K) => whole(TBL_MEASUREMENTS, k, ctx.lang);
  return countSummary(
    b,
    ctx,
    top,
    [
      [MEASUREMENT_LABELS.points, `SUMPRODUCT(--(${w("point")}<>""))`, rows.filter((r) => r.e.point !== "").length, null],
      [MEASUREMENT_LABELS.flagged, `SUMPRODUCT(--(${w("check")}<>""))`, rows.filter((r) => r.check !== null).length, "warn"],
    ],
    0,
    2,
  );
}

/**
 * One point back into the case (生产方式 as its zh-CN item): `readings` from 周期1…k, a blank cycle
 * between readings as null, trailing blank cycles dropped ([] when there is none: the field is
 * required).
 */
function measurementReadRow(c: CellReader<K>): unknown {
  const row = readRow(c, [
    f("point", "point", "text", "缺少监测点 (point missing)"),
    f("unitOperation", "op"),
    f("stream", "stream"),
    f("item", "item"),
    f("method", "method"),
    f("frequency", "frequency"),
    f("time", "time"),
    f("responsible", "person"),
    f("mode", "mode", PROCESS_MODES),
    f("durationHours", "hours", "num"),
  ]);
  const readings = Array.from({ length: MEASUREMENT_CYCLES }, (_x, i) => readField(c, ck(i), "num") as number | undefined);
  while (readings.length > 0 && readings[readings.length - 1] === undefined) readings.pop();
  const unit = readField(c, "unit", "text");
  if (!row && readings.length === 0 && unit === undefined) return undefined;
  if (!row) c.problem("point", "缺少监测点 (point missing)");
  return { ...row, readings: readings.map((x) => x ?? null), ...(unit !== undefined ? { unit } : {}) };
}

/** Names of the unit operations the sheet's lookups see (WS3-2's rows). */
const unitOps = (ctx: BuildContext) => unitOperationsOf(ctx.auditCase).map((u) => u.name);

/** The case's points as the sheet evaluates them (cached per context). */
const cache = new WeakMap<BuildContext, MeasurementRow[]>();
export function measurementsOf(ctx: BuildContext): MeasurementRow[] {
  let rows = cache.get(ctx);
  if (!rows) cache.set(ctx, (rows = measurementRows(ctx, unitOps(ctx))));
  return rows;
}

export const measurementsWorksheet = tableWorksheet({
  key: "WS3-3",
  number: "3-3",
  sheetName: l("实测计划及数据", "Measurements"),
  title: l("实测准备/实测计划及数据表", "Measurement plan and readings"),
  dependsOn: ["PARAMS", "LISTS", "WS3-2"],
  note: l(
    `每个监测点一行，所属单元操作从单元操作表选择；各周期测量值填入周期1–${MEASUREMENT_CYCLES}（空白周期不计）。均值 = 各周期测量值的平均值，周期数 = 有测量值的周期数。间歇生产至少跟踪3个完整周期，连续生产至少连续实测72 h（检查列标出不足）。物料平衡表中的物流选择监测点后，其数量即为该监测点的均值。`,
    `One measurement point per row, its unit operation picked from the unit-operation list; readings per cycle in Cycle 1–${MEASUREMENT_CYCLES} (blank cycles are ignored). Mean = average of the readings, Cycles = number of readings. A batch process is followed over at least 3 complete cycles, a continuous one over at least 72 h (Check flags a shortfall). A stream of the material balance that names a point takes the point's mean as its quantity.`,
  ),
  freezeCols: 1,
  orientation: "landscape",
  summary: (b, ctx, top) => summary(b, ctx, top, measurementsOf(ctx)),
  tables: [
    defineTable({
      schema: TBL_MEASUREMENTS,
      columns: columns(),
      rows: measurementsOf,
      readBack: { row: measurementReadRow, store: storeSection("measurements") },
      decorate: (b, _ctx, g) => decorateCheck(b, g, "check"),
    }),
  ],
  names: (ctx) => [
    {
      name: MEASUREMENT_POINTS_NAME,
      formula: whole(TBL_MEASUREMENTS, "point", ctx.lang),
    },
  ],
});
