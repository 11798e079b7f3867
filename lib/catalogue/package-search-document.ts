// One home for the package finder's SQL over its search documents: the tables
// package_search (one row per offered package: every value the finder filters,
// sorts and matches on) and package_facet_total (offered packages per
// condition, therapy, city and duration), kept by triggers in
// prisma/migrations/20261206090000_package_search. A rule here reads only those
// tables, so a search costs the rows it returns, not the catalogue.
import { Prisma } from "../db/generated/client";
import type { PackageQuery } from "./package-filters";
import { hanQueryGrams } from "./search-document";
import { containsPattern, foldText } from "./text-search";

const HAN = /\p{Script=Han}/u;

/** The city the query names, as an id (null when no city has that slug). */
function cityId(slug: string): Prisma.Sql {
  return Prisma.sql`(SELECT id FROM city WHERE slug = ${slug})`;
}

/**
 * The document aliased `d` matches the free text: a package name in any
 * language, the institution's Chinese name or a name of it in any language. A
 * Han term must first have all its n-grams (GIN), then the real match decides;
 * any other goes through the trigram index.
 */
function textFilter(text: string): Prisma.Sql {
  const folded = foldText(text);
  const match = Prisma.sql`d.names ILIKE ${containsPattern(folded)}`;
  const grams = HAN.test(folded) ? hanQueryGrams(folded) : [];
  return grams.length ? Prisma.sql`(d.han @> ${grams}::text[] AND ${match})` : match;
}

/** The conditions every filter but the city's puts on the document aliased `d`. */
export function packageFilters(q: PackageQuery): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (q.condition) parts.push(Prisma.sql`d.conditions @> ARRAY[${q.condition}]::text[]`);
  if (q.therapy) parts.push(Prisma.sql`d.therapies @> ARRAY[${q.therapy}]::text[]`);
  if (q.maxDays !== undefined) parts.push(Prisma.sql`d.duration_days <= ${q.maxDays}`);
  if (q.minPrice !== undefined) parts.push(Prisma.sql`d.price_fen >= ${q.minPrice * 100}`);
  if (q.maxPrice !== undefined) parts.push(Prisma.sql`d.price_fen <= ${q.maxPrice * 100}`);
  if (q.q) parts.push(textFilter(q.q));
  return parts;
}

/** The condition the city filter puts on a row aliased `alias` with a city_id, or null. */
export function packageCityFilter(q: PackageQuery, alias = "d"): Prisma.Sql | null {
  return q.city ? Prisma.sql`${Prisma.raw(`"${alias}"`)}.city_id = ${cityId(q.city)}` : null;
}

/**
 * The asked city offers packages (one row of package_facet_total), or null
 * without a city: a condition on no row, so the page's walk is not started for
 * a city the finder refuses (one without packages matches no document, and its
 * walk would read the whole order).
 */
export function packageCityOffers(q: PackageQuery): Prisma.Sql | null {
  return q.city ? Prisma.sql`${cityId(q.city)} IN (${offeredPackageCities})` : null;
}

/**
 * SQL: (city_id, n) for every city with a match under every filter but the
 * city's. Without text or price, one package_facet_total row per city (n, or
 * the sum of by_days up to maxDays), however many packages match; otherwise a
 * count of the matching documents.
 */
export function packageCityCounts(q: PackageQuery): Prisma.Sql {
  if (q.q === undefined && q.minPrice === undefined && q.maxPrice === undefined) {
    const n =
      q.maxDays !== undefined
        ? Prisma.sql`(SELECT COALESCE(sum(x), 0) FROM unnest(f.by_days[1:${q.maxDays}::int]) x)::int`
        : Prisma.sql`f.n`;
    return Prisma.sql`SELECT f.city_id, ${n} AS n FROM package_facet_total f
      WHERE f.condition = ${q.condition ?? ""} AND f.therapy = ${q.therapy ?? ""}`;
  }
  return Prisma.sql`SELECT d.city_id, count(*)::int AS n FROM package_search d
    WHERE ${Prisma.join(packageFilters(q), " AND ")} GROUP BY d.city_id`;
}

/** SQL: the ids of the cities with at least one offered package. */
export const offeredPackageCities = Prisma.sql`SELECT f.city_id FROM package_facet_total f
  WHERE f.condition = '' AND f.therapy = '' AND f.n > 0`;

/** The list order of documents aliased `d` (each has its index in the migration). */
export function packageOrder(sort: PackageQuery["sort"]): Prisma.Sql {
  switch (sort) {
    case "price":
      return Prisma.sql`d.price_fen ASC, d.slug`;
    case "days":
      return Prisma.sql`d.duration_days ASC, d.slug`;
    case "sessions":
      return Prisma.sql`d.sessions DESC, d.slug`;
    default:
      return Prisma.sql`d.guide_listed DESC, d.price_fen ASC, d.slug`;
  }
}
