// The directory's vocabularies in FHIR (ADR 0020): our own code systems and
// extensions (under this server's base, lib/fhir/systems.ts), and the honest
// mapping of our specialty and therapy codes to HL7's service categories and
// types and to SNOMED CT practice settings. A code with no faithful match maps
// to nothing rather than to a near miss; our own coding is always there.
import type { CodeableConcept, Coding } from "@medplum/fhirtypes";
import type { Specialty, Therapy } from "../../catalogue/codes";
import { codeSystemUrl, extensionUrl, namingSystemUrl, systems } from "../systems";

export const directorySystems = {
  /** hospital | clinic (lib/catalogue/json-ld.ts institutionType). */
  institutionType: () => codeSystemUrl("institution-type"),
  /** public | private | foreign-owned. */
  ownership: () => codeSystemUrl("ownership"),
  /** Hospital grade, e.g. tertiary-a. */
  grade: () => codeSystemUrl("hospital-grade"),
  /** TCM therapy codes of lib/catalogue/codes.ts (acupuncture, tuina, ...). */
  therapy: () => codeSystemUrl("tcm-therapy"),
  /** Insurer slugs (direct billing, HealthcareService.eligibility). */
  insurer: () => namingSystemUrl("insurer-slug"),
  /** meta.tag "demo": the record is illustrative demo data. */
  dataOrigin: () => codeSystemUrl("data-origin"),
  /** A service's fee (valueMoney, CNY): the consultation fee or the package price. */
  serviceFee: () => extensionUrl("service-fee"),
  specialty: systems.specialty,
} as const;

export const hl7 = {
  organizationType: "http://terminology.hl7.org/CodeSystem/organization-type",
  serviceCategory: "http://terminology.hl7.org/CodeSystem/service-category",
  serviceType: "http://terminology.hl7.org/CodeSystem/service-type",
  serviceProvision: "http://terminology.hl7.org/CodeSystem/service-provision-conditions",
  roleCode: "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
  locationPhysicalType: "http://terminology.hl7.org/CodeSystem/location-physical-type",
  actReason: "http://terminology.hl7.org/CodeSystem/v3-ActReason",
  snomed: "http://snomed.info/sct",
  language: "http://hl7.org/fhir/StructureDefinition/language",
} as const;

type Code = readonly [code: string, display: string];

/** SNOMED CT practice settings (FHIR's c80-practice-codes value set). */
export const SNOMED_SPECIALTY: Record<Specialty, Code | null> = {
  general_practice: ["394814009", "General practice"],
  internal_medicine: ["419192003", "Internal medicine"],
  cardiology: ["394579002", "Cardiology"],
  endocrinology: ["394583002", "Endocrinology"],
  gastroenterology: ["394584008", "Gastroenterology"],
  neurology: ["394591006", "Neurology"],
  oncology: ["394593009", "Medical oncology"],
  // The value set has pediatric subspecialties only, no general pediatrics.
  pediatrics: null,
  obstetrics_gynecology: ["394585009", "Obstetrics and gynecology"],
  orthopedics: ["394801008", "Surgery-Trauma and orthopedics"],
  dermatology: ["394582007", "Dermatology"],
  dentistry: ["394812008", "Dental medicine specialties"],
  rehabilitation: ["394602003", "Rehabilitation"],
  // TCM is a medicine system, not a practice setting of the value set.
  tcm: null,
};

/** HL7 service types (http://terminology.hl7.org/CodeSystem/service-type). */
export const HL7_SERVICE_TYPE: Record<Specialty, Code | null> = {
  general_practice: ["124", "General Practice"],
  internal_medicine: null,
  cardiology: ["165", "Cardiology"],
  endocrinology: ["169", "Endocrinology"],
  gastroenterology: ["480", "Gastroenterology"],
  neurology: ["177", "Neurology"],
  oncology: ["175", "Medical Oncology"],
  pediatrics: ["200", "Paediatric Medicine"],
  obstetrics_gynecology: ["186", "Obstetrics & Gynaecology"],
  orthopedics: ["218", "Orthopaedic Surgery"],
  dermatology: ["168", "Dermatology"],
  dentistry: ["314", "Dentistry"],
  rehabilitation: ["181", "Rehabilitation Medicine"],
  tcm: null,
};

/** HL7 service types of the TCM therapies that have one. */
export const HL7_THERAPY_TYPE: Record<Therapy, Code | null> = {
  acupuncture: ["13", "Acupuncture"],
  herbal_medicine: ["18", "Chinese Herbal Medicine"],
  tuina: ["25", "Massage Therapy"],
  moxibustion: null,
  cupping: null,
  tai_chi: null,
};

/** HL7 service categories (http://terminology.hl7.org/CodeSystem/service-category). */
export function serviceCategoryCode(specialty: string): Code {
  switch (specialty) {
    case "general_practice":
      return ["17", "General Practice"];
    case "dentistry":
      return ["10", "Dental"];
    case "obstetrics_gynecology":
      return ["28", "Specialist Obstetrics & Gynecology"];
    case "pediatrics":
      return ["29", "Specialist Paediatric"];
    case "tcm":
      return ["3", "Alternative/Complementary Therapies"];
    default:
      return ["27", "Specialist Medical"];
  }
}

const coding = (system: string, [code, display]: Code): Coding => ({ system, code, display });

export interface ConceptText {
  specialty(code: string): string;
  therapy(code: string): string;
}

export function categoryConcept(specialty: string): CodeableConcept {
  const code = serviceCategoryCode(specialty);
  return { coding: [coding(hl7.serviceCategory, code)], text: code[1] };
}

/** The service's specialty: ours and, where one matches, SNOMED CT's practice setting. */
export function specialtyConcept(specialty: string, text: ConceptText): CodeableConcept {
  const snomed = SNOMED_SPECIALTY[specialty as Specialty];
  return {
    coding: [
      { system: directorySystems.specialty(), code: specialty, display: text.specialty(specialty) },
      ...(snomed ? [coding(hl7.snomed, snomed)] : []),
    ],
    text: text.specialty(specialty),
  };
}

/**
 * What the service is (HealthcareService.type, Schedule.serviceType, Slot.serviceType): our
 * specialty code and HL7's service type; a TCM package adds its therapies, ours and HL7's.
 */
export function serviceTypeConcept(
  specialty: string,
  therapies: readonly string[],
  text: ConceptText,
): CodeableConcept {
  const hl7Type = HL7_SERVICE_TYPE[specialty as Specialty];
  const therapyCodings = therapies.flatMap((t): Coding[] => {
    const mapped = HL7_THERAPY_TYPE[t as Therapy];
    return [
      { system: directorySystems.therapy(), code: t, display: text.therapy(t) },
      ...(mapped ? [coding(hl7.serviceType, mapped)] : []),
    ];
  });
  return {
    coding: [
      { system: directorySystems.specialty(), code: specialty, display: text.specialty(specialty) },
      ...(hl7Type ? [coding(hl7.serviceType, hl7Type)] : []),
      ...therapyCodings,
    ],
    text: [text.specialty(specialty), ...therapies.map((t) => text.therapy(t))].join(" · "),
  };
}

/** "FOREIGN_OWNED" → "foreign-owned", "TERTIARY_A" → "tertiary-a": FHIR codes are lower-case here. */
export function fhirCode(value: string): string {
  return value.toLowerCase().replace(/_/g, "-");
}
