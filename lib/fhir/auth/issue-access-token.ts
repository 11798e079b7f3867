// Use case: OAuth 2.0 client credentials (RFC 6749 §4.4). A hospital system
// trades its client id and secret for a short-lived bearer token carrying
// the scopes it asked for (all of its scopes when it names none, §3.3).
import { z } from "zod";
import type { DbClient } from "../../db/create-client";
import { AppError } from "../../errors";
import { authenticateIntegrationClient } from "../../integration/authenticate-integration-client";
import { isIntegrationScope, orderedScopes, type IntegrationScope } from "../../integration/scopes";
import { ACCESS_TOKEN_SECONDS, signAccessToken } from "./access-token";

/** RFC 6749 appendix A: printable ASCII without quote and backslash, scopes separated by one space. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export const tokenRequestSchema = z
  .object({
    grant_type: z.literal("client_credentials"),
    client_id: z.string().min(1).max(200),
    client_secret: z.string().min(1).max(200),
    scope: z
      .string()
      .max(500)
      .refine((s) => s.split(" ").every((t) => SCOPE_TOKEN.test(t)), "invalid")
      .optional(),
  })
  .strict();

export interface IssuedToken {
  accessToken: string;
  tokenType: "Bearer";
  expiresIn: number;
  scopes: IntegrationScope[];
}

export async function issueAccessToken(
  db: DbClient,
  input: z.output<typeof tokenRequestSchema>,
  now: Date = new Date(),
): Promise<IssuedToken> {
  const client = await authenticateIntegrationClient(db, {
    clientId: input.client_id,
    clientSecret: input.client_secret,
  });
  const requested = input.scope === undefined ? client.scopes : input.scope.split(" ");
  // A scope the client was not given, or one that does not exist: invalid_scope (§5.2).
  if (requested.some((s) => !isIntegrationScope(s) || !client.scopes.includes(s)))
    throw new AppError("VALIDATION_FAILED", { fields: { scope: "invalid" } });
  const scopes = orderedScopes(requested);
  const accessToken = await signAccessToken(
    { oauthClientId: client.clientId, scopes, secretVersion: client.secretVersion },
    now,
  );
  return { accessToken, tokenType: "Bearer", expiresIn: ACCESS_TOKEN_SECONDS, scopes };
}
