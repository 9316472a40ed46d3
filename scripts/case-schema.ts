// Writes schemas/case.schema.json, the JSON Schema of the case file for editors, from the one
// description of the case shape in src/worksheets/case-schema.ts (zod).
//
// npm run schema               writes the file
// npm run schema -- --check    exits 1 when the committed file differs from the generated one
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { caseJsonSchemaText } from "../src/worksheets/case-schema";

const path = join(resolve(dirname(fileURLToPath(import.meta.url)), ".."), "schemas", "case.schema.json");
const text = caseJsonSchemaText();
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(path, "utf8");
  } catch {
    // missing: differs
  }
  if (current !== text) {
    console.error(`${path} is not the schema of src/worksheets/case-schema.ts: run npm run schema`);
    process.exit(1);
  }
  console.log(`${path} is up to date`);
} else {
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
