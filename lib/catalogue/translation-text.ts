// One home for writing catalogue text per language and for deciding when a
// translation is outdated. Every writer of institution, department and package
// text (the admin's forms, the catalogue import, the translation import, the
// demo seed) goes through `writeTranslations`, which moves a row's
// `written_at` only when its text really changes, so saving a form again does
// not mark every translation outdated. A translation is outdated when its
// source (English) text changed after it was written: `isOutdated` in code,
// `outdatedSql` in a query.
import { Prisma } from "../db/generated/client";

type Tx = Prisma.TransactionClient;

/** The language translators translate from, and the fallback after the requested locale. */
export const SOURCE_LOCALE = "en";

export const translatableFields = {
  institution: ["name", "address", "intlDeptName", "description"],
  department: ["name", "description"],
  package: ["name", "description", "treatmentPlan", "expectedOutcome", "contraindications"],
} as const;

export type TranslatedEntity = keyof typeof translatableFields;
export type TranslatableField<E extends TranslatedEntity> = (typeof translatableFields)[E][number];

/** Fields required on a new row of each entity (the columns are NOT NULL). */
const requiredOnCreate: { [E in TranslatedEntity]: readonly TranslatableField<E>[] } = {
  institution: ["name"],
  department: ["name"],
  package: ["name", "description", "treatmentPlan", "expectedOutcome", "contraindications"],
};

export interface TranslationWrite<E extends TranslatedEntity> {
  /** The institution's, department's or package's id. */
  id: string;
  locale: string;
  /** The fields to set; a field left out keeps its text, `null` clears an optional one. */
  fields: Partial<Record<TranslatableField<E>, string | null>>;
}

export type TranslationOutcome = "created" | "updated" | "unchanged";

const keyColumn = { institution: "institutionId", department: "departmentId", package: "packageId" } as const;

function delegate(tx: Tx, entity: TranslatedEntity) {
  // The three translation tables differ only in their key column and fields.
  const d =
    entity === "institution"
      ? tx.institutionTranslation
      : entity === "department"
        ? tx.departmentTranslation
        : tx.tcmPackageTranslation;
  return d as unknown as {
    findMany(args: object): Promise<Record<string, unknown>[]>;
    createMany(args: object): Promise<unknown>;
    update(args: object): Promise<unknown>;
  };
}

/**
 * Writes each row's text; `written_at` moves to `now` only for a row whose
 * text differs from what is stored. Returns each write's outcome, in order.
 * A new row must carry the entity's required fields (a `VALIDATION_FAILED`
 * is the caller's to raise before; here it is a programming error).
 */
export async function writeTranslations<E extends TranslatedEntity>(
  tx: Tx,
  entity: E,
  writes: readonly TranslationWrite<E>[],
  now: Date = new Date(),
): Promise<TranslationOutcome[]> {
  if (writes.length === 0) return [];
  const key = keyColumn[entity];
  const table = delegate(tx, entity);
  const existing = await table.findMany({
    where: { OR: writes.map((w) => ({ [key]: w.id, locale: w.locale })) },
  });
  const stored = new Map(existing.map((row) => [`${String(row[key])}\u0000${String(row.locale)}`, row]));
  const creates: Record<string, unknown>[] = [];
  const outcomes: TranslationOutcome[] = [];
  for (const write of writes) {
    const row = stored.get(`${write.id}\u0000${write.locale}`);
    const fields = Object.entries(write.fields).filter(([, v]) => v !== undefined) as [
      string,
      string | null,
    ][];
    if (!row) {
      for (const field of requiredOnCreate[entity] as readonly string[])
        if (typeof write.fields[field as TranslatableField<E>] !== "string")
          throw new Error(`writeTranslations: a new ${entity} translation needs ${field}`);
      creates.push({ [key]: write.id, locale: write.locale, ...Object.fromEntries(fields), writtenAt: now });
      outcomes.push("created");
      continue;
    }
    const changed = fields.filter(([field, value]) => (row[field] ?? null) !== value);
    if (changed.length === 0) {
      outcomes.push("unchanged");
      continue;
    }
    await table.update({
      where: { [`${key}_locale`]: { [key]: write.id, locale: write.locale } },
      data: { ...Object.fromEntries(changed), writtenAt: now },
    });
    outcomes.push("updated");
  }
  if (creates.length > 0) await table.createMany({ data: creates });
  return outcomes;
}

/** A translation is outdated when its source text changed after it was written. */
export function isOutdated(
  translation: { locale: string; writtenAt: Date },
  source: { writtenAt: Date } | null | undefined,
): boolean {
  return translation.locale !== SOURCE_LOCALE && !!source && source.writtenAt > translation.writtenAt;
}

/**
 * The same rule in SQL: `translation` and `source` are aliases of one
 * translation table, `source` joined on the same entity with
 * `locale = SOURCE_LOCALE` (null when there is no English text).
 */
export function outdatedSql(translation: string, source: string): Prisma.Sql {
  const t = Prisma.raw(`"${translation}"`);
  const s = Prisma.raw(`"${source}"`);
  return Prisma.sql`(${t}.locale <> ${SOURCE_LOCALE} AND ${s}.written_at IS NOT NULL AND ${s}.written_at > ${t}.written_at)`;
}
