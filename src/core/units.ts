/**
 * Audit units (spec §1.3 单位 columns, §4.2 "one consistent basis"; edge cases E14–E16).
 *
 * The one mathjs instance of the product, from `#mathjs-instance`: under a bundler a selective
 * `create()` of the few factories that unit parsing, conversion and number formatting need
 * (core/mathjs-instance.ts, so the browser bundle stays small); under Node mathjs's single-file
 * build, which loads in a tenth of the time and memory (core/mathjs-instance.node.ts). Nothing
 * else in the code base may import mathjs.
 *
 * Audit conventions on top of mathjs's unit table:
 * - `t` (and `tonne`, `tonnes`) is the metric tonne, 1000 kg; `ton`/`tons` (mathjs's US short ton,
 *   907.18474 kg) is refused with `#VALUE!`, never converted silently (E14);
 * - `a`, `yr`, `year`, `years` are the audit year of 365 d (mathjs's default year is the Julian
 *   365.25 d), `d` is one day (E16);
 * - `tce` (吨标准煤) is 29.3076 GJ, `kgce` (千克标准煤) 29.3076 MJ;
 * - `batch` (批次) is a count of its own kind: `kg/batch` converts to `t/batch`, never to `t/a`;
 * - only the units of {@link AUDIT_UNIT_SYMBOLS} (and their quotients and products) are accepted:
 *   anything else in mathjs's table (`T` tesla, `A` ampere, `lb`, `gal`, `month` ...) is `#VALUE!`;
 * - results are never shown with a prefix chosen by mathjs ("2 t", never "2 Mg", E15).
 *
 * Unit text: `"t/a"`, `"t/d"`, `"kg/h"`, `"m3/d"`, `"m³/a"`, `"kWh/a"`, `"tce/a"`, `"kg/batch"`,
 * `"kWh/t"`, `"m3/t"`; a few Chinese unit words are read too: 吨→t, 千克/公斤→kg, 立方米→m3,
 * 千瓦时→kWh, 吨标准煤/吨标煤/t标煤→tce, 千克标准煤/kg标煤→kgce, 年→a, 天/日→d, 小时→h, 批/批次→batch.
 * 万元 is money, not a unit here.
 */
import type { Unit } from "mathjs";
import { createMathInstance } from "#mathjs-instance";
import { CpError, describe } from "./errors";

const math = createMathInstance();

// Audit definitions. Values in base SI units so that 1 tce = 29307.6 MJ = 8141 kWh exactly.
math.createUnit({ year: { definition: "365 day", aliases: ["years", "yr", "a"] } }, { override: true });
math.createUnit({
  d: "86400 s",
  tce: "29307600000 J",
  kgce: "29307600 J",
  batch: { aliases: ["batches"] },
});

/**
 * Unit symbols accepted in audit unit texts (prefix + name as mathjs parses them), grouped by kind.
 * Compound units combine these with `/`, `*`, a space or `^`.
 */
export const AUDIT_UNIT_SYMBOLS: Readonly<Record<"mass" | "time" | "volume" | "energy" | "power" | "batch", readonly string[]>> = {
  mass: ["t", "tonne", "tonnes", "kg", "g", "mg"],
  time: ["a", "yr", "year", "years", "d", "day", "days", "h", "hour", "hours", "min", "s"],
  volume: ["m3", "L", "l", "mL", "ml"],
  energy: ["kWh", "MWh", "GWh", "Wh", "J", "kJ", "MJ", "GJ", "TJ", "tce", "kgce"],
  power: ["W", "kW", "MW"],
  batch: ["batch", "batches"],
};

const ALLOWED = new Set(Object.values(AUDIT_UNIT_SYMBOLS).flat());
const SHORT_LIST = "t, kg, g, a (= yr = year, 365 d), d, h, m3, L, kWh, MWh, GJ, MJ, tce, kgce, kW, batch";
const REFUSED: ReadonlyMap<string, string> = new Map([
  ["ton", "\"ton\" is the US short ton (907.18474 kg) in unit libraries and is not an audit unit: use t (metric tonne, 1000 kg) or tonne"],
  ["tons", "\"tons\" are US short tons (907.18474 kg) in unit libraries and are not an audit unit: use t (metric tonne, 1000 kg) or tonne"],
  ["Mg", "\"Mg\" is not an audit unit: use t (metric tonne)"],
  ["month", "\"month\" is not an audit unit (its length is ambiguous): use a (365 d) or d"],
  ["months", "\"months\" is not an audit unit (its length is ambiguous): use a (365 d) or d"],
]);

/** Chinese unit words and symbols read as audit units; longest first. */
const ALIASES: readonly (readonly [string, string])[] = [
  ["吨标准煤", "tce"],
  ["千克标准煤", "kgce"],
  ["吨标煤", "tce"],
  ["t标煤", "tce"],
  ["kg标煤", "kgce"],
  ["千瓦时", "kWh"],
  ["立方米", "m3"],
  ["千克", "kg"],
  ["公斤", "kg"],
  ["小时", "h"],
  ["批次", "batch"],
  ["吨", "t"],
  ["年", "a"],
  ["天", "d"],
  ["日", "d"],
  ["批", "batch"],
  ["³", "3"],
  ["²", "2"],
  ["／", "/"],
  ["·", " "],
  ["⋅", " "],
];

// Kinds by dimension over (mass, length, time, batch); every other base dimension must be 0.
const BATCH_INDEX = math.Unit.BASE_DIMENSIONS.indexOf("batch_STUFF");
type Dim = readonly [number, number, number, number];
const PRIMARY: readonly (readonly [string, Dim])[] = [
  ["mass", [1, 0, 0, 0]],
  ["volume", [0, 3, 0, 0]],
  ["energy", [1, 2, -2, 0]],
  ["time", [0, 0, 1, 0]],
  ["batch", [0, 0, 0, 1]],
];
const KINDS: readonly (readonly [string, Dim])[] = (() => {
  const list: [string, Dim][] = PRIMARY.map(([n, d]) => [n, d]);
  const denominators = ["time", "batch", "mass", "volume", "energy"];
  for (const [num, nd] of PRIMARY) {
    for (const den of denominators) {
      if (den === num) continue;
      const dd = PRIMARY.find(([n]) => n === den)![1];
      list.push([`${num}/${den}`, [nd[0] - dd[0], nd[1] - dd[1], nd[2] - dd[2], nd[3] - dd[3]]]);
    }
  }
  return list;
})();

/** mathjs's runtime shape of a unit component (its .d.ts types `prefix` as a string). */
interface Component {
  power: number;
  prefix: { name: string };
  unit: { name: string; offset: number };
}

interface ParsedUnit {
  /** Unit text handed to mathjs (after aliases). */
  text: string;
  kind: string;
}

const cache = new Map<string, ParsedUnit>();

function unitError(message: string): CpError {
  return new CpError("#VALUE!", message);
}

function normalizeText(raw: string): string {
  let s = raw.trim();
  for (const [from, to] of ALIASES) s = s.split(from).join(to);
  return s.trim();
}

/** Category of each accepted symbol ("kg" → "mass"), for naming dimensionless ratios. */
const CATEGORY = new Map<string, string>(
  Object.entries(AUDIT_UNIT_SYMBOLS).flatMap(([cat, symbols]) => symbols.map((sym) => [sym, cat] as const)),
);

function kindOf(u: Unit, shown: string): string {
  const dims = u.dimensions;
  if (dims.every((x) => Math.abs(x) < 1e-12)) {
    // kg/t and m3/m3 are both dimensionless but are different ratios: name them by their units.
    const cats = new Set((u.units as unknown as Component[]).map((c) => CATEGORY.get(c.prefix.name + c.unit.name)));
    const [only] = [...cats];
    if (cats.size === 1 && only !== undefined) return `${only}/${only}`;
    throw unitError(`unit "${shown}" is a ratio of different kinds of units: write it as mass/mass (kg/t), volume/volume (m3/m3) or energy/energy`);
  }
  for (let i = 0; i < dims.length; i++) {
    if (i !== 0 && i !== 1 && i !== 2 && i !== BATCH_INDEX && Math.abs(dims[i] ?? 0) > 1e-12) {
      throw unitError(`unit "${shown}" is not an audit quantity (mass, volume, energy, time, batch, or a rate or ratio of two of them)`);
    }
  }
  const v: Dim = [dims[0] ?? 0, dims[1] ?? 0, dims[2] ?? 0, BATCH_INDEX >= 0 ? (dims[BATCH_INDEX] ?? 0) : 0];
  for (const [name, d] of KINDS) {
    if (d.every((x, i) => Math.abs(x - (v[i] ?? 0)) < 1e-12)) return name;
  }
  throw unitError(`unit "${shown}" is not an audit quantity (mass, volume, energy, time, batch, or a rate or ratio of two of them)`);
}

/** Parses and checks a unit text; throws `#VALUE!` with a message naming the unit. */
function parseUnit(unit: unknown): ParsedUnit {
  if (typeof unit !== "string") {
    throw unitError(`unit must be a text such as "t/a" (got ${describe(unit)})`);
  }
  const hit = cache.get(unit);
  if (hit) return hit;
  const shown = unit.trim();
  if (shown === "") throw unitError(`unit is blank: give a unit such as t/a, t/d, m3/a, kWh/a or tce/a`);
  const text = normalizeText(unit);
  let parsed: Unit;
  try {
    parsed = math.Unit.parse(text);
  } catch (e) {
    const refused = REFUSED.get(text);
    if (refused) throw unitError(refused);
    const why = e instanceof Error ? e.message : String(e);
    throw unitError(`unknown unit "${shown}" (${why}); audit units are ${SHORT_LIST} and their rates such as t/a`);
  }
  if (parsed.value !== null && parsed.value !== undefined) {
    throw unitError(`unit "${shown}" contains a number: give the quantity and the unit separately (e.g. 1200 and "t/a")`);
  }
  for (const c of parsed.units as unknown as Component[]) {
    const symbol = c.prefix.name + c.unit.name;
    const refused = REFUSED.get(symbol) ?? REFUSED.get(c.unit.name);
    if (refused) throw unitError(refused);
    if (!ALLOWED.has(symbol) || c.unit.offset !== 0) {
      throw unitError(`unknown unit "${symbol}" in "${shown}": audit units are ${SHORT_LIST} and their rates such as t/a`);
    }
  }
  const result: ParsedUnit = { text, kind: kindOf(parsed, shown) };
  if (cache.size >= 512) cache.clear();
  cache.set(unit, result);
  return result;
}

/** Rounds to 15 significant digits: removes binary noise (3287.6712328767127 → 3287.67123287671). */
function denoise(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(15));
}

function requireValue(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new CpError("#VALUE!", `${what} must be a finite number (got ${describe(value)})`);
  }
  return value;
}

function convertParsed(value: number, from: ParsedUnit, to: ParsedUnit, fromShown: string, toShown: string): number {
  if (from.text === to.text) return value;
  return finish(() => new math.Unit(value, from.text).toNumber(to.text), value, fromShown, toShown);
}

/** Runs a mathjs conversion; maps its errors to `#VALUE!`, overflow to `#NUM!`; removes float noise. */
function finish(run: () => number, value: number, fromShown: string, toShown: string): number {
  let raw: number;
  try {
    raw = run();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw unitError(`cannot convert "${fromShown}" to "${toShown}": ${why}`);
  }
  if (!Number.isFinite(raw)) {
    throw new CpError("#NUM!", `${value} ${fromShown} in ${toShown} is too large to represent`);
  }
  return denoise(raw);
}

/** True when a density turns one kind into the other: volume ↔ mass with the same denominator. */
function densityBridges(fromKind: string, toKind: string): boolean {
  const [fNum, fDen] = splitKind(fromKind);
  const [tNum, tDen] = splitKind(toKind);
  return fDen === tDen && ((fNum === "volume" && tNum === "mass") || (fNum === "mass" && tNum === "volume"));
}

function splitKind(kind: string): [string, string] {
  const i = kind.indexOf("/");
  return i < 0 ? [kind, ""] : [kind.slice(0, i), kind.slice(i + 1)];
}

function kindMismatch(fromShown: string, from: ParsedUnit, toShown: string, to: ParsedUnit): CpError {
  return unitError(
    `cannot convert "${fromShown}" (${from.kind}) to "${toShown}" (${to.kind}): the units are of different kinds` +
      (densityBridges(from.kind, to.kind) ? "; a volume becomes a mass only with a density (convertWithDensity)" : ""),
  );
}

/**
 * Converts a quantity between two audit units of the same kind.
 *
 * @param value quantity in `fromUnit` (any finite number; a flow rate such as 1200 for 1200 t/a)
 * @param fromUnit unit text of `value`, e.g. "t/a"
 * @param toUnit unit text wanted, e.g. "kg/d"
 * @returns the quantity in `toUnit`, rounded to 15 significant digits (no float noise:
 *   1200 t/a → 3287.67123287671 kg/d with the 365-day audit year, E16; 12.5 t → 12500 kg, E14)
 * @throws CpError `#VALUE!` when `value` is not a finite number, a unit is unknown, blank or "ton"
 *   (E14), or the units are of different kinds (m3 → t, t/a → t; the message names both units
 *   and kinds); `#NUM!` when the result overflows.
 * @example convertQuantity(1200, "t/a", "kg/d") // 3287.67123287671
 * @example convertQuantity(1, "tce", "kWh") // 8141
 */
export function convertQuantity(value: number, fromUnit: string, toUnit: string): number {
  const v = requireValue(value, "value");
  const from = parseUnit(fromUnit);
  const to = parseUnit(toUnit);
  const fromShown = fromUnit.trim();
  const toShown = toUnit.trim();
  if (from.kind !== to.kind) throw kindMismatch(fromShown, from, toShown, to);
  return convertParsed(v, from, to, fromShown, toShown);
}

/**
 * Converts a volume (or volume rate) to a mass (or mass rate) or back with a density
 * (spec §4.2: "m³ water ≈ t; gas flows via density").
 *
 * @param value quantity in `fromUnit`
 * @param fromUnit e.g. "m3/a"
 * @param toUnit e.g. "t/a" (same time/batch denominator kind as `fromUnit`)
 * @param densityTPerM3 density in t/m3 (= kg/L = g/cm3), finite and > 0; water ≈ 1
 * @returns the quantity in `toUnit`, rounded to 15 significant digits. Units of the same kind
 *   convert without using the density.
 * @throws CpError `#VALUE!` for unknown units, a non-finite value or density, or kinds that a
 *   density does not bridge (m3 → kWh, m3/a → t/d is fine, m3/batch → t/a is not); `#NUM!` when the
 *   density is ≤ 0.
 * @example convertWithDensity(100, "m3/d", "t/d", 1.0) // 100
 */
export function convertWithDensity(value: number, fromUnit: string, toUnit: string, densityTPerM3: number): number {
  const v = requireValue(value, "value");
  const rho = requireValue(densityTPerM3, "density (t/m3)");
  if (rho <= 0) throw new CpError("#NUM!", `density (t/m3) must be greater than 0 (got ${rho})`);
  const from = parseUnit(fromUnit);
  const to = parseUnit(toUnit);
  const fromShown = fromUnit.trim();
  const toShown = toUnit.trim();
  if (from.kind === to.kind) return convertParsed(v, from, to, fromShown, toShown);
  if (!densityBridges(from.kind, to.kind)) throw kindMismatch(fromShown, from, toShown, to);
  const fNum = splitKind(from.kind)[0];
  return finish(
    () => {
      const q = new math.Unit(v, from.text);
      const density = new math.Unit(rho, "t/m3");
      const converted = fNum === "volume" ? q.multiply(density) : q.divide(density); // m3 × t/m3 → t ; t ÷ t/m3 → m3
      if (typeof converted === "number") throw new Error("density left no unit");
      return converted.toNumber(to.text);
    },
    v,
    fromShown,
    toShown,
  );
}

/**
 * The kind of an audit unit: "mass", "volume", "energy", "time", "batch", a quotient such as
 * "mass/time" (t/a), "volume/time" (m3/d), "energy/time" (kWh/a, kW), "mass/batch" (kg/batch),
 * "energy/mass" (kWh/t), "volume/mass" (m3/t), "mass/volume" (mg/L), or a ratio of one kind
 * ("mass/mass" for kg/t, "volume/volume" for m3/m3, "energy/energy" for kWh/GJ).
 * Two units convert into each other exactly when their kinds are equal.
 * @throws CpError `#VALUE!` for an unknown, blank or refused ("ton") unit.
 * @example unitKind("t/a") // "mass/time"
 */
export function unitKind(unit: string): string {
  return parseUnit(unit).kind;
}

/** True when `unit` is a text that {@link unitKind} accepts (never throws). */
export function isKnownUnit(unit: string): boolean {
  try {
    parseUnit(unit);
    return true;
  } catch {
    return false;
  }
}

/**
 * Formats a quantity for display: the number rounded to 12 significant digits with trailing
 * zeros trimmed, a space, and the unit exactly as given (trimmed). No prefix is ever chosen by
 * mathjs: 2 t prints "2 t", never "2 Mg" (E15).
 * @throws CpError `#VALUE!` for a non-finite value or an unknown unit.
 * @example formatQuantity(2.003, "t") // "2.003 t"
 */
export function formatQuantity(value: number, unit: string): string {
  const v = requireValue(value, "value");
  parseUnit(unit);
  return `${formatNumber(v)} ${unit.trim()}`;
}

/**
 * A number for display: 12 significant digits, trailing zeros trimmed, plain notation between
 * 1e-6 and 1e15 ("3287.67123288", "12500", "0.003"), exponent notation outside ("1e-7").
 * @throws CpError `#VALUE!` for a non-finite value.
 */
export function formatNumber(value: number): string {
  const v = requireValue(value, "value");
  if (v === 0) return "0";
  return math.format(v, { notation: "auto", precision: 12, lowerExp: -6, upperExp: 15 });
}

/**
 * Converts a material-balance stream (spec §4.2–4.3) to its balance's basis unit.
 * @param quantity stream quantity in `unit` (≥ 0 is checked by the balance, not here)
 * @param unit the stream's unit, e.g. "t/a"
 * @param basis the balance's basis unit, e.g. "t/d"
 * @param where names the stream in messages, e.g. "materialBalance[0].inputs[2] (原煤)"
 * @returns the quantity in `basis`, without float noise
 * @throws CpError `#VALUE!` with a message starting `${where}: ` when the quantity is not a finite
 *   number, a unit is unknown, or the kinds differ (m3/d into a t/d basis); `#NUM!` on overflow.
 * @example toBasis(365, "t/a", "t/d", "inputs[0]") // 1
 */
export function toBasis(quantity: number, unit: string, basis: string, where: string): number {
  try {
    const q = requireValue(quantity, "quantity");
    const from = parseUnit(unit);
    const to = parseUnit(basis);
    if (from.kind !== to.kind) {
      throw unitError(
        `unit "${unit.trim()}" (${from.kind}) cannot be converted to the balance basis "${basis.trim()}" (${to.kind})` +
          (densityBridges(from.kind, to.kind) ? "; a volume becomes a mass only with a density" : ""),
      );
    }
    return convertParsed(q, from, to, unit.trim(), basis.trim());
  } catch (e) {
    if (e instanceof CpError) throw new CpError(e.code, `${where}: ${e.message}`);
    throw e;
  }
}

/**
 * Sums quantities given in different units of one kind, in `toUnit`
 * (E15: 3 kg + 2 t in t = 2.003).
 * @param items quantities with their units (n entries, n ≥ 0; none gives 0)
 * @param toUnit unit of the sum
 * @returns Σ convertQuantity(value, unit, toUnit), rounded to 15 significant digits
 * @throws CpError `#VALUE!` naming the item (1-based) whose value or unit is bad or of another kind.
 */
export function sumQuantities(items: readonly { value: number; unit: string }[], toUnit: string): number {
  parseUnit(toUnit);
  let total = 0;
  items.forEach((item, i) => {
    total += toBasis(item.value, item.unit, toUnit, `item ${i + 1}`);
  });
  if (!Number.isFinite(total)) throw new CpError("#NUM!", `the sum in ${toUnit.trim()} is too large to represent`);
  return denoise(total);
}

/**
 * Reads a quantity text such as "12.5 t", "1 tonne", "1200 t/a" or "3.5e3 kWh/a".
 * The number is plain (no thousands separators: "1,2 t" is `#VALUE!`, E09).
 * @returns the value and the unit text as written (trimmed)
 * @throws CpError `#VALUE!` when there is no number, no unit, or the unit is unknown or "ton" (E14).
 * @example parseQuantity("12.5 t") // { value: 12.5, unit: "t" }
 */
export function parseQuantity(text: string): { value: number; unit: string } {
  if (typeof text !== "string") throw unitError(`quantity must be a text such as "12.5 t" (got ${describe(text)})`);
  const m = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(\S.*?)\s*$/s.exec(text);
  if (!m || m[1] === undefined || m[2] === undefined) {
    throw unitError(`quantity "${text.trim()}" must be a number followed by a unit, such as "12.5 t" or "1200 t/a"`);
  }
  const value = Number(m[1]);
  if (!Number.isFinite(value)) throw unitError(`quantity "${text.trim()}": the number is too large`);
  parseUnit(m[2]);
  return { value, unit: m[2] };
}
