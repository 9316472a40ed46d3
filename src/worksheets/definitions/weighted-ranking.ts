/**
 * The weighted-sum scoring engine (权重总和计分排序法, spec §2.1–2.5) shared by 表2-11 (audit-focus
 * candidates, tblFocus) and 表4-3 (options, tblOptionRanking): one table with
 *
 *   key column(s) | one score column per factor (its weight W an input in the band row above) |
 *   总分 = Σ W×R | hidden 排序键 = ROUND(总分, 9) | 排序 (RANK.EQ over the keys) | 是否第一 | 检查
 *
 * and the summary block above it (the rank-1 row's name or the tie note, the number of ranked rows,
 * the number of rows with incomplete scores).
 *
 * Rules (the same on both sheets): a row with any empty or non-numeric score has no total and no
 * rank (检查: 评分不全); a factor without a numeric weight leaves every row unranked (缺少权重值); a
 * row without its key (name / option id) is flagged and not ranked; rows with equal totals share a
 * rank (RANK.EQ over totals rounded to 9 decimals, so that 0.1+0.2 and 0.3 tie), and several rank-1
 * rows give the tie note. Core's totals and competition ranks are the cached values.
 */
import { a1, colLetter, rect } from "../a1";
import { competitionRanks, evaluateFocusSelection, round9 } from "../../core";
import { l, tr, type L } from "../i18n";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import type { CaseDraft, CellReader, TableReadBack, TableReader } from "../read-back";
import { defineTable, whole, type Column, type Refs, type TableDef, type TableSchema } from "../table";

/** Labels of one ranking sheet (WS2-11's are {@link FOCUS_LABELS}). */
export interface RankingLabels {
  weight: L;
  weighted: L;
  total: L;
  key: L;
  rank: L;
  selected: L;
  check: L;
  yes: L;
  no: L;
  conclusion: L;
  tie: L;
  incomplete: L;
  missingWeight: L;
  noName: L;
  ranked: L;
  incompleteCount: L;
}

/** The labels both ranking sheets share (表2-11, 表4-3). */
export const COMMON_RANKING_LABELS = {
  weight: l("权重值 W", "Weight W"),
  weighted: l("ΣW×R", "ΣW×R"),
  total: l("总分", "Total"),
  key: l("排序键", "Rank key"),
  rank: l("排序", "Rank"),
  check: l("检查", "Check"),
  yes: l("是", "Yes"),
  no: l("否", "No"),
  tie: l("并列 — 需审核小组讨论确定", "Tie — to be decided by the audit team"),
  incomplete: l("评分不全", "Scores incomplete"),
  missingWeight: l("缺少权重值", "Weight missing"),
  incompleteCount: l("评分不全", "Incomplete scores"),
};

/** One factor: its name and default weight W. */
export interface RankingFactor {
  name: L;
  weight: number;
}

/** A scored row with core's results. */
export interface RankedRow {
  /** the row's key: the candidate's name or the option's id ("" = missing) */
  name: string;
  scores: readonly number[];
  /** the typed scores when some score is a suggestion (null = blank cell, the suggestion is used); absent: `scores` */
  typed?: readonly (number | null)[];
  /** per factor, the suggested score (表2-10's proportional rule; null: none) */
  suggestions?: readonly (number | null)[];
  total: number;
  /** ROUND(total, 9), or null when not ranked */
  key: number | null;
  rank: number | null;
  check: L | null;
}

/** Factor column key. */
export const fk = (i: number): string => `f${i}`;
/** Suggested-score column key of factor `i` (a factor with a suggested score, 表2-11). */
export const sk = (i: number): string => `s${i}`;

/** Keys of the fixed columns after the factor columns. */
export type FixedKey = "total" | "key" | "rank" | "selected" | "check";

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

/**
 * The schema of a ranking table: the lead columns (`lead`, e.g. name; or id and looked-up name),
 * one column per factor (`f0`, `f1`, …) and the fixed columns.
 */
export function rankingSchema(tableName: string, lead: Readonly<Record<string, L>>, factors: readonly RankingFactor[], labels: RankingLabels): TableSchema<string> {
  const fixed: Record<FixedKey, L> = { total: labels.total, key: labels.key, rank: labels.rank, selected: labels.selected, check: labels.check };
  const names = (lang: "zh-CN" | "en-US") =>
    factorColumnNames(
      factors.map((f) => tr(lang, f.name)),
      [...Object.values(lead), ...Object.values(fixed)].map((x) => tr(lang, x)),
      (k) => (lang === "zh-CN" ? `因素${k + 1}` : `Factor ${k + 1}`),
    );
  const zh = names("zh-CN");
  const en = names("en-US");
  const columns: Record<string, L> = { ...lead };
  factors.forEach((_f, i) => (columns[fk(i)] = l(zh[i]!, en[i]!)));
  Object.assign(columns, fixed);
  return { name: tableName, columns };
}

/**
 * Core's totals and competition ranks of scored rows: every row with a key (`name` ≠ "") is ranked
 * (a validated case has a weight per factor and a score per factor and row); a keyless one is
 * flagged `noName` and not ranked, as the sheet does.
 */
export function rankRows(weights: readonly number[], items: readonly { name: string; scores: readonly number[] }[], noName: L): RankedRow[] {
  if (items.length === 0) return [];
  const res = evaluateFocusSelection(
    weights,
    items.map((c) => c.scores),
  );
  const ranked = items.flatMap((c, j) => (c.name !== "" ? [j] : []));
  const ranks = competitionRanks(ranked.map((j) => res.totals[j]!));
  return items.map((c, j) => {
    const at = ranked.indexOf(j);
    return {
      name: c.name,
      scores: c.scores,
      total: res.totals[j]!,
      key: at >= 0 ? round9(res.totals[j]!) : null,
      rank: at >= 0 ? ranks[at]! : null,
      check: at >= 0 ? null : noName,
    };
  });
}

/** The conclusion as the summary shows it: the rank-1 name, the tie note, or null. */
function conclusionOf(ctx: BuildContext, rows: readonly RankedRow[], tie: L, display: (r: RankedRow) => string): string | null {
  const top = rows.filter((r) => r.rank === 1);
  if (top.length === 0) return null;
  if (top.length > 1) return t(ctx, tie);
  return display(top[0]!);
}

/**
 * Formula pieces: the weight range of the band row, this row's scores, "row is empty", and for the
 * factors with a suggested score (`suggested`: their indices) "the score cell is blank and a
 * suggestion exists" — such a factor counts as scored, with the suggestion (a typed score wins).
 */
function kit(x: Refs<string>, n: number, keyCol: string, suggested: readonly number[]) {
  const W = `${x.bandCell(fk(0))}:${x.bandCell(fk(n - 1))}`;
  const R = x.span(fk(0), fk(n - 1));
  const empty = `AND(${x.r(keyCol)}="",COUNTA(${R})=0)`;
  const weightsMissing = `COUNT(${W})<COLUMNS(${W})`;
  const use = (i: number) => `AND(${x.r(fk(i))}="",ISNUMBER(${x.r(sk(i))}))`;
  const filled = [`COUNT(${R})`, ...suggested.map((i) => `IF(${use(i)},1,0)`)].join("+");
  const scoresMissing = `${filled}<COLUMNS(${R})`;
  const sum = [`SUMPRODUCT(${W},${R})`, ...suggested.map((i) => `${x.bandCell(fk(i))}*IF(${use(i)},${x.r(sk(i))},0)`)].join("+");
  return { W, R, empty, weightsMissing, scoresMissing, sum };
}

/** What a ranking table is made of. */
export interface RankingTableSpec<R extends RankedRow> {
  schema: TableSchema<string>;
  labels: RankingLabels;
  factors: readonly RankingFactor[];
  /** the lead columns (the first one's band shows the weight label); `keyCol` is the row's key */
  lead: readonly Column<R, string>[];
  keyCol: string;
  rows: (ctx: BuildContext) => readonly R[];
  scoreError: L;
  /** a further check after the built-in ones (e.g. an id not in the register): its formula (text or "") and the row's cached value */
  extraCheck?: { formula: (x: Refs<string>) => string; label: L; value: (r: R, ctx: BuildContext) => string | null };
  /** factors whose blank score takes a suggested score (表2-11): their indices and their suggestion columns (key `sk(i)`, after 检查) */
  suggested?: { indices: readonly number[]; column: (i: number) => Column<R, string> };
}

/** The ranking table (its factor columns depend on the case). */
export function rankingTable<R extends RankedRow>(spec: RankingTableSpec<R>): TableDef<R, string> {
  const { labels, factors, keyCol } = spec;
  const n = factors.length;
  const suggested = spec.suggested?.indices ?? [];
  const columns: Column<R, string>[] = [
    ...spec.lead,
    ...factors.map(
      (f, i): Column<R, string> => ({
        key: fk(i),
        role: "input",
        bandInput: () => ({ value: f.weight, format: FMT.general }),
        format: FMT.general,
        width: 10,
        validation: { number: { min: 0, max: 10, error: spec.scoreError } },
        value: (r) => (r?.typed ? (r.typed[i] ?? undefined) : r?.scores[i]),
      }),
    ),
    {
      key: "total",
      role: "computed",
      band: labels.weighted,
      format: FMT.general,
      formula: (x) => {
        const k = kit(x, n, keyCol, suggested);
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
      formula: (x) => `IF(AND(ISNUMBER(${x.r("total")}),${x.r(keyCol)}<>""),ROUND(${x.r("total")},9),"")`,
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
      formula: (x) => `IF(ISNUMBER(${x.r("rank")}),IF(${x.r("rank")}=1,${x.s(labels.yes)},${x.s(labels.no)}),"")`,
      value: (r, _k, ctx) => (r && r.rank !== null ? t(ctx, r.rank === 1 ? labels.yes : labels.no) : null),
    },
    {
      key: "check",
      role: "computed",
      width: 10,
      formula: (x) => {
        const k = kit(x, n, keyCol, suggested);
        const last = spec.extraCheck ? spec.extraCheck.formula(x) : `""`;
        return (
          `IF(${k.empty},"",IF(${k.scoresMissing},${x.s(labels.incomplete)},` +
          `IF(${k.weightsMissing},${x.s(labels.missingWeight)},IF(${x.r(keyCol)}="",${x.s(labels.noName)},${last}))))`
        );
      },
      value: (r, _k, ctx) => (r ? (r.check ? t(ctx, r.check) : (spec.extraCheck?.value(r, ctx) ?? null)) : null),
    },
    ...suggested.map((i) => spec.suggested!.column(i)),
  ];
  return defineTable<R, string>({
    schema: spec.schema,
    columns,
    rows: spec.rows,
    decorate(b, ctx2, g) {
      const bandRow = g.headerRow - 1;
      const first = g.col[fk(0)]!;
      const last = g.col[fk(n - 1)]!;
      const at = (key: string) => `$${colLetter(g.col[key]!)}${g.firstRow + 1}`;
      b.numberValidation(rect(bandRow, first, bandRow, last), "decimal", 0, undefined, t(ctx2, l("权重值为 ≥ 0 的数（通常 1–10）", "A weight is a number ≥ 0 (usually 1–10)")));
      b.conditional(rect(bandRow, first, bandRow, last), `NOT(ISNUMBER(${a1(bandRow, first)}))`, "bad");
      b.conditional(rect(g.firstRow, g.left, g.lastRow, g.right), `${at("rank")}=1`, "highlight");
      const check = at("check");
      const incomplete = str(t(ctx2, labels.incomplete));
      const checkCol = g.col.check!;
      const checkRange = rect(g.firstRow, checkCol, g.lastRow, checkCol);
      b.conditional(checkRange, `${check}=${incomplete}`, "warn");
      b.conditional(checkRange, `AND(${check}<>"",${check}<>${incomplete})`, "bad");
      const fits = [labels.incomplete, labels.missingWeight, labels.noName, ...(spec.extraCheck ? [spec.extraCheck.label] : [])];
      for (const x of fits) b.fit(g.col.check!, t(ctx2, x), 2);
      // a suggestion in use (its score cell blank) is shown as such, beside the blank score cell
      for (const i of suggested) {
        const c = g.col[sk(i)]!;
        b.conditional(rect(g.firstRow, c, g.lastRow, c), `AND(${at(fk(i))}="",ISNUMBER(${at(sk(i))}))`, "good");
      }
    },
  });
}

/** Rows the summary block takes (layoutTableSheet leaves one blank row after it, then the band row). */
export const RANKING_SUMMARY_ROWS = 3;

/** What the summary above a ranking table needs. */
export interface RankingSummarySpec {
  schema: TableSchema<string>;
  labels: RankingLabels;
  /** number of factors and the sheet column of the first factor */
  n: number;
  firstFactorCol: number;
  /** the column whose text the conclusion shows for the rank-1 row */
  showKey: string;
  rows: readonly RankedRow[];
  /** the cached conclusion text of the rank-1 row */
  display: (r: RankedRow) => string;
}

/** The summary above a ranking table: the rank-1 row (or the tie note), the ranked and the incomplete rows. */
export function rankingSummary(b: SheetBuilder, ctx: BuildContext, top: number, spec: RankingSummarySpec): number {
  const { schema, labels, n, rows } = spec;
  const w = (k: string) => whole(schema, k, ctx.lang);
  // the weights: band row of the table (one blank row below this block), factor columns
  const bandRow = top + RANKING_SUMMARY_ROWS + 1;
  const W = `${a1(bandRow, spec.firstFactorCol, true)}:${a1(bandRow, spec.firstFactorCol + n - 1, true)}`;
  const rank = w("rank");
  const tie = t(ctx, labels.tie);
  const missing = t(ctx, labels.missingWeight);
  const r0 = top;
  b.label(r0, 0, t(ctx, labels.conclusion), "total");
  b.formula(
    r0,
    1,
    `IF(COUNT(${W})<COLUMNS(${W}),${str(missing)},IF(COUNTIF(${rank},1)=0,"",IF(COUNTIF(${rank},1)>1,${str(tie)},INDEX(${w(spec.showKey)},MATCH(1,${rank},0))&"")))`,
    conclusionOf(ctx, rows, labels.tie, spec.display),
    "total",
  );
  const mergeRight = Math.max(3, Math.min(n, 4));
  b.merge(r0, 1, r0, mergeRight);
  const focusCell = a1(r0, 1);
  const focusRange = rect(r0, 1, r0, 1);
  b.conditional(focusRange, `${focusCell}=${str(tie)}`, "warn");
  b.conditional(focusRange, `${focusCell}=${str(missing)}`, "bad");
  b.label(r0 + 1, 0, t(ctx, labels.ranked));
  b.formula(r0 + 1, 1, `COUNT(${rank})`, rows.filter((r) => r.rank !== null).length, "total", FMT.integer);
  b.label(r0 + 2, 0, t(ctx, labels.incompleteCount));
  b.formula(r0 + 2, 1, `COUNTIF(${w("check")},${str(t(ctx, labels.incomplete))})`, rows.filter((r) => r.check === labels.incomplete).length, "total", FMT.integer);
  b.conditional(rect(r0 + 2, 1, r0 + 2, 1), `${a1(r0 + 2, 1)}>0`, "warn");
  return top + RANKING_SUMMARY_ROWS;
}

/** Where a ranking table's rows go in the case file (read-back, issue 13). */
export interface RankingReadSpec {
  /** the case section (`focusSelection`, `optionRanking`) */
  section: string;
  /** its list of rows (`candidates`, `options`) and the row's key field (`name`, `optionId`) */
  rowsField: string;
  keyField: string;
  /** the key column and the number of lead columns before the factor columns */
  keyCol: string;
  leadCount: number;
  labels: RankingLabels;
}

/** The factor columns of the workbook's table: after the lead columns, before the first fixed column (总分 …). */
function factorHeaders(headers: readonly string[], spec: RankingReadSpec): string[] {
  const fixed = new Set(
    (["total", "key", "rank", "selected", "check"] as const).flatMap((k) => [spec.labels[k].zh, spec.labels[k].en]).map((s) => s.trim().toUpperCase()),
  );
  const rest = headers.slice(spec.leadCount);
  const end = rest.findIndex((h) => fixed.has(h.trim().toUpperCase()));
  return end < 0 ? rest : rest.slice(0, end);
}

/**
 * Read-back of a ranking table (表2-11, 表4-3): the factors are the columns between the lead
 * columns and 总分, named by their headers, with the weight W in the band cell above each (a factor
 * inserted by the user is read too); each row gives its key and one score per factor (blank → null:
 * 表2-11 then uses the suggested score). The section is absent without rows.
 */
export function rankingReadBack(spec: RankingReadSpec): TableReadBack<string> {
  return {
    row(c: CellReader<string>) {
      const key = c.text(spec.keyCol);
      const scores = factorHeaders(c.headers(), spec).map((h) => c.numByHeader(h) ?? null);
      if (key === undefined && scores.every((s) => s === null)) return undefined;
      if (key === undefined) c.problem(spec.keyCol, `${spec.keyField}: 此行缺少${tr("zh-CN", spec.labels.noName)} / ${tr("en-US", spec.labels.noName)}`);
      return { [spec.keyField]: key ?? "", scores };
    },
    store(draft: CaseDraft, rows: unknown[], table: TableReader<string>) {
      if (rows.length === 0) return;
      const factors = factorHeaders(table.headers(), spec).map((name) => {
        const w = table.bandByHeader(name);
        const weight = typeof w === "number" ? w : typeof w === "string" && w.trim() !== "" && Number.isFinite(Number(w)) ? Number(w) : undefined;
        if (weight === undefined) table.problem(`${name}: ${w === undefined ? "缺少权重值 W / weight W missing" : `权重值 W 不是数值 / weight W is not a number ("${String(w)}")`}`);
        return { name, weight: weight ?? 0 };
      });
      draft[spec.section] = { factors, [spec.rowsField]: rows };
    },
  };
}
