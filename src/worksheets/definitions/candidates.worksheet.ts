/**
 * 表2-10 备选审核重点情况汇总 Candidate audit-focus data (spec WS2-10, §2.2–2.3; issue 10 part C).
 *
 * Table `tblCandidates`, one row per candidate (workshop, section, process): 备选审核重点 | 废弃物量
 * 废水 / 废渣 / 废气 (t/a) | 废弃物量合计 = their sum | 原料消耗 (t/a), 原料费用 | 水耗 (m³/a), 水费 | 能耗
 * (tce/a), 能源费用 (万元/a) | 消耗费用小计 = 原料费用 + 水费 + 能源费用 | 厂内末端治理费, 厂外处理处置费, 排污费,
 * 罚款, 其他 (万元/a) | 环保费用小计 = Σ items | 毒性说明 | 检查. A subtotal adds the items that are given
 * (a blank item is none of it) and is blank when none is; a text in a number cell is flagged and
 * leaves the subtotals blank.
 *
 * It feeds the SUGGESTED scores of 表2-11 (tblFocus, focus-selection.worksheet.ts), spec §2.2's
 * factor ↔ quantity mapping: 废弃物量 ↔ 废弃物量合计, 主要消耗 ↔ 消耗费用小计, 环保费用 ↔ 环保费用小计,
 * by the proportional rule of §2.3, {@link suggestedScore}. Candidates are matched by name (exact
 * text, ignoring case as the lookups compare), never by position.
 */
import type { CandidateDataEntry } from "../case";
import { l, type L } from "../i18n";
import { FMT, t, type BuildContext, type SheetBuilder } from "../layout";
import { defineTable, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { countEqual } from "./exact-match";
import { countSummary, decorateCheck } from "./balance-columns";
import { chain } from "./formula";
import { f, same, readRow } from "./read-back-fields";
import { storeSection } from "./read-kit";
import { SUBTOTALS, subtotalOf, type SubtotalKey } from "../focus-suggestions";

export const TBL_CANDIDATES = {
  name: "tblCandidates",
  columns: {
    name: l("备选审核重点", "Candidate"),
    wasteWater: l("废水", "Waste water"),
    wasteSolid: l("废渣", "Solid waste"),
    wasteGas: l("废气", "Waste gas"),
    wasteTotal: l("废弃物量合计", "Waste total"),
    raw: l("原料消耗", "Raw material"),
    rawCost: l("原料费用", "Raw mat. cost"),
    water: l("水耗", "Water"),
    waterCost: l("水费", "Water cost"),
    energy: l("能耗", "Energy"),
    energyCost: l("能源费用", "Energy cost"),
    consumption: l("消耗费用小计", "Use subtotal"),
    endOfPipe: l("厂内末端治理费", "Treatment"),
    disposal: l("厂外处理处置费", "Disposal"),
    dischargeFee: l("排污费", "Levy"),
    fines: l("罚款", "Fines"),
    otherEnv: l("其他", "Other"),
    envCost: l("环保费用小计", "Env. subtotal"),
    toxicity: l("毒性说明", "Toxicity"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
export type CandidateKey = keyof typeof TBL_CANDIDATES.columns;

/** Number columns of the table (input), with the case field and the band (unit). */
const NUMBERS = [
  ["wasteWater", "t/a"],
  ["wasteSolid", "t/a"],
  ["wasteGas", "t/a"],
  ["raw", "t/a"],
  ["rawCost", "万元/a"],
  ["water", "m³/a"],
  ["waterCost", "万元/a"],
  ["energy", "tce/a"],
  ["energyCost", "万元/a"],
  ["endOfPipe", "万元/a"],
  ["disposal", "万元/a"],
  ["dischargeFee", "万元/a"],
  ["fines", "万元/a"],
  ["otherEnv", "万元/a"],
] as const;
type NumberKey = (typeof NUMBERS)[number][0];

export const CANDIDATE_LABELS = {
  noName: l("缺少名称", "Name missing"),
  duplicate: l("名称重复", "Duplicate name"),
  notNumber: l("数值列含文字", "Text in a number column"),
  negative: l("数值为负", "A number is negative"),
  count: l("备选审核重点数", "Candidates"),
  flagged: l("需检查的行", "Rows to check"),
};
type Flag = keyof typeof CANDIDATE_LABELS;

/** A candidate as the sheet evaluates it. */
export interface CandidateRow {
  e: CandidateDataEntry;
  wasteTotal: number | null;
  consumption: number | null;
  envCost: number | null;
  check: Flag | null;
}

/** The case's candidate data with the subtotals and flags, as the formulas give them. */
export function candidateRows(ctx: BuildContext): CandidateRow[] {
  const list = ctx.auditCase?.candidateData ?? [];
  return list.map((e) => {
    let check: Flag | null = null;
    if (e.name === "") check = "noName";
    else if (list.filter((x) => x.name.toUpperCase() === e.name.toUpperCase()).length > 1) check = "duplicate";
    return { e, wasteTotal: subtotalOf(e, "wasteTotal"), consumption: subtotalOf(e, "consumption"), envCost: subtotalOf(e, "envCost"), check };
  });
}

/** The proportional rule of focus-suggestions.ts suggestedScore as a formula: `x` this candidate's quantity (a reference or "" expression), `all` the whole column. */
export function suggestedScoreFormula(x: string, all: string): string {
  return `IF(NOT(ISNUMBER(${x})),"",IF(NOT(MAX(${all})>0),"",IF(${x}<=0,0,MAX(1,ROUND(10*${x}/MAX(${all}),0)))))`;
}

/** This row's number inputs (the subtotal columns between them are formulas, so never a span). */
const inputs = (x: Refs<CandidateKey>) => NUMBERS.map(([k]) => x.r(k)).join(",");
/** A number input of this row holds a text. */
const anyText = (x: Refs<CandidateKey>) => `OR(${NUMBERS.map(([k]) => `ISTEXT(${x.r(k)})`).join(",")})`;

function columns(): Column<CandidateRow, CandidateKey>[] {
  const out: Column<CandidateRow, CandidateKey>[] = [{ key: "name", role: "input", band: l("名称同表2-11", "as in 2-11"), width: 10, value: (r) => r?.e.name }];
  const numberCol = (key: NumberKey, band: string): Column<CandidateRow, CandidateKey> => ({
    key,
    role: "input",
    band: l(band, band.replace("万元", "10⁴ CNY")),
    format: band === "万元/a" ? FMT.money : FMT.general,
    numberWidth: band === "万元/a" ? 9 : 8,
    validation: { number: { min: 0, error: l("请输入 ≥ 0 的数", "Enter a number ≥ 0") } },
    value: (r) => r?.e[key],
  });
  const subtotalCol = (key: SubtotalKey, band: L): Column<CandidateRow, CandidateKey> => {
    const parts = SUBTOTALS[key];
    return {
      key,
      role: "computed",
      band,
      style: "total",
      format: key === "wasteTotal" ? FMT.general : FMT.money,
      // bold (style total): wider digits than the inputs
      numberWidth: key === "wasteTotal" ? 9 : 10,
      formula: (x) => {
        const refs = parts.map((k) => x.r(k)).join(",");
        return `IF(${anyText(x)},"",IF(COUNT(${refs})=0,"",SUM(${refs})))`;
      },
      value: (r) => (r ? r[key] : null),
    };
  };
  for (const [key, band] of NUMBERS) {
    out.push(numberCol(key, band));
    if (key === "wasteGas") out.push(subtotalCol("wasteTotal", l("t/a，三项之和", "t/a, sum")));
    if (key === "energyCost") out.push(subtotalCol("consumption", l("万元/a，三项费用", "10⁴ CNY/a, 3 costs")));
  }
  out.push(subtotalCol("envCost", l("万元/a，五项之和", "10⁴ CNY/a, sum")));
  out.push({ key: "toxicity", role: "input", width: 9, value: (r) => r?.e.toxicity });
  out.push({
    key: "check",
    role: "computed",
    width: 10,
    formula: (x) => {
      const L = CANDIDATE_LABELS;
      return chain(
        [
          [`AND(${x.r("name")}="",${x.r("toxicity")}="",COUNTA(${inputs(x)})=0)`, `""`],
          [`${x.r("name")}=""`, x.s(L.noName)],
          [`${countEqual(x.all("name"), x.r("name"))}>1`, x.s(L.duplicate)],
          [anyText(x), x.s(L.notNumber)],
          [`MIN(${inputs(x)})<0`, x.s(L.negative)],
        ],
        `""`,
      );
    },
    value: (r, _k, ctx) => (r?.check ? t(ctx, CANDIDATE_LABELS[r.check]) : null),
  });
  return out;
}

function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = candidateRows(ctx);
  const w = (k: CandidateKey) => whole(TBL_CANDIDATES, k, ctx.lang);
  return countSummary(
    b,
    ctx,
    top,
    [
      [CANDIDATE_LABELS.count, `SUMPRODUCT(--(${w("name")}<>""))`, rows.filter((r) => r.e.name !== "").length, null],
      [CANDIDATE_LABELS.flagged, `SUMPRODUCT(--(${w("check")}<>""))`, rows.filter((r) => r.check !== null).length, "warn"],
    ],
    0,
    2,
  );
}

export const candidatesWorksheet = tableWorksheet({
  key: "WS2-10",
  number: "2-10",
  sheetName: l("备选审核重点情况", "Candidate data"),
  title: l("备选审核重点情况汇总", "Candidate audit-focus data"),
  dependsOn: ["PARAMS"],
  note: l(
    "每个备选审核重点一行，名称与表2-11一致。废弃物量合计、消耗费用小计和环保费用小计按比例法给出表2-11中废弃物量、主要消耗和环保费用三个因素的建议评分：R = ROUND(10 × x / 最大值, 0)（x > 0 时至少 1）。空白项按无计；在表格下方输入即可添加备选审核重点。",
    "One candidate per row, named as in Table 2-11. The waste total, consumption cost and environmental cost give the suggested scores of the factors waste quantity, main consumption and environmental costs in Table 2-11 by the proportional rule R = ROUND(10 × x / largest x, 0) (at least 1 when x > 0). A blank item counts as none; type below the table to add a candidate.",
  ),
  freezeCols: 1,
  orientation: "landscape",
  summary,
  tables: [
    defineTable({
      schema: TBL_CANDIDATES,
      columns: columns(),
      rows: candidateRows,
      readBack: {
        row: (c) => readRow(c, [f("name", "name", "text", "缺少名称 (name missing)"), ...same<CandidateKey>("num", ...NUMBERS.map(([k]) => k)), f("toxicity", "toxicity")]),
        store: storeSection("candidateData"),
      },
      decorate: (b, _ctx, g) => decorateCheck(b, g, "check"),
    }),
  ],
});
