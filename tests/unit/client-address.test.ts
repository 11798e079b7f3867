// The client address every limit keys on (rule 11): the TCP peer, or
// X-Forwarded-For only from TRUSTED_PROXIES, read from the right.
import { describe, expect, it } from "vitest";
import {
  addressSubject,
  normalizeAddress,
  resolveClientAddress,
  trustedProxies,
  NO_TRUSTED_PROXIES,
  UNKNOWN_ADDRESS,
} from "../../lib/net/client-address";
import { EnvError, parseEnv } from "../../lib/env";

const resolve = (peer: string | null, forwardedFor: string | null, trusted: string[] = []) =>
  resolveClientAddress({ peer, forwardedFor, trusted: trustedProxies(trusted) });

describe("client address", () => {
  it("without trusted proxies: the peer, whatever X-Forwarded-For says", () => {
    expect(resolve("203.0.113.9", "198.51.100.1")).toBe("203.0.113.9");
    expect(resolve("203.0.113.9", "198.51.100.1, 10.0.0.1")).toBe("203.0.113.9");
    expect(
      resolveClientAddress({ peer: "192.0.2.1", forwardedFor: "1.1.1.1", trusted: NO_TRUSTED_PROXIES }),
    ).toBe("192.0.2.1");
  });

  it("a trusted peer: the client X-Forwarded-For names", () => {
    expect(resolve("10.0.0.5", "198.51.100.7", ["10.0.0.5"])).toBe("198.51.100.7");
    // No header (or an empty one) from a trusted proxy: the proxy itself.
    expect(resolve("10.0.0.5", null, ["10.0.0.5"])).toBe("10.0.0.5");
    expect(resolve("10.0.0.5", " , ", ["10.0.0.5"])).toBe("10.0.0.5");
  });

  it("an untrusted peer: the peer, even when X-Forwarded-For names a trusted proxy", () => {
    expect(resolve("203.0.113.9", "198.51.100.7", ["10.0.0.0/8"])).toBe("203.0.113.9");
    expect(resolve("203.0.113.9", "10.0.0.1", ["10.0.0.0/8"])).toBe("203.0.113.9");
  });

  it("a chain: walks from the right past every trusted hop; what the client wrote on the left is ignored", () => {
    const trusted = ["10.0.0.0/8", "192.0.2.10"];
    // client spoofed 1.2.3.4; the real client 198.51.100.7 went through 192.0.2.10, then 10.1.1.1, then the peer.
    expect(resolve("10.0.0.2", "1.2.3.4, 198.51.100.7, 192.0.2.10, 10.1.1.1", trusted)).toBe("198.51.100.7");
    // Every hop trusted: the leftmost one.
    expect(resolve("10.0.0.2", "192.0.2.10, 10.1.1.1", trusted)).toBe("192.0.2.10");
    // A malformed hop ends the walk at the trusted proxy that wrote it.
    expect(resolve("10.0.0.2", "198.51.100.7, not-an-ip, 10.1.1.1", trusted)).toBe("10.1.1.1");
    expect(resolve("10.0.0.2", "garbage", trusted)).toBe("10.0.0.2");
  });

  it("IPv6 peers, proxies and clients, in one spelling", () => {
    expect(resolve("2001:DB8:0:0::1", "2001:db8::99", [])).toBe("2001:db8::1");
    expect(resolve("2001:db8::1", "2001:db8:ffff::99", ["2001:db8::/48"])).toBe("2001:db8:ffff::99");
    expect(resolve("::1", "[2001:db8::7]:51234", ["::1"])).toBe("2001:db8::7");
    expect(resolve("fe80::1%eth0", null, [])).toBe("fe80::1");
  });

  it("IPv4-mapped IPv6 is the IPv4 address, for the key and for matching proxies", () => {
    expect(resolve("::ffff:127.0.0.1", "198.51.100.3", [])).toBe("127.0.0.1");
    expect(resolve("::ffff:127.0.0.1", "198.51.100.3", ["127.0.0.1"])).toBe("198.51.100.3");
    expect(resolve("127.0.0.1", "::ffff:198.51.100.3", ["::ffff:127.0.0.1"])).toBe("198.51.100.3");
    expect(resolve("::ffff:10.9.8.7", "198.51.100.3", ["10.0.0.0/8"])).toBe("198.51.100.3");
    expect(normalizeAddress("::ffff:7f00:1")).toBe("127.0.0.1");
  });

  it("CIDR ranges, IPv4 and IPv6, with their edges", () => {
    const trusted = ["172.16.0.0/12", "2001:db8:1::/64"];
    expect(resolve("172.31.255.255", "198.51.100.1", trusted)).toBe("198.51.100.1");
    expect(resolve("172.32.0.0", "198.51.100.1", trusted)).toBe("172.32.0.0");
    expect(resolve("2001:db8:1::ffff", "198.51.100.1", trusted)).toBe("198.51.100.1");
    expect(resolve("2001:db8:2::1", "198.51.100.1", trusted)).toBe("2001:db8:2::1");
    expect(resolve("0.0.0.1", "198.51.100.1", ["0.0.0.0/0"])).toBe("198.51.100.1");
  });

  it("no peer (the app not behind scripts/server.ts): unknown, and X-Forwarded-For is never believed", () => {
    expect(resolve(null, "198.51.100.7", ["0.0.0.0/0", "::/0"])).toBe(UNKNOWN_ADDRESS);
    expect(resolve("", "198.51.100.7")).toBe(UNKNOWN_ADDRESS);
    expect(resolve("not an address", "198.51.100.7", ["0.0.0.0/0"])).toBe(UNKNOWN_ADDRESS);
  });

  it("keys IPv6 clients by their /64 and IPv4 clients by their address", () => {
    expect(addressSubject("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(addressSubject("2001:db8:1:2::9")).toBe("2001:db8:1:2::/64");
    expect(addressSubject("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressSubject("::1")).toBe("0:0:0:0::/64");
    expect(addressSubject("198.51.100.7")).toBe("198.51.100.7");
    expect(addressSubject(UNKNOWN_ADDRESS)).toBe(UNKNOWN_ADDRESS);
  });
});

describe("TRUSTED_PROXIES", () => {
  it("is empty by default and takes addresses and CIDR ranges, IPv4 and IPv6", () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toEqual([]);
    expect(
      parseEnv({ TRUSTED_PROXIES: " 10.0.0.0/8, 192.0.2.7 ,::1,2001:db8::/32," }).TRUSTED_PROXIES,
    ).toEqual(["10.0.0.0/8", "192.0.2.7", "::1", "2001:db8::/32"]);
  });

  it.each(["10.0.0.0/33", "2001:db8::/129", "proxy.internal", "10.0.0.1/8/1", "10.0.0.0/", "*"])(
    "refuses %j with one line naming the variable and the entry",
    (value) => {
      expect(() => parseEnv({ TRUSTED_PROXIES: value })).toThrow(EnvError);
      try {
        parseEnv({ TRUSTED_PROXIES: value });
      } catch (error) {
        const message = (error as Error).message;
        expect(message).toContain("Invalid environment variable TRUSTED_PROXIES:");
        expect(message).toContain(`"${value}"`);
        expect(message).not.toContain("\n");
      }
    },
  );
});
