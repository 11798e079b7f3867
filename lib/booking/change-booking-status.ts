// Use case: staff confirm, check in, complete, mark a no-show or cancel (with a
// reason), when the status machine allows it now (booking-transitions.ts: check-in
// on the visit's day in Beijing, a no-show after the start). Optimistic concurrency: the form carries the version it was shown;
// the booking row is locked first and its version compared, so of two staff
// (or a member of staff and the patient) acting at once one wins and the other
// gets BOOKING_CHANGED. A
// cancellation gives back the slot's place and the month's quota units and
// e-mails the patient in their language, in the same transaction.
import { z } from "zod";
import { REFERENCE_PATTERN } from "./reference";
import type { DbClient } from "../db/create-client";
import type { BookingStatus } from "../db/generated/client";
import { AppError } from "../errors";
import { countBookingChange } from "../observability/metrics";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import {
  staffTransitionNames,
  staffTransitions,
  whyNot,
  type TransitionRefusal,
} from "./booking-transitions";
import { inTransaction } from "../db/transaction";
import { emailToPatient, lockBooking, recordBookingEvent, type BookingEventKind } from "./booking-lock";
import { releasePlace } from "./slot-capacity";
import { actorAttributes, tracedUseCase } from "../observability/trace";

export const changeBookingStatusSchema = z
  .object({
    reference: z.string().trim().regex(REFERENCE_PATTERN),
    version: z.number().int().min(0),
    transition: z.enum(staffTransitionNames as [string, ...string[]]),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.transition === "cancel" && !v.reason)
      ctx.addIssue({ code: "custom", message: "required", path: ["reason"] });
  });

async function changeBookingStatusUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof changeBookingStatusSchema>,
  now: Date = new Date(),
): Promise<{ reference: string; status: BookingStatus; version: number }> {
  const scope = requireStaff(actor, "booking.update");
  const transition = staffTransitions[input.transition as keyof typeof staffTransitions];

  const changed = await inTransaction(db, async (tx) => {
    // Locked first, inside the actor's institution: another hospital's booking is NOT_FOUND.
    const booking = await lockBooking(tx, { reference: input.reference, institutionId: scope.institutionId });
    if (!booking || booking.anonymized) throw new AppError("NOT_FOUND");
    if (booking.version !== input.version) throw new AppError("BOOKING_CHANGED");
    const refusal = whyNot(
      input.transition as keyof typeof staffTransitions,
      { status: booking.status, guarantee: booking.guarantee?.status ?? null, startsAt: booking.startsAt },
      now,
    );
    if (refusal)
      throw new AppError("INVALID_TRANSITION", {
        detail: refusalDetail[refusal],
        ...(refusal === "status" || refusal === "guarantee" ? {} : { reason: refusal }),
      });

    const version = booking.version + 1;
    const stamp: Record<string, Date | string> =
      transition.to === "CONFIRMED"
        ? { confirmedAt: now }
        : transition.to === "CHECKED_IN"
          ? { checkedInAt: now }
          : transition.to === "COMPLETED"
            ? { completedAt: now }
            : transition.to === "CANCELLED"
              ? { cancelledAt: now, cancelReason: input.reason ?? "", cancelledById: scope.actor.userId }
              : {};
    await tx.booking.update({
      where: { id: booking.id },
      data: { status: transition.to, version, ...stamp },
    });
    // The place and units the locked row holds now (never what was read before the lock).
    if (transition.to === "CANCELLED") await releasePlace(tx, booking);
    const email =
      transition.to === "CANCELLED"
        ? ("booking-cancelled-by-hospital" as const)
        : transition.to === "CONFIRMED"
          ? ("booking-confirmed" as const)
          : null;
    await recordBookingEvent(tx, {
      bookingId: booking.id,
      version,
      kind: eventKind[input.transition as keyof typeof staffTransitions],
      actorRole: scope.role,
      email: email ? emailToPatient(booking, email) : null,
    });
    await recordAudit(tx, {
      actorId: scope.actor.userId,
      actorRole: scope.role,
      action: `booking.${input.transition}`,
      entityType: "booking",
      entityId: booking.id,
      institutionId: scope.institutionId,
      before: { status: booking.status, version: booking.version },
      after: {
        status: transition.to,
        version,
        ...(input.reason && transition.to === "CANCELLED" ? { reason: input.reason } : {}),
      },
    });
    return { reference: booking.reference, status: transition.to, version };
  });
  if (changed.status === "CANCELLED") countBookingChange("staff_cancel");
  return changed;
}

const refusalDetail: Record<TransitionRefusal, string> = {
  status: "not from the booking's status",
  guarantee: "decide the guarantee of payment",
  checkInNotYet: "check-in opens on the visit's day (Beijing time)",
  checkInClosed: "check-in closed at the end of the visit's day (Beijing time)",
  noShowNotYet: "not before the appointment",
};

const eventKind = {
  confirm: "confirmed",
  checkIn: "checked-in",
  complete: "completed",
  noShow: "no-show",
  cancel: "cancelled-by-hospital",
} as const satisfies Record<keyof typeof staffTransitions, BookingEventKind>;

/** changeBookingStatus with a "booking.changeBookingStatus" span around each call (lib/observability/trace.ts). */
export const changeBookingStatus = tracedUseCase(
  "booking.changeBookingStatus",
  changeBookingStatusUntraced,
  (_db, actor, input) => ({
    ...actorAttributes(actor),
    "booking.reference": input.reference,
    "booking.transition": input.transition,
  }),
);
