// Rule 8: bookings are anonymized a retention period after the visit
// (BOOKING_RETENTION_DAYS, 3 years by default), by the background worker,
// audited, and every copy in the outbox goes with them.
import { beforeAll, describe, expect, it } from "vitest";
import { bookFromBody } from "../helpers/book";
import { RETENTION_AUDIT_ACTION, anonymizeExpiredBookings } from "../../lib/booking/retention";
import { DEFAULT_RETENTION_DAYS, EnvError, parseEnv } from "../../lib/env";
import { testDb } from "../helpers/db";
import { createHospital } from "../helpers/hospital";

const DAY = 86_400_000;
let institutionId: string;
let departmentId: string;
let n = 0;

beforeAll(async () => {
  const { inst, dept } = await createHospital(testDb(), {
    slug: "retention",
    nameZh: "保留测试医院",
    ownership: "PRIVATE",
  });
  institutionId = inst.id;
  departmentId = dept.id;
});

/** A slot ten days ahead (bookable); aged by SQL afterwards. */
async function slot(capacity = 20) {
  const startsAt = new Date(Date.now() + 10 * DAY + ++n * 3_600_000);
  return testDb().slot.create({
    data: {
      institutionId,
      departmentId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 1_800_000),
      capacity,
    },
  });
}

/** Moves a slot's visit to `startsAt` (30 minutes long), as if booked then. */
async function age(slotId: string, startsAt: Date) {
  const endsAt = new Date(startsAt.getTime() + 1_800_000);
  await testDb()
    .$executeRaw`UPDATE slot SET starts_at = ${startsAt}, ends_at = ${endsAt} WHERE id = ${slotId}`;
}

/** A patient of their own per booking: "old" → Amira Old-Haddad, amira.haddad.old@example.net. */
function patient(i: string) {
  const surname = i.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
  return { name: `Amira ${surname}-Haddad`, email: `amira.haddad.${i}@example.net` };
}

async function book(slotId: string, i: string) {
  const who = patient(i);
  const b = await bookFromBody(
    testDb(),
    {
      slotId,
      locale: "ar",
      name: who.name,
      nationality: "JO",
      dateOfBirth: "1984-03-02",
      email: who.email,
      phone: "+962 79 123 4567",
      preferredLanguage: "ar",
      reasonForVisit: "Back pain",
      interpreterWanted: true,
      passportNumber: "N1234567",
      paymentMethod: "SELF_PAY",
      consentTerms: true,
      consentSensitive: true,
    },
    { idempotencyKey: `retention-${i}`, clientKey: `retention-${i}` },
  );
  const row = await testDb().booking.findUniqueOrThrow({ where: { reference: b.reference } });
  return { ...who, id: row.id, version: row.version, reference: b.reference };
}

/** Rows of `table` whose whole row, every column and JSON included, mentions `needle`. */
async function rowsMentioning(
  table: "outbox_message" | "booking" | "audit_event" | "booking_event",
  needle: string,
) {
  const rows = await testDb().$queryRawUnsafe<{ row: string }[]>(
    `SELECT to_jsonb(t)::text AS row FROM ${table} t WHERE to_jsonb(t)::text ILIKE '%' || $1 || '%'`,
    needle,
  );
  return rows.map((r) => r.row);
}

const audits = (bookingId: string) =>
  testDb().auditEvent.findMany({
    where: { entityType: "booking", entityId: bookingId, action: RETENTION_AUDIT_ACTION },
  });

describe("BOOKING_RETENTION_DAYS", () => {
  it("defaults to three years and refuses a period that is not whole days within 30 days to 100 years", () => {
    expect(parseEnv({}).BOOKING_RETENTION_DAYS).toBe(DEFAULT_RETENTION_DAYS);
    expect(DEFAULT_RETENTION_DAYS).toBe(3 * 365);
    expect(parseEnv({ BOOKING_RETENTION_DAYS: "3650" }).BOOKING_RETENTION_DAYS).toBe(3650);
    for (const bad of ["abc", "1.5", "29", "0", "-1", "36501"]) {
      expect(() => parseEnv({ BOOKING_RETENTION_DAYS: bad })).toThrow(EnvError);
      expect(() => parseEnv({ BOOKING_RETENTION_DAYS: bad })).toThrow(
        /^Invalid environment variable BOOKING_RETENTION_DAYS: [^\n]+$/,
      );
    }
  });
});

describe("retention", () => {
  it("anonymizes a visit five years ago, audits it, and redacts every outbox row; yesterday's and future visits stay", async () => {
    const oldSlot = await slot();
    const old = await book(oldSlot.id, "old");
    const oldPending = await book(oldSlot.id, "old-pending");
    const yesterday = await book((await slot()).id, "yesterday");
    const future = await book((await slot()).id, "future");

    // The old booking's e-mails: its confirmation sent, a reminder that failed with the
    // address in the SMTP error; the other old booking's confirmation still pending.
    await testDb().$executeRaw`
      UPDATE outbox_message SET status = 'SENT', sent_at = now() WHERE payload->>'bookingId' = ${old.id}`;
    await testDb().$executeRaw`
      INSERT INTO outbox_message (id, dedupe_key, template, to_email, locale, payload, status, attempts, last_error)
      VALUES ('ret-reminder', ${`booking.reminder:${old.id}`}, 'booking-reminder', ${old.email}, 'ar',
        ${JSON.stringify({ bookingId: old.id })}::jsonb, 'FAILED', 8, ${`550 5.1.1 <${old.email}>: Recipient address rejected`})`;
    expect(await rowsMentioning("outbox_message", old.email)).toHaveLength(2);

    await age(oldSlot.id, new Date(Date.now() - 5 * 365 * DAY));
    const yesterdaySlot = (await testDb().booking.findUniqueOrThrow({ where: { id: yesterday.id } })).slotId;
    await age(yesterdaySlot, new Date(Date.now() - DAY));

    expect(await anonymizeExpiredBookings(testDb())).toBe(2);

    for (const b of [old, oldPending]) {
      const row = await testDb().booking.findUniqueOrThrow({ where: { id: b.id } });
      expect(row).toMatchObject({
        patientName: "—",
        patientEmail: `erased-${b.id}@invalid`,
        patientPhone: "—",
        patientNationality: "ZZ",
        reasonForVisit: "—",
        passportNumberEnc: null,
        version: b.version + 1,
      });
      expect(row.anonymizedAt).not.toBeNull();
      // One numbered event, by the system, no e-mail.
      const event = await testDb().bookingEvent.findUniqueOrThrow({
        where: { bookingId_version: { bookingId: b.id, version: b.version + 1 } },
      });
      expect(event).toMatchObject({ kind: "anonymized", actorRole: null });
      expect(
        await testDb().outboxMessage.count({ where: { dedupeKey: { contains: ":v" + (b.version + 1) } } }),
      ).toBe(0);
      // Audited as the system, with no personal data in it.
      const [audit, ...more] = await audits(b.id);
      expect(more).toEqual([]);
      expect(audit).toMatchObject({ actorId: null, actorRole: null, institutionId });
      expect(audit!.after).toMatchObject({ version: b.version + 1, retentionDays: DEFAULT_RETENTION_DAYS });
      // Nothing anywhere names the patient: booking, events, audit trail, outbox (every column, payloads included).
      for (const needle of [b.email, b.name])
        for (const table of ["outbox_message", "booking", "audit_event", "booking_event"] as const)
          expect(await rowsMentioning(table, needle), `${table} mentions ${needle}`).toEqual([]);
    }
    // The outbox rows are still there (rule 7 counts them), redacted; the pending one was dropped.
    const rows = await testDb().outboxMessage.findMany({
      where: { payload: { path: ["bookingId"], equals: old.id } },
    });
    expect(rows.map((r) => r.status).sort()).toEqual(["FAILED", "SENT"]);
    for (const r of rows) {
      expect(r.toEmail).toBe(`erased-${old.id}@invalid`);
      expect(r.payload).toEqual({ bookingId: old.id, redacted: true });
    }
    expect(rows.find((r) => r.status === "FAILED")!.lastError).not.toContain("@");
    const pending = await testDb().outboxMessage.findMany({
      where: { payload: { path: ["bookingId"], equals: oldPending.id } },
    });
    expect(pending.map((r) => r.status)).toEqual(["FAILED"]);

    // Yesterday's visit and the visit ahead keep everything, e-mails included.
    for (const b of [yesterday, future]) {
      const row = await testDb().booking.findUniqueOrThrow({ where: { id: b.id } });
      expect(row).toMatchObject({
        patientName: b.name,
        patientEmail: b.email,
        anonymizedAt: null,
        version: b.version,
      });
      expect(await rowsMentioning("outbox_message", b.email)).toHaveLength(1);
      expect(await audits(b.id)).toEqual([]);
    }

    // A second run finds nothing more to do and changes nothing.
    const before = await testDb().$queryRaw<{ row: string }[]>`
      SELECT to_jsonb(b)::text AS row FROM booking b ORDER BY id`;
    const auditCount = await testDb().auditEvent.count();
    expect(await anonymizeExpiredBookings(testDb())).toBe(0);
    expect(
      await testDb().$queryRaw<{ row: string }[]>`SELECT to_jsonb(b)::text AS row FROM booking b ORDER BY id`,
    ).toEqual(before);
    expect(await testDb().auditEvent.count()).toBe(auditCount);
  });

  it("keeps a visit just inside the period and takes it just after, with a shorter configured period", async () => {
    const s = await slot();
    const b = await book(s.id, "period");
    await age(s.id, new Date(Date.now() - 40 * DAY));
    // The visit ended 40 days ago (less 30 minutes): kept with 41 days, anonymized with 39.
    expect(await anonymizeExpiredBookings(testDb(), { retentionDays: 41 })).toBe(0);
    expect((await testDb().booking.findUniqueOrThrow({ where: { id: b.id } })).anonymizedAt).toBeNull();
    expect(await anonymizeExpiredBookings(testDb(), { retentionDays: 39 })).toBe(1);
    expect((await testDb().booking.findUniqueOrThrow({ where: { id: b.id } })).anonymizedAt).not.toBeNull();
  });

  it("two concurrent runs (two app instances) anonymize each booking once, in batches", async () => {
    const s = await slot(30);
    const bookings = [];
    for (let i = 0; i < 14; i++) bookings.push(await book(s.id, `pair-${String.fromCharCode(97 + i)}`));
    await age(s.id, new Date(Date.now() - 4 * 365 * DAY));

    const counts = await Promise.all([
      anonymizeExpiredBookings(testDb(), { batchSize: 3 }),
      anonymizeExpiredBookings(testDb(), { batchSize: 3 }),
    ]);
    expect(counts[0]! + counts[1]!).toBe(bookings.length);
    for (const b of bookings) {
      expect(await audits(b.id)).toHaveLength(1);
      const row = await testDb().booking.findUniqueOrThrow({ where: { id: b.id } });
      expect(row.version).toBe(b.version + 1);
      expect(await testDb().bookingEvent.count({ where: { bookingId: b.id, kind: "anonymized" } })).toBe(1);
    }
    // Every booking's events are still exactly 0..version (the model test's invariant).
    expect(
      await testDb().$queryRaw`
        SELECT b.id FROM booking b LEFT JOIN booking_event e ON e.booking_id = b.id GROUP BY b.id
        HAVING count(e.version) <> b.version + 1 OR min(e.version) <> 0 OR max(e.version) <> b.version`,
    ).toEqual([]);
  });
});
