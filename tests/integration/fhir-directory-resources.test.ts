// The directory's serializers (lib/fhir/directory/resources.ts) on every row of
// the seeded demo, read by the SQL the searches and the bulk files share
// (lib/fhir/directory/rows.ts): every resource is valid R4, names carry their
// translations, and a slot's status follows its live places.
import type { Element } from "@medplum/fhirtypes";
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../lib/db/generated/client";
import { createHold } from "../../lib/booking/holds";
import { readInstitutions, readSchedules, readServices, readSlots } from "../../lib/fhir/directory/rows";
import {
  toHealthcareService,
  toLocation,
  toOrganization,
  toSchedule,
  toSlot,
  wgs84Position,
} from "../../lib/fhir/directory/resources";
import { directoryText, type DirectoryText } from "../../lib/fhir/directory/text";
import { standard } from "../../lib/fhir/systems";
import { testDb } from "../helpers/db";
import { loadDemoSeed } from "../setup/demo-db";
import { expectValidFhir } from "../helpers/fhir";

let en: DirectoryText;
let ar: DirectoryText;
const now = new Date();

beforeAll(async () => {
  await loadDemoSeed();
  [en, ar] = await Promise.all([directoryText("en"), directoryText("ar")]);
});

describe("directory resources from the seeded demo", () => {
  it("serializes every institution as a valid Organization and Location", async () => {
    const rows = await readInstitutions(testDb(), Prisma.sql`true`);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      const org = toOrganization(row);
      expectValidFhir(org);
      expectValidFhir(toLocation(row, en));
      expectValidFhir(toLocation(row, ar));
      expect(org.name).toBe(row.nameZh);
    }
    const pumch = rows.find((r) => r.slug === "pumch-international")!;
    const org = toOrganization(pumch);
    expect(org.identifier?.[0]?.value).toBe("pumch-international");
    // @medplum/fhirtypes has no primitive extensions (_name): read it as FHIR JSON.
    const langs = (org as { _name?: Element })._name?.extension?.map(
      (e) => e.extension?.find((x) => x.url === "lang")?.valueCode,
    );
    expect(langs).toEqual(expect.arrayContaining(["en", "ru", "ar"]));
    expect(org.alias).toEqual(expect.arrayContaining([pumch.namePinyin]));
    expect(org.address?.[0]).toMatchObject({ country: "CN", city: "北京" });
    const location = toLocation(pumch, en);
    expect(location.managingOrganization?.reference).toBe(`Organization/${pumch.id}`);
    expect(location.hoursOfOperation?.length).toBeGreaterThan(0);
    expect(location.availabilityExceptions).toContain("UTC+8");
    // GCJ-02 to WGS84 moves a Beijing point a few hundred metres south-west.
    expect(location.position!.longitude).toBeLessThan(pumch.longitude);
    expect(Math.abs(location.position!.longitude - pumch.longitude)).toBeLessThan(0.01);
  });

  it("serializes every department and package as a valid HealthcareService with fee and languages", async () => {
    const rows = await readServices(testDb(), Prisma.sql`true`, now);
    expect(rows.some((r) => r.kind === "package")).toBe(true);
    for (const row of rows) {
      const service = toHealthcareService(row, en);
      expectValidFhir(service);
      expect(service.appointmentRequired).toBe(true);
      expect(service.extension?.[0]?.valueMoney).toEqual({ value: row.feeFen / 100, currency: "CNY" });
      expect(service.communication?.map((c) => c.coding?.[0]?.code)).toEqual(row.institution.languages);
      expect(service.id).toBe(`${row.kind === "department" ? "dept" : "pkg"}-${row.id}`);
    }
    const billed = rows.find((r) => r.billing.length > 0)!;
    const service = toHealthcareService(billed, en);
    expect(service.eligibility?.map((e) => e.code?.coding?.[0]?.code)).toEqual(
      billed.billing.map((b) => b.insurerSlug),
    );
    expect(service.extraDetails).toContain(billed.billing[0]!.insurerName);
    expectValidFhir(toHealthcareService(billed, ar));
  });

  it("serializes every schedule and a week of slots validly, each slot on its schedule", async () => {
    const schedules = await readSchedules(testDb(), Prisma.sql`true`, now);
    for (const row of schedules) expectValidFhir(toSchedule(row, en));
    const slots = await readSlots(testDb(), Prisma.sql`s.starts_at < now() + interval '7 days'`);
    expect(slots.length).toBeGreaterThan(0);
    const ids = new Set(schedules.map((s) => s.id));
    for (const row of slots.slice(0, 300)) {
      const slot = toSlot(row, en);
      expectValidFhir(slot);
      expect(ids.has(slot.schedule.reference!.split("/")[1]!)).toBe(true);
      const link = slot.extension?.find((e) => e.url === standard.bookingDeepLink)?.valueUrl;
      expect(link).toMatch(
        new RegExp(`/en/book/${row.institutionSlug}\\?(department|package)=.+&slot=${row.id}$`),
      );
    }
  });

  it("marks a slot busy when its last place is held, and free again when the hold is gone", async () => {
    const db = testDb();
    const [row] = await readSlots(
      db,
      Prisma.sql`s.starts_at > now() + interval '1 day' AND s.capacity = 1 AND s.booked = 0 AND NOT s.closed`,
      undefined,
      1,
    );
    expect(row).toBeDefined();
    expect(toSlot(row!, en).status).toBe("free");
    const hold = await createHold(db, { slotId: row!.id }, "fhir-directory-test-client");
    const [held] = await readSlots(db, Prisma.sql`s.id = ${row!.id}`);
    expect(toSlot(held!, en).status).toBe("busy");
    await db.hold.deleteMany({ where: { slotId: row!.id } });
    const [released] = await readSlots(db, Prisma.sql`s.id = ${row!.id}`);
    expect(toSlot(released!, en).status).toBe("free");
    expect(hold.slotId).toBe(row!.id);
  });

  it("converts GCJ-02 to WGS84 within a known offset", () => {
    // Tiananmen: GCJ-02 (39.9087, 116.3975) is about WGS84 (39.9073, 116.3913).
    const p = wgs84Position(39.9087, 116.3975);
    expect(p.latitude).toBeCloseTo(39.9073, 3);
    expect(p.longitude).toBeCloseTo(116.3913, 3);
  });
});
