// What publishing the draft would publish, said before it is published: the
// version number, what it replaces, which languages are complete (and what
// readers of the others see), and the sections changed since the version in
// force. The page around it holds the confirmation and the way back.
import { getTranslations } from "next-intl/server";
import { beijingFormat, languageNames } from "@/components/ui/formats";
import { Section } from "@/components/ui/section";
import { guideSectionKeys } from "@/lib/guide/codes";
import type { PublicationReview as Review } from "@/lib/guide/review-publication";

export async function PublicationReview({ review, locale }: { review: Review; locale: string }) {
  const t = await getTranslations("Admin.publish");
  const ts = await getTranslations("Admin.section");
  const names = languageNames(locale);
  const name = (l: string) => names.of(l) ?? l;
  const list = new Intl.ListFormat(locale, { type: "conjunction" });
  const when = beijingFormat(locale, "medium", "short");
  const complete = review.languages.filter((l) => l.missing.length === 0);
  const incomplete = review.languages.filter((l) => l.missing.length > 0);
  return (
    <div className="space-y-6">
      <p>
        {review.published
          ? t("replaces", {
              version: review.published.version,
              date: review.published.publishedAt ? when.format(review.published.publishedAt) : "",
            })
          : t("first")}
      </p>
      <Section id="languages" title={t("languages")}>
        <p data-testid="complete-languages">
          {complete.length > 0
            ? t("complete", { languages: list.format(complete.map((l) => name(l.locale))) })
            : t("noneComplete")}
        </p>
        {incomplete.length > 0 && (
          <>
            <p>{t("incompleteIntro")}</p>
            <ul className="list-disc space-y-1 ps-6" data-testid="incomplete-languages">
              {incomplete.map((l) => (
                <li key={l.locale} data-locale={l.locale}>
                  {t("incomplete", {
                    language: name(l.locale),
                    count: l.missing.length,
                    total: guideSectionKeys.length,
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
      <Section id="changes" title={t("changes")}>
        {review.changes.length === 0 ? (
          <p>{t("noChanges", { version: review.published?.version ?? 0 })}</p>
        ) : (
          <>
            <p>
              {review.published
                ? t("changesSince", { version: review.published.version })
                : t("changesFirst")}
            </p>
            <ul className="list-disc space-y-1 ps-6" data-testid="changed-sections">
              {review.changes.map((c) => (
                <li key={c.key} data-section={c.key}>
                  {t("changeLine", {
                    section: ts(c.key),
                    languages: list.format(c.locales.map(name)),
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
    </div>
  );
}
