// One home for the FHIR Appointment of a booking, a free slot (proposed) and
// a hold (pending), ADR 0024. Pure: rows in, Appointment out. Personal data
// (the contained Patient and Coverage, the reason, the wishes) appear only
// when the reader may see them: the booking's holder (manage token) and the
// hospital's own system (it sees what the hospital's staff see).
import type {
  Appointment,
  AppointmentParticipant,
  Coverage,
  Extension,
  Identifier,
  Patient,
} from "@medplum/fhirtypes";
import type { BookingStatus, PaymentMethod, Prisma } from "../../db/generated/client";
import { decrypt } from "../../crypto/secrets";
import { healthcareServiceId, reference } from "../ids";
import { standard, systems } from "../systems";
import { schedulingExtensions, schedulingSystems, COVERAGE_SELF_PAY, PASSPORT_TYPE } from "./extensions";

/** The IHE ITI Scheduling Appointment profile every Appointment we serve claims. */
export const IHE_APPOINTMENT_PROFILE =
  "https://profiles.ihe.net/ITI/Scheduling/StructureDefinition/ihe-sched-appt";

/** Our booking statuses as FHIR Appointment statuses (ADR 0024). */
export const APPOINTMENT_STATUS: Record<BookingStatus, Appointment["status"]> = {
  // Waiting for the insurer's guarantee of payment: the hospital has not accepted it yet.
  PENDING_CONFIRMATION: "pending",
  CONFIRMED: "booked",
  CHECKED_IN: "checked-in",
  COMPLETED: "fulfilled",
  NO_SHOW: "noshow",
  CANCELLED: "cancelled",
};

/** The columns a booking's Appointment needs: pass it as `select` to a Prisma booking query. */
export const appointmentSelect = {
  id: true,
  reference: true,
  status: true,
  slotId: true,
  institutionId: true,
  departmentId: true,
  packageId: true,
  createdAt: true,
  updatedAt: true,
  anonymizedAt: true,
  cancelReason: true,
  patientName: true,
  patientNationality: true,
  patientDateOfBirth: true,
  patientEmail: true,
  patientPhone: true,
  preferredLanguage: true,
  reasonForVisit: true,
  interpreterWanted: true,
  visaLetterWanted: true,
  passportNumberEnc: true,
  paymentMethod: true,
  policyNumberEnc: true,
  memberName: true,
  consentTermsAt: true,
  consentSensitiveAt: true,
  slot: { select: { startsAt: true, endsAt: true } },
  insurer: { select: { slug: true, name: true } },
  guarantee: { select: { status: true } },
} satisfies Prisma.BookingSelect;

export type AppointmentBooking = Prisma.BookingGetPayload<{ select: typeof appointmentSelect }>;

/** What a reader may see of the patient, already decided and decrypted. */
export interface AppointmentPatient {
  name: string;
  nationality: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  email: string;
  phone: string;
  preferredLanguage: string;
  /** The passport number as far as the reader may see it ("…" and its last four characters), or null. */
  passportNumber: string | null;
  reasonForVisit: string;
  interpreterWanted: boolean;
  visaLetterWanted: boolean;
  paymentMethod: PaymentMethod;
  insurer: { slug: string; name: string } | null;
  policyNumber: string | null;
  memberName: string | null;
  consentTermsAt: Date;
  consentSensitiveAt: Date;
}

/** A booking as its Appointment shows it. */
export interface AppointmentRow {
  id: string;
  reference: string;
  status: BookingStatus;
  slotId: string;
  institutionId: string;
  departmentId: string | null;
  packageId: string | null;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  updatedAt: Date;
  cancelReason: string | null;
  /** The insurer's guarantee of payment, when one was asked for. */
  guarantee: "PENDING" | "APPROVED" | "DENIED" | null;
  /** Null when the reader may not see personal data, or it was erased. */
  patient: AppointmentPatient | null;
}

/**
 * A booking read with appointmentSelect as an AppointmentRow. `personal`: the
 * reader may see the patient (holder or the hospital's system). Staff and
 * holders see the passport's last four characters; the hospital's system sees
 * the policy number in full (staff request the guarantee with it), a holder
 * its last four.
 */
export function appointmentRow(
  b: AppointmentBooking,
  reader: { personal: false } | { personal: true; fullPolicyNumber: boolean },
): AppointmentRow {
  const passport = b.passportNumberEnc ? decrypt(b.passportNumberEnc) : null;
  const policy = b.policyNumberEnc ? decrypt(b.policyNumberEnc) : null;
  return {
    id: b.id,
    reference: b.reference,
    status: b.status,
    slotId: b.slotId,
    institutionId: b.institutionId,
    departmentId: b.departmentId,
    packageId: b.packageId,
    startsAt: b.slot.startsAt,
    endsAt: b.slot.endsAt,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
    cancelReason: b.cancelReason,
    guarantee: b.guarantee?.status ?? null,
    patient:
      reader.personal && !b.anonymizedAt
        ? {
            name: b.patientName,
            nationality: b.patientNationality,
            dateOfBirth: b.patientDateOfBirth.toISOString().slice(0, 10),
            email: b.patientEmail,
            phone: b.patientPhone,
            preferredLanguage: b.preferredLanguage,
            passportNumber: passport ? `…${passport.slice(-4)}` : null,
            reasonForVisit: b.reasonForVisit,
            interpreterWanted: b.interpreterWanted,
            visaLetterWanted: b.visaLetterWanted,
            paymentMethod: b.paymentMethod,
            insurer: b.insurer,
            policyNumber: policy ? (reader.fullPolicyNumber ? policy : `…${policy.slice(-4)}`) : null,
            memberName: b.memberName,
            consentTermsAt: b.consentTermsAt,
            consentSensitiveAt: b.consentSensitiveAt,
          }
        : null,
  };
}

/** Where a slot is and what it is for: the participants every Appointment names. */
export interface SlotPlace {
  slotId: string;
  institutionId: string;
  departmentId: string | null;
  packageId: string | null;
  startsAt: Date;
  endsAt: Date;
}

function serviceOf(place: Pick<SlotPlace, "departmentId" | "packageId">): string | null {
  if (place.departmentId) return healthcareServiceId({ kind: "department", id: place.departmentId });
  if (place.packageId) return healthcareServiceId({ kind: "package", id: place.packageId });
  return null;
}

function placeParticipants(place: SlotPlace): AppointmentParticipant[] {
  const service = serviceOf(place);
  return [
    ...(service
      ? [
          {
            actor: { reference: reference("HealthcareService", service) },
            required: "required" as const,
            status: "accepted" as const,
          },
        ]
      : []),
    {
      actor: { reference: reference("Location", place.institutionId) },
      required: "required",
      status: "accepted",
    },
  ];
}

function timing(place: SlotPlace): Pick<Appointment, "start" | "end" | "minutesDuration" | "slot"> {
  return {
    start: place.startsAt.toISOString(),
    end: place.endsAt.toISOString(),
    minutesDuration: Math.round((place.endsAt.getTime() - place.startsAt.getTime()) / 60_000),
    slot: [{ reference: reference("Slot", place.slotId) }],
  };
}

/** The id of the proposed Appointment of a free slot ($find): it names the slot, so $hold can take it back. */
export function proposedAppointmentId(slotId: string): string {
  return `proposed-${slotId}`;
}

/** The slot a proposed Appointment's id names, or null. */
export function slotOfProposedId(id: string): string | null {
  const match = /^proposed-([A-Za-z0-9]{1,55})$/.exec(id);
  return match ? match[1]! : null;
}

/** A free slot as a proposed Appointment ($find). */
export function proposedAppointment(place: SlotPlace): Appointment {
  return {
    resourceType: "Appointment",
    id: proposedAppointmentId(place.slotId),
    meta: { profile: [IHE_APPOINTMENT_PROFILE] },
    status: "proposed",
    ...timing(place),
    participant: placeParticipants(place),
  };
}

/** A hold as a pending Appointment ($hold): the hold's token in an identifier, its expiry in an extension. */
export function heldAppointment(place: SlotPlace, hold: { token: string; expiresAt: Date }): Appointment {
  return {
    resourceType: "Appointment",
    meta: { profile: [IHE_APPOINTMENT_PROFILE] },
    extension: [{ url: schedulingExtensions.holdExpires(), valueInstant: hold.expiresAt.toISOString() }],
    identifier: [{ system: systems.holdToken(), value: hold.token }],
    status: "pending",
    ...timing(place),
    participant: placeParticipants(place),
  };
}

const PATIENT_ID = "patient";
const COVERAGE_ID = "coverage";

function containedPatient(p: AppointmentPatient): Patient {
  return {
    resourceType: "Patient",
    id: PATIENT_ID,
    extension: [
      {
        url: standard.patientNationality,
        extension: [
          {
            url: "code",
            valueCodeableConcept: { coding: [{ system: standard.iso3166, code: p.nationality }] },
          },
        ],
      },
    ],
    ...(p.passportNumber
      ? {
          identifier: [
            {
              type: { coding: [PASSPORT_TYPE] },
              // Only its last four characters: the full number goes into the visa letter alone.
              value: p.passportNumber,
            },
          ],
        }
      : {}),
    name: [{ text: p.name }],
    telecom: [
      { system: "email", value: p.email },
      { system: "phone", value: p.phone },
    ],
    birthDate: p.dateOfBirth,
    communication: [
      { language: { coding: [{ system: standard.bcp47, code: p.preferredLanguage }] }, preferred: true },
    ],
  };
}

function containedCoverage(p: AppointmentPatient): Coverage {
  const beneficiary = { reference: `#${PATIENT_ID}` };
  if (p.paymentMethod === "SELF_PAY" || !p.insurer) {
    return {
      resourceType: "Coverage",
      id: COVERAGE_ID,
      status: "active",
      type: { coding: [COVERAGE_SELF_PAY] },
      beneficiary,
      payor: [beneficiary],
    };
  }
  return {
    resourceType: "Coverage",
    id: COVERAGE_ID,
    status: "active",
    ...(p.memberName ? { subscriber: { display: p.memberName } } : {}),
    ...(p.policyNumber ? { subscriberId: p.policyNumber } : {}),
    beneficiary,
    payor: [
      {
        identifier: { system: schedulingSystems.insurer(), value: p.insurer.slug },
        display: p.insurer.name,
      },
    ],
  };
}

/**
 * A booking as an Appointment (status per APPOINTMENT_STATUS; `pending` while
 * an insurer's guarantee is awaited). `manageToken`: only in the $book answer,
 * the one time the holder is told it.
 */
export function toAppointment(row: AppointmentRow, options: { manageToken?: string } = {}): Appointment {
  const place: SlotPlace = { ...row, slotId: row.slotId };
  const identifier: Identifier[] = [{ system: systems.bookingReference(), value: row.reference }];
  if (options.manageToken) identifier.push({ system: systems.manageToken(), value: options.manageToken });
  const p = row.patient;
  const extension: Extension[] = [];
  if (row.guarantee)
    extension.push({
      url: schedulingExtensions.guaranteeOfPayment(),
      valueCode: row.guarantee.toLowerCase(),
    });
  if (p) {
    extension.push(
      { url: schedulingExtensions.interpreterWanted(), valueBoolean: p.interpreterWanted },
      { url: schedulingExtensions.visaLetterWanted(), valueBoolean: p.visaLetterWanted },
      { url: schedulingExtensions.consentTerms(), valueDateTime: p.consentTermsAt.toISOString() },
      { url: schedulingExtensions.consentSensitive(), valueDateTime: p.consentSensitiveAt.toISOString() },
    );
  }
  const status = APPOINTMENT_STATUS[row.status];
  return {
    resourceType: "Appointment",
    id: row.id,
    meta: { lastUpdated: row.updatedAt.toISOString(), profile: [IHE_APPOINTMENT_PROFILE] },
    ...(p ? { contained: [containedPatient(p), containedCoverage(p)] } : {}),
    ...(extension.length ? { extension } : {}),
    identifier,
    status,
    ...(status === "cancelled" && row.cancelReason ? { cancelationReason: { text: row.cancelReason } } : {}),
    ...(p ? { reasonCode: [{ text: p.reasonForVisit }] } : {}),
    ...(p ? { supportingInformation: [{ reference: `#${COVERAGE_ID}` }] } : {}),
    ...timing(place),
    created: row.createdAt.toISOString(),
    participant: [
      ...(p
        ? [
            {
              actor: { reference: `#${PATIENT_ID}`, display: p.name },
              required: "required" as const,
              status: "accepted" as const,
            },
          ]
        : []),
      ...placeParticipants(place),
    ],
  };
}
