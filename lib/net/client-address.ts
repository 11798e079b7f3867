// Who is the client? The TCP peer, unless that peer is a proxy we trust
// (TRUSTED_PROXIES), in which case X-Forwarded-For says who it talked to.
// Every abuse limit and the "one hold per client" key start here (rule 11).
//
// The route handlers and server actions of Next.js cannot see the TCP socket,
// so the portal's own HTTP server (scripts/server.ts) deletes any copy of
// PEER_HEADER a client sent and sets it to the socket's address before Next
// sees the request. Without that header (say, `next start` run by hand) the
// peer is "unknown" and X-Forwarded-For is never trusted: every client then
// shares one set of counters, which is safe, if strict.
import { BlockList, SocketAddress, isIP } from "node:net";
import type { IncomingMessage } from "node:http";

/** Internal request header: the TCP peer's address, set only by scripts/server.ts. */
export const PEER_HEADER = "x-portal-peer-address";

/** The client address when the TCP peer is not known. */
export const UNKNOWN_ADDRESS = "unknown";

/**
 * A plain IP address in one spelling, or null: IPv6 in its canonical lower-case
 * form without zone, IPv4-mapped IPv6 (`::ffff:127.0.0.1`) as plain IPv4, and
 * the `[v6]:port` / `v4:port` forms some proxies write reduced to the address.
 */
export function normalizeAddress(raw: string | null | undefined): string | null {
  let value = raw?.trim();
  if (!value || value.length > 100) return null;
  const bracketed = value.match(/^\[([^\]]+)\](?::\d{1,5})?$/);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  const version = isIP(value);
  if (version === 4) return value;
  if (version !== 6) return null;
  const canonical = new SocketAddress({ address: value.replace(/%.*$/, ""), family: "ipv6" }).address;
  const mapped = canonical.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  return mapped ? mapped[1]! : canonical;
}

/** Why one TRUSTED_PROXIES entry is not an IP address or CIDR range, or null when it is one. */
export function trustedProxyProblem(entry: string): string | null {
  const [address, prefix, extra] = entry.split("/");
  const version = address ? isIP(address) : 0;
  const ok =
    version !== 0 &&
    extra === undefined &&
    (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128)));
  return ok
    ? null
    : `"${entry}" is not an IP address or CIDR range (a comma-separated list, e.g. 10.0.0.0/8,192.0.2.7,2001:db8::/32)`;
}

/** The comma-separated list's entries, trimmed (what lib/env.ts validates). */
export function splitTrustedProxies(value: string): string[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export interface TrustedProxies {
  readonly size: number;
  has(address: string): boolean;
}

/** Addresses and CIDR ranges (IPv4 and IPv6) to trust; entries must pass trustedProxyProblem. */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    if (trustedProxyProblem(entry)) throw new Error(trustedProxyProblem(entry)!);
    const [address, prefix] = entry.split("/") as [string, string | undefined];
    const family = isIP(address) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return {
    size: entries.length,
    // BlockList also matches IPv4-mapped IPv6 against IPv4 rules and the reverse.
    has: (address) => {
      const version = isIP(address);
      return version !== 0 && list.check(address, version === 4 ? "ipv4" : "ipv6");
    },
  };
}

export const NO_TRUSTED_PROXIES = trustedProxies([]);

/**
 * The client's address. The peer, unless the peer is a trusted proxy: then
 * X-Forwarded-For is read from the right (each proxy appends the address it
 * talked to) and the first address that is not itself a trusted proxy is the
 * client. Everything left of it was written by the client and is ignored.
 * A malformed entry ends the walk at the trusted hop that reported it; a chain
 * of trusted proxies only gives its leftmost address.
 */
export function resolveClientAddress(input: {
  peer: string | null | undefined;
  forwardedFor: string | null | undefined;
  trusted: TrustedProxies;
}): string {
  const peer = normalizeAddress(input.peer);
  if (!peer) return UNKNOWN_ADDRESS;
  let client = peer;
  if (input.trusted.size === 0 || !input.trusted.has(peer)) return client;
  const hops = (input.forwardedFor ?? "").split(",").reverse();
  for (const hop of hops) {
    if (!hop.trim()) continue;
    const address = normalizeAddress(hop);
    if (!address) return client;
    client = address;
    if (!input.trusted.has(address)) return client;
  }
  return client;
}

/**
 * The subject for per-address limits and the hold key: an IPv4 address as is,
 * an IPv6 address by its /64 network (one subscriber usually gets a whole /64
 * and could otherwise take a new address per request).
 */
export function addressSubject(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/**
 * What scripts/server.ts does to every request (and upgrade) before Next.js
 * sees it: drop any PEER_HEADER the client sent, then set it from the socket.
 */
export function markPeerAddress(req: IncomingMessage): void {
  delete req.headers[PEER_HEADER];
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i]!.toLowerCase() === PEER_HEADER) raw.splice(i, 2);
  const peer = normalizeAddress(req.socket.remoteAddress);
  if (peer) {
    req.headers[PEER_HEADER] = peer;
    raw.push(PEER_HEADER, peer);
  }
}
