// The booking's status machine as staff drive it: which change is allowed from
// which status, and when (DESIGN rule 10: check-in on the visit's day in
// Beijing, a no-show only after the start). Pure, unit-tested; the use case
// refuses what it refuses (with the same reason), the console offers only what
// it allows now and says why the rest is not offered yet.
import type { BookingStatus, GuaranteeStatus } from "../db/generated/client";
import { addDays, calendarDateOf, zonedToUtc } from "../time/zone";

export const staffTransitions = {
  confirm: { from: ["PENDING_CONFIRMATION"], to: "CONFIRMED" },
  checkIn: { from: ["CONFIRMED"], to: "CHECKED_IN" },
  complete: { from: ["CHECKED_IN"], to: "COMPLETED" },
  noShow: { from: ["CONFIRMED"], to: "NO_SHOW" },
  cancel: { from: ["PENDING_CONFIRMATION", "CONFIRMED"], to: "CANCELLED" },
} as const satisfies Record<string, { from: readonly BookingStatus[]; to: BookingStatus }>;

export type StaffTransition = keyof typeof staffTransitions;
export const staffTransitionNames = Object.keys(staffTransitions) as StaffTransition[];

/** Check-in opens this long before the start when that is earlier than midnight in Beijing. */
export const CHECK_IN_EARLY_MS = 2 * 60 * 60 * 1000;

/** The booking as the status machine needs it. */
export interface TransitionSubject {
  status: BookingStatus;
  guarantee: GuaranteeStatus | null;
  startsAt: Date;
}

/**
 * Why a change is not possible now: the status does not allow it, the insurer's
 * guarantee is still to be decided, or the time is wrong for it. The last three
 * are also the keys of their explanation (Errors.reasons.*).
 */
export type TransitionRefusal = "status" | "guarantee" | TimeRefusal;
export type TimeRefusal = "checkInNotYet" | "checkInClosed" | "noShowNotYet";

/**
 * When a visit can be checked in: from 00:00 in Beijing on the visit's day, or
 * two hours before the start if that is earlier, until the end of that Beijing
 * day (a late patient still arrives that day). `closes` is exclusive.
 */
export function checkInWindow(startsAt: Date): { opens: Date; closes: Date } {
  const day = calendarDateOf(startsAt);
  const midnight = zonedToUtc(day, 0);
  const early = new Date(startsAt.getTime() - CHECK_IN_EARLY_MS);
  return { opens: early < midnight ? early : midnight, closes: zonedToUtc(addDays(day, 1), 0) };
}

/** The time condition of a change, or null when the time allows it (confirm and cancel have none). */
export function whyNotNow(name: StaffTransition, startsAt: Date, now: Date): TimeRefusal | null {
  if (name === "checkIn") {
    const { opens, closes } = checkInWindow(startsAt);
    if (now < opens) return "checkInNotYet";
    if (now >= closes) return "checkInClosed";
  }
  if (name === "noShow" && now < startsAt) return "noShowNotYet";
  return null;
}

/** Why staff may not make this change to the booking now, or null when they may. */
export function whyNot(
  name: StaffTransition,
  booking: TransitionSubject,
  now: Date,
): TransitionRefusal | null {
  if (!(staffTransitions[name].from as readonly BookingStatus[]).includes(booking.status)) return "status";
  // A booking waiting for the insurer's guarantee of payment is confirmed by deciding the guarantee.
  if (name === "confirm" && !guaranteeAllowsConfirm(booking.guarantee)) return "guarantee";
  return whyNotNow(name, booking.startsAt, now);
}

/** The changes staff may make to the booking now, in display order. */
export function allowedTransitions(booking: TransitionSubject, now: Date): StaffTransition[] {
  return staffTransitionNames.filter((name) => whyNot(name, booking, now) === null);
}

/** The changes the status allows but the time does not yet (or no longer), each with its reason. */
export function transitionsNotNow(
  booking: TransitionSubject,
  now: Date,
): { name: StaffTransition; reason: TimeRefusal }[] {
  return staffTransitionNames.flatMap((name) => {
    const reason = whyNot(name, booking, now);
    return reason && reason !== "status" && reason !== "guarantee" ? [{ name, reason }] : [];
  });
}

/** No guarantee of payment involved, or the insurer approved it. */
export function guaranteeAllowsConfirm(guarantee: GuaranteeStatus | null): boolean {
  return guarantee === null || guarantee === "APPROVED";
}
