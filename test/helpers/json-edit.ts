/**
 * Edits of a parsed JSON document by JSON path (`$.options[1].investment`, the form validateCase
 * reports), for tests that build wrong case files on purpose: typed without `any`, and each edit
 * names the path the test then expects in the errors.
 */

type Step = string | number;
type Container = Record<Step, unknown>;

/** `$.economics[0].cashFlows` → ["economics", 0, "cashFlows"]. */
function steps(path: string): Step[] {
  if (!path.startsWith("$")) throw new Error(`not a JSON path: ${path}`);
  const out: Step[] = [];
  const step = /\.([^.[\]]+)|\[(\d+)\]/y;
  step.lastIndex = 1;
  while (step.lastIndex < path.length) {
    const m = step.exec(path);
    if (!m) throw new Error(`not a JSON path: ${path}`);
    out.push(m[1] ?? Number(m[2]));
  }
  return out;
}

function isContainer(x: unknown): x is Container {
  return typeof x === "object" && x !== null;
}

/** The object or list holding the last step of `path`, and that step. */
function parent(doc: unknown, path: string): [Container, Step] {
  const s = steps(path);
  const last = s.pop();
  if (last === undefined) throw new Error(`${path}: the document itself cannot be edited in place`);
  const node = s.reduce<unknown>((n, k) => (isContainer(n) ? n[k] : undefined), doc);
  if (!isContainer(node)) throw new Error(`${path}: no object or list there to edit`);
  return [node, last];
}

/** A deep copy (JSON round trip, as a case file is read). */
export function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/** The value at `path` (undefined when a step is missing). */
export function getAt(doc: unknown, path: string): unknown {
  return steps(path).reduce<unknown>((n, k) => (isContainer(n) ? n[k] : undefined), doc);
}

/** Sets the value at `path`; the object or list holding it must exist. */
export function setAt(doc: unknown, path: string, value: unknown): void {
  const [node, key] = parent(doc, path);
  node[key] = value;
}

/** Removes the field at `path`. */
export function deleteAt(doc: unknown, path: string): void {
  const [node, key] = parent(doc, path);
  delete node[key];
}

/** Appends `value` to the list at `path` and returns its index. */
export function pushAt(doc: unknown, path: string, value: unknown): number {
  const list = getAt(doc, path);
  if (!Array.isArray(list)) throw new Error(`${path}: not a list`);
  return list.push(value) - 1;
}
