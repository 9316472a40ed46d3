/**
 * Style tokens of the SheetModel → ExcelJS cell styles and conditional-format (dxf) styles.
 *
 * One style object per (language, token, number format) is built once and shared by every cell that
 * uses it: ExcelJS keeps the reference (`cell.style = shared`), and nothing here mutates a style after
 * it is handed out (cell.numFmt = ... would mutate the shared object, so the number format is part of
 * the cache key instead).
 */
import type ExcelJS from "exceljs";
import type { ConditionalStyle, Lang, StyleToken } from "../../worksheets/model";

/** ARGB colours (Excel's "light" palette so that printed sheets stay readable in grey). */
export const COLORS = {
  /** input: light yellow. */
  input: "FFFFF2CC",
  /** computed: light grey-blue. */
  computed: "FFDDEBF7",
  /** lookup: light green. */
  lookup: "FFE2EFDA",
  /** header: grey. */
  header: "FFD9D9D9",
  /** thin borders of tables. */
  border: "FF808080",
  /** note / meta text. */
  greyText: "FF595959",
} as const;

/** Font family per language: 等线 (Office's default Chinese font) for zh-CN, Calibri for en-US. */
export function baseFont(lang: Lang): Partial<ExcelJS.Font> {
  return lang === "zh-CN"
    ? { name: "等线", family: 2, charset: 134, size: 11 }
    : { name: "Calibri", family: 2, size: 11 };
}

const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: COLORS.border } };
const allThin: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

function solid(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } };
}

/** The style of a token without number format (frozen by convention: never mutated). */
function tokenStyle(lang: Lang, token: StyleToken): Partial<ExcelJS.Style> {
  const font = baseFont(lang);
  switch (token) {
    case "title":
      return { font: { ...font, size: 14, bold: true }, alignment: { vertical: "middle" } };
    case "meta":
      return { font: { ...font, size: 10, color: { argb: COLORS.greyText } } };
    case "header":
      return {
        font: { ...font, bold: true },
        fill: solid(COLORS.header),
        border: allThin,
        alignment: { horizontal: "center", vertical: "middle", wrapText: true },
      };
    case "label":
      return { font, border: allThin, alignment: { vertical: "middle" } };
    case "input":
      return {
        font,
        fill: solid(COLORS.input),
        border: allThin,
        protection: { locked: false },
        alignment: { vertical: "middle" },
      };
    case "computed":
      return { font, fill: solid(COLORS.computed), border: allThin, alignment: { vertical: "middle" } };
    case "lookup":
      return { font, fill: solid(COLORS.lookup), border: allThin, alignment: { vertical: "middle" } };
    case "total":
      return {
        font: { ...font, bold: true },
        fill: solid(COLORS.computed),
        border: allThin,
        alignment: { vertical: "middle" },
      };
    case "note":
      return { font: { ...font, size: 10, italic: true, color: { argb: COLORS.greyText } } };
  }
}

/**
 * Cache of shared cell styles for one workbook. `get(token, numFmt)` returns the same object for the
 * same arguments. A cell without token still gets the language's font (ExcelJS's default font is Calibri,
 * which has no Chinese glyphs).
 */
export class StyleCache {
  private readonly byKey = new Map<string, Partial<ExcelJS.Style>>();
  private readonly lang: Lang;

  constructor(lang: Lang) {
    this.lang = lang;
  }

  /**
   * The shared style of a token with a number format; `wrap` adds text wrapping (see
   * {@link wrapsText}); a header always wraps.
   */
  get(token: StyleToken | undefined, numFmt: string | undefined, wrap = false): Partial<ExcelJS.Style> {
    const key = `${token ?? ""}\u0000${numFmt ?? ""}\u0000${wrap ? 1 : 0}`;
    let style = this.byKey.get(key);
    if (style === undefined) {
      let base: Partial<ExcelJS.Style> = token === undefined ? { font: baseFont(this.lang) } : tokenStyle(this.lang, token);
      if (wrap && !base.alignment?.wrapText) {
        base = { ...base, alignment: { ...base.alignment, wrapText: true, vertical: token === "note" ? "top" : (base.alignment?.vertical ?? "middle") } };
      }
      style = numFmt === undefined ? base : { ...base, numFmt };
      this.byKey.set(key, style);
    }
    return style;
  }
}

export { DEFAULT_COLUMN_WIDTH, fontSize, rowHeightFor, wrappedLines, wrapsText } from "../../worksheets/text-metrics";

/**
 * Differential (dxf) styles of the formula conditional formats. Fill colours are set as both fgColor and
 * bgColor of a solid pattern: Excel reads bgColor in a dxf, older LibreOffice versions fgColor.
 * - bad: light red fill, dark red text (Excel's "Light Red Fill with Dark Red Text")
 * - good: light green fill, dark green text
 * - warn: light yellow fill, dark yellow text
 * - highlight: light blue fill, bold dark blue text
 */
export const CONDITIONAL_STYLES: Readonly<Record<ConditionalStyle, Partial<ExcelJS.Style>>> = {
  bad: { fill: solid("FFFFC7CE"), font: { color: { argb: "FF9C0006" } } },
  good: { fill: solid("FFC6EFCE"), font: { color: { argb: "FF006100" } } },
  warn: { fill: solid("FFFFEB9C"), font: { color: { argb: "FF9C5700" } } },
  highlight: { fill: solid("FFBDD7EE"), font: { bold: true, color: { argb: "FF1F4E78" } } },
};
