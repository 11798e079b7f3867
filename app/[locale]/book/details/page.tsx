import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { BookingForm } from "@/components/booking/booking-form";
import { createBookingAction } from "../actions";
import { formatCny, languageName } from "@/lib/catalogue/format";
import { serviceLanguages } from "@/lib/catalogue/codes";
import { getHeldSlot } from "@/lib/booking/booking-context";
import { countryCodes } from "@/lib/booking/countries";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
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
  const chooseAgainHref = `/${locale}/book/${held.target.institution.slug}?${held.target.kind}=${held.target.slug}`;
  const regionNames = new Intl.DisplayNames([locale], { type: "region" });
  const collator = new Intl.Collator(locale);
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  }).format(held.slot.startsAt);

  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p className="text-lg" dir="auto">
        {held.target.name} · {held.target.institution.name}
      </p>
      <p>
        {when} <span className="text-sm text-slate-600">{t("beijingTime")}</span>
      </p>
      <NextIntlClientProvider messages={{ Booking: messages.Booking, Errors: messages.Errors }}>
        <BookingForm
          action={createBookingAction}
          locale={locale}
          slotId={held.slot.id}
          holdToken={holdToken}
          expiresAt={(held.holdExpiresAt ?? new Date(0)).toISOString()}
          renderedAt={renderedAt}
          idempotencyKey={randomUUID()}
          summary={{
            when,
            what: held.target.name,
            where: held.target.institution.name,
            price: formatCny(held.target.priceFen, locale),
          }}
          insurers={held.insurers}
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
