/**
 * Issue 10 part A: the plain phase 1–3 worksheets (WS1-1, WS1-2, WS2-1, WS2-2, WS2-5, WS2-7,
 * WS2-9, WS2-13, WS3-1, WS3-5) and the 2001/2016 terminology.
 *
 * Both bundled cases and the blank template are built in zh-CN and en-US and recalculated by
 * LibreOffice: no error cell, every cached value of these sheets equal to the recalculated one. The
 * counts, percentages, delay days, ages, installed power, load factors and costs the sheets show
 * equal values computed here by hand from the case JSON. Rows appended to tables (as Excel does
 * when the user types below them) are counted, and a blank actual date gives a blank delay.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { phaseName } from "../src/worksheets/catalogue";
import { TBL_PLANT_CAUSES } from "../src/worksheets/definitions/causes.worksheet";
import { TBL_DATA_INVENTORY } from "../src/worksheets/definitions/data-inventory.worksheet";
import { TBL_ENV_COSTS, TBL_EQUIPMENT, TBL_FACILITIES, TBL_STAFF } from "../src/worksheets/definitions/enterprise.worksheet";
import { TBL_PLAN, TBL_TEAM } from "../src/worksheets/definitions/team-plan.worksheet";
import { TBL_WALKTHROUGH } from "../src/worksheets/definitions/walkthrough.worksheet";
import { ASPECTS, tr, WALK_AREAS } from "../src/worksheets/i18n";
import type { Lang, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "./helpers/model-check";
import { pool } from "./helpers/pool";
import { col, findTable, shownRows } from "./helpers/tables";
import { appendTableRows } from "./helpers/workbook-edit";
import { readXlsx } from "./helpers/model-check";
import { main } from "../src/cli/run";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const hasSoffice = requireSoffice();

const KEYS = ["WS1-1", "WS1-2", "WS2-1", "WS2-2", "WS2-5", "WS2-7", "WS2-9", "WS2-13", "WS3-1", "WS3-5"];
const INPUTS: { name: string; path: string | null }[] = [
  { name: "power-plant-workshop", path: "cases/power-plant-workshop.json" },
  { name: "textbook-150wan", path: "cases/textbook-150wan.json" },
  { name: "template", path: null },
];
const LANGS: Lang[] = ["zh-CN", "en-US"];

/** The case file as JSON (the independent source of the expected values). */
interface Json {
  meta: { enterprise?: string; auditYear?: number };
  team?: { name: string; role?: string; group?: string }[];
  plan?: { stage: string; plannedStart?: string; plannedEnd?: string; actualEnd?: string }[];
  staff?: { headCount?: number }[];
  equipment?: { name: string; quantity?: number; powerKw?: number; year?: number; obsolete?: string }[];
  facilities?: { name: string; capacity?: number; actual?: number; annualCost?: number }[];
  envCosts?: { amount?: number }[];
  causes?: { plant?: Record<string, string>[] };
  walkthrough?: { area?: string; result?: string }[];
  dataInventory?: { collected?: string }[];
}

interface Built {
  json: Json | null;
  lang: Lang;
  book: WorkbookModel;
  bytes: Uint8Array;
  grids: Map<string, string[][]>;
}

function load(path: string | null): { json: Json | null; c: AuditCase | null } {
  if (path === null) return { json: null, c: null };
  const json = JSON.parse(readFileSync(path, "utf8")) as Json;
  const v = validateCase(json);
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
  return { json, c: v.value };
}

async function build(path: string | null, lang: Lang): Promise<Built> {
  const { json, c } = load(path);
  const book = buildWorkbook(c, { lang });
  const bytes = await writeXlsx(book);
  const grids = await recalculate(await stripCachedValues(bytes));
  return { json, lang, book, bytes, grids };
}

const num = (t: string | undefined) => parseSpreadsheetNumber(t ?? "");
/** Days between two ISO dates (b − a), by hand. */
const days = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

/** The grid of the sheet of `key`. */
function gridOf(b: Built, key: string): string[][] {
  const s = b.book.sheets.find((x) => x.key === key)!;
  return b.grids.get(s.name)!;
}

/** The row of `grid` (above the first table) whose cell in column `c` is `label`, and the cells right of it. */
function rowAfter(grid: string[][], label: string, c = -1): string[] {
  for (const row of grid) {
    const k = c >= 0 ? (row[c] === label ? c : -1) : row.indexOf(label);
    if (k >= 0) return row.slice(k + 1);
  }
  throw new Error(`no label ${label}`);
}

const built = new Map<string, Built>();

describe.skipIf(!hasSoffice)("phase 1–3 plain sheets (issue 10 part A), recalculated by LibreOffice", () => {
  beforeAll(async () => {
    const tasks = INPUTS.flatMap((inp) => LANGS.map((lang) => async () => [`${inp.name}/${lang}`, await build(inp.path, lang)] as const));
    for (const [id, b] of await pool(tasks, 2)) built.set(id, b);
  }, 600_000);

  for (const inp of INPUTS) {
    for (const lang of LANGS) {
      const id = `${inp.name}/${lang}`;
      it(`${id}: the sheets are built, no error cell, every cached value equals LibreOffice's`, () => {
        const b = built.get(id)!;
        for (const k of KEYS) expect(b.book.sheets.some((s) => s.key === k), k).toBe(true);
        expect(findErrorCells(b.grids)).toEqual([]);
        const mine = b.book.sheets.filter((s) => KEYS.includes(s.key) || s.key === "PARAMS");
        expect(mine.flatMap((s) => checkRecalculatedAgainstModel(s, b.grids.get(s.name), { rel: 1e-9, abs: 1e-9 }).map((m) => m.message))).toEqual([]);
      });
    }
  }

  for (const lang of LANGS) {
    const id = `power-plant-workshop/${lang}`;
    describe(id, () => {
      const b = () => built.get(id)!;
      const j = () => b().json!;

      it("WS1-1: members per group and role equal the case's (counted here)", () => {
        const g = gridOf(b(), "WS1-1");
        const roles = ["组长", "副组长", "成员"];
        for (const [group, label] of [["领导小组", lang === "zh-CN" ? "领导小组" : "Leadership group"], ["工作小组", lang === "zh-CN" ? "工作小组" : "Working group"]] as const) {
          const row = rowAfter(g, label, 1);
          const counts = roles.map((r) => j().team!.filter((m) => m.group === group && m.role === r).length);
          expect(row.slice(0, 4).map((x) => num(x))).toEqual([...counts, counts.reduce((a, x) => a + x, 0)]);
        }
        const all = rowAfter(g, lang === "zh-CN" ? "全部成员（含未填小组）" : "All members (incl. no group)", 1);
        expect(num(all[3])).toBe(j().team!.length);
      });

      it("WS1-2: delay days = actual − planned completion (by hand); blank where a date is blank; the bars follow the planned months", () => {
        const rows = shownRows(b().grids, b().book, "tblPlan");
        const c = (k: keyof typeof TBL_PLAN.columns) => col(TBL_PLAN, k, lang);
        j().plan!.forEach((s, k) => {
          const want = s.actualEnd && s.plannedEnd ? days(s.plannedEnd, s.actualEnd) : null;
          expect(want === null ? rows[k]![c("delay")] : num(rows[k]![c("delay")]), s.stage).toBe(want === null ? "" : want);
        });
        // stage 1 is planned 2024-03-01 … 03-20: only the first month (March) has a bar; stage 2 (03-21 … 04-30) March and April
        expect([c("m1"), c("m2"), c("m3")].map((x) => rows[0]![x])).toEqual(["■", "", ""]);
        expect([c("m1"), c("m2"), c("m3")].map((x) => rows[1]![x])).toEqual(["■", "■", ""]);
        const late = j().plan!.filter((s) => s.actualEnd && s.plannedEnd && days(s.plannedEnd, s.actualEnd) > 0).length;
        const g = gridOf(b(), "WS1-2");
        expect(num(rowAfter(g, lang === "zh-CN" ? "延误阶段" : "Stages late")[0])).toBe(late);
      });

      it("WS2-1: the enterprise name is the parameters sheet's, the head count the total of WS2-2 (by hand)", () => {
        const g = gridOf(b(), "WS2-1");
        expect(rowAfter(g, lang === "zh-CN" ? "企业名称" : "Enterprise", 0)[0]).toBe(j().meta.enterprise);
        const total = j().staff!.reduce((a, s) => a + (s.headCount ?? 0), 0);
        expect(num(rowAfter(g, lang === "zh-CN" ? "职工人数" : "Employees", 0)[0])).toBe(total);
        expect(num(rowAfter(gridOf(b(), "WS2-2"), lang === "zh-CN" ? "职工总人数" : "Total head count")[0])).toBe(total);
      });

      it("WS2-5: age = audit year − year in service, installed power Σ units × kW, obsolete count (by hand)", () => {
        const rows = shownRows(b().grids, b().book, "tblEquipment");
        const c = (k: keyof typeof TBL_EQUIPMENT.columns) => col(TBL_EQUIPMENT, k, lang);
        const eq = j().equipment!;
        eq.forEach((e, k) => {
          expect(num(rows[k]![c("age")]), e.name).toBe(j().meta.auditYear! - e.year!);
          expect(num(rows[k]![c("installed")]), e.name).toBe(e.quantity! * e.powerKw!);
        });
        const g = gridOf(b(), "WS2-5");
        expect(num(rowAfter(g, lang === "zh-CN" ? "总装机功率 kW" : "Installed power kW").find((x) => x !== ""))).toBe(eq.reduce((a, e) => a + e.quantity! * e.powerKw!, 0));
        expect(num(rowAfter(g, lang === "zh-CN" ? "淘汰类设备（台/套）" : "Obsolete units").find((x) => x !== ""))).toBe(eq.filter((e) => e.obsolete === "是").reduce((a, e) => a + e.quantity!, 0));
      });

      it("WS2-7: load factor = throughput / capacity (blank without throughput), total environmental cost = Σ items + Σ running costs (by hand)", () => {
        const rows = shownRows(b().grids, b().book, "tblFacilities");
        const c = col(TBL_FACILITIES, "load", lang);
        j().facilities!.forEach((f, k) => {
          if (f.actual === undefined) expect(rows[k]![c]).toBe("");
          else expect(num(rows[k]![c])).toBeCloseTo(f.actual / f.capacity!, 12);
        });
        const total = j().envCosts!.reduce((a, x) => a + (x.amount ?? 0), 0) + j().facilities!.reduce((a, x) => a + (x.annualCost ?? 0), 0);
        const g = gridOf(b(), "WS2-7");
        expect(num(rowAfter(g, lang === "zh-CN" ? "环保费用合计" : "Total environmental cost").find((x) => x !== ""))).toBeCloseTo(total, 9);
      });

      it("WS2-9: causes per aspect (by hand)", () => {
        const loc = findTable(b().book, "tblPlantCauses");
        const g = gridOf(b(), "WS2-9");
        // the counts sit in the row labelled 原因条数, above the aspect columns (columns 3…10)
        const counts = rowAfter(g, lang === "zh-CN" ? "原因条数" : "Causes", 2);
        const keys = ["materials", "technology", "equipment", "control", "product", "waste", "management", "employees"];
        keys.forEach((k, i) => {
          expect(loc.table.columns[3 + i]!.name).toBe(col(TBL_PLANT_CAUSES, k as "materials", lang));
          expect(loc.table.columns[3 + i]!.name).toBe(tr(lang, ASPECTS[i]!));
          expect(num(counts[i]), k).toBe(j().causes!.plant!.filter((x) => (x[k] ?? "") !== "").length);
        });
        const all = j().causes!.plant!.reduce((n, x) => n + keys.filter((k) => (x[k] ?? "") !== "").length, 0);
        expect(num(rowAfter(g, lang === "zh-CN" ? "合计" : "Total", 2)[0])).toBe(all);
      });

      it("WS2-13: 否 per group and % compliant (by hand); an option id not in the register is flagged", () => {
        const g = gridOf(b(), "WS2-13");
        const wt = j().walkthrough!;
        for (const area of WALK_AREAS) {
          const these = wt.filter((w) => w.area === area.zh);
          const yes = these.filter((w) => w.result === "是").length;
          const no = these.filter((w) => w.result === "否").length;
          const row = rowAfter(g, tr(lang, area));
          expect(num(row[0]), area.zh).toBe(yes);
          expect(num(row[1]), area.zh).toBe(no);
          if (yes + no === 0) expect(row[2]).toBe("");
          else expect(num(row[2])).toBeCloseTo(yes / (yes + no), 12);
        }
        const rows = shownRows(b().grids, b().book, "tblWalkthrough");
        const check = col(TBL_WALKTHROUGH, "check", lang);
        expect(rows.map((r) => r[check])).toContain(lang === "zh-CN" ? "编号不在方案汇总表" : "ID not in the register");
        expect(rows[0]![check]).toBe(""); // F-01 is in the register
      });

      it("WS3-1: share collected = 是 / entries (by hand)", () => {
        const d = j().dataInventory!;
        const g = gridOf(b(), "WS3-1");
        expect(num(rowAfter(g, lang === "zh-CN" ? "收集率" : "Share collected")[0])).toBeCloseTo(d.filter((x) => x.collected === "是").length / d.length, 12);
        void TBL_DATA_INVENTORY;
        void TBL_STAFF;
        void TBL_ENV_COSTS;
      });
    });
  }

  for (const lang of LANGS) {
    it(`template/${lang}: the 9 standard stages are pre-filled, the plan's computed cells are blank`, () => {
      const b = built.get(`template/${lang}`)!;
      const rows = shownRows(b.grids, b.book, "tblPlan");
      const stage = col(TBL_PLAN, "stage", lang);
      expect(rows.slice(0, 9).map((r) => r[stage])).toEqual(lang === "zh-CN"
        ? ["审核准备", "预审核", "审核", "方案的产生和筛选", "中期审核报告", "方案的确定", "方案的实施", "持续清洁生产", "审核报告"]
        : ["Audit preparation", "Pre-audit", "Audit", "Option generation & screening", "Interim audit report", "Option determination", "Option implementation", "Continuous cleaner production", "Audit report"]);
      expect(rows.every((r) => r[col(TBL_PLAN, "delay", lang)] === "" && r[col(TBL_PLAN, "m1", lang)] === "")).toBe(true);
      const wt = shownRows(b.grids, b.book, "tblWalkthrough");
      expect(new Set(wt.map((r) => r[col(TBL_WALKTHROUGH, "area", lang)]).filter((x) => x !== "")).size).toBe(WALK_AREAS.length);
    });
  }

  it("rows appended below the tables are counted; a blank actual date gives a blank delay (zh-CN, power plant)", async () => {
    const lang: Lang = "zh-CN";
    const b = built.get(`power-plant-workshop/${lang}`)!;
    const T = (k: keyof typeof TBL_TEAM.columns) => col(TBL_TEAM, k, lang);
    const P = (k: keyof typeof TBL_PLAN.columns) => col(TBL_PLAN, k, lang);
    const W = (k: keyof typeof TBL_WALKTHROUGH.columns) => col(TBL_WALKTHROUGH, k, lang);
    const E = (k: keyof typeof TBL_EQUIPMENT.columns) => col(TBL_EQUIPMENT, k, lang);
    const loc = findTable(b.book, "tblTeam");
    const n0 = loc.table.ref.bottom - loc.table.ref.top;
    let bytes = await appendTableRows(b.bytes, "tblTeam", [{ [T("name")]: "新成员", [T("role")]: "成员", [T("group")]: "工作小组" }]);
    // serial numbers of 2024-09-01 and 2024-09-30 (days since 1899-12-30, by hand)
    const sep1 = days("1899-12-30", "2024-09-01");
    bytes = await appendTableRows(bytes, "tblPlan", [{ [P("stage")]: "补充阶段", [P("plannedStart")]: sep1, [P("plannedEnd")]: sep1 + 29, [P("actualStart")]: sep1 }]);
    bytes = await appendTableRows(bytes, "tblWalkthrough", [{ [W("area")]: "用水用电", [W("item")]: "新增检查项", [W("result")]: "否" }]);
    bytes = await appendTableRows(bytes, "tblEquipment", [{ [E("name")]: "新增水泵", [E("quantity")]: 2, [E("power")]: 75, [E("year")]: 2020, [E("obsolete")]: "是" }]);
    const grids = await recalculate(await stripCachedValues(bytes));
    const after: Built = { ...b, grids };
    const team = after.json!.team!;
    const working = team.filter((m) => m.group === "工作小组" && m.role === "成员").length + 1;
    expect(num(rowAfter(gridOf(after, "WS1-1"), "工作小组", 1)[2])).toBe(working);
    expect(num(rowAfter(gridOf(after, "WS1-1"), "全部成员（含未填小组）", 1)[3])).toBe(team.length + 1);
    // the plan's appended row: blank actual completion → blank delay, bars in September (month 7 from March)
    const planLoc = findTable(b.book, "tblPlan");
    const g = gridOf(after, "WS1-2");
    const r = planLoc.table.ref.bottom + 1;
    const colOf = (name: string) => planLoc.table.ref.left + planLoc.table.columns.findIndex((c) => c.name === name);
    expect(g[r]![colOf(P("delay"))]).toBe("");
    expect(g[r]![colOf(P("m7"))]).toBe("■");
    expect(g[r]![colOf(P("m6"))]).toBe("");
    // walkthrough: one more 否 in 用水用电
    const wt = after.json!.walkthrough!.filter((w) => w.area === "用水用电");
    expect(num(rowAfter(gridOf(after, "WS2-13"), "用水用电")[1])).toBe(wt.filter((w) => w.result === "否").length + 1);
    // equipment: installed power and obsolete units include the new row
    const eq = after.json!.equipment!;
    const ge = gridOf(after, "WS2-5");
    expect(num(rowAfter(ge, "总装机功率 kW").find((x) => x !== ""))).toBe(eq.reduce((a, e) => a + e.quantity! * e.powerKw!, 0) + 150);
    expect(num(rowAfter(ge, "淘汰类设备（台/套）").find((x) => x !== ""))).toBe(eq.filter((e) => e.obsolete === "是").reduce((a, e) => a + e.quantity!, 0) + 2);
    expect(findErrorCells(grids)).toEqual([]);
    expect(n0).toBeGreaterThan(0);
  }, 300_000);
});

describe("terminology (spec §8.2)", () => {
  it("phaseName gives the 2001 and 2016 names", () => {
    expect([1, 2, 3].map((p) => phaseName(p as 1, "zh-CN", "2001"))).toEqual(["筹划和组织", "预评估", "评估"]);
    expect([1, 2, 3, 5].map((p) => phaseName(p as 1, "zh-CN", "2016"))).toEqual(["审核准备", "预审核", "审核", "方案的确定"]);
    expect(phaseName(2, "en-US", "2016")).toBe("Pre-audit");
  });

  it("2001 titles read 审计 and the work plan's stages the handbook's phases; the default (2016) keeps 审核", () => {
    const old = buildWorkbook(null, { lang: "zh-CN", terminology: "2001" });
    const now = buildWorkbook(null, { lang: "zh-CN" });
    const title = (b: WorkbookModel, k: string) => b.sheets.find((s) => s.key === k)!.title;
    expect(title(old, "WS1-1")).toBe("表1-1 审计小组成员表");
    expect(title(now, "WS1-1")).toBe("表1-1 审核小组成员表");
    expect(title(old, "WS3-5")).toBe("表3-5 审计重点废弃物产生原因分析表");
    const stages = (b: WorkbookModel) => {
      const loc = findTable(b, "tblPlan");
      const c = loc.table.ref.left + 1;
      return loc.sheet.cells.filter((x) => x.col === c && x.row > loc.table.ref.top && x.value !== undefined).map((x) => x.value);
    };
    expect(stages(old).slice(0, 3)).toEqual(["筹划和组织", "预评估", "评估"]);
    expect(stages(now).slice(0, 3)).toEqual(["审核准备", "预审核", "审核"]);
    // a case's meta.terminology is the default of its build
    const v = validateCase({ meta: { title: "t", terminology: "2001" } });
    expect(v.ok).toBe(true);
    if (v.ok) expect(title(buildWorkbook(v.value, { lang: "zh-CN" }), "WS1-2")).toBe("表1-2 审计工作计划表");
  });
});

describe("cp-audit --terminology", () => {
  it("writes the 2001 titles when asked, refuses another value (exit 2)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-term-"));
    const err: string[] = [];
    const io = { out: () => undefined, err: (x: string) => err.push(x), cwd: dir };
    const out = join(dir, "t.xlsx");
    expect(await main(["template", "--out", out, "--terminology", "2001"], io)).toBe(0);
    const wb = await readXlsx(readFileSync(out));
    expect(wb.worksheets.find((w) => w.name === "审核小组")!.getCell("A1").value).toBe("表1-1 审计小组成员表");
    expect(await main(["template", "--out", out, "--terminology=2010"], io)).toBe(2);
    expect(err.join("\n")).toMatch(/--terminology must be 2001 or 2016/);
  });
});

describe("case file: the phase 1–3 sections are validated with JSON paths", () => {
  it("warns of list values outside their lists, an end before its start, a year after the audit year; the bundled case has none", () => {
    const v = validateCase({
      meta: { title: "t", auditYear: 2020 },
      team: [{ name: "甲", role: "队长", group: "Working group" }],
      plan: [{ stage: "审核准备", plannedStart: "2024-03-10", plannedEnd: "2024-03-01" }],
      equipment: [{ name: "泵", year: 2022, obsolete: "也许" }],
      walkthrough: [{ item: "x", area: "其他区域", result: "No" }],
    });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.warnings.map((w) => w.path).sort()).toEqual(["$.equipment[0].obsolete", "$.equipment[0].year", "$.plan[0].plannedEnd", "$.team[0].role", "$.walkthrough[0].area"]);
    const pp = validateCase(JSON.parse(readFileSync("cases/power-plant-workshop.json", "utf8")));
    expect(pp.ok && pp.warnings).toEqual([]);
  });

  it("reports wrong dates, years, counts and missing names by path", () => {
    const v = validateCase({
      meta: { title: "t", auditYear: 1800, terminology: "2010" },
      team: [{ role: "组长" }],
      plan: [{ stage: "审核准备", plannedStart: "2024-02-30" }],
      equipment: [{ name: "泵", quantity: 1.5, year: 2200 }],
      facilities: [{ name: "站", capacity: -1 }],
      dataInventory: [{ name: "图", date: "5/6/2024", collected: 3 }],
      causes: { focus: [{ materials: "x" }] },
    });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    const paths = v.errors.map((e) => e.path);
    for (const p of [
      "$.meta.auditYear",
      "$.meta.terminology",
      "$.team[0].name",
      "$.plan[0].plannedStart",
      "$.equipment[0].quantity",
      "$.equipment[0].year",
      "$.facilities[0].capacity",
      "$.dataInventory[0].date",
      "$.dataInventory[0].collected",
      "$.causes.focus[0].name",
    ]) expect(paths, p).toContain(p);
  });
});
