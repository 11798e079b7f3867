// Every kind of e-mail (lib/notify/render-email.ts templates) in en, ar, zh and
// ru, sent by the outbox worker through the real mailer to a real SMTP server
// (tests/fault/smtp-sink.ts), then read by two parsers this project did not
// write: mailparser, and Python's standard e-mail parser with the strict
// policy (it raises on any defect). Each has a text and an HTML part with the
// same sentences, the HTML says its language and direction, the headers say
// it is automatic (RFC 3834) with an RFC 5322 Message-ID, and the booking's
// calendar travels as an iMIP part: method=CANCEL once cancelled.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelBooking } from "../../lib/booking/manage-booking";
import { deliverDue } from "../../lib/notify/deliver-outbox";
import { smtpMailer } from "../../lib/notify/mailer";
import { templates, type Template } from "../../lib/notify/render-email";
import { loadDemoSeed } from "../setup/demo-db";
import { bookFromBody } from "../helpers/book";
import { testDb } from "../helpers/db";
import { MSG_ID, startSmtpSink, type SmtpSink } from "../fault/smtp-sink";

process.env.PUBLIC_BASE_URL = "https://portal.example.org";

const LOCALES = ["en", "ar", "zh", "ru"] as const;
/** Templates about a booking that is cancelled by the time they are sent. */
const ABOUT_CANCELLED: readonly Template[] = ["booking-cancelled", "booking-cancelled-by-hospital"];
/** Templates that carry the booking's calendar (REQUEST while it stands). */
const WITH_REQUEST: readonly Template[] = [
  "booking-confirmed",
  "booking-received",
  "booking-reminder",
  "booking-rescheduled",
  "guarantee-approved",
];

interface StrictPart {
  contentType: string;
  params: Record<string, string>;
  content: string | null;
}
interface StrictMail {
  messageId: string;
  autoSubmitted: string;
  contentLanguage: string;
  parts: StrictPart[];
}

/** Python's email package, policy.strict: raise_on_defect, so any defect fails the test. */
const PYTHON_STRICT = `
import email, json, sys
from email import policy
out = []
for name in sys.argv[1:]:
    with open(name, "rb") as f:
        msg = email.message_from_bytes(f.read(), policy=policy.strict)
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        content = part.get_content() if part.get_content_maintype() == "text" else None
        if isinstance(content, bytes):
            content = content.decode("utf-8")
        parts.append({"contentType": ctype, "params": dict((k, str(v)) for k, v in part["content-type"].params.items()), "content": content})
    out.append({"messageId": str(msg["message-id"]), "autoSubmitted": str(msg["auto-submitted"]),
                "contentLanguage": str(msg["content-language"]), "parts": parts})
print(json.dumps(out))
`;

/** The text a reader sees in an HTML part: tags dropped, entities decoded, spaces collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<head[\s\S]*?<\/head>/i, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/[\s\u200c\u200b\u00a0]+/g, " ");
}
const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

let sink: SmtpSink;
const sent = new Map<
  string,
  { template: Template; locale: string; parsed: ParsedMail; strict: StrictMail }
>();

beforeAll(async () => {
  await loadDemoSeed();
  sink = await startSmtpSink();
  const slots = await testDb().slot.findMany({
    where: {
      institution: { slug: "beijing-united-family" },
      departmentId: { not: null },
      startsAt: { gt: new Date(Date.now() + 3 * 86_400_000) },
    },
    orderBy: { startsAt: "asc" },
    take: LOCALES.length * 2,
  });
  const rows: { dedupeKey: string; template: Template; toEmail: string; locale: string; payload: object }[] =
    [];
  for (const [i, locale] of LOCALES.entries()) {
    const book = (n: number) =>
      bookFromBody(
        testDb(),
        {
          slotId: slots[i * 2 + n]!.id,
          locale,
          name: "Amira Haddad",
          nationality: "JO",
          dateOfBirth: "1984-03-12",
          email: `mail-${locale}-${n}@example.com`,
          phone: "+962 7 9123 4567",
          preferredLanguage: locale,
          reasonForVisit: "Check-up",
          interpreterWanted: false,
          paymentMethod: "SELF_PAY",
          consentTerms: true,
          consentSensitive: true,
        },
        { idempotencyKey: `email-parts-${locale}-${n}`, clientKey: `e${i}${n}` },
      );
    const byReference = async (reference: string) =>
      testDb().booking.findUniqueOrThrow({ where: { reference }, select: { id: true, reference: true } });
    const live = await byReference((await book(0)).reference);
    const made = await book(1);
    const cancelled = await byReference(made.reference);
    await cancelBooking(testDb(), made.reference, made.manageToken);
    for (const template of templates) {
      const payload =
        template === "booking-erased"
          ? { reference: live.reference, name: "Amira Haddad" }
          : template === "staff-invitation" || template === "password-reset"
            ? { tokenId: `token-${locale}` }
            : { bookingId: (ABOUT_CANCELLED.includes(template) ? cancelled : live).id };
      rows.push({
        dedupeKey: `test.${template}:${locale}`,
        template,
        toEmail: `${template}.${locale}@example.com`,
        locale,
        payload,
      });
    }
  }
  await testDb().outboxMessage.deleteMany();
  await testDb().outboxMessage.createMany({ data: rows });
  await deliverDue(testDb(), smtpMailer(sink.url), 100);
  const unsent = await testDb().outboxMessage.findMany({
    where: { status: { not: "SENT" } },
    select: { template: true, locale: true, lastError: true },
  });
  expect(unsent).toEqual([]);
  expect(sink.received).toHaveLength(rows.length);

  const dir = await mkdtemp(path.join(os.tmpdir(), "email-parts-"));
  try {
    const files = await Promise.all(
      sink.received.map(async (m, i) => {
        const file = path.join(dir, `${i}.eml`);
        await writeFile(file, m.raw);
        return file;
      }),
    );
    const strict = JSON.parse(
      execFileSync("python3", ["-c", PYTHON_STRICT, ...files], { encoding: "utf8" }),
    ) as StrictMail[];
    // Each row has its own address: the envelope says which row a received mail is.
    for (const [i, m] of sink.received.entries()) {
      const row = rows.find((r) => r.toEmail === m.envelopeTo[0])!;
      const parsed = await simpleParser(m.raw);
      sent.set(`${row.template}:${row.locale}`, {
        template: row.template,
        locale: row.locale,
        parsed,
        strict: strict[i]!,
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 600_000);

afterAll(async () => {
  await sink?.close();
});

describe("e-mails with a text and an HTML part", () => {
  it("sends every kind in every tested language", () => {
    expect(sent.size).toBe(templates.length * LOCALES.length);
  });

  for (const locale of LOCALES) {
    for (const template of templates) {
      it(`${template} in ${locale}: both parsers read a text and an HTML part with the same sentences`, () => {
        const mail = sent.get(`${template}:${locale}`)!;
        const { parsed, strict } = mail;
        // mailparser
        expect(parsed.text?.trim()).toBeTruthy();
        expect(typeof parsed.html).toBe("string");
        // Python, strict
        const text = strict.parts.find((p) => p.contentType === "text/plain")?.content;
        const html = strict.parts.find((p) => p.contentType === "text/html")?.content;
        expect(text).toBeTruthy();
        expect(html).toBeTruthy();
        expect(collapse(text!)).toBe(collapse(parsed.text!));
        expect(html).toBe(parsed.html);

        // The same sentences: every line of the text part is text the HTML part shows.
        const shown = visibleText(html!);
        const lines = text!.split("\n").map(collapse).filter(Boolean);
        expect(lines.length).toBeGreaterThanOrEqual(3);
        // A link in the text part is written out; in the HTML part it is the href of the words beside it.
        const hrefs = [...html!.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
        for (const line of lines) {
          const urls = line.match(/https?:\/\/\S+/g) ?? [];
          for (const url of urls) expect(hrefs).toContain(url);
          const words = collapse(urls.reduce((rest, url) => rest.replace(url, " "), line));
          if (words) expect(shown).toContain(words);
        }

        // The page's language and direction; phone-first and self-contained.
        const tag = /<html\b[^>]*>/i.exec(html!)![0];
        expect(tag).toContain(`lang="${locale}"`);
        expect(tag).toContain(locale === "ar" ? 'dir="rtl"' : 'dir="ltr"');
        expect(html).toContain('name="viewport"');
        expect(html).toMatch(/max-width:\s*600px/);
        expect(html).not.toMatch(/<img\b|<link\b|@font-face|@import|<script\b/i);
        expect(html).not.toMatch(/\bsrc=["']https?:/i);

        // Headers: automatic (RFC 3834), a well-formed msg-id (RFC 5322), the language.
        expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
        expect(strict.autoSubmitted).toBe("auto-generated");
        expect(parsed.messageId).toMatch(MSG_ID);
        expect(strict.messageId).toMatch(MSG_ID);
        expect(parsed.messageId).toMatch(/@portal\.example\.org>$/);
        expect(strict.contentLanguage).toBe(locale);

        // The calendar: a CANCEL for a cancellation, a REQUEST while the visit stands, none otherwise.
        const calendar = strict.parts.find((p) => p.contentType === "text/calendar");
        if (ABOUT_CANCELLED.includes(template)) {
          expect(calendar?.params.method).toBe("CANCEL");
          expect(calendar?.content).toContain("METHOD:CANCEL");
          expect(calendar?.content).toContain("STATUS:CANCELLED");
        } else if (WITH_REQUEST.includes(template)) {
          expect(calendar?.params.method).toBe("REQUEST");
          expect(calendar?.content).toContain("METHOD:REQUEST");
        } else {
          expect(calendar).toBeUndefined();
        }
      });
    }
  }
});
