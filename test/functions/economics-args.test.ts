// CP.ECONOMICS checks the depreciation life Y the same way whether or not `years` is given (its doc:
// #NUM! when Y is not a whole number 1..1000): before, Y = 2.5 or 1001 with years = 10 returned a row.
import { describe, expect, test } from "vitest";
import * as CP from "../../src/functions/functions";
import { expectClose } from "../helpers/tolerance";
import { expectCfError } from "./cf-helpers";

describe("CP.ECONOMICS depreciationYears", () => {
  for (const years of [10, null]) {
    for (const Y of [2.5, 1001, 0, -5]) {
      test(`Y = ${Y}, years ${years === null ? "omitted" : years} → #NUM! naming depreciationYears`, () => {
        expectCfError(CP.economics(150, 40, 0.05, Y, 0.3, years), "#NUM!", /depreciationYears must be a whole number of years from 1 to 1000; got/);
      });
    }
  }

  test("whole Y from 1 to 1000 is accepted: D = I/Y (150/10 = 15, 150/1000 = 0.15) whatever `years` is", () => {
    for (const [Y, D] of [[10, 15], [1000, 0.15], [1, 150]] as const) {
      for (const years of [10, null]) {
        const r = CP.economics(150, 40, 0.05, Y, 0.3, years) as unknown[][];
        expect(Array.isArray(r), `Y ${Y} years ${years}`).toBe(true);
        expectClose(r[0]![0] as number, D, {}, `D for Y ${Y}`);
      }
    }
  });
});
