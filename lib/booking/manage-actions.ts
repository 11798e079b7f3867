// One home for what a patient may do with a booking through the manage link:
// the manage page offers exactly these actions, and the use cases behind them
// refuse the others with the same rules (choose-self-pay.ts uses canChooseSelfPay).
import { ACTIVE_STATUSES } from "./booking-lock";
import type { BookingStatus } from "../db/generated/client";

type GuaranteeStatus = "PENDING" | "APPROVED" | "DENIED";

export interface ManageFacts {
  status: string;
  paymentMethod: string;
  /** The guarantee of payment's state, when the insurer was asked for one. */
  guarantee: GuaranteeStatus | null | undefined;
}

/**
 * After the insurer denied the guarantee, a booking still waiting for it may be
 * kept as self-pay: it is confirmed and the patient pays at the visit.
 */
export function canChooseSelfPay(b: ManageFacts): boolean {
  return (
    b.status === "PENDING_CONFIRMATION" && b.paymentMethod === "DIRECT_BILLING" && b.guarantee === "DENIED"
  );
}

/** A live booking (waiting or confirmed) may be cancelled or moved until the cancellation deadline. */
export function canChangeAppointment(status: string, cancellableUntil: Date, now: Date): boolean {
  return ACTIVE_STATUSES.includes(status as BookingStatus) && now < cancellableUntil;
}

export interface ManageActions {
  /** The insurer's answer is shown (the booking asked for one and is not cancelled). */
  showGuarantee: boolean;
  chooseSelfPay: boolean;
  /** Cancel and reschedule: the same deadline governs both. */
  changeAppointment: boolean;
  /** Live but past the deadline: the patient must phone the institution to change it. */
  phoneToChange: boolean;
}

/** What the manage page offers for the booking as the patient sees it (manage-booking.ts PatientBooking). */
export function patientManageActions(
  booking: {
    status: string;
    cancellableUntil: string | Date;
    payment: { method: string; guarantee: { status: GuaranteeStatus } | null };
  },
  now: Date = new Date(),
): ManageActions {
  const facts = {
    status: booking.status,
    paymentMethod: booking.payment.method,
    guarantee: booking.payment.guarantee?.status,
  };
  const live = booking.status !== "CANCELLED";
  const change = canChangeAppointment(booking.status, new Date(booking.cancellableUntil), now);
  return {
    showGuarantee: live && !!facts.guarantee,
    chooseSelfPay: canChooseSelfPay(facts),
    changeAppointment: change,
    phoneToChange: live && !change,
  };
}
