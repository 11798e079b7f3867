import { describe, expect, it } from "vitest";
import { evaluateDirectBilling, type AgreementRow } from "../../lib/payment/direct-billing";
import { formatMoney, formatMoneyRange } from "../../lib/payment/money";
import { addWorkingDays, NO_HOLIDAYS_KNOWN } from "../../lib/payment/working-days";

const d = (iso: string) => {
  const [year, month, day] = iso.split("-").map(Number);
  return { year: year!, month: month!, day: day! };
};
const agreement = (over: Partial<AgreementRow> = {}): AgreementRow => ({
  id: "a1",
  scope: "OUTPATIENT",
  preauthRequired: false,
  preauthLeadDays: 0,
  validFrom: "2026-01-01",
  validTo: "2026-12-31",
  documents: ["passport"],
  ...over,
});

describe("working days (Beijing calendar, Monday to Friday)", () => {
  it("skips weekends and does not count the start day", () => {
    // 2026-11-25 is a Wednesday.
    expect(addWorkingDays(d("2026-11-25"), 2, NO_HOLIDAYS_KNOWN)).toEqual(d("2026-11-27")); // Friday
    expect(addWorkingDays(d("2026-11-25"), 3, NO_HOLIDAYS_KNOWN)).toEqual(d("2026-11-30")); // Monday
    expect(addWorkingDays(d("2026-11-25"), 5, NO_HOLIDAYS_KNOWN)).toEqual(d("2026-12-02"));
    expect(addWorkingDays(d("2026-11-28"), 1, NO_HOLIDAYS_KNOWN)).toEqual(d("2026-11-30")); // Saturday → Monday
    expect(addWorkingDays(d("2026-11-25"), 0, NO_HOLIDAYS_KNOWN)).toEqual(d("2026-11-25"));
  });
});

describe("rule 4, evaluated once for the checker, the API and the booking", () => {
  const today = d("2026-11-25");
  // 2026's arrangement is known and has no holiday from November on.
  const calendar2026 = { years: new Set([2026]), holidays: new Set<string>(), workdays: new Set<string>() };
  it("no agreement, another scope, outside the validity, too soon for pre-authorization", () => {
    expect(evaluateDirectBilling([], "OUTPATIENT", d("2026-12-01"), today, calendar2026)).toEqual({
      available: false,
      reason: "NO_AGREEMENT",
    });
    expect(
      evaluateDirectBilling(
        [agreement({ scope: "INPATIENT" })],
        "OUTPATIENT",
        d("2026-12-01"),
        today,
        calendar2026,
      ),
    ).toMatchObject({
      available: false,
      reason: "SCOPE_NOT_COVERED",
    });
    expect(
      evaluateDirectBilling(
        [agreement({ preauthRequired: true, preauthLeadDays: 5 })],
        "OUTPATIENT",
        d("2026-11-27"),
        today,
        calendar2026,
      ),
    ).toEqual({ available: false, reason: "PREAUTH_TOO_SOON", earliestDate: "2026-12-02", leadDays: 5 });
  });

  it("is valid on its first and its last day, and not the day before or after", () => {
    const a = [agreement({ validFrom: "2026-12-01", validTo: "2026-12-31" })];
    expect(evaluateDirectBilling(a, "OUTPATIENT", d("2026-11-30"), today, calendar2026)).toMatchObject({
      reason: "NOT_VALID_ON_DATE",
    });
    expect(evaluateDirectBilling(a, "OUTPATIENT", d("2026-12-01"), today, calendar2026)).toMatchObject({
      available: true,
    });
    expect(evaluateDirectBilling(a, "OUTPATIENT", d("2026-12-31"), today, calendar2026)).toMatchObject({
      available: true,
    });
    expect(evaluateDirectBilling(a, "OUTPATIENT", d("2027-01-01"), today, calendar2026)).toMatchObject({
      reason: "NOT_VALID_ON_DATE",
    });
  });

  it("a lead time met exactly is enough", () => {
    const a = [
      agreement({ preauthRequired: true, preauthLeadDays: 5, documents: ["passport", "guarantee_letter"] }),
    ];
    expect(evaluateDirectBilling(a, "OUTPATIENT", d("2026-12-02"), today, calendar2026)).toEqual({
      available: true,
      agreementId: "a1",
      preauthRequired: true,
      leadDays: 5,
      documents: ["passport", "guarantee_letter"],
      validTo: "2026-12-31",
    });
  });
});

describe("money in the patient's locale", () => {
  it("formats CNY and estimates with Intl, Arabic (right-to-left marks) and East Asian formats", () => {
    expect(formatMoney(800, "CNY", "en")).toBe("CN¥800");
    expect(formatMoney(800, "CNY", "zh")).toBe("¥800");
    expect(formatMoney(11.5, "USD", "de")).toMatch(/^11,50\s\$$/); // a comma for decimals, the sign after
    expect(formatMoney(111.12, "USD", "de")).toMatch(/^111\s\$$/); // estimates above 100 are whole
    expect(formatMoney(157_200, "KRW", "ko")).toBe("₩157,200");
    expect(formatMoney(17_000, "JPY", "ja")).toBe("￥17,000");
    // Arabic: the dirham sign after the amount, marked right-to-left (CLDR gives "ar" Latin digits).
    expect(formatMoney(408.08, "AED", "ar")).toMatch(/^\u200f408\sد\.إ\.\u200f$/);
    expect(formatMoneyRange(800, 1000, "CNY", "en")).toBe("CN¥800–1,000");
    expect(formatMoneyRange(157_200, 196_500, "KRW", "ko")).toMatch(/₩157,200\s?~\s?₩196,500/);
  });
});
