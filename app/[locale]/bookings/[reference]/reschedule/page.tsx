// Moving an appointment, in two steps that work without JavaScript: the
// current appointment above the free times (a GET form), then, with ?slotId=,
// the current appointment beside the new one and an explicit confirmation
// (the move's server action) or a way back that changes nothing.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { LocalTime } from "@/components/booking/local-time";
import { AppointmentCard } from "@/components/booking/reschedule-views";
import { WeekView } from "@/components/booking/week-view";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { getBookingPage } from "@/lib/booking/booking-page";
import { listSlots, slotQuerySchema } from "@/lib/booking/list-slots";
import { horizon, slotWeek, weekParam } from "@/lib/booking/slot-week";
import { previewReschedule, type ReschedulePreview } from "@/lib/booking/preview-reschedule";
import { rescheduleInputSchema } from "@/lib/booking/reschedule-booking";
import { getDb } from "@/lib/db/client";
import { AppError, errorCodes, type ErrorCode } from "@/lib/errors";
import { addressFromHeaders } from "@/lib/http/request";
import { withManageTokenLimit } from "@/lib/rate-limit/manage-limit";
import { calendarDateOf, isoDate } from "@/lib/time/zone";
import { rescheduleAction } from "../../../book/actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps<{ reference: string }>;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Booking" });
  // Like the manage page: the token never leaves the site, and a form posted without JavaScript keeps its Origin.
  return { title: t("reschedule"), robots: { index: false, follow: false }, referrer: "same-origin" };
}

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function ReschedulePage({ params, searchParams }: Props) {
  const { locale, reference } = await openPage(params);
  const sp = await searchParams;
  const token = one(sp.token) ?? null;
  const week = weekParam(one(sp.week));
  const chosen = rescheduleInputSchema.safeParse({ slotId: one(sp.slotId) });
  const t = await getTranslations("Booking");
  const te = await getTranslations("Errors");
  const tw = await getTranslations("Staff");
  const messages = await getMessages();

  const address = addressFromHeaders(await headers());
  const manage = `/${locale}/bookings/${reference}?token=${encodeURIComponent(token ?? "")}`;
  const here = `/${locale}/bookings/${reference}/reschedule`;
  const list = `${here}?${new URLSearchParams({ token: token ?? "", ...(week ? { week: String(week) } : {}) })}`;
  // Wrong tokens count against the manage-link limit, as on the manage page.
  const limited = <T,>(run: () => Promise<T>) =>
    withManageTokenLimit(getDb(), address, { reference, token }, run).catch((e: unknown) => {
      if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
      throw e;
    });

  let error =
    typeof sp.error === "string" && (errorCodes as string[]).includes(sp.error)
      ? (sp.error as ErrorCode)
      : null;
  let preview: ReschedulePreview | null = null;
  try {
    if (chosen.success) {
      preview = await limited(() =>
        previewReschedule(getDb(), reference, token, chosen.data, locale).catch((e: unknown) => {
          // A time that cannot be taken (gone, full, another service's) sends the patient back to the list.
          if (e instanceof AppError && (e.code === "SLOT_FULL" || e.code === "VALIDATION_FAILED")) {
            error = e.code;
            return null;
          }
          throw e;
        }),
      );
    }
  } catch (e) {
    if (e instanceof AppError && e.code === "RATE_LIMITED")
      return (
        <Notice role="alert" tone="bad" className="max-w-3xl p-3">
          {te("RATE_LIMITED")}
        </Notice>
      );
    // No longer movable (cancelled, past the deadline): the manage page says what can be done.
    if (e instanceof AppError && (e.code === "CONFLICT" || e.code === "CANCELLATION_WINDOW_CLOSED"))
      redirect(`${manage}&error=${e.code}`);
    throw e;
  }
  const current =
    preview?.current ?? (await limited(() => getBookingPage(getDb(), reference, token, locale)));
  const { booking, target } = current;
  if (!booking.cancellable) redirect(manage);

  const localTime = (iso: string, withDate = false): ReactNode => (
    <NextIntlClientProvider messages={{ Booking: messages.Booking }}>
      <LocalTime iso={iso} withDate={withDate} />
    </NextIntlClientProvider>
  );
  const card = (heading: string, testId: string, startsAt: Date, tone?: "new") => (
    <AppointmentCard
      heading={heading}
      testId={testId}
      startsAt={startsAt}
      what={target.name}
      where={target.institution.name}
      locale={locale}
      localTime={localTime(startsAt.toISOString(), true)}
      tone={tone}
    />
  );
  const keep = (
    <a href={manage} className="inline-block text-brand-700 underline">
      {t("move.keep")}
    </a>
  );

  if (preview) {
    return (
      <div className="max-w-3xl space-y-6">
        <h1 className="text-3xl font-bold text-brand-800">{t("move.confirmTitle")}</h1>
        <p className="text-lg">
          {t("reference")}:{" "}
          <span dir="ltr" className="font-mono" data-testid="reference">
            {booking.reference}
          </span>
        </p>
        <div className="grid gap-4 md:grid-cols-2">
          {card(t("move.current"), "current", booking.slot.startsAt)}
          {card(t("move.new"), "new", preview.slot.startsAt, "new")}
        </div>
        <p>{t("move.confirmIntro")}</p>
        <form action={rescheduleAction} className="flex flex-wrap items-center gap-x-6 gap-y-3">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="reference" value={booking.reference} />
          <input type="hidden" name="token" value={token ?? ""} />
          <input type="hidden" name="slotId" value={preview.slot.id} />
          <input type="hidden" name="back" value={list} />
          <SubmitButton tone="primary" pendingLabel={tw("working")}>
            {t("move.confirm")}
          </SubmitButton>
          {keep}
          <a href={list} className="inline-block text-brand-700 underline">
            {t("move.another")}
          </a>
        </form>
      </div>
    );
  }

  const today = calendarDateOf(new Date());
  const ahead = horizon(today);
  const slotQuery = slotQuerySchema.parse({
    hospital: target.institution.slug,
    [target.kind]: target.slug,
    from: isoDate(ahead.from),
    to: isoDate(ahead.to),
  });
  // The booking's own time is shown, never offered (nor the next free time).
  const isCurrent = (slot: { startsAt: Date }) => slot.startsAt.getTime() === booking.slot.startsAt.getTime();
  const slots = (await listSlots(getDb(), slotQuery)).map((s) => (isCurrent(s) ? { ...s, available: 0 } : s));
  const shown = slotWeek(slots, today, week);
  const weekLink = (w: number) =>
    `${here}?${new URLSearchParams({ token: token ?? "", ...(w ? { week: String(w) } : {}) })}`;

  return (
    <div className="max-w-5xl space-y-6">
      <h1 className="text-3xl font-bold text-brand-800">
        {t("rescheduleTitle", { reference: booking.reference })}
      </h1>
      {error && (
        <Notice role="alert" tone="bad" className="p-3">
          {te(error)}
        </Notice>
      )}
      {card(t("move.current"), "current", booking.slot.startsAt)}
      <section aria-labelledby="times-heading">
        <h2 id="times-heading" className="text-xl font-semibold">
          {t("chooseTime")}
        </h2>
        <p className="text-sm text-slate-600">{t("beijingTime")}</p>
        <WeekView
          week={shown}
          locale={locale}
          form={{ action: here, hidden: { token: token ?? "", ...(week ? { week: String(week) } : {}) } }}
          weekHref={weekLink}
          note={(slot) => (isCurrent(slot) ? { text: t("move.yourCurrentTime"), disabled: true } : null)}
          localTime={(iso) => localTime(iso)}
        />
      </section>
      {keep}
    </div>
  );
}
