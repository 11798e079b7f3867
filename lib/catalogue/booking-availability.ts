// One home for "does this institution take international bookings online?"
// (issue 16), read by the hospital, booking, package, finder and payment pages.
//
// - notYet: nothing to book. It has published no time ahead (no open future
//   slot), or, being public and so capped (DESIGN rule 3), it has declared no
//   service volume for this month or a later one: its cap is 0 and no booking
//   can count against it. Patients are told to call the international
//   department; no page offers a booking there.
// - limitReached: it takes bookings, but in some month of the asked window a
//   declared quota is used up (room below the units one booking takes). Only
//   then may a page say the hospital "reached its limit".
// - bookable: otherwise.
import type { DbClient } from "../db/create-client";
import { addMonths, monthDbDate, monthRange, parseMonth } from "../quota/month";
import { quotaMonthStates } from "../quota/month-state";
import { beijingMonthOf, zonedToUtc } from "../time/zone";
import { slotOfferedSql } from "./offered";

export type BookingStatus = "bookable" | "notYet" | "limitReached";

export interface BookingAvailability {
  status: BookingStatus;
  /** "YYYY-MM" months of the window whose declared quota has no room for one more booking. */
  fullMonths: string[];
}

export interface AvailabilityWindow {
  from: Date;
  to: Date;
  /** Quota units one booking of the service takes (1, or a package's sessions). */
  units?: number;
}

/**
 * The online booking status of each institution (by slug). Without `window`,
 * only bookable or notYet: the lists (finder, packages, payment checker) ask
 * whether to offer booking at all, not about a month.
 */
export async function bookingAvailability(
  db: DbClient,
  slugs: readonly string[],
  window?: AvailabilityWindow,
  now: Date = new Date(),
): Promise<Map<string, BookingAvailability>> {
  const out = new Map<string, BookingAvailability>();
  if (slugs.length === 0) return out;
  const thisMonth = monthDbDate(beijingMonthOf(now));
  // LATERAL … LIMIT 1 per institution: an index probe of slot (institution_id,
  // starts_at) each. An EXISTS here may be planned as a hashed subplan that
  // reads every slot (issue 21's plan check caught it on the finder).
  const rows = await db.$queryRaw<{ id: string; slug: string; takes: boolean }[]>`
    SELECT i.id, i.slug,
      open.one IS NOT NULL
      AND (i.ownership <> 'PUBLIC' OR declared.one IS NOT NULL) AS takes
    FROM institution i
    LEFT JOIN LATERAL (SELECT 1 AS one FROM slot s LEFT JOIN department d ON d.id = s.department_id LEFT JOIN tcm_package p ON p.id = s.package_id
        WHERE s.institution_id = i.id AND NOT s.closed AND s.starts_at >= ${now} AND ${slotOfferedSql("d", "p")}
        ORDER BY s.starts_at LIMIT 1) open ON true
    LEFT JOIN LATERAL (SELECT 1 AS one FROM quota_period qp
        WHERE qp.institution_id = i.id AND qp.declared_volume IS NOT NULL AND qp.month >= ${thisMonth}::date LIMIT 1) declared ON true
    WHERE i.slug = ANY(${[...new Set(slugs)]}::text[])`;

  const open = rows.filter((r) => r.takes);
  const full = new Map<string, string[]>();
  if (window && open.length > 0) {
    const months = monthRange(beijingMonthOf(window.from), beijingMonthOf(window.to));
    const states = await quotaMonthStates(
      db,
      open.map((r) => r.id),
      months,
      now,
      { published: false },
    );
    for (const s of states) {
      if (s.declaredVolume === null || s.room >= (window.units ?? 1)) continue;
      full.set(s.institutionId, [...(full.get(s.institutionId) ?? []), s.month]);
    }
  }
  for (const r of rows) {
    const fullMonths = full.get(r.id) ?? [];
    out.set(r.slug, {
      status: !r.takes ? "notYet" : fullMonths.length > 0 ? "limitReached" : "bookable",
      fullMonths,
    });
  }
  return out;
}

/** Whether a page may offer booking at this institution (anything but notYet). */
export function takesOnlineBookings(availability: BookingAvailability | undefined): boolean {
  return availability !== undefined && availability.status !== "notYet";
}

/** The part of `window` inside the Beijing month `month` ("YYYY-MM"). */
export function windowInMonth(month: string, window: { from: Date; to: Date }): { from: Date; to: Date } {
  const first = parseMonth(month);
  const start = zonedToUtc(first, 0);
  const end = new Date(zonedToUtc(addMonths(first, 1), 0).getTime() - 1);
  return {
    from: window.from > start ? window.from : start,
    to: window.to < end ? window.to : end,
  };
}
