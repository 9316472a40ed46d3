/**
 * The sector index systems shipped in src/data/index-systems (copied from ../shared/data/index-systems;
 * its README says what is verified: none is a verified copy of an official document) and their
 * rows as Table 2-8 lays them out.
 *
 * Each JSON indicator becomes one {@link BenchRow}: 编号, 一级指标 and its weight, 二级指标 and its
 * weight, 单位, the I/II/III limits (a number; a layer formula a+b·n evaluated with the case's `n`,
 * blank without it; a requirement text; blank for null), 方向 (the row's operator ≤ < ≥ >, or 定性
 * for qualitative and compliance rows, whose level the auditor enters) and 限定性.
 */
import electroplating from "../data/index-systems/electroplating.json";
import hazardousWaste from "../data/index-systems/hazardous-waste-incineration.json";
import pcb from "../data/index-systems/pcb.json";
import type { AuditCase } from "./case";
import { BENCH_DIRECTIONS, canonicalItem } from "./i18n";
import type { IndexSystemId } from "./index-system-ids";

/** One indicator row of Table 2-8 (a shipped system's or one the case types). */
export interface BenchRow {
  no?: string;
  level1?: string;
  w1?: number;
  level2: string;
  w2?: number;
  unit?: string;
  I?: number | string;
  II?: number | string;
  III?: number | string;
  /** canonical zh: ≤ < ≥ > 定性 */
  direction: string;
  mandatory: boolean;
  /** name of the annual-data item whose specific consumption is the value */
  source?: string;
  /** the enterprise's value typed (a number, or I / II / III for 定性) */
  value?: number | string;
}

type Threshold = number | string | null | { a?: number; b?: number; expr?: string } | Record<string, unknown>;

interface JsonIndicator {
  no: number | string;
  level1?: string | null;
  level2?: string | null;
  unit?: string | null;
  weight_level1?: number | null;
  weight_level2?: number | null;
  thresholds?: Record<string, unknown>;
  operator?: string | null;
  direction?: string | null;
  mandatory?: boolean | null;
}

interface JsonSystem {
  sector?: string;
  indicators: JsonIndicator[];
}

const SYSTEMS: Record<IndexSystemId, JsonSystem> = {
  pcb: pcb,
  electroplating: electroplating as unknown as JsonSystem,
  "hazardous-waste-incineration": hazardousWaste,
};

/** The sector text of a shipped system. */
export function systemSector(id: IndexSystemId): string {
  return SYSTEMS[id].sector ?? id;
}

/** Longest requirement text shown in a limit cell (the full text is in src/data/index-systems). */
export const MAX_REQUIREMENT_CHARS = 20;

/** A requirement text shortened to {@link MAX_REQUIREMENT_CHARS} characters ("…" marks a cut). */
function requirement(text: string): string {
  const chars = [...text];
  return chars.length <= MAX_REQUIREMENT_CHARS ? text : `${chars.slice(0, MAX_REQUIREMENT_CHARS - 1).join("")}…`;
}

/**
 * A limit cell: a number, a+b·n (blank without n), a requirement text (shortened: a row of the
 * sheet stays a few lines high), or blank.
 */
function limit(x: Threshold | undefined, n: number | undefined): number | string | undefined {
  if (x === null || x === undefined) return undefined;
  if (typeof x === "number") return x;
  if (typeof x === "string") return requirement(x);
  if (typeof x.a === "number" && typeof x.b === "number") return n === undefined ? undefined : x.a + x.b * n;
  // a limit per substance (PCB row 52): shown as text
  return requirement(
    Object.entries(x)
      .map(([k, v]) => `${k} ${String(v)}`)
      .join("; "),
  );
}

/** 方向 of a JSON indicator: its operator, else 定性 (qualitative, compliance). */
function directionOf(i: JsonIndicator): string {
  const op = i.operator ?? undefined;
  if (op !== undefined && i.direction !== "compliance" && i.direction !== "qualitative") return canonicalItem(BENCH_DIRECTIONS, op) ?? "定性";
  if (i.direction === "lower_is_better") return "≤";
  if (i.direction === "higher_is_better") return "≥";
  return "定性";
}

/** The rows of Table 2-8 for a case: its system's indicators (with its values, sources, weights), then its own indicators. */
export function benchmarkRows(c: AuditCase | null): BenchRow[] {
  return c?.benchmark ? rowsOf(c.benchmark) : [];
}

function rowsOf(b: NonNullable<AuditCase["benchmark"]>): BenchRow[] {
  const out: BenchRow[] = [];
  const values = b.values ?? {};
  const sources = b.sources ?? {};
  const weights = b.weights ?? {};
  const withCase = (row: BenchRow): BenchRow => {
    const key = row.no ?? "";
    const v = values[key];
    const s = sources[key];
    const w = weights[key];
    if (v !== undefined) row.value = v;
    if (s !== undefined) row.source = s;
    if (w !== undefined) row.w2 = w;
    return row;
  };
  if (b.system !== undefined) {
    const sys = SYSTEMS[b.system as IndexSystemId];
    for (const i of sys?.indicators ?? []) {
      const th = (i.thresholds ?? {}) as Record<string, Threshold>;
      const row: BenchRow = { no: String(i.no), level2: i.level2 ?? "", direction: directionOf(i), mandatory: i.mandatory === true };
      if (i.level1) row.level1 = i.level1;
      if (typeof i.weight_level1 === "number") row.w1 = i.weight_level1;
      if (typeof i.weight_level2 === "number") row.w2 = i.weight_level2;
      if (i.unit) row.unit = i.unit;
      for (const k of ["I", "II", "III"] as const) {
        const v = limit(th[k], b.n);
        if (v !== undefined) row[k] = v;
      }
      out.push(withCase(row));
    }
  }
  for (const x of b.indicators ?? []) {
    const row: BenchRow = { level2: x.level2, direction: canonicalItem(BENCH_DIRECTIONS, x.direction) ?? x.direction, mandatory: x.mandatory === true };
    if (x.no !== undefined) row.no = x.no;
    if (x.level1 !== undefined) row.level1 = x.level1;
    if (x.weight1 !== undefined) row.w1 = x.weight1;
    if (x.weight2 !== undefined) row.w2 = x.weight2;
    if (x.unit !== undefined) row.unit = x.unit;
    if (x.I !== undefined) row.I = x.I;
    if (x.II !== undefined) row.II = x.II;
    if (x.III !== undefined) row.III = x.III;
    out.push(withCase(row));
  }
  return out;
}

/** An indicator of Table 2-8 as the reader gives it back (the fields of `benchmark.indicators[]`). */
export interface ReadIndicator {
  no?: string;
  level1?: string;
  weight1?: number;
  level2?: string;
  weight2?: number;
  unit?: string;
  I?: number | string;
  II?: number | string;
  III?: number | string;
  direction?: string;
  mandatory?: boolean;
}

/** A shipped system recognised in the rows read back: its id, n, the weights that differ from its own, how many rows are its. */
export interface RecognisedSystem {
  system: IndexSystemId;
  n?: number;
  weights: Record<string, number>;
  count: number;
}

/** n of the layer formulas a + b·n, from the first such limit the rows hold as a number (9 decimals). */
function layerN(sys: JsonSystem, rows: readonly ReadIndicator[]): number | undefined {
  for (let i = 0; i < sys.indicators.length; i++) {
    const th = (sys.indicators[i]!.thresholds ?? {}) as Record<string, Threshold>;
    for (const k of ["I", "II", "III"] as const) {
      const x = th[k];
      const v = rows[i]?.[k];
      if (typeof x === "object" && x !== null && typeof x.a === "number" && typeof x.b === "number" && x.b !== 0 && typeof v === "number") return Math.round(((v - x.a) / x.b) * 1e9) / 1e9;
    }
  }
  return undefined;
}

/** Whether a row read back is the system's row `e` (but for the second-level weight, which a case may replace). */
function sameIndicator(r: ReadIndicator, e: BenchRow): boolean {
  const blank = (v: unknown) => (v === "" ? undefined : v);
  return (
    r.no === e.no &&
    r.level1 === blank(e.level1) &&
    r.weight1 === e.w1 &&
    r.level2 === blank(e.level2) &&
    r.unit === blank(e.unit) &&
    r.I === e.I &&
    r.II === e.II &&
    r.III === e.III &&
    r.direction === e.direction &&
    (r.mandatory === true) === e.mandatory
  );
}

/**
 * The shipped index system whose indicators the first rows of Table 2-8 are, as a case naming it
 * (`benchmark.system`, `n`, `weights`) lays them out (issue 13: reading the sheet back gives the case
 * its system again, not its rows typed out); undefined when the rows are no shipped system's.
 */
export function recogniseSystem(rows: readonly ReadIndicator[]): RecognisedSystem | undefined {
  for (const id of Object.keys(SYSTEMS) as IndexSystemId[]) {
    const sys = SYSTEMS[id];
    const count = sys.indicators.length;
    if (rows.length < count) continue;
    const n = layerN(sys, rows);
    const expected = rowsOf(n === undefined ? { system: id } : { system: id, n });
    const weights: Record<string, number> = {};
    const matches = expected.every((e, i) => {
      const r = rows[i]!;
      if (!sameIndicator(r, e)) return false;
      if (r.weight2 === e.w2) return true;
      if (r.weight2 === undefined || e.no === undefined) return false;
      weights[e.no] = r.weight2;
      return true;
    });
    if (matches) return n === undefined ? { system: id, weights, count } : { system: id, n, weights, count };
  }
  return undefined;
}
