// The .ics calendar file of a booking (RFC 5545, from the `ics` library).
import { createEvent } from "ics";

export interface CalendarInput {
  reference: string;
  startsAt: Date;
  endsAt: Date;
  title: string;
  location: string;
  description: string;
}

const parts = (d: Date): [number, number, number, number, number] => [
  d.getUTCFullYear(),
  d.getUTCMonth() + 1,
  d.getUTCDate(),
  d.getUTCHours(),
  d.getUTCMinutes(),
];

export function bookingCalendar(input: CalendarInput): string {
  const { error, value } = createEvent({
    uid: `${input.reference}@international-patient-portal`,
    start: parts(input.startsAt),
    startInputType: "utc",
    startOutputType: "utc",
    end: parts(input.endsAt),
    endInputType: "utc",
    endOutputType: "utc",
    title: input.title,
    location: input.location,
    description: input.description,
    status: "CONFIRMED",
    productId: "international-patient-portal",
    alarms: [{ action: "display", description: input.title, trigger: { hours: 24, before: true } }],
  });
  if (error || !value) throw error ?? new Error("Could not build the calendar file");
  return value;
}
