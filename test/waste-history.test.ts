/**
 * 表2-6（续）企业历年废弃物流情况 (tblWasteHistory, sheet WS2-6B; spec §1.3 WS2-6, issue 10): the
 * waste streams' three-year generation, discharge and concentration vs limit, on a second sheet of
 * WS2-6 that looks the category, unit and Y0 up in the inventory (tblWasteSources) by name.
 *
 * The power-plant case and the blank template are built in zh-CN and en-US, their cached results
 * removed and recalculated by LibreOffice. Expected values come from the case JSON and hand
 * arithmetic written here (reference output 发电量 Y0 = 192000 万kWh; 锅炉排污水 45 ≤ 50 mg/L → 是,
 * 烟尘 12 > 10 mg/m3 → 否, 酸碱再生废水 35 ≤ 70 mg/L → 是), never from the builder's output. Then the
 * file is edited as a user does in Excel (an inventory quantity, the reference output, rows
 * appended below both tables) and recalculated again.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import type { Lang, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook, resolveKeys } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "./helpers/model-check";
import { pool } from "./helpers/pool";
import { expectClose } from "./helpers/tolerance";
import { appendTableRows, readTable, setTableCells } from "./helpers/workbook-edit";

const hasSoffice = requireSoffice();
const LANGS: Lang[] = ["zh-CN", "en-US"];
const CASE_PATH = "cases/power-plant-workshop.json";

/** Column names and texts as the sheet is specified to show them. */
const COL = {
  "zh-CN": { name: "废弃物名称", category: "类别", unit: "单位", y2: "Y-2", y1: "Y-1", y0: "Y0", discharge: "排放量", conc: "排放浓度", limit: "标准限值", compliant: "达标", specific: "单位产品产生量", check: "检查" },
  "en-US": { name: "Waste stream", category: "Category", unit: "Unit", y2: "Y-2", y1: "Y-1", y0: "Y0", discharge: "Discharged", conc: "Concentration", limit: "Limit", compliant: "Compliant", specific: "Specific generation", check: "Check" },
};
const TEXT = {
  "zh-CN": { yes: "是", no: "否", nonCompliant: "不达标（超标）的废弃物流", compliant: "达标的废弃物流", flagged: "需检查的条目", prod: "参照产品产量 Y0", unknown: "不在产生源清单中", years: ["2022年", "2023年", "2024年"], wastewater: "废水", hazardous: "危险废物" },
  "en-US": { yes: "Yes", no: "No", nonCompliant: "Non-compliant streams", compliant: "Compliant streams", flagged: "Entries to check", prod: "Reference output Y0", unknown: "Not in the inventory", years: ["2022", "2023", "2024"], wastewater: "Wastewater", hazardous: "Hazardous waste" },
};
/** Inventory column names (tblWasteSources). */
const INV = {
  "zh-CN": { category: "类别", name: "名称/主要污染物", quantity: "产生量", unit: "单位" },
  "en-US": { category: "Category", name: "Stream/pollutant", quantity: "Quantity", unit: "Unit" },
};

interface WasteJson {
  name: string;
  category?: string;
  quantity: number;
  unit: string;
  y2?: number;
  y1?: number;
  discharge?: number;
  concentration?: number;
  limit?: number;
}
interface Json {
  wasteSources: WasteJson[];
  annualData: { name: string; y0?: number; reference?: boolean }[];
  parameters: { auditYear?: number };
}

const json = JSON.parse(readFileSync(CASE_PATH, "utf8")) as Json;
/** prod: the reference product's Y0 from the JSON. */
const PROD = json.annualData.find((a) => a.reference === true)!.y0!;

/** Hand arithmetic for the illustrative rows (the JSON's values, written down). */
const HAND = [
  { name: "锅炉排污水", y0: 52000, compliant: true, specific: 52000 / 192000 },
  { name: "烟尘", y0: 310, compliant: false, specific: 310 / 192000 },
  { name: "酸碱再生废水", y0: 9800, compliant: true, specific: 9800 / 192000 },
];

function loadCase(): AuditCase {
  const v = validateCase(JSON.parse(readFileSync(CASE_PATH, "utf8")));
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
  return v.value;
}

const num = (s: string | undefined) => parseSpreadsheetNumber(s ?? "");

/** The history table in a recalculated grid: header row, column index by name, data rows (non-empty names). */
function historyIn(g: string[][], lang: Lang) {
  const header = g.findIndex((r) => r[0] === COL[lang].name);
  if (header < 0) throw new Error("no tblWasteHistory header");
  const names = g[header]!;
  const col = (k: keyof (typeof COL)["zh-CN"]) => {
    const i = names.indexOf(COL[lang][k]);
    if (i < 0) throw new Error(`no column ${COL[lang][k]}`);
    return i;
  };
  const rows = g.slice(header + 1);
  const row = (name: string) => {
    const r = rows.find((x) => x[0] === name);
    if (!r) throw new Error(`no row ${name}`);
    return r;
  };
  return { header, col, rows, row, band: g[header - 1]! };
}

/** The summary value beside a label (column D). */
function summaryValue(g: string[][], label: string): string {
  const r = g.find((x) => x[0] === label);
  if (!r) throw new Error(`no summary row ${label}`);
  return r[3] ?? "";
}

interface Built {
  book: WorkbookModel;
  bytes: Uint8Array;
  grids: Map<string, string[][]>;
}

async function build(auditCase: AuditCase | null, lang: Lang): Promise<Built> {
  const book = buildWorkbook(auditCase, { lang });
  const bytes = await writeXlsx(book);
  return { book, bytes, grids: await recalculate(await stripCachedValues(bytes)) };
}

const sheetName = (book: WorkbookModel, key: string) => book.sheets.find((s) => s.key === key)!.name;

describe("WS2-6 builds both of its sheets", () => {
  it("a request for WS2-6 builds the inventory and the waste streams by year (with the annual data they read)", () => {
    const keys = resolveKeys(["WS2-6"]);
    expect(keys).toContain("WS2-6");
    expect(keys).toContain("WS2-6B");
    expect(keys).toContain("WS2-3");
    expect(keys.indexOf("WS2-6B")).toBe(keys.indexOf("WS2-6") + 1);
    const book = buildWorkbook(null, { lang: "zh-CN", keys: ["WS2-6"] });
    expect(book.sheets.map((s) => s.name)).toContain("废弃物流历年情况");
    expect(book.names.map((n) => n.name)).toContain("CP_WasteNames");
  });
});

describe("case file: the waste streams' history fields", () => {
  const withEdit = (edit: (ws: Record<string, unknown>[]) => void) => {
    const c = JSON.parse(readFileSync(CASE_PATH, "utf8")) as { wasteSources: Record<string, unknown>[] };
    edit(c.wasteSources);
    return validateCase(c);
  };

  it("a negative concentration is an error at its JSON path", () => {
    const v = withEdit((ws) => (ws[0]!.concentration = -1));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.map((e) => e.path)).toContain("$.wasteSources[0].concentration");
  });

  it("a concentration without its limit, a discharge above the quantity and history on a repeated name are warnings", () => {
    const v = withEdit((ws) => {
      delete ws[0]!.limit;
      ws[1]!.discharge = 1000; // 烟尘: 310 t/a generated
      ws.push({ name: "烟尘", quantity: 1, unit: "t/a", y2: 1 });
    });
    expect(v.ok).toBe(true);
    if (v.ok) {
      const paths = v.warnings.map((w) => w.path);
      expect(paths).toContain("$.wasteSources[0].limit");
      expect(paths).toContain("$.wasteSources[1].discharge");
      expect(paths).toContain(`$.wasteSources[${json.wasteSources.length}].y2`);
    }
  });
});

describe.skipIf(!hasSoffice)("表2-6（续）waste streams by year recalculated by LibreOffice", () => {
  const built = new Map<string, Built>();
  const edited = new Map<Lang, Built>();
  const id = (which: string, lang: Lang) => `${which}/${lang}`;

  beforeAll(async () => {
    const auditCase = loadCase();
    const tasks = LANGS.flatMap((lang) => [
      async () => built.set(id("case", lang), await build(auditCase, lang)),
      async () => built.set(id("template", lang), await build(null, lang)),
    ]);
    await pool(tasks, 2);
    await pool(
      LANGS.map((lang) => async () => {
        const b = built.get(id("case", lang))!;
        const I = INV[lang];
        const C = COL[lang];
        let bytes = b.bytes;
        // 烟尘 (inventory row 1) generated 400 t/a instead of 310; the reference output 发电量 200000
        bytes = await setTableCells(bytes, "tblWasteSources", json.wasteSources.findIndex((w) => w.name === "烟尘"), { [I.quantity]: 400 });
        bytes = await setTableCells(bytes, "tblAnnualData", json.annualData.findIndex((a) => a.reference === true), { Y0: 200000 });
        // a new stream typed below the inventory, and below the history table (non-compliant); plus a name not in the inventory
        bytes = await appendTableRows(bytes, "tblWasteSources", [{ [I.category]: TEXT[lang].hazardous, [I.name]: "废机油", [I.quantity]: 2, [I.unit]: "t/a" }]);
        bytes = await appendTableRows(bytes, "tblWasteHistory", [
          { [C.name]: "废机油", [C.y2]: 3, [C.y1]: 2.5, [C.conc]: 120, [C.limit]: 100 },
          { [C.name]: "不存在的废弃物", [C.conc]: 1, [C.limit]: 2 },
        ]);
        edited.set(lang, { book: b.book, bytes, grids: await recalculate(await stripCachedValues(bytes)) });
      }),
      2,
    );
  }, 600_000);

  for (const lang of LANGS) {
    for (const which of ["case", "template"] as const) {
      it(`${lang} ${which}: no error cell; every cached value of the sheet equals LibreOffice's`, () => {
        const b = built.get(id(which, lang))!;
        expect(findErrorCells(b.grids)).toEqual([]);
        const sheet = b.book.sheets.find((s) => s.key === "WS2-6B")!;
        expect(checkRecalculatedAgainstModel(sheet, b.grids.get(sheet.name))).toEqual([]);
      });
    }

    it(`${lang} case: 达标 and specific generation equal hand arithmetic from the case JSON`, () => {
      const b = built.get(id("case", lang))!;
      const g = b.grids.get(sheetName(b.book, "WS2-6B"))!;
      const T = TEXT[lang];
      const h = historyIn(g, lang);
      // the year labels follow the audit year
      expect([h.band[h.col("y2")], h.band[h.col("y1")], h.band[h.col("y0")]]).toEqual(T.years);
      expect(json.parameters.auditYear).toBe(2024);
      expect(PROD).toBe(192000);
      for (const e of HAND) {
        const r = h.row(e.name);
        expect(num(r[h.col("y0")])).toBe(e.y0);
        expect(r[h.col("compliant")]).toBe(e.compliant ? T.yes : T.no);
        expectClose(num(r[h.col("specific")])!, e.specific, {}, `${e.name} specific generation`);
        expect(r[h.col("check")]).toBe("");
      }
      // every inventory entry from the JSON: Y0 = its quantity, specific = quantity / prod, 达标 from conc/limit
      for (const w of json.wasteSources) {
        const r = h.row(w.name);
        expect(num(r[h.col("y0")])).toBe(w.quantity);
        expect(r[h.col("unit")]).toBe(w.unit);
        expectClose(num(r[h.col("specific")])!, w.quantity / PROD);
        const want = w.concentration === undefined || w.limit === undefined ? "" : w.concentration <= w.limit ? T.yes : T.no;
        expect(r[h.col("compliant")]).toBe(want);
        expect(r[h.col("y2")]).toBe(w.y2 === undefined ? "" : String(w.y2));
        expect(r[h.col("discharge")]).toBe(w.discharge === undefined ? "" : String(w.discharge));
      }
      expect(h.row("锅炉排污水")[h.col("category")]).toBe(T.wastewater);
      const nonCompliant = json.wasteSources.filter((w) => w.concentration !== undefined && w.limit !== undefined && w.concentration > w.limit).length;
      expect(nonCompliant).toBe(1);
      expect(num(summaryValue(g, T.nonCompliant))).toBe(nonCompliant);
      expect(num(summaryValue(g, T.compliant))).toBe(2);
      expect(num(summaryValue(g, T.flagged))).toBe(0);
      expect(num(summaryValue(g, T.prod))).toBe(192000);
    });

    it(`${lang} template: empty rows give blanks, the counts are 0`, () => {
      const b = built.get(id("template", lang))!;
      const g = b.grids.get(sheetName(b.book, "WS2-6B"))!;
      const T = TEXT[lang];
      const h = historyIn(g, lang);
      for (const r of h.rows) expect(r.every((c) => c === "")).toBe(true);
      expect(summaryValue(g, T.prod)).toBe("");
      expect(num(summaryValue(g, T.nonCompliant))).toBe(0);
      expect(num(summaryValue(g, T.flagged))).toBe(0);
    });

    it(`${lang} edited: the inventory's quantity and the reference output flow into Y0 and the specific generation; appended rows are counted`, () => {
      const b = edited.get(lang)!;
      expect(findErrorCells(b.grids)).toEqual([]);
      const g = b.grids.get(sheetName(b.book, "WS2-6B"))!;
      const T = TEXT[lang];
      const h = historyIn(g, lang);
      const dust = h.row("烟尘");
      expect(num(dust[h.col("y0")])).toBe(400);
      expectClose(num(dust[h.col("specific")])!, 400 / 200000);
      expectClose(num(h.row("锅炉排污水")[h.col("specific")])!, 52000 / 200000);
      const oil = h.row("废机油");
      expect(oil[h.col("category")]).toBe(T.hazardous);
      expect(num(oil[h.col("y0")])).toBe(2);
      expect(oil[h.col("compliant")]).toBe(T.no); // 120 > 100
      expectClose(num(oil[h.col("specific")])!, 2 / 200000);
      expect(oil[h.col("check")]).toBe("");
      const stray = h.row("不存在的废弃物");
      expect(stray[h.col("y0")]).toBe("");
      expect(stray[h.col("specific")]).toBe("");
      expect(stray[h.col("check")]).toBe(T.unknown);
      // 烟尘 and 废机油 exceed their limits; 不存在的废弃物 (1 ≤ 2) is compliant but flagged
      expect(num(summaryValue(g, T.nonCompliant))).toBe(2);
      expect(num(summaryValue(g, T.compliant))).toBe(3);
      expect(num(summaryValue(g, T.flagged))).toBe(1);
      expect(num(summaryValue(g, T.prod))).toBe(200000);
    });
  }

  it("the table part carries the calculated-column formula of every computed and lookup column", async () => {
    const t = await readTable(built.get(id("case", "zh-CN"))!.bytes, "tblWasteHistory");
    expect(t.columns.filter((c) => c.formula).map((c) => c.name)).toEqual(["类别", "单位", "Y0", "达标", "单位产品产生量", "检查"]);
  });
});
