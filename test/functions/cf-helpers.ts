import { expect } from "vitest";

/** The stub's CustomFunctions.Error (test/setup/custom-functions-stub.ts): code + message. */
export interface CfError {
  code: string;
  message: string;
}

export function isCfError(x: unknown): x is CfError {
  return x instanceof CustomFunctions.Error;
}

/** Asserts `x` is a CustomFunctions.Error with this Excel code and a message matching `re`. */
export function expectCfError(x: unknown, code: string, re: RegExp): void {
  expect(isCfError(x), `expected CustomFunctions.Error ${code}, got ${show(x)}`).toBe(true);
  const e = x as CfError;
  expect(e.code, `error code (message: ${e.message})`).toBe(code);
  expect(e.message).toMatch(re);
}

/** Asserts `x` is a finite number and returns it (so expectClose gets a number). */
export function num(x: unknown): number {
  expect(typeof x === "number" && Number.isFinite(x), `expected a finite number, got ${show(x)}`).toBe(true);
  return x as number;
}

export function show(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => {
    if (isCfError(v)) return `CustomFunctions.Error(${v.code}: ${v.message})`;
    if (typeof v === "number" && !Number.isFinite(v)) return String(v);
    if (v === undefined) return "undefined";
    return v;
  });
}

/** A column range as Excel passes it: [[a], [b], ...]. */
export const col = (...xs: unknown[]): unknown[][] => xs.map((x) => [x]);
/** A row range as Excel passes it: [[a, b, ...]]. */
export const rowRange = (...xs: unknown[]): unknown[][] => [xs];

/** Any CP.* function, called with arbitrary arguments (the tests pass what Excel or a fuzzer would). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFn = (...args: any[]) => unknown;
