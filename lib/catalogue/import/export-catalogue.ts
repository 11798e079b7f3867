// Use case: a city's catalogue (every city's for a system admin who names
// none) as a file in the import format, spelled cell by cell as the dry run
// compares (rows.ts), so editing the export and uploading it again updates
// exactly the rows that were edited, and an untouched export is unchanged
// throughout. Institutions without a credit code (added by the form before
// codes existed) have no import key and are left out with what hangs on them.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { adminCity } from "../../auth/admin-city";
import { requireAdmin } from "../../auth/permissions";
import type { DbClient } from "../../db/create-client";
import { AppError } from "../../errors";
import { locales } from "../../i18n/locales";
import { slugParam } from "../../slug";
import { entityKeys, type EntityKey } from "./columns";
import { storedCells } from "./rows";
import { loadAgreements, loadDepartments, loadInstitutions, loadPackages } from "./stored";
import { writeCatalogueFile } from "./write-file";

export const exportCatalogueSchema = z
  .object({
    city: slugParam.optional(),
    format: z.enum(["xlsx", "csv"]),
    /** One entity, or every one (XLSX only: a CSV holds one entity). */
    entity: z.enum(entityKeys).optional(),
    locale: z.enum(locales),
  })
  .refine((v) => v.format === "xlsx" || v.entity !== undefined, { path: ["entity"], message: "required" });
export type ExportCatalogueInput = z.output<typeof exportCatalogueSchema>;

export async function exportCatalogue(
  db: DbClient,
  actor: Actor | null,
  input: ExportCatalogueInput,
): Promise<Uint8Array> {
  const admin = requireAdmin(actor, "catalogue.manage");
  if (input.format === "csv" && !input.entity)
    throw new AppError("VALIDATION_FAILED", { fields: { entity: "required" } });
  const cityIds = input.city ? [(await adminCity(db, admin, input.city)).id] : admin.cityIds;
  const inCities = cityIds ? { cityId: { in: cityIds } } : {};
  const keyed = { ...inCities, creditCode: { not: null } };
  const wanted: EntityKey[] = input.entity ? [input.entity] : [...entityKeys];
  const sheets: { entity: EntityKey; rows: Record<string, string>[] }[] = [];
  for (const entity of wanted) {
    const stored =
      entity === "institutions"
        ? await loadInstitutions(db, keyed)
        : entity === "departments"
          ? await loadDepartments(db, { institution: keyed })
          : entity === "packages"
            ? await loadPackages(db, { institution: keyed })
            : await loadAgreements(db, { institution: keyed });
    sheets.push({ entity, rows: stored.map((s) => storedCells(entity, s)) });
  }
  return writeCatalogueFile(sheets, { format: input.format, locale: input.locale });
}
