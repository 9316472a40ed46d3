/**
 * Shared layout helpers: the {@link SheetBuilder} that collects cells, merges, validations,
 * conditional formats and column widths into a {@link SheetModel}, the build context every
 * definition receives, and the standard header block and footer of spec §1.2.
 *
 * Layout conventions (docs/MODEL.md):
 * - rows 0–3 are the header block: title (row 0), 企业名称 / 审核轮次 (row 1), 制表 / 审核 / 日期
 *   (row 2), a note line (row 3); the header values are input cells on the parameters sheet and
 *   lookups everywhere else;
 * - the table header starts at row {@link TABLE_TOP}; rows above the first data row are frozen and
 *   repeated on every printed page; headers are short, on up to three lines ("年增现金流量\nF\n万元/a"),
 *   so that numeric columns stay about 9–11 characters wide and a wide sheet prints legibly on A4;
 * - input cells are "input" (unlocked), formulas "computed", links to other sheets "lookup",
 *   totals "total"; nothing is protected unless the user asks (`protect` option, no password).
 */
import { a1, quoteSheet, rect } from "./a1";
import type { AuditCase, ResolvedParameters } from "./case";
import { displayWidth, tr, type L } from "./i18n";
import type {
  CellModel,
  CellValue,
  ConditionalStyle,
  Lang,
  PrintModel,
  RangeRef,
  SheetModel,
  StyleToken,
  TableModel,
  ValidationModel,
} from "./model";
import type { Terminology } from "./terminology";
import { DEFAULT_COLUMN_WIDTH, fontSize, rowHeightFor, wrappedLines, wrapsText } from "./text-metrics";

/** Stable keys of the worksheets this package generates. */
export type BuiltKey =
  | "PARAMS" | "LISTS" | "WS2-6" | "WS2-11" | "WS3-4" | "WS4-1" | "WS5-3" | "CASHFLOWS" | "WS5-4"
  // issue 10 part A (phase 1–3 plain sheets)
  | "WS1-1" | "WS1-2" | "WS2-1" | "WS2-2" | "WS2-5" | "WS2-7" | "WS2-9" | "WS2-13" | "WS3-1" | "WS3-5"
  // phase 4
  | "WS4-2" | "WS4-3" | "WS4-4" | "WS4-5" | "WS4-6"
  // phase 5 statements
  | "WS5-1" | "WS5-2"
  // annual data, benchmarking, targets
  | "WS2-3" | "WS2-8" | "WS2-12"
  // candidate data, unit operations, measurements, component and water balances
  | "WS2-10" | "WS3-2" | "WS3-3" | "COMPONENTS" | "WATER"
  // WS2-6's second sheet: waste streams by year (built whenever WS2-6 is; workbook.ts COMPANIONS)
  | "WS2-6B"
  // issue 12 (helper E): effects of the implemented options, performance summary
  | "WS6-2" | "WS6-4" | "WS6-9"
  // energy and carbon coefficients (issue 12; support sheet, no standard number)
  | "COEFF"
  // issue 12 (helper T): indicators before/after, target attainment, continuous CP
  | "WS6-7" | "WS6-8" | "WS7-1" | "WS7-2"
  // issue 12 (helper I): implementation and economic results
  | "WS6-1" | "WS6-3" | "WS6-5" | "WS6-6"
  // WS6-5's second sheet: the ex-post evaluation per option (built whenever WS6-5 is; workbook.ts COMPANIONS)
  | "WS6-5B";

/** First row of every sheet's table header (below the 4-row header block). */
export const TABLE_TOP = 4;

/** Number formats (guide §1: values stay unrounded, the format shows them). */
export const FMT = {
  money: "0.00",
  /** quantities of another unit per unit (factors, specific consumption): four decimals */
  fixed4: "0.0000",
  percent: "0.00%",
  years: "0.00",
  integer: "0",
  general: "General",
  date: "yyyy-mm-dd",
  text: "@",
} as const;

/** Where the header values live on the parameters sheet (0-based). */
export const HEADER_CELLS = {
  enterprise: { row: 1, col: 1 },
  auditRound: { row: 1, col: 5 },
  preparedBy: { row: 2, col: 1 },
  checkedBy: { row: 2, col: 3 },
  date: { row: 2, col: 5 },
} as const;

/** Everything a definition needs to lay out its sheet. */
export interface BuildContext {
  lang: Lang;
  /** null = the blank template */
  auditCase: AuditCase | null;
  /** the case's parameters with defaults (null for the template) */
  params: ResolvedParameters | null;
  /** final sheet name of every built key (also those not requested: never referenced then) */
  names: Record<BuiltKey, string>;
  /** terms of the sheet titles and phase names (spec §8.2); absent = "2016" (审核, as the titles always read) */
  terminology?: Terminology;
}

/** Text of a label pair in the context's language. */
export function t(ctx: BuildContext, label: L): string {
  return tr(ctx.lang, label);
}


/** Reference to a header value on the parameters sheet. */
export function headerRef(ctx: BuildContext, which: keyof typeof HEADER_CELLS): string {
  const c = HEADER_CELLS[which];
  return `${quoteSheet(ctx.names.PARAMS)}!${a1(c.row, c.col, true)}`;
}

/** Header values of the case (empty texts for the template). */
export function headerValues(ctx: BuildContext): Record<keyof typeof HEADER_CELLS, string> {
  const m = ctx.auditCase?.meta;
  return {
    enterprise: m?.enterprise ?? "",
    auditRound: m?.auditRound ?? "",
    preparedBy: m?.preparedBy ?? "",
    checkedBy: m?.checkedBy ?? "",
    date: m?.date ?? "",
  };
}

/** The audit footer text 制表 / 审核 (the writers add 第 &P 页 共 &N 页). */
export function footerText(ctx: BuildContext): string {
  const h = headerValues(ctx);
  const gap = "\u3000\u3000\u3000\u3000";
  return ctx.lang === "zh-CN"
    ? `制表：${h.preparedBy || gap}\u3000\u3000审核：${h.checkedBy || gap}`
    : `Prepared by: ${h.preparedBy || "          "}    Checked by: ${h.checkedBy || "          "}`;
}

/** Minimum and maximum automatic column width (characters). */
const MIN_WIDTH = 6;
const MAX_WIDTH = 42;

/**
 * Column width (characters) that shows `text` on its lines (split at "\n"): the widest line's
 * display width (a CJK character counts 2) plus `pad`, at most {@link MAX_WIDTH}.
 */
export function widthFor(text: string, pad: number): number {
  let w = 0;
  for (const line of text.split("\n")) w = Math.max(w, displayWidth(line));
  return Math.min(MAX_WIDTH, w + pad);
}

/**
 * Collects one sheet. Cells are unique per (row, col): a later `set` replaces an earlier one.
 * Column widths grow to fit the header and label texts given through {@link fit} (a CJK
 * character counts about 2; a header written on several lines needs its widest line).
 */
export class SheetBuilder {
  /** cells by row, then column (sparse); a later set at the same place replaces the earlier */
  private readonly rows: (CellModel | undefined)[][] = [];
  private readonly widths: number[] = [];
  readonly merges: RangeRef[] = [];
  readonly validations: ValidationModel[] = [];
  readonly conditionalFormats: SheetModel["conditionalFormats"] = [];
  freeze?: { rows: number; cols: number };
  print?: PrintModel;
  hidden = false;
  /** Excel tables (ListObjects) of the sheet. */
  readonly tables: TableModel[] = [];
  /** Helper columns kept hidden (never printed). */
  readonly hiddenColumns: number[] = [];
  /** Right-most column used (for the title merge). */
  lastCol = 0;

  constructor(
    readonly key: string,
    readonly name: string,
    readonly title: string,
  ) {}

  /** Sets a cell (replacing any earlier one at the same place). */
  set(row: number, col: number, cell: Omit<CellModel, "row" | "col">): void {
    const c = cell as CellModel;
    c.row = row;
    c.col = col;
    (this.rows[row] ??= [])[col] = c;
    if (col > this.lastCol) this.lastCol = col;
  }

  /** A fixed label (not typed by the user). */
  label(row: number, col: number, text: string, style: StyleToken = "label", fitWidth = true): void {
    this.set(row, col, { row, col, value: text, style } as CellModel);
    if (fitWidth) this.fit(col, text);
  }

  /**
   * A table header cell; the column grows to show its widest line ("\n" breaks a header into lines;
   * the writers make the row tall enough for them).
   */
  header(row: number, col: number, text: string): void {
    this.set(row, col, { value: text, style: "header" });
    this.fit(col, text, 1);
  }

  /** An input cell (unlocked) holding `value` (null = empty input cell). */
  input(row: number, col: number, value: CellValue | undefined, numberFormat?: string): void {
    const cell: CellModel = { row, col, style: "input" };
    if (value !== undefined && value !== null && value !== "") cell.value = value;
    if (numberFormat) cell.numberFormat = numberFormat;
    this.set(row, col, cell);
  }

  /**
   * A formula cell with its cached result (core's value). `result` null = the formula gives "".
   * `formula` is invariant English syntax without "=".
   */
  formula(row: number, col: number, formula: string, result: CellValue, style: StyleToken = "computed", numberFormat?: string): void {
    const cell: CellModel = { row, col, formula, result, style };
    if (numberFormat) cell.numberFormat = numberFormat;
    this.set(row, col, cell);
  }

  /** Widens `col` to show `text` (its widest line) with `pad` characters to spare. */
  fit(col: number, text: string, pad = 2): void {
    const w = widthFor(text, pad);
    if ((this.widths[col] ?? 0) < w) this.widths[col] = w;
  }

  /** The cell at (row, col), if any. */
  get(row: number, col: number): CellModel | undefined {
    return this.rows[row]?.[col];
  }

  /** The width column `col` will have (characters). */
  width(col: number): number {
    return this.fixedWidths.get(col) ?? Math.max(MIN_WIDTH, this.widths[col] ?? 10);
  }

  /** Columns whose width is set exactly, below the minimum too (the work plan's month cells). */
  private readonly fixedWidths = new Map<number, number>();

  /** Sets `col` to exactly `w` characters, whatever its texts (they must fit: one mark, a month number). */
  fixWidth(col: number, w: number): void {
    this.fixedWidths.set(col, w);
  }

  /** Last row holding a cell (-1 when empty). */
  get lastRow(): number {
    return this.rows.length - 1;
  }

  /** Ensures `col` is at least `w` characters wide. */
  minWidth(col: number, w: number): void {
    if ((this.widths[col] ?? 0) < w) this.widths[col] = w;
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    if (top === bottom && left === right) return;
    this.merges.push(rect(top, left, bottom, right));
  }

  /** A list dropdown whose source is a defined name over a table column (`CP_OptionIds`). */
  listValidationByName(range: RangeRef, name: string, error: string): void {
    this.validations.push({ kind: "list", range, source: name, allowBlank: true, error });
  }

  /** A numeric validation (decimal or whole) on input cells. */
  numberValidation(range: RangeRef, kind: "decimal" | "whole", min: number | undefined, max: number | undefined, error: string): void {
    const v: ValidationModel = { kind, range, allowBlank: true, error };
    if (min !== undefined) v.min = min;
    if (max !== undefined) v.max = max;
    this.validations.push(v);
  }

  /** A formula conditional format (formula relative to the range's top-left cell, no "="). */
  conditional(range: RangeRef, formula: string, style: ConditionalStyle): void {
    this.conditionalFormats.push({ range, formula, style });
  }

  /** The finished model; cells sorted row by row. */
  build(): SheetModel {
    const cells: CellModel[] = [];
    for (const row of this.rows) {
      if (row === undefined) continue;
      for (const c of row) if (c !== undefined) cells.push(c);
    }
    const columnWidths: number[] = [];
    for (let c = 0; c <= this.lastCol; c++) columnWidths.push(this.width(c));
    const model: SheetModel = {
      key: this.key,
      name: this.name,
      title: this.title,
      cells,
      columnWidths,
      merges: this.merges,
      validations: this.validations,
      conditionalFormats: this.conditionalFormats,
      protect: false,
      tables: this.tables,
      rowHeights: computeRowHeights(cells, columnWidths, this.merges, new Set(this.hiddenColumns)),
      hiddenColumns: [...new Set(this.hiddenColumns)].sort((a, b) => a - b),
    };
    if (this.freeze) model.freeze = this.freeze;
    if (this.hidden) model.hidden = true;
    if (this.print) model.print = this.print;
    return model;
  }
}

/**
 * The height (pt) each row needs for its tallest text: explicit lines, or the lines a wrapping
 * text takes in its column (text-metrics), and the title's 14 pt; rows that fit one line of 11 pt
 * text are left at the default height. A merged text counts its explicit lines only; a cell of a
 * hidden column never makes its row taller.
 */
export function computeRowHeights(cells: readonly CellModel[], widths: readonly number[], merges: readonly RangeRef[], hidden: ReadonlySet<number> = new Set()): { row: number; height: number }[] {
  const merged = new Set<number>();
  for (const m of merges) for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) merged.add(r * 16384 + c);
  const byRow = new Map<number, number>();
  for (const c of cells) {
    if (hidden.has(c.col)) continue;
    const isMerged = merged.has(c.row * 16384 + c.col);
    const text = c.value ?? c.result;
    let h = 0;
    if (c.style === "title") h = rowHeightFor(1, fontSize(c.style));
    if (wrapsText(c.style, text, isMerged) && typeof text === "string") {
      const lines = isMerged ? text.split("\n").length : wrappedLines(text, widths[c.col] ?? DEFAULT_COLUMN_WIDTH, fontSize(c.style));
      if (lines > 1) h = Math.max(h, rowHeightFor(lines, fontSize(c.style)));
    }
    if (h > 0) byRow.set(c.row, Math.max(byRow.get(c.row) ?? 0, h));
  }
  return [...byRow].sort((a, b) => a[0] - b[0]).map(([row, height]) => ({ row, height }));
}

/** Label pairs of the header block. */
export const HEADER_LABELS = {
  enterprise: { zh: "企业名称", en: "Enterprise" },
  auditRound: { zh: "审核轮次", en: "Audit round" },
  preparedBy: { zh: "制表", en: "Prepared by" },
  checkedBy: { zh: "审核", en: "Checked by" },
  date: { zh: "日期", en: "Date" },
} as const satisfies Record<keyof typeof HEADER_CELLS, L>;

/**
 * Writes the standard header block (spec §1.2) in rows 0–3: the title over columns
 * 0..`lastCol`, 企业名称 and 审核轮次, 制表, 审核 and 日期 as lookups of the parameters sheet
 * (as inputs on the parameters sheet itself, `asInputs`, at {@link HEADER_CELLS}), and `note` in
 * row 3 (over the table's width; "\n" starts a new line).
 *
 * The block is compact whatever the table's width: 企业名称 in A with its value merged over
 * B..`enterpriseEnd` (default D), 审核轮次 and 日期 in the next column with their values merged
 * over the two columns after it; 制表 A/B, 审核 C/D. Positions depend only on `enterpriseEnd`,
 * never on the language, so zh-CN and en-US have the same cells. Columns in `hidden` (the table's
 * hidden helper columns) are skipped: "column k" above means the k-th visible column, so every
 * label and value stays on screen and on paper.
 */
export function headerBlock(b: SheetBuilder, ctx: BuildContext, lastCol: number, note: string, asInputs = false, enterpriseEnd = 3, hidden: ReadonlySet<number> = new Set()): void {
  const e = asInputs ? 3 : Math.max(3, enterpriseEnd);
  /** the k-th visible column */
  const vis = (k: number): number => {
    let c = -1;
    for (let seen = -1; seen < k; ) if (!hidden.has(++c)) seen++;
    return c;
  };
  const last = Math.max(lastCol, asInputs ? 5 : vis(e + 3));
  b.set(0, 0, { value: b.title, style: "title" });
  b.merge(0, 0, 0, last);
  const values = headerValues(ctx);
  const at: Record<keyof typeof HEADER_CELLS, { row: number; col: number }> = asInputs
    ? HEADER_CELLS
    : {
        enterprise: { row: 1, col: vis(1) },
        auditRound: { row: 1, col: vis(e + 2) },
        preparedBy: { row: 2, col: vis(1) },
        checkedBy: { row: 2, col: vis(3) },
        date: { row: 2, col: vis(e + 2) },
      };
  /** the label's column: the visible column before its value */
  const labelCol = (col: number): number => {
    let c = col - 1;
    while (c > 0 && hidden.has(c)) c--;
    return c;
  };
  for (const key of Object.keys(HEADER_CELLS) as (keyof typeof HEADER_CELLS)[]) {
    const pos = at[key];
    const label = t(ctx, HEADER_LABELS[key]);
    const lc = asInputs ? pos.col - 1 : labelCol(pos.col);
    b.set(pos.row, lc, { value: label, style: "meta" });
    b.minWidth(lc, Math.ceil((displayWidth(label) * 10) / 11)); // a 10 pt label in columns measured at 11 pt
    const fmt = key === "date" ? FMT.date : undefined;
    if (asInputs) b.input(pos.row, pos.col, values[key] === "" ? null : values[key], fmt);
    else {
      const ref = headerRef(ctx, key);
      b.formula(pos.row, pos.col, `IF(${ref}="","",${ref})`, values[key] === "" ? null : values[key], "lookup", fmt);
    }
  }
  b.merge(1, vis(1), 1, vis(e));
  if (!asInputs) {
    b.merge(1, vis(e + 2), 1, vis(e + 3));
    b.merge(2, vis(e + 2), 2, vis(e + 3));
  }
  if (note) b.set(3, 0, { value: note, style: "note" });
  if (note) b.merge(3, 0, 3, last);
}

/**
 * Freeze above the first data row and repeat the table header rows on printed pages. `printRight`
 * (the last printed column) sets the print area to columns 0..printRight of every used row: helper
 * columns right of it (rank keys) stay on screen but off the paper.
 */
export function finishSheet(
  b: SheetBuilder,
  ctx: BuildContext,
  opts: { headerLast: number; freezeCols: number; orientation: "portrait" | "landscape"; printRight?: number; repeatFirst?: number },
): SheetModel {
  fitNote(b);
  b.freeze = { rows: opts.headerLast + 1, cols: opts.freezeCols };
  b.print = { orientation: opts.orientation, repeatRows: { first: opts.repeatFirst ?? TABLE_TOP, last: opts.headerLast }, footer: footerText(ctx) };
  if (opts.printRight !== undefined) b.print.printArea = { top: 0, left: 0, bottom: b.lastRow, right: opts.printRight };
  return b.build();
}

/**
 * Breaks the sheet's note (row 3, merged over the table) into lines that fit the merge's width, so
 * that none is cut at the table's right edge; the writers give the row the height of its lines.
 */
function fitNote(b: SheetBuilder): void {
  const note = b.get(3, 0);
  if (note === undefined || typeof note.value !== "string") return;
  const merge = b.merges.find((m) => m.top === 3 && m.left === 0);
  let width = 0;
  for (let c = 0; c <= (merge?.right ?? 0); c++) if (!b.hiddenColumns.includes(c)) width += b.width(c);
  // 10 pt note text in columns measured at 11 pt: a margin of a few characters
  const max = Math.max(20, width - 3);
  note.value = note.value
    .split("\n")
    .flatMap((line) => breakLines(line, max))
    .join("\n");
}

const CLOSING_PUNCTUATION: ReadonlySet<string> = new Set(["，", "。", "；", "：", "、", "）", "」", "？", "！", "%"]);

/**
 * Splits `text` into lines of at most `max` display columns (a CJK character counts 2), breaking
 * after a space or CJK punctuation where it can, anywhere between CJK characters, and inside a
 * word only when the word alone is wider than a line.
 */
export function breakLines(text: string, max: number): string[] {
  const CLOSING = CLOSING_PUNCTUATION;
  if (displayWidth(text) <= max) return [text];
  // segments: runs ending at a break opportunity
  const segments: string[] = [];
  let cur = "";
  for (const ch of text) {
    cur += ch;
    const code = ch.codePointAt(0)!;
    const cjk = code >= 0x2e80;
    if (ch === " " || cjk) {
      segments.push(cur);
      cur = "";
    }
  }
  if (cur) segments.push(cur);
  const lines: string[] = [];
  let line = "";
  for (const seg of segments) {
    // closing punctuation never starts a line (it may stick out by one character)
    if (line !== "" && displayWidth(line + seg.trimEnd()) > max && !CLOSING.has(seg)) {
      lines.push(line.trimEnd());
      line = "";
    }
    if (displayWidth(seg.trimEnd()) > max) {
      for (const ch of seg) {
        if (displayWidth(line + ch) > max) {
          lines.push(line);
          line = "";
        }
        line += ch;
      }
    } else line += seg;
  }
  if (line.trim() !== "") lines.push(line.trimEnd());
  return lines;
}

const literals = new Map<string, string>();

/** Escapes a text for a formula string literal ("" inside). Memoised: the labels repeat per row. */
export function str(text: string): string {
  let q = literals.get(text);
  if (q === undefined) {
    q = `"${text.replace(/"/g, '""')}"`;
    if (literals.size > 5000) literals.clear();
    literals.set(text, q);
  }
  return q;
}

/** Number of empty rows laid out below a table's case rows (the blank template: {@link TEMPLATE_ROWS}). */
export const SPARE_ROWS = 3;
/** Empty input rows of the blank template. */
export const TEMPLATE_ROWS = 8;

