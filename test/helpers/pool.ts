/**
 * Runs `tasks` with at most `limit` at a time and returns their results in the order of `tasks`.
 * For LibreOffice runs: soffice is CPU-bound, and each run has its own profile.
 */
export async function pool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out = new Array<T>(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const k = next++;
        out[k] = await tasks[k]!();
      }
    }),
  );
  return out;
}
