// One home for the pages' schema.org descriptions (JSON-LD) of institutions and
// TCM packages, for search engines and assistants. Every type, property and
// enumeration value used here is checked against the schema.org vocabulary in
// tests/unit/json-ld.test.ts.
import type { Specialty } from "./codes";
import type { InstitutionDetail } from "./get-institution";
import type { PackageDetail } from "./get-package";

const SCHEMA = "https://schema.org/";

/**
 * Our specialty codes as members of schema.org's MedicalSpecialty enumeration
 * (https://schema.org/MedicalSpecialty). A code with no member says so with an
 * empty list and is left out: schema.org has no internal medicine, and TCM is a
 * medicine system (MedicineSystem's TraditionalChinese), not a specialty.
 */
export const SCHEMA_ORG_SPECIALTIES: Record<Specialty, readonly string[]> = {
  general_practice: ["PrimaryCare"],
  internal_medicine: [],
  cardiology: ["Cardiovascular"],
  endocrinology: ["Endocrine"],
  gastroenterology: ["Gastroenterologic"],
  neurology: ["Neurologic"],
  oncology: ["Oncologic"],
  pediatrics: ["Pediatric"],
  obstetrics_gynecology: ["Obstetric", "Gynecologic"],
  orthopedics: ["Musculoskeletal"],
  dermatology: ["Dermatology"],
  dentistry: ["Dentistry"],
  rehabilitation: ["Physiotherapy"],
  tcm: [],
};

/** The schema.org MedicalSpecialty URLs of these specialty codes, each once (unknown codes left out). */
export function schemaOrgSpecialties(codes: readonly string[]): string[] {
  const members = codes.flatMap((c) => SCHEMA_ORG_SPECIALTIES[c as Specialty] ?? []);
  return [...new Set(members)].map((m) => `${SCHEMA}${m}`);
}

/** schema.org description of an institution. */
export function hospitalJsonLd(d: InstitutionDetail, url: string) {
  const specialties = schemaOrgSpecialties(d.departments.map((x) => x.specialty));
  return {
    "@context": "https://schema.org",
    "@type": institutionType(d),
    "@id": url,
    url,
    name: d.name,
    alternateName: d.nameZh,
    description: d.description ?? undefined,
    telephone: d.phone,
    email: d.email ?? undefined,
    sameAs: d.website ? [d.website] : undefined,
    address: {
      "@type": "PostalAddress",
      streetAddress: d.address ?? d.addressZh,
      addressLocality: d.city.name,
      addressCountry: "CN",
    },
    geo: { "@type": "GeoCoordinates", latitude: d.latitude, longitude: d.longitude },
    // The languages are the international department's: a contact point's, not the building's.
    contactPoint: {
      "@type": "ContactPoint",
      contactType: "international patients",
      telephone: d.phone,
      availableLanguage: d.languages,
    },
    medicalSpecialty: specialties.length > 0 ? specialties : undefined,
    openingHoursSpecification: d.hours.map((h) => ({
      "@type": "OpeningHoursSpecification",
      dayOfWeek: `${SCHEMA}${["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][h.weekday]}`,
      opens: h.open,
      closes: h.close,
    })),
    isAcceptingNewPatients: true,
  };
}

/** A hospital, or a clinic when it is ungraded and has no 24-hour emergency department. */
export function institutionType(d: Pick<InstitutionDetail, "grade" | "emergency24h">) {
  return d.grade === "UNGRADED" && !d.emergency24h ? "MedicalClinic" : "Hospital";
}

/**
 * schema.org description of a TCM package page: the page (in the page's language) whose main
 * entity is the package as a traditional Chinese medical therapy offered as a service by its
 * institution (the same @id as the institution page's description), at its price in CNY.
 */
export function packageJsonLd(
  p: PackageDetail,
  urls: { page: string; institution: string },
  pageLocale: string,
) {
  return {
    "@context": "https://schema.org",
    "@type": "WebPage",
    "@id": urls.page,
    url: urls.page,
    inLanguage: pageLocale,
    name: p.name,
    mainEntity: {
      "@type": ["MedicalTherapy", "Service"],
      name: p.name,
      description: p.description,
      medicineSystem: `${SCHEMA}TraditionalChinese`,
      contraindication: p.contraindications,
      provider: {
        "@type": "MedicalOrganization",
        "@id": urls.institution,
        url: urls.institution,
        name: p.institution.name,
        alternateName: p.institution.nameZh,
        telephone: p.institution.phone,
      },
      areaServed: { "@type": "City", name: p.institution.city.name },
      offers: {
        "@type": "Offer",
        price: (p.priceFen / 100).toFixed(2),
        priceCurrency: "CNY",
        url: urls.page,
      },
    },
  };
}

/** JSON for a <script> element: "<" escaped so content can never close the tag. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}
