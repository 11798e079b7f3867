// One home for what a translator translates: every catalogue text of a city
// (institutions, their departments and TCM packages) and its guide's sections,
// as units with a stable, self-describing id (`institution/<id>/name`,
// `guide/<sectionId>/body`), the source text (English; Chinese where English
// is missing, and for an English target), when that source was written, the
// target language's text and whether it is missing, outdated or current. The
// export filters these units; the import plans against them, so both read the
// catalogue the same way.
import type { DbClient, TxClient } from "../db/create-client";
import { isOutdated, SOURCE_LOCALE, translatableFields } from "../catalogue/translation-text";
import { SECTION_BODY_MAX } from "../guide/codes";

export const unitEntities = ["institution", "department", "package", "guide"] as const;
export type UnitEntity = (typeof unitEntities)[number];

export const guideFields = ["title", "body"] as const;

/** Each entity's fields and the longest text each takes (the forms' limits). */
export const fieldLimits: Record<UnitEntity, Record<string, number>> = {
  institution: { name: 160, address: 300, intlDeptName: 160, description: 4000 },
  department: { name: 120, description: 4000 },
  package: {
    name: 200,
    description: 4000,
    treatmentPlan: 4000,
    expectedOutcome: 4000,
    contraindications: 4000,
  },
  guide: { title: 200, body: SECTION_BODY_MAX },
};

/** A unit id: entity, the row's id, the field. */
export const UNIT_ID_PATTERN =
  /^(institution|department|package|guide)\/([A-Za-z0-9_-]{1,64})\/([A-Za-z]{1,32})$/;

export type UnitState = "missing" | "outdated" | "current";

export interface TranslationUnit {
  id: string;
  entity: UnitEntity;
  entityId: string;
  field: string;
  /** What the text belongs to: the institution's name (and the department's, package's or section's). */
  context: string;
  source: string;
  sourceLocale: string;
  /** When the source text was last written: an import compares it with the export's. */
  sourceWrittenAt: Date;
  /** The target language's text, null when there is none. */
  target: string | null;
  /** The target language has a row for this entity (a new row must carry its required texts). */
  targetRowExists: boolean;
  state: UnitState;
}

export function unitId(entity: UnitEntity, id: string, field: string): string {
  return `${entity}/${id}/${field}`;
}

export function parseUnitId(id: string): { entity: UnitEntity; entityId: string; field: string } | null {
  const m = UNIT_ID_PATTERN.exec(id);
  if (!m) return null;
  const entity = m[1] as UnitEntity;
  const field = m[3]!;
  if (!(field in fieldLimits[entity])) return null;
  return { entity, entityId: m[2]!, field };
}

/** The language a target is translated from: English, or Chinese for English itself. */
export function sourceLocaleFor(language: string): string {
  return language === SOURCE_LOCALE ? "zh" : SOURCE_LOCALE;
}

type Row = { locale: string; writtenAt: Date } & Record<string, unknown>;

function text(row: Row | undefined, field: string): string | null {
  const v = row?.[field];
  return typeof v === "string" && v.trim() !== "" ? v : null;
}

/** The units of one translated row set (one institution, department or package). */
function rowUnits(
  entity: Exclude<UnitEntity, "guide">,
  entityId: string,
  context: string,
  rows: readonly Row[],
  language: string,
): TranslationUnit[] {
  const primary = sourceLocaleFor(language);
  const byLocale = new Map(rows.map((r) => [r.locale, r]));
  const target = byLocale.get(language);
  const english = byLocale.get(SOURCE_LOCALE);
  const units: TranslationUnit[] = [];
  for (const field of translatableFields[entity] as readonly string[]) {
    // English, else Chinese (never the target itself).
    const sourceRow = [primary, "zh"]
      .filter((l) => l !== language)
      .map((l) => byLocale.get(l))
      .find((r) => text(r, field) !== null);
    if (!sourceRow) continue;
    const targetText = text(target, field);
    units.push({
      id: unitId(entity, entityId, field),
      entity,
      entityId,
      field,
      context: `${context} · ${field}`,
      source: text(sourceRow, field)!,
      sourceLocale: sourceRow.locale,
      sourceWrittenAt: sourceRow.writtenAt,
      target: targetText,
      targetRowExists: !!target,
      state: targetText === null ? "missing" : target && isOutdated(target, english) ? "outdated" : "current",
    });
  }
  return units;
}

const nameOf = (rows: readonly { locale: string; name: string }[], fallback: string) =>
  rows.find((r) => r.locale === SOURCE_LOCALE)?.name ?? fallback;

/**
 * Every unit of the city in `language`, in a stable order: institutions by
 * slug, each followed by its departments and packages, then the guide's
 * sections (of the draft, or of the published version while there is none).
 * Retired departments and packages are not translated.
 */
export async function cityUnits(
  db: DbClient | TxClient,
  cityId: string,
  language: string,
): Promise<TranslationUnit[]> {
  const locales = [...new Set([language, SOURCE_LOCALE, "zh"])];
  const translations = { where: { locale: { in: locales } } };
  const institutions = await db.institution.findMany({
    where: { cityId },
    orderBy: { slug: "asc" },
    select: {
      id: true,
      nameZh: true,
      translations,
      departments: {
        where: { retiredAt: null },
        orderBy: { slug: "asc" },
        select: { id: true, slug: true, translations },
      },
      packages: {
        where: { retiredAt: null },
        orderBy: { slug: "asc" },
        select: { id: true, slug: true, translations },
      },
    },
  });
  const units: TranslationUnit[] = [];
  for (const i of institutions) {
    const name = nameOf(i.translations, i.nameZh);
    units.push(...rowUnits("institution", i.id, name, i.translations, language));
    for (const d of i.departments)
      units.push(
        ...rowUnits(
          "department",
          d.id,
          `${name} · ${nameOf(d.translations, d.slug)}`,
          d.translations,
          language,
        ),
      );
    for (const p of i.packages)
      units.push(
        ...rowUnits("package", p.id, `${name} · ${nameOf(p.translations, p.slug)}`, p.translations, language),
      );
  }
  units.push(...(await guideUnits(db, cityId, language)));
  return units;
}

/** The guide sections' units: the draft's, else the published version's. */
async function guideUnits(db: DbClient | TxClient, cityId: string, language: string) {
  const versions = await db.guideVersion.findMany({
    where: { guide: { cityId }, status: { in: ["DRAFT", "PUBLISHED"] } },
    select: {
      status: true,
      sections: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          key: true,
          translations: {
            where: { locale: { in: [...new Set([language, SOURCE_LOCALE, "zh"])] } },
            select: { locale: true, title: true, body: true, updatedAt: true },
          },
        },
      },
    },
  });
  const working =
    versions.find((v) => v.status === "DRAFT") ?? versions.find((v) => v.status === "PUBLISHED");
  const units: TranslationUnit[] = [];
  for (const s of working?.sections ?? []) {
    const rows = s.translations.map((t) => ({ ...t, writtenAt: t.updatedAt }));
    const byLocale = new Map(rows.map((r) => [r.locale, r]));
    const target = byLocale.get(language);
    const sourceRow = [sourceLocaleFor(language), "zh"]
      .filter((l) => l !== language)
      .map((l) => byLocale.get(l))
      .find((r) => r && r.title.trim() !== "");
    if (!sourceRow) continue;
    // The guide's own rule (get-section-editor.ts): a translation saved before its source is outdated.
    const outdated = !!target && sourceRow.writtenAt > target.writtenAt;
    for (const field of guideFields) {
      const source = sourceRow[field];
      if (source.trim() === "") continue;
      const targetText = target && target[field].trim() !== "" ? target[field] : null;
      units.push({
        id: unitId("guide", s.id, field),
        entity: "guide",
        entityId: s.id,
        field,
        context: `guide · ${s.key} · ${field}`,
        source,
        sourceLocale: sourceRow.locale,
        sourceWrittenAt: sourceRow.writtenAt,
        target: targetText,
        targetRowExists: !!target,
        state: targetText === null ? "missing" : outdated ? "outdated" : "current",
      });
    }
  }
  return units;
}
