import { AppError } from "../errors";

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
