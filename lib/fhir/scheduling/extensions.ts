// The extensions, identifier systems and codes of booking through FHIR
// (ADR 0024), in one place: the Appointment serializer writes them, the $book
// parser reads them, and the CapabilityStatement documents them.
import type { Coding } from "@medplum/fhirtypes";
import { extensionUrl, namingSystemUrl } from "../systems";

export const schedulingExtensions = {
  /** On a pending (held) Appointment: when the hold lapses (valueInstant). */
  holdExpires: () => extensionUrl("hold-expires"),
  /** $book: the patient accepts the terms of use (valueBoolean true; answered with the time, valueDateTime). */
  consentTerms: () => extensionUrl("consent-terms"),
  /** $book: the patient consents to the processing of sensitive (health) data (valueBoolean true; answered with the time). */
  consentSensitive: () => extensionUrl("consent-sensitive-data"),
  /** $book: an interpreter is wanted at the visit (valueBoolean, default false). */
  interpreterWanted: () => extensionUrl("interpreter-wanted"),
  /** $book: a visa support letter is wanted; needs the passport identifier (valueBoolean, default false). */
  visaLetterWanted: () => extensionUrl("visa-letter-wanted"),
  /** On a direct-billing booking whose insurer must guarantee payment: pending | approved | denied (valueCode). */
  guaranteeOfPayment: () => extensionUrl("guarantee-of-payment"),
} as const;

export const schedulingSystems = {
  /** An insurer by its slug, as Coverage.payor.identifier names it (GET /api/v1/payment-options lists them). */
  insurer: () => namingSystemUrl("insurer-slug"),
} as const;

/** Coverage.type of a patient who pays the hospital themselves. */
export const COVERAGE_SELF_PAY: Coding = {
  system: "http://terminology.hl7.org/CodeSystem/coverage-selfpay",
  code: "pay",
};

/** Patient.identifier.type of a passport number. */
export const PASSPORT_TYPE: Coding = {
  system: "http://terminology.hl7.org/CodeSystem/v2-0203",
  code: "PPN",
};
