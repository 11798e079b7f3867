// Issue 14, "bad input that crashes today": what proxy.ts answers before any
// route runs (paths that do not decode, methods a route does not have, bodies
// over the limit, server actions from another site), the bounded body reader,
// and the database's "cannot store this text" as a 400.
import { NextRequest, NextResponse } from "next/server";
import { describe, expect, it, vi } from "vitest";
import nextConfig from "../../next.config";
import proxy from "../../proxy";
import { Prisma } from "../../lib/db/generated/client";
import { toAppError } from "../../lib/errors";
import { routeFiles } from "../helpers/route-files";
import { apiRouteFor, apiRoutes } from "../../lib/http/api-routes";
import { errorResponse } from "../../lib/http/errors";
import {
  ACTION_BODY_LIMIT_BYTES,
  API_BODY_LIMIT_BYTES,
  readBodyBytes,
  readJsonBounded,
} from "../../lib/http/read-body";

// next-intl's locale routing is its own (and imports "next/server" in a way plain Node cannot
// resolve): here it stands for "the request went on to the locale routing".
vi.mock("next-intl/middleware", () => ({
  default: () => () => NextResponse.next({ headers: { "x-test-intl": "1" } }),
}));

const base = "http://localhost:3000";

const run = async (url: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  proxy(new NextRequest(`${base}${url}`, init));

async function errorOf(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string; fields?: object } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.message).toBe("string");
  return body.error;
}

describe("the API route list the proxy answers 405 from", () => {
  it("names every route under app/api with exactly the methods it exports", () => {
    const listed = Object.fromEntries(Object.entries(apiRoutes).map(([p, m]) => [p, [...m].sort()]));
    expect(listed).toEqual(routeFiles("api"));
  });

  it("prefers a static folder to a [param] one and adds HEAD and OPTIONS", () => {
    expect(apiRouteFor("/api/v1/hospitals")).toEqual({
      pattern: "/api/v1/hospitals",
      allowed: ["GET", "HEAD", "OPTIONS"],
    });
    expect(apiRouteFor("/api/v1/bookings/ABC/cancel")?.allowed).toEqual(["POST", "OPTIONS"]);
    expect(apiRouteFor("/api/v1/openapi.json")?.pattern).toBe("/api/v1/openapi.json");
    expect(apiRouteFor("/api/v1/nothing/here")).toBeUndefined();
  });
});

describe("proxy: API requests", () => {
  it.each([
    "/api/v1/bookings/%zz",
    "/api/v1/hospitals/%C0%AF",
    "/api/v1/guides/%E0%A4%A",
    "/api/v1/bookings/%zz/cancel",
    "/api/v1/guides/%00",
    "/api/%zz",
  ])("answers %s 400 naming the path, in the JSON error shape", async (url) => {
    const response = await run(url);
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({
      code: "VALIDATION_FAILED",
      fields: { path: expect.any(String) },
    });
  });

  it("says it in the request's language", async () => {
    const response = await run("/api/v1/bookings/%zz?locale=fr");
    expect((await errorOf(response)).fields).toEqual({ path: "Le champ « path » n’est pas valide." });
  });

  it("answers a method a route does not have 405 with Allow, localized", async () => {
    const response = await run("/api/v1/hospitals", { method: "PUT", headers: { "accept-language": "de" } });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    const error = await errorOf(response);
    expect(error.code).toBe("METHOD_NOT_ALLOWED");
    expect(error.message).toContain("Erlaubte Methoden: GET, HEAD, OPTIONS");
    const get = await run("/api/v1/holds", { method: "GET" });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
  });

  it("refuses a body whose Content-Length is over the limit with 413, before reading it", async () => {
    const response = await run("/api/v1/holds", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(200 * 1024 * 1024) },
    });
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      message: "The request is too large: at most 64 KB can be sent.",
    });
  });

  it("lets good requests through to their route", async () => {
    for (const [url, method] of [
      ["/api/v1/hospitals?q=x", "GET"],
      ["/api/v1/holds", "POST"],
      ["/api/v1/bookings/ABC-123", "HEAD"],
      ["/api/v1/no-such-thing", "DELETE"], // the catch-all route answers 404
    ] as const) {
      const response = await run(url, { method, headers: { "content-length": "100" } });
      expect(response.headers.get("x-middleware-next"), `${method} ${url}`).toBe("1");
    }
  });
});

describe("proxy: pages", () => {
  it.each([
    ["/en/hospitals/%zz", {}, "/en/not-found"],
    ["/ar/%C0%AF", {}, "/ar/not-found"],
    ["/%zz", { "accept-language": "ja,en;q=0.5" }, "/ja/not-found"],
    ["/%zz", {}, "/en/not-found"],
    ["/_next/static/%zz", {}, "/en/not-found"],
    ["/en/x.%zz", {}, "/en/not-found"],
  ])("shows %s the localized 404 page", async (url, headers, target) => {
    const response = await run(url, { headers });
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get("location")!).pathname).toBe(target);
  });

  const action = (origin: string | undefined, extra: Record<string, string> = {}) =>
    run("/en/book/pumch-international", {
      method: "POST",
      headers: {
        host: "localhost:3000",
        "next-action": "7f00aa",
        "content-type": "text/plain;charset=UTF-8",
        ...(origin ? { origin } : {}),
        ...extra,
      },
    });

  it("answers a server action posted from another site 403", async () => {
    for (const origin of ["https://evil.example", "null", "not a url", "http://localhost:3001"]) {
      const response = await action(origin);
      expect(response.status, origin).toBe(403);
      expect((await errorOf(response)).code).toBe("FORBIDDEN");
    }
    const behindProxy = await action("https://portal.example", { "x-forwarded-host": "evil.example" });
    expect(behindProxy.status).toBe(403);
  });

  it("lets a same-site server action through", async () => {
    for (const [origin, extra] of [
      ["http://localhost:3000", {}],
      ["https://portal.example", { "x-forwarded-host": "portal.example, lb.internal" }],
      [undefined, {}], // no Origin: a hand-made request, which Next lets through too
    ] as const) {
      const response = await action(origin, extra);
      expect(response.status, String(origin)).not.toBe(403);
      expect(response.headers.get("x-test-intl"), String(origin)).toBe("1");
    }
  });

  it("refuses a form post over the server actions' limit 413", async () => {
    const response = await action("http://localhost:3000", { "content-length": String(10 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("gives Next the same server action limit", () => {
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(ACTION_BODY_LIMIT_BYTES);
    expect(nextConfig.experimental?.proxyClientMaxBodySize).toBe(ACTION_BODY_LIMIT_BYTES);
  });
});

describe("the bounded body reader", () => {
  /** A body with no length that never ends; counts what was pulled from it. */
  function endless(chunk = 16 * 1024) {
    const state = { pulled: 0, cancelled: false };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        state.pulled += chunk;
        controller.enqueue(new Uint8Array(chunk).fill(0x20));
      },
      cancel() {
        state.cancelled = true;
      },
    });
    return { body, state };
  }

  it("stops reading a chunked body at the limit and answers 413", async () => {
    const { body, state } = endless();
    const request = new Request("http://x/api/v1/holds", {
      method: "POST",
      body,
      duplex: "half",
    } as RequestInit);
    await expect(readBodyBytes(request)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(API_BODY_LIMIT_BYTES + 3 * 16 * 1024);
  });

  it("refuses by Content-Length without reading at all", async () => {
    const { body, state } = endless();
    const request = new Request("http://x/api/v1/holds", {
      method: "POST",
      body,
      duplex: "half",
      headers: { "content-length": String(API_BODY_LIMIT_BYTES + 1) },
    } as RequestInit);
    await expect(readJsonBounded(request)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(state.pulled).toBeLessThanOrEqual(2 * 16 * 1024); // what the stream queues up front, unread
  });

  it("reads JSON up to the limit, and names the body when it is not JSON", async () => {
    const post = (body: string) => new Request("http://x", { method: "POST", body });
    const big = { reason: "é".repeat((API_BODY_LIMIT_BYTES - 20) / 2) };
    expect(await readJsonBounded(post(JSON.stringify(big)))).toEqual(big);
    await expect(
      readJsonBounded(post(JSON.stringify({ reason: "é".repeat(API_BODY_LIMIT_BYTES) }))),
    ).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
    await expect(readJsonBounded(post("{"))).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fields: { body: "invalid" },
    });
    await expect(readJsonBounded(new Request("http://x", { method: "POST" }))).rejects.toMatchObject({
      fields: { body: "invalid" },
    });
  });
});

describe("text the database cannot store", () => {
  it.each([
    ["22021", 'invalid byte sequence for encoding "UTF8": 0x00'],
    ["22P05", "unsupported Unicode escape sequence"],
  ])("%s is a 400, not a 500 (the safety net behind input checks)", async (sqlState, message) => {
    const error = new Prisma.PrismaClientKnownRequestError(
      `Raw query failed. Code: \`${sqlState}\`. Message: \`${message}\``,
      { code: "P2010", clientVersion: "6.19.3" },
    );
    expect(toAppError(error).code).toBe("VALIDATION_FAILED");
    const response = await errorResponse(error, "en");
    expect(response.status).toBe(400);
  });
  it("half a surrogate pair Prisma cannot send is a 400 too", () => {
    const error = new Prisma.PrismaClientValidationError(
      "Invalid value for argument `parameters`: lone leading surrogate in hex escape at line 1 column 9. Expected JSON String.",
      { clientVersion: "6.19.3" },
    );
    expect(toAppError(error)).toMatchObject({ code: "VALIDATION_FAILED", status: 400 });
    // A half pair at the very end of a string (seen on the staff visa letter's reference).
    const atTheEnd = new Prisma.PrismaClientUnknownRequestError(
      "\nInvalid `db.booking.findFirst()` invocation:\n\nJSON Error: unexpected end of hex escape at line 1 column 113",
      { clientVersion: "6.19.3" },
    );
    expect(toAppError(atTheEnd)).toMatchObject({ code: "VALIDATION_FAILED", status: 400 });
  });
});
