// One home for the catalogue file's columns (issue 19): per entity, each
// column's key, whether it is required, what kind of value it holds, its
// length limit and the codes it accepts. The reader matches headers by these
// keys, the writer and the templates label them (Import.columns.<field> in the
// admin's language), and the import's row schemas check values against them.
// Pure data: safe for scripts, tests and the browser.
import {
  accreditations,
  conditions,
  ownerships,
  serviceLanguages,
  services,
  specialties,
  therapies,
} from "../codes";
import { documentCodes, paymentMethodCodes, visitKinds } from "../../payment/codes";
import { locales, type Locale } from "../../i18n/locales";

export const entityKeys = ["institutions", "departments", "packages", "agreements"] as const;
export type EntityKey = (typeof entityKeys)[number];

export function isEntityKey(value: string): value is EntityKey {
  return (entityKeys as readonly string[]).includes(value);
}

/**
 * What a column holds. text: free text; int: a whole number; decimal: a number
 * with a point (coordinates); money: yuan with up to 2 decimals; bool: yes/no;
 * code: one of `codes`; list: codes separated by ";" (or ","); date: YYYY-MM-DD;
 * hours: "Mon-Fri 08:00-17:00; Sat 08:00-12:00".
 */
export type ColumnKind = "text" | "int" | "decimal" | "money" | "bool" | "code" | "list" | "date" | "hours";

export interface ColumnDef {
  key: string;
  required: boolean;
  kind: ColumnKind;
  /** Longest value in characters. */
  max: number;
  /** The accepted codes of a code or list column. */
  codes?: readonly string[];
  /** The label's message: Import.columns.<field> (for a per-language column, the field without its language). */
  field: string;
  /** A per-language text column's language (name_ru → ru). */
  language?: Locale;
}

export const hospitalGrades = [
  "TERTIARY_A",
  "TERTIARY",
  "SECONDARY_A",
  "SECONDARY",
  "PRIMARY",
  "UNGRADED",
] as const;

/** Separator of list cells; the reader also accepts LIST_SEPARATORS. */
export const LIST_SEPARATOR = ";";
export const LIST_SEPARATORS = /[;,]/;

const column = (
  key: string,
  kind: ColumnKind,
  options: { required?: boolean; max?: number; codes?: readonly string[] } = {},
): ColumnDef => ({
  key,
  kind,
  required: options.required ?? false,
  max: options.max ?? (kind === "text" ? 300 : kind === "list" ? 1000 : 40),
  codes: options.codes,
  field: key,
});

const required = { required: true } as const;

/** The text fields every language may have, per entity, with their length limits. */
const languageFields: Record<EntityKey, { field: string; max: number }[]> = {
  institutions: [
    { field: "name", max: 160 },
    { field: "address", max: 300 },
    { field: "intl_dept_name", max: 160 },
    { field: "description", max: 4000 },
  ],
  departments: [
    { field: "name", max: 160 },
    { field: "description", max: 4000 },
  ],
  packages: [
    { field: "name", max: 160 },
    { field: "description", max: 4000 },
    { field: "treatment_plan", max: 4000 },
    { field: "expected_outcome", max: 4000 },
    { field: "contraindications", max: 4000 },
  ],
  agreements: [],
};

/** A per-language text column: `name_ru`, labelled "Name (Русский)". */
function languageColumn(entity: EntityKey, field: string, language: Locale, isRequired = false): ColumnDef {
  const spec = languageFields[entity].find((f) => f.field === field);
  if (!spec) throw new Error(`${entity} has no per-language field ${field}`);
  return { key: `${field}_${language}`, kind: "text", required: isRequired, max: spec.max, field, language };
}

/** The columns named in the file format, in the template's order, before the other languages' text columns. */
const fixedColumns: Record<EntityKey, ColumnDef[]> = {
  institutions: [
    column("credit_code", "text", { required: true, max: 18 }),
    column("slug", "text", { required: true, max: 80 }),
    column("city", "text", { required: true, max: 80 }),
    { ...languageColumn("institutions", "name", "zh", true), max: 120 },
    languageColumn("institutions", "name", "en", true),
    languageColumn("institutions", "address", "zh", true),
    languageColumn("institutions", "address", "en", true),
    column("latitude", "decimal", required),
    column("longitude", "decimal", required),
    column("ownership", "code", { ...required, codes: ownerships }),
    column("grade", "code", { codes: hospitalGrades }),
    column("phone", "text", { required: true, max: 32 }),
    column("email", "text", { max: 254 }),
    column("website", "text", { max: 2048 }),
    column("emergency_24h", "bool"),
    column("languages", "list", { codes: serviceLanguages }),
    column("services", "list", { codes: services }),
    column("accreditations", "list", { codes: accreditations }),
    column("accepted_payments", "list", { codes: paymentMethodCodes }),
    column("hours", "hours", { max: 500 }),
    column("cancellation_window_hours", "int"),
    languageColumn("institutions", "intl_dept_name", "en"),
    languageColumn("institutions", "intl_dept_name", "zh"),
    languageColumn("institutions", "description", "en"),
    languageColumn("institutions", "description", "zh"),
  ],
  departments: [
    column("credit_code", "text", { required: true, max: 18 }),
    column("department", "text", { required: true, max: 80 }),
    column("specialty", "code", { ...required, codes: specialties }),
    column("fee_cny", "money", required),
    languageColumn("departments", "name", "en", true),
    languageColumn("departments", "name", "zh"),
    languageColumn("departments", "description", "en"),
    column("retired", "bool"),
  ],
  packages: [
    column("package", "text", { required: true, max: 80 }),
    column("credit_code", "text", { required: true, max: 18 }),
    languageColumn("packages", "name", "en", true),
    languageColumn("packages", "description", "en", true),
    languageColumn("packages", "treatment_plan", "en", true),
    languageColumn("packages", "expected_outcome", "en", true),
    languageColumn("packages", "contraindications", "en", true),
    column("conditions", "list", { ...required, codes: conditions }),
    column("therapies", "list", { ...required, codes: therapies }),
    column("sessions", "int", required),
    column("duration_days", "int", required),
    column("price_cny", "money", required),
    column("retired", "bool"),
  ],
  agreements: [
    column("credit_code", "text", { required: true, max: 18 }),
    column("insurer", "text", { required: true, max: 80 }),
    column("scope", "code", { ...required, codes: visitKinds }),
    column("preauth_lead_days", "int"),
    column("documents", "list", { codes: documentCodes }),
    column("valid_from", "date", required),
    column("valid_to", "date"),
  ],
};

function entityColumns(entity: EntityKey): ColumnDef[] {
  const fixed = fixedColumns[entity];
  const named = new Set(fixed.map((c) => c.key));
  const others = languageFields[entity].flatMap(({ field }) =>
    locales.filter((l) => !named.has(`${field}_${l}`)).map((l) => languageColumn(entity, field, l)),
  );
  return [...fixed, ...others];
}

/** Every column of every entity, in the template's order. */
export const catalogueColumns: Record<EntityKey, readonly ColumnDef[]> = {
  institutions: entityColumns("institutions"),
  departments: entityColumns("departments"),
  packages: entityColumns("packages"),
  agreements: entityColumns("agreements"),
};

/** The columns that identify a row of the entity (the import's key). */
export const entityKeyColumns: Record<EntityKey, readonly string[]> = {
  institutions: ["credit_code"],
  departments: ["credit_code", "department"],
  packages: ["package"],
  agreements: ["credit_code", "insurer", "scope", "valid_from"],
};

/** The column only this entity has: how a CSV file (one entity) says what it holds. */
export const distinguishingColumn: Record<EntityKey, string> = {
  institutions: "address_zh",
  departments: "department",
  packages: "package",
  agreements: "insurer",
};

export function columnOf(entity: EntityKey, key: string): ColumnDef | undefined {
  return catalogueColumns[entity].find((c) => c.key === key);
}

/** The entity whose distinguishing column is among `keys`, when exactly one is. */
export function entityOfColumns(keys: readonly string[]): EntityKey | undefined {
  const found = entityKeys.filter((e) => keys.includes(distinguishingColumn[e]));
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The key a header cell names: the bracketed key at its end ("统一社会信用代码 * [credit_code]"),
 * or a bare key ("credit_code", "credit_code*"). Null when it names none.
 */
export function headerKey(header: string): string | null {
  const text = header.trim();
  const bracketed = /\[\s*([A-Za-z0-9_]+)\s*\]\s*$/.exec(text);
  if (bracketed) return bracketed[1]!.toLowerCase();
  const bare = /^([A-Za-z][A-Za-z0-9_]*)\s*\*?$/.exec(text);
  return bare ? bare[1]!.toLowerCase() : null;
}
