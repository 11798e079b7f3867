// One home for the SQL that reads a catalogue row's translations in the
// locales a page wants, as a JSON array of { locale, name[, description] }:
// the finder, the package finder and the home page read names this way in
// their one statement, then pick the locale in TypeScript (lib/i18n/content.ts).
import { Prisma } from "../db/generated/client";

/** The translation tables, each with the column naming the row it translates. */
const TRANSLATIONS = {
  institution_translation: "institution_id",
  city_translation: "city_id",
  tcm_package_translation: "package_id",
} as const;

/**
 * SQL: the translations of the row `id` in `table` in the `wanted` locales, as
 * a JSON array ('[]' when there are none); with `description` for packages.
 */
export function translationsJson(
  table: keyof typeof TRANSLATIONS,
  id: Prisma.Sql,
  wanted: readonly string[],
  options: { description?: boolean } = {},
): Prisma.Sql {
  const description = options.description ? Prisma.raw(", 'description', t.description") : Prisma.empty;
  return Prisma.sql`(SELECT COALESCE(json_agg(json_build_object('locale', t.locale, 'name', t.name${description})), '[]')
    FROM ${Prisma.raw(table)} t WHERE t.${Prisma.raw(TRANSLATIONS[table])} = ${id} AND t.locale = ANY(${wanted}::text[]))`;
}

/**
 * SQL: a table of (id, translations) for every row of `table` with a
 * translation in the `wanted` locales, the same JSON as translationsJson. For a
 * list of many rows (all cities): one pass over the translations, where a
 * subquery per row made PostgreSQL scan the small table once per row (65
 * scans of city_translation, 3 ms of the finder's 9 at 8,500).
 */
export function translationsByRow(table: keyof typeof TRANSLATIONS, wanted: readonly string[]): Prisma.Sql {
  const column = Prisma.raw(TRANSLATIONS[table]);
  return Prisma.sql`(SELECT t.${column} AS id, json_agg(json_build_object('locale', t.locale, 'name', t.name)) AS translations
    FROM ${Prisma.raw(table)} t WHERE t.locale = ANY(${wanted}::text[]) GROUP BY t.${column})`;
}
