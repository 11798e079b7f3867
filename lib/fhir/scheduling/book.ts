// $book (IHE ITI-117): a proposed or held Appointment with a contained Patient
// (and Coverage) read into the booking form's input, bookingInputSchema's raw
// object, with the FHIR element each field came from, so that every problem
// the schema or createBooking finds is answered naming that element
// (`Appointment.contained[0].birthDate`). The rules stay the schema's and
// createBooking's. The mapping is documented in the CapabilityStatement
// (capability.ts) and ADR 0024.
import type { Appointment, Coverage, Extension, Patient, Resource } from "@medplum/fhirtypes";
import { AppError, type FieldProblem } from "../../errors";
import { requireIdempotencyKey } from "../../booking/create-booking";
import { standard, systems } from "../systems";
import { COVERAGE_SELF_PAY, PASSPORT_TYPE, schedulingExtensions, schedulingSystems } from "./extensions";
import { slotOfAppointment } from "./hold";
import { bodyInput, refuseUnknown } from "./parameters";

export const BOOK_PARAMETERS = ["appointment-resource", "appointment"] as const;

export interface BookRequest {
  /** bookingInputSchema's raw input. */
  raw: Record<string, unknown>;
  /** For each field of the raw input (and Idempotency-Key), the FHIR element it came from. */
  paths: Record<string, string>;
  /** The idempotency key (the request identifier's value, as the web's Idempotency-Key), or null when none was sent or it is not valid. */
  idempotencyKey: string | null;
  /** Answers a missing or bad key (requireIdempotencyKey's error, naming the FHIR element). */
  requireKey(): string;
}

const ext = (extensions: Extension[] | undefined, url: string) =>
  Array.isArray(extensions) ? extensions.findIndex((e) => e?.url === url) : -1;
const extPath = (base: string, url: string) => `${base}.extension('${url}')`;

function booleanExtension(
  a: Appointment,
  url: string,
  field: string,
  raw: Record<string, unknown>,
  paths: Record<string, string>,
) {
  paths[field] = extPath("Appointment", url);
  const i = ext(a.extension, url);
  // Absent: the schema says whether that is allowed (wishes default to false, consents are required).
  if (i >= 0) raw[field] = a.extension![i]!.valueBoolean ?? null;
}

function appointmentOf(body: unknown): Appointment {
  const input = bodyInput(body, "Appointment");
  if (input.body) return input.body as Appointment;
  refuseUnknown(input, BOOK_PARAMETERS);
  const given = BOOK_PARAMETERS.flatMap((name) => input.all(name).map((value) => ({ name, value })));
  if (given.length !== 1)
    throw new AppError("VALIDATION_FAILED", {
      fields: { "appointment-resource": given.length ? "invalid" : "required" },
    });
  const [{ name, value }] = given as [(typeof given)[number]];
  if (value.kind !== "resource" || value.value.resourceType !== "Appointment")
    throw new AppError("VALIDATION_FAILED", { fields: { [name]: "invalid" } });
  return value.value;
}

/** The key of `If-None-Exist: identifier=<system>|<value>` or of Appointment.identifier (system request-id). */
function keyOf(a: Appointment, ifNoneExist: string | null): { value: string | null; path: string } {
  const i = Array.isArray(a.identifier)
    ? a.identifier.findIndex((id) => id?.system === systems.requestId())
    : -1;
  const fromBody = i >= 0 ? (a.identifier![i]!.value ?? "") : null;
  let fromHeader: string | null = null;
  if (ifNoneExist !== null) {
    const match = /^identifier=(?:([^|]*)\|)?(.*)$/.exec(ifNoneExist.trim());
    const system = match?.[1] === undefined ? null : decodeURIComponent(match[1]);
    if (!match || (system !== null && system !== systems.requestId()))
      throw new AppError("VALIDATION_FAILED", { fields: { "If-None-Exist": "invalid" } });
    fromHeader = decodeURIComponent(match[2]!);
  }
  if (fromHeader !== null && fromBody !== null && fromHeader !== fromBody)
    throw new AppError("VALIDATION_FAILED", { fields: { "If-None-Exist": "mismatch" } });
  if (fromHeader !== null) return { value: fromHeader, path: "If-None-Exist" };
  return { value: fromBody, path: i >= 0 ? `Appointment.identifier[${i}]` : "Appointment.identifier" };
}

/** The booking input a $book request carries, with where each field came from. */
export function bookRequest(body: unknown, ifNoneExist: string | null, locale: string): BookRequest {
  const a = appointmentOf(body);
  const raw: Record<string, unknown> = { locale };
  const paths: Record<string, string> = {};

  if (a.status !== "proposed" && a.status !== "pending")
    throw new AppError("VALIDATION_FAILED", { fields: { "Appointment.status": "invalid" } });
  raw.slotId = slotOfAppointment(a, "Appointment");
  paths.slotId = "Appointment.slot[0]";

  const holdAt = Array.isArray(a.identifier)
    ? a.identifier.findIndex((id) => id?.system === systems.holdToken())
    : -1;
  if (holdAt >= 0) {
    raw.holdToken = a.identifier![holdAt]!.value;
    paths.holdToken = `Appointment.identifier[${holdAt}]`;
  }

  const contained: Resource[] = Array.isArray(a.contained) ? a.contained : [];
  const p = contained.findIndex((r) => r?.resourceType === "Patient");
  if (p < 0)
    throw new AppError("VALIDATION_FAILED", {
      fields: { "Appointment.contained.ofType(Patient)": "required" },
    });
  const patient = contained[p] as Patient;
  const at = `Appointment.contained[${p}]`;

  const name = Array.isArray(patient.name) ? patient.name[0] : undefined;
  raw.name =
    name?.text ??
    ([...(Array.isArray(name?.given) ? name.given : []), name?.family].filter(Boolean).join(" ") ||
      undefined);
  paths.name = `${at}.name[0]`;

  const nat = ext(patient.extension, standard.patientNationality);
  paths.nationality = nat >= 0 ? `${at}.extension[${nat}]` : extPath(at, standard.patientNationality);
  if (nat >= 0) {
    const code = patient.extension![nat]!.extension?.find((e) => e?.url === "code")?.valueCodeableConcept;
    raw.nationality = code?.coding?.find((c) => !c.system || c.system === standard.iso3166)?.code ?? null;
  }

  raw.dateOfBirth = patient.birthDate;
  paths.dateOfBirth = `${at}.birthDate`;

  const telecom = Array.isArray(patient.telecom) ? patient.telecom : [];
  for (const [field, system] of [
    ["email", "email"],
    ["phone", "phone"],
  ] as const) {
    const i = telecom.findIndex((t) => t?.system === system);
    raw[field] = i >= 0 ? telecom[i]!.value : undefined;
    paths[field] = i >= 0 ? `${at}.telecom[${i}]` : `${at}.telecom`;
  }

  const communication = Array.isArray(patient.communication) ? patient.communication : [];
  const c = Math.max(
    0,
    communication.findIndex((x) => x?.preferred),
  );
  const language = communication[c]?.language?.coding?.find(
    (x) => !x.system || x.system === standard.bcp47,
  )?.code;
  raw.preferredLanguage = typeof language === "string" ? language.split("-")[0]!.toLowerCase() : undefined;
  paths.preferredLanguage = communication.length
    ? `${at}.communication[${c}].language`
    : `${at}.communication`;

  const identifiers = Array.isArray(patient.identifier) ? patient.identifier : [];
  const pp = identifiers.findIndex((id) =>
    id?.type?.coding?.some((x) => x.system === PASSPORT_TYPE.system && x.code === PASSPORT_TYPE.code),
  );
  if (pp >= 0) raw.passportNumber = identifiers[pp]!.value;
  paths.passportNumber = pp >= 0 ? `${at}.identifier[${pp}]` : `${at}.identifier`;

  raw.reasonForVisit = Array.isArray(a.reasonCode) ? a.reasonCode[0]?.text : undefined;
  paths.reasonForVisit = "Appointment.reasonCode[0].text";

  booleanExtension(a, schedulingExtensions.interpreterWanted(), "interpreterWanted", raw, paths);
  booleanExtension(a, schedulingExtensions.visaLetterWanted(), "visaLetterWanted", raw, paths);
  booleanExtension(a, schedulingExtensions.consentTerms(), "consentTerms", raw, paths);
  booleanExtension(a, schedulingExtensions.consentSensitive(), "consentSensitive", raw, paths);

  const k = contained.findIndex((r) => r?.resourceType === "Coverage");
  const cov = `Appointment.contained[${k}]`;
  paths.paymentMethod = k >= 0 ? cov : "Appointment.contained.ofType(Coverage)";
  if (k >= 0) {
    const coverage = contained[k] as Coverage;
    const selfPay = coverage.type?.coding?.some(
      (x) => x.system === COVERAGE_SELF_PAY.system && x.code === COVERAGE_SELF_PAY.code,
    );
    raw.paymentMethod = selfPay ? "SELF_PAY" : "DIRECT_BILLING";
    if (!selfPay) {
      const payor = Array.isArray(coverage.payor) ? coverage.payor[0]?.identifier : undefined;
      if (payor && (!payor.system || payor.system === schedulingSystems.insurer())) raw.insurer = payor.value;
      paths.insurer = `${cov}.payor[0]`;
      raw.policyNumber = coverage.subscriberId;
      paths.policyNumber = `${cov}.subscriberId`;
      raw.memberName = coverage.subscriber?.display;
      paths.memberName = `${cov}.subscriber`;
    }
  }

  const key = keyOf(a, ifNoneExist);
  paths["Idempotency-Key"] = key.path;
  let idempotencyKey: string | null = null;
  let keyError: unknown = null;
  try {
    idempotencyKey = requireIdempotencyKey(key.value);
  } catch (error) {
    keyError = inFhirTerms(error, paths);
  }
  return {
    raw: Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)),
    paths,
    idempotencyKey,
    requireKey: () => {
      if (idempotencyKey) return idempotencyKey;
      throw keyError;
    },
  };
}

/**
 * An error of the booking input or of createBooking with each field named by
 * the FHIR element it came from (unknown names stay as they are).
 */
export function inFhirTerms(error: unknown, paths: Record<string, string>): unknown {
  if (!(error instanceof AppError) || !error.fields) return error;
  const fields: Record<string, FieldProblem> = {};
  for (const [field, problem] of Object.entries(error.fields)) fields[paths[field] ?? field] ??= problem;
  return new AppError(error.code, {
    fields,
    cause: error,
    retryAfterSeconds: error.retryAfterSeconds,
    values: error.values ? { ...error.values } : undefined,
    reason: error.reason,
  });
}
