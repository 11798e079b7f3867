// The catalogue API's response shapes, and the serializers (*View) that turn
// the use cases' answers into them (prices in fen become CNY, dates YYYY-MM-DD).
// /api/v1/openapi.json is generated from the same shapes: one source for both.
import { z } from "zod";
import { locales, type Locale } from "../i18n/locales";
import type { InstitutionDetail } from "./get-institution";
import type { PackageDetail } from "./get-package";
import type { HospitalSearchResult } from "./search-hospitals";
import type { PackageSearchResult } from "./search-packages";
import { ownerships, services, visitKinds } from "./codes";
import { weeklyHoursSchema } from "./hours";
import { TEXT_MATCH_LIMIT } from "./search-document";

const grade = z.enum(["TERTIARY_A", "TERTIARY", "SECONDARY_A", "SECONDARY", "PRIMARY", "UNGRADED"]);
const ref = z.object({ slug: z.string(), name: z.string() });

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.string().describe("Stable machine-readable code, e.g. VALIDATION_FAILED, NOT_FOUND"),
      message: z.string().describe("Human-readable message in the request's language"),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .describe("Per-parameter messages, keyed by parameter name"),
      details: z
        .record(z.string(), z.union([z.string(), z.number()]))
        .optional()
        .describe("Machine-readable facts behind the message, e.g. DIRECT_BILLING_UNAVAILABLE's reason"),
    }),
  })
  .meta({ id: "Error" });

const pageMeta = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  locale: z.enum(locales),
});

export const hospitalSummarySchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    nameLocale: z
      .string()
      .describe("Language the name is in (a fallback when it differs from the requested locale)"),
    nameZh: z.string(),
    city: ref,
    ownership: z.enum(ownerships),
    grade,
    accreditations: z.array(z.string()),
    languages: z.array(z.string()),
    services: z.array(z.enum(services)),
    emergency24h: z.boolean(),
    intlDeptPhone: z.string(),
    hours: weeklyHoursSchema.describe("International department hours, Beijing time; weekday 0 = Sunday"),
    openNow: z.boolean(),
    directBilling: z.array(ref).describe("Insurers with an agreement valid today"),
    packageCount: z.number().int(),
  })
  .meta({ id: "HospitalSummary" });

const facetValues = z.array(z.object({ value: z.string(), count: z.number().int() }));

export const hospitalListSchema = z.object({
  data: z.array(hospitalSummarySchema),
  meta: pageMeta.extend({
    moreThanTotal: z
      .boolean()
      .describe(
        `True when the search text matches more than ${TEXT_MATCH_LIMIT} institutions: total is then ${TEXT_MATCH_LIMIT}, and total, facets and pages cover the first ${TEXT_MATCH_LIMIT} in the requested order (ADR 0029)`,
      ),
  }),
  facets: z.object({
    city: facetValues,
    specialty: facetValues,
    language: facetValues,
    insurer: facetValues,
    payment: facetValues,
    ownership: facetValues,
    accreditation: facetValues,
    service: facetValues,
    tcm: facetValues,
    emergency: facetValues,
  }),
});

export const hospitalDetailSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    nameLocale: z.string(),
    nameZh: z.string(),
    addressZh: z.string(),
    address: z.string().nullable(),
    intlDeptName: z.string().nullable(),
    description: z.string().nullable(),
    city: z.object({ slug: z.string(), name: z.string(), nameZh: z.string() }),
    ownership: z.enum(ownerships),
    grade,
    accreditations: z.array(z.string()),
    languages: z.array(z.string()),
    services: z.array(z.enum(services)),
    emergency24h: z.boolean(),
    phone: z.string(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    hours: weeklyHoursSchema,
    openNow: z.boolean(),
    latitude: z.number(),
    longitude: z.number(),
    isDemo: z.boolean().describe("True for illustrative demo data"),
    departments: z.array(
      z.object({ slug: z.string(), specialty: z.string(), name: z.string(), consultationFeeCny: z.number() }),
    ),
    packages: z.array(
      z.object({
        slug: z.string(),
        name: z.string(),
        sessions: z.number().int(),
        durationDays: z.number().int(),
        priceCny: z.number(),
      }),
    ),
    directBilling: z.array(
      z.object({
        insurer: ref,
        scopes: z.array(
          z.object({
            scope: z.enum(visitKinds),
            preauthLeadDays: z.number().int(),
            validTo: z.string().nullable(),
          }),
        ),
      }),
    ),
    fallbackLocales: z.array(z.string()),
  })
  .meta({ id: "HospitalDetail" });

export const packageSummarySchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    nameLocale: z.string(),
    description: z.string(),
    conditions: z.array(z.string()),
    therapies: z.array(z.string()),
    sessions: z.number().int(),
    durationDays: z.number().int(),
    priceCny: z.number(),
    institution: z.object({ slug: z.string(), name: z.string(), nameZh: z.string() }),
    city: ref,
  })
  .meta({ id: "PackageSummary" });

export const packageListSchema = z.object({ data: z.array(packageSummarySchema), meta: pageMeta });

export const packageDetailSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    locale: z.string(),
    isFallback: z.boolean(),
    description: z.string(),
    treatmentPlan: z.string(),
    expectedOutcome: z.string(),
    contraindications: z.string(),
    conditions: z.array(z.string()),
    therapies: z.array(z.string()),
    sessions: z.number().int(),
    durationDays: z.number().int(),
    priceCny: z.number(),
    isDemo: z.boolean(),
    institution: z.object({
      slug: z.string(),
      name: z.string(),
      nameZh: z.string(),
      addressZh: z.string(),
      phone: z.string(),
      city: ref,
    }),
  })
  .meta({ id: "PackageDetail" });

const cny = (fen: number) => fen / 100;

/** searchHospitals' answer on the wire (the finder's suggestions are added by hospitalFinderView). */
export function hospitalListView(
  r: HospitalSearchResult,
  locale: Locale,
): z.output<typeof hospitalListSchema> {
  return hospitalListSchema.parse({
    data: r.items.map(({ nameIsFallback: _fallback, ...card }) => card),
    meta: {
      total: r.total,
      moreThanTotal: r.moreThanTotal,
      page: r.page,
      pageSize: r.pageSize,
      pageCount: r.pageCount,
      locale,
    },
    facets: r.facets,
  });
}

/** getInstitution's answer on the wire: fees in CNY, agreement end dates as YYYY-MM-DD. */
export function hospitalDetailView(d: InstitutionDetail): z.output<typeof hospitalDetailSchema> {
  const { addressLocale: _a, descriptionLocale: _d, departments, packages, billing, ...rest } = d;
  return hospitalDetailSchema.parse({
    ...rest,
    departments: departments.map((x) => ({
      slug: x.slug,
      specialty: x.specialty,
      name: x.name,
      consultationFeeCny: cny(x.feeFen),
    })),
    packages: packages.map((p) => ({
      slug: p.slug,
      name: p.name,
      sessions: p.sessions,
      durationDays: p.durationDays,
      priceCny: cny(p.priceFen),
    })),
    directBilling: billing.map((b) => ({
      insurer: b.insurer,
      scopes: b.scopes.map((s) => ({
        scope: s.scope,
        preauthLeadDays: s.preauthLeadDays,
        validTo: s.validTo ? s.validTo.toISOString().slice(0, 10) : null,
      })),
    })),
  });
}

/** searchPackages' answer on the wire: prices in CNY. */
export function packageListView(r: PackageSearchResult, locale: Locale): z.output<typeof packageListSchema> {
  return packageListSchema.parse({
    data: r.items.map(({ nameIsFallback: _f, priceFen, ...p }) => ({ ...p, priceCny: cny(priceFen) })),
    meta: { total: r.total, page: r.page, pageSize: r.pageSize, pageCount: r.pageCount, locale },
  });
}

/** getPackage's answer on the wire: the price in CNY. */
export function packageDetailView(p: PackageDetail): z.output<typeof packageDetailSchema> {
  const { priceFen, ...rest } = p;
  return packageDetailSchema.parse({ ...rest, priceCny: cny(priceFen) });
}
