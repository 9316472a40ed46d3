/**
 * Phase 2 (预评估 / 预审核) enterprise data: 表2-1 企业简述, 表2-2 企业组织机构与人员, 表2-5 企业主要设备一览表,
 * 表2-7 企业环保设施及环保费用 (spec §1.3; issue 10).
 *
 * WS2-1 is a key–value form (项目 | 内容), not a growing table. The enterprise name is entered ONCE,
 * in the parameters sheet's header cell (参数!B2, which every sheet's header block reads); WS2-1's
 * 企业名称 is a lookup of that cell, and 职工人数 the total head count of WS2-2. The other fields are
 * inputs.
 *
 * WS2-2, `tblStaff`: 序号 | 部门 | 人数 | 班次 | 备注; above: number of departments and the total
 * head count (SUM over the whole column; "" while no department has a head count).
 *
 * WS2-5, `tblEquipment`: 序号 | 设备名称 | 型号规格 | 数量 | 功率 kW (per unit) | 投产年份 | 运行状况 |
 * 是否属于淘汰类 (是/否) | 设备年龄 = CP_AuditYear − 投产年份 (a; "" while either is blank) | 装机功率
 * = 数量 × 功率 (kW; "" while either is blank) | 检查. Above: total installed power Σ 数量×功率 (a text
 * instead when an entry lacks its number or power: never a total that silently leaves units out),
 * obsolete entries and units.
 *
 * WS2-7, `tblFacilities`: 序号 | 名称 | 处理能力 | 实际处理量 | 单位 | 运行状况 | 年运行费 (万元/a) |
 * 负荷率 = 实际/能力 (%; "" while either is blank or the capacity is 0) ‖ `tblEnvCosts`: 费用项目
 * (list 排污费/环保税, 罚款赔偿, 厂外处置费, 其他) | 金额 (万元/a) | 备注. Above: Σ facility running
 * cost, Σ cost items and the total environmental cost = Σ cost items + Σ facility running cost.
 */
import { colLetter, rect } from "../a1";
import type { EnvCostEntry, EquipmentEntry, FacilityEntry, StaffEntry } from "../case";
import { ENV_COST_ITEMS, l, YES_NO, type L } from "../i18n";
import { breakLines, finishSheet, FMT, headerBlock, headerRef, headerValues, SheetBuilder, str, t, TABLE_TOP, type BuildContext } from "../layout";
import type { CellValue } from "../model";
import { defineTable, numberedTitle, tableWorksheet, whole, type Column, type TableSchema } from "../table";
import type { WorksheetDefinition } from "../definition";
import { AUDIT_YEAR_NAME } from "./parameters.worksheet";
import { checkFormula, firstFlag, isItem, listText, nonNegative, rowNumberColumn, whenNumbers } from "./phase13-common";
import { sum } from "./waste-sources.worksheet";
import { f, readRow, type Field } from "./read-back-fields";
import { storeSection } from "./read-kit";

// ---------------------------------------------------------------------------------------------
// WS2-2

export const TBL_STAFF = {
  name: "tblStaff",
  columns: {
    no: l("序号", "No."),
    department: l("部门", "Department"),
    headCount: l("人数", "Head count"),
    shifts: l("班次", "Shifts"),
    remark: l("备注", "Remarks"),
  },
} as const satisfies TableSchema;
type SK = keyof typeof TBL_STAFF.columns;

function staffRows(ctx: BuildContext): readonly StaffEntry[] {
  return ctx.auditCase?.staff ?? [];
}

/** Total head count of the case's departments, undefined when none has a head count. */
export function totalHeadCount(rows: readonly StaffEntry[]): number | undefined {
  const n = rows.map((r) => r.headCount).filter((x): x is number => x !== undefined);
  return n.length === 0 ? undefined : sum(n);
}

/** SUM of the head counts, "" while none is a number. */
function headCountFormula(ctx: BuildContext): string {
  const w = whole(TBL_STAFF, "headCount", ctx.lang);
  return `IF(COUNT(${w})=0,"",SUM(${w}))`;
}

const STAFF_LABELS = {
  departments: l("部门数", "Departments"),
  total: l("职工总人数", "Total head count"),
};

export const staffWorksheet = tableWorksheet({
  key: "WS2-2",
  number: "2-2",
  sheetName: l("组织机构与人员", "Organisation"),
  title: l("企业组织机构与人员", "Organisation & staffing"),
  dependsOn: ["PARAMS"],
  note: l("黄色单元格为输入。总人数为各部门人数之和，表2-1 的职工人数引用它。在表格下方输入即可添加部门。", "Yellow cells are inputs. The total is the sum of the departments' head counts; Table 2-1 shows it. Type below the table to add a department."),
  freezeCols: 2,
  orientation: "landscape",
  summary(b, ctx, top) {
    const rows = staffRows(ctx);
    b.header(top, 1, t(ctx, STAFF_LABELS.departments));
    b.formula(top, 2, `COUNTIFS(${whole(TBL_STAFF, "department", ctx.lang)},"<>")`, rows.length, "total", FMT.integer);
    b.header(top + 1, 1, t(ctx, STAFF_LABELS.total));
    b.formula(top + 1, 2, headCountFormula(ctx), totalHeadCount(rows) ?? null, "total", FMT.integer);
    return top + 2;
  },
  tables: [
    defineTable({
      schema: TBL_STAFF,
      rows: staffRows,
      columns: [
        rowNumberColumn<StaffEntry, SK>("no", "department", "remark"),
        { key: "department", role: "input", width: 16, value: (r) => r?.department },
        { key: "headCount", role: "input", format: FMT.integer, validation: nonNegative(l("人数须为 ≥ 0 的整数", "A head count is a whole number ≥ 0"), true), value: (r) => r?.headCount },
        { key: "shifts", role: "input", width: 14, value: (r) => r?.shifts },
        { key: "remark", role: "input", width: 16, value: (r) => r?.remark },
      ],
      readBack: {
        row: (c) =>
          readRow(c, [f("department", "department", "text", "缺少部门 (department missing)"), f("headCount", "headCount", "int"), f("shifts", "shifts"), f("remark", "remark")]),
        store: storeSection("staff"),
      },
    }),
  ],
});

// ---------------------------------------------------------------------------------------------
// WS2-1

/** The fields of the profile (spec WS2-1), in sheet order; `from` says where a lookup comes from. */
const PROFILE_FIELDS: readonly { key: string; label: L; from?: "enterprise" | "staff" }[] = [
  { key: "enterprise", label: l("企业名称", "Enterprise"), from: "enterprise" },
  { key: "sector", label: l("所属行业", "Sector") },
  { key: "type", label: l("企业类型", "Type of enterprise") },
  { key: "legalRepresentative", label: l("法人代表", "Legal representative") },
  { key: "address", label: l("地址及邮政编码", "Address and postcode") },
  { key: "phone", label: l("电话/传真", "Phone/fax") },
  { key: "contact", label: l("联系人", "Contact") },
  { key: "founded", label: l("成立年份", "Founded") },
  { key: "employees", label: l("职工人数", "Employees"), from: "staff" },
  { key: "area", label: l("占地面积", "Site area") },
  { key: "products", label: l("主要产品及生产能力", "Main products and capacity") },
  { key: "outputValue", label: l("年产值/利润", "Annual output value/profit") },
  { key: "envOrganisation", label: l("环保机构与人员", "Environmental organisation and staff") },
  { key: "pollutants", label: l("主要污染物及执行标准", "Main pollutants and standards applied") },
];

/** Width of the label column and of the merged content (columns B–G). */
const PROFILE_LABEL_WIDTH = 22;
const PROFILE_LAST_COL = 6;
/** Characters of a content line: a longer text is broken into lines (the merged cell's height follows them). */
const PROFILE_LINE = 60;

/** Defined name of the content cell of profile field `key` (`CP_Profile_sector`): how the reader finds it. */
export function profileName(key: string): string {
  return `CP_Profile_${key}`;
}

/** The input fields of the profile (not the enterprise name nor the head count, which are lookups). */
const PROFILE_INPUTS = PROFILE_FIELDS.map((x, i) => ({ ...x, row: TABLE_TOP + 1 + i })).filter((x) => x.from === undefined);

/**
 * The text a profile cell holds back to the case's text: the builder breaks a long text into lines
 * of {@link PROFILE_LINE} ({@link breakLines}, which drops the space at a break between words). Joined
 * with a space after a non-CJK character and nothing after a CJK one; kept as typed (the user's own
 * line breaks) unless breaking the joined text again gives exactly the cell's text.
 */
export function unbreakLines(cell: string): string {
  const lines = cell.split("\n");
  if (lines.length === 1) return cell;
  let text = lines[0]!;
  for (const line of lines.slice(1)) {
    const last = text.codePointAt(text.length - 1) ?? 0;
    text += (last >= 0x2e80 ? "" : " ") + line;
  }
  return breakLines(text, PROFILE_LINE).join("\n") === cell ? text : cell;
}

export const profileWorksheet: WorksheetDefinition = {
  key: "WS2-1",
  sheetName: l("企业简述", "Profile"),
  title: l("企业简述", "Enterprise profile"),
  dependsOn: ["PARAMS", "WS2-2"],
  build(ctx) {
    const b = new SheetBuilder("WS2-1", ctx.names["WS2-1"], numberedTitle(ctx, "2-1", this.title));
    headerBlock(
      b,
      ctx,
      PROFILE_LAST_COL,
      t(ctx, l("黄色单元格为输入。企业名称只在参数表表头输入一次（此处引用）；职工人数为表2-2 各部门人数之和。", "Yellow cells are inputs. The enterprise name is typed once, in the parameters sheet's header (shown here); the head count is the total of Table 2-2.")),
    );
    const h = TABLE_TOP;
    b.header(h, 0, t(ctx, l("项目", "Item")));
    b.header(h, 1, t(ctx, l("内容", "Content")));
    b.merge(h, 1, h, PROFILE_LAST_COL);
    const p = ctx.auditCase?.profile as Record<string, string | undefined> | undefined;
    PROFILE_FIELDS.forEach((f, i) => {
      const r = h + 1 + i;
      b.label(r, 0, t(ctx, f.label));
      if (f.from === "enterprise") {
        const ref = headerRef(ctx, "enterprise");
        const v = headerValues(ctx).enterprise;
        b.formula(r, 1, `IF(${ref}="","",${ref})`, v === "" ? null : v, "lookup");
      } else if (f.from === "staff") {
        b.formula(r, 1, headCountFormula(ctx), totalHeadCount(staffRows(ctx)) ?? null, "lookup", FMT.integer);
      } else {
        const v = p?.[f.key];
        b.input(r, 1, v === undefined ? null : breakLines(v, PROFILE_LINE).join("\n"));
      }
      b.merge(r, 1, r, PROFILE_LAST_COL);
    });
    b.minWidth(0, PROFILE_LABEL_WIDTH);
    for (let c = 1; c <= PROFILE_LAST_COL; c++) b.minWidth(c, 10);
    return finishSheet(b, ctx, { headerLast: h, freezeCols: 1, orientation: "landscape" });
  },
  /** The content cell of each input field, named for the reader ({@link profileName}). */
  names: (ctx) => PROFILE_INPUTS.map((x) => ({ name: profileName(x.key), sheet: ctx.names["WS2-1"], ref: rect(x.row, 1) })),
  readBack: {
    read(book, draft) {
      const profile: Record<string, string> = {};
      for (const x of PROFILE_INPUTS) {
        const v = book.name(profileName(x.key));
        const s = v === undefined ? "" : String(v).trim();
        if (s !== "") profile[x.key] = unbreakLines(s);
      }
      if (Object.keys(profile).length > 0) draft.profile = profile;
    },
  },
};

// ---------------------------------------------------------------------------------------------
// WS2-5

export const TBL_EQUIPMENT = {
  name: "tblEquipment",
  columns: {
    no: l("序号", "No."),
    name: l("设备名称", "Equipment"),
    model: l("型号规格", "Model/spec"),
    quantity: l("数量", "Units"),
    power: l("功率", "Power"),
    year: l("投产年份", "Year in service"),
    condition: l("运行状况", "Condition"),
    obsolete: l("是否属于淘汰类", "Obsolete type"),
    age: l("设备年龄", "Age"),
    installed: l("装机功率", "Installed power"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type EK = keyof typeof TBL_EQUIPMENT.columns;

export const EQUIPMENT_LABELS = {
  yearAfterAudit: l("投产年份晚于审核年度", "Year after the audit year"),
  noQuantity: l("缺少数量", "Units missing"),
  noPower: l("缺少功率", "Power missing"),
  noAuditYear: l("参数表缺少审核年度", "Audit year missing (Parameters)"),
  installedTotal: l("总装机功率 kW", "Installed power kW"),
  incomplete: l("数量或功率不全，未合计", "Units or power missing: not added"),
  obsoleteEntries: l("淘汰类设备（条）", "Obsolete entries"),
  obsoleteUnits: l("淘汰类设备（台/套）", "Obsolete units"),
  entries: l("设备条目", "Entries"),
};

function equipmentRows(ctx: BuildContext): readonly EquipmentEntry[] {
  return ctx.auditCase?.equipment ?? [];
}

/** Age in years at the audit year, undefined while either is missing. */
export function equipmentAge(e: EquipmentEntry | undefined, auditYear: number | undefined): number | undefined {
  return e?.year !== undefined && auditYear !== undefined ? auditYear - e.year : undefined;
}

/** Installed power 数量 × 功率 (kW), undefined while either is missing. */
export function installedPower(e: EquipmentEntry | undefined): number | undefined {
  return e?.quantity !== undefined && e.powerKw !== undefined ? e.quantity * e.powerKw : undefined;
}

const equipmentCheck = checkFormula<EK>("name", "obsolete", [
  [(x) => `AND(ISNUMBER(${x.r("year")}),ISNUMBER(${AUDIT_YEAR_NAME}),${x.r("year")}>${AUDIT_YEAR_NAME})`, EQUIPMENT_LABELS.yearAfterAudit],
  [(x) => `NOT(ISNUMBER(${x.r("quantity")}))`, EQUIPMENT_LABELS.noQuantity],
  [(x) => `NOT(ISNUMBER(${x.r("power")}))`, EQUIPMENT_LABELS.noPower],
  [(x) => `AND(ISNUMBER(${x.r("year")}),NOT(ISNUMBER(${AUDIT_YEAR_NAME})))`, EQUIPMENT_LABELS.noAuditYear],
]);

const equipmentColumns: readonly Column<EquipmentEntry, EK>[] = [
  rowNumberColumn("no", "name", "obsolete"),
  { key: "name", role: "input", width: 14, value: (e) => e?.name },
  { key: "model", role: "input", width: 12, value: (e) => e?.model },
  { key: "quantity", role: "input", band: l("台/套", "units"), format: FMT.integer, validation: nonNegative(l("数量须为 ≥ 0 的整数", "Units: a whole number ≥ 0"), true), value: (e) => e?.quantity },
  { key: "power", role: "input", band: l("kW/台", "kW/unit"), format: FMT.general, validation: nonNegative(l("功率须为 ≥ 0 的数值（kW）", "Power: a number ≥ 0 (kW)")), value: (e) => e?.powerKw },
  { key: "year", role: "input", format: FMT.integer, validation: { number: { min: 1900, max: 2100, whole: true, error: l("投产年份为 1900 至 2100 的整数", "A year from 1900 to 2100") } }, value: (e) => e?.year },
  { key: "condition", role: "input", width: 10, value: (e) => e?.condition },
  { key: "obsolete", role: "input", band: l("是/否", "Yes/No"), validation: { list: "yesNo" }, value: (e, _k, ctx) => listText(ctx, YES_NO, e?.obsolete) },
  {
    key: "age",
    role: "computed",
    band: l("a，审核年度−投产年份", "a, audit year − year"),
    format: FMT.integer,
    formula: (x) => whenNumbers([x.r("year"), AUDIT_YEAR_NAME], `${AUDIT_YEAR_NAME}-${x.r("year")}`),
    value: (e, _k, ctx) => equipmentAge(e, ctx.auditCase?.parameters.auditYear) ?? null,
  },
  {
    key: "installed",
    role: "computed",
    band: l("kW，数量×功率", "kW, units × power"),
    format: FMT.general,
    formula: (x) => whenNumbers([x.r("quantity"), x.r("power")], `${x.r("quantity")}*${x.r("power")}`),
    value: (e) => installedPower(e) ?? null,
  },
  {
    key: "check",
    role: "computed",
    width: 12,
    formula: equipmentCheck,
    value: (e, _k, ctx) => {
      if (!e) return null;
      const y = ctx.auditCase?.parameters.auditYear;
      return firstFlag(ctx, [
        [e.year !== undefined && y !== undefined && e.year > y, EQUIPMENT_LABELS.yearAfterAudit],
        [e.quantity === undefined, EQUIPMENT_LABELS.noQuantity],
        [e.powerKw === undefined, EQUIPMENT_LABELS.noPower],
        [e.year !== undefined && y === undefined, EQUIPMENT_LABELS.noAuditYear],
      ]);
    },
  },
];

/** The case's `equipment[]` fields read back from tblEquipment (是否属于淘汰类 as 是/否). */
const EQUIPMENT_FIELDS: readonly Field<EK>[] = [
  f("name", "name", "text", "缺少设备名称 (equipment name missing)"),
  f("model", "model"),
  f("quantity", "quantity", "int"),
  f("powerKw", "power", "num"),
  f("year", "year", "int"),
  f("condition", "condition"),
  f("obsolete", "obsolete", YES_NO),
];

export const equipmentWorksheet = tableWorksheet({
  key: "WS2-5",
  number: "2-5",
  sheetName: l("主要设备", "Equipment"),
  title: l("企业主要设备一览表", "Main equipment"),
  dependsOn: ["PARAMS", "LISTS"],
  note: l(
    "黄色单元格为输入；功率为单台额定功率 kW。设备年龄按参数表的审核年度计算；总装机功率 = Σ 数量×功率，有条目缺数量或功率时不合计。",
    "Yellow cells are inputs; power is the rated power per unit, kW. Ages count to the audit year of the parameters sheet; installed power = Σ units × power, not added while an entry lacks either.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  summary(b, ctx, top) {
    const rows = equipmentRows(ctx);
    const w = (k: EK) => whole(TBL_EQUIPMENT, k, ctx.lang);
    const yes = str(t(ctx, YES_NO[0]!));
    const incomplete = rows.some((e) => installedPower(e) === undefined);
    const installed: CellValue = rows.length === 0 ? null : incomplete ? t(ctx, EQUIPMENT_LABELS.incomplete) : sum(rows.map((e) => installedPower(e)!));
    const obsolete = rows.filter((e) => isItem(YES_NO, e.obsolete, "是"));
    const cells: [L, string, CellValue, string][] = [
      [EQUIPMENT_LABELS.entries, `COUNTIFS(${w("name")},"<>")`, rows.length, FMT.integer],
      [
        EQUIPMENT_LABELS.installedTotal,
        `IF(COUNTIFS(${w("name")},"<>")=0,"",IF(SUMPRODUCT((${w("name")}<>"")*(1-ISNUMBER(${w("installed")})))>0,${str(t(ctx, EQUIPMENT_LABELS.incomplete))},SUM(${w("installed")})))`,
        installed,
        FMT.general,
      ],
      [EQUIPMENT_LABELS.obsoleteEntries, `COUNTIFS(${w("obsolete")},${yes},${w("name")},"<>")`, obsolete.length, FMT.integer],
      [EQUIPMENT_LABELS.obsoleteUnits, `SUMIFS(${w("quantity")},${w("obsolete")},${yes})`, sum(obsolete.map((e) => e.quantity ?? 0)), FMT.integer],
    ];
    cells.forEach(([label, f, v, fmt], i) => {
      const r = top + i;
      b.label(r, 1, t(ctx, label));
      b.formula(r, 3, f, v, "total", fmt);
      b.merge(r, 1, r, 2);
    });
    b.fit(3, t(ctx, EQUIPMENT_LABELS.incomplete), 0);
    b.conditional({ top: top + 1, left: 3, bottom: top + 1, right: 3 }, `AND(${colLetter(3)}${top + 2}<>"",NOT(ISNUMBER(${colLetter(3)}${top + 2})))`, "warn");
    return top + cells.length;
  },
  tables: [
    defineTable({
      schema: TBL_EQUIPMENT,
      columns: equipmentColumns,
      rows: equipmentRows,
      readBack: { row: (c) => readRow(c, EQUIPMENT_FIELDS), store: storeSection("equipment") },
      decorate(b, _ctx, g) {
        const cell = `$${colLetter(g.col.check)}${g.firstRow + 1}`;
        b.conditional({ top: g.firstRow, left: g.col.check, bottom: g.lastRow, right: g.col.check }, `${cell}<>""`, "bad");
      },
    }),
  ],
});

// ---------------------------------------------------------------------------------------------
// WS2-7

export const TBL_FACILITIES = {
  name: "tblFacilities",
  columns: {
    no: l("序号", "No."),
    name: l("名称", "Facility"),
    capacity: l("处理能力", "Capacity"),
    actual: l("实际处理量", "Throughput"),
    unit: l("单位", "Unit"),
    condition: l("运行状况", "Condition"),
    cost: l("年运行费", "Running cost"),
    load: l("负荷率", "Load factor"),
  },
} as const satisfies TableSchema;
type FK = keyof typeof TBL_FACILITIES.columns;

export const TBL_ENV_COSTS = {
  name: "tblEnvCosts",
  columns: {
    item: l("费用项目", "Cost item"),
    amount: l("金额", "Amount"),
    remark: l("备注", "Remarks"),
  },
} as const satisfies TableSchema;
type CK = keyof typeof TBL_ENV_COSTS.columns;

export const ENV_LABELS = {
  facilities: l("设施年运行费合计", "Facilities' running cost"),
  items: l("费用项目合计", "Cost items"),
  total: l("环保费用合计", "Total environmental cost"),
  rule: l("= 费用项目合计 + 设施年运行费合计（万元/a）", "= cost items + facilities' running cost (10⁴ CNY/a)"),
};

function facilityRows(ctx: BuildContext): readonly FacilityEntry[] {
  return ctx.auditCase?.facilities ?? [];
}
function envCostRows(ctx: BuildContext): readonly EnvCostEntry[] {
  return ctx.auditCase?.envCosts ?? [];
}

/** Load factor 实际/能力, undefined while either is missing or the capacity is 0. */
export function loadFactor(f: FacilityEntry | undefined): number | undefined {
  return f?.capacity !== undefined && f.actual !== undefined && f.capacity > 0 ? f.actual / f.capacity : undefined;
}

const money = l("万元/a", "10⁴ CNY/a");
const moneyError = nonNegative(l("金额须为 ≥ 0 的数值（万元/a）", "An amount is a number ≥ 0 (10⁴ CNY/a)"));

/** Σ of a money column, "" while it holds no number. */
function sumOrBlank(ref: string): string {
  return `IF(COUNT(${ref})=0,"",SUM(${ref}))`;
}

export const envCostsWorksheet = tableWorksheet({
  key: "WS2-7",
  number: "2-7",
  sheetName: l("环保设施及费用", "Env. facilities and costs"),
  title: l("企业环保设施及环保费用", "End-of-pipe facilities & environmental costs"),
  dependsOn: ["PARAMS", "LISTS"],
  note: l(
    "黄色单元格为输入；金额单位 万元/a。负荷率 = 实际处理量 / 处理能力。环保费用合计 = 右表各费用项目之和 + 左表各设施年运行费之和。",
    "Yellow cells are inputs; money in 10⁴ CNY/a. Load factor = throughput / capacity. Total environmental cost = the cost items (right) + the facilities' running costs (left).",
  ),
  freezeCols: 2,
  orientation: "landscape",
  summary(b, ctx, top) {
    const fac = facilityRows(ctx).map((f) => f.annualCost).filter((x): x is number => x !== undefined);
    const items = envCostRows(ctx).map((c) => c.amount).filter((x): x is number => x !== undefined);
    const fRef = whole(TBL_FACILITIES, "cost", ctx.lang);
    const cRef = whole(TBL_ENV_COSTS, "amount", ctx.lang);
    const rows: [L, string, number | null][] = [
      [ENV_LABELS.facilities, sumOrBlank(fRef), fac.length ? sum(fac) : null],
      [ENV_LABELS.items, sumOrBlank(cRef), items.length ? sum(items) : null],
      [ENV_LABELS.total, `IF(COUNT(${fRef},${cRef})=0,"",SUM(${cRef})+SUM(${fRef}))`, fac.length + items.length ? sum(items) + sum(fac) : null],
    ];
    rows.forEach(([label, f, v], i) => {
      b.label(top + i, 1, t(ctx, label), i === 2 ? "total" : "label", false);
      b.merge(top + i, 1, top + i, 2);
      b.formula(top + i, 3, f, v, "total", FMT.money);
    });
    b.label(top + 2, 4, t(ctx, ENV_LABELS.rule), "note", false);
    return top + rows.length;
  },
  tables: [
    defineTable({
      schema: TBL_FACILITIES,
      rows: facilityRows,
      columns: [
        rowNumberColumn<FacilityEntry, FK>("no", "name", "cost"),
        { key: "name", role: "input", width: 14, value: (f) => f?.name },
        { key: "capacity", role: "input", format: FMT.general, validation: nonNegative(l("处理能力须为 ≥ 0 的数值", "Capacity: a number ≥ 0")), value: (f) => f?.capacity },
        { key: "actual", role: "input", format: FMT.general, validation: nonNegative(l("实际处理量须为 ≥ 0 的数值", "Throughput: a number ≥ 0")), value: (f) => f?.actual },
        { key: "unit", role: "input", width: 7, value: (f) => f?.unit },
        { key: "condition", role: "input", width: 10, value: (f) => f?.condition },
        { key: "cost", role: "input", band: money, format: FMT.money, validation: moneyError, value: (f) => f?.annualCost },
        {
          key: "load",
          role: "computed",
          band: l("实际/能力", "actual/capacity"),
          format: FMT.percent,
          formula: (x) => whenNumbers([x.r("capacity"), x.r("actual")], `IF(${x.r("capacity")}<=0,"",${x.r("actual")}/${x.r("capacity")})`),
          value: (f) => loadFactor(f) ?? null,
        },
      ],
      readBack: {
        row: (c) =>
          readRow(c, [
            f("name", "name", "text", "缺少名称 (facility name missing)"),
            f("capacity", "capacity", "num"),
            f("actual", "actual", "num"),
            f("unit", "unit"),
            f("condition", "condition"),
            f("annualCost", "cost", "num"),
          ]),
        store: storeSection("facilities"),
      },
    }),
    defineTable({
      schema: TBL_ENV_COSTS,
      rows: envCostRows,
      columns: [
        { key: "item", role: "input", width: 14, validation: { list: "envCostItem" }, value: (c, _k, ctx) => listText(ctx, ENV_COST_ITEMS, c?.item) },
        { key: "amount", role: "input", band: money, format: FMT.money, validation: moneyError, value: (c) => c?.amount },
        { key: "remark", role: "input", width: 10, value: (c) => c?.remark },
      ] satisfies Column<EnvCostEntry, CK>[],
      readBack: {
        row: (c) => readRow(c, [f("item", "item", ENV_COST_ITEMS, "缺少费用项目 (cost item missing)"), f("amount", "amount", "num"), f("remark", "remark")]),
        store: storeSection("envCosts"),
      },
    }),
  ],
});
