// Reading what a request carries: its JSON body (bounded) parsed into a use
// case's input, its bearer token, and a key identifying the client for holds
// and limits (never stored plain).
import type { z } from "zod";
import { pseudonym } from "../crypto/secrets";
import { validationError } from "../errors";
import { env } from "../env";
import { readJsonBounded } from "./read-body";
import {
  addressSubject,
  PEER_HEADER,
  resolveClientAddress,
  trustedProxies,
  type TrustedProxies,
} from "../net/client-address";

/** The JSON body, read no further than the API's limit (413 past it; 400 when it is not JSON). */
export function readJson(request: Request): Promise<unknown> {
  return readJsonBounded(request);
}

/** What a request sent, as a use case's typed input; VALIDATION_FAILED naming each bad field otherwise. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+([A-Za-z0-9_\-.~+/=]{16,200})$/);
  return match ? match[1]! : null;
}

let trusted: { source: readonly string[]; proxies: TrustedProxies } | undefined;

/** TRUSTED_PROXIES, parsed once per process. */
function configuredProxies(): TrustedProxies {
  const source = env().TRUSTED_PROXIES;
  if (trusted?.source !== source) trusted = { source, proxies: trustedProxies(source) };
  return trusted.proxies;
}

/**
 * The client's address: the TCP peer (as scripts/server.ts reports it), or
 * the client X-Forwarded-For names when that peer is a trusted proxy; "unknown"
 * when the request did not come through scripts/server.ts (never the header then).
 */
export function addressFromHeaders(headers: Headers): string {
  return resolveClientAddress({
    peer: headers.get(PEER_HEADER),
    forwardedFor: headers.get("x-forwarded-for"),
    trusted: configuredProxies(),
  });
}

export function clientAddress(request: Request): string {
  return addressFromHeaders(request.headers);
}

/** Who holds a hold: the client's address (an IPv6 client by its /64) and browser. */
export function clientKey(request: Request): string {
  return pseudonym(
    "hold-client",
    `${addressSubject(clientAddress(request))}|${request.headers.get("user-agent") ?? ""}`,
  );
}
