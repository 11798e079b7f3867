// Read routing to replicas (lib/db/replicas.ts, ADR 0028) without replication:
// the "replica" here is a second database cloned from the same demo catalogue,
// made read-only like a hot standby and with every English institution name
// ending in " (replica)". It stands in for a replica only to observe WHERE each
// query goes: a name with the suffix was read from it, one without from the
// primary (this file's database). Real streaming replication, lag and a
// stopped replica server: tests/cluster/replica-lag.test.ts.
import pg from "pg";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { findFreePort } from "../../lib/db/embedded";
import { READ_YOUR_WRITES_COOKIE } from "../../lib/db/read-your-writes";
import { createDbClient, type DbClient } from "../../lib/db/create-client";
import { slotListSchema } from "../../lib/booking/api-schemas";
import { hospitalListSchema } from "../../lib/catalogue/api-schemas";
import { closeTestDb, testDb } from "../helpers/db";
import { loadDemoSeed } from "../setup/demo-db";

const SUFFIX = " (replica)";
const base = "http://localhost/api/v1";
const primaryUrl = process.env.DATABASE_URL!;
const replicaName = `${decodeURIComponent(new URL(primaryUrl).pathname.slice(1))}_replica`;
const replicaUrl = (() => {
  const url = new URL(primaryUrl);
  url.pathname = `/${replicaName}`;
  return url.toString();
})();

type Handler = (request: Request, context?: unknown) => Promise<Response>;
const globalForDb = globalThis as unknown as { portalDb?: DbClient };

/** Fresh modules (lib/env.ts caches the environment) with these replica URLs. */
async function withReplicas(urls: string) {
  const { closeReadReplicas } = await import("../../lib/db/replicas");
  await closeReadReplicas();
  vi.resetModules();
  process.env.DATABASE_REPLICA_URLS = urls;
  process.env.READ_YOUR_WRITES_SECONDS = "15";
  return {
    hospitals: (await import("../../app/api/v1/hospitals/route")).GET as Handler,
    hospital: (await import("../../app/api/v1/hospitals/[slug]/route")).GET as Handler,
    holds: (await import("../../app/api/v1/holds/route")).POST as Handler,
    slots: (await import("../../app/api/v1/slots/route")).GET as Handler,
    replicas: await import("../../lib/db/replicas"),
    proxy: (await import("../../proxy")).default,
  };
}

const names = async (response: Response) => {
  expect(response.status).toBe(200);
  return hospitalListSchema.parse(await response.json()).data.map((h) => h.name);
};
const fromReplica = (list: string[]) => list.length > 0 && list.every((n) => n.endsWith(SUFFIX));
const fromPrimary = (list: string[]) => list.length > 0 && list.every((n) => !n.endsWith(SUFFIX));
const finder = (headers: Record<string, string> = {}) =>
  new Request(`${base}/hospitals?locale=en&pageSize=5`, { headers });

let admin: pg.Client;
let replica: DbClient;

beforeAll(async () => {
  await loadDemoSeed();
  admin = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${replicaName}" TEMPLATE "portal_template_demo"`);
  const setup = new pg.Client({ connectionString: replicaUrl });
  await setup.connect();
  await setup.query(`UPDATE institution_translation SET name = name || $1 WHERE locale = 'en'`, [SUFFIX]);
  await setup.end();
  // A hot standby refuses every write; so does this stand-in, so a write sent to it would fail loudly.
  await admin.query(`ALTER DATABASE "${replicaName}" SET default_transaction_read_only = on`);
  replica = createDbClient(replicaUrl);
});

afterAll(async () => {
  const { closeReadReplicas } = await import("../../lib/db/replicas");
  await closeReadReplicas();
  await globalForDb.portalDb?.$disconnect();
  globalForDb.portalDb = undefined;
  await replica?.$disconnect();
  await closeTestDb();
  await admin?.query(`DROP DATABASE IF EXISTS "${replicaName}" WITH (FORCE)`);
  await admin?.end();
  delete process.env.DATABASE_REPLICA_URLS;
  delete process.env.READ_YOUR_WRITES_SECONDS;
});

describe("catalogue reads with DATABASE_REPLICA_URLS set", () => {
  it("a finder read goes to the replica; with the read-your-writes cookie or in a server action, to the primary", async () => {
    const app = await withReplicas(replicaUrl);
    expect(fromReplica(await names(await app.hospitals(finder())))).toBe(true);
    // The same read twice more: still the replica (one replica: every turn is its).
    expect(fromReplica(await names(await app.hospitals(finder())))).toBe(true);

    const fresh = `${READ_YOUR_WRITES_COOKIE}=${Math.ceil(Date.now() / 1000) + 15}`;
    expect(fromPrimary(await names(await app.hospitals(finder({ cookie: `a=1; ${fresh}` }))))).toBe(true);
    const expired = `${READ_YOUR_WRITES_COOKIE}=${Math.floor(Date.now() / 1000) - 1}`;
    expect(fromReplica(await names(await app.hospitals(finder({ cookie: expired }))))).toBe(true);
    expect(
      fromReplica(await names(await app.hospitals(finder({ cookie: `${READ_YOUR_WRITES_COOKIE}=x` })))),
    ).toBe(true);
    // Pages read through the same readDb(headers); a server action's render carries Next-Action.
    const db = await app.replicas.readDb(new Headers({ "next-action": "abc123" }));
    const [row] = await db.$queryRaw<
      { name: string }[]
    >`SELECT name FROM institution_translation WHERE locale = 'en' LIMIT 1`;
    expect(row!.name.endsWith(SUFFIX)).toBe(false);
    const [viaReplica] = await (
      await app.replicas.readDb(new Headers())
    ).$queryRaw<{ name: string }[]>`SELECT name FROM institution_translation WHERE locale = 'en' LIMIT 1`;
    expect(viaReplica!.name.endsWith(SUFFIX)).toBe(true);

    const detail = await app.hospital(new Request(`${base}/hospitals/beijing-united-family?locale=en`), {
      params: Promise.resolve({ slug: "beijing-united-family" }),
    });
    expect(detail.status).toBe(200);
    expect(((await detail.json()) as { name: string }).name.endsWith(SUFFIX)).toBe(true);
    const healthy = [{ role: "replica-1", usable: true, down: false, lagSeconds: 0 }];
    expect(app.replicas.readRouter().status()).toEqual(healthy);
    // What metrics and the ready detail read (outside Next's bundle too): measured now.
    expect(await (await import("../../lib/db/replica-status")).replicaStatus()).toEqual(healthy);
  });

  it("a write sets the cookie (HttpOnly, SameSite=Lax, READ_YOUR_WRITES_SECONDS) and never touches the replica", async () => {
    const app = await withReplicas(replicaUrl);
    const post = (path: string) =>
      app.proxy(
        new NextRequest(`http://localhost${path}`, {
          method: "POST",
          headers: { origin: "http://localhost" },
        }),
      );
    const set = (await post("/api/v1/holds")).headers
      .getSetCookie()
      .find((c) => c.startsWith(READ_YOUR_WRITES_COOKIE));
    expect(set).toMatch(/^portal_rw=\d+; Path=\/; Expires=[^;]+; Max-Age=15; HttpOnly; SameSite=lax$/i);
    const expiry = Number(/^portal_rw=(\d+)/.exec(set!)![1]);
    expect(expiry * 1000 - Date.now()).toBeGreaterThan(13_000);
    expect(expiry * 1000 - Date.now()).toBeLessThanOrEqual(16_000);
    const get = await app.proxy(new NextRequest(`http://localhost/api/v1/hospitals`));
    expect(get.headers.getSetCookie().some((c) => c.startsWith(READ_YOUR_WRITES_COOKIE))).toBe(false);

    const slots = await app.slots(
      new Request(`${base}/slots?hospital=beijing-united-family&department=general-practice`),
    );
    const slot = slotListSchema
      .parse(await slots.json())
      .data.find((s) => s.available > 0 && Date.parse(s.startsAt) > Date.now() + 86_400_000)!;
    const before = { primary: await testDb().hold.count(), replica: await replica.hold.count() };
    const hold = await app.holds(
      new Request(`${base}/holds`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ slotId: slot.id }),
      }),
    );
    expect(hold.status).toBe(201);
    expect(await testDb().hold.count()).toBe(before.primary + 1);
    expect(await replica.hold.count()).toBe(before.replica);
  });

  it("a replica nobody answers on: the read is answered from the primary, 200, no 5xx", async () => {
    const closed = `postgresql://postgres:postgres@127.0.0.1:${await findFreePort()}/portal`;
    const app = await withReplicas(closed);
    for (let i = 0; i < 3; i++) expect(fromPrimary(await names(await app.hospitals(finder())))).toBe(true);
    expect(app.replicas.readRouter().status()).toMatchObject([
      { role: "replica-1", usable: false, down: true },
    ]);
  });

  it("a replica lost between its check and a query: that query runs once more on the primary", async () => {
    const { ReadRouter } = await import("../../lib/db/replicas");
    let now = Date.now();
    const router = new ReadRouter(
      [replicaUrl],
      testDb,
      15,
      (url) => createDbClient(url, { poolWaitMs: 500 }),
      () => now,
    );
    try {
      const db = await router.client(false);
      const sql = () =>
        db.$queryRaw<
          { name: string }[]
        >`SELECT name FROM institution_translation WHERE locale = 'en' LIMIT 1`;
      expect((await sql())[0]!.name.endsWith(SUFFIX)).toBe(true);
      expect((await db.institutionTranslation.findFirstOrThrow({ where: { locale: "en" } })).name).toMatch(
        / \(replica\)$/,
      );
      // The replica goes away (no new connections; the open ones are cut) within the second its check is trusted.
      await admin.query(`ALTER DATABASE "${replicaName}" ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [
        replicaName,
      ]);
      // A model query first (it is retried on the primary and marks the replica down), then a raw one.
      const lost = db.institutionTranslation.findFirstOrThrow({ where: { locale: "en" } });
      expect((await lost).name.endsWith(SUFFIX)).toBe(false);
      expect(router.status()).toMatchObject([{ usable: false, down: true }]);
      expect((await sql())[0]!.name.endsWith(SUFFIX)).toBe(false);
      // The router now hands out the primary until the replica answers again.
      expect(await router.client(false)).toBe(testDb());
      now += 6_000;
      await admin.query(`ALTER DATABASE "${replicaName}" ALLOW_CONNECTIONS true`);
      await router.measure();
      const back = await router.client(false);
      expect((await back.institutionTranslation.findFirstOrThrow({ where: { locale: "en" } })).name).toMatch(
        / \(replica\)$/,
      );
    } finally {
      await admin.query(`ALTER DATABASE "${replicaName}" ALLOW_CONNECTIONS true`);
      await router.close();
    }
  });
});
