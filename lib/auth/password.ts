// Password hashing (argon2id, OWASP's minimum parameters) and the one rule a
// new password must meet. Used by better-auth for sign-in and by our own
// invitation and reset flows.
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword({ hash: stored, password }: { hash: string; password: string }) {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export const newPasswordSchema = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);
