// Use case: the hospital finder. The search, and when it finds nothing, one
// suggestion per filter in use (and the search text): the same search without
// it, with how many institutions that would find. The finder page links each
// suggestion; the v1 API returns them in `suggestions` (lib/catalogue/finder-api-schemas.ts).
import type { DbClient } from "../db/create-client";
import { hospitalFilterKeys, type HospitalFacetKey, type HospitalQuery } from "./hospital-filters";
import { searchHospitals, type HospitalSearchResult } from "./search-hospitals";
import { tracedUseCase } from "../observability/trace";

/** What can be dropped: a filter, or the search text. */
export type DroppableFilter = HospitalFacetKey | "q";

export interface FilterSuggestion {
  filter: DroppableFilter;
  /** Institutions the search finds without it. */
  total: number;
  /** The search without it, from the first page. */
  query: HospitalQuery;
}

export interface HospitalFinderResult extends HospitalSearchResult {
  /** Empty unless the search found nothing and some filter or text was given. */
  suggestions: FilterSuggestion[];
}

/** The filters and text a query uses, in display order (the text last). */
export function droppableFilters(query: HospitalQuery): DroppableFilter[] {
  const active: DroppableFilter[] = hospitalFilterKeys.filter((key) => query[key] !== undefined);
  return query.q ? [...active, "q"] : active;
}

async function findHospitalsUntraced(
  db: DbClient,
  query: HospitalQuery,
  locale: string,
  now: Date = new Date(),
): Promise<HospitalFinderResult> {
  const result = await searchHospitals(db, query, locale, now);
  if (result.total > 0) return { ...result, suggestions: [] };
  const suggestions = await Promise.all(
    droppableFilters(query).map(async (filter): Promise<FilterSuggestion> => {
      const without: HospitalQuery = { ...query, [filter]: undefined, page: 1 };
      const { total } = await searchHospitals(db, without, locale, now, { facets: false });
      return { filter, total, query: without };
    }),
  );
  return { ...result, suggestions };
}

/** findHospitals with a "catalogue.findHospitals" span around each call (lib/observability/trace.ts). */
export const findHospitals = tracedUseCase(
  "catalogue.findHospitals",
  findHospitalsUntraced,
  (_db, _query, locale) => ({ locale }),
);
