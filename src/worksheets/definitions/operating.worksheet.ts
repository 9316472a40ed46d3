/**
 * 表5-2 运行费用和收益统计表 Operating cost and revenue statement (spec WS5-2, §3.1: P = 收入增加额 +
 * 总运行费用减少额).
 *
 * Table `tblOperating`, one row per option (万元/a): 方案编号 (picked from the register) | 方案名称
 * (looked up) | 1 收入增加: 产量增加, 质量/价格提高, 副产品/回收物, 其他收入 | 收入增加额ΔR = Σ | 2 运行费用减少
 * (a decrease positive, an increase negative): 原材料, 动力和燃料, 水, 人工, 维修, 废物处理处置, 排污费/环保税,
 * 其他费用 | 运行费用减少额ΔC = Σ | 年节省额P = ΔR + ΔC | 检查.
 *
 * Blank-safe as the investment statement (statement-kit.ts). The economics sheet (表5-3) takes P from
 * here by id when this row's P is a number, else from the register's 预计年效益 (a P typed on the
 * economics sheet wins over both), and shows which.
 */
import type { OperatingEntry } from "../case";
import { l, type L } from "../i18n";
import type { BuildContext } from "../layout";
import { defineTable, tableWorksheet, type Column, type Refs, type TableSchema } from "../table";
import { fieldsReadBack } from "./read-kit";
import { checkFormula, checkValue, figureColumn, firstById, idColumn, itemColumns, nameColumn, sumFormula, sumItems, type StatementItem } from "./statement-kit";

export const TBL_OPERATING = {
  name: "tblOperating",
  columns: {
    id: l("方案编号", "Option ID"),
    name: l("方案名称", "Option name"),
    output: l("产量增加", "More output"),
    quality: l("质量价格提高", "Quality, price"),
    byproducts: l("副产品回收", "By-products"),
    otherRevenue: l("其他收入", "Other revenue"),
    revenue: l("收入增加额ΔR", "Revenue ΔR"),
    materials: l("原材料", "Materials"),
    energy: l("动力和燃料", "Energy, fuel"),
    water: l("水", "Water"),
    labour: l("人工", "Labour"),
    maintenance: l("维修", "Maintenance"),
    waste: l("废物处理处置", "Waste disposal"),
    fees: l("排污费环保税", "Emission fees"),
    otherCost: l("其他费用", "Other costs"),
    costs: l("运行费用减少额ΔC", "Cost decrease ΔC"),
    savings: l("年节省额P", "Annual savings P"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_OPERATING.columns;

const PER_YEAR = l("万元/a", "10⁴ CNY/a");
const DECREASE = l("减少为正 万元/a", "decrease > 0 10⁴ CNY/a");

const REVENUE: StatementItem<OperatingEntry, K>[] = [
  { key: "output", value: (e) => e.revenue?.output },
  { key: "quality", value: (e) => e.revenue?.quality },
  { key: "byproducts", value: (e) => e.revenue?.byproducts },
  { key: "otherRevenue", value: (e) => e.revenue?.other },
];
const COSTS: StatementItem<OperatingEntry, K>[] = [
  { key: "materials", band: DECREASE, value: (e) => e.costDecrease?.materials },
  { key: "energy", band: DECREASE, value: (e) => e.costDecrease?.energy },
  { key: "water", band: DECREASE, value: (e) => e.costDecrease?.water },
  { key: "labour", band: DECREASE, value: (e) => e.costDecrease?.labour },
  { key: "maintenance", band: DECREASE, value: (e) => e.costDecrease?.maintenance },
  { key: "waste", band: DECREASE, value: (e) => e.costDecrease?.wasteDisposal },
  { key: "fees", band: DECREASE, value: (e) => e.costDecrease?.emissionFees },
  { key: "otherCost", band: DECREASE, value: (e) => e.costDecrease?.other },
];

/** The computed figures of one statement row (null = the cell's ""): ΔR, ΔC, P. */
export interface OperatingFigures {
  revenue: number | null;
  costs: number | null;
  savings: number | null;
}

/** Figures of a case row, summed as the sheet's SUMs add them. */
export function operatingFigures(e: OperatingEntry): OperatingFigures {
  const r = REVENUE.map((it) => it.value(e));
  const c = COSTS.map((it) => it.value(e));
  if (sumItems([...r, ...c]) === null) return { revenue: null, costs: null, savings: null };
  return { revenue: sumItems(r) ?? 0, costs: sumItems(c) ?? 0, savings: sumItems([...r, ...c]) ?? 0 };
}

/** P of option `id` on this sheet (its first row, as the economics sheet's lookup finds it), or null. */
export function statementSavings(ctx: BuildContext, id: string): number | null {
  const e = firstById(ctx.auditCase?.operating, id);
  return e ? operatingFigures(e).savings : null;
}

const leaves = (x: Refs<K>) => [x.span("output", "otherRevenue"), x.span("materials", "otherCost")];

const computed = (key: K, band: L, formula: (x: Refs<K>) => string, pick: (f: OperatingFigures) => number | null) => figureColumn<OperatingEntry, K, OperatingFigures>(key, band, formula, operatingFigures, pick);

const columns: readonly Column<OperatingEntry, K>[] = [
  idColumn("id"),
  nameColumn("name", "id"),
  ...itemColumns(REVENUE, PER_YEAR),
  computed("revenue", l("1 = Σ 收入增加", "1 = Σ revenue"), (x) => sumFormula(x, "id", leaves(x), [x.span("output", "otherRevenue")]), (f) => f.revenue),
  ...itemColumns(COSTS, PER_YEAR),
  computed("costs", l("2 = Σ 费用减少", "2 = Σ decreases"), (x) => sumFormula(x, "id", leaves(x), [x.span("materials", "otherCost")]), (f) => f.costs),
  computed("savings", l("P = 1 + 2，万元/a", "P = 1 + 2, 10⁴ CNY/a"), (x) => sumFormula(x, "id", leaves(x), leaves(x)), (f) => f.savings),
  {
    key: "check",
    role: "computed",
    width: 10,
    formula: (x) => checkFormula(x, "id", leaves(x)),
    value: (e, _k, ctx) => (e ? checkValue(ctx, e.optionId, ctx.auditCase?.operating ?? [], operatingFigures(e).savings !== null) : null),
  },
];

export const operatingWorksheet = tableWorksheet({
  key: "WS5-2",
  number: "5-2",
  sheetName: l("运行费用和收益", "Operating costs"),
  title: l("运行费用和收益统计表", "Operating cost and revenue statement"),
  dependsOn: ["PARAMS", "LISTS", "WS4-1"],
  note: l(
    "每个方案一行（方案编号从方案汇总表选择），金额单位 万元/a。收入增加额 ΔR 为各项收入增加之和；运行费用减少额 ΔC 为各项费用减少之和（费用减少为正，增加填负数）；年运行费用总节省金额 P = ΔR + ΔC。空白项按 0 计；一行未填任何项时不计算。经济评估表按方案编号引用本表的 P。",
    "One row per option (pick the ID from the register); money in 10⁴ CNY/a. ΔR = the sum of the revenue increases; ΔC = the sum of the cost decreases (a decrease is positive, an increase negative); annual savings P = ΔR + ΔC. A blank item counts 0; a row with no item is not computed. The economics sheet takes P from here by option ID.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  tables: [
    defineTable({
      schema: TBL_OPERATING,
      columns,
      rows: (ctx) => ctx.auditCase?.operating ?? [],
      readBack: fieldsReadBack<K>(
        "operating",
        {
          optionId: ["id", "text"],
          "revenue.output": ["output", "num"],
          "revenue.quality": ["quality", "num"],
          "revenue.byproducts": ["byproducts", "num"],
          "revenue.other": ["otherRevenue", "num"],
          "costDecrease.materials": ["materials", "num"],
          "costDecrease.energy": ["energy", "num"],
          "costDecrease.water": ["water", "num"],
          "costDecrease.labour": ["labour", "num"],
          "costDecrease.maintenance": ["maintenance", "num"],
          "costDecrease.wasteDisposal": ["waste", "num"],
          "costDecrease.emissionFees": ["fees", "num"],
          "costDecrease.other": ["otherCost", "num"],
        },
        "optionId",
      ),
    }),
  ],
});
