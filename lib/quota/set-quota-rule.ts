// Use case: a health-commission admin sets the special-service cap for a scope
// from a day on (DESIGN rule 3). Rules are never back-dated: a change applies
// to the bookings made after it and never revokes one. The rule in force
// before that day ends the day before; a rule already planned from that day
// on is an overlap the admin must end first. The database's exclusion
// constraint (quota_rule_no_overlap) holds the same line under concurrency.
import type { z } from "zod";
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/permissions";
import { addDays, calendarDateOf, dbDate, isoDate } from "../time/zone";
import type { setQuotaRuleSchema } from "./quota-inputs";
import { isOverlap, lockScopeRules, resolveRuleTarget } from "./rule-scope";
import { actorAttributes, tracedUseCase } from "../observability/trace";

const day = (d: Date) => d.toISOString().slice(0, 10);

async function setQuotaRuleUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof setQuotaRuleSchema>,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "quota.rules");
  if (input.effectiveFrom < isoDate(calendarDateOf(now)))
    throw new AppError("VALIDATION_FAILED", { fields: { effectiveFrom: "inPast" } });
  const from = new Date(`${input.effectiveFrom}T00:00:00Z`);
  const to = input.effectiveTo ? new Date(`${input.effectiveTo}T00:00:00Z`) : null;
  try {
    return await db.$transaction(async (tx) => {
      const target = await resolveRuleTarget(tx, admin, input);
      const rules = await lockScopeRules(tx, target);
      const overlaps = (r: (typeof rules)[number]) =>
        (r.effective_to === null || r.effective_to >= from) && (to === null || r.effective_from <= to);
      if (rules.some((r) => overlaps(r) && r.effective_from >= from))
        throw new AppError("VALIDATION_FAILED", { fields: { effectiveFrom: "overlap" } });
      const previous = rules.find((r) => overlaps(r) && r.effective_from < from);
      if (previous) {
        // It stays in force up to the day before; if it was to resume after a bounded new rule, that is an overlap too.
        if (to && (previous.effective_to === null || previous.effective_to > to))
          throw new AppError("VALIDATION_FAILED", { fields: { effectiveTo: "overlap" } });
        const lastDay = dbDate(addDays(calendarDateOf(from, "UTC"), -1));
        await tx.quotaRule.update({ where: { id: previous.id }, data: { effectiveTo: lastDay } });
      }
      const rule = await tx.quotaRule.create({
        data: {
          scope: target.scope,
          cityId: target.cityId,
          institutionId: target.institutionId,
          capPercent: input.percent,
          effectiveFrom: from,
          effectiveTo: to,
          createdById: admin.actor.userId,
        },
      });
      await recordAudit(tx, {
        actorId: admin.actor.userId,
        actorRole: admin.role,
        action: "quota.rule.set",
        entityType: "quota_rule",
        entityId: rule.id,
        institutionId: target.institutionId,
        cityId: target.auditCityId,
        before: previous
          ? {
              rule: previous.id,
              percent: Number(previous.cap_percent),
              from: day(previous.effective_from),
              to: previous.effective_to ? day(previous.effective_to) : null,
            }
          : null,
        after: {
          scope: target.scope,
          percent: input.percent,
          from: input.effectiveFrom,
          to: input.effectiveTo ?? null,
          ...(previous ? { previousEndsOn: isoDate(addDays(calendarDateOf(from, "UTC"), -1)) } : {}),
        },
      });
      return { id: rule.id, scope: target.scope, percent: input.percent, effectiveFrom: input.effectiveFrom };
    });
  } catch (error) {
    if (isOverlap(error)) throw new AppError("VALIDATION_FAILED", { fields: { effectiveFrom: "overlap" } });
    throw error;
  }
}

/** setQuotaRule with a "quota.setQuotaRule" span around each call (lib/observability/trace.ts). */
export const setQuotaRule = tracedUseCase("quota.setQuotaRule", setQuotaRuleUntraced, (_db, actor) =>
  actorAttributes(actor),
);
