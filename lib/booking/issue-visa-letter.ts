// Use case: staff issue a visa support letter for a booking: the stay dates, a
// letter number and a random verification code (ADR 0014) are recorded; the
// PDF is rendered from them on download (lib/booking/get-visa-letter.ts), and
// the patient is e-mailed.
import { z } from "zod";
import { REFERENCE_PATTERN } from "./reference";
import type { DbClient } from "../db/create-client";
import { recordBookingEvent, emailToPatient } from "./booking-lock";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { isoDaySchema } from "../time/iso-day";
import { calendarDateOf, isoDate } from "../time/zone";
import { newVerificationCode } from "./visa-letter-code";
import { actorAttributes, tracedUseCase } from "../observability/trace";

export const issueVisaLetterSchema = z
  .object({
    reference: z.string().trim().regex(REFERENCE_PATTERN),
    stayFrom: isoDaySchema,
    stayTo: isoDaySchema,
  })
  .strict()
  .refine((v) => v.stayTo >= v.stayFrom, { path: ["stayTo"], message: "invalid" })
  .refine((v) => Date.parse(v.stayTo) - Date.parse(v.stayFrom) <= 366 * 86_400_000, {
    path: ["stayTo"],
    message: "invalid",
  });

async function issueVisaLetterUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof issueVisaLetterSchema>,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "booking.update");
  if (input.stayTo < isoDate(calendarDateOf(now)))
    throw new AppError("VALIDATION_FAILED", { fields: { stayTo: "invalid" } });
  return db.$transaction(async (tx) => {
    const booking = await tx.booking.findFirst({
      where: { reference: input.reference, institutionId: scope.institutionId, anonymizedAt: null },
      select: {
        id: true,
        status: true,
        patientEmail: true,
        locale: true,
        passportNumberEnc: true,
      },
    });
    if (!booking) throw new AppError("NOT_FOUND");
    // Two staff issuing at once: the second waits here, then sees the first one's letter.
    await tx.$queryRaw`SELECT id FROM booking WHERE id = ${booking.id} FOR UPDATE`;
    const issued = await tx.visaLetter.findUnique({ where: { bookingId: booking.id }, select: { id: true } });
    if (issued || booking.status === "CANCELLED" || !booking.passportNumberEnc)
      throw new AppError("INVALID_TRANSITION");
    const [row] = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('visa_letter_number_seq') AS n`;
    const number = `VL-${now.getUTCFullYear()}-${String(row?.n ?? 1).padStart(6, "0")}-${booking.id.slice(-4).toUpperCase()}`;
    const letter = await tx.visaLetter.create({
      data: {
        bookingId: booking.id,
        number,
        stayFrom: new Date(`${input.stayFrom}T00:00:00Z`),
        stayTo: new Date(`${input.stayTo}T00:00:00Z`),
        issuedById: scope.actor.userId,
        issuedAt: now,
        verificationCode: newVerificationCode(),
      },
    });
    const { version } = await tx.booking.update({
      where: { id: booking.id },
      data: { version: { increment: 1 } },
      select: { version: true },
    });
    await recordBookingEvent(tx, {
      bookingId: booking.id,
      version,
      kind: "visa-letter-issued",
      actorRole: scope.role,
      email: emailToPatient(booking, "visa-letter-issued"),
    });
    await recordAudit(tx, {
      actorId: scope.actor.userId,
      actorRole: scope.role,
      action: "booking.issue_visa_letter",
      entityType: "booking",
      entityId: booking.id,
      institutionId: scope.institutionId,
      after: { number, stayFrom: input.stayFrom, stayTo: input.stayTo },
    });
    return { number: letter.number };
  });
}

/** issueVisaLetter with a "booking.issueVisaLetter" span around each call (lib/observability/trace.ts). */
export const issueVisaLetter = tracedUseCase(
  "booking.issueVisaLetter",
  issueVisaLetterUntraced,
  (_db, actor, input) => ({ ...actorAttributes(actor), "booking.reference": input.reference }),
);
