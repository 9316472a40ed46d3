// manifest.xml is checked offline by scripts/validate-manifest.mjs (xmllint + the Office manifest XSDs in
// schemas/office-manifest, engineering guide §5). These tests run the validator on the real manifest and on
// broken copies that the validator must refuse; then check what the schema cannot: the ExcelApi requirement
// against the Excel API members the code really uses (found with the TypeScript compiler, their sets read from
// @types/office-js's "[Api set: ExcelApi 1.x]"), the table of docs/SIDELOADING.md, and the icons (every size
// of the add-in command guidance, as PNG files of that pixel size, a distinct image for each button).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import ts from "typescript";
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

// ---- ExcelApi requirement ------------------------------------------------------------------------------------

/** "1.10" > "1.9": compare requirement-set versions numerically. */
function cmpVersion(a: string, b: string): number {
  const [am = 0, an = 0] = a.split(".").map(Number);
  const [bm = 0, bn = 0] = b.split(".").map(Number);
  return am - bm || an - bn;
}
const maxVersion = (vs: readonly string[]) => vs.reduce((m, v) => (cmpVersion(v, m) > 0 ? v : m), "1.1");

/**
 * Members reached only through `Worksheet.pageLayout` (print set-up, ExcelApi 1.9): the task pane checks
 * `isSetSupported("ExcelApi", "1.9")` and skips them where it is missing (hostRenderOptions), so they do not
 * count towards the declared minimum.
 */
const RUNTIME_CHECKED = { version: "1.9", classes: ["PageLayout", "HeaderFooterGroup", "HeaderFooter"], members: ["Worksheet.pageLayout"] };

/**
 * Clauses of an "[Api set: ...]" annotation that do not apply to this code: no password is ever passed to
 * protect/unprotect, NamedItem.type is only compared with "Range" (reading an Array-valued name's type is
 * what needs 1.7), and TableRowCollection.add is never given its `alwaysInsert` argument (1.15).
 */
const NOT_APPLICABLE = /\bfor (?:password|Array|adding `alwaysInsert`)/;

interface UsedMember {
  /** "Range.dataValidation" */
  key: string;
  /** the ExcelApi version it needs ("1.8"), or the raw annotation when it names another set */
  version: string;
  otherSet?: string;
  file: string;
}

/** The first "[Api set: ...]" of the JSDoc right before `node` in its declaration file. */
function apiSet(node: ts.Node): string | undefined {
  const sf = node.getSourceFile();
  return /\[Api set: ([^\]]+)\]/.exec(sf.text.slice(node.getFullStart(), node.getStart(sf)))?.[1]?.trim();
}

/** ExcelApi version an annotation asks for ("ExcelApi 1.1 for reading visibility; 1.2 for setting it." → 1.2). */
function versionOf(annotation: string): string | null {
  if (!annotation.startsWith("ExcelApi ")) return null;
  const clauses = annotation.slice("ExcelApi ".length).split(";").filter((c) => !NOT_APPLICABLE.test(c));
  const vs = clauses.map((c) => /^\s*(\d+\.\d+)/.exec(c)?.[1]).filter((v): v is string => v !== undefined);
  return vs.length > 0 ? maxVersion(vs) : null;
}

/** Every member of the `Excel` namespace the non-test code of src/ reads, writes or calls, with its set. */
function excelMembersUsed(): UsedMember[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith(".d.ts")) files.push(p);
    }
  };
  walk(join(root, "src"));
  const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error("tsconfig.json could not be read");
  const program = ts.createProgram(files, config.options);
  const checker = program.getTypeChecker();
  const used = new Map<string, UsedMember>();
  for (const sf of program.getSourceFiles()) {
    if (!files.includes(sf.fileName)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const decl = checker.getSymbolAtLocation(node.name)?.declarations?.[0];
        const owner = decl?.parent;
        if (decl && owner && ts.isClassDeclaration(owner) && owner.name && decl.getSourceFile().fileName.includes("/@types/office-js/")) {
          // only the Excel namespace (Office.* and OfficeExtension.* belong to other sets)
          const ns = owner.parent.parent;
          if (ts.isModuleDeclaration(ns) && ns.name.text === "Excel") {
            const key = `${owner.name.text}.${node.name.text}`;
            if (!used.has(key)) {
              // a member without its own annotation (load, items) or whose clauses do not apply here
              // (unprotect: "1.7 for password") needs what its class needs
              const own = apiSet(decl);
              const ownApplies = own !== undefined && (!own.startsWith("ExcelApi ") || versionOf(own) !== null);
              const annotation = ownApplies ? own : (apiSet(owner) ?? "ExcelApi 1.1");
              const version = versionOf(annotation);
              used.set(key, { key, version: version ?? annotation, ...(version === null ? { otherSet: annotation } : {}), file: relative(root, sf.fileName) });
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return [...used.values()].sort((a, b) => a.key.localeCompare(b.key));
}

const isRuntimeChecked = (key: string) => RUNTIME_CHECKED.members.includes(key) || RUNTIME_CHECKED.classes.includes(key.split(".")[0]!);

/** The members table of docs/SIDELOADING.md "Requirement sets": member → version, runtime-checked or not. */
function documentedMembers(): Map<string, { version: string; runtimeChecked: boolean }> {
  const doc = readFileSync(join(root, "docs", "SIDELOADING.md"), "utf8");
  const section = doc.split(/^## Requirement sets$/m)[1]?.split(/^## /m)[0] ?? "";
  const out = new Map<string, { version: string; runtimeChecked: boolean }>();
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const set = /^ExcelApi (\d+\.\d+)(, checked at run time)?$/.exec(cells[2] ?? "");
    if (!set) continue;
    for (const m of (cells[1] ?? "").matchAll(/`([A-Za-z]+\.[A-Za-z]+)`/g)) out.set(m[1]!, { version: set[1]!, runtimeChecked: set[2] !== undefined });
  }
  return out;
}

describe("ExcelApi requirement set", () => {
  const declared = /<Requirements>\s*<Sets DefaultMinVersion="1\.1">([\s\S]*?)<\/Sets>\s*<\/Requirements>\s*<DefaultSettings>/.exec(manifest)?.[1] ?? "";
  const excelApi = /<Set Name="ExcelApi" MinVersion="(\d+\.\d+)"\/>/.exec(declared)?.[1];
  let members: UsedMember[] | undefined;
  const used = () => (members ??= excelMembersUsed());

  test("is declared in the manifest's top-level <Requirements>, beside SharedRuntime 1.1 and CustomFunctionsRuntime 1.3", () => {
    expect(declared).toMatch(/<Set Name="SharedRuntime" MinVersion="1\.1"\/>/);
    expect(declared).toMatch(/<Set Name="CustomFunctionsRuntime" MinVersion="1\.3"\/>/);
    expect(excelApi).toBe("1.8");
    // once, and nowhere else (no second <Requirements> inside VersionOverrides)
    expect(manifest.match(/<Set Name="ExcelApi"/g)).toHaveLength(1);
  });

  test("its version is the highest the code needs without a run-time check (Range.dataValidation → 1.8)", () => {
    const all = used();
    // the scan found the members it must (a scan that finds nothing would pass anything)
    for (const k of ["Range.dataValidation", "Worksheet.getRangeByIndexes", "Application.calculate", "Worksheet.pageLayout"]) expect(all.map((m) => m.key)).toContain(k);
    expect(all.filter((m) => m.otherSet !== undefined && !isRuntimeChecked(m.key)), "members of a set other than ExcelApi").toEqual([]);
    const needed = all.filter((m) => !isRuntimeChecked(m.key));
    const top = maxVersion(needed.map((m) => m.version));
    expect(excelApi).toBe(top);
    expect(needed.filter((m) => m.version === top).map((m) => m.key)).toContain("Range.dataValidation");
  });

  test("what it leaves out is checked at run time: print set-up needs ExcelApi 1.9 and is skipped without it", () => {
    const actions = readFileSync(join(root, "src", "taskpane", "excel", "actions.ts"), "utf8");
    expect(actions).toMatch(/"ExcelApi",\s*"1\.9"/);
    const checked = used().filter((m) => isRuntimeChecked(m.key));
    expect(checked.map((m) => m.key)).toContain("Worksheet.pageLayout");
    for (const m of checked) expect(cmpVersion(m.version, RUNTIME_CHECKED.version), m.key).toBeLessThanOrEqual(0);
  });

  test("docs/SIDELOADING.md lists every member above ExcelApi 1.1 with the set Microsoft's annotations give", () => {
    const doc = documentedMembers();
    const byKey = new Map(used().map((m) => [m.key, m] as const));
    const missing = [...byKey.values()].filter((m) => cmpVersion(m.version, "1.1") > 0 && !doc.has(m.key)).map((m) => `${m.key} (ExcelApi ${m.version}, ${m.file})`);
    expect(missing, "add these rows to docs/SIDELOADING.md").toEqual([]);
    for (const [key, d] of doc) {
      const m = byKey.get(key);
      expect(m, `${key} is documented but not used by src/`).toBeDefined();
      expect(d.version, key).toBe(m!.version);
      expect(d.runtimeChecked, `${key} run-time check`).toBe(isRuntimeChecked(key));
    }
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
