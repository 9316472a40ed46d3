/**
 * Energy and carbon accounting (issue 12): conversion to standard coal (GB/T 2589) and CO2 of energy quantities,
 * over the versioned coefficient data `src/data/energy-carbon/coefficients.json` (values, sources and how sure
 * each is: the README beside it; research notes T1–T3). No coefficient is a constant here.
 *
 * - tce: `quantity × kgce per unit / 1000`. The kgce factor of electricity depends on the convention: 当量值
 *   (equivalent, 0.1229 kgce/kWh) or 等价值 (equal, the year's coal rate of thermal power; shipped as an editable
 *   estimate). Energy-carrying media (fresh water, compressed air, oxygen) have an equal value only and use it
 *   under either convention; fuels have one value (the same under both).
 * - CO2: `quantity × tCO2 per unit`. Electricity uses the grid factor of a data year and region
 *   directly (kgCO2/kWh = tCO2/MWh), never through tce; fuels use the accounting guides' formula
 *   NCV × carbon content × oxidation × 44/12; heat 0.11 tCO2/GJ (steam via 3.763 GJ/t).
 *
 * A carrier is named by its zh-CN name, its en-US name or its id, ignoring case and surrounding space ("电力",
 * "Electricity", "electricity"). Errors are CpErrors with `#N/A` for an unknown carrier, region or data year, or
 * a carrier without the factor asked for (a pollutant has no tce; kerosene no default CO2), `#VALUE!` for a
 * quantity that is not a finite number or an unknown convention.
 */
import raw from "../data/energy-carbon/coefficients.json";
import { CpError, requireFinite } from "./errors";

/** How electricity converts to standard coal: 当量值 ("equivalent", 3 600 kJ/kWh) or 等价值 ("equal", coal rate of power supply). */
export type ElectricityConvention = "equivalent" | "equal";

/** What a coefficient row is: grid electricity, a fossil fuel, heat (or steam), an energy-carrying medium, a pollutant. */
export type CarrierCategory = "electricity" | "fuel" | "heat" | "medium" | "pollutant";

/** How a carrier's CO2 factor is obtained. */
export type CarrierCo2 =
  /** the grid factor of the chosen data year and region (electricity) */
  | { kind: "grid" }
  /** national accounting guides: NCV [GJ/unit] × carbon content [tC/GJ] × oxidation rate (decimal) × 44/12 */
  | { kind: "fuel"; ncv: number; carbon: number; oxidation: number }
  /** heat content [GJ/unit] × factor [tCO2/GJ] (heat 1 GJ × 0.11; steam 3.763 GJ/t × 0.11) */
  | { kind: "heat"; gjPerUnit: number; tco2PerGJ: number };

/** A zh-CN / en-US text pair. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** One row of the coefficient data. */
export interface Carrier {
  /** stable ASCII id ("electricity", "naturalGas") */
  id: string;
  zh: string;
  en: string;
  category: CarrierCategory;
  /** unit a quantity is entered in: "kWh", "t", "m³", "GJ" */
  unit: string;
  /** 当量值, kgce per unit; absent for media (they have an equal value only) and pollutants */
  kgceEquivalent?: number;
  /** 等价值, kgce per unit; only where it differs from the equivalent value (electricity, media) */
  kgceEqual?: number;
  /** null: no default CO2 factor */
  co2: CarrierCo2 | null;
  /** key of {@link EnergyCarbonData.sources} */
  source: string;
  /** edition or year when it differs from the source's */
  edition?: string;
  /** the known disagreements and the chosen default */
  note: Bilingual;
}

/** A grid region (the carbon-market series is a region of its own). */
export interface GridRegion extends Bilingual {
  id: string;
}

/** A grid emission factor: data year × region → tCO2/MWh (= kgCO2/kWh). */
export interface GridFactor {
  year: number;
  /** id of a {@link GridRegion} */
  region: string;
  /** tCO2/MWh */
  value: number;
  series: string;
  source: string;
}

export interface CoefficientSource {
  short: Bilingual;
  zh: string;
  en: string;
  edition: string;
  refs: string[];
}

/** The coefficient data as shipped. */
export interface EnergyCarbonData {
  version: string;
  defaults: { factorYear: number; gridRegion: string; electricityConvention: string };
  sources: Record<string, CoefficientSource>;
  carriers: Carrier[];
  regions: GridRegion[];
  gridFactors: GridFactor[];
}

/** The bundled coefficient data (src/data/energy-carbon/coefficients.json). */
export const ENERGY_CARBON: EnergyCarbonData = raw as EnergyCarbonData;

const fold = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

/** The carrier named `name` (zh, en or id, ignoring case), or undefined. */
export function lookupCarrier(name: string, data: EnergyCarbonData = ENERGY_CARBON): Carrier | undefined {
  const v = fold(name);
  return data.carriers.find((c) => fold(c.zh) === v || fold(c.en) === v || fold(c.id) === v);
}

/** The carrier named `name`; `#N/A` when unknown. */
export function findCarrier(name: string, data: EnergyCarbonData = ENERGY_CARBON): Carrier {
  const c = lookupCarrier(name, data);
  if (!c) throw new CpError("#N/A", `unknown carrier ${JSON.stringify(name)}: use a name of the coefficient table (电力, 天然气, 蒸汽 … or Electricity, Natural gas, Steam …)`);
  return c;
}

/** The region named `name` (zh, en or id, ignoring case); `#N/A` when unknown. */
export function findRegion(name: string, data: EnergyCarbonData = ENERGY_CARBON): GridRegion {
  const v = fold(name);
  const r = data.regions.find((x) => fold(x.zh) === v || fold(x.en) === v || fold(x.id) === v);
  if (!r) throw new CpError("#N/A", `unknown grid region ${JSON.stringify(name)}: one of ${data.regions.map((x) => x.zh).join(", ")}`);
  return r;
}

/** Spellings of the two conventions (zh with or without 值, en, ignoring case). */
const CONVENTIONS: Readonly<Record<string, ElectricityConvention>> = {
  当量: "equivalent",
  当量值: "equivalent",
  equivalent: "equivalent",
  "equivalent value": "equivalent",
  等价: "equal",
  等价值: "equal",
  equal: "equal",
  "equal value": "equal",
};

/** The convention a text names ("当量", "等价值", "equal" …); `#VALUE!` otherwise. */
export function parseConvention(text: string): ElectricityConvention {
  const c = CONVENTIONS[fold(text)];
  if (!c) throw new CpError("#VALUE!", `convention must be 当量 (equivalent) or 等价 (equal), got ${JSON.stringify(text)}`);
  return c;
}

/** The data's defaults: grid-factor data year, region, electricity convention. */
export function energyCarbonDefaults(data: EnergyCarbonData = ENERGY_CARBON): { factorYear: number; region: GridRegion; convention: ElectricityConvention } {
  return { factorYear: data.defaults.factorYear, region: findRegion(data.defaults.gridRegion, data), convention: parseConvention(data.defaults.electricityConvention) };
}

/**
 * kgce per unit of `carrier` under `convention` (the sheet's 采用折标系数): the equal value when that convention is
 * chosen and the carrier has one; else the equivalent value; else the equal value (media); null when neither.
 */
export function kgcePerUnit(carrier: Pick<Carrier, "kgceEquivalent" | "kgceEqual">, convention: ElectricityConvention): number | null {
  if (convention === "equal" && carrier.kgceEqual !== undefined) return carrier.kgceEqual;
  return carrier.kgceEquivalent ?? carrier.kgceEqual ?? null;
}

/** tCO2 per unit of a fuel: NCV [GJ/unit] × carbon content [tC/GJ] × oxidation × 44/12. */
export function fuelCo2Factor(p: { ncv: number; carbon: number; oxidation: number }): number {
  return ((p.ncv * p.carbon * p.oxidation) * 44) / 12;
}

/**
 * tCO2 per unit of a carrier whose factor does not depend on the year (fuels, heat): the coefficient sheet's
 * CO2 factor; null for grid electricity (see {@link gridFactor}) and for carriers without a default.
 */
export function fixedCo2PerUnit(carrier: Pick<Carrier, "co2">): number | null {
  const c = carrier.co2;
  if (!c || c.kind === "grid") return null;
  if (c.kind === "fuel") return fuelCo2Factor(c);
  return c.gjPerUnit * c.tco2PerGJ;
}

/** The grid factor (tCO2/MWh = kgCO2/kWh) of data year `year` and `region`; `#N/A` when none is stored. */
export function gridFactor(year: number, region: string, data: EnergyCarbonData = ENERGY_CARBON): number {
  const r = findRegion(region, data);
  const f = data.gridFactors.find((g) => g.year === year && g.region === r.id);
  if (!f) {
    const years = data.gridFactors.filter((g) => g.region === r.id).map((g) => g.year);
    throw new CpError("#N/A", `no grid factor for data year ${year}, region ${r.zh}: years stored for ${r.zh}: ${years.join(", ") || "none"}`);
  }
  return f.value;
}

/**
 * Standard coal of `quantity` units of `carrier`, tce: quantity × kgce per unit / 1000 (10 000 kWh × 0.1229 =
 * 1.229 tce).
 * @param quantity in the carrier's unit (kWh, t, m³, GJ), any sign (a saving is positive)
 * @param carrier zh/en name or id
 * @param convention electricity's 当量/等价 (default: the data's, 当量)
 * @throws CpError `#VALUE!` quantity not finite; `#N/A` unknown carrier, or one without a kgce factor (pollutants)
 */
export function tceOf(quantity: number, carrier: string, convention?: ElectricityConvention, data: EnergyCarbonData = ENERGY_CARBON): number {
  const q = requireFinite(quantity, "quantity");
  const c = findCarrier(carrier, data);
  const f = kgcePerUnit(c, convention ?? energyCarbonDefaults(data).convention);
  if (f === null) throw new CpError("#N/A", `${c.zh} (${c.en}) has no standard-coal factor`);
  return (q * f) / 1000;
}

/**
 * CO2 of `quantity` units of `carrier`, tCO2: quantity × tCO2 per unit; electricity: kWh × grid factor of
 * (year, region) / 1000, never through tce (10 000 kWh × 0.5306 / 1000 = 5.306 tCO2, 2023 national).
 * @param year data year of the grid factor (default: the data's, 2023); only electricity uses it
 * @param region grid region zh/en/id (default 全国); only electricity uses it
 * @throws CpError `#VALUE!` quantity not finite; `#N/A` unknown carrier, region or year, or a carrier without a
 *   CO2 factor (pollutants; fuels the data gives no parameters for)
 */
export function co2Of(quantity: number, carrier: string, year?: number, region?: string, data: EnergyCarbonData = ENERGY_CARBON): number {
  const q = requireFinite(quantity, "quantity");
  const c = findCarrier(carrier, data);
  if (c.co2?.kind === "grid") {
    const d = energyCarbonDefaults(data);
    return (q * gridFactor(year ?? d.factorYear, region ?? d.region.id, data)) / 1000;
  }
  const f = fixedCo2PerUnit(c);
  if (f === null) throw new CpError("#N/A", `${c.zh} (${c.en}) has no default CO2 factor`);
  return q * f;
}
