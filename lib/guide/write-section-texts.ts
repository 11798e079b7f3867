// Writes guide section texts in one language inside a caller's transaction:
// the translation import's guide units. Like saveGuideSection (which runs its
// own transaction for one form), it writes to the draft, made from the
// published version when there is none (ensureDraft), and a text whose title
// and body are unchanged keeps its updatedAt, so re-importing the same file
// marks nothing newer than its source.
import type { TxClient } from "../db/create-client";
import type { GuideSectionKey } from "../db/generated/client";
import { ensureDraft, lockGuide } from "./guide-authoring";

export interface SectionTextWrite {
  section: GuideSectionKey;
  language: string;
  /** Left out: keeps the stored one (a new text needs a title). */
  title?: string;
  body?: string;
}

/** Returns each write's outcome, in order. */
export async function writeSectionTexts(
  tx: TxClient,
  cityId: string,
  actorId: string,
  writes: readonly SectionTextWrite[],
  now: Date = new Date(),
): Promise<("created" | "updated" | "unchanged")[]> {
  if (writes.length === 0) return [];
  const guideId = await lockGuide(tx, cityId);
  const draftId = await ensureDraft(tx, guideId, actorId);
  const outcomes: ("created" | "updated" | "unchanged")[] = [];
  for (const w of writes) {
    const section = await tx.guideSection.findUniqueOrThrow({
      where: { versionId_key: { versionId: draftId, key: w.section } },
      select: { id: true, translations: { where: { locale: w.language } } },
    });
    const before = section.translations[0];
    if (!before) {
      if (!w.title) throw new Error("writeSectionTexts: a new section text needs a title");
      await tx.guideSectionTranslation.create({
        data: {
          sectionId: section.id,
          locale: w.language,
          title: w.title,
          body: w.body ?? "",
          createdAt: now,
          updatedAt: now,
        },
      });
      outcomes.push("created");
      continue;
    }
    const title = w.title ?? before.title;
    const body = w.body ?? before.body;
    if (title === before.title && body === before.body) {
      outcomes.push("unchanged");
      continue;
    }
    await tx.guideSectionTranslation.update({
      where: { sectionId_locale: { sectionId: section.id, locale: w.language } },
      data: { title, body, updatedAt: now },
    });
    outcomes.push("updated");
  }
  return outcomes;
}
