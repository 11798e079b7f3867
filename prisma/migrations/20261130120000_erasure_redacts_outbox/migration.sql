-- Issue 14, DESIGN rule 8: erasure reaches every copy the portal keeps. Until
-- now an erased booking's outbox rows kept the patient's address (to_email,
-- and an SMTP error may quote it in last_error), and its erasure notice kept
-- the name in its payload for good. From this release anonymizeBookings
-- (lib/booking/personal-data.ts) redacts them at erasure and deliver-outbox
-- redacts the notice once delivered. This redacts the rows of bookings
-- anonymized before, the same way: recipient erased-<booking id>@invalid,
-- payload {"bookingId", "redacted"}, error text replaced. An erasure notice
-- still waiting to be sent keeps what it needs until deliver-outbox sends it.
UPDATE "outbox_message" o SET
  "to_email" = 'erased-' || b."id" || '@invalid',
  "payload" = jsonb_build_object('bookingId', b."id", 'redacted', true),
  "status" = CASE WHEN o."status" = 'PENDING' THEN 'FAILED'::"OutboxStatus" ELSE o."status" END,
  "last_error" = CASE WHEN o."status" = 'PENDING' THEN 'personal data erased'
    WHEN o."last_error" IS NULL THEN NULL ELSE '(redacted: personal data erased)' END,
  "locked_until" = NULL
FROM "booking" b
WHERE b."anonymized_at" IS NOT NULL
  AND coalesce(o."payload"->>'bookingId',
    CASE WHEN o."dedupe_key" LIKE 'booking.%' THEN split_part(o."dedupe_key", ':', 2) END) = b."id"
  AND NOT (o."template" = 'booking-erased' AND o."status" = 'PENDING');
