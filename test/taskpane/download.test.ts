/**
 * The download path outside Excel builds the .xlsx in the browser from the same model with the same
 * writers/xlsx: read back with ExcelJS, every sheet matches the model through the shared checker.
 */
import { describe, expect, it } from "vitest";
import { buildXlsxBytes } from "../../src/taskpane/browser/actions";
import { DEFAULT_SETTINGS, caseFromSettings } from "../../src/taskpane/settings";
import { buildWorkbook } from "../../src/worksheets/workbook";
import { checkSheetAgainstModel, exceljsReader, readXlsx } from "../helpers/model-check";

describe("buildXlsxBytes", () => {
  it.each(["zh-CN", "en-US"] as const)("phase 2 workbook (%s) holds the model, cell by cell", async (lang) => {
    const settings = { ...DEFAULT_SETTINGS, header: { ...DEFAULT_SETTINGS.header, enterprise: "某电厂" } };
    const bytes = await buildXlsxBytes({ keys: ["WS2-6", "WS2-11"], lang, settings });
    expect(bytes[0]).toBe(0x50); // "PK": a zip
    const wb = await readXlsx(bytes);
    const model = buildWorkbook(caseFromSettings(settings), { lang, keys: ["WS2-6", "WS2-11"] });
    expect(wb.worksheets.map((w) => w.name)).toEqual(model.sheets.map((s) => s.name));
    for (const s of model.sheets) {
      const ws = wb.getWorksheet(s.name)!;
      expect(checkSheetAgainstModel(s, exceljsReader(ws)).map((m) => m.message)).toEqual([]);
    }
  });
});
