/**
 * A recording fake of the narrow Excel JavaScript API surface that writers/office and the task
 * pane use (engineering guide §4: "a recording fake of the narrow Excel surface used, asserting
 * the calls made and the number of syncs"). office-addin-mock counts no syncs and has no
 * collections, hence this fake.
 *
 * It fails the way Excel fails (issue 14), following Microsoft's documentation:
 * - property sets and method calls are QUEUED and applied only by `context.sync()`, in order;
 *   `load()` is queued too, so a load result is the state at its place in the queue (a load queued
 *   before a write sees the old value). An operation that fails rejects the sync and drops the
 *   rest of the batch (earlier operations stay applied); loads of a failed batch are not filled.
 * - errors carry Excel's codes and Excel's (generic, localised) messages, never the fake's own
 *   wording: `AccessDenied` "You cannot perform the requested operation.", `ItemNotFound` "The
 *   requested resource doesn't exist.", `InvalidArgument`, `InvalidOperation`, `ItemAlreadyExists`,
 *   `RequestPayloadSizeLimitExceeded` ("Error handling with the application-specific JavaScript
 *   APIs"). `messageLanguage = "zh"` localises the messages as a Chinese Excel would (the
 *   wording of those translations is ours: not checked against a Chinese Excel). What went wrong
 *   in detail is in `debugInfo.fakeDetail` (for people reading a failing test, not for code).
 * - a request (everything queued for one sync) larger than 5 MB is refused as a whole with
 *   `RequestPayloadSizeLimitExceeded` (Excel on the web's documented limit). The size is estimated
 *   from the queued payload: the JSON of every queued call's arguments plus its object path, in
 *   UTF-8 bytes (`requestBytes` records it per sync). Excel's own encoding is not documented; the
 *   fake's limit is 5,000,000 bytes, below 5 MiB, to stay on the safe side.
 * - a property read before `load()` + `sync()` throws PropertyNotLoaded; `isNullObject` is only
 *   known after a sync; a load on an item that `getItem` did not find rejects the sync with
 *   ItemNotFound (no silent null); any operation on a null object fails with ItemNotFound;
 * - null in a 2-D array leaves that cell unchanged, "" clears it ("null and blank values" page);
 *   a 2-D array must have the range's exact shape (InvalidArgument otherwise);
 * - on a protected sheet a write is refused as a whole (AccessDenied) when ANY cell of the target
 *   range is locked, null entries included (Excel checks the range, not the entries); format
 *   changes are refused unless the protection options allow them; `protect()` on an already
 *   protected sheet fails (InvalidOperation); a table cannot be added or grow there;
 * - typed-input coercion when a string is written into a cell that is not formatted "@":
 *   "=..." becomes a formula, "12", "1e5", "12%", "-5" numbers, "TRUE" a boolean, "2024-05-01"
 *   a date serial; in a "@" cell every string stays text;
 * - adding a sheet whose name exists (ignoring case) fails with ItemAlreadyExists, an illegal
 *   name with InvalidArgument; adding a defined name that exists fails too;
 * - tables (ListObjects): `tables.add(address, hasHeaders)` takes the header row's texts as the
 *   column names (a blank header becomes "ColumnN"), names are unique in the workbook (tables and
 *   defined names), a table cannot overlap another table or a merge; an address without a sheet
 *   name refers to the ACTIVE sheet (as the TableCollection.add reference says); a formula
 *   written over a whole data column (every row the same formula) makes it a calculated column,
 *   which fills the rows the table gains; a value written into the row just below a table makes
 *   the table grow over it ("the table expands automatically", Excel performance article);
 *   `rows.add(index, values)` inserts rows inside or appends them;
 * - a formula with a structured reference to a table or column that does not exist is refused
 *   (InvalidArgument), in cells and defined names; data validation and conditional formats refuse
 *   structured references altogether (Excel accepts them only through a defined name), and a list
 *   source that is a bare name needs that name to exist (assumed: Excel's UI asks before
 *   accepting such a source; what the API does is not documented).
 * - the fake does not calculate: reading `values` of a formula cell throws, so no test can
 *   pretend to check a computed value through it.
 *
 * Every queued call is recorded in `log` with the number of the batch it belongs to.
 */
import { colLetter } from "../../src/worksheets/a1";

export type FakeScalar = string | number | boolean;

export interface FakeCell {
  /** Constant value; for a formula cell null (the fake does not calculate). */
  value: FakeScalar | null;
  /** Formula with its leading "=", or null. */
  formula: string | null;
  /** True when `value` is an error literal typed by the user ("#N/A"). */
  error?: boolean;
  numberFormat: string;
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fontSize?: number;
  fontName?: string;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  /** Cell lock state; Excel's default is locked. */
  locked: boolean;
}

export interface FakeRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface FakeBorder {
  range: FakeRect;
  edge: string;
  style?: string;
  color?: string;
}

export interface FakeValidation {
  range: FakeRect;
  rule: unknown;
  ignoreBlanks?: boolean;
  prompt?: unknown;
  errorAlert?: unknown;
}

export interface FakeConditionalFormat {
  range: FakeRect;
  type: string;
  formula?: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
}

export interface FakeNameState {
  name: string;
  /** "=" formula: a range reference ("='参数'!$C$6"), a constant ("=\"WS2-11\"") or a structured reference. */
  formula: string;
  /** For a range name: the sheet state and rectangle it refers to. */
  target?: { sheet: FakeSheetState; rect: FakeRect };
  comment?: string;
}

/** An Excel table (ListObject). */
export interface FakeTableState {
  id: number;
  name: string;
  sheet: FakeSheetState;
  /** From the header row to the last data row (no totals row). */
  rect: FakeRect;
  /** Calculated-column formulas by 0-based column index within the table. */
  calculated: Map<number, string>;
  style: string;
  showBandedRows: boolean;
  showBandedColumns: boolean;
  showFilterButton: boolean;
}

export interface FakeSheetState {
  id: number;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<string, FakeCell>;
  merges: FakeRect[];
  borders: FakeBorder[];
  validations: FakeValidation[];
  conditionalFormats: FakeConditionalFormat[];
  freeze: { rows: number; cols: number } | null;
  protected: boolean;
  protectOptions?: unknown;
  /** Column widths in points by 0-based column. */
  columnWidths: Map<number, number>;
  /** Row heights in points by 0-based row. */
  rowHeights: Map<number, number>;
  /** Hidden 0-based columns. */
  hiddenColumns: Set<number>;
  names: Map<string, FakeNameState>;
  pageLayout: {
    orientation?: string;
    printTitleRows?: string;
    leftFooter?: string;
    centerFooter?: string;
    rightFooter?: string;
    printArea?: string;
    paperSize?: string;
    zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  };
}

export interface FakeCall {
  /** 0-based batch number (= number of syncs made before this call). */
  batch: number;
  /** Object path, e.g. "worksheet('参数').getRangeByIndexes(0,0,12,4)". */
  target: string;
  /** Property set ("formulas=") or method called ("merge"). */
  op: string;
  args: unknown[];
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

/** Excel on the web refuses requests over 5 MB ("Resource limits and performance optimization"). */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;

/** Excel's messages by error code (English; "Error handling with the application-specific JavaScript APIs"). */
const MESSAGES_EN: Record<string, string> = {
  AccessDenied: "You cannot perform the requested operation.",
  GeneralException: "There was an internal error while processing the request.",
  InactiveWorkbook: "The operation failed because multiple workbooks are open and the workbook being called by this API has lost focus.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidOperation: "The operation attempted is invalid on the object.",
  InvalidOperationInCellEditMode:
    "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.",
  ItemAlreadyExists: "The resource being created already exists.",
  ItemNotFound: "The requested resource doesn't exist.",
  MergedRangeConflict: "Cannot complete the operation. A table can't overlap with another table, a PivotTable report, query results, merged cells, or an XML Map.",
  RequestPayloadSizeLimitExceeded: "The request payload size has exceeded the limit.",
};

/** The same messages as a Chinese Excel might word them (our translation; not checked against a Chinese Excel). */
const MESSAGES_ZH: Record<string, string> = {
  AccessDenied: "您无法执行请求的操作。",
  GeneralException: "处理请求时出现内部错误。",
  InactiveWorkbook: "操作失败，因为打开了多个工作簿，且此 API 调用的工作簿已失去焦点。",
  InvalidArgument: "参数无效、缺失或格式不正确。",
  InvalidOperation: "尝试的操作对此对象无效。",
  InvalidOperationInCellEditMode: "Excel 处于单元格编辑模式时无法执行此操作。",
  ItemAlreadyExists: "正在创建的资源已存在。",
  ItemNotFound: "请求的资源不存在。",
  MergedRangeConflict: "无法完成此操作。表不能与其他表、数据透视表、查询结果、合并单元格或 XML 映射重叠。",
  RequestPayloadSizeLimitExceeded: "请求有效负载大小已超出限制。",
};

/**
 * An Office-style error (OfficeExtension.Error has `code`, `message` and `debugInfo`). The message
 * is Excel's generic text for the code; the fake's explanation is in `debugInfo.fakeDetail`.
 */
export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string; fakeDetail: string };
  constructor(code: string, detail: string, location?: string) {
    super(MESSAGES_EN[code] ?? detail);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message: this.message, errorLocation: location, fakeDetail: detail };
  }
  /** The message in the language of the Excel that raised it. */
  localise(lang: "en" | "zh"): this {
    const m = (lang === "zh" ? MESSAGES_ZH : MESSAGES_EN)[this.code];
    if (m) {
      this.message = m;
      this.debugInfo.message = m;
    }
    return this;
  }
}

function key(r: number, c: number): string {
  return `${r},${c}`;
}

function quoteIfNeeded(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function rectAddress(r: FakeRect, abs = false): string {
  const d = abs ? "$" : "";
  const tl = `${d}${colLetter(r.left)}${d}${r.top + 1}`;
  if (r.top === r.bottom && r.left === r.right) return tl;
  return `${tl}:${d}${colLetter(r.right)}${d}${r.bottom + 1}`;
}

function parseA1(ref: string): FakeRect {
  const one = (s: string): { r: number; c: number } => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(s.trim());
    if (!m) throw new FakeOfficeError("InvalidArgument", `fake: cannot parse reference ${ref}`);
    let c = 0;
    for (const ch of m[1]!.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
    return { r: Number(m[2]) - 1, c: c - 1 };
  };
  const [a, b] = ref.split(":");
  const p = one(a!);
  const q = b ? one(b) : p;
  return { top: Math.min(p.r, q.r), left: Math.min(p.c, q.c), bottom: Math.max(p.r, q.r), right: Math.max(p.c, q.c) };
}

/** Splits "'Sheet 1'!A1:B2" / "Sheet1!A1" / "A1:B2" into sheet name (or null) and A1 part. */
function splitSheetAddress(address: string): { sheet: string | null; a1: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(address.trim());
  if (!m) return { sheet: null, a1: address.trim() };
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!, a1: m[3]! };
}

function overlaps(a: FakeRect, b: FakeRect): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** Excel's date serial of an ISO date (1900 system). */
function isoDateSerial(y: number, m: number, d: number): number {
  const ms = Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30);
  return Math.round(ms / 86_400_000);
}

const UTF8 = new TextEncoder();

/**
 * Length of a string in UTF-8 bytes, by the platform's encoder: not writers/office/cells.ts's
 * utf8Bytes, which the writer budgets its requests with, so a miscount there is not shared here.
 */
export function utf8Bytes(s: string): number {
  return UTF8.encode(s).length;
}

/**
 * Excel's interpretation of a string typed into a General cell (the subset the tests need).
 * Returns the stored cell content and a number format Excel would pick, if any.
 */
export function typedInput(s: string): { value: FakeScalar | null; formula: string | null; error?: boolean; numberFormat?: string } {
  if (s.startsWith("=") && s.length > 1) return { value: null, formula: s };
  const t = s.trim();
  if (/^[+-]/.test(t) && !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i.test(t)) {
    // "+abc" / "-abc" is taken as a formula by Excel ("=+abc").
    return { value: null, formula: `=${t}` };
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { value: Number(t), formula: null };
  if (/^[+-]?(\d+\.?\d*|\.\d+)%$/.test(t)) return { value: Number(t.slice(0, -1)) / 100, formula: null, numberFormat: "0%" };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === "true", formula: null };
  if (/^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!)$/i.test(t)) return { value: t.toUpperCase(), formula: null, error: true };
  const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (iso) return { value: isoDateSerial(+iso[1]!, +iso[2]!, +iso[3]!), formula: null, numberFormat: "yyyy/m/d" };
  return { value: s, formula: null };
}

function legalSheetName(name: string): boolean {
  return (
    name.length >= 1 &&
    name.length <= 31 &&
    !/[[\]:*?/\\]/.test(name) &&
    !/^'|'$/.test(name) &&
    name.toUpperCase() !== "HISTORY"
  );
}

/** Excel's rules for a table name ("Rename an Excel table"): letter, "_" or "\" first; no spaces; not a cell reference. */
function legalTableName(name: string): boolean {
  return (
    name.length >= 1 &&
    name.length <= 255 &&
    /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^R\d*C\d*$/i.test(name) &&
    !/^[RC]$/i.test(name)
  );
}

/** A structured reference found in a formula: the table and the column names it mentions. */
export interface StructuredRef {
  table: string;
  columns: string[];
  /** `#This Row`, `#All`, … */
  specials: string[];
}

const SPECIALS = new Set(["#THIS ROW", "#ALL", "#DATA", "#HEADERS", "#TOTALS"]);

/** Unescapes a column name of a structured reference (`'` before `[ ] # '`). */
function unescapeColumn(s: string): string {
  return s.replace(/'(.)/g, "$1");
}

/** The structured references of a formula (outside string literals). */
export function structuredRefs(formula: string): StructuredRef[] {
  const body = formula.replace(/"(?:[^"]|"")*"/g, '""');
  const out: StructuredRef[] = [];
  const re = /([\p{L}_\\][\p{L}\p{N}_.\\]*)\[/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    const start = m.index + m[0].length - 1;
    let depth = 0;
    let end = -1;
    for (let i = start; i < body.length; i++) {
      const c = body[i];
      if (c === "'") {
        i++;
        continue;
      }
      if (c === "[") depth++;
      else if (c === "]") {
        depth--;
        if (depth === 0) {
          end = i;
          break;
        }
      }
    }
    if (end < 0) throw new FakeOfficeError("InvalidArgument", `fake: unbalanced brackets in ${formula}`);
    let inner = body.slice(start + 1, end);
    const ref: StructuredRef = { table: m[1]!, columns: [], specials: [] };
    if (inner.startsWith("@")) {
      ref.specials.push("#THIS ROW");
      inner = inner.slice(1);
    }
    if (inner.startsWith("[")) {
      // [[#This Row],[a]:[b]] → items between top-level brackets
      let i = 0;
      while (i < inner.length) {
        if (inner[i] !== "[") {
          i++;
          continue;
        }
        let j = i + 1;
        for (; j < inner.length; j++) {
          if (inner[j] === "'") {
            j++;
            continue;
          }
          if (inner[j] === "]") break;
        }
        const item = inner.slice(i + 1, j);
        if (item.startsWith("#")) ref.specials.push(item.toUpperCase());
        else ref.columns.push(unescapeColumn(item));
        i = j + 1;
      }
    } else if (inner.startsWith("#")) ref.specials.push(inner.toUpperCase());
    else if (inner !== "") ref.columns.push(unescapeColumn(inner));
    out.push(ref);
    re.lastIndex = end + 1;
  }
  return out;
}

interface Op {
  run: () => void;
  bytes: number;
}

/** The workbook state shared by every context (one per `run`). */
export class FakeExcel {
  sheets: FakeSheetState[] = [];
  names = new Map<string, FakeNameState>();
  tables: FakeTableState[] = [];
  selection: { sheet: string; row: number; col: number } | null = null;
  activeSheet: string | null = null;
  /** Total `context.sync()` calls over every context. */
  totalSyncs = 0;
  /** Every context created by `run`, in order. */
  contexts: FakeRequestContext[] = [];
  /** Largest request (bytes) a sync accepts. */
  payloadLimit = PAYLOAD_LIMIT_BYTES;
  /** Language of the error messages (Excel localises them; the codes stay). */
  messageLanguage: "en" | "zh" = "en";
  /** Syncs still to pass before an injected failure (see `failSync`). */
  private injected: { after: number; code: string } | null = null;
  private nextId = 1;
  private nextTableNo = 1;

  /** Creates a sheet directly (test set-up, not recorded): cells as { "A1": value | "=formula" }. */
  seedSheet(name: string, cells: Record<string, FakeScalar> = {}): FakeSheetState {
    const s = this.createSheet(name);
    for (const [addr, v] of Object.entries(cells)) {
      const r = parseA1(addr);
      const cell = cellAt(s, r.top, r.left);
      if (typeof v === "string") {
        const t = typedInput(v);
        cell.value = t.value;
        cell.formula = t.formula;
      } else cell.value = v;
    }
    return s;
  }

  /** Defines a workbook-scoped name directly (test set-up). */
  seedName(name: string, sheet: string, a1: string): void {
    const s = this.sheet(sheet);
    const rect = parseA1(a1);
    this.names.set(name.toLowerCase(), {
      name,
      formula: `=${quoteIfNeeded(s.name)}!${rectAddress(rect, true)}`,
      target: { sheet: s, rect },
    });
  }

  /**
   * Makes the sync `after` syncs from now (0 = the next one) fail with `code`, applying nothing:
   * for errors the fake cannot provoke itself (InactiveWorkbook when the user switches workbooks,
   * InvalidOperationInCellEditMode while a cell is being edited).
   */
  failSync(code: string, after = 0): void {
    this.injected = { after, code };
  }

  /** @internal */
  takeInjected(): string | null {
    if (!this.injected) return null;
    if (this.injected.after > 0) {
      this.injected.after--;
      return null;
    }
    const code = this.injected.code;
    this.injected = null;
    return code;
  }

  /** @internal */
  createSheet(name: string): FakeSheetState {
    const state: FakeSheetState = {
      id: this.nextId++,
      name,
      visibility: "Visible",
      cells: new Map(),
      merges: [],
      borders: [],
      validations: [],
      conditionalFormats: [],
      freeze: null,
      protected: false,
      columnWidths: new Map(),
      rowHeights: new Map(),
      hiddenColumns: new Set(),
      names: new Map(),
      pageLayout: {},
    };
    this.sheets.push(state);
    return state;
  }

  /** The sheet named `name` (ignoring case); throws when absent. */
  sheet(name: string): FakeSheetState {
    const s = this.findSheet(name);
    if (!s) throw new Error(`fake: no sheet named ${name}`);
    return s;
  }

  findSheet(name: string): FakeSheetState | undefined {
    const k = name.toUpperCase();
    return this.sheets.find((s) => s.name.toUpperCase() === k);
  }

  /** Cell content or undefined when never written. */
  cell(sheet: string, row: number, col: number): FakeCell | undefined {
    return this.sheet(sheet).cells.get(key(row, col));
  }

  /** The table named `name` (ignoring case), or undefined. */
  findTable(name: string): FakeTableState | undefined {
    const k = name.toUpperCase();
    return this.tables.find((t) => t.name.toUpperCase() === k);
  }

  /** The table named `name`; throws when absent. */
  table(name: string): FakeTableState {
    const t = this.findTable(name);
    if (!t) throw new Error(`fake: no table named ${name}`);
    return t;
  }

  /** Tables on a sheet. */
  tablesOn(sheet: FakeSheetState): FakeTableState[] {
    return this.tables.filter((t) => t.sheet === sheet);
  }

  /** Column names of a table: its header cells' texts ("ColumnN" for a blank header). */
  tableColumns(t: FakeTableState): string[] {
    const out: string[] = [];
    for (let c = t.rect.left; c <= t.rect.right; c++) {
      const cell = t.sheet.cells.get(key(t.rect.top, c));
      const v = cell?.value;
      out.push(v === null || v === undefined || v === "" ? `Column${c - t.rect.left + 1}` : String(v));
    }
    return out;
  }

  /** Checks the structured references of a formula against the tables (InvalidArgument when one is unknown). */
  checkStructuredRefs(formula: string, where: string): void {
    for (const ref of structuredRefs(formula)) {
      const t = this.findTable(ref.table);
      if (!t) throw new FakeOfficeError("InvalidArgument", `${where}: no table named ${ref.table} (${formula.slice(0, 120)})`);
      const cols = new Set(this.tableColumns(t).map((c) => c.toUpperCase()));
      for (const c of ref.columns) {
        if (!cols.has(c.toUpperCase())) throw new FakeOfficeError("InvalidArgument", `${where}: table ${t.name} has no column "${c}"`);
      }
      for (const s of ref.specials) {
        if (!SPECIALS.has(s)) throw new FakeOfficeError("InvalidArgument", `${where}: unknown item ${s} of ${t.name}`);
      }
    }
  }

  /** @internal a free default table name ("Table3"). */
  defaultTableName(): string {
    for (;;) {
      const n = `Table${this.nextTableNo++}`;
      if (!this.findTable(n) && !this.names.has(n.toLowerCase())) return n;
    }
  }

  /** @internal a table id. */
  newId(): number {
    return this.nextId++;
  }

  /** A context bound to this workbook, like the one `Excel.run` hands out. */
  newContext(): FakeRequestContext {
    const ctx = new FakeRequestContext(this);
    this.contexts.push(ctx);
    return ctx;
  }

  /** Same contract as `Excel.run(batch)`. */
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const ctx = this.newContext();
    return batch(ctx as unknown as Excel.RequestContext);
  }

  /** Deep, comparable snapshot of a sheet (for "nothing of it changed" assertions). */
  snapshot(name: string): unknown {
    const s = this.sheet(name);
    return JSON.parse(
      JSON.stringify({
        name: s.name,
        visibility: s.visibility,
        cells: [...s.cells.entries()].sort(([a], [b]) => a.localeCompare(b)),
        merges: s.merges,
        borders: s.borders,
        validations: s.validations,
        conditionalFormats: s.conditionalFormats,
        freeze: s.freeze,
        protected: s.protected,
        columnWidths: [...s.columnWidths.entries()],
        rowHeights: [...s.rowHeights.entries()],
        hiddenColumns: [...s.hiddenColumns],
        names: [...s.names.values()].map((n) => ({ name: n.name, formula: n.formula })),
        tables: this.tablesOn(s).map((t) => ({ name: t.name, rect: t.rect, calculated: [...t.calculated.entries()], style: t.style })),
        pageLayout: s.pageLayout,
      }),
    );
  }
}

function cellAt(s: FakeSheetState, r: number, c: number): FakeCell {
  let cell = s.cells.get(key(r, c));
  if (!cell) {
    cell = { value: null, formula: null, numberFormat: "General", locked: true };
    s.cells.set(key(r, c), cell);
  }
  return cell;
}

/** Estimated bytes of one queued call in the request. */
function opBytes(target: string, op: string, args: unknown[]): number {
  let json: string;
  try {
    json = JSON.stringify(args) ?? "";
  } catch {
    json = "";
  }
  return utf8Bytes(json) + utf8Bytes(target) + op.length + 16;
}

/** The fake `Excel.RequestContext`. */
export class FakeRequestContext {
  readonly excel: FakeExcel;
  readonly workbook: FakeWorkbook;
  readonly application: { suspendApiCalculationUntilNextSync(): void };
  /** Syncs made through this context. */
  syncCount = 0;
  /** Every queued call, in order. */
  readonly log: FakeCall[] = [];
  /** Batch numbers in which `suspendApiCalculationUntilNextSync` was called. */
  readonly suspendedBatches = new Set<number>();
  /** Estimated request size (bytes) of each sync, in order. */
  readonly requestBytes: number[] = [];
  private queue: Op[] = [];

  constructor(excel: FakeExcel) {
    this.excel = excel;
    this.workbook = new FakeWorkbook(this);
    this.application = {
      suspendApiCalculationUntilNextSync: () => {
        this.enqueue("application", "suspendApiCalculationUntilNextSync", [], () => undefined);
        this.suspendedBatches.add(this.syncCount);
      },
    };
  }

  /** @internal record without queueing (client-side calls). */
  record(target: string, op: string, args: unknown[]): void {
    this.log.push({ batch: this.syncCount, target, op, args });
  }

  /** @internal queue an operation applied at the next sync. */
  enqueue(target: string, op: string, args: unknown[], run: () => void): void {
    this.record(target, op, args);
    this.queue.push({ run, bytes: opBytes(target, op, args) });
  }

  /** Applies the queued operations in order; rejects on the first failing one. */
  async sync(): Promise<void> {
    this.syncCount++;
    this.excel.totalSyncs++;
    const ops = this.queue;
    this.queue = [];
    const bytes = ops.reduce((n, op) => n + op.bytes, 0);
    this.requestBytes.push(bytes);
    await Promise.resolve();
    const lang = this.excel.messageLanguage;
    const injected = this.excel.takeInjected();
    if (injected) throw new FakeOfficeError(injected, `fake: injected ${injected}`).localise(lang);
    if (bytes > this.excel.payloadLimit) {
      throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `request of ${bytes} bytes (limit ${this.excel.payloadLimit})`).localise(lang);
    }
    try {
      for (const op of ops) op.run();
    } catch (e) {
      if (e instanceof FakeOfficeError) throw e.localise(lang);
      throw e;
    }
  }

  /** Calls of one kind, e.g. `calls("formulas=")`. */
  calls(op: string): FakeCall[] {
    return this.log.filter((c) => c.op === op);
  }
}

/** Base of proxies: loaded-property bookkeeping as in OfficeExtension.ClientObject. */
abstract class FakeClientObject {
  protected readonly ctx: FakeRequestContext;
  protected readonly path: string;
  protected loaded = new Map<string, unknown>();
  constructor(ctx: FakeRequestContext, path: string) {
    this.ctx = ctx;
    this.path = path;
  }
  get context(): FakeRequestContext {
    return this.ctx;
  }
  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property '${prop}' of ${this.path} is not available. Call load() and context.sync() before reading it.`,
      );
    }
    return this.loaded.get(prop) as T;
  }
  protected abstract snapshot(props: string[]): void;
  /** Queued like every other call: the result is the state at this point of the batch. */
  load(props?: string | string[] | Record<string, unknown>): this {
    const list =
      props === undefined
        ? []
        : typeof props === "string"
          ? props.split(",").map((p) => p.trim()).filter(Boolean)
          : Array.isArray(props)
            ? props
            : Object.keys(props);
    this.ctx.enqueue(this.path, "load", [list.join(",")], () => this.snapshot(list));
    return this;
  }
}

/**
 * Base of proxies for one item of a collection (a sheet, a name, a table): `getItem` gives one that
 * fails the sync with ItemNotFound when the item is absent; `getItemOrNullObject` a nullable one,
 * whose `isNullObject` is known after the sync and whose properties load as nulls when it is null.
 */
abstract class FakeItem<S> extends FakeClientObject {
  protected readonly resolve: () => S;
  private readonly nullable: boolean;
  private nullState: boolean | undefined;
  constructor(ctx: FakeRequestContext, path: string, resolve: () => S, nullable: boolean) {
    super(ctx, path);
    this.resolve = resolve;
    this.nullable = nullable;
  }
  /** @internal */
  resolveNull(exists: boolean): void {
    this.nullState = !exists;
  }
  /** @internal */
  fill(props: string[]): void {
    this.snapshot(props);
  }
  get isNullObject(): boolean {
    if (!this.nullable) return false;
    if (this.nullState === undefined) {
      throw new FakeOfficeError("PropertyNotLoaded", `isNullObject of ${this.path} is not known before context.sync()`);
    }
    return this.nullState;
  }
  /** The item's state for a load of `props`; null for a null object, whose `props` are then loaded as nulls. */
  protected loadState(props: string[]): S | null {
    try {
      return this.resolve();
    } catch (e) {
      // a null object loads as nulls; an item getItem did not find fails the sync (ItemNotFound)
      if (!this.nullable) throw e;
      for (const p of props) this.loaded.set(p, null);
      return null;
    }
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  readonly tables: FakeTableCollection;
  private readonly ctx: FakeRequestContext;
  constructor(ctx: FakeRequestContext) {
    this.ctx = ctx;
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.names = new FakeNamedItemCollection(ctx, "workbook.names", () => ctx.excel.names, null);
    this.tables = new FakeTableCollection(ctx, "workbook.tables", null);
  }
  get application(): FakeRequestContext["application"] {
    return this.ctx.application;
  }
  getSelectedRange(): FakeRange {
    const ctx = this.ctx;
    const sel = (): { sheet: FakeSheetState; row: number; col: number } => {
      const s = ctx.excel.selection;
      if (!s) throw new FakeOfficeError("ItemNotFound", "fake: no selection");
      return { sheet: ctx.excel.sheet(s.sheet), row: s.row, col: s.col };
    };
    return new FakeRange(
      ctx,
      "workbook.getSelectedRange()",
      () => sel().sheet,
      () => {
        const s = sel();
        return { top: s.row, left: s.col, bottom: s.row, right: s.col };
      },
    );
  }
}

class FakeWorksheetCollection extends FakeClientObject {
  constructor(ctx: FakeRequestContext) {
    super(ctx, "worksheets");
  }
  get items(): FakeWorksheet[] {
    return this.read<FakeWorksheet[]>("items");
  }
  protected snapshot(props: string[]): void {
    const wanted = props.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    const items = this.ctx.excel.sheets.map((s) => {
      const ws = new FakeWorksheet(this.ctx, `worksheet#${s.id}`, () => s, false);
      ws.fill(wanted.length ? wanted : ["name", "visibility"]);
      return ws;
    });
    this.loaded.set("items", items);
  }
  getItem(name: string): FakeWorksheet {
    const path = `worksheets.getItem(${JSON.stringify(name)})`;
    return new FakeWorksheet(this.ctx, path, () => {
      const s = this.ctx.excel.findSheet(name);
      if (!s) throw new FakeOfficeError("ItemNotFound", `no sheet named ${name}`, path);
      return s;
    }, false);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    const path = `worksheets.getItemOrNullObject(${JSON.stringify(name)})`;
    const ws = new FakeWorksheet(this.ctx, path, () => {
      const s = this.ctx.excel.findSheet(name);
      if (!s) throw new FakeOfficeError("ItemNotFound", `operation on the null object ${path}`, path);
      return s;
    }, true);
    // isNullObject is known after the sync, as of this point of the batch
    this.ctx.enqueue(path, "getItemOrNullObject", [name], () => ws.resolveNull(this.ctx.excel.findSheet(name) != null));
    return ws;
  }
  add(name: string): FakeWorksheet {
    let created: FakeSheetState | null = null;
    const path = `worksheets.add(${JSON.stringify(name)})`;
    this.ctx.enqueue("worksheets", "add", [name], () => {
      if (!legalSheetName(name)) throw new FakeOfficeError("InvalidArgument", `illegal sheet name ${name}`, path);
      if (this.ctx.excel.findSheet(name)) throw new FakeOfficeError("ItemAlreadyExists", `a sheet named ${name} already exists`, path);
      created = this.ctx.excel.createSheet(name);
    });
    return new FakeWorksheet(this.ctx, path, () => {
      if (!created) throw new FakeOfficeError("ItemNotFound", `sheet ${name} was not created`, path);
      return created;
    }, false);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, "worksheets.getActiveWorksheet()", () => activeSheetOf(this.ctx.excel), false);
  }
}

function activeSheetOf(excel: FakeExcel): FakeSheetState {
  const n = excel.activeSheet ?? excel.sheets[0]?.name;
  if (!n) throw new FakeOfficeError("ItemNotFound", "fake: no sheets");
  return excel.sheet(n);
}

class FakeWorksheet extends FakeItem<FakeSheetState> {
  readonly protection: FakeWorksheetProtection;
  readonly freezePanes: FakeFreezePanes;
  readonly names: FakeNamedItemCollection;
  readonly pageLayout: FakePageLayout;
  readonly tables: FakeTableCollection;
  constructor(ctx: FakeRequestContext, path: string, resolve: () => FakeSheetState, nullable: boolean) {
    super(ctx, path, resolve, nullable);
    this.protection = new FakeWorksheetProtection(ctx, `${path}.protection`, resolve);
    this.freezePanes = new FakeFreezePanes(ctx, `${path}.freezePanes`, resolve);
    this.names = new FakeNamedItemCollection(ctx, `${path}.names`, () => resolve().names, resolve);
    this.pageLayout = new FakePageLayout(ctx, `${path}.pageLayout`, resolve);
    this.tables = new FakeTableCollection(ctx, `${path}.tables`, resolve);
  }
  /** @internal */
  override fill(props: string[]): void {
    const s = this.resolve();
    for (const p of props) this.loaded.set(p, (s as unknown as Record<string, unknown>)[p]);
  }
  protected snapshot(props: string[]): void {
    const s = this.loadState(props);
    if (s === null) return;
    for (const p of props.length ? props : ["name", "visibility", "position"]) {
      if (p === "position") this.loaded.set(p, this.ctx.excel.sheets.indexOf(s));
      else this.loaded.set(p, (s as unknown as Record<string, unknown>)[p]);
    }
  }
  get name(): string {
    return this.read<string>("name");
  }
  set name(v: string) {
    this.ctx.enqueue(this.path, "name=", [v], () => {
      const s = this.resolve();
      const other = this.ctx.excel.findSheet(v);
      if (other && other !== s) throw new FakeOfficeError("ItemAlreadyExists", `a sheet named ${v} already exists`, this.path);
      s.name = v;
    });
  }
  get visibility(): string {
    return this.read<string>("visibility");
  }
  set visibility(v: "Visible" | "Hidden" | "VeryHidden") {
    this.ctx.enqueue(this.path, "visibility=", [v], () => {
      this.resolve().visibility = v;
    });
  }
  activate(): void {
    this.ctx.enqueue(this.path, "activate", [], () => {
      this.ctx.excel.activeSheet = this.resolve().name;
    });
  }
  delete(): void {
    this.ctx.enqueue(this.path, "delete", [], () => {
      const s = this.resolve();
      this.ctx.excel.sheets = this.ctx.excel.sheets.filter((x) => x !== s);
      this.ctx.excel.tables = this.ctx.excel.tables.filter((t) => t.sheet !== s);
    });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    if (rows < 1 || cols < 1 || row < 0 || col < 0 || row + rows > MAX_ROWS || col + cols > MAX_COLS) {
      throw new FakeOfficeError("InvalidArgument", `getRangeByIndexes(${row},${col},${rows},${cols}) is out of the grid`);
    }
    return new FakeRange(this.ctx, `${this.path}.getRangeByIndexes(${row},${col},${rows},${cols})`, this.resolve, () => ({
      top: row,
      left: col,
      bottom: row + rows - 1,
      right: col + cols - 1,
    }));
  }
  getRange(address?: string): FakeRange {
    const rect = address ? parseA1(address) : { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 };
    return new FakeRange(this.ctx, `${this.path}.getRange(${address ?? ""})`, this.resolve, () => rect);
  }
  getUsedRangeOrNullObject(): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.getUsedRangeOrNullObject()`, this.resolve, () => {
      const s = this.resolve();
      let bottom = 0;
      let right = 0;
      for (const k of s.cells.keys()) {
        const [r, c] = k.split(",").map(Number) as [number, number];
        bottom = Math.max(bottom, r);
        right = Math.max(right, c);
      }
      return { top: 0, left: 0, bottom, right };
    });
  }
}

class FakeWorksheetProtection extends FakeClientObject {
  private readonly resolve: () => FakeSheetState;
  constructor(ctx: FakeRequestContext, path: string, resolve: () => FakeSheetState) {
    super(ctx, path);
    this.resolve = resolve;
  }
  protected snapshot(props: string[]): void {
    const s = this.resolve();
    for (const p of props.length ? props : ["protected"]) {
      if (p === "protected") this.loaded.set(p, s.protected);
      if (p === "options") this.loaded.set(p, s.protectOptions);
    }
  }
  get protected(): boolean {
    return this.read<boolean>("protected");
  }
  protect(options?: unknown, password?: string): void {
    this.ctx.enqueue(this.path, "protect", [options, password], () => {
      const s = this.resolve();
      if (s.protected) throw new FakeOfficeError("InvalidOperation", `sheet ${s.name} is already protected`, this.path);
      s.protected = true;
      s.protectOptions = options;
    });
  }
  unprotect(password?: string): void {
    this.ctx.enqueue(this.path, "unprotect", [password], () => {
      this.resolve().protected = false;
    });
  }
}

class FakeFreezePanes {
  private readonly ctx: FakeRequestContext;
  private readonly path: string;
  private readonly resolve: () => FakeSheetState;
  constructor(ctx: FakeRequestContext, path: string, resolve: () => FakeSheetState) {
    this.ctx = ctx;
    this.path = path;
    this.resolve = resolve;
  }
  freezeRows(count = 1): void {
    this.ctx.enqueue(this.path, "freezeRows", [count], () => {
      this.resolve().freeze = { rows: count, cols: 0 };
    });
  }
  freezeColumns(count = 1): void {
    this.ctx.enqueue(this.path, "freezeColumns", [count], () => {
      this.resolve().freeze = { rows: 0, cols: count };
    });
  }
  freezeAt(range: FakeRange): void {
    this.ctx.enqueue(this.path, "freezeAt", [range.describe()], () => {
      const r = range.rect();
      if (r.top !== 0 || r.left !== 0) throw new FakeOfficeError("InvalidArgument", "freezeAt expects a range from A1", this.path);
      this.resolve().freeze = { rows: r.bottom + 1, cols: r.right + 1 };
    });
  }
  unfreeze(): void {
    this.ctx.enqueue(this.path, "unfreeze", [], () => {
      this.resolve().freeze = null;
    });
  }
}

class FakePageLayout {
  private readonly ctx: FakeRequestContext;
  private readonly path: string;
  private readonly resolve: () => FakeSheetState;
  readonly headersFooters: { defaultForAllPages: { leftFooter: string; centerFooter: string; rightFooter: string } };
  constructor(ctx: FakeRequestContext, path: string, resolve: () => FakeSheetState) {
    this.ctx = ctx;
    this.path = path;
    this.resolve = resolve;
    const section = (prop: "leftFooter" | "centerFooter" | "rightFooter") => ({
      get(): string {
        throw new FakeOfficeError("PropertyNotLoaded", `fake: ${prop} is write-only here`);
      },
      set: (v: string) => {
        ctx.enqueue(`${path}.headersFooters.defaultForAllPages`, `${prop}=`, [v], () => {
          resolve().pageLayout[prop] = v;
        });
      },
      enumerable: true,
    });
    this.headersFooters = {
      defaultForAllPages: Object.defineProperties({} as { leftFooter: string; centerFooter: string; rightFooter: string }, {
        leftFooter: section("leftFooter"),
        centerFooter: section("centerFooter"),
        rightFooter: section("rightFooter"),
      }),
    };
  }
  set orientation(v: string) {
    this.ctx.enqueue(this.path, "orientation=", [v], () => {
      this.resolve().pageLayout.orientation = v;
    });
  }
  setPrintTitleRows(rows: string): void {
    this.ctx.enqueue(this.path, "setPrintTitleRows", [rows], () => {
      this.resolve().pageLayout.printTitleRows = rows;
    });
  }
  setPrintArea(area: string): void {
    this.ctx.enqueue(this.path, "setPrintArea", [area], () => {
      this.resolve().pageLayout.printArea = area;
    });
  }
  set paperSize(v: string) {
    this.ctx.enqueue(this.path, "paperSize=", [v], () => {
      this.resolve().pageLayout.paperSize = v;
    });
  }
  set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    this.ctx.enqueue(this.path, "zoom=", [v], () => {
      this.resolve().pageLayout.zoom = { ...v };
    });
  }
}

class FakeNamedItemCollection extends FakeClientObject {
  private readonly map: () => Map<string, FakeNameState>;
  private readonly sheet: (() => FakeSheetState) | null;
  constructor(ctx: FakeRequestContext, path: string, map: () => Map<string, FakeNameState>, sheet: (() => FakeSheetState) | null) {
    super(ctx, path);
    this.map = map;
    this.sheet = sheet;
  }
  get items(): FakeNamedItem[] {
    return this.read<FakeNamedItem[]>("items");
  }
  protected snapshot(props: string[]): void {
    const wanted = props.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    const items = [...this.map().values()].map((n) => {
      const item = new FakeNamedItem(this.ctx, `${this.path}.items[${n.name}]`, () => n, this.map, false);
      item.fill(wanted.length ? wanted : ["name", "formula", "type"]);
      return item;
    });
    this.loaded.set("items", items);
  }
  add(name: string, reference: FakeRange | string, comment?: string): FakeNamedItem {
    let created: FakeNameState | null = null;
    const args = [name, typeof reference === "string" ? reference : reference.describe(), comment];
    const path = `${this.path}.add(${name})`;
    this.ctx.enqueue(this.path, "add", args, () => {
      const map = this.map();
      if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[rc]$/i.test(name)) {
        throw new FakeOfficeError("InvalidArgument", `illegal defined name ${name}`, path);
      }
      if (map.has(name.toLowerCase())) throw new FakeOfficeError("ItemAlreadyExists", `the name ${name} already exists`, path);
      if (this.sheet === null && this.ctx.excel.findTable(name)) throw new FakeOfficeError("ItemAlreadyExists", `a table is named ${name}`, path);
      if (typeof reference === "string") {
        const formula = reference.startsWith("=") ? reference : `=${reference}`;
        this.ctx.excel.checkStructuredRefs(formula, path);
        created = { name, formula, comment };
      } else {
        const sheet = reference.sheetState();
        const rect = reference.rect();
        created = { name, formula: `=${quoteIfNeeded(sheet.name)}!${rectAddress(rect, true)}`, target: { sheet, rect }, comment };
      }
      map.set(name.toLowerCase(), created);
    });
    return new FakeNamedItem(this.ctx, path, () => {
      if (!created) throw new FakeOfficeError("ItemNotFound", `name ${name} was not created`, path);
      return created;
    }, this.map, false);
  }
  getItem(name: string): FakeNamedItem {
    const path = `${this.path}.getItem(${name})`;
    return new FakeNamedItem(this.ctx, path, () => {
      const n = this.map().get(name.toLowerCase());
      if (!n) throw new FakeOfficeError("ItemNotFound", `the name ${name} doesn't exist`, path);
      return n;
    }, this.map, false);
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    const path = `${this.path}.getItemOrNullObject(${name})`;
    const item = new FakeNamedItem(this.ctx, path, () => {
      const n = this.map().get(name.toLowerCase());
      if (!n) throw new FakeOfficeError("ItemNotFound", `operation on the null name ${name}`, path);
      return n;
    }, this.map, true);
    this.ctx.enqueue(path, "getItemOrNullObject", [name], () => item.resolveNull(this.map().has(name.toLowerCase())));
    return item;
  }
}

class FakeNamedItem extends FakeItem<FakeNameState> {
  private readonly map: () => Map<string, FakeNameState>;
  constructor(ctx: FakeRequestContext, path: string, resolve: () => FakeNameState, map: () => Map<string, FakeNameState>, nullable: boolean) {
    super(ctx, path, resolve, nullable);
    this.map = map;
  }
  protected snapshot(props: string[]): void {
    const n = this.loadState(props);
    if (n === null) return;
    for (const p of props.length ? props : ["name", "formula", "type"]) {
      if (p === "name") this.loaded.set(p, n.name);
      else if (p === "formula") this.loaded.set(p, n.formula);
      else if (p === "type") this.loaded.set(p, n.target ? "Range" : /^="/.test(n.formula) ? "String" : "Formula");
      else if (p === "value") {
        const m = /^="((?:[^"]|"")*)"$/.exec(n.formula);
        this.loaded.set(p, n.target ? n.formula.slice(1) : m ? m[1]!.replace(/""/g, '"') : n.formula);
      } else if (p === "comment") this.loaded.set(p, n.comment ?? "");
    }
  }
  get name(): string {
    return this.read<string>("name");
  }
  get formula(): string {
    return this.read<string>("formula");
  }
  get type(): string {
    return this.read<string>("type");
  }
  get value(): unknown {
    return this.read<unknown>("value");
  }
  delete(): void {
    this.ctx.enqueue(this.path, "delete", [], () => {
      const n = this.resolve();
      this.map().delete(n.name.toLowerCase());
    });
  }
  getRange(): FakeRange {
    const target = (): { sheet: FakeSheetState; rect: FakeRect } => {
      const n = this.resolve();
      if (!n.target || !this.ctx.excel.sheets.includes(n.target.sheet)) {
        throw new FakeOfficeError("InvalidOperation", `the name ${n.name} does not refer to a range`, this.path);
      }
      return n.target;
    };
    return new FakeRange(this.ctx, `${this.path}.getRange()`, () => target().sheet, () => target().rect);
  }
}

/** `workbook.tables` (sheet null) or `worksheet.tables`. */
class FakeTableCollection extends FakeClientObject {
  private readonly sheet: (() => FakeSheetState) | null;
  constructor(ctx: FakeRequestContext, path: string, sheet: (() => FakeSheetState) | null) {
    super(ctx, path);
    this.sheet = sheet;
  }
  private scope(): FakeTableState[] {
    const s = this.sheet?.();
    return s ? this.ctx.excel.tablesOn(s) : this.ctx.excel.tables;
  }
  get items(): FakeTable[] {
    return this.read<FakeTable[]>("items");
  }
  get count(): number {
    return this.read<number>("count");
  }
  protected snapshot(props: string[]): void {
    const tables = this.scope();
    const wanted = props.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    if (props.length === 0 || props.some((p) => p === "items" || p.startsWith("items/"))) {
      this.loaded.set(
        "items",
        tables.map((t) => {
          const item = new FakeTable(this.ctx, `table#${t.id}`, () => t, false);
          item.fill(wanted.length ? wanted : ["name", "id", "style", "showBandedRows", "showFilterButton", "showTotals"]);
          return item;
        }),
      );
    }
    if (props.includes("count")) this.loaded.set("count", tables.length);
  }
  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    let created: FakeTableState | null = null;
    const described = typeof address === "string" ? address : address.describe();
    const path = `${this.path}.add(${JSON.stringify(described)})`;
    this.ctx.enqueue(this.path, "add", [described, hasHeaders], () => {
      const excel = this.ctx.excel;
      let sheet: FakeSheetState;
      let rect: FakeRect;
      if (typeof address === "string") {
        const { sheet: sn, a1 } = splitSheetAddress(address);
        // "If the address does not contain a sheet name, the currently-active sheet is used."
        const found = sn === null ? activeSheetOf(excel) : excel.findSheet(sn);
        if (!found) throw new FakeOfficeError("InvalidArgument", `no sheet for table address ${address}`, path);
        sheet = found;
        rect = parseA1(a1);
      } else {
        sheet = address.sheetState();
        rect = { ...address.rect() };
      }
      if (!hasHeaders) throw new FakeOfficeError("GeneralException", "fake: tables.add without headers is not emulated", path);
      if (rect.bottom <= rect.top) throw new FakeOfficeError("InvalidArgument", `a table needs a header row and a data row (${rectAddress(rect)})`, path);
      if (sheet.protected) throw new FakeOfficeError("AccessDenied", `tables.add on protected sheet ${sheet.name}`, path);
      if (excel.tables.some((t) => t.sheet === sheet && overlaps(t.rect, rect))) {
        throw new FakeOfficeError("InvalidArgument", `table at ${rectAddress(rect)} would overlap another table`, path);
      }
      if (sheet.merges.some((m) => overlaps(m, rect))) throw new FakeOfficeError("MergedRangeConflict", `table at ${rectAddress(rect)} overlaps a merge`, path);
      // header texts become the column names: blank → ColumnN, duplicates numbered
      const seen = new Set<string>();
      for (let c = rect.left; c <= rect.right; c++) {
        const cell = cellAt(sheet, rect.top, c);
        let name = cell.formula !== null || cell.value === null || cell.value === "" ? `Column${c - rect.left + 1}` : String(cell.value);
        const base = name;
        for (let k = 2; seen.has(name.toUpperCase()); k++) name = `${base}${k}`;
        seen.add(name.toUpperCase());
        cell.value = name;
        cell.formula = null;
      }
      created = {
        id: excel.newId(),
        name: excel.defaultTableName(),
        sheet,
        rect,
        calculated: new Map(),
        style: "TableStyleMedium2",
        showBandedRows: true,
        showBandedColumns: false,
        showFilterButton: true,
      };
      excel.tables.push(created);
    });
    return new FakeTable(this.ctx, path, () => {
      if (!created) throw new FakeOfficeError("ItemNotFound", "table was not created", path);
      if (!this.ctx.excel.tables.includes(created)) throw new FakeOfficeError("ItemNotFound", "table was deleted", path);
      return created;
    }, false);
  }
  getItem(name: string): FakeTable {
    const path = `${this.path}.getItem(${JSON.stringify(name)})`;
    return new FakeTable(this.ctx, path, () => {
      const k = name.toUpperCase();
      const t = this.scope().find((x) => x.name.toUpperCase() === k || String(x.id) === name);
      if (!t) throw new FakeOfficeError("ItemNotFound", `no table named ${name}`, path);
      return t;
    }, false);
  }
  getItemOrNullObject(name: string): FakeTable {
    const path = `${this.path}.getItemOrNullObject(${JSON.stringify(name)})`;
    const find = () => {
      const k = name.toUpperCase();
      return this.scope().find((x) => x.name.toUpperCase() === k || String(x.id) === name) ?? null;
    };
    const t = new FakeTable(this.ctx, path, () => {
      const x = find();
      if (!x) throw new FakeOfficeError("ItemNotFound", `operation on the null table ${name}`, path);
      return x;
    }, true);
    this.ctx.enqueue(path, "getItemOrNullObject", [name], () => t.resolveNull(find() !== null));
    return t;
  }
}

class FakeTable extends FakeItem<FakeTableState> {
  readonly columns: FakeTableColumnCollection;
  readonly rows: FakeTableRowCollection;
  constructor(ctx: FakeRequestContext, path: string, resolve: () => FakeTableState, nullable: boolean) {
    super(ctx, path, resolve, nullable);
    this.columns = new FakeTableColumnCollection(ctx, `${path}.columns`, resolve);
    this.rows = new FakeTableRowCollection(ctx, `${path}.rows`, resolve);
  }
  protected snapshot(props: string[]): void {
    const t = this.loadState(props);
    if (t === null) return;
    for (const p of props.length ? props : ["name", "id", "style", "showBandedRows", "showFilterButton", "showTotals"]) {
      if (p === "showTotals") this.loaded.set(p, false);
      else if (p === "id") this.loaded.set(p, String(t.id));
      else this.loaded.set(p, (t as unknown as Record<string, unknown>)[p]);
    }
  }
  private setProp<K extends "style" | "showBandedRows" | "showBandedColumns" | "showFilterButton">(prop: K, v: FakeTableState[K]): void {
    this.ctx.enqueue(this.path, `${prop}=`, [v], () => {
      const t = this.resolve();
      if (t.sheet.protected) throw new FakeOfficeError("AccessDenied", `${prop} of a table on protected sheet ${t.sheet.name}`, this.path);
      t[prop] = v;
    });
  }
  get name(): string {
    return this.read<string>("name");
  }
  set name(v: string) {
    this.ctx.enqueue(this.path, "name=", [v], () => {
      const t = this.resolve();
      const excel = this.ctx.excel;
      if (!legalTableName(v)) throw new FakeOfficeError("InvalidArgument", `illegal table name ${v}`, this.path);
      const other = excel.findTable(v);
      // Excel's code for a taken table name is not documented; ItemAlreadyExists is the plausible one
      if ((other && other !== t) || excel.names.has(v.toLowerCase())) throw new FakeOfficeError("ItemAlreadyExists", `table name ${v} is taken`, this.path);
      t.name = v;
    });
  }
  get style(): string {
    return this.read<string>("style");
  }
  set style(v: string) {
    this.setProp("style", v);
  }
  get showBandedRows(): boolean {
    return this.read<boolean>("showBandedRows");
  }
  set showBandedRows(v: boolean) {
    this.setProp("showBandedRows", v);
  }
  set showBandedColumns(v: boolean) {
    this.setProp("showBandedColumns", v);
  }
  get showFilterButton(): boolean {
    return this.read<boolean>("showFilterButton");
  }
  set showFilterButton(v: boolean) {
    this.setProp("showFilterButton", v);
  }
  get showTotals(): boolean {
    return this.read<boolean>("showTotals");
  }
  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, `${this.path}.worksheet`, () => this.resolve().sheet, false);
  }
  private part(name: string, rect: (t: FakeTableState) => FakeRect): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.${name}()`, () => this.resolve().sheet, () => rect(this.resolve()));
  }
  getRange(): FakeRange {
    return this.part("getRange", (t) => ({ ...t.rect }));
  }
  getHeaderRowRange(): FakeRange {
    return this.part("getHeaderRowRange", (t) => ({ ...t.rect, bottom: t.rect.top }));
  }
  getDataBodyRange(): FakeRange {
    return this.part("getDataBodyRange", (t) => ({ ...t.rect, top: t.rect.top + 1 }));
  }
  delete(): void {
    this.ctx.enqueue(this.path, "delete", [], () => {
      const t = this.resolve();
      if (t.sheet.protected) throw new FakeOfficeError("AccessDenied", `delete of a table on protected sheet ${t.sheet.name}`, this.path);
      for (let r = t.rect.top; r <= t.rect.bottom; r++) for (let c = t.rect.left; c <= t.rect.right; c++) t.sheet.cells.delete(key(r, c));
      this.ctx.excel.tables = this.ctx.excel.tables.filter((x) => x !== t);
    });
  }
  convertToRange(): FakeRange {
    this.ctx.enqueue(this.path, "convertToRange", [], () => {
      const t = this.resolve();
      this.ctx.excel.tables = this.ctx.excel.tables.filter((x) => x !== t);
    });
    let rect: FakeRect | null = null;
    let sheet: FakeSheetState | null = null;
    try {
      const t = this.resolve();
      rect = { ...t.rect };
      sheet = t.sheet;
    } catch {
      /* resolved at sync */
    }
    return new FakeRange(this.ctx, `${this.path}.convertToRange()`, () => sheet ?? this.resolve().sheet, () => rect ?? this.resolve().rect);
  }
}

class FakeTableColumnCollection extends FakeClientObject {
  private readonly table: () => FakeTableState;
  constructor(ctx: FakeRequestContext, path: string, table: () => FakeTableState) {
    super(ctx, path);
    this.table = table;
  }
  get items(): FakeTableColumn[] {
    return this.read<FakeTableColumn[]>("items");
  }
  get count(): number {
    return this.read<number>("count");
  }
  protected snapshot(props: string[]): void {
    const t = this.table();
    const n = t.rect.right - t.rect.left + 1;
    if (props.includes("count")) this.loaded.set("count", n);
    if (props.length === 0 || props.some((p) => p === "items" || p.startsWith("items/"))) {
      this.loaded.set(
        "items",
        Array.from({ length: n }, (_, i) => {
          const col = new FakeTableColumn(this.ctx, `${this.path}.items[${i}]`, this.table, () => i);
          col.fill(["name", "index"]);
          return col;
        }),
      );
    }
  }
  getItemAt(index: number): FakeTableColumn {
    return new FakeTableColumn(this.ctx, `${this.path}.getItemAt(${index})`, this.table, () => {
      const t = this.table();
      if (index < 0 || index > t.rect.right - t.rect.left) throw new FakeOfficeError("ItemNotFound", `table ${t.name} has no column ${index}`, this.path);
      return index;
    });
  }
  getItem(key: string | number): FakeTableColumn {
    return new FakeTableColumn(this.ctx, `${this.path}.getItem(${JSON.stringify(key)})`, this.table, () => {
      const t = this.table();
      const names = this.ctx.excel.tableColumns(t);
      const i = typeof key === "number" ? key - 1 : names.findIndex((n) => n.toUpperCase() === key.toUpperCase());
      if (i < 0 || i >= names.length) throw new FakeOfficeError("ItemNotFound", `table ${t.name} has no column ${String(key)}`, this.path);
      return i;
    });
  }
}

class FakeTableColumn extends FakeClientObject {
  private readonly table: () => FakeTableState;
  private readonly indexOf: () => number;
  constructor(ctx: FakeRequestContext, path: string, table: () => FakeTableState, index: () => number) {
    super(ctx, path);
    this.table = table;
    this.indexOf = index;
  }
  /** @internal */
  fill(props: string[]): void {
    this.snapshot(props);
  }
  protected snapshot(props: string[]): void {
    const t = this.table();
    const i = this.indexOf();
    for (const p of props.length ? props : ["name", "index"]) {
      if (p === "name") this.loaded.set(p, this.ctx.excel.tableColumns(t)[i]);
      else if (p === "index") this.loaded.set(p, i);
    }
  }
  get name(): string {
    return this.read<string>("name");
  }
  get index(): number {
    return this.read<number>("index");
  }
  private part(name: string, rows: (t: FakeTableState) => { top: number; bottom: number }): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.${name}()`, () => this.table().sheet, () => {
      const t = this.table();
      const c = t.rect.left + this.indexOf();
      return { ...rows(t), left: c, right: c };
    });
  }
  getDataBodyRange(): FakeRange {
    return this.part("getDataBodyRange", (t) => ({ top: t.rect.top + 1, bottom: t.rect.bottom }));
  }
  getHeaderRowRange(): FakeRange {
    return this.part("getHeaderRowRange", (t) => ({ top: t.rect.top, bottom: t.rect.top }));
  }
  getRange(): FakeRange {
    return this.part("getRange", (t) => ({ top: t.rect.top, bottom: t.rect.bottom }));
  }
}

class FakeTableRowCollection extends FakeClientObject {
  private readonly table: () => FakeTableState;
  constructor(ctx: FakeRequestContext, path: string, table: () => FakeTableState) {
    super(ctx, path);
    this.table = table;
  }
  get count(): number {
    return this.read<number>("count");
  }
  protected snapshot(props: string[]): void {
    const t = this.table();
    if (props.length === 0 || props.includes("count")) this.loaded.set("count", t.rect.bottom - t.rect.top);
  }
  /**
   * Inserts rows at data-row `index` (null/undefined: after the last row), shifting the cells of
   * the table's columns below down; the new rows get `values` and the calculated columns' formulas.
   */
  add(index?: number | null, values?: unknown[][]): void {
    this.ctx.enqueue(this.path, "add", [index ?? null, values ?? null], () => {
      const t = this.table();
      const s = t.sheet;
      if (s.protected) throw new FakeOfficeError("AccessDenied", `rows.add on protected sheet ${s.name}`, this.path);
      const width = t.rect.right - t.rect.left + 1;
      const n = values ? values.length : 1;
      if (values && values.some((row) => !Array.isArray(row) || row.length !== width)) {
        throw new FakeOfficeError("InvalidArgument", `rows.add: values must have ${width} columns`, this.path);
      }
      const dataRows = t.rect.bottom - t.rect.top;
      if (index !== undefined && index !== null && (index < 0 || index > dataRows)) throw new FakeOfficeError("InvalidArgument", `rows.add: index ${index} out of range`, this.path);
      const at = index === undefined || index === null ? t.rect.bottom + 1 : t.rect.top + 1 + index;
      shiftDown(this.ctx.excel, s, at, t.rect.left, t.rect.right, n);
      t.rect.bottom += n;
      for (let k = 0; k < n; k++) {
        for (let j = 0; j < width; j++) {
          const cell = cellAt(s, at + k, t.rect.left + j);
          cell.value = null;
          cell.formula = null;
          const v = values?.[k]?.[j];
          if (v !== null && v !== undefined && v !== "") storeTyped(cell, v);
          else if (t.calculated.has(j)) cell.formula = t.calculated.get(j)!;
        }
      }
    });
  }
}

/** Moves the cells (and tables) of columns left..right at rows ≥ `at` down by `n` rows. */
function shiftDown(excel: FakeExcel, s: FakeSheetState, at: number, left: number, right: number, n: number): void {
  const moved: [number, number, FakeCell][] = [];
  for (const [k, cell] of s.cells) {
    const [r, c] = k.split(",").map(Number) as [number, number];
    if (r >= at && c >= left && c <= right) moved.push([r, c, cell]);
  }
  for (const [r, c] of moved) s.cells.delete(key(r, c));
  for (const [r, c, cell] of moved) s.cells.set(key(r + n, c), cell);
  for (const other of excel.tablesOn(s)) {
    if (other.rect.top >= at && other.rect.left <= right && other.rect.right >= left) {
      other.rect.top += n;
      other.rect.bottom += n;
    }
  }
}

/** Stores a value as Excel does when it is typed into the cell. */
function storeTyped(cell: FakeCell, v: unknown): void {
  cell.error = undefined;
  if (typeof v === "number" || typeof v === "boolean") {
    if (typeof v === "number" && !Number.isFinite(v)) throw new FakeOfficeError("InvalidArgument", "non-finite number");
    cell.value = v;
    cell.formula = null;
  } else if (typeof v === "string") {
    if (cell.numberFormat === "@") {
      cell.value = v;
      cell.formula = null;
    } else {
      const t = typedInput(v);
      cell.value = t.value;
      cell.formula = t.formula;
      if (t.error) cell.error = true;
      if (t.numberFormat && cell.numberFormat === "General") cell.numberFormat = t.numberFormat;
    }
  } else {
    throw new FakeOfficeError("InvalidArgument", `unsupported value ${String(v)}`);
  }
}

class FakeRange extends FakeClientObject {
  private readonly sheetOf: () => FakeSheetState;
  private readonly rectOf: () => FakeRect;
  readonly format: FakeRangeFormat;
  readonly dataValidation: FakeDataValidation;
  readonly conditionalFormats: FakeConditionalFormatCollection;
  constructor(ctx: FakeRequestContext, path: string, sheetOf: () => FakeSheetState, rectOf: () => FakeRect) {
    super(ctx, path);
    this.sheetOf = sheetOf;
    this.rectOf = rectOf;
    this.format = new FakeRangeFormat(ctx, `${path}.format`, this);
    this.dataValidation = new FakeDataValidation(ctx, `${path}.dataValidation`, this);
    this.conditionalFormats = new FakeConditionalFormatCollection(ctx, `${path}.conditionalFormats`, this);
  }
  /** @internal */
  sheetState(): FakeSheetState {
    return this.sheetOf();
  }
  /** @internal */
  rect(): FakeRect {
    return this.rectOf();
  }
  /** @internal */
  describe(): string {
    return this.path;
  }
  /** @internal */
  excel(): FakeExcel {
    return this.ctx.excel;
  }
  /** @internal Every cell of the range (creating blank ones). */
  each(fn: (cell: FakeCell, r: number, c: number) => void): void {
    const s = this.sheetOf();
    const r = this.rectOf();
    if ((r.bottom - r.top + 1) * (r.right - r.left + 1) > 1_000_000) {
      throw new FakeOfficeError("InvalidArgument", `fake: per-cell operation on a huge range ${this.path}`);
    }
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) fn(cellAt(s, row, col), row, col);
  }
  /** @internal AccessDenied when the sheet is protected and `allowed` is false. */
  guardFormat(what: string, allowedOption?: string): void {
    const s = this.sheetOf();
    if (!s.protected) return;
    const opts = (s.protectOptions ?? {}) as Record<string, unknown>;
    if (allowedOption && opts[allowedOption] === true) return;
    throw new FakeOfficeError("AccessDenied", `${what} on protected sheet ${s.name}`, this.path);
  }
  private shape(): { rows: number; cols: number } {
    const r = this.rectOf();
    return { rows: r.bottom - r.top + 1, cols: r.right - r.left + 1 };
  }
  private checkShape(prop: string, data: unknown): unknown[][] {
    const { rows, cols } = this.shape();
    if (!Array.isArray(data) || data.length !== rows || data.some((row) => !Array.isArray(row) || row.length !== cols)) {
      throw new FakeOfficeError(
        "InvalidArgument",
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${prop} on ${this.path}: ${rows}×${cols})`,
        this.path,
      );
    }
    return data as unknown[][];
  }
  private writeContent(prop: "formulas" | "values", data: unknown): void {
    // Shape, lock and reference errors are raised when the batch runs, as in Excel; a write that
    // fails changes nothing.
    this.ctx.enqueue(this.path, `${prop}=`, [data], () => {
      const arr = this.checkShape(prop, data);
      const s = this.sheetOf();
      const r = this.rectOf();
      const excel = this.ctx.excel;
      if (s.protected) {
        // Excel checks the whole target range, null entries included
        for (let row = r.top; row <= r.bottom; row++) {
          for (let col = r.left; col <= r.right; col++) {
            const locked = s.cells.get(key(row, col))?.locked ?? true;
            if (locked) throw new FakeOfficeError("AccessDenied", `cell ${rectAddress({ top: row, left: col, bottom: row, right: col })} of ${s.name} is locked`, this.path);
          }
        }
      }
      arr.forEach((line, i) =>
        line.forEach((v, j) => {
          if (typeof v === "number" && !Number.isFinite(v)) throw new FakeOfficeError("InvalidArgument", "non-finite number", this.path);
          if (v !== null && v !== undefined && typeof v !== "number" && typeof v !== "boolean" && typeof v !== "string") {
            throw new FakeOfficeError("InvalidArgument", `unsupported value ${Object.prototype.toString.call(v)}`, this.path);
          }
          if (typeof v === "string" && v.startsWith("=") && s.cells.get(key(r.top + i, r.left + j))?.numberFormat !== "@") {
            excel.checkStructuredRefs(v, this.path);
          }
        }),
      );
      arr.forEach((line, i) =>
        line.forEach((v, j) => {
          if (v === null || v === undefined) return;
          const cell = cellAt(s, r.top + i, r.left + j);
          if (v === "") {
            cell.error = undefined;
            cell.value = null;
            cell.formula = null;
          } else storeTyped(cell, v);
        }),
      );
      afterWrite(excel, s, r, arr);
    });
  }
  set formulas(data: unknown[][]) {
    this.writeContent("formulas", data);
  }
  get formulas(): unknown[][] {
    return this.read<unknown[][]>("formulas");
  }
  set values(data: unknown[][]) {
    this.writeContent("values", data);
  }
  get values(): unknown[][] {
    return this.read<unknown[][]>("values");
  }
  set numberFormat(data: unknown[][]) {
    this.ctx.enqueue(this.path, "numberFormat=", [data], () => {
      const arr = this.checkShape("numberFormat", data);
      this.guardFormat("numberFormat", "allowFormatCells");
      const s = this.sheetOf();
      const r = this.rectOf();
      arr.forEach((row, i) =>
        row.forEach((v, j) => {
          if (v === null || v === undefined) return;
          if (typeof v !== "string") throw new FakeOfficeError("InvalidArgument", "number format must be a string", this.path);
          cellAt(s, r.top + i, r.left + j).numberFormat = v === "" ? "General" : v;
        }),
      );
    });
  }
  get numberFormat(): unknown[][] {
    return this.read<unknown[][]>("numberFormat");
  }
  set columnHidden(v: boolean) {
    this.ctx.enqueue(this.path, "columnHidden=", [v], () => {
      this.guardFormat("columnHidden", "allowFormatColumns");
      const s = this.sheetOf();
      const r = this.rectOf();
      for (let c = r.left; c <= r.right; c++) {
        if (v) s.hiddenColumns.add(c);
        else s.hiddenColumns.delete(c);
      }
    });
  }
  get columnHidden(): boolean {
    return this.read<boolean>("columnHidden");
  }
  get address(): string {
    return this.read<string>("address");
  }
  get rowIndex(): number {
    return this.read<number>("rowIndex");
  }
  get columnIndex(): number {
    return this.read<number>("columnIndex");
  }
  get rowCount(): number {
    return this.read<number>("rowCount");
  }
  get columnCount(): number {
    return this.read<number>("columnCount");
  }
  protected snapshot(props: string[]): void {
    const s = this.sheetOf();
    const r = this.rectOf();
    const grid = <T>(f: (cell: FakeCell | undefined) => T): T[][] => {
      const out: T[][] = [];
      for (let row = r.top; row <= r.bottom; row++) {
        const line: T[] = [];
        for (let col = r.left; col <= r.right; col++) line.push(f(s.cells.get(key(row, col))));
        out.push(line);
      }
      return out;
    };
    for (const p of props.length ? props : ["address", "formulas", "numberFormat"]) {
      if (p === "formulas") this.loaded.set(p, grid((c) => c?.formula ?? c?.value ?? ""));
      else if (p === "values") {
        this.loaded.set(
          p,
          grid((c) => {
            if (c?.formula) throw new FakeOfficeError("GeneralException", `fake: cannot calculate ${c.formula} (${this.path})`);
            return c?.value ?? "";
          }),
        );
      } else if (p === "numberFormat") this.loaded.set(p, grid((c) => c?.numberFormat ?? "General"));
      else if (p === "address") this.loaded.set(p, `${quoteIfNeeded(s.name)}!${rectAddress(r)}`);
      else if (p === "rowIndex") this.loaded.set(p, r.top);
      else if (p === "columnIndex") this.loaded.set(p, r.left);
      else if (p === "rowCount") this.loaded.set(p, r.bottom - r.top + 1);
      else if (p === "columnCount") this.loaded.set(p, r.right - r.left + 1);
      else if (p === "columnHidden") {
        let hidden = 0;
        for (let c = r.left; c <= r.right; c++) if (s.hiddenColumns.has(c)) hidden++;
        this.loaded.set(p, hidden === 0 ? false : hidden === r.right - r.left + 1 ? true : null);
      }
    }
  }
  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, `${this.path}.worksheet`, this.sheetOf, false);
  }
  getCell(row: number, col: number): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.getCell(${row},${col})`, this.sheetOf, () => {
      const r = this.rectOf();
      return { top: r.top + row, left: r.left + col, bottom: r.top + row, right: r.left + col };
    });
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.getResizedRange(${deltaRows},${deltaColumns})`, this.sheetOf, () => {
      const r = this.rectOf();
      const out = { ...r, bottom: r.bottom + deltaRows, right: r.right + deltaColumns };
      if (out.bottom < out.top || out.right < out.left || out.bottom >= MAX_ROWS || out.right >= MAX_COLS) throw new FakeOfficeError("InvalidArgument", "resized range is empty", this.path);
      return out;
    });
  }
  getRow(i: number): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.getRow(${i})`, this.sheetOf, () => {
      const r = this.rectOf();
      return { ...r, top: r.top + i, bottom: r.top + i };
    });
  }
  getColumn(i: number): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.getColumn(${i})`, this.sheetOf, () => {
      const r = this.rectOf();
      return { ...r, left: r.left + i, right: r.left + i };
    });
  }
  getRowsBelow(count = 1): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.getRowsBelow(${count})`, this.sheetOf, () => {
      const r = this.rectOf();
      return { ...r, top: r.bottom + 1, bottom: r.bottom + count };
    });
  }
  getEntireColumn(): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.getEntireColumn()`, this.sheetOf, () => {
      const r = this.rectOf();
      return { top: 0, left: r.left, bottom: MAX_ROWS - 1, right: r.right };
    });
  }
  merge(across = false): void {
    this.ctx.enqueue(this.path, "merge", [across], () => {
      this.guardFormat("merge");
      const s = this.sheetOf();
      const r = { ...this.rectOf() };
      if (this.ctx.excel.tablesOn(s).some((t) => overlaps(t.rect, r))) {
        throw new FakeOfficeError("MergedRangeConflict", `merge ${rectAddress(r)} overlaps a table`, this.path);
      }
      if (s.merges.some((m) => overlaps(m, r))) {
        if (!s.merges.some((m) => m.top === r.top && m.left === r.left && m.bottom === r.bottom && m.right === r.right)) {
          throw new FakeOfficeError("InvalidOperation", `merge overlaps an existing merge (${this.path})`, this.path);
        }
        return;
      }
      s.merges.push(r);
    });
  }
  unmerge(): void {
    this.ctx.enqueue(this.path, "unmerge", [], () => {
      const s = this.sheetOf();
      const r = this.rectOf();
      s.merges = s.merges.filter((m) => !overlaps(m, r));
    });
  }
  select(): void {
    this.ctx.enqueue(this.path, "select", [], () => {
      const r = this.rectOf();
      this.ctx.excel.selection = { sheet: this.sheetOf().name, row: r.top, col: r.left };
    });
  }
}

/**
 * What a write does to the tables of its sheet: a formula written over a whole data column makes
 * a calculated column; a value written into the row just below a table makes the table grow over
 * the written rows (the calculated columns fill them).
 */
function afterWrite(excel: FakeExcel, s: FakeSheetState, r: FakeRect, arr: unknown[][]): void {
  const at = (row: number, col: number): unknown => arr[row - r.top]?.[col - r.left];
  for (const t of excel.tablesOn(s)) {
    // calculated columns
    const first = t.rect.top + 1;
    if (r.top <= first && r.bottom >= t.rect.bottom) {
      for (let c = Math.max(r.left, t.rect.left); c <= Math.min(r.right, t.rect.right); c++) {
        const f = at(first, c);
        if (typeof f !== "string" || !f.startsWith("=")) continue;
        let same = true;
        for (let row = first; row <= t.rect.bottom && same; row++) same = at(row, c) === f;
        if (same) t.calculated.set(c - t.rect.left, f);
      }
    }
    // growth: contiguous written rows just below the table, within its columns
    if (r.left > t.rect.right || r.right < t.rect.left) continue;
    let grow = 0;
    for (let row = t.rect.bottom + 1; row >= r.top && row <= r.bottom; row++) {
      let any = false;
      for (let c = Math.max(r.left, t.rect.left); c <= Math.min(r.right, t.rect.right); c++) {
        const v = at(row, c);
        if (v !== null && v !== undefined && v !== "") any = true;
      }
      if (!any) break;
      grow++;
    }
    if (grow === 0) continue;
    const oldBottom = t.rect.bottom;
    t.rect.bottom += grow;
    for (let row = oldBottom + 1; row <= t.rect.bottom; row++) {
      for (const [j, f] of t.calculated) {
        const cell = cellAt(s, row, t.rect.left + j);
        if (cell.formula === null && (cell.value === null || cell.value === "")) cell.formula = f;
      }
    }
  }
}

class FakeRangeFormat {
  readonly fill: { color: string };
  readonly font: { bold: boolean; italic: boolean; color: string; size: number; name: string };
  readonly borders: { getItem(edge: string): { style: string; color: string; weight: string } };
  readonly protection: { locked: boolean };
  private readonly ctx: FakeRequestContext;
  private readonly path: string;
  private readonly range: FakeRange;
  constructor(ctx: FakeRequestContext, path: string, range: FakeRange) {
    this.ctx = ctx;
    this.path = path;
    this.range = range;
    const cellProp = (obj: string, prop: string, apply: (c: FakeCell, v: never) => void, option = "allowFormatCells") => ({
      get(): never {
        throw new FakeOfficeError("PropertyNotLoaded", `fake: reading ${path}.${obj}.${prop} is not supported`);
      },
      set(v: never) {
        ctx.enqueue(`${path}.${obj}`, `${prop}=`, [v], () => {
          range.guardFormat(`${obj}.${prop}`, option);
          range.each((c) => apply(c, v));
        });
      },
      enumerable: true,
    });
    this.fill = Object.defineProperties({} as { color: string }, {
      color: cellProp("fill", "color", (c, v: string) => (c.fill = v)),
    });
    this.font = Object.defineProperties({} as FakeRangeFormat["font"], {
      bold: cellProp("font", "bold", (c, v: boolean) => (c.bold = v)),
      italic: cellProp("font", "italic", (c, v: boolean) => (c.italic = v)),
      color: cellProp("font", "color", (c, v: string) => (c.fontColor = v)),
      size: cellProp("font", "size", (c, v: number) => (c.fontSize = v)),
      name: cellProp("font", "name", (c, v: string) => (c.fontName = v)),
    });
    this.protection = Object.defineProperties({} as { locked: boolean }, {
      locked: cellProp("protection", "locked", (c, v: boolean) => (c.locked = v), "__never__"),
    });
    this.borders = {
      getItem: (edge: string) => {
        const border = { range: null as FakeBorder | null };
        const target = `${path}.borders.getItem(${edge})`;
        const set = (prop: "style" | "color") => (v: string) =>
          ctx.enqueue(target, `${prop}=`, [v], () => {
            range.guardFormat(`border ${edge}`, "allowFormatCells");
            const s = range.sheetState();
            if (!border.range) {
              border.range = { range: { ...range.rect() }, edge };
              s.borders.push(border.range);
            }
            border.range[prop] = v;
          });
        return Object.defineProperties({} as { style: string; color: string; weight: string }, {
          style: { set: set("style"), enumerable: true },
          color: { set: set("color"), enumerable: true },
          weight: { set: (v: string) => ctx.record(target, "weight=", [v]), enumerable: true },
        });
      },
    };
  }
  private setAll(prop: string, v: unknown, apply: (c: FakeCell) => void): void {
    this.ctx.enqueue(this.path, `${prop}=`, [v], () => {
      this.range.guardFormat(prop, "allowFormatCells");
      this.range.each(apply);
    });
  }
  set wrapText(v: boolean) {
    this.setAll("wrapText", v, (c) => (c.wrapText = v));
  }
  set horizontalAlignment(v: string) {
    this.setAll("horizontalAlignment", v, (c) => (c.horizontalAlignment = v));
  }
  set verticalAlignment(v: string) {
    this.setAll("verticalAlignment", v, (c) => (c.verticalAlignment = v));
  }
  set columnWidth(points: number) {
    this.ctx.enqueue(this.path, "columnWidth=", [points], () => {
      this.range.guardFormat("columnWidth", "allowFormatColumns");
      const r = this.range.rect();
      const s = this.range.sheetState();
      for (let c = r.left; c <= r.right; c++) s.columnWidths.set(c, points);
    });
  }
  set rowHeight(points: number) {
    this.ctx.enqueue(this.path, "rowHeight=", [points], () => {
      this.range.guardFormat("rowHeight", "allowFormatRows");
      if (!(points >= 0 && points <= 409)) throw new FakeOfficeError("InvalidArgument", `row height ${points} out of 0–409 points`, this.path);
      const r = this.range.rect();
      const s = this.range.sheetState();
      for (let row = r.top; row <= r.bottom; row++) s.rowHeights.set(row, points);
    });
  }
}

/** A data-validation list source or CF formula: no structured references (Excel takes them only through a name). */
function checkRuleFormula(excel: FakeExcel, s: FakeSheetState, formula: string, where: string, bareNameMustExist: boolean): void {
  if (structuredRefs(formula).length > 0) {
    throw new FakeOfficeError("InvalidArgument", `${where}: structured references are not accepted here; use a defined name (${formula})`, where);
  }
  const bare = /^=\s*([\p{L}_\\][\p{L}\p{N}_.\\]*)\s*$/u.exec(formula);
  if (bareNameMustExist && bare && !/^[A-Za-z]{1,3}\d+$/.test(bare[1]!)) {
    const n = bare[1]!.toLowerCase();
    if (!excel.names.has(n) && !s.names.has(n)) throw new FakeOfficeError("InvalidArgument", `${where}: list source ${formula} names nothing`, where);
  }
}

class FakeDataValidation {
  private readonly ctx: FakeRequestContext;
  private readonly path: string;
  private readonly range: FakeRange;
  constructor(ctx: FakeRequestContext, path: string, range: FakeRange) {
    this.ctx = ctx;
    this.path = path;
    this.range = range;
  }
  private current(): FakeValidation {
    const s = this.range.sheetState();
    const r = this.range.rect();
    let v = s.validations.find((x) => x.range.top === r.top && x.range.left === r.left && x.range.bottom === r.bottom && x.range.right === r.right);
    if (!v) {
      v = { range: { ...r }, rule: undefined };
      s.validations.push(v);
    }
    return v;
  }
  clear(): void {
    this.ctx.enqueue(this.path, "clear", [], () => {
      this.range.guardFormat("dataValidation.clear");
      const s = this.range.sheetState();
      const r = this.range.rect();
      s.validations = s.validations.filter(
        (x) => !(x.range.top >= r.top && x.range.bottom <= r.bottom && x.range.left >= r.left && x.range.right <= r.right),
      );
    });
  }
  set rule(rule: unknown) {
    this.ctx.enqueue(this.path, "rule=", [rule], () => {
      this.range.guardFormat("dataValidation.rule");
      const list = (rule as { list?: { source?: unknown } }).list;
      if (list && typeof list.source === "string" && list.source.startsWith("=")) {
        checkRuleFormula(this.ctx.excel, this.range.sheetState(), list.source, this.path, true);
      }
      const v = this.current();
      if (v.rule !== undefined) throw new FakeOfficeError("InvalidOperation", `a validation rule already exists on ${this.path}; clear() it first`, this.path);
      v.rule = rule;
    });
  }
  set ignoreBlanks(b: boolean) {
    this.ctx.enqueue(this.path, "ignoreBlanks=", [b], () => {
      this.current().ignoreBlanks = b;
    });
  }
  set prompt(p: unknown) {
    this.ctx.enqueue(this.path, "prompt=", [p], () => {
      this.current().prompt = p;
    });
  }
  set errorAlert(p: unknown) {
    this.ctx.enqueue(this.path, "errorAlert=", [p], () => {
      this.current().errorAlert = p;
    });
  }
}

class FakeConditionalFormatCollection {
  private readonly ctx: FakeRequestContext;
  private readonly path: string;
  private readonly range: FakeRange;
  constructor(ctx: FakeRequestContext, path: string, range: FakeRange) {
    this.ctx = ctx;
    this.path = path;
    this.range = range;
  }
  add(type: string): { custom: { rule: { formula: string }; format: { fill: { color: string }; font: { color: string; bold: boolean } } } } {
    const state: { cf: FakeConditionalFormat | null } = { cf: null };
    const target = `${this.path}.add(${type})`;
    this.ctx.enqueue(this.path, "add", [type], () => {
      this.range.guardFormat("conditionalFormats.add");
      state.cf = { range: { ...this.range.rect() }, type };
      this.range.sheetState().conditionalFormats.push(state.cf);
    });
    const set = (op: string, apply: (cf: FakeConditionalFormat, v: never) => void) => ({
      set: (v: never) =>
        this.ctx.enqueue(target, op, [v], () => {
          if (!state.cf) throw new FakeOfficeError("ItemNotFound", "fake: conditional format not created", target);
          apply(state.cf, v);
        }),
      enumerable: true,
    });
    const rule = Object.defineProperties({} as { formula: string }, {
      formula: set("custom.rule.formula=", (cf, v: string) => {
        checkRuleFormula(this.ctx.excel, this.range.sheetState(), v, target, false);
        cf.formula = v;
      }),
    });
    const fill = Object.defineProperties({} as { color: string }, {
      color: set("custom.format.fill.color=", (cf, v: string) => (cf.fill = v)),
    });
    const font = Object.defineProperties({} as { color: string; bold: boolean }, {
      color: set("custom.format.font.color=", (cf, v: string) => (cf.fontColor = v)),
      bold: set("custom.format.font.bold=", (cf, v: boolean) => (cf.bold = v)),
    });
    return { custom: { rule, format: { fill, font } } };
  }
  clearAll(): void {
    this.ctx.enqueue(this.path, "clearAll", [], () => {
      this.range.guardFormat("conditionalFormats.clearAll");
      const s = this.range.sheetState();
      const r = this.range.rect();
      s.conditionalFormats = s.conditionalFormats.filter((x) => !overlaps(x.range, r));
    });
  }
}

/** The fake context typed as the real one, for code under test. */
export function asExcelContext(ctx: FakeRequestContext): Excel.RequestContext {
  return ctx as unknown as Excel.RequestContext;
}
