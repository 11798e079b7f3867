// Amounts for people: CNY (the amount that counts) and an approximate amount
// in the patient's currency, each formatted by Intl in the patient's locale.
export function formatMoney(amount: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    maximumFractionDigits: amount >= 100 || ["JPY", "KRW", "IDR"].includes(currency) ? 0 : 2,
  }).format(amount);
}

/** "¥800" or "¥800 – ¥1,000" (Intl's own range format). */
export function formatMoneyRange(from: number, to: number, currency: string, locale: string): string {
  if (from === to) return formatMoney(from, currency, locale);
  const format = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    maximumFractionDigits: to >= 100 || ["JPY", "KRW", "IDR"].includes(currency) ? 0 : 2,
  });
  return format.formatRange(from, to);
}
