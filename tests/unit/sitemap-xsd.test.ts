// The sitemap validator the e2e sitemaps spec relies on rejects what the
// sitemaps.org schemas reject, so its "valid" means something.
import { describe, expect, it } from "vitest";
import { sitemapErrors } from "../helpers/sitemap-xsd";

const urlset = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${body}</urlset>`;

describe("sitemapErrors", () => {
  it("accepts a sitemap with hreflang alternates and a sitemap index", async () => {
    expect(
      await sitemapErrors(
        urlset(
          '<url><loc>https://portal.example/en/guide</loc><lastmod>2026-06-01T00:00:00.000Z</lastmod><xhtml:link rel="alternate" hreflang="ar" href="https://portal.example/ar/guide"/><xhtml:link rel="alternate" hreflang="x-default" href="https://portal.example/en/guide"/></url>',
        ),
        "sitemap",
      ),
    ).toEqual([]);
    expect(
      await sitemapErrors(
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://portal.example/sitemaps/sitemap/en.xml</loc></sitemap></sitemapindex>',
        "index",
      ),
    ).toEqual([]);
  });

  it("rejects a URL without loc, a bad lastmod, an alternate without href and an unknown element", async () => {
    for (const body of [
      "<url><lastmod>2026-06-01</lastmod></url>",
      "<url><loc>https://portal.example/en</loc><lastmod>June 2026</lastmod></url>",
      '<url><loc>https://portal.example/en</loc><xhtml:link rel="alternate" hreflang="ar"/></url>',
      "<url><loc>https://portal.example/en</loc><title>Home</title></url>",
    ]) {
      expect(await sitemapErrors(urlset(body), "sitemap"), body).not.toEqual([]);
    }
    expect(
      await sitemapErrors(urlset("<url><loc>https://portal.example/en</loc></url>"), "index"),
    ).not.toEqual([]);
  });
});
