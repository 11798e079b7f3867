// What the console (and the use cases' answers) show of an integration client:
// never its secret or the secret's hash.
import type { Prisma } from "../db/generated/client";
import { orderedScopes, type IntegrationScope } from "./scopes";

export const integrationClientSelect = {
  id: true,
  name: true,
  clientId: true,
  scopes: true,
  webhookUrl: true,
  createdAt: true,
  rotatedAt: true,
  revokedAt: true,
  lastUsedAt: true,
  createdBy: { select: { name: true } },
} satisfies Prisma.IntegrationClientSelect;

type Row = Prisma.IntegrationClientGetPayload<{ select: typeof integrationClientSelect }>;

export interface IntegrationClientView {
  id: string;
  name: string;
  clientId: string;
  scopes: IntegrationScope[];
  webhookUrl: string | null;
  createdAt: Date;
  createdByName: string | null;
  rotatedAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  status: "active" | "revoked";
}

export function integrationClientView(row: Row): IntegrationClientView {
  return {
    id: row.id,
    name: row.name,
    clientId: row.clientId,
    scopes: orderedScopes(row.scopes),
    webhookUrl: row.webhookUrl,
    createdAt: row.createdAt,
    createdByName: row.createdBy?.name ?? null,
    rotatedAt: row.rotatedAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
    status: row.revokedAt ? "revoked" : "active",
  };
}
