// Use case: end a quota rule on a day (today or later), or withdraw one that
// has not started yet. Like setting one, it never reaches into the past.
import type { z } from "zod";
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { requireAdmin, requireCity } from "../auth/permissions";
import { calendarDateOf, isoDate } from "../time/zone";
import type { endQuotaRuleSchema } from "./quota-inputs";
import { lockScopeRules } from "./rule-scope";
import { actorAttributes, tracedUseCase } from "../observability/trace";

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

async function endQuotaRuleUntraced(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof endQuotaRuleSchema>,
  now: Date = new Date(),
) {
  const admin = requireAdmin(actor, "quota.rules");
  const { ruleId, lastDay } = input;
  const today = isoDate(calendarDateOf(now));
  return db.$transaction(async (tx) => {
    const found = await tx.quotaRule.findUnique({
      where: { id: ruleId },
      select: { scope: true, cityId: true, institutionId: true, institution: { select: { cityId: true } } },
    });
    if (!found) throw new AppError("NOT_FOUND");
    const cityId = found.cityId ?? found.institution?.cityId ?? null;
    if (found.scope === "NATIONAL" && admin.cityIds) throw new AppError("FORBIDDEN");
    if (cityId) requireCity(admin, cityId);
    await lockScopeRules(tx, found);
    const rule = await tx.quotaRule.findUniqueOrThrow({ where: { id: ruleId } });
    const from = day(rule.effectiveFrom)!;
    const before = { percent: Number(rule.capPercent), from, to: day(rule.effectiveTo) };
    const audit = {
      actorId: admin.actor.userId,
      actorRole: admin.role,
      entityType: "quota_rule",
      entityId: ruleId,
    };
    const where = { institutionId: found.institutionId, cityId };
    if (from > today && (!lastDay || lastDay < from)) {
      await tx.quotaRule.delete({ where: { id: ruleId } });
      await recordAudit(tx, { ...audit, ...where, action: "quota.rule.withdraw", before, after: null });
      return { withdrawn: true as const };
    }
    if (!lastDay) throw new AppError("VALIDATION_FAILED", { fields: { lastDay: "required" } });
    if (lastDay < today) throw new AppError("VALIDATION_FAILED", { fields: { lastDay: "inPast" } });
    if (lastDay < from || (before.to !== null && lastDay > before.to))
      throw new AppError("VALIDATION_FAILED", { fields: { lastDay: "invalid" } });
    await tx.quotaRule.update({
      where: { id: ruleId },
      data: { effectiveTo: new Date(`${lastDay}T00:00:00Z`) },
    });
    await recordAudit(tx, {
      ...audit,
      ...where,
      action: "quota.rule.end",
      before,
      after: { ...before, to: lastDay },
    });
    return { withdrawn: false as const, lastDay };
  });
}

/** endQuotaRule with a "quota.endQuotaRule" span around each call (lib/observability/trace.ts). */
export const endQuotaRule = tracedUseCase("quota.endQuotaRule", endQuotaRuleUntraced, (_db, actor) =>
  actorAttributes(actor),
);
