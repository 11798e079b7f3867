// Use case: the dry run of a translated file. Reads the file (XLIFF 2.0 or
// the export's XLSX), plans every unit against the city's texts now, and
// keeps the file and its plan as an ImportJob of kind TRANSLATION: nothing of
// the catalogue or the guide is written until the admin applies it. A file
// that cannot be read at all (a DOCTYPE, another language, too large) is
// refused whole and leaves no job.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { adminCity } from "../auth/admin-city";
import { requireAdmin } from "../auth/permissions";
import { locales } from "../i18n/locales";
import { slugParam } from "../slug";
import { readTranslationFile } from "./translation-file";
import { planUnits } from "./translation-plan";
import { recordPlannedJob } from "../catalogue/import/import-jobs";

export const planTranslationImportSchema = z
  .object({
    city: slugParam.optional(),
    /** The language the file is a translation into; the file must say the same. */
    language: z.enum(locales),
    fileName: z.string().trim().min(1).max(200),
    bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array),
    /** The admin's language. */
    locale: z.enum(locales),
  })
  .strict();

export async function planTranslationImport(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof planTranslationImportSchema>,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "catalogue.manage");
  const city = await adminCity(db, admin, input.city, input.locale);
  const file = await readTranslationFile(input.bytes, input.language);
  const { units, counts } = await planUnits(db, city.id, input.language, file.entries);
  const job = await recordPlannedJob(
    db,
    {
      kind: "TRANSLATION",
      cityId: city.id,
      createdById: admin.actor.userId,
      fileName: input.fileName,
      bytes: input.bytes,
      format: file.format,
      locale: input.locale,
      plan: { language: input.language, units },
      totalRows: units.length,
      counts,
    },
    now,
  );
  return { job, city: city.slug, language: input.language, counts, units };
}
