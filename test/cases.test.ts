/**
 * The main job's acceptance test (issue 2 "How we will know it works", issue 3 items 1, 2, 4):
 * the project's copies of both real cases, an edge-value case and the blank template are built
 * with buildWorkbook + writeXlsx in zh-CN and en-US, the cached formula results are removed from a
 * copy, LibreOffice recalculates it, and
 * - each figure of `meta.expected` (published answers, edge-cases.md values) is read from the cell
 *   that must hold it: under an option id, the option's row of tblEconomics and the figure's column
 *   (LEAF_COLUMN); under a balance's unit operation, its row of tblBalances (BALANCE_COLUMN); a
 *   `totals` object, each candidate's 总分 in tblFocus, and `focus` the one candidate marked 是;
 *   within max(2e-4, 2e-4·|x|); a %-formatted cell counts as its decimal;
 * - no cell of any sheet is an error;
 * - every formula cell's cached `result` (core's value) equals LibreOffice's recalculated value
 *   (numbers within 1e-9 relative / 1e-9 absolute, texts equal) — core and the native formulas agree;
 * - the register's aspect × cost-class counts and the economic sheet's name links equal what the
 *   case file says (counted here from the JSON); the blank template's tables show nothing.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { TBL_ECONOMICS } from "../src/worksheets/definitions/economics.worksheet";
import { FOCUS_LABELS } from "../src/worksheets/definitions/focus-selection.worksheet";
import { TBL_BALANCES } from "../src/worksheets/definitions/material-balance.worksheet";
import { TBL_OPTIONS } from "../src/worksheets/definitions/option-register.worksheet";
import type { Lang, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "./helpers/model-check";
import { pool } from "./helpers/pool";
import { col, findTable, rowIndexOf, shownAt } from "./helpers/tables";
import { tr } from "../src/worksheets/i18n";

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
          it("the blank template's tables show nothing in their empty rows", () => {
            const b = built.get(id)!;
            let checked = 0;
            for (const sh of b.book.sheets) {
              const grid = b.grids.get(sh.name)!;
              for (const t of sh.tables) {
                if (t.columns.every((c) => c.formula === undefined)) continue;
                const inTable = (c: { row: number; col: number }) => c.row > t.ref.top && c.row <= t.ref.bottom && c.col >= t.ref.left && c.col <= t.ref.right;
                // rows of shipped reference data (the coefficient table, issue 12) hold inputs: they are not empty rows
                const filled = new Set(sh.cells.filter((c) => c.formula === undefined && c.value !== undefined && c.value !== null && c.value !== "" && inTable(c)).map((c) => c.row));
                for (const c of sh.cells) {
                  if (c.formula === undefined || !inTable(c) || filled.has(c.row)) continue;
                  if (sh.hiddenColumns.includes(c.col)) continue;
                  checked++;
                  expect(grid[c.row]?.[c.col] ?? "", `${sh.name} ${t.name} row ${c.row + 1} col ${c.col + 1}`).toBe("");
                }
              }
            }
            expect(checked).toBeGreaterThan(50);
          });
          return;
        }

        it("shows every figure of meta.expected in the cell that must hold it (option × column, balance × column, candidate total, the focus)", () => {
          const b = built.get(id)!;
          const expected = (b.json!.meta as { expected?: Record<string, unknown> }).expected ?? {};
          const c = b.auditCase!;
          const optionIds = new Set((c.economics ?? []).map((e) => e.optionId));
          const balances = new Set((c.materialBalance ?? []).map((x) => x.unitOperation));
          const checks: { what: string; text: string; value: number }[] = [];
          const focusChecks: { what: string; candidate: string; total?: number; focus?: boolean }[] = [];
          const visit = (key: string, figures: unknown) => {
            if (typeof figures !== "object" || figures === null) return;
            const f = figures as Record<string, unknown>;
            if (optionIds.has(key)) {
              const k = rowIndexOf(b.book, "tblEconomics", col(TBL_ECONOMICS, "id", lang), key);
              for (const [leaf, value] of Object.entries(f)) {
                const column = LEAF_COLUMN[leaf];
                if (typeof value === "number" && column !== undefined) checks.push({ what: `${key}.${leaf}`, text: shownAt(b.grids, b.book, "tblEconomics", k, col(TBL_ECONOMICS, column, lang)), value });
              }
            } else if (balances.has(key)) {
              const k = rowIndexOf(b.book, "tblBalances", col(TBL_BALANCES, "op", lang), key);
              for (const [leaf, value] of Object.entries(f)) {
                const column = BALANCE_COLUMN[leaf];
                if (typeof value === "number" && column !== undefined) checks.push({ what: `${key}.${leaf}`, text: shownAt(b.grids, b.book, "tblBalances", k, col(TBL_BALANCES, column, lang)), value });
              }
            } else if (typeof f.totals === "object" && f.totals !== null) {
              for (const [candidate, total] of Object.entries(f.totals as Record<string, unknown>)) if (typeof total === "number") focusChecks.push({ what: `${key}.totals.${candidate}`, candidate, total });
              if (typeof f.focus === "string") focusChecks.push({ what: `${key}.focus`, candidate: f.focus, focus: true });
            } else {
              for (const [k2, v2] of Object.entries(f)) visit(k2, v2);
            }
          };
          for (const [k, v] of Object.entries(expected)) visit(k, v);
          for (const x of checks) {
            const n = parseSpreadsheetNumber(x.text);
            expect(n !== null && within(n, x.value), `${x.what}: expected ${x.value}, LibreOffice shows "${x.text}"`).toBe(true);
          }
          const candidateCol = tr(lang, FOCUS_LABELS.candidate);
          for (const x of focusChecks) {
            const k = rowIndexOf(b.book, "tblFocus", candidateCol, x.candidate);
            expect(k, x.what).toBeGreaterThanOrEqual(0);
            if (x.total !== undefined) {
              const text = shownAt(b.grids, b.book, "tblFocus", k, tr(lang, FOCUS_LABELS.total));
              expect(parseSpreadsheetNumber(text), `${x.what}: LibreOffice shows "${text}"`).toBeCloseTo(x.total, 9);
            }
            if (x.focus) {
              const selected = shownAt(b.grids, b.book, "tblFocus", k, tr(lang, FOCUS_LABELS.selected));
              expect(selected, x.what).toBe(tr(lang, FOCUS_LABELS.yes));
              const others = (c.focusSelection?.candidates ?? []).filter((o) => o.name !== x.candidate);
              for (const o of others) {
                const j = rowIndexOf(b.book, "tblFocus", candidateCol, o.name);
                expect(shownAt(b.grids, b.book, "tblFocus", j, tr(lang, FOCUS_LABELS.selected)), `${o.name} not selected`).toBe(tr(lang, FOCUS_LABELS.no));
              }
            }
          }
          expect(checks.length + focusChecks.length, "figures checked").toBeGreaterThan(0);
        });

        it("counts the register's options per aspect × cost class and links the economic sheet's names by id", () => {
          const b = built.get(id)!;
          const c = b.auditCase!;
          const opts = c.options ?? [];
          const reg = findTable(b.book, "tblOptions");
          const rgrid = b.grids.get(reg.sheet.name)!;
          const zh = lang === "zh-CN";
          const classes = ["无费", "低费", "中费", "高费", "无/低费", "中/高费"];
          const classesEn = ["No-cost", "Low-cost", "Medium-cost", "High-cost", "No/low-cost", "Medium/high-cost"];
          const headerIdx = rgrid.findIndex((r, k) => k < reg.table.ref.top && r[1] === (zh ? classes[0] : classesEn[0]));
          expect(headerIdx).toBeGreaterThan(3);
          for (let i = 1; i <= 8; i++) {
            const row = rgrid[headerIdx + i]!;
            const aspectShown = row[0]!;
            for (let k = 0; k < classes.length; k++) {
              const n = opts.filter((o) => aspectMatches(o.aspect, aspectShown) && o.costClass === classes[k]).length;
              expect(parseSpreadsheetNumber(row[1 + k]!), `${aspectShown} × ${classes[k]}`).toBe(n);
            }
          }
          for (const e of c.economics ?? []) {
            const k = rowIndexOf(b.book, "tblEconomics", col(TBL_ECONOMICS, "id", lang), e.optionId);
            expect(shownAt(b.grids, b.book, "tblEconomics", k, col(TBL_ECONOMICS, "name", lang))).toBe(opts.find((o) => o.id === e.optionId)?.name ?? "");
          }
          // the register's name column holds the case's names
          for (const [k, o] of opts.entries()) expect(shownAt(b.grids, b.book, "tblOptions", k, col(TBL_OPTIONS, "name", lang))).toBe(o.name ?? "");
        });
      });
    }
  }
});

/** Keys of meta.expected figures under a balance's unit operation → the balance column that must show them. */
const BALANCE_COLUMN: Record<string, keyof typeof TBL_BALANCES.columns> = {
  inputs: "tin",
  outputs: "tout",
  gap: "gap",
  relativeError: "err",
};

/** Keys of meta.expected figures under an option id → the economics column that must show them. */
const LEAF_COLUMN: Record<string, keyof typeof TBL_ECONOMICS.columns> = {
  depreciation: "depreciation",
  taxableProfit: "taxable",
  netProfit: "net",
  annualCashFlow: "cashFlow",
  paybackYears: "payback",
  npv: "npv",
  npvr: "npvr",
  irr: "irr",
  irrTextbookInterpolated: "irrInterp",
};

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
