/**
 * `cp-audit options [--industry NAME]`: the bundled option library (core/option-library.ts) as text.
 * With an industry: one line per option — library id, name, aspect, cost class, effect tags — after
 * a heading with the industry's confidence (src/data/option-library.README.md). Without: the
 * industries. An unknown industry is an error that lists the known ones.
 */
import { effectsText, libraryIndustries, libraryIndustry } from "../core/option-library";
import { ASPECTS, COST_CLASSES, itemText } from "../worksheets/i18n";
import type { Lang } from "../worksheets/model";

/** Lines to print and whether the request was understood (`ok: false` → stderr, exit 1). */
export function optionsListing(industry: string | undefined, lang: Lang): { ok: boolean; lines: string[] } {
  const zh = lang === "zh-CN";
  const known = libraryIndustries().map((i) => `  ${i.code.padEnd(10)} ${i.zh} (${i.en}), ${i.options.length} ${zh ? "项" : "options"}, ${zh ? "可信度" : "confidence"} ${i.confidence}`);
  if (industry === undefined) return { ok: true, lines: [zh ? "方案库中的行业（--industry 取中文名、英文名或代码）：" : "Industries of the option library (--industry takes the Chinese name, English name or code):", ...known] };
  const ind = libraryIndustry(industry);
  if (!ind) {
    return {
      ok: false,
      lines: [zh ? `方案库中没有行业 "${industry}"。已有的行业：` : `unknown industry "${industry}": the option library knows these industries:`, ...known],
    };
  }
  const head = zh
    ? `${ind.zh}（${ind.en}）：${ind.options.length} 项典型方案，可信度 ${ind.confidence}（见 src/data/option-library.README.md）`
    : `${ind.en} (${ind.zh}): ${ind.options.length} typical options, confidence ${ind.confidence} (see src/data/option-library.README.md)`;
  const lines = ind.options.map((o) => {
    const effects = effectsText(o, zh ? "zh-CN" : "en-US");
    return zh ? `${o.id}\t${o.nameZh}\t${o.aspect}\t${o.costClass}\t${effects}` : `${o.id}\t${o.nameEn}\t${itemText(lang, ASPECTS, o.aspect)}\t${itemText(lang, COST_CLASSES, o.costClass)}\t${effects}`;
  });
  return { ok: true, lines: [head, zh ? "编号\t方案名称\t方案类型\t费用类别\t效果" : "ID\tName\tAspect\tCost class\tEffects", ...lines] };
}
