// What every page under /[locale] starts with: its props' type (the route's
// params with the locale, and the query) and openPage, which reads the params
// and tells next-intl the request's locale so the page can render statically.
import type { Locale } from "next-intl";
import { setRequestLocale } from "next-intl/server";

export type SearchParams = Record<string, string | string[] | undefined>;

/** A page's props: `P` are its route params besides the locale. */
export type PageProps<P extends object = object> = {
  params: Promise<{ locale: Locale } & P>;
  searchParams: Promise<SearchParams>;
};

export async function openPage<P extends object>(params: Promise<{ locale: Locale } & P>) {
  const p = await params;
  setRequestLocale(p.locale);
  return p;
}
