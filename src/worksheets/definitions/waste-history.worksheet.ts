/**
 * 表2-6（续）企业历年废弃物流情况 Waste streams by year — the second sheet of WS2-6 (spec §1.3 WS2-6;
 * issue 10): the columns of the standard that the inventory (`tblWasteSources`, sheet 废弃物产生源清单)
 * does not hold, so that both sheets print on one A4 landscape page and every fact is entered once.
 *
 * Table `tblWasteHistory`, one row per waste stream: 废弃物名称 (input, dropdown over the inventory's
 * 名称/主要污染物, `CP_WasteNames`; the key: matched exactly as written, ignoring case only, wildcards escaped) |
 * 类别, 单位 (looked up from the inventory) | 产生量 Y-2, Y-1 (inputs, in the inventory's unit) | Y0
 * (looked up: the inventory's 产生量, never retyped) | 排放量 Y0 (input, same unit) | 排放浓度, 标准限值,
 * 浓度单位 (inputs; noise: dB(A)) | 达标 = 是 when 浓度 ≤ 限值, 否 otherwise, "" while either is blank or
 * not a number | 单位产品产生量 = Y0 ÷ `CP_ProdOutput` (the reference product's audit-year output on
 * the annual-data sheet WS2-3), "" while either is missing | 检查 (the first problem of the row:
 * 缺少名称, 不在产生源清单中, 名称重复, a value that is not a number, the inventory's quantity missing, a
 * concentration without its limit or the reverse, 排放量 > 产生量).
 *
 * The band above the year columns shows the calendar years from `CP_AuditYear` (as the annual data).
 * Above the table (nothing below it, so a row typed under it counts): the reference output used,
 * the number of streams judged 达标 and 不达标, and the number of rows to check.
 */
import { a1, colLetter, rect } from "../a1";
import type { WasteSource } from "../case";
import { l, YES_NO, type L } from "../i18n";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import { defineTable, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { annualRows, firstProblem, prodOutput, PROD_OUTPUT_NAME, yearBand } from "./annual-data.worksheet";
import { countEqual, literalCriterion, lookupExact } from "./exact-match";
import { categoryCell, TBL_WASTE_SOURCES, WASTE_NAMES_NAME } from "./waste-sources.worksheet";
import { f, same, readRow, sameName } from "./read-back-fields";
import type { CaseDraft, CellReader, TableReader } from "../read-back";

export const TBL_WASTE_HISTORY = {
  name: "tblWasteHistory",
  columns: {
    name: l("废弃物名称", "Waste stream"),
    category: l("类别", "Category"),
    unit: l("单位", "Unit"),
    y2: l("Y-2", "Y-2"),
    y1: l("Y-1", "Y-1"),
    y0: l("Y0", "Y0"),
    discharge: l("排放量", "Discharged"),
    conc: l("排放浓度", "Concentration"),
    limit: l("标准限值", "Limit"),
    concUnit: l("浓度单位", "Conc. unit"),
    compliant: l("达标", "Compliant"),
    specific: l("单位产品产生量", "Specific generation"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_WASTE_HISTORY.columns;


const YES = YES_NO[0]!;
const NO = YES_NO[1]!;

/** `<column> 不是数值` / `<column> is not a number`. */
const notNumber = (k: K): L => l(`${TBL_WASTE_HISTORY.columns[k].zh}不是数值`, `${TBL_WASTE_HISTORY.columns[k].en} is not a number`);

export const WASTE_HISTORY_LABELS = {
  noName: l("缺少名称", "Name missing"),
  unknownName: l("不在产生源清单中", "Not in the inventory"),
  duplicate: l("名称重复", "Duplicate name"),
  noY0: l("清单中缺少产生量", "Inventory quantity missing"),
  noLimit: l("缺少标准限值", "Limit missing"),
  noConc: l("缺少排放浓度", "Concentration missing"),
  dischargeOver: l("排放量大于产生量", "Discharge above generation"),
  summaryTitle: l("汇总（单位产品产生量 = Y0 ÷ 参照产品产量，表2-3）", "Summary (specific generation = Y0 ÷ reference output, Table 2-3)"),
  prod: l("参照产品产量 Y0", "Reference output Y0"),
  compliant: l("达标的废弃物流", "Compliant streams"),
  nonCompliant: l("不达标（超标）的废弃物流", "Non-compliant streams"),
  flagged: l("需检查的条目", "Entries to check"),
};

/** The numeric inputs checked for "not a number", in column order. */
const NUMERIC_INPUTS = ["y2", "y1", "discharge", "conc", "limit"] as const;

/** Lower-case: how MATCH and `=` compare the names (ignoring case, not spaces: the name is picked from the dropdown). */
const key = (s: string): string => s.toLowerCase();

/** The case's inventory (none for the template). */
function inventory(ctx: BuildContext): readonly WasteSource[] {
  return ctx.auditCase?.wasteSources ?? [];
}

/** The history rows of a case: one per inventory name (its first entry), in inventory order. */
export function historyRows(ctx: BuildContext): readonly WasteSource[] {
  const seen = new Set<string>();
  return inventory(ctx).filter((w) => {
    const k = key(w.name);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** 达标 of a row: 是 / 否, undefined while concentration or limit is missing. */
export function compliantOf(w: Pick<WasteSource, "concentration" | "limit">): boolean | undefined {
  if (w.concentration === undefined || w.limit === undefined) return undefined;
  return w.concentration <= w.limit;
}

/** 单位产品产生量 of a row (Y0 ÷ prod), undefined without prod. */
function specificOf(ctx: BuildContext, w: WasteSource): number | undefined {
  const prod = prodOutput(annualRows(ctx));
  return prod === undefined ? undefined : w.quantity / prod;
}

/** What the 检查 column says for a case row (same order as its formula; the case is validated). */
function checkOf(ctx: BuildContext, w: WasteSource | undefined): string | null {
  if (!w) return null;
  if (w.concentration !== undefined && w.limit === undefined) return t(ctx, WASTE_HISTORY_LABELS.noLimit);
  if (w.limit !== undefined && w.concentration === undefined) return t(ctx, WASTE_HISTORY_LABELS.noConc);
  if (w.discharge !== undefined && w.discharge > w.quantity) return t(ctx, WASTE_HISTORY_LABELS.dischargeOver);
  return null;
}

/** The MATCH of this row's name in the inventory's names (exact, wildcards escaped); #N/A when absent. */
function inventoryMatch(x: Refs<K>): string {
  return `MATCH(${literalCriterion(x.r("name"))},${whole(TBL_WASTE_SOURCES, "name", x.lang)},0)`;
}

/** A text lookup from the inventory by this row's name: the cell's text, "" when blank or absent. */
function inventoryText(x: Refs<K>, col: keyof typeof TBL_WASTE_SOURCES.columns): string {
  const v = lookupExact(whole(TBL_WASTE_SOURCES, col, x.lang), whole(TBL_WASTE_SOURCES, "name", x.lang), x.r("name"));
  return `IF(TRIM(${x.r("name")})="","",IFERROR(IF(${v}="","",${v}),""))`;
}

function checkFormula(x: Refs<K>): string {
  const n = x.r("name");
  const num = (k: K) => [`AND(${x.r(k)}<>"",NOT(ISNUMBER(${x.r(k)})))`, notNumber(k)] as const;
  const isNum = (k: K) => `ISNUMBER(${x.r(k)})`;
  return firstProblem(x, `COUNTA(${n})+COUNTA(${x.span("y2", "y1")})+COUNTA(${x.span("discharge", "concUnit")})`, [
    [`TRIM(${n})=""`, WASTE_HISTORY_LABELS.noName],
    [`ISNA(${inventoryMatch(x)})`, WASTE_HISTORY_LABELS.unknownName],
    [`${countEqual(x.all("name"), n)}>1`, WASTE_HISTORY_LABELS.duplicate],
    ...NUMERIC_INPUTS.map(num),
    [`NOT(${isNum("y0")})`, WASTE_HISTORY_LABELS.noY0],
    [`AND(${isNum("conc")},${x.r("limit")}="")`, WASTE_HISTORY_LABELS.noLimit],
    [`AND(${isNum("limit")},${x.r("conc")}="")`, WASTE_HISTORY_LABELS.noConc],
    [`AND(${isNum("discharge")},${x.r("discharge")}>${x.r("y0")})`, WASTE_HISTORY_LABELS.dischargeOver],
  ]);
}

const nonNegative = (what: L): { number: { min: number; error: L } } => ({ number: { min: 0, error: what } });
const QTY_ERROR = l("须为 ≥ 0 的数值", "A number ≥ 0");

/** A numeric input column (≥ 0) holding the case's field. */
function numberInput(k: K, field: "y2" | "y1" | "discharge" | "concentration" | "limit", band?: L): Column<WasteSource, K> {
  const c: Column<WasteSource, K> = { key: k, role: "input", format: FMT.general, validation: nonNegative(QTY_ERROR), value: (w) => w?.[field] };
  if (band) c.band = band;
  return c;
}

const columns: readonly Column<WasteSource, K>[] = [
  {
    key: "name",
    role: "input",
    width: 14,
    band: l("从清单选择", "from the inventory"),
    validation: { listName: WASTE_NAMES_NAME, error: l("请从废弃物产生源清单的名称中选择", "Choose a name of the waste-source inventory") },
    value: (w) => w?.name,
  },
  { key: "category", role: "lookup", width: 9, formula: (x) => inventoryText(x, "category"), value: (w, _k, ctx) => (w ? (categoryCell(ctx, w) ?? null) : null) },
  { key: "unit", role: "lookup", width: 6, formula: (x) => inventoryText(x, "unit"), value: (w) => (w && w.unit !== "" ? w.unit : null) },
  numberInput("y2", "y2"),
  numberInput("y1", "y1"),
  {
    key: "y0",
    role: "lookup",
    format: FMT.general,
    formula: (x) => {
      const v = lookupExact(whole(TBL_WASTE_SOURCES, "quantity", x.lang), whole(TBL_WASTE_SOURCES, "name", x.lang), x.r("name"));
      return `IF(TRIM(${x.r("name")})="","",IFERROR(IF(ISNUMBER(${v}),${v},""),""))`;
    },
    value: (w) => w?.quantity,
  },
  numberInput("discharge", "discharge", l("Y0，同单位", "Y0, same unit")),
  numberInput("conc", "concentration"),
  numberInput("limit", "limit"),
  { key: "concUnit", role: "input", width: 7, band: l("如 mg/L", "e.g. mg/L"), value: (w) => w?.concentrationUnit },
  {
    key: "compliant",
    role: "computed",
    width: 6,
    band: l("浓度 ≤ 限值", "conc. ≤ limit"),
    formula: (x) => `IF(AND(ISNUMBER(${x.r("conc")}),ISNUMBER(${x.r("limit")})),IF(${x.r("conc")}<=${x.r("limit")},${x.s(YES)},${x.s(NO)}),"")`,
    value: (w, _k, ctx) => {
      const c = w ? compliantOf(w) : undefined;
      return c === undefined ? null : t(ctx, c ? YES : NO);
    },
  },
  {
    key: "specific",
    role: "computed",
    band: l("Y0/prod", "Y0/prod"),
    format: FMT.general,
    formula: (x) => `IF(AND(ISNUMBER(${x.r("y0")}),ISNUMBER(${PROD_OUTPUT_NAME})),${x.r("y0")}/${PROD_OUTPUT_NAME},"")`,
    value: (w, _k, ctx) => (w ? (specificOf(ctx, w) ?? null) : null),
  },
  { key: "check", role: "computed", width: 12, formula: checkFormula, value: (w, _k, ctx) => checkOf(ctx, w) },
];

/**
 * A history row back into the case: its name and the inputs; undefined when only the name (or
 * nothing) is filled: the build gives every inventory name a row, which holds nothing of its own.
 */
function historyReadRow(c: CellReader<K>): unknown {
  const row = readRow(c, [
    f("name", "name", "text", "缺少名称 (name missing)"),
    ...same<K>("num", "y2", "y1", "discharge"),
    f("concentration", "conc", "num"),
    f("limit", "limit", "num"),
    f("concentrationUnit", "concUnit"),
  ]);
  return row && Object.keys(row).some((k) => k !== "name") ? row : undefined;
}

/**
 * The history's fields go into the inventory's entry of that name (its first, ignoring case, as the
 * sheet's MATCH finds it): `wasteSources` must already be read (sheet 2-6 comes before 2-6B). A
 * name not in the inventory, or a second row of one name, is reported.
 */
function storeHistory(draft: CaseDraft, rows: unknown[], table: TableReader<K>): void {
  const inventory = (draft.wasteSources ?? []) as Record<string, unknown>[];
  const done = new Set<Record<string, unknown>>();
  for (const r of rows as Record<string, unknown>[]) {
    const name = r.name as string | undefined;
    if (name === undefined) continue;
    const entry = inventory.find((w) => typeof w.name === "string" && sameName(w.name, name));
    if (!entry) table.problem(`废弃物名称 "${name}" 不在产生源清单中 (not in the waste-source inventory)`);
    else if (done.has(entry)) table.problem(`废弃物名称 "${name}" 重复 (a second row of this stream)`);
    else {
      done.add(entry);
      for (const [k, v] of Object.entries(r)) if (k !== "name") entry[k] = v;
    }
  }
}

/** Column of the summary's values (labels merged from column A to the one before it). */
const VALUE_COL = 3;

function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = historyRows(ctx);
  const w = (k: K) => whole(TBL_WASTE_HISTORY, k, ctx.lang);
  const verdicts = rows.map(compliantOf);
  const prod = prodOutput(annualRows(ctx));
  b.label(top, 0, t(ctx, WASTE_HISTORY_LABELS.summaryTitle), "meta", false);
  const items: [L, string, number | null, string][] = [
    [WASTE_HISTORY_LABELS.prod, `IF(ISNUMBER(${PROD_OUTPUT_NAME}),${PROD_OUTPUT_NAME},"")`, prod ?? null, FMT.general],
    [WASTE_HISTORY_LABELS.compliant, `COUNTIF(${w("compliant")},${str(t(ctx, YES))})`, verdicts.filter((v) => v === true).length, FMT.integer],
    [WASTE_HISTORY_LABELS.nonCompliant, `COUNTIF(${w("compliant")},${str(t(ctx, NO))})`, verdicts.filter((v) => v === false).length, FMT.integer],
    [WASTE_HISTORY_LABELS.flagged, `SUMPRODUCT(--(${w("check")}<>""))`, rows.filter((x) => checkOf(ctx, x) !== null).length, FMT.integer],
  ];
  items.forEach(([label, f, v, fmt], i) => {
    const r = top + 1 + i;
    b.label(r, 0, t(ctx, label), "label", false);
    b.merge(r, 0, r, VALUE_COL - 1);
    b.formula(r, VALUE_COL, f, v, "total", fmt);
    if (i >= 2) b.conditional(rect(r, VALUE_COL), `${a1(r, VALUE_COL)}>0`, "warn");
  });
  return top + 1 + items.length;
}

export const wasteHistoryWorksheet = tableWorksheet({
  key: "WS2-6B",
  number: "2-6",
  sheetName: l("废弃物流历年情况", "Waste streams by year"),
  title: l("企业历年废弃物流情况", "Waste streams (last three years)"),
  dependsOn: ["PARAMS", "LISTS", "WS2-6", "WS2-3"],
  note: l(
    "黄色单元格为输入；废弃物名称从产生源清单选择，类别、单位和审核年产生量 Y0 由清单引用（在清单中修改）。达标 = 排放浓度 ≤ 标准限值；单位产品产生量 = Y0 ÷ 表2-3 参照产品产量。年份随参数表的审核年份变化。在表格下方输入即可添加条目。",
    "Yellow cells are inputs; pick the stream from the waste-source inventory: its category, unit and audit-year quantity Y0 are looked up there (edit them there). Compliant = concentration ≤ limit; specific generation = Y0 ÷ the reference output of Table 2-3. Years follow the audit year on the parameters sheet. Type below the table to add an entry.",
  ),
  freezeCols: 1,
  orientation: "landscape",
  summary,
  tables: [
    defineTable({
      schema: TBL_WASTE_HISTORY,
      columns,
      rows: historyRows,
      readBack: { row: historyReadRow, store: storeHistory },
      decorate(b, ctx, g) {
        yearBand(b, ctx, g.headerRow - 1, [g.col.y2, g.col.y1, g.col.y0]);
        const cell = (k: K) => `$${colLetter(g.col[k])}${g.firstRow + 1}`;
        const range = (k: K) => ({ top: g.firstRow, left: g.col[k], bottom: g.lastRow, right: g.col[k] });
        b.conditional(range("check"), `${cell("check")}<>""`, "bad");
        b.conditional(range("compliant"), `${cell("compliant")}=${str(t(ctx, NO))}`, "bad");
        for (const x of [WASTE_HISTORY_LABELS.unknownName, WASTE_HISTORY_LABELS.noY0]) b.fit(g.col.check, t(ctx, x), 2);
      },
    }),
  ],
  enterpriseEnd: 3,
});

