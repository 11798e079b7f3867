// Where a quota rule applies and who may set it: the national default by a
// system admin, a city's rule and an institution's rule by that city's admin
// (or a system admin). Unknown places are a 400 naming the field; another
// city is a 403.
import type { TxClient } from "../db/create-client";
import type { QuotaScope } from "../db/generated/client";
import { AppError } from "../errors";
import { requireCity, type AdminScope } from "../auth/permissions";

export interface RuleTarget {
  scope: QuotaScope;
  cityId: string | null;
  institutionId: string | null;
  /** The city the audit trail files the change under (null: national). */
  auditCityId: string | null;
}

export async function resolveRuleTarget(
  tx: TxClient,
  admin: AdminScope,
  input: { scope: QuotaScope; city?: string; institution?: string },
): Promise<RuleTarget> {
  if (input.scope === "NATIONAL") {
    if (admin.cityIds) throw new AppError("FORBIDDEN");
    return { scope: "NATIONAL", cityId: null, institutionId: null, auditCityId: null };
  }
  if (input.scope === "CITY") {
    const city = await tx.city.findUnique({ where: { slug: input.city! }, select: { id: true } });
    if (!city) throw new AppError("VALIDATION_FAILED", { fields: { city: "invalid" } });
    requireCity(admin, city.id);
    return { scope: "CITY", cityId: city.id, institutionId: null, auditCityId: city.id };
  }
  const institution = await tx.institution.findUnique({
    where: { slug: input.institution! },
    select: { id: true, cityId: true, ownership: true },
  });
  // Private and foreign-owned institutions are not capped: a rule for them would mean nothing.
  if (!institution || institution.ownership !== "PUBLIC")
    throw new AppError("VALIDATION_FAILED", { fields: { institution: "invalid" } });
  requireCity(admin, institution.cityId);
  return {
    scope: "INSTITUTION",
    cityId: null,
    institutionId: institution.id,
    auditCityId: institution.cityId,
  };
}

/** Locks the rules of one scope for the rest of the transaction (concurrent edits queue up). */
export async function lockScopeRules(tx: TxClient, target: Pick<RuleTarget, "cityId" | "institutionId">) {
  const key = target.institutionId ?? target.cityId ?? "";
  return tx.$queryRaw<{ id: string; cap_percent: string; effective_from: Date; effective_to: Date | null }[]>`
    SELECT id, cap_percent::text, effective_from, effective_to FROM quota_rule
    WHERE COALESCE(institution_id, city_id, '') = ${key}
    ORDER BY effective_from FOR UPDATE`;
}

/** Postgres' exclusion_violation: two rules of one scope in force on the same day. */
export function isOverlap(error: unknown): boolean {
  const text =
    String((error as { message?: string })?.message ?? "") +
    String((error as { cause?: unknown })?.cause ?? "");
  return /quota_rule_no_overlap|23P01/.test(text);
}
