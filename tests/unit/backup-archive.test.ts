// The backup archive's frames, its row counting, the key fingerprint and the
// migration-prefix rule of a restore (ADR 0027), without a database.
import { describe, expect, it } from "vitest";
import {
  ARCHIVE_MAGIC,
  ArchiveError,
  encodeFrame,
  jsonFrame,
  readFrames,
  TableDigest,
  type Frame,
} from "../../lib/backup/archive";
import { codeMigrations, keyFingerprint, migrationPrefixProblem } from "../../lib/backup/manifest";

async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function collect(bytes: Buffer, size = 3): Promise<Frame[]> {
  const frames: Frame[] = [];
  for await (const frame of readFrames(chunks(bytes, size))) frames.push(frame);
  return frames;
}

describe("archive frames", () => {
  const body = Buffer.concat([
    ARCHIVE_MAGIC,
    jsonFrame("T", { name: "city", columns: ["id"] }),
    encodeFrame("D", Buffer.from("a\nb\n")),
    encodeFrame("D", Buffer.alloc(0)),
    jsonFrame("E", { name: "city", rows: 2 }),
    jsonFrame("M", { formatVersion: 1 }),
  ]);

  it("reads back what was written, whatever the chunking", async () => {
    for (const size of [1, 3, 7, 4096]) {
      const frames = await collect(body, size);
      expect(frames.map((f) => f.kind)).toEqual(["T", "D", "D", "E", "M"]);
      expect(frames[1]!.payload.toString()).toBe("a\nb\n");
    }
  });

  it("refuses a file that is not an archive, a cut one and an unknown frame", async () => {
    await expect(collect(Buffer.from("PGDMP custom format"))).rejects.toThrow(ArchiveError);
    await expect(collect(body.subarray(0, body.length - 2))).rejects.toThrow("ends inside a frame");
    const unknown = Buffer.concat([ARCHIVE_MAGIC, encodeFrame("D", Buffer.from("x"))]);
    unknown[ARCHIVE_MAGIC.length] = "X".charCodeAt(0);
    await expect(collect(unknown)).rejects.toThrow("unknown kind");
  });
});

describe("TableDigest", () => {
  it("counts COPY text rows by line (escaped newlines inside values are not line ends)", () => {
    const digest = new TableDigest();
    digest.update(Buffer.from("1\tfirst\\nline\n2\t"));
    digest.update(Buffer.from("\\N\n"));
    expect(digest.rows).toBe(2);
    expect(digest.digest()).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("keyFingerprint", () => {
  it("tells keys apart without containing them", () => {
    const a = Buffer.alloc(32, 7).toString("base64");
    const b = Buffer.alloc(32, 8).toString("base64");
    expect(keyFingerprint(a)).toBe(keyFingerprint(a));
    expect(keyFingerprint(a)).not.toBe(keyFingerprint(b));
    expect(keyFingerprint(a)).not.toContain(a);
    expect(keyFingerprint(a)).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("migrationPrefixProblem", () => {
  const code = codeMigrations();

  it("accepts this code's migrations and any prefix of them", () => {
    expect(code.length).toBeGreaterThan(10);
    expect(migrationPrefixProblem(code, code)).toBeNull();
    expect(migrationPrefixProblem(code.slice(0, 3), code)).toBeNull();
    expect(migrationPrefixProblem([], code)).toBeNull();
  });

  it("refuses a migration this code lacks, another order and other SQL", () => {
    const extra = { name: "29991231000000_future", checksum: "0".repeat(64) };
    expect(migrationPrefixProblem([...code, extra], code)).toContain("does not have");
    expect(migrationPrefixProblem([code[1]!, code[0]!], code)).toContain("another line of the code");
    expect(migrationPrefixProblem([{ ...code[0]!, checksum: "f".repeat(64) }], code)).toContain(
      "checksum differs",
    );
  });
});
