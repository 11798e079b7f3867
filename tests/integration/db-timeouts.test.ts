// Timeouts (issue 13): with the `slot` table locked by another session, the
// API answers 503 DATABASE_UNAVAILABLE with Retry-After after about the lock
// timeout (never hangs, never 500), /api/health still answers 200, and once
// the lock is gone the very same requests succeed. A patient whose booking was
// refused that way keeps their hold and books with it afterwards. Real
// Postgres errors (statement timeout, full pool, too many connections,
// deadlock) are classified as the API answers them.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The app's client (getDb) reads these on first use: a short lock timeout keeps
// the test quick, a long statement timeout shows which of the two ended the wait.
const LOCK_TIMEOUT_MS = 1_000;
const STATEMENT_TIMEOUT_MS = 10_000;
vi.hoisted(() => {
  process.env.DB_LOCK_TIMEOUT_MS = "1000";
  process.env.DB_STATEMENT_TIMEOUT_MS = "10000";
});

import { GET as healthRoute } from "../../app/api/health/route";
import { GET as readyRoute } from "../../app/api/health/ready/route";
import { POST as bookRoute } from "../../app/api/v1/bookings/route";
import { POST as holdRoute } from "../../app/api/v1/holds/route";
import { GET as slotsRoute } from "../../app/api/v1/slots/route";
import { slotListSchema } from "../../lib/booking/api-schemas";
import { bookFromBody } from "../helpers/book";
import { createHold } from "../../lib/booking/holds";
import { sha256 } from "../../lib/crypto/secrets";
import { createDbClient, type DbClient } from "../../lib/db/create-client";
import { AppError, toAppError } from "../../lib/errors";
import { loadDemoSeed } from "../setup/demo-db";
import { testDb } from "../helpers/db";
import { fileMailer } from "../../lib/notify/mailer";
import { startOutboxWorker, stopOutboxWorker } from "../../lib/notify/worker";

const base = "http://localhost/api/v1";
const url = () => process.env.DATABASE_URL!;
const json = async (r: Response) => ({
  status: r.status,
  retryAfter: r.headers.get("retry-after"),
  body: await r.json(),
});
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

const patient = {
  name: "Aziz Karimov",
  nationality: "UZ",
  dateOfBirth: "1979-03-14",
  email: "aziz@example.com",
  phone: "+998 90 123 45 67",
  preferredLanguage: "ru",
  reasonForVisit: "Knee pain",
  interpreterWanted: false,
  paymentMethod: "SELF_PAY",
  consentTerms: true,
  consentSensitive: true,
};

/** Another session holding ACCESS EXCLUSIVE on `slot` (nothing can read or write it) until released. */
async function lockSlotTable(): Promise<{ release: () => Promise<void> }> {
  const locker = new pg.Client({ connectionString: url() });
  await locker.connect();
  await locker.query("BEGIN");
  await locker.query("LOCK TABLE slot IN ACCESS EXCLUSIVE MODE");
  return {
    release: async () => {
      await locker.query("ROLLBACK");
      await locker.end();
    },
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

const slotsQuery = "/slots?hospital=beijing-united-family&department=general-practice";
let slotIds: string[] = [];

beforeAll(async () => {
  await loadDemoSeed();
  // As in a server, an outbox worker runs in the process (/api/health/ready answers 200 only then);
  // its mail goes to .eml files in a directory of the test's own.
  startOutboxWorker({ mailer: fileMailer(mkdtempSync(path.join(os.tmpdir(), "portal-db-timeouts-mail-"))) });
  const { body } = await json(await slotsRoute(new Request(`${base}${slotsQuery}`)));
  slotIds = slotListSchema
    .parse(body)
    .data.filter((s) => s.available > 1 && Date.parse(s.startsAt) > Date.now() + 2 * 86_400_000)
    .map((s) => s.id);
  expect(slotIds.length).toBeGreaterThanOrEqual(3);
});

const extraClients: DbClient[] = [];
afterAll(async () => {
  await stopOutboxWorker();
  await Promise.all(extraClients.map((c) => c.$disconnect()));
});
function client(options: Parameters<typeof createDbClient>[1]): DbClient {
  const db = createDbClient(url(), options);
  extraClients.push(db);
  return db;
}

describe("a locked slot table", () => {
  it("answers slots, holds and bookings 503 with Retry-After after the lock timeout, health 200, then recovers", async () => {
    const slotId = slotIds[0]!;
    const hold = await json(await holdRoute(post("/holds", { slotId })));
    expect(hold.status).toBe(201);
    const bookRequest = () =>
      post(
        "/bookings?locale=ru",
        { ...patient, slotId, holdToken: hold.body.token },
        { "idempotency-key": "locked-slot-booking-01" },
      );

    const lock = await lockSlotTable();
    let refused: { value: Awaited<ReturnType<typeof json>>; ms: number }[];
    let health: Awaited<ReturnType<typeof json>>;
    let ready: Awaited<ReturnType<typeof json>>;
    try {
      refused = await Promise.all([
        timed(async () => json(await slotsRoute(new Request(`${base}${slotsQuery}`)))),
        timed(async () => json(await holdRoute(post("/holds", { slotId: slotIds[1] })))),
        timed(async () => json(await bookRoute(bookRequest()))),
      ]);
      // The health checks ask on their own connection: a locked table is not an outage.
      health = await json(await healthRoute(new Request("http://localhost/api/health")));
      ready = await json(await readyRoute(new Request("http://localhost/api/health/ready")));
    } finally {
      await lock.release();
    }

    for (const { value, ms } of refused) {
      expect(value.status).toBe(503);
      expect(value.retryAfter).toBe("5");
      expect(value.body).toEqual({ error: { code: "DATABASE_UNAVAILABLE", message: expect.any(String) } });
      // It waited on the lock (so the lock was what refused it), and no longer than about lock_timeout:
      // far from the statement timeout and the transactions' 15 s.
      expect(ms).toBeGreaterThanOrEqual(LOCK_TIMEOUT_MS * 0.9);
      expect(ms).toBeLessThan(LOCK_TIMEOUT_MS + 3_000);
      expect(ms).toBeLessThan(STATEMENT_TIMEOUT_MS);
    }
    expect(refused[2]!.value.body.error.message).toMatch(/[а-я]/); // ?locale=ru
    expect(health).toMatchObject({ status: 200, body: { status: "ok", database: "up" } });
    expect(ready).toMatchObject({ status: 200, body: { status: "ok", database: "up" } });

    // Recovers by itself: the very same requests now succeed, the booking with the hold it had.
    expect((await json(await slotsRoute(new Request(`${base}${slotsQuery}`)))).status).toBe(200);
    expect((await json(await holdRoute(post("/holds", { slotId: slotIds[1] })))).status).toBe(201);
    const booked = await json(await bookRoute(bookRequest()));
    expect(booked.status).toBe(201);
    expect(booked.body.slot.id).toBe(slotId);
  });
});

describe("a patient's hold when their booking is refused with 503", () => {
  it("stays live, and the same hold token books once the lock is gone", async () => {
    const db = client({ lockTimeoutMs: 500, statementTimeoutMs: 5_000 });
    const slotId = slotIds[2]!;
    const clientKey = "patient-kept-hold";
    const { token } = await createHold(db, { slotId }, clientKey);
    const input = { ...patient, locale: "en", slotId, holdToken: token };
    const options = { idempotencyKey: "kept-hold-booking-01", clientKey };
    const before = await testDb().slot.findUniqueOrThrow({ where: { id: slotId } });
    const liveHold = () =>
      testDb().$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM hold WHERE token_hash = ${sha256(token)} AND expires_at > now()`;

    const lock = await lockSlotTable();
    let failure: unknown;
    try {
      failure = await bookFromBody(db, input, options).then(
        () => null,
        (error: unknown) => error,
      );
      // Still under the lock: the hold row is untouched (it is only deleted inside the booking's transaction).
      expect(await liveHold()).toEqual([{ n: 1 }]);
    } finally {
      await lock.release();
    }
    expect(toAppError(failure)).toMatchObject({ code: "DATABASE_UNAVAILABLE", status: 503 });

    expect(await liveHold()).toEqual([{ n: 1 }]);
    const after = await testDb().slot.findUniqueOrThrow({ where: { id: slotId } });
    expect(after.booked).toBe(before.booked);
    expect(await testDb().booking.count({ where: { idempotencyKey: options.idempotencyKey } })).toBe(0);

    // The retry (same key, same hold) books, and consumes the hold.
    const confirmation = await bookFromBody(db, input, options);
    expect(confirmation).toMatchObject({ status: "CONFIRMED", slot: { id: slotId } });
    expect(await liveHold()).toEqual([{ n: 0 }]);
    expect((await testDb().slot.findUniqueOrThrow({ where: { id: slotId } })).booked).toBe(before.booked + 1);
  });
});

describe("real database failures, as the API answers them", () => {
  const codeOf = async (work: Promise<unknown>) =>
    toAppError(
      await work.then(
        () => new Error("expected a failure"),
        (error: unknown) => error,
      ),
    ).code;

  it("a statement over statement_timeout: 503", async () => {
    const db = client({ statementTimeoutMs: 300 });
    const { value, ms } = await timed(() => codeOf(db.$queryRaw`SELECT pg_sleep(30)::text`));
    expect(value).toBe("DATABASE_UNAVAILABLE");
    // Cut off at the timeout, far from the 30 s it asked for (with room for a busy machine).
    expect(ms).toBeLessThan(10_000);
    // Also inside an interactive transaction, through a model query.
    const inTx = db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_sleep(3)`;
      return tx.slot.count();
    });
    expect(await codeOf(inTx)).toBe("DATABASE_UNAVAILABLE");
  });

  it("a lock wait over lock_timeout through a model query: 503", async () => {
    const db = client({ lockTimeoutMs: 300, statementTimeoutMs: 5_000 });
    const lock = await lockSlotTable();
    try {
      expect(await codeOf(db.slot.count())).toBe("DATABASE_UNAVAILABLE");
      expect(await codeOf(db.slot.update({ where: { id: slotIds[0] }, data: { capacity: 9 } }))).toBe(
        "DATABASE_UNAVAILABLE",
      );
    } finally {
      await lock.release();
    }
  });

  it("a full pool past its wait: 503", async () => {
    const db = client({ poolMax: 1, poolWaitMs: 300 });
    const busy = db.$transaction(async (tx) => tx.$queryRaw`SELECT pg_sleep(1.5)::text`, { timeout: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await codeOf(db.slot.count())).toBe("DATABASE_UNAVAILABLE");
    expect(await codeOf(db.$queryRaw`SELECT 1`)).toBe("DATABASE_UNAVAILABLE");
    await busy;
    expect(await db.slot.count()).toBeGreaterThan(0); // and works again once a connection is free
  });

  it("too many connections for the server (53300): 503", async () => {
    const role = `portal_limited_${process.pid}`;
    const admin = new pg.Client({ connectionString: url() });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'limited' CONNECTION LIMIT 1`);
    const limitedUrl = new URL(url());
    limitedUrl.username = role;
    limitedUrl.password = "limited";
    const first = new pg.Client({ connectionString: limitedUrl.toString() });
    await first.connect();
    try {
      const limited = createDbClient(limitedUrl.toString());
      extraClients.push(limited);
      expect(await codeOf(limited.$queryRaw`SELECT 1`)).toBe("DATABASE_UNAVAILABLE");
      expect(await codeOf(limited.$transaction(async (tx) => tx.$queryRaw`SELECT 1`))).toBe(
        "DATABASE_UNAVAILABLE",
      );
    } finally {
      await first.end();
      await admin.query(`DROP ROLE ${role}`).catch(() => {});
      await admin.end();
    }
  });

  it("a deadlock between two transactions: the loser gets 409 CONFLICT, never 500", async () => {
    const db = client({ lockTimeoutMs: 5_000, statementTimeoutMs: 10_000 });
    const [a, b] = [slotIds[0]!, slotIds[1]!];
    let step!: () => void;
    const bothLocked = new Promise<void>((resolve) => {
      let n = 0;
      step = () => {
        if (++n === 2) resolve();
      };
    });
    const crossing = (first: string, second: string) =>
      db.$transaction(
        async (tx) => {
          await tx.$executeRaw`UPDATE slot SET capacity = capacity WHERE id = ${first}`;
          step();
          await bothLocked;
          await tx.$executeRaw`UPDATE slot SET capacity = capacity WHERE id = ${second}`;
        },
        { timeout: 10_000 },
      );
    const results = await Promise.allSettled([crossing(a, b), crossing(b, a)]);
    const failures = results.filter((r) => r.status === "rejected");
    expect(failures).toHaveLength(1);
    const error = toAppError((failures[0] as PromiseRejectedResult).reason);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "CONFLICT", status: 409 });
  });
});
