// Use cases for the booking pages: what is being booked (department or
// package, institution, fee, insurers that can bill directly for it) and the
// state of the patient's hold.
import type { DbClient } from "../db/create-client";
import { sha256 } from "../crypto/secrets";
import { AppError } from "../errors";
import { nameFields, pickLocalizedName, translationLocales } from "../i18n/content";
import { agreementsOf, evaluateDirectBilling } from "../payment/direct-billing";
import { loadHolidayCalendar } from "../holidays/holiday-calendar";
import { holdExtended } from "./holds";
import { calendarDateOf } from "../time/zone";

export interface BookingTarget {
  institution: {
    slug: string;
    name: string;
    /** The locale of the name (a fallback when it is not the page's: mark it with lang). */
    nameLocale: string;
    nameZh: string;
    addressZh: string;
    phone: string;
    cancellationWindowHours: number;
  };
  kind: "department" | "package";
  slug: string;
  name: string;
  /** The locale of the name (a fallback when it is not the page's: mark it with lang). */
  nameLocale: string;
  nameZh: string;
  priceFen: number;
  sessions: number;
}

/** The target of something that names its institution, department or package by relation (a booking, a slot). */
export function getTargetOf(
  db: DbClient,
  of: {
    institution: { slug: string };
    department?: { slug: string } | null;
    package?: { slug: string } | null;
  },
  locale: string,
): Promise<BookingTarget> {
  return getBookingTarget(
    db,
    { hospital: of.institution.slug, department: of.department?.slug, package: of.package?.slug },
    locale,
  );
}

export async function getBookingTarget(
  db: DbClient,
  where: { hospital: string; department?: string; package?: string },
  locale: string,
): Promise<BookingTarget> {
  const wanted = translationLocales(locale);
  const inst = await db.institution.findUnique({
    where: { slug: where.hospital },
    select: {
      id: true,
      slug: true,
      nameZh: true,
      addressZh: true,
      intlDeptPhone: true,
      cancellationWindowHours: true,
      translations: { where: { locale: { in: wanted } }, select: { locale: true, name: true } },
    },
  });
  if (!inst) throw new AppError("NOT_FOUND");
  const institution = {
    slug: inst.slug,
    ...nameFields(pickLocalizedName(inst.translations, locale, inst.nameZh)),
    nameZh: inst.nameZh,
    addressZh: inst.addressZh,
    phone: inst.intlDeptPhone,
    cancellationWindowHours: inst.cancellationWindowHours,
  };
  if (where.department) {
    const d = await db.department.findUnique({
      where: { institutionId_slug: { institutionId: inst.id, slug: where.department } },
      include: { translations: { where: { locale: { in: [...wanted, "zh"] } } } },
    });
    if (!d) throw new AppError("NOT_FOUND");
    return {
      institution,
      kind: "department",
      slug: d.slug,
      ...nameFields(pickLocalizedName(d.translations, locale, d.slug, "en")),
      nameZh: d.translations.find((t) => t.locale === "zh")?.name ?? d.slug,
      priceFen: d.consultationFeeFen,
      sessions: 1,
    };
  }
  const p = where.package
    ? await db.tcmPackage.findFirst({
        where: { slug: where.package, institutionId: inst.id },
        include: {
          translations: {
            where: { locale: { in: [...wanted, "zh"] } },
            select: { locale: true, name: true },
          },
        },
      })
    : null;
  if (!p) throw new AppError("NOT_FOUND");
  return {
    institution,
    kind: "package",
    slug: p.slug,
    ...nameFields(pickLocalizedName(p.translations, locale, p.slug, "en")),
    nameZh: p.translations.find((t) => t.locale === "zh")?.name ?? p.slug,
    priceFen: p.priceFen,
    sessions: p.sessions,
  };
}

export interface HeldSlot {
  slot: { id: string; startsAt: Date; endsAt: Date };
  target: BookingTarget;
  holdExpiresAt: Date | null;
  /** The hold was already extended once (extendHold): it cannot be extended again. */
  holdExtended: boolean;
  insurers: { slug: string; name: string; preauthRequired: boolean }[];
  /**
   * Insurers that bill this institution directly for this kind of visit, but not on this date:
   * they need pre-authorization `leadDays` working days ahead, so from `earliestDate` (YYYY-MM-DD, Beijing);
   * `holidaysUnknown`: counted Monday to Friday, as that year's public holidays are not published yet.
   */
  preauthTooSoon: {
    slug: string;
    name: string;
    leadDays: number;
    earliestDate: string;
    holidaysUnknown: boolean;
  }[];
}

/** The slot a hold is for, what it books, whether the hold is still live, and who can bill directly for it. */
export async function getHeldSlot(
  db: DbClient,
  slotId: string,
  holdToken: string,
  locale: string,
): Promise<HeldSlot> {
  const slot = await db.slot.findUnique({
    where: { id: slotId },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      institution: { select: { slug: true } },
      department: { select: { slug: true } },
      package: { select: { slug: true } },
    },
  });
  if (!slot) throw new AppError("NOT_FOUND");
  const target = await getTargetOf(db, slot, locale);
  const [hold] = await db.$queryRaw<{ expires_at: Date; extended: boolean }[]>`
    SELECT expires_at, ${holdExtended} AS extended FROM hold
    WHERE slot_id = ${slotId} AND token_hash = ${sha256(holdToken)} AND expires_at > now()`;
  // Rule 4 on the visit date, lead time included: only insurers that can bill directly are offered.
  const institutionId = (await db.institution.findUniqueOrThrow({ where: { slug: slot.institution.slug } }))
    .id;
  const candidates = await db.insurer.findMany({
    where: { agreements: { some: { institutionId } } },
    select: { slug: true, name: true },
    orderBy: { name: "asc" },
  });
  const insurers: HeldSlot["insurers"] = [];
  const preauthTooSoon: HeldSlot["preauthTooSoon"] = [];
  const today = calendarDateOf(new Date());
  const holidays = await loadHolidayCalendar(db, today);
  for (const insurer of candidates) {
    // The same evaluation as the payment checker's (lib/payment/payment-options.ts), so they agree.
    const billing = evaluateDirectBilling(
      await agreementsOf(db, institutionId, insurer.slug),
      slot.package ? "TCM_PACKAGE" : "OUTPATIENT",
      calendarDateOf(slot.startsAt),
      today,
      holidays,
    );
    if (billing.available) insurers.push({ ...insurer, preauthRequired: billing.preauthRequired });
    else if (billing.reason === "PREAUTH_TOO_SOON")
      preauthTooSoon.push({
        ...insurer,
        leadDays: billing.leadDays!,
        earliestDate: billing.earliestDate!,
        holidaysUnknown: !!billing.holidaysUnknown,
      });
  }
  return {
    slot: { id: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt },
    target,
    holdExpiresAt: hold?.expires_at ?? null,
    holdExtended: hold?.extended ?? false,
    insurers,
    preauthTooSoon,
  };
}
