// Use case: the texts of a city a translator should translate into one
// language (missing, outdated, both, or all), as an XLIFF 2.0 file (what
// translation tools read) or an XLSX with id, context, source and target
// columns. Each unit carries its context and when its source was written, so
// the import can tell whether the source changed since the export.
import ExcelJS from "exceljs";
import { js2xliff, type XliffJs } from "xliff";
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { adminCity } from "../auth/admin-city";
import { requireAdmin } from "../auth/permissions";
import { locales } from "../i18n/locales";
import { loadMessages } from "../i18n/messages";
import { slugParam } from "../slug";
import { cityUnits, type TranslationUnit } from "./translation-units";

export const exportScopes = ["missing", "outdated", "missing_and_outdated", "all"] as const;
export const translationFormats = ["xliff", "xlsx"] as const;

export const exportTranslationsSchema = z
  .object({
    city: slugParam.optional(),
    /** The target language. */
    language: z.enum(locales),
    scope: z.enum(exportScopes),
    format: z.enum(translationFormats),
    /** The admin's language (the XLSX header). */
    locale: z.enum(locales),
  })
  .strict();

/** The note that carries the source's date; the import reads it back. */
export const SOURCE_WRITTEN_NOTE = "source-written-at: ";
/** The XLSX sheet's name and its columns' keys (each header cell is `<label> [<key>]`). */
export const XLSX_SHEET = "translations";
export const xlsxColumns = ["id", "context", "source", "target", "source_written_at"] as const;

function inScope(unit: TranslationUnit, scope: (typeof exportScopes)[number]): boolean {
  if (scope === "all") return true;
  if (scope === "missing") return unit.state === "missing";
  if (scope === "outdated") return unit.state === "outdated";
  return unit.state !== "current";
}

export async function exportTranslations(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof exportTranslationsSchema>,
  now: Date = new Date(),
): Promise<{ fileName: string; bytes: Uint8Array; units: number }> {
  const admin = requireAdmin(actor, "catalogue.manage");
  const city = await adminCity(db, admin, input.city, input.locale);
  const units = (await cityUnits(db, city.id, input.language)).filter((u) => inScope(u, input.scope));
  const stamp = now.toISOString().slice(0, 10);
  const base = `${city.slug}-${input.language}-${input.scope.replaceAll("_", "-")}-${stamp}`;
  if (input.format === "xliff") {
    const doc: XliffJs = {
      sourceLanguage: "en",
      targetLanguage: input.language,
      resources: {
        [city.slug]: Object.fromEntries(
          units.map((u) => [
            u.id,
            {
              source: u.source,
              target: u.target ?? "",
              note: [
                u.context,
                `source-language: ${u.sourceLocale}`,
                `${SOURCE_WRITTEN_NOTE}${u.sourceWrittenAt.toISOString()}`,
              ],
            },
          ]),
        ),
      },
    };
    const xml = await js2xliff(doc);
    return { fileName: `${base}.xlf`, bytes: new TextEncoder().encode(xml), units: units.length };
  }
  const t = (await loadMessages(input.locale)).Admin.translations.columns;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(XLSX_SHEET);
  sheet.addRow([
    `${t.id} [id]`,
    `${t.context} [context]`,
    `${t.source} [source]`,
    `${t.target} [target:${input.language}]`,
    `${t.sourceWrittenAt} [source_written_at]`,
  ]);
  for (const u of units)
    sheet.addRow([u.id, u.context, u.source, u.target ?? "", u.sourceWrittenAt.toISOString()]);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c, i) => (c.width = [40, 40, 60, 60, 26][i]));
  const buffer = await workbook.xlsx.writeBuffer();
  return { fileName: `${base}.xlsx`, bytes: new Uint8Array(buffer as ArrayBuffer), units: units.length };
}
