// Every environment variable the portal reads, validated once with zod.
// A wrong value stops the start with one line naming the variable.
import { z } from "zod";
import { splitTrustedProxies, trustedProxyProblem } from "./net/client-address";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const port = (fallback: number, min = 1) =>
  z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be between ${min} and 65535`)
    .max(65535, `must be between ${min} and 65535`)
    .default(fallback);

/** A whole number of milliseconds within [min, max]. */
const millis = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: "must be a number of milliseconds" })
    .int("must be a whole number of milliseconds")
    .min(min, `must be between ${min} and ${max} milliseconds`)
    .max(max, `must be between ${min} and ${max} milliseconds`)
    .default(fallback);

/**
 * The longest lock wait the settings allow. The use cases' interactive
 * transactions give up after 15 s (Prisma's `timeout`); a lock wait must end,
 * as a clean 503, well before that.
 */
export const MAX_LOCK_TIMEOUT_MS = 10_000;

/** BOOKING_RETENTION_DAYS: 3 years by default (3 x 365 days), within 30 days and 100 years. */
export const DEFAULT_RETENTION_DAYS = 1095;
export const MIN_RETENTION_DAYS = 30;
export const MAX_RETENTION_DAYS = 36_500;

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, "must be a postgresql:// connection string")
      .optional(),
  ),
  PORT: port(3000),
  PUBLIC_BASE_URL: optionalString.pipe(z.url("must be an absolute http(s) URL").optional()),
  PORTAL_DATA_DIR: z.string().trim().min(1, "must not be empty").default(".data"),
  /** 32 random bytes, base64: encrypts passport and policy numbers, derives manage tokens. */
  DATA_ENCRYPTION_KEY: optionalString.pipe(
    z
      .string()
      .refine(
        (v) => Buffer.from(v, "base64").length === 32,
        "must be 32 random bytes in base64 (openssl rand -base64 32)",
      )
      .optional(),
  ),
  /** smtp(s)://user:pass@host:port; without it e-mails are written as .eml files under PORTAL_DATA_DIR/mail. */
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/.+/, "must be an smtp:// or smtps:// URL")
      .optional(),
  ),
  MAIL_FROM: z.string().trim().min(3).default("International Patient Portal <no-reply@portal.localhost>"),
  /** 0 lets the system pick any free port. */
  EMBEDDED_PG_PORT: port(54329, 0),
  /** Longest any one SQL statement of the app may run before Postgres cancels it (57014 → 503). */
  DB_STATEMENT_TIMEOUT_MS: millis(5_000, 100, 600_000),
  /** Longest a statement may wait for a row or table lock before Postgres gives up (55P03 → 503). */
  DB_LOCK_TIMEOUT_MS: millis(2_000, 100, MAX_LOCK_TIMEOUT_MS),
  /** Connections per app process to PostgreSQL. */
  DB_POOL_MAX: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 1000")
    .max(1000, "must be between 1 and 1000")
    .default(10),
  /** Longest a request waits for a free (or new) connection before it is answered 503. */
  DB_POOL_WAIT_MS: millis(3_000, 100, 60_000),
  /**
   * Proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, IPv4
   * and IPv6, comma-separated). Empty: every limit keys on the TCP peer and the
   * header is ignored (lib/net/client-address.ts).
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((value, ctx) => {
      const entries = splitTrustedProxies(value);
      const problem = entries.map(trustedProxyProblem).find(Boolean);
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }
      return entries;
    }),
  /**
   * Days after a visit's end before the background worker anonymizes its booking
   * (PIPL; lib/booking/retention.ts). Three years: China's general limitation
   * period for civil claims (Civil Code art. 188). At least 30, so staff can
   * still close the visits of the past weeks.
   */
  BOOKING_RETENTION_DAYS: z.coerce
    .number({ error: "must be a number of days" })
    .int("must be a whole number of days")
    .min(MIN_RETENTION_DAYS, `must be between ${MIN_RETENTION_DAYS} and ${MAX_RETENTION_DAYS} days`)
    .max(MAX_RETENTION_DAYS, `must be between ${MIN_RETENTION_DAYS} and ${MAX_RETENTION_DAYS} days`)
    .default(DEFAULT_RETENTION_DAYS),
  /**
   * Read replicas of DATABASE_URL (comma-separated postgresql:// URLs). Public
   * catalogue reads go to one of them; writes, a client's reads for
   * READ_YOUR_WRITES_SECONDS after it wrote, and every console page go to the
   * primary (lib/db/replicas.ts). Empty: everything on the primary.
   */
  DATABASE_REPLICA_URLS: z
    .string()
    .default("")
    .transform((value, ctx) => {
      const urls = value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean);
      const bad = urls.find((url) => !/^postgres(ql)?:\/\/.+/.test(url));
      if (bad !== undefined) {
        ctx.addIssue({ code: "custom", message: "must be comma-separated postgresql:// connection strings" });
        return z.NEVER;
      }
      return urls;
    }),
  /** Seconds a client that wrote (hold, booking, console change) reads from the primary only. */
  READ_YOUR_WRITES_SECONDS: z.coerce
    .number({ error: "must be a number of seconds" })
    .int("must be a whole number of seconds")
    .min(1, "must be between 1 and 3600 seconds")
    .max(3600, "must be between 1 and 3600 seconds")
    .default(15),
  /** pino's level for the JSON log on stdout. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Bearer token for GET /api/metrics (Prometheus text format). Unset: that route
   * answers 404, and metrics are only on METRICS_PORT, if set.
   */
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  /** A second listener, on 127.0.0.1, serving only /metrics (for a Prometheus on the same host). Unset: none. */
  METRICS_PORT: z
    .string()
    .trim()
    .default("")
    .transform((value, ctx) => {
      if (value === "") return undefined;
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 65535) {
        ctx.addIssue({ code: "custom", message: "must be a port between 1 and 65535" });
        return z.NEVER;
      }
      return n;
    }),
  /** Longest a SIGTERM waits for requests in flight and the worker before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: millis(10_000, 1_000, 120_000),
  /**
   * The rendered-page cache of the public catalogue pages (lib/cache/page-cache.ts): "on" keeps
   * each page's HTML until an edit, an import or an availability change it depends on; "off"
   * renders every request (what `npm run bench` compares against).
   */
  PAGE_CACHE: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
  /** Most pages the rendered-page cache keeps per instance (least recently used go first). */
  PAGE_CACHE_MAX_ENTRIES: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(10, "must be between 10 and 100000")
    .max(100_000, "must be between 10 and 100000")
    .default(2_000),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** Parses an environment; throws EnvError whose message names the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? "environment");
  throw new EnvError(`Invalid environment variable ${name}: ${issue.message} (see .env.example).`);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Base URL for absolute links (hreflang, e-mails): PUBLIC_BASE_URL or localhost:PORT. */
export function publicBaseUrl(): string {
  const e = env();
  return (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
}
