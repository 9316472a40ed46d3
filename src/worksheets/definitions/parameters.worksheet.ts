/**
 * 参数 Parameters: the header values (企业名称, 审核轮次, 制表, 审核, 日期) and the evaluation
 * parameters as the named input cells CP_DiscountRate, CP_TaxRate, CP_DepreciationYears,
 * CP_EvaluationYears, CP_BenchmarkRate, CP_BalanceTolerance, CP_PaybackQuota (guide §1). Every
 * formula of the workbook reads its parameters through these names; none carries a literal
 * parameter.
 *
 * Defaults of the case README: a parameter absent from the case whose default is another
 * parameter (n = Y, i_b = i, quota = n) is written as a formula in its input cell
 * (`CP_DepreciationYears`), so it follows the other until the user types a value over it; the
 * tolerance defaults to 5 %. The blank template proposes t = 25 % (current enterprise income tax,
 * spec §3.1) and Y = 10 a (spec §3.1 "commonly 10"); the discount rate is left for the user.
 */
import { rect } from "../a1";
import { DEFAULT_BALANCE_TOLERANCE as DEFAULT_TOLERANCE } from "../../core/balance";
import type { WorksheetDefinition } from "../definition";
import { COST_CLASSES, l, tr, type L } from "../i18n";
import { breakLines, finishSheet, FMT, headerBlock, SheetBuilder, t, TABLE_TOP, type BuildContext } from "../layout";
import type { CellValue, NamedRangeModel } from "../model";
import { ENERGY_PARAMETERS, energyParameterBlock } from "./energy-parameters";

type ParamKey = "discountRate" | "taxRate" | "depreciationYears" | "evaluationYears" | "benchmarkRate" | "balanceTolerance" | "paybackQuota" | "auditYear";

/** Defined name of the audit year Y0 (the annual data's year labels, issue 10). */
export const AUDIT_YEAR_NAME = "CP_AuditYear";

interface ParamRow {
  key: ParamKey;
  name: string;
  label: L;
  symbol: string;
  unit: L;
  format: string;
  note: L;
  /**
   * The parameter whose value this one takes when the case omits it (README default: n = Y,
   * i_b = i, quota = n); the cell holds {@link defaultFormulaOf} so it follows that parameter until
   * the user types a value, and stays blank while that one is blank (never a plausible 0).
   */
  defaultFormula?: string;
  validation: { kind: "decimal" | "whole"; min?: number; max?: number; error: L };
}

/**
 * Cost classes with their own payback quota (spec §3.4: 中费 2–3 a, 较高费 < 5 a, 高费 < 10 a): the
 * classes the economics sheet evaluates. Their quotas are input cells below the parameters, named
 * {@link QUOTA_YEARS_NAME} (the classes' labels: {@link QUOTA_CLASSES_NAME}); a blank one means the
 * single quota CP_PaybackQuota applies.
 */
export const QUOTA_CLASSES = ["中费", "高费", "中/高费"] as const;
export const QUOTA_CLASSES_NAME = "CP_QuotaClasses";
export const QUOTA_YEARS_NAME = "CP_QuotaYears";

/** The parameter rows, in sheet order. */
export const PARAMETER_ROWS: readonly ParamRow[] = [
  {
    key: "discountRate",
    name: "CP_DiscountRate",
    label: l("贴现率", "Discount rate"),
    symbol: "i",
    unit: l("小数，以 % 显示", "decimal, shown as %"),
    format: FMT.percent,
    note: l("银行贷款利率或基准收益率；经济评估必填", "bank loan rate or benchmark rate; required for the economic evaluation"),
    validation: { kind: "decimal", min: -0.99, max: 10, error: l("请输入小数形式的比率，例如 0.12 表示 12 %", "Enter a decimal rate, e.g. 0.12 for 12 %") },
  },
  {
    key: "taxRate",
    name: "CP_TaxRate",
    label: l("税率（综合税率/所得税率）", "Tax rate"),
    symbol: "t",
    unit: l("小数，以 % 显示", "decimal, shown as %"),
    format: FMT.percent,
    note: l("由年运行费用节省额 P 推算 F 时使用；现行企业所得税 25 %", "used when F is derived from the savings P; current enterprise income tax 25 %"),
    validation: { kind: "decimal", min: 0, max: 0.9999, error: l("税率为 0 至 1 之间的小数，例如 0.25", "A tax rate is a decimal from 0 to below 1, e.g. 0.25") },
  },
  {
    key: "depreciationYears",
    name: "CP_DepreciationYears",
    label: l("设备折旧年限", "Depreciation life"),
    symbol: "Y",
    unit: l("年", "years"),
    format: FMT.general,
    note: l("直线折旧，无残值：D = I/Y", "straight line, no salvage: D = I/Y"),
    validation: { kind: "decimal", min: 0.0001, error: l("折旧年限须大于 0", "The depreciation life must be greater than 0") },
  },
  {
    key: "evaluationYears",
    name: "CP_EvaluationYears",
    label: l("计算期（项目寿命期）", "Evaluation horizon"),
    symbol: "n",
    unit: l("年", "years"),
    format: FMT.general,
    note: l("默认 = 折旧年限 Y", "default = depreciation life Y"),
    defaultFormula: "CP_DepreciationYears",
    validation: { kind: "whole", min: 1, max: 1000, error: l("计算期为 1 至 1000 的整数年", "The horizon is a whole number of years from 1 to 1000") },
  },
  {
    key: "benchmarkRate",
    name: "CP_BenchmarkRate",
    label: l("基准收益率", "Benchmark rate"),
    symbol: "i_b",
    unit: l("小数，以 % 显示", "decimal, shown as %"),
    format: FMT.percent,
    note: l("IRR ≥ 基准收益率为可行；默认 = 贴现率", "feasible when IRR ≥ benchmark; default = discount rate"),
    defaultFormula: "CP_DiscountRate",
    validation: { kind: "decimal", min: -0.99, max: 10, error: l("请输入小数形式的比率，例如 0.12 表示 12 %", "Enter a decimal rate, e.g. 0.12 for 12 %") },
  },
  {
    key: "balanceTolerance",
    name: "CP_BalanceTolerance",
    label: l("物料平衡允许相对误差", "Balance tolerance"),
    symbol: "|e|",
    unit: l("小数，以 % 显示", "decimal, shown as %"),
    format: FMT.percent,
    note: l("|相对误差| ≤ 允许值为合格；默认 5 %", "pass when |relative error| ≤ tolerance; default 5 %"),
    validation: { kind: "decimal", min: 0, max: 1, error: l("允许误差为 0 至 1 之间的小数，例如 0.05", "A tolerance is a decimal from 0 to 1, e.g. 0.05") },
  },
  {
    key: "paybackQuota",
    name: "CP_PaybackQuota",
    label: l("定额投资偿还期", "Payback quota"),
    symbol: "N₀",
    unit: l("年", "years"),
    format: FMT.general,
    note: l("N ≤ 定额为可行（中费 2–3 年，较高费 5 年，高费 10 年）；默认 = 计算期 n", "feasible when N ≤ quota (medium 2–3 a, higher 5 a, high 10 a); default = horizon n"),
    defaultFormula: "CP_EvaluationYears",
    validation: { kind: "decimal", min: 0.0001, error: l("定额投资偿还期须大于 0", "The payback quota must be greater than 0") },
  },
  {
    key: "auditYear",
    name: AUDIT_YEAR_NAME,
    label: l("审核年份", "Audit year"),
    symbol: "Y0",
    unit: l("年", "year"),
    format: FMT.integer,
    note: l("年度数据的审核年 Y0；近三年为 Y0−3 至 Y0−1（表2-3/2-4 的年份标题随之变化）", "the audit year Y0 of the annual data; the last three years are Y0−3 to Y0−1 (the year labels of Table 2-3/2-4 follow it)"),
    validation: { kind: "whole", min: 1900, max: 2200, error: l("审核年份为 1900 至 2200 的整数", "The audit year is a whole number from 1900 to 2200") },
  },
];

/** The default formula of a parameter that follows `name`: its value when it is a number, else blank. */
export function defaultFormulaOf(name: string): string {
  return `IF(ISNUMBER(${name}),${name},"")`;
}

/** Notes of the per-class quotas (spec §3.4). */
const QUOTA_NOTES: readonly L[] = [
  l("中费项目一般 2–3 年", "medium-cost projects: usually 2–3 years"),
  l("高费项目一般 < 10 年（较高费 < 5 年）", "high-cost projects: usually < 10 years (higher-cost < 5 years)"),
  l("未细分的中/高费方案", "medium/high-cost options not split further"),
];

/** First row of the per-class quotas: below the parameters, after a title row. */
export function quotaFirstRow(): number {
  return PARAM_FIRST_ROW + PARAMETER_ROWS.length + 2;
}

/** First row of the energy and carbon parameters (issue 12): below the per-class quotas, after a title row. */
export function energyFirstRow(): number {
  return quotaFirstRow() + QUOTA_CLASSES.length + 2;
}

/** Width of the notes column (characters); longer notes break into lines. */
const NOTE_WIDTH = 60;

/** Row of the first parameter (below the table header). */
export const PARAM_FIRST_ROW = TABLE_TOP + 1;
/** Column of the parameter values (the named input cells). */
export const PARAM_VALUE_COL = 2;

const COLS = {
  label: l("参数", "Parameter"),
  symbol: l("符号", "Symbol"),
  value: l("取值", "Value"),
  unit: l("单位", "Unit"),
  name: l("命名区域", "Defined name"),
  note: l("说明", "Notes"),
};

/** Values of the parameters in the sheet: given, default formula, or blank. */
function parameterCells(ctx: BuildContext): Map<ParamKey, { value?: number; formula?: string; result: CellValue }> {
  const out = new Map<ParamKey, { value?: number; formula?: string; result: CellValue }>();
  const given = ctx.auditCase?.parameters;
  const template: Partial<Record<ParamKey, number>> = { taxRate: 0.25, depreciationYears: 10, balanceTolerance: DEFAULT_TOLERANCE };
  const resolved = new Map<ParamKey, number | undefined>();
  for (const row of PARAMETER_ROWS) {
    const v = given ? (row.key === "balanceTolerance" ? (given.balanceTolerance ?? DEFAULT_TOLERANCE) : given[row.key]) : template[row.key];
    if (row.key === "evaluationYears" && given && v === undefined && given.depreciationYears === undefined && ctx.params?.evaluationYears !== undefined) {
      // n from the longest per-year cash-flow list: written as a value
      const n = ctx.params.evaluationYears;
      out.set(row.key, { value: n, result: n });
      resolved.set(row.key, n);
      continue;
    }
    if (v !== undefined) {
      out.set(row.key, { value: v, result: v });
      resolved.set(row.key, v);
    } else if (row.defaultFormula) {
      const srcKey = PARAMETER_ROWS.find((r) => r.name === row.defaultFormula)!.key;
      const r = resolved.get(srcKey);
      out.set(row.key, { formula: defaultFormulaOf(row.defaultFormula), result: r ?? null });
      resolved.set(row.key, r);
    } else {
      out.set(row.key, { result: null });
      resolved.set(row.key, undefined);
    }
  }
  return out;
}

export const parametersWorksheet: WorksheetDefinition = {
  key: "PARAMS",
  sheetName: l("参数", "Parameters"),
  title: l("审核参数及基本信息", "Audit parameters and header information"),
  dependsOn: [],

  build(ctx) {
    const caseTitle = ctx.auditCase?.meta.title;
    const b = new SheetBuilder("PARAMS", ctx.names.PARAMS, caseTitle ? `${t(ctx, this.title)}${ctx.lang === "zh-CN" ? "：" : ": "}${caseTitle}` : t(ctx, this.title));
    const lastCol = 5;
    headerBlock(
      b,
      ctx,
      lastCol,
      t(ctx, l("黄色单元格为输入。以下参数以命名区域供各工作表公式引用；比率以小数存储、以 % 显示。", "Yellow cells are inputs. Every formula reads the parameters below through their defined names; rates are stored as decimals and shown as %.")),
      true,
    );
    const h = TABLE_TOP;
    b.header(h, 0, t(ctx, COLS.label));
    b.header(h, 1, t(ctx, COLS.symbol));
    b.header(h, 2, t(ctx, COLS.value));
    b.header(h, 3, t(ctx, COLS.unit));
    b.header(h, 4, t(ctx, COLS.note));
    // column F holds only the header block's 审核轮次 and 日期; the defined names sit right of it
    b.header(h, 6, t(ctx, COLS.name));
    const cells = parameterCells(ctx);
    PARAMETER_ROWS.forEach((row, k) => {
      const r = PARAM_FIRST_ROW + k;
      b.label(r, 0, t(ctx, row.label));
      b.label(r, 1, row.symbol);
      const c = cells.get(row.key)!;
      if (c.formula) b.set(r, PARAM_VALUE_COL, { formula: c.formula, result: c.result, style: "input", numberFormat: row.format });
      else b.input(r, PARAM_VALUE_COL, c.value ?? null, row.format);
      b.label(r, 3, t(ctx, row.unit));
      // long notes on several lines within the notes column (written with their line breaks)
      b.label(r, 4, breakLines(t(ctx, row.note), NOTE_WIDTH - 2).join("\n"), "note", false);
      b.label(r, 6, row.name, "note");
      b.numberValidation(rect(r, PARAM_VALUE_COL), row.validation.kind, row.validation.min, row.validation.max, tr(ctx.lang, row.validation.error));
    });
    // a blank discount rate is flagged (economic formulas need it)
    b.conditional(rect(PARAM_FIRST_ROW, PARAM_VALUE_COL), `ISBLANK(${"C" + (PARAM_FIRST_ROW + 1)})`, "warn");
    // per-cost-class payback quotas (spec §3.4), beside the single quota
    const q0 = quotaFirstRow();
    b.label(q0 - 1, 0, t(ctx, l("分类定额投资偿还期（空白时用上面的定额投资偿还期 N₀）", "Payback quota per cost class (blank: the single quota N₀ above)")), "meta", false);
    QUOTA_CLASSES.forEach((cls, k) => {
      const r = q0 + k;
      const item = COST_CLASSES.find((c) => c.zh === cls)!;
      b.label(r, 0, t(ctx, item));
      b.label(r, 1, "N₀");
      b.input(r, PARAM_VALUE_COL, ctx.auditCase?.paybackQuotas?.[cls] ?? null, FMT.general);
      b.label(r, 3, t(ctx, l("年", "years")));
      b.label(r, 4, breakLines(t(ctx, QUOTA_NOTES[k]!), NOTE_WIDTH - 2).join("\n"), "note", false);
      b.numberValidation(rect(r, PARAM_VALUE_COL), "decimal", 0.0001, undefined, tr(ctx.lang, l("定额投资偿还期须大于 0", "The payback quota must be greater than 0")));
    });
    b.label(q0, 6, `${QUOTA_CLASSES_NAME} / ${QUOTA_YEARS_NAME}`, "note");
    energyParameterBlock(b, ctx, energyFirstRow(), NOTE_WIDTH);
    b.minWidth(PARAM_VALUE_COL, 14);
    b.minWidth(4, NOTE_WIDTH);
    b.minWidth(1, 8);
    // the defined names (a helper column for formula writers) stay on screen, off the paper; the
    // header block (审核轮次, 日期 in column F) is printed
    return finishSheet(b, ctx, { headerLast: h, freezeCols: 0, orientation: "landscape", printRight: 5 });
  },

  names(ctx) {
    const q0 = quotaFirstRow();
    const q1 = q0 + QUOTA_CLASSES.length - 1;
    return [
      ...PARAMETER_ROWS.map((row, k): NamedRangeModel => ({ name: row.name, sheet: ctx.names.PARAMS, ref: rect(PARAM_FIRST_ROW + k, PARAM_VALUE_COL) })),
      { name: QUOTA_CLASSES_NAME, sheet: ctx.names.PARAMS, ref: { top: q0, left: 0, bottom: q1, right: 0 } },
      { name: QUOTA_YEARS_NAME, sheet: ctx.names.PARAMS, ref: { top: q0, left: PARAM_VALUE_COL, bottom: q1, right: PARAM_VALUE_COL } },
      ...ENERGY_PARAMETERS.map((p, k): NamedRangeModel => ({ name: p.name, sheet: ctx.names.PARAMS, ref: rect(energyFirstRow() + k, PARAM_VALUE_COL) })),
    ];
  },
};
