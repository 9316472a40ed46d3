/**
 * 表4-3 方案的权重总和计分排序 Weighted-sum ranking of options (spec WS4-3, §2.5).
 *
 * The same engine and rules as 表2-11 (weighted-ranking.ts): table `tblOptionRanking`, one row per
 * option: 方案编号 (dropdown CP_OptionIds) | 方案名称 (looked up by id) | one score column R (0–10)
 * per factor, its weight W an input in the band row | 总分 = Σ W×R | 排序 (RANK.EQ on the hidden
 * ROUND(总分, 9)) | 是否排名第一 | 检查 (评分不全, 缺少权重值, 缺少方案编号, 编号不在方案汇总表, 重复).
 * Missing scores leave the option unranked, equal totals share a rank and several rank-1 options
 * give the tie note above the table. The blank template proposes the factors of spec §2.5
 * (环境效果 10, 经济可行性 8, 技术可行性 7, 可实施性 5; editable, a column inserted between two factor
 * columns adds a factor). 表4-4 shows each medium/high-cost option's rank.
 */
import { l } from "../i18n";
import { t, type BuildContext, type SheetBuilder } from "../layout";
import { tableWorksheet, type TableDef, type TableSchema } from "../table";
import { idCheckFormula, idCheckValue, optionIdColumn, PICK_LABELS, registerTextColumn } from "./option-pick";
import { COMMON_RANKING_LABELS, rankingReadBack, rankingSchema, rankingSummary, rankingTable, rankRows, type RankedRow, type RankingFactor } from "./weighted-ranking";

/** The option-screening factors and default weights (spec §2.5, editable preset [U]). */
export const DEFAULT_OPTION_FACTORS: readonly RankingFactor[] = [
  { name: l("环境效果", "Environmental effect"), weight: 10 },
  { name: l("经济可行性", "Economic feasibility"), weight: 8 },
  { name: l("技术可行性", "Technical feasibility"), weight: 7 },
  { name: l("可实施性", "Implementability"), weight: 5 },
];

export const RANKING_LABELS = {
  ...COMMON_RANKING_LABELS,
  id: l("方案编号", "Option ID"),
  name: l("方案名称", "Option name"),
  selected: l("是否排名第一", "Top ranked"),
  conclusion: l("排名第一的方案", "Top-ranked option"),
  noName: l("缺少方案编号", "ID missing"),
  ranked: l("参与排序", "Ranked options"),
};

export const TBL_OPTION_RANKING_NAME = "tblOptionRanking";

/** A ranked option row: the engine's row (its `name` is the option id). */
type Row = RankedRow;

function factorsOf(ctx: BuildContext): RankingFactor[] {
  const r = ctx.auditCase?.optionRanking;
  if (!r) return DEFAULT_OPTION_FACTORS.map((f) => ({ ...f }));
  return r.factors.map((f) => ({ name: l(f.name, f.name), weight: f.weight }));
}

/** The ranking table's schema for this workbook. */
export function optionRankingSchema(ctx: BuildContext): TableSchema<string> {
  return rankingSchema(TBL_OPTION_RANKING_NAME, { id: RANKING_LABELS.id, name: RANKING_LABELS.name }, factorsOf(ctx), RANKING_LABELS);
}

/** The case's ranked options with core's totals and competition ranks. */
export function optionRankingRows(ctx: BuildContext): Row[] {
  const r = ctx.auditCase?.optionRanking;
  if (!r) return [];
  return rankRows(
    r.factors.map((f) => f.weight),
    r.options.map((o) => ({ name: o.optionId, scores: o.scores })),
    RANKING_LABELS.noName,
  );
}

function table(ctx: BuildContext): TableDef<Row, string> {
  const schema = optionRankingSchema(ctx);
  const def = rankingTable<Row>({
    schema,
    labels: RANKING_LABELS,
    factors: factorsOf(ctx),
    keyCol: "id",
    lead: [optionIdColumn<Row>((r) => r?.name, RANKING_LABELS.weight), registerTextColumn<Row>("name", (r) => r.name)],
    rows: optionRankingRows,
    scoreError: l("评分 R 为 0–10 的数", "A score R is a number from 0 to 10"),
    // the id checks of every option-picking table (the blank id is flagged before as 缺少方案编号)
    extraCheck: {
      label: PICK_LABELS.unknownId,
      formula: (x) => idCheckFormula(x, `""`),
      value: (r, c) => {
        const p = idCheckValue(
          c,
          r.name,
          optionRankingRows(c).map((x) => x.name),
        );
        return p ? t(c, p) : "";
      },
    },
  });
  def.readBack = rankingReadBack({ section: "optionRanking", rowsField: "options", keyField: "optionId", keyCol: "id", leadCount: 2, labels: RANKING_LABELS });
  return def;
}

function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  return rankingSummary(b, ctx, top, {
    schema: optionRankingSchema(ctx),
    labels: RANKING_LABELS,
    n: factorsOf(ctx).length,
    firstFactorCol: 2,
    showKey: "id",
    rows: optionRankingRows(ctx),
    display: (r) => r.name,
  });
}

export const optionRankingWorksheet = tableWorksheet({
  key: "WS4-3",
  number: "4-3",
  sheetName: l("方案权重计分排序", "Option ranking"),
  title: l("方案的权重总和计分排序", "Weighted-sum ranking of options"),
  dependsOn: ["PARAMS", "WS4-1"],
  note: l(
    "每行一个方案（选方案编号）；权重值 W 填在各因素列上方，评分 R 为 0–10（最好者 10 分）。总分 = Σ W×R，按总分排序（RANK.EQ），并列时提示。评分不全的不参与排序；缺少权重值时均不排序。主要用于初步可行的中/高费方案；在表格下方输入即可添加方案，在两因素列之间插入列即可添加因素。",
    "One option per row (pick its ID); the weight W of each factor sits above its column, scores R are 0–10 (the best option 10). Total = Σ W×R, ranked by total (RANK.EQ); ties are flagged. Incomplete scores are not ranked; with a weight missing nobody is. Mainly for the preliminarily feasible medium/high-cost options; type below the table to add an option, insert a column between two factor columns to add a factor.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  enterpriseEnd: 4,
  summary,
  tables: (ctx) => [table(ctx)],
});
