import type { Metadata } from "next";
import type { Locale } from "next-intl";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { LocalTime } from "@/components/booking/local-time";
import { ManageActionForm } from "@/components/booking/manage-action-form";
import { getBookingPage } from "@/lib/booking/booking-page";
import { formatCny } from "@/lib/catalogue/format";
import { getDb } from "@/lib/db/client";
import { publicBaseUrl } from "@/lib/env";
import { AppError, errorCodes, type ErrorCode } from "@/lib/errors";
import { withManageTokenLimit } from "@/lib/rate-limit/manage-limit";
import { addressFromHeaders } from "@/lib/http/request";
import { cancelBookingAction, chooseSelfPayAction, eraseDataAction } from "../../book/actions";

type Props = {
  params: Promise<{ locale: Locale; reference: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Booking" });
  // A private page: never indexed, never sent as a referrer.
  return { title: t("reference"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function ManageBookingPage({ params, searchParams }: Props) {
  const { locale, reference } = await params;
  setRequestLocale(locale);
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
      <p role="alert" className="max-w-3xl rounded border border-red-300 bg-red-50 p-3 text-red-900">
        {te("RATE_LIMITED")}
      </p>
    );
  const { booking, target } = page;
  const t = await getTranslations("Booking");
  const tzh = await getTranslations({ locale: "zh", namespace: "Booking" });
  const messages = await getMessages();
  const error =
    typeof sp.error === "string" && (errorCodes as string[]).includes(sp.error)
      ? (sp.error as ErrorCode)
      : null;
  const startsAt = new Date(booking.slot.startsAt);
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  }).format(startsAt);
  const whenZh = new Intl.DateTimeFormat("zh-CN", {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  }).format(startsAt);
  const until = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  }).format(new Date(booking.cancellableUntil));
  const manageUrl = `${publicBaseUrl()}/${locale}/bookings/${booking.reference}?token=${encodeURIComponent(token ?? "")}`;
  const calendarUrl = `/api/v1/bookings/${booking.reference}/calendar?locale=${locale}&token=${encodeURIComponent(token ?? "")}`;
  const nationalityZh = new Intl.DisplayNames(["zh"], { type: "region" }).of(booking.patient.nationality);
  const nationality = new Intl.DisplayNames([locale], { type: "region" }).of(booking.patient.nationality);
  const isNew = sp.new === "1";

  return (
    <div className="max-w-3xl space-y-6">
      {isNew && (
        <p
          role="status"
          className="rounded border border-emerald-300 bg-emerald-50 p-4 text-xl font-semibold text-emerald-900"
        >
          {booking.status === "PENDING_CONFIRMATION" ? t("pendingTitle") : t("confirmedTitle")}
        </p>
      )}
      {sp.rescheduled === "1" && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-4">
          {t("rescheduledNotice")}
        </p>
      )}
      {sp.selfPay === "1" && booking.status === "CONFIRMED" && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-4">
          {t("selfPayChosen")}
        </p>
      )}
      {sp.cancelled === "1" && booking.status === "CANCELLED" && (
        <p role="status" className="rounded border border-slate-300 bg-slate-50 p-4">
          {t("cancelledNotice")}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {te(error)}
        </p>
      )}
      <h1 className="text-3xl font-bold text-brand-800">
        {t("reference")}:{" "}
        <span dir="ltr" className="font-mono" data-testid="reference">
          {booking.reference}
        </span>
      </h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded border border-slate-200 p-4">
        <dt className="font-medium">{t("statusLabel")}</dt>
        <dd data-testid="status">{t(`status.${booking.status as "CONFIRMED"}`)}</dd>
        <dt className="font-medium">{t("when")}</dt>
        <dd>
          {when}
          <NextIntlClientProvider messages={{ Booking: messages.Booking }}>
            <LocalTime iso={booking.slot.startsAt} withDate />
          </NextIntlClientProvider>
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
        <dd>{formatCny(target.priceFen, locale)}</dd>
        <dt className="font-medium">{t("patient")}</dt>
        <dd dir="auto">
          {booking.patient.name} · {nationality}
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

      {booking.status !== "CANCELLED" && booking.payment.guarantee && booking.payment.insurer && (
        <section
          aria-labelledby="guarantee"
          data-testid="guarantee"
          className={`space-y-2 rounded border p-4 ${booking.payment.guarantee.status === "DENIED" ? "border-red-400 bg-red-50" : booking.payment.guarantee.status === "APPROVED" ? "border-emerald-400 bg-emerald-50" : "border-amber-400 bg-amber-50"}`}
        >
          <h2 id="guarantee" className="font-semibold">
            {t(`guarantee.${booking.payment.guarantee.status}.title`, {
              insurer: booking.payment.insurer.name,
            })}
          </h2>
          <p>
            {t(`guarantee.${booking.payment.guarantee.status}.text`, {
              insurer: booking.payment.insurer.name,
              reason: booking.payment.guarantee.reason ?? "",
            })}
          </p>
          {booking.payment.guarantee.status === "DENIED" && booking.status === "PENDING_CONFIRMATION" && (
            <form action={chooseSelfPayAction}>
              <input type="hidden" name="locale" value={locale} />
              <input type="hidden" name="reference" value={booking.reference} />
              <input type="hidden" name="token" value={token ?? ""} />
              <button
                type="submit"
                className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
              >
                {t("guarantee.chooseSelfPay")}
              </button>
            </form>
          )}
        </section>
      )}

      <section className="space-y-2 rounded border border-brand-600 p-4">
        <h2 className="font-semibold">{t("manageLink")}</h2>
        <p className="break-all font-mono text-sm" dir="ltr">
          {manageUrl}
        </p>
        <p className="text-sm text-slate-700">{t("manageLinkHint")}</p>
        <a
          href={calendarUrl}
          className="inline-block rounded border border-slate-300 px-3 py-1.5 text-brand-700"
          download
        >
          {t("calendar")}
        </a>
      </section>

      <details className="rounded-lg border-2 border-brand-700 bg-brand-50 p-4">
        <summary className="cursor-pointer text-lg font-semibold text-brand-800">
          {t("showStaff")} · <span lang="zh">{tzh("showStaff")}</span>
        </summary>
        <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-3 text-lg" data-testid="staff-summary">
          <dt lang="zh">
            {tzh("reference")} · {t("reference")}
          </dt>
          <dd dir="ltr" className="font-mono text-2xl font-bold">
            {booking.reference}
          </dd>
          <dt lang="zh">
            {tzh("when")} · {t("when")}
          </dt>
          <dd lang="zh">{whenZh}</dd>
          <dt lang="zh">
            {tzh("what")} · {t("what")}
          </dt>
          <dd lang="zh">{target.nameZh}</dd>
          <dt lang="zh">
            {tzh("patient")} · {t("patient")}
          </dt>
          <dd>
            {booking.patient.name} · <span lang="zh">{nationalityZh}</span>
          </dd>
          <dt lang="zh">
            {tzh("field.interpreterWanted")} · {t("field.interpreterWanted")}
          </dt>
          <dd>{booking.interpreterWanted ? `${tzh("yes")} · ${t("yes")}` : `${tzh("no")} · ${t("no")}`}</dd>
        </dl>
      </details>

      {(booking.visaLetter.wanted || booking.visaLetter.number) && (
        <section className="space-y-2" aria-labelledby="visa-letter">
          <h2 id="visa-letter" className="font-semibold">
            {t("visaLetterTitle")}
          </h2>
          {booking.visaLetter.number ? (
            <a
              href={`/api/v1/bookings/${booking.reference}/visa-letter?token=${encodeURIComponent(token ?? "")}`}
              className="inline-block text-brand-700 underline"
              download
            >
              {t("visaLetterDownload", { number: booking.visaLetter.number })}
            </a>
          ) : (
            <p>{t("visaLetterPending")}</p>
          )}
        </section>
      )}

      {booking.status !== "CANCELLED" &&
        (booking.cancellable ? (
          <section className="space-y-2">
            <p>{t("cancellableUntil", { time: until })}</p>
            <a
              href={`/${locale}/book/${target.institution.slug}?${new URLSearchParams({ [target.kind]: target.slug, reschedule: booking.reference, token: token ?? "" })}`}
              className="inline-block rounded border border-brand-600 px-4 py-2 text-brand-700 hover:bg-brand-50"
            >
              {t("reschedule")}
            </a>
            <details>
              <summary className="cursor-pointer text-red-800 underline">{t("cancel")}</summary>
              <ManageActionForm
                action={cancelBookingAction}
                locale={locale}
                reference={booking.reference}
                token={token ?? ""}
                label={t("cancel")}
              />
            </details>
          </section>
        ) : (
          <p>{t("notCancellable", { phone: target.institution.phone })}</p>
        ))}
      <section className="space-y-2 border-t border-slate-200 pt-4">
        <h2 className="font-semibold">{t("yourData")}</h2>
        <a
          href={`/api/v1/bookings/${booking.reference}/export?token=${encodeURIComponent(token ?? "")}`}
          className="inline-block text-brand-700 underline"
          download
        >
          {t("exportData")}
        </a>
        <details>
          <summary className="cursor-pointer text-red-800 underline">{t("erase")}</summary>
          <p className="mt-2 text-sm">{t("eraseHint")}</p>
          <ManageActionForm
            action={eraseDataAction}
            locale={locale}
            reference={booking.reference}
            token={token ?? ""}
            label={t("erase")}
          />
        </details>
      </section>
    </div>
  );
}
