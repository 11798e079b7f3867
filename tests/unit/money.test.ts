import { describe, expect, it } from "vitest";
import { defaultCurrency } from "../../lib/payment/codes";
import { formatMoney, formatMoneyRange } from "../../lib/payment/money";

describe("the currencies of the four newer locales", () => {
  it("each locale starts with its own country's currency", () => {
    expect([defaultCurrency.th, defaultCurrency.vi, defaultCurrency.mn, defaultCurrency.kk]).toEqual([
      "THB",
      "VND",
      "MNT",
      "KZT",
    ]);
  });

  it("dong, tögrög and tenge are written in whole units, baht small amounts with satang", () => {
    expect(formatMoney(35.4, "VND", "vi")).toBe(
      new Intl.NumberFormat("vi", { style: "currency", currency: "VND", maximumFractionDigits: 0 }).format(
        35,
      ),
    );
    expect(formatMoney(47.9, "MNT", "mn")).not.toMatch(/[.,]\d\d\D*$/);
    expect(formatMoney(70.8, "KZT", "kk")).not.toMatch(/[.,]\d\d\D*$/);
    expect(formatMoney(4.72, "THB", "th")).toBe(
      new Intl.NumberFormat("th", { style: "currency", currency: "THB" }).format(4.72),
    );
    expect(formatMoneyRange(20, 40.5, "KZT", "kk")).not.toMatch(/[.,]\d\d\D*$/);
  });
});
