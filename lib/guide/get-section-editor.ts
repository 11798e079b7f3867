// Use case: one section in one language as the guide editor shows it, beside
// its source: the same section in English or Chinese (the languages every
// guide is written in), read-only, with when each was last saved, and whether
// the source was saved after the translation (so the translation may no
// longer say what the source says). The text is the draft's, or the published
// version's while there is no draft.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { adminCity } from "../auth/admin-city";
import { requireAdmin } from "../auth/permissions";
import { locales } from "../i18n/locales";
import { slugParam } from "../slug";
import { REQUIRED_GUIDE_LOCALES } from "./codes";
import { sectionKeyParam } from "./guide-authoring";

export type SourceLanguage = (typeof REQUIRED_GUIDE_LOCALES)[number];

export const sectionEditorSchema = z
  .object({
    city: slugParam.optional(),
    section: sectionKeyParam,
    /** The language being written. */
    language: z.enum(locales),
    /** The source shown beside it; by default the one the section was first written in. */
    source: z.enum(REQUIRED_GUIDE_LOCALES).optional(),
  })
  .strict();

interface DatedText {
  locale: string;
  title: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The source languages offered for `language` (never itself), and the one
 * shown: the one asked for, else the one the section was first written in
 * (English on a tie or when neither is written).
 */
export function chooseSource(
  language: string,
  texts: readonly DatedText[],
  asked: SourceLanguage | undefined,
): { choices: SourceLanguage[]; source: SourceLanguage } {
  const choices = REQUIRED_GUIDE_LOCALES.filter((l) => l !== language);
  if (asked && choices.includes(asked)) return { choices, source: asked };
  const written = choices
    .map((l) => texts.find((t) => t.locale === l))
    .filter((t): t is DatedText => Boolean(t))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return { choices, source: (written[0]?.locale as SourceLanguage | undefined) ?? choices[0]! };
}

export async function getSectionEditor(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof sectionEditorSchema>,
) {
  const admin = requireAdmin(actor, "guide.manage");
  const city = await adminCity(db, admin, input.city);
  const versions = await db.guideVersion.findMany({
    where: { guide: { cityId: city.id }, status: { in: ["DRAFT", "PUBLISHED"] } },
    select: {
      status: true,
      sections: {
        where: { key: input.section },
        select: {
          translations: {
            where: { locale: { in: [input.language, ...REQUIRED_GUIDE_LOCALES] } },
            select: { locale: true, title: true, body: true, createdAt: true, updatedAt: true },
          },
        },
      },
    },
  });
  const working =
    versions.find((v) => v.status === "DRAFT") ?? versions.find((v) => v.status === "PUBLISHED");
  const texts = working?.sections[0]?.translations ?? [];
  const text = texts.find((t) => t.locale === input.language) ?? null;
  const { choices, source } = chooseSource(input.language, texts, input.source);
  const sourceText = texts.find((t) => t.locale === source) ?? null;
  return {
    city,
    section: input.section,
    language: input.language,
    title: text?.title ?? "",
    body: text?.body ?? "",
    updatedAt: text?.updatedAt ?? null,
    sourceChoices: choices,
    source: {
      language: source,
      text: sourceText
        ? { title: sourceText.title, body: sourceText.body, updatedAt: sourceText.updatedAt }
        : null,
    },
    /** The source was saved after this translation was last saved. */
    sourceUpdatedSince: Boolean(text && sourceText && sourceText.updatedAt > text.updatedAt),
  };
}

export type SectionEditor = Awaited<ReturnType<typeof getSectionEditor>>;
