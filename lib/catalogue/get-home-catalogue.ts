// Use case: what the home page shows: cities with their number of institutions,
// and institutions with international services (guide-listed first).
import type { DbClient } from "../db/create-client";
import { pickTranslation, translationLocales } from "../i18n/content";
import type { HospitalGrade, Ownership } from "../db/generated/client";

export interface HomeCity {
  slug: string;
  name: string;
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

export async function getHomeCatalogue(db: DbClient, locale: string, limit = 12): Promise<HomeCatalogue> {
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
        _count: { select: { packages: true } },
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
        name: pickTranslation(c.translations, locale)?.value.name ?? c.nameZh,
        nameZh: c.nameZh,
        institutionCount: c._count.institutions,
      })),
    institutions: institutions.map((i) => {
      const name = pickTranslation(i.translations, locale);
      return {
        slug: i.slug,
        name: name?.value.name ?? i.nameZh,
        nameLocale: name?.locale ?? "zh",
        nameIsFallback: name ? name.isFallback : locale !== "zh",
        nameZh: i.nameZh,
        cityName: pickTranslation(i.city.translations, locale)?.value.name ?? i.city.nameZh,
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
