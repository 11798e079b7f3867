// Booking throughput for `npm run bench` (and alone: `npm run bench -- --suite booking`,
// or `npx tsx scripts/bench-booking.ts [--runs 3] [--duration 4] [--clients 1,8,32]`).
//
// Three load patterns, each with 1, 8 and 32 closed-loop clients:
//   spread     48 public institutions x 3 months, each booking a fresh slot, the
//              institutions and months taken in turn (every booking updates a
//              different quota row than the one before it);
//   hot month  one public institution, one month, a fresh slot per booking
//              (every booking updates the same quota row);
//   hot slot   one slot of one public institution with room for everyone.
// Three ways to book, measured back to back in every run:
//   in process createBooking (validation, Prisma, the whole transaction) in this process;
//   over HTTP  POST /api/v1/holds, then POST /api/v1/bookings with the hold's token
//              and an Idempotency-Key, against the production server started
//              through scripts/server.ts as `npm start` does (access log, metrics,
//              rate limits, the outbox worker). TRUSTED_PROXIES=127.0.0.1 and every
//              hold + book pair comes from its own X-Forwarded-For address with a
//              fresh e-mail: each limit is counted in its table as for real clients,
//              but no client gets near its maximum;
//   raw SQL    the booking's transaction (slot lock, live holds, place, month
//              under its cap, booking row, outbox row) sent straight through `pg`.
// Each figure is the median of `runs` runs (min and max beside it). After each
// pattern it checks in SQL that no slot is over capacity, no month over its cap,
// and every slot's and month's count equals its bookings; any violation, or any
// request refused for another reason than an exhausted connection pool (those
// are counted in the table: an overloaded machine's honest answer), is a failure.
import { randomUUID } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { bookingInputSchema } from "../lib/booking/booking-input";
import { createBooking } from "../lib/booking/create-booking";
import { newReference } from "../lib/booking/reference";
import { manageTokenFor, sha256 } from "../lib/crypto/secrets";
import { createDbClient } from "../lib/db/create-client";
import { findFreePort, makeTempDataDir, startEmbeddedPostgres } from "../lib/db/embedded";
import { migrateDeploy } from "../lib/db/migrate";
import { buildIfNeeded, ROOT, stopChild } from "./lib/runtime";

export interface BookingSuiteOptions {
  runs: number;
  durationMs: number;
  clients: number[];
  /** Subset of patterns (default all three). */
  patterns?: Pattern[];
  /** The server's LOG_LEVEL (default: unset, i.e. what `npm start` logs). */
  serverLogLevel?: string;
  log?: (line: string) => void;
}

export type Pattern = "spread" | "hot month" | "hot slot";
type Mode = "in process" | "over HTTP" | "raw SQL";
const PATTERNS: Pattern[] = ["spread", "hot month", "hot slot"];
const MODES: Mode[] = ["in process", "over HTTP", "raw SQL"];

const SPREAD_INSTITUTIONS = 48;
const SPREAD_MONTHS = 3;
const TARGET = 0.4; // hold + book over HTTP vs raw SQL commits, 32 clients, spread
/**
 * Refusals of an overloaded machine, counted in the table, not failures: the pool's wait for a
 * connection ran out (503 DATABASE_UNAVAILABLE over HTTP, the pool's timeout in process).
 */
const OVERLOADED = /^(hold|book) 503 |timeout exceeded when trying to connect/;
const DAY = 86_400_000;

/** A slot a booking may take, with what the raw SQL baseline needs to know about it. */
interface Place {
  slotId: string;
  periodId: string;
  institutionId: string;
  departmentId: string;
}

interface Sample {
  rate: number;
  errors: Map<string, number>;
  exhausted: boolean;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function post(
  port: number,
  pathname: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; json: unknown }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: pathname,
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
          "user-agent": "portal-bench",
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

async function waitForServer(port: number, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it answered`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: "127.0.0.1", port, path: "/api/health/live" }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not answer /api/health/live in time");
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cell = (xs: number[], digits = 0) =>
  `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
const pct = (xs: number[]) =>
  `${(median(xs) * 100).toFixed(0)}% (${(Math.min(...xs) * 100).toFixed(0)}–${(Math.max(...xs) * 100).toFixed(0)})`;

export async function runBookingSuite(
  opts: BookingSuiteOptions,
): Promise<{ table: string; failures: string[] }> {
  const log = opts.log ?? ((line: string) => console.log(`[bench] ${line}`));
  const patterns = opts.patterns ?? PATTERNS;
  process.env.DATA_ENCRYPTION_KEY ??= Buffer.alloc(32, 3).toString("base64");
  await buildIfNeeded();
  const dir = await makeTempDataDir("portal-bench-booking-");
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg") });
  let app: ChildProcess | undefined;
  const failures: string[] = [];
  const stopApp = () => app?.kill("SIGKILL");
  process.once("exit", stopApp);
  try {
    await server.ensureDatabase("portal");
    const url = server.url("portal");
    await migrateDeploy(url);
    const db = createDbClient(url);
    const raw = new pg.Pool({ connectionString: url, max: 10 });
    raw.on("error", () => {}); // idle clients closed when the server stops at the end

    // --- The catalogue: public institutions with a department and quota months.
    const city = await db.city.create({ data: { slug: "bench-city", nameZh: "基准", province: "Bench" } });
    const count = SPREAD_INSTITUTIONS + 2;
    const institutions = Array.from({ length: count }, (_, n) => ({
      id: randomUUID(),
      slug: `bench-hospital-${n}`,
      cityId: city.id,
      nameZh: `基准医院${n}`,
      addressZh: "路",
      latitude: 30,
      longitude: 120,
      ownership: "PUBLIC" as const,
      intlDeptPhone: "+86 10 1234 5678",
    }));
    await db.institution.createMany({ data: institutions });
    const departments = institutions.map((i) => ({
      id: randomUUID(),
      institutionId: i.id,
      slug: "general",
      specialty: "general_practice",
      consultationFeeFen: 50_000,
    }));
    await db.department.createMany({ data: departments });
    const now = new Date();
    const months = Array.from(
      { length: SPREAD_MONTHS },
      (_, m) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1 + m, 1)),
    );
    // A cap far above what the run books (10% of 100,000,000): the check runs every time, never refuses.
    const periods = new Map<string, string>(); // institution id + month index -> quota_period id
    const periodRows = institutions.flatMap((inst, n) =>
      months.slice(0, n < SPREAD_INSTITUTIONS ? SPREAD_MONTHS : 1).map((month, m) => {
        const id = randomUUID();
        periods.set(`${inst.id}:${m}`, id);
        return { id, institutionId: inst.id, month, declaredVolume: 100_000_000 };
      }),
    );
    await db.quotaPeriod.createMany({ data: periodRows });

    let minute = 0;
    /** Fresh slots: the n-th on institution `at(n)`, month `monthOf(n)`, each starting on its own minute. */
    const newPlaces = async (
      n: number,
      capacity: number,
      at: (k: number) => { inst: number; month: number },
    ): Promise<Place[]> => {
      const places: (Place & { startsAt: Date })[] = [];
      for (let k = 0; k < n; k++) {
        const { inst, month } = at(k);
        const offset = minute++ % 28_000; // within 20 days of the month, from its second day
        places.push({
          slotId: randomUUID(),
          institutionId: institutions[inst]!.id,
          departmentId: departments[inst]!.id,
          periodId: periods.get(`${institutions[inst]!.id}:${month}`)!,
          startsAt: new Date(months[month]!.getTime() + 2 * DAY + offset * 60_000),
        });
      }
      for (let i = 0; i < places.length; i += 10_000) {
        const part = places.slice(i, i + 10_000);
        await raw.query(
          `INSERT INTO slot (id, institution_id, department_id, starts_at, ends_at, capacity)
           SELECT id, inst, dept, t, t + interval '1 minute', $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS u(id, inst, dept, t)`,
          [
            part.map((p) => p.slotId),
            part.map((p) => p.institutionId),
            part.map((p) => p.departmentId),
            part.map((p) => p.startsAt.toISOString()),
            capacity,
          ],
        );
      }
      return places;
    };
    const HOT_MONTH = SPREAD_INSTITUTIONS;
    const HOT_SLOT = SPREAD_INSTITUTIONS + 1;
    /** Enough slots for `seconds` at `perSecond`: a run that uses them all stops early (and says so). */
    const supply = async (pattern: Pattern, places: number): Promise<Place[]> => {
      if (pattern === "hot slot") {
        const [hot] = await newPlaces(1, 10_000_000, () => ({ inst: HOT_SLOT, month: 0 }));
        return Array.from({ length: places }, () => hot!);
      }
      if (pattern === "hot month") return newPlaces(places, 1, () => ({ inst: HOT_MONTH, month: 0 }));
      return newPlaces(places, 1, (k) => ({
        inst: k % SPREAD_INSTITUTIONS,
        month: Math.floor(k / SPREAD_INSTITUTIONS) % SPREAD_MONTHS,
      }));
    };
    await raw.query("ANALYZE");

    // --- The production server, as `npm start` runs it (scripts/server.ts).
    const port = await findFreePort();
    app = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/server.ts")], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(port),
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        TRUSTED_PROXIES: "127.0.0.1",
        PORTAL_DATA_DIR: path.join(dir, "data"),
        ...(opts.serverLogLevel ? { LOG_LEVEL: opts.serverLogLevel } : {}),
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitForServer(port, app);
    log(`production server (scripts/server.ts) on port ${port}`);

    // --- The three ways to book.
    let seq = 0;
    let holdsLeft = 0;
    const email = (i: number) => `bench${i}@example.com`;
    const inputOf = (slotId: string, i: number) => ({
      slotId,
      locale: "en",
      name: "Bench Patient",
      nationality: "FR",
      dateOfBirth: "1980-01-01",
      email: email(i),
      phone: "+33 6 12 34 56 78",
      preferredLanguage: "fr",
      reasonForVisit: "Benchmark",
      interpreterWanted: false,
      paymentMethod: "SELF_PAY",
      consentTerms: true,
      consentSensitive: true,
    });

    const inProcess = async (place: Place, i: number): Promise<string | null> => {
      await createBooking(db, bookingInputSchema.parse(inputOf(place.slotId, i)), {
        idempotencyKey: `bench-${i}-${randomUUID()}`,
        clientKey: `c${i % 32}`,
      });
      return null;
    };

    /** Every pair its own client address (10.0.0.0/8, never reused in a run of the suite). */
    const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const overHttp = async (place: Place, i: number): Promise<string | null> => {
      const from = { "x-forwarded-for": addressOf(i) };
      const hold = await post(port, "/api/v1/holds", { slotId: place.slotId }, from);
      if (hold.status !== 201) return `hold ${hold.status} ${JSON.stringify(hold.json).slice(0, 120)}`;
      const token = (hold.json as { token?: string }).token;
      const book = await post(
        port,
        "/api/v1/bookings",
        { ...inputOf(place.slotId, i), holdToken: token },
        { ...from, "idempotency-key": `bench-${i}-${randomUUID()}` },
      );
      if (book.status !== 201) return `book ${book.status} ${JSON.stringify(book.json).slice(0, 120)}`;
      return null;
    };

    // createBooking's transaction as plain SQL through pg (unchanged since issue 21's first
    // measurement, so before and after are compared with the same yardstick).
    const rawSql = async (place: Place, i: number): Promise<string | null> => {
      const client = await raw.connect();
      try {
        await client.query("BEGIN");
        const slot = await client.query(
          "SELECT id, capacity, booked, starts_at FROM slot WHERE id = $1 FOR UPDATE",
          [place.slotId],
        );
        const held = await client.query(
          "SELECT count(*)::int AS held FROM hold WHERE slot_id = $1 AND expires_at > now()",
          [place.slotId],
        );
        const taken = await client.query(
          "UPDATE slot SET booked = booked + 1 WHERE id = $1 AND booked + $2 < capacity",
          [place.slotId, held.rows[0].held],
        );
        if (taken.rowCount !== 1 || !slot.rows[0]) throw new Error("SLOT_FULL");
        const q = await client.query(
          `UPDATE quota_period SET used_units = used_units + 1, updated_at = now() WHERE id = $1 AND declared_volume IS NOT NULL
             AND used_units + 1 <= quota_cap_units(quota_percent(institution_id, month), declared_volume) RETURNING id`,
          [place.periodId],
        );
        if (q.rowCount !== 1) throw new Error("QUOTA_EXCEEDED");
        const id = randomUUID();
        await client.query(
          `INSERT INTO booking (id, reference, slot_id, institution_id, department_id, units, quota_period_id, status, confirmed_at, locale,
             patient_name, patient_nationality, patient_date_of_birth, patient_email, patient_phone, preferred_language, reason_for_visit,
             interpreter_wanted, payment_method, consent_terms_at, consent_sensitive_at, manage_token_hash, idempotency_key, request_hash, updated_at)
           VALUES ($1, $2, $3, $4, $5, 1, $6, 'CONFIRMED', now(), 'en', 'Bench Patient', 'FR', '1980-01-01', $7, '+33 6 12 34 56 78', 'fr', 'Benchmark',
             false, 'SELF_PAY', now(), now(), $8, $9, 'x', now())`,
          [
            id,
            newReference(),
            place.slotId,
            place.institutionId,
            place.departmentId,
            place.periodId,
            email(i),
            sha256(manageTokenFor(id)),
            `baseline-${id}`,
          ],
        );
        await client.query(
          "INSERT INTO outbox_message (id, dedupe_key, template, to_email, locale, payload) VALUES ($1, $2, 'booking-confirmed', $3, 'en', $4)",
          [randomUUID(), `booking.confirmed:${id}`, email(i), JSON.stringify({ bookingId: id })],
        );
        await client.query("COMMIT");
        return null;
      } catch (error) {
        await client.query("ROLLBACK");
        return `raw ${(error as Error).message}`;
      } finally {
        client.release();
      }
    };
    const book: Record<Mode, (place: Place, i: number) => Promise<string | null>> = {
      "in process": inProcess,
      "over HTTP": overHttp,
      "raw SQL": rawSql,
    };
    /** Slots each run may use, by mode: above what this machine has reached, so runs end on time. */
    const perSecond: Record<Mode, number> = { "in process": 1500, "over HTTP": 800, "raw SQL": 2500 };

    const measure = async (
      clients: number,
      places: Place[],
      run: (place: Place, i: number) => Promise<string | null>,
      ms: number,
    ): Promise<Sample> => {
      let commits = 0;
      let next = 0;
      const errors = new Map<string, number>();
      const deadline = performance.now() + ms;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (performance.now() < deadline && next < places.length) {
            const place = places[next++]!;
            const error = await run(place, seq++).catch((e: unknown) => `threw ${(e as Error).message}`);
            if (error === null) commits++;
            else errors.set(error, (errors.get(error) ?? 0) + 1);
          }
        }),
      );
      return {
        rate: commits / ((performance.now() - started) / 1000),
        errors,
        exhausted: next >= places.length,
      };
    };

    // Warm the server's routes and this process's use case before anything is timed.
    for (const mode of MODES) await measure(4, await supply("spread", 400), book[mode], 1500);

    const rows: string[][] = [
      [
        "pattern",
        "clients",
        "in process commits/s",
        "HTTP hold+book pairs/s",
        "raw SQL commits/s",
        "HTTP / raw",
        "in process / raw",
        "refused (in/HTTP/raw)",
        "target",
      ],
    ];
    const seconds = opts.durationMs / 1000;
    for (const pattern of patterns) {
      for (const clients of opts.clients) {
        const rates: Record<Mode, number[]> = { "in process": [], "over HTTP": [], "raw SQL": [] };
        const refused: Record<Mode, number> = { "in process": 0, "over HTTP": 0, "raw SQL": 0 };
        const httpRatio: number[] = [];
        const inProcessRatio: number[] = [];
        for (let r = 0; r < opts.runs; r++) {
          const sample = {} as Record<Mode, number>;
          for (const mode of MODES) {
            const places = await supply(pattern, Math.ceil(perSecond[mode] * seconds));
            const s = await measure(clients, places, book[mode], opts.durationMs);
            for (const [error, n] of s.errors) {
              if (mode === "over HTTP" && error.startsWith("book ")) holdsLeft += n;
              if (OVERLOADED.test(error)) refused[mode] += n;
              else failures.push(`${pattern}, ${clients} clients, ${mode}: ${n} x ${error}`);
            }
            if (s.exhausted)
              log(`${pattern}, ${clients} clients, ${mode}: used every slot supplied (rate still valid)`);
            sample[mode] = s.rate;
            rates[mode].push(s.rate);
          }
          httpRatio.push(sample["over HTTP"] / sample["raw SQL"]);
          inProcessRatio.push(sample["in process"] / sample["raw SQL"]);
          log(
            `${pattern}, ${clients} clients, run ${r + 1}: in process ${sample["in process"].toFixed(0)}/s, ` +
              `HTTP ${sample["over HTTP"].toFixed(0)} pairs/s, raw ${sample["raw SQL"].toFixed(0)}/s`,
          );
        }
        const targeted = pattern === "spread" && clients === 32;
        rows.push([
          pattern,
          String(clients),
          cell(rates["in process"]),
          cell(rates["over HTTP"]),
          cell(rates["raw SQL"]),
          pct(httpRatio),
          pct(inProcessRatio),
          MODES.map((m) => refused[m]).join("/"),
          targeted ? (median(httpRatio) >= TARGET ? "ok (>= 40%)" : "missed (>= 40%)") : "",
        ]);
      }
      failures.push(...(await invariants(raw, pattern, holdsLeft)));
      holdsLeft = 0;
    }

    // The limits were counted per client, not for one address: the bench's own check of its method.
    const keys = await raw.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM rate_limit WHERE key LIKE 'booking:address:%'",
    );
    if (keys.rows[0]!.n < 2) failures.push("the booking limits were not counted per client address");

    await raw.end();
    await db.$disconnect();
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
    const table = rows
      .flatMap((row, i) => {
        const line = row.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join("  ");
        return i === 0 ? [line, widths.map((w) => "-".repeat(w)).join("  ")] : [line];
      })
      .join("\n");
    return { table, failures };
  } finally {
    if (app) await stopChild(app);
    process.off("exit", stopApp);
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Rules 1 and 3 after a pattern, and every count equal to what its bookings say. */
async function invariants(raw: pg.Pool, pattern: Pattern, holdsLeft: number): Promise<string[]> {
  const found: string[] = [];
  const check = async (sql: string, what: string) => {
    const { rows } = await raw.query<{ n: number }>(sql);
    if (rows[0]!.n) found.push(`${pattern}: ${rows[0]!.n} ${what}`);
  };
  await check("SELECT count(*)::int AS n FROM slot WHERE booked > capacity", "slots over capacity");
  await check(
    "SELECT count(*)::int AS n FROM quota_period WHERE used_units > quota_cap_units(quota_month_percent(institution_id, month), declared_volume)",
    "months over their cap",
  );
  await check(
    `SELECT count(*)::int AS n FROM slot s WHERE booked <>
       (SELECT count(*) FROM booking b WHERE b.slot_id = s.id AND b.status IN ('CONFIRMED', 'PENDING_CONFIRMATION'))`,
    "slots whose count differs from their bookings",
  );
  await check(
    `SELECT count(*)::int AS n FROM quota_period q WHERE used_units <>
       (SELECT COALESCE(sum(units), 0) FROM booking b WHERE b.quota_period_id = q.id AND b.status IN ('CONFIRMED', 'PENDING_CONFIRMATION'))`,
    "months whose used units differ from their bookings",
  );
  // A hold whose booking was refused stays until it expires; any other should have become its booking.
  const { rows } = await raw.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM hold WHERE expires_at > now()",
  );
  if (rows[0]!.n > holdsLeft)
    found.push(`${pattern}: ${rows[0]!.n - holdsLeft} live holds left behind by bookings that were made`);
  return found;
}

/** The old entry point of scripts/bench.ts, until it calls runBookingSuite. */
export async function runBookingBench(
  durationMs: number,
  clientCounts = [1, 8, 32],
): Promise<{
  rows: { pattern: string; clients: number; ours: number; baseline: number }[];
  violations: string[];
}> {
  const { table, failures } = await runBookingSuite({ runs: 1, durationMs, clients: clientCounts });
  console.log(table);
  return { rows: [], violations: failures };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1]! : fallback;
  };
  const { table, failures } = await runBookingSuite({
    runs: Number(arg("runs", "3")),
    durationMs: Number(arg("duration", "4")) * 1000,
    clients: arg("clients", "1,8,32").split(",").map(Number),
    patterns: arg("patterns", PATTERNS.join(",")).split(",") as Pattern[],
    serverLogLevel: process.argv.includes("--log-level") ? arg("log-level", "info") : undefined,
  });
  console.log(`\n[bench] booking: median of runs (min–max), ${arg("duration", "4")} s each\n\n${table}\n`);
  if (failures.length) {
    console.error(`[bench] FAIL:\n  ${failures.join("\n  ")}`);
    process.exit(1);
  }
  console.log(
    "[bench] invariants hold: no slot over capacity, no month over its cap, every count equal to its bookings",
  );
  agent.destroy();
  process.exit(0);
}
