// What needs attention on the staff console's home: per kind, how many, the
// soonest bookings as links to the booking (where it is confirmed, its
// guarantee decided, its interpreter acknowledged or its letter issued), and
// the day list of the soonest one's day (filtered to bookings waiting for
// confirmation where that is the kind).
import type { ReactNode } from "react";
import { Link } from "@/lib/i18n/navigation";
import type { Attention } from "@/lib/booking/console-summary";
import { calendarDateOf, isoDate } from "@/lib/time/zone";
import { beijingFormat } from "@/components/ui/formats";

type Props = {
  attention: Attention[];
  locale: string;
  /** The line saying how many, per kind. */
  headline: (a: Attention) => ReactNode;
  /** The day list link's text for a day ("Day list of 4 Dec"). */
  dayList: (day: string) => string;
};

const FILTERED_BY_STATUS = new Set<Attention["kind"]>(["confirmation", "guarantee"]);

export function AttentionList({ attention, locale, headline, dayList }: Props) {
  const when = beijingFormat(locale, "medium", "short");
  const day = beijingFormat(locale, "medium");
  return (
    <ul className="mt-3 space-y-4">
      {attention.map((a) => {
        const first = a.bookings[0];
        const query = first
          ? new URLSearchParams({
              date: isoDate(calendarDateOf(first.startsAt)),
              ...(FILTERED_BY_STATUS.has(a.kind) ? { status: "PENDING_CONFIRMATION" } : {}),
            })
          : null;
        return (
          <li key={a.kind} data-testid={`attention-${a.kind}`}>
            <p className={a.count > 0 ? "font-medium" : "text-slate-700"}>{headline(a)}</p>
            {a.bookings.length > 0 && (
              <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 ps-4">
                {a.bookings.map((b) => (
                  <li key={b.reference}>
                    <Link href={`/staff/bookings/${b.reference}`} className="text-brand-700 underline">
                      <span dir="ltr">{b.reference}</span>
                    </Link>{" "}
                    <span className="text-sm text-slate-700">{when.format(b.startsAt)}</span>
                  </li>
                ))}
              </ul>
            )}
            {first && query && (
              <Link
                href={`/staff/bookings?${query}`}
                className="mt-1 inline-block ps-4 text-sm text-brand-700 underline"
              >
                {dayList(day.format(first.startsAt))}
              </Link>
            )}
          </li>
        );
      })}
    </ul>
  );
}
