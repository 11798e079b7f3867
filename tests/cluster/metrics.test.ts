// Metrics in a real production server process (issue 20 §2): the route
// handlers run in Next's server bundle and the METRICS_PORT listener in
// scripts/server.ts, two copies of lib/observability/metrics.ts in one
// process. A hold and a booking made over HTTP must show on both, with the
// same values (one registry, kept on globalThis), the access log's request
// durations by route template too; GET /api/metrics keeps its token; the
// listener answers on 127.0.0.1 only and is gone after SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient } from "../../lib/db/create-client";
import { findFreePort } from "../../lib/db/embedded";
import { seedDemo } from "../../lib/seed/seed-demo";
import { parsePrometheusText, sampleValue, type Family } from "../helpers/prometheus-text";
import {
  startAppInstance,
  startTestDatabase,
  TEST_ENCRYPTION_KEY,
  type AppInstance,
  type TestDatabase,
} from "../helpers/server-process";

const TOKEN = "cluster-metrics-token-0123456789abcdef";

let database: TestDatabase | undefined;
let app: AppInstance | undefined;
let base: string;

beforeAll(async () => {
  database = await startTestDatabase("portal-metrics-");
  const db = createDbClient(database.url);
  try {
    await seedDemo(db);
  } finally {
    await db.$disconnect();
  }
  const port = await findFreePort();
  base = `http://127.0.0.1:${port}`;
  app = await startAppInstance({
    name: "app",
    dir: database.dir,
    port,
    metricsPort: await findFreePort(),
    env: {
      DATABASE_URL: database.url,
      DATA_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      PORTAL_DATA_DIR: `${database.dir}/data`,
      PUBLIC_BASE_URL: base,
      METRICS_TOKEN: TOKEN,
      LOG_LEVEL: "warn",
    },
  });
});

afterAll(async () => {
  await app?.stop();
  await database?.stop();
});

async function scrapeRoute(): Promise<Map<string, Family>> {
  const response = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  return parsePrometheusText(await response.text());
}

async function scrapeListener(): Promise<Map<string, Family>> {
  const response = await fetch(`http://127.0.0.1:${app!.metricsPort}/metrics`);
  expect(response.status).toBe(200);
  return parsePrometheusText(await response.text());
}

const value = (families: Map<string, Family>, name: string, labels: Record<string, string> = {}) =>
  sampleValue(families, name, labels) ?? 0;

const COUNTERS: [string, Record<string, string>][] = [
  ["portal_holds_created_total", {}],
  ["portal_holds_converted_total", {}],
  ["portal_bookings_total", { outcome: "booked", code: "" }],
];

describe("metrics of a production server process", () => {
  it("keeps /api/metrics behind its token", async () => {
    const missing = await fetch(`${base}/api/metrics`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    const wrong = await fetch(`${base}/api/metrics`, {
      headers: { authorization: "Bearer not-the-token-at-all" },
    });
    expect(wrong.status).toBe(401);
    await wrong.arrayBuffer();
  });

  it("shows a hold and a booking made over HTTP on the route and on the METRICS_PORT listener alike", async () => {
    const [routeBefore, listenerBefore] = [await scrapeRoute(), await scrapeListener()];

    const slots = (await (
      await fetch(`${base}/api/v1/slots?hospital=pumch-international&department=cardiology`)
    ).json()) as { data: { id: string; available: number; startsAt: string }[] };
    const slot = slots.data.find(
      (s) => s.available > 0 && Date.parse(s.startsAt) > Date.now() + 2 * 86_400_000,
    )!;
    expect(slot).toBeDefined();
    const hold = await fetch(`${base}/api/v1/holds`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slotId: slot.id }),
    });
    expect(hold.status).toBe(201);
    const { token: holdToken } = (await hold.json()) as { token: string };
    const booking = await fetch(`${base}/api/v1/bookings`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "cluster-metrics-0001" },
      body: JSON.stringify({
        slotId: slot.id,
        holdToken,
        name: "Layla Haddad",
        nationality: "JO",
        dateOfBirth: "1990-06-01",
        email: "layla@example.com",
        phone: "+962 7 9123 4567",
        preferredLanguage: "en",
        reasonForVisit: "Check-up",
        interpreterWanted: false,
        paymentMethod: "SELF_PAY",
        consentTerms: true,
        consentSensitive: true,
        locale: "en",
      }),
    });
    expect(booking.status).toBe(201);
    await booking.arrayBuffer();

    const [routeAfter, listenerAfter] = [await scrapeRoute(), await scrapeListener()];
    for (const [name, labels] of COUNTERS) {
      expect(value(routeAfter, name, labels) - value(routeBefore, name, labels), name).toBe(1);
      expect(value(listenerAfter, name, labels) - value(listenerBefore, name, labels), name).toBe(1);
      // One registry: both copies of the module read the same counter.
      expect(value(listenerAfter, name, labels), name).toBe(value(routeAfter, name, labels));
    }
    expect(value(listenerAfter, "portal_metrics_database_up")).toBe(1);
    expect(value(listenerAfter, "portal_outbox_queue_depth")).toBeGreaterThanOrEqual(0);
    expect(
      sampleValue(listenerAfter, "portal_db_pool_connections", { role: "primary", state: "total" }),
    ).toBeGreaterThanOrEqual(1);
    // The access log (scripts/server.ts) observes each answered request by its route template.
    expect(
      value(listenerAfter, "portal_http_request_duration_seconds_count", {
        route: "/api/v1/holds",
        method: "POST",
        status_class: "2xx",
      }),
    ).toBe(1);
  });

  it("serves the listener on 127.0.0.1 only, and closes it on SIGTERM", async () => {
    const elsewhere = await fetch(`http://127.0.0.1:${app!.metricsPort}/`);
    expect(elsewhere.status).toBe(404);
    await elsewhere.arrayBuffer();
    await app!.stop();
    await expect(fetch(`http://127.0.0.1:${app!.metricsPort}/metrics`)).rejects.toThrow();
  });
});
