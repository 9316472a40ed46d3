/**
 * Whole-sheet and whole-table edits a person makes in Excel, at the file level, for the reader's
 * tests (issue 13): rename a sheet, delete a sheet, delete a table (its cells stay, as Excel's
 * "Convert to Range" leaves them), rename a table column (as typing over its header does). Cell and
 * row edits are in workbook-edit.ts.
 */
import JSZip from "jszip";
import { findTable } from "./workbook-edit";

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A sheet name as a reference quotes it in defined names. */
function quoted(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

async function workbookParts(zip: JSZip): Promise<{ wb: string; rels: string }> {
  return { wb: await zip.file("xl/workbook.xml")!.async("string"), rels: await zip.file("xl/_rels/workbook.xml.rels")!.async("string") };
}

/** The `<sheet>` element of a sheet and its part path. */
function sheetEntry(wb: string, rels: string, name: string): { tag: string; rid: string; path: string } {
  const tag = [...wb.matchAll(/<sheet\b[^>]*\/>/g)].map((m) => m[0]).find((t) => t.includes(`name="${escapeXml(name)}"`));
  if (!tag) throw new Error(`no sheet "${name}"`);
  const rid = /r:id="([^"]+)"/.exec(tag)![1]!;
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((r) => r.includes(`Id="${rid}"`))!;
  const target = /Target="([^"]+)"/.exec(rel)![1]!;
  return { tag, rid, path: target.startsWith("/") ? target.slice(1) : `xl/${target}` };
}

/** Renames a sheet (its tab and the defined names that point to it, as Excel does). */
export async function renameSheet(xlsx: Uint8Array, from: string, to: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const { wb, rels } = await workbookParts(zip);
  const e = sheetEntry(wb, rels, from);
  const next = wb
    .replace(e.tag, e.tag.replace(`name="${escapeXml(from)}"`, `name="${escapeXml(to)}"`))
    .replace(/(<definedName\b[^>]*>)([^<]*)(<\/definedName>)/g, (_m, a: string, body: string, b: string) => a + body.split(escapeXml(quoted(from))).join(escapeXml(quoted(to))) + b);
  zip.file("xl/workbook.xml", next);
  return zip.generateAsync({ type: "uint8array" });
}

/** Deletes a sheet: its tab, its part and the defined names on it (the tables on it go with it). */
export async function deleteSheet(xlsx: Uint8Array, name: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const { wb, rels } = await workbookParts(zip);
  const e = sheetEntry(wb, rels, name);
  const next = wb.replace(e.tag, "").replace(/<definedName\b[^>]*>[^<]*<\/definedName>/g, (d) => (d.includes(escapeXml(quoted(name))) ? "" : d));
  zip.file("xl/workbook.xml", next);
  zip.file("xl/_rels/workbook.xml.rels", rels.replace(new RegExp(`<Relationship\\b[^>]*Id="${e.rid}"[^>]*/>`), ""));
  zip.remove(e.path);
  return zip.generateAsync({ type: "uint8array" });
}

/** The table part of table `name` with its sheet's relationships part and the relationship id naming it. */
async function tablePart(zip: JSZip, name: string): Promise<{ path: string; xml: string; sheetPath: string; relsPath: string; rid: string }> {
  const t = await findTable(zip, name);
  const relsPath = t.sheetPath.replace("worksheets/", "worksheets/_rels/") + ".rels";
  const rels = await zip.file(relsPath)!.async("string");
  const file = t.path.split("/").pop()!;
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((r) => r.includes(`/${file}"`))!;
  return { path: t.path, xml: t.xml, sheetPath: t.sheetPath, relsPath, rid: /Id="([^"]+)"/.exec(rel)![1]! };
}

/** Deletes a table (Excel's "Convert to Range": the cells stay, the table and its name are gone). */
export async function deleteTable(xlsx: Uint8Array, name: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const t = await tablePart(zip, name);
  const rels = await zip.file(t.relsPath)!.async("string");
  zip.file(t.relsPath, rels.replace(new RegExp(`<Relationship\\b[^>]*Id="${t.rid}"[^>]*/>`), ""));
  const sheet = await zip.file(t.sheetPath)!.async("string");
  const parts = [...sheet.matchAll(/<tablePart\b[^>]*\/>/g)].map((m) => m[0]).filter((p) => !p.includes(`"${t.rid}"`));
  zip.file(t.sheetPath, sheet.replace(/<tableParts\b[^>]*>[\s\S]*?<\/tableParts>/, parts.length === 0 ? "" : `<tableParts count="${parts.length}">${parts.join("")}</tableParts>`));
  zip.remove(t.path);
  return zip.generateAsync({ type: "uint8array" });
}

/** Renames a column of a table in its table part (as Excel does when the header cell is typed over). */
export async function renameTableColumn(xlsx: Uint8Array, table: string, from: string, to: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const t = await tablePart(zip, table);
  const tag = `name="${escapeXml(from)}"`;
  if (!t.xml.includes(tag)) throw new Error(`table ${table} has no column "${from}"`);
  zip.file(t.path, t.xml.replace(tag, `name="${escapeXml(to)}"`));
  return zip.generateAsync({ type: "uint8array" });
}
