// Types of mathjs's single-file build (used under Node only, see mathjs-instance.node.ts).
declare module "mathjs/lib/browser/math.js" {
  import type { MathJsInstance } from "mathjs";
  /** The default instance; its `create(config)` is bound to all factories. */
  const mathjs: { create(config?: Record<string, unknown>): MathJsInstance };
  export default mathjs;
}
