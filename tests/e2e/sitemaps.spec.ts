// Issue 17, "Sitemaps": the index and every locale's sitemap are valid against
// the sitemaps.org schemas (libxml2, tests/helpers/sitemap-xsd.ts), list the
// payment checker, the guide index and each published city guide with their
// hreflang alternates in every locale, and every URL they list answers 200.
import { expect, test } from "@playwright/test";
import { locales } from "../../lib/i18n/locales";
import { sitemapErrors } from "../helpers/sitemap-xsd";

interface SitemapUrl {
  loc: string;
  alternates: Record<string, string>;
}

function parseUrls(xml: string): SitemapUrl[] {
  return [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map(([, body]) => ({
    loc: /<loc>([^<]+)<\/loc>/.exec(body!)![1]!,
    alternates: Object.fromEntries(
      [...body!.matchAll(/<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map(
        ([, l, h]) => [l, h],
      ),
    ),
  }));
}

test("the sitemaps are valid, list every public page in every locale with hreflang, and each answers 200", async ({
  request,
}) => {
  test.setTimeout(600_000);
  const index = await request.get("/sitemap.xml");
  expect(index.status()).toBe(200);
  const indexXml = await index.text();
  expect(await sitemapErrors(indexXml, "index")).toEqual([]);
  const sitemaps = [...indexXml.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => new URL(loc!).pathname);
  expect(sitemaps).toEqual(locales.map((l) => `/sitemaps/sitemap/${l}.xml`));

  const pages = new Set<string>();
  let pathsOfFirst: string[] | undefined;
  for (const [i, locale] of locales.entries()) {
    const response = await request.get(sitemaps[i]!);
    expect(response.status(), sitemaps[i]).toBe(200);
    const xml = await response.text();
    expect(await sitemapErrors(xml, "sitemap"), sitemaps[i]).toEqual([]);
    const urls = parseUrls(xml);
    const paths = urls.map((u) => new URL(u.loc).pathname.replace(new RegExp(`^/${locale}`), "") || "/");
    expect(paths).toEqual(
      expect.arrayContaining(["/", "/payment", "/guide", "/guide/beijing", "/hospitals"]),
    );
    expect(paths.filter((p) => p.startsWith("/guide/")).length).toBeGreaterThanOrEqual(7);
    // Every locale's sitemap lists the same pages.
    pathsOfFirst ??= paths;
    expect(paths).toEqual(pathsOfFirst);
    for (const [j, url] of urls.entries()) {
      expect(Object.keys(url.alternates).sort(), url.loc).toEqual([...locales, "x-default"].sort());
      expect(url.alternates[locale]).toBe(url.loc);
      for (const l of locales)
        expect(new URL(url.alternates[l]!).pathname).toBe(`/${l}${paths[j] === "/" ? "" : paths[j]}`);
      pages.add(new URL(url.loc).pathname);
    }
  }

  // Every listed page answers 200 (a few at a time: the server is shared with the rest of the suite).
  const queue = [...pages];
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let path = queue.shift(); path; path = queue.shift()) {
        const status = (await request.get(path, { maxRedirects: 0 })).status();
        if (status !== 200) failures.push(`${path}: ${status}`);
      }
    }),
  );
  expect(failures).toEqual([]);
  expect(pages.size).toBe(locales.length * pathsOfFirst!.length);
});
