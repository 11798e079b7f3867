// Use case: one TCM package with its institution, in a locale with fallback.
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { nameFields, pickLocalizedName, pickTranslation, translationLocales } from "../i18n/content";
import { slugParam } from "../slug";
import { bookingAvailability, takesOnlineBookings } from "./booking-availability";
import { offeredPackage } from "./offered";
import { tracedUseCase } from "../observability/trace";

export interface PackageDetail {
  slug: string;
  name: string;
  locale: string;
  isFallback: boolean;
  /** The text is a translation written before its English text last changed. */
  outdated: boolean;
  description: string;
  treatmentPlan: string;
  expectedOutcome: string;
  contraindications: string;
  conditions: string[];
  therapies: string[];
  sessions: number;
  durationDays: number;
  priceFen: number;
  isDemo: boolean;
  institution: {
    slug: string;
    name: string;
    nameLocale: string;
    nameZh: string;
    addressZh: string;
    phone: string;
    city: { slug: string; name: string; nameLocale: string };
  };
  /** False: its institution is not yet taking international bookings online. */
  takesOnlineBookings: boolean;
}

async function getPackageUntraced(db: DbClient, slug: string, locale: string): Promise<PackageDetail> {
  if (!slugParam.safeParse(slug).success) throw new AppError("NOT_FOUND");
  const wanted = translationLocales(locale);
  // A retired package is gone for new visitors (404); its bookings' pages name it from the booking.
  const p = await db.tcmPackage.findFirst({
    where: { slug, ...offeredPackage },
    include: {
      translations: { where: { locale: { in: wanted } } },
      institution: {
        select: {
          slug: true,
          nameZh: true,
          addressZh: true,
          intlDeptPhone: true,
          translations: { where: { locale: { in: wanted } }, select: { locale: true, name: true } },
          city: { select: { slug: true, nameZh: true, translations: { where: { locale: { in: wanted } } } } },
        },
      },
    },
  });
  if (!p) throw new AppError("NOT_FOUND");
  const t = pickTranslation(p.translations, locale);
  if (!t) throw new AppError("NOT_FOUND");
  const availability = await bookingAvailability(db, [p.institution.slug]);
  return {
    slug: p.slug,
    name: t.value.name,
    locale: t.locale,
    isFallback: t.isFallback,
    outdated: t.outdated ?? false,
    description: t.value.description,
    treatmentPlan: t.value.treatmentPlan,
    expectedOutcome: t.value.expectedOutcome,
    contraindications: t.value.contraindications,
    conditions: p.conditions,
    therapies: p.therapies,
    sessions: p.sessions,
    durationDays: p.durationDays,
    priceFen: p.priceFen,
    isDemo: p.isDemo,
    takesOnlineBookings: takesOnlineBookings(availability.get(p.institution.slug)),
    institution: {
      slug: p.institution.slug,
      ...nameFields(pickLocalizedName(p.institution.translations, locale, p.institution.nameZh)),
      nameZh: p.institution.nameZh,
      addressZh: p.institution.addressZh,
      phone: p.institution.intlDeptPhone,
      city: {
        slug: p.institution.city.slug,
        ...nameFields(pickLocalizedName(p.institution.city.translations, locale, p.institution.city.nameZh)),
      },
    },
  };
}

/** getPackage with a "catalogue.getPackage" span around each call (lib/observability/trace.ts). */
export const getPackage = tracedUseCase("catalogue.getPackage", getPackageUntraced, (_db, slug, locale) => ({
  "package.slug": slug,
  locale,
}));
