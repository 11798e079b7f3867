// The PDF engine's paragraph layout, pure of any PDF: a paragraph's text becomes
// lines of drawn pieces in visual order, each piece one font face and one
// direction, with its width. Line breaks come from line-break.ts (UAX #14 +
// Thai words), levels and reordering from bidi.ts (UAX #9), faces from fonts.ts;
// widths from fontkit's own shaping (the same layout pdfkit draws with).
import { paragraphLevels, runText, visualRuns, type Direction } from "./bidi";
import { faceRuns, INVISIBLE, loadFont, type Face, type FaceRun, type Weight } from "./fonts";
import { wrapLines } from "./line-break";

/** Scripts fontkit lays out right to left by itself (it reverses their glyphs after shaping). */
const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

export interface Piece {
  /** What to hand to the font: logical order for a right-to-left script (fontkit shapes and reverses it), else visual order. */
  text: string;
  face: Face;
  rtl: boolean;
  /** Width in points at the paragraph's size. */
  width: number;
}

export interface Line {
  /** The line's text in logical (reading) order, invisible controls removed: what copying it should give. */
  text: string;
  /** Left to right, as drawn. */
  pieces: Piece[];
  width: number;
}

export interface ParagraphLayout {
  direction: Direction;
  lines: Line[];
  /** Characters no font has a glyph for (empty when every character can be drawn). */
  missing: string[];
}

export interface LayoutOptions {
  lang: string;
  dir: Direction | "auto";
  weight: Weight;
  size: number;
  maxWidth: number;
}

const widths = new Map<string, number>();

/** The advance width of a text in a face, in em (shaped by fontkit, invisible controls left out). */
export function emWidth(text: string, face: Face, weight: Weight): number {
  const drawn = [...text].filter((c) => !INVISIBLE.test(c)).join("");
  if (drawn === "") return 0;
  const key = `${face}:${weight}:${drawn}`;
  let w = widths.get(key);
  if (w === undefined) {
    const font = loadFont(face, weight);
    w = font.layout(drawn, []).advanceWidth / font.unitsPerEm;
    if (widths.size > 50_000) widths.clear();
    widths.set(key, w);
  }
  return w;
}

/** The parts of [start, end) that fall in each face run. */
function faceSlices(runs: FaceRun[], start: number, end: number): FaceRun[] {
  return runs
    .filter((r) => r.end > start && r.start < end)
    .map((r) => ({ start: Math.max(r.start, start), end: Math.min(r.end, end), face: r.face }));
}

/** Lays a paragraph (no newlines) out in lines at most maxWidth wide. */
export function layoutParagraph(text: string, options: LayoutOptions): ParagraphLayout {
  const { lang, weight, size } = options;
  const normalized = text.normalize("NFC");
  const { runs, missing } = faceRuns(normalized, lang, weight);
  const { direction, levels } = paragraphLevels(normalized, options.dir);
  const measure = (start: number, end: number) =>
    faceSlices(runs, start, end).reduce(
      (w, s) => w + emWidth(normalized.slice(s.start, s.end), s.face, weight) * size,
      0,
    );
  const lines = wrapLines(normalized, measure, options.maxWidth).map((span): Line => {
    const pieces: Piece[] = [];
    for (const run of visualRuns(normalized, levels, span.start, span.end)) {
      const slices = faceSlices(runs, run.start, run.end).map((s) => {
        let drawn = runText(normalized.slice(s.start, s.end), run.rtl);
        // A right-to-left run fontkit would not reverse (no right-to-left letter in it) is reversed here.
        if (run.rtl && !RTL_SCRIPT.test(drawn)) drawn = [...drawn].reverse().join("");
        return { text: drawn, face: s.face, rtl: run.rtl, width: emWidth(drawn, s.face, weight) * size };
      });
      pieces.push(...(run.rtl ? slices.reverse() : slices).filter((p) => p.text !== ""));
    }
    const logical = [...normalized.slice(span.start, span.end)].filter((c) => !INVISIBLE.test(c)).join("");
    return { text: logical, pieces, width: pieces.reduce((w, p) => w + p.width, 0) };
  });
  return { direction, lines, missing };
}
