// The directory's FHIR R4 resources from domain rows (lib/fhir/directory/rows.ts):
// Organization and Location (an institution), HealthcareService (a department
// or a TCM package), Schedule and Slot. Pure: a row and the text of one
// language in, a resource out, so the searches and the bulk files serialize
// the same way, row by row. The mapping and its reasons: ADR 0020.
//
// Names are the Chinese name with HL7's translation extension per translated
// locale (and an English/pinyin alias for clients that ignore extensions).
// Human-readable notes (fees, billing, time zone) are in the text's language.
import type {
  Address,
  CodeableConcept,
  ContactPoint,
  Element,
  Extension,
  HealthcareService,
  HealthcareServiceEligibility,
  Location,
  LocationHoursOfOperation,
  Meta,
  Organization,
  Schedule,
  Slot,
} from "@medplum/fhirtypes";
import gcoord from "gcoord";
import { institutionType } from "../../catalogue/json-ld";
import { groupHours, parseHours } from "../../catalogue/hours";
import { languageName } from "../../catalogue/format";
import { pickTranslation } from "../../i18n/content";
import { publicBaseUrl } from "../../env";
import { healthcareServiceId, reference } from "../ids";
import { standard, systems } from "../systems";
import {
  categoryConcept,
  directorySystems,
  fhirCode,
  hl7,
  serviceTypeConcept,
  specialtyConcept,
} from "./codes";
import type { InstitutionRow, NameRow, ScheduleRow, ServiceRow, SlotRow } from "./rows";
import type { DirectoryText } from "./text";

/** The base language of names and addresses: the institutions' own. */
const BASE_LOCALE = "zh";

/** HL7's translation extension for each text that is not the base one (empty ones left out). */
export function translations(
  texts: readonly { locale: string; value: string | null }[],
): Element | undefined {
  const extension: Extension[] = texts
    .filter((t): t is { locale: string; value: string } => Boolean(t.value) && t.locale !== BASE_LOCALE)
    .map((t) => ({
      url: standard.translation,
      extension: [
        { url: "lang", valueCode: t.locale },
        { url: "content", valueString: t.value },
      ],
    }));
  return extension.length > 0 ? { extension } : undefined;
}

/** A translated name: the Chinese one as the value (else English, else the first), the others as translations. */
function translatedName(rows: readonly NameRow[], chinese: string | null): { name: string; _name?: Element } {
  const base =
    chinese ??
    rows.find((r) => r.locale === BASE_LOCALE)?.name ??
    rows.find((r) => r.locale === "en")?.name ??
    rows[0]?.name ??
    "";
  const others = rows.filter((r) => r.name !== base).map((r) => ({ locale: r.locale, value: r.name }));
  const _name = translations(others);
  return _name ? { name: base, _name } : { name: base };
}

/** The name a reference shows: in the text's language, falling back to English, then Chinese. */
function displayName(rows: readonly NameRow[], chinese: string, locale: string): string {
  return pickTranslation(rows, locale)?.value.name ?? chinese;
}

/** meta: when the row last changed, and a tag on illustrative demo data. */
function meta(updatedAt: Date | null, isDemo: boolean): { meta?: Meta } {
  const m: Meta = {};
  if (updatedAt) m.lastUpdated = updatedAt.toISOString();
  if (isDemo) {
    m.tag = [{ system: directorySystems.dataOrigin(), code: "demo", display: "Illustrative demo data" }];
    m.security = [{ system: hl7.actReason, code: "HTEST", display: "test health data" }];
  }
  return Object.keys(m).length > 0 ? { meta: m } : {};
}

function telecom(phone: string, email: string | null, website: string | null = null): ContactPoint[] {
  return [
    { system: "phone", value: phone, use: "work" },
    ...(email ? [{ system: "email" as const, value: email, use: "work" as const }] : []),
    ...(website ? [{ system: "url" as const, value: website, use: "work" as const }] : []),
  ];
}

/** The address in Chinese (with translations), and in English for clients that ignore extensions. */
function addresses(row: InstitutionRow): Address[] {
  const translated = row.translations.map((t) => ({ locale: t.locale, value: t.address }));
  const cityNames = row.city.translations.map((t) => ({ locale: t.locale, value: t.name }));
  const _text = translations(translated);
  const _city = translations(cityNames.filter((c) => c.value !== row.city.nameZh));
  const chinese: Address = {
    use: "work",
    type: "physical",
    text: row.addressZh,
    ...(_text ? { _text } : {}),
    city: row.city.nameZh,
    ...(_city ? { _city } : {}),
    state: row.city.province,
    country: "CN",
  };
  const english = row.translations.find((t) => t.locale === "en" && t.address)?.address;
  if (!english) return [chinese];
  return [
    chinese,
    {
      extension: [{ url: hl7.language, valueCode: "en" }],
      use: "work",
      type: "physical",
      text: english,
      city: row.city.translations.find((t) => t.locale === "en")?.name ?? row.city.nameZh,
      state: row.city.province,
      country: "CN",
    },
  ];
}

/** The English and pinyin names, for clients that read `alias` and not the translation extension. */
function aliases(row: InstitutionRow): string[] {
  const english = row.translations.find((t) => t.locale === "en")?.name;
  return [...new Set([english, row.namePinyin].filter((a): a is string => Boolean(a) && a !== row.nameZh))];
}

export function toOrganization(row: InstitutionRow): Organization {
  const kind = institutionType(row) === "Hospital" ? "hospital" : "clinic";
  const alias = aliases(row);
  return {
    resourceType: "Organization",
    id: row.id,
    ...meta(row.updatedAt, row.isDemo),
    identifier: [{ system: systems.institutionSlug(), value: row.slug }],
    active: true,
    type: [
      { coding: [{ system: hl7.organizationType, code: "prov", display: "Healthcare Provider" }] },
      {
        coding: [
          {
            system: directorySystems.institutionType(),
            code: kind,
            display: kind === "hospital" ? "Hospital" : "Clinic",
          },
        ],
      },
      { coding: [{ system: directorySystems.ownership(), code: fhirCode(row.ownership) }] },
      { coding: [{ system: directorySystems.grade(), code: fhirCode(row.grade) }] },
    ],
    ...translatedName(
      row.translations.map((t) => ({ locale: t.locale, name: t.name })),
      row.nameZh,
    ),
    ...(alias.length > 0 ? { alias } : {}),
    telecom: telecom(row.phone, row.email, row.website),
    address: addresses(row),
  };
}

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/** The international department's weekly hours, Beijing time (the zone is said in availabilityExceptions). */
export function hoursOfOperation(stored: unknown): LocationHoursOfOperation[] {
  return groupHours(parseHours(stored)).map((g) => ({
    daysOfWeek: g.weekdays.map((d) => WEEKDAYS[d]!),
    openingTime: `${g.open}:00`,
    closingTime: `${g.close}:00`,
  }));
}

/**
 * FHIR positions are WGS84; maps of mainland China (and our stored coordinates, which open
 * in Amap and Baidu as they are) use GCJ-02, about 500 m off, so they are converted.
 */
export function wgs84Position(latitude: number, longitude: number): { latitude: number; longitude: number } {
  const [lng, lat] = gcoord.transform([longitude, latitude], gcoord.GCJ02, gcoord.WGS84);
  return { latitude: Number(lat.toFixed(6)), longitude: Number(lng.toFixed(6)) };
}

export function toLocation(row: InstitutionRow, text: DirectoryText): Location {
  const hospital = institutionType(row) === "Hospital";
  const alias = aliases(row);
  const dept = row.translations
    .map((t) => ({ locale: t.locale, name: t.intlDeptName ?? "" }))
    .filter((t) => t.name);
  const description = dept.length > 0 ? translatedName(dept, null) : null;
  const hours = hoursOfOperation(row.hours);
  return {
    resourceType: "Location",
    id: row.id,
    ...meta(row.updatedAt, row.isDemo),
    identifier: [{ system: systems.institutionSlug(), value: row.slug }],
    status: "active",
    mode: "instance",
    ...translatedName(
      row.translations.map((t) => ({ locale: t.locale, name: t.name })),
      row.nameZh,
    ),
    ...(alias.length > 0 ? { alias } : {}),
    ...(description
      ? { description: description.name, ...(description._name ? { _description: description._name } : {}) }
      : {}),
    type: [
      {
        coding: [
          hospital
            ? { system: hl7.roleCode, code: "HOSP", display: "Hospital" }
            : { system: hl7.roleCode, code: "OF", display: "Outpatient facility" },
        ],
      },
    ],
    telecom: telecom(row.phone, row.email),
    address: addresses(row)[0],
    physicalType: { coding: [{ system: hl7.locationPhysicalType, code: "bu", display: "Building" }] },
    position: wgs84Position(row.latitude, row.longitude),
    managingOrganization: { reference: reference("Organization", row.id) },
    ...(hours.length > 0 ? { hoursOfOperation: hours, availabilityExceptions: text.beijingTime } : {}),
  };
}

/** The fee, what it covers, who bills an insurer directly, how else to pay: markdown in the text's language. */
export function serviceDetails(row: ServiceRow, text: DirectoryText): string {
  const lines = [`**${text.feeLabel(row.kind)}**: ${text.cny(row.feeFen)}`];
  if (row.kind === "package") {
    lines.push(
      `${text.sessions(row.sessions)} · ${text.days(row.durationDays ?? 0)}. ${text.packagePriceNote}`,
    );
  }
  if (row.isDemo) lines.push(`_${text.demoNote}_`);
  lines.push("");
  if (row.billing.length > 0) {
    lines.push(`**${text.billingTitle}**`, "");
    for (const b of row.billing)
      lines.push(
        `- ${b.insurerName} (${text.preauthLabel}: ${text.preauthDays(b.preauthRequired ? b.preauthLeadDays : 0)})`,
      );
  } else {
    lines.push(text.noBilling);
  }
  const accepted = text.acceptedPayments(row.institution.acceptedPayments);
  if (accepted) lines.push("", accepted);
  return lines.join("\n");
}

/** Each insurer that bills this kind of visit directly today, and its pre-authorization lead time. */
function eligibility(row: ServiceRow, text: DirectoryText): HealthcareServiceEligibility[] {
  return row.billing.map((b) => ({
    code: {
      coding: [{ system: directorySystems.insurer(), code: b.insurerSlug, display: b.insurerName }],
      text: `${text.billingTitle}: ${b.insurerName}`,
    },
    comment: `${text.preauthLabel}: ${text.preauthDays(b.preauthRequired ? b.preauthLeadDays : 0)}`,
  }));
}

export function toHealthcareService(row: ServiceRow, text: DirectoryText): HealthcareService {
  const id = healthcareServiceId({ kind: row.kind, id: row.id });
  const inst = row.institution;
  const description = pickTranslation(
    row.translations.filter((t) => t.description),
    text.locale,
  )?.value.description;
  const communication: CodeableConcept[] = inst.languages.map((code) => ({
    coding: [{ system: standard.bcp47, code }],
    text: languageName(code, text.locale),
  }));
  return {
    resourceType: "HealthcareService",
    id,
    ...meta(row.updatedAt, row.isDemo),
    extension: [
      { url: directorySystems.serviceFee(), valueMoney: { value: row.feeFen / 100, currency: "CNY" } },
    ],
    active: true,
    providedBy: {
      reference: reference("Organization", inst.id),
      display: displayName(inst.translations, inst.nameZh, text.locale),
    },
    category: [categoryConcept(row.specialty)],
    type: [serviceTypeConcept(row.specialty, row.therapies, text)],
    specialty: [specialtyConcept(row.specialty, text)],
    location: [{ reference: reference("Location", inst.id) }],
    ...translatedName(
      row.translations.map((t) => ({ locale: t.locale, name: t.name })),
      null,
    ),
    ...(description ? { comment: description } : {}),
    extraDetails: serviceDetails(row, text),
    telecom: telecom(inst.phone, inst.email),
    serviceProvisionCode: [
      { coding: [{ system: hl7.serviceProvision, code: "cost", display: "Fees apply" }] },
    ],
    ...(row.billing.length > 0 ? { eligibility: eligibility(row, text) } : {}),
    ...(communication.length > 0 ? { communication } : {}),
    appointmentRequired: true,
  };
}

/** The HealthcareService a schedule or slot belongs to (a department or a package). */
function serviceIdOf(row: { departmentId: string | null; packageId: string | null }): string {
  return row.departmentId
    ? healthcareServiceId({ kind: "department", id: row.departmentId })
    : healthcareServiceId({ kind: "package", id: row.packageId! });
}

/**
 * The Schedule of a slot whose own schedule is gone: its service's fallback schedule, whose
 * id is the HealthcareService's (dept-<id> / pkg-<id>; scheduleRowSelect yields it).
 */
export function scheduleIdOf(row: Pick<SlotRow, "scheduleId" | "departmentId" | "packageId">): string {
  return row.scheduleId ?? serviceIdOf(row);
}

export function toSchedule(row: ScheduleRow, text: DirectoryText): Schedule {
  return {
    resourceType: "Schedule",
    id: row.id,
    ...meta(row.updatedAt, false),
    active: row.active,
    serviceCategory: [categoryConcept(row.specialty)],
    serviceType: [serviceTypeConcept(row.specialty, row.therapies, text)],
    specialty: [specialtyConcept(row.specialty, text)],
    actor: [
      { reference: reference("HealthcareService", serviceIdOf(row)) },
      { reference: reference("Location", row.institutionId) },
    ],
    ...(row.horizonStart && row.horizonEnd
      ? { planningHorizon: { start: row.horizonStart.toISOString(), end: row.horizonEnd.toISOString() } }
      : {}),
  };
}

/** Our booking page for the slot, in the text's language (SMART Scheduling Links' booking-deep-link). */
export function bookingDeepLink(row: SlotRow, locale: string): string {
  const query = new URLSearchParams(
    row.departmentSlug ? { department: row.departmentSlug } : { package: row.packageSlug ?? "" },
  );
  query.set("slot", row.id);
  return `${publicBaseUrl()}/${locale}/book/${encodeURIComponent(row.institutionSlug)}?${query}`;
}

export function toSlot(row: SlotRow, text: DirectoryText): Slot {
  return {
    resourceType: "Slot",
    id: row.id,
    extension: [
      { url: standard.bookingDeepLink, valueUrl: bookingDeepLink(row, text.locale) },
      { url: standard.bookingPhone, valueString: row.phone },
      { url: standard.slotCapacity, valueInteger: row.status === "free" ? row.openPlaces : 0 },
    ],
    serviceCategory: [categoryConcept(row.specialty)],
    serviceType: [serviceTypeConcept(row.specialty, row.therapies, text)],
    specialty: [specialtyConcept(row.specialty, text)],
    schedule: { reference: reference("Schedule", scheduleIdOf(row)) },
    status: row.status,
    start: row.startsAt.toISOString(),
    end: row.endsAt.toISOString(),
  };
}
