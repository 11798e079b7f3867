// Use cases: end this session, or every session of the account ("sign out everywhere").
import type { DbClient } from "../db/create-client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "./actor";

export async function signOut(db: DbClient, actor: Actor | null): Promise<void> {
  if (actor?.sessionId) await db.session.deleteMany({ where: { id: actor.sessionId } });
}

export async function signOutEverywhere(db: DbClient, actor: Actor): Promise<number> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId: actor.userId } });
    await recordAudit(tx, {
      actorId: actor.userId,
      actorRole: actor.roles[0]?.role ?? null,
      action: "user.sign_out_everywhere",
      entityType: "user",
      entityId: actor.userId,
      institutionId: actor.roles[0]?.institutionId,
      after: { sessionsEnded: count },
    });
    return count;
  });
}
