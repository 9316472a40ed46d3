/**
 * Issue 9: "Where the sheet's native IRR does not converge, the cached value the file stores differs
 * from what Excel shows after recalculating: the stored value must be what the formula gives."
 *
 * Inputs of every kind where the cached IRR (core's exact root) differed from LibreOffice's
 * recalculation of the same file, found by test/probes/native-irr.probe.ts (about 5 % of its random edge
 * rows; powers of two where a value stands in for a probe row, so that the N rank keys stay exact):
 * - F tiny against I, IRR near −100 %: RATE's Newton steps fall below 1e-7 before the root, or its
 *   absolute |f| < 1e-14 test stops it at once (amounts of 1e-7 万元);
 * - F ≫ I over long horizons: RATE from 10 % (and its retries) and from F/I never converge: 无内部收益率
 *   although an IRR exists (I 10, F 29, n 1000 → 290 %; I 10, F 1900, n 1000);
 * - per-year flows: IRR from 10 % takes more than 20 steps and the 试算初值 leads nowhere (无内部收益率),
 *   or to another root of flows that change sign several times (−31, −63, 39, 37, −18: −36.27 %, where
 *   core's Newton from 10 % reaches −52.74 %);
 * - the 内插IRR formula is an error (无内部收益率) where its grid cell reaches −100 %.
 *
 * Each workbook is recalculated by LibreOffice (cached values stripped first) and every cell must show
 * what the file caches; the rows are also checked to differ from core's exact IRR, so the test would
 * have failed before the cache followed the native chain. Tables stay below 100 rows (LibreOffice
 * computes larger formula groups in threads, where it is inconsistent in itself).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { evaluateEconomics } from "../src/core";
import type { AuditCase, EconomicsEntry } from "../src/worksheets/case";
import { ECON_LABELS, TBL_ECONOMICS } from "../src/worksheets/definitions/economics.worksheet";
import type { WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "./helpers/model-check";
import { cellAt, col, shownAt } from "./helpers/tables";

const hasSoffice = requireSoffice();

/** One row: the entry, and what LibreOffice shows in its IRR cell (a number, or 无内部收益率). */
interface Row {
  entry: Omit<EconomicsEntry, "optionId">;
  shows: number | "none";
}

const sparse = (n: number, pairs: [number, number][]): (number | null)[] => {
  const f = new Array<number | null>(n).fill(null);
  for (const [j, v] of pairs) f[j - 1] = v;
  return f;
};

/** By horizon n (a workbook parameter); the values LibreOffice 7.4.7 showed (CSV, 15 digits). */
const BOOKS: Record<number, Row[]> = {
  2: [
    { entry: { investment: 2 ** -24, annualCashFlow: 2 ** -56 }, shows: -0.999731156266091 }, // core −0.99998474
    { entry: { investment: 7.05052e-7, annualCashFlow: 6.35821e-8 }, shows: -0.651242275171018 }, // core −0.6512422787
    { entry: { investment: 129605, cashFlows: [0.0000455857, 0.00000191517] }, shows: -0.999999998723943 }, // core −0.99999616
  ],
  5: [
    { entry: { investment: 1, cashFlows: [42, 3, -65, -22, 49] }, shows: "none" }, // core 41.0343 from 10 %
    { entry: { investment: 31, cashFlows: [-63, 39, 37, -18] }, shows: -0.362729729434025 }, // core −0.5274 from 10 %
    { entry: { investment: 0.0000429989, annualCashFlow: 3.82753e-8 }, shows: -0.739375824967671 }, // core −0.7393758271
  ],
  10: [
    { entry: { investment: 2 ** -23, annualCashFlow: 2 ** -49 }, shows: -0.812120646247289 }, // core −0.8320
    { entry: { investment: 0.625, annualCashFlow: 0.625 * 2 ** -29 }, shows: -0.864056350413252 }, // core −0.86405639
    { entry: { investment: 0.00257673, cashFlows: sparse(10, [[7, -0.000479286], [10, 0.0000380727]]) }, shows: "none" }, // core −0.5721
  ],
  1000: [
    { entry: { investment: 10, annualCashFlow: 29 }, shows: "none" }, // core 2.9
    { entry: { investment: 10, annualCashFlow: 1900 }, shows: "none" }, // core 190
    { entry: { investment: 691058000, annualCashFlow: 1991280000 }, shows: "none" }, // core 2.8815
  ],
};

/** An ordinary option in every book: the chain reaches core's root. */
const ORDINARY: Omit<EconomicsEntry, "optionId"> = { investment: 10, annualCashFlow: 3 };

function caseOf(n: number, rows: Row[]): AuditCase {
  const economics: EconomicsEntry[] = [...rows.map((r) => r.entry), ORDINARY].map((e, k) => ({ optionId: `N${n}-${k}`, ...e }));
  return {
    meta: { title: `native IRR, n = ${n}` },
    parameters: { discountRate: 0.1, evaluationYears: n, benchmarkRate: 0.1 },
    options: economics.map((e) => ({ id: e.optionId, name: e.optionId, investment: e.investment })),
    economics,
  };
}

interface Built {
  n: number;
  rows: Row[];
  book: WorkbookModel;
  grids: Map<string, string[][]>;
}

describe.skipIf(!hasSoffice)("the cached IRR is what the sheet's native chain gives (issue 9)", () => {
  let books: Built[];
  beforeAll(async () => {
    books = await Promise.all(
      Object.entries(BOOKS).map(async ([n, rows]) => {
        const book = buildWorkbook(caseOf(Number(n), rows), { lang: "zh-CN" });
        return { n: Number(n), rows, book, grids: await recalculate(await stripCachedValues(await writeXlsx(book))) };
      }),
    );
  }, 300_000);

  it("every cell LibreOffice recalculates shows what the file caches, and no cell is an error", () => {
    for (const b of books) {
      expect(findErrorCells(b.grids), `n = ${b.n}`).toEqual([]);
      const mismatches = b.book.sheets.flatMap((s) => checkRecalculatedAgainstModel(s, b.grids.get(s.name), { rel: 1e-9, abs: 1e-9 }).map((m) => m.message));
      expect(mismatches, `n = ${b.n}`).toEqual([]);
    }
  });

  it("the IRR cells show the native chain's result, which is not core's exact IRR", () => {
    const irrCol = col(TBL_ECONOMICS, "irr", "zh-CN");
    for (const b of books) {
      b.rows.forEach((row, k) => {
        const what = `n = ${b.n}, row ${k} (${JSON.stringify(row.entry)})`;
        const shown = shownAt(b.grids, b.book, "tblEconomics", k, irrCol);
        const cached = cellAt(b.book, "tblEconomics", k, irrCol)?.result;
        const exact = evaluateEconomics(row.entry, { discountRate: 0.1, evaluationYears: b.n }).irr;
        expect(exact, `${what}: core finds an IRR`).not.toBeNull();
        if (row.shows === "none") {
          expect(shown, what).toBe(ECON_LABELS.noIrr.zh);
          expect(cached, what).toBe(ECON_LABELS.noIrr.zh);
        } else {
          const v = parseSpreadsheetNumber(shown);
          expect(v, `${what}: LibreOffice shows ${shown}`).not.toBeNull();
          expect(Math.abs(v! - row.shows), `${what}: LibreOffice shows ${shown}`).toBeLessThanOrEqual(1e-14);
          expect(typeof cached === "number" && Math.abs(cached - v!) <= 1e-14, `${what}: cached ${String(cached)}`).toBe(true);
          expect(Math.abs(exact! - row.shows), `${what}: core's exact IRR ${exact}`).toBeGreaterThan(2e-9);
        }
      });
    }
  });

  it("the ordinary option keeps core's IRR (F 3, I 10)", () => {
    const irrCol = col(TBL_ECONOMICS, "irr", "zh-CN");
    for (const b of books) {
      const cached = cellAt(b.book, "tblEconomics", b.rows.length, irrCol)?.result;
      const exact = evaluateEconomics(ORDINARY, { discountRate: 0.1, evaluationYears: b.n }).irr!;
      expect(typeof cached === "number" && Math.abs(cached - exact) <= 1e-12, `n = ${b.n}: cached ${String(cached)}, core ${exact}`).toBe(true);
    }
  });

  it("the verdict follows: 无内部收益率 where the chain finds none", () => {
    const verdictCol = col(TBL_ECONOMICS, "verdict", "zh-CN");
    const ten = books.find((b) => b.n === 1000)!;
    // I 10, F 29: payback 0.34 years, NPV > 0, IRR 290 % — feasible by core's root, not by the sheet's chain
    expect(shownAt(ten.grids, ten.book, "tblEconomics", 0, verdictCol)).toBe("经济不可行：无内部收益率");
  });
});
