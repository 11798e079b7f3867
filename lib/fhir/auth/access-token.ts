// The FHIR API's access tokens for hospital systems: short-lived JWTs (RFC
// 9068's claims, HS256) signed and verified with jose under a key derived from
// DATA_ENCRYPTION_KEY by HKDF (ADR 0021). A token names its client and the
// version of the secret it was issued under, so rotating or revoking the
// client ends it at once (lib/fhir/auth/client-auth.ts checks the database).
import { jwtVerify, SignJWT, errors as joseErrors } from "jose";
import { derivedSecret, randomToken } from "../../crypto/secrets";
import { AppError } from "../../errors";
import { orderedScopes, type IntegrationScope } from "../../integration/scopes";
import { fhirBaseUrl } from "../systems";

/** Five minutes: a stolen token is worth little, and a client asks for a new one cheaply. */
export const ACCESS_TOKEN_SECONDS = 300;
const ALGORITHM = "HS256";
/** RFC 9068's media type for JWT access tokens, in the header's `typ`. */
const TOKEN_TYPE = "at+jwt";

let key: Uint8Array | undefined;
function signingKey(): Uint8Array {
  key ??= new Uint8Array(Buffer.from(derivedSecret("fhir-access-token:v1"), "base64url"));
  return key;
}

export interface AccessTokenClaims {
  /** The public client_id (`sub` and `client_id`). */
  oauthClientId: string;
  scopes: IntegrationScope[];
  /** integration_client.secret_version when the token was issued. */
  secretVersion: number;
}

/** A signed token for the client, valid for ACCESS_TOKEN_SECONDS from `now`. */
export async function signAccessToken(claims: AccessTokenClaims, now: Date = new Date()): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    client_id: claims.oauthClientId,
    scope: claims.scopes.join(" "),
    ver: claims.secretVersion,
  })
    .setProtectedHeader({ alg: ALGORITHM, typ: TOKEN_TYPE })
    .setIssuer(fhirBaseUrl())
    .setAudience(fhirBaseUrl())
    .setSubject(claims.oauthClientId)
    .setJti(randomToken(16))
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACCESS_TOKEN_SECONDS)
    .sign(signingKey());
}

/**
 * The claims of a token this server issued and that has not expired;
 * UNAUTHENTICATED for anything else (bad signature, other issuer or audience,
 * expired, malformed, another algorithm).
 */
export async function verifyAccessToken(token: string, now: Date = new Date()): Promise<AccessTokenClaims> {
  try {
    const { payload } = await jwtVerify(token, signingKey(), {
      algorithms: [ALGORITHM],
      typ: TOKEN_TYPE,
      issuer: fhirBaseUrl(),
      audience: fhirBaseUrl(),
      requiredClaims: ["sub", "exp", "iat", "jti"],
      currentDate: now,
    });
    const { sub, scope, ver } = payload;
    if (
      typeof sub !== "string" ||
      typeof scope !== "string" ||
      typeof ver !== "number" ||
      !Number.isInteger(ver)
    )
      throw new AppError("UNAUTHENTICATED", { detail: "token claims" });
    return { oauthClientId: sub, scopes: orderedScopes(scope.split(" ")), secretVersion: ver };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof joseErrors.JOSEError) throw new AppError("UNAUTHENTICATED", { cause: error });
    throw error;
  }
}
