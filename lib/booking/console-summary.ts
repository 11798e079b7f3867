// Use case: the console's home: the institution, today's bookings by status,
// and what needs attention ahead (bookings to confirm, guarantees of payment
// to decide, interpreter requests to acknowledge, visa letters to issue), each
// with its first bookings, so the console links to where each is dealt with.
import type { DbClient } from "../db/create-client";
import type { Prisma } from "../db/generated/client";
import { nameTranslations, pickName } from "../i18n/content";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { addDays, calendarDateOf, isoDate, zonedToUtc } from "../time/zone";

/** How many bookings of each kind the home lists by reference (the rest: the day list). */
export const ATTENTION_SHOWN = 5;

export const ATTENTION_KINDS = ["guarantee", "confirmation", "interpreter", "visaLetter"] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export interface AttentionItem {
  reference: string;
  startsAt: Date;
}

export interface Attention {
  kind: AttentionKind;
  count: number;
  /** The first ATTENTION_SHOWN, soonest first. */
  bookings: AttentionItem[];
}

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
  const pending = { status: "PENDING_CONFIRMATION" as const };
  const waitingForInsurer = { guarantee: { status: "PENDING" as const } };
  const attentionWhere: Record<AttentionKind, Prisma.BookingWhereInput> = {
    // A booking waiting for the insurer's guarantee is confirmed by deciding the guarantee.
    guarantee: { ...upcoming, ...pending, ...waitingForInsurer },
    confirmation: { ...upcoming, ...pending, NOT: waitingForInsurer },
    interpreter: { ...upcoming, ...open, interpreterWanted: true, interpreterAckAt: null },
    visaLetter: { ...upcoming, ...open, visaLetterWanted: true, visaLetter: null },
  };
  const attentionOf = async (kind: AttentionKind): Promise<Attention> => {
    const where = attentionWhere[kind];
    const [count, rows] = await Promise.all([
      db.booking.count({ where }),
      db.booking.findMany({
        where,
        orderBy: [{ slot: { startsAt: "asc" } }, { reference: "asc" }],
        take: ATTENTION_SHOWN,
        select: { reference: true, slot: { select: { startsAt: true } } },
      }),
    ]);
    return {
      kind,
      count,
      bookings: rows.map((r) => ({ reference: r.reference, startsAt: r.slot.startsAt })),
    };
  };
  const [institution, byStatus, attention] = await Promise.all([
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
    Promise.all(ATTENTION_KINDS.map(attentionOf)),
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
    attention,
  };
}
