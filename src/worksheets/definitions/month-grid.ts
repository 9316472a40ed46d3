/**
 * A 12-month bar chart drawn in table columns (a Gantt chart without a chart object): columns
 * 1 … 12 are the months from the month of the earliest start of the table's `start` column on;
 * a cell shows ■ when its month overlaps the row's period (start before the month's end and end on
 * or after its first day), and a conditional format fills it. The band row above the month columns
 * shows each one's calendar month. Used by 表6-1 (implementation schedule); the same rule as the
 * work plan's bars of 表1-2 (team-plan.worksheet.ts).
 *
 * A period that goes on after the 12th month (a plan spanning more than the 12 months shown) ends in ▶
 * in the 12th column instead of ■, so the bar does not look as if it stopped there.
 *
 * Blank or non-date start/end → the row's month cells are "" (never a bar from a missing date).
 */
import { colLetter } from "../a1";
import { l, type L } from "../i18n";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import type { Column, TableGeometry } from "../table";
import { monthStart } from "./phase13-common";

export const MONTH_KEYS = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12"] as const;
export type MonthKey = (typeof MONTH_KEYS)[number];

/**
 * The month columns' names 1 … 12 (the month of the schedule; the band row above shows the calendar
 * month): two characters at most, so that a narrow month column shows its name on one line.
 */
export const MONTH_COLUMNS = Object.fromEntries(MONTH_KEYS.map((k, i) => [k, l(`${i + 1}`, `${i + 1}`)])) as Record<MonthKey, L>;

/** The bar character. */
export const BAR = l("■", "■");

/** The 12th month's mark of a period that continues after the grid's last month. */
export const BAR_CONTINUES = l("▶", "▶");

/**
 * Width of a month cell (characters): one ■ or a month number (1–12); 3.3 so that a bold two-digit
 * header name (10, 11, 12) stays on one line in LibreOffice and Excel.
 */
const MONTH_WIDTH = 3.3;

/** First day of month `k` (0-based) of the grid: DATE(YEAR(MIN(starts)),MONTH(MIN(starts))+k,1). */
export function monthStartFormula(allStarts: string, k: number): string {
  return `DATE(YEAR(MIN(${allStarts})),MONTH(MIN(${allStarts}))+${k},1)`;
}

/** Serial of the first day of month `k` of the grid whose earliest start is `first` (undefined: no start). */
export function gridMonth(first: number | undefined, k: number): number | undefined {
  return first === undefined ? undefined : monthStart(first, k);
}

/**
 * The month columns: `period(row)` gives the row's start and end serials (undefined when blank),
 * `first(ctx)` the earliest start of the table (undefined when none).
 */
export function monthColumns<R, K extends string>(
  start: K,
  end: K,
  period: (r: R | undefined) => { start?: number; end?: number },
  first: (ctx: BuildContext) => number | undefined,
): Column<R, K | MonthKey>[] {
  return MONTH_KEYS.map((key, k) => ({
    key,
    role: "computed" as const,
    formula: (x) => {
      const s = x.r(start);
      const e = x.r(end);
      const all = x.all(start);
      const next = monthStartFormula(all, k + 1);
      // the last column: ▶ when the period goes on after it
      const bar = k === MONTH_KEYS.length - 1 ? `IF(${e}>=${next},${x.s(BAR_CONTINUES)},${x.s(BAR)})` : x.s(BAR);
      return `IF(OR(NOT(ISNUMBER(${s})),NOT(ISNUMBER(${e}))),"",IF(AND(${s}<${next},${e}>=${monthStartFormula(all, k)}),${bar},""))`;
    },
    value: (r: R | undefined, _k: number, ctx: BuildContext) => {
      const p = period(r);
      const m = gridMonth(first(ctx), k);
      if (p.start === undefined || p.end === undefined || m === undefined) return null;
      if (!(p.start < monthStart(m, 1) && p.end >= m)) return null;
      return k === MONTH_KEYS.length - 1 && p.end >= monthStart(m, 1) ? t(ctx, BAR_CONTINUES) : t(ctx, BAR);
    },
  }));
}

/** Calendar month (1–12) of a serial date. */
function monthOfSerial(s: number): number {
  return new Date(Date.UTC(1899, 11, 30) + s * 86_400_000).getUTCMonth() + 1;
}

/**
 * The band row's calendar months over the month columns, their narrow widths and the bar fill
 * (conditional format on ■). `allStarts` is the whole start column (structured reference).
 */
export function decorateMonthGrid<K extends string>(b: SheetBuilder, ctx: BuildContext, g: TableGeometry<K | MonthKey>, allStarts: string, first: number | undefined): void {
  const band = g.headerRow - 1;
  MONTH_KEYS.forEach((k, i) => {
    const m = gridMonth(first, i);
    b.formula(band, g.col[k], `IF(COUNT(${allStarts})=0,"",MONTH(${monthStartFormula(allStarts, i)}))`, m === undefined ? null : monthOfSerial(m), "computed", FMT.integer);
    b.fixWidth(g.col[k], MONTH_WIDTH);
  });
  const cell = `${colLetter(g.col.m1)}${g.firstRow + 1}`;
  b.conditional({ top: g.firstRow, left: g.col.m1, bottom: g.lastRow, right: g.col.m12 }, `OR(${cell}=${str(t(ctx, BAR))},${cell}=${str(t(ctx, BAR_CONTINUES))})`, "highlight");
}
