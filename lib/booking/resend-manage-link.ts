// Use case: "send me my booking link again". A patient who lost the manage
// link names the booking's reference and the e-mail address it was booked
// with; when both match a booking that was not erased, the "your booking link"
// e-mail goes to that address through the outbox, in the booking's language.
// The answer is the same whether or not they match, after about the same time,
// and the limits (lib/rate-limit/rate-limit.ts) count every request: nothing
// tells a stranger whether an address or a reference is known.
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import { Prisma } from "../db/generated/client";
import { enqueueEmail } from "../notify/enqueue-email";
import { limitManageLinkResends } from "../rate-limit/rate-limit";
import { emailToPatient } from "./booking-lock";
import { REFERENCE_PATTERN } from "./reference";

export const resendManageLinkSchema = z
  .object({
    reference: z.string().trim().toUpperCase().regex(REFERENCE_PATTERN),
    email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  })
  .strict();
export type ResendManageLinkInput = z.output<typeof resendManageLinkSchema>;

/** Requests for one booking within this window share one e-mail (a double submit sends one). */
export const RESEND_WINDOW_SECONDS = 600;

/**
 * The least time an answer takes: a match writes an outbox row and a mismatch
 * does not, so both wait until this much time has passed since the request.
 */
export const RESEND_ANSWER_MS = 400;

/** The outbox key of the link e-mail for one booking in the window `now` falls in. */
export function manageLinkEmailKey(bookingId: string, now: Date): string {
  const window = Math.floor(now.getTime() / (RESEND_WINDOW_SECONDS * 1000));
  return `booking.link:${bookingId}:w${window}`;
}

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** Compares e-mail addresses in constant time (the stored one was normalized like the input). */
function sameEmail(stored: string, given: string): boolean {
  return timingSafeEqual(digest(stored.trim().toLowerCase()), digest(given));
}

const isDuplicateKey = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/**
 * Queues the link e-mail when reference and e-mail match a booking that still
 * holds its personal data; answers nothing either way. RATE_LIMITED past the
 * limits, whether or not anything matches.
 */
export async function resendManageLink(
  db: DbClient,
  input: ResendManageLinkInput,
  request: { address: string },
  now: Date = new Date(),
): Promise<void> {
  const started = Date.now();
  await limitManageLinkResends(db, request.address, input.email);
  const booking = await db.booking.findUnique({
    where: { reference: input.reference },
    select: { id: true, patientEmail: true, locale: true, anonymizedAt: true },
  });
  // A missing booking is compared with a stand-in, so each path does the same work.
  const matches = sameEmail(booking?.patientEmail ?? "", input.email) && !!booking && !booking.anonymizedAt;
  if (booking && matches) {
    try {
      await enqueueEmail(db, manageLinkEmailKey(booking.id, now), emailToPatient(booking, "booking-link"));
    } catch (error) {
      // Asked twice in one window: the first request's e-mail is the answer to both.
      if (!isDuplicateKey(error)) throw error;
    }
  }
  const wait = started + RESEND_ANSWER_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
