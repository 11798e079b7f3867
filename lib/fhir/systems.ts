// The URIs the FHIR API names things by (ADR 0020). Our own identifier
// systems, code systems and extensions live under this server's FHIR base, so
// each resolves to the base a client already talks to; HL7's and SMART's are
// their published canonical URLs.
import { publicBaseUrl } from "../env";

/** Where the FHIR API is served, relative to the site. */
export const FHIR_BASE_PATH = "/fhir/r4";

/** The absolute FHIR base: PUBLIC_BASE_URL (or localhost:PORT) + /fhir/r4. */
export function fhirBaseUrl(): string {
  return `${publicBaseUrl()}${FHIR_BASE_PATH}`;
}

/** An absolute URL on this FHIR server: fhirUrl("Slot/abc") → https://…/fhir/r4/Slot/abc. */
export function fhirUrl(path: string): string {
  return `${fhirBaseUrl()}/${path.replace(/^\//, "")}`;
}

/** The canonical URL of one of our extensions (StructureDefinition). */
export function extensionUrl(name: string): string {
  return fhirUrl(`StructureDefinition/${name}`);
}

/** The canonical URL of one of our code systems. */
export function codeSystemUrl(name: string): string {
  return fhirUrl(`CodeSystem/${name}`);
}

/** The URI of one of our identifier systems. */
export function namingSystemUrl(name: string): string {
  return fhirUrl(`NamingSystem/${name}`);
}

/** Identifier and code systems shared by more than one area (each area adds its own beside its code). */
export const systems = {
  /** Institution.slug: the stable public key of a hospital in our URLs. */
  institutionSlug: () => namingSystemUrl("institution-slug"),
  /** Booking.reference, e.g. IPP-7K3Q-9DMA. */
  bookingReference: () => namingSystemUrl("booking-reference"),
  /** A hold's secret token (a pending Appointment carries it; $book sends it back). */
  holdToken: () => namingSystemUrl("hold-token"),
  /** A booking's secret manage token (shown once, in the $book answer). */
  manageToken: () => namingSystemUrl("manage-token"),
  /** A client's own identifier of a $book request: its idempotency key. */
  requestId: () => namingSystemUrl("request-id"),
  /** The error codes of lib/errors.ts, in OperationOutcome.issue.details. */
  errorCode: () => codeSystemUrl("error-code"),
  /** Specialty codes of lib/catalogue (e.g. cardiology). */
  specialty: () => codeSystemUrl("specialty"),
} as const;

/** Published extensions and code systems of HL7 and the SMART Scheduling Links IG. */
export const standard = {
  translation: "http://hl7.org/fhir/StructureDefinition/translation",
  patientNationality: "http://hl7.org/fhir/StructureDefinition/patient-nationality",
  bookingDeepLink: "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link",
  bookingPhone: "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone",
  slotCapacity: "http://fhir-registry.smarthealthit.org/StructureDefinition/slot-capacity",
  bcp47: "urn:ietf:bcp:47",
  iso3166: "urn:iso:std:iso:3166",
  issueType: "http://hl7.org/fhir/issue-type",
} as const;
