import { expect } from "vitest";
import { CpError, type ExcelErrorCode } from "../../src/core/errors";

/** Asserts that `fn` throws a CpError with Excel code `code` and a message matching `re`. */
export function expectCpError(fn: () => unknown, code: ExcelErrorCode, re: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, "expected a CpError").toBeInstanceOf(CpError);
  expect((caught as CpError).code).toBe(code);
  expect((caught as CpError).message).toMatch(re);
}
