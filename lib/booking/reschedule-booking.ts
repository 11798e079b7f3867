// Use case: move a booking to another free slot of the same department or
// package in one step. One transaction locks the booking and both slots (in id
// order, so two moves never deadlock), takes the new place, gives back the old
// one and, across months, moves the special-service units, then writes the
// e-mail: the patient always holds exactly one slot, whatever races.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import { tokenMatches } from "../crypto/secrets";
import { AppError, validationError } from "../errors";
import { beijingMonthOf, dbDate } from "../time/zone";
import { getBooking, type BookingView } from "./manage-booking";
import { releaseQuotaUnits, takeQuotaUnits } from "../quota/units";

export const rescheduleInputSchema = z.object({ slotId: z.string().trim().min(1).max(64) }).strict();

export async function rescheduleBooking(
  db: DbClient,
  reference: string,
  token: string | null,
  raw: unknown,
  now: Date = new Date(),
): Promise<BookingView> {
  const parsed = rescheduleInputSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const newSlotId = parsed.data.slotId;
  const current = await getBooking(db, reference, token, now); // 404 without the right token
  if (current.status !== "CONFIRMED" && current.status !== "PENDING_CONFIRMATION")
    throw new AppError("CONFLICT");
  if (!current.cancellable) throw new AppError("CANCELLATION_WINDOW_CLOSED");

  await db.$transaction(
    async (tx) => {
      const [b] = await tx.$queryRaw<
        {
          id: string;
          status: string;
          slot_id: string;
          units: number;
          quota_period_id: string | null;
          institution_id: string;
          department_id: string | null;
          package_id: string | null;
          manage_token_hash: string;
          patient_email: string;
          locale: string;
        }[]
      >`SELECT id, status::text, slot_id, units, quota_period_id, institution_id, department_id, package_id, manage_token_hash, patient_email, locale
        FROM booking WHERE reference = ${reference} FOR UPDATE`;
      if (!b || !token || !tokenMatches(token, b.manage_token_hash)) throw new AppError("NOT_FOUND");
      if (b.status !== "CONFIRMED" && b.status !== "PENDING_CONFIRMATION") throw new AppError("CONFLICT");
      if (b.slot_id === newSlotId) return;

      const slots = await tx.$queryRaw<
        {
          id: string;
          capacity: number;
          booked: number;
          closed: boolean;
          starts_at: Date;
          department_id: string | null;
          package_id: string | null;
        }[]
      >`
        SELECT id, capacity, booked, closed, starts_at, department_id, package_id FROM slot WHERE id IN (${b.slot_id}, ${newSlotId}) ORDER BY id FOR UPDATE`;
      const target = slots.find((s) => s.id === newSlotId);
      const old = slots.find((s) => s.id === b.slot_id)!;
      if (!target || target.department_id !== b.department_id || target.package_id !== b.package_id) {
        throw new AppError("VALIDATION_FAILED", { fields: { slotId: "invalid" } });
      }
      if (target.closed || target.starts_at <= now) throw new AppError("SLOT_FULL");
      const [{ held } = { held: 0 }] = await tx.$queryRaw<{ held: number }[]>`
        SELECT count(*)::int AS held FROM hold WHERE slot_id = ${newSlotId} AND expires_at > now()`;
      const taken =
        await tx.$executeRaw`UPDATE slot SET booked = booked + 1 WHERE id = ${newSlotId} AND booked + ${Number(held)} < capacity`;
      if (taken !== 1) throw new AppError("SLOT_FULL");
      await tx.$executeRaw`UPDATE slot SET booked = booked - 1 WHERE id = ${old.id}`;

      let quotaPeriodId = b.quota_period_id;
      const oldMonth = dbDate(beijingMonthOf(old.starts_at)).getTime();
      const newMonth = dbDate(beijingMonthOf(target.starts_at));
      if (b.quota_period_id && oldMonth !== newMonth.getTime()) {
        quotaPeriodId = await takeQuotaUnits(tx, b.institution_id, target.starts_at, b.units);
        if (!quotaPeriodId) throw new AppError("QUOTA_EXCEEDED");
        await releaseQuotaUnits(tx, b.quota_period_id, b.units);
      }
      await tx.booking.update({ where: { id: b.id }, data: { slotId: newSlotId, quotaPeriodId } });
      await tx.outboxMessage.create({
        data: {
          dedupeKey: `booking.rescheduled:${b.id}:${newSlotId}`,
          template: "booking-rescheduled",
          toEmail: b.patient_email,
          locale: b.locale,
          payload: { bookingId: b.id },
        },
      });
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
  return getBooking(db, reference, token, now);
}
