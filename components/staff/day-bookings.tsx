// The staff day view (app/[locale]/staff/(console)/bookings): the filter form
// and the table of bookings, each row linking to the booking.
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { languageNames, regionNames } from "@/components/ui/formats";
import { Cell, Row, Table } from "@/components/ui/table";
import type { listDayBookings } from "@/lib/booking/list-bookings";
import { Link } from "@/lib/i18n/navigation";
import { formatTime } from "@/lib/i18n/time-format";
import { BOOKING_STATUSES, BookingStatus } from "./booking-status";

type View = Awaited<ReturnType<typeof listDayBookings>>;
type Query = Record<string, string | undefined>;

export async function DayFilters({
  date,
  query,
  services,
}: {
  date: string;
  query: Query;
  services: { value: string; name: string }[];
}) {
  const t = await getTranslations("Staff.day");
  const ts = await getTranslations("Staff.status");
  const tf = await getTranslations("Staff.field");
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" role="search" aria-label={t("filters")}>
      <Field id="date" name="date" label={tf("date")} type="date" defaultValue={date} inline />
      <SelectField
        id="service"
        name="service"
        label={tf("service")}
        defaultValue={query.service ?? ""}
        inline
        options={[
          { value: "", label: t("allServices") },
          ...services.map((s) => ({ value: s.value, label: s.name })),
        ]}
      />
      <SelectField
        id="status"
        name="status"
        label={tf("status")}
        defaultValue={query.status ?? ""}
        inline
        options={[
          { value: "", label: t("allStatuses") },
          ...BOOKING_STATUSES.map((s) => ({ value: s, label: ts(s) })),
        ]}
      />
      <Field id="q" name="q" label={tf("q")} type="search" defaultValue={query.q ?? ""} inline />
      <Button type="submit">{t("show")}</Button>
    </form>
  );
}

export async function DayTable({ view, locale }: { view: View; locale: string }) {
  const t = await getTranslations("Staff.day");
  const tf = await getTranslations("Staff.field");
  if (view.rows.length === 0)
    return <p className="rounded border border-slate-200 bg-slate-50 p-4">{t("empty")}</p>;
  // Beijing's time in the locale's one hour cycle (lib/i18n/time-format.ts), with the date when searching across days.
  const when = (instant: Date) => formatTime(instant, locale, { date: view.searching });
  const languages = languageNames(locale);
  const regions = regionNames(locale);
  const columns = [
    "time",
    "reference",
    "patient",
    "service",
    "language",
    "requests",
    "payment",
    "status",
  ] as const;
  return (
    <Table scroll caption={t("caption")} columns={columns.map((c) => ({ label: tf(c) }))}>
      {view.rows.map((b) => (
        <Row key={b.reference} className="align-top">
          <Cell className="p-2 whitespace-nowrap">{when(b.startsAt)}</Cell>
          <Cell className="p-2 font-mono">
            <Link href={`/staff/bookings/${b.reference}`} className="text-brand-700 underline">
              {b.reference}
            </Link>
          </Cell>
          <Cell>
            {b.patientName}
            {b.patientLatinName && (
              <span className="block">{t("latinName", { name: b.patientLatinName })}</span>
            )}
            <span className="block text-slate-600">{regions.of(b.nationality) ?? b.nationality}</span>
            <span className="block text-slate-600">{b.reasonForVisit}</span>
          </Cell>
          <Cell>{b.service}</Cell>
          <Cell>{languages.of(b.preferredLanguage)}</Cell>
          <Cell>
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
          </Cell>
          <Cell>
            {b.paymentMethod === "DIRECT_BILLING"
              ? t("directBilling", { insurer: b.insurer ?? "" })
              : t("selfPay")}
          </Cell>
          <Cell>
            <BookingStatus status={b.status} />
          </Cell>
        </Row>
      ))}
    </Table>
  );
}
