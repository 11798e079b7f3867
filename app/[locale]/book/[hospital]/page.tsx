import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { LocalTime } from "@/components/booking/local-time";
import { LocalizedText } from "@/components/ui/localized-text";
import { NotTakingBookings } from "@/components/catalogue/not-taking-bookings";
import { bookingAvailability, windowInMonth } from "@/lib/catalogue/booking-availability";
import { CurrencyChoice, Price } from "@/components/booking/price-estimate";
import { estimatePrice } from "@/lib/payment/exchange-rates";
import { getBookingTarget } from "@/lib/booking/booking-context";
import { listSlots, slotQuerySchema } from "@/lib/booking/list-slots";
import { horizon, openingWeek, slotWeek, weekWindow } from "@/lib/booking/slot-week";
import { WeekView } from "@/components/booking/week-view";
import { getDb } from "@/lib/db/client";
import { AppError, errorCodes, type ErrorCode } from "@/lib/errors";
import { Link } from "@/lib/i18n/navigation";
import { quotaNotice } from "@/lib/quota/quota-notice";
import { monthLabel } from "@/components/quota/month-label";
import { calendarDateOf, isoDate, zonedToUtc } from "@/lib/time/zone";
import { holdSlotAction } from "../actions";
import { existingBrowserKey } from "../browser-key";
import { chooseCurrencyAction, preferredCurrency } from "../currency";
import { openPage, type PageProps } from "@/app/[locale]/page-props";
import { redirectRenamedInstitution } from "@/app/[locale]/_catalogue/renamed-institution";

type Props = PageProps<{ hospital: string }>;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Booking" });
  return { title: t("title"), robots: { index: false } };
}

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function BookPage({ params, searchParams }: Props) {
  const { locale, hospital } = await openPage(params);
  const sp = await searchParams;
  const department = one(sp.department);
  const pkg = one(sp.package);
  const error = one(sp.error);
  const t = await getTranslations("Booking");
  const te = await getTranslations("Errors");

  let target;
  try {
    target = await getBookingTarget(getDb(), { hospital, department, package: pkg }, locale);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") {
      // A renamed institution's old slug: 308 to its current one, with the same query.
      await redirectRenamedInstitution(hospital, (current) => `/${locale}/book/${current}`, sp);
      notFound();
    }
    throw e;
  }
  const today = calendarDateOf(new Date());
  // Every week ahead in one query: the shown week's days, and the next free time after it.
  const ahead = horizon(today);
  const slotQuery = slotQuerySchema.safeParse({
    hospital,
    ...(department ? { department } : { package: pkg }),
    from: isoDate(ahead.from),
    to: isoDate(ahead.to),
  });
  if (!slotQuery.success) notFound();
  // The patient's own live hold (they came back from the details page) counts as theirs: "held for you".
  const viewer = { clientKey: await existingBrowserKey() };
  const slots = await listSlots(getDb(), slotQuery.data, viewer).catch((e: unknown) => {
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  });

  // A FHIR Slot's booking-deep-link (?slot=<id>) opens the week that shows that slot.
  const week = openingWeek(slots, today, { week: one(sp.week), slot: one(sp.slot) });
  const { from, to } = weekWindow(today, week);

  // Whether it takes bookings online at all, and which months' declared quota is used up: one
  // decision (lib/catalogue/booking-availability.ts). Nothing published and no volume declared is
  // "not yet taking bookings online", never "reached its limit".
  const window = { from: zonedToUtc(from, 0), to: zonedToUtc(to, 24 * 60 - 1) };
  const availability = (
    await bookingAvailability(getDb(), [hospital], { ...window, units: target.sessions })
  ).get(hospital)!;
  const notYet = availability.status === "notYet";
  // Rule 3: a month whose quota is used up is said plainly, with hospitals nearby that have room.
  const firstFull = availability.fullMonths[0];
  const alternatives = firstFull
    ? (
        await quotaNotice(
          getDb(),
          { hospital, department, package: pkg },
          windowInMonth(firstFull, window),
          locale,
        )
      ).alternatives
    : [];
  const fullMonth = firstFull ? monthLabel(locale, firstFull) : null;
  const tq = await getTranslations("Booking.quotaFull");

  const query: Record<string, string> = department ? { department } : { package: pkg ?? "" };
  const backParams = new URLSearchParams(query);
  if (week) backParams.set("week", String(week));
  const back = `/${locale}/book/${hospital}?${backParams}`;
  const weekHref = (w: number) =>
    `/${locale}/book/${hospital}?${new URLSearchParams({ ...query, ...(w ? { week: String(w) } : {}) })}`;
  const shown = slotWeek(slots, today, week);
  const messages = await getMessages();
  const currency = await preferredCurrency(locale);
  const estimate = await estimatePrice(
    getDb(),
    target.priceFen,
    currency,
    isoDate(calendarDateOf(new Date())),
  );

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
        <p className="mt-2 text-lg" dir="auto">
          <LocalizedText value={target.name} locale={target.nameLocale} /> ·{" "}
          <Link
            href={`/hospitals/${target.institution.slug}`}
            prefetch={false}
            className="text-brand-700 underline"
          >
            <LocalizedText value={target.institution.name} locale={target.institution.nameLocale} />
          </Link>
        </p>
        <p className="text-slate-700" data-testid="price">
          {t("fee")}: <Price fen={target.priceFen} estimate={estimate} locale={locale} />
        </p>
        <CurrencyChoice action={chooseCurrencyAction} back={back} chosen={currency} locale={locale} />
      </header>
      {error && (errorCodes as string[]).includes(error) && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {te(error as ErrorCode)}
        </p>
      )}
      {fullMonth && (
        <section
          aria-labelledby="quota-full"
          className="rounded border-2 border-amber-400 bg-amber-50 p-4 text-amber-950"
        >
          <h2 id="quota-full" className="text-lg font-semibold">
            {tq("title", { month: fullMonth })}
          </h2>
          <p className="mt-1">{tq("text")}</p>
          {alternatives.length > 0 ? (
            <>
              <p className="mt-3 font-medium">{tq("alternatives", { month: fullMonth })}</p>
              <ul className="mt-1 list-disc ps-5">
                {alternatives.map((a) => (
                  <li key={a.institution.slug}>
                    <Link
                      href={{
                        pathname: `/book/${a.institution.slug}`,
                        query: a.kind === "department" ? { department: a.slug } : { package: a.slug },
                      }}
                      className="text-brand-700 underline"
                    >
                      {tq("alternative", { hospital: a.institution.name, service: a.name })}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="mt-3">{tq("noAlternatives", { month: fullMonth })}</p>
          )}
        </section>
      )}
      {notYet ? (
        <NotTakingBookings phone={target.institution.phone} />
      ) : (
        <section aria-labelledby="times-heading">
          <h2 id="times-heading" className="text-xl font-semibold">
            {t("chooseTime")}
          </h2>
          <p className="text-sm text-slate-600">{t("beijingTime")}</p>
          {/* The one message its client part (LocalTime) says: not the whole namespace in the page's payload. */}
          <NextIntlClientProvider messages={{ Booking: { yourTime: messages.Booking.yourTime } }}>
            <WeekView
              week={shown}
              locale={locale}
              form={{ action: holdSlotAction, hidden: { locale, back } }}
              weekHref={weekHref}
              localTime={(iso) => <LocalTime iso={iso} />}
            />
          </NextIntlClientProvider>
        </section>
      )}
    </div>
  );
}
