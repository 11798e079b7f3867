// Use case: the hospital finder. Filters, free text, disjunctive facet counts
// (each facet counts what its values would leave with every *other* filter
// applied), sorting and pagination, with content in the requested locale.
import type { DbClient } from "../db/create-client";
import { Prisma, type HospitalGrade, type InstitutionService, type Ownership } from "../db/generated/client";
import { AppError } from "../errors";
import { pickTranslation, translationLocales } from "../i18n/content";
import { calendarDateOf, isoDate } from "../time/zone";
import { hospitalQuerySchema, type HospitalFacetKey, type HospitalQuery } from "./hospital-filters";
import { isOpenAt, parseHours, type WeeklyHours } from "./hours";
import { institutionTextCondition, institutionTextScore, textMatch } from "./text-search";

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
  city: { slug: string; name: string };
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
  today: string;
}

const activeAgreement = (r: Resolved) =>
  Prisma.sql`a.valid_from <= ${r.today}::date AND (a.valid_to IS NULL OR a.valid_to >= ${r.today}::date)`;

function conditions(r: Resolved, except?: HospitalFacetKey): Prisma.Sql[] {
  const { q } = r;
  const out: Prisma.Sql[] = [];
  if (r.cityId && except !== "city") out.push(Prisma.sql`i.city_id = ${r.cityId}`);
  if (q.specialty && except !== "specialty")
    out.push(
      Prisma.sql`EXISTS (SELECT 1 FROM department d WHERE d.institution_id = i.id AND d.specialty = ${q.specialty})`,
    );
  if (q.language && except !== "language") out.push(Prisma.sql`i.languages @> ARRAY[${q.language}]::text[]`);
  if (r.insurerId && except !== "insurer")
    out.push(
      Prisma.sql`EXISTS (SELECT 1 FROM direct_billing_agreement a WHERE a.institution_id = i.id AND a.insurer_id = ${r.insurerId} AND ${activeAgreement(r)})`,
    );
  if (q.payment === "direct" && except !== "payment")
    out.push(
      Prisma.sql`EXISTS (SELECT 1 FROM direct_billing_agreement a WHERE a.institution_id = i.id AND ${activeAgreement(r)})`,
    );
  if (q.ownership && except !== "ownership") out.push(Prisma.sql`i.ownership = ${q.ownership}::"Ownership"`);
  if (q.accreditation && except !== "accreditation")
    out.push(Prisma.sql`i.accreditations @> ARRAY[${q.accreditation}]::text[]`);
  if (q.service && except !== "service")
    out.push(Prisma.sql`i.services @> ARRAY[${q.service}]::"InstitutionService"[]`);
  if (q.tcm !== undefined && except !== "tcm")
    out.push(q.tcm ? tcmCondition : Prisma.sql`NOT ${tcmCondition}`);
  if (q.emergency !== undefined && except !== "emergency")
    out.push(Prisma.sql`i.emergency_24h = ${q.emergency}`);
  if (q.q) out.push(institutionTextCondition(textMatch(q.q)));
  return out;
}

const tcmCondition = Prisma.sql`(EXISTS (SELECT 1 FROM tcm_package p WHERE p.institution_id = i.id) OR EXISTS (SELECT 1 FROM department d WHERE d.institution_id = i.id AND d.specialty = 'tcm'))`;

const where = (parts: Prisma.Sql[]) =>
  parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;

function localizedName(locale: string): Prisma.Sql {
  return Prisma.sql`COALESCE(
    (SELECT t.name FROM institution_translation t WHERE t.institution_id = i.id AND t.locale = ${locale}),
    (SELECT t.name FROM institution_translation t WHERE t.institution_id = i.id AND t.locale = 'en'),
    i.name_zh)`;
}

type Row = { value: string | null; count: number };

async function facetCounts(db: DbClient, r: Resolved): Promise<Record<HospitalFacetKey, FacetValue[]>> {
  const run = async (sql: Prisma.Sql) =>
    (await db.$queryRaw<Row[]>(sql))
      .filter((row): row is FacetValue => row.value !== null)
      .map((row) => ({ value: row.value, count: Number(row.count) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const [city, specialty, language, insurer, ownership, accreditation, service, flags] = await Promise.all([
    run(
      Prisma.sql`SELECT c.slug AS value, count(*)::int AS count FROM institution i JOIN city c ON c.id = i.city_id ${where(conditions(r, "city"))} GROUP BY c.slug`,
    ),
    run(
      Prisma.sql`SELECT d.specialty AS value, count(DISTINCT i.id)::int AS count FROM institution i JOIN department d ON d.institution_id = i.id ${where(conditions(r, "specialty"))} GROUP BY d.specialty`,
    ),
    run(
      Prisma.sql`SELECT l AS value, count(*)::int AS count FROM institution i CROSS JOIN LATERAL unnest(i.languages) AS l ${where(conditions(r, "language"))} GROUP BY l`,
    ),
    run(
      Prisma.sql`SELECT s.slug AS value, count(DISTINCT i.id)::int AS count FROM institution i JOIN direct_billing_agreement a ON a.institution_id = i.id AND ${activeAgreement(r)} JOIN insurer s ON s.id = a.insurer_id ${where(conditions(r, "insurer"))} GROUP BY s.slug`,
    ),
    run(
      Prisma.sql`SELECT i.ownership::text AS value, count(*)::int AS count FROM institution i ${where(conditions(r, "ownership"))} GROUP BY i.ownership`,
    ),
    run(
      Prisma.sql`SELECT x AS value, count(*)::int AS count FROM institution i CROSS JOIN LATERAL unnest(i.accreditations) AS x ${where(conditions(r, "accreditation"))} GROUP BY x`,
    ),
    run(
      Prisma.sql`SELECT x::text AS value, count(*)::int AS count FROM institution i CROSS JOIN LATERAL unnest(i.services) AS x ${where(conditions(r, "service"))} GROUP BY x`,
    ),
    Promise.all([
      db.$queryRaw<{ yes: number; no: number }[]>(
        Prisma.sql`SELECT count(*) FILTER (WHERE ${tcmCondition})::int AS yes, count(*) FILTER (WHERE NOT ${tcmCondition})::int AS no FROM institution i ${where(conditions(r, "tcm"))}`,
      ),
      db.$queryRaw<{ yes: number; no: number }[]>(
        Prisma.sql`SELECT count(*) FILTER (WHERE i.emergency_24h)::int AS yes, count(*) FILTER (WHERE NOT i.emergency_24h)::int AS no FROM institution i ${where(conditions(r, "emergency"))}`,
      ),
      db.$queryRaw<{ direct: number; self: number }[]>(
        Prisma.sql`SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM direct_billing_agreement a WHERE a.institution_id = i.id AND ${activeAgreement(r)}))::int AS direct, count(*)::int AS self FROM institution i ${where(conditions(r, "payment"))}`,
      ),
    ]),
  ]);
  const [[tcm], [emergency], [payment]] = flags;
  return {
    city,
    specialty,
    language,
    insurer,
    ownership,
    accreditation,
    service,
    tcm: [
      { value: "true", count: Number(tcm?.yes ?? 0) },
      { value: "false", count: Number(tcm?.no ?? 0) },
    ],
    emergency: [
      { value: "true", count: Number(emergency?.yes ?? 0) },
      { value: "false", count: Number(emergency?.no ?? 0) },
    ],
    payment: [
      { value: "direct", count: Number(payment?.direct ?? 0) },
      { value: "self", count: Number(payment?.self ?? 0) },
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
}

export async function searchHospitals(
  db: DbClient,
  input: unknown,
  locale: string,
  now: Date = new Date(),
  options: SearchOptions = {},
): Promise<HospitalSearchResult> {
  const parsed = hospitalQuerySchema.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION_FAILED", { fields: { input: "invalid" }, cause: parsed.error });
  const q = parsed.data;
  const wanted = translationLocales(locale);

  const [cityRows, insurerRows] = await Promise.all([
    db.city.findMany({
      where: { institutions: { some: {} } },
      select: { id: true, slug: true, nameZh: true, translations: { where: { locale: { in: wanted } } } },
    }),
    db.insurer.findMany({ select: { id: true, slug: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const city = q.city ? cityRows.find((c) => c.slug === q.city) : undefined;
  const insurer = q.insurer ? insurerRows.find((s) => s.slug === q.insurer) : undefined;
  const unknown: Record<string, "invalid"> = {};
  if (q.city && !city) unknown.city = "invalid";
  if (q.insurer && !insurer) unknown.insurer = "invalid";
  if (Object.keys(unknown).length) throw new AppError("VALIDATION_FAILED", { fields: unknown });

  const r: Resolved = { q, cityId: city?.id, insurerId: insurer?.id, today: isoDate(calendarDateOf(now)) };
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
    options.facets === false ? noFacets() : facetCounts(db, r),
  ]);

  const ids = pageRows.map((row) => row.id);
  const details = await db.institution.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      slug: true,
      nameZh: true,
      ownership: true,
      grade: true,
      accreditations: true,
      languages: true,
      services: true,
      emergency24h: true,
      intlDeptPhone: true,
      intlDeptHours: true,
      translations: { where: { locale: { in: wanted } }, select: { locale: true, name: true } },
      city: { select: { slug: true, nameZh: true, translations: { where: { locale: { in: wanted } } } } },
      agreements: {
        where: {
          validFrom: { lte: new Date(`${r.today}T00:00:00Z`) },
          OR: [{ validTo: null }, { validTo: { gte: new Date(`${r.today}T00:00:00Z`) } }],
        },
        select: { insurer: { select: { slug: true, name: true } } },
      },
      _count: { select: { packages: true } },
    },
  });
  const byId = new Map(details.map((d) => [d.id, d]));
  const items = ids
    .map((id) => byId.get(id)!)
    .map((d): HospitalCard => {
      const n = pickTranslation(d.translations, locale);
      const hours = parseHours(d.intlDeptHours);
      const billing = new Map(d.agreements.map((a) => [a.insurer.slug, a.insurer]));
      return {
        slug: d.slug,
        name: n?.value.name ?? d.nameZh,
        nameLocale: n?.locale ?? "zh",
        nameIsFallback: n ? n.isFallback : locale !== "zh",
        nameZh: d.nameZh,
        city: {
          slug: d.city.slug,
          name: pickTranslation(d.city.translations, locale)?.value.name ?? d.city.nameZh,
        },
        ownership: d.ownership,
        grade: d.grade,
        accreditations: d.accreditations,
        languages: d.languages,
        services: d.services,
        emergency24h: d.emergency24h,
        intlDeptPhone: d.intlDeptPhone,
        hours,
        openNow: isOpenAt(hours, now),
        directBilling: [...billing.values()].sort((a, b) => a.name.localeCompare(b.name)),
        packageCount: d._count.packages,
      };
    });

  const total = Number(countRow?.total ?? 0);
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
