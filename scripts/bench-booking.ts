// Booking throughput for `npm run bench`: commits per second of createBooking
// (validation, Prisma, the full transaction) with 1, 8 and 32 clients, on
// distinct slots and on one hot slot, next to a baseline in the same run: the
// same SQL transaction sent straight through `pg`. Asserts afterwards that no
// slot is over capacity and no month over its cap.
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { bookingInputSchema } from "../lib/booking/booking-input";
import { createBooking } from "../lib/booking/create-booking";
import { newReference } from "../lib/booking/reference";
import { manageTokenFor, sha256 } from "../lib/crypto/secrets";
import { createDbClient } from "../lib/db/create-client";
import { makeTempDataDir, startEmbeddedPostgres } from "../lib/db/embedded";
import { migrateDeploy } from "../lib/db/migrate";

export interface BookingBenchRow {
  pattern: string;
  clients: number;
  ours: number;
  baseline: number;
}

const DAY = 86_400_000;

export async function runBookingBench(
  durationMs: number,
  clientCounts = [1, 8, 32],
): Promise<{ rows: BookingBenchRow[]; violations: string[] }> {
  process.env.DATA_ENCRYPTION_KEY ??= Buffer.alloc(32, 3).toString("base64");
  const dir = await makeTempDataDir("portal-bench-booking-");
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg") });
  await server.ensureDatabase("portal");
  const url = server.url("portal");
  await migrateDeploy(url);
  const db = createDbClient(url);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on("error", () => {}); // idle clients closed when the server stops at the end

  const city = await db.city.create({ data: { slug: "bench-city", nameZh: "基准", province: "Bench" } });
  const inst = await db.institution.create({
    data: {
      slug: "bench-hospital",
      cityId: city.id,
      nameZh: "基准医院",
      addressZh: "路",
      latitude: 30,
      longitude: 120,
      ownership: "PUBLIC",
      intlDeptPhone: "+86 10 1234 5678",
    },
  });
  const dept = await db.department.create({
    data: {
      institutionId: inst.id,
      slug: "general",
      specialty: "general_practice",
      consultationFeeFen: 50_000,
    },
  });
  // All slots in one Beijing month, with a cap far above what the run books: the check runs every time.
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const period = await db.quotaPeriod.create({
    data: { institutionId: inst.id, month, declaredVolume: 100_000_000 },
  });
  let slotCounter = 0;
  const newSlots = async (count: number, capacity: number) => {
    const data = Array.from({ length: count }, () => {
      const startsAt = new Date(month.getTime() + 2 * DAY + (slotCounter++ % 28_000) * 60_000); // within 20 days of the month
      return {
        id: randomUUID(),
        institutionId: inst.id,
        departmentId: dept.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 60_000),
        capacity,
      };
    });
    for (let i = 0; i < data.length; i += 5000) await db.slot.createMany({ data: data.slice(i, i + 5000) });
    return data.map((d) => d.id);
  };

  const input = (slotId: string, i: number) => ({
    slotId,
    locale: "en",
    name: "Bench Patient",
    nationality: "FR",
    dateOfBirth: "1980-01-01",
    email: `bench${i}@example.com`,
    phone: "+33 6 12 34 56 78",
    preferredLanguage: "fr",
    reasonForVisit: "Benchmark",
    interpreterWanted: false,
    paymentMethod: "SELF_PAY",
    consentTerms: true,
    consentSensitive: true,
  });

  // The same transaction createBooking runs, as plain SQL through pg.
  const baselineBook = async (slotId: string, i: number) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const slot = await client.query(
        "SELECT id, capacity, booked, starts_at FROM slot WHERE id = $1 FOR UPDATE",
        [slotId],
      );
      const held = await client.query(
        "SELECT count(*)::int AS held FROM hold WHERE slot_id = $1 AND expires_at > now()",
        [slotId],
      );
      const taken = await client.query(
        "UPDATE slot SET booked = booked + 1 WHERE id = $1 AND booked + $2 < capacity",
        [slotId, held.rows[0].held],
      );
      if (taken.rowCount !== 1 || !slot.rows[0]) throw new Error("SLOT_FULL");
      const q = await client.query(
        `UPDATE quota_period SET used_units = used_units + 1, updated_at = now() WHERE id = $1 AND declared_volume IS NOT NULL
           AND used_units + 1 <= quota_cap_units(quota_percent(institution_id, month), declared_volume) RETURNING id`,
        [period.id],
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
          slotId,
          inst.id,
          dept.id,
          period.id,
          `bench${i}@example.com`,
          sha256(manageTokenFor(id)),
          `baseline-${id}`,
        ],
      );
      await client.query(
        "INSERT INTO outbox_message (id, dedupe_key, template, to_email, locale, payload) VALUES ($1, $2, 'booking-confirmed', $3, 'en', $4)",
        [randomUUID(), `booking.confirmed:${id}`, `bench${i}@example.com`, JSON.stringify({ bookingId: id })],
      );
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  };

  let seq = 0;
  const measure = async (
    clients: number,
    pick: () => string,
    book: (slotId: string, i: number) => Promise<unknown>,
  ) => {
    let commits = 0;
    const deadline = performance.now() + durationMs;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < deadline) {
          const i = seq++;
          await book(pick(), i).then(
            () => commits++,
            (error: unknown) => {
              throw error;
            },
          );
        }
      }),
    );
    return commits / ((performance.now() - started) / 1000);
  };

  const ours = (slotId: string, i: number) =>
    createBooking(db, bookingInputSchema.parse(input(slotId, i)), {
      idempotencyKey: `bench-${i}-${randomUUID()}`,
      clientKey: `c${i % 32}`,
    });
  const rows: BookingBenchRow[] = [];
  for (const pattern of ["distinct slots", "one hot slot"] as const) {
    for (const clients of clientCounts) {
      const results: number[] = [];
      for (const book of [ours, baselineBook]) {
        // Generous supply of fresh slots for the distinct pattern; a huge capacity for the hot one.
        const ids = pattern === "distinct slots" ? await newSlots(8000, 1) : await newSlots(1, 1_000_000);
        let next = 0;
        const pick = () => ids[pattern === "distinct slots" ? next++ : 0]!;
        await measure(clients, pick, book); // warm-up on the same supply
        results.push(await measure(clients, pick, book));
      }
      rows.push({ pattern, clients, ours: results[0]!, baseline: results[1]! });
    }
  }

  const violations: string[] = [];
  const over = await pool.query("SELECT count(*)::int AS n FROM slot WHERE booked > capacity");
  if (over.rows[0].n) violations.push(`${over.rows[0].n} slots over capacity`);
  const capped = await pool.query(
    "SELECT count(*)::int AS n FROM quota_period WHERE used_units > quota_cap_units(quota_month_percent(institution_id, month), declared_volume)",
  );
  if (capped.rows[0].n) violations.push(`${capped.rows[0].n} months over their cap`);
  const counts = await pool.query(
    "SELECT count(*)::int AS n FROM slot s WHERE booked <> (SELECT count(*) FROM booking b WHERE b.slot_id = s.id AND b.status = 'CONFIRMED')",
  );
  if (counts.rows[0].n) violations.push(`${counts.rows[0].n} slots whose count differs from their bookings`);

  await pool.end();
  await db.$disconnect();
  await server.stop();
  const { rm } = await import("node:fs/promises");
  await rm(dir, { recursive: true, force: true });
  return { rows, violations };
}
