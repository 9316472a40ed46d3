/**
 * Columns of a table whose rows pick an option of the register by id (表4-2, 4-3, 4-5, 4-6): the id
 * input with the dropdown CP_OptionIds, register fields looked up by exact id, and the 检查 pieces
 * every such table shares (id missing, not in the register, listed twice).
 */
import type { OptionEntry } from "../case";
import { COST_CLASSES, itemText, l, type L } from "../i18n";
import { FMT, type BuildContext } from "../layout";
import { whole, type Column, type Refs } from "../table";
import { countEqual, literalCriterion, lookupExact, lookupOrBlank } from "./exact-match";
import { OPTION_IDS_NAME, registerRows, TBL_OPTIONS } from "./option-register.worksheet";

export const PICK_LABELS = {
  noId: l("缺少方案编号", "ID missing"),
  unknownId: l("编号不在方案汇总表", "ID not in the register"),
  duplicate: l("重复", "Listed twice"),
  idError: l("请从下拉列表选择方案汇总表中的方案编号", "Choose an option ID of the register from the list"),
};

/** The register's entry of option `id` (ids compared ignoring case, as MATCH does; the first one). */
export function registerEntryOf(ctx: BuildContext, id: string): OptionEntry | undefined {
  const key = id.toUpperCase();
  return registerRows(ctx).find((o) => o.id.toUpperCase() === key);
}

/** The id input column (dropdown of the register's ids). */
export function optionIdColumn<R>(value: (r: R | undefined) => string | undefined, band?: L): Column<R, "id"> {
  const c: Column<R, "id"> = { key: "id", role: "input", format: FMT.text, width: 8, validation: { listName: OPTION_IDS_NAME, error: PICK_LABELS.idError }, value };
  if (band) c.band = band;
  return c;
}

/** The register's `field` of this row's id: IFERROR(INDEX(tblOptions[field], MATCH(id)), "") shown as itself ("" when absent). */
export function registerLookup(x: Refs<string>, field: keyof typeof TBL_OPTIONS.columns): string {
  return lookupOrBlank(lookupExact(whole(TBL_OPTIONS, field, x.lang), whole(TBL_OPTIONS, "id", x.lang), x.r("id")));
}

/** A lookup column of the register's name (`key` "name") or cost class (`key` "costClass") for this row's id. */
export function registerTextColumn<R>(key: "name" | "costClass", idOf: (r: R) => string): Column<R, string> {
  return {
    key,
    role: "lookup",
    width: key === "name" ? 16 : 9,
    formula: (x) => registerLookup(x, key),
    value: (r, _k, ctx) => {
      if (!r) return null;
      const o = registerEntryOf(ctx, idOf(r));
      if (!o) return "";
      return key === "name" ? (o.name ?? "") : o.costClass === undefined ? "" : itemText(ctx.lang, COST_CLASSES, o.costClass);
    },
  };
}

/**
 * The id part of a 检查 formula: 缺少方案编号 when the id is blank, 编号不在方案汇总表, 重复 (the id
 * twice in this table), else `rest` (a formula giving a text or "").
 */
export function idCheckFormula(x: Refs<string>, rest: string): string {
  return (
    `IF(${x.r("id")}="",${x.s(PICK_LABELS.noId)},` +
    `IF(ISNA(MATCH(${literalCriterion(x.r("id"))},${whole(TBL_OPTIONS, "id", x.lang)},0)),${x.s(PICK_LABELS.unknownId)},` +
    `IF(${countEqual(x.all("id"), x.r("id"))}>1,${x.s(PICK_LABELS.duplicate)},${rest})))`
  );
}

/** The cached id part of a 检查: the label of the first id problem of `id` among `ids` (this table's ids), or null. */
export function idCheckValue(ctx: BuildContext, id: string, ids: readonly string[]): L | null {
  if (id === "") return PICK_LABELS.noId;
  if (!registerEntryOf(ctx, id)) return PICK_LABELS.unknownId;
  if (ids.filter((x) => x.toUpperCase() === id.toUpperCase()).length > 1) return PICK_LABELS.duplicate;
  return null;
}
