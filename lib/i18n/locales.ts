// Locale metadata shared by routing, layout and content fallback. Pure data:
// safe to import from client components, scripts and tests.
export const locales = [
  "en",
  "zh",
  "ru",
  "ar",
  "ja",
  "ko",
  "fr",
  "es",
  "de",
  "id",
  "th",
  "vi",
  "mn",
  "kk",
] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

export interface LocaleMeta {
  /** The language's own name for itself, shown in the switcher. */
  nativeName: string;
  dir: "ltr" | "rtl";
}

export const localeMeta: Record<Locale, LocaleMeta> = {
  en: { nativeName: "English", dir: "ltr" },
  zh: { nativeName: "简体中文", dir: "ltr" },
  ru: { nativeName: "Русский", dir: "ltr" },
  ar: { nativeName: "العربية", dir: "rtl" },
  ja: { nativeName: "日本語", dir: "ltr" },
  ko: { nativeName: "한국어", dir: "ltr" },
  fr: { nativeName: "Français", dir: "ltr" },
  es: { nativeName: "Español", dir: "ltr" },
  de: { nativeName: "Deutsch", dir: "ltr" },
  id: { nativeName: "Bahasa Indonesia", dir: "ltr" },
  th: { nativeName: "ไทย", dir: "ltr" },
  vi: { nativeName: "Tiếng Việt", dir: "ltr" },
  mn: { nativeName: "Монгол", dir: "ltr" },
  kk: { nativeName: "Қазақ тілі", dir: "ltr" },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function direction(locale: Locale): "ltr" | "rtl" {
  return localeMeta[locale].dir;
}

/** Catalogue content falls back from the requested locale to English, then Chinese. */
export function contentFallbackChain(locale: string): string[] {
  return [...new Set([locale, "en", "zh"])];
}

/**
 * The best supported locale for an Accept-Language header value, or the default.
 * "zh-CN,zh;q=0.9,en;q=0.8" -> "zh".
 */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return defaultLocale;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number.parseFloat(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (isLocale(primary)) return primary;
  }
  return defaultLocale;
}
