import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useRef, type KeyboardEvent } from "react";

const useStyles = makeStyles({
  list: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalXS, rowGap: tokens.spacingVerticalXS, minWidth: 0 },
  tab: {
    appearance: "none",
    border: "none",
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    backgroundColor: "transparent",
    color: tokens.colorNeutralForeground2,
    fontFamily: "inherit",
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
    cursor: "pointer",
    borderRadius: `${tokens.borderRadiusMedium} ${tokens.borderRadiusMedium} 0 0`,
    ":hover": { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1 },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorCompoundBrandStroke,
  },
});

export interface PaneTab<T extends string> {
  value: T;
  label: string;
}

export interface PaneTabsProps<T extends string> {
  tabs: readonly PaneTab<T>[];
  selected: T;
  onSelect: (value: T) => void;
  /** Prefix of the tabs' ids: tab `${idPrefix}-${value}`, its panel `${idPrefix}-${value}-panel`. */
  idPrefix: string;
}

export const tabId = (prefix: string, value: string) => `${prefix}-${value}`;
export const panelId = (prefix: string, value: string) => `${prefix}-${value}-panel`;

/**
 * The pane's tabs (WAI-ARIA tabs pattern, automatic activation: ←/→/Home/End move and select,
 * one tab stop). Wrapping onto a second line at 320 px instead of scrolling. A plain tablist
 * rather than Fluent's TabList, whose focus manager adds focusable aria-hidden elements that
 * axe-core reports (aria-hidden-focus, serious).
 */
export function PaneTabs<T extends string>({ tabs, selected, onSelect, idPrefix }: PaneTabsProps<T>) {
  const s = useStyles();
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.findIndex((t) => t.value === selected);
    const next =
      e.key === "ArrowRight" ? (i + 1) % tabs.length : e.key === "ArrowLeft" ? (i - 1 + tabs.length) % tabs.length : e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    const v = tabs[next]!.value;
    onSelect(v);
    refs.current.get(v)?.focus();
  };
  return (
    <div role="tablist" className={s.list} onKeyDown={onKeyDown}>
      {tabs.map((t) => {
        const on = t.value === selected;
        return (
          <button
            key={t.value}
            ref={(el) => {
              if (el) refs.current.set(t.value, el);
              else refs.current.delete(t.value);
            }}
            type="button"
            role="tab"
            id={tabId(idPrefix, t.value)}
            aria-selected={on}
            aria-controls={on ? panelId(idPrefix, t.value) : undefined}
            tabIndex={on ? 0 : -1}
            className={mergeClasses(s.tab, on && s.selected)}
            onClick={() => onSelect(t.value)}
          >
            {t.label}
          </button>
        );
      })}
    </div>
  );
}
