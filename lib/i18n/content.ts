import { isOutdated, SOURCE_LOCALE } from "../catalogue/translation-text";
import { contentFallbackChain } from "./locales";

export interface Localized<T> {
  value: T;
  /** The locale the value is actually in. */
  locale: string;
  /** True when the value is not in the requested locale. */
  isFallback: boolean;
  /**
   * True when the value is a translation written before the English text last
   * changed (rows carrying `writtenAt`, lib/catalogue/translation-text.ts): it
   * is shown, with the fallback notice's "may be out of date" variant.
   */
  outdated?: boolean;
}

/**
 * Picks the translation row for a locale from an entity's translations,
 * falling back requested -> en -> zh, then to any row there is. A picked row
 * older than the English row among them is marked `outdated`.
 */
export function pickTranslation<T extends { locale: string; writtenAt?: Date }>(
  translations: readonly T[],
  locale: string,
): Localized<T> | null {
  const english = translations.find((t) => t.locale === SOURCE_LOCALE);
  const picked = (value: T): Localized<T> => ({
    value,
    locale: value.locale,
    isFallback: value.locale !== locale,
    outdated:
      !!value.writtenAt &&
      !!english?.writtenAt &&
      isOutdated(value as { locale: string; writtenAt: Date }, english as { writtenAt: Date }),
  });
  for (const candidate of contentFallbackChain(locale)) {
    const found = translations.find((t) => t.locale === candidate);
    if (found) return picked(found);
  }
  const first = translations[0];
  return first ? picked(first) : null;
}

/** The locales to load from a translations table for one requested locale. */
export function translationLocales(locale: string): string[] {
  return contentFallbackChain(locale);
}

/** The Prisma selection of an entity's translated names usable for `locale` (with its fallbacks). */
export function nameTranslations(locale: string) {
  return {
    where: { locale: { in: translationLocales(locale) } },
    select: { locale: true as const, name: true as const },
  };
}

/** The name in `locale` (falling back like pickTranslation) from such rows, else `fallback`. */
export function pickName(
  translations: readonly { locale: string; name: string }[] | undefined,
  locale: string,
  fallback = "",
): string {
  return pickTranslation(translations ?? [], locale)?.value.name ?? fallback;
}

/**
 * The name in `locale` (falling back like pickTranslation) with the locale it is in, else
 * `fallback` (e.g. the Chinese name) in `fallbackLocale`: what a page needs to mark a
 * fallback name with its language.
 */
export function pickLocalizedName(
  translations: readonly { locale: string; name: string }[] | undefined,
  locale: string,
  fallback: string,
  fallbackLocale = "zh",
): Localized<string> {
  const picked = pickTranslation(translations ?? [], locale);
  return picked
    ? { value: picked.value.name, locale: picked.locale, isFallback: picked.isFallback }
    : { value: fallback, locale: fallbackLocale, isFallback: fallbackLocale !== locale };
}

/** A picked name as the `name` and `nameLocale` fields of a domain value. */
export function nameFields(n: Localized<string>): { name: string; nameLocale: string } {
  return { name: n.value, nameLocale: n.locale };
}
