// A booking's calendar file updates the patient's calendar by itself (issue 17):
// book → REQUEST, reschedule → the same UID with a higher SEQUENCE and the new
// time, cancel → CANCEL with a higher SEQUENCE still. Read by two parsers this
// project did not write (ical.js and node-ical), applied to a calendar store
// the way iTIP (RFC 5546) says a client does, and checked octet by octet for
// an Arabic booking (RFC 5545 folding: at most 75 octets, never inside a
// character).
import ICAL from "ical.js";
import nodeIcal, { type VEvent } from "node-ical";
import { beforeAll, describe, expect, it } from "vitest";
import { getBookingTarget } from "../../lib/booking/booking-context";
import { getBookingCalendar } from "../../lib/booking/booking-page";
import { cancelBooking } from "../../lib/booking/manage-booking";
import { rescheduleBooking } from "../../lib/booking/reschedule-booking";
import { deliverDue } from "../../lib/notify/deliver-outbox";
import type { MailMessage, Mailer } from "../../lib/notify/mailer";
import { loadDemoSeed } from "../setup/demo-db";
import { bookFromBody } from "../helpers/book";
import { testDb } from "../helpers/db";

const patient = (slotId: string, locale: string, email: string) => ({
  slotId,
  locale,
  name: "أميرة حداد",
  nationality: "JO",
  dateOfBirth: "1984-03-12",
  email,
  phone: "+962 7 9123 4567",
  preferredLanguage: "ar",
  reasonForVisit: "Check-up",
  interpreterWanted: false,
  paymentMethod: "SELF_PAY",
  consentTerms: true,
  consentSensitive: true,
});

function recorder(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { sent, send: async (m) => void sent.push(m) };
}

/** One event as ical.js reads it, with the calendar's METHOD. */
function readIcalJs(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  const event = new ICAL.Event(vevent);
  return {
    method: calendar.getFirstPropertyValue("method"),
    uid: event.uid,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue("status"),
    start: event.startDate.toJSDate(),
    summary: event.summary,
    organizer: vevent.getFirstPropertyValue("organizer"),
    attendee: vevent.getFirstPropertyValue("attendee"),
    vevent,
  };
}

/** The same event as node-ical reads it. */
function readNodeIcal(ics: string) {
  const parsed = nodeIcal.sync.parseICS(ics);
  const events = Object.values(parsed).filter((c) => c?.type === "VEVENT") as VEvent[];
  expect(events).toHaveLength(1);
  const vcalendar = (parsed as unknown as { vcalendar: { method: string } }).vcalendar;
  return { method: vcalendar.method, event: events[0]! };
}

/**
 * A calendar store as an iTIP client keeps it: one event per UID; a REQUEST or
 * CANCEL replaces it only with a higher SEQUENCE (RFC 5546 section 2.1.5).
 */
class CalendarStore {
  readonly events = new Map<string, ICAL.Component>();
  apply(ics: string): void {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const method = calendar.getFirstPropertyValue("method");
    for (const vevent of calendar.getAllSubcomponents("vevent")) {
      const incoming = new ICAL.Event(vevent);
      const current = this.events.get(incoming.uid);
      if (current && new ICAL.Event(current).sequence >= incoming.sequence) continue;
      if (method === "CANCEL") vevent.updatePropertyWithValue("status", "CANCELLED");
      this.events.set(incoming.uid, vevent);
    }
  }
}

let slots: { id: string; startsAt: Date }[] = [];

beforeAll(async () => {
  await loadDemoSeed();
  const department = await testDb().department.findFirstOrThrow({
    where: { institution: { slug: "beijing-united-family" } },
    orderBy: { slug: "asc" },
  });
  slots = await testDb().slot.findMany({
    where: { departmentId: department.id, startsAt: { gt: new Date(Date.now() + 5 * 86_400_000) } },
    orderBy: { startsAt: "asc" },
    take: 4,
    select: { id: true, startsAt: true },
  });
  expect(slots.length).toBeGreaterThanOrEqual(3);
  await testDb().outboxMessage.deleteMany();
});

describe("a booking's calendar file", () => {
  it("book → REQUEST, reschedule → higher SEQUENCE and new DTSTART, cancel → CANCEL; one cancelled event in a calendar", async () => {
    const db = testDb();
    const booking = await bookFromBody(db, patient(slots[0]!.id, "ar", "amira.calendar@example.com"), {
      idempotencyKey: "calendar-ar-0001",
      clientKey: "cal",
    });
    const { reference, manageToken } = booking;
    const mailer = recorder();

    const booked = await getBookingCalendar(db, reference, manageToken, "ar");
    const first = readIcalJs(booked);
    expect(first).toMatchObject({
      method: "REQUEST",
      status: "CONFIRMED",
      uid: `${reference}@international-patient-portal`,
    });
    expect(first.start.getTime()).toBe(slots[0]!.startsAt.getTime());
    // URI schemes are case-insensitive (RFC 3986); ical-generator writes MAILTO for attendees.
    expect(String(first.attendee).toLowerCase()).toBe("mailto:amira.calendar@example.com");
    expect(String(first.organizer)).toMatch(/^mailto:[^@\s]+@[^@\s]+$/i);
    const nodeFirst = readNodeIcal(booked);
    expect(nodeFirst.method).toBe("REQUEST");
    expect(nodeFirst.event.uid).toBe(first.uid);
    expect(Number(nodeFirst.event.sequence)).toBe(first.sequence);
    expect(nodeFirst.event.status).toBe("CONFIRMED");
    // The confirmation e-mail attaches that same request.
    await deliverDue(db, mailer);
    expect(mailer.sent.at(-1)!.calendar).toMatchObject({ method: "REQUEST" });
    expect(readIcalJs(mailer.sent.at(-1)!.calendar!.content).sequence).toBe(first.sequence);

    await rescheduleBooking(db, reference, manageToken, { slotId: slots[2]!.id });
    const moved = await getBookingCalendar(db, reference, manageToken, "ar");
    const second = readIcalJs(moved);
    expect(second).toMatchObject({ method: "REQUEST", status: "CONFIRMED", uid: first.uid });
    expect(second.sequence).toBeGreaterThan(first.sequence);
    expect(second.start.getTime()).toBe(slots[2]!.startsAt.getTime());
    const nodeSecond = readNodeIcal(moved);
    expect(nodeSecond.event.uid).toBe(first.uid);
    expect(Number(nodeSecond.event.sequence)).toBe(second.sequence);
    expect(new Date(nodeSecond.event.start).getTime()).toBe(slots[2]!.startsAt.getTime());
    // The reschedule e-mail attaches the new request.
    await deliverDue(db, mailer);
    const rescheduleMail = mailer.sent.at(-1)!;
    expect(rescheduleMail.calendar?.method).toBe("REQUEST");
    const attached = readIcalJs(rescheduleMail.calendar!.content);
    expect(attached.sequence).toBe(second.sequence);
    expect(attached.start.getTime()).toBe(slots[2]!.startsAt.getTime());

    await cancelBooking(db, reference, manageToken);
    const cancelled = await getBookingCalendar(db, reference, manageToken, "ar");
    const third = readIcalJs(cancelled);
    expect(third).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid: first.uid });
    expect(third.sequence).toBeGreaterThan(second.sequence);
    const nodeThird = readNodeIcal(cancelled);
    expect(nodeThird.method).toBe("CANCEL");
    expect(nodeThird.event.status).toBe("CANCELLED");
    expect(Number(nodeThird.event.sequence)).toBe(third.sequence);
    // The cancellation e-mail carries the CANCEL.
    await deliverDue(db, mailer);
    const cancelMail = mailer.sent.at(-1)!;
    expect(cancelMail.calendar?.method).toBe("CANCEL");
    expect(readIcalJs(cancelMail.calendar!.content)).toMatchObject({
      status: "CANCELLED",
      sequence: third.sequence,
    });

    // In order: one event, cancelled, at the new time.
    const store = new CalendarStore();
    for (const ics of [booked, moved, cancelled]) store.apply(ics);
    expect(store.events.size).toBe(1);
    const [kept] = [...store.events.values()];
    expect(kept!.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(new ICAL.Event(kept!).startDate.toJSDate().getTime()).toBe(slots[2]!.startsAt.getTime());
    // Delivered out of order (e-mails can be), an older file never revives the event.
    const late = new CalendarStore();
    for (const ics of [cancelled, booked, moved]) late.apply(ics);
    expect(late.events.size).toBe(1);
    expect([...late.events.values()][0]!.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("folds an Arabic booking's lines at 75 octets, never inside a character, and unfolding restores the text", async () => {
    const db = testDb();
    const booking = await bookFromBody(db, patient(slots[1]!.id, "ar", "amira.folding@example.com"), {
      idempotencyKey: "calendar-ar-0002",
      clientKey: "fold",
    });
    const ics = await getBookingCalendar(db, booking.reference, booking.manageToken, "ar");
    const bytes = Buffer.from(ics, "utf8");
    const lines: Buffer[] = [];
    for (let start = 0; start < bytes.length;) {
      const end = bytes.indexOf("\r\n", start);
      lines.push(bytes.subarray(start, end === -1 ? bytes.length : end));
      start = end === -1 ? bytes.length : end + 2;
    }
    const strict = new TextDecoder("utf-8", { fatal: true });
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(75);
      // Each physical line is whole UTF-8 on its own: no character was cut by a fold.
      expect(() => strict.decode(line)).not.toThrow();
    }
    expect(lines.some((l) => l[0] === 0x20)).toBe(true); // some line was long enough to fold

    const b = await db.booking.findUniqueOrThrow({
      where: { reference: booking.reference },
      include: { institution: true, department: true },
    });
    const target = await getBookingTarget(
      db,
      { hospital: b.institution.slug, department: b.department?.slug },
      "ar",
    );
    const title = `${target.name} · ${target.institution.name}`;
    expect(title).toMatch(/[\u0600-\u06FF]/);
    // Unfolding (RFC 5545 section 3.1: remove CRLF + one space) gives the text back exactly.
    const unfolded = ics.replace(/\r\n[ \t]/g, "");
    expect(unfolded).toContain(`SUMMARY:${title.replace(/([,;\\])/g, "\\$1")}`);
    expect(readIcalJs(ics).summary).toBe(title);
    expect(readNodeIcal(ics).event.summary).toBe(title);
    expect(readNodeIcal(ics).event.location).toBe(
      `${target.institution.nameZh}, ${target.institution.addressZh}`,
    );
  });
});
