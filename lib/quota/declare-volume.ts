// Use case: a hospital manager declares the institution's total medical
// service volume for a month (outpatient visits plus inpatient services, in
// the units special services count in). The month's cap follows from it. A
// volume the city has verified and locked cannot change; a lower volume whose
// cap would fall below the units already booked is refused, with the numbers.
import type { z } from "zod";
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { addMonths, monthDbDate, monthKey, parseMonth } from "./month";
import type { declareVolumeSchema } from "./quota-inputs";
import { beijingMonthOf } from "../time/zone";
import { actorAttributes, tracedUseCase } from "../observability/trace";

/** Months a volume can be declared for: the past year (actuals) and the coming year (plans). */
export const DECLARE_MONTHS_BACK = 12;
export const DECLARE_MONTHS_AHEAD = 12;

async function declareVolumeUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof declareVolumeSchema>,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "quota.declare");
  const { volume } = input;
  const month = parseMonth(input.month);
  const current = beijingMonthOf(now);
  if (
    input.month < monthKey(addMonths(current, -DECLARE_MONTHS_BACK)) ||
    input.month > monthKey(addMonths(current, DECLARE_MONTHS_AHEAD))
  )
    throw new AppError("VALIDATION_FAILED", { fields: { month: "outOfRange" } });

  return db.$transaction(async (tx) => {
    const monthDate = monthDbDate(month);
    await tx.$executeRaw`
      INSERT INTO quota_period (id, institution_id, month, updated_at)
      VALUES (${crypto.randomUUID()}, ${scope.institutionId}, ${monthDate}::date, now())
      ON CONFLICT (institution_id, month) DO NOTHING`;
    const [period] = await tx.$queryRaw<
      {
        id: string;
        declared_volume: number | null;
        used_units: number;
        locked_at: Date | null;
        percent: string;
        cap: number;
      }[]
    >`
      SELECT id, declared_volume, used_units, locked_at, x.percent::text AS percent, quota_cap_units(x.percent, ${volume}::int) AS cap
      FROM quota_period, LATERAL (SELECT quota_month_percent(institution_id, month) AS percent) x
      WHERE institution_id = ${scope.institutionId} AND month = ${monthDate}::date
      FOR UPDATE OF quota_period`;
    if (!period) throw new AppError("INTERNAL");
    if (period.locked_at) throw new AppError("VOLUME_LOCKED");
    const percent = Number(period.percent);
    const lowered = period.declared_volume === null || volume < period.declared_volume;
    if (lowered && period.cap < period.used_units) {
      throw new AppError("VOLUME_BELOW_USED", {
        fields: { volume: "belowBooked" },
        values: {
          volume,
          percent,
          cap: period.cap,
          used: period.used_units,
          minimum: percent > 0 ? Math.ceil((period.used_units * 100) / percent) : period.used_units,
        },
      });
    }
    await tx.quotaPeriod.update({
      where: { id: period.id },
      data: { declaredVolume: volume, declaredById: scope.actor.userId, declaredAt: now },
    });
    await recordAudit(tx, {
      actorId: scope.actor.userId,
      actorRole: scope.role,
      action: "quota.volume.declare",
      entityType: "quota_period",
      entityId: period.id,
      institutionId: scope.institutionId,
      before: { month: input.month, volume: period.declared_volume },
      after: { month: input.month, volume, percent, cap: period.cap },
    });
    return { month: input.month, volume, percent, cap: period.cap, used: period.used_units };
  });
}

/** declareVolume with a "quota.declareVolume" span around each call (lib/observability/trace.ts). */
export const declareVolume = tracedUseCase("quota.declareVolume", declareVolumeUntraced, (_db, actor) =>
  actorAttributes(actor),
);
