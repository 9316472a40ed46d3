/**
 * An unexpected error while building (here: the workbook builder throws an Error with a stack) is
 * reported as ONE line "internal error: …" on stderr, exit 1, no stack trace, nothing written.
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { main } from "../src/cli/run";

vi.mock("../src/worksheets/workbook", () => ({
  buildWorkbook: () => {
    throw new RangeError("16385 is out of bounds. Excel supports columns from 1 to 16384\n    at Column.get (exceljs)");
  },
}));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cp-cli-internal-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("an unexpected error: one line, exit 1, nothing written", async () => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["build", resolve(import.meta.dirname, "../cases/textbook-150wan.json"), "--out", "x.xlsx"], { out: (s) => out.push(s), err: (s) => err.push(s), cwd: dir });
  expect(code).toBe(1);
  expect(err).toEqual(["internal error: 16385 is out of bounds. Excel supports columns from 1 to 16384"]);
  expect(out).toEqual([]);
  expect(existsSync(join(dir, "x.xlsx"))).toBe(false);
  expect(readdirSync(dir)).toEqual([]);
});
