// Use case: a hospital manager registers their hospital's own system (HIS) as
// an OAuth client of the FHIR API for their institution. The answer carries the
// client secret (and the webhook signing secret) in the clear this once; the
// database keeps only the secret's hash (ADR 0021).
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { recordAudit } from "../audit/record-audit";
import { newClientId, newClientSecret, newWebhookSecret } from "./client-credentials";
import {
  integrationClientSelect,
  integrationClientView,
  type IntegrationClientView,
} from "./integration-client-view";
import { orderedScopes, scopeParam } from "./scopes";

/** Where booking changes are posted: an absolute https URL without credentials in it. */
export const webhookUrlParam = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === "https:" && !url.username && !url.password;
  }, "invalid");

export const createIntegrationClientSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    // At least one: "required" (not "invalid") when none is ticked.
    scopes: z
      .array(scopeParam)
      .refine((scopes) => scopes.length > 0, "required")
      .transform(orderedScopes),
    webhookUrl: webhookUrlParam.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    // A webhook needs both: somewhere to post, and the scope to receive it.
    const wantsWebhooks = input.scopes.includes("webhooks");
    if (wantsWebhooks && !input.webhookUrl)
      ctx.addIssue({ code: "custom", path: ["webhookUrl"], message: "required" });
    if (!wantsWebhooks && input.webhookUrl)
      ctx.addIssue({ code: "custom", path: ["webhookUrl"], message: "mismatch" });
  });

export interface IssuedCredentials {
  client: IntegrationClientView;
  /** Shown once; only its hash is stored. */
  clientSecret: string;
  /** Shown once when the client has a webhook URL (the outbox signs with it). */
  webhookSecret: string | null;
}

export async function createIntegrationClient(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof createIntegrationClientSchema>,
  now: Date = new Date(),
): Promise<IssuedCredentials> {
  const scope = requireStaff(actor, "integrations.manage");
  const { secret, hash } = newClientSecret();
  const webhook = input.webhookUrl ? newWebhookSecret() : null;
  return db.$transaction(async (tx) => {
    const row = await tx.integrationClient.create({
      data: {
        institutionId: scope.institutionId,
        name: input.name,
        clientId: newClientId(),
        secretHash: hash,
        scopes: input.scopes,
        webhookUrl: input.webhookUrl ?? null,
        webhookSecretEnc: webhook?.sealed ?? null,
        createdById: scope.actor.userId,
        createdAt: now,
      },
      select: integrationClientSelect,
    });
    await recordAudit(tx, {
      actorId: scope.actor.userId,
      actorRole: scope.role,
      action: "integration.create",
      entityType: "integration_client",
      entityId: row.id,
      institutionId: scope.institutionId,
      after: { name: row.name, clientId: row.clientId, scopes: row.scopes, webhookUrl: row.webhookUrl },
    });
    return {
      client: integrationClientView(row),
      clientSecret: secret,
      webhookSecret: webhook?.secret ?? null,
    };
  });
}
