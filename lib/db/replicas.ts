import "server-only";
// Read routing (ADR 0028): public catalogue reads (finder, institution and
// package pages, city guides, sitemap, their /api/v1 GETs) may go to a read
// replica of DATABASE_URL; everything else stays on the primary (getDb()).
//
// A read goes to the primary instead when
//   (a) no replica is configured (DATABASE_REPLICA_URLS empty),
//   (b) the client wrote within READ_YOUR_WRITES_SECONDS (lib/db/read-your-writes.ts),
//   (c) the replica is down: a query that fails to reach it is run once more on
//       the primary, and the replica is left alone for DOWN_MS (logged once),
//   (d) the replica lags more than READ_YOUR_WRITES_SECONDS behind the primary,
//       measured at most once a second (two one-row queries): past that bound the
//       cookie of (b) would expire before the client's write reached the replica.
// Not Prisma's read-replicas extension: it sends $queryRaw (most catalogue
// reads) to the primary, and it cannot see the request, a lag or an outage.
import { childLog } from "../observability/log";
import { classifyDatabaseError } from "../errors";
import { env } from "../env";
import { getDb } from "./client";
import { createDbClient, dbOptionsFromEnv, type DbClient } from "./create-client";
import { wroteRecently, type HeaderSource } from "./read-your-writes";
import { provideReplicaStatus, type ReplicaStatus } from "./replica-status";

export type { ReplicaStatus };

/** How long a replica that failed a query or a check is not used. */
export const DOWN_MS = 5_000;
/** Lag is measured at most this often per replica. */
const CHECK_EVERY_MS = 1_000;
/** A lag measured longer ago than this is not trusted: the replica is not used until measured again. */
const TRUST_LAG_MS = 5_000;
/** A check that takes longer marks the replica down. */
const CHECK_TIMEOUT_MS = 1_000;
/** Samples of the primary's WAL position kept to date a replica's position (one per check at most). */
const MAX_SAMPLES = 600;

const log = childLog({ component: "db-replicas" });

interface Replica {
  role: string;
  client: DbClient;
  /** The client reads go through: a failure to reach the replica is retried on the primary. */
  routed: DbClient;
  downUntil: number;
  down: boolean;
  lagSeconds: number | undefined;
  lagging: boolean;
  /** When the last successful check ended. */
  checkedAt: number;
  checking: Promise<void> | undefined;
}

/** "16/B374D848" → a number of bytes (exact up to 2^53, i.e. 8 PiB of WAL). */
export function lsnToNumber(lsn: string): number {
  const [hi, lo] = lsn.split("/");
  return parseInt(hi!, 16) * 2 ** 32 + parseInt(lo!, 16);
}

/**
 * SQLSTATEs that say this replica cannot serve at all, besides an outage (lib/errors.ts): a
 * database not accepting connections (55000), or a URL that names a missing database or
 * a refused login (3D000, 28000, 28P01). The primary may well answer.
 */
const CANNOT_SERVE = new Set(["55000", "3D000", "28000", "28P01"]);

/** True when a failed replica query should run once more on the primary. */
export function replicaCannotServe(error: unknown): boolean {
  const failure = classifyDatabaseError(error);
  if (failure === "unavailable" || failure === "conflict") return true;
  const seen = new Set<unknown>();
  for (let e = error as Record<string, unknown> | undefined; e && typeof e === "object" && !seen.has(e);) {
    seen.add(e);
    const message = typeof e.message === "string" ? e.message : "";
    const codes = [e.code, e.originalCode, /Code: `([0-9A-Z]{5})`/.exec(message)?.[1]];
    if (codes.some((code) => typeof code === "string" && CANNOT_SERVE.has(code))) return true;
    const meta = e.meta as { driverAdapterError?: unknown } | undefined;
    e = (meta?.driverAdapterError ?? e.cause) as Record<string, unknown> | undefined;
  }
  return false;
}

/** A short, data-free name for a failure in the log: the adapter's kind or SQLSTATE, else Prisma's code. */
function errorCode(error: unknown): string {
  const e = error as {
    code?: unknown;
    message?: unknown;
    cause?: { originalCode?: unknown };
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
  };
  const cause = e?.meta?.driverAdapterError?.cause;
  const quoted = typeof e?.message === "string" ? /Code: `([0-9A-Z]{5})`/.exec(e.message)?.[1] : undefined;
  for (const code of [cause?.originalCode, e?.cause?.originalCode, quoted, cause?.kind, e?.code])
    if (typeof code === "string" && code !== "N/A") return code;
  return error instanceof Error ? error.name : "unknown";
}

export class ReadRouter {
  private readonly replicas: Replica[];
  /** The primary's WAL position over time: a replica at position p holds everything written before the time of p. */
  private readonly samples: { at: number; lsn: number }[] = [];
  private turn = 0;

  constructor(
    urls: string[],
    private readonly primary: () => DbClient,
    private readonly maxLagSeconds: number,
    makeClient: (url: string, role: string) => DbClient,
    private readonly now: () => number = Date.now,
  ) {
    this.replicas = urls.map((url, i) => {
      const role = `replica-${i + 1}`;
      const client = makeClient(url, role);
      const replica: Replica = {
        role,
        client,
        routed: client,
        downUntil: 0,
        down: false,
        lagSeconds: undefined,
        lagging: false,
        checkedAt: 0,
        checking: undefined,
      };
      replica.routed = this.withFallback(replica);
      return replica;
    });
  }

  get size(): number {
    return this.replicas.length;
  }

  /** The client for one catalogue read: a usable replica in turn, else the primary. */
  async client(readsPrimary: boolean): Promise<DbClient> {
    if (readsPrimary || this.replicas.length === 0) return this.primary();
    // A replica measured within TRUST_LAG_MS is used on what was known then and measured again in
    // the background; one not measured for longer (never, idle, or back from DOWN_MS) is waited
    // for, at most CHECK_TIMEOUT_MS, so its first read after a pause does not go to the primary.
    await Promise.all(this.replicas.map((r) => this.refresh(r, this.now() - r.checkedAt >= TRUST_LAG_MS)));
    const usable = this.replicas.filter((r) => this.isUsable(r));
    if (usable.length === 0) return this.primary();
    return usable[this.turn++ % usable.length]!.routed;
  }

  status(): ReplicaStatus[] {
    return this.replicas.map((r) => ({
      role: r.role,
      usable: this.isUsable(r),
      down: r.down,
      lagSeconds: r.lagSeconds,
    }));
  }

  /** Measures every replica now (metrics, ready detail, tests) and answers their status. */
  async measure(): Promise<ReplicaStatus[]> {
    await Promise.all(this.replicas.map((r) => this.refresh(r, true, true)));
    return this.status();
  }

  async close(): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.client.$disconnect()));
  }

  private isUsable(r: Replica): boolean {
    const now = this.now();
    return !r.down && now >= r.downUntil && !r.lagging && now - r.checkedAt < TRUST_LAG_MS;
  }

  private refresh(r: Replica, wait: boolean, force = false): Promise<void> {
    const now = this.now();
    if (!force && (now < r.downUntil || now - r.checkedAt < CHECK_EVERY_MS)) return Promise.resolve();
    r.checking ??= this.check(r).finally(() => (r.checking = undefined));
    return wait ? r.checking : Promise.resolve();
  }

  /** Primary first, then the replica: a replica at or past the primary's position holds every write before it. */
  private async check(r: Replica): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("replica check timed out")), CHECK_TIMEOUT_MS);
    });
    try {
      const measured = await Promise.race([this.measureLag(r), timeout]);
      r.lagSeconds = measured;
      r.checkedAt = this.now();
      this.markUp(r);
      const lagging = measured > this.maxLagSeconds;
      if (lagging !== r.lagging)
        log.warn(
          { replica: r.role, lagSeconds: Math.round(measured * 10) / 10, maxLagSeconds: this.maxLagSeconds },
          lagging
            ? "replica lags too far: its reads go to the primary"
            : "replica caught up: reads go to it again",
        );
      r.lagging = lagging;
    } catch (error) {
      this.markDown(r, error);
    } finally {
      clearTimeout(timer);
    }
  }

  private async measureLag(r: Replica): Promise<number> {
    const at = this.now();
    const [primary] = await this.primary().$queryRaw<
      { lsn: string }[]
    >`SELECT pg_current_wal_lsn()::text AS lsn`;
    const [replica] = await r.client.$queryRaw<
      { recovering: boolean; replay: string | null; sinceReplay: number | null }[]
    >`SELECT pg_is_in_recovery() AS recovering, pg_last_wal_replay_lsn()::text AS replay,
             extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS "sinceReplay"`;
    const primaryLsn = lsnToNumber(primary!.lsn);
    this.samples.push({ at, lsn: primaryLsn });
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
    // A server that is not in recovery is no replica of anything (a promoted one, or a test's
    // stand-in): there is nothing to replay, so no lag to measure.
    if (!replica!.recovering || replica!.replay === null) return 0;
    const replayed = lsnToNumber(replica!.replay);
    if (replayed >= primaryLsn) return 0;
    // The latest moment the primary was at or before the replica's position: the replica has
    // everything written until then. Without one (just started), the age of its last replayed
    // transaction, which can only overstate the lag.
    const caughtUpTo = this.samples.findLast((s) => s.lsn <= replayed);
    if (caughtUpTo) return Math.max(0, (this.now() - caughtUpTo.at) / 1000);
    return replica!.sinceReplay ?? Number.POSITIVE_INFINITY;
  }

  private markDown(r: Replica, error: unknown): void {
    r.downUntil = this.now() + DOWN_MS;
    if (r.down) return;
    r.down = true;
    log.warn(
      { replica: r.role, code: errorCode(error), retryInMs: DOWN_MS },
      "replica unreachable: its reads go to the primary",
    );
  }

  private markUp(r: Replica): void {
    if (!r.down) return;
    r.down = false;
    log.info({ replica: r.role }, "replica reachable again");
  }

  /**
   * The replica's client with one rule added: a query that cannot reach it, times out or is
   * cancelled by a recovery conflict (replicaCannotServe) runs once more on the primary. Inside a transaction it
   * cannot (the transaction is on the replica); catalogue reads use none.
   */
  private withFallback(r: Replica): DbClient {
    const primary = this.primary;
    const markDown = (error: unknown) => this.markDown(r, error);
    return r.client.$extends({
      query: {
        async $allOperations({ model, operation, args, query, ...rest }) {
          const internal = (rest as { __internalParams?: { transaction?: unknown } }).__internalParams;
          try {
            return await query(args);
          } catch (error) {
            if (internal?.transaction || !replicaCannotServe(error)) throw error;
            // A recovery conflict cancels one query; the replica itself is fine.
            if (classifyDatabaseError(error) !== "conflict") markDown(error);
            const db = primary() as unknown as Record<string, unknown>;
            if (model) {
              const delegate = db[model.charAt(0).toLowerCase() + model.slice(1)] as Record<
                string,
                (a: unknown) => Promise<unknown>
              >;
              return delegate[operation]!(args);
            }
            // $queryRaw's args are its Sql ({ strings, values }); $queryRawUnsafe's a list.
            const method = db[operation] as (...a: unknown[]) => Promise<unknown>;
            return Array.isArray(args) ? method.apply(db, args) : method.call(db, args);
          }
        },
      },
    }) as unknown as DbClient;
  }
}

const key = Symbol.for("portal.readRouter");
const holder = globalThis as unknown as { [key]?: ReadRouter };

/** The process's router, from DATABASE_REPLICA_URLS and READ_YOUR_WRITES_SECONDS (kept across bundles). */
export function readRouter(): ReadRouter {
  if (!holder[key]) {
    const settings = env();
    holder[key] = new ReadRouter(
      settings.DATABASE_REPLICA_URLS,
      getDb,
      settings.READ_YOUR_WRITES_SECONDS,
      (url, role) => createDbClient(url, { ...dbOptionsFromEnv(settings), poolRole: role }),
    );
    const router = holder[key];
    if (router.size > 0) provideReplicaStatus(() => router.measure());
  }
  return holder[key];
}

/**
 * The client for a public catalogue read in this request: a replica, or the
 * primary by rules (a)–(d) above. `headers`: the request's (route handlers:
 * `request.headers`; pages: `await headers()`).
 */
export function readDb(headers: HeaderSource): Promise<DbClient> {
  const router = readRouter();
  if (router.size === 0) return Promise.resolve(getDb());
  return router.client(wroteRecently(headers));
}

/** Closes the replicas' pools (shutdown, tests); the next read opens them again. */
export async function closeReadReplicas(): Promise<void> {
  const router = holder[key];
  holder[key] = undefined;
  provideReplicaStatus(undefined);
  await router?.close();
}
