-- Issue 13: a hold keeps its units of the month's special-service quota, so a
-- live hold is always honoured by the month as well as by the slot.
ALTER TABLE "hold" ADD COLUMN "units" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "hold" ADD COLUMN "quota_period_id" TEXT;
ALTER TABLE "hold" ADD CONSTRAINT "hold_units_check" CHECK ("units" > 0);
ALTER TABLE "hold" ADD CONSTRAINT "hold_quota_period_id_fkey" FOREIGN KEY ("quota_period_id") REFERENCES "quota_period"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "hold_quota_period_id_expires_at_idx" ON "hold"("quota_period_id", "expires_at");

-- Every change of a booking is one numbered event (its version after the
-- change). An e-mail about a booking is keyed by the event that caused it, so
-- one event writes at most one e-mail and every e-mail names its event.
CREATE TABLE "booking_event" (
    "booking_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "actor_role" "Role",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "booking_event_pkey" PRIMARY KEY ("booking_id", "version")
);
ALTER TABLE "booking_event" ADD CONSTRAINT "booking_event_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "booking_event" ADD CONSTRAINT "booking_event_version_check" CHECK ("version" >= 0);
