import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { openPage, type PageProps } from "@/app/[locale]/page-props";
import { CityPicker } from "@/components/admin/city-picker";
import {
  TranslationCompletenessTable,
  TranslationExportForm,
  TranslationUploadForm,
} from "@/components/admin/translations";
import { PageHeader } from "@/components/ui/page-header";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/lib/db/client";
import { isLocale } from "@/lib/i18n/locales";
import { MAX_TRANSLATION_FILE_BYTES } from "@/lib/translation/translation-file";
import { translationCompleteness } from "@/lib/translation/translation-completeness";
import { problemFromQuery, uploadError } from "../../_console/upload-answer";

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({
    locale: isLocale(locale) ? locale : "en",
    namespace: "Admin.translations",
  });
  return { title: t("title") };
}

// The translator's workflow (issue 19): export a language's missing or outdated texts, upload the
// translated file for a dry run (the upload route), and how far each language is.
export default async function TranslationsPage({ params, searchParams }: PageProps) {
  const { locale } = await openPage(params);
  const path = `/${locale}/admin/translations`;
  const scope = await adminPage("catalogue.manage", locale, path);
  const query = await searchParams;
  const city = typeof query.city === "string" && query.city !== "" ? query.city : undefined;
  const completeness = await translationCompleteness(getDb(), scope.actor, city, locale).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const problem = problemFromQuery(query.problem);
  const message = problem ? await uploadError(problem, locale, "Admin.translations") : null;
  const t = await getTranslations("Admin.translations");
  const language = typeof query.language === "string" ? query.language : undefined;
  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} intro={t("intro")}>
        <CityPicker cities={completeness.city.cities} current={completeness.city.slug} />
      </PageHeader>
      {message && (
        <Notice tone="bad" role="alert">
          {message.message}
        </Notice>
      )}
      <TranslationExportForm locale={locale} city={completeness.city.slug} language={language} />
      <TranslationUploadForm
        locale={locale}
        city={completeness.city.slug}
        maxKilobytes={Math.floor(MAX_TRANSLATION_FILE_BYTES / 1024)}
      />
      <TranslationCompletenessTable completeness={completeness} locale={locale} />
    </div>
  );
}
