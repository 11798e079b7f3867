// The change feed a hospital system polls (ADR 0022):
// GET /fhir/r4/Appointment?_lastUpdated=gt<instant> with its client token
// (scope appointments:read, checked by the route). Its institution's bookings
// changed in that window (new, rescheduled, cancelled, any status change), as
// Appointments with what the hospital's staff see, oldest change first
// (updated_at, then id), a page at a time with a next link.
//
// Commit order vs timestamps: booking.updated_at is set inside the changing
// transaction (now() on insert, clock_timestamp() by the trigger on update),
// but becomes visible only at commit. A poller that moved its cursor past a
// change still uncommitted would never see it. So the feed only answers rows
// older than every transaction open now (pg_stat_activity.xact_start, less
// 1 ms for the column's millisecond rounding): anything with an earlier time
// has committed, and anything not yet committed will carry a later time than
// any row answered. The feed lags at most the longest open transaction.
import type { Bundle } from "@medplum/fhirtypes";
import type { DbClient } from "../../db/create-client";
import type { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
import type { FhirClient } from "../auth/client-auth";
import { searchset } from "../bundle";
import { FHIR_ID } from "../ids";
import { fhirUrl } from "../systems";
import { appointmentRow, appointmentSelect, toAppointment } from "../scheduling/appointment";

export const DEFAULT_CHANGES_PAGE = 50;
export const MAX_CHANGES_PAGE = 200;

/** The search parameters the feed reads; any other is ignored (and left out of the self link). */
export const CHANGE_FEED_PARAMS = ["_lastUpdated", "_count", "_cursor"] as const;

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

interface Window {
  /** updated_at >= from */
  from: Date | null;
  /** updated_at < until */
  until: Date | null;
}

/**
 * `_lastUpdated` values (gt, ge, lt, le; eq and no prefix mean the value's
 * whole precision) as one half-open window at millisecond precision, the
 * column's. A date alone is a UTC day.
 */
export function lastUpdatedWindow(values: string[]): Window {
  const window: Window = { from: null, until: null };
  if (values.length === 0) throw new AppError("VALIDATION_FAILED", { fields: { _lastUpdated: "required" } });
  for (const raw of values) {
    const match = /^(gt|ge|lt|le|eq)?(.+)$/.exec(raw);
    const range = match ? instantRange(match[2]!) : null;
    if (!range) throw new AppError("VALIDATION_FAILED", { fields: { _lastUpdated: "invalid" } });
    const prefix = match![1] ?? "eq";
    const later = (d: Date) => {
      if (!window.from || d > window.from) window.from = d;
    };
    const earlier = (d: Date) => {
      if (!window.until || d < window.until) window.until = d;
    };
    if (prefix === "gt") later(range.end);
    else if (prefix === "ge") later(range.start);
    else if (prefix === "lt") earlier(range.start);
    else if (prefix === "le") earlier(range.end);
    else {
      later(range.start);
      earlier(range.end);
    }
  }
  return window;
}

/** [start, end) of an instant or date at its own precision (milliseconds at most), or null. */
function instantRange(value: string): { start: Date; end: Date } | null {
  const m = INSTANT.exec(value);
  if (!m) return null;
  const [, y, mo, d, hh, mi, ss, frac, zone] = m;
  if (hh !== undefined && zone === undefined) return null;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hh === undefined) {
    const start = new Date(Date.UTC(Number(y), month - 1, day));
    if (start.getUTCDate() !== day) return null;
    return { start, end: new Date(start.getTime() + 86_400_000) };
  }
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss ?? 0) > 59) return null;
  const millis = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  const text = `${y}-${mo}-${d}T${hh}:${mi}:${ss ?? "00"}.${String(millis).padStart(3, "0")}${zone === "Z" ? "Z" : zone}`;
  const start = new Date(text);
  if (Number.isNaN(start.getTime())) return null;
  const step = ss === undefined ? 60_000 : frac ? 1 : 1000;
  return { start, end: new Date(start.getTime() + step) };
}

/** _count: default 50; a larger one is capped at 200 (as the directory's searches do); 0 answers the total only. */
function pageSize(values: string[]): number {
  if (values.length === 0) return DEFAULT_CHANGES_PAGE;
  if (!/^\d{1,9}$/.test(values[0]!))
    throw new AppError("VALIDATION_FAILED", { fields: { _count: "invalid" } });
  return Math.min(Number(values[0]), MAX_CHANGES_PAGE);
}

/** The page cursor of a next link: the last row's updated_at (ms) and id. */
function cursorOf(values: string[]): { updatedAt: Date; id: string } | null {
  if (values.length === 0) return null;
  const match = /^(\d{1,15})-([A-Za-z0-9\-.]{1,64})$/.exec(values[0]!);
  if (!match || !FHIR_ID.test(match[2]!))
    throw new AppError("VALIDATION_FAILED", { fields: { _cursor: "invalid" } });
  return { updatedAt: new Date(Number(match[1])), id: match[2]! };
}

/**
 * The instant before which every change has committed: the start of the
 * oldest transaction open in this database (other than this one), or now,
 * less 1 ms.
 */
async function settledBefore(db: DbClient): Promise<Date> {
  const [row] = await db.$queryRaw<{ bound: Date }[]>`
    SELECT LEAST(clock_timestamp(), (
      SELECT min(xact_start) FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
        AND backend_type = 'client backend')) - interval '1 millisecond' AS bound`;
  return row!.bound;
}

export async function searchChangedAppointments(
  db: DbClient,
  client: Pick<FhirClient, "institutionId">,
  params: URLSearchParams,
): Promise<Bundle> {
  const window = lastUpdatedWindow(params.getAll("_lastUpdated"));
  const count = pageSize(params.getAll("_count"));
  const cursor = cursorOf(params.getAll("_cursor"));
  const settled = await settledBefore(db);
  const until = window.until && window.until < settled ? window.until : settled;
  const where = {
    institutionId: client.institutionId,
    updatedAt: { ...(window.from ? { gte: window.from } : {}), lt: until },
    ...(cursor
      ? {
          OR: [
            { updatedAt: { gt: cursor.updatedAt } },
            { updatedAt: cursor.updatedAt, id: { gt: cursor.id } },
          ],
        }
      : {}),
  } satisfies Prisma.BookingWhereInput;
  const rows =
    count === 0
      ? []
      : await db.booking.findMany({
          where,
          orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
          take: count + 1,
          select: appointmentSelect,
        });
  const page = rows.slice(0, count);
  const last = page.at(-1);
  // The self link keeps what the feed read, in the request's order.
  const kept = new URLSearchParams(
    [...params].filter(([key]) => (CHANGE_FEED_PARAMS as readonly string[]).includes(key)),
  );
  const request = new Request(fhirUrl(`Appointment?${kept}`));
  return searchset(request, {
    ...(count === 0 ? { total: await db.booking.count({ where }) } : {}),
    matches: page.map((b) => toAppointment(appointmentRow(b, { personal: true, fullPolicyNumber: true }))),
    next: rows.length > count && last ? { _cursor: `${last.updatedAt.getTime()}-${last.id}` } : null,
  });
}
