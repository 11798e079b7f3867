-- Issue 21 item 2 (ADR 0030): tags of the rendered-page cache, bumped in the
-- transaction of the change that makes a cached page wrong, so that every
-- instance sees the bump the moment the change commits.
--
-- A cached page remembers the generation of each of its tags as read before it
-- was rendered, and is served only while every generation is unchanged on the
-- primary (lib/cache/page-cache.ts). A tag with no row has generation 0.
--
-- Tags:
--   catalogue            any change a list page can show (institutions and their
--                        texts, departments, packages, agreements, cities,
--                        insurers): the finder, home, package pages.
--   institution:<slug>   the page of one institution: its row, texts, departments,
--                        packages, agreements, old slugs, and its availability.
--   places, insurers     city and insurer names (shown on every institution page).
--   guides               published city guides.
--   availability         "takes online bookings" may have changed somewhere: a
--                        slot added, removed, closed, reopened or moved, a declared
--                        volume set. A booking or a hold (slot.booked, quota
--                        used_units) bumps nothing: no public page shows them.
--
-- The migration runner splits a script at every semicolon, quotes and dollar
-- quotes included (ADR 0002), so the PL/pgSQL bodies are U& strings that spell
-- their semicolons as the Unicode escape 003B.
CREATE SEQUENCE "cache_tag_generation";

CREATE TABLE "cache_tag" (
    "tag" TEXT NOT NULL,
    "generation" BIGINT NOT NULL,
    "bumped_at" TIMESTAMPTZ(3) NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT "cache_tag_pkey" PRIMARY KEY ("tag")
);

-- One statement per bump, tags in one order (two bumps never deadlock).
CREATE FUNCTION cache_tag_bump(tags TEXT[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO cache_tag (tag, generation, bumped_at)
  SELECT t, nextval('cache_tag_generation'), clock_timestamp()
  FROM (SELECT DISTINCT unnest(tags) AS t) s
  WHERE t IS NOT NULL
  ORDER BY t
  ON CONFLICT (tag) DO UPDATE SET generation = EXCLUDED.generation, bumped_at = EXCLUDED.bumped_at
$$;

-- The institution:<slug> tags of a set of institution ids.
CREATE FUNCTION cache_institution_tags(ids TEXT[]) RETURNS TEXT[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg('institution:' || slug), '{}') FROM institution WHERE id = ANY(ids)
$$;

-- Statement triggers, one per event (PostgreSQL allows transition tables on
-- single-event triggers only). TG_ARGV[0] holds the fixed tags, comma-separated.
-- TG_ARGV[1] says how the changed rows lead to an institution: "institution",
-- "institution_id", "department_id", "package_id", or "none".
CREATE FUNCTION cache_tag_changed() RETURNS trigger LANGUAGE plpgsql AS U&'
DECLARE
  fixed TEXT[] := string_to_array(TG_ARGV[0], '','')\003B
  via TEXT := TG_ARGV[1]\003B
  ids TEXT[] := ''{}''\003B
  slugs TEXT[] := ''{}''\003B
BEGIN
  IF via = ''institution'' THEN
    IF TG_OP IN (''INSERT'', ''UPDATE'') THEN
      SELECT coalesce(array_agg(''institution:'' || slug), ''{}'') INTO slugs FROM new_rows\003B
    END IF\003B
    IF TG_OP IN (''UPDATE'', ''DELETE'') THEN
      SELECT slugs || coalesce(array_agg(''institution:'' || slug), ''{}'') INTO slugs FROM old_rows\003B
    END IF\003B
  ELSIF via IN (''institution_id'', ''department_id'', ''package_id'') THEN
    IF TG_OP IN (''INSERT'', ''UPDATE'') THEN
      EXECUTE format(''SELECT coalesce(array_agg(DISTINCT %I), ''''{}'''') FROM new_rows'', via) INTO ids\003B
    END IF\003B
    IF TG_OP IN (''UPDATE'', ''DELETE'') THEN
      EXECUTE format(''SELECT $1 || coalesce(array_agg(DISTINCT %I), ''''{}'''') FROM old_rows'', via) INTO ids USING ids\003B
    END IF\003B
    IF via = ''department_id'' THEN
      SELECT coalesce(array_agg(DISTINCT institution_id), ''{}'') INTO ids FROM department WHERE id = ANY(ids)\003B
    ELSIF via = ''package_id'' THEN
      SELECT coalesce(array_agg(DISTINCT institution_id), ''{}'') INTO ids FROM tcm_package WHERE id = ANY(ids)\003B
    END IF\003B
    slugs := cache_institution_tags(ids)\003B
  END IF\003B
  PERFORM cache_tag_bump(fixed || slugs)\003B
  RETURN NULL\003B
END
';

-- The catalogue: every statement that changes a row bumps its tags once.
CREATE TRIGGER institution_cache_tag_insert AFTER INSERT ON institution REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution');
CREATE TRIGGER institution_cache_tag_update AFTER UPDATE ON institution REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution');
CREATE TRIGGER institution_cache_tag_delete AFTER DELETE ON institution REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution');
CREATE TRIGGER institution_translation_cache_tag_insert AFTER INSERT ON institution_translation REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER institution_translation_cache_tag_update AFTER UPDATE ON institution_translation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER institution_translation_cache_tag_delete AFTER DELETE ON institution_translation REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER institution_criterion_cache_tag_insert AFTER INSERT ON institution_criterion REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER institution_criterion_cache_tag_update AFTER UPDATE ON institution_criterion REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER institution_criterion_cache_tag_delete AFTER DELETE ON institution_criterion REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER institution_slug_redirect_cache_tag_insert AFTER INSERT ON institution_slug_redirect REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER institution_slug_redirect_cache_tag_update AFTER UPDATE ON institution_slug_redirect REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER institution_slug_redirect_cache_tag_delete AFTER DELETE ON institution_slug_redirect REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER department_cache_tag_insert AFTER INSERT ON department REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER department_cache_tag_update AFTER UPDATE ON department REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER department_cache_tag_delete AFTER DELETE ON department REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER department_translation_cache_tag_insert AFTER INSERT ON department_translation REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'department_id');
CREATE TRIGGER department_translation_cache_tag_update AFTER UPDATE ON department_translation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'department_id');
CREATE TRIGGER department_translation_cache_tag_delete AFTER DELETE ON department_translation REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'department_id');
CREATE TRIGGER tcm_package_cache_tag_insert AFTER INSERT ON tcm_package REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER tcm_package_cache_tag_update AFTER UPDATE ON tcm_package REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER tcm_package_cache_tag_delete AFTER DELETE ON tcm_package REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER tcm_package_translation_cache_tag_insert AFTER INSERT ON tcm_package_translation REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'package_id');
CREATE TRIGGER tcm_package_translation_cache_tag_update AFTER UPDATE ON tcm_package_translation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'package_id');
CREATE TRIGGER tcm_package_translation_cache_tag_delete AFTER DELETE ON tcm_package_translation REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'package_id');
CREATE TRIGGER direct_billing_agreement_cache_tag_insert AFTER INSERT ON direct_billing_agreement REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER direct_billing_agreement_cache_tag_update AFTER UPDATE ON direct_billing_agreement REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER direct_billing_agreement_cache_tag_delete AFTER DELETE ON direct_billing_agreement REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue', 'institution_id');
CREATE TRIGGER city_cache_tag_insert AFTER INSERT ON city REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue,places', 'none');
CREATE TRIGGER city_cache_tag_update AFTER UPDATE ON city REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue,places', 'none');
CREATE TRIGGER city_cache_tag_delete AFTER DELETE ON city REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue,places', 'none');
CREATE TRIGGER city_translation_cache_tag_insert AFTER INSERT ON city_translation REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue,places', 'none');
CREATE TRIGGER city_translation_cache_tag_update AFTER UPDATE ON city_translation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue,places', 'none');
CREATE TRIGGER city_translation_cache_tag_delete AFTER DELETE ON city_translation REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue,places', 'none');
CREATE TRIGGER insurer_cache_tag_insert AFTER INSERT ON insurer REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue,insurers', 'none');
CREATE TRIGGER insurer_cache_tag_update AFTER UPDATE ON insurer REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue,insurers', 'none');
CREATE TRIGGER insurer_cache_tag_delete AFTER DELETE ON insurer REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('catalogue,insurers', 'none');
CREATE TRIGGER guide_cache_tag_insert AFTER INSERT ON guide REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('guides', 'none');
CREATE TRIGGER guide_cache_tag_update AFTER UPDATE ON guide REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('guides', 'none');
CREATE TRIGGER guide_cache_tag_delete AFTER DELETE ON guide REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('guides', 'none');
CREATE TRIGGER guide_version_cache_tag_insert AFTER INSERT ON guide_version REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('guides', 'none');
CREATE TRIGGER guide_version_cache_tag_update AFTER UPDATE ON guide_version REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('guides', 'none');
CREATE TRIGGER guide_version_cache_tag_delete AFTER DELETE ON guide_version REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('guides', 'none');
CREATE TRIGGER guide_section_cache_tag_insert AFTER INSERT ON guide_section REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('guides', 'none');
CREATE TRIGGER guide_section_cache_tag_update AFTER UPDATE ON guide_section REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('guides', 'none');
CREATE TRIGGER guide_section_cache_tag_delete AFTER DELETE ON guide_section REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('guides', 'none');
CREATE TRIGGER guide_section_translation_cache_tag_insert AFTER INSERT ON guide_section_translation REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('guides', 'none');
CREATE TRIGGER guide_section_translation_cache_tag_update AFTER UPDATE ON guide_section_translation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('guides', 'none');
CREATE TRIGGER guide_section_translation_cache_tag_delete AFTER DELETE ON guide_section_translation REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('guides', 'none');

-- Availability: slots added or removed (a schedule published, an external
-- system replacing its slots) bump once per statement. An update bumps only when
-- it changes what "takes online bookings" reads: a row trigger on those columns
-- whose WHEN skips everything else, so the slot.booked update of a booking or a
-- cancellation runs no trigger at all.
CREATE FUNCTION cache_tag_row_changed() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  PERFORM cache_tag_bump(ARRAY[''availability''] || cache_institution_tags(ARRAY[OLD.institution_id, NEW.institution_id]))\003B
  RETURN NULL\003B
END
';
CREATE TRIGGER slot_cache_tag_insert AFTER INSERT ON slot REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('availability', 'institution_id');
CREATE TRIGGER slot_cache_tag_delete AFTER DELETE ON slot REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('availability', 'institution_id');
CREATE TRIGGER slot_cache_tag_update AFTER UPDATE OF closed, starts_at, department_id, package_id, institution_id ON slot
  FOR EACH ROW WHEN (
    (OLD.closed, OLD.starts_at, OLD.department_id, OLD.package_id, OLD.institution_id)
    IS DISTINCT FROM (NEW.closed, NEW.starts_at, NEW.department_id, NEW.package_id, NEW.institution_id))
  EXECUTE FUNCTION cache_tag_row_changed();

-- Declared volumes: a public institution without one takes no booking online.
CREATE TRIGGER quota_period_cache_tag_insert AFTER INSERT ON quota_period REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('availability', 'institution_id');
CREATE TRIGGER quota_period_cache_tag_delete AFTER DELETE ON quota_period REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cache_tag_changed('availability', 'institution_id');
CREATE TRIGGER quota_period_cache_tag_update AFTER UPDATE OF declared_volume, month, institution_id ON quota_period
  FOR EACH ROW WHEN (
    (OLD.declared_volume, OLD.month, OLD.institution_id) IS DISTINCT FROM (NEW.declared_volume, NEW.month, NEW.institution_id))
  EXECUTE FUNCTION cache_tag_row_changed();
