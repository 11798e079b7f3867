-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Ownership" AS ENUM ('PUBLIC', 'PRIVATE', 'FOREIGN_OWNED');

-- CreateEnum
CREATE TYPE "HospitalGrade" AS ENUM ('TERTIARY_A', 'TERTIARY', 'SECONDARY_A', 'SECONDARY', 'PRIMARY', 'UNGRADED');

-- CreateEnum
CREATE TYPE "InstitutionService" AS ENUM ('INTERPRETER', 'VISA_SUPPORT_LETTER', 'PRIVATE_CONSULTATION_ROOM', 'AIRPORT_PICKUP');

-- CreateEnum
CREATE TYPE "GuideCriterion" AS ENUM ('INTERNATIONAL_SERVICE_POINT', 'FOREIGN_LANGUAGE_CONSULTATION', 'MULTILINGUAL_SIGNAGE', 'APPOINTMENT_BOOKING', 'DIRECT_BILLING_OR_SELF_PAY_PROCESS', 'CONSULTATION_PRIVACY', 'INTERPRETER_ACCESS');

-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('PENDING_CONFIRMATION', 'CONFIRMED', 'CANCELLED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('DIRECT_BILLING', 'SELF_PAY');

-- CreateEnum
CREATE TYPE "VisitKind" AS ENUM ('OUTPATIENT', 'INPATIENT', 'TCM_PACKAGE');

-- CreateEnum
CREATE TYPE "GuaranteeStatus" AS ENUM ('PENDING', 'APPROVED', 'DENIED');

-- CreateEnum
CREATE TYPE "QuotaScope" AS ENUM ('NATIONAL', 'CITY', 'INSTITUTION');

-- CreateEnum
CREATE TYPE "GuideVersionStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "GuideSectionKey" AS ENUM ('EMERGENCIES', 'HOW_TO_BOOK', 'INSTITUTIONS', 'PAYING', 'SOCIAL_INSURANCE', 'VISAS', 'TCM', 'PHARMACIES', 'PRIVACY');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('HOSPITAL_STAFF', 'HOSPITAL_MANAGER', 'CITY_ADMIN', 'SYSTEM_ADMIN');

-- CreateEnum
CREATE TYPE "AuthTokenPurpose" AS ENUM ('PASSWORD_RESET', 'INVITATION');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "city" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name_zh" TEXT NOT NULL,
    "province" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "emergency_ambulance" TEXT NOT NULL DEFAULT '120',
    "emergency_police" TEXT NOT NULL DEFAULT '110',
    "emergency_fire" TEXT NOT NULL DEFAULT '119',
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "city_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "city_translation" (
    "city_id" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "city_translation_pkey" PRIMARY KEY ("city_id","locale")
);

-- CreateTable
CREATE TABLE "institution" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "city_id" TEXT NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_pinyin" TEXT NOT NULL DEFAULT '',
    "address_zh" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "ownership" "Ownership" NOT NULL,
    "grade" "HospitalGrade" NOT NULL DEFAULT 'UNGRADED',
    "accreditations" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "services" "InstitutionService"[] DEFAULT ARRAY[]::"InstitutionService"[],
    "emergency_24h" BOOLEAN NOT NULL DEFAULT false,
    "intl_dept_phone" TEXT NOT NULL,
    "intl_dept_email" TEXT,
    "intl_dept_hours" JSONB NOT NULL DEFAULT '[]',
    "website" TEXT,
    "cancellation_window_hours" INTEGER NOT NULL DEFAULT 24,
    "guide_listed" BOOLEAN NOT NULL DEFAULT false,
    "guide_listed_at" TIMESTAMPTZ(3),
    "guide_listed_by_id" TEXT,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "institution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "institution_translation" (
    "institution_id" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT,
    "intl_dept_name" TEXT,
    "description" TEXT,

    CONSTRAINT "institution_translation_pkey" PRIMARY KEY ("institution_id","locale")
);

-- CreateTable
CREATE TABLE "institution_criterion" (
    "institution_id" TEXT NOT NULL,
    "criterion" "GuideCriterion" NOT NULL,
    "met" BOOLEAN NOT NULL,
    "evidence" TEXT,
    "checked_by_id" TEXT,
    "checked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "institution_criterion_pkey" PRIMARY KEY ("institution_id","criterion")
);

-- CreateTable
CREATE TABLE "department" (
    "id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "specialty" TEXT NOT NULL,
    "consultation_fee_fen" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "department_translation" (
    "department_id" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,

    CONSTRAINT "department_translation_pkey" PRIMARY KEY ("department_id","locale")
);

-- CreateTable
CREATE TABLE "tcm_package" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "conditions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "therapies" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sessions" INTEGER NOT NULL,
    "duration_days" INTEGER NOT NULL,
    "price_fen" INTEGER NOT NULL,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tcm_package_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tcm_package_translation" (
    "package_id" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "treatment_plan" TEXT NOT NULL,
    "expected_outcome" TEXT NOT NULL,
    "contraindications" TEXT NOT NULL,

    CONSTRAINT "tcm_package_translation_pkey" PRIMARY KEY ("package_id","locale")
);

-- CreateTable
CREATE TABLE "schedule" (
    "id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "department_id" TEXT,
    "package_id" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "schedule_rule" (
    "id" TEXT NOT NULL,
    "schedule_id" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "start_minute" INTEGER NOT NULL,
    "end_minute" INTEGER NOT NULL,
    "slot_minutes" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,

    CONSTRAINT "schedule_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "schedule_closure" (
    "id" TEXT NOT NULL,
    "schedule_id" TEXT NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "reason" TEXT,

    CONSTRAINT "schedule_closure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "slot" (
    "id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "schedule_id" TEXT,
    "department_id" TEXT,
    "package_id" TEXT,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "booked" INTEGER NOT NULL DEFAULT 0,
    "closed" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hold" (
    "id" TEXT NOT NULL,
    "slot_id" TEXT NOT NULL,
    "client_key" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "slot_id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "department_id" TEXT,
    "package_id" TEXT,
    "units" INTEGER NOT NULL,
    "quota_period_id" TEXT,
    "status" "BookingStatus" NOT NULL,
    "locale" TEXT NOT NULL,
    "patient_name" TEXT NOT NULL,
    "patient_nationality" TEXT NOT NULL,
    "patient_date_of_birth" DATE NOT NULL,
    "patient_email" TEXT NOT NULL,
    "patient_phone" TEXT NOT NULL,
    "preferred_language" TEXT NOT NULL,
    "reason_for_visit" TEXT NOT NULL,
    "interpreter_wanted" BOOLEAN NOT NULL DEFAULT false,
    "passport_number_enc" TEXT,
    "payment_method" "PaymentMethod" NOT NULL,
    "insurer_id" TEXT,
    "policy_number_enc" TEXT,
    "member_name" TEXT,
    "consent_terms_at" TIMESTAMPTZ(3) NOT NULL,
    "consent_sensitive_at" TIMESTAMPTZ(3) NOT NULL,
    "manage_token_hash" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "cancel_reason" TEXT,
    "cancelled_at" TIMESTAMPTZ(3),
    "cancelled_by_id" TEXT,
    "confirmed_at" TIMESTAMPTZ(3),
    "checked_in_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "anonymized_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "insurer" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "website" TEXT,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "insurer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "direct_billing_agreement" (
    "id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "insurer_id" TEXT NOT NULL,
    "scope" "VisitKind" NOT NULL,
    "preauth_required" BOOLEAN NOT NULL DEFAULT false,
    "preauth_lead_days" INTEGER NOT NULL DEFAULT 0,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "direct_billing_agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "guarantee_of_payment" (
    "id" TEXT NOT NULL,
    "booking_id" TEXT NOT NULL,
    "agreement_id" TEXT NOT NULL,
    "status" "GuaranteeStatus" NOT NULL DEFAULT 'PENDING',
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_id" TEXT,
    "reason" TEXT,

    CONSTRAINT "guarantee_of_payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quota_rule" (
    "id" TEXT NOT NULL,
    "scope" "QuotaScope" NOT NULL,
    "city_id" TEXT,
    "institution_id" TEXT,
    "cap_percent" DECIMAL(5,2) NOT NULL DEFAULT 10,
    "effective_from" DATE NOT NULL,
    "effective_to" DATE,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quota_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quota_period" (
    "id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "declared_volume" INTEGER,
    "cap_units" INTEGER,
    "used_units" INTEGER NOT NULL DEFAULT 0,
    "published_units" INTEGER NOT NULL DEFAULT 0,
    "declared_by_id" TEXT,
    "locked_at" TIMESTAMPTZ(3),
    "locked_by_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "quota_period_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "guide" (
    "id" TEXT NOT NULL,
    "city_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "guide_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "guide_version" (
    "id" TEXT NOT NULL,
    "guide_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "GuideVersionStatus" NOT NULL DEFAULT 'DRAFT',
    "institutions_snapshot" JSONB,
    "published_at" TIMESTAMPTZ(3),
    "published_by_id" TEXT,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "guide_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "guide_section" (
    "id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "key" "GuideSectionKey" NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "guide_section_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "guide_section_translation" (
    "section_id" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "guide_section_translation_pkey" PRIMARY KEY ("section_id","locale")
);

-- CreateTable
CREATE TABLE "user" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_assignment" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "institution_id" TEXT,
    "city_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_agent" TEXT,
    "ip" TEXT,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_token" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "purpose" "AuthTokenPurpose" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "auth_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" TEXT NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "institution_id" TEXT,
    "city_id" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_message" (
    "id" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "to_email" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "city_slug_key" ON "city"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "institution_slug_key" ON "institution"("slug");

-- CreateIndex
CREATE INDEX "institution_city_id_idx" ON "institution"("city_id");

-- CreateIndex
CREATE INDEX "institution_ownership_idx" ON "institution"("ownership");

-- CreateIndex
CREATE INDEX "institution_languages_idx" ON "institution" USING GIN ("languages");

-- CreateIndex
CREATE INDEX "institution_accreditations_idx" ON "institution" USING GIN ("accreditations");

-- CreateIndex
CREATE INDEX "institution_services_idx" ON "institution" USING GIN ("services");

-- CreateIndex
CREATE INDEX "institution_guide_listed_idx" ON "institution"("guide_listed");

-- CreateIndex
CREATE INDEX "institution_translation_locale_idx" ON "institution_translation"("locale");

-- CreateIndex
CREATE INDEX "department_specialty_idx" ON "department"("specialty");

-- CreateIndex
CREATE UNIQUE INDEX "department_institution_id_slug_key" ON "department"("institution_id", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "tcm_package_slug_key" ON "tcm_package"("slug");

-- CreateIndex
CREATE INDEX "tcm_package_institution_id_idx" ON "tcm_package"("institution_id");

-- CreateIndex
CREATE INDEX "tcm_package_conditions_idx" ON "tcm_package" USING GIN ("conditions");

-- CreateIndex
CREATE INDEX "tcm_package_therapies_idx" ON "tcm_package" USING GIN ("therapies");

-- CreateIndex
CREATE INDEX "schedule_institution_id_idx" ON "schedule"("institution_id");

-- CreateIndex
CREATE INDEX "schedule_department_id_idx" ON "schedule"("department_id");

-- CreateIndex
CREATE INDEX "schedule_package_id_idx" ON "schedule"("package_id");

-- CreateIndex
CREATE INDEX "schedule_rule_schedule_id_idx" ON "schedule_rule"("schedule_id");

-- CreateIndex
CREATE INDEX "schedule_closure_schedule_id_idx" ON "schedule_closure"("schedule_id");

-- CreateIndex
CREATE INDEX "slot_department_id_starts_at_idx" ON "slot"("department_id", "starts_at");

-- CreateIndex
CREATE INDEX "slot_package_id_starts_at_idx" ON "slot"("package_id", "starts_at");

-- CreateIndex
CREATE INDEX "slot_institution_id_starts_at_idx" ON "slot"("institution_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "slot_schedule_id_starts_at_key" ON "slot"("schedule_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "hold_token_hash_key" ON "hold"("token_hash");

-- CreateIndex
CREATE INDEX "hold_slot_id_expires_at_idx" ON "hold"("slot_id", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "hold_slot_id_client_key_key" ON "hold"("slot_id", "client_key");

-- CreateIndex
CREATE UNIQUE INDEX "booking_reference_key" ON "booking"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "booking_manage_token_hash_key" ON "booking"("manage_token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "booking_idempotency_key_key" ON "booking"("idempotency_key");

-- CreateIndex
CREATE INDEX "booking_institution_id_status_idx" ON "booking"("institution_id", "status");

-- CreateIndex
CREATE INDEX "booking_slot_id_idx" ON "booking"("slot_id");

-- CreateIndex
CREATE INDEX "booking_patient_email_idx" ON "booking"("patient_email");

-- CreateIndex
CREATE UNIQUE INDEX "insurer_slug_key" ON "insurer"("slug");

-- CreateIndex
CREATE INDEX "direct_billing_agreement_institution_id_insurer_id_scope_idx" ON "direct_billing_agreement"("institution_id", "insurer_id", "scope");

-- CreateIndex
CREATE INDEX "direct_billing_agreement_insurer_id_scope_idx" ON "direct_billing_agreement"("insurer_id", "scope");

-- CreateIndex
CREATE UNIQUE INDEX "guarantee_of_payment_booking_id_key" ON "guarantee_of_payment"("booking_id");

-- CreateIndex
CREATE INDEX "quota_rule_scope_city_id_institution_id_idx" ON "quota_rule"("scope", "city_id", "institution_id");

-- CreateIndex
CREATE UNIQUE INDEX "quota_period_institution_id_month_key" ON "quota_period"("institution_id", "month");

-- CreateIndex
CREATE UNIQUE INDEX "guide_city_id_key" ON "guide"("city_id");

-- CreateIndex
CREATE UNIQUE INDEX "guide_version_guide_id_version_key" ON "guide_version"("guide_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "guide_section_version_id_key_key" ON "guide_section"("version_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

-- CreateIndex
CREATE INDEX "role_assignment_institution_id_idx" ON "role_assignment"("institution_id");

-- CreateIndex
CREATE INDEX "role_assignment_city_id_idx" ON "role_assignment"("city_id");

-- CreateIndex
CREATE UNIQUE INDEX "role_assignment_user_id_role_institution_id_city_id_key" ON "role_assignment"("user_id", "role", "institution_id", "city_id");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_hash_key" ON "session"("token_hash");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "auth_token_token_hash_key" ON "auth_token"("token_hash");

-- CreateIndex
CREATE INDEX "auth_token_user_id_purpose_idx" ON "auth_token"("user_id", "purpose");

-- CreateIndex
CREATE INDEX "audit_event_entity_type_entity_id_idx" ON "audit_event"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_event_institution_id_created_at_idx" ON "audit_event"("institution_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_event_city_id_created_at_idx" ON "audit_event"("city_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_message_dedupe_key_key" ON "outbox_message"("dedupe_key");

-- CreateIndex
CREATE INDEX "outbox_message_status_next_attempt_at_idx" ON "outbox_message"("status", "next_attempt_at");

-- AddForeignKey
ALTER TABLE "city_translation" ADD CONSTRAINT "city_translation_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "city"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "institution" ADD CONSTRAINT "institution_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "city"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "institution" ADD CONSTRAINT "institution_guide_listed_by_id_fkey" FOREIGN KEY ("guide_listed_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "institution_translation" ADD CONSTRAINT "institution_translation_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "institution_criterion" ADD CONSTRAINT "institution_criterion_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "institution_criterion" ADD CONSTRAINT "institution_criterion_checked_by_id_fkey" FOREIGN KEY ("checked_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "department" ADD CONSTRAINT "department_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "department_translation" ADD CONSTRAINT "department_translation_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tcm_package" ADD CONSTRAINT "tcm_package_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tcm_package_translation" ADD CONSTRAINT "tcm_package_translation_package_id_fkey" FOREIGN KEY ("package_id") REFERENCES "tcm_package"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule" ADD CONSTRAINT "schedule_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule" ADD CONSTRAINT "schedule_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule" ADD CONSTRAINT "schedule_package_id_fkey" FOREIGN KEY ("package_id") REFERENCES "tcm_package"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule_rule" ADD CONSTRAINT "schedule_rule_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "schedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule_closure" ADD CONSTRAINT "schedule_closure_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "schedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot" ADD CONSTRAINT "slot_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot" ADD CONSTRAINT "slot_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "schedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot" ADD CONSTRAINT "slot_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot" ADD CONSTRAINT "slot_package_id_fkey" FOREIGN KEY ("package_id") REFERENCES "tcm_package"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hold" ADD CONSTRAINT "hold_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "slot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "slot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_package_id_fkey" FOREIGN KEY ("package_id") REFERENCES "tcm_package"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_quota_period_id_fkey" FOREIGN KEY ("quota_period_id") REFERENCES "quota_period"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_insurer_id_fkey" FOREIGN KEY ("insurer_id") REFERENCES "insurer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_cancelled_by_id_fkey" FOREIGN KEY ("cancelled_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "direct_billing_agreement" ADD CONSTRAINT "direct_billing_agreement_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "direct_billing_agreement" ADD CONSTRAINT "direct_billing_agreement_insurer_id_fkey" FOREIGN KEY ("insurer_id") REFERENCES "insurer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guarantee_of_payment" ADD CONSTRAINT "guarantee_of_payment_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guarantee_of_payment" ADD CONSTRAINT "guarantee_of_payment_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "direct_billing_agreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guarantee_of_payment" ADD CONSTRAINT "guarantee_of_payment_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quota_rule" ADD CONSTRAINT "quota_rule_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "city"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quota_rule" ADD CONSTRAINT "quota_rule_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quota_rule" ADD CONSTRAINT "quota_rule_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quota_period" ADD CONSTRAINT "quota_period_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guide" ADD CONSTRAINT "guide_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "city"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guide_version" ADD CONSTRAINT "guide_version_guide_id_fkey" FOREIGN KEY ("guide_id") REFERENCES "guide"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guide_version" ADD CONSTRAINT "guide_version_published_by_id_fkey" FOREIGN KEY ("published_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guide_version" ADD CONSTRAINT "guide_version_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guide_section" ADD CONSTRAINT "guide_section_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "guide_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guide_section_translation" ADD CONSTRAINT "guide_section_translation_section_id_fkey" FOREIGN KEY ("section_id") REFERENCES "guide_section"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "city"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auth_token" ADD CONSTRAINT "auth_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------
-- Invariants Prisma cannot express, written by hand (docs/decisions/0004).
-- ---------------------------------------------------------------------------
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Locales are short BCP 47 tags such as "en" or "zh".
ALTER TABLE "city_translation" ADD CONSTRAINT "city_translation_locale_check" CHECK ("locale" ~ '^[a-z]{2}(-[A-Z]{2})?$');
ALTER TABLE "institution_translation" ADD CONSTRAINT "institution_translation_locale_check" CHECK ("locale" ~ '^[a-z]{2}(-[A-Z]{2})?$');
ALTER TABLE "department_translation" ADD CONSTRAINT "department_translation_locale_check" CHECK ("locale" ~ '^[a-z]{2}(-[A-Z]{2})?$');
ALTER TABLE "tcm_package_translation" ADD CONSTRAINT "tcm_package_translation_locale_check" CHECK ("locale" ~ '^[a-z]{2}(-[A-Z]{2})?$');
ALTER TABLE "guide_section_translation" ADD CONSTRAINT "guide_section_translation_locale_check" CHECK ("locale" ~ '^[a-z]{2}(-[A-Z]{2})?$');

-- Catalogue
ALTER TABLE "institution" ADD CONSTRAINT "institution_coordinates_check" CHECK ("latitude" BETWEEN -90 AND 90 AND "longitude" BETWEEN -180 AND 180);
ALTER TABLE "institution" ADD CONSTRAINT "institution_cancellation_window_check" CHECK ("cancellation_window_hours" BETWEEN 0 AND 720);
ALTER TABLE "institution" ADD CONSTRAINT "institution_slug_check" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "department" ADD CONSTRAINT "department_fee_check" CHECK ("consultation_fee_fen" >= 0);
ALTER TABLE "tcm_package" ADD CONSTRAINT "tcm_package_sessions_check" CHECK ("sessions" > 0);
ALTER TABLE "tcm_package" ADD CONSTRAINT "tcm_package_duration_check" CHECK ("duration_days" > 0);
ALTER TABLE "tcm_package" ADD CONSTRAINT "tcm_package_price_check" CHECK ("price_fen" >= 0);

-- Free-text search over names in every locale, the Chinese name and its pinyin.
CREATE INDEX "institution_translation_name_trgm_idx" ON "institution_translation" USING gin ("name" gin_trgm_ops);
CREATE INDEX "institution_name_zh_trgm_idx" ON "institution" USING gin ("name_zh" gin_trgm_ops);
CREATE INDEX "institution_name_pinyin_trgm_idx" ON "institution" USING gin ("name_pinyin" gin_trgm_ops);

-- Scheduling: a schedule (and so a slot) is for exactly one department or one package.
ALTER TABLE "schedule" ADD CONSTRAINT "schedule_target_check" CHECK (num_nonnulls("department_id", "package_id") = 1);
ALTER TABLE "schedule_rule" ADD CONSTRAINT "schedule_rule_weekday_check" CHECK ("weekday" BETWEEN 0 AND 6);
ALTER TABLE "schedule_rule" ADD CONSTRAINT "schedule_rule_minutes_check" CHECK ("start_minute" >= 0 AND "end_minute" <= 1440 AND "start_minute" < "end_minute");
ALTER TABLE "schedule_rule" ADD CONSTRAINT "schedule_rule_slot_check" CHECK ("slot_minutes" BETWEEN 5 AND 1440 AND "slot_minutes" <= "end_minute" - "start_minute");
ALTER TABLE "schedule_rule" ADD CONSTRAINT "schedule_rule_capacity_check" CHECK ("capacity" BETWEEN 1 AND 1000);
ALTER TABLE "schedule_closure" ADD CONSTRAINT "schedule_closure_dates_check" CHECK ("ends_on" >= "starts_on");

-- Rule 1: a slot is never booked beyond its capacity, whatever races for it.
ALTER TABLE "slot" ADD CONSTRAINT "slot_target_check" CHECK (num_nonnulls("department_id", "package_id") = 1);
ALTER TABLE "slot" ADD CONSTRAINT "slot_times_check" CHECK ("ends_at" > "starts_at");
ALTER TABLE "slot" ADD CONSTRAINT "slot_capacity_check" CHECK ("capacity" >= 0);
ALTER TABLE "slot" ADD CONSTRAINT "slot_booked_check" CHECK ("booked" >= 0 AND "booked" <= "capacity");

-- Bookings
ALTER TABLE "booking" ADD CONSTRAINT "booking_target_check" CHECK (num_nonnulls("department_id", "package_id") = 1);
ALTER TABLE "booking" ADD CONSTRAINT "booking_units_check" CHECK ("units" > 0);
ALTER TABLE "booking" ADD CONSTRAINT "booking_reference_check" CHECK ("reference" ~ '^[A-Z0-9-]{6,32}$');
ALTER TABLE "booking" ADD CONSTRAINT "booking_idempotency_key_check" CHECK (length("idempotency_key") BETWEEN 8 AND 200);
-- Rule 4: direct billing names an insurer, self-pay names none.
ALTER TABLE "booking" ADD CONSTRAINT "booking_payment_check" CHECK (("payment_method" = 'DIRECT_BILLING') = ("insurer_id" IS NOT NULL));
ALTER TABLE "booking" ADD CONSTRAINT "booking_cancel_check" CHECK (("status" = 'CANCELLED') = ("cancelled_at" IS NOT NULL));

-- Payment
ALTER TABLE "direct_billing_agreement" ADD CONSTRAINT "agreement_dates_check" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from");
ALTER TABLE "direct_billing_agreement" ADD CONSTRAINT "agreement_preauth_check" CHECK ("preauth_lead_days" BETWEEN 0 AND 60);

-- Rule 3: quota rules and periods.
ALTER TABLE "quota_rule" ADD CONSTRAINT "quota_rule_percent_check" CHECK ("cap_percent" >= 0 AND "cap_percent" <= 100);
ALTER TABLE "quota_rule" ADD CONSTRAINT "quota_rule_dates_check" CHECK ("effective_to" IS NULL OR "effective_to" >= "effective_from");
ALTER TABLE "quota_rule" ADD CONSTRAINT "quota_rule_scope_check" CHECK (
  ("scope" = 'NATIONAL' AND "city_id" IS NULL AND "institution_id" IS NULL) OR
  ("scope" = 'CITY' AND "city_id" IS NOT NULL AND "institution_id" IS NULL) OR
  ("scope" = 'INSTITUTION' AND "city_id" IS NULL AND "institution_id" IS NOT NULL));
ALTER TABLE "quota_period" ADD CONSTRAINT "quota_period_month_check" CHECK (EXTRACT(DAY FROM "month") = 1);
ALTER TABLE "quota_period" ADD CONSTRAINT "quota_period_volume_check" CHECK ("declared_volume" IS NULL OR "declared_volume" BETWEEN 0 AND 100000000);
ALTER TABLE "quota_period" ADD CONSTRAINT "quota_period_units_check" CHECK ("used_units" >= 0 AND "published_units" >= 0 AND ("cap_units" IS NULL OR "cap_units" >= 0));

-- Guides: at most one published version per guide.
CREATE UNIQUE INDEX "guide_version_one_published_idx" ON "guide_version" ("guide_id") WHERE "status" = 'PUBLISHED';
ALTER TABLE "guide_version" ADD CONSTRAINT "guide_version_published_check" CHECK (("status" = 'DRAFT') = ("published_at" IS NULL));

-- People
ALTER TABLE "user" ADD CONSTRAINT "user_email_lowercase_check" CHECK ("email" = lower("email") AND "email" LIKE '%_@_%');
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_scope_check" CHECK (
  ("role" IN ('HOSPITAL_STAFF', 'HOSPITAL_MANAGER') AND "institution_id" IS NOT NULL AND "city_id" IS NULL) OR
  ("role" = 'CITY_ADMIN' AND "city_id" IS NOT NULL AND "institution_id" IS NULL) OR
  ("role" = 'SYSTEM_ADMIN' AND "city_id" IS NULL AND "institution_id" IS NULL));
-- NULLs are distinct in a plain unique index, so these keep one assignment per scope.
CREATE UNIQUE INDEX "role_assignment_institution_unique" ON "role_assignment" ("user_id", "role", "institution_id") WHERE "institution_id" IS NOT NULL;
CREATE UNIQUE INDEX "role_assignment_city_unique" ON "role_assignment" ("user_id", "role", "city_id") WHERE "city_id" IS NOT NULL;
CREATE UNIQUE INDEX "role_assignment_system_unique" ON "role_assignment" ("user_id", "role") WHERE "role" = 'SYSTEM_ADMIN';

-- Outbox
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_attempts_check" CHECK ("attempts" >= 0);
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_sent_check" CHECK (("status" = 'SENT') = ("sent_at" IS NOT NULL));
