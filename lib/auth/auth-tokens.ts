// One-time links for invitations and password resets: the token is derived
// from the row id by HMAC (so the outbox row carries only the id), the
// database keeps only its SHA-256; single use, short-lived.
import { randomUUID } from "node:crypto";
import { authTokenFor, sha256 } from "../crypto/secrets";
import type { TxClient } from "../db/create-client";
import type { AuthTokenPurpose } from "../db/generated/client";
import { AppError } from "../errors";

export const TOKEN_HOURS: Record<AuthTokenPurpose, number> = { PASSWORD_RESET: 1, INVITATION: 72 };

/** Issues a token (ending the user's earlier unused ones of the same purpose); returns its row id. */
export async function issueAuthToken(
  tx: TxClient,
  userId: string,
  purpose: AuthTokenPurpose,
  now: Date = new Date(),
): Promise<string> {
  await tx.authToken.deleteMany({ where: { userId, purpose, usedAt: null } });
  const id = randomUUID();
  await tx.authToken.create({
    data: {
      id,
      userId,
      purpose,
      tokenHash: sha256(authTokenFor(id)),
      expiresAt: new Date(now.getTime() + TOKEN_HOURS[purpose] * 3_600_000),
    },
  });
  return id;
}

/** Marks a live token used (compare-and-swap, so it works once) and returns it; LINK_INVALID otherwise. */
export async function consumeAuthToken(tx: TxClient, token: string, now: Date = new Date()) {
  const found = await tx.authToken.findUnique({ where: { tokenHash: sha256(token) } });
  if (!found || found.usedAt || found.expiresAt <= now) throw new AppError("LINK_INVALID");
  const { count } = await tx.authToken.updateMany({
    where: { id: found.id, usedAt: null },
    data: { usedAt: now },
  });
  if (count !== 1) throw new AppError("LINK_INVALID");
  return found;
}
