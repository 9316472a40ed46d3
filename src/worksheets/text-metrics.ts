/**
 * Text metrics shared by the layout and both writers: which cells wrap, how many lines a text
 * takes in a column, and the row height that shows them. The layout computes every row's height
 * once into the SheetModel (`rowHeights`), so writers/xlsx and writers/office set the same heights
 * (LibreOffice does not grow rows to their wrapped texts when it opens an .xlsx; Excel keeps a
 * header or merged row at its height).
 */
import type { StyleToken } from "./model";

/** Tokens whose texts wrap inside their column (a header; a long option name or verdict prints in full). */
const WRAPPING_TOKENS: ReadonlySet<StyleToken> = new Set<StyleToken>(["header", "input", "computed", "lookup"]);

/**
 * Whether a cell's text wraps: a text with an explicit line break always does (headers and notes
 * written on two lines), a header, input, computed or lookup cell does unless it is part of a merge (a
 * merged cell does not grow its row, so its text stays on one line and is cut at the merge's
 * edge instead of being cut in height). Labels, notes and totals overflow into empty neighbours.
 */
export function wrapsText(token: StyleToken | undefined, value: unknown, merged: boolean): boolean {
  if (typeof value === "string" && value.includes("\n")) return true;
  return token !== undefined && WRAPPING_TOKENS.has(token) && !merged;
}

/** Excel's default column width (characters) when the model gives none. */
export const DEFAULT_COLUMN_WIDTH = 8.43;

/** Display width of a character: a CJK (or other full-width) character counts 2, anything else 1. */
function charWidth(code: number): number {
  return code >= 0x2e80 && !(code >= 0xff61 && code <= 0xff9f) ? 2 : 1;
}

/**
 * Number of lines `text` takes when it wraps in a column `width` characters wide: each explicit
 * line is filled word by word (a CJK character is a word of its own, a word wider than the line is
 * broken), a line holding about width − 1 display columns (CJK = 2) of 11 pt text, 5 % less in
 * wide columns, more for a smaller `size` (pt) — what Excel's default fonts (等线, Calibri) fit,
 * with a little to spare.
 */
export function wrappedLines(text: string, width: number, size = 11): number {
  const capacity = Math.max(1, (width <= 25 ? width - 1 : 0.95 * width - 1) * (11 / size));
  let lines = 0;
  for (const line of text.split("\n")) {
    lines++;
    let used = 0; // display width on the current line
    let word = 0; // width of the Latin word being read
    const place = (w: number) => {
      if (used > 0 && used + w > capacity) {
        lines++;
        used = 0;
      }
      while (w > capacity) {
        // a word wider than a whole line is broken
        lines++;
        w -= capacity;
      }
      used += w;
    };
    for (const ch of line) {
      const code = ch.codePointAt(0)!;
      if (ch === " ") {
        if (word > 0) place(word);
        word = 0;
        if (used > 0) used += 1;
      } else if (charWidth(code) === 2) {
        if (word > 0) place(word);
        word = 0;
        place(2);
      } else word += 1;
    }
    if (word > 0) place(word);
  }
  return lines;
}

/** Font size (pt) of a token's text. */
export function fontSize(token: StyleToken | undefined): number {
  return token === "title" ? 14 : token === "meta" || token === "note" ? 10 : 11;
}

/**
 * Height (pt) of a row whose tallest cell holds `lines` explicit lines at `size` pt: about 1.45 line
 * spacing (CJK fonts such as 等线 / Noto Sans CJK need more than Latin ones) and a little padding.
 */
export function rowHeightFor(lines: number, size: number): number {
  return Math.ceil(lines * size * 1.45 + 3);
}

