/**
 * The energy and carbon parameters on the parameters sheet (issue 12), below the per-class quotas: three named
 * input cells the coefficient sheet reads (energy-carbon.ts):
 *
 * - CP_FactorYear: data year of the grid emission factor (a year of tblGridFactors; default the data's 2023);
 * - CP_GridRegion: grid region, a dropdown of the regions (全国, 华北 … and 全国碳市场; default 全国);
 * - CP_ElecConvention: 当量值 / 等价值, how electricity converts to standard coal (default 当量值).
 *
 * Never blank in a generated workbook (the case's value or the data's default), so every coefficient shows a value.
 */
import { rect } from "../a1";
import { l, tr, type L, type ListId } from "../i18n";
import { breakLines, FMT, t, type BuildContext, type SheetBuilder } from "../layout";
import { listName } from "../table";
import { ELEC_CONVENTION_NAME, energyParameterValue, FACTOR_YEAR_NAME, GRID_REGION_NAME } from "./energy-carbon";

export interface EnergyParameter {
  key: "factorYear" | "gridRegion" | "electricityConvention";
  name: string;
  label: L;
  symbol: string;
  unit: L;
  note: L;
  /** a dropdown list, or a whole-number range */
  list?: ListId;
}

/** The three parameters, in sheet order. */
export const ENERGY_PARAMETERS: readonly EnergyParameter[] = [
  {
    key: "factorYear",
    name: FACTOR_YEAR_NAME,
    label: l("电网排放因子年份", "Grid-factor data year"),
    symbol: "",
    unit: l("年", "year"),
    note: l("电网排放因子的数据年份；核算年 Y 通常用 Y−2 年的因子", "data year of the grid factor; year Y usually uses Y−2's"),
  },
  {
    key: "gridRegion",
    name: GRID_REGION_NAME,
    label: l("电网区域", "Grid region"),
    symbol: "",
    unit: l("—", "—"),
    note: l("全国、区域电网或全国碳市场系列", "national, a regional grid or the carbon market"),
    list: "gridRegion",
  },
  {
    key: "electricityConvention",
    name: ELEC_CONVENTION_NAME,
    label: l("电力折标方法", "Electricity to standard coal"),
    symbol: "",
    unit: l("—", "—"),
    note: l("当量值 0.1229 kgce/kWh 或等价值；报告中须注明", "equivalent 0.1229 kgce/kWh or equal value; state it"),
    list: "elecConvention",
  },
];

/** Lays out the block from `first` (its title one row above) in the parameters sheet's columns. */
export function energyParameterBlock(b: SheetBuilder, ctx: BuildContext, first: number, noteWidth: number): void {
  b.label(first - 1, 0, t(ctx, l("能源与碳排放核算参数（系数见“能源与碳排放系数”表）", "Energy and carbon accounting (factors: the energy and carbon factors sheet)")), "meta", false);
  ENERGY_PARAMETERS.forEach((p, k) => {
    const r = first + k;
    b.label(r, 0, t(ctx, p.label));
    b.label(r, 1, p.symbol);
    const v = energyParameterValue(ctx, p.key);
    b.input(r, 2, v, typeof v === "number" ? FMT.integer : FMT.text);
    b.label(r, 3, t(ctx, p.unit));
    b.label(r, 4, breakLines(t(ctx, p.note), noteWidth - 2).join("\n"), "note", false);
    b.label(r, 6, p.name, "note");
    if (p.list) b.listValidationByName(rect(r, 2), listName(p.list), tr(ctx.lang, l("请从下拉列表选择", "Choose a value from the list")));
    else b.numberValidation(rect(r, 2), "whole", 1990, 2100, tr(ctx.lang, l("年份为 1990 至 2100 的整数", "A year is a whole number from 1990 to 2100")));
  });
}
