import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { SectionSource } from "@/components/guide/section-source";
import { ActionForm } from "@/components/staff/action-form";
import { Field, TextAreaField } from "@/components/ui/field";
import { beijingFormat, languageNames } from "@/components/ui/formats";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { SECTION_BODY_MAX } from "@/lib/guide/codes";
import { getSectionEditor, sectionEditorSchema } from "@/lib/guide/get-section-editor";
import { localeMeta } from "@/lib/i18n/locales";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { saveGuideSectionAction } from "../../actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Admin.editor");

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/** One section in one language, its source (English or Chinese) beside it: side by side when wide, above when narrow. */
export default async function SectionEditorPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const sp = await searchParams;
  const path = `/${locale}/admin/guide/edit`;
  const scope = await adminPage("guide.manage", locale, path);
  // An unknown section, language or source is no page (as a mistyped address).
  const query = sectionEditorSchema.safeParse({
    city: one(sp.city),
    section: one(sp.section),
    language: one(sp.language),
    source: one(sp.source),
  });
  if (!query.success) notFound();
  const text = await getSectionEditor(getDb(), scope.actor, query.data).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const t = await getTranslations("Admin.editor");
  const ts = await getTranslations("Admin.section");
  const names = languageNames(locale);
  const language = names.of(text.language) ?? text.language;
  const when = beijingFormat(locale, "medium", "short");
  const dir = localeMeta[text.language].dir;
  const editorQuery = { city: text.city.slug, section: text.section, language: text.language };
  return (
    <div className="max-w-6xl space-y-6">
      <PageHeader
        back={{ href: { pathname: "/admin/guide", query: { city: text.city.slug } }, label: t("back") }}
        title={t("title", { section: ts(text.section), language })}
      >
        <p className="mt-6 text-slate-700">{t("intro")}</p>
      </PageHeader>
      {text.sourceUpdatedSince && text.source.text && text.updatedAt && (
        <Notice tone="warning" role="note" className="p-3">
          {t("sourceUpdated", {
            source: names.of(text.source.language) ?? text.source.language,
            sourceDate: when.format(text.source.text.updatedAt),
            date: when.format(text.updatedAt),
          })}
        </Notice>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <SectionSource
          locale={locale}
          query={editorQuery}
          choices={text.sourceChoices}
          source={text.source}
        />
        <section aria-labelledby="translation-heading" className="space-y-3">
          <h2 id="translation-heading" className="text-xl font-semibold">
            {t("translationHeading", { language })}
          </h2>
          <p className="text-sm text-slate-700">
            {text.updatedAt
              ? t("lastSaved", { date: when.format(text.updatedAt) })
              : t("notWritten", { language })}
          </p>
          <ActionForm
            action={saveGuideSectionAction}
            locale={locale}
            submitLabel={t("save")}
            hidden={editorQuery}
          >
            <Field
              id="title"
              name="title"
              label={t("sectionTitle")}
              required
              maxLength={200}
              defaultValue={text.title}
              lang={text.language}
              dir={dir}
            />
            <TextAreaField
              id="body"
              name="body"
              label={t("body")}
              hint={t("bodyHint")}
              rows={12}
              maxLength={SECTION_BODY_MAX}
              defaultValue={text.body}
              lang={text.language}
              dir={dir}
            />
          </ActionForm>
        </section>
      </div>
    </div>
  );
}
