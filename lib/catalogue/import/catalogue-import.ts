// The catalogue import's core, shared by the dry run (planCatalogueImport),
// the apply (applyCatalogueImport) and the demo seed (importCatalogueFile):
// `planCatalogue` reads a file's rows against the stored catalogue in a few
// queries and decides per row create / update (with the field-by-field
// diff) / unchanged / error; `applyPlanned` writes exactly those changes in
// the caller's transaction, in batches, never touching schedules, slots,
// holds, bookings or quota. Text in every language goes through
// `writeTranslations`; an institution's pinyin search key is derived as the
// seed derives it; a slug change goes through `renameInstitutionSlug`.
import { createHash } from "node:crypto";
import type { TxClient } from "../../db/create-client";
import type {
  HospitalGrade,
  InstitutionService,
  Ownership,
  Prisma,
  VisitKind,
} from "../../db/generated/client";
import { locales } from "../../i18n/locales";
import type { WeeklyHours } from "../hours";
import { renameInstitutionSlug } from "../institution-slug";
import { toPinyin } from "../pinyin";
import { writeTranslations, type TranslatedEntity, type TranslationWrite } from "../translation-text";
import { entityKeyColumns, type EntityKey } from "./columns";
import type { CatalogueFile, FileProblem } from "./read-file";
import type { RowProblem, RowProblemCode } from "./problems";
import {
  formatCell,
  parseRow,
  rowKey,
  storedCells,
  type ParsedRow,
  type StoredAgreement,
  type StoredDepartment,
  type StoredInstitution,
  type StoredPackage,
} from "./rows";
import { loadAgreements, loadDepartments, loadInstitutions, loadPackages } from "./stored";

/** The cities an import may write: a city admin's, or every city (null). */
export interface ImportScope {
  cityIds: string[] | null;
}

export type PlanAction = "create" | "update" | "unchanged" | "error";

export interface PlanChange {
  column: string;
  before: string;
  after: string;
}

export interface PlanProblem {
  column: string | null;
  code: RowProblemCode;
  params: Record<string, string | number>;
}

export interface PlanRow {
  sheet: string;
  row: number;
  entity: EntityKey;
  key: string;
  label: string;
  action: PlanAction;
  changes?: PlanChange[];
  problems?: PlanProblem[];
}

export type PlanCounts = Record<PlanAction, number>;

/** What a dry run shows and a job keeps (JSON). */
export interface CataloguePlan {
  format: "xlsx" | "csv";
  rows: PlanRow[];
  fileProblems: FileProblem[];
  counts: PlanCounts;
  /** A digest of every row's action and changes: an apply re-plans and compares. */
  fingerprint: string;
}

/** True when nothing stands in the way of applying (no row in error, no problem with the file). */
export function planIsClean(plan: Pick<CataloguePlan, "counts" | "fileProblems">): boolean {
  return plan.counts.error === 0 && plan.fileProblems.length === 0;
}

interface Op {
  parsed: ParsedRow;
  action: PlanAction;
  key: string;
  label: string;
  changes: PlanChange[];
  changed: Set<string>;
  stored?: StoredInstitution | StoredDepartment | StoredPackage | StoredAgreement;
}

/** A plan and what applying it takes (kept in memory, never stored). */
export interface PlannedImport {
  plan: CataloguePlan;
  ops: Op[];
  cityIds: Map<string, string>;
  insurerIds: Map<string, string>;
}

const ENTITY_ORDER: EntityKey[] = ["institutions", "departments", "packages", "agreements"];

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

function problem(
  row: ParsedRow,
  column: string | null,
  code: RowProblemCode,
  params: Record<string, string | number>,
): void {
  row.problems.push({ sheet: row.sheet, row: row.row, column, code, params } satisfies RowProblem);
}

/** The per-language text columns of an entity: `<prefix>_<locale>` → the translation field. */
const textColumns: Record<Exclude<EntityKey, "agreements">, { prefix: string; field: string }[]> = {
  institutions: [
    { prefix: "name", field: "name" },
    { prefix: "address", field: "address" },
    { prefix: "intl_dept_name", field: "intlDeptName" },
    { prefix: "description", field: "description" },
  ],
  departments: [
    { prefix: "name", field: "name" },
    { prefix: "description", field: "description" },
  ],
  packages: [
    { prefix: "name", field: "name" },
    { prefix: "description", field: "description" },
    { prefix: "treatment_plan", field: "treatmentPlan" },
    { prefix: "expected_outcome", field: "expectedOutcome" },
    { prefix: "contraindications", field: "contraindications" },
  ],
};

/**
 * A language first written by this row needs the fields its table requires:
 * the name (institutions, departments), all five texts (packages).
 */
function checkNewLanguages(row: ParsedRow, stored: { texts: Record<string, unknown> } | undefined): void {
  if (row.entity === "agreements") return;
  const columns = textColumns[row.entity];
  const needed = row.entity === "packages" ? columns : columns.filter((c) => c.field === "name");
  for (const l of locales) {
    // An institution's Chinese name is its name_zh; English names are required columns.
    if (l === "en" || (row.entity === "institutions" && l === "zh")) continue;
    if (stored?.texts[l]) continue;
    const given = columns.some((c) => typeof row.values[`${c.prefix}_${l}`] === "string");
    if (!given) continue;
    const missing = needed.find((c) => typeof row.values[`${c.prefix}_${l}`] !== "string");
    if (missing)
      problem(row, `${missing.prefix}_${l}`, "incomplete_translation", {
        language: l,
        column: `${missing.prefix}_${l}`,
      });
  }
}

function diff(row: ParsedRow, stored: object): PlanChange[] {
  const before = storedCells(row.entity, stored);
  return Object.entries(row.values).flatMap(([column, value]) => {
    const after = formatCell(row.entity, column, value);
    return (before[column] ?? "") === after ? [] : [{ column, before: before[column] ?? "", after }];
  });
}

function labelOf(
  row: ParsedRow,
  cells: Record<string, string>,
  stored?: { texts: Record<string, unknown> },
): string {
  if (row.entity === "agreements") return [cells.insurer, cells.scope].filter(Boolean).join(" · ");
  const storedName = (stored?.texts.en as { name?: string | null } | undefined)?.name;
  return cells.name_en || storedName || cells.name_zh || "";
}

/**
 * The dry run: every row of `file` against the catalogue as `tx` sees it.
 * Reads only; the caller stores the plan (a job) or applies it.
 */
export async function planCatalogue(
  tx: TxClient,
  scope: ImportScope,
  file: CatalogueFile,
): Promise<PlannedImport> {
  const inScope = (cityId: string) => scope.cityIds === null || scope.cityIds.includes(cityId);
  const sheets = [...file.sheets].sort(
    (a, b) => ENTITY_ORDER.indexOf(a.entity) - ENTITY_ORDER.indexOf(b.entity),
  );
  const rows = sheets.flatMap((s) =>
    s.rows.map((r) => ({ parsed: parseRow(s.entity, s.sheetName, r), cells: r.cells })),
  );
  const cellProblem = new Set(
    file.problems.filter((p) => p.row !== null).map((p) => `${p.sheet}\u0000${p.row}`),
  );
  const of = (entity: EntityKey) => rows.filter((r) => r.parsed.entity === entity);
  const codesOf = (entity: EntityKey) => [
    ...new Set(of(entity).flatMap((r) => str(r.parsed.values.credit_code) ?? [])),
  ];

  const allCodes = [...new Set(rows.flatMap((r) => str(r.parsed.values.credit_code) ?? []))];
  const instSlugs = [...new Set(of("institutions").flatMap((r) => str(r.parsed.values.slug) ?? []))];
  const pkgSlugs = [...new Set(of("packages").flatMap((r) => str(r.parsed.values.package) ?? []))];
  const cities = await tx.city.findMany({ select: { id: true, slug: true } });
  const insurers = await tx.insurer.findMany({ select: { id: true, slug: true } });
  const institutions = allCodes.length ? await loadInstitutions(tx, { creditCode: { in: allCodes } }) : [];
  const holders = instSlugs.length
    ? await tx.institution.findMany({
        where: { slug: { in: instSlugs } },
        select: { id: true, slug: true, creditCode: true },
      })
    : [];
  // An institution added by the form before credit codes existed is adopted by its slug: the
  // row updates it and gives it its code, instead of refusing the slug as taken.
  const known = new Set(institutions.map((i) => i.creditCode));
  const codeless = new Map(holders.filter((h) => h.creditCode === null).map((h) => [h.slug, h.id]));
  /** Adopted institution id → the credit code its row gives it. */
  const adoptCode = new Map<string, string>();
  for (const { parsed } of of("institutions")) {
    const code = str(parsed.values.credit_code);
    const id = codeless.get(str(parsed.values.slug) ?? "");
    if (code && id && !known.has(code) && !adoptCode.has(id)) adoptCode.set(id, code);
  }
  const adopted = adoptCode.size ? await loadInstitutions(tx, { id: { in: [...adoptCode.keys()] } }) : [];
  const adoptedByCode = new Map(adopted.map((i) => [adoptCode.get(i.id)!, i]));
  const adoptedIds = [...adoptCode.keys()];
  const ofInstitutions = (codes: string[]) =>
    adoptedIds.length
      ? { OR: [{ institution: { creditCode: { in: codes } } }, { institutionId: { in: adoptedIds } }] }
      : { institution: { creditCode: { in: codes } } };
  /** Rows of an adopted institution carry the code it is being given. */
  const withAdoptedCode = <R extends { institutionId: string; creditCode: string }>(rows: R[]) => {
    for (const r of rows) if (!r.creditCode) r.creditCode = adoptCode.get(r.institutionId) ?? "";
    return rows;
  };
  const redirects = instSlugs.length
    ? await tx.institutionSlugRedirect.findMany({ where: { oldSlug: { in: instSlugs } } })
    : [];
  const depCodes = codesOf("departments");
  const departments = depCodes.length
    ? withAdoptedCode(await loadDepartments(tx, ofInstitutions(depCodes)))
    : [];
  const packages = pkgSlugs.length ? withAdoptedCode(await loadPackages(tx, { slug: { in: pkgSlugs } })) : [];
  const agrCodes = codesOf("agreements");
  const agreements = agrCodes.length
    ? withAdoptedCode(await loadAgreements(tx, ofInstitutions(agrCodes)))
    : [];

  const cityIds = new Map(cities.map((c) => [c.slug, c.id]));
  const insurerIds = new Map(insurers.map((i) => [i.slug, i.id]));
  const storedInstitution = new Map(institutions.map((i) => [i.creditCode!, i]));
  const holderOf = new Map(holders.map((h) => [h.slug, h.id]));
  const redirectOf = new Map(redirects.map((r) => [r.oldSlug, r.institutionId]));
  const storedDepartment = new Map(departments.map((d) => [`${d.creditCode}/${d.slug}`, d]));
  const storedPackage = new Map(packages.map((p) => [p.slug, p]));
  const dateKey = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : "");
  const storedAgreement = new Map(
    agreements.map((a) => [`${a.creditCode}/${a.insurerSlug}/${a.scope}/${dateKey(a.validFrom)}`, a]),
  );

  /** Institutions on the file's own sheet, by credit code (the first row with the code). */
  const fileInstitution = new Map<string, ParsedRow>();
  const ops: Op[] = [];
  const firstRowOfKey = new Map<string, number>();
  const slugRow = new Map<string, number>();

  for (const { parsed: row, cells } of rows) {
    const v = row.values;
    let stored: Op["stored"];
    const keyText = rowKey(row.entity, v);
    const keyComplete = !row.problems.some((p) => entityKeyColumns[row.entity].includes(p.column ?? ""));
    if (keyComplete) {
      const seen = firstRowOfKey.get(`${row.entity}\u0000${keyText}`);
      if (seen !== undefined) problem(row, null, "duplicate_key", { value: keyText, first: seen });
      else firstRowOfKey.set(`${row.entity}\u0000${keyText}`, row.row);
    }
    const code = str(v.credit_code);

    /** The institution a department, package or agreement row belongs to, checked for the admin's city. */
    const owner = (): { cityId: string | null } | null => {
      if (!code) return null;
      const inCatalogue = storedInstitution.get(code) ?? adoptedByCode.get(code);
      const inFile = fileInstitution.get(code);
      if (!inCatalogue && !inFile) {
        problem(row, "credit_code", "unknown_institution", { value: code });
        return null;
      }
      if (inFile && inFile.problems.length > 0)
        problem(row, "credit_code", "institution_in_error", { value: code });
      const cityId = inCatalogue?.cityId ?? cityIds.get(str(inFile?.values.city) ?? "") ?? null;
      if (cityId && !inScope(cityId)) problem(row, "credit_code", "other_city", { value: code });
      return { cityId };
    };

    if (row.entity === "institutions") {
      const inst = code ? (storedInstitution.get(code) ?? adoptedByCode.get(code)) : undefined;
      stored = inst;
      const city = str(v.city);
      if (city) {
        const cityId = cityIds.get(city);
        if (!cityId) problem(row, "city", "unknown_city", { value: city });
        else if (!inScope(cityId)) problem(row, "city", "other_city", { value: city });
      }
      if (inst && !inScope(inst.cityId)) problem(row, "credit_code", "other_city", { value: inst.citySlug });
      const slug = str(v.slug);
      if (slug) {
        const holder = holderOf.get(slug);
        const redirect = redirectOf.get(slug);
        const earlier = slugRow.get(slug);
        if ((holder && holder !== inst?.id) || (redirect && redirect !== inst?.id) || earlier !== undefined)
          problem(row, "slug", "slug_taken", { column: "slug", value: slug });
        else slugRow.set(slug, row.row);
      }
      if (code && !fileInstitution.has(code)) fileInstitution.set(code, row);
    } else if (row.entity === "departments") {
      owner();
      stored = code ? storedDepartment.get(`${code}/${str(v.department)}`) : undefined;
    } else if (row.entity === "packages") {
      const pkg = storedPackage.get(str(v.package) ?? "");
      owner();
      if (pkg && code && pkg.creditCode !== code)
        problem(row, "package", "slug_taken", { column: "package", value: pkg.slug });
      else if (pkg && !inScope(pkg.cityId)) problem(row, "package", "other_city", { value: pkg.slug });
      stored = pkg;
    } else {
      owner();
      const insurer = str(v.insurer);
      if (insurer && !insurerIds.has(insurer)) problem(row, "insurer", "unknown_insurer", { value: insurer });
      stored = storedAgreement.get(`${code}/${insurer}/${str(v.scope)}/${dateKey(v.valid_from)}`);
    }
    checkNewLanguages(row, stored as { texts: Record<string, unknown> } | undefined);

    const inError = row.problems.length > 0 || cellProblem.has(`${row.sheet}\u0000${row.row}`);
    const changes = !inError && stored ? diff(row, stored) : [];
    const action: PlanAction = inError
      ? "error"
      : !stored
        ? "create"
        : changes.length
          ? "update"
          : "unchanged";
    ops.push({
      parsed: row,
      action,
      changed: new Set(changes.map((c) => c.column)),
      stored,
      key: keyText || entityKeyFromCells(row.entity, cells),
      label: labelOf(row, cells, stored as { texts: Record<string, unknown> } | undefined),
      changes,
    });
  }

  const planRows: PlanRow[] = ops.map(({ parsed, action, key, label, changes }) => ({
    sheet: parsed.sheet,
    row: parsed.row,
    entity: parsed.entity,
    key,
    label,
    action,
    ...(action === "update" && { changes }),
    ...(parsed.problems.length > 0 && {
      problems: parsed.problems.map(({ column, code, params }) => ({ column, code, params })),
    }),
  }));
  const counts: PlanCounts = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of planRows) counts[r.action]++;
  return {
    plan: {
      format: file.format,
      rows: planRows,
      fileProblems: file.problems,
      counts,
      fingerprint: fingerprint(planRows),
    },
    ops,
    cityIds,
    insurerIds,
  };
}

function entityKeyFromCells(entity: EntityKey, cells: Record<string, string>): string {
  return entityKeyColumns[entity].map((k) => cells[k] ?? "").join(" / ");
}

/** The digest of a plan's decisions: which rows do what, with which changes. */
export function fingerprint(rows: readonly PlanRow[]): string {
  return createHash("sha256")
    .update(JSON.stringify(rows.map((r) => [r.sheet, r.row, r.key, r.action, r.changes ?? []])))
    .digest("hex");
}

// ---------------------------------------------------------------- applying

/** Rows written between two progress reports. */
export const PROGRESS_EVERY = 100;

export interface AppliedCounts extends PlanCounts {
  /** Institutions created or updated, by id (for links to them). */
  institutionIds: string[];
}

function translationWrites<E extends TranslatedEntity>(
  entity: Exclude<EntityKey, "agreements">,
  id: string,
  values: Record<string, unknown>,
  only: Set<string> | null,
  storedLocales: Set<string>,
  zhName?: string,
): TranslationWrite<E>[] {
  const writes: TranslationWrite<E>[] = [];
  for (const l of locales) {
    const fields: Record<string, string | null> = {};
    for (const { prefix, field } of textColumns[entity]) {
      const column = `${prefix}_${l}`;
      if (!(column in values) || (only && !only.has(column))) continue;
      fields[field] = (values[column] as string | null) ?? null;
    }
    if (Object.keys(fields).length === 0) continue;
    if (!storedLocales.has(l)) {
      if (entity === "institutions" && l === "zh" && typeof fields.name !== "string" && zhName)
        fields.name = zhName;
      if (Object.values(fields).every((f) => f === null)) continue;
      // A language without its required text is not created (the dry run named the missing column).
      if (typeof fields.name !== "string") continue;
    }
    writes.push({ id, locale: l, fields } as TranslationWrite<E>);
  }
  return writes;
}

const has = (values: Record<string, unknown>, only: Set<string> | null, column: string) =>
  column in values && (!only || only.has(column));

function institutionData(v: Record<string, unknown>, only: Set<string> | null, cityIds: Map<string, string>) {
  const data: Prisma.InstitutionUncheckedUpdateInput & Record<string, unknown> = {};
  const set = (column: string, field: string, map: (x: unknown) => unknown = (x) => x) => {
    if (has(v, only, column)) data[field] = map(v[column]);
  };
  set("credit_code", "creditCode");
  set("city", "cityId", (x) => cityIds.get(x as string));
  set("name_zh", "nameZh");
  set("name_zh", "namePinyin", (x) => toPinyin(x as string));
  set("address_zh", "addressZh");
  set("latitude", "latitude");
  set("longitude", "longitude");
  set("ownership", "ownership", (x) => x as Ownership);
  set("grade", "grade", (x) => x as HospitalGrade);
  set("phone", "intlDeptPhone");
  set("email", "intlDeptEmail");
  set("website", "website");
  set("emergency_24h", "emergency24h");
  set("languages", "languages");
  set("services", "services", (x) => x as InstitutionService[]);
  set("accreditations", "accreditations");
  set("accepted_payments", "acceptedPayments");
  set("hours", "intlDeptHours", (x) => x as WeeklyHours);
  set("cancellation_window_hours", "cancellationWindowHours");
  return data;
}

function departmentData(v: Record<string, unknown>, only: Set<string> | null, now: Date) {
  const data: Record<string, unknown> = {};
  if (has(v, only, "specialty")) data.specialty = v.specialty;
  if (has(v, only, "fee_cny")) data.consultationFeeFen = v.fee_cny;
  if (has(v, only, "retired")) data.retiredAt = v.retired ? now : null;
  return data;
}

function packageData(v: Record<string, unknown>, only: Set<string> | null, now: Date) {
  const data: Record<string, unknown> = {};
  if (has(v, only, "conditions")) data.conditions = v.conditions;
  if (has(v, only, "therapies")) data.therapies = v.therapies;
  if (has(v, only, "sessions")) data.sessions = v.sessions;
  if (has(v, only, "duration_days")) data.durationDays = v.duration_days;
  if (has(v, only, "price_cny")) data.priceFen = v.price_cny;
  if (has(v, only, "retired")) data.retiredAt = v.retired ? now : null;
  return data;
}

function agreementData(v: Record<string, unknown>, only: Set<string> | null) {
  const data: Record<string, unknown> = {};
  if (has(v, only, "preauth_lead_days")) {
    const days = (v.preauth_lead_days as number | null) ?? 0;
    data.preauthLeadDays = days;
    data.preauthRequired = days > 0;
  }
  if (has(v, only, "documents")) data.documents = v.documents;
  if (has(v, only, "valid_to")) data.validTo = v.valid_to;
  return data;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Writes a clean plan's creates and updates in `tx` (the caller's one
 * transaction), entity by entity in batches of PROGRESS_EVERY rows, calling
 * `progress(processedRows)` after each batch (the caller reports it outside
 * the transaction).
 */
export async function applyPlanned(
  tx: TxClient,
  planned: PlannedImport,
  now: Date,
  progress: (processedRows: number) => Promise<void> = async () => {},
): Promise<AppliedCounts> {
  if (!planIsClean(planned.plan)) throw new Error("applyPlanned: the plan has errors");
  const { cityIds, insurerIds } = planned;
  let processed = 0;
  const institutionId = new Map<string, string>();
  const touched = new Set<string>();
  const step = async (n: number) => {
    processed += n;
    await progress(processed);
  };
  const byEntity = (e: EntityKey) => planned.ops.filter((o) => o.parsed.entity === e);

  for (const op of planned.ops) {
    if (op.parsed.entity !== "institutions" || !op.stored) continue;
    institutionId.set(op.parsed.values.credit_code as string, (op.stored as StoredInstitution).id);
  }
  // Departments, packages and agreements of institutions this file does not list.
  const missing = [
    ...new Set(
      planned.ops
        .filter((o) => o.parsed.entity !== "institutions")
        .map((o) => o.parsed.values.credit_code as string)
        .filter((c) => !institutionId.has(c)),
    ),
  ];
  if (missing.length)
    for (const i of await tx.institution.findMany({
      where: { creditCode: { in: missing } },
      select: { id: true, creditCode: true },
    }))
      institutionId.set(i.creditCode!, i.id);

  // Institutions.
  for (const batch of chunks(byEntity("institutions"), PROGRESS_EVERY)) {
    const creates = batch.filter((o) => o.action === "create");
    if (creates.length) {
      const created = await tx.institution.createManyAndReturn({
        data: creates.map(({ parsed: { values: v } }) => ({
          ...(institutionData(v, null, cityIds) as Prisma.InstitutionCreateManyInput),
          slug: v.slug as string,
        })),
        select: { id: true, creditCode: true },
      });
      for (const c of created) institutionId.set(c.creditCode!, c.id);
    }
    const writes: TranslationWrite<"institution">[] = [];
    for (const op of batch) {
      const v = op.parsed.values;
      const id = institutionId.get(v.credit_code as string)!;
      if (op.action === "create") {
        touched.add(id);
        writes.push(
          ...translationWrites<"institution">("institutions", id, v, null, new Set(), v.name_zh as string),
        );
      } else if (op.action === "update") {
        touched.add(id);
        const s = op.stored as StoredInstitution;
        if (op.changed.has("slug")) await renameInstitutionSlug(tx, id, v.slug as string);
        const data = institutionData(v, op.changed, cityIds);
        if (Object.keys(data).length) await tx.institution.update({ where: { id }, data });
        writes.push(
          ...translationWrites<"institution">(
            "institutions",
            id,
            v,
            op.changed,
            new Set(Object.keys(s.texts)),
            (v.name_zh as string | undefined) ?? s.nameZh,
          ),
        );
      }
    }
    await writeTranslations(tx, "institution", writes, now);
    await step(batch.length);
  }

  // Departments, packages: rows with their own translations.
  for (const entity of ["departments", "packages"] as const) {
    const translated = entity === "departments" ? "department" : "package";
    for (const batch of chunks(byEntity(entity), PROGRESS_EVERY)) {
      const creates = batch.filter((o) => o.action === "create");
      const ids = new Map<Op, string>();
      if (creates.length) {
        if (entity === "departments") {
          const created = await tx.department.createManyAndReturn({
            data: creates.map(({ parsed: { values: v } }) => ({
              institutionId: institutionId.get(v.credit_code as string)!,
              slug: v.department as string,
              specialty: v.specialty as string,
              consultationFeeFen: v.fee_cny as number,
              retiredAt: v.retired ? now : null,
            })),
            select: { id: true, institutionId: true, slug: true },
          });
          const byKey = new Map(created.map((c) => [`${c.institutionId}/${c.slug}`, c.id]));
          for (const op of creates)
            ids.set(
              op,
              byKey.get(
                `${institutionId.get(op.parsed.values.credit_code as string)}/${op.parsed.values.department as string}`,
              )!,
            );
        } else {
          const created = await tx.tcmPackage.createManyAndReturn({
            data: creates.map(({ parsed: { values: v } }) => ({
              slug: v.package as string,
              institutionId: institutionId.get(v.credit_code as string)!,
              conditions: v.conditions as string[],
              therapies: v.therapies as string[],
              sessions: v.sessions as number,
              durationDays: v.duration_days as number,
              priceFen: v.price_cny as number,
              retiredAt: v.retired ? now : null,
            })),
            select: { id: true, slug: true },
          });
          const bySlug = new Map(created.map((c) => [c.slug, c.id]));
          for (const op of creates) ids.set(op, bySlug.get(op.parsed.values.package as string)!);
        }
      }
      const writes: TranslationWrite<"department" | "package">[] = [];
      for (const op of batch) {
        const v = op.parsed.values;
        if (op.action === "create") {
          touched.add(institutionId.get(v.credit_code as string)!);
          writes.push(...translationWrites(entity, ids.get(op)!, v, null, new Set()));
        } else if (op.action === "update") {
          const s = op.stored as StoredDepartment | StoredPackage;
          touched.add(s.institutionId);
          const data =
            entity === "departments" ? departmentData(v, op.changed, now) : packageData(v, op.changed, now);
          if (Object.keys(data).length)
            if (entity === "departments") await tx.department.update({ where: { id: s.id }, data });
            else await tx.tcmPackage.update({ where: { id: s.id }, data });
          writes.push(...translationWrites(entity, s.id, v, op.changed, new Set(Object.keys(s.texts))));
        }
      }
      await writeTranslations(tx, translated, writes as TranslationWrite<typeof translated>[], now);
      await step(batch.length);
    }
  }

  // Agreements.
  for (const batch of chunks(byEntity("agreements"), PROGRESS_EVERY)) {
    const creates = batch.filter((o) => o.action === "create");
    if (creates.length)
      await tx.directBillingAgreement.createMany({
        data: creates.map(({ parsed: { values: v } }) => ({
          institutionId: institutionId.get(v.credit_code as string)!,
          insurerId: insurerIds.get(v.insurer as string)!,
          scope: v.scope as VisitKind,
          validFrom: v.valid_from as Date,
          ...(agreementData(v, null) as { preauthLeadDays?: number; preauthRequired?: boolean }),
        })),
      });
    for (const op of batch) {
      if (op.action === "create") touched.add(institutionId.get(op.parsed.values.credit_code as string)!);
      if (op.action !== "update") continue;
      const s = op.stored as StoredAgreement;
      touched.add(s.institutionId);
      await tx.directBillingAgreement.update({
        where: { id: s.id },
        data: agreementData(op.parsed.values, op.changed),
      });
    }
    await step(batch.length);
  }

  return { ...planned.plan.counts, institutionIds: [...touched] };
}
