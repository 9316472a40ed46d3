/**
 * The shape of one standard worksheet definition (src/worksheets/definitions/*.worksheet.ts).
 *
 * A definition owns its labels (zh-CN as the standard writes them, en-US beside them), the
 * geometry of its table, the native Excel formula of each computed column with core's value as
 * the cached result, its validations, formats and conditional formats. `build` is pure: the same
 * context gives the same SheetModel.
 */
import type { L } from "./i18n";
import type { BuildContext, BuiltKey } from "./layout";
import type { NamedRangeModel, SheetModel } from "./model";
import type { SheetReadBack } from "./read-back";
import type { TableDef } from "./table";

export interface WorksheetDefinition {
  /** Stable key ("WS2-11"); also the catalogue key. */
  key: BuiltKey;
  /** Wanted sheet name (made legal and unique by legalSheetName). */
  sheetName: L;
  /** Title in the sheet's first row (spec §1.3 title). */
  title: L;
  /** Keys whose sheets this one's formulas reference (always built with it). */
  dependsOn: readonly BuiltKey[];
  /** Lays out the sheet. */
  build(ctx: BuildContext): SheetModel;
  /** Workbook-scoped names defined on this sheet (the parameters sheet's CP_* names). */
  names?(ctx: BuildContext): NamedRangeModel[];
  /** The sheet's table definitions (table worksheets): the reader reads them back by table name. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each table has its own row and key types
  tables?(ctx: BuildContext): readonly TableDef<any, any>[];
  /** What the reader takes from the sheet besides its tables (src/worksheets/read-back.ts). */
  readBack?: SheetReadBack;
}
