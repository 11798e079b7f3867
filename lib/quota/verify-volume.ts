// Use case: the city health commission verifies an institution's declared
// volume for a month and locks it (or unlocks it to let the hospital correct
// it). Who and when is kept on the month and in the audit trail.
import type { z } from "zod";
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { requireAdmin, requireCity } from "../auth/permissions";
import { monthDbDate, parseMonth } from "./month";
import type { verifyVolumeSchema } from "./quota-inputs";
import { actorAttributes, tracedUseCase } from "../observability/trace";

async function verifyVolumeUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof verifyVolumeSchema>,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "quota.verify");
  return db.$transaction(async (tx) => {
    const institution = await tx.institution.findUnique({
      where: { slug: input.institution },
      select: { id: true, cityId: true },
    });
    if (!institution) throw new AppError("VALIDATION_FAILED", { fields: { institution: "invalid" } });
    requireCity(admin, institution.cityId);
    const month = monthDbDate(parseMonth(input.month));
    const [period] = await tx.$queryRaw<
      { id: string; declared_volume: number | null; locked_at: Date | null }[]
    >`
      SELECT id, declared_volume, locked_at FROM quota_period
      WHERE institution_id = ${institution.id} AND month = ${month}::date FOR UPDATE`;
    // Nothing declared: nothing to verify.
    if (!period || period.declared_volume === null)
      throw new AppError("VALIDATION_FAILED", { fields: { month: "invalid" } });
    const lock = input.action === "lock";
    if (Boolean(period.locked_at) !== lock) {
      await tx.quotaPeriod.update({
        where: { id: period.id },
        data: lock ? { lockedAt: now, lockedById: admin.actor.userId } : { lockedAt: null, lockedById: null },
      });
      await recordAudit(tx, {
        actorId: admin.actor.userId,
        actorRole: admin.role,
        action: lock ? "quota.volume.lock" : "quota.volume.unlock",
        entityType: "quota_period",
        entityId: period.id,
        institutionId: institution.id,
        cityId: institution.cityId,
        before: { month: input.month, volume: period.declared_volume, locked: Boolean(period.locked_at) },
        after: { month: input.month, volume: period.declared_volume, locked: lock },
      });
    }
    return { month: input.month, locked: lock };
  });
}

/** verifyVolume with a "quota.verifyVolume" span around each call (lib/observability/trace.ts). */
export const verifyVolume = tracedUseCase("quota.verifyVolume", verifyVolumeUntraced, (_db, actor) =>
  actorAttributes(actor),
);
