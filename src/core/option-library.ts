/**
 * The bundled option library (src/data/option-library.json; provenance and how sure each industry is:
 * src/data/option-library.README.md): 17 industries and 314 typical cleaner-production options of the
 * 2001 training textbook's appendix 2 list of industries, each with its aspect (one of the 8, spec §5.1),
 * typical cost class (无/低费 or 中/高费, spec §5.2: editable per option) and effect tags.
 *
 * Every library option gets a stable id: the industry's code and its 1-based position, `BEER-03`
 * (a case file references it as `{ "library": "BEER-03", "id": "F-07" }`). The data file itself is kept
 * as received.
 *
 * {@link appendLibraryOptions} gives picked options fresh register ids (spec §5.3: F- for 无/低费, Z- for
 * 中/高费, numbering continued after the register's highest number of that prefix) and never reuses an
 * id the register has.
 */
import raw from "../data/option-library.json";

/** One option of the library, with its stable id and industry. */
export interface LibraryOption {
  /** `BEER-03`: industry code + position in the industry's list (2 digits) */
  id: string;
  industryZh: string;
  industryEn: string;
  nameZh: string;
  nameEn: string;
  /** one of the 8 aspects, zh-CN (原辅材料和能源 … 员工) */
  aspect: string;
  /** 无/低费 or 中/高费 */
  costClass: string;
  /** effect tags (water, energy, COD …), see {@link EFFECT_TAGS} */
  effects: string[];
}

/** One industry of the library. */
export interface LibraryIndustry {
  code: string;
  zh: string;
  en: string;
  /** the README's confidence in the industry's list */
  confidence: string;
  source: string;
  options: LibraryOption[];
}

interface RawIndustry {
  industry_zh: string;
  industry_en: string;
  source: string;
  options: { name_zh: string; name_en: string; aspect: string; cost_class: string; effect: string }[];
}

/** Industry codes (ASCII, part of the library ids: never changed) and the README's confidence. */
const INDUSTRY_INFO: Record<string, { code: string; confidence: string }> = {
  工业清洁生产通用方案: { code: "GEN", confidence: "medium-high" },
  啤酒: { code: "BEER", confidence: "high" },
  酒精: { code: "ALCOHOL", confidence: "high" },
  冶金: { code: "STEEL", confidence: "medium" },
  丝绸印染: { code: "DYEING", confidence: "medium" },
  有机化工: { code: "ORGCHEM", confidence: "medium-low" },
  制药: { code: "PHARMA", confidence: "medium" },
  电镀: { code: "PLATING", confidence: "high" },
  印刷线路板: { code: "PCB", confidence: "high" },
  "金属制品/表面涂装": { code: "COATING", confidence: "medium-high" },
  金属部件清洗: { code: "CLEANING", confidence: "medium-high" },
  化工: { code: "CHEM", confidence: "low-medium" },
  涂料: { code: "PAINT", confidence: "medium-high" },
  农药制剂: { code: "PESTICIDE", confidence: "medium" },
  造纸: { code: "PAPER", confidence: "medium" },
  水泥: { code: "CEMENT", confidence: "medium" },
  宾馆饭店: { code: "HOTEL", confidence: "medium" },
};

/** zh-CN labels of the effect tags (the library README's table). */
export const EFFECT_TAGS: Readonly<Record<string, string>> = {
  water: "节水",
  wastewater: "减废水量",
  energy: "节能",
  material: "降原辅料消耗",
  yield: "提高收率",
  chemicals: "减化学品",
  COD: "削减COD",
  "heavy-metals": "重金属",
  toxicity: "降低毒性",
  solvent: "溶剂/VOCs",
  dust: "粉尘",
  SO2: "二氧化硫",
  NOx: "氮氧化物",
  CO2: "二氧化碳",
  sludge: "污泥",
  "solid-waste": "一般固废",
  "hazardous-waste": "危险废物",
  "off-spec": "减少废品",
  packaging: "包装废物",
  nutrients: "氮磷",
};

/**
 * An option's effect tags as shown in `lang`: zh-CN labels joined by 、 (unknown tags kept), en-US
 * the tags themselves joined by ", "; "" when it has none.
 */
export function effectsText(o: LibraryOption, lang: "zh-CN" | "en-US"): string {
  return lang === "zh-CN" ? o.effects.map((e) => EFFECT_TAGS[e] ?? e).join("、") : o.effects.join(", ");
}

let industries: LibraryIndustry[] | undefined;

/** The library's industries in the file's order (the textbook appendix's order). */
export function libraryIndustries(): readonly LibraryIndustry[] {
  return (industries ??= (raw as RawIndustry[]).map((ind) => {
    const info = INDUSTRY_INFO[ind.industry_zh];
    if (!info) throw new Error(`option library: no code for industry ${ind.industry_zh}`);
    return {
      code: info.code,
      zh: ind.industry_zh,
      en: ind.industry_en,
      confidence: info.confidence,
      source: ind.source,
      options: ind.options.map((o, k) => ({
        id: `${info.code}-${String(k + 1).padStart(2, "0")}`,
        industryZh: ind.industry_zh,
        industryEn: ind.industry_en,
        nameZh: o.name_zh,
        nameEn: o.name_en,
        aspect: o.aspect,
        costClass: o.cost_class,
        effects: o.effect
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s !== ""),
      })),
    };
  }));
}

/**
 * The industry named `name`: its zh-CN name, its English name or its code, ignoring case and
 * surrounding spaces; undefined when none.
 */
export function libraryIndustry(name: string): LibraryIndustry | undefined {
  const key = name.trim().toUpperCase();
  return libraryIndustries().find((i) => i.zh === name.trim() || i.code === key || i.en.toUpperCase() === key);
}

/** The library option with id `id` (ignoring case), or undefined. */
export function libraryOption(id: string): LibraryOption | undefined {
  const key = id.trim().toUpperCase();
  const code = key.replace(/-\d+$/, "");
  return libraryIndustries()
    .find((i) => i.code === code)
    ?.options.find((o) => o.id === key);
}

/** The register prefix of a cost class (spec §5.3): F for 无费/低费/无/低费, Z otherwise. */
export function idPrefix(costClass: string): "F" | "Z" {
  return costClass === "无费" || costClass === "低费" || costClass === "无/低费" ? "F" : "Z";
}

/** A library option with the register id it gets. */
export interface AppendedOption {
  id: string;
  option: LibraryOption;
}

/**
 * Fresh register ids for `picked` library options (in the given order): prefix F- (无/低费) or Z-
 * (中/高费), number = 1 + the highest number the register already uses with that prefix (`F-07` →
 * `F-08`; ids of another form are ignored for the numbering), 2 digits at least. An id the register
 * already has (ignoring case) is never given: the number moves on. Nothing in `existingIds` changes.
 * @param existingIds the register's ids (blank ones ignored)
 * @param picked library options, in the order they are appended
 */
export function appendLibraryOptions(existingIds: readonly string[], picked: readonly LibraryOption[]): AppendedOption[] {
  const taken = new Set(existingIds.map((id) => id.trim().toUpperCase()).filter((id) => id !== ""));
  const next: Record<"F" | "Z", number> = { F: 0, Z: 0 };
  for (const id of taken) {
    const m = /^([FZ])-(\d+)$/.exec(id);
    if (m) next[m[1] as "F" | "Z"] = Math.max(next[m[1] as "F" | "Z"], Number(m[2]));
  }
  return picked.map((option) => {
    const prefix = idPrefix(option.costClass);
    let id: string;
    do {
      next[prefix] += 1;
      id = `${prefix}-${String(next[prefix]).padStart(2, "0")}`;
    } while (taken.has(id));
    taken.add(id);
    return { id, option };
  });
}
