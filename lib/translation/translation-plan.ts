// One home for what importing a translated file would do, unit by unit: new
// (no text yet), changed (before → after), unchanged, skipped (left empty),
// or an error (an id we do not know, another city's text, a text too long or
// with control characters, markup or a formula, a duplicate, a new row
// without its required texts). A source changed since the export is a
// warning: the unit still imports, and the page says so. The dry run stores
// this plan; the apply computes it again inside its transaction and writes
// exactly its new and changed units.
import type { DbClient, TxClient } from "../db/create-client";
import {
  cityUnits,
  fieldLimits,
  parseUnitId,
  type TranslationUnit,
  type UnitEntity,
} from "./translation-units";
import type { FileEntry } from "./translation-file";

export type UnitOutcome = "new" | "changed" | "unchanged" | "skipped" | "error";
export const unitProblems = [
  "unknownId",
  "otherCity",
  "noSource",
  "duplicate",
  "tooLong",
  "control",
  "markup",
  "formula",
  "incompleteNew",
] as const;
export type UnitProblem = (typeof unitProblems)[number];

export interface PlannedUnit {
  id: string;
  position: number;
  context: string;
  source: string;
  before: string | null;
  after: string;
  outcome: UnitOutcome;
  problem?: UnitProblem;
  /** The source text was written after the file was exported: the translation may not match it. */
  sourceChanged?: boolean;
  /** For the problem `tooLong`: the limit. */
  limit?: number;
}

export interface PlanCounts {
  new: number;
  changed: number;
  unchanged: number;
  skipped: number;
  errors: number;
  sourceChanged: number;
}

/** Texts a new row of each entity cannot be without (its NOT NULL columns, lib/catalogue/translation-text.ts). */
const requiredForNewRow: Record<UnitEntity, readonly string[]> = {
  institution: ["name"],
  department: ["name"],
  package: ["name", "description", "treatmentPlan", "expectedOutcome", "contraindications"],
  guide: ["title"],
};

// Line breaks and tabs are text; every other control or format character is not.
const CONTROL = /[\p{Cc}\p{Cf}]/u;
const hasControl = (s: string) => CONTROL.test(s.replace(/[\n\r\t]/g, ""));

/** Which city each referenced row is in, for ids not among the city's units. */
async function ownerCity(db: DbClient | TxClient, entity: UnitEntity, id: string) {
  if (entity === "institution")
    return (await db.institution.findUnique({ where: { id }, select: { cityId: true } }))?.cityId ?? null;
  if (entity === "department")
    return (
      (
        await db.department.findUnique({
          where: { id },
          select: { institution: { select: { cityId: true } } },
        })
      )?.institution.cityId ?? null
    );
  if (entity === "package")
    return (
      (
        await db.tcmPackage.findUnique({
          where: { id },
          select: { institution: { select: { cityId: true } } },
        })
      )?.institution.cityId ?? null
    );
  return (
    (
      await db.guideSection.findUnique({
        where: { id },
        select: { version: { select: { guide: { select: { cityId: true } } } } },
      })
    )?.version.guide.cityId ?? null
  );
}

/**
 * A guide section id from an earlier version (the export read the published
 * version; a draft made since has new section ids): the working version's
 * section of the same key.
 */
async function currentSectionId(
  db: DbClient | TxClient,
  sectionId: string,
  units: Map<string, TranslationUnit>,
) {
  const old = await db.guideSection.findUnique({ where: { id: sectionId }, select: { key: true } });
  if (!old) return null;
  for (const u of units.values())
    if (u.entity === "guide" && u.context.includes(` ${old.key} `)) return u.entityId;
  return null;
}

export async function planUnits(
  db: DbClient | TxClient,
  cityId: string,
  language: string,
  entries: readonly FileEntry[],
): Promise<{ units: PlannedUnit[]; counts: PlanCounts }> {
  const known = new Map((await cityUnits(db, cityId, language)).map((u) => [u.id, u]));
  const seen = new Set<string>();
  const planned: (PlannedUnit & { unit?: TranslationUnit })[] = [];
  for (const entry of entries) {
    const after = entry.target.trim();
    const base = { id: entry.id, position: entry.position, after, context: "", source: "", before: null };
    const error = (problem: UnitProblem, extra: Partial<PlannedUnit> = {}) =>
      planned.push({ ...base, outcome: "error", problem, ...extra });
    const parsed = parseUnitId(entry.id);
    if (!parsed) {
      error("unknownId");
      continue;
    }
    let unit = known.get(entry.id);
    if (!unit) {
      const owner = await ownerCity(db, parsed.entity, parsed.entityId);
      if (owner === null) {
        error("unknownId");
        continue;
      }
      if (owner !== cityId) {
        error("otherCity");
        continue;
      }
      const section = parsed.entity === "guide" ? await currentSectionId(db, parsed.entityId, known) : null;
      unit = section ? known.get(`guide/${section}/${parsed.field}`) : undefined;
      if (!unit) {
        error("noSource");
        continue;
      }
    }
    const described = { context: unit.context, source: unit.source, before: unit.target };
    if (seen.has(unit.id)) {
      error("duplicate", described);
      continue;
    }
    seen.add(unit.id);
    const sourceChanged = !!entry.sourceWrittenAt && unit.sourceWrittenAt > entry.sourceWrittenAt;
    const common = { ...base, ...described, id: unit.id, ...(sourceChanged ? { sourceChanged } : {}) };
    if (entry.notText) {
      planned.push({ ...common, outcome: "error", problem: entry.notText });
      continue;
    }
    if (after === "") {
      planned.push({ ...common, outcome: "skipped" });
      continue;
    }
    const limit = fieldLimits[unit.entity][unit.field]!;
    if ([...after].length > limit) {
      planned.push({ ...common, outcome: "error", problem: "tooLong", limit });
      continue;
    }
    if (hasControl(after)) {
      planned.push({ ...common, outcome: "error", problem: "control" });
      continue;
    }
    planned.push({
      ...common,
      unit,
      outcome: unit.target === null ? "new" : unit.target === after ? "unchanged" : "changed",
    });
  }
  // A language's first row of an entity must carry the texts the row cannot be without.
  const writing = new Map<string, Set<string>>();
  for (const p of planned)
    if (p.unit && !p.unit.targetRowExists && (p.outcome === "new" || p.outcome === "changed")) {
      const key = `${p.unit.entity}/${p.unit.entityId}`;
      writing.set(key, (writing.get(key) ?? new Set()).add(p.unit.field));
    }
  for (const p of planned) {
    if (!p.unit || p.unit.targetRowExists || p.outcome === "error" || p.outcome === "skipped") continue;
    const fields = writing.get(`${p.unit.entity}/${p.unit.entityId}`) ?? new Set();
    if (requiredForNewRow[p.unit.entity].some((f) => !fields.has(f))) {
      p.outcome = "error";
      p.problem = "incompleteNew";
    }
  }
  const counts: PlanCounts = { new: 0, changed: 0, unchanged: 0, skipped: 0, errors: 0, sourceChanged: 0 };
  for (const p of planned) {
    if (p.outcome === "error") counts.errors += 1;
    else counts[p.outcome] += 1;
    if (p.sourceChanged && p.outcome !== "error") counts.sourceChanged += 1;
  }
  return { units: planned.map(({ unit: _unit, ...p }) => p), counts };
}

/** The planned writes, grouped by entity and row, for the apply. */
export function plannedWrites(units: readonly PlannedUnit[]) {
  const rows = new Map<string, { entity: UnitEntity; entityId: string; fields: Record<string, string> }>();
  for (const p of units) {
    if (p.outcome !== "new" && p.outcome !== "changed") continue;
    const parsed = parseUnitId(p.id)!;
    const key = `${parsed.entity}/${parsed.entityId}`;
    const row = rows.get(key) ?? { entity: parsed.entity, entityId: parsed.entityId, fields: {} };
    row.fields[parsed.field] = p.after;
    rows.set(key, row);
  }
  return [...rows.values()];
}
