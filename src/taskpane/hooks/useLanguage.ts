import { useCallback, useState } from "react";
import type { Lang } from "../../worksheets/model";
import { STRINGS, langFromDisplayLanguage, type Strings } from "../i18n";

export interface LanguageState {
  lang: Lang;
  t: Strings;
  setLang: (lang: Lang) => void;
}

/** The pane's language: Office's display language at start, switchable by the user. */
export function useLanguage(displayLanguage?: string): LanguageState {
  const [lang, setLangState] = useState<Lang>(() => langFromDisplayLanguage(displayLanguage));
  const setLang = useCallback((l: Lang) => setLangState(l), []);
  return { lang, t: STRINGS[lang], setLang };
}
