// One home for how a catalogue file's column is named to a person: the
// template's headers, the help sheet and the dry run's diff all say
// "Name (Русский)" or "纬度" the same way, from Import.columns.<field> and
// Import.help.languageColumn. Pure: safe in client components (pass the
// Import namespace's t from useTranslations or getTranslations).
import { localeMeta } from "../../i18n/locales";
import { columnOf, type ColumnDef, type EntityKey } from "./columns";

/** A next-intl translator of the Import namespace (any t whose keys are strings). */
export type ImportTranslator = (key: never, values?: never) => string;
type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A column's label in the translator's language: "Name (Русский)" for a per-language column. */
export function columnLabel(t: ImportTranslator, column: ColumnDef): string {
  const tr = t as unknown as Translate;
  const field = tr(`columns.${column.field}`);
  return column.language
    ? tr("help.languageColumn", { field, language: localeMeta[column.language].nativeName })
    : field;
}

/** The label of an entity's column by key; the key itself when the entity has no such column. */
export function columnLabelOf(t: ImportTranslator, entity: EntityKey, key: string): string {
  const column = columnOf(entity, key);
  return column ? columnLabel(t, column) : key;
}

/** The header cell: "<label> * [<key>]" (the star on required columns). */
export function headerText(t: ImportTranslator, column: ColumnDef): string {
  return `${columnLabel(t, column)}${column.required ? " *" : ""} [${column.key}]`;
}
