// One home for the finder's SQL over the search documents (ADR 0029): the
// tables institution_search (one row per institution: every value a filter,
// facet or text match reads), institution_sort (the orders per locale) and
// institution_facet_total (counts per facet value), all kept by triggers in
// prisma/migrations/20261205090000_catalogue_search. A rule here reads only
// those tables, so a search costs the rows it matches, not the catalogue.
import { Prisma } from "../db/generated/client";
import { isoDate, type CalendarDate } from "../time/zone";
import { isLocale } from "../i18n/locales";
import type { HospitalFacetKey, HospitalQuery } from "./hospital-filters";
import type { TextMatch } from "./text-search";

/**
 * At most this many text matches are counted and ranked; more are reported as
 * "more than" (ADR 0029: 250 reads a broad term's matches in about a quarter of
 * the buffers 1,000 did, and a term of middle breadth by an index walk).
 */
export const TEXT_MATCH_LIMIT = 250;

/** The locale whose sort rows a search reads: the page's, or English for any other. */
export function sortLocale(locale: string): string {
  return isLocale(locale) ? locale : "en";
}

const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

/**
 * The Han grams a term's matches must all have (han_grams in the migration
 * keeps each name's unigrams and bigrams): a one-character run looks up its
 * character, a longer one its bigrams. "协和" -> ["协和"], "协" -> ["协"].
 */
export function hanQueryGrams(text: string): string[] {
  const grams = new Set<string>();
  for (const [run] of text.matchAll(HAN_RUN)) {
    const chars = [...run];
    if (chars.length === 1) grams.add(chars[0]!);
    for (let k = 0; k + 1 < chars.length; k++) grams.add(chars[k]! + chars[k + 1]!);
  }
  return [...grams];
}

const HAN = /\p{Script=Han}/u;

/**
 * The document aliased `d` matches the free text: by name (any language; the
 * Chinese name and names for a Han term, pinyin and names for another), by
 * the name of a department or package it offers, or by a specialty or
 * condition whose name matched (`specialties`, `conditions`). A Han term goes
 * through the n-gram index first, then the real match; any other through the
 * trigram indexes.
 */
export function documentTextMatch(m: TextMatch, specialties: string[], conditions: string[]): Prisma.Sql {
  const codes = Prisma.sql`d.specialties && ${specialties}::text[] OR d.conditions && ${conditions}::text[]`;
  if (HAN.test(m.folded)) {
    const grams = hanQueryGrams(m.folded);
    const exact = Prisma.sql`(d.name_zh ILIKE ${m.pattern} OR d.names_text ILIKE ${m.pattern} OR d.care ILIKE ${m.pattern})`;
    const named = grams.length ? Prisma.sql`(d.han @> ${grams}::text[] AND ${exact})` : exact;
    return Prisma.sql`(${named} OR ${codes})`;
  }
  return Prisma.sql`(d.pinyin LIKE ${m.compactPattern} OR d.names_text LIKE ${m.pattern} OR d.care LIKE ${m.pattern} OR ${codes})`;
}

/** Higher for better matches: similarity of the closest name (as before ADR 0029). */
export function documentTextScore(m: TextMatch): Prisma.Sql {
  return Prisma.sql`GREATEST(
    similarity(d.name_zh, ${m.folded}),
    similarity(d.pinyin, ${m.folded.replace(/ /g, "")}),
    COALESCE((SELECT max(similarity(n, ${m.folded})) FROM unnest(d.names) n), 0))`;
}

export interface DocumentFilterInput {
  q: HospitalQuery;
  today: CalendarDate;
}

/**
 * SQL: the finder's token ("city:<id>", "language:en", "payment:direct") of a stored facet row
 * (institution_facet_total, institution_facet_bits) from its facet and value columns. Payment's
 * values are kept as the facets "direct" (direct billing in force) and "all" (every institution
 * takes self-pay).
 */
export function facetTokenSql(facet: Prisma.Sql, value: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE ${facet} WHEN 'direct' THEN 'payment:direct' WHEN 'all' THEN 'payment:self' ELSE ${facet} || ':' || ${value} END`;
}

/**
 * SQL rows (city_id, n): the cities with listed institutions and how many, from the kept totals
 * (institution_facet_total, facet "city"). The finder's city list and the home page's cities.
 */
export const citiesWithInstitutions = Prisma.sql`SELECT f.value AS city_id, f.n FROM institution_facet_total f
  WHERE f.facet = 'city' AND f.n > 0`;

/** The id of the city with this slug (NULL when none), as SQL: what a city filter keeps. */
export const cityIdOf = (slug: string) => Prisma.sql`(SELECT id FROM city WHERE slug = ${slug})`;

/** The id of the insurer with this slug (NULL when none), as SQL: what an insurer filter keeps. */
export const insurerIdOf = (slug: string) => Prisma.sql`(SELECT id FROM insurer WHERE slug = ${slug})`;

/** The condition one filter puts on the document aliased `d`, or null when it is not set. */
export function documentFilter(r: DocumentFilterInput, key: HospitalFacetKey): Prisma.Sql | null {
  const { q } = r;
  switch (key) {
    case "city":
      return q.city ? Prisma.sql`d.city_id = ${cityIdOf(q.city)}` : null;
    case "specialty":
      return q.specialty ? Prisma.sql`d.specialties @> ARRAY[${q.specialty}]::text[]` : null;
    case "language":
      return q.language ? Prisma.sql`d.languages @> ARRAY[${q.language}]::text[]` : null;
    case "insurer":
      return q.insurer
        ? Prisma.sql`(d.insurers @> ARRAY[${insurerIdOf(q.insurer)}] AND EXISTS (SELECT 1 FROM unnest(d.insurers, d.insurer_days) AS u(ins, days) WHERE u.ins = ${insurerIdOf(q.insurer)} AND u.days @> ${isoDate(r.today)}::date))`
        : null;
    case "payment":
      return q.payment === "direct" ? Prisma.sql`d.direct_days @> ${isoDate(r.today)}::date` : null;
    case "ownership":
      return q.ownership ? Prisma.sql`d.ownership = ${q.ownership}` : null;
    case "accreditation":
      return q.accreditation ? Prisma.sql`d.accreditations @> ARRAY[${q.accreditation}]::text[]` : null;
    case "service":
      return q.service ? Prisma.sql`d.services @> ARRAY[${q.service}]::text[]` : null;
    case "tcm":
      return q.tcm === undefined ? null : Prisma.sql`d.tcm = ${q.tcm}`;
    case "emergency":
      return q.emergency === undefined ? null : Prisma.sql`d.emergency = ${q.emergency}`;
  }
}

/**
 * Filters in the order the finder narrows by first when it needs rows that
 * pass all filters but one (the disjunctive facets): the most selective and
 * indexed first.
 */
export const narrowingOrder: readonly HospitalFacetKey[] = [
  "city",
  "specialty",
  "insurer",
  "accreditation",
  "language",
  "service",
  "ownership",
  "payment",
  "tcm",
  "emergency",
];
