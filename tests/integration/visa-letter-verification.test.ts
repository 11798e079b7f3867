// Checking a visa letter's number and verification code (ADR 0014) on the real
// database: genuine with its facts, a wrong code, another hospital's staff, a
// cancelled booking, a stay that is over, and roles without the console.
import { beforeAll, describe, expect, it } from "vitest";
import { changeBookingStatus } from "../../lib/booking/change-booking-status";
import { issueVisaLetter } from "../../lib/booking/issue-visa-letter";
import { erasePersonalData } from "../../lib/booking/personal-data";
import { formatVerificationCode } from "../../lib/booking/visa-letter-code";
import { verifyVisaLetter, verifyVisaLetterSchema } from "../../lib/booking/verify-visa-letter";
import { calendarDateOf, isoDate } from "../../lib/time/zone";
import { testDb } from "../helpers/db";
import { book, createWorld, type World } from "../helpers/staff-fixtures";

let world: World;
beforeAll(async () => {
  world = await createWorld(testDb());
});

const DAY = 86_400_000;
const today = () => isoDate(calendarDateOf(new Date()));
const inDays = (n: number) => isoDate(calendarDateOf(new Date(Date.now() + n * DAY)));

/** A booking at site A with a letter issued for it: its reference, manage token, number and stored code. */
async function issued(name = "Ольга Царёва") {
  const db = testDb();
  const { reference, manageToken } = await book(db, world.a, 2, {
    name,
    nationality: "RU",
    dateOfBirth: "1979-03-08",
  });
  const { number } = await issueVisaLetter(db, world.actors.staffA, {
    reference,
    stayFrom: today(),
    stayTo: inDays(20),
  });
  const letter = await db.visaLetter.findUniqueOrThrow({ where: { number } });
  return { reference, manageToken, number, code: letter.verificationCode };
}

/** As the console's form sends it: parsed by the schema first. */
const input = (number: string, code: string) => verifyVisaLetterSchema.parse({ number, code });

describe("verifying a visa letter", () => {
  it("issuing stores a 10-character Crockford code, a different one per letter", async () => {
    const first = await issued();
    const second = await issued();
    expect(first.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(second.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(first.code).not.toBe(second.code);
  });

  it("a genuine letter: staff of the issuing hospital see its facts, the name in Latin letters too, and that it is valid", async () => {
    const { reference, number, code } = await issued();
    // Typed as printed, in lower case, with the group's dash and spaces around.
    const typed = ` ${formatVerificationCode(code).toLowerCase()} `;
    const check = await verifyVisaLetter(
      testDb(),
      world.actors.staffA,
      input(number.toLowerCase(), typed),
      "en",
    );
    expect(check).toMatchObject({
      genuine: true,
      invalidBecause: null,
      number,
      reference,
      status: "CONFIRMED",
      stayFrom: today(),
      stayTo: inDays(20),
      service: "General practice",
      issuedBy: expect.stringContaining("HOSPITAL_STAFF"),
      patient: {
        name: "Ольга Царёва",
        latinName: "Olga Tsareva",
        nationality: "RU",
        dateOfBirth: "1979-03-08",
      },
    });
    // The manager of the same hospital may check it too.
    expect(await verifyVisaLetter(testDb(), world.actors.managerA, input(number, code), "en")).toMatchObject({
      genuine: true,
    });
  });

  it("a wrong code, or an unknown number, is not genuine", async () => {
    const { number, code } = await issued();
    const wrong = (code[0] === "0" ? "1" : "0") + code.slice(1);
    expect(await verifyVisaLetter(testDb(), world.actors.staffA, input(number, wrong), "en")).toEqual({
      genuine: false,
    });
    expect(
      await verifyVisaLetter(testDb(), world.actors.staffA, input("VL-2026-999999-ZZZZ", code), "en"),
    ).toEqual({ genuine: false });
  });

  it("another hospital's staff get the same answer as a wrong code, and the commission's admins have no console", async () => {
    const { number, code } = await issued();
    expect(await verifyVisaLetter(testDb(), world.actors.staffB, input(number, code), "en")).toEqual({
      genuine: false,
    });
    expect(await verifyVisaLetter(testDb(), world.actors.managerB, input(number, code), "en")).toEqual({
      genuine: false,
    });
    await expect(
      verifyVisaLetter(testDb(), world.actors.cityAdmin, input(number, code), "en"),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(verifyVisaLetter(testDb(), null, input(number, code), "en")).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });

  it("a letter whose booking is cancelled is genuine but not valid", async () => {
    const db = testDb();
    const { reference, number, code } = await issued("Layla Haddad");
    const version = (await db.booking.findUniqueOrThrow({ where: { reference } })).version;
    await changeBookingStatus(db, world.actors.staffA, {
      reference,
      version,
      transition: "cancel",
      reason: "The patient's visa was refused",
    });
    expect(await verifyVisaLetter(db, world.actors.staffA, input(number, code), "en")).toMatchObject({
      genuine: true,
      invalidBecause: "cancelled",
      status: "CANCELLED",
      patient: { name: "Layla Haddad", latinName: null },
    });
  });

  it("a letter whose patient did not come, or whose personal data was erased, is not valid; an erased one shows no patient", async () => {
    const db = testDb();
    const missed = await issued();
    const { startsAt } = (
      await db.booking.findUniqueOrThrow({ where: { reference: missed.reference }, select: { slot: true } })
    ).slot;
    const afterStart = new Date(startsAt.getTime() + 3_600_000);
    const { version } = await db.booking.findUniqueOrThrow({ where: { reference: missed.reference } });
    await changeBookingStatus(
      db,
      world.actors.staffA,
      { reference: missed.reference, version, transition: "noShow" },
      afterStart,
    );
    expect(
      await verifyVisaLetter(db, world.actors.staffA, input(missed.number, missed.code), "en", afterStart),
    ).toMatchObject({ genuine: true, invalidBecause: "noShow", status: "NO_SHOW" });

    const erased = await issued();
    await erasePersonalData(db, erased.reference, erased.manageToken);
    expect(
      await verifyVisaLetter(db, world.actors.staffA, input(erased.number, erased.code), "en"),
    ).toMatchObject({
      genuine: true,
      invalidBecause: "erased",
      patient: null,
    });
  });

  it("a letter whose stay is over is not valid, the day after its last day in Beijing", async () => {
    const { number, code } = await issued();
    const lastDay = new Date(`${inDays(20)}T12:00:00+08:00`);
    const check = (at: Date) =>
      verifyVisaLetter(testDb(), world.actors.staffA, input(number, code), "en", at);
    expect(await check(lastDay)).toMatchObject({ invalidBecause: null });
    expect(await check(new Date(lastDay.getTime() + DAY))).toMatchObject({ invalidBecause: "stayOver" });
  });

  it("refuses input that cannot be a number or a code before looking anything up", () => {
    expect(verifyVisaLetterSchema.safeParse({ number: "IPP-1234", code: "K7Q2M9DXA4" }).success).toBe(false);
    expect(verifyVisaLetterSchema.safeParse({ number: "VL-2026-000001-ABCD", code: "K7Q2M" }).success).toBe(
      false,
    );
    expect(
      verifyVisaLetterSchema.safeParse({ number: "VL-2026-000001-ABCD", code: "K7Q2M9DXAU" }).success,
    ).toBe(false);
  });
});
