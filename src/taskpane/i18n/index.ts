/** The task pane's strings by language, and the language Office reports. */
import type { Lang } from "../../worksheets/model";
import { enUS, type Strings } from "./en-US";
import { zhCN } from "./zh-CN";

export type { Strings } from "./en-US";

export const STRINGS: Readonly<Record<Lang, Strings>> = { "zh-CN": zhCN, "en-US": enUS };

/**
 * Task-pane language for an Office display language (`Office.context.displayLanguage`, e.g.
 * "zh-CN", "zh-TW", "en-GB"): any Chinese → zh-CN, anything else → en-US.
 */
export function langFromDisplayLanguage(displayLanguage: string | null | undefined): Lang {
  return typeof displayLanguage === "string" && /^zh\b/i.test(displayLanguage) ? "zh-CN" : "en-US";
}
