// Use case: the published guide of a city as a PDF in the reader's language
// (bilingual: each section followed by its Chinese text).
import { createTranslator } from "next-intl";
import type { DbClient } from "../db/create-client";
import type { Locale } from "../i18n/locales";
import { loadMessages } from "../i18n/messages";
import { getPublishedGuide, type PublishedGuide } from "./get-published-guide";
import { renderGuidePdf, type GuidePdfLabels } from "./guide-pdf";

/** The guide PDF's labels in the reader's language (the date in Beijing's calendar). */
export async function guidePdfLabels(guide: PublishedGuide, locale: Locale): Promise<GuidePdfLabels> {
  const t = createTranslator({ locale, messages: await loadMessages(locale), namespace: "Guide" });
  const published = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Asia/Shanghai" }).format(
    guide.publishedAt,
  );
  return {
    title: t("title", { city: guide.city.name }),
    published: t("publishedOn", { date: published, version: guide.version }),
    fallback: (language, shown) => t("fallback", { language, shown }),
    phone: t("phone"),
    emergency: t("emergencyNumbers", guide.city.emergency),
    demo: t("demoNote"),
  };
}

export async function getGuidePdf(db: DbClient, citySlug: string, locale: Locale, bilingual: boolean) {
  const guide = await getPublishedGuide(db, citySlug, locale);
  const pdf = await renderGuidePdf(guide, locale, await guidePdfLabels(guide, locale), { bilingual });
  return {
    pdf,
    filename: `guide-${guide.city.slug}-v${guide.version}-${locale}${bilingual ? "-zh" : ""}.pdf`,
  };
}
