/**
 * The mathjs instance under Node (CLI, tests, bench), chosen by the `node` condition of the
 * `#mathjs-instance` import map in package.json.
 *
 * Node cannot tree-shake: `import … from "mathjs"` evaluates the library's ~1,000 ES modules
 * (about 1.5 s and 90–110 MB of memory here, more under tsx). mathjs's single-file build loads in
 * about 0.15 s and 12 MB and holds the same factories; its `create(config)` returns a fresh, lazily
 * built instance, so the audit units added in core/units.ts never touch a shared default instance.
 */
import mathjs from "mathjs/lib/browser/math.js";
import type { MathJsInstance } from "mathjs";

/** A fresh instance (numbers as JavaScript numbers); core/units.ts adds the audit units to it. */
export function createMathInstance(): MathJsInstance {
  return mathjs.create({ number: "number" });
}
