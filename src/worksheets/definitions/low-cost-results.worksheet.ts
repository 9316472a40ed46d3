/**
 * 表4-6 无/低费方案实施效果的核定与汇总 Verified results of the no/low-cost options (spec WS4-6,
 * steps 20–21).
 *
 * Table `tblLowCostResults`, one row per implemented no/low-cost option: 方案编号 (dropdown
 * CP_OptionIds) | 方案名称, 费用类别 (looked up by id) | 实施时间 (text) | 投资 (万元) | 运行费 (万元/a,
 * added operating cost) | 经济效益 (万元/a) | 节水 (m³/a) | 节电 (kWh/a) | 废水削减 (t/a) |
 * 固废削减 (t/a) | 检查 (id missing / not in the register / twice; 不是无/低费方案 when the class is
 * not 无费 / 低费 / 无/低费; 数值列含文字 when a number column holds a text). Money and amounts are
 * typed (≥ 0 except the benefit and the operating cost, which may be negative).
 *
 * Above the table: the totals of every number column (SUM over the whole column: a row typed below
 * the table is counted) and the number of verified options.
 */
import { colLetter, rect } from "../a1";
import type { LowCostResult } from "../case";
import { l, LOW_COST_CLASSES, type L } from "../i18n";
import { FMT, t, type BuildContext, type SheetBuilder } from "../layout";
import { defineTable, tableWorksheet, whole, type Column, type TableSchema } from "../table";
import { inClassGroup } from "./option-register.worksheet";
import { costGroup } from "./screening-rules";
import { fieldsReadBack, type FieldMap } from "./read-kit";
import { idCheckFormula, idCheckValue, optionIdColumn, registerEntryOf, registerTextColumn } from "./option-pick";

export const TBL_LOW_COST_RESULTS = {
  name: "tblLowCostResults",
  columns: {
    id: l("方案编号", "Option ID"),
    name: l("方案名称", "Option name"),
    costClass: l("费用类别", "Cost class"),
    date: l("实施时间", "Implemented"),
    investment: l("投资", "Investment"),
    operatingCost: l("运行费", "Operating cost"),
    benefit: l("经济效益", "Benefit"),
    water: l("节水", "Water saved"),
    electricity: l("节电", "Power saved"),
    wastewater: l("废水削减", "Wastewater cut"),
    solidWaste: l("固废削减", "Solid waste cut"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_LOW_COST_RESULTS.columns;

export const LOW_COST_LABELS = {
  notLow: l("不是无/低费方案", "Not a no/low-cost option"),
  textInNumbers: l("数值列含文字", "Text in a number column"),
  total: l("合计", "Total"),
  count: l("已核定方案数", "Options verified"),
};

/** The number columns: key, band (unit), case field, minimum. */
const NUMBERS: readonly { key: K; band: L; field: keyof LowCostResult; min?: number }[] = [
  { key: "investment", band: l("万元", "10⁴ CNY"), field: "investment", min: 0 },
  { key: "operatingCost", band: l("万元/a", "10⁴ CNY/a"), field: "operatingCost" },
  { key: "benefit", band: l("万元/a", "10⁴ CNY/a"), field: "annualBenefit" },
  { key: "water", band: l("m³/a", "m³/a"), field: "waterSaved", min: 0 },
  { key: "electricity", band: l("kWh/a", "kWh/a"), field: "electricitySaved", min: 0 },
  { key: "wastewater", band: l("t/a", "t/a"), field: "wastewaterReduced", min: 0 },
  { key: "solidWaste", band: l("t/a", "t/a"), field: "solidWasteReduced", min: 0 },
];

const numberColumn = (n: (typeof NUMBERS)[number]): Column<LowCostResult, K> => {
  const money = n.key === "investment" || n.key === "operatingCost" || n.key === "benefit";
  const rule = n.min === 0 ? l(`须为 ≥ 0 的数（${n.band.zh}）`, `A number ≥ 0 (${n.band.en})`) : l(`须为数值（${n.band.zh}）`, `A number (${n.band.en})`);
  const number: { min?: number; error: L } = { error: rule };
  if (n.min !== undefined) number.min = n.min;
  return {
    key: n.key,
    role: "input",
    band: n.band,
    format: money ? FMT.money : FMT.general,
    validation: { number },
    value: (r) => (r ? (r[n.field]) : undefined),
  };
};

/** Case fields of the input columns (read-back, issue 13). */
const READ_FIELDS: FieldMap<K> = {
  optionId: ["id", "text"],
  date: ["date", "text"],
  ...Object.fromEntries(NUMBERS.map((n) => [n.field, [n.key, "num"] as const])),
};

const rowsOf = (ctx: BuildContext): readonly LowCostResult[] => ctx.auditCase?.lowCostResults ?? [];

const columns: Column<LowCostResult, K>[] = [
  optionIdColumn<LowCostResult>((r) => r?.optionId),
  registerTextColumn<LowCostResult>("name", (r) => r.optionId) as Column<LowCostResult, K>,
  registerTextColumn<LowCostResult>("costClass", (r) => r.optionId) as Column<LowCostResult, K>,
  { key: "date", role: "input", format: FMT.text, width: 10, value: (r) => r?.date },
  ...NUMBERS.map(numberColumn),
  {
    key: "check",
    role: "computed",
    width: 12,
    formula: (x) =>
      `IF(AND(${x.r("id")}="",COUNTA(${x.span("date", "solidWaste")})=0),"",` +
      idCheckFormula(
        x,
        `IF(NOT(${inClassGroup(x, x.r("costClass"), LOW_COST_CLASSES)}),${x.s(LOW_COST_LABELS.notLow)},` +
          `IF(SUMPRODUCT(--ISTEXT(${x.span("investment", "solidWaste")}))>0,${x.s(LOW_COST_LABELS.textInNumbers)},""))`,
      ) +
      `)`,
    value: (r, _k, ctx) => {
      if (!r) return null;
      const p = idCheckValue(
        ctx,
        r.optionId,
        rowsOf(ctx).map((x) => x.optionId),
      );
      if (p) return t(ctx, p);
      return costGroup(registerEntryOf(ctx, r.optionId)?.costClass) === "low" ? "" : t(ctx, LOW_COST_LABELS.notLow);
    },
  },
];

/** Σ of a case field over the rows (SUM adds the numbers only). */
function sumOf(rows: readonly LowCostResult[], field: keyof LowCostResult): number {
  let s = 0;
  for (const r of rows) {
    const v = r[field];
    if (typeof v === "number") s += v;
  }
  return s;
}

/** Above the table: the number of verified options and the total of each number column, in that column. */
function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = rowsOf(ctx);
  const keys = Object.keys(TBL_LOW_COST_RESULTS.columns) as K[];
  const at = (k: K) => keys.indexOf(k);
  const w = (k: K) => whole(TBL_LOW_COST_RESULTS, k, ctx.lang);
  b.label(top, 0, t(ctx, LOW_COST_LABELS.count), "label", false);
  b.merge(top, 0, top, 1);
  b.formula(top, at("costClass"), `SUMPRODUCT(--(${w("id")}<>""))`, rows.length, "total", FMT.integer);
  b.label(top + 1, 0, t(ctx, LOW_COST_LABELS.total), "total", false);
  b.merge(top + 1, 0, top + 1, at("date"));
  for (const n of NUMBERS) {
    const c = at(n.key);
    b.formula(top + 1, c, `SUM(${w(n.key)})`, sumOf(rows, n.field), "total", c <= at("benefit") ? FMT.money : FMT.general);
  }
  return top + 2;
}

export const lowCostResultsWorksheet = tableWorksheet({
  key: "WS4-6",
  number: "4-6",
  sheetName: l("无低费方案效果", "No-low-cost results"),
  title: l("无/低费方案实施效果的核定与汇总", "Verified results of the no/low-cost options"),
  dependsOn: ["PARAMS", "WS4-1"],
  note: l(
    "每行一个已实施的无/低费方案（选方案编号，名称和费用类别自动引用），填核定的投资、运行费、年经济效益和削减量；合计在表格上方。在表格下方输入即可添加方案。",
    "One implemented no/low-cost option per row (pick its ID; name and cost class are looked up): verified investment, operating cost, annual benefit and reductions; totals above the table. Type below the table to add an option.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  summary,
  tables: [
    defineTable({
      schema: TBL_LOW_COST_RESULTS,
      columns,
      rows: rowsOf,
      readBack: fieldsReadBack<K>("lowCostResults", READ_FIELDS, "optionId"),
      decorate(b, _ctx, g) {
        const check = `$${colLetter(g.col.check)}${g.firstRow + 1}`;
        b.conditional(rect(g.firstRow, g.col.check, g.lastRow, g.col.check), `${check}<>""`, "bad");
      },
    }),
  ],
});
