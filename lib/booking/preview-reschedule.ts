// Use case: what moving a booking to another slot would look like, for the
// patient to confirm before anything changes: the booking as it is and the
// chosen slot, checked by the same rules as the move (reschedule-booking.ts)
// plus a free place now. A read, not a promise: the move checks again under
// its locks.
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { getBookingPage, type BookingPage } from "./booking-page";
import { requireManageLink } from "./booking-lock";
import { requireMovable, requireRescheduleTarget, type RescheduleInput } from "./reschedule-booking";
import { openPlaces } from "./slot-capacity";

export interface ReschedulePreview {
  /** The booking and what it books, as the manage page shows them. */
  current: BookingPage;
  /** The slot it would move to. */
  slot: { id: string; startsAt: Date; endsAt: Date };
}

export async function previewReschedule(
  db: DbClient,
  reference: string,
  token: string | null,
  input: RescheduleInput,
  locale: string,
  now: Date = new Date(),
): Promise<ReschedulePreview> {
  requireManageLink(reference, token);
  const current = await getBookingPage(db, reference, token, locale);
  const { booking } = current;
  requireMovable(booking.status, booking.cancellableUntil, now);
  const [row] = await db.$queryRaw<
    {
      id: string;
      department_id: string | null;
      package_id: string | null;
      closed: boolean;
      starts_at: Date;
      ends_at: Date;
      open: number;
    }[]
  >`
    SELECT s.id, s.department_id, s.package_id, s.closed, s.starts_at, s.ends_at, ${openPlaces}::int AS open
    FROM slot s WHERE s.id = ${input.slotId}`;
  const own = await db.booking.findUniqueOrThrow({
    where: { reference },
    select: { departmentId: true, packageId: true, slotId: true },
  });
  // Its own slot is no new time.
  if (row?.id === own.slotId) throw new AppError("VALIDATION_FAILED", { fields: { slotId: "invalid" } });
  const target = requireRescheduleTarget(own, row, now);
  if (Number(target.open) < 1) throw new AppError("SLOT_FULL");
  return { current, slot: { id: target.id, startsAt: target.starts_at, endsAt: target.ends_at } };
}
