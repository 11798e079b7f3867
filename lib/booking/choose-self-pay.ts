// Use case behind the manage link: after the insurer's guarantee of payment
// was denied, the patient keeps the appointment and pays it themselves (the
// other choice, cancelling, is the ordinary cancellation). The booking stops
// waiting: it is confirmed as self-pay, the policy data is dropped, and the
// patient gets the confirmation e-mail.
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { findWithToken, getBooking, type BookingView } from "./manage-booking";

export async function chooseSelfPay(
  db: DbClient,
  reference: string,
  token: string | null,
  now: Date = new Date(),
): Promise<BookingView> {
  const found = await findWithToken(db, reference, token);
  await db.$transaction(async (tx) => {
    const { count } = await tx.booking.updateMany({
      where: {
        id: found.id,
        status: "PENDING_CONFIRMATION",
        paymentMethod: "DIRECT_BILLING",
        guarantee: { status: "DENIED" },
      },
      data: {
        paymentMethod: "SELF_PAY",
        insurerId: null,
        policyNumberEnc: null,
        memberName: null,
        status: "CONFIRMED",
        confirmedAt: now,
        version: { increment: 1 },
      },
    });
    if (count !== 1) throw new AppError("GUARANTEE_NOT_DENIED");
    await tx.outboxMessage.create({
      data: {
        dedupeKey: `booking.self-pay:${found.id}`,
        template: "booking-confirmed",
        toEmail: found.patientEmail,
        locale: found.locale,
        payload: { bookingId: found.id },
      },
    });
  });
  return getBooking(db, reference, token, now);
}
