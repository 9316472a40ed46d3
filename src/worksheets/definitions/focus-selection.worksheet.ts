/**
 * 表2-11 权重总和计分排序法确定审核重点 Weighted-sum ranking of audit-focus candidates (spec WS2-11, §2;
 * issue 8 item 4).
 *
 * Table `tblFocus`, one row per candidate (candidates grow as rows, like the options of a screening
 * table): 备选审核重点 | one score column R per factor, named after the factor | 总分 = SUMPRODUCT(W,
 * this row's scores) | 排序 = RANK.EQ on the hidden key ROUND(总分, 9) (float noise never splits a tie,
 * spec §2.6/§2.7) | 是否选为审核重点 (是 for rank 1) | 检查 ‖ hidden: 排序键. The weights W are input
 * cells in the band row above the factor columns (the band cell of the name column reads 权重值 W);
 * a factor is added by inserting a column between two factor columns (the weight range and the
 * score span grow with it).
 *
 * Missing input never ranks (spec §2.6): an empty or non-numeric score leaves that candidate without
 * total and rank (检查: 评分不全); a factor without a numeric weight leaves every candidate unranked
 * (缺少权重值). A text in a score cell never spreads an error. Above the table: the audit focus (the
 * rank-1 candidate's name, or 并列 — 需审核小组讨论确定 when several share rank 1), the number of
 * ranked candidates and of candidates with incomplete scores.
 *
 * The blank template proposes the standard factors and weights of spec §2.2 (editable).
 */
import { factorSubtotal, suggestionFor, SUGGESTED_FACTORS, type SubtotalKey } from "../focus-suggestions";
import { l, type L } from "../i18n";
import { FMT, type BuildContext, type SheetBuilder } from "../layout";
import { columnName, tableWorksheet, whole, type Column, type TableDef, type TableSchema } from "../table";
import { suggestedScoreFormula, TBL_CANDIDATES } from "./candidates.worksheet";
import { lookupExact } from "./exact-match";
import { COMMON_RANKING_LABELS, factorColumnNames, fk, rankingReadBack, rankingSchema, rankingSummary, rankingTable, rankRows, sk, type RankedRow } from "./weighted-ranking";

export { factorColumnNames };

/** The standard audit-focus factors and default weights (spec §2.2, editable preset). */
export const DEFAULT_FACTORS: readonly { name: L; weight: number }[] = [
  { name: SUGGESTED_FACTORS[0]!.name, weight: 10 },
  { name: SUGGESTED_FACTORS[1]!.name, weight: 8 },
  { name: SUGGESTED_FACTORS[2]!.name, weight: 8 },
  { name: l("废弃物毒性", "Waste toxicity"), weight: 8 },
  { name: l("市场发展潜力", "Market / development potential"), weight: 5 },
  { name: l("车间积极性", "Workshop enthusiasm"), weight: 2 },
];

/** Labels used by the sheet and by tests reading it back. */
export const FOCUS_LABELS = {
  ...COMMON_RANKING_LABELS,
  candidate: l("备选审核重点", "Candidate"),
  factor: l("因素", "Factor"),
  score: l("评分 R（0–10）", "Score R (0–10)"),
  selected: l("是否选为审核重点", "Selected"),
  conclusion: l("审核重点", "Audit focus"),
  noName: l("缺少名称", "Name missing"),
  ranked: l("参与排序", "Ranked candidates"),
  suggested: l("建议", "suggested"),
  suggestedBand: l("表2-10比例法；评分空白时采用", "WS2-10 proportional; used when the score is blank"),
};

export const TBL_FOCUS_NAME = "tblFocus";

/** The factors of the sheet: the case's, or the standard preset (template). */
function factorsOf(ctx: BuildContext): { name: L; weight: number }[] {
  const fs = ctx.auditCase?.focusSelection;
  if (!fs) return DEFAULT_FACTORS.map((f) => ({ ...f }));
  return fs.factors.map((f) => ({ name: l(f.name, f.name), weight: f.weight }));
}

/** For each factor, the 表2-10 subtotal its score is suggested from (spec §2.2), or undefined. */
function subtotalsOf(factors: readonly { name: L }[]): (SubtotalKey | undefined)[] {
  return factors.map((f) => factorSubtotal(f.name.zh) ?? factorSubtotal(f.name.en));
}

/**
 * The focus table's schema for this workbook: the fixed columns, one column per factor, and after
 * 检查 one suggested-score column per factor scored from a 表2-10 subtotal.
 */
export function focusSchema(ctx: BuildContext): TableSchema<string> {
  const factors = factorsOf(ctx);
  const schema = rankingSchema(TBL_FOCUS_NAME, { name: FOCUS_LABELS.candidate }, factors, FOCUS_LABELS);
  const columns: Record<string, L> = { ...schema.columns };
  subtotalsOf(factors).forEach((sub, i) => {
    const f = columns[fk(i)]!;
    if (sub !== undefined) columns[sk(i)] = l(`${f.zh}${FOCUS_LABELS.suggested.zh}`, `${f.en} (${FOCUS_LABELS.suggested.en})`);
  });
  return { name: schema.name, columns };
}

/**
 * The case's candidates with core's totals and ranks: every candidate with a name is ranked (a
 * validated case has a weight per factor and a score per factor and candidate); a nameless one is
 * flagged and not ranked, as the sheet does.
 */
export function focusRows(ctx: BuildContext): RankedRow[] {
  const fs = ctx.auditCase?.focusSelection;
  if (!fs) return [];
  const data = ctx.auditCase?.candidateData ?? [];
  // core ranks the scores actually used (typed, or suggested where the case leaves a score blank)
  return rankRows(
    fs.factors.map((f) => f.weight),
    fs.candidates,
    FOCUS_LABELS.noName,
  ).map((r, j) => ({
    ...r,
    typed: fs.candidates[j]!.typed ?? r.scores,
    suggestions: fs.factors.map((f) => suggestionFor(data, f.name, fs.candidates[j]!.name)),
  }));
}

/** The table of this workbook (its factor columns depend on the case). */
function focusTable(ctx: BuildContext): TableDef<RankedRow, string> {
  const subtotals = subtotalsOf(factorsOf(ctx));
  const indices = subtotals.flatMap((sub, i) => (sub !== undefined ? [i] : []));
  const column = (i: number): Column<RankedRow, string> => {
    const col = subtotals[i]!;
    return {
      key: sk(i),
      role: "lookup",
      band: i === indices[0] ? FOCUS_LABELS.suggestedBand : undefined,
      format: FMT.integer,
      width: 9,
      formula: (x) => {
        const values = whole(TBL_CANDIDATES, col, x.lang);
        const found = `IFERROR(${lookupExact(values, whole(TBL_CANDIDATES, "name", x.lang), x.r("name"))},"")`;
        return `IF(${x.r("name")}="","",${suggestedScoreFormula(found, values)})`;
      },
      value: (r) => (r ? (r.suggestions?.[i] ?? null) : null),
    };
  };
  const def = rankingTable<RankedRow>({
    suggested: { indices, column },
    schema: focusSchema(ctx),
    labels: FOCUS_LABELS,
    factors: factorsOf(ctx),
    keyCol: "name",
    lead: [{ key: "name", role: "input", band: FOCUS_LABELS.weight, width: 16, value: (r) => r?.name }],
    rows: focusRows,
    scoreError: l("评分 R 为 0–10 的数", "A score R is a number from 0 to 10"),
  });
  def.readBack = rankingReadBack({ section: "focusSelection", rowsField: "candidates", keyField: "name", keyCol: "name", leadCount: 1, labels: FOCUS_LABELS });
  return def;
}

/** The summary above the table: the audit focus, the ranked and the incomplete candidates. */
function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  return rankingSummary(b, ctx, top, {
    schema: focusSchema(ctx),
    labels: FOCUS_LABELS,
    n: factorsOf(ctx).length,
    firstFactorCol: 1,
    showKey: "name",
    rows: focusRows(ctx),
    display: (r) => r.name,
  });
}

/** The column name of factor `i` in the workbook's language (tests, other sheets). */
export function factorColumnName(ctx: BuildContext, i: number): string {
  return columnName(focusSchema(ctx), fk(i), ctx.lang);
}

export const focusSelectionWorksheet = tableWorksheet({
  key: "WS2-11",
  number: "2-11",
  sheetName: l("审核重点权重计分", "Focus selection"),
  title: l("权重总和计分排序法确定审核重点", "Weighted-sum ranking of audit-focus candidates"),
  dependsOn: ["PARAMS", "WS2-10"],
  note: l(
    "每行一个备选审核重点；权重值 W（1–10）填在各因素列上方，评分 R 为 0–10（最好者 10 分）。总分 = Σ W×R，按总分排序（RANK.EQ），第 1 名为审核重点。评分不全的不参与排序；缺少权重值时均不排序。废弃物量、主要消耗和环保费用的评分可留空，即采用表2-10按比例法给出的建议评分（右侧“建议”列，绿色为正在采用）；填写的评分优先。在表格下方输入即可添加备选审核重点；在两因素列之间插入列即可添加因素。",
    "One candidate per row; the weight W (1–10) of each factor sits above its column, scores R are 0–10 (the best candidate 10). Total = Σ W×R, ranked by total (RANK.EQ); rank 1 is the audit focus. A candidate with incomplete scores is not ranked; with a weight missing nobody is. The scores of waste quantity, main consumption and environmental costs may be left blank: the score suggested from Table 2-10 by the proportional rule is then used (the “suggested” columns on the right, green while in use); a typed score wins. Type below the table to add a candidate; insert a column between two factor columns to add a factor.",
  ),
  freezeCols: 1,
  orientation: "landscape",
  enterpriseEnd: 4,
  summary,
  tables: (ctx) => [focusTable(ctx)],
});
