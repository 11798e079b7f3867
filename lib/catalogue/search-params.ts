// Reading a finder's query string: strictly for the API (any bad value is a
// 400 naming the parameter), leniently for pages (bad values are dropped and
// the page says so). One zod schema per finder serves both.
import { z } from "zod";
import { validationError } from "../errors";

export function firstValues(params: URLSearchParams, ignore: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) if (!ignore.includes(key) && !(key in out)) out[key] = value;
  return out;
}

/** API: every parameter must be known and valid. */
export function parseStrict<S extends z.ZodObject>(
  schema: S,
  params: URLSearchParams,
  ignore: readonly string[] = [],
): z.output<S> {
  const result = schema.strict().safeParse(firstValues(params, ignore));
  if (!result.success) throw validationError(result.error);
  return result.data as z.output<S>;
}

/** Pages: each parameter on its own; invalid or unknown ones are dropped and named. */
export function parseLenient<S extends z.ZodObject>(
  schema: S,
  params: URLSearchParams,
): { value: z.output<S>; dropped: string[] } {
  const raw = firstValues(params);
  const shape = schema.shape as Record<string, z.ZodType>;
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in shape)) continue;
    if (value === "") continue;
    const parsed = shape[key]!.safeParse(value);
    if (parsed.success) kept[key] = value;
    else dropped.push(key);
  }
  return { value: schema.parse(kept) as z.output<S>, dropped };
}

/** "1"/"true"/"yes" is true, "0"/"false"/"no" is false. */
export const booleanParam = z
  .enum(["1", "true", "yes", "0", "false", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

/**
 * Control characters (C0, DEL, C1) and halves of surrogate pairs: never part of
 * a name; PostgreSQL refuses NUL in text, Prisma a lone surrogate.
 */
export const CONTROL_CHARACTERS = /[\p{Cc}\p{Cs}]/gu;

/**
 * Free text of any length or script: control characters become spaces (a
 * search is forgiving: a stray NUL or tab pasted with a name still finds it),
 * trimmed, whitespace folded, cut to 200 characters.
 */
export const searchTextParam = z
  .string()
  .transform((value) =>
    value.replace(CONTROL_CHARACTERS, " ").normalize("NFC").replace(/\s+/g, " ").trim().slice(0, 200),
  )
  .transform((value) => (value === "" ? undefined : value));

export const pageParam = z.coerce.number().int().min(1).max(10_000).default(1);
export const pageSizeParam = z.coerce.number().int().min(1).max(100).default(20);

/** Next.js page searchParams as URLSearchParams. */
export function fromPageSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw))
    for (const v of [value].flat()) if (v !== undefined) params.append(key, v);
  return params;
}

/** Query parameters without defaults, for short shareable links. */
export function queryToParams(
  query: Record<string, unknown>,
  defaults: Record<string, unknown>,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "" || defaults[key] === value) continue;
    params.set(key, typeof value === "boolean" ? (value ? "1" : "0") : String(value));
  }
  return params;
}
