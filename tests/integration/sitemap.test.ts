// The sitemaps' pages on the real database (issue 17, "Sitemaps"): the payment
// checker, the guide index and every city whose guide has a published version
// are listed; a city whose guide is only a draft is not.
import { beforeAll, describe, expect, it } from "vitest";
import { sitemapPaths } from "../../lib/catalogue/sitemap";
import { listPublishedGuides } from "../../lib/guide/get-published-guide";
import { loadDemoSeed } from "../setup/demo-db";
import { testDb } from "../helpers/db";

async function cityWithGuide(
  slug: string,
  versions: { status: "PUBLISHED" | "ARCHIVED" | "DRAFT"; publishedAt?: Date }[],
) {
  const db = testDb();
  const city = await db.city.create({
    data: {
      slug,
      nameZh: "测试市",
      province: "Test",
      translations: { create: { locale: "en", name: slug } },
    },
  });
  await db.guide.create({
    data: {
      cityId: city.id,
      versions: { create: versions.map((v, i) => ({ version: i + 1, ...v })) },
    },
  });
}

describe("sitemapPaths", () => {
  beforeAll(async () => {
    await loadDemoSeed();
  });

  it("lists the static pages, every institution and package, and each published guide with its date", async () => {
    const db = testDb();
    await cityWithGuide("sitemap-published", [
      { status: "ARCHIVED", publishedAt: new Date("2026-01-01T00:00:00Z") },
      { status: "PUBLISHED", publishedAt: new Date("2026-06-01T00:00:00Z") },
      { status: "DRAFT" },
    ]);
    await cityWithGuide("sitemap-draft-only", [{ status: "DRAFT" }]);

    const entries = await sitemapPaths(db);
    const paths = entries.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(["/", "/hospitals", "/packages", "/payment", "/guide", "/privacy"]),
    );
    expect(new Set(paths).size).toBe(paths.length);

    const institutions = await db.institution.findMany({ select: { slug: true } });
    const packages = await db.tcmPackage.findMany({ select: { slug: true } });
    expect(institutions.length).toBeGreaterThan(0);
    expect(packages.length).toBeGreaterThan(0);
    for (const i of institutions) expect(paths).toContain(`/hospitals/${i.slug}`);
    for (const p of packages) expect(paths).toContain(`/packages/${p.slug}`);

    const guides = paths.filter((p) => p.startsWith("/guide/"));
    const published = await listPublishedGuides(db, "en");
    expect(published.length).toBeGreaterThan(1);
    expect(guides.sort()).toEqual(published.map((c) => `/guide/${c.slug}`).sort());
    expect(guides).toContain("/guide/sitemap-published");
    expect(guides).not.toContain("/guide/sitemap-draft-only");
    expect(entries.find((e) => e.path === "/guide/sitemap-published")?.lastModified).toEqual(
      new Date("2026-06-01T00:00:00Z"),
    );
  });
});
