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
import { a1, colLetter, rect } from "../a1";
import { competitionRanks, evaluateFocusSelection, round9 } from "../../core";
import { l, tr, type L } from "../i18n";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import { columnName, defineTable, tableWorksheet, whole, type Column, type Refs, type TableDef, type TableSchema } from "../table";
import { factorSubtotal, suggestionFor, SUGGESTED_FACTORS, type SubtotalKey } from "../focus-suggestions";
import { suggestedScoreFormula, TBL_CANDIDATES, type CandidateKey } from "./candidates.worksheet";
import { literalCriterion } from "./exact-match";

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
  candidate: l("备选审核重点", "Candidate"),
  factor: l("因素", "Factor"),
  weight: l("权重值 W", "Weight W"),
  score: l("评分 R（0–10）", "Score R (0–10)"),
  weighted: l("ΣW×R", "ΣW×R"),
  total: l("总分", "Total"),
  key: l("排序键", "Rank key"),
  rank: l("排序", "Rank"),
  selected: l("是否选为审核重点", "Selected"),
  check: l("检查", "Check"),
  yes: l("是", "Yes"),
  no: l("否", "No"),
  conclusion: l("审核重点", "Audit focus"),
  tie: l("并列 — 需审核小组讨论确定", "Tie — to be decided by the audit team"),
  incomplete: l("评分不全", "Scores incomplete"),
  missingWeight: l("缺少权重值", "Weight missing"),
  noName: l("缺少名称", "Name missing"),
  suggested: l("建议", "suggested"),
  suggestedBand: l("表2-10比例法；评分空白时采用", "WS2-10 proportional; used when the score is blank"),
  ranked: l("参与排序", "Ranked candidates"),
  incompleteCount: l("评分不全", "Incomplete scores"),
};

export const TBL_FOCUS_NAME = "tblFocus";

/** Keys of the fixed columns; factor columns are `f0`, `f1`, … */
const FIXED = { name: FOCUS_LABELS.candidate, total: FOCUS_LABELS.total, key: FOCUS_LABELS.key, rank: FOCUS_LABELS.rank, selected: FOCUS_LABELS.selected, check: FOCUS_LABELS.check } as const;

/** Factor column key. */
const fk = (i: number): string => `f${i}`;
/** Suggested-score column key of factor `i` (a factor scored from a 表2-10 subtotal). */
const sk = (i: number): string => `s${i}`;

/** For each factor, the 表2-10 subtotal its score is suggested from (spec §2.2), or undefined. */
function subtotalsOf(factors: readonly { name: L }[]): (SubtotalKey | undefined)[] {
  return factors.map((f) => factorSubtotal(f.name.zh) ?? factorSubtotal(f.name.en));
}

/** The factors of the sheet: the case's, or the standard preset (template). */
function factorsOf(ctx: BuildContext): { name: L; weight: number }[] {
  const fs = ctx.auditCase?.focusSelection;
  if (!fs) return DEFAULT_FACTORS.map((f) => ({ ...f }));
  return fs.factors.map((f) => ({ name: l(f.name, f.name), weight: f.weight }));
}

/**
 * Column names for the factors: one line, no edge spaces, not empty (因素k / Factor k), unique
 * ignoring case among themselves and the fixed columns (a repeat gets "(2)", "(3)" …), at most 255
 * characters. `[ ] # '` stay in the name; structured references escape them.
 */
export function factorColumnNames(names: readonly string[], reserved: readonly string[], fallback: (k: number) => string): string[] {
  const taken = new Set(reserved.map((x) => x.toUpperCase()));
  return names.map((raw, k) => {
    let base = raw.replace(/\s+/g, " ").trim().slice(0, 250).trim();
    if (base === "") base = fallback(k);
    let name = base;
    for (let n = 2; taken.has(name.toUpperCase()); n++) name = `${base}(${n})`;
    taken.add(name.toUpperCase());
    return name;
  });
}

/** The focus table's schema for this workbook: the fixed columns and one column per factor. */
export function focusSchema(ctx: BuildContext): TableSchema<string> {
  const factors = factorsOf(ctx);
  const names = (lang: "zh-CN" | "en-US") =>
    factorColumnNames(
      factors.map((f) => tr(lang, f.name)),
      Object.values(FIXED).map((x) => tr(lang, x)),
      (k) => (lang === "zh-CN" ? `因素${k + 1}` : `Factor ${k + 1}`),
    );
  const zh = names("zh-CN");
  const en = names("en-US");
  const columns: Record<string, L> = { name: FIXED.name };
  factors.forEach((_f, i) => (columns[fk(i)] = l(zh[i]!, en[i]!)));
  Object.assign(columns, { total: FIXED.total, key: FIXED.key, rank: FIXED.rank, selected: FIXED.selected, check: FIXED.check });
  subtotalsOf(factors).forEach((sub, i) => {
    if (sub !== undefined) columns[sk(i)] = l(`${zh[i]!}${FOCUS_LABELS.suggested.zh}`, `${en[i]!} (${FOCUS_LABELS.suggested.en})`);
  });
  return { name: TBL_FOCUS_NAME, columns };
}

/** A candidate row with core's results. */
interface FocusRow {
  name: string;
  /** the scores ranked by: typed, or suggested where the case leaves a score blank (null) */
  scores: readonly number[];
  /** the typed scores (null = blank cell, the suggestion is used) */
  typed: readonly (number | null)[];
  /** per factor, the suggested score from 表2-10 (null: none) */
  suggestions: readonly (number | null)[];
  total: number;
  /** ROUND(total, 9), or null when not ranked */
  key: number | null;
  rank: number | null;
  check: L | null;
}


/**
 * The case's candidates with core's totals and ranks: every candidate with a name is ranked (a
 * validated case has a weight per factor and a score per factor and candidate); a nameless one is
 * flagged and not ranked, as the sheet does.
 */
export function focusRows(ctx: BuildContext): FocusRow[] {
  const fs = ctx.auditCase?.focusSelection;
  if (!fs) return [];
  const res = evaluateFocusSelection(
    fs.factors.map((f) => f.weight),
    fs.candidates.map((c) => c.scores),
  );
  const ranked = fs.candidates.flatMap((c, j) => (c.name !== "" ? [j] : []));
  const ranks = competitionRanks(ranked.map((j) => res.totals[j]!));
  const data = ctx.auditCase?.candidateData ?? [];
  return fs.candidates.map((c, j) => {
    const at = ranked.indexOf(j);
    return {
      name: c.name,
      scores: c.scores,
      typed: c.typed ?? c.scores,
      suggestions: fs.factors.map((f) => suggestionFor(data, f.name, c.name)),
      total: res.totals[j]!,
      key: at >= 0 ? round9(res.totals[j]!) : null,
      rank: at >= 0 ? ranks[at]! : null,
      check: at >= 0 ? null : FOCUS_LABELS.noName,
    };
  });
}

/** The audit focus as the summary shows it: the rank-1 name, the tie note, or null. */
function conclusionOf(ctx: BuildContext, rows: readonly FocusRow[]): string | null {
  const top = rows.filter((r) => r.rank === 1);
  if (top.length === 0) return null;
  if (top.length > 1) return t(ctx, FOCUS_LABELS.tie);
  return top[0]!.name;
}

/**
 * Formula pieces: the weight range of the band row, this row's scores, "row is empty", and for the
 * factors with a suggested score (`suggested`: their indices) "the score cell is blank and a
 * suggestion exists" — such a factor counts as scored, with the suggestion (a typed score wins).
 */
function kit(x: Refs<string>, n: number, suggested: readonly number[]) {
  const W = `${x.bandCell(fk(0))}:${x.bandCell(fk(n - 1))}`;
  const R = x.span(fk(0), fk(n - 1));
  const empty = `AND(${x.r("name")}="",COUNTA(${R})=0)`;
  const weightsMissing = `COUNT(${W})<COLUMNS(${W})`;
  const use = (i: number) => `AND(${x.r(fk(i))}="",ISNUMBER(${x.r(sk(i))}))`;
  const filled = [`COUNT(${R})`, ...suggested.map((i) => `IF(${use(i)},1,0)`)].join("+");
  const scoresMissing = `${filled}<COLUMNS(${R})`;
  const sum = [`SUMPRODUCT(${W},${R})`, ...suggested.map((i) => `${x.bandCell(fk(i))}*IF(${use(i)},${x.r(sk(i))},0)`)].join("+");
  return { W, R, empty, weightsMissing, scoresMissing, sum, use };
}

/** The table of this workbook (its factor columns depend on the case). */
function focusTable(ctx: BuildContext): TableDef<FocusRow, string> {
  const factors = factorsOf(ctx);
  const n = factors.length;
  const schema = focusSchema(ctx);
  const subtotals = subtotalsOf(factors);
  const suggested = subtotals.flatMap((sub, i) => (sub !== undefined ? [i] : []));
  const scoreError = l("评分 R 为 0–10 的数", "A score R is a number from 0 to 10");
  const columns: Column<FocusRow, string>[] = [
    { key: "name", role: "input", band: FOCUS_LABELS.weight, width: 16, value: (r) => r?.name },
    ...factors.map(
      (f, i): Column<FocusRow, string> => ({
        key: fk(i),
        role: "input",
        bandInput: () => ({ value: f.weight, format: FMT.general }),
        format: FMT.general,
        width: 10,
        validation: { number: { min: 0, max: 10, error: scoreError } },
        value: (r) => r?.typed[i] ?? undefined,
      }),
    ),
    {
      key: "total",
      role: "computed",
      band: FOCUS_LABELS.weighted,
      format: FMT.general,
      formula: (x) => {
        const k = kit(x, n, suggested);
        return `IF(${k.empty},"",IF(OR(${k.weightsMissing},${k.scoresMissing}),"",${k.sum}))`;
      },
      value: (r) => (r ? r.total : null),
    },
    {
      key: "key",
      role: "computed",
      hidden: true,
      band: l("ROUND(总分, 9)", "ROUND(total, 9)"),
      format: FMT.general,
      formula: (x) => `IF(AND(ISNUMBER(${x.r("total")}),${x.r("name")}<>""),ROUND(${x.r("total")},9),"")`,
      value: (r) => (r ? r.key : null),
    },
    {
      key: "rank",
      role: "computed",
      band: l("RANK.EQ", "RANK.EQ"),
      format: FMT.integer,
      width: 11,
      formula: (x) => `IF(ISNUMBER(${x.r("key")}),RANK.EQ(${x.r("key")},${x.all("key")},0),"")`,
      value: (r) => (r ? r.rank : null),
    },
    {
      key: "selected",
      role: "computed",
      formula: (x) => `IF(ISNUMBER(${x.r("rank")}),IF(${x.r("rank")}=1,${x.s(FOCUS_LABELS.yes)},${x.s(FOCUS_LABELS.no)}),"")`,
      value: (r, _k, ctx) => (r && r.rank !== null ? t(ctx, r.rank === 1 ? FOCUS_LABELS.yes : FOCUS_LABELS.no) : null),
    },
    {
      key: "check",
      role: "computed",
      width: 10,
      formula: (x) => {
        const k = kit(x, n, suggested);
        return (
          `IF(${k.empty},"",IF(${k.scoresMissing},${x.s(FOCUS_LABELS.incomplete)},` +
          `IF(${k.weightsMissing},${x.s(FOCUS_LABELS.missingWeight)},IF(${x.r("name")}="",${x.s(FOCUS_LABELS.noName)},""))))`
        );
      },
      value: (r, _k, ctx) => (r && r.check ? t(ctx, r.check) : null),
    },
    ...suggested.map((i): Column<FocusRow, string> => {
      const col: CandidateKey = subtotals[i]!;
      return {
        key: sk(i),
        role: "lookup",
        band: i === suggested[0] ? FOCUS_LABELS.suggestedBand : undefined,
        format: FMT.integer,
        width: 9,
        formula: (x) => {
          const found = `IFERROR(INDEX(${whole(TBL_CANDIDATES, col, x.lang)},MATCH(${literalCriterion(x.r("name"))},${whole(TBL_CANDIDATES, "name", x.lang)},0)),"")`;
          return `IF(${x.r("name")}="","",${suggestedScoreFormula(found, whole(TBL_CANDIDATES, col, x.lang))})`;
        },
        value: (r) => (r ? r.suggestions[i] : null),
      };
    }),
  ];
  return defineTable<FocusRow, string>({
    schema,
    columns,
    rows: focusRows,
    decorate(b, ctx2, g) {
      const bandRow = g.headerRow - 1;
      const first = g.col[fk(0)]!;
      const last = g.col[fk(n - 1)]!;
      const at = (key: string) => `$${colLetter(g.col[key]!)}${g.firstRow + 1}`;
      b.numberValidation(rect(bandRow, first, bandRow, last), "decimal", 0, undefined, t(ctx2, l("权重值为 ≥ 0 的数（通常 1–10）", "A weight is a number ≥ 0 (usually 1–10)")));
      b.conditional(rect(bandRow, first, bandRow, last), `NOT(ISNUMBER(${a1(bandRow, first)}))`, "bad");
      b.conditional(rect(g.firstRow, g.left, g.lastRow, g.right), `${at("rank")}=1`, "highlight");
      const check = at("check");
      const incomplete = str(t(ctx2, FOCUS_LABELS.incomplete));
      const checkCol = g.col.check!;
      const checkRange = rect(g.firstRow, checkCol, g.lastRow, checkCol);
      b.conditional(checkRange, `${check}=${incomplete}`, "warn");
      b.conditional(checkRange, `AND(${check}<>"",${check}<>${incomplete})`, "bad");
      for (const x of [FOCUS_LABELS.incomplete, FOCUS_LABELS.missingWeight, FOCUS_LABELS.noName]) b.fit(g.col.check!, t(ctx2, x), 2);
      // a suggestion in use (its score cell blank) is shown as such, beside the blank score cell
      for (const i of suggested) {
        const c = g.col[sk(i)]!;
        b.conditional(rect(g.firstRow, c, g.lastRow, c), `AND(${at(fk(i))}="",ISNUMBER(${at(sk(i))}))`, "good");
      }
    },
  });
}

/** Rows the summary block takes (layoutTableSheet leaves one blank row after it, then the band row). */
const SUMMARY_ROWS = 3;

/** The summary above the table: the audit focus, the ranked and the incomplete candidates. */
function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const schema = focusSchema(ctx);
  const n = factorsOf(ctx).length;
  const w = (k: string) => whole(schema, k, ctx.lang);
  const rows = focusRows(ctx);
  // the weights: band row of the table (one blank row below this block), factor columns 1..n
  const bandRow = top + SUMMARY_ROWS + 1;
  const W = `${a1(bandRow, 1, true)}:${a1(bandRow, n, true)}`;
  const rank = w("rank");
  const tie = t(ctx, FOCUS_LABELS.tie);
  const missing = t(ctx, FOCUS_LABELS.missingWeight);
  const r0 = top;
  b.label(r0, 0, t(ctx, FOCUS_LABELS.conclusion), "total");
  b.formula(
    r0,
    1,
    `IF(COUNT(${W})<COLUMNS(${W}),${str(missing)},IF(COUNTIF(${rank},1)=0,"",IF(COUNTIF(${rank},1)>1,${str(tie)},INDEX(${w("name")},MATCH(1,${rank},0))&"")))`,
    conclusionOf(ctx, rows),
    "total",
  );
  const mergeRight = Math.max(3, Math.min(n, 4));
  b.merge(r0, 1, r0, mergeRight);
  const focusCell = a1(r0, 1);
  const focusRange = rect(r0, 1, r0, 1);
  b.conditional(focusRange, `${focusCell}=${str(tie)}`, "warn");
  b.conditional(focusRange, `${focusCell}=${str(missing)}`, "bad");
  b.label(r0 + 1, 0, t(ctx, FOCUS_LABELS.ranked));
  b.formula(r0 + 1, 1, `COUNT(${rank})`, rows.filter((r) => r.rank !== null).length, "total", FMT.integer);
  b.label(r0 + 2, 0, t(ctx, FOCUS_LABELS.incompleteCount));
  b.formula(r0 + 2, 1, `COUNTIF(${w("check")},${str(t(ctx, FOCUS_LABELS.incomplete))})`, rows.filter((r) => r.check === FOCUS_LABELS.incomplete).length, "total", FMT.integer);
  b.conditional(rect(r0 + 2, 1, r0 + 2, 1), `${a1(r0 + 2, 1)}>0`, "warn");
  return top + SUMMARY_ROWS;
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
