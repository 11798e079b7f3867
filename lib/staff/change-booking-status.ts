// Use case: staff confirm, check in, complete, mark a no-show or cancel (with a
// reason). Optimistic concurrency: the form carries the version it was shown;
// the update is a compare-and-swap on (id, version, allowed status), so of two
// staff acting at once one wins and the other gets BOOKING_CHANGED. A
// cancellation gives back the slot's place and the month's quota units and
// e-mails the patient in their language, in the same transaction.
import { z } from "zod";
import { REFERENCE_PATTERN } from "../booking/reference";
import type { DbClient } from "../db/create-client";
import type { BookingStatus } from "../db/generated/client";
import { AppError, validationError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { guaranteeAllowsConfirm, staffTransitionNames, staffTransitions } from "./booking-transitions";
import { releaseQuotaUnits } from "../quota/units";

export const changeBookingStatusSchema = z
  .object({
    reference: z.string().trim().regex(REFERENCE_PATTERN),
    version: z.coerce.number().int().min(0),
    transition: z.enum(staffTransitionNames as [string, ...string[]]),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.transition === "cancel" && !v.reason)
      ctx.addIssue({ code: "custom", message: "required", path: ["reason"] });
  });

export async function changeBookingStatus(
  db: DbClient,
  actor: Actor | null,
  raw: unknown,
  now: Date = new Date(),
): Promise<{ reference: string; status: BookingStatus; version: number }> {
  const scope = requireStaff(actor, "booking.update");
  const parsed = changeBookingStatusSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;
  const transition = staffTransitions[input.transition as keyof typeof staffTransitions];

  return db.$transaction(
    async (tx) => {
      // Looked up inside the actor's institution: another hospital's booking is NOT_FOUND.
      const booking = await tx.booking.findFirst({
        where: { reference: input.reference, institutionId: scope.institutionId, anonymizedAt: null },
        include: { slot: { select: { startsAt: true } }, guarantee: { select: { status: true } } },
      });
      if (!booking) throw new AppError("NOT_FOUND");
      if (input.transition === "confirm" && !guaranteeAllowsConfirm(booking.guarantee?.status ?? null))
        throw new AppError("INVALID_TRANSITION", { detail: "decide the guarantee of payment" });
      if (input.transition === "noShow" && now < booking.slot.startsAt)
        throw new AppError("INVALID_TRANSITION", { detail: "not before the appointment" });

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
      const { count } = await tx.booking.updateMany({
        where: {
          id: booking.id,
          version: input.version,
          status: { in: [...transition.from] },
        },
        data: { status: transition.to, version: { increment: 1 }, ...stamp },
      });
      if (count !== 1) {
        // A new statement sees what a concurrent change committed meanwhile.
        const current = await tx.booking.findUniqueOrThrow({
          where: { id: booking.id },
          select: { version: true },
        });
        throw new AppError(current.version !== input.version ? "BOOKING_CHANGED" : "INVALID_TRANSITION");
      }

      if (transition.to === "CANCELLED") {
        await tx.$executeRaw`UPDATE slot SET booked = booked - 1 WHERE id = ${booking.slotId}`;
        await releaseQuotaUnits(tx, booking.quotaPeriodId, booking.units);
      }
      const email =
        transition.to === "CANCELLED"
          ? "booking-cancelled-by-hospital"
          : transition.to === "CONFIRMED"
            ? "booking-confirmed"
            : null;
      if (email) {
        await tx.outboxMessage.create({
          data: {
            dedupeKey: `booking.${input.transition}:${booking.id}`,
            template: email,
            toEmail: booking.patientEmail,
            locale: booking.locale,
            payload: { bookingId: booking.id },
          },
        });
      }
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
          version: booking.version + 1,
          ...(input.reason && transition.to === "CANCELLED" ? { reason: input.reason } : {}),
        },
      });
      return { reference: booking.reference, status: transition.to, version: booking.version + 1 };
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}
