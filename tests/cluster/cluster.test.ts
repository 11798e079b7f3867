// The portal as deployed (scripts/lib/cluster: nginx in front of two app
// instances of one production build, a PostgreSQL 15 primary and a streaming
// replica), driven over HTTP through nginx only:
//   (a) the last places of a slot raced from both instances: exactly the places succeed, the rest 409;
//   (b) holds, bookings, cancels and reschedules at random (printed seed) across both instances;
//   (c) one instance killed (-9) under load: every GET still answered, every POST answered or failed
//       at the client; retried with its Idempotency-Key, no booking lost or doubled;
//   (e) replay paused on the replica: a client that wrote reads the primary (cookie), another the replica;
//   (d) the replica stopped: catalogue pages and API still 200 (the primary answers).
// After each, the SQL invariants of the interleavings model (tests/model/booking-model.ts) on the primary.
// CLUSTER_SEED replays (b).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDbClient, type DbClient } from "../../lib/db/create-client";
import { freePorts, startCluster, type Cluster } from "../../scripts/lib/cluster/cluster";
import { pauseReplay, sql, waitReplayed } from "../../scripts/lib/cluster/postgres";
import { checkInvariants, prng } from "../model/booking-model";

const seed = Number(process.env.CLUSTER_SEED ?? Math.floor(Math.random() * 2 ** 31));

let cluster: Cluster;
let db: DbClient;
let dir: string;

interface Answer {
  status: number;
  body: Record<string, unknown>;
  upstream: string;
  setCookie: string[];
}

let address = 0;
/** A fresh client address per call (X-Forwarded-For; nginx appends its peer, TRUSTED_PROXIES=127.0.0.1). */
function nextAddress(): string {
  address++;
  return `198.51.${(address >> 8) & 255}.${address & 255}`;
}

const errorCode = (a: Answer) => (a.body.error as { code?: string } | undefined)?.code;
let busyRetries = 0;

/**
 * One request through nginx. A 503 DATABASE_UNAVAILABLE (the database too busy to answer within the
 * app's timeouts: on this shared 2-core machine it happens) is retried after 1, 2 and 4 s, as its
 * Retry-After asks and as tests/integration/fuzz-api.test.ts does; a POST keeps its Idempotency-Key.
 */
async function call(
  method: "GET" | "POST",
  pathname: string,
  options: { body?: unknown; headers?: Record<string, string>; from?: string } = {},
): Promise<Answer> {
  const from = options.from ?? nextAddress();
  for (let attempt = 0; ; attempt++) {
    const answer = await callOnce(method, pathname, { ...options, from });
    if (answer.status !== 503 || errorCode(answer) !== "DATABASE_UNAVAILABLE" || attempt === 3) return answer;
    busyRetries++;
    await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
  }
}

async function callOnce(
  method: "GET" | "POST",
  pathname: string,
  options: { body?: unknown; headers?: Record<string, string>; from: string },
): Promise<Answer> {
  const response = await fetch(`${cluster.url}${pathname}`, {
    method,
    headers: {
      "x-forwarded-for": options.from,
      ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    redirect: "manual",
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  if (response.headers.get("content-type")?.includes("json"))
    body = JSON.parse(text) as Record<string, unknown>;
  return {
    status: response.status,
    body,
    upstream: response.headers.get("x-upstream") ?? "",
    setCookie: response.headers.getSetCookie(),
  };
}

let patientNo = 0;
function patient(extra: Record<string, unknown> = {}) {
  patientNo++;
  return {
    name: "Layla Haddad",
    nationality: "JO",
    dateOfBirth: "1990-06-01",
    email: `cluster-${seed}-${patientNo}@example.com`,
    phone: "+962 7 9123 4567",
    preferredLanguage: "en",
    reasonForVisit: "Check-up",
    paymentMethod: "SELF_PAY",
    consentTerms: true,
    consentSensitive: true,
    ...extra,
  };
}

/** Future bookable slots (2+ days ahead: outside the cancellation window) of one department. */
async function departmentSlots(minSlots: number, skip: string[] = []) {
  const rows = await db.$queryRaw<{ institution_id: string; department_id: string; ids: string[] }[]>`
    SELECT s.institution_id, s.department_id, array_agg(s.id ORDER BY s.starts_at) AS ids
      FROM slot s JOIN institution i ON i.id = s.institution_id
     WHERE s.department_id IS NOT NULL AND NOT s.closed AND s.booked = 0
       AND s.starts_at > now() + interval '3 days' AND s.starts_at < now() + interval '40 days'
       AND NOT (s.institution_id = ANY(${skip}))
     GROUP BY s.institution_id, s.department_id HAVING count(*) >= ${minSlots}
     ORDER BY s.institution_id, s.department_id LIMIT 1`;
  expect(rows.length).toBe(1);
  return rows[0]!;
}

async function invariantsHold(institutionIds: string[]): Promise<void> {
  const lines = (await Promise.all(institutionIds.map((id) => checkInvariants(db, id)))).flat();
  expect(lines).toEqual([]);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "portal-cluster-"));
  const [nginx, primary, replica, a1, a2, m1, m2] = await freePorts(7);
  cluster = await startCluster({
    dir,
    ports: { nginx: nginx!, primary: primary!, replica: replica!, apps: [a1!, a2!], metrics: [m1!, m2!] },
    env: { LOG_LEVEL: "warn" },
    log: (line) => console.log(`[cluster] ${line}`),
  });
  db = createDbClient(cluster.primary.url);
});

let failed = false;
afterEach((context) => {
  if (context.task.result?.state === "fail") failed = true;
});

afterAll(async () => {
  console.log(`[cluster] ${busyRetries} answers were 503 DATABASE_UNAVAILABLE and retried`);
  await db?.$disconnect();
  await cluster?.stop();
  // After a failure the logs of every process (and nginx's) stay for a look.
  if (failed) console.log(`[cluster] logs kept in ${dir}`);
  else if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the portal behind nginx, two instances, a primary and a streaming replica", () => {
  it("streams to the replica and spreads requests over both instances", async () => {
    const rows = await sql<{ state: string }>(
      cluster.primary.superUrl,
      "SELECT state FROM pg_stat_replication",
    );
    expect(rows.map((r) => r.state)).toEqual(["streaming"]);
    const answers = await Promise.all(Array.from({ length: 8 }, () => call("GET", "/api/v1/hospitals")));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(new Set(answers.map((a) => a.upstream)).size).toBe(2);
  });

  it("(a) races the last places of a slot from both instances: exactly the places are booked, the rest 409", async () => {
    const { institution_id, ids } = await departmentSlots(1);
    const slotId = ids[0]!;
    const [slot] = await db.$queryRaw<{ capacity: number }[]>`SELECT capacity FROM slot WHERE id = ${slotId}`;
    // Two places left: the others are taken (as a busy day would), so the race is for the last two.
    const places = 2;
    await db.$executeRaw`UPDATE slot SET capacity = ${places} WHERE id = ${slotId}`;
    const n = 16;
    const answers = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        call("POST", "/api/v1/bookings", {
          body: patient({ slotId }),
          headers: { "idempotency-key": `race-${seed}-${i}` },
        }),
      ),
    );
    console.log(`[cluster] (a) slot of capacity ${slot!.capacity} cut to ${places}; ${n} bookings`);
    const by = (status: number) => answers.filter((a) => a.status === status);
    expect(by(201)).toHaveLength(places);
    expect(by(409)).toHaveLength(n - places);
    expect(new Set(by(409).map(errorCode))).toEqual(new Set(["SLOT_FULL"]));
    expect(new Set(answers.map((a) => a.upstream)).size).toBe(2);
    const [row] = await db.$queryRaw<{ booked: number; live: number }[]>`
      SELECT s.booked, (SELECT count(*)::int FROM booking b WHERE b.slot_id = s.id AND b.status <> 'CANCELLED') AS live
        FROM slot s WHERE s.id = ${slotId}`;
    expect(row).toEqual({ booked: places, live: places });
    await invariantsHold([institution_id]);
  });

  it(`(b) holds, bookings, cancels and reschedules at random across both instances (seed ${seed})`, async () => {
    const rng = prng(seed);
    const { institution_id, ids } = await departmentSlots(6);
    const slots = ids.slice(0, 6);
    const live: { reference: string; token: string }[] = [];
    const outcomes: Record<string, number> = {};
    const upstreams = new Set<string>();
    const count = (op: string, a: Answer) => {
      upstreams.add(a.upstream);
      const key = `${op}:${a.status}${errorCode(a) ? `:${errorCode(a)}` : ""}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      expect(a.status, `${op} answered ${a.status} ${JSON.stringify(a.body)}`).toBeLessThan(500);
    };
    let keyNo = 0;
    const book = async (body: Record<string, unknown>) => {
      const a = await call("POST", "/api/v1/bookings", {
        body: patient(body),
        headers: { "idempotency-key": `random-${seed}-${keyNo++}` },
      });
      count("book", a);
      if (a.status === 201)
        live.push({ reference: String(a.body.reference), token: String(a.body.manageToken) });
    };
    const step = async () => {
      const r = rng.next();
      if (r < 0.35) {
        const slotId = rng.pick(slots);
        const hold = await call("POST", "/api/v1/holds", { body: { slotId } });
        count("hold", hold);
        if (hold.status === 201) await book({ slotId, holdToken: String(hold.body.token) });
      } else if (r < 0.6) {
        await book({ slotId: rng.pick(slots) });
      } else if (r < 0.8 && live.length > 0) {
        const b = live.splice(rng.int(live.length), 1)[0]!;
        count(
          "cancel",
          await call("POST", `/api/v1/bookings/${b.reference}/cancel`, {
            headers: { authorization: `Bearer ${b.token}` },
          }),
        );
      } else if (live.length > 0) {
        const b = rng.pick(live);
        count(
          "reschedule",
          await call("POST", `/api/v1/bookings/${b.reference}/reschedule`, {
            body: { slotId: rng.pick(slots) },
            headers: { authorization: `Bearer ${b.token}` },
          }),
        );
      }
    };
    // Every slot has few places: they run out, and holds, bookings and moves collide.
    await db.$executeRaw`UPDATE slot SET capacity = 2 WHERE id = ANY(${slots})`;
    const workers = 8;
    const opsPerWorker = 15;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (let i = 0; i < opsPerWorker; i++) await step();
      }),
    );
    console.log(`[cluster] (b) seed ${seed}: ${JSON.stringify(outcomes)}`);
    expect(upstreams.size).toBe(2);
    expect(outcomes["book:201"]).toBeGreaterThan(0);
    expect(outcomes["book:409:SLOT_FULL"] ?? 0).toBeGreaterThan(0);
    await invariantsHold([institution_id]);
  });

  it("(c) kill -9 of one instance under load: GETs all answered, POSTs answered or failed at the client, none lost or doubled", async () => {
    const { institution_id, ids } = await departmentSlots(20);
    const pages = [
      "/en/hospitals",
      "/api/v1/hospitals",
      "/api/v1/hospitals?city=beijing",
      "/api/v1/packages",
      "/zh/hospitals",
      "/en",
    ];
    const gets: Answer[] = [];
    const getErrors: string[] = [];
    const posts: { key: string; body: Record<string, unknown>; answer?: Answer; error?: string }[] = [];
    let stop = false;
    // A GET whose answer was already streaming when its instance died is cut short ("terminated"):
    // nginx retries only before the answer starts. The client retries it, as a browser would.
    const interrupted: string[] = [];
    const getLoop = async () => {
      for (let i = 0; !stop; i++) {
        const page = pages[i % pages.length]!;
        try {
          gets.push(await call("GET", page));
        } catch (error) {
          interrupted.push(`${page}: ${String(error)}`);
          try {
            gets.push(await call("GET", page));
          } catch (again) {
            getErrors.push(`${page}: ${String(again)}`);
          }
        }
      }
    };
    const postLoop = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const post = {
          key: `kill-${seed}-${w}-${i}`,
          body: patient({ slotId: ids[(w * 7 + i) % ids.length] }),
        } as (typeof posts)[number];
        posts.push(post);
        try {
          post.answer = await call("POST", "/api/v1/bookings", {
            body: post.body,
            headers: { "idempotency-key": post.key },
          });
        } catch (error) {
          post.error = String(error);
        }
      }
    };
    const victim = cluster.apps[1]!;
    const loops = [getLoop(), getLoop(), getLoop(), postLoop(0), postLoop(1)];
    await new Promise((r) => setTimeout(r, 3_000));
    await victim.kill();
    const killedAt = gets.length;
    await new Promise((r) => setTimeout(r, 4_000));
    stop = true;
    await Promise.all(loops);

    const statuses = (list: (Answer | undefined)[]) =>
      list.reduce<Record<string, number>>(
        (m, a) => ({ ...m, [a?.status ?? "error"]: (m[a?.status ?? "error"] ?? 0) + 1 }),
        {},
      );
    console.log(
      `[cluster] (c) GETs ${JSON.stringify(statuses(gets))} (${gets.length - killedAt} after the kill), ` +
        `POSTs ${JSON.stringify(statuses(posts.map((p) => p.answer)))}; GETs cut short and retried: ${JSON.stringify(interrupted)}`,
    );
    expect(getErrors).toEqual([]);
    expect(gets.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.upstream}`)).toEqual([]);
    expect(gets.length - killedAt).toBeGreaterThan(0);
    // A POST in flight on the killed instance is not retried by nginx (502 to the client, or a reset):
    // the client retries with the same Idempotency-Key. Every other answer is a clean one.
    for (const p of posts) if (p.answer) expect([201, 409, 502]).toContain(p.answer.status);
    const retried = posts.filter((p) => !p.answer || p.answer.status === 502);
    for (const p of retried) {
      p.answer = await call("POST", "/api/v1/bookings", {
        body: p.body,
        headers: { "idempotency-key": p.key },
      });
      expect([201, 409]).toContain(p.answer.status);
    }
    console.log(`[cluster] (c) ${retried.length} POSTs retried with their Idempotency-Key`);
    const booked = posts.filter((p) => p.answer!.status === 201);
    expect(booked.length).toBeGreaterThan(0);
    const rows = await db.booking.findMany({
      where: { idempotencyKey: { in: posts.map((p) => p.key) } },
      select: { idempotencyKey: true, reference: true },
    });
    // Not lost: every 201's reference exists, under its key. Not doubled: one booking per key (unique),
    // and no booking for a key whose final answer was a refusal.
    const byKey = new Map(rows.map((r) => [r.idempotencyKey, r.reference]));
    for (const p of booked) expect(byKey.get(p.key)).toBe(p.answer!.body.reference);
    expect(rows).toHaveLength(booked.length);
    await invariantsHold([institution_id]);
  });

  it("(e) replay paused on the replica: the client that wrote reads the primary, the others the replica", async () => {
    const [institution] = await db.$queryRaw<{ id: string; slug: string; name_zh: string }[]>`
      SELECT id, slug, name_zh FROM institution ORDER BY slug LIMIT 1`;
    const { ids } = await departmentSlots(1);
    await pauseReplay(cluster.replica!);
    try {
      // A write through the API gives this client the read-your-writes cookie.
      const hold = await call("POST", "/api/v1/holds", { body: { slotId: ids[0] } });
      expect(hold.status).toBe(201);
      const cookie = hold.setCookie.map((c) => c.split(";")[0]).join("; ");
      expect(cookie).toContain("portal_rw=");
      // A manager's rename (here in SQL on the primary): not replayed on the paused replica.
      const renamed = `${institution!.name_zh}（新）`;
      await db.$executeRaw`UPDATE institution SET name_zh = ${renamed} WHERE id = ${institution!.id}`;
      const writer = await call("GET", `/api/v1/hospitals/${institution!.slug}`, { headers: { cookie } });
      const other = await call("GET", `/api/v1/hospitals/${institution!.slug}`);
      expect(writer.status).toBe(200);
      expect(JSON.stringify(writer.body)).toContain(renamed);
      expect(other.status).toBe(200);
      expect(JSON.stringify(other.body)).not.toContain(renamed);
      await sql(cluster.replica!.superUrl, "SELECT pg_wal_replay_resume()");
      await waitReplayed(cluster.primary, cluster.replica!);
      expect(JSON.stringify((await call("GET", `/api/v1/hospitals/${institution!.slug}`)).body)).toContain(
        renamed,
      );
    } finally {
      await sql(cluster.replica!.superUrl, "SELECT pg_wal_replay_resume()").catch(() => {});
    }
  });

  it("(d) the replica stopped: catalogue pages and API still 200 from the primary", async () => {
    await cluster.replica!.stop();
    const paths = [
      "/api/v1/hospitals",
      "/api/v1/packages",
      "/en/hospitals",
      "/en",
      "/api/v1/hospitals?city=shanghai",
    ];
    for (const p of [...paths, ...paths]) {
      const a = await call("GET", p);
      expect(a.status, `${p} answered ${a.status}`).toBe(200);
    }
  });
});
