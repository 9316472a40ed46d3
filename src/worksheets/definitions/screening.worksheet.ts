/**
 * 表4-2 方案初步筛选（简易筛选）表 Preliminary (simple) screening (spec WS4-2, step 18).
 *
 * Table `tblScreening`, one row per screened option: 方案编号 (dropdown CP_OptionIds) | 方案名称
 * (looked up by id in tblOptions) | √/× per criterion: 技术可行性, 环境效果, 经济效果, 实施难易程度,
 * 对生产和产品的影响 (dropdown of the lists sheet) | × 项 (the criteria marked ×) | 结论 | 检查.
 *
 * The rule (screening-rules.ts, spec [rule U], configurable on the sheet): the band cell above each
 * criterion says whether it is a veto (√ = a × there makes the option 不可行; default 技术可行性 and
 * 环境效果); the cell "允许的 × 个数" above the table (default 0) is how many × outside the vetoes
 * still give 可行; more give 需进一步研究. A criterion without √/× gives 待定 (unless a veto is
 * already ×), and 检查 names the missing criteria; 检查 also flags an id missing, not in the
 * register or screened twice (the register looks up the first row). Above the table: the rule cell
 * and the count of options per conclusion.
 *
 * The register's 状态 column looks the conclusion up by id (never typed), and 表4-4 lists the blocks.
 */
import { a1, colLetter, rect } from "../a1";
import type { ScreeningEntry } from "../case";
import { canonicalItem, l, SCREENING_CRITERIA, TICKS, type L } from "../i18n";
import type { BookReader, CaseDraft, CellReader, TableReader } from "../read-back";
import { FMT, str, t, TABLE_TOP, type BuildContext, type SheetBuilder } from "../layout";
import { defineTable, tableWorksheet, whole, type Column, type Refs } from "../table";
import { idCheckFormula, idCheckValue, optionIdColumn, registerTextColumn } from "./option-pick";
import { conclusionOfTicks, CRITERIA_KEYS, SCREENING_CONCLUSIONS, screeningRule, TBL_SCREENING } from "./screening-rules";

type K = keyof typeof TBL_SCREENING.columns;

export const SCREENING_LABELS = {
  allowed: l("允许的 × 个数（否决项以外）", "× allowed (outside vetoes)"),
  counts: l("结论统计", "Conclusions"),
  veto: l("否决项 √", "Veto √"),
  vetoNote: l("否决项 × → 不可行", "× on a veto → infeasible"),
  missing: l("缺少：", "Missing: "),
  ruleMissing: l("允许的 × 个数不是数值", "× allowed is not a number"),
};

/** Row of the rule cell "允许的 × 个数" (the first summary row) and its column. */
const RULE_ROW = TABLE_TOP;
const RULE_COL = 2;

/** A screening row with its cached results. */
interface Row {
  e: ScreeningEntry;
  crosses: string;
  conclusion: L;
  check: string;
}

/** The case's screening rows with their cached results. */
function rowsOf(ctx: BuildContext): Row[] {
  const sc = ctx.auditCase?.screening;
  if (!sc) return [];
  const rule = screeningRule(ctx.auditCase);
  return sc.options.map((e) => {
    const crosses = SCREENING_CRITERIA.filter((c) => e.ticks[c.key] === "×")
      .map((c) => t(ctx, c.label))
      .join(" ");
    const missing = SCREENING_CRITERIA.filter((c) => e.ticks[c.key] === undefined)
      .map((c) => t(ctx, c.label))
      .join(" ");
    // the check as the formula gives it: id problems first, then the missing criteria
    const idProblem = idCheckValue(
      ctx,
      e.optionId,
      sc.options.map((x) => x.optionId),
    );
    let check = "";
    if (idProblem) check = t(ctx, idProblem);
    else if (missing !== "") check = t(ctx, SCREENING_LABELS.missing) + missing;
    return { e, crosses, conclusion: conclusionOfTicks(e.ticks, rule), check };
  });
}

/** The × criteria of option `id` on the sheet (its first screening row, ids compared ignoring case), "" when not screened. */
export function screeningCrosses(ctx: BuildContext, id: string): string {
  return rowsOf(ctx).find((r) => r.e.optionId.toUpperCase() === id.toUpperCase())?.crosses ?? "";
}

/** "criterion text " for each criterion whose cell satisfies `test`, joined and trimmed. */
function namesWhere(x: Refs<K>, test: (cell: string) => string): string {
  return `TRIM(${CRITERIA_KEYS.map((k) => `IF(${test(x.r(k))},${x.s(TBL_SCREENING.columns[k])}&" ","")`).join("&")})`;
}

function columns(): Column<Row, K>[] {
  const tick = (k: (typeof CRITERIA_KEYS)[number]): Column<Row, K> => ({
    key: k,
    role: "input",
    width: 9,
    bandInput: (ctx) => ({ value: screeningRule(ctx.auditCase).vetoes.includes(k) ? "√" : null }),
    validation: { list: "tick" },
    value: (r) => (r ? (r.e.ticks[k] ?? null) : undefined),
  });
  return [
    optionIdColumn<Row>((r) => r?.e.optionId, SCREENING_LABELS.veto),
    { ...(registerTextColumn<Row>("name", (r) => r.e.optionId) as Column<Row, K>), band: SCREENING_LABELS.vetoNote },
    ...CRITERIA_KEYS.map(tick),
    {
      key: "crosses",
      role: "computed",
      width: 16,
      formula: (x) => namesWhere(x, (c) => `${c}="×"`),
      value: (r) => (r ? r.crosses : null),
    },
    {
      key: "conclusion",
      role: "computed",
      width: 10,
      formula: (x) => {
        const R = x.span("technical", "production");
        const V = `${x.bandCell("technical")}:${x.bandCell("production")}`;
        const rule = a1(RULE_ROW, RULE_COL, true);
        return (
          `IF(AND(${x.r("id")}="",COUNTA(${R})=0),"",` +
          `IF(SUMPRODUCT((${V}="√")*(${R}="×"))>0,${x.s(SCREENING_CONCLUSIONS.infeasible)},` +
          `IF(OR(COUNTIF(${R},"√")+COUNTIF(${R},"×")<COLUMNS(${R}),NOT(ISNUMBER(${rule}))),${x.s(SCREENING_CONCLUSIONS.pending)},` +
          `IF(COUNTIF(${R},"×")<=${rule},${x.s(SCREENING_CONCLUSIONS.feasible)},${x.s(SCREENING_CONCLUSIONS.study)}))))`
        );
      },
      value: (r, _k, ctx) => (r ? t(ctx, r.conclusion) : null),
    },
    {
      key: "check",
      role: "computed",
      width: 12,
      formula: (x) => {
        const R = x.span("technical", "production");
        const rule = a1(RULE_ROW, RULE_COL, true);
        return (
          `IF(AND(${x.r("id")}="",COUNTA(${R})=0),"",` +
          idCheckFormula(
            x,
            `IF(COUNTIF(${R},"√")+COUNTIF(${R},"×")<COLUMNS(${R}),${x.s(SCREENING_LABELS.missing)}&${namesWhere(x, (c) => `AND(${c}<>"√",${c}<>"×")`)},` +
              `IF(NOT(ISNUMBER(${rule})),${x.s(SCREENING_LABELS.ruleMissing)},""))`,
          ) +
          `)`
        );
      },
      value: (r) => (r ? r.check : null),
    },
  ];
}

/** Above the table: the rule cell and the count of options per conclusion. */
function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = rowsOf(ctx);
  b.label(top, 0, t(ctx, SCREENING_LABELS.allowed), "label", false);
  b.merge(top, 0, top, RULE_COL - 1);
  b.input(top, RULE_COL, screeningRule(ctx.auditCase).allowedCrosses, FMT.integer);
  b.numberValidation(rect(top, RULE_COL, top, RULE_COL), "whole", 0, CRITERIA_KEYS.length, t(ctx, l("允许的 × 个数为 0–5 的整数", "A whole number from 0 to 5")));
  b.label(top + 1, 0, t(ctx, SCREENING_LABELS.counts), "total", false);
  b.merge(top + 1, 0, top + 2, RULE_COL - 1);
  const all = Object.values(SCREENING_CONCLUSIONS);
  all.forEach((c, k) => {
    const col = RULE_COL + k;
    b.header(top + 1, col, t(ctx, c));
    b.formula(top + 2, col, `COUNTIF(${whole(TBL_SCREENING, "conclusion", ctx.lang)},${colLetter(col)}${top + 2})`, rows.filter((r) => r.conclusion === c).length, "total", FMT.integer);
  });
  b.conditional(rect(top, RULE_COL, top, RULE_COL), `NOT(ISNUMBER(${a1(top, RULE_COL)}))`, "bad");
  return top + 3;
}

/** A tick as the case writes it: √ / × (either spelling of the list), another text as typed. */
function tickOf(v: string | undefined): string | undefined {
  return v === undefined ? undefined : (canonicalItem(TICKS, v) ?? v);
}

/** Read-back of a screening row (issue 13): the id and the tick of each criterion. */
function readScreeningRow(c: CellReader<K>): Record<string, string> {
  const out: Record<string, string> = {};
  const id = c.text("id");
  if (id !== undefined) out.optionId = id;
  for (const k of CRITERIA_KEYS) {
    const v = tickOf(c.text(k));
    if (v !== undefined) out[k] = v;
  }
  if (id === undefined) c.problem("id", "optionId: 此行缺少方案编号 / this row has no option ID");
  return out;
}

/** The screening section: the vetoes (√ in the band above a criterion) and the rows; absent without rows. */
function storeScreening(draft: CaseDraft, rows: unknown[], table: TableReader<K>): void {
  if (rows.length === 0) return;
  const vetoes = CRITERIA_KEYS.filter((k) => {
    const v = table.band(k);
    return typeof v === "string" && tickOf(v.trim()) === "√";
  });
  draft.screening = { vetoes, options: rows };
}

/** The rule cell "允许的 × 个数" above the table (its fixed place in the summary) → screening.allowedCrosses. */
function readAllowedCrosses(book: BookReader, draft: CaseDraft): void {
  const sc = draft.screening as Record<string, unknown> | undefined;
  if (!sc) return;
  const v = book.cell("WS4-2", RULE_ROW, RULE_COL);
  if (v === undefined) return;
  if (typeof v === "number") sc.allowedCrosses = v;
  else book.problem(book.address("WS4-2", RULE_ROW, RULE_COL), book.lang === "zh-CN" ? `允许的 × 个数应为数值，却是 "${String(v)}"` : `× allowed must be a number, got "${String(v)}"`);
}

export const screeningWorksheet = tableWorksheet({
  key: "WS4-2",
  number: "4-2",
  sheetName: l("方案初步筛选", "Option screening"),
  title: l("方案初步筛选（简易筛选）表", "Preliminary (simple) screening of options"),
  dependsOn: ["PARAMS", "LISTS", "WS4-1"],
  note: l(
    "每行一个方案：选方案编号，按各项标准填 √ 或 ×。否决项（上方 √）为 × 的方案不可行；其余 × 不超过允许个数者可行，超过者需进一步研究；未填全者待定。结论决定方案汇总表的状态（可行的无/低费方案、初步可行的中/高费方案、不可行方案）。在表格下方输入即可添加方案。",
    "One option per row: pick its ID and mark each criterion √ or ×. A × on a veto (√ above the column) makes the option infeasible; otherwise up to the allowed number of × is feasible, more needs further study; an incomplete row is pending. The conclusion sets the option's status in the register. Type below the table to add an option.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  enterpriseEnd: 4,
  summary,
  readBack: { read: readAllowedCrosses },
  tables: [
    defineTable({
      schema: TBL_SCREENING,
      columns: columns(),
      rows: rowsOf,
      readBack: { row: readScreeningRow, store: storeScreening },
      decorate(b, ctx, g) {
        const bandRow = g.headerRow - 1;
        b.listValidationByName(rect(bandRow, g.col.technical, bandRow, g.col.production), "CP_List_tick", t(ctx, l("否决项填 √，否则留空", "√ for a veto, else blank")));
        const concl = `$${colLetter(g.col.conclusion)}${g.firstRow + 1}`;
        const cr = rect(g.firstRow, g.col.conclusion, g.lastRow, g.col.conclusion);
        b.conditional(cr, `${concl}=${str(t(ctx, SCREENING_CONCLUSIONS.feasible))}`, "highlight");
        b.conditional(cr, `${concl}=${str(t(ctx, SCREENING_CONCLUSIONS.infeasible))}`, "bad");
        b.conditional(cr, `OR(${concl}=${str(t(ctx, SCREENING_CONCLUSIONS.pending))},${concl}=${str(t(ctx, SCREENING_CONCLUSIONS.study))})`, "warn");
        const check = `$${colLetter(g.col.check)}${g.firstRow + 1}`;
        b.conditional(rect(g.firstRow, g.col.check, g.lastRow, g.col.check), `${check}<>""`, "bad");
      },
    }),
  ],
});
