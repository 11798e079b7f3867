// OpenTelemetry traces (issue 20 §2) against a real OTLP/HTTP receiver: a local
// HTTP server taking OTLP JSON on /v1/traces. Tracing is started in this
// process by startTracing, the function instrumentation.ts's register() calls.
// Unset, nothing is loaded or sent; set, a hold and a booking arrive as
// use-case spans, over a transaction span, over Prisma's query spans, in one
// trace, with no personal data anywhere in what was sent.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHold } from "../../lib/booking/holds";
import { startTracing, tracingSettings, type Tracing } from "../../lib/observability/tracing";
import { bookFromBody } from "../helpers/book";
import { testDb } from "../helpers/db";

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  arrayValue?: { values: OtlpValue[] };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: { key: string; value: OtlpValue }[];
  status?: { code?: number; message?: string };
}
interface OtlpRequest {
  resourceSpans: {
    resource?: { attributes?: { key: string; value: OtlpValue }[] };
    scopeSpans: { scope?: { name?: string }; spans: OtlpSpan[] }[];
  }[];
}

/** Every request body the receiver got, as sent. */
const received: { path: string; contentType: string; body: string }[] = [];

const receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    received.push({
      path: req.url ?? "",
      contentType: String(req.headers["content-type"] ?? ""),
      body: Buffer.concat(chunks).toString("utf8"),
    });
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  });
});

let endpoint: string;
let tracing: Tracing | undefined;

/** The environment without any OTEL_ variable of the machine running the tests. */
function plainEnv(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("OTEL_")));
}

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await tracing?.shutdown();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

let n = 0;
/** A public institution with a one-place slot next month and room in that month's quota. */
async function oneSlot() {
  const db = testDb();
  n += 1;
  const city = await db.city.create({ data: { slug: `trace-city-${n}`, nameZh: "测试", province: "Test" } });
  const inst = await db.institution.create({
    data: {
      slug: `trace-test-${n}`,
      cityId: city.id,
      nameZh: `测试医院${n}`,
      addressZh: "测试路",
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
  const today = new Date();
  const month = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
  await db.quotaPeriod.create({ data: { institutionId: inst.id, month, declaredVolume: 100 } });
  const startsAt = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 10, 2));
  return db.slot.create({
    data: {
      institutionId: inst.id,
      departmentId: dept.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 1_800_000),
      capacity: 1,
    },
  });
}

const person = {
  name: "Zebulon Quixworth",
  email: "zebulon.quixworth@example.org",
  phone: "+962 7 9123 4567",
  passportNumber: "QX7723519",
  dateOfBirth: "1987-03-14",
  reasonForVisit: "Persistent lumbago since the marathon",
};

function bookingBody(slotId: string, holdToken: string) {
  return {
    slotId,
    holdToken,
    locale: "en",
    name: person.name,
    nationality: "JO",
    dateOfBirth: person.dateOfBirth,
    email: person.email,
    phone: person.phone,
    preferredLanguage: "en",
    reasonForVisit: person.reasonForVisit,
    visaLetterWanted: true,
    passportNumber: person.passportNumber,
    paymentMethod: "SELF_PAY",
    consentTerms: true,
    consentSensitive: true,
  };
}

function spansOf(bodies: typeof received): OtlpSpan[] {
  return bodies.flatMap(
    (r) =>
      (JSON.parse(r.body) as OtlpRequest).resourceSpans?.flatMap((rs) =>
        rs.scopeSpans.flatMap((ss) => ss.spans),
      ) ?? [],
  );
}

function attribute(span: OtlpSpan, key: string): unknown {
  const value = span.attributes?.find((a) => a.key === key)?.value;
  if (!value) return undefined;
  if (value.arrayValue) return value.arrayValue.values.map((v) => v.stringValue ?? v.intValue ?? v.boolValue);
  return value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : value.boolValue);
}

describe("tracing settings", () => {
  it("reads the standard OTEL_ variables: endpoint, traces endpoint, protocol, headers, service name, kill switch", () => {
    expect(tracingSettings({})).toBeUndefined();
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: "  " })).toBeUndefined();
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318/" })).toEqual({
      url: "http://c:4318/v1/traces",
      protocol: "http/protobuf",
      headers: {},
      serviceName: "portal",
    });
    expect(
      tracingSettings({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://t:9999/custom",
        OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
        OTEL_EXPORTER_OTLP_HEADERS: "api-key=a%20b,x-tenant=one",
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: "x-tenant=two",
        OTEL_SERVICE_NAME: "portal-eu",
      }),
    ).toEqual({
      url: "http://t:9999/custom",
      protocol: "http/json",
      headers: { "api-key": "a b", "x-tenant": "two" },
      serviceName: "portal-eu",
    });
    expect(
      tracingSettings({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318",
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/json",
      })?.protocol,
    ).toBe("http/json");
    expect(
      tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318", OTEL_SDK_DISABLED: "true" }),
    ).toBeUndefined();
  });
});

describe("traces over OTLP/HTTP JSON", () => {
  it("with no endpoint set, starts nothing: spans are the no-op tracer's and nothing is sent", async () => {
    expect(await startTracing(plainEnv())).toBeUndefined();
    const slot = await oneSlot();
    await createHold(testDb(), { slotId: slot.id }, "browser-off");
    const probe = trace.getTracer("probe").startSpan("probe");
    expect(probe.isRecording()).toBe(false);
    probe.end();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toEqual([]);
  });

  it("a hold and a booking: use-case spans over a transaction span over Prisma's query spans, no personal data", async () => {
    tracing = await startTracing({
      ...plainEnv(),
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    });
    expect(tracing?.settings).toMatchObject({ url: `${endpoint}/v1/traces`, protocol: "http/json" });
    // A second start in the same process (Next's bundle and the custom server both load it) is the same SDK.
    expect(await startTracing({ ...plainEnv(), OTEL_EXPORTER_OTLP_ENDPOINT: endpoint })).toBe(tracing);

    const slot = await oneSlot();
    const hold = await createHold(testDb(), { slotId: slot.id }, "browser-a");
    const booked = await bookFromBody(testDb(), bookingBody(slot.id, hold.token), {
      idempotencyKey: crypto.randomUUID(),
      clientKey: "browser-a",
    });
    expect(booked.status).toBe("CONFIRMED");
    // The slot is taken now: a second hold fails with SLOT_FULL, recorded on its span.
    await expect(createHold(testDb(), { slotId: slot.id }, "browser-b")).rejects.toMatchObject({
      code: "SLOT_FULL",
    });
    await tracing!.flush();

    expect(received.length).toBeGreaterThan(0);
    for (const r of received) {
      expect(r.path).toBe("/v1/traces");
      expect(r.contentType).toContain("application/json");
    }
    const resource = (JSON.parse(received[0]!.body) as OtlpRequest).resourceSpans[0]!.resource;
    expect(resource?.attributes?.find((a) => a.key === "service.name")?.value.stringValue).toBe("portal");

    const spans = spansOf(received);
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const ancestors = (span: OtlpSpan): OtlpSpan[] => {
      const chain: OtlpSpan[] = [];
      for (
        let p = span.parentSpanId && byId.get(span.parentSpanId);
        p;
        p = p.parentSpanId && byId.get(p.parentSpanId)
      )
        chain.push(p);
      return chain;
    };
    const named = (name: string) => spans.filter((s) => s.name === name);

    // The hold: its use-case span with the slot's id, a transaction span under it, Prisma under that.
    const [holdSpan, failedHold] = named("booking.createHold");
    expect(holdSpan).toBeDefined();
    expect(attribute(holdSpan!, "slot.id")).toBe(slot.id);
    expect(holdSpan!.status?.code ?? 0).not.toBe(2);
    expect(failedHold).toBeDefined();
    expect(failedHold!.status).toMatchObject({ code: 2, message: "SLOT_FULL" });
    expect(attribute(failedHold!, "error.code")).toBe("SLOT_FULL");
    const holdTx = named("db.transaction").find((s) => s.parentSpanId === holdSpan!.spanId);
    expect(holdTx, "a db.transaction span whose parent is booking.createHold").toBeDefined();
    expect(holdTx!.traceId).toBe(holdSpan!.traceId);
    expect(attribute(holdTx!, "db.transaction.attempts")).toBe(1);

    // The booking: use case → db.transaction → prisma:client:transaction → … → prisma:client:db_query.
    const [bookSpan] = named("booking.createBooking");
    expect(bookSpan).toBeDefined();
    expect(attribute(bookSpan!, "slot.id")).toBe(slot.id);
    expect(attribute(bookSpan!, "booking.locale")).toBe("en");
    const bookTx = named("db.transaction").find((s) => s.parentSpanId === bookSpan!.spanId);
    expect(bookTx).toBeDefined();
    const prismaTx = named("prisma:client:transaction").find((s) => s.parentSpanId === bookTx!.spanId);
    expect(prismaTx, "Prisma's transaction span under ours").toBeDefined();
    const queries = named("prisma:client:db_query").filter((q) => ancestors(q).includes(prismaTx!));
    expect(queries.length).toBeGreaterThan(3);
    for (const q of [...queries, prismaTx!, bookTx!]) expect(q.traceId).toBe(bookSpan!.traceId);
    expect(queries.some((q) => /INSERT INTO/i.test(String(attribute(q, "db.query.text"))))).toBe(true);
    // Prisma's in-process serialize and compile steps are left out (half of its spans, no I/O).
    expect(named("prisma:client:operation").length).toBeGreaterThan(0);
    expect([...named("prisma:client:serialize"), ...named("prisma:client:compile")]).toEqual([]);

    // Nothing personal anywhere in what left the process: not in attributes, statements or errors.
    const sent = received.map((r) => r.body).join("\n");
    for (const secret of [
      person.name,
      "Quixworth",
      person.email,
      "quixworth@",
      person.phone,
      "9123 4567",
      person.passportNumber,
      person.dateOfBirth,
      "lumbago",
      hold.token,
    ])
      expect(sent, `the traces must not contain ${secret}`).not.toContain(secret);
  });
});
