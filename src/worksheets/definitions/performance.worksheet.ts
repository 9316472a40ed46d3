/**
 * 表6-9 方案实施对企业的影响/绩效汇总 Overall impact / performance summary (spec WS6-9; issue 12), with
 * the performance table 重点企业清洁生产审核绩效表 (research notes energy-carbon-report.md T4).
 *
 * Above the table, the performance block: rows = indicators, columns 无/低费 | 中/高费 | 合计 (= the
 * two groups), every figure linked from the sheet it comes from over whole table columns, never
 * retyped:
 * - 提出方案数 (项): options of 表4-1 with an id whose 费用类别 is of the group (COUNTIFS per class:
 *   无费 + 低费 + 无/低费, 中费 + 高费 + 中/高费);
 * - 实施方案数 (项), 投资 (万元), 经济效益 (万元/a): rows of 表6-6 tblImplementedSummary by 方案类型
 *   (COUNTIFS / SUMIFS, as 表6-6's own subtotals);
 * - 节能量 (tce/a; the electricity convention 当量/等价 of CP_ElecConvention beside it) and 减碳量
 *   (tCO2/a): Σ of 节能量 / 减碳量 of 表6-2 (无/低费) and 表6-4 (中/高费);
 * - 节电 (万kWh/a = Σ 削减量 of 电力 in kWh / 10 000), 节水 (新水, t/a), COD, 氨氮, SO2, NOx, VOCs,
 *   颗粒物, 一般固废, 危险废物 (t/a): Σ 削减量 of the rows whose 比较项目 is that item.
 * Rows of 表6-2 / 表6-4 whose 检查 is not empty (wrong class, missing before …) are not counted.
 *
 * Table `tblPerformanceNotes` (the qualitative part, typed): 方面 | 影响与成效 | 备注 (管理与员工,
 * 产品质量, 企业形象 …).
 */
import { resolveParameters, type AuditCase, type PerformanceNote } from "../case";
import { COST_CLASSES, HIGH_COST_CLASSES, l, LOW_COST_CLASSES, tr, type L } from "../i18n";
import { colLetter } from "../a1";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import type { TableReadBack } from "../read-back";
import { defineTable, tableWorksheet, whole, type Column, type TableSchema } from "../table";
import { countedRows, EFFECT_SHEETS, itemCell, reductionOf, rowCo2, rowTce, TBL_HIGH_EFFECTS, TBL_LOW_EFFECTS, type EffectRow } from "./effects.worksheet";
import { registerRows, TBL_OPTIONS } from "./option-register.worksheet";
import { CLASS_GROUPS, summaryMoney, TBL_IMPLEMENTED_SUMMARY } from "./implemented-summary.worksheet";
import { registerEntryOf } from "./option-pick";
import { sumNumbers } from "./phase6-kit";
import { EFFECT_ITEMS, IMPLEMENTED_SUMMARY_COLUMNS } from "./phase6-schemas";
import { costGroup } from "./screening-rules";
import { conventionText, ELEC_CONVENTION_NAME, energyParameterValue } from "./energy-carbon";

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
  notesTitle: l("其他影响（定性）", "Other impacts"),
};

/** The performance figures of one cost group, as the block shows them (computed from the case). */
export interface GroupFigures {
  proposed: number;
  /** rows of 表6-6 of the group, and the Σ of their 投资 (万元) and 经济效益 (万元/a) */
  implemented: number;
  investment: number;
  benefit: number;
  tce: number;
  co2: number;
  /** Σ 削减量 per item of EFFECT_ITEMS, in the item's unit of the coefficient table (kWh, t) */
  items: Record<keyof typeof EFFECT_ITEMS, number>;
}

type Group = "low" | "high";

/** Formula pieces an indicator's cell is written with (workbook language). */
interface Cells {
  lang: BuildContext["lang"];
  /** `(tblXxxEffects[检查]="")`: the counted rows of the group's effect table */
  counted(g: Group): string;
  /** whole column of the group's effect table */
  effect(g: Group, key: keyof typeof TBL_HIGH_EFFECTS.columns): string;
  /** whole column of 表6-6 tblImplementedSummary */
  implemented(key: keyof typeof IMPLEMENTED_SUMMARY_COLUMNS): string;
}

/** One indicator row of the performance block (and of the CLI summary). */
export interface Indicator {
  label: L;
  unit: L;
  /** a count (项), shown without decimals */
  integer?: boolean;
  /** printed by the CLI even when 0 */
  always?: boolean;
  format: string;
  of(f: GroupFigures): number;
  formula(x: Cells, g: Group): string;
  /** a text beside the row (the electricity convention of the tce): formula and cached value */
  note?: { formula(lang: BuildContext["lang"]): string; value(ctx: BuildContext): string };
}

/** The classes of a group as the register's cost-class cells spell them. */
const GROUP_CLASSES = { low: LOW_COST_CLASSES, high: HIGH_COST_CLASSES } as const;

/** A reduction row: Σ 削减量 of the counted rows whose 比较项目 is `item`, divided by `divide` (kWh → 万kWh). */
function itemIndicator(item: keyof typeof EFFECT_ITEMS, label: L, unit: L, divide = 1): Indicator {
  return {
    label,
    unit,
    format: FMT.money,
    of: (f) => (divide === 1 ? f.items[item] : f.items[item] / divide),
    formula: (x, g) => {
      const s = `SUMPRODUCT((${x.effect(g, "item")}=${str(tr(x.lang, EFFECT_ITEMS[item]))})*${x.counted(g)},${x.effect(g, "reduction")})`;
      return divide === 1 ? s : `${s}/${divide}`;
    },
  };
}

/** Σ of 表6-6's money column `key` over its rows of the group (SUMIFS on 方案类型, as its own subtotals). */
function implementedSum(key: "investment" | "benefit", label: L, unit: L): Indicator {
  return {
    label,
    unit,
    always: true,
    format: FMT.money,
    of: (f) => f[key],
    formula: (x, g) => `SUMIFS(${x.implemented(key)},${x.implemented("classGroup")},${str(tr(x.lang, CLASS_GROUPS[g]))})`,
  };
}

const T_A = l("t/a", "t/a");

/** The note beside 节能量: 电力按{当量值|等价值}折标. */
const CONVENTION_NOTE = { before: l("电力按", "Power: "), after: l("折标", "") };

/** The rows of the performance table (research notes T4), top to bottom. */
export const PERFORMANCE_INDICATORS: readonly Indicator[] = [
  {
    label: l("提出方案数", "Options proposed"),
    unit: l("项", "no."),
    integer: true,
    always: true,
    format: FMT.integer,
    of: (f) => f.proposed,
    // COUNTIFS per class of the group (the register's cells hold the list items)
    formula: (x, g) =>
      GROUP_CLASSES[g].map((zh) => `COUNTIFS(${whole(TBL_OPTIONS, "costClass", x.lang)},${str(tr(x.lang, COST_CLASSES.find((c) => c.zh === zh)!))},${whole(TBL_OPTIONS, "id", x.lang)},"<>")`).join("+"),
  },
  {
    label: l("实施方案数", "Options implemented"),
    unit: l("项", "no."),
    integer: true,
    always: true,
    format: FMT.integer,
    of: (f) => f.implemented,
    formula: (x, g) => `COUNTIFS(${x.implemented("id")},"<>",${x.implemented("classGroup")},${str(tr(x.lang, CLASS_GROUPS[g]))})`,
  },
  implementedSum("investment", l("投资", "Investment"), l("万元", "10⁴ CNY")),
  implementedSum("benefit", l("经济效益", "Economic benefit"), l("万元/a", "10⁴ CNY/a")),
  {
    label: l("节能量", "Energy saved"),
    unit: l("tce/a", "tce/a"),
    always: true,
    format: FMT.money,
    of: (f) => f.tce,
    formula: (x, g) => `SUMPRODUCT(--${x.counted(g)},${x.effect(g, "tce")})`,
    // 当量 or 等价: the convention the tce of electricity is counted in (research notes T4)
    note: {
      formula: (lang) => `${str(tr(lang, CONVENTION_NOTE.before))}&${ELEC_CONVENTION_NAME}&${str(tr(lang, CONVENTION_NOTE.after))}`,
      value: (ctx) => `${t(ctx, CONVENTION_NOTE.before)}${energyParameterValue(ctx, "electricityConvention")}${t(ctx, CONVENTION_NOTE.after)}`,
    },
  },
  itemIndicator("electricity", l("节电", "Electricity saved"), l("万kWh/a", "10⁴ kWh/a"), 10000),
  itemIndicator("freshWater", l("节水（新水）", "Fresh water saved"), T_A),
  itemIndicator("cod", l("削减 COD", "COD reduced"), T_A),
  itemIndicator("ammonia", l("削减 氨氮", "NH3-N reduced"), T_A),
  itemIndicator("so2", l("削减 SO2", "SO2 reduced"), T_A),
  itemIndicator("nox", l("削减 NOx", "NOx reduced"), T_A),
  itemIndicator("vocs", l("削减 VOCs", "VOCs reduced"), T_A),
  itemIndicator("particulates", l("削减 颗粒物", "Particulates reduced"), T_A),
  itemIndicator("solidWaste", l("减少 一般固废", "Solid waste reduced"), T_A),
  itemIndicator("hazardousWaste", l("减少 危险废物", "Hazardous waste reduced"), T_A),
  { label: l("减碳量 CO2", "CO2 avoided"), unit: l("tCO2/a", "tCO2/a"), always: true, format: FMT.money, of: (f) => f.co2, formula: (x, g) => `SUMPRODUCT(--${x.counted(g)},${x.effect(g, "co2")})` },
];

/** Σ left to right (the order SUMPRODUCT adds the rows in). */
function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/**
 * The figures of group `g` (无/低费 "low", 中/高费 "high") of a case: options proposed (register rows
 * with an id of the group), and over the counted rows of 表6-2 / 表6-4 (检查 empty) the tce, CO2 and
 * the reduction of each item.
 */
export function groupFigures(ctx: BuildContext, g: Group): GroupFigures {
  const proposed = registerRows(ctx).filter((o) => o.id !== "" && costGroup(o.costClass) === g).length;
  const rows = countedRows(ctx, EFFECT_SHEETS[g]);
  const nums = (f: (r: EffectRow) => number | null) => rows.map(f).filter((v): v is number => v !== null);
  const items = {} as GroupFigures["items"];
  for (const key of Object.keys(EFFECT_ITEMS) as (keyof typeof EFFECT_ITEMS)[]) {
    const label = tr(ctx.lang, EFFECT_ITEMS[key]).toUpperCase();
    items[key] = sum(rows.filter((r) => itemCell(ctx, r).toUpperCase() === label).map((r) => reductionOf(r) ?? 0));
  }
  // 表6-6: its rows of the group (as its 方案类型 column gives it), their money as its cells hold it
  const implemented = (ctx.auditCase?.implementedSummary ?? []).filter((x) => x.optionId !== "" && costGroup(registerEntryOf(ctx, x.optionId)?.costClass) === g);
  const money = implemented.map((x) => summaryMoney(ctx, x.optionId));
  return {
    proposed,
    implemented: implemented.length,
    investment: sumNumbers(money.map((m) => m.investment)),
    benefit: sumNumbers(money.map((m) => m.benefit)),
    tce: sum(nums((r) => rowTce(ctx, r))),
    co2: sum(nums((r) => rowCo2(ctx, r))),
    items,
  };
}

/** Columns of the block: indicator, unit, 无/低费, 中/高费, 合计, note. */
const C = { label: 0, unit: 1, low: 2, high: 3, total: 4, note: 5 } as const;

function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const lang = ctx.lang;
  const figs = { low: groupFigures(ctx, "low"), high: groupFigures(ctx, "high") };
  const eff = { low: TBL_LOW_EFFECTS, high: TBL_HIGH_EFFECTS } as const;
  const x: Cells = {
    lang,
    counted: (g) => `(${whole(eff[g], "check", lang)}="")`,
    effect: (g, key) => whole(eff[g] as typeof TBL_HIGH_EFFECTS, key, lang),
    implemented: (key) => whole(TBL_IMPLEMENTED_SUMMARY, key, lang),
  };
  b.label(top, 0, t(ctx, PERFORMANCE_LABELS.title), "meta", false);
  const h = top + 1;
  for (const [c, label] of [[C.label, "indicator"], [C.unit, "unit"], [C.low, "low"], [C.high, "high"], [C.total, "total"], [C.note, "note"]] as const) b.header(h, c, t(ctx, PERFORMANCE_LABELS[label]));
  PERFORMANCE_INDICATORS.forEach((ind, i) => {
    const r = h + 1 + i;
    b.label(r, C.label, t(ctx, ind.label));
    b.label(r, C.unit, t(ctx, ind.unit));
    const lo = ind.of(figs.low);
    const hi = ind.of(figs.high);
    b.formula(r, C.low, ind.formula(x, "low"), lo, "computed", ind.format);
    b.formula(r, C.high, ind.formula(x, "high"), hi, "computed", ind.format);
    b.formula(r, C.total, `${colLetter(C.low)}${r + 1}+${colLetter(C.high)}${r + 1}`, lo + hi, "total", ind.format);
    if (ind.note) {
      b.formula(r, C.note, ind.note.formula(lang), ind.note.value(ctx), "lookup");
      // either convention's text on one line
      for (const c of ["equivalent", "equal"] as const) b.fit(C.note, `${t(ctx, CONVENTION_NOTE.before)}${conventionText(lang, c)}${t(ctx, CONVENTION_NOTE.after)}`);
    }
  });
  // the notes table's band (its title) on one line
  b.fit(C.label, t(ctx, PERFORMANCE_LABELS.notesTitle));
  // room for figures up to 99 999.99 (no ###)
  for (const c of [C.low, C.high, C.total]) b.minWidth(c, 11);
  return h + PERFORMANCE_INDICATORS.length + 1;
}

const noteRows = (ctx: BuildContext): readonly PerformanceNote[] => ctx.auditCase?.performanceNotes ?? [];

const noteColumns: readonly Column<PerformanceNote, NK>[] = [
  // the band row above the notes names them (the block above fills the page: no extra title row)
  { key: "topic", role: "input", width: 14, band: PERFORMANCE_LABELS.notesTitle, value: (n) => n?.topic },
  { key: "description", role: "input", width: 40, value: (n) => n?.description },
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
export function performanceOf(c: AuditCase, lang: BuildContext["lang"]): { low: GroupFigures; high: GroupFigures } {
  const ctx: BuildContext = { lang, auditCase: c, params: resolveParameters(c), names: {} as BuildContext["names"] };
  return { low: groupFigures(ctx, "low"), high: groupFigures(ctx, "high") };
}

export const performanceWorksheet = tableWorksheet({
    key: "WS6-9",
    number: "6-9",
    sheetName: l("绩效汇总", "Performance"),
    title: l("方案实施对企业的影响/绩效汇总", "Overall impact / performance summary"),
    dependsOn: ["PARAMS", "COEFF", "WS4-1", "WS6-2", "WS6-4", "WS6-6"],
    note: l(
      "绩效表的数字由方案汇总表和表6-2、表6-4、表6-6汇总（检查列非空的行不计入），不要手填；下表填写管理与员工等方面的定性影响，在表格下方输入即可添加行。",
      "The performance figures are summed from the options register and Tables 6-2, 6-4 and 6-6 (rows with a check text are not counted), never typed; below, the qualitative impacts (management, staff …). Type below the table to add a row.",
    ),
    freezeCols: 1,
    orientation: "landscape",
    summary,
    // a few rows (the sheet prints on one page): the case's notes and two empty ones, four in the template
    tables: [defineTable({ schema: TBL_PERFORMANCE_NOTES, columns: noteColumns, rows: noteRows, rowCount: (ctx) => (ctx.auditCase === null ? 4 : noteRows(ctx).length + 2), readBack: noteReadBack })],
  });
