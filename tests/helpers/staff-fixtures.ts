// Two institutions with a department, schedule and slots, and one account per
// role (at A and at B), for the staff-console tests.
import { randomUUID } from "node:crypto";
import { loadActor, type Actor } from "../../lib/auth/actor";
import { hashPassword } from "../../lib/auth/password";
import { bookFromBody } from "./book";
import type { DbClient } from "../../lib/db/create-client";
import type { Role } from "../../lib/db/generated/client";

export const PASSWORD = "correct horse battery staple";
const DAY = 86_400_000;
let counter = 0;

export interface Site {
  institutionId: string;
  slug: string;
  departmentId: string;
  scheduleId: string;
  slotIds: string[];
}

async function site(db: DbClient, cityId: string, label: string): Promise<Site> {
  const slug = `staff-${label.toLowerCase()}-${++counter}`;
  const inst = await db.institution.create({
    data: {
      slug,
      cityId,
      nameZh: `测试医院${label}${counter}`,
      addressZh: "测试路 1 号",
      latitude: 39.9,
      longitude: 116.4,
      ownership: "PRIVATE",
      intlDeptPhone: "+86 10 6915 6699",
      translations: {
        create: { locale: "en", name: `Test Hospital ${label}${counter}`, address: "1 Test Road" },
      },
    },
  });
  const dept = await db.department.create({
    data: {
      institutionId: inst.id,
      slug: "general",
      specialty: "general_practice",
      consultationFeeFen: 50_000,
      translations: { create: { locale: "en", name: "General practice" } },
    },
  });
  const schedule = await db.schedule.create({ data: { institutionId: inst.id, departmentId: dept.id } });
  const base = Date.now() + 3 * DAY;
  const slotIds: string[] = [];
  for (let i = 0; i < 4; i++) {
    const slot = await db.slot.create({
      data: {
        institutionId: inst.id,
        scheduleId: schedule.id,
        departmentId: dept.id,
        startsAt: new Date(base + i * DAY),
        endsAt: new Date(base + i * DAY + 30 * 60_000),
        capacity: 50,
      },
    });
    slotIds.push(slot.id);
  }
  return { institutionId: inst.id, slug, departmentId: dept.id, scheduleId: schedule.id, slotIds };
}

export async function createUser(
  db: DbClient,
  role: Role,
  scope: { institutionId?: string; cityId?: string },
  email = `${role.toLowerCase()}-${++counter}@test.example`,
) {
  const id = randomUUID();
  await db.user.create({
    data: {
      id,
      email,
      name: `${role} ${counter}`,
      roles: { create: { role, ...scope } },
      accounts: {
        create: { accountId: id, providerId: "credential", password: await hashPassword(PASSWORD) },
      },
    },
  });
  return { id, email };
}

export interface World {
  cityId: string;
  a: Site;
  b: Site;
  actors: Record<"staffA" | "managerA" | "staffB" | "managerB" | "cityAdmin" | "systemAdmin", Actor>;
  emails: Record<string, string>;
}

export async function createWorld(db: DbClient): Promise<World> {
  const city = await db.city.create({
    data: { slug: `staff-city-${++counter}`, nameZh: "测试市", province: "Beijing" },
  });
  const a = await site(db, city.id, "A");
  const b = await site(db, city.id, "B");
  const users = {
    staffA: await createUser(db, "HOSPITAL_STAFF", { institutionId: a.institutionId }),
    managerA: await createUser(db, "HOSPITAL_MANAGER", { institutionId: a.institutionId }),
    staffB: await createUser(db, "HOSPITAL_STAFF", { institutionId: b.institutionId }),
    managerB: await createUser(db, "HOSPITAL_MANAGER", { institutionId: b.institutionId }),
    cityAdmin: await createUser(db, "CITY_ADMIN", { cityId: city.id }),
    systemAdmin: await createUser(db, "SYSTEM_ADMIN", {}),
  };
  const actors = {} as World["actors"];
  const emails: Record<string, string> = {};
  for (const [key, u] of Object.entries(users)) {
    actors[key as keyof World["actors"]] = (await loadActor(db, u.id))!;
    emails[key] = u.email;
  }
  return { cityId: city.id, a, b, actors, emails };
}

/** A confirmed booking on one of the site's slots. */
export async function book(db: DbClient, site: Site, slotIndex = 0, extra: Record<string, unknown> = {}) {
  return bookFromBody(
    db,
    {
      slotId: site.slotIds[slotIndex],
      locale: "ar",
      name: "Layla Haddad",
      nationality: "JO",
      dateOfBirth: "1985-04-12",
      email: `patient-${++counter}@example.org`,
      phone: "+962 7 9012 3456",
      preferredLanguage: "ar",
      reasonForVisit: "Back pain",
      interpreterWanted: true,
      visaLetterWanted: true,
      passportNumber: "N1234567",
      paymentMethod: "SELF_PAY",
      consentTerms: true,
      consentSensitive: true,
      ...extra,
    },
    { idempotencyKey: randomUUID(), clientKey: `client-${counter}` },
  );
}
