/**
 * 表4-4 方案筛选结果汇总表 Screening result summary (spec WS4-4): three blocks side by side —
 * 可行的无/低费方案 | 初步可行的中/高费方案 | 不可行方案 — each an Excel table, fully computed (nothing
 * is retyped): the register's 状态 (from 表4-2's conclusion and the cost class) decides the block,
 * and the register's hidden 结果键 (状态|n: the option's place among the options of that status,
 * top to bottom) lists them: row n of a block shows the option whose key is "状态|n" (exact MATCH,
 * no array formula, the same in Excel, LibreOffice and WPS).
 *
 * Tables `tblResultLow` (序号 | 方案编号 | 方案名称 | 预计投资 | 预计年效益; row n looks up "状态|n", n = ROW() − the header's row), `tblResultHigh` (the same
 * and 权重排序 — the option's rank on 表4-3, looked up by id) and `tblResultRejected` (序号 | 方案编号 |
 * 方案名称 | 否决理由 — the criteria marked × on 表4-2). 序号 shows n on the rows that list an option. Each block has as many rows as the register (plus spare rows); above
 * it: its title, the number of options of its status and their investment and benefit (COUNTIF /
 * SUMIFS over the register's whole columns), and a warning when the block has fewer rows than
 * options (add rows below the table: its formulas fill in). Options still 待筛选 are counted above
 * the third block.
 */
import { a1, rect } from "../a1";
import { l, type L } from "../i18n";
import { defaultRowCount, defineTable, tableWorksheet, whole, type Column, type Refs, type TableDef, type TableSchema } from "../table";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import type { OptionEntry } from "../case";
import { lookupExact, lookupOrBlank } from "./exact-match";
import { optionRankingRows, optionRankingSchema } from "./option-ranking.worksheet";
import { registerRows, registerStatuses, TBL_OPTIONS } from "./option-register.worksheet";
import { RESULT_BLOCKS, STATUS, TBL_SCREENING } from "./screening-rules";
import { screeningCrosses } from "./screening.worksheet";

const COMMON = {
  seq: l("序号", "No."),
  id: l("方案编号", "Option ID"),
  name: l("方案名称", "Option name"),
};
const MONEY = {
  investment: l("预计投资", "Investment"),
  benefit: l("预计年效益", "Annual benefit"),
};

export const TBL_RESULT_LOW = { name: "tblResultLow", columns: { ...COMMON, ...MONEY } } as const satisfies TableSchema;
export const TBL_RESULT_HIGH = { name: "tblResultHigh", columns: { ...COMMON, ...MONEY, rank: l("权重排序", "Rank (4-3)") } } as const satisfies TableSchema;
export const TBL_RESULT_REJECTED = { name: "tblResultRejected", columns: { ...COMMON, reason: l("否决理由（× 项）", "Reason (× on)") } } as const satisfies TableSchema;

export const RESULT_LABELS = {
  count: l("方案数", "Options"),
  investment: l("投资 万元", "Investment"),
  benefit: l("年效益 万元/a", "Benefit /a"),
  pending: l("待筛选", "To screen"),
  short: l("行数不足：请在表格下方添加行", "Too few rows: add rows below the table"),
};

/** One listed option of a block (undefined = an empty row). */
interface Row {
  o: OptionEntry;
}

/** The options of the register with status `status`, in register order (the sheet's 结果键 order). */
function optionsWith(ctx: BuildContext, status: L): OptionEntry[] {
  const rows = registerRows(ctx);
  const st = registerStatuses(ctx);
  return rows.filter((_o, k) => st[k]!.status === status);
}

/** Rows of every block: as many as the register (case rows + spare; the template's default). */
function blockRowCount(ctx: BuildContext): number {
  return defaultRowCount(ctx, registerRows(ctx).length);
}

/** The columns every block starts with: 序号, the id found by its result key, the name. */
function leading(status: L): Column<Row, string>[] {
  return [
    {
      key: "seq",
      role: "computed",
      width: 5,
      format: FMT.integer,
      formula: (x) => `IF(${x.r("id")}="","",ROW()-ROW(${x.headerCell("seq")}))`,
      value: (r, k) => (r ? k + 1 : null),
    },
    {
      key: "id",
      role: "computed",
      width: 8,
      formula: (x) => `IFERROR(INDEX(${whole(TBL_OPTIONS, "id", x.lang)},MATCH(${x.s(status)}&"|"&(ROW()-ROW(${x.headerCell("seq")})),${whole(TBL_OPTIONS, "resultKey", x.lang)},0))&"","")`,
      value: (r) => (r ? r.o.id : null),
    },
    {
      key: "name",
      role: "lookup",
      width: 16,
      formula: (x) => `IF(${x.r("id")}="","",${lookupOrBlank(lookupExact(whole(TBL_OPTIONS, "name", x.lang), whole(TBL_OPTIONS, "id", x.lang), x.r("id")))})`,
      value: (r) => (r ? (r.o.name ?? "") : null),
    },
  ];
}

/** A money column looked up from the register by id. */
function money(key: "investment" | "benefit"): Column<Row, string> {
  return {
    key,
    role: "lookup",
    band: key === "investment" ? l("万元", "10⁴ CNY") : l("万元/a", "10⁴ CNY/a"),
    format: FMT.money,
    formula: (x: Refs<string>) => `IF(${x.r("id")}="","",${lookupOrBlank(lookupExact(whole(TBL_OPTIONS, key, x.lang), whole(TBL_OPTIONS, "id", x.lang), x.r("id")))})`,
    value: (r) => {
      if (!r) return null;
      return (key === "investment" ? r.o.investment : r.o.annualBenefit) ?? "";
    },
  };
}

function block(status: L, schema: TableSchema<string>, extra: Column<Row, string>[]): TableDef<Row, string> {
  return defineTable<Row, string>({
    schema,
    columns: [...leading(status), ...extra],
    rows: (ctx) => optionsWith(ctx, status).map((o) => ({ o })),
    rowCount: blockRowCount,
  });
}

function tables(ctx: BuildContext): TableDef<Row, string>[] {
  const rankSchema = optionRankingSchema(ctx);
  const ranks = optionRankingRows(ctx);
  return [
    block(STATUS.lowFeasible, TBL_RESULT_LOW, [money("investment"), money("benefit")]),
    block(STATUS.highFeasible, TBL_RESULT_HIGH, [
      money("investment"),
      money("benefit"),
      {
        key: "rank",
        role: "lookup",
        band: l("表4-3", "Table 4-3"),
        format: FMT.integer,
        formula: (x) => `IF(${x.r("id")}="","",${lookupOrBlank(lookupExact(whole(rankSchema, "rank", x.lang), whole(rankSchema, "id", x.lang), x.r("id")))})`,
        value: (r) => {
          if (!r) return null;
          const hit = ranks.find((q) => q.name.toUpperCase() === r.o.id.toUpperCase());
          return hit?.rank ?? "";
        },
      },
    ]),
    block(STATUS.infeasible, TBL_RESULT_REJECTED, [
      {
        key: "reason",
        role: "lookup",
        width: 16,
        formula: (x) => `IF(${x.r("id")}="","",${lookupOrBlank(lookupExact(whole(TBL_SCREENING, "crosses", x.lang), whole(TBL_SCREENING, "id", x.lang), x.r("id")))})`,
        value: (r, _k, c) => (r ? screeningCrosses(c, r.o.id) : null),
      },
    ]),
  ];
}

/** Σ of a register field over the options of `status` (SUMIFS adds the numbers only). */
function sumOf(opts: readonly OptionEntry[], field: "investment" | "annualBenefit"): number {
  let s = 0;
  for (const o of opts) {
    const v = o[field];
    if (typeof v === "number") s += v;
  }
  return s;
}

/** Above each block: its title, count, investment and benefit, and the too-few-rows warning. */
function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const w = (k: keyof typeof TBL_OPTIONS.columns) => whole(TBL_OPTIONS, k, ctx.lang);
  const schemas = [TBL_RESULT_LOW, TBL_RESULT_HIGH, TBL_RESULT_REJECTED] as const;
  let left = 0;
  const n = blockRowCount(ctx);
  RESULT_BLOCKS.forEach((blk, i) => {
    const schema = schemas[i]!;
    const width = Object.keys(schema.columns).length;
    const opts = optionsWith(ctx, blk.status);
    b.label(top, left, t(ctx, blk.title), "total", false);
    b.merge(top, left, top, left + width - 1);
    const status = str(t(ctx, blk.status));
    const items: [L, string, number, string][] = [
      [RESULT_LABELS.count, `COUNTIF(${w("status")},${status})`, opts.length, FMT.integer],
      [RESULT_LABELS.investment, `SUMIFS(${w("investment")},${w("status")},${status})`, sumOf(opts, "investment"), FMT.money],
    ];
    if (i < 2) items.push([RESULT_LABELS.benefit, `SUMIFS(${w("benefit")},${w("status")},${status})`, sumOf(opts, "annualBenefit"), FMT.money]);
    else {
      const pending = registerStatuses(ctx).filter((s) => s.status === STATUS.toScreen).length;
      items.push([RESULT_LABELS.pending, `COUNTIF(${w("status")},${str(t(ctx, STATUS.toScreen))})`, pending, FMT.integer]);
    }
    items.forEach(([label, formula, value, fmt], k) => {
      b.header(top + 1, left + 1 + k, t(ctx, label));
      b.formula(top + 2, left + 1 + k, formula, value, "total", fmt);
    });
    const countCell = a1(top + 2, left + 1);
    b.formula(top + 3, left, `IF(${countCell}>ROWS(${whole(schema as TableSchema<string>, "id", ctx.lang)}),${str(t(ctx, RESULT_LABELS.short))},"")`, opts.length > n ? t(ctx, RESULT_LABELS.short) : "", "computed");
    b.merge(top + 3, left, top + 3, left + width - 1);
    b.conditional(rect(top + 3, left, top + 3, left), `${a1(top + 3, left)}<>""`, "bad");
    left += width + 1;
  });
  return top + 4;
}

export const screeningResultsWorksheet = tableWorksheet({
  key: "WS4-4",
  number: "4-4",
  sheetName: l("方案筛选结果", "Screening results"),
  title: l("方案筛选结果汇总表", "Screening result summary"),
  dependsOn: ["PARAMS", "WS4-1", "WS4-2", "WS4-3"],
  note: l(
    "本表全部由公式生成，无需填写：方案的状态来自表4-2的筛选结论和方案汇总表的费用类别，各栏按方案汇总表中的顺序列出该状态的方案；中/高费方案附表4-3的权重排序，不可行方案附否决理由。",
    "Nothing to type here: an option's status comes from its Table 4-2 conclusion and its cost class in the register; each block lists the options of its status in register order, medium/high-cost ones with their Table 4-3 rank, infeasible ones with the reason.",
  ),
  freezeCols: 0,
  orientation: "landscape",
  summary,
  tables,
});
