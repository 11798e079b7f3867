// One home for reading an audit event's before and after as a person would:
// which fields changed, each under a field the console can name in any
// language, each value typed (a status, a day, an instant, a time of day…)
// so the page formats it in its locale. Ids and internal counters (the
// optimistic version) are never shown. Pure: unit-tested.
import type { BookingStatus, GuaranteeStatus, QuotaScope, Role } from "../db/generated/client";

/** The fields an audit trail names (labels: Staff.audit.field.*); anything else is "other". */
export const AUDIT_FIELDS = [
  "status",
  "guarantee",
  "reason",
  "interpreterAck",
  "letterNumber",
  "stayFrom",
  "stayTo",
  "anonymizedAt",
  "retentionDays",
  "rules",
  "closures",
  "weekday",
  "start",
  "end",
  "slotMinutes",
  "capacity",
  "startsOn",
  "endsOn",
  "weeks",
  "slotsCreated",
  "slotsUpdated",
  "slotsRemoved",
  "slotsKept",
  "month",
  "volume",
  "percent",
  "cap",
  "locked",
  "from",
  "to",
  "scope",
  "email",
  "name",
  "role",
  "language",
  "sessionsEnded",
  "currency",
  "unitsPerCny",
  "effectiveOn",
  "listed",
  "delisted",
  "criteria",
  "hours",
  "fee",
  "other",
] as const;
export type AuditField = (typeof AUDIT_FIELDS)[number];

export type AuditValue =
  | { kind: "status"; value: BookingStatus }
  | { kind: "guarantee"; value: GuaranteeStatus }
  | { kind: "role"; value: Role }
  | { kind: "scope"; value: QuotaScope }
  | { kind: "instant"; value: Date }
  | { kind: "day"; value: string }
  | { kind: "month"; value: string }
  | { kind: "weekday"; value: number }
  | { kind: "timeOfDay"; value: number }
  | { kind: "percent"; value: number }
  | { kind: "yuan"; value: number }
  | { kind: "number"; value: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "language"; value: string }
  | { kind: "count"; value: number }
  | { kind: "text"; value: string };

export interface AuditChange {
  field: AuditField;
  before: AuditValue | null;
  after: AuditValue | null;
}

/** Paths as the use cases write them (nested keys joined by "."), to the field they are. */
const PATHS: Record<string, AuditField> = {
  interpreterAckAt: "interpreterAck",
  number: "letterNumber",
  "slots.created": "slotsCreated",
  "slots.updated": "slotsUpdated",
  "slots.removed": "slotsRemoved",
  "slots.kept": "slotsKept",
  startMinute: "start",
  endMinute: "end",
  feeYuan: "fee",
};

/** Keys that are ids or internal counters: never shown. */
const HIDDEN = new Set([
  "version",
  "rule",
  "id",
  "scheduleId",
  "institutionId",
  "cityId",
  "service",
  "tokenId",
]);

const STATUSES = new Set<string>([
  "PENDING_CONFIRMATION",
  "CONFIRMED",
  "CANCELLED",
  "CHECKED_IN",
  "COMPLETED",
  "NO_SHOW",
]);
const GUARANTEES = new Set<string>(["PENDING", "APPROVED", "DENIED"]);
const ROLES = new Set<string>(["HOSPITAL_STAFF", "HOSPITAL_MANAGER", "CITY_ADMIN", "SYSTEM_ADMIN"]);
const SCOPES = new Set<string>(["NATIONAL", "CITY", "INSTITUTION"]);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
/** A cuid or a UUID: an id, whatever key it hides under. */
const ID = /^(c[a-z0-9]{20,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

function fieldOf(path: string): AuditField {
  const mapped = PATHS[path];
  if (mapped) return mapped;
  const leaf = path.split(".").pop()!;
  const byLeaf = PATHS[leaf] ?? leaf;
  return (AUDIT_FIELDS as readonly string[]).includes(byLeaf) ? (byLeaf as AuditField) : "other";
}

/** A value as the console shows it, typed by its field and its shape; null when there is nothing to show. */
export function auditValue(field: AuditField, raw: unknown): AuditValue | null {
  if (raw === null || raw === undefined) return null;
  if (Array.isArray(raw)) {
    // The admission checklist: how many criteria are met.
    if (field === "criteria") return { kind: "count", value: raw.filter((c) => c && c.met === true).length };
    return { kind: "count", value: raw.length };
  }
  if (typeof raw === "boolean") return { kind: "boolean", value: raw };
  if (typeof raw === "number") {
    if (field === "weekday") return { kind: "weekday", value: raw };
    if (field === "start" || field === "end") return { kind: "timeOfDay", value: raw };
    if (field === "percent") return { kind: "percent", value: raw };
    if (field === "fee") return { kind: "yuan", value: raw };
    return { kind: "number", value: raw };
  }
  if (typeof raw !== "string") return { kind: "count", value: Object.keys(raw as object).length };
  if (ID.test(raw)) return null;
  if (field === "status" && STATUSES.has(raw)) return { kind: "status", value: raw as BookingStatus };
  if (field === "guarantee" && GUARANTEES.has(raw))
    return { kind: "guarantee", value: raw as GuaranteeStatus };
  if (field === "role" && ROLES.has(raw)) return { kind: "role", value: raw as Role };
  if (field === "scope" && SCOPES.has(raw)) return { kind: "scope", value: raw as QuotaScope };
  if (field === "language") return { kind: "language", value: raw };
  if (INSTANT.test(raw) && !Number.isNaN(Date.parse(raw))) return { kind: "instant", value: new Date(raw) };
  if (DAY.test(raw)) return { kind: "day", value: raw };
  if (MONTH.test(raw)) return { kind: "month", value: raw };
  return { kind: "text", value: raw };
}

/** Leaf values of a JSON object by dotted path; lists stay whole (shown as how many). */
function flatten(value: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value === null || value === undefined) return out;
  if (typeof value !== "object" || Array.isArray(value)) {
    // A bare list before (the checklist as it was): under the key the after names it by.
    if (prefix === "" && Array.isArray(value)) out.set("criteria", value);
    else out.set(prefix, value);
    return out;
  }
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (HIDDEN.has(key)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    // The change a schedule edit made, and a removed rule, read as their own fields.
    const next = key === "change" || key === "removed" ? prefix : path;
    if (inner !== null && typeof inner === "object" && !Array.isArray(inner))
      for (const [p, v] of flatten(inner, next)) out.set(p, v);
    else out.set(path === "" ? key : path, inner);
  }
  return out;
}

/** What an event changed, field by field, in the order the use case wrote them; unchanged values are left out. */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const b = flatten(before);
  const a = flatten(after);
  const paths = [...new Set([...b.keys(), ...a.keys()])];
  const changes: AuditChange[] = [];
  for (const path of paths) {
    const field = fieldOf(path);
    const was = auditValue(field, b.get(path));
    const now = auditValue(field, a.get(path));
    if (was === null && now === null) continue;
    if (JSON.stringify(was) === JSON.stringify(now) && b.has(path)) continue;
    changes.push({ field, before: was, after: now });
  }
  return changes;
}
