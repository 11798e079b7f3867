// Issue 16, "Times" and "The price in the patient's currency": the estimate
// beside a CNY price comes from the admin's dated rates (the payment checker's
// one home), and an e-mail states the appointment as China's time with its
// UTC offset, through the one time formatter, in the patient's language.
import { beforeAll, describe, expect, it } from "vitest";
import { beijingOffset, chinaTime } from "../../lib/i18n/time-format";
import { renderEmail } from "../../lib/notify/render-email";
import { convertFen, estimatePrice, rateOn } from "../../lib/payment/exchange-rates";
import { estimateValues } from "../../lib/payment/money";
import { testDb } from "../helpers/db";
import { book, createWorld, type World } from "../helpers/staff-fixtures";

let world: World;
beforeAll(async () => {
  world = await createWorld(testDb());
  const rates = [
    { currency: "RUB", unitsPerCny: 11.2, effectiveOn: "2026-11-20" },
    { currency: "RUB", unitsPerCny: 12.5, effectiveOn: "2026-11-28" },
    { currency: "RUB", unitsPerCny: 99, effectiveOn: "2026-12-15" },
    { currency: "AED", unitsPerCny: 0.5101, effectiveOn: "2026-11-28" },
  ];
  for (const r of rates)
    await testDb().exchangeRate.create({
      data: { ...r, effectiveOn: new Date(`${r.effectiveOn}T00:00:00Z`) },
    });
});

describe("a price in the patient's currency", () => {
  it("uses the latest rate on or before the day and names that rate's date", async () => {
    expect(await estimatePrice(testDb(), 480_000, "RUB", "2026-11-30")).toEqual({
      amount: 60_000,
      currency: "RUB",
      rateOn: "2026-11-28",
    });
    expect(await estimatePrice(testDb(), 480_000, "RUB", "2026-11-27")).toEqual({
      amount: 53_760,
      currency: "RUB",
      rateOn: "2026-11-20",
    });
  });

  it("is nothing when no rate is known for the currency or yet on that day", async () => {
    expect(await estimatePrice(testDb(), 480_000, "CHF", "2026-11-30")).toBeNull();
    expect(await estimatePrice(testDb(), 480_000, "AED", "2026-11-27")).toBeNull();
  });

  it("is the checker's conversion (one home): fen to yuan times units per yuan", async () => {
    const rate = (await rateOn(testDb(), "AED", "2026-11-30"))!;
    expect(convertFen(50_000, rate)).toBeCloseTo(255.05, 6);
    const estimate = (await estimatePrice(testDb(), 50_000, "AED", "2026-11-30"))!;
    expect(estimate.amount).toBeCloseTo(255.05, 6);
  });

  it("reads approximately, in the page's locale, with the rate's date", async () => {
    const estimate = (await estimatePrice(testDb(), 480_000, "RUB", "2026-11-30"))!;
    const ru = estimateValues(estimate, "ru");
    expect(ru.amount).toBe(
      new Intl.NumberFormat("ru", { style: "currency", currency: "RUB", maximumFractionDigits: 0 }).format(
        60_000,
      ),
    );
    expect(ru.date).toBe("28 ноября 2026 г.");
    const ar = estimateValues(estimate, "ar");
    expect(ar.date).toBe(
      new Intl.DateTimeFormat("ar", { dateStyle: "long", timeZone: "UTC" }).format(
        new Date("2026-11-28T00:00:00Z"),
      ),
    );
  });
});

describe("the appointment's time in e-mails", () => {
  it.each(["ar", "ru", "ja", "en"])(
    "%s: China's time, named, with its offset, no seconds",
    async (locale) => {
      const confirmation = await book(testDb(), world.a, 0, { locale });
      const booking = await testDb().booking.findFirstOrThrow({
        where: { reference: confirmation.reference },
        include: { slot: true },
      });
      const mail = await renderEmail(testDb(), {
        dedupeKey: `times-${locale}`,
        template: "booking-confirmed",
        toEmail: "patient@example.org",
        locale,
        payload: { bookingId: booking.id },
      });
      const startsAt = booking.slot.startsAt;
      expect(mail.text).toContain(`${chinaTime(startsAt, locale)} (${beijingOffset(startsAt, locale)})`);
      expect(mail.text).not.toMatch(/\d:\d\d:\d\d/);
    },
  );
});
