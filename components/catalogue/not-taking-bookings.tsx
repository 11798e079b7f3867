// Said where an institution is not yet taking international bookings online
// (lib/catalogue/booking-availability.ts): no booking is offered, and the
// patient gets the international department's phone as a tel: link instead.
import { useTranslations } from "next-intl";

export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, "")}`;

type Props = { phone: string; id?: string; className?: string };

/** The notice as a titled box (hospital, booking and package pages). */
export function NotTakingBookings({ phone, id = "not-taking-bookings", className }: Props) {
  const t = useTranslations("OnlineBooking");
  return (
    <section
      aria-labelledby={id}
      data-testid="not-taking-bookings"
      className={className ?? "rounded border-2 border-amber-400 bg-amber-50 p-4 text-amber-950"}
    >
      <h2 id={id} className="text-lg font-semibold">
        {t("notYet")}
      </h2>
      <p className="mt-1">
        {t("call")}{" "}
        <a href={telHref(phone)} className="font-semibold underline" dir="ltr">
          {phone}
        </a>
      </p>
    </section>
  );
}

/** The same in one line, for a card in a list (finder, packages, payment checker). */
export function NotTakingBookingsLine({ phone }: { phone?: string }) {
  const t = useTranslations("OnlineBooking");
  return (
    <p className="text-sm text-amber-950" data-testid="not-taking-bookings">
      <span className="font-semibold">{t("notYet")}</span>
      {phone && (
        <>
          {" "}
          {t("call")}{" "}
          <a href={telHref(phone)} className="underline" dir="ltr">
            {phone}
          </a>
        </>
      )}
    </p>
  );
}
