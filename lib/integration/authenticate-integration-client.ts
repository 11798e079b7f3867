// Use case: is this the secret of a live integration client? The one home of
// that rule (the token endpoint asks it). Every "no" is the same
// INVALID_CREDENTIALS, whether the client is unknown, revoked or the secret
// wrong or rotated away, so an answer tells a guesser nothing.
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { INTEGRATION_CLIENT, recordActorRole } from "../observability/request-context";
import { CLIENT_ID_PATTERN, secretMatches } from "./client-credentials";
import { orderedScopes, type IntegrationScope } from "./scopes";

export interface AuthenticatedClient {
  id: string;
  clientId: string;
  institutionId: string;
  scopes: IntegrationScope[];
  secretVersion: number;
}

export async function authenticateIntegrationClient(
  db: DbClient,
  credentials: { clientId: string; clientSecret: string },
): Promise<AuthenticatedClient> {
  const row = CLIENT_ID_PATTERN.test(credentials.clientId)
    ? await db.integrationClient.findUnique({
        where: { clientId: credentials.clientId },
        select: {
          id: true,
          clientId: true,
          institutionId: true,
          scopes: true,
          secretHash: true,
          secretVersion: true,
          revokedAt: true,
        },
      })
    : null;
  if (!row || row.revokedAt || !secretMatches(credentials.clientSecret, row.secretHash))
    throw new AppError("INVALID_CREDENTIALS");
  recordActorRole(INTEGRATION_CLIENT);
  return {
    id: row.id,
    clientId: row.clientId,
    institutionId: row.institutionId,
    scopes: orderedScopes(row.scopes),
    secretVersion: row.secretVersion,
  };
}
