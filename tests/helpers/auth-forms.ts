// The staff console's sign-in, reset and set-password actions' path
// (app/[locale]/staff/actions.ts) for tests that send a form's fields as a
// browser would: parsed with the use case's schema, then the use case.
import { passwordResetRequestSchema, requestPasswordReset } from "../../lib/auth/request-password-reset";
import { setPasswordFromLink, setPasswordSchema } from "../../lib/auth/set-password";
import { signIn, signInSchema } from "../../lib/auth/sign-in";
import type { DbClient } from "../../lib/db/create-client";
import { parseInput } from "../../lib/http/request";

export async function signInFromForm(
  db: DbClient,
  form: unknown,
  request: Parameters<typeof signIn>[2],
  options?: Parameters<typeof signIn>[3],
): ReturnType<typeof signIn> {
  return signIn(db, parseInput(signInSchema, form), request, options);
}

export async function requestPasswordResetFromForm(
  db: DbClient,
  form: unknown,
  request: Parameters<typeof requestPasswordReset>[2],
): ReturnType<typeof requestPasswordReset> {
  return requestPasswordReset(db, parseInput(passwordResetRequestSchema, form), request);
}

export async function setPasswordFromForm(
  db: DbClient,
  form: unknown,
): ReturnType<typeof setPasswordFromLink> {
  return setPasswordFromLink(db, parseInput(setPasswordSchema, form));
}
