/**
 * Reviewer's defects in the native formulas, checked after LibreOffice recalculates the written
 * workbook (cached results removed first), with the expected values from hand arithmetic, the spec
 * (§3.3) and edge-cases.md (E03, E05):
 *
 * - user text is compared literally: a unit operation named "工段*" adds only its own streams
 *   (2272 / 2241 / 31, the reviewer's v-wild2.json; SUMIFS read the * as a wildcard and gave
 *   4544 / 4482 / 62); option ids typed with * ? ~ find their own names, and the duplicate check
 *   flags ids equal ignoring case only;
 * - F ≤ 0 → 无内部收益率 (spec §3.3; RATE alone gave −97.25 % for F = 0), and the verdict agrees;
 * - per-year flows with a negative IRR (I 1000, flows 100, blank, 100 → exactly −50 %: −1000 +
 *   100/0.5 + 100/0.5³ = 0) are found although IRR(…, 0.1) does not converge;
 * - E03 (−50, −100, 600, 300, −100) shows 1.854418, the root from 10 %, with a note that several
 *   IRRs may exist (on its row of the per-year cash-flow table); E05 (−1607 in years 0..19, +250010 in year 50) shows 0.050901; F = 3·I gives 300 %;
 * - every formula cell's cached value (core's) equals LibreOffice's value and no cell is an error.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditCase } from "../src/worksheets/case";
import { resolveParameters } from "../src/worksheets/case";
import { CASHFLOW_RESULT_COLUMNS, ECON_LABELS, TBL_ECONOMICS } from "../src/worksheets/definitions/economics.worksheet";
import { TBL_OPTIONS } from "../src/worksheets/definitions/option-register.worksheet";
import type { WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { checkRecalculatedAgainstModel } from "./helpers/model-check";
import { col, findTable, shownAt, shownRows } from "./helpers/tables";
import { expectClose } from "./helpers/tolerance";

const hasSoffice = requireSoffice();

const stream = (name: string, quantity: number) => ({ stream: name, quantity, unit: "t/d" });
const waterBalance = (unitOperation: string) => ({
  unitOperation,
  basis: "t/d",
  inputs: [stream("补充新水", 412), stream("锅炉来蒸汽", 1860)],
  outputs: [stream("凝结水回锅炉", 1795), stream("冷凝水外排", 236), stream("冷却塔蒸发及风吹损失", 198), stream("跑冒滴漏", 12)],
});

/**
 * As a user could type it into the template: texts with * ? ~ and a leading <. Built with
 * buildWorkbook directly (validateCase refuses such option ids in a case file, item 1).
 */
const lookupCase: AuditCase = {
  meta: { title: "exact lookups" },
  parameters: { discountRate: 0.1, evaluationYears: 10, balanceTolerance: 0.05 },
  materialBalance: [
    waterBalance("工段*"),
    waterBalance("工段A"),
    { unitOperation: "a?b", basis: "t/d", inputs: [stream("x", 10)], outputs: [stream("y", 8)] },
    { unitOperation: "~x", basis: "t/d", inputs: [stream("x", 5)], outputs: [stream("y", 5)] },
    { unitOperation: "<5", basis: "t/d", inputs: [stream("x", 3)], outputs: [stream("y", 2)] },
    { unitOperation: "aXb", basis: "t/d", inputs: [stream("x", 100)], outputs: [stream("y", 1)] },
  ],
  options: [
    { id: "Z-01", name: "A option" },
    { id: "Z*", name: "STAR" },
    { id: "Z?1", name: "QUESTION" },
    { id: "Z~1", name: "TILDE" },
    { id: "z-01", name: "lower case" },
  ],
  economics: [
    { optionId: "Z*", investment: 10, annualCashFlow: 3 },
    { optionId: "Z?1", investment: 10, annualCashFlow: 3 },
    { optionId: "Z~1", investment: 10, annualCashFlow: 3 },
  ],
};

const E05_FLOWS = [...new Array<number>(19).fill(-1607), ...new Array<number>(30).fill(0), 250010]; // years 1..50

const irrCase: AuditCase = {
  meta: { title: "IRR edges" },
  parameters: { discountRate: 0.1, evaluationYears: 50 },
  options: ["F0", "Fneg", "NEVER", "E03", "E05", "BIG"].map((id) => ({ id, name: id })),
  economics: [
    { optionId: "F0", investment: 31.67, annualCashFlow: 0 },
    { optionId: "Fneg", investment: 73.82, annualCashFlow: -5 },
    { optionId: "NEVER", investment: 1000, cashFlows: [100, null, 100] },
    { optionId: "E03", investment: 50, cashFlows: [-100, 600, 300, -100] },
    { optionId: "E05", investment: 1607, cashFlows: E05_FLOWS },
    { optionId: "BIG", investment: 10, annualCashFlow: 30 },
  ],
};

/**
 * Spec §3.4: order by NPVR, ties broken by IRR, then N. At 10 % over 2 years, A (0, 145.2) and B
 * (132, 0) both have NPV 20 on I 100 (NPVR 20 %, by hand: 145.2/1.21 = 120, 132/1.1 = 120), but B's IRR
 * is 32 % and A's √1.452 − 1 = 20.5 %: B first. C and D are the same option twice: they share a rank.
 */
const tieCase: AuditCase = {
  meta: { title: "ties" },
  parameters: { discountRate: 0.1, evaluationYears: 2, benchmarkRate: 0.1 },
  options: ["A", "B", "C", "D"].map((id) => ({ id, name: id })),
  economics: [
    { optionId: "A", investment: 100, cashFlows: [0, 145.2] },
    { optionId: "B", investment: 100, cashFlows: [132, 0] },
    { optionId: "C", investment: 10, annualCashFlow: 1 },
    { optionId: "D", investment: 10, annualCashFlow: 1 },
  ],
};

/** Ten years of 0.1 against I = 1 are recovered exactly in year 10 (hand: 10 × 0.1 = 1); a binary sum gives −1.1e−16. */
const exactPaybackCase: AuditCase = {
  meta: { title: "exact payback" },
  parameters: { discountRate: 0.05, evaluationYears: 10, benchmarkRate: 0.05 },
  options: [{ id: "A", name: "A" }],
  economics: [{ optionId: "A", investment: 1, cashFlows: new Array<number>(10).fill(0.1) }],
};

interface Built {
  book: WorkbookModel;
  grids: Map<string, string[][]>;
}

async function build(c: AuditCase): Promise<Built> {
  const book = buildWorkbook(c, { lang: "zh-CN" });
  const grids = await recalculate(await stripCachedValues(await writeXlsx(book)));
  return { book, grids };
}

function expectAgreement(b: Built): void {
  expect(findErrorCells(b.grids)).toEqual([]);
  const mismatches = b.book.sheets.flatMap((s) => checkRecalculatedAgainstModel(s, b.grids.get(s.name), { rel: 1e-9, abs: 1e-9 }).map((m) => m.message));
  expect(mismatches).toEqual([]);
}

const num = (text: string | undefined, what: string): number => {
  const n = parseSpreadsheetNumber(text ?? "");
  if (n === null) throw new Error(`${what}: expected a number, LibreOffice shows ${JSON.stringify(text)}`);
  return n;
};

describe.skipIf(!hasSoffice)("native formulas after LibreOffice recalculation", () => {
  let lookups: Built;
  let irrs: Built;
  let ties: Built;
  let exact: Built;
  beforeAll(async () => {
    [lookups, irrs, ties, exact] = await Promise.all([build(lookupCase), build(irrCase), build(tieCase), build(exactPaybackCase)]);
  }, 300_000);

  it("a per-year payback reached exactly in the last year is 10 years, not 不可回收 (binary sums aside)", () => {
    expectAgreement(exact);
    expectClose(num(shownAt(exact.grids, exact.book, "tblEconomics", 0, col(TBL_ECONOMICS, "payback", "zh-CN")), "N"), 10, { abs: 1e-9 }, "N");
  });

  it("orders by NPVR, ties broken by IRR then N (spec §3.4): B before A; identical options share a rank", () => {
    expectAgreement(ties);
    const rank = (k: number) => num(shownAt(ties.grids, ties.book, "tblEconomics", k, col(TBL_ECONOMICS, "rank", "zh-CN")), `rank ${k}`);
    const npvr = (k: number) => num(shownAt(ties.grids, ties.book, "tblEconomics", k, col(TBL_ECONOMICS, "npvr", "zh-CN")), `NPVR ${k}`);
    expectClose(npvr(0), 0.2, { abs: 1e-12 }, "NPVR A");
    expectClose(npvr(1), 0.2, { abs: 1e-12 }, "NPVR B");
    // C and D: F/I = 0.1 at 10 % over 2 years: NPVR = 0.1 × 1.7355 − 1 < 0.2
    expect([rank(0), rank(1), rank(2), rank(3)]).toEqual([2, 1, 3, 3]);
  });

  describe("user text compared literally (no wildcards)", () => {
    it("cached values equal LibreOffice's, no error cell", () => expectAgreement(lookups));

    it("balance totals per unit operation: 工段* 2272/2241/31 (not 4544/4482/62), a?b 10/8, ~x 5/5, <5 3/2", () => {
      const balances = shownRows(lookups.grids, lookups.book, "tblBalances");
      const names = findTable(lookups.book, "tblBalances").table.columns.map((c) => c.name);
      const [opCol, , inCol, outCol, gapCol] = names;
      const row = (op: string) => {
        const r = balances.find((x) => x[opCol!] === op);
        expect(r, `balance row of ${op}`).toBeDefined();
        return r!;
      };
      const expected: [string, number, number][] = [
        ["工段*", 412 + 1860, 1795 + 236 + 198 + 12],
        ["工段A", 2272, 2241],
        ["a?b", 10, 8],
        ["~x", 5, 5],
        ["<5", 3, 2],
        ["aXb", 100, 1],
      ];
      for (const [op, tin, tout] of expected) {
        const r = row(op);
        expectClose(num(r[inCol!], `${op} ΣIn`), tin, {}, `${op} ΣIn`);
        expectClose(num(r[outCol!], `${op} ΣOut`), tout, {}, `${op} ΣOut`);
        expectClose(num(r[gapCol!], `${op} gap`), tin - tout, {}, `${op} gap`);
      }
      // each stream finds its own balance's basis unit (MATCH with escaped wildcards)
      const streams = shownRows(lookups.grids, lookups.book, "tblStreams");
      const sNames = findTable(lookups.book, "tblStreams").table.columns.map((c) => c.name);
      const mine = streams.filter((r) => ["工段*", "a?b", "~x", "<5"].includes(r[sNames[1]!]!));
      expect(mine.length).toBe(6 + 2 + 2 + 2);
      const basis = sNames.find((n) => n === "基准单位" || n === "Basis unit")!;
      for (const r of mine) expect(r[basis]).toBe("t/d");
    });

    it("option names looked up by the literal id; only ids equal ignoring case are flagged 编号重复", () => {
      const names = [0, 1, 2].map((k) => shownAt(lookups.grids, lookups.book, "tblEconomics", k, col(TBL_ECONOMICS, "name", "zh-CN")));
      expect(names).toEqual(["STAR", "QUESTION", "TILDE"]);
      const checks = [0, 1, 2, 3, 4].map((k) => shownAt(lookups.grids, lookups.book, "tblOptions", k, col(TBL_OPTIONS, "check", "zh-CN")));
      expect(checks).toEqual(["编号重复", "", "", "", "编号重复"]); // Z-01 and z-01; Z* is not a duplicate of Z-01
    });
  });

  describe("IRR edges (spec §3.3, E03, E05)", () => {
    const at = (k: number, key: keyof typeof TBL_ECONOMICS.columns) => shownAt(irrs.grids, irrs.book, "tblEconomics", k, col(TBL_ECONOMICS, key, "zh-CN"));
    const noIrr = ECON_LABELS.noIrr.zh;

    it("cached values equal LibreOffice's, no error cell", () => expectAgreement(irrs));

    it("F = 0 and F < 0: 无内部收益率 and 不可回收, and the verdict says 无内部收益率", () => {
      for (const k of [0, 1]) {
        expect(at(k, "irr")).toBe(noIrr);
        expect(at(k, "irrInterp")).toBe(noIrr);
        expect(at(k, "payback")).toBe(ECON_LABELS.notRecovered.zh);
        expect(at(k, "verdict")).toBe("经济不可行：投资不可回收，净现值为负，无内部收益率");
      }
      // NPV is still computed: −31.67 for F = 0
      expectClose(num(at(0, "npv"), "NPV F0"), -31.67, {}, "NPV F=0");
    });

    it("per-year flows with IRR −50 % (IRR from 10 % does not converge): −50 %", () => {
      expectClose(num(at(2, "irr"), "IRR NEVER"), -0.5, { abs: 1e-9 }, "IRR I 1000, flows 100, blank, 100");
      expect(at(2, "verdict")).toBe("经济不可行：投资不可回收，净现值为负，内部收益率低于基准收益率");
      expect(at(2, "cashFlow")).toBe(ECON_LABELS.perYear.zh);
    });

    it("E03: 1.854418 from 10 %, with the several-IRRs note on its row of the cash-flow table", () => {
      expectClose(num(at(3, "irr"), "IRR E03"), 1.854418, { abs: 1e-6 }, "E03");
      const cf = findTable(irrs.book, "tblCashFlows");
      const notes = [0, 1, 2].map((k) => [
        shownAt(irrs.grids, irrs.book, "tblCashFlows", k, CASHFLOW_RESULT_COLUMNS.id.zh),
        shownAt(irrs.grids, irrs.book, "tblCashFlows", k, "注"),
      ]);
      expect(cf.table.ref.bottom - cf.table.ref.top).toBeGreaterThanOrEqual(3);
      expect(notes).toEqual([["NEVER", ""], ["E03", ECON_LABELS.multipleIrr.zh], ["E05", ""]]);
    });

    it("E05: 0.050901 where Newton from 10 % diverges", () => {
      expect(resolveParameters(irrCase).evaluationYears).toBe(50);
      expectClose(num(at(4, "irr"), "IRR E05"), 0.050901, { abs: 1e-6 }, "E05");
    });

    it("F = 3·I over 50 years: 300 % (RATE's own search misses it; RATE from F/I finds it)", () => {
      expectClose(num(at(5, "irr"), "IRR BIG"), 3, { rel: 1e-9 }, "IRR F = 3 I");
    });
  });
});
