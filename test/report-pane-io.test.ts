/**
 * What the pane's 生成审核报告 runs (src/taskpane/report.ts, excel/document-file.ts): the open
 * workbook's bytes from Office's getFileAsync (slices joined in order, the file always closed),
 * the report of a workbook's bytes (read back; a problem → ReportInputError naming sheet and
 * cell, no report), and the report of the settings' workbook outside Excel.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import JSZip from "jszip";
import { describe, expect, it, vi } from "vitest";
import { readDocumentFile, type OfficeFileHost } from "../src/taskpane/excel/document-file";
import { ReportInputError, reportOfSettings, reportOfWorkbook } from "../src/taskpane/report";
import { DEFAULT_SETTINGS } from "../src/taskpane/settings";
import { validateCase } from "../src/worksheets/case";
import { buildWorkbook } from "../src/worksheets/workbook";
import { writeXlsx } from "../src/writers/xlsx";
import { setCells } from "./helpers/workbook-edit";

const ROOT = resolve(import.meta.dirname, "..");

/** A fake Office whose document file is `slices`; `failAt` makes that slice fail. */
function fakeOffice(slices: number[][], failAt?: number) {
  const closeAsync = vi.fn();
  const office: OfficeFileHost = {
    FileType: { Compressed: "compressed" },
    context: {
      document: {
        getFileAsync: (type, opts, cb) => {
          expect(type).toBe("compressed");
          expect(opts.sliceSize).toBeLessThanOrEqual(4 * 1024 * 1024);
          cb({
            status: "succeeded",
            value: {
              sliceCount: slices.length,
              size: slices.flat().length,
              getSliceAsync: (i, done) =>
                setTimeout(() => done(i === failAt ? { status: "failed", value: { data: [] }, error: { message: "slice lost" } } : { status: "succeeded", value: { data: slices[i]! } }), 0),
              closeAsync,
            },
          });
        },
      },
    },
  };
  return { office, closeAsync };
}

/** The visible text of a .docx body. */
async function docxText(bytes: Uint8Array): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
}

describe("the open workbook's file", () => {
  it("joins the slices in order and closes the file", async () => {
    const { office, closeAsync } = fakeOffice([[1, 2, 3], [4, 5], [6]]);
    expect([...(await readDocumentFile(office))]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(closeAsync).toHaveBeenCalledTimes(1);
  });

  it("a failed slice rejects with Office's message, and the file is closed", async () => {
    const { office, closeAsync } = fakeOffice([[1], [2]], 1);
    await expect(readDocumentFile(office)).rejects.toThrow("slice lost");
    expect(closeAsync).toHaveBeenCalledTimes(1);
  });

  it("Office refusing the file rejects with its message", async () => {
    const office: OfficeFileHost = {
      FileType: { Compressed: "compressed" },
      context: { document: { getFileAsync: (_t, _o, cb) => cb({ status: "failed", value: undefined as never, error: { message: "busy" } }) } },
    };
    await expect(readDocumentFile(office)).rejects.toThrow("busy");
  });
});

describe("the report the pane builds", () => {
  const demo = () => {
    const v = validateCase(JSON.parse(readFileSync(join(ROOT, "cases/power-plant-workshop.json"), "utf8")));
    if (!v.ok) throw new Error("invalid demo case");
    return v.value;
  };

  it("of a workbook's bytes (the blank template, en-US): the chapters", async () => {
    const bytes = await writeXlsx(buildWorkbook(null, { lang: "en-US" }));
    const text = await docxText(await reportOfWorkbook(bytes));
    for (const h of ["Cleaner Production Audit Report", "Preface", "1 Audit preparation", "7 Continuous cleaner production", "Conclusions"]) expect(text).toContain(h);
  }, 60_000);

  it("of a workbook the reader cannot follow: ReportInputError with the sheet and cell", async () => {
    const bytes = await setCells(await writeXlsx(buildWorkbook(demo(), { lang: "zh-CN" })), "参数", { C6: "twelve" });
    const err = await reportOfWorkbook(bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReportInputError);
    expect((err as ReportInputError).problems.some((p) => p.startsWith("'参数'!C6:") && p.includes("twelve"))).toBe(true);
  }, 60_000);

  it("of the settings outside Excel: the enterprise on the cover, the 2001 terms when asked", async () => {
    const settings = { ...DEFAULT_SETTINGS, header: { ...DEFAULT_SETTINGS.header, enterprise: "某化工厂" } };
    const text = await docxText(await reportOfSettings(settings, "zh-CN", "2001"));
    expect(text).toContain("某化工厂");
    expect(text).toContain("清洁生产审计报告");
    expect(text).toContain("第一章 筹划和组织");
  }, 60_000);
});
