// One home for the PDF engine's bidirectional text: the Unicode bidirectional
// algorithm (UAX #9, the kept `bidi-js`, conformant to its test suite) gives each
// character its embedding level for the whole paragraph; each drawn line is then
// reordered (rule L2: from the highest level down, reverse every run at that
// level or above) and characters with a mirrored form ("(", "[", "«", "<") are
// mirrored in right-to-left runs (rule L4). A right-to-left run stays in logical
// order here so fontkit can join Arabic letters; the drawing lays it out right to left.
import bidiFactory from "bidi-js";
import { INVISIBLE } from "./fonts";

const bidi = bidiFactory();

export type Direction = "ltr" | "rtl";

export interface ParagraphLevels {
  /** The paragraph's base direction (given, or from its first strong character). */
  direction: Direction;
  /** One embedding level per UTF-16 code unit: odd is right to left. */
  levels: Uint8Array;
}

/** Resolves the embedding levels of a paragraph (one line of text without newlines). */
export function paragraphLevels(text: string, direction: Direction | "auto"): ParagraphLevels {
  const result = bidi.getEmbeddingLevels(text, direction === "auto" ? undefined : direction);
  const base = result.paragraphs[0]?.level ?? (direction === "rtl" ? 1 : 0);
  return { direction: base % 2 === 1 ? "rtl" : "ltr", levels: result.levels };
}

export interface VisualRun {
  /** UTF-16 offsets into the paragraph, end exclusive. */
  start: number;
  end: number;
  /** An odd level: drawn right to left. */
  rtl: boolean;
  /** The run's characters in logical order, mirrored where right to left, invisible controls removed. */
  text: string;
}

/** Mirrors the characters of a right-to-left run (rule L4) and drops bidi controls. */
export function runText(text: string, rtl: boolean): string {
  let out = "";
  for (const char of text) {
    if (INVISIBLE.test(char)) continue;
    out += rtl ? (bidi.getMirroredCharacter(char) ?? char) : char;
  }
  return out;
}

/**
 * The level runs of text.slice(start, end) in visual order, left to right
 * (rule L2 applied to whole runs; a right-to-left run's own characters stay in
 * logical order for shaping).
 */
export function visualRuns(text: string, levels: Uint8Array, start: number, end: number): VisualRun[] {
  const runs: { start: number; end: number; level: number }[] = [];
  for (let i = start; i < end; i++) {
    const level = levels[i] ?? 0;
    const last = runs.at(-1);
    if (last && last.level === level) last.end = i + 1;
    else runs.push({ start: i, end: i + 1, level });
  }
  if (runs.length === 0) return [];
  const highest = Math.max(...runs.map((r) => r.level));
  const lowestOdd = Math.min(...runs.map((r) => (r.level % 2 === 1 ? r.level : r.level + 1)));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < runs.length; i++) {
      if (runs[i]!.level < level) continue;
      let j = i;
      while (j + 1 < runs.length && runs[j + 1]!.level >= level) j++;
      runs.splice(i, j - i + 1, ...runs.slice(i, j + 1).reverse());
      i = j;
    }
  }
  return runs
    .map((r) => ({
      start: r.start,
      end: r.end,
      rtl: r.level % 2 === 1,
      text: runText(text.slice(r.start, r.end), r.level % 2 === 1),
    }))
    .filter((r) => r.text !== "");
}
