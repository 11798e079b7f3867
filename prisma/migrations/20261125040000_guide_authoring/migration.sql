-- Issue 8: a guide has at most one draft at a time (edits go to it, publishing
-- turns it into the published version).
CREATE UNIQUE INDEX "guide_version_one_draft_idx" ON "guide_version" ("guide_id") WHERE "status" = 'DRAFT';

-- Section texts: a title is never empty.
ALTER TABLE "guide_section_translation" ADD CONSTRAINT "guide_section_title_check" CHECK (length(btrim("title")) > 0);
