// Use case: a manager invites a colleague of their institution by e-mail. The
// invitee gets a link (through the outbox) to set their own password.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import { inviteUser } from "./invite-user";
import { requireStaff } from "./permissions";
import type { Actor } from "./actor";
import { locales } from "../i18n/locales";

export const inviteStaffSchema = z
  .object({
    email: z.string().trim().toLowerCase().email().max(254),
    name: z.string().trim().min(1).max(120),
    role: z.enum(["HOSPITAL_STAFF", "HOSPITAL_MANAGER"]),
    language: z.enum(locales),
  })
  .strict();

export async function inviteStaff(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof inviteStaffSchema>,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "team.manage");
  return db.$transaction(async (tx) => {
    const institution = await tx.institution.findUniqueOrThrow({
      where: { id: scope.institutionId },
      select: { id: true, slug: true },
    });
    return inviteUser(
      tx,
      {
        email: input.email,
        name: input.name,
        language: input.language,
        role: input.role,
        institution,
        by: { userId: scope.actor.userId, role: scope.role, name: scope.actor.name },
      },
      now,
    );
  });
}
