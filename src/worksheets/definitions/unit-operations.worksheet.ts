/**
 * 表3-2 审核重点单元操作功能说明表 Unit-operation description (spec WS3-2; issue 10 part C).
 *
 * Table `tblUnitOps`, one row per unit operation of the audit focus: 单元操作编号 | 单元操作名称 |
 * 功能 | 主要设备 | 输入物料 | 输出物料 | 产生的废弃物 | 操作参数 (all input) | 检查 (缺少名称, 名称重复).
 *
 * The names are THE list of unit operations: `CP_UnitOperations` = `tblUnitOps[单元操作名称]` is
 * the dropdown of every balance (tblBalances), stream (tblStreams) and measurement point
 * (tblMeasurements). A case without `unitOperations` (older case files) gets one row per unit
 * operation its balances and measurement points name, in order of first use, so that its
 * dropdowns offer exactly what it uses. A name typed twice (ignoring case, as the lookups compare)
 * is flagged; above the table: the number of unit operations and of flagged rows.
 */
import type { AuditCase, UnitOperationEntry } from "../case";
import { l, type L } from "../i18n";
import { t, type BuildContext, type SheetBuilder } from "../layout";
import { defineTable, tableWorksheet, whole, type Column, type ColumnValidation, type TableSchema } from "../table";
import { countSummary, decorateCheck } from "./balance-columns";
import { countEqual } from "./exact-match";
import { f, same, readRow } from "./read-back-fields";
import { storeSection } from "./read-kit";

export const TBL_UNIT_OPS = {
  name: "tblUnitOps",
  columns: {
    id: l("单元操作编号", "Unit op. no."),
    name: l("单元操作名称", "Unit operation"),
    function: l("功能", "Function"),
    equipment: l("主要设备", "Main equipment"),
    inputs: l("输入物料", "Input materials"),
    outputs: l("输出物料", "Output materials"),
    wastes: l("产生的废弃物", "Wastes generated"),
    parameters: l("操作参数", "Operating parameters"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_UNIT_OPS.columns;

/** Defined name of the unit operations (the dropdown of balances, streams and measurement points). */
export const UNIT_OPERATIONS_NAME = "CP_UnitOperations";

/** The dropdown of a column that picks a unit operation of 表3-2 (`CP_UnitOperations`), with its message. */
export const PICK_UNIT_OPERATION: ColumnValidation = {
  listName: UNIT_OPERATIONS_NAME,
  error: l("请从单元操作表中选择", "Choose a unit operation of the unit-operation table"),
};

export const UNIT_OP_LABELS = {
  noName: l("缺少名称", "Name missing"),
  duplicate: l("名称重复", "Duplicate name"),
  count: l("单元操作数", "Unit operations"),
  flagged: l("需检查的行", "Rows to check"),
};

/** A row as the sheet shows it (the check as the formula gives it). */
interface UnitOpRow {
  e: UnitOperationEntry;
  check: L | null;
}

/**
 * The unit operations of a case: its `unitOperations`, or (older case files) one per distinct unit
 * operation named by its balances and measurement points, in order of first use.
 */
export function unitOperationsOf(c: AuditCase | null): UnitOperationEntry[] {
  if (!c) return [];
  if (c.unitOperations) return c.unitOperations;
  const names: string[] = [];
  const add = (n: string | undefined) => {
    if (n !== undefined && n !== "" && !names.some((x) => x.toUpperCase() === n.toUpperCase())) names.push(n);
  };
  (c.materialBalance ?? []).forEach((b) => add(b.unitOperation));
  (c.measurements ?? []).forEach((m) => add(m.unitOperation));
  return names.map((name) => ({ name }));
}

function rowsOf(ctx: BuildContext): UnitOpRow[] {
  const list = unitOperationsOf(ctx.auditCase);
  return list.map((e) => {
    const dup = list.filter((x) => x.name.toUpperCase() === e.name.toUpperCase()).length > 1;
    return {
      e,
      check: e.name === "" ? UNIT_OP_LABELS.noName : dup ? UNIT_OP_LABELS.duplicate : null,
    };
  });
}

const columns: readonly Column<UnitOpRow, K>[] = [
  { key: "id", role: "input", width: 8, value: (r) => r?.e.id },
  {
    key: "name",
    role: "input",
    band: l("各表按此名称选择", "picked by this name"),
    width: 14,
    value: (r) => r?.e.name,
  },
  ...(["function", "equipment", "inputs", "outputs", "wastes", "parameters"] as const).map((k): Column<UnitOpRow, K> => ({
    key: k,
    role: "input",
    width: 13,
    value: (r) => r?.e[k],
  })),
  {
    key: "check",
    role: "computed",
    width: 9,
    formula: (x) =>
      `IF(COUNTA(${x.span("id", "parameters")})=0,"",IF(${x.r("name")}="",${x.s(UNIT_OP_LABELS.noName)},IF(${countEqual(x.all("name"), x.r("name"))}>1,${x.s(UNIT_OP_LABELS.duplicate)},"")))`,
    value: (r, _k, ctx) => (r?.check ? t(ctx, r.check) : null),
  },
];

function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = rowsOf(ctx);
  const w = (k: K) => whole(TBL_UNIT_OPS, k, ctx.lang);
  return countSummary(b, ctx, top, [
    [UNIT_OP_LABELS.count, `SUMPRODUCT(--(${w("name")}<>""))`, rows.filter((r) => r.e.name !== "").length, null],
    [UNIT_OP_LABELS.flagged, `SUMPRODUCT(--(${w("check")}<>""))`, rows.filter((r) => r.check !== null).length, "warn"],
  ]);
}

export const unitOperationsWorksheet = tableWorksheet({
  key: "WS3-2",
  number: "3-2",
  sheetName: l("单元操作", "Unit operations"),
  title: l("审核重点单元操作功能说明表", "Unit operations of the audit focus"),
  dependsOn: ["PARAMS"],
  note: l(
    "每个单元操作一行；单元操作名称是物料平衡、物流和监测点选择单元操作的唯一来源（下拉列表），名称不可重复。在表格下方输入即可添加单元操作。",
    "One unit operation per row; its name is the one list the balances, streams and measurement points pick their unit operation from (dropdowns), so names must be unique. Type below the table to add a unit operation.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  summary,
  tables: [
    defineTable({
      schema: TBL_UNIT_OPS,
      columns,
      rows: rowsOf,
      // a case without unitOperations (derived from its balances) comes back with them written out
      readBack: {
        row: (c) =>
          readRow(c, [
            f("id", "id"),
            f("name", "name", "text", "缺少名称 (name missing)"),
            ...same<K>("text", "function", "equipment", "inputs", "outputs", "wastes", "parameters"),
          ]),
        store: storeSection("unitOperations"),
      },
      decorate: (b, _ctx, g) => decorateCheck(b, g, "check"),
    }),
  ],
  names: (ctx) => [
    {
      name: UNIT_OPERATIONS_NAME,
      formula: whole(TBL_UNIT_OPS, "name", ctx.lang),
    },
  ],
});
