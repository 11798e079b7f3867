// Sending e-mail: SMTP through nodemailer when SMTP_URL is set; otherwise a
// local stand-in that writes each message as an .eml file under
// PORTAL_DATA_DIR/mail (what would have been sent, byte for byte).
//
// Delivery is at least once (a crash between the SMTP server's "250 OK" and
// the outbox's SENT mark sends the message again after the claim lease), so
// every message carries a Message-ID derived from its outbox event: a repeat
// has the same Message-ID, and receiving mail systems drop it.
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { env, publicBaseUrl } from "../env";

export interface MailMessage {
  to: string;
  subject: string;
  /** The text and the HTML part, rendered from the one template (email-template.tsx). */
  text: string;
  html: string;
  /**
   * Stable per event (the outbox dedupe key). The Message-ID header is derived
   * from it (messageIdFor), so a resend is recognizable as the same message.
   */
  messageId: string;
  language: string;
  /**
   * The booking's iCalendar file (iMIP, RFC 6047): sent as a `text/calendar;
   * method=…` alternative, which mail clients offer to apply to the calendar,
   * and as a downloadable .ics attachment (nodemailer's icalEvent).
   */
  calendar?: { method: "REQUEST" | "CANCEL"; filename: string; content: string };
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** RFC 5322 dot-atom-text: atext runs separated by single dots. */
export const DOT_ATOM_TEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/**
 * The right-hand side of our Message-IDs: the host of PUBLIC_BASE_URL (a
 * domain the portal controls, so the IDs are globally unique), or the
 * MAIL_FROM domain, or "localhost" when neither is a dot-atom (an IPv6 host).
 */
export function messageIdDomain(): string {
  const host = new URL(publicBaseUrl()).hostname;
  if (DOT_ATOM_TEXT.test(host)) return host;
  const from = /@([^\s>]+)>?\s*$/.exec(env().MAIL_FROM)?.[1];
  return from && DOT_ATOM_TEXT.test(from) ? from : "localhost";
}

/**
 * The Message-ID header for an event key: `<outbox.<32 hex>@<domain>>`, an
 * RFC 5322 msg-id (dot-atom-text "@" dot-atom-text). A hash, so it is the same
 * on every retry whatever characters the key has, and reveals no internal id.
 */
export function messageIdFor(eventKey: string): string {
  const hash = createHash("sha256").update(eventKey, "utf8").digest("hex").slice(0, 32);
  return `<outbox.${hash}@${messageIdDomain()}>`;
}

function toNodemailer(message: MailMessage) {
  return {
    from: env().MAIL_FROM,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: messageIdFor(message.messageId),
    // RFC 3834: machine-generated, so auto-responders (vacation replies) stay quiet.
    headers: { "Content-Language": message.language, "Auto-Submitted": "auto-generated" },
    ...(message.calendar
      ? {
          icalEvent: {
            method: message.calendar.method,
            filename: message.calendar.filename,
            content: message.calendar.content,
          },
        }
      : {}),
  };
}

/**
 * Timeouts for one SMTP send (milliseconds), together far below the outbox's
 * claim lease (CLAIM_LEASE_SECONDS, 2 minutes): a send that hangs fails and is
 * retried instead of outliving the lease while another worker sends the row
 * again. nodemailer's own defaults allow 2 minutes to connect and 10 minutes of
 * silence. Query parameters of SMTP_URL (e.g. ?socketTimeout=) still win.
 */
export const SMTP_TIMEOUTS = {
  dnsTimeout: 10_000,
  connectionTimeout: 15_000,
  greetingTimeout: 15_000,
  socketTimeout: 30_000,
} as const;

export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS });
  return { send: async (message) => void (await transport.sendMail(toNodemailer(message))) };
}

export function fileMailer(directory: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(message) {
      const info = await transport.sendMail(toNodemailer(message));
      await mkdir(directory, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${message.messageId.replace(/[^\w-]/g, "_")}.eml`;
      await writeFile(path.join(directory, name), info.message as Buffer);
    },
  };
}

export function mailDirectory(): string {
  return path.resolve(process.cwd(), env().PORTAL_DATA_DIR, "mail");
}

export function mailerFromEnv(): Mailer {
  const url = env().SMTP_URL;
  return url ? smtpMailer(url) : fileMailer(mailDirectory());
}
