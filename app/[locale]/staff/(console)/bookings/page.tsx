import { getTranslations } from "next-intl/server";
import { pageError, staffPage } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { Link } from "@/lib/i18n/navigation";
import { dayViewSchema, listDayBookings } from "@/lib/booking/list-bookings";
import { listServices } from "@/lib/catalogue/list-services";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { DayFilters, DayTable } from "@/components/staff/day-bookings";
import { Notice } from "@/components/ui/notice";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Staff.day");

export default async function DayViewPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const sp = await searchParams;
  const scope = await staffPage("booking.read", locale, `/${locale}/staff/bookings`);
  const query = Object.fromEntries(
    Object.entries(sp).filter(
      (e): e is [string, string] =>
        ["date", "service", "status", "q"].includes(e[0]) && typeof e[1] === "string" && e[1] !== "",
    ),
  );
  const t = await getTranslations("Staff.day");
  const te = await getTranslations("Errors");
  // A hand-edited query that does not parse shows today's view with a notice, not an error page.
  const parsed = dayViewSchema.safeParse(query);
  const invalid = !parsed.success;
  const view = await listDayBookings(getDb(), scope.actor, parsed.success ? parsed.data : {}, locale).catch(
    (error: unknown) => pageError(error, locale, `/${locale}/staff/bookings`),
  );
  const services = await listServices(getDb(), scope.actor, locale);
  const dayTitle = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: "UTC" }).format(
    new Date(`${view.date}T00:00:00Z`),
  );
  const keep = (extra: Record<string, string>) =>
    `/staff/bookings?${new URLSearchParams({ ...query, ...extra })}`;

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-brand-800">
        {view.searching ? t("searchTitle", { q: query.q ?? "" }) : t("dayTitle", { day: dayTitle })}
      </h1>
      {invalid && (
        <Notice role="alert" tone="warning" className="p-3">
          {te("VALIDATION_FAILED")}
        </Notice>
      )}
      <DayFilters date={view.date} query={query} services={services} />
      {!view.searching && (
        <nav aria-label={t("dayNav")} className="flex gap-4">
          <Link href={keep({ date: view.previous })} className="text-brand-700 underline">
            {t("previousDay")}
          </Link>
          <Link href={keep({ date: view.next })} className="text-brand-700 underline">
            {t("nextDay")}
          </Link>
        </nav>
      )}
      <DayTable view={view} locale={locale} />
    </div>
  );
}
