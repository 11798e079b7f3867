// POST /fhir/r4/auth/token: OAuth 2.0 client credentials for hospital systems
// (RFC 6749 §4.4; ADR 0021). Counted against the per-address limit first; the
// OAuth errors answer in OAuth's JSON shape, anything else (rate limit,
// outage) as an OperationOutcome like the rest of /fhir.
import { getDb } from "@/lib/db/client";
import { issueAccessToken, tokenRequestSchema } from "@/lib/fhir/auth/issue-access-token";
import {
  oauthErrorOf,
  oauthErrorResponse,
  readTokenRequest,
  TOKEN_REQUESTS_PER_ADDRESS,
  tokenResponse,
} from "@/lib/fhir/auth/token-request";
import { withFhirErrors } from "@/lib/fhir/http";
import { clientAddress, parseInput } from "@/lib/http/request";
import { addressSubject } from "@/lib/net/client-address";
import { consume } from "@/lib/rate-limit/rate-limit";

export const dynamic = "force-dynamic";

export const POST = withFhirErrors(async (request) => {
  const db = getDb();
  await consume(db, TOKEN_REQUESTS_PER_ADDRESS, addressSubject(clientAddress(request)));
  let raw: Record<string, string> | null = null;
  try {
    raw = await readTokenRequest(request);
    return tokenResponse(await issueAccessToken(db, parseInput(tokenRequestSchema, raw)));
  } catch (error) {
    const code = oauthErrorOf(error, raw);
    if (code) return oauthErrorResponse(code);
    throw error;
  }
});
