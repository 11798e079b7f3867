// The booking's status machine as staff drive it: which change is allowed from
// which status. Pure, unit-tested; the use case enforces it with a
// compare-and-swap on (status, version).
import type { BookingStatus } from "../db/generated/client";

export const staffTransitions = {
  confirm: { from: ["PENDING_CONFIRMATION"], to: "CONFIRMED" },
  checkIn: { from: ["CONFIRMED"], to: "CHECKED_IN" },
  complete: { from: ["CHECKED_IN"], to: "COMPLETED" },
  noShow: { from: ["CONFIRMED"], to: "NO_SHOW" },
  cancel: { from: ["PENDING_CONFIRMATION", "CONFIRMED"], to: "CANCELLED" },
} as const satisfies Record<string, { from: readonly BookingStatus[]; to: BookingStatus }>;

export type StaffTransition = keyof typeof staffTransitions;
export const staffTransitionNames = Object.keys(staffTransitions) as StaffTransition[];

/** The changes staff may make to a booking in `status` (in display order). */
export function allowedTransitions(status: BookingStatus): StaffTransition[] {
  return staffTransitionNames.filter((name) =>
    (staffTransitions[name].from as readonly BookingStatus[]).includes(status),
  );
}
