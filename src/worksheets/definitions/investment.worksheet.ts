/**
 * 表5-1 投资费用统计表 Investment cost statement (spec WS5-1, §3.1: I = 总投资 − 补贴, 总投资 = 基建投资 +
 * 建设期利息 + 流动资金).
 *
 * Table `tblInvestment`, one row per option (万元): 方案编号 (picked from the register, `CP_OptionIds`) |
 * 方案名称 (looked up) | 1 基建投资 items: 设备购置, 建筑安装, 其他固定资产 (物料和场地准备, 公用设施连接),
 * 无形资产 (专利/技术转让, 土地使用, 增容), 开办费 (前期, 筹建, 培训, 试车), 不可预见费 | 基建投资 = Σ of them |
 * 建设期利息 | 流动资金 | 总投资 = 基建投资 + 利息 + 流动资金 | 补贴 | 总投资费用I = 总投资 − 补贴 | 检查.
 *
 * Blank-safe (statement-kit.ts): no item → every computed cell ""; a text in an item → "" and 检查
 * names it; I ≤ 0 is flagged. The economics sheet (表5-3) takes I from here by id (exact match) when
 * this row's I is a number, else from the register, and shows which (its 来源 column).
 */
import type { InvestmentEntry } from "../case";
import { l, type L } from "../i18n";
import type { BuildContext } from "../layout";
import { defineTable, tableWorksheet, type Column, type Refs, type TableSchema } from "../table";
import { fieldsReadBack } from "./read-kit";
import { checkFormula, checkValue, figureColumn, STATEMENT_LABELS, firstById, idColumn, itemColumns, nameColumn, sumFormula, sumItems, type StatementItem } from "./statement-kit";

export const TBL_INVESTMENT = {
  name: "tblInvestment",
  columns: {
    id: l("方案编号", "Option ID"),
    name: l("方案名称", "Option name"),
    equipment: l("设备购置", "Equipment"),
    construction: l("建筑安装", "Construction"),
    otherFixed: l("其他固定资产", "Other fixed assets"),
    intangible: l("无形资产", "Intangible assets"),
    startup: l("开办费", "Start-up costs"),
    contingency: l("不可预见费", "Contingency"),
    capex: l("基建投资", "Construction investment"),
    interest: l("建设期利息", "Interest"),
    workingCapital: l("流动资金", "Working capital"),
    total: l("总投资", "Total investment"),
    subsidy: l("补贴", "Subsidies"),
    investment: l("总投资费用I", "Investment I"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_INVESTMENT.columns;

const MONEY = l("万元", "10⁴ CNY");

const CAPEX_ITEMS: StatementItem<InvestmentEntry, K>[] = [
  { key: "equipment", band: l("1.1 万元", "1.1 10⁴ CNY"), min: 0, value: (e) => e.equipment },
  { key: "construction", band: l("1.1 万元", "1.1 10⁴ CNY"), min: 0, value: (e) => e.construction },
  { key: "otherFixed", band: l("1.1 场地、配套", "1.1 site, utilities"), min: 0, value: (e) => e.otherFixed },
  { key: "intangible", band: l("1.2 专利、土地", "1.2 licences, land"), min: 0, value: (e) => e.intangible },
  { key: "startup", band: l("1.3 培训、试车", "1.3 training, trials"), min: 0, value: (e) => e.startup },
  { key: "contingency", band: l("1.4 万元", "1.4 10⁴ CNY"), min: 0, value: (e) => e.contingency },
];
const INTEREST: StatementItem<InvestmentEntry, K> = { key: "interest", band: l("2 万元", "2 10⁴ CNY"), min: 0, value: (e) => e.interestDuringConstruction };
const WORKING: StatementItem<InvestmentEntry, K> = { key: "workingCapital", band: l("3 万元", "3 10⁴ CNY"), min: 0, value: (e) => e.workingCapital };
const SUBSIDY: StatementItem<InvestmentEntry, K> = { key: "subsidy", band: l("5 万元（减）", "5 10⁴ CNY (less)"), min: 0, value: (e) => e.subsidies };

/** The computed figures of one statement row (null = the cell's ""): 基建投资, 总投资, I. */
export interface InvestmentFigures {
  capex: number | null;
  total: number | null;
  investment: number | null;
}

/** Figures of a case row, summed as the sheet's SUMs add them. */
export function investmentFigures(e: InvestmentEntry): InvestmentFigures {
  const leaves = [...CAPEX_ITEMS, INTEREST, WORKING, SUBSIDY].map((it) => it.value(e));
  if (sumItems(leaves) === null) return { capex: null, total: null, investment: null };
  const capex = sumItems(CAPEX_ITEMS.map((it) => it.value(e))) ?? 0;
  const total = sumItems([...CAPEX_ITEMS, INTEREST, WORKING].map((it) => it.value(e))) ?? 0;
  return { capex, total, investment: total - (e.subsidies ?? 0) };
}

/** I of option `id` on this sheet (its first row, as the economics sheet's lookup finds it), or null. */
export function statementInvestment(ctx: BuildContext, id: string): number | null {
  const e = firstById(ctx.auditCase?.investment, id);
  return e ? investmentFigures(e).investment : null;
}

/** The row's item ranges: construction items, interest, working capital, subsidies. */
const leaves = (x: Refs<K>) => [x.span("equipment", "contingency"), x.r("interest"), x.r("workingCapital"), x.r("subsidy")];
const gross = (x: Refs<K>) => [x.span("equipment", "contingency"), x.r("interest"), x.r("workingCapital")];

const computed = (key: K, band: L, formula: (x: Refs<K>) => string, pick: (f: InvestmentFigures) => number | null) => figureColumn<InvestmentEntry, K, InvestmentFigures>(key, band, formula, investmentFigures, pick);

const columns: readonly Column<InvestmentEntry, K>[] = [
  idColumn("id"),
  nameColumn("name", "id"),
  ...itemColumns(CAPEX_ITEMS, MONEY),
  computed("capex", l("1 = 1.1 + … + 1.4", "1 = 1.1 + … + 1.4"), (x) => sumFormula(x, "id", leaves(x), [x.span("equipment", "contingency")]), (f) => f.capex),
  ...itemColumns([INTEREST, WORKING], MONEY),
  computed("total", l("4 = 1 + 2 + 3", "4 = 1 + 2 + 3"), (x) => sumFormula(x, "id", leaves(x), gross(x)), (f) => f.total),
  ...itemColumns([SUBSIDY], MONEY),
  computed("investment", l("I = 4 − 5，万元", "I = 4 − 5, 10⁴ CNY"), (x) => sumFormula(x, "id", leaves(x), gross(x), `-N(${x.r("subsidy")})`), (f) => f.investment),
  {
    key: "check",
    role: "computed",
    width: 10,
    formula: (x) => checkFormula(x, "id", leaves(x), [[`AND(ISNUMBER(${x.r("investment")}),${x.r("investment")}<=0)`, STATEMENT_LABELS.notPositive]]),
    value: (e, _k, ctx) => {
      if (!e) return null;
      const f = investmentFigures(e);
      return checkValue(ctx, e.optionId, ctx.auditCase?.investment ?? [], f.investment !== null, f.investment !== null && f.investment <= 0 ? STATEMENT_LABELS.notPositive : null);
    },
  },
];

export const investmentWorksheet = tableWorksheet({
  key: "WS5-1",
  number: "5-1",
  sheetName: l("投资费用", "Investment"),
  title: l("投资费用统计表", "Investment cost statement"),
  dependsOn: ["PARAMS", "LISTS", "WS4-1"],
  note: l(
    "每个中/高费方案一行（方案编号从方案汇总表选择），金额单位 万元。基建投资 = 1.1 固定资产 + 1.2 无形资产 + 1.3 开办费 + 1.4 不可预见费；总投资 = 基建投资 + 建设期利息 + 流动资金；总投资费用 I = 总投资 − 补贴。空白项按 0 计；一行未填任何项时不计算。经济评估表按方案编号引用本表的 I。",
    "One row per medium/high-cost option (pick the ID from the register); money in 10⁴ CNY. Construction investment = 1.1 fixed assets + 1.2 intangible + 1.3 start-up + 1.4 contingency; total = construction + interest during construction + working capital; I = total − subsidies. A blank item counts 0; a row with no item is not computed. The economics sheet takes I from here by option ID.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  tables: [
    defineTable({
      schema: TBL_INVESTMENT,
      columns,
      rows: (ctx) => ctx.auditCase?.investment ?? [],
      readBack: fieldsReadBack<K>(
        "investment",
        {
          optionId: ["id", "text"],
          equipment: ["equipment", "num"],
          construction: ["construction", "num"],
          otherFixed: ["otherFixed", "num"],
          intangible: ["intangible", "num"],
          startup: ["startup", "num"],
          contingency: ["contingency", "num"],
          interestDuringConstruction: ["interest", "num"],
          workingCapital: ["workingCapital", "num"],
          subsidies: ["subsidy", "num"],
        },
        "optionId",
      ),
    }),
  ],
});
