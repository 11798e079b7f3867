// Issue 14, "bad input that crashes today", through the real route handlers
// and the finder page's own search path, on a real database: each case that
// answered 500 now answers what rule 6 asks (a 4xx naming the field, or the
// result when the input can be read).
import { beforeAll, describe, expect, it } from "vitest";
import { GET as notFoundRoute, POST as notFoundPost } from "../../app/api/v1/[...path]/route";
import { POST as rescheduleRoute } from "../../app/api/v1/bookings/[reference]/reschedule/route";
import { POST as bookRoute } from "../../app/api/v1/bookings/route";
import { GET as guidePdfRoute } from "../../app/api/v1/guides/[city]/pdf/route";
import { GET as guideRoute } from "../../app/api/v1/guides/[city]/route";
import { POST as holdRoute } from "../../app/api/v1/holds/route";
import { GET as hospitalsRoute } from "../../app/api/v1/hospitals/route";
import { GET as packagesRoute } from "../../app/api/v1/packages/route";
import { searchLeniently } from "../../lib/catalogue/drop-unknown";
import { hospitalQuerySchema } from "../../lib/catalogue/hospital-filters";
import { searchHospitals } from "../../lib/catalogue/search-hospitals";
import { testDb } from "../helpers/db";
import { book, createWorld, type World } from "../helpers/staff-fixtures";

const base = "http://localhost/api/v1";
const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`${base}${path}`, { headers });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const answer = async (response: Response) => ({ status: response.status, body: await response.json() });

let world: World;

beforeAll(async () => {
  const db = testDb();
  world = await createWorld(db);
  // A: TCM (a package) and a 24-hour emergency department; B: neither.
  await db.institution.update({ where: { id: world.a.institutionId }, data: { emergency24h: true } });
  await db.tcmPackage.create({
    data: {
      slug: "bad-input-tuina",
      institutionId: world.a.institutionId,
      conditions: ["neck_back_pain"],
      therapies: ["tuina"],
      sessions: 3,
      durationDays: 7,
      priceFen: 300_000,
      translations: {
        create: {
          locale: "en",
          name: "Neck and back",
          description: "Tuina",
          treatmentPlan: "Three sessions",
          expectedOutcome: "Less pain",
          contraindications: "None known",
        },
      },
    },
  });
});

const slugsOf = (body: { data: { slug: string }[] }) => body.data.map((h) => h.slug).sort();

describe("the finder's TCM and 24-hour emergency filters", () => {
  it.each(["1", "true", "yes"])("take %s for yes, on the API", async (value) => {
    for (const name of ["tcm", "emergency"]) {
      const { status, body } = await answer(
        await hospitalsRoute(get(`/hospitals?${name}=${value}&pageSize=100`)),
      );
      expect(status, `${name}=${value}`).toBe(200);
      expect(slugsOf(body)).toContain(world.a.slug);
      expect(slugsOf(body)).not.toContain(world.b.slug);
    }
  });

  it.each(["0", "false", "no"])("take %s for no, on the API", async (value) => {
    for (const name of ["tcm", "emergency"]) {
      const { status, body } = await answer(
        await hospitalsRoute(get(`/hospitals?${name}=${value}&pageSize=100`)),
      );
      expect(status, `${name}=${value}`).toBe(200);
      expect(slugsOf(body)).toContain(world.b.slug);
      expect(slugsOf(body)).not.toContain(world.a.slug);
    }
  });

  it("refuse anything else with a 400 naming the parameter", async () => {
    const { status, body } = await answer(await hospitalsRoute(get("/hospitals?tcm=maybe")));
    expect(status).toBe(400);
    expect(Object.keys(body.error.fields)).toEqual(["tcm"]);
  });

  it.each(["1", "true", "yes", "0", "false", "no"])(
    "work on the page (its lenient parse, then the search re-reading the parsed query): %s",
    async (value) => {
      for (const name of ["tcm", "emergency"]) {
        const { result, query, dropped } = await searchLeniently(
          hospitalQuerySchema,
          { [name]: value },
          (q) => searchHospitals(testDb(), q, "en"),
        );
        expect(dropped, `${name}=${value}`).toEqual([]);
        expect(query[name as "tcm"]).toBe(["1", "true", "yes"].includes(value));
        expect(result.total).toBeGreaterThan(0);
      }
    },
  );
});

describe("a NUL byte (PostgreSQL refuses it in text)", () => {
  it("is dropped from a free-text search, on the API and on the page", async () => {
    const hospitals = await answer(await hospitalsRoute(get("/hospitals?q=%00")));
    expect(hospitals.status).toBe(200);
    const named = await answer(await hospitalsRoute(get(`/hospitals?q=Test%00Hospital%00A`)));
    expect(named.status).toBe(200);
    expect(slugsOf(named.body)).toContain(world.a.slug);
    const packages = await answer(await packagesRoute(get("/packages?q=a%00b")));
    expect(packages.status).toBe(200);
    const page = await searchLeniently(hospitalQuerySchema, { q: "\u0000" }, (q) =>
      searchHospitals(testDb(), q, "ar"),
    );
    expect(page.query.q).toBeUndefined();
  });

  it("in a guide's city is a 404 in the JSON error shape, for the guide and its PDF", async () => {
    const city = { params: Promise.resolve({ city: "\u0000" }) };
    for (const route of [guideRoute, guidePdfRoute]) {
      const { status, body } = await answer(await route(get("/guides/%00?locale=ar"), city));
      expect(status).toBe(404);
      expect(body.error.code).toBe("NOT_FOUND");
      expect(body.error.message).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it.each([
    ["a NUL", "\u0000"],
    ["a NUL inside an id", `${"c".repeat(10)}\u0000`],
    ["a control character", "\u0007abc"],
    ["half a surrogate pair", "\ud800"],
  ])(
    "or %s in a slot id is a 400 naming slotId for holds, bookings and reschedule",
    async (_what, slotId) => {
      const hold = await answer(await holdRoute(post("/holds", { slotId })));
      expect(hold).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
      expect(Object.keys(hold.body.error.fields)).toEqual(["slotId"]);

      const booking = await answer(
        await bookRoute(
          post(
            "/bookings",
            {
              slotId,
              name: "Layla Haddad",
              nationality: "JO",
              dateOfBirth: "1990-06-01",
              email: "layla@example.com",
              phone: "+962 7 9123 4567",
              preferredLanguage: "ar",
              reasonForVisit: "Migraine",
              paymentMethod: "SELF_PAY",
              consentTerms: true,
              consentSensitive: true,
            },
            { "idempotency-key": `bad-input-${Math.random()}` },
          ),
        ),
      );
      expect(booking.status).toBe(400);
      expect(Object.keys(booking.body.error.fields)).toEqual(["slotId"]);

      const existing = await book(testDb(), world.a, 1);
      const reschedule = await answer(
        await rescheduleRoute(
          post(
            `/bookings/${existing.reference}/reschedule`,
            { slotId },
            { authorization: `Bearer ${existing.manageToken}` },
          ),
          { params: Promise.resolve({ reference: existing.reference }) },
        ),
      );
      expect(reschedule.status).toBe(400);
      expect(Object.keys(reschedule.body.error.fields)).toEqual(["slotId"]);
    },
  );
});

describe("an /api/v1 path no route serves", () => {
  it("is a 404 in the JSON error shape and the request's language, whatever the method", async () => {
    const got = await answer(await notFoundRoute(get("/nothing/here", { "accept-language": "ja" })));
    expect(got.status).toBe(404);
    expect(got.body).toEqual({
      error: { code: "NOT_FOUND", message: expect.stringMatching(/[\u3040-\u30ff\u4e00-\u9fff]/) },
    });
    const posted = await answer(await notFoundPost(post("/nothing?locale=fr", {})));
    expect(posted).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
  });
});
