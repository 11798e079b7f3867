-- Each visa letter carries a verification code printed on it (ADR 0014): a
-- random code of 10 Crockford base-32 characters, stored with the letter, that
-- the issuing hospital's staff check with the letter's number. Letters issued
-- before this migration get a random code too (hexadecimal digits are Crockford
-- characters), printed from their next download on.
ALTER TABLE "visa_letter" ADD COLUMN "verification_code" TEXT;

UPDATE "visa_letter" SET "verification_code" = upper(substr(md5(random()::text || "id"), 1, 10));

ALTER TABLE "visa_letter" ALTER COLUMN "verification_code" SET NOT NULL;

ALTER TABLE "visa_letter"
  ADD CONSTRAINT "visa_letter_verification_code_format"
  CHECK ("verification_code" ~ '^[0-9A-HJKMNP-TV-Z]{10}$');
