// Reads an uploaded catalogue file (XLSX or CSV) into raw rows keyed by column
// key, and nothing more: the import's row schemas decide what a value means.
// This layer is the file's gatekeeper: a file that is not what it says, is
// macro-enabled, would inflate far beyond its size (a zip bomb: judged from
// the zip's central directory before anything is inflated, then every entry
// inflated under its declared size), is not UTF-8, or has too many rows or
// columns is refused whole (IMPORT_FILE_REJECTED, Errors.reasons.<reason>).
// What a person can fix in place (an unknown or missing column, a formula
// cell, a cell too long) is a FileProblem the dry run shows beside the rows'.
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { parse as parseCsv } from "csv-parse/sync";
import { AppError } from "../../errors";
import {
  catalogueColumns,
  columnOf,
  entityOfColumns,
  headerKey,
  isEntityKey,
  type EntityKey,
} from "./columns";

/** Largest file accepted (bytes). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Most data rows per sheet (the header row not counted). */
export const MAX_ROWS = 20_000;
/** Most columns per sheet. */
export const MAX_COLUMNS = 200;
/** Longest cell (characters). */
export const MAX_CELL_CHARS = 4_000;
/** Most bytes an XLSX may inflate to, all its parts together. */
export const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
/** Highest compression ratio of the whole file, and of any part over RATIO_FLOOR_BYTES. */
export const MAX_COMPRESSION_RATIO = 100;
const RATIO_FLOOR_BYTES = 1024 * 1024;
/** Rows (empty or not) exceljs may parse per sheet before it stops. */
const XLSX_PARSE_MAX_ROWS = 5 * MAX_ROWS;
/** Most parts in an XLSX's zip. */
export const MAX_ZIP_ENTRIES = 1_000;

/** The sheet an XLSX workbook may have besides the entities' (the template's explanations); never read. */
export const HELP_SHEET = "help";

export interface RawRow {
  entity: EntityKey;
  /** The spreadsheet's 1-based row number (the header is row 1). */
  row: number;
  /** By column key, trimmed, "" when empty; every column the sheet has. */
  cells: Record<string, string>;
}

export interface RawSheet {
  entity: EntityKey;
  sheetName: string;
  /** The sheet's column keys in its order (unknown and duplicate columns left out). */
  columns: string[];
  rows: RawRow[];
}

export const fileProblemCodes = [
  /** A sheet (or CSV) that is none of the entities. */
  "unknown_sheet",
  /** A second sheet of the same entity (ignored). */
  "duplicate_sheet",
  /** A header naming no column of the entity. */
  "unknown_column",
  /** The same column twice (the second ignored). */
  "duplicate_column",
  /** A required column the sheet lacks. */
  "missing_column",
  /** Values under a column without a header. */
  "unnamed_column",
  /** A formula (XLSX) or a cell a spreadsheet would run as one (CSV): refused, read as empty. */
  "formula",
  /** An error value such as #N/A (read as empty). */
  "cell_error",
  /** A cell longer than MAX_CELL_CHARS (read as empty). */
  "cell_too_long",
] as const;
export type FileProblemCode = (typeof fileProblemCodes)[number];

/**
 * A problem with the file's shape rather than a row's values; its message is
 * Import.fileProblem.<code> with {sheet}, {row}, {column} and params. One with
 * a row makes that row's data untrustworthy: the import treats the row as in error.
 */
export interface FileProblem {
  sheet: string;
  row: number | null;
  column: string | null;
  code: FileProblemCode;
  params?: Record<string, string | number>;
}

export interface CatalogueFile {
  format: "xlsx" | "csv";
  sheets: RawSheet[];
  problems: FileProblem[];
}

/** Why a whole file is refused: Errors.reasons.<reason>. */
export type FileRejection =
  | "importFormat"
  | "importEmpty"
  | "importTooLarge"
  | "importCorrupt"
  | "importEncrypted"
  | "importMacro"
  | "importZipBomb"
  | "importNotUtf8"
  | "importCsvSyntax"
  | "importTooManyRows"
  | "importTooManyColumns";

function rejected(
  reason: FileRejection,
  values?: Record<string, string | number>,
  cause?: unknown,
): AppError {
  return new AppError("IMPORT_FILE_REJECTED", { fields: { file: "invalid" }, reason, values, cause });
}

const MEBIBYTE = 1024 * 1024;

export async function readCatalogueFile(bytes: Uint8Array, fileName: string): Promise<CatalogueFile> {
  if (bytes.byteLength === 0) throw rejected("importEmpty");
  if (bytes.byteLength > MAX_FILE_BYTES)
    throw rejected("importTooLarge", { maxMegabytes: MAX_FILE_BYTES / MEBIBYTE });
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? "";
  if (["xlsm", "xltm", "xlam"].includes(extension)) throw rejected("importMacro");
  const zip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
  const ole = startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]);
  if (extension === "xlsx" || (extension === "" && zip)) {
    // A password-protected workbook is an OLE container, not a zip.
    if (ole) throw rejected("importEncrypted");
    if (!zip) throw rejected("importCorrupt");
    return { format: "xlsx", ...(await readXlsx(bytes)) };
  }
  if (extension === "csv" || extension === "txt" || extension === "") {
    if (zip || ole) throw rejected("importFormat");
    return { format: "csv", ...readCsv(bytes, fileName) };
  }
  throw rejected("importFormat");
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

// ---------------------------------------------------------------- cells

/**
 * A value a spreadsheet would run as a formula (OWASP CSV injection): one starting with =, @, a tab
 * or a carriage return, or with + or - unless the whole value is a number or a phone number
 * ("+86 10 6529 5269", "-1", "-0.5"): "-2+3+cmd|' /C calc'!A0" starts with a digit after its sign
 * and is still a formula.
 */
export function looksLikeFormula(value: string): boolean {
  if (/^[=@\t\r]/.test(value)) return true;
  return /^[+-]/.test(value) && !/^[+-]\d[\d ().-]*$/.test(value);
}
/** The writer's guard against looksLikeFormula: a leading apostrophe, removed on read. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && looksLikeFormula(value.slice(1)) ? value.slice(1) : value;
}
export function guardCell(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}

type CellResult = { text: string } | { problem: FileProblemCode };

function finishCell(text: string): CellResult {
  const trimmed = unguardCell(text.trim());
  if (trimmed.length > MAX_CELL_CHARS) return { problem: "cell_too_long" };
  return { text: trimmed };
}

/** A number as the spreadsheet shows it: no float noise (0.30000000000000004), no exponent. */
export function numberText(value: number): string {
  if (Number.isSafeInteger(value)) return String(value);
  return value.toLocaleString("en-US", { useGrouping: false, maximumSignificantDigits: 15 });
}

function isoDate(date: Date): string {
  // exceljs reads a date cell as that day's midnight UTC.
  return date.toISOString().slice(0, 10);
}

type RichText = { richText: { text: string }[] };
const richText = (value: unknown): string =>
  typeof value === "string"
    ? value
    : value && typeof value === "object" && "richText" in value
      ? (value as RichText).richText.map((r) => r.text).join("")
      : "";

function xlsxCell(cell: ExcelJS.Cell): CellResult {
  const value = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return { text: "" };
    case ExcelJS.ValueType.Formula:
      return { problem: "formula" };
    case ExcelJS.ValueType.Error:
      return { problem: "cell_error" };
    case ExcelJS.ValueType.Number:
      return finishCell(numberText(value as number));
    case ExcelJS.ValueType.Boolean:
      return finishCell(value ? "yes" : "no");
    case ExcelJS.ValueType.Date:
      return value instanceof Date && !Number.isNaN(value.getTime())
        ? finishCell(isoDate(value))
        : { problem: "cell_error" };
    case ExcelJS.ValueType.Hyperlink:
      return finishCell(richText((value as ExcelJS.CellHyperlinkValue).text));
    case ExcelJS.ValueType.RichText:
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.SharedString:
      return finishCell(richText(value));
    default:
      return finishCell(String(value ?? ""));
  }
}

function csvCell(value: string): CellResult {
  const trimmed = value.trim();
  if (looksLikeFormula(trimmed)) return { problem: "formula" };
  return finishCell(trimmed);
}

// ---------------------------------------------------------------- sheets

/** A grid of cells as read, before the header says what they are. */
interface Grid {
  sheetName: string;
  /** The header row's texts, by 0-based column. */
  headers: string[];
  /** Data rows: the spreadsheet's row number and each non-empty cell by 0-based column. */
  rows: { row: number; cells: Map<number, CellResult> }[];
}

function columnName(index: number): string {
  let n = index + 1;
  let name = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** The grid's rows under its header's keys, with the problems of the header and the cells. */
function sheetOf(entity: EntityKey, grid: Grid, problems: FileProblem[]): RawSheet {
  const sheet = grid.sheetName;
  const keyAt = new Map<number, string>();
  const seen = new Set<string>();
  grid.headers.forEach((header, index) => {
    if (header === "") return;
    const key = headerKey(header);
    if (!key || !columnOf(entity, key)) {
      problems.push({ sheet, row: 1, column: header, code: "unknown_column", params: { header } });
    } else if (seen.has(key)) {
      problems.push({ sheet, row: 1, column: key, code: "duplicate_column" });
    } else {
      seen.add(key);
      keyAt.set(index, key);
    }
  });
  const columns = [...keyAt.values()];
  for (const c of catalogueColumns[entity])
    if (c.required && !seen.has(c.key))
      problems.push({ sheet, row: 1, column: c.key, code: "missing_column" });

  const unnamed = new Set<number>();
  const rows: RawRow[] = [];
  for (const { row, cells } of grid.rows) {
    const values: Record<string, string> = Object.fromEntries(columns.map((k) => [k, ""]));
    let anything = false;
    const rowProblems: FileProblem[] = [];
    for (const [index, result] of cells) {
      const key = keyAt.get(index);
      if (key === undefined) {
        // A value under no header, or under an empty one (unknown and duplicate columns are reported once, above).
        if ((grid.headers[index] ?? "") === "" && ("problem" in result || result.text !== ""))
          unnamed.add(index);
        continue;
      }
      if ("problem" in result) {
        rowProblems.push({
          sheet,
          row,
          column: key,
          code: result.problem,
          ...(result.problem === "cell_too_long" && { params: { max: MAX_CELL_CHARS } }),
        });
        anything = true;
      } else if (result.text !== "") {
        values[key] = result.text;
        anything = true;
      }
    }
    if (!anything) continue;
    problems.push(...rowProblems);
    rows.push({ entity, row, cells: values });
  }
  for (const index of [...unnamed].sort((a, b) => a - b))
    problems.push({ sheet, row: null, column: columnName(index), code: "unnamed_column" });
  return { entity, sheetName: sheet, columns, rows };
}

/** Which entity a grid holds: its name (XLSX) or, failing that, its header's distinguishing column. */
function entityOfGrid(grid: Grid, byName: boolean): EntityKey | undefined {
  const name = grid.sheetName.trim().toLowerCase();
  if (byName && isEntityKey(name)) return name;
  const keys = grid.headers.map(headerKey).filter((k): k is string => k !== null);
  return entityOfColumns(keys);
}

function sheetsOf(grids: Grid[], byName: boolean): { sheets: RawSheet[]; problems: FileProblem[] } {
  const sheets: RawSheet[] = [];
  const problems: FileProblem[] = [];
  for (const grid of grids) {
    if (grid.headers.every((h) => h === "") && grid.rows.length === 0) continue;
    const entity = entityOfGrid(grid, byName);
    if (!entity) {
      problems.push({ sheet: grid.sheetName, row: null, column: null, code: "unknown_sheet" });
    } else if (sheets.some((s) => s.entity === entity)) {
      problems.push({
        sheet: grid.sheetName,
        row: null,
        column: null,
        code: "duplicate_sheet",
        params: { entity },
      });
    } else {
      sheets.push(sheetOf(entity, grid, problems));
    }
  }
  return { sheets, problems };
}

function checkShape(sheetName: string, rowCount: number, columnCount: number) {
  if (rowCount > MAX_ROWS) throw rejected("importTooManyRows", { sheet: sheetName, maxRows: MAX_ROWS });
  if (columnCount > MAX_COLUMNS)
    throw rejected("importTooManyColumns", { sheet: sheetName, maxColumns: MAX_COLUMNS });
}

// ---------------------------------------------------------------- CSV

const UTF16_BOMS = [
  [0xff, 0xfe],
  [0xfe, 0xff],
];

function decodeUtf8(bytes: Uint8Array): string {
  if (UTF16_BOMS.some((bom) => startsWith(bytes, bom))) throw rejected("importNotUtf8");
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch (cause) {
    throw rejected("importNotUtf8", undefined, cause);
  }
  // UTF-16 without a byte-order mark decodes as "valid" UTF-8 full of NULs.
  if (text.includes("\u0000")) throw rejected("importNotUtf8");
  return text;
}

/** Excel writes CSV with "," or, in some languages, ";": the one whose header names the most columns. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const known = new Set(Object.values(catalogueColumns).flatMap((cs) => cs.map((c) => c.key)));
  let best = ",";
  let bestCount = -1;
  for (const delimiter of [",", ";", "\t"]) {
    const count = firstLine
      .split(delimiter)
      .map((h) => headerKey(h.replace(/^"|"$/g, "")))
      .filter((k) => k !== null && known.has(k)).length;
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

function readCsv(bytes: Uint8Array, fileName: string): { sheets: RawSheet[]; problems: FileProblem[] } {
  const text = decodeUtf8(bytes);
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
      // One over the limit is enough to refuse; never parse the rest of a huge file.
      to: MAX_ROWS + 2,
    });
  } catch (cause) {
    const line = (cause as { lines?: unknown }).lines;
    throw rejected("importCsvSyntax", { line: typeof line === "number" ? line : 0 }, cause);
  }
  const [header = [], ...data] = records;
  checkShape(fileName, data.length, Math.max(header.length, ...data.slice(0, 1000).map((r) => r.length)));
  const grid: Grid = {
    sheetName: fileName,
    headers: header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim()),
    rows: data.map((record, i) => ({
      row: i + 2,
      cells: new Map(
        record.flatMap((value, index) => (value.trim() === "" ? [] : [[index, csvCell(value)] as const])),
      ),
    })),
  };
  for (const row of grid.rows)
    if (row.cells.size > 0 && Math.max(...row.cells.keys()) >= MAX_COLUMNS)
      throw rejected("importTooManyColumns", { sheet: fileName, maxColumns: MAX_COLUMNS });
  return sheetsOf([grid], false);
}

// ---------------------------------------------------------------- XLSX

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The zip's central directory, read without inflating anything. */
function centralDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 0xffff); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw rejected("importCorrupt");
  const count = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  // Zip64 (sizes over 4 GB or 65,535 parts) has no place in a catalogue file.
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff)
    throw rejected("importZipBomb", { maxMegabytes: MAX_UNCOMPRESSED_BYTES / MEBIBYTE });
  if (count > MAX_ZIP_ENTRIES)
    throw rejected("importZipBomb", { maxMegabytes: MAX_UNCOMPRESSED_BYTES / MEBIBYTE });
  if (directoryOffset + directorySize > eocd) throw rejected("importCorrupt");
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== 0x02014b50) throw rejected("importCorrupt");
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== 0x04034b50) throw rejected("importCorrupt");
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.byteLength) throw rejected("importCorrupt");
  return bytes.subarray(start, end);
}

/** One part inflated, never beyond the size the directory declares (a lying directory is a bomb). */
function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    if (data.byteLength !== entry.size) throw rejected("importCorrupt");
    return data;
  }
  if (entry.method !== 8) throw rejected("importCorrupt");
  let out: Uint8Array;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
  } catch (cause) {
    if ((cause as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
      throw rejected("importZipBomb", { maxMegabytes: MAX_UNCOMPRESSED_BYTES / MEBIBYTE }, cause);
    throw rejected("importCorrupt", undefined, cause);
  }
  if (out.byteLength !== entry.size) throw rejected("importCorrupt");
  return out;
}

const MACRO_CONTENT_TYPE = /macroEnabled|vbaProject|ms-office\.vbaProject/i;

/** Refuses a zip bomb, a macro-enabled or encrypted workbook, before exceljs inflates anything. */
function checkZip(bytes: Uint8Array) {
  const entries = centralDirectory(bytes);
  const bomb = () => rejected("importZipBomb", { maxMegabytes: MAX_UNCOMPRESSED_BYTES / MEBIBYTE });
  let total = 0;
  for (const entry of entries) {
    total += entry.size;
    if (
      entry.size > RATIO_FLOOR_BYTES &&
      entry.size > MAX_COMPRESSION_RATIO * Math.max(entry.compressedSize, 1)
    )
      throw bomb();
  }
  if (total > MAX_UNCOMPRESSED_BYTES) throw bomb();
  if (total > RATIO_FLOOR_BYTES && total > MAX_COMPRESSION_RATIO * bytes.byteLength) throw bomb();
  if (
    entries.some(
      (e) => /(^|\/)vbaProject\.bin$/i.test(e.name) || (/\.bin$/i.test(e.name) && /vba/i.test(e.name)),
    )
  )
    throw rejected("importMacro");
  if (entries.some((e) => e.flags & 0x1)) throw rejected("importEncrypted");
  // A zip that is no workbook (exceljs would read it as one without sheets).
  const names = new Set(entries.map((e) => e.name));
  if (!names.has("[Content_Types].xml") || !names.has("xl/workbook.xml")) throw rejected("importCorrupt");
  // Every part inflated under its declared size: the directory's totals above are then the truth.
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    const data = inflateEntry(bytes, entry);
    if (entry.name === "[Content_Types].xml" && MACRO_CONTENT_TYPE.test(new TextDecoder().decode(data)))
      throw rejected("importMacro");
  }
}

async function readXlsx(bytes: Uint8Array): Promise<{ sheets: RawSheet[]; problems: FileProblem[] }> {
  checkZip(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer,
      {
        // exceljs expands every address of a validation or merge range ("A1:XFD1048576" is 17 billion):
        // none of them carries data, so they are never parsed.
        ignoreNodes: [
          "dataValidations",
          "conditionalFormatting",
          "mergeCells",
          "hyperlinks",
          "drawing",
          "picture",
        ],
        // Stops a sheet of a million (empty, formatted) rows while parsing; the exact limit, counting
        // only rows with values, is checked per sheet below.
        maxRows: XLSX_PARSE_MAX_ROWS,
        maxCols: MAX_COLUMNS,
      } as Partial<ExcelJS.XlsxReadOptions>,
    );
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : "";
    if (/^Max row count/.test(message))
      throw rejected("importTooManyRows", { sheet: "…", maxRows: MAX_ROWS }, cause);
    if (/^Max c count/.test(message))
      throw rejected("importTooManyColumns", { sheet: "…", maxColumns: MAX_COLUMNS }, cause);
    throw rejected("importCorrupt", undefined, cause);
  }
  const grids: Grid[] = [];
  for (const worksheet of workbook.worksheets) {
    if (worksheet.name.trim().toLowerCase() === HELP_SHEET) continue;
    checkShape(worksheet.name, Math.max(0, worksheet.actualRowCount - 1), worksheet.actualColumnCount);
    const headers: string[] = [];
    const rows: Grid["rows"] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells = new Map<number, CellResult>();
      row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
        if (columnNumber > MAX_COLUMNS)
          throw rejected("importTooManyColumns", { sheet: worksheet.name, maxColumns: MAX_COLUMNS });
        const result = xlsxCell(cell);
        if ("problem" in result || result.text !== "") cells.set(columnNumber - 1, result);
      });
      if (rowNumber === 1) {
        for (const [index, result] of cells) headers[index] = "text" in result ? result.text : "";
      } else if (cells.size > 0) {
        rows.push({ row: rowNumber, cells });
      }
    });
    grids.push({ sheetName: worksheet.name, headers: Array.from(headers, (h) => h ?? ""), rows });
  }
  return sheetsOf(grids, true);
}
