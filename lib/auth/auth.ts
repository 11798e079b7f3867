// better-auth (docs/decisions/0007) owns sessions: random tokens stored in
// Postgres, the cookie signed with a key derived from DATA_ENCRYPTION_KEY,
// httpOnly, SameSite=Lax, Secure when the portal is served over https. We use
// it only through auth.api.* from our own use cases; its HTTP handler is not
// mounted, so sign-in has one entry point with our validation and rate limits.
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { derivedSecret } from "../crypto/secrets";
import type { DbClient } from "../db/create-client";
import { publicBaseUrl } from "../env";
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from "./password";

/** A working shift: a staff session lasts 12 hours and is extended while used. */
export const SESSION_SECONDS = 12 * 60 * 60;

export function createAuth(db: DbClient) {
  const baseURL = publicBaseUrl();
  return betterAuth({
    appName: "International Patient Portal",
    baseURL,
    secret: derivedSecret("better-auth-secret:v1"),
    database: prismaAdapter(db, { provider: "postgresql" }),
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    session: { expiresIn: SESSION_SECONDS, updateAge: 60 * 60 },
    // Our own Postgres counters limit sign-in per account and per address (lib/auth/sign-in.ts).
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: "portal",
      useSecureCookies: baseURL.startsWith("https:"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", path: "/" },
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const user = await db.user.findUnique({
              where: { id: session.userId },
              select: { disabledAt: true },
            });
            // A disabled account gets no session, whatever its password.
            return !!user && !user.disabledAt;
          },
        },
      },
    },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { portalAuth?: { db: DbClient; auth: Auth } };

/** The auth instance bound to a database client (one per client, created on first use). */
export function authFor(db: DbClient): Auth {
  if (globalForAuth.portalAuth?.db !== db) globalForAuth.portalAuth = { db, auth: createAuth(db) };
  return globalForAuth.portalAuth.auth;
}
