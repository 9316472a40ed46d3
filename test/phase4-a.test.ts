/**
 * Issue 11 part A — phase 4: the register's status comes from the screening (表4-2 → 表4-1 → 表4-4),
 * the weighted option ranking (表4-3, the engine of 表2-11), the option descriptions (表4-5) and the
 * verified no/low-cost results (表4-6).
 *
 * The power-plant case (its illustrative screening, ranking, descriptions and results) and the
 * blank template are built in zh-CN and en-US, the cached results are removed, LibreOffice
 * recalculates, and the sheets are checked against facts written here by hand from the case JSON:
 * the statuses the screening rule gives (× allowed 1, vetoes 技术可行性 and 环境效果), the blocks of
 * 表4-4, Σ W×R of 表4-3 (Z-01: 10·8 + 8·9 + 7·8 + 5·9 = 253; Z-02: 10·9 + 8·8 + 7·8 + 5·7 = 245), the
 * totals of 表4-6. Then the file is edited as a user edits it in Excel — a tick changed, a tick
 * cleared, the rule cell changed, a register row and a screening row typed below their tables,
 * tied scores — and recalculated again. The case validation of the new sections is checked with
 * its JSON paths, and the economics of the published cases are shown not to depend on them.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import type { Lang, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { clone, deleteAt, setAt } from "./helpers/json-edit";
import { findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "./helpers/model-check";
import { pool } from "./helpers/pool";
import { findTable, shownRows } from "./helpers/tables";
import { appendTableRows, readTable, setCells, setTableCells } from "./helpers/workbook-edit";

const hasSoffice = requireSoffice();
const LANGS: Lang[] = ["zh-CN", "en-US"];
const PHASE4 = ["WS4-1", "WS4-2", "WS4-3", "WS4-4", "WS4-5", "WS4-6"];

// ------------------------------------------------------------------ independent facts (not from src)

const TEXT = {
  "zh-CN": {
    lowFeasible: "可行无低费",
    highFeasible: "初步可行中高费",
    infeasible: "不可行",
    toScreen: "待筛选",
    feasible: "可行",
    pending: "待定",
    study: "需进一步研究",
    tie: "并列 — 需审核小组讨论确定",
    incomplete: "评分不全",
    technical: "技术可行性",
    implementation: "实施难易程度",
    production: "对生产和产品的影响",
    missing: "缺少：",
  },
  "en-US": {
    lowFeasible: "Feasible no/low-cost",
    highFeasible: "Feasible med/high (prelim.)",
    infeasible: "Infeasible",
    toScreen: "To be screened",
    feasible: "Feasible",
    pending: "Pending",
    study: "Further study",
    tie: "Tie — to be decided by the audit team",
    incomplete: "Scores incomplete",
    technical: "Technical",
    implementation: "Practicability",
    production: "Production",
    missing: "Missing: ",
  },
};

const COLS = {
  "zh-CN": {
    id: "方案编号",
    name: "方案名称",
    status: "状态",
    costClass: "费用类别",
    investment: "预计投资",
    benefit: "预计年效益",
    conclusion: "结论",
    check: "检查",
    technical: "技术可行性",
    environmental: "环境效果",
    economic: "经济效果",
    implementation: "实施难易程度",
    production: "对生产和产品的影响",
    rank: "排序",
    total: "总分",
    rank43: "权重排序",
    reason: "否决理由（× 项）",
    seq: "序号",
  },
  "en-US": {
    id: "Option ID",
    name: "Option name",
    status: "Status",
    costClass: "Cost class",
    investment: "Investment",
    benefit: "Annual benefit",
    conclusion: "Conclusion",
    check: "Check",
    technical: "Technical",
    environmental: "Environmental",
    economic: "Economic",
    implementation: "Practicability",
    production: "Production",
    rank: "Rank",
    total: "Total",
    rank43: "Rank (4-3)",
    reason: "Reason (× on)",
    seq: "No.",
  },
};

/** The screening rule by hand: a veto × rejects, a missing tick is pending, ≤ allowed × is feasible. */
function conclusion(ticks: Record<string, string | undefined>, allowed: number, vetoes: readonly string[]): "feasible" | "infeasible" | "pending" | "study" {
  const keys = ["technical", "environmental", "economic", "implementation", "production"];
  if (vetoes.some((k) => ticks[k] === "×")) return "infeasible";
  if (keys.some((k) => ticks[k] !== "√" && ticks[k] !== "×")) return "pending";
  return keys.filter((k) => ticks[k] === "×").length <= allowed ? "feasible" : "study";
}

/** The status by hand from the conclusion and the cost class. */
function status(c: ReturnType<typeof conclusion> | undefined, costClass: string | undefined): "lowFeasible" | "highFeasible" | "infeasible" | "toScreen" {
  if (c === "infeasible") return "infeasible";
  if (c === "feasible" && ["无费", "低费", "无/低费"].includes(costClass ?? "")) return "lowFeasible";
  if (c === "feasible" && ["中费", "高费", "中/高费"].includes(costClass ?? "")) return "highFeasible";
  return "toScreen";
}

interface CaseJson {
  options: { id: string; name?: string; costClass?: string; investment?: number; annualBenefit?: number }[];
  screening: { allowedCrosses: number; vetoes: string[]; options: ({ optionId: string } & Record<string, string | undefined>)[] };
  optionRanking: { factors: { weight: number }[]; options: { optionId: string; scores: number[] }[] };
  lowCostResults: { optionId: string; investment?: number; operatingCost?: number; annualBenefit?: number; waterSaved?: number; electricitySaved?: number }[];
}

const POWER = JSON.parse(readFileSync("cases/power-plant-workshop.json", "utf8")) as CaseJson & Record<string, unknown>;

/** Expected status of every option of a case JSON (its screening, by hand). */
function expectedStatuses(c: CaseJson): Map<string, ReturnType<typeof status>> {
  const out = new Map<string, ReturnType<typeof status>>();
  // an option taken from the option library (`library`) has the library's cost class unless the case gives one
  const resolved = validateCase(c);
  const classOf = (id: string) => (resolved.ok ? resolved.value.options?.find((o) => o.id === id)?.costClass : undefined);
  for (const o of c.options) {
    const s = c.screening.options.find((x) => x.optionId === o.id);
    out.set(o.id, status(s ? conclusion(s, c.screening.allowedCrosses, c.screening.vetoes) : undefined, o.costClass ?? classOf(o.id)));
  }
  return out;
}

// ------------------------------------------------------------------ building and reading

interface Built {
  lang: Lang;
  auditCase: AuditCase | null;
  book: WorkbookModel;
  bytes: Uint8Array;
  grids: Map<string, string[][]>;
}

function validated(json: unknown): AuditCase {
  const v = validateCase(json);
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
  return v.value;
}

async function build(json: unknown, lang: Lang): Promise<Built> {
  const auditCase = json === null ? null : validated(json);
  const book = buildWorkbook(auditCase, { lang });
  const bytes = await writeXlsx(book);
  const grids = await recalculate(await stripCachedValues(bytes));
  return { lang, auditCase, book, bytes, grids };
}

/** The listed ids of a WS4-4 block (non-empty), as LibreOffice shows them. */
function blockIds(b: { grids: Map<string, string[][]>; book: WorkbookModel }, table: string, lang: Lang): string[] {
  return shownRows(b.grids, b.book, table, 4)
    .map((r) => r[COLS[lang].id]!)
    .filter((x) => x !== "");
}

/** The register's status of each id, as LibreOffice shows it. */
function statusesShown(b: { grids: Map<string, string[][]>; book: WorkbookModel }, lang: Lang, extraRows = 0): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of shownRows(b.grids, b.book, "tblOptions", extraRows)) if (r[COLS[lang].id]) m.set(r[COLS[lang].id]!, r[COLS[lang].status]!);
  return m;
}

/** Recalculates an edited file; the model of the unedited build names the tables. */
async function recalc(bytes: Uint8Array): Promise<Map<string, string[][]>> {
  return recalculate(await stripCachedValues(bytes));
}

const built = new Map<string, Built>();

describe.skipIf(!hasSoffice)("phase 4: screening sets the status (LibreOffice)", () => {
  beforeAll(async () => {
    const tasks = LANGS.flatMap((lang) => [async () => ["power/" + lang, await build(POWER, lang)] as const, async () => ["template/" + lang, await build(null, lang)] as const]);
    for (const [k, v] of await pool(tasks, 2)) built.set(k, v);
  }, 600_000);

  for (const lang of LANGS) {
    const T = TEXT[lang];
    const C = COLS[lang];

    it(`${lang}: no error cell, and every cached value of the phase-4 sheets equals LibreOffice's (case and template)`, () => {
      for (const k of ["power/" + lang, "template/" + lang]) {
        const b = built.get(k)!;
        expect(findErrorCells(b.grids), k).toEqual([]);
        for (const key of PHASE4) {
          const s = b.book.sheets.find((x) => x.key === key);
          expect(s, `${k} ${key}`).toBeDefined();
          expect(checkRecalculatedAgainstModel(s!, b.grids.get(s!.name), { rel: 1e-9, abs: 1e-9 }).map((m) => m.message), `${k} ${key}`).toEqual([]);
        }
      }
    });

    it(`${lang}: the register's statuses and the blocks of 表4-4 follow the screening (hand-derived from the case)`, () => {
      const b = built.get("power/" + lang)!;
      const want = expectedStatuses(POWER);
      // the case fills every block (F-02 is feasible with its one × because one is allowed; F-03 has × on a veto)
      expect([...want.values()].sort()).toEqual(["highFeasible", "highFeasible", "infeasible", "lowFeasible", "lowFeasible"]);
      const shown = statusesShown(b, lang);
      for (const [id, st] of want) expect(shown.get(id), id).toBe(T[st]);
      const ids = (st: string) => POWER.options.filter((o) => want.get(o.id) === st).map((o) => o.id);
      expect(blockIds(b, "tblResultLow", lang)).toEqual(ids("lowFeasible"));
      expect(blockIds(b, "tblResultHigh", lang)).toEqual(ids("highFeasible"));
      expect(blockIds(b, "tblResultRejected", lang)).toEqual(ids("infeasible"));
      // the rejected option's reason: the criteria it has × on (F-03: technical and implementation)
      const rej = shownRows(b.grids, b.book, "tblResultRejected")[0]!;
      expect(rej[C.reason]).toBe(`${T.technical} ${T.implementation}`);
      // the low block's investment is the register's
      const low = shownRows(b.grids, b.book, "tblResultLow");
      for (const r of low.filter((x) => x[C.id] !== "")) {
        const o = POWER.options.find((x) => x.id === r[C.id])!;
        expect(parseSpreadsheetNumber(r[C.investment]!)).toBe(o.investment ?? null);
      }
    });

    it(`${lang}: 表4-3 totals and ranks equal Σ W×R by hand, and 表4-4 shows the ranks`, () => {
      const b = built.get("power/" + lang)!;
      const w = POWER.optionRanking.factors.map((f) => f.weight);
      const totals = POWER.optionRanking.options.map((o) => o.scores.reduce((s, r, i) => s + w[i]! * r, 0));
      expect(totals).toEqual([253, 245]);
      const rows = shownRows(b.grids, b.book, "tblOptionRanking").filter((r) => r[C.id] !== "");
      expect(rows.map((r) => parseSpreadsheetNumber(r[C.total]!))).toEqual(totals);
      expect(rows.map((r) => r[C.rank])).toEqual(["1", "2"]);
      const high = shownRows(b.grids, b.book, "tblResultHigh").filter((r) => r[C.id] !== "");
      expect(high.map((r) => [r[C.id], r[C.rank43]])).toEqual([
        ["Z-01", "1"],
        ["Z-02", "2"],
      ]);
    });

    it(`${lang}: 表4-6 totals are the sums of the case's verified results`, () => {
      const b = built.get("power/" + lang)!;
      const loc = findTable(b.book, "tblLowCostResults");
      const grid = b.grids.get(loc.sheet.name)!;
      // the summary: the count row, then the totals row; one blank row and the band row above the header
      const totalsRow = grid[loc.table.ref.top - 3]!;
      const sum = (f: "investment" | "operatingCost" | "annualBenefit" | "waterSaved" | "electricitySaved") => POWER.lowCostResults.reduce((s, r) => s + (r[f] ?? 0), 0);
      const at = (name: string) => loc.table.ref.left + loc.table.columns.findIndex((c) => c.name === name);
      const en = lang === "en-US";
      expect(parseSpreadsheetNumber(totalsRow[at(en ? "Investment" : "投资")]!)).toBeCloseTo(sum("investment"), 9);
      expect(parseSpreadsheetNumber(totalsRow[at(en ? "Operating cost" : "运行费")]!)).toBeCloseTo(sum("operatingCost"), 9);
      expect(parseSpreadsheetNumber(totalsRow[at(en ? "Benefit" : "经济效益")]!)).toBeCloseTo(sum("annualBenefit"), 9);
      expect(parseSpreadsheetNumber(totalsRow[at(en ? "Water saved" : "节水")]!)).toBe(sum("waterSaved"));
      expect(parseSpreadsheetNumber(totalsRow[at(en ? "Power saved" : "节电")]!)).toBe(sum("electricitySaved"));
    });

    it(
      `${lang}: changing a tick changes the option's status and its block; a cleared tick is 待定 and named; the rule cell counts; typed rows join`,
      async () => {
        const b = built.get("power/" + lang)!;
        const sc = POWER.screening.options;
        const idx = (id: string) => sc.findIndex((x) => x.optionId === id);
        let bytes = await setTableCells(b.bytes, "tblScreening", idx("F-01"), { [C.technical]: "×" });
        bytes = await setTableCells(bytes, "tblScreening", idx("Z-02"), { [C.production]: null });
        // a new no-cost option typed below the register, screened all √ below the screening table
        bytes = await appendTableRows(bytes, "tblOptions", [{ [C.id]: "X-01", [C.name]: "新方案", [C.costClass]: lang === "zh-CN" ? "无费" : "No-cost", [C.investment]: 0.5, [C.benefit]: 1 }]);
        bytes = await appendTableRows(bytes, "tblScreening", [{ [C.id]: "X-01", [C.technical]: "√", [C.environmental]: "√", [C.economic]: "√", [C.implementation]: "√", [C.production]: "√" }]);
        let grids = await recalc(bytes);
        const e = { grids, book: b.book };
        let shown = statusesShown(e, lang, 1);
        expect(shown.get("F-01")).toBe(T.infeasible);
        expect(shown.get("Z-02")).toBe(T.toScreen);
        expect(shown.get("X-01")).toBe(T.lowFeasible);
        const z02 = shownRows(grids, b.book, "tblScreening").find((r) => r[C.id] === "Z-02")!;
        expect(z02[C.conclusion]).toBe(T.pending);
        expect(z02[C.check]).toBe(`${T.missing}${T.production}`);
        expect(blockIds(e, "tblResultLow", lang)).toEqual(["F-02", "X-01"]);
        expect(blockIds(e, "tblResultHigh", lang)).toEqual(["Z-01"]);
        expect(blockIds(e, "tblResultRejected", lang)).toEqual(["F-01", "F-03"]);
        expect(findErrorCells(grids)).toEqual([]);
        // the rule cell: 0 × allowed makes F-02 (one × on implementation) 需进一步研究, so 待筛选
        const t42 = await readTable(bytes, "tblScreening");
        const ruleRow = b.book.sheets.find((s) => s.key === "WS4-2")!.cells.find((c) => c.style === "input" && c.row < t42.ref.top - 1)!;
        bytes = await setCells(bytes, t42.sheetName, { [`C${ruleRow.row + 1}`]: 0 });
        grids = await recalc(bytes);
        shown = statusesShown({ grids, book: b.book }, lang, 1);
        expect(shown.get("F-02")).toBe(T.toScreen);
        expect(shownRows(grids, b.book, "tblScreening").find((r) => r[C.id] === "F-02")![C.conclusion]).toBe(T.study);
        expect(blockIds({ grids, book: b.book }, "tblResultLow", lang)).toEqual(["X-01"]);
      },
      300_000,
    );

    it(
      `${lang}: 表4-3 flags tied totals and incomplete scores as 表2-11 does`,
      async () => {
        const b = built.get("power/" + lang)!;
        const loc = findTable(b.book, "tblOptionRanking");
        const factorNames = loc.table.columns.slice(2, 6).map((c) => c.name);
        // Z-02 scored like Z-01 → a tie at rank 1; a third option with a blank score → incomplete
        let bytes = await setTableCells(b.bytes, "tblOptionRanking", 1, Object.fromEntries(factorNames.map((n, i) => [n, POWER.optionRanking.options[0]!.scores[i]!])));
        bytes = await setTableCells(bytes, "tblOptionRanking", 2, { [C.id]: "F-01", [factorNames[0]!]: 5 });
        const grids = await recalc(bytes);
        const rows = shownRows(grids, b.book, "tblOptionRanking");
        expect(rows.slice(0, 2).map((r) => r[C.rank])).toEqual(["1", "1"]);
        expect(rows[2]![C.check]).toBe(T.incomplete);
        expect(rows[2]![C.rank]).toBe("");
        const grid = grids.get(loc.sheet.name)!;
        expect(grid.slice(0, loc.table.ref.top).some((r) => r.includes(T.tie))).toBe(true);
        expect(findErrorCells(grids)).toEqual([]);
      },
      300_000,
    );

    it(`${lang}: the blank template's phase-4 tables show nothing`, () => {
      const b = built.get("template/" + lang)!;
      for (const t of ["tblScreening", "tblOptionRanking", "tblResultLow", "tblResultHigh", "tblResultRejected", "tblOptionDescriptions", "tblLowCostResults"]) {
        for (const r of shownRows(b.grids, b.book, t)) {
          const visible = Object.entries(r).filter(([k, v]) => v !== "" && k !== C.seq);
          expect(visible, t).toEqual([]);
        }
      }
    });
  }
});

describe("phase 4 case sections", () => {
  const errors = (c: unknown) => {
    const v = validateCase(c);
    return v.ok ? [] : v.errors.map((e) => e.path);
  };
  const warnings = (c: unknown) => {
    const v = validateCase(c);
    return v.ok ? v.warnings.map((e) => e.path) : [];
  };

  it("validates ticks, scores and repeats with their JSON paths", () => {
    const c = clone(POWER);
    setAt(c, "$.screening.options[0].technical", "maybe");
    setAt(c, "$.screening.options[1].optionId", "F-01");
    setAt(c, "$.optionRanking.options[1].scores", [1, 2]);
    setAt(c, "$.lowCostResults[0].waterSaved", -1);
    setAt(c, "$.screening.allowedCrosses", 1.5);
    expect(errors(c).sort()).toEqual(
      ["$.screening.options[0].technical", "$.screening.options[1].optionId", "$.optionRanking.options[1].scores", "$.lowCostResults[0].waterSaved", "$.screening.allowedCrosses"].sort(),
    );
  });

  it("an id naming no option, a description of a low-cost option and a typed status are warnings", () => {
    const c = clone(POWER);
    setAt(c, "$.optionDescriptions[0].optionId", "F-01");
    setAt(c, "$.lowCostResults[1].optionId", "Q-9");
    setAt(c, "$.options[0].status", "已实施");
    expect(errors(c)).toEqual([]);
    expect(warnings(c).sort()).toEqual(["$.lowCostResults[1].optionId", "$.optionDescriptions[0].optionId", "$.options[0].status"].sort());
  });

  it("accepts true/false ticks and the old combined cost classes", () => {
    const c = clone(POWER);
    setAt(c, "$.screening.options[0].technical", true);
    setAt(c, "$.screening.options[0].environmental", false);
    const v = validateCase(c);
    expect(v.ok).toBe(true);
    if (v.ok) {
      expect(v.value.screening!.options[0]!.ticks).toMatchObject({ technical: "√", environmental: "×" });
      expect(v.value.options![0]!.costClass).toBe("无/低费");
    }
  });

  it("the economics of the published cases do not depend on the phase-4 sections", () => {
    for (const path of ["cases/power-plant-workshop.json", "cases/textbook-150wan.json"]) {
      const json = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
      const bare = clone(json);
      for (const k of ["screening", "optionRanking", "optionDescriptions", "lowCostResults"]) deleteAt(bare, `$.${k}`);
      for (const lang of LANGS) {
        const econ = (j: unknown) =>
          buildWorkbook(validated(j), { lang })
            .sheets.filter((s) => ["WS5-3", "WS5-4", "CASHFLOWS"].includes(s.key))
            .map((s) => JSON.stringify(s));
        expect(econ(json), `${path} ${lang}`).toEqual(econ(bare));
      }
    }
  });
});
