// The PDF engine's paragraph layout, pure of any PDF: a paragraph's text becomes
// lines of drawn pieces in visual order, each piece one font face and one
// direction, with its width. Line breaks come from line-break.ts (UAX #14 +
// Thai words), levels and reordering from bidi.ts (UAX #9), faces from fonts.ts;
// widths from fontkit's own shaping (the same layout pdfkit draws with).
import { paragraphLevels, runText, visualRuns, type Direction } from "./bidi";
import { faceRuns, INVISIBLE, loadFont, type Face, type FaceRun, type Weight } from "./fonts";
import { wrapLines } from "./line-break";

export interface Piece {
  /** The piece's characters in logical order (mirrored if right to left); fontkit shapes it and, right to left, reverses its glyphs. */
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
export function emWidth(text: string, face: Face, weight: Weight, rtl = false): number {
  const drawn = [...text].filter((c) => !INVISIBLE.test(c)).join("");
  if (drawn === "") return 0;
  const key = `${face}:${weight}:${rtl ? "r" : "l"}:${drawn}`;
  let w = widths.get(key);
  if (w === undefined) {
    const font = loadFont(face, weight);
    w = font.layout(drawn, [], undefined, undefined, rtl ? "rtl" : "ltr").advanceWidth / font.unitsPerEm;
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
  const lines = wrapLines(normalized, measure, options.maxWidth, lang).map((span): Line => {
    const pieces: Piece[] = [];
    for (const run of visualRuns(normalized, levels, span.start, span.end)) {
      const slices = faceSlices(runs, run.start, run.end).map((s) => {
        const drawn = runText(normalized.slice(s.start, s.end), run.rtl);
        return {
          text: drawn,
          face: s.face,
          rtl: run.rtl,
          width: emWidth(drawn, s.face, weight, run.rtl) * size,
        };
      });
      pieces.push(...(run.rtl ? slices.reverse() : slices).filter((p) => p.text !== ""));
    }
    const logical = [...normalized.slice(span.start, span.end)].filter((c) => !INVISIBLE.test(c)).join("");
    return { text: logical, pieces, width: pieces.reduce((w, p) => w + p.width, 0) };
  });
  return { direction, lines, missing };
}
