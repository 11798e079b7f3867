// Use case: set a password from an invitation or reset link. The token is used
// up, the credential written (argon2id), every existing session of the account
// ended, and the change audited, all in one transaction.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import { recordAudit } from "../audit/record-audit";
import { consumeAuthToken } from "./auth-tokens";
import { hashPassword, newPasswordSchema } from "./password";

export const setPasswordSchema = z
  .object({
    token: z.string().trim().min(1).max(200),
    password: newPasswordSchema,
    confirmPassword: z.string().max(200),
  })
  .strict()
  .refine((v) => v.password === v.confirmPassword, { message: "mismatch", path: ["confirmPassword"] });

export type SetPasswordInput = z.output<typeof setPasswordSchema>;

export async function setPasswordFromLink(
  db: DbClient,
  input: SetPasswordInput,
  now: Date = new Date(),
): Promise<{ userId: string; email: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const token = await consumeAuthToken(tx, input.token, now);
    const user = await tx.user.update({
      where: { id: token.userId },
      data: token.purpose === "INVITATION" ? { emailVerified: true } : {},
      select: { id: true, email: true, roles: { select: { role: true, institutionId: true, cityId: true } } },
    });
    const credential = await tx.account.findFirst({ where: { userId: user.id, providerId: "credential" } });
    if (credential) {
      await tx.account.update({ where: { id: credential.id }, data: { password: passwordHash } });
    } else {
      await tx.account.create({
        data: { userId: user.id, accountId: user.id, providerId: "credential", password: passwordHash },
      });
    }
    await tx.session.deleteMany({ where: { userId: user.id } });
    const grant = user.roles[0];
    await recordAudit(tx, {
      actorId: user.id,
      actorRole: grant?.role ?? null,
      action: token.purpose === "INVITATION" ? "user.accept_invitation" : "user.reset_password",
      entityType: "user",
      entityId: user.id,
      institutionId: grant?.institutionId,
      cityId: grant?.cityId,
    });
    return { userId: user.id, email: user.email };
  });
}
