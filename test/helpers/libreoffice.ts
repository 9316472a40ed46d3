/**
 * LibreOffice as an independent spreadsheet engine for tests (engineering guide §4, "Recalculating a
 * generated workbook in a real spreadsheet engine").
 *
 * - `stripCachedValues` removes every cached formula result from a copy of an .xlsx, so any value read
 *   afterwards was computed by LibreOffice from the formula, not copied from what the writer stored;
 * - `recalculate` opens the file in headless soffice and exports every sheet to CSV (unrounded values);
 * - `exportPdf` prints the workbook to PDF (print-setup checks); `exportOds` gives LibreOffice's own
 *   view of the file as ODF XML (styles, conditional formats, validations as LibreOffice read them).
 *
 * Each soffice call gets its own fresh profile directory: a second soffice on a shared profile exits 0
 * and writes nothing. Every output file is checked to exist.
 */
import { execFile } from "node:child_process";
import { accessSync, constants as fsConstants } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import JSZip from "jszip";
import { colLetter } from "../../src/worksheets/a1";

/** CSV export filter: "," separator, '"' quotes, UTF-8, all sheets (-1), values unrounded (not "as shown"). */
export const CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

/** Upper bound for one soffice run (the first start of a fresh profile takes a few seconds). */
const SOFFICE_TIMEOUT_MS = 180_000;

const sofficeByPath = new Map<string, string | null>();

/** Absolute path of an executable soffice on `searchPath` (default: $PATH), or null. */
export function findSoffice(searchPath: string = process.env.PATH ?? ""): string | null {
  const cached = sofficeByPath.get(searchPath);
  if (cached !== undefined) return cached;
  let found: string | null = null;
  for (const dir of searchPath.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, "soffice");
    try {
      accessSync(candidate, fsConstants.X_OK);
      found = candidate;
      break;
    } catch {
      // not here
    }
  }
  sofficeByPath.set(searchPath, found);
  return found;
}

/**
 * True when soffice is available. When it is missing: throws under CI (`env.CI` set, not "0"/"false": tests must fail
 * there, never skip), and returns false otherwise so a local run can `describe.skipIf(!hasSoffice)`.
 */
export function requireSoffice(env: NodeJS.ProcessEnv = process.env): boolean {
  if (findSoffice(env.PATH ?? "") !== null) return true;
  if (isCi(env)) {
    throw new Error("soffice (LibreOffice) is not on PATH; CI must install libreoffice-calc-nogui");
  }
  // a test that passes its own environment (to check this function) gets no notice
  if (env === process.env) skipNotice("soffice (LibreOffice)", "apt-get install -y libreoffice-calc-nogui");
  return false;
}

/** True under CI: `CI` set and not "", "0" or "false" (any case). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI !== undefined && env.CI !== "" && env.CI !== "0" && env.CI.toLowerCase() !== "false";
}

const noticed = new Set<string>();

/** Says once per tool, on stderr, that the tests needing it are skipped locally (never under CI). */
export function skipNotice(tool: string, install: string): void {
  if (noticed.has(tool)) return;
  noticed.add(tool);
  process.stderr.write(`notice: ${tool} is missing, so the tests that need it are SKIPPED (under CI=true they fail). Install: ${install}\n`);
}

/**
 * A copy of the .xlsx in which no formula cell keeps a cached value: in every xl/worksheets/sheet*.xml,
 * the `<v>…</v>` of each cell holding an `<f>` is removed, and so is its type attribute (`t="str"`,
 * `t="b"`, `t="e"`), so the cell's value can only come from recalculating the formula.
 */
export async function stripCachedValues(xlsx: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const sheets = Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet[^/]*\.xml$/.test(p));
  if (sheets.length === 0) throw new Error("stripCachedValues: no xl/worksheets/sheet*.xml in the file");
  for (const path of sheets) {
    const xml = await zip.file(path)!.async("string");
    zip.file(path, stripSheetXml(xml));
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The string form of `stripCachedValues` for one sheet's XML (exported for its own test). */
export function stripSheetXml(xml: string): string {
  return xml.replace(/<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g, (whole, attrs: string, _end: string, inner?: string) => {
    if (inner === undefined || !/<f[\s>/]/.test(inner)) return whole;
    const cleanAttrs = attrs.replace(/\s+t="[^"]*"/, "");
    const cleanInner = inner.replace(/<v>[\s\S]*?<\/v>|<v\/>/g, "");
    return `<c${cleanAttrs}>${cleanInner}</c>`;
  });
}

/** Runs soffice with a fresh profile; resolves when it exits 0, rejects with its output otherwise. */
async function runSoffice(args: string[], cwd: string): Promise<void> {
  const soffice = findSoffice();
  if (soffice === null) throw new Error("soffice (LibreOffice) is not on PATH");
  const profile = await mkdtemp(join(tmpdir(), "cp-lo-profile-"));
  try {
    await writeRecalcAlwaysConfig(profile);
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore", ...args],
        // threaded calculation of large tables gave a row or two that disagree with the rest of the
        // same book (seen with 100+ economics rows): one thread, so every recalculation is the same
        { cwd, timeout: SOFFICE_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, SC_NO_THREADED_CALCULATION: "1" } },
        (err, stdout, stderr) => {
          if (err) reject(new Error(`soffice ${args.join(" ")} failed: ${err.message}\n${stdout}\n${stderr}`));
          else resolve();
        },
      );
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/**
 * Pre-seeds the fresh profile with "recalculate on load: always" for OOXML files, so that even a cell
 * that still has a cached value is recomputed (LibreOffice's default is to trust cached values).
 */
async function writeRecalcAlwaysConfig(profile: string): Promise<void> {
  const user = join(profile, "user");
  await mkdir(user, { recursive: true });
  await writeFile(
    join(user, "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
}

/** Sheet names of an .xlsx in workbook order, read from xl/workbook.xml. */
export async function sheetNamesOf(xlsx: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(xlsx);
  const wb = await zip.file("xl/workbook.xml")?.async("string");
  if (wb === undefined) throw new Error("no xl/workbook.xml in the file");
  return [...wb.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => decodeXml(m[1]!));
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#[0-9]+);/g, (_m, e: string) => {
    switch (e) {
      case "lt": return "<";
      case "gt": return ">";
      case "quot": return '"';
      case "apos": return "'";
      case "amp": return "&";
      default: return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

/**
 * Opens `xlsx` in headless LibreOffice (which recalculates the formulas; pass a `stripCachedValues` copy
 * to be sure nothing comes from the cached results) and returns each sheet's displayed grid:
 * sheet name → rows → cell texts. Values are unrounded ("101.602526747846%" for a % format, TRUE/FALSE
 * for booleans, "" for blanks). Rows past the sheet's used range are absent; rows are not padded.
 *
 * @throws when soffice fails or a sheet's CSV file is missing.
 */
export async function recalculate(xlsx: Uint8Array): Promise<Map<string, string[][]>> {
  const names = await sheetNamesOf(xlsx);
  const dir = await mkdtemp(join(tmpdir(), "cp-lo-csv-"));
  try {
    const input = join(dir, "book.xlsx");
    const out = join(dir, "out");
    await mkdir(out);
    await writeFile(input, xlsx);
    await runSoffice(["--convert-to", CSV_FILTER, "--outdir", out, input], dir);
    const files = new Set(await readdir(out));
    const grids = new Map<string, string[][]>();
    for (const name of names) {
      const file = names.length === 1 && files.has("book.csv") ? "book.csv" : `book-${name}.csv`;
      if (!files.has(file)) {
        throw new Error(`LibreOffice wrote no ${file} (sheet "${name}"); files: ${[...files].join(", ") || "none"}`);
      }
      grids.set(name, parseCsv(await readFile(join(out, file), "utf8")));
    }
    return grids;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Prints the workbook to PDF with LibreOffice and copies it to `outPath`. Returns `outPath`. */
export async function exportPdf(xlsx: Uint8Array, outPath: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "cp-lo-pdf-"));
  try {
    const input = join(dir, "book.xlsx");
    await writeFile(input, xlsx);
    await runSoffice(["--convert-to", "pdf", "--outdir", dir, input], dir);
    const pdf = join(dir, "book.pdf");
    const head = await readFile(pdf).catch(() => null);
    if (head === null || head.subarray(0, 5).toString("latin1") !== "%PDF-") {
      throw new Error("LibreOffice wrote no PDF");
    }
    await copyFile(pdf, outPath);
    return outPath;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** content.xml and styles.xml of the ODF spreadsheet LibreOffice saves from an .xlsx. */
export interface OdsXml {
  content: string;
  styles: string;
}

/**
 * The workbook as LibreOffice understood it: it opens the .xlsx and saves it as .ods, and the ODF XML is
 * returned (cell styles with their background colours, conditional formats as
 * `calcext:conditional-format` with their `ConditionalStyle_N` styles, validations, protection).
 * (The flat .fods export leaves the calcext conditional formats out, so the zipped .ods is used.)
 */
export async function exportOds(xlsx: Uint8Array): Promise<OdsXml> {
  const dir = await mkdtemp(join(tmpdir(), "cp-lo-ods-"));
  try {
    const input = join(dir, "book.xlsx");
    await writeFile(input, xlsx);
    await runSoffice(["--convert-to", "ods", "--outdir", dir, input], dir);
    const bytes = await readFile(join(dir, "book.ods")).catch(() => null);
    if (bytes === null) throw new Error("LibreOffice wrote no book.ods");
    const zip = await JSZip.loadAsync(bytes);
    const content = await zip.file("content.xml")?.async("string");
    const styles = await zip.file("styles.xml")?.async("string");
    if (content === undefined || styles === undefined) throw new Error("book.ods lacks content.xml or styles.xml");
    return { content, styles };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * RFC 4180 CSV: "," separated, fields optionally in double quotes with "" for a quote inside, quoted
 * fields may hold commas and line breaks; CRLF or LF line ends; a final line break ends the last row
 * (it does not start an empty one).
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  const n = text.length;
  let atFieldStart = true;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // BOM
  while (i < n) {
    const c = text[i]!;
    if (atFieldStart && c === '"') {
      // quoted field
      i++;
      for (;;) {
        if (i >= n) throw new Error("parseCsv: unterminated quoted field");
        const d = text[i]!;
        if (d === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          field += d;
          i++;
        }
      }
      atFieldStart = false;
      continue;
    }
    if (c === ",") {
      row.push(field);
      field = "";
      atFieldStart = true;
      i++;
    } else if (c === "\r" || c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      atFieldStart = true;
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += c;
      atFieldStart = false;
      i++;
    }
  }
  if (!atFieldStart || field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * A number from a CSV cell as LibreOffice exports it unrounded: "600", "-1.5", "1E-05", "101.602526747846%"
 * (→ 1.01602526747846, the decimal point shifted in the text so no extra rounding error is added).
 * Returns null for anything else: blanks, text, TRUE/FALSE, error texts. Thousands separators are not
 * expected (the export is not "as shown") and make the text a non-number ("1,234" → null).
 */
export function parseSpreadsheetNumber(text: string): number | null {
  const t = text.trim();
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(%?)$/.exec(t);
  if (m === null) return null;
  const body = m[1]!;
  // A % text is divided by 100 by shifting the exponent ("101.6%" → "101.6e-2"), unless it has one already.
  const v = m[2] !== "%" ? Number(body) : /[eE]/.test(body) ? Number(body) / 100 : Number(`${body}e-2`);
  return Number.isFinite(v) ? v : null;
}

/** Excel / LibreOffice error texts that can appear in a cell. */
const ERROR_TEXT = /^(#NAME\?|#VALUE!|#REF!|#DIV\/0!|#N\/A|#NUM!|#NULL!|#SPILL!|#CALC!|#GETTING_DATA|Err:\d{3}|#FMT!)$/;

/** A cell whose text is a spreadsheet error. `row`/`col` are 0-based; `address` is A1-style. */
export interface ErrorCell {
  sheet: string;
  row: number;
  col: number;
  address: string;
  text: string;
}


/** Every cell of `grids` (from `recalculate`) whose text is an Excel/LibreOffice error (#NAME?, Err:502, ...). */
export function findErrorCells(grids: Map<string, string[][]>): ErrorCell[] {
  const found: ErrorCell[] = [];
  for (const [sheet, grid] of grids) {
    grid.forEach((cells, row) =>
      cells.forEach((text, col) => {
        if (ERROR_TEXT.test(text.trim())) found.push({ sheet, row, col, address: `${colLetter(col)}${row + 1}`, text });
      }),
    );
  }
  return found;
}

/** The text of a 0-based cell of a grid ("" outside the exported range). */
export function cellText(grid: string[][] | undefined, row: number, col: number): string {
  return grid?.[row]?.[col] ?? "";
}

/** Copies of the temp directory helpers for tests that keep files (e.g. a PDF to look at). */
export async function makeTempDir(prefix = "cp-test-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/**
 * Opens `xlsx` in LibreOffice and saves it again as .xlsx (LibreOffice's own table parts, shared
 * strings and styles): a workbook as it comes back after a person edited it in LibreOffice.
 */
export async function resaveXlsx(xlsx: Uint8Array): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), "cp-lo-xlsx-"));
  try {
    const input = join(dir, "book.xlsx");
    const out = join(dir, "out");
    await mkdir(out);
    await writeFile(input, xlsx);
    await runSoffice(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, input], dir);
    const bytes = await readFile(join(out, "book.xlsx")).catch(() => null);
    if (bytes === null) throw new Error("LibreOffice wrote no book.xlsx");
    return new Uint8Array(bytes);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
