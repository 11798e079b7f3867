import type { MetadataRoute } from "next";
import { sitemapPaths } from "@/lib/catalogue/sitemap";
import { getDb } from "@/lib/db/client";
import { publicBaseUrl } from "@/lib/env";
import { isLocale, locales } from "@/lib/i18n/locales";

// One sitemap per locale: /sitemaps/sitemap/{locale}.xml (index at /sitemap.xml).
export const dynamic = "force-dynamic";

export async function generateSitemaps() {
  return locales.map((id) => ({ id }));
}

export default async function sitemap(props: { id: Promise<string> }): Promise<MetadataRoute.Sitemap> {
  const id = await props.id;
  if (!isLocale(id)) return [];
  const base = publicBaseUrl();
  return (await sitemapPaths(getDb())).map((entry) => ({
    url: `${base}/${id}${entry.path}`,
    lastModified: entry.lastModified,
  }));
}
