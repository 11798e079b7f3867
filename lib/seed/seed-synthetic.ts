// A synthetic catalogue at a chosen scale, for benchmarks (e.g. 850
// institutions in 57 cities, or 8,500). Deterministic for a given scale.
// Every row is clearly named "Synthetic" and flagged is_demo.
//
// Rows go in as one INSERT … SELECT FROM unnest(arrays) per table and chunk:
// Prisma's createMany spent over ten minutes of client CPU on 85,000
// institutions (a million rows with departments and translations); the same
// rows as parameter arrays take seconds (issue 21's 85,000 scale).
import { randomUUID } from "node:crypto";
import type { DbClient } from "../db/create-client";
import type { HospitalGrade, InstitutionService, Ownership, VisitKind } from "../db/generated/client";
import { departmentPresets, demoInsurers } from "./demo-data";
import { addDays, calendarDateOf, dbDate } from "../time/zone";
import { prng } from "./prng";

const SYNTHETIC_PREFIX = "synthetic-";
/**
 * Kinds of institution a name is made of, as real names are: broad search terms
 * ("医院", "Hospital", "yiyuan") match most of them, "zhongyi" one in six.
 * Chosen by number, not by the random sequence, so every other column of a
 * scale stays as it was.
 */
const NAME_KINDS = [
  { zh: "医院", pinyin: "yi yuan", en: "Hospital" },
  { zh: "人民医院", pinyin: "ren min yi yuan", en: "People's Hospital" },
  { zh: "中医医院", pinyin: "zhong yi yi yuan", en: "Hospital of Traditional Chinese Medicine" },
  { zh: "妇幼保健院", pinyin: "fu you bao jian yuan", en: "Maternal and Child Health Hospital" },
  { zh: "口腔医院", pinyin: "kou qiang yi yuan", en: "Stomatological Hospital" },
  { zh: "国际医疗中心", pinyin: "guo ji yi liao zhong xin", en: "International Medical Center" },
] as const;
const nameKind = (n: number) => NAME_KINDS[n % NAME_KINDS.length]!;
const MAX_CITIES = 57;

/** A Postgres array literal of plain codes ("{zh,en}"): the codes hold no comma, quote or brace. */
const arrayLiteral = (items: readonly string[]) => `{${items.join(",")}}`;

export interface SyntheticSummary {
  cities: number;
  institutions: number;
  departments: number;
  packages: number;
  agreements: number;
}

export async function seedSynthetic(
  db: DbClient,
  scale: number,
  now: Date = new Date(),
): Promise<SyntheticSummary> {
  if (!Number.isInteger(scale) || scale < 1 || scale > 100_000)
    throw new RangeError("scale must be a whole number from 1 to 100000");
  const random = prng(scale);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const some = <T>(items: readonly T[], max: number): T[] =>
    items.filter(() => random() < max / items.length);

  // Replace any earlier synthetic catalogue.
  await db.institution.deleteMany({ where: { slug: { startsWith: SYNTHETIC_PREFIX } } });
  await db.city.deleteMany({ where: { slug: { startsWith: SYNTHETIC_PREFIX } } });

  const insurerIds: string[] = [];
  for (const insurer of demoInsurers) {
    const row = await db.insurer.upsert({
      where: { slug: insurer.slug },
      update: {},
      create: { ...insurer, isDemo: true },
    });
    insurerIds.push(row.id);
  }

  const cityCount = Math.min(MAX_CITIES, Math.max(1, Math.ceil(scale / 15)));
  const cities = Array.from({ length: cityCount }, (_, i) => ({
    id: randomUUID(),
    slug: `${SYNTHETIC_PREFIX}city-${String(i + 1).padStart(2, "0")}`,
    nameZh: `合成城市${i + 1}`,
    province: "Synthetic",
    isDemo: true,
  }));
  await db.city.createMany({ data: cities });
  await db.cityTranslation.createMany({
    data: cities.flatMap((c, i) => [
      { cityId: c.id, locale: "en", name: `Synthetic City ${i + 1}` },
      { cityId: c.id, locale: "zh", name: c.nameZh },
    ]),
  });

  const ownerships: Ownership[] = ["PUBLIC", "PUBLIC", "PUBLIC", "PRIVATE", "FOREIGN_OWNED"];
  const grades: HospitalGrade[] = ["TERTIARY_A", "TERTIARY", "SECONDARY_A", "SECONDARY", "UNGRADED"];
  const languagePool = ["en", "ru", "ja", "ko", "fr", "es", "de", "ar", "id", "th", "vi", "mn", "kk"];
  const servicePool: InstitutionService[] = [
    "INTERPRETER",
    "VISA_SUPPORT_LETTER",
    "PRIVATE_CONSULTATION_ROOM",
    "AIRPORT_PICKUP",
  ];
  const scopes: VisitKind[] = ["OUTPATIENT", "INPATIENT", "TCM_PACKAGE"];
  const presetSlugs = Object.keys(departmentPresets) as (keyof typeof departmentPresets)[];
  const today = calendarDateOf(now);
  // Agreements valid a year either side of today, as calendar dates (no time zone in the cast).
  const validFrom = dbDate(addDays(today, -365)).toISOString().slice(0, 10);
  const validTo = dbDate(addDays(today, 365)).toISOString().slice(0, 10);

  let departments = 0;
  let packages = 0;
  let agreements = 0;
  const chunk = 2000;
  const [caps] = await db.$queryRaw<{ refresh: boolean; superuser: boolean }[]>`
    SELECT to_regproc('institution_search_refresh') IS NOT NULL AS refresh,
      (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`;
  const bulkDocuments = Boolean(caps?.refresh && caps.superuser);
  for (let start = 0; start < scale; start += chunk) {
    const count = Math.min(chunk, scale - start);
    const institutions = Array.from({ length: count }, (_, j) => {
      const n = start + j + 1;
      const city = cities[(n - 1) % cityCount]!;
      return {
        id: randomUUID(),
        slug: `${SYNTHETIC_PREFIX}hospital-${n}`,
        cityId: city.id,
        nameZh: `合成${nameKind(n).zh}${n}号`,
        namePinyin: `he cheng ${nameKind(n).pinyin} ${n} hao`,
        addressZh: `${city.nameZh}健康路${n}号`,
        latitude: 20 + random() * 25,
        longitude: 100 + random() * 25,
        ownership: pick(ownerships),
        grade: pick(grades),
        accreditations: random() < 0.1 ? ["JCI"] : [],
        languages: ["zh", ...some(languagePool, 2.5)],
        services: some(servicePool, 2),
        emergency24h: random() < 0.6,
        intlDeptPhone: `+86 10 ${String(10_000_000 + n).slice(0, 8)}`,
        intlDeptHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: "08:00", close: "17:00" })),
        isDemo: true,
      };
    });
    const col = <K extends keyof (typeof institutions)[number]>(key: K) => institutions.map((i) => i[key]);
    // One transaction per chunk; with the search documents of ADR 0029 present (and a superuser),
    // triggers are off inside it and the chunk's documents are built once at the end, not once
    // per table (8 refreshes of 2,000 institutions per chunk otherwise).
    await db.$transaction(
      async (tx) => {
        if (bulkDocuments) await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
        await tx.$executeRaw`
          INSERT INTO institution (id, slug, city_id, name_zh, name_pinyin, address_zh, latitude, longitude,
            ownership, grade, accreditations, languages, services, emergency_24h, intl_dept_phone,
            intl_dept_hours, is_demo, updated_at)
          SELECT id, slug, city_id, name_zh, name_pinyin, address_zh, lat, lng, own::"Ownership",
            grade::"HospitalGrade", acc::text[], langs::text[], svc::"InstitutionService"[], emergency, phone,
            hours::jsonb, true, now()
          FROM unnest(${col("id")}::text[], ${col("slug")}::text[], ${col("cityId")}::text[],
            ${col("nameZh")}::text[], ${col("namePinyin")}::text[], ${col("addressZh")}::text[],
            ${col("latitude")}::float8[], ${col("longitude")}::float8[], ${col("ownership")}::text[],
            ${col("grade")}::text[], ${col("accreditations").map(arrayLiteral)}::text[],
            ${col("languages").map(arrayLiteral)}::text[], ${col("services").map(arrayLiteral)}::text[],
            ${col("emergency24h")}::bool[], ${col("intlDeptPhone")}::text[],
            ${col("intlDeptHours").map((h) => JSON.stringify(h))}::text[])
            AS t(id, slug, city_id, name_zh, name_pinyin, address_zh, lat, lng, own, grade, acc, langs, svc,
              emergency, phone, hours)`;
        const instTranslations = institutions.flatMap((inst, j) => [
          {
            id: inst.id,
            locale: "en",
            name: `Synthetic ${nameKind(start + j + 1).en} ${start + j + 1}`,
            address: `${start + j + 1} Health Road`,
          },
          { id: inst.id, locale: "zh", name: inst.nameZh, address: inst.addressZh },
        ]);
        await tx.$executeRaw`
          INSERT INTO institution_translation (institution_id, locale, name, address)
          SELECT * FROM unnest(${instTranslations.map((t) => t.id)}::text[], ${instTranslations.map((t) => t.locale)}::text[],
            ${instTranslations.map((t) => t.name)}::text[], ${instTranslations.map((t) => t.address)}::text[])`;

        const deptRows: {
          id: string;
          institutionId: string;
          slug: string;
          specialty: string;
          consultationFeeFen: number;
        }[] = [];
        for (const inst of institutions) {
          for (const slug of new Set([pick(presetSlugs), pick(presetSlugs), pick(presetSlugs)])) {
            deptRows.push({
              id: randomUUID(),
              institutionId: inst.id,
              slug,
              specialty: departmentPresets[slug].specialty,
              consultationFeeFen: departmentPresets[slug].feeYuan * 100,
            });
          }
        }
        await tx.$executeRaw`
          INSERT INTO department (id, institution_id, slug, specialty, consultation_fee_fen, updated_at)
          SELECT *, now() FROM unnest(${deptRows.map((d) => d.id)}::text[], ${deptRows.map((d) => d.institutionId)}::text[],
            ${deptRows.map((d) => d.slug)}::text[], ${deptRows.map((d) => d.specialty)}::text[],
            ${deptRows.map((d) => d.consultationFeeFen)}::int[])`;
        const deptTranslations = deptRows.flatMap((d) => {
          const name = departmentPresets[d.slug as keyof typeof departmentPresets].name;
          return [
            { id: d.id, locale: "en", name: name.en },
            { id: d.id, locale: "zh", name: name.zh },
          ];
        });
        await tx.$executeRaw`
          INSERT INTO department_translation (department_id, locale, name)
          SELECT * FROM unnest(${deptTranslations.map((t) => t.id)}::text[], ${deptTranslations.map((t) => t.locale)}::text[],
            ${deptTranslations.map((t) => t.name)}::text[])`;
        departments += deptRows.length;

        const tcm = institutions.filter(() => random() < 0.3);
        const pkgRows = tcm.map((inst, j) => ({
          id: randomUUID(),
          slug: `${SYNTHETIC_PREFIX}package-${start + j + 1}-${inst.id.slice(0, 8)}`,
          institutionId: inst.id,
          conditions: [pick(["neck_back_pain", "insomnia", "metabolic_syndrome", "wellness"])],
          therapies: some(["acupuncture", "moxibustion", "tuina", "cupping", "herbal_medicine"], 2.5),
          sessions: 5 + Math.floor(random() * 10),
          durationDays: 7 + Math.floor(random() * 21),
          priceFen: (2000 + Math.floor(random() * 8000)) * 100,
          isDemo: true,
        }));
        await tx.$executeRaw`
          INSERT INTO tcm_package (id, slug, institution_id, conditions, therapies, sessions, duration_days,
            price_fen, is_demo, updated_at)
          SELECT id, slug, inst, cond::text[], ther::text[], sessions, days, price, true, now()
          FROM unnest(${pkgRows.map((p) => p.id)}::text[], ${pkgRows.map((p) => p.slug)}::text[],
            ${pkgRows.map((p) => p.institutionId)}::text[], ${pkgRows.map((p) => arrayLiteral(p.conditions))}::text[],
            ${pkgRows.map((p) => arrayLiteral(p.therapies))}::text[], ${pkgRows.map((p) => p.sessions)}::int[],
            ${pkgRows.map((p) => p.durationDays)}::int[], ${pkgRows.map((p) => p.priceFen)}::int[])
            AS t(id, slug, inst, cond, ther, sessions, days, price)`;
        const pkgTranslations = pkgRows.flatMap((p, j) => [
          {
            id: p.id,
            locale: "en",
            name: `Synthetic TCM package ${start + j + 1}`,
            description: "Synthetic benchmark data.",
            treatmentPlan: `${p.sessions} sessions.`,
          },
          {
            id: p.id,
            locale: "zh",
            name: `合成中医药服务包${start + j + 1}`,
            description: "合成测试数据。",
            treatmentPlan: `${p.sessions}次治疗。`,
          },
        ]);
        await tx.$executeRaw`
          INSERT INTO tcm_package_translation (package_id, locale, name, description, treatment_plan,
            expected_outcome, contraindications)
          SELECT id, locale, name, description, plan, description, description
          FROM unnest(${pkgTranslations.map((t) => t.id)}::text[], ${pkgTranslations.map((t) => t.locale)}::text[],
            ${pkgTranslations.map((t) => t.name)}::text[], ${pkgTranslations.map((t) => t.description)}::text[],
            ${pkgTranslations.map((t) => t.treatmentPlan)}::text[]) AS t(id, locale, name, description, plan)`;
        packages += pkgRows.length;

        const agreementRows = institutions.flatMap((inst) =>
          some(insurerIds, 2).map((insurerId) => ({
            institutionId: inst.id,
            insurerId,
            scope: pick(scopes),
          })),
        );
        await tx.$executeRaw`
          INSERT INTO direct_billing_agreement (id, institution_id, insurer_id, scope, valid_from, valid_to, is_demo)
          SELECT gen_random_uuid()::text, inst, insurer, scope::"VisitKind", ${validFrom}::date, ${validTo}::date, true
          FROM unnest(${agreementRows.map((a) => a.institutionId)}::text[], ${agreementRows.map((a) => a.insurerId)}::text[],
            ${agreementRows.map((a) => a.scope)}::text[]) AS t(inst, insurer, scope)`;
        agreements += agreementRows.length;
        if (bulkDocuments) {
          // Triggers back on for the refresh: its writes to institution_search keep the
          // unfiltered finder's counts (institution_facet_total) through their own triggers.
          await tx.$executeRaw`SET LOCAL session_replication_role = origin`;
          await tx.$executeRaw`SELECT institution_search_refresh(${institutions.map((i) => i.id)}::text[])`;
        }
      },
      { maxWait: 60_000, timeout: 600_000 },
    );
  }

  return { cities: cityCount, institutions: scale, departments, packages, agreements };
}
