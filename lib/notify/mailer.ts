// Sending e-mail: SMTP through nodemailer when SMTP_URL is set; otherwise a
// local stand-in that writes each message as an .eml file under
// PORTAL_DATA_DIR/mail (what would have been sent, byte for byte).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { env } from "../env";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per event (the outbox dedupe key), so a resend is recognizable as the same message. */
  messageId: string;
  language: string;
  attachments?: { filename: string; content: string; contentType: string }[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

function toNodemailer(message: MailMessage) {
  return {
    from: env().MAIL_FROM,
    to: message.to,
    subject: message.subject,
    text: message.text,
    messageId: `<${message.messageId.replace(/[^\w.:-]/g, "-")}@international-patient-portal>`,
    headers: { "Content-Language": message.language },
    attachments: message.attachments,
  };
}

export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport(url);
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
