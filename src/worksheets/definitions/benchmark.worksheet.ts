/**
 * 表2-8 清洁生产水平对标 Benchmark against a sector index system (spec WS2-8, §8.4; issue 10).
 *
 * Table `tblBenchmark`, one row per indicator; every row is input, so a consultant can type a
 * system of their own (or extend a shipped one, src/data/index-systems, which a case names as
 * `benchmark.system`): 编号 | 一级指标 | 一级权重 | 二级指标 | 二级权重 | 单位 | I级 | II级 | III级
 * (limits) | 方向 (≤ < ≥ >, or 定性: the auditor enters the level I / II / III as the value) |
 * 限定性 (是) | 数据来源 (an annual-data item: its 单位产品消耗 is the value) | 企业现状值 (typed) —
 * then computed: 采用值 (the linked specific consumption, else the typed value) | 达到级别 | 差距 |
 * 检查; hidden helpers 级别序号 (1–4), 参评 (1/0), 有效权重, 限定级别.
 *
 * Level rule (spec WS2-8): for ≤ (<) the level is I if x ≤ I值, else II if x ≤ II值, else III if
 * x ≤ III值, else 未达III级 (a limit left blank is skipped); ≥ (>) mirrored. 差距 is the distance
 * to the limit of the next level up (I级: 0), positive = still to improve: x − limit for ≤ / <,
 * limit − x for ≥ / >; blank for 定性.
 *
 * Composite score (spec §8.4) above the table: an indicator takes part when it has a level and
 * both weights; its effective weight is W_i × ω_ij / Σ ω over the taking-part indicators of its
 * first-level group (sub-weights re-normalised), and Y_k = 100 × Σ eff·[level ≤ k] / Σ eff (so
 * indicators without a value or weight drop out and the rest is re-normalised). Grade: I级 if
 * Y_I ≥ 85 and every 限定性 indicator reaches I; II级 if Y_II ≥ 85 and every 限定性 indicator
 * reaches II; III级 if Y_III = 100; else 未达III级 (a 限定性 indicator without a value counts as not
 * reached). Scores are compared rounded to 9 decimals.
 */
import { colLetter } from "../a1";
import { BENCH_DIRECTIONS, itemText, l, YES_NO, type L } from "../i18n";
import { benchmarkRows, recogniseSystem, systemSector, type BenchRow } from "../index-systems";
import type { IndexSystemId } from "../index-system-ids";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import { defineTable, listName, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import type { CaseDraft, CellReader, TableReader } from "../read-back";
import { f, readField, readRow } from "./read-back-fields";
import { ANNUAL_ITEMS_NAME, annualFigures, annualItem, annualMatch, annualNumber, annualRows, firstProblem } from "./annual-data.worksheet";

export const TBL_BENCHMARK = {
  name: "tblBenchmark",
  columns: {
    no: l("编号", "No."),
    level1: l("一级指标", "Level-1 indicator"),
    w1: l("一级权重", "Weight 1"),
    level2: l("二级指标", "Level-2 indicator"),
    w2: l("二级权重", "Weight 2"),
    unit: l("单位", "Unit"),
    t1: l("I级", "Level I"),
    t2: l("II级", "Level II"),
    t3: l("III级", "Level III"),
    dir: l("方向", "Direction"),
    mand: l("限定性", "Limiting"),
    src: l("数据来源", "Data source"),
    input: l("企业现状值", "Enterprise value"),
    value: l("采用值", "Value used"),
    level: l("达到级别", "Level reached"),
    gap: l("差距", "Gap"),
    check: l("检查", "Check"),
    lvl: l("级别序号", "Level no"),
    app: l("参评", "Scored"),
    eff: l("有效权重", "Effective weight"),
    lim: l("限定级别", "Limiting level"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_BENCHMARK.columns;

/** The level names (达到级别 and the grade). */
export const LEVELS: readonly L[] = [l("I级", "Level I"), l("II级", "Level II"), l("III级", "Level III"), l("未达III级", "Below III")];

export const BENCH_LABELS = {
  noLevel2: l("缺少二级指标", "Indicator missing"),
  noDir: l("缺少方向", "Direction missing"),
  badDir: l("方向不在列表中", "Direction not in the list"),
  noSource: l("数据来源不在年度数据中", "Source not in the annual data"),
  noSpec: l("数据来源无单位产品消耗", "Source has no specific figure"),
  noLimits: l("缺少基准值", "Limits missing"),
  noValue: l("缺少企业现状值", "Value missing"),
  valueNaN: l("现状值不是数值", "Value is not a number"),
  noWeight: l("无权重，不计入综合评分", "No weight: not scored"),
  title: l("综合评价（§8.4：有效权重 = 一级权重 × 二级权重 ÷ 同一一级指标下参评二级权重之和；Y = 100 × Σ有效权重×达标 ÷ Σ有效权重）", "Composite score (§8.4: effective weight = W1 × W2 ÷ Σ W2 of the scored indicators of the same level-1 group; Y = 100 × Σ eff × met ÷ Σ eff)"),
  yI: l("Y_I 得分", "Y_I score"),
  yII: l("Y_II 得分", "Y_II score"),
  yIII: l("Y_III 得分", "Y_III score"),
  scored: l("参评指标数", "Indicators scored"),
  limiting: l("限定性指标最低级别", "Worst limiting level"),
  grade: l("综合评价等级", "Overall grade"),
  rule: l("I级：Y_I ≥ 85 且限定性指标均达 I级；II级：Y_II ≥ 85 且限定性指标均达 II级；III级：Y_III = 100", "I: Y_I ≥ 85 and every limiting indicator at I; II: Y_II ≥ 85 and every limiting indicator at II or better; III: Y_III = 100"),
  system: l("指标体系", "Index system"),
  unverified: l("（数据来自公开转录，未经官方文本核实，见 src/data/index-systems/README）", " (transcribed from public sources, not checked against the official text; see src/data/index-systems/README)"),
};

const QUAL = BENCH_DIRECTIONS[4]!;
const YES = YES_NO[0]!;

/** The value a row uses: the linked specific consumption, else the typed value. */
function valueOf(ctx: BuildContext, r: BenchRow): number | string | undefined {
  if (r.source !== undefined && r.source.trim() !== "") {
    const rows = annualRows(ctx);
    const a = annualItem(rows, r.source);
    return a ? annualFigures(a, rows).spec : undefined;
  }
  return r.value === "" ? undefined : r.value;
}

/** The level number 1–4 as the hidden column computes it, or undefined. */
export function levelNo(r: BenchRow, v: number | string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (r.direction === QUAL.zh) {
    const i = ["I", "II", "III"].indexOf(String(v).trim().toUpperCase());
    return i < 0 ? 4 : i + 1;
  }
  if (typeof v !== "number") return undefined;
  const lims = [r.I, r.II, r.III];
  if (!lims.some((x) => typeof x === "number")) return undefined;
  const pass: Record<string, (x: number, y: number) => boolean> = { "≤": (x, y) => x <= y, "<": (x, y) => x < y, "≥": (x, y) => x >= y, ">": (x, y) => x > y };
  const op = pass[r.direction];
  if (!op) return undefined;
  for (let k = 0; k < 3; k++) {
    const y = lims[k];
    if (typeof y === "number" && op(v, y)) return k + 1;
  }
  return 4;
}

/** Everything the sheet computes for the case's rows (cached values). */
interface Computed {
  value?: number | string;
  lvl?: number;
  gap?: number;
  app: 0 | 1;
  eff?: number;
  lim?: number;
  check: L | null;
}

const cache = new WeakMap<object, Computed[]>();

/** The computed columns of every case row, once per case and language-independent. */
function computed(ctx: BuildContext): Computed[] {
  const key = ctx.auditCase ?? {};
  const hit = cache.get(key);
  if (hit) return hit;
  const rows = benchmarkRows(ctx.auditCase);
  const out: Computed[] = rows.map((r) => {
    const value = valueOf(ctx, r);
    const lvl = levelNo(r, value);
    const c: Computed = { app: 0, check: null };
    if (value !== undefined) c.value = value;
    if (lvl !== undefined) c.lvl = lvl;
    if (lvl !== undefined && r.direction !== QUAL.zh && typeof value === "number") {
      const next = [r.I, r.I, r.II, r.III][lvl - 1];
      if (lvl === 1) c.gap = 0;
      else if (typeof next === "number") c.gap = r.direction === "≤" || r.direction === "<" ? value - next : next - value;
    }
    if (lvl !== undefined && r.w1 !== undefined && r.w2 !== undefined && r.w2 > 0) c.app = 1;
    if (r.mandatory) c.lim = lvl ?? 4;
    c.check = checkOf(ctx, r, value, lvl);
    return c;
  });
  rows.forEach((r, i) => {
    const c = out[i]!;
    if (c.app !== 1) return;
    let group = 0;
    const g = (r.level1 ?? "").toLowerCase();
    rows.forEach((q, j) => {
      if (out[j]!.app === 1 && (q.level1 ?? "").toLowerCase() === g) group += q.w2!;
    });
    c.eff = (r.w1! * r.w2!) / group;
  });
  cache.set(key, out);
  return out;
}

function checkOf(ctx: BuildContext, r: BenchRow, value: number | string | undefined, lvl: number | undefined): L | null {
  if (r.level2.trim() === "") return BENCH_LABELS.noLevel2;
  if (r.direction.trim() === "") return BENCH_LABELS.noDir;
  if (!BENCH_DIRECTIONS.some((d) => d.zh === r.direction)) return BENCH_LABELS.badDir;
  if (r.source !== undefined && r.source.trim() !== "") {
    if (!annualItem(annualRows(ctx), r.source)) return BENCH_LABELS.noSource;
    if (value === undefined) return BENCH_LABELS.noSpec;
  }
  const quantitative = r.direction !== QUAL.zh;
  if (quantitative && ![r.I, r.II, r.III].some((x) => typeof x === "number")) return BENCH_LABELS.noLimits;
  if (value === undefined) return BENCH_LABELS.noValue;
  if (quantitative && typeof value !== "number") return BENCH_LABELS.valueNaN;
  if (lvl !== undefined && (r.w1 === undefined || r.w2 === undefined)) return BENCH_LABELS.noWeight;
  return null;
}

/** The comparison formula of one limit: `AND(ISNUMBER(lim), v op lim)`. */
function passes(v: string, lim: string, op: string): string {
  return `AND(ISNUMBER(${lim}),${v}${op}${lim})`;
}

/**
 * The level number (1–4) of the number `v` against the limits `lims` (I, II, III; a blank one is
 * skipped) by the direction `d` (a text expression: ≤ < ≥ >), as a formula: "" when `v` is no number,
 * `noLimit` (a formula: no limit is a number) holds, or `d` is another text. Shared with 表6-7.
 */
export function quantitativeLevelFormula(v: string, d: string, lims: readonly [string, string, string], noLimit: string): string {
  const [a, b, c] = lims;
  const chain = (op: string) => `IF(${passes(v, a, op)},1,IF(${passes(v, b, op)},2,IF(${passes(v, c, op)},3,4)))`;
  return `IF(OR(NOT(ISNUMBER(${v})),${noLimit}),"",IF(${d}="≤",${chain("<=")},IF(${d}="<",${chain("<")},IF(${d}="≥",${chain(">=")},IF(${d}=">",${chain(">")},"")))))`;
}

function levelFormula(x: Refs<K>): string {
  const v = x.r("value");
  const d = `TRIM(${x.r("dir")})`;
  const quant = quantitativeLevelFormula(v, d, [x.r("t1"), x.r("t2"), x.r("t3")], `COUNT(${x.span("t1", "t3")})=0`);
  return `IF(${v}="","",IF(${d}=${x.s(QUAL)},IFERROR(MATCH(TRIM(${v})&"",{"I";"II";"III"},0),4),${quant}))`;
}

const text = (key: K, width: number, get: (r: BenchRow) => string | undefined): Column<BenchRow, K> => ({ key, role: "input", width, format: FMT.text, value: (r) => (r ? get(r) : undefined) });
const numberIn = (key: K, get: (r: BenchRow) => number | string | undefined, band?: L): Column<BenchRow, K> => {
  const c: Column<BenchRow, K> = { key, role: "input", format: FMT.general, width: 8, value: (r) => (r ? get(r) : undefined) };
  if (band) c.band = band;
  return c;
};
/** A computed column whose cached value comes from {@link computed}. */
const calc = (key: K, format: string | undefined, formula: (x: Refs<K>) => string, get: (c: Computed, ctx: BuildContext) => number | string | undefined, extra: Partial<Column<BenchRow, K>> = {}): Column<BenchRow, K> => ({
  key,
  role: "computed",
  ...(format ? { format } : {}),
  formula,
  value: (r, k, ctx) => (r ? (get(computed(ctx)[k]!, ctx) ?? null) : null),
  ...extra,
});

const columns: readonly Column<BenchRow, K>[] = [
  text("no", 5, (r) => r.no),
  text("level1", 10, (r) => r.level1),
  numberIn("w1", (r) => r.w1),
  text("level2", 16, (r) => r.level2),
  numberIn("w2", (r) => r.w2),
  text("unit", 7, (r) => r.unit),
  numberIn("t1", (r) => r.I, l("基准值", "limit")),
  numberIn("t2", (r) => r.II, l("基准值", "limit")),
  numberIn("t3", (r) => r.III, l("基准值", "limit")),
  { key: "dir", role: "input", width: 6, band: l("≤ ≥ 定性", "≤ ≥ qual."), validation: { list: "benchDirection" }, value: (r, _k, ctx) => (r ? itemText(ctx.lang, BENCH_DIRECTIONS, r.direction) : undefined) },
  { key: "mand", role: "input", width: 6, validation: { list: "yesNo" }, value: (r, _k, ctx) => (r?.mandatory ? t(ctx, YES) : undefined) },
  {
    key: "src",
    role: "input",
    width: 10,
    band: l("年度数据名称", "annual item"),
    validation: { listName: ANNUAL_ITEMS_NAME, error: l("请从年度数据的名称中选择", "Choose a name of the annual data") },
    value: (r) => r?.source,
  },
  { key: "input", role: "input", width: 9, band: l("或 I/II/III", "or I/II/III"), format: FMT.general, value: (r) => (r && (r.source === undefined || r.source.trim() === "") ? r.value : undefined) },
  calc("value", FMT.general, (x) => `IF(TRIM(${x.r("src")})<>"",${annualNumber(x.ctx, "spec", x.r("src"))},IF(${x.r("input")}="","",${x.r("input")}))`, (c) => c.value, { style: "lookup" }),
  calc("level", undefined, (x) => `IF(${x.r("lvl")}="","",CHOOSE(${x.r("lvl")},${LEVELS.map((v) => x.s(v)).join(",")}))`, (c, ctx) => (c.lvl !== undefined ? t(ctx, LEVELS[c.lvl - 1]!) : undefined), { width: 8 }),
  calc(
    "gap",
    FMT.general,
    (x) => {
      const d = `TRIM(${x.r("dir")})`;
      const lv = x.r("lvl");
      const next = `CHOOSE(${lv},${x.r("t1")},${x.r("t1")},${x.r("t2")},${x.r("t3")})`;
      return `IF(OR(${lv}="",${d}=${x.s(QUAL)}),"",IF(${lv}=1,0,IF(ISNUMBER(${next}),IF(OR(${d}="≤",${d}="<"),${x.r("value")}-${next},${next}-${x.r("value")}),"")))`;
    },
    (c) => c.gap,
    { band: l("至上一级，I级为 0", "to the next level up") },
  ),
  calc(
    "check",
    undefined,
    (x) => {
      const d = `TRIM(${x.r("dir")})`;
      const src = `TRIM(${x.r("src")})`;
      const quant = `${d}<>${x.s(QUAL)}`;
      return firstProblem(x, `COUNTA(${x.span("no", "input")})`, [
        [`TRIM(${x.r("level2")})=""`, BENCH_LABELS.noLevel2],
        [`${d}=""`, BENCH_LABELS.noDir],
        [`SUMPRODUCT(--(${listName("benchDirection")}=${d}))=0`, BENCH_LABELS.badDir],
        [`AND(${src}<>"",ISNA(${annualMatch(x.ctx, x.r("src"))}))`, BENCH_LABELS.noSource],
        [`AND(${src}<>"",${x.r("value")}="")`, BENCH_LABELS.noSpec],
        [`AND(${quant},COUNT(${x.span("t1", "t3")})=0)`, BENCH_LABELS.noLimits],
        [`${x.r("value")}=""`, BENCH_LABELS.noValue],
        [`AND(${quant},NOT(ISNUMBER(${x.r("value")})))`, BENCH_LABELS.valueNaN],
        [`AND(${x.r("lvl")}<>"",OR(NOT(ISNUMBER(${x.r("w1")})),NOT(ISNUMBER(${x.r("w2")}))))`, BENCH_LABELS.noWeight],
      ]);
    },
    (c, ctx) => (c.check ? t(ctx, c.check) : undefined),
    { width: 12 },
  ),
  calc("lvl", FMT.integer, levelFormula, (c) => c.lvl, { hidden: true }),
  calc("app", FMT.integer, (x) => `IF(AND(ISNUMBER(${x.r("lvl")}),ISNUMBER(${x.r("w1")}),ISNUMBER(${x.r("w2")})),IF(${x.r("w2")}>0,1,0),0)`, (c) => c.app, {
    hidden: true,
    // 0 in the empty rows too (the formula's own result there)
    value: (r, k, ctx) => (r ? computed(ctx)[k]!.app : 0),
  }),
  calc(
    "eff",
    FMT.general,
    (x) => `IF(${x.r("app")}=1,${x.r("w1")}*${x.r("w2")}/SUMPRODUCT(--(${x.all("level1")}=${x.r("level1")}),${x.all("app")},${x.all("w2")}),"")`,
    (c) => c.eff,
    { hidden: true },
  ),
  calc("lim", FMT.integer, (x) => `IF(${x.r("mand")}=${x.s(YES)},IF(ISNUMBER(${x.r("lvl")}),${x.r("lvl")},4),"")`, (c) => c.lim, { hidden: true }),
];

/** A limit or the enterprise value: a number, or a text (a requirement, a level I / II / III). */
function numberOrText(c: CellReader<K>, key: K): number | string | undefined {
  const raw = c.raw(key);
  return typeof raw === "number" ? raw : c.text(key);
}

/**
 * One indicator row back into the case: `indicator` as `benchmark.indicators[]` writes it (方向 as
 * its zh-CN item, 限定性 只 when 是), and the row's own value and data source, which the case keeps
 * per indicator number (`values`, `sources`).
 */
function benchReadRow(c: CellReader<K>): unknown {
  const indicator = readRow(c, [
    f("no", "no"),
    f("level1", "level1"),
    f("weight1", "w1", "num"),
    f("level2", "level2", "text", "缺少二级指标 (indicator missing)"),
    f("weight2", "w2", "num"),
    f("unit", "unit"),
  ]);
  const out: Record<string, unknown> = { ...indicator };
  for (const [field, key] of [["I", "t1"], ["II", "t2"], ["III", "t3"]] as const) {
    const v = numberOrText(c, key);
    if (v !== undefined) out[field] = v;
  }
  const dir = readField(c, "dir", BENCH_DIRECTIONS);
  if (dir !== undefined) out.direction = dir;
  if (readField(c, "mand", YES_NO) === YES.zh) out.mandatory = true;
  const source = readField(c, "src", "text") as string | undefined;
  const value = numberOrText(c, "input");
  if (Object.keys(out).length === 0 && source === undefined && value === undefined) return undefined;
  if (out.level2 === undefined && indicator === undefined) c.problem("level2", "缺少二级指标 (indicator missing)");
  if (out.direction === undefined) c.problem("dir", "缺少方向 (direction missing)");
  return { indicator: out, source, value };
}

/**
 * The rows into `benchmark`: the leading rows of a shipped system as `system` (with `n` and the
 * `weights` that differ from the system's, index-systems.ts recogniseSystem), the others as own
 * `indicators`; values and sources by indicator number. A value or source needs the row's 编号,
 * unique: otherwise it is reported.
 */
function storeBenchmark(draft: CaseDraft, rows: unknown[], table: TableReader<K>): void {
  if (rows.length === 0) return;
  const indicators: Record<string, unknown>[] = [];
  const values: Record<string, number | string> = {};
  const sources: Record<string, string> = {};
  const nos = new Map<string, number>();
  for (const r of rows as { indicator: Record<string, unknown> }[]) {
    const no = r.indicator.no;
    if (typeof no === "string") nos.set(no, (nos.get(no) ?? 0) + 1);
  }
  for (const r of rows as { indicator: Record<string, unknown>; source?: string; value?: number | string }[]) {
    indicators.push(r.indicator);
    if (r.source === undefined && r.value === undefined) continue;
    const no = r.indicator.no;
    if (typeof no !== "string" || nos.get(no) !== 1) {
      const label = typeof r.indicator.level2 === "string" ? r.indicator.level2 : "";
      table.problem(`指标 "${label}" 的现状值或数据来源需要唯一的编号 (a value or source needs a unique indicator number)`);
      continue;
    }
    if (r.source !== undefined) sources[no] = r.source;
    else values[no] = r.value!;
  }
  // a shipped system's rows come back as the system (its n, the weights the case replaced)
  const sys = recogniseSystem(indicators);
  const benchmark: Record<string, unknown> = {};
  if (sys) {
    benchmark.system = sys.system;
    if (sys.n !== undefined) benchmark.n = sys.n;
  }
  const own = indicators.slice(sys?.count ?? 0);
  if (own.length > 0) benchmark.indicators = own;
  if (Object.keys(values).length > 0) benchmark.values = values;
  if (Object.keys(sources).length > 0) benchmark.sources = sources;
  if (sys && Object.keys(sys.weights).length > 0) benchmark.weights = sys.weights;
  draft.benchmark = benchmark;
}

/** Y_k (k = 1, 2, 3) and the grade of the case rows as the summary computes them. */
export function compositeOf(cs: readonly Computed[]): { y: (number | undefined)[]; worst: number; grade: number | undefined; scored: number } {
  let total = 0;
  const sk = [0, 0, 0];
  let scored = 0;
  let worst = 0;
  for (const c of cs) {
    if (c.eff !== undefined) {
      total += c.eff;
      for (let k = 0; k < 3; k++) if (c.lvl !== undefined && c.lvl <= k + 1) sk[k]! += c.eff;
    }
    scored += c.app;
    if (c.lim !== undefined) worst = Math.max(worst, c.lim);
  }
  if (cs.every((c) => c.eff === undefined)) return { y: [undefined, undefined, undefined], worst, grade: undefined, scored };
  const y = sk.map((s) => (100 * s) / total);
  const r9 = (x: number) => Math.round(x * 1e9) / 1e9;
  const grade = r9(y[0]!) >= 85 && worst <= 1 ? 1 : r9(y[1]!) >= 85 && worst <= 2 ? 2 : r9(y[2]!) >= 100 ? 3 : 4;
  return { y, worst, grade, scored };
}

/** Column of the summary's values (over the 二级指标 column; the labels are merged over the three before it). */
const SV = 3;

function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const w = (k: K) => whole(TBL_BENCHMARK, k, ctx.lang);
  const comp = compositeOf(benchmarkRows(ctx.auditCase).length > 0 ? computed(ctx) : []);
  const sys = ctx.auditCase?.benchmark?.system;
  b.label(top, 0, t(ctx, BENCH_LABELS.title), "meta", false);
  let r = top + 1;
  if (sys !== undefined) {
    b.label(r, 0, `${t(ctx, BENCH_LABELS.system)}: ${systemSector(sys as IndexSystemId)}${t(ctx, BENCH_LABELS.unverified)}`, "note", false);
    r++;
  }
  const cell = (row: number) => `${colLetter(SV)}${row + 1}`;
  const yRows: number[] = [];
  [BENCH_LABELS.yI, BENCH_LABELS.yII, BENCH_LABELS.yIII].forEach((label, k) => {
    b.label(r, 0, t(ctx, label), "label", false);
    b.merge(r, 0, r, SV - 1);
    b.formula(r, SV, `IF(SUM(${w("eff")})=0,"",100*SUMPRODUCT(${w("eff")},--(${w("lvl")}<=${k + 1}))/SUM(${w("eff")}))`, comp.y[k] ?? null, "total", FMT.money);
    yRows.push(r);
    r++;
  });
  b.label(r, 0, t(ctx, BENCH_LABELS.scored), "label", false);
  b.merge(r, 0, r, SV - 1);
  b.formula(r, SV, `SUM(${w("app")})`, comp.scored, "total", FMT.integer);
  r++;
  b.label(r, 0, t(ctx, BENCH_LABELS.limiting), "label", false);
  b.merge(r, 0, r, SV - 1);
  b.formula(r, SV, `IF(COUNT(${w("lim")})=0,"",CHOOSE(MAX(${w("lim")}),${LEVELS.map((v) => str(t(ctx, v))).join(",")}))`, comp.worst > 0 ? t(ctx, LEVELS[comp.worst - 1]!) : null, "total");
  r++;
  b.label(r, 0, t(ctx, BENCH_LABELS.grade), "label", false);
  b.merge(r, 0, r, SV - 1);
  const worst = `IF(COUNT(${w("lim")})=0,0,MAX(${w("lim")}))`;
  const [y1, y2, y3] = yRows.map(cell) as [string, string, string];
  const L = LEVELS.map((v) => str(t(ctx, v)));
  b.formula(
    r,
    SV,
    `IF(${y1}="","",IF(AND(ROUND(${y1},9)>=85,${worst}<=1),${L[0]},IF(AND(ROUND(${y2},9)>=85,${worst}<=2),${L[1]},IF(ROUND(${y3},9)>=100,${L[2]},${L[3]}))))`,
    comp.grade !== undefined ? t(ctx, LEVELS[comp.grade - 1]!) : null,
    "total",
  );
  b.conditional({ top: r, left: SV, bottom: r, right: SV }, `${cell(r)}=${L[3]}`, "bad");
  b.label(r, SV + 1, t(ctx, BENCH_LABELS.rule), "note", false);
  return r + 1;
}

export const benchmarkWorksheet = tableWorksheet({
  key: "WS2-8",
  number: "2-8",
  sheetName: l("清洁生产水平对标", "Benchmarking"),
  title: l("清洁生产水平对标", "Benchmark against the sector index system"),
  dependsOn: ["PARAMS", "LISTS", "WS2-3"],
  note: l(
    "黄色单元格为输入，可录入或修改指标体系（每行一个指标）。企业现状值：选数据来源（年度数据的名称）则取其单位产品消耗，否则填数值；定性指标填达到的级别 I、II 或 III。达到级别按方向逐级比较基准值；差距为距上一级基准值之差（正值为仍需改进）。",
    "Yellow cells are inputs; type or edit the index system (one indicator per row). Enterprise value: pick a data source (an annual-data name) to use its specific consumption, or type the value; for a qualitative indicator type the level reached, I, II or III. The level compares the value with the limits by the direction; the gap is the distance to the next level's limit (positive = still to improve).",
  ),
  freezeCols: 4,
  orientation: "landscape",
  summary,
  tables: [
    defineTable({
      schema: TBL_BENCHMARK,
      columns,
      rows: (ctx) => benchmarkRows(ctx.auditCase),
      readBack: { row: benchReadRow, store: storeBenchmark },
      decorate(b, ctx, g) {
        const cell = (k: K) => `$${colLetter(g.col[k])}${g.firstRow + 1}`;
        const range = (k: K) => ({ top: g.firstRow, left: g.col[k], bottom: g.lastRow, right: g.col[k] });
        b.conditional(range("check"), `${cell("check")}<>""`, "bad");
        b.conditional(range("level"), `${cell("lvl")}=4`, "bad");
        b.conditional(range("level"), `${cell("lvl")}=1`, "good");
        for (const x of LEVELS) b.fit(g.col.level, t(ctx, x), 2);
      },
    }),
  ],
});
