// One import's page (issue 19): the dry run (counts, problems with the file,
// a table per sheet of rows with their outcome, field-by-field diff and
// problems, filtered and paged by the query), the Apply button when the run
// may be applied, the progress bar while it is applied (it survives a reload:
// the job is in the database), then the result or the reason it failed.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { openPage, type PageProps } from "@/app/[locale]/page-props";
import { ImportPlanTable } from "@/components/admin/import-plan-table";
import { ImportProgress, ProgressBar } from "@/components/admin/import-progress";
import { buttonClass } from "@/components/ui/button-class";
import { beijingFormat } from "@/components/ui/formats";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { Cell, Row, RowHeader, Table } from "@/components/ui/table";
import { notFound } from "next/navigation";
import { getImportJob, getImportJobSchema } from "@/lib/catalogue/import/get-import-job";
import { getDb } from "@/lib/db/client";
import { AppError, errorCodes, type ErrorCode } from "@/lib/errors";
import { localizeError } from "@/lib/http/errors";
import { Link } from "@/lib/i18n/navigation";
import type { PlanAction } from "@/lib/catalogue/import/catalogue-import";
import { applicable, bySheet, keeps, pageOf, ROWS_PER_PAGE, rowFilter } from "../job-view";
import { problemFromQuery, routeLocale, uploadError } from "../../../_console/upload-answer";
import { planLabels } from "../labels";

type Props = PageProps<{ job: string }>;

export async function generateMetadata({
  params,
}: {
  params: Promise<{ locale: string }>;
}): Promise<Metadata> {
  const t = await getTranslations({ locale: routeLocale((await params).locale), namespace: "Import" });
  return { title: t("title") };
}

const actions: PlanAction[] = ["create", "update", "unchanged", "error"];

export default async function ImportJobPage({ params, searchParams }: Props) {
  const { locale, job: jobId } = await openPage(params);
  const path = `/${locale}/admin/import/${encodeURIComponent(jobId)}`;
  const scope = await adminPage("catalogue.manage", locale, path);
  const input = getImportJobSchema.safeParse({ jobId });
  if (!input.success) notFound();
  const job = await getImportJob(getDb(), scope.actor, input.data).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const labels = await planLabels();
  const query = await searchParams;
  const t = await getTranslations("Import");
  const when = beijingFormat(locale, "medium", "short");
  const filter = rowFilter.parse(query.show);
  const shown = job.plan.rows.filter((r) => keeps(filter, r.action));
  const { page, pages } = pageOf(query.page, shown.length);
  const pageRows = shown.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE);
  const refused = problemFromQuery(query.problem);
  const refusal = refused ? (await uploadError(refused, locale)).message : null;
  const failure =
    job.status === "FAILED"
      ? (
          await localizeError(
            new AppError(
              errorCodes.includes(job.errorCode as ErrorCode) ? (job.errorCode as ErrorCode) : "INTERNAL",
            ),
            locale,
          )
        ).message
      : null;
  const counts = job.plan.counts;
  const changes = counts.create + counts.update;
  const fileProblems = job.plan.fileProblems.map(labels.fileProblem);
  const blocked = counts.error > 0 || fileProblems.length > 0;
  const at = (page: number) =>
    `?${new URLSearchParams({ ...(filter !== "all" && { show: filter }), page: String(page) })}`;
  const messages = await getMessages();
  const progressMessages = { Import: { job: { progress: messages.Import.job.progress } } };
  const applying = job.status === "APPLYING" || (job.status === "PLANNED" && query.started === "1");

  return (
    <div className="space-y-8">
      <PageHeader
        back={{ href: "/admin/import", label: t("job.back") }}
        title={t("job.title", { file: job.fileName })}
        intro={t("job.uploaded", {
          when: when.format(job.createdAt),
          who: job.createdBy ?? t("jobs.someone"),
        })}
      />

      {refusal && (
        <Notice tone="bad" role="alert">
          {refusal}
        </Notice>
      )}

      <Table
        caption={t("job.countsCaption")}
        columns={[{ label: t("job.outcome") }, { label: t("jobs.rows"), end: true }]}
      >
        {actions.map((action) => (
          <Row key={action}>
            <RowHeader>{t(`action.${action}`)}</RowHeader>
            <Cell end>{new Intl.NumberFormat(locale).format(counts[action])}</Cell>
          </Row>
        ))}
      </Table>

      {applying && (
        <NextIntlClientProvider messages={progressMessages}>
          <ImportProgress
            progressUrl={`${path}/progress`}
            jobUrl={path}
            initial={{ status: job.status, processedRows: job.processedRows, totalRows: job.totalRows }}
          />
        </NextIntlClientProvider>
      )}

      {job.status === "APPLIED" && (
        <Section id="applied" title={t("job.applied.title")}>
          <Notice tone="good">
            {t("job.applied.text", {
              when: job.appliedAt ? when.format(job.appliedAt) : "",
              create: job.counts.create,
              update: job.counts.update,
            })}
          </Notice>
          <ProgressBar
            label={t("job.progress.label")}
            done={job.totalRows}
            total={job.totalRows}
            text={t("job.progress.rows", { done: job.totalRows, total: job.totalRows })}
          />
          {job.changedInstitutions.length > 0 && (
            <>
              <h3 className="font-semibold">{t("job.applied.changed")}</h3>
              <ul className="list-disc space-y-1 ps-5">
                {job.changedInstitutions.map((i) => (
                  <li key={i.slug}>
                    <Link href={`/admin/institutions/${i.slug}`} className="text-brand-700 underline">
                      {i.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Section>
      )}

      {job.status === "FAILED" && (
        <Section id="failed" title={t("job.failed.title")}>
          <Notice tone="bad" role="alert">
            {failure} {t("job.failed.text")}
          </Notice>
          <Link href="/admin/import#upload" className={buttonClass("quiet")}>
            {t("job.failed.again")}
          </Link>
        </Section>
      )}

      {job.status === "PLANNED" && !applying && (
        <Section id="apply" title={t("job.apply.title")} intro={t("job.apply.intro")}>
          {applicable(job.plan) ? (
            <form method="post" action={`${path}/apply`}>
              <button type="submit" className={buttonClass()}>
                {t("job.apply.submit", { count: changes })}
              </button>
            </form>
          ) : (
            <Notice tone={blocked ? "bad" : "neutral"}>
              {blocked ? t("job.apply.errors") : t("job.apply.nothing")}
            </Notice>
          )}
        </Section>
      )}

      {fileProblems.length > 0 && (
        <Section id="file-problems" title={t("job.fileProblems")}>
          <ul className="list-disc space-y-1 ps-5 text-red-800">
            {fileProblems.map((p, i) => (
              <li key={i}>
                <span className="font-medium">{p.where}</span>: {p.message}
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="rows" title={t("job.rowsTitle")}>
        <form method="get" className="flex flex-wrap items-end gap-3">
          <fieldset className="flex flex-wrap gap-3">
            <legend className="font-medium">{t("job.filter.label")}</legend>
            {(["all", "errors", "changes"] as const).map((f) => (
              <label key={f} className="flex items-center gap-1">
                <input type="radio" name="show" value={f} defaultChecked={filter === f} />
                {t(`job.filter.${f}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit" className={buttonClass("quiet", "small")}>
            {t("job.filter.submit")}
          </button>
        </form>
        {pageRows.length === 0 ? (
          <p className="text-slate-700">{t("job.noRows")}</p>
        ) : (
          bySheet(pageRows).map(([sheet, rows]) => (
            <ImportPlanTable key={sheet} sheet={sheet} rows={rows.map(labels.row)} locale={locale} />
          ))
        )}
        {pages > 1 && (
          <nav aria-label={t("job.pages")} className="flex flex-wrap items-center gap-3">
            {page > 1 && (
              <a href={at(page - 1)} className="text-brand-700 underline">
                {t("job.previous")}
              </a>
            )}
            <span aria-current="page">{t("job.page", { page, pages })}</span>
            {page < pages && (
              <a href={at(page + 1)} className="text-brand-700 underline">
                {t("job.next")}
              </a>
            )}
          </nav>
        )}
      </Section>
    </div>
  );
}
