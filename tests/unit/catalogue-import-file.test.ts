// The catalogue file layer (issue 19): what is written reads back the same in
// XLSX and CSV whatever the headers' language, and a file that is not what it
// claims (macro, zip bomb, corrupt, not UTF-8, too big) is refused whole
// before anything trusts it, while what a person fixes in place (columns,
// formula cells) is a FileProblem.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { catalogueColumns, entityKeys, headerKey, type EntityKey } from "../../lib/catalogue/import/columns";
import {
  MAX_CELL_CHARS,
  MAX_FILE_BYTES,
  MAX_ROWS,
  readCatalogueFile,
  type CatalogueFile,
} from "../../lib/catalogue/import/read-file";
import { catalogueTemplate, writeCatalogueFile } from "../../lib/catalogue/import/write-file";
import { errorBody } from "../../lib/http/errors";
import { locales } from "../../lib/i18n/locales";

// ------------------------------------------------------------------ helpers

/** Rows for every entity with the awkward values a catalogue really has. */
const samples: Record<EntityKey, Record<string, string>[]> = {
  institutions: [
    {
      credit_code: "91350100M000100Y43",
      slug: "xiehe",
      city: "beijing",
      name_zh: "北京协和医院",
      name_en: "Peking Union Medical College Hospital",
      address_zh: "北京市东城区帅府园1号",
      address_en: '1 Shuaifuyuan, Dongcheng, "Beijing"',
      latitude: "39.912345",
      longitude: "116.41729",
      ownership: "PUBLIC",
      grade: "TERTIARY_A",
      phone: "+86 10 6915 6114",
      email: "intl@pumch.cn",
      website: "https://www.pumch.cn/en?a=1&b=2",
      emergency_24h: "yes",
      languages: "en; ru; ar",
      services: "INTERPRETER; VISA_SUPPORT_LETTER",
      accreditations: "JCI",
      accepted_payments: "visa; unionpay",
      hours: "Mon-Fri 08:00-17:00; Sat 08:00-12:00",
      cancellation_window_hours: "24",
      description_en: 'Line one,\nline two; with a comma, a quote " and a semicolon.',
      name_ar: "مستشفى بكين يونيون",
      name_ru: "=Больница (starts like a formula)",
      description_ru: "- пункт списка",
      intl_dept_name_ja: "@国際部",
    },
    {
      credit_code: "12100000400000624D",
      slug: "tcm-1",
      city: "beijing",
      name_zh: "中医院",
      name_en: "TCM Hospital",
      address_zh: "北京",
      address_en: "Beijing",
      latitude: "-0.5",
      longitude: "116",
      ownership: "PRIVATE",
      phone: "010-6529 5269",
    },
  ],
  departments: [
    {
      credit_code: "91350100M000100Y43",
      department: "cardiology",
      specialty: "cardiology",
      fee_cny: "1280.50",
      name_en: "Cardiology",
      name_zh: "心内科",
      retired: "no",
      name_ko: "심장내과",
    },
    {
      credit_code: "91350100M000100Y43",
      department: "tcm",
      specialty: "tcm",
      fee_cny: "900",
      name_en: "TCM",
    },
  ],
  packages: [
    {
      package: "wellness-6",
      credit_code: "12100000400000624D",
      name_en: "Six-day wellness stay",
      description_en: "Rest.",
      treatment_plan_en: "Acupuncture daily.",
      expected_outcome_en: "Better sleep.",
      contraindications_en: "+ pregnancy (a plus sign first)",
      conditions: "insomnia; fatigue",
      therapies: "acupuncture; tuina",
      sessions: "6",
      duration_days: "6",
      price_cny: "3600",
      name_zh: "六日养生",
    },
  ],
  agreements: [
    {
      credit_code: "91350100M000100Y43",
      insurer: "allianz-care",
      scope: "OUTPATIENT",
      preauth_lead_days: "3",
      documents: "passport; insurance_card",
      valid_from: "2027-01-01",
      valid_to: "2027-12-31",
    },
  ],
};

/** What the reader should give back for a row: every column of the sheet, "" where nothing was written. */
function expectedCells(entity: EntityKey, row: Record<string, string>): Record<string, string> {
  return Object.fromEntries(catalogueColumns[entity].map((c) => [c.key, (row[c.key] ?? "").trim()]));
}

async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; reason?: string; status: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: string; reason?: string; status: number };
    return { code: e.code, reason: e.reason, status: e.status };
  }
  throw new Error("expected the file to be refused");
}

async function xlsx(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const utf8 = (text: string) => new TextEncoder().encode(text);

// A minimal zip reader and writer, to take a real workbook apart and put
// hostile ones together (the library under test must not be the one that builds them).
interface Part {
  name: string;
  data: Uint8Array;
  /** Overrides of what the central directory declares. */
  declaredSize?: number;
  compressed?: Uint8Array;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function zip(parts: Part[]): Uint8Array {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const compressed = part.compressed ?? deflateRawSync(part.data);
    const size = part.declaredSize ?? part.data.byteLength;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(part.data), 14);
    local.writeUInt32LE(compressed.byteLength, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(part.data), 16);
    central.writeUInt32LE(compressed.byteLength, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    chunks.push(local, name, Buffer.from(compressed));
    directory.push(central, name);
    offset += local.byteLength + name.byteLength + compressed.byteLength;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directoryBytes.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, directoryBytes, end]));
}

function unzip(bytes: Uint8Array): Part[] {
  const buffer = Buffer.from(bytes);
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const parts: Part[] = [];
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(at + 10);
    const compressedSize = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const skip = nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString();
    const local = buffer.readUInt32LE(at + 42);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const raw = buffer.subarray(start, start + compressedSize);
    parts.push({ name, data: new Uint8Array(method === 8 ? inflateRawSync(raw) : raw) });
    at += 46 + skip;
  }
  return parts;
}

async function plainWorkbook(): Promise<Uint8Array> {
  return writeCatalogueFile([{ entity: "agreements", rows: samples.agreements }], {
    format: "xlsx",
    locale: "en",
  });
}

// ------------------------------------------------------------------ round trips

describe("writeCatalogueFile → readCatalogueFile", () => {
  for (const locale of ["en", "zh", "ar"] as const)
    for (const format of ["xlsx", "csv"] as const)
      it.each(entityKeys)(
        `reads back every value of %s written as ${format} in ${locale}`,
        async (entity) => {
          const bytes = await writeCatalogueFile([{ entity, rows: samples[entity] }], { format, locale });
          const file = await readCatalogueFile(bytes, `${entity}.${format}`);
          expect(file.format).toBe(format);
          expect(file.problems).toEqual([]);
          expect(file.sheets).toHaveLength(1);
          const [sheet] = file.sheets;
          expect(sheet!.entity).toBe(entity);
          expect(sheet!.columns).toEqual(catalogueColumns[entity].map((c) => c.key));
          expect(sheet!.rows.map((r) => r.row)).toEqual(samples[entity].map((_, i) => i + 2));
          expect(sheet!.rows.map((r) => r.cells)).toEqual(
            samples[entity].map((r) => expectedCells(entity, r)),
          );
        },
      );

  it("writes all four entities into one workbook and reads them back, the help sheet ignored", async () => {
    const bytes = await writeCatalogueFile(
      entityKeys.map((entity) => ({ entity, rows: samples[entity] })),
      { format: "xlsx", locale: "ru" },
    );
    const file = await readCatalogueFile(bytes, "catalogue.xlsx");
    expect(file.problems).toEqual([]);
    expect(file.sheets.map((s) => s.entity)).toEqual([...entityKeys]);
    for (const sheet of file.sheets)
      expect(sheet.rows.map((r) => r.cells)).toEqual(
        samples[sheet.entity].map((r) => expectedCells(sheet.entity, r)),
      );
  });

  it("guards values a spreadsheet would run as formulas with an apostrophe in the file, not in what is read", async () => {
    const bytes = await writeCatalogueFile([{ entity: "institutions", rows: samples.institutions }], {
      format: "csv",
      locale: "en",
    });
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain("'=Больница");
    expect(text).toContain("'- пункт");
    expect(text).toContain("'@国際部");
    // A phone and a negative number are not formulas: written as they are.
    expect(text).toContain(",+86 10 6915 6114,");
    expect(text).toContain(",-0.5,");
  });

  it("writes the code columns' numbers as numbers in XLSX only when that loses nothing", async () => {
    const bytes = await writeCatalogueFile([{ entity: "departments", rows: samples.departments }], {
      format: "xlsx",
      locale: "en",
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("departments")!;
    const fee = catalogueColumns.departments.findIndex((c) => c.key === "fee_cny") + 1;
    expect(sheet.getRow(2).getCell(fee).value).toBe("1280.50");
    expect(sheet.getRow(3).getCell(fee).value).toBe(900);
    expect(sheet.getRow(1).getCell(1).value).toBe("Unified social credit code * [credit_code]");
  });

  it("refuses CSV for more than one entity", async () => {
    expect(await rejection(catalogueTemplate("all", { format: "csv", locale: "en" }))).toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });
});

describe("templates", () => {
  it.each(locales)("a %s template reads as the same empty columns", async (locale) => {
    const file = await readCatalogueFile(
      await catalogueTemplate("all", { format: "xlsx", locale }),
      "t.xlsx",
    );
    expect(file.problems).toEqual([]);
    expect(file.sheets.map((s) => [s.entity, s.columns, s.rows])).toEqual(
      entityKeys.map((e) => [e, catalogueColumns[e].map((c) => c.key), []]),
    );
  });

  it("labels headers in the admin's language, marks required columns and explains each column on a help sheet", async () => {
    const bytes = await catalogueTemplate("all", { format: "xlsx", locale: "zh" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([...entityKeys, "help"]);
    const header = workbook.getWorksheet("institutions")!.getRow(1).values as string[];
    expect(header).toContain("统一社会信用代码 * [credit_code]");
    expect(header).toContain("名称（Русский） [name_ru]");
    expect(header).toContain("医院等级 [grade]");
    const help = workbook.getWorksheet("help")!;
    expect(help.getRow(1).getCell(1).value).toBe("如何填写本文件");
    const rows = Array.from(help.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1).map(String) : []));
    const ownership = rows.find((r) => r[1] === "所有制 * [ownership]");
    expect(ownership?.slice(2, 5)).toEqual(["是", "可用代码之一。", "PUBLIC; PRIVATE; FOREIGN_OWNED"]);
  });

  it("writes a CSV template for one entity with the labels of its language, UTF-8 with a byte-order mark", async () => {
    const bytes = await catalogueTemplate("departments", { format: "csv", locale: "ar" });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("التخصص * [specialty]");
    const file = await readCatalogueFile(bytes, "departments.csv");
    expect(file.sheets[0]?.columns).toEqual(catalogueColumns.departments.map((c) => c.key));
  });

  it("opens an Arabic workbook right to left, keeping the frozen header", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(await catalogueTemplate("all", { format: "xlsx", locale: "ar" })) as unknown as ArrayBuffer,
    );
    for (const sheet of workbook.worksheets) expect(sheet.views[0]?.rightToLeft, sheet.name).toBe(true);
    expect(workbook.getWorksheet("institutions")!.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const english = new ExcelJS.Workbook();
    await english.xlsx.load(
      Buffer.from(
        await catalogueTemplate("agreements", { format: "xlsx", locale: "en" }),
      ) as unknown as ArrayBuffer,
    );
    expect(english.getWorksheet("agreements")!.views[0]?.rightToLeft).toBeFalsy();
  });
});

// ------------------------------------------------------------------ headers

describe("headers", () => {
  it("match by the bracketed key whatever the label, or by a bare key", () => {
    expect(headerKey("统一社会信用代码 * [credit_code]")).toBe("credit_code");
    expect(headerKey("الاسم [name_ar] ")).toBe("name_ar");
    expect(headerKey("credit_code")).toBe("credit_code");
    expect(headerKey("Credit_Code*")).toBe("credit_code");
    expect(headerKey("Credit code")).toBeNull();
  });

  it("read the same from a CSV with bare keys, a semicolon delimiter (German Excel) and CRLF", async () => {
    const csv = "credit_code;insurer;scope;valid_from\r\n91350100M000100Y43;axa;INPATIENT;2027-01-01\r\n";
    const file = await readCatalogueFile(utf8(csv), "vertraege.csv");
    expect(file.problems).toEqual([]);
    expect(file.sheets[0]).toMatchObject({
      entity: "agreements",
      columns: ["credit_code", "insurer", "scope", "valid_from"],
      rows: [
        {
          row: 2,
          cells: {
            credit_code: "91350100M000100Y43",
            insurer: "axa",
            scope: "INPATIENT",
            valid_from: "2027-01-01",
          },
        },
      ],
    });
  });

  it("name unknown, duplicate, missing and unnamed columns as file problems and read the rest", async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet("Departments ");
      ws.addRow(["credit_code", "Abteilung [department]", "colour", "specialty", "specialty", "", "fee_cny"]);
      ws.addRow(["91350100M000100Y43", "eye", "blue", "dermatology", "dentistry", "stray", "300"]);
    });
    const file = await readCatalogueFile(bytes, "d.xlsx");
    expect(file.problems).toEqual([
      {
        sheet: "Departments ",
        row: 1,
        column: "colour",
        code: "unknown_column",
        params: { header: "colour" },
      },
      { sheet: "Departments ", row: 1, column: "specialty", code: "duplicate_column" },
      { sheet: "Departments ", row: 1, column: "name_en", code: "missing_column" },
      { sheet: "Departments ", row: null, column: "F", code: "unnamed_column" },
    ]);
    expect(file.sheets[0]?.rows[0]?.cells).toEqual({
      credit_code: "91350100M000100Y43",
      department: "eye",
      specialty: "dermatology",
      fee_cny: "300",
    });
  });

  it("name a sheet that is no entity, and a second sheet of the same entity", async () => {
    const bytes = await xlsx((wb) => {
      wb.addWorksheet("Notes").addRow(["whatever", "else"]);
      wb.addWorksheet("agreements").addRow(["credit_code", "insurer", "scope", "valid_from"]);
      // Recognised by its distinguishing column although its name is not an entity's.
      wb.addWorksheet("Sheet3").addRow(["credit_code", "insurer", "scope", "valid_from"]);
      wb.addWorksheet("empty");
    });
    const file = await readCatalogueFile(bytes, "x.xlsx");
    expect(file.sheets.map((s) => s.entity)).toEqual(["agreements"]);
    expect(file.problems).toEqual([
      { sheet: "Notes", row: null, column: null, code: "unknown_sheet" },
      { sheet: "Sheet3", row: null, column: null, code: "duplicate_sheet", params: { entity: "agreements" } },
    ]);
  });

  it("name a CSV whose columns say no entity", async () => {
    const file = await readCatalogueFile(utf8("a,b\n1,2\n"), "x.csv");
    expect(file).toEqual({
      format: "csv",
      sheets: [],
      problems: [{ sheet: "x.csv", row: null, column: null, code: "unknown_sheet" }],
    } satisfies CatalogueFile);
  });
});

// ------------------------------------------------------------------ cells

describe("XLSX cells", () => {
  it("read numbers without float noise, booleans, dates, rich text and hyperlinks as text", async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet("institutions");
      ws.addRow(["credit_code", "latitude", "longitude", "emergency_24h", "name_en", "website", "phone"]);
      ws.addRow([
        "91350100M000100Y43",
        0.1 + 0.2,
        116.41729,
        true,
        { richText: [{ text: "Peking " }, { text: "Union", font: { bold: true } }] },
        { text: "pumch.cn", hyperlink: "https://www.pumch.cn" },
        8601065295269,
      ]);
      wb.addWorksheet("agreements").addRow([
        "credit_code",
        "insurer",
        "scope",
        "valid_from",
        "preauth_lead_days",
      ]);
      wb.getWorksheet("agreements")!.addRow([
        "x",
        "axa",
        "OUTPATIENT",
        new Date(Date.UTC(2027, 0, 31)),
        1e21,
      ]);
    });
    const file = await readCatalogueFile(bytes, "cells.xlsx");
    const [institutions, agreements] = file.sheets;
    expect(institutions!.rows[0]!.cells).toEqual({
      credit_code: "91350100M000100Y43",
      latitude: "0.3",
      longitude: "116.41729",
      emergency_24h: "yes",
      name_en: "Peking Union",
      website: "pumch.cn",
      phone: "8601065295269",
    });
    expect(agreements!.rows[0]!.cells.valid_from).toBe("2027-01-31");
    expect(agreements!.rows[0]!.cells.preauth_lead_days).toBe("1000000000000000000000");
  });

  it("refuse a formula cell (read as empty) and an error value, naming sheet, row and column", async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet("departments");
      ws.addRow(["credit_code", "department", "specialty", "fee_cny", "name_en"]);
      ws.addRow(["91350100M000100Y43", "eye", "dermatology", { formula: "100*3", result: 300 }, "Eye"]);
      ws.addRow(["91350100M000100Y43", "ent", "dermatology", { error: "#N/A" }, "ENT"]);
    });
    const file = await readCatalogueFile(bytes, "f.xlsx");
    expect(file.problems).toEqual([
      { sheet: "departments", row: 2, column: "fee_cny", code: "formula" },
      { sheet: "departments", row: 3, column: "fee_cny", code: "cell_error" },
    ]);
    expect(file.sheets[0]!.rows.map((r) => r.cells.fee_cny)).toEqual(["", ""]);
  });

  it("refuse a cell over the length limit", async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet("departments");
      ws.addRow(["credit_code", "department", "description_en"]);
      ws.addRow(["91350100M000100Y43", "eye", "x".repeat(MAX_CELL_CHARS + 1)]);
      ws.addRow(["91350100M000100Y43", "ent", "x".repeat(MAX_CELL_CHARS)]);
    });
    const file = await readCatalogueFile(bytes, "long.xlsx");
    expect(file.problems.filter((p) => p.row !== 1)).toEqual([
      {
        sheet: "departments",
        row: 2,
        column: "description_en",
        code: "cell_too_long",
        params: { max: MAX_CELL_CHARS },
      },
    ]);
    expect(file.sheets[0]!.rows[1]!.cells.description_en).toHaveLength(MAX_CELL_CHARS);
  });
});

describe("CSV cells", () => {
  const header = "credit_code,department,specialty,fee_cny,name_en,description_en\n";

  it("refuse what a spreadsheet would run (=cmd|, @, a sign before anything but a number or phone) and pass phones and negative numbers", async () => {
    const csv =
      header +
      `91350100M000100Y43,a,tcm,"=cmd|' /C calc'!A0",A,x\n` +
      `91350100M000100Y43,b,tcm,1,"@SUM(1+1)",x\n` +
      `91350100M000100Y43,c,tcm,1,B,"-2+3+cmd|' /C calc'!A0"\n` +
      `91350100M000100Y43,d,tcm,-1,+86 10 6529 5269,'=guarded\n` +
      `91350100M000100Y43,e,tcm,1,"  =1+1",x\n`;
    const file = await readCatalogueFile(utf8(csv), "d.csv");
    expect(file.problems).toEqual([
      { sheet: "d.csv", row: 2, column: "fee_cny", code: "formula" },
      { sheet: "d.csv", row: 3, column: "name_en", code: "formula" },
      { sheet: "d.csv", row: 4, column: "description_en", code: "formula" },
      { sheet: "d.csv", row: 6, column: "name_en", code: "formula" },
    ]);
    const rows = file.sheets[0]!.rows;
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    expect([rows[0]!.cells.fee_cny, rows[1]!.cells.name_en, rows[2]!.cells.description_en]).toEqual([
      "",
      "",
      "",
    ]);
    expect(rows[3]!.cells).toMatchObject({
      fee_cny: "-1",
      name_en: "+86 10 6529 5269",
      description_en: "=guarded",
    });
  });

  it("skip empty lines but keep the spreadsheet's row numbers", async () => {
    const csv = header + "\n91350100M000100Y43,a,tcm,1,A,x\n,,,,,\n91350100M000100Y43,b,tcm,1,B,x";
    const file = await readCatalogueFile(utf8(csv), "d.csv");
    expect(file.sheets[0]!.rows.map((r) => [r.row, r.cells.department])).toEqual([
      [3, "a"],
      [5, "b"],
    ]);
  });
});

// ------------------------------------------------------------------ whole-file refusals

describe("refused files", () => {
  it("answers 400 with the reason in the admin's language", async () => {
    const { status, body } = await errorBody(
      await readCatalogueFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "a.xlsx").catch((e) => e),
      "zh",
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe("IMPORT_FILE_REJECTED");
    expect(body.error.message).toContain("文件已损坏");
  });

  it("refuses what is neither XLSX nor CSV, and an empty file", async () => {
    expect(await rejection(readCatalogueFile(utf8("x"), "catalogue.xls"))).toMatchObject({
      reason: "importFormat",
    });
    expect(await rejection(readCatalogueFile(utf8("x"), "catalogue.ods"))).toMatchObject({
      reason: "importFormat",
    });
    expect(await rejection(readCatalogueFile(await plainWorkbook(), "renamed.csv"))).toMatchObject({
      reason: "importFormat",
    });
    expect(await rejection(readCatalogueFile(new Uint8Array(), "a.csv"))).toMatchObject({
      code: "IMPORT_FILE_REJECTED",
      reason: "importEmpty",
      status: 400,
    });
  });

  it("refuses a corrupt zip and a truncated workbook", async () => {
    const workbook = await plainWorkbook();
    expect(
      await rejection(readCatalogueFile(utf8("PK\u0003\u0004 not really a zip"), "a.xlsx")),
    ).toMatchObject({
      reason: "importCorrupt",
    });
    expect(
      await rejection(readCatalogueFile(workbook.subarray(0, workbook.byteLength - 100), "a.xlsx")),
    ).toMatchObject({ reason: "importCorrupt" });
    expect(await rejection(readCatalogueFile(utf8("name,slug\n"), "a.xlsx"))).toMatchObject({
      reason: "importCorrupt",
    });
    // A zip that is no workbook, and a workbook whose XML is broken (exceljs's own failure): both 400.
    expect(
      await rejection(readCatalogueFile(zip([{ name: "hello.txt", data: utf8("hi") }]), "a.xlsx")),
    ).toMatchObject({ reason: "importCorrupt" });
    const brokenXml = unzip(workbook).map((p) =>
      p.name === "xl/workbook.xml" ? { ...p, data: utf8("<workbook><sheets><sheet name=") } : p,
    );
    expect(await rejection(readCatalogueFile(zip(brokenXml), "a.xlsx"))).toMatchObject({
      reason: "importCorrupt",
    });
  });

  it("reads a sheet whose validation and merge ranges cover every cell without expanding them", async () => {
    // exceljs would visit each of the 17 billion addresses of A1:XFD1048576: the reader never parses them.
    const parts = unzip(await plainWorkbook()).map((p) =>
      p.name === "xl/worksheets/sheet1.xml"
        ? {
            ...p,
            data: utf8(
              new TextDecoder()
                .decode(p.data)
                .replace(
                  "</sheetData>",
                  '</sheetData><mergeCells count="1"><mergeCell ref="H5:XFD1048576"/></mergeCells>' +
                    '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A1:XFD1048576">' +
                    '<formula1>"a,b"</formula1></dataValidation></dataValidations>',
                ),
            ),
          }
        : p,
    );
    const started = Date.now();
    const file = await readCatalogueFile(zip(parts), "ranges.xlsx");
    expect(file.sheets[0]!.rows.map((r) => r.cells)).toEqual(
      samples.agreements.map((r) => expectedCells("agreements", r)),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("refuses a password-protected workbook (an OLE container)", async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await rejection(readCatalogueFile(ole, "secret.xlsx"))).toMatchObject({
      reason: "importEncrypted",
    });
  });

  it("refuses macro-enabled workbooks: by name, by a vbaProject part, by the macro content type", async () => {
    const parts = unzip(await plainWorkbook());
    expect(await rejection(readCatalogueFile(zip(parts), "book.xlsm"))).toMatchObject({
      reason: "importMacro",
    });
    // The same workbook rebuilt by the test's zip writer reads fine: the refusals below are the macro's.
    expect((await readCatalogueFile(zip(parts), "book.xlsx")).sheets[0]?.rows).toHaveLength(1);
    const vba = [...parts, { name: "xl/vbaProject.bin", data: new Uint8Array(512).fill(1) }];
    expect(await rejection(readCatalogueFile(zip(vba), "book.xlsx"))).toMatchObject({
      reason: "importMacro",
    });
    const macroType = parts.map((p) =>
      p.name === "[Content_Types].xml"
        ? {
            ...p,
            data: utf8(
              new TextDecoder()
                .decode(p.data)
                .replace(
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                  "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ),
            ),
          }
        : p,
    );
    expect(await rejection(readCatalogueFile(zip(macroType), "book.xlsx"))).toMatchObject({
      reason: "importMacro",
    });
  });

  it("refuses a zip bomb from its central directory: a few MB of zeros in a few KB", async () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const bomb = zip([...unzip(await plainWorkbook()), { name: "xl/media/zeros.bin", data: zeros }]);
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    expect(await rejection(readCatalogueFile(bomb, "bomb.xlsx"))).toMatchObject({ reason: "importZipBomb" });
  });

  it("refuses 320 MB declared in the directory before inflating anything", async () => {
    // The part's data is not even valid deflate: had it been inflated first, the answer would be importCorrupt.
    const declared = zip([
      ...unzip(await plainWorkbook()),
      {
        name: "xl/big.xml",
        data: new Uint8Array(10),
        declaredSize: 320 * 1024 * 1024,
        compressed: utf8("garbage!".repeat(400_000)),
      },
    ]);
    expect(declared.byteLength).toBeLessThan(MAX_FILE_BYTES);
    expect(await rejection(readCatalogueFile(declared, "big.xlsx"))).toMatchObject({
      reason: "importZipBomb",
    });
  });

  it("refuses a part that inflates beyond the size its directory declares", async () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const lying = zip([
      ...unzip(await plainWorkbook()),
      { name: "xl/media/zeros.bin", data: zeros, declaredSize: 1024 },
    ]);
    expect(await rejection(readCatalogueFile(lying, "lying.xlsx"))).toMatchObject({
      reason: "importZipBomb",
    });
  });

  it("refuses a CSV that is not UTF-8 and reads one with a byte-order mark", async () => {
    const latin1 = new Uint8Array([...utf8("credit_code,department\nx,caf"), 0xe9, 0x0a]);
    expect(await rejection(readCatalogueFile(latin1, "a.csv"))).toMatchObject({ reason: "importNotUtf8" });
    const gbk = new Uint8Array([...utf8("name_zh,address_zh\n"), 0xd6, 0xd0, 0xce, 0xc4, 0x0a]);
    expect(await rejection(readCatalogueFile(gbk, "a.csv"))).toMatchObject({ reason: "importNotUtf8" });
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from("credit_code,department\n", "utf16le")]);
    expect(await rejection(readCatalogueFile(utf16, "a.csv"))).toMatchObject({ reason: "importNotUtf8" });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("credit_code,department\nx,中医科\n")]);
    expect((await readCatalogueFile(bom, "a.csv")).sheets[0]!.rows[0]!.cells).toEqual({
      credit_code: "x",
      department: "中医科",
    });
  });

  it("refuses an unclosed quotation mark in a CSV, naming the line", async () => {
    const error = await rejection(readCatalogueFile(utf8('credit_code,department\nx,"open\n'), "a.csv"));
    expect(error).toMatchObject({ reason: "importCsvSyntax" });
  });

  it("refuses a file over the size limit", async () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x41);
    expect(await rejection(readCatalogueFile(big, "big.csv"))).toMatchObject({ reason: "importTooLarge" });
  });

  it(`accepts ${MAX_ROWS} rows in a CSV and refuses one more`, async () => {
    const line = "91350100M000100Y43,d,tcm,1,A\n";
    const header = "credit_code,department,specialty,fee_cny,name_en\n";
    const ok = await readCatalogueFile(utf8(header + line.repeat(MAX_ROWS)), "d.csv");
    expect(ok.sheets[0]!.rows).toHaveLength(MAX_ROWS);
    expect(
      await rejection(readCatalogueFile(utf8(header + line.repeat(MAX_ROWS + 1)), "d.csv")),
    ).toMatchObject({
      reason: "importTooManyRows",
    });
  });

  it("refuses an XLSX sheet with too many rows", async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet("agreements");
      ws.addRow(["credit_code", "insurer", "scope", "valid_from"]);
      for (let i = 0; i <= MAX_ROWS; i++) ws.addRow(["x", "axa", "OUTPATIENT", "2027-01-01"]);
    });
    expect(await rejection(readCatalogueFile(bytes, "rows.xlsx"))).toMatchObject({
      reason: "importTooManyRows",
    });
  });

  it("refuses too many columns", async () => {
    const header = ["credit_code", "insurer", ...Array.from({ length: 300 }, (_, i) => `extra_${i}`)].join(
      ",",
    );
    expect(await rejection(readCatalogueFile(utf8(`${header}\nx,y\n`), "a.csv"))).toMatchObject({
      reason: "importTooManyColumns",
    });
  });
});
