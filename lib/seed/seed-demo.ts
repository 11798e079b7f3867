// Seeds the demo data into an empty database: cities and insurers, then the demo
// catalogue through the catalogue importer (its files are ./demo-catalogue/*.csv),
// then what an import never writes: schedules, slots, quota months, exchange
// rates, accounts and guides. Fast by design (bulk inserts).
import type { DbClient } from "../db/create-client";
import type { Prisma, Role } from "../db/generated/client";
import { generateSlots } from "../booking/generate-slots";
import { hashPassword } from "../auth/password";
import { dbDate, calendarDateOf } from "../time/zone";
import { parseHours } from "../catalogue/hours";
import { importCatalogueFile } from "../catalogue/import/import-catalogue-file";
import {
  DEMO_CATALOGUE_FILES,
  DEMO_MONTHLY_VOLUME,
  DEMO_NOT_GUIDE_LISTED,
  DEMO_ONBOARDING,
  DEMO_PASSWORD,
  demoAccounts,
  demoCatalogueFile,
  demoCities,
  demoExchangeRates,
  demoInsurers,
} from "./demo-data";
import { demoGuideSections } from "./demo-guide";
import { guideCriteria } from "../guide/codes";
import { listedSnapshot } from "../guide/get-published-guide";
import { monthDbDate, monthsFrom } from "../quota/month";
import { refreshFromPackage } from "../holidays/package-calendar";

export const DEMO_SLOT_WEEKS = 8;

function texts<T extends Record<string, string | undefined>>(text: T): [string, string][] {
  return Object.entries(text).filter((entry): entry is [string, string] => typeof entry[1] === "string");
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

/**
 * Loads the demo catalogue (institutions, departments, TCM packages, agreements) from its import
 * files through the catalogue importer, as a city admin's upload is loaded, so every fresh start
 * exercises the importer; then sets what the import format has no column for: every row is demo
 * data, and the guide lists the institutions the commission has assessed. Slug → id.
 */
async function importDemoCatalogue(db: DbClient, cityIds: string[], now: Date): Promise<Map<string, string>> {
  for (const fileName of DEMO_CATALOGUE_FILES)
    await importCatalogueFile(
      db,
      { bytes: demoCatalogueFile(fileName), fileName, cityScope: "all", actorId: null },
      now,
    );
  const inDemoCities = { cityId: { in: cityIds } };
  await db.institution.updateMany({ where: inDemoCities, data: { isDemo: true } });
  await db.institution.updateMany({
    where: { ...inDemoCities, slug: { notIn: [...DEMO_NOT_GUIDE_LISTED] } },
    data: { guideListed: true, guideListedAt: now },
  });
  await db.tcmPackage.updateMany({ where: { institution: inDemoCities }, data: { isDemo: true } });
  await db.directBillingAgreement.updateMany({
    where: { institution: inDemoCities },
    data: { isDemo: true },
  });
  const imported = await db.institution.findMany({ where: inDemoCities, select: { id: true, slug: true } });
  return new Map(imported.map((inst) => [inst.slug, inst.id]));
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

  await db.insurer.createMany({ data: demoInsurers.map((insurer) => ({ ...insurer, isDemo: true })) });

  const institutionIds = await importDemoCatalogue(db, [...cityIds.values()], now);
  const catalogue = await db.institution.findMany({
    where: { id: { in: [...institutionIds.values()] } },
    select: {
      id: true,
      slug: true,
      ownership: true,
      intlDeptHours: true,
      departments: { select: { id: true } },
      packages: { select: { id: true } },
    },
  });

  // Each department sees patients in the mornings and afternoons of the days its international
  // department is open (Saturday: mornings only; never Sunday); each package twice a day, Mon-Sat.
  const departmentSchedules = catalogue.flatMap((inst) => {
    const open = new Set(parseHours(inst.intlDeptHours).map((h) => h.weekday));
    const weekdays = [1, 2, 3, 4, 5, 6].filter((weekday) => open.has(weekday));
    return inst.departments.map((d) => ({ institutionId: inst.id, departmentId: d.id, weekdays }));
  });
  const packageSchedules = catalogue.flatMap((inst) =>
    inst.packages.map((p) => ({ institutionId: inst.id, packageId: p.id })),
  );
  const createdDepartmentSchedules = await db.schedule.createManyAndReturn({
    data: departmentSchedules.map(({ institutionId, departmentId }) => ({ institutionId, departmentId })),
    select: { id: true, departmentId: true },
  });
  const createdPackageSchedules = await db.schedule.createManyAndReturn({
    data: packageSchedules,
    select: { id: true },
  });
  const weekdaysOf = new Map(departmentSchedules.map((s) => [s.departmentId, s.weekdays]));
  await db.scheduleRule.createMany({
    data: [
      ...createdDepartmentSchedules.flatMap((schedule) =>
        weekdaysOf.get(schedule.departmentId!)!.flatMap((weekday) => [
          {
            scheduleId: schedule.id,
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
                  scheduleId: schedule.id,
                  weekday,
                  startMinute: 13 * 60 + 30,
                  endMinute: 16 * 60 + 30,
                  slotMinutes: 30,
                  capacity: 2,
                },
              ]),
        ]),
      ),
      ...createdPackageSchedules.flatMap((schedule) =>
        [1, 2, 3, 4, 5, 6].flatMap((weekday) => [
          {
            scheduleId: schedule.id,
            weekday,
            startMinute: 9 * 60,
            endMinute: 11 * 60,
            slotMinutes: 60,
            capacity: 1,
          },
          {
            scheduleId: schedule.id,
            weekday,
            startMinute: 14 * 60,
            endMinute: 16 * 60,
            slotMinutes: 60,
            capacity: 1,
          },
        ]),
      ),
    ],
  });

  // Rule 3: the national default of 10% and a declared volume for the months the slots cover,
  // except at the institutions seeded as just onboarded (they start with nothing published).
  await db.quotaRule.create({
    data: { scope: "NATIONAL", capPercent: 10, effectiveFrom: new Date(Date.UTC(2020, 0, 1)) },
  });
  const months = monthsFrom(now, 4).map(monthDbDate);
  const live = catalogue.filter((inst) => !DEMO_ONBOARDING.includes(inst.slug));
  await db.quotaPeriod.createMany({
    data: live
      .filter((inst) => inst.ownership === "PUBLIC")
      .flatMap((inst) =>
        months.map((month) => ({
          institutionId: inst.id,
          month,
          declaredVolume: DEMO_MONTHLY_VOLUME,
          declaredAt: now,
        })),
      ),
  });

  const published = await db.schedule.findMany({
    where: { institutionId: { in: live.map((inst) => inst.id) } },
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
    data: catalogue
      .filter((inst) => !DEMO_NOT_GUIDE_LISTED.includes(inst.slug))
      .flatMap((inst) =>
        guideCriteria.map((criterion) => ({
          institutionId: inst.id,
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
    institutions: catalogue.length,
    packages: packageSchedules.length,
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
