/**
 * The option library in the pane (issue 11): pick one of the library's 17 industries (with the
 * README's confidence), tick typical options (name; aspect, cost class and effect tags below it;
 * "select all") and append them to the options register. This module, the library's data (~77 KB)
 * and core/option-library are a chunk of their own, loaded when the user opens the library.
 *
 * Inside Excel "append" calls `onAppend` (the write flow: status, progress and result in the
 * pane's sticky status area); outside Excel the library can be browsed and the pane says that
 * appending needs Excel.
 */
import { Button, Checkbox, Field, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import { effectsText, libraryIndustries, type LibraryIndustry, type LibraryOption } from "../../core/option-library";
import { ASPECTS, COST_CLASSES, itemText } from "../../worksheets/i18n";
import type { Lang } from "../../worksheets/model";
import type { Host } from "../actions";
import type { Strings } from "../i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  item: { display: "flex", flexDirection: "column", paddingBlock: "2px", borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, minWidth: 0 },
  // colorNeutralForeground2 (#424242) on white: 10:1
  meta: { color: tokens.colorNeutralForeground2, paddingInlineStart: "32px" },
  // a native select is as wide as its longest option (the English industry names): held to the pane's width
  field: { minWidth: 0, gridTemplateColumns: "minmax(0, 1fr)" },
  select: { minWidth: 0, width: "100%", maxWidth: "100%" },
  selectInner: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
  footer: { display: "flex", alignItems: "center", justifyContent: "space-between", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
});

export interface OptionLibraryProps {
  lang: Lang;
  t: Strings;
  host: Host;
  busy: boolean;
  /** Appends the picked options (in the library's order); resolves true when they were appended. */
  onAppend: (picked: readonly LibraryOption[]) => Promise<boolean>;
}

const industryName = (i: LibraryIndustry, lang: Lang) => (lang === "zh-CN" ? i.zh : i.en);

/** "技术工艺 · 无/低费 · 节水、节能": the option's aspect, cost class and effect tags in `lang`. */
export function optionMeta(o: LibraryOption, lang: Lang): string {
  return [itemText(lang, ASPECTS, o.aspect), itemText(lang, COST_CLASSES, o.costClass), effectsText(o, lang)].filter((x) => x !== "").join(" · ");
}

export function OptionLibrary({ lang, t, host, busy, onAppend }: OptionLibraryProps) {
  const s = useStyles();
  const industries = libraryIndustries();
  const [code, setCode] = useState("");
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set());
  const selectRef = useRef<HTMLSelectElement>(null);
  const excel = host === "excel";
  // opened by a button that goes away: focus moves to the industry choice
  useEffect(() => selectRef.current?.focus(), []);

  const industry = industries.find((i) => i.code === code);
  const options = useMemo(() => industry?.options ?? [], [industry]);
  const all = options.length > 0 && options.every((o) => picked.has(o.id));
  const some = options.some((o) => picked.has(o.id));

  const toggle = (id: string, on: boolean) =>
    setPicked((p) => {
      const n = new Set(p);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });

  const append = async () => {
    if (await onAppend(options.filter((o) => picked.has(o.id)))) setPicked(new Set());
  };

  return (
    <div className={s.root}>
      {!excel && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t.libraryNeedsExcel}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={t.libraryIndustry} className={s.field}>
        <Select
          ref={selectRef}
          className={s.select}
          select={{ className: s.selectInner }}
          value={code}
          onChange={(_, d) => {
            setCode(d.value);
            setPicked(new Set());
          }}
        >
          <option value="">{t.libraryIndustryNone}</option>
          {industries.map((i) => (
            <option key={i.code} value={i.code}>
              {`${industryName(i, lang)} (${t.libraryConfidence(i.confidence)})`}
            </option>
          ))}
        </Select>
      </Field>
      {industry && (
        <>
          <Checkbox
            label={t.librarySelectAll}
            checked={all ? true : some ? "mixed" : false}
            onChange={(_, d) => setPicked(d.checked === true ? new Set(options.map((o) => o.id)) : new Set())}
          />
          <ul className={s.list} aria-label={t.libraryOptionsLabel(industryName(industry, lang))}>
            {options.map((o) => (
              <li key={o.id} className={s.item}>
                <Checkbox
                  label={lang === "zh-CN" ? o.nameZh : o.nameEn}
                  aria-describedby={`cp-lib-${o.id}`}
                  checked={picked.has(o.id)}
                  onChange={(_, d) => toggle(o.id, d.checked === true)}
                />
                <Text id={`cp-lib-${o.id}`} size={200} className={s.meta}>
                  {optionMeta(o, lang)}
                </Text>
              </li>
            ))}
          </ul>
          <div className={s.footer}>
            <Text size={200}>{t.libraryPicked(options.filter((o) => picked.has(o.id)).length, options.length)}</Text>
            {excel && (
              <Button appearance="primary" disabled={busy || !some} onClick={() => void append()}>
                {t.libraryAppend}
              </Button>
            )}
          </div>
        </>
      )}
    </div>
  );
}
