// One home for a visa letter's verification code (ADR 0014): 10 random
// characters of Crockford's base 32, printed as two groups of five, read back
// the Crockford way (case, spaces and dashes ignored; O is 0, I and L are 1)
// and compared in constant time.
import { randomInt, timingSafeEqual } from "node:crypto";

/** Crockford's base-32 alphabet: digits and letters without I, L, O and U. */
export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 10;
/** What a normalized code looks like (the database's CHECK says the same). */
export const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{10}$/;

/** A new random code, e.g. "K7Q2M9DXA4". */
export function newVerificationCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** As printed and shown: "K7Q2M-9DXA4". */
export function formatVerificationCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What a person typed, as stored: " k7q2m - 9dxa4 " → "K7Q2M9DXA4"; O → 0, I and L → 1. */
export function normalizeVerificationCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

/** True when the typed code (already normalized) is the stored one; constant time. */
export function verificationCodeMatches(stored: string, normalized: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(normalized);
  return a.length === b.length && timingSafeEqual(a, b);
}
