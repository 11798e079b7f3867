// The month's special-service units (DESIGN rule 3), always inside the
// transaction of the hold or booking that takes them. Every unit counts once:
// in `used_units` for a booking, or in a live hold's `units` while the patient
// fills in the form. So the rule is used + live held + new <= cap, with the cap
// computed from the rules in force on the visit day (quota_percent) and the
// declared volume.
//
// Lock order (docs/decisions/0011): booking, then slot, then month. The month
// row is locked by its own statement before it is read or changed: the
// statement after the lock takes a new snapshot, so it sees every hold and
// booking committed before it, and no other can commit in between.
import type { TxClient } from "../db/create-client";
import { Prisma } from "../db/generated/client";
import { beijingMonthOf, calendarDateOf, dbDate } from "../time/zone";

type Tx = Pick<TxClient, "$queryRaw" | "$executeRaw">;

/** Units kept by live holds of the quota month whose id is `periodId` (a subquery), optionally not one holder's. */
export const liveHeldUnits = (
  periodId: Prisma.Sql,
  except: { slotId: string; clientKey: string } | null = null,
) => Prisma.sql`(
  SELECT COALESCE(sum(h.units), 0)::int FROM hold h
  WHERE h.quota_period_id = ${periodId} AND h.expires_at > now()
    ${except ? Prisma.sql`AND NOT (h.slot_id = ${except.slotId} AND h.client_key = ${except.clientKey})` : Prisma.empty})`;

const monthOf = (institutionId: string, visitStartsAt: Date) =>
  Prisma.sql`institution_id = ${institutionId} AND month = ${dbDate(beijingMonthOf(visitStartsAt))}::date`;

/**
 * The month row of a visit with room for `units` more under the rule in force
 * on the visit day, counting what bookings use and live holds keep.
 */
function monthWithRoom(
  institutionId: string,
  visitStartsAt: Date,
  units: number,
  except: { slotId: string; clientKey: string } | null = null,
) {
  const day = dbDate(calendarDateOf(visitStartsAt));
  return Prisma.sql`${monthOf(institutionId, visitStartsAt)} AND declared_volume IS NOT NULL
    AND used_units + ${liveHeldUnits(Prisma.sql`quota_period.id`, except)} + ${units} <= quota_cap_units(quota_percent(institution_id, ${day}::date), declared_volume)`;
}

/** Locks the quota rows of the visits' months, in month order; their ids by month start. */
export async function lockMonths(tx: Tx, institutionId: string, visits: Date[]): Promise<void> {
  const months = [...new Set(visits.map((v) => dbDate(beijingMonthOf(v)).toISOString()))].sort();
  await tx.$queryRaw`
    SELECT id FROM quota_period WHERE institution_id = ${institutionId}
      AND month = ANY(${months.map((m) => m.slice(0, 10))}::date[])
    ORDER BY month FOR UPDATE`;
}

/**
 * Takes `units` from the visit's month for a booking; the quota_period id, or
 * null when the cap does not allow it. Locks the month first (unless the
 * caller already did, with lockMonths). With `bookingId`, the same statement
 * records the month on that booking (inserted earlier in the transaction with
 * none): a booking row that named the month when it was inserted would take a
 * key-share lock on it through its foreign key before this lock, and two such
 * bookings would deadlock upgrading it.
 */
export async function takeQuotaUnits(
  tx: Tx,
  institutionId: string,
  visitStartsAt: Date,
  units: number,
  options: { locked?: boolean; bookingId?: string } = {},
): Promise<string | null> {
  if (!options.locked) await lockMonths(tx, institutionId, [visitStartsAt]);
  const taken = Prisma.sql`
    UPDATE quota_period SET used_units = used_units + ${units}, updated_at = now()
    WHERE ${monthWithRoom(institutionId, visitStartsAt, units)}
    RETURNING id`;
  const [period] = await tx.$queryRaw<{ id: string }[]>`${
    options.bookingId
      ? Prisma.sql`WITH taken AS (${taken}), recorded AS (
          UPDATE booking SET quota_period_id = taken.id FROM taken WHERE booking.id = ${options.bookingId})
        SELECT id FROM taken`
      : taken
  }`;
  return period?.id ?? null;
}

/**
 * SQL: for a hold, the id of the visit's month when it has room for `units`
 * more beside what is used and held (the client's own earlier hold on the same
 * slot, which the new one replaces, not counted); null when it has none. The
 * caller has locked the month (lockMonths) with an earlier statement.
 */
export function monthRoomForHold(
  institutionId: string,
  visitStartsAt: Date,
  units: number,
  holder: { slotId: string; clientKey: string },
): Prisma.Sql {
  return Prisma.sql`(SELECT id FROM quota_period WHERE ${monthWithRoom(institutionId, visitStartsAt, units, holder)})`;
}

/** Gives a cancelled or moved booking's units back to the month it counted in. */
export async function releaseQuotaUnits(
  tx: Pick<TxClient, "$executeRaw">,
  quotaPeriodId: string | null,
  units: number,
): Promise<void> {
  if (!quotaPeriodId) return;
  await tx.$executeRaw`UPDATE quota_period SET used_units = used_units - ${units}, updated_at = now() WHERE id = ${quotaPeriodId}`;
}
