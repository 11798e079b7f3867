import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Prisma } from "../../lib/db/generated/client";
import {
  AppError,
  classifyDatabaseError,
  isDatabaseUnavailable,
  toAppError,
  validationError,
} from "../../lib/errors";
import { errorBody, errorResponse, withApiErrors } from "../../lib/http/errors";
import { apiLocale } from "../../lib/http/errors";

// The shapes below are the ones Prisma 6.19 with @prisma/adapter-pg 7.10 throws
// (observed against a real server: refused, stopped, locked, timed out, pool full).
const clientVersion = "6.19.3";

/** What pg reports for a Postgres error, as the adapter wraps it. */
function adapterError(sqlState: string, message: string, kind = "postgres") {
  return new DriverAdapterError({
    kind,
    originalCode: sqlState,
    originalMessage: message,
    code: sqlState,
    severity: "ERROR",
    message,
  } as never);
}

/** A raw query's failure: P2010 quoting the SQLSTATE, the adapter's error in meta. */
function rawQueryError(sqlState: string, message: string, kind = "postgres") {
  return new Prisma.PrismaClientKnownRequestError(
    `\nInvalid \`prisma.$queryRaw()\` invocation:\n\n\nRaw query failed. Code: \`${sqlState}\`. Message: \`${message}\``,
    { code: "P2010", clientVersion, meta: { driverAdapterError: adapterError(sqlState, message, kind) } },
  );
}

/** A model query's failure mapped by Prisma to one of its own codes. */
function knownError(code: string, message: string, cause?: object) {
  return new Prisma.PrismaClientKnownRequestError(message, {
    code,
    clientVersion,
    meta: cause ? { driverAdapterError: new DriverAdapterError(cause as never) } : {},
  });
}

function socketError(code: string) {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), {
    code,
    errno: -111,
    syscall: "connect",
  });
}

describe("application errors", () => {
  it("maps zod issues to named fields", () => {
    const schema = z.object({ email: z.email(), name: z.string().max(3), age: z.number() }).strict();
    const result = schema.safeParse({ email: "nope", name: "toolong", extra: 1 });
    const error = validationError(result.error!);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.status).toBe(400);
    expect(error.fields).toEqual({ email: "invalid", name: "tooLong", age: "required", extra: "unknown" });
  });

  it("recognizes a database outage anywhere in the cause chain", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(new Error("query failed", { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused]))).toBe(true);
    expect(isDatabaseUnavailable(new Error("duplicate key"))).toBe(false);
    expect(toAppError(refused).code).toBe("DATABASE_UNAVAILABLE");
    expect(toAppError(new TypeError("boom")).code).toBe("INTERNAL");
  });

  describe("classifies what the database says", () => {
    const unavailable: [string, unknown][] = [
      [
        "57014 statement_timeout, raw query",
        rawQueryError("57014", "canceling statement due to statement timeout"),
      ],
      [
        "57014 statement_timeout, model query",
        adapterError("57014", "canceling statement due to statement timeout"),
      ],
      ["55P03 lock_timeout, raw query", rawQueryError("55P03", "canceling statement due to lock timeout")],
      ["55P03 lock_timeout, model query", adapterError("55P03", "canceling statement due to lock timeout")],
      [
        "53300 too_many_connections, raw",
        rawQueryError("53300", "sorry, too many clients already", "TooManyConnections"),
      ],
      [
        "P2037 too many connections",
        knownError("P2037", "Too many database connections opened", { kind: "TooManyConnections" }),
      ],
      ["57P01 admin_shutdown", adapterError("57P01", "terminating connection due to administrator command")],
      ["57P03 cannot_connect_now", rawQueryError("57P03", "the database system is starting up")],
      ["08006 connection_failure", adapterError("08006", "connection failure")],
      [
        "25P03 idle_in_transaction_session_timeout",
        adapterError("25P03", "terminating connection due to idle-in-transaction timeout"),
      ],
      ["pool wait exceeded", new Error("timeout exceeded when trying to connect")],
      ["pg query_timeout", new Error("Query read timeout")],
      ["connection terminated", new Error("Connection terminated unexpectedly")],
      ["ECONNREFUSED", socketError("ECONNREFUSED")],
      ["ECONNRESET", socketError("ECONNRESET")],
      ["ETIMEDOUT", socketError("ETIMEDOUT")],
      [
        "P1001 from a model query",
        knownError("P1001", "Can't reach database server at 127.0.0.1:5432", {
          kind: "DatabaseNotReachable",
          host: "127.0.0.1",
          port: 5432,
        }),
      ],
      [
        "P2010 wrapping DatabaseNotReachable (raw query, no SQLSTATE)",
        new Prisma.PrismaClientKnownRequestError(
          "Raw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:5432`",
          {
            code: "P2010",
            clientVersion,
            meta: { driverAdapterError: new DriverAdapterError({ kind: "DatabaseNotReachable" } as never) },
          },
        ),
      ],
      ["P1002 timed out", knownError("P1002", "The database server was reached but timed out")],
      [
        "P1008 operation timed out",
        knownError("P1008", "Operation has timed out", { kind: "SocketTimeout" }),
      ],
      [
        "P1017 server closed",
        knownError("P1017", "Server has closed the connection.", { kind: "ConnectionClosed" }),
      ],
      [
        "P2024 pool timeout",
        knownError("P2024", "Timed out fetching a new connection from the connection pool."),
      ],
      [
        "P2028 transaction could not start in time",
        knownError("P2028", "Transaction API error: Unable to start a transaction in the given time."),
      ],
      [
        "P2028 expired transaction",
        knownError(
          "P2028",
          "Transaction API error: A query cannot be executed on an expired transaction. The timeout for this transaction was 15000 ms",
        ),
      ],
      [
        "a cause two levels down",
        new Error("outer", { cause: new Error("inner", { cause: socketError("ECONNREFUSED") }) }),
      ],
      ["a P2010 message alone (meta lost)", new Error("Raw query failed. Code: `55P03`. Message: `lock`")],
    ];
    it.each(unavailable)("%s is DATABASE_UNAVAILABLE (503, Retry-After 5)", (_, error) => {
      expect(classifyDatabaseError(error)).toBe("unavailable");
      expect(isDatabaseUnavailable(error)).toBe(true);
      const app = toAppError(error);
      expect(app.code).toBe("DATABASE_UNAVAILABLE");
      expect(app.status).toBe(503);
      expect(app.retryAfterSeconds).toBe(5);
      expect(app.cause).toBe(error);
    });

    const conflicts: [string, unknown][] = [
      ["40P01 deadlock, raw query", rawQueryError("40P01", "deadlock detected", "TransactionWriteConflict")],
      [
        "40001 serialization, raw query",
        rawQueryError("40001", "could not serialize access", "TransactionWriteConflict"),
      ],
      [
        "P2034 from a model query",
        knownError("P2034", "Transaction failed due to a write conflict or a deadlock.", {
          kind: "TransactionWriteConflict",
        }),
      ],
      [
        "40P01 from pg itself",
        Object.assign(new Error("deadlock detected"), { code: "40P01", severity: "ERROR" }),
      ],
    ];
    it.each(conflicts)("%s is CONFLICT (409), never 500", (_, error) => {
      expect(classifyDatabaseError(error)).toBe("conflict");
      expect(isDatabaseUnavailable(error)).toBe(false);
      expect(toAppError(error)).toMatchObject({ code: "CONFLICT", status: 409 });
    });

    const neither: [string, unknown][] = [
      ["23505 unique violation", rawQueryError("23505", "duplicate key value", "UniqueConstraintViolation")],
      ["P2002 unique constraint", knownError("P2002", "Unique constraint failed")],
      ["P2025 record not found", knownError("P2025", "No record was found")],
      ["22P02 invalid input", rawQueryError("22P02", "invalid input syntax for type uuid")],
      ["a TypeError", new TypeError("x is undefined")],
      ["a string", "boom"],
      ["null", null],
    ];
    it.each(neither)("%s stays INTERNAL", (_, error) => {
      expect(classifyDatabaseError(error)).toBeUndefined();
      expect(toAppError(error).code).toBe("INTERNAL");
    });

    it("survives a cyclic cause chain", () => {
      const a = new Error("a") as Error & { cause?: unknown };
      const b = new Error("b", { cause: a });
      a.cause = b;
      expect(classifyDatabaseError(a)).toBeUndefined();
    });

    it("keeps an AppError as it is, and a rate limit's own Retry-After", () => {
      const limited = new AppError("RATE_LIMITED", { retryAfterSeconds: 42 });
      expect(toAppError(limited)).toBe(limited);
      expect(limited.retryAfterSeconds).toBe(42);
      expect(new AppError("DATABASE_UNAVAILABLE").retryAfterSeconds).toBe(5);
      expect(new AppError("SLOT_FULL").retryAfterSeconds).toBeUndefined();
    });
  });

  it("answers an outage 503 with Retry-After and the error shape, a deadlock 409", async () => {
    const outage = await errorResponse(
      rawQueryError("55P03", "canceling statement due to lock timeout"),
      "fr",
    );
    expect(outage.status).toBe(503);
    expect(outage.headers.get("retry-after")).toBe("5");
    expect(outage.headers.get("cache-control")).toBe("no-store");
    expect(await outage.json()).toEqual({
      error: {
        code: "DATABASE_UNAVAILABLE",
        message: "Le service est momentanément indisponible. Réessayez dans un instant.",
      },
    });
    const deadlock = await errorResponse(rawQueryError("40P01", "deadlock detected"), "en");
    expect(deadlock.status).toBe(409);
    expect(deadlock.headers.get("retry-after")).toBeNull();
    expect((await deadlock.json()).error.code).toBe("CONFLICT");
  });

  it("renders the API error shape in the request's language", async () => {
    const error = new AppError("VALIDATION_FAILED", { fields: { city: "invalid" } });
    const zh = await errorBody(error, "zh");
    expect(zh.status).toBe(400);
    expect(zh.body).toEqual({
      error: {
        code: "VALIDATION_FAILED",
        message: "部分信息无效，请检查标出的字段。",
        fields: { city: "city无效。" },
      },
    });
    const ar = await errorBody(new AppError("SLOT_FULL"), "ar");
    expect(ar).toMatchObject({ status: 409, body: { error: { code: "SLOT_FULL" } } });
    expect(ar.body.error.message).toMatch(/[\u0600-\u06FF]/);
    expect((await errorBody(new Error("x"), "en")).status).toBe(500);
  });

  it("reads the API locale from ?locale= then Accept-Language", () => {
    expect(apiLocale(new Request("http://x/api?locale=ru"))).toBe("ru");
    expect(
      apiLocale(new Request("http://x/api?locale=xx", { headers: { "accept-language": "ja,en" } })),
    ).toBe("ja");
    expect(apiLocale(new Request("http://x/api"))).toBe("en");
  });
});

describe("withApiErrors", () => {
  const failing = async (): Promise<Response> => {
    throw new AppError("NOT_FOUND");
  };

  it("answers in the v1 JSON shape unless told otherwise", async () => {
    const response = await withApiErrors(failing)(new Request("http://x/api/v1/thing?locale=fr"));
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("NOT_FOUND");
    expect(response.headers.get("Content-Language")).toBe("fr");
  });

  it("lets another API shape its errors its own way", async () => {
    const seen: unknown[] = [];
    const outcome = withApiErrors(failing, async (error) => {
      seen.push(error);
      return Response.json({ resourceType: "OperationOutcome" }, { status: toAppError(error).status });
    });
    const response = await outcome(new Request("http://x/fhir/Thing"));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ resourceType: "OperationOutcome" });
    expect((seen[0] as AppError).code).toBe("NOT_FOUND");
  });
});
