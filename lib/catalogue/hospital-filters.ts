import { z } from "zod";
import { accreditations, ownerships, serviceLanguages, services, specialties } from "./codes";
import { booleanParam, pageParam, pageSizeParam, queryToParams, searchTextParam } from "./search-params";
import { slugParam } from "../slug";

/** The finder's query: the same schema for /{locale}/hospitals and GET /api/v1/hospitals. */
export const hospitalQuerySchema = z.object({
  city: slugParam.optional().describe("City slug, e.g. beijing"),
  specialty: z.enum(specialties).optional(),
  language: z
    .enum(serviceLanguages)
    .optional()
    .describe("ISO 639-1 code of a language the international department serves in"),
  insurer: slugParam
    .optional()
    .describe("Insurer slug, e.g. bupa-global: institutions billing it directly today"),
  payment: z
    .enum(["direct", "self"])
    .optional()
    .describe("direct: some insurer bills directly; self: every institution takes self-pay"),
  ownership: z.enum(ownerships).optional(),
  accreditation: z.enum(accreditations).optional(),
  tcm: booleanParam.optional().describe("Offers TCM (a TCM department or package)"),
  emergency: booleanParam.optional().describe("24-hour emergency department"),
  service: z.enum(services).optional(),
  q: searchTextParam
    .optional()
    .describe(
      "Name in any language, the Chinese name or its pinyin; or a specialty, condition, department or TCM package",
    ),
  sort: z.enum(["relevance", "name", "city"]).default("relevance"),
  page: pageParam,
  pageSize: pageSizeParam,
});

export type HospitalQuery = z.output<typeof hospitalQuerySchema>;

/** Filters that narrow the result (everything but sort and paging), in display order. */
export const hospitalFilterKeys = [
  "city",
  "specialty",
  "language",
  "insurer",
  "payment",
  "ownership",
  "accreditation",
  "service",
  "tcm",
  "emergency",
] as const;
export type HospitalFacetKey = (typeof hospitalFilterKeys)[number];

/** The query as URL parameters, leaving out defaults, so links stay short and shareable. */
export function hospitalQueryToParams(query: Partial<HospitalQuery>): URLSearchParams {
  return queryToParams(query, hospitalQuerySchema.parse({}));
}
