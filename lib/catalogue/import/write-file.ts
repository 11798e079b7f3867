// Writes catalogue files in the import format (issue 19): the export of a
// city's catalogue and the empty templates, as XLSX (one sheet per entity,
// plus a "help" sheet explaining every column in the admin's language) or CSV
// (one entity, UTF-8 with a byte-order mark so Excel shows Chinese right).
// Headers are "<label in the locale> [<key>]": readCatalogueFile matches the
// key, so a file written in any language reads the same. A value a
// spreadsheet would run as a formula is written with a leading apostrophe,
// which the reader removes.
import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import { createTranslator } from "next-intl";
import { AppError } from "../../errors";
import { direction, type Locale } from "../../i18n/locales";
import { loadMessages } from "../../i18n/messages";
import { catalogueColumns, entityKeys, LIST_SEPARATOR, type ColumnDef, type EntityKey } from "./columns";
import { guardCell, HELP_SHEET } from "./read-file";
import { headerText } from "./column-labels";

export interface SheetToWrite {
  entity: EntityKey;
  /** Cells by column key; a missing key is an empty cell. */
  rows: Record<string, string>[];
  /** The columns to write, in the entity's order; all of the entity's by default. */
  columns?: readonly string[];
}

export interface WriteOptions {
  format: "xlsx" | "csv";
  locale: Locale;
}

/** How many empty rows of a template get the code columns' drop-down lists. */
const TEMPLATE_ROWS = 1_000;
/** Excel refuses a list validation whose inline list is longer than this. */
const MAX_INLINE_LIST = 255;

type Translate = (key: string, values?: Record<string, string | number>) => string;

async function translator(locale: Locale): Promise<Translate> {
  const t = createTranslator({ locale, messages: await loadMessages(locale), namespace: "Import" });
  return (key, values) => (t as unknown as Translate)(key, values);
}

function columnsOf(sheet: SheetToWrite): ColumnDef[] {
  const all = catalogueColumns[sheet.entity];
  const wanted = sheet.columns ? new Set(sheet.columns) : null;
  if (wanted)
    for (const key of wanted)
      if (!all.some((c) => c.key === key)) throw new Error(`${sheet.entity} has no column ${key}`);
  for (const row of sheet.rows)
    for (const key of Object.keys(row))
      if (!all.some((c) => c.key === key)) throw new Error(`${sheet.entity} has no column ${key}`);
  return wanted ? all.filter((c) => wanted.has(c.key)) : [...all];
}

/** A number column's value as a number when the text is exactly that number ("900", not "1280.50"), so Excel sums it. */
function xlsxValue(column: ColumnDef, value: string): string | number | null {
  // An empty cell is no cell: an export of 8,500 institutions × 73 columns is mostly empty languages.
  if (value === "") return null;
  if (["int", "decimal", "money"].includes(column.kind) && /^-?\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    if (String(n) === value && Number.isFinite(n)) return n;
  }
  return guardCell(value);
}

const textKinds = new Set<ColumnDef["kind"]>(["text", "code", "list", "date", "hours"]);

function addEntitySheet(
  workbook: ExcelJS.Workbook,
  t: Translate,
  sheet: SheetToWrite,
  columns: ColumnDef[],
  validationRows: number,
) {
  const worksheet = workbook.addWorksheet(sheet.entity, { views: [{ state: "frozen", ySplit: 1 }] });
  const headers = columns.map((c) => headerText(t, c));
  worksheet.columns = columns.map((c, i) => ({
    key: c.key,
    width: Math.min(48, Math.max(12, headers[i]!.length + 2)),
    // Text columns stay text when a person types in them: "0571…" phones and credit codes keep their digits.
    style: textKinds.has(c.kind) ? { numFmt: "@" } : {},
  }));
  const header = worksheet.getRow(1);
  header.values = headers;
  header.font = { bold: true };
  for (const row of sheet.rows) worksheet.addRow(columns.map((c) => xlsxValue(c, row[c.key] ?? "")));
  columns.forEach((c, i) => {
    if (c.kind !== "code" && c.kind !== "bool") return;
    const list = c.kind === "bool" ? ["yes", "no"] : (c.codes ?? []);
    const inline = `"${list.join(",")}"`;
    if (inline.length > MAX_INLINE_LIST) return;
    const last = Math.max(sheet.rows.length + 1, validationRows + 1);
    for (let r = 2; r <= last; r++)
      worksheet.getCell(r, i + 1).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [inline],
        showErrorMessage: true,
      };
  });
}

/** Columns whose help row adds a note (Import.help.note.<key>) to their kind's description. */
const notedColumns = new Set([
  "credit_code",
  "slug",
  "city",
  "latitude",
  "longitude",
  "grade",
  "phone",
  "cancellation_window_hours",
  "department",
  "package",
  "insurer",
  "preauth_lead_days",
  "retired",
  "valid_to",
]);

/** The help sheet: the rules of the format, then every column of each entity with its format and codes. */
function addHelpSheet(workbook: ExcelJS.Workbook, t: Translate, entities: readonly EntityKey[]) {
  const help = workbook.addWorksheet(HELP_SHEET);
  help.columns = [
    { width: 16 },
    { width: 42 },
    { width: 12 },
    { width: 60 },
    { width: 48 },
    { width: 14 },
  ].map((c) => ({ ...c, style: { alignment: { wrapText: true, vertical: "top" } } }));
  help.addRow([t("help.title")]).font = { bold: true, size: 14 };
  for (const rule of [
    "keys",
    "required",
    "lists",
    "booleans",
    "dates",
    "money",
    "csv",
    "neverDeletes",
    "formulas",
  ])
    help.addRow([guardCell(t(`help.rule.${rule}`))]);
  help.addRow([]);
  help.addRow(
    ["sheet", "column", "required", "format", "values", "maxLength"].map((h) => t(`help.header.${h}`)),
  ).font = { bold: true };
  for (const entity of entities)
    for (const column of catalogueColumns[entity]) {
      const note = notedColumns.has(column.key) ? ` ${t(`help.note.${column.key}`)}` : "";
      help.addRow([
        entity,
        headerText(t, column),
        t(column.required ? "help.yes" : "help.no"),
        guardCell(`${t(`help.kind.${column.kind}`)}${note}`),
        column.kind === "bool" ? "yes; no" : (column.codes ?? []).join(`${LIST_SEPARATOR} `),
        column.max,
      ]);
    }
}

function csvBytes(t: Translate, sheet: SheetToWrite, columns: ColumnDef[]): Uint8Array {
  const records = [
    columns.map((c) => headerText(t, c)),
    ...sheet.rows.map((row) => columns.map((c) => guardCell(row[c.key] ?? ""))),
  ];
  // Excel opens a CSV as UTF-8 only when it starts with a byte-order mark.
  return new TextEncoder().encode(`\uFEFF${stringify(records, { record_delimiter: "windows" })}`);
}

function csvNeedsOneEntity(count: number) {
  if (count !== 1) throw new AppError("VALIDATION_FAILED", { fields: { entity: "invalid" } });
}

async function write(sheets: SheetToWrite[], options: WriteOptions, template: boolean): Promise<Uint8Array> {
  const t = await translator(options.locale);
  const columns = sheets.map(columnsOf);
  if (options.format === "csv") {
    csvNeedsOneEntity(sheets.length);
    return csvBytes(t, sheets[0]!, columns[0]!);
  }
  const workbook = new ExcelJS.Workbook();
  sheets.forEach((sheet, i) => addEntitySheet(workbook, t, sheet, columns[i]!, template ? TEMPLATE_ROWS : 0));
  addHelpSheet(
    workbook,
    t,
    sheets.map((s) => s.entity),
  );
  // Arabic sheets open right to left, as the portal does.
  if (direction(options.locale) === "rtl")
    for (const worksheet of workbook.worksheets)
      worksheet.views = (worksheet.views.length ? worksheet.views : [{}]).map((v) => ({
        ...v,
        rightToLeft: true,
      }));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A catalogue file in the import format; CSV holds exactly one entity. */
export async function writeCatalogueFile(sheets: SheetToWrite[], options: WriteOptions): Promise<Uint8Array> {
  return write(sheets, options, false);
}

/** An empty file to fill in: every column of the entity (or of all four, XLSX only) labelled in the locale. */
export async function catalogueTemplate(
  entity: EntityKey | "all",
  options: WriteOptions,
): Promise<Uint8Array> {
  const entities = entity === "all" ? entityKeys : [entity];
  if (options.format === "csv") csvNeedsOneEntity(entities.length);
  return write(
    entities.map((e) => ({ entity: e, rows: [] })),
    options,
    true,
  );
}

/** The download name of a template: catalogue-template-institutions.csv, catalogue-template.xlsx. */
export function templateFileName(entity: EntityKey | "all", format: "xlsx" | "csv"): string {
  return `catalogue-template${entity === "all" ? "" : `-${entity}`}.${format}`;
}

/** The content type of a written file. */
export function catalogueContentType(format: "xlsx" | "csv"): string {
  return format === "xlsx"
    ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    : "text/csv; charset=utf-8";
}
