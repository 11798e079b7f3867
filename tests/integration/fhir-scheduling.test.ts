// Booking through FHIR (IHE ITI Scheduling, ADR 0024), driven by a real FHIR
// client (fhir-kit-client) against the real route handlers (startFhirServer):
// $find → $hold → $book, finding the booking again with its manage token
// (ITI-118), and every rule of the web flow: idempotent replay, a reused key
// with another body, the race for the last place, the month's quota, direct
// billing refused as the web refuses it, consents, one e-mail per booking,
// problems named by their FHIR element in the request's language. Every
// resource the server returns is checked by the R4 validators.
import type { Appointment, Bundle, CapabilityStatement, OperationOutcome } from "@medplum/fhirtypes";
import { Client } from "fhir-kit-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  schedulingExtensions,
  COVERAGE_SELF_PAY,
  schedulingSystems,
} from "../../lib/fhir/scheduling/extensions";
import { standard, systems } from "../../lib/fhir/systems";
import { addMonths } from "../../lib/quota/month";
import { beijingMonthOf } from "../../lib/time/zone";
import { testDb } from "../helpers/db";
import { expectValidFhir, startFhirServer, type FhirServer, fhirFailure } from "../helpers/fhir";
import { createHospital } from "../helpers/hospital";
import { createUser } from "../helpers/staff-fixtures";
import { loadActor } from "../../lib/auth/actor";
import { createIntegrationClient } from "../../lib/integration/create-integration-client";

let server: FhirServer;
let client: Client;
let deptService: string;
let institutionId: string;
let insurerWith: string;
let insurerWithout: string;
/** Free slots of capacity 1 in a month with room, and two in a month with room for one booking. */
let roomySlots: string[];
let tightSlots: string[];
/** A $find range covering both months' slots (at most 62 days). */
let range: { start: string; end: string };

const db = () => testDb();
const monthDb = (d: { year: number; month: number }) => new Date(Date.UTC(d.year, d.month - 1, 1));

const codeOf = (outcome: OperationOutcome) => outcome.issue[0]?.details?.coding?.[0]?.code;
const expressions = (outcome: OperationOutcome) => outcome.issue.flatMap((i) => i.expression ?? []);
const statusOf = (result: unknown) => Client.httpFor(result as never).response!.status;

function slotAppointment(slotId: string): Appointment {
  return {
    resourceType: "Appointment",
    status: "proposed",
    slot: [{ reference: `Slot/${slotId}` }],
    participant: [{ actor: { reference: "#patient" }, status: "accepted" }],
  };
}

/** A $book Appointment: the slot (or held Appointment), a contained Patient and Coverage, consents. */
function toBook(
  base: Appointment,
  o: {
    key?: string;
    email?: string;
    coverage?: "self" | { insurer: string };
    consents?: boolean;
    birthDate?: string;
  } = {},
): Appointment {
  const coverage =
    o.coverage && o.coverage !== "self"
      ? {
          resourceType: "Coverage" as const,
          id: "coverage",
          status: "active" as const,
          subscriber: { display: "Amina Bekova" },
          subscriberId: "POL-778899",
          beneficiary: { reference: "#patient" },
          payor: [{ identifier: { system: schedulingSystems.insurer(), value: o.coverage.insurer } }],
        }
      : {
          resourceType: "Coverage" as const,
          id: "coverage",
          status: "active" as const,
          type: { coding: [COVERAGE_SELF_PAY] },
          beneficiary: { reference: "#patient" },
          payor: [{ reference: "#patient" }],
        };
  return {
    ...base,
    id: undefined,
    contained: [
      {
        resourceType: "Patient",
        id: "patient",
        extension: [
          {
            url: standard.patientNationality,
            extension: [
              { url: "code", valueCodeableConcept: { coding: [{ system: standard.iso3166, code: "KZ" }] } },
            ],
          },
        ],
        name: [{ given: ["Amina"], family: "Bekova" }],
        gender: "female",
        birthDate: o.birthDate ?? "1985-04-12",
        telecom: [
          { system: "email", value: o.email ?? "amina@example.org" },
          { system: "phone", value: "+7 701 234 5678" },
        ],
        communication: [{ language: { coding: [{ system: standard.bcp47, code: "ru" }] }, preferred: true }],
      },
      coverage,
    ],
    identifier: [
      ...(base.identifier ?? []),
      ...(o.key ? [{ system: systems.requestId(), value: o.key }] : []),
    ],
    reasonCode: [{ text: "Knee pain after a fall" }],
    supportingInformation: [{ reference: "#coverage" }],
    extension: [
      ...(o.consents === false
        ? []
        : [
            { url: schedulingExtensions.consentTerms(), valueBoolean: true },
            { url: schedulingExtensions.consentSensitive(), valueBoolean: true },
          ]),
      { url: schedulingExtensions.interpreterWanted(), valueBoolean: true },
    ],
    participant: [{ actor: { reference: "#patient" }, status: "accepted" }],
  };
}

const book = (appointment: Appointment, headers: Record<string, string> = {}) =>
  client.operation({
    name: "$book",
    resourceType: "Appointment",
    input: {
      resourceType: "Parameters",
      parameter: [{ name: "appointment-resource", resource: appointment }],
    },
    options: { headers },
  });

const bookedOf = (bundle: unknown): Appointment => {
  expectValidFhir(bundle);
  const b = bundle as Bundle;
  expect(b.type).toBe("searchset");
  return b.entry![0]!.resource as Appointment;
};

beforeAll(async () => {
  server = await startFhirServer();
  // Load the operations' route modules now: the first import takes seconds on a busy machine.
  await Promise.all([
    import("../../app/fhir/r4/Appointment/$find/route"),
    import("../../app/fhir/r4/Appointment/$hold/route"),
    import("../../app/fhir/r4/Appointment/$book/route"),
    import("../../app/fhir/r4/Appointment/route"),
    import("../../app/fhir/r4/Appointment/[id]/route"),
    import("../../app/fhir/r4/auth/token/route"),
  ]);
  // And the validators (seconds too): a client's idle keep-alive socket must not outlive the server's timeout.
  expectValidFhir({ resourceType: "Bundle", type: "searchset" });
  client = new Client({ baseUrl: server.baseUrl });
  const { inst, dept } = await createHospital(db(), { slug: "fhir-sched", nameZh: "预约医院" });
  await db().institution.update({ where: { id: inst.id }, data: { languages: ["en", "ru", "zh"] } });
  deptService = `HealthcareService/dept-${dept.id}`;
  institutionId = inst.id;
  // Two months ahead (room: 100 units) and three (room for one booking).
  const roomy = addMonths(beijingMonthOf(new Date()), 2);
  const tight = addMonths(roomy, 1);
  await db().quotaPeriod.create({
    data: { institutionId: inst.id, month: monthDb(roomy), declaredVolume: 1000 },
  });
  await db().quotaPeriod.create({
    data: { institutionId: inst.id, month: monthDb(tight), declaredVolume: 10 },
  });
  const slotsIn = async (month: { year: number; month: number }, count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const day = String(3 + i).padStart(2, "0");
      const startsAt = new Date(
        `${month.year}-${String(month.month).padStart(2, "0")}-${day}T09:00:00+08:00`,
      );
      const slot = await db().slot.create({
        data: {
          institutionId: inst.id,
          departmentId: dept.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 30 * 60_000),
          capacity: 1,
        },
      });
      ids.push(slot.id);
    }
    return ids;
  };
  const pad = (n: number) => String(n).padStart(2, "0");
  range = { start: `${roomy.year}-${pad(roomy.month)}-01`, end: `${tight.year}-${pad(tight.month)}-10` };
  roomySlots = await slotsIn(roomy, 8);
  tightSlots = await slotsIn(tight, 2);
  const withAgreement = await db().insurer.create({ data: { slug: "fhir-care", name: "FHIR Care" } });
  const withoutAgreement = await db().insurer.create({ data: { slug: "fhir-none", name: "No Agreement" } });
  await db().directBillingAgreement.create({
    data: {
      institutionId: inst.id,
      insurerId: withAgreement.id,
      scope: "OUTPATIENT",
      preauthRequired: false,
      preauthLeadDays: 0,
      validFrom: new Date("2020-01-01T00:00:00Z"),
      documents: ["passport", "insurance_card"],
    },
  });
  insurerWith = withAgreement.slug;
  insurerWithout = withoutAgreement.slug;
});

afterAll(async () => {
  await server?.close();
});

// Every request here comes from 127.0.0.1: the per-address limits are the abuse tests' to prove.
beforeEach(async () => {
  await db().$executeRaw`DELETE FROM rate_limit`;
});

describe("booking through FHIR (IHE ITI Scheduling)", () => {
  it("finds free slots, holds one, books it with a contained Patient, replays, and finds it with the manage token", async () => {
    const found = (await client.operation({
      name: "$find",
      resourceType: "Appointment",
      method: "GET",
      input: { service: deptService, ...range, language: "ru" },
    })) as unknown as Bundle;
    expect(found).toBeDefined();
    const proposed = found.entry!.map((e) => e.resource as Appointment);
    expect(found.total).toBe(roomySlots.length + tightSlots.length);
    for (const p of proposed) expect(p.status).toBe("proposed");
    expect(proposed.map((p) => p.slot![0]!.reference)).toContain(`Slot/${roomySlots[0]}`);
    // Not offered in a language the hospital does not serve in.
    const none = (await client.operation({
      name: "$find",
      resourceType: "Appointment",
      input: {
        resourceType: "Parameters",
        parameter: [
          { name: "service", valueReference: { reference: deptService } },
          {
            name: "patient-resource",
            resource: {
              resourceType: "Patient",
              communication: [{ language: { coding: [{ code: "ar" }] } }],
            },
          },
        ],
      },
    })) as unknown as Bundle;
    expectValidFhir(none);
    expect(none.total).toBe(0);

    const target = proposed.find((p) => p.slot![0]!.reference === `Slot/${roomySlots[0]}`)!;
    const heldBundle = await client.operation({
      name: "$hold",
      resourceType: "Appointment",
      input: {
        resourceType: "Parameters",
        parameter: [
          { name: "appointment-reference", valueReference: { reference: `Appointment/${target.id}` } },
        ],
      },
    });
    const held = bookedOf(heldBundle);
    expect(held.status).toBe("pending");
    const holdToken = held.identifier!.find((i) => i.system === systems.holdToken())!.value!;
    expect(holdToken.length).toBeGreaterThan(16);
    // A held slot is no potential appointment (IHE ITI-115).
    const after = (await client.operation({
      name: "$find",
      resourceType: "Appointment",
      method: "GET",
      input: { service: deptService, ...range, _count: "100" },
    })) as unknown as Bundle;
    expectValidFhir(after);
    expect(after.entry!.map((e) => (e.resource as Appointment).slot![0]!.reference)).not.toContain(
      `Slot/${roomySlots[0]}`,
    );

    const request = toBook(held, { key: "fhir-booking-0001" });
    const first = await book(request);
    expect(statusOf(first)).toBe(201);
    const booked = bookedOf(first);
    expect(booked.status).toBe("booked");
    const reference = booked.identifier!.find((i) => i.system === systems.bookingReference())!.value!;
    const manageToken = booked.identifier!.find((i) => i.system === systems.manageToken())!.value!;
    expect(booked.contained?.[0]).toMatchObject({ resourceType: "Patient", birthDate: "1985-04-12" });

    const replay = await book(request);
    expect(statusOf(replay)).toBe(200);
    expect(bookedOf(replay).id).toBe(booked.id);
    const row = await db().booking.findUniqueOrThrow({ where: { reference } });
    expect(row).toMatchObject({
      patientName: "Amina Bekova",
      patientNationality: "KZ",
      preferredLanguage: "ru",
      interpreterWanted: true,
      paymentMethod: "SELF_PAY",
      idempotencyKey: "fhir-booking-0001",
    });
    expect(await db().hold.count({ where: { slotId: roomySlots[0] } })).toBe(0);
    expect(await db().outboxMessage.count({ where: { dedupeKey: { contains: row.id } } })).toBe(1);

    // ITI-118: the holder finds it with the manage token; no token is 401, a wrong one finds nothing.
    const mine = (await client.search({
      resourceType: "Appointment",
      searchParams: { identifier: `${systems.bookingReference()}|${reference}` },
      options: { headers: { Authorization: `Bearer ${manageToken}` } },
    })) as unknown as Bundle;
    expectValidFhir(mine);
    expect(mine.total).toBe(1);
    const seen = mine.entry![0]!.resource as Appointment;
    expect(seen.id).toBe(booked.id);
    expect(seen.identifier!.some((i) => i.system === systems.manageToken())).toBe(false);
    const read = (await client.read({
      resourceType: "Appointment",
      id: booked.id!,
      options: { headers: { Authorization: `Bearer ${manageToken}` } },
    })) as unknown as Appointment;
    expectValidFhir(read);
    expect(read.status).toBe("booked");
    const wrong = (await client.search({
      resourceType: "Appointment",
      searchParams: { identifier: reference },
      options: { headers: { Authorization: `Bearer ${"x".repeat(43)}` } },
    })) as unknown as Bundle;
    expectValidFhir(wrong);
    expect(wrong.total).toBe(0);
    const anonymous = await fhirFailure(
      client.search({ resourceType: "Appointment", searchParams: { identifier: reference } }),
    );
    expect(anonymous.status).toBe(401);
    const missing = await fhirFailure(
      client.read({
        resourceType: "Appointment",
        id: booked.id!,
        options: { headers: { Authorization: `Bearer ${"y".repeat(43)}` } },
      }),
    );
    expect(missing.status).toBe(404);
  });

  it("answers a reused request identifier with another body 422, and If-None-Exist names the key too", async () => {
    const appointment = slotAppointment(roomySlots[1]!);
    const first = await book(toBook(appointment), {
      "If-None-Exist": `identifier=${systems.requestId()}|fhir-key-0002`,
    });
    expect(statusOf(first)).toBe(201);
    const other = await fhirFailure(
      book(toBook(appointment, { email: "other@example.org" }), {
        "If-None-Exist": `identifier=${systems.requestId()}|fhir-key-0002`,
      }),
    );
    expect(other.status).toBe(422);
    expect(codeOf(other.outcome)).toBe("IDEMPOTENCY_MISMATCH");
    const noKey = await fhirFailure(book(toBook(slotAppointment(roomySlots[2]!))));
    expect(noKey.status).toBe(400);
    expect(expressions(noKey.outcome)).toEqual(["Appointment.identifier"]);
  });

  it("lets exactly one of two clients racing for the last place book it; the other gets a 409 OperationOutcome", async () => {
    const slot = roomySlots[3]!;
    const results = await Promise.allSettled(
      ["race-a", "race-b"].map((who) =>
        book(toBook(slotAppointment(slot), { key: `fhir-${who}-0003`, email: `${who}@example.org` })),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    expect(bookedOf((won[0] as PromiseFulfilledResult<unknown>).value).status).toBe("booked");
    const lost = await fhirFailure(
      Promise.reject((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason),
    );
    expect(lost.status).toBe(409);
    expect(codeOf(lost.outcome)).toBe("SLOT_FULL");
    // A hold on the full slot is refused the same way.
    const hold = await fhirFailure(
      client.operation({ name: "$hold", resourceType: "Appointment", input: slotAppointment(slot) as never }),
    );
    expect(hold.status).toBe(409);
    expect(await db().booking.count({ where: { slotId: slot } })).toBe(1);
  });

  it("refuses a booking past the month's quota with 409 QUOTA_EXCEEDED", async () => {
    const first = await book(
      toBook(slotAppointment(tightSlots[0]!), { key: "fhir-quota-0004", email: "q1@example.org" }),
    );
    expect(bookedOf(first).status).toBe("booked");
    const second = await fhirFailure(
      book(toBook(slotAppointment(tightSlots[1]!), { key: "fhir-quota-0005", email: "q2@example.org" })),
    );
    expect(second.status).toBe(409);
    expect(codeOf(second.outcome)).toBe("QUOTA_EXCEEDED");
  });

  it("books direct billing under an agreement, and refuses an insurer without one as the web does, naming the Coverage", async () => {
    const ok = await book(
      toBook(slotAppointment(roomySlots[4]!), {
        key: "fhir-direct-0006",
        email: "d1@example.org",
        coverage: { insurer: insurerWith },
      }),
    );
    const booked = bookedOf(ok);
    const row = await db().booking.findUniqueOrThrow({ where: { id: booked.id! } });
    expect(row).toMatchObject({ paymentMethod: "DIRECT_BILLING", memberName: "Amina Bekova" });
    expect(booked.contained?.[1]).toMatchObject({ resourceType: "Coverage", subscriberId: "…8899" });

    const refused = await fhirFailure(
      book(
        toBook(slotAppointment(roomySlots[5]!), {
          key: "fhir-direct-0007",
          email: "d2@example.org",
          coverage: { insurer: insurerWithout },
        }),
      ),
    );
    expect(refused.status).toBe(409);
    expect(codeOf(refused.outcome)).toBe("DIRECT_BILLING_UNAVAILABLE");
    expect(expressions(refused.outcome)).toEqual(["Appointment.contained[1]"]);
  });

  it("refuses a booking without the consents with 400 naming each consent extension", async () => {
    const refused = await fhirFailure(
      book(toBook(slotAppointment(roomySlots[6]!), { key: "fhir-consent-0008", consents: false })),
    );
    expect(refused.status).toBe(400);
    expect(expressions(refused.outcome)).toEqual(
      expect.arrayContaining([
        `Appointment.extension('${schedulingExtensions.consentTerms()}')`,
        `Appointment.extension('${schedulingExtensions.consentSensitive()}')`,
      ]),
    );
    expect(await db().booking.count({ where: { slotId: roomySlots[6] } })).toBe(0);
  });

  it("names a bad element by its FHIR path, in the request's language", async () => {
    const refused = await fhirFailure(
      book(toBook(slotAppointment(roomySlots[6]!), { key: "fhir-badbirth-0009", birthDate: "2999-01-01" }), {
        "Accept-Language": "ar",
      }),
    );
    expect(refused.status).toBe(400);
    expect(expressions(refused.outcome)).toEqual(["Appointment.contained[0].birthDate"]);
    expect(refused.outcome.issue[0]!.details!.text).toMatch(/[\u0600-\u06FF]/);
  });

  it("declares $find, $hold, $book, read and the holder's search in a valid CapabilityStatement", async () => {
    const metadata = (await client.capabilityStatement()) as unknown as CapabilityStatement;
    expectValidFhir(metadata);
    const appointment = metadata.rest![0]!.resource!.find((r) => r.type === "Appointment")!;
    expect(appointment.operation!.map((o) => o.name)).toEqual(
      expect.arrayContaining(["find", "hold", "book"]),
    );
    expect(appointment.interaction!.map((i) => i.code)).toEqual(
      expect.arrayContaining(["read", "search-type"]),
    );
    const bookDoc = appointment.operation!.find((o) => o.name === "book")!.documentation!;
    for (const url of [
      schedulingExtensions.consentTerms(),
      schedulingExtensions.consentSensitive(),
      systems.requestId(),
    ])
      expect(bookDoc).toContain(url);
  });

  it("lets a hospital's system read its own booking as its staff see it, and answers another hospital's 404", async () => {
    const booked = bookedOf(
      await book(
        toBook(slotAppointment(roomySlots[7]!), {
          key: "fhir-his-read-0010",
          email: "h1@example.org",
          coverage: { insurer: insurerWith },
        }),
      ),
    );
    const tokenFor = async (institutionId: string) => {
      const manager = (await loadActor(
        db(),
        (await createUser(db(), "HOSPITAL_MANAGER", { institutionId })).id,
      ))!;
      const issued = await createIntegrationClient(db(), manager, {
        name: "Hospital HIS",
        scopes: ["appointments:read"],
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
      return ((await response.json()) as { access_token: string }).access_token;
    };
    const own = await tokenFor(institutionId);
    const read = (await client.read({
      resourceType: "Appointment",
      id: booked.id!,
      options: { headers: { Authorization: `Bearer ${own}` } },
    })) as unknown as Appointment;
    expectValidFhir(read);
    // The hospital requests the insurer's guarantee with the policy number: it sees it in full.
    expect(read.contained?.[1]).toMatchObject({ resourceType: "Coverage", subscriberId: "POL-778899" });
    expect(read.identifier!.some((i) => i.system === systems.manageToken())).toBe(false);
    const other = await createHospital(db(), { slug: "fhir-sched-other", nameZh: "别的医院" });
    const foreign = await fhirFailure(
      client.read({
        resourceType: "Appointment",
        id: booked.id!,
        options: { headers: { Authorization: `Bearer ${await tokenFor(other.inst.id)}` } },
      }),
    );
    expect(foreign.status).toBe(404);
  });

  it("refuses unknown $find parameters, even one named by nothing but a blank or a control character, with a valid 400", async () => {
    for (const query of ["colour=blue", "+=1e309", "%00=1", "service=Slot/abc"]) {
      const response = await fetch(`${server.baseUrl}/Appointment/$find?${query}`);
      expect(response.status, query).toBe(400);
      expectValidFhir(await response.json());
    }
  });
});
