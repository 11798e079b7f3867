// What the job page makes of a dry run: whether it may be applied, which rows
// a filter keeps, and the page of them shown (thousands of rows, 100 a page).
import { z } from "zod";
import { planIsClean, type CataloguePlan, type PlanAction } from "@/lib/catalogue/import/catalogue-import";

/** Rows per page of the dry run's tables. */
export const ROWS_PER_PAGE = 100;

/** A dry run may be applied when nothing stands in its way (planIsClean) and something changes. */
export function applicable(plan: Pick<CataloguePlan, "counts" | "fileProblems">): boolean {
  return planIsClean(plan) && plan.counts.create + plan.counts.update > 0;
}

export const rowFilter = z.enum(["all", "errors", "changes"]).catch("all");
export type RowFilter = z.output<typeof rowFilter>;

export function keeps(filter: RowFilter, action: PlanAction): boolean {
  if (filter === "errors") return action === "error";
  if (filter === "changes") return action === "create" || action === "update";
  return true;
}

/** The 1-based page asked for, within 1..pages. */
export function pageOf(raw: unknown, total: number): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / ROWS_PER_PAGE));
  const asked = typeof raw === "string" && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return { page: Math.min(Math.max(asked, 1), pages), pages };
}

/** Rows grouped by sheet, in the order they come, for a table per sheet. */
export function bySheet<R extends { sheet: string }>(rows: readonly R[]): [string, R[]][] {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const group = groups.get(row.sheet);
    if (group) group.push(row);
    else groups.set(row.sheet, [row]);
  }
  return [...groups];
}
