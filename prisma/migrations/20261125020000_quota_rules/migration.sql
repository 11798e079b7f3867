-- Rule 3 made configurable (issue 6). The cap is no longer stored per month:
-- it is computed from the rules in force on the visit day and the declared
-- volume, in the booking's own statement, so a rule change applies to the
-- bookings made after it and never revokes one.

ALTER TABLE "quota_period" DROP CONSTRAINT "quota_period_units_check";
ALTER TABLE "quota_period" DROP COLUMN "cap_units";
ALTER TABLE "quota_period" DROP COLUMN "published_units";
ALTER TABLE "quota_period" ADD COLUMN "declared_at" TIMESTAMPTZ(3);
ALTER TABLE "quota_period" ADD CONSTRAINT "quota_period_units_check" CHECK ("used_units" >= 0);

-- One rule per scope at a time: no two rules of the same scope (the nation,
-- one city, one institution) may be in force on the same day.
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE "quota_rule" ADD CONSTRAINT "quota_rule_no_overlap" EXCLUDE USING gist (
  (COALESCE("institution_id", "city_id", '')) WITH =,
  daterange("effective_from", "effective_to", '[]') WITH &&);

-- The strictest percentage in force for an institution on a day: the national
-- default, its city's rule and its own rule, whichever is lowest. With no rule
-- in force at all, the statutory 10%.
CREATE FUNCTION quota_percent(p_institution TEXT, p_day DATE) RETURNS NUMERIC
LANGUAGE sql STABLE AS $$
  SELECT COALESCE(MIN(r.cap_percent), 10)
  FROM institution i
  JOIN quota_rule r ON r.scope = 'NATIONAL'
    OR (r.scope = 'CITY' AND r.city_id = i.city_id)
    OR (r.scope = 'INSTITUTION' AND r.institution_id = i.id)
  WHERE i.id = p_institution
    AND r.effective_from <= p_day AND (r.effective_to IS NULL OR r.effective_to >= p_day)
$$;

-- The strictest percentage on any day of a month (meters, reports, publishing).
CREATE FUNCTION quota_month_percent(p_institution TEXT, p_month DATE) RETURNS NUMERIC
LANGUAGE sql STABLE AS $$
  SELECT MIN(quota_percent(p_institution, d::date))
  FROM generate_series(p_month, p_month + INTERVAL '1 month' - INTERVAL '1 day', INTERVAL '1 day') AS d
$$;

-- floor(percent x volume / 100), the units a month allows. NULL volume: none.
CREATE FUNCTION quota_cap_units(p_percent NUMERIC, p_volume INTEGER) RETURNS INTEGER
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_volume IS NULL THEN 0 ELSE floor(p_percent * p_volume / 100)::int END
$$;
