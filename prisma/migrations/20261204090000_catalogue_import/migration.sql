-- Issue 19: bulk onboarding, editing what could not be edited, and a
-- translator's workflow.
--
-- An institution carries its unified social credit code (GB 32100-2015, 18
-- characters of digits and capitals without I, O, S, V and Z), the stable key
-- a re-import updates by. Existing rows have none until an import or an admin
-- gives them one. The check digit is verified by lib/catalogue/credit-code.ts
-- (a CHECK cannot say it readably), the alphabet and length here.
ALTER TABLE "institution" ADD COLUMN "credit_code" TEXT;
CREATE UNIQUE INDEX "institution_credit_code_key" ON "institution"("credit_code");
ALTER TABLE "institution" ADD CONSTRAINT "institution_credit_code_format"
  CHECK ("credit_code" IS NULL OR "credit_code" ~ '^[0-9A-HJ-NP-RTUWXY]{18}$');

-- A renamed institution's old slugs answer with a permanent redirect.
CREATE TABLE "institution_slug_redirect" (
    "old_slug" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "institution_slug_redirect_pkey" PRIMARY KEY ("old_slug")
);
CREATE INDEX "institution_slug_redirect_institution_id_idx" ON "institution_slug_redirect"("institution_id");
ALTER TABLE "institution_slug_redirect" ADD CONSTRAINT "institution_slug_redirect_institution_id_fkey"
  FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Retired departments and packages keep their bookings and leave search and booking.
ALTER TABLE "department" ADD COLUMN "retired_at" TIMESTAMPTZ(3);
ALTER TABLE "tcm_package" ADD COLUMN "retired_at" TIMESTAMPTZ(3);

-- When each language's text was last changed (not merely saved again): a
-- translation written before its English source last changed is outdated.
ALTER TABLE "institution_translation" ADD COLUMN "written_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "department_translation" ADD COLUMN "written_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "tcm_package_translation" ADD COLUMN "written_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- An uploaded file, its dry run and its application. The file is kept until
-- it is applied (apply re-reads exactly the bytes the dry run showed), the
-- progress is written outside the applying transaction so a reloaded page
-- sees it.
CREATE TYPE "ImportKind" AS ENUM ('CATALOGUE', 'TRANSLATION');
CREATE TYPE "ImportStatus" AS ENUM ('PLANNED', 'APPLYING', 'APPLIED', 'FAILED');
CREATE TABLE "import_job" (
    "id" TEXT NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "city_id" TEXT,
    "created_by_id" TEXT,
    "file_name" TEXT NOT NULL,
    "file_sha256" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "file" BYTEA,
    "status" "ImportStatus" NOT NULL DEFAULT 'PLANNED',
    "plan" JSONB NOT NULL DEFAULT '{}',
    "total_rows" INTEGER NOT NULL DEFAULT 0,
    "processed_rows" INTEGER NOT NULL DEFAULT 0,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "error_code" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "applied_at" TIMESTAMPTZ(3),
    CONSTRAINT "import_job_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "import_job_city_id_created_at_idx" ON "import_job"("city_id", "created_at");
CREATE INDEX "import_job_created_by_id_created_at_idx" ON "import_job"("created_by_id", "created_at");
ALTER TABLE "import_job" ADD CONSTRAINT "import_job_city_id_fkey"
  FOREIGN KEY ("city_id") REFERENCES "city"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "import_job" ADD CONSTRAINT "import_job_created_by_id_fkey"
  FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
