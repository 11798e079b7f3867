// Use case: the integration clients of the manager's institution, live ones
// first, newest first (the console's list; never a secret).
import type { DbClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import {
  integrationClientSelect,
  integrationClientView,
  type IntegrationClientView,
} from "./integration-client-view";

export async function listIntegrationClients(
  db: DbClient,
  actor: Actor | null,
): Promise<IntegrationClientView[]> {
  const scope = requireStaff(actor, "integrations.manage");
  const rows = await db.integrationClient.findMany({
    where: { institutionId: scope.institutionId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: integrationClientSelect,
  });
  const views = rows.map(integrationClientView);
  return [...views.filter((c) => c.status === "active"), ...views.filter((c) => c.status === "revoked")];
}
