// Use case: staff acknowledge a patient's interpreter request (same optimistic
// concurrency as status changes).
import { z } from "zod";
import { REFERENCE_PATTERN } from "./reference";
import type { DbClient } from "../db/create-client";
import { recordBookingEvent } from "./booking-lock";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { actorAttributes, tracedUseCase } from "../observability/trace";

export const acknowledgeInterpreterSchema = z
  .object({
    reference: z.string().trim().regex(REFERENCE_PATTERN),
    version: z.number().int().min(0),
  })
  .strict();

async function acknowledgeInterpreterUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof acknowledgeInterpreterSchema>,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "booking.update");
  return db.$transaction(async (tx) => {
    const booking = await tx.booking.findFirst({
      where: { reference: input.reference, institutionId: scope.institutionId, anonymizedAt: null },
      select: { id: true, interpreterWanted: true, interpreterAckAt: true },
    });
    if (!booking) throw new AppError("NOT_FOUND");
    if (!booking.interpreterWanted || booking.interpreterAckAt) throw new AppError("INVALID_TRANSITION");
    const { count } = await tx.booking.updateMany({
      where: { id: booking.id, version: input.version, interpreterAckAt: null },
      data: { interpreterAckAt: now, version: { increment: 1 } },
    });
    if (count !== 1) throw new AppError("BOOKING_CHANGED");
    await recordBookingEvent(tx, {
      bookingId: booking.id,
      version: input.version + 1,
      kind: "interpreter-acknowledged",
      actorRole: scope.role,
    });
    await recordAudit(tx, {
      actorId: scope.actor.userId,
      actorRole: scope.role,
      action: "booking.acknowledge_interpreter",
      entityType: "booking",
      entityId: booking.id,
      institutionId: scope.institutionId,
      before: { interpreterAckAt: null },
      after: { interpreterAckAt: now.toISOString() },
    });
  });
}

/** acknowledgeInterpreter with a "booking.acknowledgeInterpreter" span around each call (lib/observability/trace.ts). */
export const acknowledgeInterpreter = tracedUseCase(
  "booking.acknowledgeInterpreter",
  acknowledgeInterpreterUntraced,
  (_db, actor, input) => ({ ...actorAttributes(actor), "booking.reference": input.reference }),
);
