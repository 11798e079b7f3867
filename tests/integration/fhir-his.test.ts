// Issue 18's proofs for hospital systems (ADR 0022), through the real route
// handlers (startFhirServer) and a real FHIR client (fhir-kit-client) with a
// real client-credentials token: a HIS pushes a week of slots, a patient
// books one through the web use case, the HIS sees it via _lastUpdated; a
// client of institution A can neither read nor write institution B; a Bundle
// that would shrink or remove a booked slot is refused and changes nothing;
// the same Bundle twice changes nothing; the feed never lets a late commit
// fall behind a poller's cursor; webhooks are signed, verified by a real
// HTTPS receiver with the Standard Webhooks library, and retried. Every
// resource returned validates (expectValidFhir).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, Agent } from "node:https";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Appointment, Bundle, BundleEntry, OperationOutcome, Slot } from "@medplum/fhirtypes";
import { Client } from "fhir-kit-client";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "../../lib/auth/actor";
import { cancelBooking } from "../../lib/booking/manage-booking";
import { standard } from "../../lib/fhir/systems";
import { pushOutcomeSystem } from "../../lib/fhir/his/transaction";
import {
  createIntegrationClient,
  type IssuedCredentials,
} from "../../lib/integration/create-integration-client";
import { deliverDue } from "../../lib/notify/deliver-outbox";
import { fileMailer } from "../../lib/notify/mailer";
import { webhookPoster } from "../../lib/notify/webhook";
import { addMonths } from "../../lib/quota/month";
import { beijingMonthOf, zonedToUtc } from "../../lib/time/zone";
import { bookFromBody } from "../helpers/book";
import { testDb } from "../helpers/db";
import { expectValidFhir, startFhirServer, type FhirServer, fhirFailure } from "../helpers/fhir";
import { createHospital } from "../helpers/hospital";
import { createUser } from "../helpers/staff-fixtures";

const SYSTEM = "urn:oid:1.2.156.112635.his";
const M = addMonths(beijingMonthOf(new Date()), 2);
const at = (day: number, hh: number, mm = 0) => zonedToUtc({ ...M, day }, hh * 60 + mm);
let n = 0;
let server: FhirServer;
let fhir: Client;

beforeAll(async () => {
  server = await startFhirServer();
  fhir = new Client({ baseUrl: server.baseUrl });
});
afterAll(() => server?.close());

interface Site {
  institutionId: string;
  departmentId: string;
  manager: Actor;
}

async function site(): Promise<Site> {
  const db = testDb();
  const { inst, dept } = await createHospital(db, {
    slug: `his-${++n}`,
    nameZh: `医院信息系统${n}`,
    ownership: "PRIVATE",
  });
  const manager = (await loadActor(
    db,
    (await createUser(db, "HOSPITAL_MANAGER", { institutionId: inst.id })).id,
  ))!;
  return { institutionId: inst.id, departmentId: dept.id, manager };
}

async function register(s: Site, webhookUrl?: string): Promise<IssuedCredentials & { token: string }> {
  const issued = await createIntegrationClient(testDb(), s.manager, {
    name: "Hospital HIS",
    scopes: webhookUrl
      ? ["slots:write", "appointments:read", "webhooks"]
      : ["slots:write", "appointments:read"],
    ...(webhookUrl ? { webhookUrl } : {}),
  });
  const response = await fetch(`${server.baseUrl}/auth/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${issued.client.clientId}:${issued.clientSecret}`).toString("base64")}`,
    },
    body: "grant_type=client_credentials",
  });
  expect(response.status).toBe(200);
  return { ...issued, token: ((await response.json()) as { access_token: string }).access_token };
}

const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

/** A week of slots for one department as a transaction Bundle: 7 days × 3 half hours from 09:00. */
function weekBundle(departmentId: string, tweak: (slot: Slot) => Slot | null = (s) => s): Bundle {
  const scheduleUrl = `urn:uuid:${randomUUID()}`;
  const identifier = { system: SYSTEM, value: `sched-${departmentId}` };
  const entries: BundleEntry[] = [
    {
      fullUrl: scheduleUrl,
      resource: {
        resourceType: "Schedule",
        identifier: [identifier],
        active: true,
        actor: [{ reference: `HealthcareService/dept-${departmentId}` }],
        planningHorizon: { start: at(1, 0).toISOString(), end: at(8, 0).toISOString() },
      },
      request: { method: "PUT", url: `Schedule?identifier=${SYSTEM}|${identifier.value}` },
    },
  ];
  for (let day = 1; day <= 7; day++)
    for (let i = 0; i < 3; i++) {
      const value = `slot-${day}-${i}`;
      const slot = tweak({
        resourceType: "Slot",
        identifier: [{ system: SYSTEM, value }],
        schedule: { reference: scheduleUrl },
        status: "free",
        start: at(day, 9, 30 * i).toISOString(),
        end: at(day, 9, 30 * i + 30).toISOString(),
        extension: [{ url: standard.slotCapacity, valueInteger: 2 }],
      });
      if (slot)
        entries.push({
          fullUrl: `urn:uuid:${randomUUID()}`,
          resource: slot,
          request: { method: "PUT", url: `Slot?identifier=${SYSTEM}|${slot.identifier![0]!.value}` },
        });
    }
  return { resourceType: "Bundle", type: "transaction", entry: entries };
}

async function push(token: string, bundle: Bundle): Promise<Bundle> {
  const answer = (await fhir.transaction({
    body: bundle as never,
    options: bearer(token),
  })) as unknown as Bundle;
  expectValidFhir(answer);
  expect(answer.type).toBe("transaction-response");
  return answer;
}

async function poll(token: string, since: Date, count?: number): Promise<Bundle> {
  const bundle = (await fhir.search({
    resourceType: "Appointment",
    searchParams: { _lastUpdated: `gt${since.toISOString()}`, ...(count ? { _count: String(count) } : {}) },
    options: bearer(token),
  })) as unknown as Bundle;
  expectValidFhir(bundle);
  return bundle;
}

/** Every page of the feed, following next links with the real client. */
async function pollAll(token: string, since: Date, count?: number): Promise<Appointment[]> {
  let page: Bundle | false = await poll(token, since, count);
  const seen: Appointment[] = [];
  while (page) {
    seen.push(...(page.entry ?? []).map((e) => e.resource as Appointment));
    page = (await fhir.nextPage({ bundle: page as never, options: bearer(token) })) as unknown as
      Bundle | false;
    if (page) expectValidFhir(page);
  }
  return seen;
}

const book = (slotId: string) =>
  bookFromBody(
    testDb(),
    {
      slotId,
      locale: "ar",
      name: "Layla Haddad",
      nationality: "JO",
      dateOfBirth: "1985-04-12",
      email: `his-patient-${++n}@example.org`,
      phone: "+962 7 9012 3456",
      preferredLanguage: "ar",
      reasonForVisit: "Back pain",
      interpreterWanted: true,
      paymentMethod: "SELF_PAY",
      consentTerms: true,
      consentSensitive: true,
    },
    { idempotencyKey: randomUUID(), clientKey: `his-web-${++n}` },
  );

const slotAt = (answer: Bundle, value: string, bundle: Bundle) => {
  const i = bundle.entry!.findIndex((e) => (e.resource as Slot).identifier?.[0]?.value === value);
  return answer.entry![i]!.response!.location!.replace(/^Slot\//, "");
};

async function snapshot(institutionId: string) {
  const db = testDb();
  return {
    schedules: await db.schedule.findMany({ where: { institutionId }, orderBy: { id: "asc" } }),
    slots: await db.slot.findMany({ where: { institutionId }, orderBy: { id: "asc" } }),
    bookings: await db.booking.findMany({ where: { institutionId }, orderBy: { id: "asc" } }),
  };
}

describe("a hospital system publishes its slots and receives its bookings", () => {
  it("pushes a week of slots; a patient books one on the web; the HIS sees it via _lastUpdated", async () => {
    const s = await site();
    const his = await register(s);
    const before = new Date(Date.now() - 1000);
    const bundle = weekBundle(s.departmentId);
    const answer = await push(his.token, bundle);
    expect(answer.entry).toHaveLength(22);
    expect(answer.entry!.map((e) => e.response!.status)).toEqual(Array(22).fill("201 Created"));
    expect(answer.entry![0]!.response!.location).toMatch(/^Schedule\//);

    // The pushed slot is one of ours now, open to patients.
    const slotId = slotAt(answer, "slot-2-1", bundle);
    expect(await testDb().slot.findUniqueOrThrow({ where: { id: slotId } })).toMatchObject({
      startsAt: at(2, 9, 30),
      capacity: 2,
      closed: false,
    });

    const booking = await book(slotId);
    const feed = await pollAll(his.token, before);
    expect(feed).toHaveLength(1);
    expect(feed[0]).toMatchObject({
      resourceType: "Appointment",
      status: "booked",
      start: at(2, 9, 30).toISOString(),
      slot: [{ reference: `Slot/${slotId}` }],
    });
    expect(feed[0]!.identifier).toContainEqual(expect.objectContaining({ value: booking.reference }));
    // The hospital's system sees the patient as its staff do.
    expect(JSON.stringify(feed[0]!.contained)).toContain("Layla Haddad");

    // A cancellation is a change too: polling from the last change seen finds it, once.
    const seen = new Date(feed[0]!.meta!.lastUpdated!);
    await cancelBooking(testDb(), booking.reference, booking.manageToken);
    const next = await pollAll(his.token, seen);
    expect(next.map((a) => a.status)).toEqual(["cancelled"]);
    expect(await pollAll(his.token, new Date(next[0]!.meta!.lastUpdated!))).toEqual([]);
  });

  it("the same Bundle twice changes nothing, and every entry says so", async () => {
    const s = await site();
    const his = await register(s);
    const bundle = weekBundle(s.departmentId);
    await push(his.token, bundle);
    const before = await snapshot(s.institutionId);
    const again = await push(his.token, bundle);
    expect(again.entry!.map((e) => e.response!.status)).toEqual(Array(22).fill("200 OK"));
    for (const e of again.entry!)
      expect(e.response!.outcome).toMatchObject({
        issue: [
          {
            severity: "information",
            details: { coding: [{ system: pushOutcomeSystem(), code: "unchanged" }] },
          },
        ],
      });
    expect(await snapshot(s.institutionId)).toEqual(before);
  });

  it("a Bundle that would shrink or remove a booked slot is refused (409 naming each slot) and changes nothing", async () => {
    const s = await site();
    const his = await register(s);
    const bundle = weekBundle(s.departmentId);
    const answer = await push(his.token, bundle);
    const shrunk = slotAt(answer, "slot-1-0", bundle);
    const removed = slotAt(answer, "slot-1-1", bundle);
    await book(shrunk);
    await book(shrunk);
    await book(removed);
    const before = await snapshot(s.institutionId);

    const bad = weekBundle(s.departmentId, (slot) =>
      slot.identifier![0]!.value === "slot-1-1"
        ? null
        : slot.identifier![0]!.value === "slot-1-0"
          ? { ...slot, extension: [{ url: standard.slotCapacity, valueInteger: 1 }] }
          : slot,
    );
    const refused = await fhirFailure(fhir.transaction({ body: bad as never, options: bearer(his.token) }));
    expect(refused.status).toBe(409);
    expect(refused.outcome.issue[0]!.details!.coding![0]!.code).toBe("CONFLICT");
    const expressions = refused.outcome.issue.flatMap((i) => i.expression ?? []);
    expect(expressions).toEqual([
      "Bundle.entry[1].resource",
      `Slot.where(identifier.where(system = '${SYSTEM}' and value = 'slot-1-1').exists())`,
    ]);
    expect(await snapshot(s.institutionId)).toEqual(before);
  });

  it("a client of institution A can neither write nor read institution B (404, nothing seen)", async () => {
    const a = await site();
    const b = await site();
    const hisA = await register(a);
    const hisB = await register(b);
    const bundleB = weekBundle(b.departmentId);
    const answerB = await push(hisB.token, bundleB);
    const before = await snapshot(b.institutionId);
    const since = new Date(Date.now() - 1000);
    await book(slotAt(answerB, "slot-3-0", bundleB));

    // Write: A names B's HealthcareService …
    const notFound = await fhirFailure(
      fhir.transaction({ body: weekBundle(b.departmentId) as never, options: bearer(hisA.token) }),
    );
    expect(notFound.status).toBe(404);
    expect(notFound.outcome.issue.flatMap((i) => i.expression ?? [])).toEqual([
      "Bundle.entry[0].resource.actor",
    ]);
    // … or B's Schedule by its id.
    const viaId = weekBundle(a.departmentId);
    (viaId.entry![1]!.resource as Slot).schedule = { reference: answerB.entry![0]!.response!.location! };
    expect(
      (await fhirFailure(fhir.transaction({ body: viaId as never, options: bearer(hisA.token) }))).status,
    ).toBe(404);
    expect((await snapshot(b.institutionId)).slots).toEqual(
      before.slots.map((slot) => expect.objectContaining({ id: slot.id })),
    );
    expect(await testDb().schedule.count({ where: { institutionId: a.institutionId } })).toBe(0);

    // Read: B's booking is in B's feed, never in A's.
    expect(await pollAll(hisA.token, since)).toEqual([]);
    expect(await pollAll(hisB.token, since)).toHaveLength(1);
  });

  it("the feed pages in change order, and a change that commits late is never skipped", async () => {
    const s = await site();
    const his = await register(s);
    const bundle = weekBundle(s.departmentId);
    const answer = await push(his.token, bundle);
    const since = new Date(Date.now() - 1000);
    const bookings: Awaited<ReturnType<typeof book>>[] = [];
    for (const value of ["slot-4-0", "slot-4-1", "slot-4-2", "slot-5-0", "slot-5-1"])
      bookings.push(await book(slotAt(answer, value, bundle)));
    const all = await pollAll(his.token, since, 2);
    expect(all.map((a) => a.identifier![0]!.value)).toEqual(bookings.map((b) => b.reference));

    // A transaction that changed a booking but has not committed holds the feed back:
    // the poller's cursor can never pass it.
    const cursor = new Date(all.at(-1)!.meta!.lastUpdated!);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let touched!: () => void;
    const wrote = new Promise<void>((resolve) => (touched = resolve));
    const slow = testDb().$transaction(
      async (tx) => {
        await tx.$executeRaw`UPDATE booking SET interpreter_wanted = false WHERE reference = ${bookings[0]!.reference}`;
        touched();
        await held;
      },
      { timeout: 30_000 },
    );
    await wrote;
    await new Promise((r) => setTimeout(r, 20));
    const late = await book(slotAt(answer, "slot-6-0", bundle)); // commits after the slow one started
    expect(await pollAll(his.token, cursor)).toEqual([]);
    release();
    await slow;
    const after = await pollAll(his.token, cursor);
    expect(after.map((a) => a.identifier![0]!.value)).toEqual([bookings[0]!.reference, late.reference]);
  });

  it("a malformed _lastUpdated or _count is a 400 OperationOutcome naming it; no token is 401", async () => {
    const s = await site();
    const his = await register(s);
    for (const [params, field] of [
      [{ _lastUpdated: "gtyesterday" }, "_lastUpdated"],
      [{ _lastUpdated: "gt2026-02-30" }, "_lastUpdated"],
      [{ _lastUpdated: "gt2026-01-01T10:00:00" }, "_lastUpdated"],
      [{ _lastUpdated: "gt2026-01-01", _count: "-1" }, "_count"],
      [{ _lastUpdated: "gt2026-01-01", _cursor: "x" }, "_cursor"],
    ] as const) {
      const bad = await fhirFailure(
        fhir.search({ resourceType: "Appointment", searchParams: params, options: bearer(his.token) }),
      );
      expect(bad.status).toBe(400);
      expect(bad.outcome.issue.flatMap((i) => i.expression ?? [])).toEqual([field]);
    }
    const response = await fetch(`${server.baseUrl}`, {
      method: "POST",
      headers: { "content-type": "application/fhir+json" },
      body: JSON.stringify(weekBundle(s.departmentId)),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("a Bundle's problems are named by their FHIR element, in the request's language", async () => {
    const s = await site();
    const his = await register(s);
    const bundle = weekBundle(s.departmentId);
    (bundle.entry![3]!.resource as Slot).end = (bundle.entry![3]!.resource as Slot).start;
    (bundle.entry![5]!.resource as Slot).status = "entered-in-error";
    const response = await fetch(server.baseUrl, {
      method: "POST",
      headers: {
        "content-type": "application/fhir+json",
        "accept-language": "ar",
        authorization: `Bearer ${his.token}`,
      },
      body: JSON.stringify(bundle),
    });
    expect(response.status).toBe(400);
    const outcome = (await response.json()) as OperationOutcome;
    expectValidFhir(outcome);
    expect(outcome.issue.flatMap((i) => i.expression ?? [])).toEqual(["Bundle.entry[5].resource.status"]);
    expect(outcome.issue[0]!.diagnostics).toMatch(/[\u0600-\u06FF]/);
    (bundle.entry![5]!.resource as Slot).status = "free";
    const second = await fhirFailure(fhir.transaction({ body: bundle as never, options: bearer(his.token) }));
    expect(second.outcome.issue.flatMap((i) => i.expression ?? [])).toEqual(["Bundle.entry[3].resource.end"]);
  });
});

describe("webhooks", () => {
  it("a booking change is posted to the hospital system, signed, verified and retried until it answers 2xx", async () => {
    const tls = path.join(import.meta.dirname, "../fixtures/webhook-tls");
    const cert = readFileSync(path.join(tls, "cert.pem"));
    const received: { headers: Record<string, string>; body: string }[] = [];
    let answer = 503;
    const receiver = createServer({ cert, key: readFileSync(path.join(tls, "key.pem")) }, (req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        received.push({ headers: req.headers as Record<string, string>, body });
        res.statusCode = answer;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const port = (receiver.address() as AddressInfo).port;
      const s = await site();
      const his = await register(s, `https://127.0.0.1:${port}/hooks/appointments`);
      expect(his.webhookSecret).toMatch(/^whsec_/);
      const bundle = weekBundle(s.departmentId);
      const pushed = await push(his.token, bundle);
      const booking = await book(slotAt(pushed, "slot-7-0", bundle));
      const bookingId = (
        await testDb().booking.findUniqueOrThrow({ where: { reference: booking.reference } })
      ).id;

      // Written in the booking's transaction, beside its e-mail.
      const rows = await testDb().outboxMessage.findMany({ where: { channel: "WEBHOOK" } });
      expect(rows).toEqual([
        expect.objectContaining({
          dedupeKey: `webhook.created:${bookingId}:v0:${his.client.id}`,
          targetUrl: `https://127.0.0.1:${port}/hooks/appointments`,
          clientId: his.client.id,
          toEmail: null,
        }),
      ]);

      const poster = webhookPoster({ agent: new Agent({ ca: cert }) });
      const mailer = fileMailer(mkdtempSync(path.join(tmpdir(), "his-mail-")));
      // The receiver is down (503): the row stays pending, with a back-off.
      await deliverDue(testDb(), mailer, 50, poster);
      const failed = await testDb().outboxMessage.findFirstOrThrow({ where: { channel: "WEBHOOK" } });
      expect(failed).toMatchObject({
        status: "PENDING",
        attempts: 1,
        lastError: "webhook answered HTTP 503",
      });
      expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

      // Retried once due: delivered, and verified with the secret shown once to the manager.
      answer = 204;
      await testDb().outboxMessage.update({ where: { id: failed.id }, data: { nextAttemptAt: new Date() } });
      await deliverDue(testDb(), mailer, 50, poster);
      expect(await testDb().outboxMessage.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
        status: "SENT",
        attempts: 2,
      });
      expect(received).toHaveLength(2);
      const last = received[1]!;
      expect(last.headers["webhook-id"]).toBe(received[0]!.headers["webhook-id"]);
      const event = new Webhook(his.webhookSecret!).verify(last.body, last.headers) as {
        type: string;
        data: { id: string; reference: string; event: string };
      };
      expect(event).toMatchObject({
        type: "appointment.created",
        data: {
          resourceType: "Appointment",
          id: bookingId,
          reference: `Appointment/${bookingId}`,
          event: "created",
        },
      });
      // A forged body does not verify.
      expect(() =>
        new Webhook(his.webhookSecret!).verify(last.body.replace("created", "cancelled"), last.headers),
      ).toThrow();
      // No personal data in what is posted.
      expect(last.body).not.toContain("Layla");

      // A cancellation is posted too; a revoked client gets nothing more (the row fails for good).
      await cancelBooking(testDb(), booking.reference, booking.manageToken);
      await testDb().integrationClient.update({
        where: { id: his.client.id },
        data: { revokedAt: new Date() },
      });
      await deliverDue(testDb(), mailer, 50, poster);
      expect(
        await testDb().outboxMessage.findFirstOrThrow({
          where: { dedupeKey: `webhook.cancelled:${bookingId}:v1:${his.client.id}` },
        }),
      ).toMatchObject({ status: "FAILED" });
      expect(received).toHaveLength(2);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
