// An invitation, inside the caller's transaction: the account with its one
// role at an institution, a one-time link (auth_token) and the e-mail in the
// outbox, audited. Used by a manager inviting a colleague and by the city's
// commission inviting an institution's first manager.
import { enqueueEmail } from "../notify/enqueue-email";
import type { TxClient } from "../db/create-client";
import type { Role } from "../db/generated/client";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { issueAuthToken } from "./auth-tokens";

export interface Invitation {
  email: string;
  name: string;
  language: string;
  role: Role;
  institution: { id: string; slug: string; cityId?: string };
  by: { userId: string; role: Role; name: string };
}

export async function inviteUser(
  tx: TxClient,
  invitation: Invitation,
  now: Date,
): Promise<{ userId: string }> {
  const { email, name, language, role, institution, by } = invitation;
  if (await tx.user.findUnique({ where: { email }, select: { id: true } }))
    throw new AppError("VALIDATION_FAILED", { fields: { email: "taken" } });
  const user = await tx.user.create({
    data: { email, name, locale: language, roles: { create: { role, institutionId: institution.id } } },
  });
  const tokenId = await issueAuthToken(tx, user.id, "INVITATION", now);
  await enqueueEmail(tx, `auth.invite:${tokenId}`, {
    template: "staff-invitation",
    to: email,
    locale: language,
    payload: { name, tokenId, inviter: by.name, institution: institution.slug },
  });
  await recordAudit(tx, {
    actorId: by.userId,
    actorRole: by.role,
    action: "user.invite",
    entityType: "user",
    entityId: user.id,
    institutionId: institution.id,
    cityId: institution.cityId ?? null,
    after: { email, name, role, language },
  });
  return { userId: user.id };
}
