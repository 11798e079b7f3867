// Use case: what the home page shows: cities with their number of institutions,
// and institutions with international services (guide-listed first).
//
// One statement, reading no more than it shows: the city counts are the
// finder's kept totals (institution_facet_total, facet "city", ADR 0029) rather
// than a count over institution; the institutions are the first of an index
// walk in the list's order (institution_home_order_idx, migration
// 20261206100000_home_catalogue), and only those count their offered packages.
import type { DbClient } from "../db/create-client";
import { nameFields, pickLocalizedName, pickTranslation, translationLocales } from "../i18n/content";
import type { HospitalGrade, Ownership } from "../db/generated/client";
import { Prisma } from "../db/generated/client";
import { offeredSql } from "./offered";
import { citiesWithInstitutions } from "./search-document";
import { translationsJson } from "./translations-json";
import { tracedUseCase } from "../observability/trace";

export interface HomeCity {
  slug: string;
  name: string;
  /** The locale the name is in (a fallback when not the page's). */
  nameLocale: string;
  nameZh: string;
  institutionCount: number;
}

export interface HomeInstitution {
  slug: string;
  name: string;
  nameLocale: string;
  nameIsFallback: boolean;
  nameZh: string;
  cityName: string;
  cityNameLocale: string;
  ownership: Ownership;
  grade: HospitalGrade;
  languages: string[];
  emergency24h: boolean;
  accreditations: string[];
  packageCount: number;
}

export interface HomeCatalogue {
  cities: HomeCity[];
  institutions: HomeInstitution[];
}

/** How many cities the home page lists: those with the most institutions. */
const CITY_LIMIT = 60;

interface NameRow {
  locale: string;
  name: string;
}

interface HomeRow {
  cities: { slug: string; name_zh: string; n: number; translations: NameRow[] }[];
  institutions: {
    slug: string;
    name_zh: string;
    ownership: Ownership;
    grade: HospitalGrade;
    languages: string[];
    emergency_24h: boolean;
    accreditations: string[];
    translations: NameRow[];
    city_name_zh: string;
    city_translations: NameRow[];
    package_count: number;
  }[];
}

async function getHomeCatalogueUntraced(db: DbClient, locale: string, limit = 12): Promise<HomeCatalogue> {
  const wanted = translationLocales(locale);
  const [row] = await db.$queryRaw<HomeRow[]>`
    WITH top AS MATERIALIZED (
      SELECT i.id, i.slug, i.name_zh, i.ownership, i.grade, i.languages, i.emergency_24h, i.accreditations,
        i.city_id, i.guide_listed, i.is_demo
      FROM institution i ORDER BY i.guide_listed DESC, i.is_demo DESC, i.slug LIMIT ${limit}),
    cities AS MATERIALIZED (
      SELECT c.id, c.slug, c.name_zh, f.n FROM (${citiesWithInstitutions}) f JOIN city c ON c.id = f.city_id
      ORDER BY f.n DESC, c.slug LIMIT ${CITY_LIMIT})
    SELECT
      (SELECT COALESCE(json_agg(json_build_object('slug', c.slug, 'name_zh', c.name_zh, 'n', c.n,
          'translations', ${translationsJson("city_translation", Prisma.sql`c.id`, wanted)})
          ORDER BY c.n DESC, c.slug), '[]')
        FROM cities c) AS cities,
      (SELECT COALESCE(json_agg(json_build_object('slug', i.slug, 'name_zh', i.name_zh, 'ownership', i.ownership,
          'grade', i.grade, 'languages', i.languages, 'emergency_24h', i.emergency_24h,
          'accreditations', i.accreditations,
          'translations', ${translationsJson("institution_translation", Prisma.sql`i.id`, wanted)},
          'city_name_zh', c.name_zh,
          'city_translations', ${translationsJson("city_translation", Prisma.sql`c.id`, wanted)},
          'package_count', (SELECT count(*)::int FROM tcm_package p WHERE p.institution_id = i.id AND ${offeredSql("p")}))
          ORDER BY i.guide_listed DESC, i.is_demo DESC, i.slug), '[]')
        FROM top i JOIN city c ON c.id = i.city_id) AS institutions`;
  const { cities, institutions } = row!;

  return {
    cities: cities.map((c) => ({
      slug: c.slug,
      ...nameFields(pickLocalizedName(c.translations, locale, c.name_zh)),
      nameZh: c.name_zh,
      institutionCount: c.n,
    })),
    institutions: institutions.map((i) => {
      const name = pickTranslation(i.translations, locale);
      const city = pickLocalizedName(i.city_translations, locale, i.city_name_zh);
      return {
        slug: i.slug,
        name: name?.value.name ?? i.name_zh,
        nameLocale: name?.locale ?? "zh",
        nameIsFallback: name ? name.isFallback : locale !== "zh",
        nameZh: i.name_zh,
        cityName: city.value,
        cityNameLocale: city.locale,
        ownership: i.ownership,
        grade: i.grade,
        languages: i.languages,
        emergency24h: i.emergency_24h,
        accreditations: i.accreditations,
        packageCount: i.package_count,
      };
    }),
  };
}

/** getHomeCatalogue with a "catalogue.getHomeCatalogue" span around each call (lib/observability/trace.ts). */
export const getHomeCatalogue = tracedUseCase(
  "catalogue.getHomeCatalogue",
  getHomeCatalogueUntraced,
  (_db, locale) => ({ locale }),
);
