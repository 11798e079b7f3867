-- Issue 18: the FHIR R4 API and hospital systems as clients.
--
-- integration_client: a hospital system calling the FHIR API with OAuth 2.0
-- client credentials for one institution (ADR 0021). Only the secret hash is
-- kept, and secret_version is carried by every token, so rotating or revoking stops
-- earlier tokens at once.
CREATE TABLE "integration_client" (
    "id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "secret_version" INTEGER NOT NULL DEFAULT 1,
    "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "webhook_url" TEXT,
    "webhook_secret_enc" TEXT,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rotated_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    CONSTRAINT "integration_client_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "integration_client_name_length" CHECK (char_length("name") BETWEEN 1 AND 80),
    CONSTRAINT "integration_client_webhook_https" CHECK ("webhook_url" IS NULL OR "webhook_url" ~ '^https://')
);
CREATE UNIQUE INDEX "integration_client_client_id_key" ON "integration_client"("client_id");
CREATE INDEX "integration_client_institution_id_idx" ON "integration_client"("institution_id");
ALTER TABLE "integration_client" ADD CONSTRAINT "integration_client_institution_id_fkey"
    FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "integration_client" ADD CONSTRAINT "integration_client_created_by_id_fkey"
    FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A schedule published by a hospital system (ADR 0022): its identifier there, the
-- client that manages it and the planning horizon of its last push.
ALTER TABLE "schedule"
    ADD COLUMN "external_system" TEXT,
    ADD COLUMN "external_id" TEXT,
    ADD COLUMN "managed_by_client_id" TEXT,
    ADD COLUMN "horizon_start" TIMESTAMPTZ(3),
    ADD COLUMN "horizon_end" TIMESTAMPTZ(3),
    ADD CONSTRAINT "schedule_external_identifier_pair"
        CHECK (("external_system" IS NULL) = ("external_id" IS NULL));
CREATE UNIQUE INDEX "schedule_institution_id_external_system_external_id_key"
    ON "schedule"("institution_id", "external_system", "external_id");
ALTER TABLE "schedule" ADD CONSTRAINT "schedule_managed_by_client_id_fkey"
    FOREIGN KEY ("managed_by_client_id") REFERENCES "integration_client"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "slot"
    ADD COLUMN "external_system" TEXT,
    ADD COLUMN "external_id" TEXT,
    ADD CONSTRAINT "slot_external_identifier_pair"
        CHECK (("external_system" IS NULL) = ("external_id" IS NULL));
CREATE UNIQUE INDEX "slot_schedule_id_external_system_external_id_key"
    ON "slot"("schedule_id", "external_system", "external_id");

-- The change feed a hospital system polls (Appointment?_lastUpdated=gt…) reads
-- booking.updated_at: a trigger keeps it true for every UPDATE, raw SQL included
-- (the @updatedAt of Prisma only covers its own model queries). clock_timestamp(),
-- not now(): a long transaction late change must not look older than it is.
-- The migration runner splits a script at every semicolon, quotes and dollar
-- quotes included, so the body spells its semicolons as the Unicode escape 003B.
CREATE FUNCTION "booking_touch_updated_at"() RETURNS trigger LANGUAGE plpgsql AS
    U&'BEGIN NEW."updated_at" := clock_timestamp()\003B RETURN NEW\003B END';
CREATE TRIGGER "booking_touch_updated_at" BEFORE UPDATE ON "booking"
    FOR EACH ROW EXECUTE FUNCTION "booking_touch_updated_at"();
CREATE INDEX "booking_institution_id_updated_at_id_idx" ON "booking"("institution_id", "updated_at", "id");

-- The outbox also delivers signed webhooks to hospital systems (ADR 0022).
CREATE TYPE "OutboxChannel" AS ENUM ('EMAIL', 'WEBHOOK');
ALTER TABLE "outbox_message"
    ADD COLUMN "channel" "OutboxChannel" NOT NULL DEFAULT 'EMAIL',
    ADD COLUMN "target_url" TEXT,
    ADD COLUMN "client_id" TEXT,
    ALTER COLUMN "to_email" DROP NOT NULL,
    ADD CONSTRAINT "outbox_message_recipient" CHECK (
        ("channel" = 'EMAIL' AND "to_email" IS NOT NULL)
        OR ("channel" = 'WEBHOOK' AND "target_url" IS NOT NULL AND "client_id" IS NOT NULL));
