// One home for where a line of PDF text may break: the Unicode line breaking
// algorithm (UAX #14, the kept `linebreak` package, pdfkit's own), so no line
// starts with "。", "、", "）" or "」" and none ends with "（"; plus dictionary word
// boundaries (ICU's, through Intl.Segmenter) inside Thai, Lao, Khmer and Myanmar
// text, which writes no spaces between words and which UAX #14 leaves to a
// dictionary. Korean keeps its words whole and breaks at spaces (CSS's
// word-break: keep-all, Korean typesetting's custom), where UAX #14 would break
// between any two syllables. `wrapLines` fills lines greedily with the width a
// caller measures.
import LineBreaker from "linebreak";

const DICTIONARY_SCRIPT = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const words = new Intl.Segmenter("th", { granularity: "word" });
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const KOREAN_WORD = /[\p{Script=Hangul}\p{Script=Han}]/u;

/** Offsets (UTF-16, > 0) before which a line may start; `true` where the break is required (a newline). */
export function breakOpportunities(text: string, lang = ""): Map<number, boolean> {
  const breaks = new Map<number, boolean>();
  const breaker = new LineBreaker(text);
  const keepAll = lang.toLowerCase().split(/[-_]/)[0] === "ko";
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    const inWord =
      keepAll &&
      !bk.required &&
      KOREAN_WORD.test(text.slice(0, bk.position).at(-1) ?? "") &&
      KOREAN_WORD.test(text.charAt(bk.position));
    if (!inWord) breaks.set(bk.position, bk.required);
  }
  if (DICTIONARY_SCRIPT.test(text))
    for (const { index } of words.segment(text)) {
      if (index === 0 || breaks.has(index)) continue;
      const before = text.slice(0, index).at(-1) ?? "";
      const after = text.slice(index).codePointAt(0);
      if (
        DICTIONARY_SCRIPT.test(before) &&
        after !== undefined &&
        DICTIONARY_SCRIPT.test(String.fromCodePoint(after))
      )
        breaks.set(index, false);
    }
  return new Map([...breaks].sort((a, b) => a[0] - b[0]));
}

export interface LineSpan {
  /** UTF-16 offsets into the text: the line is text.slice(start, end), trailing white space left out. */
  start: number;
  end: number;
}

/** The end of text.slice(start, end) without its trailing white space. */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/u.test(text[e - 1] ?? "")) e--;
  return e;
}

/**
 * Breaks a paragraph into lines no wider than maxWidth (a piece wider than a line
 * on its own is cut between graphemes). `measure(start, end)` is the width of
 * text.slice(start, end) as it will be drawn.
 */
export function wrapLines(
  text: string,
  measure: (start: number, end: number) => number,
  maxWidth: number,
  lang = "",
): LineSpan[] {
  const stops = [...breakOpportunities(text, lang)];
  if (stops.at(-1)?.[0] !== text.length) stops.push([text.length, false]);
  const lines: LineSpan[] = [];
  let lineStart = 0;
  let lineEnd = 0; // the end of the last piece that fitted
  let used = 0; // its width, trailing spaces included
  const close = () => {
    const end = trimEnd(text, lineStart, lineEnd);
    lines.push({ start: lineStart, end });
    lineStart = lineEnd;
    used = 0;
  };
  for (const [stop, required] of stops) {
    const pieceStart = lineEnd;
    const full = measure(pieceStart, stop);
    const trimmed = measure(pieceStart, trimEnd(text, pieceStart, stop));
    if (lineEnd > lineStart && used + trimmed > maxWidth) close();
    if (trimmed > maxWidth && lineEnd === lineStart) {
      // A piece that fits no line: cut it between graphemes.
      for (const { index, segment } of graphemes.segment(text.slice(pieceStart, stop))) {
        const at = pieceStart + index;
        const w = measure(at, at + segment.length);
        if (lineEnd > lineStart && used + w > maxWidth && !/\s/u.test(segment)) close();
        lineEnd = at + segment.length;
        used += w;
      }
    } else {
      lineEnd = stop;
      used += full;
    }
    if (required) close();
  }
  if (lineEnd > lineStart) close();
  const drawn = lines.filter((l) => l.end > l.start);
  return drawn.length > 0 ? drawn : [{ start: 0, end: 0 }];
}
