// manifest.xml is checked offline by scripts/validate-manifest.mjs (xmllint + the Office manifest XSDs in
// schemas/office-manifest, engineering guide §5). These tests run the validator on the real manifest and on
// broken copies that the validator must refuse.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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
