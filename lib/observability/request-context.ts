// The current request's id and the role its actor acted in, for every log line
// written while the request runs. scripts/server.ts opens the context around
// Next's handler (AsyncLocalStorage, kept on globalThis so Next's bundle sees
// the same store) and sets REQUEST_ID_HEADER on the request, after deleting
// any copy a client sent, for code that only sees the request's headers.
//
// The role is written by the code that authorizes (a session's staff roles, a
// manage link's token, an integration client's bearer token), so the access log
// says who acted without a second lookup.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** Internal request header: this request's id, set only by scripts/server.ts. */
export const REQUEST_ID_HEADER = "x-portal-request-id";

/** The header a trusted proxy sends (nginx: `proxy_set_header X-Request-Id $request_id`) and every answer carries. */
export const PUBLIC_REQUEST_ID_HEADER = "x-request-id";

/** What an access-log line calls a request nobody signed in for. */
export const ANONYMOUS = "anonymous";
/** A patient acting through a booking's manage link (reference + token). */
export const MANAGE_LINK = "patient-manage-link";
/** A hospital system with an OAuth client-credentials token. */
export const INTEGRATION_CLIENT = "integration-client";

export interface RequestContext {
  readonly requestId: string;
  /** ANONYMOUS, MANAGE_LINK, INTEGRATION_CLIENT or the staff roles ("HOSPITAL_COORDINATOR", …, joined by "+"). */
  role: string;
  /** The rendered-page cache's answer (lib/cache/page-cache.ts), for the access log; unset when not asked. */
  pageCache?: "hit" | "miss" | "stale";
}

const key = Symbol.for("portal.requestContext");
const holder = globalThis as unknown as { [key]?: AsyncLocalStorage<RequestContext> };
const storage = (holder[key] ??= new AsyncLocalStorage<RequestContext>());

/** Runs `fn` with `context` as the current request's. */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request's context, or undefined outside a request (jobs, scripts, tests). */
export function requestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The current request's id, or undefined outside a request. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * Records who the current request acts as. A stronger identity is never
 * replaced by a weaker one: staff roles stand over a manage link, which stands
 * over anonymous. Outside a request it does nothing.
 */
export function recordActorRole(role: string): void {
  const context = storage.getStore();
  if (!context) return;
  if (context.role === ANONYMOUS || role !== MANAGE_LINK) context.role = role;
}

/** The access log's name for a staff member's role assignments: distinct role names, sorted, joined by "+". */
export function staffRoleName(roles: readonly { role: string }[]): string {
  const names = [...new Set(roles.map((grant) => grant.role))].sort();
  return names.length > 0 ? names.join("+") : "signed-in";
}

const WELL_FORMED_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

/** Whether an incoming X-Request-Id may be kept: 8 to 128 characters of letters, digits and `._:-`. */
export function isWellFormedRequestId(value: string | undefined | null): value is string {
  return typeof value === "string" && WELL_FORMED_ID.test(value);
}

/**
 * The id of a request: the X-Request-Id a trusted proxy sent when well formed
 * (`fromTrustedProxy`: the TCP peer is in TRUSTED_PROXIES), else a new UUID.
 * Sets REQUEST_ID_HEADER on the request after deleting any copy the client sent.
 */
export function assignRequestId(req: IncomingMessage, fromTrustedProxy: boolean): string {
  const incoming = req.headers[PUBLIC_REQUEST_ID_HEADER];
  const id =
    fromTrustedProxy && isWellFormedRequestId(incoming as string) ? (incoming as string) : randomUUID();
  delete req.headers[REQUEST_ID_HEADER];
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2)
    if (raw[i]!.toLowerCase() === REQUEST_ID_HEADER) raw.splice(i, 2);
  req.headers[REQUEST_ID_HEADER] = id;
  raw.push(REQUEST_ID_HEADER, id);
  return id;
}
