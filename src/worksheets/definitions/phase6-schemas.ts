/**
 * Names shared by the phase 6 worksheets and the energy/carbon coefficient sheet (issue 12):
 * table names, the columns other sheets reference, and the standard effect items. Each sheet's
 * definition owns its table; the schemas sit here so that the sheets which read each other
 * (表6-6 sums 表6-2/6-4 by option and item; 表6-9 sums them by cost class) agree on the names.
 * A table may add columns at its end (its own definition extends the schema), never rename these:
 * table and column names are part of the file format (docs/MODEL.md).
 */
import { l } from "../i18n";
import type { TableSchema } from "../table";

/**
 * The standard effect items (比较项目) of the coefficient table: energy carriers, energy-carrying
 * media and pollutants. Their zh/en names are the keys the effect tables' 比较项目 dropdown
 * offers and the summaries look up (SUMIFS by item name); the coefficient table carries more
 * carriers (coal, gas, steam …), the user may add rows.
 */
export const EFFECT_ITEMS = {
  electricity: l("电力", "Electricity"),
  freshWater: l("新水", "Fresh water"),
  cod: l("COD", "COD"),
  ammonia: l("氨氮", "NH3-N"),
  so2: l("SO2", "SO2"),
  nox: l("NOx", "NOx"),
  vocs: l("VOCs", "VOCs"),
  particulates: l("颗粒物", "Particulates"),
  solidWaste: l("一般固废", "Solid waste"),
  hazardousWaste: l("危险废物", "Hazardous waste"),
} as const;

/**
 * Coefficient sheet (系数): one row per effect item. `item` is the key (EFFECT_ITEMS and the
 * carriers of GB/T 2589), `unit` the unit a quantity of it is entered in, `tceUsed` the kgce per
 * unit under the workbook's electricity convention (CP_ElecConvention), `co2Used` the tCO2 per
 * unit (electricity: the grid factor of CP_FactorYear / CP_GridRegion, never through tce). Blank
 * factors for pollutants.
 */
export const TBL_FACTORS_NAME = "tblFactors";
/** Grid emission factors by data year and region (tCO2/MWh = kgCO2/kWh). */
export const TBL_GRID_FACTORS_NAME = "tblGridFactors";
/** Dropdown source of the effect tables' 比较项目: the coefficient table's item column. */
export const EFFECT_ITEMS_NAME = "CP_EffectItems";

/** Columns of 表6-2 (tblLowCostEffects) and 表6-4 (tblHighCostEffects) that other sheets read. */
export const EFFECT_COLUMNS = {
  id: l("方案编号", "Option ID"),
  name: l("方案名称", "Option name"),
  item: l("比较项目", "Item"),
  unit: l("单位", "Unit"),
  before: l("实施前", "Before"),
  after: l("实施后", "After"),
  reduction: l("削减量", "Reduction"),
  reductionRate: l("削减率", "Reduction rate"),
  tce: l("节能量", "Energy saved"),
  co2: l("减碳量", "CO2 avoided"),
  check: l("检查", "Check"),
} as const;
/** 表6-2 已实施的无/低费方案环境效果: one row per option × item (long form; rows grow). */
export const TBL_LOW_COST_EFFECTS = { name: "tblLowCostEffects", columns: EFFECT_COLUMNS } as const satisfies TableSchema;
/** 表6-4 已实施的中/高费方案环境效果: the same columns plus 设计值 (design) and 达成率 (achievement), defined by its sheet. */
export const TBL_HIGH_COST_EFFECTS_NAME = "tblHighCostEffects";

/** 表6-1 方案实施计划/进度表 (tblImplementation): the columns other sheets read. */
export const IMPLEMENTATION_COLUMNS = {
  id: l("方案编号", "Option ID"),
  actualFinish: l("实际完成", "Actual finish"),
  status: l("状态", "Status"),
} as const;
export const TBL_IMPLEMENTATION_NAME = "tblImplementation";

/**
 * 表6-6 已实施清洁生产方案实施效果的核定与汇总 (tblImplementedSummary): one row per implemented
 * option; the money columns are what 表6-9 sums by 方案类型 (无/低费 | 中/高费).
 */
export const IMPLEMENTED_SUMMARY_COLUMNS = {
  id: l("方案编号", "Option ID"),
  classGroup: l("方案类型", "Class group"),
  investment: l("投资", "Investment"),
  operatingCost: l("运行费", "Operating cost"),
  benefit: l("经济效益", "Benefit"),
} as const;
export const TBL_IMPLEMENTED_SUMMARY_NAME = "tblImplementedSummary";
