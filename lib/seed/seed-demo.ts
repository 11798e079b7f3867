// Seeds the demo catalogue, guides and accounts into an empty database.
// Fast by design (bulk inserts): under 10 seconds with slots for 8 weeks.
import { pinyin } from "pinyin-pro";
import type { DbClient } from "../db/create-client";
import type { Prisma, Role } from "../db/generated/client";
import { generateSlots } from "../booking/generate-slots";
import { hashPassword } from "../auth/password";
import { addDays, dbDate, calendarDateOf } from "../time/zone";
import {
  DEMO_PASSWORD,
  demoAccounts,
  DEMO_MONTHLY_VOLUME,
  DEMO_ONBOARDING,
  demoExchangeRates,
  demoPayments,
  demoCities,
  demoInsurers,
  demoInstitutions,
  departmentPresets,
  type DemoInstitution,
} from "./demo-data";
import { demoGuideSections } from "./demo-guide";
import { guideCriteria } from "../guide/codes";
import { listedSnapshot } from "../guide/get-published-guide";
import { monthDbDate, monthsFrom } from "../quota/month";
import { refreshFromPackage } from "../holidays/package-calendar";

export const DEMO_SLOT_WEEKS = 8;

export function toPinyin(chinese: string): string {
  return pinyin(chinese, { toneType: "none", type: "array" }).join(" ");
}

function texts<T extends Record<string, string | undefined>>(text: T): [string, string][] {
  return Object.entries(text).filter((entry): entry is [string, string] => typeof entry[1] === "string");
}

function hoursFor(preset: DemoInstitution["hours"]) {
  if (preset === "daily")
    return [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: "08:00", close: "20:00" }));
  const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: "08:00", close: "17:00" }));
  return preset === "weekdays-sat" ? [...weekdays, { weekday: 6, open: "08:00", close: "12:00" }] : weekdays;
}

export interface SeedSummary {
  cities: number;
  institutions: number;
  packages: number;
  slots: number;
  users: number;
}

export async function isDatabaseEmpty(db: DbClient): Promise<boolean> {
  const [institutions, users] = await Promise.all([db.institution.count(), db.user.count()]);
  return institutions === 0 && users === 0;
}

export async function seedDemo(db: DbClient, now: Date = new Date()): Promise<SeedSummary> {
  const cityIds = new Map<string, string>();
  for (const city of demoCities) {
    const created = await db.city.create({
      data: {
        slug: city.slug,
        nameZh: city.nameZh,
        province: city.province,
        isDemo: true,
        translations: { create: texts(city.name).map(([locale, name]) => ({ locale, name })) },
      },
    });
    cityIds.set(city.slug, created.id);
  }

  const insurerIds = new Map<string, string>();
  for (const insurer of demoInsurers) {
    const created = await db.insurer.create({ data: { ...insurer, isDemo: true } });
    insurerIds.set(insurer.slug, created.id);
  }

  const today = calendarDateOf(now);
  const agreementStart = dbDate(addDays(today, -365));
  const institutionIds = new Map<string, string>();
  let packages = 0;

  for (const inst of demoInstitutions) {
    const locales = new Set([
      ...Object.keys(inst.name),
      ...Object.keys(inst.description),
      ...Object.keys(inst.address),
    ]);
    const translations = [...locales].map((locale) => {
      const key = locale as keyof typeof inst.name;
      return {
        locale,
        name: inst.name[key] ?? inst.name.en,
        address: locale === "zh" ? inst.addressZh : (inst.address[key] ?? null),
        intlDeptName: inst.intlDeptName[key] ?? null,
        description: (inst.description as Record<string, string | undefined>)[locale] ?? null,
      };
    });

    const created = await db.institution.create({
      data: {
        slug: inst.slug,
        cityId: cityIds.get(inst.city)!,
        nameZh: inst.nameZh,
        namePinyin: toPinyin(inst.nameZh),
        addressZh: inst.addressZh,
        latitude: inst.latitude,
        longitude: inst.longitude,
        ownership: inst.ownership,
        grade: inst.grade,
        accreditations: inst.accreditations,
        languages: inst.languages,
        services: inst.services,
        emergency24h: inst.emergency24h,
        intlDeptPhone: inst.phone,
        intlDeptEmail: inst.email ?? `international@${inst.slug}.demo.example`,
        intlDeptHours: hoursFor(inst.hours),
        acceptedPayments: [...demoPayments[inst.ownership]],
        website: inst.website ?? null,
        guideListed: inst.guideListed,
        guideListedAt: inst.guideListed ? now : null,
        isDemo: true,
        translations: { create: translations },
        agreements: {
          create: inst.agreements.map((a) => ({
            insurerId: insurerIds.get(a.insurer)!,
            scope: a.scope,
            preauthRequired: (a.preauthLeadDays ?? 0) > 0,
            preauthLeadDays: a.preauthLeadDays ?? 0,
            documents:
              (a.preauthLeadDays ?? 0) > 0
                ? ["passport", "insurance_card", "guarantee_letter"]
                : ["passport", "insurance_card", "claim_form"],
            validFrom: agreementStart,
            validTo: dbDate(addDays(today, 3 * 365)),
            isDemo: true,
          })),
        },
      },
    });
    institutionIds.set(inst.slug, created.id);

    const weekdays =
      inst.hours === "weekdays"
        ? [1, 2, 3, 4, 5]
        : inst.hours === "daily"
          ? [1, 2, 3, 4, 5, 6]
          : [1, 2, 3, 4, 5, 6];
    for (const slug of inst.departments) {
      const preset = departmentPresets[slug];
      await db.department.create({
        data: {
          institutionId: created.id,
          slug,
          specialty: preset.specialty,
          consultationFeeFen: preset.feeYuan * 100,
          translations: { create: texts(preset.name).map(([locale, name]) => ({ locale, name })) },
          schedules: {
            create: {
              institutionId: created.id,
              rules: {
                create: weekdays.flatMap((weekday) => [
                  {
                    weekday,
                    startMinute: 8 * 60 + 30,
                    endMinute: 11 * 60 + 30,
                    slotMinutes: 30,
                    capacity: 2,
                  },
                  ...(weekday === 6
                    ? []
                    : [
                        {
                          weekday,
                          startMinute: 13 * 60 + 30,
                          endMinute: 16 * 60 + 30,
                          slotMinutes: 30,
                          capacity: 2,
                        },
                      ]),
                ]),
              },
            },
          },
        },
      });
    }

    for (const pkg of inst.packages) {
      const locales = Object.keys(pkg.name);
      await db.tcmPackage.create({
        data: {
          slug: pkg.slug,
          institutionId: created.id,
          conditions: pkg.conditions,
          therapies: pkg.therapies,
          sessions: pkg.sessions,
          durationDays: pkg.durationDays,
          priceFen: pkg.priceYuan * 100,
          isDemo: true,
          translations: {
            create: locales.map((locale) => {
              const k = locale as keyof typeof pkg.name;
              return {
                locale,
                name: pkg.name[k]!,
                description: pkg.description[k] ?? pkg.description.en,
                treatmentPlan: pkg.treatmentPlan[k] ?? pkg.treatmentPlan.en,
                expectedOutcome: pkg.expectedOutcome[k] ?? pkg.expectedOutcome.en,
                contraindications: pkg.contraindications[k] ?? pkg.contraindications.en,
              };
            }),
          },
          schedules: {
            create: {
              institutionId: created.id,
              rules: {
                create: [1, 2, 3, 4, 5, 6].flatMap((weekday) => [
                  { weekday, startMinute: 9 * 60, endMinute: 11 * 60, slotMinutes: 60, capacity: 1 },
                  { weekday, startMinute: 14 * 60, endMinute: 16 * 60, slotMinutes: 60, capacity: 1 },
                ]),
              },
            },
          },
        },
      });
      packages++;
    }
  }

  // Rule 3: the national default of 10% and a declared volume for the months the slots cover,
  // except at the institutions seeded as just onboarded (they start with nothing published).
  await db.quotaRule.create({
    data: { scope: "NATIONAL", capPercent: 10, effectiveFrom: new Date(Date.UTC(2020, 0, 1)) },
  });
  const months = monthsFrom(now, 4).map(monthDbDate);
  const live = demoInstitutions.filter((inst) => !DEMO_ONBOARDING.includes(inst.slug));
  await db.quotaPeriod.createMany({
    data: live
      .filter((inst) => inst.ownership === "PUBLIC")
      .flatMap((inst) =>
        months.map((month) => ({
          institutionId: institutionIds.get(inst.slug)!,
          month,
          declaredVolume: DEMO_MONTHLY_VOLUME,
          declaredAt: now,
        })),
      ),
  });

  const published = await db.schedule.findMany({
    where: { institutionId: { in: live.map((inst) => institutionIds.get(inst.slug)!) } },
    select: { id: true },
  });
  const slots = await generateSlots(
    db,
    { weeks: DEMO_SLOT_WEEKS, scheduleIds: published.map((s) => s.id) },
    now,
  );

  // Illustrative exchange rates for self-pay estimates, as a system admin would enter them.
  await db.exchangeRate.createMany({
    data: Object.entries(demoExchangeRates).map(([currency, unitsPerCny]) => ({
      currency,
      unitsPerCny,
      effectiveOn: dbDate(calendarDateOf(now)),
      isDemo: true,
    })),
  });

  // The mainland's holiday calendar: every year the installed chinese-days has (the migration has 2025–2026).
  await refreshFromPackage(db);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of demoAccounts) {
    const scope: Pick<Prisma.RoleAssignmentUncheckedCreateWithoutUserInput, "institutionId" | "cityId"> =
      "institution" in account
        ? { institutionId: institutionIds.get(account.institution)! }
        : "city" in account
          ? { cityId: cityIds.get(account.city)! }
          : {};
    const id = crypto.randomUUID();
    await db.user.create({
      data: {
        id,
        email: account.email,
        name: account.name,
        locale: account.locale,
        emailVerified: true,
        isDemo: true,
        roles: { create: { role: account.role as Role, ...scope } },
        // A better-auth credential account holds the argon2id hash (docs/decisions/0007).
        accounts: { create: { accountId: id, providerId: "credential", password: passwordHash } },
      },
    });
  }

  // The admission standard, as the commission recorded it for the listed demo institutions.
  await db.institutionCriterion.createMany({
    data: demoInstitutions
      .filter((inst) => inst.guideListed)
      .flatMap((inst) =>
        guideCriteria.map((criterion) => ({
          institutionId: institutionIds.get(inst.slug)!,
          criterion,
          met: true,
          evidence: "Demo data: assessed from public reporting",
          checkedAt: now,
        })),
      ),
  });
  await seedDemoGuides(db, cityIds, now);

  return {
    cities: demoCities.length,
    institutions: demoInstitutions.length,
    packages,
    slots: slots.created,
    users: demoAccounts.length,
  };
}

async function seedDemoGuides(db: DbClient, cityIds: Map<string, string>, now: Date) {
  for (const city of demoCities) {
    const cityId = cityIds.get(city.slug)!;
    await db.guide.create({
      data: {
        cityId,
        versions: {
          create: {
            version: 1,
            status: "PUBLISHED",
            publishedAt: now,
            institutionsSnapshot: (await listedSnapshot(db, cityId)) as unknown as Prisma.InputJsonValue,
            sections: {
              create: demoGuideSections(city.name).map((section, position) => ({
                key: section.key,
                position,
                translations: {
                  create: [
                    { locale: "en", ...section.en },
                    { locale: "zh", ...section.zh },
                  ],
                },
              })),
            },
          },
        },
      },
    });
  }
}
