import { contentFallbackChain } from "./locales";

export interface Localized<T> {
  value: T;
  /** The locale the value is actually in. */
  locale: string;
  /** True when the value is not in the requested locale. */
  isFallback: boolean;
}

/**
 * Picks the translation row for a locale from an entity's translations,
 * falling back requested -> en -> zh, then to any row there is.
 */
export function pickTranslation<T extends { locale: string }>(
  translations: readonly T[],
  locale: string,
): Localized<T> | null {
  for (const candidate of contentFallbackChain(locale)) {
    const found = translations.find((t) => t.locale === candidate);
    if (found) return { value: found, locale: candidate, isFallback: candidate !== locale };
  }
  const first = translations[0];
  return first ? { value: first, locale: first.locale, isFallback: first.locale !== locale } : null;
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
