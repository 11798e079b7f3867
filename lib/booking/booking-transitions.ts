// The booking's status machine as staff drive it: which change is allowed from
// which status. Pure, unit-tested; the use case enforces it with a
// compare-and-swap on (status, version).
import type { BookingStatus, GuaranteeStatus } from "../db/generated/client";

export const staffTransitions = {
  confirm: { from: ["PENDING_CONFIRMATION"], to: "CONFIRMED" },
  checkIn: { from: ["CONFIRMED"], to: "CHECKED_IN" },
  complete: { from: ["CHECKED_IN"], to: "COMPLETED" },
  noShow: { from: ["CONFIRMED"], to: "NO_SHOW" },
  cancel: { from: ["PENDING_CONFIRMATION", "CONFIRMED"], to: "CANCELLED" },
} as const satisfies Record<string, { from: readonly BookingStatus[]; to: BookingStatus }>;

export type StaffTransition = keyof typeof staffTransitions;
export const staffTransitionNames = Object.keys(staffTransitions) as StaffTransition[];

/**
 * The changes staff may make to a booking in `status` (in display order). A
 * booking waiting for the insurer's guarantee of payment is confirmed by
 * deciding the guarantee, not by "confirm".
 */
export function allowedTransitions(
  status: BookingStatus,
  guarantee: GuaranteeStatus | null = null,
): StaffTransition[] {
  return staffTransitionNames.filter(
    (name) =>
      (staffTransitions[name].from as readonly BookingStatus[]).includes(status) &&
      (name !== "confirm" || guaranteeAllowsConfirm(guarantee)),
  );
}

/** No guarantee of payment involved, or the insurer approved it. */
export function guaranteeAllowsConfirm(guarantee: GuaranteeStatus | null): boolean {
  return guarantee === null || guarantee === "APPROVED";
}
