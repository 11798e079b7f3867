// A synthetic catalogue at a chosen scale, for benchmarks (e.g. 850
// institutions in 57 cities, or 8,500). Deterministic for a given scale.
// Every row is clearly named "Synthetic" and flagged is_demo.
import { randomUUID } from "node:crypto";
import type { DbClient } from "../db/create-client";
import type { HospitalGrade, InstitutionService, Ownership, VisitKind } from "../db/generated/client";
import { departmentPresets, demoInsurers } from "./demo-data";
import { addDays, calendarDateOf, dbDate } from "../time/zone";

const SYNTHETIC_PREFIX = "synthetic-";
const MAX_CITIES = 57;

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

  let departments = 0;
  let packages = 0;
  let agreements = 0;
  const chunk = 500;
  for (let start = 0; start < scale; start += chunk) {
    const count = Math.min(chunk, scale - start);
    const institutions = Array.from({ length: count }, (_, j) => {
      const n = start + j + 1;
      const city = cities[(n - 1) % cityCount]!;
      return {
        id: randomUUID(),
        slug: `${SYNTHETIC_PREFIX}hospital-${n}`,
        cityId: city.id,
        nameZh: `合成医院${n}号`,
        namePinyin: `he cheng yi yuan ${n} hao`,
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
    await db.institution.createMany({ data: institutions });
    await db.institutionTranslation.createMany({
      data: institutions.flatMap((inst, j) => [
        {
          institutionId: inst.id,
          locale: "en",
          name: `Synthetic Hospital ${start + j + 1}`,
          address: `${start + j + 1} Health Road`,
        },
        { institutionId: inst.id, locale: "zh", name: inst.nameZh, address: inst.addressZh },
      ]),
    });

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
    await db.department.createMany({ data: deptRows });
    await db.departmentTranslation.createMany({
      data: deptRows.flatMap((d) => {
        const name = departmentPresets[d.slug as keyof typeof departmentPresets].name;
        return [
          { departmentId: d.id, locale: "en", name: name.en },
          { departmentId: d.id, locale: "zh", name: name.zh },
        ];
      }),
    });
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
    await db.tcmPackage.createMany({ data: pkgRows });
    await db.tcmPackageTranslation.createMany({
      data: pkgRows.flatMap((p, j) => [
        {
          packageId: p.id,
          locale: "en",
          name: `Synthetic TCM package ${start + j + 1}`,
          description: "Synthetic benchmark data.",
          treatmentPlan: `${p.sessions} sessions.`,
          expectedOutcome: "Synthetic benchmark data.",
          contraindications: "Synthetic benchmark data.",
        },
        {
          packageId: p.id,
          locale: "zh",
          name: `合成中医药服务包${start + j + 1}`,
          description: "合成测试数据。",
          treatmentPlan: `${p.sessions}次治疗。`,
          expectedOutcome: "合成测试数据。",
          contraindications: "合成测试数据。",
        },
      ]),
    });
    packages += pkgRows.length;

    const agreementRows = institutions.flatMap((inst) =>
      some(insurerIds, 2).map((insurerId) => ({
        institutionId: inst.id,
        insurerId,
        scope: pick(scopes),
        preauthRequired: false,
        preauthLeadDays: 0,
        validFrom: dbDate(addDays(today, -365)),
        validTo: dbDate(addDays(today, 365)),
        isDemo: true,
      })),
    );
    await db.directBillingAgreement.createMany({ data: agreementRows });
    agreements += agreementRows.length;
  }

  return { cities: cityCount, institutions: scale, departments, packages, agreements };
}
