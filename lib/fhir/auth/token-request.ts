// The token endpoint's HTTP side (RFC 6749 §2.3.1, §4.4.2, §5): reading a
// client-credentials request (form-encoded body; the client authenticated
// with HTTP Basic or with client_id/client_secret in the body, not both) and
// answering success and errors in OAuth's JSON shape, not as OperationOutcome:
// OAuth client libraries read `error`.
import { AppError, toAppError } from "../../errors";
import { readBodyText } from "../../http/read-body";
import type { Limit } from "../../rate-limit/rate-limit";
import type { IssuedToken } from "./issue-access-token";

/** Token requests per client address (an IPv6 client by its /64): a system needs one every five minutes. */
export const TOKEN_REQUESTS_PER_ADDRESS: Limit = { name: "fhir-token:address", max: 60, windowSeconds: 600 };

/** A token request is a few hundred bytes. */
const TOKEN_BODY_LIMIT_BYTES = 8 * 1024;
const PARAMETERS = ["grant_type", "client_id", "client_secret", "scope"] as const;

/** An OAuth error code of RFC 6749 §5.2. */
export type OAuthErrorCode =
  "invalid_request" | "invalid_client" | "invalid_scope" | "unsupported_grant_type";

const malformed = () => new AppError("VALIDATION_FAILED", { fields: { request: "invalid" } });

/** What Basic sent: each half is form-urlencoded before encoding (§2.3.1). */
function basicCredentials(header: string | null): { client_id: string; client_secret: string } | null {
  const match = header?.match(/^Basic +([A-Za-z0-9+/]+=*)$/i);
  if (!header) return null;
  if (!match) throw new AppError("INVALID_CREDENTIALS");
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw new AppError("INVALID_CREDENTIALS");
  const unescape = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, " "));
    } catch {
      throw new AppError("INVALID_CREDENTIALS");
    }
  };
  return { client_id: unescape(decoded.slice(0, colon)), client_secret: unescape(decoded.slice(colon + 1)) };
}

/**
 * The request's parameters as tokenRequestSchema's raw input: the known
 * ones only (others are ignored, §3.2), each at most once, credentials from
 * exactly one place.
 */
export async function readTokenRequest(request: Request): Promise<Record<string, string>> {
  const type = request.headers.get("content-type")?.split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") throw malformed();
  const form = new URLSearchParams(await readBodyText(request, TOKEN_BODY_LIMIT_BYTES));
  const raw: Record<string, string> = {};
  for (const name of PARAMETERS) {
    const values = form.getAll(name);
    if (values.length > 1) throw malformed();
    if (values[0] !== undefined && values[0] !== "") raw[name] = values[0];
  }
  const basic = basicCredentials(request.headers.get("authorization"));
  if (basic) {
    if (raw.client_secret !== undefined) throw malformed();
    if (raw.client_id !== undefined && raw.client_id !== basic.client_id) throw malformed();
    Object.assign(raw, basic);
  }
  return raw;
}

/** The OAuth error an AppError of the token endpoint is, or null when it is none (rate limit, outage). */
export function oauthErrorOf(error: unknown, raw: Record<string, string> | null): OAuthErrorCode | null {
  const appError = toAppError(error);
  if (appError.code === "INVALID_CREDENTIALS") return "invalid_client";
  // A body over the token request's limit is a malformed request (§5.2), answered as OAuth does.
  if (appError.code === "PAYLOAD_TOO_LARGE") return "invalid_request";
  if (appError.code !== "VALIDATION_FAILED") return null;
  const fields = appError.fields ?? {};
  // No client authentication at all is the client's failure (§5.2), before anything else.
  if (fields.client_id || fields.client_secret) return "invalid_client";
  if (fields.grant_type) return raw?.grant_type === undefined ? "invalid_request" : "unsupported_grant_type";
  if (fields.scope) return "invalid_scope";
  return "invalid_request";
}

/** Plain-ASCII descriptions (§5.2 allows no other characters in error_description). */
const descriptions: Record<OAuthErrorCode, string> = {
  invalid_request:
    "The request is missing a parameter, repeats one, is too large, or is not application/x-www-form-urlencoded.",
  invalid_client: "Client authentication failed: unknown client, wrong or rotated secret, or revoked client.",
  invalid_scope: "A requested scope is unknown or was not granted to this client.",
  unsupported_grant_type: "Only grant_type=client_credentials is supported.",
};

const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

export function oauthErrorResponse(code: OAuthErrorCode): Response {
  const headers: Record<string, string> = { ...NO_STORE };
  // §5.2: a failed client authentication is 401 with the scheme the client may use.
  if (code === "invalid_client") headers["WWW-Authenticate"] = 'Basic realm="fhir", charset="UTF-8"';
  return Response.json(
    { error: code, error_description: descriptions[code] },
    { status: code === "invalid_client" ? 401 : 400, headers },
  );
}

/** §5.1's successful answer. */
export function tokenResponse(token: IssuedToken): Response {
  return Response.json(
    {
      access_token: token.accessToken,
      token_type: token.tokenType,
      expires_in: token.expiresIn,
      scope: token.scopes.join(" "),
    },
    { headers: NO_STORE },
  );
}
