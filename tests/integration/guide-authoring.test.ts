// Issue 8 on the real database: guide versioning and immutability, the
// institution list captured at publication, the listing decision trail, and
// per-city scoping of the commission's work.
import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "../../lib/auth/actor";
import type { AppError } from "../../lib/errors";
import { localizeError } from "../../lib/http/errors";
import { staffCommands } from "../../app/[locale]/_console/commands";
import { guideCriteria, guideSectionKeys } from "../../lib/guide/codes";
import { getPublishedGuide } from "../../lib/guide/get-published-guide";
import {
  getGuideWorkspace,
  previewGuide,
  publishGuide,
  republishVersion,
  saveGuideSection as saveSectionAt,
} from "../../lib/guide/guide-authoring";
import { getSectionEditor } from "../../lib/guide/get-section-editor";
import { reviewPublication } from "../../lib/guide/review-publication";
import type { Locale } from "../../lib/i18n/locales";
import { testDb } from "../helpers/db";
import { confirmation, publishConfirmed } from "../helpers/guide";
import { createUser } from "../helpers/staff-fixtures";

let n = 0;
let admin: Actor;
let otherAdmin: Actor;
let city: { id: string; slug: string };

async function institution(slug: string) {
  return testDb().institution.create({
    data: {
      slug,
      cityId: city.id,
      nameZh: `${slug}医院`,
      addressZh: "某路 1 号",
      latitude: 30,
      longitude: 120,
      ownership: "PUBLIC",
      intlDeptPhone: "+86 10 0000 0000",
      translations: { create: { locale: "en", name: `${slug} Hospital`, address: "1 Road" } },
    },
  });
}
// The checklist, the listing and the section editor as the console's forms send them (met_<criterion> = "on",
// an empty body left out).
const { recordCriteria, setListing, saveGuideSection } = staffCommands;
const allCriteria = (slug: string) =>
  Object.fromEntries([
    ["institution", slug],
    ...guideCriteria.map((c) => [`met_${c}`, "on"]),
    ["evidence_INTERPRETER_ACCESS", "Visited on 3 March"],
  ]);
async function writeAll(title = (key: string, language: string) => `${key} ${language}`) {
  for (const key of guideSectionKeys)
    for (const language of ["en", "zh"])
      await saveGuideSection(testDb(), admin, {
        city: city.slug,
        section: key,
        language,
        title: title(key, language),
        body: `Text of ${key}`,
      });
}
const fields = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as AppError).fields;
const code = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as AppError).code;

beforeAll(async () => {
  const db = testDb();
  city = await db.city.create({ data: { slug: "authoring-city", nameZh: "编写市", province: "Test" } });
  const other = await db.city.create({ data: { slug: "authoring-other", nameZh: "另市", province: "Test" } });
  admin = (await loadActor(db, (await createUser(db, "CITY_ADMIN", { cityId: city.id })).id))!;
  otherAdmin = (await loadActor(db, (await createUser(db, "CITY_ADMIN", { cityId: other.id })).id))!;
});

describe("the admission standard and listing", () => {
  it("lists only an institution meeting every criterion, and keeps who decided when", async () => {
    const inst = await institution(`std-${++n}`);
    await recordCriteria(testDb(), admin, { institution: inst.slug, met_APPOINTMENT_BOOKING: "on" });
    expect(await code(setListing(testDb(), admin, { institution: inst.slug, decision: "list" }))).toBe(
      "STANDARD_NOT_MET",
    );
    await recordCriteria(testDb(), admin, allCriteria(inst.slug));
    await setListing(testDb(), admin, { institution: inst.slug, decision: "list" });
    const listed = await testDb().institution.findUniqueOrThrow({ where: { id: inst.id } });
    expect(listed).toMatchObject({ guideListed: true, guideListedById: admin.userId });
    const evidence = await testDb().institutionCriterion.findUniqueOrThrow({
      where: { institutionId_criterion: { institutionId: inst.id, criterion: "INTERPRETER_ACCESS" } },
    });
    expect(evidence).toMatchObject({ met: true, evidence: "Visited on 3 March", checkedById: admin.userId });
    // Unticking a criterion takes a listed institution out of the guide's next version.
    await recordCriteria(testDb(), admin, { institution: inst.slug });
    expect((await testDb().institution.findUniqueOrThrow({ where: { id: inst.id } })).guideListed).toBe(
      false,
    );
    const trail = await testDb().auditEvent.findMany({
      where: { institutionId: inst.id },
      orderBy: { createdAt: "asc" },
      select: { action: true, actorId: true },
    });
    expect(trail.map((e) => e.action)).toEqual([
      "guide.criteria",
      "guide.criteria",
      "guide.list",
      "guide.criteria",
    ]);
    expect(trail.every((e) => e.actorId === admin.userId)).toBe(true);
  });

  it("another city's admin gets 403 on the standard, the listing and the guide", async () => {
    const inst = await institution(`scope-${++n}`);
    expect(await code(recordCriteria(testDb(), otherAdmin, allCriteria(inst.slug)))).toBe("FORBIDDEN");
    expect(await code(setListing(testDb(), otherAdmin, { institution: inst.slug, decision: "list" }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await code(
        saveGuideSection(testDb(), otherAdmin, {
          city: city.slug,
          section: "TCM",
          language: "en",
          title: "x",
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await code(
        publishGuide(testDb(), otherAdmin, { city: city.slug, version: 1, revision: "0".repeat(64) }),
      ),
    ).toBe("FORBIDDEN");
    expect(await code(getGuideWorkspace(testDb(), otherAdmin, city.slug, "en"))).toBe("FORBIDDEN");
  });
});

describe("guide versions", () => {
  it("publishes only with every section in English and Chinese; a published version never changes; drafts stay private", async () => {
    await saveGuideSection(testDb(), admin, {
      city: city.slug,
      section: "EMERGENCIES",
      language: "en",
      title: "Emergencies",
    });
    const refused = (await publishConfirmed(testDb(), admin, city.slug).catch((e: unknown) => e)) as AppError;
    expect(refused.code).toBe("GUIDE_INCOMPLETE");
    expect(String(refused.values?.missing)).toContain("EMERGENCIES:zh");
    expect(refused.values?.count).toBe(17); // 9 sections x 2 languages, less the English one written
    expect((await localizeError(refused, "zh")).message).toContain("缺少 17 项必填文本");
    expect(
      await fields(
        saveGuideSection(testDb(), admin, { city: city.slug, section: "TCM", language: "en", title: "   " }),
      ),
    ).toEqual({
      title: "required",
    });

    const listed = await institution(`listed-${++n}`);
    await recordCriteria(testDb(), admin, allCriteria(listed.slug));
    await setListing(testDb(), admin, { institution: listed.slug, decision: "list" });
    await writeAll();
    await saveGuideSection(testDb(), admin, {
      city: city.slug,
      section: "PRIVACY",
      language: "en",
      title: "Your privacy",
      body: "<script>alert('x')</script> is kept as text.",
    });
    const first = await publishConfirmed(testDb(), admin, city.slug);
    expect(first).toEqual({ version: 1, institutions: 1 });
    const v1 = await getPublishedGuide(testDb(), city.slug, "en");
    expect(v1.institutions.map((i) => i.slug)).toEqual([listed.slug]);
    expect(v1.sections.find((s) => s.key === "PRIVACY")!.body).toContain("<script>");

    // A draft edit after publishing: readers still see version 1, unchanged; the preview shows the draft.
    await saveGuideSection(testDb(), admin, {
      city: city.slug,
      section: "EMERGENCIES",
      language: "en",
      title: "Emergencies (draft)",
    });
    const later = await institution(`later-${++n}`);
    await recordCriteria(testDb(), admin, allCriteria(later.slug));
    await setListing(testDb(), admin, { institution: later.slug, decision: "list" });
    expect(await getPublishedGuide(testDb(), city.slug, "en")).toEqual(v1);
    const preview = await previewGuide(testDb(), admin, { city: city.slug, language: "en" });
    expect(preview.sections[0]!.title).toBe("Emergencies (draft)");
    expect(preview.institutions.map((i) => i.slug).sort()).toEqual([later.slug, listed.slug].sort());

    // Publishing captures the list as it is then, and archives version 1.
    expect(await publishConfirmed(testDb(), admin, city.slug)).toEqual({ version: 2, institutions: 2 });
    const v2 = await getPublishedGuide(testDb(), city.slug, "en");
    expect(v2.sections[0]!.title).toBe("Emergencies (draft)");
    const versions = await testDb().guideVersion.findMany({
      where: { guide: { cityId: city.id } },
      orderBy: { version: "asc" },
    });
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, "ARCHIVED"],
      [2, "PUBLISHED"],
    ]);
    // Version 1's text is untouched by everything since.
    const archived = await testDb().guideSectionTranslation.findFirstOrThrow({
      where: {
        locale: "en",
        section: { key: "EMERGENCIES", version: { version: 1, guide: { cityId: city.id } } },
      },
    });
    expect(archived.title).toBe("EMERGENCIES en");

    // An older version published again becomes version 3, with its own text and today's institution list,
    // once confirmed: the confirmation page says which number it becomes, and what changes against version 2.
    const again = await reviewPublication(testDb(), admin, { city: city.slug, from: 1 }, "en");
    expect(again).toMatchObject({ from: 1, version: 3, published: { version: 2 }, missingRequired: [] });
    expect(again.changes).toEqual([{ key: "EMERGENCIES", locales: ["en"] }]);
    expect(await code(reviewPublication(testDb(), admin, { city: city.slug, from: 2 }, "en"))).toBe(
      "NOT_FOUND",
    ); // version 2 is the one in force, not archived
    expect(
      await fields(staffCommands.republishVersion(testDb(), admin, { city: city.slug, version: "1" })),
    ).toEqual({ next: "required" });
    expect(await code(republishVersion(testDb(), admin, { city: city.slug, version: 1, next: 4 }))).toBe(
      "CONFLICT",
    );
    expect(await republishVersion(testDb(), admin, { city: city.slug, version: 1, next: 3 })).toEqual({
      version: 3,
      from: 1,
    });
    const v3 = await getPublishedGuide(testDb(), city.slug, "en");
    expect(v3.version).toBe(3);
    expect(v3.sections[0]!.title).toBe("EMERGENCIES en");
    expect(v3.institutions).toHaveLength(2);
    expect(await fields(republishVersion(testDb(), admin, { city: city.slug, version: 3, next: 4 }))).toEqual(
      {
        version: "invalid",
      },
    );
    const workspace = await getGuideWorkspace(testDb(), admin, city.slug, "en");
    expect(workspace.versions.map((v) => [v.version, v.status])).toEqual([
      [3, "PUBLISHED"],
      [2, "ARCHIVED"],
      [1, "ARCHIVED"],
    ]);
    expect(workspace.hasDraft).toBe(false);
    const published = await testDb().auditEvent.count({
      where: { cityId: city.id, action: { in: ["guide.publish", "guide.republish"] } },
    });
    expect(published).toBe(3);
  });
});

describe("issue 16: translating beside the source, previewing any language, confirming publication", () => {
  let c: { id: string; slug: string };
  let cityAdmin: Actor;
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 4, minute));
  const save = (section: "TCM" | "VISAS", language: Locale, title: string, minute: number) =>
    saveSectionAt(
      testDb(),
      cityAdmin,
      { city: c.slug, section, language, title, body: `${title}.` },
      at(minute),
    );
  const editor = (language: Locale, source?: "en" | "zh", section: "TCM" | "VISAS" = "TCM") =>
    getSectionEditor(testDb(), cityAdmin, { city: c.slug, section, language, source });

  beforeAll(async () => {
    const db = testDb();
    c = await db.city.create({ data: { slug: "translation-city", nameZh: "翻译市", province: "Test" } });
    cityAdmin = (await loadActor(db, (await createUser(db, "CITY_ADMIN", { cityId: c.id })).id))!;
  });

  it("shows the source beside a translation and marks a source saved after the translation, from the database", async () => {
    // Written first in Chinese, then English, then translated into Arabic.
    await save("TCM", "zh", "中医", 0);
    await save("TCM", "en", "Traditional Chinese medicine", 1);
    await save("TCM", "ar", "الطب الصيني التقليدي", 2);
    const ar = await editor("ar");
    expect(ar).toMatchObject({
      title: "الطب الصيني التقليدي",
      updatedAt: at(2),
      sourceChoices: ["en", "zh"],
    });
    // The default source is the language the section was written in first.
    expect(ar.source).toEqual({
      language: "zh",
      text: { title: "中医", body: "中医.", updatedAt: at(0) },
    });
    expect(ar.sourceUpdatedSince).toBe(false);
    expect((await editor("ar", "en")).source.text?.title).toBe("Traditional Chinese medicine");
    // Editing English or Chinese, the source is the other one.
    expect((await editor("en")).sourceChoices).toEqual(["zh"]);
    expect((await editor("zh", "zh")).source.language).toBe("en");

    // English changes after the Arabic was saved: flagged against English, not against unchanged Chinese.
    await save("TCM", "en", "Traditional Chinese medicine (TCM)", 3);
    expect((await editor("ar", "en")).sourceUpdatedSince).toBe(true);
    expect((await editor("ar", "zh")).sourceUpdatedSince).toBe(false);
    // Saving the translation again is the translator's word that it is current.
    await save("TCM", "ar", "الطب الصيني التقليدي (TCM)", 4);
    expect((await editor("ar", "en")).sourceUpdatedSince).toBe(false);
    // Nothing to compare: a translation not written yet, or a source not written yet.
    expect(await editor("fr", "en")).toMatchObject({ title: "", updatedAt: null, sourceUpdatedSince: false });
    const visas = await editor("ar", undefined, "VISAS");
    expect(visas.source).toEqual({ language: "en", text: null });
  });

  it("keeps each text's dates when publishing copies it into a version and a draft is made from it", async () => {
    await save("TCM", "en", "Traditional Chinese medicine (TCM)", 5);
    for (const key of guideSectionKeys)
      for (const language of ["en", "zh"] as const)
        if (key !== "TCM")
          await saveSectionAt(
            testDb(),
            cityAdmin,
            { city: c.slug, section: key, language, title: `${key} ${language}`, body: "." },
            at(6),
          );
    await publishConfirmed(testDb(), cityAdmin, c.slug, at(7));
    // The next edit makes a draft from the published version: the copies keep their dates.
    await save("VISAS", "ar", "التأشيرات", 8);
    const ar = await editor("ar", "en");
    expect(ar).toMatchObject({ updatedAt: at(4), sourceUpdatedSince: true });
    expect(ar.source.text?.updatedAt).toEqual(at(5));
  });

  it("previews the draft in any language, with the fallback notes its readers would see", async () => {
    const arabic = await previewGuide(testDb(), cityAdmin, { city: c.slug, language: "ar" });
    const tcm = arabic.sections.find((s) => s.key === "TCM")!;
    expect(tcm).toMatchObject({ locale: "ar", isFallback: false, title: "الطب الصيني التقليدي (TCM)" });
    const visas = arabic.sections.find((s) => s.key === "VISAS")!;
    expect(visas).toMatchObject({ locale: "ar", isFallback: false, title: "التأشيرات" });
    expect(arabic.sections.filter((s) => s.isFallback).map((s) => s.locale)).toEqual(
      Array(guideSectionKeys.length - 2).fill("en"),
    );
    const japanese = await previewGuide(testDb(), cityAdmin, { city: c.slug, language: "ja" });
    expect(japanese.sections.every((s) => s.isFallback && s.locale === "en")).toBe(true);
    const chinese = await previewGuide(testDb(), cityAdmin, { city: c.slug, language: "zh" });
    expect(chinese.sections.every((s) => !s.isFallback && s.locale === "zh")).toBe(true);
    expect(await code(previewGuide(testDb(), otherAdmin, { city: c.slug, language: "ar" }))).toBe(
      "FORBIDDEN",
    );
  });

  it("says what publishing would publish: the version, complete and incomplete languages, the sections changed", async () => {
    const review = await reviewPublication(testDb(), cityAdmin, { city: c.slug }, "en");
    expect(review.version).toBe(2);
    expect(review.published).toEqual({ version: 1, publishedAt: at(7) });
    expect(review.missingRequired).toEqual([]);
    const missing = Object.fromEntries(review.languages.map((l) => [l.locale, l.missing]));
    expect(missing.en).toEqual([]);
    expect(missing.zh).toEqual([]);
    expect(missing.ar).toEqual(guideSectionKeys.filter((k) => k !== "TCM" && k !== "VISAS"));
    expect(missing.ja).toEqual(guideSectionKeys);
    // Arabic TCM was in version 1; only the Arabic visas section is new since.
    expect(review.changes).toEqual([{ key: "VISAS", locales: ["ar"] }]);
    expect(review.revision).toMatch(/^[0-9a-f]{64}$/);
    expect(await code(reviewPublication(testDb(), otherAdmin, { city: c.slug }, "en"))).toBe("FORBIDDEN");
  });

  it("publishes only with the confirmation of what the confirmation page showed", async () => {
    const published = () =>
      testDb().guideVersion.findFirstOrThrow({
        where: { guide: { cityId: c.id }, status: "PUBLISHED" },
        select: { version: true },
      });
    // The console's form without the confirmation: refused, naming what is missing.
    expect(await fields(staffCommands.publishGuide(testDb(), cityAdmin, { city: c.slug }))).toEqual({
      version: "required",
      revision: "required",
    });
    const confirmed = await confirmation(testDb(), cityAdmin, c.slug);
    // Another edit after the page was shown: what was confirmed is no longer the draft.
    await save("VISAS", "ar", "التأشيرات والإقامة", 9);
    expect(await code(publishGuide(testDb(), cityAdmin, confirmed))).toBe("CONFLICT");
    // A version number that is not the next one.
    const fresh = await confirmation(testDb(), cityAdmin, c.slug);
    expect(await code(publishGuide(testDb(), cityAdmin, { ...fresh, version: 3 }))).toBe("CONFLICT");
    expect((await published()).version).toBe(1);
    expect(await getPublishedGuide(testDb(), c.slug, "ar")).toMatchObject({ version: 1 });
    // Confirmed as it stands, through the form: published.
    expect(
      await staffCommands.publishGuide(testDb(), cityAdmin, {
        city: c.slug,
        version: String(fresh.version),
        revision: fresh.revision,
      }),
    ).toEqual({ version: 2, institutions: 0 });
    expect((await published()).version).toBe(2);
    // The same confirmation a second time (a double submit) publishes nothing more.
    expect(await code(publishGuide(testDb(), cityAdmin, fresh))).toBe("NOT_FOUND");
  });
});
