// An outbox row as an e-mail in the patient's language, rendered when it is
// sent (so it reflects the booking as it is then).
import { createTranslator } from "next-intl";
import { getBookingTarget } from "../booking/booking-context";
import { bookingCalendar } from "../booking/calendar";
import { authTokenFor, manageTokenFor } from "../crypto/secrets";
import type { DbClient } from "../db/create-client";
import { publicBaseUrl } from "../env";
import { isLocale } from "../i18n/locales";
import { loadMessages } from "../i18n/messages";
import { beijingOffset, chinaTime } from "../i18n/time-format";
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
  toEmail: string;
  locale: string;
  payload: unknown;
}

export class UnknownTemplateError extends Error {}

export async function renderEmail(db: DbClient, row: OutboxRow): Promise<MailMessage> {
  if (!(templates as readonly string[]).includes(row.template)) throw new UnknownTemplateError(row.template);
  const locale = isLocale(row.locale) ? row.locale : "en";
  const t = createTranslator({ locale, messages: await loadMessages(locale), namespace: "Email" });
  if (row.template === "booking-erased") {
    // The booking no longer holds personal data: everything needed travels in the row.
    const { reference = "", name = "" } = (row.payload ?? {}) as { reference?: string; name?: string };
    return {
      to: row.toEmail,
      subject: t("erased.subject", { reference }),
      text: [
        t("greeting"),
        "",
        t("erased.body"),
        "",
        t("details.reference", { reference }),
        t("details.patient", { name }),
        "",
        t("signature"),
      ].join("\n"),
      messageId: row.dedupeKey,
      language: locale,
    };
  }
  if (row.template === "staff-invitation" || row.template === "password-reset") {
    // Staff e-mails: the link's secret is derived from the token row's id, never stored.
    const { tokenId = "" } = (row.payload ?? {}) as { tokenId?: string };
    const key = section[row.template];
    const link = `${publicBaseUrl()}/${locale}/staff/set-password?token=${authTokenFor(tokenId)}`;
    return {
      to: row.toEmail,
      subject: t(`${key}.subject`),
      text: [t("greeting"), "", t(`${key}.body`, { link }), "", t("signature")].join("\n"),
      messageId: row.dedupeKey,
      language: locale,
    };
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
  const target = await getBookingTarget(
    db,
    {
      hospital: booking.institution.slug,
      department: booking.department?.slug,
      package: booking.package?.slug,
    },
    locale,
  );
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
  const lines = [
    t("greeting"),
    "",
    t(`${key}.body`),
    "",
    ...details,
    `${target.institution.nameZh} · ${target.institution.addressZh}`,
    t("contact", { phone: target.institution.phone }),
    ...(key === "cancelled" || key === "cancelledByHospital" ? [] : ["", t("manage", { link })]),
    "",
    t("emergency"),
    "",
    t("signature"),
  ];
  const attachCalendar = key === "confirmed" || key === "reminder" || key === "rescheduled";
  return {
    to: row.toEmail,
    subject: t(`${key}.subject`, { reference: booking.reference }),
    text: lines.join("\n"),
    messageId: row.dedupeKey,
    language: locale,
    attachments: attachCalendar
      ? [
          {
            filename: `${booking.reference}.ics`,
            contentType: "text/calendar; charset=utf-8; method=PUBLISH",
            content: bookingCalendar({
              reference: booking.reference,
              startsAt: booking.slot.startsAt,
              endsAt: booking.slot.endsAt,
              title: `${target.name} · ${target.institution.name}`,
              location: `${target.institution.nameZh}, ${target.institution.addressZh}`,
              description: `${booking.reference} · ${target.institution.phone}`,
            }),
          },
        ]
      : undefined,
  };
}
