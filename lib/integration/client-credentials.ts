// One home for an integration client's credentials: the public client id, the
// secret shown once (256 random bits; only its SHA-256 is stored, ADR 0021)
// and the webhook signing secret (Standard Webhooks' "whsec_" form, kept
// encrypted because the outbox must sign with it later).
import { randomBytes } from "node:crypto";
import { encrypt, randomToken, sha256, tokenMatches } from "../crypto/secrets";

/** Prefixes say what a string is when it turns up in a log or a repository (secret scanners match them). */
export const CLIENT_ID_PREFIX = "ipp_";
export const CLIENT_SECRET_PREFIX = "ipps_";
const WEBHOOK_SECRET_PREFIX = "whsec_";

/** What a client id and a secret look like: anything else is refused before the database is asked. */
export const CLIENT_ID_PATTERN = /^ipp_[A-Za-z0-9_-]{22}$/;
export const CLIENT_SECRET_PATTERN = /^ipps_[A-Za-z0-9_-]{43}$/;

export function newClientId(): string {
  return `${CLIENT_ID_PREFIX}${randomToken(16)}`;
}

/** A new secret and the hash the database keeps. */
export function newClientSecret(): { secret: string; hash: string } {
  const secret = `${CLIENT_SECRET_PREFIX}${randomToken(32)}`;
  return { secret, hash: sha256(secret) };
}

/** Constant-time: whether `secret` is the one whose hash is stored. */
export function secretMatches(secret: string, storedHash: string): boolean {
  return CLIENT_SECRET_PATTERN.test(secret) && tokenMatches(secret, storedHash);
}

/** A webhook signing secret (24 random bytes, base64, as the standardwebhooks library reads it) and its sealed form. */
export function newWebhookSecret(): { secret: string; sealed: string } {
  const secret = `${WEBHOOK_SECRET_PREFIX}${randomBytes(24).toString("base64")}`;
  return { secret, sealed: encrypt(secret) };
}
