/**
 * Workbook bench (issue 3 item 6): the large synthetic case (bench/synthetic-case.ts) through our path, and the
 * same cells written with ExcelJS directly, in the same run.
 *
 * - ours:   JSON case → validateCase → buildWorkbook(case, { lang: "zh-CN" }) → writeXlsx → .xlsx bytes.
 * - direct: the cells of the model ours builds (same sheets, values, formulas in file syntax with their cached
 *           results, number formats; every cell styled, like ours) written with plain ExcelJS: new Workbook,
 *           addWorksheet, cell.value = ..., one shared style object per number format, writeBuffer. No merges,
 *           validations, conditional formats, print setup or protection: those are extra work of ours, part
 *           of what the ratio measures.
 *
 * How:
 * - the parent writes both inputs to a temporary folder: the case as JSON text (what a case file holds) and
 *   the direct path's cell list (taken from the built model, so the cell counts match);
 * - wall time: ONE child process (node --expose-gc --import tsx) runs a warm-up of each path, then `runs`
 *   rounds of both paths interleaved (order alternating, gc() before each run), so both paths share the
 *   machine's load alike; the figure is the median; CPU time (user + system, process.cpuUsage) beside it;
 * - peak memory: each path once more in a FRESH child process of its own; the figure is the child's
 *   process.resourceUsage().maxRSS (peak resident set, module loading and input included; MB = 10^6 bytes);
 *   that child's single run also gives the cold time (first run, JIT not warmed up);
 * - targets (issue 3): ours under 2 s and under 300 MB, ours/direct ≤ 1.5×. PASS/FAIL is printed; the
 *   process exits 0 either way unless `--strict` is given (bench/run.ts).
 *
 * `--breakdown` adds where our path's time goes, each item timed on its own: writeXlsx on the full model,
 * without merges and on the cells only; toFileFormula over every formula and ExcelJS's mergeCells over every
 * merge (both inside writeXlsx); buildWorkbook per worksheet.
 *
 * Run alone: npx tsx bench/workbook.bench.ts [--runs N] [--breakdown] [--strict]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const thisFile = fileURLToPath(import.meta.url);

/** Targets of issue 3 item 6. */
export const WORKBOOK_TARGETS = { wallMs: 2000, peakMB: 300, ratio: 1.5 } as const;

type PathName = "ours" | "direct";

/** One cell of the direct path: [row, col, value or cached result, file formula or null, numFmt or null]. */
type DirectCell = [number, number, string | number | boolean | null, string | null, string | null];
interface DirectInput {
  lang: "zh-CN";
  sheets: { name: string; cells: DirectCell[] }[];
}

/** Figures of one path. Times in ms, memory in MB (10^6 bytes). */
export interface PathFigures {
  /** wall time of each timed run (after the warm-up) */
  wallMs: number[];
  medianWallMs: number;
  /** CPU time (user + system) of each timed run */
  cpuMs: number[];
  medianCpuMs: number;
  /** median of each phase: ours validate/build/write, direct populate/write */
  phases: Record<string, number>;
  /** wall time of the single run in a fresh process (cold JIT) */
  coldWallMs: number;
  /** peak resident set of the fresh process (maxRSS), MB */
  peakMB: number;
  /** resident set of the fresh process after loading modules and input, before the run, MB */
  loadedMB: number;
  /** time the fresh process took to import the path's modules and parse its input (not in the run's time), ms */
  loadMs: number;
  /** .xlsx size, bytes */
  fileBytes: number;
}

export interface TargetCheck {
  name: string;
  value: string;
  target: string;
  pass: boolean;
}

export interface BreakdownRow {
  item: string;
  medianWallMs: number;
  medianCpuMs: number;
}

export interface ModuleLayer {
  layer: string;
  loadMs: number;
  /** resident set after this layer, MB */
  rssMB: number;
}

export interface WorkbookBenchResult {
  seed: number;
  counts: {
    sheets: number;
    cells: number;
    formulas: number;
    /** cells whose model carries a style token (every cell of both paths gets a style: ours the language font at least) */
    tokenStyled: number;
    merges: number;
    validations: number;
    conditionalFormats: number;
    options: number;
    economics: number;
    candidates: number;
    factors: number;
    balanceStreams: number;
    unitOperations: number;
    wasteSources: number;
  };
  ours: PathFigures;
  direct: PathFigures;
  /** median wall ours / median wall direct */
  ratio: number;
  targets: TargetCheck[];
  breakdown?: BreakdownRow[];
  /** resident set after each module layer of our path (--breakdown) */
  modules?: ModuleLayer[];
  /** 1-minute load average when the timing started and ended (2-core machine: above 2 means contention) */
  load: { before: number; after: number };
  cores: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const MB = (bytes: number) => bytes / 1e6;

// ---------------------------------------------------------------------------------------------
// the two paths (run inside the child processes)

interface RunFigures {
  wallMs: number;
  cpuMs: number;
  phases: Record<string, number>;
  bytes: number;
}

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function loadOurs(caseText: string) {
  const { validateCase } = await import("../src/worksheets/case");
  const { buildWorkbook } = await import("../src/worksheets/workbook");
  const { writeXlsx } = await import("../src/writers/xlsx");
  const json: unknown = JSON.parse(caseText);
  return async (): Promise<RunFigures> => {
    const c0 = cpuNow();
    const t0 = performance.now();
    const v = validateCase(json);
    if (!v.ok) throw new Error(`synthetic case does not validate: ${v.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join("; ")}`);
    const t1 = performance.now();
    const model = buildWorkbook(v.value, { lang: "zh-CN" });
    const t2 = performance.now();
    const bytes = await writeXlsx(model);
    const t3 = performance.now();
    return { wallMs: t3 - t0, cpuMs: cpuNow() - c0, phases: { validate: t1 - t0, build: t2 - t1, write: t3 - t2 }, bytes: bytes.byteLength };
  };
}

async function loadDirect(specText: string) {
  const { default: ExcelJS } = await import("exceljs");
  const spec = JSON.parse(specText) as DirectInput;
  return async (): Promise<RunFigures> => {
    const c0 = cpuNow();
    const t0 = performance.now();
    const wb = new ExcelJS.Workbook();
    const thin: Partial<import("exceljs").Border> = { style: "thin", color: { argb: "FF808080" } };
    const shared: Partial<import("exceljs").Style> = {
      font: { name: "等线", family: 2, charset: 134, size: 11 },
      border: { top: thin, left: thin, bottom: thin, right: thin },
    };
    // one shared style object per number format (cell.numFmt = ... would mutate a shared style)
    const byFormat = new Map<string, Partial<import("exceljs").Style>>();
    for (const s of spec.sheets) {
      const ws = wb.addWorksheet(s.name);
      for (const [row, col, value, formula, numFmt] of s.cells) {
        const cell = ws.getCell(row + 1, col + 1);
        if (formula !== null) cell.value = { formula, result: value ?? "" } as import("exceljs").CellFormulaValue;
        else if (value !== null) cell.value = value;
        let style = shared;
        if (numFmt !== null) {
          style = byFormat.get(numFmt) ?? { ...shared, numFmt };
          byFormat.set(numFmt, style);
        }
        cell.style = style;
      }
    }
    const t1 = performance.now();
    const out = await wb.xlsx.writeBuffer();
    const t2 = performance.now();
    return { wallMs: t2 - t0, cpuMs: cpuNow() - c0, phases: { populate: t1 - t0, write: t2 - t1 }, bytes: out.byteLength };
  };
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

interface TimeChildOutput {
  ours: RunFigures[];
  direct: RunFigures[];
  breakdown?: BreakdownRow[];
}

async function timeChild(dir: string, runs: number, breakdown: boolean): Promise<TimeChildOutput> {
  const ours = await loadOurs(readFileSync(join(dir, "case.json"), "utf8"));
  const direct = await loadDirect(readFileSync(join(dir, "cells.json"), "utf8"));
  gc();
  await ours(); // warm-up
  gc();
  await direct();
  const out: TimeChildOutput = { ours: [], direct: [] };
  for (let r = 0; r < runs; r++) {
    const order: PathName[] = r % 2 === 0 ? ["ours", "direct"] : ["direct", "ours"];
    for (const p of order) {
      gc();
      out[p].push(await (p === "ours" ? ours() : direct()));
    }
  }
  if (breakdown) out.breakdown = await writeBreakdown(readFileSync(join(dir, "case.json"), "utf8"), runs);
  return out;
}

/**
 * Where the time of our path goes (--breakdown), each item timed on its own (median of `runs`, CPU and wall):
 * writeXlsx on the full model, without merges, and on the cells only; toFileFormula over every formula and
 * ExcelJS's mergeCells over every merge (both inside writeXlsx); buildWorkbook of each worksheet key
 * (its dependencies and PARAMS/LISTS included).
 */
async function writeBreakdown(caseText: string, runs: number): Promise<BreakdownRow[]> {
  const { validateCase } = await import("../src/worksheets/case");
  const { buildWorkbook } = await import("../src/worksheets/workbook");
  const { writeXlsx, toFileFormula } = await import("../src/writers/xlsx");
  const { default: ExcelJS } = await import("exceljs");
  type WorkbookModel = import("../src/worksheets/model").WorkbookModel;
  const v = validateCase(JSON.parse(caseText));
  if (!v.ok) throw new Error("synthetic case does not validate");
  const auditCase = v.value;
  const model = buildWorkbook(auditCase, { lang: "zh-CN" });
  const formulas = model.sheets.flatMap((s) => s.cells).filter((c) => c.formula !== undefined).length;
  const merges = model.sheets.reduce((n, s) => n + s.merges.length, 0);
  const noMerges: WorkbookModel = { ...model, sheets: model.sheets.map((s) => ({ ...s, merges: [] })) };
  const cellsOnly: WorkbookModel = {
    ...model,
    names: [],
    sheets: model.sheets.map(({ print: _p, freeze: _f, ...s }) => ({ ...s, merges: [], validations: [], conditionalFormats: [], protect: false })),
  };
  // each item: [name, set-up (not timed) returning the timed function]
  type Timed = () => unknown;
  const items: [string, () => Timed][] = [
    ["writeXlsx: full model", () => () => writeXlsx(model)],
    ["writeXlsx: model without merges", () => () => writeXlsx(noMerges)],
    ["writeXlsx: cells only (no merges, validations, cond. formats, print, protection, names)", () => () => writeXlsx(cellsOnly)],
    [
      `  inside writeXlsx: toFileFormula × ${formulas.toLocaleString("en-US")} (src/writers/xlsx/formula.ts)`,
      () => {
        // a fresh model: the formula strings as writeXlsx receives them
        const m = buildWorkbook(auditCase, { lang: "zh-CN" });
        const fs = m.sheets.flatMap((s) => s.cells).flatMap((c) => (c.formula !== undefined ? [c.formula] : []));
        return () => fs.reduce((n, f) => n + toFileFormula(f).length, 0);
      },
    ],
    [
      `  inside writeXlsx: ExcelJS Worksheet.mergeCells × ${merges.toLocaleString("en-US")}`,
      () => () => {
        const wb = new ExcelJS.Workbook();
        for (const s of model.sheets) {
          const ws = wb.addWorksheet(s.name);
          for (const g of s.merges) if (g.top !== g.bottom || g.left !== g.right) ws.mergeCells(g.top + 1, g.left + 1, g.bottom + 1, g.right + 1);
        }
      },
    ],
    ...(["WS2-6", "WS2-11", "WS3-4", "WS4-1", "WS5-3", "WS5-4"] as const).map(
      (k): [string, () => Timed] => [`buildWorkbook keys [${k}] (+ its dependencies, PARAMS, LISTS)`, () => () => buildWorkbook(auditCase, { lang: "zh-CN", keys: [k] })],
    ),
  ];
  const wall = new Map<string, number[]>();
  const cpu = new Map<string, number[]>();
  for (const [, prepare] of items) await prepare()(); // warm-up
  for (let r = 0; r < runs; r++) {
    for (const [name, prepare] of r % 2 === 0 ? items : [...items].reverse()) {
      const timed = prepare();
      gc();
      const c0 = cpuNow();
      const t0 = performance.now();
      await timed();
      wall.set(name, [...(wall.get(name) ?? []), performance.now() - t0]);
      cpu.set(name, [...(cpu.get(name) ?? []), cpuNow() - c0]);
    }
  }
  return items.map(([name]) => ({ item: name, medianWallMs: median(wall.get(name)!), medianCpuMs: median(cpu.get(name)!) }));
}

/** Resident set after importing each layer of our path in turn, in a fresh process (--breakdown). */
async function modulesChild(): Promise<ModuleLayer[]> {
  const layers: [string, () => Promise<unknown>][] = [
    ["node + tsx loader", async () => undefined],
    ["+ exceljs", () => import("exceljs")],
    ["+ mathjs (whole ESM graph: src/core/units.ts imports create() from \"mathjs\")", () => import("mathjs")],
    ["+ src/core", () => import("../src/core")],
    ["+ src/worksheets (case, workbook, definitions)", async () => { await import("../src/worksheets/case"); await import("../src/worksheets/workbook"); }],
    ["+ src/writers/xlsx", () => import("../src/writers/xlsx")],
  ];
  const out: ModuleLayer[] = [];
  for (const [layer, load] of layers) {
    const t0 = performance.now();
    await load();
    out.push({ layer, loadMs: performance.now() - t0, rssMB: MB(process.memoryUsage().rss) });
  }
  return out;
}

interface MemoryChildOutput {
  loadMs: number;
  loadedMB: number;
  peakMB: number;
  coldWallMs: number;
  bytes: number;
}

async function memoryChild(dir: string, path: PathName): Promise<MemoryChildOutput> {
  const t0 = performance.now();
  const run = path === "ours"
    ? await loadOurs(readFileSync(join(dir, "case.json"), "utf8"))
    : await loadDirect(readFileSync(join(dir, "cells.json"), "utf8"));
  const loadMs = performance.now() - t0;
  const loadedMB = MB(process.memoryUsage().rss);
  const r = await run();
  return { loadMs, loadedMB, peakMB: (process.resourceUsage().maxRSS * 1024) / 1e6, coldWallMs: r.wallMs, bytes: r.bytes };
}

// ---------------------------------------------------------------------------------------------
// parent

function runChild(args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", thisFile, ...args], {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? ok() : fail(new Error(`bench child ${args.join(" ")} exited with ${code}:\n${err}`))));
  });
}

async function prepareInputs(dir: string, seed: number): Promise<WorkbookBenchResult["counts"]> {
  const { syntheticCase } = await import("./synthetic-case");
  const { validateCase } = await import("../src/worksheets/case");
  const { buildWorkbook } = await import("../src/worksheets/workbook");
  const { toFileFormula } = await import("../src/writers/xlsx");
  const caseText = JSON.stringify(syntheticCase(seed));
  writeFileSync(join(dir, "case.json"), caseText);
  const v = validateCase(JSON.parse(caseText));
  if (!v.ok) throw new Error(`synthetic case does not validate: ${v.errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`).join("; ")}`);
  const model = buildWorkbook(v.value, { lang: "zh-CN" });
  const spec: DirectInput = {
    lang: "zh-CN",
    sheets: model.sheets.map((s) => ({
      name: s.name,
      cells: s.cells.map((c): DirectCell => {
        const formula = c.formula !== undefined ? toFileFormula(c.formula.replace(/^=/, "")) : null;
        const value = formula !== null ? (c.result ?? "") : (c.value ?? null);
        return [c.row, c.col, value, formula, c.numberFormat ?? null];
      }),
    })),
  };
  writeFileSync(join(dir, "cells.json"), JSON.stringify(spec));
  const cells = model.sheets.flatMap((s) => s.cells);
  const c = v.value;
  return {
    sheets: model.sheets.length,
    cells: cells.length,
    formulas: cells.filter((x) => x.formula !== undefined).length,
    tokenStyled: cells.filter((x) => x.style !== undefined).length,
    merges: model.sheets.reduce((n, s) => n + s.merges.length, 0),
    validations: model.sheets.reduce((n, s) => n + s.validations.length, 0),
    conditionalFormats: model.sheets.reduce((n, s) => n + s.conditionalFormats.length, 0),
    options: c.options?.length ?? 0,
    economics: c.economics?.length ?? 0,
    candidates: c.focusSelection?.candidates.length ?? 0,
    factors: c.focusSelection?.factors.length ?? 0,
    balanceStreams: (c.materialBalance ?? []).reduce((n, b) => n + b.inputs.length + b.outputs.length, 0),
    unitOperations: c.materialBalance?.length ?? 0,
    wasteSources: c.wasteSources?.length ?? 0,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? "")].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c + " ".repeat(widths[i]! - [...c].length)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

const ms = (x: number) => `${Math.round(x).toLocaleString("en-US")} ms`;
const mb = (x: number) => `${x.toFixed(0)} MB`;

/** Prints the figures of a result (also used by bench/run.ts's summary). */
export function printWorkbookBench(r: WorkbookBenchResult): void {
  const c = r.counts;
  console.log(
    `\nWorkbook bench: synthetic case (seed ${r.seed}): ${c.options} options (${c.economics} with economics), ` +
      `${c.candidates} candidates × ${c.factors} factors, ${c.balanceStreams} balance streams over ${c.unitOperations} unit operations, ` +
      `${c.wasteSources} waste sources`,
  );
  console.log(
    `Model: ${c.sheets} sheets, ${c.cells.toLocaleString("en-US")} cells (${c.formulas.toLocaleString("en-US")} formulas, ` +
      `${c.tokenStyled.toLocaleString("en-US")} with a style token; every cell styled in both paths), ${c.merges} merges, ` +
      `${c.validations} validations, ${c.conditionalFormats} conditional formats\n`,
  );
  const phase = (p: Record<string, number>) => Object.entries(p).map(([k, v]) => `${k} ${Math.round(v)}`).join(" + ");
  console.log(
    table([
      ["path", "wall (median)", "best", "runs", "CPU (median)", "phases, ms (medians)", "cold 1st run", "peak RSS", "RSS before run", "module load", "file"],
      ...(["ours", "direct"] as const).map((p) => {
        const f = r[p];
        return [
          p === "ours" ? "ours: validate+build+writeXlsx" : "direct ExcelJS, same cells",
          ms(f.medianWallMs),
          ms(Math.min(...f.wallMs)),
          f.wallMs.map((x) => Math.round(x)).join(" "),
          ms(f.medianCpuMs),
          phase(f.phases),
          ms(f.coldWallMs),
          mb(f.peakMB),
          mb(f.loadedMB),
          ms(f.loadMs),
          `${(f.fileBytes / 1024).toFixed(0)} KiB`,
        ];
      }),
    ]),
  );
  console.log(`\nratio ours/direct (median wall): ${r.ratio.toFixed(2)}×   (CPU: ${(r.ours.medianCpuMs / r.direct.medianCpuMs).toFixed(2)}×)`);
  console.log(`load average (1 min) ${r.load.before.toFixed(2)} before, ${r.load.after.toFixed(2)} after, on ${r.cores} cores\n`);
  console.log(table([["target", "measured", "target", "result"], ...r.targets.map((t) => [t.name, t.value, t.target, t.pass ? "PASS" : "FAIL"])]));
  if (r.breakdown) {
    console.log("\nWhere our path's time goes (--breakdown): each item timed on its own, medians\n");
    console.log(table([["item", "wall", "CPU"], ...r.breakdown.map((b) => [b.item, ms(b.medianWallMs), ms(b.medianCpuMs)])]));
  }
  if (r.modules) {
    console.log("\nResident set after importing each layer of our path (fresh process, node --import tsx)\n");
    let prev = 0;
    console.log(
      table([
        ["layer", "import time", "RSS", "added"],
        ...r.modules.map((m, i) => {
          const row = [m.layer, ms(m.loadMs), mb(m.rssMB), i === 0 ? "" : `+${(m.rssMB - prev).toFixed(0)} MB`];
          prev = m.rssMB;
          return row;
        }),
      ]),
    );
  }
  console.log("");
}

/**
 * Runs the workbook bench (child processes; see the file's comment) and returns the figures.
 * @param options.runs timed runs of each path after the warm-up (default 5, at least 3)
 * @param options.breakdown also time writeXlsx with one model feature removed at a time
 * @param options.print print the tables (default true)
 */
export async function runWorkbookBench(options: { runs?: number; seed?: number; breakdown?: boolean; print?: boolean } = {}): Promise<WorkbookBenchResult> {
  const runs = Math.max(3, options.runs ?? 5);
  const { DEFAULT_SEED } = await import("./synthetic-case");
  const seed = options.seed ?? DEFAULT_SEED;
  const dir = mkdtempSync(join(tmpdir(), "cp-audit-bench-"));
  try {
    const counts = await prepareInputs(dir, seed);
    const loadBefore = loadavg()[0]!;
    const timeOut = join(dir, "time.json");
    await runChild(["--child", "time", "--dir", dir, "--runs", String(runs), "--out", timeOut, ...(options.breakdown ? ["--breakdown"] : [])]);
    const time = JSON.parse(readFileSync(timeOut, "utf8")) as TimeChildOutput;
    const mem: Record<PathName, MemoryChildOutput> = {} as Record<PathName, MemoryChildOutput>;
    for (const p of ["ours", "direct"] as const) {
      const out = join(dir, `memory-${p}.json`);
      await runChild(["--child", "memory", "--path", p, "--dir", dir, "--out", out]);
      mem[p] = JSON.parse(readFileSync(out, "utf8")) as MemoryChildOutput;
    }
    let modules: ModuleLayer[] | undefined;
    if (options.breakdown) {
      const out = join(dir, "modules.json");
      await runChild(["--child", "modules", "--out", out]);
      modules = JSON.parse(readFileSync(out, "utf8")) as ModuleLayer[];
    }
    const loadAfter = loadavg()[0]!;
    const figures = (p: PathName): PathFigures => {
      const rs = time[p];
      const phaseNames = Object.keys(rs[0]!.phases);
      return {
        wallMs: rs.map((x) => x.wallMs),
        medianWallMs: median(rs.map((x) => x.wallMs)),
        cpuMs: rs.map((x) => x.cpuMs),
        medianCpuMs: median(rs.map((x) => x.cpuMs)),
        phases: Object.fromEntries(phaseNames.map((k) => [k, median(rs.map((x) => x.phases[k]!))])),
        coldWallMs: mem[p].coldWallMs,
        peakMB: mem[p].peakMB,
        loadedMB: mem[p].loadedMB,
        loadMs: mem[p].loadMs,
        fileBytes: rs[0]!.bytes,
      };
    };
    const ours = figures("ours");
    const direct = figures("direct");
    const ratio = ours.medianWallMs / direct.medianWallMs;
    const T = WORKBOOK_TARGETS;
    const result: WorkbookBenchResult = {
      seed,
      counts,
      ours,
      direct,
      ratio,
      targets: [
        { name: "ours: wall time (median)", value: ms(ours.medianWallMs), target: `< ${ms(T.wallMs)}`, pass: ours.medianWallMs < T.wallMs },
        { name: "ours: peak memory (maxRSS)", value: mb(ours.peakMB), target: `< ${T.peakMB} MB`, pass: ours.peakMB < T.peakMB },
        { name: "ours / direct ExcelJS (wall)", value: `${ratio.toFixed(2)}×`, target: `≤ ${T.ratio}×`, pass: ratio <= T.ratio },
      ],
      load: { before: loadBefore, after: loadAfter },
      cores: (await import("node:os")).cpus().length,
    };
    if (time.breakdown) result.breakdown = time.breakdown;
    if (modules) result.modules = modules;
    if (options.print ?? true) printWorkbookBench(result);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// entry points: a child (--child time|memory) or the bench alone

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const child = arg("--child");
  const main = async () => {
    if (child === "time") {
      const out = await timeChild(arg("--dir")!, Number(arg("--runs") ?? 5), process.argv.includes("--breakdown"));
      writeFileSync(arg("--out")!, JSON.stringify(out));
    } else if (child === "modules") {
      writeFileSync(arg("--out")!, JSON.stringify(await modulesChild()));
    } else if (child === "memory") {
      const out = await memoryChild(arg("--dir")!, arg("--path") as PathName);
      writeFileSync(arg("--out")!, JSON.stringify(out));
    } else {
      const runs = arg("--runs");
      const r = await runWorkbookBench({ ...(runs ? { runs: Number(runs) } : {}), breakdown: process.argv.includes("--breakdown") });
      if (process.argv.includes("--strict") && r.targets.some((t) => !t.pass)) process.exitCode = 1;
    }
  };
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
