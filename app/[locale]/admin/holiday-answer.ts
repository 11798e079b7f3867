import "server-only";
// What the holiday import form says after a check or a save: whether anything
// was saved, then the summary (year, days off, make-up working days, what it
// replaces) as label–value lines, dates in the page's language.
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import type { HolidayImportSummary } from "@/lib/holidays/import-holiday-year";

export async function holidayImportAnswer(
  summary: HolidayImportSummary,
  locale: Locale,
): Promise<{ message: string; details: string[] }> {
  const t = await getTranslations({ locale, namespace: "Admin.holidays" });
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const list = (days: HolidayImportSummary["holidays"]) =>
    days.length === 0
      ? "—"
      : new Intl.ListFormat(locale, { type: "unit" }).format(
          days.map((d) => format.format(new Date(`${d.date}T00:00:00Z`))),
        );
  return {
    message: summary.saved ? t("saved") : t("checked"),
    details: [
      t("summaryYear", { year: String(summary.year) }),
      t("summaryDaysOff", { count: summary.holidays.length, list: list(summary.holidays) }),
      t("summaryMakeup", { count: summary.workdays.length, list: list(summary.workdays) }),
      summary.replaced
        ? t("summaryReplaces", { holidays: summary.replaced.holidays, workdays: summary.replaced.workdays })
        : t("summaryNew"),
    ],
  };
}
