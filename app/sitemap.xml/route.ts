import { publicBaseUrl } from "@/lib/env";
import { locales } from "@/lib/i18n/locales";

export const dynamic = "force-dynamic";

/** Sitemap index: one sitemap per locale. */
export function GET() {
  const base = publicBaseUrl();
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...locales.map((l) => `  <sitemap><loc>${base}/sitemaps/sitemap/${l}.xml</loc></sitemap>`),
    "</sitemapindex>",
  ].join("\n");
  return new Response(body, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
