// The parts of the patient's manage page (app/[locale]/bookings/[reference]):
// the booking, the insurer's answer, the card to show at the desk, the visa
// letter, changing the appointment and the patient's data. What may be done
// is decided in lib/booking/manage-actions.ts; these components render it.
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { regionNames } from "@/components/ui/formats";
import type { getBookingPage } from "@/lib/booking/booking-page";
import { calendarEventOf, calendarLinks } from "@/lib/booking/calendar";
import type { ManageActions } from "@/lib/booking/manage-actions";
import { chinaTime } from "@/lib/i18n/time-format";
import type { PriceEstimate } from "@/lib/payment/exchange-rates";
import { ManageActionForm } from "./manage-action-form";
import { Price } from "./price-estimate";

type Page = Awaited<ReturnType<typeof getBookingPage>>;
type Action = (formData: FormData) => Promise<void>;
type Props = { page: Page; locale: string; token: string };

const tokenQuery = (token: string) => `token=${encodeURIComponent(token)}`;

/**
 * The booking as the patient reads it: its time as China's, `localTime` the same in the patient's
 * own zone; its price in CNY and, with `estimate`, approximately in the patient's currency.
 */
export async function BookingSummary({
  page: { booking, target },
  locale,
  localTime,
  estimate = null,
}: Omit<Props, "token"> & { localTime: ReactNode; estimate?: PriceEstimate | null }) {
  const t = await getTranslations("Booking");
  return (
    <dl
      className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded border border-slate-200 p-4"
      data-testid="booking-summary"
    >
      <dt className="font-medium">{t("statusLabel")}</dt>
      <dd data-testid="status">{t(`status.${booking.status as "CONFIRMED"}`)}</dd>
      <dt className="font-medium">{t("when")}</dt>
      <dd>
        {chinaTime(new Date(booking.slot.startsAt), locale)}
        {localTime}
      </dd>
      <dt className="font-medium">{t("what")}</dt>
      <dd dir="auto">{target.name}</dd>
      <dt className="font-medium">{t("where")}</dt>
      <dd dir="auto">
        {target.institution.name}
        <span lang="zh" dir="ltr" className="block text-slate-700">
          {target.institution.nameZh} · {target.institution.addressZh}
        </span>
      </dd>
      <dt className="font-medium">{t("fee")}</dt>
      <dd data-testid="price">
        <Price fen={target.priceFen} estimate={estimate} locale={locale} />
      </dd>
      <dt className="font-medium">{t("patient")}</dt>
      <dd dir="auto">
        {booking.patient.name} · {regionNames(locale).of(booking.patient.nationality)}
      </dd>
      <dt className="font-medium">{t("field.paymentMethod")}</dt>
      <dd data-testid="payment">
        {booking.payment.method === "DIRECT_BILLING" && booking.payment.insurer
          ? t("paymentDirect", {
              insurer: booking.payment.insurer.name,
              last4: booking.payment.policyNumberLast4 ?? "",
            })
          : t("selfPay")}
      </dd>
    </dl>
  );
}

const guaranteeTone = {
  DENIED: "border-red-400 bg-red-50",
  APPROVED: "border-emerald-400 bg-emerald-50",
  PENDING: "border-amber-400 bg-amber-50",
};

/** The insurer's answer to the guarantee request, and the self-pay choice after a denial. */
export async function GuaranteeNotice({
  page: { booking },
  locale,
  token,
  actions,
  chooseSelfPayAction,
}: Props & { actions: ManageActions; chooseSelfPayAction: Action }) {
  const { guarantee, insurer } = booking.payment;
  if (!actions.showGuarantee || !guarantee || !insurer) return null;
  const t = await getTranslations("Booking");
  const tw = await getTranslations("Staff");
  return (
    <section
      aria-labelledby="guarantee"
      data-testid="guarantee"
      className={`space-y-2 rounded border p-4 ${guaranteeTone[guarantee.status]}`}
    >
      <h2 id="guarantee" className="font-semibold">
        {t(`guarantee.${guarantee.status}.title`, { insurer: insurer.name })}
      </h2>
      <p>
        {t(`guarantee.${guarantee.status}.text`, { insurer: insurer.name, reason: guarantee.reason ?? "" })}
      </p>
      {actions.chooseSelfPay && (
        <ManageActionForm
          action={chooseSelfPayAction}
          locale={locale}
          reference={booking.reference}
          token={token}
          label={t("guarantee.chooseSelfPay")}
          pendingLabel={tw("working")}
          tone="primary"
          className=""
        />
      )}
    </section>
  );
}

/** The card to show at the international desk: the essentials in Chinese beside the patient's language. */
export async function StaffCard({ page: { booking, target } }: Pick<Props, "page">) {
  const t = await getTranslations("Booking");
  const tzh = await getTranslations({ locale: "zh", namespace: "Booking" });
  const pair = (key: "reference" | "when" | "what" | "patient" | "field.interpreterWanted") => (
    <dt lang="zh">
      {tzh(key)} · {t(key)}
    </dt>
  );
  return (
    <details className="rounded-lg border-2 border-brand-700 bg-brand-50 p-4">
      <summary className="cursor-pointer text-lg font-semibold text-brand-800">
        {t("showStaff")} · <span lang="zh">{tzh("showStaff")}</span>
      </summary>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-3 text-lg" data-testid="staff-summary">
        {pair("reference")}
        <dd dir="ltr" className="font-mono text-2xl font-bold">
          {booking.reference}
        </dd>
        {pair("when")}
        <dd lang="zh">{chinaTime(new Date(booking.slot.startsAt), "zh-CN")}</dd>
        {pair("what")}
        <dd lang="zh">{target.nameZh}</dd>
        {pair("patient")}
        <dd>
          {booking.patient.name} · <span lang="zh">{regionNames("zh").of(booking.patient.nationality)}</span>
        </dd>
        {pair("field.interpreterWanted")}
        <dd>{booking.interpreterWanted ? `${tzh("yes")} · ${t("yes")}` : `${tzh("no")} · ${t("no")}`}</dd>
      </dl>
    </details>
  );
}

/**
 * The booking in the patient's calendar: the .ics file (a cancelled booking's is its CANCEL, which
 * takes it out of a calendar) and, while the visit stands, the same event for Google Calendar and
 * Outlook on the web.
 */
export async function CalendarLinks({ page: { booking, target }, locale, token }: Props) {
  const t = await getTranslations("Booking");
  const links =
    booking.status === "CANCELLED"
      ? null
      : calendarLinks(calendarEventOf({ reference: booking.reference, ...booking.slot }, target));
  const button = "inline-block rounded border border-slate-300 px-3 py-2 text-brand-700";
  return (
    <p className="flex flex-wrap gap-2">
      <a
        href={`/api/v1/bookings/${booking.reference}/calendar?locale=${locale}&${tokenQuery(token)}`}
        className={button}
        download
      >
        {t("calendar")}
      </a>
      {links && (
        <>
          <a href={links.google} className={button} target="_blank" rel="noopener noreferrer">
            {t("calendarGoogle")}
          </a>
          <a href={links.outlook} className={button} target="_blank" rel="noopener noreferrer">
            {t("calendarOutlook")}
          </a>
        </>
      )}
    </p>
  );
}

/** The visa-invitation letter: its download once issued, else that it is being prepared. */
export async function VisaLetterSection({ page: { booking }, token }: Omit<Props, "locale">) {
  if (!booking.visaLetter.wanted && !booking.visaLetter.number) return null;
  const t = await getTranslations("Booking");
  return (
    <section className="space-y-2" aria-labelledby="visa-letter">
      <h2 id="visa-letter" className="font-semibold">
        {t("visaLetterTitle")}
      </h2>
      {booking.visaLetter.number ? (
        <a
          href={`/api/v1/bookings/${booking.reference}/visa-letter?${tokenQuery(token)}`}
          className="inline-block text-brand-700 underline"
          download
        >
          {t("visaLetterDownload", { number: booking.visaLetter.number })}
        </a>
      ) : (
        <p>{t("visaLetterPending")}</p>
      )}
    </section>
  );
}

/** Reschedule or cancel before the deadline; after it, the institution's phone number. */
export async function ChangeAppointment({
  page: { booking, target },
  locale,
  token,
  actions,
  cancelAction,
}: Props & { actions: ManageActions; cancelAction: Action }) {
  const t = await getTranslations("Booking");
  const tw = await getTranslations("Staff");
  if (actions.phoneToChange) return <p>{t("notCancellable", { phone: target.institution.phone })}</p>;
  if (!actions.changeAppointment) return null;
  const until = chinaTime(new Date(booking.cancellableUntil), locale);
  return (
    <section className="space-y-2">
      <p>{t("cancellableUntil", { time: until })}</p>
      <a
        href={`/${locale}/bookings/${booking.reference}/reschedule?${tokenQuery(token)}`}
        className="inline-block rounded border border-brand-600 px-4 py-2 text-brand-700 hover:bg-brand-50"
      >
        {t("reschedule")}
      </a>
      <details>
        <summary className="cursor-pointer text-red-800 underline">{t("cancel")}</summary>
        <ManageActionForm
          action={cancelAction}
          locale={locale}
          reference={booking.reference}
          token={token}
          label={t("cancel")}
          pendingLabel={tw("working")}
        />
      </details>
    </section>
  );
}

/** The patient's data: a download of all of it, and erasure. */
export async function YourData({
  page: { booking },
  locale,
  token,
  eraseAction,
}: Props & { eraseAction: Action }) {
  const t = await getTranslations("Booking");
  const tw = await getTranslations("Staff");
  return (
    <section className="space-y-2 border-t border-slate-200 pt-4">
      <h2 className="font-semibold">{t("yourData")}</h2>
      <a
        href={`/api/v1/bookings/${booking.reference}/export?${tokenQuery(token)}`}
        className="inline-block text-brand-700 underline"
        download
      >
        {t("exportData")}
      </a>
      <details>
        <summary className="cursor-pointer text-red-800 underline">{t("erase")}</summary>
        <p className="mt-2 text-sm">{t("eraseHint")}</p>
        <ManageActionForm
          action={eraseAction}
          locale={locale}
          reference={booking.reference}
          token={token}
          label={t("erase")}
          pendingLabel={tw("working")}
        />
      </details>
    </section>
  );
}
