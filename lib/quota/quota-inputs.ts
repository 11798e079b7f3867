// The zod schemas of the quota use cases' typed input (numbers as numbers,
// days as "YYYY-MM-DD", months as "YYYY-MM") and of the report's query. The
// console's forms send numbers as text; their adapter reads them
// (app/[locale]/_console/commands.ts).
import { z } from "zod";
import { slugParam } from "../slug";
import { isoDaySchema } from "../time/iso-day";
import { monthSchema } from "./month";

/** A monthly volume above this is not a plausible hospital (the largest see ~700,000 visits a month). */
export const MAX_MONTHLY_VOLUME = 2_000_000;

/** 0-100 with at most two decimals (the column is numeric(5,2)). */
const percentSchema = z
  .number()
  .min(0)
  .max(100)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, "invalid");

export const setQuotaRuleSchema = z
  .object({
    scope: z.enum(["NATIONAL", "CITY", "INSTITUTION"]),
    city: slugParam.optional(),
    institution: slugParam.optional(),
    percent: percentSchema,
    effectiveFrom: isoDaySchema,
    effectiveTo: isoDaySchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.scope === "CITY" && !v.city) ctx.addIssue({ code: "custom", path: ["city"], message: "required" });
    if (v.scope === "INSTITUTION" && !v.institution)
      ctx.addIssue({ code: "custom", path: ["institution"], message: "required" });
    if (v.effectiveTo && v.effectiveTo < v.effectiveFrom)
      ctx.addIssue({ code: "custom", path: ["effectiveTo"], message: "invalid" });
  });

export const endQuotaRuleSchema = z
  .object({ ruleId: z.string().trim().min(1).max(64), lastDay: isoDaySchema.optional() })
  .strict();

export const declareVolumeSchema = z
  .object({ month: monthSchema, volume: z.number().int().min(0).max(MAX_MONTHLY_VOLUME) })
  .strict();

export const verifyVolumeSchema = z
  .object({ institution: slugParam, month: monthSchema, action: z.enum(["lock", "unlock"]) })
  .strict();

export const reportQuerySchema = z
  .object({ city: slugParam.optional(), from: monthSchema.optional(), to: monthSchema.optional() })
  .strict();
export type ReportQuery = z.output<typeof reportQuerySchema>;
