// The schedule forms' fields: one zod schema each for the form and the server.
import { z } from "zod";

const id = z.string().trim().min(1).max(64);
const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/)
  .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3)));
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
  );

export const createScheduleSchema = z
  .object({ service: z.string().regex(/^[dp]:[a-z0-9-]{1,80}$/) })
  .strict();

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
    startsOn: isoDay,
    endsOn: isoDay,
    reason: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((c) => c.endsOn >= c.startsOn, { path: ["endsOn"], message: "invalid" });

export const removeClosureSchema = z.object({ scheduleId: id, closureId: id }).strict();

export const publishSchema = z
  .object({ scheduleId: id, weeks: z.coerce.number().int().min(1).max(26) })
  .strict();
