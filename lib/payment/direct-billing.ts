// DESIGN rule 4: direct billing is offered only where an agreement covers the
// institution, the insurer and the kind of visit on the visit date, and, when
// the insurer needs pre-authorization, the visit leaves its lead time in
// working days (the mainland's, public holidays included: working-days.ts).
// One evaluation serves the checker page, the API and the booking
// transaction, so they give the same answer and reason.
import type { DbClient, TxClient } from "../db/create-client";
import { isoDate, type CalendarDate } from "../time/zone";
import type { VisitKindCode } from "./codes";
import { countWorkingDays, type HolidayCalendar } from "./working-days";
import { isAgreementActiveOn } from "./agreement-active";

export type UnavailableReason =
  "NO_AGREEMENT" | "SCOPE_NOT_COVERED" | "NOT_VALID_ON_DATE" | "PREAUTH_TOO_SOON";

export interface AgreementRow {
  id: string;
  scope: VisitKindCode;
  preauthRequired: boolean;
  preauthLeadDays: number;
  validFrom: string;
  validTo: string | null;
  documents: string[];
}

export type DirectBilling =
  | {
      available: true;
      agreementId: string;
      preauthRequired: boolean;
      leadDays: number;
      documents: string[];
      validTo: string | null;
      /** The lead time was counted Monday to Friday: the holidays of a year it spans are not known yet. */
      holidaysUnknown?: true;
    }
  | {
      available: false;
      reason: UnavailableReason;
      /** PREAUTH_TOO_SOON: the first visit day the lead time allows, and the lead time. */
      earliestDate?: string;
      leadDays?: number;
      /** NOT_VALID_ON_DATE: when the agreement in this scope is valid. */
      validFrom?: string;
      validTo?: string | null;
      /** PREAUTH_TOO_SOON: earliestDate was counted Monday to Friday (a year's holidays are not known yet). */
      holidaysUnknown?: true;
    };

/**
 * Rule 4 for one institution and insurer: `agreements` are all of theirs (any scope, any dates);
 * `holidays` is the mainland's calendar, loaded once by the caller (loadHolidayCalendar).
 */
export function evaluateDirectBilling(
  agreements: AgreementRow[],
  visit: VisitKindCode,
  visitDate: CalendarDate,
  today: CalendarDate,
  holidays: HolidayCalendar,
): DirectBilling {
  if (agreements.length === 0) return { available: false, reason: "NO_AGREEMENT" };
  const inScope = agreements.filter((a) => a.scope === visit);
  if (inScope.length === 0) return { available: false, reason: "SCOPE_NOT_COVERED" };
  const day = isoDate(visitDate);
  const valid = inScope.find((a) => isAgreementActiveOn(a, visitDate));
  if (!valid) {
    const nearest = inScope[0]!;
    return {
      available: false,
      reason: "NOT_VALID_ON_DATE",
      validFrom: nearest.validFrom,
      validTo: nearest.validTo,
    };
  }
  const lead = valid.preauthRequired ? countWorkingDays(today, valid.preauthLeadDays, holidays) : null;
  const unknown = lead?.holidaysUnknown ? { holidaysUnknown: true as const } : {};
  if (lead) {
    const earliest = isoDate(lead.date);
    if (day < earliest)
      return {
        available: false,
        reason: "PREAUTH_TOO_SOON",
        earliestDate: earliest,
        leadDays: valid.preauthLeadDays,
        ...unknown,
      };
  }
  return {
    available: true,
    agreementId: valid.id,
    preauthRequired: valid.preauthRequired,
    leadDays: valid.preauthRequired ? valid.preauthLeadDays : 0,
    documents: valid.documents,
    validTo: valid.validTo,
    ...unknown,
  };
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** Every agreement between one institution and one insurer (slug), as evaluateDirectBilling reads them. */
export async function agreementsOf(
  db: DbClient | TxClient,
  institutionId: string,
  insurerSlug: string,
): Promise<AgreementRow[]> {
  const rows = await db.directBillingAgreement.findMany({
    where: { institutionId, insurer: { slug: insurerSlug } },
    orderBy: { validFrom: "asc" },
  });
  return rows.map((a) => ({
    id: a.id,
    scope: a.scope,
    preauthRequired: a.preauthRequired,
    preauthLeadDays: a.preauthLeadDays,
    validFrom: day(a.validFrom)!,
    validTo: day(a.validTo),
    documents: a.documents,
  }));
}
