// Rules 1, 2, 3, 7, 8 proven on the real database, under concurrency.
import { beforeAll, describe, expect, it } from "vitest";
import { bookFromBody } from "../helpers/book";
import { createHold } from "../../lib/booking/holds";
import { listSlots } from "../../lib/booking/list-slots";
import { cancelBooking, getBooking } from "../../lib/booking/manage-booking";
import { AppError } from "../../lib/errors";
import { testDb } from "../helpers/db";

const DAY = 86_400_000;
let n = 0;
let cityId: string;

async function institution(ownership: "PUBLIC" | "PRIVATE", capUnits: number | null) {
  const db = testDb();
  const slug = `booking-test-${++n}`;
  const inst = await db.institution.create({
    data: {
      slug,
      cityId,
      nameZh: `测试医院${n}`,
      addressZh: "测试路",
      latitude: 30,
      longitude: 120,
      ownership,
      intlDeptPhone: "+86 10 1234 5678",
    },
  });
  const dept = await db.department.create({
    data: {
      institutionId: inst.id,
      slug: "general",
      specialty: "general_practice",
      consultationFeeFen: 50_000,
    },
  });
  const pkg = await db.tcmPackage.create({
    data: { slug: `${slug}-pkg`, institutionId: inst.id, sessions: 4, durationDays: 7, priceFen: 300_000 },
  });
  // Slots in the same Beijing month, well inside it (the 10th to the 20th of next month).
  const first = new Date();
  const base = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 10, 2);
  const month = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
  if (capUnits !== null)
    await db.quotaPeriod.create({
      data: { institutionId: inst.id, month, declaredVolume: capUnits * 10 },
    });
  const slot = (
    i: number,
    capacity = 1,
    target: { departmentId?: string; packageId?: string } = { departmentId: dept.id },
  ) =>
    db.slot.create({
      data: {
        institutionId: inst.id,
        ...target,
        startsAt: new Date(base + i * 3_600_000),
        endsAt: new Date(base + i * 3_600_000 + 1_800_000),
        capacity,
      },
    });
  return { inst, dept, pkg, slot };
}

function input(slotId: string, extra: Record<string, unknown> = {}) {
  return {
    slotId,
    locale: "ru",
    name: "Анна Иванова",
    nationality: "RU",
    dateOfBirth: "1985-04-12",
    email: "anna@example.com",
    phone: "+7 912 345-67-89",
    preferredLanguage: "ru",
    reasonForVisit: "Боль в спине",
    interpreterWanted: true,
    passportNumber: "753912345",
    paymentMethod: "SELF_PAY",
    consentTerms: true,
    consentSensitive: true,
    ...extra,
  };
}

const key = () => `key-${crypto.randomUUID()}`;
const code = (r: PromiseSettledResult<unknown>) =>
  r.status === "fulfilled" ? "OK" : r.reason instanceof AppError ? r.reason.code : String(r.reason);
const tally = (results: PromiseSettledResult<unknown>[]) =>
  results.map(code).reduce<Record<string, number>>((acc, c) => ({ ...acc, [c]: (acc[c] ?? 0) + 1 }), {});

beforeAll(async () => {
  const city = await testDb().city.create({
    data: { slug: "booking-city", nameZh: "测试", province: "Test" },
  });
  cityId = city.id;
});

describe("slot capacity under contention (rule 1)", () => {
  it("50 concurrent bookings for a slot of capacity 1: exactly one succeeds", async () => {
    const { slot } = await institution("PUBLIC", 1000);
    const s = await slot(0, 1);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        bookFromBody(testDb(), input(s.id, { email: `p${i}@example.com` }), {
          idempotencyKey: key(),
          clientKey: `c${i}`,
        }),
      ),
    );
    expect(tally(results)).toEqual({ OK: 1, SLOT_FULL: 49 });
    expect((await testDb().slot.findUniqueOrThrow({ where: { id: s.id } })).booked).toBe(1);
    expect(await testDb().booking.count({ where: { slotId: s.id } })).toBe(1);
  });
});

describe("idempotency (rule 2)", () => {
  it("20 concurrent requests with one key make one booking and 20 identical answers", async () => {
    const { slot } = await institution("PRIVATE", null);
    const s = await slot(0, 5);
    const k = key();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        bookFromBody(testDb(), input(s.id), { idempotencyKey: k, clientKey: "same" }),
      ),
    );
    expect(tally(results)).toEqual({ OK: 20 });
    const answers = results.map((r) => JSON.stringify((r as PromiseFulfilledResult<unknown>).value));
    expect(new Set(answers).size).toBe(1);
    expect(await testDb().booking.count({ where: { idempotencyKey: k } })).toBe(1);
    expect((await testDb().slot.findUniqueOrThrow({ where: { id: s.id } })).booked).toBe(1);
    expect(
      await testDb().outboxMessage.count({
        where: { dedupeKey: { startsWith: "booking.created:" }, toEmail: "anna@example.com" },
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("refuses the same key for a different request, and a missing key", async () => {
    const { slot } = await institution("PRIVATE", null);
    const s = await slot(0, 5);
    const k = key();
    await bookFromBody(testDb(), input(s.id), { idempotencyKey: k, clientKey: "x" });
    await expect(
      bookFromBody(testDb(), input(s.id, { reasonForVisit: "Other" }), {
        idempotencyKey: k,
        clientKey: "x",
      }),
    ).rejects.toMatchObject({ code: "IDEMPOTENCY_MISMATCH" });
    await expect(
      bookFromBody(testDb(), input(s.id), { idempotencyKey: null, clientKey: "x" }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", fields: { "Idempotency-Key": "required" } });
  });
});

describe("the special-service quota (rule 3)", () => {
  it("a public institution with 3 units left takes exactly 3 of 20 concurrent bookings", async () => {
    const { inst, slot } = await institution("PUBLIC", 3);
    const slots = await Promise.all(Array.from({ length: 20 }, (_, i) => slot(i, 1)));
    const results = await Promise.allSettled(
      slots.map((s, i) => bookFromBody(testDb(), input(s.id), { idempotencyKey: key(), clientKey: `q${i}` })),
    );
    expect(tally(results)).toEqual({ OK: 3, QUOTA_EXCEEDED: 17 });
    const period = await testDb().quotaPeriod.findFirstOrThrow({ where: { institutionId: inst.id } });
    expect(period.usedUnits).toBe(3);
    // A refused booking took nothing: only three slots are booked.
    expect(await testDb().slot.count({ where: { institutionId: inst.id, booked: 1 } })).toBe(3);
  });

  it("a private institution is not capped", async () => {
    const { slot } = await institution("PRIVATE", null);
    const slots = await Promise.all(Array.from({ length: 20 }, (_, i) => slot(i, 1)));
    const results = await Promise.allSettled(
      slots.map((s, i) => bookFromBody(testDb(), input(s.id), { idempotencyKey: key(), clientKey: `p${i}` })),
    );
    expect(tally(results)).toEqual({ OK: 20 });
  });

  it("a package counts its sessions; a month without a declared volume allows nothing", async () => {
    const { inst, pkg, slot } = await institution("PUBLIC", 6);
    const p1 = await slot(0, 2, { packageId: pkg.id });
    const booked = await bookFromBody(testDb(), input(p1.id), { idempotencyKey: key(), clientKey: "a" });
    expect(booked.units).toBe(4);
    await expect(
      bookFromBody(testDb(), input(p1.id), { idempotencyKey: key(), clientKey: "b" }),
    ).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
    expect(
      (await testDb().quotaPeriod.findFirstOrThrow({ where: { institutionId: inst.id } })).usedUnits,
    ).toBe(4);

    const none = await institution("PUBLIC", null);
    const s = await none.slot(0, 1);
    await expect(
      bookFromBody(testDb(), input(s.id), { idempotencyKey: key(), clientKey: "c" }),
    ).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
    expect((await testDb().slot.findUniqueOrThrow({ where: { id: s.id } })).booked).toBe(0);
  });
});

describe("holds", () => {
  it("keep a place for their client, never stack, and free it when they expire", async () => {
    const { slot } = await institution("PRIVATE", null);
    const s = await slot(0, 1);
    const a = await createHold(testDb(), { slotId: s.id }, "client-a");
    expect(a.expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    await expect(createHold(testDb(), { slotId: s.id }, "client-b")).rejects.toMatchObject({
      code: "SLOT_FULL",
    });
    await expect(
      bookFromBody(testDb(), input(s.id), { idempotencyKey: key(), clientKey: "client-b" }),
    ).rejects.toMatchObject({ code: "SLOT_FULL" });
    const again = await createHold(testDb(), { slotId: s.id }, "client-a");
    expect(await testDb().hold.count({ where: { slotId: s.id } })).toBe(1);
    // The first token was replaced by the second.
    await expect(
      bookFromBody(testDb(), input(s.id, { holdToken: a.token }), {
        idempotencyKey: key(),
        clientKey: "client-a",
      }),
    ).rejects.toMatchObject({ code: "HOLD_EXPIRED" });

    await testDb()
      .$executeRaw`UPDATE hold SET expires_at = now() - interval '1 second' WHERE slot_id = ${s.id}`;
    await expect(
      bookFromBody(testDb(), input(s.id, { holdToken: again.token }), {
        idempotencyKey: key(),
        clientKey: "client-a",
      }),
    ).rejects.toMatchObject({ code: "HOLD_EXPIRED" });
    const b = await bookFromBody(testDb(), input(s.id), { idempotencyKey: key(), clientKey: "client-b" });
    expect(b.status).toBe("CONFIRMED");
  });

  it("turn into the booking of the client who holds them", async () => {
    const { slot } = await institution("PRIVATE", null);
    const s = await slot(0, 1);
    const hold = await createHold(testDb(), { slotId: s.id }, "client-a");
    const booked = await bookFromBody(testDb(), input(s.id, { holdToken: hold.token }), {
      idempotencyKey: key(),
      clientKey: "client-a",
    });
    expect(booked.status).toBe("CONFIRMED");
    expect(await testDb().hold.count({ where: { slotId: s.id } })).toBe(0);
    const slots = await listSlots(testDb(), {
      hospital: (await testDb().institution.findFirstOrThrow({ where: { slots: { some: { id: s.id } } } }))
        .slug,
      department: "general",
      from: s.startsAt.toISOString().slice(0, 10),
    });
    expect(slots.find((x) => x.id === s.id)?.available).toBe(0);
  });
});

describe("the manage link", () => {
  it("shows the booking only with its token, keeps the passport encrypted, and cancelling gives everything back once", async () => {
    const { inst, slot } = await institution("PUBLIC", 10);
    const s = await slot(0, 1);
    const booked = await bookFromBody(testDb(), input(s.id), { idempotencyKey: key(), clientKey: "m" });
    const row = await testDb().booking.findUniqueOrThrow({ where: { reference: booked.reference } });
    expect(row.passportNumberEnc).not.toContain("753912345");
    expect(row.manageTokenHash).not.toBe(booked.manageToken);

    await expect(getBooking(testDb(), booked.reference, "wrong-token")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const view = await getBooking(testDb(), booked.reference, booked.manageToken);
    expect(view).toMatchObject({
      status: "CONFIRMED",
      cancellable: true,
      patient: { name: "Анна Иванова", passportNumberLast4: "2345" },
    });

    const cancelled = await cancelBooking(testDb(), booked.reference, booked.manageToken);
    expect(cancelled.status).toBe("CANCELLED");
    await cancelBooking(testDb(), booked.reference, booked.manageToken);
    expect((await testDb().slot.findUniqueOrThrow({ where: { id: s.id } })).booked).toBe(0);
    expect(
      (await testDb().quotaPeriod.findFirstOrThrow({ where: { institutionId: inst.id } })).usedUnits,
    ).toBe(0);
    expect(
      await testDb().outboxMessage.count({
        where: { dedupeKey: { startsWith: `booking.cancelled:${row.id}:` } },
      }),
    ).toBe(1);
  });

  it("refuses to cancel once the institution's window has closed", async () => {
    const { slot } = await institution("PRIVATE", null);
    const s = await slot(0, 1);
    const booked = await bookFromBody(testDb(), input(s.id), { idempotencyKey: key(), clientKey: "w" });
    const late = new Date(s.startsAt.getTime() - 2 * 3_600_000); // 2 hours before, window is 24 hours
    await expect(cancelBooking(testDb(), booked.reference, booked.manageToken, late)).rejects.toMatchObject({
      code: "CANCELLATION_WINDOW_CLOSED",
    });
    expect((await getBooking(testDb(), booked.reference, booked.manageToken, late)).cancellable).toBe(false);
    expect(s.startsAt.getTime() - Date.now()).toBeGreaterThan(DAY);
  });
});

const policy = { policyNumber: "ALZ-123456789", memberName: "Anna Ivanova" };

describe("direct billing on the visit date (rule 4)", () => {
  it("needs an agreement covering the visit; one that needs pre-authorization leaves the booking pending", async () => {
    const { inst, slot } = await institution("PRIVATE", null);
    const insurer = await testDb().insurer.create({ data: { slug: `ins-${n}`, name: "Test Insurer" } });
    const s = await slot(0, 3);
    await expect(
      bookFromBody(
        testDb(),
        input(s.id, { paymentMethod: "DIRECT_BILLING", insurer: insurer.slug, ...policy }),
        {
          idempotencyKey: key(),
          clientKey: "d",
        },
      ),
    ).rejects.toMatchObject({ code: "DIRECT_BILLING_UNAVAILABLE", values: { reason: "NO_AGREEMENT" } });
    await testDb().directBillingAgreement.create({
      data: {
        institutionId: inst.id,
        insurerId: insurer.id,
        scope: "OUTPATIENT",
        preauthRequired: true,
        preauthLeadDays: 2,
        validFrom: new Date("2020-01-01"),
      },
    });
    const booked = await bookFromBody(
      testDb(),
      input(s.id, { paymentMethod: "DIRECT_BILLING", insurer: insurer.slug, ...policy }),
      { idempotencyKey: key(), clientKey: "d" },
    );
    expect(booked).toMatchObject({
      status: "PENDING_CONFIRMATION",
      payment: { method: "DIRECT_BILLING", insurer: insurer.slug, guaranteeOfPayment: true },
    });
    await expect(
      bookFromBody(testDb(), input(s.id, { paymentMethod: "DIRECT_BILLING" }), {
        idempotencyKey: key(),
        clientKey: "d",
      }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", fields: { insurer: "required" } });
  });
});

describe("validation (rule 6)", () => {
  it.each([
    [{ name: "王小明" }, true],
    [{ name: "محمد العلي" }, true],
    [{ name: "Ольга Петрова-Сидорова" }, true],
    [{ name: "O'Brien" }, true],
    [{ name: "Bad\u0000Name" }, false],
    [{ name: "x".repeat(121) }, false],
    [{ dateOfBirth: "2999-01-01" }, false],
    [{ dateOfBirth: "1990-02-30" }, false],
    [{ email: "not-an-email" }, false],
    [{ phone: "12345" }, false],
    [{ nationality: "XX" }, false],
    [{ consentSensitive: false }, false],
    [{ passportNumber: "12" }, false],
  ])("%j accepted: %s", async (override, accepted) => {
    const { slot } = await institution("PRIVATE", null);
    const s = await slot(0, 1);
    const result = bookFromBody(testDb(), input(s.id, override), { idempotencyKey: key(), clientKey: "v" });
    if (accepted) await expect(result).resolves.toMatchObject({ status: "CONFIRMED" });
    else {
      const error = await result.catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "VALIDATION_FAILED" });
      expect(Object.keys((error as AppError).fields ?? {})).toContain(Object.keys(override)[0]);
      expect((await testDb().slot.findUniqueOrThrow({ where: { id: s.id } })).booked).toBe(0);
    }
  });
});
