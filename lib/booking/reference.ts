import { randomInt } from "node:crypto";

// No 0/O or 1/I/L: a reference is read aloud over the phone.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A human-readable booking reference such as "IPP-7K3Q-9DMA". */
export function newReference(): string {
  const part = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `IPP-${part()}-${part()}`;
}

/** What a reference looks like (for validation and the OpenAPI document). */
export const REFERENCE_PATTERN = /^IPP-[A-Z0-9]{4}-[A-Z0-9]{4}$/;
