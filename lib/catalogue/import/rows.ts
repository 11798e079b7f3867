// One home for what a cell of a catalogue file means: per entity, each column
// key's parser (a cell's text to a typed value, or a problem naming the
// column), its canonical spelling (the text an export writes and a dry run
// compares), and where the value lives on a stored row. The field rules are
// the admin form's (`createInstitutionSchema`, `addDepartmentSchema`,
// `institutionTranslationSchema`, `creditCodeParam`, the codes), not a copy:
// a row the form would refuse is refused here too. A cell left empty clears
// an optional value, or gives it its default; a column the file does not have
// leaves the value as it is.
import { z } from "zod";
import { locales } from "../../i18n/locales";
import { slugParam } from "../../slug";
import { documentCodes, paymentMethodCodes, visitKinds } from "../../payment/codes";
import { accreditations, conditions, serviceLanguages, services, specialties, therapies } from "../codes";
import { creditCodeParam, CREDIT_CODE_PATTERN } from "../credit-code";
import { groupHours, type WeeklyHours } from "../hours";
import { institutionSlugParam } from "../institution-slug";
import {
  addDepartmentSchema,
  createInstitutionSchema,
  institutionTranslationSchema,
  intlDeptNameParam,
  setHoursSchema,
} from "../manage-institution";
import { entityKeyColumns, type EntityKey } from "./columns";
import type { RowProblem, RowProblemCode } from "./problems";

/** A row as the file layer reads it: the spreadsheet's 1-based row number and its cells by column key. */
export interface RowInput {
  row: number;
  cells: Record<string, string>;
}

type Problem = { code: RowProblemCode; params?: Record<string, string | number> };
type Parsed = { value: unknown } | { problem: Problem } | { keep: true };

/** A column of an entity: how a cell reads, how a value is spelled, where a stored row keeps it. */
export interface ColumnSpec {
  key: string;
  required: boolean;
  parse(cell: string): Parsed;
  format(value: unknown): string;
  /** The value on a stored row (the shapes of `stored.ts`). */
  get(stored: never): unknown;
}

// ---------------------------------------------------------------- cell kinds

const YES = new Set(["yes", "true", "1"]);
const NO = new Set(["no", "false", "0"]);
const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
/** Mon..Sun as stored weekdays (0 = Sunday). */
const DAY_WEEKDAY = [1, 2, 3, 4, 5, 6, 0];

function fromZod(schema: z.ZodType, value: unknown, cell: string): Parsed {
  const result = schema.safeParse(value);
  if (result.success) return { value: result.data };
  const issue = result.error.issues[0]!;
  if (issue.code === "too_big" && issue.origin === "string")
    return { problem: { code: "too_long", params: { max: Number(issue.maximum) } } };
  if ((issue.code === "too_big" || issue.code === "too_small") && issue.origin === "number") {
    const n = schema as unknown as { minValue?: number | null; maxValue?: number | null };
    return {
      problem: {
        code: "out_of_range",
        params: { value: cell, min: n.minValue ?? "", max: n.maxValue ?? "" },
      },
    };
  }
  if (issue.code === "invalid_value")
    return {
      problem: {
        code: "unknown_code",
        params: { value: cell, expected: issue.values.map(String).join(", ") },
      },
    };
  return { problem: { code: "invalid", params: { value: cell, expected: "" } } };
}

const invalid = (cell: string, expected: string): Parsed => ({
  problem: { code: "invalid", params: { value: cell, expected } },
});

/** A text cell read by a form's field schema; empty is null (nullable) or left alone. */
function text(schema: z.ZodType, empty: "null" | "keep" = "null") {
  return {
    parse: (cell: string): Parsed =>
      cell === "" ? (empty === "null" ? { value: null } : { keep: true }) : fromZod(schema, cell, cell),
    format: (v: unknown) => (typeof v === "string" ? v : ""),
  };
}

function decimal(schema: z.ZodType) {
  return {
    parse: (cell: string): Parsed =>
      /^-?\d+(\.\d+)?$/.test(cell) ? fromZod(schema, Number(cell), cell) : invalid(cell, "39.9139"),
    format: (v: unknown) => (typeof v === "number" ? String(v) : ""),
  };
}

function integer(min: number, max: number, empty: number | null) {
  const schema = z.number().int().min(min).max(max);
  return {
    parse: (cell: string): Parsed =>
      cell === ""
        ? { value: empty }
        : /^-?\d+$/.test(cell)
          ? fromZod(schema, Number(cell), cell)
          : invalid(cell, String(min)),
    format: (v: unknown) => (typeof v === "number" ? String(v) : ""),
  };
}

/** Yuan with up to 2 decimals, held in fen; `maxYuan` from the form. */
function money(maxYuan: number) {
  return {
    parse: (cell: string): Parsed => {
      const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cell);
      if (!m) return invalid(cell, "1280.50");
      const fen = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
      if (fen > maxYuan * 100)
        return { problem: { code: "out_of_range", params: { value: cell, min: 0, max: maxYuan } } };
      return { value: fen };
    },
    format: (v: unknown) => (typeof v === "number" ? formatMoney(v) : ""),
  };
}

export function formatMoney(fen: number): string {
  return fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);
}

function bool(empty: boolean) {
  return {
    parse: (cell: string): Parsed => {
      const c = cell.toLowerCase();
      if (c === "") return { value: empty };
      if (YES.has(c)) return { value: true };
      if (NO.has(c)) return { value: false };
      return invalid(cell, "yes / no");
    },
    format: (v: unknown) => (v ? "yes" : "no"),
  };
}

/** A code out of `codes` (its case as given there). */
function code(codes: readonly string[], empty: string | null) {
  return {
    parse: (cell: string): Parsed => {
      if (cell === "") return { value: empty };
      const found = codes.find((c) => c.toLowerCase() === cell.toLowerCase());
      return found
        ? { value: found }
        : { problem: { code: "unknown_code", params: { value: cell, expected: codes.join(", ") } } };
    },
    format: (v: unknown) => (typeof v === "string" ? v : ""),
  };
}

/** Codes separated by `;` (or `,`), each once, kept in the codes' order. */
function list(codes: readonly string[]) {
  return {
    parse: (cell: string): Parsed => {
      const items = cell
        .split(/[;,]/)
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = items.find((i) => !codes.some((c) => c.toLowerCase() === i.toLowerCase()));
      if (unknown)
        return { problem: { code: "unknown_code", params: { value: unknown, expected: codes.join(", ") } } };
      const lower = new Set(items.map((i) => i.toLowerCase()));
      return { value: codes.filter((c) => lower.has(c.toLowerCase())) };
    },
    format: (v: unknown) => (Array.isArray(v) ? codes.filter((c) => v.includes(c)).join("; ") : ""),
  };
}

/** A calendar date, YYYY-MM-DD, held as a Date at UTC midnight (a DATE column's value). */
function date() {
  return {
    parse: (cell: string): Parsed => {
      if (cell === "") return { value: null };
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cell);
      const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
      if (!d || d.toISOString().slice(0, 10) !== cell) return invalid(cell, "2026-12-31");
      return { value: d };
    },
    format: (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : ""),
  };
}

/** `Mon-Fri 08:00-17:00; Sat 08:00-12:00`, checked by the hours form's schema. */
function hours() {
  const example = "Mon-Fri 08:00-17:00; Sat 08:00-12:00";
  return {
    parse: (cell: string): Parsed => {
      if (cell === "") return { value: [] };
      const days: WeeklyHours = [];
      for (const part of cell
        .split(";")
        .map((p) => p.trim())
        .filter(Boolean)) {
        const m = /^([A-Za-z,\- ]+?)\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(part);
        if (!m) return invalid(cell, example);
        for (const spec of m[1]!.split(",").map((s) => s.trim())) {
          const [from, to = from] = spec.split("-").map((s) => s.trim());
          const a = DAYS.findIndex((d) => d.toLowerCase() === from?.toLowerCase());
          const b = DAYS.findIndex((d) => d.toLowerCase() === to?.toLowerCase());
          if (a < 0 || b < a) return invalid(cell, example);
          for (let i = a; i <= b; i++) days.push({ weekday: DAY_WEEKDAY[i]!, open: m[2]!, close: m[3]! });
        }
      }
      const checked = setHoursSchema.shape.hours.safeParse(days);
      if (!checked.success) return invalid(cell, example);
      return { value: [...checked.data].sort((x, y) => x.weekday - y.weekday) };
    },
    format: (v: unknown) => (Array.isArray(v) ? formatHours(v as WeeklyHours) : ""),
  };
}

export function formatHours(value: WeeklyHours): string {
  const dayName = (weekday: number) => DAYS[DAY_WEEKDAY.indexOf(weekday)]!;
  return groupHours(value)
    .map((g) => {
      const first = dayName(g.weekdays[0]!);
      const last = dayName(g.weekdays.at(-1)!);
      return `${first === last ? first : `${first}-${last}`} ${g.open}-${g.close}`;
    })
    .join("; ");
}

// ---------------------------------------------------------------- the columns

const institutionFields = createInstitutionSchema.shape;
const translationFields = institutionTranslationSchema.shape;
const departmentFields = addDepartmentSchema.shape;
/** Long texts (descriptions, plans) share the translation form's description rule. */
const longText = z
  .string()
  .trim()
  .max(4000)
  .refine((v) => !/[\p{Cc}\p{Cf}]/u.test(v.replace(/[\n\r\t]/g, "")), "invalid");

const creditCode = {
  parse: (cell: string): Parsed => {
    const normal = cell.trim().toUpperCase();
    if (creditCodeParam.safeParse(normal).success) return { value: normal };
    return CREDIT_CODE_PATTERN.test(normal)
      ? { problem: { code: "credit_code_check", params: { value: cell } } }
      : invalid(cell, "91350100M000100Y43");
  },
  format: (v: unknown) => (typeof v === "string" ? v : ""),
};

const website = z.url({ protocol: /^https?$/ }).max(300);
const email = institutionFields.email.unwrap();

/** Stored row shapes the columns read (filled by `stored.ts`). */
export interface StoredTexts {
  /** locale → field → text (null when the language has the row but not the field). */
  texts: Partial<Record<string, Record<string, string | null>>>;
}

function spec(
  key: string,
  required: boolean,
  kind: Omit<ColumnSpec, "key" | "required" | "get">,
  get: (s: never) => unknown,
): ColumnSpec {
  return { key, required, ...kind, get };
}

const t = (locale: string, field: string) => (s: StoredTexts) => s.texts[locale]?.[field] ?? null;

/** Per-language text columns `<prefix>_<L>` for each of the 14 locales except `skip`. */
function perLanguage(
  columns: readonly { prefix: string; field: string; schema: z.ZodType; nullable: boolean }[],
  skip: readonly string[],
): ColumnSpec[] {
  return locales.flatMap((l) =>
    skip.includes(l)
      ? []
      : columns.map((c) =>
          spec(
            `${c.prefix}_${l}`,
            false,
            text(c.schema, c.nullable ? "null" : "keep"),
            t(l, c.field) as (s: never) => unknown,
          ),
        ),
  );
}

type Get<S> = (s: S) => unknown;
const g = <S>(f: Get<S>) => f as (s: never) => unknown;

export interface StoredInstitution extends StoredTexts {
  id: string;
  creditCode: string | null;
  slug: string;
  citySlug: string;
  cityId: string;
  nameZh: string;
  addressZh: string;
  latitude: number;
  longitude: number;
  ownership: string;
  grade: string;
  intlDeptPhone: string;
  intlDeptEmail: string | null;
  website: string | null;
  emergency24h: boolean;
  languages: string[];
  services: string[];
  accreditations: string[];
  acceptedPayments: string[];
  hours: WeeklyHours;
  cancellationWindowHours: number;
}

export const institutionColumns: ColumnSpec[] = [
  spec(
    "credit_code",
    true,
    creditCode,
    g<StoredInstitution>((s) => s.creditCode),
  ),
  spec(
    "slug",
    true,
    text(institutionSlugParam),
    g<StoredInstitution>((s) => s.slug),
  ),
  spec(
    "city",
    true,
    text(slugParam),
    g<StoredInstitution>((s) => s.citySlug),
  ),
  spec(
    "name_zh",
    true,
    text(institutionFields.nameZh),
    g<StoredInstitution>((s) => s.nameZh),
  ),
  spec("name_en", true, text(institutionFields.nameEn), t("en", "name") as (s: never) => unknown),
  spec(
    "address_zh",
    true,
    text(institutionFields.addressZh),
    g<StoredInstitution>((s) => s.addressZh),
  ),
  spec("address_en", true, text(institutionFields.addressEn), t("en", "address") as (s: never) => unknown),
  spec(
    "latitude",
    true,
    decimal(institutionFields.latitude),
    g<StoredInstitution>((s) => s.latitude),
  ),
  spec(
    "longitude",
    true,
    decimal(institutionFields.longitude),
    g<StoredInstitution>((s) => s.longitude),
  ),
  spec(
    "ownership",
    true,
    code(institutionFields.ownership.options, null),
    g<StoredInstitution>((s) => s.ownership),
  ),
  spec(
    "grade",
    false,
    code(institutionFields.grade.options, "UNGRADED"),
    g<StoredInstitution>((s) => s.grade),
  ),
  spec(
    "phone",
    true,
    text(institutionFields.phone),
    g<StoredInstitution>((s) => s.intlDeptPhone),
  ),
  spec(
    "email",
    false,
    text(email),
    g<StoredInstitution>((s) => s.intlDeptEmail),
  ),
  spec(
    "website",
    false,
    text(website),
    g<StoredInstitution>((s) => s.website),
  ),
  spec(
    "emergency_24h",
    false,
    bool(false),
    g<StoredInstitution>((s) => s.emergency24h),
  ),
  spec(
    "languages",
    false,
    list(serviceLanguages),
    g<StoredInstitution>((s) => s.languages),
  ),
  spec(
    "services",
    false,
    list(services),
    g<StoredInstitution>((s) => s.services),
  ),
  spec(
    "accreditations",
    false,
    list(accreditations),
    g<StoredInstitution>((s) => s.accreditations),
  ),
  spec(
    "accepted_payments",
    false,
    list(paymentMethodCodes),
    g<StoredInstitution>((s) => s.acceptedPayments),
  ),
  spec(
    "hours",
    false,
    hours(),
    g<StoredInstitution>((s) => s.hours),
  ),
  spec(
    "cancellation_window_hours",
    false,
    integer(0, 720, 24),
    g<StoredInstitution>((s) => s.cancellationWindowHours),
  ),
  ...perLanguage(
    [
      { prefix: "intl_dept_name", field: "intlDeptName", schema: intlDeptNameParam, nullable: true },
      { prefix: "description", field: "description", schema: longText, nullable: true },
    ],
    [],
  ),
  ...perLanguage(
    [
      { prefix: "name", field: "name", schema: translationFields.name, nullable: false },
      { prefix: "address", field: "address", schema: translationFields.address.unwrap(), nullable: true },
    ],
    ["en", "zh"],
  ),
];

export interface StoredDepartment extends StoredTexts {
  id: string;
  institutionId: string;
  creditCode: string;
  slug: string;
  specialty: string;
  consultationFeeFen: number;
  retired: boolean;
}

export const departmentColumns: ColumnSpec[] = [
  spec(
    "credit_code",
    true,
    creditCode,
    g<StoredDepartment>((s) => s.creditCode),
  ),
  spec(
    "department",
    true,
    text(slugParam),
    g<StoredDepartment>((s) => s.slug),
  ),
  spec(
    "specialty",
    true,
    code(specialties, null),
    g<StoredDepartment>((s) => s.specialty),
  ),
  spec(
    "fee_cny",
    true,
    money(departmentFields.fee.maxValue ?? 100_000),
    g<StoredDepartment>((s) => s.consultationFeeFen),
  ),
  spec("name_en", true, text(departmentFields.nameEn), t("en", "name") as (s: never) => unknown),
  spec(
    "retired",
    false,
    bool(false),
    g<StoredDepartment>((s) => s.retired),
  ),
  ...perLanguage(
    [{ prefix: "name", field: "name", schema: departmentFields.nameZh, nullable: false }],
    ["en"],
  ),
  ...perLanguage([{ prefix: "description", field: "description", schema: longText, nullable: true }], []),
];

export interface StoredPackage extends StoredTexts {
  id: string;
  slug: string;
  institutionId: string;
  creditCode: string;
  cityId: string;
  conditions: string[];
  therapies: string[];
  sessions: number;
  durationDays: number;
  priceFen: number;
  retired: boolean;
}

const packageTextFields = [
  { prefix: "name", field: "name", schema: translationFields.name, nullable: false },
  { prefix: "description", field: "description", schema: longText, nullable: false },
  { prefix: "treatment_plan", field: "treatmentPlan", schema: longText, nullable: false },
  { prefix: "expected_outcome", field: "expectedOutcome", schema: longText, nullable: false },
  { prefix: "contraindications", field: "contraindications", schema: longText, nullable: false },
] as const;

export const packageColumns: ColumnSpec[] = [
  spec(
    "package",
    true,
    text(slugParam),
    g<StoredPackage>((s) => s.slug),
  ),
  spec(
    "credit_code",
    true,
    creditCode,
    g<StoredPackage>((s) => s.creditCode),
  ),
  ...packageTextFields.map((f) =>
    spec(`${f.prefix}_en`, true, text(f.schema), t("en", f.field) as (s: never) => unknown),
  ),
  spec(
    "conditions",
    true,
    list(conditions),
    g<StoredPackage>((s) => s.conditions),
  ),
  spec(
    "therapies",
    true,
    list(therapies),
    g<StoredPackage>((s) => s.therapies),
  ),
  spec(
    "sessions",
    true,
    integer(1, 200, null),
    g<StoredPackage>((s) => s.sessions),
  ),
  spec(
    "duration_days",
    true,
    integer(1, 365, null),
    g<StoredPackage>((s) => s.durationDays),
  ),
  spec(
    "price_cny",
    true,
    money(1_000_000),
    g<StoredPackage>((s) => s.priceFen),
  ),
  spec(
    "retired",
    false,
    bool(false),
    g<StoredPackage>((s) => s.retired),
  ),
  ...perLanguage(packageTextFields, ["en"]),
];

export interface StoredAgreement {
  id: string;
  institutionId: string;
  creditCode: string;
  insurerSlug: string;
  scope: string;
  preauthLeadDays: number;
  documents: string[];
  validFrom: Date;
  validTo: Date | null;
}

export const agreementColumns: ColumnSpec[] = [
  spec(
    "credit_code",
    true,
    creditCode,
    g<StoredAgreement>((s) => s.creditCode),
  ),
  spec(
    "insurer",
    true,
    text(slugParam),
    g<StoredAgreement>((s) => s.insurerSlug),
  ),
  spec(
    "scope",
    true,
    code(visitKinds, null),
    g<StoredAgreement>((s) => s.scope),
  ),
  spec(
    "preauth_lead_days",
    false,
    integer(0, 60, 0),
    g<StoredAgreement>((s) => s.preauthLeadDays),
  ),
  spec(
    "documents",
    false,
    list(documentCodes),
    g<StoredAgreement>((s) => s.documents),
  ),
  spec(
    "valid_from",
    true,
    date(),
    g<StoredAgreement>((s) => s.validFrom),
  ),
  spec(
    "valid_to",
    false,
    date(),
    g<StoredAgreement>((s) => s.validTo),
  ),
];

export const columnsOf: Record<EntityKey, ColumnSpec[]> = {
  institutions: institutionColumns,
  departments: departmentColumns,
  packages: packageColumns,
  agreements: agreementColumns,
};

// ---------------------------------------------------------------- reading a row

/** What a cell of a text column looks like, for the message of one that does not read. */
const EXAMPLES: Record<string, string> = {
  slug: "peking-union-medical-college-hospital",
  city: "beijing",
  phone: "+86 10 6915 6699",
  email: "international@hospital.cn",
  website: "https://www.hospital.cn",
  department: "cardiology",
  package: "neck-back-pain-7-days",
  insurer: "cigna",
};

/** A row read: its present columns' values (`null` = emptied), and its problems. */
export interface ParsedRow {
  entity: EntityKey;
  sheet: string;
  row: number;
  /** Column key → typed value, for the columns the file has (a column left alone is absent). */
  values: Record<string, unknown>;
  problems: RowProblem[];
}

/** Reads one row of `entity`; unknown column keys are the file layer's to report, and are ignored here. */
export function parseRow(entity: EntityKey, sheet: string, input: RowInput): ParsedRow {
  const values: Record<string, unknown> = {};
  const problems: RowProblem[] = [];
  for (const column of columnsOf[entity]) {
    const cell = input.cells[column.key];
    if (cell === undefined) {
      if (column.required)
        problems.push({
          sheet,
          row: input.row,
          column: column.key,
          code: "required",
          params: { column: column.key },
        });
      continue;
    }
    const trimmed = cell.trim();
    if (trimmed === "" && column.required) {
      problems.push({
        sheet,
        row: input.row,
        column: column.key,
        code: "required",
        params: { column: column.key },
      });
      continue;
    }
    const parsed = column.parse(trimmed);
    if ("keep" in parsed) continue;
    if ("problem" in parsed) {
      if (parsed.problem.code === "invalid" && !parsed.problem.params?.expected)
        parsed.problem.params = { ...parsed.problem.params, expected: EXAMPLES[column.key] ?? "—" };
      problems.push({
        sheet,
        row: input.row,
        column: column.key,
        code: parsed.problem.code,
        params: { column: column.key, ...parsed.problem.params },
      });
      continue;
    }
    values[column.key] = parsed.value;
  }
  if (entity === "agreements" && values.valid_to instanceof Date && values.valid_from instanceof Date)
    if (values.valid_to < values.valid_from)
      problems.push({
        sheet,
        row: input.row,
        column: "valid_to",
        code: "date_order",
        params: { column: "valid_to", value: input.cells.valid_to ?? "" },
      });
  return { entity, sheet, row: input.row, values, problems };
}

/** The column's canonical spelling of a value (what an export writes, what a dry run compares). */
export function formatCell(entity: EntityKey, key: string, value: unknown): string {
  const column = columnsOf[entity].find((c) => c.key === key);
  return column ? column.format(value ?? null) : "";
}

/** Every column of a stored row, spelled as an export writes it. */
export function storedCells(entity: EntityKey, stored: object): Record<string, string> {
  return Object.fromEntries(
    columnsOf[entity].map((c) => [c.key, c.format((c.get as (s: object) => unknown)(stored))]),
  );
}

/** The row's key as the plan shows it. */
export function rowKey(entity: EntityKey, values: Record<string, unknown>): string {
  return entityKeyColumns[entity].map((k) => formatCell(entity, k, values[k])).join(" / ");
}
