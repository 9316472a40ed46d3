/**
 * 表6-9 方案实施对企业的影响/绩效汇总 Overall impact / performance summary (spec WS6-9; issue 12), with
 * the performance table 重点企业清洁生产审核绩效表 (research notes energy-carbon-report.md T4).
 *
 * Above the table, the performance block: rows = indicators, columns 无/低费 | 中/高费 | 合计 (= the
 * two groups), every figure linked from the sheet it comes from over whole table columns, never
 * retyped:
 * - 提出方案数 (项): options of 表4-1 with an id whose 费用类别 is of the group (COUNTIFS per class:
 *   无费 + 低费 + 无/低费, 中费 + 高费 + 中/高费);
 * - 实施方案数 (项), 投资 (万元), 经济效益 (万元/a): rows of 表6-6 tblImplementedSummary by 方案类型;
 * - 节能量 (tce/a; the electricity convention 当量/等价 of CP_ElecConvention beside it) and 减碳量
 *   (tCO2/a): Σ of 节能量 / 减碳量 of 表6-2 (无/低费) and 表6-4 (中/高费);
 * - 节电 (万kWh/a = Σ 削减量 of 电力 in kWh / 10 000), 节水 (新水, t/a), COD, 氨氮, SO2, NOx, VOCs,
 *   颗粒物, 一般固废, 危险废物 (t/a): Σ 削减量 of the rows whose 比较项目 is that item.
 * Rows of 表6-2 / 表6-4 whose 检查 is not empty (wrong class, missing before …) are not counted.
 *
 * Table `tblPerformanceNotes` (the qualitative part, typed): 方面 | 影响与成效 | 备注 (管理与员工,
 * 产品质量, 企业形象 …).
 */
import type { AuditCase, PerformanceNote } from "../case";
import { COST_CLASSES, HIGH_COST_CLASSES, l, LOW_COST_CLASSES, tr, type L } from "../i18n";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import type { TableReadBack } from "../read-back";
import { defineTable, tableWorksheet, whole, type Column, type TableSchema } from "../table";
import { countedRows, EFFECT_SHEETS, itemCell, reductionOf, TBL_HIGH_EFFECTS, TBL_LOW_EFFECTS, type EffectRow } from "./effects.worksheet";
import { registerRows, TBL_OPTIONS } from "./option-register.worksheet";
import { EFFECT_ITEMS } from "./phase6-schemas";
import { costGroup } from "./screening-rules";

export const TBL_PERFORMANCE_NOTES = {
  name: "tblPerformanceNotes",
  columns: {
    topic: l("方面", "Aspect"),
    description: l("影响与成效", "Impact"),
    remark: l("备注", "Remarks"),
  },
} as const satisfies TableSchema;
type NK = keyof typeof TBL_PERFORMANCE_NOTES.columns;

export const PERFORMANCE_LABELS = {
  title: l("重点企业清洁生产审核绩效表（由各表汇总，勿手填）", "Performance table of the audit (summed from the sheets, not typed)"),
  indicator: l("指标", "Indicator"),
  unit: l("单位", "Unit"),
  low: l("无/低费", "No/low-cost"),
  high: l("中/高费", "Mid/high-cost"),
  total: l("合计", "Total"),
  note: l("说明", "Note"),
  notesTitle: l("方案实施对企业的其他影响（管理与员工等，定性描述）", "Other impacts on the enterprise (management and staff …, qualitative)"),
};

/** The electricity convention's name (C's coefficient sheet). */
const ELEC_CONVENTION_NAME = "CP_ElecConvention";

/** One indicator row of the performance block. */
export interface Indicator {
  key: string;
  label: L;
  unit: L;
  format: string;
}

/** Per-item reduction rows: the item (EFFECT_ITEMS) and the factor from the item's unit to the shown unit. */
const ITEM_ROWS: readonly { key: keyof typeof EFFECT_ITEMS; label: L; unit: L; divide: number }[] = [
  { key: "electricity", label: l("节电", "Electricity saved"), unit: l("万kWh/a", "10⁴ kWh/a"), divide: 10000 },
  { key: "freshWater", label: l("节水（新水）", "Fresh water saved"), unit: l("t/a", "t/a"), divide: 1 },
  { key: "cod", label: l("削减 COD", "COD reduced"), unit: l("t/a", "t/a"), divide: 1 },
  { key: "ammonia", label: l("削减 氨氮", "NH3-N reduced"), unit: l("t/a", "t/a"), divide: 1 },
  { key: "so2", label: l("削减 SO2", "SO2 reduced"), unit: l("t/a", "t/a"), divide: 1 },
  { key: "nox", label: l("削减 NOx", "NOx reduced"), unit: l("t/a", "t/a"), divide: 1 },
  { key: "vocs", label: l("削减 VOCs", "VOCs reduced"), unit: l("t/a", "t/a"), divide: 1 },
  { key: "particulates", label: l("削减 颗粒物", "Particulates reduced"), unit: l("t/a", "t/a"), divide: 1 },
  { key: "solidWaste", label: l("减少 一般固废", "Solid waste reduced"), unit: l("t/a", "t/a"), divide: 1 },
  { key: "hazardousWaste", label: l("减少 危险废物", "Hazardous waste reduced"), unit: l("t/a", "t/a"), divide: 1 },
];

/** The performance figures of one cost group, as the block shows them (computed from the case). */
export interface GroupFigures {
  proposed: number;
  tce: number;
  co2: number;
  /** Σ reduction per item key of ITEM_ROWS, in the shown unit */
  items: Record<keyof typeof EFFECT_ITEMS, number>;
}

/** Σ left to right (the order SUMPRODUCT adds the rows in). */
function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** The classes of a group as the register's cost-class cells spell them. */
const GROUP_CLASSES = { low: LOW_COST_CLASSES, high: HIGH_COST_CLASSES } as const;

/**
 * The figures of group `g` (无/低费 "low", 中/高费 "high") of a case: options proposed (register rows
 * with an id of the group), and over the counted rows of 表6-2 / 表6-4 (检查 empty) the tce, CO2 and
 * item reductions. `tceOf` / `co2Of` give a row's 节能量 / 减碳量 (null when blank).
 */
export function groupFigures(ctx: BuildContext, g: "low" | "high", tceOf: (r: EffectRow) => number | null, co2Of: (r: EffectRow) => number | null): GroupFigures {
  const proposed = registerRows(ctx).filter((o) => o.id !== "" && costGroup(o.costClass) === g).length;
  const rows = countedRows(ctx, EFFECT_SHEETS[g]);
  const nums = (f: (r: EffectRow) => number | null) => rows.map(f).filter((v): v is number => v !== null);
  const items = {} as GroupFigures["items"];
  for (const it of ITEM_ROWS) {
    const label = tr(ctx.lang, EFFECT_ITEMS[it.key]).toUpperCase();
    const s = sum(rows.filter((r) => itemCell(ctx, r).toUpperCase() === label).map((r) => reductionOf(r) ?? 0));
    items[it.key] = it.divide === 1 ? s : s / it.divide;
  }
  return { proposed, tce: sum(nums(tceOf)), co2: sum(nums(co2Of)), items };
}

/** Columns of the block: indicator, unit, 无/低费, 中/高费, 合计, note. */
const C = { label: 0, unit: 1, low: 2, high: 3, total: 4, note: 5 } as const;

function summary(tceOf: (ctx: BuildContext) => (r: EffectRow) => number | null, co2Of: (ctx: BuildContext) => (r: EffectRow) => number | null) {
  return (b: SheetBuilder, ctx: BuildContext, top: number): number => {
    const lang = ctx.lang;
    const figs = { low: groupFigures(ctx, "low", tceOf(ctx), co2Of(ctx)), high: groupFigures(ctx, "high", tceOf(ctx), co2Of(ctx)) };
    const eff = { low: TBL_LOW_EFFECTS, high: TBL_HIGH_EFFECTS } as const;
    const counted = (g: "low" | "high") => `(${whole(eff[g], "check", lang)}="")`;
    b.label(top, 0, t(ctx, PERFORMANCE_LABELS.title), "meta", false);
    const h = top + 1;
    b.header(h, C.label, t(ctx, PERFORMANCE_LABELS.indicator));
    b.header(h, C.unit, t(ctx, PERFORMANCE_LABELS.unit));
    b.header(h, C.low, t(ctx, PERFORMANCE_LABELS.low));
    b.header(h, C.high, t(ctx, PERFORMANCE_LABELS.high));
    b.header(h, C.total, t(ctx, PERFORMANCE_LABELS.total));
    b.header(h, C.note, t(ctx, PERFORMANCE_LABELS.note));
    let r = h + 1;
    const row = (label: L, unit: L, format: string, f: (g: "low" | "high") => { formula: string; value: number }, note?: { formula: string; value: string }) => {
      b.label(r, C.label, t(ctx, label));
      b.label(r, C.unit, t(ctx, unit));
      const lo = f("low");
      const hi = f("high");
      b.formula(r, C.low, lo.formula, lo.value, "computed", format);
      b.formula(r, C.high, hi.formula, hi.value, "computed", format);
      b.formula(r, C.total, `C${r + 1}+D${r + 1}`, lo.value + hi.value, "total", format);
      if (note) b.formula(r, C.note, note.formula, note.value, "lookup");
      r++;
    };
    // options proposed: COUNTIFS per class of the group (the register's cells hold the list items)
    const o = (k: keyof typeof TBL_OPTIONS.columns) => whole(TBL_OPTIONS, k, lang);
    row(l("提出方案数", "Options proposed"), l("项", "no."), FMT.integer, (g) => ({
      formula: GROUP_CLASSES[g].map((zh) => `COUNTIFS(${o("costClass")},${str(tr(lang, COST_CLASSES.find((c) => c.zh === zh)!))},${o("id")},"<>")`).join("+"),
      value: figs[g].proposed,
    }));
    row(l("节能量", "Energy saved"), l("tce/a", "tce/a"), FMT.money, (g) => ({ formula: `SUMPRODUCT(--${counted(g)},${whole(eff[g], "tce", lang)})`, value: figs[g].tce }), {
      formula: `IF(${ELEC_CONVENTION_NAME}="","",${str(lang === "zh-CN" ? "电力按" : "electricity: ")}&${ELEC_CONVENTION_NAME}&${str(lang === "zh-CN" ? "值折标" : " value")})`,
      value: "",
    });
    for (const it of ITEM_ROWS) {
      row(it.label, it.unit, FMT.general, (g) => {
        const s = `SUMPRODUCT((${whole(eff[g], "item", lang)}=${str(tr(lang, EFFECT_ITEMS[it.key]))})*${counted(g)},${whole(eff[g], "reduction", lang)})`;
        return { formula: it.divide === 1 ? s : `${s}/${it.divide}`, value: figs[g].items[it.key] };
      });
    }
    row(l("减碳量 CO2", "CO2 avoided"), l("tCO2/a", "tCO2/a"), FMT.money, (g) => ({ formula: `SUMPRODUCT(--${counted(g)},${whole(eff[g], "co2", lang)})`, value: figs[g].co2 }));
    b.label(r + 1, 0, t(ctx, PERFORMANCE_LABELS.notesTitle), "meta", false);
    return r + 2;
  };
}

const noteRows = (ctx: BuildContext): readonly PerformanceNote[] => ctx.auditCase?.performanceNotes ?? [];

const noteColumns: readonly Column<PerformanceNote, NK>[] = [
  { key: "topic", role: "input", width: 14, value: (n) => n?.topic },
  { key: "description", role: "input", width: 28, value: (n) => n?.description },
  { key: "remark", role: "input", width: 12, value: (n) => n?.remark },
];

const noteReadBack: TableReadBack<NK> = {
  row(c) {
    const topic = c.text("topic");
    const description = c.text("description");
    const remark = c.text("remark");
    if (topic === undefined && description === undefined && remark === undefined) return undefined;
    const n: PerformanceNote = { topic: topic ?? "" };
    if (description !== undefined) n.description = description;
    if (remark !== undefined) n.remark = remark;
    return n;
  },
  store(draft, rows) {
    if (rows.length > 0) draft.performanceNotes = rows;
    else delete draft.performanceNotes;
  },
};

/** The performance figures of a case (both groups), for the CLI summary. */
export function performanceOf(c: AuditCase, lang: BuildContext["lang"], tce: (r: EffectRow) => number | null, co2: (r: EffectRow) => number | null): { low: GroupFigures; high: GroupFigures } {
  const ctx = { lang, auditCase: c, params: null, names: {} } as unknown as BuildContext;
  return { low: groupFigures(ctx, "low", tce, co2), high: groupFigures(ctx, "high", tce, co2) };
}

export function performanceWorksheet(tceOf: (ctx: BuildContext) => (r: EffectRow) => number | null, co2Of: (ctx: BuildContext) => (r: EffectRow) => number | null) {
  return tableWorksheet({
    key: "WS6-9",
    number: "6-9",
    sheetName: l("绩效汇总", "Performance"),
    title: l("方案实施对企业的影响/绩效汇总", "Overall impact / performance summary"),
    dependsOn: ["PARAMS", "WS4-1", "WS6-2", "WS6-4"],
    note: l(
      "绩效表的数字由方案汇总表和表6-2、表6-4、表6-6汇总（检查列非空的行不计入），不要手填；下表填写管理与员工等方面的定性影响，在表格下方输入即可添加行。",
      "The performance figures are summed from the options register and Tables 6-2, 6-4 and 6-6 (rows with a check text are not counted), never typed; below, the qualitative impacts (management, staff …). Type below the table to add a row.",
    ),
    freezeCols: 1,
    orientation: "landscape",
    summary: summary(tceOf, co2Of),
    tables: [defineTable({ schema: TBL_PERFORMANCE_NOTES, columns: noteColumns, rows: noteRows, readBack: noteReadBack })],
  });
}
