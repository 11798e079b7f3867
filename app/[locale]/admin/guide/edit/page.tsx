import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/action-form";
import { Field, TextAreaField } from "@/components/ui/field";
import { languageNames } from "@/components/ui/formats";
import { PageHeader } from "@/components/ui/page-header";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { SECTION_BODY_MAX } from "@/lib/guide/codes";
import { getSectionText } from "@/lib/guide/guide-authoring";
import { localeMeta } from "@/lib/i18n/locales";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { saveGuideSectionAction } from "../../actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Admin.editor");

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function SectionEditorPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const sp = await searchParams;
  const path = `/${locale}/admin/guide/edit`;
  const scope = await adminPage("guide.manage", locale, path);
  const text = await getSectionText(getDb(), scope.actor, {
    city: one(sp.city),
    section: one(sp.section),
    language: one(sp.language),
  }).catch((e: unknown) => pageError(e, locale, path));
  const t = await getTranslations("Admin.editor");
  const ts = await getTranslations("Admin.section");
  const language = languageNames(locale).of(text.language) ?? text.language;
  const dir = localeMeta[text.language].dir;
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        back={{ href: { pathname: "/admin/guide", query: { city: text.city.slug } }, label: t("back") }}
        title={t("title", { section: ts(text.section), language })}
      >
        <p className="mt-6 text-slate-700">{t("intro")}</p>
      </PageHeader>
      <ActionForm
        action={saveGuideSectionAction}
        locale={locale}
        submitLabel={t("save")}
        hidden={{ city: text.city.slug, section: text.section, language: text.language }}
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
    </div>
  );
}
