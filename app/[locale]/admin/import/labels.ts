import "server-only";
// The dry run in the admin's language: a column key as its label
// (Import.columns, as the template's headers say it), a row problem as the
// sentence saying how to fix it (Import.problem.<code>, its {column} named
// by label), a file problem with where it is (Import.fileProblem.<code>).
import { getTranslations } from "next-intl/server";
import type { PlanRow } from "@/lib/catalogue/import/catalogue-import";
import { columnLabelOf, type ImportTranslator } from "@/lib/catalogue/import/column-labels";
import { isEntityKey, type EntityKey } from "@/lib/catalogue/import/columns";
import type { FileProblem } from "@/lib/catalogue/import/read-file";
import type { PlanRowView } from "@/components/admin/import-plan-table";

type Params = Record<string, string | number>;

export async function planLabels() {
  const t = await getTranslations("Import");
  // Message keys made of codes from the stored plan: asked with has() first, the code itself otherwise.
  const message = (key: string, params: Params): string | null => {
    const k = key as Parameters<typeof t>[0];
    return t.has(k) ? t(k, params as never) : null;
  };
  const column = (entity: EntityKey | null, key: string) =>
    entity ? columnLabelOf(t as unknown as ImportTranslator, entity, key) : key;
  const withColumn = (entity: EntityKey | null, params: Params = {}) =>
    typeof params.column === "string" ? { ...params, column: column(entity, params.column) } : params;

  const row = (r: PlanRow): PlanRowView => ({
    sheet: r.sheet,
    row: r.row,
    key: r.key,
    label: r.label,
    action: r.action,
    changes: (r.changes ?? []).map((c) => ({
      column: column(r.entity, c.column),
      before: c.before,
      after: c.after,
    })),
    problems: (r.problems ?? []).map((p) => ({
      column: p.column ? column(r.entity, p.column) : null,
      message: message(`problem.${p.code}`, withColumn(r.entity, p.params)) ?? p.code,
    })),
  });

  const fileProblem = (p: FileProblem) => {
    const entity = isEntityKey(p.sheet) ? p.sheet : null;
    const where = { sheet: p.sheet, row: p.row ?? 0, column: p.column ? column(entity, p.column) : "" };
    const at = p.row !== null ? (p.column ? "cell" : "row") : p.column ? "column" : "sheet";
    return {
      where: message(`job.at.${at}`, where) ?? p.sheet,
      message: message(`fileProblem.${p.code}`, { ...withColumn(entity, p.params), ...where }) ?? p.code,
    };
  };
  return { row, fileProblem };
}
