// Use case: add a weekly rule (weekday, start, end, slot length, capacity) to a
// schedule; already published weeks get its slots at once.
import type { z } from "zod";
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { editSchedule } from "./edit-schedule";
import type { addRuleSchema } from "./schedule-inputs";
import { actorAttributes, tracedUseCase } from "../observability/trace";

async function addScheduleRuleUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof addRuleSchema>,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "schedule.manage");
  const { scheduleId, weekday, start, end, slotMinutes, capacity } = input;
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

/** addScheduleRule with a "schedule.addScheduleRule" span around each call (lib/observability/trace.ts). */
export const addScheduleRule = tracedUseCase(
  "schedule.addScheduleRule",
  addScheduleRuleUntraced,
  (_db, actor) => actorAttributes(actor),
);
