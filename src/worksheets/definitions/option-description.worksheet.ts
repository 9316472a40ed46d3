/**
 * 表4-5 方案说明表 Option description (spec WS4-5, step 19): the key points, main equipment, main
 * technical and economic figures and possible environmental impact of each medium/high-cost option.
 *
 * The spec draws one block per option; here it is one table row per option (`tblOptionDescriptions`:
 * 方案编号 (dropdown CP_OptionIds) | 方案名称, 费用类别 (looked up by id) | 要点 | 主要设备 |
 * 主要技术经济指标 | 可能的环境影响 | 检查), printed with wrapped text so that each row reads as the
 * option's block: a table grows with the options and every field stays a cell other sheets can
 * look up, which fixed blocks would not. 检查 flags an id missing, not in the register or listed
 * twice, and an option whose cost class is not 中费 / 高费 / 中/高费.
 */
import { colLetter } from "../a1";
import type { OptionDescription } from "../case";
import { HIGH_COST_CLASSES, l } from "../i18n";
import { FMT, t } from "../layout";
import { defineTable, tableWorksheet, type Column, type TableSchema } from "../table";
import { inClassGroup } from "./option-register.worksheet";
import { costGroup } from "./screening-rules";
import { fieldsReadBack } from "./read-kit";
import { idCheckFormula, idCheckValue, optionIdColumn, registerEntryOf, registerTextColumn } from "./option-pick";

export const TBL_OPTION_DESCRIPTIONS = {
  name: "tblOptionDescriptions",
  columns: {
    id: l("方案编号", "Option ID"),
    name: l("方案名称", "Option name"),
    costClass: l("费用类别", "Cost class"),
    keyPoints: l("要点", "Key points"),
    equipment: l("主要设备", "Main equipment"),
    indicators: l("主要技术经济指标", "Technical and economic figures"),
    impact: l("可能的环境影响", "Possible environmental impact"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_OPTION_DESCRIPTIONS.columns;

export const DESCRIPTION_LABELS = {
  notHigh: l("不是中/高费方案", "Not a medium/high-cost option"),
};

const text = (key: K, value: (d: OptionDescription) => string | undefined): Column<OptionDescription, K> => ({ key, role: "input", format: FMT.text, width: 18, value: (d) => (d ? value(d) : undefined) });

const columns: Column<OptionDescription, K>[] = [
  optionIdColumn<OptionDescription>((d) => d?.optionId),
  registerTextColumn<OptionDescription>("name", (d) => d.optionId) as Column<OptionDescription, K>,
  registerTextColumn<OptionDescription>("costClass", (d) => d.optionId) as Column<OptionDescription, K>,
  text("keyPoints", (d) => d.keyPoints),
  text("equipment", (d) => d.equipment),
  text("indicators", (d) => d.indicators),
  text("impact", (d) => d.environmentalImpact),
  {
    key: "check",
    role: "computed",
    width: 12,
    formula: (x) =>
      `IF(AND(${x.r("id")}="",COUNTA(${x.span("keyPoints", "impact")})=0),"",` +
      `${idCheckFormula(x, `IF(${inClassGroup(x, x.r("costClass"), HIGH_COST_CLASSES)},"",${x.s(DESCRIPTION_LABELS.notHigh)})`)})`,
    value: (d, _k, ctx) => {
      if (!d) return null;
      const ids = (ctx.auditCase?.optionDescriptions ?? []).map((x) => x.optionId);
      const idProblem = idCheckValue(ctx, d.optionId, ids);
      if (idProblem) return t(ctx, idProblem);
      return costGroup(registerEntryOf(ctx, d.optionId)?.costClass) === "high" ? "" : t(ctx, DESCRIPTION_LABELS.notHigh);
    },
  },
];

export const optionDescriptionWorksheet = tableWorksheet({
  key: "WS4-5",
  number: "4-5",
  sheetName: l("方案说明表", "Option description"),
  title: l("方案说明表", "Option description"),
  dependsOn: ["PARAMS", "WS4-1"],
  note: l(
    "每行说明一个中/高费方案（选方案编号，名称和费用类别自动引用）：要点、主要设备、主要技术经济指标（含投资和效益）、可能的环境影响。在表格下方输入即可添加方案。",
    "One medium/high-cost option per row (pick its ID; name and cost class are looked up): key points, main equipment, technical and economic figures (incl. investment and benefit), possible environmental impact. Type below the table to add an option.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  tables: [
    defineTable({
      schema: TBL_OPTION_DESCRIPTIONS,
      columns,
      rows: (ctx) => ctx.auditCase?.optionDescriptions ?? [],
      readBack: fieldsReadBack<K>(
        "optionDescriptions",
        { optionId: ["id", "text"], keyPoints: ["keyPoints", "text"], equipment: ["equipment", "text"], indicators: ["indicators", "text"], environmentalImpact: ["impact", "text"] },
        "optionId",
      ),
      decorate(b, _ctx, g) {
        const check = `$${colLetter(g.col.check)}${g.firstRow + 1}`;
        b.conditional({ top: g.firstRow, left: g.col.check, bottom: g.lastRow, right: g.col.check }, `${check}<>""`, "bad");
      },
    }),
  ],
});
