// Use case: sign in with e-mail and password, limited the way OWASP's
// authentication guidance asks: wrong passwords are counted per (account,
// address) and per address, never successes; an account is never locked for
// everyone. Wrong passwords for one account from anywhere only slow its
// sign-ins down (a delay that grows with them), so the owner with the right
// password still gets in from their own address. Every failure gets the same
// non-revealing answer (INVALID_CREDENTIALS), known e-mail or not.
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { addressSubject } from "../net/client-address";
import { countingFailures, currentCount, type Limit } from "../rate-limit/rate-limit";
import { authFor } from "./auth";
import { PASSWORD_MAX } from "./password";

export const signInSchema = z
  .object({
    email: z.string().trim().toLowerCase().email().max(254),
    password: z.string().min(1).max(PASSWORD_MAX),
  })
  .strict();

export type SignInInput = z.output<typeof signInSchema>;

export const SIGN_IN_LIMITS = {
  /** Wrong passwords for one account from one address; then that pair waits out the window. */
  perAccountAndAddress: { name: "sign-in:account-address", max: 5, windowSeconds: 900 },
  /** Wrong passwords from one address, whatever the accounts (password spraying, stuffing). */
  perAddress: { name: "sign-in:address", max: 20, windowSeconds: 900 },
  /** Wrong passwords for one account from anywhere: counted for the delay below, never refused. */
  perAccount: { name: "sign-in:account", max: Number.MAX_SAFE_INTEGER, windowSeconds: 900 },
} satisfies Record<string, Limit>;

/** The account's first 5 failures in the window cost nothing; each further one adds 1 s, up to 10 s. */
export const SIGN_IN_DELAY = { freeFailures: 5, stepMs: 1_000, maxMs: 10_000 };

/** How long an attempt on an account waits, given its failures (from anywhere) in the window. */
export function signInDelayMs(accountFailures: number): number {
  const over = accountFailures - SIGN_IN_DELAY.freeFailures;
  return over <= 0 ? 0 : Math.min(SIGN_IN_DELAY.maxMs, over * SIGN_IN_DELAY.stepMs);
}

export interface SignInResult {
  userId: string;
  /** Set-Cookie headers for callers outside a Next.js request (tests, route handlers). */
  headers: Headers;
}

export async function signIn(
  db: DbClient,
  { email, password }: SignInInput,
  request: { address: string; headers: Headers },
  options: { wait?: (ms: number) => Promise<unknown> } = {},
): Promise<SignInResult> {
  const address = addressSubject(request.address);
  const wait = options.wait ?? sleep;

  const attempt = async (): Promise<SignInResult> => {
    // Same wait for a right and a wrong password; attempts in flight count (this one excluded).
    const delay = signInDelayMs((await currentCount(db, SIGN_IN_LIMITS.perAccount, email)) - 1);
    if (delay > 0) await wait(delay);

    const auth = authFor(db);
    // Rotation: whatever session this browser had ends before a new one starts.
    const previous = await auth.api.getSession({ headers: request.headers }).catch(() => null);
    if (previous) await db.session.deleteMany({ where: { id: previous.session.id } });

    try {
      const result = await auth.api.signInEmail({
        body: { email, password, rememberMe: false },
        headers: request.headers,
        returnHeaders: true,
      });
      return { userId: result.response.user.id, headers: result.headers };
    } catch (error) {
      if (isAuthRejection(error)) throw new AppError("INVALID_CREDENTIALS", { cause: error });
      throw error;
    }
  };

  return countingFailures(
    db,
    [
      { limit: SIGN_IN_LIMITS.perAccountAndAddress, subject: `${email}|${address}` },
      { limit: SIGN_IN_LIMITS.perAddress, subject: address },
      { limit: SIGN_IN_LIMITS.perAccount, subject: email },
    ],
    attempt,
    (error) => error instanceof AppError && error.code === "INVALID_CREDENTIALS",
  );
}

/** better-auth's APIError for a wrong e-mail or password, or a refused (disabled) account. */
function isAuthRejection(error: unknown): boolean {
  const e = error as { name?: string; statusCode?: number } | null;
  return e?.name === "APIError" && typeof e.statusCode === "number" && e.statusCode < 500;
}
