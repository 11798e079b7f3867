import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/staff/action-form";
import { Field, TextAreaField } from "@/components/ui/field";
import { languageNames } from "@/components/ui/formats";
import { PageHeader } from "@/components/ui/page-header";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getInstitutionEditor } from "@/lib/catalogue/manage-institution";
import { getDb } from "@/lib/db/client";
import { isLocale, localeMeta } from "@/lib/i18n/locales";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { saveInstitutionTranslationAction } from "../../../actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps<{ slug: string }>;

export const generateMetadata = staffTitle("Admin.catalogue");

export default async function InstitutionTranslationPage({ params, searchParams }: Props) {
  const { locale, slug } = await openPage(params);
  const language = (await searchParams).language;
  const path = `/${locale}/admin/institutions/${slug}/translations`;
  const scope = await adminPage("catalogue.manage", locale, path);
  if (!isLocale(language)) notFound();
  const editor = await getInstitutionEditor(getDb(), scope.actor, slug).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const t = await getTranslations("Admin.catalogue");
  const current = editor.translations.find((x) => x.locale === language);
  const name = languageNames(locale).of(language) ?? language;
  const dir = localeMeta[language].dir;
  /** The text as written in that language, marked with its language and direction. */
  const written = (key: "name" | "address" | "intlDeptName" | "description") => ({
    lang: language,
    dir,
    defaultValue: current?.[key] ?? "",
  });
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        back={{ href: `/admin/institutions/${slug}`, label: editor.nameZh }}
        title={t("translationTitle", { language: name })}
      />
      <ActionForm
        action={saveInstitutionTranslationAction}
        locale={locale}
        submitLabel={t("saveTranslation")}
        hidden={{ institution: slug, language }}
      >
        {(["name", "address", "intlDeptName"] as const).map((key) => (
          <Field key={key} id={key} name={key} label={t(key)} required={key === "name"} {...written(key)} />
        ))}
        <TextAreaField
          id="description"
          name="description"
          label={t("description")}
          rows={6}
          maxLength={4000}
          {...written("description")}
        />
      </ActionForm>
    </div>
  );
}
