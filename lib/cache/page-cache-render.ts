// The rendering side of the rendered-page cache (ADR 0030). scripts/server.ts
// opens a capture around Next's handler for a page it may keep; the page's
// first catalogue read (catalogueDb, app/[locale]/_catalogue/read-db.ts) then
// reads the generations of the page's tags from the very database the page
// reads, before any of its data, and every later read of the request goes to
// that same database. So a page is never kept under a generation newer than its
// data: one rendered from a lagging replica is kept under the replica's older
// generation, and the first hit after that finds the primary's newer one and
// renders again.
//
// It also says how long the page may be kept whatever the data does, because
// a page shows things that change with the clock: "open now" (next opening or
// closing time of any institution's international department, Beijing time),
// agreements in force today and this month's quota (next Beijing midnight),
// and "takes online bookings", which ends when an institution's last open slot
// starts (MAX_AGE_MS bounds that one).
import { AsyncLocalStorage } from "node:async_hooks";
import type { DbClient } from "../db/create-client";
import { env } from "../env";
import { BEIJING, zonedParts } from "../time/zone";

/** The longest a page is kept without its tags changing (see the header). */
export const MAX_AGE_MS = 5 * 60_000;
/** Margin after a bump for a render that started just before it. */
const BUMP_SLACK_SECONDS = 5;

export interface PageSnapshot {
  /** Each tag's generation (a bigint as text; "0": the tag was never bumped). */
  generations: Map<string, string>;
  /** Date.now() after which the page is not served. */
  validUntil: number;
}

/** One cacheable request's render: its tags in, the database and snapshot the render read out. */
export class PageCapture {
  db: Promise<DbClient> | undefined;
  snapshot: PageSnapshot | undefined;
  /** The snapshot could not be read: the page is sent and not kept. */
  failed = false;

  constructor(readonly tags: readonly string[]) {}
}

const key = Symbol.for("portal.pageCapture");
const holder = globalThis as unknown as { [key]?: AsyncLocalStorage<PageCapture> };
const storage = (holder[key] ??= new AsyncLocalStorage<PageCapture>());

/** Runs `fn` (Next's handler) with `capture` as the request's. */
export function runWithPageCapture<T>(capture: PageCapture, fn: () => T): T {
  return storage.run(capture, fn);
}

/**
 * The database a catalogue page reads. In a request the cache may keep, the
 * first call chooses it (`choose`: the read router) and reads the snapshot
 * there; every later call of the request gets the same client.
 */
export function pinnedCatalogueDb(choose: () => Promise<DbClient>): Promise<DbClient> {
  const capture = storage.getStore();
  if (!capture) return choose();
  capture.db ??= choose().then(async (db) => {
    try {
      capture.snapshot = await readSnapshot(db, capture.tags);
    } catch {
      capture.failed = true;
    }
    return db;
  });
  return capture.db;
}

interface Transition {
  weekday: number;
  open: string;
  close: string;
}

/** The opening hours of every institution, read again when the catalogue's generation changes. */
let hoursCache: { generation: string; hours: Promise<Transition[]> } | undefined;

function allHours(db: DbClient, generation: string): Promise<Transition[]> {
  if (hoursCache?.generation !== generation) {
    const hours = db.$queryRaw<Transition[]>`
      SELECT DISTINCT (h->>'weekday')::int AS weekday, h->>'open' AS open, h->>'close' AS close
      FROM institution i
      CROSS JOIN LATERAL jsonb_array_elements(
        CASE WHEN jsonb_typeof(i.intl_dept_hours) = 'array' THEN i.intl_dept_hours ELSE '[]'::jsonb END) h`;
    hoursCache = { generation, hours };
    hours.catch(() => (hoursCache = undefined));
  }
  return hoursCache!.hours;
}

const WEEK_MINUTES = 7 * 24 * 60;
const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Milliseconds from `now` to the next Beijing midnight or opening/closing time in
 * `hours` (a minute of the week). Beijing has no daylight saving time.
 */
export function msToNextChange(hours: readonly Transition[], now: number): number {
  const p = zonedParts(new Date(now), BEIJING);
  const at = p.weekday * 1440 + p.hour * 60 + p.minute + p.second / 60 + (now % 1000) / 60_000;
  const marks = [0, 1, 2, 3, 4, 5, 6].map((d) => d * 1440);
  for (const h of hours)
    if (/^\d{2}:\d{2}$/.test(h.open) && /^\d{2}:\d{2}$/.test(h.close) && h.weekday >= 0 && h.weekday <= 6)
      marks.push(h.weekday * 1440 + minuteOf(h.open), h.weekday * 1440 + minuteOf(h.close));
  let next = Infinity;
  for (const m of marks) {
    const ahead = m > at ? m - at : m + WEEK_MINUTES - at;
    if (ahead > 0 && ahead < next) next = ahead;
  }
  return Math.round(next * 60_000);
}

/** The generations of `tags` and how long the page may be kept, read from `db` in two statements at most. */
export async function readSnapshot(
  db: DbClient,
  tags: readonly string[],
  now = Date.now(),
): Promise<PageSnapshot> {
  const wanted = [...new Set([...tags, "catalogue"])];
  const rows = await db.$queryRaw<{ tag: string; generation: string; age: number }[]>`
    SELECT t.tag, coalesce(c.generation, 0)::text AS generation,
           coalesce(extract(epoch FROM clock_timestamp() - c.bumped_at), 1e9)::float8 AS age
    FROM unnest(${wanted}::text[]) AS t(tag) LEFT JOIN cache_tag c ON c.tag = t.tag`;
  const generations = new Map<string, string>();
  for (const row of rows) if (tags.includes(row.tag)) generations.set(row.tag, row.generation);
  const hours = await allHours(db, rows.find((r) => r.tag === "catalogue")?.generation ?? "0");
  let validUntil = now + Math.min(MAX_AGE_MS, msToNextChange(hours, now));
  // With replicas, the render may read one up to READ_YOUR_WRITES_SECONDS behind: a page
  // rendered that soon after a bump of its tags is kept only until that window ends.
  const settings = env();
  const window =
    (settings.DATABASE_REPLICA_URLS.length > 0 ? settings.READ_YOUR_WRITES_SECONDS : 0) + BUMP_SLACK_SECONDS;
  for (const row of rows)
    if (tags.includes(row.tag) && row.age < window)
      validUntil = Math.min(validUntil, now + (window - row.age) * 1000);
  return { generations, validUntil };
}
