// An outbox row as an e-mail in the patient's language, rendered when it is
// sent (so it reflects the booking as it is then): its words from the Email
// messages, laid out by the one template (email-template.tsx) as an HTML and a
// text part, with the booking's calendar file as it stands now (a REQUEST, or
// a CANCEL once cancelled; SEQUENCE is the booking's version, so a file sent
// late never undoes a newer one).
import { createTranslator } from "next-intl";
import { getTargetOf } from "../booking/booking-context";
import { calendarLinks, calendarOfBooking } from "../booking/calendar";
import { authTokenFor, manageTokenFor } from "../crypto/secrets";
import type { DbClient } from "../db/create-client";
import { publicBaseUrl } from "../env";
import { isLocale } from "../i18n/locales";
import { loadMessages } from "../i18n/messages";
import { beijingOffset, chinaTime } from "../i18n/time-format";
import { linkSentence, renderEmailParts, type EmailContent } from "./email-template";
import type { MailMessage } from "./mailer";

export const templates = [
  "booking-confirmed",
  "booking-received",
  "booking-cancelled",
  "booking-reminder",
  "booking-erased",
  "booking-rescheduled",
  "booking-link",
  "booking-cancelled-by-hospital",
  "visa-letter-issued",
  "guarantee-approved",
  "guarantee-denied",
  "staff-invitation",
  "password-reset",
] as const;
export type Template = (typeof templates)[number];

const section = {
  "booking-confirmed": "confirmed",
  "booking-received": "received",
  "booking-cancelled": "cancelled",
  "booking-reminder": "reminder",
  "booking-erased": "erased",
  "booking-rescheduled": "rescheduled",
  "booking-link": "bookingLink",
  "booking-cancelled-by-hospital": "cancelledByHospital",
  "visa-letter-issued": "visaLetter",
  "guarantee-approved": "guaranteeApproved",
  "guarantee-denied": "guaranteeDenied",
  "staff-invitation": "invitation",
  "password-reset": "passwordReset",
} as const;

export interface OutboxRow {
  dedupeKey: string;
  template: string;
  /** Null only for a webhook (channel WEBHOOK), which is never rendered as an e-mail. */
  toEmail: string | null;
  locale: string;
  payload: unknown;
}

export class UnknownTemplateError extends Error {}

/** Booking e-mails that carry the calendar file (the booking's state decides REQUEST or CANCEL). */
const WITH_CALENDAR: ReadonlySet<string> = new Set([
  "confirmed",
  "received",
  "reminder",
  "rescheduled",
  "guaranteeApproved",
  "cancelled",
  "cancelledByHospital",
]);
/** Booking e-mails that also offer "add to Google / Outlook" (the visit stands). */
const WITH_CALENDAR_LINKS: ReadonlySet<string> = new Set([
  "confirmed",
  "reminder",
  "rescheduled",
  "guaranteeApproved",
]);

async function mail(
  row: OutboxRow,
  content: EmailContent,
  calendar?: MailMessage["calendar"],
): Promise<MailMessage> {
  // The table's CHECK gives every e-mail row its recipient.
  if (!row.toEmail) throw new Error(`outbox e-mail ${row.dedupeKey} has no recipient`);
  const { html, text } = await renderEmailParts(content);
  return {
    to: row.toEmail,
    subject: content.subject,
    text,
    html,
    messageId: row.dedupeKey,
    language: content.locale,
    ...(calendar ? { calendar } : {}),
  };
}

export async function renderEmail(db: DbClient, row: OutboxRow): Promise<MailMessage> {
  if (!(templates as readonly string[]).includes(row.template)) throw new UnknownTemplateError(row.template);
  const locale = isLocale(row.locale) ? row.locale : "en";
  const messages = await loadMessages(locale);
  const t = createTranslator({ locale, messages, namespace: "Email" });
  const common = { locale, greeting: t("greeting"), signature: t("signature") };
  if (row.template === "booking-erased") {
    // The booking no longer holds personal data: everything needed travels in the row.
    const { reference = "", name = "" } = (row.payload ?? {}) as { reference?: string; name?: string };
    return mail(row, {
      ...common,
      subject: t("erased.subject", { reference }),
      paragraphs: [t("erased.body")],
      details: [t("details.reference", { reference }), t("details.patient", { name })],
    });
  }
  if (row.template === "staff-invitation" || row.template === "password-reset") {
    // Staff e-mails: the link's secret is derived from the token row's id, never stored.
    const { tokenId = "" } = (row.payload ?? {}) as { tokenId?: string };
    const key = section[row.template];
    const link = `${publicBaseUrl()}/${locale}/staff/set-password?token=${authTokenFor(tokenId)}`;
    // The paragraph that names the link becomes the button's sentence; the others keep their order around it.
    const paragraphs = t(`${key}.body`, { link }).split("\n");
    const withLink = paragraphs.findIndex((p) => p.includes(link));
    const sentence = linkSentence((v) => t(`${key}.body`, v).split("\n")[withLink]!, link);
    return mail(row, {
      ...common,
      subject: t(`${key}.subject`),
      paragraphs: paragraphs.slice(0, withLink),
      action: { label: t("passwordButton"), sentence },
      afterAction: paragraphs.slice(withLink + 1),
    });
  }
  const bookingId = (row.payload as { bookingId?: string } | null)?.bookingId;
  const booking = await db.booking.findUniqueOrThrow({
    where: { id: bookingId ?? "" },
    include: {
      slot: true,
      institution: { select: { slug: true } },
      department: { select: { slug: true } },
      package: { select: { slug: true } },
      insurer: { select: { name: true } },
      guarantee: { select: { reason: true } },
    },
  });
  const target = await getTargetOf(db, booking, locale);
  const key = section[row.template as Template];
  // China's time, named, with its UTC offset: a booking does not know the patient's own zone, and
  // an e-mail is read wherever they are (lib/i18n/time-format.ts, the one way a time is written).
  const when = `${chinaTime(booking.slot.startsAt, locale)} (${beijingOffset(booking.slot.startsAt, locale)})`;
  // Names, places and dates only ever as a label's value, one per line: the sentence above them
  // says what happened and never has to inflect one (tests/unit/message-inflection.test.ts).
  const reason = booking.cancelReason ?? booking.guarantee?.reason ?? "";
  const insurer = booking.insurer?.name ?? "";
  const details = [
    t("details.reference", { reference: booking.reference }),
    t("details.patient", { name: booking.patientName }),
    t("details.when", { when }),
    t("details.what", { what: target.name }),
    t("details.where", { where: target.institution.name }),
    ...((key === "guaranteeApproved" || key === "guaranteeDenied") && insurer
      ? [t("details.insurer", { insurer })]
      : []),
    ...((key === "cancelledByHospital" || key === "guaranteeDenied") && reason
      ? [t("details.reason", { reason })]
      : []),
  ];
  const link = `${publicBaseUrl()}/${locale}/bookings/${booking.reference}?token=${manageTokenFor(booking.id)}`;
  const calendar = WITH_CALENDAR.has(key) ? await calendarOfBooking(db, booking.id, locale) : null;
  const tb = createTranslator({ locale, messages, namespace: "Booking" });
  const links =
    calendar?.method === "REQUEST" && WITH_CALENDAR_LINKS.has(key) ? calendarLinks(calendar.event) : null;
  return mail(
    row,
    {
      ...common,
      subject: t(`${key}.subject`, { reference: booking.reference }),
      paragraphs: [t(`${key}.body`)],
      details,
      addressZh: `${target.institution.nameZh} · ${target.institution.addressZh}`,
      contact: t("contact", { phone: target.institution.phone }),
      ...(key === "cancelled" || key === "cancelledByHospital"
        ? {}
        : { action: { label: t("manageButton"), sentence: linkSentence((v) => t("manage", v), link) } }),
      ...(links
        ? {
            calendarLinks: [
              { label: tb("calendarGoogle"), href: links.google },
              { label: tb("calendarOutlook"), href: links.outlook },
            ],
          }
        : {}),
      emergency: t("emergency"),
    },
    calendar
      ? { method: calendar.method, filename: `${booking.reference}.ics`, content: calendar.ics }
      : undefined,
  );
}
