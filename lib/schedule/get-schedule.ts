// Use case: one schedule of the actor's institution with its rules, closures
// and the state of its published slots.
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { nameTranslations, pickName } from "../i18n/content";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";

export async function getSchedule(
  db: DbClient,
  actor: Actor | null,
  scheduleId: string,
  locale: string,
  now = new Date(),
) {
  const scope = requireStaff(actor, "schedule.manage");
  const tr = nameTranslations(locale);
  const schedule = await db.schedule.findFirst({
    where: { id: scheduleId, institutionId: scope.institutionId },
    include: {
      rules: { orderBy: [{ weekday: "asc" }, { startMinute: "asc" }] },
      closures: { orderBy: { startsOn: "asc" } },
      department: { select: { translations: tr } },
      package: { select: { translations: tr } },
      managedBy: { select: { name: true } },
    },
  });
  if (!schedule) throw new AppError("NOT_FOUND");
  const [stats] = await db.$queryRaw<{ slots: number; booked: number; until: Date | null }[]>`
    SELECT count(*)::int AS slots, coalesce(sum(booked), 0)::int AS booked, max(starts_at) AS until
    FROM slot WHERE schedule_id = ${schedule.id} AND starts_at > ${now} AND NOT closed`;
  return {
    id: schedule.id,
    timezone: schedule.timezone,
    name: pickName((schedule.department ?? schedule.package)?.translations, locale),
    rules: schedule.rules,
    closures: schedule.closures.map((c) => ({
      id: c.id,
      startsOn: c.startsOn.toISOString().slice(0, 10),
      endsOn: c.endsOn.toISOString().slice(0, 10),
      reason: c.reason,
    })),
    futureSlots: stats?.slots ?? 0,
    futureBooked: stats?.booked ?? 0,
    publishedUntil: stats?.until ?? null,
    /** The hospital system that publishes this schedule through FHIR (ADR 0022): the console only shows it. */
    managedBy: schedule.managedBy ? { name: schedule.managedBy.name } : null,
  };
}
