import type { Metadata } from "next";
import { publicBaseUrl } from "../env";
import { defaultLocale, locales, type Locale } from "./locales";

/**
 * Canonical and hreflang links for a page that exists in every locale.
 * `path` is the locale-less path, e.g. "/" or "/privacy".
 */
export function localeAlternates(locale: Locale, path: string): Metadata["alternates"] {
  const base = publicBaseUrl();
  const suffix = path === "/" ? "" : path;
  const languages: Record<string, string> = Object.fromEntries(
    locales.map((l) => [l, `${base}/${l}${suffix}`]),
  );
  languages["x-default"] = `${base}/${defaultLocale}${suffix}`;
  return { canonical: `${base}/${locale}${suffix}`, languages };
}
