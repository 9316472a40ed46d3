import { describe as group, expect, test } from "vitest";
import { describe } from "./errors";

group("describe (the value named in error messages)", () => {
  test("blank, nothing, quoted text, numbers, logicals and lists as before; an object is not [object Object]", () => {
    expect(describe(null)).toBe("blank");
    expect(describe(undefined)).toBe("nothing");
    expect(describe("6%")).toBe('"6%"');
    expect(describe(Number.NaN)).toBe("NaN");
    expect(describe(-Infinity)).toBe("-Infinity");
    expect(describe(true)).toBe("true");
    expect(describe([1, 2])).toBe("1,2");
    expect(describe({ a: 1 })).toBe("an object");
    expect(describe(() => 1)).toBe("a function");
  });
});
