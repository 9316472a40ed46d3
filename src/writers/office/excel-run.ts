/**
 * The thin Excel.run adapter: the only place that touches the global `Excel`. Everything else
 * takes an `ExcelRunner` (or a `RequestContext`), so tests pass the recording fake's `run`.
 */

/** Same contract as `Excel.run(batch)`. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** `Excel.run` itself (Office.js must be loaded and the host must be Excel). */
export const excelRun: ExcelRunner = (batch) => Excel.run(batch);
