/**
 * Legal, unique Excel sheet and table names (engineering guide §6, edge case E10).
 *
 * Pure string functions: no Office, no ExcelJS. Both writers receive names that already passed
 * through here, so a layout calls `legalSheetName` once per sheet with the names it has used so far.
 */

/** Excel's limit on a sheet name, in UTF-16 code units. */
export const MAX_SHEET_NAME_UNITS = 31;

/** Excel's limit on a table / defined name, in characters. */
export const MAX_TABLE_NAME_UNITS = 255;

/**
 * Replacement of each character Excel forbids in a sheet name by a similar legal one:
 * brackets become parentheses, slashes a hyphen, `:` `*` `?` an underscore.
 */
const SHEET_CHAR_REPLACEMENTS: Readonly<Record<string, string>> = {
  "[": "(",
  "]": ")",
  "/": "-",
  "\\": "-",
  ":": "_",
  "*": "_",
  "?": "_",
};

/**
 * An apostrophe inside a name is legal in Excel but must be doubled in every formula, defined name and print
 * title that quotes the sheet (ExcelJS 4.4 does not double it in print titles), so it becomes "’" (U+2019).
 */
const INNER_APOSTROPHE = "\u2019";

/** Name used when nothing usable is left of the wanted name. */
const FALLBACK_SHEET_NAME = "Sheet";

/** Excel reserves "History" (any case) for the change-tracking sheet. */
const RESERVED_SHEET_NAMES = new Set(["HISTORY"]);

/** Case-insensitive comparison key (Excel compares sheet names ignoring case). */
function nameKey(name: string): string {
  return name.toUpperCase();
}

/** True when `s[i]` is a high surrogate followed by a low surrogate. */
function isPairStart(s: string, i: number): boolean {
  const hi = s.charCodeAt(i);
  const lo = s.charCodeAt(i + 1);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

/**
 * The longest prefix of `s` that has at most `units` UTF-16 code units and does not end in the
 * middle of a surrogate pair (an emoji is kept whole or dropped whole).
 */
export function truncateUtf16(s: string, units: number): string {
  if (s.length <= units) return s;
  let end = units;
  // If the cut falls between a high and a low surrogate, step back before the pair.
  if (end > 0 && isPairStart(s, end - 1)) end -= 1;
  return s.slice(0, end);
}

/** Replaces lone surrogates and control characters (illegal in the file's XML) by "_". */
function replaceUnencodable(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      if (isPairStart(s, i)) {
        out += s[i]! + s[i + 1]!;
        i += 1;
      } else out += "_";
    } else if (c >= 0xdc00 && c <= 0xdfff) out += "_";
    else if (c < 0x20 || c === 0x7f) out += "_";
    else out += s[i]!;
  }
  return out;
}

/** Removes leading/trailing white space and apostrophes (Excel forbids a name starting or ending with "'"). */
function trimSheetName(s: string): string {
  return s.replace(/^[\s']+/u, "").replace(/[\s']+$/u, "");
}

/**
 * A legal Excel sheet name close to `wanted` that is not in `taken` (E10, guide §6).
 *
 * Rules applied, in order:
 * 1. each of `[ ] : * ? / \` is replaced by a similar legal character (`[`→`(`, `]`→`)`, `/` and `\`→`-`,
 *    `:` `*` `?`→`_`); control characters and lone surrogates become `_`;
 * 2. leading/trailing white space and apostrophes are removed; an inner apostrophe becomes "’" (U+2019) so
 *    that no formula or print title has to double it;
 * 3. at most 31 UTF-16 code units, cut before a surrogate pair rather than through it;
 * 4. an empty result becomes "Sheet";
 * 5. if the name equals "History" or a taken name ignoring case, " (2)", " (3)", ... is appended, the base
 *    being shortened so that the whole stays within 31 units: a long name is never silently truncated into
 *    a duplicate.
 *
 * @param wanted any text (a title, a user-typed name); never rejected.
 * @param taken names already used in the workbook (compared ignoring case).
 * @returns a name of 1–31 UTF-16 units, none of `[]:*?/\`, no leading/trailing `'`, not "History",
 *   unique ignoring case among `taken`. The caller adds it to its taken set.
 */
export function legalSheetName(wanted: string, taken: Iterable<string>): string {
  const takenKeys = new Set<string>();
  for (const t of taken) takenKeys.add(nameKey(t));
  for (const r of RESERVED_SHEET_NAMES) takenKeys.add(r);

  let base = "";
  for (const ch of replaceUnencodable(wanted)) base += SHEET_CHAR_REPLACEMENTS[ch] ?? ch;
  base = trimSheetName(base).replace(/'/g, INNER_APOSTROPHE);
  base = trimSheetName(truncateUtf16(base, MAX_SHEET_NAME_UNITS));
  if (base === "") base = FALLBACK_SHEET_NAME;
  if (!takenKeys.has(nameKey(base))) return base;

  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    let stem = trimSheetName(truncateUtf16(base, MAX_SHEET_NAME_UNITS - suffix.length));
    if (stem === "") stem = FALLBACK_SHEET_NAME;
    const candidate = stem + suffix;
    if (!takenKeys.has(nameKey(candidate))) return candidate;
  }
}

/** A1-style reference: 1–3 letters then digits (A1, XFD1048576, also ABC12 which Excel treats alike). */
const A1_LIKE = /^[A-Za-z]{1,3}[0-9]+$/;
/** R1C1-style reference or its parts: R, C, R1, C1, RC, R1C1, R[1]C is not a legal name anyway. */
const R1C1_LIKE = /^(?:[Rr][0-9]*[Cc]?[0-9]*|[Cc][0-9]*)$/;

/**
 * A legal, unique Excel table (ListObject) name close to `wanted` (guide §6).
 *
 * - characters other than letters, digits, "_" and "." (spaces included) become "_";
 * - the first character must be a letter or "_": otherwise "_" is put in front;
 * - a name that reads as a cell reference (A1, XFD100, R1C1, R, C) or as TRUE/FALSE gets a "_" in front;
 * - at most 255 characters; empty → "Table";
 * - unique ignoring case among `taken` (tables and defined names share one namespace): "_2", "_3", ...
 *   is appended.
 *
 * @returns e.g. "Material balance 2024" → "Material_balance_2024", "2024 data" → "_2024_data", "A1" → "_A1".
 */
export function legalTableName(wanted: string, taken: Iterable<string>): string {
  const takenKeys = new Set<string>();
  for (const t of taken) takenKeys.add(nameKey(t));

  let base = "";
  for (const ch of replaceUnencodable(wanted.trim())) base += /^[\p{L}\p{N}_.]$/u.test(ch) ? ch : "_";
  if (base === "") base = "Table";
  if (!/^[\p{L}_]/u.test(base)) base = "_" + base;
  if (A1_LIKE.test(base) || R1C1_LIKE.test(base) || /^(TRUE|FALSE)$/i.test(base)) base = "_" + base;
  base = truncateUtf16(base, MAX_TABLE_NAME_UNITS);
  if (!takenKeys.has(nameKey(base))) return base;

  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = truncateUtf16(base, MAX_TABLE_NAME_UNITS - suffix.length) + suffix;
    if (!takenKeys.has(nameKey(candidate))) return candidate;
  }
}
