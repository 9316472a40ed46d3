/**
 * 逐年现金流量 Per-year cash flows (spec §3.3 "non-constant cash flows"): a support sheet of the
 * economic evaluation (表5-3) for options whose yearly flows F_1..F_n differ (ramp-up, salvage,
 * reinvestment). An option listed here takes N, NPV, IRR and the interpolated IRR from this table;
 * the economics sheet shows 逐年 as its F.
 *
 * Table `tblCashFlows`: 方案编号 (picked from the economics sheet) | 总投资I (looked up) | 第1年 … 第n年
 * (input, n = the evaluation horizon when the workbook was built; a blank year is a zero flow,
 * E06) | 投资偿还期N (the first year the cumulative net cash flow reaches 0, interpolated) |
 * 净现值NPV = Σ F_j/(1+i)^j − I | 内部收益率IRR (native IRR over −I, F_1..F_n from 10 %, then from
 * the start value) | 内插IRR | 注 (several sign changes: several IRRs may exist, E03) | 检查 ‖
 * hidden helpers: the series −I, F_1..F_n as numbers (序列), the cumulative flow (累计), the
 * payback carry (回收) and the IRR's start value.
 */
import { IRR_INTERPOLATION_STEP, round9, type EconomicsResult } from "../../core";
import type { EconomicsEntry } from "../case";
import type { WorksheetDefinition } from "../definition";
import { l, type L } from "../i18n";
import { FMT, t, type BuildContext } from "../layout";
import { layoutTableSheet, whole, type Column, type Refs, type TableDef, type TableSchema } from "../table";
import type { CaseDraft, CellReader, TableReader } from "../read-back";
import { ECON_LABELS, IRR_FIRST_GUESS, evaluateCaseEconomics, irrGuessOf, signChanges } from "./economics-eval";
import { CASHFLOW_RESULT_COLUMNS, ECONOMICS_IDS_NAME, TBL_CASHFLOWS_NAME, TBL_ECONOMICS } from "./economics.worksheet";
import { literalCriterion, lookupExact, lookupOrBlank } from "./exact-match";

/** Years laid out: the case's horizon when an option has per-year flows, else n, else 10. */
export function cashFlowYears(ctx: BuildContext): number {
  return ctx.params?.evaluationYears ?? 10;
}

interface Row {
  e: EconomicsEntry;
  res: EconomicsResult;
}

function rows(ctx: BuildContext): Row[] {
  const entries = ctx.auditCase?.economics ?? [];
  const results = evaluateCaseEconomics(ctx);
  return entries.flatMap((e, k) => (e.cashFlows ? [{ e, res: results[k]! }] : []));
}

/** The table's schema for `n` years (column keys y1.., s0.., c0.., p1..). */
export function cashFlowSchema(n: number): TableSchema {
  const columns: Record<string, L> = {
    id: CASHFLOW_RESULT_COLUMNS.id,
    investment: l("总投资I", "Investment I"),
  };
  for (let j = 1; j <= n; j++) columns[`y${j}`] = l(`第${j}年`, `Year ${j}`);
  columns.payback = CASHFLOW_RESULT_COLUMNS.payback;
  columns.npv = CASHFLOW_RESULT_COLUMNS.npv;
  columns.irr = CASHFLOW_RESULT_COLUMNS.irr;
  columns.irrInterp = CASHFLOW_RESULT_COLUMNS.irrInterp;
  columns.note = l("注", "Note");
  columns.check = l("检查", "Check");
  for (let j = 0; j <= n; j++) columns[`s${j}`] = l(`序列${j}`, `Series ${j}`);
  for (let j = 0; j <= n; j++) columns[`c${j}`] = l(`累计${j}`, `Cumulative ${j}`);
  for (let j = 1; j <= n; j++) columns[`p${j}`] = l(`回收${j}`, `Payback carry ${j}`);
  columns.irrGuess = l("IRR初值", "IRR start value");
  return { name: TBL_CASHFLOWS_NAME, columns };
}

function columnsFor(ctx: BuildContext, n: number): Column<Row, string>[] {
  const cols: Column<Row, string>[] = [];
  const econIds = whole(TBL_ECONOMICS, "id", ctx.lang);
  const econI = whole(TBL_ECONOMICS, "investment", ctx.lang);
  const bad = (x: Refs<string>) => `${x.r("check")}<>""`;
  const blank = (x: Refs<string>) => `${x.r("id")}=""`;
  const years = (x: Refs<string>, from: string, first: string) => `(COLUMN(${from})-COLUMN(${first}))`;
  const flows = (x: Refs<string>) => x.span("s1", `s${n}`);
  const series = (x: Refs<string>) => x.span("s0", `s${n}`);
  const pvAt = (x: Refs<string>, rate: string) => `SUMPRODUCT(${flows(x)}/(1+${rate})^(${years(x, flows(x), x.r("s0"))}))`;
  cols.push({ key: "id", role: "input", format: FMT.text, width: 8, validation: { listName: ECONOMICS_IDS_NAME, error: l("请从经济评估表的方案编号中选择", "Choose an option ID of the economics sheet") }, value: (r) => r?.e.optionId });
  cols.push({
    key: "investment",
    role: "lookup",
    band: l("万元", "10⁴ CNY"),
    format: FMT.money,
    formula: (x) => {
      return `IF(${x.r("id")}="","",${lookupOrBlank(lookupExact(econI, econIds, x.r("id")))})`;
    },
    value: (r) => (r ? r.e.investment : null),
  });
  for (let j = 1; j <= n; j++) {
    cols.push({
      key: `y${j}`,
      role: "input",
      band: j === 1 ? l("万元/a", "10⁴ CNY/a") : undefined,
      format: FMT.money,
      validation: { number: { error: l("现金流量须为数值（万元/a）", "A cash flow is a number (10⁴ CNY/a)") } },
      value: (r) => (r ? (r.e.cashFlows![j - 1] ?? undefined) : undefined),
    });
  }
  const noIrr = (x: Refs<string>) => x.s(ECON_LABELS.noIrr);
  cols.push({
    key: "payback",
    role: "computed",
    band: l("年", "years"),
    format: FMT.years,
    formula: (x) => `IF(OR(${blank(x)},${bad(x)}),"",IF(ISNUMBER(${x.r(`p${n}`)}),${x.r(`p${n}`)},${x.s(ECON_LABELS.notRecovered)}))`,
    value: (r, _k, c) => (r ? (r.res.paybackYears ?? t(c, ECON_LABELS.notRecovered)) : null),
  });
  cols.push({
    key: "npv",
    role: "computed",
    band: l("万元", "10⁴ CNY"),
    format: FMT.money,
    formula: (x) => `IF(${blank(x)},"",IF(NOT(ISNUMBER(CP_DiscountRate)),${x.s(ECON_LABELS.missingRate)},IF(${bad(x)},"",${pvAt(x, "CP_DiscountRate")}-${x.r("investment")})))`,
    value: (r) => (r ? r.res.npv : null),
  });
  cols.push({
    key: "irr",
    role: "computed",
    format: FMT.percent,
    formula: (x) => {
      const s = series(x);
      const tryIrr = (guess: string, otherwise: string) => `IFERROR(IF(IRR(${s},${guess})>-1,IRR(${s},${guess}),NA()),${otherwise})`;
      return `IF(OR(${blank(x)},${bad(x)}),"",${tryIrr(String(IRR_FIRST_GUESS), tryIrr(x.r("irrGuess"), noIrr(x)))})`;
    },
    value: (r, _k, c) => (r ? (r.res.irr ?? t(c, ECON_LABELS.noIrr)) : null),
  });
  cols.push({
    key: "irrInterp",
    role: "computed",
    band: l("1 % 步长内插", "1 % grid"),
    format: FMT.percent,
    formula: (x) => {
      const irr = x.r("irr");
      const h = IRR_INTERPOLATION_STEP;
      const k1 = `INT(${irr}/${h})`;
      const I = x.r("investment");
      return `IF(OR(${blank(x)},${bad(x)}),"",IF(ISNUMBER(${irr}),IFERROR(${k1}*${h}+(${pvAt(x, `${k1}*${h}`)}-${I})*${h}/(${pvAt(x, `${k1}*${h}`)}-${pvAt(x, `(${k1}+1)*${h}`)}),${noIrr(x)}),${noIrr(x)}))`;
    },
    value: (r, _k, c) => (r ? (r.res.irrInterpolated ?? t(c, ECON_LABELS.noIrr)) : null),
  });
  cols.push({
    key: "note",
    role: "computed",
    width: 16,
    formula: (x) => {
      const s = series(x);
      const yr = years(x, s, x.r("s0"));
      return `IF(OR(${blank(x)},${bad(x)}),"",IF(SUMPRODUCT((${s}>0)*(${yr}<SUMPRODUCT(MAX((${s}<0)*${yr}))))>0,${x.s(ECON_LABELS.multipleIrr)},""))`;
    },
    value: (r, _k, c) => (r ? (signChanges([-r.res.investment, ...r.res.flows]) > 1 ? t(c, ECON_LABELS.multipleIrr) : "") : null),
  });
  cols.push({
    key: "check",
    role: "computed",
    width: 12,
    formula: (x) => {
      const ys = x.span("y1", `y${n}`);
      return (
        `IF(${blank(x)},"",IF(ISNA(MATCH(${literalCriterion(x.r("id"))},${econIds},0)),${x.s(ECON_LABELS.notInEconomics)},` +
        `IF(NOT(ISNUMBER(${x.r("investment")})),${x.s(ECON_LABELS.missingI)},IF(COUNTA(${ys})>COUNT(${ys}),${x.s(ECON_LABELS.flowsNaN)},IF(COUNT(${ys})=0,${x.s(ECON_LABELS.missingFlows)},"")))))`
      );
    },
    value: (r) => (r ? "" : null),
  });
  // hidden helpers: the series as numbers, the cumulative flow, the payback carry
  for (let j = 0; j <= n; j++) {
    cols.push({
      key: `s${j}`,
      role: "computed",
      hidden: true,
      format: FMT.money,
      formula: (x) => `IF(${blank(x)},"",${j === 0 ? `IF(ISNUMBER(${x.r("investment")}),-${x.r("investment")},0)` : `N(${x.r(`y${j}`)})`})`,
      value: (r) => (r ? (j === 0 ? -r.res.investment : r.res.flows[j - 1]!) : null),
    });
  }
  for (let j = 0; j <= n; j++) {
    cols.push({
      key: `c${j}`,
      role: "computed",
      hidden: true,
      format: FMT.money,
      formula: (x) => `IF(${blank(x)},"",${j === 0 ? x.r("s0") : `${x.r(`c${j - 1}`)}+${x.r(`s${j}`)}`})`,
      value: (r) => {
        if (!r) return null;
        let cum = -r.res.investment;
        for (let i = 1; i <= j; i++) cum += r.res.flows[i - 1]!;
        return cum;
      },
    });
  }
  for (let j = 1; j <= n; j++) {
    cols.push({
      key: `p${j}`,
      role: "computed",
      hidden: true,
      format: FMT.years,
      formula: (x) => {
        // reached when the cumulative flow is 0 to 9 decimals: the binary sum of ten 0.1 against 1 is
        // −1.1e−16, which must count as recovered (core sums the decimals exactly)
        const here = `IF(ROUND(${x.r(`c${j}`)},9)>=0,${j - 1}+(-${x.r(`c${j - 1}`)})/${x.r(`s${j}`)},"")`;
        return `IF(OR(${blank(x)},${bad(x)}),"",${j === 1 ? here : `IF(ISNUMBER(${x.r(`p${j - 1}`)}),${x.r(`p${j - 1}`)},${here})`})`;
      },
      value: (r) => {
        // the first year the cumulative flow reaches 0, carried to the later years
        if (!r) return null;
        const inv = r.res.investment;
        const flows = r.res.flows;
        let cum = -inv;
        for (let i = 1; i <= j; i++) {
          const prev = cum;
          const f = flows[i - 1] ?? 0;
          cum += f;
          if (round9(cum) >= 0) return i - 1 + -prev / f;
        }
        return null;
      },
    });
  }
  cols.push({
    key: "irrGuess",
    role: "computed",
    hidden: true,
    format: FMT.general,
    formula: (x) => {
      const s = series(x);
      const yr = years(x, s, x.r("s0"));
      const pos = `SUMIF(${s},">0")`;
      const neg = `SUMIF(${s},"<0")`;
      return `IF(${blank(x)},"",IFERROR((${pos}/-${neg})^(1/(SUMPRODUCT((${s}>0)*${s},${yr})/${pos}-SUMPRODUCT((${s}<0)*${s},${yr})/${neg}))-1,""))`;
    },
    value: (r) => (r ? irrGuessOf(r.res, true) : null),
  });
  return cols;
}

export const cashFlowsWorksheet: WorksheetDefinition = {
  key: "CASHFLOWS",
  sheetName: l("逐年现金流量", "Cash flows"),
  title: l("逐年现金流量（经济评估附表）", "Per-year cash flows (economic evaluation)"),
  dependsOn: ["PARAMS", "LISTS", "WS5-3"],
  build(ctx) {
    const n = cashFlowYears(ctx);
    return layoutTableSheet(
      {
        key: "CASHFLOWS",
        sheetName: this.sheetName,
        title: this.title,
        dependsOn: this.dependsOn,
        note: l(
          `逐年现金流量不相等的方案在此填写第 1–${n} 年的 F_j（空白年份按 0 计）；经济评估表的 N、NPV、IRR 取自本表。NPV = Σ F_j/(1+i)^j − I；投资偿还期为累计净现金流量首次 ≥ 0 的年份（内插）。`,
          `Options whose yearly flows differ: enter F_j for years 1–${n} here (a blank year counts as 0); the economics sheet takes N, NPV and IRR from this table. NPV = Σ F_j/(1+i)^j − I; payback = the first year the cumulative flow reaches 0 (interpolated).`,
        ),
        freezeCols: 1,
        orientation: "landscape",
        tables: [cashFlowTable(ctx)],
      },
      ctx,
    );
  },
  tables: (ctx) => [cashFlowTable(ctx)],
};

/** The per-year table of this workbook (its year columns: the horizon n). */
function cashFlowTable(ctx: BuildContext): TableDef<Row, string> {
  const n = cashFlowYears(ctx);
  return {
    schema: cashFlowSchema(n),
    columns: columnsFor(ctx, n),
    rows,
    rowCount: (c) => (c.auditCase === null ? 4 : rows(c).length + 2),
    readBack: { row: readCashFlowRow, store: storeCashFlows },
  };
}

/** The year j of a year column's header (第3年 / Year 3), or undefined for another column. */
function yearOf(header: string): number | undefined {
  const m = /^(?:第\s*(\d+)\s*年|Year\s+(\d+))$/i.exec(header.trim());
  return m ? Number(m[1] ?? m[2]) : undefined;
}

/**
 * Read-back of a per-year row (issue 13): the id and F_j of every year column present (found by
 * header, so a horizon longer than the reader's default is read too), up to the last year filled; a
 * blank year before it is 0, as the sheet counts it.
 */
function readCashFlowRow(c: CellReader<string>): { optionId: string; cashFlows: number[] } | undefined {
  const years = c
    .headers()
    .map((h) => ({ h, j: yearOf(h) }))
    .filter((x): x is { h: string; j: number } => x.j !== undefined)
    .sort((a, b) => a.j - b.j);
  const flows: number[] = [];
  for (const { h, j } of years) {
    const v = c.numByHeader(h);
    if (v !== undefined) flows[j - 1] = v;
  }
  const id = c.text("id");
  if (flows.length === 0) return undefined;
  if (id === undefined) c.problem("id", "optionId: 此行缺少方案编号 / this row has no option ID");
  return { optionId: id ?? "", cashFlows: Array.from(flows, (v) => v ?? 0) };
}

/** Puts each row's flows on the economics entry of its id (an id not on the economics sheet is reported). */
function storeCashFlows(draft: CaseDraft, rows: unknown[], table: TableReader<string>): void {
  const econ = Array.isArray(draft.economics) ? (draft.economics as Record<string, unknown>[]) : [];
  for (const r of rows as { optionId: string; cashFlows: number[] }[]) {
    const e = econ.find((x) => typeof x.optionId === "string" && x.optionId.toUpperCase() === r.optionId.toUpperCase());
    if (!e) table.problem(`${r.optionId}: 不在经济评估表中 / not on the economics sheet`);
    else e.cashFlows = r.cashFlows;
  }
}
