// Use case: a manager revokes an integration client for good. Its secret stops
// working, and so does every token it holds, on the next call (the token check
// reads revoked_at, lib/fhir/auth/client-auth.ts).
import type { z } from "zod";
import type { DbClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { recordAudit } from "../audit/record-audit";
import {
  integrationClientSelect,
  integrationClientView,
  type IntegrationClientView,
} from "./integration-client-view";
import { integrationClientRefSchema, lockLiveClient } from "./integration-client-ref";

export const revokeIntegrationClientSchema = integrationClientRefSchema;

export async function revokeIntegrationClient(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof revokeIntegrationClientSchema>,
  now: Date = new Date(),
): Promise<IntegrationClientView> {
  const scope = requireStaff(actor, "integrations.manage");
  return db.$transaction(async (tx) => {
    const live = await lockLiveClient(tx, scope.institutionId, input.client);
    const row = await tx.integrationClient.update({
      where: { id: live.id },
      data: { revokedAt: now },
      select: integrationClientSelect,
    });
    await recordAudit(tx, {
      actorId: scope.actor.userId,
      actorRole: scope.role,
      action: "integration.revoke",
      entityType: "integration_client",
      entityId: row.id,
      institutionId: scope.institutionId,
      after: { name: row.name, clientId: row.clientId },
    });
    return integrationClientView(row);
  });
}
