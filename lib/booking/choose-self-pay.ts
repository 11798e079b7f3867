// Use case behind the manage link: after the insurer's guarantee of payment
// was denied, the patient keeps the appointment and pays it themselves (the
// other choice, cancelling, is the ordinary cancellation). The booking stops
// waiting: it is confirmed as self-pay, the policy data is dropped, and the
// patient gets the confirmation e-mail.
import type { DbClient } from "../db/create-client";
import { inTransaction } from "../db/transaction";
import { AppError } from "../errors";
import { getBooking, type PatientBooking } from "./manage-booking";
import { canChooseSelfPay } from "./manage-actions";
import { lockPatientBooking, requireManageLink, recordBookingEvent, emailToPatient } from "./booking-lock";
import { tracedUseCase } from "../observability/trace";

async function chooseSelfPayUntraced(
  db: DbClient,
  reference: string,
  token: string | null,
  now: Date = new Date(),
): Promise<PatientBooking> {
  requireManageLink(reference, token);
  await inTransaction(db, async (tx) => {
    const b = await lockPatientBooking(tx, reference, token);
    if (
      !canChooseSelfPay({ status: b.status, paymentMethod: b.paymentMethod, guarantee: b.guarantee?.status })
    )
      throw new AppError("GUARANTEE_NOT_DENIED");
    const version = b.version + 1;
    await tx.booking.update({
      where: { id: b.id },
      data: {
        paymentMethod: "SELF_PAY",
        insurerId: null,
        policyNumberEnc: null,
        memberName: null,
        status: "CONFIRMED",
        confirmedAt: now,
        version,
      },
    });
    await recordBookingEvent(tx, {
      bookingId: b.id,
      version,
      kind: "self-pay",
      email: emailToPatient(b, "booking-confirmed"),
    });
  });
  return getBooking(db, reference, token, now);
}

/** chooseSelfPay with a "booking.chooseSelfPay" span around each call (lib/observability/trace.ts). */
export const chooseSelfPay = tracedUseCase(
  "booking.chooseSelfPay",
  chooseSelfPayUntraced,
  (_db, reference) => ({ "booking.reference": reference }),
);
