import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { BookingForm } from "@/components/booking/booking-form";
import { FocusHeading } from "@/components/booking/focus-heading";
import { LocalizedText } from "@/components/ui/localized-text";
import { LocalTime } from "@/components/booking/local-time";
import { estimateText, Price } from "@/components/booking/price-estimate";
import { createBookingAction, extendHoldAction, holdAgainAction, releaseHoldAction } from "../actions";
import { preferredCurrency } from "../currency";
import { formatCny, languageName } from "@/lib/catalogue/format";
import { serviceLanguages } from "@/lib/catalogue/codes";
import { getHeldSlot } from "@/lib/booking/booking-context";
import { weekOf } from "@/lib/booking/slot-week";
import { countryCodes } from "@/lib/booking/countries";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { beijingFormat } from "@/components/ui/formats";
import { chinaTime } from "@/lib/i18n/time-format";
import { estimatePrice } from "@/lib/payment/exchange-rates";
import { calendarDateOf, isoDate } from "@/lib/time/zone";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Booking" });
  return { title: t("title"), robots: { index: false } };
}

export default async function BookingDetailsPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const sp = await searchParams;
  const slotId = typeof sp.slot === "string" ? sp.slot : "";
  const holdToken = typeof sp.hold === "string" ? sp.hold : "";
  if (!slotId || !holdToken) notFound();
  const held = await getHeldSlot(getDb(), slotId, holdToken, locale).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  // A server component renders once per request: this is the moment the countdown starts from.
  const renderedAt = new Date().toISOString();
  const t = await getTranslations("Booking");
  const messages = await getMessages();
  // "Choose another time" leads back to the weeks that show the time just left.
  const back = new URLSearchParams({ [held.target.kind]: held.target.slug });
  const week = weekOf(calendarDateOf(new Date()), calendarDateOf(held.slot.startsAt));
  if (week > 0) back.set("week", String(week));
  const chooseAgainHref = `/${locale}/book/${held.target.institution.slug}?${back}`;
  const regionNames = new Intl.DisplayNames([locale], { type: "region" });
  const collator = new Intl.Collator(locale);
  const visitDay = beijingFormat(locale, "full");
  const when = chinaTime(held.slot.startsAt, locale);
  const estimate = await estimatePrice(
    getDb(),
    held.target.priceFen,
    await preferredCurrency(locale),
    isoDate(calendarDateOf(new Date())),
  );

  return (
    <div className="max-w-3xl space-y-6">
      {/* Reached by choosing a time (a client-side navigation with JavaScript): the heading takes the focus. */}
      <FocusHeading level={1} className="text-3xl font-bold text-brand-800">
        {t("title")}
      </FocusHeading>
      <p className="text-lg" dir="auto">
        <LocalizedText value={held.target.name} locale={held.target.nameLocale} /> ·{" "}
        <LocalizedText value={held.target.institution.name} locale={held.target.institution.nameLocale} />
      </p>
      <NextIntlClientProvider
        messages={{
          Booking: messages.Booking,
          Errors: { fields: messages.Errors.fields },
        }}
      >
        <p data-testid="china-time">
          {when}
          <LocalTime iso={held.slot.startsAt.toISOString()} withDate />
        </p>
        <p data-testid="price">
          {t("fee")}: <Price fen={held.target.priceFen} estimate={estimate} locale={locale} />
        </p>
        <BookingForm
          action={createBookingAction}
          extendAction={extendHoldAction}
          holdAgainAction={holdAgainAction}
          releaseAction={releaseHoldAction}
          locale={locale}
          slotId={held.slot.id}
          holdToken={holdToken}
          expiresAt={(held.holdExpiresAt ?? new Date(0)).toISOString()}
          holdExtended={held.holdExtended}
          renderedAt={renderedAt}
          idempotencyKey={randomUUID()}
          summary={{
            when,
            startsAt: held.slot.startsAt.toISOString(),
            what: held.target.name,
            where: held.target.institution.name,
            price: formatCny(held.target.priceFen, locale),
            estimate: await estimateText(estimate, locale),
          }}
          insurers={held.insurers}
          preauthTooSoon={held.preauthTooSoon.map(({ earliestDate, ...insurer }) => ({
            ...insurer,
            from: visitDay.format(new Date(`${earliestDate}T00:00:00+08:00`)),
          }))}
          countries={countryCodes
            .map((code) => ({ code, name: regionNames.of(code) ?? code }))
            .sort((a, b) => collator.compare(a.name, b.name))}
          languages={serviceLanguages.map((code) => ({ code, name: languageName(code, locale) }))}
          chooseAgainHref={chooseAgainHref}
        />
      </NextIntlClientProvider>
    </div>
  );
}
