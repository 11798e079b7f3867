// The PDF text engine: tagged, accessible PDFs whose text is right in every
// portal language (ADR 0018). One home for drawing text into a PDF; the guide
// PDF and the visa letter both write through it.
//
// API (stable; additions only):
//
//   const pdf = createPdfDocument({ lang: "ar", title: "…", subject?, author?, creationDate? });
//   pdf.heading(1, "Title", style?)        // H1…H6
//   pdf.paragraph("Text", style?)          // P; "\n" starts a new line inside it
//   pdf.list(["item", { lines: [{ text, style }] }], style?)   // L > LI > LBody
//   pdf.table({ columns: [0.3, 0.7], rows: [["Name", "…"]], headerColumn?: true, headerRow?: false }, style?)
//   pdf.figure(pngBytes, { width, height, alt, align? })        // Figure with alternate text
//   pdf.section(() => { … }, { type?: "Sect" | "Div" | "Art" | "Part", lang? })  // nests what it draws
//   pdf.gap(points); pdf.rule(color?)      // space; a decorative line (an Artifact)
//   pdf.missing                            // characters drawn without a glyph (always empty if fonts cover them)
//   const bytes: Uint8Array = await pdf.end();
//
//   style: { size? (11), bold?, color? [r, g, b] 0–1, lang? (the document's; picks the
//   Han face and tags the element's /Lang when it differs), dir? "ltr" | "rtl" | "auto"
//   (the lang's direction), align? "start" | "end" | "center" (of the paragraph's own
//   direction) }. `isolate(value)` wraps a value (a phone number, a reference, a name in
//   another script) so the bidi algorithm keeps it in one piece in a sentence of the other direction.
//
// Under it: pdfkit writes a tagged PDF (PDF/UA identification, /Lang, the title shown,
// structure tree, marked content, artifacts) and embeds each font as a subset of the
// glyphs drawn, with a ToUnicode map; the text itself is laid out by layout.ts and
// shown one text object per line, a left-to-right line with its text as /ActualText.
import PDFDocument from "pdfkit";
import type { Direction } from "./bidi";
import type { Font } from "fontkit";
import { loadFont, type Face, type Weight } from "./fonts";
import { layoutParagraph, type Line } from "./layout";

export interface PdfDocumentOptions {
  /** BCP 47 language of the document (its /Lang). */
  lang: string;
  /** Shown as the window title (DisplayDocTitle). */
  title: string;
  subject?: string;
  author?: string;
  creationDate?: Date;
  /** Page margin in points (A4 pages). */
  margin?: number;
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: [number, number, number];
  lang?: string;
  dir?: Direction | "auto";
  align?: "start" | "end" | "center";
}

export type ListItem = string | { lines: { text: string; style?: TextStyle }[] };

export interface TableSpec {
  /** Column widths as fractions of the text width. */
  columns: number[];
  rows: string[][];
  /** The first row names the columns (TH with Scope Column). */
  headerRow?: boolean;
  /** The first cell of each row names the row (TH with Scope Row). */
  headerColumn?: boolean;
}

const RTL_LANGUAGES = new Set(["ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv"]);

/** The writing direction of a language. */
export function languageDirection(lang: string): Direction {
  return RTL_LANGUAGES.has(lang.toLowerCase().split(/[-_]/)[0] ?? "") ? "rtl" : "ltr";
}

/** Wraps a value in First Strong Isolate … Pop Directional Isolate: it is ordered as one unit in any sentence. */
export function isolate(value: string): string {
  return `\u2068${value}\u2069`;
}

const A4: [number, number] = [595.28, 841.89];
const LINE_HEIGHT = 1.45;

type Struct = PDFKit.PDFStructureElement;

export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Uint8Array>;
  private readonly margin: number;
  private readonly parents: Struct[] = [];
  private y: number;
  readonly missing: string[] = [];
  readonly lang: string;
  readonly direction: Direction;

  constructor(options: PdfDocumentOptions) {
    this.lang = options.lang;
    this.direction = languageDirection(options.lang);
    this.margin = options.margin ?? 56;
    this.doc = new PDFDocument({
      size: A4,
      margin: this.margin,
      pdfVersion: "1.7",
      tagged: true,
      subset: "PDF/UA" as never, // @types/pdfkit lists only the PDF/A subsets
      lang: options.lang,
      displayTitle: true,
      // No standard font: pdfkit would read Helvetica's metrics for nothing; every text names its face.
      font: null as never,
      info: {
        Title: options.title,
        ...(options.subject ? { Subject: options.subject } : {}),
        ...(options.author ? { Author: options.author } : {}),
        ...(options.creationDate ? { CreationDate: options.creationDate } : {}),
        Creator: "International Patient Portal",
      },
    });
    this.done = new Promise((resolve, reject) => {
      this.doc.on("data", (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on("end", () => resolve(new Uint8Array(Buffer.concat(this.chunks))));
      this.doc.on("error", reject);
    });
    const root = this.doc.struct("Document");
    this.doc.addStructure(root);
    this.parents.push(root);
    this.y = this.margin;
  }

  private get width() {
    return this.doc.page.width - 2 * this.margin;
  }
  private get bottom() {
    return this.doc.page.height - this.margin;
  }
  private get parent(): Struct {
    return this.parents.at(-1)!;
  }

  /** Vertical space in points (a new page when it runs past the bottom). */
  gap(points: number) {
    this.y += points;
  }

  /** A heading H1…H6. */
  heading(level: 1 | 2 | 3 | 4 | 5 | 6, text: string, style: TextStyle = {}) {
    const size = style.size ?? [20, 15, 13, 12, 11, 11][level - 1] ?? 11;
    // A heading never ends a page: it keeps two body lines below it.
    if (this.y + size * LINE_HEIGHT + 2 * 11 * LINE_HEIGHT > this.bottom) this.newPage();
    this.element(`H${level}`, style, () => this.text(text, { bold: true, ...style, size }));
  }

  /** A paragraph P; each "\n" starts a new line. */
  paragraph(text: string, style: TextStyle = {}) {
    this.element("P", style, () => this.text(text, style));
  }

  /** A list L of items LI, each with its body LBody. */
  list(items: ListItem[], style: TextStyle = {}) {
    this.element("L", style, undefined, (list) => {
      for (const item of items) {
        const li = this.doc.struct("LI");
        list.add(li);
        const body = this.doc.struct("LBody");
        li.add(body);
        const lines = typeof item === "string" ? [{ text: item, style: {} }] : item.lines;
        for (const line of lines) {
          const lineStyle = { ...style, ...line.style };
          const own = this.langOf(lineStyle);
          const span = own === this.currentLang(body) ? body : this.doc.struct("Span", { lang: own });
          if (span !== body) body.add(span);
          span.add(() => this.text(line.text, lineStyle));
          if (span !== body) span.end();
        }
        body.end();
        li.end();
      }
    });
  }

  /** A table: rows of cells, cells wrapped in their column; a row never splits across pages. */
  table(spec: TableSpec, style: TextStyle = {}) {
    const size = style.size ?? 11;
    const rtl = this.dirOf(style) === "rtl";
    const pad = 4;
    this.element("Table", style, undefined, (table) => {
      spec.rows.forEach((cells, r) => {
        const laid = cells.map((cell, c) => {
          const header = (spec.headerRow && r === 0) || (spec.headerColumn && c === 0);
          const cellStyle: TextStyle = { ...style, size, bold: style.bold || header };
          const width = (spec.columns[c] ?? 0) * this.width - 2 * pad;
          return { header, cellStyle, width, layout: this.layout(cell, cellStyle, width) };
        });
        const height = Math.max(...laid.map((l) => l.layout.lines.length)) * size * LINE_HEIGHT + 2 * pad;
        if (this.y + height > this.bottom) this.newPage();
        const tr = this.doc.struct("TR");
        table.add(tr);
        let offset = 0;
        laid.forEach((cell, c) => {
          const columnWidth = (spec.columns[c] ?? 0) * this.width;
          const td = this.doc.struct(cell.header ? "TH" : "TD");
          // pdfkit writes plain strings as names: /A << /O /Table /Scope /Row >>.
          if (cell.header)
            (td as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = {
              O: "Table",
              Scope: spec.headerRow && r === 0 ? "Column" : "Row",
            };
          tr.add(td);
          const left = rtl ? this.margin + this.width - offset - columnWidth : this.margin + offset;
          const top = this.y + pad;
          td.add(() => this.drawLines(cell.layout, cell.cellStyle, left + pad, cell.width, top));
          td.end();
          offset += columnWidth;
        });
        tr.end();
        this.y += height;
        this.artifact(() => {
          this.doc
            .moveTo(this.margin, this.y)
            .lineTo(this.margin + this.width, this.y)
            .lineWidth(0.5)
            .strokeColor([200, 200, 200])
            .stroke();
        });
      });
    });
  }

  /** A picture (PNG or JPEG) with its alternate text, as a Figure. */
  figure(
    image: Uint8Array,
    options: { width: number; height: number; alt: string; align?: "start" | "end" | "center" },
  ) {
    if (this.y + options.height > this.bottom) this.newPage();
    const align = options.align ?? "start";
    const x =
      align === "center"
        ? this.margin + (this.width - options.width) / 2
        : (align === "end") === (this.direction === "ltr")
          ? this.margin + this.width - options.width
          : this.margin;
    const figure = this.doc.struct("Figure", { alt: options.alt });
    this.parent.add(figure);
    figure.add(() => {
      this.doc.image(Buffer.from(image), x, this.y, { width: options.width, height: options.height });
    });
    figure.end();
    this.y += options.height;
  }

  /** Groups what `draw` writes in a structure element (Sect by default), with its own language if given. */
  section(draw: () => void, options: { type?: "Sect" | "Div" | "Art" | "Part"; lang?: string } = {}) {
    this.element(options.type ?? "Sect", { lang: options.lang }, undefined, () => draw());
  }

  /** A thin decorative line across the text width (an Artifact: screen readers skip it). */
  rule(color: [number, number, number] = [0.75, 0.75, 0.75]) {
    this.y += 4;
    this.artifact(() => {
      this.doc
        .moveTo(this.margin, this.y)
        .lineTo(this.margin + this.width, this.y)
        .lineWidth(0.75)
        .strokeColor(color.map((v) => Math.round(v * 255)) as [number, number, number])
        .stroke();
    });
    this.y += 8;
  }

  /** Finishes the document and returns its bytes. */
  async end(): Promise<Uint8Array> {
    for (const parent of this.parents.reverse()) parent.end();
    this.doc.end();
    return this.done;
  }

  /**
   * Shows one line's pieces in a single text object, the line's reading-order text as its
   * /ActualText, so copying and text extraction give the characters as written (a Thai
   * vowel the font draws as two glyphs, Arabic in logical order) whatever glyphs show them.
   * The marked content opens and closes inside the text object, in the text's own
   * coordinates, where readers place the actual text. Glyphs and their offsets are written
   * as pdfkit's own text operator writes them (fontkit's shaping and positions).
   */
  private showLine(
    line: Line,
    weight: Weight,
    size: number,
    color: [number, number, number],
    left: number,
    baseline: number,
  ) {
    const doc = this.doc;
    const kit = doc as unknown as PdfKitInternals;
    doc.save();
    doc.fillColor(color);
    doc.transform(1, 0, 0, -1, 0, kit.page.height);
    const y = kit.page.height - baseline;
    kit.addContent("BT");
    // A line with right-to-left pieces gets /ActualText per left-to-right piece only: readers
    // (poppler, pdf.js) rebuild reading order from glyphs drawn in visual order themselves,
    // and would reverse a logical /ActualText of right-to-left text once more.
    const wholeLine = line.pieces.every((p) => !p.rtl);
    if (wholeLine) doc.markContent("Span", { actual: line.text } as never);
    let x = left;
    for (const piece of line.pieces) {
      const ownText = !wholeLine && !piece.rtl;
      if (ownText) doc.markContent("Span", { actual: piece.text } as never);
      this.useFont(piece.face, weight);
      const font = kit._font;
      kit.page.fonts[font.id] ??= font.ref();
      kit.addContent(`/${font.id} ${num(size)} Tf`);
      kit.addContent(`1 0 0 1 ${num(x)} ${num(y)} Tm`);
      const { hex: glyphs, positions } = encodeRun(font, piece.text, piece.rtl);
      const scale = size / 1000;
      let pending: string[] = [];
      const flush = () => {
        if (pending.length > 0) kit.addContent(`[${pending.join(" ")}] TJ`);
        pending = [];
      };
      let gx = x;
      let moved = false;
      positions.forEach((pos, i) => {
        const glyph = `<${glyphs[i]}>`;
        if (pos.xOffset || pos.yOffset) {
          flush();
          kit.addContent(`1 0 0 1 ${num(gx + pos.xOffset * scale)} ${num(y + pos.yOffset * scale)} Tm`);
          kit.addContent(`[${glyph}] TJ`);
          moved = true;
        } else {
          if (moved) {
            flush();
            kit.addContent(`1 0 0 1 ${num(gx)} ${num(y)} Tm`);
            moved = false;
          }
          // TJ's number moves the next glyph back by thousandths of the size: kerning and marks.
          const adjust = pos.xAdvance - pos.advanceWidth;
          pending.push(adjust ? `${glyph} ${num(-adjust)}` : glyph);
        }
        gx += pos.xAdvance * scale;
      });
      flush();
      if (ownText) doc.endMarkedContent();
      x += piece.width;
    }
    if (wholeLine) doc.endMarkedContent();
    kit.addContent("ET");
    doc.restore();
  }

  private readonly registered = new Set<string>();
  /** Selects a face in pdfkit, registering it on first use (pdfkit embeds only the glyphs drawn). */
  private useFont(face: Face, weight: Weight) {
    const name = fontName(face, weight);
    if (!this.registered.has(name)) {
      this.doc.registerFont(name, loadFont(face, weight) as never);
      this.registered.add(name);
    }
    this.doc.font(name);
  }

  private artifact(draw: () => void) {
    this.doc.markContent("Artifact", { type: "Layout" });
    draw();
    this.doc.endMarkedContent();
  }

  private newPage() {
    this.doc.continueOnNewPage();
    this.y = this.margin;
  }

  private langOf(style: TextStyle): string {
    return style.lang ?? this.currentLang();
  }

  private dirOf(style: TextStyle): Direction | "auto" {
    return style.dir ?? languageDirection(this.langOf(style));
  }

  private readonly langs = new Map<Struct, string>();
  private currentLang(element?: Struct): string {
    const chain = element ? [...this.parents, element] : this.parents;
    for (const e of [...chain].reverse()) {
      const lang = this.langs.get(e);
      if (lang) return lang;
    }
    return this.lang;
  }

  /**
   * Adds a structure element under the current one. With `draw`, its content is drawn
   * inside it; with `children`, it becomes the parent of the elements `children` adds.
   */
  private element(type: string, style: TextStyle, draw?: () => void, children?: (element: Struct) => void) {
    const lang = style.lang && style.lang !== this.currentLang() ? style.lang : undefined;
    const element = this.doc.struct(type, lang ? { lang } : {});
    if (lang) this.langs.set(element, lang);
    this.parent.add(element);
    if (draw) element.add(draw);
    if (children) {
      this.parents.push(element);
      children(element);
      this.parents.pop();
    }
    element.end();
  }

  private layout(text: string, style: TextStyle, maxWidth: number) {
    const size = style.size ?? 11;
    const weight: Weight = style.bold ? "bold" : "regular";
    const paragraphs = text.split(/\r?\n/);
    const direction = this.dirOf(style);
    const lines: Line[] = [];
    let resolved: Direction | undefined;
    for (const p of paragraphs) {
      const laid = layoutParagraph(p, { lang: this.langOf(style), dir: direction, weight, size, maxWidth });
      this.missing.push(...laid.missing);
      resolved ??= laid.direction;
      lines.push(...laid.lines);
    }
    return { lines, direction: resolved ?? "ltr" };
  }

  /** Lays out and draws a text at the current position, in the current marked content. */
  private text(text: string, style: TextStyle) {
    const laid = this.layout(text, style, this.width);
    this.y = this.drawLines(laid, style, this.margin, this.width, this.y, true);
  }

  /** Draws laid-out lines from `top`; returns the y below them. Breaks pages only when `flow`. */
  private drawLines(
    laid: { lines: Line[]; direction: Direction },
    style: TextStyle,
    left: number,
    width: number,
    top: number,
    flow = false,
  ): number {
    const size = style.size ?? 11;
    const weight: Weight = style.bold ? "bold" : "regular";
    const color = (style.color ?? [0.1, 0.1, 0.1]).map((v) => Math.round(v * 255)) as [
      number,
      number,
      number,
    ];
    const align = style.align ?? "start";
    let y = top;
    for (const line of laid.lines) {
      if (flow && y + size * LINE_HEIGHT > this.bottom) {
        this.newPage();
        y = this.y;
      }
      const baseline = y + size * 1.1;
      const free = width - line.width;
      const atRight = align === "center" ? false : (align === "end") === (laid.direction === "ltr");
      const x = left + (align === "center" ? free / 2 : atRight ? free : 0);
      this.showLine(line, weight, size, color, x, baseline);
      y += size * LINE_HEIGHT;
    }
    return y;
  }
}

/** pdfkit's internals the line drawing uses (pdfkit is pinned; these are its own text operator's steps). */
interface PdfKitInternals {
  _font: {
    id: string;
    ref(): unknown;
    font: Font;
    subset: { includeGlyph(id: number): number };
    widths: number[];
    unicode: number[][];
    scale: number;
  };
  page: { height: number; fonts: Record<string, unknown> };
  addContent(operators: string): unknown;
}

interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

const num = (n: number) => String(Math.round(n * 1000) / 1000);

/**
 * pdfkit's EmbeddedFont.encode with the direction given rather than guessed from the
 * script (Arabic-Indic digits are Arabic script yet left to right): shapes with fontkit,
 * adds the glyphs to the font's subset, and records their widths and ToUnicode entries.
 * A right-to-left glyph standing for several characters (the lam-alef ligature) maps to
 * them in drawn order: readers reverse a right-to-left glyph run character by character.
 */
function encodeRun(font: PdfKitInternals["_font"], text: string, rtl: boolean) {
  const run = font.font.layout(text, [], undefined, undefined, rtl ? "rtl" : "ltr");
  const hex: string[] = [];
  const positions: GlyphPosition[] = run.glyphs.map((glyph, i) => {
    const gid = font.subset.includeGlyph(glyph.id);
    hex.push(gid.toString(16).padStart(4, "0"));
    font.widths[gid] ??= glyph.advanceWidth * font.scale;
    font.unicode[gid] ??=
      rtl && glyph.codePoints.length > 1 ? [...glyph.codePoints].reverse() : glyph.codePoints;
    const p = run.positions[i]!;
    return {
      xAdvance: p.xAdvance * font.scale,
      yAdvance: p.yAdvance * font.scale,
      xOffset: p.xOffset * font.scale,
      yOffset: p.yOffset * font.scale,
      advanceWidth: glyph.advanceWidth * font.scale,
    };
  });
  return { hex, positions };
}

function fontName(face: Face, weight: Weight) {
  return `${face}-${weight}`;
}

/** A new tagged PDF document in A4; see the top of this file. */
export function createPdfDocument(options: PdfDocumentOptions): PdfWriter {
  return new PdfWriter(options);
}
