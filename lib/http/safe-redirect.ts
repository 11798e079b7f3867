// Where a form may send the browser back to: only a path on this site. A
// "back" field is user input, and browsers read "//evil.example",
// "/\evil.example" and "/<tab>/evil.example" as another host.

const MAX_LENGTH = 2048;
const CONTROL = /\p{Cc}/u;
const BASE = "http://portal.invalid";

/**
 * `value` as a same-origin absolute path (with its query and fragment), or
 * `fallback` when it is anything else: not a string, not starting with a single
 * "/", holding a backslash or a control character, or resolving to another
 * origin or to a path a browser would read as a host ("/.//evil.example").
 */
export function safeLocalPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  if (!value.startsWith("/") || value.startsWith("//")) return fallback;
  if (value.includes("\\") || CONTROL.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\")) return fallback;
  return path;
}
