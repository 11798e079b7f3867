// Reads the .eml files the local mail stand-in wrote (development only).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export interface StoredMail {
  file: string;
  to: string;
  subject: string;
  date: string;
  raw: string;
}

/** Decodes RFC 2047 encoded words such as =?UTF-8?B?...?= and =?UTF-8?Q?...?=. */
export function decodeHeader(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([BQbq])\?([^?]*)\?=\s*/g,
    (_m, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_x, hex: string) =>
                String.fromCharCode(Number.parseInt(hex, 16)),
              ),
            "latin1",
          ).toString("utf8"),
  );
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? "";
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeHeader(line.slice(name.length + 1).trim()) : "";
}

export async function readMailbox(directory: string, limit = 100): Promise<StoredMail[]> {
  const files = await readdir(directory).catch(() => [] as string[]);
  const newest = files
    .filter((f) => f.endsWith(".eml"))
    .sort()
    .reverse()
    .slice(0, limit);
  return Promise.all(
    newest.map(async (file) => {
      const raw = await readFile(path.join(directory, file), "utf8");
      return { file, to: header(raw, "To"), subject: header(raw, "Subject"), date: header(raw, "Date"), raw };
    }),
  );
}
