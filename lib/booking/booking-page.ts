// Use case for the manage page: the booking (with its token) and what it books.
import type { DbClient } from "../db/create-client";
import { getBookingTarget, type BookingTarget } from "./booking-context";
import { bookingCalendar } from "./calendar";
import { getBooking, type PatientBooking } from "./manage-booking";

export interface BookingPage {
  booking: PatientBooking;
  target: BookingTarget;
}

export async function getBookingPage(
  db: DbClient,
  reference: string,
  token: string | null,
  locale: string,
): Promise<BookingPage> {
  const booking = await getBooking(db, reference, token);
  const target = await getBookingTarget(
    db,
    {
      hospital: booking.institution.slug,
      department: booking.department?.slug,
      package: booking.package?.slug,
    },
    locale,
  );
  return { booking, target };
}

export async function getBookingCalendar(
  db: DbClient,
  reference: string,
  token: string | null,
  locale: string,
): Promise<string> {
  const { booking, target } = await getBookingPage(db, reference, token, locale);
  return bookingCalendar({
    reference: booking.reference,
    startsAt: booking.slot.startsAt,
    endsAt: booking.slot.endsAt,
    title: `${target.name} · ${target.institution.name}`,
    location: `${target.institution.nameZh}, ${target.institution.addressZh}`,
    description: `${booking.reference} · ${target.institution.phone}`,
  });
}
