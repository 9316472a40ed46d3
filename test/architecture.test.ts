/**
 * Who may import whom (engineering guide §1): the layers stay swappable only while these hold.
 * Static imports are checked per folder; the task pane may load writers/xlsx only through a
 * dynamic import() (the browser download path, kept out of the Excel start-up bundle).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "..");
const src = join(root, "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

interface Import { spec: string; dynamic: boolean }

function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const out: Import[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s(?!type\s)[^;]*?from\s*["']([^"']+)["']/g)) {
    out.push({ spec: m[1]!, dynamic: false }); // type-only imports load nothing at run time
  }
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g)) out.push({ spec: m[1]!, dynamic: false });
  for (const m of text.matchAll(/\bimport\(\s*(?:\/\*[^*]*\*\/\s*)?["']([^"']+)["']\s*\)/g)) {
    out.push({ spec: m[1]!, dynamic: true });
  }
  return out;
}

/** The layer a resolved import lands in: a src folder ("core", "writers/xlsx", ...) or a package name. */
function target(file: string, spec: string): string {
  if (spec.startsWith(".")) {
    const rel = relative(src, resolve(dirname(file), spec)).split("\\").join("/");
    if (rel.startsWith("..")) return "outside-src";
    const [a, b] = rel.split("/");
    return a === "writers" ? `writers/${b}` : a!;
  }
  if (spec.startsWith("node:")) return "node";
  const NODE_BUILTINS = ["fs", "path", "os", "child_process", "url", "crypto", "stream", "buffer", "util", "zlib"];
  const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!;
  return NODE_BUILTINS.includes(pkg) ? "node" : pkg;
}

function layerOf(file: string): string {
  const [a, b] = relative(src, file).split("\\").join("/").split("/");
  return a === "writers" ? `writers/${b}` : a!;
}

/** Forbidden targets per layer (static imports). */
const NEVER: Record<string, string[]> = {
  core: ["worksheets", "writers/xlsx", "writers/office", "functions", "taskpane", "cli", "node", "exceljs", "react", "react-dom", "@fluentui/react-components"],
  worksheets: ["writers/xlsx", "writers/office", "functions", "taskpane", "cli", "node", "exceljs", "react", "@fluentui/react-components"],
  "writers/xlsx": ["writers/office", "functions", "taskpane", "cli", "node", "react", "@fluentui/react-components"],
  "writers/office": ["writers/xlsx", "functions", "taskpane", "cli", "node", "exceljs", "react"],
  functions: ["worksheets", "writers/xlsx", "writers/office", "taskpane", "cli", "node", "exceljs", "react"],
  taskpane: ["cli", "node", "writers/xlsx", "exceljs"],
  cli: ["writers/office", "taskpane", "functions", "react", "@fluentui/react-components"],
  commands: ["writers/xlsx", "cli", "node", "exceljs"],
  // the reader (issue 13): the engine and its sources; the pane imports the engine, the CLI the .xlsx source
  reader: ["writers/office", "functions", "taskpane", "cli", "node", "react", "@fluentui/react-components"],
};

describe("import boundaries (engineering guide §1)", () => {
  const all = files(src);

  it("finds the source tree and reads its imports", () => {
    expect(all.length).toBeGreaterThan(20);
    // the parser sees the CLI's file I/O and the task pane's lazy writer: the rules below can fail
    const cliTargets = all.filter((f) => layerOf(f) === "cli").flatMap((f) => importsOf(f).map((i) => target(f, i.spec)));
    expect(cliTargets).toContain("node");
    expect(cliTargets).toContain("writers/xlsx");
  });

  for (const [layer, never] of Object.entries(NEVER)) {
    it(`${layer} imports none of: ${never.join(", ")}`, () => {
      const offending: string[] = [];
      for (const f of all.filter((x) => layerOf(x) === layer)) {
        for (const imp of importsOf(f)) {
          const t = target(f, imp.spec);
          // the browser download path: writers/xlsx (and so ExcelJS) only through a dynamic import()
          if (layer === "taskpane" && imp.dynamic && (t === "writers/xlsx" || t === "exceljs")) continue;
          if (never.includes(t) || t === "outside-src") offending.push(`${relative(root, f)} → ${imp.spec}`);
        }
      }
      expect(offending).toEqual([]);
    });
  }

  it("ExcelJS is imported only in writers/xlsx and the reader's .xlsx source", () => {
    const users = all.filter((f) => importsOf(f).some((i) => !i.dynamic && target(f, i.spec) === "exceljs"));
    expect(users.map((f) => relative(src, f).split("\\").join("/")).filter((f) => !f.startsWith("writers/xlsx/") && f !== "reader/xlsx-source.ts")).toEqual([]);
    expect(users.length).toBeGreaterThan(0);
  });

  it("mathjs is imported only by core's instance modules, and they only by core/units.ts", () => {
    const rel = (f: string) => relative(src, f).split("\\").join("/");
    const users = all.filter((f) => importsOf(f).some((i) => target(f, i.spec).startsWith("mathjs")));
    expect(users.map(rel).sort()).toEqual(["core/mathjs-instance.node.ts", "core/mathjs-instance.ts"]);
    const instanceUsers = all.filter((f) => importsOf(f).some((i) => i.spec === "#mathjs-instance"));
    expect(instanceUsers.map(rel)).toEqual(["core/units.ts"]);
  });
});
