/**
 * The living workbook (issue 8, engineering guide §1b), checked the way a consultant and the
 * enterprise use it: the written .xlsx of both bundled cases and of the blank template, in zh-CN
 * and en-US, is edited at the file level as Excel edits it (test/helpers/workbook-edit.ts: a row
 * typed just below a table — the table grows and its calculated columns fill —, a sheet row
 * inserted inside a table, a text typed into a number cell), then LibreOffice recalculates it with
 * every cached result removed, and:
 *
 * - the table parts carry every calculated column's formula (`<calculatedColumnFormula>`);
 * - an option appended to the register and one inserted inside it are in the counts per aspect ×
 *   class, the class subtotals and the totals (expected values counted here from the case JSON
 *   plus the two typed rows), and the economics sheet finds the appended option by id (name and
 *   investment looked up, ranked with the others), and so does the feasibility sheet (its rows follow
 *   the economics rows);
 * - a text typed as P ("十万") flags its own row (检查, 待定), is not ranked, and no cell anywhere is
 *   an error; the other options keep their ranks 1..m;
 * - with no discount rate (the blank template), an evaluated option shows 缺少贴现率 and 待定 — no
 *   NPV, no NPVR, no rank, no verdict (its IRR, which needs no discount rate, is shown) — and the
 *   benchmark rate stays blank instead of 0.00 %;
 * - conclusions nobody entered give 待定, never 推荐实施 (the demo's typed 可行 conclusions give 推荐实施);
 * - an item appended to a list on the lists sheet is in the list's defined name.
 */
import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { validateCase, type AuditCase } from "../src/worksheets/case";
import { ECON_LABELS, TBL_ECONOMICS } from "../src/worksheets/definitions/economics.worksheet";
import { FEASIBILITY_LABELS, TBL_FEASIBILITY } from "../src/worksheets/definitions/feasibility.worksheet";
import { LIST_TABLES } from "../src/worksheets/definitions/lists.worksheet";
import { TBL_OPTIONS } from "../src/worksheets/definitions/option-register.worksheet";
import { ASPECTS, COST_CLASSES, LISTS, tr } from "../src/worksheets/i18n";
import type { Lang, WorkbookModel } from "../src/worksheets/model";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { findErrorCells, parseSpreadsheetNumber, recalculate, requireSoffice, stripCachedValues } from "./helpers/libreoffice";
import { pool } from "./helpers/pool";
import { col, findTable, shownRows } from "./helpers/tables";
import { appendTableRows, insertTableRow, setCells, setTableCells } from "./helpers/workbook-edit";

const hasSoffice = requireSoffice();

const INPUTS: { name: string; path: string | null }[] = [
  { name: "power-plant-workshop", path: "cases/power-plant-workshop.json" },
  { name: "textbook-150wan", path: "cases/textbook-150wan.json" },
  { name: "template", path: null },
];
const LANGS: Lang[] = ["zh-CN", "en-US"];

interface Edited {
  c: AuditCase | null;
  lang: Lang;
  book: WorkbookModel;
  bytes: Uint8Array;
  grids: Map<string, string[][]>;
}

/** The two options the test types into the register, and the P typed into the economics sheet. */
const APPENDED = { id: "X-99", name: "新增方案", aspect: 2, costClass: 2, investment: 12.5, benefit: 3 }; // 设备, 中费
const INSERTED = { id: "X-98", name: "插入方案", aspect: 6, costClass: 1, investment: 1, benefit: 0.5 }; // 管理, 低费
const APPENDED_P = 6;

async function edit(path: string | null, lang: Lang): Promise<Edited> {
  let c: AuditCase | null = null;
  if (path !== null) {
    const v = validateCase(JSON.parse(readFileSync(path, "utf8")));
    if (!v.ok) throw new Error(path);
    c = v.value;
  }
  const book = buildWorkbook(c, { lang });
  let bytes = await writeXlsx(book);
  const O = (k: keyof typeof TBL_OPTIONS.columns) => col(TBL_OPTIONS, k, lang);
  const E = (k: keyof typeof TBL_ECONOMICS.columns) => col(TBL_ECONOMICS, k, lang);
  const option = (o: typeof APPENDED) => ({
    [O("id")]: o.id,
    [O("name")]: o.name,
    [O("aspect")]: tr(lang, ASPECTS[o.aspect]!),
    [O("costClass")]: tr(lang, COST_CLASSES[o.costClass]!),
    [O("investment")]: o.investment,
    [O("benefit")]: o.benefit,
  });
  bytes = await appendTableRows(bytes, "tblOptions", [option(APPENDED)]);
  bytes = await insertTableRow(bytes, "tblOptions", 0, option(INSERTED));
  bytes = await appendTableRows(bytes, "tblEconomics", [{ [E("id")]: APPENDED.id, [E("savings")]: APPENDED_P }]);
  // a text typed as P of the case's first evaluated option (when there is one)
  if ((c?.economics?.length ?? 0) > 0) {
    bytes = await setTableCells(bytes, "tblEconomics", 0, { [E("savings")]: "十万", [E("fGiven")]: null });
  }
  // an item appended to the aspect list, and a probe of the list's defined name
  const aspectHeader = tr(lang, LISTS.find((x) => x.id === "aspect")!.header);
  bytes = await appendTableRows(bytes, LIST_TABLES.aspect, [{ [aspectHeader]: "新增类型" }]);
  const lists = book.sheets.find((s) => s.key === "LISTS")!;
  bytes = await setCells(bytes, lists.name, { AZ1: "=ROWS(CP_List_aspect)" });
  const grids = await recalculate(await stripCachedValues(bytes));
  return { c, lang, book, bytes, grids };
}

const edited = new Map<string, Edited>();
const num = (t: string | undefined) => parseSpreadsheetNumber(t ?? "");

describe.skipIf(!hasSoffice)("the living workbook: rows added, inserted and mistyped, recalculated by LibreOffice", () => {
  beforeAll(async () => {
    const tasks = INPUTS.flatMap((inp) => LANGS.map((lang) => async () => [`${inp.name}/${lang}`, await edit(inp.path, lang)] as const));
    for (const [k, v] of await pool(tasks, 2)) edited.set(k, v);
  }, 600_000);

  for (const inp of INPUTS) {
    for (const lang of LANGS) {
      const id = `${inp.name}/${lang}`;
      describe(id, () => {
        it("no cell of any sheet is an error after the edits", () => {
          expect(findErrorCells(edited.get(id)!.grids)).toEqual([]);
        });

        it("every calculated column is in its table part (Excel fills new rows from it)", async () => {
          const e = edited.get(id)!;
          const zip = await JSZip.loadAsync(await writeXlsx(e.book));
          const parts = await Promise.all(Object.keys(zip.files).filter((p) => /^xl\/tables\/table\d+\.xml$/.test(p)).map((p) => zip.file(p)!.async("string")));
          for (const s of e.book.sheets) {
            for (const t of s.tables) {
              const xml = parts.find((x) => new RegExp(`\\bname="${t.name}"`).test(x));
              expect(xml, t.name).toBeDefined();
              const calculated = [...xml!.matchAll(/<calculatedColumnFormula>/g)].length;
              expect(calculated, t.name).toBe(t.columns.filter((c) => c.formula !== undefined).length);
            }
          }
        });

        it("the typed and inserted options are in every count and total of the register", () => {
          const e = edited.get(id)!;
          const opts = [...(e.c?.options ?? e.c?.economics?.map((x) => ({ id: x.optionId, investment: x.investment, aspect: undefined, costClass: undefined, annualBenefit: undefined })) ?? [])];
          const reg = findTable(e.book, "tblOptions");
          const grid = e.grids.get(reg.sheet.name)!;
          const rows = shownRows(e.grids, e.book, "tblOptions", 2);
          expect(rows.map((r) => r[col(TBL_OPTIONS, "id", lang)]).filter((x) => x !== "")).toEqual([INSERTED.id, ...opts.map((o) => o.id), APPENDED.id]);
          // the summary block: the row of each aspect, the columns of each class
          const head = grid.findIndex((r, k) => k < reg.table.ref.top && r[1] === tr(lang, COST_CLASSES[0]!));
          expect(head).toBeGreaterThan(0);
          const cell = (aspect: number, cls: number) => num(grid[head + 1 + aspect]![1 + cls]);
          for (let a = 0; a < ASPECTS.length; a++) {
            for (let k = 0; k < COST_CLASSES.length; k++) {
              const n =
                opts.filter((o) => o.aspect === ASPECTS[a]!.zh && o.costClass === COST_CLASSES[k]!.zh).length +
                [APPENDED, INSERTED].filter((o) => o.aspect === a && o.costClass === k).length;
              expect(cell(a, k), `${ASPECTS[a]!.zh} × ${COST_CLASSES[k]!.zh}`).toBe(n);
            }
          }
          const countRow = grid[head + 1 + ASPECTS.length]!;
          const totalCol = countRow.length - 1 - [...countRow].reverse().findIndex((x) => x !== "");
          expect(num(countRow[totalCol]), "number of options").toBe(opts.length + 2);
          const invRow = grid[head + 2 + ASPECTS.length]!;
          const inv = opts.reduce((s, o) => s + (o.investment ?? 0), 0) + APPENDED.investment + INSERTED.investment;
          expect(Math.abs(num(invRow[totalCol])! - inv), "investment total").toBeLessThan(1e-9);
        });

        it("the economics sheet finds the typed option by id, ranks it with the others, and the feasibility sheet lists it", () => {
          const e = edited.get(id)!;
          const E = (k: keyof typeof TBL_ECONOMICS.columns) => col(TBL_ECONOMICS, k, lang);
          const rows = shownRows(e.grids, e.book, "tblEconomics", 1).filter((r) => r[E("id")] !== "");
          const mine = rows.find((r) => r[E("id")] === APPENDED.id)!;
          expect(mine[E("name")]).toBe(APPENDED.name);
          expect(num(mine[E("investment")])).toBe(APPENDED.investment);
          const hasRate = e.c !== null;
          if (hasRate) {
            // F = (P − I/Y)(1 − t) + I/Y with the case's Y and t
            const Y = e.c!.parameters.depreciationYears!;
            const t = e.c!.parameters.taxRate!;
            const F = (APPENDED_P - APPENDED.investment / Y) * (1 - t) + APPENDED.investment / Y;
            expect(Math.abs(num(mine[E("cashFlow")])! - F)).toBeLessThan(1e-9);
            // the ranks of the ranked rows are 1..m (RANK.EQ over the whole column, the new row included)
            const ranks = rows.map((r) => num(r[E("rank")])).filter((x): x is number => x !== null).sort((a, b) => a - b);
            expect(ranks).toEqual(ranks.map((_, k) => k + 1));
            expect(num(mine[E("rank")])).not.toBeNull();
          } else {
            // the blank template has no discount rate: the missing parameter is named, no plausible number
            expect(mine[E("npv")]).toBe(tr(lang, ECON_LABELS.missingRate));
            // (the IRR needs no discount rate: it is shown; the verdict, which needs i and i_b, is not)
            expect(mine[E("verdict")]).toBe(tr(lang, ECON_LABELS.pending) + tr(lang, ECON_LABELS.missingRate));
            expect(mine[E("rank")]).toBe("");
            const params = e.book.sheets.find((s) => s.key === "PARAMS")!;
            const grid = e.grids.get(params.name)!;
            const bench = e.book.names.find((n) => n.name === "CP_BenchmarkRate")!;
            if ("sheet" in bench) expect(grid[bench.ref.top]![bench.ref.left] ?? "").toBe("");
          }
          // feasibility: the builder listed every evaluated option of the case; the typed one is counted as
          // not yet listed (a flag above the table) until it is picked there
          const F = (k: keyof typeof TBL_FEASIBILITY.columns) => col(TBL_FEASIBILITY, k, lang);
          const feas = shownRows(e.grids, e.book, "tblFeasibility").filter((r) => r[F("id")] !== "");
          expect(feas.map((r) => r[F("id")])).toEqual(rows.map((r) => r[E("id")]).filter((x) => x !== APPENDED.id));
          const fs = findTable(e.book, "tblFeasibility");
          const grid = e.grids.get(fs.sheet.name)!;
          const missingRow = grid.findIndex((r) => r[0] === tr(lang, FEASIBILITY_LABELS.missing));
          expect(missingRow, "the not-yet-listed count above the table").toBeGreaterThan(0);
          expect(num(grid[missingRow]![4])).toBe(1);
          // conclusions nobody entered (textbook case, typed option) give 待定, never 推荐实施; the demo's
          // options with both conclusions 可行 and an economic verdict are 推荐实施 — except the first one,
          // whose P is typed as a text above (its economic verdict is pending, so is its conclusion)
          const concluded = new Set((e.c?.economics ?? []).filter((x) => x.technical === "可行" && x.environmental === "可行").map((x) => x.optionId));
          const mistyped = (e.c?.economics?.length ?? 0) > 0 ? rows[0]![E("id")] : undefined;
          for (const r of feas) {
            const expected = concluded.has(r[F("id")]!) && r[F("id")] !== mistyped ? FEASIBILITY_LABELS.recommend : FEASIBILITY_LABELS.pending;
            expect(r[F("overall")], r[F("id")]).toBe(tr(lang, expected));
          }
          if (concluded.size > 1) expect(feas.some((r) => r[F("overall")] === tr(lang, FEASIBILITY_LABELS.recommend))).toBe(true);
        });

        // only where the case evaluates an option (the template has none to type over)
        if (inp.path !== null) it("a text typed as P flags its own row only: 检查 says so, the verdict is pending, it is not ranked", () => {
          const e = edited.get(id)!;
          expect(e.c?.economics?.length ?? 0).toBeGreaterThan(0);
          const E = (k: keyof typeof TBL_ECONOMICS.columns) => col(TBL_ECONOMICS, k, lang);
          const first = shownRows(e.grids, e.book, "tblEconomics")[0]!;
          expect(first[E("check")]).toBe(tr(lang, ECON_LABELS.pNaN));
          expect(first[E("verdict")]).toBe(tr(lang, ECON_LABELS.pending) + tr(lang, ECON_LABELS.pNaN));
          expect(first[E("rank")]).toBe("");
        });

        it("an item typed below a list is in the list's defined name (the dropdown offers it)", () => {
          const e = edited.get(id)!;
          const lists = e.book.sheets.find((s) => s.key === "LISTS")!;
          expect(num(e.grids.get(lists.name)![0]![51])).toBe(ASPECTS.length + 1);
        });
      });
    }
  }
});
