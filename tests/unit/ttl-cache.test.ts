import { describe, expect, it } from "vitest";
import { TtlCache } from "../../lib/cache/ttl-cache";

describe("TtlCache", () => {
  it("reuses a value until it expires, then loads again", async () => {
    let clock = 0;
    let loads = 0;
    const cache = new TtlCache<number>(1000, 10, () => clock);
    const load = async () => ++loads;
    expect(await cache.get("a", load)).toBe(1);
    clock = 999;
    expect(await cache.get("a", load)).toBe(1);
    clock = 1000;
    expect(await cache.get("a", load)).toBe(2);
  });

  it("shares one load between concurrent callers and never caches a failure", async () => {
    let loads = 0;
    const cache = new TtlCache<number>(1000);
    const [a, b] = await Promise.all([
      cache.get("k", async () => ++loads),
      cache.get("k", async () => ++loads),
    ]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    await expect(cache.get("bad", () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    await Promise.resolve();
    expect(await cache.get("bad", async () => 7)).toBe(7);
  });

  it("keeps at most maxEntries, dropping the oldest, and is off with a TTL of 0", async () => {
    const cache = new TtlCache<string>(1000, 2);
    for (const key of ["a", "b", "c"]) await cache.get(key, async () => key);
    expect(cache.size).toBe(2);
    let loads = 0;
    const off = new TtlCache<number>(0);
    await off.get("x", async () => ++loads);
    await off.get("x", async () => ++loads);
    expect(loads).toBe(2);
  });
});
