// Use case: the departments and packages of the actor's institution with their
// schedules, and how far ahead each is published.
import type { DbClient } from "../db/create-client";
import { nameTranslations, pickName } from "../i18n/content";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";

export async function listSchedules(
  db: DbClient,
  actor: Actor | null,
  locale: string,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "schedule.manage");
  const tr = nameTranslations(locale);
  const [departments, packages, horizons] = await Promise.all([
    db.department.findMany({
      where: { institutionId: scope.institutionId },
      select: {
        slug: true,
        translations: tr,
        schedules: {
          select: { id: true, managedBy: { select: { name: true } }, _count: { select: { rules: true } } },
        },
      },
      orderBy: { slug: "asc" },
    }),
    db.tcmPackage.findMany({
      where: { institutionId: scope.institutionId },
      select: {
        slug: true,
        translations: tr,
        schedules: {
          select: { id: true, managedBy: { select: { name: true } }, _count: { select: { rules: true } } },
        },
      },
      orderBy: { slug: "asc" },
    }),
    db.slot.groupBy({
      by: ["scheduleId"],
      where: { institutionId: scope.institutionId, startsAt: { gt: now } },
      _max: { startsAt: true },
      _count: { _all: true },
    }),
  ]);
  const horizon = new Map(horizons.map((h) => [h.scheduleId, h]));
  const row = (kind: "d" | "p", item: (typeof departments)[number]) => {
    const schedule = item.schedules[0];
    const h = schedule ? horizon.get(schedule.id) : undefined;
    return {
      service: `${kind}:${item.slug}`,
      kind: kind === "d" ? ("department" as const) : ("package" as const),
      name: pickName(item.translations, locale, item.slug),
      scheduleId: schedule?.id ?? null,
      rules: schedule?._count.rules ?? 0,
      /** The hospital system that publishes it through FHIR, if any (ADR 0022). */
      managedBy: schedule?.managedBy?.name ?? null,
      futureSlots: h?._count._all ?? 0,
      publishedUntil: h?._max.startsAt ?? null,
    };
  };
  return [...departments.map((d) => row("d", d)), ...packages.map((p) => row("p", p))];
}
