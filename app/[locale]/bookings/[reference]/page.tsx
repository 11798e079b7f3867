import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { LocalTime } from "@/components/booking/local-time";
import {
  BookingSummary,
  CalendarLinks,
  ChangeAppointment,
  GuaranteeNotice,
  StaffCard,
  VisaLetterSection,
  YourData,
} from "@/components/booking/manage-sections";
import { Notice } from "@/components/ui/notice";
import { getBookingPage } from "@/lib/booking/booking-page";
import { patientManageActions } from "@/lib/booking/manage-actions";
import { getDb } from "@/lib/db/client";
import { publicBaseUrl } from "@/lib/env";
import { AppError, errorCodes, type ErrorCode } from "@/lib/errors";
import { withManageTokenLimit } from "@/lib/rate-limit/manage-limit";
import { addressFromHeaders } from "@/lib/http/request";
import { cancelBookingAction, chooseSelfPayAction, eraseDataAction } from "../../book/actions";
import { preferredCurrency } from "../../book/currency";
import { estimatePrice } from "@/lib/payment/exchange-rates";
import { calendarDateOf, isoDate } from "@/lib/time/zone";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps<{ reference: string }>;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Booking" });
  // A private page: never indexed, its address (with the token) never sent to another site as a
  // referrer. "same-origin", not "no-referrer": under no-referrer a form posted without JavaScript
  // carries "Origin: null", which the server-action origin check (proxy.ts) refuses.
  return { title: t("reference"), robots: { index: false, follow: false }, referrer: "same-origin" };
}

export default async function ManageBookingPage({ params, searchParams }: Props) {
  const { locale, reference } = await openPage(params);
  const sp = await searchParams;
  const token = typeof sp.token === "string" ? sp.token : null;
  const te = await getTranslations("Errors");
  // Wrong tokens are limited per address (lib/rate-limit/manage-limit.ts); a page cannot answer 429.
  const address = addressFromHeaders(await headers());
  const page = await withManageTokenLimit(getDb(), address, { reference, token }, () =>
    getBookingPage(getDb(), reference, token, locale),
  ).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    if (e instanceof AppError && e.code === "RATE_LIMITED") return null;
    throw e;
  });
  if (!page)
    return (
      <Notice role="alert" tone="bad" className="max-w-3xl p-3">
        {te("RATE_LIMITED")}
      </Notice>
    );
  const { booking } = page;
  const t = await getTranslations("Booking");
  const messages = await getMessages();
  const error =
    typeof sp.error === "string" && (errorCodes as string[]).includes(sp.error)
      ? (sp.error as ErrorCode)
      : null;
  const manageUrl = `${publicBaseUrl()}/${locale}/bookings/${booking.reference}?token=${encodeURIComponent(token ?? "")}`;
  const actions = patientManageActions(booking);
  const common = { page, locale, token: token ?? "" };

  return (
    <div className="max-w-3xl space-y-6">
      {sp.new === "1" && (
        <Notice tone="good" className="p-4 text-xl font-semibold">
          {booking.status === "PENDING_CONFIRMATION" ? t("pendingTitle") : t("confirmedTitle")}
        </Notice>
      )}
      {sp.rescheduled === "1" && <Notice tone="good">{t("rescheduledNotice")}</Notice>}
      {sp.selfPay === "1" && booking.status === "CONFIRMED" && (
        <Notice tone="good">{t("selfPayChosen")}</Notice>
      )}
      {sp.cancelled === "1" && booking.status === "CANCELLED" && <Notice>{t("cancelledNotice")}</Notice>}
      {error && (
        <Notice role="alert" tone="bad" className="p-3">
          {te(error)}
        </Notice>
      )}
      <h1 className="text-3xl font-bold text-brand-800">
        {t("reference")}:{" "}
        <span dir="ltr" className="font-mono" data-testid="reference">
          {booking.reference}
        </span>
      </h1>
      <BookingSummary
        page={page}
        locale={locale}
        estimate={await estimatePrice(
          getDb(),
          page.target.priceFen,
          await preferredCurrency(locale),
          isoDate(calendarDateOf(new Date())),
        )}
        localTime={
          <NextIntlClientProvider messages={{ Booking: messages.Booking }}>
            <LocalTime iso={booking.slot.startsAt.toISOString()} withDate />
          </NextIntlClientProvider>
        }
      />
      <GuaranteeNotice {...common} actions={actions} chooseSelfPayAction={chooseSelfPayAction} />
      <section className="space-y-2 rounded border border-brand-600 p-4">
        <h2 className="font-semibold">{t("manageLink")}</h2>
        <p className="break-all font-mono text-sm" dir="ltr">
          {manageUrl}
        </p>
        <p className="text-sm text-slate-700">{t("manageLinkHint")}</p>
        <CalendarLinks {...common} />
      </section>
      <StaffCard page={page} />
      <VisaLetterSection page={page} token={token ?? ""} />
      <ChangeAppointment {...common} actions={actions} cancelAction={cancelBookingAction} />
      <YourData {...common} eraseAction={eraseDataAction} />
    </div>
  );
}
