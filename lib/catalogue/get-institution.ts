// Use case: everything the catalogue knows about one institution, in a locale
// with fallback (requested -> en -> zh), and which languages were used instead.
import type { DbClient } from "../db/create-client";
import type { HospitalGrade, InstitutionService, Ownership, VisitKind } from "../db/generated/client";
import { AppError } from "../errors";
import { nameFields, pickLocalizedName, pickTranslation, translationLocales } from "../i18n/content";
import { calendarDateOf } from "../time/zone";
import { agreementActiveWhere } from "../payment/agreement-active";
import { bookingAvailability, takesOnlineBookings } from "./booking-availability";
import { isOpenAt, parseHours, type WeeklyHours } from "./hours";
import { offeredDepartment, offeredPackage } from "./offered";
import { slugParam } from "../slug";
import { tracedUseCase } from "../observability/trace";

export interface InstitutionDetail {
  slug: string;
  name: string;
  nameLocale: string;
  nameZh: string;
  addressZh: string;
  address: string | null;
  addressLocale: string | null;
  intlDeptName: string | null;
  intlDeptNameLocale: string | null;
  description: string | null;
  descriptionLocale: string | null;
  city: { slug: string; name: string; nameLocale: string; nameZh: string };
  ownership: Ownership;
  grade: HospitalGrade;
  accreditations: string[];
  languages: string[];
  services: InstitutionService[];
  emergency24h: boolean;
  phone: string;
  email: string | null;
  website: string | null;
  hours: WeeklyHours;
  openNow: boolean;
  latitude: number;
  longitude: number;
  isDemo: boolean;
  departments: { slug: string; specialty: string; name: string; nameLocale: string; feeFen: number }[];
  packages: {
    slug: string;
    name: string;
    nameLocale: string;
    sessions: number;
    durationDays: number;
    priceFen: number;
  }[];
  billing: {
    insurer: { slug: string; name: string };
    scopes: { scope: VisitKind; preauthLeadDays: number; validTo: Date | null }[];
  }[];
  /** Languages other than the requested one that some of the content is shown in. */
  fallbackLocales: string[];
  /** Some of the content shown is a translation written before its English text last changed. */
  outdated: boolean;
  /** False: not yet taking international bookings online (lib/catalogue/booking-availability.ts). */
  takesOnlineBookings: boolean;
}

async function getInstitutionUntraced(
  db: DbClient,
  slug: string,
  locale: string,
  now: Date = new Date(),
): Promise<InstitutionDetail> {
  if (!slugParam.safeParse(slug).success) throw new AppError("NOT_FOUND");
  const wanted = translationLocales(locale);
  const row = await db.institution.findUnique({
    where: { slug },
    include: {
      translations: { where: { locale: { in: wanted } } },
      city: { include: { translations: { where: { locale: { in: wanted } } } } },
      departments: {
        where: offeredDepartment,
        include: { translations: { where: { locale: { in: wanted } } } },
        orderBy: { slug: "asc" },
      },
      packages: {
        where: offeredPackage,
        include: {
          translations: {
            where: { locale: { in: wanted } },
            select: { locale: true, name: true, writtenAt: true },
          },
        },
        orderBy: { priceFen: "asc" },
      },
      agreements: {
        where: agreementActiveWhere(calendarDateOf(now)),
        include: { insurer: { select: { slug: true, name: true } } },
        orderBy: [{ insurer: { name: "asc" } }, { scope: "asc" }],
      },
    },
  });
  if (!row) throw new AppError("NOT_FOUND");

  const fallbacks = new Set<string>();
  let outdated = false;
  const track = <T extends { locale: string; writtenAt?: Date }>(
    picked: ReturnType<typeof pickTranslation<T>>,
  ) => {
    if (picked?.isFallback) fallbacks.add(picked.locale);
    if (picked?.outdated) outdated = true;
    return picked;
  };
  const main = track(pickTranslation(row.translations, locale));
  // Address and description may be missing in a locale that has a name: pick each on its own.
  const address = track(
    pickTranslation(
      row.translations.filter((t) => t.address),
      locale,
    ),
  );
  const description = track(
    pickTranslation(
      row.translations.filter((t) => t.description),
      locale,
    ),
  );
  const intlDept = pickTranslation(
    row.translations.filter((t) => t.intlDeptName),
    locale,
  );
  const hours = parseHours(row.intlDeptHours);
  const availability = await bookingAvailability(db, [row.slug], undefined, now);

  const billing = new Map<string, InstitutionDetail["billing"][number]>();
  for (const a of row.agreements) {
    const entry = billing.get(a.insurer.slug) ?? { insurer: a.insurer, scopes: [] };
    entry.scopes.push({
      scope: a.scope,
      preauthLeadDays: a.preauthRequired ? a.preauthLeadDays : 0,
      validTo: a.validTo,
    });
    billing.set(a.insurer.slug, entry);
  }

  return {
    slug: row.slug,
    name: main?.value.name ?? row.nameZh,
    nameLocale: main?.locale ?? "zh",
    nameZh: row.nameZh,
    addressZh: row.addressZh,
    address: address?.value.address ?? null,
    addressLocale: address?.locale ?? null,
    intlDeptName: intlDept?.value.intlDeptName ?? null,
    intlDeptNameLocale: intlDept?.locale ?? null,
    description: description?.value.description ?? null,
    descriptionLocale: description?.locale ?? null,
    city: {
      slug: row.city.slug,
      ...nameFields(pickLocalizedName(row.city.translations, locale, row.city.nameZh)),
      nameZh: row.city.nameZh,
    },
    ownership: row.ownership,
    grade: row.grade,
    accreditations: row.accreditations,
    languages: row.languages,
    services: row.services,
    emergency24h: row.emergency24h,
    phone: row.intlDeptPhone,
    email: row.intlDeptEmail,
    website: row.website,
    hours,
    openNow: isOpenAt(hours, now),
    latitude: row.latitude,
    longitude: row.longitude,
    isDemo: row.isDemo,
    departments: row.departments.map((d) => {
      const n = track(pickTranslation(d.translations, locale));
      return {
        slug: d.slug,
        specialty: d.specialty,
        name: n?.value.name ?? d.slug,
        nameLocale: n?.locale ?? "en",
        feeFen: d.consultationFeeFen,
      };
    }),
    packages: row.packages.map((p) => {
      const n = track(pickTranslation(p.translations, locale));
      return {
        slug: p.slug,
        name: n?.value.name ?? p.slug,
        nameLocale: n?.locale ?? "en",
        sessions: p.sessions,
        durationDays: p.durationDays,
        priceFen: p.priceFen,
      };
    }),
    billing: [...billing.values()],
    fallbackLocales: [...fallbacks].filter((l) => l !== locale),
    outdated,
    takesOnlineBookings: takesOnlineBookings(availability.get(row.slug)),
  };
}

/** Links that open the location in common map apps (coordinates as stored, GCJ-02 in mainland China). */
export function mapLinks(
  d: Pick<InstitutionDetail, "latitude" | "longitude" | "nameZh" | "addressZh" | "name">,
) {
  const { latitude: lat, longitude: lng } = d;
  const zh = encodeURIComponent(d.nameZh);
  return [
    {
      id: "amap",
      label: "Amap · 高德地图",
      href: `https://uri.amap.com/marker?position=${lng},${lat}&name=${zh}&coordinate=gaode&callnative=1`,
    },
    {
      id: "baidu",
      label: "Baidu Maps · 百度地图",
      href: `https://api.map.baidu.com/marker?location=${lat},${lng}&title=${zh}&content=${encodeURIComponent(d.addressZh)}&output=html&coord_type=gcj02&src=international-patient-portal`,
    },
    {
      id: "apple",
      label: "Apple Maps",
      href: `https://maps.apple.com/?ll=${lat},${lng}&q=${encodeURIComponent(d.name)}`,
    },
    {
      id: "google",
      label: "Google Maps",
      href: `https://www.google.com/maps/search/?api=1&query=${lat},${lng}`,
    },
  ];
}

/** getInstitution with a "catalogue.getInstitution" span around each call (lib/observability/trace.ts). */
export const getInstitution = tracedUseCase(
  "catalogue.getInstitution",
  getInstitutionUntraced,
  (_db, slug, locale) => ({ "institution.slug": slug, locale }),
);
