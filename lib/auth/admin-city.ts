// The city (or the institution) a health-commission page or form works on: a
// city admin's own, any for a system admin. Another city is a 403.
import type { DbClient, TxClient } from "../db/create-client";
import { AppError } from "../errors";
import { nameTranslations, pickName } from "../i18n/content";
import { requireCity, type AdminScope } from "./permissions";

export async function adminCity(
  db: DbClient | TxClient,
  admin: AdminScope,
  citySlug: string | undefined,
  locale = "en",
) {
  const select = { id: true, slug: true, nameZh: true, translations: nameTranslations(locale) } as const;
  const cities = await db.city.findMany({
    where: admin.cityIds ? { id: { in: admin.cityIds } } : {},
    select,
    orderBy: { slug: "asc" },
  });
  let city = citySlug ? cities.find((c) => c.slug === citySlug) : cities[0];
  if (citySlug && !city) {
    const other = await db.city.findUnique({ where: { slug: citySlug }, select: { id: true } });
    if (!other) throw new AppError("VALIDATION_FAILED", { fields: { city: "invalid" } });
    requireCity(admin, other.id);
  }
  if (!city) throw new AppError("NOT_FOUND");
  city = city!;
  return {
    id: city.id,
    slug: city.slug,
    name: pickName(city.translations, locale, city.nameZh),
    cities: cities.map((c) => ({ slug: c.slug, name: pickName(c.translations, locale, c.nameZh) })),
  };
}

/** An institution the admin may act on: 404 when it does not exist, 403 in another city. */
export async function institutionInCity(db: DbClient | TxClient, admin: AdminScope, slug: string) {
  const institution = await db.institution.findUnique({
    where: { slug },
    select: { id: true, cityId: true },
  });
  if (!institution) throw new AppError("NOT_FOUND");
  requireCity(admin, institution.cityId);
  return institution;
}
