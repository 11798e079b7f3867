// Use case: "forgot password". Always answers the same way, whether or not the
// address has an account; the e-mail goes through the outbox in the same
// transaction as the token.
import { enqueueEmail } from "../notify/enqueue-email";
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import { addressSubject } from "../net/client-address";
import { consume } from "../rate-limit/rate-limit";
import { issueAuthToken } from "./auth-tokens";

export const passwordResetRequestSchema = z
  .object({ email: z.string().trim().toLowerCase().email().max(254) })
  .strict();

export type PasswordResetRequest = z.output<typeof passwordResetRequestSchema>;

const LIMIT = { name: "password-reset:address", max: 10, windowSeconds: 3600 };

export async function requestPasswordReset(
  db: DbClient,
  { email }: PasswordResetRequest,
  request: { address: string },
  now: Date = new Date(),
): Promise<void> {
  await consume(db, LIMIT, addressSubject(request.address));
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email },
      select: { id: true, locale: true, name: true, disabledAt: true },
    });
    if (!user || user.disabledAt) return;
    const tokenId = await issueAuthToken(tx, user.id, "PASSWORD_RESET", now);
    await enqueueEmail(tx, `auth.reset:${tokenId}`, {
      template: "password-reset",
      to: email,
      locale: user.locale,
      payload: { name: user.name, tokenId },
    });
  });
}
