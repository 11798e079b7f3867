// The catalogue import without a job: plan and apply one file in one
// transaction, all or nothing. The demo seed loads its catalogue through it
// at first start, so every fresh clone runs the importer; a file with a
// problem throws IMPORT_HAS_ERRORS listing each (sheet, row, column, code).
import { createHash } from "node:crypto";
import { recordAudit } from "../../audit/record-audit";
import type { DbClient } from "../../db/create-client";
import { AppError } from "../../errors";
import { applyPlanned, planCatalogue, planIsClean, type AppliedCounts } from "./catalogue-import";
import { APPLY_TIMEOUT_MS } from "./apply-catalogue-import";
import { readCatalogueFile } from "./read-file";

export interface ImportCatalogueFileInput {
  bytes: Uint8Array;
  fileName: string;
  /** Every city ("all"), or the one city whose rows the file may hold. */
  cityScope: "all" | string;
  /** Who imports (audited); null for the seed. */
  actorId: string | null;
}

export async function importCatalogueFile(
  db: DbClient,
  input: ImportCatalogueFileInput,
  now: Date = new Date(),
): Promise<AppliedCounts> {
  const file = await readCatalogueFile(input.bytes, input.fileName);
  const cityIds = input.cityScope === "all" ? null : [input.cityScope];
  return db.$transaction(
    async (tx) => {
      const planned = await planCatalogue(tx, { cityIds }, file);
      if (!planIsClean(planned.plan)) {
        const problems = [
          ...planned.plan.fileProblems.map(
            (p) => `${p.sheet} row ${p.row ?? "-"} ${p.column ?? "-"}: ${p.code}`,
          ),
          ...planned.plan.rows.flatMap((r) =>
            (r.problems ?? []).map(
              (p) => `${r.sheet} row ${r.row} ${p.column ?? "-"}: ${p.code} ${JSON.stringify(p.params)}`,
            ),
          ),
        ];
        throw new AppError("IMPORT_HAS_ERRORS", {
          detail: `${input.fileName}: ${problems.length} problem(s)\n${problems.join("\n")}`,
        });
      }
      const applied = await applyPlanned(tx, planned, now);
      const sha256 = createHash("sha256").update(input.bytes).digest("hex");
      await recordAudit(tx, {
        actorId: input.actorId,
        actorRole: null,
        action: "catalogue.import.apply",
        entityType: "import_job",
        entityId: sha256,
        cityId: cityIds?.[0] ?? null,
        after: { fileName: input.fileName, sha256, counts: { ...planned.plan.counts } },
      });
      return applied;
    },
    { timeout: APPLY_TIMEOUT_MS, maxWait: 15_000 },
  );
}
