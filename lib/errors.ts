// The application's typed errors. A domain use case throws AppError with a
// stable code; lib/http/errors.ts maps it once to a status and a localized message.
import type { ZodError } from "zod";

export const errorStatus = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  CONFLICT: 409,
  SLOT_FULL: 409,
  QUOTA_EXCEEDED: 409,
  HOLD_EXPIRED: 410,
  HOLD_ALREADY_EXTENDED: 409,
  CANCELLATION_WINDOW_CLOSED: 409,
  BOOKING_CHANGED: 409,
  INVALID_TRANSITION: 409,
  LINK_INVALID: 410,
  VOLUME_LOCKED: 409,
  VOLUME_BELOW_USED: 409,
  DIRECT_BILLING_UNAVAILABLE: 409,
  GUARANTEE_NOT_DENIED: 409,
  STANDARD_NOT_MET: 409,
  GUIDE_INCOMPLETE: 409,
  /** A catalogue import already applied, applying or failed: one apply per dry run. */
  IMPORT_NOT_PLANNED: 409,
  /** The catalogue changed since the dry run (its plan no longer holds): check the file again. */
  IMPORT_STALE: 409,
  OFFERING_RETIRED: 409,
  OFFERING_HAS_BOOKINGS: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** An uploaded catalogue file refused whole (Errors.reasons.import*: not XLSX/CSV, macro, zip bomb, not UTF-8, too big). */
  IMPORT_FILE_REJECTED: 400,
  IDEMPOTENCY_MISMATCH: 422,
  /** A catalogue import whose dry run has errors: nothing is applied until the file is fixed. */
  IMPORT_HAS_ERRORS: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
  /** This instance is not ready (a migration missing, its outbox worker stopped, shutting down): /api/health/ready. */
  NOT_READY: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

/** What is wrong with one input field; each has a localized sentence in Errors.fields. */
export type FieldProblem =
  | "required"
  | "invalid"
  | "tooLong"
  | "tooShort"
  | "outOfRange"
  | "mismatch"
  | "taken"
  | "unknown"
  | "overlap"
  | "inPast"
  | "belowBooked"
  | "notOffered"
  /** A slot with bookings or live holds that a change would remove or move (ADR 0022). */
  | "hasBookings";

/** Seconds a client is told to wait (Retry-After) before retrying after a database outage. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Readonly<Record<string, FieldProblem>>;
  /** Seconds until a retry can succeed (the Retry-After header): RATE_LIMITED, DATABASE_UNAVAILABLE. */
  readonly retryAfterSeconds?: number;
  /** Numbers the localized message states (e.g. VOLUME_BELOW_USED: the cap and what is booked). */
  readonly values?: Readonly<Record<string, number | string>>;
  /** Why, more precisely than the code: its message is Errors.reasons.<reason> (e.g. INVALID_TRANSITION: "checkInNotYet"). */
  readonly reason?: string;

  constructor(
    code: ErrorCode,
    options: {
      fields?: Record<string, FieldProblem>;
      cause?: unknown;
      detail?: string;
      retryAfterSeconds?: number;
      values?: Record<string, number | string>;
      reason?: string;
    } = {},
  ) {
    super(options.detail ?? code, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fields = options.fields;
    this.retryAfterSeconds =
      options.retryAfterSeconds ??
      (code === "DATABASE_UNAVAILABLE" || code === "NOT_READY" ? DATABASE_RETRY_AFTER_SECONDS : undefined);
    this.values = options.values;
    this.reason = options.reason;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** Problems a schema's refinement may name in its message (ctx.addIssue / refine). */
const customProblems = new Set<FieldProblem>(["required", "mismatch", "inPast", "overlap", "outOfRange"]);

/** A VALIDATION_FAILED error naming each field zod rejected (the first problem per field). */
export function validationError(error: ZodError): AppError {
  const fields: Record<string, FieldProblem> = {};
  for (const issue of error.issues) {
    const problem: FieldProblem =
      // zod 4 leaves the input out of issues; its message says when nothing was given.
      issue.code === "invalid_type" && issue.input === undefined && /received undefined$/.test(issue.message)
        ? "required"
        : issue.code === "custom" && customProblems.has(issue.message as FieldProblem)
          ? (issue.message as FieldProblem)
          : (issue.code === "too_big" || issue.code === "too_small") && issue.origin === "number"
            ? "outOfRange"
            : issue.code === "too_big"
              ? "tooLong"
              : issue.code === "too_small" && issue.origin === "string" && issue.minimum === 1
                ? "required"
                : issue.code === "too_small" && issue.origin === "string" && issue.minimum !== 1
                  ? "tooShort"
                  : issue.code === "unrecognized_keys"
                    ? "unknown"
                    : "invalid";
    const names = issue.code === "unrecognized_keys" ? issue.keys : [issue.path.join(".") || "input"];
    for (const name of names) fields[name] ??= problem;
  }
  return new AppError("VALIDATION_FAILED", { fields, cause: error });
}

// What a failed database call can say, wherever it says it: node's socket
// errors, Postgres SQLSTATEs (pg's `code`, the adapter's `originalCode`), the
// adapter's error kinds, Prisma's error codes, and pg-pool's plain messages.
// Observed shapes (Prisma 6.19 + @prisma/adapter-pg 7.10, see tests/unit/errors.test.ts):
// - model queries: PrismaClientKnownRequestError P1001/P1017/P2034/P2037…, or the
//   adapter's DriverAdapterError itself, whose `cause` is { kind, originalCode, code };
// - raw queries: PrismaClientKnownRequestError P2010 "Raw query failed. Code: `55P03`",
//   with the DriverAdapterError in `meta.driverAdapterError`;
// - pool exhausted or unreachable in time: a plain Error "timeout exceeded when trying to connect".

/** The database is down, refuses, or is too slow right now: 503, retry later. */
const unavailableCodes = new Set([
  // node sockets
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  // Postgres, besides the whole classes below
  "55P03", // lock_not_available (lock_timeout)
  "25P03", // idle_in_transaction_session_timeout
  // Prisma
  "P1001", // can't reach the database server
  "P1002", // the server was reached but timed out
  "P1008", // operation timed out
  "P1017", // the server closed the connection
  "P2024", // timed out fetching a connection from the pool
  "P2037", // too many database connections opened
  // @prisma/adapter-pg error kinds
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
/**
 * Whole SQLSTATE classes: 08 connection exception, 53 insufficient resources
 * (53300 too_many_connections), 57 operator intervention (57014 query_canceled
 * by statement_timeout, 57P01 admin_shutdown, 57P03 cannot_connect_now).
 */
const unavailableClasses = /^(08|53|57)[0-9A-Z]{3}$/;
const unavailableMessages = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connect ECONNREFUSED/i,
  /Query read timeout/i,
  /Can't reach database server/i,
  /Server has closed the connection/i,
  /canceling statement due to (statement|lock) timeout/i,
  /sorry, too many clients already/i,
  /the database system is (shutting down|starting up|in recovery mode)/i,
  /Client has encountered a connection error and is not queryable/i,
  // Prisma's interactive transactions (P2028) when the pool or the database is too slow
  /Unable to start a transaction in the given time/i,
  /cannot be executed on an expired transaction/i,
];

/** Two transactions collided: the loser may simply retry. 409, never 500. */
const conflictCodes = new Set([
  "40001", // serialization_failure
  "40P01", // deadlock_detected
  "P2034", // Prisma: write conflict or deadlock
  "TransactionWriteConflict", // adapter kind for both
]);

/**
 * The database refused a value it was given, not the request's shape: text with a
 * NUL byte (22021 character_not_in_repertoire / invalid byte sequence) or a
 * character the encoding cannot hold (22P05 untranslatable_character). Input
 * is checked before any query; this is the safety net that keeps a missed
 * field a 400 rather than a 500.
 */
const badInputCodes = new Set(["22021", "22P05"]);
/**
 * Prisma cannot send a string holding half a surrogate pair ("\ud800" in JSON): same net.
 * It says so as "lone leading surrogate in hex escape", or, for a half pair at the
 * very end, "unexpected end of hex escape".
 */
const badInputMessages = [/lone (leading|trailing) surrogate/i, /unexpected end of hex escape/i];

type DatabaseFailure = "unavailable" | "conflict" | "badInput";

/** The SQLSTATE that Prisma's P2010 message quotes ("Raw query failed. Code: `55P03`"). */
const quotedCode = /Code: `([0-9A-Z]{5})`/;

function classifyCode(code: unknown): DatabaseFailure | undefined {
  if (typeof code !== "string") return undefined;
  if (unavailableCodes.has(code) || unavailableClasses.test(code)) return "unavailable";
  if (conflictCodes.has(code)) return "conflict";
  if (badInputCodes.has(code)) return "badInput";
  return undefined;
}

/**
 * What a database failure means for the caller, looking through the whole
 * error: its cause chain, Prisma's `meta.driverAdapterError`, the adapter's
 * `cause` object and AggregateError's `errors`. Undefined when it is neither.
 */
export function classifyDatabaseError(error: unknown): DatabaseFailure | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  let conflict = false;
  let badInput = false;
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const e = current as {
      code?: unknown;
      originalCode?: unknown;
      kind?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    const message = typeof e.message === "string" ? e.message : "";
    for (const code of [e.code, e.originalCode, e.kind, quotedCode.exec(message)?.[1]]) {
      const failure = classifyCode(code);
      if (failure === "unavailable") return failure;
      if (failure === "conflict") conflict = true;
      if (failure === "badInput") badInput = true;
    }
    if (unavailableMessages.some((re) => re.test(message))) return "unavailable";
    if (badInputMessages.some((re) => re.test(message))) badInput = true;
    if (Array.isArray(e.errors)) queue.push(...e.errors);
    if (e.meta && typeof e.meta === "object") queue.push(e.meta.driverAdapterError);
    queue.push(e.cause);
  }
  return conflict ? "conflict" : badInput ? "badInput" : undefined;
}

/** True when an error (or any error in its cause chain) says the database cannot be reached or answer in time. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return classifyDatabaseError(error) === "unavailable";
}

/**
 * Any thrown value as an AppError: known ones kept, database outages and
 * timeouts DATABASE_UNAVAILABLE (503, Retry-After), deadlocks and serialization
 * failures CONFLICT (409), text the database cannot store VALIDATION_FAILED
 * (400), the rest INTERNAL.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  switch (classifyDatabaseError(error)) {
    case "unavailable":
      return new AppError("DATABASE_UNAVAILABLE", { cause: error });
    case "conflict":
      return new AppError("CONFLICT", { cause: error });
    case "badInput":
      return new AppError("VALIDATION_FAILED", { cause: error });
    default:
      return new AppError("INTERNAL", { cause: error });
  }
}
