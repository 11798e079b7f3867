// Amounts for people: CNY (the amount that counts) and an approximate amount
// in the patient's currency, each formatted by Intl in the patient's locale.
import type { PriceEstimate } from "./exchange-rates";

/** Currencies whose amounts are written without minor units (their cents are not in use). */
const WHOLE_UNITS = new Set(["JPY", "KRW", "IDR", "VND", "MNT", "KZT"]);
const fractionDigits = (largest: number, currency: string) =>
  largest >= 100 || WHOLE_UNITS.has(currency) ? 0 : 2;

export function formatMoney(amount: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    maximumFractionDigits: fractionDigits(amount, currency),
  }).format(amount);
}

/** "¥800" or "¥800 – ¥1,000" (Intl's own range format). */
export function formatMoneyRange(from: number, to: number, currency: string, locale: string): string {
  if (from === to) return formatMoney(from, currency, locale);
  const format = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    maximumFractionDigits: fractionDigits(to, currency),
  });
  return format.formatRange(from, to);
}

/** A rate's day ("YYYY-MM-DD") as `locale` writes a date: "28 November 2026". */
export function formatRateDate(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** The values of the "≈ {amount} (rate of {date})" message for an estimate, in `locale`. */
export function estimateValues(estimate: PriceEstimate, locale: string): { amount: string; date: string } {
  return {
    amount: formatMoney(estimate.amount, estimate.currency, locale),
    date: formatRateDate(estimate.rateOn, locale),
  };
}
