// Use case: book a slot. One transaction locks the slot row, consumes the
// patient's own hold if any, takes a place if bookings plus live holds leave
// one (rule 1), takes the month's special-service units for a
// public institution with a conditional update against its cap (rule 3),
// validates direct billing against the agreements in force on the visit date
// (rule 4), inserts the booking under its unique idempotency key (rule 2) and
// writes the confirmation e-mail to the outbox in the same transaction (rule 7).
import type { DbClient } from "../db/create-client";
import { Prisma, type BookingStatus, type PaymentMethod, type VisitKind } from "../db/generated/client";
import { encrypt, manageTokenFor, sha256 } from "../crypto/secrets";
import { AppError } from "../errors";
import { countBooking, countBookingRefused } from "../observability/metrics";
import { calendarDateOf, isoDate } from "../time/zone";
import type { BookingInput } from "./booking-input";
import { newReference } from "./reference";
import { takeQuotaUnits } from "../quota/units";
import { lockSlot, takePlace } from "./slot-capacity";
import { recordBookingEvent } from "./booking-lock";
import { inTransaction } from "../db/transaction";
import { agreementsOf, evaluateDirectBilling } from "../payment/direct-billing";
import { loadHolidayCalendar } from "../holidays/holiday-calendar";
import { tracedUseCase } from "../observability/trace";

/** The booking made (the v1 API serializes it with bookingConfirmationView). */
export interface BookingConfirmation {
  reference: string;
  manageToken: string;
  status: BookingStatus;
  slot: { id: string; startsAt: Date; endsAt: Date };
  institution: { slug: string };
  department: { slug: string } | null;
  package: { slug: string } | null;
  units: number;
  payment: { method: PaymentMethod; insurer: string | null; guaranteeOfPayment: boolean };
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{8,200}$/;

/**
 * The Idempotency-Key a booking needs (rule 2), or VALIDATION_FAILED naming it.
 * Adapters check it before they parse the body: a request wrong in both is
 * answered about the key.
 */
export function requireIdempotencyKey(idempotencyKey: string | null): string {
  if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new AppError("VALIDATION_FAILED", {
      fields: { "Idempotency-Key": idempotencyKey ? "invalid" : "required" },
    });
  }
  return idempotencyKey;
}

function canonical(input: BookingInput): string {
  const { holdToken: _hold, ...rest } = input;
  return JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))));
}

function isUniqueViolation(error: unknown, field: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  // P2002 from model queries; raw statements report Postgres' 23505 inside P2010.
  const text = `${error.message} ${JSON.stringify(error.meta ?? {})}`;
  return (error.code === "P2002" || /23505|unique constraint/i.test(text)) && text.includes(field);
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
    slot: b.slot,
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
  const [existing] = await db.$queryRaw<{ id: string; request_hash: string }[]>`
    SELECT id, request_hash FROM booking WHERE idempotency_key = ${idempotencyKey}`;
  if (!existing) return null;
  if (existing.request_hash !== requestHash) throw new AppError("IDEMPOTENCY_MISMATCH");
  return confirmationFor(db, existing.id);
}

/**
 * The earlier answer to this key and body, for callers that answer replays
 * before their rate limits (rule 11): the booking, IDEMPOTENCY_MISMATCH for
 * another body, or null when the key is new or not valid. A body that does
 * not parse has no replay: the adapter does not ask.
 */
export async function findReplay(
  db: DbClient,
  input: BookingInput,
  idempotencyKey: string | null,
): Promise<BookingConfirmation | null> {
  if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) return null;
  return replay(db, idempotencyKey, sha256(canonical(input)));
}

async function createBookingUntraced(
  db: DbClient,
  input: BookingInput,
  options: {
    idempotencyKey: string | null;
    clientKey: string;
    now?: Date;
    /** The adapter asked findReplay for this key and body just before (none): not asked twice. */
    replayChecked?: boolean;
  },
): Promise<BookingConfirmation> {
  const idempotencyKey = requireIdempotencyKey(options.idempotencyKey);
  const now = options.now ?? new Date();
  const requestHash = sha256(canonical(input));

  if (!options.replayChecked) {
    const earlier = await replay(db, idempotencyKey, requestHash);
    if (earlier) return earlier;
  }

  for (let attempt = 0; ; attempt++) {
    try {
      const made = { fromHold: false };
      const confirmation = await inTransaction(db, (tx) =>
        book(tx as unknown as DbClient, input, {
          idempotencyKey,
          requestHash,
          clientKey: options.clientKey,
          now,
          made,
        }),
      );
      countBooking(made);
      return confirmation;
    } catch (error) {
      // A concurrent request with the same key won (we then hit its key, or lost its slot
      // or its month's last units): answer as it did.
      if (isUniqueViolation(error, "idempotency_key") || error instanceof AppError) {
        const same = await replay(db, idempotencyKey, requestHash);
        if (same) return same;
      }
      if (isUniqueViolation(error, "reference") && attempt < 3) continue;
      countBookingRefused(error);
      throw error;
    }
  }
}

async function book(
  tx: DbClient,
  input: BookingInput,
  o: {
    idempotencyKey: string;
    requestHash: string;
    clientKey: string;
    now: Date;
    /** Set for the metrics: whether a live hold of this patient became the booking. */
    made: { fromHold: boolean };
  },
): Promise<BookingConfirmation> {
  // Lock order: slot, then month (docs/decisions/0011). Everything after the lock reads fresh.
  const slot = await lockSlot(tx, input.slotId);
  if (!slot) throw new AppError("VALIDATION_FAILED", { fields: { slotId: "invalid" } });
  if (!slot.offered) throw new AppError("OFFERING_RETIRED");
  if (slot.starts_at <= o.now) throw new AppError("SLOT_FULL");

  // The patient's own hold is consumed: the one their token names (it must still be live),
  // and any other this client keeps on the slot. Its place and units become the booking's.
  const consumed = await tx.$queryRaw<{ token_hash: string; live: boolean }[]>`
    DELETE FROM hold WHERE slot_id = ${slot.id}
      AND (client_key = ${o.clientKey} ${input.holdToken ? Prisma.sql`OR token_hash = ${sha256(input.holdToken)}` : Prisma.empty})
    RETURNING token_hash, expires_at > now() AS live`;
  const heldPlace = consumed.some((h) => h.live);
  o.made.fromHold = heldPlace;
  if (input.holdToken && !consumed.some((h) => h.live && h.token_hash === sha256(input.holdToken!)))
    throw new AppError("HOLD_EXPIRED");
  // A closed slot takes no new patients, but a live hold on it is honoured.
  if (slot.closed && !heldPlace) throw new AppError("SLOT_FULL");
  if (!(await takePlace(tx, slot.id))) throw new AppError("SLOT_FULL");

  const units = slot.units;
  const capped = slot.ownership === "PUBLIC";

  // Rule 4: direct billing only under an agreement covering this visit on its date (and its lead time).
  let agreement: { id: string; preauth_required: boolean; insurer_id: string } | undefined;
  if (input.paymentMethod === "DIRECT_BILLING") {
    const insurer = await tx.insurer.findUnique({
      where: { slug: input.insurer ?? "" },
      select: { id: true },
    });
    if (!insurer) throw new AppError("VALIDATION_FAILED", { fields: { insurer: "invalid" } });
    const visit: VisitKind = slot.package_id ? "TCM_PACKAGE" : "OUTPATIENT";
    const billing = evaluateDirectBilling(
      await agreementsOf(tx, slot.institution_id, input.insurer!),
      visit,
      calendarDateOf(slot.starts_at),
      calendarDateOf(o.now),
      await loadHolidayCalendar(tx, calendarDateOf(o.now)),
    );
    if (!billing.available) {
      const { available: _available, ...why } = billing;
      throw new AppError("DIRECT_BILLING_UNAVAILABLE", {
        fields: { paymentMethod: "invalid" },
        values: Object.fromEntries(
          Object.entries(why).filter(([, v]) => v !== undefined && v !== null),
        ) as Record<string, string | number>,
      });
    }
    agreement = {
      id: billing.agreementId,
      preauth_required: billing.preauthRequired,
      insurer_id: insurer.id,
    };
  }

  const status: BookingStatus = agreement?.preauth_required ? "PENDING_CONFIRMATION" : "CONFIRMED";
  const id = crypto.randomUUID();
  const reference = newReference();
  const manageToken = manageTokenFor(id);
  // The month's units are taken last (below), so the month stays locked for the fewest
  // statements: the hot month of a public institution is every booking's lock.
  await tx.$executeRaw`
    INSERT INTO booking (id, reference, slot_id, institution_id, department_id, package_id, units, quota_period_id, status, confirmed_at, locale,
      patient_name, patient_nationality, patient_date_of_birth, patient_email, patient_phone, preferred_language, reason_for_visit,
      interpreter_wanted, visa_letter_wanted, passport_number_enc, payment_method, insurer_id, policy_number_enc, member_name, consent_terms_at, consent_sensitive_at,
      manage_token_hash, idempotency_key, request_hash, updated_at)
    VALUES (${id}, ${reference}, ${slot.id}, ${slot.institution_id}, ${slot.department_id}, ${slot.package_id}, ${units}, NULL,
      ${status}::"BookingStatus", ${status === "CONFIRMED" ? o.now : null}, ${input.locale},
      ${input.name}, ${input.nationality}, ${input.dateOfBirth}::date, ${input.email}, ${input.phone}, ${input.preferredLanguage}, ${input.reasonForVisit},
      ${input.interpreterWanted}, ${input.visaLetterWanted}, ${input.passportNumber ? encrypt(input.passportNumber) : null}, ${input.paymentMethod}::"PaymentMethod",
      ${agreement?.insurer_id ?? null}, ${agreement && input.policyNumber ? encrypt(input.policyNumber) : null}, ${agreement ? (input.memberName ?? null) : null},
      ${o.now}, ${o.now}, ${sha256(manageToken)}, ${o.idempotencyKey}, ${o.requestHash}, now())`;
  if (agreement?.preauth_required) {
    await tx.$executeRaw`INSERT INTO guarantee_of_payment (id, booking_id, agreement_id) VALUES (${crypto.randomUUID()}, ${id}, ${agreement.id})`;
  }
  await recordBookingEvent(tx, {
    bookingId: id,
    version: 0,
    kind: "created",
    email: {
      template: status === "CONFIRMED" ? "booking-confirmed" : "booking-received",
      to: input.email,
      locale: input.locale,
      payload: { bookingId: id, visitDate: isoDate(calendarDateOf(slot.starts_at)) },
    },
  });

  // Last, right before the commit: lock the month (after the slot, ADR 0011), take its units
  // under the cap (rule 3) and record them on the booking, in one statement after the lock.
  if (capped && !(await takeQuotaUnits(tx, slot.institution_id, slot.starts_at, units, { bookingId: id })))
    throw new AppError("QUOTA_EXCEEDED");

  return {
    reference,
    manageToken,
    status,
    slot: { id: slot.id, startsAt: slot.starts_at, endsAt: slot.ends_at },
    institution: { slug: slot.institution_slug },
    department: slot.department_slug ? { slug: slot.department_slug } : null,
    package: slot.package_slug ? { slug: slot.package_slug } : null,
    units,
    payment: {
      method: input.paymentMethod,
      insurer: agreement ? (input.insurer ?? null) : null,
      guaranteeOfPayment: Boolean(agreement?.preauth_required),
    },
  };
}

/** createBooking with a "booking.createBooking" span around each call (lib/observability/trace.ts). */
export const createBooking = tracedUseCase("booking.createBooking", createBookingUntraced, (_db, input) => ({
  "slot.id": input.slotId,
  "booking.payment_method": input.paymentMethod,
  "booking.locale": input.locale,
}));
