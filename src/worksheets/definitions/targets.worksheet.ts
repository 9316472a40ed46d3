/**
 * 表2-12 清洁生产目标一览表 CP targets (spec WS2-12; issue 10).
 *
 * Table `tblTargets`: 项目 | 单位 | 方向 (越低越好 / 越高越好, list) | 现状（输入） | 现状 (computed:
 * when 项目 names an item of the annual data, that item's 单位产品消耗, or its Y0 when it has no
 * specific figure — linked, never retyped; otherwise the typed 现状) | 来源 (年度数据 / 输入) |
 * per horizon (近期 = end of this audit round, 中远期 = 2–3 years): 绝对量（输入）, 相对量（输入）, and
 * the computed 目标值 and 改善率 | 依据 | 检查.
 *
 * Rule (stated on the sheet): type the absolute target OR the relative improvement, not both; the
 * other is computed. Lower is better: 目标值 = 现状 × (1 − 相对量), 改善率 = (现状 − 目标值)/现状;
 * higher is better: 目标值 = 现状 × (1 + 相对量), 改善率 = (目标值 − 现状)/现状. Blank while the
 * direction or the baseline is missing; 改善率 blank when 现状 = 0.
 */
import { colLetter } from "../a1";
import { BETTER, itemText, l, type L } from "../i18n";
import { FMT, t, type BuildContext } from "../layout";
import { defineTable, tableWorksheet, type Column, type Refs, type TableSchema } from "../table";
import type { CellReader } from "../read-back";
import { f, readRow } from "./read-back-fields";
import { storeSection } from "./read-kit";
import { annualFigures, annualItem, annualMatch, annualNumber, annualRows, firstProblem } from "./annual-data.worksheet";

export const TBL_TARGETS = {
  name: "tblTargets",
  columns: {
    item: l("项目", "Item"),
    unit: l("单位", "Unit"),
    dir: l("方向", "Direction"),
    baseIn: l("现状（输入）", "Baseline typed"),
    base: l("现状", "Baseline"),
    from: l("来源", "Source"),
    sAbsIn: l("近期绝对量", "Short abs."),
    sRelIn: l("近期相对量", "Short rel."),
    sAbs: l("近期目标值", "Short target"),
    sRel: l("近期改善率", "Short improvement"),
    lAbsIn: l("中远期绝对量", "Long abs."),
    lRelIn: l("中远期相对量", "Long rel."),
    lAbs: l("中远期目标值", "Long target"),
    lRel: l("中远期改善率", "Long improvement"),
    basis: l("依据", "Basis"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_TARGETS.columns;

/** One target of the case. */
export type TargetEntry = NonNullable<NonNullable<BuildContext["auditCase"]>["targets"]>[number];

export const TARGET_LABELS = {
  annual: l("年度数据", "Annual data"),
  typed: l("输入", "Typed"),
  noItem: l("缺少项目", "Item missing"),
  noDir: l("缺少方向", "Direction missing"),
  badDir: l("方向不在列表中", "Direction not in the list"),
  noBase: l("缺少现状", "Baseline missing"),
  both: l("绝对量与相对量只填一个", "Type absolute OR relative"),
  worse: l("目标劣于现状", "Target worse than baseline"),
};

const LOWER = BETTER[0]!;
const HIGHER = BETTER[1]!;

/** The baseline of a target and where it comes from. */
function baselineOf(ctx: BuildContext, x: TargetEntry): { base?: number; from?: L } {
  const rows = annualRows(ctx);
  const a = annualItem(rows, x.item);
  if (a) {
    const spec = annualFigures(a, rows).spec;
    const v = spec ?? a.y0;
    return v === undefined ? { from: TARGET_LABELS.annual } : { base: v, from: TARGET_LABELS.annual };
  }
  return x.baseline !== undefined ? { base: x.baseline, from: TARGET_LABELS.typed } : {};
}

/** The computed target value and improvement of one horizon. */
export function horizonOf(direction: string, base: number | undefined, h: { absolute?: number; relative?: number } | undefined): { abs?: number; rel?: number } {
  const lower = direction === LOWER.zh;
  if (!lower && direction !== HIGHER.zh) return {};
  const out: { abs?: number; rel?: number } = {};
  if (h?.absolute !== undefined) out.abs = h.absolute;
  else if (h?.relative !== undefined && base !== undefined) out.abs = lower ? base * (1 - h.relative) : base * (1 + h.relative);
  if (h?.relative !== undefined) out.rel = h.relative;
  else if (h?.absolute !== undefined && base !== undefined && base !== 0) out.rel = lower ? (base - h.absolute) / base : (h.absolute - base) / base;
  return out;
}

function checkOf(ctx: BuildContext, x: TargetEntry): L | null {
  const { base } = baselineOf(ctx, x);
  if (x.item.trim() === "") return TARGET_LABELS.noItem;
  if (x.direction.trim() === "") return TARGET_LABELS.noDir;
  if (!BETTER.some((b) => b.zh === x.direction)) return TARGET_LABELS.badDir;
  if (base === undefined) return TARGET_LABELS.noBase;
  for (const h of [x.shortTerm, x.longTerm]) {
    const v = horizonOf(x.direction, base, h);
    if (v.rel !== undefined && v.rel < 0) return TARGET_LABELS.worse;
  }
  return null;
}

/** 目标值 of a horizon: the typed absolute, else from the relative and the baseline. */
function absFormula(x: Refs<K>, absIn: K, relIn: K): string {
  const d = `TRIM(${x.r("dir")})`;
  const [a, r, b] = [x.r(absIn), x.r(relIn), x.r("base")];
  return `IF(AND(${d}<>${x.s(LOWER)},${d}<>${x.s(HIGHER)}),"",IF(ISNUMBER(${a}),${a},IF(AND(ISNUMBER(${r}),ISNUMBER(${b})),IF(${d}=${x.s(LOWER)},${b}*(1-${r}),${b}*(1+${r})),"")))`;
}

/** 改善率 of a horizon: the typed relative, else from the absolute and the baseline. */
function relFormula(x: Refs<K>, absIn: K, relIn: K): string {
  const d = `TRIM(${x.r("dir")})`;
  const [a, r, b] = [x.r(absIn), x.r(relIn), x.r("base")];
  return `IF(AND(${d}<>${x.s(LOWER)},${d}<>${x.s(HIGHER)}),"",IF(ISNUMBER(${r}),${r},IF(AND(ISNUMBER(${a}),ISNUMBER(${b})),IF(${b}=0,"",IF(${d}=${x.s(LOWER)},(${b}-${a})/${b},(${a}-${b})/${b})),"")))`;
}

const rows = (ctx: BuildContext): readonly TargetEntry[] => ctx.auditCase?.targets ?? [];

/** The computed value of column `key` for target `k` of the case. */
function computedValue(ctx: BuildContext, x: TargetEntry, key: "base" | "from" | "sAbs" | "sRel" | "lAbs" | "lRel"): number | string | null {
  const { base, from } = baselineOf(ctx, x);
  if (key === "base") return base ?? null;
  if (key === "from") return from ? t(ctx, from) : null;
  const h = horizonOf(x.direction, base, key[0] === "s" ? x.shortTerm : x.longTerm);
  return (key.endsWith("Abs") ? h.abs : h.rel) ?? null;
}

const input = (key: K, width: number, format: string | undefined, get: (x: TargetEntry) => string | number | undefined, band?: L): Column<TargetEntry, K> => {
  const c: Column<TargetEntry, K> = { key, role: "input", width, value: (x) => (x ? get(x) : undefined) };
  if (format) c.format = format;
  if (band) c.band = band;
  return c;
};
const calc = (key: "base" | "from" | "sAbs" | "sRel" | "lAbs" | "lRel", format: string | undefined, formula: (x: Refs<K>) => string, style: "computed" | "lookup" = "computed"): Column<TargetEntry, K> => ({
  key,
  role: "computed",
  style,
  ...(format ? { format } : {}),
  formula,
  value: (x, _k, ctx) => (x ? computedValue(ctx, x, key) : null),
});

const columns: readonly Column<TargetEntry, K>[] = [
  input("item", 14, FMT.text, (x) => x.item, l("年度数据名称则自动链接", "an annual item links")),
  input("unit", 7, FMT.text, (x) => x.unit),
  { key: "dir", role: "input", width: 9, validation: { list: "better" }, value: (x, _k, ctx) => (x ? itemText(ctx.lang, BETTER, x.direction) : undefined) },
  input("baseIn", 9, FMT.general, (x) => x.baseline, l("不在年度数据时", "if not annual")),
  calc(
    "base",
    FMT.general,
    (x) => {
      const m = annualMatch(x.ctx, x.r("item"));
      const spec = annualNumber(x.ctx, "spec", x.r("item"));
      const y0 = annualNumber(x.ctx, "y0", x.r("item"));
      return `IF(TRIM(${x.r("item")})="","",IF(ISNA(${m}),IF(ISNUMBER(${x.r("baseIn")}),${x.r("baseIn")},""),IF(ISNUMBER(${spec}),${spec},${y0})))`;
    },
    "lookup",
  ),
  calc("from", undefined, (x) => {
    const m = annualMatch(x.ctx, x.r("item"));
    return `IF(TRIM(${x.r("item")})="","",IF(ISNA(${m}),IF(ISNUMBER(${x.r("baseIn")}),${x.s(TARGET_LABELS.typed)},""),${x.s(TARGET_LABELS.annual)}))`;
  }),
  input("sAbsIn", 9, FMT.general, (x) => x.shortTerm?.absolute, l("填一项", "type one")),
  input("sRelIn", 9, FMT.percent, (x) => x.shortTerm?.relative, l("填一项", "type one")),
  calc("sAbs", FMT.general, (x) => absFormula(x, "sAbsIn", "sRelIn")),
  calc("sRel", FMT.percent, (x) => relFormula(x, "sAbsIn", "sRelIn")),
  input("lAbsIn", 9, FMT.general, (x) => x.longTerm?.absolute, l("填一项", "type one")),
  input("lRelIn", 9, FMT.percent, (x) => x.longTerm?.relative, l("填一项", "type one")),
  calc("lAbs", FMT.general, (x) => absFormula(x, "lAbsIn", "lRelIn")),
  calc("lRel", FMT.percent, (x) => relFormula(x, "lAbsIn", "lRelIn")),
  input("basis", 12, FMT.text, (x) => x.basis),
  {
    key: "check",
    role: "computed",
    width: 12,
    formula: (x) => {
      const d = `TRIM(${x.r("dir")})`;
      return firstProblem(x, `COUNTA(${x.span("item", "baseIn")})+COUNTA(${x.span("sAbsIn", "sRelIn")})+COUNTA(${x.span("lAbsIn", "lRelIn")})+COUNTA(${x.r("basis")})`, [
        [`TRIM(${x.r("item")})=""`, TARGET_LABELS.noItem],
        [`${d}=""`, TARGET_LABELS.noDir],
        [`AND(${d}<>${x.s(LOWER)},${d}<>${x.s(HIGHER)})`, TARGET_LABELS.badDir],
        [`NOT(ISNUMBER(${x.r("base")}))`, TARGET_LABELS.noBase],
        [`OR(AND(ISNUMBER(${x.r("sAbsIn")}),ISNUMBER(${x.r("sRelIn")})),AND(ISNUMBER(${x.r("lAbsIn")}),ISNUMBER(${x.r("lRelIn")})))`, TARGET_LABELS.both],
        [`OR(AND(ISNUMBER(${x.r("sRel")}),N(${x.r("sRel")})<0),AND(ISNUMBER(${x.r("lRel")}),N(${x.r("lRel")})<0))`, TARGET_LABELS.worse],
      ]);
    },
    value: (x, _k, ctx) => {
      const c = x ? checkOf(ctx, x) : null;
      return c ? t(ctx, c) : null;
    },
  },
];

/**
 * One target back into the case (方向 as its zh-CN item; 现状 only the typed one; each horizon an
 * object of the typed absolute and relative values, absent when neither is typed).
 */
function targetReadRow(c: CellReader<K>): unknown {
  const row = readRow(c, [
    f("item", "item", "text", "缺少项目 (item missing)"),
    f("unit", "unit"),
    f("direction", "dir", BETTER, "缺少方向 (direction missing)"),
    f("baseline", "baseIn", "num"),
    f("sAbs", "sAbsIn", "num"),
    f("sRel", "sRelIn", "num"),
    f("lAbs", "lAbsIn", "num"),
    f("lRel", "lRelIn", "num"),
    f("basis", "basis"),
  ]);
  if (!row) return undefined;
  const { sAbs, sRel, lAbs, lRel, basis, ...out } = row;
  const horizon = (absolute: unknown, relative: unknown) => (absolute === undefined && relative === undefined ? undefined : { ...(absolute !== undefined ? { absolute } : {}), ...(relative !== undefined ? { relative } : {}) });
  const short = horizon(sAbs, sRel);
  const long = horizon(lAbs, lRel);
  if (short) out.shortTerm = short;
  if (long) out.longTerm = long;
  if (basis !== undefined) out.basis = basis;
  return out;
}

export const targetsWorksheet = tableWorksheet({
  key: "WS2-12",
  number: "2-12",
  sheetName: l("清洁生产目标", "CP targets"),
  title: l("清洁生产目标一览表", "Cleaner-production targets"),
  dependsOn: ["PARAMS", "LISTS", "WS2-3"],
  note: l(
    "黄色单元格为输入。项目填年度数据中的名称时，现状自动取其单位产品消耗（无单耗时取审核年 Y0），否则填“现状（输入）”。每个目标只填绝对量或相对量之一，另一项自动计算：越低越好 目标值 = 现状 ×（1 − 相对量），越高越好 目标值 = 现状 ×（1 + 相对量）；改善率相应由目标值反算。近期指本轮审核结束时，中远期一般 2–3 年。",
    "Yellow cells are inputs. When the item is a name of the annual data, the baseline is its specific consumption (its Y0 when it has none); otherwise type the baseline. Type the absolute target OR the relative improvement; the other is computed: lower is better, target = baseline × (1 − relative); higher is better, target = baseline × (1 + relative); the improvement is computed back from a typed target. Short term: end of this audit round; long term: usually 2–3 years.",
  ),
  freezeCols: 1,
  orientation: "landscape",
  tables: [
    defineTable({
      schema: TBL_TARGETS,
      columns,
      rows,
      readBack: { row: targetReadRow, store: storeSection("targets") },
      decorate(b, _ctx, g) {
        const cell = (k: K) => `$${colLetter(g.col[k])}${g.firstRow + 1}`;
        b.conditional({ top: g.firstRow, left: g.col.check, bottom: g.lastRow, right: g.col.check }, `${cell("check")}<>""`, "bad");
      },
    }),
  ],
});
