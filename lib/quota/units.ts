// Taking and giving back a booking's special-service units (DESIGN rule 3),
// always inside the booking's own transaction. The check and the increment
// are one conditional UPDATE: its row lock serializes concurrent bookings of
// the month, and the cap is computed in the same statement from the rules in
// force on the visit day (quota_percent) and the declared volume.
import type { TxClient } from "../db/create-client";
import { Prisma } from "../db/generated/client";
import { beijingMonthOf, calendarDateOf, dbDate } from "../time/zone";

/** The month row of a visit with room for `units` more under the rule in force on the visit day. */
function monthWithRoom(institutionId: string, visitStartsAt: Date, units: number) {
  const month = dbDate(beijingMonthOf(visitStartsAt));
  const day = dbDate(calendarDateOf(visitStartsAt));
  return Prisma.sql`institution_id = ${institutionId} AND month = ${month}::date AND declared_volume IS NOT NULL
    AND used_units + ${units} <= quota_cap_units(quota_percent(institution_id, ${day}::date), declared_volume)`;
}

/** Takes `units` from the visit's month; the quota_period id, or null when the cap does not allow it. */
export async function takeQuotaUnits(
  tx: Pick<TxClient, "$queryRaw">,
  institutionId: string,
  visitStartsAt: Date,
  units: number,
): Promise<string | null> {
  const [period] = await tx.$queryRaw<{ id: string }[]>`
    UPDATE quota_period SET used_units = used_units + ${units}, updated_at = now()
    WHERE ${monthWithRoom(institutionId, visitStartsAt, units)}
    RETURNING id`;
  return period?.id ?? null;
}

/** Whether the month would take `units` more now (a read, for early answers; the booking's update decides). */
export async function hasQuotaRoom(
  tx: Pick<TxClient, "$queryRaw">,
  institutionId: string,
  visitStartsAt: Date,
  units: number,
): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM quota_period WHERE ${monthWithRoom(institutionId, visitStartsAt, units)}`;
  return rows.length > 0;
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
