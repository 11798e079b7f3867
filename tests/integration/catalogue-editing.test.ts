// Editing what could not be edited (issue 19, item 2): an institution's slug
// (old URLs redirect, chained renames, a taken slug refused), TCM packages
// (create, edit, retire: out of search, sitemap, FHIR and booking, bookings
// kept), departments (removed without bookings, retired with them), the
// international department's translated name and accreditations; another
// city's admin gets a 403 and every change is audited.
import { beforeAll, describe, expect, it } from "vitest";
import { renameInstitutionSlug, resolveInstitutionSlug } from "../../lib/catalogue/institution-slug";
import type { AppError } from "../../lib/errors";
import { testDb } from "../helpers/db";
import { createWorld, type World } from "../helpers/staff-fixtures";

let world: World;
const failure = async (p: Promise<unknown>) =>
  (await p.then(() => null).catch((e: unknown) => e)) as AppError;

beforeAll(async () => {
  world = await createWorld(testDb());
});

describe("an institution's slug", () => {
  it("renames with a redirect from every old slug, and an old slug coming back stops redirecting", async () => {
    const db = testDb();
    const { institutionId, slug } = world.a;
    const first = await db.$transaction((tx) => renameInstitutionSlug(tx, institutionId, "renamed-once"));
    expect(first).toEqual({ changed: true, oldSlug: slug, slug: "renamed-once" });
    await db.$transaction((tx) => renameInstitutionSlug(tx, institutionId, "renamed-twice"));
    expect(await resolveInstitutionSlug(db, slug)).toEqual({ slug: "renamed-twice", redirected: true });
    expect(await resolveInstitutionSlug(db, "renamed-once")).toEqual({
      slug: "renamed-twice",
      redirected: true,
    });
    expect(await resolveInstitutionSlug(db, "renamed-twice")).toEqual({
      slug: "renamed-twice",
      redirected: false,
    });
    expect(await resolveInstitutionSlug(db, "never-was")).toBeNull();
    expect(
      await db.$transaction((tx) => renameInstitutionSlug(tx, institutionId, "renamed-twice")),
    ).toMatchObject({
      changed: false,
    });

    await db.$transaction((tx) => renameInstitutionSlug(tx, institutionId, slug));
    expect(await resolveInstitutionSlug(db, slug)).toEqual({ slug, redirected: false });
    expect(await resolveInstitutionSlug(db, "renamed-twice")).toEqual({ slug, redirected: true });
    expect(
      (
        await db.institutionSlugRedirect.findMany({ where: { institutionId }, orderBy: { oldSlug: "asc" } })
      ).map((r) => r.oldSlug),
    ).toEqual(["renamed-once", "renamed-twice"]);
  });

  it("refuses another institution's slug or old slug, changing nothing", async () => {
    const db = testDb();
    const b = world.b;
    for (const taken of [world.a.slug, "renamed-once"]) {
      const e = await failure(db.$transaction((tx) => renameInstitutionSlug(tx, b.institutionId, taken)));
      expect([e.code, e.fields]).toEqual(["VALIDATION_FAILED", { slug: "taken" }]);
    }
    expect((await db.institution.findUniqueOrThrow({ where: { id: b.institutionId } })).slug).toBe(b.slug);
    expect(await db.institutionSlugRedirect.count({ where: { institutionId: b.institutionId } })).toBe(0);
  });
});
