// One home for showing catalogue content that may be in another language than
// the page (a name or text that fell back to English or Chinese): it carries
// its own lang, and dir where its direction differs from the page's, so screen
// readers pronounce it in its language and Arabic pages lay it out correctly.
import { useLocale } from "next-intl";
import type { ElementType } from "react";
import { localeMeta, type Locale } from "@/lib/i18n/locales";

/** A value and the locale it is written in (a Localized<string> from lib/i18n/content.ts fits). */
export interface InLanguage {
  value: string;
  locale: string;
}

const directionOf = (locale: string): "ltr" | "rtl" => localeMeta[locale as Locale]?.dir ?? "ltr";

/** lang (and dir, where it differs) for content in `textLocale` shown on a page in `pageLocale`; {} when they match. */
export function languageAttributes(
  textLocale: string,
  pageLocale: string,
): { lang?: string; dir?: "ltr" | "rtl" } {
  if (textLocale === pageLocale) return {};
  const dir = directionOf(textLocale);
  return dir === directionOf(pageLocale) ? { lang: textLocale } : { lang: textLocale, dir };
}

/** The text, marked with its language when it is not the page's. */
export function LocalizedText({
  value,
  locale,
  as: Tag = "span",
  className,
}: InLanguage & { as?: ElementType; className?: string }) {
  const attributes = languageAttributes(locale, useLocale());
  if (!attributes.lang && !className && Tag === "span") return <>{value}</>;
  return (
    <Tag className={className} {...attributes}>
      {value}
    </Tag>
  );
}
