// The invariants the database itself holds, whatever the application does.
import { describe, expect, it, beforeAll } from "vitest";
import { testDb } from "../helpers/db";

let institutionId: string;
let departmentId: string;
let cityId: string;

async function makeSlot(capacity: number) {
  return testDb().slot.create({
    data: {
      institutionId,
      departmentId,
      startsAt: new Date(Date.now() + Math.random() * 1e10 + 86_400_000),
      endsAt: new Date(Date.now() + 2e10),
      capacity,
    },
  });
}

function bookingData(slotId: string, overrides: Record<string, unknown> = {}) {
  const unique = Math.random().toString(36).slice(2, 10).toUpperCase();
  return {
    reference: `IPP-${unique}`,
    slotId,
    institutionId,
    departmentId,
    units: 1,
    status: "CONFIRMED" as const,
    locale: "en",
    patientName: "Test Patient",
    patientNationality: "FR",
    patientDateOfBirth: new Date(Date.UTC(1990, 0, 1)),
    patientEmail: "patient@example.com",
    patientPhone: "+33 1 23 45 67 89",
    preferredLanguage: "fr",
    reasonForVisit: "Check-up",
    paymentMethod: "SELF_PAY" as const,
    consentTermsAt: new Date(),
    consentSensitiveAt: new Date(),
    manageTokenHash: `hash-${unique}`,
    idempotencyKey: `key-${unique}`,
    requestHash: "r",
    ...overrides,
  };
}

beforeAll(async () => {
  const db = testDb();
  const city = await db.city.create({ data: { slug: "invariant-city", nameZh: "测试", province: "Test" } });
  cityId = city.id;
  const institution = await db.institution.create({
    data: {
      slug: "invariant-hospital",
      cityId,
      nameZh: "测试医院",
      addressZh: "测试路1号",
      latitude: 30,
      longitude: 120,
      ownership: "PUBLIC",
      intlDeptPhone: "+86 10 1234 5678",
    },
  });
  institutionId = institution.id;
  const department = await db.department.create({
    data: { institutionId, slug: "general", specialty: "general_practice", consultationFeeFen: 50_000 },
  });
  departmentId = department.id;
});

describe("slot capacity (rule 1)", () => {
  it("rejects booked > capacity", async () => {
    const slot = await makeSlot(2);
    await expect(testDb().slot.update({ where: { id: slot.id }, data: { booked: 3 } })).rejects.toThrow(
      /slot_booked_check/,
    );
    await expect(testDb().slot.update({ where: { id: slot.id }, data: { booked: -1 } })).rejects.toThrow(
      /slot_booked_check/,
    );
  });

  it("holds under 30 concurrent increments: exactly capacity succeed", async () => {
    const slot = await makeSlot(5);
    const results = await Promise.allSettled(
      Array.from(
        { length: 30 },
        () => testDb().$executeRaw`UPDATE slot SET booked = booked + 1 WHERE id = ${slot.id}`,
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected.every((r) => /slot_booked_check/.test(String(r.reason)))).toBe(true);
    expect((await testDb().slot.findUniqueOrThrow({ where: { id: slot.id } })).booked).toBe(5);
  });

  it("requires exactly one of department or package, and an end after the start", async () => {
    const base = {
      institutionId,
      startsAt: new Date(Date.now() + 1e9),
      endsAt: new Date(Date.now() + 2e9),
      capacity: 1,
    };
    await expect(testDb().slot.create({ data: base })).rejects.toThrow(/slot_target_check/);
    await expect(
      testDb().slot.create({ data: { ...base, departmentId, endsAt: base.startsAt } }),
    ).rejects.toThrow(/slot_times_check/);
  });
});

describe("bookings", () => {
  it("rejects a duplicate idempotency key (rule 2) and a duplicate reference", async () => {
    const slot = await makeSlot(10);
    const first = await testDb().booking.create({ data: bookingData(slot.id) });
    await expect(
      testDb().booking.create({ data: bookingData(slot.id, { idempotencyKey: first.idempotencyKey }) }),
    ).rejects.toThrow(/idempotency_key/);
    await expect(
      testDb().booking.create({ data: bookingData(slot.id, { reference: first.reference }) }),
    ).rejects.toThrow(/reference/);
    expect(await testDb().booking.count({ where: { slotId: slot.id } })).toBe(1);
  });

  it("ties direct billing to an insurer and cancellation to its timestamp", async () => {
    const slot = await makeSlot(10);
    await expect(
      testDb().booking.create({ data: bookingData(slot.id, { paymentMethod: "DIRECT_BILLING" }) }),
    ).rejects.toThrow(/booking_payment_check/);
    await expect(
      testDb().booking.create({ data: bookingData(slot.id, { status: "CANCELLED" }) }),
    ).rejects.toThrow(/booking_cancel_check/);
  });
});

describe("roles, quota and guides", () => {
  it("scopes roles: hospital roles need an institution, city admins a city, system admins neither", async () => {
    const user = await testDb().user.create({ data: { email: "scope@example.com", name: "Scope" } });
    await expect(
      testDb().roleAssignment.create({ data: { userId: user.id, role: "HOSPITAL_STAFF" } }),
    ).rejects.toThrow(/role_assignment_scope_check/);
    await expect(
      testDb().roleAssignment.create({ data: { userId: user.id, role: "CITY_ADMIN", institutionId } }),
    ).rejects.toThrow(/role_assignment_scope_check/);
    await testDb().roleAssignment.create({ data: { userId: user.id, role: "SYSTEM_ADMIN" } });
    await expect(
      testDb().roleAssignment.create({ data: { userId: user.id, role: "SYSTEM_ADMIN" } }),
    ).rejects.toThrow(/role_assignment_system_unique/);
  });

  it("keeps e-mail addresses lower case", async () => {
    await expect(testDb().user.create({ data: { email: "Mixed@Example.com", name: "X" } })).rejects.toThrow(
      /user_email_lowercase_check/,
    );
  });

  it("bounds quota percentages and ties the rule's scope to its target", async () => {
    const from = new Date(Date.UTC(2026, 0, 1));
    await expect(
      testDb().quotaRule.create({ data: { scope: "NATIONAL", capPercent: 101, effectiveFrom: from } }),
    ).rejects.toThrow(/quota_rule_percent_check/);
    await expect(testDb().quotaRule.create({ data: { scope: "CITY", effectiveFrom: from } })).rejects.toThrow(
      /quota_rule_scope_check/,
    );
    await expect(
      testDb().quotaPeriod.create({ data: { institutionId, month: new Date(Date.UTC(2026, 0, 15)) } }),
    ).rejects.toThrow(/quota_period_month_check/);
  });

  it("allows one published version per guide", async () => {
    const guide = await testDb().guide.create({ data: { cityId } });
    await testDb().guideVersion.create({
      data: { guideId: guide.id, version: 1, status: "PUBLISHED", publishedAt: new Date() },
    });
    await expect(
      testDb().guideVersion.create({
        data: { guideId: guide.id, version: 2, status: "PUBLISHED", publishedAt: new Date() },
      }),
    ).rejects.toThrow(/guide_version_one_published_idx/);
    await expect(testDb().guideVersion.create({ data: { guideId: guide.id, version: 1 } })).rejects.toThrow(
      /guide_id.*version|Unique constraint/,
    );
  });
});
