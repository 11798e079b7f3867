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
