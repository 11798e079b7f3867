// Abuse limits with counters in Postgres (fixed windows), so every app
// instance shares them. Over the limit: RATE_LIMITED (429) with Retry-After.
// Counters are keyed by the limit's name and sha256 of the subject: no e-mail
// or client address is stored in the clear. Per-address limits key an IPv6
// client by its /64 (lib/http/client-address.ts, addressSubject).
import { sha256 } from "../crypto/secrets";
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { addressSubject } from "./client-address";

export interface Limit {
  name: string;
  max: number;
  windowSeconds: number;
}

export const LIMITS = {
  holdsPerAddress: { name: "hold:address", max: 30, windowSeconds: 600 },
  bookingsPerAddress: { name: "booking:address", max: 10, windowSeconds: 3600 },
  bookingsPerEmail: { name: "booking:email", max: 5, windowSeconds: 3600 },
} satisfies Record<string, Limit>;

/** Counts one request against `limit` for `subject`; throws RATE_LIMITED past the maximum. */
export async function consume(db: DbClient, limit: Limit, subject: string): Promise<void> {
  const key = `${limit.name}:${sha256(subject)}`;
  const [row] = await db.$queryRaw<{ count: number; retry_after: number }[]>`
    INSERT INTO rate_limit (key, window_start, count)
    VALUES (${key}, date_bin(make_interval(secs => ${limit.windowSeconds}), now(), TIMESTAMPTZ '2000-01-01'), 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit.window_start = EXCLUDED.window_start THEN rate_limit.count + 1 ELSE 1 END,
      window_start = EXCLUDED.window_start
    RETURNING count, ceil(extract(epoch FROM window_start + make_interval(secs => ${limit.windowSeconds}) - now()))::int AS retry_after`;
  if (row && row.count > limit.max)
    throw new AppError("RATE_LIMITED", { retryAfterSeconds: Math.max(1, Number(row.retry_after)) });
}

export async function limitHolds(db: DbClient, address: string): Promise<void> {
  await consume(db, LIMITS.holdsPerAddress, addressSubject(address));
}

/** Per client address, and per e-mail address when the body names one. */
export async function limitBookings(db: DbClient, address: string, body: unknown): Promise<void> {
  await consume(db, LIMITS.bookingsPerAddress, addressSubject(address));
  const email = body && typeof body === "object" ? (body as { email?: unknown }).email : undefined;
  if (typeof email === "string" && email.includes("@"))
    await consume(db, LIMITS.bookingsPerEmail, email.trim().toLowerCase());
}

export async function pruneRateLimits(db: DbClient): Promise<number> {
  return db.$executeRaw`DELETE FROM rate_limit WHERE window_start < now() - interval '1 day'`;
}
