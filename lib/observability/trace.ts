// Spans around the portal's own work: use cases ("booking.createHold") and
// database transactions ("db.transaction"). The tracer comes from
// @opentelemetry/api: the no-op one, at near-zero cost, unless
// lib/observability/tracing.ts started the SDK.
//
// Attributes are ids, codes, counts and locales only: never a patient's name,
// e-mail, phone, passport, date of birth or anything they typed. A failure is
// recorded as the span's ERROR status with the AppError code; an unexpected
// error by its type only, since its message may quote input.
import { SpanStatusCode, trace, type Attributes, type Span } from "@opentelemetry/api";
import { AppError } from "../errors";

const tracer = trace.getTracer("portal");

/** Safe attribute values: undefined and null are left out. */
export type SpanAttributes = Record<string, string | number | boolean | string[] | undefined | null>;

function clean(attributes: SpanAttributes): Attributes {
  const out: Attributes = {};
  for (const [name, v] of Object.entries(attributes)) if (v !== undefined && v !== null) out[name] = v;
  return out;
}

/** Marks the span failed: the AppError code (error.code), or the error's type. */
export function recordFailure(span: Span, error: unknown): void {
  if (error instanceof AppError) {
    span.setAttribute("error.code", error.code);
    if (error.reason) span.setAttribute("error.reason", error.reason);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.code });
    return;
  }
  const type = error instanceof Error ? error.name : typeof error;
  span.setAttribute("error.type", type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
}

/**
 * Runs fn inside an active span named `name` (children, such as Prisma's query
 * spans, nest under it), ends the span when fn settles, and passes fn's result
 * or error through unchanged.
 */
export function traced<T>(
  name: string,
  attributes: SpanAttributes,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, { attributes: clean(attributes) }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * A use case with a span around every call: `export const createHold =
 * tracedUseCase("booking.createHold", createHoldUntraced, (db, input) => ({ "slot.id": input.slotId }))`.
 * The attributes function sees the call's arguments and must pick safe ones.
 */
export function tracedUseCase<F extends (...args: never[]) => Promise<unknown>>(
  name: string,
  useCase: F,
  attributes?: (...args: Parameters<F>) => SpanAttributes,
): F {
  const wrapped = (...args: Parameters<F>) =>
    traced(name, attributes ? safely(attributes, args) : {}, () => useCase(...args));
  return wrapped as F;
}

/** Attributes never break the call they describe (an input the schema let through as undefined, say). */
function safely<A extends unknown[]>(attributes: (...args: A) => SpanAttributes, args: A): SpanAttributes {
  try {
    return attributes(...args);
  } catch {
    return {};
  }
}

/** The staff member behind a call, as span attributes: their user id and role names, nothing else. */
export function actorAttributes(actor: { userId: string; roles: { role: string }[] } | null): SpanAttributes {
  return actor ? { "actor.id": actor.userId, "actor.roles": actor.roles.map((grant) => grant.role) } : {};
}
