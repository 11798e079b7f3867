// The reschedule page's own part (app/[locale]/bookings/[reference]/reschedule):
// an appointment as a card (the current one, and the new one before it is
// confirmed, written with the manage page's formatter, chinaTime). The times
// to move to are the booking page's week view (week-view.tsx) as a GET form:
// choosing a time only opens the confirmation.
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { chinaTime } from "@/lib/i18n/time-format";

/** One appointment under a heading ("Current appointment", "New appointment"), label and value per line. */
export async function AppointmentCard({
  heading,
  testId,
  startsAt,
  what,
  where,
  locale,
  localTime,
  tone = "neutral",
}: {
  heading: string;
  testId: string;
  startsAt: Date;
  what: string;
  where: string;
  locale: string;
  localTime: ReactNode;
  tone?: "neutral" | "new";
}) {
  const t = await getTranslations("Booking");
  return (
    <section
      aria-labelledby={`${testId}-heading`}
      data-testid={testId}
      className={`rounded border-2 p-4 ${tone === "new" ? "border-brand-600 bg-brand-50" : "border-slate-300"}`}
    >
      <h2 id={`${testId}-heading`} className="text-lg font-semibold">
        {heading}
      </h2>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium">{t("when")}</dt>
        <dd>
          <span data-testid={`${testId}-when`}>{chinaTime(startsAt, locale)}</span>
          {localTime}
        </dd>
        <dt className="font-medium">{t("what")}</dt>
        <dd dir="auto">{what}</dd>
        <dt className="font-medium">{t("where")}</dt>
        <dd dir="auto">{where}</dd>
      </dl>
    </section>
  );
}
