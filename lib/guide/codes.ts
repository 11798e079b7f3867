// The guide's vocabulary: the admission standard's criteria and the sections
// of a guide, in the order they are shown. Labels live in messages (Admin.guide.*).
import type { GuideCriterion, GuideSectionKey } from "../db/generated/client";

export const guideCriteria: GuideCriterion[] = [
  "INTERNATIONAL_SERVICE_POINT",
  "FOREIGN_LANGUAGE_CONSULTATION",
  "MULTILINGUAL_SIGNAGE",
  "APPOINTMENT_BOOKING",
  "DIRECT_BILLING_OR_SELF_PAY_PROCESS",
  "CONSULTATION_PRIVACY",
  "INTERPRETER_ACCESS",
];

export const guideSectionKeys: GuideSectionKey[] = [
  "EMERGENCIES",
  "HOW_TO_BOOK",
  "INSTITUTIONS",
  "PAYING",
  "SOCIAL_INSURANCE",
  "VISAS",
  "TCM",
  "PHARMACIES",
  "PRIVACY",
];

/** A guide is published only with every section written in these languages. */
export const REQUIRED_GUIDE_LOCALES = ["en", "zh"] as const;

export const SECTION_BODY_MAX = 20_000;
