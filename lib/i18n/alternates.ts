import type { Metadata } from "next";
import { publicBaseUrl } from "../env";
import { defaultLocale, locales, type Locale } from "./locales";

/**
 * Canonical and hreflang links for a page that exists in every locale.
 * `path` is the locale-less path, e.g. "/" or "/privacy".
 */
export function localeAlternates(locale: Locale, path: string): Metadata["alternates"] {
  return { canonical: localeUrl(locale, path), languages: hreflangUrls(path) };
}

/** The page's address in one locale. */
export function localeUrl(locale: Locale, path: string): string {
  return `${publicBaseUrl()}/${locale}${path === "/" ? "" : path}`;
}

/** hreflang → address of the page in every locale, plus x-default (pages' links and the sitemaps). */
export function hreflangUrls(path: string): Record<string, string> {
  const languages: Record<string, string> = Object.fromEntries(locales.map((l) => [l, localeUrl(l, path)]));
  languages["x-default"] = localeUrl(defaultLocale, path);
  return languages;
}
