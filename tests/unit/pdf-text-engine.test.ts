// The PDF text engine's pure parts (lib/pdf, ADR 0018): where lines may break
// (UAX #14 and Thai words), how a line is reordered and mirrored (UAX #9), and
// which font face draws each run of characters.
import { describe, expect, it } from "vitest";
import { paragraphLevels, visualRuns } from "../../lib/pdf/bidi";
import { isolate } from "../../lib/pdf/document";
import { faceRuns } from "../../lib/pdf/fonts";
import { layoutParagraph } from "../../lib/pdf/layout";
import { breakOpportunities, wrapLines } from "../../lib/pdf/line-break";

/** The lines of a text when every character is 1 wide. */
function wrap(text: string, width: number, lang = ""): string[] {
  return wrapLines(text, (start, end) => [...text.slice(start, end)].length, width, lang).map((l) =>
    text.slice(l.start, l.end),
  );
}

/** A line as drawn, left to right (right-to-left runs reversed, as fontkit lays them out). */
function visual(text: string, dir: "ltr" | "rtl" | "auto"): string {
  const { levels } = paragraphLevels(text, dir);
  return visualRuns(text, levels, 0, text.length)
    .map((r) => (r.rtl ? [...r.text].reverse().join("") : r.text))
    .join("");
}

describe("line breaking", () => {
  it("never starts a line with closing punctuation in Chinese and Japanese (UAX #14)", () => {
    const breaks = breakOpportunities("一二三。四五");
    expect(breaks.has(3)).toBe(false); // not before 。
    expect(breaks.has(4)).toBe(true); // after it
    expect(wrap("一二三。四五", 3)).toEqual(["一二", "三。四", "五"]);
    for (const line of wrap(
      "北京外国人就医指南，请在预约时提出、并为签证申请预留时间。（第 2 版）「指南」",
      5,
    ))
      expect(line).not.toMatch(/^[。、，）」]/u);
    expect(wrap("ひらがなとカタカナ、漢字：ガイド。", 4).every((l) => !/^[、：。ー]/u.test(l))).toBe(true);
  });

  it("breaks Latin and Cyrillic at spaces, keeping trailing spaces off the line", () => {
    expect(wrap("Medical guide for foreigners", 13)).toEqual(["Medical guide", "for", "foreigners"]);
    expect(wrap("Қазақ тілі Монгол", 9)).toEqual(["Қазақ", "тілі", "Монгол"]);
  });

  it("breaks Thai between dictionary words, which Thai writes without spaces", () => {
    const text = "ภาษาไทยไม่มีการเว้นวรรค";
    const breaks = breakOpportunities(text);
    expect(breaks.has(4)).toBe(true); // ภาษา|ไทย
    expect(breaks.has(2)).toBe(false); // not inside ภาษา
    const lines = wrap(text, 8);
    expect(lines.length).toBeGreaterThan(1);
    const words = [...new Intl.Segmenter("th", { granularity: "word" }).segment(text)].map((s) => s.segment);
    let rest = text;
    for (const line of lines) {
      // Each line is made of whole words.
      let taken = "";
      while (taken.length < line.length) taken += words.shift();
      expect(taken).toBe(line);
      rest = rest.slice(line.length);
    }
    expect(rest).toBe("");
  });

  it("keeps Korean words whole, breaking at spaces (keep-all), where other languages may break between syllables", () => {
    expect(wrap("외국인 환자 기준을 충족하는 병원", 8, "ko")).toEqual([
      "외국인 환자",
      "기준을 충족하는",
      "병원",
    ]);
    // UAX #14 alone (Chinese, Japanese) may break between any two syllables; Korean with keep-all may not.
    expect(wrap("외국인 환자 기준을", 4)).toEqual(["외국인", "환자 기", "준을"]);
    expect(wrap("외국인 환자 기준을", 4, "ko")).toEqual(["외국인", "환자", "기준을"]);
    expect(wrap("기준을충족하는", 4, "ko")).toEqual(["기준을충", "족하는"]); // a word longer than a line is still cut
  });

  it("cuts a piece longer than a line between graphemes", () => {
    expect(wrap("abcdefgh", 3)).toEqual(["abc", "def", "gh"]);
  });
});

describe("bidirectional text", () => {
  it("lays an Arabic line out right to left, its number left to right, brackets mirrored", () => {
    // Visual "(2 …)" : the logical ")" is drawn as "(" at the left, the logical "(" as ")".
    expect(visual("بكين (نسخة 2)", "rtl")).toBe("(2 ةخسن) نيكب");
    expect(visual("اتصل بالرقم 120.", "rtl")).toBe(".120 مقرلاب لصتا");
  });

  it("keeps an Arabic word in its place inside a left-to-right sentence", () => {
    expect(visual("Call الطوارئ now", "ltr")).toBe("Call ئراوطلا now");
    expect(visual("ملف (PDF)", "auto")).toBe("(PDF) فلم");
  });

  it("keeps an isolated phone number whole in an Arabic sentence, where the plain algorithm splits it", () => {
    expect(visual(`القسم الدولي: ${isolate("+86 10 6915 6114")}`, "rtl")).toBe(
      "+86 10 6915 6114 :يلودلا مسقلا",
    );
    expect(visual("القسم الدولي: +86 10", "rtl")).toBe("10 86+ :يلودلا مسقلا");
  });
});

describe("font face per run", () => {
  const faces = (text: string, lang: string) =>
    faceRuns(text, lang, "regular").runs.map((r) => [text.slice(r.start, r.end), r.face]);

  it("draws Han in the face of the text's language, kana in Japanese, Hangul in Korean, Thai in Thai", () => {
    expect(faces("Guide 北京", "en")).toEqual([
      ["Guide ", "sans"],
      ["北京", "sc"],
    ]);
    expect(faces("北京の病院", "ja")).toEqual([["北京の病院", "jp"]]);
    expect(faces("베이징 北京", "ko")).toEqual([["베이징 北京", "kr"]]);
    expect(faces("ひらがな（東京）", "zh")).toEqual([
      ["ひらがな", "jp"],
      ["（東京）", "sc"],
    ]);
    expect(faces("ภาษาไทย 120", "th")).toEqual([["ภาษาไทย 120", "thai"]]);
  });

  it("draws Latin with Vietnamese, Greek, Cyrillic with Kazakh and Mongolian letters, and Arabic in DejaVu Sans", () => {
    for (const text of [
      "Tiếng Việt: Hướng dẫn",
      "Ελληνικά",
      "Қазақ тілі: Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі",
      "Монгол: Өө Үү",
      "العربية (١٢٣)",
    ])
      expect(faces(text, "en")).toEqual([[text, "sans"]]);
  });

  it("reports a character no face can draw rather than drawing a box", () => {
    expect(faceRuns("Ankh 𓋹", "en", "regular").missing).toEqual(["𓋹"]);
    expect(faceRuns("北京 베이징 ไทย Қазақ العربية", "en", "bold").missing).toEqual([]);
  });

  it("measures and lays out a paragraph with every character drawn", () => {
    const laid = layoutParagraph("北京外国人就医指南。".repeat(6), {
      lang: "zh",
      dir: "auto",
      weight: "regular",
      size: 11,
      maxWidth: 200,
    });
    expect(laid.missing).toEqual([]);
    expect(laid.lines.length).toBeGreaterThan(2);
    for (const line of laid.lines) {
      expect(line.width).toBeLessThanOrEqual(200);
      expect(line.text).not.toMatch(/^。/u);
    }
    expect(laid.lines.map((l) => l.text).join("")).toBe("北京外国人就医指南。".repeat(6));
  });
});
