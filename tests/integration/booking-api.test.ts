import { beforeAll, describe, expect, it } from "vitest";
import { GET as getBookingRoute } from "../../app/api/v1/bookings/[reference]/route";
import { POST as cancelRoute } from "../../app/api/v1/bookings/[reference]/cancel/route";
import { POST as bookRoute } from "../../app/api/v1/bookings/route";
import { POST as holdRoute } from "../../app/api/v1/holds/route";
import { GET as openapi } from "../../app/api/v1/openapi.json/route";
import { GET as slotsRoute } from "../../app/api/v1/slots/route";
import { bookingConfirmationSchema, bookingViewSchema, slotListSchema } from "../../lib/booking/api-schemas";
import { loadDemoSeed } from "../setup/demo-db";
import { testDb } from "../helpers/db";

const base = "http://localhost/api/v1";
const json = async (r: Response) => ({ status: r.status, body: await r.json() });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const ref = (reference: string) => ({ params: Promise.resolve({ reference }) });

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

let slotId: string;

beforeAll(async () => {
  await loadDemoSeed();
  const { body } = await json(
    await slotsRoute(new Request(`${base}/slots?hospital=beijing-united-family&department=general-practice`)),
  );
  // Two days ahead at least: outside the 24-hour cancellation window.
  slotId = slotListSchema
    .parse(body)
    .data.find((s) => s.available > 0 && Date.parse(s.startsAt) > Date.now() + 2 * 86_400_000)!.id;
});

describe("booking API", () => {
  it("lists slots, holds one, books it with an Idempotency-Key, shows and cancels it with the manage token", async () => {
    const hold = await json(await holdRoute(post("/holds", { slotId })));
    expect(hold.status).toBe(201);

    const request = () =>
      post(
        "/bookings?locale=ar",
        { ...patient, slotId, holdToken: hold.body.token },
        { "idempotency-key": "ar-booking-0001" },
      );
    const first = await json(await bookRoute(request()));
    expect(first.status).toBe(201);
    const confirmation = bookingConfirmationSchema.parse(first.body);
    const retry = await json(await bookRoute(request()));
    expect(retry).toEqual(first);

    const auth = { authorization: `Bearer ${confirmation.manageToken}` };
    const view = await json(
      await getBookingRoute(
        new Request(`${base}/bookings/${confirmation.reference}`, { headers: auth }),
        ref(confirmation.reference),
      ),
    );
    expect(bookingViewSchema.parse(view.body)).toMatchObject({
      status: "CONFIRMED",
      patient: { name: "Layla Haddad" },
    });
    const booking = await testDb().booking.findUniqueOrThrow({
      where: { reference: confirmation.reference },
    });
    expect(booking.locale).toBe("ar");

    const cancelled = await json(
      await cancelRoute(
        new Request(`${base}/bookings/${confirmation.reference}/cancel`, { method: "POST", headers: auth }),
        ref(confirmation.reference),
      ),
    );
    expect(cancelled.body.status).toBe("CANCELLED");
  });

  it("answers a wrong or missing token with 404, never revealing the booking", async () => {
    const missing = await json(
      await getBookingRoute(new Request(`${base}/bookings/IPP-AAAA-BBBB`), ref("IPP-AAAA-BBBB")),
    );
    expect(missing.status).toBe(404);
    const wrong = await json(
      await getBookingRoute(
        new Request(`${base}/bookings/IPP-AAAA-BBBB`, {
          headers: { authorization: "Bearer aaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
        }),
        ref("IPP-AAAA-BBBB"),
      ),
    );
    expect(wrong).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
  });

  it.each([
    ["not json", { "idempotency-key": "bad-json-0001" }, "body"],
    [{ ...patient }, { "idempotency-key": "no-slot-0001" }, "slotId"],
    [{ ...patient, slotId: "x" }, {}, "Idempotency-Key"],
    [{ ...patient, slotId: "x", email: "nope", extra: 1 }, { "idempotency-key": "bad-email-0001" }, "email"],
  ])("answers 400 naming the field for %j", async (body, headers, field) => {
    const response = await json(await bookRoute(post("/bookings?locale=ja", body, headers)));
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error.fields)).toContain(field);
    expect(response.body.error.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("answers SLOT_FULL with 409 in the patient's language", async () => {
    const s = await testDb().slot.create({
      data: {
        institutionId: (
          await testDb().institution.findUniqueOrThrow({ where: { slug: "beijing-united-family" } })
        ).id,
        departmentId: (
          await testDb().department.findFirstOrThrow({
            where: { slug: "general-practice", institution: { slug: "beijing-united-family" } },
          })
        ).id,
        startsAt: new Date(Date.now() + 5 * 86_400_000),
        endsAt: new Date(Date.now() + 5 * 86_400_000 + 1_800_000),
        capacity: 0,
      },
    });
    const response = await json(
      await bookRoute(
        post(
          "/bookings",
          { ...patient, slotId: s.id },
          { "idempotency-key": "full-slot-0001", "accept-language": "ru" },
        ),
      ),
    );
    expect(response).toMatchObject({
      status: 409,
      body: { error: { code: "SLOT_FULL", message: "Это время уже занято. Выберите другое." } },
    });
  });

  it("is described in the OpenAPI document", async () => {
    const doc = await (openapi() as Response).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/slots",
        "/holds",
        "/bookings",
        "/bookings/{reference}",
        "/bookings/{reference}/cancel",
      ]),
    );
    const requestSchema = JSON.stringify(doc.paths["/bookings"].post.requestBody);
    for (const field of ["consentSensitive", "dateOfBirth", "holdToken", "paymentMethod"])
      expect(requestSchema).toContain(field);
  });
});
