// Use case: staff approve or deny a booking's guarantee-of-payment request
// (rule 4, pre-authorization). Approval confirms the booking; a denial keeps
// it waiting for the patient, who chooses self-pay or cancelling on the
// manage page. The patient is e-mailed either way, in the same transaction.
// The booking row is locked first and its version compared, like every console change.
import { z } from "zod";
import { REFERENCE_PATTERN } from "../booking/reference";
import type { DbClient } from "../db/create-client";
import { inTransaction } from "../db/transaction";
import { lockBooking, recordBookingEvent, emailToPatient } from "../booking/booking-lock";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { mayDecideGuarantee } from "./guarantee-decisions";
import { actorAttributes, tracedUseCase } from "../observability/trace";

export const decideGuaranteeSchema = z
  .object({
    reference: z.string().trim().regex(REFERENCE_PATTERN),
    version: z.number().int().min(0),
    decision: z.enum(["approve", "deny"]),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === "deny" && !v.reason)
      ctx.addIssue({ code: "custom", message: "required", path: ["reason"] });
  });

async function decideGuaranteeUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof decideGuaranteeSchema>,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "guarantee.decide");
  const approve = input.decision === "approve";
  return inTransaction(db, async (tx) => {
    const booking = await lockBooking(tx, { reference: input.reference, institutionId: scope.institutionId });
    if (!booking || booking.anonymized) throw new AppError("NOT_FOUND");
    if (booking.version !== input.version) throw new AppError("BOOKING_CHANGED");
    if (
      !booking.guarantee ||
      !mayDecideGuarantee({ status: booking.status, guarantee: booking.guarantee.status }, input.decision)
    )
      throw new AppError("INVALID_TRANSITION");
    const version = booking.version + 1;
    await tx.booking.update({
      where: { id: booking.id },
      data: approve ? { status: "CONFIRMED", confirmedAt: now, version } : { version },
    });
    await tx.guaranteeOfPayment.update({
      where: { id: booking.guarantee.id },
      data: {
        status: approve ? "APPROVED" : "DENIED",
        decidedAt: now,
        decidedById: scope.actor.userId,
        reason: approve ? null : input.reason,
      },
    });
    await recordBookingEvent(tx, {
      bookingId: booking.id,
      version,
      kind: approve ? "guarantee-approved" : "guarantee-denied",
      actorRole: scope.role,
      email: emailToPatient(booking, approve ? "guarantee-approved" : "guarantee-denied"),
    });
    await recordAudit(tx, {
      actorId: scope.actor.userId,
      actorRole: scope.role,
      action: approve ? "guarantee.approve" : "guarantee.deny",
      entityType: "booking",
      entityId: booking.id,
      institutionId: scope.institutionId,
      before: { guarantee: "PENDING", status: booking.status },
      after: approve
        ? { guarantee: "APPROVED", status: "CONFIRMED" }
        : { guarantee: "DENIED", reason: input.reason ?? null },
    });
    return { reference: input.reference, guarantee: approve ? ("APPROVED" as const) : ("DENIED" as const) };
  });
}

/** decideGuarantee with a "payment.decideGuarantee" span around each call (lib/observability/trace.ts). */
export const decideGuarantee = tracedUseCase(
  "payment.decideGuarantee",
  decideGuaranteeUntraced,
  (_db, actor) => actorAttributes(actor),
);
