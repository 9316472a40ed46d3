/**
 * Probe (not part of `npm test`): do the IRR, interpolated-IRR and verdict cells the workbook caches
 * equal what LibreOffice's native RATE / IRR chain gives after recalculating? Builds one workbook per
 * horizon n with many economics rows of random edge inputs (I and F over wide magnitudes, F tiny
 * against I so the IRR is near −100 %, F ≫ I, per-year flows with long zero runs and negative
 * years), strips the cached values, recalculates each workbook once in LibreOffice and lists the
 * rows whose cells differ.
 *
 *   SC_NO_THREADED_CALCULATION=1 npx tsx test/probes/native-irr.probe.ts [seed] [rowsPerBook] [--json out.json]
 *
 * Cases are built with buildWorkbook directly (validateCase is not needed for these inputs).
 * LibreOffice 7.4 computes a formula group of 100 cells or more in threads, and there it is inconsistent
 * in itself (one row's verdict reads 无内部收益率 while its IRR cell shows a number, or an IRR cell whose
 * second RATE would converge shows 无内部收益率, in each 120-row book); SC_NO_THREADED_CALCULATION=1
 * turns that off, and books of fewer than 100 rows never meet it.
 */
import { writeFileSync } from "node:fs";
import type { AuditCase, EconomicsEntry } from "../../src/worksheets/case";
import { TBL_ECONOMICS } from "../../src/worksheets/definitions/economics.worksheet";
import type { WorkbookModel } from "../../src/worksheets/model";
import { buildWorkbook } from "../../src/worksheets/workbook";
import { writeXlsx } from "../../src/writers/xlsx";
import { parseSpreadsheetNumber, recalculate, stripCachedValues } from "../helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "../helpers/model-check";
import { prng } from "../../bench/synthetic-case";
import { cellAt, col, shownAt } from "../helpers/tables";

/** Deterministic PRNG (mulberry32, the bench's). */
const rng = prng;

/** A number of up to 6 significant digits, as typed. */
const typed = (x: number): number => Number(x.toPrecision(6));

export function edgeEntries(seed: number, n: number, count: number): EconomicsEntry[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const mag = (lo: number, hi: number) => typed((1 + 9 * r()) * 10 ** Math.floor(lo + (hi - lo) * r()));
  const out: EconomicsEntry[] = [];
  for (let k = 0; k < count; k++) {
    const id = `P${k}`;
    const I = mag(-8, 12);
    const kind = r();
    if (kind < 0.5) {
      // constant F: F/I from 1e-12 (IRR near −100 %) to 1e4 (F ≫ I), plus ratios near 1/n (IRR near 0)
      const style = pick(["tiny", "small", "nearZero", "ordinary", "huge"] as const);
      let ratio: number;
      if (style === "tiny") ratio = 10 ** (-12 + 9 * r());
      else if (style === "small") ratio = (0.05 + 0.9 * r()) / n;
      else if (style === "nearZero") ratio = (1 + (r() - 0.5) * 0.02) / n;
      else if (style === "ordinary") ratio = 0.05 + 0.6 * r();
      else ratio = 10 ** (1 * r() * 4);
      out.push({ optionId: id, investment: I, annualCashFlow: typed(I * ratio) });
    } else {
      // per-year flows: zero runs, negative years, a lump at the end, wide magnitudes
      const flows: (number | null)[] = new Array<number | null>(n).fill(null);
      const style = pick(["lumpEnd", "sparse", "negatives", "tinyAll", "ramp", "early"] as const);
      const scale = I * 10 ** (-3 + 5 * r());
      for (let j = 0; j < n; j++) {
        if (style === "lumpEnd") flows[j] = j === n - 1 ? typed(I * 10 ** (-2 + 6 * r())) : r() < 0.2 ? typed(-scale * 0.01 * r()) : null;
        else if (style === "sparse") flows[j] = r() < Math.min(0.5, 3 / n) ? typed(scale * r()) : null;
        else if (style === "negatives") flows[j] = r() < 0.5 ? typed(scale * (r() - 0.35)) : 0;
        else if (style === "tinyAll") flows[j] = typed(I * 10 ** (-12 + 8 * r()));
        else if (style === "ramp") flows[j] = typed(scale * (j + 1) * r() * 0.1);
        else flows[j] = j < 3 ? typed(scale * r()) : r() < 0.1 ? typed(-scale * 0.1 * r()) : null;
      }
      if (!flows.some((f) => f)) flows[n - 1] = typed(I * r());
      out.push({ optionId: id, investment: I, cashFlows: flows });
    }
  }
  return out;
}

export function probeCase(seed: number, n: number, count: number): AuditCase {
  const economics = edgeEntries(seed, n, count);
  return {
    meta: { title: `IRR probe n=${n}` },
    parameters: { discountRate: 0.1, evaluationYears: n, benchmarkRate: 0.1, paybackQuota: n, taxRate: 0.25, depreciationYears: n },
    options: economics.map((e) => ({ id: e.optionId, name: e.optionId, investment: e.investment })),
    economics,
  };
}

export interface Disagreement {
  n: number;
  row: number;
  entry: EconomicsEntry;
  column: string;
  cached: unknown;
  libreOffice: string;
}

const COLS = ["irr", "irrInterp", "verdict"] as const;

function same(cached: unknown, shown: string): boolean {
  if (typeof cached === "number") {
    const v = parseSpreadsheetNumber(shown);
    return v !== null && Math.abs(v - cached) <= Math.max(1e-9, 1e-9 * Math.abs(cached));
  }
  return cached === shown;
}

export async function probe(c: AuditCase): Promise<{ rows: number; differ: Disagreement[]; otherCells: string[] }> {
  const book: WorkbookModel = buildWorkbook(c, { lang: "zh-CN" });
  const grids = await recalculate(await stripCachedValues(await writeXlsx(book)));
  const n = c.parameters.evaluationYears!;
  const differ: Disagreement[] = [];
  const entries = c.economics ?? [];
  entries.forEach((entry, row) => {
    for (const key of COLS) {
      const name = col(TBL_ECONOMICS, key, "zh-CN");
      const cell = cellAt(book, "tblEconomics", row, name);
      const cached = cell?.result ?? cell?.value ?? null;
      const shown = shownAt(grids, book, "tblEconomics", row, name);
      if (!same(cached, shown)) differ.push({ n, row, entry, column: key, cached, libreOffice: shown });
    }
  });
  // every other formula cell of the workbook (rank keys, the cash-flow table, feasibility …)
  const otherCells = book.sheets.flatMap((s) => checkRecalculatedAgainstModel(s, grids.get(s.name), { rel: 1e-9, abs: 1e-9 }).map((m) => m.message));
  return { rows: entries.length, differ, otherCells };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf("--json");
  const jsonOut = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
  const plain = args.filter((_, k) => jsonAt < 0 || (k !== jsonAt && k !== jsonAt + 1));
  const seed = Number(plain[0] ?? 1);
  const perBook = Number(plain[1] ?? 120);
  if (perBook >= 98 && process.env.SC_NO_THREADED_CALCULATION === undefined) console.log("note: books of 98+ rows are calculated in threads by LibreOffice (see the header); set SC_NO_THREADED_CALCULATION=1");
  const horizons = [1, 2, 3, 5, 10, 20, 50, 100, 300, 1000];
  const results = await Promise.all(horizons.map((n, k) => probe(probeCase(seed * 1000 + k, n, n >= 300 ? Math.ceil(perBook / 3) : perBook))));
  let rows = 0;
  const all: Disagreement[] = [];
  results.forEach((res, k) => {
    rows += res.rows;
    all.push(...res.differ);
    const bad = new Set(res.differ.map((d) => d.row));
    console.log(`n=${horizons[k]}: ${res.rows} rows, ${bad.size} rows differ (${res.differ.filter((d) => d.column === "irr").length} IRR cells); ${res.otherCells.length} cells of the workbook differ in all`);
    for (const m of res.otherCells.slice(0, 3)) console.log(`    ${m.slice(0, 60)} … ${m.slice(m.lastIndexOf("): model"))}`);
  });
  const badRows = new Set(all.map((d) => `${d.n}/${d.row}`));
  console.log(`total: ${rows} rows, ${badRows.size} rows differ (${all.filter((d) => d.column === "irr").length} IRR, ${all.filter((d) => d.column === "irrInterp").length} interpolated, ${all.filter((d) => d.column === "verdict").length} verdict cells)`);
  for (const d of all.slice(0, 60)) {
    const e = d.entry;
    const what = e.cashFlows ? `flows[${e.cashFlows.length}] ${JSON.stringify(e.cashFlows.slice(0, 6))}…` : `F ${e.annualCashFlow}`;
    console.log(`  n=${d.n} row ${d.row} I ${e.investment} ${what} ${d.column}: cached ${JSON.stringify(d.cached)} LibreOffice ${JSON.stringify(d.libreOffice)}`);
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(all, null, 1));
}

if (process.argv[1]?.endsWith("native-irr.probe.ts")) void main();
