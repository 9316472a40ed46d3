/**
 * The `cp-audit` command line (engineering guide §1 "cli"): reads and validates a case file and
 * writes the workbook with writers/xlsx. All file I/O of the product's build path happens here.
 *
 *   cp-audit build CASE.json --out FILE.xlsx [--lang zh-CN|en-US] [--terminology 2001|2016]
 *   cp-audit template --out FILE.xlsx [--lang zh-CN|en-US]
 *   cp-audit read WORKBOOK.xlsx --out CASE.json
 *   cp-audit report WORKBOOK.xlsx|CASE.json --out REPORT.docx [--lang zh-CN|en-US] [--terminology 2001|2016]
 *   cp-audit demo [--out FILE.xlsx] [--lang zh-CN|en-US]
 *   cp-audit options [--industry NAME] [--lang zh-CN|en-US]
 *   cp-audit --help
 *
 * Exit codes: 0 success (warnings, if any, on stderr as `warning: $.path: ...`); 1 the case is
 * invalid, a file cannot be read/written, --out names the case file itself, or an unexpected
 * internal error (one line per problem on stderr, JSON path first; never a stack trace; nothing
 * is written), or `read` met what it cannot read (one line per problem: sheet and cell first); 2 usage error (unknown command or flag, missing or repeated argument, build or
 * template without --out, an empty --out=).
 */
import { mkdir, readFile, realpath, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { AuditCase } from "../worksheets/case";
import type { Lang } from "../worksheets/model";
import type { Terminology } from "../worksheets/terminology";

// The heavy modules (core with mathjs, ExcelJS) are loaded only by the commands that need them,
// so --help and usage errors answer at once.
const loadCaseModule = () => import("../worksheets/case");

export const USAGE = `Usage:
  cp-audit build CASE.json --out FILE.xlsx [--lang zh-CN|en-US] [--protect] [--terminology 2001|2016]
                                                                  build the audit workbook of a case
  cp-audit template --out FILE.xlsx [--lang zh-CN|en-US] [--protect] [--terminology 2001|2016]
                                                                  write the blank worksheet set
  cp-audit read WORKBOOK.xlsx --out CASE.json                     read a workbook built by cp-audit (and
                                                                  edited: values changed, rows added or
                                                                  deleted, sheets renamed or removed) back
                                                                  into a case file, by table name and
                                                                  column header
  cp-audit report WORKBOOK.xlsx --out REPORT.docx [--lang zh-CN|en-US] [--terminology 2001|2016]
                                                                  write the audit report (.docx): the
                                                                  workbook read back as in read, its
                                                                  tables and key figures recalculated;
                                                                  a CASE.json is accepted as well;
                                                                  default language and terms: the
                                                                  workbook's
  cp-audit demo [--out FILE.xlsx] [--lang zh-CN|en-US]            build the bundled power-plant case
                                                                  (default out/power-plant-workshop.xlsx)
  cp-audit options [--industry NAME] [--lang zh-CN|en-US]         list the option library's typical options
                                                                  of an industry (zh-CN name, English name
                                                                  or code, e.g. 啤酒); without --industry,
                                                                  the industries
  cp-audit --help                                                 show this help

Options:
  --out FILE    where to write the output (folders are created): the .xlsx of build, template
                and demo, the CASE.json of read, the REPORT.docx of report; required by all but
                demo, never the input file itself
  --lang LANG   zh-CN (default: Chinese sheet names and labels) or en-US
  --protect     protect every sheet for a final hand-over (only input cells editable, no
                password); protected tables no longer grow, so rows cannot be added
  --terminology 2001|2016
                terms of the sheet titles and work-plan stages (spec §8.2): 2001 the
                handbook's (审计; 筹划和组织, 预评估, 评估 …), 2016 the current Measures' (审核;
                审核准备, 预审核, 审核 …); default the case's meta.terminology, else 2016

Exit codes: 0 done (warnings on stderr); 1 invalid case, file error, a workbook that cannot be
read back (each problem with its sheet and cell) or internal error (nothing written); 2 usage error.`;

/** Output streams (injectable for tests). */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
}

class UsageError extends Error {}

interface Parsed {
  command: "build" | "template" | "demo" | "options" | "read" | "report" | "help";
  workbookPath?: string;
  industry?: string;
  casePath?: string;
  out?: string;
  lang: Lang;
  protect?: boolean;
  terminology?: Terminology;
  /** report: the --lang given (default the workbook's) */
  explicitLang?: Lang;
}

function parseArgs(argv: readonly string[]): Parsed {
  let command: Parsed["command"] | undefined;
  const positional: string[] = [];
  let out: string | undefined;
  let lang: Lang | undefined;
  let protect = false;
  let terminology: Terminology | undefined;
  let industry: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const takeValue = (flag: string): string => {
      const eq = a.indexOf("=");
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      if (v.trim() === "") throw new UsageError(`${flag} needs a value (got an empty one)`);
      return v;
    };
    if (a === "--help" || a === "-h") return { command: "help", lang: "zh-CN" };
    if (a === "--out" || a.startsWith("--out=")) {
      if (out !== undefined) throw new UsageError("--out is given twice");
      out = takeValue("--out");
    } else if (a === "--lang" || a.startsWith("--lang=")) {
      if (lang !== undefined) throw new UsageError("--lang is given twice");
      const v = takeValue("--lang");
      if (v !== "zh-CN" && v !== "en-US") throw new UsageError(`--lang must be zh-CN or en-US, got "${v}"`);
      lang = v;
    } else if (a === "--terminology" || a.startsWith("--terminology=")) {
      if (terminology !== undefined) throw new UsageError("--terminology is given twice");
      const v = takeValue("--terminology");
      if (v !== "2001" && v !== "2016") throw new UsageError(`--terminology must be 2001 or 2016, got "${v}"`);
      terminology = v;
    } else if (a === "--industry" || a.startsWith("--industry=")) {
      if (industry !== undefined) throw new UsageError("--industry is given twice");
      industry = takeValue("--industry");
    } else if (a === "--protect") {
      if (protect) throw new UsageError("--protect is given twice");
      protect = true;
    } else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
    else if (command === undefined) {
      if (a === "build" || a === "template" || a === "demo" || a === "options" || a === "read" || a === "report" || a === "help") command = a;
      else throw new UsageError(`unknown command "${a}"`);
    } else positional.push(a);
  }
  if (command === undefined) throw new UsageError("no command given");
  if ((command === "build" || command === "template") && out === undefined) throw new UsageError(`${command} needs --out FILE.xlsx`);
  if (command === "read") {
    if (out === undefined) throw new UsageError("read needs --out CASE.json");
    if (positional.length !== 1) throw new UsageError("read needs exactly one WORKBOOK.xlsx");
    if (lang !== undefined || protect || terminology !== undefined || industry !== undefined) throw new UsageError("read takes only WORKBOOK.xlsx and --out (the language and terms are the workbook's)");
    return { command, workbookPath: positional[0]!, out, lang: "zh-CN" };
  }
  if (command === "report") {
    if (out === undefined) throw new UsageError("report needs --out REPORT.docx");
    if (positional.length !== 1) throw new UsageError("report needs exactly one WORKBOOK.xlsx (or CASE.json)");
    if (protect || industry !== undefined) throw new UsageError("report takes WORKBOOK.xlsx, --out, --lang and --terminology only");
    return { command, workbookPath: positional[0]!, out, lang: lang ?? "zh-CN", ...(lang ? { explicitLang: lang } : {}), ...(terminology ? { terminology } : {}) };
  }
  if (command === "build") {
    if (positional.length !== 1) throw new UsageError("build needs exactly one CASE.json");
    return { command, casePath: positional[0]!, out, lang: lang ?? "zh-CN", protect, ...(terminology ? { terminology } : {}) };
  }
  if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
  if (industry !== undefined && command !== "options") throw new UsageError("--industry is an option of the options command");
  if (command === "options") return industry === undefined ? { command, lang: lang ?? "zh-CN" } : { command, industry, lang: lang ?? "zh-CN" };
  return { command, out, lang: lang ?? "zh-CN", protect, ...(terminology ? { terminology } : {}) };
}

/** The canonical path of `p` (symbolic links resolved) where it exists, else `p`. */
async function canonical(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    return p;
  }
}

/** The bundled cases folder (…/cases beside src/). */
function casesDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "cases");
}

/** Reads and validates a case file; problems are printed and undefined returned. */
async function loadCase(path: string, io: Io): Promise<AuditCase | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    io.err(`${path}: cannot read the case file (${(e as Error).message})`);
    return undefined;
  }
  // a UTF-8 byte-order mark (written by Notepad and other Windows editors) is not part of the JSON
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    io.err(`$: ${path} is not valid JSON (${(e as Error).message})`);
    return undefined;
  }
  const { validateCase, formatIssue } = await loadCaseModule();
  const v = validateCase(json);
  if (!v.ok) {
    for (const issue of v.errors) io.err(formatIssue(issue));
    return undefined;
  }
  for (const w of v.warnings) io.err(`warning: ${formatIssue(w)}`);
  return v.value;
}

/**
 * Writes `bytes` to `path` atomically: a temporary file beside it, then a rename, so a failure
 * never leaves a partial file.
 */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

async function emit(auditCase: AuditCase | null, lang: Lang, outPath: string, io: Io, protect = false, terminology?: Terminology): Promise<boolean> {
  const [{ buildWorkbook }, { writeXlsx }] = await Promise.all([import("../worksheets/workbook"), import("../writers/xlsx")]);
  const book = buildWorkbook(auditCase, { lang, protect, ...(terminology ? { terminology } : {}) });
  const bytes = await writeXlsx(book);
  try {
    await writeAtomically(outPath, bytes);
  } catch (e) {
    io.err(`${outPath}: cannot write the workbook (${(e as Error).message})`);
    return false;
  }
  return true;
}

/**
 * Runs the command line. Returns the exit code (0, 1 or 2); never calls process.exit.
 * @param argv the arguments after `cp-audit`
 */
export async function main(argv: readonly string[], io: Io = { out: (s) => console.log(s), err: (s) => console.error(s), cwd: process.cwd() }): Promise<number> {
  let args: Parsed;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`cp-audit: ${e.message}`);
      io.err(USAGE);
      return 2;
    }
    throw e;
  }
  try {
    return await run(args, io);
  } catch (e) {
    // never a stack trace: one line, exit 1; emit() writes atomically, so nothing was written
    const message = e instanceof Error ? e.message : String(e);
    io.err(`internal error: ${message.split("\n")[0]}`);
    return 1;
  }
}

/** Says that the sheets were protected for a hand-over (tables can no longer grow). */
function protectedNote(args: Parsed): string {
  if (!args.protect) return "";
  return args.lang === "zh-CN"
    ? "（各表已保护，无密码；只有黄色输入单元格可编辑，表格不能再增加行）"
    : " (sheets protected without a password: only the yellow input cells can be edited, tables can no longer grow)";
}

async function run(args: Parsed, io: Io): Promise<number> {
  const zh = args.lang === "zh-CN";
  switch (args.command) {
    case "help":
      io.out(USAGE);
      return 0;
    case "build": {
      const casePath = resolve(io.cwd, args.casePath!);
      const outPath = resolve(io.cwd, args.out!);
      if ((await canonical(outPath)) === (await canonical(casePath))) {
        io.err(`${outPath}: --out names the case file itself; refusing to overwrite it with the workbook (choose another FILE.xlsx)`);
        return 1;
      }
      const c = await loadCase(casePath, io);
      if (!c) return 1;
      if (!(await emit(c, args.lang, outPath, io, args.protect, args.terminology))) return 1;
      io.out(zh ? `已写入 ${outPath}${protectedNote(args)}` : `Wrote ${outPath}${protectedNote(args)}`);
      return 0;
    }
    case "template": {
      const outPath = resolve(io.cwd, args.out!);
      if (!(await emit(null, args.lang, outPath, io, args.protect, args.terminology))) return 1;
      io.out(zh ? `已写入空白工作表 ${outPath}${protectedNote(args)}` : `Wrote the blank worksheets ${outPath}${protectedNote(args)}`);
      return 0;
    }
    case "read":
      return readWorkbook(resolve(io.cwd, args.workbookPath!), resolve(io.cwd, args.out!), io);
    case "report":
      return writeReport(args, io);
    case "options": {
      const { optionsListing } = await import("./options");
      const r = optionsListing(args.industry, args.lang);
      for (const line of r.lines) (r.ok ? io.out : io.err)(line);
      return r.ok ? 0 : 1;
    }
    case "demo": {
      const casePath = join(casesDir(), "power-plant-workshop.json");
      const c = await loadCase(casePath, io);
      if (!c) return 1;
      const outPath = resolve(io.cwd, args.out ?? join("out", "power-plant-workshop.xlsx"));
      if (!(await emit(c, args.lang, outPath, io, args.protect, args.terminology))) return 1;
      io.out(zh ? `已写入 ${outPath}` : `Wrote ${outPath}`);
      const { summarizeCase } = await import("./summary");
      for (const line of summarizeCase(c, args.lang)) io.out(line);
      return 0;
    }
  }
}

/**
 * `cp-audit read`: the workbook back into a case file (issue 13). Problems (sheet and cell each)
 * and a case that does not validate exit 1 and write nothing; warnings (sheets not read back) go
 * to stderr. The case is written as JSON, two-space indented, with a final newline.
 */
async function readWorkbook(workbookPath: string, outPath: string, io: Io): Promise<number> {
  if ((await canonical(outPath)) === (await canonical(workbookPath))) {
    io.err(`${outPath}: --out names the workbook itself; refusing to overwrite it with the case file (choose another CASE.json)`);
    return 1;
  }
  const r = await readWorkbookCase(workbookPath, io);
  if (!r.ok) {
    if (r.stage === "read") io.err(r.lang === "zh-CN" ? "未写入案例文件（上述问题须先在工作簿中改正）" : "No case file written (correct the workbook first)");
    if (r.stage === "invalid") io.err(r.lang === "zh-CN" ? "读出的案例无效，未写入" : "The case read is not valid; nothing written");
    return 1;
  }
  try {
    await writeAtomically(outPath, new TextEncoder().encode(`${JSON.stringify(r.caseFile, null, 2)}\n`));
  } catch (e) {
    io.err(`${outPath}: cannot write the case file (${(e as Error).message})`);
    return 1;
  }
  io.out(r.lang === "zh-CN" ? `已写入 ${outPath}` : `Wrote ${outPath}`);
  return 0;
}

/**
 * `cp-audit report`: the audit report (.docx) of a workbook (read back as `read` does: problems
 * with sheet and cell, exit 1, nothing written) or of a case file. The report's tables and
 * figures are recalculated from the case read (src/report), never taken from the workbook's
 * cached values. Language and terms: --lang / --terminology, else the workbook's (a case file:
 * zh-CN and its meta.terminology).
 */
async function writeReport(args: Parsed, io: Io): Promise<number> {
  const inPath = resolve(io.cwd, args.workbookPath!);
  const outPath = resolve(io.cwd, args.out!);
  if ((await canonical(outPath)) === (await canonical(inPath))) {
    io.err(`${outPath}: --out names the input itself; refusing to overwrite it with the report (choose another REPORT.docx)`);
    return 1;
  }
  let auditCase: AuditCase | undefined;
  // the messages' language: --lang, else the workbook's (known once its sheets are read); a case
  // file or a file that cannot be opened has none, so its failure line is given in both languages
  let lang: Lang | undefined = args.explicitLang;
  if (/\.json$/i.test(inPath)) auditCase = await loadCase(inPath, io);
  else {
    const read = await readWorkbookCase(inPath, io);
    if (read.ok) auditCase = read.auditCase;
    if (read.ok || read.stage !== "file") lang ??= read.lang;
  }
  if (!auditCase) {
    const zhLine = "未写入审核报告（上述问题须先改正）";
    const enLine = "No report written (correct the problems above first)";
    io.err(lang === undefined ? `${zhLine} / ${enLine}` : lang === "zh-CN" ? zhLine : enLine);
    return 1;
  }
  lang ??= "zh-CN";
  const zh = lang === "zh-CN";
  const { buildReport } = await import("../report/index");
  const bytes = await buildReport(auditCase, { lang, ...(args.terminology ? { terminology: args.terminology } : {}) });
  try {
    await writeAtomically(outPath, bytes);
  } catch (e) {
    io.err(`${outPath}: cannot write the report (${(e as Error).message})`);
    return 1;
  }
  io.out(zh ? `已写入审核报告 ${outPath}` : `Wrote the audit report ${outPath}`);
  return 0;
}

/** What {@link readWorkbookCase} gives: the case read and validated, or the stage that failed (its problems printed). */
type WorkbookCase =
  | { ok: true; caseFile: unknown; auditCase: AuditCase; lang: Lang }
  | { ok: false; stage: "file" | "read" | "invalid"; lang: Lang };

/**
 * The case of a workbook, read back by table name and header and validated; warnings and problems
 * (sheet and cell each, or the case's JSON paths) are printed.
 */
async function readWorkbookCase(workbookPath: string, io: Io): Promise<WorkbookCase> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(workbookPath);
  } catch (e) {
    io.err(`${workbookPath}: cannot read the workbook (${(e as Error).message})`);
    return { ok: false, stage: "file", lang: "zh-CN" };
  }
  const [{ xlsxSource }, { readCase }, { validateCase, formatIssue }] = await Promise.all([import("../reader/xlsx-source"), import("../reader/read-case"), loadCaseModule()]);
  let source;
  try {
    source = await xlsxSource(bytes);
  } catch (e) {
    io.err(`${workbookPath}: ${(e as Error).message.split("\n")[0]}`);
    return { ok: false, stage: "file", lang: "zh-CN" };
  }
  const r = readCase(source, { fallbackTitle: basename(workbookPath).replace(/\.xlsx$/i, "") });
  for (const w of r.warnings) io.err(`warning: ${w.where}: ${w.message}`);
  if (!r.ok) {
    for (const p of r.problems) io.err(`${p.where}: ${p.message}`);
    return { ok: false, stage: "read", lang: r.lang };
  }
  const v = validateCase(r.caseFile);
  if (!v.ok) {
    for (const issue of v.errors) io.err(formatIssue(issue));
    return { ok: false, stage: "invalid", lang: r.lang };
  }
  for (const w of v.warnings) io.err(`warning: ${formatIssue(w)}`);
  return { ok: true, caseFile: r.caseFile, auditCase: v.value, lang: r.lang };
}
