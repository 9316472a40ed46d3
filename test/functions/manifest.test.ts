// manifest.xml is checked offline by scripts/validate-manifest.mjs (xmllint + the Office manifest XSDs in
// schemas/office-manifest, engineering guide §5). These tests run the validator on the real manifest and on
// broken copies that the validator must refuse; then check what the schema cannot: the icons (every size of
// the add-in command guidance, as PNG files of that pixel size, a distinct image for each button).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

const root = new URL("../../", import.meta.url).pathname;
const manifest = readFileSync(join(root, "manifest.xml"), "utf8");

function validate(xml: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "cp-manifest-"));
  const file = join(dir, "manifest.xml");
  writeFileSync(file, xml);
  try {
    const out = execFileSync("node", [join(root, "scripts", "validate-manifest.mjs"), file], { encoding: "utf8", stdio: "pipe" });
    return { ok: true, output: out };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { ok: false, output: `${err.stdout ?? ""}${err.stderr ?? ""}` };
  }
}

describe("manifest.xml", () => {
  test("validates against the XSDs and the project rules", () => {
    const r = validate(manifest);
    expect(r.output).toMatch(/is valid/);
    expect(r.ok).toBe(true);
  });

  test("declares one shared runtime for task pane, ribbon and functions, namespace CP, the two requirement sets", () => {
    expect(manifest).toContain('<Runtime resid="Taskpane.Url" lifetime="long"/>');
    expect(manifest).toMatch(/<Set Name="SharedRuntime" MinVersion="1\.1"\/>/);
    expect(manifest).toMatch(/<Set Name="CustomFunctionsRuntime" MinVersion="1\.3"\/>/);
    expect(manifest).toContain('<bt:String id="Functions.Namespace" DefaultValue="CP"/>');
    expect(manifest).toContain("<Permissions>ReadWriteDocument</Permissions>");
    expect(manifest).toMatch(/<bt:Url id="Functions\.Metadata\.Url" DefaultValue="https:\/\/localhost:3000\/functions\.json">\s*<bt:Override Locale="zh-CN" Value="https:\/\/localhost:3000\/functions-zh-cn\.json"\/>/);
  });

  test.each([
    ["a bare <Override> inside <bt:Url> (stops the add-in from loading)", (x: string) => x.replace('<bt:Override Locale="zh-CN" Value="https://localhost:3000/functions-zh-cn.json"/>', '<Override Locale="zh-CN" Value="https://localhost:3000/functions-zh-cn.json"/>'), /Override/],
    ["elements out of order", (x: string) => x.replace("<Permissions>ReadWriteDocument</Permissions>", "").replace("<DefaultSettings>", "<Permissions>ReadWriteDocument</Permissions><DefaultSettings>"), /not expected|Permissions/],
    ["more permission than needed", (x: string) => x.replace("ReadWriteDocument", "ReadWriteMailbox"), /Permissions|not an element of the set|not valid/],
    ["no shared runtime", (x: string) => x.replace(/<Runtimes>[\s\S]*?<\/Runtimes>/, ""), /shared runtime/],
    ["an undefined resid", (x: string) => x.replace('resid="Icon.16x16"', 'resid="Icon.17x17"'), /Icon\.17x17 is not defined/],
    ["a second origin", (x: string) => x.replace("https://localhost:3000/help.html\"/>\n  <AppDomains>", "https://example.com/help.html\"/>\n  <AppDomains>"), /more than one origin/],
  ])("refuses %s", (_label, breakIt, re) => {
    const broken = breakIt(manifest);
    expect(broken).not.toBe(manifest);
    const r = validate(broken);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(re);
  });
});

// ---- icons ---------------------------------------------------------------------------------------------------

/** Icon sizes of the add-in command guidance (px): 16, 32, 80 required by the Icon element, 20 by the Monoline guidelines. */
const ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${file} is a PNG`).toBe(true);
  expect(b.toString("ascii", 12, 16), `${file} starts with IHDR`).toBe("IHDR");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** assets/ file of a manifest URL (https://localhost:3000/assets/x.png → <root>/assets/x.png). */
function assetOf(url: string): string {
  const path = new URL(url).pathname;
  expect(path, url).toMatch(/^\/assets\/[\w.-]+\.png$/);
  return join(root, path);
}

const images = new Map([...manifest.matchAll(/<bt:Image id="([^"]+)" DefaultValue="([^"]+)"\/>/g)].map((m) => [m[1]!, m[2]!] as const));

/** size → resid of one <Icon> (the group's or a control's). */
function iconOf(xml: string): Map<number, string> {
  return new Map([...xml.matchAll(/<bt:Image size="(\d+)" resid="([^"]+)"\/>/g)].map((m) => [Number(m[1]), m[2]!] as const));
}
const controlIcon = (id: string) => iconOf(new RegExp(`<Control xsi:type="Button" id="${id.replace(/\./g, "\\.")}">[\\s\\S]*?<Icon>([\\s\\S]*?)</Icon>`).exec(manifest)?.[1] ?? "");
const groupIcon = iconOf(/<Group id="CPAudit\.Group">\s*<Label[^>]*\/>\s*<Icon>([\s\S]*?)<\/Icon>/.exec(manifest)?.[1] ?? "");
const taskpaneIcon = controlIcon("CPAudit.TaskpaneButton");
const recalcIcon = controlIcon("CPAudit.RecalculateButton");

describe("icons", () => {
  test.each([
    ["the group", groupIcon],
    ["the task-pane button", taskpaneIcon],
    ["the recalculate button", recalcIcon],
  ])("%s has every size of the guidance, each a PNG of that many pixels", (_label, icon) => {
    expect([...icon.keys()]).toEqual(ICON_SIZES);
    for (const [size, resid] of icon) {
      const url = images.get(resid);
      expect(url, `resid ${resid}`).toBeDefined();
      expect(pngSize(assetOf(url!)), `${resid} → ${url}`).toEqual({ width: size, height: size });
    }
  });

  test("the two buttons have different images at every size", () => {
    for (const size of ICON_SIZES) {
      const a = images.get(taskpaneIcon.get(size)!)!;
      const b = images.get(recalcIcon.get(size)!)!;
      expect(a, `${size} px`).not.toBe(b);
      expect(readFileSync(assetOf(a)).equals(readFileSync(assetOf(b))), `${size} px files`).toBe(false);
    }
  });

  test("IconUrl is 32 × 32 and HighResolutionIconUrl 64 × 64 (task pane add-in)", () => {
    const icon = /<IconUrl DefaultValue="([^"]+)"\/>/.exec(manifest)?.[1];
    const high = /<HighResolutionIconUrl DefaultValue="([^"]+)"\/>/.exec(manifest)?.[1];
    expect(pngSize(assetOf(icon!))).toEqual({ width: 32, height: 32 });
    expect(pngSize(assetOf(high!))).toEqual({ width: 64, height: 64 });
  });

  test("every image resource is used, and the build copies them (assets/*.png)", () => {
    const resids = new Set([...manifest.matchAll(/<bt:Image size="\d+" resid="([^"]+)"\/>/g)].map((m) => m[1]!));
    expect([...images.keys()].filter((id) => !resids.has(id))).toEqual([]);
    expect(readFileSync(join(root, "webpack.config.js"), "utf8")).toContain('{ from: "assets/*.png", to: "assets/[name][ext]" }');
  });

  test("scripts/make-icons.mjs writes exactly the committed assets", () => {
    const out = mkdtempSync(join(tmpdir(), "cp-icons-"));
    execFileSync("node", [join(root, "scripts", "make-icons.mjs"), out], { stdio: "pipe" });
    const written = readdirSync(out).sort();
    for (const size of ICON_SIZES) expect(written).toEqual(expect.arrayContaining([`icon-${size}.png`, `recalc-${size}.png`]));
    for (const f of written) expect(readFileSync(join(out, f)).equals(readFileSync(join(root, "assets", f))), f).toBe(true);
  });
});
