// Custom-functions metadata helpers shared by the build (webpack.config.js), the docs generator and the tests.
//
// - localizeMetadata(metadata, dictionary): functions-zh-cn.json from functions.json. Ids, function names and
//   parameter names stay the same (a workbook moves between Chinese and English Excel without #NAME?); only
//   descriptions and argument help are replaced. The dictionary must cover every function and parameter, and
//   nothing else: a missing or stale entry is an error, so the two languages cannot drift apart.
// - renderFunctionsMarkdown(metadata, zhMetadata): docs/FUNCTIONS.md.
// - generateMetadata(): the metadata of src/functions/functions.ts (custom-functions-metadata).
//
// CLI: node scripts/functions-metadata.mjs docs [--check]   writes (or checks) docs/FUNCTIONS.md
//      node scripts/functions-metadata.mjs zh OUT.json        writes the zh-CN metadata
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const functionsSource = join(root, "src", "functions", "functions.ts");
export const zhDictionaryPath = join(root, "src", "functions", "functions.zh-CN.json");

/** Longest description / argument help accepted (Excel's metadata schema limit is 128 for a description). */
export const MAX_DESCRIPTION = 128;

/** Metadata object of src/functions/functions.ts; throws with the generator's messages on JSDoc it cannot map. */
export async function generateMetadata(file = functionsSource) {
  const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
  const result = await generateCustomFunctionsMetadata(file, false);
  if (result.errors.length > 0) throw new Error(`custom-functions-metadata: ${result.errors.join("; ")}`);
  return JSON.parse(result.metadataJson);
}

/**
 * The `@remarks` text of each @customfunction in `file`, by id (shapes, units, errors, spec section: the
 * developer detail that is not shipped in functions.json but belongs in docs/FUNCTIONS.md).
 */
export function readRemarks(file = functionsSource) {
  const ts = require("typescript");
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out = new Map();
  const text = (c) => (typeof c === "string" ? c : Array.isArray(c) ? c.map((x) => x.text ?? "").join("") : "");
  for (const st of source.statements) {
    if (!ts.isFunctionDeclaration(st)) continue;
    const tags = ts.getJSDocTags(st);
    const cf = tags.find((t) => t.tagName.text.toLowerCase() === "customfunction");
    const rm = tags.find((t) => t.tagName.text.toLowerCase() === "remarks");
    if (!cf) continue;
    const id = (text(cf.comment).trim().split(/\s+/)[0] || st.name?.text || "").toUpperCase();
    if (rm) out.set(id, text(rm.comment).replace(/\s*\n\s*/g, " ").trim());
  }
  return out;
}

export function readZhDictionary() {
  return JSON.parse(readFileSync(zhDictionaryPath, "utf8"));
}

/**
 * zh-CN metadata: a deep copy of `metadata` with descriptions replaced from `dictionary`
 * ({ [id]: { description, parameters: { [name]: help } } }). Throws on a missing, empty, too long or extra entry.
 */
export function localizeMetadata(metadata, dictionary) {
  const problems = [];
  const ids = new Set(metadata.functions.map((f) => f.id));
  for (const id of Object.keys(dictionary)) if (!ids.has(id)) problems.push(`dictionary has ${id}, which is not a function`);
  const functions = metadata.functions.map((f) => {
    const entry = dictionary[f.id];
    if (!entry) {
      problems.push(`${f.id}: no zh-CN entry`);
      return f;
    }
    const text = (s, where) => {
      if (typeof s !== "string" || s.trim() === "") problems.push(`${where}: missing zh-CN text`);
      else if (s.length > MAX_DESCRIPTION) problems.push(`${where}: ${s.length} characters (max ${MAX_DESCRIPTION})`);
      return s;
    };
    const names = new Set(f.parameters.map((p) => p.name));
    for (const n of Object.keys(entry.parameters ?? {})) if (!names.has(n)) problems.push(`${f.id}: dictionary has parameter ${n}, which the function does not have`);
    return {
      ...f,
      description: text(entry.description, `${f.id}`),
      parameters: f.parameters.map((p) => ({ ...p, description: text(entry.parameters?.[p.name], `${f.id}.${p.name}`) })),
    };
  });
  if (problems.length > 0) throw new Error(`zh-CN function dictionary (src/functions/functions.zh-CN.json):\n  ${problems.join("\n  ")}`);
  return { ...metadata, functions };
}

function signature(f) {
  const args = f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
  return `CP.${f.name}(${args})`;
}

function argShape(p) {
  return p.dimensionality === "matrix" ? "range (one row or one column)" : "value";
}

function resultShape(r) {
  if (r.dimensionality === "matrix") return "one spilled row";
  return r.type ?? "any";
}

const esc = (s) => String(s ?? "").replace(/\|/g, "\\|");

/** docs/FUNCTIONS.md text (generated; do not edit by hand). */
export function renderFunctionsMarkdown(metadata, zh, remarks = new Map()) {
  const zhById = new Map(zh.functions.map((f) => [f.id, f]));
  const lines = [
    "# CP.* custom functions",
    "",
    "<!-- Generated by `node scripts/functions-metadata.mjs docs` from src/functions/functions.ts and",
    "     src/functions/functions.zh-CN.json. Do not edit by hand; a test checks it is current. -->",
    "",
    "Function names are the same in every Excel language (`=CP.NPV(...)` in Chinese and English Excel alike).",
    "Money in 万元 (or one unit used consistently), rates as decimal fractions (0.12, not 12), years as whole",
    "numbers. A range argument is one row or one column. Errors: `#VALUE!` wrong type, text or TRUE where a",
    "number is expected (the text \"1,2\" is never read as 12), mismatched lengths, a 2-D range; `#NUM!` no IRR,",
    "rate ≤ −1, a negative measured flow; `#DIV/0!` ΣIn = 0, I = 0 for NPVR; `#N/A` payback never reached.",
    "Excel shows the message of `#VALUE!` and `#N/A` errors in the cell's error indicator.",
    "",
    "| function | returns | 说明 |",
    "|---|---|---|",
    ...metadata.functions.map((f) => `| \`${signature(f)}\` | ${esc(f.description)} | ${esc(zhById.get(f.id)?.description)} |`),
    "",
  ];
  for (const f of metadata.functions) {
    const z = zhById.get(f.id);
    lines.push(`## CP.${f.name}`, "", "```", signature(f), "```", "", f.description, "", z?.description ?? "", "");
    lines.push("| argument | kind | help | 说明 |", "|---|---|---|---|");
    for (const [k, p] of f.parameters.entries()) {
      const zp = z?.parameters[k];
      lines.push(`| \`${p.name}\`${p.optional ? " (optional)" : ""} | ${argShape(p)} | ${esc(p.description)} | ${esc(zp?.description)} |`);
    }
    lines.push("", `Result: ${resultShape(f.result)}.`, "");
    if (remarks.get(f.id)) lines.push(remarks.get(f.id), "");
  }
  return lines.join("\n");
}

const html = (s) => String(s ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** help.html (the manifest's SupportUrl and Get Started link): every CP.* function in English and Chinese. */
export function renderHelpHtml(metadata, zh) {
  const zhById = new Map(zh.functions.map((f) => [f.id, f]));
  const rows = metadata.functions
    .map((f) => {
      const z = zhById.get(f.id);
      const args = f.parameters
        .map((p, k) => `<li><code>${html(p.name)}</code>${p.optional ? " (optional)" : ""}: ${html(p.description)}<br>${html(z?.parameters[k]?.description)}</li>`)
        .join("");
      return `<section id="${html(f.id)}"><h2><code>${html(signature(f))}</code></h2><p>${html(f.description)}</p><p lang="zh-CN">${html(z?.description)}</p><ul>${args}</ul></section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>CP Audit for Excel: CP.* functions</title>
<style>body{font-family:"Segoe UI","Microsoft YaHei",sans-serif;max-width:56rem;margin:1rem auto;padding:0 1rem;line-height:1.45}code{font-size:.95em}h2{font-size:1.05rem;margin-top:1.6rem}</style>
</head><body>
<h1>CP Audit for Excel: CP.* functions · 清洁生产审核函数</h1>
<p>Type <code>=CP.</code> in a cell. Rates are decimals (0.12 for 12 %), money in 万元, a range is one row or one column.
Function names are the same in every Excel language.</p>
${rows}
</body></html>
`;
}

async function main(argv) {
  const [cmd, arg] = argv;
  const metadata = await generateMetadata();
  const zh = localizeMetadata(metadata, readZhDictionary());
  if (cmd === "docs") {
    const out = join(root, "docs", "FUNCTIONS.md");
    const text = renderFunctionsMarkdown(metadata, zh, readRemarks());
    if (arg === "--check") {
      let current = "";
      try {
        current = readFileSync(out, "utf8");
      } catch {
        /* missing */
      }
      if (current !== text) {
        console.error("docs/FUNCTIONS.md is out of date: run node scripts/functions-metadata.mjs docs");
        process.exit(1);
      }
      console.log("docs/FUNCTIONS.md is current");
    } else {
      writeFileSync(out, text);
      console.log(`wrote ${out}`);
    }
  } else if (cmd === "zh" && arg) {
    writeFileSync(arg, JSON.stringify(zh, null, 4));
    console.log(`wrote ${arg}`);
  } else {
    console.error("usage: node scripts/functions-metadata.mjs docs [--check] | zh OUT.json");
    process.exit(2);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e.message ?? e);
    process.exit(1);
  });
}
