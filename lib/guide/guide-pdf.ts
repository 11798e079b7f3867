// The printable guide as a tagged PDF, drawn by the PDF text engine (lib/pdf,
// ADR 0018): every character in a font that has it (labels included), lines
// broken by UAX #14 and Thai words, Arabic laid out right to left by UAX #9 with
// mirrored brackets, and a structure screen readers follow: the title H1, each
// section a Sect with its H2 and paragraphs, the institutions a list, a fallback
// section tagged with its own language. Bilingual: each section in the reader's
// language, then in Chinese.
import { createPdfDocument, isolate } from "../pdf/document";
import type { PublishedGuide } from "./get-published-guide";

export interface GuidePdfLabels {
  title: string;
  published: string;
  fallback: (language: string, shown: string) => string;
  phone: string;
  emergency: string;
  demo: string;
}

const GREY: [number, number, number] = [0.35, 0.35, 0.35];
const RED: [number, number, number] = [0.7, 0.1, 0.1];
const AMBER: [number, number, number] = [0.55, 0.35, 0];

/** A section's body: paragraphs are separated by a blank line. */
function paragraphs(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

export async function renderGuidePdf(
  guide: PublishedGuide,
  locale: string,
  labels: GuidePdfLabels,
  options: { bilingual: boolean },
): Promise<Uint8Array> {
  const pdf = createPdfDocument({
    lang: locale,
    title: labels.title,
    subject: guide.city.name,
    creationDate: guide.publishedAt,
  });
  const language = new Intl.DisplayNames([locale], { type: "language" });
  pdf.heading(1, labels.title);
  pdf.paragraph(labels.published, { size: 10, color: GREY });
  pdf.paragraph(labels.emergency, { size: 13, bold: true, color: RED });
  for (const s of guide.sections) {
    pdf.gap(10);
    pdf.section(
      () => {
        pdf.heading(2, s.title, { lang: s.locale });
        if (s.isFallback)
          pdf.paragraph(labels.fallback(language.of(locale) ?? locale, language.of(s.locale) ?? s.locale), {
            size: 9,
            color: AMBER,
            lang: locale,
          });
        for (const p of paragraphs(s.body)) pdf.paragraph(p, { lang: s.locale });
        if (options.bilingual && s.zh && s.locale !== "zh") {
          const zh = s.zh;
          pdf.gap(4);
          pdf.section(
            () => {
              pdf.heading(3, zh.title, { size: 13 });
              for (const p of paragraphs(zh.body)) pdf.paragraph(p);
            },
            { lang: "zh" },
          );
        }
        if (s.key === "INSTITUTIONS" && guide.institutions.length > 0) {
          pdf.gap(4);
          pdf.list(
            guide.institutions.map((i) => ({
              lines: [
                { text: i.name, style: { bold: true, lang: i.nameLocale } },
                { text: `${i.nameZh} · ${i.addressZh}`, style: { lang: "zh" } },
                { text: `${labels.phone} ${isolate(i.phone)}`, style: { lang: locale } },
              ],
            })),
          );
        }
      },
      { lang: s.locale },
    );
  }
  pdf.gap(12);
  pdf.rule();
  pdf.paragraph(labels.demo, { size: 8, color: GREY });
  return pdf.end();
}
