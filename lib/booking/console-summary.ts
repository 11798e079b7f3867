// Use case: the console's home: the institution, today's bookings by status,
// and the open requests (confirmations, interpreters, visa letters) ahead.
import type { DbClient } from "../db/create-client";
import { nameTranslations, pickName } from "../i18n/content";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { addDays, calendarDateOf, isoDate, zonedToUtc } from "../time/zone";

export async function consoleSummary(
  db: DbClient,
  actor: Actor | null,
  locale: string,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "console.view");
  const today = calendarDateOf(now);
  const from = zonedToUtc(today, 0);
  const to = zonedToUtc(addDays(today, 1), 0);
  const upcoming = {
    institutionId: scope.institutionId,
    anonymizedAt: null,
    slot: { startsAt: { gte: now } },
  };
  const open = { status: { in: ["PENDING_CONFIRMATION" as const, "CONFIRMED" as const] } };
  const [institution, byStatus, pending, interpreters, letters] = await Promise.all([
    db.institution.findUniqueOrThrow({
      where: { id: scope.institutionId },
      select: {
        nameZh: true,
        translations: nameTranslations(locale),
      },
    }),
    db.booking.groupBy({
      by: ["status"],
      where: {
        institutionId: scope.institutionId,
        anonymizedAt: null,
        slot: { startsAt: { gte: from, lt: to } },
      },
      _count: { _all: true },
    }),
    db.booking.count({ where: { ...upcoming, status: "PENDING_CONFIRMATION" } }),
    db.booking.count({ where: { ...upcoming, ...open, interpreterWanted: true, interpreterAckAt: null } }),
    db.booking.count({ where: { ...upcoming, ...open, visaLetterWanted: true, visaLetter: null } }),
  ]);
  return {
    role: scope.role,
    institution: pickName(institution.translations, locale, institution.nameZh),
    institutionZh: institution.nameZh,
    today: isoDate(today),
    todayByStatus: Object.fromEntries(byStatus.map((s) => [s.status, s._count._all])) as Record<
      string,
      number
    >,
    pendingConfirmations: pending,
    interpreterRequests: interpreters,
    visaLetterRequests: letters,
  };
}
