/**
 * 列表 Lists: every dropdown list of the workbook as a one-column Excel table, and the unit table
 * the material balance converts with. Validations read a list through its defined name
 * (`CP_List_category` → `tblListCategory[废弃物类别]`), so an item the user adds at the end of a
 * list (the table grows) is offered at once. The sheet is hidden but never protected: unhide it to
 * extend a list; items are in the workbook's language and formulas compare against the same texts.
 *
 * The unit table (`tblUnits`: 单位 | 量纲 | 换算系数) holds, per audit unit, its kind (core's
 * `unitKind`) and its factor to the first unit of that kind in the table (core's
 * `convertQuantity`): a stream in unit u converts to its balance's basis b by
 * factor(u) / factor(b) when the kinds are equal, and cannot convert otherwise.
 */
import { rect } from "../a1";
import { convertQuantity, isKnownUnit, unitKind } from "../../core";
import type { AuditCase } from "../case";
import type { WorksheetDefinition } from "../definition";
import { l, LISTS, tr, type ListId } from "../i18n";
import { SheetBuilder, t, type BuildContext } from "../layout";
import type { Lang, NamedRangeModel } from "../model";
import { escapeColumn, listName } from "../table";

/** Table name of each list (stable; docs/MODEL.md). */
export const LIST_TABLES: Readonly<Record<ListId, string>> = {
  category: "tblListCategory",
  aspect: "tblListAspect",
  costClass: "tblListCostClass",
  status: "tblListStatus",
  conclusion: "tblListConclusion",
  direction: "tblListDirection",
  teamRole: "tblListTeamRole",
  teamGroup: "tblListTeamGroup",
  yesNo: "tblListYesNo",
  yesNoNa: "tblListYesNoNa",
  envCostItem: "tblListEnvCostItem",
  walkArea: "tblListWalkArea",
  tick: "tblListTick",
  source: "tblListSource",
  annualClass: "tblListAnnualClass",
  better: "tblListBetter",
  benchDirection: "tblListBenchDirection",
  streamClass: "tblListStreamClass",
  processMode: "tblListProcessMode",
  gridRegion: "tblListGridRegion",
  elecConvention: "tblListElecConvention",
  factorCategory: "tblListFactorCategory",
  planCategory: "tblListPlanCategory",
  funding: "tblListFunding",
  econItem: "tblListEconItem",
};

/** The unit table's schema: its name and column names. */
export const TBL_UNITS = {
  name: "tblUnits",
  columns: {
    unit: l("单位", "Unit"),
    kind: l("量纲", "Kind"),
    factor: l("换算系数", "Factor"),
  },
} as const;

/** Defined name of the unit list (dropdown of units). */
export const UNITS_NAME = "CP_Units";

/** Units offered in the unit dropdown, grouped by kind; the first of each kind is its reference (factor 1). */
export const AUDIT_UNITS: readonly string[] = [
  "t/a", "t/d", "t/h", "kg/a", "kg/d", "kg/h",
  "t/batch", "kg/batch",
  "m3/a", "m3/d", "m3/h", "L/h",
  "t", "kg",
  "m3", "L",
  "kWh/a", "MWh/a", "GJ/a", "tce/a",
  "kWh", "MWh", "GJ", "MJ", "tce",
];

/** The units of the table: {@link AUDIT_UNITS} and every other known unit the case uses (balances). */
export function unitList(c: AuditCase | null): string[] {
  const out = [...AUDIT_UNITS];
  const seen = new Set(out);
  const add = (u: string | undefined) => {
    if (u === undefined) return;
    const v = u.trim();
    if (v === "" || seen.has(v) || !isKnownUnit(v)) return;
    seen.add(v);
    out.push(v);
  };
  for (const b of c?.materialBalance ?? []) {
    add(b.basis);
    for (const s of [...b.inputs, ...b.outputs]) add(s.unit);
  }
  return out;
}

const unitRowsCache = new WeakMap<object, { unit: string; kind: string; factor: number }[]>();
const NO_CASE = {};

/** Kind and factor of each unit of the table (core's values: the sheet's cached and literal data); computed once per case. */
export function unitRows(c: AuditCase | null): { unit: string; kind: string; factor: number }[] {
  const cached = unitRowsCache.get(c ?? NO_CASE);
  if (cached) return cached;
  const rows = computeUnitRows(c);
  unitRowsCache.set(c ?? NO_CASE, rows);
  return rows;
}

function computeUnitRows(c: AuditCase | null): { unit: string; kind: string; factor: number }[] {
  const units = unitList(c);
  const reference = new Map<string, string>();
  return units.map((unit) => {
    const kind = unitKind(unit);
    if (!reference.has(kind)) reference.set(kind, unit);
    return { unit, kind, factor: convertQuantity(1, unit, reference.get(kind)!) };
  });
}

/**
 * The conversion factor of a stream in `unit` into `basis` as the sheet computes it
 * (factor(unit) / factor(basis) from the unit table), or null when the units cannot convert.
 */
export function sheetFactor(c: AuditCase | null, unit: string, basis: string): number | null {
  const rows = unitRows(c);
  const u = rows.find((r) => r.unit === unit.trim());
  const b = rows.find((r) => r.unit === basis.trim());
  if (!u || !b || u.kind !== b.kind) return null;
  return u.factor / b.factor;
}

/** First row of the list tables' headers. */
const HEADER_ROW = 3;

/** Column of each list (one empty column between lists) and of the unit table. */
function listColumn(k: number): number {
  return 2 * k;
}
const UNITS_COL = listColumn(LISTS.length);

/** Whole-column reference of a list's table in `lang`. */
function listRef(lang: Lang, id: ListId): string {
  const def = LISTS.find((x) => x.id === id)!;
  return `${LIST_TABLES[id]}[[${escapeColumn(tr(lang, def.header))}]]`;
}

export const listsWorksheet: WorksheetDefinition = {
  key: "LISTS",
  sheetName: l("列表", "Lists"),
  title: l("下拉列表和单位换算表（可在各表末尾添加条目）", "Dropdown lists and unit table (add items at the end of a list)"),
  dependsOn: [],

  build(ctx) {
    const b = new SheetBuilder("LISTS", ctx.names.LISTS, t(ctx, this.title));
    b.set(0, 0, { value: b.title, style: "title" });
    b.set(1, 0, {
      value: t(ctx, l(
        "各工作表的下拉选项取自这些表（Excel 表格）；在表下方输入新条目即加入列表。单位表给出各单位的量纲和换算系数，物料平衡按其换算。",
        "The dropdowns of every sheet read these tables; type a new item below a list to add it. The unit table gives each unit's kind and factor, which the material balance converts with.",
      )),
      style: "note",
    });
    LISTS.forEach((list, k) => {
      const col = listColumn(k);
      const name = t(ctx, list.header);
      b.header(HEADER_ROW, col, name);
      list.items.forEach((item, i) => b.label(HEADER_ROW + 1 + i, col, t(ctx, item)));
      b.tables.push({ name: LIST_TABLES[list.id], ref: rect(HEADER_ROW, col, HEADER_ROW + list.items.length, col), columns: [{ name }] });
      b.minWidth(col, 12);
      b.minWidth(col + 1, 2);
    });
    const units = unitRows(ctx.auditCase);
    const cols = [TBL_UNITS.columns.unit, TBL_UNITS.columns.kind, TBL_UNITS.columns.factor].map((x) => t(ctx, x));
    cols.forEach((name, i) => b.header(HEADER_ROW, UNITS_COL + i, name));
    units.forEach((u, i) => {
      const r = HEADER_ROW + 1 + i;
      b.label(r, UNITS_COL, u.unit);
      b.label(r, UNITS_COL + 1, u.kind);
      b.set(r, UNITS_COL + 2, { value: u.factor, style: "label", numberFormat: "General" });
    });
    b.tables.push({ name: TBL_UNITS.name, ref: rect(HEADER_ROW, UNITS_COL, HEADER_ROW + units.length, UNITS_COL + 2), columns: cols.map((name) => ({ name })) });
    b.minWidth(UNITS_COL, 10);
    b.minWidth(UNITS_COL + 1, 14);
    b.minWidth(UNITS_COL + 2, 14);
    b.hidden = true; // unhide it (not protected) to add items to a list
    b.freeze = { rows: HEADER_ROW + 1, cols: 0 };
    b.print = { orientation: "landscape", repeatRows: { first: HEADER_ROW, last: HEADER_ROW } };
    return b.build();
  },

  names(ctx) {
    const out: NamedRangeModel[] = LISTS.map((list) => ({ name: listName(list.id), formula: listRef(ctx.lang, list.id) }));
    out.push({ name: UNITS_NAME, formula: `${TBL_UNITS.name}[[${escapeColumn(t(ctx, TBL_UNITS.columns.unit))}]]` });
    return out;
  },
};

/** `tblUnits` column references for formulas of other sheets. */
export function unitsRef(ctx: BuildContext, which: keyof typeof TBL_UNITS.columns): string {
  return `${TBL_UNITS.name}[[${escapeColumn(t(ctx, TBL_UNITS.columns[which]))}]]`;
}
