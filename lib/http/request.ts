// Reading what a request carries: its JSON body (bounded), its bearer token,
// and a key identifying the client for holds and limits (never stored plain).
import { sha256 } from "../crypto/secrets";
import { AppError } from "../errors";

const MAX_BODY_BYTES = 64 * 1024;

export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    throw new AppError("VALIDATION_FAILED", { fields: { body: "tooLong" } });
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION_FAILED", { fields: { body: "invalid" } });
  }
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+([A-Za-z0-9_\-.~+/=]{16,200})$/);
  return match ? match[1]! : null;
}

/** The client's address as the proxy in front reports it (first X-Forwarded-For hop). */
export function addressFromHeaders(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}

export function clientAddress(request: Request): string {
  return addressFromHeaders(request.headers);
}

export function clientKey(request: Request): string {
  return sha256(`${clientAddress(request)}|${request.headers.get("user-agent") ?? ""}`);
}
