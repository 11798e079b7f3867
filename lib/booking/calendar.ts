// One home for a booking's calendar entry: the .ics file (RFC 5545 with iTIP's
// METHOD, RFC 5546, written by ical-generator: it folds lines at 75 octets of
// UTF-8 and never inside a character, where `ics` counted characters and let
// Arabic lines run to 150 octets), and the "add to Google / Outlook" links.
//
// A calendar updates itself from these files (docs/decisions/0019): one UID per
// booking, SEQUENCE = the booking's version (bumped by every change of the
// booking, so by every new time and every new status), METHOD:REQUEST while
// the visit stands (STATUS:TENTATIVE while it awaits the insurer's guarantee),
// METHOD:CANCEL with STATUS:CANCELLED once it is cancelled.
import addressparser from "nodemailer/lib/addressparser";
import ical, {
  ICalAlarmType,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from "ical-generator";
import type { DbClient } from "../db/create-client";
import type { BookingStatus } from "../db/generated/client";
import { env } from "../env";
import { getTargetOf, type BookingTarget } from "./booking-context";

/** What a calendar shows of a booking: the same in the .ics file and the Google / Outlook links. */
export interface CalendarEvent {
  reference: string;
  startsAt: Date;
  endsAt: Date;
  title: string;
  location: string;
  description: string;
}

export interface BookingCalendarInput extends CalendarEvent {
  /** Grows with every change of the booking (its version): a calendar keeps the highest. */
  sequence: number;
  status: BookingStatus;
  /** The hospital's international department (or the portal's sender), who sends the request. */
  organizer: { name: string; email: string };
  /** The patient. */
  attendee: { name: string; email: string };
}

export type CalendarMethod = "REQUEST" | "CANCEL";

/** iTIP's method and the event's status for a booking's status. */
export function calendarStateOf(status: BookingStatus): {
  method: CalendarMethod;
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
} {
  if (status === "CANCELLED") return { method: "CANCEL", status: "CANCELLED" };
  // Waiting for the insurer's guarantee of payment: the time is kept, not yet confirmed.
  if (status === "PENDING_CONFIRMATION") return { method: "REQUEST", status: "TENTATIVE" };
  return { method: "REQUEST", status: "CONFIRMED" };
}

/** The one UID of a booking's event, in every file ever sent for it. */
export const calendarUid = (reference: string) => `${reference}@international-patient-portal`;

/** The title, place and note of a booking's event. */
export function calendarEventOf(
  booking: { reference: string; startsAt: Date; endsAt: Date },
  target: BookingTarget,
): CalendarEvent {
  return {
    reference: booking.reference,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    title: `${target.name} · ${target.institution.name}`,
    location: `${target.institution.nameZh}, ${target.institution.addressZh}`,
    description: `${booking.reference} · ${target.institution.phone}`,
  };
}

export function bookingCalendar(input: BookingCalendarInput): string {
  const state = calendarStateOf(input.status);
  const calendar = ical({
    prodId: { company: "International Patient Portal", product: "Bookings", language: "EN" },
    method: ICalCalendarMethod[state.method],
  });
  calendar.createEvent({
    id: calendarUid(input.reference),
    sequence: input.sequence,
    start: input.startsAt,
    end: input.endsAt,
    summary: input.title,
    location: input.location,
    description: input.description,
    status: ICalEventStatus[state.status],
    organizer: input.organizer,
    attendees: [
      {
        name: input.attendee.name,
        email: input.attendee.email,
        role: ICalAttendeeRole.REQ,
        // The patient chose this time themselves; no reply is expected.
        status: ICalAttendeeStatus.ACCEPTED,
        rsvp: false,
      },
    ],
    alarms:
      state.method === "REQUEST"
        ? [{ type: ICalAlarmType.display, trigger: 24 * 3600, description: input.title }]
        : [],
  });
  return calendar.toString();
}

/** The portal's sender (MAIL_FROM) as a name and an address. */
export function mailFromAddress(): { name: string; email: string } {
  const [first] = addressparser(env().MAIL_FROM, { flatten: true });
  return { name: first?.name || "International Patient Portal", email: first?.address ?? "" };
}

/**
 * A booking's calendar file as it stands now: its time, its status and its
 * version. The organizer is the hospital's international department when it
 * has an e-mail address, else the portal's sender.
 */
export async function calendarOfBooking(
  db: DbClient,
  bookingId: string,
  locale: string,
): Promise<{ ics: string; method: CalendarMethod; event: CalendarEvent }> {
  const booking = await db.booking.findUniqueOrThrow({
    where: { id: bookingId },
    select: {
      reference: true,
      status: true,
      version: true,
      patientName: true,
      patientEmail: true,
      slot: { select: { startsAt: true, endsAt: true } },
      institution: { select: { slug: true, intlDeptEmail: true } },
      department: { select: { slug: true } },
      package: { select: { slug: true } },
    },
  });
  const target = await getTargetOf(db, booking, locale);
  const event = calendarEventOf({ reference: booking.reference, ...booking.slot }, target);
  const organizer = booking.institution.intlDeptEmail
    ? { name: target.institution.name, email: booking.institution.intlDeptEmail }
    : mailFromAddress();
  const ics = bookingCalendar({
    ...event,
    sequence: booking.version,
    status: booking.status,
    organizer,
    attendee: { name: booking.patientName, email: booking.patientEmail },
  });
  return { ics, method: calendarStateOf(booking.status).method, event };
}

/** 20261130T073000Z: Google's form of a UTC time. */
const googleTime = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
/** 2026-11-30T07:30:00Z: Outlook's. */
const outlookTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * "Add to Google Calendar" and "Add to Outlook" links for an event (the
 * services' documented-by-use query parameters; times in UTC, so the
 * calendar shows them in its own zone).
 */
export function calendarLinks(event: CalendarEvent): { google: string; outlook: string } {
  const google = new URLSearchParams({
    action: "TEMPLATE",
    text: event.title,
    dates: `${googleTime(event.startsAt)}/${googleTime(event.endsAt)}`,
    details: event.description,
    location: event.location,
  });
  const outlook = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: event.title,
    startdt: outlookTime(event.startsAt),
    enddt: outlookTime(event.endsAt),
    body: event.description,
    location: event.location,
  });
  return {
    google: `https://calendar.google.com/calendar/render?${google}`,
    outlook: `https://outlook.live.com/calendar/0/action/compose?${outlook}`,
  };
}
