/**
 * The main job's acceptance test (issue 2 "How we will know it works", issue 3 items 1, 2, 4):
 * the project's copies of both real cases, an edge-value case and the blank template are built
 * with buildWorkbook + writeXlsx in zh-CN and en-US, the cached formula results are removed from a
 * copy, LibreOffice recalculates it, and
 * - every numeric leaf of `meta.expected` (published answers, edge-cases.md values) is the raw
 *   value of some cell (of the option's own row on the economic sheet when the leaf sits under an
 *   option id), within max(2e-4, 2e-4·|x|); a %-formatted cell counts as its decimal;
 * - the expected focus candidate is the one marked selected (是/Yes) and named in the conclusion;
 * - no cell of any sheet is an error;
 * - every formula cell's cached `result` (core's value) equals LibreOffice's recalculated value
 *   (numbers within 1e-9 relative / 1e-9 absolute, texts equal) — core and the native formulas agree;
 * - the waste-inventory totals per category, the register's aspect × cost-class counts and the
 *   economic sheet's name links equal what the case file says (counted here from the JSON).
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { FOCUS_LABELS } from "../src/worksheets/definitions/focus-selection.worksheet";
import { TABLE_TOP } from "../src/worksheets/layout";
import type { Lang, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "./helpers/model-check";
import { isClose } from "./helpers/tolerance";

const hasSoffice = requireSoffice();

interface Built {
  name: string;
  lang: Lang;
  json: Record<string, unknown> | null;
  auditCase: AuditCase | null;
  book: WorkbookModel;
  grids: Map<string, string[][]>;
}

const INPUTS: { name: string; path: string | null }[] = [
  { name: "power-plant-workshop", path: "cases/power-plant-workshop.json" },
  { name: "textbook-150wan", path: "cases/textbook-150wan.json" },
  { name: "edge-values", path: "test/fixtures/edge-values.json" },
  { name: "template", path: null },
];
const LANGS: Lang[] = ["zh-CN", "en-US"];

const built = new Map<string, Built>();

async function buildOne(name: string, path: string | null, lang: Lang): Promise<Built> {
  const json = path === null ? null : (JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>);
  let auditCase: AuditCase | null = null;
  if (json !== null) {
    const v = validateCase(json);
    if (!v.ok) throw new Error(`${path}: ${v.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
    auditCase = v.value;
  }
  const book = buildWorkbook(auditCase, { lang });
  const bytes = await writeXlsx(book);
  const grids = await recalculate(await stripCachedValues(bytes));
  return { name, lang, json, auditCase, book, grids };
}

/** Runs `tasks` with at most `limit` at a time (soffice is CPU-bound; 2 cores here). */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const k = next++;
        out[k] = await tasks[k]!();
      }
    }),
  );
  return out;
}

/** Numeric leaves of `x` with their key path. */
function numericLeaves(x: unknown, path: string[] = []): { path: string[]; value: number }[] {
  if (typeof x === "number") return [{ path, value: x }];
  if (typeof x === "object" && x !== null) return Object.entries(x).flatMap(([k, v]) => numericLeaves(v, [...path, k]));
  return [];
}

function sheetGrid(b: Built, key: string): string[][] {
  const sheet = b.book.sheets.find((s) => s.key === key);
  if (!sheet) throw new Error(`no sheet ${key}`);
  const grid = b.grids.get(sheet.name);
  if (!grid) throw new Error(`LibreOffice exported no grid for ${sheet.name}`);
  return grid;
}

const within = (actual: number, expected: number) => Math.abs(actual - expected) <= Math.max(2e-4, 2e-4 * Math.abs(expected));

describe.skipIf(!hasSoffice)("cases built, recalculated by LibreOffice", () => {
  beforeAll(async () => {
    const tasks = INPUTS.flatMap((inp) => LANGS.map((lang) => () => buildOne(inp.name, inp.path, lang)));
    const results = await pool(tasks, 2);
    for (const r of results) built.set(`${r.name}/${r.lang}`, r);
  }, 600_000);

  for (const inp of INPUTS) {
    for (const lang of LANGS) {
      const id = `${inp.name}/${lang}`;
      describe(id, () => {
        it("has no error cell in any sheet", () => {
          const b = built.get(id)!;
          expect(b.grids.size).toBe(b.book.sheets.length);
          expect(findErrorCells(b.grids)).toEqual([]);
        });

        it("every cached result equals LibreOffice's recalculated value", () => {
          const b = built.get(id)!;
          let formulas = 0;
          const mismatches = b.book.sheets.flatMap((s) => {
            formulas += s.cells.filter((c) => c.formula !== undefined).length;
            return checkRecalculatedAgainstModel(s, b.grids.get(s.name), { rel: 1e-9, abs: 1e-9 }).map((m) => m.message);
          });
          expect(formulas).toBeGreaterThan(100);
          expect(mismatches).toEqual([]);
        });

        if (inp.path === null) {
          it("the blank template's computed rows are blank", () => {
            const b = built.get(id)!;
            const econ = b.book.sheets.find((s) => s.key === "WS5-3")!;
            const grid = sheetGrid(b, "WS5-3");
            const rowCells = econ.cells.filter((c) => c.row === TABLE_TOP + 1);
            expect(rowCells.length).toBeGreaterThan(10);
            for (const c of rowCells) expect(grid[c.row]?.[c.col] ?? "").toBe("");
          });
          return;
        }

        it("shows every numeric leaf of meta.expected", () => {
          const b = built.get(id)!;
          const expected = (b.json!.meta as { expected?: unknown }).expected;
          const leaves = numericLeaves(expected);
          expect(leaves.length).toBeGreaterThan(0);
          const optionIds = new Set((b.auditCase!.economics ?? []).map((e) => e.optionId));
          const missing: string[] = [];
          for (const leaf of leaves) {
            const optionId = leaf.path.find((p) => optionIds.has(p));
            let found = false;
            if (optionId !== undefined) {
              // the option's own row on the economic sheet
              const grid = sheetGrid(b, "WS5-3");
              const row = grid.find((r) => r[0] === optionId);
              found = row !== undefined && row.some((t) => {
                const n = parseSpreadsheetNumber(t);
                return n !== null && within(n, leaf.value);
              });
            } else {
              for (const grid of b.grids.values()) {
                if (grid.some((r) => r.some((t) => {
                  const n = parseSpreadsheetNumber(t);
                  return n !== null && within(n, leaf.value);
                }))) {
                  found = true;
                  break;
                }
              }
            }
            if (!found) missing.push(`${leaf.path.join(".")} = ${leaf.value}`);
          }
          expect(missing).toEqual([]);
        });

        it("marks the expected focus candidate as selected", () => {
          const b = built.get(id)!;
          const focus = findFocus((b.json!.meta as { expected?: unknown }).expected);
          if (focus === undefined) return;
          const grid = sheetGrid(b, "WS2-11");
          const yes = lang === "zh-CN" ? FOCUS_LABELS.yes.zh : FOCUS_LABELS.yes.en;
          const selLabel = lang === "zh-CN" ? FOCUS_LABELS.selected.zh : FOCUS_LABELS.selected.en;
          const conclLabel = lang === "zh-CN" ? FOCUS_LABELS.conclusion.zh : FOCUS_LABELS.conclusion.en;
          const selRow = grid.find((r) => r[0] === selLabel);
          expect(selRow, "selected row").toBeDefined();
          const names = selRow!.flatMap((t, c) => (t === yes ? [grid[TABLE_TOP]![c]] : []));
          expect(names).toEqual([focus]);
          const concl = grid.find((r) => r[0] === conclLabel);
          expect(concl?.[2]).toBe(focus);
        });

        it("shows the waste-inventory totals, the register counts and the name links of the case", () => {
          const b = built.get(id)!;
          const c = b.auditCase!;
          const zh = lang === "zh-CN";
          // waste totals per category, counted from the JSON
          const ws = (b.json!.wasteSources ?? []) as { category?: string; annualCost?: number }[];
          const catNames: [string, string][] = [["废水", "Wastewater"], ["废气", "Waste gas"], ["固废", "Solid waste"], ["危废", "Hazardous waste"], ["噪声", "Noise"]];
          const wgrid = sheetGrid(b, "WS2-6");
          for (const [zhName, enName] of catNames) {
            const these = ws.filter((w) => w.category === zhName || w.category === enName);
            const row = wgrid.find((r, k) => k > TABLE_TOP + these.length && r[1] === (zh ? zhName : enName));
            expect(row, `waste total row ${zhName}`).toBeDefined();
            expect(parseSpreadsheetNumber(row![2]!)).toBe(these.length);
            const cost = these.reduce((s, w) => s + (w.annualCost ?? 0), 0);
            expect(isClose(parseSpreadsheetNumber(row![4]!)!, cost), `cost ${zhName}`).toBe(true);
          }
          // register counts aspect × class
          const rgrid = sheetGrid(b, "WS4-1");
          const opts = (b.json!.options ?? []) as { aspect?: string; costClass?: string; name?: string; id: string }[];
          const classes = ["无费", "低费", "中费", "高费", "无/低费", "中/高费"];
          const classesEn = ["No-cost", "Low-cost", "Medium-cost", "High-cost", "No/low-cost", "Medium/high-cost"];
          const headerIdx = rgrid.findIndex((r) => r[1] === (zh ? classes[0] : classesEn[0]));
          expect(headerIdx).toBeGreaterThan(TABLE_TOP);
          for (let i = 1; i <= 8; i++) {
            const row = rgrid[headerIdx + i]!;
            const aspectShown = row[0]!;
            for (let k = 0; k < classes.length; k++) {
              const n = opts.filter((o) => aspectMatches(o.aspect, aspectShown) && o.costClass === classes[k]).length;
              expect(parseSpreadsheetNumber(row[1 + k]!), `${aspectShown} × ${classes[k]}`).toBe(n);
            }
          }
          // economic sheet: names looked up from the register by id
          const egrid = sheetGrid(b, "WS5-3");
          for (const e of c.economics ?? []) {
            const row = egrid.find((r) => r[0] === e.optionId);
            expect(row?.[1]).toBe(opts.find((o) => o.id === e.optionId)?.name ?? "");
          }
        });
      });
    }
  }
});

const ASPECT_EN: Record<string, string> = {
  原辅材料和能源: "Raw materials and energy",
  技术工艺: "Technology and process",
  设备: "Equipment",
  过程控制: "Process control",
  产品: "Product",
  废弃物: "Waste",
  管理: "Management",
  员工: "Employees",
};

function aspectMatches(given: string | undefined, shown: string): boolean {
  if (given === undefined) return false;
  const g = given.toLowerCase();
  return given === shown || ASPECT_EN[given]?.toLowerCase() === shown.toLowerCase() || g === shown.toLowerCase() || ASPECT_EN[shown]?.toLowerCase() === g;
}

/** The `focus` string anywhere in meta.expected. */
function findFocus(x: unknown): string | undefined {
  if (typeof x !== "object" || x === null) return undefined;
  for (const [k, v] of Object.entries(x)) {
    if (k === "focus" && typeof v === "string") return v;
    const inner = findFocus(v);
    if (inner !== undefined) return inner;
  }
  return undefined;
}
