// "2026-12" as the locale writes a month ("December 2026", "2026年12月").
export function monthLabel(locale: string, month: string): string {
  const [year, m] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year!, m! - 1, 15)),
  );
}

export function percentLabel(locale: string, share: number): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(share);
}
