// Use case: the catalogue import's dry run. Reads the uploaded file (a whole
// file refused is a 400 naming why), decides per row create / update (with
// the field-by-field diff) / unchanged / error against the catalogue, and
// keeps the file, its SHA-256 and the plan as a PLANNED import job, so the
// admin reviews it (even after a reload) and applies exactly what was shown.
// Nothing of the catalogue is written. A city admin's rows must be of their
// city; a system admin may import any city's.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { requireAdmin } from "../../auth/permissions";
import type { DbClient } from "../../db/create-client";
import { locales } from "../../i18n/locales";
import { planCatalogue, type CataloguePlan } from "./catalogue-import";
import { recordPlannedJob } from "./import-jobs";
import { readCatalogueFile } from "./read-file";
import { actorAttributes, tracedUseCase } from "../../observability/trace";

export const planCatalogueImportSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array),
  /** The admin's language: the plan's messages are shown in it. */
  locale: z.enum(locales),
});
export type PlanCatalogueImportInput = z.output<typeof planCatalogueImportSchema>;

/** How long reading the catalogue for a dry run may take (thousands of rows). */
export const PLAN_TIMEOUT_MS = 120_000;

async function planCatalogueImportUntraced(
  db: DbClient,
  actor: Actor | null,
  input: PlanCatalogueImportInput,
  now: Date = new Date(),
): Promise<{ jobId: string; plan: CataloguePlan }> {
  const admin = requireAdmin(actor, "catalogue.manage");
  const file = await readCatalogueFile(input.bytes, input.fileName);
  const { plan } = await db.$transaction((tx) => planCatalogue(tx, { cityIds: admin.cityIds }, file), {
    timeout: PLAN_TIMEOUT_MS,
    maxWait: 15_000,
  });
  // The job belongs to the city its institutions are in (a city admin's own city when unclear).
  const citySlugs = [
    ...new Set(
      file.sheets.filter((s) => s.entity === "institutions").flatMap((s) => s.rows.map((r) => r.cells.city)),
    ),
  ].filter((c): c is string => Boolean(c));
  const cities = citySlugs.length
    ? await db.city.findMany({ where: { slug: { in: citySlugs } }, select: { id: true } })
    : [];
  const cityId =
    cities.length === 1 && (admin.cityIds === null || admin.cityIds.includes(cities[0]!.id))
      ? cities[0]!.id
      : (admin.cityIds?.[0] ?? null);
  const jobId = await recordPlannedJob(
    db,
    {
      kind: "CATALOGUE",
      cityId,
      createdById: admin.actor.userId,
      fileName: input.fileName,
      bytes: input.bytes,
      format: file.format,
      locale: input.locale,
      plan,
      totalRows: plan.rows.length,
      counts: plan.counts,
    },
    now,
  );
  return { jobId, plan };
}

/** planCatalogueImport with a "catalogue.planCatalogueImport" span around each call (lib/observability/trace.ts). */
export const planCatalogueImport = tracedUseCase(
  "catalogue.planCatalogueImport",
  planCatalogueImportUntraced,
  (_db, actor) => actorAttributes(actor),
);
