// Limits nobody can dodge (rule 11, issue 14): the client address comes from
// the TCP peer that scripts/server.ts reports (a forged copy of its header is
// dropped), and a known idempotency key is answered before the booking limits.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as bookRoute } from "../../app/api/v1/bookings/route";
import { bookingConfirmationSchema } from "../../lib/booking/api-schemas";
import {
  markPeerAddress,
  PEER_HEADER,
  resolveClientAddress,
  trustedProxies,
} from "../../lib/http/client-address";
import { consume, LIMITS } from "../../lib/http/rate-limit";
import { addressFromHeaders } from "../../lib/http/request";
import { testDb } from "../helpers/db";
import { createHospital } from "../helpers/hospital";

const base = "http://localhost/api/v1";

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
});
