/**
 * Issue 12 × issue 13: the coefficient tables' read-back. A row equal to the bundled data stays out of the case
 * (the data supplies it); an edited or added row travels as `factors` / `gridFactors` and, laid over the bundled data
 * again, gives the same table (round trip in TypeScript; the reader engine itself is issue 13's).
 */
import { describe, expect, it } from "vitest";
import type { FactorEntry, GridFactorEntry } from "../src/worksheets/case";
import { bundledFactorRows, bundledGridRows, mergeFactorRows, mergeGridRows, readFactorRow, readGridRow, storeFactorRows, storeGridRows, TBL_FACTORS, TBL_GRID_FACTORS, type FactorKey, type GridKey } from "../src/worksheets/definitions/energy-carbon";
import { tr, type L } from "../src/worksheets/i18n";
import type { Lang } from "../src/worksheets/model";
import type { CaseDraft, CellReader, ReadValue } from "../src/worksheets/read-back";

/** A CellReader over one row given as column key → value. */
function reader<K extends string>(cells: Partial<Record<K, ReadValue>>, problems: string[] = []): CellReader<K> {
  return {
    raw: (k) => cells[k],
    text: (k) => (cells[k] === undefined ? undefined : String(cells[k]).trim() || undefined),
    num: (k) => {
      const v = cells[k];
      if (v === undefined) return undefined;
      if (typeof v === "number") return v;
      problems.push(`${k}: not a number`);
      return undefined;
    },
    has: () => true,
    problem: (k, m) => problems.push(`${k}: ${m}`),
  };
}

const txt = (lang: Lang, x: L | undefined) => (x ? tr(lang, x) : undefined);

function sheetRowsOfFactors(lang: Lang, rows = bundledFactorRows()): Partial<Record<FactorKey, ReadValue>>[] {
  return rows.map((r) => ({
    item: tr(lang, r.item),
    category: txt(lang, r.category),
    unit: r.unit,
    kgceEquivalent: r.kgceEquivalent,
    kgceEqual: r.kgceEqual,
    co2Factor: r.co2Factor,
    source: txt(lang, r.source),
    edition: r.edition,
    note: txt(lang, r.note),
  }));
}

describe("tblFactors / tblGridFactors read back", () => {
  it("the bundled tables read back as no case section, in both languages", () => {
    for (const lang of ["zh-CN", "en-US"] as Lang[]) {
      const draft: CaseDraft = {};
      storeFactorRows(draft, sheetRowsOfFactors(lang).map((c) => readFactorRow(reader(c))));
      const grid = bundledGridRows().map((g) => readGridRow(reader<GridKey>({ year: g.year, region: tr(lang, g.region), value: g.value, series: txt(lang, g.series), source: txt(lang, g.source) })));
      storeGridRows(draft, grid);
      expect(draft, lang).toEqual({});
    }
  });

  it("an edited factor and an added item travel as factors; merged again they give the edited table", () => {
    const rows = sheetRowsOfFactors("zh-CN");
    rows.find((r) => r.item === "新水")!.kgceEqual = 0.2571;
    rows.push({ item: "外购蒸汽（中压）", category: "热力", unit: "t", kgceEquivalent: 110, co2Factor: 0.33 });
    rows.push({}); // an empty row
    const draft: CaseDraft = {};
    storeFactorRows(draft, rows.map((c) => readFactorRow(reader(c))).filter((x) => x !== undefined));
    const factors = draft.factors as FactorEntry[];
    expect(factors.map((f) => f.item)).toEqual(["新水", "外购蒸汽（中压）"]);
    expect(factors[0]!.kgceEqual).toBe(0.2571);
    expect(factors[1]).toEqual({ item: "外购蒸汽（中压）", category: "热力", unit: "t", kgceEquivalent: 110, co2Factor: 0.33 });
    const merged = mergeFactorRows(factors);
    expect(merged.length).toBe(bundledFactorRows().length + 1);
    expect(merged.find((r) => r.item.zh === "新水")!.kgceEqual).toBe(0.2571);
    // the round trip is stable: reading the merged table back gives the same rows
    const again: CaseDraft = {};
    storeFactorRows(again, sheetRowsOfFactors("zh-CN", merged).map((c) => readFactorRow(reader(c))));
    expect(again.factors).toEqual(factors);
  });

  it("a changed or added grid factor travels; a row missing its year is reported, not guessed", () => {
    const problems: string[] = [];
    const rows: GridFactorEntry[] = [
      ...bundledGridRows().map((g) => readGridRow(reader<GridKey>({ year: g.year, region: tr("en-US", g.region), value: g.value, series: txt("en-US", g.series), source: txt("en-US", g.source) }))),
      readGridRow(reader<GridKey>({ year: 2023, region: "江苏", value: 0.5827 }))!,
    ].filter((x): x is GridFactorEntry => x !== undefined);
    rows[0] = { ...rows[0]!, value: 0.56 };
    expect(readGridRow(reader<GridKey>({ region: "全国", value: 0.5 }, problems))).toBeUndefined();
    expect(problems.length).toBe(1);
    const draft: CaseDraft = {};
    storeGridRows(draft, rows);
    expect(draft.gridFactors).toEqual([
      { year: 2021, region: "全国", value: 0.56, series: "Stats", source: "MEE/NBS" },
      { year: 2023, region: "江苏", value: 0.5827 },
    ]);
    expect(mergeGridRows(draft.gridFactors as GridFactorEntry[]).find((g) => g.year === 2021 && g.region.zh === "全国")!.value).toBe(0.56);
  });

  it("tables carry a readBack (the reader finds them by name)", async () => {
    const { coefficientsWorksheet } = await import("../src/worksheets/definitions/coefficients.worksheet");
    const tables = coefficientsWorksheet.tables!({ lang: "zh-CN", auditCase: null, params: null, names: {} as never });
    expect(tables.map((t) => [t.schema.name, typeof t.readBack?.row])).toEqual([
      [TBL_FACTORS.name, "function"],
      [TBL_GRID_FACTORS.name, "function"],
    ]);
  });
});
