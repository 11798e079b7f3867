import type { z } from "zod";
import { AppError } from "../errors";
import { fromPageSearchParams, parseLenient } from "./search-params";

/**
 * Pages never fail on a bad filter: when the search rejects named fields
 * (an unknown city, say), those are dropped, recorded, and the search runs again.
 */
export async function runDroppingRejectedFields<Q extends object, R>(
  query: Q,
  dropped: string[],
  run: (query: Q) => Promise<R>,
): Promise<{ result: R; query: Q }> {
  try {
    return { result: await run(query), query };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "VALIDATION_FAILED" || !error.fields) throw error;
    const cleaned = { ...query } as Record<string, unknown>;
    for (const field of Object.keys(error.fields)) {
      delete cleaned[field];
      dropped.push(field);
    }
    return { result: await run(cleaned as Q), query: cleaned as Q };
  }
}

/**
 * A finder page's search: the query string read leniently with the finder's
 * schema, then run, with every parameter dropped on the way named in `dropped`.
 */
export async function searchLeniently<S extends z.ZodObject, R>(
  schema: S,
  raw: Record<string, string | string[] | undefined>,
  run: (query: z.output<S>) => Promise<R>,
): Promise<{ result: R; query: z.output<S>; dropped: string[] }> {
  const lenient = parseLenient(schema, fromPageSearchParams(raw));
  const dropped = [...lenient.dropped];
  const { result, query } = await runDroppingRejectedFields(lenient.value, dropped, run);
  return { result, query, dropped };
}
