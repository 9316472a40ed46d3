/**
 * The effect items (比较项目) a case file may name in 表6-2 / 表6-4 (issue 12): the standard items
 * of phase6-schemas.ts (EFFECT_ITEMS: electricity, fresh water, pollutants, wastes). A case's item
 * is normalised to the zh-CN form of the item it names in either language; another text is kept as
 * written and flagged by the sheets' 检查 column (no coefficient: no tce, no CO2).
 */
import type { Item } from "../i18n";
import { EFFECT_ITEMS } from "./phase6-schemas";

/** Every item a case may name (zh or en spelling), zh-CN first. */
export const EFFECT_ITEM_LIST: readonly Item[] = Object.values(EFFECT_ITEMS);
