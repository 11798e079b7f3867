// What every page under /[locale] starts with: its props' type (the route's
// params with the locale, and the query) and openPage, which reads the params
// and tells next-intl the request's locale so the page can render statically.
import { hasLocale, type Locale } from "next-intl";
import { setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { routing } from "@/lib/i18n/routing";

export type SearchParams = Record<string, string | string[] | undefined>;

/** A page's props: `P` are its route params besides the locale. */
export type PageProps<P extends object = object> = {
  params: Promise<{ locale: Locale } & P>;
  searchParams: Promise<SearchParams>;
};

export async function openPage<P extends object>(params: Promise<{ locale: Locale } & P>) {
  const p = await params;
  // A path the proxy does not see (one with a dot, such as /apple-touch-icon.png) reaches
  // [locale] with whatever its first segment is; the layout answers 404, but Next renders the
  // page beside it, and Intl would throw on such a locale (RangeError in the server log).
  if (!hasLocale(routing.locales, p.locale)) notFound();
  setRequestLocale(p.locale);
  return p;
}
