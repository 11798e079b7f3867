// Use case: the hospital finder. Filters, free text, disjunctive facet counts
// (each facet counts what its values would leave with every *other* filter
// applied), sorting and pagination, with content in the requested locale.
// One statement over the search documents (lib/catalogue/search-document.ts,
// ADR 0029): the matching rows, the total, every facet's counts in one pass,
// and the page's cards; then the booking status of the page's institutions.
import type { DbClient } from "../db/create-client";
import { Prisma, type HospitalGrade, type InstitutionService, type Ownership } from "../db/generated/client";
import { AppError } from "../errors";
import { nameFields, pickLocalizedName, pickTranslation, translationLocales } from "../i18n/content";
import { calendarDateOf, isoDate } from "../time/zone";
import { agreementActiveOn } from "../payment/agreement-active";
import { bookingAvailability, takesOnlineBookings } from "./booking-availability";
import { hospitalFilterKeys, type HospitalFacetKey, type HospitalQuery } from "./hospital-filters";
import { isOpenAt, parseHours, type WeeklyHours } from "./hours";
import { loadMessages } from "../i18n/messages";
import { isLocale } from "../i18n/locales";
import { codesNamed, textMatch } from "./text-search";
import {
  citiesWithInstitutions,
  documentFilter,
  documentTextMatch,
  documentTextScore,
  facetTokenSql,
  narrowingOrder,
  sortLocale,
  TEXT_MATCH_LIMIT,
} from "./search-document";
import { translationsByRow, translationsJson } from "./translations-json";
import {
  facetBitsCounts,
  facetBitsCtes,
  facetBitsPage,
  filterFacetValue,
  type FacetValueRef,
} from "./facet-bits";
import { tracedUseCase } from "../observability/trace";

export interface FacetValue {
  value: string;
  count: number;
}

export interface HospitalCard {
  slug: string;
  name: string;
  nameLocale: string;
  nameIsFallback: boolean;
  nameZh: string;
  city: { slug: string; name: string; nameLocale: string };
  ownership: Ownership;
  grade: HospitalGrade;
  accreditations: string[];
  languages: string[];
  services: InstitutionService[];
  emergency24h: boolean;
  intlDeptPhone: string;
  hours: WeeklyHours;
  openNow: boolean;
  directBilling: { slug: string; name: string }[];
  packageCount: number;
  /** False: not yet taking international bookings online (lib/catalogue/booking-availability.ts). */
  takesOnlineBookings: boolean;
}

export interface HospitalSearchResult {
  query: HospitalQuery;
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  items: HospitalCard[];
  /**
   * True when the search text (with the filters) matches more than
   * TEXT_MATCH_LIMIT institutions: then `total` is that limit, and the total,
   * the facet counts and the pages cover the first TEXT_MATCH_LIMIT matches in
   * the requested order (guide-listed first for relevance). Never true without text.
   */
  moreThanTotal: boolean;
  facets: Record<HospitalFacetKey, FacetValue[]>;
  cities: { slug: string; name: string }[];
  insurers: { slug: string; name: string }[];
}

interface DetailRow {
  id: string;
  slug: string;
  name_zh: string;
  ownership: Ownership;
  grade: HospitalGrade;
  accreditations: string[];
  languages: string[];
  services: InstitutionService[];
  emergency_24h: boolean;
  intl_dept_phone: string;
  intl_dept_hours: unknown;
  city_slug: string;
  city_name_zh: string;
  translations: { locale: string; name: string }[];
  city_translations: { locale: string; name: string }[];
  billing: { slug: string; name: string }[];
  package_count: number;
}

interface CityRef {
  id: string;
  slug: string;
  name_zh: string;
  translations: { locale: string; name: string }[];
}
type InsurerRef = { id: string; slug: string; name: string };

interface SearchRow {
  text_matches: number | null;
  counts: { token: string; n: number }[] | null;
  totals: { token: string; n: number }[] | null;
  items: DetailRow[] | null;
  cities: CityRef[];
  insurers: InsurerRef[];
}

export interface SearchOptions {
  /** Compute facet counts (default true); off when only the total matters. */
  facets?: boolean;
}

const noFacets = (): Record<HospitalFacetKey, FacetValue[]> => ({
  city: [],
  specialty: [],
  language: [],
  insurer: [],
  payment: [],
  ownership: [],
  accreditation: [],
  service: [],
  tcm: [],
  emergency: [],
});

/** The specialties and conditions whose names (the reader's language or English) contain the text. */
async function codesForText(folded: string, locale: string) {
  const [own, en] = await Promise.all([loadMessages(isLocale(locale) ? locale : "en"), loadMessages("en")]);
  return {
    specialties: codesNamed(folded, own.Catalogue.specialty, en.Catalogue.specialty),
    conditions: codesNamed(folded, own.Catalogue.condition, en.Catalogue.condition),
  };
}

async function searchHospitalsUntraced(
  db: DbClient,
  q: HospitalQuery,
  locale: string,
  now: Date = new Date(),
  options: SearchOptions = {},
): Promise<HospitalSearchResult> {
  const wanted = translationLocales(locale);
  const today = calendarDateOf(now);
  const withFacets = options.facets !== false;
  const sortIn = sortLocale(locale);

  const filters = new Map<HospitalFacetKey, Prisma.Sql>();
  for (const key of hospitalFilterKeys) {
    const condition = documentFilter({ q, today }, key);
    if (condition) filters.set(key, condition);
  }
  const active = [...filters.keys()];

  let text: Prisma.Sql | null = null;
  let score: Prisma.Sql | null = null;
  if (q.q) {
    const m = textMatch(q.q);
    const codes = await codesForText(m.folded, locale);
    text = documentTextMatch(m, codes.specialties, codes.conditions);
    score = documentTextScore(m);
  }

  // Text matches that pass every filter but at most one (what the disjunctive
  // facets count) pass one of the two most selective filters.
  const narrowers = narrowingOrder.filter((key) => filters.has(key)).slice(0, 2);
  const narrowing =
    active.length >= 2
      ? Prisma.sql`(${filters.get(narrowers[0]!)!} OR ${filters.get(narrowers[1]!)!})`
      : null;
  const candidateParts = [text, narrowing].filter((c): c is Prisma.Sql => c !== null);
  const candidate = candidateParts.length ? Prisma.join(candidateParts, " AND ") : Prisma.sql`TRUE`;
  // Filters without text are counted on the facet bit strings (lib/catalogue/facet-bits.ts);
  // text matches (at most TEXT_MATCH_LIMIT rows) are counted row by row.
  const bitValues = new Map<HospitalFacetKey, FacetValueRef>();
  for (const key of active) bitValues.set(key, filterFacetValue(q, key)!);
  const useBits = !text && active.length > 0;

  // Without filters or text every facet is the catalogue's totals, kept by
  // triggers; otherwise facets are counted on the bit strings or the text's rows.
  const fromTotals = !text && !useBits;
  const facetKeys = withFacets ? hospitalFilterKeys : [];
  const totalsFacets = fromTotals
    ? [...facetKeys.flatMap((k) => (k === "payment" ? ["direct", "all"] : [k])), "all"]
    : [];

  // The list's order over rows aliased `a` that carry institution_sort's columns.
  const orderOn = (a: string) => {
    const [guide, name, city, slug] = ["guide_listed", "name", "city_name", "slug"].map((c) =>
      Prisma.raw(`${a}.${c}`),
    );
    return q.sort === "name"
      ? Prisma.sql`${name}, ${slug}`
      : q.sort === "city"
        ? Prisma.sql`${city}, ${name}, ${slug}`
        : Prisma.sql`${guide} DESC, ${name}, ${slug}`;
  };
  const listOrder = orderOn("s");
  const on = isoDate(today);
  const oks = active.map((k) => Prisma.sql`${filters.get(k)!} AS ${Prisma.raw(`ok_${k}`)}`);
  const documentColumns = Prisma.sql`d.institution_id, d.name_zh, d.pinyin, d.names, d.tokens, d.insurers, d.insurer_days, d.direct_days
          ${oks.length ? Prisma.sql`, ${Prisma.join(oks)}` : Prisma.empty}`;

  const ctes: Prisma.Sql[] = [];
  if (text) {
    // The matches in the list's order, at most TEXT_MATCH_LIMIT + 1 of them:
    // past the limit, the first TEXT_MATCH_LIMIT are the ones shown. One read
    // of the documents decides both (an index walk of the order that stops
    // there for broad text, the text indexes for narrow text), with the
    // columns the counts and the page need, so nothing is read twice.
    ctes.push(
      Prisma.sql`exact AS MATERIALIZED (
        SELECT ${documentColumns}, s.guide_listed, s.name, s.city_name, s.slug
        FROM institution_sort s JOIN institution_search d ON d.institution_id = s.institution_id
        WHERE s.locale = ${sortIn} AND ${candidate}
        ORDER BY ${listOrder} LIMIT ${TEXT_MATCH_LIMIT + 1})`,
      Prisma.sql`matched AS (SELECT count(*)::int AS n FROM exact)`,
      Prisma.sql`matching AS (SELECT * FROM exact s ORDER BY ${listOrder} LIMIT ${TEXT_MATCH_LIMIT})`,
    );
  }
  if (text) {
    const ok = (k: HospitalFacetKey) => Prisma.raw(`r.ok_${k}`);
    // fails: how many filters the row fails, failed: the facet of the first
    // ("facet:"), tokens: its facet values as "facet:value", today's insurers
    // and payment included. Text matches carry their sort columns.
    ctes.push(
      Prisma.sql`rows AS MATERIALIZED (
        SELECT r.institution_id, r.name_zh, r.pinyin, r.names,
          ${text ? Prisma.sql`r.guide_listed, r.name, r.city_name, r.slug,` : Prisma.empty}
          ${
            active.length
              ? Prisma.join(
                  active.map((k) => Prisma.sql`(NOT ${ok(k)})::int`),
                  " + ",
                )
              : Prisma.sql`0`
          } AS fails,
          ${
            active.length
              ? Prisma.sql`CASE ${Prisma.join(
                  active.map((k) => Prisma.sql`WHEN NOT ${ok(k)} THEN ${`${k}:`}`),
                  " ",
                )} ELSE '' END`
              : Prisma.sql`''`
          } AS failed,
          r.tokens
            || ARRAY(SELECT 'insurer:' || u.ins FROM unnest(r.insurers, r.insurer_days) AS u(ins, days) WHERE u.days @> ${on}::date)
            || CASE WHEN r.direct_days @> ${on}::date THEN ARRAY['payment:direct', 'payment:self'] ELSE ARRAY['payment:self'] END AS tokens
        FROM matching r)`,
    );
  }

  // Every facet in one pass over the rows: a row that passes every filter
  // counts for each of its values, one that fails a single filter only for
  // that filter's values (what choosing another value there would give).
  // The tokens are unnested in the select list and, without filters, not filtered: the
  // planner then expects several per row and groups them by hashing (a lateral unnest
  // under the filter was estimated at a row or two and sorted, 4,000 tokens for broad text).
  const counts = Prisma.sql`(SELECT json_agg(c) FROM (${
    withFacets
      ? Prisma.sql`SELECT u.tok AS token, count(*)::int AS n
      FROM (SELECT unnest(d.tokens) AS tok, d.fails, d.failed FROM rows d) u
      ${active.length ? Prisma.sql`WHERE u.fails = 0 OR (u.fails = 1 AND starts_with(u.tok, u.failed))` : Prisma.empty}
      GROUP BY u.tok
    UNION ALL `
      : Prisma.empty
  } SELECT 'total:' AS token, count(*)::int AS n FROM rows d WHERE d.fails = 0) c)`;

  // The page: the list's order, best text matches first when ranking by relevance.
  const ranked =
    text && q.sort === "relevance"
      ? Prisma.sql`CASE WHEN (SELECT n FROM matched) <= ${TEXT_MATCH_LIMIT} THEN ${score} END DESC NULLS LAST, ${orderOn("d")}`
      : text
        ? orderOn("d")
        : listOrder;
  const window = Prisma.sql`row_number() OVER (ORDER BY ${ranked}) AS ord`;
  const paging = Prisma.sql`ORDER BY ${ranked} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`;
  if (useBits)
    ctes.push(...facetBitsCtes(bitValues, on), facetBitsPage(sortIn, paging, window, q.page * q.pageSize));
  else
    ctes.push(
      text
        ? Prisma.sql`page AS MATERIALIZED (SELECT d.institution_id AS id, ${window} FROM rows d WHERE d.fails = 0 ${paging})`
        : Prisma.sql`page AS MATERIALIZED (SELECT s.institution_id AS id, ${window} FROM institution_sort s WHERE s.locale = ${sortIn} ${paging})`,
    );

  // The city names in the wanted locales, grouped once for the cards and the city list.
  ctes.push(Prisma.sql`city_names AS MATERIALIZED ${translationsByRow("city_translation", wanted)}`);

  const [row] = await db.$queryRaw<SearchRow[]>(Prisma.sql`
    WITH ${Prisma.join(ctes, ",\n")}
    SELECT
      ${text ? Prisma.sql`(SELECT n FROM matched)` : Prisma.sql`NULL::int`} AS text_matches,
      ${
        text
          ? counts
          : useBits
            ? Prisma.sql`(SELECT json_agg(c) FROM (${facetBitsCounts(bitValues, withFacets)}) c)`
            : Prisma.sql`NULL::json`
      } AS counts,
      ${
        totalsFacets.length
          ? Prisma.sql`(SELECT json_agg(t) FROM (SELECT ${facetTokenSql(Prisma.sql`f.facet`, Prisma.sql`f.value`)} AS token,
              sum(f.n)::int AS n FROM institution_facet_total f
              WHERE f.days @> ${on}::date AND f.facet = ANY(${totalsFacets}::text[]) GROUP BY 1 HAVING sum(f.n) > 0) t)`
          : Prisma.sql`NULL::json`
      } AS totals,
      (SELECT json_agg(json_build_object(
          'id', i.id, 'slug', i.slug, 'name_zh', i.name_zh, 'ownership', i.ownership::text, 'grade', i.grade::text,
          'accreditations', i.accreditations, 'languages', i.languages, 'services', i.services::text[],
          'emergency_24h', i.emergency_24h, 'intl_dept_phone', i.intl_dept_phone, 'intl_dept_hours', i.intl_dept_hours,
          'city_slug', c.slug, 'city_name_zh', c.name_zh,
          'translations', ${translationsJson("institution_translation", Prisma.sql`i.id`, wanted)},
          'city_translations', COALESCE(ct.translations, '[]'),
          'billing', COALESCE((SELECT json_agg(DISTINCT jsonb_build_object('slug', s.slug, 'name', s.name)) FROM direct_billing_agreement a
            JOIN insurer s ON s.id = a.insurer_id WHERE a.institution_id = i.id AND ${agreementActiveOn(today)}), '[]'),
          'package_count', x.package_count) ORDER BY p.ord)
        FROM page p JOIN institution i ON i.id = p.id JOIN city c ON c.id = i.city_id
        LEFT JOIN city_names ct ON ct.id = c.id
        JOIN institution_search x ON x.institution_id = i.id) AS items,
      (SELECT COALESCE(json_agg(json_build_object('id', c.id, 'slug', c.slug, 'name_zh', c.name_zh,
          'translations', COALESCE(ct.translations, '[]'))), '[]')
        FROM city c LEFT JOIN city_names ct ON ct.id = c.id
        WHERE c.id IN (SELECT w.city_id FROM (${citiesWithInstitutions}) w)) AS cities,
      (SELECT COALESCE(json_agg(json_build_object('id', s.id, 'slug', s.slug, 'name', s.name) ORDER BY s.name), '[]')
        FROM insurer s) AS insurers`);
  const result = row!;

  const unknown: Record<string, "invalid"> = {};
  if (q.city && !result.cities.some((c) => c.slug === q.city)) unknown.city = "invalid";
  if (q.insurer && !result.insurers.some((s) => s.slug === q.insurer)) unknown.insurer = "invalid";
  if (Object.keys(unknown).length) throw new AppError("VALIDATION_FAILED", { fields: unknown });

  const citySlug = new Map(result.cities.map((c) => [c.id, c.slug]));
  const insurerSlug = new Map(result.insurers.map((s) => [s.id, s.slug]));
  // Counted rows and the catalogue's totals both say "facet:value" (facetTokenSql).
  const counted = new Map((result.counts ?? []).map(({ token, n }) => [token, n]));
  const totals = new Map((result.totals ?? []).map(({ token, n }) => [token, n]));
  const facets = noFacets();
  for (const key of facetKeys) {
    const source = fromTotals ? totals : counted;
    const values = [...source]
      .filter(([token, n]) => token.startsWith(`${key}:`) && n > 0)
      .map(([token, n]) => {
        const raw = token.slice(key.length + 1);
        const value = key === "city" ? citySlug.get(raw) : key === "insurer" ? insurerSlug.get(raw) : raw;
        return { value, count: n };
      })
      .filter((f): f is FacetValue => f.value !== undefined)
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    facets[key] =
      key === "tcm" || key === "emergency"
        ? ["true", "false"].map((value) => values.find((f) => f.value === value) ?? { value, count: 0 })
        : key === "payment"
          ? ["direct", "self"].map((value) => values.find((f) => f.value === value) ?? { value, count: 0 })
          : values;
  }
  const total = fromTotals ? (totals.get("payment:self") ?? 0) : (counted.get("total:") ?? 0);
  const moreThanTotal = (result.text_matches ?? 0) > TEXT_MATCH_LIMIT;

  const details = result.items ?? [];
  const availability = await bookingAvailability(
    db,
    details.map((d) => d.slug),
    undefined,
    now,
  );
  const items = details.map((d): HospitalCard => {
    const n = pickTranslation(d.translations, locale);
    const hours = parseHours(d.intl_dept_hours);
    return {
      slug: d.slug,
      name: n?.value.name ?? d.name_zh,
      nameLocale: n?.locale ?? "zh",
      nameIsFallback: n ? n.isFallback : locale !== "zh",
      nameZh: d.name_zh,
      city: {
        slug: d.city_slug,
        ...nameFields(pickLocalizedName(d.city_translations, locale, d.city_name_zh)),
      },
      ownership: d.ownership,
      grade: d.grade,
      accreditations: d.accreditations,
      languages: d.languages,
      services: d.services,
      emergency24h: d.emergency_24h,
      intlDeptPhone: d.intl_dept_phone,
      hours,
      openNow: isOpenAt(hours, now),
      directBilling: [...d.billing].sort((a, b) => a.name.localeCompare(b.name)),
      packageCount: Number(d.package_count),
      takesOnlineBookings: takesOnlineBookings(availability.get(d.slug)),
    };
  });

  return {
    query: q,
    total,
    moreThanTotal,
    page: q.page,
    pageSize: q.pageSize,
    pageCount: Math.max(1, Math.ceil(total / q.pageSize)),
    items,
    facets,
    cities: result.cities
      .map((c) => ({ slug: c.slug, name: pickTranslation(c.translations, locale)?.value.name ?? c.name_zh }))
      .sort((a, b) => a.name.localeCompare(b.name, locale)),
    insurers: result.insurers.map(({ slug, name }) => ({ slug, name })),
  };
}

/** searchHospitals with a "catalogue.searchHospitals" span around each call (lib/observability/trace.ts). */
export const searchHospitals = tracedUseCase(
  "catalogue.searchHospitals",
  searchHospitalsUntraced,
  (_db, _q, locale) => ({ locale }),
);
