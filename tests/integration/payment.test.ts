// DESIGN rule 4 and issue 7 on the real database: agreement validity at its
// first and last day, scope, pre-authorization lead time in working days
// (Beijing calendar), the encrypted policy number, the guarantee-of-payment
// lifecycle with its e-mails, and exchange rates.
import { beforeAll, describe, expect, it } from "vitest";
import { chooseSelfPay } from "../../lib/booking/choose-self-pay";
import { decrypt } from "../../lib/crypto/secrets";
import type { AppError } from "../../lib/errors";
import { renderEmail } from "../../lib/notify/render-email";
import { decideGuarantee } from "../../lib/payment/decide-guarantee";
import { rateOn } from "../../lib/payment/exchange-rates";
import { parseInput } from "../../lib/http/request";
import { paymentOptions, paymentQuerySchema } from "../../lib/payment/payment-options";
import { changeBookingStatus } from "../../lib/booking/change-booking-status";
import { staffCommands } from "../../app/[locale]/_console/commands";
import { testDb } from "../helpers/db";
import { book, createWorld, type World } from "../helpers/staff-fixtures";

let world: World;
let n = 0;
const policy = { policyNumber: "ALZ-0098765432", memberName: "Layla Haddad" };

async function insurer(slug = `insurer-${++n}`) {
  return testDb().insurer.create({ data: { slug, name: `Insurer ${slug}` } });
}
async function agreement(
  insurerId: string,
  over: Partial<{
    scope: "OUTPATIENT" | "INPATIENT" | "TCM_PACKAGE";
    preauthLeadDays: number;
    validFrom: string;
    validTo: string | null;
  }> = {},
  institutionId = world.a.institutionId,
) {
  const lead = over.preauthLeadDays ?? 0;
  return testDb().directBillingAgreement.create({
    data: {
      institutionId,
      insurerId,
      scope: over.scope ?? "OUTPATIENT",
      preauthRequired: lead > 0,
      preauthLeadDays: lead,
      validFrom: new Date(`${over.validFrom ?? "2020-01-01"}T00:00:00Z`),
      validTo: over.validTo ? new Date(`${over.validTo}T00:00:00Z`) : null,
      documents:
        lead > 0 ? ["passport", "insurance_card", "guarantee_letter"] : ["passport", "insurance_card"],
    },
  });
}
const fields = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as AppError).fields;
/** The checker's query as the page and the API read it (parsed), then the use case. */
const check = async (query: Record<string, string>, now: Date) =>
  paymentOptions(testDb(), parseInput(paymentQuerySchema, query), "en", now);
const ask = (query: Record<string, string>, now: Date) =>
  check({ hospital: world.a.slug, visit: "OUTPATIENT", ...query }, now);

beforeAll(async () => {
  world = await createWorld(testDb());
  // A tertiary hospital takes inpatients too (so a stay is a visit it offers).
  await testDb().institution.update({ where: { id: world.a.institutionId }, data: { grade: "TERTIARY_A" } });
});

describe("direct billing on a date (rule 4) through the checker's use case", () => {
  // Wednesday 3 March 2027, 10:00 in Beijing.
  const wednesday = new Date("2027-03-03T02:00:00Z");

  it("an agreement counts on its first and last day, not the day before or after; only in its scope", async () => {
    const ins = await insurer();
    await agreement(ins.id, { validFrom: "2027-03-10", validTo: "2027-03-31" });
    const billing = async (date: string, visit = "OUTPATIENT") =>
      (await ask({ insurer: ins.slug, date, visit }, wednesday)).institutions[0]!.directBilling;
    expect(await billing("2027-03-09")).toMatchObject({ available: false, reason: "NOT_VALID_ON_DATE" });
    expect(await billing("2027-03-10")).toMatchObject({ available: true, preauthRequired: false });
    expect(await billing("2027-03-31")).toMatchObject({ available: true });
    expect(await billing("2027-04-01")).toMatchObject({ available: false, reason: "NOT_VALID_ON_DATE" });
    expect(await billing("2027-03-15", "INPATIENT")).toMatchObject({
      available: false,
      reason: "SCOPE_NOT_COVERED",
    });
    const other = await insurer();
    expect(
      await (async () =>
        (await ask({ insurer: other.slug, date: "2027-03-15" }, wednesday)).institutions[0]!.directBilling)(),
    ).toEqual({
      available: false,
      reason: "NO_AGREEMENT",
    });
  });

  it("counts a pre-authorization lead time in working days of the Beijing calendar", async () => {
    const ins = await insurer();
    await agreement(ins.id, { preauthLeadDays: 5 });
    const billing = async (date: string, now: Date) =>
      (await ask({ insurer: ins.slug, date }, now)).institutions[0]!.directBilling;
    // From Wednesday the 3rd, five working days reach Wednesday the 10th (the weekend does not count).
    // 2027's holidays are not in the calendar (not published yet): counted Monday to Friday, and said so.
    expect(await billing("2027-03-09", wednesday)).toEqual({
      available: false,
      reason: "PREAUTH_TOO_SOON",
      earliestDate: "2027-03-10",
      leadDays: 5,
      holidaysUnknown: true,
    });
    expect(await billing("2027-03-10", wednesday)).toMatchObject({ available: true, leadDays: 5 });
    // 17:30 UTC on the 3rd is already Thursday the 4th in Beijing: the earliest day moves to the 11th.
    const lateWednesdayUtc = new Date("2027-03-03T17:30:00Z");
    expect(await billing("2027-03-10", lateWednesdayUtc)).toMatchObject({
      reason: "PREAUTH_TOO_SOON",
      earliestDate: "2027-03-11",
    });
  });

  it("self-pay: the fee in CNY and an estimate at the latest rate, with its date", async () => {
    await testDb().exchangeRate.create({
      data: { currency: "CHF", unitsPerCny: 0.12, effectiveOn: new Date("2027-02-01") },
    });
    await testDb().exchangeRate.create({
      data: { currency: "CHF", unitsPerCny: 0.125, effectiveOn: new Date("2027-03-01") },
    });
    await testDb().exchangeRate.create({
      data: { currency: "CHF", unitsPerCny: 0.2, effectiveOn: new Date("2027-04-01") },
    });
    const result = await ask({ insurer: "self", date: "2027-03-20", currency: "CHF" }, wednesday);
    expect(result.insurer).toBeNull();
    expect(result.rate).toEqual({ currency: "CHF", unitsPerCny: 0.125, effectiveOn: "2027-03-01" });
    expect(result.institutions[0]).toMatchObject({
      directBilling: null,
      selfPay: { fromFen: 50_000, toFen: 50_000 },
      estimate: { from: 62.5, to: 62.5 },
    });
  });

  it("bad input is a 400 naming the field", async () => {
    expect(await fields(ask({ insurer: "no-such-insurer", date: "2027-03-20" }, wednesday))).toEqual({
      insurer: "invalid",
    });
    expect(await fields(ask({ insurer: "self", date: "2027-03-01" }, wednesday))).toEqual({ date: "inPast" });
    expect(await fields(ask({ insurer: "self", date: "2027-02-30" }, wednesday))).toEqual({
      date: "invalid",
    });
    expect(
      await fields(ask({ insurer: "self", date: "2027-03-20", visit: "TCM_PACKAGE" }, wednesday)),
    ).toEqual({
      visit: "notOffered",
    });
    expect(await fields(ask({ insurer: "self", date: "2027-03-20", visit: "DENTAL" }, wednesday))).toEqual({
      visit: "invalid",
    });
    expect(
      await fields(ask({ insurer: "self", date: "2027-03-20", hospital: "nowhere" }, wednesday)),
    ).toEqual({
      hospital: "invalid",
    });
    expect(
      await fields(check({ insurer: "self", date: "2027-03-20", visit: "OUTPATIENT" }, wednesday)),
    ).toEqual({ hospital: "required" });
  });
});

describe("direct billing in the booking", () => {
  it("stores the policy number encrypted, and refuses direct billing where rule 4 does not hold", async () => {
    const ins = await insurer();
    await agreement(ins.id);
    const booked = await book(testDb(), world.a, 0, {
      paymentMethod: "DIRECT_BILLING",
      insurer: ins.slug,
      ...policy,
    });
    expect(booked.status).toBe("CONFIRMED");
    const [row] = await testDb().$queryRaw<{ policy_number_enc: string; member_name: string }[]>`
      SELECT policy_number_enc, member_name FROM booking WHERE reference = ${booked.reference}`;
    expect(row!.policy_number_enc).not.toContain("0098765432");
    expect(decrypt(row!.policy_number_enc)).toBe("ALZ-0098765432");
    expect(row!.member_name).toBe("Layla Haddad");

    const slow = await insurer();
    await agreement(slow.id, { preauthLeadDays: 40 }); // the slot is days away, not 40 working days
    const refused = await book(testDb(), world.a, 1, {
      paymentMethod: "DIRECT_BILLING",
      insurer: slow.slug,
      ...policy,
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: "DIRECT_BILLING_UNAVAILABLE",
      values: { reason: "PREAUTH_TOO_SOON", leadDays: 40 },
    });
    expect(
      await fields(book(testDb(), world.a, 1, { paymentMethod: "DIRECT_BILLING", insurer: ins.slug })),
    ).toEqual({ policyNumber: "required", memberName: "required" });
    expect(
      await fields(
        book(testDb(), world.a, 1, {
          paymentMethod: "DIRECT_BILLING",
          insurer: ins.slug,
          ...policy,
          policyNumber: "!!",
        }),
      ),
    ).toEqual({ policyNumber: "invalid" });
  });
});

describe("the guarantee of payment", () => {
  async function pending() {
    const ins = await insurer();
    await agreement(ins.id, { preauthLeadDays: 1 });
    const booked = await book(testDb(), world.a, 2, {
      paymentMethod: "DIRECT_BILLING",
      insurer: ins.slug,
      ...policy,
    });
    expect(booked).toMatchObject({ status: "PENDING_CONFIRMATION", payment: { guaranteeOfPayment: true } });
    const id = (await testDb().booking.findUniqueOrThrow({ where: { reference: booked.reference } })).id;
    return { ...booked, id, insurer: ins };
  }
  const mail = async (dedupePrefix: string, bookingId: string) => {
    const row = await testDb().outboxMessage.findFirstOrThrow({
      where: { dedupeKey: { startsWith: dedupePrefix } },
      orderBy: { createdAt: "desc" },
    });
    expect((row.payload as { bookingId: string }).bookingId).toBe(bookingId);
    return renderEmail(testDb(), row);
  };

  it("approved: the booking is confirmed and the patient is e-mailed in their language", async () => {
    const b = await pending();
    // Staff cannot simply confirm a booking that waits for the insurer.
    await expect(
      changeBookingStatus(testDb(), world.actors.staffA, {
        reference: b.reference,
        version: 0,
        transition: "confirm",
      }),
    ).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    // Another hospital's staff do not see it.
    await expect(
      decideGuarantee(testDb(), world.actors.staffB, {
        reference: b.reference,
        version: 0,
        decision: "approve",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Two staff approving at once: one wins.
    const race = await Promise.allSettled(
      [world.actors.staffA, world.actors.managerA].map((actor) =>
        decideGuarantee(testDb(), actor, { reference: b.reference, version: 0, decision: "approve" }),
      ),
    );
    expect(race.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((race.find((r) => r.status === "rejected") as PromiseRejectedResult).reason.code).toBe(
      "BOOKING_CHANGED",
    );
    const after = await testDb().booking.findUniqueOrThrow({
      where: { id: b.id },
      include: { guarantee: true },
    });
    expect(after).toMatchObject({ status: "CONFIRMED", guarantee: { status: "APPROVED" } });
    const email = await mail("booking.guarantee-approved:", b.id);
    expect(email.language).toBe("ar");
    expect(email.text).toContain(b.insurer.name);
    const audit = await testDb().auditEvent.findFirstOrThrow({
      where: { entityId: b.id, action: "guarantee.approve" },
    });
    expect(audit.actorRole).toMatch(/HOSPITAL_/);
  });

  it("denied: the booking waits, the patient is told why and chooses self-pay (or could cancel)", async () => {
    const b = await pending();
    expect(
      await fields(
        // As the console's form sends it: the command reads the form, then calls the use case.
        staffCommands.decideGuarantee(testDb(), world.actors.staffA, {
          reference: b.reference,
          version: 0,
          decision: "deny",
        }),
      ),
    ).toEqual({ reason: "required" });
    await decideGuarantee(testDb(), world.actors.staffA, {
      reference: b.reference,
      version: 0,
      decision: "deny",
      reason: "Policy lapsed in 2026",
    });
    const waiting = await testDb().booking.findUniqueOrThrow({
      where: { id: b.id },
      include: { guarantee: true },
    });
    expect(waiting).toMatchObject({
      status: "PENDING_CONFIRMATION",
      paymentMethod: "DIRECT_BILLING",
      guarantee: { status: "DENIED" },
    });
    const email = await mail("booking.guarantee-denied:", b.id);
    expect(email.text).toContain("Policy lapsed in 2026");
    // Deciding again is not possible.
    await expect(
      decideGuarantee(testDb(), world.actors.staffA, {
        reference: b.reference,
        version: 1,
        decision: "approve",
      }),
    ).rejects.toMatchObject({ code: "INVALID_TRANSITION" });

    const view = await chooseSelfPay(testDb(), b.reference, b.manageToken);
    expect(view).toMatchObject({
      status: "CONFIRMED",
      payment: { method: "SELF_PAY", insurer: null, policyNumberLast4: null },
    });
    const row = await testDb().booking.findUniqueOrThrow({ where: { id: b.id } });
    expect(row.policyNumberEnc).toBeNull();
    await mail("booking.self-pay:", b.id);
    await expect(chooseSelfPay(testDb(), b.reference, b.manageToken)).rejects.toMatchObject({
      code: "GUARANTEE_NOT_DENIED",
    });
    await expect(chooseSelfPay(testDb(), b.reference, "wrong-token")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("exchange rates", () => {
  it("a system admin enters them (audited); a city admin cannot; bad values name the field", async () => {
    // As the console's form sends them (the rate typed as text): the command reads the form, then calls the use case.
    const { setExchangeRate } = staffCommands;
    await setExchangeRate(testDb(), world.actors.systemAdmin, {
      currency: "SGD",
      unitsPerCny: "0.185",
      effectiveOn: "2027-05-01",
    });
    await setExchangeRate(testDb(), world.actors.systemAdmin, {
      currency: "SGD",
      unitsPerCny: "0.186",
      effectiveOn: "2027-05-01",
    });
    expect(await rateOn(testDb(), "SGD", "2027-05-20")).toEqual({
      currency: "SGD",
      unitsPerCny: 0.186,
      effectiveOn: "2027-05-01",
    });
    expect(await rateOn(testDb(), "SGD", "2027-04-30")).toBeNull();
    expect(await testDb().auditEvent.count({ where: { action: "payment.rate.set" } })).toBeGreaterThanOrEqual(
      2,
    );
    await expect(
      setExchangeRate(testDb(), world.actors.cityAdmin, {
        currency: "SGD",
        unitsPerCny: "0.2",
        effectiveOn: "2027-05-02",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(
      await fields(
        setExchangeRate(testDb(), world.actors.systemAdmin, {
          currency: "XXX",
          unitsPerCny: "1",
          effectiveOn: "2027-05-02",
        }),
      ),
    ).toEqual({ currency: "invalid" });
    expect(
      await fields(
        setExchangeRate(testDb(), world.actors.systemAdmin, {
          currency: "SGD",
          unitsPerCny: "0",
          effectiveOn: "2027-05-02",
        }),
      ),
    ).toEqual({ unitsPerCny: "outOfRange" });
  });
});
