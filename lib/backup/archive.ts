// The backup archive's container (ADR 0027): a gzip stream holding a magic line,
// then frames of one kind byte, a 32-bit big-endian length and the payload.
// Kinds: T (a table starts: JSON {name, columns}), D (a piece of that table's
// COPY text), E (the table ends: JSON {name, rows, sha256}) and, last, M (the
// manifest, JSON). No library of ours: `gunzip` shows the COPY text plainly.
import { createHash, type Hash } from "node:crypto";

export const ARCHIVE_MAGIC = Buffer.from("international-patient-portal backup\n", "utf8");
/** A COPY chunk larger than this is split into several D frames. */
export const MAX_FRAME_PAYLOAD = 1 << 20;
/** No frame we write is larger; a length above it means a damaged archive. */
const FRAME_LIMIT = 16 << 20;

export type FrameKind = "T" | "D" | "E" | "M";
const KINDS = new Set<string>(["T", "D", "E", "M"]);

export class ArchiveError extends Error {}

/** The bytes of one frame. */
export function encodeFrame(kind: FrameKind, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(kind, 0, "ascii");
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

export function jsonFrame(kind: FrameKind, value: unknown): Buffer {
  return encodeFrame(kind, Buffer.from(JSON.stringify(value), "utf8"));
}

export interface Frame {
  kind: FrameKind;
  payload: Buffer;
}

/**
 * The frames of a decompressed archive, in order. Throws ArchiveError when the
 * magic line is missing, a frame is cut short or of an unknown kind.
 */
export async function* readFrames(input: AsyncIterable<Buffer>): AsyncGenerator<Frame> {
  const iterator = input[Symbol.asyncIterator]();
  let buffer: Buffer = Buffer.alloc(0);
  let ended = false;
  const fill = async (n: number): Promise<boolean> => {
    while (buffer.length < n && !ended) {
      const next = await iterator.next();
      if (next.done) ended = true;
      else buffer = buffer.length === 0 ? next.value : Buffer.concat([buffer, next.value]);
    }
    return buffer.length >= n;
  };
  const take = (n: number): Buffer => {
    const out = buffer.subarray(0, n);
    buffer = buffer.subarray(n);
    return out;
  };

  if (!(await fill(ARCHIVE_MAGIC.length)) || !take(ARCHIVE_MAGIC.length).equals(ARCHIVE_MAGIC))
    throw new ArchiveError("This file is not a portal backup (its first line is not the archive's).");
  while (true) {
    if (!(await fill(1))) return;
    if (!(await fill(5))) throw new ArchiveError("The archive ends inside a frame header.");
    const head = take(5);
    const kind = head.toString("ascii", 0, 1);
    const length = head.readUInt32BE(1);
    if (!KINDS.has(kind))
      throw new ArchiveError(`The archive holds a frame of unknown kind ${JSON.stringify(kind)}.`);
    if (length > FRAME_LIMIT) throw new ArchiveError(`The archive holds a frame of ${length} bytes.`);
    if (!(await fill(length))) throw new ArchiveError("The archive ends inside a frame.");
    // A copy: the next fill may concatenate over the bytes a subarray would share.
    yield { kind: kind as FrameKind, payload: Buffer.from(take(length)) };
  }
}

export function parseJsonFrame<T>(frame: Frame): T {
  try {
    return JSON.parse(frame.payload.toString("utf8")) as T;
  } catch {
    throw new ArchiveError(`The archive's ${frame.kind} frame is not valid JSON.`);
  }
}

/** SHA-256 and row count of one table's COPY text (text format: one line per row). */
export class TableDigest {
  private readonly hash: Hash = createHash("sha256");
  rows = 0;
  update(chunk: Buffer): void {
    this.hash.update(chunk);
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.rows += 1;
  }
  digest(): string {
    return this.hash.digest("hex");
  }
}
