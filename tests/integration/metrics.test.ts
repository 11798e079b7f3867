// Metrics (issue 20 §2): a booking moves the counters. The real route handlers
// and use cases run in process on this file's database; /api/metrics is read
// before and after a hold, a booking made from it, its idempotent replay, a
// refused booking and a cancellation, and every counter moves by exactly what
// happened. Each exposition is read with tests/helpers/prometheus-text.ts (a
// strict reader of format 0.0.4 written from its specification, not
// prom-client's) and its values compared with prom-client's structured view.
import { createServer } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { GET as metricsRoute } from "../../app/api/metrics/route";
import { POST as cancelRoute } from "../../app/api/v1/bookings/[reference]/cancel/route";
import { POST as bookRoute } from "../../app/api/v1/bookings/route";
import { POST as holdRoute } from "../../app/api/v1/holds/route";
import { GET as slotsRoute } from "../../app/api/v1/slots/route";
import { slotListSchema } from "../../lib/booking/api-schemas";
import { changeBookingStatus } from "../../lib/booking/change-booking-status";
import type { AppError } from "../../lib/errors";
import { provideReplicaStatus } from "../../lib/db/replica-status";
import { startMetricsServer } from "../../lib/observability/metrics-server";
import {
  closeMetricsPool,
  metricsRegistry,
  observeHttpRequest,
  requireMetricsToken,
} from "../../lib/observability/metrics";
import { testDb } from "../helpers/db";
import { book, createWorld } from "../helpers/staff-fixtures";
import { parsePrometheusText, sampleValue, type Family } from "../helpers/prometheus-text";
import { loadDemoSeed } from "../setup/demo-db";

const TOKEN = vi.hoisted(() => {
  // Before lib/env.ts reads the environment (it keeps what it read).
  const token = "metrics-test-token-0123456789abcdef";
  process.env.METRICS_TOKEN = token;
  return token;
});

const base = "http://localhost";
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${base}/api/v1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
const patient = {
  name: "Layla Haddad",
  nationality: "JO",
  dateOfBirth: "1990-06-01",
  email: "layla@example.com",
  phone: "+962 7 9123 4567",
  preferredLanguage: "ar",
  reasonForVisit: "Migraine",
  interpreterWanted: false,
  paymentMethod: "SELF_PAY",
  consentTerms: true,
  consentSensitive: true,
  locale: "en",
};

async function scrapeResponse(authorization?: string): Promise<Response> {
  return metricsRoute(
    new Request(`${base}/api/metrics`, { headers: authorization ? { authorization } : {} }),
  );
}

/** One scrape through the route, read strictly; its values checked against prom-client's own view. */
async function scrape(): Promise<Map<string, Family>> {
  const response = await scrapeResponse(`Bearer ${TOKEN}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  expect(response.headers.get("cache-control")).toBe("no-store");
  return parsePrometheusText(await response.text());
}

const value = (families: Map<string, Family>, name: string, labels: Record<string, string> = {}) =>
  sampleValue(families, name, labels) ?? 0;

let slotIds: string[];

beforeAll(async () => {
  await loadDemoSeed();
  const response = await slotsRoute(
    new Request(`${base}/api/v1/slots?hospital=beijing-united-family&department=general-practice`),
  );
  // Two days ahead at least: outside the 24-hour cancellation window.
  slotIds = slotListSchema
    .parse(await response.json())
    .data.filter((s) => s.available > 0 && Date.parse(s.startsAt) > Date.now() + 2 * 86_400_000)
    .map((s) => s.id);
  expect(slotIds.length).toBeGreaterThanOrEqual(2);
});

afterAll(async () => {
  await closeMetricsPool();
});

describe("GET /api/metrics", () => {
  it("answers 401 with the error shape and WWW-Authenticate without the token or with a wrong one", async () => {
    for (const authorization of [
      undefined,
      "Bearer wrong-token-of-the-same-size-0123456",
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      "Bearer",
    ]) {
      const response = await scrapeResponse(authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(response.headers.get("cache-control")).toBe("no-store");
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("UNAUTHENTICATED");
      expect(body.error.message.length).toBeGreaterThan(0);
    }
  });

  it("is NOT_FOUND (the API's 404) when no METRICS_TOKEN is configured, whatever is sent", () => {
    const notFound = (authorization: string | null) => {
      try {
        requireMetricsToken(authorization, undefined);
        return "allowed";
      } catch (error) {
        return (error as AppError).code;
      }
    };
    expect(notFound(null)).toBe("NOT_FOUND");
    expect(notFound("Bearer anything-at-all-0123456789")).toBe("NOT_FOUND");
    expect(notFound(`Bearer ${TOKEN}`)).toBe("NOT_FOUND");
    expect(() => requireMetricsToken(`bearer  ${TOKEN} `, TOKEN)).not.toThrow();
  });

  it("exposes default process metrics, the pools and the database gauges in the strict text format", async () => {
    const families = await scrape();
    expect(families.get("portal_process_cpu_seconds_total")?.type).toBe("counter");
    expect(families.get("portal_nodejs_eventloop_lag_seconds")?.type).toBe("gauge");
    for (const name of [
      "portal_outbox_queue_depth",
      "portal_outbox_oldest_age_seconds",
      "portal_quota_months_near_cap",
      "portal_metrics_database_up",
    ])
      expect(families.get(name)?.type, name).toBe("gauge");
    expect(value(families, "portal_metrics_database_up")).toBe(1);
    // The app's pool ("primary", registered by lib/db/client.ts) has served the slot list above.
    const pool = (state: string) =>
      sampleValue(families, "portal_db_pool_connections", { role: "primary", state });
    expect(pool("total")).toBeGreaterThanOrEqual(1);
    expect(pool("idle")).toBeGreaterThanOrEqual(0);
    expect(pool("idle")).toBeLessThanOrEqual(pool("total")!);
    expect(pool("waiting")).toBe(0);

    // What the reader read is what prom-client holds (its own structured view of the same registry).
    for (const metric of await metricsRegistry().getMetricsAsJSON()) {
      if (!metric.name.startsWith("portal_") || metric.name.startsWith("portal_nodejs_")) continue;
      if (/^portal_process_|^portal_(outbox|quota|metrics_database)/.test(metric.name)) continue; // moving
      for (const v of metric.values) {
        const name = (v as { metricName?: string }).metricName ?? metric.name;
        const labels = Object.fromEntries(Object.entries(v.labels).map(([k, l]) => [k, String(l)]));
        expect(sampleValue(families, name, labels), `${name} ${JSON.stringify(labels)}`).toBe(v.value);
      }
    }
  });

  it("counts a hold, the booking made from it, a refused booking and a cancellation exactly once each", async () => {
    const before = await scrape();
    const slotId = slotIds[0]!;

    const hold = await holdRoute(post("/holds", { slotId }));
    expect(hold.status).toBe(201);
    const { token: holdToken } = (await hold.json()) as { token: string };

    const booking = () =>
      post("/bookings", { ...patient, slotId, holdToken }, { "idempotency-key": "metrics-booking-0001" });
    const booked = await bookRoute(booking());
    expect(booked.status).toBe(201);
    const confirmation = (await booked.json()) as { reference: string; manageToken: string };
    // The same request again is answered with the same booking: not a second one.
    expect((await bookRoute(booking())).status).toBe(201);
    // The hold was used up: another booking naming it is refused (HOLD_EXPIRED, 410).
    const refused = await bookRoute(
      post("/bookings", { ...patient, slotId, holdToken }, { "idempotency-key": "metrics-booking-0002" }),
    );
    expect(refused.status).toBe(410);

    const cancel = () =>
      cancelRoute(
        new Request(`${base}/api/v1/bookings/${confirmation.reference}/cancel`, {
          method: "POST",
          headers: { authorization: `Bearer ${confirmation.manageToken}` },
        }),
        { params: Promise.resolve({ reference: confirmation.reference }) },
      );
    expect((await cancel()).status).toBe(200);
    // Cancelling twice is answered like the first time, and is not a second cancellation.
    expect((await cancel()).status).toBe(200);

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) =>
      value(after, name, labels) - value(before, name, labels);
    expect(moved("portal_holds_created_total")).toBe(1);
    expect(moved("portal_holds_converted_total")).toBe(1);
    expect(moved("portal_bookings_total", { outcome: "booked", code: "" })).toBe(1);
    expect(moved("portal_bookings_total", { outcome: "refused", code: "HOLD_EXPIRED" })).toBe(1);
    expect(moved("portal_booking_changes_total", { operation: "cancel" })).toBe(1);
    expect(moved("portal_booking_changes_total", { operation: "reschedule" })).toBe(0);
    // Nothing else was counted: the refused booking under no other code, no second booking.
    const refusedTotal = (families: Map<string, Family>) =>
      families
        .get("portal_bookings_total")!
        .samples.filter((s) => s.labels.outcome === "refused")
        .reduce((sum, s) => sum + s.value, 0);
    expect(refusedTotal(after) - (before.has("portal_bookings_total") ? refusedTotal(before) : 0)).toBe(1);

    // The confirmation and the cancellation e-mails wait in the outbox (no worker runs here).
    expect(moved("portal_outbox_queue_depth")).toBe(2);
    expect(value(after, "portal_outbox_oldest_age_seconds")).toBeGreaterThan(0);
  });

  it("counts a cancellation by staff in the console, not its refusal", async () => {
    const world = await createWorld(testDb());
    const { reference } = await book(testDb(), world.a);
    const before = await scrape();
    const cancel = async () => {
      const { version } = await testDb().booking.findUniqueOrThrow({ where: { reference } });
      return changeBookingStatus(testDb(), world.actors.staffA, {
        reference,
        version,
        transition: "cancel",
        reason: "The patient asked by phone",
      });
    };
    expect((await cancel()).status).toBe("CANCELLED");
    await expect(cancel()).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    const after = await scrape();
    expect(
      value(after, "portal_booking_changes_total", { operation: "staff_cancel" }) -
        value(before, "portal_booking_changes_total", { operation: "staff_cancel" }),
    ).toBe(1);
  });

  it("a booking without a hold counts as booked but not as a converted hold", async () => {
    const before = await scrape();
    const response = await bookRoute(
      post("/bookings", { ...patient, slotId: slotIds[1]! }, { "idempotency-key": "metrics-booking-0003" }),
    );
    expect(response.status).toBe(201);
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) =>
      value(after, name, labels) - value(before, name, labels);
    expect(moved("portal_bookings_total", { outcome: "booked", code: "" })).toBe(1);
    expect(moved("portal_holds_converted_total")).toBe(0);
    expect(moved("portal_holds_created_total")).toBe(0);
  });

  it("counts quota months at 90 % and at 100 % of their cap, with the cap the database computes", async () => {
    const [institution] = await testDb().$queryRaw<{ id: string }[]>`
      SELECT id FROM institution WHERE ownership = 'PUBLIC' ORDER BY id LIMIT 1`;
    // A month far ahead that the demo has no row for.
    const month = new Date(Date.UTC(new Date().getUTCFullYear() + 1, new Date().getUTCMonth() + 6, 1));
    const [{ cap }] = (await testDb().$queryRaw<{ cap: number }[]>`
      SELECT quota_cap_units(quota_month_percent(${institution!.id}, ${month}::date), 1000) AS cap`) as [
      { cap: number },
    ];
    expect(cap).toBeGreaterThan(10);
    const before = await scrape();
    const near = (families: Map<string, Family>, threshold: string) =>
      value(families, "portal_quota_months_near_cap", { threshold });

    await testDb().$executeRaw`
      INSERT INTO quota_period (id, institution_id, month, declared_volume, used_units, updated_at)
      VALUES ('metrics-test-month', ${institution!.id}, ${month}::date, 1000, ${cap}, now())`;
    const full = await scrape();
    expect(near(full, "0.9") - near(before, "0.9")).toBe(1);
    expect(near(full, "1") - near(before, "1")).toBe(1);

    await testDb()
      .$executeRaw`UPDATE quota_period SET used_units = ${Math.ceil(cap * 0.9)} WHERE id = 'metrics-test-month'`;
    const ninety = await scrape();
    expect(near(ninety, "0.9") - near(before, "0.9")).toBe(1);
    expect(near(ninety, "1") - near(before, "1")).toBe(0);

    await testDb()
      .$executeRaw`UPDATE quota_period SET used_units = ${Math.ceil(cap * 0.9) - 1} WHERE id = 'metrics-test-month'`;
    const below = await scrape();
    expect(near(below, "0.9") - near(before, "0.9")).toBe(0);
    await testDb().$executeRaw`DELETE FROM quota_period WHERE id = 'metrics-test-month'`;
  });

  it("still answers when the database refuses connections: database gauges NaN, up 0, one scrape error", async () => {
    const before = await scrape();
    const [{ db }] = (await testDb().$queryRaw<{ db: string }[]>`SELECT current_database() AS db`) as [
      { db: string },
    ];
    await closeMetricsPool(); // its open connection would still work: make the next scrape connect anew
    // From the server's admin database: a database cannot refuse connections to itself.
    const admin = new pg.Client({ connectionString: inject("pgAdminUrl") });
    await admin.connect();
    await admin.query(`ALTER DATABASE "${db}" ALLOW_CONNECTIONS false`);
    try {
      const during = await scrape();
      expect(value(during, "portal_metrics_database_up")).toBe(0);
      expect(sampleValue(during, "portal_outbox_queue_depth")).toBeNaN();
      expect(sampleValue(during, "portal_quota_months_near_cap", { threshold: "0.9" })).toBeNaN();
      expect(
        value(during, "portal_metrics_scrape_errors_total") -
          value(before, "portal_metrics_scrape_errors_total"),
      ).toBe(1);
      // What does not need the database is still there.
      expect(value(during, "portal_holds_created_total")).toBe(value(before, "portal_holds_created_total"));
    } finally {
      await admin.query(`ALTER DATABASE "${db}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    expect(value(await scrape(), "portal_metrics_database_up")).toBe(1);
  });

  it("reports each read replica's lag and use as the router measures them, and none without replicas", async () => {
    const none = await scrape();
    expect(none.get("portal_db_replica_lag_seconds")?.samples).toEqual([]);
    // The router (lib/db/replicas.ts, proven with real replicas in tests/cluster) provides its measure
    // through this seam; here a fixed answer stands in for it, and one that fails.
    try {
      provideReplicaStatus(async () => [
        { role: "replica-1", usable: true, down: false, lagSeconds: 0.25 },
        { role: "replica-2", usable: false, down: true, lagSeconds: undefined },
      ]);
      const two = await scrape();
      expect(sampleValue(two, "portal_db_replica_lag_seconds", { replica: "replica-1" })).toBe(0.25);
      expect(sampleValue(two, "portal_db_replica_lag_seconds", { replica: "replica-2" })).toBeNaN();
      expect(sampleValue(two, "portal_db_replica_usable", { replica: "replica-1" })).toBe(1);
      expect(sampleValue(two, "portal_db_replica_usable", { replica: "replica-2" })).toBe(0);
      provideReplicaStatus(() => Promise.reject(new Error("router failed")));
      const failed = await scrape();
      expect(failed.get("portal_db_replica_usable")?.samples).toEqual([]);
      expect(
        value(failed, "portal_metrics_scrape_errors_total") -
          value(two, "portal_metrics_scrape_errors_total"),
      ).toBe(1);
    } finally {
      provideReplicaStatus(undefined);
    }
  });

  it("observes request durations by route template, method and status class", async () => {
    const route = "/api/v1/bookings/[reference]";
    const before = await scrape();
    observeHttpRequest({ route, method: "get", status: 200, seconds: 0.02 });
    observeHttpRequest({ route, method: "GET", status: 404, seconds: 0.2 });
    observeHttpRequest({ route, method: "BREW", status: 418, seconds: 3 });
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) =>
      value(after, name, labels) - value(before, name, labels);
    const h = "portal_http_request_duration_seconds";
    expect(moved(`${h}_count`, { route, method: "GET", status_class: "2xx" })).toBe(1);
    expect(moved(`${h}_bucket`, { route, method: "GET", status_class: "2xx", le: "0.025" })).toBe(1);
    expect(moved(`${h}_bucket`, { route, method: "GET", status_class: "4xx", le: "0.1" })).toBe(0);
    expect(moved(`${h}_bucket`, { route, method: "GET", status_class: "4xx", le: "0.25" })).toBe(1);
    expect(moved(`${h}_count`, { route, method: "OTHER", status_class: "4xx" })).toBe(1);
    expect(moved(`${h}_sum`, { route, method: "OTHER", status_class: "4xx" })).toBeCloseTo(3, 6);
  });
});

describe("the METRICS_PORT listener", () => {
  const freePort = () =>
    new Promise<number>((resolve, reject) => {
      const probe = createServer();
      probe.once("error", reject);
      probe.listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });

  it("serves GET /metrics on 127.0.0.1 without a token, 404 elsewhere, 405 for other methods", async () => {
    const port = await freePort();
    const server = startMetricsServer(port)!;
    try {
      await new Promise<void>((resolve) =>
        server.listening ? resolve() : server.once("listening", () => resolve()),
      );
      expect((server.address() as { address: string }).address).toBe("127.0.0.1");
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
      const families = parsePrometheusText(await response.text());
      expect(families.get("portal_bookings_total")?.type).toBe("counter");
      expect(
        value(families, "portal_bookings_total", { outcome: "booked", code: "" }),
      ).toBeGreaterThanOrEqual(2);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: "POST" })).status).toBe(405);
      expect(startMetricsServer(undefined)).toBeUndefined();
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  });
});
