/**
 * Issue 13 part 2: the phase 1–3 sheets read back into the case file (each table's `readBack`, the
 * profile's and the reference product's named cells), through the reader itself: build → write the
 * .xlsx → readCase(xlsxSource) → the case file.
 *
 * The power-plant case in zh-CN and en-US comes back, section by section, equal to the case file
 * (both validated: enumerations in their zh-CN form, `illustrative` dropped); the few differences of
 * form are written out here by hand (固废 → its standard term, the GB/T 2589 default factor not
 * written). The textbook case (no phase 1–3 data) and the blank template read back to no phase 1–3
 * section but the template's typical walk-through items. Rows typed below three tables come back;
 * a missing required cell, a text in a number cell, an unknown name are reported with their cell.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCase, type ReadProblem } from "../src/reader/read-case";
import { xlsxSource } from "../src/reader/xlsx-source";
import { a1 } from "../src/worksheets/a1";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { componentBalanceWorksheet } from "../src/worksheets/definitions/component-balance.worksheet";
import { isoOfSerial } from "../src/worksheets/definitions/read-back-fields";
import { unbreakLines } from "../src/worksheets/definitions/enterprise.worksheet";
import { isStandardPlan, standardStages } from "../src/worksheets/definitions/team-plan.worksheet";
import { TYPICAL_ITEMS } from "../src/worksheets/definitions/walkthrough.worksheet";
import { breakLines, type BuildContext } from "../src/worksheets/layout";
import { tr, WALK_AREAS } from "../src/worksheets/i18n";
import type { Lang } from "../src/worksheets/model";
import type { CaseDraft, TableReader } from "../src/worksheets/read-back";
import { termLabel } from "../src/worksheets/terminology";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { appendTableRows, setCells, setTableCells } from "./helpers/workbook-edit";

/** The case sections of this part's sheets (表1-1 … 表3-5, components, water; R reads PARAMS, 表2-11, 表3-4, phases 4–5). */
const SECTIONS = ["team", "plan", "profile", "staff", "annualData", "equipment", "wasteSources", "facilities", "envCosts", "benchmark", "causes", "candidateData", "targets", "walkthrough", "dataInventory", "unitOperations", "measurements", "waterBalance"] as const;

const json = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
const POWER = json("cases/power-plant-workshop.json");
const TEXTBOOK = json("cases/textbook-150wan.json");

function valid(x: unknown): AuditCase {
  const r = validateCase(x);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return r.value;
}

/** The case file without `keys`. */
const without = (file: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(file).filter(([k]) => !keys.includes(k)));

/** A context for the definitions' tables (they do not depend on the case). */
const ctx0: BuildContext = { lang: "zh-CN", auditCase: null, params: null, names: {} as BuildContext["names"] };

/** The .xlsx of `file` (null: the template) in `lang`. */
async function xlsxOf(file: Record<string, unknown> | null, lang: Lang): Promise<Uint8Array> {
  return writeXlsx(buildWorkbook(file ? valid(file) : null, { lang }));
}

/** Reads a workbook: the case file, or the problems. */
async function read(bytes: Uint8Array): Promise<{ caseFile?: CaseDraft; problems: ReadProblem[] }> {
  const r = readCase(await xlsxSource(bytes), { fallbackTitle: "test" });
  return r.ok ? { caseFile: r.caseFile, problems: [] } : { problems: r.problems };
}

/** The phase 1–3 sections a case file has. */
const sectionsOf = (c: CaseDraft) => SECTIONS.filter((s) => c[s] !== undefined);

describe("issue 13: the phase 1–3 sheets read back from the .xlsx (power-plant case)", () => {
  for (const lang of ["zh-CN", "en-US"] as const) {
    it(`${lang}: every section comes back equal to the case file's, the components in the balance's streams`, async () => {
      const { caseFile, problems } = await read(await xlsxOf(POWER, lang));
      expect(problems).toEqual([]);
      const back = valid(caseFile);
      const orig = valid(POWER);
      expect(sectionsOf(caseFile!)).toEqual([...SECTIONS]);
      for (const s of SECTIONS) expect(back[s], s).toEqual(orig[s]);
      // 表3-4's own read-back gives the balances and streams; the components sheet adds their components
      expect(back.materialBalance).toEqual(orig.materialBalance);
    });
  }

  it("hand-checked forms: 固废 comes back as its standard term, a default tce factor is not written, list items in zh-CN, dates as text", async () => {
    const { caseFile } = await read(await xlsxOf(POWER, "en-US"));
    const c = caseFile!;
    const ws = c.wasteSources as Record<string, unknown>[];
    expect(ws.find((w) => w.name === "粉煤灰")!.category).toBe("一般工业固体废物");
    const annual = c.annualData as Record<string, unknown>[];
    // 原煤 in t: 0.7143 tce/t (GB/T 2589) is the default the build filled in, so it is not written back
    expect(annual.find((a) => a.name === "原煤")).not.toHaveProperty("tceFactor");
    expect(annual.find((a) => a.name === "发电量")!.reference).toBe(true);
    expect((c.team as Record<string, unknown>[])[0]).toMatchObject({ role: "组长", group: "领导小组" });
    expect((c.equipment as Record<string, unknown>[])[2]!.obsolete).toBe("是");
    expect((c.walkthrough as Record<string, unknown>[])[5]).toMatchObject({ area: "设备维护保养", result: "不适用" });
    expect((c.plan as Record<string, unknown>[])[0]).toMatchObject({ plannedStart: "2024-03-01", actualEnd: "2024-03-22" });
    // a blank cycle between readings stays a null, trailing blank cycles are dropped
    expect((c.measurements as Record<string, unknown>[])[0]!.readings).toEqual([1850, 1872, null, 1858]);
    // the history's fields are merged into the inventory entry of the same name; a stream without history has none
    expect(ws[0]).toMatchObject({ name: "锅炉排污水", y2: 50500, y1: 51200, discharge: 52000, concentration: 45, limit: 50, concentrationUnit: "mg/L" });
    expect(ws[2]).not.toHaveProperty("y2");
    // 表2-8: values and sources by indicator number, 限定性 only where 是
    expect(c.benchmark).toMatchObject({ sources: { "1": "原煤", "2": "新鲜水" }, values: { "3": 88, "4": "I" } });
    expect((c.benchmark as { indicators: Record<string, unknown>[] }).indicators.map((x) => x.mandatory)).toEqual([undefined, undefined, undefined, true]);
  });
});

describe("issue 13: a shipped index system comes back as the system", () => {
  const base = without(POWER, "benchmark");
  const cases: [string, Record<string, unknown>][] = [
    // PCB: n of the (2+n)-layer formulas, a value of a qualitative row and of a layer row, a weight the
    // system leaves open (row 9) and one it replaces (row 1), and an own indicator after the system's
    [
      "pcb, n = 2, values, weights and an own indicator",
      { system: "pcb", n: 2, values: { "2": "II", "9": 120 }, weights: { "1": 0.3, "9": 0.4 }, indicators: [{ no: "X1", level1: "自定", weight1: 0.1, level2: "自定义指标", weight2: 1, unit: "t", I: 1, II: 2, III: 3, direction: "≤" }] },
    ],
    ["electroplating, no n, nothing else", { system: "electroplating" }],
  ];
  for (const [name, benchmark] of cases) {
    it(name, async () => {
      const file = { ...base, benchmark };
      const { caseFile, problems } = await read(await xlsxOf(file, "zh-CN"));
      expect(problems).toEqual([]);
      expect(caseFile!.benchmark).toEqual(benchmark);
    });
  }
});

describe("issue 13: rows typed below the tables come back", () => {
  it("a member (en-US role), a plan stage with typed dates (serials) and a measurement point with readings", async () => {
    let bytes = await xlsxOf(POWER, "en-US");
    bytes = await appendTableRows(bytes, "tblTeam", [{ Name: "Sun Li", "Team role": "Member", Group: "Working group", Discipline: "Chemistry" }]);
    // 2024-03-01 = serial 45352 (1900 date system), 2024-03-05 = 45356
    bytes = await appendTableRows(bytes, "tblPlan", [{ Stage: "Follow-up audit", "Planned start": 45352, "Planned end": 45356 }]);
    bytes = await appendTableRows(bytes, "tblMeasurements", [{ Point: "M3 drain", Process: "Batch", "Cycle 1": 4.5, "Cycle 2": 4.7, "Cycle 4": 4.6, Unit: "t/d" }]);
    const { caseFile, problems } = await read(bytes);
    expect(problems).toEqual([]);
    const c = valid(caseFile);
    expect(c.team!.at(-1)).toEqual({ name: "Sun Li", role: "成员", group: "工作小组", discipline: "Chemistry" });
    expect(c.plan!.at(-1)).toEqual({ stage: "Follow-up audit", plannedStart: "2024-03-01", plannedEnd: "2024-03-05" });
    expect(c.measurements!.at(-1)).toEqual({ point: "M3 drain", mode: "间歇", readings: [4.5, 4.7, null, 4.6], unit: "t/d" });
    expect(c.team).toHaveLength((POWER.team as unknown[]).length + 1);
  });
});

describe("issue 13: what cannot be read is reported with its cell", () => {
  it("a row without its required field, a text in a number cell, a history row of an unknown stream, an unknown reference product", async () => {
    const book = buildWorkbook(valid(POWER), { lang: "zh-CN" });
    let bytes = await writeXlsx(book);
    bytes = await setTableCells(bytes, "tblTeam", 1, { 姓名: null });
    bytes = await setTableCells(bytes, "tblStaff", 0, { 人数: "十八" });
    bytes = await setTableCells(bytes, "tblWasteHistory", 0, { 废弃物名称: "不存在的废水" });
    const ref = book.names.find((n) => n.name === "CP_RefProduct")!;
    if (!("sheet" in ref)) throw new Error("CP_RefProduct is a cell");
    bytes = await setCells(bytes, ref.sheet, { [a1(ref.ref.top, ref.ref.left)]: "无此产品" });
    const { caseFile, problems } = await read(bytes);
    expect(caseFile).toBeUndefined();
    const text = problems.map((p) => `${p.where}: ${p.message}`);
    expect(text).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/审核小组'!B\d+: 缺少姓名/),
        expect.stringMatching(/组织机构与人员'!C\d+: .*十八/),
        expect.stringMatching(/年度数据'!D\d+: 参照产品 "无此产品" 不在年度数据中/),
        expect.stringMatching(/废弃物流历年情况'!A\d+: 废弃物名称 "不存在的废水" 不在产生源清单中/),
      ]),
    );
    expect(text).toHaveLength(4);
  });
});

describe("issue 13: cases without phase 1–3 data and the template", () => {
  it("the textbook case reads back to no phase 1–3 section (its plan is the 9 standard stages: not written)", async () => {
    for (const lang of ["zh-CN", "en-US"] as const) {
      const { caseFile, problems } = await read(await xlsxOf(TEXTBOOK, lang));
      expect(problems).toEqual([]);
      expect(sectionsOf(caseFile!)).toEqual([]);
    }
  });

  it("the blank template reads back to its typical walk-through items only (area as its zh-CN item)", async () => {
    for (const lang of ["zh-CN", "en-US"] as const) {
      const { caseFile, problems } = await read(await xlsxOf(null, lang));
      expect(problems).toEqual([]);
      expect(sectionsOf(caseFile!)).toEqual(["walkthrough"]);
      expect(caseFile!.walkthrough).toEqual(TYPICAL_ITEMS.map((items, g) => ({ area: WALK_AREAS[g]!.zh, item: tr(lang, items[0]) })));
    }
  });
});

describe("issue 13: read-back pieces", () => {
  it("the profile's inputs are named cells of 表2-1 (CP_Profile_<field>), the lookups (enterprise, head count) are not", () => {
    const book = buildWorkbook(valid(POWER), { lang: "zh-CN" });
    const sheet = book.sheets.find((x) => x.key === "WS2-1")!;
    const named = book.names.flatMap((n) => ("sheet" in n && n.name.startsWith("CP_Profile_") ? [n] : []));
    expect(named.map((n) => n.name.slice("CP_Profile_".length))).toEqual(["sector", "type", "legalRepresentative", "address", "phone", "contact", "founded", "area", "products", "outputValue", "envOrganisation", "pollutants"]);
    for (const n of named) {
      expect(n.sheet).toBe(sheet.name);
      expect(sheet.cells.find((x) => x.row === n.ref.top && x.col === n.ref.left)?.style, n.name).toBe("input");
    }
  });

  it("components go into the one stream of their unit operation and name (unnamed: #1, #2 …); an unknown or doubled stream is reported", () => {
    const t = componentBalanceWorksheet.tables!(ctx0)[0]!;
    const problems: string[] = [];
    const table = { problem: (m: string) => problems.push(m) } as unknown as TableReader<string>;
    const draft: CaseDraft = {
      materialBalance: [
        { unitOperation: "U1", inputs: [{ stream: "water" }, {}], outputs: [{ stream: "Waste" }] },
        { inputs: [{ stream: "a" }, { stream: "a" }], outputs: [] },
      ],
    };
    t.readBack!.store(
      draft,
      [
        { unitOperation: "u1", stream: "WATER", name: "Cr", fraction: 0.01 },
        { unitOperation: "U1", stream: "#2", name: "Cr", fraction: 0 },
        { unitOperation: "U1", stream: "waste", name: "Cr", fraction: 0.02 },
        { unitOperation: "U1", stream: "waste", name: "COD", fraction: 0.1 },
        { unitOperation: "U1", stream: "steam", name: "Cr", fraction: 0.3 },
        { unitOperation: "#2", stream: "a", name: "Cr", fraction: 0.3 },
      ],
      table,
    );
    expect(draft.materialBalance).toEqual([
      { unitOperation: "U1", inputs: [{ stream: "water", components: [{ name: "Cr", fraction: 0.01 }] }, { components: [{ name: "Cr", fraction: 0 }] }], outputs: [{ stream: "Waste", components: [{ name: "Cr", fraction: 0.02 }, { name: "COD", fraction: 0.1 }] }] },
      { inputs: [{ stream: "a" }, { stream: "a" }], outputs: [] },
    ]);
    expect(problems).toEqual([expect.stringContaining("U1 / steam: 物流不在物料平衡表中"), expect.stringContaining("#2 / a: 物流名称重复")]);
  });

  it("Excel date serials: 45352 is 2024-03-01 (1900 date system), the time of day dropped", () => {
    // 1900-01-01 is serial 2 … 2024-03-01: 45 352 (the serial the build writes for the plan's "2024-03-01")
    expect(isoOfSerial(45352)).toBe("2024-03-01");
    expect(isoOfSerial(45352.75)).toBe("2024-03-01");
    expect(isoOfSerial(2)).toBe("1900-01-01");
  });

  it("the standard plan in either language and terminology is recognised, a changed one is not", () => {
    for (const lang of ["zh-CN", "en-US"] as const) {
      for (const term of ["2001", "2016"] as const) {
        expect(isStandardPlan(standardStages().map((x) => ({ stage: tr(lang, termLabel(x, term)) })))).toBe(true);
      }
    }
    const rows = standardStages().map((x) => ({ stage: tr("zh-CN", termLabel(x, "2016")) }));
    expect(isStandardPlan([...rows.slice(0, 8), { stage: "审核报告", work: "编写报告" }])).toBe(false);
    expect(isStandardPlan(rows.slice(0, 8))).toBe(false);
  });

  it("a profile text broken into lines by the build is joined back; a user's own line breaks are kept", () => {
    const en = "Main products: electricity from two 300 MW coal-fired units, steam for the district heating network and fly ash sold to building-material plants";
    const zh = "主要产品为电力（2×300 MW 燃煤机组），同时向城市供热管网供应蒸汽，粉煤灰和炉渣全部外售给建材厂综合利用，脱硫石膏外售";
    for (const text of [en, zh]) {
      const cell = breakLines(text, 60).join("\n");
      expect(cell).toContain("\n");
      expect(unbreakLines(cell)).toBe(text);
    }
    expect(unbreakLines("第一行\n第二行")).toBe("第一行\n第二行");
  });
});
