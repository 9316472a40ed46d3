/**
 * Growth, checked by a metamorphic relation for EVERY table that holds case entries (issue 8, "How we
 * will know it works"): a row typed just below a table as Excel appends it, and a copy inserted inside
 * the table, must give the same results as the workbook built from the case with those two entries
 * added. Both files are recalculated by LibreOffice with every cached result removed, and
 *
 * - every cell outside the tables (the summaries: totals, counts, conclusions) is the same;
 * - every table shows the same rows (as a multiset: a typed row sits after the empty rows, and the
 *   feasibility sheet follows the economics rows by position), row numbers (序号) aside;
 * - no cell anywhere is an error.
 *
 * A table whose totals or lookups missed the typed rows (a fixed range, a total below the table, a
 * formula not filled in the new row) fails the first or second check.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditCase } from "../src/worksheets/case";
import type { Lang, SheetModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { loadCase, rowInputs } from "./helpers/model-rows";
import { findErrorCells, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { pool } from "./helpers/pool";
import { appendTableRows, insertTableRow } from "./helpers/workbook-edit";

const hasSoffice = requireSoffice();

/** How a table's row k maps to the case: the case with entry k added twice (the appended and the inserted copy). */
interface Growth {
  table: string;
  /** number of the case's entries behind the table's rows (its first rows) */
  entries: (c: AuditCase) => number;
  /** the case with entry k duplicated twice */
  grow: (c: AuditCase, k: number) => AuditCase;
}

const twice = <T,>(list: readonly T[], k: number): T[] => [...list, structuredClone(list[k]!), structuredClone(list[k]!)];

/** The streams of the balances in the sheet's row order (each balance's inputs, then its outputs). */
function streamPlaces(c: AuditCase): { b: number; side: "inputs" | "outputs"; j: number }[] {
  return (c.materialBalance ?? []).flatMap((b, bi) => [
    ...b.inputs.map((_, j) => ({ b: bi, side: "inputs" as const, j })),
    ...b.outputs.map((_, j) => ({ b: bi, side: "outputs" as const, j })),
  ]);
}

const GROWTHS: Growth[] = [
  { table: "tblWasteSources", entries: (c) => c.wasteSources?.length ?? 0, grow: (c, k) => ({ ...c, wasteSources: twice(c.wasteSources!, k) }) },
  {
    table: "tblFocus",
    entries: (c) => c.focusSelection?.candidates.length ?? 0,
    grow: (c, k) => ({ ...c, focusSelection: { ...c.focusSelection!, candidates: twice(c.focusSelection!.candidates, k) } }),
  },
  {
    table: "tblStreams",
    entries: (c) => streamPlaces(c).length,
    grow: (c, k) => {
      const g = structuredClone(c);
      const p = streamPlaces(c)[k]!;
      // a row typed in tblStreams carries no component rows (those are rows of tblComponents, issue 10)
      const { components: _components, ...s } = g.materialBalance![p.b]![p.side][p.j]!;
      g.materialBalance![p.b]![p.side].push(structuredClone(s), structuredClone(s));
      return g;
    },
  },
  { table: "tblOptions", entries: (c) => c.options?.length ?? 0, grow: (c, k) => ({ ...c, options: twice(c.options!, k) }) },
  { table: "tblEconomics", entries: (c) => c.economics?.length ?? 0, grow: (c, k) => ({ ...c, economics: twice(c.economics!, k) }) },
  // issue 10 B: the annual data, a typed index system's indicators, the targets
  { table: "tblAnnualData", entries: (c) => c.annualData?.length ?? 0, grow: (c, k) => ({ ...c, annualData: twice(c.annualData!, k).map((a, i) => (i >= c.annualData!.length ? { ...a, reference: false } : a)) }) },
  {
    table: "tblBenchmark",
    entries: (c) => (c.benchmark?.system === undefined ? (c.benchmark?.indicators?.length ?? 0) : 0),
    grow: (c, k) => ({ ...c, benchmark: { ...c.benchmark!, indicators: twice(c.benchmark!.indicators!, k) } }),
  },
  { table: "tblTargets", entries: (c) => c.targets?.length ?? 0, grow: (c, k) => ({ ...c, targets: twice(c.targets!, k) }) },
  // issue 12 (helper T): 表6-7, 表6-8, 表7-1, 表7-2
  { table: "tblSpecificIndicators", entries: (c) => c.specificIndicators?.length ?? 0, grow: (c, k) => ({ ...c, specificIndicators: twice(c.specificIndicators!, k) }) },
  { table: "tblTargetAttainment", entries: (c) => c.targetAttainment?.length ?? 0, grow: (c, k) => ({ ...c, targetAttainment: twice(c.targetAttainment!, k) }) },
  { table: "tblContinuousPlan", entries: (c) => c.continuousPlan?.length ?? 0, grow: (c, k) => ({ ...c, continuousPlan: twice(c.continuousPlan!, k) }) },
  { table: "tblCpOrganisation", entries: (c) => c.cpOrganisation?.length ?? 0, grow: (c, k) => ({ ...c, cpOrganisation: twice(c.cpOrganisation!, k) }) },
  { table: "tblCpRules", entries: (c) => c.cpRules?.length ?? 0, grow: (c, k) => ({ ...c, cpRules: twice(c.cpRules!, k) }) },
];

const CASES: { name: string; path: string }[] = [
  { name: "power-plant-workshop", path: "cases/power-plant-workshop.json" },
  { name: "edge-values", path: "test/fixtures/edge-values.json" },
];
const LANGS: Lang[] = ["zh-CN", "en-US"];

/** Columns whose formula numbers the rows by position (序号): they differ by position, not by content. */
function positional(s: SheetModel): Set<number> {
  const out = new Set<number>();
  for (const t of s.tables) t.columns.forEach((c, i) => c.formula?.includes("ROW(") && out.add(t.ref.left + i));
  return out;
}

interface Compared {
  what: string;
  outside: string[];
  tables: string[];
  errors: string[];
}

async function compare(c: AuditCase, lang: Lang, g: Growth): Promise<Compared | null> {
  const n = g.entries(c);
  if (n === 0) return null;
  const k = n - 1; // the case's last entry
  const book = buildWorkbook(c, { lang });
  const values = rowInputs(book, g.table, k);
  let edited = await writeXlsx(book);
  edited = await appendTableRows(edited, g.table, [values]);
  edited = await insertTableRow(edited, g.table, 0, values);
  const rebuiltBook = buildWorkbook(g.grow(c, k), { lang });
  const [a, b] = await Promise.all([recalculate(await stripCachedValues(edited)), recalculate(await stripCachedValues(await writeXlsx(rebuiltBook)))]);
  const outside: string[] = [];
  const tables: string[] = [];
  for (const s of book.sheets) {
    const ga = a.get(s.name)!;
    const gb = b.get(s.name)!;
    const rs = rebuiltBook.sheets.find((x) => x.key === s.key)!;
    const inTable = (sh: SheetModel, r: number, col: number) => sh.tables.some((t) => r >= t.ref.top && r <= t.ref.bottom + 3 && col >= t.ref.left && col <= t.ref.right);
    const top = Math.min(...s.tables.map((t) => t.ref.top), Number.MAX_SAFE_INTEGER);
    // cells outside the tables: the summary block above them and the header block
    for (let r = 0; r < Math.min(top, ga.length); r++) {
      const width = Math.max(ga[r]?.length ?? 0, gb[r]?.length ?? 0);
      for (let col = 0; col < width; col++) {
        if (inTable(s, r, col)) continue;
        const x = ga[r]?.[col] ?? "";
        const y = gb[r]?.[col] ?? "";
        if (x !== y) outside.push(`${s.name} R${r + 1}C${col + 1}: typed rows "${x}", rebuilt "${y}"`);
      }
    }
    // every table as a multiset of its non-empty rows (positional columns and hidden helpers aside)
    const skip = positional(s);
    for (const t of s.tables) {
      // the feasibility sheet lists options picked from the economics sheet: rows typed there are not in
      // it until picked (the builder lists every option of a case), so it is compared only for other growths
      if (t.name === "tblFeasibility" && g.table === "tblEconomics") continue;
      const tb = rs.tables.find((x) => x.name === t.name)!;
      const rowsOf = (grid: string[][], top: number, left: number, right: number) => {
        const out: string[] = [];
        for (let r = top + 1; r < grid.length; r++) {
          const cells = (grid[r] ?? []).slice(left, right + 1).map((v, i) => (skip.has(left + i) || s.hiddenColumns.includes(left + i) ? "" : v));
          if (cells.some((v) => v !== "" && v !== "FALSE")) out.push(cells.join(" | "));
        }
        return out.sort();
      };
      const ra = rowsOf(ga, t.ref.top, t.ref.left, t.ref.right);
      const rb = rowsOf(gb, tb.ref.top, tb.ref.left, tb.ref.right);
      if (JSON.stringify(ra) !== JSON.stringify(rb)) {
        const onlyA = ra.filter((x) => !rb.includes(x));
        const onlyB = rb.filter((x) => !ra.includes(x));
        tables.push(`${s.name} ${t.name} (${ra.length} vs ${rb.length} rows):\n  only typed:   ${onlyA.join("\n                ")}\n  only rebuilt: ${onlyB.join("\n                ")}`);
      }
    }
  }
  const errors = findErrorCells(a).map((e) => `${e.sheet}!${e.address} ${e.text}`);
  return { what: `${g.table}`, outside, tables, errors };
}

/**
 * Each table is checked in one of the two languages, alternately (the formulas are the same in
 * both, only names and labels differ; cases.test.ts and template.test.ts recalculate every sheet in
 * both): two full recalculations of the 47-sheet workbook per table and case keep the suite's time.
 */
function checkedIn(g: Growth, lang: Lang): boolean {
  return LANGS[GROWTHS.indexOf(g) % LANGS.length] === lang;
}

describe.skipIf(!hasSoffice)("every table grows like the case: typed below and inserted inside = built with the entries added", () => {
  const results = new Map<string, Compared | null>();
  beforeAll(async () => {
    const tasks = CASES.flatMap((cs) =>
      LANGS.flatMap((lang) => GROWTHS.filter((g) => checkedIn(g, lang)).map((g) => async () => [`${cs.name}/${lang}/${g.table}`, await compare(loadCase(cs.path), lang, g)] as const)),
    );
    for (const [k, v] of await pool(tasks, 1)) results.set(k, v);
  }, 900_000);

  for (const cs of CASES) {
    for (const lang of LANGS) {
      for (const g of GROWTHS.filter((x) => checkedIn(x, lang))) {
        const id = `${cs.name}/${lang}/${g.table}`;
        it(id, () => {
          const r = results.get(id);
          if (r === null || r === undefined) {
            // the case has no entry for this table: nothing to copy
            expect(g.entries(loadCase(cs.path))).toBe(0);
            return;
          }
          expect(r.errors, "error cells").toEqual([]);
          expect(r.outside, "cells outside the tables").toEqual([]);
          expect(r.tables, "table rows").toEqual([]);
        });
      }
    }
  }
});
