// Use case: a city's foreigner medical guide as the public sees it: only the
// current published version, each section in the reader's language or, with
// a notice, in the fallback one (requested -> en -> zh); the Chinese text of
// each section for the bilingual view; and the institutions captured when the
// version was published (a later catalogue change does not alter it).
import type { DbClient, TxClient } from "../db/create-client";
import type { GuideSectionKey } from "../db/generated/client";
import { slugParam } from "../slug";
import { AppError } from "../errors";
import { nameFields, nameTranslations, pickLocalizedName, pickName, pickTranslation } from "../i18n/content";

export interface GuideInstitution {
  slug: string;
  name: string;
  /** The locale of the name (a fallback when it is not the page's: mark it with lang). */
  nameLocale: string;
  nameZh: string;
  addressZh: string;
  phone: string;
}

export interface PublishedSection {
  key: GuideSectionKey;
  title: string;
  body: string;
  /** The locale the text is in; differs from the requested one when it is a fallback. */
  locale: string;
  isFallback: boolean;
  zh: { title: string; body: string } | null;
}

export interface SnapshotInstitution {
  id?: string;
  slug: string;
  nameZh: string;
  addressZh: string;
  phone: string;
  names: Record<string, string>;
}

const sectionsSelect = {
  orderBy: { position: "asc" as const },
  select: { key: true, translations: { select: { locale: true, title: true, body: true } } },
};

interface CityRow {
  slug: string;
  nameZh: string;
  emergencyAmbulance: string;
  emergencyPolice: string;
  emergencyFire: string;
  translations: { locale: string; name: string }[];
}

interface VersionRow {
  version: number;
  publishedAt: Date | null;
  sections: { key: GuideSectionKey; translations: { locale: string; title: string; body: string }[] }[];
}

/** A guide version as readers see it in `locale` (shared by the public page and the commission's preview). */
export function shapeGuide(
  city: CityRow,
  version: VersionRow,
  snapshot: SnapshotInstitution[],
  locale: string,
) {
  return {
    city: {
      slug: city.slug,
      name: pickName(city.translations, locale, city.nameZh),
      nameZh: city.nameZh,
      emergency: {
        ambulance: city.emergencyAmbulance,
        police: city.emergencyPolice,
        fire: city.emergencyFire,
      },
    },
    version: version.version,
    publishedAt: version.publishedAt,
    sections: version.sections.flatMap((s): PublishedSection[] => {
      const picked = pickTranslation(s.translations, locale);
      if (!picked) return [];
      const zh = s.translations.find((t) => t.locale === "zh");
      return [
        {
          key: s.key,
          title: picked.value.title,
          body: picked.value.body,
          locale: picked.locale,
          isFallback: picked.isFallback,
          zh: zh ? { title: zh.title, body: zh.body } : null,
        },
      ];
    }),
    institutions: snapshot.map((i): GuideInstitution => ({
      slug: i.slug,
      ...nameFields(
        pickLocalizedName(
          Object.entries(i.names ?? {}).map(([l, name]) => ({ locale: l, name })),
          locale,
          i.nameZh,
        ),
      ),
      nameZh: i.nameZh,
      addressZh: i.addressZh,
      phone: i.phone,
    })),
  };
}

export const cityForGuide = (locale: string) => ({
  slug: true,
  nameZh: true,
  emergencyAmbulance: true,
  emergencyPolice: true,
  emergencyFire: true,
  translations: nameTranslations(locale),
});

/** The guide-listed institutions of a city now, as a version captures them when it is published. */
export async function listedSnapshot(
  db: DbClient | TxClient,
  cityId: string,
): Promise<SnapshotInstitution[]> {
  const listed = await db.institution.findMany({
    where: { cityId, guideListed: true },
    select: {
      id: true,
      slug: true,
      nameZh: true,
      addressZh: true,
      intlDeptPhone: true,
      translations: { select: { locale: true, name: true } },
    },
    orderBy: { slug: "asc" },
  });
  return listed.map((i) => ({
    id: i.id,
    slug: i.slug,
    nameZh: i.nameZh,
    addressZh: i.addressZh,
    phone: i.intlDeptPhone,
    names: Object.fromEntries(i.translations.map((t) => [t.locale, t.name])),
  }));
}

export async function getPublishedGuide(db: DbClient, citySlug: string, locale: string) {
  // No city has a slug like that (a NUL byte, say, that the database would refuse): none to look up.
  if (!slugParam.safeParse(citySlug).success) throw new AppError("NOT_FOUND");
  const city = await db.city.findUnique({
    where: { slug: citySlug },
    select: {
      ...cityForGuide(locale),
      guide: {
        select: {
          versions: {
            where: { status: "PUBLISHED" },
            take: 1,
            select: {
              version: true,
              publishedAt: true,
              institutionsSnapshot: true,
              sections: sectionsSelect,
            },
          },
        },
      },
    },
  });
  const version = city?.guide?.versions[0];
  if (!city || !version) throw new AppError("NOT_FOUND");
  const guide = shapeGuide(
    city,
    version,
    (version.institutionsSnapshot ?? []) as unknown as SnapshotInstitution[],
    locale,
  );
  return { ...guide, publishedAt: guide.publishedAt! };
}

export { sectionsSelect };

export type PublishedGuide = Awaited<ReturnType<typeof getPublishedGuide>>;

/** The cities that have a published guide, for the guide index. */
export async function listPublishedGuides(db: DbClient, locale: string) {
  const cities = await db.city.findMany({
    where: { guide: { versions: { some: { status: "PUBLISHED" } } } },
    select: { slug: true, nameZh: true, translations: nameTranslations(locale) },
    orderBy: { slug: "asc" },
  });
  return cities.map((c) => ({
    slug: c.slug,
    ...nameFields(pickLocalizedName(c.translations, locale, c.nameZh)),
    nameZh: c.nameZh,
  }));
}
