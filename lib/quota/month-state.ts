// The one reading of an institution's quota month (DESIGN rule 3): the cap is
// computed by the same database functions the booking statement uses, `used`
// is the counter the booking increments, and `published` is the open
// special-service capacity of the month's future slots (places not yet booked,
// times the units a booking of them counts). One statement, so a booking that
// commits meanwhile is seen whole (slot.booked and used_units move together).
import type { DbClient, TxClient } from "../db/create-client";
import { Prisma, type Ownership } from "../db/generated/client";
import { beijingMonthOf, type CalendarDate } from "../time/zone";
import { monthDbDate, monthKey, monthRange } from "./month";
import { liveHeldUnits } from "./units";

export interface QuotaMonthState {
  institutionId: string;
  /** "YYYY-MM", Beijing calendar. */
  month: string;
  /** Private and foreign-owned institutions are not capped. */
  exempt: boolean;
  declaredVolume: number | null;
  declaredAt: Date | null;
  lockedAt: Date | null;
  /** The strictest percentage in force on any day of the month. */
  percent: number;
  /** floor(percent x volume / 100); 0 without a declared volume. Null when exempt. */
  cap: number | null;
  used: number;
  published: number;
  /** What publishing may still add: cap - used - published (never below 0). */
  remaining: number;
  /** Units live holds keep in the month while patients fill in the form. */
  held: number;
  /** What bookings may still take: cap - used - held (never below 0); Infinity when exempt. */
  room: number;
}

interface Row {
  institution_id: string;
  month: Date;
  ownership: Ownership;
  declared_volume: number | null;
  declared_at: Date | null;
  locked_at: Date | null;
  percent: string;
  cap: number;
  used: number;
  held: number;
  published: number;
}

export async function quotaMonthStates(
  db: DbClient | TxClient,
  institutionIds: string[],
  months: CalendarDate[],
  now: Date = new Date(),
  /** published: false skips counting open places (patients' pages need only the room). */
  options: { published?: boolean } = {},
): Promise<QuotaMonthState[]> {
  if (institutionIds.length === 0 || months.length === 0) return [];
  const rows = await db.$queryRaw<Row[]>`
    SELECT i.id AS institution_id, m.month, i.ownership, qp.declared_volume, qp.declared_at, qp.locked_at,
      x.percent::text AS percent, quota_cap_units(x.percent, qp.declared_volume) AS cap,
      COALESCE(qp.used_units, 0) AS used, ${liveHeldUnits(Prisma.sql`qp.id`)} AS held,
      ${
        options.published === false
          ? Prisma.sql`0`
          : Prisma.sql`(SELECT COALESCE(SUM(GREATEST(s.capacity - s.booked, 0) * COALESCE(p.sessions, 1)), 0)::int
         FROM slot s LEFT JOIN tcm_package p ON p.id = s.package_id
        WHERE s.institution_id = i.id AND NOT s.closed AND s.starts_at > ${now}
          AND s.starts_at >= (m.month::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND s.starts_at < ((m.month + INTERVAL '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai'))`
      } AS published
    FROM institution i
    CROSS JOIN unnest(${months.map(monthDbDate)}::date[]) AS m(month)
    CROSS JOIN LATERAL (SELECT quota_month_percent(i.id, m.month) AS percent) x
    LEFT JOIN quota_period qp ON qp.institution_id = i.id AND qp.month = m.month
    WHERE i.id = ANY(${institutionIds}::text[])
    ORDER BY i.id, m.month`;
  return rows.map((r) => {
    const exempt = r.ownership !== "PUBLIC";
    const cap = exempt ? null : Number(r.cap);
    const used = Number(r.used);
    const published = Number(r.published);
    return {
      institutionId: r.institution_id,
      month: monthKey({ year: r.month.getUTCFullYear(), month: r.month.getUTCMonth() + 1, day: 1 }),
      exempt,
      declaredVolume: r.declared_volume,
      declaredAt: r.declared_at,
      lockedAt: r.locked_at,
      percent: Number(r.percent),
      cap,
      used,
      published,
      remaining: cap === null ? Number.POSITIVE_INFINITY : Math.max(0, cap - used - published),
      held: Number(r.held),
      room: cap === null ? Number.POSITIVE_INFINITY : Math.max(0, cap - used - Number(r.held)),
    };
  });
}

/** Share of the cap in use, 0..1+ (null when there is no cap to compare with). */
export function capShare(state: Pick<QuotaMonthState, "cap" | "used">): number | null {
  if (state.cap === null) return null;
  if (state.cap === 0) return state.used > 0 ? Number.POSITIVE_INFINITY : null;
  return state.used / state.cap;
}

/** The meter's level: at 80% a warning, at 95% critical (issue 6). */
export function meterLevel(state: Pick<QuotaMonthState, "cap" | "used">): "ok" | "warning" | "critical" {
  const share = capShare(state);
  if (share === null) return "ok";
  return share >= 0.95 ? "critical" : share >= 0.8 ? "warning" : "ok";
}

/** Months (of those given) whose room is below what one booking of the service takes. */
export async function fullMonths(
  db: DbClient,
  institutionId: string,
  units: number,
  from: Date,
  to: Date,
  now: Date = new Date(),
): Promise<string[]> {
  const months = monthRange(beijingMonthOf(from), beijingMonthOf(to));
  const states = await quotaMonthStates(db, [institutionId], months, now, { published: false });
  return states.filter((s) => s.room < units).map((s) => s.month);
}
