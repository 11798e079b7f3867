// The guide PDF as readers nobody here wrote see it (issue 17): for every
// locale the portal serves (the list in lib/i18n/locales.ts) and both views
// (the reader's language; bilingual with Chinese), qpdf finds no error,
// pdffonts lists every font embedded with a ToUnicode map, pdfinfo says the
// file is tagged, no glyph shown is .notdef, and poppler's pdftotext gives back
// the title, the date line, the emergency line, every section title and the
// fallback note. The guide is the demo guide's real English and Chinese text,
// with one section in each other language (its own messages: real text in its
// script), so every other section falls back with a note.
//
// Right to left, what poppler returns: pdftotext -layout writes each line in
// visual order, left to right, each right-to-left run between U+202B and U+202C
// with its letters in reading order (numbers inside it between U+202A and
// U+202C), and brackets as drawn (mirrored). An Arabic line's reading order is
// therefore its runs from right to left; its neutral punctuation (":", "·",
// brackets) sits at run edges where poppler's heuristic puts it, so Arabic lines
// are compared by their words and numbers in order, everything else exactly.
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { getGuidePdf, guidePdfLabels } from "../../lib/guide/get-guide-pdf";
import { getPublishedGuide } from "../../lib/guide/get-published-guide";
import { direction, locales, type Locale } from "../../lib/i18n/locales";
import { demoGuideSections } from "../../lib/seed/demo-guide";
import { testDb } from "../helpers/db";
import { pdfFonts, qpdfCheck, shownGlyphs } from "../helpers/pdf-readers";
import { pdfText, popplerInfo, popplerText } from "../helpers/pdf-text";

const CITY = "readers-city";

/** Closing punctuation and small kana that may not start a line (UAX #14 classes CL, CP, NS, EX, IS). */
const NO_LINE_START =
  /^[。、，．：；！？）」』】〕〉》”’・ー…‥ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻]/u;

async function messages(locale: string) {
  return JSON.parse(await readFile(`messages/${locale}.json`, "utf8")) as {
    Guide: Record<string, string>;
  };
}

beforeAll(async () => {
  const db = testDb();
  const city = await db.city.create({
    data: {
      slug: CITY,
      nameZh: "北京",
      province: "Beijing",
      translations: {
        create: [
          { locale: "en", name: "Beijing" },
          { locale: "ru", name: "Пекин" },
          { locale: "ar", name: "بكين" },
          { locale: "ja", name: "北京" },
          { locale: "ko", name: "베이징" },
          { locale: "th", name: "ปักกิ่ง" },
        ].filter((t) => (locales as readonly string[]).includes(t.locale)),
      },
    },
  });
  const own = await Promise.all(
    locales
      .filter((l) => l !== "en" && l !== "zh")
      .map(async (l) => {
        const g = (await messages(l)).Guide;
        return { locale: l, title: g.indexTitle!, body: `${g.indexIntro}\n\n${g.demoNote}` };
      }),
  );
  const sections = demoGuideSections({ en: "Beijing", zh: "北京" });
  await db.guide.create({
    data: {
      cityId: city.id,
      versions: {
        create: {
          version: 1,
          status: "PUBLISHED",
          publishedAt: new Date("2026-10-08T02:00:00Z"),
          institutionsSnapshot: [
            {
              slug: "pumch",
              nameZh: "北京协和医院",
              addressZh: "北京市东城区帅府园1号",
              phone: "+86 10 6915 6114",
              names: {
                en: "Peking Union Medical College Hospital",
                zh: "北京协和医院",
                ru: "Больница PUMCH",
              },
            },
          ],
          sections: {
            create: sections.map((s, position) => ({
              key: s.key,
              position,
              translations: {
                create: [
                  { locale: "en", ...s.en },
                  { locale: "zh", ...s.zh },
                  ...(position === 0 ? own : []),
                ],
              },
            })),
          },
        },
      },
    },
  });
});

const words = (s: string) => s.normalize("NFC").match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
const squeeze = (s: string) => s.normalize("NFC").replace(/\s+/gu, "");
const RTL_MARKS = /[\u202A-\u202E\u2066-\u2069]/gu;

/** A pdftotext -layout line in reading order: its top-level runs from right to left when it has a right-to-left run. */
function readingOrder(line: string): string {
  if (!line.includes("\u202B")) return line;
  const runs: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of line) {
    if (depth === 0 && char === "\u202B" && current !== "") {
      runs.push(current);
      current = "";
    }
    current += char;
    if (/[\u202A\u202B\u202D\u202E]/u.test(char)) depth++;
    if (char === "\u202C" && --depth === 0) {
      runs.push(current);
      current = "";
    }
  }
  runs.push(current);
  return runs.reverse().join(" ");
}

/** Whether `text` (pdftotext -layout's) contains `expected` as the reader wrote it (see the top of this file for right to left). */
function shows(text: string, expected: string, rtl: boolean): boolean {
  if (!rtl) return squeeze(text.replace(RTL_MARKS, "")).includes(squeeze(expected));
  const read = text.split("\n").map(readingOrder).join("\n").replace(RTL_MARKS, "");
  return ` ${words(read).join(" ")} `.includes(` ${words(expected).join(" ")} `);
}

describe("the guide PDF read by qpdf and poppler", () => {
  const cases = locales.flatMap((locale) => [
    { locale, bilingual: false },
    { locale, bilingual: true },
  ]);

  it.each(cases)(
    "$locale (bilingual: $bilingual) is valid, tagged, every glyph drawn, its text readable",
    async ({ locale, bilingual }: { locale: Locale; bilingual: boolean }) => {
      const { pdf } = await getGuidePdf(testDb(), CITY, locale, bilingual);

      const check = await qpdfCheck(pdf);
      expect(check.report).toContain("No syntax or stream encoding errors");
      expect(check.ok).toBe(true);

      const fonts = await pdfFonts(pdf);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts)
        expect(font, font.name).toMatchObject({ embedded: true, subset: true, toUnicode: true });

      const info = await popplerInfo(pdf);
      expect(info.Tagged).toBe("yes");

      const glyphs = await shownGlyphs(pdf);
      expect(glyphs.shown).toBeGreaterThan(500);
      expect(glyphs.notdef).toBe(0);

      const guide = await getPublishedGuide(testDb(), CITY, locale);
      const labels = await guidePdfLabels(guide, locale);
      expect(info.Title).toBe(labels.title);
      const rtl = direction(locale) === "rtl";
      const layout = await popplerText(pdf, "layout");
      const language = new Intl.DisplayNames([locale], { type: "language" });
      const expected = [labels.title, labels.published, labels.emergency, labels.demo];
      for (const s of guide.sections) {
        expected.push(s.title);
        if (s.isFallback) expected.push(labels.fallback(language.of(locale)!, language.of(s.locale)!));
        if (bilingual && s.zh && s.locale !== "zh") expected.push(s.zh.title);
      }
      // Every other language has one section of its own, and a fallback note for the rest.
      expect(guide.sections.some((s) => s.isFallback)).toBe(locale !== "en" && locale !== "zh");
      for (const label of expected) expect(shows(layout, label, rtl), `${label}\n---\n${layout}`).toBe(true);
      // The Chinese of the bilingual view is there only on request.
      expect(squeeze(layout).includes(squeeze(guide.sections[1]!.zh!.title))).toBe(
        bilingual || locale === "zh",
      );

      if (!rtl)
        for (const line of layout.split("\n").map((l) => l.trim()))
          expect(NO_LINE_START.test(line), `a line starts with closing punctuation: ${line}`).toBe(false);
    },
  );

  it("breaks Chinese and Japanese lines so none starts with closing punctuation, as pdftotext -raw reads them", async () => {
    for (const locale of ["zh", "ja"] as const) {
      const raw = await popplerText((await getGuidePdf(testDb(), CITY, locale, false)).pdf, "raw");
      const lines = raw.split("\n").filter((l) => l.trim() !== "");
      // The demo guide's long Chinese paragraphs wrap onto many lines, so the rule is tried.
      expect(lines.length).toBeGreaterThan(30);
      for (const line of lines) expect(NO_LINE_START.test(line.trim()), line).toBe(false);
      expect(raw).toMatch(/。\n/u); // some lines end with a full stop, kept on the line before
    }
  });

  it("gives screen readers a structure, as pdf.js reads it: H1, a Sect per section with H2 and P, the institutions a list, languages marked", async () => {
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const { pdf } = await getGuidePdf(testDb(), CITY, "ar", true);
    const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
    expect((await doc.getMetadata()).info).toMatchObject({ Language: "ar" });
    interface Node {
      role?: string;
      lang?: string;
      children?: Node[];
    }
    const roles: string[] = [];
    const walk = (node: Node, lang: string) => {
      const own = node.lang ?? lang;
      if (node.role) roles.push(`${node.role}:${own}`);
      for (const child of node.children ?? []) walk(child, own);
    };
    for (let p = 1; p <= doc.numPages; p++)
      walk((await (await doc.getPage(p)).getStructTree()) as Node, "ar");
    expect(roles.filter((r) => r.startsWith("H1:"))).toEqual(["H1:ar"]);
    const sections = await getPublishedGuide(testDb(), CITY, "ar");
    // Each section's H2 in its own language (Arabic, or English where it falls back), each Chinese title H3 in zh.
    expect(roles.filter((r) => r.startsWith("H2:"))).toEqual(
      expect.arrayContaining(sections.sections.map((s) => `H2:${s.locale}`)),
    );
    expect(roles).toEqual(
      expect.arrayContaining(["Document:ar", "Sect:ar", "Sect:en", "Sect:zh", "H3:zh", "P:zh"]),
    );
    expect(roles).toEqual(expect.arrayContaining(["L:en", "LI:en", "LBody:en", "Span:zh"]));
    expect(roles.filter((r) => r.startsWith("P:")).length).toBeGreaterThan(10);
  });

  it("gives pdf.js the Arabic in reading order too, with the Chinese beside it", async () => {
    const text = await pdfText((await getGuidePdf(testDb(), CITY, "ar", true)).pdf);
    const guide = await getPublishedGuide(testDb(), CITY, "ar");
    expect(words(text).join(" ")).toContain(words(guide.sections[0]!.title).join(" "));
    expect(text).toContain(guide.sections[0]!.zh!.title);
  });
});
