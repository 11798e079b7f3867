// One sheet of an import's dry run as a table: the spreadsheet's row number,
// the row's key and name, its outcome, and what it would change (column:
// before → after, a long text cut with the whole in a <details>) or what is
// wrong with it (column and how to fix it, in the admin's language).
import { getTranslations } from "next-intl/server";
import { StatusBadge, type BadgeTone } from "@/components/ui/status-badge";
import { Cell, Row, RowHeader, Table } from "@/components/ui/table";
import { direction, type Locale } from "@/lib/i18n/locales";

export type PlanRowView = {
  sheet: string;
  row: number;
  key: string;
  label: string;
  action: "create" | "update" | "unchanged" | "error";
  /** Each change with its column's label, in the admin's language. */
  changes: { column: string; before: string; after: string }[];
  /** Each problem: where (its column's label) and the sentence saying how to fix it. */
  problems: { column: string | null; message: string }[];
};

const tones: Record<PlanRowView["action"], BadgeTone> = {
  create: "good",
  update: "warning",
  unchanged: "neutral",
  error: "bad",
};

const SHORT = 80;

async function Value({ text }: { text: string }) {
  const t = await getTranslations("Import");
  if (text === "") return <span className="text-slate-500 italic">{t("job.empty")}</span>;
  const chars = [...text];
  if (chars.length <= SHORT) return <span className="break-words">{text}</span>;
  const cut = `${chars.slice(0, SHORT - 1).join("")}\u2026`;
  return (
    <div>
      <span className="break-words">{cut}</span>
      <details className="mt-1">
        <summary className="cursor-pointer text-brand-700 underline">{t("job.wholeText")}</summary>
        <p className="whitespace-pre-wrap break-words">{text}</p>
      </details>
    </div>
  );
}

type Props = { sheet: string; rows: PlanRowView[]; locale: Locale };

export async function ImportPlanTable({ sheet, rows, locale }: Props) {
  const t = await getTranslations("Import");
  // "before → after" in reading order: the arrow points left in a right-to-left language.
  const arrow = direction(locale) === "rtl" ? "←" : "→";
  return (
    <Table
      caption={t("job.sheet", { sheet, rows: rows.length })}
      showCaption
      scroll
      columns={[
        { label: t("job.row"), end: true },
        { label: t("job.key") },
        { label: t("job.name") },
        { label: t("job.outcome") },
        { label: t("job.details") },
      ]}
    >
      {rows.map((r) => (
        <Row key={`${r.sheet}:${r.row}`}>
          <Cell end>{r.row}</Cell>
          <Cell>
            <span dir="ltr" className="font-mono text-xs">
              {r.key}
            </span>
          </Cell>
          <RowHeader>{r.label}</RowHeader>
          <Cell>
            <StatusBadge tone={tones[r.action]}>{t(`action.${r.action}`)}</StatusBadge>
          </Cell>
          <Cell>
            {r.problems.length > 0 && (
              <ul className="space-y-1 text-red-800">
                {r.problems.map((p, i) => (
                  <li key={i}>
                    {p.column && <span className="font-medium">{p.column}: </span>}
                    {p.message}
                  </li>
                ))}
              </ul>
            )}
            {r.changes.length > 0 && (
              <ul className="space-y-1">
                {r.changes.map((c) => (
                  <li key={c.column}>
                    <span className="font-medium">{c.column}</span>
                    {": "}
                    <Value text={c.before} /> <span aria-hidden="true">{arrow}</span>
                    <span className="sr-only">{t("job.becomes")}</span> <Value text={c.after} />
                  </li>
                ))}
              </ul>
            )}
          </Cell>
        </Row>
      ))}
    </Table>
  );
}
