import { expect } from "vitest";

/**
 * Asserts |actual − expected| ≤ max(abs, rel·|expected|).
 * Use instead of toBeCloseTo (whose default is 2 decimals). `what` names the value in the failure message.
 */
export function expectClose(actual: number, expected: number, opts: { rel?: number; abs?: number } = {}, what = "value"): void {
  const rel = opts.rel ?? 1e-9;
  const abs = opts.abs ?? 1e-9;
  const tol = Math.max(abs, rel * Math.abs(expected));
  const ok = Number.isFinite(actual) && Math.abs(actual - expected) <= tol;
  expect(ok, `${what}: expected ${expected} ± ${tol}, got ${actual}`).toBe(true);
}

/** Non-asserting form of the same rule. */
export function isClose(actual: number, expected: number, rel = 1e-9, abs = 1e-9): boolean {
  return Number.isFinite(actual) && Math.abs(actual - expected) <= Math.max(abs, rel * Math.abs(expected));
}
