// Reading a request body without trusting its size: refused up front when its
// Content-Length says it is too big, and read no further than the limit when
// it comes without one (chunked), so a 200 MB body costs at most the limit in
// memory and is answered 413 at once.
import { AppError } from "../errors";

/** The JSON API's bodies (a booking with a 2,000-character reason is about 3 KB). */
export const API_BODY_LIMIT_BYTES = 64 * 1024;
/**
 * Server actions' bodies: the largest form is a guide section (20,000
 * characters, up to 80 KB of UTF-8) with its multipart framing. next.config.ts
 * gives Next the same limit.
 */
export const ACTION_BODY_LIMIT_BYTES = 256 * 1024;

/** 413 PAYLOAD_TOO_LARGE, saying the limit in whole kilobytes. */
export function payloadTooLarge(limitBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", { values: { maxKilobytes: Math.floor(limitBytes / 1024) } });
}

/** True when the request's Content-Length announces more than `limitBytes`. */
export function declaresMoreThan(headers: Headers, limitBytes: number): boolean {
  const declared = headers.get("content-length");
  return declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limitBytes;
}

/** The body's bytes, at most `limitBytes` of them; PAYLOAD_TOO_LARGE past that, without reading on. */
export async function readBodyBytes(
  request: Request,
  limitBytes: number = API_BODY_LIMIT_BYTES,
): Promise<Uint8Array> {
  if (declaresMoreThan(request.headers, limitBytes)) throw payloadTooLarge(limitBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      // Stop the upload here: nothing more is read or kept.
      await reader.cancel().catch(() => undefined);
      throw payloadTooLarge(limitBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body as text (UTF-8, as request.text() reads it), at most `limitBytes`. */
export async function readBodyText(
  request: Request,
  limitBytes: number = API_BODY_LIMIT_BYTES,
): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, limitBytes));
}

/**
 * The body as JSON, at most `limitBytes`: 413 PAYLOAD_TOO_LARGE past the
 * limit, 400 naming `body` when it is not JSON. A drop-in for readJson.
 */
export async function readJsonBounded(
  request: Request,
  limitBytes: number = API_BODY_LIMIT_BYTES,
): Promise<unknown> {
  const text = await readBodyText(request, limitBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION_FAILED", { fields: { body: "invalid" } });
  }
}
