import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/staff/action-form";
import { TextField } from "@/components/staff/text-field";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getInstitutionEditor } from "@/lib/catalogue/manage-institution";
import { getDb } from "@/lib/db/client";
import { isLocale, localeMeta } from "@/lib/i18n/locales";
import { Link } from "@/lib/i18n/navigation";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { saveInstitutionTranslationAction } from "../../../actions";

type Props = {
  params: Promise<{ locale: Locale; slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const generateMetadata = staffTitle("Admin.catalogue");

export default async function InstitutionTranslationPage({ params, searchParams }: Props) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const language = (await searchParams).language;
  const path = `/${locale}/admin/institutions/${slug}/translations`;
  const scope = await adminPage("catalogue.manage", locale, path);
  if (!isLocale(language)) notFound();
  const editor = await getInstitutionEditor(getDb(), scope.actor, slug).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const t = await getTranslations("Admin.catalogue");
  const current = editor.translations.find((x) => x.locale === language);
  const name = new Intl.DisplayNames([locale], { type: "language" }).of(language) ?? language;
  const dir = localeMeta[language].dir;
  const field = "mt-1 block w-full rounded border border-slate-400 px-3 py-2";
  return (
    <div className="max-w-3xl space-y-6">
      <Link href={`/admin/institutions/${slug}`} className="text-brand-700 underline">
        {editor.nameZh}
      </Link>
      <h1 className="text-3xl font-bold text-brand-800">{t("translationTitle", { language: name })}</h1>
      <ActionForm
        action={saveInstitutionTranslationAction}
        locale={locale}
        submitLabel={t("saveTranslation")}
      >
        <input type="hidden" name="institution" value={slug} />
        <input type="hidden" name="language" value={language} />
        <TextField
          id="name"
          label={t("name")}
          name="name"
          required
          lang={language}
          dir={dir}
          defaultValue={current?.name ?? ""}
          className={field}
        />
        <TextField
          id="address"
          label={t("address")}
          name="address"
          lang={language}
          dir={dir}
          defaultValue={current?.address ?? ""}
          className={field}
        />
        <div>
          <label htmlFor="description" className="block font-medium">
            {t("description")}
          </label>
          <textarea
            id="description"
            name="description"
            rows={6}
            maxLength={4000}
            lang={language}
            dir={dir}
            defaultValue={current?.description ?? ""}
            className={field}
          />
        </div>
      </ActionForm>
    </div>
  );
}
