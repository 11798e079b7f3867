// Use case: "can my insurer pay directly here, for this visit, on this date?"
// (DESIGN rule 4), for one hospital (the API) or every institution of a city
// (the /payment checker). For each: direct billing or the reason it is not
// possible, the pre-authorization lead time and what to bring; the self-pay
// fee or price in CNY and, approximately, in the patient's currency with the
// rate's date; and the ways the institution takes a self-pay bill.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import type { HospitalGrade, Ownership } from "../db/generated/client";
import { AppError } from "../errors";
import { nameFields, nameTranslations, pickLocalizedName } from "../i18n/content";
import { slugParam } from "../slug";
import { addDays, calendarDateOf, isoDate } from "../time/zone";
import { isoDaySchema } from "../time/iso-day";
import { currencySchema, visitKinds, type Currency, type VisitKindCode } from "./codes";
import { bookingAvailability, takesOnlineBookings } from "../catalogue/booking-availability";
import { agreementsOf, evaluateDirectBilling, type DirectBilling } from "./direct-billing";
import { convertFen, rateOn, type Rate } from "./exchange-rates";
import { NO_HOLIDAYS_KNOWN } from "./working-days";
import { loadHolidayCalendar } from "../holidays/holiday-calendar";

/** How far ahead the checker answers (agreements and prices beyond are guesswork). */
export const MAX_DAYS_AHEAD = 366;

export const paymentQuerySchema = z
  .object({
    hospital: slugParam.optional().describe("One institution (the API); or give city"),
    city: slugParam.optional().describe("Every institution of a city (the checker page)"),
    insurer: z.union([z.literal("self"), slugParam]).describe('An insurer\'s slug, or "self" for self-pay'),
    date: isoDaySchema.describe("The visit day, Beijing calendar (YYYY-MM-DD)"),
    visit: z.enum(visitKinds).describe("The kind of visit"),
    currency: currencySchema.optional().describe("Show the self-pay estimate also in this currency"),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (!q.hospital && !q.city) ctx.addIssue({ code: "custom", path: ["hospital"], message: "required" });
  });

export type PaymentQuery = z.output<typeof paymentQuerySchema>;

export interface InstitutionPayment {
  slug: string;
  name: string;
  /** The locale of the name (a fallback when it is not the page's: mark it with lang). */
  nameLocale: string;
  nameZh: string;
  ownership: Ownership;
  /** Null for self-pay (no insurer asked about). */
  directBilling: DirectBilling | null;
  /** Consultation fee range (outpatient) or package price range (TCM), in fen; null for inpatient stays. */
  selfPay: { fromFen: number; toFen: number } | null;
  /** The same in the chosen currency (approximate), when a rate exists. */
  estimate: { from: number; to: number } | null;
  acceptedPayments: string[];
  /** False: not yet taking international bookings online; the checker explains payment but offers no booking. */
  takesOnlineBookings: boolean;
  /** The international department's phone. */
  phone: string;
}

const INPATIENT_GRADES: HospitalGrade[] = ["TERTIARY_A", "TERTIARY", "SECONDARY_A", "SECONDARY"];

export async function paymentOptions(db: DbClient, q: PaymentQuery, locale: string, now: Date = new Date()) {
  const today = calendarDateOf(now);
  if (q.date < isoDate(today)) throw new AppError("VALIDATION_FAILED", { fields: { date: "inPast" } });
  if (q.date > isoDate(addDays(today, MAX_DAYS_AHEAD)))
    throw new AppError("VALIDATION_FAILED", { fields: { date: "outOfRange" } });
  const [year, month, day] = q.date.split("-").map(Number);
  const visitDate = { year: year!, month: month!, day: day! };

  const insurer =
    q.insurer === "self"
      ? null
      : await db.insurer.findUnique({ where: { slug: q.insurer }, select: { slug: true, name: true } });
  if (q.insurer !== "self" && !insurer)
    throw new AppError("VALIDATION_FAILED", { fields: { insurer: "invalid" } });

  const tr = nameTranslations(locale);
  const select = {
    id: true,
    slug: true,
    nameZh: true,
    ownership: true,
    grade: true,
    acceptedPayments: true,
    intlDeptPhone: true,
    translations: tr,
    departments: { select: { consultationFeeFen: true } },
    packages: { select: { priceFen: true } },
  } as const;
  let institutions;
  if (q.hospital) {
    const one = await db.institution.findUnique({ where: { slug: q.hospital }, select });
    if (!one) throw new AppError("VALIDATION_FAILED", { fields: { hospital: "invalid" } });
    if (!offers(one, q.visit)) throw new AppError("VALIDATION_FAILED", { fields: { visit: "notOffered" } });
    institutions = [one];
  } else {
    const city = await db.city.findUnique({ where: { slug: q.city! }, select: { id: true } });
    if (!city) throw new AppError("VALIDATION_FAILED", { fields: { city: "invalid" } });
    institutions = (
      await db.institution.findMany({ where: { cityId: city.id }, select, orderBy: { nameZh: "asc" } })
    ).filter((i) => offers(i, q.visit));
  }

  const rate: Rate | null = q.currency ? await rateOn(db, q.currency, isoDate(today)) : null;
  const availability = await bookingAvailability(
    db,
    institutions.map((i) => i.slug),
    undefined,
    now,
  );
  const holidays = insurer ? await loadHolidayCalendar(db, today) : NO_HOLIDAYS_KNOWN;
  const results: InstitutionPayment[] = [];
  for (const inst of institutions) {
    const directBilling = insurer
      ? evaluateDirectBilling(
          await agreementsOf(db, inst.id, insurer.slug),
          q.visit,
          visitDate,
          today,
          holidays,
        )
      : null;
    const prices =
      q.visit === "OUTPATIENT"
        ? inst.departments.map((d) => d.consultationFeeFen)
        : q.visit === "TCM_PACKAGE"
          ? inst.packages.map((p) => p.priceFen)
          : [];
    const selfPay = prices.length > 0 ? { fromFen: Math.min(...prices), toFen: Math.max(...prices) } : null;
    results.push({
      slug: inst.slug,
      ...nameFields(pickLocalizedName(inst.translations, locale, inst.nameZh)),
      nameZh: inst.nameZh,
      ownership: inst.ownership,
      directBilling,
      selfPay,
      estimate:
        selfPay && rate
          ? { from: convertFen(selfPay.fromFen, rate), to: convertFen(selfPay.toFen, rate) }
          : null,
      acceptedPayments: inst.acceptedPayments,
      takesOnlineBookings: takesOnlineBookings(availability.get(inst.slug)),
      phone: inst.intlDeptPhone,
    });
  }
  // Those that bill the insurer directly first.
  results.sort(
    (a, b) => Number(b.directBilling?.available ?? false) - Number(a.directBilling?.available ?? false),
  );
  return {
    date: q.date,
    visit: q.visit,
    insurer,
    currency: (q.currency ?? null) as Currency | null,
    rate,
    institutions: results,
  };
}

export type PaymentOptions = Awaited<ReturnType<typeof paymentOptions>>;

function offers(
  inst: { grade: HospitalGrade; departments: unknown[]; packages: unknown[] },
  visit: VisitKindCode,
): boolean {
  if (visit === "OUTPATIENT") return inst.departments.length > 0;
  if (visit === "TCM_PACKAGE") return inst.packages.length > 0;
  return INPATIENT_GRADES.includes(inst.grade);
}
