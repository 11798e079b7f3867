// Use case: a manager replaces an integration client's secret. The new one is
// shown once; the old secret, and every token issued with it, stop working at
// once (tokens carry the secret's version, lib/fhir/auth/client-auth.ts).
import type { z } from "zod";
import type { DbClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { recordAudit } from "../audit/record-audit";
import { newClientSecret } from "./client-credentials";
import { integrationClientSelect, integrationClientView } from "./integration-client-view";
import { integrationClientRefSchema, lockLiveClient } from "./integration-client-ref";
import type { IssuedCredentials } from "./create-integration-client";

export const rotateIntegrationSecretSchema = integrationClientRefSchema;

export async function rotateIntegrationSecret(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof rotateIntegrationSecretSchema>,
  now: Date = new Date(),
): Promise<IssuedCredentials> {
  const scope = requireStaff(actor, "integrations.manage");
  const { secret, hash } = newClientSecret();
  return db.$transaction(async (tx) => {
    const live = await lockLiveClient(tx, scope.institutionId, input.client);
    const row = await tx.integrationClient.update({
      where: { id: live.id },
      data: { secretHash: hash, secretVersion: { increment: 1 }, rotatedAt: now },
      select: integrationClientSelect,
    });
    await recordAudit(tx, {
      actorId: scope.actor.userId,
      actorRole: scope.role,
      action: "integration.rotate",
      entityType: "integration_client",
      entityId: row.id,
      institutionId: scope.institutionId,
      after: { name: row.name, clientId: row.clientId },
    });
    return { client: integrationClientView(row), clientSecret: secret, webhookSecret: null };
  });
}
