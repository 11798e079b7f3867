// Types for the kept libraries the PDF text engine uses that ship none: fontkit
// (font parsing, shaping, subsetting; pdfkit's own engine) and linebreak (UAX #14).
// Only what lib/pdf uses is declared.
declare module "fontkit" {
  export interface Glyph {
    id: number;
    name: string | null;
    codePoints: number[];
    advanceWidth: number;
    path: { commands: unknown[] };
  }
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    advanceWidth: number;
    direction: "ltr" | "rtl";
  }
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    numGlyphs: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    getGlyph(id: number): Glyph;
    layout(
      text: string,
      features?: string[] | Record<string, boolean>,
      script?: string,
      language?: string,
      direction?: "ltr" | "rtl",
    ): GlyphRun;
    createSubset(): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}

declare module "linebreak" {
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): { position: number; required: boolean } | null;
  }
}
