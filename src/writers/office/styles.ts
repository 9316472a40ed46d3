/**
 * Style tokens of the SheetModel → Excel range formats for the Office.js writer.
 *
 * The palette follows the convention of spec §1.2: input cells yellow and unlocked, computed cells
 * (formulas) light blue-grey and locked, lookups light green, totals bold. Colours are "#RRGGBB"
 * strings as `range.format.fill.color` expects them.
 */
import type { ConditionalStyle, StyleToken } from "../../worksheets/model";

export interface TokenFormat {
  /** Fill colour "#RRGGBB"; absent = no fill. */
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  /** Font colour "#RRGGBB". */
  fontColor?: string;
  /** Font size in points. */
  fontSize?: number;
  /** Thin borders on every edge of every cell of the range. */
  borders?: boolean;
  wrapText?: boolean;
  horizontalAlignment?: "Left" | "Center" | "Right";
  verticalAlignment?: "Top" | "Center" | "Bottom";
}

/**
 * One format per token. Same colours as writers/xlsx/styles.ts (input FFF2CC, computed DDEBF7,
 * lookup E2EFDA, header D9D9D9, borders 808080, grey text 595959), so both writers render the
 * same model alike. The font family is left to the user's workbook (Excel's default per language).
 */
export const TOKEN_FORMATS: Readonly<Record<StyleToken, TokenFormat>> = {
  title: { bold: true, fontSize: 14, verticalAlignment: "Center" },
  meta: { fontColor: "#595959", fontSize: 10 },
  header: {
    fill: "#D9D9D9",
    bold: true,
    borders: true,
    wrapText: true,
    horizontalAlignment: "Center",
    verticalAlignment: "Center",
  },
  label: { borders: true, verticalAlignment: "Center" },
  input: { fill: "#FFF2CC", borders: true, verticalAlignment: "Center" },
  computed: { fill: "#DDEBF7", borders: true, verticalAlignment: "Center" },
  lookup: { fill: "#E2EFDA", borders: true, verticalAlignment: "Center" },
  total: { fill: "#DDEBF7", bold: true, borders: true, verticalAlignment: "Center" },
  note: { italic: true, fontColor: "#595959", fontSize: 10 },
};

/** Colour of the thin borders. */
export const BORDER_COLOR = "#808080";

export interface ConditionalFormatColours {
  fill: string;
  fontColor: string;
  bold?: boolean;
}

/** Conditional-format effects (Excel's built-in "Light red fill with dark red text" family). */
export const CONDITIONAL_FORMATS: Readonly<Record<ConditionalStyle, ConditionalFormatColours>> = {
  bad: { fill: "#FFC7CE", fontColor: "#9C0006" },
  good: { fill: "#C6EFCE", fontColor: "#006100" },
  warn: { fill: "#FFEB9C", fontColor: "#9C5700" },
  highlight: { fill: "#BDD7EE", fontColor: "#1F4E78", bold: true },
};

/** Cell edges that receive a thin border when a token asks for borders. */
export const BORDER_EDGES = [
  "EdgeTop",
  "EdgeBottom",
  "EdgeLeft",
  "EdgeRight",
  "InsideHorizontal",
  "InsideVertical",
] as const;

/**
 * Column width in characters (the model's unit, as in the xlsx file) → points for
 * `range.format.columnWidth`: Excel's default font (Calibri 11) has a 7-pixel maximum digit width
 * plus 5 pixels of padding, and 1 pixel = 0.75 point at 96 dpi.
 */
export function columnWidthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}
