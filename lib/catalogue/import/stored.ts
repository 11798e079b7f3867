// The catalogue as the import's columns see it: stored institutions,
// departments, packages and agreements read in a few queries (by credit code
// or slug for a dry run, by city for an export) into the shapes `rows.ts`
// spells cell by cell, so a dry run compares and an export writes the same text.
import type { Prisma } from "../../db/generated/client";
import type { DbClient, TxClient } from "../../db/create-client";
import { parseHours } from "../hours";
import type { StoredAgreement, StoredDepartment, StoredInstitution, StoredPackage } from "./rows";

type Db = DbClient | TxClient;

function textsOf(translations: readonly ({ locale: string } & Record<string, unknown>)[]) {
  return Object.fromEntries(
    translations.map(({ locale, ...fields }) => [
      locale,
      Object.fromEntries(
        Object.entries(fields)
          .filter(([k]) => k !== "writtenAt")
          .map(([k, v]) => [k, typeof v === "string" ? v : null]),
      ),
    ]),
  );
}

const institutionSelect = {
  id: true,
  creditCode: true,
  slug: true,
  cityId: true,
  city: { select: { slug: true } },
  nameZh: true,
  addressZh: true,
  latitude: true,
  longitude: true,
  ownership: true,
  grade: true,
  intlDeptPhone: true,
  intlDeptEmail: true,
  website: true,
  emergency24h: true,
  languages: true,
  services: true,
  accreditations: true,
  acceptedPayments: true,
  intlDeptHours: true,
  cancellationWindowHours: true,
  translations: {
    select: { locale: true, name: true, address: true, intlDeptName: true, description: true },
  },
} as const satisfies Prisma.InstitutionSelect;

export async function loadInstitutions(
  db: Db,
  where: Prisma.InstitutionWhereInput,
): Promise<StoredInstitution[]> {
  const rows = await db.institution.findMany({ where, select: institutionSelect, orderBy: { slug: "asc" } });
  return rows.map(({ city, intlDeptHours, translations, ...i }) => ({
    ...i,
    citySlug: city.slug,
    hours: parseHours(intlDeptHours),
    texts: textsOf(translations),
  }));
}

export async function loadDepartments(
  db: Db,
  where: Prisma.DepartmentWhereInput,
): Promise<StoredDepartment[]> {
  const rows = await db.department.findMany({
    where,
    select: {
      id: true,
      institutionId: true,
      institution: { select: { creditCode: true } },
      slug: true,
      specialty: true,
      consultationFeeFen: true,
      retiredAt: true,
      translations: { select: { locale: true, name: true, description: true } },
    },
    orderBy: [{ institution: { slug: "asc" } }, { slug: "asc" }],
  });
  return rows.map(({ institution, retiredAt, translations, ...d }) => ({
    ...d,
    creditCode: institution.creditCode ?? "",
    retired: retiredAt !== null,
    texts: textsOf(translations),
  }));
}

export async function loadPackages(db: Db, where: Prisma.TcmPackageWhereInput): Promise<StoredPackage[]> {
  const rows = await db.tcmPackage.findMany({
    where,
    select: {
      id: true,
      slug: true,
      institutionId: true,
      institution: { select: { creditCode: true, cityId: true } },
      conditions: true,
      therapies: true,
      sessions: true,
      durationDays: true,
      priceFen: true,
      retiredAt: true,
      translations: {
        select: {
          locale: true,
          name: true,
          description: true,
          treatmentPlan: true,
          expectedOutcome: true,
          contraindications: true,
        },
      },
    },
    orderBy: { slug: "asc" },
  });
  return rows.map(({ institution, retiredAt, translations, ...p }) => ({
    ...p,
    creditCode: institution.creditCode ?? "",
    cityId: institution.cityId,
    retired: retiredAt !== null,
    texts: textsOf(translations),
  }));
}

export async function loadAgreements(
  db: Db,
  where: Prisma.DirectBillingAgreementWhereInput,
): Promise<StoredAgreement[]> {
  const rows = await db.directBillingAgreement.findMany({
    where,
    select: {
      id: true,
      institutionId: true,
      institution: { select: { creditCode: true } },
      insurer: { select: { slug: true } },
      scope: true,
      preauthLeadDays: true,
      documents: true,
      validFrom: true,
      validTo: true,
    },
    orderBy: [
      { institution: { slug: "asc" } },
      { insurer: { slug: "asc" } },
      { scope: "asc" },
      { validFrom: "asc" },
    ],
  });
  return rows.map(({ institution, insurer, ...a }) => ({
    ...a,
    creditCode: institution.creditCode ?? "",
    insurerSlug: insurer.slug,
  }));
}
