/**
 * The open workbook as .xlsx bytes, through Office's Document.getFileAsync (FileType.Compressed,
 * read slice by slice, then closed): what the pane's 生成审核报告 reads back inside Excel, the same
 * bytes `cp-audit report` reads from a saved file. Excel keeps one such file open per document, so
 * the file is always closed, also after a failure.
 */

/** The part of Office.js this uses (Office.context.document and the Compressed file type). */
export interface OfficeFileHost {
  context: {
    document: {
      getFileAsync(fileType: string, options: { sliceSize: number }, callback: (r: AsyncResult<OfficeFile>) => void): void;
    };
  };
  FileType: { Compressed: string };
}

interface AsyncResult<T> {
  status: string;
  value: T;
  error?: { message: string };
}

interface OfficeFile {
  sliceCount: number;
  size: number;
  getSliceAsync(index: number, callback: (r: AsyncResult<{ data: ArrayLike<number> | ArrayBuffer }>) => void): void;
  closeAsync(callback?: () => void): void;
}

/** Slices of 4 MB (Office's maximum). */
const SLICE_SIZE = 4 * 1024 * 1024;

/**
 * The bytes of the open workbook.
 * @throws when Office cannot give the file (its message)
 */
export function readDocumentFile(office: OfficeFileHost = (globalThis as unknown as { Office: OfficeFileHost }).Office): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    office.context.document.getFileAsync(office.FileType.Compressed, { sliceSize: SLICE_SIZE }, (r) => {
      if (r.status !== "succeeded") {
        reject(new Error(r.error?.message ?? "Office could not give the workbook's file"));
        return;
      }
      const file = r.value;
      const parts: Uint8Array[] = [];
      const finish = (err?: Error) => {
        file.closeAsync();
        if (err) reject(err);
        else {
          const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
          let at = 0;
          for (const p of parts) {
            out.set(p, at);
            at += p.length;
          }
          resolve(out);
        }
      };
      const next = (i: number) => {
        if (i >= file.sliceCount) {
          finish();
          return;
        }
        file.getSliceAsync(i, (s) => {
          if (s.status !== "succeeded") {
            finish(new Error(s.error?.message ?? `Office could not give slice ${i} of the workbook's file`));
            return;
          }
          const d = s.value.data;
          parts.push(d instanceof ArrayBuffer ? new Uint8Array(d) : Uint8Array.from(d));
          next(i + 1);
        });
      };
      next(0);
    });
  });
}
