// The FHIR test reader can fail (issue 18): expectValidFhir (tests/helpers/fhir.ts)
// rejects resources that break R4 — wrong cardinality, a code outside a required
// value set, a malformed date, an unknown element, a broken entry or contained
// resource — naming the element, and accepts the valid shapes the API serves.
import { describe, expect, it } from "vitest";
import { expectValidFhir, fhirIssues } from "../helpers/fhir";

const slot = {
  resourceType: "Slot",
  id: "slot1",
  schedule: { reference: "Schedule/sch1" },
  status: "free",
  start: "2026-12-01T09:00:00+08:00",
  end: "2026-12-01T09:30:00+08:00",
  serviceType: [
    { coding: [{ system: "https://portal.example/fhir/r4/CodeSystem/specialty", code: "cardiology" }] },
  ],
  extension: [
    {
      url: "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link",
      valueUrl: "https://portal.example/en/book/slot1",
    },
  ],
};

const appointment = {
  resourceType: "Appointment",
  id: "bk1",
  status: "booked",
  start: "2026-12-01T09:00:00+08:00",
  end: "2026-12-01T09:30:00+08:00",
  slot: [{ reference: "Slot/slot1" }],
  contained: [
    {
      resourceType: "Patient",
      id: "patient",
      name: [{ family: "Haddad", given: ["Layla"] }],
      gender: "female",
      birthDate: "1990-04-12",
      telecom: [{ system: "email", value: "layla@example.org" }],
    },
  ],
  participant: [{ actor: { reference: "#patient" }, status: "accepted" }],
};

const organization = {
  resourceType: "Organization",
  id: "inst1",
  active: true,
  name: "北京协和医院",
  _name: {
    extension: [
      {
        url: "http://hl7.org/fhir/StructureDefinition/translation",
        extension: [
          { url: "lang", valueCode: "en" },
          { url: "content", valueString: "Peking Union Medical College Hospital" },
        ],
      },
    ],
  },
  alias: ["Peking Union Medical College Hospital"],
  telecom: [{ system: "phone", value: "+86 10 6915 6114" }],
  address: [{ city: "Beijing", country: "CN", line: ["1 Shuaifuyuan"] }],
};

const searchset = {
  resourceType: "Bundle",
  type: "searchset",
  total: 2,
  link: [
    { relation: "self", url: "https://portal.example/fhir/r4/Slot?status=free" },
    { relation: "next", url: "https://portal.example/fhir/r4/Slot?status=free&_page=2" },
  ],
  entry: [
    { fullUrl: "https://portal.example/fhir/r4/Slot/slot1", resource: slot, search: { mode: "match" } },
    {
      fullUrl: "https://portal.example/fhir/r4/Organization/inst1",
      resource: organization,
      search: { mode: "include" },
    },
  ],
};

const outcome = {
  resourceType: "OperationOutcome",
  issue: [
    {
      severity: "error",
      code: "not-found",
      details: {
        coding: [{ system: "https://portal.example/fhir/r4/CodeSystem/error-code", code: "NOT_FOUND" }],
        text: "غير موجود",
      },
      diagnostics: "غير موجود",
    },
  ],
};

const capability = {
  resourceType: "CapabilityStatement",
  status: "active",
  date: "2026-11-30T10:00:00.000Z",
  kind: "instance",
  software: { name: "International Patient Portal" },
  implementation: { description: "Test server", url: "https://portal.example/fhir/r4" },
  fhirVersion: "4.0.1",
  format: ["json"],
  rest: [
    {
      mode: "server",
      resource: [
        {
          type: "Slot",
          interaction: [{ code: "read" }, { code: "search-type" }],
          searchParam: [{ name: "start", type: "date" }],
        },
      ],
      operation: [
        {
          name: "bulk-publish",
          definition: "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/bulk-publish",
        },
      ],
    },
  ],
};

describe("expectValidFhir accepts valid R4 resources", () => {
  it.each([
    ["a Slot with the booking-deep-link extension", slot],
    ["an Appointment with a contained Patient", appointment],
    ["an Organization with a translated name", organization],
    ["a searchset Bundle with a match and an include", searchset],
    ["an OperationOutcome", outcome],
    ["a CapabilityStatement", capability],
    [
      "an object with a key set to undefined, read as the JSON a client gets",
      { ...capability, rest: [{ ...capability.rest[0], searchParam: undefined }] },
    ],
  ])("%s", (_name, resource) => {
    expect(fhirIssues(resource)).toEqual([]);
    expect(() => expectValidFhir(resource)).not.toThrow();
  });
});

describe("expectValidFhir rejects broken resources, naming the element", () => {
  it.each([
    [
      "a missing required element (Slot.schedule is 1..1)",
      { ...slot, schedule: undefined },
      /Slot\.schedule/,
    ],
    [
      "a list where one value is allowed (Slot.schedule)",
      { ...slot, schedule: [slot.schedule] },
      /Slot\.schedule/,
    ],
    [
      "one value where a list is expected (Slot.serviceType)",
      { ...slot, serviceType: slot.serviceType[0] },
      /serviceType/,
    ],
    [
      "a code outside the required value set (Slot.status)",
      { ...slot, status: "bogus" },
      /Slot\.status.*bogus/,
    ],
    [
      "an issue type outside http://hl7.org/fhir/issue-type",
      { ...outcome, issue: [{ ...outcome.issue[0], code: "gone-missing" }] },
      /OperationOutcome\.issue\[0\]\.code/,
    ],
    ["an instant that is not one (Slot.start)", { ...slot, start: "2026-12-01 9am" }, /Slot\.start/],
    [
      "a date without its time zone where an instant is required",
      { ...slot, end: "2026-12-01T09:30:00" },
      /Slot\.end/,
    ],
    [
      "a birth date in another format (contained Patient.birthDate)",
      { ...appointment, contained: [{ ...appointment.contained[0], birthDate: "12/04/1990" }] },
      /birthDate/,
    ],
    [
      "a contained Patient's gender outside its value set",
      { ...appointment, contained: [{ ...appointment.contained[0], gender: "f" }] },
      /gender/,
    ],
    ["an element R4 does not define", { ...slot, capacity: 3 }, /capacity/],
    [
      "an extension without its url",
      { ...slot, extension: [{ valueUrl: "https://x.example" }] },
      /extension/,
    ],
    [
      "a booked Appointment without start and end (invariant app-3)",
      { ...appointment, start: undefined, end: undefined },
      /app-3/,
    ],
    ["a CapabilityStatement with no rest (invariant cpb-1)", { ...capability, rest: undefined }, /cpb-1/],
  ])("%s", (_name, resource, message) => {
    const json = JSON.parse(JSON.stringify(resource)) as unknown;
    expect(fhirIssues(json).join("\n")).toMatch(message);
    expect(() => expectValidFhir(json)).toThrow(message);
  });

  it("checks every entry of a Bundle and says which one is broken", () => {
    const bundle = {
      ...searchset,
      entry: [searchset.entry[0], { ...searchset.entry[1], resource: { ...organization, active: "yes" } }],
    };
    expect(() => expectValidFhir(bundle)).toThrow(
      /Bundle\.entry\[1\]\.resource.*Organization\/inst1.*active/s,
    );
  });

  it("checks a Bundle's own elements (a searchset link relation is required)", () => {
    const bundle = { ...searchset, link: [{ url: "https://portal.example/fhir/r4/Slot" }] };
    expect(() => expectValidFhir(bundle)).toThrow(/Bundle\.link\[0\]\.relation/);
  });

  it.each([
    ["nothing", undefined],
    ["a string", "Slot"],
    ["an array", [slot]],
    ["an object with no resourceType", { id: "x" }],
    ["a type R4 does not have", { resourceType: "Slott", id: "x" }],
  ])("rejects %s", (_name, value) => {
    expect(() => expectValidFhir(value)).toThrow(/Not a valid FHIR R4 resource/);
  });
});
