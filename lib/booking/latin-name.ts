// One home for a patient's name in Latin letters, for staff who cannot read the
// script it was typed in (a Chinese-speaking nurse and a Cyrillic or Arabic
// name): any-ascii's transliteration, which follows the passport (ICAO 9303)
// spelling for Cyrillic (Kh, Ts, Shch). A name already in Latin letters (with
// or without accents) is shown as typed, so this answers null for it.
import anyAscii from "any-ascii";

/** A letter of any script other than Latin. */
const NON_LATIN_LETTER = /(?!\p{Script=Latin})\p{L}/u;

/**
 * The name in Latin letters, each word capitalized as on a passport's visual
 * zone ("Ольга Царёва" → "Olga Tsareva"), or null when it is Latin already.
 * Transliteration of a script without written vowels (Arabic) is approximate.
 */
export function latinName(name: string): string | null {
  if (!NON_LATIN_LETTER.test(name)) return null;
  const latin = anyAscii(name.normalize("NFC"))
    // Passports drop the soft and hard signs and the Arabic ʿayn/hamza that any-ascii writes as ' and `.
    .replace(/['`]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/(^|[\s-])([a-z])/g, (_m, before: string, letter: string) => before + letter.toUpperCase());
  return latin === "" ? null : latin;
}
