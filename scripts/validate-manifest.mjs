#!/usr/bin/env node
// Offline validation of the add-in manifest (engineering guide §5): `office-addin-manifest validate` needs an
// online service, so the XML is checked with xmllint against the Office manifest XSDs, then a few rules the
// XSDs cannot express are checked here.
//
// Usage: node scripts/validate-manifest.mjs [manifest.xml ...]
//   default: manifest.xml, plus dist/manifest.xml when a build exists.
// Schemas: the project's copy in schemas/office-manifest (so a clean clone validates), and also
// ../shared/schemas/office-manifest beside the clone when it exists (the reference copy); both must pass.
// Exit code 0 = valid; 1 = invalid or xmllint missing.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const schemaDirs = [join(root, "schemas", "office-manifest"), resolve(root, "..", "shared", "schemas", "office-manifest")]
  .filter((d) => existsSync(join(d, "OfficeAppManifestV1_1.xsd")));

const args = process.argv.slice(2);
const files = args.length > 0 ? args.map((f) => resolve(f)) : [join(root, "manifest.xml"), join(root, "dist", "manifest.xml")].filter((f, i) => i === 0 || existsSync(f));

let failures = 0;
const fail = (file, msg) => {
  failures++;
  console.error(`✗ ${relative(process.cwd(), file) || file}: ${msg}`);
};

function xmllint(file, schemaDir) {
  try {
    execFileSync("xmllint", ["--noout", "--schema", join(schemaDir, "OfficeAppManifestV1_1.xsd"), file], {
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
    return null;
  } catch (e) {
    if (e.code === "ENOENT") return "xmllint not found (apt-get install -y libxml2-utils)";
    const out = `${e.stdout ?? ""}${e.stderr ?? ""}`
      .split("\n")
      .filter((l) => l.trim() && !/Skipping import of schema/.test(l) && !/fails to validate$/.test(l))
      .join("\n");
    return out || `xmllint exited with ${e.status}`;
  }
}

/** Rules the schema cannot express. Regex-level checks on the (already schema-valid) text. */
function projectRules(file, xml) {
  const problems = [];
  const need = (re, what) => {
    if (!re.test(xml)) problems.push(what);
  };
  need(/<Permissions>ReadWriteDocument<\/Permissions>/, "permission must be ReadWriteDocument (and nothing more)");
  need(/<Set\s+Name="SharedRuntime"\s+MinVersion="1\.1"\s*\/>/, "requirement set SharedRuntime 1.1 missing");
  need(/<Set\s+Name="CustomFunctionsRuntime"\s+MinVersion="1\.3"\s*\/>/, "requirement set CustomFunctionsRuntime 1.3 missing");
  need(/<Runtime\s+resid="Taskpane\.Url"\s+lifetime="long"\s*\/>/, 'shared runtime <Runtime resid="Taskpane.Url" lifetime="long"/> missing');
  need(/<Page>\s*<SourceLocation\s+resid="Taskpane\.Url"\s*\/>\s*<\/Page>/, "custom functions <Page> must be the task-pane page (shared runtime)");
  need(/<FunctionFile\s+resid="Taskpane\.Url"\s*\/>/, "ribbon <FunctionFile> must be the task-pane page (shared runtime)");
  need(/<bt:String\s+id="Functions\.Namespace"\s+DefaultValue="CP"\s*\/>/, "custom functions namespace must be CP");
  need(/<bt:Override\s+Locale="zh-CN"\s+Value="[^"]*\/functions-zh-cn\.json"\s*\/>/, "zh-CN metadata override (functions-zh-cn.json) missing");
  need(/<DisplayName[^>]*>\s*<Override\s+Locale="zh-CN"/, "zh-CN display name missing");

  // Every resid used must be defined once in Resources.
  const defined = new Map();
  for (const m of xml.matchAll(/<bt:(?:Image|Url|String)\s+id="([^"]+)"/g)) defined.set(m[1], (defined.get(m[1]) ?? 0) + 1);
  for (const [id, n] of defined) if (n > 1) problems.push(`resource id ${id} defined ${n} times`);
  for (const m of xml.matchAll(/resid="([^"]+)"/g)) if (!defined.has(m[1])) problems.push(`resid ${m[1]} is not defined in <Resources>`);

  // One origin for every URL (the build rewrites it as a whole); HTTPS unless it is loopback.
  const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]+)"|<AppDomain>([^<]+)<\/AppDomain>/g)].map((m) => m[1] ?? m[2]);
  const origins = new Set(urls.map((u) => new URL(u).origin));
  if (origins.size !== 1) problems.push(`URLs use more than one origin: ${[...origins].join(", ")}`);
  for (const o of origins) {
    const u = new URL(o);
    if (u.protocol !== "https:" && !["localhost", "127.0.0.1", "[::1]"].includes(u.hostname)) problems.push(`${o} is not HTTPS`);
  }
  return problems;
}

if (schemaDirs.length === 0) {
  console.error("✗ no schema directory found (schemas/office-manifest or ../shared/schemas/office-manifest)");
  process.exit(1);
}

for (const file of files) {
  const before = failures;
  if (!existsSync(file)) {
    fail(file, "file not found");
    continue;
  }
  for (const dir of schemaDirs) {
    const err = xmllint(file, dir);
    if (err) fail(file, `schema ${relative(root, dir)}:\n${err}`);
  }
  for (const p of projectRules(file, readFileSync(file, "utf8"))) fail(file, p);
  if (failures === before) console.log(`✓ ${relative(process.cwd(), file) || file} is valid (${schemaDirs.map((d) => relative(root, d)).join(", ")})`);
}
process.exit(failures === 0 ? 0 : 1);
