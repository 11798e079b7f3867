// Use case: book a slot. One transaction locks the slot row, checks capacity
// (bookings plus other clients' live holds), takes the patient's own hold if
// any, increments the count, takes the month's special-service units for a
// public institution with a conditional update against its cap (rule 3),
// validates direct billing against the agreements in force on the visit date
// (rule 4), inserts the booking under its unique idempotency key (rule 2) and
// writes the confirmation e-mail to the outbox in the same transaction (rule 7).
import type { DbClient } from "../db/create-client";
import { Prisma, type BookingStatus, type PaymentMethod, type VisitKind } from "../db/generated/client";
import { encrypt, manageTokenFor, sha256 } from "../crypto/secrets";
import { AppError, validationError } from "../errors";
import { beijingMonthOf, calendarDateOf, dbDate, isoDate } from "../time/zone";
import { bookingInputSchema, type BookingInput } from "./booking-input";
import { lockSlot } from "./holds";
import { newReference } from "./reference";

export interface BookingConfirmation {
  reference: string;
  manageToken: string;
  status: BookingStatus;
  slot: { id: string; startsAt: string; endsAt: string };
  institution: { slug: string };
  department: { slug: string } | null;
  package: { slug: string } | null;
  units: number;
  payment: { method: PaymentMethod; insurer: string | null; guaranteeOfPayment: boolean };
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{8,200}$/;

function canonical(input: BookingInput): string {
  const { holdToken: _hold, ...rest } = input;
  return JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))));
}

function isUniqueViolation(error: unknown, field: string): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    error.code === "P2002" &&
    JSON.stringify(error.meta ?? {}).includes(field)
  );
}

async function confirmationFor(db: DbClient, bookingId: string): Promise<BookingConfirmation> {
  const b = await db.booking.findUniqueOrThrow({
    where: { id: bookingId },
    include: {
      slot: { select: { id: true, startsAt: true, endsAt: true } },
      institution: { select: { slug: true } },
      department: { select: { slug: true } },
      package: { select: { slug: true } },
      insurer: { select: { slug: true } },
      guarantee: { select: { id: true } },
    },
  });
  return {
    reference: b.reference,
    manageToken: manageTokenFor(b.id),
    status: b.status,
    slot: { id: b.slot.id, startsAt: b.slot.startsAt.toISOString(), endsAt: b.slot.endsAt.toISOString() },
    institution: b.institution,
    department: b.department,
    package: b.package,
    units: b.units,
    payment: {
      method: b.paymentMethod,
      insurer: b.insurer?.slug ?? null,
      guaranteeOfPayment: b.guarantee !== null,
    },
  };
}

/** The answer to a key used before: the same booking, or a 422 when the request differs. */
async function replay(
  db: DbClient,
  idempotencyKey: string,
  requestHash: string,
): Promise<BookingConfirmation | null> {
  const existing = await db.booking.findUnique({
    where: { idempotencyKey },
    select: { id: true, requestHash: true },
  });
  if (!existing) return null;
  if (existing.requestHash !== requestHash) throw new AppError("IDEMPOTENCY_MISMATCH");
  return confirmationFor(db, existing.id);
}

export async function createBooking(
  db: DbClient,
  raw: unknown,
  options: { idempotencyKey: string | null; clientKey: string; now?: Date },
): Promise<BookingConfirmation> {
  if (!options.idempotencyKey || !IDEMPOTENCY_KEY.test(options.idempotencyKey)) {
    throw new AppError("VALIDATION_FAILED", {
      fields: { "Idempotency-Key": options.idempotencyKey ? "invalid" : "required" },
    });
  }
  const parsed = bookingInputSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;
  const now = options.now ?? new Date();
  const idempotencyKey = options.idempotencyKey;
  const requestHash = sha256(canonical(input));

  const earlier = await replay(db, idempotencyKey, requestHash);
  if (earlier) return earlier;

  for (let attempt = 0; ; attempt++) {
    try {
      const bookingId = await db.$transaction(
        (tx) =>
          book(tx as unknown as DbClient, input, {
            idempotencyKey,
            requestHash,
            clientKey: options.clientKey,
            now,
          }),
        {
          maxWait: 15_000,
          timeout: 15_000,
        },
      );
      return await confirmationFor(db, bookingId);
    } catch (error) {
      // A concurrent request with the same key won: answer as it did.
      if (isUniqueViolation(error, "idempotency_key")) {
        const same = await replay(db, idempotencyKey, requestHash);
        if (same) return same;
      }
      if (isUniqueViolation(error, "reference") && attempt < 3) continue;
      throw error;
    }
  }
}

async function book(
  tx: DbClient,
  input: BookingInput,
  o: { idempotencyKey: string; requestHash: string; clientKey: string; now: Date },
): Promise<string> {
  const slot = await lockSlot(tx, input.slotId, o.clientKey);
  if (!slot) throw new AppError("VALIDATION_FAILED", { fields: { slotId: "invalid" } });
  const details = await tx.slot.findUniqueOrThrow({
    where: { id: slot.id },
    select: {
      institutionId: true,
      departmentId: true,
      packageId: true,
      startsAt: true,
      institution: { select: { ownership: true } },
      package: { select: { sessions: true } },
    },
  });
  if (slot.closed || details.startsAt <= o.now) throw new AppError("SLOT_FULL");

  // The patient's own hold, if they presented one: it must still be live.
  if (input.holdToken) {
    const [hold] = await tx.$queryRaw<{ id: string; live: boolean }[]>`
      SELECT id, expires_at > now() AS live FROM hold WHERE slot_id = ${slot.id} AND token_hash = ${sha256(input.holdToken)}`;
    if (!hold || !hold.live) throw new AppError("HOLD_EXPIRED");
    await tx.$executeRaw`DELETE FROM hold WHERE id = ${hold.id}`;
  }
  // Other clients' live holds keep their places (the patient's own was not counted).
  const taken =
    await tx.$executeRaw`UPDATE slot SET booked = booked + 1 WHERE id = ${slot.id} AND booked + ${slot.liveHolds} < capacity`;
  if (taken !== 1) throw new AppError("SLOT_FULL");

  const units = details.packageId ? (details.package?.sessions ?? 1) : 1;
  let quotaPeriodId: string | null = null;
  if (details.institution.ownership === "PUBLIC") {
    const month = dbDate(beijingMonthOf(details.startsAt));
    const [period] = await tx.$queryRaw<{ id: string }[]>`
      UPDATE quota_period SET used_units = used_units + ${units}, updated_at = now()
      WHERE institution_id = ${details.institutionId} AND month = ${month}::date
        AND cap_units IS NOT NULL AND used_units + ${units} <= cap_units
      RETURNING id`;
    if (!period) throw new AppError("QUOTA_EXCEEDED");
    quotaPeriodId = period.id;
  }

  // Rule 4: direct billing only under an agreement covering this visit on its date.
  let insurerId: string | null = null;
  let agreement: { id: string; preauthRequired: boolean; insurerId: string } | null = null;
  if (input.paymentMethod === "DIRECT_BILLING") {
    const visitDate = dbDate(calendarDateOf(details.startsAt));
    const scope: VisitKind = details.packageId ? "TCM_PACKAGE" : "OUTPATIENT";
    agreement = await tx.directBillingAgreement.findFirst({
      where: {
        institutionId: details.institutionId,
        insurer: { slug: input.insurer },
        scope,
        validFrom: { lte: visitDate },
        OR: [{ validTo: null }, { validTo: { gte: visitDate } }],
      },
      select: { id: true, preauthRequired: true, insurerId: true },
    });
    if (!agreement) throw new AppError("VALIDATION_FAILED", { fields: { insurer: "invalid" } });
    insurerId = agreement.insurerId;
  }

  const status: BookingStatus = agreement?.preauthRequired ? "PENDING_CONFIRMATION" : "CONFIRMED";
  const id = crypto.randomUUID();
  await tx.booking.create({
    data: {
      id,
      reference: newReference(),
      slotId: slot.id,
      institutionId: details.institutionId,
      departmentId: details.departmentId,
      packageId: details.packageId,
      units,
      quotaPeriodId,
      status,
      confirmedAt: status === "CONFIRMED" ? o.now : null,
      locale: input.locale,
      patientName: input.name,
      patientNationality: input.nationality,
      patientDateOfBirth: new Date(`${input.dateOfBirth}T00:00:00Z`),
      patientEmail: input.email,
      patientPhone: input.phone,
      preferredLanguage: input.preferredLanguage,
      reasonForVisit: input.reasonForVisit,
      interpreterWanted: input.interpreterWanted,
      passportNumberEnc: input.passportNumber ? encrypt(input.passportNumber) : null,
      paymentMethod: input.paymentMethod,
      insurerId,
      consentTermsAt: o.now,
      consentSensitiveAt: o.now,
      manageTokenHash: sha256(manageTokenFor(id)),
      idempotencyKey: o.idempotencyKey,
      requestHash: o.requestHash,
      ...(agreement?.preauthRequired ? { guarantee: { create: { agreementId: agreement.id } } } : {}),
    },
  });
  await tx.outboxMessage.create({
    data: {
      dedupeKey: `booking.${status === "CONFIRMED" ? "confirmed" : "received"}:${id}`,
      template: status === "CONFIRMED" ? "booking-confirmed" : "booking-received",
      toEmail: input.email,
      locale: input.locale,
      payload: { bookingId: id, visitDate: isoDate(calendarDateOf(details.startsAt)) },
    },
  });
  return id;
}
