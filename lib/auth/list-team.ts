// Use case: the people of the manager's institution and their state.
import type { DbClient } from "../db/create-client";
import type { Actor } from "./actor";
import { requireStaff } from "./permissions";

export async function listTeam(db: DbClient, actor: Actor | null, now: Date = new Date()) {
  const scope = requireStaff(actor, "team.manage");
  const grants = await db.roleAssignment.findMany({
    where: { institutionId: scope.institutionId },
    orderBy: [{ role: "desc" }, { createdAt: "asc" }],
    select: {
      role: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          disabledAt: true,
          accounts: { where: { providerId: "credential" }, select: { id: true } },
          authTokens: {
            where: { purpose: "INVITATION", usedAt: null, expiresAt: { gt: now } },
            select: { expiresAt: true },
          },
        },
      },
    },
  });
  return grants.map((g) => ({
    userId: g.user.id,
    name: g.user.name,
    email: g.user.email,
    role: g.role,
    state: g.user.disabledAt
      ? ("disabled" as const)
      : g.user.accounts.length > 0
        ? ("active" as const)
        : g.user.authTokens.length > 0
          ? ("invited" as const)
          : ("invitationExpired" as const),
  }));
}
