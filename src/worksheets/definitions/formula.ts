/** Small formula builders shared by the table definitions. */

/** `IF(c1,v1,IF(c2,v2,…,last))` from a list of (condition, value) steps: the first true condition wins (a 检查 column's chain). */
export function chain(steps: readonly (readonly [string, string])[], last: string): string {
  let f = last;
  for (let i = steps.length - 1; i >= 0; i--) f = `IF(${steps[i]![0]},${steps[i]![1]},${f})`;
  return f;
}
