// The production build (webpack.config.js, what `npm run build` runs) into a temporary folder: functions.json
// lists every CP.* id with its associate call in functions.js, functions-zh-cn.json carries the same ids and
// names, taskpane.html loads the three entries, dist/manifest.xml is valid and carries ADDIN_BASE_URL's origin,
// and the JavaScript the page loads at start-up stays within issue 9's budget of 200 KB gzip (the official React
// template's production build is about 168 KB), with mathjs, the insert path and the tabs not shown first in lazy
// chunks.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import webpack from "webpack";
import { beforeAll, describe, expect, test } from "vitest";
// @ts-expect-error: the webpack config is plain ESM JavaScript without type declarations
import makeConfig from "../../webpack.config.js";

const root = new URL("../../", import.meta.url).pathname;
const golden = JSON.parse(readFileSync(join(root, "test/golden/functions.json"), "utf8")) as { functions: { id: string; name: string }[] };
const ids = golden.functions.map((f) => f.id);
const ORIGIN = "https://cp-audit.example.org:8443";
let out = "";
/** Per chunk of the build: its files, whether the page loads it at start-up, the modules in it (concatenated ones opened). */
let chunks: { names: string[]; files: string[]; initial: boolean; modules: string[] }[] = [];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "cp-build-"));
  const saved = process.env.ADDIN_BASE_URL;
  process.env.ADDIN_BASE_URL = ORIGIN;
  let config: webpack.Configuration;
  try {
    config = (makeConfig as (env: unknown, argv: { mode: string }) => webpack.Configuration)({}, { mode: "production" });
  } finally {
    if (saved === undefined) delete process.env.ADDIN_BASE_URL;
    else process.env.ADDIN_BASE_URL = saved;
  }
  config.output = { ...config.output, path: out };
  config.devtool = false;
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (err, s) => (err || !s ? reject(err ?? new Error("no stats")) : resolve(s))),
  );
  const errors = stats.toJson({ all: false, errors: true }).errors ?? [];
  expect(errors.map((e) => e.message)).toEqual([]);
  const { compilation } = stats;
  // a concatenated module (scope hoisting) lists the modules it joined
  const inner = (m: webpack.Module): webpack.Module[] => [m, ...((m as { modules?: webpack.Module[] }).modules ?? []).flatMap(inner)];
  chunks = [...compilation.chunks].map((c) => ({
    names: c.name ? [c.name] : [],
    files: [...c.files],
    initial: c.canBeInitial(),
    modules: compilation.chunkGraph
      .getChunkModules(c)
      .flatMap(inner)
      .map((m) => (m.nameForCondition() ?? m.identifier()).split("\\").join("/")),
  }));
}, 400_000);

const read = (f: string) => readFileSync(join(out, f), "utf8");

describe("npm run build", () => {
  test("functions.json lists every id; functions.js associates each one", () => {
    const meta = JSON.parse(read("functions.json")) as { functions: { id: string }[] };
    expect(meta.functions.map((f) => f.id)).toEqual(ids);
    const js = read("functions.js");
    for (const id of ids) expect(js, `associate ${id}`).toMatch(new RegExp(`associate\\("${id}",`));
  });

  test("functions-zh-cn.json: same ids and names, Chinese descriptions", () => {
    const zh = JSON.parse(read("functions-zh-cn.json")) as { functions: { id: string; name: string; description: string }[] };
    expect(zh.functions.map((f) => [f.id, f.name])).toEqual(golden.functions.map((f) => [f.id, f.name]));
    for (const f of zh.functions) expect(f.description, f.id).toMatch(/[\u4e00-\u9fff]/);
  });

  test("taskpane.html loads office.js from the CDN and the functions, taskpane and commands entries", () => {
    const html = read("taskpane.html");
    expect(html).toMatch(/<script[^>]*src=["']?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/);
    for (const entry of ["runtime.js", "functions.js", "taskpane.js", "commands.js"]) expect(html, entry).toContain(entry);
    expect(existsSync(join(out, "help.html"))).toBe(true);
    for (const size of [16, 32, 64, 80]) expect(existsSync(join(out, `assets/icon-${size}.png`)), `icon-${size}`).toBe(true);
  });

  test("dist/manifest.xml carries ADDIN_BASE_URL's origin everywhere and validates", () => {
    const xml = read("manifest.xml");
    expect(xml).not.toContain("https://localhost:3000");
    expect(xml).toContain(`<bt:Url id="Functions.Metadata.Url" DefaultValue="${ORIGIN}/functions.json">`);
    expect(xml).toContain(`<bt:Override Locale="zh-CN" Value="${ORIGIN}/functions-zh-cn.json"/>`);
    const r = execFileSync("node", [join(root, "scripts/validate-manifest.mjs"), join(out, "manifest.xml")], { encoding: "utf8" });
    expect(r).toMatch(/is valid/);
  });

  const startupScripts = () =>
    [...read("taskpane.html").matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/gi)].map((m) => m[1]!).filter((s) => !/^(https?:)?\/\//.test(s));

  test("start-up JavaScript of taskpane.html is at most 200 KB gzip (lazy chunks excluded)", () => {
    const gz = startupScripts().reduce((sum, f) => sum + gzipSync(readFileSync(join(out, f)), { level: 9 }).length, 0);
    expect(gz).toBeGreaterThan(0);
    expect(gz, `start-up gzip ${(gz / 1024).toFixed(1)} KB`).toBeLessThanOrEqual(200 * 1024);
  });

  test("mathjs (CP.CONVERT's unit table), the insert path and the tabs not shown first are lazy chunks, not start-up", () => {
    const scripts = new Set(startupScripts());
    const startup = chunks.filter((c) => c.files.some((f) => scripts.has(f)));
    // the page's scripts are exactly the initial chunks
    expect(startup.length).toBe(chunks.filter((c) => c.initial).length);
    const atStartup = startup.flatMap((c) => c.modules);
    expect(atStartup.some((m) => m.includes("src/functions/functions.ts"))).toBe(true); // the stats are read
    const lazyOnly = [
      /node_modules\/mathjs\//,
      /src\/core\/units\.ts/,
      /src\/taskpane\/excel\/insert\.ts/,
      /src\/worksheets\/workbook\.ts/,
      /src\/taskpane\/components\/(SettingsForm|QuickCalculator)\.tsx/,
      /node_modules\/@fluentui\/react-input\//,
      /node_modules\/exceljs\//,
      // the option library (issue 11): its ~77 KB of data, the pane's picker, the register writer
      /src\/data\/option-library\.json/,
      /src\/taskpane\/components\/OptionLibrary\.tsx/,
      /src\/writers\/office\/append-options\.ts/,
      // the audit report (issue 13): docx, the report modules and the reader, loaded on 生成审核报告
      /node_modules\/docx\//,
      /src\/report\//,
      /src\/reader\//,
    ];
    for (const re of lazyOnly) {
      expect(atStartup.filter((m) => re.test(m)), String(re)).toEqual([]);
      expect(chunks.some((c) => !c.initial && c.modules.some((m) => re.test(m))), `${String(re)} in a lazy chunk`).toBe(true);
    }
  });
});
