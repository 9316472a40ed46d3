import { describe, expect, it } from "vitest";
import { legalSheetName, legalTableName, truncateUtf16 } from "./sheet-names";

/** Excel's rules for a sheet name (guide §6, E10), checked independently of the implementation. */
function expectLegalSheetName(name: string): void {
  expect(name.length, `"${name}" length`).toBeGreaterThanOrEqual(1);
  expect(name.length, `"${name}" length`).toBeLessThanOrEqual(31);
  expect(name, "forbidden character").not.toMatch(/[[\]:*?/\\]/);
  expect(name, "leading/trailing apostrophe").not.toMatch(/^'|'$/);
  expect(name.toLowerCase()).not.toBe("history");
  // No lone surrogate (a split emoji): encodeURIComponent throws on one.
  expect(() => encodeURIComponent(name)).not.toThrow();
}

/** Names the way a layout uses the function: one after another, each added to the taken list. */
function nameAll(wanted: string[]): string[] {
  const taken: string[] = [];
  for (const w of wanted) taken.push(legalSheetName(w, taken));
  return taken;
}

describe("legalSheetName (E10)", () => {
  it("replaces the forbidden characters []:*?/\\ by similar legal ones", () => {
    expect(legalSheetName("Options [A/B]?", [])).toBe("Options (A-B)_");
    expect(legalSheetName("a:b*c\\d", [])).toBe("a_b_c-d");
  });

  it("keeps a legal name as it is (\"Material balance – Dyeing line #2 (2024)\" is 40 units: cut to 31)", () => {
    const wanted = "Material balance – Dyeing line #2 (2024)";
    const got = legalSheetName(wanted, []);
    expectLegalSheetName(got);
    expect(got).toBe(wanted.slice(0, 31).trimEnd());
    expect(legalSheetName("物料平衡", [])).toBe("物料平衡");
  });

  it("makes names unique ignoring case: Options, options → Options, options (2)", () => {
    const names = nameAll(["Options", "options", "OPTIONS"]);
    expect(names).toEqual(["Options", "options (2)", "OPTIONS (3)"]);
    const keys = names.map((n) => n.toUpperCase());
    expect(new Set(keys).size).toBe(3);
  });

  it("removes leading and trailing apostrophes: 'Quoted' → Quoted; an inner one becomes ’", () => {
    expect(legalSheetName("'Quoted'", [])).toBe("Quoted");
    expect(legalSheetName("''", [])).toBe("Sheet");
    expect(legalSheetName("Tom's line", [])).toBe("Tom’s line");
  });

  it("never returns History (any case)", () => {
    expect(legalSheetName("History", [])).toBe("History (2)");
    expect(legalSheetName("history", [])).toBe("history (2)");
    expectLegalSheetName(legalSheetName("HISTORY", []));
  });

  it("keeps an emoji whole and never splits a surrogate pair when cutting at 31 units", () => {
    const title = "Water balance 💧💧💧💧💧💧💧💧💧"; // 14 + 9×2 = 32 units
    const got = legalSheetName(title, []);
    expectLegalSheetName(got);
    expect(got).toBe("Water balance 💧💧💧💧💧💧💧💧"); // 30 units: the 9th emoji would need 32
    // With an odd prefix the cut falls inside a pair and must step back.
    const odd = "x" + "😀".repeat(20); // 41 units; unit 31 is a high surrogate
    const got2 = legalSheetName(odd, []);
    expectLegalSheetName(got2);
    expect(got2).toBe("x" + "😀".repeat(15));
  });

  it("cuts a 32-character Chinese title to 31 and a second one with the same start becomes unique", () => {
    const t1 = "某某纺织印染有限公司二〇二四年度清洁生产审核物料平衡分析汇总表一";
    const t2 = "某某纺织印染有限公司二〇二四年度清洁生产审核物料平衡分析汇总表二";
    expect(t1.length).toBe(32);
    const [n1, n2] = nameAll([t1, t2]);
    expectLegalSheetName(n1!);
    expectLegalSheetName(n2!);
    expect(n1).toBe(t1.slice(0, 31));
    expect(n2).not.toBe(n1);
    expect(n2).toBe(t1.slice(0, 27) + " (2)");
    expect(n2!.length).toBe(31);
  });

  it("never returns an empty name and never throws", () => {
    for (const w of ["", "   ", "'", "\u0000", "[]"]) {
      const got = legalSheetName(w, []);
      expectLegalSheetName(got);
    }
    expect(legalSheetName("", [])).toBe("Sheet");
    expect(legalSheetName("[]", [])).toBe("()");
  });

  it("gives all E10 inputs legal, unique names in one workbook", () => {
    const inputs = [
      "Material balance – Dyeing line #2 (2024)",
      "Options [A/B]?",
      "Options",
      "options",
      "'Quoted'",
      "History",
      "🌊 Water balance 💧",
      "某某纺织印染有限公司二〇二四年度清洁生产审核物料平衡分析汇总表一",
    ];
    const names = nameAll(inputs);
    names.forEach(expectLegalSheetName);
    expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(inputs.length);
  });

  it("keeps the suffix within 31 units even past (9)", () => {
    const base = "A".repeat(31);
    const names = nameAll(Array.from({ length: 12 }, () => base));
    names.forEach(expectLegalSheetName);
    expect(names[11]).toBe("A".repeat(26) + " (12)");
    expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(12);
  });
});

describe("truncateUtf16", () => {
  it("cuts before a surrogate pair rather than through it", () => {
    expect(truncateUtf16("ab😀", 3)).toBe("ab");
    expect(truncateUtf16("ab😀", 4)).toBe("ab😀");
    expect(truncateUtf16("abc", 5)).toBe("abc");
  });
});

describe("legalTableName (guide §6)", () => {
  it("replaces spaces and punctuation, keeps letters including Chinese", () => {
    expect(legalTableName("Material balance 2024", [])).toBe("Material_balance_2024");
    expect(legalTableName("物料 平衡", [])).toBe("物料_平衡");
  });

  it("starts with a letter or underscore", () => {
    expect(legalTableName("2024 data", [])).toBe("_2024_data");
    expect(legalTableName("", [])).toBe("Table");
  });

  it("is never a cell reference (A1, XFD1048576, R1C1, R, C)", () => {
    for (const ref of ["A1", "xfd1048576", "R1C1", "R", "C", "rc", "C12"]) {
      expect(legalTableName(ref, [])).toBe(`_${ref}`);
    }
    expect(legalTableName("Tbl1", [])).toBe("_Tbl1"); // column TBL exists (≤ XFD)
    expect(legalTableName("Table1", [])).toBe("Table1"); // 5 letters: not a column
    expect(legalTableName("ABC1", [])).toBe("_ABC1");
  });

  it("is unique ignoring case", () => {
    const taken = ["Options", "options_2"];
    expect(legalTableName("OPTIONS", taken)).toBe("OPTIONS_3");
  });
});
