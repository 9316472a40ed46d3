/**
 * Probe (not part of `npm test`): core's emulations of RATE and IRR (src/core/finance-native.ts) against
 * LibreOffice itself. Writes plain sheets of RATE(n, F, −I), RATE(n, F, −I, 0, 0, F/I), IRR(series, 0.1)
 * and IRR(series, g) over random edge inputs (the economics probe's generator), recalculates them once
 * in LibreOffice and counts where the emulation and LibreOffice differ (a number vs an error, or numbers
 * more than 1e-9 apart).
 *
 *   npx tsx test/probes/native-functions.probe.ts [seed] [--json out.json]
 */
import { writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { nativeIrr, nativeRate } from "../../src/core/finance-native";
import { durationGuess } from "../../src/worksheets/definitions/economics-eval";
import { parseSpreadsheetNumber, recalculate, stripCachedValues } from "../helpers/libreoffice";
import { edgeEntries } from "./native-irr.probe";

interface Probe {
  formula: string;
  emulated: number | null;
}

const ROWS_PER_SHEET = 90; // below the size at which LibreOffice calculates a formula group in threads

export async function compare(probes: Probe[], values: number[][]): Promise<{ formula: string; values: number[]; emulated: number | null; shown: string }[]> {
  const wb = new ExcelJS.Workbook();
  for (let s = 0; s * ROWS_PER_SHEET < probes.length; s++) {
    const ws = wb.addWorksheet(`S${s}`);
    for (let r = 0; r < ROWS_PER_SHEET && s * ROWS_PER_SHEET + r < probes.length; r++) {
      const k = s * ROWS_PER_SHEET + r;
      ws.getCell(r + 1, 1).value = { formula: probes[k]!.formula.replaceAll("{r}", String(r + 1)), result: 0 };
      values[k]!.forEach((v, j) => (ws.getCell(r + 1, j + 2).value = v));
    }
  }
  const grids = await recalculate(await stripCachedValues(new Uint8Array(await wb.xlsx.writeBuffer())));
  return probes.map((p, k) => ({
    formula: p.formula,
    values: values[k]!,
    emulated: p.emulated,
    shown: grids.get(`S${Math.floor(k / ROWS_PER_SHEET)}`)?.[k % ROWS_PER_SHEET]?.[0] ?? "",
  }));
}

export function agrees(emulated: number | null, shown: string): boolean {
  const v = parseSpreadsheetNumber(shown);
  if (emulated === null) return v === null;
  return v !== null && Math.abs(v - emulated) <= Math.max(1e-9, 1e-9 * Math.abs(emulated));
}

const colOf = (j: number) => {
  let s = "";
  for (let c = j + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const seed = Number(args[0] ?? 7);
  const jsonAt = args.indexOf("--json");
  const probes: Probe[] = [];
  const values: number[][] = [];
  for (const [k, n] of [1, 2, 3, 5, 10, 20, 50, 100, 250].entries()) {
    for (const e of edgeEntries(seed * 100 + k, n, 120)) {
      const I = e.investment;
      if (e.cashFlows === undefined) {
        const F = e.annualCashFlow!;
        // B = n, C = F, D = I
        values.push([n, F, I]);
        probes.push({ formula: "RATE(B{r},C{r},-D{r})", emulated: nativeRate(n, F, -I) });
        values.push([n, F, I]);
        probes.push({ formula: "RATE(B{r},C{r},-D{r},0,0,C{r}/D{r})", emulated: nativeRate(n, F, -I, 0, false, F / I) });
      } else {
        const series = [-I, ...e.cashFlows.map((f) => f ?? 0)];
        const range = `B{r}:${colOf(series.length)}{r}`;
        values.push(series);
        probes.push({ formula: `IRR(${range},0.1)`, emulated: nativeIrr(series, 0.1) });
        const g = durationGuess(series);
        if (g !== null) {
          values.push(series);
          probes.push({ formula: `IRR(${range},${g})`, emulated: nativeIrr(series, g) });
        }
      }
    }
  }
  const out = await compare(probes, values);
  const bad = out.filter((o) => !agrees(o.emulated, o.shown));
  const kinds = (f: string) => f.replace(/\{r\}/g, "").replace(/[A-Z]+:([A-Z]+)/, "range").replace(/,(?!0\.1\))-?[\d.e+-]+\)$/, ",g)");
  const tally = new Map<string, [number, number, number]>();
  for (const o of out) {
    const t = tally.get(kinds(o.formula)) ?? [0, 0, 0];
    t[0]++;
    if (parseSpreadsheetNumber(o.shown) === null) t[1]++;
    if (!agrees(o.emulated, o.shown)) t[2]++;
    tally.set(kinds(o.formula), t);
  }
  for (const [k, [all, errors, differ]] of tally) console.log(`${k}: ${all} formulas, ${errors} errors in LibreOffice, ${differ} differ from the emulation`);
  for (const o of bad.slice(0, 30)) console.log(`  ${o.formula} values ${JSON.stringify(o.values.slice(0, 8))}${o.values.length > 8 ? "…" : ""}: emulated ${o.emulated} LibreOffice ${o.shown}`);
  if (jsonAt >= 0) writeFileSync(args[jsonAt + 1]!, JSON.stringify(out, null, 1));
}

if (process.argv[1]?.endsWith("native-functions.probe.ts")) void main();
