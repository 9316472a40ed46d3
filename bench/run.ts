/**
 * `npm run bench`: the workbook bench (bench/workbook.bench.ts, issue 3 item 6), then the CP.* functions bench
 * and the start-up bundle size (bench/functions.bench.ts, issue 4), then one summary table of every target.
 *
 * These are measurements, not tests: the process exits 0 whatever the figures, unless `--strict` is given
 * (then 1 when a target is missed). A part that cannot run (e.g. the bundle size before `npm run build`) is
 * reported as n/a, not as a failure.
 *
 * Options: --strict, --runs N (timed runs per workbook path, default 5, at least 3), --breakdown (attribute
 * writeXlsx's time to the model's features), --workbook-only, --functions-only.
 * Example: npm run bench -- --runs 7 --breakdown
 */
import { cpus, loadavg } from "node:os";
// types only: the benches are imported inside their try blocks, so one that cannot load does not stop the other
import type { FunctionsBenchResult } from "./functions.bench";
import type { WorkbookBenchResult } from "./workbook.bench";

type Verdict = "PASS" | "FAIL" | "n/a";
interface Row {
  bench: string;
  figure: string;
  measured: string;
  target: string;
  verdict: Verdict;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? "")].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c + " ".repeat(widths[i]! - [...c].length)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

const rate = (x: number) => `${Math.round(x).toLocaleString("en-US")}/s`;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

/** "+0.9 KB, +0.6 %" / "−3.1 KB, −1.8 %": start-up JavaScript against the React template's. */
function templateDelta(gzipTotal: number, template: number): string {
  const d = gzipTotal - template;
  const sign = d < 0 ? "−" : "+";
  return `${sign}${kb(Math.abs(d))}, ${sign}${((Math.abs(d) / template) * 100).toFixed(1)} %`;
}

function workbookRows(r: WorkbookBenchResult): Row[] {
  const rows: Row[] = r.targets.map((t) => ({ bench: "workbook", figure: t.name, measured: t.value, target: t.target, verdict: t.pass ? "PASS" : "FAIL" }));
  rows.push(
    { bench: "workbook", figure: "direct ExcelJS: wall time (median)", measured: `${Math.round(r.direct.medianWallMs)} ms`, target: "(reference)", verdict: "n/a" },
    { bench: "workbook", figure: "direct ExcelJS: peak memory", measured: `${r.direct.peakMB.toFixed(0)} MB`, target: "(reference)", verdict: "n/a" },
    { bench: "workbook", figure: "cells (formulas)", measured: `${r.counts.cells.toLocaleString("en-US")} (${r.counts.formulas.toLocaleString("en-US")})`, target: "", verdict: "n/a" },
    { bench: "workbook", figure: "file size ours / direct", measured: `${(r.ours.fileBytes / 1024).toFixed(0)} / ${(r.direct.fileBytes / 1024).toFixed(0)} KiB`, target: "", verdict: "n/a" },
  );
  return rows;
}

function functionsRows(r: FunctionsBenchResult): Row[] {
  const rows: Row[] = [
    {
      bench: "functions",
      figure: "CP.IRR vs formulajs IRR: same root ≤ 1e-9",
      measured: `${r.irr.agreeWithin1e9}/${r.irr.formulajsConverged} (formulajs did not converge: ${r.irr.formulajsNotConverged})`,
      target: "all converged",
      verdict: r.irr.agreeWithin1e9 === r.irr.formulajsConverged ? "PASS" : "FAIL",
    },
    {
      bench: "functions",
      figure: "CP.IRR speed vs formulajs",
      measured: `${rate(r.irr.cpSeriesPerSecond)} vs ${rate(r.irr.formulajsSeriesPerSecond)}`,
      target: "≥ formulajs",
      verdict: r.irr.cpSeriesPerSecond >= r.irr.formulajsSeriesPerSecond ? "PASS" : "FAIL",
    },
    {
      bench: "functions",
      figure: "CP.NPV vs formulajs NPV − I: same value ≤ 1e-9",
      measured: `${r.npv.agreeWithin1e9}/${r.series}, ${rate(r.npv.cpSeriesPerSecond)} vs ${rate(r.npv.formulajsSeriesPerSecond)}`,
      target: `${r.series}/${r.series}`,
      verdict: r.npv.agreeWithin1e9 === r.series ? "PASS" : "FAIL",
    },
  ];
  rows.push(
    r.startup.built
      ? {
          bench: "functions",
          figure: "taskpane.html start-up JS, gzip",
          measured: `${kb(r.startup.gzipTotal)} (React template ${kb(r.startup.template)}: ${templateDelta(r.startup.gzipTotal, r.startup.template)})`,
          target: `≤ ${kb(r.startup.budget)}`,
          verdict: r.startup.gzipTotal <= r.startup.budget ? "PASS" : "FAIL",
        }
      : { bench: "functions", figure: "taskpane.html start-up JS, gzip", measured: "not measured: dist/ missing, run `npm run build`", target: `≤ ${kb(r.startup.budget)}`, verdict: "n/a" },
  );
  return rows;
}

async function main(): Promise<void> {
  const strict = process.argv.includes("--strict");
  const runsArg = arg("--runs");
  const runs = runsArg !== undefined ? Number(runsArg) : undefined;
  if (runs !== undefined && (!Number.isInteger(runs) || runs < 3)) throw new Error(`--runs must be a whole number ≥ 3, got ${runsArg}`);
  const doWorkbook = !process.argv.includes("--functions-only");
  const doFunctions = !process.argv.includes("--workbook-only");
  console.log(`CP Audit for Excel benches: Node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);

  const rows: Row[] = [];
  const failures: string[] = [];
  if (doWorkbook) {
    try {
      const { runWorkbookBench } = await import("./workbook.bench");
      const r = await runWorkbookBench({ ...(runs !== undefined ? { runs } : {}), breakdown: process.argv.includes("--breakdown") });
      rows.push(...workbookRows(r));
    } catch (e) {
      failures.push(`workbook bench did not run: ${e instanceof Error ? e.message : String(e)}`);
      rows.push({ bench: "workbook", figure: "(bench did not run)", measured: "error, see above", target: "", verdict: "FAIL" });
    }
  }
  if (doFunctions) {
    try {
      const { runFunctionsBench } = await import("./functions.bench");
      const r = await runFunctionsBench();
      rows.push(...functionsRows(r));
    } catch (e) {
      failures.push(`functions bench did not run: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      rows.push({ bench: "functions", figure: "(bench did not run)", measured: "error, see above", target: "", verdict: "FAIL" });
    }
  }

  for (const f of failures) console.error(`\n${f}`);
  console.log("\nSummary\n");
  console.log(table([["bench", "figure", "measured", "target", "result"], ...rows.map((r) => [r.bench, r.figure, r.measured, r.target, r.verdict])]));
  const failed = rows.filter((r) => r.verdict === "FAIL").length;
  const passed = rows.filter((r) => r.verdict === "PASS").length;
  console.log(`\n${passed} target(s) met, ${failed} missed${strict ? "" : " (measurements: exit 0 either way; --strict makes a miss exit 1)"}.`);
  if (strict && failed > 0) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
