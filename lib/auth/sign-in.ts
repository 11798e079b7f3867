// Use case: sign in with e-mail and password. Attempts are limited per account
// and per client address before the password is even checked; every failure
// gets the same non-revealing answer (INVALID_CREDENTIALS).
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import { AppError, validationError } from "../errors";
import { consume, type Limit } from "../http/rate-limit";
import { authFor } from "./auth";
import { PASSWORD_MAX } from "./password";

export const signInSchema = z
  .object({
    email: z.string().trim().toLowerCase().email().max(254),
    password: z.string().min(1).max(PASSWORD_MAX),
  })
  .strict();

export const SIGN_IN_LIMITS = {
  perAccount: { name: "sign-in:account", max: 5, windowSeconds: 900 },
  perAddress: { name: "sign-in:address", max: 20, windowSeconds: 900 },
} satisfies Record<string, Limit>;

export interface SignInResult {
  userId: string;
  /** Set-Cookie headers for callers outside a Next.js request (tests, route handlers). */
  headers: Headers;
}

export async function signIn(
  db: DbClient,
  raw: unknown,
  request: { address: string; headers: Headers },
): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const { email, password } = parsed.data;
  await consume(db, SIGN_IN_LIMITS.perAddress, request.address);
  await consume(db, SIGN_IN_LIMITS.perAccount, email);

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
}

/** better-auth's APIError for a wrong e-mail or password, or a refused (disabled) account. */
function isAuthRejection(error: unknown): boolean {
  const e = error as { name?: string; statusCode?: number } | null;
  return e?.name === "APIError" && typeof e.statusCode === "number" && e.statusCode < 500;
}
