// Use case: how far the city's texts are translated, per language: for
// institutions, departments, TCM packages (not retired) and the guide's
// sections, how many are complete, outdated (the English text changed after
// the translation was written: outdatedSql) or missing (no text in that
// language, or a text the English has and the language has not). One query
// per entity, every language at once.
import { Prisma } from "../db/generated/client";
import type { DbClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { adminCity } from "../auth/admin-city";
import { requireAdmin } from "../auth/permissions";
import { outdatedSql, SOURCE_LOCALE } from "../catalogue/translation-text";
import { locales } from "../i18n/locales";

export const completenessEntities = ["institutions", "departments", "packages", "guideSections"] as const;
export type CompletenessEntity = (typeof completenessEntities)[number];

export interface Completeness {
  total: number;
  complete: number;
  outdated: number;
  missing: number;
}

interface CountRow {
  locale: string;
  total: bigint | number;
  outdated: bigint | number;
  missing: bigint | number;
}

/** A field the English text has and the translation lacks. */
const lacks = (fields: readonly string[]) =>
  Prisma.raw(fields.map((f) => `(s.${f} IS NOT NULL AND t.${f} IS NULL)`).join(" OR ") || "false");

/** One entity's counts per language: outdated first, then missing, the rest complete. */
function countSql(from: Prisma.Sql, table: string, key: string, fields: readonly string[]) {
  const langs = [...locales];
  const tbl = Prisma.raw(table);
  const k = Prisma.raw(key);
  const outdated = outdatedSql("t", "s");
  return Prisma.sql`
    SELECT l.locale, count(*) AS total,
      count(*) FILTER (WHERE t.locale IS NOT NULL AND ${outdated}) AS outdated,
      count(*) FILTER (WHERE t.locale IS NULL OR (NOT coalesce(${outdated}, false) AND (${lacks(fields)}))) AS missing
    FROM ${from}
    CROSS JOIN unnest(${langs}::text[]) AS l(locale)
    LEFT JOIN ${tbl} s ON s.${k} = e.id AND s.locale = ${SOURCE_LOCALE}
    LEFT JOIN ${tbl} t ON t.${k} = e.id AND t.locale = l.locale
    GROUP BY l.locale`;
}

export async function translationCompleteness(
  db: DbClient,
  actor: Actor | null,
  citySlug: string | undefined,
  locale = "en",
) {
  const admin = requireAdmin(actor, "admin.view");
  const city = await adminCity(db, admin, citySlug, locale);
  const queries: Record<CompletenessEntity, Prisma.Sql> = {
    institutions: countSql(
      Prisma.sql`(SELECT id FROM institution WHERE city_id = ${city.id}) e`,
      "institution_translation",
      "institution_id",
      ["address", "intl_dept_name", "description"],
    ),
    departments: countSql(
      Prisma.sql`(SELECT d.id FROM department d JOIN institution i ON i.id = d.institution_id
                  WHERE i.city_id = ${city.id} AND d.retired_at IS NULL) e`,
      "department_translation",
      "department_id",
      ["description"],
    ),
    packages: countSql(
      Prisma.sql`(SELECT p.id FROM tcm_package p JOIN institution i ON i.id = p.institution_id
                  WHERE i.city_id = ${city.id} AND p.retired_at IS NULL) e`,
      "tcm_package_translation",
      "package_id",
      [],
    ),
    // The working version's sections (the draft, else the published one); the guide's own rule
    // for outdated: the English text saved after the translation (lib/guide/get-section-editor.ts).
    guideSections: Prisma.sql`
      WITH working AS (
        SELECT v.id FROM guide_version v JOIN guide g ON g.id = v.guide_id
        WHERE g.city_id = ${city.id} AND v.status IN ('DRAFT', 'PUBLISHED')
        ORDER BY (v.status = 'DRAFT') DESC LIMIT 1)
      SELECT l.locale, count(*) AS total,
        count(*) FILTER (WHERE t.locale IS NOT NULL AND t.locale <> ${SOURCE_LOCALE} AND s.updated_at > t.updated_at) AS outdated,
        count(*) FILTER (WHERE t.locale IS NULL OR (s.body <> '' AND t.body = '')) AS missing
      FROM guide_section e
      JOIN working w ON w.id = e.version_id
      CROSS JOIN unnest(${[...locales]}::text[]) AS l(locale)
      LEFT JOIN guide_section_translation s ON s.section_id = e.id AND s.locale = ${SOURCE_LOCALE}
      LEFT JOIN guide_section_translation t ON t.section_id = e.id AND t.locale = l.locale
      GROUP BY l.locale`,
  };
  const results = await Promise.all(
    completenessEntities.map(
      async (entity) => [entity, await db.$queryRaw<CountRow[]>(queries[entity])] as const,
    ),
  );
  const rows = locales.map((language) => ({
    language,
    entities: Object.fromEntries(
      results.map(([entity, counts]) => {
        const r = counts.find((c) => c.locale === language);
        const total = Number(r?.total ?? 0);
        const outdated = Number(r?.outdated ?? 0);
        const missing = Number(r?.missing ?? 0);
        return [entity, { total, outdated, missing, complete: total - outdated - missing }];
      }),
    ) as Record<CompletenessEntity, Completeness>,
  }));
  return { city, rows };
}

export type TranslationCompleteness = Awaited<ReturnType<typeof translationCompleteness>>;
