// Use case for the payment checker's form: the insurers and the cities to choose from.
import type { DbClient } from "../db/create-client";
import { nameTranslations, pickName } from "../i18n/content";

export async function checkerOptions(db: DbClient, locale: string) {
  const [insurers, cities] = await Promise.all([
    db.insurer.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } }),
    db.city.findMany({
      select: { slug: true, nameZh: true, translations: nameTranslations(locale) },
      orderBy: { slug: "asc" },
    }),
  ]);
  return {
    insurers,
    cities: cities.map((c) => ({ slug: c.slug, name: pickName(c.translations, locale, c.nameZh) })),
  };
}
