// The fixed vocabularies of the catalogue. Labels live in messages/<locale>.json
// (Catalogue.specialty.<code>, ...); language names come from Intl.DisplayNames.
export const specialties = [
  "general_practice",
  "internal_medicine",
  "cardiology",
  "endocrinology",
  "gastroenterology",
  "neurology",
  "oncology",
  "pediatrics",
  "obstetrics_gynecology",
  "orthopedics",
  "dermatology",
  "dentistry",
  "rehabilitation",
  "tcm",
] as const;

export const conditions = [
  "neck_back_pain",
  "joint_pain",
  "insomnia",
  "stress_anxiety",
  "metabolic_syndrome",
  "fatigue",
  "wellness",
] as const;

export const therapies = [
  "acupuncture",
  "moxibustion",
  "tuina",
  "cupping",
  "herbal_medicine",
  "tai_chi",
] as const;

export const services = [
  "INTERPRETER",
  "VISA_SUPPORT_LETTER",
  "PRIVATE_CONSULTATION_ROOM",
  "AIRPORT_PICKUP",
] as const;

export const ownerships = ["PUBLIC", "PRIVATE", "FOREIGN_OWNED"] as const;

export const accreditations = ["JCI", "ACHS"] as const;

export const visitKinds = ["OUTPATIENT", "INPATIENT", "TCM_PACKAGE"] as const;

/** Languages a department may serve in (ISO 639-1); the finder's language filter accepts these. */
export const serviceLanguages = [
  "zh",
  "en",
  "ru",
  "ar",
  "ja",
  "ko",
  "fr",
  "es",
  "de",
  "id",
  "it",
  "pt",
  "th",
  "vi",
  "ms",
  "hi",
  "fa",
  "tr",
  "kk",
  "mn",
] as const;

export type Specialty = (typeof specialties)[number];
export type Condition = (typeof conditions)[number];
export type Therapy = (typeof therapies)[number];
