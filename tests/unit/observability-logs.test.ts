// The structured log's pieces: redaction of personal-data keys, the error
// serializer, route templates from a routes manifest, request ids (kept only
// from a trusted proxy), the actor role's precedence, and the access-log
// hook over a real node:http server.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { NO_TRUSTED_PROXIES, trustedProxies } from "@/lib/net/client-address";
import {
  logRequestError,
  onRequestFinished,
  trackRequest,
  type RequestFinished,
} from "@/lib/observability/http-log";
import { REDACTED, createLogger, serializeError } from "@/lib/observability/log";
import {
  ANONYMOUS,
  INTEGRATION_CLIENT,
  MANAGE_LINK,
  REQUEST_ID_HEADER,
  assignRequestId,
  currentRequestId,
  isWellFormedRequestId,
  recordActorRole,
  requestContext,
  runWithRequestContext,
  staffRoleName,
} from "@/lib/observability/request-context";
import { routeConsoleToLog } from "../../scripts/lib/console-to-log";
import { OTHER_ROUTE, routeOf, routeTable, type RouteManifest } from "@/lib/observability/route-of";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger({ level: "debug", instance: "test:1", destination }) };
}

describe("log", () => {
  it("writes JSON with the shared fields and an ISO time", () => {
    const { lines, logger } = capture();
    logger.child({ component: "unit" }).info({ bookingId: "b1" }, "hello");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "info",
      service: "portal",
      instance: "test:1",
      pid: process.pid,
      component: "unit",
      bookingId: "b1",
      msg: "hello",
    });
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
  });

  it("redacts personal-data keys at the top level and two levels down", () => {
    const { lines, logger } = capture();
    logger.info(
      {
        email: "zed@example.org",
        patient: { name: "Zed Qx", phone: "+86 139", passportNumber: "E1234567" },
        booking: { patient: { dateOfBirth: "1990-01-02" }, policyNumber: "POL-9" },
        headers: { cookie: "s=1", "set-cookie": "t=2", authorization: "Bearer x" },
        token: "abc",
        status: "CONFIRMED",
      },
      "booked",
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of [
      "zed@example.org",
      "Zed Qx",
      "+86 139",
      "E1234567",
      "POL-9",
      "s=1",
      "t=2",
      "Bearer x",
    ])
      expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ email: REDACTED, token: REDACTED, status: "CONFIRMED" });
    expect(lines[0]!.patient).toEqual({ name: REDACTED, phone: REDACTED, passportNumber: REDACTED });
  });

  it("keeps an error's class, message, stack, code and cause, and nothing it carries besides", () => {
    const cause = Object.assign(new Error("duplicate key value"), {
      code: "23505",
      detail: "Key (email)=(zed@example.org) already exists.",
    });
    const error = new TypeError("wrapped", { cause });
    const fields = serializeError(error);
    expect(fields).toMatchObject({ type: "TypeError", message: "wrapped", cause: { code: "23505" } });
    expect(JSON.stringify(fields)).not.toContain("zed@example.org");
    const { lines, logger } = capture();
    logger.error({ err: cause }, "failed");
    expect(JSON.stringify(lines[0])).not.toContain("zed@example.org");
    expect(lines[0]!.err).toMatchObject({ type: "Error", code: "23505" });
  });
});

describe("routeConsoleToLog", () => {
  it("turns console output into JSON lines, colours stripped, an Error as err", () => {
    const saved = { log: console.log, warn: console.warn, error: console.error };
    const { lines, logger } = capture();
    try {
      routeConsoleToLog(logger);
      console.log("\u001b[32m✓\u001b[39m Ready in %d ms", 42);
      console.warn("careful");
      console.error("failed:", new Error("boom"));
    } finally {
      Object.assign(console, saved);
    }
    expect(lines).toMatchObject([
      { level: "info", component: "console", msg: "✓ Ready in 42 ms" },
      { level: "warn", msg: "careful" },
      { level: "error", msg: "failed:", err: { type: "Error", message: "boom" } },
    ]);
  });
});

// The shape of Next's .next/routes-manifest.json (entries copied from a build of this app).
const manifest: RouteManifest = {
  basePath: "",
  staticRoutes: [
    { page: "/api/health/live", regex: "^/api/health/live(?:/)?$" },
    { page: "/api/v1/holds", regex: "^/api/v1/holds(?:/)?$" },
    { page: "/robots.txt", regex: "^/robots\\.txt(?:/)?$" },
  ],
  dynamicRoutes: [
    { page: "/api/v1/bookings/[reference]", regex: "^/api/v1/bookings/([^/]+?)(?:/)?$" },
    { page: "/api/v1/bookings/[reference]/cancel", regex: "^/api/v1/bookings/([^/]+?)/cancel(?:/)?$" },
    { page: "/api/v1/[...path]", regex: "^/api/v1/(.+?)(?:/)?$" },
    { page: "/[locale]", regex: "^/([^/]+?)(?:/)?$" },
    { page: "/[locale]/bookings/[reference]", regex: "^/([^/]+?)/bookings/([^/]+?)(?:/)?$" },
    { page: "/[locale]/hospitals/[slug]", regex: "^/([^/]+?)/hospitals/([^/]+?)(?:/)?$" },
    { page: "/[locale]/[...rest]", regex: "^/([^/]+?)/(.+?)(?:/)?$" },
  ],
};

describe("routeOf", () => {
  const table = routeTable(manifest);
  it.each([
    ["/api/v1/holds", "/api/v1/holds"],
    ["/api/v1/holds?email=zed@example.org", "/api/v1/holds"],
    ["/api/v1/bookings/PX-7Q2M/", "/api/v1/bookings/[reference]"],
    ["/api/v1/bookings/PX-7Q2M?token=secret", "/api/v1/bookings/[reference]"],
    ["/api/v1/bookings/PX-7Q2M/cancel", "/api/v1/bookings/[reference]/cancel"],
    ["/api/v1/nothing/here", "/api/v1/[...path]"],
    ["/en", "/[locale]"],
    ["/index.rsc", OTHER_ROUTE],
    ["/en/bookings/PX-7Q2M?token=secret", "/[locale]/bookings/[reference]"],
    ["/ar/hospitals/peking-union.rsc?_rsc=1x", "/[locale]/hospitals/[slug]"],
    ["/ar/hospitals/peking-union.segments/_tree.segment.rsc", "/[locale]/hospitals/[slug]"],
    ["/fr/some/deep/path", "/[locale]/[...rest]"],
    ["/robots.txt", "/robots.txt"],
    ["/_next/static/chunks/abc.js", "/_next/static"],
    ["/_next/image?url=%2Fx.png&w=64", "/_next/image"],
    ["*", OTHER_ROUTE],
    ["", OTHER_ROUTE],
  ])("%s → %s", (url, template) => {
    expect(routeOf(url, table)).toBe(template);
  });

  it("is OTHER for every path without a build's manifest", () => {
    expect(routeOf("/en/hospitals/x", routeTable({}))).toBe(OTHER_ROUTE);
  });
});

function fakeRequest(headers: Record<string, string>): IncomingMessage {
  return {
    headers: { ...headers },
    rawHeaders: Object.entries(headers).flat(),
  } as unknown as IncomingMessage;
}

describe("request ids", () => {
  it("accepts 8 to 128 letters, digits and ._:- only", () => {
    expect(isWellFormedRequestId("0123456789abcdef0123456789abcdef")).toBe(true);
    expect(isWellFormedRequestId("req-1234.5:6_7")).toBe(true);
    expect(isWellFormedRequestId("short")).toBe(false);
    expect(isWellFormedRequestId("zed@example.org-1234")).toBe(false);
    expect(isWellFormedRequestId("a".repeat(129))).toBe(false);
    expect(isWellFormedRequestId("abc def 123")).toBe(false);
    expect(isWellFormedRequestId(undefined)).toBe(false);
  });

  it("keeps a trusted proxy's id, replaces anyone else's, and drops a client's internal header", () => {
    const forged = { "x-request-id": "0123456789abcdef", [REQUEST_ID_HEADER]: "forged-internal-id" };
    const fromProxy = fakeRequest(forged);
    expect(assignRequestId(fromProxy, true)).toBe("0123456789abcdef");
    expect(fromProxy.headers[REQUEST_ID_HEADER]).toBe("0123456789abcdef");
    expect(fromProxy.rawHeaders.filter((h) => h === "forged-internal-id")).toHaveLength(0);

    const fromClient = fakeRequest(forged);
    const id = assignRequestId(fromClient, false);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(fromClient.headers[REQUEST_ID_HEADER]).toBe(id);

    const malformed = fakeRequest({ "x-request-id": "bad id with spaces" });
    expect(assignRequestId(malformed, true)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("actor role", () => {
  it("is anonymous until the code that authorizes records a stronger one", () => {
    expect(
      staffRoleName([{ role: "HOSPITAL_STAFF" }, { role: "CITY_ADMIN" }, { role: "HOSPITAL_STAFF" }]),
    ).toBe("CITY_ADMIN+HOSPITAL_STAFF");
    const context = { requestId: "r-00000001", role: ANONYMOUS };
    runWithRequestContext(context, () => {
      expect(currentRequestId()).toBe("r-00000001");
      recordActorRole(MANAGE_LINK);
      expect(requestContext()!.role).toBe(MANAGE_LINK);
      recordActorRole("HOSPITAL_STAFF");
      recordActorRole(MANAGE_LINK);
      expect(requestContext()!.role).toBe("HOSPITAL_STAFF");
    });
    const other = { requestId: "r-00000002", role: ANONYMOUS };
    runWithRequestContext(other, () => recordActorRole(INTEGRATION_CLIENT));
    expect(other.role).toBe(INTEGRATION_CLIENT);
    recordActorRole("SYSTEM_ADMIN");
    expect(currentRequestId()).toBeUndefined();
  });
});

describe("logRequestError", () => {
  it("names the request id, route template and error, never the path or its query", () => {
    const { lines, logger } = capture();
    const error = Object.assign(new Error("render failed"), { digest: "4242" });
    logRequestError(
      error,
      {
        method: "GET",
        headers: { [REQUEST_ID_HEADER]: "r-12345678", cookie: "s=1" },
        ...{ path: "/en/bookings/PX-7Q2M?token=secret" },
      },
      { routePath: "/[locale]/bookings/[reference]", routeType: "render", renderSource: "server-rendering" },
      logger,
    );
    expect(lines[0]).toMatchObject({
      level: "error",
      requestId: "r-12345678",
      method: "GET",
      routePath: "/[locale]/bookings/[reference]",
      routeType: "render",
      digest: "4242",
      err: { type: "Error", message: "render failed" },
    });
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain("PX-7Q2M");
    expect(text).not.toContain("secret");
    expect(text).not.toContain("s=1");
  });
});

describe("trackRequest", () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    if (server) await new Promise((resolve) => server!.close(resolve));
    server = undefined;
  });

  async function serve(trusted = NO_TRUSTED_PROXIES): Promise<string> {
    server = createServer((req, res) => {
      const context = trackRequest(req, res, { routes: routeTable(manifest), trustedProxies: trusted });
      runWithRequestContext(context, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        recordActorRole(MANAGE_LINK);
        res.statusCode = req.method === "POST" ? 422 : 200;
        res.setHeader("content-type", "application/json");
        res.write(JSON.stringify({ seen: currentRequestId() }));
        res.end("\n");
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("answers X-Request-Id, keeps it in the context, and reports template, status, bytes and role", async () => {
    const finished: RequestFinished[] = [];
    const stop = onRequestFinished((info) => finished.push(info));
    try {
      const base = await serve();
      const answer = await fetch(`${base}/api/v1/bookings/PX-7Q2M?token=secret`, {
        headers: { "x-request-id": "0123456789abcdef" },
      });
      const id = answer.headers.get("x-request-id")!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/); // an untrusted peer's id is not kept
      const body = await answer.text();
      expect(JSON.parse(body)).toEqual({ seen: id });
      await fetch(`${base}/api/v1/holds`, { method: "POST", body: "{}" }).then((r) => r.text());
      await expect.poll(() => finished.length).toBe(2);
      expect(finished[0]).toMatchObject({
        requestId: id,
        method: "GET",
        route: "/api/v1/bookings/[reference]",
        status: 200,
        bytes: Buffer.byteLength(body),
        role: MANAGE_LINK,
        aborted: false,
      });
      expect(finished[0]!.seconds).toBeGreaterThan(0.004);
      expect(finished[1]).toMatchObject({ method: "POST", route: "/api/v1/holds", status: 422 });
    } finally {
      stop();
    }
  });

  it("keeps a well-formed id from a trusted proxy", async () => {
    const base = await serve(trustedProxies(["127.0.0.1"]));
    const answer = await fetch(`${base}/en`, { headers: { "x-request-id": "0123456789abcdef" } });
    await answer.text();
    expect(answer.headers.get("x-request-id")).toBe("0123456789abcdef");
  });
});
