/**
 * 审核重点物料平衡 Material balance, input/output table (spec WS3-4, §4).
 *
 * Streams first (frozen header): 序号 | 单元操作 | 方向 (输入/输出, dropdown) | 物流名称 | 数量 | 单位
 * (the original quantity and unit, as measured) | 换算系数 (to the balance's basis unit, from core's
 * unit conversion; blank = 1) | 基准单位 (looked up from the summary) | 数量（基准单位） = 数量 × 系数.
 *
 * Then one summary row per balance: 单元操作 | 基准单位 | ΣIn and ΣOut (SUMPRODUCT over the streams
 * whose unit operation equals the row's — an exact comparison, so a name with * ? ~ or a leading
 * < > = adds only its own streams, which SUMIFS would not) | 差值 = ΣIn − ΣOut | 相对误差 = 差值/ΣIn |
 * 判定 合格/不合格 against CP_BalanceTolerance. An out-of-tolerance row is highlighted. The stream
 * rows find their basis unit with MATCH on the unit operation, wildcards escaped.
 */
import { colLetter, rect } from "../a1";
import { convertQuantity, evaluateBalance } from "../../core";
import type { BalanceEntry } from "../case";
import type { WorksheetDefinition } from "../definition";
import { DIRECTIONS, l } from "../i18n";
import { A, colRange, finishSheet, FMT, headerBlock, rowCount, SheetBuilder, str, t, TABLE_TOP, type BuildContext } from "../layout";
import { literalCriterion } from "./exact-match";

const S = { no: 0, op: 1, dir: 2, stream: 3, qty: 4, unit: 5, factor: 6, basis: 7, basisQty: 8 } as const;
const B = { no: 0, op: 1, basis: 2, tin: 3, tout: 4, gap: 5, err: 6, verdict: 7 } as const;
const LAST = 8;

export const BALANCE_LABELS = {
  pass: l("合格", "Pass"),
  fail: l("不合格", "Fail"),
  summary: l("平衡汇总（按单元操作）", "Balance summary (per unit operation)"),
};

/** Table headers on short lines. */
const STREAM_HEAD = [
  l("序号", "No."),
  l("单元操作", "Unit operation"),
  l("方向", "Direction"),
  l("物流名称", "Stream"),
  l("数量\n（实测）", "Quantity\n(measured)"),
  l("单位", "Unit"),
  l("换算\n系数", "Conversion\nfactor"),
  l("基准\n单位", "Basis\nunit"),
  l("数量\n（基准单位）", "Quantity\n(basis unit)"),
];

const SUMMARY_HEAD = [
  l("序号", "No."),
  l("单元操作", "Unit operation"),
  l("基准\n单位", "Basis\nunit"),
  l("输入合计\nΣIn", "Total in\nΣIn"),
  l("输出合计\nΣOut", "Total out\nΣOut"),
  l("差值\nΣIn−ΣOut", "Gap\nΣIn−ΣOut"),
  l("相对\n误差", "Relative\nerror"),
  l("判定", "Result"),
];

interface StreamRow {
  op: string;
  dir: 0 | 1;
  stream: string;
  qty: number;
  unit: string;
  factor: number;
  basis: string;
  basisQty: number;
}

function streamRows(entries: readonly BalanceEntry[]): StreamRow[] {
  const rows: StreamRow[] = [];
  const factors = new Map<string, number>();
  /** core's conversion factor from `unit` to `basis` (1 for the same unit), one parse per pair */
  const factorOf = (unit: string, basis: string): number => {
    const key = `${unit}\u0000${basis}`;
    let f = factors.get(key);
    if (f === undefined) {
      f = unit.trim() === basis.trim() ? 1 : convertQuantity(1, unit, basis);
      factors.set(key, f);
    }
    return f;
  };
  for (const e of entries) {
    const add = (dir: 0 | 1, list: BalanceEntry["inputs"]) =>
      list.forEach((s) => {
        const factor = factorOf(s.unit, e.basis);
        // the sheet computes 数量 × 换算系数; the cached value is the same product of core's factor
        rows.push({ op: e.unitOperation, dir, stream: s.stream, qty: s.quantity, unit: s.unit, factor, basis: e.basis, basisQty: s.quantity * factor });
      });
    add(0, e.inputs);
    add(1, e.outputs);
  }
  return rows;
}

/** Geometry (0-based rows) of the two tables. */
export function balanceGeometry(ctx: BuildContext) {
  const entries = ctx.auditCase?.materialBalance ?? [];
  const nStreams = entries.reduce((s, e) => s + e.inputs.length + e.outputs.length, 0);
  const streamRowsN = rowCount(ctx, nStreams);
  const firstStream = TABLE_TOP + 1;
  const lastStream = firstStream + streamRowsN - 1;
  const summaryTitle = lastStream + 2;
  const summaryHead = summaryTitle + 1;
  const firstSummary = summaryHead + 1;
  const summaryRowsN = ctx.auditCase === null ? 3 : entries.length + 2;
  const lastSummary = firstSummary + summaryRowsN - 1;
  return { firstStream, lastStream, summaryTitle, summaryHead, firstSummary, lastSummary };
}

export const materialBalanceWorksheet: WorksheetDefinition = {
  key: "WS3-4",
  sheetName: l("物料平衡", "Material balance"),
  title: l("审核重点物料平衡（输入输出）", "Material balance of the audit focus (inputs and outputs)"),
  dependsOn: ["PARAMS", "LISTS"],

  build(ctx) {
    const g = balanceGeometry(ctx);
    const b = new SheetBuilder("WS3-4", ctx.names["WS3-4"], t(ctx, this.title));
    headerBlock(
      b,
      ctx,
      LAST,
      t(ctx, l("各物流换算到所属平衡的基准单位后求和；相对误差 = (ΣIn − ΣOut)/ΣIn，|相对误差| ≤ 允许误差（参数表）为合格。", "Streams are converted to their balance's basis unit and added; relative error = (ΣIn − ΣOut)/ΣIn, pass when |error| ≤ the tolerance (Parameters).")),
    );
    STREAM_HEAD.forEach((h, c) => b.header(TABLE_TOP, c, t(ctx, h)));
    const entries = ctx.auditCase?.materialBalance ?? [];
    const rows = streamRows(entries);
    const dirText = DIRECTIONS.map((d) => t(ctx, d));

    const opsR = colRange(B.op, g.firstSummary, g.lastSummary);
    const basisR = colRange(B.basis, g.firstSummary, g.lastSummary);
    for (let r = g.firstStream; r <= g.lastStream; r++) {
      const s = rows[r - g.firstStream];
      b.formula(r, S.no, `IF(COUNTA(${A(r, S.op)}:${A(r, S.factor)})=0,"",ROW()-${g.firstStream})`, s ? r - g.firstStream + 1 : null, "computed", FMT.integer);
      b.input(r, S.op, s?.op ?? null);
      b.input(r, S.dir, s ? dirText[s.dir]! : null);
      b.input(r, S.stream, s?.stream ?? null);
      b.input(r, S.qty, s?.qty ?? null, FMT.general);
      b.input(r, S.unit, s?.unit ?? null);
      b.input(r, S.factor, s?.factor ?? null, FMT.general);
      b.formula(r, S.basis, `IF(${A(r, S.op)}="","",IFERROR(INDEX(${basisR},MATCH(${literalCriterion(A(r, S.op))},${opsR},0)),""))`, s ? s.basis : null, "lookup");
      b.formula(r, S.basisQty, `IF(${A(r, S.qty)}="","",${A(r, S.qty)}*IF(${A(r, S.factor)}="",1,${A(r, S.factor)}))`, s ? s.basisQty : null, "computed", FMT.general);
    }
    b.listValidation(ctx, rect(g.firstStream, S.dir, g.lastStream, S.dir), "direction");
    b.numberValidation(rect(g.firstStream, S.qty, g.lastStream, S.qty), "decimal", 0, undefined, t(ctx, l("实测数量须 ≥ 0", "A measured quantity must be ≥ 0")));
    b.numberValidation(rect(g.firstStream, S.factor, g.lastStream, S.factor), "decimal", 0, undefined, t(ctx, l("换算系数须 ≥ 0（同单位为 1）", "A conversion factor is ≥ 0 (1 for the same unit)")));

    // ---- summary per balance
    b.label(g.summaryTitle, B.op, t(ctx, BALANCE_LABELS.summary), "label", false);
    SUMMARY_HEAD.forEach((h, c) => b.header(g.summaryHead, c, t(ctx, h)));
    const qR = colRange(S.basisQty, g.firstStream, g.lastStream);
    const oR = colRange(S.op, g.firstStream, g.lastStream);
    const dR = colRange(S.dir, g.firstStream, g.lastStream);
    const tol = ctx.params?.balanceTolerance;
    const pass = t(ctx, BALANCE_LABELS.pass);
    const fail = t(ctx, BALANCE_LABELS.fail);
    const byOp = new Map<string, [number[], number[]]>();
    for (const s of rows) {
      let io = byOp.get(s.op);
      if (!io) byOp.set(s.op, (io = [[], []]));
      io[s.dir].push(s.basisQty);
    }
    for (let r = g.firstSummary; r <= g.lastSummary; r++) {
      const e = entries[r - g.firstSummary];
      const io = e ? byOp.get(e.unitOperation) : undefined;
      const res = e ? evaluateBalance(io?.[0] ?? [], io?.[1] ?? [], tol) : undefined;
      const op = A(r, B.op);
      b.formula(r, B.no, `IF(${op}="","",ROW()-${g.firstSummary})`, e ? r - g.firstSummary + 1 : null, "computed", FMT.integer);
      b.input(r, B.op, e?.unitOperation ?? null);
      b.input(r, B.basis, e?.basis ?? null);
      b.formula(r, B.tin, `IF(${op}="","",SUMPRODUCT((${oR}=${op})*(${dR}=${str(dirText[0]!)}),${qR}))`, res ? res.totalIn : null, "total", FMT.general);
      b.formula(r, B.tout, `IF(${op}="","",SUMPRODUCT((${oR}=${op})*(${dR}=${str(dirText[1]!)}),${qR}))`, res ? res.totalOut : null, "total", FMT.general);
      b.formula(r, B.gap, `IF(${op}="","",${A(r, B.tin)}-${A(r, B.tout)})`, res ? res.gap : null, "computed", FMT.general);
      b.formula(r, B.err, `IF(${op}="","",IF(${A(r, B.tin)}=0,"",${A(r, B.gap)}/${A(r, B.tin)}))`, res ? res.relativeError : null, "computed", FMT.percent);
      b.formula(
        r,
        B.verdict,
        `IF(${A(r, B.err)}="","",IF(ROUND(ABS(${A(r, B.err)}),12)<=CP_BalanceTolerance,${str(pass)},${str(fail)}))`,
        res ? (res.withinTolerance ? pass : fail) : null,
        "computed",
      );
    }
    b.conditional(rect(g.firstSummary, B.op, g.lastSummary, B.verdict), `$${colLetter(B.verdict)}${g.firstSummary + 1}=${str(fail)}`, "bad");
    b.conditional(rect(g.firstSummary, B.verdict, g.lastSummary, B.verdict), `${A(g.firstSummary, B.verdict)}=${str(pass)}`, "good");
    b.minWidth(S.no, 6);
    b.minWidth(S.op, 16);
    b.minWidth(S.dir, 8);
    b.minWidth(S.stream, 22); // stream names of 10 CJK characters on one line
    b.minWidth(S.qty, 10);
    b.minWidth(S.unit, 11); // also the summary's 差值 ΣIn−ΣOut (wide Σ and − glyphs)
    b.minWidth(S.factor, 9);
    b.minWidth(S.basis, 9);
    b.minWidth(S.basisQty, 11);
    return finishSheet(b, ctx, { headerLast: TABLE_TOP, freezeCols: 0, orientation: "landscape" });
  },
};
