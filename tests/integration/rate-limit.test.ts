import { describe, expect, it } from "vitest";
import { POST as holdRoute } from "../../app/api/v1/holds/route";
import type { AppError } from "../../lib/errors";
import { PEER_HEADER } from "../../lib/net/client-address";
import { consume, LIMITS } from "../../lib/rate-limit/rate-limit";
import { testDb } from "../helpers/db";

describe("rate limits (counters in Postgres)", () => {
  it("lets exactly `max` requests through per window, even concurrently, then answers with a retry delay", async () => {
    const limit = { name: "test", max: 5, windowSeconds: 600 };
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => consume(testDb(), limit, "203.0.113.7")),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!
      .reason as AppError;
    expect(refused.code).toBe("RATE_LIMITED");
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(600);
    // Another subject has its own counter.
    await expect(consume(testDb(), limit, "198.51.100.1")).resolves.toBeUndefined();
  });

  it("starts a new window once the old one is over", async () => {
    const limit = { name: "window", max: 1, windowSeconds: 60 };
    await consume(testDb(), limit, "x");
    await expect(consume(testDb(), limit, "x")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await testDb()
      .$executeRaw`UPDATE rate_limit SET window_start = window_start - interval '2 minutes' WHERE key LIKE 'window:%'`;
    await expect(consume(testDb(), limit, "x")).resolves.toBeUndefined();
  });

  it("answers the API with 429, Retry-After and a localized message, whatever X-Forwarded-For says", async () => {
    // As scripts/server.ts passes requests on: the TCP peer in PEER_HEADER. No
    // TRUSTED_PROXIES here, so a new X-Forwarded-For per request changes nothing.
    let n = 0;
    const request = () =>
      new Request("http://localhost/api/v1/holds", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [PEER_HEADER]: "192.0.2.55",
          "x-forwarded-for": `198.51.100.${++n}`,
          "accept-language": "fr",
        },
        body: JSON.stringify({ slotId: "none" }),
      });
    for (let i = 0; i < LIMITS.holdsPerAddress.max; i++)
      expect((await holdRoute(request())).status).toBe(404);
    const limited = await holdRoute(request());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error).toMatchObject({
      code: "RATE_LIMITED",
      message: "Trop de tentatives. Patientez un instant puis réessayez.",
    });
    // Another peer has its own counter.
    const other = request();
    other.headers.set(PEER_HEADER, "192.0.2.56");
    expect((await holdRoute(other)).status).toBe(404);
  });
});
