// A randomized concurrent model test of every use case that touches a booking,
// a hold, a slot or a quota month (DESIGN rules 1, 2, 3, 7 and 9), and that
// staff status changes respect time (rule 10). Workers issue
// random operations through the real use cases (holds placed, let go, extended,
// booked, moved, cancelled, decided, erased; schedules edited; the department
// retired and offered again by the city admin (issue 19); held and booked
// through FHIR's $hold and $book, replays included) against a real PostgreSQL, with
// random timing; after every round the invariants are checked in SQL. A run is
// driven by a seed: the same seed draws the same operations, and a failure
// prints the seed and the history of operations that led to it.
//
// Used by tests/integration/interleavings-model.test.ts (a few thousand
// operations in `npm test`) and scripts/soak.ts (`npm run soak -- --ops N`).
import type { Appointment, Bundle, OperationOutcome } from "@medplum/fhirtypes";
import { bookFromBody } from "../helpers/book";
import { withFhirErrors } from "../../lib/fhir/http";
import { proposedAppointmentId } from "../../lib/fhir/scheduling/appointment";
import {
  COVERAGE_SELF_PAY,
  schedulingExtensions,
  schedulingSystems,
} from "../../lib/fhir/scheduling/extensions";
import { bookOperation, holdOperation } from "../../lib/fhir/scheduling/operations";
import { standard, systems } from "../../lib/fhir/systems";
import { PEER_HEADER } from "../../lib/net/client-address";
import { chooseSelfPay } from "../../lib/booking/choose-self-pay";
import { createHold } from "../../lib/booking/holds";
import { extendHold } from "../../lib/booking/extend-hold";
import { releaseHold } from "../../lib/booking/release-hold";
import { cancelBooking } from "../../lib/booking/manage-booking";
import { erasePersonalData } from "../../lib/booking/personal-data";
import { planSlots } from "../../lib/booking/plan-slots";
import { rescheduleBooking } from "../../lib/booking/reschedule-booking";
import type { DbClient } from "../../lib/db/create-client";
import { AppError, type ErrorCode } from "../../lib/errors";
import { decideGuarantee } from "../../lib/payment/decide-guarantee";
import { addScheduleClosure } from "../../lib/schedule/add-schedule-closure";
import { addScheduleRule } from "../../lib/schedule/add-schedule-rule";
import { changeBookingStatus } from "../../lib/booking/change-booking-status";
import { staffTransitionNames, staffTransitions } from "../../lib/booking/booking-transitions";
import { removeScheduleClosure } from "../../lib/schedule/remove-schedule-closure";
import { removeScheduleRule } from "../../lib/schedule/remove-schedule-rule";
import { loadActor, type Actor } from "../../lib/auth/actor";
import { LIMITS } from "../../lib/rate-limit/rate-limit";
import {
  addDays,
  beijingMonthOf,
  calendarDateOf,
  isoDate,
  zonedToUtc,
  type CalendarDate,
} from "../../lib/time/zone";
import { addMonths } from "../../lib/quota/month";
import { createUser } from "../helpers/staff-fixtures";
import { createHospital } from "../helpers/hospital";
import { setDepartmentRetired } from "../../lib/catalogue/manage-department";

/** A small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
type Rng = ReturnType<typeof prng>;

export interface ModelOptions {
  seed: number;
  /** Total operations. */
  ops: number;
  /** Operations started at once in a round (the concurrency). */
  workers?: number;
  /** A fresh institution every this many operations (default 2000), so a long run keeps moving. */
  opsPerWorld?: number;
  /** Called after every checked round. */
  onRound?: (round: number, done: number) => void;
}

export interface ModelResult {
  seed: number;
  ops: number;
  rounds: number;
  invariantChecks: number;
  outcomes: Record<string, number>;
  seconds: number;
}

interface Booked {
  reference: string;
  token: string;
  service: "department" | "package";
  direct: boolean;
}

interface World {
  institutionId: string;
  institutionSlug: string;
  scheduleId: string;
  staff: Actor;
  /** The city's health commission: retires and restores the department. */
  admin: Actor;
  days: string[];
  /** 01:00 in Beijing the day after the last chosen day: every visit is over, every check-in closed. */
  afterLastDay: Date;
  deptSlots: () => Promise<string[]>;
  packageSlots: string[];
  insurerSlug: string;
}

/** Errors a use case may answer when it loses a race or meets a state it refuses: a clean 4xx. */
// OFFERING_RETIRED: a hold or booking of the department's slot while it is retired.
const expected: Record<string, readonly ErrorCode[]> = {
  hold: ["SLOT_FULL", "QUOTA_EXCEEDED", "NOT_FOUND", "OFFERING_RETIRED"],
  fhirHold: ["SLOT_FULL", "QUOTA_EXCEEDED", "NOT_FOUND", "OFFERING_RETIRED"],
  fhirBook: ["SLOT_FULL", "QUOTA_EXCEEDED", "HOLD_EXPIRED", "VALIDATION_FAILED", "OFFERING_RETIRED"],
  fhirReplay: ["SLOT_FULL", "QUOTA_EXCEEDED", "HOLD_EXPIRED", "VALIDATION_FAILED", "OFFERING_RETIRED"],
  release: [],
  extend: ["HOLD_EXPIRED", "HOLD_ALREADY_EXTENDED"],
  book: ["SLOT_FULL", "QUOTA_EXCEEDED", "HOLD_EXPIRED", "VALIDATION_FAILED", "OFFERING_RETIRED"],
  replay: ["SLOT_FULL", "QUOTA_EXCEEDED", "HOLD_EXPIRED", "VALIDATION_FAILED", "OFFERING_RETIRED"],
  reschedule: ["SLOT_FULL", "QUOTA_EXCEEDED", "CONFLICT", "NOT_FOUND", "VALIDATION_FAILED"],
  cancel: ["CONFLICT", "NOT_FOUND"],
  staff: ["BOOKING_CHANGED", "INVALID_TRANSITION", "NOT_FOUND"],
  guarantee: ["BOOKING_CHANGED", "INVALID_TRANSITION", "NOT_FOUND"],
  selfPay: ["GUARANTEE_NOT_DENIED", "NOT_FOUND"],
  erase: ["NOT_FOUND"],
  schedule: ["VALIDATION_FAILED", "NOT_FOUND"],
  retire: [],
  expire: [],
};

const CLIENTS = ["c1", "c2", "c3", "c4", "c5", "c6"];
const MONTH_CAP_UNITS = 6;

/** Two Beijing months ahead: the last two days of one and the first two of the next. */
function chosenDays(now: Date): CalendarDate[] {
  const next = addMonths(beijingMonthOf(now), 2);
  const last = addDays(next, -1);
  return [addDays(last, -1), last, next, addDays(next, 1)];
}

async function createWorld(db: DbClient, seed: number): Promise<World> {
  const tag = `model-${seed}-${Date.now().toString(36)}`;
  const { inst, dept, cityId } = await createHospital(db, { slug: tag, nameZh: `模型医院${seed}` });
  const pkg = await db.tcmPackage.create({
    data: { slug: `${tag}-pkg`, institutionId: inst.id, sessions: 2, durationDays: 7, priceFen: 300_000 },
  });
  const insurer = await db.insurer.create({ data: { slug: `${tag}-ins`, name: "Model Assurance" } });
  await db.directBillingAgreement.create({
    data: {
      institutionId: inst.id,
      insurerId: insurer.id,
      scope: "OUTPATIENT",
      preauthRequired: true,
      preauthLeadDays: 0,
      validFrom: new Date(Date.UTC(2000, 0, 1)),
    },
  });
  const now = new Date();
  const days = chosenDays(now);
  // A tight cap in both months: 10% of 60 = 6 units, against 16 department places and 4 package places a month.
  for (const d of [days[0]!, days[2]!]) {
    await db.quotaPeriod.create({
      data: {
        institutionId: inst.id,
        month: new Date(Date.UTC(d.year, d.month - 1, 1)),
        declaredVolume: MONTH_CAP_UNITS * 10,
      },
    });
  }
  const staffUser = await createUser(
    db,
    "HOSPITAL_MANAGER",
    { institutionId: inst.id },
    `${tag}@test.example`,
  );
  const staff = (await loadActor(db, staffUser.id))!;
  const admin = (await loadActor(
    db,
    (await createUser(db, "CITY_ADMIN", { cityId }, `${tag}-admin@test.example`)).id,
  ))!;

  // The department's schedule: two 30-minute slots a day of capacity 2, on the four chosen days only
  // (closures cover the rest), published as the bulk generator would.
  const schedule = await db.schedule.create({ data: { institutionId: inst.id, departmentId: dept.id } });
  const rules = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
    scheduleId: schedule.id,
    weekday,
    startMinute: 600,
    endMinute: 660,
    slotMinutes: 30,
    capacity: 2,
  }));
  await db.scheduleRule.createMany({ data: rules });
  const today = calendarDateOf(now);
  const dbDay = (d: CalendarDate) => new Date(`${isoDate(d)}T00:00:00Z`);
  await db.scheduleClosure.createMany({
    data: [
      { scheduleId: schedule.id, startsOn: dbDay(today), endsOn: dbDay(addDays(days[0]!, -1)) },
      {
        scheduleId: schedule.id,
        startsOn: dbDay(addDays(days[3]!, 1)),
        endsOn: dbDay(addDays(days[3]!, 60)),
      },
    ],
  });
  const horizon =
    Math.round(
      (Date.UTC(days[3]!.year, days[3]!.month - 1, days[3]!.day) -
        Date.UTC(today.year, today.month - 1, today.day)) /
        86_400_000,
    ) + 1;
  const planned = planSlots({
    timezone: "Asia/Shanghai",
    rules,
    closures: [
      { startsOn: dbDay(today), endsOn: dbDay(addDays(days[0]!, -1)) },
      { startsOn: dbDay(addDays(days[3]!, 1)), endsOn: dbDay(addDays(days[3]!, 60)) },
    ],
    now,
    days: horizon,
  });
  await db.slot.createMany({
    data: planned.map((s) => ({
      ...s,
      institutionId: inst.id,
      scheduleId: schedule.id,
      departmentId: dept.id,
    })),
  });
  // The package: one slot of capacity 2 on each chosen day, no schedule.
  const packageSlots: string[] = [];
  for (const d of days) {
    const startsAt = new Date(`${isoDate(d)}T14:00:00+08:00`);
    const slot = await db.slot.create({
      data: {
        institutionId: inst.id,
        packageId: pkg.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        capacity: 2,
      },
    });
    packageSlots.push(slot.id);
  }
  const deptSlots = async () =>
    (
      await db.slot.findMany({
        where: { scheduleId: schedule.id },
        select: { id: true },
        orderBy: { startsAt: "asc" },
      })
    ).map((s) => s.id);
  return {
    institutionId: inst.id,
    institutionSlug: inst.slug,
    scheduleId: schedule.id,
    staff,
    admin,
    days: days.map(isoDate),
    afterLastDay: zonedToUtc(addDays(days[3]!, 1), 60),
    deptSlots,
    packageSlots,
    insurerSlug: insurer.slug,
  };
}

function patient(rng: Rng, slotId: string, world: World, direct: boolean, locale: string) {
  const n = rng.int(1_000_000);
  return {
    slotId,
    locale,
    name: "Amina Model",
    nationality: "KZ",
    dateOfBirth: "1980-01-02",
    email: `model-${n}@example.org`,
    phone: "+7 701 234 5678",
    preferredLanguage: locale,
    reasonForVisit: "Check-up",
    interpreterWanted: false,
    visaLetterWanted: false,
    paymentMethod: direct ? ("DIRECT_BILLING" as const) : ("SELF_PAY" as const),
    ...(direct ? { insurer: world.insurerSlug, policyNumber: `POL${n}`, memberName: "Amina Model" } : {}),
    consentTerms: true as const,
    consentSensitive: true as const,
  };
}

/** The model's booking input as a FHIR $book Appointment (contained Patient and Coverage, consents, request id). */
function fhirBookBody(input: ReturnType<typeof patient>, key: string, holdToken: string | null): Appointment {
  const coverage =
    input.paymentMethod === "DIRECT_BILLING"
      ? {
          resourceType: "Coverage" as const,
          id: "coverage",
          status: "active" as const,
          subscriber: { display: input.memberName },
          subscriberId: input.policyNumber,
          beneficiary: { reference: "#patient" },
          payor: [{ identifier: { system: schedulingSystems.insurer(), value: input.insurer } }],
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
    resourceType: "Appointment",
    status: holdToken ? "pending" : "proposed",
    identifier: [
      { system: systems.requestId(), value: key },
      ...(holdToken ? [{ system: systems.holdToken(), value: holdToken }] : []),
    ],
    contained: [
      {
        resourceType: "Patient",
        id: "patient",
        extension: [
          {
            url: standard.patientNationality,
            extension: [
              {
                url: "code",
                valueCodeableConcept: { coding: [{ system: standard.iso3166, code: input.nationality }] },
              },
            ],
          },
        ],
        name: [{ text: input.name }],
        birthDate: input.dateOfBirth,
        telecom: [
          { system: "email", value: input.email },
          { system: "phone", value: input.phone },
        ],
        communication: [
          { language: { coding: [{ system: standard.bcp47, code: input.preferredLanguage }] } },
        ],
      },
      coverage,
    ],
    extension: [
      { url: schedulingExtensions.consentTerms(), valueBoolean: input.consentTerms },
      { url: schedulingExtensions.consentSensitive(), valueBoolean: input.consentSensitive },
    ],
    reasonCode: [{ text: input.reasonForVisit }],
    supportingInformation: [{ reference: "#coverage" }],
    slot: [{ reference: `Slot/${input.slotId}` }],
    participant: [{ actor: { reference: "#patient" }, status: "accepted" }],
  };
}

/**
 * A FHIR operation through its route's code (lib/fhir/scheduling/operations.ts, wrapped as the route wraps
 * it): the Bundle's Appointment, or the OperationOutcome's error code thrown as an AppError (a 5xx is a failure).
 */
async function fhirOperation(
  db: DbClient,
  operation: typeof holdOperation,
  body: unknown,
  o: { address: string; userAgent: string; locale: string },
): Promise<{ status: number; appointment: Appointment }> {
  const handler = withFhirErrors((request) => operation(db, request));
  const response = await handler(
    new Request("http://localhost/fhir/r4/Appointment/$op", {
      method: "POST",
      headers: {
        "content-type": "application/fhir+json",
        "accept-language": o.locale,
        "user-agent": o.userAgent,
        [PEER_HEADER]: o.address,
      },
      body: JSON.stringify(body),
    }),
  );
  const json = (await response.json()) as Bundle | OperationOutcome;
  if (response.ok)
    return { status: response.status, appointment: (json as Bundle).entry![0]!.resource as Appointment };
  const code = (json as OperationOutcome).issue?.[0]?.details?.coding?.[0]?.code;
  if (response.status >= 500 || !code)
    throw new Error(`FHIR answered ${response.status}: ${JSON.stringify(json).slice(0, 500)}`);
  throw new AppError(code as ErrorCode);
}

export class ModelFailure extends Error {}

/** Runs the model; throws ModelFailure (with the seed and the history) on any violation. */
export async function runModel(db: DbClient, options: ModelOptions): Promise<ModelResult> {
  const started = Date.now();
  const rng = prng(options.seed);
  const workers = options.workers ?? 8;
  const opsPerWorld = options.opsPerWorld ?? 2000;
  let world = await createWorld(db, options.seed);
  const history: string[] = [];
  const outcomes: Record<string, number> = {};
  const bookings: Booked[] = [];
  const requests: {
    key: string;
    input: ReturnType<typeof patient>;
    clientKey: string;
    reference?: string;
    /** Sent through FHIR's $book (its replay goes the same way, with the same body). */
    fhir?: { body: Appointment; address: string; locale: string };
  }[] = [];
  const holds = new Map<string, { slotId: string; token: string }[]>();
  /**
   * New $book attempts sent per client address and per e-mail address (a replay of a key that already
   * booked is answered before any limit and is not one). Counted before the call, so attempts in flight
   * count too: never fewer than the database's counters of the current window.
   */
  const fhirAttempts = new Map<string, number>();
  /**
   * Counts a new FHIR $book attempt; true when the booking limits may refuse it (its address or e-mail
   * address has sent more than their maximum): RATE_LIMITED is then a right answer, and never otherwise.
   */
  const countFhirAttempt = (address: string, email: string): boolean => {
    const add = (key: string) => {
      const n = (fhirAttempts.get(key) ?? 0) + 1;
      fhirAttempts.set(key, n);
      return n;
    };
    const byAddress = add(`address:${address}`);
    const byEmail = add(`email:${email}`);
    return byAddress > LIMITS.bookingsPerAddress.max || byEmail > LIMITS.bookingsPerEmail.max;
  };
  let invariantChecks = 0;

  const fail = (message: string): never => {
    throw new ModelFailure(
      `${message}\nseed=${options.seed} (replay: npm run soak -- --seed ${options.seed} --ops ${options.ops})\n` +
        `last operations:\n${history.slice(-60).join("\n")}`,
    );
  };

  /** $book through FHIR: the booking's reference and manage token (from the answer's identifiers). */
  async function fhirBooked(body: Appointment, address: string, userAgent: string, locale: string) {
    const { appointment } = await fhirOperation(db, bookOperation, body, { address, userAgent, locale });
    const value = (system: string) => appointment.identifier!.find((i) => i.system === system)!.value!;
    return { reference: value(systems.bookingReference()), manageToken: value(systems.manageToken()) };
  }

  async function step(round: number, worker: number): Promise<void> {
    const dept = await world.deptSlots();
    const anySlot = (service: "department" | "package") =>
      service === "department"
        ? rng.pick(dept.length ? dept : world.packageSlots)
        : rng.pick(world.packageSlots);
    const kind = rng.pick([
      "hold",
      "hold",
      "release",
      "extend",
      "holdBook",
      "holdBook",
      "book",
      "book",
      "replay",
      "fhirHold",
      "fhirBook",
      "reschedule",
      "reschedule",
      "cancel",
      "staff",
      "staff",
      "staff",
      "guarantee",
      "selfPay",
      "erase",
      "schedule",
      "retire",
      "expire",
    ] as const);
    const delay = rng.int(4);
    const clientKey = rng.pick(CLIENTS);
    const service = rng.next() < 0.7 ? ("department" as const) : ("package" as const);
    const locale = rng.pick(["en", "ar", "ru", "zh"]);
    // FHIR calls come from an address of their own each (the per-address limits are the abuse tests' to prove).
    const address = `10.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`;
    let label: string = kind;
    let group = kind as string;
    /** RATE_LIMITED may answer this step (a new FHIR $book past a booking limit, countFhirAttempt). */
    let mayBeLimited = false;
    /** A finer outcome to count besides the group's (a staff change: which one). */
    let sub: string | null = null;
    const run = async (): Promise<unknown> => {
      switch (kind) {
        case "hold": {
          const slotId = anySlot(service);
          label = `hold ${clientKey} ${slotId}`;
          const h = await createHold(db, { slotId }, clientKey);
          holds.set(clientKey, [...(holds.get(clientKey) ?? []).filter((x) => x.slotId !== slotId), h]);
          return h.slotId;
        }
        case "release":
        case "extend": {
          // The patient goes back (their hold is let go) or keeps the time 10 minutes more, once.
          const mine = holds.get(clientKey) ?? [];
          const held = mine.length ? mine[rng.int(mine.length)]! : null;
          if (!held) return `no hold of ${clientKey}`;
          label = `${kind} ${clientKey} ${held.slotId}`;
          if (kind === "extend")
            return (await extendHold(db, { holdToken: held.token }, clientKey)).expiresAt;
          holds.set(
            clientKey,
            mine.filter((x) => x !== held),
          );
          return releaseHold(db, { holdToken: held.token }, clientKey);
        }
        case "holdBook":
        case "book": {
          const mine = holds.get(clientKey) ?? [];
          const held = kind === "holdBook" && mine.length ? mine[rng.int(mine.length)]! : null;
          const slotId = held?.slotId ?? anySlot(service);
          // Direct billing covers outpatient visits here (the agreement's scope), not TCM packages.
          const direct = rng.next() < 0.3 && !world.packageSlots.includes(slotId);
          const input = {
            ...patient(rng, slotId, world, direct, locale),
            ...(held ? { holdToken: held.token } : {}),
          };
          const key = `model-${options.seed}-${requests.length}-${rng.int(1e9)}`;
          const request: (typeof requests)[number] = { key, input, clientKey };
          requests.push(request);
          group = "book";
          label = `book ${clientKey} ${slotId}${held ? " with hold" : ""}${direct ? " direct" : ""} key=${key}`;
          if (held)
            holds.set(
              clientKey,
              mine.filter((x) => x !== held),
            );
          const b = await bookFromBody(db, input, { idempotencyKey: key, clientKey });
          request.reference = b.reference;
          bookings.push({
            reference: b.reference,
            token: b.manageToken,
            service: input.slotId && world.packageSlots.includes(input.slotId) ? "package" : "department",
            direct,
          });
          return b.reference;
        }
        case "replay": {
          const request = requests.length ? rng.pick(requests) : null;
          if (!request) return "nothing to replay";
          if (request.fhir) group = "fhirReplay";
          label = `${group} key=${request.key}${request.reference ? ` (was ${request.reference})` : ""}`;
          // A key that never booked is a new attempt each time it is sent: the limits count it (rule 11
          // spares only a replay of a booking that exists).
          if (request.fhir && !request.reference)
            mayBeLimited = countFhirAttempt(request.fhir.address, request.input.email);
          const b = request.fhir
            ? await fhirBooked(
                request.fhir.body,
                request.fhir.address,
                request.clientKey,
                request.fhir.locale,
              )
            : await bookFromBody(db, request.input, {
                idempotencyKey: request.key,
                clientKey: request.clientKey,
              });
          if (request.reference && b.reference !== request.reference)
            fail(`rule 2: key ${request.key} answered ${b.reference}, first ${request.reference}`);
          if (!request.reference) {
            request.reference = b.reference;
            bookings.push({
              reference: b.reference,
              token: b.manageToken,
              service: "department",
              direct: false,
            });
          }
          return b.reference;
        }
        case "fhirHold": {
          // IHE ITI-116: the proposed Appointment's reference, as $find gives it.
          const slotId = anySlot(service);
          label = `fhirHold ${clientKey} ${slotId}`;
          const { appointment } = await fhirOperation(
            db,
            holdOperation,
            {
              resourceType: "Parameters",
              parameter: [
                {
                  name: "appointment-reference",
                  valueReference: { reference: `Appointment/${proposedAppointmentId(slotId)}` },
                },
              ],
            },
            { address, userAgent: clientKey, locale },
          );
          const token = appointment.identifier!.find((i) => i.system === systems.holdToken())!.value!;
          holds.set(clientKey, [
            ...(holds.get(clientKey) ?? []).filter((x) => x.slotId !== slotId),
            { slotId, token },
          ]);
          return slotId;
        }
        case "fhirBook": {
          // IHE ITI-117: a held Appointment of this client's (its token), or a proposed one.
          const mine = holds.get(clientKey) ?? [];
          const held = mine.length && rng.next() < 0.6 ? mine[rng.int(mine.length)]! : null;
          const slotId = held?.slotId ?? anySlot(service);
          const direct = rng.next() < 0.3 && !world.packageSlots.includes(slotId);
          const input = patient(rng, slotId, world, direct, locale);
          const key = `model-fhir-${options.seed}-${requests.length}-${rng.int(1e9)}`;
          const body = fhirBookBody(input, key, held?.token ?? null);
          const request: (typeof requests)[number] = {
            key,
            input,
            clientKey,
            fhir: { body, address, locale },
          };
          requests.push(request);
          label = `fhirBook ${clientKey} ${slotId}${held ? " with hold" : ""}${direct ? " direct" : ""} key=${key}`;
          if (held)
            holds.set(
              clientKey,
              mine.filter((x) => x !== held),
            );
          mayBeLimited = countFhirAttempt(address, input.email);
          const b = await fhirBooked(body, address, clientKey, locale);
          request.reference = b.reference;
          bookings.push({
            reference: b.reference,
            token: b.manageToken,
            service: world.packageSlots.includes(slotId) ? "package" : "department",
            direct,
          });
          return b.reference;
        }
        default:
          break;
      }
      if (kind === "retire") {
        // The commission retires the department or offers it again (its bookings stay either way).
        const retired = rng.next() < 0.5;
        label = `department ${retired ? "retire" : "restore"}`;
        await setDepartmentRetired(db, world.admin, {
          institution: world.institutionSlug,
          department: "general",
          retired,
        });
        return retired;
      }
      if (kind === "expire") {
        // Time passes: one live hold runs out (the patient walked away).
        const [h] = await db.$queryRaw<{ id: string }[]>`
          UPDATE hold SET expires_at = now() - interval '1 second'
          WHERE id = (SELECT h.id FROM hold h JOIN slot s ON s.id = h.slot_id
            WHERE s.institution_id = ${world.institutionId} AND h.expires_at > now() ORDER BY h.id LIMIT 1 OFFSET ${rng.int(4)})
          RETURNING id`;
        label = `expire hold ${h?.id ?? "(none)"}`;
        return h?.id ?? null;
      }
      if (kind === "schedule") {
        const action = rng.pick(["close", "reopen", "lower", "raise"] as const);
        label = `schedule ${action}`;
        if (action === "close") {
          const day = rng.pick(world.days);
          label += ` ${day}`;
          await addScheduleClosure(db, world.staff, {
            scheduleId: world.scheduleId,
            startsOn: day,
            endsOn: day,
          });
          return day;
        }
        if (action === "reopen") {
          const open = await db.scheduleClosure.findMany({
            where: {
              scheduleId: world.scheduleId,
              startsOn: { in: world.days.map((d) => new Date(`${d}T00:00:00Z`)) },
            },
            select: { id: true },
            orderBy: { id: "asc" },
          });
          const id = open.length ? open[rng.int(open.length)]!.id : null;
          if (!id) return "no closure";
          await removeScheduleClosure(db, world.staff, { scheduleId: world.scheduleId, closureId: id });
          return id;
        }
        // Lower or raise one weekday's capacity: replace its rule.
        const weekday = rng.int(7);
        const capacity = action === "lower" ? 1 : 3;
        label += ` weekday ${weekday} to ${capacity}`;
        const rule = await db.scheduleRule.findFirst({
          where: { scheduleId: world.scheduleId, weekday },
          select: { id: true },
        });
        await addScheduleRule(db, world.staff, {
          scheduleId: world.scheduleId,
          weekday,
          start: 10 * 60, // 10:00
          end: 11 * 60,
          slotMinutes: 30,
          capacity,
        }).catch((error: unknown) => {
          if (!(error instanceof AppError && error.code === "VALIDATION_FAILED")) throw error;
        });
        if (rule)
          await removeScheduleRule(db, world.staff, { scheduleId: world.scheduleId, ruleId: rule.id });
        return capacity;
      }
      if (kind === "staff") {
        // Staff work the institution's list, not the patients' links (which erasure drains): mostly a
        // booking they can still work on (confirmed or checked in), so visits get checked in and
        // completed; else any booking this run made (cancelled, erased…).
        const open =
          rng.next() < 0.85
            ? await db.booking.findMany({
                where: {
                  institutionId: world.institutionId,
                  anonymizedAt: null,
                  status: { in: ["CONFIRMED", "CHECKED_IN"] },
                },
                select: { reference: true },
                orderBy: { reference: "asc" },
              })
            : [];
        const reference = open.length
          ? rng.pick(open).reference
          : bookings.length
            ? rng.pick(bookings).reference
            : null;
        if (!reference) return "no booking";
        label = `staff ${reference}`;
        const current = await db.booking.findUnique({
          where: { reference },
          select: { version: true, status: true, slot: { select: { startsAt: true } } },
        });
        // Mostly a change the status allows (so visits get checked in and completed), else any.
        const fitting = staffTransitionNames.filter((name) =>
          (staffTransitions[name].from as readonly string[]).includes(current?.status ?? ""),
        );
        const transition = rng.pick(rng.next() < 0.8 && fitting.length ? fitting : staffTransitionNames);
        // When staff act (rule 10): weeks before every visit (the real now: the chosen days are
        // a month ahead or more), during this visit (10 minutes after its start, as read now), or
        // after every visit is over.
        const when = rng.pick(["early", "visit", "visit", "visit", "late"] as const);
        const now =
          when === "early"
            ? new Date()
            : when === "late"
              ? world.afterLastDay
              : new Date((current?.slot.startsAt ?? new Date()).getTime() + 10 * 60_000);
        label += ` ${transition} v${current?.version} ${when} ${now.toISOString()}`;
        sub = `staff.${transition}`;
        const status = (
          await changeBookingStatus(
            db,
            world.staff,
            {
              reference,
              version: current?.version ?? 0,
              transition,
              ...(transition === "cancel" ? { reason: "Doctor unavailable" } : {}),
            },
            now,
          )
        ).status;
        // Whatever slot a concurrent reschedule moved the booking to, these moments are wrong for it.
        if (when === "early" && (transition === "checkIn" || transition === "noShow"))
          fail(`rule 10: ${transition} accepted weeks before the visit`);
        if (when === "late" && transition === "checkIn")
          fail("rule 10: check-in accepted after the visit's day");
        return status;
      }
      const b = bookings.length ? rng.pick(bookings) : null;
      if (!b) return "no booking";
      label = `${kind} ${b.reference}`;
      switch (kind) {
        case "reschedule": {
          const slotId = b.service === "package" ? rng.pick(world.packageSlots) : anySlot("department");
          label += ` -> ${slotId}`;
          return (await rescheduleBooking(db, b.reference, b.token, { slotId })).slot.startsAt.toISOString();
        }
        case "cancel":
          return (await cancelBooking(db, b.reference, b.token)).status;
        case "selfPay":
          return (await chooseSelfPay(db, b.reference, b.token)).status;
        case "erase":
          await erasePersonalData(db, b.reference, b.token);
          bookings.splice(bookings.indexOf(b), 1);
          return "erased";
        case "guarantee": {
          const decision = rng.pick(["approve", "deny"] as const);
          const current = await db.booking.findUnique({
            where: { reference: b.reference },
            select: { version: true },
          });
          label += ` ${decision} v${current?.version}`;
          return (
            await decideGuarantee(db, world.staff, {
              reference: b.reference,
              version: current?.version ?? 0,
              decision,
              ...(decision === "deny" ? { reason: "Policy lapsed" } : {}),
            })
          ).guarantee;
        }
      }
      return null;
    };
    await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      const value = await run();
      outcomes[`${group}:OK`] = (outcomes[`${group}:OK`] ?? 0) + 1;
      if (sub) outcomes[`${sub}:OK`] = (outcomes[`${sub}:OK`] ?? 0) + 1;
      history.push(`r${round} w${worker} ${label} -> ${String(value)}`);
    } catch (error) {
      if (error instanceof ModelFailure) throw error;
      const code = error instanceof AppError ? error.code : null;
      history.push(`r${round} w${worker} ${label} -> ${code ?? String(error)}`);
      if (!code || !(expected[group]!.includes(code) || (code === "RATE_LIMITED" && mayBeLimited)))
        fail(
          `unexpected answer to "${label}": ${code ?? (error instanceof Error ? error.stack : String(error))}`,
        );
      outcomes[`${group}:${code}`] = (outcomes[`${group}:${code}`] ?? 0) + 1;
      if (sub) outcomes[`${sub}:${code}`] = (outcomes[`${sub}:${code}`] ?? 0) + 1;
    }
  }

  let done = 0;
  let round = 0;
  let worldRounds = 0;
  while (done < options.ops) {
    round++;
    if (worldRounds * workers >= opsPerWorld) {
      world = await createWorld(db, options.seed + round);
      bookings.length = 0;
      requests.length = 0;
      holds.clear();
      worldRounds = 0;
    }
    worldRounds++;
    const batch = Math.min(workers, options.ops - done);
    await Promise.all(Array.from({ length: batch }, (_, w) => step(round, w)));
    done += batch;
    const violations = await checkInvariants(db, world.institutionId);
    invariantChecks++;
    if (violations.length) fail(`invariants broken after round ${round}:\n${violations.join("\n")}`);
    options.onRound?.(round, done);
  }
  return {
    seed: options.seed,
    ops: done,
    rounds: round,
    invariantChecks,
    outcomes,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Every invariant of rules 1, 2, 3 and 7 for one institution, in SQL; each violation as a line. */
export async function checkInvariants(db: DbClient, institutionId: string): Promise<string[]> {
  const lines: string[] = [];
  const add = (name: string, rows: unknown[]) => {
    for (const row of rows)
      lines.push(`${name}: ${JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? Number(v) : v))}`);
  };
  // Rule 1: each slot's count is its live bookings; bookings plus live holds never exceed capacity.
  add(
    "slot.booked differs from its live bookings",
    await db.$queryRaw`
      SELECT s.id, s.booked, count(b.id)::int AS live FROM slot s
      LEFT JOIN booking b ON b.slot_id = s.id AND b.status <> 'CANCELLED'
      WHERE s.institution_id = ${institutionId} GROUP BY s.id HAVING s.booked <> count(b.id)`,
  );
  add(
    "slot over capacity (bookings + live holds)",
    await db.$queryRaw`
      SELECT s.id, s.capacity, s.booked, (SELECT count(*)::int FROM hold h WHERE h.slot_id = s.id AND h.expires_at > now()) AS held
      FROM slot s WHERE s.institution_id = ${institutionId}
        AND s.booked + (SELECT count(*) FROM hold h WHERE h.slot_id = s.id AND h.expires_at > now()) > s.capacity`,
  );
  // Rule 3: each month's units are its live bookings' units, counted in the visit's month, within the cap.
  add(
    "month.used_units differs from its live bookings",
    await db.$queryRaw`
      SELECT q.id, q.month, q.used_units, COALESCE(sum(b.units), 0)::int AS live FROM quota_period q
      LEFT JOIN booking b ON b.quota_period_id = q.id AND b.status <> 'CANCELLED'
      WHERE q.institution_id = ${institutionId} GROUP BY q.id HAVING q.used_units <> COALESCE(sum(b.units), 0)`,
  );
  add(
    "month over its cap (used + live held units)",
    await db.$queryRaw`
      SELECT q.id, q.month, q.used_units,
        (SELECT COALESCE(sum(h.units), 0)::int FROM hold h WHERE h.quota_period_id = q.id AND h.expires_at > now()) AS held,
        quota_cap_units(quota_percent(q.institution_id, q.month), q.declared_volume) AS cap
      FROM quota_period q WHERE q.institution_id = ${institutionId}
        AND q.used_units + (SELECT COALESCE(sum(h.units), 0) FROM hold h WHERE h.quota_period_id = q.id AND h.expires_at > now())
          > quota_cap_units(quota_percent(q.institution_id, q.month), q.declared_volume)`,
  );
  add(
    "booking counted in another month than its visit",
    await db.$queryRaw`
      SELECT b.reference, q.month, s.starts_at FROM booking b JOIN slot s ON s.id = b.slot_id JOIN quota_period q ON q.id = b.quota_period_id
      WHERE b.institution_id = ${institutionId}
        AND q.month <> date_trunc('month', s.starts_at AT TIME ZONE 'Asia/Shanghai')::date`,
  );
  add(
    "public booking without its month",
    await db.$queryRaw`
      SELECT reference FROM booking WHERE institution_id = ${institutionId} AND quota_period_id IS NULL`,
  );
  // Rule 7: every change of a booking is one event; every e-mailing event wrote exactly one e-mail.
  add(
    "booking whose events are not 0..version",
    await db.$queryRaw`
      SELECT b.reference, b.version, count(e.version)::int AS events, min(e.version) AS first, max(e.version) AS last
      FROM booking b LEFT JOIN booking_event e ON e.booking_id = b.id
      WHERE b.institution_id = ${institutionId} GROUP BY b.id
      HAVING count(e.version) <> b.version + 1 OR min(e.version) <> 0 OR max(e.version) <> b.version`,
  );
  add(
    "e-mailing event without exactly one e-mail",
    await db.$queryRaw`
      SELECT e.booking_id, e.version, e.kind, count(o.id)::int AS emails FROM booking_event e
      JOIN booking b ON b.id = e.booking_id
      LEFT JOIN outbox_message o ON o.dedupe_key = 'booking.' || e.kind || ':' || e.booking_id || ':v' || e.version
      WHERE b.institution_id = ${institutionId}
        AND e.kind NOT IN ('checked-in', 'completed', 'no-show', 'interpreter-acknowledged', 'anonymized')
      GROUP BY e.booking_id, e.version, e.kind HAVING count(o.id) <> 1`,
  );
  add(
    "e-mail without its event",
    await db.$queryRaw`
      SELECT o.dedupe_key FROM outbox_message o JOIN booking b ON o.dedupe_key LIKE 'booking.%:' || b.id || ':v%'
      WHERE b.institution_id = ${institutionId}
        AND NOT EXISTS (SELECT 1 FROM booking_event e WHERE o.dedupe_key = 'booking.' || e.kind || ':' || e.booking_id || ':v' || e.version)`,
  );
  add(
    "cancellations that do not match the status",
    await db.$queryRaw`
      SELECT b.reference, b.status::text, count(e.version)::int AS cancellations FROM booking b
      LEFT JOIN booking_event e ON e.booking_id = b.id AND e.kind IN ('cancelled', 'cancelled-by-hospital')
      WHERE b.institution_id = ${institutionId} GROUP BY b.id
      HAVING count(e.version) <> CASE WHEN b.status = 'CANCELLED' THEN 1 ELSE 0 END`,
  );
  return lines;
}
