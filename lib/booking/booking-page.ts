// Use case for the manage page: the booking (with its token) and what it books.
import type { DbClient } from "../db/create-client";
import { getTargetOf, type BookingTarget } from "./booking-context";
import { calendarOfBooking } from "./calendar";
import { findWithToken, getBooking, type PatientBooking } from "./manage-booking";

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
  const target = await getTargetOf(db, booking, locale);
  return { booking, target };
}

/** The booking's calendar file as it stands now (a cancelled booking's is its CANCEL). */
export async function getBookingCalendar(
  db: DbClient,
  reference: string,
  token: string | null,
  locale: string,
): Promise<string> {
  const booking = await findWithToken(db, reference, token);
  return (await calendarOfBooking(db, booking.id, locale)).ics;
}
