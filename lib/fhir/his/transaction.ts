// POST /fhir/r4 with a `transaction` Bundle from a hospital system (ADR 0022):
// the FHIR side of lib/schedule/replace-external-slots.ts. It reads Schedule
// and Slot entries sent as conditional updates
// (PUT Schedule?identifier=<system>|<value>, PUT Slot?identifier=…) into the
// use case's typed input, names every problem by its FHIR element
// (Bundle.entry[3].resource.start), and answers a transaction-response Bundle:
// per entry its status (201 Created or 200 OK) and location, and an
// informational outcome when the entry changed nothing.
import type {
  Bundle,
  BundleEntry,
  OperationOutcome,
  Period,
  Reference,
  Schedule,
  Slot,
} from "@medplum/fhirtypes";
import type { z } from "zod";
import type { DbClient } from "../../db/create-client";
import { AppError, validationError, type FieldProblem } from "../../errors";
import {
  MAX_PUSHED_SCHEDULES,
  MAX_PUSHED_SLOTS,
  replaceExternalSlots,
  replaceExternalSlotsSchema,
  type PushOutcome,
  type ReplaceExternalSlotsReport,
} from "../../schedule/replace-external-slots";
import type { FhirClient } from "../auth/client-auth";
import { parseHealthcareServiceId, referencedId } from "../ids";
import { codeSystemUrl, standard } from "../systems";

/** How many entries one transaction may carry. */
export const MAX_TRANSACTION_ENTRIES = MAX_PUSHED_SCHEDULES + MAX_PUSHED_SLOTS;

/** Slot.status → offered to patients (free) or kept but closed (busy…). */
const SLOT_OPEN: Partial<Record<Slot["status"], boolean>> = {
  free: true,
  busy: false,
  "busy-unavailable": false,
  "busy-tentative": false,
};

/** The code system of the informational outcome of an entry that changed nothing, or a past slot left alone. */
export const pushOutcomeSystem = () => codeSystemUrl("push-outcome");

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

type Input = z.input<typeof replaceExternalSlotsSchema>;
type PushedSchedule = Input["schedules"][number];

interface Parsed {
  input: Input;
  /** Input schedule i → its entry index; input slot [i][j] → its entry index. */
  scheduleEntry: number[];
  slotEntry: number[][];
}

const at = (index: number, path = "") => `Bundle.entry[${index}]${path}`;

function invalid(field: string, problem: FieldProblem = "invalid"): AppError {
  return new AppError("VALIDATION_FAILED", { fields: { [field]: problem } });
}

/** The identifier a conditional URL names: `Schedule?identifier=<system>|<value>`. */
function conditionalIdentifier(url: unknown, type: "Schedule" | "Slot", index: number) {
  if (typeof url !== "string") throw invalid(at(index, ".request.url"), "required");
  const [path, query = ""] = url.split("?", 2);
  const values = new URLSearchParams(query).getAll("identifier");
  const bar = values[0]?.indexOf("|") ?? -1;
  if (path !== type || values.length !== 1 || [...new URLSearchParams(query).keys()].length !== 1 || bar <= 0)
    throw invalid(at(index, ".request.url"));
  return { system: values[0]!.slice(0, bar), value: values[0]!.slice(bar + 1) };
}

function instant(value: unknown, field: string): Date {
  if (typeof value !== "string") throw invalid(field, "required");
  const date = new Date(value);
  if (!INSTANT.test(value) || Number.isNaN(date.getTime())) throw invalid(field);
  return date;
}

function sameIdentifier(
  resource: { identifier?: { system?: string; value?: string }[] },
  id: { system: string; value: string },
) {
  return (resource.identifier ?? []).some((i) => i.system === id.system && i.value === id.value);
}

/** Reads the Bundle into the use case's input, or VALIDATION_FAILED / NOT_FOUND naming the element. */
export async function parseTransaction(db: DbClient, client: FhirClient, body: unknown): Promise<Parsed> {
  if (!body || typeof body !== "object" || (body as Bundle).resourceType !== "Bundle")
    throw invalid("Bundle.resourceType");
  const bundle = body as Bundle;
  if (bundle.type !== "transaction") throw invalid("Bundle.type");
  const entries: unknown = bundle.entry;
  if (!Array.isArray(entries) || entries.length === 0) throw invalid("Bundle.entry", "required");
  if (entries.length > MAX_TRANSACTION_ENTRIES) throw invalid("Bundle.entry", "outOfRange");

  const schedules: (PushedSchedule & { entry: number; fullUrl?: string; id?: string })[] = [];
  const slots: {
    entry: number;
    scheduleRef: Reference | undefined;
    slot: PushedSchedule["slots"][number];
  }[] = [];
  for (const [index, raw] of (entries as unknown[]).entries()) {
    const entry = (raw && typeof raw === "object" ? raw : {}) as BundleEntry;
    const resource = entry.resource as (Schedule | Slot | undefined) & { resourceType?: string };
    if (!resource || typeof resource !== "object") throw invalid(at(index, ".resource"), "required");
    if (entry.request?.method !== "PUT") throw invalid(at(index, ".request.method"));
    if (resource.resourceType === "Schedule") {
      const identifier = conditionalIdentifier(entry.request.url, "Schedule", index);
      if (!sameIdentifier(resource, identifier)) throw invalid(at(index, ".resource.identifier"), "mismatch");
      schedules.push({
        entry: index,
        fullUrl: typeof entry.fullUrl === "string" ? entry.fullUrl : undefined,
        id: typeof resource.id === "string" ? resource.id : undefined,
        identifier,
        service: serviceOf(client, resource, index),
        horizon: horizonOf(resource.planningHorizon, index),
        active: resource.active === undefined ? true : resource.active === true,
        slots: [],
      });
    } else if (resource.resourceType === "Slot") {
      const identifier = conditionalIdentifier(entry.request.url, "Slot", index);
      if (!sameIdentifier(resource, identifier)) throw invalid(at(index, ".resource.identifier"), "mismatch");
      const open = SLOT_OPEN[resource.status];
      if (open === undefined) throw invalid(at(index, ".resource.status"));
      const capacity = (resource.extension ?? []).find((e) => e.url === standard.slotCapacity);
      slots.push({
        entry: index,
        scheduleRef: resource.schedule,
        slot: {
          identifier,
          startsAt: instant(resource.start, at(index, ".resource.start")),
          endsAt: instant(resource.end, at(index, ".resource.end")),
          capacity: capacity ? (capacity.valueInteger ?? NaN) : 1,
          open,
        },
      });
    } else throw invalid(at(index, ".resource.resourceType"));
  }
  if (schedules.length === 0) throw invalid("Bundle.entry", "required");

  // Each Slot names a Schedule of this Bundle: by its fullUrl, or as Schedule/<id> of ours.
  const ids = slots
    .map((s) => referencedId(s.scheduleRef?.reference, "Schedule"))
    .filter((id): id is string => id !== null && !schedules.some((s) => s.id === id));
  const known = ids.length
    ? await db.schedule.findMany({
        where: { id: { in: ids }, institutionId: client.institutionId },
        select: { id: true, externalSystem: true, externalId: true, departmentId: true, packageId: true },
      })
    : [];
  for (const slot of slots) {
    const ref = slot.scheduleRef?.reference;
    const field = at(slot.entry, ".resource.schedule");
    let owner = schedules.find((s) => ref !== undefined && s.fullUrl === ref);
    const id = owner ? null : referencedId(ref, "Schedule");
    if (!owner && id) {
      owner = schedules.find((s) => s.id === id);
      const row = owner ? null : known.find((k) => k.id === id);
      if (!owner && !row) throw new AppError("NOT_FOUND", { fields: { [field]: "unknown" } });
      owner ??= schedules.find(
        (s) =>
          (s.identifier.system === row!.externalSystem && s.identifier.value === row!.externalId) ||
          (s.service.kind === "department" ? row!.departmentId : row!.packageId) === s.service.id,
      );
    }
    if (!owner) throw invalid(field);
    owner.slots.push(slot.slot);
  }
  return {
    input: {
      schedules: schedules.map(({ entry: _entry, fullUrl: _fullUrl, id: _id, ...s }) => s),
    },
    scheduleEntry: schedules.map((s) => s.entry),
    slotEntry: schedules.map((s) =>
      slots.filter((slot) => s.slots.includes(slot.slot)).map((slot) => slot.entry),
    ),
  };
}

/** Schedule.actor: one HealthcareService of the client's institution (and, optionally, its Location). */
function serviceOf(client: FhirClient, resource: Schedule, index: number) {
  const actors = Array.isArray(resource.actor) ? resource.actor : [];
  const services = actors
    .map((a, i) => ({ i, id: referencedId(a?.reference, "HealthcareService") }))
    .filter((a) => a.id !== null);
  if (services.length !== 1)
    throw invalid(at(index, ".resource.actor"), services.length ? "invalid" : "required");
  const field = at(index, `.resource.actor[${services[0]!.i}]`);
  const service = parseHealthcareServiceId(services[0]!.id!);
  if (!service) throw new AppError("NOT_FOUND", { fields: { [field]: "unknown" } });
  for (const [i, actor] of actors.entries()) {
    const location = referencedId(actor?.reference, "Location");
    if (location && location !== client.institutionId)
      throw new AppError("NOT_FOUND", { fields: { [at(index, `.resource.actor[${i}]`)]: "unknown" } });
  }
  return service;
}

function horizonOf(period: Period | undefined, index: number) {
  const field = at(index, ".resource.planningHorizon");
  if (!period || typeof period !== "object") throw invalid(field, "required");
  return { start: instant(period.start, `${field}.start`), end: instant(period.end, `${field}.end`) };
}

/** Our input's paths (schedules.0.slots.3.startsAt) as the Bundle's elements. */
function fhirPathOf(parsed: Parsed, field: string): string {
  const slot = /^schedules\.(\d+)\.slots\.(\d+)(?:\.(\w+))?/.exec(field);
  if (slot) {
    const entry = parsed.slotEntry[Number(slot[1])]?.[Number(slot[2])];
    const element = { startsAt: ".start", endsAt: ".end", capacity: ".extension", open: ".status" }[
      slot[3] ?? ""
    ];
    return entry === undefined ? "Bundle.entry" : at(entry, `.resource${element ?? ""}`);
  }
  const unlisted = /^schedules\.(\d+)\.unlisted\.(.+)$/.exec(field);
  if (unlisted) {
    const bar = unlisted[2]!.indexOf("|");
    const quote = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
    return bar > 0
      ? `Slot.where(identifier.where(system = ${quote(unlisted[2]!.slice(0, bar))} and value = ${quote(unlisted[2]!.slice(bar + 1))}).exists())`
      : `Slot.where(start = @${unlisted[2]})`;
  }
  const schedule = /^schedules\.(\d+)(?:\.(\w+))?/.exec(field);
  if (schedule) {
    const entry = parsed.scheduleEntry[Number(schedule[1])];
    const element = { service: ".actor", horizon: ".planningHorizon", identifier: ".identifier" }[
      schedule[2] ?? ""
    ];
    return entry === undefined ? "Bundle.entry" : at(entry, `.resource${element ?? ""}`);
  }
  const month = /^quota\.(\d{4})-(\d{2})$/.exec(field);
  if (month) {
    const next =
      Number(month[2]) === 12
        ? `${Number(month[1]) + 1}-01`
        : `${month[1]}-${String(Number(month[2]) + 1).padStart(2, "0")}`;
    return `Slot.where(start >= @${month[1]}-${month[2]}-01T00:00:00+08:00 and start < @${next}-01T00:00:00+08:00)`;
  }
  return "Bundle";
}

function remap(parsed: Parsed, error: AppError): AppError {
  if (!error.fields) return error;
  return new AppError(error.code, {
    fields: Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [fhirPathOf(parsed, k), v])),
    ...(error.reason ? { reason: error.reason } : {}),
    ...(error.values ? { values: { ...error.values } } : {}),
    cause: error,
    detail: error.message,
  });
}

function note(code: "unchanged" | "past" | "removed", count?: number): OperationOutcome {
  return {
    resourceType: "OperationOutcome",
    issue: [
      {
        severity: "information",
        code: "informational",
        details: { coding: [{ system: pushOutcomeSystem(), code }] },
        ...(count !== undefined ? { diagnostics: `${count}` } : {}),
      },
    ],
  };
}

const statusLine = (outcome: PushOutcome | "past") => (outcome === "created" ? "201 Created" : "200 OK");

/** The transaction-response Bundle: one entry per request entry, in its order. */
function response(parsed: Parsed, report: ReplaceExternalSlotsReport, entries: number): Bundle {
  const out: BundleEntry[] = Array.from({ length: entries }, () => ({ response: { status: "200 OK" } }));
  report.schedules.forEach((s, i) => {
    out[parsed.scheduleEntry[i]!] = {
      response: {
        status: statusLine(s.outcome),
        location: `Schedule/${s.id}`,
        ...(s.outcome === "unchanged"
          ? { outcome: note("unchanged") }
          : s.removed > 0
            ? { outcome: note("removed", s.removed) }
            : {}),
      },
    };
    s.slots.forEach((slot, j) => {
      out[parsed.slotEntry[i]![j]!] = {
        response: {
          status: statusLine(slot.outcome),
          ...(slot.id ? { location: `Slot/${slot.id}` } : {}),
          ...(slot.outcome === "unchanged" || slot.outcome === "past" ? { outcome: note(slot.outcome) } : {}),
        },
      };
    });
  });
  return { resourceType: "Bundle", type: "transaction-response", entry: out };
}

/**
 * The push as a FHIR transaction: parsed, validated by the use case's schema
 * (problems named by their FHIR element), applied in one transaction.
 */
export async function pushTransaction(
  db: DbClient,
  client: FhirClient,
  body: unknown,
  now: Date = new Date(),
): Promise<Bundle> {
  const parsed = await parseTransaction(db, client, body);
  const result = replaceExternalSlotsSchema.safeParse(parsed.input);
  if (!result.success) throw remap(parsed, validationError(result.error));
  try {
    const report = await replaceExternalSlots(db, client, result.data, now);
    return response(parsed, report, (body as Bundle).entry!.length);
  } catch (error) {
    throw error instanceof AppError ? remap(parsed, error) : error;
  }
}
