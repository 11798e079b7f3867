// The consoles' own frame, needs-attention links and the readable audit trail,
// read from the real database: who the console header names, where each open
// request is dealt with, and the audit trail with references instead of ids.
import { beforeAll, describe, expect, it } from "vitest";
import { consoleIdentity } from "../../lib/auth/console-identity";
import { testDb } from "../helpers/db";
import { createWorld, type World } from "../helpers/staff-fixtures";

let world: World;
beforeAll(async () => {
  world = await createWorld(testDb());
  await testDb().cityTranslation.create({ data: { cityId: world.cityId, locale: "en", name: "Test City" } });
});

describe("the console header", () => {
  it("names the staff member, their role and institution in the page's language", async () => {
    const db = testDb();
    const staff = await consoleIdentity(db, world.actors.staffA, "staff", "en");
    expect(staff).toEqual({
      name: world.actors.staffA.name,
      role: "HOSPITAL_STAFF",
      place: expect.stringMatching(/^Test Hospital A\d+$/),
    });
    // No Arabic name: English, then Chinese (the content fallback).
    expect((await consoleIdentity(db, world.actors.managerA, "staff", "ar")).place).toBe(staff.place);
    expect(await consoleIdentity(db, world.actors.managerA, "staff", "en")).toMatchObject({
      role: "HOSPITAL_MANAGER",
    });
  });

  it("names a city admin's city, and no city for the system admin", async () => {
    const db = testDb();
    expect(await consoleIdentity(db, world.actors.cityAdmin, "admin", "en")).toMatchObject({
      role: "CITY_ADMIN",
      place: "Test City",
    });
    expect(await consoleIdentity(db, world.actors.cityAdmin, "admin", "zh")).toMatchObject({
      place: "Test City",
    });
    expect(await consoleIdentity(db, world.actors.systemAdmin, "admin", "en")).toMatchObject({
      role: "SYSTEM_ADMIN",
      place: null,
    });
  });

  it("refuses the other console's users and the signed-out", async () => {
    const db = testDb();
    await expect(consoleIdentity(db, world.actors.cityAdmin, "staff", "en")).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(consoleIdentity(db, world.actors.staffA, "admin", "en")).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(consoleIdentity(db, null, "staff", "en")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
