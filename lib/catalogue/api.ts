// Maps the catalogue use cases' results to the API's response shapes.
import type { z } from "zod";
import type { Locale } from "../i18n/locales";
import type {
  hospitalDetailSchema,
  hospitalListSchema,
  packageDetailSchema,
  packageListSchema,
} from "./api-schemas";
import type { InstitutionDetail } from "./get-institution";
import type { PackageDetail } from "./get-package";
import type { HospitalSearchResult } from "./search-hospitals";
import type { PackageSearchResult } from "./search-packages";

const cny = (fen: number) => fen / 100;

export function hospitalListBody(
  r: HospitalSearchResult,
  locale: Locale,
): z.input<typeof hospitalListSchema> {
  return {
    data: r.items.map(({ nameIsFallback: _fallback, ...card }) => card),
    meta: { total: r.total, page: r.page, pageSize: r.pageSize, pageCount: r.pageCount, locale },
    facets: r.facets,
  };
}

export function hospitalDetailBody(d: InstitutionDetail): z.input<typeof hospitalDetailSchema> {
  const { addressLocale: _a, descriptionLocale: _d, departments, packages, billing, ...rest } = d;
  return {
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
  };
}

export function packageListBody(r: PackageSearchResult, locale: Locale): z.input<typeof packageListSchema> {
  return {
    data: r.items.map(({ nameIsFallback: _f, priceFen, ...p }) => ({ ...p, priceCny: cny(priceFen) })),
    meta: { total: r.total, page: r.page, pageSize: r.pageSize, pageCount: r.pageCount, locale },
  };
}

export function packageDetailBody(p: PackageDetail): z.input<typeof packageDetailSchema> {
  const { priceFen, ...rest } = p;
  return { ...rest, priceCny: cny(priceFen) };
}
