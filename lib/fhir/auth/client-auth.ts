// Who is calling the FHIR API on a hospital's behalf: the bearer token of an
// integration client (RFC 6750), checked twice — the JWT's signature and
// expiry (access-token.ts), then the client's row, so a revoked client or a
// rotated-away secret is refused at once, even with an unexpired token. Every
// authenticated call is audited here, once (action fhir.<interaction>), so a
// route calls requireFhirClient exactly once, before it does anything.
import type { DbClient } from "../../db/create-client";
import { recordAudit } from "../../audit/record-audit";
import { AppError } from "../../errors";
import type { IntegrationScope } from "../../integration/scopes";
import { INTEGRATION_CLIENT, recordActorRole } from "../../observability/request-context";
import { FHIR_BASE_PATH } from "../systems";
import { verifyAccessToken } from "./access-token";

/** FHIR's restful interactions (http://hl7.org/fhir/restful-interaction) a client's call can be. */
export type FhirInteraction =
  | "read"
  | "vread"
  | "update"
  | "patch"
  | "delete"
  | "history"
  | "create"
  | "search-type"
  | "search-system"
  | "transaction"
  | "batch"
  | "operation";

export interface FhirClient {
  /** integration_client.id (what schedule.managed_by_client_id and the outbox refer to). */
  clientId: string;
  /** The public OAuth client_id the system authenticates with. */
  oauthClientId: string;
  institutionId: string;
  /** What the token grants and the client still holds. */
  scopes: IntegrationScope[];
}

/** last_used_at moves at most once a minute: a busy client is not one row write per call. */
const LAST_USED_PRECISION_MS = 60_000;
/** How much of the request line the audit keeps. */
const AUDITED_TARGET_LENGTH = 500;

/** "Authorization: Bearer <jwt>": three base64url parts, of a sane length. */
const BEARER_JWT = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;
const MAX_TOKEN_LENGTH = 4096;

export function bearerJwt(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header || header.length > MAX_TOKEN_LENGTH) return null;
  return BEARER_JWT.exec(header.trim())?.[1] ?? null;
}

/** The FHIR interaction a request is, from its method and its path under /fhir/r4. */
export function interactionOf(request: Request): { interaction: FhirInteraction; resource: string | null } {
  const path = new URL(request.url).pathname;
  const parts = (path.startsWith(FHIR_BASE_PATH) ? path.slice(FHIR_BASE_PATH.length) : path)
    .split("/")
    .filter(Boolean);
  const resource = parts[0] && /^[A-Z][A-Za-z]+$/.test(parts[0]) ? parts[0] : null;
  if (parts.some((p) => p.startsWith("$"))) return { interaction: "operation", resource };
  const method = request.method.toUpperCase();
  if (parts.length === 0)
    return { interaction: method === "POST" ? "transaction" : "search-system", resource };
  if (parts.includes("_history")) return { interaction: parts.length > 3 ? "vread" : "history", resource };
  if (parts.length === 1 || parts[1] === "_search") {
    if (method === "POST" && parts.length === 1) return { interaction: "create", resource };
    if (method === "PUT") return { interaction: "update", resource };
    if (method === "DELETE") return { interaction: "delete", resource };
    return { interaction: "search-type", resource };
  }
  if (method === "PUT") return { interaction: "update", resource };
  if (method === "PATCH") return { interaction: "patch", resource };
  if (method === "DELETE") return { interaction: "delete", resource };
  return { interaction: "read", resource };
}

/**
 * The integration client behind the request's bearer token, holding `scope`;
 * its call is audited (as `interaction`, or what the request's method and path
 * say). UNAUTHENTICATED without a valid token of a live client (401 with
 * WWW-Authenticate: Bearer, lib/fhir/http.ts); FORBIDDEN without the scope.
 * The caller then acts on `institutionId` only: another institution's
 * resources are NOT_FOUND.
 */
export async function requireFhirClient(
  db: DbClient,
  request: Request,
  scope: IntegrationScope,
  interaction?: FhirInteraction,
  now: Date = new Date(),
): Promise<FhirClient> {
  const token = bearerJwt(request);
  if (!token) throw new AppError("UNAUTHENTICATED", { detail: "no bearer token" });
  const claims = await verifyAccessToken(token, now);
  const row = await db.integrationClient.findUnique({
    where: { clientId: claims.oauthClientId },
    select: {
      id: true,
      institutionId: true,
      scopes: true,
      secretVersion: true,
      revokedAt: true,
      lastUsedAt: true,
    },
  });
  if (!row || row.revokedAt || row.secretVersion !== claims.secretVersion)
    throw new AppError("UNAUTHENTICATED", { detail: "client revoked or secret rotated" });
  recordActorRole(INTEGRATION_CLIENT);
  const client: FhirClient = {
    clientId: row.id,
    oauthClientId: claims.oauthClientId,
    institutionId: row.institutionId,
    scopes: claims.scopes.filter((s) => row.scopes.includes(s)),
  };
  const allowed = client.scopes.includes(scope);
  const derived = interactionOf(request);
  const url = new URL(request.url);
  await Promise.all([
    recordAudit(db, {
      actorId: null,
      actorRole: null,
      action: `fhir.${interaction ?? derived.interaction}`,
      entityType: "integration_client",
      entityId: row.id,
      institutionId: row.institutionId,
      after: {
        clientId: client.oauthClientId,
        request: `${request.method} ${url.pathname}${url.search}`.slice(0, AUDITED_TARGET_LENGTH),
        ...(derived.resource ? { resource: derived.resource } : {}),
        scope,
        ...(allowed ? {} : { refused: "scope" }),
      },
    }),
    touchLastUsed(db, row, now),
  ]);
  if (!allowed) throw new AppError("FORBIDDEN", { detail: `scope ${scope} not granted` });
  return client;
}

/** Moves last_used_at when it is a minute old (the WHERE keeps two concurrent calls from both writing). */
async function touchLastUsed(
  db: DbClient,
  row: { id: string; lastUsedAt: Date | null },
  now: Date,
): Promise<void> {
  if (row.lastUsedAt && now.getTime() - row.lastUsedAt.getTime() < LAST_USED_PRECISION_MS) return;
  const stale = new Date(now.getTime() - LAST_USED_PRECISION_MS);
  await db.integrationClient.updateMany({
    where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }] },
    data: { lastUsedAt: now },
  });
}
