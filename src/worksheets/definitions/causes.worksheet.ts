/**
 * Cause analysis along the 8 aspects (spec §5.1): 表2-9 企业废弃物产生原因分析 (plant level, 预评估) and
 * 表3-5 审核重点废弃物产生原因分析表 (the audit focus, 评估), one layout built by {@link causeSheet}
 * (spec §1.3 WS2-9, WS3-5; issue 10).
 *
 * Table (`tblPlantCauses` / `tblFocusCauses`): 编号 | 废弃物产生部位 | 废弃物名称 | one text column per
 * aspect (i18n's ASPECTS: 原辅材料和能源 | 技术工艺 | 设备 | 过程控制 | 产品 | 废弃物 | 管理 | 员工). Above
 * each aspect column: the number of causes entered under it (COUNTA over the whole column: a cell with
 * any text counts as one cause), and their total, for a Pareto of the aspects.
 */
import type { CauseEntry } from "../case";
import { ASPECT_KEYS } from "../case-schema";
import { ASPECTS, l, type L } from "../i18n";
import { FMT, t, type BuildContext, type BuiltKey } from "../layout";
import { defineTable, tableWorksheet, whole, type Column, type TableSchema } from "../table";
import type { WorksheetDefinition } from "../definition";
import type { CaseDraft } from "../read-back";
import { f, same, readRow, type Field } from "./read-back-fields";

type AspectKey = (typeof ASPECT_KEYS)[number];
type CK = "id" | "location" | "name" | AspectKey;

/** The schema of a cause table named `name` (same columns on both sheets). */
export function causeSchema(name: string): TableSchema<CK> {
  return {
    name,
    columns: {
      id: l("编号", "No."),
      location: l("废弃物产生部位", "Where generated"),
      name: l("废弃物名称", "Waste name"),
      ...(Object.fromEntries(ASPECT_KEYS.map((k, i) => [k, ASPECTS[i]!])) as Record<AspectKey, L>),
    },
  };
}

export const TBL_PLANT_CAUSES = causeSchema("tblPlantCauses");
export const TBL_FOCUS_CAUSES = causeSchema("tblFocusCauses");

const LABELS = {
  count: l("原因条数", "Causes"),
  total: l("合计", "Total"),
};

/** Causes entered under aspect `k` (non-blank texts). */
export function causeCount(rows: readonly CauseEntry[], k: AspectKey): number {
  return rows.filter((r) => (r[k] ?? "") !== "").length;
}

/** The case's cause fields read back from a cause table (every column is an input). */
const CAUSE_FIELDS: readonly Field<CK>[] = [f("id", "id"), f("location", "location"), f("name", "name", "text", "缺少废弃物名称 (waste name missing)"), ...same<CK>("text", ...ASPECT_KEYS)];

/** A store that sets `causes.<part>` (the object `causes` is dropped when it holds neither part). */
function storeCauses(part: "plant" | "focus") {
  return (draft: CaseDraft, rows: unknown[]): void => {
    if (rows.length === 0) return;
    draft.causes = { ...(draft.causes as object | undefined), [part]: rows };
  };
}

function causeSheet(opts: { key: BuiltKey; number: string; sheetName: L; title: L; schema: TableSchema<CK>; rows: (ctx: BuildContext) => readonly CauseEntry[]; part: "plant" | "focus" }): WorksheetDefinition {
  const columns: Column<CauseEntry, CK>[] = [
    { key: "id", role: "input", width: 6, value: (r) => r?.id },
    { key: "location", role: "input", width: 10, value: (r) => r?.location },
    { key: "name", role: "input", width: 10, value: (r) => r?.name },
    ...ASPECT_KEYS.map((k): Column<CauseEntry, CK> => ({ key: k, role: "input", width: 12, value: (r) => r?.[k] })),
  ];
  return tableWorksheet({
    key: opts.key,
    number: opts.number,
    sheetName: opts.sheetName,
    title: opts.title,
    dependsOn: ["PARAMS"],
    note: l(
      "黄色单元格为输入：每个废弃物一行，在各方面列中填写原因（没有则留空）。上方为各方面的原因条数。在表格下方输入即可添加废弃物。",
      "Yellow cells are inputs: one row per waste, its causes under each aspect (leave blank where none). Above: the number of causes per aspect. Type below the table to add a waste.",
    ),
    freezeCols: 3,
    orientation: "landscape",
    summary(b, ctx, top) {
      const rows = opts.rows(ctx);
      b.header(top, 2, t(ctx, LABELS.count));
      ASPECT_KEYS.forEach((k, i) => b.formula(top, 3 + i, `COUNTA(${whole(opts.schema, k, ctx.lang)})`, causeCount(rows, k), "total", FMT.integer));
      b.header(top + 1, 2, t(ctx, LABELS.total));
      b.formula(top + 1, 3, `SUM(D${top + 1}:K${top + 1})`, ASPECT_KEYS.reduce((n, k) => n + causeCount(rows, k), 0), "total", FMT.integer);
      return top + 2;
    },
    tables: [defineTable({ schema: opts.schema, columns, rows: opts.rows, readBack: { row: (c) => readRow(c, CAUSE_FIELDS), store: storeCauses(opts.part) } })],
  });
}

export const plantCausesWorksheet = causeSheet({
  key: "WS2-9",
  number: "2-9",
  sheetName: l("废弃物产生原因分析", "Plant waste causes"),
  title: l("企业废弃物产生原因分析", "Qualitative cause analysis"),
  schema: TBL_PLANT_CAUSES,
  rows: (ctx) => ctx.auditCase?.causes?.plant ?? [],
  part: "plant",
});

export const focusCausesWorksheet = causeSheet({
  key: "WS3-5",
  number: "3-5",
  sheetName: l("审核重点原因分析", "Focus waste causes"),
  title: l("审核重点废弃物产生原因分析表", "Waste-cause analysis (8 aspects)"),
  schema: TBL_FOCUS_CAUSES,
  rows: (ctx) => ctx.auditCase?.causes?.focus ?? [],
  part: "focus",
});
