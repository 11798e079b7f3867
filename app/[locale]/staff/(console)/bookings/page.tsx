import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { pageError, staffPage } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Link } from "@/lib/i18n/navigation";
import { listDayBookings } from "@/lib/booking/list-bookings";
import { listServices } from "@/lib/catalogue/list-services";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { TextField } from "@/components/staff/text-field";

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const generateMetadata = staffTitle("Staff.day");

const STATUSES = [
  "PENDING_CONFIRMATION",
  "CONFIRMED",
  "CHECKED_IN",
  "COMPLETED",
  "NO_SHOW",
  "CANCELLED",
] as const;

export default async function DayViewPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const sp = await searchParams;
  const scope = await staffPage("booking.read", locale, `/${locale}/staff/bookings`);
  const query = Object.fromEntries(
    Object.entries(sp).filter(
      (e): e is [string, string] =>
        ["date", "service", "status", "q"].includes(e[0]) && typeof e[1] === "string" && e[1] !== "",
    ),
  );
  const t = await getTranslations("Staff.day");
  const ts = await getTranslations("Staff.status");
  const tf = await getTranslations("Staff.field");
  const te = await getTranslations("Errors");
  // A hand-edited query that does not parse shows today's view with a notice, not an error page.
  const loaded = await listDayBookings(getDb(), scope.actor, query, locale)
    .then((view) => ({ view, invalid: false }))
    .catch(async (error: unknown) => {
      if (error instanceof AppError && error.code === "VALIDATION_FAILED")
        return { view: await listDayBookings(getDb(), scope.actor, {}, locale), invalid: true };
      return pageError(error, locale, `/${locale}/staff/bookings`);
    });
  const { view, invalid } = loaded;
  const services = await listServices(getDb(), scope.actor, locale);
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: "Asia/Shanghai" });
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  });
  const dayTitle = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: "UTC" }).format(
    new Date(`${view.date}T00:00:00Z`),
  );
  const languages = new Intl.DisplayNames([locale], { type: "language" });
  const regions = new Intl.DisplayNames([locale], { type: "region" });
  const field = "mt-1 block rounded border border-slate-400 px-3 py-2";
  const keep = (extra: Record<string, string>) =>
    `/staff/bookings?${new URLSearchParams({ ...query, ...extra })}`;

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-brand-800">
        {view.searching ? t("searchTitle", { q: query.q ?? "" }) : t("dayTitle", { day: dayTitle })}
      </h1>
      {invalid && (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3">
          {te("VALIDATION_FAILED")}
        </p>
      )}
      <form method="get" className="flex flex-wrap items-end gap-3" role="search" aria-label={t("filters")}>
        <TextField
          id="date"
          label={tf("date")}
          name="date"
          type="date"
          defaultValue={view.date}
          className={field}
        />
        <div>
          <label htmlFor="service" className="block font-medium">
            {tf("service")}
          </label>
          <select id="service" name="service" defaultValue={query.service ?? ""} className={field}>
            <option value="">{t("allServices")}</option>
            {services.map((s) => (
              <option key={s.value} value={s.value}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="status" className="block font-medium">
            {tf("status")}
          </label>
          <select id="status" name="status" defaultValue={query.status ?? ""} className={field}>
            <option value="">{t("allStatuses")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="q"
          label={tf("q")}
          name="q"
          type="search"
          defaultValue={query.q ?? ""}
          className={field}
        />
        <button
          type="submit"
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
        >
          {t("show")}
        </button>
      </form>
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
      {view.rows.length === 0 ? (
        <p className="rounded border border-slate-200 bg-slate-50 p-4">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-start text-sm">
            <caption className="sr-only">{t("caption")}</caption>
            <thead>
              <tr className="border-b border-slate-300 text-start">
                <th scope="col" className="p-2 text-start">
                  {tf("time")}
                </th>
                <th scope="col" className="p-2 text-start">
                  {tf("reference")}
                </th>
                <th scope="col" className="p-2 text-start">
                  {tf("patient")}
                </th>
                <th scope="col" className="p-2 text-start">
                  {tf("service")}
                </th>
                <th scope="col" className="p-2 text-start">
                  {tf("language")}
                </th>
                <th scope="col" className="p-2 text-start">
                  {tf("requests")}
                </th>
                <th scope="col" className="p-2 text-start">
                  {tf("payment")}
                </th>
                <th scope="col" className="p-2 text-start">
                  {tf("status")}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((b) => (
                <tr key={b.reference} className="border-b border-slate-200 align-top">
                  <td className="p-2 whitespace-nowrap">
                    {view.searching ? dateTime.format(b.startsAt) : time.format(b.startsAt)}
                  </td>
                  <td className="p-2 font-mono">
                    <Link href={`/staff/bookings/${b.reference}`} className="text-brand-700 underline">
                      {b.reference}
                    </Link>
                  </td>
                  <td className="p-2">
                    {b.patientName}
                    <span className="block text-slate-600">{regions.of(b.nationality)}</span>
                    <span className="block text-slate-600">{b.reasonForVisit}</span>
                  </td>
                  <td className="p-2">{b.service}</td>
                  <td className="p-2">{languages.of(b.preferredLanguage)}</td>
                  <td className="p-2">
                    {b.interpreterWanted && (
                      <span className="block">
                        {b.interpreterAcknowledged ? t("interpreterAcknowledged") : t("interpreterWanted")}
                      </span>
                    )}
                    {b.visaLetterWanted && (
                      <span className="block">
                        {b.visaLetterIssued ? t("visaLetterIssued") : t("visaLetterWanted")}
                      </span>
                    )}
                  </td>
                  <td className="p-2">
                    {b.paymentMethod === "DIRECT_BILLING"
                      ? t("directBilling", { insurer: b.insurer ?? "" })
                      : t("selfPay")}
                  </td>
                  <td className="p-2">{ts(b.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
