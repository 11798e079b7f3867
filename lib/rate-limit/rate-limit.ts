// Abuse limits with counters in Postgres (fixed windows), so every app
// instance shares them. Over the limit: RATE_LIMITED (429) with Retry-After.
// Counters are keyed by the limit's name and a keyed pseudonym of the subject
// (HMAC under a secret derived from DATA_ENCRYPTION_KEY): no e-mail or client
// address is stored in the clear, nor as a hash anyone could recompute. Per-address limits key an IPv6
// client by its /64 (lib/net/client-address.ts, addressSubject).
import { pseudonym } from "../crypto/secrets";
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { addressSubject } from "../net/client-address";

export interface Limit {
  name: string;
  max: number;
  windowSeconds: number;
}

export const LIMITS = {
  holdsPerAddress: { name: "hold:address", max: 30, windowSeconds: 600 },
  bookingsPerAddress: { name: "booking:address", max: 10, windowSeconds: 3600 },
  bookingsPerEmail: { name: "booking:email", max: 5, windowSeconds: 3600 },
  /** Wrong manage tokens (or references) per client address; right ones are not counted. */
  manageTokenFailures: { name: "manage-token:address", max: 30, windowSeconds: 600 },
  /** "Send me my booking link again" (lib/booking/resend-manage-link.ts): every request counts, match or not. */
  manageLinkResendsPerAddress: { name: "manage-link:address", max: 10, windowSeconds: 3600 },
  /** The same, per e-mail address asked about: a mailbox gets few of these, whoever asks. */
  manageLinkResendsPerEmail: { name: "manage-link:email", max: 5, windowSeconds: 3600 },
} satisfies Record<string, Limit>;

/** One request counted against a limit; `release` takes it back (e.g. it turned out not to be a failure). */
export interface Reservation {
  key: string;
  windowStart: Date;
}

const keyOf = (limit: Limit, subject: string) => `${limit.name}:${pseudonym("rate-limit", subject)}`;

/** Counts one request against `limit` for `subject`; throws RATE_LIMITED past the maximum. */
export async function consume(db: DbClient, limit: Limit, subject: string): Promise<void> {
  await consumeAll(db, [{ limit, subject }]);
}

/**
 * Counts one request against every limit given, in ONE statement (one round
 * trip however many limits a request has, keys upserted in key order so two
 * requests never deadlock); throws RATE_LIMITED when any is past its maximum,
 * with the longest wait of those. Every counter is counted, refused or not.
 * The statement commits without waiting for its WAL flush (synchronous_commit
 * off for its own transaction only): a crash may forget the last fraction of
 * a second of counts, never a booking or a hold (ADR 0032).
 */
export async function consumeAll(
  db: DbClient,
  counted: readonly { limit: Limit; subject: string }[],
): Promise<void> {
  const byKey = new Map(counted.map(({ limit, subject }) => [keyOf(limit, subject), limit]));
  const keys = [...byKey.keys()].sort();
  const rows = await db.$queryRaw<{ key: string; count: number; window_start_epoch: number; now: number }[]>`
    WITH no_flush AS (SELECT set_config('synchronous_commit', 'off', true))
    INSERT INTO rate_limit (key, window_start, count)
    SELECT u.key, date_bin(make_interval(secs => u.secs), now(), TIMESTAMPTZ '2000-01-01'), 1
    FROM no_flush, unnest(${keys}::text[], ${keys.map((k) => byKey.get(k)!.windowSeconds)}::int[]) WITH ORDINALITY AS u(key, secs, n)
    ORDER BY u.n
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit.window_start = EXCLUDED.window_start THEN rate_limit.count + 1 ELSE 1 END,
      window_start = EXCLUDED.window_start
    RETURNING key, count, extract(epoch FROM window_start)::float8 AS window_start_epoch, extract(epoch FROM now())::float8 AS now`;
  let retryAfterSeconds = 0;
  for (const row of rows) {
    const limit = byKey.get(row.key)!;
    if (Number(row.count) > limit.max)
      retryAfterSeconds = Math.max(
        retryAfterSeconds,
        Math.ceil(Number(row.window_start_epoch) + limit.windowSeconds - Number(row.now)),
        1,
      );
  }
  if (retryAfterSeconds) throw new AppError("RATE_LIMITED", { retryAfterSeconds });
}

/** consume(), keeping what `release` needs to take the request back. */
export async function reserve(db: DbClient, limit: Limit, subject: string): Promise<Reservation> {
  const key = keyOf(limit, subject);
  const [row] = await db.$queryRaw<{ count: number; retry_after: number; window_start: Date }[]>`
    INSERT INTO rate_limit (key, window_start, count)
    VALUES (${key}, date_bin(make_interval(secs => ${limit.windowSeconds}), now(), TIMESTAMPTZ '2000-01-01'), 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit.window_start = EXCLUDED.window_start THEN rate_limit.count + 1 ELSE 1 END,
      window_start = EXCLUDED.window_start
    RETURNING count, window_start,
      ceil(extract(epoch FROM window_start + make_interval(secs => ${limit.windowSeconds}) - now()))::int AS retry_after`;
  if (row && row.count > limit.max)
    throw new AppError("RATE_LIMITED", { retryAfterSeconds: Math.max(1, Number(row.retry_after)) });
  return { key, windowStart: row!.window_start };
}

/** Takes a counted request back, if its window is still the current one. */
export async function release(db: DbClient, reservation: Reservation): Promise<void> {
  await db.$executeRaw`
    UPDATE rate_limit SET count = count - 1
    WHERE key = ${reservation.key} AND window_start = ${reservation.windowStart} AND count > 0`;
}

/** How many requests `subject` has counted in the current window of `limit` (nothing is counted). */
export async function currentCount(db: DbClient, limit: Limit, subject: string): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count FROM rate_limit
    WHERE key = ${keyOf(limit, subject)}
      AND window_start = date_bin(make_interval(secs => ${limit.windowSeconds}), now(), TIMESTAMPTZ '2000-01-01')`;
  return row ? Number(row.count) : 0;
}

/**
 * Counts only failures: `run` is counted against `limit` while it runs (so a
 * burst of concurrent attempts cannot overtake the counter) and given back
 * unless `isFailure` says the error it threw is one. Over the limit, `run`
 * does not run at all: RATE_LIMITED.
 */
export async function countingFailures<T>(
  db: DbClient,
  limits: readonly { limit: Limit; subject: string }[],
  run: () => Promise<T>,
  isFailure: (error: unknown) => boolean | Promise<boolean>,
): Promise<T> {
  const reservations: Reservation[] = [];
  const giveBack = () => Promise.all(reservations.map((r) => release(db, r)));
  try {
    for (const { limit, subject } of limits) reservations.push(await reserve(db, limit, subject));
  } catch (error) {
    // A refused attempt checks nothing: it leaves the other counters as they were.
    await giveBack();
    throw error;
  }
  try {
    const result = await run();
    await giveBack();
    return result;
  } catch (error) {
    if (!(await isFailure(error))) await giveBack();
    throw error;
  }
}

export async function limitHolds(db: DbClient, address: string): Promise<void> {
  await consume(db, LIMITS.holdsPerAddress, addressSubject(address));
}

/** Per client address, and per e-mail address when the body names one: both counters in one statement. */
export async function limitBookings(db: DbClient, address: string, body: unknown): Promise<void> {
  const email = body && typeof body === "object" ? (body as { email?: unknown }).email : undefined;
  await consumeAll(db, [
    { limit: LIMITS.bookingsPerAddress, subject: addressSubject(address) },
    ...(typeof email === "string" && email.includes("@")
      ? [{ limit: LIMITS.bookingsPerEmail, subject: email.trim().toLowerCase() }]
      : []),
  ]);
}

/**
 * A request to resend a manage link, per client address and per e-mail address asked about
 * (counted whether or not a booking matches, so the limit says nothing about one).
 */
export async function limitManageLinkResends(db: DbClient, address: string, email: string): Promise<void> {
  await consumeAll(db, [
    { limit: LIMITS.manageLinkResendsPerAddress, subject: addressSubject(address) },
    { limit: LIMITS.manageLinkResendsPerEmail, subject: email.trim().toLowerCase() },
  ]);
}

export async function pruneRateLimits(db: DbClient): Promise<number> {
  return db.$executeRaw`DELETE FROM rate_limit WHERE window_start < now() - interval '1 day'`;
}
