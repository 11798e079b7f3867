// The console's form adapter: a form sends flat string fields (`open_2`,
// `met_X: "on"`, `fee: "900"`); a use case takes typed domain input. A form
// schema says which fields the form may send (checkboxes are "on" or absent),
// turns them into the use case's input, parses that with the use case's own
// schema (the one home of its rules) and names every problem by the form field
// it came from, so the form shows it next to that field.
import { z } from "zod";
import { validationError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import type { DbClient } from "@/lib/db/create-client";

/** A checkbox: "on" when ticked, absent when not. */
export const checkbox = z.literal("on").optional();
/** Any other form field: its value is the use case schema's to judge (empty fields never arrive, see formInput). */
export const field = z.unknown().optional();

export type FormFields = Record<string, unknown>;

export interface FormSchema<S extends z.ZodType> {
  /** The fields the form may send, checked before anything else (an unknown field is "unknown"). */
  fields: z.ZodObject;
  /** The use case's input schema. */
  domain: S;
  /** The form's fields as the use case's input. */
  toDomain: (form: FormFields) => unknown;
  /** The form field a problem at `path` of the use case's input belongs to (default: the path joined by dots). */
  fieldOf?: (path: PropertyKey[], input: unknown) => string;
}

/** The form's fields as the use case's input, or VALIDATION_FAILED naming the form's fields. */
export function parseForm<S extends z.ZodType>(form: FormSchema<S>, raw: unknown): z.output<S> {
  const fields = form.fields.strict().safeParse(raw);
  const values = (typeof raw === "object" && raw !== null ? raw : {}) as FormFields;
  const input = form.toDomain(fields.success ? (fields.data as FormFields) : values);
  const parsed = form.domain.safeParse(input);
  if (fields.success && parsed.success) return parsed.data;
  const fieldOf = form.fieldOf ?? ((path) => path.map(String).join("."));
  const issues = [
    ...(fields.success ? [] : fields.error.issues),
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) =>
          issue.path.length === 0 ? issue : { ...issue, path: [fieldOf(issue.path, input)] },
        )),
  ];
  throw validationError(new z.ZodError(issues));
}

/**
 * A console command for a form: `authorize` first (signed out: UNAUTHENTICATED,
 * so the form leads to the sign-in page; the wrong role: FORBIDDEN, whatever
 * the form holds), then the form is read, then the use case runs (and checks
 * its permission again, being the one home of it).
 */
export function formCommand<S extends z.ZodType, R>(
  form: FormSchema<S>,
  useCase: (db: DbClient, actor: Actor | null, input: z.output<S>) => Promise<R>,
  authorize: (actor: Actor | null) => unknown,
): (db: DbClient, actor: Actor | null, raw: unknown) => Promise<R> {
  return async (db, actor, raw) => {
    authorize(actor);
    return useCase(db, actor, parseForm(form, raw));
  };
}

/** A number typed into a form, as `z.coerce.number()` reads it; absent stays absent. */
export const formNumber = (value: unknown): number | undefined =>
  value === undefined ? undefined : Number(value);

/**
 * A form that sends the use case's input as it is, field for field: text
 * fields, and the named `numbers` typed as text (read as `z.coerce.number()` would).
 */
export function textForm<S extends z.ZodObject>(domain: S, numbers: readonly string[] = []): FormSchema<S> {
  const names = Object.keys(domain.shape);
  return {
    fields: z.object(Object.fromEntries(names.map((name) => [name, field]))),
    domain,
    toDomain: (form) =>
      Object.fromEntries(
        names
          .filter((name) => form[name] !== undefined)
          .map((name) => [name, numbers.includes(name) ? formNumber(form[name]) : form[name]]),
      ),
  };
}
