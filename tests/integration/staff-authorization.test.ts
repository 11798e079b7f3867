// Rule 5 for every change the console can make: each command runs as every
// role, at its own and at another institution, and signed out. A server
// action that calls no command, or a command without a row here, fails.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { staffCommands, type StaffCommandName } from "../../app/[locale]/_console/commands";
import { monthKey } from "../../lib/quota/month";
import { guideCriteria, guideSectionKeys } from "../../lib/guide/codes";
import { saveGuideSection } from "../../lib/guide/guide-authoring";
import { confirmation, publishConfirmed } from "../helpers/guide";
import { addDays, beijingMonthOf, calendarDateOf, dbDate, isoDate } from "../../lib/time/zone";
import { testDb } from "../helpers/db";
import { book, createWorld, type World } from "../helpers/staff-fixtures";

type Who = "signedOut" | keyof World["actors"];
type Outcome = "ok" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT";
const WHO: Who[] = ["signedOut", "staffA", "managerA", "staffB", "managerB", "cityAdmin", "systemAdmin"];

/** What each role gets, acting on institution A's records (B's staff act in B, so A's records are 404). */
const rowFor = (
  hospital: Outcome,
  manager: Outcome,
  other: Outcome,
  otherManager: Outcome,
): Record<Who, Outcome> => ({
  signedOut: "UNAUTHENTICATED",
  staffA: hospital,
  managerA: manager,
  staffB: other,
  managerB: otherManager,
  cityAdmin: "FORBIDDEN",
  systemAdmin: "FORBIDDEN",
});
const onA = rowFor("ok", "ok", "NOT_FOUND", "NOT_FOUND");
const adminOnly: Record<Who, Outcome> = {
  ...rowFor("FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN"),
  cityAdmin: "ok",
  systemAdmin: "ok",
};

export const expectations: Record<StaffCommandName, Record<Who, Outcome>> = {
  changeBookingStatus: onA,
  acknowledgeInterpreter: onA,
  issueVisaLetter: onA,
  decideGuarantee: onA,
  // The service is looked up in the actor's own institution: B's staff create B's schedule.
  createSchedule: rowFor("ok", "ok", "ok", "ok"),
  addScheduleRule: onA,
  removeScheduleRule: onA,
  addScheduleClosure: onA,
  removeScheduleClosure: onA,
  publishSchedule: onA,
  inviteStaff: rowFor("FORBIDDEN", "ok", "FORBIDDEN", "ok"),
  // Each manager declares their own institution's volume.
  declareVolume: rowFor("FORBIDDEN", "ok", "FORBIDDEN", "ok"),
  // Each manager registers their own institution's systems; B's manager cannot touch A's client.
  createIntegrationClient: rowFor("FORBIDDEN", "ok", "FORBIDDEN", "ok"),
  rotateIntegrationSecret: rowFor("FORBIDDEN", "ok", "FORBIDDEN", "NOT_FOUND"),
  revokeIntegrationClient: rowFor("FORBIDDEN", "ok", "FORBIDDEN", "NOT_FOUND"),
  // The health commission's commands: city admin (of A's city) and system admin only.
  setQuotaRule: { ...adminOnly },
  endQuotaRule: { ...adminOnly },
  verifyVolume: { ...adminOnly },
  // Exchange rates are national: the system admin's alone.
  setExchangeRate: { ...adminOnly, cityAdmin: "FORBIDDEN" },
  // So is the holiday calendar.
  importHolidayYear: { ...adminOnly, cityAdmin: "FORBIDDEN" },
  // The admission standard and the guide of A's city.
  createInstitution: { ...adminOnly },
  updateInstitution: { ...adminOnly },
  saveInstitutionTranslation: { ...adminOnly },
  // A's first manager exists already (the fixture): the first invitation is refused as a conflict.
  inviteFirstManager: { ...adminOnly, cityAdmin: "CONFLICT", systemAdmin: "CONFLICT" },
  setInstitutionHours: { ...adminOnly },
  addDepartment: { ...adminOnly },
  updateDepartment: { ...adminOnly },
  removeDepartment: { ...adminOnly },
  retireDepartment: { ...adminOnly },
  changeInstitutionSlug: { ...adminOnly },
  createPackage: { ...adminOnly },
  updatePackage: { ...adminOnly },
  savePackageTranslation: { ...adminOnly },
  retirePackage: { ...adminOnly },
  recordCriteria: { ...adminOnly },
  setListing: { ...adminOnly },
  saveGuideSection: { ...adminOnly },
  publishGuide: { ...adminOnly },
  republishVersion: { ...adminOnly },
  signOutEverywhere: { ...rowFor("ok", "ok", "ok", "ok"), cityAdmin: "ok", systemAdmin: "ok" },
};

let world: World;
let n = 0;
beforeAll(async () => {
  world = await createWorld(testDb());
});

/** A fresh, valid input for the command on institution A's records. */
async function inputFor(name: StaffCommandName): Promise<unknown> {
  const db = testDb();
  const a = world.a;
  const today = isoDate(calendarDateOf(new Date()));
  switch (name) {
    case "changeBookingStatus":
      // A change the time allows whenever the test runs (check-in waits for the visit's day, rule 10).
      return {
        reference: (await book(db, a, n++ % 4)).reference,
        version: 0,
        transition: "cancel",
        reason: "Doctor unavailable",
      };
    case "acknowledgeInterpreter":
      return { reference: (await book(db, a, n++ % 4)).reference, version: 0 };
    case "issueVisaLetter":
      return { reference: (await book(db, a, n++ % 4)).reference, stayFrom: today, stayTo: today };
    case "decideGuarantee": {
      const insurer = await db.insurer.upsert({
        where: { slug: "authz-insurer" },
        create: { slug: "authz-insurer", name: "Authz Insurer" },
        update: {},
      });
      if (
        !(await db.directBillingAgreement.findFirst({
          where: { institutionId: a.institutionId, insurerId: insurer.id },
        }))
      )
        await db.directBillingAgreement.create({
          data: {
            institutionId: a.institutionId,
            insurerId: insurer.id,
            scope: "OUTPATIENT",
            preauthRequired: true,
            preauthLeadDays: 0,
            validFrom: new Date("2020-01-01"),
          },
        });
      const booked = await book(db, a, n++ % 4, {
        paymentMethod: "DIRECT_BILLING",
        insurer: insurer.slug,
        policyNumber: "AUTHZ-0001",
        memberName: "Layla Haddad",
      });
      return { reference: booked.reference, version: 0, decision: "approve" };
    }
    case "createInstitution":
    case "updateInstitution": {
      const city = await db.city.findUniqueOrThrow({ where: { id: world.cityId } });
      const details = {
        nameZh: "授权医院",
        addressZh: "授权路 1 号",
        ownership: "PUBLIC",
        grade: "TERTIARY_A",
        phone: "+86 10 6915 6699",
        latitude: "39.9",
        longitude: "116.4",
        lang_en: "on",
      };
      return name === "createInstitution"
        ? {
            city: city.slug,
            slug: `authz-new-${n++}`,
            nameEn: "Authz Hospital",
            addressEn: "1 Authz Road",
            ...details,
          }
        : { institution: a.slug, ...details };
    }
    case "saveInstitutionTranslation":
      return { institution: a.slug, language: "fr", name: `Hôpital A ${n++}` };
    case "inviteFirstManager":
      return {
        institution: a.slug,
        email: `first-${n++}@test.example`,
        name: "First Manager",
        language: "zh",
      };
    case "setInstitutionHours":
      return { institution: a.slug, open_1: "08:00", close_1: "17:00" };
    case "addDepartment": {
      const specialty = [
        "cardiology",
        "dermatology",
        "pediatrics",
        "neurology",
        "orthopedics",
        "oncology",
        "dentistry",
      ][n++ % 7]!;
      await db.department.deleteMany({ where: { institutionId: a.institutionId, slug: specialty } });
      return { institution: a.slug, specialty, fee: 500, nameEn: "Dept", nameZh: "科" };
    }
    case "updateDepartment":
      return {
        institution: a.slug,
        department: "general",
        fee: 500 + n++,
        name_en: "General practice",
        name_zh: "全科",
        name_ar: "طب عام",
      };
    case "removeDepartment":
    case "retireDepartment": {
      // A department of its own, so A's "general" stays bookable for the other commands.
      const slug = `authz-dept-${n++}`;
      await db.department.create({
        data: { institutionId: a.institutionId, slug, specialty: "dermatology", consultationFeeFen: 30_000 },
      });
      return name === "removeDepartment"
        ? { institution: a.slug, department: slug }
        : { institution: a.slug, department: slug, retired: "yes" };
    }
    case "changeInstitutionSlug":
      // Its own slug: authorized, changes nothing (A's slug is every other command's).
      return { institution: a.slug, slug: a.slug };
    case "createPackage":
    case "updatePackage":
    case "savePackageTranslation":
    case "retirePackage": {
      const slug = `authz-package-${n++}`;
      const texts = {
        name: "Package",
        description: "Description",
        treatmentPlan: "Plan",
        expectedOutcome: "Outcome",
        contraindications: "None",
      };
      if (name !== "createPackage")
        await db.tcmPackage.create({
          data: {
            slug,
            institutionId: a.institutionId,
            conditions: ["insomnia"],
            therapies: ["acupuncture"],
            sessions: 3,
            durationDays: 3,
            priceFen: 100_000,
            translations: { create: { locale: "en", ...texts } },
          },
        });
      if (name === "savePackageTranslation")
        return { institution: a.slug, package: slug, language: "fr", ...texts };
      if (name === "retirePackage") return { institution: a.slug, package: slug, retired: "yes" };
      return {
        institution: a.slug,
        package: slug,
        cond_insomnia: "on",
        ther_acupuncture: "on",
        sessions: "3",
        durationDays: "3",
        price: "1000",
        ...Object.fromEntries(Object.entries(texts).map(([k, v]) => [`${k}_en`, v])),
      };
    }
    case "recordCriteria":
      return Object.fromEntries([["institution", a.slug], ...guideCriteria.map((c) => [`met_${c}`, "on"])]);
    case "setListing":
      return { institution: a.slug, decision: n++ % 2 ? "list" : "delist" };
    case "saveGuideSection":
    case "publishGuide":
    case "republishVersion": {
      const city = await db.city.findUniqueOrThrow({ where: { id: world.cityId } });
      if (name === "saveGuideSection")
        return {
          city: city.slug,
          section: "EMERGENCIES",
          language: "en",
          title: `Emergencies ${n++}`,
          body: "Call 120.",
        };
      // A complete draft to publish, and an archived version to publish again.
      for (const key of guideSectionKeys)
        for (const language of ["en", "zh"] as const)
          await saveGuideSection(db, world.actors.systemAdmin, {
            city: city.slug,
            section: key,
            language,
            title: key,
            body: ".",
          });
      if (name === "publishGuide") return confirmation(db, world.actors.systemAdmin, city.slug);
      await publishConfirmed(db, world.actors.systemAdmin, city.slug);
      for (const key of guideSectionKeys)
        await saveGuideSection(db, world.actors.systemAdmin, {
          city: city.slug,
          section: key,
          language: "en",
          title: `${key} again`,
          body: ".",
        });
      await publishConfirmed(db, world.actors.systemAdmin, city.slug);
      const archived = await db.guideVersion.findFirstOrThrow({
        where: { guide: { cityId: city.id }, status: "ARCHIVED" },
      });
      const latest = await db.guideVersion.aggregate({
        where: { guide: { cityId: city.id } },
        _max: { version: true },
      });
      return { city: city.slug, version: archived.version, next: latest._max.version! + 1 };
    }
    case "importHolidayYear":
      return {
        arrangement: JSON.stringify({
          year: 2090,
          days: [{ name: "国庆节", date: "2090-10-02", isOffDay: true }],
        }),
        save: "on",
      };
    case "setExchangeRate":
      return {
        currency: "USD",
        unitsPerCny: 0.14,
        effectiveOn: isoDate(addDays(calendarDateOf(new Date()), n++)),
      };
    case "createSchedule":
      return { service: "d:general" };
    case "addScheduleRule":
      return {
        scheduleId: a.scheduleId,
        weekday: n++ % 7,
        start: `0${n % 10}:00`.slice(-5),
        end: `0${n % 10}:30`.slice(-5),
        slotMinutes: 30,
        capacity: 1,
      };
    case "removeScheduleRule": {
      const rule = await db.scheduleRule.create({
        data: {
          scheduleId: a.scheduleId,
          weekday: 0,
          startMinute: 1380 - n,
          endMinute: 1381 - n + 5,
          slotMinutes: 5,
          capacity: 1,
        },
      });
      n += 10;
      return { scheduleId: a.scheduleId, ruleId: rule.id };
    }
    case "addScheduleClosure":
      return { scheduleId: a.scheduleId, startsOn: "2031-01-01", endsOn: "2031-01-02" };
    case "removeScheduleClosure": {
      const closure = await db.scheduleClosure.create({
        data: { scheduleId: a.scheduleId, startsOn: new Date("2031-02-01"), endsOn: new Date("2031-02-01") },
      });
      return { scheduleId: a.scheduleId, closureId: closure.id };
    }
    case "publishSchedule":
      return { scheduleId: a.scheduleId, weeks: 2 };
    case "inviteStaff":
      return {
        email: `authz-${n++}-${Date.now()}@test.example`,
        name: "Invitee",
        role: "HOSPITAL_STAFF",
        language: "en",
      };
    case "declareVolume":
      return { month: monthKey(beijingMonthOf(new Date())), volume: 1000 + n++ };
    case "setQuotaRule": {
      const city = await db.city.findUniqueOrThrow({ where: { id: world.cityId } });
      // Each rule starts a day after the last one (which then ends the day before).
      return {
        scope: "CITY",
        city: city.slug,
        percent: 9,
        effectiveFrom: isoDate(addDays(calendarDateOf(new Date()), 400 + n++)),
      };
    }
    case "endQuotaRule": {
      const start = addDays(calendarDateOf(new Date()), 2000 + 3 * n++);
      const rule = await db.quotaRule.create({
        data: {
          scope: "INSTITUTION",
          institutionId: a.institutionId,
          capPercent: 5,
          effectiveFrom: dbDate(start),
          effectiveTo: dbDate(start),
        },
      });
      return { ruleId: rule.id };
    }
    case "verifyVolume": {
      const month = { year: 2031, month: 1 + (n++ % 12), day: 1 };
      await db.quotaPeriod.upsert({
        where: { institutionId_month: { institutionId: a.institutionId, month: dbDate(month) } },
        create: { institutionId: a.institutionId, month: dbDate(month), declaredVolume: 100 },
        update: {},
      });
      return { institution: a.slug, month: monthKey(month), action: n % 2 ? "lock" : "unlock" };
    }
    case "createIntegrationClient":
      return { name: `Authz HIS ${n++}`, "scope-slots:write": "on" };
    case "rotateIntegrationSecret":
    case "revokeIntegrationClient": {
      const client = await db.integrationClient.create({
        data: {
          institutionId: a.institutionId,
          name: `Authz HIS ${n}`,
          clientId: `ipp_authz${String(n++).padStart(17, "0")}`,
          secretHash: "0".repeat(64),
          scopes: ["slots:write"],
        },
      });
      return { client: client.id };
    }
    case "signOutEverywhere":
      return {};
  }
}

async function outcome(name: StaffCommandName, actor: Actor | null): Promise<string> {
  const command = staffCommands[name] as (
    db: ReturnType<typeof testDb>,
    a: Actor | null,
    i: unknown,
  ) => Promise<unknown>;
  try {
    await command(testDb(), actor, await inputFor(name));
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe("authorization of every console command", () => {
  for (const name of Object.keys(staffCommands) as StaffCommandName[]) {
    it(`${name}: each role gets what rule 5 says`, async () => {
      const got: Record<string, string> = {};
      for (const who of WHO) got[who] = await outcome(name, who === "signedOut" ? null : world.actors[who]);
      expect(got).toEqual(expectations[name]);
    });
  }

  // Authorization comes before the form is read: a role without the permission learns nothing
  // about what a valid form would be, and a signed-out form leads to the sign-in page.
  for (const name of Object.keys(staffCommands) as StaffCommandName[]) {
    it(`${name}: a garbage form from a role without the permission is refused as such`, async () => {
      const command = staffCommands[name] as (
        db: ReturnType<typeof testDb>,
        a: Actor | null,
        i: unknown,
      ) => Promise<unknown>;
      const refused = WHO.filter((who) => ["UNAUTHENTICATED", "FORBIDDEN"].includes(expectations[name][who]));
      for (const who of refused) {
        const actor = who === "signedOut" ? null : world.actors[who];
        const code = await command(testDb(), actor, { version: "x", unexpected: "\u0000" }).then(
          () => "ok",
          (error: unknown) => (error as { code?: string }).code ?? String(error),
        );
        expect(code, who).toBe(expectations[name][who]);
      }
    });
  }

  it("every command has a row, and every server action of the console calls exactly one command", () => {
    expect(Object.keys(expectations).sort()).toEqual(Object.keys(staffCommands).sort());
    const source = ["app/[locale]/staff/actions.ts", "app/[locale]/admin/actions.ts"]
      .map((file) => readFileSync(file, "utf8"))
      .join("\n");
    const exported = [...source.matchAll(/export (?:async function|const) (\w+)/g)].map((m) => m[1]!);
    // Signing in and out and the password links act before there is an actor: they are public by design.
    const publicActions = [
      "signInAction",
      "signOutAction",
      "requestPasswordResetAction",
      "setPasswordAction",
    ];
    expect(exported.length).toBeGreaterThan(publicActions.length);
    for (const action of exported.filter((a) => !publicActions.includes(a))) {
      const body = source.slice(
        source.indexOf(`${action}`),
        source.indexOf("export", source.indexOf(`${action}`) + 1),
      );
      const calls = [...body.matchAll(/staffCommands\.(\w+)/g)].map((m) => m[1]);
      expect(calls, `${action} must call exactly one command`).toHaveLength(1);
      expect(Object.keys(staffCommands), `${action} calls an unknown command`).toContain(calls[0]);
    }
  });
});
