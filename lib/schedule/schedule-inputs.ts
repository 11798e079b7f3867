// The schedule use cases' input schemas: typed domain input (times as minutes
// of the day, numbers as numbers, days as "YYYY-MM-DD"), with the rules
// between fields. The console's form ("HH:MM", numbers typed as text) is read
// by its adapter, app/[locale]/staff/forms.ts.
import { z } from "zod";
import { isoDaySchema } from "../time/iso-day";
import { serviceSchema } from "../catalogue/list-services";

const id = z.string().trim().min(1).max(64);
/** A time of day as minutes since midnight, 0 (00:00) to 1440 (24:00). */
export const minuteOfDaySchema = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);

export const createScheduleSchema = z.object({ service: serviceSchema }).strict();

export const addRuleSchema = z
  .object({
    scheduleId: id,
    weekday: z.number().int().min(0).max(6),
    start: minuteOfDaySchema,
    end: minuteOfDaySchema,
    slotMinutes: z.number().int().min(5).max(480),
    capacity: z.number().int().min(1).max(100),
  })
  .strict()
  .refine((r) => r.end > r.start, { path: ["end"], message: "invalid" })
  .refine((r) => r.end - r.start >= r.slotMinutes, { path: ["slotMinutes"], message: "invalid" });

export const removeRuleSchema = z.object({ scheduleId: id, ruleId: id }).strict();

export const addClosureSchema = z
  .object({
    scheduleId: id,
    startsOn: isoDaySchema,
    endsOn: isoDaySchema,
    reason: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((c) => c.endsOn >= c.startsOn, { path: ["endsOn"], message: "invalid" });

export const removeClosureSchema = z.object({ scheduleId: id, closureId: id }).strict();

export const publishSchema = z.object({ scheduleId: id, weeks: z.number().int().min(1).max(26) }).strict();
