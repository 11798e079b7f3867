// Limits nobody can dodge (rule 11, issue 14): the client address comes from
// the TCP peer that scripts/server.ts reports (a forged copy of its header is
// dropped), a known idempotency key is answered before the booking limits, and
// wrong manage tokens are limited per address while right ones never are.
import { createHash } from "node:crypto";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getBookingRoute } from "../../app/api/v1/bookings/[reference]/route";
import { GET as calendarRoute } from "../../app/api/v1/bookings/[reference]/calendar/route";
import { POST as bookRoute } from "../../app/api/v1/bookings/route";
import { bookingConfirmationSchema } from "../../lib/booking/api-schemas";
import { pseudonym } from "../../lib/crypto/secrets";
import {
  markPeerAddress,
  PEER_HEADER,
  resolveClientAddress,
  trustedProxies,
} from "../../lib/net/client-address";
import { consume, LIMITS } from "../../lib/rate-limit/rate-limit";
import { addressFromHeaders } from "../../lib/http/request";
import { testDb } from "../helpers/db";
import { createHospital } from "../helpers/hospital";

const base = "http://localhost/api/v1";
const ref = (reference: string) => ({ params: Promise.resolve({ reference }) });

describe("the peer header of scripts/server.ts", () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    // The same preparation as the portal's server, then what the app would read.
    server = createServer((req, res) => {
      markPeerAddress(req);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === "string") headers.set(name, value);
      const peerHeaders = req.rawHeaders.filter(
        (_, i) => i % 2 === 0 && /^x-portal-peer-address$/i.test(req.rawHeaders[i]!),
      );
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          peer: req.headers[PEER_HEADER],
          rawCopies: peerHeaders.length,
          client: addressFromHeaders(headers),
          viaTrustedLoopback: resolveClientAddress({
            peer: headers.get(PEER_HEADER),
            forwardedFor: headers.get("x-forwarded-for"),
            trusted: trustedProxies(["127.0.0.1", "::1"]),
          }),
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A raw request, so duplicate and oddly cased header lines reach the server as sent. */
  const send = (rawHeaders: [string, string][]) =>
    new Promise<{ peer: string; rawCopies: number; client: string; viaTrustedLoopback: string }>(
      (resolve, reject) => {
        const req = httpRequest({ host: "127.0.0.1", port, path: "/", method: "GET" }, (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () => resolve(JSON.parse(body)));
        });
        req.on("error", reject);
        for (const [name, value] of rawHeaders) req.appendHeader(name, value);
        req.end();
      },
    );

  it("drops a forged peer header, however spelt and however often sent, and sets the socket's", async () => {
    const answer = await send([
      ["X-Portal-Peer-Address", "203.0.113.1"],
      ["x-portal-peer-address", "203.0.113.2"],
      ["x-forwarded-for", "198.51.100.9"],
    ]);
    expect(answer.peer).toBe("127.0.0.1");
    expect(answer.rawCopies).toBe(1);
    // No TRUSTED_PROXIES (the default): the peer, not X-Forwarded-For.
    expect(answer.client).toBe("127.0.0.1");
    // Had the loopback been a trusted proxy, X-Forwarded-For would name the client.
    expect(answer.viaTrustedLoopback).toBe("198.51.100.9");
  });

  it("without a forged header or X-Forwarded-For: the peer either way", async () => {
    const answer = await send([]);
    expect(answer).toMatchObject({ peer: "127.0.0.1", client: "127.0.0.1", viaTrustedLoopback: "127.0.0.1" });
  });

  it("a request that did not pass through the server (no peer header) is 'unknown', never X-Forwarded-For", () => {
    expect(addressFromHeaders(new Headers({ "x-forwarded-for": "198.51.100.9" }))).toBe("unknown");
  });
});

let slotId: string;
beforeAll(async () => {
  const db = testDb();
  const { inst, dept } = await createHospital(db, {
    slug: "abuse-limits-hospital",
    nameZh: "限流医院",
    ownership: "PRIVATE",
  });
  const startsAt = new Date(Date.now() + 10 * 86_400_000);
  slotId = (
    await db.slot.create({
      data: {
        institutionId: inst.id,
        departmentId: dept.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 1_800_000),
        capacity: 50,
      },
    })
  ).id;
});

const body = (email: string) => ({
  slotId,
  name: "Amara Okafor",
  nationality: "NG",
  dateOfBirth: "1984-02-03",
  email,
  phone: "+234 803 123 4567",
  preferredLanguage: "en",
  reasonForVisit: "Check-up",
  paymentMethod: "SELF_PAY",
  consentTerms: true,
  consentSensitive: true,
});
const book = (peer: string, key: string, payload: unknown) =>
  bookRoute(
    new Request(`${base}/bookings?locale=en`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": key, [PEER_HEADER]: peer },
      body: JSON.stringify(payload),
    }),
  );

describe("bookings: replay before limit", () => {
  it("the same request sent 12 times answers its one booking 12 times", async () => {
    const payload = body("amara.twelve@example.org");
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await book("192.0.2.80", "replay-twelve-0001", payload));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
    const references = await Promise.all(
      answers.map(async (a) => bookingConfirmationSchema.parse(await a.json()).reference),
    );
    expect(new Set(references).size).toBe(1);
    expect(await testDb().booking.count({ where: { idempotencyKey: "replay-twelve-0001" } })).toBe(1);
  });

  it("a known key and body answer past both limits; a new booking from there is refused", async () => {
    const peer = "192.0.2.81";
    const email = "amara.limits@example.org";
    const first = await book(peer, "replay-limits-0001", body(email));
    expect(first.status).toBe(201);
    const { reference } = bookingConfirmationSchema.parse(await first.json());
    // The address and the e-mail have used up their hour.
    for (let i = 0; i < LIMITS.bookingsPerAddress.max; i++)
      await consume(testDb(), LIMITS.bookingsPerAddress, peer).catch(() => undefined);
    for (let i = 0; i < LIMITS.bookingsPerEmail.max; i++)
      await consume(testDb(), LIMITS.bookingsPerEmail, email).catch(() => undefined);

    const again = await book(peer, "replay-limits-0001", body(email));
    expect(again.status).toBe(201);
    expect(bookingConfirmationSchema.parse(await again.json()).reference).toBe(reference);

    const fresh = await book(peer, "replay-limits-0002", body("someone.else@example.org"));
    expect(fresh.status).toBe(429);
    expect(Number(fresh.headers.get("retry-after"))).toBeGreaterThan(0);
    // The known key with another body is a mismatch, as ever, not a way around the limit.
    const other = await book(peer, "replay-limits-0001", body("changed@example.org"));
    expect(other.status).toBe(422);
    expect((await other.json()).error.code).toBe("IDEMPOTENCY_MISMATCH");
  });

  it("a key that never booked is a new attempt each time it is sent: past the e-mail's maximum it is refused", async () => {
    // The soak's model met this: a $book that lost its slot, replayed a sixth time in the hour.
    const email = "amara.refused@example.org";
    const refused = { ...body(email), slotId: "00000000-0000-4000-8000-000000000000" };
    const statuses = [];
    for (let i = 0; i <= LIMITS.bookingsPerEmail.max; i++)
      statuses.push((await book(`192.0.2.${90 + i}`, "replay-refused-0001", refused)).status);
    expect(statuses).toEqual([...Array(LIMITS.bookingsPerEmail.max).fill(400), 429]);
    expect(await testDb().booking.count({ where: { idempotencyKey: "replay-refused-0001" } })).toBe(0);
  });
});

describe("counters keep no recomputable trace of who was counted", () => {
  it("keys an e-mail by a keyed pseudonym, not by a hash anyone could recompute from a list of addresses", async () => {
    const email = "amara.pseudonym@example.org";
    await consume(testDb(), LIMITS.bookingsPerEmail, email);
    const rows = await testDb().$queryRaw<{ key: string }[]>`
      SELECT key FROM rate_limit WHERE key LIKE ${`${LIMITS.bookingsPerEmail.name}:%`}`;
    const plainHash = createHash("sha256").update(email).digest("hex");
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows) {
      expect(key).not.toContain(email);
      expect(key).not.toContain(plainHash);
    }
    expect(rows.map((r) => r.key)).toContain(
      `${LIMITS.bookingsPerEmail.name}:${pseudonym("rate-limit", email)}`,
    );
  });
});

describe("manage tokens: wrong ones are limited per address, right ones never", () => {
  let reference: string;
  let token: string;
  beforeAll(async () => {
    const answer = await book("192.0.2.90", "manage-limit-0001", body("amara.manage@example.org"));
    ({ reference, manageToken: token } = bookingConfirmationSchema.parse(await answer.json()));
  });
  const view = (peer: string, bearer: string) =>
    getBookingRoute(
      new Request(`${base}/bookings/${reference}`, {
        headers: { authorization: `Bearer ${bearer}`, [PEER_HEADER]: peer },
      }),
      ref(reference),
    );

  it("40 wrong tokens from one address: 30 × 404, then 429 with Retry-After; the owner elsewhere gets in", async () => {
    const guesser = "203.0.113.66";
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push((await view(guesser, `wrong-token-guess-${String(i).padStart(4, "0")}`)).status);
    expect(statuses.slice(0, LIMITS.manageTokenFailures.max)).toEqual(Array(30).fill(404));
    expect(statuses.slice(LIMITS.manageTokenFailures.max)).toEqual(Array(10).fill(429));
    const limited = await view(guesser, "wrong-token-guess-last");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("RATE_LIMITED");
    // The same limit covers the ?token= links (calendar, export, visa letter).
    const calendar = await calendarRoute(
      new Request(`${base}/bookings/${reference}/calendar?locale=en&token=guess-by-link-0001`, {
        headers: { [PEER_HEADER]: guesser },
      }),
      ref(reference),
    );
    expect(calendar.status).toBe(429);
    // Past the limit, even the right token from the guessing address is refused
    // (answering it would tell the guesser which guess was right) ...
    expect((await view(guesser, token)).status).toBe(429);
    // ... while the owner, from any other address, is not slowed at all.
    expect((await view("198.51.100.200", token)).status).toBe(200);
  });

  it("never counts a right token: 40 views from one address all answer", async () => {
    for (let i = 0; i < 40; i++) expect((await view("198.51.100.201", token)).status).toBe(200);
    // Other failures from that address still have their whole allowance.
    for (let i = 0; i < LIMITS.manageTokenFailures.max; i++)
      expect((await view("198.51.100.201", `another-wrong-token-${i}`)).status).toBe(404);
    expect((await view("198.51.100.201", "one-wrong-token-too-many")).status).toBe(429);
  });

  it("keys an IPv6 guesser by its /64, so new addresses in it do not help", async () => {
    for (let i = 0; i < LIMITS.manageTokenFailures.max; i++)
      expect((await view(`2001:db8:77:1::${(i + 1).toString(16)}`, `v6-wrong-token-${i}`)).status).toBe(404);
    expect((await view("2001:db8:77:1:ffff::1", "v6-wrong-token-next")).status).toBe(429);
    expect((await view("2001:db8:77:2::1", token)).status).toBe(200);
  });
});
