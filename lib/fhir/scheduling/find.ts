// $find (IHE ITI-115, Find Potential Appointments): the free slots of the
// services a client names (a HealthcareService, a specialty, an Organization
// or Location, the patient's language) in a time range, as proposed
// Appointments. The slots come from listSlots, the patients' own read use
// case (places left after bookings and live holds, and the quota month's
// room): no second capacity rule here. At most MAX_SERVICES services are
// read and at most MAX_COUNT appointments answered.
import { z } from "zod";
import type { DbClient } from "../../db/create-client";
import { AppError } from "../../errors";
import { listSlots } from "../../booking/list-slots";
import { serviceLanguages, specialties } from "../../catalogue/codes";
import { calendarDateOf, isoDate } from "../../time/zone";
import { FHIR_ID, parseHealthcareServiceId, referencedId, type ServiceRef } from "../ids";
import { systems, standard } from "../systems";
import type { SlotPlace } from "./appointment";
import { oneString, refuseUnknown, type OperationInput } from "./parameters";

/** Services read by one $find (each is one listSlots read). */
export const MAX_SERVICES = 20;
/** Appointments answered by default and at most (`_count`). */
export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;

export const FIND_PARAMETERS = [
  "start",
  "end",
  "service",
  "specialty",
  "organization",
  "location-reference",
  "patient-resource",
  "language",
  "_count",
] as const;

const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/)
  .refine((v) => !Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00+08:00` : v)), "invalid")
  // A bare date is a day in Beijing, where every slot is.
  .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00+08:00` : v));

export const findInputSchema = z
  .object({
    start: instant.optional(),
    end: instant.optional(),
    service: z
      .array(z.custom<ServiceRef>((v) => v !== null, "invalid"))
      .max(MAX_SERVICES)
      .default([]),
    specialty: z.enum(specialties).optional(),
    /** An institution's id: Organization and Location share it. */
    organization: z.string().regex(FHIR_ID).optional(),
    language: z.enum(serviceLanguages).optional(),
    _count: z.coerce.number().int().min(1).max(MAX_COUNT).default(DEFAULT_COUNT),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (!q.service.length && !q.specialty && !q.organization)
      ctx.addIssue({ code: "custom", path: ["service"], message: "required", input: undefined });
    if (q.start && q.end && q.end <= q.start)
      ctx.addIssue({ code: "custom", path: ["end"], message: "outOfRange", input: undefined });
  });
export type FindInput = z.output<typeof findInputSchema>;

/** A token's code for our specialty system ("cardiology" or "<system>|cardiology"); another system's is no match. */
function specialtyCode(input: OperationInput): string | undefined {
  const [first] = input.all("specialty");
  if (!first || first.kind === "resource") return first ? "\u0000" : undefined;
  if (first.kind === "coding")
    return !first.system || first.system === systems.specialty() ? first.value : "\u0000";
  const bar = first.value.lastIndexOf("|");
  if (bar < 0) return first.value;
  return first.value.slice(0, bar) === systems.specialty() || bar === 0
    ? first.value.slice(bar + 1)
    : "\u0000";
}

/** The patient's language: `language` (BCP-47), or the preferred communication of `patient-resource`. */
function languageOf(input: OperationInput): string | undefined {
  const direct = oneString(input, "language");
  if (direct !== undefined) return direct.split("-")[0]!.toLowerCase();
  const [patient] = input.all("patient-resource");
  if (!patient) return undefined;
  if (patient.kind !== "resource" || patient.value.resourceType !== "Patient")
    throw new AppError("VALIDATION_FAILED", { fields: { "patient-resource": "invalid" } });
  const communication = patient.value.communication ?? [];
  const chosen = communication.find((c) => c.preferred) ?? communication[0];
  const code = chosen?.language?.coding?.find((c) => !c.system || c.system === standard.bcp47)?.code;
  return code?.split("-")[0]!.toLowerCase();
}

/** The operation's input as findInputSchema's raw object (the schema decides what is valid). */
export function findRaw(input: OperationInput): Record<string, unknown> {
  refuseUnknown(input, FIND_PARAMETERS);
  const services = input
    .all("service")
    .map((v) =>
      v.kind === "resource"
        ? null
        : parseHealthcareServiceId(referencedId(v.value, "HealthcareService") ?? v.value),
    );
  const organizations = [...input.all("organization"), ...input.all("location-reference")].map((v) =>
    v.kind === "resource"
      ? "\u0000"
      : (referencedId(v.value, "Organization") ?? referencedId(v.value, "Location") ?? v.value),
  );
  if (new Set(organizations).size > 1)
    throw new AppError("VALIDATION_FAILED", { fields: { organization: "invalid" } });
  const raw: Record<string, unknown> = {
    start: oneString(input, "start"),
    end: oneString(input, "end"),
    service: services,
    specialty: specialtyCode(input),
    organization: organizations[0],
    language: languageOf(input),
    _count: oneString(input, "_count"),
  };
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
}

interface ServiceRow {
  ref: ServiceRef;
  institutionSlug: string;
  slug: string;
  institutionId: string;
}

/** The services a $find reads: those named, narrowed by specialty, institution and language. */
async function servicesFor(db: DbClient, q: FindInput): Promise<ServiceRow[]> {
  const deptIds = q.service.filter((s) => s.kind === "department").map((s) => s.id);
  const pkgIds = q.service.filter((s) => s.kind === "package").map((s) => s.id);
  const named = q.service.length > 0;
  const institution = {
    ...(q.organization ? { id: q.organization } : {}),
    ...(q.language ? { languages: { has: q.language } } : {}),
  };
  const wantDepartments = (!named || deptIds.length > 0) && q.specialty !== "tcm";
  const wantPackages = (!named || pkgIds.length > 0) && (!q.specialty || q.specialty === "tcm");
  const select = { id: true, slug: true, institution: { select: { id: true, slug: true } } } as const;
  const orderBy = [{ institution: { slug: "asc" as const } }, { slug: "asc" as const }];
  const departments = wantDepartments
    ? await db.department.findMany({
        where: {
          ...(named ? { id: { in: deptIds } } : {}),
          ...(q.specialty ? { specialty: q.specialty } : {}),
          institution,
        },
        select,
        orderBy,
        take: MAX_SERVICES,
      })
    : [];
  const packages = wantPackages
    ? await db.tcmPackage.findMany({
        where: { ...(named ? { id: { in: pkgIds } } : {}), institution },
        select,
        orderBy,
        take: MAX_SERVICES,
      })
    : [];
  return [
    ...departments.map((d) => ({ ref: { kind: "department" as const, id: d.id }, d })),
    ...packages.map((p) => ({ ref: { kind: "package" as const, id: p.id }, d: p })),
  ]
    .slice(0, MAX_SERVICES)
    .map(({ ref, d }) => ({
      ref,
      slug: d.slug,
      institutionSlug: d.institution.slug,
      institutionId: d.institution.id,
    }));
}

export interface FoundAppointments {
  places: SlotPlace[];
  /** Free slots found, of which `places` are the first `_count`. */
  total: number;
}

/** The free slots of the services $find names, earliest first (ties by slot id). */
export async function findAppointments(
  db: DbClient,
  q: FindInput,
  now: Date = new Date(),
): Promise<FoundAppointments> {
  const start = q.start && q.start > now ? q.start : now;
  const end = q.end ?? new Date(start.getTime() + 14 * 86_400_000);
  if (end <= start) return { places: [], total: 0 };
  const services = await servicesFor(db, q);
  const places: SlotPlace[] = [];
  for (const service of services) {
    const slots = await listSlots(
      db,
      {
        hospital: service.institutionSlug,
        ...(service.ref.kind === "department" ? { department: service.slug } : { package: service.slug }),
        from: isoDate(calendarDateOf(start)),
        to: isoDate(calendarDateOf(new Date(end.getTime() - 1))),
      },
      {},
      now,
    ).catch((error: unknown) => {
      // listSlots names its own parameters; here they are the operation's.
      if (error instanceof AppError && error.code === "VALIDATION_FAILED")
        throw new AppError("VALIDATION_FAILED", { fields: { end: "tooLong" }, cause: error });
      throw error;
    });
    for (const slot of slots) {
      if (slot.available <= 0 || slot.startsAt < start || slot.startsAt >= end) continue;
      places.push({
        slotId: slot.id,
        institutionId: service.institutionId,
        departmentId: service.ref.kind === "department" ? service.ref.id : null,
        packageId: service.ref.kind === "package" ? service.ref.id : null,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
      });
    }
  }
  places.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.slotId.localeCompare(b.slotId));
  return { places: places.slice(0, q._count), total: places.length };
}
