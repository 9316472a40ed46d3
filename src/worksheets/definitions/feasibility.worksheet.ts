/**
 * 表5-4 方案可行性分析结果表 Feasibility analysis results (spec WS5-4, §6.4).
 *
 * Table `tblFeasibility` takes its options from the economics table: 方案编号 is picked from its ids
 * (`CP_EconomicsIds`; the builder lists every evaluated option) and 方案名称, I, F, N, NPV, NPVR, IRR
 * and the economic verdict are looked up by that id — so the conclusions typed on a row stay with
 * their option whatever rows are inserted into or sorted on the economics sheet. Above the table, the
 * number of evaluated options not yet listed here (flagged). 技术评估结论 and 环境评估结论 are inputs
 * (可行/不可行, list), never pre-filled:
 * while one of them is blank, or the economic verdict is pending, the overall conclusion reads 待定.
 * 综合结论 = 推荐实施 when all three are 可行, else 不推荐; 实施顺序 ranks the recommended options in
 * the economics sheet's order (NPVR, ties by IRR, then N: a hidden link to its 排序).
 */
import { colLetter } from "../a1";
import { canonicalItem, CONCLUSIONS, l } from "../i18n";
import type { CaseDraft, CellReader, TableReader } from "../read-back";
import { FMT, str, t, type BuildContext } from "../layout";
import { defaultRowCount, defineTable, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { ECON_LABELS } from "./economics-eval";
import { ECONOMICS_IDS_NAME, economicsRows, TBL_ECONOMICS } from "./economics.worksheet";
import { literalCriterion, lookupExact, lookupOrBlank } from "./exact-match";

export const TBL_FEASIBILITY = {
  name: "tblFeasibility",
  columns: {
    id: l("方案编号", "Option ID"),
    name: l("方案名称", "Option name"),
    tech: l("技术评估结论", "Technical evaluation"),
    env: l("环境评估结论", "Environmental evaluation"),
    investment: l("总投资I", "Investment I"),
    savings: l("年节省额P", "Annual savings P"),
    cashFlow: l("年增现金流量F", "Cash flow F"),
    payback: l("投资偿还期N", "Payback N"),
    npv: l("净现值NPV", "NPV"),
    npvr: l("净现值率NPVR", "NPVR"),
    irr: l("内部收益率IRR", "IRR"),
    econ: l("经济评估结论", "Economic evaluation"),
    notes: l("评估要点", "Notes"),
    overall: l("综合结论", "Overall conclusion"),
    order: l("实施顺序", "Implementation order"),
    check: l("检查", "Check"),
    econRank: l("经济排序", "Economic order"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_FEASIBILITY.columns;

export const FEASIBILITY_LABELS = {
  recommend: l("推荐实施", "Recommended"),
  notRecommend: l("不推荐", "Not recommended"),
  pending: l("待定", "Pending"),
  duplicate: l("编号重复", "Duplicate ID"),
  missingTech: l("缺少技术评估结论", "technical evaluation missing"),
  missingEnv: l("缺少环境评估结论", "environmental evaluation missing"),
  missingBoth: l("缺少技术和环境评估结论", "technical and environmental evaluations missing"),
  missing: l("经济评估表中尚未列入本表的方案", "Options of the economics sheet not yet in this table"),
};

type Row = ReturnType<typeof economicsRows>[number] & { overall: string; order: number | null };

/** Rows of the economics table with the overall conclusion and order (as the formulas compute them). */
function rows(ctx: BuildContext): Row[] {
  const econ = economicsRows(ctx);
  const yes = CONCLUSIONS[0]!.zh;
  const rec = t(ctx, FEASIBILITY_LABELS.recommend);
  const with1 = econ.map((r) => {
    const tech = r.e.technical;
    const env = r.e.environmental;
    const overall =
      tech === undefined || env === undefined
        ? t(ctx, FEASIBILITY_LABELS.pending)
        : tech === yes && env === yes && r.res.verdict.feasible
          ? rec
          : t(ctx, FEASIBILITY_LABELS.notRecommend);
    return { ...r, overall, order: null as number | null };
  });
  // the order among the recommended follows the economics sheet's order (NPVR, then IRR, then N)
  for (let i = 0; i < with1.length; i++) {
    if (with1[i]!.overall !== rec) continue;
    let above = 0;
    for (let j = 0; j < with1.length; j++) if (with1[j]!.overall === rec && with1[j]!.rank < with1[i]!.rank) above++;
    with1[i]!.order = 1 + above;
  }
  return with1;
}

/** This row's option's cell of an economics column (looked up by id; "" when the id is not there). */
function link(x: Refs<K>, col: keyof typeof TBL_ECONOMICS.columns): string {
  return lookupOrBlank(lookupExact(whole(TBL_ECONOMICS, col, x.lang), whole(TBL_ECONOMICS, "id", x.lang), x.r("id")));
}

const conclusionText = (ctx: BuildContext, v: string | undefined) => (v === undefined ? undefined : v === CONCLUSIONS[0]!.zh ? t(ctx, CONCLUSIONS[0]!) : t(ctx, CONCLUSIONS[1]!));

function linked(key: K, from: keyof typeof TBL_ECONOMICS.columns, format: string | undefined, value: (r: Row, ctx: BuildContext) => string | number | null): Column<Row, K> {
  return {
    key,
    role: "lookup",
    format,
    formula: (x) => `IF(${x.r("id")}="","",${link(x, from)})`,
    value: (r, _k, ctx) => (r ? value(r, ctx) : null),
  };
}

/** The technical evaluation items of spec §6.4 (case `technicalItems`) and their labels. */
const TECH_ITEMS = { maturity: l("先进性/成熟度", "maturity"), reliability: l("可靠性", "reliability"), quality: l("对生产与产品质量影响", "effect on output and quality"), safety: l("安全性", "safety") };
/** The environmental evaluation items of spec §6.4 (case `environmentalItems`) and their labels. */
const ENV_ITEMS = { reductions: l("削减量", "reductions"), resources: l("资源能源节约", "resource savings"), secondaryPollution: l("二次污染", "secondary pollution") };

/** The case's items of one block, in the labels' order, as "成熟/可靠/无/安全" ("—" for an item not given; undefined when none). */
function itemsText<F extends string>(given: Partial<Record<F, string>> | undefined, labels: Record<F, ReturnType<typeof l>>): string | undefined {
  if (!given) return undefined;
  const fields = Object.keys(labels) as F[];
  if (!fields.some((f) => given[f] !== undefined)) return undefined;
  return fields.map((f) => given[f] ?? "—").join("/");
}

/**
 * One text input for the technical and environmental evaluation items (spec §6.4; one narrow
 * column keeps the sheet printable on one A4 page at ≥ 75 %), the band naming the items in order:
 * the case's `technicalItems` and `environmentalItems` as "成熟/可靠/无影响/安全 | 减排/节煤/无".
 */
function notesInput(): Column<Row, K> {
  return {
    key: "notes",
    role: "input",
    band: l("技术：成熟度/可靠/质量/安全 | 环境：削减/资源能源/二次污染", "tech: maturity/reliability/quality/safety | env: reductions/resources/secondary"),
    format: FMT.text,
    width: 7,
    value: (r) => {
      if (!r) return undefined;
      const parts = [itemsText(r.e.technicalItems, TECH_ITEMS), itemsText(r.e.environmentalItems, ENV_ITEMS)];
      return parts.every((p) => p === undefined) ? undefined : parts.map((p) => p ?? "—").join(" | ");
    },
  };
}

/** The block of the notes text ("成熟/可靠/无影响/安全") back into its items; "—" = not given. */
function parseItems<F extends string>(part: string, labels: Record<F, unknown>): Partial<Record<F, string>> | undefined | null {
  const p = part.trim();
  if (p === "—" || p === "") return undefined;
  const fields = Object.keys(labels) as F[];
  const values = p.split("/").map((s) => s.trim());
  if (values.length !== fields.length) return null;
  const out: Partial<Record<F, string>> = {};
  fields.forEach((f, i) => {
    if (values[i] !== "—" && values[i] !== "") out[f] = values[i]!;
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

/** What a feasibility row adds to its economics entry. */
interface FeasibilityRead {
  optionId: string;
  technical?: string;
  environmental?: string;
  technicalItems?: Record<string, string>;
  environmentalItems?: Record<string, string>;
}

/**
 * Read-back of a feasibility row (issue 13): the two conclusions (可行/不可行 in their zh-CN form) and
 * the notes "技术项 | 环境项" back into technicalItems / environmentalItems (a notes text not in
 * that form is reported: the items cannot be told apart).
 */
function readFeasibilityRow(c: CellReader<K>): FeasibilityRead {
  const out: FeasibilityRead = { optionId: c.text("id") ?? "" };
  const conclusion = (key: "tech" | "env") => {
    const s = c.text(key);
    return s === undefined ? undefined : (canonicalItem(CONCLUSIONS, s) ?? s);
  };
  const tech = conclusion("tech");
  const env = conclusion("env");
  if (tech !== undefined) out.technical = tech;
  if (env !== undefined) out.environmental = env;
  const notes = c.text("notes");
  if (notes !== undefined) {
    const parts = notes.split("|");
    const ti = parseItems(parts[0] ?? "", TECH_ITEMS);
    const ei = parseItems(parts[1] ?? "", ENV_ITEMS);
    if (parts.length > 2 || ti === null || ei === null) {
      c.problem("notes", `评估要点须写作“成熟度/可靠/质量/安全 | 削减/资源能源/二次污染”（未填项写 —） / the notes must read "maturity/reliability/quality/safety | reductions/resources/secondary" (— for an item not given)`);
    } else {
      if (ti) out.technicalItems = ti;
      if (ei) out.environmentalItems = ei;
    }
  }
  if (out.optionId === "" && Object.keys(out).length > 1) c.problem("id", "optionId: 此行缺少方案编号 / this row has no option ID");
  return out;
}

/** Adds the conclusions and items to the economics entries of the same id (an id not evaluated there is reported when its row holds anything). */
function storeFeasibility(draft: CaseDraft, rows: unknown[], table: TableReader<K>): void {
  const econ = Array.isArray(draft.economics) ? (draft.economics as Record<string, unknown>[]) : [];
  for (const r of rows as FeasibilityRead[]) {
    const { optionId, ...rest } = r;
    if (Object.keys(rest).length === 0 || optionId === "") continue;
    const e = econ.find((x) => typeof x.optionId === "string" && x.optionId.toUpperCase() === optionId.toUpperCase());
    if (!e) {
      table.problem(`${optionId}: 不在经济评估表中，其评估结论无处可存 / not on the economics sheet: its conclusions have no entry to go to`);
      continue;
    }
    Object.assign(e, rest);
  }
}

const columns: readonly Column<Row, K>[] = [
  {
    key: "id",
    role: "input",
    format: FMT.text,
    width: 8,
    validation: { listName: ECONOMICS_IDS_NAME, error: l("请从经济评估表的方案编号中选择", "Choose an option ID of the economics sheet") },
    value: (r) => r?.e.optionId,
  },
  { key: "name", role: "lookup", width: 16, formula: (x) => `IF(${x.r("id")}="","",${link(x, "name")})`, value: (r, _k, ctx) => (r ? (ctx.auditCase?.options?.find((o) => o.id.toUpperCase() === r.e.optionId.toUpperCase())?.name ?? "") : null) },
  { key: "tech", role: "input", width: 9, validation: { list: "conclusion" }, value: (r, _k, ctx) => (r ? conclusionText(ctx, r.e.technical) : undefined) },
  { key: "env", role: "input", width: 9, validation: { list: "conclusion" }, value: (r, _k, ctx) => (r ? conclusionText(ctx, r.e.environmental) : undefined) },
  linked("investment", "investment", FMT.money, (r) => r.res.investment),
  linked("savings", "pUsed", FMT.money, (r) => r.src.typedP ?? r.src.p),
  linked("cashFlow", "cashFlow", FMT.money, (r, ctx) => (r.e.cashFlows !== undefined ? t(ctx, ECON_LABELS.perYear) : r.res.annualCashFlow)),
  linked("payback", "payback", FMT.years, (r, ctx) => r.res.paybackYears ?? t(ctx, ECON_LABELS.notRecovered)),
  linked("npv", "npv", FMT.money, (r) => r.res.npv),
  linked("npvr", "npvr", FMT.percent, (r) => r.res.npvr),
  linked("irr", "irr", FMT.percent, (r, ctx) => r.res.irr ?? t(ctx, ECON_LABELS.noIrr)),
  {
    key: "econ",
    role: "lookup",
    width: 9,
    formula: (x) => {
      const v = link(x, "verdict");
      const pending = x.s(ECON_LABELS.pending);
      return `IF(${x.r("id")}="","",IF(${v}=${x.s(ECON_LABELS.feasible)},${x.s(CONCLUSIONS[0]!)},IF(OR(${v}="",LEFT(${v},${x.t(ECON_LABELS.pending).length})=${pending}),${x.s(FEASIBILITY_LABELS.pending)},${x.s(CONCLUSIONS[1]!)})))`;
    },
    value: (r, _k, ctx) => (r ? (r.res.verdict.feasible ? t(ctx, CONCLUSIONS[0]!) : t(ctx, CONCLUSIONS[1]!)) : null),
  },
  notesInput(),
  {
    key: "overall",
    role: "computed",
    width: 9,
    formula: (x) => {
      const yes = x.s(CONCLUSIONS[0]!);
      return `IF(${x.r("id")}="","",IF(OR(${x.r("tech")}="",${x.r("env")}="",${x.r("econ")}=${x.s(FEASIBILITY_LABELS.pending)}),${x.s(FEASIBILITY_LABELS.pending)},IF(AND(${x.r("tech")}=${yes},${x.r("env")}=${yes},${x.r("econ")}=${yes}),${x.s(FEASIBILITY_LABELS.recommend)},${x.s(FEASIBILITY_LABELS.notRecommend)})))`;
    },
    value: (r) => (r ? r.overall : null),
  },
  {
    key: "order",
    role: "computed",
    width: 6,
    format: FMT.integer,
    formula: (x) => `IF(OR(${x.r("overall")}<>${x.s(FEASIBILITY_LABELS.recommend)},NOT(ISNUMBER(${x.r("econRank")}))),"",1+COUNTIFS(${x.all("overall")},${x.s(FEASIBILITY_LABELS.recommend)},${x.all("econRank")},"<"&${x.r("econRank")}))`,
    value: (r) => (r ? r.order : null),
  },
  {
    key: "check",
    role: "computed",
    width: 10,
    formula: (x) =>
      `IF(${x.r("id")}="","",IF(ISNA(MATCH(${literalCriterion(x.r("id"))},${whole(TBL_ECONOMICS, "id", x.lang)},0)),${x.s(ECON_LABELS.notInEconomics)},` +
      `IF(SUMPRODUCT(--(${x.all("id")}=${x.r("id")}))>1,${x.s(FEASIBILITY_LABELS.duplicate)},` +
      `IF(AND(${x.r("tech")}="",${x.r("env")}=""),${x.s(FEASIBILITY_LABELS.missingBoth)},` +
      `IF(${x.r("tech")}="",${x.s(FEASIBILITY_LABELS.missingTech)},IF(${x.r("env")}="",${x.s(FEASIBILITY_LABELS.missingEnv)},""))))))`,
    value: (r, _k, ctx) => {
      if (!r) return null;
      if (economicsRows(ctx).filter((x) => x.e.optionId.toUpperCase() === r.e.optionId.toUpperCase()).length > 1) return t(ctx, FEASIBILITY_LABELS.duplicate);
      if (r.e.technical === undefined && r.e.environmental === undefined) return t(ctx, FEASIBILITY_LABELS.missingBoth);
      if (r.e.technical === undefined) return t(ctx, FEASIBILITY_LABELS.missingTech);
      if (r.e.environmental === undefined) return t(ctx, FEASIBILITY_LABELS.missingEnv);
      return "";
    },
  },
  {
    key: "econRank",
    role: "lookup",
    hidden: true,
    format: FMT.integer,
    formula: (x) => `IF(${x.r("id")}="","",${link(x, "rank")})`,
    value: (r) => (r ? r.rank : null),
  },
];

export const feasibilityWorksheet = tableWorksheet({
  key: "WS5-4",
  number: "5-4",
  sheetName: l("可行性分析", "Feasibility"),
  title: l("方案可行性分析结果表", "Feasibility analysis results"),
  dependsOn: ["PARAMS", "LISTS", "WS4-1", "WS5-3"],
  note: l(
    "方案编号从“经济评估”表选择，经济指标（I、P、F、N、NPV、NPVR、IRR）按编号引用；技术要点、环境要点填写各项评价（先进性/成熟度、可靠性、对生产与产品质量影响、安全性；削减量、资源能源节约、二次污染），结论从下拉列表选择（未填者综合结论为待定）。技术、环境、经济三项均可行者推荐实施。实施顺序只在推荐实施的方案之间排列：按经济评估表的顺序（NPVR 大者在前，相同时比 IRR，再比 N）；不推荐或待定的方案不排序。上方显示经济评估表中尚未列入本表的方案数。",
    "Pick each option ID from the economics sheet (I, P, F, N, NPV, NPVR and IRR are looked up by ID); note the technical items (maturity, reliability, effect on output and quality, safety) and environmental items (reductions, resource savings, secondary pollution) and choose their conclusions from the lists (blank: the overall conclusion is pending). Options feasible on all three counts are recommended. The implementation order ranks the recommended options only, in the economics sheet's order (larger NPVR first, ties by IRR, then N); options not recommended or pending get no order. Above: options of the economics sheet not yet listed here.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  enterpriseEnd: 4,
  summary(b, ctx, top) {
    // an option evaluated on the economics sheet but not listed here (a flag, never a silent omission)
    const econIds = whole(TBL_ECONOMICS, "id", ctx.lang);
    const mine = whole(TBL_FEASIBILITY, "id", ctx.lang);
    b.label(top, 0, t(ctx, FEASIBILITY_LABELS.missing), "label", false);
    b.merge(top, 0, top, 3);
    // ids compared literally (wildcards * ? ~ escaped, as every lookup of an id)
    b.formula(top, 4, `SUMPRODUCT((${econIds}<>"")*ISNA(MATCH(${literalCriterion(econIds)},${mine},0)))`, 0, "total", FMT.integer);
    b.conditional({ top, left: 4, bottom: top, right: 4 }, `E${top + 1}>0`, "warn");
    return top + 1;
  },
  tables: [
    defineTable({
      schema: TBL_FEASIBILITY,
      columns,
      rows,
      rowCount: (ctx) => defaultRowCount(ctx, economicsRows(ctx).length),
      readBack: { row: readFeasibilityRow, store: storeFeasibility },
      decorate(b, ctx, g) {
        const v = (col: number) => `$${colLetter(col)}${g.firstRow + 1}`;
        const range = (c: number) => ({ top: g.firstRow, left: c, bottom: g.lastRow, right: c });
        b.conditional(range(g.col.overall), `${v(g.col.overall)}=${str(t(ctx, FEASIBILITY_LABELS.recommend))}`, "good");
        b.conditional(range(g.col.overall), `${v(g.col.overall)}=${str(t(ctx, FEASIBILITY_LABELS.notRecommend))}`, "bad");
        b.conditional(range(g.col.overall), `${v(g.col.overall)}=${str(t(ctx, FEASIBILITY_LABELS.pending))}`, "warn");
        b.conditional({ top: g.firstRow, left: g.col.id, bottom: g.lastRow, right: g.col.name }, `${v(g.col.order)}=1`, "highlight");
      },
    }),
  ],
});
