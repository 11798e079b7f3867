// The schedule forms' fields: one zod schema each for the form and the server.
import { z } from "zod";
import { isoDaySchema } from "../time/iso-day";
import { serviceSchema } from "../catalogue/list-services";

const id = z.string().trim().min(1).max(64);
const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/)
  .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3)));

export const createScheduleSchema = z.object({ service: serviceSchema }).strict();

export const addRuleSchema = z
  .object({
    scheduleId: id,
    weekday: z.coerce.number().int().min(0).max(6),
    start: time,
    end: time,
    slotMinutes: z.coerce.number().int().min(5).max(480),
    capacity: z.coerce.number().int().min(1).max(100),
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

export const publishSchema = z
  .object({ scheduleId: id, weeks: z.coerce.number().int().min(1).max(26) })
  .strict();
