// What the FHIR API's directory area supports, for the CapabilityStatement
// (lib/fhir/capability.ts): read and search-type of Organization, Location,
// HealthcareService, Schedule and Slot, public, with exactly the search
// parameters and _include values of lib/fhir/directory/searches.ts
// (tests/unit/fhir-directory-capability.test.ts compares the two).
import type {
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceSearchParam,
} from "@medplum/fhirtypes";
import type { CapabilityFragment } from "../capability-types";
import { DEFAULT_COUNT, MAX_COUNT } from "./search-params";
import { HEALTHCARE_SERVICE_INCLUDES, SCHEDULE_INCLUDES, SLOT_INCLUDES } from "./searches";

type Param = CapabilityStatementRestResourceSearchParam;

const spec = (name: string) => `http://hl7.org/fhir/SearchParameter/${name}`;

const id: Param = {
  name: "_id",
  definition: spec("Resource-id"),
  type: "token",
  documentation: "Logical id; comma-separated ids match any of them.",
};

const paging =
  `Paging: _count (default ${DEFAULT_COUNT}, at most ${MAX_COUNT}: a larger _count is capped, ` +
  "and the self link says the _count applied; _count=0 answers the total only) and _offset, in a stable order; " +
  "follow the Bundle's next and previous links. A repeated parameter is AND, a comma inside one is OR. " +
  "An unknown parameter is ignored and left out of the self link, or answered 400 with Prefer: handling=strict; " +
  "a malformed value is a 400 OperationOutcome naming the parameter, in the request's language (?locale= or Accept-Language). " +
  "Public: no credentials.";

const institution: Param[] = [
  id,
  {
    name: "identifier",
    definition: spec("Organization-identifier"),
    type: "token",
    documentation: "The institution's slug (system …/NamingSystem/institution-slug), as in our page URLs.",
  },
  {
    name: "name",
    definition: spec("Organization-name"),
    type: "string",
    documentation:
      "Part of the name in any script: the Chinese name, a translated name or the pinyin (with or without spaces and tone marks).",
  },
  {
    name: "address-city",
    definition: spec("Organization-address-city"),
    type: "string",
    documentation:
      "Start of the city's name in any language, its Chinese name or its slug (case and accents ignored).",
  },
];

const read = [{ code: "read" as const }, { code: "search-type" as const }];

const resources: CapabilityStatementRestResource[] = [
  {
    type: "Organization",
    interaction: read,
    searchParam: institution,
    documentation: `Institutions: the Chinese name with a translation extension per language and English/pinyin aliases, telecom, address, type (hospital or clinic, ownership, grade). ${paging}`,
  },
  {
    type: "Location",
    interaction: read,
    searchParam: [
      ...institution.map((p) => ({ ...p, definition: p.definition?.replace("Organization-", "Location-") })),
      {
        name: "organization",
        definition: spec("Location-organization"),
        type: "reference",
        documentation: "The managing Organization (Organization/<id> or the id).",
      },
    ],
    documentation:
      "An institution's site: WGS84 position, address, the international department's hours (Beijing time) as hoursOfOperation. " +
      paging,
  },
  {
    type: "HealthcareService",
    interaction: read,
    searchParam: [
      id,
      {
        name: "organization",
        definition: spec("HealthcareService-organization"),
        type: "reference",
        documentation: "The providing Organization.",
      },
      {
        name: "location",
        definition: spec("HealthcareService-location"),
        type: "reference",
        documentation: "The Location where the service is offered.",
      },
      {
        name: "specialty",
        definition: spec("HealthcareService-specialty"),
        type: "token",
        documentation:
          "Our specialty code (…/CodeSystem/specialty, e.g. cardiology) or SNOMED CT's practice setting.",
      },
      {
        name: "service-type",
        definition: spec("HealthcareService-service-type"),
        type: "token",
        documentation:
          "Our specialty or TCM therapy code, or HL7's service type (http://terminology.hl7.org/CodeSystem/service-type).",
      },
      {
        name: "communication",
        type: "token",
        documentation:
          "A language the international department serves in (BCP-47, urn:ietf:bcp:47; en-GB matches en).",
      },
    ],
    searchInclude: HEALTHCARE_SERVICE_INCLUDES,
    documentation:
      "Departments (dept-<id>) and TCM packages (pkg-<id>): specialty, languages, the fee in CNY (extension …/StructureDefinition/service-fee " +
      "and extraDetails), direct-billing insurers as eligibility, appointmentRequired. " +
      paging,
  },
  {
    type: "Schedule",
    interaction: read,
    searchParam: [
      id,
      {
        name: "actor",
        definition: spec("Schedule-actor"),
        type: "reference",
        documentation: "The HealthcareService or the Location the schedule is for.",
      },
      {
        name: "service-type",
        definition: spec("Schedule-service-type"),
        type: "token",
        documentation: "As HealthcareService's service-type.",
      },
      {
        name: "active",
        definition: spec("Schedule-active"),
        type: "token",
        documentation: "true or false.",
      },
    ],
    searchInclude: SCHEDULE_INCLUDES,
    documentation:
      "A department's or package's schedule; its actors are the HealthcareService and the Location. Slots whose own schedule " +
      "is gone belong to their service's fallback Schedule, whose id is the HealthcareService's (dept-<id> / pkg-<id>). " +
      paging,
  },
  {
    type: "Slot",
    interaction: read,
    searchParam: [
      id,
      {
        name: "schedule",
        definition: spec("Slot-schedule"),
        type: "reference",
        documentation: "The Schedule the slot belongs to.",
      },
      {
        name: "start",
        definition: spec("Slot-start"),
        type: "date",
        documentation:
          "The slot's start, with the prefixes eq, ne, lt, le, gt, ge, sa, eb (start=ge2026-12-01&start=lt2026-12-08); a value without a zone is Beijing time.",
      },
      {
        name: "status",
        definition: spec("Slot-status"),
        type: "token",
        documentation:
          "free (a place is open now: capacity less bookings and live holds), busy (full), busy-unavailable (closed or started).",
      },
      {
        name: "service-type",
        definition: spec("Slot-service-type"),
        type: "token",
        documentation: "As HealthcareService's service-type.",
      },
    ],
    searchInclude: SLOT_INCLUDES,
    documentation:
      "Bookable times with SMART Scheduling Links' booking-deep-link (our booking page in the request's language) and booking-phone; " +
      "status is live. total is given when the search names a schedule or ids. " +
      paging,
  },
];

export const capability: CapabilityFragment = { resources };
