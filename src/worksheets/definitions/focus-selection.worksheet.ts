/**
 * 权重总和计分排序法确定审核重点 Weighted-sum ranking of audit-focus candidates (spec WS2-11, §2).
 *
 * Matrix as the handbook prints it: rows = factors (因素, 权重值 W), columns = candidates, each
 * with the sub-columns R (评分) and R×W. Below the factors: 总分 = SUMPRODUCT(W, R), the rank key
 * ROUND(总分, 9) (so float noise never splits a tie, spec §2.6/§2.7), 排序 = RANK.EQ on the key,
 * 是否选为审核重点 (是 for rank 1), and the conclusion: the focus's name, or
 * "并列 — 需审核小组讨论确定" when several candidates share rank 1. The selected candidate's column
 * is highlighted by a conditional format.
 *
 * The blank template proposes the standard factor set and weights of spec §2.2 (editable).
 */
import { colLetter, rect } from "../a1";
import { evaluateFocusSelection } from "../../core";
import type { FocusSelection } from "../case";
import type { WorksheetDefinition } from "../definition";
import { l, type L } from "../i18n";
import { A, colRange, finishSheet, FMT, headerBlock, rowRange, SheetBuilder, str, t, TABLE_TOP, type BuildContext } from "../layout";

/** The standard audit-focus factors and default weights (spec §2.2, editable preset). */
export const DEFAULT_FACTORS: readonly { name: L; weight: number }[] = [
  { name: l("废弃物量", "Waste quantity"), weight: 10 },
  { name: l("主要消耗", "Main consumption"), weight: 8 },
  { name: l("环保费用", "Environmental costs"), weight: 8 },
  { name: l("废弃物毒性", "Waste toxicity"), weight: 8 },
  { name: l("市场发展潜力", "Market / development potential"), weight: 5 },
  { name: l("车间积极性", "Workshop enthusiasm"), weight: 2 },
];

/** Labels used by the sheet and by tests reading it back. */
export const FOCUS_LABELS = {
  factor: l("因素", "Factor"),
  weight: l("权重值 W", "Weight W"),
  score: l("评分 R", "Score R"),
  weighted: l("R×W", "R×W"),
  total: l("总分 ΣR×W", "Total ΣR×W"),
  key: l("排序值（总分取 9 位小数）", "Rank key (total to 9 decimals)"),
  rank: l("排序", "Rank"),
  selected: l("是否选为审核重点", "Selected as audit focus"),
  yes: l("是", "Yes"),
  no: l("否", "No"),
  conclusion: l("审核重点", "Audit focus"),
  tie: l("并列 — 需审核小组讨论确定", "Tie — to be decided by the audit team"),
};

const FIRST_CAND_COL = 2;
const SPARE_FACTORS = 2;
const SPARE_CANDIDATES = 2;
const TEMPLATE_CANDIDATES = 4;

/** Row/column geometry of the matrix (0-based). */
export function focusGeometry(ctx: BuildContext) {
  const fs = ctx.auditCase?.focusSelection;
  const factorRows = fs ? fs.factors.length + SPARE_FACTORS : DEFAULT_FACTORS.length + SPARE_FACTORS;
  const candidates = fs ? fs.candidates.length + SPARE_CANDIDATES : TEMPLATE_CANDIDATES;
  const nameRow = TABLE_TOP;
  const subRow = TABLE_TOP + 1;
  const firstFactor = TABLE_TOP + 2;
  const lastFactor = firstFactor + factorRows - 1;
  const totalRow = lastFactor + 1;
  const keyRow = totalRow + 1;
  const rankRow = keyRow + 1;
  const selectedRow = rankRow + 1;
  const conclusionRow = selectedRow + 2;
  const lastCol = FIRST_CAND_COL + 2 * candidates - 1;
  return { factorRows, candidates, nameRow, subRow, firstFactor, lastFactor, totalRow, keyRow, rankRow, selectedRow, conclusionRow, lastCol };
}

function round9(x: number): number {
  const r = Number(x.toFixed(9));
  return r === 0 ? 0 : r;
}

export const focusSelectionWorksheet: WorksheetDefinition = {
  key: "WS2-11",
  sheetName: l("审核重点权重计分", "Focus selection"),
  title: l("权重总和计分排序法确定审核重点", "Weighted-sum ranking of audit-focus candidates"),
  dependsOn: ["PARAMS"],

  build(ctx) {
    const g = focusGeometry(ctx);
    const b = new SheetBuilder("WS2-11", ctx.names["WS2-11"], t(ctx, this.title));
    headerBlock(
      b,
      ctx,
      g.lastCol,
      t(ctx, l("W：权重值（1–10）；R：评分（1–10，最好者 10 分）；总分 = Σ R×W，按总分排序（RANK.EQ），第 1 名为审核重点。", "W: weight (1–10); R: score (1–10, the best candidate 10); total = Σ R×W, ranked by total (RANK.EQ); rank 1 is the audit focus.")),
      false,
      4, // the enterprise name over B..E (the candidate columns are narrow)
    );
    const fs: FocusSelection | undefined = ctx.auditCase?.focusSelection;
    const res = fs ? evaluateFocusSelection(fs.factors.map((f) => f.weight), fs.candidates.map((c) => c.scores)) : undefined;

    b.header(g.nameRow, 0, t(ctx, FOCUS_LABELS.factor));
    b.header(g.nameRow, 1, t(ctx, FOCUS_LABELS.weight));
    b.set(g.subRow, 0, { style: "header" });
    b.set(g.subRow, 1, { style: "header" });
    b.merge(g.nameRow, 0, g.subRow, 0);
    b.merge(g.nameRow, 1, g.subRow, 1);

    // factor names and weights
    for (let k = 0; k < g.factorRows; k++) {
      const r = g.firstFactor + k;
      const preset = DEFAULT_FACTORS[k];
      const f = fs ? fs.factors[k] : preset ? { name: t(ctx, preset.name), weight: preset.weight } : undefined;
      b.input(r, 0, f?.name ?? null);
      b.input(r, 1, f?.weight ?? null, FMT.general);
    }
    const wRange = colRange(1, g.firstFactor, g.lastFactor);
    const keyRowRange = rowRange(g.keyRow, FIRST_CAND_COL, g.lastCol);
    const rankRowRange = rowRange(g.rankRow, FIRST_CAND_COL, g.lastCol);
    const nameRowRange = rowRange(g.nameRow, FIRST_CAND_COL, g.lastCol);

    for (let j = 0; j < g.candidates; j++) {
      const cR = FIRST_CAND_COL + 2 * j;
      const cW = cR + 1;
      const cand = fs?.candidates[j];
      b.input(g.nameRow, cR, cand?.name ?? null);
      b.set(g.nameRow, cW, { style: "input" });
      b.merge(g.nameRow, cR, g.nameRow, cW);
      b.header(g.subRow, cR, t(ctx, FOCUS_LABELS.score));
      b.header(g.subRow, cW, t(ctx, FOCUS_LABELS.weighted));
      for (let k = 0; k < g.factorRows; k++) {
        const r = g.firstFactor + k;
        const R = cand?.scores[k];
        const W = fs?.factors[k]?.weight ?? (fs ? undefined : DEFAULT_FACTORS[k]?.weight);
        b.input(r, cR, R ?? null, FMT.general);
        b.formula(r, cW, `IF(OR(${A(r, 1)}="",${A(r, cR)}=""),"",${A(r, 1)}*${A(r, cR)})`, R !== undefined && W !== undefined ? W * R : null, "computed", FMT.general);
      }
      const rRange = `${A(g.firstFactor, cR)}:${A(g.lastFactor, cR)}`;
      const total = cand && res ? res.totals[j]! : null;
      b.formula(g.totalRow, cR, `IF(COUNT(${rRange})=0,"",SUMPRODUCT(${wRange},${rRange}))`, total, "total", FMT.general);
      b.set(g.totalRow, cW, { style: "total" });
      b.merge(g.totalRow, cR, g.totalRow, cW);
      b.formula(g.keyRow, cR, `IF(${A(g.totalRow, cR)}="","",ROUND(${A(g.totalRow, cR)},9))`, total === null ? null : round9(total), "computed", FMT.general);
      b.set(g.keyRow, cW, { style: "computed" });
      b.merge(g.keyRow, cR, g.keyRow, cW);
      const rank = cand && res ? res.ranks[j]! : null;
      b.formula(g.rankRow, cR, `IF(${A(g.keyRow, cR)}="","",RANK.EQ(${A(g.keyRow, cR)},${keyRowRange},0))`, rank, "computed", FMT.integer);
      b.set(g.rankRow, cW, { style: "computed" });
      b.merge(g.rankRow, cR, g.rankRow, cW);
      b.formula(
        g.selectedRow,
        cR,
        `IF(${A(g.rankRow, cR)}="","",IF(${A(g.rankRow, cR)}=1,${str(t(ctx, FOCUS_LABELS.yes))},${str(t(ctx, FOCUS_LABELS.no))}))`,
        rank === null ? null : rank === 1 ? t(ctx, FOCUS_LABELS.yes) : t(ctx, FOCUS_LABELS.no),
        "computed",
      );
      b.set(g.selectedRow, cW, { style: "computed" });
      b.merge(g.selectedRow, cR, g.selectedRow, cW);
      b.minWidth(cR, 9);
      b.minWidth(cW, 9);
    }
    // an empty weight/score cell must be ≥ 0
    b.numberValidation(rect(g.firstFactor, 1, g.lastFactor, 1), "decimal", 0, undefined, t(ctx, l("权重值为 ≥ 0 的数（通常 1–10）", "A weight is a number ≥ 0 (usually 1–10)")));
    b.numberValidation(rect(g.firstFactor, FIRST_CAND_COL, g.lastFactor, g.lastCol), "decimal", 0, 10, t(ctx, l("评分 R 为 0–10 的数", "A score R is a number from 0 to 10")));

    b.label(g.totalRow, 0, t(ctx, FOCUS_LABELS.total), "total");
    b.label(g.keyRow, 0, t(ctx, FOCUS_LABELS.key), "label", false);
    b.label(g.rankRow, 0, t(ctx, FOCUS_LABELS.rank));
    b.label(g.selectedRow, 0, t(ctx, FOCUS_LABELS.selected));
    for (const r of [g.totalRow, g.keyRow, g.rankRow, g.selectedRow]) b.merge(r, 0, r, 1);

    // conclusion: the focus's name, or the tie note
    const tieText = t(ctx, FOCUS_LABELS.tie);
    let conclusion: string | null = null;
    if (fs && res) {
      conclusion = res.tieAtTop ? tieText : fs.candidates[res.selected[0]!]!.name;
    }
    b.label(g.conclusionRow, 0, t(ctx, FOCUS_LABELS.conclusion), "total");
    b.merge(g.conclusionRow, 0, g.conclusionRow, 1);
    b.formula(
      g.conclusionRow,
      FIRST_CAND_COL,
      `IF(COUNTIF(${rankRowRange},1)=0,"",IF(COUNTIF(${rankRowRange},1)>1,${str(tieText)},INDEX(${nameRowRange},1,MATCH(1,${rankRowRange},0))))`,
      conclusion,
      "total",
    );
    b.merge(g.conclusionRow, FIRST_CAND_COL, g.conclusionRow, Math.max(FIRST_CAND_COL + 3, Math.min(g.lastCol, FIRST_CAND_COL + 7)));

    // highlight the column pair of every rank-1 candidate (rank sits in the pair's first column)
    const rankAbsRow = g.rankRow + 1;
    const tl = colLetter;
    b.conditional(
      rect(g.nameRow, FIRST_CAND_COL, g.selectedRow, g.lastCol),
      `OR(${tl(FIRST_CAND_COL)}$${rankAbsRow}=1,${tl(FIRST_CAND_COL - 1)}$${rankAbsRow}=1)`,
      "good",
    );
    b.conditional(rect(g.conclusionRow, FIRST_CAND_COL), `${A(g.conclusionRow, FIRST_CAND_COL)}=${str(tieText)}`, "warn");
    b.minWidth(0, 14);
    b.minWidth(1, 10);
    return finishSheet(b, ctx, { headerLast: g.subRow, freezeCols: 2, orientation: "landscape" });
  },
};
