// Read replicas under real streaming replication (lib/db/replicas.ts, ADR 0028):
// a PostgreSQL 15 primary and a replica made by pg_basebackup -R
// (scripts/lib/cluster/postgres.ts), two app instances of the production build
// reading the catalogue from it, called directly (no nginx: cluster.test.ts
// drives the same through nginx). Instance "patient" has READ_YOUR_WRITES_SECONDS=60,
// instance "strict" 2, which is also the lag past which it stops reading the replica.
//   1. replay paused, an institution renamed through the real use case on the primary:
//      the client that wrote (its hold's portal_rw cookie) sees the new name, a client
//      without it the old one (the replica's), the lag shows in the log and the status;
//   2. "strict", once the replica lags more than 2 s, answers everyone from the primary;
//   3. replay resumed: everyone sees the new name from the replica;
//   4. the replica stopped: every catalogue read still 200, from the primary; started
//      again, reads go back to it.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../../lib/auth/actor";
import { saveInstitutionTranslation } from "../../lib/catalogue/manage-institution";
import { generateEncryptionKey } from "../../lib/crypto/secrets";
import { createDbClient, type DbClient } from "../../lib/db/create-client";
import { seedDemo } from "../../lib/seed/seed-demo";
import { startAppInstance, type AppInstance } from "../../scripts/lib/cluster/app";
import { freePorts } from "../../scripts/lib/cluster/cluster";
import {
  pauseReplay,
  sql,
  startPrimary,
  startReplica,
  waitReplayed,
  type PgServer,
} from "../../scripts/lib/cluster/postgres";
import { migrate } from "../../scripts/lib/runtime";

const SLUG = "beijing-united-family";
let dir: string;
let primary: PgServer;
let replica: PgServer | undefined;
let replicaPort: number;
let db: DbClient;
let patientApp: AppInstance;
let strictApp: AppInstance;
let oldName: string;

async function hospitalName(app: AppInstance, cookie?: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${app.port}/api/v1/hospitals/${SLUG}?locale=en`, {
    headers: cookie ? { cookie } : {},
    signal: AbortSignal.timeout(30_000),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { name: string }).name;
}

async function status(app: AppInstance, pathname: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${app.port}${pathname}`, {
    signal: AbortSignal.timeout(30_000),
  });
  await response.arrayBuffer();
  return response.status;
}

/** A real write through the app (a hold on an open slot); answers the portal_rw cookie it sets. */
async function holdCookie(app: AppInstance): Promise<string> {
  const base = `http://127.0.0.1:${app.port}/api/v1`;
  const slots = (await (
    await fetch(`${base}/slots?hospital=${SLUG}&department=general-practice`)
  ).json()) as { data: { id: string; available: number; startsAt: string }[] };
  const slot = slots.data.find((s) => s.available > 0 && Date.parse(s.startsAt) > Date.now() + 86_400_000)!;
  const response = await fetch(`${base}/holds`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ slotId: slot.id }),
  });
  expect(response.status).toBe(201);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("portal_rw="));
  expect(cookie).toMatch(/Max-Age=60; HttpOnly; SameSite=lax/i);
  return cookie!.split(";")[0]!;
}

const lagBytes = async () => {
  const [p] = await sql<{ lsn: string }>(primary.superUrl, "SELECT pg_current_wal_lsn()::text AS lsn");
  const [r] = await sql<{ bytes: string }>(
    replica!.superUrl,
    "SELECT pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn())::text AS bytes",
    [p!.lsn],
  );
  return Number(r!.bytes);
};
const logOf = (app: AppInstance) => readFileSync(app.logFile, "utf8");
/** An instance's METRICS_PORT /metrics: its replica's measured lag (seconds) and whether it reads it. */
async function replicaMetrics(app: AppInstance): Promise<{ lag: number; usable: number }> {
  const text = await (await fetch(`http://127.0.0.1:${app.metricsPort}/metrics`)).text();
  const value = (name: string) =>
    Number(new RegExp(`^${name}\\{replica="replica-1"\\} (\\S+)$`, "m").exec(text)?.[1]);
  return { lag: value("portal_db_replica_lag_seconds"), usable: value("portal_db_replica_usable") };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "portal-replica-"));
  const [primaryPort, rPort, app1, app2, m1, m2] = await freePorts(6);
  replicaPort = rPort!;
  primary = await startPrimary({ dir, port: primaryPort! });
  await migrate(primary.url);
  db = createDbClient(primary.url);
  await seedDemo(db);
  replica = await startReplica({ dir, primary, port: replicaPort });
  const env = {
    DATABASE_URL: primary.url,
    DATABASE_REPLICA_URLS: replica.url,
    DATA_ENCRYPTION_KEY: generateEncryptionKey(),
    PORTAL_DATA_DIR: path.join(dir, "portal-data"),
    LOG_LEVEL: "info",
  };
  patientApp = await startAppInstance({
    name: "patient",
    dir,
    port: app1!,
    metricsPort: m1!,
    env: { ...env, READ_YOUR_WRITES_SECONDS: "60" },
  });
  strictApp = await startAppInstance({
    name: "strict",
    dir,
    port: app2!,
    metricsPort: m2!,
    env: { ...env, READ_YOUR_WRITES_SECONDS: "2" },
  });
});

afterAll(async () => {
  await sql(replica?.superUrl ?? "", "SELECT pg_wal_replay_resume()").catch(() => {});
  await patientApp?.stop();
  await strictApp?.stop();
  await db?.$disconnect();
  await replica?.stop();
  await primary?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("catalogue reads on a streaming replica", () => {
  it("reads the replica: the application's sessions are there", async () => {
    await waitReplayed(primary, replica!);
    oldName = await hospitalName(patientApp);
    expect(await hospitalName(strictApp)).toBe(oldName);
    const sessions = await sql(
      replica!.superUrl,
      "SELECT 1 FROM pg_stat_activity WHERE application_name = 'portal'",
    );
    expect(sessions.length).toBeGreaterThan(0);
  });

  it("replay paused: the client that wrote sees its change at once, another the replica's old page", async () => {
    await pauseReplay(replica!);
    const cookie = await holdCookie(patientApp);
    const sysadmin = await db.user.findFirstOrThrow({ where: { roles: { some: { role: "SYSTEM_ADMIN" } } } });
    const newName = `${oldName} (renamed)`;
    await saveInstitutionTranslation(db, await loadActor(db, sysadmin.id), {
      institution: SLUG,
      language: "en",
      name: newName,
    });
    expect(await lagBytes()).toBeGreaterThan(0);

    expect(await hospitalName(patientApp, cookie)).toBe(newName);
    expect(await hospitalName(patientApp)).toBe(oldName);
    expect(await hospitalName(patientApp, "portal_rw=1")).toBe(oldName);
    // The lag made visible: measured by the instance and exported to Prometheus.
    const paused = await replicaMetrics(patientApp);
    expect(paused.lag).toBeGreaterThan(0);
    expect(paused.lag).toBeLessThan(60);
    expect(paused.usable).toBe(1);

    // "strict" reads the replica only while it lags at most 2 s: past that, the primary for everyone.
    await new Promise((r) => setTimeout(r, 3_500));
    await hospitalName(strictApp); // measures (in the background once measured before)
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await hospitalName(strictApp)).toBe(newName);
    expect(logOf(strictApp)).toMatch(
      /"replica":"replica-1".*"msg":"replica lags too far: its reads go to the primary"/,
    );
    // "patient" allows 60 s: still the replica, and what it measured is in its log only when past the bound.
    expect(await hospitalName(patientApp)).toBe(oldName);
    expect(logOf(patientApp)).not.toMatch(/replica lags too far/);

    await sql(replica!.superUrl, "SELECT pg_wal_replay_resume()");
    await waitReplayed(primary, replica!);
    expect(await hospitalName(patientApp)).toBe(newName);
    await new Promise((r) => setTimeout(r, 1_500));
    await hospitalName(strictApp);
    await new Promise((r) => setTimeout(r, 500));
    expect(await hospitalName(strictApp)).toBe(newName);
    expect(logOf(strictApp)).toMatch(/"msg":"replica caught up: reads go to it again"/);
  });

  it("replica stopped: catalogue reads still 200 from the primary; started again, reads go back to it", async () => {
    await replica!.stop();
    replica = undefined;
    for (const app of [patientApp, strictApp]) {
      expect(await hospitalName(app)).toMatch(/\(renamed\)$/);
      expect(await status(app, "/api/v1/hospitals?locale=en")).toBe(200);
      expect(await status(app, "/api/v1/packages?locale=en")).toBe(200);
      expect(await status(app, "/en/hospitals")).toBe(200);
      expect(await status(app, `/en/hospitals/${SLUG}`)).toBe(200);
      expect(await status(app, "/en")).toBe(200);
    }
    expect(logOf(patientApp)).toMatch(/"msg":"replica unreachable: its reads go to the primary"/);
    expect((await replicaMetrics(patientApp)).usable).toBe(0);
    // Logged once per outage, not once per read.
    expect(logOf(patientApp).match(/replica unreachable/g)!.length).toBe(1);

    replica = await startReplica({ dir, primary, port: replicaPort });
    await waitReplayed(primary, replica);
    // Left alone 5 s after its failure, then measured again.
    await new Promise((r) => setTimeout(r, 6_000));
    await hospitalName(patientApp);
    await new Promise((r) => setTimeout(r, 1_500));
    await hospitalName(patientApp);
    expect(logOf(patientApp)).toMatch(/"msg":"replica reachable again"/);
    expect(await replicaMetrics(patientApp)).toEqual({ lag: 0, usable: 1 });
    const sessions = await sql(
      replica.superUrl,
      "SELECT 1 FROM pg_stat_activity WHERE application_name = 'portal'",
    );
    expect(sessions.length).toBeGreaterThan(0);
  });
});
