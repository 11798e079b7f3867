// Use case: the hospital finder. Filters, free text, disjunctive facet counts
// (each facet counts what its values would leave with every *other* filter
// applied), sorting and pagination, with content in the requested locale.
import { TtlCache } from "../cache/ttl-cache";
import type { DbClient } from "../db/create-client";
import { env } from "../env";
import { Prisma, type HospitalGrade, type InstitutionService, type Ownership } from "../db/generated/client";
import { AppError } from "../errors";
import { nameFields, pickLocalizedName, pickTranslation, translationLocales } from "../i18n/content";
import { calendarDateOf, isoDate, type CalendarDate } from "../time/zone";
import { agreementActiveOn } from "../payment/agreement-active";
import { bookingAvailability, takesOnlineBookings } from "./booking-availability";
import { hospitalFilterKeys, type HospitalFacetKey, type HospitalQuery } from "./hospital-filters";
import { isOpenAt, parseHours, type WeeklyHours } from "./hours";
import { loadMessages } from "../i18n/messages";
import { isLocale } from "../i18n/locales";
import { offeredSql } from "./offered";
import {
  careTextIds,
  codesNamed,
  foldText,
  institutionTextIds,
  institutionTextScore,
  textMatch,
} from "./text-search";
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
  facets: Record<HospitalFacetKey, FacetValue[]>;
  cities: { slug: string; name: string }[];
  insurers: { slug: string; name: string }[];
}

interface Resolved {
  q: HospitalQuery;
  cityId?: string;
  insurerId?: string;
  today: CalendarDate;
  /** Institutions matching the free text, resolved once per search (null: no free text). */
  textIds: string[] | null;
}

const activeAgreement = (r: Resolved) => agreementActiveOn(r.today);

// Correlated EXISTS: cheap per row on the (usually filtered) rows a query reads.
const tcmCondition = Prisma.sql`(EXISTS (SELECT 1 FROM tcm_package p WHERE p.institution_id = i.id AND ${offeredSql("p")}) OR EXISTS (SELECT 1 FROM department d WHERE d.institution_id = i.id AND d.specialty = 'tcm' AND ${offeredSql("d")}))`;
const directCondition = (r: Resolved) =>
  Prisma.sql`EXISTS (SELECT 1 FROM direct_billing_agreement a WHERE a.institution_id = i.id AND ${activeAgreement(r)})`;

/** The SQL condition of one filter, or null when the filter is not set. */
function filterCondition(r: Resolved, key: HospitalFacetKey): Prisma.Sql | null {
  const { q } = r;
  switch (key) {
    case "city":
      return r.cityId ? Prisma.sql`i.city_id = ${r.cityId}` : null;
    case "specialty":
      return q.specialty
        ? Prisma.sql`EXISTS (SELECT 1 FROM department d WHERE d.institution_id = i.id AND d.specialty = ${q.specialty} AND ${offeredSql("d")})`
        : null;
    case "language":
      return q.language ? Prisma.sql`i.languages @> ARRAY[${q.language}]::text[]` : null;
    case "insurer":
      return r.insurerId
        ? Prisma.sql`EXISTS (SELECT 1 FROM direct_billing_agreement a WHERE a.institution_id = i.id AND a.insurer_id = ${r.insurerId} AND ${activeAgreement(r)})`
        : null;
    case "payment":
      return q.payment === "direct" ? directCondition(r) : null;
    case "ownership":
      return q.ownership ? Prisma.sql`i.ownership = ${q.ownership}::"Ownership"` : null;
    case "accreditation":
      return q.accreditation ? Prisma.sql`i.accreditations @> ARRAY[${q.accreditation}]::text[]` : null;
    case "service":
      return q.service ? Prisma.sql`i.services @> ARRAY[${q.service}]::"InstitutionService"[]` : null;
    case "tcm":
      return q.tcm === undefined ? null : q.tcm ? tcmCondition : Prisma.sql`NOT ${tcmCondition}`;
    case "emergency":
      return q.emergency === undefined ? null : Prisma.sql`i.emergency_24h = ${q.emergency}`;
  }
}

/** Every active filter's condition (but `except`'s), plus the free-text match. */
function conditions(r: Resolved, except?: HospitalFacetKey): Prisma.Sql[] {
  const out = hospitalFilterKeys
    .filter((key) => key !== except)
    .map((key) => filterCondition(r, key))
    .filter((c): c is Prisma.Sql => c !== null);
  if (r.textIds) out.push(Prisma.sql`i.id = ANY(${r.textIds}::text[])`);
  return out;
}

const where = (parts: Prisma.Sql[]) =>
  parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;

function localizedName(locale: string): Prisma.Sql {
  return Prisma.sql`COALESCE(
    (SELECT t.name FROM institution_translation t WHERE t.institution_id = i.id AND t.locale = ${locale}),
    (SELECT t.name FROM institution_translation t WHERE t.institution_id = i.id AND t.locale = 'en'),
    i.name_zh)`;
}

type Row = { value: string | null; count: number };

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

/**
 * Disjunctive facet counts: each facet counts what its values would leave with
 * every other filter applied. One small query per facet, run in parallel, so
 * each can use the indexes of its own filters.
 */
async function facetCounts(db: DbClient, r: Resolved): Promise<Record<HospitalFacetKey, FacetValue[]>> {
  const run = async (sql: Prisma.Sql) =>
    (await db.$queryRaw<Row[]>(sql))
      .filter((row): row is FacetValue => row.value !== null)
      .map((row) => ({ value: row.value, count: Number(row.count) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const w = (key: HospitalFacetKey) => where(conditions(r, key));
  const [city, specialty, language, insurer, ownership, accreditation, service, tcm, emergency, payment] =
    await Promise.all([
      run(
        Prisma.sql`SELECT c.slug AS value, count(*)::int AS count FROM institution i JOIN city c ON c.id = i.city_id ${w("city")} GROUP BY c.slug`,
      ),
      run(
        Prisma.sql`SELECT d.specialty AS value, count(DISTINCT i.id)::int AS count FROM institution i JOIN department d ON d.institution_id = i.id AND ${offeredSql("d")} ${w("specialty")} GROUP BY d.specialty`,
      ),
      run(
        Prisma.sql`SELECT l AS value, count(*)::int AS count FROM institution i CROSS JOIN LATERAL unnest(i.languages) AS l ${w("language")} GROUP BY l`,
      ),
      run(
        Prisma.sql`SELECT s.slug AS value, count(DISTINCT i.id)::int AS count FROM institution i
        JOIN direct_billing_agreement a ON a.institution_id = i.id AND ${activeAgreement(r)} JOIN insurer s ON s.id = a.insurer_id ${w("insurer")} GROUP BY s.slug`,
      ),
      run(
        Prisma.sql`SELECT i.ownership::text AS value, count(*)::int AS count FROM institution i ${w("ownership")} GROUP BY i.ownership`,
      ),
      run(
        Prisma.sql`SELECT x AS value, count(*)::int AS count FROM institution i CROSS JOIN LATERAL unnest(i.accreditations) AS x ${w("accreditation")} GROUP BY x`,
      ),
      run(
        Prisma.sql`SELECT x::text AS value, count(*)::int AS count FROM institution i CROSS JOIN LATERAL unnest(i.services) AS x ${w("service")} GROUP BY x`,
      ),
      run(
        Prisma.sql`SELECT CASE WHEN ${tcmCondition} THEN 'true' ELSE 'false' END AS value, count(*)::int AS count FROM institution i ${w("tcm")} GROUP BY 1`,
      ),
      run(
        Prisma.sql`SELECT CASE WHEN i.emergency_24h THEN 'true' ELSE 'false' END AS value, count(*)::int AS count FROM institution i ${w("emergency")} GROUP BY 1`,
      ),
      db.$queryRaw<{ direct: number; self: number }[]>(
        Prisma.sql`SELECT count(*) FILTER (WHERE ${directCondition(r)})::int AS direct, count(*)::int AS self FROM institution i ${w("payment")}`,
      ),
    ]);
  const withBoth = (list: FacetValue[]) =>
    ["true", "false"].map((value) => list.find((f) => f.value === value) ?? { value, count: 0 });
  return {
    city,
    specialty,
    language,
    insurer,
    ownership,
    accreditation,
    service,
    tcm: withBoth(tcm),
    emergency: withBoth(emergency),
    payment: [
      { value: "direct", count: Number(payment[0]?.direct ?? 0) },
      { value: "self", count: Number(payment[0]?.self ?? 0) },
    ],
  };
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

export interface SearchOptions {
  /** Compute facet counts (default true); off when only the total matters. */
  facets?: boolean;
  /** Reuse facet counts computed for the same filters within FACET_CACHE_SECONDS (default true). */
  cacheFacets?: boolean;
}

// Facet counts do not depend on the locale, sorting or paging: the key is the
// filters and the day. Results, totals and pages are always read fresh.
// Cities and insurers change rarely; they are reused like facet counts.
let referenceCache: TtlCache<[CityRef[], InsurerRef[]]> | undefined;
type CityRef = { id: string; slug: string; nameZh: string; translations: { locale: string; name: string }[] };
type InsurerRef = { id: string; slug: string; name: string };
function referenceLists(db: DbClient, wanted: string[]): Promise<[CityRef[], InsurerRef[]]> {
  referenceCache ??= new TtlCache(env().FACET_CACHE_SECONDS * 1000, 50);
  return referenceCache.get(wanted.join(","), () =>
    Promise.all([
      db.city.findMany({
        where: { institutions: { some: {} } },
        select: {
          id: true,
          slug: true,
          nameZh: true,
          translations: { where: { locale: { in: wanted } }, select: { locale: true, name: true } },
        },
      }),
      db.insurer.findMany({ select: { id: true, slug: true, name: true }, orderBy: { name: "asc" } }),
    ]),
  );
}

/**
 * Institutions the free text finds: by name (any language, Chinese, pinyin), or
 * by the care it offers: a department or package named like it, or a specialty
 * or condition whose name in the reader's language or English matches.
 */
async function textInstitutionIds(db: DbClient, text: string, locale: string): Promise<string[]> {
  const m = textMatch(text);
  const [own, en] = await Promise.all([loadMessages(isLocale(locale) ? locale : "en"), loadMessages("en")]);
  const specialties = codesNamed(m.folded, own.Catalogue.specialty, en.Catalogue.specialty);
  const conditions = codesNamed(m.folded, own.Catalogue.condition, en.Catalogue.condition);
  const rows = await db.$queryRaw<{ id: string }[]>(
    Prisma.sql`${institutionTextIds(m)} UNION ${careTextIds(m, specialties, conditions)}`,
  );
  return rows.map((row) => row.id);
}

let facetCache: TtlCache<Record<HospitalFacetKey, FacetValue[]>> | undefined;
function facetCacheKey(r: Resolved): string {
  const { sort: _s, page: _p, pageSize: _ps, q: text, ...filters } = r.q;
  return JSON.stringify([isoDate(r.today), filters, text ? foldText(text) : null]);
}

async function searchHospitalsUntraced(
  db: DbClient,
  q: HospitalQuery,
  locale: string,
  now: Date = new Date(),
  options: SearchOptions = {},
): Promise<HospitalSearchResult> {
  const wanted = translationLocales(locale);

  const [cityRows, insurerRows] = await referenceLists(db, wanted);
  const city = q.city ? cityRows.find((c) => c.slug === q.city) : undefined;
  const insurer = q.insurer ? insurerRows.find((s) => s.slug === q.insurer) : undefined;
  const unknown: Record<string, "invalid"> = {};
  if (q.city && !city) unknown.city = "invalid";
  if (q.insurer && !insurer) unknown.insurer = "invalid";
  if (Object.keys(unknown).length) throw new AppError("VALIDATION_FAILED", { fields: unknown });

  const textIds = q.q ? await textInstitutionIds(db, q.q, locale) : null;
  const r: Resolved = {
    q,
    cityId: city?.id,
    insurerId: insurer?.id,
    today: calendarDateOf(now),
    textIds,
  };
  const filter = where(conditions(r));
  const name = localizedName(locale);
  const order =
    q.sort === "name"
      ? Prisma.sql`${name} ASC, i.slug`
      : q.sort === "city"
        ? Prisma.sql`(SELECT COALESCE((SELECT t.name FROM city_translation t WHERE t.city_id = i.city_id AND t.locale = ${locale}), (SELECT t.name FROM city_translation t WHERE t.city_id = i.city_id AND t.locale = 'en'), '')) ASC, ${name} ASC, i.slug`
        : q.q
          ? Prisma.sql`${institutionTextScore(textMatch(q.q))} DESC, i.guide_listed DESC, ${name} ASC, i.slug`
          : Prisma.sql`i.guide_listed DESC, ${name} ASC, i.slug`;

  const [[countRow], pageRows, facets] = await Promise.all([
    db.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS total FROM institution i ${filter}`),
    db.$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT i.id FROM institution i ${filter} ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    ),
    options.facets === false
      ? noFacets()
      : options.cacheFacets === false
        ? facetCounts(db, r)
        : (facetCache ??= new TtlCache(env().FACET_CACHE_SECONDS * 1000)).get(facetCacheKey(r), () =>
            facetCounts(db, r),
          ),
  ]);
  const total = Number(countRow?.total ?? 0);

  const ids = pageRows.map((row) => row.id);
  // One statement for the page's cards (translations, city, active agreements, package count).
  const details = ids.length
    ? await db.$queryRaw<DetailRow[]>(Prisma.sql`
        SELECT i.id, i.slug, i.name_zh, i.ownership::text AS ownership, i.grade::text AS grade, i.accreditations, i.languages,
          i.services::text[] AS services, i.emergency_24h, i.intl_dept_phone, i.intl_dept_hours,
          c.slug AS city_slug, c.name_zh AS city_name_zh,
          COALESCE((SELECT json_agg(json_build_object('locale', t.locale, 'name', t.name)) FROM institution_translation t
            WHERE t.institution_id = i.id AND t.locale = ANY(${wanted}::text[])), '[]') AS translations,
          COALESCE((SELECT json_agg(json_build_object('locale', t.locale, 'name', t.name)) FROM city_translation t
            WHERE t.city_id = c.id AND t.locale = ANY(${wanted}::text[])), '[]') AS city_translations,
          COALESCE((SELECT json_agg(DISTINCT jsonb_build_object('slug', s.slug, 'name', s.name)) FROM direct_billing_agreement a
            JOIN insurer s ON s.id = a.insurer_id WHERE a.institution_id = i.id AND ${activeAgreement(r)}), '[]') AS billing,
          (SELECT count(*)::int FROM tcm_package p WHERE p.institution_id = i.id AND ${offeredSql("p")}) AS package_count
        FROM institution i JOIN city c ON c.id = i.city_id
        WHERE i.id = ANY(${ids}::text[])`)
    : [];
  const byId = new Map(details.map((d) => [d.id, d]));
  const availability = await bookingAvailability(
    db,
    details.map((d) => d.slug),
    undefined,
    now,
  );
  const items = ids
    .map((id) => byId.get(id)!)
    .map((d): HospitalCard => {
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
    page: q.page,
    pageSize: q.pageSize,
    pageCount: Math.max(1, Math.ceil(total / q.pageSize)),
    items,
    facets,
    cities: cityRows
      .map((c) => ({ slug: c.slug, name: pickTranslation(c.translations, locale)?.value.name ?? c.nameZh }))
      .sort((a, b) => a.name.localeCompare(b.name, locale)),
    insurers: insurerRows.map(({ slug, name }) => ({ slug, name })),
  };
}

/** searchHospitals with a "catalogue.searchHospitals" span around each call (lib/observability/trace.ts). */
export const searchHospitals = tracedUseCase(
  "catalogue.searchHospitals",
  searchHospitalsUntraced,
  (_db, _q, locale) => ({ locale }),
);
