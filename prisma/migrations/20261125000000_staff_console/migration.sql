-- DropIndex
DROP INDEX "session_token_hash_key";

-- AlterTable
ALTER TABLE "booking" ADD COLUMN     "interpreter_ack_at" TIMESTAMPTZ(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "visa_letter_wanted" BOOLEAN NOT NULL DEFAULT false;


-- Sessions were never issued before this migration, but be safe: none survive it
DELETE FROM "session";

-- AlterTable
ALTER TABLE "session" DROP COLUMN "ip",
DROP COLUMN "last_seen_at",
DROP COLUMN "token_hash",
ADD COLUMN     "ip_address" TEXT,
ADD COLUMN     "token" TEXT NOT NULL,
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL;

-- AlterTable
ALTER TABLE "audit_event" ADD COLUMN     "actor_role" "Role",
ADD COLUMN     "after" JSONB,
ADD COLUMN     "before" JSONB;

-- CreateTable
CREATE TABLE "visa_letter" (
    "id" TEXT NOT NULL,
    "booking_id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "stay_from" DATE NOT NULL,
    "stay_to" DATE NOT NULL,
    "issued_by_id" TEXT,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "visa_letter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "password" TEXT,
    "access_token" TEXT,
    "refresh_token" TEXT,
    "id_token" TEXT,
    "access_token_expires_at" TIMESTAMPTZ(3),
    "refresh_token_expires_at" TIMESTAMPTZ(3),
    "scope" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- Move existing password hashes (argon2id) into credential accounts, then drop the column
INSERT INTO "account" ("id", "user_id", "account_id", "provider_id", "password", "updated_at")
SELECT 'acc_' || "id", "id", "id", 'credential', "password_hash", now() FROM "user" WHERE "password_hash" IS NOT NULL;

-- AlterTable
ALTER TABLE "user" DROP COLUMN "password_hash",
ADD COLUMN     "email_verified" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "image" TEXT;

-- CreateTable
CREATE TABLE "verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "verification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "visa_letter_booking_id_key" ON "visa_letter"("booking_id");

-- CreateIndex
CREATE UNIQUE INDEX "visa_letter_number_key" ON "visa_letter"("number");

-- CreateIndex
CREATE INDEX "account_user_id_idx" ON "account"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "account_provider_id_account_id_key" ON "account"("provider_id", "account_id");

-- CreateIndex
CREATE INDEX "verification_identifier_idx" ON "verification"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_key" ON "session"("token");

-- AddForeignKey
ALTER TABLE "visa_letter" ADD CONSTRAINT "visa_letter_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visa_letter" ADD CONSTRAINT "visa_letter_issued_by_id_fkey" FOREIGN KEY ("issued_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Visa letters cover a real stay
ALTER TABLE "visa_letter" ADD CONSTRAINT "visa_letter_stay_check" CHECK ("stay_to" >= "stay_from");

-- AddForeignKey
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One schedule per department and per package, so the console edits the one that publishes
CREATE UNIQUE INDEX "schedule_department_unique" ON "schedule"("department_id") WHERE "department_id" IS NOT NULL;
CREATE UNIQUE INDEX "schedule_package_unique" ON "schedule"("package_id") WHERE "package_id" IS NOT NULL;

-- The day view reads a day of an institution's bookings through their slots
CREATE INDEX "booking_patient_name_idx" ON "booking" USING gin ("patient_name" gin_trgm_ops);
