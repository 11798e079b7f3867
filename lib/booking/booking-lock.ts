// The first step of every change to an existing booking: lock its row, then
// read its slot and month under that lock (docs/decisions/0011: booking, then
// slot, then month). What a change gives back or moves is what the locked row
// says, never what was read before the lock.
import type { TxClient } from "../db/create-client";
import {
  Prisma,
  type BookingStatus,
  type GuaranteeStatus,
  type PaymentMethod,
  type Role,
} from "../db/generated/client";
import { enqueueEmail, type QueuedEmail } from "../notify/enqueue-email";
import { enqueueBookingWebhooks } from "../notify/webhook";
import type { Template } from "../notify/render-email";
import { tokenMatches } from "../crypto/secrets";
import { MANAGE_LINK, recordActorRole } from "../observability/request-context";
import { AppError } from "../errors";
import { REFERENCE_PATTERN } from "./reference";

type Tx = Pick<TxClient, "$queryRaw" | "$executeRaw" | "outboxMessage">;

export interface LockedBooking {
  id: string;
  reference: string;
  status: BookingStatus;
  version: number;
  slotId: string;
  quotaPeriodId: string | null;
  units: number;
  institutionId: string;
  departmentId: string | null;
  packageId: string | null;
  manageTokenHash: string;
  patientEmail: string;
  patientName: string;
  locale: string;
  paymentMethod: PaymentMethod;
  anonymized: boolean;
  startsAt: Date;
  cancellationWindowHours: number;
  guarantee: { id: string; status: GuaranteeStatus } | null;
}

/** Bookings that hold a place (and their units): everything but a cancellation. */
export const ACTIVE_STATUSES: readonly BookingStatus[] = ["CONFIRMED", "PENDING_CONFIRMATION"];

/**
 * An e-mail about a booking to its patient, in the booking's language; the
 * template reads the booking by its id (plus `extra`, for what may be gone by
 * the time it is sent).
 */
export function emailToPatient(
  booking: { id: string; patientEmail: string; locale: string },
  template: Template,
  extra: Record<string, string> = {},
): QueuedEmail {
  return {
    template,
    to: booking.patientEmail,
    locale: booking.locale,
    payload: { bookingId: booking.id, ...extra },
  };
}

/**
 * A patient's manage link can only name a booking with a well-formed reference
 * and a token; anything else is NOT_FOUND before a query is made.
 */
export function requireManageLink(reference: string, token: string | null): asserts token is string {
  if (!token || !REFERENCE_PATTERN.test(reference)) throw new AppError("NOT_FOUND");
}

/**
 * Locks the booking a patient's manage token opens: NOT_FOUND when there is
 * none, it was erased, or the token is not its own (the same answer for each).
 */
export async function lockPatientBooking(tx: Tx, reference: string, token: string): Promise<LockedBooking> {
  const booking = await lockBooking(tx, { reference });
  if (!booking || booking.anonymized || !tokenMatches(token, booking.manageTokenHash))
    throw new AppError("NOT_FOUND");
  recordActorRole(MANAGE_LINK);
  return booking;
}

/** Locks one booking by reference (optionally within one institution); null when there is none. */
export async function lockBooking(
  tx: Tx,
  where: { reference: string; institutionId?: string },
): Promise<LockedBooking | null> {
  const [row] = await tx.$queryRaw<
    {
      id: string;
      reference: string;
      status: BookingStatus;
      version: number;
      slot_id: string;
      quota_period_id: string | null;
      units: number;
      institution_id: string;
      department_id: string | null;
      package_id: string | null;
      manage_token_hash: string;
      patient_email: string;
      patient_name: string;
      locale: string;
      payment_method: PaymentMethod;
      anonymized: boolean;
    }[]
  >`
    SELECT id, reference, status::text AS status, version, slot_id, quota_period_id, units, institution_id, department_id,
      package_id, manage_token_hash, patient_email, patient_name, locale, payment_method::text AS payment_method,
      anonymized_at IS NOT NULL AS anonymized
    FROM booking
    WHERE reference = ${where.reference} ${where.institutionId ? Prisma.sql`AND institution_id = ${where.institutionId}` : Prisma.empty}
    FOR UPDATE`;
  if (!row) return null;
  // Read after the lock: the slot this booking holds now, and its guarantee.
  const [context] = await tx.$queryRaw<
    {
      starts_at: Date;
      cancellation_window_hours: number;
      guarantee_id: string | null;
      guarantee_status: GuaranteeStatus | null;
    }[]
  >`
    SELECT s.starts_at, i.cancellation_window_hours, g.id AS guarantee_id, g.status::text AS guarantee_status
    FROM slot s JOIN institution i ON i.id = ${row.institution_id}
      LEFT JOIN guarantee_of_payment g ON g.booking_id = ${row.id}
    WHERE s.id = ${row.slot_id}`;
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    version: Number(row.version),
    slotId: row.slot_id,
    quotaPeriodId: row.quota_period_id,
    units: Number(row.units),
    institutionId: row.institution_id,
    departmentId: row.department_id,
    packageId: row.package_id,
    manageTokenHash: row.manage_token_hash,
    patientEmail: row.patient_email,
    patientName: row.patient_name,
    locale: row.locale,
    paymentMethod: row.payment_method,
    anonymized: row.anonymized,
    startsAt: context!.starts_at,
    cancellationWindowHours: Number(context!.cancellation_window_hours),
    guarantee:
      context?.guarantee_id && context.guarantee_status
        ? { id: context.guarantee_id, status: context.guarantee_status }
        : null,
  };
}

/** The last moment a patient may cancel or move a visit online. */
export function cancellableUntil(startsAt: Date, windowHours: number): Date {
  return new Date(startsAt.getTime() - windowHours * 3_600_000);
}

export type BookingEventKind =
  | "created"
  | "confirmed"
  | "checked-in"
  | "completed"
  | "no-show"
  | "cancelled"
  | "cancelled-by-hospital"
  | "rescheduled"
  | "guarantee-approved"
  | "guarantee-denied"
  | "self-pay"
  | "interpreter-acknowledged"
  | "visa-letter-issued"
  | "erased"
  /** Anonymized by the retention job (lib/booking/retention.ts); no e-mail. */
  | "anonymized";

/**
 * Records one change of a booking as its event `version` (the booking's
 * version after the change) and queues the e-mail it causes, if any, keyed by
 * that event: `booking.<kind>:<booking id>:v<version>`, and the webhooks of
 * the institution's hospital systems (lib/notify/webhook.ts).
 */
export async function recordBookingEvent(
  tx: Tx,
  event: {
    bookingId: string;
    version: number;
    kind: BookingEventKind;
    actorRole?: Role | null;
    email?: QueuedEmail | null;
  },
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO booking_event (booking_id, version, kind, actor_role)
    VALUES (${event.bookingId}, ${event.version}, ${event.kind}, ${event.actorRole ?? null}::"Role")`;
  if (event.email) await enqueueEmail(tx, bookingEmailKey(event), event.email);
  // The institution's hospital systems are told in the same transaction (ADR 0022).
  await enqueueBookingWebhooks(tx, event);
}

export const bookingEmailKey = (event: { bookingId: string; version: number; kind: BookingEventKind }) =>
  `booking.${event.kind}:${event.bookingId}:v${event.version}`;
