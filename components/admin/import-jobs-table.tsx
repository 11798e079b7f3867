// The city's recent catalogue imports: file (a link to its page), status,
// when and by whom it was uploaded, and its rows by outcome.
import { getTranslations } from "next-intl/server";
import { beijingFormat } from "@/components/ui/formats";
import { StatusBadge, type BadgeTone } from "@/components/ui/status-badge";
import { Cell, Row, RowHeader, Table } from "@/components/ui/table";
import { Link } from "@/lib/i18n/navigation";

export type ImportJobRow = {
  id: string;
  fileName: string;
  status: "PLANNED" | "APPLYING" | "APPLIED" | "FAILED";
  createdAt: Date;
  createdBy: string | null;
  counts: { create: number; update: number; unchanged: number; error: number };
};

const tones: Record<ImportJobRow["status"], BadgeTone> = {
  PLANNED: "neutral",
  APPLYING: "warning",
  APPLIED: "good",
  FAILED: "bad",
};

export async function ImportJobsTable({ jobs, locale }: { jobs: readonly ImportJobRow[]; locale: string }) {
  const t = await getTranslations("Import");
  if (jobs.length === 0) return <p className="text-slate-700">{t("jobs.empty")}</p>;
  const when = beijingFormat(locale, "medium", "short");
  return (
    <Table
      caption={t("jobs.caption")}
      scroll
      columns={[
        { label: t("jobs.file") },
        { label: t("jobs.status") },
        { label: t("jobs.when") },
        { label: t("jobs.who") },
        { label: t("jobs.rows") },
      ]}
    >
      {jobs.map((job) => (
        <Row key={job.id}>
          <RowHeader>
            <Link href={`/admin/import/${job.id}`} className="break-all text-brand-700 underline">
              {job.fileName}
            </Link>
          </RowHeader>
          <Cell>
            <StatusBadge tone={tones[job.status]}>{t(`status.${job.status}`)}</StatusBadge>
          </Cell>
          <Cell>{when.format(job.createdAt)}</Cell>
          <Cell>{job.createdBy ?? t("jobs.someone")}</Cell>
          <Cell>
            {t("jobs.summary", {
              create: job.counts.create,
              update: job.counts.update,
              unchanged: job.counts.unchanged,
              error: job.counts.error,
            })}
          </Cell>
        </Row>
      ))}
    </Table>
  );
}
