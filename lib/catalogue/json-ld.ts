import type { InstitutionDetail } from "./get-institution";

/** schema.org description of an institution, for search engines and assistants. */
export function hospitalJsonLd(d: InstitutionDetail, url: string) {
  return {
    "@context": "https://schema.org",
    "@type": d.grade === "UNGRADED" && !d.emergency24h ? "MedicalClinic" : "Hospital",
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
    availableLanguage: d.languages,
    medicalSpecialty: [...new Set(d.departments.map((x) => x.specialty))],
    openingHoursSpecification: d.hours.map((h) => ({
      "@type": "OpeningHoursSpecification",
      dayOfWeek: `https://schema.org/${["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][h.weekday]}`,
      opens: h.open,
      closes: h.close,
    })),
    isAcceptingNewPatients: true,
  };
}

/** JSON for a <script> element: "<" escaped so content can never close the tag. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}
