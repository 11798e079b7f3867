// The v1 hospital search's answer: the list (api-schemas.ts hospitalListSchema)
// plus, when nothing was found, the "drop this filter" suggestions of
// findHospitals, serialized for the wire (a query string per suggestion).
import { z } from "zod";
import type { Locale } from "../i18n/locales";
import { hospitalListSchema, hospitalListView } from "./api-schemas";
import type { HospitalFinderResult } from "./find-hospitals";
import { hospitalFilterKeys, hospitalQueryToParams } from "./hospital-filters";

export const filterSuggestionSchema = z
  .object({
    filter: z
      .enum([...hospitalFilterKeys, "q"])
      .describe("The query parameter to drop: a filter, or q (the search text)"),
    total: z.number().int().describe("How many institutions the search finds without it"),
    query: z
      .string()
      .describe(
        "The search without it, from the first page, as a query string (add locale), e.g. city=beijing",
      ),
  })
  .meta({ id: "FilterSuggestion" });

export const hospitalFinderListSchema = hospitalListSchema.extend({
  suggestions: z
    .array(filterSuggestionSchema)
    .optional()
    .describe("Present only when nothing was found: one per filter in use (and q), dropping it"),
});

export function hospitalFinderView(
  result: HospitalFinderResult,
  locale: Locale,
): z.output<typeof hospitalFinderListSchema> {
  const body = hospitalListView(result, locale);
  if (result.suggestions.length === 0) return body;
  return hospitalFinderListSchema.parse({
    ...body,
    suggestions: result.suggestions.map((s) => ({
      filter: s.filter,
      total: s.total,
      query: hospitalQueryToParams(s.query).toString(),
    })),
  });
}
