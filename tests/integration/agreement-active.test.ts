// DESIGN rule 4 ("a direct-billing agreement is in force on this day") has one
// home, lib/payment/agreement-active.ts, but three expressions of it: the SQL
// fragment the catalogue's search uses, the Prisma `where` of the hospital
// page, and the in-memory test of the booking and the checker. This pins them
// together: on the same rows and days, all three pick the same agreements.
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../lib/db/generated/client";
import {
  agreementActiveOn,
  agreementActiveWhere,
  isAgreementActiveOn,
} from "../../lib/payment/agreement-active";
import { addDays, type CalendarDate } from "../../lib/time/zone";
import { testDb } from "../helpers/db";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

// Agreements around the turn of a month and a year: open-ended, one day long, ended, future.
const windows: [string, string | null][] = [
  ["2026-01-01", null],
  ["2026-11-30", "2026-11-30"],
  ["2026-11-01", "2026-11-29"],
  ["2026-12-01", null],
  ["2026-12-01", "2026-12-31"],
  ["2025-06-15", "2026-12-01"],
  ["2027-01-01", "2027-01-01"],
];

let institutionId: string;

beforeAll(async () => {
  const db = testDb();
  const city = await db.city.create({ data: { slug: "rule4-city", nameZh: "规则四", province: "Test" } });
  const inst = await db.institution.create({
    data: {
      slug: "rule4-hospital",
      cityId: city.id,
      nameZh: "规则四医院",
      addressZh: "测试路 4 号",
      latitude: 39.9,
      longitude: 116.4,
      ownership: "PRIVATE",
      intlDeptPhone: "+86 10 6915 6699",
      translations: { create: { locale: "en", name: "Rule Four Hospital", address: "4 Test Road" } },
    },
  });
  institutionId = inst.id;
  for (const [i, [from, to]] of windows.entries()) {
    const insurer = await db.insurer.create({ data: { slug: `rule4-${i}`, name: `Insurer ${i}` } });
    await db.directBillingAgreement.create({
      data: {
        institutionId,
        insurerId: insurer.id,
        scope: "OUTPATIENT",
        validFrom: d(from),
        validTo: to ? d(to) : null,
      },
    });
  }
});

describe("an agreement in force on a day (rule 4)", () => {
  const start: CalendarDate = { year: 2025, month: 6, day: 13 };
  // Every day from before the first agreement to after the last, and the edges of each window.
  const days = Array.from({ length: 600 }, (_, i) => addDays(start, i));

  it("is the same set of agreements in SQL, in Prisma and in memory, every day", async () => {
    const db = testDb();
    const rows = await db.directBillingAgreement.findMany({ where: { institutionId } });
    const read = rows.map((r) => ({ id: r.id, validFrom: iso(r.validFrom)!, validTo: iso(r.validTo) }));
    let active = 0;
    for (const day of days) {
      const inMemory = read.filter((a) => isAgreementActiveOn(a, day)).map((a) => a.id);
      const viaPrisma = (
        await db.directBillingAgreement.findMany({
          where: { institutionId, ...agreementActiveWhere(day) },
          select: { id: true },
        })
      ).map((a) => a.id);
      const viaSql = (
        await db.$queryRaw<{ id: string }[]>(Prisma.sql`
          SELECT a.id FROM direct_billing_agreement a
          WHERE a.institution_id = ${institutionId} AND ${agreementActiveOn(day)}`)
      ).map((a) => a.id);
      const label = `${day.year}-${day.month}-${day.day}`;
      expect(viaPrisma.sort(), label).toEqual(inMemory.sort());
      expect(viaSql.sort(), label).toEqual(inMemory.sort());
      active += inMemory.length;
    }
    // The days cover agreements both in and out of force, so the comparison is not vacuous.
    expect(active).toBeGreaterThan(0);
    expect(active).toBeLessThan(days.length * windows.length);
  });

  it("counts both ends of a window as inside it", () => {
    const oneDay = { validFrom: "2026-11-30", validTo: "2026-11-30" };
    expect(isAgreementActiveOn(oneDay, { year: 2026, month: 11, day: 30 })).toBe(true);
    expect(isAgreementActiveOn(oneDay, { year: 2026, month: 11, day: 29 })).toBe(false);
    expect(isAgreementActiveOn(oneDay, { year: 2026, month: 12, day: 1 })).toBe(false);
  });
});
