// The catalogue import's home (issue 19): upload a file for a dry run,
// download the templates in the admin's language, export the city's catalogue
// in the same format, and the city's recent imports.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { openPage, type PageProps } from "@/app/[locale]/page-props";
import { CityPicker } from "@/components/admin/city-picker";
import { ImportJobsTable } from "@/components/admin/import-jobs-table";
import { ImportUploadForm } from "@/components/admin/import-upload-form";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { adminCity } from "@/lib/auth/admin-city";
import { entityKeys } from "@/lib/catalogue/import/columns";
import { listImportJobs } from "@/lib/catalogue/import/list-import-jobs";
import { MAX_FILE_BYTES } from "@/lib/catalogue/import/read-file";
import { getDb } from "@/lib/db/client";
import { problemFromQuery, routeLocale, uploadError } from "../../_console/upload-answer";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ locale: string }>;
}): Promise<Metadata> {
  const t = await getTranslations({ locale: routeLocale((await params).locale), namespace: "Import" });
  return { title: t("title") };
}

const download = "text-brand-700 underline";

export default async function ImportPage({ params, searchParams }: PageProps) {
  const { locale } = await openPage(params);
  const path = `/${locale}/admin/import`;
  const scope = await adminPage("catalogue.manage", locale, path);
  const query = await searchParams;
  const db = getDb();
  const citySlug = typeof query.city === "string" && query.city !== "" ? query.city : undefined;
  const [city, jobs] = await Promise.all([
    adminCity(db, scope, citySlug, locale),
    listImportJobs(db, scope.actor, { city: citySlug }),
  ]).catch((e: unknown) => pageError(e, locale, path));
  const t = await getTranslations("Import");
  const refused = problemFromQuery(query.problem);
  const error = refused
    ? await uploadError(refused, locale).then((e) => ({
        message: e.message,
        detail: Object.values(e.fields ?? {}).join(" ") || undefined,
      }))
    : undefined;
  const entityName = (entity: (typeof entityKeys)[number]) => t(`entity.${entity}`);
  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} intro={t("intro", { city: city.name })}>
        <div className="mt-3">
          <CityPicker cities={city.cities} current={city.slug} />
        </div>
      </PageHeader>

      <Section
        id="upload"
        title={t("upload.title")}
        intro={t("upload.intro", { maxMegabytes: MAX_FILE_BYTES / (1024 * 1024) })}
      >
        <ImportUploadForm
          action={`${path}/upload`}
          error={error}
          labels={{
            file: t("upload.file"),
            hint: t("upload.hint"),
            submit: t("upload.submit"),
            pending: t("upload.pending"),
            failed: t("upload.failed"),
          }}
        />
      </Section>

      <Section id="templates" title={t("templates.title")} intro={t("templates.intro")}>
        <ul className="list-disc space-y-1 ps-5">
          <li>
            <a href={`${path}/template?entity=all&format=xlsx`} className={download} download>
              {t("templates.all")}
            </a>
          </li>
          {entityKeys.map((entity) => (
            <li key={entity}>
              <a href={`${path}/template?entity=${entity}&format=csv`} className={download} download>
                {t("templates.csv", { entity: entityName(entity) })}
              </a>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="export" title={t("export.title", { city: city.name })} intro={t("export.intro")}>
        <ul className="list-disc space-y-1 ps-5">
          <li>
            <a href={`${path}/export?city=${city.slug}&format=xlsx`} className={download} download>
              {t("export.all")}
            </a>
          </li>
          {entityKeys.map((entity) => (
            <li key={entity}>
              <a
                href={`${path}/export?city=${city.slug}&entity=${entity}&format=csv`}
                className={download}
                download
              >
                {t("export.csv", { entity: entityName(entity) })}
              </a>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="jobs" title={t("jobs.title")}>
        <ImportJobsTable jobs={jobs} locale={locale} />
      </Section>
    </div>
  );
}
