// Interactive transactions for the use cases that change bookings, slots and
// months. Locks are always taken in one order (docs/decisions/0011), so a
// deadlock should not happen; if PostgreSQL still reports one (or a
// serialization failure), the transaction is run again from the start, and a
// race that keeps losing ends as a clean 409 CONFLICT, never a 500.
// Each call is a "db.transaction" span (lib/observability/trace.ts) holding its
// attempts, whose queries are Prisma's spans (prisma:client:transaction, …).
import { AppError } from "../errors";
import { traced } from "../observability/trace";
import type { DbClient, TxClient } from "./create-client";

const RETRYABLE_CODES = new Set(["40P01", "40001", "P2034"]);
const RETRYABLE_MESSAGES = [
  /deadlock detected/i,
  /could not serialize access/i,
  /write conflict or a deadlock/i,
];

/** True when the error (or one in its cause chain) is a deadlock or a serialization failure. */
export function isRetryableConflict(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown };
    if (typeof e.code === "string" && RETRYABLE_CODES.has(e.code)) return true;
    const text = `${typeof e.message === "string" ? e.message : ""} ${e.meta ? JSON.stringify(e.meta) : ""}`;
    if (RETRYABLE_MESSAGES.some((re) => re.test(text)) || /"(40P01|40001)"/.test(text)) return true;
    const original = (e.cause as { originalCode?: unknown } | undefined)?.originalCode;
    if (typeof original === "string" && RETRYABLE_CODES.has(original)) return true;
    current = e.cause;
  }
  return false;
}

export interface TransactionOptions {
  /** How long to wait for a connection from the pool, in ms. */
  maxWait?: number;
  /** How long the whole transaction may take, in ms. */
  timeout?: number;
  /** Runs after a deadlock or serialization failure before answering CONFLICT. */
  retries?: number;
}

export async function inTransaction<T>(
  db: DbClient,
  work: (tx: TxClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const { maxWait = 15_000, timeout = 15_000, retries = 2 } = options;
  return traced("db.transaction", { "db.transaction.max_retries": retries }, async (span) => {
    for (let attempt = 0; ; attempt++) {
      span.setAttribute("db.transaction.attempts", attempt + 1);
      try {
        return await db.$transaction(work, { maxWait, timeout });
      } catch (error) {
        if (!isRetryableConflict(error)) throw error;
        span.addEvent("db.transaction.conflict", { attempt: attempt + 1 });
        if (attempt >= retries) throw new AppError("CONFLICT", { cause: error, detail: "lost a race" });
      }
    }
  });
}
