// Use case: the published guide of a city as a PDF in the reader's language
// (bilingual: each section followed by its Chinese text).
import { createTranslator } from "next-intl";
import type { DbClient } from "../db/create-client";
import type { Locale } from "../i18n/locales";
import { loadMessages } from "../i18n/messages";
import { getPublishedGuide } from "./get-published-guide";
import { renderGuidePdf } from "./guide-pdf";

export async function getGuidePdf(db: DbClient, citySlug: string, locale: Locale, bilingual: boolean) {
  const guide = await getPublishedGuide(db, citySlug, locale);
  const t = createTranslator({ locale, messages: await loadMessages(locale), namespace: "Guide" });
  const published = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Asia/Shanghai" }).format(
    guide.publishedAt,
  );
  const pdf = await renderGuidePdf(
    guide,
    locale,
    {
      title: t("title", { city: guide.city.name }),
      published: t("publishedOn", { date: published, version: guide.version }),
      fallback: (language, shown) => t("fallback", { language, shown }),
      phone: t("phone"),
      emergency: t("emergencyNumbers", guide.city.emergency),
      demo: t("demoNote"),
    },
    { bilingual },
  );
  return {
    pdf,
    filename: `guide-${guide.city.slug}-v${guide.version}-${locale}${bilingual ? "-zh" : ""}.pdf`,
  };
}
