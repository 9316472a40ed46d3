/**
 * Adapts the Excel fake's cells to the shared `CellReader` of test/helpers/model-check.ts, so the
 * Office.js writer is checked by the SAME checker as writers/xlsx.
 */
import type { CellReader, Mismatch } from "../helpers/model-check";
import type { FakeExcel } from "./excel-fake";

/**
 * Reads 0-based cells of sheet `name` in the fake: formula (with "="), constant value ("" when
 * empty, as Excel's `range.values` reports it), number format.
 */
export function fakeReader(fake: FakeExcel, name: string): CellReader {
  const sheet = fake.sheet(name);
  return (row, col) => {
    const cell = sheet.cells.get(`${row},${col}`);
    if (!cell) return {};
    return {
      // Excel's `values` gives "" for an empty cell.
      value: cell.formula ? undefined : (cell.value ?? ""),
      formula: cell.formula ?? undefined,
      numberFormat: cell.numberFormat,
    };
  };
}

/**
 * The checker also compares a formula cell's cached result. The Office.js writer writes no cached
 * results (Excel calculates them when the formula is entered) and the fake does not calculate, so
 * for the fake only the "result" field is left out; value, formula and number format of every
 * cell are still compared. Results are checked where an engine computes them: the .xlsx written
 * from the same model, recalculated by LibreOffice (test/e2e and the xlsx writer's tests).
 */
export function withoutResultMismatches(ms: readonly Mismatch[]): Mismatch[] {
  return ms.filter((m) => m.field !== "result");
}
