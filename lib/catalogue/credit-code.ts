// One home for the unified social credit code (统一社会信用代码, GB 32100-2015):
// 18 characters from a 31-character alphabet (digits and capitals without I,
// O, S, V, Z), the last a check character over the first 17 with the
// standard's weights. The catalogue import keys institutions by it, so a
// mistyped code must be caught before it creates a duplicate. The database
// checks the alphabet and length (migration 20261204090000); this checks
// the digit.
import { z } from "zod";

export const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NP-RTUWXY]{18}$/;

/** The check character the first 17 characters call for, or null if one is outside the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function isValidCreditCode(code: string): boolean {
  return CREDIT_CODE_PATTERN.test(code) && creditCodeCheckCharacter(code.slice(0, 17)) === code[17];
}

/** A field schema: trims, upper-cases, then "invalid" unless the format and check character hold. */
export const creditCodeParam = z.string().trim().toUpperCase().refine(isValidCreditCode, "invalid");
