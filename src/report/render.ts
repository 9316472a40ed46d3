/**
 * The report outline as a Word document with the `docx` library, in the format the provincial
 * standard prescribes (../shared/docs/energy-carbon-report.md T5): body 仿宋 小四 (12 pt), line
 * spacing at least 24 pt; first-level headings 黑体 三号 (16 pt) bold; lower headings 仿宋 四号
 * (14 pt) bold; table text and captions 五号 (10.5 pt); A4; page numbers in the footer.
 * Wide tables sit on landscape A4 pages (their own sections); placeholders are highlighted.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  HighlightColor,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from "docx";
import type { Block, ReportOutline } from "./outline";
import { CELL_PADDING, type ReportTable } from "./sheet-tables";

/** Font sizes in half-points (Word's unit): 小四 12 pt, 四号 14 pt, 三号 16 pt, 五号 10.5 pt. */
export const SIZES = { body: 24, heading1: 32, heading2: 28, table: 21 } as const;
/** Line spacing of the body: at least 24 pt = 480 twips. */
export const LINE_AT_LEAST = 480;
/** A4 in twips (portrait width × height). */
export const A4 = { width: 11906, height: 16838 } as const;
/** Page margins, twips (2.54 cm). */
const MARGIN = 1440;
/** Font names (East Asian; Latin text in Times New Roman). */
export const FONTS = { body: "仿宋", heading1: "黑体", latin: "Times New Roman" } as const;

const font = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, cs: FONTS.latin, eastAsia });

/** Paragraph style ids of the document. */
const STYLE = { table: "TableText", caption: "TableCaption", placeholder: "Placeholder", cover: "CoverTitle" } as const;

/** A placeholder inside a text (outline.ts `placeholder`): 【待填写：…】 or [To be written: …]. */
const PLACEHOLDER = /(【待填写：[^】]*】|\[To be written: [^\]]*\])/;

/** Runs of a text: "\n" breaks the line; placeholders inside it are highlighted. */
function runs(text: string, opts: { bold?: boolean; highlight?: boolean } = {}): TextRun[] {
  return text.split("\n").flatMap((line, i) =>
    line
      .split(PLACEHOLDER)
      .filter((part, k) => part !== "" || k === 0)
      .map(
        (part, k) =>
          new TextRun({
            text: part,
            ...(i > 0 && k === 0 ? { break: 1 } : {}),
            ...(opts.bold ? { bold: true } : {}),
            ...(opts.highlight || PLACEHOLDER.test(part) ? { highlight: HighlightColor.YELLOW } : {}),
          }),
      ),
  );
}

/** A number as the sheets show them (12.00, -3, 33.73%, 2024-03-01): printed right-aligned. */
const NUMBER = /^[-+]?\d[\d,]*(\.\d+)?%?$|^\d{4}-\d{2}-\d{2}$/;
/** Shading of header cells (light grey). */
const HEADER_FILL = "F2F2F2";

/** Twips of one character of table text (display width 1: half a CJK character of 五号 10.5 pt). */
export const CHAR_TWIPS = (SIZES.table / 2) * 10;
/** Word's default cell margins, left and right (108 twips each), and a little slack. */
export const CELL_MARGINS_TWIPS = 230;
/** A date as the sheets show it (2024-03-01): never broken over lines. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Column widths of a table in twips: the widths the entries need, spread over the line when they
 * are shorter, scaled down when longer — except the date columns (every entry a date), which keep
 * the width a date needs so that it stays on one line (when the line has room for them).
 */
export function columnTwips(t: ReportTable, textWidth: number): number[] {
  const need = t.widths.map((w) => w + CELL_PADDING);
  const total = need.reduce((a, b) => a + b, 0) || 1;
  const proportional = need.map((w) => Math.floor((w / total) * textWidth));
  if (total * CHAR_TWIPS <= textWidth) return proportional;
  const isDate = need.map((_, i) => {
    const cells = t.rows.map((r) => r.cells[i] ?? "").filter((x) => x !== "");
    return !t.transposed && cells.length > 0 && cells.every((x) => DATE.test(x));
  });
  const fixed = t.widths.map((w, i) => (isDate[i] ? Math.ceil(w * CHAR_TWIPS + CELL_MARGINS_TWIPS) : 0));
  const fixedSum = fixed.reduce((a, b) => a + b, 0);
  const restNeed = need.reduce((a, w, i) => a + (isDate[i] ? 0 : w), 0);
  // no date column, or no room left for the others: all scaled alike
  if (fixedSum === 0 || restNeed === 0 || fixedSum >= textWidth * 0.6) return proportional;
  return need.map((w, i) => (isDate[i] ? fixed[i]! : Math.floor((w / restNeed) * (textWidth - fixedSum))));
}

function tableOf(t: ReportTable, textWidth: number): (Paragraph | Table)[] {
  const widths = columnTwips(t, textWidth);
  const cell = (text: string, bold: boolean, width: number, header: boolean) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      ...(header ? { shading: { fill: HEADER_FILL, type: ShadingType.CLEAR, color: "auto" } } : {}),
      children: [new Paragraph({ style: STYLE.table, ...(!header && NUMBER.test(text) ? { alignment: AlignmentType.RIGHT } : {}), children: runs(text, { bold }) })],
    });
  const rows: TableRow[] = [];
  if (t.header.length > 0) rows.push(new TableRow({ tableHeader: true, children: t.header.map((h, i) => cell(h, true, widths[i]!, true)) }));
  for (const r of t.rows) {
    rows.push(new TableRow({ cantSplit: true, children: r.cells.map((c, i) => cell(c, r.bold === true || (t.transposed === true && i === 0), widths[i]!, t.transposed === true && i === 0)) }));
  }
  return [
    new Paragraph({ style: STYLE.caption, keepNext: true, children: runs(t.caption) }),
    new Table({ rows, width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED }),
    new Paragraph({ style: STYLE.table, children: [] }),
  ];
}

function blockOf(b: Block, textWidth: number): (Paragraph | Table)[] {
  switch (b.kind) {
    case "heading":
      return [new Paragraph({ heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: runs(b.text) })];
    case "para":
      return [new Paragraph({ children: runs(b.text) })];
    case "placeholder":
      return [new Paragraph({ style: STYLE.placeholder, children: runs(b.text, { highlight: true }) })];
    case "table":
      return tableOf(b.table, textWidth);
  }
}

function footer(zh: boolean): Footer {
  const children = zh ? ["第 ", PageNumber.CURRENT, " 页"] : ["Page ", PageNumber.CURRENT];
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, style: STYLE.table, children: [new TextRun({ children })] })] });
}

function section(landscape: boolean, children: (Paragraph | Table)[], zh: boolean): ISectionOptions {
  return {
    properties: {
      page: {
        size: landscape ? { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE } : { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
        margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      },
    },
    footers: { default: footer(zh) },
    children,
  };
}

/** The Word document of `outline`. */
export function reportDocument(outline: ReportOutline): Document {
  const zh = outline.lang === "zh-CN";
  const portraitWidth = A4.width - 2 * MARGIN;
  const landscapeWidth = A4.height - 2 * MARGIN;
  const cover: (Paragraph | Table)[] = [
    new Paragraph({ style: STYLE.cover, spacing: { before: 2400 }, children: runs(outline.cover.enterprise) }),
    new Paragraph({ style: STYLE.cover, children: runs(outline.cover.title) }),
    ...outline.cover.lines.map((line) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: line === outline.cover.lines[0] ? 2400 : 0 }, children: runs(line) })),
    new Paragraph({ children: [new PageBreak()] }),
    ...outline.cover.signatures.flatMap((b) => blockOf(b, portraitWidth)),
  ];
  const sections: ISectionOptions[] = [section(false, cover, zh)];
  for (const part of outline.parts) {
    const width = part.landscape ? landscapeWidth : portraitWidth;
    sections.push(section(part.landscape, part.blocks.flatMap((b) => blockOf(b, width)), zh));
  }
  const line = { line: LINE_AT_LEAST, lineRule: LineRuleType.AT_LEAST };
  return new Document({
    creator: "CP Audit for Excel",
    title: `${outline.cover.enterprise} ${outline.cover.title}`,
    styles: {
      default: {
        document: { run: { font: font(FONTS.body), size: SIZES.body }, paragraph: { spacing: line } },
        heading1: { run: { font: font(FONTS.heading1), size: SIZES.heading1, bold: true, color: "000000" }, paragraph: { alignment: AlignmentType.CENTER, spacing: { ...line, before: 240, after: 240 }, keepNext: true } },
        heading2: { run: { font: font(FONTS.body), size: SIZES.heading2, bold: true, color: "000000" }, paragraph: { spacing: { ...line, before: 120, after: 120 }, keepNext: true } },
      },
      paragraphStyles: [
        { id: "Normal", name: "Normal", run: { font: font(FONTS.body), size: SIZES.body }, paragraph: { spacing: line, indent: { firstLine: 2 * SIZES.body * 10 } } },
        { id: STYLE.table, name: "Table Text", basedOn: "Normal", run: { font: font(FONTS.body), size: SIZES.table }, paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO }, indent: { firstLine: 0 } } },
        { id: STYLE.caption, name: "Table Caption", basedOn: "Normal", run: { font: font(FONTS.body), size: SIZES.table, bold: true }, paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 120, after: 60 }, indent: { firstLine: 0 } } },
        { id: STYLE.placeholder, name: "Placeholder", basedOn: "Normal", run: { font: font(FONTS.body), size: SIZES.body, color: "C00000" } },
        { id: STYLE.cover, name: "Cover Title", basedOn: "Normal", run: { font: font(FONTS.heading1), size: 44, bold: true }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 600, after: 600 }, indent: { firstLine: 0 } } },
      ],
    },
    sections,
  });
}

/** The .docx bytes of `outline`. */
export async function renderReport(outline: ReportOutline): Promise<Uint8Array> {
  return Packer.pack(reportDocument(outline), "uint8array");
}
