// Use case: what the home page shows: cities with their number of institutions,
// and institutions with international services (guide-listed first).
import type { DbClient } from "../db/create-client";
import { nameFields, pickLocalizedName, pickTranslation, translationLocales } from "../i18n/content";
import type { HospitalGrade, Ownership } from "../db/generated/client";
import { offeredPackage } from "./offered";
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

async function getHomeCatalogueUntraced(db: DbClient, locale: string, limit = 12): Promise<HomeCatalogue> {
  const wanted = translationLocales(locale);
  const [cities, institutions] = await Promise.all([
    db.city.findMany({
      select: {
        slug: true,
        nameZh: true,
        translations: { where: { locale: { in: wanted } } },
        _count: { select: { institutions: true } },
      },
      orderBy: [{ institutions: { _count: "desc" } }, { slug: "asc" }],
      take: 60,
    }),
    db.institution.findMany({
      select: {
        slug: true,
        nameZh: true,
        ownership: true,
        grade: true,
        languages: true,
        emergency24h: true,
        accreditations: true,
        translations: { where: { locale: { in: wanted } }, select: { locale: true, name: true } },
        city: { select: { nameZh: true, translations: { where: { locale: { in: wanted } } } } },
        _count: { select: { packages: { where: offeredPackage } } },
      },
      orderBy: [{ guideListed: "desc" }, { isDemo: "desc" }, { slug: "asc" }],
      take: limit,
    }),
  ]);

  return {
    cities: cities
      .filter((c) => c._count.institutions > 0)
      .map((c) => ({
        slug: c.slug,
        ...nameFields(pickLocalizedName(c.translations, locale, c.nameZh)),
        nameZh: c.nameZh,
        institutionCount: c._count.institutions,
      })),
    institutions: institutions.map((i) => {
      const name = pickTranslation(i.translations, locale);
      const city = pickLocalizedName(i.city.translations, locale, i.city.nameZh);
      return {
        slug: i.slug,
        name: name?.value.name ?? i.nameZh,
        nameLocale: name?.locale ?? "zh",
        nameIsFallback: name ? name.isFallback : locale !== "zh",
        nameZh: i.nameZh,
        cityName: city.value,
        cityNameLocale: city.locale,
        ownership: i.ownership,
        grade: i.grade,
        languages: i.languages,
        emergency24h: i.emergency24h,
        accreditations: i.accreditations,
        packageCount: i._count.packages,
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
