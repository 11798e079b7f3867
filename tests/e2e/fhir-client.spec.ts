// Issue 18, "done when": a FHIR client that knows nothing of this portal but
// its base URL discovers, holds and books a slot, against the real running
// app. A real FHIR client library (fhir-kit-client) reads the
// CapabilityStatement (and learns our extension and identifier URLs from its
// documentation, as a developer would), finds a hospital by name, its
// HealthcareService, its Schedule and a free Slot, $holds it and $books it with
// a contained Patient. Then a patient opens the SMART booking-deep-link of
// another slot in Arabic and in English and lands on the portal's booking
// page with that time to choose.
// Budget (tests/e2e/README.md): one FHIR hold and one FHIR booking from the
// suite's address.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import type {
  Appointment,
  Bundle,
  CapabilityStatement,
  HealthcareService,
  Organization,
  Slot,
} from "@medplum/fhirtypes";
import { Client } from "fhir-kit-client";
import { noSeriousAxe } from "./support/page-checks";

const DAY = 86_400_000;
const DEEP_LINK = "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link";

const entries = <T>(bundle: unknown): T[] => ((bundle as Bundle).entry ?? []).map((e) => e.resource as T);

/** The one URL the CapabilityStatement's text names that ends in `tail`: how a client learns our extensions. */
function documentedUrl(statement: CapabilityStatement, tail: string): string {
  const text = JSON.stringify(statement);
  const found = new Set(text.match(new RegExp(`https?://[^\\s\`"'()]+/${tail}(?![\\w-])`, "g")) ?? []);
  expect([...found], `the CapabilityStatement names one URL ending in ${tail}`).toHaveLength(1);
  return [...found][0]!;
}

test("a FHIR client that knows only the base URL finds a hospital, holds and books a free slot, and a patient opens a slot's deep link in Arabic and English", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const base = `${baseURL}/fhir/r4`;
  const fhir = new Client({ baseUrl: base });

  // Discover: what the server supports, and the URLs its documentation gives.
  const statement = (await fhir.capabilityStatement()) as unknown as CapabilityStatement;
  expect(statement.fhirVersion).toBe("4.0.1");
  const rest = statement.rest![0]!;
  const declared = (type: string) => rest.resource!.find((r) => r.type === type)!;
  expect(declared("Organization").searchParam!.map((p) => p.name)).toContain("name");
  expect(declared("Slot").searchParam!.map((p) => p.name)).toEqual(
    expect.arrayContaining(["schedule", "status", "start"]),
  );
  expect(declared("Appointment").operation!.map((o) => o.name)).toEqual(
    expect.arrayContaining(["hold", "book"]),
  );
  const holdTokenSystem = documentedUrl(statement, "NamingSystem/hold-token");
  const requestIdSystem = documentedUrl(statement, "NamingSystem/request-id");
  const referenceSystem = documentedUrl(statement, "NamingSystem/booking-reference");
  const consentTerms = documentedUrl(statement, "StructureDefinition/consent-terms");
  const consentSensitive = documentedUrl(statement, "StructureDefinition/consent-sensitive-data");

  // A hospital by (part of) its English name, then its services.
  const organizations = entries<Organization>(
    await fhir.search({ resourceType: "Organization", searchParams: { name: "Xinhua" } }),
  );
  expect(organizations).toHaveLength(1);
  const hospital = organizations[0]!;
  expect(hospital.name).toBe("上海交通大学医学院附属新华医院");
  const services = entries<HealthcareService>(
    await fhir.search({
      resourceType: "HealthcareService",
      searchParams: { organization: `Organization/${hospital.id}` },
    }),
  ).filter((s) => s.resourceType === "HealthcareService");
  expect(services.length).toBeGreaterThan(0);

  // Free slots of one service from tomorrow, within the booking page's first (rolling) week, so the
  // deep link's page shows the slot: through the service's Schedule.
  const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
  let free: Slot[] = [];
  for (const service of services) {
    const schedules = entries<{ resourceType: string; id: string }>(
      await fhir.search({
        resourceType: "Schedule",
        searchParams: { actor: `HealthcareService/${service.id}` },
      }),
    ).filter((s) => s.resourceType === "Schedule");
    for (const schedule of schedules) {
      free = entries<Slot>(
        await fhir.search({
          resourceType: "Slot",
          searchParams: {
            schedule: `Schedule/${schedule.id}`,
            status: "free",
            start: [`ge${day(1)}`, `lt${day(6)}`],
            _count: "5",
          },
        }),
      ).filter((s) => s.resourceType === "Slot");
      if (free.length >= 2) break;
    }
    if (free.length >= 2) break;
  }
  expect(free.length, "two free slots of one of the hospital's services").toBeGreaterThanOrEqual(2);
  const [slot, other] = free as [Slot, Slot];
  expect(slot.status).toBe("free");

  // $hold (IHE ITI-116): a pending Appointment carrying the hold's token.
  const held = entries<Appointment>(
    await fhir.operation({
      name: "$hold",
      resourceType: "Appointment",
      input: {
        resourceType: "Parameters",
        parameter: [
          {
            name: "appointment-resource",
            resource: {
              resourceType: "Appointment",
              status: "proposed",
              slot: [{ reference: `Slot/${slot.id}` }],
              participant: [{ status: "needs-action" }],
            },
          },
        ],
      },
    }),
  )[0]!;
  expect(held.status).toBe("pending");
  expect(held.slot![0]!.reference).toBe(`Slot/${slot.id}`);
  expect(held.identifier!.find((i) => i.system === holdTokenSystem)?.value).toBeTruthy();

  // $book (IHE ITI-117): the held Appointment, a contained Patient, the consents and a request id.
  const booked = entries<Appointment>(
    await fhir.operation({
      name: "$book",
      resourceType: "Appointment",
      input: {
        resourceType: "Parameters",
        parameter: [
          {
            name: "appointment-resource",
            resource: {
              ...held,
              id: undefined,
              identifier: [
                ...held.identifier!,
                { system: requestIdSystem, value: `e2e-fhir-${randomUUID()}` },
              ],
              contained: [
                {
                  resourceType: "Patient",
                  id: "patient",
                  name: [{ given: ["Omar"], family: "Nasser" }],
                  birthDate: "1979-09-23",
                  telecom: [
                    { system: "email", value: `fhir-client-${randomUUID()}@example.org` },
                    { system: "phone", value: "+971 50 123 4567" },
                  ],
                  communication: [
                    { language: { coding: [{ system: "urn:ietf:bcp:47", code: "ar" }] }, preferred: true },
                  ],
                  extension: [
                    {
                      url: "http://hl7.org/fhir/StructureDefinition/patient-nationality",
                      extension: [
                        {
                          url: "code",
                          valueCodeableConcept: { coding: [{ system: "urn:iso:std:iso:3166", code: "AE" }] },
                        },
                      ],
                    },
                  ],
                },
                {
                  resourceType: "Coverage",
                  id: "coverage",
                  status: "active",
                  type: {
                    coding: [
                      { system: "http://terminology.hl7.org/CodeSystem/coverage-selfpay", code: "pay" },
                    ],
                  },
                  beneficiary: { reference: "#patient" },
                  payor: [{ reference: "#patient" }],
                },
              ],
              supportingInformation: [{ reference: "#coverage" }],
              reasonCode: [{ text: "A second opinion on a knee scan" }],
              participant: [{ actor: { reference: "#patient" }, status: "accepted" }],
              extension: [
                { url: consentTerms, valueBoolean: true },
                { url: consentSensitive, valueBoolean: true },
              ],
            },
          },
        ],
      },
    }),
  )[0]!;
  expect(booked.status).toBe("booked");
  expect(booked.slot![0]!.reference).toBe(`Slot/${slot.id}`);
  expect(booked.identifier!.find((i) => i.system === referenceSystem)?.value).toMatch(
    /^[A-Z0-9]+-[A-Z0-9-]+$/,
  );

  // The SMART booking-deep-link of another slot, in the language the client asks in.
  for (const { locale, title } of [
    { locale: "ar", title: "حجز موعد" },
    { locale: "en", title: "Book an appointment" },
  ]) {
    const read = (await new Client({ baseUrl: base, customHeaders: { "Accept-Language": locale } }).read({
      resourceType: "Slot",
      id: other.id!,
    })) as unknown as Slot;
    const link = read.extension!.find((e) => e.url === DEEP_LINK)!.valueUrl!;
    expect(new URL(link).pathname).toMatch(new RegExp(`^/${locale}/book/`));
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
    const time = page.locator(`button[name="slotId"][value="${other.id}"]`);
    await expect(time).toBeVisible();
    await expect(time).toBeEnabled();
    await noSeriousAxe(page);
  }
});
