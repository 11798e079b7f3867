// Reads a translated file back: XLIFF 2.0 (the `xliff` package's parser, after
// refusing any DOCTYPE or entity declaration: no external entities, no billion
// laughs) or the XLSX the export wrote (after reading the zip's directory:
// a zip bomb, a macro or an oversized sheet is refused before it is inflated).
// Whole-file problems are VALIDATION_FAILED naming the field `file`, with a
// reason whose message says what is wrong; per-unit problems are the plan's.
import ExcelJS from "exceljs";
import { xliff2js } from "xliff";
import { AppError } from "../errors";
import { SOURCE_WRITTEN_NOTE, XLSX_SHEET } from "./export-translations";

/** The largest file accepted (a city's every text in one language is far less). */
export const MAX_TRANSLATION_FILE_BYTES = 5 * 1024 * 1024;
/** The most units one file may carry. */
export const MAX_TRANSLATION_UNITS = 20_000;
/** What an XLSX may inflate to, in all. */
const MAX_XLSX_INFLATED_BYTES = 60 * 1024 * 1024;

export interface FileEntry {
  id: string;
  /** The translated text as written ("" when the translator left it empty). */
  target: string;
  /** When the source was written at export, if the file says. */
  sourceWrittenAt: Date | null;
  /** Its place in the file (XLSX: the sheet's row number; XLIFF: the unit's position). */
  position: number;
  /** The target was not plain text (XLIFF inline markup, an XLSX formula). */
  notText?: "markup" | "formula";
}

export interface TranslationFile {
  format: "xliff" | "xlsx";
  language: string;
  entries: FileEntry[];
}

const refuse = (reason: string) => new AppError("VALIDATION_FAILED", { fields: { file: "invalid" }, reason });

/** The file's format from its first bytes: a zip is an XLSX, text an XLIFF. */
export function detectFormat(bytes: Uint8Array): "xliff" | "xlsx" {
  return bytes[0] === 0x50 && bytes[1] === 0x4b ? "xlsx" : "xliff";
}

export async function readTranslationFile(bytes: Uint8Array, language: string): Promise<TranslationFile> {
  if (bytes.byteLength > MAX_TRANSLATION_FILE_BYTES)
    throw new AppError("PAYLOAD_TOO_LARGE", {
      values: { maxKilobytes: Math.floor(MAX_TRANSLATION_FILE_BYTES / 1024) },
    });
  if (bytes.byteLength === 0) throw refuse("translationFileUnreadable");
  const format = detectFormat(bytes);
  const file = format === "xliff" ? await readXliff(bytes) : await readXlsx(bytes);
  if (file.language !== language)
    throw new AppError("VALIDATION_FAILED", {
      fields: { file: "mismatch" },
      reason: "translationFileLanguage",
      values: { expected: language, found: file.language || "?" },
    });
  if (file.entries.length > MAX_TRANSLATION_UNITS) throw refuse("translationFileTooManyUnits");
  return file;
}

function plainDate(value: string | undefined | null): Date | null {
  if (!value) return null;
  const d = new Date(value.trim());
  return Number.isNaN(d.getTime()) ? null : d;
}

async function readXliff(bytes: Uint8Array): Promise<TranslationFile> {
  let xml: string;
  try {
    xml = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw refuse("translationFileUnreadable");
  }
  // Entities are how XML is made to read other files or to grow a billion-fold: none is needed here.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw refuse("translationFileDoctype");
  let doc: Awaited<ReturnType<typeof xliff2js>>;
  try {
    doc = await xliff2js(xml);
  } catch {
    throw refuse("translationFileUnreadable");
  }
  if (!doc || doc instanceof Error || !doc.resources) throw refuse("translationFileUnreadable");
  const entries: FileEntry[] = [];
  let position = 0;
  const visit = (units: Record<string, unknown>) => {
    for (const [id, raw] of Object.entries(units)) {
      const unit = raw as { target?: unknown; note?: unknown; groupUnits?: Record<string, unknown> };
      if (unit.groupUnits) {
        visit(unit.groupUnits);
        continue;
      }
      position += 1;
      const notes = (Array.isArray(unit.note) ? unit.note : [unit.note]).filter(
        (n): n is string => typeof n === "string",
      );
      const written = notes.find((n) => n.startsWith(SOURCE_WRITTEN_NOTE));
      const target = unit.target ?? "";
      entries.push({
        id,
        target: typeof target === "string" ? target : "",
        sourceWrittenAt: plainDate(written?.slice(SOURCE_WRITTEN_NOTE.length)),
        position,
        ...(typeof target === "string" ? {} : { notText: "markup" as const }),
      });
    }
  };
  for (const units of Object.values(doc.resources)) visit(units);
  return { format: "xliff", language: doc.targetLanguage ?? "", entries };
}

/**
 * The zip's central directory: each entry's name and declared sizes. Refuses
 * a file whose entries would inflate past the limit or far past their
 * compressed size (a zip bomb), and a macro-enabled workbook.
 */
function checkZip(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 65_557); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) throw refuse("translationFileUnreadable");
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  let inflated = 0;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.byteLength || view.getUint32(offset, true) !== 0x02014b50)
      throw refuse("translationFileUnreadable");
    const compressed = view.getUint32(offset + 20, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extra = view.getUint16(offset + 30, true);
    const comment = view.getUint16(offset + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    if (/vbaProject\.bin$/i.test(name)) throw refuse("translationFileMacro");
    // Sizes of 0xFFFFFFFF mean ZIP64: far beyond anything this file should be.
    if (size === 0xffffffff || compressed === 0xffffffff) throw refuse("translationFileTooLarge");
    if (size > 1024 * 1024 && size > compressed * 200) throw refuse("translationFileTooLarge");
    inflated += size;
    offset += 46 + nameLength + extra + comment;
  }
  if (inflated > MAX_XLSX_INFLATED_BYTES) throw refuse("translationFileTooLarge");
}

/** A header cell's bracketed key: `Target (Russian) [target:ru]` → `target:ru`. */
function headerKey(value: string): string {
  const m = /\[([^\]]+)\]\s*$/.exec(value);
  return (m ? m[1]! : value).trim().toLowerCase();
}

async function readXlsx(bytes: Uint8Array): Promise<TranslationFile> {
  checkZip(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch {
    throw refuse("translationFileUnreadable");
  }
  const sheet = workbook.getWorksheet(XLSX_SHEET) ?? workbook.worksheets[0];
  if (!sheet) throw refuse("translationFileUnreadable");
  const header = sheet.getRow(1);
  const columns = new Map<string, number>();
  let language = "";
  header.eachCell((cell, col) => {
    const key = headerKey(String(cell.text ?? ""));
    if (key.startsWith("target:")) {
      language = key.slice("target:".length);
      columns.set("target", col);
    } else columns.set(key, col);
  });
  const idCol = columns.get("id");
  const targetCol = columns.get("target");
  if (!idCol || !targetCol) throw refuse("translationFileColumns");
  const writtenCol = columns.get("source_written_at");
  const entries: FileEntry[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const id = String(row.getCell(idCol).text ?? "").trim();
    if (id === "") return;
    const cell = row.getCell(targetCol);
    const formula = cell.type === ExcelJS.ValueType.Formula;
    entries.push({
      id,
      target: formula ? "" : String(cell.text ?? ""),
      sourceWrittenAt: writtenCol ? plainDate(String(row.getCell(writtenCol).text ?? "")) : null,
      position: number,
      ...(formula ? { notText: "formula" as const } : {}),
    });
  });
  return { format: "xlsx", language, entries };
}
