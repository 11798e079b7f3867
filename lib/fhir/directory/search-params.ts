// Reading a FHIR search's query string (R4 "Search"): which parameters a
// resource takes, the values of each (a repeated parameter is AND, a comma
// inside one is OR), token, reference and date values with their prefixes, and
// _count / _offset paging. Unknown parameters are ignored and left out of the
// self link, or refused (400 naming them) when the client sends
// `Prefer: handling=strict`. A bad value is a 400 naming the parameter.
import { z } from "zod";
import { AppError, validationError } from "../../errors";
import { FHIR_ID, referencedId } from "../ids";

/** Default and largest page (a bigger _count is capped, as the CapabilityStatement says). */
export const DEFAULT_COUNT = 50;
export const MAX_COUNT = 200;

/** Parameters every search answers whatever the resource: paging, format, language. */
const GENERAL = new Set(["_count", "_offset", "_format", "_pretty", "locale"]);

export interface RawSearch {
  /** Each known parameter's values, one per occurrence in the query. */
  values: Record<string, string[]>;
  /** Parameters the search ignored (lenient handling): the self link leaves them out. */
  ignored: string[];
}

/** Whether the client asked for strict handling (Prefer: handling=strict). */
export function strictHandling(request: Request): boolean {
  const prefer = request.headers.get("prefer") ?? "";
  return prefer
    .split(/[,;]/)
    .map((p) => p.trim().toLowerCase().replace(/\s+/g, ""))
    .includes("handling=strict");
}

/** The query's parameters this resource takes (`known`), the others ignored or refused. */
export function readSearch(request: Request, known: ReadonlySet<string>): RawSearch {
  const strict = strictHandling(request);
  const values: Record<string, string[]> = {};
  const ignored: string[] = [];
  for (const [name, value] of new URL(request.url).searchParams) {
    if (known.has(name) || GENERAL.has(name)) {
      (values[name] ??= []).push(value);
    } else if (strict) {
      throw new AppError("VALIDATION_FAILED", { fields: { [name]: "unknown" } });
    } else if (!ignored.includes(name)) {
      ignored.push(name);
    }
  }
  return { values, ignored };
}

/** Parses a RawSearch's values with a resource's schema; a problem names the parameter. */
export function parseSearch<S extends z.ZodType>(schema: S, raw: RawSearch): z.output<S> {
  const parsed = schema.safeParse(raw.values);
  if (parsed.success) return parsed.data;
  const error = validationError(parsed.error);
  // The parameter, not the position of the bad value in it ("start.1" → "start").
  const fields = Object.fromEntries(
    Object.entries(error.fields ?? {}).map(([path, problem]) => [path.split(".")[0]!, problem]),
  );
  throw new AppError("VALIDATION_FAILED", { fields, cause: parsed.error });
}

/** One occurrence's comma-separated values (OR), each non-empty. */
const orList = z
  .string()
  .transform((v) => v.split(",").map((x) => x.trim()))
  .pipe(z.array(z.string().min(1).max(256)).min(1).max(100));

/** A parameter given at most `max` times (each occurrence ANDed). */
const occurrences = <T extends z.ZodType>(item: T, max = 10) => z.array(item).min(1).max(max).optional();

/** _id: logical ids. */
export const idsParam = occurrences(orList.pipe(z.array(z.string().regex(FHIR_ID))));

export interface Token {
  /** undefined: any system; null: no system (|code); else the system. */
  system: string | null | undefined;
  code: string;
}

function token(value: string): Token {
  const bar = value.indexOf("|");
  if (bar < 0) return { system: undefined, code: value };
  const system = value.slice(0, bar);
  return { system: system === "" ? null : system, code: value.slice(bar + 1) };
}

/** A token parameter: [system|]code, OR within an occurrence. */
export const tokensParam = occurrences(
  orList.pipe(
    z.array(
      z
        .string()
        .transform(token)
        .refine((t) => t.code.length > 0, "invalid"),
    ),
  ),
);

/** A reference parameter naming a resource of one of `types` ("Type/id", an absolute URL, or a bare id). */
export function referencesParam(types: readonly string[]) {
  return occurrences(
    orList.pipe(
      z.array(
        z.string().transform((value, ctx) => {
          for (const type of types) {
            const id = referencedId(value, type);
            if (id) return { type, id };
          }
          if (FHIR_ID.test(value)) return { type: null, id: value };
          ctx.addIssue({ code: "custom", message: "invalid" });
          return z.NEVER;
        }),
      ),
    ),
  );
}
export type ReferenceValue = { type: string | null; id: string };

/** A string parameter (matching is the resource's: starts-with, or contains across scripts for names). */
export const stringsParam = occurrences(z.string().trim().min(1).max(200));

export type DatePrefix = "eq" | "ne" | "lt" | "le" | "gt" | "ge" | "sa" | "eb";

export interface DateBound {
  prefix: DatePrefix;
  /** The value's range at its precision: [from, to). */
  from: Date;
  to: Date;
}

const DATE_VALUE =
  /^(eq|ne|lt|le|gt|ge|sa|eb)?(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * A date(Time) search value with its optional prefix, as the range its precision covers. A
 * value without a zone is Beijing time (the portal's clock for every schedule).
 */
export function dateBound(value: string): DateBound | null {
  const m = DATE_VALUE.exec(value);
  if (!m) return null;
  const [, prefix = "eq", y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = mo ? Number(mo) : 1;
  const day = d ? Number(d) : 1;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const offset = zone === undefined || zone === "Z" ? (zone === "Z" ? "Z" : "+08:00") : zone;
  const pad = (n: number) => String(n).padStart(2, "0");
  const start = new Date(
    `${y}-${pad(month)}-${pad(day)}T${h ?? "00"}:${mi ?? "00"}:${s ?? "00"}${frac ?? ""}${offset}`,
  );
  if (Number.isNaN(start.getTime())) return null;
  // A day that does not exist (2026-02-30) rolls over in Date: refuse it.
  if (d && new Date(`${y}-${pad(month)}-${pad(day)}T12:00:00Z`).getUTCDate() !== day) return null;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) return null;
  const end = new Date(start);
  if (!mo) end.setTime(new Date(`${year + 1}-01-01T00:00:00${offset}`).getTime());
  else if (!d)
    end.setTime(
      new Date(
        `${month === 12 ? year + 1 : year}-${pad(month === 12 ? 1 : month + 1)}-01T00:00:00${offset}`,
      ).getTime(),
    );
  else if (h === undefined) end.setTime(start.getTime() + 86_400_000);
  else if (s === undefined) end.setTime(start.getTime() + 60_000);
  else if (frac === undefined) end.setTime(start.getTime() + 1000);
  else end.setTime(start.getTime() + 1);
  return { prefix: prefix as DatePrefix, from: start, to: end };
}

/** A date parameter: each occurrence one prefixed value (occurrences ANDed, so ge…&lt… is a range). */
export const datesParam = occurrences(
  z.string().transform((value, ctx) => {
    const bound = dateBound(value.trim());
    if (!bound) {
      ctx.addIssue({ code: "custom", message: "invalid" });
      return z.NEVER;
    }
    return bound;
  }),
);

/** Paging: _count (capped at MAX_COUNT, 0 for the total only) and _offset. */
export const pagingParams = {
  _count: occurrences(z.string().regex(/^\d{1,6}$/, "invalid"), 1).transform((v) =>
    v ? Math.min(MAX_COUNT, Number(v[0])) : DEFAULT_COUNT,
  ),
  _offset: occurrences(z.string().regex(/^\d{1,7}$/, "invalid"), 1).transform((v) => (v ? Number(v[0]) : 0)),
};

/** _include values a resource supports; another value is a bad value (400). */
export function includeParam(supported: readonly string[]) {
  return occurrences(orList.pipe(z.array(z.enum(supported as [string, ...string[]]))), 5).transform(
    (v) => new Set((v ?? []).flat()),
  );
}
