/**
 * The mathjs instance for bundlers (webpack: the task pane and the custom functions).
 *
 * Built with `create()` from the few factories that unit parsing, conversion and number formatting
 * need, so webpack keeps only those (about 67 KB gzip instead of about 180 KB for the full library).
 * Node (CLI, tests, bench) loads `mathjs-instance.node.ts` instead, through the `#mathjs-instance`
 * import map in package.json. Only core/units.ts imports this module.
 */
import { create, createUnitDependencies, formatDependencies, UnitDependencies } from "mathjs";
import type { MathJsInstance } from "mathjs";

/** A fresh instance (numbers as JavaScript numbers); core/units.ts adds the audit units to it. */
export function createMathInstance(): MathJsInstance {
  // mathjs's .d.ts types each *Dependencies export as possibly undefined; they are defined at runtime.
  return create(
    { UnitDependencies: UnitDependencies!, createUnitDependencies: createUnitDependencies!, formatDependencies: formatDependencies! },
    { number: "number" },
  );
}
