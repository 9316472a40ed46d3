/**
 * A recording fake of the narrow Excel JavaScript API surface that writers/office and the task
 * pane use (engineering guide §4: "a recording fake of the narrow Excel surface used, asserting
 * the calls made and the number of syncs"). office-addin-mock counts no syncs and has no
 * collections, hence this fake.
 *
 * Behaviour follows Excel's documented batch model, so that the usual mistakes fail here too:
 * - property sets and method calls are QUEUED and applied only by `context.sync()`, in order;
 *   an operation that fails rejects the sync and drops the rest of the batch (earlier operations
 *   stay applied, as in Excel);
 * - a property read before `load()` + `sync()` throws PropertyNotLoaded; `isNullObject` is only
 *   known after a sync; any operation on a null object fails with ItemNotFound;
 * - null in a 2-D array leaves that cell unchanged, "" clears it ("null and blank values" page);
 *   a 2-D array must have the range's exact shape (InvalidArgument otherwise);
 * - typed-input coercion when a string is written into a cell that is not formatted "@":
 *   "=..." becomes a formula, "12", "1e5", "12%", "-5" numbers, "TRUE" a boolean, "2024-05-01"
 *   a date serial; in a "@" cell every string stays text;
 * - adding a sheet whose name exists (ignoring case) fails with ItemAlreadyExists, an illegal
 *   name with InvalidArgument; adding a defined name that exists fails too;
 * - on a protected sheet, writing a locked cell or changing formats fails (AccessDenied), and
 *   `protect()` on an already protected sheet fails (InvalidOperation).
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
  /** "=" formula: a range reference ("='参数'!$C$6") or a constant ("=\"WS2-11\""). */
  formula: string;
  /** For a range name: the sheet state and rectangle it refers to. */
  target?: { sheet: FakeSheetState; rect: FakeRect };
  comment?: string;
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
  names: Map<string, FakeNameState>;
  pageLayout: {
    orientation?: string;
    printTitleRows?: string;
    centerFooter?: string;
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

/** An Office-style error (OfficeExtension.Error has `code` and `message`). */
export class FakeOfficeError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
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

/** Excel's date serial of an ISO date (1900 system). */
function isoDateSerial(y: number, m: number, d: number): number {
  const ms = Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30);
  return Math.round(ms / 86_400_000);
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

interface Op {
  run: () => void;
}

/** The workbook state shared by every context (one per `run`). */
export class FakeExcel {
  sheets: FakeSheetState[] = [];
  names = new Map<string, FakeNameState>();
  selection: { sheet: string; row: number; col: number } | null = null;
  activeSheet: string | null = null;
  /** Total `context.sync()` calls over every context. */
  totalSyncs = 0;
  /** Every context created by `run`, in order. */
  contexts: FakeRequestContext[] = [];
  private nextId = 1;

  /** Creates a sheet directly (test set-up, not recorded): cells as { "A1": value | "=formula" }. */
  seedSheet(name: string, cells: Record<string, FakeScalar> = {}): FakeSheetState {
    const s = this.createSheet(name);
    for (const [addr, v] of Object.entries(cells)) {
      const r = parseA1(addr);
      const cell = s.cellAt(r.top, r.left);
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

  /** @internal */
  createSheet(name: string): FakeSheetState & { cellAt(r: number, c: number): FakeCell } {
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
      names: new Map(),
      pageLayout: {},
    };
    const withCell = Object.assign(state, {
      cellAt(r: number, c: number): FakeCell {
        let cell = state.cells.get(key(r, c));
        if (!cell) {
          cell = { value: null, formula: null, numberFormat: "General", locked: true };
          state.cells.set(key(r, c), cell);
        }
        return cell;
      },
    });
    this.sheets.push(withCell);
    return withCell;
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
        names: [...s.names.values()].map((n) => ({ name: n.name, formula: n.formula })),
        pageLayout: s.pageLayout,
      }),
    );
  }
}

type CellAt = (r: number, c: number) => FakeCell;
function cellAt(s: FakeSheetState, r: number, c: number): FakeCell {
  return (s as FakeSheetState & { cellAt: CellAt }).cellAt(r, c);
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
  private queue: Op[] = [];
  private afterSync: (() => void)[] = [];

  constructor(excel: FakeExcel) {
    this.excel = excel;
    this.workbook = new FakeWorkbook(this);
    this.application = {
      suspendApiCalculationUntilNextSync: () => {
        this.record("application", "suspendApiCalculationUntilNextSync", []);
        this.suspendedBatches.add(this.syncCount);
      },
    };
  }

  /** @internal */
  record(target: string, op: string, args: unknown[]): void {
    this.log.push({ batch: this.syncCount, target, op, args });
  }

  /** @internal queue an operation applied at the next sync. */
  enqueue(target: string, op: string, args: unknown[], run: () => void): void {
    this.record(target, op, args);
    this.queue.push({ run });
  }

  /** @internal run after the batch's operations (load snapshots). */
  onSynced(fn: () => void): void {
    this.afterSync.push(fn);
  }

  /** Applies the queued operations in order; rejects on the first failing one. */
  async sync(): Promise<void> {
    this.syncCount++;
    this.excel.totalSyncs++;
    const ops = this.queue;
    const after = this.afterSync;
    this.queue = [];
    this.afterSync = [];
    await Promise.resolve();
    for (const op of ops) op.run();
    for (const fn of after) fn();
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
  load(props?: string | string[] | Record<string, unknown>): this {
    const list =
      props === undefined
        ? []
        : typeof props === "string"
          ? props.split(",").map((p) => p.trim()).filter(Boolean)
          : Array.isArray(props)
            ? props
            : Object.keys(props);
    this.ctx.record(this.path, "load", [list.join(",")]);
    this.ctx.onSynced(() => this.snapshot(list));
    return this;
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  private readonly ctx: FakeRequestContext;
  constructor(ctx: FakeRequestContext) {
    this.ctx = ctx;
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.names = new FakeNamedItemCollection(ctx, "workbook.names", () => ctx.excel.names, null);
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
      if (!s) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: sheet ${name}`);
      return s;
    }, false);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    const path = `worksheets.getItemOrNullObject(${JSON.stringify(name)})`;
    const ws = new FakeWorksheet(this.ctx, path, () => {
      const s = this.ctx.excel.findSheet(name);
      if (!s) throw new FakeOfficeError("ItemNotFound", `fake: operation on the null object ${path}`);
      return s;
    }, true);
    this.ctx.record(path, "getItemOrNullObject", [name]);
    this.ctx.onSynced(() => ws.resolveNull(() => this.ctx.excel.findSheet(name) ?? null));
    return ws;
  }
  add(name: string): FakeWorksheet {
    let created: FakeSheetState | null = null;
    const path = `worksheets.add(${JSON.stringify(name)})`;
    this.ctx.enqueue("worksheets", "add", [name], () => {
      if (!legalSheetName(name)) throw new FakeOfficeError("InvalidArgument", `illegal sheet name ${name}`);
      if (this.ctx.excel.findSheet(name)) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named ${name} already exists`);
      created = this.ctx.excel.createSheet(name);
    });
    return new FakeWorksheet(this.ctx, path, () => {
      if (!created) throw new FakeOfficeError("ItemNotFound", `fake: sheet ${name} was not created`);
      return created;
    }, false);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, "worksheets.getActiveWorksheet()", () => {
      const n = this.ctx.excel.activeSheet ?? this.ctx.excel.sheets[0]?.name;
      if (!n) throw new FakeOfficeError("ItemNotFound", "fake: no sheets");
      return this.ctx.excel.sheet(n);
    }, false);
  }
}

class FakeWorksheet extends FakeClientObject {
  private readonly resolve: () => FakeSheetState;
  private nullable: boolean;
  private nullState: boolean | undefined;
  readonly protection: FakeWorksheetProtection;
  readonly freezePanes: FakeFreezePanes;
  readonly names: FakeNamedItemCollection;
  readonly pageLayout: FakePageLayout;
  constructor(ctx: FakeRequestContext, path: string, resolve: () => FakeSheetState, nullable: boolean) {
    super(ctx, path);
    this.resolve = resolve;
    this.nullable = nullable;
    this.protection = new FakeWorksheetProtection(ctx, `${path}.protection`, resolve);
    this.freezePanes = new FakeFreezePanes(ctx, `${path}.freezePanes`, resolve);
    this.names = new FakeNamedItemCollection(ctx, `${path}.names`, () => resolve().names, resolve);
    this.pageLayout = new FakePageLayout(ctx, `${path}.pageLayout`, resolve);
  }
  /** @internal */
  resolveNull(find: () => FakeSheetState | null): void {
    this.nullState = find() === null;
  }
  /** @internal */
  fill(props: string[]): void {
    const s = this.resolve();
    for (const p of props) this.loaded.set(p, (s as unknown as Record<string, unknown>)[p]);
  }
  get isNullObject(): boolean {
    if (!this.nullable) return false;
    if (this.nullState === undefined) {
      throw new FakeOfficeError("PropertyNotLoaded", `isNullObject of ${this.path} is not known before context.sync()`);
    }
    return this.nullState;
  }
  protected snapshot(props: string[]): void {
    let s: FakeSheetState;
    try {
      s = this.resolve();
    } catch {
      for (const p of props) this.loaded.set(p, null);
      return;
    }
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
      if (other && other !== s) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named ${v} already exists`);
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
      if (s.protected) throw new FakeOfficeError("InvalidOperation", `sheet ${s.name} is already protected`);
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
      if (r.top !== 0 || r.left !== 0) throw new FakeOfficeError("InvalidArgument", "freezeAt expects a range from A1");
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
  readonly headersFooters: { defaultForAllPages: { centerFooter: string } };
  constructor(ctx: FakeRequestContext, path: string, resolve: () => FakeSheetState) {
    this.ctx = ctx;
    this.path = path;
    this.resolve = resolve;
    const self = this;
    this.headersFooters = {
      defaultForAllPages: {
        get centerFooter(): string {
          throw new FakeOfficeError("PropertyNotLoaded", "fake: centerFooter is write-only here");
        },
        set centerFooter(v: string) {
          self.ctx.enqueue(`${path}.headersFooters.defaultForAllPages`, "centerFooter=", [v], () => {
            self.resolve().pageLayout.centerFooter = v;
          });
        },
      },
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
    this.ctx.enqueue(this.path, "add", args, () => {
      const map = this.map();
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[rc]$/i.test(name)) {
        throw new FakeOfficeError("InvalidArgument", `illegal defined name ${name}`);
      }
      if (map.has(name.toLowerCase())) throw new FakeOfficeError("ItemAlreadyExists", `The name ${name} already exists`);
      if (typeof reference === "string") {
        created = { name, formula: reference.startsWith("=") ? reference : `=${reference}`, comment };
      } else {
        const sheet = reference.sheetState();
        const rect = reference.rect();
        created = { name, formula: `=${quoteIfNeeded(sheet.name)}!${rectAddress(rect, true)}`, target: { sheet, rect }, comment };
      }
      map.set(name.toLowerCase(), created);
    });
    void this.sheet;
    return new FakeNamedItem(this.ctx, `${this.path}.add(${name})`, () => {
      if (!created) throw new FakeOfficeError("ItemNotFound", `fake: name ${name} was not created`);
      return created;
    }, this.map, false);
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, `${this.path}.getItem(${name})`, () => {
      const n = this.map().get(name.toLowerCase());
      if (!n) throw new FakeOfficeError("ItemNotFound", `The name ${name} doesn't exist`);
      return n;
    }, this.map, false);
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    const item = new FakeNamedItem(this.ctx, `${this.path}.getItemOrNullObject(${name})`, () => {
      const n = this.map().get(name.toLowerCase());
      if (!n) throw new FakeOfficeError("ItemNotFound", `fake: operation on the null name ${name}`);
      return n;
    }, this.map, true);
    this.ctx.onSynced(() => item.resolveNull(this.map().has(name.toLowerCase())));
    return item;
  }
}

class FakeNamedItem extends FakeClientObject {
  private readonly resolve: () => FakeNameState;
  private readonly map: () => Map<string, FakeNameState>;
  private readonly nullable: boolean;
  private nullState: boolean | undefined;
  constructor(ctx: FakeRequestContext, path: string, resolve: () => FakeNameState, map: () => Map<string, FakeNameState>, nullable: boolean) {
    super(ctx, path);
    this.resolve = resolve;
    this.map = map;
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
    if (this.nullState === undefined) throw new FakeOfficeError("PropertyNotLoaded", `isNullObject of ${this.path} is not known before sync`);
    return this.nullState;
  }
  protected snapshot(props: string[]): void {
    let n: FakeNameState;
    try {
      n = this.resolve();
    } catch {
      for (const p of props) this.loaded.set(p, null);
      return;
    }
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
        throw new FakeOfficeError("InvalidOperation", `The name ${n.name} does not refer to a range`);
      }
      return n.target;
    };
    return new FakeRange(this.ctx, `${this.path}.getRange()`, () => target().sheet, () => target().rect);
  }
}

/** Which Excel format changes count as "format cells" for protection. */
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
    throw new FakeOfficeError("AccessDenied", `${what} on protected sheet ${s.name}`);
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
      );
    }
    return data as unknown[][];
  }
  private writeContent(prop: "formulas" | "values", data: unknown): void {
    // Shape errors are raised when the batch runs, as in Excel.
    this.ctx.enqueue(this.path, `${prop}=`, [data], () => {
      const arr = this.checkShape(prop, data);
      const s = this.sheetOf();
      const r = this.rectOf();
      arr.forEach((row, i) =>
        row.forEach((v, j) => {
          if (v === null || v === undefined) return;
          const cell = cellAt(s, r.top + i, r.left + j);
          if (s.protected && cell.locked) {
            throw new FakeOfficeError("AccessDenied", `The cell ${rectAddress({ top: r.top + i, left: r.left + j, bottom: r.top + i, right: r.left + j })} of ${s.name} is protected`);
          }
          cell.error = undefined;
          if (v === "") {
            cell.value = null;
            cell.formula = null;
          } else if (typeof v === "number" || typeof v === "boolean") {
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
        }),
      );
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
          if (typeof v !== "string") throw new FakeOfficeError("InvalidArgument", "number format must be a string");
          cellAt(s, r.top + i, r.left + j).numberFormat = v === "" ? "General" : v;
        }),
      );
    });
  }
  get numberFormat(): unknown[][] {
    return this.read<unknown[][]>("numberFormat");
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
    }
  }
  get rowCount(): number {
    return this.read<number>("rowCount");
  }
  get columnCount(): number {
    return this.read<number>("columnCount");
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
      if (s.merges.some((m) => m.top <= r.bottom && r.top <= m.bottom && m.left <= r.right && r.left <= m.right)) {
        if (!s.merges.some((m) => m.top === r.top && m.left === r.left && m.bottom === r.bottom && m.right === r.right)) {
          throw new FakeOfficeError("InvalidOperation", `merge overlaps an existing merge (${this.path})`);
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
      s.merges = s.merges.filter((m) => !(m.top <= r.bottom && r.top <= m.bottom && m.left <= r.right && r.left <= m.right));
    });
  }
  select(): void {
    this.ctx.enqueue(this.path, "select", [], () => {
      const r = this.rectOf();
      this.ctx.excel.selection = { sheet: this.sheetOf().name, row: r.top, col: r.left };
    });
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
    this.ctx.record(this.path, "rowHeight=", [points]);
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
      const v = this.current();
      if (v.rule !== undefined) throw new FakeOfficeError("InvalidOperation", `a validation rule already exists on ${this.path}; clear() it first`);
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
          if (!state.cf) throw new FakeOfficeError("ItemNotFound", "fake: conditional format not created");
          apply(state.cf, v);
        }),
      enumerable: true,
    });
    const rule = Object.defineProperties({} as { formula: string }, {
      formula: set("custom.rule.formula=", (cf, v: string) => (cf.formula = v)),
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
      s.conditionalFormats = s.conditionalFormats.filter(
        (x) => !(x.range.top <= r.bottom && r.top <= x.range.bottom && x.range.left <= r.right && r.left <= x.range.right),
      );
    });
  }
}

/** The fake context typed as the real one, for code under test. */
export function asExcelContext(ctx: FakeRequestContext): Excel.RequestContext {
  return ctx as unknown as Excel.RequestContext;
}
