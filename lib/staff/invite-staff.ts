// Use case: a manager invites a colleague of their institution by e-mail. The
// invitee gets a link (through the outbox) to set their own password.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import { AppError, validationError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { issueAuthToken } from "../auth/auth-tokens";
import { requireStaff } from "../auth/permissions";
import type { Actor } from "../auth/actor";
import { locales } from "../i18n/locales";

export const inviteStaffSchema = z
  .object({
    email: z.string().trim().toLowerCase().email().max(254),
    name: z.string().trim().min(1).max(120),
    role: z.enum(["HOSPITAL_STAFF", "HOSPITAL_MANAGER"]),
    language: z.enum(locales),
  })
  .strict();

export async function inviteStaff(db: DbClient, actor: Actor | null, raw: unknown, now: Date = new Date()) {
  const scope = requireStaff(actor, "team.manage");
  const parsed = inviteStaffSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) throw new AppError("VALIDATION_FAILED", { fields: { email: "taken" } });
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        locale: input.language,
        roles: { create: { role: input.role, institutionId: scope.institutionId } },
      },
    });
    const tokenId = await issueAuthToken(tx, user.id, "INVITATION", now);
    const institution = await tx.institution.findUniqueOrThrow({
      where: { id: scope.institutionId },
      select: { nameZh: true, slug: true },
    });
    await tx.outboxMessage.create({
      data: {
        dedupeKey: `auth.invite:${tokenId}`,
        template: "staff-invitation",
        toEmail: input.email,
        locale: input.language,
        payload: { name: input.name, tokenId, inviter: scope.actor.name, institution: institution.slug },
      },
    });
    await recordAudit(tx, {
      actorId: scope.actor.userId,
      actorRole: scope.role,
      action: "user.invite",
      entityType: "user",
      entityId: user.id,
      institutionId: scope.institutionId,
      after: { email: input.email, name: input.name, role: input.role, language: input.language },
    });
    return { userId: user.id };
  });
}
