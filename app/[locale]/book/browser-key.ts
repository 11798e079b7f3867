import "server-only";

// Who the booking pages' browser is: a random id per browser in an httpOnly
// cookie, hashed into the client key holds are kept under (one browser cannot
// stack holds on a slot; only it can release or extend its own), and the token
// of the hold it placed last, so that choosing another time lets go of it.
import { randomUUID } from "node:crypto";
import { cookies } from "next/headers";
import { sha256 } from "@/lib/crypto/secrets";

const CLIENT_COOKIE = "ipp_client";
const HOLD_COOKIE = "ipp_hold";

const cookieOptions = (maxAge: number) => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: process.env.NODE_ENV === "production" && process.env.PUBLIC_BASE_URL?.startsWith("https:"),
  path: "/",
  maxAge,
});

const validId = (id: string | undefined): id is string => Boolean(id && /^[\w-]{20,64}$/.test(id));
const keyOf = (id: string) => sha256(`browser:${id}`);

/** The browser's client key, giving it an id first if it has none (server actions only: it sets a cookie). */
export async function browserKey(): Promise<string> {
  const jar = await cookies();
  let id = jar.get(CLIENT_COOKIE)?.value;
  if (!validId(id)) {
    id = randomUUID();
    jar.set(CLIENT_COOKIE, id, cookieOptions(60 * 60 * 24 * 30));
  }
  return keyOf(id);
}

/** The browser's client key if it has one (pages: reading only). */
export async function existingBrowserKey(): Promise<string | null> {
  const id = (await cookies()).get(CLIENT_COOKIE)?.value;
  return validId(id) ? keyOf(id) : null;
}

/** The token of the hold this browser placed last, if any. */
export async function lastHoldToken(): Promise<string | null> {
  return (await cookies()).get(HOLD_COOKIE)?.value ?? null;
}

/** Remembers the browser's new hold (or forgets it: null), for as long as a hold can last. */
export async function rememberHold(token: string | null): Promise<void> {
  const jar = await cookies();
  if (token) jar.set(HOLD_COOKIE, token, cookieOptions(60 * 60));
  else jar.delete(HOLD_COOKIE);
}
