// Use case: a city's foreigner medical guide as the public sees it: only the
// current published version, each section in the reader's language or, with
// a notice, in the fallback one (requested -> en -> zh); the Chinese text of
// each section for the bilingual view; and the institutions captured when the
// version was published (a later catalogue change does not alter it).
import type { DbClient } from "../db/create-client";
import type { GuideSectionKey } from "../db/generated/client";
import { AppError } from "../errors";
import { nameTranslations, pickName, pickTranslation } from "../i18n/content";

export interface GuideInstitution {
  slug: string;
  name: string;
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

interface SnapshotInstitution {
  slug: string;
  nameZh: string;
  addressZh: string;
  phone: string;
  names: Record<string, string>;
}

export async function getPublishedGuide(db: DbClient, citySlug: string, locale: string) {
  const city = await db.city.findUnique({
    where: { slug: citySlug },
    select: {
      slug: true,
      nameZh: true,
      emergencyAmbulance: true,
      emergencyPolice: true,
      emergencyFire: true,
      translations: nameTranslations(locale),
      guide: {
        select: {
          versions: {
            where: { status: "PUBLISHED" },
            orderBy: { version: "desc" },
            take: 1,
            select: {
              version: true,
              publishedAt: true,
              institutionsSnapshot: true,
              sections: {
                orderBy: { position: "asc" },
                select: { key: true, translations: { select: { locale: true, title: true, body: true } } },
              },
            },
          },
        },
      },
    },
  });
  const version = city?.guide?.versions[0];
  if (!city || !version) throw new AppError("NOT_FOUND");
  const snapshot = (version.institutionsSnapshot ?? []) as unknown as SnapshotInstitution[];
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
    publishedAt: version.publishedAt!,
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
      name:
        pickTranslation(
          Object.entries(i.names ?? {}).map(([l, name]) => ({ locale: l, name })),
          locale,
        )?.value.name ?? i.nameZh,
      nameZh: i.nameZh,
      addressZh: i.addressZh,
      phone: i.phone,
    })),
  };
}

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
    name: pickName(c.translations, locale, c.nameZh),
    nameZh: c.nameZh,
  }));
}
