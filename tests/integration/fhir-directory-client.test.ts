// A real FHIR client library (fhir-kit-client), knowing nothing of this portal,
// drives the public directory through the real route handlers and proxy
// (startFhirServer): reads the CapabilityStatement, finds a hospital by its
// pinyin, its services and schedules, searches a week of free slots and pages
// through them with the Bundle's links, each resource valid R4.
import type {
  Bundle,
  CapabilityStatement,
  HealthcareService,
  Organization,
  Resource,
  Schedule,
  Slot,
} from "@medplum/fhirtypes";
import { Client } from "fhir-kit-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoSeed } from "../setup/demo-db";
import { expectValidFhir, startFhirServer, type FhirServer } from "../helpers/fhir";

let server: FhirServer;
let client: Client;

beforeAll(async () => {
  server = await startFhirServer();
  client = new Client({ baseUrl: server.baseUrl });
  await loadDemoSeed();
});

afterAll(async () => {
  await server?.close();
});

const matches = <T extends Resource>(bundle: Bundle) =>
  (bundle.entry ?? []).filter((e) => e.search?.mode === "match").map((e) => e.resource as T);

describe("the directory through fhir-kit-client", () => {
  it("discovers a hospital, its services, a schedule and its free slots, page by page", async () => {
    const metadata = (await client.capabilityStatement()) as unknown as CapabilityStatement;
    const slotSearch = metadata.rest?.[0]?.resource?.find((r) => r.type === "Slot");
    expect(slotSearch?.searchParam?.map((p) => p.name)).toEqual(
      expect.arrayContaining(["schedule", "start", "status"]),
    );

    const orgs = (await client.search({
      resourceType: "Organization",
      searchParams: { name: "xiehe" },
    })) as unknown as Bundle;
    expectValidFhir(orgs);
    const [org] = matches<Organization>(orgs);
    expect(org?.identifier?.[0]?.value).toBe("pumch-international");

    const services = (await client.search({
      resourceType: "HealthcareService",
      searchParams: { organization: `Organization/${org!.id}`, communication: "en" },
    })) as unknown as Bundle;
    expectValidFhir(services);
    const [service] = matches<HealthcareService>(services);
    expect(service?.providedBy?.reference).toBe(`Organization/${org!.id}`);

    const schedules = (await client.search({
      resourceType: "Schedule",
      searchParams: { actor: `HealthcareService/${service!.id}` },
    })) as unknown as Bundle;
    expectValidFhir(schedules);
    const [schedule] = matches<Schedule>(schedules);
    expect(schedule).toBeDefined();

    const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 15 * 86_400_000).toISOString().slice(0, 10);
    let page = (await client.search({
      resourceType: "Slot",
      searchParams: { schedule: schedule!.id!, start: [`ge${from}`, `lt${to}`], status: "free", _count: 5 },
    })) as unknown as Bundle;
    const total = page.total!;
    expect(total).toBeGreaterThan(5);
    const seen: string[] = [];
    let pages = 0;
    for (;;) {
      expectValidFhir(page);
      const slots = matches<Slot>(page);
      for (const slot of slots) {
        expect(slot.status).toBe("free");
        expect(slot.schedule.reference).toBe(`Schedule/${schedule!.id}`);
      }
      seen.push(...slots.map((s) => s.id!));
      pages += 1;
      const next = client.nextPage({ bundle: page as never });
      if (!next) break;
      page = (await next) as unknown as Bundle;
    }
    expect(pages).toBe(Math.ceil(total / 5));
    expect(new Set(seen).size).toBe(total);
    const back = (await client.prevPage({ bundle: page as never })) as unknown as Bundle;
    expect(matches(back)).toHaveLength(5);

    const slot = (await client.read({ resourceType: "Slot", id: seen[0]! })) as unknown as Slot;
    expectValidFhir(slot);
    expect(slot.id).toBe(seen[0]);
  });
});
