/**
 * The PRODUCTION build of the task pane in a plain browser (Debian's chromium through
 * playwright-core), outside Office:
 *
 * 1. `npm run build -- --output-path <temp dir>` (webpack --mode production, the same config as
 *    dist/, written elsewhere so a concurrent build of dist/ is not disturbed);
 * 2. a tiny static server on 127.0.0.1 serves it; every other request is refused. office.js from
 *    Microsoft's CDN is unreachable here: the first page load aborts it (the pane must cope with its
 *    absence), a second load is given a stub that behaves like office.js outside Office
 *    (Office.onReady → { host: null });
 * 3. the pane says it is outside Excel; the language is switched zh-CN → en-US; the workbook of
 *    phase 5 (feasibility analysis) is downloaded; LibreOffice recalculates it with every cached
 *    value removed (test/helpers/libreoffice.ts) and no cell is an error; the header lookups show
 *    the enterprise typed into the pane (cross-sheet formulas evaluate);
 * 4. screenshots of the pane: test-artifacts/taskpane.png (and taskpane-zh.png).
 *
 * Under CI (CI set, not "0"/"false") a missing chromium or soffice fails the test; locally it is
 * skipped with a notice on stderr.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWorkbook } from "../../src/worksheets/workbook";
import { caseFromSettings, DEFAULT_SETTINGS } from "../../src/taskpane/settings";
import { CHROMIUM, requireChromium, serve } from "../helpers/browser";
import { findErrorCells, recalculate, requireSoffice, stripCachedValues } from "../helpers/libreoffice";

const ROOT = resolve(import.meta.dirname, "../..");
const ARTIFACTS = join(ROOT, "test-artifacts");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";


const ready = requireChromium() && requireSoffice();



function run(cmd: string, args: string[], cwd: string, timeout: number): Promise<string> {
  return new Promise((res, rej) =>
    execFile(cmd, args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env } }, (err, stdout, stderr) =>
      err ? rej(new Error(`${cmd} ${args.join(" ")} failed: ${err.message}\n${stderr}\n${stdout}`)) : res(stdout),
    ),
  );
}

/** Office.js as it behaves in a plain browser: onReady resolves with no host. */
const OFFICE_STUB = `window.Office = {
  onReady: function (cb) { var info = { host: null, platform: null }; if (cb) cb(info); return Promise.resolve(info); },
  context: {},
  HostType: { Excel: "Excel" }
};`;

describe.skipIf(!ready)("production build of the task pane outside Office (playwright + LibreOffice)", () => {
  let out = "";
  let profile = "";
  let server: Server | undefined;
  let origin = "";
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), "cp-e2e-dist-"));
    profile = await mkdtemp(join(tmpdir(), "cp-e2e-profile-"));
    await run("npm", ["run", "build", "--", "--output-path", out], ROOT, 600_000);
    expect(existsSync(join(out, "taskpane.html"))).toBe(true);
    ({ server, origin } = await serve(out));
    await mkdir(ARTIFACTS, { recursive: true });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      locale: "zh-CN",
      viewport: { width: 380, height: 900 },
      acceptDownloads: true,
    });
  }, 900_000);

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    if (out) await rm(out, { recursive: true, force: true });
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  /** A page where only our server answers; office.js is aborted or stubbed. */
  async function open(officeJs: "absent" | "stub"): Promise<{ page: Page; errors: string[]; offsite: string[] }> {
    const page = await context!.newPage();
    const errors: string[] = [];
    const offsite: string[] = [];
    page.on("pageerror", (e) => errors.push(`${e.message}\n${e.stack ?? ""}`));
    await page.route("**/*", async (route) => {
      const url = route.request().url();
      if (url.startsWith(origin)) return route.continue();
      if (url === OFFICE_JS && officeJs === "stub") {
        return route.fulfill({ status: 200, contentType: "text/javascript", body: OFFICE_STUB });
      }
      offsite.push(url);
      return route.abort();
    });
    await page.goto(`${origin}/taskpane.html`);
    return { page, errors, offsite };
  }

  it("without office.js: says so, switches language, downloads phase 5, LibreOffice finds no error cell", async () => {
    const { page, errors, offsite } = await open("absent");
    // Chinese first (the browser's language, as Office's display language would be inside Excel)
    await page.getByText("未在 Excel 中运行").waitFor();
    expect(await page.getByRole("heading", { name: "清洁生产审核 CP Audit" }).count()).toBe(1);
    expect(await page.locator("html").getAttribute("data-host")).toBe("browser");
    await page.getByRole("button", { name: /第二阶段 · 预审核/ }).click();
    await page.screenshot({ path: join(ARTIFACTS, "taskpane-zh.png"), fullPage: true });

    // switch to English
    await page.getByLabel("语言").selectOption("en-US");
    await page.getByText("Not running inside Excel").waitFor();
    expect(await page.getByRole("tab", { name: "Quick calculator" }).count()).toBe(1);

    // header and a parameter, then the workbook of phase 5
    await page.getByRole("tab", { name: "Audit & parameters" }).click();
    await page.getByLabel("Enterprise").fill("Plant B");
    await page.getByLabel("Discount rate i (%)").fill("12");
    await page.getByRole("tab", { name: "Worksheets" }).click();
    await page.getByRole("button", { name: /Phase 5 · Option determination/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download workbook (.xlsx) of Option determination" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("cp-audit-phase-5.xlsx");
    const file = join(out, "downloaded.xlsx");
    await download.saveAs(file);
    await page.getByText(/Saved cp-audit-phase-5\.xlsx/).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "taskpane.png"), fullPage: true });

    const bytes = new Uint8Array(await readFile(file));
    const settings = {
      header: { ...DEFAULT_SETTINGS.header, enterprise: "Plant B" },
      parameters: { ...DEFAULT_SETTINGS.parameters, discountRate: 0.12 },
    };
    const model = buildWorkbook(caseFromSettings(settings), { lang: "en-US", keys: ["WS5-3", "WS5-4"] });
    const grids = await recalculate(await stripCachedValues(bytes));
    expect([...grids.keys()]).toEqual(model.sheets.map((s) => s.name));
    expect(findErrorCells(grids)).toEqual([]);
    // The header lookup of every visible sheet (B2 = IF('Parameters'!$B$2="","",'Parameters'!$B$2))
    // was evaluated by LibreOffice from the formula: the enterprise typed into the pane.
    for (const s of model.sheets.filter((x) => !x.hidden)) {
      expect(grids.get(s.name)?.[1]?.[1], s.name).toBe("Plant B");
    }
    // the ExcelJS chunk came from our server, nothing else was fetched but the (refused) office.js
    expect(offsite).toEqual([OFFICE_JS]);
    expect(errors.filter((e) => /taskpane|xlsx-writer/.test(e))).toEqual([]);
    await page.close();
  }, 600_000);

  it("with office.js outside Office (onReady gives no host): the same browser mode", async () => {
    const { page, errors, offsite } = await open("stub");
    await page.getByText("未在 Excel 中运行").waitFor();
    expect(await page.locator("html").getAttribute("data-host")).toBe("browser");
    expect(offsite).toEqual([]);
    expect(errors.filter((e) => /taskpane/.test(e))).toEqual([]);
    await page.close();
  }, 120_000);
});
