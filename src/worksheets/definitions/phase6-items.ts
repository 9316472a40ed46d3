/**
 * The effect items (比较项目) a case file may name in 表6-2 / 表6-4 (issue 12): the items of the bundled
 * coefficient data (core's ENERGY_CARBON carriers: 电力, fuels, heat, media and the pollutants of
 * phase6-schemas EFFECT_ITEMS). A case's item is normalised to the zh-CN form of the item it names
 * in either language (or by the carrier's id); another text is kept as written (a row the case adds
 * to the coefficient table through `factors`, or one the sheets' 检查 flags: no tce, no CO2).
 */
import { ENERGY_CARBON } from "../../core/energy-carbon";
import type { Item } from "../i18n";

/** Every bundled item (zh, en; the carrier id as an alias), in the coefficient table's order. */
export const EFFECT_ITEM_LIST: readonly Item[] = ENERGY_CARBON.carriers.map((c) => ({ zh: c.zh, en: c.en, aliases: [c.id] }));
