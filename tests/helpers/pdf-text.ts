// A PDF's text as two readers nobody here wrote extract it: pdf.js (Mozilla's)
// and poppler's pdftotext, plus poppler's pdfinfo (tagged? title?). The
// Debian package: poppler-utils.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The text a PDF shows, page by page, as pdf.js (Mozilla's reader) extracts it (glyph runs joined). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  let text = "";
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    text += content.items.map((i) => ("str" in i ? i.str : "")).join("");
  }
  return text;
}

/** Runs a poppler tool on the bytes written to a temporary file. */
async function poppler(tool: string, args: string[], bytes: Uint8Array): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "poppler-"));
  try {
    const file = path.join(dir, "document.pdf");
    await writeFile(file, bytes);
    const { stdout } = await run(tool, [...args, file, ...(tool === "pdftotext" ? ["-"] : [])], {
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `pdftotext -layout` (lines as laid out on the page) or `-raw` (content-stream
 * order), UTF-8, as poppler returns it (right-to-left runs inside its U+202A–U+202E marks).
 */
export async function popplerText(bytes: Uint8Array, mode: "layout" | "raw"): Promise<string> {
  return poppler("pdftotext", [`-${mode}`, "-enc", "UTF-8"], bytes);
}

/** `pdfinfo`'s fields ("Tagged", "Title", "Pages", …). */
export async function popplerInfo(bytes: Uint8Array): Promise<Record<string, string>> {
  const out = await poppler("pdfinfo", ["-enc", "UTF-8"], bytes);
  return Object.fromEntries(
    out
      .split("\n")
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!.trim(), m[2]!.trim()]),
  );
}
