// Use case: the quota rules that bear on one city (the national default, the
// city's own, its institutions'), newest first, with whether each is in
// force, planned or ended today, and the percentage in force today.
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { nameTranslations, pickName } from "../i18n/content";
import type { Actor } from "../auth/actor";
import { requireAdmin, requireCity } from "../auth/permissions";
import { calendarDateOf, isoDate } from "../time/zone";

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export async function listQuotaRules(
  db: DbClient,
  actor: Actor | null,
  citySlug: string,
  locale: string,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "quota.rules");
  const city = await db.city.findUnique({ where: { slug: citySlug }, select: { id: true } });
  if (!city) throw new AppError("NOT_FOUND");
  requireCity(admin, city.id);
  const today = isoDate(calendarDateOf(now));
  const tr = nameTranslations(locale);
  const rules = await db.quotaRule.findMany({
    where: { OR: [{ scope: "NATIONAL" }, { cityId: city.id }, { institution: { cityId: city.id } }] },
    select: {
      id: true,
      scope: true,
      capPercent: true,
      effectiveFrom: true,
      effectiveTo: true,
      createdAt: true,
      createdBy: { select: { name: true } },
      institution: { select: { slug: true, nameZh: true, translations: tr } },
    },
    orderBy: [{ scope: "asc" }, { effectiveFrom: "desc" }],
  });
  const institutions = await db.institution.findMany({
    where: { cityId: city.id, ownership: "PUBLIC" },
    select: { slug: true, nameZh: true, translations: tr },
    orderBy: { nameZh: "asc" },
  });
  return {
    today,
    canSetNational: admin.cityIds === null,
    rules: rules.map((r) => {
      const from = day(r.effectiveFrom)!;
      const to = day(r.effectiveTo);
      return {
        id: r.id,
        scope: r.scope,
        percent: Number(r.capPercent),
        from,
        to,
        state:
          from > today
            ? ("planned" as const)
            : to !== null && to < today
              ? ("ended" as const)
              : ("inForce" as const),
        institution: r.institution
          ? {
              slug: r.institution.slug,
              name: pickName(r.institution.translations, locale, r.institution.nameZh),
            }
          : null,
        createdBy: r.createdBy?.name ?? null,
        createdAt: r.createdAt,
      };
    }),
    institutions: institutions.map((i) => ({
      slug: i.slug,
      name: pickName(i.translations, locale, i.nameZh),
    })),
  };
}
