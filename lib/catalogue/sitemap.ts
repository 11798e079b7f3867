// Use case: every public URL of the portal in one locale, for search engines.
import type { DbClient } from "../db/create-client";
import { offeredPackage } from "./offered";

/** Pages without a parameter: home, finder, packages, payment checker, guide index, privacy. */
export const STATIC_PATHS = ["/", "/hospitals", "/packages", "/payment", "/guide", "/privacy"] as const;

export interface SitemapEntry {
  /** The locale-less path ("/" for the home page). */
  path: string;
  lastModified?: Date;
}

/** Static pages, every institution and TCM package, and each city whose guide has a published version. */
export async function sitemapPaths(db: DbClient): Promise<SitemapEntry[]> {
  const published = { status: "PUBLISHED" as const };
  const [institutions, packages, guideCities] = await Promise.all([
    db.institution.findMany({ select: { slug: true, updatedAt: true }, orderBy: { slug: "asc" } }),
    db.tcmPackage.findMany({
      where: offeredPackage,
      select: { slug: true, updatedAt: true },
      orderBy: { slug: "asc" },
    }),
    db.city.findMany({
      where: { guide: { versions: { some: published } } },
      select: {
        slug: true,
        guide: {
          select: {
            versions: {
              where: published,
              orderBy: { publishedAt: "desc" },
              take: 1,
              select: { publishedAt: true },
            },
          },
        },
      },
      orderBy: { slug: "asc" },
    }),
  ]);
  return [
    ...STATIC_PATHS.map((path) => ({ path })),
    ...institutions.map((i) => ({ path: `/hospitals/${i.slug}`, lastModified: i.updatedAt })),
    ...packages.map((p) => ({ path: `/packages/${p.slug}`, lastModified: p.updatedAt })),
    ...guideCities.map((c) => ({
      path: `/guide/${c.slug}`,
      lastModified: c.guide?.versions[0]?.publishedAt ?? undefined,
    })),
  ];
}
