-- Issue 17: pre-authorization lead times are counted in working
-- days on the mainland, which the yearly State Council notice changes (a week off at Spring
-- Festival and National Day, weekend days made working days). The calendar is
-- data, not code, so the system admin can import a newly published year
-- without a release (ADR 0015). A date in a year listed in holiday_year counts
-- with the days of that year, and any other year falls back to Monday to Friday.
-- 2025 and 2026 come from chinese-days 1.5.7 (the notices of 2024 and 2025),
-- npm run holidays:update and the demo seed add the other years of the package.
CREATE TYPE "HolidayDayKind" AS ENUM ('HOLIDAY', 'MAKEUP_WORKDAY');

CREATE TABLE "holiday_year" (
    "year" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "holiday_year_pkey" PRIMARY KEY ("year"),
    CONSTRAINT "holiday_year_year_check" CHECK ("year" BETWEEN 2000 AND 2100)
);

CREATE TABLE "holiday_day" (
    "year" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "kind" "HolidayDayKind" NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    CONSTRAINT "holiday_day_pkey" PRIMARY KEY ("year", "date"),
    -- A notice arranges its own year, reaching back at most into the December before.
    CONSTRAINT "holiday_day_date_check" CHECK ("date" BETWEEN make_date("year" - 1, 12, 1) AND make_date("year", 12, 31)),
    CONSTRAINT "holiday_day_name_check" CHECK (length("name") > 0)
);

CREATE INDEX "holiday_day_date_idx" ON "holiday_day"("date");

ALTER TABLE "holiday_day" ADD CONSTRAINT "holiday_day_year_fkey" FOREIGN KEY ("year") REFERENCES "holiday_year"("year") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "holiday_year" ("year", "source") VALUES
    (2025, 'chinese-days 1.5.7'),
    (2026, 'chinese-days 1.5.7');

INSERT INTO "holiday_day" ("year", "date", "kind", "name", "name_en") VALUES
    (2025, '2025-01-01', 'HOLIDAY', '元旦', 'New Year''s Day'),
    (2025, '2025-01-26', 'MAKEUP_WORKDAY', '春节', 'Spring Festival'),
    (2025, '2025-01-28', 'HOLIDAY', '春节', 'Spring Festival'),
    (2025, '2025-01-29', 'HOLIDAY', '春节', 'Spring Festival'),
    (2025, '2025-01-30', 'HOLIDAY', '春节', 'Spring Festival'),
    (2025, '2025-01-31', 'HOLIDAY', '春节', 'Spring Festival'),
    (2025, '2025-02-01', 'HOLIDAY', '春节', 'Spring Festival'),
    (2025, '2025-02-02', 'HOLIDAY', '春节', 'Spring Festival'),
    (2025, '2025-02-03', 'HOLIDAY', '春节', 'Spring Festival'),
    (2025, '2025-02-04', 'HOLIDAY', '春节', 'Spring Festival'),
    (2025, '2025-02-08', 'MAKEUP_WORKDAY', '春节', 'Spring Festival'),
    (2025, '2025-04-04', 'HOLIDAY', '清明', 'Tomb-sweeping Day'),
    (2025, '2025-04-05', 'HOLIDAY', '清明', 'Tomb-sweeping Day'),
    (2025, '2025-04-06', 'HOLIDAY', '清明', 'Tomb-sweeping Day'),
    (2025, '2025-04-27', 'MAKEUP_WORKDAY', '劳动节', 'Labour Day'),
    (2025, '2025-05-01', 'HOLIDAY', '劳动节', 'Labour Day'),
    (2025, '2025-05-02', 'HOLIDAY', '劳动节', 'Labour Day'),
    (2025, '2025-05-03', 'HOLIDAY', '劳动节', 'Labour Day'),
    (2025, '2025-05-04', 'HOLIDAY', '劳动节', 'Labour Day'),
    (2025, '2025-05-05', 'HOLIDAY', '劳动节', 'Labour Day'),
    (2025, '2025-05-31', 'HOLIDAY', '端午', 'Dragon Boat Festival'),
    (2025, '2025-06-01', 'HOLIDAY', '端午', 'Dragon Boat Festival'),
    (2025, '2025-06-02', 'HOLIDAY', '端午', 'Dragon Boat Festival'),
    (2025, '2025-09-28', 'MAKEUP_WORKDAY', '国庆节', 'National Day'),
    (2025, '2025-10-01', 'HOLIDAY', '国庆节', 'National Day'),
    (2025, '2025-10-02', 'HOLIDAY', '国庆节', 'National Day'),
    (2025, '2025-10-03', 'HOLIDAY', '国庆节', 'National Day'),
    (2025, '2025-10-04', 'HOLIDAY', '国庆节', 'National Day'),
    (2025, '2025-10-05', 'HOLIDAY', '国庆节', 'National Day'),
    (2025, '2025-10-06', 'HOLIDAY', '中秋', 'Mid-autumn Festival'),
    (2025, '2025-10-07', 'HOLIDAY', '国庆节', 'National Day'),
    (2025, '2025-10-08', 'HOLIDAY', '国庆节', 'National Day'),
    (2025, '2025-10-11', 'MAKEUP_WORKDAY', '国庆节', 'National Day'),
    (2026, '2026-01-01', 'HOLIDAY', '元旦', 'New Year''s Day'),
    (2026, '2026-01-02', 'HOLIDAY', '元旦', 'New Year''s Day'),
    (2026, '2026-01-03', 'HOLIDAY', '元旦', 'New Year''s Day'),
    (2026, '2026-01-04', 'MAKEUP_WORKDAY', '元旦', 'New Year''s Day'),
    (2026, '2026-02-14', 'MAKEUP_WORKDAY', '春节', 'Spring Festival'),
    (2026, '2026-02-15', 'HOLIDAY', '春节', 'Spring Festival'),
    (2026, '2026-02-16', 'HOLIDAY', '春节', 'Spring Festival'),
    (2026, '2026-02-17', 'HOLIDAY', '春节', 'Spring Festival'),
    (2026, '2026-02-18', 'HOLIDAY', '春节', 'Spring Festival'),
    (2026, '2026-02-19', 'HOLIDAY', '春节', 'Spring Festival'),
    (2026, '2026-02-20', 'HOLIDAY', '春节', 'Spring Festival'),
    (2026, '2026-02-21', 'HOLIDAY', '春节', 'Spring Festival'),
    (2026, '2026-02-22', 'HOLIDAY', '春节', 'Spring Festival'),
    (2026, '2026-02-23', 'HOLIDAY', '春节', 'Spring Festival'),
    (2026, '2026-02-28', 'MAKEUP_WORKDAY', '春节', 'Spring Festival'),
    (2026, '2026-04-04', 'HOLIDAY', '清明', 'Tomb-sweeping Day'),
    (2026, '2026-04-05', 'HOLIDAY', '清明', 'Tomb-sweeping Day'),
    (2026, '2026-04-06', 'HOLIDAY', '清明', 'Tomb-sweeping Day'),
    (2026, '2026-05-01', 'HOLIDAY', '劳动节', 'Labour Day'),
    (2026, '2026-05-02', 'HOLIDAY', '劳动节', 'Labour Day'),
    (2026, '2026-05-03', 'HOLIDAY', '劳动节', 'Labour Day'),
    (2026, '2026-05-04', 'HOLIDAY', '劳动节', 'Labour Day'),
    (2026, '2026-05-05', 'HOLIDAY', '劳动节', 'Labour Day'),
    (2026, '2026-05-09', 'MAKEUP_WORKDAY', '劳动节', 'Labour Day'),
    (2026, '2026-06-19', 'HOLIDAY', '端午', 'Dragon Boat Festival'),
    (2026, '2026-06-20', 'HOLIDAY', '端午', 'Dragon Boat Festival'),
    (2026, '2026-06-21', 'HOLIDAY', '端午', 'Dragon Boat Festival'),
    (2026, '2026-09-20', 'MAKEUP_WORKDAY', '国庆节', 'National Day'),
    (2026, '2026-09-25', 'HOLIDAY', '中秋', 'Mid-autumn Festival'),
    (2026, '2026-09-26', 'HOLIDAY', '中秋', 'Mid-autumn Festival'),
    (2026, '2026-09-27', 'HOLIDAY', '中秋', 'Mid-autumn Festival'),
    (2026, '2026-10-01', 'HOLIDAY', '国庆节', 'National Day'),
    (2026, '2026-10-02', 'HOLIDAY', '国庆节', 'National Day'),
    (2026, '2026-10-03', 'HOLIDAY', '国庆节', 'National Day'),
    (2026, '2026-10-04', 'HOLIDAY', '国庆节', 'National Day'),
    (2026, '2026-10-05', 'HOLIDAY', '国庆节', 'National Day'),
    (2026, '2026-10-06', 'HOLIDAY', '国庆节', 'National Day'),
    (2026, '2026-10-07', 'HOLIDAY', '国庆节', 'National Day'),
    (2026, '2026-10-10', 'MAKEUP_WORKDAY', '国庆节', 'National Day');
