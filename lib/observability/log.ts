// One structured logger for the whole process: JSON lines on stdout (pino),
// one object per event, with the fields every line shares (service, instance,
// pid, ISO time, level as a word). Next's server bundle and the custom server
// (scripts/server.ts) load this module separately, so the logger is kept on
// globalThis and both write through the same one.
//
// Never log personal data (names, e-mail, phone, passport or policy numbers,
// dates of birth, manage tokens, free text a patient typed): log ids, codes and
// counts. `redact` below is the second line of defence for a key that slips
// through, not a licence to pass whole objects.
//
// No pino transport: transports run in worker threads, which Next's bundle
// cannot load. Lines are written synchronously to fd 1, so the last line before
// an exit is not lost.
import { hostname } from "node:os";
import { types } from "node:util";
import pino, { type Logger } from "pino";
import { envSchema } from "../env";

/** Keys that may hold personal data or secrets, wherever they appear (top level or one or two levels down). */
export const REDACTED_KEYS = [
  "name",
  "firstName",
  "lastName",
  "fullName",
  "givenName",
  "familyName",
  "patientName",
  "email",
  "toEmail",
  "phone",
  "phoneNumber",
  "passport",
  "passportNumber",
  "policy",
  "policyNumber",
  "dateOfBirth",
  "birthDate",
  "dob",
  "nationality",
  "notes",
  "note",
  "comment",
  "symptoms",
  "token",
  "manageToken",
  "password",
  "secret",
  "clientSecret",
  "authorization",
  "cookie",
  "set-cookie",
  "body",
  "query",
  "url",
] as const;

/** The pino `redact` paths for REDACTED_KEYS: `key`, `*.key` and `*.*.key`. */
export const REDACT_PATHS: string[] = REDACTED_KEYS.flatMap((key) => {
  const safe = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const dotted = safe.startsWith("[") ? safe : `.${safe}`;
  return [safe, `*${dotted}`, `*.*${dotted}`];
});

export const REDACTED = "[redacted]";

/**
 * An error as a log line shows it: its class, message, stack, code and causes.
 * Nothing else: a driver's error can carry the row that failed (pg's `detail`:
 * "Key (email)=(…) already exists"), a validation error the input.
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  // isNativeError: an error from another realm (a vm context) is no `instanceof Error`.
  if (!(error instanceof Error || types.isNativeError(error))) return { type: typeof error };
  const fields: Record<string, unknown> = {
    type: error.constructor?.name || error.name,
    message: error.message,
    stack: error.stack,
  };
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") fields.code = code;
  if (error.cause !== undefined && depth < 3) fields.cause = serializeError(error.cause, depth + 1);
  return fields;
}

/** LOG_LEVEL read with lib/env.ts's own rule, without failing on any other setting. */
function levelFrom(source: Record<string, string | undefined>): string {
  const parsed = envSchema.shape.LOG_LEVEL.safeParse(source.LOG_LEVEL);
  return parsed.success ? parsed.data : "info";
}

/** "host:port": which instance wrote a line, when several run side by side (npm run cluster). */
export function instanceName(source: Record<string, string | undefined> = process.env): string {
  return `${hostname()}:${source.PORT?.trim() || "3000"}`;
}

/** The logger's options; `destination` defaults to synchronous stdout. Exported for tests. */
export function createLogger(
  options: { level?: string; instance?: string; destination?: pino.DestinationStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? levelFrom(process.env),
      base: { service: "portal", instance: options.instance ?? instanceName(), pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: "msg",
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError, error: serializeError },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const key = Symbol.for("portal.logger");
const holder = globalThis as unknown as { [key]?: Logger };

/** The process's logger. */
export const log: Logger = (holder[key] ??= createLogger());

/** A logger whose lines all carry `bindings` (e.g. `{ component: "outbox" }`). */
export function childLog(bindings: Record<string, unknown>): Logger {
  return log.child(bindings);
}
