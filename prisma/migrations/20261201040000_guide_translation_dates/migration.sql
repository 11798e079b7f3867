-- Issue 16: the guide editor shows a section's source text (English or
-- Chinese) beside the translation, with when each was last saved, and marks a
-- translation whose source was saved after it. Each language's text now keeps
-- when it was first written and when it was last saved. Rows written before
-- this release take their version's publication time (or the draft's
-- creation time), the best date known for them.
ALTER TABLE "guide_section_translation" ADD COLUMN "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

UPDATE "guide_section_translation" t SET
  "created_at" = coalesce(v."published_at", v."created_at"),
  "updated_at" = coalesce(v."published_at", v."created_at")
FROM "guide_section" s JOIN "guide_version" v ON v."id" = s."version_id"
WHERE s."id" = t."section_id";
