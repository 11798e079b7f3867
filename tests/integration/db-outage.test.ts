// Outage (issue 13): with the database unreachable, every API route that needs
// it answers 503 {"error":{"code":"DATABASE_UNAVAILABLE","message"}} with
// Retry-After, GET and POST alike, never 500; /api/health and /api/health/ready
// answer 503, /api/health/live 200 (the process is fine).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signIn } from "../../lib/auth/sign-in";
import { findFreePort } from "../../lib/db/embedded";
import { testDb } from "../helpers/db";
import { book, createWorld, PASSWORD, type World } from "../helpers/staff-fixtures";

const globalForDb = globalThis as unknown as { portalDb?: { $disconnect(): Promise<void> } };
const base = "http://localhost";

type Handler = (request: Request, context?: unknown) => Promise<Response> | Response;
const route = async (path: string) =>
  (await import(`../../app/api/${path}/route`)) as Record<string, Handler>;

let world: World;
let booking: { reference: string; manageToken: string };
let staffCookie: string;
let adminCookie: string;
let realUrl: string;

const cookieOf = async (email: string, n: number) =>
  (
    await signIn(
      testDb(),
      { email, password: PASSWORD },
      { address: `198.51.100.${n}`, headers: new Headers() },
    )
  ).headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

beforeAll(async () => {
  // Real records to point at while the database is up: a booking and two signed-in sessions.
  world = await createWorld(testDb());
  booking = await book(testDb(), world.a);
  staffCookie = await cookieOf(world.emails.staffA!, 1);
  adminCookie = await cookieOf(world.emails.cityAdmin!, 2);

  // Then the app's database goes away: nothing listens on its port any more.
  realUrl = process.env.DATABASE_URL!;
  vi.resetModules();
  globalForDb.portalDb = undefined;
  process.env.DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${await findFreePort()}/portal`;
});

afterAll(async () => {
  await globalForDb.portalDb?.$disconnect();
  globalForDb.portalDb = undefined;
  process.env.DATABASE_URL = realUrl;
});

const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`${base}${path}`, { headers });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const params = (value: Record<string, string>) => ({ params: Promise.resolve(value) });

const patient = {
  name: "Layla Haddad",
  nationality: "JO",
  dateOfBirth: "1990-06-01",
  email: "layla@example.com",
  phone: "+962 7 9123 4567",
  preferredLanguage: "ar",
  reasonForVisit: "Migraine",
  interpreterWanted: true,
  paymentMethod: "SELF_PAY",
  consentTerms: true,
  consentSensitive: true,
};

/** Every /api/v1 route handler that reads or writes the database, with a request it would accept. */
const calls: [string, () => Promise<Response>][] = [
  ["GET hospitals", async () => (await route("v1/hospitals")).GET!(get("/api/v1/hospitals?city=beijing"))],
  [
    "GET hospitals/{slug}",
    async () =>
      (await route("v1/hospitals/[slug]")).GET!(
        get(`/api/v1/hospitals/${world.a.slug}`),
        params({ slug: world.a.slug }),
      ),
  ],
  ["GET packages", async () => (await route("v1/packages")).GET!(get("/api/v1/packages"))],
  [
    "GET packages/{slug}",
    async () =>
      (await route("v1/packages/[slug]")).GET!(
        get("/api/v1/packages/tcm-pain"),
        params({ slug: "tcm-pain" }),
      ),
  ],
  [
    "GET slots",
    async () =>
      (await route("v1/slots")).GET!(get(`/api/v1/slots?hospital=${world.a.slug}&department=general`)),
  ],
  [
    "GET payment-options",
    async () =>
      (await route("v1/payment-options")).GET!(
        get(
          `/api/v1/payment-options?hospital=${world.a.slug}&insurer=self&date=${inAMonth()}&visit=OUTPATIENT`,
        ),
      ),
  ],
  [
    "GET guides/{city}",
    async () =>
      (await route("v1/guides/[city]")).GET!(get("/api/v1/guides/beijing"), params({ city: "beijing" })),
  ],
  [
    "GET guides/{city}/pdf",
    async () =>
      (await route("v1/guides/[city]/pdf")).GET!(
        get("/api/v1/guides/beijing/pdf"),
        params({ city: "beijing" }),
      ),
  ],
  [
    "POST holds",
    async () => (await route("v1/holds")).POST!(post("/api/v1/holds", { slotId: world.a.slotIds[1] })),
  ],
  [
    "POST bookings",
    async () =>
      (await route("v1/bookings")).POST!(
        post(
          "/api/v1/bookings",
          { ...patient, slotId: world.a.slotIds[1] },
          { "idempotency-key": "outage-0001" },
        ),
      ),
  ],
  ...(
    [
      ["GET", "v1/bookings/[reference]", ""],
      ["GET", "v1/bookings/[reference]/calendar", "/calendar"],
      ["GET", "v1/bookings/[reference]/export", "/export"],
      ["GET", "v1/bookings/[reference]/visa-letter", "/visa-letter"],
      ["POST", "v1/bookings/[reference]/cancel", "/cancel"],
      ["POST", "v1/bookings/[reference]/reschedule", "/reschedule"],
      ["POST", "v1/bookings/[reference]/erase", "/erase"],
    ] as const
  ).map(([method, path, suffix]): [string, () => Promise<Response>] => [
    `${method} bookings/{reference}${suffix}`,
    async () => {
      const url = `/api/v1/bookings/${booking.reference}${suffix}`;
      const auth = { authorization: `Bearer ${booking.manageToken}` };
      const request = method === "GET" ? get(url, auth) : post(url, { slotId: world.a.slotIds[2] }, auth);
      return (await route(path))[method]!(request, params({ reference: booking.reference }));
    },
  ]),
  [
    "GET staff/bookings/{reference}/visa-letter (signed in)",
    async () =>
      (await route("v1/staff/bookings/[reference]/visa-letter")).GET!(
        get(`/api/v1/staff/bookings/${booking.reference}/visa-letter`, { cookie: staffCookie }),
        params({ reference: booking.reference }),
      ),
  ],
  [
    "GET admin/quota-report (signed in)",
    async () =>
      (await route("v1/admin/quota-report")).GET!(get("/api/v1/admin/quota-report", { cookie: adminCookie })),
  ],
];

describe("the database unreachable", () => {
  it("covers every /api/v1 route that uses the database", async () => {
    const { readdirSync } = await import("node:fs");
    const files = (readdirSync("app/api/v1", { recursive: true }) as string[])
      .filter((f) => f.endsWith("route.ts"))
      .map((f) => f.replace(/\/?route\.ts$/, ""))
      .filter((f) => f !== "openapi.json") // a static document: never touches the database
      .filter((f) => f !== "[...path]"); // unknown paths: a 404 that never touches the database
    const covered = new Set(
      calls.map(([name]) =>
        name
          .replace(/^(GET|POST) /, "")
          .replace(/ \(signed in\)$/, "")
          .replace(/\{(\w+)\}/g, "[$1]"),
      ),
    );
    expect(files.map((f) => f.replace(/\\/g, "/")).sort()).toEqual([...covered].sort());
  });

  it.each(calls)("%s answers 503 DATABASE_UNAVAILABLE with Retry-After", async (_, call) => {
    const response = await call();
    expect({
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
      contentType: response.headers.get("content-type"),
      body: await response.json(),
    }).toEqual({
      status: 503,
      retryAfter: "5",
      contentType: expect.stringMatching(/application\/json/),
      body: { error: { code: "DATABASE_UNAVAILABLE", message: expect.stringMatching(/unavailable/i) } },
    });
  });

  it("answers the localized message in the request's language", async () => {
    const { GET } = await route("v1/hospitals");
    const response = await GET!(get("/api/v1/hospitals?locale=zh"));
    expect(response.status).toBe(503);
    expect(response.headers.get("content-language")).toBe("zh");
    expect((await response.json()).error.message).toBe("服务暂时不可用，请稍后再试。");
  });

  it("health and ready answer 503 with Retry-After, live 200", async () => {
    for (const path of ["health", "health/ready"]) {
      const response = await (await route(path)).GET!(get(`/api/${path}`));
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect((await response.json()).error.code).toBe("DATABASE_UNAVAILABLE");
    }
    const live = await (await route("health/live")).GET!(get("/api/health/live"));
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "ok" });
  });
});
