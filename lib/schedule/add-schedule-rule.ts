// Use case: add a weekly rule (weekday, start, end, slot length, capacity) to a
// schedule; already published weeks get its slots at once.
import type { DbClient } from "../db/create-client";
import { AppError, validationError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { editSchedule } from "./edit-schedule";
import { addRuleSchema } from "./schedule-inputs";

export async function addScheduleRule(
  db: DbClient,
  actor: Actor | null,
  raw: unknown,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "schedule.manage");
  const parsed = addRuleSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const { scheduleId, weekday, start, end, slotMinutes, capacity } = parsed.data;
  return editSchedule(
    db,
    scope,
    scheduleId,
    {
      action: "schedule.add_rule",
      change: async (tx, schedule) => {
        const overlaps = schedule.rules.some(
          (r) => r.weekday === weekday && r.startMinute < end && start < r.endMinute,
        );
        if (overlaps) throw new AppError("VALIDATION_FAILED", { fields: { start: "invalid" } });
        await tx.scheduleRule.create({
          data: { scheduleId, weekday, startMinute: start, endMinute: end, slotMinutes, capacity },
        });
        return { weekday, start, end, slotMinutes, capacity };
      },
    },
    now,
  );
}
