// Graceful shutdown (issue 20 §3) of a real production server process: on
// SIGTERM it stops taking connections at once, finishes the request in flight
// (held by a table lock this test takes), lets the outbox worker finish the
// e-mail it is sending and release the leases of the rows it claimed but did
// not send, disconnects from the database and exits 0 within
// SHUTDOWN_TIMEOUT_MS (scripts/lib/graceful-shutdown.ts).
import { readFile } from "node:fs/promises";
import http from "node:http";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort } from "../../lib/db/embedded";
import { startSmtpSink, type SmtpSink } from "../fault/smtp-sink";
import {
  isReady,
  startAppInstance,
  startTestDatabase,
  TEST_ENCRYPTION_KEY,
  type AppInstance,
  type TestDatabase,
} from "../helpers/server-process";

const SHUTDOWN_TIMEOUT_MS = 8_000;

/** A GET on a connection of its own (no keep-alive pool): status, headers and body, or the socket's error. */
function get(
  port: number,
  path: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path, agent: false, timeout: 30_000 }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let database: TestDatabase | undefined;
let smtp: SmtpSink | undefined;
let app: AppInstance | undefined;
let locker: pg.Client | undefined;
let admin: pg.Client | undefined;
let letFirstMailGo: () => void = () => {};

beforeAll(async () => {
  database = await startTestDatabase("portal-shutdown-");
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  // Three e-mails due: the worker claims all three, then stalls on the first (the SMTP server holds its reply).
  for (let i = 1; i <= 3; i++)
    await admin.query(
      `INSERT INTO outbox_message (id, dedupe_key, template, to_email, locale, payload, created_at)
       VALUES (gen_random_uuid()::text, $1, 'password-reset', $2, 'en', $3, now() - make_interval(secs => $4))`,
      [`shutdown-test:${i}`, `staff${i}@example.com`, { name: `Staff ${i}`, tokenId: `t${i}` }, 10 - i],
    );
  const firstMailHeld = new Promise<void>((resolve) => (letFirstMailGo = resolve));
  smtp = await startSmtpSink({ beforeReply: (n) => (n === 1 ? firstMailHeld : undefined) });
  app = await startAppInstance({
    name: "app",
    dir: database.dir,
    port: await findFreePort(),
    metricsPort: await findFreePort(),
    env: {
      DATABASE_URL: database.url,
      DATA_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      SMTP_URL: smtp.url,
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      // The request held by the test's lock waits for it instead of answering 503 after 2 s.
      DB_LOCK_TIMEOUT_MS: "10000",
      DB_STATEMENT_TIMEOUT_MS: "20000",
    },
  });
});

afterAll(async () => {
  letFirstMailGo();
  await locker?.end().catch(() => {});
  await admin?.end().catch(() => {});
  await app?.kill();
  await smtp?.close();
  await database?.stop();
});

describe("SIGTERM", () => {
  it("drains the server: in flight finishes, new connections refused, outbox leases released, exit 0 in time", async () => {
    const { port } = app!;
    await waitFor("ready", async () => ((await isReady(port)) ? true : undefined));

    // The worker is sending the first e-mail; it holds the leases of all three rows.
    await waitFor("the first e-mail at the SMTP server", async () =>
      smtp!.received.length === 1 ? true : undefined,
    );
    const leased = await admin!.query<{ dedupe_key: string; locked_until: Date | null; attempts: number }>(
      `SELECT dedupe_key, locked_until, attempts FROM outbox_message ORDER BY dedupe_key`,
    );
    expect(leased.rows.map((r) => [r.dedupe_key, r.locked_until !== null, r.attempts])).toEqual([
      ["shutdown-test:1", true, 1],
      ["shutdown-test:2", true, 1],
      ["shutdown-test:3", true, 1],
    ]);

    // A request in flight: the hospital list, waiting for a lock this test holds on its table.
    locker = new pg.Client({ connectionString: database!.url });
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE institution IN ACCESS EXCLUSIVE MODE");
    const inFlight = get(port, "/api/v1/hospitals?locale=en");
    await waitFor("the request to wait for the lock", async () => {
      const { rows } = await admin!.query(
        `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = 'portal'`,
      );
      return rows.length > 0 ? true : undefined;
    });

    const child = app!.process;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    const sigterm = Date.now();
    child.kill("SIGTERM");

    // At once: no new connection is taken (a load balancer's health check included).
    await waitFor(
      "new connections to be refused",
      async () =>
        (await get(port, "/api/health/ready").catch((e: NodeJS.ErrnoException) => e.code)) === "ECONNREFUSED"
          ? true
          : undefined,
      2_000,
    );
    expect(Date.now() - sigterm).toBeLessThan(2_000);
    await expect(get(port, "/api/health/live")).rejects.toMatchObject({ code: "ECONNREFUSED" });

    // The request in flight is still waiting; the process has not exited.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(child.exitCode).toBeNull();
    await locker.query("COMMIT");
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.headers.connection).toBe("close");
    expect(JSON.parse(answer.body)).toHaveProperty("data");
    await locker.end();
    locker = undefined;

    // The e-mail being sent finishes; the worker starts no other and releases the two it did not send.
    expect(child.exitCode).toBeNull();
    letFirstMailGo();
    const { code, signal } = await exited;
    const took = Date.now() - sigterm;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(took).toBeLessThan(SHUTDOWN_TIMEOUT_MS);

    const after = await admin!.query<{
      dedupe_key: string;
      status: string;
      locked_until: Date | null;
      attempts: number;
    }>(`SELECT dedupe_key, status::text, locked_until, attempts FROM outbox_message ORDER BY dedupe_key`);
    expect(after.rows).toEqual([
      { dedupe_key: "shutdown-test:1", status: "SENT", locked_until: null, attempts: 1 },
      { dedupe_key: "shutdown-test:2", status: "PENDING", locked_until: null, attempts: 0 },
      { dedupe_key: "shutdown-test:3", status: "PENDING", locked_until: null, attempts: 0 },
    ]);
    expect(smtp!.received).toHaveLength(1);

    // It disconnected from the database: no connection of its own is left.
    const { rows: left } = await admin!.query(
      `SELECT application_name FROM pg_stat_activity WHERE datname = 'portal' AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    expect(left).toEqual([]);

    const log = await readFile(app!.logFile, "utf8");
    expect(log).toMatch(/"msg":"shutting down: draining requests in flight"/);
    expect(log).toMatch(/"held":2,"released":2,"msg":"outbox worker stopped"/);
    expect(log).toMatch(/"code":0[^\n]*"msg":"shut down"/);
    console.log(
      `graceful shutdown: exit 0 ${took} ms after SIGTERM (SHUTDOWN_TIMEOUT_MS ${SHUTDOWN_TIMEOUT_MS})`,
    );
  });
});
