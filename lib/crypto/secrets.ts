// Secrets for personal data: AES-256-GCM for passport and policy numbers at
// rest, and manage tokens derived by HMAC so an idempotent retry can answer
// with the same token although the database keeps only its hash.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { env } from "../env";

function masterKey(): Buffer {
  const key = env().DATA_ENCRYPTION_KEY;
  if (!key)
    throw new Error(
      "DATA_ENCRYPTION_KEY is not set (npm start creates one for the embedded database; see .env.example).",
    );
  return Buffer.from(key, "base64");
}

const derived = new Map<string, Buffer>();
function subKey(purpose: string): Buffer {
  let key = derived.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", masterKey(), Buffer.alloc(0), purpose, 32));
    derived.set(purpose, key);
  }
  return key;
}

/** A secret for another component (e.g. the session cookie's signing key), derived from the master key. */
export function derivedSecret(purpose: string): string {
  return subKey(purpose).toString("base64url");
}

/** "v1.<iv>.<tag>.<ciphertext>" in base64url. */
export function encrypt(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", subKey("encrypt:v1"), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function decrypt(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("Unknown ciphertext format");
  const decipher = createDecipheriv("aes-256-gcm", subKey("encrypt:v1"), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/**
 * A pseudonym of a personal value (an e-mail address, a client address) for a
 * key or counter: HMAC-SHA-256 under a key derived for `purpose`, so that a
 * copy of the table cannot be reversed by hashing a list of candidates.
 */
export function pseudonym(purpose: string, value: string): string {
  return createHmac("sha256", subKey(`pseudonym:${purpose}:v1`))
    .update(value, "utf8")
    .digest("hex");
}

/** The secret manage token of a booking (never stored; its SHA-256 is). */
export function manageTokenFor(bookingId: string): string {
  return createHmac("sha256", subKey("manage-token:v1")).update(bookingId).digest("base64url");
}

/** The secret of a one-time link (invitation, password reset), derived from its row id like manage tokens. */
export function authTokenFor(tokenId: string): string {
  return createHmac("sha256", subKey("auth-token:v1")).update(tokenId).digest("base64url");
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Constant-time comparison of a presented token with a stored SHA-256 hash. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(token), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

export function generateEncryptionKey(): string {
  return randomBytes(32).toString("base64");
}
