/**
 * The two sets of terms of spec §8.2: the 1996/2001 handbook's (清洁生产审计; phases 筹划和组织,
 * 预评估, 评估, 方案产生和筛选, 可行性分析, 方案实施, 持续清洁生产) and the current ones of the 2016
 * 《清洁生产审核办法》 (清洁生产审核; 审核准备, 预审核, 审核, 方案的产生和筛选, 方案的确定, 方案的实施,
 * 持续清洁生产).
 *
 * The generated workbook uses them in the sheet titles (2001: 审核 → 审计 in the zh-CN title, e.g.
 * 表1-1 审计小组成员表; 2016: the titles as the worksheet set writes them, 审核) and in the stage names
 * of the work plan (WS1-2). Default "2016": the current framework, whose 审核 the titles have always
 * used, so the default changes no existing title. English texts are the same in both except the
 * phase names. The task pane shows phase names through {@link phaseName} (catalogue.ts).
 */
import type { L } from "./i18n";
import type { Lang } from "./model";

/** Which terms: the 1996/2001 handbook's or the 2016 Measures'. */
export type Terminology = "2001" | "2016";

/** The default terms (the current framework). */
export const DEFAULT_TERMINOLOGY: Terminology = "2016";

/** Every terminology, for option parsing and the schema. */
export const TERMINOLOGIES: readonly Terminology[] = ["2001", "2016"];

/** A title in the terms of `terminology`: zh-CN 审核 ↔ 审计 (spec §8.2 first row); English is unchanged. */
export function termTitle(lang: Lang, title: string, terminology: Terminology | undefined): string {
  if (lang !== "zh-CN") return title;
  return (terminology ?? DEFAULT_TERMINOLOGY) === "2001" ? title.replace(/审核/g, "审计") : title.replace(/审计/g, "审核");
}

/** A label in both sets of terms. */
export interface TermPair {
  t2001: L;
  t2016: L;
}

/** The label of `pair` in the terms of `terminology` (default {@link DEFAULT_TERMINOLOGY}). */
export function termLabel(pair: TermPair, terminology: Terminology | undefined): L {
  return (terminology ?? DEFAULT_TERMINOLOGY) === "2001" ? pair.t2001 : pair.t2016;
}
