// The application's typed errors. A domain use case throws AppError with a
// stable code; lib/http/errors.ts maps it once to a status and a localized message.
import type { ZodError } from "zod";

export const errorStatus = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SLOT_FULL: 409,
  QUOTA_EXCEEDED: 409,
  HOLD_EXPIRED: 410,
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
  IDEMPOTENCY_MISMATCH: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
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
  | "notOffered";

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Readonly<Record<string, FieldProblem>>;
  /** For RATE_LIMITED: seconds until a retry can succeed (the Retry-After header). */
  readonly retryAfterSeconds?: number;
  /** Numbers the localized message states (e.g. VOLUME_BELOW_USED: the cap and what is booked). */
  readonly values?: Readonly<Record<string, number | string>>;

  constructor(
    code: ErrorCode,
    options: {
      fields?: Record<string, FieldProblem>;
      cause?: unknown;
      detail?: string;
      retryAfterSeconds?: number;
      values?: Record<string, number | string>;
    } = {},
  ) {
    super(options.detail ?? code, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.values = options.values;
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

const unavailableCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "08000",
  "08001",
  "08003",
  "08006",
  "P1001",
  "P1002",
  "P1017",
]);
const unavailableMessages = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connect ECONNREFUSED/i,
  /Connection terminated unexpectedly/i,
];

/** True when an error (or any error in its cause chain) says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof e.code === "string" && unavailableCodes.has(e.code)) return true;
    if (typeof e.message === "string" && unavailableMessages.some((re) => re.test(e.message as string)))
      return true;
    if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = e.cause;
  }
  return false;
}

/** Any thrown value as an AppError: known ones kept, database outages named, the rest INTERNAL. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return new AppError("DATABASE_UNAVAILABLE", { cause: error });
  return new AppError("INTERNAL", { cause: error });
}
