/**
 * A .docx report through LibreOffice Writer to PDF, and the PDF to text with pdftotext (poppler),
 * for the report tests: what a reader of the printed report sees. Each soffice run gets its own
 * fresh profile (a second soffice on a shared profile exits 0 and writes nothing).
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { findSoffice } from "./libreoffice";

function exec(cmd: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(" ")} failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** The PDF LibreOffice prints of `docx`, and its text (pdftotext, reading order). */
export async function docxToPdfText(docx: Uint8Array): Promise<{ pdf: Uint8Array; text: string; pages: number }> {
  const soffice = findSoffice();
  if (soffice === null) throw new Error("soffice (LibreOffice) is not on PATH");
  const dir = await mkdtemp(join(tmpdir(), "cp-report-pdf-"));
  try {
    const input = join(dir, "report.docx");
    await writeFile(input, docx);
    const profile = join(dir, "profile");
    await exec(soffice, [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, input], dir);
    const pdf = await readFile(join(dir, "report.pdf")).catch(() => null);
    if (pdf === null || pdf.subarray(0, 5).toString("latin1") !== "%PDF-") throw new Error("LibreOffice wrote no PDF (is libreoffice-writer-nogui installed?)");
    const text = await exec("pdftotext", ["-enc", "UTF-8", join(dir, "report.pdf"), "-"], dir);
    const info = await exec("pdfinfo", [join(dir, "report.pdf")], dir);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
    return { pdf: new Uint8Array(pdf), text, pages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Text for comparing: all white space removed (pdftotext breaks lines and LibreOffice spaces CJK
 * next to Latin letters and digits) and the page footers (lines 第 N 页, Page N) taken out, so a
 * sentence that runs over a page break reads as one.
 */
export function normalizeText(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/^\s*(第\s*\d+\s*页|Page\s+\d+)\s*$/.test(line))
    .join("")
    .replace(/\s+/g, "");
}
