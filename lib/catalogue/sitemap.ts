// Use case: every public URL of the portal in one locale, for search engines.
import type { DbClient } from "../db/create-client";

export const STATIC_PATHS = ["", "/hospitals", "/packages", "/privacy"] as const;

export interface SitemapEntry {
  path: string;
  lastModified?: Date;
}

export async function sitemapPaths(db: DbClient): Promise<SitemapEntry[]> {
  const [institutions, packages] = await Promise.all([
    db.institution.findMany({ select: { slug: true, updatedAt: true }, orderBy: { slug: "asc" } }),
    db.tcmPackage.findMany({ select: { slug: true, updatedAt: true }, orderBy: { slug: "asc" } }),
  ]);
  return [
    ...STATIC_PATHS.map((path) => ({ path })),
    ...institutions.map((i) => ({ path: `/hospitals/${i.slug}`, lastModified: i.updatedAt })),
    ...packages.map((p) => ({ path: `/packages/${p.slug}`, lastModified: p.updatedAt })),
  ];
}
