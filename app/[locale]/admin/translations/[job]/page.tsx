import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { openPage, type PageProps } from "@/app/[locale]/page-props";
import { FetchForm } from "@/components/admin/fetch-form";
import { TranslationPlanTable } from "@/components/admin/translations";
import { buttonClass } from "@/components/ui/button-class";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/db/client";
import { isLocale } from "@/lib/i18n/locales";
import { getTranslationImport } from "@/lib/translation/get-translation-import";
import { problemFromQuery, uploadError } from "../../../_console/upload-answer";

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({
    locale: isLocale(locale) ? locale : "en",
    namespace: "Admin.translations",
  });
  return { title: t("title") };
}

// A translated file's dry run, unit by unit, and its apply; once applied, the result.
export default async function TranslationJobPage({ params, searchParams }: PageProps<{ job: string }>) {
  const { locale, job: jobId } = await openPage(params);
  const path = `/${locale}/admin/translations/${encodeURIComponent(jobId)}`;
  const scope = await adminPage("catalogue.manage", locale, path);
  const job = await getTranslationImport(getDb(), scope.actor, jobId).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const problem = problemFromQuery((await searchParams).problem);
  const message = problem ? await uploadError(problem, locale, "Admin.translations") : null;
  const t = await getTranslations("Admin.translations");
  const c = job.counts;
  return (
    <div className="space-y-6">
      <PageHeader
        back={{
          href: { pathname: "/admin/translations", query: { city: job.city ?? "" } },
          label: t("uploadAgain"),
        }}
        title={t("dryRunTitle", { file: job.fileName })}
        intro={job.status === "PLANNED" ? t("dryRunIntro") : undefined}
      />
      {message && (
        <Notice tone="bad" role="alert">
          {message.message}
        </Notice>
      )}
      {job.status === "APPLIED" && (
        <Notice tone="good" role="status">
          {t("applied", { new: c.new, changed: c.changed })}
        </Notice>
      )}
      <p>{t("counts", { ...c })}</p>
      {c.sourceChanged > 0 && (
        <Notice tone="warning" role="note">
          {t("sourceChangedCount", { count: c.sourceChanged })}
        </Notice>
      )}
      {c.errors > 0 && job.status === "PLANNED" && (
        <Notice tone="bad" role="note">
          {t("hasErrors", { count: c.errors })}
        </Notice>
      )}
      {job.status === "PLANNED" && c.errors === 0 && (
        <FetchForm action={`/${locale}/admin/translations/${encodeURIComponent(job.id)}/apply`} next={path}>
          <button type="submit" className={buttonClass()}>
            {t("apply")}
          </button>
        </FetchForm>
      )}
      <TranslationPlanTable units={job.units} language={job.language} />
    </div>
  );
}
