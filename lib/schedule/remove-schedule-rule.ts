// Use case: remove a weekly rule. Its free future slots go; booked ones stay
// (closed to new bookings) and are reported.
import type { z } from "zod";
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { editSchedule } from "./edit-schedule";
import type { removeRuleSchema } from "./schedule-inputs";
import { actorAttributes, tracedUseCase } from "../observability/trace";

async function removeScheduleRuleUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof removeRuleSchema>,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "schedule.manage");
  const { scheduleId, ruleId } = input;
  return editSchedule(
    db,
    scope,
    scheduleId,
    {
      action: "schedule.remove_rule",
      change: async (tx, schedule) => {
        const rule = schedule.rules.find((r) => r.id === ruleId);
        if (!rule) throw new AppError("NOT_FOUND");
        await tx.scheduleRule.delete({ where: { id: ruleId } });
        const { id: _id, scheduleId: _s, ...removed } = rule;
        return { removed };
      },
    },
    now,
  );
}

/** removeScheduleRule with a "schedule.removeScheduleRule" span around each call (lib/observability/trace.ts). */
export const removeScheduleRule = tracedUseCase(
  "schedule.removeScheduleRule",
  removeScheduleRuleUntraced,
  (_db, actor) => actorAttributes(actor),
);
