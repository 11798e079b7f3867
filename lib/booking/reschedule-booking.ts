// Use case: move a booking to another free slot of the same department or
// package in one step. One transaction locks the booking, then both slots (in
// id order), then, across months, both months (in month order): the lock
// order of docs/decisions/0011. It takes the new place, gives back the old one
// (the one the locked row names), moves the special-service units, and writes
// one event and its e-mail: the patient always holds exactly one slot,
// whatever races.
import { z } from "zod";
import { idSchema } from "./booking-input";
import type { DbClient } from "../db/create-client";
import type { BookingStatus } from "../db/generated/client";
import { inTransaction } from "../db/transaction";
import { AppError } from "../errors";
import { countBookingChange } from "../observability/metrics";
import { beijingMonthOf, dbDate } from "../time/zone";
import { getBooking, type PatientBooking } from "./manage-booking";
import { lockMonths, takeQuotaUnits } from "../quota/units";
import {
  ACTIVE_STATUSES,
  cancellableUntil,
  lockPatientBooking,
  requireManageLink,
  recordBookingEvent,
  emailToPatient,
} from "./booking-lock";
import { lockSlots, releasePlace, takePlace } from "./slot-capacity";
import { tracedUseCase } from "../observability/trace";

export const rescheduleInputSchema = z.object({ slotId: idSchema }).strict();
export type RescheduleInput = z.output<typeof rescheduleInputSchema>;

/** A booking may move while it is live (waiting or confirmed) and its cancellation deadline is ahead. */
export function requireMovable(status: string, until: Date, now: Date): void {
  if (!ACTIVE_STATUSES.includes(status as BookingStatus)) throw new AppError("CONFLICT");
  if (now >= until) throw new AppError("CANCELLATION_WINDOW_CLOSED");
}

/** What a booking may move to: a slot of its own department or package, open, not started. */
export interface RescheduleTarget {
  id: string;
  department_id: string | null;
  package_id: string | null;
  closed: boolean;
  starts_at: Date;
}

/**
 * The one home of which slot a booking may move to (the move under its locks,
 * and the confirmation page before it): another department's or package's slot
 * is VALIDATION_FAILED on slotId, a closed or started one SLOT_FULL.
 */
export function requireRescheduleTarget<T extends RescheduleTarget>(
  booking: { departmentId: string | null; packageId: string | null },
  target: T | undefined,
  now: Date,
): T {
  if (!target || target.department_id !== booking.departmentId || target.package_id !== booking.packageId) {
    throw new AppError("VALIDATION_FAILED", { fields: { slotId: "invalid" } });
  }
  if (target.closed || target.starts_at <= now) throw new AppError("SLOT_FULL");
  return target;
}

async function rescheduleBookingUntraced(
  db: DbClient,
  reference: string,
  token: string | null,
  input: RescheduleInput,
  now: Date = new Date(),
): Promise<PatientBooking> {
  const newSlotId = input.slotId;
  requireManageLink(reference, token);

  const moved = await inTransaction(db, async (tx) => {
    const b = await lockPatientBooking(tx, reference, token);
    requireMovable(b.status, cancellableUntil(b.startsAt, b.cancellationWindowHours), now);
    if (b.slotId === newSlotId) return false;

    const slots = await lockSlots(tx, [b.slotId, newSlotId]);
    const target = requireRescheduleTarget(
      b,
      slots.find((s) => s.id === newSlotId),
      now,
    );
    const old = slots.find((s) => s.id === b.slotId)!;
    if (!(await takePlace(tx, target.id))) throw new AppError("SLOT_FULL");

    // Across months the units move too: both months locked in month order, the new one's taken first.
    const crossesMonths =
      b.quotaPeriodId !== null &&
      dbDate(beijingMonthOf(old.starts_at)).getTime() !== dbDate(beijingMonthOf(target.starts_at)).getTime();
    let quotaPeriodId = b.quotaPeriodId;
    if (crossesMonths) {
      await lockMonths(tx, b.institutionId, [old.starts_at, target.starts_at]);
      quotaPeriodId = await takeQuotaUnits(tx, b.institutionId, target.starts_at, b.units, { locked: true });
      if (!quotaPeriodId) throw new AppError("QUOTA_EXCEEDED");
    }
    // The old place, and the old month's units when they moved, go back.
    await releasePlace(tx, {
      slotId: old.id,
      quotaPeriodId: crossesMonths ? b.quotaPeriodId : null,
      units: b.units,
    });
    const version = b.version + 1;
    await tx.$executeRaw`
      UPDATE booking SET slot_id = ${newSlotId}, quota_period_id = ${quotaPeriodId}, version = ${version}, updated_at = now()
      WHERE id = ${b.id}`;
    await recordBookingEvent(tx, {
      bookingId: b.id,
      version,
      kind: "rescheduled",
      email: emailToPatient(b, "booking-rescheduled"),
    });
    return true;
  });
  if (moved) countBookingChange("reschedule");
  return getBooking(db, reference, token, now);
}

/** rescheduleBooking with a "booking.rescheduleBooking" span around each call (lib/observability/trace.ts). */
export const rescheduleBooking = tracedUseCase(
  "booking.rescheduleBooking",
  rescheduleBookingUntraced,
  (_db, reference, _token, input) => ({ "booking.reference": reference, "slot.id": input.slotId }),
);
