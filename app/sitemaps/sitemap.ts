import type { MetadataRoute } from "next";
import { sitemapPaths } from "@/lib/catalogue/sitemap";
import { catalogueDb } from "@/app/[locale]/_catalogue/read-db";
import { hreflangUrls, localeUrl } from "@/lib/i18n/alternates";
import { isLocale, locales } from "@/lib/i18n/locales";

// One sitemap per locale: /sitemaps/sitemap/{locale}.xml (index at /sitemap.xml). Each URL lists
// the same page in every locale (hreflang alternates, x-default English), like the pages' own links.
export const dynamic = "force-dynamic";

export async function generateSitemaps() {
  return locales.map((id) => ({ id }));
}

export default async function sitemap(props: { id: Promise<string> }): Promise<MetadataRoute.Sitemap> {
  const id = await props.id;
  if (!isLocale(id)) return [];
  return (await sitemapPaths(await catalogueDb())).map((entry) => ({
    url: localeUrl(id, entry.path),
    // No lastModified: Next writes <lastmod> after the xhtml:link alternates, which sitemap.xsd's
    // sequence (loc, lastmod, …, then foreign elements) rejects; hreflang matters more here.
    alternates: { languages: hreflangUrls(entry.path) },
  }));
}
