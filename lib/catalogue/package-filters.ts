import { z } from "zod";
import { conditions, therapies } from "./codes";
import { pageParam, pageSizeParam, searchTextParam } from "./search-params";
import { slugParam } from "../slug";

const yuan = z.coerce.number().int().min(0).max(10_000_000);

/** The package finder's query, for /{locale}/packages and GET /api/v1/packages. */
export const packageQuerySchema = z.object({
  city: slugParam.optional().describe("City slug, e.g. sanya"),
  condition: z.enum(conditions).optional(),
  therapy: z.enum(therapies).optional(),
  maxDays: z.coerce.number().int().min(1).max(365).optional().describe("Longest acceptable duration in days"),
  minPrice: yuan.optional().describe("Lowest price in CNY (whole yuan)"),
  maxPrice: yuan.optional().describe("Highest price in CNY (whole yuan)"),
  q: searchTextParam.optional().describe("Package or institution name"),
  sort: z.enum(["relevance", "price", "days", "sessions"]).default("relevance"),
  page: pageParam,
  pageSize: pageSizeParam,
});

export type PackageQuery = z.output<typeof packageQuerySchema>;

export const packageDayOptions = [3, 7, 14, 21, 30] as const;
