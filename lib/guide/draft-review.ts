// One home for what a publication confirms: the draft's revision (a digest of
// every section's text in every language, so a confirmation given for one
// text never publishes another), which languages are complete, and which
// sections changed since the version in force. Pure: the confirmation page
// and publishGuide compute them from the same rows.
import { sha256 } from "../crypto/secrets";
import type { GuideSectionKey } from "../db/generated/client";
import { locales, type Locale } from "../i18n/locales";
import { guideSectionKeys, REQUIRED_GUIDE_LOCALES } from "./codes";

export interface SectionTexts {
  key: GuideSectionKey;
  translations: { locale: string; title: string; body: string }[];
}

/** A revision is a SHA-256 in hex: the form sends it back as it was shown. */
export const REVISION_PATTERN = /^[0-9a-f]{64}$/;

/** The draft's text as one digest, independent of the order rows come in. */
export function draftRevision(sections: SectionTexts[]): string {
  const rows = sections
    .flatMap((s) => s.translations.map((t) => [s.key, t.locale, t.title, t.body]))
    .sort((a, b) => (a[0]! + "\u0000" + a[1]! < b[0]! + "\u0000" + b[1]! ? -1 : 1));
  return sha256(JSON.stringify(rows));
}

const written = (section: SectionTexts | undefined, locale: string) =>
  Boolean(section?.translations.some((t) => t.locale === locale && t.title.trim()));

/** Per language, the sections it lacks (readers of that language see them in a fallback language). */
export function languageCompleteness(
  sections: SectionTexts[],
): { locale: Locale; missing: GuideSectionKey[] }[] {
  return locales.map((locale) => ({
    locale,
    missing: guideSectionKeys.filter(
      (key) =>
        !written(
          sections.find((s) => s.key === key),
          locale,
        ),
    ),
  }));
}

/** The required texts (English and Chinese) missing, as "SECTION:locale", section by section. */
export function missingRequired(sections: SectionTexts[]): string[] {
  return guideSectionKeys.flatMap((key) =>
    REQUIRED_GUIDE_LOCALES.filter(
      (l) =>
        !written(
          sections.find((s) => s.key === key),
          l,
        ),
    ).map((l) => `${key}:${l}`),
  );
}

/**
 * The sections whose text differs from the published version's, with the
 * languages that differ (written, rewritten; a language cannot be removed).
 * With nothing published, every written section is new.
 */
export function changedSections(
  draft: SectionTexts[],
  published: SectionTexts[] | null,
): { key: GuideSectionKey; locales: string[] }[] {
  return guideSectionKeys.flatMap((key) => {
    const now = draft.find((s) => s.key === key)?.translations ?? [];
    const before = published?.find((s) => s.key === key)?.translations ?? [];
    const changed = locales.filter((locale) => {
      const a = now.find((t) => t.locale === locale);
      const b = before.find((t) => t.locale === locale);
      return a ? !b || a.title !== b.title || a.body !== b.body : false;
    });
    return changed.length > 0 ? [{ key, locales: changed }] : [];
  });
}
