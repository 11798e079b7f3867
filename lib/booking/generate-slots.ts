// Use case: turn schedules' weekly rules and closures into slots for the next
// N weeks. Idempotent: slot (schedule_id, starts_at) is unique, so running it
// twice adds nothing.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import { validationError } from "../errors";
import { planSlots } from "./plan-slots";

export const generateSlotsInput = z
  .object({
    institutionId: z.string().min(1).optional(),
    scheduleIds: z.array(z.string().min(1)).max(1000).optional(),
    weeks: z.number().int().min(1).max(26),
  })
  .strict();

export type GenerateSlotsInput = z.input<typeof generateSlotsInput>;

export interface GenerateSlotsResult {
  schedules: number;
  planned: number;
  created: number;
}

export async function generateSlots(
  db: DbClient,
  rawInput: GenerateSlotsInput,
  now: Date = new Date(),
): Promise<GenerateSlotsResult> {
  const parsed = generateSlotsInput.safeParse(rawInput);
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;

  const schedules = await db.schedule.findMany({
    where: {
      active: true,
      ...(input.institutionId ? { institutionId: input.institutionId } : {}),
      ...(input.scheduleIds ? { id: { in: input.scheduleIds } } : {}),
    },
    include: { rules: true, closures: true },
  });

  let planned = 0;
  let created = 0;
  const batch: {
    institutionId: string;
    scheduleId: string;
    departmentId: string | null;
    packageId: string | null;
    startsAt: Date;
    endsAt: Date;
    capacity: number;
  }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await db.slot.createMany({ data: batch.splice(0), skipDuplicates: true });
    created += result.count;
  };

  for (const schedule of schedules) {
    const slots = planSlots({
      timezone: schedule.timezone,
      rules: schedule.rules,
      closures: schedule.closures,
      now,
      days: input.weeks * 7,
    });
    planned += slots.length;
    for (const slot of slots) {
      batch.push({
        institutionId: schedule.institutionId,
        scheduleId: schedule.id,
        departmentId: schedule.departmentId,
        packageId: schedule.packageId,
        ...slot,
      });
      if (batch.length >= 5_000) await flush();
    }
  }
  await flush();
  return { schedules: schedules.length, planned, created };
}
