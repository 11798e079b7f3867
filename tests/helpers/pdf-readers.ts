// A PDF as readers nobody here wrote see it (issue 17's proofs): qpdf's
// structural check, poppler's pdffonts (embedded? ToUnicode?) and pdftotext,
// and the glyphs the pages show, read from qpdf's uncompressed content streams
// (glyph 0 is a font's .notdef, the box or blank a reader draws for a
// character its font lacks). The Debian packages: qpdf, poppler-utils.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Runs `read` with the bytes written to a temporary file, then removes it. */
async function withFile<T>(bytes: Uint8Array, read: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "pdf-readers-"));
  try {
    const file = path.join(dir, "document.pdf");
    await writeFile(file, bytes);
    return await read(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `qpdf --check`: exit code 0 and its report (2 is an error, 3 a warning: both fail). */
export async function qpdfCheck(bytes: Uint8Array): Promise<{ ok: boolean; report: string }> {
  return withFile(bytes, async (file) => {
    try {
      const { stdout } = await run("qpdf", ["--check", file]);
      return { ok: true, report: stdout };
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      return { ok: false, report: `${e.stdout ?? ""}${e.stderr ?? ""}` };
    }
  });
}

export interface PdfFont {
  name: string;
  type: string;
  encoding: string;
  embedded: boolean;
  subset: boolean;
  toUnicode: boolean;
}

/** The fonts `pdffonts` lists, one per row (columns by the header's dashes). */
export async function pdfFonts(bytes: Uint8Array): Promise<PdfFont[]> {
  const { stdout } = await withFile(bytes, (file) => run("pdffonts", [file]));
  const [, dashes, ...rows] = stdout.trimEnd().split("\n");
  // "---- ----- ---" : each column's start and end.
  const columns = [...(dashes ?? "").matchAll(/-+/g)].map((m) => [m.index!, m.index! + m[0].length] as const);
  return rows.map((row) => {
    const cell = (i: number) =>
      row.slice(columns[i]![0], i + 1 < columns.length ? columns[i + 1]![0] : undefined).trim();
    return {
      name: cell(0),
      type: cell(1),
      encoding: cell(2),
      embedded: cell(3) === "yes",
      subset: cell(4) === "yes",
      toUnicode: cell(5) === "yes",
    };
  });
}

/** `pdftotext` (UTF-8, reading order), without the bidi embedding marks poppler puts around right-to-left runs. */
export async function pdfToText(bytes: Uint8Array): Promise<string> {
  const { stdout } = await withFile(bytes, (file) => run("pdftotext", ["-enc", "UTF-8", file, "-"]));
  return stdout.replace(/[\u202A-\u202E\u2066-\u2069]/g, "");
}

/**
 * How many glyphs the pages show, and how many of them are glyph 0 (.notdef): qpdf
 * writes the content streams uncompressed (--qdf), and every string a text operator
 * (Tj, TJ) shows is read as two-byte glyph ids (the Identity-H fonts pdfkit embeds;
 * pdffonts says which encoding each font has).
 */
export async function shownGlyphs(bytes: Uint8Array): Promise<{ shown: number; notdef: number }> {
  const qdf = await withFile(bytes, async (file, dir) => {
    const out = path.join(dir, "qdf.pdf");
    await run("qpdf", ["--qdf", "--object-streams=disable", file, out]);
    return (await readFile(out)).toString("latin1");
  });
  let shown = 0;
  let notdef = 0;
  const contents = qdf.matchAll(/%% Contents for page \d+\n[\s\S]*?\nstream\n([\s\S]*?)\nendstream/g);
  for (const [, stream] of contents) {
    // Strings shown by Tj or inside a TJ array.
    const shows = stream!.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|(<[0-9a-fA-F]*>)\s*Tj/g);
    for (const show of shows) {
      for (const [, hex] of (show[1] ?? show[2] ?? "").matchAll(/<([0-9a-fA-F]*)>/g)) {
        for (let i = 0; i + 4 <= hex!.length; i += 4) {
          shown++;
          if (hex!.slice(i, i + 4) === "0000") notdef++;
        }
      }
    }
  }
  return { shown, notdef };
}
