// The public FHIR directory (issue 18 part 1) through its real route handlers,
// against the seeded demo: every resource valid R4, name search across scripts,
// live slot status, paging that visits every result once, unknown and bad
// parameters as 4xx OperationOutcomes in the request's language, deep links to
// a booking page that exists, and index-served slot searches.
import { existsSync } from "node:fs";
import path from "node:path";
import type {
  Bundle,
  HealthcareService,
  OperationOutcome,
  Organization,
  Resource,
  Slot,
} from "@medplum/fhirtypes";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as searchHealthcareServices } from "../../app/fhir/r4/HealthcareService/route";
import { GET as readHealthcareService } from "../../app/fhir/r4/HealthcareService/[id]/route";
import { GET as searchLocations } from "../../app/fhir/r4/Location/route";
import { GET as readLocation } from "../../app/fhir/r4/Location/[id]/route";
import { GET as searchOrganizations } from "../../app/fhir/r4/Organization/route";
import { GET as readOrganization } from "../../app/fhir/r4/Organization/[id]/route";
import { GET as searchSchedules } from "../../app/fhir/r4/Schedule/route";
import { GET as readSchedule } from "../../app/fhir/r4/Schedule/[id]/route";
import { GET as searchSlots } from "../../app/fhir/r4/Slot/route";
import { GET as readSlot } from "../../app/fhir/r4/Slot/[id]/route";
import { createHold } from "../../lib/booking/holds";
import { Prisma } from "../../lib/db/generated/client";
import { slotRowSelect } from "../../lib/fhir/directory/rows";
import { standard } from "../../lib/fhir/systems";
import { testDb } from "../helpers/db";
import { loadDemoSeed } from "../setup/demo-db";
import { expectValidFhir } from "../helpers/fhir";

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
const search = {
  Organization: searchOrganizations,
  Location: searchLocations,
  HealthcareService: searchHealthcareServices,
  Schedule: searchSchedules,
  Slot: searchSlots,
} as Record<string, (request: Request) => Promise<Response>>;
const read = {
  Organization: readOrganization,
  Location: readLocation,
  HealthcareService: readHealthcareService,
  Schedule: readSchedule,
  Slot: readSlot,
} as Record<string, Handler>;

/** GET a /fhir/r4 URL (path and query) through the route handler that serves it. */
async function get(url: string, headers: Record<string, string> = {}) {
  const full = new URL(url, "http://localhost/fhir/r4/");
  const [type, id] = full.pathname.replace(/^\/fhir\/r4\//, "").split("/");
  const request = new Request(full, { headers });
  const response = id
    ? await read[type!]!(request, { params: Promise.resolve({ id: decodeURIComponent(id) }) })
    : await search[type!]!(request);
  expect(response.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
  return { status: response.status, body: (await response.json()) as Resource };
}

async function bundle(url: string, headers: Record<string, string> = {}): Promise<Bundle> {
  const { status, body } = await get(url, headers);
  expect(status, JSON.stringify(body).slice(0, 500)).toBe(200);
  expectValidFhir(body);
  return body as Bundle;
}

const resources = <T extends Resource>(b: Bundle, mode: "match" | "include" = "match") =>
  (b.entry ?? []).filter((e) => e.search?.mode === mode).map((e) => e.resource as T);

/** The query of a link of a Bundle, as a relative URL the route handlers take. */
const linkOf = (b: Bundle, relation: string) => {
  const url = b.link?.find((l) => l.relation === relation)?.url;
  return url ? url.replace(/^.*\/fhir\/r4\//, "") : undefined;
};

let pumch: { id: string };

beforeAll(async () => {
  await loadDemoSeed();
  pumch = await testDb().institution.findUniqueOrThrow({
    where: { slug: "pumch-international" },
    select: { id: true },
  });
});

describe("FHIR directory: searches and reads", () => {
  it("answers every resource type with valid resources, each also readable by id", async () => {
    for (const type of ["Organization", "Location", "HealthcareService", "Schedule", "Slot"]) {
      const found = await bundle(`${type}?_count=5${type === "Slot" ? "&start=ge2000-01-01" : ""}`);
      expect(found.type).toBe("searchset");
      const matches = resources(found);
      expect(matches.length, type).toBeGreaterThan(0);
      const { status, body } = await get(`${type}/${matches[0]!.id}`);
      expect(status).toBe(200);
      expectValidFhir(body);
      expect(body).toEqual(matches[0]);
    }
  });

  it("finds the same Organization by its Chinese name, English name and pinyin", async () => {
    const ids = [];
    for (const name of ["协和", "Peking Union", "xiehe", "Xiéhé"]) {
      const found = resources<Organization>(await bundle(`Organization?name=${encodeURIComponent(name)}`));
      expect(
        found.map((o) => o.id),
        name,
      ).toContain(pumch.id);
      ids.push(found.map((o) => o.id).sort());
    }
    expect(new Set(ids.map((i) => i.join()))).toHaveProperty("size", 1);
  });

  it("filters by city in any language, by organization, specialty, language and service type", async () => {
    const beijing = resources<Organization>(await bundle("Organization?address-city=Beijing"));
    const pekin = resources<Organization>(await bundle("Organization?address-city=p%C3%A9kin"));
    const zh = resources<Organization>(
      await bundle(`Organization?address-city=${encodeURIComponent("北京")}`),
    );
    expect(beijing.length).toBeGreaterThan(1);
    expect(pekin.map((o) => o.id)).toEqual(beijing.map((o) => o.id));
    expect(zh.map((o) => o.id)).toEqual(beijing.map((o) => o.id));
    expect(beijing.every((o) => o.address?.[0]?.city === "北京")).toBe(true);

    const locations = resources(await bundle(`Location?organization=Organization/${pumch.id}`));
    expect(locations.map((l) => l.id)).toEqual([pumch.id]);

    const services = await testDb().department.findMany({ select: { id: true, specialty: true } });
    const cardiology = services
      .filter((d) => d.specialty === "cardiology")
      .map((d) => `dept-${d.id}`)
      .sort();
    expect(cardiology.length).toBeGreaterThan(0);
    for (const query of [
      "specialty=cardiology",
      "specialty=http://snomed.info/sct|394579002",
      "service-type=http://terminology.hl7.org/CodeSystem/service-type|165",
    ]) {
      const found = resources<HealthcareService>(await bundle(`HealthcareService?${query}&_count=200`));
      expect(found.map((s) => s.id).sort(), query).toEqual(cardiology);
    }
    const russian = resources<HealthcareService>(
      await bundle("HealthcareService?communication=ru-RU&_count=200"),
    );
    expect(russian.length).toBeGreaterThan(0);
    expect(russian.every((s) => s.communication?.some((c) => c.coding?.[0]?.code === "ru"))).toBe(true);

    const withIncludes = await bundle(
      `HealthcareService?organization=${pumch.id}&_include=HealthcareService:organization&_include=HealthcareService:location`,
    );
    expect(
      resources(withIncludes, "include")
        .map((r) => `${r.resourceType}/${r.id}`)
        .sort(),
    ).toEqual([`Location/${pumch.id}`, `Organization/${pumch.id}`]);
  });

  it("finds a service's schedules by actor, and their slots by schedule and date with _include", async () => {
    const [service] = resources<HealthcareService>(
      await bundle(`HealthcareService?organization=${pumch.id}&_count=1`),
    );
    const schedules = await bundle(`Schedule?actor=HealthcareService/${service!.id}&_include=Schedule:actor`);
    const [schedule] = resources(schedules);
    expect(schedule).toBeDefined();
    expect(
      resources(schedules, "include")
        .map((r) => r.resourceType)
        .sort(),
    ).toEqual(["HealthcareService", "Location"]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const week = new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10);
    const slots = await bundle(
      `Slot?schedule=Schedule/${schedule!.id}&start=ge${tomorrow}&start=lt${week}&status=free&_include=Slot:schedule&_count=200`,
    );
    const found = resources<Slot>(slots);
    expect(found.length).toBeGreaterThan(0);
    expect(slots.total).toBe(found.length);
    for (const slot of found) {
      expect(slot.status).toBe("free");
      expect(slot.schedule.reference).toBe(`Schedule/${schedule!.id}`);
      expect(slot.start >= new Date(`${tomorrow}T00:00:00+08:00`).toISOString()).toBe(true);
      expect(slot.start < new Date(`${week}T00:00:00+08:00`).toISOString()).toBe(true);
    }
    expect(resources(slots, "include").map((r) => r.id)).toEqual([schedule!.id]);
  });

  it("shows a slot busy in search once its last place is held, and free when the hold is gone", async () => {
    const db = testDb();
    const slot = await db.slot.findFirstOrThrow({
      where: { capacity: 1, booked: 0, closed: false, startsAt: { gt: new Date(Date.now() + 86_400_000) } },
      orderBy: { startsAt: "asc" },
    });
    const statusOf = async () => resources<Slot>(await bundle(`Slot?_id=${slot.id}`))[0]!.status;
    const freeIds = async () =>
      resources<Slot>(await bundle(`Slot?schedule=${slot.scheduleId}&status=free&_count=200`)).map(
        (s) => s.id,
      );
    expect(await statusOf()).toBe("free");
    expect(await freeIds()).toContain(slot.id);
    await createHold(db, { slotId: slot.id }, "fhir-directory-route-test");
    expect(await statusOf()).toBe("busy");
    expect(await freeIds()).not.toContain(slot.id);
    await db.hold.deleteMany({ where: { slotId: slot.id } });
    expect(await statusOf()).toBe("free");
  });

  it("pages through every result exactly once, with next, previous and self links", async () => {
    const db = testDb();
    const schedule = await db.schedule.findFirstOrThrow({
      where: { slots: { some: {} } },
      select: { id: true },
    });
    for (const [first, count, expected] of [
      ["HealthcareService?_count=4", 4, (await db.department.count()) + (await db.tcmPackage.count())],
      [
        `Slot?schedule=${schedule.id}&_count=9`,
        9,
        await db.slot.count({ where: { scheduleId: schedule.id } }),
      ],
    ] as const) {
      const seen: string[] = [];
      let url: string | undefined = first;
      let pages = 0;
      let lastPage: Bundle | undefined;
      while (url) {
        const page = await bundle(url);
        const matches = resources(page);
        expect(matches.length).toBeLessThanOrEqual(count);
        expect(page.total).toBe(expected);
        seen.push(...matches.map((r) => r.id!));
        expect(linkOf(page, "previous") === undefined).toBe(pages === 0);
        expect(linkOf(page, "self")).toBeDefined();
        lastPage = page;
        url = linkOf(page, "next");
        pages += 1;
      }
      expect(pages).toBeGreaterThan(2);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length, first).toBe(expected);
      // The last page's previous link leads to a full page before it.
      const back = await bundle(linkOf(lastPage!, "previous")!);
      expect(resources(back)).toHaveLength(count);
      expect(seen).toEqual(expect.arrayContaining(resources(back).map((r) => r.id)));
    }
  });

  it("caps _count at 200 and says so in the self link", async () => {
    const found = await bundle("Slot?start=ge2000-01-01&_count=5000");
    expect(resources(found)).toHaveLength(200);
    expect(linkOf(found, "self")).toContain("_count=200");
  });

  it("ignores an unknown parameter (left out of the self link), refuses it with Prefer: handling=strict", async () => {
    const lenient = await bundle("Organization?colour=blue&name=xiehe");
    expect(resources(lenient).length).toBeGreaterThan(0);
    expect(linkOf(lenient, "self")).not.toContain("colour");
    expect(linkOf(lenient, "self")).toContain("name=xiehe");

    const { status, body } = await get("Organization?colour=blue", { prefer: "handling=strict" });
    expect(status).toBe(400);
    expectValidFhir(body);
    const outcome = body as OperationOutcome;
    expect(outcome.issue.some((i) => i.expression?.includes("colour"))).toBe(true);
  });

  it("answers a bad value with a 400 OperationOutcome naming the parameter, in the request's language", async () => {
    for (const [url, param] of [
      ["Slot?start=ge2026-02-30", "start"],
      ["Slot?start=soon", "start"],
      ["Slot?_count=abc", "_count"],
      ["Slot?_include=Slot:nothing", "_include"],
      ["Organization?_offset=-1", "_offset"],
      ["Location?organization=Patient/%20x", "organization"],
    ] as const) {
      const { status, body } = await get(url, { "accept-language": "ar" });
      expect(status, url).toBe(400);
      expectValidFhir(body);
      const outcome = body as OperationOutcome;
      const issue = outcome.issue.find((i) => i.expression?.includes(param));
      expect(issue, url).toBeDefined();
      expect(issue!.diagnostics).toMatch(/\p{Script=Arabic}/u);
    }
  });

  it("answers an unknown id with a 404 OperationOutcome", async () => {
    for (const url of [
      "Slot/nope",
      "HealthcareService/dept-nope",
      "Organization/%E2%9C%93",
      "Schedule/pkg-none",
    ]) {
      const { status, body } = await get(url);
      expect(status, url).toBe(404);
      expectValidFhir(body);
      expect(body.resourceType).toBe("OperationOutcome");
    }
  });

  it("links each slot to its booking page, in the request's language", async () => {
    const [slot] = resources<Slot>(
      await bundle("Slot?start=ge2000-01-01&_count=1", { "accept-language": "ar" }),
    );
    const link = new URL(slot!.extension!.find((e) => e.url === standard.bookingDeepLink)!.valueUrl!);
    const [, locale, book, hospital] = link.pathname.split("/");
    expect([locale, book]).toEqual(["ar", "book"]);
    // The page that route serves exists: app/[locale]/book/[hospital]/page.tsx.
    expect(existsSync(path.join(process.cwd(), "app/[locale]/book/[hospital]/page.tsx"))).toBe(true);
    const row = await testDb().slot.findUniqueOrThrow({
      where: { id: slot!.id },
      include: { institution: true, department: true, package: true },
    });
    expect(hospital).toBe(row.institution.slug);
    expect(link.searchParams.get("slot")).toBe(row.id);
    expect(link.searchParams.get(row.department ? "department" : "package")).toBe(
      row.department?.slug ?? row.package?.slug,
    );
    expect(slot!.extension!.find((e) => e.url === standard.bookingPhone)?.valueString).toBe(
      row.institution.intlDeptPhone,
    );
  });

  it("serves slot searches from indexes, never reading the slot or institution table whole", async () => {
    const db = testDb();
    const plans: string[] = [];
    await db.$transaction(async (tx) => {
      // The demo is small enough that a sequential scan would be cheapest: forbid it to see whether an index serves.
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const schedule = await tx.schedule.findFirstOrThrow({ select: { id: true } });
      for (const where of [
        Prisma.sql`s.starts_at >= now() AND s.starts_at < now() + interval '7 days'`,
        Prisma.sql`s.schedule_id = ${schedule.id} AND s.starts_at >= now()`,
      ]) {
        const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>`
          EXPLAIN ${slotRowSelect} WHERE ${where} ORDER BY s.starts_at, s.id LIMIT 51`;
        plans.push(rows.map((r) => r["QUERY PLAN"]).join("\n"));
      }
    });
    for (const plan of plans) {
      expect(plan).not.toMatch(/Seq Scan on (slot|institution)\b/);
      // An index scan of slot, or a bitmap heap scan fed by a slot index (the planner's choice
      // with the demo's 32,000 slots once the statistics are fresh): never the table whole.
      expect(plan).toMatch(
        /Index (Only )?Scan.* on slot s|Bitmap Heap Scan on slot s[\s\S]*Bitmap Index Scan on slot_/,
      );
    }
  });
});
